//! The library's whole pipeline in miniature, as the CLI wires it: ingest → aggregate → compare →
//! evidence facts.
//!
//! ```text
//! cargo run -p chuxin-bench --example facts -- CLIENT COMPETITOR,COMPETITOR POSTS.csv… [--accounts A.csv] [--profile NAME]
//! ```

use std::fs::File;
use std::process::ExitCode;

use chuxin_bench::compare::compare;
use chuxin_bench::evidence::facts;
use chuxin_bench::ingest::{IngestOptions, read_accounts, read_posts};
use chuxin_bench::metrics::{AggregateOptions, aggregate};
use chuxin_bench::profile::Profile;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.len() < 3 {
        eprintln!("usage: facts CLIENT COMPETITOR,COMPETITOR POSTS.csv… [--accounts A.csv] [--profile NAME]");
        return ExitCode::from(2);
    }
    let client = &args[0];
    let competitors: Vec<String> = args[1].split(',').map(str::to_string).collect();
    let (mut post_files, mut account_files, mut profile) = (Vec::new(), Vec::new(), Profile::auto());
    let mut rest = args[2..].iter();
    while let Some(a) = rest.next() {
        match a.as_str() {
            "--accounts" => account_files.extend(rest.next().cloned()),
            "--profile" => match rest.next().map(|n| Profile::builtin(n)) {
                Some(Ok(p)) => profile = p,
                Some(Err(e)) => {
                    eprintln!("error: {e}");
                    return ExitCode::FAILURE;
                }
                None => return ExitCode::from(2),
            },
            _ => post_files.push(a.clone()),
        }
    }
    let options = IngestOptions::default();
    let (mut posts, mut accounts) = (Vec::new(), Vec::new());
    for path in &post_files {
        let table = match File::open(path)
            .map_err(|e| e.to_string())
            .and_then(|f| read_posts(f, path, &profile, &options).map_err(|e| e.to_string()))
        {
            Ok(t) => t,
            Err(e) => {
                eprintln!("error: {path}: {e}");
                return ExitCode::FAILURE;
            }
        };
        let r = &table.report;
        eprintln!(
            "{path}: {} posts ({}, `{}`), {} skipped, {} duplicates",
            table.posts.len(),
            r.encoding,
            r.delimiter.escape_default(),
            r.skipped.len(),
            r.duplicates.len()
        );
        for e in &r.skipped {
            eprintln!("  {e}");
        }
        posts.extend(table.posts);
    }
    for path in &account_files {
        match File::open(path)
            .map_err(|e| e.to_string())
            .and_then(|f| read_accounts(f, path, &Profile::auto(), &options).map_err(|e| e.to_string()))
        {
            Ok(t) => accounts.extend(t.accounts),
            Err(e) => {
                eprintln!("error: {path}: {e}");
                return ExitCode::FAILURE;
            }
        }
    }
    let agg = aggregate(&posts, &accounts, &AggregateOptions::default());
    let comparison = compare(client, &competitors, &agg, None, None, &[]);
    println!(
        "{:<32} {:>12} {:>12} {:>12} {:>6} {:>8}",
        "metric", "client", "comp. avg", "comp. median", "rank", "index"
    );
    for m in &comparison.metrics {
        let f = |v: Option<f64>| v.map_or("—".to_string(), |v| format!("{v:.3}"));
        println!(
            "{:<32} {:>12} {:>12} {:>12} {:>6} {:>8}",
            m.metric,
            f(m.client),
            f(m.competitor_average),
            f(m.competitor_median),
            m.rank.map_or("—".to_string(), |r| format!("{r}/{}", m.ranked)),
            m.index.map_or("—".to_string(), |v| format!("{v:.0}"))
        );
    }
    println!();
    for (name, value) in facts(client, &competitors, &posts, &agg, &[]) {
        println!("{name:<36} {value:.4}");
    }
    ExitCode::SUCCESS
}
