//! Typed errors: a bad row ([`RowError`], with file, line, column and a typed [`RowReason`]), a failed
//! ingestion ([`IngestError`]) and a bad mapping profile ([`ProfileError`]).
//!
//! Their `Display` is English; a front end words them in its user's language from their data (the reason's
//! variant and fields), never by parsing the English.

use std::io;

use serde::Serialize;

use crate::field::Field;

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
    pub reason: RowReason,
}

/// Why one row could not be read. Its `Display` is the English sentence, which is also its stored form (a stored
/// run keeps the sentence; read back, it is [`RowReason::Stored`]).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum RowReason {
    /// A cell that must hold a value is empty: the brand, platform, date (`Field::Time`), message id, or a
    /// year / month / day / hour column.
    #[error("the {} is empty", empty_name(*.0))]
    Empty(Field),
    /// A date cell that reads as no date.
    #[error("`{text}` is not a date")]
    NotADate {
        /// The cell (cut at 40 characters).
        text: String,
    },
    /// A year, month, day or hour cell that is not a whole number.
    #[error("`{text}` is not a {}", .field.name())]
    NotAPart {
        /// The cell (cut at 40 characters).
        text: String,
        /// The field (year, month, day or hour).
        field: Field,
    },
    /// Year, month and day that make no date (`2024-2-30`).
    #[error("{year}-{month}-{day} is not a date")]
    NoSuchDay {
        /// The year.
        year: i32,
        /// The month as written.
        month: u32,
        /// The day as written (1 when there is no day column).
        day: u32,
    },
    /// An hour above 23.
    #[error("`{0}` is not an hour")]
    NotAnHour(u32),
    /// A date outside the years a run accepts.
    #[error("`{date}` is outside {from}–{to}, the years chuxin accepts (a typo in the year?)")]
    OutsideYears {
        /// The date, ISO 8601.
        date: String,
        /// The first year accepted.
        from: i32,
        /// The last year accepted.
        to: i32,
    },
    /// Fewer cells than headers.
    #[error(
        "{fields} fields, but the header has {headers} (a short row: cells missing or a line broken outside quotes)"
    )]
    ShortRow {
        /// Cells in the row.
        fields: usize,
        /// Columns in the header.
        headers: usize,
    },
    /// More non-empty cells than headers.
    #[error("{fields} fields, but the header has {headers} (wrong delimiter or unquoted text?)")]
    LongRow {
        /// Cells in the row.
        fields: usize,
        /// Columns in the header.
        headers: usize,
    },
    /// A count cell that is no number.
    #[error("`{0}` is not a number")]
    NotANumber(String),
    /// A count cell below zero.
    #[error("`{0}` is negative, but this column holds counts")]
    Negative(String),
    /// A yes/no cell that is neither.
    #[error("`{0}` is not a yes/no value (write true/false, yes/no, 1/0, 是/否, paid/organic or 付費/自然)")]
    NotAFlag(String),
    /// A sentiment cell that is none of the known words.
    #[error("`{0}` is not a sentiment (positive/正面/1, negative/负面/-1, neutral/中性/0)")]
    NotASentiment(String),
    /// A message whose direction (from the brand or to it) is not stated.
    #[error("whether the brand wrote the message is not stated")]
    NoDirection,
    /// A cell that is not valid text in the encoding read.
    #[error("the cell is not valid text in the encoding read (pass the file's encoding with --encoding)")]
    InvalidText,
    /// A quote opened and never closed before the end of the file.
    #[error(
        "a quote opened in this record is never closed: every line from here to the end of the file would be one cell (a stray `\"` in a cell?)"
    )]
    OpenQuote,
    /// A record longer than the engine reads.
    #[error("a record longer than {0} MB (a quote that is never closed, or not a CSV export?)")]
    LongRecord(usize),
    /// A reason read back from a stored run: the English sentence, as stored.
    #[error("{0}")]
    Stored(String),
}

fn empty_name(f: Field) -> &'static str {
    match f {
        Field::Time => "date",
        Field::MessageId => "message id",
        f => f.name(),
    }
}

impl From<crate::cell::CellError> for RowReason {
    fn from(e: crate::cell::CellError) -> RowReason {
        use crate::cell::CellError;
        let cut = |t: String| crate::engine::mapping::excerpt_long(&t);
        match e {
            CellError::NotANumber(t) => RowReason::NotANumber(cut(t)),
            CellError::NotAFlag(t) => RowReason::NotAFlag(cut(t)),
            CellError::Negative(t) => RowReason::Negative(cut(t)),
        }
    }
}

impl Serialize for RowReason {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> serde::Deserialize<'de> for RowReason {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<RowReason, D::Error> {
        String::deserialize(d).map(RowReason::Stored)
    }
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
        reason: crate::engine::ColumnWarning,
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
        reason: ProfileProblem,
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

/// What is wrong with one value of a mapping profile.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ProfileProblem {
    /// A text that must not be empty (a derived field's separator).
    #[error("is empty")]
    Empty,
    /// A delimiter that is not one ASCII character.
    #[error("`{0}` is not one ASCII character (or `tab`)")]
    NotOneCharacter(String),
}
