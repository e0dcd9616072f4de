//! Mapping profiles: the bytes are a profile's TOML, as `--profile FILE` reads it.
//!
//! Invariant: a profile that parses writes back to TOML that parses to the same profile.

use chuxin_bench::profile::Profile;

/// A mapping profile in TOML.
pub fn profile(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let Ok(profile) = Profile::from_toml_str(text) else {
        return;
    };
    let written = toml::to_string(&profile).expect("a parsed profile serialises");
    let again = Profile::from_toml_str(&written)
        .unwrap_or_else(|e| panic!("a profile written back does not parse: {e}\n{written}"));
    assert_eq!(again, profile, "a profile written back parses differently:\n{written}");
}
