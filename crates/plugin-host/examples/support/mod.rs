//! Shared by the examples: the plugin files of a folder, deterministic synthetic posts and the peak memory.

use std::path::{Path, PathBuf};

use chuxin_plugin_host::PostRecord;

/// The `*chuxin_plugin*` libraries in `dir`.
pub fn plugin_files(dir: &Path) -> Vec<PathBuf> {
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
/// some texts.
pub fn synthetic_posts(n: usize) -> Vec<PostRecord> {
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

/// The process's peak resident set size, in KiB (Linux only).
pub fn peak_rss_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}
