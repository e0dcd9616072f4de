//! `chuxin packs`: the core pack is complete, trilingual, and faithful to the seed article.

use crate::support::{Env, repo};
use serde_json::Value;

fn core_json() -> Value {
    let out = Env::new().ok(&["packs", "show", "core", "--format", "json"]);
    serde_json::from_str(&out).unwrap()
}

/// Every object with a `zh-Hant` key is a localised text: all three languages must be present and non-empty.
fn check_texts(v: &Value, path: &str, count: &mut usize) {
    match v {
        Value::Object(m) => {
            if m.contains_key("zh-Hant") {
                *count += 1;
                for lang in ["zh-Hant", "zh-Hans", "en"] {
                    let s = m.get(lang).and_then(Value::as_str).unwrap_or("");
                    assert!(!s.trim().is_empty(), "{path}: missing {lang}");
                }
            }
            for (k, child) in m {
                check_texts(child, &format!("{path}.{k}"), count);
            }
        }
        Value::Array(items) => {
            for (i, child) in items.iter().enumerate() {
                check_texts(child, &format!("{path}[{i}]"), count);
            }
        }
        _ => {}
    }
}

fn seed_article() -> String {
    let text = std::fs::read_to_string(repo().join("data/seed/000_e90ffd17f6c68936.txt")).unwrap();
    // The article ends at 「最后編輯于」; the rest is page furniture.
    text.split("最后編輯于").next().unwrap().to_string()
}

#[test]
fn core_pack_has_the_five_areas_thirty_questions_and_ten_sins_in_three_languages() {
    let pack = core_json();
    assert_eq!(pack["origin"], "built-in");
    let sections = pack["sections"].as_array().unwrap();
    let ids: Vec<&str> = sections.iter().map(|s| s["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["env", "ops", "exe", "bench", "res"]);
    let scored: Vec<usize> = sections
        .iter()
        .map(|s| {
            s["questions"]
                .as_array()
                .unwrap()
                .iter()
                .filter(|q| q["weight"].as_f64().unwrap() > 0.0)
                .count()
        })
        .collect();
    // The seed's self-audit: 8 + 7 + 7 + 4 + 4 questions.
    assert_eq!(scored, [8, 7, 7, 4, 4]);

    let sins = pack["sins"].as_array().unwrap();
    assert_eq!(sins.len(), 10);
    let numbers: Vec<u64> = sins.iter().map(|s| s["number"].as_u64().unwrap()).collect();
    assert_eq!(numbers, (1..=10).collect::<Vec<_>>());
    let categories: Vec<&str> = sins.iter().map(|s| s["category"].as_str().unwrap()).collect();
    let mut expected = vec!["strategy"; 2];
    expected.extend(["operations"; 7]);
    expected.push("measurement");
    assert_eq!(categories, expected);

    let mut texts = 0;
    check_texts(&pack, "core", &mut texts);
    // At least a prompt, help and rubric a question, and four texts a sin.
    assert!(texts > 30 * 3 + 10 * 4, "only {texts} localised texts");
    assert_eq!(pack["maturity"].as_array().unwrap().len(), 5);
}

#[test]
fn core_prompts_and_sin_titles_keep_the_seed_wording() {
    let seed = seed_article();
    let pack = core_json();
    let mut n = 0;
    for s in pack["sections"].as_array().unwrap() {
        for q in s["questions"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|q| q["weight"].as_f64().unwrap() > 0.0)
        {
            let prompt = q["prompt"]["zh-Hant"].as_str().unwrap();
            assert!(
                seed.contains(prompt),
                "prompt of {} is not the seed's wording: {prompt}",
                q["id"]
            );
            n += 1;
        }
        let title = s["title"]["zh-Hant"].as_str().unwrap();
        assert!(
            seed.contains(&format!("{title}:")),
            "section title {title} is not a seed heading"
        );
    }
    assert_eq!(n, 30);
    for sin in pack["sins"].as_array().unwrap() {
        let title = sin["title"]["zh-Hant"].as_str().unwrap();
        assert!(seed.contains(title), "sin title is not the seed's wording: {title}");
    }
}

#[test]
fn packs_list_names_the_origin() {
    let out = Env::new().ok(&["--lang", "en", "packs", "list"]);
    let core = out.lines().find(|l| l.starts_with("core ")).expect(&out);
    assert!(core.contains("built-in"), "{core}");
    assert!(core.contains(" 10 "), "ten rules: {core}");
}

#[test]
fn unknown_pack_is_not_found() {
    Env::new()
        .run(&["packs", "show", "nope"])
        .assert_code(4)
        .assert_error_line(&["找不到題庫 `nope`"]);
}

/// A pack of one single-choice question (options `a`, `b`) and one rule on it, which each case below breaks in
/// one place.
const ONE_QUESTION_PACK: &str = r#"id = "agency"
version = "1"
title = { zh-Hant = "代理商自訂", zh-Hans = "代理商自定义", en = "Agency pack" }
[[sections]]
id = "extra"
title = { zh-Hant = "補充", zh-Hans = "补充", en = "Extra" }
[[sections.questions]]
id = "extra.crm"
kind = "single"
prompt = { zh-Hant = "用哪套?", zh-Hans = "用哪套?", en = "Which?" }
rubric = { zh-Hant = "有為佳", zh-Hans = "有为佳", en = "Yes is better" }
options = [
  { id = "a", label = { zh-Hant = "甲", zh-Hans = "甲", en = "A" }, score = 1.0 },
  { id = "b", label = { zh-Hant = "乙", zh-Hans = "乙", en = "B" }, score = 0.0 },
]
[[sins]]
id = "x"
number = 1
category = "operations"
severity = "low"
title = { zh-Hant = "a", zh-Hans = "a", en = "a" }
explanation = { zh-Hant = "a", zh-Hans = "a", en = "a" }
recommendation = { zh-Hant = "a", zh-Hans = "a", en = "a" }
when = { q = "extra.crm", eq = "a" }
"#;

/// `packs check` and a workspace's own pack name each problem in the run's language: the file, the key path (or
/// line and column), and what is wrong, with ids, key paths and market ids verbatim.
#[test]
fn pack_problems_speak_traditional_and_simplified_chinese() {
    use crate::language::english_words;
    let env = Env::new();
    env.write("good.toml", ONE_QUESTION_PACK);
    env.ok(&["--lang", "en", "packs", "check", "good.toml"]);
    let question = ONE_QUESTION_PACK
        .split("[[sections.questions]]")
        .nth(1)
        .and_then(|q| q.split("[[sins]]").next())
        .unwrap();
    let cases: [(&str, String, &str); 8] = [
        (
            "zh-Hant",
            ONE_QUESTION_PACK.replace(", en = \"Which?\"", ""),
            "錯誤：題庫 `bad.toml`，項目 `sections[0].questions[0].prompt`：缺少 `en` 的文字",
        ),
        (
            "zh-Hant",
            ONE_QUESTION_PACK.replace("[[sins]]", &format!("[[sections.questions]]{question}[[sins]]")),
            "錯誤：題庫 `bad.toml`，項目 `sections[0].questions[1].id`：題目代號 `extra.crm` 重複了",
        ),
        (
            "zh-Hant",
            ONE_QUESTION_PACK.replace("severity = \"low\"", "severity = \"urgent\""),
            "錯誤：題庫 `bad.toml`，項目 `sins[0].severity`：嚴重程度 `urgent` 無效：請填 `high`（高）、`medium`（中）或 \
             `low`（低）",
        ),
        (
            "zh-Hant",
            ONE_QUESTION_PACK.replace("{ id = \"b\"", "{ id = \"a\""),
            "錯誤：題庫 `bad.toml`，項目 `sections[0].questions[0].options[1].id`：選項代號 `a` 重複了",
        ),
        (
            "zh-Hans",
            ONE_QUESTION_PACK.replace("q = \"extra.crm\", eq", "q = \"env.nope\", eq"),
            "错误：题库 `bad.toml`，配置项 `sins[0].when`：没有标识为 `env.nope` 的题目",
        ),
        (
            "zh-Hans",
            ONE_QUESTION_PACK.replace("eq = \"a\"", "eq = \"c\""),
            "错误：题库 `bad.toml`，配置项 `sins[0].when`：题目 `extra.crm` 没有选项 `c`",
        ),
        (
            "zh-Hans",
            ONE_QUESTION_PACK.replace("{ id = \"b\"", "{ id = \"B!\""),
            "错误：题库 `bad.toml`，配置项 `sections[0].questions[0].options[1].id`：选项标识 `B!` 无效（只能用 \
             `a-z`、`0-9` 和 `_`）",
        ),
        (
            "zh-Hans",
            ONE_QUESTION_PACK.replace("score = 0.0 }", "score = 0.0, markets = [\"mars\"] }"),
            "错误：题库 `bad.toml`，配置项 `sections[0].questions[0].options[1].markets`：没有 `mars` 这个市场；\
             可用的市场：`tw, hk, cn, global`",
        ),
    ];
    for (lang, pack, want) in &cases {
        env.write("bad.toml", pack);
        let r = env.run(&["--lang", lang, "packs", "check", "bad.toml"]);
        r.assert_code(3);
        assert_eq!(r.stderr(), format!("{want}\n"));
        assert_eq!(english_words(&r.stderr()), Vec::<String>::new(), "{want}");
    }
    // A syntax error is placed by line and column: line 3 ends (column 23, after `壞`, the 22nd character)
    // inside an unterminated string; the TOML reader's own words follow.
    env.write("bad.toml", "id = \"x\"\nversion = \"1\"\ntitle = { zh-Hant = \"壞\n");
    let r = env.run(&["--lang", "zh-Hant", "packs", "check", "bad.toml"]);
    r.assert_code(3);
    assert!(
        r.stderr()
            .starts_with("錯誤：題庫 `bad.toml`，第 3 行第 23 欄：檔案格式有誤："),
        "{}",
        r.stderr()
    );

    // A workspace's own pack stops the command, in the workspace's language.
    let ws = Env::workspace();
    ws.write(
        "packs/bad.toml",
        &ONE_QUESTION_PACK.replace("severity = \"low\"", "severity = \"severe\""),
    );
    let r = ws.run(&["--lang", "zh-Hans", "packs", "list"]);
    r.assert_code(3);
    assert_eq!(
        r.stderr(),
        "错误：题库 `packs/bad.toml`，配置项 `sins[0].severity`：严重程度 `severe` 无效：请填 `high`（高）、\
         `medium`（中）或 `low`（低）\n"
    );
}
