//! The application layer's one error type, [`AppError`], and what kind of failure each is ([`ErrorKind`]).
//!
//! Library errors (the store's, a pack's, the engine's, a plugin's) pass through unchanged, so their messages and
//! causes reach the user as the library wrote them; conditions the use cases find themselves carry a kind and a
//! message. The binary maps a kind to an exit code; this crate knows no exit codes.

use chuxin_store::StoreError;
use std::path::Path;

/// What kind of failure an error is: the binary turns it into an exit code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorKind {
    /// Something that should have worked did not (a file that cannot be read or written).
    Failure,
    /// The command was asked for something it cannot do as asked (no export named, a bad date).
    Usage,
    /// An input (a pack, an export, a profile, a workspace file) does not parse or validate.
    InvalidInput,
    /// A client, audit, pack or question that does not exist.
    NotFound,
    /// Refused: an invalid id, something that already exists, no workspace here.
    Refused,
    /// A plugin failed to load or to answer.
    Plugin,
}

/// Why a use case failed.
#[derive(Debug, thiserror::Error)]
pub enum AppError {
    /// A condition found by a use case itself.
    #[error("{message}")]
    Found {
        /// What kind of failure.
        kind: ErrorKind,
        /// The message, naming the file or value concerned.
        message: String,
    },
    /// A file that cannot be read, written, created or copied.
    #[error("cannot {action} `{path}`")]
    File {
        /// `read`, `write`, `create` or `copy`.
        action: &'static str,
        /// The file, as shown to the user.
        path: String,
        /// The cause.
        #[source]
        source: std::io::Error,
    },
    /// Something other than a named file that cannot be read or made (the current folder, temporary files).
    #[error("{what}")]
    Io {
        /// `cannot read `x``, with the file.
        what: String,
        /// The cause.
        #[source]
        source: std::io::Error,
    },
    /// The workspace on disk.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// A pack that does not validate.
    #[error(transparent)]
    Pack(#[from] chuxin_core::PackError),
    /// An answer that does not fit its question.
    #[error(transparent)]
    Answer(#[from] chuxin_core::AnswerError),
    /// An export the engine cannot read.
    #[error(transparent)]
    Ingest(#[from] chuxin_bench::IngestError),
    /// A plugin that does not load.
    #[error(transparent)]
    PluginLoad(#[from] chuxin_plugin_host::LoadError),
    /// A plugin call that fails.
    #[error(transparent)]
    PluginCall(#[from] chuxin_plugin_host::CallError),
    /// A report or portfolio that cannot be rendered.
    #[error(transparent)]
    Report(#[from] chuxin_report::ReportError),
    /// A chart that cannot be drawn.
    #[error("cannot draw `{stem}`")]
    Draw {
        /// The chart's file stem.
        stem: String,
        /// Why.
        #[source]
        source: chuxin_chart::ChartError,
    },
}

/// The result of a use case.
pub type Result<T, E = AppError> = std::result::Result<T, E>;

impl AppError {
    /// An error of `kind` with `message`.
    pub fn new(kind: ErrorKind, message: impl Into<String>) -> AppError {
        AppError::Found {
            kind,
            message: message.into(),
        }
    }

    /// A usage error.
    pub fn usage(message: impl Into<String>) -> AppError {
        AppError::new(ErrorKind::Usage, message)
    }

    /// An invalid input.
    pub fn invalid(message: impl Into<String>) -> AppError {
        AppError::new(ErrorKind::InvalidInput, message)
    }

    /// A file operation that failed: `action` is `read`, `write`, `create`…
    pub fn io(action: &'static str, path: &Path) -> impl FnOnce(std::io::Error) -> AppError {
        let path = crate::shown(path);
        move |source| AppError::File { action, path, source }
    }

    /// What kind of failure this is.
    pub fn kind(&self) -> ErrorKind {
        match self {
            AppError::Found { kind, .. } => *kind,
            AppError::Io { .. } | AppError::File { .. } | AppError::Report(_) | AppError::Draw { .. } => {
                ErrorKind::Failure
            }
            AppError::Store(e) => store_kind(e),
            AppError::Pack(_) | AppError::Ingest(_) => ErrorKind::InvalidInput,
            AppError::Answer(chuxin_core::AnswerError::UnknownQuestion(_)) => ErrorKind::NotFound,
            AppError::Answer(_) => ErrorKind::InvalidInput,
            AppError::PluginLoad(_) | AppError::PluginCall(_) => ErrorKind::Plugin,
        }
    }
}

/// What kind of failure a store error is.
pub fn store_kind(e: &StoreError) -> ErrorKind {
    match e {
        StoreError::UnknownClient(_) | StoreError::UnknownAudit { .. } => ErrorKind::NotFound,
        StoreError::InvalidClientId { .. }
        | StoreError::ClientExists(_)
        | StoreError::ArchiveExists { .. }
        | StoreError::ClientIdClash { .. }
        | StoreError::AlreadyWorkspace(_)
        | StoreError::NotAWorkspace(_) => ErrorKind::Refused,
        StoreError::Parse { .. } | StoreError::NewerLayout { .. } => ErrorKind::InvalidInput,
        StoreError::Io { .. } => ErrorKind::Failure,
    }
}

/// Why a file operation failed, in `lang`: the commonest causes from the catalogue, others as the system words
/// them.
pub fn io_cause(e: &std::io::Error, lang: chuxin_core::Lang) -> String {
    use chuxin_core::msg;
    match e.kind() {
        std::io::ErrorKind::NotFound => msg!(lang, "io.not_found"),
        std::io::ErrorKind::PermissionDenied => msg!(lang, "io.permission_denied"),
        std::io::ErrorKind::IsADirectory => msg!(lang, "io.is_a_directory"),
        _ => e.to_string(),
    }
}
