//! `chuxin bench CLIENT --posts FILE…`: benchmark a client against its competitors from CSV exports.
//!
//! The run is stored in the workspace (`clients/<id>/bench/<date>.json`) so that `score` and `report` show its
//! figures as evidence; the comparison is printed as a table, JSON or CSV, and charts are drawn on request.

use crate::benchmark::{self, BenchOptions, BenchRecord, FileSpec, metric_name};
use crate::context::{Context, shown, today};
use crate::exit::{USAGE, exit};
use crate::render;
use anyhow::Result;
use chuxin_bench::civil::PeriodKind;
use chuxin_core::Lang;
use chuxin_report::csv_text;
use std::io::Write;
use std::path::PathBuf;

/// Output formats of `bench`.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum Format {
    /// Aligned text.
    Table,
    /// The whole stored record.
    Json,
    /// One row a metric and brand (UTF-8 with BOM, for Excel).
    Csv,
}

/// Arguments of `chuxin bench`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Client id.
    pub client: String,
    /// Post-level export (repeatable): the client's and competitors' posts, each as `FILE` or
    /// `FILE:PROFILE` (its own mapping profile). Default: the CSV files in `clients/<id>/exports/` (names
    /// containing `account` are read as account-level exports).
    #[arg(long = "posts", value_name = "FILE[:PROFILE]", num_args = 1..)]
    pub posts: Vec<String>,
    /// Account-level export (repeatable), `FILE` or `FILE:PROFILE`: followers, mentions, sentiment, messages by date.
    #[arg(long = "accounts", value_name = "FILE[:PROFILE]", num_args = 1..)]
    pub accounts: Vec<String>,
    /// Mapping profile of the files named without one: a built-in name (uci-facebook-metrics,
    /// uci-live-sellers, twitter-analytics, buzzfeed-fact-check) or a TOML file; default: recognise
    /// headers automatically.
    #[arg(long, value_name = "NAME|FILE")]
    pub profile: Option<String>,
    /// Encoding of the files, overriding detection (utf-8, gb18030, big5, utf-16le, utf-16be).
    #[arg(long, value_name = "ENCODING")]
    pub encoding: Option<String>,
    /// First day of the data window (YYYY-MM-DD); default: the span every compared brand covers.
    #[arg(long, value_name = "DATE")]
    pub since: Option<String>,
    /// Last day of the data window (YYYY-MM-DD), inclusive.
    #[arg(long, value_name = "DATE")]
    pub until: Option<String>,
    /// Read every brand of the files, not only the client and its competitors (slower; adds the share of
    /// voice over every brand).
    #[arg(long)]
    pub all_brands: bool,
    /// Worker threads.
    #[arg(long, default_value_t = 2)]
    pub threads: usize,
    /// Period of the time series.
    #[arg(long, default_value = "month", value_parser = parse_period)]
    pub period: PeriodKind,
    /// Draw the charts (SVG, and PNG when a CJK font is found) into this folder.
    #[arg(long, value_name = "DIR")]
    pub charts: Option<PathBuf>,
    /// A CJK-capable font for PNG charts (default: the workspace's, then the usual system folders).
    #[arg(long, value_name = "FILE")]
    pub font: Option<PathBuf>,
    /// Stop at the first bad row instead of skipping it.
    #[arg(long)]
    pub strict: bool,
    /// Output format.
    #[arg(long, value_enum, default_value = "table")]
    pub format: Format,
}

fn parse_period(s: &str) -> Result<PeriodKind, String> {
    PeriodKind::parse(s).ok_or_else(|| format!("unknown period `{s}`: use week, month or quarter"))
}

/// Runs the benchmark, stores it, prints it.
pub fn run(cx: &Context, args: Args) -> Result<()> {
    let ws = cx.workspace()?;
    let lang = cx.lang(Some(&ws));
    let client = ws.client(&args.client)?;
    let (posts, accounts) = match args.posts.is_empty() {
        true => benchmark::client_exports(&ws, &client.id)?,
        false => (
            args.posts.iter().map(|s| FileSpec::parse(s)).collect(),
            args.accounts.iter().map(|s| FileSpec::parse(s)).collect(),
        ),
    };
    if posts.is_empty() {
        let dir = ws.exports_dir(&client.id)?;
        return Err(exit(
            USAGE,
            format!(
                "no exports: give --posts FILE… or put the CSV files in `{}`",
                shown(&dir)
            ),
        ));
    }
    let opts = BenchOptions {
        posts,
        accounts,
        profile: args.profile,
        period: args.period,
        strict: args.strict,
        verbose: true,
        encoding: args.encoding,
        since: args.since,
        until: args.until,
        threads: args.threads,
        all_brands: args.all_brands,
    };
    let date = today(Some(&ws))?;
    let record = benchmark::run(cx, &ws, &client, &opts, &date)?;
    let path = ws.save_bench(&client.id, &date, &serde_json::to_string_pretty(&record)?)?;
    for w in &record.warnings {
        eprintln!("warning: {}", crate::render::safe(w));
    }
    if let Some(dir) = &args.charts {
        let font = args
            .font
            .clone()
            .or_else(|| ws.config().font.as_ref().map(|f| ws.root().join(f)));
        let card = crate::ops::scorecard(cx, &ws, &client, None, Some(&record))
            .ok()
            .map(|(_, c, _)| c);
        crate::ops::draw_charts(&record, card.as_ref(), lang, dir, font.as_deref())?;
    }
    let mut out = std::io::stdout().lock();
    match args.format {
        Format::Json => {
            serde_json::to_writer_pretty(&mut out, &record)?;
            writeln!(out)?;
        }
        Format::Csv => write_csv(&record, lang, &mut out)?,
        Format::Table => {
            // Brand names come from exports: the whole table goes through the terminal filter.
            let mut text = Vec::new();
            write_table(&record, lang, &mut text)?;
            out.write_all(crate::render::safe(&String::from_utf8_lossy(&text)).as_bytes())?;
            writeln!(out, "\n{}: {}", lang.pick("已儲存", "已保存", "saved"), shown(&path))?;
        }
    }
    Ok(())
}

fn write_table(r: &BenchRecord, lang: Lang, w: &mut dyn Write) -> Result<()> {
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
            benchmark::format_metric(&m.metric, m.client),
            benchmark::format_metric(&m.metric, m.competitor_average),
            benchmark::format_metric(&m.metric, m.competitor_median),
            benchmark::format_metric(&m.metric, m.landscape_average),
            m.rank.map_or("—".into(), |k| format!("{k}/{}", m.ranked)),
            m.index.map_or("—".into(), |i| format!("{i:.0}")),
        ]);
    }
    writeln!(w)?;
    render::table(w, &rows)?;
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
                benchmark::format_metric(&m.metric, Some(x.value)),
                x.row.url
            )?;
        }
    }
    for p in &r.plugins {
        writeln!(w, "\n{} ({})", benchmark::local(&p.title, lang), p.comparison)?;
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
                render::pad(&row.brand, 16),
                row.note.as_deref().map(|n| format!("  ({n})")).unwrap_or_default()
            )?;
        }
    }
    writeln!(w, "\n{}", t("診斷用數據", "诊断用数据", "Figures for the diagnosis"))?;
    let rows: Vec<Vec<String>> = r
        .facts
        .iter()
        .map(|(k, v)| {
            let shown = benchmark::figure_text(k, *v, lang);
            vec![format!("  {}", shown.label), k.clone(), shown.value]
        })
        .collect();
    render::table(w, &rows)?;
    Ok(())
}

fn write_csv(r: &BenchRecord, lang: Lang, w: &mut dyn Write) -> Result<()> {
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
