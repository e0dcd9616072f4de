//! `chuxin aggregate FILE…`: every brand × platform × month of exports of any size, in constant memory.
//!
//! The same engine as `chuxin bench` (profiles, encodings, duplicate removal, bad rows with their lines,
//! missing never zero), folded by month over every brand in the files, with no comparison set. CSV gives one
//! row a group with every metric the data allows; JSON gives the fold itself (see
//! `chuxin_bench::metrics::fold`) with each file's report.

use crate::benchmark::{FileSpec, load_profile};
use crate::context::Context;
use anyhow::{Context as _, Result};
use chuxin_bench::engine::{self, Kind, Source};
use chuxin_bench::metrics::fold::Grain;
use chuxin_bench::metrics::{AggregateOptions, METRICS};
use std::collections::HashMap;
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
pub fn run(_cx: &Context, args: Args) -> Result<()> {
    let encoding = crate::benchmark::parse_encoding(args.encoding.as_deref())?;
    let default = load_profile(args.profile.as_deref())?;
    let mut sources = Vec::new();
    let mut bytes = 0;
    for spec in args.files.iter().map(|s| FileSpec::parse(s)) {
        let name = spec.path.display().to_string();
        let file = std::fs::File::open(&spec.path).with_context(|| format!("cannot read `{name}`"))?;
        bytes += file.metadata().map_or(0, |m| m.len());
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
        years: crate::benchmark::accepted_years(&crate::context::today(None)?),
        strict: args.strict,
        encoding,
        threads: args.threads.max(1),
        grain: Grain::Month,
        size_hint: Some(bytes),
        ..engine::Options::default()
    };
    let ingested = engine::run(sources, &options, &mut |_| {}, None)?;
    let fold = &ingested.fold;
    let agg = fold.aggregation(&AggregateOptions {
        period: Some(chuxin_bench::civil::PeriodKind::Month),
        threads: args.threads.max(1),
        ..AggregateOptions::default()
    });
    let first = ingested.reports.iter().filter_map(|r| r.first.clone()).min();
    let last = ingested.reports.iter().filter_map(|r| r.last.clone()).max();
    for r in &ingested.reports {
        crate::render::ingest_report(r);
    }
    let groups: Vec<_> = agg
        .groups
        .iter()
        .filter(|g| g.platform.is_some() && g.period.is_some() && g.posts > 0)
        .collect();
    eprintln!(
        "chuxin: {} brands, {} groups, {} posts, data period {} to {}",
        fold.brands().len(),
        groups.len(),
        groups.iter().map(|g| g.posts).sum::<u64>(),
        first.as_deref().unwrap_or("—"),
        last.as_deref().unwrap_or("—")
    );
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    match args.format {
        Format::Json => {
            serde_json::to_writer(
                &mut out,
                &serde_json::json!({
                    "first": first,
                    "last": last,
                    "sources": ingested.reports,
                    "fold": fold,
                }),
            )?;
            writeln!(out)?;
        }
        Format::Csv => {
            let sums: HashMap<(&str, &str, String), &chuxin_bench::metrics::fold::Acc> = fold
                .groups
                .iter()
                .map(|g| {
                    (
                        (g.brand.as_str(), g.platform.as_str(), g.bucket[..7].to_string()),
                        &g.acc,
                    )
                })
                .collect();
            let mut w = csv::Writer::from_writer(&mut out);
            let mut header = vec!["brand", "platform", "month", "likes", "comments", "shares"];
            header.extend(METRICS.iter().map(|m| m.id));
            w.write_record(&header)?;
            for g in groups {
                let platform = g.platform.as_deref().unwrap_or_default();
                let month = g.period.map(|p| p.to_string()).unwrap_or_default();
                let acc = sums.get(&(g.brand.as_str(), platform, month.clone()));
                let sum = |f: fn(&chuxin_bench::metrics::fold::Acc) -> &chuxin_bench::metrics::fold::Mean| {
                    acc.map(|a| f(a))
                        .filter(|m| m.n > 0)
                        .map_or(String::new(), |m| m.sum.to_string())
                };
                let mut row = vec![
                    chuxin_report::csv_text(&g.brand).into_owned(),
                    chuxin_report::csv_text(platform).into_owned(),
                    month,
                    sum(|a| &a.likes),
                    sum(|a| &a.comments),
                    sum(|a| &a.shares),
                ];
                row.extend(
                    METRICS
                        .iter()
                        .map(|m| g.get(m.id).map_or(String::new(), |v| v.to_string())),
                );
                w.write_record(&row)?;
            }
            w.flush()?;
        }
    }
    out.flush()?;
    Ok(())
}
