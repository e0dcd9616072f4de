//! `chuxin aggregate FILE…`: every brand × platform × month of exports of any size, in constant memory.
//!
//! The same engine as `chuxin bench` (profiles, encodings, duplicate removal, bad rows with their lines,
//! missing never zero), folded by month over every brand in the files, with no comparison set. CSV gives one
//! row a group with every metric the data allows; JSON gives the fold itself (see
//! `chuxin_bench::metrics::fold`) with each file's report.

use anyhow::Result;
use chuxin_app::Session;
use chuxin_app::aggregate::{AggregateRequest, aggregate};
use chuxin_app::bench::exports::{FileSpec, ReadOptions};
use std::io::Write;

/// Output formats of `aggregate`.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum Format {
    /// CSV, one row a brand × platform × month (UTF-8, no BOM: meant for further processing).
    Csv,
    /// JSON: the data period, each file's report and the fold.
    Json,
}

/// Arguments of `chuxin aggregate`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Post-level exports, each `FILE` or `FILE:PROFILE`.
    #[arg(required = true, value_name = "FILE[:PROFILE]")]
    pub files: Vec<String>,
    /// Mapping profile of the files named without one (a built-in name or a TOML file).
    #[arg(long, value_name = "NAME|FILE")]
    pub profile: Option<String>,
    /// Encoding of the files, overriding detection (utf-8, gb18030, big5, utf-16le, utf-16be).
    #[arg(long, value_name = "ENCODING")]
    pub encoding: Option<String>,
    /// Stop at the first bad row.
    #[arg(long)]
    pub strict: bool,
    /// Worker threads.
    #[arg(long, default_value_t = 2)]
    pub threads: usize,
    /// Output format.
    #[arg(long, value_enum, default_value = "csv")]
    pub format: Format,
}

/// Aggregates the files and prints the groups.
pub fn run(cx: &Session, args: Args) -> Result<()> {
    let lang = cx.lang(cx.workspace().ok().as_ref());
    let done = aggregate(
        &AggregateRequest {
            files: args.files.iter().map(|s| FileSpec::parse(s)).collect(),
            read: ReadOptions {
                profile: args.profile,
                encoding: args.encoding,
                strict: args.strict,
                threads: args.threads,
            },
        },
        lang,
    )?;
    let (fold, agg) = (&done.ingested.fold, &done.aggregation);
    for r in &done.ingested.reports {
        crate::render::ingest_report(r, lang);
    }
    let groups: Vec<_> = agg
        .groups
        .iter()
        .filter(|g| g.platform.is_some() && g.period.is_some() && g.posts > 0)
        .collect();
    eprintln!(
        "{}",
        chuxin_core::msg!(
            lang,
            "cli.aggregate.summary",
            brands = fold.brands().len(),
            groups = groups.len(),
            posts = groups.iter().map(|g| g.posts).sum::<u64>(),
            first = done.first.as_deref().unwrap_or("—"),
            last = done.last.as_deref().unwrap_or("—")
        )
    );
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    match args.format {
        Format::Json => {
            let doc = chuxin_bench::engine::FoldDocument {
                first: done.first.clone(),
                last: done.last.clone(),
                sources: done.ingested.reports.clone(),
                fold: fold.clone(),
            };
            serde_json::to_writer(&mut out, &doc)?;
            writeln!(out)?;
        }
        Format::Csv => crate::render::aggregate::csv(fold, &groups, &mut out, args.threads)?,
    }
    out.flush()?;
    // The process ends here: freeing the fold and tens of thousands of groups' maps one by one took longer (tens
    // of milliseconds on one thread) than the system takes to reclaim the memory at exit.
    std::mem::forget(done);
    Ok(())
}
