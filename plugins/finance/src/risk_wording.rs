//! `compliance_risk_share`: the share of a brand's posts whose text uses wording that promises returns or denies
//! risk.
//!
//! # Method
//!
//! 1. Only posts with a `text` are read; the others are counted in the row's note.
//! 2. A post is **risky** when its text contains at least one term of [`RISK_TERMS`]: promises of returns
//!    (保本, 保證收益, guaranteed returns), denials of risk (零風險, risk-free), and sure-win phrases (穩賺, can't
//!    lose). Matching ignores case; English terms must stand as whole words, Chinese ones match anywhere.
//! 3. Value = risky posts ÷ posts with text, per brand; the note names the most frequent terms.
//!
//! The figure counts posts **to review**, not confirmed breaches: a disclaimer such as "no investment is
//! risk-free" matches too, and some terms are lawful for specific products (a structured deposit may be
//! principal-protected under stated conditions). A compliance officer reads the flagged posts; chuxin only finds
//! them and compares brands.

use chuxin_plugin_api::support::{BrandFigure, KeywordCounts, find_keywords, plural, rows_by_brand};
use chuxin_plugin_api::{CompareInput, CompareOutput, ComparisonInfo, LocalText, PostRecord};

/// The comparison's id.
pub const ID: &str = "compliance_risk_share";

/// Risk wording, in Traditional Chinese, Simplified Chinese (where the characters differ) and English.
pub const RISK_TERMS: &[&str] = &[
    // promises of capital or returns
    "保本",
    "保證收益",
    "保证收益",
    "保證獲利",
    "保证获利",
    "保證回報",
    "保证回报",
    "保息",
    "剛性兌付",
    "刚性兑付",
    "剛兌",
    "刚兑",
    // denials of risk
    "零風險",
    "零风险",
    "無風險",
    "无风险",
    "沒有風險",
    "没有风险",
    "高收益低風險",
    "高收益低风险",
    // sure wins
    "穩賺",
    "稳赚",
    "只賺不賠",
    "只赚不赔",
    "只漲不跌",
    "只涨不跌",
    "必賺",
    "必赚",
    "包賺",
    "包赚",
    "躺賺",
    "躺赚",
    // English
    "guaranteed return",
    "guaranteed returns",
    "guaranteed profit",
    "guaranteed profits",
    "guaranteed income",
    "capital guaranteed",
    "principal guaranteed",
    "risk-free",
    "risk free",
    "no risk",
    "zero risk",
    "can't lose",
    "cannot lose",
    "sure profit",
    "sure win",
    "double your money",
];

fn title() -> LocalText {
    LocalText::new(
        "風險用語貼文比例",
        "风险用语帖子比例",
        "Share of posts with compliance-risk wording",
    )
}

fn method() -> LocalText {
    LocalText::new(
        "只讀有內文的貼文。內文含有保證收益、否認風險或穩賺類用語(例如保本、保證收益、零風險、穩賺、guaranteed returns、risk-free;完整中英文詞表見外掛說明)即計為風險貼文。比例 = 風險貼文 ÷ 有內文的貼文。這是待法遵複核的貼文數,不等於確定違規:「沒有投資是零風險的」這類警語也會被抓到。",
        "只读有正文的帖子。正文含有保证收益、否认风险或稳赚类用语(例如保本、保证收益、零风险、稳赚、guaranteed returns、risk-free;完整中英文词表见插件说明)即计为风险帖子。比例 = 风险帖子 ÷ 有正文的帖子。这是待合规复核的帖子数,不等于确定违规:「没有投资是零风险的」这类提示也会被抓到。",
        "Only posts with text are read. A post is risky when its text promises returns, denies risk or promises a sure win (for example 保本, 保證收益, 零風險, 穩賺, guaranteed returns, risk-free; the full Chinese and English list is in the plugin's docs). Share = risky posts ÷ posts with text. It counts posts for compliance to review, not confirmed breaches: a disclaimer such as 'no investment is risk-free' matches too.",
    )
}

/// Describes the comparison for the `comparisons` method.
pub fn info() -> ComparisonInfo {
    ComparisonInfo {
        id: ID.to_owned(),
        title: title(),
        description: LocalText::new(
            "每個品牌的貼文中,有多少使用保證收益、否認風險或穩賺類用語。數字越高,越需要法遵逐則複核。",
            "每个品牌的帖子中,有多少使用保证收益、否认风险或稳赚类用语。数字越高,越需要合规逐条复核。",
            "The share of each brand's posts that promise returns, deny risk or promise a sure win. The higher it is, the more posts compliance should review one by one.",
        ),
        unit: "fraction".to_owned(),
        needs: vec!["text".to_owned()],
    }
}

/// Runs the comparison.
pub fn compare(input: &CompareInput) -> CompareOutput {
    info().output(method(), rows_by_brand(input, brand_share))
}

fn brand_share(posts: &[&PostRecord]) -> BrandFigure {
    let mut with_text = 0usize;
    let mut risky = 0usize;
    let mut counts = KeywordCounts::default();
    for post in posts {
        let Some(text) = post.text.as_deref() else {
            continue;
        };
        with_text += 1;
        let found = find_keywords(text, RISK_TERMS);
        if !found.is_empty() {
            risky += 1;
        }
        counts.add(found);
    }
    let mut notes = Vec::new();
    let value = if with_text > 0 {
        Some(risky as f64 / with_text as f64)
    } else {
        notes.push("no post with text".to_owned());
        None
    };
    if let Some(top) = counts.most_frequent(3) {
        notes.push(format!("most frequent terms: {top}"));
    }
    let without_text = posts.len() - with_text;
    if without_text > 0 {
        notes.push(format!(
            "{without_text} post{} without text left out",
            plural(without_text)
        ));
    }
    BrandFigure {
        value,
        posts: with_text,
        notes,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn post(brand: &str, text: Option<&str>) -> PostRecord {
        PostRecord {
            brand: brand.into(),
            text: text.map(str::to_owned),
            ..PostRecord::default()
        }
    }

    #[test]
    fn share_of_posts_with_risk_terms() {
        let rows = compare(&CompareInput {
            comparison: ID.into(),
            client_brand: "Harbour Bank".into(),
            posts: vec![
                post(
                    "Harbour Bank",
                    Some("新年定存專案,年利率 1.8%。投資一定有風險,請詳閱說明書。"),
                ),
                post("Harbour Bank", Some("保本保息,穩賺不賠!")),
                post(
                    "Harbour Bank",
                    Some("A risk-free way to grow: guaranteed returns of 8%"),
                ),
                post("Harbour Bank", Some("理财小课堂:什么是分散投资?")),
                post("Harbour Bank", None),
                post("Lion Securities", Some("Markets update: no position is without risk.")),
            ],
            ..CompareInput::default()
        })
        .rows;
        assert_eq!(
            (rows[0].brand.as_str(), rows[0].client, rows[0].posts),
            ("Harbour Bank", true, 4)
        );
        assert!((rows[0].value.unwrap() - 0.5).abs() < 1e-12);
        assert_eq!(
            rows[0].note.as_deref(),
            Some("most frequent terms: guaranteed returns (1), risk-free (1), 保息 (1); 1 post without text left out")
        );
        assert_eq!((rows[1].value, rows[1].note.as_deref()), (Some(0.0), None));
    }

    #[test]
    fn terms_are_unique() {
        let mut seen = std::collections::HashSet::new();
        for t in RISK_TERMS {
            assert!(seen.insert(t.to_lowercase()), "duplicate term {t}");
        }
    }
}
