//! chuxin's financial services plugin (banking, insurance, securities).
//!
//! It brings three things to an audit of a financial client:
//!
//! * the `finance` question pack (`pack.toml`): compliance pre-approval and its speed, risk-disclosure wording,
//!   complaint escalation, personal data in replies, record keeping, impersonation scams, financial education,
//!   and what employees and finfluencers say, with five industry rules; it joins the core pack for the
//!   industries `finance`, `banking`, `insurance` and `securities`;
//! * public reference rows ([`benchmarks`]): no public figure specific to financial services is on file, so the
//!   plugin ships all-industry rows only, and says so;
//! * one comparison, `compliance_risk_share` ([`risk_wording`]): the share of each brand's posts whose text uses
//!   wording that promises returns or denies risk.
//!
//! Built as a `cdylib`, it is loaded by `chuxin-plugin-host`; as an `rlib` its tests call it directly.

pub mod benchmarks;
pub mod risk_wording;

use chuxin_plugin_api::{CompareInput, CompareOutput, ComparisonInfo, PackSource, Plugin, PluginError, ReferenceRow};

/// The pack TOML, embedded at build time.
pub const PACK_TOML: &str = include_str!("../pack.toml");

/// The industries the pack joins (the same list as `industries` in `pack.toml`).
pub const INDUSTRIES: [&str; 4] = ["finance", "banking", "insurance", "securities"];

/// The plugin.
#[derive(Debug, Default)]
pub struct Finance;

impl Plugin for Finance {
    fn packs(&self) -> Result<Vec<PackSource>, PluginError> {
        Ok(vec![PackSource::new("finance", &INDUSTRIES, PACK_TOML)])
    }

    fn benchmarks(&self) -> Result<Vec<ReferenceRow>, PluginError> {
        Ok(benchmarks::rows())
    }

    fn comparisons(&self) -> Result<Vec<ComparisonInfo>, PluginError> {
        Ok(vec![risk_wording::info()])
    }

    fn compare(&self, input: &CompareInput) -> Result<CompareOutput, PluginError> {
        match input.comparison.as_str() {
            risk_wording::ID => Ok(risk_wording::compare(input)),
            other => Err(PluginError::unknown_comparison(other, &[risk_wording::ID])),
        }
    }
}

chuxin_plugin_api::export_plugin! {
    plugin: Finance,
    id: "finance",
    name: "Financial services",
}
