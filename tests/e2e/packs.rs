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
