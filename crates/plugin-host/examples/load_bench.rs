//! Measures plugin loading and one `compare` call per plugin.
//!
//! ```sh
//! cargo build --release -p chuxin-plugin-retail -p chuxin-plugin-food -p chuxin-plugin-finance
//! cargo run --release -p chuxin-plugin-host --example load_bench -- [--runs N] [--posts N] [DIR]
//! ```
//!
//! `DIR` defaults to the folder holding this example's own profile folder (`target/release`), where cargo puts the
//! plugins. Each run copies the `*chuxin_plugin*` libraries into a fresh folder (not timed), so the dynamic loader
//! really maps them again, then times `Registry::discover`: header check, then in a child process per plugin (this
//! example hosts its plugins as `chuxin` does) `dlopen`, entry symbol, ABI handshake. `call_cost` compares that
//! with loading in process.
//! Then each plugin's comparison runs over the same synthetic posts (JSON encoding, the call, decoding), `N`
//! times. Figures are medians (min–max); peak RSS is the process's high-water mark (`VmHWM`).

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use chuxin_plugin_host::{CompareInput, PostRecord, Registry, SearchOrigin, SearchPath, error_chain};
use support::{peak_rss_kib, plugin_files, synthetic_posts};

mod support;

fn main() {
    // Plugins load in child processes of this example, as they do under `chuxin`.
    chuxin_plugin_host::child::serve_or_host();
    let mut runs = 20usize;
    let mut posts = 10_000usize;
    let mut dir = None;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--runs" => runs = args.next().and_then(|v| v.parse().ok()).expect("--runs N"),
            "--posts" => posts = args.next().and_then(|v| v.parse().ok()).expect("--posts N"),
            other => dir = Some(PathBuf::from(other)),
        }
    }
    let dir = dir.unwrap_or_else(|| {
        let exe = std::env::current_exe().unwrap();
        exe.parent().and_then(Path::parent).unwrap().to_path_buf() // target/release/examples → target/release
    });
    let libraries = plugin_files(&dir);
    assert!(
        !libraries.is_empty(),
        "no *chuxin_plugin* library in {}: build the plugins first",
        dir.display()
    );

    let mut load_times = Vec::new();
    let mut registry = None;
    for _ in 0..runs {
        let fresh = tempfile::tempdir().unwrap();
        for lib in &libraries {
            std::fs::copy(lib, fresh.path().join(lib.file_name().unwrap())).unwrap();
        }
        let paths = [SearchPath::new(fresh.path(), SearchOrigin::CommandLine)];
        let start = Instant::now();
        let loaded = Registry::discover(&paths);
        load_times.push(start.elapsed());
        for err in loaded.errors() {
            eprintln!("warning: {}", error_chain(err));
        }
        registry = Some((loaded, fresh));
    }
    let (registry, _dir) = registry.unwrap();
    println!(
        "load + handshake of {} plugins ({} runs): {}",
        registry.plugins().len(),
        runs,
        summary(&mut load_times)
    );

    let input_posts = synthetic_posts(posts);
    let mut json_times = Vec::new();
    let mut json_len = 0;
    for _ in 0..runs {
        let start = Instant::now();
        let bytes = serde_json::to_vec(&input_posts).unwrap();
        let back: Vec<PostRecord> = serde_json::from_slice(&bytes).unwrap();
        json_times.push(start.elapsed());
        json_len = bytes.len();
        assert_eq!(back.len(), input_posts.len());
    }
    println!(
        "for scale, JSON encode + decode of the {posts} posts alone ({:.1} MB): {}",
        json_len as f64 / 1e6,
        summary(&mut json_times)
    );
    for plugin in registry.plugins() {
        let comparisons = plugin.comparisons().unwrap_or_default();
        for info in comparisons {
            let input = CompareInput {
                comparison: info.id.clone(),
                client_brand: "Brand 0".to_owned(),
                posts: input_posts.clone(),
                ..CompareInput::default()
            };
            let mut times = Vec::new();
            let mut rows = 0;
            for _ in 0..runs {
                let start = Instant::now();
                let out = plugin.compare(&input).expect("compare");
                times.push(start.elapsed());
                rows = out.rows.len();
            }
            println!(
                "{} `{}` over {} posts ({} brands): {}",
                plugin.id(),
                info.id,
                posts,
                rows,
                summary(&mut times)
            );
        }
    }
    if let Some(kib) = peak_rss_kib() {
        println!("peak RSS: {:.1} MiB", kib as f64 / 1024.0);
    }
}

/// "median (min–max)" of the durations.
fn summary(times: &mut [Duration]) -> String {
    times.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    format!(
        "median {:.3} ms (min {:.3}, max {:.3})",
        ms(times[times.len() / 2]),
        ms(times[0]),
        ms(times[times.len() - 1])
    )
}
