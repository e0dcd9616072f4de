//! Reference rows follow the client's market (#13): a row is shown beside a client's figures only when its
//! platform is one of the market's channels or one the client posts on, and its region is the client's market or
//! global; the others are counted in one line and kept in the JSON.
//!
//! The food plugin ships 11 rows (plugins/food/src/benchmarks.rs), all region `global`:
//!
//! | rows | platform |
//! |---|---|
//! | Rival IQ 2019: Alcohol 0.14%, all industries 0.09%; 2023: 0.06%; 2024: 0.063% | facebook (4) |
//! | Rival IQ 2023 | instagram (1), x (1), tiktok (1) |
//! | Rival IQ 2024 | tiktok (1) |
//! | Sprout Social Index 2013, 2014, 2016 | all (3) |
//!
//! Mainland channels are Weibo, WeChat, Douyin, Xiaohongshu, Bilibili, Zhihu, Kuaishou, 大眾點評, 美團: for a `cn`
//! client posting on Weibo, the 8 Facebook, Instagram, X and TikTok rows are left out for their platforms. Taiwan's
//! channels include Facebook and Instagram but not X or TikTok: for a `tw` client on Facebook, 3 rows are left
//! out and the 4 Facebook rows are shown beside its Facebook figures, labelled global.

use crate::support::Env;
use serde_json::Value;

/// A food client of `market` posting on `platform`, its competitor on Facebook (followers 10,000 for both), with an
/// answer so that it can be reported on; returns the `bench --format json` run.
fn food_client(env: &Env, market: &str, platform: &str) -> Value {
    env.ok(&[
        "client",
        "add",
        "tea",
        "--name",
        "初心茶",
        "--industry",
        "food",
        "--market",
        market,
        "--competitor",
        "對手茶",
    ]);
    env.write(
        "posts.csv",
        &format!(
            "brand,platform,time,likes,comments,shares,followers\n\
             初心茶,{platform},2024-03-01,50,10,0,10000\n\
             初心茶,{platform},2024-03-08,30,10,0,10000\n\
             對手茶,facebook,2024-03-01,5,1,0,10000\n\
             對手茶,facebook,2024-03-08,3,1,0,10000\n"
        ),
    );
    env.write("a.toml", "date = \"2026-11-01\"\n[answers]\n\"env.interest\" = 4\n");
    env.ok(&["import", "tea", "a.toml"]);
    serde_json::from_str(&env.ok(&["bench", "tea", "--posts", "posts.csv", "--format", "json"])).unwrap()
}

/// Every reference row attached to a comparison of the run, as (platform of the comparison, source, report year,
/// row platform, region).
fn shown(run: &Value) -> Vec<(String, String, u64, String, String)> {
    let mut out = Vec::new();
    for c in std::iter::once(&run["overall"]).chain(run["by_platform"].as_array().unwrap()) {
        for m in c["metrics"].as_array().unwrap() {
            for x in m["references"].as_array().unwrap() {
                out.push((
                    c["platform"].as_str().unwrap_or("all").to_string(),
                    x["row"]["source"].as_str().unwrap().to_string(),
                    x["row"]["report_year"].as_u64().unwrap(),
                    x["row"]["platform"].as_str().unwrap().to_string(),
                    x["row"]["region"].as_str().unwrap_or("").to_string(),
                ));
            }
        }
    }
    out
}

fn left_out(run: &Value) -> Vec<(String, String)> {
    run["references_left_out"]
        .as_array()
        .map(|a| {
            a.iter()
                .map(|l| {
                    (
                        l["reason"].as_str().unwrap().to_string(),
                        l["row"]["platform"].as_str().unwrap().to_string(),
                    )
                })
                .collect()
        })
        .unwrap_or_default()
}

fn report(env: &Env, lang: &str, format: &str) -> String {
    let dir = format!("out-{lang}");
    env.ok(&["--lang", lang, "report", "tea", "--format", format, "-o", &dir]);
    env.read(&format!("{dir}/tea-2026-11-01.{format}"))
}

#[test]
fn a_mainland_client_gets_no_facebook_figures_and_one_line_saying_why() {
    let env = Env::workspace();
    let run = food_client(&env, "cn", "weibo");
    assert_eq!(run["market"], "cn");
    // The competitor's Facebook posts make a Facebook comparison, but the Facebook rows are not beside it.
    assert!(
        run["by_platform"]
            .as_array()
            .unwrap()
            .iter()
            .any(|c| c["platform"] == "facebook")
    );
    assert_eq!(shown(&run), []);
    let out = left_out(&run);
    assert_eq!(out.len(), 8, "{out:?}");
    assert!(out.iter().all(|(reason, _)| reason == "platform"), "{out:?}");
    let count = |p: &str| out.iter().filter(|(_, q)| q == p).count();
    assert_eq!(
        [count("facebook"), count("instagram"), count("x"), count("tiktok")],
        [4, 1, 1, 2]
    );

    let line = "8 reference rows left out as not applying to this client: 8 for platforms outside the Mainland China market that the client does not post on.";
    let text = env.ok(&["--lang", "en", "bench", "tea", "--posts", "posts.csv"]);
    assert!(text.contains(line), "{text}");
    assert!(!text.contains("Rival IQ"), "{text}");
    let md = report(&env, "en", "md");
    assert!(md.contains(line), "{md}");
    assert!(!md.contains("Rival IQ"), "{md}");
    let zh = report(&env, "zh-Hant", "md");
    assert!(
        zh.contains("未列出 8 筆不適用於此客戶的參考數據：8 筆來自中國大陸市場以外、客戶也未經營的平台。"),
        "{zh}"
    );
    // The JSON report keeps the rows left out under their own key, with the reason.
    let json: Value = serde_json::from_str(&report(&env, "en", "json")).unwrap();
    let kept = json["benchmark"]["references_left_out"].as_array().unwrap();
    assert_eq!(kept.len(), 8);
    assert_eq!(kept[0]["reason"], "platform");
    assert_eq!(kept[0]["row"]["source"], "Rival IQ");
    assert!(
        json["benchmark"]["tables"]
            .as_array()
            .unwrap()
            .iter()
            .all(|t| t["id"] != "references")
    );
}

#[test]
fn a_taiwan_client_on_facebook_gets_the_facebook_figures_labelled_global() {
    let env = Env::workspace();
    let run = food_client(&env, "tw", "facebook");
    assert_eq!(run["market"], "tw");
    let rows = |y: u64| {
        (
            "facebook".into(),
            "Rival IQ".into(),
            y,
            "facebook".into(),
            "global".into(),
        )
    };
    // The four Facebook ER medians, beside the Facebook comparison only, in the plugin's order.
    assert_eq!(shown(&run), [rows(2019), rows(2019), rows(2023), rows(2024)]);
    let mut out = left_out(&run);
    out.sort();
    let platform = |p: &str| ("platform".to_string(), p.to_string());
    assert_eq!(out, [platform("tiktok"), platform("tiktok"), platform("x")]);

    let text = env.ok(&["--lang", "en", "bench", "tea", "--posts", "posts.csv"]);
    assert!(
        text.contains("Rival IQ 2023 facebook all global (median, per followers): 0.06%"),
        "{text}"
    );
    assert!(
        text.contains("3 reference rows left out as not applying to this client: 3 for platforms outside the Taiwan market that the client does not post on."),
        "{text}"
    );
    let json: Value = serde_json::from_str(&report(&env, "en", "json")).unwrap();
    let table = json["benchmark"]["tables"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["id"] == "references")
        .expect("a references table");
    assert_eq!(table["columns"][2], "Platform · industry · region");
    assert_eq!(table["rows"].as_array().unwrap().len(), 4);
    for row in table["rows"].as_array().unwrap() {
        let cell = row[2].to_string();
        assert!(cell.contains("Facebook") && cell.ends_with(" · global\""), "{cell}");
    }
    let zh = report(&env, "zh-Hant", "md");
    assert!(zh.contains("Facebook · 全產業 · 全球"), "{zh}");
}
