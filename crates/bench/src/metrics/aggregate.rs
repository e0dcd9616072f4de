//! The registry's metrics by brand × platform × period: the groups a [`Fold`] rolls up into.
//!
//! Every brand gets four kinds of group: (platform, period), (platform, whole window), (all platforms,
//! period) and (all platforms, whole window). Periods in the data window in which a brand that posts on
//! a platform published nothing appear with `posts = 0`, so a rarely posting brand shows its gaps.
//! [`aggregate`] computes them from posts and account rows already in memory, through the same fold the
//! streaming engine builds, so both give the same figures.

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use crate::civil::{DateTime, PeriodKey, PeriodKind};
use crate::metrics::fold::{AccountFigures, Fold, FoldMap, FoldSource, Grain, PostFigures, PostValues, values_of};
use crate::metrics::registry::actions_for;
use crate::model::{AccountRow, Post};

/// Options of an aggregation.
#[derive(Debug, Clone, Default)]
pub struct AggregateOptions {
    /// Group by this period too; `None` computes whole-window groups only.
    pub period: Option<PeriodKind>,
    /// The data window (first and last day, inclusive): rows outside it are left out, and posting
    /// frequency divides by its length; by default from the first to the last row of all brands.
    pub window: Option<(DateTime, DateTime)>,
    /// The brands share of voice is taken over (the client and its competitors); every brand when `None`.
    pub compared: Option<Vec<String>>,
    /// Threads to roll brands up on (0 or 1: the calling thread only).
    pub threads: usize,
}

/// The metrics of one brand on one platform (or all) in one period (or the whole window).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GroupMetrics {
    /// Brand.
    pub brand: String,
    /// Platform; `None` for all the brand's platforms together.
    pub platform: Option<String>,
    /// Period; `None` for the whole window.
    pub period: Option<PeriodKey>,
    /// Posts in the group.
    pub posts: u64,
    /// Posts for which at least one counted action was missing (their interactions are partial).
    pub posts_partial_interactions: u64,
    /// Metric id → value, for every metric the data allows (see [`crate::metrics::registry::METRICS`]).
    /// Keys are the registry's own `&'static str` ids when computed (no allocation a metric), owned when read
    /// back from JSON.
    pub values: BTreeMap<Cow<'static, str>, f64>,
}

impl GroupMetrics {
    /// The value of metric `id`, if the data allowed it.
    pub fn get(&self, id: &str) -> Option<f64> {
        self.values.get(id).copied()
    }
}

/// The result of [`aggregate`].
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Aggregation {
    /// The period kind grouped by, if any.
    pub period: Option<PeriodKind>,
    /// First day of the data window.
    pub window_start: Option<DateTime>,
    /// Last day of the data window.
    pub window_end: Option<DateTime>,
    /// All groups, sorted by brand, platform (all platforms first), period (whole window first).
    pub groups: Vec<GroupMetrics>,
}

impl Aggregation {
    /// The group of `brand` on `platform` (`None`: all) in `period` (`None`: whole window).
    pub fn get(&self, brand: &str, platform: Option<&str>, period: Option<PeriodKey>) -> Option<&GroupMetrics> {
        self.groups
            .iter()
            .find(|g| g.brand == brand && g.platform.as_deref() == platform && g.period == period)
    }

    /// The brands, sorted.
    pub fn brands(&self) -> Vec<String> {
        self.groups
            .iter()
            .map(|g| g.brand.clone())
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect()
    }

    /// The platforms, sorted.
    pub fn platforms(&self) -> Vec<String> {
        self.groups
            .iter()
            .filter_map(|g| g.platform.clone())
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect()
    }

    /// The periods, sorted.
    pub fn periods(&self) -> Vec<PeriodKey> {
        self.groups
            .iter()
            .filter_map(|g| g.period)
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect()
    }
}

/// The figures of a post as the fold reads them; `followers` overrides the post's own.
pub fn figures_of(post: &Post, followers: Option<f64>) -> PostFigures {
    PostFigures {
        followers: followers.or(post.followers),
        impressions: post.impressions,
        reach: post.reach,
        views: post.views,
        likes: post.likes,
        comments: post.comments,
        shares: post.shares,
        saves: post.saves,
        clicks: post.clicks,
        brand_replies: post.brand_replies,
        engagements: post.engagements,
        promotional: post.promotional,
        own_followers: post.followers,
    }
}

/// Computes one post's interactions and engagement rates; `followers` overrides the post's own.
pub fn post_values(post: &Post, followers: Option<f64>) -> PostValues {
    values_of(&figures_of(post, followers), actions_for(&post.platform))
}

/// Whether rows, in the order given, mostly go from newest to oldest.
pub fn newest_first<'a>(times: impl Iterator<Item = &'a DateTime>) -> bool {
    let (mut up, mut down) = (0u64, 0u64);
    let mut prev: Option<&DateTime> = None;
    for t in times {
        if let Some(p) = prev {
            match t.cmp(p) {
                std::cmp::Ordering::Greater => up += 1,
                std::cmp::Ordering::Less => down += 1,
                std::cmp::Ordering::Equal => {}
            }
        }
        prev = Some(t);
    }
    down > up
}

/// Aggregates posts and account rows (already in memory) by brand × platform × period, through a
/// day-grained [`Fold`] ([`fold_of`]).
pub fn aggregate(posts: &[Post], accounts: &[AccountRow], options: &AggregateOptions) -> Aggregation {
    fold_of(posts, accounts).aggregation(options)
}

/// Folds posts and account rows already in memory by brand × platform × day, as the engine folds the
/// rows it streams. A post's line, when set, orders follower counts stated for the same time.
pub fn fold_of(posts: &[Post], accounts: &[AccountRow]) -> Fold {
    let mut map = FoldMap::new();
    let series = follower_series(accounts);
    for (i, a) in accounts.iter().enumerate() {
        let f = AccountFigures {
            followers: a.followers,
            mentions: a.mentions,
            positive: a.mentions_positive,
            negative: a.mentions_negative,
            neutral: a.mentions_neutral,
            messages_in: a.messages_in,
            messages_answered: a.messages_answered,
            response_minutes: a.response_minutes,
        };
        let line = if a.line > 0 { a.line } else { i as u64 + 2 };
        map.entry((a.brand.clone(), a.platform.clone(), Grain::Day.bucket(&a.date)))
            .or_default()
            .add_account(&f, &a.date, 0, line);
    }
    for (i, p) in posts.iter().enumerate() {
        let followers = p
            .followers
            .or_else(|| series.followers_on(&p.brand, &p.platform, p.time.days()));
        let line = if p.line > 0 { p.line } else { i as u64 + 2 };
        map.entry((p.brand.clone(), p.platform.clone(), Grain::Day.bucket(&p.time)))
            .or_default()
            .add_post(&figures_of(p, followers), actions_for(&p.platform), &p.time, 1, line);
    }
    let sources = vec![
        FoldSource {
            name: "accounts".into(),
            newest_first: newest_first(accounts.iter().map(|a| &a.date)),
        },
        FoldSource {
            name: "posts".into(),
            newest_first: newest_first(posts.iter().map(|p| &p.time)),
        },
    ];
    Fold::from_map(Grain::Day, true, sources, map)
}

/// Follower counts from account rows, per brand and platform, sorted by day: the followers a post
/// without its own count is divided by.
#[derive(Debug, Default)]
pub struct FollowerSeries {
    series: std::collections::HashMap<(String, String), Vec<(i64, f64)>>,
}

impl FollowerSeries {
    /// Adds one account row's count.
    pub fn add(&mut self, brand: &str, platform: &str, day: i64, followers: f64) {
        self.series
            .entry((brand.to_string(), platform.to_string()))
            .or_default()
            .push((day, followers));
    }

    /// Sorts the series (stable: rows of one day keep their order).
    pub fn sort(&mut self) {
        for s in self.series.values_mut() {
            s.sort_by_key(|a| a.0);
        }
    }

    /// Whether no account row gave followers.
    pub fn is_empty(&self) -> bool {
        self.series.is_empty()
    }

    /// The followers of `brand` on `platform` on `day`: the latest count on or before it.
    pub fn followers_on(&self, brand: &str, platform: &str, day: i64) -> Option<f64> {
        let s = self.series.get(&(brand.to_string(), platform.to_string()))?;
        let i = s.partition_point(|(d, _)| *d <= day);
        (i > 0).then(|| s[i - 1].1)
    }
}

fn follower_series(accounts: &[AccountRow]) -> FollowerSeries {
    let mut s = FollowerSeries::default();
    for a in accounts {
        if let Some(f) = a.followers {
            s.add(&a.brand, &a.platform, a.date.days(), f);
        }
    }
    s.sort();
    s
}

/// The median of `xs`; `None` when empty.
pub fn median(xs: &[f64]) -> Option<f64> {
    if xs.is_empty() {
        return None;
    }
    let mut s = xs.to_vec();
    s.sort_by(f64::total_cmp);
    let n = s.len();
    Some(if n % 2 == 1 {
        s[n / 2]
    } else {
        (s[n / 2 - 1] + s[n / 2]) / 2.0
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn post(brand: &str, platform: &str, day: u8, likes: f64, comments: f64, shares: f64) -> Post {
        let mut p = Post::new(brand, platform, DateTime::from_ymd(2024, 3, day).unwrap());
        p.likes = Some(likes);
        p.comments = Some(comments);
        p.shares = Some(shares);
        p
    }

    #[test]
    fn interactions_follow_the_platform() {
        let mut p = post("a", "instagram", 1, 10.0, 2.0, 5.0);
        p.followers = Some(1000.0);
        let v = post_values(&p, None);
        assert_eq!(v.interactions, Some(12.0));
        assert_eq!(v.er_followers, Some(1.2));
        p.platform = "facebook".into();
        assert_eq!(post_values(&p, None).interactions, Some(17.0));
        p.shares = None;
        let v = post_values(&p, None);
        assert_eq!((v.interactions, v.complete), (Some(12.0), false));
    }

    #[test]
    fn groups_hhi_sov_and_gaps() {
        let posts = vec![
            post("a", "weibo", 1, 10.0, 0.0, 0.0),
            post("a", "weibo", 2, 10.0, 0.0, 0.0),
            post("a", "weibo", 3, 10.0, 0.0, 0.0),
            post("a", "wechat", 4, 10.0, 0.0, 0.0),
            post("b", "weibo", 28, 40.0, 0.0, 0.0),
        ];
        let agg = aggregate(
            &posts,
            &[],
            &AggregateOptions {
                period: Some(PeriodKind::Week),
                ..Default::default()
            },
        );
        let a = agg.get("a", None, None).unwrap();
        assert_eq!(a.get("channel_hhi"), Some(0.75 * 0.75 + 0.25 * 0.25));
        assert_eq!(a.get("posts_per_week"), Some(4.0 / 4.0));
        let weibo_all = agg.get("b", Some("weibo"), None).unwrap();
        assert_eq!(weibo_all.get("sov_interactions"), Some(40.0 / 70.0 * 100.0));
        // b posted only in the last week: the earlier weeks are there with zero posts.
        let weeks: Vec<_> = agg
            .groups
            .iter()
            .filter(|g| g.brand == "b" && g.platform.is_some() && g.period.is_some())
            .collect();
        assert_eq!(weeks.len(), 5);
        assert_eq!(weeks.iter().filter(|g| g.posts == 0).count(), 4);
    }

    #[test]
    fn median_of_even_and_odd() {
        assert_eq!(median(&[3.0, 1.0, 2.0]), Some(2.0));
        assert_eq!(median(&[4.0, 1.0, 2.0, 3.0]), Some(2.5));
        assert_eq!(median(&[]), None);
    }
}
