//! Exit codes, and the one place where errors are mapped to them.
//!
//! | code | meaning |
//! |---|---|
//! | 0 | success |
//! | 1 | unexpected failure (a file that cannot be read or written, an internal error) |
//! | 2 | wrong command-line usage (an unknown industry in `client add/edit` too) |
//! | 3 | invalid input: a pack, an import file, a CSV export or a workspace file that does not parse or validate |
//! | 4 | not found: unknown client, audit, pack or question |
//! | 5 | refused: invalid client id, a client, workspace or archive folder that already exists, no workspace here |
//! | 6 | a plugin failed to load or to answer |

use chuxin_app::{AppError, ErrorKind};
use chuxin_core::{AnswerError, PackError};
use chuxin_forms::ImportError;
use chuxin_store::StoreError;

/// Success.
pub const OK: u8 = 0;
/// Unexpected failure.
pub const FAILURE: u8 = 1;
/// Command-line usage.
pub const USAGE: u8 = 2;
/// Invalid input.
pub const INVALID_INPUT: u8 = 3;
/// Not found.
pub const NOT_FOUND: u8 = 4;
/// Refused.
pub const REFUSED: u8 = 5;
/// Plugin failure.
pub const PLUGIN: u8 = 6;

/// An error that carries its own exit code (for conditions found in the CLI itself, such as arguments that do
/// not fit together).
#[derive(Debug)]
pub struct Exit {
    /// The exit code.
    pub code: u8,
    /// The message.
    pub message: String,
}

impl std::fmt::Display for Exit {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Exit {}

/// Builds an error with an exit code.
pub fn exit(code: u8, message: impl Into<String>) -> anyhow::Error {
    anyhow::Error::new(Exit {
        code,
        message: message.into(),
    })
}

/// The exit code for a kind of failure the application layer reports.
fn code_of_kind(kind: ErrorKind) -> u8 {
    match kind {
        ErrorKind::Failure => FAILURE,
        ErrorKind::Usage => USAGE,
        ErrorKind::InvalidInput => INVALID_INPUT,
        ErrorKind::NotFound => NOT_FOUND,
        ErrorKind::Refused => REFUSED,
        ErrorKind::Plugin => PLUGIN,
    }
}

/// The exit code for an error: the first error in its chain with a known meaning decides.
pub fn code_of(err: &anyhow::Error) -> u8 {
    for cause in err.chain() {
        if let Some(e) = cause.downcast_ref::<Exit>() {
            return e.code;
        }
        if let Some(e) = cause.downcast_ref::<AppError>() {
            return code_of_kind(e.kind());
        }
        if let Some(e) = cause.downcast_ref::<StoreError>() {
            return code_of_kind(chuxin_app::error::store_kind(e));
        }
        if cause.downcast_ref::<PackError>().is_some()
            || cause.downcast_ref::<ImportError>().is_some()
            || cause.downcast_ref::<chuxin_bench::IngestError>().is_some()
            || cause.downcast_ref::<chuxin_bench::ProfileError>().is_some()
        {
            return INVALID_INPUT;
        }
        if cause.downcast_ref::<chuxin_plugin_host::LoadError>().is_some()
            || cause.downcast_ref::<chuxin_plugin_host::CallError>().is_some()
        {
            return PLUGIN;
        }
        if let Some(e) = cause.downcast_ref::<AnswerError>() {
            return match e {
                AnswerError::UnknownQuestion(_) => NOT_FOUND,
                _ => INVALID_INPUT,
            };
        }
    }
    FAILURE
}
