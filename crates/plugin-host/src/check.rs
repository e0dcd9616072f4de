//! `chuxin plugins check FILE`: load one file and exercise every method, reporting what is wrong.

use std::collections::HashSet;
use std::path::Path;

use chuxin_plugin_api::{CompareInput, CompareOutput, ComparisonInfo, PackSource, ReferenceRow};

use crate::error::{CallError, LoadError};
use crate::isolation::Isolation;
use crate::plugin::Plugin;

pub use chuxin_plugin_api::reference::METRICS;

/// What [`check_file`] found: the plugin, the answer of every method, and problems in the answers' content.
///
/// The pack TOML is not parsed here (the host does not know the pack format); the caller validates it.
#[derive(Debug)]
pub struct PluginSummary {
    /// The loaded plugin.
    pub plugin: Plugin,
    /// The answer of `packs`.
    pub packs: Result<Vec<PackSource>, CallError>,
    /// The answer of `benchmarks`.
    pub benchmarks: Result<Vec<ReferenceRow>, CallError>,
    /// The answer of `comparisons`.
    pub comparisons: Result<Vec<ComparisonInfo>, CallError>,
    /// The answer of `compare` for each listed comparison, run over an empty set of posts.
    pub compare_runs: Vec<(String, Result<CompareOutput, CallError>)>,
    /// Content problems in successful answers (an empty URL, a duplicate id, an incomplete translation…).
    pub problems: Vec<String>,
}

impl PluginSummary {
    /// Returns true if and only if every call succeeded and no problem was found.
    pub fn is_healthy(&self) -> bool {
        self.call_errors().is_empty() && self.problems.is_empty()
    }

    /// Every failed call.
    pub fn call_errors(&self) -> Vec<&CallError> {
        let mut errors: Vec<&CallError> = Vec::new();
        errors.extend(self.packs.as_ref().err());
        errors.extend(self.benchmarks.as_ref().err());
        errors.extend(self.comparisons.as_ref().err());
        errors.extend(self.compare_runs.iter().filter_map(|(_, r)| r.as_ref().err()));
        errors
    }
}

/// Loads the plugin file at `path` (with this program's isolation, see [`Plugin::load`]) and calls every method
/// once.
///
/// Fails only if the file cannot be loaded; failed calls and content problems are reported in the summary.
pub fn check_file(path: &Path) -> Result<PluginSummary, LoadError> {
    Plugin::load(path).map(|plugin| check_plugin(&plugin))
}

/// [`check_file`] with the given isolation.
pub fn check_file_with(path: &Path, isolation: &Isolation) -> Result<PluginSummary, LoadError> {
    Plugin::load_with(path, isolation).map(|plugin| check_plugin(&plugin))
}

/// Calls every method of a loaded plugin once and checks the answers' content.
pub fn check_plugin(plugin: &Plugin) -> PluginSummary {
    let packs = plugin.packs();
    let benchmarks = plugin.benchmarks();
    let comparisons = plugin.comparisons();
    let compare_runs = match &comparisons {
        Ok(list) => list
            .iter()
            .map(|info| {
                let input = CompareInput {
                    comparison: info.id.clone(),
                    client_brand: String::new(),
                    posts: Vec::new(),
                    ..CompareInput::default()
                };
                (info.id.clone(), plugin.compare(&input))
            })
            .collect(),
        Err(_) => Vec::new(),
    };
    let mut problems = Vec::new();
    if let Ok(packs) = &packs {
        check_packs(packs, &mut problems);
    }
    if let Ok(rows) = &benchmarks {
        check_rows(rows, &mut problems);
    }
    if let Ok(list) = &comparisons {
        check_comparisons(list, &mut problems);
    }
    PluginSummary {
        plugin: plugin.clone(),
        packs,
        benchmarks,
        comparisons,
        compare_runs,
        problems,
    }
}

fn check_packs(packs: &[PackSource], problems: &mut Vec<String>) {
    let mut ids = HashSet::new();
    for pack in packs {
        if !chuxin_plugin_api::is_valid_id(&pack.id) {
            problems.push(format!("pack id `{}` is not `[a-z0-9_-]+`", pack.id));
        }
        if !ids.insert(pack.id.as_str()) {
            problems.push(format!("pack id `{}` appears twice", pack.id));
        }
        if pack.industries.is_empty() || pack.industries.iter().any(|i| i.trim().is_empty()) {
            problems.push(format!("pack `{}` names no industry (or an empty one)", pack.id));
        }
        if pack.toml.trim().is_empty() {
            problems.push(format!("pack `{}` has no TOML", pack.id));
        }
    }
}

fn check_rows(rows: &[ReferenceRow], problems: &mut Vec<String>) {
    problems.extend(chuxin_plugin_api::reference::problems(rows));
}

fn check_comparisons(list: &[ComparisonInfo], problems: &mut Vec<String>) {
    let mut ids = HashSet::new();
    for info in list {
        if !ids.insert(info.id.as_str()) {
            problems.push(format!("comparison id `{}` appears twice", info.id));
        }
        if !info.title.is_complete() || !info.description.is_complete() {
            problems.push(format!(
                "comparison `{}` lacks a title or description in one of zh-Hant, zh-Hans, en",
                info.id
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(metric: &str, value: f64, url: &str) -> ReferenceRow {
        ReferenceRow {
            source: "Rival IQ".into(),
            report_year: 2023,
            data_year: Some("2022".into()),
            platform: "facebook".into(),
            region: Some("global".into()),
            industry: "all".into(),
            metric: metric.into(),
            actions: "likes, comments, shares".into(),
            denominator: "followers".into(),
            statistic: "median".into(),
            value,
            sample_size: None,
            url: url.into(),
            note: Some("all industries: no industry figure on file".into()),
        }
    }

    #[test]
    fn rows_are_checked() {
        let mut problems = Vec::new();
        check_rows(
            &[
                row("er_followers_per_post", 0.0006, "https://example.org/a"),
                row("er_followers_per_post", 6.0, "https://example.org/a"),
                row("likes", 1.0, "example.org"),
            ],
            &mut problems,
        );
        assert_eq!(problems.len(), 3, "{problems:#?}");
        assert!(problems[0].contains("is not a fraction"));
        assert!(problems[1].contains("is not an http(s) address"));
        assert!(problems[2].contains("unknown metric `likes`"));
    }
}
