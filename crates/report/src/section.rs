//! A benchmark run as the report shows it: its benchmark section (scope, tables, charts, the figures of the
//! diagnosis, notes) and the client's gaps to the competitor median, in the output language, built from the typed
//! run ([`chuxin_bench::BenchRun`]) by the report itself.

use crate::bench_charts::charts;
use crate::figures::{column_warning, encoding_decided, figure_text, local, metric_name, unit_label};
use crate::input::{BenchTable, Benchmark, Cell, Gap};
use chuxin_bench::BenchRun;
use chuxin_core::Lang;
use chuxin_core::msg;
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
    let period = record.window.as_ref().map_or_else(String::new, |w| {
        format!(" · {} {} – {}", msg!(lang, "cli.bench.data_period"), w.start, w.end)
    });
    let scope = format!(
        "{} · {} {} {}{period} · {} {} · {} {}",
        record.date,
        record.client,
        msg!(lang, "cli.bench.vs"),
        record.competitors.join("、"),
        record.posts,
        msg!(lang, "cli.bench.posts"),
        record.by_platform.len(),
        msg!(lang, "bench_section.platforms"),
    );
    let cell = |_: &str, v: Option<f64>| Cell::from(v);
    let mut tables = Vec::new();
    let mut rows = Vec::new();
    for m in record.overall.metrics.iter().filter(|m| m.client.is_some()) {
        let unit = unit_label(&m.metric, lang)
            .map(|u| format!(" ({u})"))
            .unwrap_or_default();
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
        title: msg!(lang, "bench_section.against_competitors_all_platforms"),
        columns: vec![
            msg!(lang, "report.metric"),
            record.client.clone(),
            msg!(lang, "bench_section.competitor_avg"),
            msg!(lang, "bench_section.competitor_median"),
            msg!(lang, "bench_section.landscape_avg"),
            msg!(lang, "bench_section.rank"),
            msg!(lang, "bench_section.index_competitor_median_100"),
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
            title: msg!(lang, "bench_section.industry_references_each_source"),
            columns: vec![
                msg!(lang, "report.metric"),
                msg!(lang, "bench_section.source"),
                msg!(lang, "bench_section.platform_industry"),
                msg!(lang, "bench_section.statistic_denominator"),
                msg!(lang, "bench_section.value"),
                msg!(lang, "bench_section.client_index"),
                msg!(lang, "bench_section.address"),
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
                msg!(lang, "bench_section.brand"),
                msg!(lang, "bench_section.value"),
                msg!(lang, "bench_section.posts"),
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
                        .map_or_else(|| msg!(lang, "bench_section.ignored"), |f| f.name().to_string()),
                ),
                Cell::Text(
                    c.warning
                        .as_deref()
                        .map(|w| column_warning(w, lang))
                        .unwrap_or_default(),
                ),
            ]);
        }
        source_rows.push(vec![
            Cell::Text(file.clone()),
            Cell::Text(msg!(lang, "bench_section.whole_file")),
            Cell::Text(format!(
                "{} · {}",
                encoding_decided(&src.encoding_decided, lang),
                src.profile
            )),
            Cell::Text(format!(
                "{} {} · {} {} · {} {} · {} {}",
                src.accepted,
                msg!(lang, "bench_section.rows_counted"),
                src.skipped_total,
                msg!(lang, "bench_section.skipped"),
                src.duplicates_total,
                msg!(lang, "bench_section.duplicates"),
                src.other_brands.values().sum::<u64>(),
                msg!(lang, "bench_section.rows_of_other_brands"),
            )),
        ]);
    }
    if !source_rows.is_empty() {
        tables.push(BenchTable {
            id: "sources".into(),
            title: msg!(lang, "bench_section.appendix_files_and_columns"),
            columns: vec![
                msg!(lang, "bench_section.file"),
                msg!(lang, "bench_section.column"),
                msg!(lang, "bench_section.read_as"),
                msg!(lang, "bench_section.note"),
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
