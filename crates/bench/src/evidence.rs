//! Data evidence for the diagnosis: named figures ("facts") about the client, measured from its posts
//! and compared with its competitors, that the core's sin rules test (`{ metric = "brand_reply_ratio",
//! lt = 0.2 }`).
//!
//! Every fact is computed over the whole data window. Facts that the data cannot support are absent,
//! never zero, so a rule on them is false. [`FACTS`] lists each fact with its unit; `docs/metrics.md`
//! repeats the list.
//!
//! Facts about the competitors in the same run let a rule compare the client with its own market rather than
//! with a fixed number: a competitor median, the client's gap to it (`…_gap_vs_competitors`, in the fact's own
//! unit) or its index (`…_index…`, median = 100). A fact may have **parts**, named `<fact>.<part>`
//! (`competitor_share_elsewhere.douyin`), that break it down by platform; a rule tests the whole, and the
//! evidence carries the parts (`chuxin_core::Evidence::parts`) so the report can name them ([`part_of`]).

use std::collections::BTreeMap;

use crate::compare::ReferenceRow;
use crate::field::normalise_platform;
use crate::metrics::aggregate::{Aggregation, GroupMetrics, median};
use crate::metrics::fold::{Acc, Fold};

/// A fact's name, unit and meaning.
#[derive(Debug, Clone, Copy)]
pub struct FactDef {
    /// The name rules use.
    pub name: &'static str,
    /// Its unit.
    pub unit: &'static str,
    /// What it measures.
    pub meaning: &'static str,
}

/// Fewest client posts for a share of posts (platform concentration, promotional share) to count as evidence.
pub const MIN_POSTS: usize = 10;
/// Fewest comments (on posts with a brand-reply count) for the brand reply ratio to count as evidence.
pub const MIN_COMMENTS: f64 = 20.0;
/// Fewest promotional and fewest organic posts for the promotional engagement gap to count as evidence.
pub const MIN_GROUP: usize = 3;

/// Every fact [`facts`] may return.
pub const FACTS: &[FactDef] = &[
    FactDef {
        name: "brand_reply_ratio",
        unit: "0–1",
        meaning: "Σ brand replies ÷ Σ comments over the client's posts; needs ≥ 20 such comments (sin 4)",
    },
    FactDef {
        name: "channel_hhi",
        unit: "0–1",
        meaning: "HHI of the client's post counts across platforms; 1 = one platform; needs ≥ 10 posts (sin 7)",
    },
    FactDef {
        name: "promo_share",
        unit: "0–1",
        meaning: "share of the client's posts flagged promotional or paid; needs ≥ 10 posts (sins 2, 5)",
    },
    FactDef {
        name: "promo_engagement_gap",
        unit: "ratio",
        meaning: "promotional mean ER ÷ organic mean ER − 1; negative = promotions engage less; needs ≥ 3 of each (sins 2, 5)",
    },
    FactDef {
        name: "client_posts",
        unit: "count",
        meaning: "the client's posts in the data, so a reader can judge the facts' weight",
    },
    FactDef {
        name: "top_platform_share",
        unit: "0–1",
        meaning: "share of the client's posts on its busiest platform; needs ≥ 10 posts (sin 7)",
    },
    FactDef {
        name: "weibo_wechat_share",
        unit: "0–1",
        meaning: "share of the client's posts on Weibo and WeChat together; needs ≥ 10 posts (sin 7)",
    },
    FactDef {
        name: "channels",
        unit: "count",
        meaning: "platforms the client posted on (sin 7)",
    },
    FactDef {
        name: "channel_hhi_competitor_median",
        unit: "0–1",
        meaning: "median of the competitors' channel HHI (competitors with ≥ 10 posts) (sin 7)",
    },
    FactDef {
        name: "channel_hhi_gap_vs_competitors",
        unit: "share points",
        meaning: "channel_hhi − channel_hhi_competitor_median; positive = the client is more concentrated (sin 7)",
    },
    FactDef {
        name: "competitor_share_elsewhere",
        unit: "0–1",
        meaning: "the competitors' posts on platforms where the client has no post ÷ all their posts; needs ≥ 10 client and ≥ 10 competitor posts; parts `competitor_share_elsewhere.<platform>` name the platforms (sin 7)",
    },
    FactDef {
        name: "brand_reply_ratio_competitor_median",
        unit: "0–1",
        meaning: "median of the competitors' brand reply ratios (competitors with ≥ 20 comments) (sin 4)",
    },
    FactDef {
        name: "brand_reply_ratio_gap_vs_competitors",
        unit: "share points",
        meaning: "brand_reply_ratio − brand_reply_ratio_competitor_median; negative = the client answers less (sin 4)",
    },
    FactDef {
        name: "promo_share_competitor_median",
        unit: "0–1",
        meaning: "median of the competitors' promotional shares (competitors with ≥ 10 posts) (sin 2)",
    },
    FactDef {
        name: "promo_share_gap_vs_competitors",
        unit: "share points",
        meaning: "promo_share − promo_share_competitor_median; positive = the client is more promotional (sin 2)",
    },
    FactDef {
        name: "channels_competitor_median",
        unit: "count",
        meaning: "median of the competitors' platform counts (sin 7)",
    },
    FactDef {
        name: "posts_per_week",
        unit: "per week",
        meaning: "the client's posts per week over the window (sins 1, 3)",
    },
    FactDef {
        name: "posts_per_week_competitor_median",
        unit: "per week",
        meaning: "median of the competitors' posts per week",
    },
    FactDef {
        name: "posts_per_week_index",
        unit: "index",
        meaning: "client ÷ competitor median × 100 (sin 1)",
    },
    FactDef {
        name: "max_gap_days",
        unit: "days",
        meaning: "longest span between two consecutive client posts (sins 1, 3)",
    },
    FactDef {
        name: "history_days",
        unit: "days",
        meaning: "days from the client's first to last post, inclusive (sin 8)",
    },
    FactDef {
        name: "er_client",
        unit: "%",
        meaning: "the client's ER on the first of followers, reach, impressions, views that the client and a competitor both have",
    },
    FactDef {
        name: "er_competitor_median",
        unit: "%",
        meaning: "the competitors' median ER on the same denominator",
    },
    FactDef {
        name: "er_index_vs_competitors",
        unit: "index",
        meaning: "er_client ÷ er_competitor_median × 100 (sin 5)",
    },
    FactDef {
        name: "er_reference_index",
        unit: "index",
        meaning: "client ER by followers on its main platform ÷ the newest matching reference median × 100 (sin 5)",
    },
    FactDef {
        name: "interactions_per_post_index",
        unit: "index",
        meaning: "client ÷ competitor median × 100",
    },
    FactDef {
        name: "conversation_per_post",
        unit: "per post",
        meaning: "the client's comments per post (sins 4, 5)",
    },
    FactDef {
        name: "conversation_index_vs_competitors",
        unit: "index",
        meaning: "client comments per post ÷ competitor median × 100 (sins 4, 5)",
    },
    FactDef {
        name: "follower_growth_rate",
        unit: "%",
        meaning: "the client's follower growth over the window (sin 3)",
    },
    FactDef {
        name: "growth_gap_vs_competitors",
        unit: "points",
        meaning: "client growth − competitor median growth (sin 3)",
    },
    FactDef {
        name: "sov_interactions",
        unit: "0–1",
        meaning: "the client's share of the set's interactions",
    },
    FactDef {
        name: "response_rate",
        unit: "0–1",
        meaning: "inbound messages answered ÷ inbound messages (conversation exports, else account rows) (sins 4, 6)",
    },
    FactDef {
        name: "response_rate_competitor_median",
        unit: "0–1",
        meaning: "the competitors' median response rate (sin 4)",
    },
    FactDef {
        name: "response_rate_gap_vs_competitors",
        unit: "0–1",
        meaning: "client response rate − the competitors' median (negative: below them) (sin 4)",
    },
    FactDef {
        name: "median_response_minutes",
        unit: "minutes",
        meaning: "median first-response time (conversation exports, else account rows) (sins 4, 6)",
    },
    FactDef {
        name: "p90_response_minutes",
        unit: "minutes",
        meaning: "90th percentile of first-response times (conversation exports) (sin 6)",
    },
    FactDef {
        name: "answered_within_24h",
        unit: "0–1",
        meaning: "inbound messages answered within 24 hours ÷ inbound messages (conversation exports) (sin 6)",
    },
    FactDef {
        name: "inbound_messages",
        unit: "messages",
        meaning: "customers' messages to the client in the window (conversation exports)",
    },
    FactDef {
        name: "net_sentiment",
        unit: "−1–1",
        meaning: "(positive − negative) ÷ (positive + negative) (conversation exports, else account rows)",
    },
    FactDef {
        name: "complaint_reply_share",
        unit: "0–1",
        meaning: "complaints in customers' messages the client answered ÷ those complaints (the food plugin's comparison over conversation exports)",
    },
    FactDef {
        name: "measured_reach_share",
        unit: "0–1",
        meaning: "share of the client's posts with reach, impressions or views (sin 10)",
    },
    FactDef {
        name: "measured_clicks_share",
        unit: "0–1",
        meaning: "share of the client's posts with clicks (sin 10)",
    },
];

/// The fact a part belongs to, when `name` is a part (`competitor_share_elsewhere.douyin`), with the part.
pub fn part_of(name: &str) -> Option<(&'static FactDef, &str)> {
    let (whole, part) = name.split_once('.')?;
    FACTS.iter().find(|f| f.name == whole).map(|f| (f, part))
}

/// Computes the data facts about `client` against `competitors`.
///
/// `aggregation` must hold whole-window groups (any [`Fold::aggregation`] result does); `fold` is the
/// fold it was rolled up from (its buckets inside the aggregation's window are the client's posts);
/// `references` the rows for the client's industry.
pub fn facts(
    client: &str,
    competitors: &[String],
    fold: &Fold,
    aggregation: &Aggregation,
    references: &[ReferenceRow],
) -> BTreeMap<String, f64> {
    let mut out = BTreeMap::new();
    let Some(me) = aggregation.get(client, None, None) else {
        return out;
    };
    let mut put = |name: &str, v: Option<f64>| {
        if let Some(v) = v.filter(|v| v.is_finite()) {
            out.insert(name.to_string(), v);
        }
    };
    let others: Vec<&GroupMetrics> = competitors
        .iter()
        .filter(|c| c.as_str() != client)
        .filter_map(|c| aggregation.get(c, None, None))
        .collect();
    let comp_median = |id: &str| median(&others.iter().filter_map(|g| g.get(id)).collect::<Vec<_>>());
    let index = |a: Option<f64>, b: Option<f64>| match (a, b) {
        (Some(a), Some(b)) if b != 0.0 => Some(a / b * 100.0),
        _ => None,
    };

    for id in [
        "channels",
        "posts_per_week",
        "conversation_per_post",
        "follower_growth_rate",
        "median_response_minutes",
        "p90_response_minutes",
        "inbound_messages",
    ] {
        put(id, me.get(id));
    }
    put("answered_within_24h", me.get("answered_within_24h").map(|v| v / 100.0));
    let rate_median = comp_median("response_rate").map(|v| v / 100.0);
    put("response_rate_competitor_median", rate_median);
    if let (Some(mine), Some(theirs)) = (me.get("response_rate"), rate_median) {
        put("response_rate_gap_vs_competitors", Some(mine / 100.0 - theirs));
    }
    put("sov_interactions", me.get("sov_interactions").map(|v| v / 100.0));
    put("response_rate", me.get("response_rate").map(|v| v / 100.0));
    put("net_sentiment", me.get("net_sentiment").map(|v| v / 100.0));
    put("channels_competitor_median", comp_median("channels"));
    // Competitor medians of shares count only competitors with as much data as the client's own fact needs.
    let enough_posts: Vec<&GroupMetrics> = others
        .iter()
        .copied()
        .filter(|g| g.posts as usize >= MIN_POSTS)
        .collect();
    let median_of = |set: &[&GroupMetrics], id: &str| median(&set.iter().filter_map(|g| g.get(id)).collect::<Vec<_>>());
    put("channel_hhi_competitor_median", median_of(&enough_posts, "channel_hhi"));
    put("promo_share_competitor_median", median_of(&enough_posts, "promo_share"));
    // A competitor's reply ratio needs as many comments as the client's does; the aggregation keeps no
    // replied-comment count, so it is read from the fold.
    let replied = |brand: &str| -> f64 {
        fold.groups
            .iter()
            .filter(|g| g.brand == brand)
            .filter(|g| in_window(&g.bucket, aggregation))
            .map(|g| g.acc.replied_comments)
            .sum()
    };
    let enough_comments: Vec<&GroupMetrics> = others
        .iter()
        .copied()
        .filter(|g| replied(&g.brand) >= MIN_COMMENTS)
        .collect();
    put(
        "brand_reply_ratio_competitor_median",
        median_of(&enough_comments, "brand_reply_ratio"),
    );
    put("posts_per_week_competitor_median", comp_median("posts_per_week"));
    put(
        "posts_per_week_index",
        index(me.get("posts_per_week"), comp_median("posts_per_week")),
    );
    put(
        "interactions_per_post_index",
        index(me.get("interactions_per_post"), comp_median("interactions_per_post")),
    );
    put(
        "conversation_index_vs_competitors",
        index(me.get("conversation_per_post"), comp_median("conversation_per_post")),
    );
    if let (Some(c), Some(m)) = (me.get("follower_growth_rate"), comp_median("follower_growth_rate")) {
        put("growth_gap_vs_competitors", Some(c - m));
    }
    for id in ["er_followers", "er_reach", "er_impressions", "er_views"] {
        if let (Some(c), Some(m)) = (me.get(id), comp_median(id)) {
            put("er_client", Some(c));
            put("er_competitor_median", Some(m));
            put("er_index_vs_competitors", index(Some(c), Some(m)));
            break;
        }
    }

    // Per-post facts, from the client's buckets inside the window.
    let mine: Vec<(i64, &str, &Acc)> = fold
        .groups
        .iter()
        .filter(|g| g.brand == client && g.acc.posts > 0)
        .filter_map(|g| {
            let day = crate::civil::DateTime::parse(&g.bucket, crate::civil::DateOrder::Ymd)?.days();
            in_window(&g.bucket, aggregation).then_some((day, g.platform.as_str(), &g.acc))
        })
        .collect();
    let posts: u64 = mine.iter().map(|(_, _, a)| a.posts).sum();
    // Shares and ratios are evidence only on enough data: a rule must not fire on 4 posts out of 7.
    put("client_posts", Some(posts as f64));
    if posts as usize >= MIN_POSTS {
        put("channel_hhi", me.get("channel_hhi"));
        put("promo_share", me.get("promo_share"));
    }
    let replied_comments: f64 = mine.iter().map(|(_, _, a)| a.replied_comments).sum();
    if replied_comments >= MIN_COMMENTS {
        put("brand_reply_ratio", me.get("brand_reply_ratio"));
    }
    let promo: u64 = mine.iter().map(|(_, _, a)| a.promo_yes).sum();
    let organic: u64 = mine.iter().map(|(_, _, a)| a.promo_known - a.promo_yes).sum();
    if promo as usize >= MIN_GROUP && organic as usize >= MIN_GROUP {
        put("promo_engagement_gap", me.get("promo_engagement_gap"));
    }
    if posts > 0 {
        let n = posts as f64;
        let enough = posts as usize >= MIN_POSTS;
        let mut per_platform: BTreeMap<&str, u64> = BTreeMap::new();
        for (_, p, a) in &mine {
            *per_platform.entry(p).or_default() += a.posts;
        }
        let top = per_platform.iter().max_by_key(|(_, c)| **c).map(|(p, c)| (*p, *c));
        put("top_platform_share", top.filter(|_| enough).map(|(_, c)| c as f64 / n));
        let ww: u64 = ["weibo", "wechat"].iter().filter_map(|p| per_platform.get(p)).sum();
        put("weibo_wechat_share", Some(ww as f64 / n).filter(|_| enough));
        // Where the competitors post and the client does not: the whole, and one part per such platform.
        let mut theirs: BTreeMap<String, u64> = BTreeMap::new();
        for g in &others {
            for p in aggregation.platforms() {
                if let Some(pg) = aggregation.get(&g.brand, Some(&p), None) {
                    *theirs.entry(p).or_default() += pg.posts;
                }
            }
        }
        let total: u64 = theirs.values().sum();
        if enough && total as usize >= MIN_POSTS {
            let elsewhere: Vec<(&String, &u64)> = theirs
                .iter()
                .filter(|(p, c)| **c > 0 && !per_platform.contains_key(p.as_str()))
                .collect();
            let sum: u64 = elsewhere.iter().map(|(_, c)| **c).sum();
            put("competitor_share_elsewhere", Some(sum as f64 / total as f64));
            for (p, c) in elsewhere {
                put(
                    &format!("competitor_share_elsewhere.{p}"),
                    Some(*c as f64 / total as f64),
                );
            }
        }
        let measured: u64 = mine.iter().map(|(_, _, a)| a.measured_reach).sum();
        put("measured_reach_share", Some(measured as f64 / n));
        let clicks: u64 = mine.iter().map(|(_, _, a)| a.with_clicks).sum();
        put("measured_clicks_share", Some(clicks as f64 / n));
        let mut days: Vec<i64> = mine.iter().map(|(d, _, _)| *d).collect();
        days.sort_unstable();
        days.dedup();
        if let (Some(first), Some(last)) = (days.first(), days.last()) {
            put("history_days", Some((last - first + 1) as f64));
        }
        put(
            "max_gap_days",
            days.windows(2).map(|w| (w[1] - w[0]) as f64).reduce(f64::max),
        );
        // ER against the newest matching reference median on the client's main platform.
        if let Some((platform, _)) = top {
            let er = aggregation
                .get(client, Some(platform), None)
                .and_then(|g| g.get("er_followers"));
            let row = references
                .iter()
                .filter(|r| {
                    r.metric == "er_followers_per_post"
                        && r.denominator.eq_ignore_ascii_case("followers")
                        && r.statistic.eq_ignore_ascii_case("median")
                        && normalise_platform(&r.platform) == platform
                })
                .max_by_key(|r| r.report_year);
            put("er_reference_index", index(er, row.map(|r| r.value * 100.0)));
        }
    }
    // The client's gap to the competitors' median, where both facts stand (the client's on enough data).
    for (gap, mine, theirs) in [
        (
            "channel_hhi_gap_vs_competitors",
            "channel_hhi",
            "channel_hhi_competitor_median",
        ),
        (
            "promo_share_gap_vs_competitors",
            "promo_share",
            "promo_share_competitor_median",
        ),
        (
            "brand_reply_ratio_gap_vs_competitors",
            "brand_reply_ratio",
            "brand_reply_ratio_competitor_median",
        ),
    ] {
        if let (Some(a), Some(b)) = (out.get(mine), out.get(theirs)) {
            out.insert(gap.to_string(), a - b);
        }
    }
    out
}

/// Whether a fold bucket (`YYYY-MM-DD`) lies inside the aggregation's window.
fn in_window(bucket: &str, aggregation: &Aggregation) -> bool {
    let Some(day) = crate::civil::DateTime::parse(bucket, crate::civil::DateOrder::Ymd).map(|d| d.days()) else {
        return false;
    };
    aggregation.window_start.is_none_or(|lo| day >= lo.days())
        && aggregation.window_end.is_none_or(|hi| day <= hi.days())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::civil::DateTime;
    use crate::metrics::{AggregateOptions, fold_of};
    use crate::model::Post;

    /// The client's four kinds of post, each `copies` times, then one competitor post; a post every other day.
    fn sample(copies: usize) -> Vec<Post> {
        let client = [
            ("c", "weibo", true, 10.0, 10.0, 1.0),
            ("c", "weibo", true, 10.0, 10.0, 1.0),
            ("c", "weibo", false, 40.0, 10.0, 0.0),
            ("c", "wechat", false, 40.0, 10.0, 0.0),
        ];
        let rows = (0..copies)
            .flat_map(|_| client)
            .chain([("k", "weibo", false, 40.0, 10.0, 5.0)]);
        let mut posts = Vec::new();
        for (i, (brand, platform, promo, likes, comments, replies)) in rows.enumerate() {
            let mut p = Post::new(brand, platform, DateTime::from_ymd(2024, 1, 1 + 2 * i as u8).unwrap());
            p.promotional = Some(promo);
            p.likes = Some(likes);
            p.comments = Some(comments);
            p.shares = Some(0.0);
            p.brand_replies = Some(replies);
            posts.push(p);
        }
        posts
    }

    #[test]
    fn the_four_named_facts() {
        let posts = sample(3);
        let fold = fold_of(&posts, &[]);
        let agg = fold.aggregation(&AggregateOptions::default());
        let f = facts("c", &["k".to_string()], &fold, &agg, &[]);
        assert_eq!(f["client_posts"], 12.0);
        // 6 replies to 120 comments.
        assert_eq!(f["brand_reply_ratio"], 6.0 / 120.0);
        // 9 of 12 posts on Weibo, 3 on WeChat.
        assert_eq!(f["channel_hhi"], 0.75f64.powi(2) + 0.25f64.powi(2));
        assert_eq!(f["promo_share"], 0.5);
        // promo interactions/post 20, organic 50 (wechat counts likes + shares only: 40).
        assert_eq!(f["promo_engagement_gap"], 20.0 / 45.0 - 1.0);
        assert_eq!(f["weibo_wechat_share"], 1.0);
        assert_eq!(f["max_gap_days"], 2.0);
        assert!(!f.contains_key("response_rate"));
    }

    #[test]
    fn shares_and_ratios_on_too_little_data_are_not_evidence() {
        // 4 client posts, 40 comments, 2 promotional and 2 organic posts.
        let posts = sample(1);
        let fold = fold_of(&posts, &[]);
        let agg = fold.aggregation(&AggregateOptions::default());
        let f = facts("c", &["k".to_string()], &fold, &agg, &[]);
        assert_eq!(f["client_posts"], 4.0);
        for absent in [
            "channel_hhi",
            "promo_share",
            "promo_engagement_gap",
            "top_platform_share",
            "weibo_wechat_share",
        ] {
            assert!(!f.contains_key(absent), "{absent} from 4 posts");
        }
        // 40 comments are enough for the reply ratio; the gaps between posts are facts at any size.
        assert_eq!(f["brand_reply_ratio"], 2.0 / 40.0);
        assert_eq!(f["max_gap_days"], 2.0);
    }

    /// One post a day for ten days per brand: (brand, platform per day, promotional days, comments, replies).
    fn mix() -> Vec<Post> {
        let brands: [(&str, [&str; 10], usize, f64, f64); 3] = [
            ("c", ["weibo"; 10], 6, 10.0, 1.0),
            (
                "k1",
                [
                    "weibo", "weibo", "weibo", "weibo", "weibo", "douyin", "douyin", "douyin", "douyin", "douyin",
                ],
                2,
                5.0,
                2.0,
            ),
            (
                "k2",
                [
                    "weibo",
                    "weibo",
                    "xiaohongshu",
                    "xiaohongshu",
                    "xiaohongshu",
                    "douyin",
                    "douyin",
                    "douyin",
                    "douyin",
                    "douyin",
                ],
                4,
                1.0,
                0.0,
            ),
        ];
        let mut posts = Vec::new();
        for (brand, platforms, promos, comments, replies) in brands {
            for (day, platform) in platforms.into_iter().enumerate() {
                let mut p = Post::new(brand, platform, DateTime::from_ymd(2024, 3, 1 + day as u8).unwrap());
                p.promotional = Some(day < promos);
                p.likes = Some(10.0);
                p.comments = Some(comments);
                p.brand_replies = Some(replies);
                posts.push(p);
            }
        }
        posts
    }

    #[test]
    fn the_client_is_compared_with_where_and_how_its_competitors_post() {
        let posts = mix();
        let fold = fold_of(&posts, &[]);
        let agg = fold.aggregation(&AggregateOptions::default());
        let f = facts("c", &["k1".to_string(), "k2".to_string()], &fold, &agg, &[]);
        // Competitors' 20 posts: Weibo 7, Douyin 10, Xiaohongshu 3; the client posts on Weibo only.
        assert!((f["competitor_share_elsewhere"] - 13.0 / 20.0).abs() < 1e-12);
        assert!((f["competitor_share_elsewhere.douyin"] - 0.5).abs() < 1e-12);
        assert!((f["competitor_share_elsewhere.xiaohongshu"] - 0.15).abs() < 1e-12);
        assert!(!f.contains_key("competitor_share_elsewhere.weibo"));
        // HHI: client 1; k1 0.5² + 0.5² = 0.5; k2 0.2² + 0.3² + 0.5² = 0.38; median 0.44.
        assert!((f["channel_hhi_competitor_median"] - 0.44).abs() < 1e-12);
        assert!((f["channel_hhi_gap_vs_competitors"] - 0.56).abs() < 1e-12);
        // Promotional share: client 6/10, k1 2/10, k2 4/10 → median 0.3, gap +0.3.
        assert!((f["promo_share_competitor_median"] - 0.3).abs() < 1e-12);
        assert!((f["promo_share_gap_vs_competitors"] - 0.3).abs() < 1e-12);
        // Reply ratio: client 10/100; k1 20/50; k2 has 10 comments, too few to count → median 0.4, gap −0.3.
        assert!((f["brand_reply_ratio_competitor_median"] - 0.4).abs() < 1e-12);
        assert!((f["brand_reply_ratio_gap_vs_competitors"] + 0.3).abs() < 1e-12);
    }

    #[test]
    fn a_client_where_its_competitors_are_has_nothing_elsewhere() {
        let posts: Vec<Post> = mix()
            .into_iter()
            .map(|mut p| {
                p.platform = "facebook".into();
                p
            })
            .collect();
        let fold = fold_of(&posts, &[]);
        let agg = fold.aggregation(&AggregateOptions::default());
        let f = facts("c", &["k1".to_string(), "k2".to_string()], &fold, &agg, &[]);
        assert_eq!(f["competitor_share_elsewhere"], 0.0);
        assert!(!f.keys().any(|k| k.starts_with("competitor_share_elsewhere.")));
        assert_eq!(f["channel_hhi_gap_vs_competitors"], 0.0);
    }
}
