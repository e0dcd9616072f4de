//! Small helpers for writing comparisons: grouping posts by brand, and matching keyword lists in post text.
//!
//! They are plain functions over the protocol types, so a plugin's own tests can use them without loading
//! anything.

use std::borrow::Cow;

use crate::protocol::{CompareInput, PostRecord};

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
        };
        assert_eq!(by_brand(&input)[0].brand, "Mei");
        assert!(by_brand(&input)[0].posts.is_empty());
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
