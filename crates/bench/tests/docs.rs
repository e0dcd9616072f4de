//! `docs/metrics.md` stays in step with the metric registry: its generated part must equal what
//! `registry::markdown()` renders. Run with `CHUXIN_BLESS=1` to rewrite it.

use chuxin_bench::evidence::FACTS;
use chuxin_bench::metrics::registry::{BEGIN_MARKER, END_MARKER, METRICS, markdown};

use crate::support::repo;

#[test]
fn metrics_doc_matches_the_registry() {
    let path = repo().join("docs/metrics.md");
    let mut doc = std::fs::read_to_string(&path).expect("docs/metrics.md exists");
    let (Some(begin), Some(end)) = (doc.find(BEGIN_MARKER), doc.find(END_MARKER)) else {
        panic!("docs/metrics.md lacks the generated-section markers");
    };
    let current = &doc[begin + BEGIN_MARKER.len()..end];
    let expected = format!("\n{}", markdown());
    if current != expected {
        if std::env::var_os("CHUXIN_BLESS").is_some() {
            let updated = format!("{}{}{}{}", &doc[..begin], BEGIN_MARKER, expected, &doc[end..]);
            std::fs::write(&path, &updated).unwrap();
            doc = updated;
        } else {
            panic!(
                "docs/metrics.md is out of step with the metric registry; run `CHUXIN_BLESS=1 cargo test -p chuxin-bench --test integration docs`"
            );
        }
    }
    let (begin, end) = (doc.find(BEGIN_MARKER).unwrap_or(0), doc.find(END_MARKER).unwrap_or(0));
    for m in METRICS {
        assert!(doc.contains(&format!("### `{}`", m.id)), "{}", m.id);
    }
    // The evidence facts are documented too (outside the generated part).
    for f in FACTS {
        assert!(
            doc[..begin].contains(&format!("`{}`", f.name)) || doc[end..].contains(&format!("`{}`", f.name)),
            "fact {}",
            f.name
        );
    }
}
