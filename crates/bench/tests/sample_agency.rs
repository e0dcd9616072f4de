//! The synthetic sample agency's exports read as the demo reads them, and the diagnoses they were made
//! to support.

use std::fs::File;

use chuxin_bench::evidence::facts;
use chuxin_bench::ingest::{IngestOptions, read_accounts};
use chuxin_bench::metrics::{AggregateOptions, fold_of};
use chuxin_bench::profile::Profile;
use chuxin_bench::{AccountRow, Post};

use crate::support::{posts, sample};

fn load(files: &[&str], accounts: &str) -> (Vec<Post>, Vec<AccountRow>) {
    let mut all = Vec::new();
    for f in files {
        let t = posts(&sample(f), &Profile::auto());
        assert!(t.report.skipped.is_empty(), "{f}: {:?}", t.report.skipped);
        assert!(t.report.duplicates.is_empty(), "{f}");
        all.extend(t.posts);
    }
    let path = sample(accounts);
    let a = read_accounts(
        File::open(&path).unwrap(),
        accounts,
        &Profile::auto(),
        &IngestOptions::default(),
    )
    .unwrap();
    assert!(a.report.skipped.is_empty(), "{accounts}: {:?}", a.report.skipped);
    (all, a.accounts)
}

fn strings(v: &[&str]) -> Vec<String> {
    v.iter().map(|s| s.to_string()).collect()
}

#[test]
fn lotus_tea_replies_to_few_comments() {
    let (posts, accounts) = load(
        &["lotus-tea_posts.csv", "lotus-tea_competitors.csv"],
        "lotus-tea_accounts.csv",
    );
    let fold = fold_of(&posts, &accounts);
    let agg = fold.aggregation(&AggregateOptions::default());
    let f = facts("蓮心茶飲", &strings(&["茶語時光", "一點甜"]), &fold, &agg, &[]);
    assert!(f["brand_reply_ratio"] < 0.2, "{f:?}");
    // Independently: Σ replies ÷ Σ comments over the client's posts.
    let mine: Vec<_> = posts.iter().filter(|p| p.brand == "蓮心茶飲").collect();
    let replies: f64 = mine.iter().filter_map(|p| p.brand_replies).sum();
    let comments: f64 = mine.iter().filter_map(|p| p.comments).sum();
    assert_eq!(f["brand_reply_ratio"], replies / comments);
    let competitor = facts("茶語時光", &strings(&["蓮心茶飲"]), &fold, &agg, &[]);
    assert!(competitor["brand_reply_ratio"] > 0.3);
    assert!(f.contains_key("response_rate") && f.contains_key("net_sentiment"));
}

#[test]
fn hengfeng_bank_posts_rarely() {
    let (posts, accounts) = load(&["hengfeng-bank_posts.csv"], "hengfeng-bank_accounts.csv");
    let fold = fold_of(&posts, &accounts);
    let agg = fold.aggregation(&AggregateOptions::default());
    let f = facts("恒豐銀行", &strings(&["安信銀行", "富邦達銀行"]), &fold, &agg, &[]);
    assert!(f["posts_per_week"] < 1.0, "{f:?}");
    assert!(f["posts_per_week_index"] < 25.0, "{f:?}");
    assert!(f["max_gap_days"] >= 14.0, "{f:?}");
}

#[test]
fn mingyue_beauty_is_weibo_heavy_and_promotional() {
    let (posts, accounts) = load(
        &["mingyue-beauty_posts.csv", "mingyue-beauty_competitors.csv"],
        "mingyue-beauty_accounts.csv",
    );
    let fold = fold_of(&posts, &accounts);
    let agg = fold.aggregation(&AggregateOptions::default());
    let f = facts("明月美妝", &strings(&["花漾", "素顏坊"]), &fold, &agg, &[]);
    assert!(f["channel_hhi"] > 0.6, "{f:?}");
    assert!(f["promo_share"] > 0.5, "{f:?}");
    assert!(f["promo_engagement_gap"] < 0.0, "{f:?}");
    assert!(f["weibo_wechat_share"] > 0.75, "{f:?}");
    // Independently: HHI from post counts per platform.
    let mine: Vec<_> = posts.iter().filter(|p| p.brand == "明月美妝").collect();
    let n = mine.len() as f64;
    let hhi: f64 = ["weibo", "xiaohongshu", "douyin"]
        .iter()
        .map(|pl| (mine.iter().filter(|p| p.platform == *pl).count() as f64 / n).powi(2))
        .sum();
    assert!((f["channel_hhi"] - hhi).abs() < 1e-12);
    // Followers (the bubble size): the latest account row per platform, summed.
    let latest: f64 = ["weibo", "xiaohongshu", "douyin"]
        .iter()
        .map(|pl| {
            accounts
                .iter()
                .filter(|a| a.brand == "明月美妝" && a.platform == *pl)
                .max_by_key(|a| a.date)
                .and_then(|a| a.followers)
                .unwrap()
        })
        .sum();
    assert_eq!(agg.get("明月美妝", None, None).unwrap().get("followers"), Some(latest));
}
