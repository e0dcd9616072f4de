//! Typed errors for loading a plugin ([`LoadError`]) and calling one ([`CallError`]), and a helper that prints
//! an error with all its causes ([`error_chain`]).
//!
//! Every error names the file it is about; the causes say why, down to the dynamic loader's own message. Print
//! them with [`error_chain`] (or anyhow's `{:#}`): the `Display` of one level alone leaves the cause out, as
//! is usual for errors with a `source()`.

use std::error::Error;
use std::fmt::Write as _;
use std::path::PathBuf;
use std::time::Duration;

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
    Open(#[source] LoaderMessage),
    /// The library has no entry symbol: not a chuxin plugin, or a plugin built for another ABI major.
    #[error("not a chuxin plugin: no `{ENTRY_SYMBOL}` symbol (or a plugin built for another ABI major version)")]
    MissingEntry(#[source] LoaderMessage),
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
    /// The plugin's process failed while loading it: it crashed (a constructor or the entry function), hung,
    /// exited, or could not be started.
    #[error(transparent)]
    Process(ProcessError),
    /// The plugin's process reported a failure this host does not know (a newer or older `chuxin` binary).
    #[error("its process reported: {0}")]
    Child(String),
    /// A plugin setting in the environment is not valid (see [`crate::isolation`]).
    #[error(transparent)]
    Setting(crate::isolation::SettingError),
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
    /// The plugin's process crashed, hung, exited or broke the protocol; it was killed and is not called again.
    #[error(transparent)]
    Process(ProcessError),
}

/// The dynamic loader's own message (`dlerror()`), kept as text so that it reads the same whether the library
/// was opened in this process or in a plugin's child process.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct LoaderMessage(pub String);

impl LoaderMessage {
    /// The whole message of a libloading error, causes included (libloading puts `dlerror()` in a cause).
    pub(crate) fn of(err: &libloading::Error) -> LoaderMessage {
        LoaderMessage(error_chain(err))
    }
}

/// What went wrong with a plugin's child process (see [`crate::isolation`]). Each case names what happened;
/// after any of them the process is killed and reaped, and the plugin is not called again in this run.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ProcessError {
    /// The child process could not be started.
    #[error("cannot start its process `{}`", program.display())]
    Spawn {
        /// The program that was run (the `chuxin` binary itself).
        program: PathBuf,
        /// Why.
        #[source]
        source: std::io::Error,
    },
    /// The child was ended by a signal: a crash (`SIGSEGV`, `SIGABRT`, `SIGBUS`…) or a kill from outside.
    #[error("its process was killed by {}", signal_description(*signal))]
    Signal {
        /// The signal number.
        signal: i32,
    },
    /// The child exited (for example with `_exit(0)` inside the plugin) without sending a reply.
    #[error("its process exited with code {code} without answering")]
    Exited {
        /// The exit code.
        code: i32,
    },
    /// No reply within the time limit: the child was killed.
    #[error(
        "no answer within {} s, so its process was killed (set {} to allow longer)",
        seconds(*limit),
        crate::isolation::TIMEOUT_ENV
    )]
    TimedOut {
        /// The limit in force.
        limit: Duration,
    },
    /// The reply's header claims more bytes than the cap: refused before reading it, and the child was killed.
    #[error("its reply claims {len} bytes ({}), over the {} limit, so its process was killed", size(*len), size(*cap))]
    ReplyTooLarge {
        /// The length the reply claims.
        len: u64,
        /// The cap in force.
        cap: u64,
    },
    /// The child sent something that is not a frame of the protocol.
    #[error("its process broke the protocol: {0}")]
    Protocol(String),
    /// Reading from or writing to the child's pipes failed.
    #[error("cannot talk to its process")]
    Io(#[source] std::io::Error),
    /// The plugin was not called: its process was lost in an earlier call, for the reason given.
    #[error("not called: its process was lost earlier in `{method}` ({reason})")]
    Lost {
        /// The call in which the process was lost.
        method: Method,
        /// What happened then.
        reason: String,
    },
}

/// The name of a signal (`SIGSEGV`, `SIGABRT`…) when this host knows it, for a front end that words what the
/// signal means in its user's language.
pub fn signal_name(signal: i32) -> Option<&'static str> {
    #[cfg(unix)]
    return crate::sys::signal_name(signal);
    #[cfg(not(unix))]
    return None;
}

fn signal_description(signal: i32) -> String {
    #[cfg(unix)]
    return crate::sys::signal_description(signal);
    #[cfg(not(unix))]
    return format!("signal {signal}");
}

/// Seconds for a message: `30`, `0.5`.
pub fn seconds(d: Duration) -> String {
    let s = d.as_secs_f64();
    if s.fract() == 0.0 {
        format!("{s:.0}")
    } else {
        format!("{s}")
    }
}

/// A byte count for a message, in binary units: `64 MiB`, `1 TiB`, `2.5 GiB`, `512 bytes`.
pub fn size(bytes: u64) -> String {
    const UNITS: [&str; 5] = ["KiB", "MiB", "GiB", "TiB", "PiB"];
    if bytes < 1024 {
        return format!("{bytes} bytes");
    }
    let mut value = bytes as f64 / 1024.0;
    let mut unit = 0;
    while value >= 1024.0 && unit + 1 < UNITS.len() {
        value /= 1024.0;
        unit += 1;
    }
    let text = format!("{value:.1}");
    let text = text.strip_suffix(".0").unwrap_or(&text);
    format!("{text} {}", UNITS[unit])
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
    fn sizes_and_seconds_read_well() {
        assert_eq!(size(512), "512 bytes");
        assert_eq!(size(64 << 20), "64 MiB");
        assert_eq!(size(1 << 40), "1 TiB");
        assert_eq!(size(5 << 29), "2.5 GiB");
        assert_eq!(seconds(Duration::from_secs(30)), "30");
        assert_eq!(seconds(Duration::from_millis(500)), "0.5");
        let err = ProcessError::ReplyTooLarge {
            len: 1 << 40,
            cap: 64 << 20,
        };
        assert_eq!(
            err.to_string(),
            "its reply claims 1099511627776 bytes (1 TiB), over the 64 MiB limit, so its process was killed"
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
