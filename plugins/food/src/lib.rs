//! chuxin's food, beverage & restaurants plugin.
//!
//! It brings three things to an audit of a food, beverage or restaurant client:
//!
//! * the `food` question pack (`pack.toml`): store-level reviews and check-ins, delivery-platform ratings,
//!   food-safety crisis playbook and first-response time, complaint handling, allergen information, menu claims,
//!   seasonal menus and creator visits, with four industry rules; it joins the core pack for the industries
//!   `food`, `beverage`, `restaurant` and `fnb`;
//! * public reference rows ([`benchmarks`]): Rival IQ's Facebook figure for Alcohol beside the same report's
//!   all-industry figure, all-industry figures where no food cell is public, and the Sprout Social Index's
//!   response figures;
//! * one comparison, `complaint_reply_share` ([`complaint_reply`]): the share of complaint posts or comments that
//!   received a brand reply, per brand.
//!
//! Built as a `cdylib`, it is loaded by `chuxin-plugin-host`; as an `rlib` its tests call it directly.

pub mod benchmarks;
pub mod complaint_reply;

use chuxin_plugin_api::{CompareInput, CompareOutput, ComparisonInfo, PackSource, Plugin, PluginError, ReferenceRow};

/// The pack TOML, embedded at build time.
pub const PACK_TOML: &str = include_str!("../pack.toml");

/// The industries the pack joins (the same list as `industries` in `pack.toml`).
pub const INDUSTRIES: [&str; 4] = ["food", "beverage", "restaurant", "fnb"];

/// The plugin.
#[derive(Debug, Default)]
pub struct Food;

impl Plugin for Food {
    fn packs(&self) -> Result<Vec<PackSource>, PluginError> {
        Ok(vec![PackSource::new("food", &INDUSTRIES, PACK_TOML)])
    }

    fn benchmarks(&self) -> Result<Vec<ReferenceRow>, PluginError> {
        Ok(benchmarks::rows())
    }

    fn comparisons(&self) -> Result<Vec<ComparisonInfo>, PluginError> {
        Ok(vec![complaint_reply::info()])
    }

    fn compare(&self, input: &CompareInput) -> Result<CompareOutput, PluginError> {
        match input.comparison.as_str() {
            complaint_reply::ID => Ok(complaint_reply::compare(input)),
            other => Err(PluginError::unknown_comparison(other, &[complaint_reply::ID])),
        }
    }
}

chuxin_plugin_api::export_plugin! {
    plugin: Food,
    id: "food",
    name: "Food, beverage & restaurants",
}
