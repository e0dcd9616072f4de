//! A benchmark run on the terminal: the comparison as aligned text, or as CSV.

use anyhow::Result;
use chuxin_bench::BenchRun;
use chuxin_core::Lang;
use chuxin_report::csv_text;
use chuxin_report::figures::{figure_text, format_metric, local, metric_name};
use std::io::Write;

/// A run as aligned text: the scope, the data period, the comparison, the references, the plugins' results and
/// the figures for the diagnosis.
pub fn table(r: &BenchRun, lang: Lang, w: &mut dyn Write) -> Result<()> {
    let t = |a: &'static str, b: &'static str, c: &'static str| lang.pick(a, b, c).to_string();
    writeln!(
        w,
        "{} {} {} · {} {} · {} {}",
        r.client,
        t("對比", "对比", "vs"),
        if r.competitors.is_empty() {
            t("（無競品）", "（无竞品）", "(no competitors)")
        } else {
            r.competitors.join(", ")
        },
        r.posts,
        t("則貼文", "条帖子", "posts"),
        r.skipped,
        t("行略過", "行跳过", "rows skipped"),
    )?;
    if let Some(win) = &r.window {
        writeln!(
            w,
            "{}: {} – {} ({} {}, {})",
            t("資料期間", "数据期间", "data period"),
            win.start,
            win.end,
            win.days,
            t("天", "天", "days"),
            match win.chosen.as_str() {
                "given" => t("指定", "指定", "as given"),
                "common" => t(
                    "所有對比品牌皆有資料的期間",
                    "所有对比品牌都有数据的期间",
                    "the span every compared brand covers"
                ),
                _ => t(
                    "各品牌資料期間的聯集",
                    "各品牌数据期间的并集",
                    "the union of the brands' data"
                ),
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
                t("則貼文", "条帖子", "posts")
            )?;
        }
    }
    let mut rows = vec![vec![
        t("指標", "指标", "metric"),
        r.client.clone(),
        t("競品平均", "竞品平均", "competitor avg"),
        t("競品中位數", "竞品中位数", "competitor median"),
        t("全體平均", "全体平均", "landscape avg"),
        t("排名", "排名", "rank"),
        t("指數", "指数", "index"),
    ]];
    for m in r
        .overall
        .metrics
        .iter()
        .filter(|m| m.client.is_some() || m.competitor_average.is_some())
    {
        rows.push(vec![
            metric_name(&m.metric, lang),
            format_metric(&m.metric, m.client),
            format_metric(&m.metric, m.competitor_average),
            format_metric(&m.metric, m.competitor_median),
            format_metric(&m.metric, m.landscape_average),
            m.rank.map_or("—".into(), |k| format!("{k}/{}", m.ranked)),
            m.index.map_or("—".into(), |i| format!("{i:.0}")),
        ]);
    }
    writeln!(w)?;
    super::table(w, &rows)?;
    let refs: Vec<_> = r
        .overall
        .metrics
        .iter()
        .flat_map(|m| m.references.iter().map(move |x| (m, x)))
        .collect();
    if !refs.is_empty() {
        writeln!(
            w,
            "\n{}",
            t(
                "行業參考（各來源分列，不混合）",
                "行业参考（各来源分列，不混合）",
                "Industry references (each source on its own)"
            )
        )?;
        for (m, x) in refs {
            writeln!(
                w,
                "  {} · {} {} {} {} ({}, {} {}): {}  [{}]",
                metric_name(&m.metric, lang),
                x.row.source,
                x.row.report_year,
                x.row.platform,
                x.row.industry,
                x.row.statistic,
                t("分母", "分母", "per"),
                x.row.denominator,
                format_metric(&m.metric, Some(x.value)),
                x.row.url
            )?;
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
    writeln!(w, "\n{}", t("診斷用數據", "诊断用数据", "Figures for the diagnosis"))?;
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
