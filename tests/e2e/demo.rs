//! `chuxin demo`: the whole pipeline on the bundled sample agency, checked against scores and sins worked out by
//! hand from the sample answers (the arithmetic is written at the top of each sample audit file and repeated
//! here for the figures asserted).

use crate::support::Env;
use serde_json::Value;

struct Expected {
    client: &'static str,
    sections: [(&'static str, f64); 5],
    overall: f64,
    level: u64,
    answered: u64,
    sins: &'static [&'static str],
}

const EXPECTED: [Expected; 3] = [
    // env (1+.75+.5+1+1.5×.5+.75+.75+.25)/8.5 = 67.647; ops 4.4/8 = 55; exe 4.2/8 = 52.5; bench 2.25/4; res 2.45/4
    Expected {
        client: "lotus-tea",
        sections: [
            ("env", 67.647),
            ("ops", 55.0),
            ("exe", 52.5),
            ("bench", 56.25),
            ("res", 61.25),
        ],
        overall: 58.529,
        level: 3,
        answered: 30,
        sins: &["ignores_interaction", "self_indulgent", "no_standard_service"],
    },
    Expected {
        client: "hengfeng-bank",
        sections: [
            ("env", 22.941),
            ("ops", 47.813),
            ("exe", 55.0),
            ("bench", 33.333),
            ("res", 33.333),
        ],
        overall: 38.484,
        level: 2,
        answered: 28,
        sins: &["internet_only", "understaffed", "no_social_crm", "vanity_metrics"],
    },
    Expected {
        client: "mingyue-beauty",
        sections: [
            ("env", 54.412),
            ("ops", 39.063),
            ("exe", 52.5),
            ("bench", 31.25),
            ("res", 42.5),
        ],
        overall: 43.945,
        level: 3,
        answered: 30,
        sins: &["hard_ads", "weibo_wechat_only", "ignores_data"],
    },
];

#[test]
fn demo_runs_the_pipeline_and_scores_the_sample_clients_as_worked_out_by_hand() {
    let env = Env::new();
    let out = env.ok(&["--lang", "en", "demo", "d"]);
    assert!(
        out.contains("results: d/results") || out.contains("/d/results"),
        "{out}"
    );
    for e in &EXPECTED {
        let doc: Value = serde_json::from_str(&env.read(&format!("d/results/{}/score.json", e.client))).unwrap();
        let card = &doc["scorecard"];
        for (id, want) in e.sections {
            let got = card["sections"]
                .as_array()
                .unwrap()
                .iter()
                .find(|s| s["id"] == id)
                .unwrap()["score"]
                .as_f64()
                .unwrap();
            assert!((got - want).abs() < 0.001, "{} {id}: {got} != {want}", e.client);
        }
        let overall = card["overall"].as_f64().unwrap();
        assert!((overall - e.overall).abs() < 0.001, "{} overall {overall}", e.client);
        assert_eq!(card["maturity"]["level"], e.level, "{}", e.client);
        assert_eq!(card["answered"], e.answered, "{}", e.client);
        let mut sins: Vec<&str> = card["findings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["sin"].as_str().unwrap())
            .collect();
        let mut want = e.sins.to_vec();
        sins.sort();
        want.sort();
        assert_eq!(sins, want, "{}", e.client);
        for f in card["findings"].as_array().unwrap() {
            assert!(
                !f["evidence"].as_array().unwrap().is_empty(),
                "every sin shows its evidence"
            );
        }
    }
    let table = env.read("d/results/lotus-tea/score.txt");
    assert!(
        table.contains("exe.complaint_handling = 2/5"),
        "evidence names the question and the answer:\n{table}"
    );
}

#[test]
fn demo_refuses_a_folder_that_is_not_empty() {
    let env = Env::new();
    env.write("d/keep.txt", "mine");
    env.run(&["demo", "d"]).assert_code(5).assert_error_line(&["not empty"]);
    assert_eq!(env.read("d/keep.txt"), "mine");
}
