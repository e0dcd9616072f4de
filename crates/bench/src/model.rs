//! The typed rows ingestion produces: [`Post`] (one a post) and [`AccountRow`] (one an account a date).
//!
//! Every measured value is an `Option<f64>`: `None` means the export did not say, which is never the
//! same as zero.

use serde::{Deserialize, Serialize};

use crate::civil::DateTime;

/// One post of one brand on one platform.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Post {
    /// Brand (page, account, company) that published the post.
    pub brand: String,
    /// Canonical platform id (`facebook`, `x`, `weibo` …; see [`crate::field::normalise_platform`]).
    pub platform: String,
    /// The post's id, when the export has one; duplicates of an id are dropped at ingestion.
    pub post_id: Option<String>,
    /// When the post was published, as written in the export (no time-zone conversion).
    pub time: DateTime,
    /// Post type as written (photo, video, link …), lowercased.
    pub post_type: Option<String>,
    /// Whether the post was promotional or paid.
    pub promotional: Option<bool>,
    /// Followers of the account when the post was made.
    pub followers: Option<f64>,
    /// Impressions.
    pub impressions: Option<f64>,
    /// Reach.
    pub reach: Option<f64>,
    /// Views, plays or reads.
    pub views: Option<f64>,
    /// Likes or reactions.
    pub likes: Option<f64>,
    /// Comments (replies received).
    pub comments: Option<f64>,
    /// Shares, reposts, retweets.
    pub shares: Option<f64>,
    /// Saves, bookmarks.
    pub saves: Option<f64>,
    /// Clicks.
    pub clicks: Option<f64>,
    /// Replies the brand wrote under the post.
    pub brand_replies: Option<f64>,
    /// The export's own engagement total, when it has one (X Analytics: every click counted).
    pub engagements: Option<f64>,
    /// Post text, when the export has it.
    pub text: Option<String>,
    /// The line of the source file where the post's record starts (1 = header).
    pub line: u64,
}

impl Post {
    /// A post with the given identity and no measured values; used by tests and generators.
    pub fn new(brand: impl Into<String>, platform: impl Into<String>, time: DateTime) -> Post {
        Post {
            brand: brand.into(),
            platform: platform.into(),
            post_id: None,
            time,
            post_type: None,
            promotional: None,
            followers: None,
            impressions: None,
            reach: None,
            views: None,
            likes: None,
            comments: None,
            shares: None,
            saves: None,
            clicks: None,
            brand_replies: None,
            engagements: None,
            text: None,
            line: 0,
        }
    }
}

/// One account on one date: followers, posting volume, listening and inbox figures.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AccountRow {
    /// Brand.
    pub brand: String,
    /// Canonical platform id.
    pub platform: String,
    /// The date the row describes.
    pub date: DateTime,
    /// Followers on that date.
    pub followers: Option<f64>,
    /// Posts published (that day or in the row's span).
    pub posts: Option<f64>,
    /// Mentions of the brand.
    pub mentions: Option<f64>,
    /// Positive mentions.
    pub mentions_positive: Option<f64>,
    /// Negative mentions.
    pub mentions_negative: Option<f64>,
    /// Neutral mentions.
    pub mentions_neutral: Option<f64>,
    /// Inbound messages.
    pub messages_in: Option<f64>,
    /// Inbound messages answered.
    pub messages_answered: Option<f64>,
    /// Response time, minutes.
    pub response_minutes: Option<f64>,
    /// Source line.
    pub line: u64,
}
