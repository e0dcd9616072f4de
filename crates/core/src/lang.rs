//! Localised text: the three languages chuxin speaks and the [`Text`] that holds one string in each.
//!
//! Every user-facing string of a pack is a `Text`. A missing or empty translation is a validation error
//! (see [`crate::pack`]), so rendering never has to fall back.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fmt;
use std::str::FromStr;

/// One of the three languages of chuxin's content.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
pub enum Lang {
    /// Traditional Chinese, the seed article's own script.
    #[default]
    #[serde(rename = "zh-Hant")]
    ZhHant,
    /// Simplified Chinese.
    #[serde(rename = "zh-Hans")]
    ZhHans,
    /// English.
    #[serde(rename = "en")]
    En,
}

impl Lang {
    /// All languages, in the order packs list them.
    pub const ALL: [Lang; 3] = [Lang::ZhHant, Lang::ZhHans, Lang::En];

    /// The BCP 47 tag: `zh-Hant`, `zh-Hans` or `en`.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::ZhHant => "zh-Hant",
            Lang::ZhHans => "zh-Hans",
            Lang::En => "en",
        }
    }

    /// Picks the string for this language from a triple written in pack order.
    pub fn pick<'a>(self, zh_hant: &'a str, zh_hans: &'a str, en: &'a str) -> &'a str {
        match self {
            Lang::ZhHant => zh_hant,
            Lang::ZhHans => zh_hans,
            Lang::En => en,
        }
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.tag())
    }
}

impl FromStr for Lang {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.to_ascii_lowercase().replace('_', "-").as_str() {
            "zh-hant" | "zh-tw" | "zh-hk" => Ok(Lang::ZhHant),
            "zh-hans" | "zh-cn" | "zh" => Ok(Lang::ZhHans),
            "en" | "en-us" | "en-gb" => Ok(Lang::En),
            _ => Err(format!("unknown language `{s}`: expected zh-Hant, zh-Hans or en")),
        }
    }
}

/// A string in each of the three languages, and, in a pack not yet resolved for a market, the variants some markets
/// say instead (`help.tw = { ... }`; see [`crate::market`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Text {
    /// Traditional Chinese.
    #[serde(rename = "zh-Hant")]
    pub zh_hant: String,
    /// Simplified Chinese.
    #[serde(rename = "zh-Hans")]
    pub zh_hans: String,
    /// English.
    pub en: String,
    /// What a market says instead, by market id; empty once a pack is resolved for a market.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub markets: BTreeMap<String, Text>,
}

impl Text {
    /// Builds a text from its three translations.
    pub fn new(zh_hant: impl Into<String>, zh_hans: impl Into<String>, en: impl Into<String>) -> Self {
        Text {
            zh_hant: zh_hant.into(),
            zh_hans: zh_hans.into(),
            en: en.into(),
            markets: BTreeMap::new(),
        }
    }

    /// The text as `market` says it: its variant for that market if it has one, else itself, without variants.
    pub fn for_market(&self, market: &str) -> Text {
        match self.markets.get(market) {
            Some(v) => Text::new(v.zh_hant.clone(), v.zh_hans.clone(), v.en.clone()),
            None => Text::new(self.zh_hant.clone(), self.zh_hans.clone(), self.en.clone()),
        }
    }

    /// The string in `lang`.
    pub fn get(&self, lang: Lang) -> &str {
        lang.pick(&self.zh_hant, &self.zh_hans, &self.en)
    }

    /// Returns true if and only if any translation equals `s`, ignoring ASCII case and surrounding spaces.
    pub fn matches(&self, s: &str) -> bool {
        let s = s.trim();
        Lang::ALL.iter().any(|l| self.get(*l).trim().eq_ignore_ascii_case(s))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[track_caller]
    fn case(input: &str, expected: Option<Lang>) {
        assert_eq!(input.parse::<Lang>().ok(), expected);
    }

    #[test]
    fn parses_tags() {
        case("zh-Hant", Some(Lang::ZhHant));
        case("zh_TW", Some(Lang::ZhHant));
        case("zh-Hans", Some(Lang::ZhHans));
        case("zh-CN", Some(Lang::ZhHans));
        case("EN", Some(Lang::En));
        case("fr", None);
    }

    #[test]
    fn text_matches_any_language() {
        let t = Text::new("是", "是", "Yes");
        assert!(t.matches(" yes "));
        assert!(t.matches("是"));
        assert!(!t.matches("no"));
    }
}
