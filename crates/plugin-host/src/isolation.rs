//! Where plugin code runs: in a child process per plugin (the default of the `chuxin` binary), or in this process.
//!
//! A native library cannot be sandboxed inside the process that loads it: a segfault, an `abort()`, an endless
//! loop or an `_exit(0)` in a constructor, in the entry function or in a call takes the whole process with it. So
//! the `chuxin` binary runs each plugin library in a child process of its own: it re-executes itself as
//! `chuxin __plugin-host [--memory BYTES] LIB` (see [`crate::child`]), the child loads the library with the same
//! checks as before and serves the same JSON calls over its stdin and stdout (see `frame.rs` for the framing), and
//! the parent keeps that child for the whole command. Whatever the library does, the parent gets a typed error
//! naming the library and what happened, and the other plugins and the command go on.
//!
//! # Limits
//!
//! | limit | default | set with | when it is reached |
//! |---|---|---|---|
//! | time per call (and for loading) | [`DEFAULT_TIMEOUT`] (30 s) | `CHUXIN_PLUGIN_TIMEOUT` (seconds, `0.5` allowed) | the child is killed and reaped: ``no answer within 30 s`` |
//! | reply size | [`DEFAULT_MAX_REPLY`] (64 MiB) | — | checked on the reply's length prefix, before anything is allocated; the child is killed: ``its reply claims … bytes, over the 64 MiB limit`` |
//! | child memory (`RLIMIT_DATA`: heap and private writable mappings) | [`DEFAULT_MEMORY`] (2 GiB) | `CHUXIN_PLUGIN_MEMORY` (MiB) | allocations fail; a Rust plugin aborts: ``killed by signal 6 (SIGABRT, …)`` |
//! | core dumps of the child | none (`RLIMIT_CORE` 0) | — | — |
//!
//! After a crash, a timeout, an oversized reply or a protocol error, the plugin's later calls in the same command
//! fail at once with ``not called: its process was lost earlier in `compare` (…)``, so one hung plugin costs one
//! timeout, not one per call.
//!
//! # Choosing
//!
//! [`Isolation::current`] is what [`crate::Plugin::load`], [`crate::Registry::discover`] and
//! [`crate::check_file`] use: [`Isolation::Process`] once the program has called [`crate::child::serve_or_host`]
//! (the `chuxin` binary does, first thing in `main`), [`Isolation::InProcess`] otherwise (a library user, the
//! host's own unit tests). The `*_with` variants take an explicit choice.
//!
//! Only Unix has the process isolation. Elsewhere (Windows) [`Isolation::Process`] falls back to loading the
//! library in this process, as before, with no timeout or limit: a crashing plugin there ends chuxin.

use std::ffi::OsStr;
use std::path::PathBuf;
use std::sync::OnceLock;
use std::time::Duration;

/// The environment variable that sets the time limit per plugin call, in seconds (`30`, `0.5`).
pub const TIMEOUT_ENV: &str = "CHUXIN_PLUGIN_TIMEOUT";
/// The environment variable that sets the memory limit of each plugin's process, in MiB.
pub const MEMORY_ENV: &str = "CHUXIN_PLUGIN_MEMORY";
/// The time limit per call, and for loading, unless [`TIMEOUT_ENV`] says otherwise.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(30);
/// The largest reply accepted from a plugin, in bytes (64 MiB).
pub const DEFAULT_MAX_REPLY: u64 = 64 << 20;
/// The data-segment limit (`RLIMIT_DATA`) of each plugin's process, in bytes (2 GiB), unless [`MEMORY_ENV`] says
/// otherwise.
pub const DEFAULT_MEMORY: u64 = 2 << 30;

/// The limits a plugin's process runs under (see the module docs for what happens when one is reached).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Limits {
    /// The longest a call (or the load) may take before the child is killed.
    pub call_timeout: Duration,
    /// The largest reply accepted, in bytes; checked on the length prefix before reading the reply.
    pub max_reply: u64,
    /// The child's `RLIMIT_DATA` in bytes; `None` leaves the inherited limit.
    pub memory: Option<u64>,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            call_timeout: DEFAULT_TIMEOUT,
            max_reply: DEFAULT_MAX_REPLY,
            memory: Some(DEFAULT_MEMORY),
        }
    }
}

impl Limits {
    /// The defaults, with [`TIMEOUT_ENV`] and [`MEMORY_ENV`] applied when they are set.
    pub fn from_env() -> Result<Limits, SettingError> {
        Limits::from_values(
            std::env::var_os(TIMEOUT_ENV).as_deref(),
            std::env::var_os(MEMORY_ENV).as_deref(),
        )
    }

    /// The defaults with the given values of [`TIMEOUT_ENV`] and [`MEMORY_ENV`] applied.
    pub fn from_values(timeout: Option<&OsStr>, memory: Option<&OsStr>) -> Result<Limits, SettingError> {
        let mut limits = Limits::default();
        if let Some(value) = timeout {
            let text = value.to_string_lossy();
            let seconds: f64 = text
                .trim()
                .parse()
                .ok()
                .filter(|s: &f64| s.is_finite() && *s > 0.0 && *s <= 1e6)
                .ok_or_else(|| SettingError {
                    variable: TIMEOUT_ENV,
                    value: text.clone().into_owned(),
                    expected: "a number of seconds above 0, such as 30 or 0.5",
                })?;
            limits.call_timeout = Duration::from_secs_f64(seconds);
        }
        if let Some(value) = memory {
            let text = value.to_string_lossy();
            let mib: u64 = text
                .trim()
                .parse()
                .ok()
                .filter(|m| (16..=(1 << 30)).contains(m))
                .ok_or_else(|| SettingError {
                    variable: MEMORY_ENV,
                    value: text.clone().into_owned(),
                    expected: "a whole number of MiB, at least 16, such as 2048",
                })?;
            limits.memory = Some(mib << 20);
        }
        Ok(limits)
    }
}

/// A plugin setting in the environment that cannot be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{variable}=`{value}` is not valid: expected {expected}")]
pub struct SettingError {
    /// The variable.
    pub variable: &'static str,
    /// Its value.
    pub value: String,
    /// What it should be.
    pub expected: &'static str,
}

/// How a plugin library is run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Isolation {
    /// Loaded with `dlopen` into this process and called directly: fastest, but a crash or hang in the plugin is
    /// a crash or hang of this process.
    InProcess,
    /// Loaded and called in a child process of its own (on Unix; in this process elsewhere).
    Process(ProcessHost),
}

/// The program that hosts plugins in child processes, and the limits they run under.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProcessHost {
    /// A program that serves `PROGRAM __plugin-host [--memory BYTES] LIB` by calling
    /// [`crate::child::serve_or_host`] first thing: the `chuxin` binary itself.
    pub program: PathBuf,
    /// The limits of each child.
    pub limits: Limits,
}

static CURRENT: OnceLock<Result<Isolation, SettingError>> = OnceLock::new();

impl Isolation {
    /// The isolation of this program: the one [`Isolation::set_current`] recorded (the `chuxin` binary records
    /// [`Isolation::Process`] through [`crate::child::serve_or_host`]), else [`Isolation::InProcess`]. An
    /// invalid setting recorded then is returned as the error.
    pub fn current() -> Result<Isolation, SettingError> {
        CURRENT.get().cloned().unwrap_or(Ok(Isolation::InProcess))
    }

    /// Records the isolation of this program, once; returns false if one was already recorded.
    pub fn set_current(isolation: Result<Isolation, SettingError>) -> bool {
        CURRENT.set(isolation).is_ok()
    }

    /// Child processes of the running program, with limits from the environment.
    pub fn process_of_current_exe() -> Result<Isolation, SettingError> {
        let limits = Limits::from_env()?;
        let program =
            std::env::current_exe().unwrap_or_else(|_| PathBuf::from(std::env::args_os().next().unwrap_or_default()));
        Ok(Isolation::Process(ProcessHost { program, limits }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[track_caller]
    fn case(timeout: Option<&str>, memory: Option<&str>, expected: Result<(f64, u64), &str>) {
        let got = Limits::from_values(timeout.map(OsStr::new), memory.map(OsStr::new));
        match expected {
            Ok((seconds, mib)) => {
                let limits = got.unwrap();
                assert_eq!(limits.call_timeout, Duration::from_secs_f64(seconds));
                assert_eq!(limits.memory, Some(mib << 20));
                assert_eq!(limits.max_reply, 64 << 20);
            }
            Err(message) => assert_eq!(got.unwrap_err().to_string(), message),
        }
    }

    #[test]
    fn limits_come_from_defaults_and_the_environment() {
        case(None, None, Ok((30.0, 2048)));
        case(Some("0.5"), Some("512"), Ok((0.5, 512)));
        case(Some(" 120 "), None, Ok((120.0, 2048)));
        case(
            Some("soon"),
            None,
            Err("CHUXIN_PLUGIN_TIMEOUT=`soon` is not valid: expected a number of seconds above 0, such as 30 or 0.5"),
        );
        case(
            Some("0"),
            None,
            Err("CHUXIN_PLUGIN_TIMEOUT=`0` is not valid: expected a number of seconds above 0, such as 30 or 0.5"),
        );
        case(
            None,
            Some("2G"),
            Err("CHUXIN_PLUGIN_MEMORY=`2G` is not valid: expected a whole number of MiB, at least 16, such as 2048"),
        );
    }
}
