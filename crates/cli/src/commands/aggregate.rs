//! `chuxin aggregate FILE…`: brand × platform × month totals of post-level exports of any size.
//!
//! This is the constant-memory, two-thread fast path of `chuxin-bench` for files of gigabytes (a year of a
//! monitoring tool's exports): no mapping profiles and no duplicate removal, only recognised headers and
//! per-group sums. For a client's comparison use `chuxin bench`.

use crate::context::Context;
use crate::exit::{INVALID_INPUT, exit};
use anyhow::{Context as _, Result};
use chuxin_bench::fast::{FastOptions, aggregate_monthly};
use std::io::Write;
use std::path::PathBuf;

/// Output formats of `aggregate`.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum Format {
    /// CSV, one row a group (UTF-8, no BOM: meant for further processing).
    Csv,
    /// JSON: the groups and the row counts.
    Json,
}

/// Arguments of `chuxin aggregate`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Post-level exports.
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
    /// Worker threads.
    #[arg(long, default_value_t = 2)]
    pub threads: usize,
    /// Output format.
    #[arg(long, value_enum, default_value = "csv")]
    pub format: Format,
}

/// Aggregates each file and prints the groups.
pub fn run(_cx: &Context, args: Args) -> Result<()> {
    let options = FastOptions {
        threads: args.threads.max(1),
        ..FastOptions::default()
    };
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    if matches!(args.format, Format::Csv) {
        writeln!(
            out,
            "file,brand,platform,month,posts,likes,comments,shares,saves,clicks,impressions,reach,views,interactions,er_followers"
        )?;
    }
    let mut docs = Vec::new();
    for path in &args.files {
        let name = path.display().to_string();
        let file = std::fs::File::open(path).with_context(|| format!("cannot read `{name}`"))?;
        let result =
            aggregate_monthly(file, &name, &options, &mut |_| {}).map_err(|e| exit(INVALID_INPUT, e.to_string()))?;
        let posts: u64 = result.groups.iter().map(|g| g.posts).sum();
        let likes: f64 = result.groups.iter().map(|g| g.likes).sum();
        eprintln!(
            "chuxin: file={name} rows={} bad_rows={} groups={} posts={posts} likes={likes}",
            result.rows,
            result.bad_rows,
            result.groups.len()
        );
        for e in &result.first_errors {
            eprintln!("  skipped {e}");
        }
        match args.format {
            Format::Csv => {
                let mut w = csv::Writer::from_writer(&mut out);
                for g in &result.groups {
                    let n = |v: f64| v.to_string();
                    w.write_record([
                        name.clone(),
                        g.brand.clone(),
                        g.platform.clone(),
                        g.month.clone(),
                        g.posts.to_string(),
                        n(g.likes),
                        n(g.comments),
                        n(g.shares),
                        n(g.saves),
                        n(g.clicks),
                        n(g.impressions),
                        n(g.reach),
                        n(g.views),
                        n(g.interactions),
                        g.er_followers.map(|v| format!("{v:.6}")).unwrap_or_default(),
                    ])?;
                }
                w.flush()?;
            }
            Format::Json => docs.push(serde_json::json!({ "file": name, "result": result })),
        }
    }
    if matches!(args.format, Format::Json) {
        serde_json::to_writer_pretty(&mut out, &docs)?;
        writeln!(out)?;
    }
    out.flush()?;
    Ok(())
}
