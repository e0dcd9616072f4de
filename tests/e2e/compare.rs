//! `chuxin compare`: the portfolio of several clients, checked against scores, ranks and counts worked out by
//! hand.

use crate::report::acme_with_history;
use crate::support::Env;
use serde_json::Value;

/// `acme` as in `report.rs` (env 50.714, ops 25, exe 50, res 65, overall 47.679, sins 3 4 5 6, coverage 8/30),
/// plus:
/// - `beta`: env.interest 4/5 → env 75.0; ops.listening 5/5 → ops 100.0; overall 87.5 → maturity 5; no sin
/// - `delta`: env.interest 2/5 → env 25.0 (sin 1); ops.participation 1/5 → ops 0.0 (sin 4); overall 12.5 → level 1
/// - `gamma`: no audit
///
/// Ranking: beta 87.5, acme 47.7, delta 12.5. Most common sin: 4 ignores_interaction (acme, delta); then the sins
/// of one client each, high before medium, by number: 1, 3, 6, then 5. Weakest: acme ops 25, beta env 75,
/// delta ops 0. Every audited client has coverage below 80 %; nobody has benchmark data.
fn portfolio() -> Env {
    let env = acme_with_history();
    for (id, name) in [("beta", "Beta <b>銀行</b>"), ("delta", "Delta"), ("gamma", "Gamma")] {
        env.ok(&["client", "add", id, "--name", name, "--industry", "none"]);
    }
    env.write(
        "clients/beta/audits/2026-11-20.toml",
        "date = \"2026-11-20\"\n[answers]\n\"env.interest\" = { value = 4 }\n\"ops.listening\" = { value = 5 }\n",
    );
    env.write(
        "clients/delta/audits/2026-11-21.toml",
        "date = \"2026-11-21\"\n[answers]\n\"env.interest\" = { value = 2 }\n\"ops.participation\" = { value = 1 }\n",
    );
    env
}

#[test]
fn json_portfolio_matches_the_hand_worked_heatmap_ranking_and_sins() {
    let env = portfolio();
    let p: Value = serde_json::from_str(&env.ok(&["--lang", "en", "compare", "--all", "--format", "json"])).unwrap();
    assert_eq!(p["schema"], "chuxin.portfolio/1");
    let columns: Vec<&str> = p["columns"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].as_str().unwrap())
        .collect();
    assert_eq!(columns, ["env", "ops", "exe", "bench", "res"]);
    let client = |id: &str| {
        p["clients"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["id"] == id)
            .unwrap()
            .clone()
    };
    let acme = client("acme");
    let cells: Vec<Option<f64>> = acme["cells"].as_array().unwrap().iter().map(Value::as_f64).collect();
    let expected = [Some(50.714), Some(25.0), Some(50.0), None, Some(65.0)];
    for (got, want) in cells.iter().zip(expected) {
        match (got, want) {
            (Some(g), Some(w)) => assert!((g - w).abs() < 0.001, "{cells:?}"),
            (g, w) => assert_eq!(*g, w),
        }
    }
    assert_eq!(client("beta")["cells"][0], 75.0);
    assert_eq!(client("beta")["cells"][1], 100.0);
    assert_eq!(client("gamma")["audit"], Value::Null);

    let ranking: Vec<(u64, &str)> = p["ranking"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| (r["rank"].as_u64().unwrap(), r["id"].as_str().unwrap()))
        .collect();
    assert_eq!(ranking, [(1, "beta"), (2, "acme"), (3, "delta")]);
    let levels: Vec<u64> = p["ranking"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["maturity"].as_u64().unwrap())
        .collect();
    // acme's 47.7 reaches level 3, but its diagnosed S4 (ignores_interaction) contradicts level 3: level 2.
    assert_eq!(levels, [5, 2, 1]);

    let sins: Vec<(&str, u64)> = p["common_sins"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| (s["sin"].as_str().unwrap(), s["count"].as_u64().unwrap()))
        .collect();
    assert_eq!(
        sins,
        [
            ("ignores_interaction", 2),
            ("internet_only", 1),
            ("understaffed", 1),
            // acme's service level 3 makes S6 medium (its graded severity), so the two medium sins go by number.
            ("self_indulgent", 1),
            ("no_standard_service", 1)
        ]
    );
    assert_eq!(p["common_sins"][0]["clients"], serde_json::json!(["acme", "delta"]));
    assert!((p["common_sins"][0]["share"].as_f64().unwrap() - 2.0 / 3.0).abs() < 1e-9);

    assert_eq!(client("acme")["weakest"]["id"], "ops");
    assert_eq!(client("beta")["weakest"]["id"], "env");
    assert_eq!(client("delta")["weakest"]["score"], 0.0);
    assert_eq!(client("acme")["largest_gap"], Value::Null, "no benchmark data yet");
    let warnings: Vec<(&str, &str)> = p["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| (w["client"].as_str().unwrap(), w["code"].as_str().unwrap()))
        .collect();
    assert!(warnings.contains(&("gamma", "no_audit")));
    for id in ["acme", "beta", "delta"] {
        assert!(warnings.contains(&(id, "low_coverage")), "{id}");
        assert!(warnings.contains(&(id, "no_benchmark")), "{id}");
    }

    // Naming clients compares only those.
    let two: Value = serde_json::from_str(&env.ok(&["compare", "delta", "beta", "--format", "json"])).unwrap();
    assert_eq!(two["clients"].as_array().unwrap().len(), 2);
    assert_eq!(two["ranking"][0]["id"], "beta");
}

#[test]
fn every_format_of_the_portfolio() {
    let env = portfolio();
    let table = env.ok(&["--lang", "en", "compare"]);
    assert!(table.contains("Clients ranked by maturity"), "{table}");
    assert!(
        table.lines().any(|l| l.starts_with("1  Beta <b>銀行</b>  87.5  5 · ")),
        "{table}"
    );
    assert!(table.contains("gamma: no audit yet"));

    env.ok(&["--lang", "en", "compare", "--format", "html", "-o", "p.html"]);
    let html = env.read("p.html");
    assert!(html.contains("Beta &lt;b&gt;銀行&lt;&#x2f;b&gt;"), "names are escaped");
    assert!(!html.contains("<b>"));
    assert!(!html.contains("http://") && !html.contains("https://"));
    let acme_row = html
        .split(r#"<tr id="row-acme">"#)
        .nth(1)
        .unwrap()
        .split("</tr>")
        .next()
        .unwrap();
    assert!(
        acme_row.contains(r#"data-section="env" style="background-color: hsl(61, 70%, 82%)">50.7</td>"#),
        "{acme_row}"
    );
    assert!(acme_row.contains(r#"data-section="bench" style="background-color: #f6f8fa">—</td>"#));

    env.ok(&["compare", "--all", "--format", "csv", "-o", "p.csv"]);
    let bytes = std::fs::read(env.path().join("p.csv")).unwrap();
    assert!(
        bytes.starts_with(b"\xEF\xBB\xBF"),
        "a CSV file for Excel starts with a BOM"
    );
    let text = String::from_utf8(bytes[3..].to_vec()).unwrap();
    let mut rows = csv::Reader::from_reader(text.as_bytes());
    let header = rows.headers().unwrap().clone();
    assert_eq!(&header[6], "env");
    let acme = rows.records().map(Result::unwrap).find(|r| &r[0] == "acme").unwrap();
    assert_eq!((&acme[3], &acme[4], &acme[6], &acme[9]), ("47.7", "2", "50.7", ""));
    assert_eq!(
        &acme[header.iter().position(|h| h == "weakest_section").unwrap()],
        "ops"
    );
    let stdout = env.ok(&["compare", "--format", "csv"]);
    assert!(stdout.starts_with("client,name,"), "no BOM on standard output");

    env.run(&["compare", "--format", "xlsx"])
        .assert_code(2)
        .assert_error_line(&["-o FILE.xlsx"]);
    env.ok(&["compare", "--format", "xlsx", "-o", "p.xlsx"]);
    assert!(
        std::fs::read(env.path().join("p.xlsx"))
            .unwrap()
            .starts_with(b"PK\x03\x04")
    );
    env.run(&["compare", "acme", "--all"]).assert_code(2);
    env.run(&["compare", "nobody"]).assert_code(4);
}
