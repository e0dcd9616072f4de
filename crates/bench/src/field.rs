//! The fields chuxin reads from exports, the header names that mean each of them (English, Traditional
//! and Simplified Chinese), and platform names.
//!
//! Header recognition normalises a header (lowercase, trimmed, `_`/`-` and runs of spaces made one
//! space, full-width brackets dropped) and looks it up in [`SYNONYMS`]. When several columns name the
//! same field, the one whose synonym comes first in the list wins, so `num_reactions` beats `num_likes`.

use std::fmt;

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
            Field::Ignore => "ignore",
        }
    }

    /// Every field, in declaration order.
    pub const ALL: [Field; 31] = [
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

/// Header names (normalised as by [`normalise_header`]) that mean each field, best first.
pub const SYNONYMS: &[(Field, &[&str])] = &[
    (
        Field::Brand,
        &[
            "brand",
            "brand name",
            "page",
            "page name",
            "account",
            "account name",
            "company",
            "品牌",
            "品牌名稱",
            "品牌名称",
            "帳號",
            "账号",
            "賬號",
            "公司",
            "專頁",
            "专页",
        ],
    ),
    (
        Field::Platform,
        &[
            "platform",
            "network",
            "channel",
            "social network",
            "平台",
            "渠道",
            "媒體",
            "媒体",
        ],
    ),
    (
        Field::PostId,
        &[
            "post id",
            "post_id",
            "tweet id",
            "status id",
            "status_id",
            "id",
            "貼文id",
            "帖子id",
            "文章id",
            "微博id",
            "貼文編號",
            "帖子编号",
        ],
    ),
    (
        Field::Time,
        &[
            "time",
            "date",
            "datetime",
            "published",
            "published at",
            "date published",
            "status published",
            "post time",
            "created at",
            "created time",
            "publish time",
            "posted at",
            "發布時間",
            "发布时间",
            "發佈時間",
            "發文時間",
            "发文时间",
            "時間",
            "时间",
            "日期",
        ],
    ),
    (Field::Year, &["year", "post year", "年", "年份"]),
    (Field::Month, &["post month", "月", "月份"]),
    (Field::Day, &["post day", "day of month", "日"]),
    (Field::Hour, &["post hour", "hour", "小時", "小时"]),
    (
        Field::PostType,
        &[
            "type",
            "post type",
            "status type",
            "media type",
            "content type",
            "format",
            "類型",
            "类型",
            "內容類型",
            "内容类型",
            "形式",
        ],
    ),
    (
        Field::Promotional,
        &[
            "promotional",
            "paid",
            "is paid",
            "promoted",
            "sponsored",
            "is promotional",
            "ad",
            "是否推廣",
            "是否推广",
            "推廣",
            "推广",
            "廣告",
            "广告",
            "是否廣告",
            "是否广告",
            "付費",
            "付费",
        ],
    ),
    (
        Field::Followers,
        &[
            "followers",
            "followers at posting",
            "fans",
            "page total likes",
            "page likes",
            "粉絲數",
            "粉丝数",
            "粉絲",
            "粉丝",
            "關注者",
            "关注者",
            "追蹤者",
            "追踪者",
        ],
    ),
    (
        Field::Impressions,
        &[
            "impressions",
            "曝光",
            "曝光量",
            "曝光數",
            "曝光数",
            "展示量",
            "展現量",
            "展现量",
        ],
    ),
    (
        Field::Reach,
        &[
            "reach",
            "post reach",
            "觸達",
            "触达",
            "觸達人數",
            "触达人数",
            "覆蓋",
            "覆盖",
            "覆蓋人數",
            "覆盖人数",
        ],
    ),
    (
        Field::Views,
        &[
            "views",
            "video views",
            "plays",
            "reads",
            "播放",
            "播放量",
            "播放數",
            "播放数",
            "閱讀",
            "阅读",
            "閱讀數",
            "阅读数",
            "閱讀量",
            "阅读量",
            "觀看",
            "观看",
            "觀看數",
            "观看数",
        ],
    ),
    (
        Field::Likes,
        &[
            "likes",
            "reactions",
            "like",
            "num reactions",
            "reaction count",
            "reactions count",
            "likes count",
            "favorites",
            "點贊",
            "点赞",
            "點讚",
            "讚",
            "赞",
            "點贊數",
            "点赞数",
            "按讚",
            "心情",
            "num likes",
        ],
    ),
    (
        Field::Comments,
        &[
            "comments",
            "comment",
            "replies",
            "num comments",
            "comment count",
            "comments count",
            "評論",
            "评论",
            "評論數",
            "评论数",
            "留言",
            "留言數",
            "留言数",
        ],
    ),
    (
        Field::Shares,
        &[
            "shares",
            "share",
            "retweets",
            "reposts",
            "num shares",
            "share count",
            "shares count",
            "轉發",
            "转发",
            "轉發數",
            "转发数",
            "分享",
            "分享數",
            "分享数",
            "轉貼",
            "转帖",
        ],
    ),
    (
        Field::Saves,
        &["saves", "saved", "bookmarks", "收藏", "收藏數", "收藏数"],
    ),
    (
        Field::Clicks,
        &[
            "clicks",
            "link clicks",
            "url clicks",
            "點擊",
            "点击",
            "點擊數",
            "点击数",
            "點擊量",
            "点击量",
        ],
    ),
    (
        Field::BrandReplies,
        &[
            "brand replies",
            "replies by brand",
            "owner replies",
            "page replies",
            "品牌回覆",
            "品牌回复",
            "官方回覆",
            "官方回复",
            "品牌回覆數",
            "品牌回复数",
        ],
    ),
    (
        Field::Engagements,
        &[
            "engagements",
            "total engagements",
            "互動",
            "互动",
            "互動量",
            "互动量",
            "互動數",
            "互动数",
        ],
    ),
    (
        Field::Text,
        &[
            "text",
            "tweet text",
            "message",
            "content",
            "caption",
            "post text",
            "內容",
            "内容",
            "文案",
            "正文",
            "標題",
            "标题",
        ],
    ),
    (
        Field::Posts,
        &[
            "posts",
            "post count",
            "tweets",
            "posts published",
            "發文數",
            "发文数",
            "貼文數",
            "帖子数",
            "發帖數",
            "发帖数",
            "發文量",
            "发文量",
        ],
    ),
    (
        Field::Mentions,
        &[
            "mentions",
            "mention count",
            "提及",
            "提及量",
            "提及數",
            "提及数",
            "聲量",
            "声量",
        ],
    ),
    (
        Field::MentionsPositive,
        &[
            "positive",
            "positive mentions",
            "正面",
            "正面提及",
            "正面聲量",
            "正面声量",
        ],
    ),
    (
        Field::MentionsNegative,
        &[
            "negative",
            "negative mentions",
            "負面",
            "负面",
            "負面提及",
            "负面提及",
            "負面聲量",
            "负面声量",
        ],
    ),
    (
        Field::MentionsNeutral,
        &[
            "neutral",
            "neutral mentions",
            "中性",
            "中性提及",
            "中性聲量",
            "中性声量",
        ],
    ),
    (
        Field::MessagesIn,
        &[
            "inbound messages",
            "messages in",
            "messages received",
            "received messages",
            "私信",
            "收到訊息",
            "收到消息",
            "私信數",
            "私信数",
            "來訊",
            "来讯",
        ],
    ),
    (
        Field::MessagesAnswered,
        &[
            "answered messages",
            "messages answered",
            "replied messages",
            "已回覆",
            "已回复",
            "已回覆訊息",
            "已回复消息",
            "回覆數",
            "回复数",
        ],
    ),
    (
        Field::ResponseMinutes,
        &[
            "response minutes",
            "response time",
            "response time (min)",
            "median response minutes",
            "reply time minutes",
            "回覆時間",
            "回复时间",
            "回覆時間分鐘",
            "回复时间分钟",
            "回應時間",
            "响应时间",
        ],
    ),
];

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
    let lookup = |norm: &str| {
        SYNONYMS.iter().find_map(|(field, names)| {
            names
                .iter()
                .position(|n| normalise_header(n) == norm)
                .map(|rank| (*field, rank))
        })
    };
    lookup(&normalise_header(header)).or_else(|| {
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
        lookup(&normalise_header(&bare))
    })
}

/// Canonical platform ids and the names that mean them.
pub const PLATFORMS: &[(&str, &[&str])] = &[
    ("facebook", &["facebook", "fb", "臉書", "脸书", "面書", "facebook page"]),
    ("instagram", &["instagram", "ig", "insta"]),
    ("x", &["x", "twitter", "推特", "x/twitter", "twitter/x"]),
    ("linkedin", &["linkedin", "領英", "领英"]),
    ("youtube", &["youtube", "yt", "油管"]),
    ("tiktok", &["tiktok", "tik tok"]),
    ("weibo", &["weibo", "微博", "新浪微博", "sina weibo"]),
    (
        "wechat",
        &[
            "wechat",
            "weixin",
            "微信",
            "公眾號",
            "公众号",
            "微信公眾號",
            "微信公众号",
            "視頻號",
            "视频号",
        ],
    ),
    ("douyin", &["douyin", "抖音"]),
    ("xiaohongshu", &["xiaohongshu", "小紅書", "小红书", "red", "rednote"]),
    ("bilibili", &["bilibili", "b站", "嗶哩嗶哩", "哔哩哔哩"]),
    ("kuaishou", &["kuaishou", "快手"]),
    ("zhihu", &["zhihu", "知乎"]),
    ("threads", &["threads"]),
    ("line", &["line"]),
];

/// The canonical id of a platform name (`Twitter` → `x`, `微博` → `weibo`); other names are trimmed and
/// lowercased.
pub fn normalise_platform(name: &str) -> String {
    let lower = name.trim().to_lowercase();
    PLATFORMS
        .iter()
        .find(|(_, names)| names.contains(&lower.as_str()))
        .map_or(lower, |(id, _)| (*id).to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[track_caller]
    fn case(header: &str, expected: Option<Field>) {
        assert_eq!(recognise(header).map(|(f, _)| f), expected, "{header}");
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
        case("num_reactions", Some(Field::Likes));
        case("Date Published", Some(Field::Time));
        case("回覆時間（分鐘）", Some(Field::ResponseMinutes));
        case("response time (min)", Some(Field::ResponseMinutes));
        case("promoted impressions", None);
        case("曝光量（次）", Some(Field::Impressions));
        case("Reach (people)", Some(Field::Reach));
    }

    #[test]
    fn rank_prefers_reactions_to_likes() {
        let (_, reactions) = recognise("num_reactions").unwrap();
        let (_, likes) = recognise("num_likes").unwrap();
        assert!(reactions < likes);
    }

    #[test]
    fn platforms() {
        assert_eq!(normalise_platform("Twitter"), "x");
        assert_eq!(normalise_platform("微博"), "weibo");
        assert_eq!(normalise_platform(" 小紅書 "), "xiaohongshu");
        assert_eq!(normalise_platform("Mastodon"), "mastodon");
    }

    #[test]
    fn field_names_round_trip() {
        for f in Field::ALL {
            assert_eq!(Field::from_name(f.name()), Some(f));
        }
    }
}
