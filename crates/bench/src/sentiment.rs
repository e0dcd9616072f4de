//! The sentiment of a customer's message when the export states none: the small lexicon of
//! `data/vocabulary/sentiment.toml` (compiled in; its header says how words match and how to add one).
//!
//! A message scores +1 for each positive word it contains and −1 for each negative one; the sign of the sum
//! is its sentiment (0, neutral, when nothing matched or the two balance). This is a rough reading for a
//! benchmark's net sentiment, not a classifier: a tool's own sentiment column is always preferred, and runs
//! say which of the two each conversation file used.

use std::sync::LazyLock;

use serde::Deserialize;

const LEXICON_TOML: &str = include_str!("../../../data/vocabulary/sentiment.toml");

#[derive(Deserialize)]
struct Scripts {
    #[serde(rename = "zh-Hant")]
    zh_hant: Vec<String>,
    #[serde(rename = "zh-Hans")]
    zh_hans: Vec<String>,
    en: Vec<String>,
}

#[derive(Deserialize)]
struct File {
    positive: Scripts,
    negative: Scripts,
}

/// The lexicon, ready to match: Chinese words (substrings) and English words (whole, lowercase).
struct Lexicon {
    positive: (Vec<String>, Vec<String>),
    negative: (Vec<String>, Vec<String>),
}

fn parse(text: &str) -> Result<Lexicon, String> {
    let file: File = toml::from_str(text).map_err(|e| e.to_string())?;
    let split = |s: Scripts| -> Result<(Vec<String>, Vec<String>), String> {
        let chinese: Vec<String> = s.zh_hant.into_iter().chain(s.zh_hans).collect();
        if let Some(short) = chinese.iter().find(|w| w.chars().count() < 2) {
            return Err(format!("`{short}`: a Chinese word must be at least two characters"));
        }
        let english: Vec<String> = s.en.iter().map(|w| w.to_lowercase()).collect();
        Ok((chinese, english))
    };
    Ok(Lexicon {
        positive: split(file.positive)?,
        negative: split(file.negative)?,
    })
}

fn lexicon() -> &'static Lexicon {
    static LEXICON: LazyLock<Lexicon> = LazyLock::new(|| {
        parse(LEXICON_TOML).unwrap_or_else(|e| panic!("data/vocabulary/sentiment.toml (compiled in) is invalid: {e}"))
    });
    &LEXICON
}

/// How many of `words` occur in `text`: Chinese ones anywhere, English ones as whole words of `lower`.
fn hits(text: &str, lower: &str, (chinese, english): &(Vec<String>, Vec<String>)) -> i32 {
    let whole = |w: &str| {
        lower.match_indices(w).any(|(i, _)| {
            let before = lower[..i].chars().next_back();
            let after = lower[i + w.len()..].chars().next();
            !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
        })
    };
    let n = chinese.iter().filter(|w| text.contains(w.as_str())).count() + english.iter().filter(|w| whole(w)).count();
    n as i32
}

/// The sentiment of `text` by the lexicon: 1 positive, −1 negative, 0 neutral.
pub fn of_text(text: &str) -> i8 {
    let l = lexicon();
    let lower = text.to_lowercase();
    (hits(text, &lower, &l.positive) - hits(text, &lower, &l.negative)).signum() as i8
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_compiled_in_lexicon_is_valid() {
        parse(LEXICON_TOML).unwrap();
        assert!(parse("[positive]\nzh-Hant = [\"好\"]\nzh-Hans = []\nen = []\n[negative]\nzh-Hant = []\nzh-Hans = []\nen = []\n").is_err());
    }

    #[test]
    fn messages_read_as_a_strategist_would_read_them() {
        assert_eq!(of_text("珍珠奶茶好喝，推薦！"), 1);
        assert_eq!(of_text("等很久又很難喝，失望"), -1);
        assert_eq!(of_text("排队太久了，不过奶茶还不错"), 1);
        assert_eq!(of_text("请问几点开门？"), 0);
        assert_eq!(of_text("Thanks, love the new flavour!"), 1);
        assert_eq!(of_text("Still waiting for my refund."), -1);
        // Whole words only: "badge" is not "bad", "thanksgiving" not "thanks".
        assert_eq!(of_text("Thanksgiving badge"), 0);
        // A balance is neutral.
        assert_eq!(of_text("great staff, terrible coffee"), 0);
    }
}
