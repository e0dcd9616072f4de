//! The benchmark run behind `chuxin bench`, `report` and `demo`: CSV exports in, a stored [`BenchRecord`] out.
//!
//! Ingestion, metrics, comparisons and evidence facts are `chuxin-bench`'s; this module wires them to the
//! workspace (the client's brand and competitors), to the plugins (their reference rows for the client's
//! industry and their own comparisons over the same posts) and to the charts. A record is saved as
//! `clients/<id>/bench/<date>.json`; `score` and `report` read the latest one, so the figures join the diagnosis.

use crate::context::Context;
use crate::exit::{INVALID_INPUT, exit};
use anyhow::{Context as _, Result};
use chuxin_bench::Post;
use chuxin_bench::civil::DateTime;
use chuxin_bench::civil::PeriodKind;
use chuxin_bench::compare::{Comparison, ReferenceRow, compare};
use chuxin_bench::decode;
use chuxin_bench::engine::{self, IngestReport, Kind, Source};
use chuxin_bench::metrics::fold::day_to_date;
use chuxin_bench::metrics::{AggregateOptions, metric};
use chuxin_bench::profile::Profile;
use chuxin_chart::{BarChart, Bubble, BubbleChart, Chart, LineChart, RadarChart};
use chuxin_core::{Lang, Scorecard};
use chuxin_plugin_host::{CompareOutput, error_chain};
use chuxin_store::{Client, Workspace};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// The metric the time series in a record follows.
const SERIES_METRIC: &str = "interactions_per_post";

/// One metric over time: a line per brand.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Series {
    /// Metric id.
    pub metric: String,
    /// Period labels (`2024-03`, `2024-W10`, `2024-Q1`).
    pub periods: Vec<String>,
    /// One line per brand, a value per period.
    pub lines: Vec<(String, Vec<Option<f64>>)>,
}

/// The version of the stored run's layout. 2 added the data window and each file's report; files without a
/// version (1) still load, with a note that they lack both.
pub const BENCH_SCHEMA: u32 = 2;

/// What one benchmark run found, as stored in the workspace.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct BenchRecord {
    /// The layout version ([`BENCH_SCHEMA`]); 1 when absent.
    #[serde(default = "schema_one")]
    pub schema: u32,
    /// Day of the run.
    pub date: String,
    /// The client's brand name in the exports.
    pub client: String,
    /// Competitor brands compared.
    pub competitors: Vec<String>,
    /// The files read.
    pub files: Vec<String>,
    /// Period of the series.
    pub period: PeriodKind,
    /// Posts kept after removing duplicates.
    pub posts: usize,
    /// Rows skipped as invalid.
    pub skipped: usize,
    /// Duplicate posts removed.
    pub duplicates: usize,
    /// The data period compared, and each brand's own coverage.
    #[serde(default)]
    pub window: Option<chuxin_bench::metrics::Window>,
    /// What happened to each file: columns used or ignored, bad rows, duplicates, other brands.
    #[serde(default)]
    pub sources: Vec<IngestReport>,
    /// Figures for the diagnosis rules, by name.
    pub facts: BTreeMap<String, f64>,
    /// The comparison over all platforms.
    pub overall: Comparison,
    /// The comparison on each platform.
    pub by_platform: Vec<Comparison>,
    /// Interactions per post over time, by brand.
    pub series: Series,
    /// Every metric by brand × platform (and all platforms) × period.
    #[serde(default)]
    pub groups: Vec<chuxin_bench::metrics::GroupMetrics>,
    /// The plugins' own comparisons over the same posts.
    pub plugins: Vec<CompareOutput>,
    /// What the reader should know (missing competitors, plugins that failed).
    pub warnings: Vec<String>,
}

/// One export named on the command line: `FILE` or `FILE:PROFILE`.
#[derive(Debug, Clone, PartialEq)]
pub struct FileSpec {
    /// The file.
    pub path: PathBuf,
    /// Its own mapping profile (a built-in name or a TOML file), overriding `--profile`.
    pub profile: Option<String>,
}

impl FileSpec {
    /// Parses `FILE` or `FILE:PROFILE`: the part after the last `:` is a profile when it names a built-in
    /// profile or a `.toml` file (so a path with a colon still works).
    pub fn parse(text: &str) -> FileSpec {
        if let Some((path, profile)) = text.rsplit_once(':')
            && !path.is_empty()
            && (Profile::builtin_names().contains(&profile) || profile.ends_with(".toml"))
        {
            return FileSpec {
                path: PathBuf::from(path),
                profile: Some(profile.to_string()),
            };
        }
        FileSpec {
            path: PathBuf::from(text),
            profile: None,
        }
    }
}

/// Options of a run, from the command line.
pub struct BenchOptions {
    /// Post-level exports.
    pub posts: Vec<FileSpec>,
    /// Account-level exports.
    pub accounts: Vec<FileSpec>,
    /// The profile of files named without one: a built-in name or a profile file; automatic header
    /// recognition when absent.
    pub profile: Option<String>,
    /// Period of the series.
    pub period: PeriodKind,
    /// Stop at the first bad row.
    pub strict: bool,
    /// Print skipped rows and progress on stderr.
    pub verbose: bool,
    /// Encoding of every file, overriding detection.
    pub encoding: Option<String>,
    /// First day of the data window.
    pub since: Option<String>,
    /// Last day of the data window.
    pub until: Option<String>,
    /// Worker threads.
    pub threads: usize,
    /// Read every brand of the files (for the share over all brands), not only the client and its competitors.
    pub all_brands: bool,
}

/// A mapping profile named on the command line: a built-in name or a TOML file; automatic header recognition
/// when none is named. A bad profile is an invalid input (exit 3).
pub fn load_profile(spec: Option<&str>) -> Result<Profile> {
    let Some(spec) = spec else { return Ok(Profile::auto()) };
    let loaded = if Profile::builtin_names().contains(&spec) {
        Profile::builtin(spec).map_err(anyhow::Error::from)
    } else {
        std::fs::read_to_string(spec)
            .with_context(|| {
                format!(
                    "`{spec}` is neither a built-in profile ({}) nor a readable file",
                    Profile::builtin_names().join(", ")
                )
            })
            .and_then(|text| Profile::from_toml_str(&text).with_context(|| format!("profile `{spec}`")))
    };
    loaded.map_err(|e| exit(INVALID_INPUT, format!("{e:#}")))
}

/// The encoding named by `--encoding`, if any; an unknown name is a usage error (exit 2).
pub fn parse_encoding(label: Option<&str>) -> Result<Option<&'static decode::TextEncoding>> {
    label
        .map(|l| {
            decode::encoding_for_label(l).ok_or_else(|| {
                exit(
                    crate::exit::USAGE,
                    format!("unknown encoding `{l}` (use one of: {})", decode::ENCODING_NAMES),
                )
            })
        })
        .transpose()
}

fn parse_day(text: Option<&str>, flag: &str) -> Result<Option<DateTime>> {
    let Some(text) = text else { return Ok(None) };
    DateTime::parse(text, chuxin_bench::civil::DateOrder::Ymd)
        .map(Some)
        .ok_or_else(|| {
            exit(
                crate::exit::USAGE,
                format!("{flag} `{text}` is not a date (use YYYY-MM-DD)"),
            )
        })
}

/// One post as a plugin reads it, with only the fields its comparisons need (a missing field reads as
/// empty: `PostRecord` defaults every field).
#[derive(Serialize)]
struct SlimRecord<'a> {
    brand: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    platform: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    post_id: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    time: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    post_type: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    promotional: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    followers: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    impressions: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    reach: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    views: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    likes: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    comments: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    shares: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    saves: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    clicks: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    brand_replies: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    text: Option<&'a str>,
}

/// The `PostRecord` fields the plugins' comparisons read (their `needs`; every field when one lists none).
struct Needs(Vec<String>);

impl Needs {
    fn has(&self, field: &str) -> bool {
        self.0.is_empty() || self.0.iter().any(|n| n == field)
    }

    fn slim<'a>(&self, p: &'a Post) -> SlimRecord<'a> {
        let pick = |f: &str, v: Option<f64>| v.filter(|_| self.has(f));
        SlimRecord {
            brand: &p.brand,
            platform: Some(p.platform.as_str()).filter(|_| self.has("platform")),
            post_id: p.post_id.as_deref().filter(|_| self.has("post_id")),
            time: self.has("time").then(|| p.time.to_iso()),
            post_type: p.post_type.as_deref().filter(|_| self.has("post_type")),
            promotional: p.promotional.filter(|_| self.has("promotional")),
            followers: pick("followers", p.followers),
            impressions: pick("impressions", p.impressions),
            reach: pick("reach", p.reach),
            views: pick("views", p.views),
            likes: pick("likes", p.likes),
            comments: pick("comments", p.comments),
            shares: pick("shares", p.shares),
            saves: pick("saves", p.saves),
            clicks: pick("clicks", p.clicks),
            brand_replies: pick("brand_replies", p.brand_replies),
            text: p.text.as_deref().filter(|_| self.has("text")),
        }
    }
}

/// The compared brands' posts, spilled as JSON to one temporary file per brand while the engine streams, so
/// that plugins get one brand's records at a time and the run's memory does not grow with the export.
struct Spill {
    dir: tempfile::TempDir,
    files: BTreeMap<String, std::io::BufWriter<std::fs::File>>,
    needs: Needs,
    error: Option<std::io::Error>,
}

impl Spill {
    fn new(needs: Needs) -> Result<Spill> {
        Ok(Spill {
            dir: tempfile::tempdir().context("cannot create a temporary folder for the plugins' records")?,
            files: BTreeMap::new(),
            needs,
            error: None,
        })
    }

    fn add(&mut self, post: &Post) {
        if self.error.is_some() {
            return;
        }
        let result = (|| -> std::io::Result<()> {
            if !self.files.contains_key(&post.brand) {
                let path = self.dir.path().join(format!("{}.jsonl", self.files.len()));
                let file = std::fs::OpenOptions::new()
                    .read(true)
                    .write(true)
                    .create_new(true)
                    .open(path)?;
                self.files.insert(post.brand.clone(), std::io::BufWriter::new(file));
            }
            let w = self.files.get_mut(&post.brand).expect("inserted above");
            write!(w, "{}\t", post.time.days())?;
            serde_json::to_writer(&mut *w, &self.needs.slim(post))?;
            writeln!(w)
        })();
        if let Err(e) = result {
            self.error = Some(e);
        }
    }

    /// The `compare` input for `brand`, as JSON: its records dated inside `window` (days since 1970-01-01,
    /// inclusive), copied from the spill file without decoding them.
    fn input(&mut self, comparison: &str, client: &str, brand: &str, window: Option<(i64, i64)>) -> Result<Vec<u8>> {
        use std::io::{BufRead, Seek};
        if let Some(e) = self.error.take() {
            return Err(anyhow::Error::new(e).context("cannot keep the records for the plugins"));
        }
        let mut out = serde_json::to_vec(&serde_json::json!({ "comparison": comparison, "client_brand": client }))?;
        out.pop(); // the closing brace
        out.extend_from_slice(b",\"posts\":[");
        if let Some(w) = self.files.get_mut(brand) {
            w.flush()?;
            let mut file = w.get_ref().try_clone()?;
            file.seek(std::io::SeekFrom::Start(0))?;
            let mut first = true;
            let mut line = Vec::new();
            let mut reader = std::io::BufReader::new(file);
            while reader.read_until(b'\n', &mut line)? > 0 {
                if let Some(tab) = line.iter().position(|b| *b == b'\t') {
                    let day: i64 = std::str::from_utf8(&line[..tab])
                        .ok()
                        .and_then(|d| d.parse().ok())
                        .unwrap_or_default();
                    if window.is_none_or(|(lo, hi)| day >= lo && day <= hi) {
                        if !first {
                            out.push(b',');
                        }
                        first = false;
                        out.extend_from_slice(line[tab + 1..].trim_ascii_end());
                    }
                }
                line.clear();
            }
        }
        out.extend_from_slice(b"]}");
        Ok(out)
    }
}

/// Runs a benchmark for `client`: one pass of the engine over every export, then comparisons, facts and the
/// plugins' comparisons.
pub fn run(cx: &Context, ws: &Workspace, client: &Client, opts: &BenchOptions, date: &str) -> Result<BenchRecord> {
    if opts.posts.is_empty() {
        return Err(exit(
            crate::exit::USAGE,
            "give at least one post-level export with --posts FILE",
        ));
    }
    let encoding = parse_encoding(opts.encoding.as_deref())?;
    let since = parse_day(opts.since.as_deref(), "--since")?;
    let until = parse_day(opts.until.as_deref(), "--until")?;
    let brand = client.brand().to_string();
    let compared: Option<Vec<String>> = (!client.competitors.is_empty() && !opts.all_brands).then(|| {
        std::iter::once(brand.clone())
            .chain(client.competitors.iter().filter(|c| **c != brand).cloned())
            .collect()
    });

    // The industry plugins (those whose packs join this client's catalog) and their comparisons.
    let registry = cx.registry(Some(ws));
    let joined: Vec<String> = cx
        .client_packs(ws, client)?
        .into_iter()
        .filter_map(|p| p.plugin.clone())
        .collect();
    let industry_plugins: Vec<_> = registry
        .plugins()
        .iter()
        .filter(|p| joined.iter().any(|id| id == p.id()))
        .collect();
    let mut warnings = Vec::new();
    let mut wanted = Vec::new();
    for plugin in &industry_plugins {
        match plugin.comparisons() {
            Ok(list) => wanted.extend(list.into_iter().map(|info| (*plugin, info))),
            Err(e) => warnings.push(format!("comparisons skipped: {}", error_chain(&e))),
        }
    }
    let mut spill = if wanted.is_empty() {
        None
    } else {
        let needs = if wanted.iter().any(|(_, info)| info.needs.is_empty()) {
            Vec::new()
        } else {
            wanted.iter().flat_map(|(_, info)| info.needs.iter().cloned()).collect()
        };
        Some(Spill::new(Needs(needs))?)
    };

    // One pass of the engine over every file.
    let default_profile = load_profile(opts.profile.as_deref())?;
    let mut sources = Vec::new();
    for (spec, kind) in opts
        .accounts
        .iter()
        .map(|s| (s, Kind::Accounts))
        .chain(opts.posts.iter().map(|s| (s, Kind::Posts)))
    {
        let profile = match &spec.profile {
            Some(p) => load_profile(Some(p))?,
            None if kind == Kind::Accounts => Profile::auto(),
            None => default_profile.clone(),
        };
        let name = spec.path.display().to_string();
        let file = std::fs::File::open(&spec.path).with_context(|| format!("cannot read `{name}`"))?;
        sources.push(Source {
            name,
            reader: Box::new(file),
            profile,
            kind,
        });
    }
    let total: u64 = opts
        .posts
        .iter()
        .chain(&opts.accounts)
        .filter_map(|s| std::fs::metadata(&s.path).ok())
        .map(|m| m.len())
        .sum();
    let engine_opts = engine::Options {
        years: accepted_years(date),
        strict: opts.strict,
        encoding,
        threads: opts.threads.max(1),
        brands: compared.clone(),
        since,
        until,
        ..engine::Options::default()
    };
    let bar = indicatif::ProgressBar::with_draw_target(Some(total), indicatif::ProgressDrawTarget::hidden());
    let start = Instant::now();
    let mut shown = false;
    let verbose = opts.verbose;
    let mut progress = |bytes: u64| {
        if verbose && !shown && start.elapsed() > Duration::from_secs(1) {
            bar.set_draw_target(indicatif::ProgressDrawTarget::stderr());
            shown = true;
        }
        bar.set_position(bytes);
    };
    let keep = spill.is_some();
    let ingested = {
        let mut sink = |r: engine::Record| {
            if let (engine::Record::Post(p), Some(s)) = (&r, spill.as_mut()) {
                s.add(p);
            }
        };
        let sink_ref: Option<&mut (dyn FnMut(engine::Record) + Send)> = if keep { Some(&mut sink) } else { None };
        engine::run(sources, &engine_opts, &mut progress, sink_ref)?
    };
    bar.finish_and_clear();
    if opts.verbose {
        for r in &ingested.reports {
            crate::render::ingest_report(r);
        }
    }
    for r in &ingested.reports {
        for c in r.warnings() {
            warnings.push(format!(
                "{}: column `{}` {}",
                r.source_name,
                c.header,
                c.warning.as_deref().unwrap_or_default()
            ));
        }
    }
    let fold = &ingested.fold;
    let mut found = fold.brands();
    found.extend(ingested.other_brands().into_keys());
    found.sort();
    found.dedup();
    if !fold.brands().contains(&brand) {
        let listed: Vec<_> = found.iter().take(30).cloned().collect();
        return Err(exit(
            INVALID_INPUT,
            format!(
                "client brand `{brand}` is not in the exports (brands found: {}{}); set it with `client add --brand`",
                listed.join(", "),
                if found.len() > 30 {
                    format!(" and {} more", found.len() - 30)
                } else {
                    String::new()
                }
            ),
        ));
    }
    let competitors: Vec<String> = if client.competitors.is_empty() {
        found.iter().filter(|b| **b != brand).cloned().collect()
    } else {
        client.competitors.clone()
    };
    let set: Vec<String> = std::iter::once(brand.clone())
        .chain(competitors.iter().cloned())
        .collect();
    let window = fold
        .window(&set, since.map(|d| d.days()), until.map(|d| d.last_day()))
        .ok_or_else(|| exit(INVALID_INPUT, format!("no dated rows for `{brand}` or its competitors")))?;
    match window.chosen.as_str() {
        "common" if window.uneven() => warnings.push(format!(
            "the brands' data cover different periods; compared over {} to {}, the span all of them cover ({})",
            window.start,
            window.end,
            coverage_text(&window)
        )),
        "union" if set.len() > 1 => warnings.push(format!(
            "the brands' data do not overlap in time; compared over {} to {}; give --since/--until ({})",
            window.start,
            window.end,
            coverage_text(&window)
        )),
        _ => {}
    }
    let range = window.days_range();
    let window_dates = range.map(|(lo, hi)| (day_to_date(lo), day_to_date(hi)));
    let agg_opts = AggregateOptions {
        period: None,
        window: window_dates,
        compared: Some(set.clone()),
        threads: 1,
    };
    let agg_all = fold.aggregation(&agg_opts);

    let mut refs: Vec<ReferenceRow> = Vec::new();
    for plugin in &industry_plugins {
        match plugin.benchmarks() {
            Ok(rows) => {
                for row in rows {
                    match serde_json::to_value(&row).and_then(serde_json::from_value) {
                        Ok(r) => refs.push(r),
                        Err(e) => warnings.push(format!("a reference row of `{}` was not read: {e}", plugin.id())),
                    }
                }
            }
            Err(e) => warnings.push(format!("reference rows skipped: {}", error_chain(&e))),
        }
    }
    // Each plugin comparison runs once per brand, on that brand's records only.
    let mut plugins = Vec::new();
    if let Some(spill) = spill.as_mut() {
        for (plugin, info) in &wanted {
            let mut merged: Option<CompareOutput> = None;
            for b in &set {
                let input = spill.input(&info.id, &brand, b, range)?;
                match plugin.compare_json(&input) {
                    Ok(out) => {
                        let row = out.rows.iter().find(|r| &r.brand == b).cloned();
                        let m = merged.get_or_insert_with(|| CompareOutput {
                            rows: Vec::new(),
                            ..out.clone()
                        });
                        if let Some(row) = row {
                            m.rows.push(row);
                        }
                    }
                    Err(e) => {
                        warnings.push(format!("comparison `{}` skipped: {}", info.id, error_chain(&e)));
                        merged = None;
                        break;
                    }
                }
            }
            plugins.extend(merged);
        }
    }

    let overall = compare(&brand, &competitors, &agg_all, None, None, &refs);
    for m in &overall.missing {
        warnings.push(format!("no posts for `{m}` in the exports"));
    }
    let platforms = agg_all.platforms();
    let by_platform = platforms
        .iter()
        .map(|p| compare(&brand, &competitors, &agg_all, Some(p), None, &refs))
        .collect();
    let facts = chuxin_bench::evidence::facts(&brand, &competitors, fold, &agg_all, &refs);

    let agg_period = fold.aggregation(&AggregateOptions {
        period: Some(opts.period),
        ..agg_opts
    });
    let periods = agg_period.periods();
    let lines = set
        .iter()
        .map(|b| {
            (
                b.clone(),
                periods
                    .iter()
                    .map(|p| agg_period.get(b, None, Some(*p)).and_then(|g| g.get(SERIES_METRIC)))
                    .collect(),
            )
        })
        .collect();
    let series = Series {
        metric: SERIES_METRIC.to_string(),
        periods: periods.iter().map(ToString::to_string).collect(),
        lines,
    };
    let groups = agg_period
        .groups
        .into_iter()
        .filter(|g| g.period.is_some() && set.contains(&g.brand))
        .collect();
    let posts = set
        .iter()
        .filter_map(|b| agg_all.get(b, None, None))
        .map(|g| g.posts as usize)
        .sum();

    Ok(BenchRecord {
        schema: BENCH_SCHEMA,
        date: date.to_string(),
        client: brand,
        competitors,
        files: opts
            .posts
            .iter()
            .chain(&opts.accounts)
            .map(|p| p.path.display().to_string())
            .collect(),
        period: opts.period,
        posts,
        skipped: ingested.reports.iter().map(|r| r.skipped_total as usize).sum(),
        duplicates: ingested.reports.iter().map(|r| r.duplicates_total as usize).sum(),
        window: Some(window),
        sources: ingested.reports.clone(),
        facts,
        overall,
        by_platform,
        series,
        groups,
        plugins,
        warnings,
    })
}

/// The years a row may be dated in: 2000 (before any of the platforms chuxin knows had brand pages) to the year
/// after `today` (`YYYY-MM-DD`), so that a mistyped year is reported instead of stretching the data period.
pub fn accepted_years(today: &str) -> std::ops::RangeInclusive<i32> {
    let year: i32 = today.get(..4).and_then(|y| y.parse().ok()).unwrap_or(2100);
    2000..=year + 1
}

fn coverage_text(w: &chuxin_bench::metrics::Window) -> String {
    w.coverage
        .iter()
        .map(|c| {
            format!(
                "{} {}–{}",
                c.brand,
                c.first.as_deref().unwrap_or("?"),
                c.last.as_deref().unwrap_or("?")
            )
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// A measured figure (a fact for the diagnosis) as a reader sees it: its name in `lang` (the metric registry's
/// name where the fact is a metric, else its id) and its value in its unit (`0–1` shares as percentages).
pub fn figure_text(name: &str, value: f64, lang: Lang) -> chuxin_report::FigureText {
    let unit = chuxin_bench::evidence::FACTS
        .iter()
        .find(|f| f.name == name)
        .map_or("", |f| f.unit);
    let value = match unit {
        "0–1" => format!("{:.1}%", value * 100.0),
        "ratio" => format!("{:+.1}%", value * 100.0),
        "%" => format!("{value:.2}%"),
        "count" | "index" => format!("{value:.0}"),
        "days" => format!("{value:.0} {}", lang.pick("天", "天", "days")),
        "minutes" => format!("{value:.0} {}", lang.pick("分鐘", "分钟", "min")),
        _ if value.abs() >= 100.0 => format!("{value:.0}"),
        _ => format!("{value:.2}"),
    };
    chuxin_report::FigureText {
        label: metric_name(name, lang),
        value,
    }
}

/// The name of the optional file in a client's `exports/` folder that says which profile reads which export.
pub const EXPORTS_MAPPING: &str = "exports.toml";

/// `exports/exports.toml`: which mapping profile reads each export in the folder.
///
/// ```toml
/// [profiles]
/// "page-insights-2024.csv" = "uci-facebook-metrics"   # a built-in profile
/// "rivals.csv" = "rivals-profile.toml"                # a profile file, relative to this folder
/// ```
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct ExportsMapping {
    #[serde(default)]
    profiles: BTreeMap<String, String>,
}

/// The client's exports as (post-level, account-level) files: the CSV files of `clients/<id>/exports/`, those
/// whose name contains `account` being account-level, each with the profile `exports/exports.toml` names for
/// it (a file named there but missing is an error, so a typo never silently falls back to header names).
pub fn client_exports(ws: &Workspace, client: &str) -> Result<(Vec<FileSpec>, Vec<FileSpec>)> {
    let dir = ws.exports_dir(client)?;
    let mapping_path = dir.join(EXPORTS_MAPPING);
    let mapping: ExportsMapping = match std::fs::read_to_string(&mapping_path) {
        Ok(text) => toml::from_str(&text).map_err(|e| {
            exit(
                INVALID_INPUT,
                format!("{}: {}", crate::context::shown(&mapping_path), e.message()),
            )
        })?,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => ExportsMapping::default(),
        Err(e) => {
            return Err(
                anyhow::Error::new(e).context(format!("cannot read `{}`", crate::context::shown(&mapping_path)))
            );
        }
    };
    let files = ws.exports(client)?;
    for name in mapping.profiles.keys() {
        if !files
            .iter()
            .any(|f| f.file_name().and_then(|n| n.to_str()) == Some(name.as_str()))
        {
            return Err(exit(
                INVALID_INPUT,
                format!(
                    "{}: profiles.\"{name}\": no such CSV file in `{}`",
                    crate::context::shown(&mapping_path),
                    crate::context::shown(&dir)
                ),
            ));
        }
    }
    let spec = |path: PathBuf| {
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default()
            .to_string();
        let profile = mapping.profiles.get(&name).map(|p| {
            if Profile::builtin_names().contains(&p.as_str()) {
                p.clone()
            } else {
                dir.join(p).display().to_string()
            }
        });
        FileSpec { path, profile }
    };
    let (accounts, posts): (Vec<PathBuf>, Vec<PathBuf>) = files.into_iter().partition(|f| {
        f.file_name()
            .and_then(|n| n.to_str())
            .is_some_and(|n| n.to_lowercase().contains("account"))
    });
    Ok((
        posts.into_iter().map(spec).collect(),
        accounts.into_iter().map(spec).collect(),
    ))
}

fn schema_one() -> u32 {
    1
}

/// The latest stored benchmark of a client, if any.
pub fn latest(ws: &Workspace, client: &str) -> Result<Option<Arc<BenchRecord>>> {
    match ws.bench_ids(client)?.pop() {
        Some(id) => load(ws, client, &id).map(Some),
        None => Ok(None),
    }
}

/// Stored runs already read by this process, by file, with the file's length and modification time: a
/// command that needs one run for its scores, its report and its previous audit parses it once.
type RunCache = std::sync::Mutex<HashMap<PathBuf, (u64, Option<std::time::SystemTime>, Arc<BenchRecord>)>>;

fn load(ws: &Workspace, client: &str, id: &str) -> Result<Arc<BenchRecord>> {
    static RUNS: std::sync::OnceLock<RunCache> = std::sync::OnceLock::new();
    let path = ws.bench_path(client, id)?;
    let meta = std::fs::metadata(&path).ok();
    let stamp = (
        meta.as_ref().map_or(0, |m| m.len()),
        meta.and_then(|m| m.modified().ok()),
    );
    let cache = RUNS.get_or_init(Default::default);
    if let Some((len, modified, run)) = cache.lock().ok().and_then(|c| c.get(&path).cloned())
        && (len, modified) == stamp
    {
        return Ok(run);
    }
    let text = ws.bench(client, id)?;
    let mut record: BenchRecord = serde_json::from_str(&text)
        .with_context(|| format!("cannot read benchmark `{id}` of client `{client}` (run `chuxin bench` again)"))
        .map_err(|e| exit(INVALID_INPUT, format!("{e:#}")))?;
    if record.schema > BENCH_SCHEMA {
        return Err(exit(
            INVALID_INPUT,
            format!(
                "benchmark `{id}` of client `{client}` was stored by a newer chuxin (layout {}; this one reads up to {BENCH_SCHEMA}): update chuxin",
                record.schema
            ),
        ));
    }
    if record.schema < 2 {
        record.warnings.push(format!(
            "this run ({id}) was stored by an earlier chuxin: it states no data period and no column report; run `chuxin bench` again for them"
        ));
    }
    let run = Arc::new(record);
    if let Ok(mut c) = cache.lock() {
        c.insert(path, (stamp.0, stamp.1, run.clone()));
    }
    Ok(run)
}

/// The benchmark run that belongs with an audit: the latest run before the client's next audit started, or,
/// for the latest audit, the latest run. An earlier audit is thus read with the data of its own time.
pub fn bench_id_for(ws: &Workspace, client: &str, audit: &str) -> Result<Option<String>> {
    let benches = ws.bench_ids(client)?;
    let audits = ws.audit_ids(client)?;
    let next = audits.iter().position(|a| a == audit).and_then(|p| audits.get(p + 1));
    Ok(match next {
        Some(next) => {
            let cutoff = ws.audit(client, next)?.date;
            benches.into_iter().rfind(|b| b.as_str() < cutoff.as_str())
        }
        None => benches.into_iter().next_back(),
    })
}

/// The benchmark record that belongs with an audit (see [`bench_id_for`]), if any.
pub fn for_audit(ws: &Workspace, client: &str, audit: &str) -> Result<Option<Arc<BenchRecord>>> {
    match bench_id_for(ws, client, audit)? {
        Some(id) => load(ws, client, &id).map(Some),
        None => Ok(None),
    }
}

/// A metric's name in `lang`, or its id.
pub fn metric_name(id: &str, lang: Lang) -> String {
    metric(id).map_or_else(|| id.to_string(), |m| lang.pick(m.zh_hant, m.zh_hans, m.en).to_string())
}

/// The unit to print beside a metric's values, when it is not a plain number.
pub fn unit_label(id: &str) -> Option<String> {
    use chuxin_bench::metrics::registry::Unit;
    match metric(id)?.unit {
        Unit::Percent => Some("%".into()),
        Unit::Fraction => Some("0–1".into()),
        Unit::Minutes => Some("min".into()),
        _ => None,
    }
}

/// A metric's value as text in its unit: `1.61%`, `12.50`, `0.78`, `+13.5%` for a ratio, `35 min`.
pub fn format_metric(id: &str, v: Option<f64>) -> String {
    use chuxin_bench::metrics::registry::Unit;
    let Some(v) = v else { return "—".into() };
    match metric(id).map(|m| m.unit) {
        Some(Unit::Percent) => format!("{v:.2}%"),
        Some(Unit::Ratio) => format!("{:+.1}%", v * 100.0),
        Some(Unit::Minutes) => format!("{v:.0} min"),
        Some(Unit::Count) if v.fract() == 0.0 => format!("{v:.0}"),
        _ if v.abs() >= 1000.0 => format!("{v:.0}"),
        _ => format!("{v:.2}"),
    }
}

/// The engagement rate the data supports best: by followers, then impressions, reach, views.
fn best_er(record: &BenchRecord) -> &'static str {
    ["er_followers", "er_impressions", "er_reach", "er_views"]
        .into_iter()
        .find(|id| {
            record
                .overall
                .metric(id)
                .is_some_and(|m| m.brands.iter().filter(|b| b.value.is_some()).count() >= 2)
        })
        .unwrap_or("interactions_per_post")
}

/// The charts of a benchmark (and of the audit's section scores, when given), with a file stem each.
pub fn charts(record: &BenchRecord, scorecard: Option<&Scorecard>, lang: Lang) -> Vec<(String, Chart)> {
    let t = |a: &'static str, b: &'static str, c: &'static str| lang.pick(a, b, c).to_string();
    let mut out = Vec::new();
    let er = best_er(record);
    let brands: Vec<String> = std::iter::once(record.client.clone())
        .chain(record.competitors.iter().cloned())
        .collect();
    let value = |c: &Comparison, metric: &str, brand: &str| {
        c.metric(metric)
            .and_then(|m| m.brands.iter().find(|b| b.brand == brand))
            .and_then(|b| b.value)
    };
    let platforms: Vec<&Comparison> = record.by_platform.iter().collect();
    if !platforms.is_empty() {
        out.push((
            format!("bars-{er}"),
            Chart::Bars(BarChart {
                title: format!("{} · {}", metric_name(er, lang), t("各平台", "各平台", "by platform")),
                y_label: if er.starts_with("er_") {
                    "%".into()
                } else {
                    metric_name(er, lang)
                },
                categories: platforms
                    .iter()
                    .map(|c| c.platform.clone().unwrap_or_default())
                    .collect(),
                series: brands
                    .iter()
                    .map(|b| (b.clone(), platforms.iter().map(|c| value(c, er, b)).collect()))
                    .collect(),
                highlight: Some(record.client.clone()),
            }),
        ));
    }
    if !record.series.periods.is_empty() {
        out.push((
            "lines-interactions".into(),
            Chart::Lines(LineChart {
                title: format!(
                    "{} · {}",
                    metric_name(&record.series.metric, lang),
                    t("趨勢", "趋势", "over time")
                ),
                y_label: metric_name(&record.series.metric, lang),
                x_labels: record.series.periods.clone(),
                lines: record.series.lines.clone(),
                highlight: Some(record.client.clone()),
            }),
        ));
    }
    let bubbles: Vec<Bubble> = brands
        .iter()
        .filter_map(|b| {
            let x = value(&record.overall, "posts_per_week", b)?;
            let y = value(&record.overall, er, b)?;
            let size = value(&record.overall, "followers", b)
                .or_else(|| value(&record.overall, "posts", b))
                .unwrap_or(1.0);
            Some(Bubble {
                label: b.clone(),
                x,
                y,
                size,
            })
        })
        .collect();
    if bubbles.len() >= 2 {
        let median = |m: &str| record.overall.metric(m).and_then(|c| c.competitor_median);
        out.push((
            "bubble-quadrant".into(),
            Chart::Bubble(BubbleChart {
                title: t(
                    "發文頻率 × 互動率",
                    "发文频率 × 互动率",
                    "Posting frequency × engagement",
                ),
                x_label: metric_name("posts_per_week", lang),
                y_label: metric_name(er, lang),
                bubbles,
                x_line: median("posts_per_week"),
                y_line: median(er),
                quadrant_labels: Some([
                    t("潛力", "潜力", "Potential"),
                    t("優秀", "优秀", "Excellent"),
                    t("沉默", "沉默", "Silent"),
                    t("活躍", "活跃", "Active"),
                ]),
                highlight: Some(record.client.clone()),
            }),
        ));
    }
    if let Some(card) = scorecard {
        out.push(("radar-sections".into(), Chart::Radar(radar(card, lang))));
    }
    out
}

/// The radar of an audit's section scores.
pub fn radar(card: &Scorecard, lang: Lang) -> RadarChart {
    RadarChart {
        title: lang.pick("各區塊分數", "各板块分数", "Section scores").to_string(),
        axes: card
            .sections
            .iter()
            .map(|s| (s.title.get(lang).to_string(), s.score.unwrap_or(0.0)))
            .collect(),
        max: 100.0,
    }
}

/// The figures for the diagnosis of an audit, from the benchmark that belongs with it (none without one).
pub fn facts_for(ws: &Workspace, client: &str, audit: &str) -> Result<chuxin_core::Facts> {
    Ok(for_audit(ws, client, audit)?
        .map(|r| r.facts.clone())
        .unwrap_or_default())
}

/// The client against the competitor median on every metric both have, for the portfolio's largest gap.
pub fn gaps(record: &BenchRecord, lang: Lang) -> Vec<chuxin_report::Gap> {
    record
        .overall
        .metrics
        .iter()
        .filter_map(|m| {
            Some(chuxin_report::Gap {
                metric: m.metric.clone(),
                label: metric_name(&m.metric, lang),
                client: m.client?,
                competitors: m.competitor_median?,
                index: m.index?,
            })
        })
        .collect()
}

/// A benchmark record as the report's benchmark section, in `lang`, with its charts drawn as SVG.
pub fn report_section(record: &BenchRecord, lang: Lang, font: Option<&Path>) -> chuxin_report::Benchmark {
    use chuxin_report::{BenchTable, Cell};
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
            Some(chuxin_report::Chart {
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
    chuxin_report::Benchmark {
        scope,
        tables,
        charts,
        gaps,
        notes: record.warnings.clone(),
        figures,
    }
}

/// A plugin's localised text in `lang`.
pub fn local(t: &chuxin_plugin_host::LocalText, lang: Lang) -> &str {
    lang.pick(&t.zh_hant, &t.zh_hans, &t.en)
}
