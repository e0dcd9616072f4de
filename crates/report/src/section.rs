//! A benchmark run as the report shows it: its benchmark section (scope, tables, charts, the figures of the
//! diagnosis, notes) and the client's gaps to the competitor median, in the output language, built from the typed
//! run ([`chuxin_bench::BenchRun`]) by the report itself.

use crate::bench_charts::charts;
use crate::figures::{figure_text, local, metric_name, unit_label};
use crate::input::{BenchTable, Benchmark, Cell, Gap};
use chuxin_bench::BenchRun;
use chuxin_core::Lang;
use std::path::Path;

/// The client against the competitor median on every metric both have, for the portfolio's largest gap.
pub fn gaps(record: &BenchRun, lang: Lang) -> Vec<Gap> {
    record
        .overall
        .metrics
        .iter()
        .filter_map(|m| {
            Some(Gap {
                metric: m.metric.clone(),
                label: metric_name(&m.metric, lang),
                client: m.client?,
                competitors: m.competitor_median?,
                index: m.index?,
            })
        })
        .collect()
}

/// A benchmark run as the report's benchmark section, in `lang`, with its charts drawn as SVG.
pub fn section(record: &BenchRun, lang: Lang, font: Option<&Path>) -> Benchmark {
    let t = |a: &'static str, b: &'static str, c: &'static str| lang.pick(a, b, c).to_string();
    let period = record.window.as_ref().map_or_else(String::new, |w| {
        format!(
            " · {} {} – {}",
            t("資料期間", "数据期间", "data period"),
            w.start,
            w.end
        )
    });
    let scope = format!(
        "{} · {} {} {}{period} · {} {} · {} {}",
        record.date,
        record.client,
        t("對比", "对比", "vs"),
        record.competitors.join("、"),
        record.posts,
        t("則貼文", "条帖子", "posts"),
        record.by_platform.len(),
        t("個平台", "个平台", "platforms"),
    );
    let cell = |_: &str, v: Option<f64>| Cell::from(v);
    let mut tables = Vec::new();
    let mut rows = Vec::new();
    for m in record.overall.metrics.iter().filter(|m| m.client.is_some()) {
        let unit = unit_label(&m.metric).map(|u| format!(" ({u})")).unwrap_or_default();
        rows.push(vec![
            Cell::Text(format!("{}{unit}", metric_name(&m.metric, lang))),
            cell(&m.metric, m.client),
            cell(&m.metric, m.competitor_average),
            cell(&m.metric, m.competitor_median),
            cell(&m.metric, m.landscape_average),
            m.rank.map_or(Cell::Empty, |k| Cell::Text(format!("{k}/{}", m.ranked))),
            Cell::from(m.index),
        ]);
    }
    tables.push(BenchTable {
        id: "overall".into(),
        title: t(
            "與競品對比（全部平台）",
            "与竞品对比（全部平台）",
            "Against competitors (all platforms)",
        ),
        columns: vec![
            t("指標", "指标", "Metric"),
            record.client.clone(),
            t("競品平均", "竞品平均", "Competitor avg"),
            t("競品中位數", "竞品中位数", "Competitor median"),
            t("全體平均", "全体平均", "Landscape avg"),
            t("排名", "排名", "Rank"),
            t(
                "指數（競品中位數=100）",
                "指数（竞品中位数=100）",
                "Index (competitor median = 100)",
            ),
        ],
        rows,
        highlight: Some(1),
    });
    let refs: Vec<Vec<Cell>> = record
        .overall
        .metrics
        .iter()
        .chain(record.by_platform.iter().flat_map(|c| c.metrics.iter()))
        .flat_map(|m| m.references.iter().map(move |x| (m, x)))
        .map(|(m, x)| {
            vec![
                Cell::Text(metric_name(&m.metric, lang)),
                Cell::Text(format!("{} {}", x.row.source, x.row.report_year)),
                Cell::Text(format!("{} · {}", x.row.platform, x.row.industry)),
                Cell::Text(format!("{} / {}", x.row.statistic, x.row.denominator)),
                cell(&m.metric, Some(x.value)),
                Cell::from(x.client_index),
                Cell::Text(x.row.url.clone()),
            ]
        })
        .collect();
    if !refs.is_empty() {
        tables.push(BenchTable {
            id: "references".into(),
            title: t(
                "行業參考數據（各來源分列，不混合）",
                "行业参考数据（各来源分列，不混合）",
                "Industry references (each source on its own)",
            ),
            columns: vec![
                t("指標", "指标", "Metric"),
                t("來源", "来源", "Source"),
                t("平台 · 行業", "平台 · 行业", "Platform · industry"),
                t("統計 / 分母", "统计 / 分母", "Statistic / denominator"),
                t("數值", "数值", "Value"),
                t("客戶指數", "客户指数", "Client index"),
                t("出處", "出处", "Address"),
            ],
            rows: refs,
            highlight: None,
        });
    }
    for p in &record.plugins {
        tables.push(BenchTable {
            id: format!("plugin-{}", p.comparison),
            title: format!("{} — {}", local(&p.title, lang), local(&p.method, lang)),
            columns: vec![
                t("品牌", "品牌", "Brand"),
                t("數值", "数值", "Value"),
                t("貼文", "帖子", "Posts"),
            ],
            rows: p
                .rows
                .iter()
                .map(|r| {
                    let v = r.value.map(|v| if p.unit == "fraction" { v * 100.0 } else { v });
                    vec![Cell::Text(r.brand.clone()), Cell::from(v), Cell::Number(r.posts as f64)]
                })
                .collect(),
            highlight: Some(0),
        });
    }
    // What was read from each file: every column, used (for which field) or ignored, and why it deserves a look.
    let mut source_rows = Vec::new();
    for src in &record.sources {
        // The file's name only: a client's report does not show the agency's folders.
        let file = Path::new(&src.source_name)
            .file_name()
            .map_or_else(|| src.source_name.clone(), |n| n.to_string_lossy().into_owned());
        for c in &src.columns {
            source_rows.push(vec![
                Cell::Text(file.clone()),
                Cell::Text(c.header.clone()),
                Cell::Text(
                    c.field
                        .map_or_else(|| t("（未使用）", "（未使用）", "(ignored)"), |f| f.name().to_string()),
                ),
                Cell::Text(c.warning.clone().unwrap_or_default()),
            ]);
        }
        source_rows.push(vec![
            Cell::Text(file.clone()),
            Cell::Text(t("（整個檔案）", "（整个文件）", "(whole file)")),
            Cell::Text(format!("{} · {}", src.encoding_decided, src.profile)),
            Cell::Text(format!(
                "{} {} · {} {} · {} {} · {} {}",
                src.accepted,
                t("列已計入", "行已计入", "rows counted"),
                src.skipped_total,
                t("列略過", "行跳过", "skipped"),
                src.duplicates_total,
                t("重複", "重复", "duplicates"),
                src.other_brands.values().sum::<u64>(),
                t("列屬其他品牌", "行属其他品牌", "rows of other brands"),
            )),
        ]);
    }
    if !source_rows.is_empty() {
        tables.push(BenchTable {
            id: "sources".into(),
            title: t(
                "附錄：讀取的檔案與欄位",
                "附录：读取的文件与字段",
                "Appendix: files and columns read",
            ),
            columns: vec![
                t("檔案", "文件", "File"),
                t("欄位", "字段", "Column"),
                t("用途", "用途", "Read as"),
                t("說明", "说明", "Note"),
            ],
            rows: source_rows,
            highlight: None,
        });
    }
    let renderer = chuxin_chart::Renderer::new(font);
    let charts = charts(record, None, lang)
        .into_iter()
        .filter_map(|(id, chart)| {
            let svg = renderer.svg_string(&chart).ok()?;
            Some(crate::Chart {
                id,
                title: chart.title().to_string(),
                svg,
            })
        })
        .collect();
    let gaps = gaps(record, lang);
    let figures = record
        .facts
        .iter()
        .map(|(name, v)| (name.clone(), figure_text(name, *v, lang)))
        .collect();
    Benchmark {
        scope,
        tables,
        charts,
        gaps,
        notes: record.warnings.clone(),
        figures,
    }
}
