//! Bad input gets one clear line naming the file and the line or field, a documented exit code, and leaves the
//! workspace byte for byte as it was.

use crate::support::Env;

const GOOD_SECTION: &str = r#"
id = "agency"
version = "1"
title = { zh-Hant = "代理商自訂", zh-Hans = "代理商自定义", en = "Agency pack" }
[[sections]]
id = "extra"
title = { zh-Hant = "補充", zh-Hans = "补充", en = "Extra" }
"#;

fn question(id: &str) -> String {
    format!(
        r#"[[sections.questions]]
id = "{id}"
kind = "yes_no"
prompt = {{ zh-Hant = "有嗎?", zh-Hans = "有吗?", en = "Do you?" }}
rubric = {{ zh-Hant = "有為佳", zh-Hans = "有为佳", en = "Yes is better" }}
"#
    )
}

#[test]
fn a_valid_workspace_pack_joins_the_catalog() {
    let env = Env::workspace();
    env.write("packs/agency.toml", &format!("{GOOD_SECTION}{}", question("extra.crm")));
    let list = env.ok(&["--lang", "en", "packs", "list"]);
    assert!(
        list.lines()
            .any(|l| l.starts_with("agency ") && l.contains("packs/agency.toml")),
        "{list}"
    );
    let show = env.ok(&["client", "show", "acme"]);
    assert!(show.contains("packs: core, agency"), "{show}");
}

#[test]
fn a_pack_with_a_duplicate_question_id_names_the_file_and_key_path() {
    let env = Env::workspace();
    env.write(
        "packs/bad.toml",
        &format!("{GOOD_SECTION}{}{}", question("extra.crm"), question("extra.crm")),
    );
    let before = env.snapshot();
    env.run(&["score", "acme"]).assert_code(3).assert_error_line(&[
        "packs/bad.toml",
        "sections[0].questions[1].id",
        "duplicate question id `extra.crm`",
    ]);
    env.run(&["packs", "check", "packs/bad.toml"])
        .assert_code(3)
        .assert_error_line(&["sections[0].questions[1].id"]);
    assert_eq!(env.snapshot(), before);
}

#[test]
fn a_pack_with_a_missing_translation_or_a_syntax_error_is_refused() {
    let env = Env::workspace();
    let missing = format!("{GOOD_SECTION}{}", question("extra.crm")).replace(", en = \"Do you?\"", "");
    env.write("packs/bad.toml", &missing);
    env.run(&["client", "show", "acme"]).assert_code(3).assert_error_line(&[
        "packs/bad.toml",
        "sections[0].questions[0].prompt",
        "missing translation `en`",
    ]);
    // Line 3 of this file has an unterminated string.
    env.write(
        "packs/bad.toml",
        "id = \"x\"\nversion = \"1\"\ntitle = { zh-Hant = \"壞\n",
    );
    env.run(&["packs", "list"])
        .assert_code(3)
        .assert_error_line(&["packs/bad.toml", "line 3"]);
}

#[test]
fn a_rule_on_an_unknown_question_is_refused() {
    let env = Env::workspace();
    let pack = format!(
        "{GOOD_SECTION}{}\n[[sins]]\nid = \"x\"\nnumber = 1\ncategory = \"operations\"\nseverity = \"low\"\n\
         title = {{ zh-Hant = \"a\", zh-Hans = \"a\", en = \"a\" }}\nexplanation = {{ zh-Hant = \"a\", zh-Hans = \"a\", en = \"a\" }}\n\
         recommendation = {{ zh-Hant = \"a\", zh-Hans = \"a\", en = \"a\" }}\nwhen = {{ any = [{{ q = \"env.nope\", le = 2 }}] }}\n",
        question("extra.crm")
    );
    env.write("packs/bad.toml", &pack);
    env.run(&["packs", "check", "packs/bad.toml"])
        .assert_code(3)
        .assert_error_line(&["sins[0].when.any[0]", "unknown question id `env.nope`"]);
}

#[test]
fn a_rule_on_a_misspelt_metric_is_refused_with_the_nearest_names() {
    // `brand_reply_ratoi` would make the rule silently false on every benchmark.
    let env = Env::workspace();
    let pack = format!(
        "{GOOD_SECTION}{}\n[[sins]]\nid = \"x\"\nnumber = 1\ncategory = \"operations\"\nseverity = \"low\"\n\
         title = {{ zh-Hant = \"a\", zh-Hans = \"a\", en = \"a\" }}\nexplanation = {{ zh-Hant = \"a\", zh-Hans = \"a\", en = \"a\" }}\n\
         recommendation = {{ zh-Hant = \"a\", zh-Hans = \"a\", en = \"a\" }}\n\
         when = {{ all = [{{ answered = \"extra.crm\" }}, {{ not = {{ metric = \"brand_reply_ratoi\", lt = 0.2 }} }}] }}\n",
        question("extra.crm")
    );
    env.write("packs/bad.toml", &pack);
    let before = env.snapshot();
    env.run(&["packs", "check", "packs/bad.toml"])
        .assert_code(3)
        .assert_error_line(&[
            "packs/bad.toml",
            "sins[0].when.all[1].not.metric",
            "unknown metric `brand_reply_ratoi`",
            "did you mean `brand_reply_ratio`",
        ]);
    env.run(&["score", "acme"])
        .assert_code(3)
        .assert_error_line(&["packs/bad.toml", "unknown metric `brand_reply_ratoi`"]);
    assert_eq!(env.snapshot(), before);
}

#[test]
fn import_of_an_unknown_question_id_names_file_and_line_and_writes_nothing() {
    let env = Env::workspace();
    env.write(
        "in.toml",
        "date = \"2026-11-01\"\n\n[answers]\n\"env.interest\" = 4\n\"env.nonsense\" = 2\n",
    );
    let before = env.snapshot();
    env.run(&["import", "acme", "in.toml"])
        .assert_code(3)
        .assert_error_line(&[
            "in.toml:5",
            "answers.env.nonsense",
            "unknown question id `env.nonsense`",
        ]);
    assert_eq!(env.snapshot(), before);
}

#[test]
fn import_of_an_out_of_range_value_names_file_line_and_field_and_writes_nothing() {
    let env = Env::workspace();
    env.write("in.json", "{\n  \"answers\": {\n    \"env.positioning\": 3,\n    \"env.interest\": {\"value\": 9, \"note\": \"x\"}\n  }\n}\n");
    let before = env.snapshot();
    env.run(&["import", "acme", "in.json"])
        .assert_code(3)
        .assert_error_line(&[
            "in.json:4",
            "answers.env.interest.value",
            "`9` is out of range",
            "levels 1 to 5",
        ]);
    env.write("in.csv", "id,answer,note\nenv.positioning,3,\nenv.interest,0,too low\n");
    let before_csv = env.snapshot();
    env.run(&["import", "acme", "in.csv"])
        .assert_code(3)
        .assert_error_line(&["in.csv:3", "answer (env.interest)", "out of range"]);
    assert_eq!(env.snapshot(), before_csv);
    assert_ne!(before, before_csv, "only the new input file differs");
}

#[test]
fn import_into_an_existing_audit_keeps_it_whole_on_error() {
    let env = Env::workspace();
    env.write(
        "good.toml",
        "date = \"2026-11-01\"\n[answers]\n\"env.interest\" = { value = 4, note = \"老闆很支持\" }\n",
    );
    env.ok(&["import", "acme", "good.toml"]);
    let audit = env.read("clients/acme/audits/2026-11-01.toml");
    assert!(audit.contains("老闆很支持"), "{audit}");
    env.write(
        "bad.toml",
        "date = \"2026-11-01\"\n[answers]\n\"env.interest\" = \"maybe\"\n",
    );
    let before = env.snapshot();
    env.run(&["import", "acme", "bad.toml"])
        .assert_code(3)
        .assert_error_line(&["bad.toml:3", "env.interest"]);
    assert_eq!(env.snapshot(), before);
}

#[test]
fn a_pack_that_is_not_utf8_names_the_line_and_column() {
    let env = Env::workspace();
    // Line 2, after `title = "`, two bytes as Big5 writes them (0xC3 0x61): in UTF-8, 0xC3 must be followed by
    // a byte of 0x80–0xBF.
    let mut bytes = b"id = \"x\"\ntitle = \"".to_vec();
    bytes.extend_from_slice(&[0xC3, 0x61]);
    bytes.extend_from_slice(b"\"\n");
    std::fs::write(env.path().join("packs/bad.toml"), &bytes).unwrap_or_else(|_| {
        std::fs::create_dir_all(env.path().join("packs")).unwrap();
        std::fs::write(env.path().join("packs/bad.toml"), &bytes).unwrap();
    });
    env.run(&["packs", "check", "packs/bad.toml"])
        .assert_code(3)
        .assert_error_line(&["packs/bad.toml", "line 2, column 10", "not UTF-8"]);
    env.run(&["packs", "list"])
        .assert_code(3)
        .assert_error_line(&["packs/bad.toml", "line 2, column 10"]);
}
