//! [`Client`]: one client of the agency — the one definition the workspace stores, the benchmark compares
//! (its brand and competitors) and the report names.

use crate::Lang;
use serde::{Deserialize, Serialize};

/// One client of the agency, as the workspace stores it (`clients/<id>/client.toml`) and the report names it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Client {
    /// Folder-safe id (the store checks it before it names a folder).
    pub id: String,
    /// Display name.
    pub name: String,
    /// Industry; picks industry packs (`retail`, `food`, `finance`…).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub industry: Option<String>,
    /// The market the client is audited in, one of [`crate::market::markets`] (`tw`, `hk`, `cn`, `global`); none:
    /// the default market, the seed's (`cn`).
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "known_market")]
    pub market: Option<String>,
    /// Channels operated (`weibo`, `wechat`, `instagram`…).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub channels: Vec<String>,
    /// Competitors, by the brand names used in benchmark exports.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub competitors: Vec<String>,
    /// The client's own brand name in benchmark exports, when it differs from `name`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub brand: Option<String>,
    /// The language of this client's outputs (`client add --lang`), when it differs from the workspace's; a
    /// command's `--lang` still overrides it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lang: Option<Lang>,
}

/// A stored market must be a known one: a hand-edited `client.toml` with another is refused where it is read,
/// naming the line.
fn known_market<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    let given = String::deserialize(d)?;
    let markets = crate::market::markets();
    match markets.resolve(Some(&given)) {
        Ok(m) => Ok(Some(m.id.clone())),
        Err(m) => Err(serde::de::Error::custom(format!(
            "unknown market `{m}`; known markets: {}",
            markets.ids().join(", ")
        ))),
    }
}

impl Client {
    /// The brand name under which the client appears in benchmark exports.
    pub fn brand(&self) -> &str {
        self.brand.as_deref().unwrap_or(&self.name)
    }

    /// The market the client is audited in: its own, else the default (the seed's, `cn`). A market no longer known
    /// (never stored by chuxin: the store refuses one on reading) falls back to the default too.
    pub fn market(&self) -> &'static crate::market::Market {
        let markets = crate::market::markets();
        markets
            .resolve(self.market.as_deref())
            .or_else(|_| markets.resolve(None))
            .unwrap_or(&markets.markets[0])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_stored_market_is_a_known_one_and_none_means_the_seed_s() {
        let c: Client = toml::from_str("id = \"a\"\nname = \"A\"\nmarket = \"TW\"\n").unwrap();
        assert_eq!((c.market.as_deref(), c.market().id.as_str()), (Some("tw"), "tw"));
        let none: Client = toml::from_str("id = \"a\"\nname = \"A\"\n").unwrap();
        assert_eq!((none.market.as_deref(), none.market().id.as_str()), (None, "cn"));
        let err = toml::from_str::<Client>("id = \"a\"\nname = \"A\"\nmarket = \"jp\"\n").unwrap_err();
        assert!(err.to_string().contains("line 3"), "{err}");
        assert_eq!(err.message(), "unknown market `jp`; known markets: tw, hk, cn, global");
    }
}
