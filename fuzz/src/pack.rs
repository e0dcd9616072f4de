//! Question packs: the bytes are a pack's TOML, as `chuxin` reads `data/packs/*.toml` and the packs plugins carry.
//!
//! Invariants on a pack that validates: its id is `[a-z0-9_-]+`, and a catalog of the core pack and this one either
//! is refused with an error or finds every question of the pack by its id.

use chuxin_core::{Catalog, Pack};

/// A question pack in TOML.
pub fn pack(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let pack = match Pack::from_toml_str(text, "fuzz.toml") {
        Ok(p) => p,
        Err(e) => {
            let _ = e.to_string();
            return;
        }
    };
    assert!(
        !pack.id.is_empty()
            && pack
                .id
                .bytes()
                .all(|b| matches!(b, b'a'..=b'z' | b'0'..=b'9' | b'_' | b'-')),
        "pack id `{}` accepted",
        pack.id
    );
    let core = Pack::from_toml_str(chuxin_core::CORE_PACK, "core.toml").expect("the core pack validates");
    let ids: Vec<String> = pack.questions().map(|q| q.id.clone()).collect();
    if let Ok(catalog) = Catalog::new(vec![core, pack]) {
        for id in ids {
            assert!(catalog.question(&id).is_some(), "question `{id}` lost by the catalog");
        }
    }
}
