//! Every worked case of `docs/rules.md` runs: each fenced `toml` block's `[[case]]`s are evaluated against the real
//! packs (the core pack and the food, retail and finance plugins' packs), and a case whose sin does not trigger as
//! it says, with the severity it says, fails. A case's answers are checked as an audit's would be, its figures
//! must be documented facts, and every sin needs a case that triggers it and one that does not.

use chuxin_core::condition::Condition;
use chuxin_core::pack::Severity;
use chuxin_core::{Answer, AnswerValue, Answers, Catalog, Facts, Pack, assess, core_pack};
use serde::Deserialize;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Block {
    case: Vec<Case>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    sin: String,
    name: String,
    #[serde(default)]
    answers: BTreeMap<String, toml::Value>,
    #[serde(default)]
    facts: BTreeMap<String, f64>,
    expect: bool,
    severity: Option<Severity>,
}

fn catalog() -> Catalog {
    let mut packs = vec![core_pack().unwrap()];
    for plugin in ["food", "retail", "finance"] {
        let path = workspace().join(format!("plugins/{plugin}/pack.toml"));
        let src = std::fs::read_to_string(&path).unwrap();
        packs.push(Pack::from_toml_str(&src, &path.display().to_string()).unwrap());
    }
    Catalog::new(packs).unwrap()
}

/// The `toml` blocks of a Markdown text, with the line each starts on.
fn toml_blocks(md: &str) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    let mut current: Option<(usize, String)> = None;
    for (i, line) in md.lines().enumerate() {
        match (&mut current, line.trim_end()) {
            (None, "```toml") => current = Some((i + 2, String::new())),
            (Some(_), "```") => out.push(current.take().unwrap()),
            (Some((_, text)), l) => {
                text.push_str(l);
                text.push('\n');
            }
            (None, _) => {}
        }
    }
    assert!(current.is_none(), "docs/rules.md: a toml block is not closed");
    out
}

/// Every metric a rule of the catalog reads.
fn metrics(c: &Condition, out: &mut BTreeSet<String>) {
    match c {
        Condition::All(cs) | Condition::Any(cs) => cs.iter().for_each(|c| metrics(c, out)),
        Condition::Not(c) | Condition::Graded { condition: c, .. } => metrics(c, out),
        Condition::Metric { name, .. } => {
            out.insert(name.clone());
        }
        _ => {}
    }
}

#[test]
fn every_worked_case_in_docs_rules_md_holds() {
    let catalog = catalog();
    let md = std::fs::read_to_string(workspace().join("docs/rules.md")).unwrap();
    let metrics_doc = std::fs::read_to_string(workspace().join("docs/metrics.md")).unwrap();
    let mut read = BTreeSet::new();
    for (_, sin) in catalog.sins() {
        metrics(&sin.when, &mut read);
    }
    let sins: BTreeSet<&str> = catalog.sins().map(|(_, s)| s.id.as_str()).collect();
    let mut seen: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    let mut failures = Vec::new();
    let mut cases = 0;
    for (line, block) in toml_blocks(&md) {
        let block: Block = toml::from_str(&block).unwrap_or_else(|e| panic!("docs/rules.md:{line}: {e}"));
        for case in block.case {
            cases += 1;
            let at = format!("docs/rules.md:{line} `{}` ({})", case.sin, case.name);
            assert!(sins.contains(case.sin.as_str()), "{at}: no such sin");
            let mut answers = Answers::default();
            for (q, v) in &case.answers {
                let value: AnswerValue = v.clone().try_into().unwrap_or_else(|e| panic!("{at}: {q}: {e}"));
                let value = catalog
                    .check_value(q, &value)
                    .unwrap_or_else(|e| panic!("{at}: {q}: {e}"));
                answers.0.insert(
                    q.clone(),
                    Answer {
                        value: Some(value),
                        note: None,
                    },
                );
            }
            // A figure must be a fact some rule reads or one docs/metrics.md documents: a misspelt name would make
            // a non-triggering case pass for the wrong reason.
            for name in case.facts.keys() {
                let whole = name.split_once('.').map_or(name.as_str(), |(w, _)| w);
                assert!(
                    read.contains(whole) || metrics_doc.contains(&format!("| `{whole}` |")),
                    "{at}: `{name}` is no fact (docs/metrics.md, \"Evidence facts\")"
                );
            }
            let facts: Facts = case.facts.clone();
            let card = assess(&catalog, &answers, &facts);
            let found = card.findings.iter().find(|f| f.sin == case.sin);
            let tally = seen.entry(case.sin.clone()).or_default();
            if case.expect {
                tally.0 += 1;
            } else {
                tally.1 += 1;
            }
            match (found, case.expect, case.severity) {
                (Some(_), false, _) => failures.push(format!("{at}: triggers, the document says it does not")),
                (None, true, _) => failures.push(format!("{at}: does not trigger, the document says it does")),
                (Some(f), true, Some(s)) if f.severity != s => {
                    failures.push(format!("{at}: severity {:?}, the document says {s:?}", f.severity))
                }
                (None, false, Some(_)) => failures.push(format!("{at}: a severity on a case that does not trigger")),
                _ => {}
            }
        }
    }
    assert!(cases > 50, "only {cases} cases read from docs/rules.md");
    for sin in &sins {
        match seen.get(*sin) {
            Some((t, f)) if *t > 0 && *f > 0 => {}
            _ => failures.push(format!(
                "docs/rules.md: sin `{sin}` needs a case that triggers it and one that does not"
            )),
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
