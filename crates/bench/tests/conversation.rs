//! Reply matching on the real TWCS excerpt (`../shared/realdata/twcs_sample.csv`, README §5): customers'
//! tweets to brands' support accounts and the brands' replies. The file is CC BY-NC-SA and is not copied into
//! the repository: the test reads it where the reference material lives (`CHUXIN_SHARED_REALDATA`, or
//! `../shared/realdata` beside the repository) and says so when it is absent.
//!
//! The expected values were worked out by hand from the file's own timestamps.

use std::collections::HashMap;
use std::path::PathBuf;

use chuxin_bench::civil::{DateOrder, DateTime};
use chuxin_bench::conversation::{Message, NONE, handles, match_replies, quantile};

fn twcs() -> Option<PathBuf> {
    let dir = std::env::var_os("CHUXIN_SHARED_REALDATA")
        .map(PathBuf::from)
        .unwrap_or_else(|| crate::support::repo().join("../shared/realdata"));
    let path = dir.join("twcs_sample.csv");
    if path.is_file() {
        Some(path)
    } else {
        eprintln!("skipped: {} is absent (set CHUXIN_SHARED_REALDATA)", path.display());
        None
    }
}

fn seconds(t: &DateTime) -> i64 {
    t.days() * 86_400 + i64::from(t.hour) * 3_600 + i64::from(t.minute) * 60 + i64::from(t.second)
}

#[test]
fn twcs_brand_replies_and_first_response_times() {
    let Some(path) = twcs() else { return };
    let mut names: HashMap<String, u32> = HashMap::new();
    let mut name = |n: &str| {
        let next = names.len() as u32;
        *names.entry(n.to_string()).or_insert(next)
    };
    let mut messages = Vec::new();
    let mut reader = csv::Reader::from_path(&path).unwrap();
    for (i, row) in reader.records().enumerate() {
        let row = row.unwrap();
        // tweet_id, author_id, inbound, created_at, text, response_tweet_id, in_response_to_tweet_id
        let at = DateTime::parse(&row[3], DateOrder::Auto).unwrap_or_else(|| panic!("{}", &row[3]));
        let mut h = [NONE; 2];
        for (slot, handle) in h.iter_mut().zip(handles(&row[4])) {
            *slot = name(handle);
        }
        messages.push(Message {
            id: row[0].parse().unwrap(),
            reply_to: (!row[6].is_empty()).then(|| row[6].parse().unwrap()),
            at: seconds(&at),
            platform: 0,
            brand: NONE,
            author: name(&row[1]),
            from_brand: &row[2] == "False",
            handles: h,
            line: (0, i as u64 + 2),
        });
    }
    assert_eq!(messages.len(), 93);
    let got = match_replies(&messages);
    let brand = |n: &str| names[n];
    let responses = |b: &str| {
        let mut r: Vec<i64> = got
            .inbound
            .iter()
            .filter(|i| i.brand == brand(b))
            .filter_map(|i| i.response)
            .collect();
        r.sort_unstable();
        r
    };
    // ChaseSupport's reply 119238 at 13:25:49 to the inbound tweet 119239 of 13:00:09: 25 min 40 s.
    assert_eq!(responses("ChaseSupport"), vec![1_540]);
    // Tesco's three fastest: 13:48:39 → 13:49:29 (50 s), 13:43:09 → 13:45:00 (111 s),
    // 13:31:06 → 13:33:07 (121 s); 7 answered in all, the median the 4th, 141 s (2.35 minutes).
    let tesco = responses("Tesco");
    assert_eq!(&tesco[..3], &[50, 111, 121]);
    assert_eq!(tesco.len(), 7);
    assert_eq!(tesco[3], 141);
    // AppleSupport: 13 tweets, each a reply to a customer: 13 answered, and 4 more tweets name
    // @AppleSupport with no reply (119237, 119250, 119290, 119291): 17 inbound, response rate 13 ÷ 17.
    let apple: Vec<_> = got
        .inbound
        .iter()
        .filter(|i| i.brand == brand("AppleSupport"))
        .collect();
    assert_eq!(apple.len(), 17);
    assert_eq!(apple.iter().filter(|i| i.response.is_some()).count(), 13);
    // Its median first response: the 7th of 13, 22,662 s (377.7 minutes).
    let minutes: Vec<f64> = responses("AppleSupport").iter().map(|s| *s as f64 / 60.0).collect();
    assert!((quantile(&minutes, 0.5).unwrap() - 22_662.0 / 60.0).abs() < 1e-9);
    // The whole file: 44 brand tweets, 49 inbound; 41 answered; 2 brand replies whose tweet is not in the
    // excerpt (119246 and 119332); 119331 names no brand and got no reply: unattributed.
    assert_eq!(got.brand_messages.len(), 44);
    assert_eq!(got.inbound.len() + got.unattributed.len(), 49);
    assert_eq!(got.inbound.iter().filter(|i| i.response.is_some()).count(), 41);
    let ids = |ix: &[usize]| ix.iter().map(|i| messages[*i].id).collect::<Vec<_>>();
    assert_eq!(ids(&got.orphans), vec![119_246, 119_332]);
    assert_eq!(ids(&got.unattributed), vec![119_331]);
    assert!(got.early.is_empty());
}

#[test]
fn twcs_through_the_engine_gives_each_brands_response_figures() {
    use chuxin_bench::engine::{self, Kind, Options};
    use chuxin_bench::metrics::AggregateOptions;
    use chuxin_bench::profile::Profile;

    let Some(path) = twcs() else { return };
    let file = std::fs::File::open(&path).unwrap();
    let got = engine::fold_one(
        file,
        "twcs_sample.csv",
        &Profile::builtin("twcs").unwrap(),
        Kind::Conversations,
        &Options::default(),
    )
    .unwrap();
    let report = &got.reports[0];
    // 93 tweets, every one counted; each column used or said to be ignored.
    assert_eq!((report.rows, report.accepted, report.skipped_total), (93, 93, 0));
    let conv = got.conversation.as_ref().unwrap();
    assert_eq!(
        (conv.messages, conv.inbound, conv.answered, conv.brand_messages),
        (93, 48, 41, 44)
    );
    // The two brand replies whose tweet is not in the excerpt, and the one customer tweet that names no
    // brand, with their physical lines (quoted texts span lines): 119246 on line 11, 119332 on 98, 119331 on 97.
    let lines = |l: &chuxin_bench::engine::Listed| l.listed.iter().map(|m| m.line).collect::<Vec<_>>();
    assert_eq!(lines(&conv.orphans), vec![11, 98]);
    assert_eq!(lines(&conv.unattributed), vec![97]);
    // No sentiment column: the customers' tweets were read by the lexicon, and the report says so.
    assert_eq!(conv.sentiment_by_lexicon, vec!["twcs_sample.csv".to_string()]);
    let agg = got.fold.aggregation(&AggregateOptions::default());
    let metric = |brand: &str, id: &str| agg.get(brand, Some("x"), None).and_then(|g| g.get(id));
    // ChaseSupport: one reply after 25 min 40 s.
    assert!((metric("ChaseSupport", "median_response_minutes").unwrap() - 1_540.0 / 60.0).abs() < 1e-9);
    // AppleSupport: 13 of 17 answered; median 22,662 s; none within an hour (the fastest took 3,997 s).
    assert!((metric("AppleSupport", "response_rate").unwrap() - 13.0 / 17.0 * 100.0).abs() < 1e-9);
    assert!((metric("AppleSupport", "median_response_minutes").unwrap() - 22_662.0 / 60.0).abs() < 1e-9);
    assert_eq!(metric("AppleSupport", "answered_within_1h"), Some(0.0));
    assert_eq!(metric("AppleSupport", "unanswered_messages"), Some(4.0));
    assert_eq!(metric("AppleSupport", "brand_messages"), Some(13.0));
    // Tesco: 7 answered of 8 (119309 names @Tesco, unanswered), after 50, 111, 121, 141, 347, 3,522 and
    // 5,569 s: 6 of the 8 within an hour. 90th percentile: rank 0.9 × 6 = 5.4, between the 6th and the 7th:
    // 3,522 + 0.4 × (5,569 − 3,522) = 4,340.8 s.
    assert_eq!(metric("Tesco", "inbound_messages"), Some(8.0));
    assert!((metric("Tesco", "answered_within_1h").unwrap() - 6.0 / 8.0 * 100.0).abs() < 1e-9);
    assert!((metric("Tesco", "median_response_minutes").unwrap() - 141.0 / 60.0).abs() < 1e-9);
    assert!((metric("Tesco", "p90_response_minutes").unwrap() - 4_340.8 / 60.0).abs() < 1e-9);
}

fn conversation_fixture(name: &str, options: &chuxin_bench::engine::Options) -> chuxin_bench::engine::Ingested {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/conversations")
        .join(name);
    chuxin_bench::engine::fold_one(
        std::fs::File::open(&path).unwrap(),
        name,
        &chuxin_bench::profile::Profile::auto(),
        chuxin_bench::engine::Kind::Conversations,
        options,
    )
    .unwrap()
}

#[test]
fn a_weibo_comment_export_in_gbk_gives_replies_and_sentiment() {
    use chuxin_bench::metrics::AggregateOptions;
    // Written for this test (GBK, CRLF, zh-Hans headers). 莲心茶饮: 小王 complains at 10:00 (负面) and is
    // answered at 10:30; 小李 praises at 11:00 (正面), unanswered; the brand thanks someone for c99, which is
    // not in the file (an orphan, line 8). 山林烘焙: 阿明 asks at 09:00, answered at 09:05 and again at 12:00
    // (the first reply counts: 5 minutes).
    let got = conversation_fixture("weibo_comments_gbk.csv", &Default::default());
    let report = &got.reports[0];
    assert!(report.encoding.eq_ignore_ascii_case("gbk") || report.encoding.eq_ignore_ascii_case("gb18030"));
    assert_eq!((report.rows, report.accepted, report.skipped_total), (7, 7, 0));
    let used = |header: &str| report.columns.iter().find(|c| c.header == header).and_then(|c| c.field);
    assert_eq!(used("父评论ID").map(|f| f.name()), Some("reply_to"));
    assert_eq!(used("是否官方").map(|f| f.name()), Some("from_brand"));
    let conv = got.conversation.as_ref().unwrap();
    assert_eq!(conv.orphans.listed.iter().map(|m| m.line).collect::<Vec<_>>(), vec![8]);
    assert!(conv.sentiment_by_lexicon.is_empty());
    let agg = got.fold.aggregation(&AggregateOptions::default());
    let metric = |brand: &str, id: &str| agg.get(brand, Some("weibo"), None).and_then(|g| g.get(id));
    assert_eq!(metric("莲心茶饮", "inbound_messages"), Some(2.0));
    assert_eq!(metric("莲心茶饮", "response_rate"), Some(50.0));
    assert_eq!(metric("莲心茶饮", "median_response_minutes"), Some(30.0));
    // One positive, one negative: (1 − 1) ÷ 2 = 0.
    assert_eq!(metric("莲心茶饮", "net_sentiment"), Some(0.0));
    assert_eq!(metric("莲心茶饮", "brand_messages"), Some(2.0));
    assert_eq!(metric("山林烘焙", "median_response_minutes"), Some(5.0));
    assert_eq!(metric("山林烘焙", "response_rate"), Some(100.0));
    assert_eq!(metric("山林烘焙", "brand_messages"), Some(2.0));
}

#[test]
fn a_listening_tool_mention_export_gives_mentions_sentiment_and_share_of_voice() {
    use chuxin_bench::metrics::AggregateOptions;
    // Written for this test (UTF-8, zh-Hant headers, platforms in 來源). 蓮心茶飲 is mentioned 3 times
    // (正面, 負面, 正面) and posts once itself; 山林烘焙 once (中性). Over the two: 蓮心茶飲 has 3 of 4
    // mentions (75 %), net sentiment (2 − 1) ÷ 3 = 33.3 %; 山林烘焙 has no positive or negative mention.
    let got = conversation_fixture("listening_mentions.csv", &Default::default());
    assert_eq!(got.reports[0].accepted, 5);
    let agg = got.fold.aggregation(&AggregateOptions {
        compared: Some(vec!["蓮心茶飲".into(), "山林烘焙".into()]),
        ..Default::default()
    });
    let lian = agg.get("蓮心茶飲", None, None).unwrap();
    assert_eq!(lian.get("mentions"), Some(3.0));
    assert!((lian.get("net_sentiment").unwrap() - 100.0 / 3.0).abs() < 1e-9);
    assert_eq!(lian.get("sov_mentions"), Some(75.0));
    assert_eq!(lian.get("brand_messages"), Some(1.0));
    let shan = agg.get("山林烘焙", None, None).unwrap();
    assert_eq!((shan.get("mentions"), shan.get("net_sentiment")), (Some(1.0), None));
    assert_eq!(shan.get("sov_mentions"), Some(25.0));
    // The platforms a listening tool names are kept by their ids.
    let platforms: Vec<_> = agg.platforms();
    assert_eq!(
        platforms,
        vec!["dcard".to_string(), "facebook".to_string(), "ptt".to_string()]
    );
}
