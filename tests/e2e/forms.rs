//! `chuxin form` and `chuxin import`: the questionnaire leaves as CSV or Markdown, comes back filled in, and
//! scores as worked out by hand.

use crate::support::Env;
use serde_json::Value;

#[test]
fn csv_form_round_trip_scores_as_worked_out_by_hand() {
    let env = Env::workspace();
    env.ok(&["--lang", "zh-Hans", "form", "acme", "--format", "csv", "-o", "q.csv"]);
    let bytes = std::fs::read(env.path().join("q.csv")).unwrap();
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"), "starts with a UTF-8 BOM for Excel");
    let text = String::from_utf8(bytes[3..].to_vec()).unwrap();
    assert!(
        text.contains("企业是否对社会化媒体感兴趣"),
        "questions in the chosen language"
    );

    // Fill it in as a client would, in a spreadsheet: answers by number, id or label.
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let headers = reader.headers().unwrap().clone();
    let mut out = csv::Writer::from_writer(Vec::new());
    out.write_record(&headers).unwrap();
    let mut rows = 0;
    for rec in reader.records() {
        let mut rec: Vec<String> = rec.unwrap().iter().map(str::to_string).collect();
        rows += 1;
        let answer = match rec[0].as_str() {
            "env.interest" => "5",
            "env.brand_sentiment" => "2",
            "env.current_practice" => "agency_only",
            "res.patience" => "8",
            "res.investment_areas" => "operations, tools",
            _ => "",
        };
        rec[4] = answer.to_string();
        out.write_record(&rec).unwrap();
    }
    assert_eq!(
        rows, 35,
        "30 scored questions, 3 lists and the 2 channel questions of the market"
    );
    std::fs::write(env.path().join("filled.csv"), out.into_inner().unwrap()).unwrap();
    let msg = env.ok(&["import", "acme", "filled.csv"]);
    assert!(msg.contains("imported 5 answers") && msg.contains("5/30"), "{msg}");

    let card: Value = serde_json::from_str(&env.ok(&["score", "acme", "--format", "json"])).unwrap();
    let card = &card["scorecard"];
    let section = |id: &str| {
        card["sections"]
            .as_array()
            .unwrap()
            .iter()
            .find(|s| s["id"] == id)
            .unwrap()["score"]
            .clone()
    };
    // env: interest 5/5 → 1.0 (w 1); brand_sentiment 2/5 → 0.25 (w 1.5); current_practice agency_only → 0.4 (w 1)
    //      (1.0 + 0.375 + 0.4) / 3.5 = 0.507142… → 50.714
    // res: patience 8 months → band 6–12 → 0.8; investment_areas operations 0.3 + tools 0.2 = 0.5 → 65.0
    // overall: (50.714 + 65.0) / 2 = 57.857 → maturity level 3 (40 ≤ score < 60)
    assert!(
        (section("env").as_f64().unwrap() - 50.714).abs() < 0.01,
        "{}",
        section("env")
    );
    assert!((section("res").as_f64().unwrap() - 65.0).abs() < 1e-9);
    assert_eq!(section("ops"), Value::Null, "no answers is no score, not zero");
    assert!((card["overall"].as_f64().unwrap() - 57.857).abs() < 0.01);
    assert_eq!(card["maturity"]["level"], 3);
    assert!((card["coverage"].as_f64().unwrap() - 5.0 / 30.0).abs() < 1e-9);
    assert_eq!(card["unanswered"].as_array().unwrap().len(), 25);
}

#[test]
fn markdown_form_lists_every_question_with_how_to_answer() {
    let env = Env::workspace();
    let md = env.ok(&["--lang", "en", "form", "acme", "--format", "md"]);
    assert_eq!(md.matches("\n### ").count(), 35);
    assert!(md.contains("- id: `res.patience`"));
    assert!(
        md.contains("1=None: leadership sees social media as irrelevant"),
        "scale levels are spelled out"
    );
}

#[test]
fn output_goes_to_regular_files_or_standard_output_only() {
    let env = Env::workspace();
    // `-o -` is standard output: no file named `-`.
    let out = env.ok(&["form", "acme", "--format", "md", "-o", "-"]);
    assert!(out.contains("acme") || out.len() > 100, "{out}");
    assert!(!env.path().join("-").exists());
    // A symbolic link is refused, and both the link and its file are left as they were.
    env.write("real.md", "mine\n");
    std::os::unix::fs::symlink(env.path().join("real.md"), env.path().join("link.md")).unwrap();
    env.run(&["form", "acme", "--format", "md", "-o", "link.md"])
        .assert_code(5)
        .assert_error_line(&["link.md", "symbolic link"]);
    assert!(
        std::fs::symlink_metadata(env.path().join("link.md"))
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert_eq!(env.read("real.md"), "mine\n");
    // A device or a folder is refused too.
    env.run(&["compare", "--format", "csv", "-o", "/dev/null"])
        .assert_code(5)
        .assert_error_line(&["/dev/null", "not a regular file"]);
    std::fs::create_dir(env.path().join("dir.md")).unwrap();
    env.run(&["form", "acme", "--format", "md", "-o", "dir.md"])
        .assert_code(5)
        .assert_error_line(&["dir.md", "not a regular file"]);
}
