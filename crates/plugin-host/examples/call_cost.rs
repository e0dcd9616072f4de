//! Measures what running plugins in child processes costs: loading, small calls and a `compare` on realistic
//! input, in this process and through a child process, in the same invocation, with the ratios and peak memory.
//!
//! ```sh
//! cargo build --release -p chuxin-plugin-retail -p chuxin-plugin-food -p chuxin-plugin-finance
//! cargo run --release -p chuxin-plugin-host --example call_cost -- [--calls N] [--runs N] [--posts N] [DIR]
//! ```
//!
//! `DIR` defaults to the folder of this example's profile (`target/release`), where cargo puts the plugins. This
//! program is its own plugin host (it calls `serve_or_host` first, as `chuxin` does), so the child processes run
//! the same code path as under `chuxin`, from a smaller binary. For each plugin:
//!
//! * **load**: `Plugin::load_with` on a fresh copy of the file (so `dlopen` really maps it), median of `--runs`;
//!   in a child this is spawn + exec + `dlopen` + handshake;
//! * **comparisons / benchmarks**: `--calls` calls in a row, mean per call (JSON decoding included);
//! * **compare**: the plugin's comparison over `--posts` synthetic posts from 10 brands (JSON encoding, the call,
//!   decoding), median of `--runs`.
//!
//! Peak memory is this process's high-water mark (`VmHWM`) and, for the children, the largest `ru_maxrss` among
//! the reaped children.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use chuxin_plugin_host::{CompareInput, Isolation, Limits, Plugin, PostRecord, ProcessHost};

fn main() {
    chuxin_plugin_host::child::serve_or_host();
    let mut calls = 1000usize;
    let mut runs = 20usize;
    let mut posts = 10_000usize;
    let mut dir = None;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut number = || args.next().and_then(|v| v.parse().ok()).expect("a number");
        match arg.as_str() {
            "--calls" => calls = number(),
            "--runs" => runs = number(),
            "--posts" => posts = number(),
            other => dir = Some(PathBuf::from(other)),
        }
    }
    let exe = std::env::current_exe().unwrap();
    let dir = dir.unwrap_or_else(|| exe.parent().and_then(Path::parent).unwrap().to_path_buf());
    let libraries = plugin_files(&dir);
    assert!(!libraries.is_empty(), "no *chuxin_plugin* library in {}", dir.display());
    let child = Isolation::Process(ProcessHost {
        program: exe,
        limits: Limits::default(),
    });
    let modes = [("in process", Isolation::InProcess), ("child", child)];
    let input_posts = synthetic_posts(posts);
    let json_len = serde_json::to_vec(&input_posts).unwrap().len();
    println!(
        "{} calls per small method, {runs} runs, compare over {posts} posts ({:.1} MB of JSON)",
        calls,
        json_len as f64 / 1e6
    );
    println!("| plugin | step | in process | child | ratio | child − in process |");
    println!("|---|---|---|---|---|---|");

    for lib in &libraries {
        let mut figures: Vec<[Duration; 4]> = Vec::new();
        let mut name = String::new();
        for (_, isolation) in &modes {
            let mut loads = Vec::new();
            let mut plugin = None;
            for _ in 0..runs {
                let fresh = tempfile::tempdir().unwrap();
                let copy = fresh.path().join(lib.file_name().unwrap());
                std::fs::copy(lib, &copy).unwrap();
                let start = Instant::now();
                let loaded = Plugin::load_with(&copy, isolation).expect("load");
                loads.push(start.elapsed());
                plugin = Some((loaded, fresh));
            }
            let (plugin, _fresh) = plugin.unwrap();
            name = plugin.id().to_owned();
            let comparisons = mean(calls, || {
                plugin.comparisons().unwrap();
            });
            let benchmarks = mean(calls, || {
                plugin.benchmarks().unwrap();
            });
            let info = plugin.comparisons().unwrap().remove(0);
            let input = CompareInput {
                comparison: info.id.clone(),
                client_brand: "Brand 0".to_owned(),
                posts: input_posts.clone(),
            };
            let mut compares = Vec::new();
            for _ in 0..runs {
                let start = Instant::now();
                let out = plugin.compare(&input).expect("compare");
                compares.push(start.elapsed());
                assert_eq!(out.rows.len(), 10);
            }
            figures.push([median(&mut loads), comparisons, benchmarks, median(&mut compares)]);
        }
        for (i, step) in ["load", "comparisons", "benchmarks", "compare"].iter().enumerate() {
            let (here, there) = (figures[0][i], figures[1][i]);
            println!(
                "| {name} | {step} | {} | {} | {:.1}× | {} |",
                show(here),
                show(there),
                there.as_secs_f64() / here.as_secs_f64(),
                show(there.saturating_sub(here))
            );
        }
    }
    println!(
        "peak RSS: this process {:.1} MiB, largest child {:.1} MiB",
        peak_rss_kib() as f64 / 1024.0,
        children_max_rss_kib() as f64 / 1024.0
    );
}

/// Mean time of one call over `n` calls in a row.
fn mean(n: usize, mut f: impl FnMut()) -> Duration {
    let start = Instant::now();
    for _ in 0..n {
        f();
    }
    start.elapsed() / n as u32
}

fn median(times: &mut [Duration]) -> Duration {
    times.sort();
    times[times.len() / 2]
}

fn show(d: Duration) -> String {
    let us = d.as_secs_f64() * 1e6;
    if us < 1000.0 {
        format!("{us:.1} µs")
    } else {
        format!("{:.2} ms", us / 1000.0)
    }
}

/// The `*chuxin_plugin*` libraries in `dir`.
fn plugin_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.extension().and_then(|e| e.to_str()) == Some(std::env::consts::DLL_EXTENSION)
                && p.file_name().unwrap().to_string_lossy().contains("chuxin_plugin")
        })
        .collect();
    files.sort();
    files
}

/// Deterministic posts from 10 brands on 3 platforms, a quarter promotional, with complaint and risk wording in
/// some texts (the same as `load_bench`).
fn synthetic_posts(n: usize) -> Vec<PostRecord> {
    const TEXTS: [&str; 6] = [
        "新品上市,限時八折!",
        "Our chef's seasonal menu is here",
        "外送冷掉了,要求退款",
        "The order never arrived. Refund please",
        "保本保息,穩賺不賠",
        "理財小教室:分散投資的道理",
    ];
    const PLATFORMS: [&str; 3] = ["facebook", "instagram", "tiktok"];
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    (0..n)
        .map(|i| {
            let r = next();
            PostRecord {
                brand: format!("Brand {}", i % 10),
                platform: PLATFORMS[(r % 3) as usize].to_owned(),
                post_id: i.to_string(),
                promotional: Some(r % 4 == 0),
                followers: Some(50_000.0 + (i % 10) as f64 * 1_000.0),
                likes: Some((r % 500) as f64),
                comments: Some((r % 40) as f64),
                shares: Some((r % 25) as f64),
                brand_replies: Some((r % 3) as f64),
                text: Some(TEXTS[(r % 6) as usize].to_owned()),
                ..PostRecord::default()
            }
        })
        .collect()
}

/// This process's peak resident set size, in KiB (Linux).
fn peak_rss_kib() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find(|l| l.starts_with("VmHWM:"))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|v| v.parse().ok())
        .unwrap_or(0)
}

/// The largest peak resident set size among the reaped children, in KiB (Linux reports `ru_maxrss` in KiB).
#[cfg(unix)]
fn children_max_rss_kib() -> u64 {
    // SAFETY: `getrusage` writes one `rusage` into the zeroed struct it is given.
    let usage = unsafe {
        let mut usage: libc::rusage = std::mem::zeroed();
        libc::getrusage(libc::RUSAGE_CHILDREN, &mut usage);
        usage
    };
    usage.ru_maxrss.max(0) as u64
}

#[cfg(not(unix))]
fn children_max_rss_kib() -> u64 {
    0
}
