//! Errors of the workspace store. Each names the file it concerns.

use std::path::PathBuf;
use thiserror::Error;

/// What can go wrong reading or writing a workspace.
#[derive(Debug, Error)]
pub enum StoreError {
    /// No `chuxin.toml` here or in any parent folder.
    #[error("no chuxin workspace at `{0}` or above it (run `chuxin init` first)")]
    NotAWorkspace(PathBuf),
    /// `chuxin init` in a folder that already is a workspace.
    #[error("`{0}` is already a chuxin workspace")]
    AlreadyWorkspace(PathBuf),
    /// A client id that cannot be a folder name.
    #[error("invalid client id `{id}`: {reason}")]
    InvalidClientId {
        /// The id as given (control characters escaped).
        id: String,
        /// Why it is refused.
        reason: ClientIdProblem,
    },
    /// No such client.
    #[error("unknown client `{0}`")]
    UnknownClient(String),
    /// `client add` for an id in use.
    #[error("client `{0}` already exists")]
    ClientExists(String),
    /// `client add` for an id that differs from an existing one only in case.
    #[error(
        "client `{id}` would share a folder with client `{existing}` on Windows and macOS (ids that differ only in case); choose another id"
    )]
    ClientIdClash {
        /// The id asked for.
        id: String,
        /// The existing client's id.
        existing: String,
    },
    /// `client remove` when the archive folder it would move the client to exists already.
    #[error("`{}` exists already; the client was not moved", path.display())]
    ArchiveExists {
        /// The archive folder.
        path: PathBuf,
    },
    /// No such audit.
    #[error("client `{client}` has no audit `{audit}`")]
    UnknownAudit {
        /// Client id.
        client: String,
        /// Audit id.
        audit: String,
    },
    /// A workspace file that does not parse.
    #[error("{}:{line}:{column}: {message}", path.display())]
    Parse {
        /// The file.
        path: PathBuf,
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
        /// What is wrong.
        message: String,
    },
    /// A stored benchmark run written by a newer chuxin, in a layout this one cannot read.
    #[error("{}: {message}", path.display())]
    NewerLayout {
        /// The file.
        path: PathBuf,
        /// Which layout, and what to do.
        message: String,
    },
    /// A file that cannot be read or written.
    #[error("cannot {action} `{}`", path.display())]
    Io {
        /// `read`, `write`, `list`…
        action: &'static str,
        /// The file.
        path: PathBuf,
        /// The cause.
        #[source]
        source: std::io::Error,
    },
}

/// Why a client id cannot be a folder name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum ClientIdProblem {
    /// No character.
    #[error("it is empty")]
    Empty,
    /// More than 64 characters.
    #[error("it is longer than 64 characters")]
    TooLong,
    /// A `/` or `\`.
    #[error("it contains a path separator")]
    PathSeparator,
    /// A `..`.
    #[error("it contains `..`")]
    DotDot,
    /// A control character.
    #[error("it contains a control character")]
    Control,
    /// A leading `.`.
    #[error("it starts with `.`")]
    LeadingDot,
    /// A trailing `.`.
    #[error("it ends with `.` (Windows drops it, so two ids would share a folder)")]
    TrailingDot,
    /// `CON`, `NUL`, `COM1` …
    #[error("it is a device name Windows reserves (CON, PRN, AUX, NUL, COM1–9, LPT1–9)")]
    Reserved,
    /// A character other than ASCII letters, digits, `-`, `_` and `.`.
    #[error("use only letters a-z, digits, `-`, `_` and `.`")]
    Characters,
}
