//! A benchmark run on the terminal: the comparison as aligned text, or as CSV.

use anyhow::Result;
use chuxin_bench::BenchRun;
use chuxin_core::Lang;
use chuxin_core::msg;
use chuxin_report::csv_text;
use chuxin_report::figures::{figure_text, format_metric, local, metric_name, references_left_out, region_name};
use std::io::Write;

/// A run as aligned text: the scope, the data period, the comparison, the references, the plugins' results and
/// the figures for the diagnosis.
pub fn table(r: &BenchRun, lang: Lang, w: &mut dyn Write) -> Result<()> {
    writeln!(
        w,
        "{} {} {} · {} {} · {} {}",
        r.client,
        msg!(lang, "cli.bench.vs"),
        if r.competitors.is_empty() {
            msg!(lang, "cli.bench.no_competitors")
        } else {
            r.competitors.join(", ")
        },
        r.posts,
        msg!(lang, "cli.bench.posts"),
        r.skipped,
        msg!(lang, "cli.bench.rows_skipped"),
    )?;
    if let Some(win) = &r.window {
        writeln!(
            w,
            "{}: {} – {} ({} {}, {})",
            msg!(lang, "cli.bench.data_period"),
            win.start,
            win.end,
            win.days,
            msg!(lang, "unit.days"),
            match win.chosen.as_str() {
                "given" => msg!(lang, "cli.bench.as_given"),
                "common" => msg!(lang, "cli.bench.the_span_every_compared"),
                _ => msg!(lang, "cli.bench.the_union_of_the"),
            }
        )?;
        for c in &win.coverage {
            writeln!(
                w,
                "  {}: {} – {}, {} {}",
                c.brand,
                c.first.as_deref().unwrap_or("—"),
                c.last.as_deref().unwrap_or("—"),
                c.posts,
                msg!(lang, "cli.bench.posts")
            )?;
        }
    }
    let mut rows = vec![vec![
        msg!(lang, "cli.bench.metric"),
        r.client.clone(),
        msg!(lang, "cli.bench.competitor_avg"),
        msg!(lang, "cli.bench.competitor_median"),
        msg!(lang, "cli.bench.landscape_avg"),
        msg!(lang, "cli.bench.rank"),
        msg!(lang, "cli.bench.index"),
    ]];
    for m in r
        .overall
        .metrics
        .iter()
        .filter(|m| m.client.is_some() || m.competitor_average.is_some())
    {
        rows.push(vec![
            metric_name(&m.metric, lang),
            format_metric(&m.metric, m.client, lang),
            format_metric(&m.metric, m.competitor_average, lang),
            format_metric(&m.metric, m.competitor_median, lang),
            format_metric(&m.metric, m.landscape_average, lang),
            m.rank.map_or("—".into(), |k| format!("{k}/{}", m.ranked)),
            m.index.map_or("—".into(), |i| format!("{i:.0}")),
        ]);
    }
    writeln!(w)?;
    super::table(w, &rows)?;
    // References attach to a platform's comparison (their denominators are per platform), as in the report.
    let refs: Vec<_> = r
        .overall
        .metrics
        .iter()
        .chain(r.by_platform.iter().flat_map(|c| c.metrics.iter()))
        .flat_map(|m| m.references.iter().map(move |x| (m, x)))
        .collect();
    let left_out = references_left_out(r, lang);
    if !refs.is_empty() || left_out.is_some() {
        writeln!(w, "\n{}", msg!(lang, "cli.bench.industry_references_each_source"))?;
        for (m, x) in refs {
            writeln!(
                w,
                "  {} · {} {} {} {} {} ({}, {} {}): {}  [{}]",
                metric_name(&m.metric, lang),
                x.row.source,
                x.row.report_year,
                x.row.platform,
                x.row.industry,
                region_name(x.row.region.as_deref(), lang),
                x.row.statistic,
                msg!(lang, "cli.bench.per"),
                x.row.denominator,
                format_metric(&m.metric, Some(x.value), lang),
                x.row.url
            )?;
        }
        if let Some(line) = left_out {
            writeln!(w, "  {line}")?;
        }
    }
    for p in &r.plugins {
        writeln!(w, "\n{} ({})", local(&p.title, lang), p.comparison)?;
        for row in &p.rows {
            let v = row.value.map_or("—".into(), |v| {
                if p.unit == "fraction" {
                    format!("{:.1}%", v * 100.0)
                } else {
                    format!("{v:.2}")
                }
            });
            writeln!(
                w,
                "  {}  {v}{}",
                super::pad(&row.brand, 16),
                row.note.as_deref().map(|n| format!("  ({n})")).unwrap_or_default()
            )?;
        }
    }
    writeln!(w, "\n{}", msg!(lang, "cli.bench.figures_for_the_diagnosis"))?;
    let rows: Vec<Vec<String>> = r
        .facts
        .iter()
        .map(|(k, v)| {
            let shown = figure_text(k, *v, lang);
            vec![format!("  {}", shown.label), k.clone(), shown.value]
        })
        .collect();
    super::table(w, &rows)?;
    Ok(())
}

/// A run as CSV (UTF-8 with a BOM, for Excel): one row a metric and brand, then every metric by brand ×
/// platform × period.
pub fn csv(r: &BenchRun, lang: Lang, w: &mut dyn Write) -> Result<()> {
    w.write_all(b"\xEF\xBB\xBF")?;
    let mut out = csv::Writer::from_writer(w);
    out.write_record([
        "period",
        "platform",
        "metric",
        "metric_name",
        "brand",
        "is_client",
        "value",
        "posts",
        "competitor_average",
        "competitor_median",
        "landscape_average",
        "rank",
        "index",
        "window_start",
        "window_end",
    ])?;
    let (ws, we) = r
        .window
        .as_ref()
        .map_or((String::new(), String::new()), |w| (w.start.clone(), w.end.clone()));
    for c in std::iter::once(&r.overall).chain(&r.by_platform) {
        for m in &c.metrics {
            for b in &m.brands {
                let opt = |v: Option<f64>| v.map_or(String::new(), |v| v.to_string());
                out.write_record([
                    "all".to_string(),
                    csv_text(c.platform.as_deref().unwrap_or("all")).into_owned(),
                    m.metric.clone(),
                    metric_name(&m.metric, lang),
                    csv_text(&b.brand).into_owned(),
                    b.client.to_string(),
                    opt(b.value),
                    b.posts.to_string(),
                    opt(m.competitor_average),
                    opt(m.competitor_median),
                    opt(m.landscape_average),
                    m.rank.map_or(String::new(), |k| k.to_string()),
                    opt(m.index),
                    ws.clone(),
                    we.clone(),
                ])?;
            }
        }
    }
    // Then every metric by brand × platform × period; comparison columns stay empty there.
    for g in &r.groups {
        for (metric, value) in &g.values {
            out.write_record([
                g.period.map_or_else(|| "all".to_string(), |p| p.to_string()),
                csv_text(g.platform.as_deref().unwrap_or("all")).into_owned(),
                metric.to_string(),
                metric_name(metric, lang),
                csv_text(&g.brand).into_owned(),
                (g.brand == r.client).to_string(),
                value.to_string(),
                g.posts.to_string(),
                String::new(),
                String::new(),
                String::new(),
                String::new(),
                String::new(),
                ws.clone(),
                we.clone(),
            ])?;
        }
    }
    out.flush()?;
    Ok(())
}
