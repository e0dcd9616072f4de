//! The stored benchmark run: what one `chuxin bench` found, as the workspace keeps it
//! (`clients/<id>/bench/<date>.json`), with the version of its layout.
//!
//! The type lives beside the engine that produces its parts (the window, each file's report, the comparisons,
//! the facts, the groups) so that a change to one of them and to the stored layout is one change.
//! `chuxin-store` saves and loads it; readers get a [`BenchRun`], never JSON text. [`BenchRun::from_json`] is the
//! one reader: it accepts every layout up to [`BenchRun::SCHEMA`] and refuses a newer one.
//!
//! Layouts: 1 (no `schema` field) had no data window and no file reports; 2 added both.

use crate::civil::PeriodKind;
use crate::compare::Comparison;
use crate::engine::IngestReport;
use crate::metrics::{GroupMetrics, Window};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The plugin protocol's records a run holds (a plugin's result and its three-language text), for readers of a
/// run that do not otherwise know the protocol.
pub use chuxin_plugin_api::{CompareOutput, CompareRow, LocalText};

/// The metric the time series of a run follows.
pub const SERIES_METRIC: &str = "interactions_per_post";

/// One metric over time: a line per brand.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Series {
    /// Metric id.
    pub metric: String,
    /// Period labels (`2024-03`, `2024-W10`, `2024-Q1`).
    pub periods: Vec<String>,
    /// One line per brand, a value per period.
    pub lines: Vec<(String, Vec<Option<f64>>)>,
}

/// What one benchmark run found, as stored in the workspace.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BenchRun {
    /// The layout version ([`BenchRun::SCHEMA`] when written; 1 when absent from the file).
    #[serde(default = "schema_one")]
    pub schema: u32,
    /// Day of the run.
    pub date: String,
    /// The client's brand name in the exports.
    pub client: String,
    /// Competitor brands compared.
    pub competitors: Vec<String>,
    /// The files read.
    pub files: Vec<String>,
    /// Period of the series.
    pub period: PeriodKind,
    /// Posts kept after removing duplicates.
    pub posts: usize,
    /// Rows skipped as invalid.
    pub skipped: usize,
    /// Duplicate posts removed.
    pub duplicates: usize,
    /// The data period compared, and each brand's own coverage (absent from layout 1).
    #[serde(default)]
    pub window: Option<Window>,
    /// What happened to each file: columns used or ignored, bad rows, duplicates, other brands (absent from
    /// layout 1).
    #[serde(default)]
    pub sources: Vec<IngestReport>,
    /// Figures for the diagnosis rules, by name.
    pub facts: BTreeMap<String, f64>,
    /// The comparison over all platforms.
    pub overall: Comparison,
    /// The comparison on each platform.
    pub by_platform: Vec<Comparison>,
    /// Interactions per post over time, by brand.
    pub series: Series,
    /// Every metric by brand × platform (and all platforms) × period.
    #[serde(default)]
    pub groups: Vec<GroupMetrics>,
    /// The plugins' own comparisons over the same posts.
    pub plugins: Vec<CompareOutput>,
    /// Reply matching over the conversation exports: messages, inbound, answered, and what could not be
    /// matched, with lines (absent when the run read no conversation export).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub conversation: Option<crate::engine::ConversationReport>,
    /// The market the reference rows were chosen for (`tw`, `cn`…; absent from runs stored before markets).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub market: Option<String>,
    /// The plugins' reference rows that do not apply to the client (another market's platforms, another
    /// population), each with the reason ([`crate::reference`]); the comparisons hold only the rows that apply.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub references_left_out: Vec<crate::reference::LeftOutReference>,
    /// What the reader should know (missing competitors, plugins that failed, a run of an earlier layout).
    pub warnings: Vec<String>,
}

fn schema_one() -> u32 {
    1
}

/// Why a stored run cannot be read.
#[derive(Debug, thiserror::Error)]
pub enum RunReadError {
    /// The text is not a run of any known layout.
    #[error(transparent)]
    Json(#[from] serde_json::Error),
    /// The run was written by a newer chuxin.
    #[error(
        "stored by a newer chuxin (layout {found}; this one reads up to {}): update chuxin",
        BenchRun::SCHEMA
    )]
    Newer {
        /// The layout the file declares.
        found: u32,
    },
}

impl BenchRun {
    /// The layout version this chuxin writes, and the newest it reads.
    pub const SCHEMA: u32 = 2;

    /// Reads a stored run of any layout up to [`BenchRun::SCHEMA`]. A run of layout 1 gets a warning saying what
    /// it lacks (the data period and the column report), which the report shows.
    pub fn from_json(text: &str) -> Result<BenchRun, RunReadError> {
        let mut run: BenchRun = serde_json::from_str(text)?;
        if run.schema > BenchRun::SCHEMA {
            return Err(RunReadError::Newer { found: run.schema });
        }
        if run.schema < 2 {
            run.warnings.push(format!(
                "this run ({}) was stored by an earlier chuxin: it states no data period and no column report; run `chuxin bench` again for them",
                run.date
            ));
        }
        Ok(run)
    }

    /// The run as stored: pretty JSON in the current layout.
    pub fn to_json(&self) -> String {
        let current = BenchRun {
            schema: BenchRun::SCHEMA,
            ..self.clone()
        };
        // Every field is a string, a number, a list or a map with string keys: serialising cannot fail.
        serde_json::to_string_pretty(&current).expect("a run serialises")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn minimal(schema: Option<u32>) -> String {
        let schema = schema.map_or(String::new(), |s| format!("\"schema\": {s},"));
        format!(
            r#"{{ {schema} "date": "2026-11-01", "client": "Acme", "competitors": ["Rival"], "files": ["p.csv"],
            "period": "month", "posts": 3, "skipped": 1, "duplicates": 0, "facts": {{ "posts_per_week": 1.5 }},
            "overall": {{ "client": "Acme", "competitors": ["Rival"], "missing": [], "platform": null, "period": null,
            "metrics": [] }},
            "by_platform": [], "series": {{ "metric": "interactions_per_post", "periods": [], "lines": [] }},
            "plugins": [], "warnings": [] }}"#
        )
    }

    #[test]
    fn a_run_of_the_first_layout_loads_and_says_what_it_lacks() {
        let run = BenchRun::from_json(&minimal(None)).unwrap();
        assert_eq!(run.schema, 1);
        assert_eq!(run.window, None);
        assert!(run.sources.is_empty());
        assert_eq!(run.facts["posts_per_week"], 1.5);
        assert_eq!(run.warnings.len(), 1);
        assert!(run.warnings[0].starts_with("this run (2026-11-01) was stored by an earlier chuxin"));
    }

    #[test]
    fn a_run_round_trips_in_the_current_layout() {
        let run = BenchRun::from_json(&minimal(Some(2))).unwrap();
        assert!(run.warnings.is_empty());
        let again = BenchRun::from_json(&run.to_json()).unwrap();
        assert_eq!(again, run);
        // An old run written again is written in the current layout.
        let old = BenchRun::from_json(&minimal(None)).unwrap();
        assert_eq!(BenchRun::from_json(&old.to_json()).unwrap().schema, BenchRun::SCHEMA);
    }

    #[test]
    fn a_run_of_a_newer_layout_is_refused() {
        let err = BenchRun::from_json(&minimal(Some(3))).unwrap_err();
        assert_eq!(
            err.to_string(),
            "stored by a newer chuxin (layout 3; this one reads up to 2): update chuxin"
        );
    }
}
