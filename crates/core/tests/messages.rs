//! The message catalogue is complete: it parses with every key in the three languages and the same
//! placeholders in each, every key the workspace's sources name (`msg!(lang, "…")`, `tr(lang, "…")`) exists, and
//! so does every word the report's templates show (`t.word` is `report.word`).

use chuxin_core::messages::{Catalogue, MESSAGES_TOML};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn files(dir: &Path, ext: &str, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            files(&p, ext, out);
        } else if p.extension().is_some_and(|x| x == ext) {
            out.push(p);
        }
    }
}

/// The string literal keys after `marker` in `src`: `msg!(lang, "key"` gives `key`.
fn keys_after<'a>(src: &'a str, marker: &str, out: &mut Vec<&'a str>) {
    let mut rest = src;
    while let Some(i) = rest.find(marker) {
        rest = &rest[i + marker.len()..];
        // Skip the language argument, up to the first comma.
        let Some(comma) = rest.find(',') else { break };
        let after = rest[comma + 1..].trim_start();
        if let Some(lit) = after.strip_prefix('"')
            && let Some(end) = lit.find('"')
        {
            out.push(&lit[..end]);
        }
    }
}

#[test]
fn the_catalogue_has_every_language_and_matching_placeholders() {
    let c = Catalogue::parse(MESSAGES_TOML).unwrap_or_else(|e| panic!("data/messages/messages.toml: {e}"));
    assert!(c.keys().count() > 150);
}

#[test]
fn every_key_the_sources_and_templates_name_exists() {
    let catalogue = Catalogue::builtin();
    let known: BTreeSet<&str> = catalogue.keys().collect();
    let mut sources = Vec::new();
    for dir in ["crates", "plugins"] {
        files(&workspace().join(dir), "rs", &mut sources);
    }
    let mut missing = Vec::new();
    let mut used = 0;
    for path in &sources {
        // The catalogue's own module and this test name keys only as examples.
        if path.ends_with("core/src/messages.rs") || path.ends_with("core/tests/messages.rs") {
            continue;
        }
        let src = std::fs::read_to_string(path).unwrap();
        let mut keys = Vec::new();
        for marker in ["msg!(", "messages::tr(", "messages::tr_with(", " tr(", " tr_with("] {
            keys_after(&src, marker, &mut keys);
        }
        used += keys.len();
        for k in keys {
            if !known.contains(k) {
                missing.push(format!("{}: `{k}`", path.display()));
            }
        }
    }
    assert!(used > 100, "only {used} keys found in the sources");
    // Every key named in code is used somewhere; `report.*` (read by the templates and `words::word`) and
    // `fact.*` (looked up by the fact's name) are checked by the template scan above and the report's tests;
    // `platform.*`, `industry.*` and `region.*` (looked up by id) by `chuxin_report::figures`'s tests, against the
    // header vocabulary's platforms, the plugin packs' industries and the markets.
    let all_sources: String = sources
        .iter()
        .filter(|p| !p.ends_with("core/tests/messages.rs"))
        .map(|p| std::fs::read_to_string(p).unwrap())
        .collect();
    let unused: Vec<&str> = known
        .iter()
        .copied()
        .filter(|k| {
            !["report.", "fact.", "platform.", "industry.", "region."]
                .iter()
                .any(|p| k.starts_with(p))
        })
        .filter(|k| !all_sources.contains(&format!("\"{k}\"")))
        .collect();
    assert!(
        unused.is_empty(),
        "keys no source uses (remove them):\n{}",
        unused.join("\n")
    );
    let mut templates = Vec::new();
    files(&workspace().join("crates/report/templates"), "html", &mut templates);
    files(&workspace().join("crates/report/templates"), "md", &mut templates);
    for path in &templates {
        let src = std::fs::read_to_string(path).unwrap();
        for (i, _) in src.match_indices("t.") {
            let before = src[..i].chars().last();
            if before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '.') {
                continue;
            }
            let word: String = src[i + 2..]
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect();
            if !word.is_empty() && !known.contains(format!("report.{word}").as_str()) {
                missing.push(format!("{}: `t.{word}`", path.display()));
            }
        }
    }
    assert!(
        missing.is_empty(),
        "keys missing from data/messages/messages.toml:\n{}",
        missing.join("\n")
    );
}
