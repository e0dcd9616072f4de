//! CSV ingestion: the bytes are one export, read by the engine exactly as `bench` and `aggregate` read a file,
//! with the automatic profile, one worker and the smallest chunk the engine allows (so that a few kilobytes of
//! input already cross chunk boundaries).
//!
//! Invariants checked on every `Ok` report: each data row (blank rows are counted apart) is counted exactly once,
//! as accepted, of another brand, outside the window, skipped or duplicate; the listed bad rows and duplicates are at most their totals and
//! at most [`LISTED`].

use chuxin_bench::engine::{self, Kind, LISTED, Options};
use chuxin_bench::profile::Profile;

/// A post export.
pub fn posts(data: &[u8]) {
    fold(data, Kind::Posts);
}

/// An account export (one row an account a date).
pub fn accounts(data: &[u8]) {
    fold(data, Kind::Accounts);
}

/// A conversation export (comments, mentions, replies).
pub fn conversations(data: &[u8]) {
    fold(data, Kind::Conversations);
}

fn fold(data: &[u8], kind: Kind) {
    let options = Options {
        threads: 1,
        chunk_size: 1 << 12,
        ..Options::default()
    };
    let Ok(ingested) = engine::fold_one(data, "fuzz.csv", &Profile::auto(), kind, &options) else {
        return;
    };
    for r in &ingested.reports {
        let other: u64 = r.other_brands.values().sum();
        let counted = r.accepted + other + r.outside_window + r.skipped_total + r.duplicates_total;
        assert_eq!(
            counted, r.rows,
            "rows counted {counted} times in all instead of once each: {r:?}"
        );
        assert!(r.skipped.len() as u64 <= r.skipped_total && r.skipped.len() <= LISTED);
        assert!(r.duplicates.len() as u64 <= r.duplicates_total && r.duplicates.len() <= LISTED);
    }
}
