//! Finds, checks, loads and calls chuxin's native industry plugins, without ever letting a bad library crash the
//! host or stop the other plugins from loading.
//!
//! A plugin is a shared library built against `chuxin-plugin-api` (see that crate for the ABI). This crate:
//!
//! * builds the ordered list of places to look ([`search_paths`]: `--plugin-dir`, `CHUXIN_PLUGIN_PATH`, the
//!   workspace's plugin folders, beside the `chuxin` binary);
//! * loads every candidate file through a fixed sequence of checks ([`Plugin::load`]): the file's header (is it a
//!   complete shared library for this machine?) before `dlopen`, then the entry symbol, then the ABI version
//!   before anything else in the plugin is read or called;
//! * keeps the plugins that loaded and a [`LoadError`] for each file that did not ([`Registry::discover`]);
//!   refuses a second plugin with an id already taken; never unloads a library;
//! * calls plugins with typed inputs and outputs, turning an error, a caught panic or invalid JSON into a
//!   [`CallError`] ([`Plugin::packs`], [`Plugin::benchmarks`], [`Plugin::comparisons`], [`Plugin::compare`]);
//! * checks one file end to end for `chuxin plugins check` ([`check_file`]).
//!
//! Every error names the file and carries its causes; print it whole with [`error_chain`] (or anyhow's `{:#}`).
//!
//! ```no_run
//! use chuxin_plugin_host::{Registry, error_chain, search_paths_from_env};
//!
//! let registry = Registry::discover(&search_paths_from_env(&[], &[]));
//! for err in registry.errors() {
//!     eprintln!("warning: {}", error_chain(err));
//! }
//! for plugin in registry.plugins() {
//!     let packs = plugin.packs().map(|p| p.len()).unwrap_or(0);
//!     println!("{} {} ({} packs) {}", plugin.id(), plugin.version(), packs, plugin.path().display());
//! }
//! ```
//!
//! All `unsafe` code lives in one private module (`ffi`), with a SAFETY comment on each block. Loading a library
//! runs its initialisers: the checks catch accidents (a wrong file, a stale build, another architecture), not a
//! malicious plugin.
#![deny(missing_docs)]

mod check;
mod error;
mod ffi;
mod header;
mod plugin;
mod registry;
pub mod search;

pub use check::{METRICS, PluginSummary, check_file, check_plugin};
pub use chuxin_plugin_api as api;
pub use chuxin_plugin_api::{
    CompareInput, CompareOutput, CompareRow, ComparisonInfo, LocalText, Method, PackSource, PostRecord, ReferenceRow,
};
pub use error::{CallError, CallErrorKind, LoadError, LoadErrorKind, error_chain};
pub use header::HeaderError;
pub use plugin::Plugin;
pub use registry::{PluginPack, Registry};
pub use search::{ENV_VAR, SearchOrigin, SearchPath, exe_dir, search_paths, search_paths_from_env};

#[cfg(test)]
mod tests {
    /// The host's types cross threads: the CLI may load plugins once and call them from worker threads.
    #[test]
    fn public_types_are_send_and_sync() {
        fn check<T: Send + Sync>() {}
        check::<crate::Plugin>();
        check::<crate::Registry>();
        check::<crate::LoadError>();
        check::<crate::CallError>();
        check::<crate::PluginSummary>();
    }
}
