//! The report's own words in the three languages: one table, read by every renderer (the template gets it as
//! the map `t`).

use chuxin_core::Lang;
use std::collections::BTreeMap;

/// Every label: key, zh-Hant, zh-Hans, en.
const WORDS: &[(&str, &str, &str, &str)] = &[
    (
        "report_title",
        "社會化媒體稽核報告",
        "社会化媒体诊断报告",
        "Social media audit report",
    ),
    ("portfolio_title", "客戶組合總覽", "客户组合总览", "Client portfolio"),
    ("prepared_by", "製作", "制作", "Prepared by"),
    ("audit", "稽核", "审计", "Audit"),
    ("generated", "產出日期", "生成日期", "Generated"),
    ("industry", "產業", "行业", "Industry"),
    ("channels", "經營平台", "运营平台", "Channels"),
    ("competitors", "競爭對手", "竞争对手", "Competitors"),
    ("summary", "摘要", "摘要", "Summary"),
    (
        "top_actions",
        "優先要做的三件事",
        "优先要做的三件事",
        "Three things to do first",
    ),
    (
        "no_actions",
        "沒有診斷出問題：維持目前的做法，並在下次稽核時再檢視。",
        "没有诊断出问题：保持现有做法，下次审计时再检视。",
        "No sins found: keep going, and check again at the next audit.",
    ),
    ("overall", "總分", "总分", "Overall score"),
    ("maturity", "成熟度", "成熟度", "Maturity"),
    ("coverage", "覆蓋率", "覆盖率", "Coverage"),
    ("answered", "已答", "已答", "Answered"),
    ("sins_found", "診斷出的問題", "诊断出的问题", "Sins found"),
    ("weakest_section", "最弱的區塊", "最弱的板块", "Weakest section"),
    ("strongest_section", "最強的區塊", "最强的板块", "Strongest section"),
    (
        "low_coverage",
        "覆蓋率低於 80%:分數與成熟度僅供參考，請先補齊未作答的題目。",
        "覆盖率低于 80%:分数与成熟度仅供参考，请先补齐未作答的题目。",
        "Coverage is below 80%: read the scores and the maturity as provisional, and answer the open questions first.",
    ),
    ("sections", "各區塊分數", "各板块分数", "Section scores"),
    ("section", "區塊", "板块", "Section"),
    ("score", "分數", "分数", "Score"),
    ("weight", "權重", "权重", "Weight"),
    (
        "radar",
        "各區塊分數雷達圖",
        "各板块分数雷达图",
        "Section scores (radar)",
    ),
    ("anchors", "初心檢視", "初心检视", "The 初心 check"),
    (
        "anchors_intro",
        "原文的兩個問題：運營的關鍵是消費者的信任；核心目標是用心經營人與內容。",
        "原文的两个问题：运营的关键是消费者的信任；核心目标是用心经营人与内容。",
        "The article's two questions: the key is consumers' trust; the core goal is to care for people and content.",
    ),
    ("findings", "診斷：十宗罪", "诊断：十宗罪", "Diagnosis: the sins"),
    (
        "no_findings",
        "這次稽核沒有觸發任何問題。",
        "这次审计没有触发任何问题。",
        "This audit triggers no sin.",
    ),
    ("severity", "嚴重度", "严重度", "Severity"),
    ("category", "類別", "类别", "Category"),
    ("why", "為什麼重要", "为什么重要", "Why it matters"),
    ("evidence", "證據", "证据", "Evidence"),
    ("recommendation", "建議", "建议", "What to do"),
    ("question", "題目", "题目", "Question"),
    ("answer", "回答", "回答", "Answer"),
    ("note", "備註", "备注", "Note"),
    ("rule", "規則", "规则", "Rule"),
    ("metric", "指標", "指标", "Metric"),
    ("figure", "數據", "数据", "Figure"),
    ("unanswered", "未作答", "未作答", "unanswered"),
    ("no_data", "無數據", "无数据", "no data"),
    ("benchmark", "競品對標", "竞品对标", "Benchmark against competitors"),
    (
        "no_benchmark",
        "尚無對標數據：匯入客戶與競爭對手的平台匯出資料後，這一節會列出比較與圖表。",
        "暂无对标数据：导入客户与竞争对手的平台导出数据后，这一节会列出对比与图表。",
        "No benchmark data yet: import the client's and its competitors' platform exports and this section shows the comparisons and their charts.",
    ),
    (
        "chart_omitted",
        "圖表含有不安全的內容，已略過。",
        "图表含有不安全的内容，已略过。",
        "This chart held unsafe content and was left out.",
    ),
    (
        "change",
        "與上次稽核相比",
        "与上次审计相比",
        "Change since the previous audit",
    ),
    (
        "first_audit",
        "這是這位客戶的第一次稽核；下次稽核時會在這裡顯示變化。",
        "这是该客户的第一次审计；下次审计时会在这里显示变化。",
        "This is the client's first audit; the next one will show the change here.",
    ),
    ("previous", "上次", "上次", "Previous"),
    ("current", "本次", "本次", "Current"),
    ("delta", "變化", "变化", "Change"),
    ("new_sins", "新出現的問題", "新出现的问题", "New sins"),
    ("resolved_sins", "已解決的問題", "已解决的问题", "Resolved sins"),
    ("persisting_sins", "仍存在的問題", "仍存在的问题", "Sins still present"),
    ("none", "無", "无", "none"),
    (
        "change_chart",
        "各區塊分數：上次與本次",
        "各板块分数：上次与本次",
        "Section scores: previous and current",
    ),
    ("appendix", "附錄：所有回答", "附录：所有回答", "Appendix: the answers"),
    ("id", "編號", "编号", "id"),
    (
        "maturity_source",
        "成熟度等級依據",
        "成熟度等级依据",
        "Maturity levels after",
    ),
    (
        "footer",
        "由 chuxin 產生。分數只計算已作答的題目；未作答的題目不算零分。",
        "由 chuxin 生成。分数只计算已作答的题目；未作答的题目不算零分。",
        "Made with chuxin. Scores count answered questions only; an unanswered question never counts as zero.",
    ),
    ("high", "高", "高", "high"),
    ("medium", "中", "中", "medium"),
    ("low", "低", "低", "low"),
    (
        "heatmap",
        "客戶 × 區塊熱度圖",
        "客户 × 板块热力图",
        "Clients × sections heatmap",
    ),
    ("ranking", "依成熟度排名", "按成熟度排名", "Clients ranked by maturity"),
    ("rank", "名次", "名次", "Rank"),
    ("client", "客戶", "客户", "Client"),
    ("common_sins", "最常見的問題", "最常见的问题", "The most common sins"),
    ("clients_count", "客戶數", "客户数", "Clients"),
    ("which_clients", "哪些客戶", "哪些客户", "Which clients"),
    ("per_client", "各客戶的弱點", "各客户的弱点", "Each client's weak spots"),
    (
        "largest_gap",
        "與競品的最大差距",
        "与竞品的最大差距",
        "Largest gap to competitors",
    ),
    ("index", "指數", "指数", "Index"),
    ("warnings", "提醒", "提醒", "Warnings"),
    (
        "no_warnings",
        "沒有需要提醒的事項。",
        "没有需要提醒的事项。",
        "Nothing to warn about.",
    ),
    ("warn_no_audit", "尚未稽核", "尚未审计", "no audit yet"),
    ("warn_low_coverage", "覆蓋率偏低", "覆盖率偏低", "low coverage"),
    ("warn_no_benchmark", "沒有對標數據", "没有对标数据", "no benchmark data"),
    (
        "legend_scores",
        "0–100；空白表示該區塊沒有已作答的題目。",
        "0–100；空白表示该板块没有已作答的题目。",
        "0–100; a blank cell means no answered question in that section.",
    ),
];

/// One label in `lang`; the key itself when unknown (a bug that shows instead of failing).
pub fn word(lang: Lang, key: &str) -> &'static str {
    WORDS
        .iter()
        .find(|w| w.0 == key)
        .map_or("?", |w| lang.pick(w.1, w.2, w.3))
}

/// Every label in `lang`, by key.
pub fn all(lang: Lang) -> BTreeMap<&'static str, &'static str> {
    WORDS.iter().map(|w| (w.0, lang.pick(w.1, w.2, w.3))).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_unique_and_every_translation_is_set() {
        let mut keys: Vec<&str> = WORDS.iter().map(|w| w.0).collect();
        keys.sort_unstable();
        keys.dedup();
        assert_eq!(keys.len(), WORDS.len());
        assert!(
            WORDS
                .iter()
                .all(|w| !w.1.is_empty() && !w.2.is_empty() && !w.3.is_empty())
        );
        assert_eq!(word(Lang::ZhHans, "overall"), "总分");
    }
}
