//! Shared helpers: paths to the real data, the sample exports and the fixtures.

use std::fs::File;
use std::path::PathBuf;

use chuxin_bench::ingest::{IngestOptions, PostTable, read_posts};
use chuxin_bench::profile::Profile;

/// The repository root.
pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// A file of the real public exports, copied byte for byte into `tests/fixtures/realdata/` (see its README).
pub fn realdata(name: &str) -> PathBuf {
    repo().join("tests/fixtures/realdata").join(name)
}

/// A messy fixture.
pub fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/messy")
        .join(name)
}

/// A sample-agency export.
pub fn sample(name: &str) -> PathBuf {
    // Files are named `<client>_<kind>.csv` and live in that client's `exports/` folder.
    let client = name.split('_').next().unwrap_or_default();
    repo()
        .join("data/sample-agency/clients")
        .join(client)
        .join("exports")
        .join(name)
}

/// Reads posts from a file with a profile.
pub fn posts(path: &PathBuf, profile: &Profile) -> PostTable {
    let file = File::open(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    read_posts(file, &path.display().to_string(), profile, &IngestOptions::default())
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Records of a CSV file read directly with the csv crate (headers, rows).
pub fn raw(path: &PathBuf, delimiter: u8) -> (Vec<String>, Vec<Vec<String>>) {
    let mut r = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .flexible(true)
        .from_path(path)
        .unwrap();
    let headers = r.headers().unwrap().iter().map(str::to_string).collect();
    let rows = r
        .records()
        .map(|rec| rec.unwrap().iter().map(str::to_string).collect())
        .collect();
    (headers, rows)
}

/// `x` and `y` agree to a relative 1e-9.
#[track_caller]
pub fn close(x: f64, y: f64) {
    assert!((x - y).abs() <= 1e-9 * y.abs().max(1.0), "{x} != {y}");
}
