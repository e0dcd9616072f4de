//! The message catalogue: every user-facing word outside the packs — the terminal's messages, the report's
//! labels, units, the warnings and progress of a run — keyed, in zh-Hant, zh-Hans and en.
//!
//! The words are data: `data/messages/messages.toml`, compiled in, one table per key with the three languages
//! side by side:
//!
//! ```toml
//! [cli.import.done]
//! zh-Hant = "已匯入 {count} 個回答到 {path}"
//! zh-Hans = "已导入 {count} 个回答到 {path}"
//! en = "imported {count} answers into {path}"
//! ```
//!
//! Keys are the dotted table paths (`cli.import.done`); `{name}` is a placeholder, `{{` and `}}` are braces.
//! [`Catalogue::parse`] refuses a key that lacks a language (or has an empty one) and a key whose languages do not
//! name the same placeholders, so the built-in catalogue's test (`tests/messages.rs`) fails on either; the same
//! test scans the workspace's sources for every key a [`msg!`](crate::msg) or [`tr`] call names, and the
//! report's templates for every `t.word` they show, and fails on one the catalogue lacks.
//!
//! Metric names are not here: the metric registry (`chuxin_bench::metrics::registry`) is their one place, with
//! each metric's formula and sources, and the report reads them from it.

use crate::Lang;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::{self, Display, Write as _};
use std::sync::OnceLock;

/// The built-in catalogue's source.
pub const MESSAGES_TOML: &str = include_str!("../../../data/messages/messages.toml");

/// Why a catalogue does not load.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CatalogueError {
    /// The TOML does not parse.
    #[error("the message catalogue does not parse: {0}")]
    Syntax(String),
    /// A key lacks a language, or has it empty.
    #[error("message `{key}` has no {lang} text")]
    Missing {
        /// The key.
        key: String,
        /// The language missing.
        lang: Lang,
    },
    /// A value that is neither a table nor a string, or a language the catalogue does not know.
    #[error("message `{key}`: {problem}")]
    Shape {
        /// The key.
        key: String,
        /// What is wrong.
        problem: String,
    },
    /// The languages of a key name different placeholders.
    #[error("message `{key}`: {lang} has placeholders {{{got}}}, zh-Hant has {{{want}}}")]
    Placeholders {
        /// The key.
        key: String,
        /// The language that differs.
        lang: Lang,
        /// Its placeholders.
        got: String,
        /// zh-Hant's placeholders.
        want: String,
    },
}

/// A keyed catalogue of messages in the three languages.
#[derive(Debug, Clone, Default)]
pub struct Catalogue {
    entries: BTreeMap<String, [String; 3]>,
}

impl Catalogue {
    /// Parses and checks a catalogue: every key has all three languages, non-empty, with the same placeholders.
    pub fn parse(src: &str) -> Result<Catalogue, CatalogueError> {
        let root: toml::Table = toml::from_str(src).map_err(|e| CatalogueError::Syntax(e.to_string()))?;
        let mut entries = BTreeMap::new();
        walk(&root, "", &mut entries)?;
        Ok(Catalogue { entries })
    }

    /// The built-in catalogue (`data/messages/messages.toml`), parsed once.
    pub fn builtin() -> &'static Catalogue {
        static BUILTIN: OnceLock<Catalogue> = OnceLock::new();
        BUILTIN.get_or_init(|| {
            // The catalogue is compiled in and checked by its test: failing here is a bug in the build itself.
            Catalogue::parse(MESSAGES_TOML).unwrap_or_else(|e| panic!("{e}"))
        })
    }

    /// The text of `key` in `lang`, if the key exists.
    pub fn get(&self, lang: Lang, key: &str) -> Option<&str> {
        self.entries.get(key).map(|t| t[index(lang)].as_str())
    }

    /// Every key, in order.
    pub fn keys(&self) -> impl Iterator<Item = &str> {
        self.entries.keys().map(String::as_str)
    }

    /// Every text under `prefix.` in `lang`, keyed by the rest of the key (`group(l, "report")` gives
    /// `title` for `report.title`).
    pub fn group(&self, lang: Lang, prefix: &str) -> BTreeMap<&str, &str> {
        let dotted = format!("{prefix}.");
        self.entries
            .iter()
            .filter_map(|(k, t)| k.strip_prefix(&dotted).map(|rest| (rest, t[index(lang)].as_str())))
            .collect()
    }
}

fn index(lang: Lang) -> usize {
    match lang {
        Lang::ZhHant => 0,
        Lang::ZhHans => 1,
        Lang::En => 2,
    }
}

fn walk(table: &toml::Table, path: &str, out: &mut BTreeMap<String, [String; 3]>) -> Result<(), CatalogueError> {
    let is_leaf = table.values().any(|v| v.is_str());
    if is_leaf {
        let key = path.to_string();
        let mut texts: [String; 3] = Default::default();
        for (name, value) in table {
            let lang: Lang = name.parse().map_err(|_| CatalogueError::Shape {
                key: key.clone(),
                problem: format!("unknown language `{name}`"),
            })?;
            let text = value.as_str().ok_or_else(|| CatalogueError::Shape {
                key: key.clone(),
                problem: format!("`{name}` is not a string"),
            })?;
            texts[index(lang)] = text.to_string();
        }
        for lang in Lang::ALL {
            if texts[index(lang)].trim().is_empty() {
                return Err(CatalogueError::Missing { key, lang });
            }
        }
        let want = placeholders(&texts[0]);
        for lang in [Lang::ZhHans, Lang::En] {
            let got = placeholders(&texts[index(lang)]);
            if got != want {
                let join = |s: &BTreeSet<&str>| s.iter().copied().collect::<Vec<_>>().join(", ");
                return Err(CatalogueError::Placeholders {
                    key,
                    lang,
                    got: join(&got),
                    want: join(&want),
                });
            }
        }
        out.insert(key, texts);
        return Ok(());
    }
    for (name, value) in table {
        let key = if path.is_empty() {
            name.clone()
        } else {
            format!("{path}.{name}")
        };
        match value.as_table() {
            Some(t) => walk(t, &key, out)?,
            None => {
                return Err(CatalogueError::Shape {
                    key,
                    problem: "expected a table of languages or of keys".into(),
                });
            }
        }
    }
    Ok(())
}

/// The placeholders a text names (`{count}` gives `count`).
pub fn placeholders(text: &str) -> BTreeSet<&str> {
    let mut out = BTreeSet::new();
    let mut rest = text;
    while let Some(i) = rest.find(['{', '}']) {
        let after = &rest[i + 1..];
        if after.starts_with(&rest[i..i + 1]) {
            rest = &after[1..];
            continue;
        }
        if &rest[i..i + 1] == "{"
            && let Some(end) = after.find('}')
        {
            out.insert(&after[..end]);
            rest = &after[end + 1..];
            continue;
        }
        rest = after;
    }
    out
}

/// The text of `key` in `lang` from the built-in catalogue; the key itself when unknown (a bug the catalogue's
/// test catches, shown rather than panicking in a user's run).
pub fn tr(lang: Lang, key: &str) -> &str {
    match Catalogue::builtin().get(lang, key) {
        Some(t) => t,
        None => {
            debug_assert!(false, "unknown message key `{key}`");
            key
        }
    }
}

/// The text of `key` in `lang` with its placeholders filled from `args` (name, value).
pub fn tr_with(lang: Lang, key: &str, args: &[(&str, &dyn Display)]) -> String {
    fill(tr(lang, key), args)
}

/// Fills `{name}` placeholders of `text` from `args`; `{{` and `}}` are braces. A placeholder without an
/// argument stays as written.
pub fn fill(text: &str, args: &[(&str, &dyn Display)]) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    let mut rest = text;
    while let Some(i) = rest.find(['{', '}']) {
        out.push_str(&rest[..i]);
        let c = &rest[i..i + 1];
        let after = &rest[i + 1..];
        if after.starts_with(c) {
            out.push_str(c);
            rest = &after[1..];
            continue;
        }
        if c == "{"
            && let Some(end) = after.find('}')
        {
            let name = &after[..end];
            match args.iter().find(|(n, _)| *n == name) {
                Some((_, v)) => {
                    let _ = write!(out, "{v}");
                }
                None => {
                    debug_assert!(false, "no value for placeholder `{name}` in `{text}`");
                    out.push_str(&rest[i..i + 2 + end]);
                }
            }
            rest = &after[end + 1..];
            continue;
        }
        out.push_str(c);
        rest = after;
    }
    out.push_str(rest);
    out
}

/// A message of the built-in catalogue as a `String`: `msg!(lang, "cli.import.done", count = n, path = p)`.
///
/// The key is a string literal so the catalogue's test can find it in the sources; the named arguments fill the
/// placeholders of the same names.
#[macro_export]
macro_rules! msg {
    ($lang:expr, $key:literal $(,)?) => {
        $crate::messages::tr($lang, $key).to_string()
    };
    ($lang:expr, $key:literal, $($name:ident = $value:expr),+ $(,)?) => {
        $crate::messages::tr_with($lang, $key, &[$((stringify!($name), &$value as &dyn ::std::fmt::Display)),+])
    };
}

/// A value shown as it is, for [`fill`] and [`msg!`](crate::msg) (lists joined with `, `).
pub struct Joined<'a, T: AsRef<str>>(pub &'a [T]);

impl<T: AsRef<str>> Display for Joined<'_, T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, s) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str(", ")?;
            }
            f.write_str(s.as_ref())?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fills_placeholders_and_keeps_braces() {
        let n = 3;
        assert_eq!(fill("{n} 個 {{x}}", &[("n", &n)]), "3 個 {x}");
        assert_eq!(
            placeholders("a {b} {{c}} {d}").into_iter().collect::<Vec<_>>(),
            ["b", "d"]
        );
    }

    #[test]
    fn a_key_lacking_a_language_or_a_placeholder_is_refused() {
        let missing = "[a.b]\nzh-Hant = \"甲\"\nen = \"a\"\n";
        assert_eq!(
            Catalogue::parse(missing).unwrap_err(),
            CatalogueError::Missing {
                key: "a.b".into(),
                lang: Lang::ZhHans
            }
        );
        let differs = "[a]\nzh-Hant = \"{n} 個\"\nzh-Hans = \"{n} 个\"\nen = \"{count} items\"\n";
        assert!(matches!(
            Catalogue::parse(differs).unwrap_err(),
            CatalogueError::Placeholders { lang: Lang::En, .. }
        ));
        let ok = Catalogue::parse("[a.b]\nzh-Hant = \"甲\"\nzh-Hans = \"甲\"\nen = \"a\"\n").unwrap();
        assert_eq!(ok.get(Lang::En, "a.b"), Some("a"));
        assert_eq!(ok.group(Lang::ZhHant, "a").get("b"), Some(&"甲"));
    }
}
