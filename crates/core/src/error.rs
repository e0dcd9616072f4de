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

/// Why an answer does not fit its question.
#[derive(Debug, Error, Clone, PartialEq)]
pub enum AnswerError {
    /// No question with this id in the packs that apply.
    #[error("unknown question id `{0}`")]
    UnknownQuestion(String),
    /// The value has the wrong shape for the question's kind.
    #[error("question `{question}` expects {expected}, got `{got}`")]
    WrongKind {
        /// The question id.
        question: String,
        /// What the kind accepts, in words.
        expected: String,
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
        /// What is allowed, in words.
        allowed: String,
    },
}
