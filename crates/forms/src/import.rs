//! Reading filled questionnaires back: TOML, JSON and the questionnaire CSV, all checked against the catalog.
//!
//! TOML and JSON are first read into one JSON tree, so both go through the same checks. Syntax errors carry the
//! parser's line; for a bad id or value the line is found by looking for the question id in the text.

use chuxin_core::{Answer, AnswerError, AnswerValue, Answers, Catalog};
use serde_json::Value;
use std::fmt;
use thiserror::Error;

/// A file format for import.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// TOML, as `chuxin` writes audits.
    Toml,
    /// JSON.
    Json,
    /// The questionnaire CSV.
    Csv,
    /// The questionnaire workbook (`chuxin form --format xlsx`), filled in Excel, WPS or LibreOffice.
    Xlsx,
}

impl Format {
    /// Picks the format from a file name's extension.
    pub fn from_path(path: &str) -> Option<Format> {
        let ext = path.rsplit('.').next()?.to_ascii_lowercase();
        match ext.as_str() {
            "toml" => Some(Format::Toml),
            "json" => Some(Format::Json),
            "csv" => Some(Format::Csv),
            "xlsx" => Some(Format::Xlsx),
            _ => None,
        }
    }
}

/// An import that failed: file, line (when known), field and reason.
#[derive(Debug, Error, Clone, PartialEq)]
pub struct ImportError {
    /// The file.
    pub file: String,
    /// 1-based line, when known.
    pub line: Option<usize>,
    /// The field: a question id, `answers.<id>.value`, a CSV column.
    pub field: Option<String>,
    /// What is wrong.
    pub reason: String,
}

impl fmt::Display for ImportError {
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

/// What an import yields.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Imported {
    /// The date written in the file, if any.
    pub date: Option<String>,
    /// The answers, checked and normalised.
    pub answers: Answers,
}

/// Reads a filled questionnaire. `file` names it in errors.
pub fn import(bytes: &[u8], file: &str, format: Format, catalog: &Catalog) -> Result<Imported, ImportError> {
    if format == Format::Xlsx {
        return crate::xlsx::import_xlsx(bytes, file, catalog);
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let fail = |line: Option<usize>, field: Option<String>, reason: String| ImportError {
        file: file.to_string(),
        line,
        field,
        reason,
    };
    let text = std::str::from_utf8(bytes).map_err(|e| {
        let line = bytes[..e.valid_up_to()].iter().filter(|b| **b == b'\n').count() + 1;
        fail(Some(line), None, "not UTF-8 text (save the file as UTF-8)".into())
    })?;
    match format {
        Format::Csv => import_csv(text, file, catalog),
        Format::Xlsx => crate::xlsx::import_xlsx(bytes, file, catalog),
        Format::Toml => {
            let tree: toml::Value = toml::from_str(text).map_err(|e| {
                let line = e
                    .span()
                    .map(|s| text[..s.start.min(text.len())].matches('\n').count() + 1);
                fail(line, None, e.message().trim().to_string())
            })?;
            let tree = serde_json::to_value(tree).map_err(|e| fail(None, None, e.to_string()))?;
            import_tree(&tree, text, file, catalog)
        }
        Format::Json => {
            let tree: Value = serde_json::from_str(text).map_err(|e| fail(Some(e.line()), None, e.to_string()))?;
            import_tree(&tree, text, file, catalog)
        }
    }
}

/// The first line of `text` that mentions question `id` (quoted or as a bare key).
fn line_of(text: &str, id: &str) -> Option<usize> {
    let quoted = format!("\"{id}\"");
    text.lines()
        .position(|l| l.contains(&quoted) || l.trim_start().starts_with(&format!("{id} ")))
        .map(|i| i + 1)
}

fn to_answer_value(v: &Value) -> Option<AnswerValue> {
    match v {
        Value::Bool(b) => Some(AnswerValue::Bool(*b)),
        Value::Number(n) => Some(match n.as_i64() {
            Some(i) => AnswerValue::Int(i),
            None => AnswerValue::Float(n.as_f64()?),
        }),
        Value::String(s) => Some(AnswerValue::Text(s.clone())),
        Value::Array(items) => Some(AnswerValue::List(
            items
                .iter()
                .map(|i| i.as_str().map_or_else(|| i.to_string(), str::to_string))
                .collect(),
        )),
        Value::Null | Value::Object(_) => None,
    }
}

fn import_tree(tree: &Value, text: &str, file: &str, catalog: &Catalog) -> Result<Imported, ImportError> {
    let fail = |line, field: Option<String>, reason: String| ImportError {
        file: file.to_string(),
        line,
        field,
        reason,
    };
    let root = tree
        .as_object()
        .ok_or_else(|| fail(Some(1), None, "expected a table at the top".into()))?;
    let date = match root.get("date") {
        None => None,
        Some(Value::String(d)) if is_date(d) => Some(d.clone()),
        Some(other) => {
            let line = text
                .lines()
                .position(|l| l.trim_start().starts_with("date") || l.contains("\"date\""));
            return Err(fail(
                line.map(|l| l + 1),
                Some("date".into()),
                format!("`{other}` is not a date YYYY-MM-DD"),
            ));
        }
    };
    let entries = match root.get("answers") {
        Some(Value::Object(m)) => m,
        Some(_) => {
            return Err(fail(
                line_of(text, "answers"),
                Some("answers".into()),
                "expected a table".into(),
            ));
        }
        None => {
            return Err(fail(
                None,
                Some("answers".into()),
                "no `answers` table in the file".into(),
            ));
        }
    };
    let mut answers = Answers::default();
    for (id, entry) in entries {
        let line = line_of(text, id);
        let question = catalog.question(id).ok_or_else(|| {
            fail(
                line,
                Some(format!("answers.{id}")),
                format!("unknown question id `{id}`"),
            )
        })?;
        let (value, note) = match entry {
            Value::Object(m) => {
                if let Some(k) = m.keys().find(|k| !matches!(k.as_str(), "value" | "note")) {
                    return Err(fail(
                        line,
                        Some(format!("answers.{id}.{k}")),
                        "unknown field: expected `value` or `note`".into(),
                    ));
                }
                let note = match m.get("note") {
                    None | Some(Value::Null) => None,
                    Some(Value::String(s)) => Some(s.clone()),
                    Some(_) => return Err(fail(line, Some(format!("answers.{id}.note")), "a note is text".into())),
                };
                (m.get("value"), note)
            }
            other => (Some(other), None),
        };
        let value = match value {
            None | Some(Value::Null) => None,
            Some(Value::String(s)) if s.trim().is_empty() => None,
            Some(v) => {
                let raw = to_answer_value(v).ok_or_else(|| {
                    fail(
                        line,
                        Some(format!("answers.{id}.value")),
                        format!("cannot use `{v}` as an answer"),
                    )
                })?;
                Some(
                    question
                        .check(&raw)
                        .map_err(|e| fail(line, Some(format!("answers.{id}.value")), reason(&e)))?,
                )
            }
        };
        if value.is_some() || note.is_some() {
            answers.0.insert(
                id.clone(),
                Answer {
                    value,
                    note: note.filter(|n| !n.trim().is_empty()),
                },
            );
        }
    }
    Ok(Imported { date, answers })
}

fn reason(e: &AnswerError) -> String {
    e.to_string()
}

fn is_date(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit())
}

fn import_csv(text: &str, file: &str, catalog: &Catalog) -> Result<Imported, ImportError> {
    let fail = |line, field: Option<String>, reason: String| ImportError {
        file: file.to_string(),
        line,
        field,
        reason,
    };
    let mut reader = csv::ReaderBuilder::new().flexible(true).from_reader(text.as_bytes());
    let headers = reader
        .headers()
        .map_err(|e| fail(Some(1), None, e.to_string()))?
        .clone();
    let col = |name: &str| headers.iter().position(|h| h.trim().eq_ignore_ascii_case(name));
    let id_col = col("id").ok_or_else(|| fail(Some(1), Some("id".into()), "no `id` column".into()))?;
    let answer_col = col("answer").ok_or_else(|| fail(Some(1), Some("answer".into()), "no `answer` column".into()))?;
    let note_col = col("note");
    let mut answers = Answers::default();
    for record in reader.records() {
        let record = record.map_err(|e| {
            let line = e.position().map(|p| p.line() as usize);
            fail(line, None, e.to_string())
        })?;
        let line = record.position().map(|p| p.line() as usize);
        let id = record.get(id_col).unwrap_or("").trim();
        if id.is_empty() {
            continue;
        }
        let question = catalog
            .question(id)
            .ok_or_else(|| fail(line, Some("id".into()), format!("unknown question id `{id}`")))?;
        let raw = record.get(answer_col).unwrap_or("").trim();
        let note = note_col
            .and_then(|c| record.get(c))
            .map(str::trim)
            .filter(|n| !n.is_empty())
            .map(str::to_string);
        let value = if raw.is_empty() {
            None
        } else {
            Some(
                question
                    .parse_text(raw)
                    .map_err(|e| fail(line, Some(format!("answer ({id})")), reason(&e)))?,
            )
        };
        if value.is_some() || note.is_some() {
            answers.0.insert(id.to_string(), Answer { value, note });
        }
    }
    Ok(Imported { date: None, answers })
}
