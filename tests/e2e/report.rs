//! `chuxin report`: the client report in every format, with values worked out by hand, and the HTML opened in
//! headless Chromium as a reader would see it.

use crate::support::{Env, repo};
use serde_json::Value;
use std::path::PathBuf;
use std::process::Command;

/// A hostile answer: it would retitle the page and log to the console if it ever ran.
pub const HOSTILE: &str = "<script>document.title='pwned';console.error('pwned')</script>";

/// Finds an external program the test needs. Missing: a failure when `CI` or `CHUXIN_REQUIRE_BROWSER=1` is set
/// (so CI really runs these tests), otherwise a printed notice and a skip.
pub fn tool(names: &[&str]) -> Option<PathBuf> {
    let path = std::env::var_os("PATH").unwrap_or_default();
    for name in names {
        for dir in std::env::split_paths(&path) {
            let candidate = dir.join(name);
            if candidate.is_file() {
                return Some(candidate);
            }
        }
    }
    let required = std::env::var("CI").is_ok_and(|v| !v.is_empty() && v != "false")
        || std::env::var("CHUXIN_REQUIRE_BROWSER").is_ok_and(|v| v == "1");
    assert!(
        !required,
        "`{}` is required (CI or CHUXIN_REQUIRE_BROWSER=1) but not installed; .ci/run installs it",
        names[0]
    );
    eprintln!(
        "skipped: `{}` is not installed (set CHUXIN_REQUIRE_BROWSER=1 to fail instead)",
        names[0]
    );
    None
}

/// The test client `acme` (core pack only, 30 scored questions) with two audits.
///
/// Now (2026-11-26), by hand:
/// - env: interest 5/5 → 1.0 (w 1), brand_sentiment 2/5 → 0.25 (w 1.5), current_practice agency_only → 0.4 (w 1):
///   1.775 / 3.5 = 50.714
/// - ops: participation 2/5 → 0.25 (w 1.5), audience_needs 2/5 → 0.25 (w 1): 0.625 / 2.5 = 25.0
/// - exe: service_expectations 3/5 → 0.5: 50.0 · res: patience 8 → 0.8, investment_areas 0.3 + 0.2 → 65.0
/// - overall (all section weights 1): (50.714 + 25 + 50 + 65) / 4 = 47.679 → level 3 by score, held at maturity 2
///   because sin S4 (ignores_interaction) contradicts level 3; coverage 8/30
/// - sins: 3 understaffed (high; current_practice, w 1), 4 ignores_interaction (high; participation, w 1.5),
///   6 no_standard_service (medium: service level 3, basic FAQ and hours, is its medium grade; service_expectations,
///   w 1.5), 5 self_indulgent (medium; audience_needs, w 1)
/// - three things first: severity, then weight, then number → 4, 3, 6
///
/// Before (2026-01-05): env.interest 3/5 → env 50.0; ops.participation 1/5 → ops 0.0; overall 25.0, maturity 2;
/// sin 4 only. So the change is +22.679, with sins 3, 6 and 5 new, 4 persisting, none resolved.
pub fn acme_with_history() -> Env {
    let env = Env::workspace();
    env.write(
        "clients/acme/audits/2026-01-05.toml",
        "date = \"2026-01-05\"\n[answers]\n\"env.interest\" = { value = 3 }\n\"ops.participation\" = { value = 1 }\n",
    );
    env.write(
        "clients/acme/audits/2026-11-26.toml",
        &format!(
            r#"date = "2026-11-26"
[answers]
"env.interest" = {{ value = 5 }}
"env.brand_sentiment" = {{ value = 2 }}
"env.current_practice" = {{ value = "agency_only" }}
"ops.participation" = {{ value = 2, note = "{}" }}
"ops.audience_needs" = {{ value = 2 }}
"exe.service_expectations" = {{ value = 3 }}
"exe.channels" = {{ value = ["<img src=x onerror=console.error(1)>", "weibo"] }}
"res.patience" = {{ value = 8 }}
"res.investment_areas" = {{ value = ["operations", "tools"] }}
"#,
            HOSTILE.replace('"', "\\\"")
        ),
    );
    env
}

fn chromium(args: &[&str], page: &std::path::Path) -> (String, String) {
    let exe = tool(&["chromium", "chromium-browser", "google-chrome"]).expect("checked by the caller");
    let profile = tempfile::tempdir().unwrap();
    let out = Command::new(exe)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--enable-logging=stderr",
            "--v=0",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .args(args)
        .arg(format!("file://{}", page.display()))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "chromium failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn html_report_renders_in_chromium_with_every_chart_and_hostile_text_as_text() {
    let env = acme_with_history();
    let shown = env.ok(&["--lang", "en", "report", "acme", "-o", "out"]);
    assert_eq!(shown.trim(), "out/acme-2026-11-26.html");
    let page = env.path().join("out/acme-2026-11-26.html");
    let html = std::fs::read_to_string(&page).unwrap();

    // The source: self-contained, escaped, the figures worked out above.
    assert!(!html.contains("<script"), "user text never becomes markup");
    assert!(!html.contains("<img"), "user text never becomes markup");
    assert!(
        !html.contains("http://") && !html.contains("https://"),
        "nothing refers to the network"
    );
    for fetch in ["<link", "<iframe", "<object", "<embed", "@import", "url("] {
        assert!(!html.contains(fetch), "nothing is loaded from elsewhere: `{fetch}`");
    }
    assert!(
        html.contains("&lt;script&gt;document.title=&#x27;pwned&#x27;"),
        "the hostile note is shown as text"
    );
    assert!(html.contains(r#"<div class="value" id="overall">47.7</div>"#));
    assert!(html.contains(r#"<td class="num" id="overall-delta">+22.7</td>"#));
    assert!(html.contains("2/5 · Presence"));
    assert!(html.contains("The overall score reaches level 3 (Engagement)"));
    assert!(html.contains("@media print"));

    let Some(_) = tool(&["chromium", "chromium-browser", "google-chrome"]) else {
        return;
    };
    // As a reader sees it: the rendered DOM, and the console.
    let (dom, log) = chromium(&["--dump-dom"], &page);
    assert!(
        !log.contains("CONSOLE"),
        "the page logs nothing (no script ran):\n{log}"
    );
    assert!(
        dom.contains("<title>Social media audit report · Acme 茶飲</title>"),
        "the title is unchanged: the hostile script did not run"
    );
    assert!(!dom.contains("pwned</title>"));
    assert!(dom.contains("&lt;script&gt;document.title='pwned';console.error('pwned')&lt;/script&gt;"));
    assert!(
        dom.contains("&lt;img src=x onerror=console.error(1)&gt;"),
        "the hostile list answer is text"
    );
    for text in [
        "Three things to do first",
        "Section scores",
        "The 初心 check",
        "Diagnosis: the sins (4)",
        "Benchmark against competitors",
        "Change since the previous audit",
        "Appendix: the answers",
    ] {
        assert!(dom.contains(text), "`{text}` missing from the rendered page");
    }
    for chart in ["radar", "change"] {
        assert!(
            dom.contains(&format!(
                r#"<figure class="chart" id="chart-{chart}"><svg class="chart""#
            )),
            "chart `{chart}` is rendered inline"
        );
    }
    assert_eq!(
        dom.matches("<svg").count(),
        2,
        "every chart, and nothing else, is an SVG"
    );

    let shot = repo().join("target/e2e/report-acme.png");
    std::fs::create_dir_all(shot.parent().unwrap()).unwrap();
    let _ = std::fs::remove_file(&shot);
    let (_, log) = chromium(
        &[&format!("--screenshot={}", shot.display()), "--window-size=1280,4000"],
        &page,
    );
    assert!(!log.contains("CONSOLE"), "{log}");
    let png = std::fs::read(&shot).unwrap();
    assert!(
        png.starts_with(b"\x89PNG") && png.len() > 50_000,
        "a real screenshot at {}",
        shot.display()
    );
}

#[test]
fn json_report_carries_the_hand_worked_figures_and_the_change() {
    let env = acme_with_history();
    env.ok(&["--lang", "en", "report", "acme", "--format", "json", "-o", "out"]);
    let r: Value = serde_json::from_str(&env.read("out/acme-2026-11-26.json")).unwrap();
    assert_eq!(r["schema"], "chuxin.report/1");
    let s = &r["summary"];
    assert!((s["overall"].as_f64().unwrap() - 47.679).abs() < 0.001);
    assert_eq!(s["maturity"]["level"], 2);
    assert_eq!(s["maturity"]["of"], 5);
    assert!(
        s["maturity"]["held_down"]
            .as_str()
            .unwrap()
            .ends_with("the audit is placed at level 2.")
    );
    assert!((s["coverage"].as_f64().unwrap() - 8.0 / 30.0).abs() < 1e-9);
    assert_eq!(s["low_coverage"], true);
    assert_eq!(s["sins"]["total"], 4);
    assert_eq!(s["sins"]["high"], 2);
    assert_eq!(s["sins"]["medium"], 2);
    let first: Vec<&str> = s["top_actions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["sin"].as_str().unwrap())
        .collect();
    assert_eq!(first, ["ignores_interaction", "understaffed", "no_standard_service"]);
    assert_eq!(s["weakest"]["id"], "ops");
    assert!((s["weakest"]["score"].as_f64().unwrap() - 25.0).abs() < 1e-9);

    let env_row = r["sections"]
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x["id"] == "env")
        .unwrap()
        .clone();
    assert!((env_row["score"].as_f64().unwrap() - 50.714).abs() < 0.001);
    assert_eq!(env_row["previous"], 50.0);
    let c = &r["change"];
    assert_eq!(c["previous"]["id"], "2026-01-05");
    assert!((c["overall_delta"].as_f64().unwrap() - 22.679).abs() < 0.001);
    assert_eq!(
        (c["maturity_before"].clone(), c["maturity_after"].clone()),
        (2.into(), 2.into()),
        "level 3 by score now, held at 2 by S4"
    );
    let ids = |v: &Value| -> Vec<String> {
        let mut out: Vec<String> = v
            .as_array()
            .unwrap()
            .iter()
            .map(|x| x["sin"].as_str().unwrap().to_string())
            .collect();
        out.sort();
        out
    };
    assert_eq!(
        ids(&c["new_sins"]),
        ["no_standard_service", "self_indulgent", "understaffed"]
    );
    assert_eq!(ids(&c["persisting_sins"]), ["ignores_interaction"]);
    assert!(c["resolved_sins"].as_array().unwrap().is_empty());

    let f = r["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["sin"] == "ignores_interaction")
        .unwrap()
        .clone();
    assert_eq!(f["status"], "persisting");
    assert_eq!(f["evidence"][0]["question"], "ops.participation");
    assert_eq!(f["evidence"][0]["note"], HOSTILE, "JSON keeps the text as given");
    assert!(f["evidence"][0]["answer"].as_str().unwrap().starts_with("2/5 · "));
    assert!(r["benchmark"].is_null(), "no benchmark data yet");
    let charts: Vec<&str> = r["charts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].as_str().unwrap())
        .collect();
    assert_eq!(charts, ["radar", "change"]);
    let appendix_rows: usize = r["appendix"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["questions"].as_array().unwrap().len())
        .sum();
    // 30 scored questions, 3 lists and the 2 channel questions of the market (issue 13).
    assert_eq!(appendix_rows, 35);
}

#[test]
fn markdown_xlsx_and_other_languages() {
    let env = acme_with_history();
    env.ok(&["--lang", "zh-Hans", "report", "acme", "--format", "md", "-o", "out"]);
    let md = env.read("out/acme-2026-11-26.md");
    assert!(md.starts_with("# 社会化媒体诊断报告 · Acme 茶飲"));
    assert!(md.contains("![各板块分数雷达图](acme-2026-11-26-charts/radar.svg)"));
    assert!(
        md.contains("&lt;script&gt;"),
        "raw HTML in answers is neutralised in Markdown"
    );
    assert!(!md.contains("<script"));
    for chart in ["radar", "change"] {
        let svg = env.read(&format!("out/acme-2026-11-26-charts/{chart}.svg"));
        assert!(svg.starts_with("<?xml") && svg.contains(r#"<svg xmlns="http://www.w3.org/2000/svg""#));
    }
    env.ok(&["--lang", "zh-Hant", "report", "acme", "--audit", "2026-01-05"]);
    let old = env.read("reports/acme/acme-2026-01-05.html");
    assert!(old.contains(r#"<html lang="zh-Hant">"#) && old.contains("優先要做的三件事"));
    assert!(
        old.contains(r#"id="first-audit""#),
        "the oldest audit has no previous one"
    );
    env.ok(&["report", "acme", "--format", "xlsx", "-o", "out"]);
    let xlsx = std::fs::read(env.path().join("out/acme-2026-11-26.xlsx")).unwrap();
    assert!(xlsx.starts_with(b"PK\x03\x04"), "a zip package");

    let none = Env::workspace();
    none.run(&["report", "acme"])
        .assert_code(4)
        .assert_error_line(&["no audit yet"]);
    none.run(&["report", "nobody"]).assert_code(4);
}

#[test]
fn the_report_shows_conversations_with_the_period_the_chart_and_the_complaint_reply_share() {
    // The food client of `bench::food_client_with_conversations`: 蓮心茶飲's four customers' messages were first
    // answered after 20 and 5 minutes (under 1 h: 50%), 120 minutes (1–4 h: 25%), and never (25%); 茶語時光's two
    // after 10 minutes and never (50%, 50%); 一點甜's two never (100%). Its complaints: 2 of 3 answered.
    let env = Env::workspace();
    let (posts, comments) = crate::bench::food_client_with_conversations(&env);
    env.write(
        "clients/lotus/audits/2026-11-26.toml",
        "date = \"2026-11-26\"\n[answers]\n\"env.interest\" = { value = 4 }\n",
    );
    let (posts, comments) = (posts.to_str().unwrap(), comments.to_str().unwrap());
    env.ok(&["bench", "lotus", "--posts", posts, "--conversations", comments]);
    env.ok(&["--lang", "en", "report", "lotus", "--format", "json", "-o", "out"]);
    let report: Value = serde_json::from_str(&env.read("out/lotus-2026-11-26.json")).unwrap();
    let cv = &report["conversations"];
    assert!(cv.get("missing").is_none(), "{cv}");
    assert_eq!(cv["period"], "Data period 2024-03-01 – 2024-03-10");
    let shares: Vec<(String, Vec<f64>)> = cv["buckets"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| {
            let s = b["shares"]
                .as_array()
                .unwrap()
                .iter()
                .map(|v| v.as_f64().unwrap())
                .collect();
            (b["brand"].as_str().unwrap().to_string(), s)
        })
        .collect();
    assert_eq!(
        shares,
        [
            ("蓮心茶飲".to_string(), vec![50.0, 25.0, 0.0, 0.0, 25.0]),
            ("茶語時光".to_string(), vec![50.0, 0.0, 0.0, 0.0, 50.0]),
            ("一點甜".to_string(), vec![0.0, 0.0, 0.0, 0.0, 100.0]),
        ]
    );
    // The response-rate comparison ends with the competitors' median (50% and 0%: 25%); the unanswered
    // messages by platform (all on Weibo): 1, 1, 2.
    let response = &cv["tables"][0];
    let last = response["rows"].as_array().unwrap().last().unwrap();
    assert_eq!(
        (last[0].as_str(), last[1].as_f64()),
        (Some("Competitor median"), Some(25.0))
    );
    assert_eq!(cv["tables"][1]["rows"][0], serde_json::json!(["Weibo", 1.0, 1.0, 2.0]));
    // The complaint reply share is in the benchmark section, and the food pack's sin it triggers (2 of 3 ≥ ½:
    // not triggered by it here) reads the same fact.
    let tables = report["benchmark"]["tables"].as_array().unwrap();
    let share = tables
        .iter()
        .find(|t| t["id"] == "plugin-complaint_reply_share")
        .unwrap();
    assert_eq!(share["rows"][0][0], "蓮心茶飲");
    assert!((share["rows"][0][1].as_f64().unwrap() - 200.0 / 3.0).abs() < 1e-9);

    // The HTML: the section, its period and its chart, drawn as SVG in the page.
    env.ok(&["--lang", "en", "report", "lotus", "-o", "out"]);
    let html = env.read("out/lotus-2026-11-26.html");
    let section = &html[html.find(r#"<section id="conversations">"#).expect("the section")..];
    let section = &section[..section.find("</section>").unwrap()];
    assert!(section.contains("Data period 2024-03-01 – 2024-03-10"), "{section}");
    assert!(
        section.contains(r#"id="chart-conversations-response-time""#),
        "{section}"
    );
    assert!(
        section.contains(r#"aria-label="First-response time (share of customers&#x27;"#)
            || section.contains("First-response time (share of customers")
    );
    assert!(section.contains("<svg") && section.contains("Unanswered"), "{section}");
    // Markdown carries it too, with the chart as a file.
    env.ok(&["--lang", "en", "report", "lotus", "--format", "md", "-o", "out"]);
    let md = env.read("out/lotus-2026-11-26.md");
    assert!(md.contains("## Conversations and responses") && md.contains("conversations-response-time.svg"));
    assert!(
        env.path()
            .join("out/lotus-2026-11-26-charts/conversations-response-time.svg")
            .is_file()
    );
}

#[test]
fn a_report_without_conversation_data_says_which_export_fills_the_section() {
    let env = acme_with_history();
    env.ok(&["--lang", "en", "report", "acme", "--format", "json", "-o", "out"]);
    let report: Value = serde_json::from_str(&env.read("out/acme-2026-11-26.json")).unwrap();
    let missing = report["conversations"]["missing"].as_str().unwrap();
    assert!(missing.contains("bench --conversations FILE"), "{missing}");
    env.ok(&["--lang", "zh-Hant", "report", "acme", "-o", "out"]);
    let html = env.read("out/acme-2026-11-26.html");
    assert!(html.contains(r#"<p class="notice" id="no-conversations">這次對標沒有對話資料"#));
}
