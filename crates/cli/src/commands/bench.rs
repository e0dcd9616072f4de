//! `chuxin bench CLIENT --posts FILE…`: benchmark a client against its competitors from CSV exports.
//!
//! The run is stored in the workspace (`clients/<id>/bench/<date>.json`) so that `score` and `report` show its
//! figures as evidence; the comparison is printed as a table, JSON or CSV, and charts are drawn on request.

use crate::render;
use anyhow::Result;
use chuxin_app::bench::exports::{FileSpec, ReadOptions};
use chuxin_app::bench::{BenchOptions, ChartRequest, benchmark};
use chuxin_app::{Session, shown};
use chuxin_bench::civil::PeriodKind;
use chuxin_core::msg;
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
    /// Conversation export (repeatable), `FILE` or `FILE:PROFILE` (e.g. `twcs`): comments, mentions or support
    /// threads, one row a message, with the brand's replies; gives response rate and times, mentions and
    /// sentiment. Default: the files in `exports/` whose names contain `comment`, `mention`, `conversation`,
    /// `message`, 評論/评论, 留言 or 提及.
    #[arg(long = "conversations", value_name = "FILE[:PROFILE]", num_args = 1..)]
    pub conversations: Vec<String>,
    /// A fold written by `chuxin aggregate --format json`, read instead of exports (the industry plugins'
    /// comparisons, which need the posts themselves, are then skipped).
    #[arg(long, value_name = "FILE", conflicts_with_all = ["posts", "accounts", "conversations"])]
    pub fold: Option<PathBuf>,
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
pub fn run(cx: &Session, args: Args) -> Result<()> {
    let ws = cx.workspace()?;
    let client = ws.client(&args.client)?;
    let lang = cx.client_lang(&ws, &client);
    let opts = BenchOptions {
        posts: args.posts.iter().map(|s| FileSpec::parse(s)).collect(),
        accounts: args.accounts.iter().map(|s| FileSpec::parse(s)).collect(),
        conversations: args.conversations.iter().map(|s| FileSpec::parse(s)).collect(),
        fold: args.fold,
        read: ReadOptions {
            profile: args.profile,
            encoding: args.encoding,
            strict: args.strict,
            threads: args.threads,
        },
        period: args.period,
        verbose: true,
        since: args.since,
        until: args.until,
        all_brands: args.all_brands,
    };
    let charts = args.charts.map(|dir| ChartRequest { dir, font: args.font });
    let stored = benchmark(cx, &ws, &client, opts, charts)?;
    let mut out = std::io::stdout().lock();
    match args.format {
        Format::Json => writeln!(out, "{}", stored.run.to_json())?,
        Format::Csv => render::bench::csv(&stored.run, lang, &mut out)?,
        Format::Table => {
            // Brand names come from exports: the whole table goes through the terminal filter.
            let mut text = Vec::new();
            render::bench::table(&stored.run, lang, &mut text)?;
            out.write_all(render::safe(&String::from_utf8_lossy(&text)).as_bytes())?;
            writeln!(out, "\n{}: {}", msg!(lang, "cli.question.saved"), shown(&stored.path))?;
        }
    }
    Ok(())
}
