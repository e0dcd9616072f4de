//! Computing the registry's metrics from posts and account rows, by brand × platform × period.
//!
//! Every brand gets four kinds of group: (platform, period), (platform, whole window), (all platforms,
//! period) and (all platforms, whole window). Periods in the data window in which a brand that posts on
//! a platform published nothing appear with `posts = 0`, so a rarely posting brand shows its gaps.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use serde::{Deserialize, Serialize};

use crate::civil::{DateTime, PeriodKey, PeriodKind, civil_from_days};
use crate::metrics::registry::{Action, actions_for};
use crate::model::{AccountRow, Post};

/// Options of an aggregation.
#[derive(Debug, Clone, Copy, Default)]
pub struct AggregateOptions {
    /// Group by this period too; `None` computes whole-window groups only.
    pub period: Option<PeriodKind>,
    /// The data window (first and last day, inclusive) used for posting frequency; by default from the
    /// first to the last post of all brands.
    pub window: Option<(DateTime, DateTime)>,
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
    pub values: BTreeMap<String, f64>,
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

/// Per-post figures behind the group metrics.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize)]
pub struct PostValues {
    /// Sum of the platform's counted actions that are known; `None` if none is.
    pub interactions: Option<f64>,
    /// Whether every counted action was known.
    pub complete: bool,
    /// The export's engagements when it has them, else `interactions`.
    pub engagements: Option<f64>,
    /// Interactions ÷ followers × 100.
    pub er_followers: Option<f64>,
    /// Interactions ÷ reach × 100.
    pub er_reach: Option<f64>,
    /// Engagements ÷ impressions × 100.
    pub er_impressions: Option<f64>,
    /// Interactions ÷ views × 100.
    pub er_views: Option<f64>,
}

/// Computes one post's interactions and engagement rates; `followers` overrides the post's own.
pub fn post_values(post: &Post, followers: Option<f64>) -> PostValues {
    let set = actions_for(&post.platform);
    let mut sum = 0.0;
    let mut known = 0;
    for a in set.actions {
        let v = match a {
            Action::Likes => post.likes,
            Action::Comments => post.comments,
            Action::Shares => post.shares,
            Action::Saves => post.saves,
            Action::Clicks => post.clicks,
        };
        if let Some(v) = v {
            sum += v;
            known += 1;
        }
    }
    let interactions = (known > 0).then_some(sum);
    let engagements = post.engagements.or(interactions);
    let rate = |num: Option<f64>, den: Option<f64>| match (num, den) {
        (Some(n), Some(d)) if d > 0.0 => Some(n / d * 100.0),
        _ => None,
    };
    PostValues {
        interactions,
        complete: known == set.actions.len(),
        engagements,
        er_followers: rate(interactions, followers.or(post.followers)),
        er_reach: rate(interactions, post.reach),
        er_impressions: rate(engagements, post.impressions),
        er_views: rate(interactions, post.views),
    }
}

#[derive(Debug, Clone, Copy, Default)]
struct Mean {
    sum: f64,
    n: u64,
}

impl Mean {
    fn add(&mut self, v: Option<f64>) {
        if let Some(v) = v {
            self.sum += v;
            self.n += 1;
        }
    }

    fn mean(&self) -> Option<f64> {
        (self.n > 0).then(|| self.sum / self.n as f64)
    }
}

/// (day, order, value): the first and last follower counts seen.
type Sample = (i64, u64, f64);

#[derive(Debug, Default)]
struct Acc {
    posts: u64,
    partial: u64,
    interactions: Mean,
    er: [Mean; 4],
    likes: Mean,
    comments: Mean,
    shares: Mean,
    per_k: [Mean; 3],
    virality: [Mean; 2],
    clicks: f64,
    clicks_impressions: f64,
    clicks_n: u64,
    replies: f64,
    replies_comments: f64,
    replies_n: u64,
    promo_known: u64,
    promo_yes: u64,
    promo_er: [Mean; 5],
    organic_er: [Mean; 5],
    post_followers: Option<(Sample, Sample)>,
    account_followers: Option<(Sample, Sample)>,
    mentions: Mean,
    positive: f64,
    negative: f64,
    sentiment_n: u64,
    messages_in: f64,
    messages_answered: f64,
    messages_n: u64,
    response: Vec<f64>,
    platform_posts: BTreeMap<String, u64>,
}

fn observe(slot: &mut Option<(Sample, Sample)>, s: Sample) {
    match slot {
        None => *slot = Some((s, s)),
        Some((first, last)) => {
            if (s.0, s.1) < (first.0, first.1) {
                *first = s;
            }
            if (s.0, s.1) >= (last.0, last.1) {
                *last = s;
            }
        }
    }
}

type Key = (String, Option<String>, Option<PeriodKey>);

/// Aggregates posts and account rows by brand × platform × period.
pub fn aggregate(posts: &[Post], accounts: &[AccountRow], options: &AggregateOptions) -> Aggregation {
    let window = options.window.map(|(a, b)| (a.days(), b.last_day())).or_else(|| {
        let lo = posts.iter().map(|p| p.time.days()).min()?;
        let hi = posts.iter().map(|p| p.time.last_day()).max()?;
        Some((lo, hi))
    });
    // Follower series from account rows, per brand and platform, sorted by day.
    let mut series: HashMap<(&str, &str), Vec<(i64, f64)>> = HashMap::new();
    for a in accounts {
        if let Some(f) = a.followers {
            series
                .entry((a.brand.as_str(), a.platform.as_str()))
                .or_default()
                .push((a.date.days(), f));
        }
    }
    for s in series.values_mut() {
        s.sort_by_key(|a| a.0);
    }
    let followers_on = |brand: &str, platform: &str, day: i64| -> Option<f64> {
        let s = series.get(&(brand, platform))?;
        let i = s.partition_point(|(d, _)| *d <= day);
        (i > 0).then(|| s[i - 1].1)
    };

    let mut accs: BTreeMap<Key, Acc> = BTreeMap::new();
    let keys = |brand: &str, platform: &str, time: &DateTime| -> Vec<Key> {
        let mut out = vec![
            (brand.to_string(), Some(platform.to_string()), None),
            (brand.to_string(), None, None),
        ];
        if let Some(kind) = options.period {
            let p = time.period(kind);
            out.push((brand.to_string(), Some(platform.to_string()), Some(p)));
            out.push((brand.to_string(), None, Some(p)));
        }
        out
    };
    for (order, post) in posts.iter().enumerate() {
        let followers = post
            .followers
            .or_else(|| followers_on(&post.brand, &post.platform, post.time.days()));
        let v = post_values(post, followers);
        let ers = [v.er_followers, v.er_reach, v.er_impressions, v.er_views, v.interactions];
        let per_k = |x: Option<f64>| match (x, followers) {
            (Some(x), Some(f)) if f > 0.0 => Some(x / f * 1000.0),
            _ => None,
        };
        let pct = |x: Option<f64>, d: Option<f64>| match (x, d) {
            (Some(x), Some(d)) if d > 0.0 => Some(x / d * 100.0),
            _ => None,
        };
        for key in keys(&post.brand, &post.platform, &post.time) {
            let all_platforms = key.1.is_none();
            let acc = accs.entry(key).or_default();
            acc.posts += 1;
            if !v.complete {
                acc.partial += 1;
            }
            acc.interactions.add(v.interactions);
            for (m, x) in acc
                .er
                .iter_mut()
                .zip([v.er_followers, v.er_reach, v.er_impressions, v.er_views])
            {
                m.add(x);
            }
            acc.likes.add(post.likes);
            acc.comments.add(post.comments);
            acc.shares.add(post.shares);
            acc.per_k[0].add(per_k(post.comments));
            acc.per_k[1].add(per_k(post.shares));
            acc.per_k[2].add(per_k(post.likes));
            acc.virality[0].add(pct(post.shares, post.impressions));
            acc.virality[1].add(pct(post.shares, post.reach));
            if let (Some(c), Some(i)) = (post.clicks, post.impressions) {
                acc.clicks += c;
                acc.clicks_impressions += i;
                acc.clicks_n += 1;
            }
            if let (Some(r), Some(c)) = (post.brand_replies, post.comments) {
                acc.replies += r;
                acc.replies_comments += c;
                acc.replies_n += 1;
            }
            if let Some(promo) = post.promotional {
                acc.promo_known += 1;
                let side = if promo { &mut acc.promo_er } else { &mut acc.organic_er };
                if promo {
                    acc.promo_yes += 1;
                }
                for (m, x) in side.iter_mut().zip(ers) {
                    m.add(x);
                }
            }
            if let Some(f) = post.followers {
                observe(&mut acc.post_followers, (post.time.days(), order as u64, f));
            }
            if all_platforms {
                *acc.platform_posts.entry(post.platform.clone()).or_default() += 1;
            }
        }
    }
    for (order, a) in accounts.iter().enumerate() {
        for key in keys(&a.brand, &a.platform, &a.date) {
            let acc = accs.entry(key).or_default();
            if let Some(f) = a.followers {
                observe(&mut acc.account_followers, (a.date.days(), order as u64, f));
            }
            let mentions =
                a.mentions.or_else(
                    || match (a.mentions_positive, a.mentions_negative, a.mentions_neutral) {
                        (None, None, None) => None,
                        (p, n, u) => Some(p.unwrap_or(0.0) + n.unwrap_or(0.0) + u.unwrap_or(0.0)),
                    },
                );
            acc.mentions.add(mentions);
            if let (Some(p), Some(n)) = (a.mentions_positive, a.mentions_negative) {
                acc.positive += p;
                acc.negative += n;
                acc.sentiment_n += 1;
            }
            if let (Some(i), Some(ans)) = (a.messages_in, a.messages_answered) {
                acc.messages_in += i;
                acc.messages_answered += ans;
                acc.messages_n += 1;
            }
            if let Some(r) = a.response_minutes {
                acc.response.push(r);
            }
        }
    }
    // Empty periods for brands that post on a platform, so gaps show as zero posts.
    if let (Some(kind), Some((lo, hi))) = (options.period, window) {
        let periods = periods_in(kind, lo, hi);
        let pairs: BTreeSet<(String, Option<String>)> = accs
            .keys()
            .filter(|k| k.2.is_none())
            .map(|k| (k.0.clone(), k.1.clone()))
            .collect();
        for (brand, platform) in pairs {
            if accs
                .get(&(brand.clone(), platform.clone(), None))
                .is_some_and(|a| a.posts > 0)
            {
                for p in &periods {
                    accs.entry((brand.clone(), platform.clone(), Some(*p))).or_default();
                }
            }
        }
    }
    let mut groups: Vec<GroupMetrics> = accs.iter().map(|(k, acc)| finish(k, acc, window)).collect();
    // Growth for all-platform groups: summed over the brand's platforms.
    let growth: HashMap<(String, Option<PeriodKey>), (f64, f64)> = {
        let mut m: HashMap<(String, Option<PeriodKey>), (f64, f64)> = HashMap::new();
        for (k, acc) in &accs {
            if k.1.is_some()
                && let Some((first, last)) = followers_span(acc)
            {
                let e = m.entry((k.0.clone(), k.2)).or_default();
                e.0 += first;
                e.1 += last;
            }
        }
        m
    };
    let mut latest: HashMap<(String, Option<PeriodKey>), f64> = HashMap::new();
    for (k, acc) in &accs {
        if let (Some(_), Some(f)) = (&k.1, latest_followers(acc)) {
            *latest.entry((k.0.clone(), k.2)).or_default() += f;
        }
    }
    for g in groups.iter_mut().filter(|g| g.platform.is_none()) {
        g.values.remove("follower_growth_rate");
        g.values.remove("net_new_followers");
        g.values.remove("followers");
        if let Some(f) = latest.get(&(g.brand.clone(), g.period)) {
            g.values.insert("followers".into(), *f);
        }
        if let Some((first, last)) = growth.get(&(g.brand.clone(), g.period)) {
            g.values.insert("net_new_followers".into(), last - first);
            if *first > 0.0 {
                g.values
                    .insert("follower_growth_rate".into(), (last - first) / first * 100.0);
            }
        }
    }
    share_of_voice(&mut groups, &accs);
    Aggregation {
        period: options.period,
        window_start: window.map(|(lo, _)| day_to_date(lo)),
        window_end: window.map(|(_, hi)| day_to_date(hi)),
        groups,
    }
}

fn day_to_date(day: i64) -> DateTime {
    let (y, m, d) = civil_from_days(day);
    DateTime::from_ymd(y, m, d).unwrap_or(DateTime {
        year: y,
        month: m,
        day: d,
        hour: 0,
        minute: 0,
        second: 0,
        precision: crate::civil::Precision::Day,
    })
}

fn periods_in(kind: PeriodKind, lo: i64, hi: i64) -> Vec<PeriodKey> {
    let mut out = BTreeSet::new();
    let mut day = lo;
    while day <= hi {
        out.insert(day_to_date(day).period(kind));
        day += 1;
    }
    out.into_iter().collect()
}

/// First and last follower counts of a group: account rows if they have two dates, else posts.
fn followers_span(acc: &Acc) -> Option<(f64, f64)> {
    [acc.account_followers, acc.post_followers]
        .into_iter()
        .flatten()
        .find(|(first, last)| first.0 != last.0 || first.1 != last.1)
        .map(|(first, last)| (first.2, last.2))
}

/// The latest follower count of a group: account rows first, else posts.
fn latest_followers(acc: &Acc) -> Option<f64> {
    acc.account_followers.or(acc.post_followers).map(|(_, last)| last.2)
}

fn finish(key: &Key, acc: &Acc, window: Option<(i64, i64)>) -> GroupMetrics {
    let mut v: BTreeMap<String, f64> = BTreeMap::new();
    let mut put = |id: &str, x: Option<f64>| {
        if let Some(x) = x.filter(|x| x.is_finite()) {
            v.insert(id.to_string(), x);
        }
    };
    put("posts", Some(acc.posts as f64));
    if acc.interactions.n > 0 {
        put("interactions", Some(acc.interactions.sum));
    }
    put("interactions_per_post", acc.interactions.mean());
    for (id, m) in ["er_followers", "er_reach", "er_impressions", "er_views"]
        .iter()
        .zip(&acc.er)
    {
        put(id, m.mean());
    }
    if let Some((lo, hi)) = window {
        let (a, b) = match key.2 {
            Some(p) => (p.first_day().max(lo), p.last_day().min(hi)),
            None => (lo, hi),
        };
        let days = b - a + 1;
        if days > 0 {
            put("posts_per_week", Some(acc.posts as f64 / (days as f64 / 7.0)));
        }
    }
    put("followers", latest_followers(acc));
    if let Some((first, last)) = followers_span(acc) {
        put("net_new_followers", Some(last - first));
        if first > 0.0 {
            put("follower_growth_rate", Some((last - first) / first * 100.0));
        }
    }
    put("conversation_per_post", acc.comments.mean());
    put("amplification_per_post", acc.shares.mean());
    put("applause_per_post", acc.likes.mean());
    put("conversation_per_1k_followers", acc.per_k[0].mean());
    put("amplification_per_1k_followers", acc.per_k[1].mean());
    put("applause_per_1k_followers", acc.per_k[2].mean());
    put("virality_rate", acc.virality[0].mean());
    put("virality_rate_reach", acc.virality[1].mean());
    if acc.clicks_n > 0 && acc.clicks_impressions > 0.0 {
        put("click_through_rate", Some(acc.clicks / acc.clicks_impressions * 100.0));
    }
    if acc.mentions.n > 0 {
        put("mentions", Some(acc.mentions.sum));
    }
    if acc.messages_n > 0 && acc.messages_in > 0.0 {
        put("response_rate", Some(acc.messages_answered / acc.messages_in * 100.0));
    }
    put("median_response_minutes", median(&acc.response));
    if acc.sentiment_n > 0 && acc.positive + acc.negative > 0.0 {
        put(
            "net_sentiment",
            Some((acc.positive - acc.negative) / (acc.positive + acc.negative) * 100.0),
        );
    }
    if key.1.is_none() && acc.posts > 0 && !acc.platform_posts.is_empty() {
        let total = acc.posts as f64;
        put(
            "channel_hhi",
            Some(acc.platform_posts.values().map(|n| (*n as f64 / total).powi(2)).sum()),
        );
        put("channels", Some(acc.platform_posts.len() as f64));
    }
    if acc.promo_known > 0 {
        put("promo_share", Some(acc.promo_yes as f64 / acc.promo_known as f64));
        let gap = acc
            .promo_er
            .iter()
            .zip(&acc.organic_er)
            .find_map(|(p, o)| match (p.mean(), o.mean()) {
                (Some(p), Some(o)) if o > 0.0 => Some(p / o - 1.0),
                _ => None,
            });
        put("promo_engagement_gap", gap);
    }
    if acc.replies_n > 0 && acc.replies_comments > 0.0 {
        put("brand_reply_ratio", Some(acc.replies / acc.replies_comments));
    }
    GroupMetrics {
        brand: key.0.clone(),
        platform: key.1.clone(),
        period: key.2,
        posts: acc.posts,
        posts_partial_interactions: acc.partial,
        values: v,
    }
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

fn share_of_voice(groups: &mut [GroupMetrics], accs: &BTreeMap<Key, Acc>) {
    let mut totals: HashMap<(Option<String>, Option<PeriodKey>), (f64, f64)> = HashMap::new();
    for (k, acc) in accs {
        let t = totals.entry((k.1.clone(), k.2)).or_default();
        if acc.interactions.n > 0 {
            t.0 += acc.interactions.sum;
        }
        t.1 += acc.mentions.sum;
    }
    for g in groups.iter_mut() {
        let Some((ti, tm)) = totals.get(&(g.platform.clone(), g.period)) else {
            continue;
        };
        if let Some(i) = g.get("interactions")
            && *ti > 0.0
        {
            g.values.insert("sov_interactions".into(), i / ti * 100.0);
        }
        if let Some(m) = g.get("mentions")
            && *tm > 0.0
        {
            g.values.insert("sov_mentions".into(), m / tm * 100.0);
        }
    }
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
                window: None,
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
