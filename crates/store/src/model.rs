//! The records a workspace stores: its settings and its clients' audits. The client record itself is
//! `chuxin_core::Client`, shared with the report.

use chuxin_core::{Answers, Lang};
use serde::{Deserialize, Serialize};
use std::path::PathBuf;

/// Workspace settings (`chuxin.toml`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// The agency's name, shown on reports.
    pub name: String,
    /// Default language of output.
    #[serde(default)]
    pub lang: Lang,
    /// Extra folders searched for plugins, relative to the workspace.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub plugin_dirs: Vec<PathBuf>,
    /// A CJK-capable font for PNG charts.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub font: Option<PathBuf>,
    /// The agency's time zone (an IANA name such as `Asia/Taipei`): the day of new audits and benchmark runs.
    /// The machine's when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timezone: Option<String>,
}

/// Pack ids as written: `pack = "core"` or `packs = ["core", "retail"]`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
enum PackIds {
    One(String),
    Many(Vec<String>),
}

/// One audit of a client (`clients/<id>/audits/<audit id>.toml`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Audit {
    /// The audit id: the file name without `.toml` (the date, with `-2`… for a second audit that day).
    #[serde(skip)]
    pub id: String,
    /// The day the audit started, `YYYY-MM-DD`.
    pub date: String,
    /// The packs the audit used when last saved (informational; the client's industry decides).
    #[serde(default, alias = "pack", skip_serializing_if = "Option::is_none")]
    packs: Option<PackIds>,
    /// Where the terminal questionnaire stopped (index into the questionnaire), so that it can resume.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub position: Option<usize>,
    /// The answers.
    #[serde(default)]
    pub answers: Answers,
}

impl Audit {
    /// A new, empty audit.
    pub fn new(id: impl Into<String>, date: impl Into<String>) -> Audit {
        Audit {
            id: id.into(),
            date: date.into(),
            packs: None,
            position: None,
            answers: Answers::default(),
        }
    }

    /// Records the packs used.
    pub fn set_packs(&mut self, ids: Vec<String>) {
        self.packs = Some(PackIds::Many(ids));
    }

    /// The packs recorded in the file.
    pub fn packs(&self) -> Vec<String> {
        match &self.packs {
            None => Vec::new(),
            Some(PackIds::One(s)) => vec![s.clone()],
            Some(PackIds::Many(v)) => v.clone(),
        }
    }
}
