//! `aggregate`: every brand × platform × month of exports of any size, in constant memory.
//!
//! The same engine as a benchmark run (profiles, encodings, duplicate removal, bad rows with their lines,
//! missing never zero), folded by month over every brand in the files, with no comparison set.

use crate::bench::exports::{FileSpec, ReadOptions, open_sources, parse_encoding};
use crate::error::Result;
use chuxin_bench::civil::PeriodKind;
use chuxin_bench::engine::{self, Ingested};
use chuxin_bench::metrics::fold::Grain;
use chuxin_bench::metrics::{AggregateOptions, Aggregation};

/// What `aggregate` reads and how.
pub struct AggregateRequest {
    /// The post-level exports, each with its own profile if named.
    pub files: Vec<FileSpec>,
    /// How they are read.
    pub read: ReadOptions,
}

/// The fold of the files and its groups by brand × platform × month.
pub struct Aggregated {
    /// The engine's result: each file's report and the fold.
    pub ingested: Ingested,
    /// The groups by brand × platform (and all platforms) × month (and the whole span).
    pub aggregation: Aggregation,
    /// The first day of data, over every file.
    pub first: Option<String>,
    /// The last day of data, over every file.
    pub last: Option<String>,
}

/// Reads the files in one pass of the engine and groups them by month; errors of the request are worded in `lang`.
pub fn aggregate(req: &AggregateRequest, lang: chuxin_core::Lang) -> Result<Aggregated> {
    let encoding = parse_encoding(req.read.encoding.as_deref(), lang)?;
    let sources = open_sources(&req.files, &[], &[], &req.read, lang)?;
    let bytes = req
        .files
        .iter()
        .filter_map(|f| std::fs::metadata(&f.path).ok())
        .map(|m| m.len())
        .sum();
    let options = engine::Options {
        years: crate::clock::accepted_years(&crate::clock::today(None)?),
        strict: req.read.strict,
        encoding,
        threads: req.read.threads.max(1),
        grain: Grain::Month,
        size_hint: Some(bytes),
        ..engine::Options::default()
    };
    let ingested = engine::run(sources, &options, &mut |_| {}, None)?;
    let aggregation = ingested.fold.aggregation(&AggregateOptions {
        period: Some(PeriodKind::Month),
        threads: req.read.threads.max(1),
        ..AggregateOptions::default()
    });
    let first = ingested.reports.iter().filter_map(|r| r.first.clone()).min();
    let last = ingested.reports.iter().filter_map(|r| r.last.clone()).max();
    Ok(Aggregated {
        ingested,
        aggregation,
        first,
        last,
    })
}
