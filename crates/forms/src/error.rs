//! What an import reports when a file cannot be taken in: every [`Problem`] found (each with its file, line and
//! field), gathered into one [`ImportError`].
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
    pub reason: String,
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
    pub(crate) fn problem(&self, line: Option<usize>, field: Option<String>, reason: impl Into<String>) -> Problem {
        Problem {
            file: self.file.clone(),
            line,
            field,
            reason: reason.into(),
        }
    }

    /// An error of one problem in this file, for a file that cannot be read at all.
    pub(crate) fn fatal(&self, line: Option<usize>, field: Option<String>, reason: impl Into<String>) -> ImportError {
        ImportError::one(self.problem(line, field, reason))
    }

    /// Records a problem.
    pub(crate) fn add(&mut self, line: Option<usize>, field: Option<String>, reason: impl Into<String>) {
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
        p.add(Some(5), Some("id".into()), "unknown question id `x`");
        p.add(Some(3), None, "bad");
        let err = p.finish(()).unwrap_err();
        assert_eq!(
            err.to_string(),
            "`in.csv` has 2 problems; nothing was imported\n  in.csv:3: bad\n  in.csv:5: id: unknown question id `x`"
        );
        let err = ImportError::one(Problem {
            file: "a.toml".into(),
            line: Some(2),
            field: None,
            reason: "no".into(),
        });
        assert_eq!(err.to_string(), "a.toml:2: no");
    }

    #[test]
    fn the_list_stops_at_the_limit_and_counts_the_rest() {
        let mut p = Problems::new("f");
        for i in 0..MAX_PROBLEMS + 3 {
            p.add(Some(i + 1), None, "x");
        }
        let err = p.finish(()).unwrap_err();
        assert_eq!(err.problems().len(), MAX_PROBLEMS);
        assert_eq!(err.count(), MAX_PROBLEMS + 3);
        assert!(err.to_string().ends_with("… and 3 more"), "{err}");
    }
}
