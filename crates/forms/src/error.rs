//! What an import reports when a file cannot be taken in: every [`Problem`] found (each with its file, line and
//! field), gathered into one [`ImportError`].
//!
//! A problem's reason is typed ([`Reason`]): its `Display` is English, and a front end words it in its user's
//! language from its data (the variant and its fields), never by parsing the English. File, line and field are
//! names and stay as they are.
//!
//! An import checks every row before it returns, so the client can fix the whole file at once. The list stops at
//! [`MAX_PROBLEMS`]; the rest are counted.

use std::fmt;
use thiserror::Error;

/// The most problems one [`ImportError`] lists; further ones are only counted.
pub const MAX_PROBLEMS: usize = 50;

/// One thing wrong in a filled questionnaire: file, line (when known), field and reason.
#[derive(Debug, Clone, PartialEq)]
pub struct Problem {
    /// The file.
    pub file: String,
    /// 1-based physical line of the file (for a workbook, the row of the sheet), when known.
    pub line: Option<usize>,
    /// The field: a question id, `answers.<id>.value`, a CSV column, a workbook cell.
    pub field: Option<String>,
    /// What is wrong.
    pub reason: Reason,
}

/// Where a question was first given, for a question given twice.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Place {
    /// A line of a CSV file.
    Line(usize),
    /// A workbook cell (`环境!A7`).
    Cell(String),
}

impl fmt::Display for Place {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Place::Line(l) => write!(f, "line {l}"),
            Place::Cell(c) => write!(f, "{c}"),
        }
    }
}

/// What is wrong in one place of a filled questionnaire.
#[derive(Debug, Clone, PartialEq, Error)]
#[non_exhaustive]
pub enum Reason {
    /// The answer does not fit its question, or the question id is unknown.
    #[error("{0}")]
    Answer(#[from] chuxin_core::AnswerError),
    /// The file is not UTF-8 text.
    #[error("not UTF-8 text (save the file as UTF-8)")]
    NotUtf8,
    /// The parser's own message for a TOML, JSON or CSV syntax error (English, as the parser words it).
    #[error("{0}")]
    Syntax(String),
    /// A TOML or JSON file whose top is not a table.
    #[error("expected a table at the top")]
    NoTopTable,
    /// A `date` that is not `YYYY-MM-DD`.
    #[error("`{0}` is not a date YYYY-MM-DD")]
    NotADate(String),
    /// `answers` is not a table.
    #[error("expected a table")]
    AnswersNotATable,
    /// No `answers` table.
    #[error("no `answers` table in the file")]
    NoAnswers,
    /// A key other than `value` or `note` in an answer's table.
    #[error("unknown field: expected `value` or `note`")]
    UnknownKey,
    /// A note that is not text.
    #[error("a note is text")]
    NoteNotText,
    /// A value that no question takes (a table, a null in a list).
    #[error("cannot use `{0}` as an answer")]
    NotAnAnswer(String),
    /// A row with an answer or note but no question id.
    #[error("an answer or note without a question id")]
    NoQuestionId,
    /// A question answered a second time.
    #[error("question `{id}` is given twice (also at {first})")]
    Twice {
        /// The question id.
        id: String,
        /// Where it was first given.
        first: Place,
    },
    /// A CSV file without one of the columns an import needs (`id` or `answer`).
    #[error("no `{0}` column")]
    NoColumn(&'static str),
    /// A workbook that would unpack to more than a questionnaire ever does.
    #[error(
        "the workbook unpacks to {mb} MB; a questionnaire is far smaller (at most {max} MB): is it the right file?"
    )]
    TooLarge {
        /// What it unpacks to, in MB.
        mb: u64,
        /// The most accepted, in MB.
        max: u64,
    },
    /// Not a workbook (the reader's message, in English).
    #[error("not an Excel workbook (.xlsx): {0}")]
    NotAWorkbook(String),
    /// A sheet that cannot be read (the reader's message, in English).
    #[error("cannot read the sheet: {0}")]
    UnreadableSheet(String),
    /// A sheet with a cell reference beyond Excel's last column.
    #[error("cannot read the sheet: a cell reference beyond Excel's last column (XFD)")]
    BeyondLastColumn,
    /// No sheet has a header row with id and answer columns.
    #[error("no sheet has a header row with id and answer columns (such as `id` and `answer`)")]
    NoHeaderRow,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file)?;
        if let Some(l) = self.line {
            write!(f, ":{l}")?;
        }
        if let Some(field) = &self.field {
            write!(f, ": {field}")?;
        }
        write!(f, ": {}", self.reason)
    }
}

/// An import that failed: every problem found in the file, in file order. Nothing from the file may be written.
///
/// Shown as the problem itself when there is one, else as a count followed by one problem a line.
#[derive(Debug, Error, Clone, PartialEq)]
pub struct ImportError {
    problems: Vec<Problem>,
    more: usize,
}

impl ImportError {
    /// An error of one problem.
    pub fn one(problem: Problem) -> ImportError {
        ImportError {
            problems: vec![problem],
            more: 0,
        }
    }

    /// The problems listed (at most [`MAX_PROBLEMS`]), in file order.
    pub fn problems(&self) -> &[Problem] {
        &self.problems
    }

    /// How many problems were found but not listed.
    pub fn more(&self) -> usize {
        self.more
    }

    /// How many problems were found, listed or not.
    pub fn count(&self) -> usize {
        self.problems.len() + self.more
    }
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let ([only], 0) = (self.problems.as_slice(), self.more) {
            return write!(f, "{only}");
        }
        let file = self.problems.first().map_or("", |p| p.file.as_str());
        write!(f, "`{file}` has {} problems; nothing was imported", self.count())?;
        for p in &self.problems {
            write!(f, "\n  {p}")?;
        }
        if self.more > 0 {
            write!(f, "\n  … and {} more", self.more)?;
        }
        Ok(())
    }
}

/// Gathers the problems of one file as its rows are checked.
#[derive(Debug)]
pub(crate) struct Problems {
    file: String,
    list: Vec<Problem>,
    more: usize,
}

impl Problems {
    /// No problems yet in `file`.
    pub(crate) fn new(file: &str) -> Problems {
        Problems {
            file: file.to_string(),
            list: Vec::new(),
            more: 0,
        }
    }

    /// A problem of this file, not yet recorded.
    pub(crate) fn problem(&self, line: Option<usize>, field: Option<String>, reason: impl Into<Reason>) -> Problem {
        Problem {
            file: self.file.clone(),
            line,
            field,
            reason: reason.into(),
        }
    }

    /// An error of one problem in this file, for a file that cannot be read at all.
    pub(crate) fn fatal(&self, line: Option<usize>, field: Option<String>, reason: impl Into<Reason>) -> ImportError {
        ImportError::one(self.problem(line, field, reason))
    }

    /// Records a problem.
    pub(crate) fn add(&mut self, line: Option<usize>, field: Option<String>, reason: impl Into<Reason>) {
        if self.list.len() < MAX_PROBLEMS {
            let p = self.problem(line, field, reason);
            self.list.push(p);
        } else {
            self.more += 1;
        }
    }

    /// `Ok(value)` when no problem was recorded, else every problem in file order.
    pub(crate) fn finish<T>(mut self, value: T) -> Result<T, ImportError> {
        if self.list.is_empty() {
            return Ok(value);
        }
        // Stable: problems on one line keep the order they were found in.
        self.list.sort_by_key(|p| p.line.unwrap_or(usize::MAX));
        Err(ImportError {
            problems: self.list,
            more: self.more,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_problem_reads_as_one_line_and_several_as_a_list() {
        let mut p = Problems::new("in.csv");
        p.add(
            Some(5),
            Some("id".into()),
            chuxin_core::AnswerError::UnknownQuestion("x".into()),
        );
        p.add(Some(3), None, Reason::NotUtf8);
        let err = p.finish(()).unwrap_err();
        assert_eq!(
            err.to_string(),
            "`in.csv` has 2 problems; nothing was imported\n  in.csv:3: not UTF-8 text (save the file as UTF-8)\n  \
             in.csv:5: id: unknown question id `x`"
        );
        let err = ImportError::one(Problem {
            file: "a.toml".into(),
            line: Some(2),
            field: None,
            reason: Reason::NoAnswers,
        });
        assert_eq!(err.to_string(), "a.toml:2: no `answers` table in the file");
    }

    #[test]
    fn the_list_stops_at_the_limit_and_counts_the_rest() {
        let mut p = Problems::new("f");
        for i in 0..MAX_PROBLEMS + 3 {
            p.add(Some(i + 1), None, Reason::NoteNotText);
        }
        let err = p.finish(()).unwrap_err();
        assert_eq!(err.problems().len(), MAX_PROBLEMS);
        assert_eq!(err.count(), MAX_PROBLEMS + 3);
        assert!(err.to_string().ends_with("… and 3 more"), "{err}");
    }
}
