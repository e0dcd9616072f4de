//! A benchmark run as the report shows it: its benchmark section (scope, tables, charts, the figures of the
//! diagnosis, notes) and the client's gaps to the competitor median, in the output language, built from the typed
//! run ([`chuxin_bench::BenchRun`]) by the report itself.

use crate::bench_charts::charts;
use crate::figures::{
    column_warning, encoding_decided, figure_text, format_index, format_metric, format_number, format_percent,
    in_sentence, industry_name, local, metric_name, platform_name, references_left_out, region_name, unit_label,
};
use crate::input::{BenchTable, Benchmark, Cell, ComparisonRow, Figure, FigureUnit, Gap};
use chuxin_bench::BenchRun;
use chuxin_bench::compare::MetricComparison;
use chuxin_bench::metrics::registry::Better;
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

/// Whether the client's value is better, worse or level with the competitors' median, by the metric's direction.
fn verdict(m: &MetricComparison) -> Option<std::cmp::Ordering> {
    let (c, median) = (m.client?, m.competitor_median?);
    let order = c.partial_cmp(&median)?;
    match m.better {
        Better::Higher => Some(order),
        Better::Lower => Some(order.reverse()),
        Better::Neither => None,
    }
}

/// The client's advantage over the competitors' median as a signed share of the median (positive = better), for
/// metrics with a direction and a positive median.
fn advantage(m: &MetricComparison) -> Option<f64> {
    let (c, median) = (m.client?, m.competitor_median.filter(|v| *v > 0.0)?);
    let gap = (c - median) / median;
    match m.better {
        Better::Higher => Some(gap),
        Better::Lower => Some(-gap),
        Better::Neither => None,
    }
}

/// Two or three sentences: the metric on which the client leads the competitors' median by the widest margin,
/// then the two on which it lags furthest, each with both figures.
pub fn sentences(record: &BenchRun, lang: Lang) -> Vec<String> {
    let mut ranked: Vec<(&MetricComparison, f64)> = record
        .overall
        .metrics
        .iter()
        .filter_map(|m| advantage(m).filter(|a| a.is_finite()).map(|a| (m, a)))
        .collect();
    ranked.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| a.0.metric.cmp(&b.0.metric)));
    let words = |m: &MetricComparison| {
        (
            in_sentence(&metric_name(&m.metric, lang), lang),
            format_metric(&m.metric, m.client, lang),
            format_metric(&m.metric, m.competitor_median, lang),
        )
    };
    let brand = record.client.as_str();
    let mut out = Vec::new();
    let lead = ranked.first().filter(|(_, a)| *a > 0.0).map(|(m, _)| *m);
    if let Some(m) = lead {
        let (metric, value, median) = words(m);
        out.push(msg!(
            lang,
            "bench_section.lead",
            brand = brand,
            metric = metric,
            value = value,
            median = median
        ));
    }
    let lags: Vec<&MetricComparison> = ranked
        .iter()
        .rev()
        .filter(|(_, a)| *a < 0.0)
        .take(2)
        .map(|(m, _)| *m)
        .collect();
    for (i, m) in lags.iter().enumerate() {
        let (metric, value, median) = words(m);
        out.push(match (i, lead.is_some()) {
            (0, true) => msg!(
                lang,
                "bench_section.lag",
                metric = metric,
                value = value,
                median = median
            ),
            (0, false) => msg!(
                lang,
                "bench_section.lag_first",
                brand = brand,
                metric = metric,
                value = value,
                median = median
            ),
            _ => msg!(
                lang,
                "bench_section.lag_also",
                metric = metric,
                value = value,
                median = median
            ),
        });
    }
    if lags.is_empty() && lead.is_some() {
        out.push(msg!(lang, "bench_section.no_lag", brand = brand));
    }
    out
}

/// The overall comparison as the report shows it: every figure worded for `lang`, marked better or worse.
fn comparison(record: &BenchRun, lang: Lang) -> Vec<ComparisonRow> {
    record
        .overall
        .metrics
        .iter()
        .filter(|m| m.client.is_some())
        .map(|m| {
            let unit = unit_label(&m.metric, lang)
                .map(|u| format!(" ({u})"))
                .unwrap_or_default();
            let (verdict, verdict_text) = match verdict(m) {
                Some(std::cmp::Ordering::Greater) => ("better", msg!(lang, "bench_section.better")),
                Some(std::cmp::Ordering::Less) => ("worse", msg!(lang, "bench_section.worse")),
                Some(std::cmp::Ordering::Equal) => ("even", msg!(lang, "bench_section.even")),
                None => ("", String::new()),
            };
            ComparisonRow {
                metric: m.metric.clone(),
                label: format!("{}{unit}", metric_name(&m.metric, lang)),
                client: format_metric(&m.metric, m.client, lang),
                competitor_average: format_metric(&m.metric, m.competitor_average, lang),
                competitor_median: format_metric(&m.metric, m.competitor_median, lang),
                landscape_average: format_metric(&m.metric, m.landscape_average, lang),
                rank: m.rank.map_or_else(|| "—".into(), |k| format!("{k}/{}", m.ranked)),
                index: m.index.map_or_else(|| "—".into(), format_index),
                verdict: verdict.into(),
                verdict_text,
            }
        })
        .collect()
}

/// The one line above the benchmark section: the data period, the brands, the posts and the platforms by name.
fn scope(record: &BenchRun, lang: Lang) -> String {
    let sep = msg!(lang, "bench_section.list_separator");
    let platforms: Vec<String> = record
        .by_platform
        .iter()
        .filter_map(|c| c.platform.as_deref())
        .map(|p| platform_name(p, lang))
        .collect();
    let competitors = record.competitors.join(&sep);
    let posts = format_number(record.posts as f64, lang);
    let count = record.by_platform.len().to_string();
    let platforms = platforms.join(&sep);
    match &record.window {
        Some(w) => msg!(
            lang,
            "bench_section.scope_line",
            start = w.start,
            end = w.end,
            brand = record.client,
            competitors = competitors,
            posts = posts,
            count = count,
            platforms = platforms
        ),
        None => msg!(
            lang,
            "bench_section.scope_line_no_window",
            brand = record.client,
            competitors = competitors,
            posts = posts,
            count = count,
            platforms = platforms
        ),
    }
}

/// A plugin comparison's value in its unit (`fraction`: a 0–1 share, shown and kept as a percentage; `hours`;
/// any other a plain number).
fn plugin_value(unit: &str, v: Option<f64>, lang: Lang) -> Cell {
    let Some(v) = v.filter(|v| v.is_finite()) else {
        return Cell::Empty;
    };
    let (value, unit, text) = match unit {
        "fraction" => (v * 100.0, FigureUnit::Percent, format_percent(v * 100.0)),
        "hours" => (
            v,
            FigureUnit::Number,
            format!("{} {}", format_number(v, lang), msg!(lang, "unit.hours")),
        ),
        _ => (v, FigureUnit::Number, format_number(v, lang)),
    };
    Cell::Figure(Figure { value, unit, text })
}

/// A benchmark run as the report's benchmark section, in `lang`, with its charts drawn as SVG.
pub fn section(record: &BenchRun, lang: Lang, font: Option<&Path>) -> Benchmark {
    let scope = scope(record, lang);
    let period = record.window.as_ref().map(|w| format!("{} – {}", w.start, w.end));
    let cell = |id: &str, v: Option<f64>| Cell::metric(id, v, lang);
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
            Cell::index(m.index),
        ]);
    }
    // The machine's table (JSON, XLSX); the pages show `comparison`, the same rows worded.
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
                Cell::Text(format!(
                    "{} · {} · {}",
                    platform_name(&x.row.platform, lang),
                    industry_name(&x.row.industry, lang),
                    region_name(x.row.region.as_deref(), lang)
                )),
                Cell::Text(format!("{} / {}", x.row.statistic, x.row.denominator)),
                cell(&m.metric, Some(x.value)),
                Cell::index(x.client_index),
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
                msg!(lang, "bench_section.platform_industry_region"),
                msg!(lang, "bench_section.statistic_denominator"),
                msg!(lang, "bench_section.value"),
                msg!(lang, "bench_section.client_index"),
                msg!(lang, "bench_section.address"),
            ],
            rows: refs,
            highlight: None,
        });
    }
    let mut unavailable = Vec::new();
    for p in &record.plugins {
        // A comparison no brand has a value for is one line saying what would fill it, not an empty table.
        if p.rows.iter().all(|r| r.value.is_none()) {
            unavailable.push(msg!(
                lang,
                "bench_section.no_data_for_comparison",
                title = local(&p.title, lang)
            ));
            continue;
        }
        tables.push(BenchTable {
            id: format!("plugin-{}", p.comparison),
            title: format!("{} — {}", local(&p.title, lang), local(&p.method, lang)),
            columns: vec![
                msg!(lang, "bench_section.brand"),
                msg!(lang, "bench_section.value"),
                // What the rows' counts count, in the comparison's own words (complaints, comments), else posts.
                p.counted
                    .as_ref()
                    .map_or_else(|| msg!(lang, "bench_section.posts"), |c| local(c, lang).to_string()),
            ],
            rows: p
                .rows
                .iter()
                .map(|r| {
                    vec![
                        Cell::Text(r.brand.clone()),
                        plugin_value(&p.unit, r.value, lang),
                        Cell::count(r.posts as f64, lang),
                    ]
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
                Cell::Text(c.warning.map(|w| column_warning(w, lang)).unwrap_or_default()),
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
        .map(|(name, v)| {
            let mut shown = figure_text(name, *v, lang);
            shown.competitors = record
                .overall
                .metrics
                .iter()
                .find(|m| &m.metric == name)
                .filter(|m| m.competitor_median.is_some())
                // The median is in the metric's unit, which may differ from the fact's (a 0–1 share of a percentage).
                .map(|m| format_metric(&m.metric, m.competitor_median, lang));
            (name.clone(), shown)
        })
        .collect();
    Benchmark {
        scope,
        period,
        comparison: comparison(record, lang),
        sentences: sentences(record, lang),
        unavailable,
        tables,
        charts,
        gaps,
        notes: record
            .warnings
            .iter()
            .cloned()
            .chain(references_left_out(record, lang))
            .collect(),
        references_left_out: record.references_left_out.clone(),
        figures,
    }
}
