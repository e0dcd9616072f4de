//! Golden outputs: what `score`, the report (Markdown, HTML and JSON), the portfolio and `compare` (its table and
//! JSON) say about the sample agency, in each of the three languages, checked in under `tests/golden/`. Any change of output shows up as a diff to review;
//! when it is intended, regenerate the files with `CHUXIN_BLESS=1 cargo test --test e2e golden`.

use crate::support::{Env, repo};
use std::path::Path;

const CLIENTS: [&str; 3] = ["hengfeng-bank", "lotus-tea", "mingyue-beauty"];
/// The audit the demo reports on (the sample agency's latest).
const AUDIT: &str = "2026-10-15";

#[test]
fn score_report_and_portfolio_match_the_checked_in_outputs_in_three_languages() {
    let bless = std::env::var("CHUXIN_BLESS").is_ok_and(|v| !v.is_empty());
    let mut stale = Vec::new();
    for lang in ["zh-Hant", "zh-Hans", "en"] {
        let env = Env::new();
        env.ok(&["--lang", lang, "demo", "d"]);
        let mut files: Vec<String> = vec!["portfolio.csv".into(), "compare.txt".into(), "compare.json".into()];
        let compare = env.ok(&["--lang", lang, "-w", "d", "compare"]);
        std::fs::write(env.path().join("d/results/compare.txt"), compare).unwrap();
        let compare = env.ok(&["--lang", lang, "-w", "d", "compare", "--format", "json"]);
        std::fs::write(env.path().join("d/results/compare.json"), compare).unwrap();
        for c in CLIENTS {
            let dir = format!("d/results/{c}");
            env.ok(&["--lang", lang, "-w", "d", "report", c, "--format", "json", "-o", &dir]);
            files.push(format!("{c}/score.txt"));
            files.push(format!("{c}/{c}-{AUDIT}.md"));
            files.push(format!("{c}/{c}-{AUDIT}.html"));
            files.push(format!("{c}/{c}-{AUDIT}.json"));
        }
        for rel in files {
            let got = env.read(&format!("d/results/{rel}"));
            let golden = repo().join("tests/golden").join(lang).join(&rel);
            if bless {
                std::fs::create_dir_all(golden.parent().unwrap()).unwrap();
                std::fs::write(&golden, &got).unwrap();
                continue;
            }
            if let Some(diff) = first_difference(&golden, &got) {
                stale.push(format!("{lang}/{rel}: {diff}"));
            }
        }
    }
    assert!(
        stale.is_empty(),
        "outputs differ from tests/golden (review, then CHUXIN_BLESS=1 to accept):\n{}",
        stale.join("\n")
    );
}

/// The first line where `got` differs from the file at `golden`, if any.
fn first_difference(golden: &Path, got: &str) -> Option<String> {
    let Ok(want) = std::fs::read_to_string(golden) else {
        return Some("no golden file".into());
    };
    if want == got {
        return None;
    }
    let (w, g): (Vec<&str>, Vec<&str>) = (want.lines().collect(), got.lines().collect());
    let line = w
        .iter()
        .zip(&g)
        .position(|(a, b)| a != b)
        .unwrap_or(w.len().min(g.len()));
    Some(format!(
        "line {}: expected `{}`, got `{}`",
        line + 1,
        w.get(line).unwrap_or(&"<end>"),
        g.get(line).unwrap_or(&"<end>")
    ))
}
