//! # chuxin-forms: questionnaires that leave the agency and come back
//!
//! [`write_markdown`], [`write_csv`] and [`write_xlsx`] write the blank questionnaire for one client's catalog,
//! with its headers and instructions in the form's language; the client fills it in and [`import`] reads it back —
//! TOML, JSON, that CSV or that workbook — checking every row's question id and value against the catalog. An
//! import either succeeds whole or fails with an [`ImportError`] listing every problem, each with the file, the
//! physical line and the field; the caller writes nothing in that case. [`merge()`] then applies the re-import rule
//! (a blank never erases a stored answer; see [`mod@merge`]) and returns the [`Changes`] to show the user.
//!
//! | module | owns |
//! |---|---|
//! | `columns` | the questionnaire's column headers in three languages, and the headers an import accepts |
//! | `csv_form`, `markdown`, `xlsx` | writing each format (and reading the workbook back) |
//! | `import` | reading TOML, JSON and CSV; checking every row |
//! | `error` | [`ImportError`]: every problem of a file, each with its line and field |
//! | `merge` | the re-import rule, the clearing words, the instructions that state the rule, [`Changes`] |
//! | [`mod@sheet`] | how text fits a spreadsheet (sheet names, widths, wrapped lines, row heights), for every workbook chuxin writes |
//!
//! Accepted shapes for TOML and JSON: a table `answers` whose keys are question ids and whose values are either
//! the value itself or a table `{ value = …, note = "…" }`; an optional top-level `date` (`YYYY-MM-DD`).
#![deny(missing_docs)]

mod columns;
mod csv_form;
mod error;
mod import;
mod markdown;
pub mod merge;
pub mod sheet;
mod xlsx;

pub use columns::Column;
pub use csv_form::{CSV_HEADER, write_csv};
pub use error::{ImportError, MAX_PROBLEMS, Place, Problem, Reason};
pub use import::{Clearing, Format, Imported, import};
pub use markdown::write_markdown;
pub use merge::{CLEAR_WORDS, Changes, Mode, instructions, merge};
pub use xlsx::{LISTS_SHEET, choices, write_xlsx};

use chuxin_core::{AnswerKind, Lang, Question};

/// How to answer a question, in one line: the levels, options or unit.
pub fn answer_guide(q: &Question, lang: Lang) -> String {
    let (lead, items) = guide_parts(q, lang);
    format!("{lead}{}", items.join("; "))
}

/// How to answer a question as a lead (empty, or "several allowed") and its items: one a level or option, or a
/// single item for a number, text or list.
pub(crate) fn guide_parts(q: &Question, lang: Lang) -> (&'static str, Vec<String>) {
    match &q.kind {
        AnswerKind::Scale { levels } => (
            "",
            levels
                .iter()
                .enumerate()
                .map(|(i, l)| format!("{}={}", i + 1, l.get(lang)))
                .collect(),
        ),
        AnswerKind::YesNo { .. } => ("", vec![lang.pick("是 / 否", "是 / 否", "yes / no").to_string()]),
        AnswerKind::Single { options } | AnswerKind::Multi { options } => {
            let lead = if matches!(q.kind, AnswerKind::Multi { .. }) {
                lang.pick(
                    "（可多選，以逗號分隔） ",
                    "（可多选，以逗号分隔） ",
                    "(several allowed, comma-separated) ",
                )
            } else {
                ""
            };
            (
                lead,
                chuxin_core::pack::offered(options)
                    .iter()
                    .map(|o| format!("{}={}", o.id, o.label.get(lang)))
                    .collect(),
            )
        }
        AnswerKind::Number { unit, .. } => (
            "",
            vec![format!("{} ({})", lang.pick("數字", "数字", "number"), unit.get(lang))],
        ),
        AnswerKind::Text => ("", vec![lang.pick("文字", "文字", "free text").to_string()]),
        AnswerKind::List => (
            "",
            vec![
                lang.pick("清單，以分號分隔", "清单，以分号分隔", "list, separated by `;`")
                    .to_string(),
            ],
        ),
    }
}
