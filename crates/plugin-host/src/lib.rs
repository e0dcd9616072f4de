//! Finds, checks, loads and calls chuxin's native industry plugins, each in a child process of its own, so that a
//! bad library can neither crash nor hang the host nor stop the other plugins.
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
//! * runs each library in a child process ([`isolation`]: the `chuxin` binary re-executes itself as
//!   `chuxin __plugin-host LIB`, served by [`child::serve_or_host`]), with a time limit per call, a cap on the
//!   reply size and a memory limit, or in this process when the program did not ask for children;
//! * calls plugins with typed inputs and outputs, turning an error, a caught panic, invalid JSON, and a crash,
//!   hang, `_exit` or oversized reply of the plugin's process into a [`CallError`] ([`Plugin::packs`],
//!   [`Plugin::benchmarks`], [`Plugin::comparisons`], [`Plugin::compare`]);
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
//! All `unsafe` code lives in two private modules, with a SAFETY comment on each block: `ffi` (the library:
//! `dlopen`, the handshake, calls) and `sys` (the system calls of the process isolation: descriptors, resource
//! limits, `poll`). Loading a library runs its initialisers: the checks and the child process contain accidents (a
//! wrong file, a stale build, a crash, a hang), not a malicious plugin, which runs with the user's permissions.
#![deny(missing_docs)]

mod check;
pub mod child;
mod error;
mod ffi;
mod frame;
mod header;
pub mod isolation;
mod plugin;
#[cfg(unix)]
mod process;
mod registry;
pub mod search;
#[cfg(unix)]
mod sys;

pub use check::{METRICS, PluginSummary, check_file, check_file_with, check_plugin};
pub use chuxin_plugin_api as api;
pub use chuxin_plugin_api::{
    CompareInput, CompareOutput, CompareRow, ComparisonInfo, LocalText, MessageRecord, Method, PackSource, PostRecord,
    ReferenceRow,
};
pub use error::{
    CallError, CallErrorKind, LoadError, LoadErrorKind, LoaderMessage, ProcessError, error_chain, seconds, signal_name,
    size,
};
#[doc(hidden)]
pub use frame::decode_reply;
pub use header::HeaderError;
pub use isolation::{Isolation, Limits, ProcessHost, SettingError};
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
