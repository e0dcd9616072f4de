//! Reading filled questionnaires back: TOML, JSON and the questionnaire CSV, all checked against the catalog.
//!
//! TOML and JSON are first read into one JSON tree, so both go through the same checks. Syntax errors carry the
//! parser's line; for a bad id or value the line is found by looking for the question id in the text. The CSV and
//! the workbook go row by row through [`Rows`], which checks every row (an unknown id, a value the question does
//! not accept, a question given twice, an answer without an id) and records every problem before it returns.
//!
//! Blank cells give nothing and a clearing word ([`crate::CLEAR_WORDS`]) marks what to erase; what that does
//! to the answers already stored is [`mod@crate::merge`]'s rule, not this module's.

use crate::columns::Column;
use crate::error::{ImportError, Place, Problems, Reason};
use crate::merge::is_clear;
use chuxin_core::{Answer, AnswerError, AnswerValue, Answers, Catalog};
use serde_json::Value;
use std::collections::{BTreeMap, HashMap};

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

/// What an import yields: the answers and notes the file gives, and what it asks to erase.
///
/// Blank cells give nothing; how this combines with stored answers is [`mod@crate::merge`]'s rule.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Imported {
    /// The date written in the file, if any.
    pub date: Option<String>,
    /// The answers and notes the file gives, checked and normalised (a note alone has no value).
    pub answers: Answers,
    /// The questions whose stored answer or note the file erases with a clearing word ([`crate::CLEAR_WORDS`]).
    pub cleared: BTreeMap<String, Clearing>,
}

/// What a row erases.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Clearing {
    /// The answer cell holds a clearing word.
    pub answer: bool,
    /// The note cell holds a clearing word.
    pub note: bool,
}

impl Imported {
    /// How many questions the file answers, annotates or clears.
    pub fn len(&self) -> usize {
        self.answers.0.len()
            + self
                .cleared
                .keys()
                .filter(|id| !self.answers.0.contains_key(*id))
                .count()
    }

    /// Returns true if and only if the file gives nothing.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// Collects the rows of a CSV or workbook into an [`Imported`], recording every problem.
pub(crate) struct Rows<'a> {
    catalog: &'a Catalog,
    /// The problems found so far.
    pub(crate) problems: Problems,
    imported: Imported,
    /// Where each id was first seen, to report a question given twice.
    seen: HashMap<String, Place>,
}

/// One row as read: where it is, and its id, answer and note cells (trimmed).
pub(crate) struct Row<'r> {
    /// 1-based physical line (or sheet row).
    pub line: usize,
    /// Where the row is, for a duplicate's message: line 7, `环境!A7`.
    pub place: Place,
    /// The name of the id field in messages: its header as the file writes it (with the cell, in a workbook).
    pub id_field: String,
    /// The name of the answer field in messages (without the question id), as the file writes it.
    pub answer_field: String,
    /// The id cell.
    pub id: &'r str,
    /// The answer cell.
    pub answer: &'r str,
    /// The note cell.
    pub note: &'r str,
}

impl<'a> Rows<'a> {
    pub(crate) fn new(catalog: &'a Catalog, file: &str) -> Rows<'a> {
        Rows {
            catalog,
            problems: Problems::new(file),
            imported: Imported::default(),
            seen: HashMap::new(),
        }
    }

    /// Checks one row and takes what it gives.
    pub(crate) fn row(&mut self, r: Row<'_>) {
        let line = Some(r.line);
        if r.id.is_empty() {
            if !r.answer.is_empty() || !r.note.is_empty() {
                self.problems.add(line, Some(r.id_field), Reason::NoQuestionId);
            }
            return;
        }
        let Some(question) = self.catalog.question(r.id) else {
            self.problems
                .add(line, Some(r.id_field), AnswerError::UnknownQuestion(r.id.to_string()));
            return;
        };
        if let Some(first) = self.seen.get(r.id) {
            self.problems.add(
                line,
                Some(r.id_field),
                Reason::Twice {
                    id: r.id.to_string(),
                    first: first.clone(),
                },
            );
            return;
        }
        self.seen.insert(r.id.to_string(), r.place);
        let clearing = Clearing {
            answer: is_clear(r.answer),
            note: is_clear(r.note),
        };
        let value = if r.answer.is_empty() || clearing.answer {
            None
        } else {
            match question.parse_text(r.answer) {
                Ok(v) => Some(v),
                Err(e) => {
                    self.problems
                        .add(line, Some(format!("{} ({})", r.answer_field, r.id)), e);
                    return;
                }
            }
        };
        let note = (!r.note.is_empty() && !clearing.note).then(|| r.note.to_string());
        self.give(r.id, value, note, clearing);
    }

    fn give(&mut self, id: &str, value: Option<AnswerValue>, note: Option<String>, clearing: Clearing) {
        if value.is_some() || note.is_some() {
            self.imported.answers.0.insert(id.to_string(), Answer { value, note });
        }
        if clearing.answer || clearing.note {
            self.imported.cleared.insert(id.to_string(), clearing);
        }
    }

    /// The rows read, or every problem found.
    pub(crate) fn finish(self) -> Result<Imported, ImportError> {
        self.problems.finish(self.imported)
    }
}

/// Reads a filled questionnaire. `file` names it in errors.
///
/// Every row is checked before this returns: the error lists every problem found (up to
/// [`crate::MAX_PROBLEMS`]), each with its physical line and field, and the caller must then write nothing.
pub fn import(bytes: &[u8], file: &str, format: Format, catalog: &Catalog) -> Result<Imported, ImportError> {
    if format == Format::Xlsx {
        return crate::xlsx::import_xlsx(bytes, file, catalog);
    }
    // The byte-order mark Excel writes starts the first line; it adds no line.
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let problems = Problems::new(file);
    let text = std::str::from_utf8(bytes).map_err(|e| {
        let line = bytes[..e.valid_up_to()].iter().filter(|b| **b == b'\n').count() + 1;
        problems.fatal(Some(line), None, Reason::NotUtf8)
    })?;
    match format {
        Format::Csv => import_csv(text, file, catalog),
        Format::Xlsx => crate::xlsx::import_xlsx(bytes, file, catalog),
        Format::Toml => {
            let tree: toml::Value = toml::from_str(text).map_err(|e| {
                let line = e.span().map(|s| line_at(text, s.start));
                problems.fatal(line, None, Reason::Syntax(e.message().trim().to_string()))
            })?;
            let tree =
                serde_json::to_value(tree).map_err(|e| problems.fatal(None, None, Reason::Syntax(e.to_string())))?;
            import_tree(&tree, text, problems, catalog)
        }
        Format::Json => {
            let tree: Value = serde_json::from_str(text)
                .map_err(|e| problems.fatal(Some(e.line()), None, Reason::Syntax(e.to_string())))?;
            import_tree(&tree, text, problems, catalog)
        }
    }
}

/// The 1-based physical line of byte `at` of `text`.
fn line_at(text: &str, at: usize) -> usize {
    text.as_bytes()[..at.min(text.len())]
        .iter()
        .filter(|b| **b == b'\n')
        .count()
        + 1
}

/// The physical line of the CSV record whose position is byte `at`. The csv reader places a record just after the
/// previous one's last cell, before the line ending it has not yet consumed (the `\n` of a CRLF, or blank lines):
/// counting from there put every CRLF row one line too early. The record starts at its first byte that is not a
/// line ending.
fn record_line(text: &str, at: usize) -> usize {
    let skip = text.as_bytes()[at.min(text.len())..]
        .iter()
        .take_while(|b| matches!(b, b'\r' | b'\n'))
        .count();
    line_at(text, at + skip)
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

fn import_tree(tree: &Value, text: &str, mut problems: Problems, catalog: &Catalog) -> Result<Imported, ImportError> {
    let Some(root) = tree.as_object() else {
        return Err(problems.fatal(Some(1), None, Reason::NoTopTable));
    };
    let mut imported = Imported::default();
    match root.get("date") {
        None => {}
        Some(Value::String(d)) if is_date(d) => imported.date = Some(d.clone()),
        Some(other) => {
            let line = text
                .lines()
                .position(|l| l.trim_start().starts_with("date") || l.contains("\"date\""));
            problems.add(
                line.map(|l| l + 1),
                Some("date".into()),
                Reason::NotADate(other.to_string()),
            );
        }
    }
    let entries = match root.get("answers") {
        Some(Value::Object(m)) => m,
        Some(_) => {
            problems.add(
                line_of(text, "answers"),
                Some("answers".into()),
                Reason::AnswersNotATable,
            );
            return problems.finish(imported);
        }
        None => {
            problems.add(None, Some("answers".into()), Reason::NoAnswers);
            return problems.finish(imported);
        }
    };
    for (id, entry) in entries {
        let line = line_of(text, id);
        let Some(question) = catalog.question(id) else {
            problems.add(
                line,
                Some(format!("answers.{id}")),
                AnswerError::UnknownQuestion(id.clone()),
            );
            continue;
        };
        let (value, note) = match entry {
            Value::Object(m) => {
                if let Some(k) = m.keys().find(|k| !matches!(k.as_str(), "value" | "note")) {
                    problems.add(line, Some(format!("answers.{id}.{k}")), Reason::UnknownKey);
                    continue;
                }
                let note = match m.get("note") {
                    None | Some(Value::Null) => None,
                    Some(Value::String(s)) => Some(s.trim().to_string()),
                    Some(_) => {
                        problems.add(line, Some(format!("answers.{id}.note")), Reason::NoteNotText);
                        continue;
                    }
                };
                (m.get("value"), note)
            }
            other => (Some(other), None),
        };
        let mut clearing = Clearing::default();
        let value = match value {
            None | Some(Value::Null) => None,
            Some(Value::String(s)) if s.trim().is_empty() => None,
            Some(Value::String(s)) if is_clear(s) => {
                clearing.answer = true;
                None
            }
            Some(v) => {
                let Some(raw) = to_answer_value(v) else {
                    problems.add(
                        line,
                        Some(format!("answers.{id}.value")),
                        Reason::NotAnAnswer(v.to_string()),
                    );
                    continue;
                };
                match question.check(&raw) {
                    Ok(v) => Some(v),
                    Err(e) => {
                        problems.add(line, Some(format!("answers.{id}.value")), e);
                        continue;
                    }
                }
            }
        };
        clearing.note = note.as_deref().is_some_and(is_clear);
        let note = note.filter(|n| !n.is_empty() && !clearing.note);
        if value.is_some() || note.is_some() {
            imported.answers.0.insert(id.clone(), Answer { value, note });
        }
        if clearing.answer || clearing.note {
            imported.cleared.insert(id.clone(), clearing);
        }
    }
    problems.finish(imported)
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

/// Reads the questionnaire CSV. Lines are physical lines of the file: a record's line is the line it starts on,
/// counted from its byte offset, so CRLF endings and newlines inside quoted cells count as they do in an editor.
fn import_csv(text: &str, file: &str, catalog: &Catalog) -> Result<Imported, ImportError> {
    let mut rows = Rows::new(catalog, file);
    let mut reader = csv::ReaderBuilder::new().flexible(true).from_reader(text.as_bytes());
    let headers = reader
        .headers()
        .map_err(|e| rows.problems.fatal(Some(1), None, Reason::Syntax(e.to_string())))?
        .clone();
    let id_col = Column::Id
        .find(headers.iter())
        .ok_or_else(|| rows.problems.fatal(Some(1), Some("id".into()), Reason::NoColumn("id")))?;
    let answer_col = Column::Answer.find(headers.iter()).ok_or_else(|| {
        rows.problems
            .fatal(Some(1), Some("answer".into()), Reason::NoColumn("answer"))
    })?;
    let note_col = Column::Note.find(headers.iter());
    let mut record = csv::StringRecord::new();
    loop {
        let at = reader.position().byte() as usize;
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => {
                let line = record_line(text, e.position().map_or(at, |p| p.byte() as usize));
                rows.problems.add(Some(line), None, Reason::Syntax(e.to_string()));
                continue;
            }
        }
        let start = record.position().map_or(at, |p| p.byte() as usize);
        let line = record_line(text, start);
        let cell = |c: Option<usize>| c.and_then(|c| record.get(c)).unwrap_or("").trim();
        rows.row(Row {
            line,
            place: Place::Line(line),
            id_field: headers[id_col].trim().to_string(),
            answer_field: headers[answer_col].trim().to_string(),
            id: cell(Some(id_col)),
            answer: cell(Some(answer_col)),
            note: cell(note_col),
        });
    }
    rows.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn catalog() -> Catalog {
        Catalog::new(vec![chuxin_core::core_pack().unwrap()]).unwrap()
    }

    #[test]
    fn csv_lines_are_physical_with_a_bom_crlf_and_a_quoted_newline() {
        // Line 1 header, 2 good, 3–4 one record with a newline in its note, 5 an out-of-range answer,
        // 6 an unknown id, 7 a repeated id.
        let text = "\u{feff}id,answer,note\r\nenv.interest,4,\r\nenv.positioning,3,\"two\r\nlines\"\r\n\
                    env.brand_sentiment,9,\r\nenv.nonsense,1,\r\nenv.interest,5,\r\n";
        let err = import(text.as_bytes(), "q.csv", Format::Csv, &catalog()).unwrap_err();
        let lines: Vec<Option<usize>> = err.problems().iter().map(|p| p.line).collect();
        assert_eq!(lines, [Some(5), Some(6), Some(7)], "{err}");
        assert_eq!(err.problems()[0].field.as_deref(), Some("answer (env.brand_sentiment)"));
        assert!(err.problems()[2].reason.to_string().contains("also at line 2"), "{err}");
    }

    #[test]
    fn a_field_is_named_by_its_header_as_the_file_writes_it() {
        let text = "題號,您的答案\nenv.interest,9\nenv.nope,1\n";
        let err = import(text.as_bytes(), "q.csv", Format::Csv, &catalog()).unwrap_err();
        let fields: Vec<_> = err.problems().iter().map(|p| p.field.as_deref()).collect();
        assert_eq!(fields, [Some("您的答案 (env.interest)"), Some("題號")]);
    }

    #[test]
    fn clearing_words_and_notes_alone_are_read_from_every_format() {
        let csv = "id,answer,note\nenv.interest,,only a note\nenv.positioning,清除,\nres.patience,8,clear\n";
        let got = import(csv.as_bytes(), "q.csv", Format::Csv, &catalog()).unwrap();
        let toml = "[answers]\n\"env.interest\" = { note = \"only a note\" }\n\"env.positioning\" = \"清除\"\n\
                    \"res.patience\" = { value = 8, note = \"Clear\" }\n";
        let from_toml = import(toml.as_bytes(), "q.toml", Format::Toml, &catalog()).unwrap();
        assert_eq!(got, from_toml);
        assert_eq!(got.answers.0["env.interest"].value, None);
        assert!(got.cleared["env.positioning"].answer);
        assert!(got.cleared["res.patience"].note);
        assert_eq!(got.len(), 3);
    }
}
