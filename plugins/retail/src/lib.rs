//! chuxin's retail, FMCG & beauty plugin.
//!
//! It brings three things to an audit of a retail or consumer-goods client:
//!
//! * the `retail` question pack (`pack.toml`): promotion calendar and mix, live commerce, reviews and UGC,
//!   KOL/KOC seeding, owned membership channels (私域), product-claim review, store staff, service routing and
//!   sales attribution, with five industry rules; it joins the core pack for the industries `retail`, `fmcg`,
//!   `beauty` and `ecommerce`;
//! * public reference rows ([`benchmarks`]): Rival IQ's Instagram figure for Health & Beauty, and all-industry
//!   figures where no retail cell is public;
//! * one comparison, `promo_lift` ([`promo_lift`]): the engagement lift of promotional over organic posts, per
//!   brand.
//!
//! Built as a `cdylib`, it is loaded by `chuxin-plugin-host`; as an `rlib` its tests call it directly.

pub mod benchmarks;
pub mod promo_lift;

use chuxin_plugin_api::{CompareInput, CompareOutput, ComparisonInfo, PackSource, Plugin, PluginError, ReferenceRow};

/// The pack TOML, embedded at build time.
pub const PACK_TOML: &str = include_str!("../pack.toml");

/// The industries the pack joins (the same list as `industries` in `pack.toml`).
pub const INDUSTRIES: [&str; 4] = ["retail", "fmcg", "beauty", "ecommerce"];

/// The plugin.
#[derive(Debug, Default)]
pub struct Retail;

impl Plugin for Retail {
    fn packs(&self) -> Result<Vec<PackSource>, PluginError> {
        Ok(vec![PackSource::new("retail", &INDUSTRIES, PACK_TOML)])
    }

    fn benchmarks(&self) -> Result<Vec<ReferenceRow>, PluginError> {
        Ok(benchmarks::rows())
    }

    fn comparisons(&self) -> Result<Vec<ComparisonInfo>, PluginError> {
        Ok(vec![promo_lift::info()])
    }

    fn compare(&self, input: &CompareInput) -> Result<CompareOutput, PluginError> {
        match input.comparison.as_str() {
            promo_lift::ID => Ok(promo_lift::compare(input)),
            other => Err(PluginError::unknown_comparison(other, &[promo_lift::ID])),
        }
    }
}

chuxin_plugin_api::export_plugin! {
    plugin: Retail,
    id: "retail",
    name: "Retail, FMCG & beauty",
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_comparisons_are_refused() {
        let input = CompareInput {
            comparison: "nope".into(),
            ..CompareInput::default()
        };
        let err = Retail.compare(&input).unwrap_err();
        assert_eq!(
            err.message(),
            "unknown comparison `nope`: this plugin offers `promo_lift`"
        );
    }
}
