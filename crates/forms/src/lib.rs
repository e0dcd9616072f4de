//! # chuxin-forms: questionnaires that leave the agency and come back
//!
//! [`write_markdown`] and [`write_csv`] write the blank questionnaire for one client's catalog; the client fills
//! it in and [`import`] reads it back — TOML, JSON or that CSV — checking every question id and every value
//! against the catalog. An import either succeeds whole or fails with an [`ImportError`] naming the file, the line
//! and the field; the caller writes nothing in that case.
//!
//! Accepted shapes for TOML and JSON: a table `answers` whose keys are question ids and whose values are either
//! the value itself or a table `{ value = …, note = "…" }`; an optional top-level `date` (`YYYY-MM-DD`).
#![deny(missing_docs)]

mod csv_form;
mod import;
mod markdown;
mod xlsx;

pub use csv_form::{CSV_HEADER, write_csv};
pub use import::{Format, ImportError, Imported, import};
pub use markdown::write_markdown;
pub use xlsx::{LISTS_SHEET, XLSX_HEADER, choices, write_xlsx};

use chuxin_core::{AnswerKind, Lang, Question};

/// How to answer a question, in one line: the levels, options or unit.
pub fn answer_guide(q: &Question, lang: Lang) -> String {
    match &q.kind {
        AnswerKind::Scale { levels } => levels
            .iter()
            .enumerate()
            .map(|(i, l)| format!("{}={}", i + 1, l.get(lang)))
            .collect::<Vec<_>>()
            .join("; "),
        AnswerKind::YesNo { .. } => lang.pick("是 / 否", "是 / 否", "yes / no").to_string(),
        AnswerKind::Single { options } | AnswerKind::Multi { options } => {
            let sep = if matches!(q.kind, AnswerKind::Multi { .. }) {
                lang.pick(
                    "（可多選，以逗號分隔） ",
                    "（可多选，以逗号分隔） ",
                    "(several allowed, comma-separated) ",
                )
            } else {
                ""
            };
            let list = options
                .iter()
                .map(|o| format!("{}={}", o.id, o.label.get(lang)))
                .collect::<Vec<_>>()
                .join("; ");
            format!("{sep}{list}")
        }
        AnswerKind::Number { unit, .. } => format!("{} ({})", lang.pick("數字", "数字", "number"), unit.get(lang)),
        AnswerKind::Text => lang.pick("文字", "文字", "free text").to_string(),
        AnswerKind::List => lang
            .pick("清單，以分號分隔", "清单，以分号分隔", "list, separated by `;`")
            .to_string(),
    }
}
