//! The fields chuxin reads from exports, the header names that mean each of them (English, Traditional
//! and Simplified Chinese), and platform names.
//!
//! The names are data, not code: `data/vocabulary/headers.toml` (compiled in) lists, for each field, the
//! headers that mean it, best first (`[fields.likes] names = ["likes", "reactions", …, "点赞量", …]`),
//! the names of each platform (`[platforms.weibo] names = ["weibo", "微博", …]`), and headers seen in
//! real exports that are deliberately left unmapped (rates, net changes). It is parsed once, on first
//! use, into hash maps; a unit test parses it, so a malformed file fails the tests rather than the
//! program. `docs/vocabulary.md` says how to add a name.
//!
//! Header recognition normalises a header (lowercase ASCII, trimmed, `_`/`-` and runs of spaces made
//! one space, brackets and colons dropped; see [`normalise_header`]) and looks it up among the
//! normalised names of the file; a header with a bracketed unit is tried again without it. When
//! several columns name the same field, the one whose name comes first in the field's list wins (its
//! rank, from [`recognise`]), so `num_reactions` beats `num_likes`. Headers that are not recognised but
//! look like measures can be told apart with [`looks_like_metric`].

use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::sync::LazyLock;

use serde::{Deserialize, Serialize};

/// A field of a post or account row, as a mapping profile names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Field {
    /// The brand (company, page, account) the row belongs to.
    Brand,
    /// The platform (facebook, weibo, …).
    Platform,
    /// The post's id in the platform.
    PostId,
    /// Date and time of the post, or the date of an account row.
    Time,
    /// Year of the post, when the export splits the date into columns.
    Year,
    /// Month of the post (1–12), when split.
    Month,
    /// Day of month, when split.
    Day,
    /// Hour of day, when split.
    Hour,
    /// Post type (photo, video, link, status …).
    PostType,
    /// Whether the post was promotional or paid.
    Promotional,
    /// Followers: at posting time (posts) or on the row's date (accounts).
    Followers,
    /// Impressions (times shown).
    Impressions,
    /// Reach (unique people shown).
    Reach,
    /// Views or plays (video), reads (WeChat articles).
    Views,
    /// Likes or reactions.
    Likes,
    /// Comments or replies received.
    Comments,
    /// Shares, reposts, retweets.
    Shares,
    /// Saves, bookmarks, favourites (收藏).
    Saves,
    /// Clicks (link clicks).
    Clicks,
    /// Replies written by the brand under the post.
    BrandReplies,
    /// The export's own engagement total (X Analytics counts every click in it).
    Engagements,
    /// The post text.
    Text,
    /// Account rows: posts published on that date or in that row's span.
    Posts,
    /// Account rows: mentions of the brand.
    Mentions,
    /// Account rows: positive mentions.
    MentionsPositive,
    /// Account rows: negative mentions.
    MentionsNegative,
    /// Account rows: neutral mentions.
    MentionsNeutral,
    /// Account rows: inbound messages (DMs, questions).
    MessagesIn,
    /// Account rows: inbound messages answered.
    MessagesAnswered,
    /// Account rows: response time in minutes.
    ResponseMinutes,
    /// Conversations: the message's (comment's, mention's, tweet's) own id.
    MessageId,
    /// Conversations: who wrote the message (a handle, a user name or an anonymised id).
    Author,
    /// Conversations: whether a customer wrote the message to the brand (`true`), or the brand (`false`).
    Inbound,
    /// Conversations: whether the brand wrote the message (the opposite of [`Field::Inbound`]).
    FromBrand,
    /// Conversations: the id of the message this one replies to.
    ReplyTo,
    /// Conversations: the post or thread the message belongs to.
    Thread,
    /// Conversations: the export's own sentiment of the message (positive, negative, neutral).
    Sentiment,
    /// A column to read but not use.
    Ignore,
}

impl Field {
    /// The snake_case name used in profiles and errors.
    pub fn name(self) -> &'static str {
        match self {
            Field::Brand => "brand",
            Field::Platform => "platform",
            Field::PostId => "post_id",
            Field::Time => "time",
            Field::Year => "year",
            Field::Month => "month",
            Field::Day => "day",
            Field::Hour => "hour",
            Field::PostType => "post_type",
            Field::Promotional => "promotional",
            Field::Followers => "followers",
            Field::Impressions => "impressions",
            Field::Reach => "reach",
            Field::Views => "views",
            Field::Likes => "likes",
            Field::Comments => "comments",
            Field::Shares => "shares",
            Field::Saves => "saves",
            Field::Clicks => "clicks",
            Field::BrandReplies => "brand_replies",
            Field::Engagements => "engagements",
            Field::Text => "text",
            Field::Posts => "posts",
            Field::Mentions => "mentions",
            Field::MentionsPositive => "mentions_positive",
            Field::MentionsNegative => "mentions_negative",
            Field::MentionsNeutral => "mentions_neutral",
            Field::MessagesIn => "messages_in",
            Field::MessagesAnswered => "messages_answered",
            Field::ResponseMinutes => "response_minutes",
            Field::MessageId => "message_id",
            Field::Author => "author",
            Field::Inbound => "inbound",
            Field::FromBrand => "from_brand",
            Field::ReplyTo => "reply_to",
            Field::Thread => "thread",
            Field::Sentiment => "sentiment",
            Field::Ignore => "ignore",
        }
    }

    /// Every field, in declaration order.
    pub const ALL: [Field; 38] = [
        Field::Brand,
        Field::Platform,
        Field::PostId,
        Field::Time,
        Field::Year,
        Field::Month,
        Field::Day,
        Field::Hour,
        Field::PostType,
        Field::Promotional,
        Field::Followers,
        Field::Impressions,
        Field::Reach,
        Field::Views,
        Field::Likes,
        Field::Comments,
        Field::Shares,
        Field::Saves,
        Field::Clicks,
        Field::BrandReplies,
        Field::Engagements,
        Field::Text,
        Field::Posts,
        Field::Mentions,
        Field::MentionsPositive,
        Field::MentionsNegative,
        Field::MentionsNeutral,
        Field::MessagesIn,
        Field::MessagesAnswered,
        Field::ResponseMinutes,
        Field::MessageId,
        Field::Author,
        Field::Inbound,
        Field::FromBrand,
        Field::ReplyTo,
        Field::Thread,
        Field::Sentiment,
        Field::Ignore,
    ];

    /// Looks a field up by its snake_case name.
    pub fn from_name(name: &str) -> Option<Field> {
        Field::ALL.into_iter().find(|f| f.name() == name)
    }
}

impl fmt::Display for Field {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// The header vocabulary, `data/vocabulary/headers.toml`, as compiled in.
const VOCABULARY_TOML: &str = include_str!("../../../data/vocabulary/headers.toml");

/// The vocabulary file as written.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct VocabularyFile {
    fields: BTreeMap<String, Names>,
    platforms: BTreeMap<String, Names>,
    #[serde(default)]
    unmapped: Option<Names>,
}

/// One list of names.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Names {
    names: Vec<String>,
}

/// The vocabulary, checked and indexed.
struct Vocabulary {
    /// Names of each field as written, best first, indexed by `Field as usize`.
    synonyms: Vec<Vec<String>>,
    /// Normalised header name → field and rank.
    headers: HashMap<String, (Field, usize)>,
    /// Platform id and its names as written, by id.
    platforms: Vec<(String, Vec<String>)>,
    /// Trimmed, lowercased platform name → index in `platforms`.
    platform_index: HashMap<String, usize>,
    /// Normalised headers deliberately left unmapped.
    #[cfg_attr(not(test), allow(dead_code))]
    unmapped: Vec<String>,
}

impl Vocabulary {
    /// Parses and checks vocabulary TOML: known field names, no empty name, no normalised name under two
    /// fields (or twice under one), no unmapped name that is mapped, each platform id lowercase and listed
    /// under its own names, no platform name under two ids.
    fn parse(text: &str) -> Result<Vocabulary, String> {
        let file: VocabularyFile = toml::from_str(text).map_err(|e| e.to_string())?;
        let mut synonyms = vec![Vec::new(); Field::ALL.len()];
        let mut headers: HashMap<String, (Field, usize)> = HashMap::new();
        for (key, list) in file.fields {
            let field = Field::from_name(&key).ok_or_else(|| {
                let known: Vec<_> = Field::ALL.iter().map(|f| f.name()).collect();
                format!("[fields.{key}]: no such field (known: {})", known.join(", "))
            })?;
            for (rank, name) in list.names.iter().enumerate() {
                let norm = normalise_header(name);
                if norm.is_empty() {
                    return Err(format!("[fields.{key}]: an empty name"));
                }
                if let Some((other, _)) = headers.insert(norm.clone(), (field, rank)) {
                    return Err(format!(
                        "`{name}` (normalised `{norm}`) is listed under both `{other}` and `{field}`"
                    ));
                }
            }
            synonyms[field as usize] = list.names;
        }
        let mut unmapped = Vec::new();
        for name in file.unmapped.map(|u| u.names).unwrap_or_default() {
            let norm = normalise_header(&name);
            if let Some((field, _)) = headers.get(&norm) {
                return Err(format!("`{name}` is both unmapped and a name of `{field}`"));
            }
            if unmapped.contains(&norm) {
                return Err(format!("`{name}` is listed twice under [unmapped]"));
            }
            unmapped.push(norm);
        }
        let mut platforms = Vec::new();
        let mut platform_index: HashMap<String, usize> = HashMap::new();
        for (id, list) in file.platforms {
            if id.is_empty() || id != id.trim().to_lowercase() {
                return Err(format!("[platforms.{id}]: a platform id must be trimmed and lowercase"));
            }
            for name in &list.names {
                let key = name.trim().to_lowercase();
                if key.is_empty() {
                    return Err(format!("[platforms.{id}]: an empty name"));
                }
                if let Some(other) = platform_index.insert(key, platforms.len()) {
                    let other: &(String, Vec<String>) = &platforms[other];
                    return Err(format!(
                        "platform name `{name}` is listed under `{}` and `{id}`",
                        other.0
                    ));
                }
            }
            if platform_index.get(&id) != Some(&platforms.len()) {
                return Err(format!("[platforms.{id}]: the id `{id}` must be one of its names"));
            }
            platforms.push((id, list.names));
        }
        Ok(Vocabulary {
            synonyms,
            headers,
            platforms,
            platform_index,
            unmapped,
        })
    }
}

/// The compiled-in vocabulary, parsed on first use.
fn vocabulary() -> &'static Vocabulary {
    static VOCABULARY: LazyLock<Vocabulary> = LazyLock::new(|| {
        Vocabulary::parse(VOCABULARY_TOML)
            .unwrap_or_else(|e| panic!("data/vocabulary/headers.toml (compiled in) is invalid: {e}"))
    });
    &VOCABULARY
}

/// The header names that mean `field`, as written in `data/vocabulary/headers.toml`, best first (the
/// position is the rank [`recognise`] returns). Empty for [`Field::Ignore`].
pub fn synonyms(field: Field) -> &'static [String] {
    &vocabulary().synonyms[field as usize]
}

/// Canonical platform ids, in id order, each with the names that mean it (the id among them).
pub fn platforms() -> &'static [(String, Vec<String>)] {
    &vocabulary().platforms
}

/// Normalises a header for lookup: trims (BOM too), lowercases ASCII, maps `_`, `-` and runs of
/// whitespace to one space, and drops brackets and what they hold a unit in (`（分鐘）`, `(min)` stay as
/// words without the brackets).
pub fn normalise_header(header: &str) -> String {
    let mut out = String::with_capacity(header.len());
    let mut space = false;
    for c in header
        .trim_matches(|c: char| c.is_whitespace() || c == '\u{feff}')
        .chars()
    {
        let c = match c {
            '_' | '-' | ' ' | '\t' | '\u{3000}' | '\u{a0}' => ' ',
            '(' | ')' | '（' | '）' | '[' | ']' | '【' | '】' | ':' | '：' => continue,
            c => c.to_ascii_lowercase(),
        };
        if c == ' ' {
            if !out.is_empty() {
                space = true;
            }
            continue;
        }
        if space {
            out.push(' ');
            space = false;
        }
        out.push(c);
    }
    out
}

/// The field a header means, with its rank (lower is a better name for the field), if known.
///
/// A header with a unit in brackets (`曝光量（次）`, `Reach (people)`) is tried with and without it.
pub fn recognise(header: &str) -> Option<(Field, usize)> {
    let headers = &vocabulary().headers;
    if let Some(found) = headers.get(&normalise_header(header)) {
        return Some(*found);
    }
    if !header.contains(['(', '（', '[', '【']) {
        return None;
    }
    let mut depth = 0usize;
    let bare: String = header
        .chars()
        .filter(|c| match c {
            '(' | '（' | '[' | '【' => {
                depth += 1;
                false
            }
            ')' | '）' | ']' | '】' => {
                depth = depth.saturating_sub(1);
                false
            }
            _ => depth == 0,
        })
        .collect();
    headers.get(&normalise_header(&bare)).copied()
}

/// The canonical id of a platform name (`Twitter` → `x`, `微博` → `weibo`); other names are trimmed and
/// lowercased.
pub fn normalise_platform(name: &str) -> String {
    let lower = name.trim().to_lowercase();
    let vocabulary = vocabulary();
    match vocabulary.platform_index.get(&lower) {
        Some(&i) => vocabulary.platforms[i].0.clone(),
        None => lower,
    }
}

/// English words (and their plurals in `s`) that make a header look like a measure.
const METRIC_WORDS: &[&str] = &[
    "count",
    "rate",
    "total",
    "number",
    "num",
    "sum",
    "avg",
    "average",
    "percent",
    "percentage",
    "ratio",
    "ctr",
    "cpm",
    "cpc",
    "spend",
    "lifetime",
    "view",
    "play",
    "watch",
    "click",
    "like",
    "dislike",
    "reaction",
    "comment",
    "replies",
    "reply",
    "share",
    "retweet",
    "repost",
    "save",
    "saved",
    "bookmark",
    "favorite",
    "favourite",
    "reach",
    "reached",
    "impression",
    "engagement",
    "engaged",
    "interaction",
    "consumer",
    "consumption",
    "follower",
    "follow",
    "unfollow",
    "fan",
    "subscriber",
    "mention",
    "expand",
    "open",
    "install",
];

/// English words that make a header an identifier or a label even beside a measure word
/// (`Page Likes Name`, `Post ID`).
const LABEL_WORDS: &[&str] = &["id", "name", "username", "url", "title"];

/// Chinese marks of a measure: counts (數/数, 量, 次數, 人數), rates (率), and the actions and audiences
/// themselves.
const METRIC_MARKS: &[&str] = &[
    "數", "数", "量", "率", "人次", "讚", "赞", "贊", "評論", "评论", "轉發", "转发", "分享", "收藏", "播放", "閱讀",
    "阅读", "曝光", "觸及", "触及", "觸達", "触达", "粉絲", "粉丝", "漲粉", "涨粉", "互動", "互动", "點擊", "点击",
    "觀看", "观看", "瀏覽", "浏览", "留言", "心情", "訂閱", "订阅", "彈幕", "弹幕", "投幣", "投币", "在看", "平均",
    "總計", "总计", "合計", "合计",
];

/// Chinese marks of a label: names, numbers that are ids, titles.
const LABEL_MARKS: &[&str] = &[
    "名稱", "名称", "編號", "编号", "網址", "网址", "標題", "标题", "暱稱", "昵称",
];

/// Whether a header looks like it holds a measure (`Lifetime Post Consumers`, `完播率`, `promoted
/// impressions`), as opposed to a label or a note (`Permalink`, `備註`, `粉絲專頁名稱`).
///
/// It judges the words only and does not ask whether the header is recognised: call it on the headers
/// [`recognise`] does not know, to warn that a column that may matter is being ignored. English words
/// such as count, rate, total, views, clicks, likes, reach, impressions, engagement, followers make a
/// measure, as do the Chinese 數/数, 量, 率, 讚/赞, 評論/评论, 轉發/转发, 分享, 收藏, 播放, 閱讀/阅读,
/// 曝光, 觸及/触及, 粉絲/粉丝, 互動/互动 …; a `%` too. Words of a label (id, name, url, title, 名稱/名称,
/// 編號/编号, 標題/标题 …) win over them; 數據/数据 ("data") is not a count.
pub fn looks_like_metric(header: &str) -> bool {
    let norm = normalise_header(header);
    if norm.contains(['%', '％']) {
        return true;
    }
    let mut measure = false;
    for word in norm
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        if LABEL_WORDS.contains(&word) {
            return false;
        }
        let singular = word.strip_suffix('s').unwrap_or(word);
        measure |= METRIC_WORDS.contains(&word) || METRIC_WORDS.contains(&singular);
    }
    let chinese = norm.replace("數據", "").replace("数据", "");
    if LABEL_MARKS.iter().any(|m| chinese.contains(m)) {
        return false;
    }
    measure || METRIC_MARKS.iter().any(|m| chinese.contains(m))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[track_caller]
    fn case(header: &str, expected: Option<Field>) {
        assert_eq!(recognise(header).map(|(f, _)| f), expected, "{header}");
    }

    #[test]
    fn the_vocabulary_file_parses_and_checks() {
        let v = Vocabulary::parse(VOCABULARY_TOML).unwrap_or_else(|e| panic!("headers.toml: {e}"));
        for f in Field::ALL {
            assert_eq!(
                v.synonyms[f as usize].is_empty(),
                f == Field::Ignore,
                "{f}: every field but `ignore` has names"
            );
        }
        assert!(!v.unmapped.is_empty());
        assert!(v.platforms.iter().any(|(id, _)| id == "weibo"));
    }

    #[test]
    fn a_malformed_vocabulary_is_an_error() {
        let bad = [
            ("[fields.likes\nnames = [\"likes\"]", "expected"),
            ("[fields.likes]\nnames = [\"likes\"]\n", "platforms"),
            ("[fields.liked]\nnames = [\"x\"]\n[platforms]\n", "no such field"),
            (
                "[fields.likes]\nnames = [\"likes\"]\n[fields.saves]\nnames = [\"Likes\"]\n[platforms]\n",
                "both",
            ),
            (
                "[fields.likes]\nnames = [\"like count\", \"like_count\"]\n[platforms]\n",
                "both",
            ),
            ("[fields.likes]\nnames = [\" \"]\n[platforms]\n", "empty"),
            (
                "[fields.likes]\nnames = [\"likes\"]\n[unmapped]\nnames = [\"LIKES\"]\n[platforms]\n",
                "unmapped",
            ),
            (
                "[fields]\n[platforms.x]\nnames = [\"twitter\"]\n",
                "must be one of its names",
            ),
            ("[fields]\n[platforms.X]\nnames = [\"X\"]\n", "lowercase"),
            (
                "[fields]\n[platforms.x]\nnames = [\"x\", \"fb\"]\n[platforms.fb]\nnames = [\"fb\"]\n",
                "listed under",
            ),
            (
                "[fields.likes]\nnames = [\"likes\"]\nrank = 1\n[platforms]\n",
                "unknown field",
            ),
        ];
        for (text, expected) in bad {
            let err = Vocabulary::parse(text)
                .err()
                .unwrap_or_else(|| panic!("accepted: {text}"));
            assert!(err.contains(expected), "{text}: {err}");
        }
    }

    /// Every name in the file is recognised as its field, at its rank.
    #[test]
    fn every_alias_is_recognised_as_its_field() {
        let mut count = 0;
        for f in Field::ALL {
            for (rank, name) in synonyms(f).iter().enumerate() {
                assert_eq!(recognise(name), Some((f, rank)), "{name}");
                count += 1;
            }
        }
        assert!(count > 400, "{count} names");
    }

    /// No two names, in one field or two, are the same after normalisation (the parser refuses it too).
    #[test]
    fn one_normalised_name_one_field() {
        let mut seen: HashMap<String, (Field, &str)> = HashMap::new();
        for f in Field::ALL {
            for name in synonyms(f) {
                let norm = normalise_header(name);
                assert_eq!(normalise_header(&norm), norm, "normalising is idempotent: {name}");
                if let Some((other, first)) = seen.insert(norm.clone(), (f, name)) {
                    panic!("`{name}` ({f}) and `{first}` ({other}) are both `{norm}`");
                }
            }
        }
    }

    #[test]
    fn unmapped_headers_stay_unrecognised() {
        for name in &vocabulary().unmapped {
            case(name, None);
        }
        for h in [
            "完播率",
            "Subscribers",
            "訂閱人數",
            "涨粉",
            "弹幕",
            "投币",
            "在看",
            "Permalink",
            "Engagement rate",
        ] {
            case(h, None);
        }
    }

    #[test]
    fn every_platform_name_gives_its_id() {
        for (id, names) in platforms() {
            assert_eq!(&normalise_platform(id), id);
            for name in names {
                assert_eq!(&normalise_platform(name), id, "{name}");
                assert_eq!(&normalise_platform(&format!(" {} ", name.to_uppercase())), id, "{name}");
            }
        }
    }

    /// The headers of the issue: each was dropped before, so likes or shares went missing.
    #[test]
    fn headers_from_the_issue() {
        case("点赞量", Some(Field::Likes));
        case("评论量", Some(Field::Comments));
        case("转发量", Some(Field::Shares));
        case("按讚數", Some(Field::Likes));
        case("評論數", Some(Field::Comments));
        case("轉發數", Some(Field::Shares));
        case("赞数", Some(Field::Likes));
        case("留言数", Some(Field::Comments));
        case("分享数", Some(Field::Shares));
        case("讚數", Some(Field::Likes));
        case("留言數", Some(Field::Comments));
        case("分享次數", Some(Field::Shares));
        case("is_promo", Some(Field::Promotional));
        case("Is-Promo", Some(Field::Promotional));
    }

    #[test]
    fn headers_of_real_exports() {
        // Weibo backend
        for (h, f) in [
            ("阅读数", Field::Views),
            ("转发数", Field::Shares),
            ("评论数", Field::Comments),
            ("点赞数", Field::Likes),
            ("互动数", Field::Engagements),
        ] {
            case(h, Some(f));
        }
        // WeChat Official Account backend
        for (h, f) in [
            ("阅读次数", Field::Views),
            ("阅读人数", Field::Views),
            ("分享次数", Field::Shares),
            ("分享人数", Field::Shares),
            ("收藏", Field::Saves),
            ("点赞", Field::Likes),
            ("发表时间", Field::Time),
            ("群发篇数", Field::Posts),
        ] {
            case(h, Some(f));
        }
        // Douyin, Xiaohongshu, Bilibili
        for (h, f) in [
            ("播放量", Field::Views),
            ("点赞量", Field::Likes),
            ("分享量", Field::Shares),
            ("收藏量", Field::Saves),
            ("观看", Field::Views),
            ("播放", Field::Views),
            ("投稿时间", Field::Time),
        ] {
            case(h, Some(f));
        }
        // Meta Business Suite (English and zh-Hant), Threads, YouTube Studio, LINE
        for (h, f) in [
            ("Reactions", Field::Likes),
            ("Comments", Field::Comments),
            ("Shares", Field::Shares),
            ("Saves", Field::Saves),
            ("Reach", Field::Reach),
            ("Impressions", Field::Impressions),
            ("Views", Field::Views),
            ("Publish time", Field::Time),
            ("Post ID", Field::PostId),
            ("Page name", Field::Brand),
            ("Account username", Field::Brand),
            ("觸及人數", Field::Reach),
            ("曝光次數", Field::Impressions),
            ("心情數", Field::Likes),
            ("留言數", Field::Comments),
            ("分享次數", Field::Shares),
            ("發佈時間", Field::Time),
            ("貼文編號", Field::PostId),
            ("粉絲專頁名稱", Field::Brand),
            ("觀看次數", Field::Views),
            ("喜歡", Field::Likes),
            ("留言", Field::Comments),
            ("分享", Field::Shares),
            ("Video publish time", Field::Time),
            ("影片發布時間", Field::Time),
            ("Video title", Field::Text),
            ("好友數", Field::Followers),
            ("點擊", Field::Clicks),
        ] {
            case(h, Some(f));
        }
    }

    #[test]
    fn wechat_counts_rank_before_unique_people() {
        let (_, reads) = recognise("阅读次数").unwrap();
        let (_, readers) = recognise("阅读人数").unwrap();
        assert!(reads < readers);
        let (_, shares) = recognise("分享次数").unwrap();
        let (_, sharers) = recognise("分享人数").unwrap();
        assert!(shares < sharers);
        let (_, title) = recognise("Video title").unwrap();
        let (_, content) = recognise("Content").unwrap();
        assert!(title < content, "YouTube's Content column is the video id");
    }

    #[test]
    fn promotion_headers() {
        for h in [
            "is_promo",
            "is_paid",
            "Paid",
            "promoted",
            "sponsored",
            "promotional",
            "是否推廣",
            "是否推广",
            "付費",
            "付费",
            "廣告",
            "广告",
            "推廣",
            "推广",
            "投放",
            "付費/自然",
        ] {
            case(h, Some(Field::Promotional));
        }
    }

    #[test]
    fn headers_in_three_scripts() {
        case("品牌", Some(Field::Brand));
        case("粉絲數", Some(Field::Followers));
        case("粉丝数", Some(Field::Followers));
        case("點贊", Some(Field::Likes));
        case("点赞", Some(Field::Likes));
        case("評論", Some(Field::Comments));
        case("转发", Some(Field::Shares));
        case("收藏", Some(Field::Saves));
        case("閱讀", Some(Field::Views));
        case("播放", Some(Field::Views));
        case("曝光", Some(Field::Impressions));
        case("觸達", Some(Field::Reach));
        case("触达", Some(Field::Reach));
        case("\u{feff}Brand", Some(Field::Brand));
        case("Post_ID", Some(Field::PostId));
        case("status_id", Some(Field::PostId));
        case("num_reactions", Some(Field::Likes));
        case("Date Published", Some(Field::Time));
        case("回覆時間（分鐘）", Some(Field::ResponseMinutes));
        case("response time (min)", Some(Field::ResponseMinutes));
        case("promoted impressions", None);
        case("曝光量（次）", Some(Field::Impressions));
        case("Reach (people)", Some(Field::Reach));
        case("Engagement rate", None);
    }

    #[test]
    fn rank_prefers_reactions_to_likes() {
        let (_, reactions) = recognise("num_reactions").unwrap();
        let (_, likes) = recognise("num_likes").unwrap();
        assert!(reactions < likes);
    }

    #[test]
    fn platforms_by_name() {
        assert_eq!(normalise_platform("Twitter"), "x");
        assert_eq!(normalise_platform("微博"), "weibo");
        assert_eq!(normalise_platform(" 小紅書 "), "xiaohongshu");
        assert_eq!(normalise_platform("B站"), "bilibili");
        assert_eq!(normalise_platform("LINE"), "line");
        assert_eq!(normalise_platform("Threads"), "threads");
        assert_eq!(normalise_platform("Mastodon"), "mastodon");
    }

    #[test]
    fn metric_looking_headers() {
        for h in [
            "Lifetime Post Consumers",
            "Lifetime Engaged Users",
            "完播率",
            "涨粉",
            "弹幕",
            "投币数",
            "num_loves",
            "promoted impressions",
            "hashtag clicks",
            "Engagement rate",
            "Subscribers",
            "Watch time (hours)",
            "互動率",
            "人均觀看時長",
            "CTR %",
        ] {
            assert!(looks_like_metric(h), "{h}");
        }
        for h in [
            "Permalink",
            "備註",
            "Post URL",
            "Category",
            "Post Weekday",
            "Rating",
            "粉絲專頁名稱",
            "account_id",
            "數據來源",
            "Column1",
            "",
        ] {
            assert!(!looks_like_metric(h), "{h}");
        }
    }

    #[test]
    fn field_names_round_trip() {
        for f in Field::ALL {
            assert_eq!(Field::from_name(f.name()), Some(f));
        }
    }
}
