//! Mapping profiles: which column of an export holds which [`Field`], plus constants (brand, platform,
//! year) and derived values, written in TOML. Built-in profiles cover the four real files in
//! `shared/realdata/`; [`Profile::auto`] recognises headers by their names alone.
//!
//! ```toml
//! name = "my-agency-weibo"
//! description = "Weibo export from our listening tool"
//! delimiter = ","          # optional: detected when absent
//! encoding = "gb18030"     # optional: detected when absent
//! date_order = "dmy"       # optional: auto | mdy | dmy | ymd
//! auto = true              # also recognise known headers not listed under [columns] (default true)
//!
//! [constants]              # values for every row
//! brand = "蓮心茶飲"
//! platform = "weibo"
//!
//! [columns]                # header = field (see docs/metrics.md for the field names)
//! "轉發數" = "shares"
//! "Category" = "ignore"
//!
//! [[derived]]              # a field taken from part of another column
//! field = "brand"
//! from = "status_id"
//! split = "_"
//! index = 0
//! ```

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::civil::DateOrder;
use crate::error::{ProfileError, ProfileProblem};
use crate::field::{Field, normalise_header};

/// A mapping from an export's columns to chuxin's fields.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Profile {
    /// Profile name (`uci-live-sellers`).
    #[serde(default)]
    pub name: String,
    /// One line on what export this profile reads.
    #[serde(default)]
    pub description: String,
    /// Delimiter as a one-character string; detected when absent.
    #[serde(default)]
    pub delimiter: Option<String>,
    /// Encoding label (`utf-8`, `gb18030`, `utf-16le` …); detected when absent.
    #[serde(default)]
    pub encoding: Option<String>,
    /// Order of numeric dates.
    #[serde(default)]
    pub date_order: DateOrder,
    /// Whether headers not listed in `columns` are still recognised by name.
    #[serde(default = "yes")]
    pub auto: bool,
    /// Values that hold for every row.
    #[serde(default)]
    pub constants: Constants,
    /// Header → field name.
    #[serde(default)]
    pub columns: BTreeMap<String, String>,
    /// Fields taken from a part of another column.
    #[serde(default)]
    pub derived: Vec<Derived>,
}

fn yes() -> bool {
    true
}

/// Values a profile sets for every row.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Constants {
    /// Brand, when the export is one brand's.
    pub brand: Option<String>,
    /// Platform, when the export is one platform's.
    pub platform: Option<String>,
    /// Year, when the export gives only month (and day) columns.
    pub year: Option<i32>,
    /// Promotional flag for every post.
    pub promotional: Option<bool>,
}

/// A field taken from part of a column: the column is split on `split` and part `index` (0-based) kept.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Derived {
    /// The field set.
    pub field: String,
    /// The source column's header.
    pub from: String,
    /// The separator.
    pub split: String,
    /// Which part to keep, 0-based.
    pub index: usize,
}

/// The built-in profiles: name, TOML text.
const BUILTINS: &[(&str, &str)] = &[
    (
        "uci-facebook-metrics",
        include_str!("../profiles/uci-facebook-metrics.toml"),
    ),
    ("uci-live-sellers", include_str!("../profiles/uci-live-sellers.toml")),
    ("twitter-analytics", include_str!("../profiles/twitter-analytics.toml")),
    (
        "buzzfeed-fact-check",
        include_str!("../profiles/buzzfeed-fact-check.toml"),
    ),
    ("twcs", include_str!("../profiles/twcs.toml")),
];

impl Profile {
    /// The automatic profile: headers recognised by name, everything else detected.
    pub fn auto() -> Profile {
        Profile {
            name: "auto".to_string(),
            description: "headers recognised by name (English, 繁體, 简体)".to_string(),
            delimiter: None,
            encoding: None,
            date_order: DateOrder::Auto,
            auto: true,
            constants: Constants::default(),
            columns: BTreeMap::new(),
            derived: Vec::new(),
        }
    }

    /// Parses and checks a profile written in TOML.
    pub fn from_toml_str(text: &str) -> Result<Profile, ProfileError> {
        let profile: Profile = toml::from_str(text).map_err(|e| ProfileError::Toml(e.to_string()))?;
        profile.validate()?;
        Ok(profile)
    }

    /// The built-in profile called `name`.
    pub fn builtin(name: &str) -> Result<Profile, ProfileError> {
        let (_, text) = BUILTINS
            .iter()
            .find(|(n, _)| *n == name)
            .ok_or_else(|| ProfileError::UnknownBuiltin {
                name: name.to_string(),
                known: Profile::builtin_names().join(", "),
            })?;
        Profile::from_toml_str(text)
    }

    /// Names of the built-in profiles.
    pub fn builtin_names() -> Vec<&'static str> {
        BUILTINS.iter().map(|(n, _)| *n).collect()
    }

    /// Resolves `--profile NAME|FILE` text: a built-in name, else TOML text the caller read from a file.
    pub fn builtin_or_toml(name_or_toml: &str) -> Result<Profile, ProfileError> {
        if BUILTINS.iter().any(|(n, _)| *n == name_or_toml) {
            Profile::builtin(name_or_toml)
        } else {
            Profile::from_toml_str(name_or_toml)
        }
    }

    /// The delimiter byte, if set.
    pub fn delimiter_byte(&self) -> Result<Option<u8>, ProfileError> {
        delimiter_byte(self.delimiter.as_deref())
    }

    /// The field an explicit `columns` entry gives `header`, if any.
    pub(crate) fn column_field(&self, header: &str) -> Option<Field> {
        let norm = normalise_header(header);
        self.columns
            .iter()
            .find(|(h, _)| normalise_header(h) == norm)
            .and_then(|(_, f)| Field::from_name(f))
    }

    fn validate(&self) -> Result<(), ProfileError> {
        let known = || Field::ALL.iter().map(|f| f.name()).collect::<Vec<_>>().join(", ");
        for (column, field) in &self.columns {
            if Field::from_name(field).is_none() {
                return Err(ProfileError::UnknownField {
                    column: column.clone(),
                    field: field.clone(),
                    known: known(),
                });
            }
        }
        for (i, d) in self.derived.iter().enumerate() {
            if Field::from_name(&d.field).is_none() {
                return Err(ProfileError::UnknownField {
                    column: d.from.clone(),
                    field: d.field.clone(),
                    known: known(),
                });
            }
            if d.split.is_empty() {
                return Err(ProfileError::Invalid {
                    key: format!("derived[{i}].split"),
                    reason: ProfileProblem::Empty,
                });
            }
        }
        self.delimiter_byte()?;
        Ok(())
    }
}

/// Turns a delimiter setting (`","`, `";"`, `"\t"`, `"tab"`, `"|"`) into a byte.
pub fn delimiter_byte(text: Option<&str>) -> Result<Option<u8>, ProfileError> {
    let Some(text) = text else { return Ok(None) };
    let byte = match text {
        "tab" | "\\t" | "\t" => b'\t',
        t if t.len() == 1 && t.is_ascii() => t.as_bytes()[0],
        _ => {
            return Err(ProfileError::Invalid {
                key: "delimiter".into(),
                reason: ProfileProblem::NotOneCharacter(text.to_string()),
            });
        }
    };
    Ok(Some(byte))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtins_parse() {
        for name in Profile::builtin_names() {
            let p = Profile::builtin(name).unwrap();
            assert_eq!(p.name, name);
            assert!(!p.description.is_empty());
        }
        assert!(Profile::builtin("nope").is_err());
    }

    #[test]
    fn rejects_unknown_fields() {
        let err = Profile::from_toml_str("[columns]\nA = \"likez\"\n").unwrap_err();
        assert!(err.to_string().contains("likez"), "{err}");
        assert!(Profile::from_toml_str("colums = 1").is_err());
        assert!(Profile::from_toml_str("delimiter = \";;\"").is_err());
    }
}
