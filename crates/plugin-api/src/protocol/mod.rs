//! The JSON protocol: what the methods of [`crate::Plugin`] take and return.
//!
//! The host calls a plugin with a method name and a JSON input, and gets JSON back. The types here are that JSON,
//! shared by both sides through serde. The methods are:
//!
//! | method ([`Method`]) | input | output |
//! |---|---|---|
//! | `packs` | `null` | `Vec<`[`PackSource`]`>` |
//! | `benchmarks` | `null` | `Vec<`[`ReferenceRow`]`>` |
//! | `comparisons` | `null` | `Vec<`[`ComparisonInfo`]`>` |
//! | `compare` | [`CompareInput`] | [`CompareOutput`] |
//!
//! A failed call returns [`ErrorReply`] instead of the output.
//!
//! # Protocol versions
//!
//! [`PROTOCOL_VERSION`] counts the additions; `chuxin-plugin-api`'s minor version moves with it (protocol 2 is
//! `chuxin-plugin-api` 0.2), and a plugin's descriptor records the crate version it was built against.
//!
//! | protocol | crate | adds |
//! |---|---|---|
//! | 1 | 0.1 | the four methods; posts in `compare` |
//! | 2 | 0.2 | conversation messages: `message.FIELD` entries in [`ComparisonInfo::needs`] (what a comparison reads), [`CompareInput::messages`] and [`CompareInput::messages_left_out`] ([`MessageRecord`]); what a comparison's rows count, [`CompareOutput::counted`] |
//! | 3 | 0.3 | [`ReferenceRow::region`]: the population a reference row describes (`global`, `tw`, `us`…) |
//!
//! A host sends a protocol-2 field only to a comparison that asked for it, so a plugin built for protocol 1
//! (which cannot ask) gets exactly the input it always got; a protocol-2 plugin on a protocol-1 host gets no
//! messages and says so in its rows' notes. A protocol-2 plugin's reference rows have no `region` and still load;
//! the host lists them as left out of a client's comparison (their population unstated) rather than show them as
//! the client's market's figures, and an older host ignores the field.
//!
//! # Evolving the protocol
//!
//! The protocol changes only by *adding* things: a new method, or a new field that is optional (`Option`) or has a
//! serde default. Neither side denies unknown fields, so an old host ignores a new field and an old plugin answers a
//! new method with an "unknown method" error. Renaming or removing a field, or changing its meaning, needs a new
//! [`ABI_VERSION`](crate::ABI_VERSION).

mod compare;
mod reference;

/// The version of the JSON protocol this crate speaks; see "Protocol versions" above.
pub const PROTOCOL_VERSION: u32 = 3;

pub use compare::{
    CompareInput, CompareOutput, CompareRow, ComparisonInfo, MAX_MESSAGE_BYTES, MESSAGE_TEXT_CHARS, MessageRecord,
    PostRecord,
};
pub use reference::ReferenceRow;

use serde::{Deserialize, Serialize};

/// A user-facing text in chuxin's three languages: Traditional Chinese, Simplified Chinese and English.
///
/// In JSON (and in pack TOML) the keys are `zh-Hant`, `zh-Hans` and `en`; all three are required.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LocalText {
    /// Traditional Chinese (`zh-Hant`).
    #[serde(rename = "zh-Hant")]
    pub zh_hant: String,
    /// Simplified Chinese (`zh-Hans`).
    #[serde(rename = "zh-Hans")]
    pub zh_hans: String,
    /// English (`en`).
    pub en: String,
}

impl LocalText {
    /// Builds a text from its three languages, in the order `zh-Hant`, `zh-Hans`, `en`.
    pub fn new(zh_hant: impl Into<String>, zh_hans: impl Into<String>, en: impl Into<String>) -> LocalText {
        LocalText {
            zh_hant: zh_hant.into(),
            zh_hans: zh_hans.into(),
            en: en.into(),
        }
    }

    /// Returns true if and only if none of the three languages is empty or blank.
    pub fn is_complete(&self) -> bool {
        [&self.zh_hant, &self.zh_hans, &self.en]
            .iter()
            .all(|s| !s.trim().is_empty())
    }
}

/// A question pack carried by a plugin, in the pack TOML format of `docs/pack-format.md`.
///
/// The host does not parse the TOML: the caller validates it with the same parser as the core pack.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PackSource {
    /// The pack's id, equal to the `id` key inside the TOML (for example `retail`).
    pub id: String,
    /// The client industries this pack joins, equal to the `industries` key inside the TOML.
    pub industries: Vec<String>,
    /// The pack itself, as TOML text.
    pub toml: String,
}

impl PackSource {
    /// Builds a pack from its id, the industries it joins and its TOML text.
    pub fn new(id: impl Into<String>, industries: &[&str], toml: impl Into<String>) -> PackSource {
        PackSource {
            id: id.into(),
            industries: industries.iter().map(|&i| i.to_owned()).collect(),
            toml: toml.into(),
        }
    }
}

/// The methods a host may call, with their names on the wire.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Method {
    /// `packs`: the plugin's question packs.
    Packs,
    /// `benchmarks`: the plugin's public reference rows.
    Benchmarks,
    /// `comparisons`: the computed comparisons the plugin offers.
    Comparisons,
    /// `compare`: run one comparison over posts.
    Compare,
}

impl Method {
    /// Every method, in the order above.
    pub const ALL: [Method; 4] = [Method::Packs, Method::Benchmarks, Method::Comparisons, Method::Compare];

    /// The method's name on the wire.
    pub const fn name(self) -> &'static str {
        match self {
            Method::Packs => "packs",
            Method::Benchmarks => "benchmarks",
            Method::Comparisons => "comparisons",
            Method::Compare => "compare",
        }
    }

    /// Looks a method up by its wire name.
    pub fn from_name(name: &str) -> Option<Method> {
        Method::ALL.into_iter().find(|m| m.name() == name)
    }
}

impl std::fmt::Display for Method {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// The JSON body of a failed call: `{"error": "…"}` for an error the plugin reported, `{"panic": "…"}` for a
/// panic it caught.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ErrorReply {
    /// The error message, when the plugin returned an error ([`STATUS_ERROR`](crate::STATUS_ERROR)).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
    /// The panic message, when the plugin panicked ([`STATUS_PANIC`](crate::STATUS_PANIC)).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub panic: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn local_text_uses_bcp47_keys() {
        let text = LocalText::new("零售", "零售", "Retail");
        let json = serde_json::to_string(&text).unwrap();
        assert_eq!(json, r#"{"zh-Hant":"零售","zh-Hans":"零售","en":"Retail"}"#);
        assert!(text.is_complete());
        assert!(!LocalText::new("零售", " ", "Retail").is_complete());
    }

    #[test]
    fn pack_source_new_copies_its_parts() {
        let pack = PackSource::new("hotel", &["hotel", "hospitality"], "id = \"hotel\"");
        assert_eq!(
            pack,
            PackSource {
                id: "hotel".into(),
                industries: vec!["hotel".into(), "hospitality".into()],
                toml: "id = \"hotel\"".into(),
            }
        );
    }

    #[test]
    fn method_names_round_trip() {
        for m in Method::ALL {
            assert_eq!(Method::from_name(m.name()), Some(m));
        }
        assert_eq!(Method::from_name("unload"), None);
    }
}
