//! Questionnaire import: the bytes are a filled questionnaire (CSV, JSON, TOML or the XLSX workbook), checked
//! against the catalog of the core pack, as `chuxin import` does.
//!
//! Invariant: every answer an import yields is of a question of the catalog, and the catalog accepts the answers
//! as they are (an import returns answers already checked and normalised).

use std::sync::OnceLock;

use chuxin_core::{Catalog, Pack};
use chuxin_forms::Format;

/// The questionnaire CSV.
pub fn csv(data: &[u8]) {
    import(data, Format::Csv);
}

/// A questionnaire in JSON.
pub fn json(data: &[u8]) {
    import(data, Format::Json);
}

/// A questionnaire in TOML.
pub fn toml(data: &[u8]) {
    import(data, Format::Toml);
}

/// The questionnaire workbook.
pub fn xlsx(data: &[u8]) {
    import(data, Format::Xlsx);
}

fn catalog() -> &'static Catalog {
    static CATALOG: OnceLock<Catalog> = OnceLock::new();
    CATALOG.get_or_init(|| {
        let core = Pack::from_toml_str(chuxin_core::CORE_PACK, "core.toml").expect("the core pack validates");
        Catalog::new(vec![core]).expect("the core pack makes a catalog")
    })
}

fn import(data: &[u8], format: Format) {
    let catalog = catalog();
    let imported = match chuxin_forms::import(data, "fuzz", format, catalog) {
        Ok(i) => i,
        Err(e) => {
            let _ = e.to_string();
            return;
        }
    };
    for id in imported.answers.0.keys() {
        assert!(
            catalog.question(id).is_some(),
            "import yields an answer to unknown `{id}`"
        );
    }
    let mut again = imported.answers.clone();
    if let Err(e) = catalog.check_answers(&mut again) {
        panic!("imported answers refused by the catalog: {e}");
    }
    assert_eq!(again, imported.answers, "imported answers change when checked again");
}
