//! The finance pack passes chuxin-core's own pack validation and meets the plugin pack rules.

use chuxin_core::{Catalog, Pack};

#[test]
fn pack_is_valid() {
    let pack = Pack::from_toml_str(chuxin_plugin_finance::PACK_TOML, "plugins/finance/pack.toml")
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(pack.id, "finance");
    assert_eq!(pack.industries, chuxin_plugin_finance::INDUSTRIES);
    assert!(pack.maturity.is_empty(), "only the core pack has maturity levels");
    assert_eq!(pack.sections.len(), 1);
    assert_eq!(pack.sections[0].id, "finance");
    let scored: Vec<_> = pack.questions().filter(|q| q.is_scored()).collect();
    assert!(scored.len() >= 8, "{} scored questions", scored.len());
    for q in &scored {
        assert!(q.id.starts_with("finance."), "{}", q.id);
        assert!(q.help.is_some() && q.rubric.is_some(), "{} needs help and rubric", q.id);
    }
    assert!(pack.sins.len() >= 2);
}

#[test]
fn joins_the_core_pack() {
    let core = chuxin_core::core_pack().unwrap_or_else(|e| panic!("{e}"));
    let pack = Pack::from_toml_str(chuxin_plugin_finance::PACK_TOML, "plugins/finance/pack.toml").unwrap();
    for industry in chuxin_plugin_finance::INDUSTRIES {
        assert!(pack.applies_to(Some(industry)));
    }
    assert!(!pack.applies_to(None));
    let (core_questions, pack_questions) = (core.questions().count(), pack.questions().count());
    let first = pack.sections[0].questions[0].id.clone();
    // Question and rule ids are unique across the two packs, and every rule's references resolve.
    let catalog = Catalog::new(vec![core, pack]).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(catalog.questions().count(), core_questions + pack_questions);
    assert!(catalog.question(&first).is_some());
}
