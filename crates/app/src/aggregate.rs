//! `aggregate`: every brand × platform × month of exports of any size, in constant memory.
//!
//! The same engine as a benchmark run (profiles, encodings, duplicate removal, bad rows with their lines,
//! missing never zero), folded by month over every brand in the files, with no comparison set.

use crate::bench::exports::{FileSpec, load_profile, parse_encoding};
use crate::error::{AppError, Result};
use chuxin_bench::civil::PeriodKind;
use chuxin_bench::engine::{self, Ingested, Kind, Source};
use chuxin_bench::metrics::fold::Grain;
use chuxin_bench::metrics::{AggregateOptions, Aggregation};

/// What `aggregate` reads and how.
pub struct AggregateRequest {
    /// The exports, each with its own profile if named.
    pub files: Vec<FileSpec>,
    /// The profile of files named without one.
    pub profile: Option<String>,
    /// The encoding of every file, overriding detection.
    pub encoding: Option<String>,
    /// Stop at the first bad row.
    pub strict: bool,
    /// Worker threads.
    pub threads: usize,
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

/// Reads the files in one pass of the engine and groups them by month.
pub fn aggregate(req: &AggregateRequest) -> Result<Aggregated> {
    let encoding = parse_encoding(req.encoding.as_deref())?;
    let default = load_profile(req.profile.as_deref())?;
    let mut sources = Vec::new();
    for spec in &req.files {
        let name = spec.path.display().to_string();
        let file = std::fs::File::open(&spec.path).map_err(|source| AppError::Io {
            what: format!("cannot read `{name}`"),
            source,
        })?;
        sources.push(Source {
            name,
            reader: Box::new(file),
            profile: match &spec.profile {
                Some(p) => load_profile(Some(p))?,
                None => default.clone(),
            },
            kind: Kind::Posts,
        });
    }
    let options = engine::Options {
        years: crate::clock::accepted_years(&crate::clock::today(None)?),
        strict: req.strict,
        encoding,
        threads: req.threads.max(1),
        grain: Grain::Month,
        ..engine::Options::default()
    };
    let ingested = engine::run(sources, &options, &mut |_| {}, None)?;
    let aggregation = ingested.fold.aggregation(&AggregateOptions {
        period: Some(PeriodKind::Month),
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
