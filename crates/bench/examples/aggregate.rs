//! Brand × platform × month totals over a post-level CSV export of any size, with the fast path.
//!
//! ```text
//! cargo run --release -p chuxin-bench --example aggregate -- FILE [--threads N] [--csv]
//! ```
//! Prints a summary (rows, groups, Σ posts, Σ likes as a checksum) and, with `--csv`, every group.

use std::fs::File;
use std::process::ExitCode;
use std::time::Instant;

use chuxin_bench::fast::{FastOptions, aggregate_monthly};

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let mut path = None;
    let mut options = FastOptions::default();
    let mut csv = false;
    while let Some(a) = args.next() {
        match a.as_str() {
            "--threads" => match args.next().and_then(|n| n.parse().ok()) {
                Some(n) => options.threads = n,
                None => return usage(),
            },
            "--csv" => csv = true,
            _ if path.is_none() => path = Some(a),
            _ => return usage(),
        }
    }
    let Some(path) = path else { return usage() };
    let file = match File::open(&path) {
        Ok(f) => f,
        Err(e) => {
            eprintln!("error: cannot open `{path}`: {e}");
            return ExitCode::FAILURE;
        }
    };
    let start = Instant::now();
    let result = match aggregate_monthly(file, &path, &options, &mut |_| {}) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::FAILURE;
        }
    };
    let secs = start.elapsed().as_secs_f64();
    let posts: u64 = result.groups.iter().map(|g| g.posts).sum();
    let likes: f64 = result.groups.iter().map(|g| g.likes).sum();
    if csv {
        println!(
            "brand,platform,month,posts,likes,comments,shares,saves,clicks,impressions,reach,views,interactions,er_followers"
        );
        for g in &result.groups {
            println!(
                "{},{},{},{},{},{},{},{},{},{},{},{},{},{}",
                g.brand,
                g.platform,
                g.month,
                g.posts,
                g.likes,
                g.comments,
                g.shares,
                g.saves,
                g.clicks,
                g.impressions,
                g.reach,
                g.views,
                g.interactions,
                g.er_followers.map(|v| format!("{v:.6}")).unwrap_or_default()
            );
        }
    }
    eprintln!(
        "chuxin: rows={} bad_rows={} groups={} posts={} likes={} seconds={:.3} MB/s={:.0}",
        result.rows,
        result.bad_rows,
        result.groups.len(),
        posts,
        likes,
        secs,
        result.bytes as f64 / 1e6 / secs
    );
    for e in &result.first_errors {
        eprintln!("  bad row: {e}");
    }
    ExitCode::SUCCESS
}

fn usage() -> ExitCode {
    eprintln!("usage: aggregate FILE [--threads N] [--csv]");
    ExitCode::from(2)
}
