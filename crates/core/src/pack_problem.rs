//! What is wrong with a pack, typed: where ([`PackPlace`]: a key path, or a line and column of the TOML) and what
//! ([`PackProblem`]). Their `Display` is the English a [`PackError`](crate::PackError) has always printed; a front
//! end words them in its user's language from their data, never by parsing the English.
//!
//! The problems met most (translations, unknown or duplicate ids, bad options and markets) are variants; the
//! rarer ones are still [`PackProblem::Other`], English only.

/// Where in a pack a problem is.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum PackPlace {
    /// A key path (`sections[1].questions[2].levels`).
    #[error("{0}")]
    Key(String),
    /// A position in the TOML text (syntax errors and values of the wrong type), 1-based.
    #[error("line {line}, column {column}")]
    At {
        /// The line.
        line: usize,
        /// The column, in characters.
        column: usize,
    },
    /// The whole document (a syntax error without a position).
    #[error("document")]
    Document,
}

impl From<String> for PackPlace {
    fn from(key: String) -> PackPlace {
        PackPlace::Key(key)
    }
}

impl From<&str> for PackPlace {
    fn from(key: &str) -> PackPlace {
        PackPlace::Key(key.to_string())
    }
}

/// What is wrong at one place of a pack.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum PackProblem {
    /// A text lacks one of its languages (`zh-Hant`, `zh-Hans`, `en`).
    #[error("missing translation `{0}`")]
    MissingTranslation(String),
    /// A language of a text is empty.
    #[error("empty translation")]
    EmptyTranslation,
    /// A language of a text is not a string.
    #[error("a translation is a string")]
    TranslationNotText,
    /// A rule (or an anchor) names a question no pack has.
    #[error("unknown question id `{0}`")]
    UnknownQuestion(String),
    /// A rule names an option its question does not have.
    #[error("`{question}` has no option `{option}`")]
    NoSuchOption {
        /// The question.
        question: String,
        /// The option named.
        option: String,
    },
    /// An option id that is not `[a-z0-9_]+`.
    #[error("invalid option id `{0}`")]
    InvalidOptionId(String),
    /// Two sections, questions, options or sins with the same id.
    #[error("duplicate {kind} id `{id}`")]
    Duplicate {
        /// What is duplicated.
        kind: IdKind,
        /// The id.
        id: String,
    },
    /// An option offered in a market chuxin does not know.
    #[error("unknown market `{market}`; known markets: {known}")]
    UnknownMarket {
        /// The market named.
        market: String,
        /// The known markets, comma-separated.
        known: String,
    },
    /// A sin's severity that is not `high`, `medium` or `low`.
    #[error("unknown severity `{0}`: expected high, medium or low")]
    BadSeverity(String),
    /// A maturity level contradicted by a sin no pack has.
    #[error("unknown sin id `{0}`")]
    UnknownSin(String),
    /// The TOML does not parse, or a value has the wrong type (a number where a text belongs): the TOML
    /// reader's own message.
    #[error("{0}")]
    Syntax(String),
    /// A rarer problem, in English only.
    #[error("{0}")]
    Other(String),
}

/// What a duplicate id belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IdKind {
    /// A section.
    Section,
    /// A question.
    Question,
    /// An option.
    Option,
    /// A sin.
    Sin,
}

impl IdKind {
    /// The English word (`section`), also the end of its catalogue key.
    pub fn id(self) -> &'static str {
        match self {
            IdKind::Section => "section",
            IdKind::Question => "question",
            IdKind::Option => "option",
            IdKind::Sin => "sin",
        }
    }
}

impl std::fmt::Display for IdKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.id())
    }
}

impl From<String> for PackProblem {
    fn from(text: String) -> PackProblem {
        PackProblem::Other(text)
    }
}

impl From<&str> for PackProblem {
    fn from(text: &str) -> PackProblem {
        PackProblem::Other(text.to_string())
    }
}
