//! Typed errors for loading a plugin ([`LoadError`]) and calling one ([`CallError`]), and a helper that prints
//! an error with all its causes ([`error_chain`]).
//!
//! Every error names the file it is about; the causes say why, down to the dynamic loader's own message. Print
//! them with [`error_chain`] (or anyhow's `{:#}`): the `Display` of one level alone leaves the cause out, as
//! is usual for errors with a `source()`.

use std::error::Error;
use std::fmt::Write as _;
use std::path::PathBuf;

use chuxin_plugin_api::{API_VERSION, ENTRY_SYMBOL, Method};

use crate::header::HeaderError;

/// Joins an error and all its sources with `": "`, the way anyhow's `{:#}` does.
///
/// `error_chain(&load_error)` gives for example ``cannot load plugin `/p/libx.so`: not a shared library for this
/// machine: ELF machine 183 (aarch64), this host needs 62 (x86_64)``.
pub fn error_chain(err: &(dyn Error + 'static)) -> String {
    let mut out = err.to_string();
    let mut source = err.source();
    while let Some(cause) = source {
        let _ = write!(out, ": {cause}");
        source = cause.source();
    }
    out
}

/// A plugin file (or folder) that could not be loaded: the path, and why.
#[derive(Debug, thiserror::Error)]
#[error("cannot load plugin `{}`", path.display())]
pub struct LoadError {
    /// The file (or, for [`LoadErrorKind::ReadDir`], the folder) concerned.
    pub path: PathBuf,
    /// Why it could not be loaded.
    #[source]
    pub kind: LoadErrorKind,
}

impl LoadError {
    pub(crate) fn new(path: impl Into<PathBuf>, kind: LoadErrorKind) -> LoadError {
        LoadError {
            path: path.into(),
            kind,
        }
    }

    /// The whole message: the file, then every cause (see [`error_chain`]).
    pub fn chain(&self) -> String {
        error_chain(self)
    }
}

/// Why a plugin could not be loaded, one variant per step of the loading sequence.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum LoadErrorKind {
    /// A plugin folder could not be listed.
    #[error("cannot read the plugin folder")]
    ReadDir(#[source] std::io::Error),
    /// The file could not be opened or read.
    #[error("cannot read the file")]
    Io(#[source] std::io::Error),
    /// The path is a folder, pipe, device or socket, not a library file (opening a pipe would wait forever).
    #[error("not a regular file (a folder, pipe, device or socket)")]
    NotRegularFile,
    /// The file is not a shared library for this machine (checked before `dlopen`).
    #[error("not a shared library for this machine")]
    NotSharedLibrary(#[source] HeaderError),
    /// The dynamic loader refused the library; the source holds its own message.
    #[error("the dynamic loader refused it")]
    Open(#[source] libloading::Error),
    /// The library has no entry symbol: not a chuxin plugin, or a plugin built for another ABI major.
    #[error("not a chuxin plugin: no `{ENTRY_SYMBOL}` symbol (or a plugin built for another ABI major version)")]
    MissingEntry(#[source] libloading::Error),
    /// The entry symbol returned a null descriptor.
    #[error("the entry symbol `{ENTRY_SYMBOL}` returned a null descriptor")]
    NullDescriptor,
    /// The descriptor reports another ABI version than the host's.
    #[error(
        "plugin ABI version {found}, this host speaks {expected}; rebuild the plugin against chuxin-plugin-api {API_VERSION}"
    )]
    AbiMismatch {
        /// The plugin's ABI version.
        found: u32,
        /// The host's ABI version.
        expected: u32,
    },
    /// The descriptor is smaller than this ABI version's descriptor.
    #[error("the plugin descriptor has {found} bytes, ABI version {abi} needs at least {expected}")]
    DescriptorTooSmall {
        /// `struct_size` as reported by the plugin.
        found: u32,
        /// The size this host needs.
        expected: u32,
        /// The ABI version both sides share.
        abi: u32,
    },
    /// A descriptor field is null or not valid.
    #[error("descriptor field `{field}` {problem}")]
    BadDescriptor {
        /// The field's name.
        field: &'static str,
        /// What is wrong with it.
        problem: &'static str,
    },
    /// The plugin id is not `[a-z0-9_-]+`.
    #[error("plugin id `{0}` is not made of `a-z`, `0-9`, `_` and `-`")]
    BadId(String),
    /// Another plugin with the same id was loaded first.
    #[error("plugin id `{id}` is already taken by `{}`", first.display())]
    DuplicateId {
        /// The id both plugins claim.
        id: String,
        /// The file of the plugin that was loaded first and kept.
        first: PathBuf,
    },
}

/// A call into a loaded plugin that failed: which plugin, which file, which method, and why.
#[derive(Debug, thiserror::Error)]
#[error("plugin `{plugin}` (`{}`) failed in `{method}`", path.display())]
pub struct CallError {
    /// The plugin's id.
    pub plugin: String,
    /// The plugin's file.
    pub path: PathBuf,
    /// The method that failed.
    pub method: Method,
    /// Why.
    #[source]
    pub kind: CallErrorKind,
}

impl CallError {
    /// The whole message: plugin, file, method, then every cause (see [`error_chain`]).
    pub fn chain(&self) -> String {
        error_chain(self)
    }
}

/// Why a call into a plugin failed.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum CallErrorKind {
    /// The plugin returned an error message.
    #[error("it reported an error: {0}")]
    Reported(String),
    /// The plugin panicked; the panic was caught inside the plugin.
    #[error("it panicked: {0}")]
    Panicked(String),
    /// The plugin's answer is not the JSON the method should return.
    #[error("it returned invalid JSON (starting `{snippet}`)")]
    InvalidJson {
        /// The first bytes of the answer, for the message.
        snippet: String,
        /// The JSON error.
        #[source]
        source: serde_json::Error,
    },
    /// The plugin returned a status code the ABI does not define.
    #[error("it returned unknown status {0}")]
    UnknownStatus(i32),
    /// The input could not be encoded as JSON.
    #[error("cannot encode the input as JSON")]
    EncodeInput(#[source] serde_json::Error),
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chain_lists_every_cause() {
        let err = LoadError::new(
            "/p/libx.so",
            LoadErrorKind::NotSharedLibrary(HeaderError::TooShort { len: 6 }),
        );
        assert_eq!(
            err.chain(),
            "cannot load plugin `/p/libx.so`: not a shared library for this machine: file too short (6 bytes)"
        );
    }

    #[test]
    fn abi_mismatch_names_both_versions() {
        let kind = LoadErrorKind::AbiMismatch {
            found: 999,
            expected: 1,
        };
        assert_eq!(
            kind.to_string(),
            format!(
                "plugin ABI version 999, this host speaks 1; rebuild the plugin against chuxin-plugin-api {API_VERSION}"
            )
        );
    }
}
