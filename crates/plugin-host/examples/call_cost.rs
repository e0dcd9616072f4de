//! Measures what running plugins in child processes costs: loading, small calls and a `compare` on realistic
//! input, in this process and through a child process, in the same invocation, with the ratios and peak memory.
//!
//! ```sh
//! cargo build --release -p chuxin-plugin-retail -p chuxin-plugin-food -p chuxin-plugin-finance
//! cargo run --release -p chuxin-plugin-host --example call_cost -- [--calls N] [--runs N] [--posts N] \
//!     [--host PROGRAM] [DIR]
//! ```
//!
//! `DIR` defaults to the folder of this example's profile (`target/release`), where cargo puts the plugins. This
//! program is its own plugin host (it calls `serve_or_host` first, as `chuxin` does), so the child processes run
//! the same code path as under `chuxin`, from a smaller binary; `--host target/release/chuxin` runs the children
//! from the `chuxin` binary instead, as the real command does. For each plugin:
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
use support::{peak_rss_kib, plugin_files, synthetic_posts};

mod support;

fn main() {
    chuxin_plugin_host::child::serve_or_host();
    let mut calls = 1000usize;
    let mut runs = 20usize;
    let mut posts = 10_000usize;
    let mut dir = None;
    let mut host = None;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut number = || args.next().and_then(|v| v.parse().ok()).expect("a number");
        match arg.as_str() {
            "--calls" => calls = number(),
            "--runs" => runs = number(),
            "--posts" => posts = number(),
            "--host" => host = args.next().map(PathBuf::from),
            other => dir = Some(PathBuf::from(other)),
        }
    }
    let exe = std::env::current_exe().unwrap();
    let dir = dir.unwrap_or_else(|| exe.parent().and_then(Path::parent).unwrap().to_path_buf());
    let libraries = plugin_files(&dir);
    assert!(!libraries.is_empty(), "no *chuxin_plugin* library in {}", dir.display());
    let child = Isolation::Process(ProcessHost {
        program: host.unwrap_or(exe),
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

    // The child processes first, so that this process's high-water mark after them is its peak with children.
    let mut figures: Vec<(String, [Duration; 4], [Duration; 4])> = Vec::new();
    let mut peaks = Vec::new();
    for (mode, isolation) in modes.iter().rev() {
        for (i, lib) in libraries.iter().enumerate() {
            let (name, steps) = measure(lib, isolation, calls, runs, &input_posts);
            if figures.len() <= i {
                figures.push((name, [Duration::ZERO; 4], [Duration::ZERO; 4]));
            }
            if *mode == "child" {
                figures[i].2 = steps;
            } else {
                figures[i].1 = steps;
            }
        }
        peaks.push(format!(
            "{:.1} MiB after the {mode} runs",
            peak_rss_kib().unwrap_or(0) as f64 / 1024.0
        ));
    }
    for (name, here, there) in &figures {
        for (i, step) in ["load", "comparisons", "benchmarks", "compare"].iter().enumerate() {
            let (here, there) = (here[i], there[i]);
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
        "peak RSS of this process: {}; largest child: {:.1} MiB",
        peaks.join(", "),
        children_max_rss_kib() as f64 / 1024.0
    );
}

/// Loads one plugin `runs` times (fresh copies), then times its calls; returns its id and the four figures.
fn measure(
    lib: &Path,
    isolation: &Isolation,
    calls: usize,
    runs: usize,
    posts: &[PostRecord],
) -> (String, [Duration; 4]) {
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
        posts: posts.to_vec(),
        ..CompareInput::default()
    };
    let mut compares = Vec::new();
    for _ in 0..runs {
        let start = Instant::now();
        let out = plugin.compare(&input).expect("compare");
        compares.push(start.elapsed());
        assert_eq!(out.rows.len(), 10);
    }
    (
        plugin.id().to_owned(),
        [median(&mut loads), comparisons, benchmarks, median(&mut compares)],
    )
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
