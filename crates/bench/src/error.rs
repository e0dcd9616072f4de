//! Typed errors: a bad row ([`RowError`], with file, line, column and reason), a failed ingestion
//! ([`IngestError`]) and a bad mapping profile ([`ProfileError`]).

use std::io;

use serde::Serialize;

/// One row that could not be read. By default such rows are skipped and counted; in strict mode the
/// first one stops the ingestion.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize, thiserror::Error)]
#[error("{source_name}:{line}: {}{reason}", column.as_ref().map(|c| format!("column `{c}`: ")).unwrap_or_default())]
pub struct RowError {
    /// The file (or other source name) the row came from.
    pub source_name: String,
    /// The line where the record starts (the header is line 1).
    pub line: u64,
    /// The column header, when one cell is at fault.
    pub column: Option<String>,
    /// What is wrong.
    pub reason: String,
}

/// Why an ingestion failed as a whole.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum IngestError {
    /// Reading the source failed.
    #[error("failed to read `{source_name}`")]
    Io {
        /// Source name.
        source_name: String,
        /// The I/O error.
        #[source]
        source: io::Error,
    },
    /// The source holds no header row.
    #[error("`{source_name}` is empty: no header row")]
    Empty {
        /// Source name.
        source_name: String,
    },
    /// An encoding name given as an override is unknown.
    #[error("unknown encoding `{name}` (try utf-8, gb18030, gbk, big5, utf-16le, utf-16be)")]
    UnknownEncoding {
        /// The name given.
        name: String,
    },
    /// The text is not valid in the encoding read (a header that is not UTF-8, say).
    #[error("`{source_name}` line {line} is not valid {encoding}; pass the right encoding (e.g. gb18030, utf-16le)")]
    Decode {
        /// Source name.
        source_name: String,
        /// The encoding read.
        encoding: String,
        /// The line.
        line: u64,
    },
    /// A field the table needs has no column and no constant in the profile.
    #[error(
        "`{source_name}` has no column for `{field}` (headers read as {encoding}: {headers}); map one in a profile or set a constant, or, if the headers look garbled, pass the file's encoding with --encoding (utf-8, gb18030, big5, utf-16le)"
    )]
    MissingField {
        /// Source name.
        source_name: String,
        /// The missing field.
        field: &'static str,
        /// The headers found, comma-separated.
        headers: String,
        /// The encoding the headers were read in, and how it was decided.
        encoding: String,
    },
    /// In strict mode, an ignored column that looks like a measure.
    #[error(
        "`{source_name}`: column `{column}` is {reason}; map it (or map it to `ignore`) in a profile, or leave out --strict"
    )]
    IgnoredColumn {
        /// Source name.
        source_name: String,
        /// The column's header.
        column: String,
        /// Why it looks like a measure.
        reason: String,
    },
    /// A bad row, in strict mode.
    #[error(transparent)]
    Row(Box<RowError>),
}

impl IngestError {
    pub(crate) fn io(source_name: &str, source: io::Error) -> IngestError {
        IngestError::Io {
            source_name: source_name.to_string(),
            source,
        }
    }
}

/// Why a mapping profile could not be loaded.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ProfileError {
    /// The TOML does not parse or has the wrong shape.
    #[error("invalid profile: {0}")]
    Toml(String),
    /// A column maps to a field name chuxin does not know.
    #[error("profile column `{column}` maps to unknown field `{field}`; known fields: {known}")]
    UnknownField {
        /// The column.
        column: String,
        /// The field name given.
        field: String,
        /// The known field names.
        known: String,
    },
    /// A value in the profile is invalid.
    #[error("profile key `{key}`: {reason}")]
    Invalid {
        /// The key path.
        key: String,
        /// What is wrong.
        reason: String,
    },
    /// No built-in profile has this name.
    #[error("no built-in profile `{name}`; built-in profiles: {known}")]
    UnknownBuiltin {
        /// The name asked for.
        name: String,
        /// The built-in names.
        known: String,
    },
}
