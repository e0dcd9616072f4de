//! Packs per market: the options and texts a client of each market is offered (`Pack::for_market`), the core pack's
//! formats, channels and sin 7 per market, and the validation of the per-market keys.

use chuxin_core::pack::offered;
use chuxin_core::{AnswerKind, AnswerValue, Catalog, Pack, core_pack, markets};

fn options(pack: &Pack, question: &str) -> Vec<(String, String)> {
    let q = pack.questions().find(|q| q.id == question).unwrap();
    match &q.kind {
        AnswerKind::Single { options } | AnswerKind::Multi { options } => offered(options)
            .iter()
            .map(|o| (o.id.clone(), o.label.zh_hant.clone()))
            .collect(),
        _ => panic!("{question} has no options"),
    }
}

/// The ids of the options a question offers.
fn ids(pack: &Pack, question: &str) -> Vec<String> {
    options(pack, question).into_iter().map(|(id, _)| id).collect()
}

fn for_market(m: &str) -> Pack {
    core_pack().unwrap().for_market(markets().get(m).unwrap())
}

#[test]
fn each_market_is_offered_its_own_formats_under_ids_rules_and_stored_audits_keep() {
    // Mainland: the seed's options, as before markets existed.
    assert_eq!(
        ids(&for_market("cn"), "exe.content_formats"),
        [
            "weibo_posts",
            "wechat_articles",
            "short_video",
            "notes",
            "livestream",
            "long_video",
            "audio",
            "community_qa"
        ]
    );
    let tw = options(&for_market("tw"), "exe.content_formats");
    let tw_ids: Vec<&str> = tw.iter().map(|(id, _)| id.as_str()).collect();
    assert_eq!(
        tw_ids,
        [
            "feed_posts",
            "messaging_broadcasts",
            "short_video",
            "notes",
            "livestream",
            "long_video",
            "audio",
            "community_qa"
        ]
    );
    assert_eq!(tw[1].1, "LINE 官方帳號訊息推播");
    assert_eq!(tw[2].1, "短影音（Reels、YouTube Shorts、TikTok）");
    let hk = options(&for_market("hk"), "exe.content_formats");
    assert_eq!(hk[1].1, "WhatsApp 頻道與廣播訊息");
    assert_eq!(hk[7].1, "討論區與群組（連登、Facebook 群組、WhatsApp 群組）");
}

#[test]
fn answers_naming_another_market_s_options_still_read_and_score_but_are_not_offered() {
    let tw = Catalog::new(vec![for_market("tw")]).unwrap();
    let q = tw.question("exe.content_formats").unwrap();
    // A stored mainland answer, from before the client's market was set to Taiwan: it still checks and scores.
    let stored = AnswerValue::List(vec!["weibo_posts".into(), "short_video".into()]);
    assert_eq!(tw.check_value("exe.content_formats", &stored).unwrap(), stored);
    // 0.1 + 0.2, as the pack scores the two options.
    let score = chuxin_core::question_score(q, &stored).unwrap();
    assert!((score - 0.3).abs() < 1e-9, "{score}");
    // Numbers count the offered options only: 1 is Taiwan's first, feed posts; the list in errors is Taiwan's.
    assert_eq!(
        q.parse_text("1, 2").unwrap(),
        AnswerValue::List(vec!["feed_posts".into(), "messaging_broadcasts".into()])
    );
    assert!(
        q.expects()
            .starts_with("any of `feed_posts`, `messaging_broadcasts`, `short_video`"),
        "{}",
        q.expects()
    );
    assert!(!q.expects().contains("weibo_posts"));
}

#[test]
fn the_channel_questions_offer_the_market_s_channels() {
    for q in ["exe.channels_run", "exe.audience_channels"] {
        assert_eq!(
            options(&for_market("tw"), q),
            [
                ("facebook", "Facebook 粉絲專頁"),
                ("instagram", "Instagram"),
                ("line", "LINE 官方帳號"),
                ("threads", "Threads"),
                ("youtube", "YouTube 頻道"),
                ("dcard", "Dcard"),
                ("ptt", "PTT"),
                ("google_maps", "Google 地圖商家檔案與評論"),
            ]
            .map(|(a, b)| (a.to_string(), b.to_string()))
        );
        assert_eq!(
            ids(&for_market("cn"), q),
            [
                "weibo",
                "wechat",
                "douyin",
                "xiaohongshu",
                "bilibili",
                "zhihu",
                "kuaishou",
                "dianping",
                "meituan"
            ]
        );
    }
}

#[test]
fn the_seed_s_wording_stays_in_every_market_and_sin_7_speaks_of_the_market_s_platforms() {
    let seed_prompt = "內容的表現形式(微博、視頻、圖文、音頻)?";
    let seed_title = "將精力投入微博/微信上,其他渠道一概不管。";
    for m in ["tw", "hk", "cn", "global"] {
        let pack = for_market(m);
        let q = pack.questions().find(|q| q.id == "exe.content_formats").unwrap();
        assert_eq!(q.prompt.zh_hant, seed_prompt, "{m}");
        let sin = pack.sins.iter().find(|s| s.id == "weibo_wechat_only").unwrap();
        assert_eq!(sin.title.zh_hant, seed_title, "{m}");
        assert!(q.prompt.markets.is_empty() && sin.explanation.markets.is_empty());
    }
    let sin = |m: &str| {
        let p = for_market(m);
        p.sins.into_iter().find(|s| s.id == "weibo_wechat_only").unwrap()
    };
    assert!(sin("cn").explanation.zh_hans.contains("抖音、小红书"));
    let tw = sin("tw");
    assert!(tw.explanation.zh_hant.contains("Facebook 粉專與 LINE 官方帳號"));
    assert!(tw.recommendation.en.contains("Dcard, PTT, Threads"));
    assert!(!tw.explanation.en.contains("Weibo") && !tw.recommendation.zh_hant.contains("抖音"));
    let hk = sin("hk");
    assert!(hk.explanation.en.contains("OpenRice and LIHKG"));
    assert!(sin("global").explanation.en.contains("TikTok, YouTube, LinkedIn"));
    // The English prompt drops the mainland example outside the mainland.
    let en = |m: &str| {
        let p = for_market(m);
        p.questions()
            .find(|q| q.id == "exe.content_formats")
            .unwrap()
            .prompt
            .en
            .clone()
    };
    assert_eq!(
        en("cn"),
        "Which content formats are used (Weibo posts, video, image and text, audio)?"
    );
    assert_eq!(
        en("tw"),
        "Which content formats are used (posts, video, image and text, audio)?"
    );
}

const MINI: &str = r#"
id = "mini"
version = "1"
title = { zh-Hant = "小", zh-Hans = "小", en = "Mini" }
[[sections]]
id = "a"
title = { zh-Hant = "甲", zh-Hans = "甲", en = "A" }
[[sections.questions]]
id = "a.pick"
kind = "single"
prompt = { zh-Hant = "選", zh-Hans = "选", en = "Pick", tw = { zh-Hant = "挑", zh-Hans = "挑", en = "Choose" } }
rubric = { zh-Hant = "r", zh-Hans = "r", en = "r" }
options = [
  { id = "one", score = 0, label = { zh-Hant = "一", zh-Hans = "一", en = "One" }, markets = ["cn"] },
  { id = "two", score = 1, label = { zh-Hant = "二", zh-Hans = "二", en = "Two" } },
  { id = "three", score = 1, label = { zh-Hant = "三", zh-Hans = "三", en = "Three" } },
]
"#;

fn err(src: &str) -> String {
    Pack::from_toml_str(src, "mini.toml").unwrap_err().to_string()
}

#[test]
fn per_market_keys_are_validated_on_load_with_their_key_path() {
    let pack = Pack::from_toml_str(MINI, "mini.toml").unwrap();
    let tw = pack.for_market(markets().get("tw").unwrap());
    assert_eq!(tw.sections[0].questions[0].prompt.en, "Choose");
    assert_eq!(ids(&tw, "a.pick"), ["two", "three"]);
    let cn = pack.for_market(markets().get("cn").unwrap());
    assert_eq!(
        (cn.sections[0].questions[0].prompt.en.as_str(), ids(&cn, "a.pick").len()),
        ("Pick", 3)
    );

    assert_eq!(
        err(&MINI.replace("tw = {", "jp = {")),
        "mini.toml: sections[0].questions[0].prompt.jp: unknown key `jp`: a text has zh-Hant, zh-Hans and en, and variants under a market (tw, hk, cn, global)"
    );
    assert_eq!(
        err(&MINI.replace(", en = \"Choose\" }", " }")),
        "mini.toml: sections[0].questions[0].prompt.tw: missing translation `en`"
    );
    assert_eq!(
        err(&MINI.replace("markets = [\"cn\"]", "markets = [\"mo\"]")),
        "mini.toml: sections[0].questions[0].options[0].markets: unknown market `mo`; known markets: tw, hk, cn, global"
    );
    // Two options offered in the mainland only leave Taiwan one: every market needs a usable question.
    let lonely = MINI.replace(
        "label = { zh-Hant = \"二\", zh-Hans = \"二\", en = \"Two\" }",
        "label = { zh-Hant = \"二\", zh-Hans = \"二\", en = \"Two\" }, markets = [\"cn\"]",
    );
    assert_eq!(
        err(&lonely),
        "mini.toml: sections[0].questions[0].options: market `tw` is offered fewer than 2 options"
    );
}

#[test]
fn a_question_takes_the_market_s_channels_only_unscored_and_without_its_own_options() {
    let from = MINI
        .replace(
            "kind = \"single\"",
            "kind = \"multi\"\nweight = 0\noptions_from = \"channels\"",
        )
        .replace(
            "rubric = { zh-Hant = \"r\", zh-Hans = \"r\", en = \"r\" }\noptions = [",
            "bogus = [",
        );
    let from = from.split("bogus = [").next().unwrap().to_string();
    let pack = Pack::from_toml_str(&from, "mini.toml").unwrap();
    assert_eq!(
        ids(&pack.for_market(markets().get("hk").unwrap()), "a.pick")[..3],
        ["facebook", "instagram", "whatsapp"]
    );
    assert_eq!(
        err(&from.replace("weight = 0\n", "")),
        "mini.toml: sections[0].questions[0].weight: the market's channels carry no scores: a question with `options_from` takes weight 0"
    );
    assert_eq!(
        err(&from.replace("\"channels\"", "\"platforms\"")),
        "mini.toml: sections[0].questions[0].options_from: unknown source `platforms`: the one source is `channels`, the market's channels"
    );
}
