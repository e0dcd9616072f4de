//! Computed comparisons: the input posts and the per-brand result.

use serde::{Deserialize, Serialize};

use super::LocalText;

/// A comparison a plugin can compute, as listed by the `comparisons` method.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ComparisonInfo {
    /// Id passed back in [`CompareInput::comparison`] (for example `promo_lift`).
    pub id: String,
    /// Short title.
    pub title: LocalText,
    /// What the figure means and how it is computed.
    pub description: LocalText,
    /// Unit of [`CompareRow::value`]; see [`CompareOutput::unit`].
    pub unit: String,
    /// The [`PostRecord`] fields the comparison reads (for example `["promotional", "likes", "comments"]`), so a
    /// caller can say which columns are missing before calling, and sends only those (every field when the list
    /// names no post field).
    ///
    /// Since protocol 2, an entry `message.FIELD` (a [`MessageRecord`] field: `message.text`,
    /// `message.answered`, …) asks for the conversation messages of the compared brands in
    /// [`CompareInput::messages`], with that field. A comparison that names no `message.` entry (every comparison
    /// of a plugin built for protocol 1) receives no messages. Messages written by the brand itself are sent only
    /// when the list names `message.from_brand`; otherwise the customers' messages alone.
    #[serde(default)]
    pub needs: Vec<String>,
}

impl ComparisonInfo {
    /// Builds this comparison's output from its computed `rows`: the output's id, title and unit are this
    /// comparison's, so they always match what the `comparisons` method lists.
    pub fn output(self, method: LocalText, rows: Vec<CompareRow>) -> CompareOutput {
        CompareOutput {
            comparison: self.id,
            title: self.title,
            unit: self.unit,
            method,
            rows,
            counted: None,
        }
    }
}

/// The input of the `compare` method.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct CompareInput {
    /// Id of the comparison to run (one of the plugin's [`ComparisonInfo::id`]s).
    pub comparison: String,
    /// The audited client's brand, as it appears in [`PostRecord::brand`]; its row is flagged
    /// [`CompareRow::client`].
    pub client_brand: String,
    /// The posts of the client and its competitors.
    #[serde(default)]
    pub posts: Vec<PostRecord>,
    /// The conversation messages (comments, mentions, support threads) of the compared brands, with only the
    /// fields the comparison names with `message.` in [`ComparisonInfo::needs`]; empty when it names none, when the run has
    /// no conversation export, or with a host older than protocol 2.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub messages: Vec<MessageRecord>,
    /// Messages of the brand left out of [`CompareInput::messages`] because the request reached its size cap
    /// (see [`MAX_MESSAGE_BYTES`]); a comparison should say so in its note.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub messages_left_out: u64,
}

fn is_zero(n: &u64) -> bool {
    *n == 0
}

/// The cap on the messages' share of one `compare` request, in bytes of JSON: a host stops adding a brand's
/// messages there and counts the rest in [`CompareInput::messages_left_out`]. At about 150 bytes a message with
/// its text cut to [`MESSAGE_TEXT_CHARS`] characters, that is over 400,000 messages a brand and a call.
pub const MAX_MESSAGE_BYTES: usize = 64 << 20;

/// The characters of a message's text a host sends at most (longer texts are cut at a character boundary):
/// enough for a customer's complaint or question, and it bounds the request whatever the export holds.
pub const MESSAGE_TEXT_CHARS: usize = 500;

/// One conversation message from a conversation export, as a plugin receives it (protocol 2).
///
/// Reply matching is the host's: a customer's message carries whether its brand answered it and how fast
/// ([`MessageRecord::answered`], [`MessageRecord::response_minutes`]), by the rules of chuxin's
/// `docs/metrics.md` (the first reply by the message's own brand that answers it directly). A plugin never
/// re-matches replies. Only [`MessageRecord::brand`] and [`MessageRecord::from_brand`] are always present;
/// every other field only when the comparison names it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct MessageRecord {
    /// The brand the message is addressed to (a customer's) or written by (the brand's), after matching.
    pub brand: String,
    /// True for a message written by the brand's own account.
    pub from_brand: bool,
    /// Platform id (`weibo`, `x`, `facebook`, …).
    pub platform: Option<String>,
    /// The message's id in the export.
    pub message_id: Option<String>,
    /// When it was written, ISO 8601.
    pub time: Option<String>,
    /// Its text, cut to [`MESSAGE_TEXT_CHARS`] characters.
    pub text: Option<String>,
    /// For a customer's message: whether its brand replied.
    pub answered: Option<bool>,
    /// For an answered customer's message: minutes from it to the brand's first reply.
    pub response_minutes: Option<f64>,
    /// The export's sentiment (or the lexicon's): 1 positive, −1 negative, 0 neutral.
    pub sentiment: Option<i8>,
}

impl MessageRecord {
    /// What a [`ComparisonInfo::needs`] entry starts with when it names a message field.
    pub const NEED_PREFIX: &'static str = "message.";

    /// The field names a comparison may name (after [`MessageRecord::NEED_PREFIX`]) in its needs.
    pub const FIELDS: [&'static str; 8] = [
        "from_brand",
        "platform",
        "message_id",
        "time",
        "text",
        "answered",
        "response_minutes",
        "sentiment",
    ];
}

/// One post (or comment) from a benchmark export. Every figure is optional: competitor exports often lack reach,
/// impressions or per-post follower counts.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct PostRecord {
    /// Brand the post belongs to (the client or a competitor).
    pub brand: String,
    /// Platform id (`facebook`, `instagram`, `x`, `tiktok`, `weibo`, `wechat`, …).
    pub platform: String,
    /// The platform's post id, or any id unique within the export.
    pub post_id: String,
    /// Publication time, ISO 8601.
    pub time: Option<String>,
    /// Post type as exported (`photo`, `video`, `reel`, `live`, …).
    pub post_type: Option<String>,
    /// Whether the post is promotional (price, offer, launch, call to buy); `None` when not classified.
    pub promotional: Option<bool>,
    /// Followers of the account when the post was published (or when the export was taken).
    pub followers: Option<f64>,
    /// Impressions.
    pub impressions: Option<f64>,
    /// Reach (unique accounts).
    pub reach: Option<f64>,
    /// Video views or plays.
    pub views: Option<f64>,
    /// Likes or reactions.
    pub likes: Option<f64>,
    /// Comments or replies.
    pub comments: Option<f64>,
    /// Shares, reposts or forwards.
    pub shares: Option<f64>,
    /// Saves, bookmarks or favourites.
    pub saves: Option<f64>,
    /// Link clicks.
    pub clicks: Option<f64>,
    /// Replies written by the brand's own account under this post or comment.
    pub brand_replies: Option<f64>,
    /// The post's (or comment's) text.
    pub text: Option<String>,
}

impl PostRecord {
    /// Returns likes + comments + shares, counting a missing figure as 0, or `None` when all three are missing.
    ///
    /// This is the engagement that every platform's export carries; saves and clicks are left out so that posts
    /// from different platforms count the same actions.
    pub fn engagements(&self) -> Option<f64> {
        let parts = [self.likes, self.comments, self.shares];
        if parts.iter().all(Option::is_none) {
            return None;
        }
        Some(parts.iter().map(|p| p.unwrap_or(0.0)).sum())
    }
}

/// The output of the `compare` method: one row per brand.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CompareOutput {
    /// Id of the comparison that was run.
    pub comparison: String,
    /// Title for tables and charts.
    pub title: LocalText,
    /// Unit of the values: `fraction` (a share or a change; display ×100 as a percentage, where `0.25` is 25% or
    /// +25%), `number` or `hours`.
    pub unit: String,
    /// How the figure was computed, for the report's method note.
    pub method: LocalText,
    /// One row per brand, the client first, then competitors by name.
    pub rows: Vec<CompareRow>,
    /// What [`CompareRow::posts`] counts, as a column header (`客訴則數`, `Complaints`), when it is not posts
    /// (since protocol 2; without it a report says "Posts"). Set it with [`CompareOutput::counting`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub counted: Option<LocalText>,
}

impl CompareOutput {
    /// This output, saying that its rows' [`CompareRow::posts`] count `what` (complaints, comments …).
    pub fn counting(mut self, what: LocalText) -> CompareOutput {
        self.counted = Some(what);
        self
    }
}

/// One brand's result in a [`CompareOutput`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CompareRow {
    /// The brand.
    pub brand: String,
    /// The figure, or `None` when the brand's data cannot support it (the note says why).
    pub value: Option<f64>,
    /// How many posts (or comments) the figure rests on.
    pub posts: usize,
    /// True for the client's own row ([`CompareInput::client_brand`]).
    #[serde(default)]
    pub client: bool,
    /// A caveat in English: why the value is missing, or what was left out.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn post_record_fields_are_optional() {
        let post: PostRecord = serde_json::from_str(r#"{"brand":"A","likes":3,"shares":1}"#).unwrap();
        assert_eq!(post.brand, "A");
        assert_eq!(post.engagements(), Some(4.0));
        assert_eq!(PostRecord::default().engagements(), None);
    }

    #[test]
    fn output_takes_the_comparison_id_title_and_unit() {
        let info = ComparisonInfo {
            id: "reply_share".into(),
            title: LocalText::new("回覆率", "回复率", "Reply share"),
            description: LocalText::new("說明", "说明", "About"),
            unit: "fraction".into(),
            needs: vec!["brand_replies".into()],
        };
        let method = LocalText::new("方法", "方法", "Method");
        let out = info.clone().output(method.clone(), Vec::new());
        assert_eq!(
            out,
            CompareOutput {
                comparison: info.id,
                title: info.title,
                unit: info.unit,
                method,
                rows: Vec::new(),
                counted: None,
            }
        );
    }

    #[test]
    fn a_protocol_1_input_reads_as_a_protocol_2_input_without_messages() {
        // What a plugin built against protocol 1 lists, and what a protocol-1 host sends: no `messages`.
        let input: CompareInput = serde_json::from_str(r#"{"comparison":"x","client_brand":"A","posts":[]}"#).unwrap();
        assert_eq!((input.messages.len(), input.messages_left_out), (0, 0));
        // And a protocol-2 input without messages is byte for byte a protocol-1 input.
        let json = serde_json::to_string(&CompareInput {
            comparison: "x".into(),
            client_brand: "A".into(),
            ..CompareInput::default()
        })
        .unwrap();
        assert_eq!(json, r#"{"comparison":"x","client_brand":"A","posts":[]}"#);
        let record: MessageRecord = serde_json::from_str(r#"{"brand":"A","text":"退款","answered":false}"#).unwrap();
        assert_eq!(
            (record.from_brand, record.answered, record.response_minutes),
            (false, Some(false), None)
        );
    }

    #[test]
    fn unknown_fields_are_ignored() {
        let input: CompareInput =
            serde_json::from_str(r#"{"comparison":"x","client_brand":"A","posts":[],"future":1}"#).unwrap();
        assert_eq!(input.comparison, "x");
    }
}
