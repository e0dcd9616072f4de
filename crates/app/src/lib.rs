//! # chuxin-app: the use cases of chuxin
//!
//! The layer cargo calls `ops`: each thing an agency does with chuxin is one function here, joining the library
//! crates (the workspace on disk, the engine, the packs, the plugins, the report, the charts). The binary parses
//! the command line, calls one of these and renders what it returns; no command calls another, and this crate
//! knows no terminal: it returns typed results and [`AppError`]s, and tells an [`Observer`] of warnings and
//! progress.
//!
//! | module | owns |
//! |---|---|
//! | [`session`] | [`Session`]: the workspace, language, plugins, packs and stored runs one command shares |
//! | [`clock`] | today's date in the agency's time zone: the one place the clock is read |
//! | [`audit`] | an audit session: catalog → checked audit → the run that belongs with it → scores |
//! | [`bench`] | a benchmark run: exports in, a [`chuxin_store::BenchRun`] out |
//! | [`report`] | an audit's report written to a folder; the portfolio |
//! | [`charts`] | a run's charts and an audit's radar drawn to files |
//! | [`aggregate`] | `aggregate`: the engine over any exports, by brand × platform × month |
//! | [`questionnaire`] | the questionnaire's audit, questions and starting point |
//! | [`demo`] | the whole pipeline on the sample agency |
//! | [`error`], [`observer`] | the error type and the observer trait |
//!
//! Dependencies point down: this crate uses store, bench, core, report, chart and plugin-host; only the binary
//! uses it.
#![deny(missing_docs)]

pub mod aggregate;
pub mod audit;
pub mod bench;
pub mod charts;
pub mod client;
pub mod clock;
pub mod demo;
pub mod error;
pub mod observer;
pub mod pack_error;
pub mod plugin_error;
pub mod questionnaire;
pub mod report;
pub mod session;

pub use error::{AppError, ErrorKind, Result, io_cause};
pub use observer::{Observer, Quiet};
pub use pack_error::pack_error_text;
pub use plugin_error::{call_error_text, load_error_text};
pub use session::Session;

use std::path::Path;

/// Shows a path relative to the current folder when it is below it (messages name files as the user typed them).
pub fn shown(path: &Path) -> String {
    let cwd = std::env::current_dir().ok();
    cwd.and_then(|c| path.strip_prefix(c).ok().map(|p| p.display().to_string()))
        .unwrap_or_else(|| path.display().to_string())
}
