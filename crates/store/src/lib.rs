//! # chuxin-store: the agency workspace on disk
//!
//! A workspace is a folder an agency can keep in git, all plain UTF-8 TOML:
//!
//! ```text
//! chuxin.toml                         workspace settings (name, language, plugin folders, chart font)
//! clients/<id>/client.toml            one client: name, industry, channels, competitors
//! clients/<id>/audits/<date>.toml     one audit's answers; earlier audits stay as history
//! clients/<id>/bench/<date>.json      one benchmark run (`chuxin_bench::BenchRun`, JSON with a layout version)
//! clients/<id>/exports/*.csv          the client's exports, read by `chuxin bench` when no file is named
//! ```
//!
//! Stored runs are typed: the store depends on `chuxin-bench` for [`BenchRun`], the type the engine's results
//! are kept in, and reads every layout that type reads ([`BenchRun::from_json`]); nobody else parses the file.
//!
//! Client ids become folder names, so they are validated before any path is built ([`validate_client_id`]), and
//! every write goes through [`write_atomic`]: a crash or Ctrl-C leaves the old file or the new one, never half of
//! either. This crate knows nothing of terminals or command lines.
#![deny(missing_docs)]

mod atomic;
mod error;
mod model;
mod workspace;

pub use atomic::write_atomic;
pub use chuxin_bench::BenchRun;
pub use chuxin_core::Client;
pub use error::{ClientIdProblem, StoreError};
pub use model::{Audit, Config};
pub use workspace::{CONFIG_FILE, Workspace, validate_client_id};
