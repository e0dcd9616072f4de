//! The metric registry: the one place where each metric's id, names (繁體, 简体, English), formula,
//! actions counted, denominator, aggregation, unit, direction and sources are written down.
//!
//! `docs/metrics.md` holds the text [`markdown`] renders from this registry, between two marker
//! comments; an integration test fails when the two drift apart (set `CHUXIN_BLESS=1` to rewrite it).

use std::fmt::Write as _;

use serde::{Deserialize, Serialize};

/// A counted action.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    /// Likes or reactions (Facebook reactions include Like, Love, Haha …).
    Likes,
    /// Comments or replies received.
    Comments,
    /// Shares, reposts, retweets, forwards (转发).
    Shares,
    /// Saves, bookmarks, favourites (收藏).
    Saves,
    /// Clicks.
    Clicks,
}

impl Action {
    /// The field name.
    pub fn name(self) -> &'static str {
        match self {
            Action::Likes => "likes",
            Action::Comments => "comments",
            Action::Shares => "shares",
            Action::Saves => "saves",
            Action::Clicks => "clicks",
        }
    }
}

/// The actions counted as interactions on one platform, and who counts them so.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct ActionSet {
    /// Canonical platform id; `*` for every platform not listed.
    pub platform: &'static str,
    /// The actions summed.
    pub actions: &'static [Action],
    /// Where the definition comes from.
    pub source: &'static str,
}

/// Interactions counted per platform. Exports rarely carry quotes or bookmarks, so X counts likes,
/// replies and reposts (Hootsuite Analytics' set).
pub const ACTIONS: &[ActionSet] = &[
    ActionSet {
        platform: "facebook",
        actions: &[Action::Likes, Action::Comments, Action::Shares],
        source: "Socialinsider (howto.socialinsider.io/en/articles/9329376); Talkwalker / Hootsuite Listening the same (help.hootsuite.com/hc/en-us/articles/26641164995355-About-metrics-calculation-in-Listening)",
    },
    ActionSet {
        platform: "instagram",
        actions: &[Action::Likes, Action::Comments],
        source: "Socialinsider, no saves: the API hides them for others' accounts (howto.socialinsider.io/en/articles/9329376)",
    },
    ActionSet {
        platform: "x",
        actions: &[Action::Likes, Action::Comments, Action::Shares],
        source: "Hootsuite Analytics: retweets + replies + likes (help.hootsuite.com/hc/en-us/articles/1260804306809-Metrics-in-Analytics)",
    },
    ActionSet {
        platform: "linkedin",
        actions: &[Action::Likes, Action::Comments, Action::Shares, Action::Clicks],
        source: "Socialinsider (howto.socialinsider.io/en/articles/9329376)",
    },
    ActionSet {
        platform: "youtube",
        actions: &[Action::Likes, Action::Comments],
        source: "Socialinsider; Talkwalker the same (howto.socialinsider.io/en/articles/9329376)",
    },
    ActionSet {
        platform: "tiktok",
        actions: &[Action::Likes, Action::Comments, Action::Shares, Action::Saves],
        source: "Socialinsider (howto.socialinsider.io/en/articles/9329376)",
    },
    ActionSet {
        platform: "douyin",
        actions: &[Action::Likes, Action::Comments, Action::Shares, Action::Saves],
        source: "the four Douyin rates 点赞率/评论率/转发率/收藏率 (520zimeiti.cn/?p=29786)",
    },
    ActionSet {
        platform: "weibo",
        actions: &[Action::Shares, Action::Comments, Action::Likes],
        source: "the inputs of the Weibo BCI: reposts, comments, likes (zjip.org.cn/home/announce/trends/75574)",
    },
    ActionSet {
        platform: "wechat",
        actions: &[Action::Likes, Action::Shares],
        source: "the interaction inputs of gsdata's WCI V14.2 with forwards: likes and forwards (在看 has no field) (stevekatra.com/site/usage-1)",
    },
    ActionSet {
        platform: "*",
        actions: &[Action::Likes, Action::Comments, Action::Shares],
        source: "Rival IQ's benchmark sums likes, comments, shares, reactions, retweets, favorites (help.rivaliq.com/en/articles/457833-what-are-amplification-applause-and-conversation)",
    },
];

/// The actions counted as interactions on `platform`.
pub fn actions_for(platform: &str) -> &'static ActionSet {
    ACTIONS
        .iter()
        .find(|a| a.platform == platform)
        .unwrap_or(&ACTIONS[ACTIONS.len() - 1])
}

/// The unit a metric's value is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Unit {
    /// A count.
    Count,
    /// A percentage, 0–100 (ER 0.06 means 0.06 %).
    Percent,
    /// A fraction, 0–1.
    Fraction,
    /// A ratio around zero (−0.3 = 30 % lower).
    Ratio,
    /// Posts per week.
    PerWeek,
    /// Minutes.
    Minutes,
    /// Per post.
    PerPost,
    /// Per 1,000 followers.
    PerThousandFollowers,
}

impl Unit {
    /// A short label.
    pub fn label(self) -> &'static str {
        match self {
            Unit::Count => "count",
            Unit::Percent => "%",
            Unit::Fraction => "0–1",
            Unit::Ratio => "ratio",
            Unit::PerWeek => "per week",
            Unit::Minutes => "minutes",
            Unit::PerPost => "per post",
            Unit::PerThousandFollowers => "per 1,000 followers",
        }
    }
}

/// Which direction is good for a metric, for ranking.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Better {
    /// Higher is better.
    Higher,
    /// Lower is better.
    Lower,
    /// Neither (ranked high to low, without a judgement).
    Neither,
}

/// One metric's definition.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct MetricDef {
    /// Stable id, the key in [`crate::metrics::GroupMetrics::values`].
    pub id: &'static str,
    /// Name in Traditional Chinese.
    pub zh_hant: &'static str,
    /// Name in Simplified Chinese.
    pub zh_hans: &'static str,
    /// Name in English.
    pub en: &'static str,
    /// The formula.
    pub formula: &'static str,
    /// The actions counted (numerator).
    pub actions: &'static str,
    /// The denominator, in the words reference rows use (`followers`, `reach`, `impressions`, `views` …).
    pub denominator: &'static str,
    /// How posts are combined in a group.
    pub aggregation: &'static str,
    /// Unit of the value.
    pub unit: Unit,
    /// Direction for ranking.
    pub better: Better,
    /// Columns the metric needs.
    pub requires: &'static str,
    /// Sources of the definition.
    pub sources: &'static [&'static str],
    /// How industry reference rows for this metric are recognised, if any are comparable.
    pub reference: Option<ReferenceKey>,
}

/// How reference rows (published benchmarks) line up with a metric: a row matches only when its
/// `metric` and `denominator` are these and its platform is the compared one.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct ReferenceKey {
    /// The reference rows' metric id (`er_followers_per_post`).
    pub metric: &'static str,
    /// The reference rows' denominator (`followers`).
    pub denominator: &'static str,
    /// Factor from a reference value to this metric's unit (rows store rates as fractions: ×100).
    pub scale: f64,
}

/// The metric registry.
pub const METRICS: &[MetricDef] = &[
    MetricDef {
        id: "posts",
        zh_hant: "貼文數",
        zh_hans: "发帖数",
        en: "Posts",
        formula: "number of posts (each post id once)",
        actions: "—",
        denominator: "none",
        aggregation: "count",
        unit: Unit::Count,
        better: Better::Neither,
        requires: "one row per post",
        sources: &[
            "help.rivaliq.com/en/articles/4352461-how-do-you-calculate-competitor-average-landscape-average-and-post-average",
        ],
        reference: None,
    },
    MetricDef {
        id: "interactions",
        zh_hant: "互動量",
        zh_hans: "互动量",
        en: "Interactions",
        formula: "Σ over posts of the platform's counted actions",
        actions: "per platform: see the interactions table",
        denominator: "none",
        aggregation: "sum over posts; a post whose counted actions are all missing adds nothing",
        unit: Unit::Count,
        better: Better::Higher,
        requires: "likes / comments / shares (saves, clicks where counted)",
        sources: &[
            "howto.socialinsider.io/en/articles/9329376",
            "help.hootsuite.com/hc/en-us/articles/1260804306809-Metrics-in-Analytics",
        ],
        reference: None,
    },
    MetricDef {
        id: "interactions_per_post",
        zh_hant: "篇均互動",
        zh_hans: "篇均互动",
        en: "Interactions per post",
        formula: "interactions ÷ posts with interactions",
        actions: "per platform: see the interactions table",
        denominator: "posts",
        aggregation: "mean over posts",
        unit: Unit::PerPost,
        better: Better::Higher,
        requires: "likes / comments / shares",
        sources: &[
            "help.rivaliq.com/en/articles/4352461-how-do-you-calculate-competitor-average-landscape-average-and-post-average",
        ],
        reference: None,
    },
    MetricDef {
        id: "er_followers",
        zh_hant: "互動率（粉絲）",
        zh_hans: "互动率（粉丝）",
        en: "Engagement rate by followers, per post",
        formula: "mean over posts of interactions ÷ followers × 100 (= engagements ÷ followers ÷ posts × 100 when followers are constant)",
        actions: "per platform: see the interactions table",
        denominator: "followers",
        aggregation: "mean over posts with followers known (at posting, else the latest account row on or before the post's date)",
        unit: Unit::Percent,
        better: Better::Higher,
        requires: "followers (per post or from account rows), interactions",
        sources: &[
            "rivaliq.com/blog/2019-social-media-benchmark-report/",
            "rivaliq.com/blog/good-engagement-rate-facebook/",
        ],
        reference: Some(ReferenceKey {
            metric: "er_followers_per_post",
            denominator: "followers",
            scale: 100.0,
        }),
    },
    MetricDef {
        id: "er_reach",
        zh_hant: "互動率（觸達）",
        zh_hans: "互动率（触达）",
        en: "Engagement rate by reach (ERR)",
        formula: "mean over posts of interactions ÷ reach × 100 (ΣERR ÷ posts)",
        actions: "per platform: see the interactions table",
        denominator: "reach",
        aggregation: "mean over posts with reach > 0",
        unit: Unit::Percent,
        better: Better::Higher,
        requires: "reach, interactions",
        sources: &[
            "it-benchmarking-journal.com/2019/05/how-good-is-your-social-media-engagement-rate-6-ways-to-find-out/",
        ],
        reference: Some(ReferenceKey {
            metric: "er_reach",
            denominator: "reach",
            scale: 100.0,
        }),
    },
    MetricDef {
        id: "er_impressions",
        zh_hant: "互動率（曝光）",
        zh_hans: "互动率（曝光）",
        en: "Engagement rate by impressions",
        formula: "mean over posts of engagements ÷ impressions × 100, where engagements are the export's own total when it has one (X Analytics counts every click), else interactions",
        actions: "the export's engagements column when present, else per platform (interactions table)",
        denominator: "impressions",
        aggregation: "mean over posts with impressions > 0",
        unit: Unit::Percent,
        better: Better::Higher,
        requires: "impressions, and engagements or interactions",
        sources: &[
            "buffer.com/social-media-terms/engagement-rate",
            "it-benchmarking-journal.com/2019/05/how-good-is-your-social-media-engagement-rate-6-ways-to-find-out/",
        ],
        reference: Some(ReferenceKey {
            metric: "er_impressions",
            denominator: "impressions",
            scale: 100.0,
        }),
    },
    MetricDef {
        id: "er_views",
        zh_hant: "互動率（播放）",
        zh_hans: "互动率（播放）",
        en: "Engagement rate by views",
        formula: "mean over posts of interactions ÷ views × 100",
        actions: "per platform: see the interactions table",
        denominator: "views",
        aggregation: "mean over posts with views > 0",
        unit: Unit::Percent,
        better: Better::Higher,
        requires: "views (plays, reads), interactions",
        sources: &[
            "en.polis.consulting/2023/04/11/ (Socialinsider: TikTok 4.25% by followers = 5.10% by views)",
            "520zimeiti.cn/?p=29786",
        ],
        reference: Some(ReferenceKey {
            metric: "er_views",
            denominator: "views",
            scale: 100.0,
        }),
    },
    MetricDef {
        id: "posts_per_week",
        zh_hant: "每週發文",
        zh_hans: "每周发帖",
        en: "Posts per week",
        formula: "posts ÷ (days covered ÷ 7); days covered = the period ∩ the data window (first to last post of all brands)",
        actions: "—",
        denominator: "week",
        aggregation: "count over the window",
        unit: Unit::PerWeek,
        better: Better::Neither,
        requires: "post dates",
        sources: &["wishu.io/rival-iqs-social-media-report-top-highlights-we-read-it-so-you-dont-have-to/"],
        reference: Some(ReferenceKey {
            metric: "posts_per_week",
            denominator: "week",
            scale: 1.0,
        }),
    },
    MetricDef {
        id: "followers",
        zh_hant: "粉絲數",
        zh_hans: "粉丝数",
        en: "Followers",
        formula: "the latest follower count in the group (account rows, else posts' followers); summed over platforms",
        actions: "—",
        denominator: "none",
        aggregation: "latest by date",
        unit: Unit::Count,
        better: Better::Higher,
        requires: "followers per post or account rows",
        sources: &["databox.com/kpi-examples/audience-growth-rate"],
        reference: None,
    },
    MetricDef {
        id: "follower_growth_rate",
        zh_hant: "粉絲增長率",
        zh_hans: "粉丝增长率",
        en: "Follower growth rate",
        formula: "(followers at the end − followers at the start) ÷ followers at the start × 100",
        actions: "—",
        denominator: "starting followers",
        aggregation: "first and last follower count in the group by date (account rows, else posts' followers); summed over platforms",
        unit: Unit::Percent,
        better: Better::Higher,
        requires: "followers on two or more dates",
        sources: &[
            "databox.com/kpi-examples/audience-growth-rate",
            "woopsocial.com/glossary/audience-growth-rate",
        ],
        reference: None,
    },
    MetricDef {
        id: "net_new_followers",
        zh_hant: "淨增粉絲",
        zh_hans: "净增粉丝",
        en: "Net new followers",
        formula: "followers at the end − followers at the start",
        actions: "—",
        denominator: "none",
        aggregation: "as follower_growth_rate",
        unit: Unit::Count,
        better: Better::Higher,
        requires: "followers on two or more dates",
        sources: &["help.hootsuite.com/hc/en-us/articles/1260804306809-Metrics-in-Analytics (Sprout: Net Fan Growth)"],
        reference: None,
    },
    MetricDef {
        id: "conversation_per_post",
        zh_hant: "對話率（篇均）",
        zh_hans: "对话率（篇均）",
        en: "Conversation rate, per post",
        formula: "comments ÷ posts",
        actions: "comments",
        denominator: "posts",
        aggregation: "mean over posts with comments known",
        unit: Unit::PerPost,
        better: Better::Higher,
        requires: "comments",
        sources: &[
            "kaushik.net/avinash/best-social-media-metrics-conversation-amplification-applause-economic-value/",
            "truesocialmetrics.com/university/metric-introduction",
        ],
        reference: None,
    },
    MetricDef {
        id: "conversation_per_1k_followers",
        zh_hant: "對話率（每千粉絲）",
        zh_hans: "对话率（每千粉丝）",
        en: "Conversation rate, per 1,000 followers",
        formula: "mean over posts of comments ÷ followers × 1,000",
        actions: "comments",
        denominator: "followers",
        aggregation: "mean over posts with comments and followers known",
        unit: Unit::PerThousandFollowers,
        better: Better::Higher,
        requires: "comments, followers",
        sources: &["truesocialmetrics.com/university/metric-introduction"],
        reference: None,
    },
    MetricDef {
        id: "amplification_per_post",
        zh_hant: "擴散率（篇均）",
        zh_hans: "扩散率（篇均）",
        en: "Amplification rate, per post",
        formula: "shares ÷ posts",
        actions: "shares",
        denominator: "posts",
        aggregation: "mean over posts with shares known",
        unit: Unit::PerPost,
        better: Better::Higher,
        requires: "shares",
        sources: &[
            "kaushik.net/avinash/best-social-media-metrics-conversation-amplification-applause-economic-value/",
            "truesocialmetrics.com/university/metric-introduction",
        ],
        reference: None,
    },
    MetricDef {
        id: "amplification_per_1k_followers",
        zh_hant: "擴散率（每千粉絲）",
        zh_hans: "扩散率（每千粉丝）",
        en: "Amplification rate, per 1,000 followers",
        formula: "mean over posts of shares ÷ followers × 1,000",
        actions: "shares",
        denominator: "followers",
        aggregation: "mean over posts with shares and followers known",
        unit: Unit::PerThousandFollowers,
        better: Better::Higher,
        requires: "shares, followers",
        sources: &[
            "truesocialmetrics.com/university/metric-introduction",
            "academy.hsmai.org/glossary/amplification-rate/",
        ],
        reference: None,
    },
    MetricDef {
        id: "applause_per_post",
        zh_hant: "讚賞率（篇均）",
        zh_hans: "赞赏率（篇均）",
        en: "Applause rate, per post",
        formula: "likes ÷ posts",
        actions: "likes",
        denominator: "posts",
        aggregation: "mean over posts with likes known",
        unit: Unit::PerPost,
        better: Better::Higher,
        requires: "likes",
        sources: &[
            "kaushik.net/avinash/best-social-media-metrics-conversation-amplification-applause-economic-value/",
            "truesocialmetrics.com/university/metric-introduction",
        ],
        reference: None,
    },
    MetricDef {
        id: "applause_per_1k_followers",
        zh_hant: "讚賞率（每千粉絲）",
        zh_hans: "赞赏率（每千粉丝）",
        en: "Applause rate, per 1,000 followers",
        formula: "mean over posts of likes ÷ followers × 1,000",
        actions: "likes",
        denominator: "followers",
        aggregation: "mean over posts with likes and followers known",
        unit: Unit::PerThousandFollowers,
        better: Better::Higher,
        requires: "likes, followers",
        sources: &["truesocialmetrics.com/university/metric-introduction"],
        reference: None,
    },
    MetricDef {
        id: "virality_rate",
        zh_hant: "病毒率（曝光）",
        zh_hans: "病毒率（曝光）",
        en: "Virality rate by impressions",
        formula: "mean over posts of shares ÷ impressions × 100",
        actions: "shares",
        denominator: "impressions",
        aggregation: "mean over posts with shares known and impressions > 0",
        unit: Unit::Percent,
        better: Better::Higher,
        requires: "shares, impressions",
        sources: &[
            "socialk.it/en/blog/virality-rate-and-amplification-explained",
            "bizway.io/kpi/virality-rate",
        ],
        reference: None,
    },
    MetricDef {
        id: "virality_rate_reach",
        zh_hant: "病毒率（觸達）",
        zh_hans: "病毒率（触达）",
        en: "Virality rate by reach",
        formula: "mean over posts of shares ÷ reach × 100",
        actions: "shares",
        denominator: "reach",
        aggregation: "mean over posts with shares known and reach > 0",
        unit: Unit::Percent,
        better: Better::Higher,
        requires: "shares, reach",
        sources: &[
            "socialk.it/en/blog/virality-rate-and-amplification-explained",
            "bizway.io/kpi/virality-rate",
        ],
        reference: None,
    },
    MetricDef {
        id: "click_through_rate",
        zh_hant: "點擊率",
        zh_hans: "点击率",
        en: "Click-through rate",
        formula: "Σ clicks ÷ Σ impressions × 100",
        actions: "clicks",
        denominator: "impressions",
        aggregation: "ratio of sums over posts with both known",
        unit: Unit::Percent,
        better: Better::Higher,
        requires: "clicks, impressions",
        sources: &["bookmark.freeflarum.com/d/3495- (re-post)"],
        reference: None,
    },
    MetricDef {
        id: "sov_interactions",
        zh_hant: "互動量份額",
        zh_hans: "互动量份额",
        en: "Share of voice, of interactions",
        formula: "brand interactions ÷ interactions of the compared brands (the client and its competitors) × 100, on the same platform(s) and period",
        actions: "per platform: see the interactions table",
        denominator: "set total",
        aggregation: "sum over posts",
        unit: Unit::Percent,
        better: Better::Higher,
        requires: "interactions of the client and its competitors",
        sources: &[
            "open.datastory.com.cn/document/docs/8548",
            "intercom.help/mentionlytics/en/articles/985265-share-of-voice-analytics",
        ],
        reference: None,
    },
    MetricDef {
        id: "sov_interactions_all",
        zh_hant: "全體互動量份額",
        zh_hans: "全体互动量份额",
        en: "Share of voice among every brand in the files",
        formula: "brand interactions ÷ interactions of every brand in the files × 100, on the same platform(s) and period; computed when every brand was read (`chuxin aggregate`, `chuxin bench --all-brands`)",
        actions: "per platform: see the interactions table",
        denominator: "total of every brand",
        aggregation: "sum over posts",
        unit: Unit::Percent,
        better: Better::Higher,
        requires: "interactions of every brand in the exports",
        sources: &[
            "open.datastory.com.cn/document/docs/8548",
            "intercom.help/mentionlytics/en/articles/985265-share-of-voice-analytics",
        ],
        reference: None,
    },
    MetricDef {
        id: "sov_mentions",
        zh_hant: "聲量份額",
        zh_hans: "声量份额",
        en: "Share of voice, of mentions",
        formula: "brand mentions ÷ mentions of every brand in the set × 100 (mentions = positive + negative + neutral when no total is given)",
        actions: "mentions",
        denominator: "set total",
        aggregation: "sum over account rows",
        unit: Unit::Percent,
        better: Better::Higher,
        requires: "account rows with mentions",
        sources: &[
            "mention.com/en/share-of-voice-calculator/",
            "kpiexamples.operately.com/marketing/share-of-voice",
            "open.datastory.com.cn/document/docs/7019",
        ],
        reference: None,
    },
    MetricDef {
        id: "mentions",
        zh_hant: "提及量",
        zh_hans: "提及量",
        en: "Mentions",
        formula: "Σ mentions (positive + negative + neutral when no total is given); without account rows, the inbound messages of conversation exports",
        actions: "mentions",
        denominator: "none",
        aggregation: "sum over account rows, else count of inbound messages",
        unit: Unit::Count,
        better: Better::Higher,
        requires: "account rows with mentions, or a conversation export",
        sources: &["mention.com/en/share-of-voice-calculator/"],
        reference: None,
    },
    MetricDef {
        id: "channels",
        zh_hant: "經營平台數",
        zh_hans: "经营平台数",
        en: "Platforms used",
        formula: "number of platforms with at least one post",
        actions: "—",
        denominator: "none",
        aggregation: "count (all-platform groups only)",
        unit: Unit::Count,
        better: Better::Higher,
        requires: "posts on named platforms",
        sources: &["[inference] domain-reference.md §9, sin 7: fewer channels than competitors"],
        reference: None,
    },
    MetricDef {
        id: "response_rate",
        zh_hant: "回覆率",
        zh_hans: "回复率",
        en: "Response rate",
        formula: "inbound messages the brand answered ÷ inbound messages × 100 (conversation exports; else account rows' answered ÷ inbound)",
        actions: "answered messages",
        denominator: "messages",
        aggregation: "ratio of counts over conversation messages, else of sums over account rows",
        unit: Unit::Percent,
        better: Better::Higher,
        requires: "a conversation export, or account rows with inbound and answered messages",
        sources: &["help.reputation.com/knowledgebase/inbox-metrics/"],
        reference: Some(ReferenceKey {
            metric: "response_rate",
            denominator: "messages",
            scale: 100.0,
        }),
    },
    MetricDef {
        id: "median_response_minutes",
        zh_hant: "回覆時間中位數",
        zh_hans: "回复时间中位数",
        en: "Median response time",
        formula: "median, over answered inbound messages, of the minutes from the message to the brand's first reply (conversation exports; else the median of the account rows' response minutes)",
        actions: "—",
        denominator: "none",
        aggregation: "median over answered messages, else over account rows",
        unit: Unit::Minutes,
        better: Better::Lower,
        requires: "a conversation export, or account rows with response minutes",
        sources: &[
            "support.sproutsocial.com/hc/en-us/articles/208762436-Team-Report",
            "support.agorapulse.com/en/articles/10728067",
        ],
        reference: Some(ReferenceKey {
            metric: "response_time_hours",
            denominator: "none",
            scale: 60.0,
        }),
    },
    MetricDef {
        id: "net_sentiment",
        zh_hant: "淨情感值",
        zh_hans: "情感净值",
        en: "Net sentiment",
        formula: "(positive − negative) ÷ (positive + negative) × 100; neutral excluded; customers' messages in conversation exports, by the export's sentiment column or, without one, by the sentiment lexicon (data/vocabulary/sentiment.toml); else account rows",
        actions: "positive and negative mentions",
        denominator: "positive + negative mentions",
        aggregation: "ratio of counts over inbound messages, else of sums over account rows",
        unit: Unit::Percent,
        better: Better::Higher,
        requires: "a conversation export with a sentiment column, or account rows with positive and negative mentions",
        sources: &[
            "developer.talkwalker.com/guides/use-histogram-api/sentiment",
            "open.datastory.com.cn/document/docs/8548",
        ],
        reference: None,
    },
    MetricDef {
        id: "inbound_messages",
        zh_hant: "粉絲來訊數",
        zh_hans: "粉丝来信数",
        en: "Inbound messages",
        formula: "messages customers wrote to the brand (comments, mentions, replies to the brand), counted once by message id",
        actions: "inbound messages",
        denominator: "none",
        aggregation: "count over conversation messages",
        unit: Unit::Count,
        better: Better::Higher,
        requires: "a conversation export",
        sources: &["help.reputation.com/knowledgebase/inbox-metrics/"],
        reference: None,
    },
    MetricDef {
        id: "unanswered_messages",
        zh_hant: "未回覆來訊數",
        zh_hans: "未回复来信数",
        en: "Unanswered messages",
        formula: "inbound messages with no reply from the brand in the data",
        actions: "inbound messages",
        denominator: "none",
        aggregation: "count over conversation messages",
        unit: Unit::Count,
        better: Better::Lower,
        requires: "a conversation export",
        sources: &["help.reputation.com/knowledgebase/inbox-metrics/"],
        reference: None,
    },
    MetricDef {
        id: "p90_response_minutes",
        zh_hant: "回覆時間第 90 百分位",
        zh_hans: "回复时间第 90 百分位",
        en: "Response time, 90th percentile",
        formula: "90th percentile, over answered inbound messages, of the minutes to the brand's first reply (linear interpolation, as Excel's PERCENTILE.INC)",
        actions: "—",
        denominator: "none",
        aggregation: "percentile over answered messages",
        unit: Unit::Minutes,
        better: Better::Lower,
        requires: "a conversation export",
        sources: &["support.sproutsocial.com/hc/en-us/articles/208762436-Team-Report"],
        reference: None,
    },
    MetricDef {
        id: "answered_within_1h",
        zh_hant: "1 小時內回覆率",
        zh_hans: "1 小时内回复率",
        en: "Answered within 1 hour",
        formula: "inbound messages whose first brand reply came within 60 minutes ÷ inbound messages × 100",
        actions: "answered messages",
        denominator: "messages",
        aggregation: "ratio of counts over conversation messages",
        unit: Unit::Percent,
        better: Better::Higher,
        requires: "a conversation export",
        sources: &["support.sproutsocial.com/hc/en-us/articles/208762436-Team-Report"],
        reference: None,
    },
    MetricDef {
        id: "answered_within_4h",
        zh_hant: "4 小時內回覆率",
        zh_hans: "4 小时内回复率",
        en: "Answered within 4 hours",
        formula: "inbound messages whose first brand reply came within 4 hours ÷ inbound messages × 100",
        actions: "answered messages",
        denominator: "messages",
        aggregation: "ratio of counts over conversation messages",
        unit: Unit::Percent,
        better: Better::Higher,
        requires: "a conversation export",
        sources: &["support.sproutsocial.com/hc/en-us/articles/208762436-Team-Report"],
        reference: None,
    },
    MetricDef {
        id: "answered_within_24h",
        zh_hant: "24 小時內回覆率",
        zh_hans: "24 小时内回复率",
        en: "Answered within 24 hours",
        formula: "inbound messages whose first brand reply came within 24 hours ÷ inbound messages × 100",
        actions: "answered messages",
        denominator: "messages",
        aggregation: "ratio of counts over conversation messages",
        unit: Unit::Percent,
        better: Better::Higher,
        requires: "a conversation export",
        sources: &["support.sproutsocial.com/hc/en-us/articles/208762436-Team-Report"],
        reference: None,
    },
    MetricDef {
        id: "brand_messages",
        zh_hant: "品牌回覆與發言數",
        zh_hans: "品牌回复与发言数",
        en: "Brand messages",
        formula: "messages the brand wrote in the conversations (its replies and its own comments)",
        actions: "brand messages",
        denominator: "none",
        aggregation: "count over conversation messages",
        unit: Unit::Count,
        better: Better::Higher,
        requires: "a conversation export",
        sources: &["help.reputation.com/knowledgebase/inbox-metrics/"],
        reference: None,
    },
    MetricDef {
        id: "channel_hhi",
        zh_hant: "渠道集中度",
        zh_hans: "渠道集中度",
        en: "Channel concentration (HHI)",
        formula: "Σ over platforms of (platform's posts ÷ all posts)²; 1 = one platform only",
        actions: "—",
        denominator: "posts on all platforms",
        aggregation: "over the brand's posts on all platforms (all-platform groups only)",
        unit: Unit::Fraction,
        better: Better::Lower,
        requires: "posts on named platforms",
        sources: &["[inference] the Herfindahl–Hirschman index applied to post counts (domain-reference.md §9, sin 7)"],
        reference: None,
    },
    MetricDef {
        id: "promo_share",
        zh_hant: "推廣貼文占比",
        zh_hans: "推广帖子占比",
        en: "Promotional share",
        formula: "promotional or paid posts ÷ posts whose flag is known",
        actions: "—",
        denominator: "posts with a known promotional flag",
        aggregation: "count",
        unit: Unit::Fraction,
        better: Better::Lower,
        requires: "a promotional / paid column",
        sources: &[
            "[inference] domain-reference.md §9, sin 2; upwave.com/presspost/the-q2-2016-sprout-social-index-sprout-social-2 (23 promotional posts per reply)",
        ],
        reference: None,
    },
    MetricDef {
        id: "promo_engagement_gap",
        zh_hant: "推廣互動落差",
        zh_hans: "推广互动落差",
        en: "Promotional vs organic engagement gap",
        formula: "mean ER of promotional posts ÷ mean ER of organic posts − 1, with ER the first of er_followers, er_reach, er_impressions, er_views, interactions_per_post known on both sides",
        actions: "per platform: see the interactions table",
        denominator: "organic posts' mean ER",
        aggregation: "mean over posts on each side",
        unit: Unit::Ratio,
        better: Better::Higher,
        requires: "a promotional column and an ER",
        sources: &["[inference] domain-reference.md §9, sins 2 and 5"],
        reference: None,
    },
    MetricDef {
        id: "brand_reply_ratio",
        zh_hant: "品牌回覆比",
        zh_hans: "品牌回复比",
        en: "Brand reply ratio",
        formula: "Σ brand replies ÷ Σ comments, over posts where both are known",
        actions: "brand replies",
        denominator: "comments",
        aggregation: "ratio of sums",
        unit: Unit::Fraction,
        better: Better::Higher,
        requires: "brand replies, comments",
        sources: &[
            "[inference] domain-reference.md §5: without inbox data, the share of public comments with a brand reply",
        ],
        reference: None,
    },
];

/// The definition of metric `id`.
pub fn metric(id: &str) -> Option<&'static MetricDef> {
    METRICS.iter().find(|m| m.id == id)
}

/// Marker that opens the generated part of `docs/metrics.md`.
pub const BEGIN_MARKER: &str = "<!-- BEGIN GENERATED: chuxin_bench::metrics::registry::markdown -->";
/// Marker that closes it.
pub const END_MARKER: &str = "<!-- END GENERATED -->";

/// Renders the registry (interactions table, then one section a metric) as Markdown.
pub fn markdown() -> String {
    let mut out = String::new();
    out.push_str(
        "## Interactions: actions counted per platform\n\n| platform | actions summed | source |\n|---|---|---|\n",
    );
    for a in ACTIONS {
        let names: Vec<_> = a.actions.iter().map(|x| x.name()).collect();
        let platform = if a.platform == "*" { "any other" } else { a.platform };
        let _ = writeln!(out, "| {} | {} | {} |", platform, names.join(" + "), a.source);
    }
    out.push_str("\n## Metrics\n");
    for m in METRICS {
        let _ = write!(
            out,
            "\n### `{}`: {} · {} · {}\n\n- **Formula:** {}\n- **Actions counted:** {}\n- **Denominator:** {}\n- **Aggregation:** {}\n- **Unit:** {}; **better:** {}\n- **Needs:** {}\n- **Sources:** {}\n",
            m.id,
            m.en,
            m.zh_hant,
            m.zh_hans,
            m.formula,
            m.actions,
            m.denominator,
            m.aggregation,
            m.unit.label(),
            match m.better {
                Better::Higher => "higher",
                Better::Lower => "lower",
                Better::Neither => "neither (ranked high to low)",
            },
            m.requires,
            m.sources.join(" ; "),
        );
        if let Some(r) = m.reference {
            let _ = writeln!(
                out,
                "- **Reference rows:** metric `{}`, denominator `{}`, same platform; value × {} = this unit",
                r.metric, r.denominator, r.scale
            );
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_unique_and_named() {
        let mut ids: Vec<_> = METRICS.iter().map(|m| m.id).collect();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), METRICS.len());
        for m in METRICS {
            assert!(!m.zh_hant.is_empty() && !m.zh_hans.is_empty() && !m.en.is_empty() && !m.sources.is_empty());
        }
        assert_eq!(actions_for("mastodon").platform, "*");
        assert_eq!(actions_for("instagram").actions, &[Action::Likes, Action::Comments]);
    }
}
