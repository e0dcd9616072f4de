//! Answers: one client's values for a pack's questions, and how a value is checked against its question.
//!
//! Values arrive typed (TOML, JSON: [`Question::check`]) or as text (a terminal, a CSV cell:
//! [`Question::parse_text`]). Both paths end in the same normalised [`AnswerValue`]: a scale level as an integer,
//! a yes/no as a bool, a single choice as its option id, a multiple choice as a list of option ids.

use crate::error::{Allowed, AnswerError, Expected};
use crate::lang::Lang;
use crate::pack::{AnswerKind, Choice, Question, offered};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fmt;

/// A normalised answer value.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum AnswerValue {
    /// Yes or no.
    Bool(bool),
    /// A scale level (or a whole number).
    Int(i64),
    /// A number.
    Float(f64),
    /// An option id or free text.
    Text(String),
    /// Option ids or list items.
    List(Vec<String>),
}

impl fmt::Display for AnswerValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            AnswerValue::Bool(b) => write!(f, "{}", if *b { "yes" } else { "no" }),
            AnswerValue::Int(i) => write!(f, "{i}"),
            AnswerValue::Float(x) => write!(f, "{x}"),
            AnswerValue::Text(s) => f.write_str(s),
            AnswerValue::List(v) => f.write_str(&v.join(", ")),
        }
    }
}

/// One answer: a value (absent when only a note was given) and an optional note.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Answer {
    /// The value.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<AnswerValue>,
    /// A free-text note beside the answer.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// A client's answers, by question id.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Answers(pub BTreeMap<String, Answer>);

impl Answers {
    /// The value given for `question`, if any.
    pub fn value(&self, question: &str) -> Option<&AnswerValue> {
        self.0.get(question).and_then(|a| a.value.as_ref())
    }

    /// Returns true if and only if `question` has a value.
    pub fn is_answered(&self, question: &str) -> bool {
        self.value(question).is_some()
    }
}

impl Question {
    fn wrong(&self, expected: Expected, got: impl fmt::Display) -> AnswerError {
        AnswerError::WrongKind {
            question: self.id.clone(),
            expected,
            got: got.to_string(),
        }
    }

    fn out_of_range(&self, got: impl fmt::Display, allowed: Allowed) -> AnswerError {
        AnswerError::OutOfRange {
            question: self.id.clone(),
            got: got.to_string(),
            allowed,
        }
    }

    /// What this question accepts, in English words (for prompts and errors).
    pub fn expects(&self) -> String {
        self.expected().to_string()
    }

    /// What this question accepts.
    pub fn expected(&self) -> Expected {
        match &self.kind {
            AnswerKind::Scale { levels } => Expected::Level { max: levels.len() },
            AnswerKind::YesNo { .. } => Expected::YesNo,
            AnswerKind::Single { options } => Expected::OneOf(option_ids(offered(options))),
            AnswerKind::Multi { options } => Expected::AnyOf(option_ids(offered(options))),
            AnswerKind::Number { .. } => Expected::Number,
            AnswerKind::Text => Expected::Text,
            AnswerKind::List => Expected::List,
        }
    }

    /// Checks a typed value (from TOML or JSON) and returns it normalised.
    pub fn check(&self, v: &AnswerValue) -> Result<AnswerValue, AnswerError> {
        match (&self.kind, v) {
            (AnswerKind::Scale { levels }, AnswerValue::Int(i)) => self.level(*i as f64, levels.len()),
            (AnswerKind::Scale { levels }, AnswerValue::Float(x)) => self.level(*x, levels.len()),
            (AnswerKind::Scale { .. }, AnswerValue::Text(s)) => self.parse_text(s),
            (AnswerKind::YesNo { .. }, AnswerValue::Bool(b)) => Ok(AnswerValue::Bool(*b)),
            (AnswerKind::YesNo { .. }, AnswerValue::Text(s)) => self.parse_text(s),
            (AnswerKind::Single { options }, AnswerValue::Text(s)) => {
                self.choice(options, s).map(|c| AnswerValue::Text(c.id.clone()))
            }
            (AnswerKind::Multi { options }, AnswerValue::List(items)) => {
                let mut ids = Vec::new();
                for item in items {
                    let id = self.choice(options, item)?.id.clone();
                    if !ids.contains(&id) {
                        ids.push(id);
                    }
                }
                Ok(AnswerValue::List(ids))
            }
            (AnswerKind::Multi { .. }, AnswerValue::Text(s)) => self.parse_text(s),
            (AnswerKind::Number { .. }, AnswerValue::Int(i)) => self.number(*i as f64),
            (AnswerKind::Number { .. }, AnswerValue::Float(x)) => self.number(*x),
            (AnswerKind::Number { .. }, AnswerValue::Text(s)) => self.parse_text(s),
            (AnswerKind::Text, AnswerValue::Text(s)) => Ok(AnswerValue::Text(s.trim().to_string())),
            (AnswerKind::List, AnswerValue::List(items)) => Ok(AnswerValue::List(
                items
                    .iter()
                    .map(|s| s.trim().to_string())
                    .filter(|s| !s.is_empty())
                    .collect(),
            )),
            (AnswerKind::List, AnswerValue::Text(s)) => self.parse_text(s),
            (_, other) => Err(self.wrong(self.expected(), other)),
        }
    }

    /// Parses an answer typed as text: `4` or `4 - label` for a scale, `yes`/`是`, an option id, number or label,
    /// comma-separated options, a number with thousands separators, or `;`-separated list items.
    pub fn parse_text(&self, raw: &str) -> Result<AnswerValue, AnswerError> {
        let s = raw.trim();
        match &self.kind {
            AnswerKind::Scale { levels } => {
                let head: String = s.chars().take_while(|c| c.is_ascii_digit() || *c == '.').collect();
                if let Ok(x) = head.parse::<f64>() {
                    return self.level(x, levels.len());
                }
                match levels.iter().position(|l| l.matches(s)) {
                    Some(i) => Ok(AnswerValue::Int(i as i64 + 1)),
                    None => Err(self.wrong(self.expected(), s)),
                }
            }
            AnswerKind::YesNo { .. } => match s.to_lowercase().as_str() {
                "y" | "yes" | "true" | "1" | "是" | "有" | "對" | "对" => Ok(AnswerValue::Bool(true)),
                "n" | "no" | "false" | "0" | "否" | "沒有" | "没有" | "無" | "无" => {
                    Ok(AnswerValue::Bool(false))
                }
                _ => Err(self.wrong(Expected::YesNo, s)),
            },
            AnswerKind::Single { options } => self.choice(options, s).map(|c| AnswerValue::Text(c.id.clone())),
            AnswerKind::Multi { options } => {
                let mut ids = Vec::new();
                for part in split_items(s) {
                    let id = self.choice(options, &part)?.id.clone();
                    if !ids.contains(&id) {
                        ids.push(id);
                    }
                }
                Ok(AnswerValue::List(ids))
            }
            AnswerKind::Number { .. } => {
                let cleaned: String = s.chars().filter(|c| !matches!(c, ',' | ' ' | '_' | '，')).collect();
                match cleaned.parse::<f64>() {
                    Ok(x) if x.is_finite() => self.number(x),
                    _ => Err(self.wrong(Expected::Number, s)),
                }
            }
            AnswerKind::Text => Ok(AnswerValue::Text(s.to_string())),
            AnswerKind::List => Ok(AnswerValue::List(split_items(s))),
        }
    }

    fn level(&self, x: f64, n: usize) -> Result<AnswerValue, AnswerError> {
        if x.fract() != 0.0 || x < 1.0 || x > n as f64 {
            return Err(self.out_of_range(x, Allowed::Levels { max: n }));
        }
        Ok(AnswerValue::Int(x as i64))
    }

    fn number(&self, x: f64) -> Result<AnswerValue, AnswerError> {
        let AnswerKind::Number {
            bands,
            min_value,
            max_value,
            ..
        } = &self.kind
        else {
            return Err(self.wrong(Expected::Number, x));
        };
        let lo = min_value.unwrap_or(f64::NEG_INFINITY);
        let hi = max_value.unwrap_or(f64::INFINITY);
        let in_band = bands.is_empty() || bands.iter().any(|b| b.contains(x));
        if x < lo || x > hi || !in_band {
            let allowed = match (min_value, max_value) {
                (Some(min), Some(max)) => Allowed::Between { min: *min, max: *max },
                (Some(a), None) => Allowed::AtLeast(*a),
                (None, Some(b)) => Allowed::AtMost(*b),
                (None, None) => Allowed::Bands,
            };
            return Err(self.out_of_range(x, allowed));
        }
        Ok(if x.fract() == 0.0 && x.abs() < 9e15 {
            AnswerValue::Int(x as i64)
        } else {
            AnswerValue::Float(x)
        })
    }

    fn choice<'a>(&self, options: &'a [Choice], s: &str) -> Result<&'a Choice, AnswerError> {
        let s = s.trim();
        if let Some(c) = options.iter().find(|o| o.id == s) {
            return Ok(c);
        }
        // Numbers count the options offered; ids and labels of options not offered (another market's) still read.
        let shown = offered(options);
        if let Ok(n) = s.parse::<usize>()
            && (1..=shown.len()).contains(&n)
        {
            return Ok(&shown[n - 1]);
        }
        options
            .iter()
            .find(|o| o.label.matches(s))
            .ok_or_else(|| self.out_of_range(s, Allowed::Options(option_ids(shown))))
    }

    /// A value as a reader sees it in `lang`: a scale as `4/5 · label`, options by their labels.
    pub fn describe(&self, v: &AnswerValue, lang: Lang) -> String {
        let label = |options: &[Choice], id: &str| {
            options
                .iter()
                .find(|o| o.id == id)
                .map_or(id.to_string(), |o| o.label.get(lang).to_string())
        };
        match (&self.kind, v) {
            (AnswerKind::Scale { levels }, AnswerValue::Int(i)) => {
                let l = levels.get((*i as usize).wrapping_sub(1)).map_or("", |t| t.get(lang));
                format!("{i}/{} · {l}", levels.len())
            }
            (AnswerKind::YesNo { .. }, AnswerValue::Bool(b)) => if *b {
                lang.pick("是", "是", "yes")
            } else {
                lang.pick("否", "否", "no")
            }
            .to_string(),
            (AnswerKind::Single { options }, AnswerValue::Text(id)) => label(options, id),
            (AnswerKind::Multi { options }, AnswerValue::List(ids)) => {
                let sep = lang.pick("、", "、", ", ");
                ids.iter().map(|id| label(options, id)).collect::<Vec<_>>().join(sep)
            }
            (AnswerKind::Number { unit, .. }, v) => format!("{v} {}", unit.get(lang)),
            (_, v) => v.to_string(),
        }
    }
}

fn option_ids(options: &[Choice]) -> Vec<String> {
    options.iter().map(|o| o.id.clone()).collect()
}

/// Splits a typed list on `;`, `,`, `、`, `；`, `，` and new lines; empty items are dropped.
fn split_items(s: &str) -> Vec<String> {
    s.split([';', ',', '、', '；', '，', '\n'])
        .map(|p| p.trim().to_string())
        .filter(|p| !p.is_empty())
        .collect()
}
