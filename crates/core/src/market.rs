//! Markets: where a client is audited (`tw`, `hk`, `cn`, `global`), kept as data in `data/markets.toml` and
//! compiled in. A market names the channels that matter there (platform ids of the benchmark, with the label the
//! questionnaire gives each in that market); packs use it to offer per-market options and texts
//! ([`crate::Pack::for_market`]), and the diagnosis to count the audience's channels a client does not run
//! ([`unserved_channels`]). A client without a market is audited in the [`Markets::default`] one, the market the
//! seed article was written for.

use crate::lang::Text;
use serde::Deserialize;
use std::sync::OnceLock;

/// The markets as data (`data/markets.toml`).
pub const MARKETS_TOML: &str = include_str!("../../../data/markets.toml");

/// The fact the diagnosis gets from the market and the answers about channels: how many of the channels the client
/// says its audience uses it does not run (see [`unserved_channels`]).
pub const AUDIENCE_CHANNELS_UNSERVED: &str = "audience_channels_unserved";

/// The question whose answer lists the channels the client's audience uses (options: the market's channels).
pub const AUDIENCE_QUESTION: &str = "exe.audience_channels";

/// The question whose answer lists the channels the client runs (options: the market's channels).
pub const RUN_QUESTION: &str = "exe.channels_run";

/// Every market, and the one a client without a market is audited in.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Markets {
    /// The market of a client that has none: the seed's.
    pub default: String,
    /// The markets, in the order they are listed to users.
    pub markets: Vec<Market>,
}

/// One market.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Market {
    /// `tw`, `hk`, `cn`, `global`.
    pub id: String,
    /// Its name, as reports show it.
    pub name: Text,
    /// The channels that matter there, in the order the questionnaire offers them.
    pub channels: Vec<Channel>,
}

/// A channel of a market.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Channel {
    /// The benchmark's platform id (`facebook`, `line`, `wechat`).
    pub id: String,
    /// How the questionnaire offers it in this market (`LINE 官方帳號`).
    pub label: Text,
}

impl Markets {
    /// The market with this id.
    pub fn get(&self, id: &str) -> Option<&Market> {
        self.markets.iter().find(|m| m.id == id)
    }

    /// The market ids, in order.
    pub fn ids(&self) -> Vec<&str> {
        self.markets.iter().map(|m| m.id.as_str()).collect()
    }

    /// The market a client of market `id` is audited in: that one, or the default for none; `Err` with the id
    /// trimmed and lower-cased when no market has it.
    pub fn resolve(&self, id: Option<&str>) -> Result<&Market, String> {
        let id = id.map(|s| s.trim().to_lowercase());
        let id = id.as_deref().unwrap_or(&self.default);
        self.get(id).ok_or_else(|| id.to_string())
    }
}

/// The built-in markets, parsed once.
pub fn markets() -> &'static Markets {
    static BUILTIN: OnceLock<Markets> = OnceLock::new();
    BUILTIN.get_or_init(|| {
        // Compiled in and checked by the tests below: failing here is a bug in the build itself.
        parse(MARKETS_TOML).unwrap_or_else(|e| panic!("data/markets.toml: {e}"))
    })
}

/// Parses and checks a markets file: ids unique and `[a-z]+`, the default one of them, channels unique per market
/// and at least two, every text in all three languages.
pub fn parse(src: &str) -> Result<Markets, String> {
    let m: Markets = toml::from_str(src).map_err(|e| e.to_string())?;
    let mut seen = Vec::new();
    for (i, market) in m.markets.iter().enumerate() {
        if market.id.is_empty() || !market.id.chars().all(|c| c.is_ascii_lowercase()) || seen.contains(&market.id) {
            return Err(format!(
                "markets[{i}].id: `{}` is empty, not a-z or repeated",
                market.id
            ));
        }
        seen.push(market.id.clone());
        let mut channels = Vec::new();
        for (k, c) in market.channels.iter().enumerate() {
            if channels.contains(&c.id) {
                return Err(format!("markets[{i}].channels[{k}].id: `{}` is repeated", c.id));
            }
            channels.push(c.id.clone());
            check_text(&c.label, &format!("markets[{i}].channels[{k}].label"))?;
        }
        if channels.len() < 2 {
            return Err(format!("markets[{i}].channels: a market needs at least 2 channels"));
        }
        check_text(&market.name, &format!("markets[{i}].name"))?;
    }
    if !seen.contains(&m.default) {
        return Err(format!("default: `{}` is not a market", m.default));
    }
    Ok(m)
}

fn check_text(t: &Text, path: &str) -> Result<(), String> {
    if [&t.zh_hant, &t.zh_hans, &t.en].iter().any(|s| s.trim().is_empty()) || !t.markets.is_empty() {
        return Err(format!("{path}: every language, no market variants"));
    }
    Ok(())
}

/// The channels of `audience` (platform ids) that are not in `runs`, in the audience's order: the audience's
/// channels the client does not run.
pub fn unserved_channels<'a>(audience: &'a [String], runs: &[String]) -> Vec<&'a str> {
    audience
        .iter()
        .filter(|a| !runs.contains(a))
        .map(String::as_str)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn channels(m: &str) -> Vec<&'static str> {
        markets()
            .get(m)
            .unwrap()
            .channels
            .iter()
            .map(|c| c.id.as_str())
            .collect()
    }

    #[test]
    fn the_built_in_markets_are_the_documented_four_with_the_seed_s_market_as_default() {
        assert_eq!(markets().ids(), ["tw", "hk", "cn", "global"]);
        assert_eq!(markets().default, "cn");
        assert_eq!(markets().resolve(None).unwrap().id, "cn");
        assert_eq!(markets().resolve(Some(" TW ")).unwrap().id, "tw");
        assert_eq!(markets().resolve(Some("jp")).unwrap_err(), "jp");
    }

    #[test]
    fn each_market_lists_the_channels_its_strategists_run() {
        assert_eq!(
            channels("tw"),
            [
                "facebook",
                "instagram",
                "line",
                "threads",
                "youtube",
                "dcard",
                "ptt",
                "google_maps"
            ]
        );
        for c in ["facebook", "instagram", "whatsapp", "youtube", "openrice", "lihkg"] {
            assert!(channels("hk").contains(&c), "hk lacks {c}");
        }
        for c in [
            "weibo",
            "wechat",
            "douyin",
            "xiaohongshu",
            "bilibili",
            "zhihu",
            "dianping",
            "meituan",
        ] {
            assert!(channels("cn").contains(&c), "cn lacks {c}");
        }
        for c in ["facebook", "instagram", "youtube", "tiktok", "x", "linkedin"] {
            assert!(channels("global").contains(&c), "global lacks {c}");
        }
        let line = &markets().get("tw").unwrap().channels[2].label;
        assert_eq!(
            (line.zh_hant.as_str(), line.en.as_str()),
            ("LINE 官方帳號", "LINE Official Account")
        );
    }

    #[test]
    fn a_bad_markets_file_is_refused_with_the_key() {
        let one = r#"default = "tw"
[[markets]]
id = "tw"
name = { zh-Hant = "台灣", zh-Hans = "台湾", en = "Taiwan" }
channels = [{ id = "line", label = { zh-Hant = "LINE", zh-Hans = "LINE", en = "LINE" } }]
"#;
        assert_eq!(
            parse(one).unwrap_err(),
            "markets[0].channels: a market needs at least 2 channels"
        );
        let default = one.replace("default = \"tw\"", "default = \"jp\"").replace(
            "channels = [",
            "channels = [{ id = \"ptt\", label = { zh-Hant = \"P\", zh-Hans = \"P\", en = \"P\" } }, ",
        );
        assert_eq!(parse(&default).unwrap_err(), "default: `jp` is not a market");
    }

    #[test]
    fn unserved_channels_are_the_audience_s_channels_the_client_does_not_run() {
        let v = |s: &[&str]| s.iter().map(|x| x.to_string()).collect::<Vec<_>>();
        let audience = v(&["instagram", "threads", "dcard", "facebook"]);
        assert_eq!(
            unserved_channels(&audience, &v(&["facebook"])),
            ["instagram", "threads", "dcard"]
        );
        assert!(unserved_channels(&audience, &audience).is_empty());
        assert!(unserved_channels(&[], &v(&["facebook"])).is_empty());
    }
}
