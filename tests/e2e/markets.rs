//! Markets (issue 13): a client's market (`client add/edit --market`) chooses the channels and formats the
//! questionnaire offers, in every language and form format, and in the terminal; an unknown market is refused with
//! the known ones; a client without one is audited in the seed's market, as before markets existed; the audience's
//! channels the client does not run are a fact of sin 7, explained in the market's own platforms.

use crate::support::Env;
use serde_json::Value;

/// A workspace with a Taiwanese client `tw-tea` and a mainland one `cn-tea`.
fn two_markets() -> Env {
    let env = Env::new();
    env.ok(&["--lang", "en", "init", ".", "--name", "Agency"]);
    env.ok(&["client", "add", "tw-tea", "--name", "台茶", "--market", "tw"]);
    env.ok(&["client", "add", "cn-tea", "--name", "沪茶", "--market", "CN"]);
    env
}

/// The labels the questionnaire must offer each market's client, worked out from data/markets.toml by hand.
const TW: [(&str, [&str; 5]); 3] = [
    (
        "zh-Hant",
        [
            "Facebook 粉絲專頁",
            "Instagram",
            "LINE 官方帳號",
            "Threads",
            "YouTube 頻道",
        ],
    ),
    (
        "zh-Hans",
        [
            "Facebook 粉丝专页",
            "Instagram",
            "LINE 官方账号",
            "Threads",
            "YouTube 频道",
        ],
    ),
    (
        "en",
        [
            "Facebook Page",
            "Instagram",
            "LINE Official Account",
            "Threads",
            "YouTube channel",
        ],
    ),
];
const CN: [(&str, [&str; 5]); 3] = [
    (
        "zh-Hant",
        ["微博", "微信（公眾號、視頻號）", "抖音", "小紅書", "B站（嗶哩嗶哩）"],
    ),
    (
        "zh-Hans",
        ["微博", "微信（公众号、视频号）", "抖音", "小红书", "B站（哔哩哔哩）"],
    ),
    (
        "en",
        [
            "Weibo",
            "WeChat (Official Account, Channels)",
            "Douyin",
            "Xiaohongshu (RED)",
            "Bilibili",
        ],
    ),
];

/// The "how to answer" text of question `id` in a CSV form.
fn csv_guide(csv_text: &str, id: &str) -> String {
    let mut reader = csv::Reader::from_reader(csv_text.trim_start_matches('\u{feff}').as_bytes());
    reader
        .records()
        .map(Result::unwrap)
        .find(|r| &r[0] == id)
        .unwrap_or_else(|| panic!("no row {id}"))[3]
        .to_string()
}

/// The Markdown form's block of question `id`, up to the next question.
fn md_block(md: &str, id: &str) -> String {
    let at = md.find(&format!("- id: `{id}`")).unwrap_or_else(|| panic!("no {id}"));
    md[at..].split("\n### ").next().unwrap().to_string()
}

#[test]
fn the_form_offers_each_market_s_channels_in_three_languages_as_csv_and_markdown() {
    let env = two_markets();
    for (client, expected, foreign) in [
        ("tw-tea", TW, ["weibo=", "douyin=", "wechat="]),
        ("cn-tea", CN, ["facebook=", "line=", "threads="]),
    ] {
        for (lang, labels) in expected {
            let csv_text = env.ok(&["--lang", lang, "form", client, "--format", "csv"]);
            let md = env.ok(&["--lang", lang, "form", client, "--format", "md"]);
            for q in ["exe.channels_run", "exe.audience_channels"] {
                let guide = csv_guide(&csv_text, q);
                let block = md_block(&md, q);
                for (id, label) in expected_ids(client).iter().zip(labels) {
                    let option = format!("{id}={label}");
                    assert!(
                        guide.contains(&option),
                        "{client} {lang} csv {q}: `{option}` missing from {guide}"
                    );
                    assert!(
                        block.contains(&option),
                        "{client} {lang} md {q}: `{option}` missing from {block}"
                    );
                }
                for f in foreign {
                    assert!(
                        !guide.contains(f) && !block.contains(f),
                        "{client} {lang} {q} offers {f}"
                    );
                }
            }
        }
    }
    // The formats follow the market too, under ids stored audits keep: LINE broadcasts in Taiwan, Weibo on the
    // mainland.
    let tw = csv_guide(
        &env.ok(&["--lang", "en", "form", "tw-tea", "--format", "csv"]),
        "exe.content_formats",
    );
    assert!(tw.contains("messaging_broadcasts=LINE Official Account broadcasts") && !tw.contains("weibo_posts"));
    let cn = csv_guide(
        &env.ok(&["--lang", "en", "form", "cn-tea", "--format", "csv"]),
        "exe.content_formats",
    );
    assert!(cn.contains("weibo_posts=Weibo posts and topics") && !cn.contains("feed_posts"));
}

fn expected_ids(client: &str) -> [&'static str; 5] {
    match client {
        "tw-tea" => ["facebook", "instagram", "line", "threads", "youtube"],
        _ => ["weibo", "wechat", "douyin", "xiaohongshu", "bilibili"],
    }
}

#[test]
fn the_terminal_questionnaire_offers_the_market_s_options() {
    let env = two_markets();
    // `--from` the channel question; the options are numbered as offered; 3 is LINE.
    let r = env.run_with_input(
        &["--lang", "en", "answer", "tw-tea", "--from", "exe.channels_run"],
        "1,3\nq\n",
    );
    r.assert_code(0);
    let out = r.stdout();
    for (k, label) in TW[2].1.iter().enumerate() {
        assert!(
            out.contains(&format!("  {}  {label} (", k + 1)),
            "`{label}` not offered as {}:\n{out}",
            k + 1
        );
    }
    assert!(!out.contains("Weibo"), "{out}");
    let audit = env.read(&format!("clients/tw-tea/audits/{}.toml", today(&env, "tw-tea")));
    assert!(audit.contains(r#"value = ["facebook", "line"]"#), "{audit}");
    let r = env.run_with_input(
        &[
            "--lang",
            "zh-Hans",
            "answer",
            "cn-tea",
            "--from",
            "exe.audience_channels",
        ],
        "q\n",
    );
    let out = r.stdout();
    for (k, label) in CN[1].1.iter().enumerate() {
        assert!(out.contains(&format!("  {}  {label} (", k + 1)), "`{label}`:\n{out}");
    }
}

/// The id of the client's only audit.
fn today(env: &Env, client: &str) -> String {
    let dir = env.path().join(format!("clients/{client}/audits"));
    let file = std::fs::read_dir(dir).unwrap().next().unwrap().unwrap().path();
    file.file_stem().unwrap().to_string_lossy().into_owned()
}

/// The client's report in `lang` and `format` (`md`, `json`), written to a folder and read back.
fn report(env: &Env, client: &str, lang: &str, format: &str) -> String {
    env.ok(&["--lang", lang, "report", client, "--format", format, "-o", "out"]);
    env.read(&format!("out/{client}-{}.{format}", today(env, client)))
}

#[test]
fn an_unknown_market_is_refused_with_the_known_ones_and_nothing_is_written() {
    let env = two_markets();
    let before = env.snapshot();
    env.run(&[
        "--lang", "en", "client", "add", "jp-tea", "--name", "J", "--market", "jp",
    ])
    .assert_code(2)
    .assert_error_line(&["unknown market `jp`; known markets: tw, hk, cn, global"]);
    env.run(&["--lang", "zh-Hant", "client", "edit", "tw-tea", "--market", "taiwan"])
        .assert_code(2)
        .assert_error_line(&["不認得市場 `taiwan`。可用的市場：tw, hk, cn, global"]);
    assert_eq!(env.snapshot(), before, "a refused command writes nothing");
    // A hand-edited client.toml with an unknown market is invalid input, named by file and line.
    let file = env.path().join("clients/tw-tea/client.toml");
    let text = std::fs::read_to_string(&file)
        .unwrap()
        .replace("market = \"tw\"", "market = \"mo\"");
    std::fs::write(&file, text).unwrap();
    env.run(&["--lang", "en", "form", "tw-tea"])
        .assert_code(3)
        .assert_error_line(&[
            "client.toml:3:",
            "unknown market `mo`; known markets: tw, hk, cn, global",
        ]);
}

#[test]
fn a_client_without_a_market_is_audited_in_the_seed_s_market_and_changing_it_keeps_stored_answers() {
    let env = Env::workspace();
    let list = env.ok(&["--lang", "en", "client", "list"]);
    assert!(
        list.lines().any(|l| l.starts_with("acme") && l.contains(" — ")),
        "{list}"
    );
    let show = env.ok(&["--lang", "en", "client", "show", "acme"]);
    assert!(
        show.contains("market: Mainland China (not set: the default market)"),
        "{show}"
    );
    assert!(!env.read("clients/acme/client.toml").contains("market"));
    let csv_text = env.ok(&["--lang", "en", "form", "acme", "--format", "csv"]);
    assert!(csv_guide(&csv_text, "exe.content_formats").contains("weibo_posts=Weibo posts and topics"));
    assert!(csv_guide(&csv_text, "exe.channels_run").starts_with("(several allowed, comma-separated) weibo=Weibo;"));
    // An answer file of before markets imports as it did; the report names no market for a client without one.
    env.write(
        "old.toml",
        "[answers]\n\"exe.content_formats\" = { value = [\"weibo_posts\", \"wechat_articles\"] }\n",
    );
    env.ok(&["import", "acme", "old.toml"]);
    let json: Value = serde_json::from_str(&report(&env, "acme", "en", "json")).unwrap();
    assert_eq!(json["client_words"]["market"], Value::Null);

    // Set to Taiwan: the stored mainland options still read and score (0.1 + 0.1 of 1 → 20.0), the form offers
    // Taiwan's, and the report says the market.
    env.ok(&["client", "edit", "acme", "--market", "tw"]);
    let list = env.ok(&["--lang", "zh-Hant", "client", "list"]);
    assert!(
        list.lines().any(|l| l.starts_with("acme") && l.contains("台灣")),
        "{list}"
    );
    assert!(env.read("clients/acme/client.toml").contains("market = \"tw\""));
    let card: Value = serde_json::from_str(&env.ok(&["score", "acme", "--format", "json"])).unwrap();
    // The one answered question of section `exe`: its score × 100 is the section's.
    let exe = card["scorecard"]["sections"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["id"] == "exe")
        .unwrap()
        .clone();
    assert_eq!(
        (exe["answered"].as_u64(), exe["score"].as_f64()),
        (Some(1), Some(20.0)),
        "{exe}"
    );
    let csv_text = env.ok(&["--lang", "en", "form", "acme", "--format", "csv"]);
    assert!(!csv_guide(&csv_text, "exe.content_formats").contains("weibo_posts"));
    let md = report(&env, "acme", "zh-Hant", "md");
    assert!(md.contains("市場: 台灣"), "{md}");
}

#[test]
fn audience_channels_the_client_does_not_run_diagnose_sin_7_in_the_market_s_words() {
    let env = two_markets();
    env.ok(&["client", "edit", "tw-tea", "--channel", "FB,LINE OA"]);
    // The audience is on Instagram, Threads and Dcard; the brand runs Facebook and LINE (its record's channels,
    // named as exports name them, and its answer): three of the audience's platforms unserved.
    env.write(
        "a.toml",
        "[answers]\n\"exe.audience_channels\" = { value = [\"facebook\", \"instagram\", \"threads\", \"dcard\"] }\n\
         \"exe.channels_run\" = { value = [\"line\"] }\n",
    );
    env.ok(&["import", "tw-tea", "a.toml"]);
    let card: Value = serde_json::from_str(&env.ok(&["--lang", "en", "score", "tw-tea", "--format", "json"])).unwrap();
    let sins = card["scorecard"]["findings"].as_array().unwrap();
    let sin7 = sins
        .iter()
        .find(|s| s["sin"] == "weibo_wechat_only")
        .unwrap_or_else(|| panic!("sin 7 not diagnosed: {sins:?}"));
    let evidence = sin7["evidence"].as_array().unwrap();
    let fact = evidence
        .iter()
        .find(|e| e["metric"] == "audience_channels_unserved")
        .unwrap_or_else(|| panic!("{evidence:?}"));
    assert_eq!(fact["figure"].as_f64(), Some(3.0), "{fact}");
    let md = report(&env, "tw-tea", "zh-Hant", "md");
    assert!(
        md.contains("將精力投入微博/微信上,其他渠道一概不管。"),
        "the seed's title stays"
    );
    assert!(
        md.contains("Facebook 粉專與 LINE 官方帳號"),
        "explained in Taiwan's platforms:\n{md}"
    );

    // One unserved platform is a choice, not the sin.
    env.write(
        "b.toml",
        "[answers]\n\"exe.channels_run\" = { value = [\"line\", \"instagram\", \"threads\"] }\n",
    );
    env.ok(&["import", "tw-tea", "b.toml"]);
    let card: Value = serde_json::from_str(&env.ok(&["score", "tw-tea", "--format", "json"])).unwrap();
    assert!(
        !card["scorecard"]["findings"]
            .as_array()
            .unwrap()
            .iter()
            .any(|s| s["sin"] == "weibo_wechat_only"),
        "{card}"
    );
}

#[test]
fn the_questionnaire_in_a_pseudo_terminal_offers_the_market_s_formats() {
    // util-linux `script` gives the program a real pseudo-terminal, as in answer.rs.
    use std::io::Write;
    use std::process::{Command, Stdio};
    if Command::new("script").arg("--version").output().is_err() {
        eprintln!("notice: `script` (util-linux) not found; pseudo-terminal test skipped");
        return;
    }
    let env = two_markets();
    let command = format!(
        "{} --lang zh-Hant answer tw-tea --from exe.content_formats",
        env!("CARGO_BIN_EXE_chuxin")
    );
    let mut child = Command::new("script")
        .args(["-qec", &command, "/dev/null"])
        .env("CHUXIN_TODAY", "2026-11-26")
        .env_remove("CHUXIN_WORKSPACE")
        .current_dir(env.path())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Formats 1 and 3 (feed posts, short video), then quit.
    child.stdin.take().unwrap().write_all(b"1,3\nq\n").unwrap();
    let out = child.wait_with_output().unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{text}");
    for (k, label) in [
        (1, "粉專與 IG 貼文（圖文、輪播）"),
        (2, "LINE 官方帳號訊息推播"),
        (3, "短影音（Reels、YouTube Shorts、TikTok）"),
        (8, "論壇與社群（Dcard、PTT、Facebook 社團、LINE 社群）"),
    ] {
        assert!(
            text.contains(&format!("  {k}  {label} (")),
            "`{label}` not offered as {k}:\n{text}"
        );
    }
    assert!(!text.contains("微博貼文與話題"), "{text}");
    let audit = env.read("clients/tw-tea/audits/2026-11-26.toml");
    assert!(audit.contains(r#"value = ["feed_posts", "short_video"]"#), "{audit}");
}

#[test]
fn the_food_pack_asks_about_each_market_s_delivery_and_review_platforms() {
    let env = Env::new();
    env.ok(&["--lang", "en", "init", ".", "--name", "Agency"]);
    for (id, market) in [("tw", "tw"), ("hk", "hk"), ("cn", "cn")] {
        env.ok(&[
            "client",
            "add",
            id,
            "--name",
            id,
            "--industry",
            "food",
            "--market",
            market,
        ]);
    }
    let delivery = |id: &str, lang: &str| {
        let md = env.ok(&["--lang", lang, "form", id, "--format", "md"]);
        let at = md.find("- id: `food.delivery_reviews`").unwrap();
        md[..at].rsplit("\n### ").next().unwrap().to_string()
    };
    assert!(delivery("tw", "zh-Hant").contains("外送平台（foodpanda、Uber Eats）"));
    assert!(delivery("hk", "zh-Hant").contains("外賣平台（foodpanda、Keeta）"));
    assert!(delivery("cn", "zh-Hans").contains("外卖平台（美团、饿了么）"));
    assert!(delivery("cn", "zh-Hant").contains("外賣平台（美團、餓了麼）"));
    assert!(delivery("hk", "en").contains("(foodpanda, Keeta)"));
    let md = env.ok(&["--lang", "zh-Hant", "form", "hk", "--format", "md"]);
    assert!(md.contains("例如：OpenRice、Google 地圖、foodpanda、Keeta、IG、小紅書、連登飲食台。"));
    let md = env.ok(&["--lang", "zh-Hant", "form", "tw", "--format", "md"]);
    assert!(
        md.contains("例如：Google 地圖、foodpanda、Uber Eats、IG、Threads、Dcard 美食版、PTT 美食版、美食部落格。")
    );
}

#[test]
fn reports_name_the_market_beside_the_industry_html_markdown_and_the_pdf_cover() {
    let env = two_markets();
    env.ok(&["client", "edit", "tw-tea", "--industry", "food"]);
    env.write("a.toml", "[answers]\n\"env.interest\" = { value = 3 }\n");
    env.ok(&["import", "tw-tea", "a.toml"]);
    env.ok(&["import", "cn-tea", "a.toml"]);
    let html = report(&env, "tw-tea", "zh-Hant", "html");
    assert!(
        html.contains("<p class=\"meta\">產業: 餐飲</p>\n  <p class=\"meta\">市場: 台灣</p>"),
        "{html}"
    );
    assert!(report(&env, "cn-tea", "en", "md").contains("\nMarket: Mainland China\n"));
    let Some(pdftotext) = crate::report::tool(&["pdftotext"]) else {
        return;
    };
    env.ok(&["--lang", "zh-Hant", "report", "tw-tea", "--format", "pdf", "-o", "pdf"]);
    let pdf = env.path().join(format!("pdf/tw-tea-{}.pdf", today(&env, "tw-tea")));
    let out = std::process::Command::new(pdftotext)
        .arg(&pdf)
        .arg("-")
        .output()
        .unwrap();
    let text: String = String::from_utf8(out.stdout).unwrap().split_whitespace().collect();
    // The cover's grid: label, then value.
    assert!(text.contains("市場台灣"), "{text}");
}

#[test]
fn a_pack_s_per_market_keys_are_checked_by_packs_check() {
    let env = Env::new();
    let pack = |extra: &str| {
        format!(
            "id = \"extra\"\nversion = \"1\"\ntitle = {{ zh-Hant = \"附加\", zh-Hans = \"附加\", en = \"Extra\" }}\n\
             [[sections]]\nid = \"extra\"\ntitle = {{ zh-Hant = \"附加\", zh-Hans = \"附加\", en = \"Extra\" }}\n\
             [[sections.questions]]\nid = \"extra.where\"\nkind = \"multi\"\nweight = 0\n{extra}\n\
             prompt = {{ zh-Hant = \"在哪裡\", zh-Hans = \"在哪里\", en = \"Where\", mo = {{ zh-Hant = \"喺邊\", zh-Hans = \"在哪\", en = \"Where\" }} }}\n"
        )
    };
    env.write("bad.toml", &pack("options_from = \"channels\""));
    env.run(&["packs", "check", "bad.toml"])
        .assert_code(3)
        .assert_error_line(&[
            "bad.toml",
            "sections[0].questions[0].prompt.mo",
            "unknown key `mo`",
            "tw, hk, cn, global",
        ]);
    env.write(
        "good.toml",
        &pack("options_from = \"channels\"").replace("mo = {", "hk = {"),
    );
    env.ok(&["packs", "check", "good.toml"]);
}
