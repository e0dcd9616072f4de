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

/// The lexicon, ready to match: one automaton over every word (ASCII case ignored), and each word's polarity
/// and whether it must stand as a whole word (English).
struct Lexicon {
    words: aho_corasick::AhoCorasick,
    /// Per pattern: +1 or −1, and whether it is English.
    kinds: Vec<(i32, bool)>,
}

fn parse(text: &str) -> Result<Lexicon, String> {
    let file: File = toml::from_str(text).map_err(|e| e.to_string())?;
    let mut patterns = Vec::new();
    let mut kinds = Vec::new();
    for (sign, s) in [(1, file.positive), (-1, file.negative)] {
        for w in s.zh_hant.into_iter().chain(s.zh_hans) {
            if w.chars().count() < 2 {
                return Err(format!("`{w}`: a Chinese word must be at least two characters"));
            }
            patterns.push(w);
            kinds.push((sign, false));
        }
        for w in s.en {
            patterns.push(w.to_lowercase());
            kinds.push((sign, true));
        }
    }
    let words = aho_corasick::AhoCorasick::builder()
        .ascii_case_insensitive(true)
        .build(&patterns)
        .map_err(|e| e.to_string())?;
    Ok(Lexicon { words, kinds })
}

fn lexicon() -> &'static Lexicon {
    static LEXICON: LazyLock<Lexicon> = LazyLock::new(|| {
        parse(LEXICON_TOML).unwrap_or_else(|e| panic!("data/vocabulary/sentiment.toml (compiled in) is invalid: {e}"))
    });
    &LEXICON
}

/// The sentiment of `text` by the lexicon: 1 positive, −1 negative, 0 neutral. Each word counts once however
/// often it occurs; English words only as whole words.
pub fn of_text(text: &str) -> i8 {
    let l = lexicon();
    let mut seen: Vec<usize> = Vec::new();
    let mut score = 0;
    for m in l.words.find_overlapping_iter(text) {
        let id = m.pattern().as_usize();
        let (sign, english) = l.kinds[id];
        if english {
            let before = text[..m.start()].chars().next_back();
            let after = text[m.end()..].chars().next();
            if before.is_some_and(char::is_alphanumeric) || after.is_some_and(char::is_alphanumeric) {
                continue;
            }
        }
        if !seen.contains(&id) {
            seen.push(id);
            score += sign;
        }
    }
    score.signum() as i8
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
