//! The pack checks every plugin runs, shared by the plugins' `tests/pack.rs`:
//!
//! ```ignore
//! #[path = "../../pack_test.rs"]
//! #[macro_use]
//! mod pack_test;
//!
//! pack_tests!("retail", chuxin_plugin_retail);
//! ```
//!
//! A plugin's pack must pass chuxin-core's own validation (the parser that loads it in chuxin), meet the plugin
//! pack rules and join the core pack. The checks live in a file rather than a crate because plugins do not depend
//! on each other and `chuxin-plugin-api` must not depend on `chuxin-core`.

use chuxin_core::{Catalog, Pack};

/// A plugin's pack: its id (also its only section's id and its question-id prefix), TOML and industries.
pub struct PluginPack {
    /// The pack id, as in `plugins/<id>/pack.toml`.
    pub id: &'static str,
    /// The pack TOML the plugin embeds.
    pub toml: &'static str,
    /// The industries the plugin says the pack joins.
    pub industries: &'static [&'static str],
}

impl PluginPack {
    fn parse(&self) -> Pack {
        Pack::from_toml_str(self.toml, &format!("plugins/{}/pack.toml", self.id)).unwrap_or_else(|e| panic!("{e}"))
    }

    /// The pack passes chuxin-core's validation and the plugin pack rules: one section named like the pack,
    /// enough scored questions with help and rubric, some rules, no maturity levels.
    pub fn check_valid(&self) {
        let pack = self.parse();
        assert_eq!(pack.id, self.id);
        assert_eq!(pack.industries, self.industries);
        assert!(pack.maturity.is_empty(), "only the core pack has maturity levels");
        assert_eq!(pack.sections.len(), 1);
        assert_eq!(pack.sections[0].id, self.id);
        let scored: Vec<_> = pack.questions().filter(|q| q.is_scored()).collect();
        assert!(scored.len() >= 8, "{} scored questions", scored.len());
        let prefix = format!("{}.", self.id);
        for q in &scored {
            assert!(q.id.starts_with(&prefix), "{}", q.id);
            assert!(q.help.is_some() && q.rubric.is_some(), "{} needs help and rubric", q.id);
        }
        assert!(pack.sins.len() >= 2);
    }

    /// The pack joins the core pack for each of its industries (and only for an industry): question and rule ids
    /// are unique across the two packs, and every rule's references resolve.
    pub fn check_joins_the_core_pack(&self) {
        let core = chuxin_core::core_pack().unwrap_or_else(|e| panic!("{e}"));
        let pack = self.parse();
        for industry in self.industries {
            assert!(pack.applies_to(Some(industry)));
        }
        assert!(!pack.applies_to(None));
        let (core_questions, pack_questions) = (core.questions().count(), pack.questions().count());
        let first = pack.sections[0].questions[0].id.clone();
        let catalog = Catalog::new(vec![core, pack]).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(catalog.questions().count(), core_questions + pack_questions);
        assert!(catalog.question(&first).is_some());
    }

    /// The TOML's `industries` line lists the plugin's industries, in order, as written.
    pub fn check_industries_line(&self) {
        let line = self.toml.lines().find(|l| l.starts_with("industries")).unwrap();
        let quoted: Vec<String> = self.industries.iter().map(|i| format!("\"{i}\"")).collect();
        assert_eq!(line, format!("industries = [{}]", quoted.join(", ")));
    }
}

/// Declares the pack tests of one plugin: `pack_tests!("<pack id>", <plugin crate>)`, where the crate exports
/// `PACK_TOML` and `INDUSTRIES`. Use it at the root of the test crate, after `#[macro_use] mod pack_test;`.
macro_rules! pack_tests {
    ($id:literal, $plugin:ident) => {
        const PACK: $crate::pack_test::PluginPack = $crate::pack_test::PluginPack {
            id: $id,
            toml: $plugin::PACK_TOML,
            industries: &$plugin::INDUSTRIES,
        };

        #[test]
        fn pack_is_valid() {
            PACK.check_valid();
        }

        #[test]
        fn joins_the_core_pack() {
            PACK.check_joins_the_core_pack();
        }

        #[test]
        fn pack_declares_the_same_industries() {
            PACK.check_industries_line();
        }
    };
}
