//! The fuzz targets of chuxin: one plain `fn(&[u8])` per parser that takes bytes from outside, shared by the AFL
//! harness (`fuzz/afl`, built with `cargo afl`) and the replay test (`tests/replay.rs`, run by `cargo test`), so
//! each target has exactly one definition.
//!
//! A target panics if and only if it found a bug: a parser that panics, or a result that breaks an invariant the
//! target checks (row counts that do not add up, a profile that does not re-parse to itself, an import that yields
//! answers the catalog refuses). Errors returned by the parsers are the expected outcome of bad input.
//!
//! | target | what it feeds | module |
//! |---|---|---|
//! | `posts`, `accounts`, `conversations` | CSV exports to the ingestion engine (`chuxin_bench::engine::fold_one`) | [`ingest`] |
//! | `profile` | mapping profiles (`chuxin_bench::profile::Profile`) as TOML | [`profile`] |
//! | `pack` | question packs (`chuxin_core::Pack`) as TOML, then a catalog | [`pack`] |
//! | `form_csv`, `form_json`, `form_toml`, `form_xlsx` | filled questionnaires to `chuxin_forms::import` | [`forms`] |
//! | `plugin_reply` | a plugin child's reply as the host reads it off the pipe, and its JSON | [`plugin`] |

pub mod forms;
pub mod ingest;
pub mod pack;
pub mod plugin;
pub mod profile;

/// A fuzz target: panics if and only if the input shows a bug.
pub type Target = fn(&[u8]);

/// Every target by name, in the order `fuzz/run.sh all` runs them. The name is also the folder of its corpus
/// (`fuzz/corpus/<name>/`) and of its regressions (`fuzz/regressions/<name>/`).
pub const TARGETS: &[(&str, Target)] = &[
    ("posts", ingest::posts),
    ("accounts", ingest::accounts),
    ("conversations", ingest::conversations),
    ("profile", profile::profile),
    ("pack", pack::pack),
    ("form_csv", forms::csv),
    ("form_json", forms::json),
    ("form_toml", forms::toml),
    ("form_xlsx", forms::xlsx),
    ("plugin_reply", plugin::reply),
];

/// The target called `name`, if any.
pub fn target(name: &str) -> Option<Target> {
    TARGETS.iter().find(|(n, _)| *n == name).map(|(_, t)| *t)
}
