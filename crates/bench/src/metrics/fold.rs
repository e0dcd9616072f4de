//! The fold: what the metrics need of every post and account row, kept per brand × platform × bucket.
//!
//! A [`Fold`] is the one intermediate every command shares. The ingestion engine ([`crate::engine`]) folds
//! rows into it as it streams a file; [`Fold::aggregation`] rolls its buckets up into the metric groups
//! ([`crate::metrics::Aggregation`]) for any period and window. A fold holds no posts, only counts, sums,
//! means' parts and the first and last follower counts, so its size depends on brands × platforms ×
//! buckets, never on the number of rows. Folds merge ([`Acc::merge`]): worker threads and files each
//! build one and the results are added together.
//!
//! The bucket is a day ([`Grain::Day`], what `chuxin bench` keeps, so that any week, month, quarter or
//! window can be cut from it afterwards) or a month ([`Grain::Month`], what `chuxin aggregate` keeps for
//! exports of any number of brands). `chuxin aggregate --format json` writes a fold under its `fold` key, and
//! it deserialises back into a [`Fold`] with the same figures (a test checks the round trip), so a fold
//! computed elsewhere can feed the comparisons.
//!
//! Follower counts are ordered by the time the export states, not by file order: the first and last
//! counts of a group are those of its earliest and latest rows. Rows with the same stated time (a
//! month-only export has hundreds) are ordered as their file orders them in time: a file whose times
//! mostly go down (newest first, as Facebook's Page export writes) is read bottom-up for such ties.

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet, HashMap};

use serde::{Deserialize, Serialize};

use crate::civil::{DateTime, Precision, civil_from_days, days_from_civil};
use crate::metrics::registry::{Action, ActionSet};

/// The width of a fold's buckets.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Grain {
    /// One bucket a day: any period or window can be cut from the fold.
    Day,
    /// One bucket a calendar month: months, quarters and whole months only.
    Month,
}

impl Grain {
    /// The bucket of `time`: its first day, as days since 1970-01-01.
    pub fn bucket(self, time: &DateTime) -> i64 {
        match self {
            Grain::Day => time.days(),
            Grain::Month => days_from_civil(time.year, time.month, 1),
        }
    }

    /// The bucket of `time` as a dense key, so that consecutive buckets have consecutive keys: days since
    /// 1970-01-01 for days, months since year 0 for months.
    pub fn key(self, time: &DateTime) -> i64 {
        match self {
            Grain::Day => time.days(),
            Grain::Month => i64::from(time.year) * 12 + i64::from(time.month) - 1,
        }
    }

    /// The bucket (as [`Grain::bucket`] gives it) of a key of [`Grain::key`].
    pub fn bucket_of_key(self, key: i64) -> i64 {
        match self {
            Grain::Day => key,
            Grain::Month => days_from_civil(key.div_euclid(12) as i32, (key.rem_euclid(12) + 1) as u8, 1),
        }
    }
}

/// The numbers of one post, as the fold reads them.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct PostFigures {
    /// Followers at posting time, from the post's row or the account rows.
    pub followers: Option<f64>,
    /// Impressions.
    pub impressions: Option<f64>,
    /// Reach.
    pub reach: Option<f64>,
    /// Views.
    pub views: Option<f64>,
    /// Likes.
    pub likes: Option<f64>,
    /// Comments.
    pub comments: Option<f64>,
    /// Shares.
    pub shares: Option<f64>,
    /// Saves.
    pub saves: Option<f64>,
    /// Clicks.
    pub clicks: Option<f64>,
    /// Replies the brand wrote.
    pub brand_replies: Option<f64>,
    /// The export's own engagement total.
    pub engagements: Option<f64>,
    /// Promotional or paid.
    pub promotional: Option<bool>,
    /// Followers stated on the post's own row (for the follower span), not looked up.
    pub own_followers: Option<f64>,
}

/// The numbers of one account row.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct AccountFigures {
    /// Followers on the row's date.
    pub followers: Option<f64>,
    /// Mentions.
    pub mentions: Option<f64>,
    /// Positive mentions.
    pub positive: Option<f64>,
    /// Negative mentions.
    pub negative: Option<f64>,
    /// Neutral mentions.
    pub neutral: Option<f64>,
    /// Inbound messages.
    pub messages_in: Option<f64>,
    /// Inbound messages answered.
    pub messages_answered: Option<f64>,
    /// Response time in minutes.
    pub response_minutes: Option<f64>,
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

/// Computes one post's interactions and engagement rates under the platform's action set.
pub fn values_of(p: &PostFigures, set: &ActionSet) -> PostValues {
    let mut sum = 0.0;
    let mut known = 0;
    for a in set.actions {
        let v = match a {
            Action::Likes => p.likes,
            Action::Comments => p.comments,
            Action::Shares => p.shares,
            Action::Saves => p.saves,
            Action::Clicks => p.clicks,
        };
        if let Some(v) = v {
            sum += v;
            known += 1;
        }
    }
    let interactions = (known > 0).then_some(sum);
    let engagements = p.engagements.or(interactions);
    PostValues {
        interactions,
        complete: known == set.actions.len(),
        engagements,
        er_followers: rate(interactions, p.followers),
        er_reach: rate(interactions, p.reach),
        er_impressions: rate(engagements, p.impressions),
        er_views: rate(interactions, p.views),
    }
}

fn rate(num: Option<f64>, den: Option<f64>) -> Option<f64> {
    match (num, den) {
        (Some(n), Some(d)) if d > 0.0 => Some(n / d * 100.0),
        _ => None,
    }
}

/// The parts of a mean.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
pub struct Mean {
    /// Σ values.
    pub sum: f64,
    /// Number of values.
    pub n: u64,
}

impl Mean {
    fn add(&mut self, v: Option<f64>) {
        if let Some(v) = v {
            self.sum += v;
            self.n += 1;
        }
    }

    fn merge(&mut self, o: &Mean) {
        self.sum += o.sum;
        self.n += o.n;
    }

    /// The mean; `None` without values.
    pub fn mean(&self) -> Option<f64> {
        (self.n > 0).then(|| self.sum / self.n as f64)
    }
}

/// One follower count and where it was read.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Sample {
    /// The stated time, in seconds since 1970-01-01 (as written, no zone).
    pub at: i64,
    /// Index of the source in [`Fold::sources`] (high 16 bits) and line of the row in it (low 48 bits).
    pub pos: u64,
    /// The count.
    pub value: f64,
}

impl Sample {
    const LINE: u64 = (1 << 48) - 1;

    /// A count read at `line` of source `source` for time `at`.
    pub fn new(at: i64, source: u32, line: u64, value: f64) -> Sample {
        Sample {
            at,
            pos: (u64::from(source) << 48) | (line & Sample::LINE),
            value,
        }
    }

    /// Index of the source.
    pub fn source(&self) -> u32 {
        (self.pos >> 48) as u32
    }

    /// Line in the source.
    pub fn line(&self) -> u64 {
        self.pos & Sample::LINE
    }
}

/// The earliest and latest follower counts of a group, with both tie orders kept until the direction of
/// each source is known.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Span {
    first_lo: Sample,
    first_hi: Sample,
    last_lo: Sample,
    last_hi: Sample,
}

impl Span {
    fn new(s: Sample) -> Span {
        Span {
            first_lo: s,
            first_hi: s,
            last_lo: s,
            last_hi: s,
        }
    }

    fn observe(&mut self, s: Sample) {
        let k = (s.at, s.source());
        let f = (self.first_lo.at, self.first_lo.source());
        if k < f {
            self.first_lo = s;
            self.first_hi = s;
        } else if k == f {
            if s.line() < self.first_lo.line() {
                self.first_lo = s;
            }
            if s.line() > self.first_hi.line() {
                self.first_hi = s;
            }
        }
        let l = (self.last_lo.at, self.last_lo.source());
        if k > l {
            self.last_lo = s;
            self.last_hi = s;
        } else if k == l {
            if s.line() < self.last_lo.line() {
                self.last_lo = s;
            }
            if s.line() > self.last_hi.line() {
                self.last_hi = s;
            }
        }
    }

    fn merge(slot: &mut Option<Span>, o: &Option<Span>) {
        match (slot.as_mut(), o) {
            (_, None) => {}
            (None, Some(o)) => *slot = Some(*o),
            (Some(s), Some(o)) => {
                for x in [o.first_lo, o.first_hi, o.last_lo, o.last_hi] {
                    s.observe(x);
                }
            }
        }
    }

    /// The first and last samples in time, ties ordered as each source orders its rows in time.
    fn resolve(&self, newest_first: &dyn Fn(u32) -> bool) -> (Sample, Sample) {
        let first = if newest_first(self.first_lo.source()) {
            self.first_hi
        } else {
            self.first_lo
        };
        let last = if newest_first(self.last_lo.source()) {
            self.last_lo
        } else {
            self.last_hi
        };
        (first, last)
    }
}

fn observe(slot: &mut Option<Span>, s: Sample) {
    match slot {
        None => *slot = Some(Span::new(s)),
        Some(span) => span.observe(s),
    }
}

/// Seconds since 1970-01-01 of a stated time, to its precision: a month-only or date-only time orders as
/// the start of its month or day (an hour column beside a month, as in Page Insights, is an hour of some
/// unknown day of that month, not a later time).
pub fn seconds(t: &DateTime) -> i64 {
    match t.precision {
        Precision::Time => {
            t.days() * 86_400 + i64::from(t.hour) * 3_600 + i64::from(t.minute) * 60 + i64::from(t.second)
        }
        Precision::Day | Precision::Month => t.days() * 86_400,
    }
}

/// What one bucket of one brand on one platform holds: the parts of every metric's formula (see
/// `docs/metrics.md`), summed over the bucket's rows. Means are kept as Σ and count, rates as Σ numerator
/// and Σ denominator, so buckets add up exactly.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Acc {
    /// Posts.
    pub posts: u64,
    /// Posts for which at least one counted action was missing.
    pub partial: u64,
    /// First day any row of the bucket stands for.
    pub first_day: Option<i64>,
    /// Last day any row of the bucket stands for (a month-only row stands for its whole month).
    pub last_day: Option<i64>,
    /// Interactions per post.
    pub interactions: Mean,
    /// Engagement rates per post by followers, reach, impressions and views.
    pub er: [Mean; 4],
    /// Likes per post.
    pub likes: Mean,
    /// Comments per post.
    pub comments: Mean,
    /// Shares per post.
    pub shares: Mean,
    /// Comments, shares and likes per 1,000 followers, per post.
    pub per_k: [Mean; 3],
    /// Shares ÷ impressions and shares ÷ reach, per post.
    pub virality: [Mean; 2],
    /// Σ clicks of the posts with clicks and impressions.
    pub clicks: f64,
    /// Σ impressions of those posts.
    pub clicks_impressions: f64,
    /// Number of those posts.
    pub clicks_n: u64,
    /// Posts with a click count.
    pub with_clicks: u64,
    /// Posts with reach, impressions or views.
    pub measured_reach: u64,
    /// Σ brand replies of the posts with replies and comments.
    pub replies: f64,
    /// Σ comments of the posts whose brand replies are known.
    pub replied_comments: f64,
    /// Number of those posts.
    pub replies_n: u64,
    /// Posts whose promotional flag is known.
    pub promo_known: u64,
    /// Posts flagged promotional.
    pub promo_yes: u64,
    /// The engagement rates and interactions of promotional posts.
    pub promo_er: [Mean; 5],
    /// The same of organic posts.
    pub organic_er: [Mean; 5],
    /// Earliest and latest follower counts stated on posts.
    pub post_followers: Option<Span>,
    /// What account rows add; absent for the (usual) buckets with posts only, to keep the fold small.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub account: Option<Box<AccountAcc>>,
    /// What conversation messages add (see [`crate::conversation`]); absent without conversation sources.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub conversation: Option<Box<ConversationAcc>>,
}

/// The conversation messages of a bucket: inbound messages (by the bucket of their own time) and the
/// brand's messages.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ConversationAcc {
    /// Inbound messages addressed to the brand.
    pub inbound: u64,
    /// Of which answered by the brand.
    pub answered: u64,
    /// Of which answered within 1 hour, and within 24 hours, of the message.
    pub within_1h: u64,
    /// See `within_1h`.
    pub within_24h: u64,
    /// First-response times of the answered ones, in minutes (for the median and the 90th percentile).
    pub response_minutes: Vec<f64>,
    /// Messages the brand wrote.
    pub brand_messages: u64,
    /// Inbound messages with a positive, negative and neutral sentiment in the export.
    pub positive: u64,
    /// See `positive`.
    pub negative: u64,
    /// See `positive`.
    pub neutral: u64,
}

impl ConversationAcc {
    fn merge(&mut self, o: &ConversationAcc) {
        self.inbound += o.inbound;
        self.answered += o.answered;
        self.within_1h += o.within_1h;
        self.within_24h += o.within_24h;
        self.response_minutes.extend_from_slice(&o.response_minutes);
        self.brand_messages += o.brand_messages;
        self.positive += o.positive;
        self.negative += o.negative;
        self.neutral += o.neutral;
    }
}

/// The account rows of a bucket.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct AccountAcc {
    /// Account rows.
    pub rows: u64,
    /// Earliest and latest follower counts.
    pub followers: Option<Span>,
    /// Mentions per row.
    pub mentions: Mean,
    /// Σ positive mentions of the rows with positive and negative counts.
    pub positive: f64,
    /// Σ negative mentions of those rows.
    pub negative: f64,
    /// Number of those rows.
    pub sentiment_n: u64,
    /// Σ inbound messages of the rows with inbound and answered counts.
    pub messages_in: f64,
    /// Σ answered messages of those rows.
    pub messages_answered: f64,
    /// Number of those rows.
    pub messages_n: u64,
    /// Response times in minutes, one per row that states one (for the median).
    pub response: Vec<f64>,
}

impl AccountAcc {
    fn merge(&mut self, o: &AccountAcc) {
        self.rows += o.rows;
        Span::merge(&mut self.followers, &o.followers);
        self.mentions.merge(&o.mentions);
        self.positive += o.positive;
        self.negative += o.negative;
        self.sentiment_n += o.sentiment_n;
        self.messages_in += o.messages_in;
        self.messages_answered += o.messages_answered;
        self.messages_n += o.messages_n;
        self.response.extend_from_slice(&o.response);
    }
}

impl Acc {
    pub(crate) fn span_days(&mut self, time: &DateTime) {
        let (a, b) = (time.days(), time.last_day());
        self.first_day = Some(self.first_day.map_or(a, |d| d.min(a)));
        self.last_day = Some(self.last_day.map_or(b, |d| d.max(b)));
    }

    /// Adds one post.
    pub fn add_post(&mut self, p: &PostFigures, set: &ActionSet, time: &DateTime, source: u32, line: u64) {
        let v = values_of(p, set);
        self.span_days(time);
        self.posts += 1;
        if !v.complete {
            self.partial += 1;
        }
        self.interactions.add(v.interactions);
        for (m, x) in self
            .er
            .iter_mut()
            .zip([v.er_followers, v.er_reach, v.er_impressions, v.er_views])
        {
            m.add(x);
        }
        self.likes.add(p.likes);
        self.comments.add(p.comments);
        self.shares.add(p.shares);
        let per_k = |x: Option<f64>| match (x, p.followers) {
            (Some(x), Some(f)) if f > 0.0 => Some(x / f * 1000.0),
            _ => None,
        };
        self.per_k[0].add(per_k(p.comments));
        self.per_k[1].add(per_k(p.shares));
        self.per_k[2].add(per_k(p.likes));
        self.virality[0].add(rate(p.shares, p.impressions));
        self.virality[1].add(rate(p.shares, p.reach));
        if p.clicks.is_some() {
            self.with_clicks += 1;
        }
        if p.reach.is_some() || p.impressions.is_some() || p.views.is_some() {
            self.measured_reach += 1;
        }
        if let (Some(c), Some(i)) = (p.clicks, p.impressions) {
            self.clicks += c;
            self.clicks_impressions += i;
            self.clicks_n += 1;
        }
        if let (Some(r), Some(c)) = (p.brand_replies, p.comments) {
            self.replies += r;
            self.replied_comments += c;
            self.replies_n += 1;
        }
        if let Some(promo) = p.promotional {
            self.promo_known += 1;
            let ers = [v.er_followers, v.er_reach, v.er_impressions, v.er_views, v.interactions];
            let side = if promo {
                self.promo_yes += 1;
                &mut self.promo_er
            } else {
                &mut self.organic_er
            };
            for (m, x) in side.iter_mut().zip(ers) {
                m.add(x);
            }
        }
        if let Some(f) = p.own_followers {
            observe(&mut self.post_followers, Sample::new(seconds(time), source, line, f));
        }
    }

    /// Adds one account row.
    pub fn add_account(&mut self, a: &AccountFigures, time: &DateTime, source: u32, line: u64) {
        self.span_days(time);
        let acc = self.account.get_or_insert_with(Default::default);
        acc.rows += 1;
        if let Some(f) = a.followers {
            observe(&mut acc.followers, Sample::new(seconds(time), source, line, f));
        }
        let mentions = a.mentions.or(match (a.positive, a.negative, a.neutral) {
            (None, None, None) => None,
            (p, n, u) => Some(p.unwrap_or(0.0) + n.unwrap_or(0.0) + u.unwrap_or(0.0)),
        });
        acc.mentions.add(mentions);
        if let (Some(p), Some(n)) = (a.positive, a.negative) {
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

    /// Adds another accumulator of the same brand and platform.
    pub fn merge(&mut self, o: &Acc) {
        self.posts += o.posts;
        self.partial += o.partial;
        self.first_day = match (self.first_day, o.first_day) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
        self.last_day = match (self.last_day, o.last_day) {
            (Some(a), Some(b)) => Some(a.max(b)),
            (a, b) => a.or(b),
        };
        self.interactions.merge(&o.interactions);
        for (a, b) in self.er.iter_mut().zip(&o.er) {
            a.merge(b);
        }
        self.likes.merge(&o.likes);
        self.comments.merge(&o.comments);
        self.shares.merge(&o.shares);
        for (a, b) in self.per_k.iter_mut().zip(&o.per_k) {
            a.merge(b);
        }
        for (a, b) in self.virality.iter_mut().zip(&o.virality) {
            a.merge(b);
        }
        self.clicks += o.clicks;
        self.clicks_impressions += o.clicks_impressions;
        self.clicks_n += o.clicks_n;
        self.with_clicks += o.with_clicks;
        self.measured_reach += o.measured_reach;
        self.replies += o.replies;
        self.replied_comments += o.replied_comments;
        self.replies_n += o.replies_n;
        self.promo_known += o.promo_known;
        self.promo_yes += o.promo_yes;
        for (a, b) in self.promo_er.iter_mut().zip(&o.promo_er) {
            a.merge(b);
        }
        for (a, b) in self.organic_er.iter_mut().zip(&o.organic_er) {
            a.merge(b);
        }
        Span::merge(&mut self.post_followers, &o.post_followers);
        match (&mut self.account, &o.account) {
            (_, None) => {}
            (Some(a), Some(b)) => a.merge(b),
            (slot @ None, Some(b)) => *slot = Some(b.clone()),
        }
        match (&mut self.conversation, &o.conversation) {
            (_, None) => {}
            (Some(a), Some(b)) => a.merge(b),
            (slot @ None, Some(b)) => *slot = Some(b.clone()),
        }
    }

    /// Adds an inbound message: its first response after `response` seconds (`None`: unanswered) and its
    /// sentiment (1, −1, 0; `None` unknown).
    pub fn add_inbound(&mut self, response: Option<i64>, sentiment: Option<i8>) {
        let c = self.conversation.get_or_insert_with(Default::default);
        c.inbound += 1;
        if let Some(seconds) = response {
            c.answered += 1;
            c.within_1h += u64::from(seconds <= 3_600);
            c.within_24h += u64::from(seconds <= 86_400);
            c.response_minutes.push(seconds as f64 / 60.0);
        }
        match sentiment {
            Some(1) => c.positive += 1,
            Some(-1) => c.negative += 1,
            Some(_) => c.neutral += 1,
            None => {}
        }
    }

    /// Adds a message the brand wrote.
    pub fn add_brand_message(&mut self) {
        self.conversation.get_or_insert_with(Default::default).brand_messages += 1;
    }

    /// The latest follower count of the account rows (ties: the later line).
    pub fn latest_account_followers(&self) -> Option<f64> {
        self.account.as_ref().and_then(|a| a.followers).map(|s| s.last_hi.value)
    }

    /// Σ interactions, when any post had one.
    pub fn interactions(&self) -> Option<f64> {
        (self.interactions.n > 0).then_some(self.interactions.sum)
    }
}

/// One source folded, as the fold remembers it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FoldSource {
    /// The source's name (a path, usually).
    pub name: String,
    /// Whether its rows mostly go from newest to oldest.
    pub newest_first: bool,
}

/// One bucket of one brand on one platform.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FoldGroup {
    /// Brand.
    pub brand: String,
    /// Canonical platform id.
    pub platform: String,
    /// First day of the bucket (`YYYY-MM-DD`).
    pub bucket: String,
    /// What the bucket holds.
    #[serde(flatten)]
    pub acc: Acc,
}

/// Brand × platform × bucket accumulators: the intermediate between reading rows and computing metrics.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Fold {
    /// Width of the buckets.
    pub grain: Grain,
    /// Whether every brand of the sources was folded (false when rows were kept only for a comparison
    /// set); shares over every brand are computed only then.
    pub every_brand: bool,
    /// The sources, in the order they were read.
    pub sources: Vec<FoldSource>,
    /// Buckets sorted by brand, platform, bucket.
    pub groups: Vec<FoldGroup>,
}

/// A fold's groups keyed for building: (brand, platform, bucket day).
pub type FoldMap = BTreeMap<(String, String, i64), Acc>;

/// The data window of a comparison and how it was chosen.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Window {
    /// First day (`YYYY-MM-DD`).
    pub start: String,
    /// Last day (`YYYY-MM-DD`), inclusive.
    pub end: String,
    /// Days in the window.
    pub days: i64,
    /// `given` (--since/--until), `common` (the span every compared brand covers) or `union` (the compared
    /// brands' data do not overlap, or there is one brand).
    pub chosen: String,
    /// Each brand's own first and last day, for the brands asked about.
    pub coverage: Vec<Coverage>,
}

/// The days one brand's rows cover.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Coverage {
    /// Brand.
    pub brand: String,
    /// First day with data (`YYYY-MM-DD`), if any.
    pub first: Option<String>,
    /// Last day with data.
    pub last: Option<String>,
    /// Posts in the brand's whole coverage (before the window).
    pub posts: u64,
}

impl Window {
    /// The window's first and last day as days since 1970-01-01.
    pub fn days_range(&self) -> Option<(i64, i64)> {
        Some((parse_day(&self.start)?, parse_day(&self.end)?))
    }

    /// Whether the compared brands' own coverage differs from the window (a warning for the reader).
    pub fn uneven(&self) -> bool {
        self.coverage
            .iter()
            .any(|c| c.first.as_deref() != Some(self.start.as_str()) || c.last.as_deref() != Some(self.end.as_str()))
    }
}

/// `YYYY-MM-DD` of a day number.
pub fn day_label(day: i64) -> String {
    let (y, m, d) = civil_from_days(day);
    format!("{y:04}-{m:02}-{d:02}")
}

fn parse_day(s: &str) -> Option<i64> {
    let t = DateTime::parse(s, crate::civil::DateOrder::Ymd)?;
    Some(t.days())
}

impl Fold {
    /// Builds a fold from its keyed groups.
    pub fn from_map(grain: Grain, every_brand: bool, sources: Vec<FoldSource>, map: FoldMap) -> Fold {
        Fold {
            grain,
            every_brand,
            sources,
            groups: map
                .into_iter()
                .map(|((brand, platform, day), acc)| FoldGroup {
                    brand,
                    platform,
                    bucket: day_label(day),
                    acc,
                })
                .collect(),
        }
    }

    /// The brands in the fold, sorted.
    pub fn brands(&self) -> Vec<String> {
        self.groups
            .iter()
            .map(|g| g.brand.clone())
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect()
    }

    /// The days one brand's posts cover (account rows when it has no posts), and its post count.
    pub fn coverage(&self, brand: &str) -> Coverage {
        let mut first: Option<i64> = None;
        let mut last: Option<i64> = None;
        let mut posts = 0;
        let has_posts = self.groups.iter().any(|g| g.brand == brand && g.acc.posts > 0);
        for g in self.groups.iter().filter(|g| g.brand == brand) {
            if has_posts && g.acc.posts == 0 {
                continue;
            }
            posts += g.acc.posts;
            if let Some(d) = g.acc.first_day {
                first = Some(first.map_or(d, |f| f.min(d)));
            }
            if let Some(d) = g.acc.last_day {
                last = Some(last.map_or(d, |l| l.max(d)));
            }
        }
        Coverage {
            brand: brand.to_string(),
            first: first.map(day_label),
            last: last.map(day_label),
            posts,
        }
    }

    /// The window for comparing `brands`: `given` when both ends are given (a missing end is taken from
    /// the data), else the days every one of them covers, else (no overlap, or no brand with data) the
    /// union of their coverage. `None` when no row of those brands has a date.
    pub fn window(&self, brands: &[String], since: Option<i64>, until: Option<i64>) -> Option<Window> {
        let coverage: Vec<Coverage> = brands.iter().map(|b| self.coverage(b)).collect();
        let spans: Vec<(i64, i64)> = coverage
            .iter()
            .filter_map(|c| Some((parse_day(c.first.as_deref()?)?, parse_day(c.last.as_deref()?)?)))
            .collect();
        let union = (spans.iter().map(|s| s.0).min(), spans.iter().map(|s| s.1).max());
        let common = (spans.iter().map(|s| s.0).max(), spans.iter().map(|s| s.1).min());
        let (lo, hi, chosen) = if since.is_some() || until.is_some() {
            (since.or(union.0)?, until.or(union.1)?, "given")
        } else {
            match common {
                (Some(a), Some(b)) if a <= b && spans.len() > 1 => (a, b, "common"),
                _ => (union.0?, union.1?, "union"),
            }
        };
        Some(Window {
            start: day_label(lo),
            end: day_label(hi),
            days: hi - lo + 1,
            chosen: chosen.to_string(),
            coverage,
        })
    }

    /// Rolls the fold's buckets up into metric groups (see [`crate::metrics::aggregate()`] for the kinds of
    /// group); buckets outside `options.window` are left out.
    pub fn aggregation(&self, options: &AggregateOptions) -> Aggregation {
        let window = options.window.map(|(a, b)| (a.days(), b.last_day())).or_else(|| {
            let lo = self.groups.iter().filter_map(|g| g.acc.first_day).min()?;
            let hi = self.groups.iter().filter_map(|g| g.acc.last_day).max()?;
            Some((lo, hi))
        });
        let periods = match (options.period, window) {
            (Some(kind), Some((lo, hi))) => periods_in(kind, lo, hi),
            _ => Vec::new(),
        };
        // Brands roll up independently of each other: each brand's buckets, in brand order, on up to
        // `options.threads` threads (contiguous runs of brands, so the groups come out in brand order).
        let mut by_brand: BTreeMap<&str, Vec<&FoldGroup>> = BTreeMap::new();
        for g in &self.groups {
            by_brand.entry(g.brand.as_str()).or_default().push(g);
        }
        let brands: Vec<&[&FoldGroup]> = by_brand.values().map(Vec::as_slice).collect();
        let threads = options.threads.clamp(1, brands.len().max(1));
        let per_thread = brands.len().div_ceil(threads).max(1);
        let roll = |part: &[&[&FoldGroup]]| -> Vec<Rolled> {
            part.iter()
                .map(|groups| self.roll_brand(groups, options, window, &periods))
                .collect()
        };
        let rolled: Vec<Rolled> = if threads == 1 {
            roll(&brands)
        } else {
            std::thread::scope(|scope| {
                let handles: Vec<_> = brands
                    .chunks(per_thread)
                    .map(|part| scope.spawn(move || roll(part)))
                    .collect();
                handles
                    .into_iter()
                    .flat_map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
                    .collect()
            })
        };
        let mut groups = Vec::with_capacity(rolled.iter().map(|r| r.groups.len()).sum());
        let mut totals = Vec::with_capacity(rolled.iter().map(|r| r.totals.len()).sum());
        for r in rolled {
            groups.extend(r.groups);
            totals.extend(r.totals);
        }
        share_of_voice(&mut groups, &totals, options.compared.as_deref(), self.every_brand);
        Aggregation {
            period: options.period,
            window_start: window.map(|(lo, _)| day_to_date(lo)),
            window_end: window.map(|(_, hi)| day_to_date(hi)),
            groups,
        }
    }

    /// One brand's groups (by platform and over all platforms, for the whole window and, with a period kind, by
    /// period), from its buckets inside `window`.
    fn roll_brand(
        &self,
        buckets: &[&FoldGroup],
        options: &AggregateOptions,
        window: Option<(i64, i64)>,
        periods: &[PeriodKey],
    ) -> Rolled {
        let newest_first = |s: u32| self.sources.get(s as usize).is_some_and(|s| s.newest_first);
        let Some(brand) = buckets.first().map(|g| g.brand.as_str()) else {
            return Rolled::default();
        };
        // Keyed by (platform, period); the brand is the same for all.
        let mut accs: BTreeMap<(Option<&str>, Option<PeriodKey>), Acc> = BTreeMap::new();
        let mut platform_posts: BTreeMap<Option<PeriodKey>, BTreeMap<&str, u64>> = BTreeMap::new();
        for g in buckets {
            let Some(day) = parse_day(&g.bucket) else { continue };
            // A month bucket is in the window when the month overlaps it (a month cannot be cut).
            let end = match self.grain {
                Grain::Day => day,
                Grain::Month => {
                    let t = day_to_date(day);
                    days_from_civil(t.year, t.month, crate::civil::days_in_month(t.year, t.month))
                }
            };
            if let Some((lo, hi)) = window
                && (end < lo || day > hi)
            {
                continue;
            }
            let period = options.period.map(|kind| day_to_date(day).period(kind));
            let mut keys = [
                (Some(g.platform.as_str()), None),
                (None, None),
                (None, None),
                (None, None),
            ];
            let mut n = 2;
            if let Some(p) = period {
                keys[2] = (Some(g.platform.as_str()), Some(p));
                keys[3] = (None, Some(p));
                n = 4;
            }
            for key in &keys[..n] {
                if key.0.is_none() && g.acc.posts > 0 {
                    *platform_posts
                        .entry(key.1)
                        .or_default()
                        .entry(g.platform.as_str())
                        .or_default() += g.acc.posts;
                }
                accs.entry(*key).or_default().merge(&g.acc);
            }
        }
        // Empty periods on the platforms the brand posts on, so gaps show as zero posts.
        if !periods.is_empty() {
            let platforms: Vec<Option<&str>> = accs
                .iter()
                .filter(|(k, a)| k.1.is_none() && a.posts > 0)
                .map(|(k, _)| k.0)
                .collect();
            for platform in platforms {
                for p in periods {
                    accs.entry((platform, Some(*p))).or_default();
                }
            }
        }
        let mut groups: Vec<GroupMetrics> = accs
            .iter()
            .map(|(k, acc)| {
                let key = (brand, k.0, k.1);
                finish(key, acc, window, &newest_first, platform_posts.get(&k.1))
            })
            .collect();
        // Followers of all-platform groups: summed over the brand's platforms.
        let mut growth: HashMap<Option<PeriodKey>, (f64, f64)> = HashMap::new();
        let mut latest: HashMap<Option<PeriodKey>, f64> = HashMap::new();
        for (k, acc) in accs.iter().filter(|(k, _)| k.0.is_some()) {
            if let Some((first, last)) = followers_span(acc, &newest_first) {
                let e = growth.entry(k.1).or_default();
                e.0 += first;
                e.1 += last;
            }
            if let Some(f) = latest_followers(acc, &newest_first) {
                *latest.entry(k.1).or_default() += f;
            }
        }
        for g in groups.iter_mut().filter(|g| g.platform.is_none()) {
            g.values.remove("follower_growth_rate");
            g.values.remove("net_new_followers");
            g.values.remove("followers");
            if let Some(f) = latest.get(&g.period) {
                g.values.insert("followers".into(), *f);
            }
            if let Some((first, last)) = growth.get(&g.period) {
                g.values.insert("net_new_followers".into(), last - first);
                if *first > 0.0 {
                    g.values
                        .insert("follower_growth_rate".into(), (last - first) / first * 100.0);
                }
            }
        }
        let totals = accs
            .iter()
            .map(|(k, acc)| Total {
                brand_in_set: options
                    .compared
                    .as_deref()
                    .is_none_or(|set| set.iter().any(|s| s == brand)),
                platform: k.0.map(str::to_owned),
                period: k.1,
                interactions: acc.interactions().unwrap_or(0.0),
                // Stated mentions of account rows; else the inbound messages of conversation exports.
                mentions: match (acc.account.as_deref(), acc.conversation.as_deref()) {
                    (Some(a), _) if a.mentions.n > 0 => a.mentions.sum,
                    (_, Some(c)) => c.inbound as f64,
                    _ => 0.0,
                },
            })
            .collect();
        Rolled { groups, totals }
    }
}

/// One brand's rolled-up groups, and what each contributes to the shares of voice.
#[derive(Default)]
struct Rolled {
    groups: Vec<GroupMetrics>,
    totals: Vec<Total>,
}

/// A group's part in the shares of voice of its scope (platform or all, period or the window).
struct Total {
    brand_in_set: bool,
    platform: Option<String>,
    period: Option<PeriodKey>,
    interactions: f64,
    mentions: f64,
}

use super::aggregate::{AggregateOptions, Aggregation, GroupMetrics, median};
use crate::civil::{PeriodKey, PeriodKind};

/// The date of a day number.
pub fn day_to_date(day: i64) -> DateTime {
    let (y, m, d) = civil_from_days(day);
    DateTime::from_ymd(y, m, d).unwrap_or(DateTime {
        year: y,
        month: m,
        day: d,
        hour: 0,
        minute: 0,
        second: 0,
        precision: Precision::Day,
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

/// First and last follower counts of a group: account rows if they have two rows, else posts.
fn followers_span(acc: &Acc, newest_first: &dyn Fn(u32) -> bool) -> Option<(f64, f64)> {
    [acc.account.as_ref().and_then(|a| a.followers), acc.post_followers]
        .into_iter()
        .flatten()
        .map(|s| s.resolve(newest_first))
        .find(|(first, last)| (first.at, first.pos) != (last.at, last.pos))
        .map(|(first, last)| (first.value, last.value))
}

/// The latest follower count of a group: account rows first, else posts.
fn latest_followers(acc: &Acc, newest_first: &dyn Fn(u32) -> bool) -> Option<f64> {
    acc.account
        .as_ref()
        .and_then(|a| a.followers)
        .or(acc.post_followers)
        .map(|s| s.resolve(newest_first).1.value)
}

fn finish(
    key: (&str, Option<&str>, Option<PeriodKey>),
    acc: &Acc,
    window: Option<(i64, i64)>,
    newest_first: &dyn Fn(u32) -> bool,
    platform_posts: Option<&BTreeMap<&str, u64>>,
) -> GroupMetrics {
    let mut v: BTreeMap<Cow<'static, str>, f64> = BTreeMap::new();
    let mut put = |id: &'static str, x: Option<f64>| {
        if let Some(x) = x.filter(|x| x.is_finite()) {
            v.insert(Cow::Borrowed(id), x);
        }
    };
    put("posts", Some(acc.posts as f64));
    put("interactions", acc.interactions());
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
    put("followers", latest_followers(acc, newest_first));
    if let Some((first, last)) = followers_span(acc, newest_first) {
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
    if let Some(a) = acc.account.as_deref() {
        if a.mentions.n > 0 {
            put("mentions", Some(a.mentions.sum));
        }
        if a.messages_n > 0 && a.messages_in > 0.0 {
            put("response_rate", Some(a.messages_answered / a.messages_in * 100.0));
        }
        put("median_response_minutes", median(&a.response));
        if a.sentiment_n > 0 && a.positive + a.negative > 0.0 {
            put(
                "net_sentiment",
                Some((a.positive - a.negative) / (a.positive + a.negative) * 100.0),
            );
        }
    }
    if let Some(c) = acc.conversation.as_deref() {
        // Measured from the messages themselves: these take the place of the account rows' stated figures.
        let inbound = c.inbound as f64;
        let stated_mentions = acc.account.as_deref().is_some_and(|a| a.mentions.n > 0);
        if c.inbound > 0 {
            put("inbound_messages", Some(inbound));
            put("unanswered_messages", Some((c.inbound - c.answered) as f64));
            put("response_rate", Some(c.answered as f64 / inbound * 100.0));
            put("answered_within_1h", Some(c.within_1h as f64 / inbound * 100.0));
            // Within 4 hours, from the kept times (a fold of an earlier layout has no separate count).
            let within_4h = c.response_minutes.iter().filter(|m| **m <= 240.0).count();
            put("answered_within_4h", Some(within_4h as f64 / inbound * 100.0));
            put("answered_within_24h", Some(c.within_24h as f64 / inbound * 100.0));
            if !stated_mentions {
                put("mentions", Some(inbound));
            }
        }
        put("median_response_minutes", median(&c.response_minutes));
        put(
            "p90_response_minutes",
            crate::conversation::quantile(&c.response_minutes, 0.9),
        );
        put("brand_messages", Some(c.brand_messages as f64));
        if c.positive + c.negative > 0 {
            let (p, n) = (c.positive as f64, c.negative as f64);
            put("net_sentiment", Some((p - n) / (p + n) * 100.0));
        }
    }
    if let Some(pp) = platform_posts.filter(|pp| key.1.is_none() && acc.posts > 0 && !pp.is_empty()) {
        let total = acc.posts as f64;
        put(
            "channel_hhi",
            Some(pp.values().map(|n| (*n as f64 / total).powi(2)).sum()),
        );
        put("channels", Some(pp.len() as f64));
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
    if acc.replies_n > 0 && acc.replied_comments > 0.0 {
        put("brand_reply_ratio", Some(acc.replies / acc.replied_comments));
    }
    GroupMetrics {
        brand: key.0.to_owned(),
        platform: key.1.map(str::to_owned),
        period: key.2,
        posts: acc.posts,
        posts_partial_interactions: acc.partial,
        values: v,
    }
}

/// Shares of voice: `sov_*` over the compared set (every brand when there is no set), and
/// `sov_interactions_all` over every brand of the sources when the fold holds them all.
fn share_of_voice(groups: &mut [GroupMetrics], totals: &[Total], compared: Option<&[String]>, every: bool) {
    let in_set = |b: &str| compared.is_none_or(|set| set.iter().any(|s| s == b));
    // Scope: (platform or all, period or the window).
    type Scope<'a> = (Option<&'a str>, Option<PeriodKey>);
    let mut set: HashMap<Scope<'_>, (f64, f64)> = HashMap::new();
    let mut all: HashMap<Scope<'_>, f64> = HashMap::new();
    for t in totals {
        let scope = (t.platform.as_deref(), t.period);
        *all.entry(scope).or_default() += t.interactions;
        if t.brand_in_set {
            let e = set.entry(scope).or_default();
            e.0 += t.interactions;
            e.1 += t.mentions;
        }
    }
    for g in groups.iter_mut() {
        let scope = (g.platform.as_deref(), g.period);
        let interactions = g.get("interactions");
        if every
            && let (Some(i), Some(t)) = (interactions, all.get(&scope))
            && *t > 0.0
        {
            g.values.insert("sov_interactions_all".into(), i / t * 100.0);
        }
        if !in_set(&g.brand) {
            continue;
        }
        let Some((ti, tm)) = set.get(&scope).copied() else {
            continue;
        };
        if let Some(i) = interactions
            && ti > 0.0
        {
            g.values.insert("sov_interactions".into(), i / ti * 100.0);
        }
        if let Some(m) = g.get("mentions")
            && tm > 0.0
        {
            g.values.insert("sov_mentions".into(), m / tm * 100.0);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dense_keys_are_consecutive_and_lead_back_to_the_bucket() {
        // 2024-03-15: its month bucket is 2024-03-01, day 19,783 since 1970-01-01 (2024-01-01 is day 19,723,
        // then 31 + 29 days); its month key is 2024 × 12 + 2 = 24,290, and 2024-04-02's is the next one.
        let t = DateTime::from_ymd(2024, 3, 15).unwrap();
        assert_eq!(Grain::Month.key(&t), 24_290);
        assert_eq!(Grain::Month.key(&DateTime::from_ymd(2024, 4, 2).unwrap()), 24_291);
        assert_eq!(Grain::Month.bucket_of_key(24_290), 19_783);
        assert_eq!(Grain::Day.key(&t), 19_783 + 14);
        assert_eq!(Grain::Day.bucket_of_key(19_797), 19_797);
        // December and January either side of a year.
        assert_eq!(
            Grain::Month.bucket_of_key(2023 * 12 + 11),
            Grain::Month.bucket(&DateTime::from_ymd(2023, 12, 9).unwrap())
        );
    }
}
