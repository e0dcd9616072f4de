//! [`Client`]: one client of the agency — the one definition the workspace stores, the benchmark compares
//! (its brand and competitors) and the report names.

use crate::Lang;
use serde::{Deserialize, Serialize};

/// The markets a client can be given (`client add/edit --market`).
pub const MARKETS: [&str; 4] = ["tw", "hk", "cn", "global"];

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
    /// The market the client is audited in: `tw`, `hk`, `cn` or `global` (stored; see [`MARKETS`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
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

impl Client {
    /// The brand name under which the client appears in benchmark exports.
    pub fn brand(&self) -> &str {
        self.brand.as_deref().unwrap_or(&self.name)
    }
}
