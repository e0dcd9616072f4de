//! Which column of a source fills which field, and the report of every column: used, or ignored (with a
//! warning when an ignored column looks like it holds a measure).

use serde::{Deserialize, Serialize};

use crate::civil::DateOrder;
use crate::error::IngestError;
use crate::field::{self, Field};
use crate::profile::Profile;

/// How one column of the source was used.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ColumnUse {
    /// The header as written.
    pub header: String,
    /// The field it feeds; `None` when the column is ignored.
    pub field: Option<Field>,
    /// Why an ignored column deserves a look (its header or its values look like a measure).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub warning: Option<ColumnWarning>,
}

/// Why an ignored column deserves a look. Its `Display` is the English note, which is also its stored form (a
/// stored run's note reads back as the same variant).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[serde(try_from = "String", into = "String")]
pub enum ColumnWarning {
    /// The header looks like a measure (`likes`, `閱讀數`).
    #[error("ignored, but the header looks like a measure: map it in a profile if it is one")]
    LooksLikeMeasure,
    /// Most sampled values are numbers.
    #[error("ignored, but {percent}% of its values are numbers: map it in a profile if it is a measure")]
    MostlyNumbers {
        /// The share of sampled values that read as numbers, in whole percent.
        percent: u32,
    },
}

impl From<ColumnWarning> for String {
    fn from(w: ColumnWarning) -> String {
        w.to_string()
    }
}

impl TryFrom<String> for ColumnWarning {
    type Error = String;

    fn try_from(text: String) -> Result<ColumnWarning, String> {
        if text == ColumnWarning::LooksLikeMeasure.to_string() {
            return Ok(ColumnWarning::LooksLikeMeasure);
        }
        text.strip_prefix("ignored, but ")
            .and_then(|t| t.split_once("% of its values are numbers"))
            .and_then(|(share, _)| share.parse().ok())
            .map(|percent| ColumnWarning::MostlyNumbers { percent })
            .ok_or_else(|| format!("not a column note: `{text}`"))
    }
}

/// The kind of rows a source holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// One row a post.
    Posts,
    /// One row an account a date.
    Accounts,
    /// One row a message: a comment, a mention, a customer's tweet or the brand's reply (see
    /// [`crate::conversation`]).
    Conversations,
}

impl Kind {
    /// Whether rows of this kind read field `f`: a column naming a field the kind does not read is reported
    /// as ignored (an `author` column in a post export feeds nothing).
    pub fn reads(self, f: Field) -> bool {
        let conversation_only = matches!(
            f,
            Field::MessageId
                | Field::Author
                | Field::Inbound
                | Field::FromBrand
                | Field::ReplyTo
                | Field::Thread
                | Field::Sentiment
        );
        match self {
            Kind::Posts | Kind::Accounts => !conversation_only,
            Kind::Conversations => {
                conversation_only
                    || matches!(
                        f,
                        Field::Brand
                            | Field::Platform
                            | Field::PostId
                            | Field::Time
                            | Field::Year
                            | Field::Month
                            | Field::Day
                            | Field::Hour
                            | Field::Text
                    )
            }
        }
    }
}

/// How each field is obtained for one source.
pub(crate) struct Mapping {
    pub headers: Vec<String>,
    /// Column index of each field (indexed by `Field as usize`).
    pub column: [Option<usize>; Field::ALL.len()],
    /// Derived fields: (field, column, separator, part).
    pub derived: Vec<(Field, usize, String, usize)>,
    pub brand: Option<String>,
    pub platform: Option<String>,
    pub year: Option<i32>,
    pub promotional: Option<bool>,
    pub date_order: DateOrder,
}

impl Mapping {
    pub fn new(
        headers: Vec<String>,
        profile: &Profile,
        kind: Kind,
        source_name: &str,
        encoding: &str,
    ) -> Result<Mapping, IngestError> {
        let mut column = [None; Field::ALL.len()];
        let mut rank = [usize::MAX; Field::ALL.len()];
        // Explicit columns first (rank 0), then recognised names.
        for (i, h) in headers.iter().enumerate() {
            let found = match profile.column_field(h) {
                Some(f) => Some((f, 0)),
                None if profile.auto => field::recognise(h).map(|(f, r)| (f, r + 1)),
                None => None,
            };
            if let Some((f, r)) = found
                && f != Field::Ignore
                && kind.reads(f)
                && r < rank[f as usize]
            {
                rank[f as usize] = r;
                column[f as usize] = Some(i);
            }
        }
        let mut derived = Vec::new();
        for d in &profile.derived {
            let Some(f) = Field::from_name(&d.field) else { continue };
            let norm = field::normalise_header(&d.from);
            let Some(i) = headers.iter().position(|h| field::normalise_header(h) == norm) else {
                return Err(missing(source_name, f, &headers, encoding));
            };
            derived.push((f, i, d.split.clone(), d.index));
        }
        let mapping = Mapping {
            headers,
            column,
            derived,
            brand: profile.constants.brand.clone(),
            platform: profile.constants.platform.as_deref().map(field::normalise_platform),
            year: profile.constants.year,
            promotional: profile.constants.promotional,
            date_order: profile.date_order,
        };
        for f in [Field::Brand, Field::Platform] {
            let constant = if f == Field::Brand {
                mapping.brand.is_some()
            } else {
                mapping.platform.is_some()
            };
            // A conversation names its brand by an account column, or by who wrote the brand's messages.
            let by_author = f == Field::Brand && kind == Kind::Conversations && mapping.has(Field::Author);
            if !mapping.has(f) && !constant && !by_author {
                return Err(missing(source_name, f, &mapping.headers, encoding));
            }
        }
        if kind == Kind::Conversations {
            if !mapping.has(Field::MessageId) && !mapping.has(Field::PostId) {
                return Err(missing(source_name, Field::MessageId, &mapping.headers, encoding));
            }
            if !mapping.has(Field::Inbound) && !mapping.has(Field::FromBrand) {
                return Err(missing(source_name, Field::FromBrand, &mapping.headers, encoding));
            }
        }
        let split_date = mapping.has(Field::Month) && (mapping.has(Field::Year) || mapping.year.is_some());
        if !mapping.has(Field::Time) && !split_date {
            return Err(missing(source_name, Field::Time, &mapping.headers, encoding));
        }
        Ok(mapping)
    }

    pub fn has(&self, f: Field) -> bool {
        self.column[f as usize].is_some() || self.derived.iter().any(|d| d.0 == f)
    }

    /// Each column and the field it feeds; `numeric_share[i]` is the share of sampled values of column
    /// `i` that read as numbers (for the warning on ignored columns).
    pub fn uses(&self, numeric_share: &[Option<f64>]) -> Vec<ColumnUse> {
        self.headers
            .iter()
            .enumerate()
            .map(|(i, h)| {
                let field = Field::ALL
                    .iter()
                    .find(|f| self.column[**f as usize] == Some(i))
                    .or_else(|| self.derived.iter().find(|d| d.1 == i).map(|d| &d.0))
                    .copied();
                let warning = if field.is_some() || h.is_empty() {
                    None
                } else if field::looks_like_metric(h) {
                    Some(ColumnWarning::LooksLikeMeasure)
                } else {
                    match numeric_share.get(i).copied().flatten() {
                        Some(s) if s >= 0.8 => Some(ColumnWarning::MostlyNumbers {
                            percent: (s * 100.0).round() as u32,
                        }),
                        _ => None,
                    }
                };
                ColumnUse {
                    header: h.clone(),
                    field,
                    warning,
                }
            })
            .collect()
    }
}

fn missing(source_name: &str, field: Field, headers: &[String], encoding: &str) -> IngestError {
    IngestError::MissingField {
        source_name: source_name.to_string(),
        field: field.name(),
        headers: headers
            .iter()
            .map(|h| format!("`{}`", excerpt(h)))
            .collect::<Vec<_>>()
            .join(", "),
        encoding: encoding.to_string(),
    }
}

/// At most 40 characters of `text`, with `…` when cut.
pub fn excerpt(text: &str) -> String {
    let mut out: String = text.chars().take(40).collect();
    if text.chars().nth(40).is_some() {
        out.push('…');
    }
    out
}

/// At most 200 characters of a message (a reason quoting a cell), with `…` when cut.
pub fn excerpt_long(text: &str) -> String {
    let mut out: String = text.chars().take(200).collect();
    if text.chars().nth(200).is_some() {
        out.push('…');
    }
    out
}
