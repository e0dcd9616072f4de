//! Small helpers for writing comparisons: grouping posts by brand, building one row per brand, matching keyword
//! lists in post text and counting the keywords found.
//!
//! They are plain functions over the protocol types, so a plugin's own tests can use them without loading
//! anything.
//!
//! ```
//! use chuxin_plugin_api::support::{BrandFigure, rows_by_brand};
//! use chuxin_plugin_api::{CompareInput, PostRecord};
//!
//! // The share of each brand's posts with a brand reply.
//! fn reply_share(posts: &[&PostRecord]) -> BrandFigure {
//!     let answered = posts.iter().filter(|p| p.brand_replies.is_some_and(|n| n > 0.0)).count();
//!     BrandFigure {
//!         value: (!posts.is_empty()).then(|| answered as f64 / posts.len() as f64),
//!         posts: posts.len(),
//!         notes: Vec::new(),
//!     }
//! }
//!
//! let input = CompareInput {
//!     comparison: "reply_share".into(),
//!     client_brand: "Mei".into(),
//!     posts: vec![PostRecord { brand: "Mei".into(), brand_replies: Some(2.0), ..PostRecord::default() }],
//!     ..CompareInput::default()
//! };
//! let rows = rows_by_brand(&input, reply_share);
//! assert_eq!((rows[0].brand.as_str(), rows[0].client, rows[0].value), ("Mei", true, Some(1.0)));
//! ```

use std::borrow::Cow;

use crate::protocol::{CompareInput, CompareRow, MessageRecord, PostRecord};

/// The posts of one brand, as grouped by [`by_brand`].
#[derive(Debug, Clone, PartialEq)]
pub struct BrandPosts<'a> {
    /// The brand, as written in the posts.
    pub brand: &'a str,
    /// True if this is [`CompareInput::client_brand`].
    pub client: bool,
    /// The brand's posts, in input order.
    pub posts: Vec<&'a PostRecord>,
}

/// Groups the input's posts by brand: the client first, then competitors in alphabetical order (ignoring case).
///
/// Brands are compared after trimming spaces; posts with an empty brand are left out. The client appears even
/// with no posts, so its row is never silently missing.
pub fn by_brand(input: &CompareInput) -> Vec<BrandPosts<'_>> {
    let client = input.client_brand.trim();
    let mut groups: Vec<BrandPosts<'_>> = Vec::new();
    for post in &input.posts {
        let brand = post.brand.trim();
        if brand.is_empty() {
            continue;
        }
        match groups.iter_mut().find(|g| g.brand == brand) {
            Some(group) => group.posts.push(post),
            None => groups.push(BrandPosts {
                brand,
                client: brand == client,
                posts: vec![post],
            }),
        }
    }
    if !client.is_empty() && !groups.iter().any(|g| g.client) {
        groups.push(BrandPosts {
            brand: client,
            client: true,
            posts: Vec::new(),
        });
    }
    groups.sort_by(|a, b| {
        b.client
            .cmp(&a.client)
            .then_with(|| a.brand.to_lowercase().cmp(&b.brand.to_lowercase()))
    });
    groups
}

/// The conversation messages of one brand, as grouped by [`messages_by_brand`].
#[derive(Debug, Clone, PartialEq)]
pub struct BrandMessages<'a> {
    /// The brand, as written in the messages.
    pub brand: &'a str,
    /// True if this is [`CompareInput::client_brand`].
    pub client: bool,
    /// The brand's messages, in input order.
    pub messages: Vec<&'a MessageRecord>,
}

/// Groups the input's conversation messages by brand, in the order of [`by_brand`]: the client first (even with
/// no message), then competitors alphabetically (ignoring case); messages with an empty brand are left out.
pub fn messages_by_brand(input: &CompareInput) -> Vec<BrandMessages<'_>> {
    let client = input.client_brand.trim();
    let mut groups: Vec<BrandMessages<'_>> = Vec::new();
    if !client.is_empty() {
        groups.push(BrandMessages {
            brand: client,
            client: true,
            messages: Vec::new(),
        });
    }
    for message in &input.messages {
        let brand = message.brand.trim();
        if brand.is_empty() {
            continue;
        }
        match groups.iter_mut().find(|g| g.brand == brand) {
            Some(group) => group.messages.push(message),
            None => groups.push(BrandMessages {
                brand,
                client: false,
                messages: vec![message],
            }),
        }
    }
    groups.sort_by(|a, b| {
        b.client
            .cmp(&a.client)
            .then_with(|| a.brand.to_lowercase().cmp(&b.brand.to_lowercase()))
    });
    groups
}

/// One brand's result, as a comparison computes it from the brand's posts; [`rows_by_brand`] turns it into a
/// [`CompareRow`].
#[derive(Debug, Clone, Default, PartialEq)]
pub struct BrandFigure {
    /// The figure, or `None` when the brand's data cannot support it (a note should say why).
    pub value: Option<f64>,
    /// How many posts (or comments) the figure rests on.
    pub posts: usize,
    /// Caveats in English, joined with `"; "` into [`CompareRow::note`]; no note when empty.
    pub notes: Vec<String>,
}

/// Computes `figure` over each brand's posts and returns one [`CompareRow`] per brand, in the order of
/// [`by_brand`]: the client first (even with no posts), then competitors alphabetically.
pub fn rows_by_brand(input: &CompareInput, mut figure: impl FnMut(&[&PostRecord]) -> BrandFigure) -> Vec<CompareRow> {
    by_brand(input)
        .into_iter()
        .map(|group| {
            let BrandFigure { value, posts, notes } = figure(&group.posts);
            CompareRow {
                brand: group.brand.to_owned(),
                value,
                posts,
                client: group.client,
                note: (!notes.is_empty()).then(|| notes.join("; ")),
            }
        })
        .collect()
}

/// Returns `""` for one and `"s"` for any other count, for English notes such as `"{n} post{s} left out"`.
pub fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// Returns the keywords of `keywords` found in `text`, in list order, each once.
///
/// Matching ignores ASCII case. A keyword made only of ASCII characters must stand as whole words (so `raw` does
/// not match `strawberry`); any other keyword (Chinese, for example) matches anywhere in the text.
pub fn find_keywords<'k>(text: &str, keywords: &[&'k str]) -> Vec<&'k str> {
    let text = lowercase(text);
    keywords
        .iter()
        .copied()
        .filter(|keyword| contains_keyword(&text, &lowercase(keyword)))
        .collect()
}

/// How often each keyword was found, for a note naming the most frequent ones.
///
/// ```
/// use chuxin_plugin_api::support::{KeywordCounts, find_keywords};
///
/// let keywords = ["refund", "rude", "退款"];
/// let mut counts = KeywordCounts::default();
/// for text in ["Rude staff, I want a refund", "退款!", "so rude"] {
///     counts.add(find_keywords(text, &keywords));
/// }
/// assert_eq!(counts.most_frequent(2).as_deref(), Some("rude (2), refund (1)"));
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct KeywordCounts<'k> {
    /// Each keyword once, with its count, in the order first found.
    counts: Vec<(&'k str, usize)>,
}

impl<'k> KeywordCounts<'k> {
    /// Counts each of `found` once more (typically one post's [`find_keywords`]).
    pub fn add(&mut self, found: impl IntoIterator<Item = &'k str>) {
        for keyword in found {
            match self.counts.iter_mut().find(|(k, _)| *k == keyword) {
                Some((_, n)) => *n += 1,
                None => self.counts.push((keyword, 1)),
            }
        }
    }

    /// Returns the `n` most frequent keywords as `keyword (count)`, joined by `", "`: the most frequent first, ties
    /// in keyword order (by code point); `None` when nothing was counted.
    pub fn most_frequent(&self, n: usize) -> Option<String> {
        if self.counts.is_empty() {
            return None;
        }
        let mut counts = self.counts.clone();
        counts.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(b.0)));
        let top: Vec<String> = counts.iter().take(n).map(|(k, n)| format!("{k} ({n})")).collect();
        Some(top.join(", "))
    }
}

/// Lower-cases only when needed: most keywords and many texts have no upper-case letter.
fn lowercase(s: &str) -> Cow<'_, str> {
    if s.chars().any(char::is_uppercase) {
        Cow::Owned(s.to_lowercase())
    } else {
        Cow::Borrowed(s)
    }
}

fn contains_keyword(text: &str, keyword: &str) -> bool {
    if keyword.is_empty() {
        return false;
    }
    if !keyword.is_ascii() {
        return text.contains(keyword);
    }
    let is_word = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric());
    text.match_indices(keyword).any(|(start, found)| {
        let before = text[..start].chars().next_back();
        let after = text[start + found.len()..].chars().next();
        !is_word(before) && !is_word(after)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn post(brand: &str) -> PostRecord {
        PostRecord {
            brand: brand.into(),
            ..PostRecord::default()
        }
    }

    #[test]
    fn client_first_then_alphabetical() {
        let input = CompareInput {
            comparison: "x".into(),
            client_brand: "Mei".into(),
            posts: vec![post("zeta"), post("Alpha"), post(" Mei "), post(""), post("zeta")],
            ..CompareInput::default()
        };
        let groups = by_brand(&input);
        let got: Vec<(&str, bool, usize)> = groups.iter().map(|g| (g.brand, g.client, g.posts.len())).collect();
        assert_eq!(got, [("Mei", true, 1), ("Alpha", false, 1), ("zeta", false, 2)]);
    }

    #[test]
    fn client_without_posts_still_has_a_group() {
        let input = CompareInput {
            comparison: "x".into(),
            client_brand: "Mei".into(),
            posts: vec![post("Alpha")],
            ..CompareInput::default()
        };
        assert_eq!(by_brand(&input)[0].brand, "Mei");
        assert!(by_brand(&input)[0].posts.is_empty());
    }

    #[test]
    fn one_row_per_brand_with_notes_joined() {
        let input = CompareInput {
            comparison: "x".into(),
            client_brand: "Mei".into(),
            posts: vec![post("zeta"), post("Alpha"), post("zeta")],
            ..CompareInput::default()
        };
        let rows = rows_by_brand(&input, |posts| BrandFigure {
            value: (posts.len() > 1).then_some(posts.len() as f64),
            posts: posts.len(),
            notes: ["a", "b"].iter().take(posts.len()).map(|s| s.to_string()).collect(),
        });
        let got: Vec<_> = rows
            .iter()
            .map(|r| (r.brand.as_str(), r.client, r.value, r.posts, r.note.as_deref()))
            .collect();
        assert_eq!(
            got,
            [
                ("Mei", true, None, 0, None),
                ("Alpha", false, None, 1, Some("a")),
                ("zeta", false, Some(2.0), 2, Some("a; b")),
            ]
        );
    }

    #[test]
    fn plurals() {
        assert_eq!(format!("{n} post{s}", n = 1, s = plural(1)), "1 post");
        assert_eq!(plural(0), "s");
        assert_eq!(plural(2), "s");
    }

    #[test]
    fn keyword_counts_most_frequent_first_then_by_keyword() {
        let mut counts = KeywordCounts::default();
        assert_eq!(counts.most_frequent(3), None);
        counts.add(["退款", "rude"]);
        counts.add(["refund"]);
        counts.add(["rude", "stale"]);
        counts.add([]);
        assert_eq!(counts.most_frequent(1).as_deref(), Some("rude (2)"));
        // Ties in code-point order: ASCII before Chinese.
        assert_eq!(
            counts.most_frequent(3).as_deref(),
            Some("rude (2), refund (1), stale (1)")
        );
        assert_eq!(
            counts.most_frequent(9).as_deref(),
            Some("rude (2), refund (1), stale (1), 退款 (1)")
        );
    }

    #[track_caller]
    fn case(text: &str, expected: &[&str]) {
        let keywords = ["raw", "food poisoning", "退款", "食物中毒", "risk-free"];
        assert_eq!(find_keywords(text, &keywords), expected);
    }

    #[test]
    fn keywords() {
        case("Strawberry season!", &[]);
        case("The chicken was RAW.", &["raw"]);
        case("Got food poisoning, want 退款", &["food poisoning", "退款"]);
        case("疑似食物中毒", &["食物中毒"]);
        case("A risk-free way to grow", &["risk-free"]);
        case("raw raw", &["raw"]);
    }
}
