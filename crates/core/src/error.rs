//! Typed errors of the audit model.
//!
//! A [`PackError`] names the pack's origin (a file path or `plugin:<file>`), the key path inside the pack and the
//! problem, so that `chuxin` can print one line a strategist can act on. An [`AnswerError`] says why one answer does
//! not fit its question; callers add the file and line.

use thiserror::Error;

/// A pack that cannot be used: a TOML syntax error or a validation failure.
#[derive(Debug, Error, Clone, PartialEq)]
#[error("{origin}: {location}: {problem}")]
pub struct PackError {
    /// Where the pack came from, as given by the caller (usually a file path).
    pub origin: String,
    /// `line L, column C` for syntax errors, or the key path (`sections[1].questions[2].levels`).
    pub location: crate::PackPlace,
    /// What is wrong (its `Display` in lower case without a trailing period).
    pub problem: crate::PackProblem,
}

impl PackError {
    pub(crate) fn at(
        origin: &str,
        location: impl Into<crate::PackPlace>,
        problem: impl Into<crate::PackProblem>,
    ) -> Self {
        PackError {
            origin: origin.to_string(),
            location: location.into(),
            problem: problem.into(),
        }
    }
}

/// Why an answer does not fit its question. Its `Display` is English; a front end words it in its user's language
/// from its data (the variant, [`Expected`] and [`Allowed`]), never by parsing the English.
#[derive(Debug, Error, Clone, PartialEq)]
#[non_exhaustive]
pub enum AnswerError {
    /// No question with this id in the packs that apply.
    #[error("unknown question id `{0}`")]
    UnknownQuestion(String),
    /// The value has the wrong shape for the question's kind.
    #[error("question `{question}` expects {expected}, got `{got}`")]
    WrongKind {
        /// The question id.
        question: String,
        /// What the kind accepts.
        expected: Expected,
        /// The value as given.
        got: String,
    },
    /// The value has the right shape but lies outside what the question accepts.
    #[error("question `{question}`: `{got}` is out of range ({allowed})")]
    OutOfRange {
        /// The question id.
        question: String,
        /// The value as given.
        got: String,
        /// What is allowed.
        allowed: Allowed,
    },
}

/// What a question's kind accepts (its `Display` is the English words).
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum Expected {
    /// A level of a scale from 1 to `max`.
    Level {
        /// The highest level.
        max: usize,
    },
    /// Yes or no.
    YesNo,
    /// One of these option ids.
    OneOf(Vec<String>),
    /// Any of these option ids.
    AnyOf(Vec<String>),
    /// A number.
    Number,
    /// Text.
    Text,
    /// A list of texts.
    List,
}

/// What a question allows of a value of the right shape (its `Display` is the English words).
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum Allowed {
    /// Levels 1 to `max`.
    Levels {
        /// The highest level.
        max: usize,
    },
    /// A number from `min` to `max`.
    Between {
        /// The least value.
        min: f64,
        /// The greatest value.
        max: f64,
    },
    /// A number at least this.
    AtLeast(f64),
    /// A number at most this.
    AtMost(f64),
    /// A number within the question's scoring bands.
    Bands,
    /// One of these option ids (those the market offers).
    Options(Vec<String>),
}

/// Option ids as the English words show them: `` `a`, `b` ``.
fn option_list(ids: &[String]) -> String {
    ids.iter().map(|id| format!("`{id}`")).collect::<Vec<_>>().join(", ")
}

impl std::fmt::Display for Expected {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Expected::Level { max } => write!(f, "a level from 1 to {max}"),
            Expected::YesNo => write!(f, "yes or no"),
            Expected::OneOf(ids) => write!(f, "one of {}", option_list(ids)),
            Expected::AnyOf(ids) => write!(f, "any of {}", option_list(ids)),
            Expected::Number => write!(f, "a number"),
            Expected::Text => write!(f, "text"),
            Expected::List => write!(f, "a list of texts"),
        }
    }
}

impl std::fmt::Display for Allowed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Allowed::Levels { max } => write!(f, "levels 1 to {max}"),
            Allowed::Between { min, max } => write!(f, "{min} to {max}"),
            Allowed::AtLeast(a) => write!(f, "at least {a}"),
            Allowed::AtMost(b) => write!(f, "at most {b}"),
            Allowed::Bands => write!(f, "within the scoring bands"),
            Allowed::Options(ids) => write!(f, "options {}", option_list(ids)),
        }
    }
}
