//! The diagnosis rules end to end (issue 13): small exports written here, benchmarked with `chuxin bench`, scored
//! with `chuxin score` and reported with `chuxin report`; the figures asserted are worked out by hand from the rows.

use crate::support::Env;
use serde_json::Value;

/// `n` posts of `brand` on `platform`, one a day from 2024-03-01, as CSV rows (brand, platform, time, likes,
/// comments, brand replies).
fn rows(brand: &str, platform: &str, n: usize, first_day: usize) -> String {
    (0..n)
        .map(|i| format!("{brand},{platform},2024-03-{:02},10,5,2\n", first_day + i))
        .collect()
}

/// A workspace with client `id` in `market` whose competitors are Rival A and Rival B, an audit answering only
/// that participation is fine, and a benchmark of `posts` (CSV rows without the header).
fn benchmarked(id: &str, market: &str, posts: &str) -> Env {
    let env = Env::new();
    env.ok(&["--lang", "en", "init", ".", "--name", "Test agency"]);
    env.ok(&[
        "client",
        "add",
        id,
        "--name",
        "Client",
        "--industry",
        "none",
        "--market",
        market,
        "--competitor",
        "Rival A,Rival B",
    ]);
    env.write("a.toml", "[answers]\n\"ops.participation\" = 4\n");
    env.ok(&["import", id, "a.toml"]);
    env.write(
        "posts.csv",
        &format!("brand,platform,time,likes,comments,brand replies\n{posts}"),
    );
    env.ok(&["bench", id, "--posts", "posts.csv"]);
    env
}

fn card(env: &Env, id: &str) -> Value {
    serde_json::from_str(&env.ok(&["score", id, "--format", "json"])).unwrap()
}

fn finding<'a>(card: &'a Value, sin: &str) -> Option<&'a Value> {
    card["scorecard"]["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["sin"] == sin)
}

#[test]
fn a_taiwan_brand_on_facebook_like_its_competitors_is_not_told_it_lives_on_weibo() {
    // Client and both competitors post only on Facebook: one platform each (HHI 1), and nothing elsewhere.
    let posts =
        rows("Client", "facebook", 12, 1) + &rows("Rival A", "facebook", 12, 1) + &rows("Rival B", "facebook", 12, 1);
    let env = benchmarked("tw", "tw", &posts);
    let run: Value = serde_json::from_str(&env.read("clients/tw/bench/2026-11-26.json")).unwrap();
    let facts = &run["facts"];
    assert_eq!(facts["channel_hhi"], 1.0);
    assert_eq!(facts["channel_hhi_competitor_median"], 1.0);
    assert_eq!(facts["channel_hhi_gap_vs_competitors"], 0.0);
    assert_eq!(facts["competitor_share_elsewhere"], 0.0);
    let card = card(&env, "tw");
    assert!(
        finding(&card, "weibo_wechat_only").is_none(),
        "concentration that matches the competitors is not sin 7: {card}"
    );
}

#[test]
fn a_mainland_brand_on_weibo_alone_while_competitors_are_on_douyin_and_xiaohongshu_gets_sin_7() {
    // Client: 12 Weibo posts. Competitors' 20 posts: Rival A Weibo 4 + Douyin 6, Rival B Weibo 5 + Xiaohongshu 5.
    // Elsewhere: (6 + 5) / 20 = 55 %: Douyin 30 %, Xiaohongshu 25 %. Competitors' HHI: A 0.4² + 0.6² = 0.52,
    // B 0.5² + 0.5² = 0.5; median 0.51; the client's 1 is 0.49 above it.
    let posts = rows("Client", "weibo", 12, 1)
        + &rows("Rival A", "weibo", 4, 1)
        + &rows("Rival A", "douyin", 6, 5)
        + &rows("Rival B", "weibo", 5, 1)
        + &rows("Rival B", "xiaohongshu", 5, 6);
    let env = benchmarked("cn", "cn", &posts);
    let run: Value = serde_json::from_str(&env.read("clients/cn/bench/2026-11-26.json")).unwrap();
    let facts = &run["facts"];
    let close = |name: &str, v: f64| {
        let got = facts[name]
            .as_f64()
            .unwrap_or_else(|| panic!("{name} missing: {facts}"));
        assert!((got - v).abs() < 1e-9, "{name}: {got} vs {v}");
    };
    close("competitor_share_elsewhere", 0.55);
    close("competitor_share_elsewhere.douyin", 0.3);
    close("competitor_share_elsewhere.xiaohongshu", 0.25);
    close("channel_hhi_competitor_median", 0.51);
    close("channel_hhi_gap_vs_competitors", 0.49);

    let card = card(&env, "cn");
    let sin = finding(&card, "weibo_wechat_only").expect("sin 7");
    assert_eq!(sin["severity"], "medium");
    let ev = sin["evidence"].as_array().unwrap();
    let elsewhere = ev.iter().find(|e| e["metric"] == "competitor_share_elsewhere").unwrap();
    assert!((elsewhere["figure"].as_f64().unwrap() - 0.55).abs() < 1e-9);
    assert!((elsewhere["parts"]["douyin"].as_f64().unwrap() - 0.3).abs() < 1e-9);
    assert!((elsewhere["parts"]["xiaohongshu"].as_f64().unwrap() - 0.25).abs() < 1e-9);
    assert!(ev.iter().any(|e| e["metric"] == "channel_hhi" && e["figure"] == 1.0));

    // The terminal names the platforms; the report says it in words, in every language.
    let text = env.ok(&["--lang", "en", "score", "cn"]);
    assert!(text.contains("= 55% (Douyin 30%, Xiaohongshu (RED) 25%)"), "{text}");
    for (lang, sentence) in [
        (
            "en",
            "Your competitors put 55% of their posts on platforms where you do not post: Douyin 30% and Xiaohongshu (RED) 25%",
        ),
        (
            "zh-Hant",
            "競品有 55% 的貼文發在貴品牌沒有發文的平台：抖音 30%、小紅書 25%",
        ),
        (
            "zh-Hans",
            "竞品有 55% 的帖子发在贵品牌没有发帖的平台：抖音 30%、小红书 25%",
        ),
    ] {
        let out = format!("out-{lang}");
        env.ok(&["--lang", lang, "report", "cn", "--format", "md", "-o", &out]);
        let md = std::fs::read_dir(env.path().join(&out))
            .unwrap()
            .map(|e| e.unwrap().path())
            .find(|p| p.extension().is_some_and(|x| x == "md"))
            .unwrap();
        let text = std::fs::read_to_string(md).unwrap();
        assert!(text.contains(sentence), "{lang}: {text}");
    }
}

#[test]
fn a_graded_sin_shows_its_grade_in_the_score_and_the_report() {
    // Service level 3 (basic FAQ and hours, no response-time targets) is S6's medium grade; level 2 is high.
    let env = Env::workspace();
    env.write("a.toml", "[answers]\n\"exe.service_expectations\" = 3\n");
    env.ok(&["import", "acme", "a.toml"]);
    let card: Value = serde_json::from_str(&env.ok(&["score", "acme", "--format", "json"])).unwrap();
    let s6 = finding(&card, "no_standard_service").unwrap();
    assert_eq!(s6["severity"], "medium");
    assert_eq!(s6["evidence"][0]["severity"], "medium");
    assert!(env.ok(&["--lang", "zh-Hant", "score", "acme"]).contains("S6 [中] "));
    env.ok(&["--lang", "en", "report", "acme", "--format", "md", "-o", "out"]);
    let md = std::fs::read_dir(env.path().join("out"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.extension().is_some_and(|x| x == "md"))
        .unwrap();
    let text = std::fs::read_to_string(md).unwrap();
    let at = text.find("There is no standardised service for users.").unwrap();
    assert!(text[at..].contains("Severity: medium"), "{text}");

    env.write("b.toml", "[answers]\n\"exe.service_expectations\" = 2\n");
    env.ok(&["import", "acme", "b.toml"]);
    let card: Value = serde_json::from_str(&env.ok(&["score", "acme", "--format", "json"])).unwrap();
    assert_eq!(finding(&card, "no_standard_service").unwrap()["severity"], "high");
}

#[test]
fn an_in_house_team_selling_through_a_two_way_account_is_neither_understaffed_nor_running_hard_ads() {
    let env = Env::workspace();
    // An in-house team whose investment list has no "full-time staff" line, and a sales goal pursued with
    // consistent dialogue: before issue 13 this was S3 and S2.
    env.write(
        "a.toml",
        "[answers]\n\"env.current_practice\" = \"in_house\"\n\"ops.investment\" = [\"content_production\", \"tools\"]\n\
         \"ops.ultimate_goal\" = \"promotion\"\n\"ops.participation\" = 4\n",
    );
    env.ok(&["import", "acme", "a.toml"]);
    let card: Value = serde_json::from_str(&env.ok(&["score", "acme", "--format", "json"])).unwrap();
    assert!(finding(&card, "understaffed").is_none(), "{card}");
    assert!(finding(&card, "hard_ads").is_none(), "{card}");
    // The same goal with giveaways only is the seed's hard sell; a part-timer is understaffing.
    env.write(
        "b.toml",
        "[answers]\n\"env.current_practice\" = \"part_time\"\n\"ops.investment\" = [\"content_production\", \"tools\"]\n\
         \"ops.ultimate_goal\" = \"promotion\"\n\"ops.participation\" = 2\n",
    );
    env.ok(&["import", "acme", "b.toml"]);
    let card: Value = serde_json::from_str(&env.ok(&["score", "acme", "--format", "json"])).unwrap();
    assert_eq!(finding(&card, "understaffed").unwrap()["severity"], "high");
    assert_eq!(finding(&card, "hard_ads").unwrap()["severity"], "high");
}
