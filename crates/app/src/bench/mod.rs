//! The benchmark run behind `chuxin bench` and the demo: CSV exports in, a [`BenchRun`] out.
//!
//! Ingestion, metrics, comparisons and evidence facts are `chuxin-bench`'s; this module joins them to the
//! workspace (the client's brand and competitors), to the plugins (their reference rows for the client's
//! industry and their own comparisons over the same posts). The caller stores the run
//! ([`crate::Session::save_run`]); `score` and `report` read it back as evidence.
//!
//! | module | owns |
//! |---|---|
//! | [`exports`] | the files of a run: `FILE[:PROFILE]`, the `exports/` folder, profiles, encodings, dates |
//! | `spill` | the compared brands' posts kept for the plugins, one temporary file per brand |

pub mod exports;
mod spill;

use crate::error::{AppError, Result};
use crate::session::Session;
use chuxin_bench::civil::PeriodKind;
use chuxin_bench::compare::{ReferenceRow, compare};
use chuxin_bench::engine;
use chuxin_bench::metrics::fold::day_to_date;
use chuxin_bench::metrics::{AggregateOptions, Window};
use chuxin_bench::run::{SERIES_METRIC, Series};
use chuxin_core::msg;
use chuxin_plugin_host::CompareOutput;
use chuxin_store::{BenchRun, Client, Workspace};
use exports::{FileSpec, ReadOptions, open_sources, parse_day, parse_encoding};
use spill::{Needs, Spill};
use std::path::PathBuf;
use std::rc::Rc;

/// Charts to draw after a run: into `dir`, with `font` for PNG (else the workspace's).
pub struct ChartRequest {
    /// The folder.
    pub dir: PathBuf,
    /// A CJK-capable font for PNG charts.
    pub font: Option<PathBuf>,
}

/// A run made and stored.
pub struct StoredRun {
    /// Its id (the day of the run).
    pub id: String,
    /// Its file.
    pub path: PathBuf,
    /// The run.
    pub run: Rc<BenchRun>,
}

/// `chuxin bench`: benchmarks the client `client` on the exports of `opts` (the client's `exports/` folder when
/// it names none), stores the run under today's date, tells the observer the run's warnings and draws its
/// charts when asked (with the radar of the latest audit, when it scores).
pub fn benchmark(
    s: &Session,
    ws: &Workspace,
    client: &Client,
    mut opts: BenchOptions,
    charts: Option<ChartRequest>,
) -> Result<StoredRun> {
    if opts.posts.is_empty() && opts.fold.is_none() {
        let found = exports::client_exports(ws, &client.id, s.client_lang(ws, client))?;
        (opts.posts, opts.accounts) = (found.posts, found.accounts);
        if opts.conversations.is_empty() {
            opts.conversations = found.conversations;
        }
    }
    if opts.posts.is_empty() && opts.fold.is_none() {
        let dir = ws.exports_dir(&client.id)?;
        let lang = s.client_lang(ws, client);
        return Err(AppError::usage(msg!(
            lang,
            "app.bench.no_exports",
            dir = crate::shown(&dir)
        )));
    }
    let date = crate::clock::today(Some(ws))?;
    let run = run(s, ws, client, &opts, &date)?;
    let (path, run) = s.save_run(ws, &client.id, &date, run)?;
    for w in &run.warnings {
        s.observer().warning(w);
    }
    if let Some(req) = charts {
        let font = req
            .font
            .or_else(|| ws.config().font.as_ref().map(|f| ws.root().join(f)));
        let card = crate::audit::open(s, ws, client, None, Some((date.clone(), run.clone())))
            .ok()
            .map(|a| a.card);
        let lang = s.client_lang(ws, client);
        crate::charts::draw_charts(&run, card.as_ref(), lang, &req.dir, font.as_deref(), s.observer())?;
    }
    Ok(StoredRun { id: date, path, run })
}

/// What a run reads and how: the files, profiles, window and strictness asked for.
pub struct BenchOptions {
    /// Post-level exports.
    pub posts: Vec<FileSpec>,
    /// Account-level exports.
    pub accounts: Vec<FileSpec>,
    /// Conversation exports: comments, mentions, customer-support threads (see `chuxin_bench::conversation`).
    pub conversations: Vec<FileSpec>,
    /// A fold written by `chuxin aggregate --format json`, read instead of exports.
    pub fold: Option<PathBuf>,
    /// How the files are read: profile, encoding, strictness, threads.
    pub read: ReadOptions,
    /// Period of the series.
    pub period: PeriodKind,
    /// Tell the observer of the progress and of what was made of each file.
    pub verbose: bool,
    /// First day of the data window.
    pub since: Option<String>,
    /// Last day of the data window.
    pub until: Option<String>,
    /// Read every brand of the files (for the share over all brands), not only the client and its competitors.
    pub all_brands: bool,
}

/// Runs a benchmark for `client`: one pass of the engine over every export, then comparisons, facts and the
/// plugins' comparisons.
pub fn run(s: &Session, ws: &Workspace, client: &Client, opts: &BenchOptions, date: &str) -> Result<BenchRun> {
    // The run's warnings are stored with it, and its errors worded, in the client's language.
    let lang = s.client_lang(ws, client);
    if opts.posts.is_empty() && opts.fold.is_none() {
        return Err(AppError::usage(msg!(lang, "app.bench.no_posts_given")));
    }
    if opts.fold.is_some() && !(opts.posts.is_empty() && opts.accounts.is_empty() && opts.conversations.is_empty()) {
        return Err(AppError::usage(msg!(lang, "app.bench.fold_or_exports")));
    }
    let encoding = parse_encoding(opts.read.encoding.as_deref(), lang)?;
    let since = parse_day(opts.since.as_deref(), "--since", lang)?;
    let until = parse_day(opts.until.as_deref(), "--until", lang)?;
    let brand = client.brand().to_string();
    let compared: Option<Vec<String>> = (!client.competitors.is_empty() && !opts.all_brands).then(|| {
        std::iter::once(brand.clone())
            .chain(client.competitors.iter().filter(|c| **c != brand).cloned())
            .collect()
    });

    // The industry plugins (those whose packs join this client's catalog) and their comparisons.
    let registry = s.registry(Some(ws));
    let joined: Vec<String> = s
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
            Err(e) => warnings.push(msg!(
                lang,
                "app.bench.comparisons_skipped",
                error = crate::call_error_text(&e, lang)
            )),
        }
    }
    let mut spill = if wanted.is_empty() {
        None
    } else {
        Some(Spill::new(Needs::of(wanted.iter().map(|(_, info)| &info.needs[..])))?)
    };

    // One pass of the engine over every file.
    let sources = open_sources(&opts.posts, &opts.accounts, &opts.conversations, &opts.read, lang)?;
    let total: u64 = opts
        .posts
        .iter()
        .chain(&opts.accounts)
        .chain(&opts.conversations)
        .filter_map(|s| std::fs::metadata(&s.path).ok())
        .map(|m| m.len())
        .sum();
    let engine_opts = engine::Options {
        years: crate::clock::accepted_years(date),
        strict: opts.read.strict,
        encoding,
        threads: opts.read.threads.max(1),
        brands: compared.clone(),
        since,
        until,
        ..engine::Options::default()
    };
    let observer = s.observer();
    let verbose = opts.verbose;
    let mut progress = |bytes: u64| {
        if verbose {
            observer.progress(bytes, total);
        }
    };
    let folded = match &opts.fold {
        Some(path) => Some(read_fold(path, opts.period, lang)?),
        None => None,
    };
    if folded.is_some() && spill.is_some() {
        warnings.push(msg!(lang, "app.bench.fold_drops_plugin_comparisons"));
        spill = None;
    }
    let keep = spill.is_some();
    let ingested = if let Some(doc) = folded {
        engine::Ingested {
            fold: doc.fold,
            reports: doc.sources,
            conversation: None,
            outcomes: None,
        }
    } else {
        let mut sink = |r: engine::Record| match (&r, spill.as_mut()) {
            (engine::Record::Post(p), Some(s)) => s.add(p),
            (engine::Record::Message(m), Some(s)) => s.add_message(m),
            _ => {}
        };
        let sink_ref: Option<&mut (dyn FnMut(engine::Record) + Send)> = if keep { Some(&mut sink) } else { None };
        engine::run(sources, &engine_opts, &mut progress, sink_ref)?
    };
    if opts.verbose {
        observer.progress_done();
        for r in &ingested.reports {
            observer.file_read(r);
        }
    }
    for r in &ingested.reports {
        for c in r.warnings() {
            warnings.push(msg!(
                lang,
                "app.bench.column",
                file = r.source_name,
                column = c.header,
                warning = c
                    .warning
                    .map(|w| chuxin_report::figures::column_warning(w, lang))
                    .unwrap_or_default()
            ));
        }
    }
    if let Some(c) = &ingested.conversation {
        let first = |l: &chuxin_bench::engine::Listed| {
            l.listed
                .first()
                .map(|m| msg!(lang, "app.bench.first_at", at = format!("{}:{}", m.source_name, m.line)))
                .unwrap_or_default()
        };
        if c.orphans.total > 0 {
            warnings.push(msg!(
                lang,
                "app.bench.orphans",
                count = c.orphans.total,
                first = first(&c.orphans)
            ));
        }
        if c.unattributed.total > 0 {
            warnings.push(msg!(
                lang,
                "app.bench.unattributed",
                count = c.unattributed.total,
                first = first(&c.unattributed)
            ));
        }
        if c.early.total > 0 {
            warnings.push(msg!(
                lang,
                "app.bench.early",
                count = c.early.total,
                first = first(&c.early)
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
        let more = if found.len() > 30 {
            msg!(lang, "app.bench.and_more", count = found.len() - 30)
        } else {
            String::new()
        };
        return Err(AppError::invalid(msg!(
            lang,
            "app.bench.brand_not_found",
            brand = brand,
            found = listed.join(", "),
            more = more
        )));
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
        .ok_or_else(|| AppError::invalid(msg!(lang, "app.bench.no_dated_rows", brand = brand)))?;
    match window.chosen.as_str() {
        "common" if window.uneven() => warnings.push(msg!(
            lang,
            "app.bench.uneven_window",
            start = window.start,
            end = window.end,
            coverage = coverage_text(&window)
        )),
        "union" if set.len() > 1 => warnings.push(msg!(
            lang,
            "app.bench.disjoint_window",
            start = window.start,
            end = window.end,
            coverage = coverage_text(&window)
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

    // The plugins' reference rows are the protocol's records themselves: nothing to convert, nothing dropped.
    let mut refs: Vec<ReferenceRow> = Vec::new();
    for plugin in &industry_plugins {
        match plugin.benchmarks() {
            Ok(rows) => refs.extend(rows),
            Err(e) => warnings.push(msg!(
                lang,
                "app.bench.reference_rows_skipped",
                error = crate::call_error_text(&e, lang)
            )),
        }
    }
    // Only the rows about the client's market (its channels and population, or the platforms it posts on) are
    // compared; the others are kept in the run with the reason, so nothing is dropped silently.
    let market = client.market();
    let channels: Vec<String> = market.channels.iter().map(|c| c.id.clone()).collect();
    let own_platforms: Vec<String> = agg_all
        .platforms()
        .into_iter()
        .filter(|p| agg_all.get(&brand, Some(p.as_str()), None).is_some())
        .collect();
    let audience = chuxin_bench::reference::Audience {
        market: &market.id,
        channels: &channels,
        platforms: &own_platforms,
    };
    let (refs, references_left_out) = chuxin_bench::reference::select(refs, &audience);
    // Each plugin comparison runs once per brand, on that brand's records only.
    let mut plugins = Vec::new();
    if let Some(spill) = spill.as_mut() {
        spill.settle_messages(ingested.outcomes.as_ref())?;
        for (plugin, info) in &wanted {
            let mut merged: Option<CompareOutput> = None;
            let ask = spill::Ask {
                comparison: &info.id,
                client: &brand,
                posts: Needs::wants_posts(&info.needs),
                messages: Needs::wants_messages(&info.needs),
            };
            for b in &set {
                let input = spill.input(&ask, b, range)?;
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
                        warnings.push(msg!(
                            lang,
                            "app.bench.comparison_skipped",
                            id = info.id,
                            error = crate::call_error_text(&e, lang)
                        ));
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
        warnings.push(msg!(lang, "app.bench.no_posts_for", brand = m));
    }
    let platforms = agg_all.platforms();
    let by_platform = platforms
        .iter()
        .map(|p| compare(&brand, &competitors, &agg_all, Some(p), None, &refs))
        .collect();
    let mut facts = chuxin_bench::evidence::facts(&brand, &competitors, fold, &agg_all, &refs);
    // A plugin comparison whose id is a known fact (`complaint_reply_share`) feeds it with the client's row.
    for out in &plugins {
        if chuxin_bench::evidence::FACTS.iter().any(|f| f.name == out.comparison)
            && let Some(v) = out.rows.iter().find(|r| r.client).and_then(|r| r.value)
        {
            facts.insert(out.comparison.clone(), v);
        }
    }

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

    Ok(BenchRun {
        schema: BenchRun::SCHEMA,
        date: date.to_string(),
        client: brand,
        competitors,
        files: opts
            .posts
            .iter()
            .chain(&opts.accounts)
            .chain(&opts.conversations)
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
        market: Some(market.id.clone()),
        references_left_out,
        warnings,
        conversation: ingested.conversation.clone(),
    })
}

/// Reads a fold written by `chuxin aggregate --format json`. Its buckets must be fine enough for `period`: a
/// fold by month gives monthly and quarterly series, not weekly ones.
fn read_fold(path: &std::path::Path, period: PeriodKind, lang: chuxin_core::Lang) -> Result<engine::FoldDocument> {
    let text = std::fs::read_to_string(path).map_err(AppError::io("read", path))?;
    let doc: engine::FoldDocument = serde_json::from_str(&text).map_err(|e| {
        let at = format!("{}:{}:{}", crate::shown(path), e.line(), e.column());
        AppError::invalid(msg!(lang, "app.bench.not_a_fold", at = at, error = e))
    })?;
    if doc.fold.grain == chuxin_bench::metrics::Grain::Month && period == PeriodKind::Week {
        return Err(AppError::usage(msg!(
            lang,
            "app.bench.fold_by_month",
            path = crate::shown(path)
        )));
    }
    Ok(doc)
}

fn coverage_text(w: &Window) -> String {
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

#[cfg(test)]
mod tests {
    use super::*;
    use chuxin_store::Config;
    use std::sync::Arc;

    #[test]
    fn a_run_compares_the_client_with_its_competitors_and_is_kept_typed() {
        let dir = tempfile::tempdir().unwrap();
        let config = Config {
            name: "A".into(),
            lang: Default::default(),
            plugin_dirs: vec![],
            font: None,
            timezone: None,
        };
        let ws = Workspace::init(dir.path(), config).unwrap();
        let client = Client {
            id: "acme".into(),
            name: "Acme".into(),
            competitors: vec!["Rival".into()],
            ..Client::default()
        };
        ws.add_client(&client).unwrap();
        // Acme: 50 and 20 interactions on two posts (35 a post); Rival: 15 and 2 (8.5 a post). Both brands cover
        // 2 to 3 January, so that is the window; Other is outside the comparison set.
        let csv = "brand,platform,time,likes,comments\n\
                   Acme,weibo,2024-01-02,10,40\nAcme,weibo,2024-01-03,20,0\n\
                   Rival,weibo,2024-01-02,5,10\nRival,weibo,2024-01-03,1,1\nOther,weibo,2024-01-02,99,99\n";
        let path = dir.path().join("posts.csv");
        std::fs::write(&path, csv).unwrap();
        let opts = BenchOptions {
            posts: vec![FileSpec { path, profile: None }],
            accounts: vec![],
            conversations: vec![],
            fold: None,
            read: ReadOptions::default(),
            period: PeriodKind::Month,
            verbose: false,
            since: None,
            until: None,
            all_brands: false,
        };
        let s = Session::new(Some(dir.path().into()), None, vec![], Arc::new(crate::Quiet));
        let run = run(&s, &ws, &client, &opts, "2026-11-26").unwrap();
        assert_eq!(
            (run.schema, run.client.as_str(), run.posts),
            (BenchRun::SCHEMA, "Acme", 4)
        );
        assert_eq!(run.competitors, ["Rival"]);
        let window = run.window.as_ref().unwrap();
        assert_eq!(
            (window.start.as_str(), window.end.as_str()),
            ("2024-01-02", "2024-01-03")
        );
        let ipp = run.overall.metric("interactions_per_post").unwrap();
        assert_eq!(ipp.client, Some(35.0));
        assert_eq!(ipp.competitor_median, Some(8.5));
        assert!((ipp.index.unwrap() - 35.0 / 8.5 * 100.0).abs() < 1e-9);
        assert_eq!(run.series.periods, ["2024-01"]);
        // Saved, it reads back the same from the workspace.
        let (_, kept) = s.save_run(&ws, "acme", "2026-11-26", run.clone()).unwrap();
        assert_eq!(*kept, run);
        assert_eq!(ws.bench("acme", "2026-11-26").unwrap(), run);
    }
}
