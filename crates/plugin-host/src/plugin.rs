//! [`Plugin`]: a loaded plugin, its identity, and typed calls to its methods, whether the library runs in this
//! process or in a child process of its own (see [`crate::isolation`]).

use std::path::{Path, PathBuf};
#[cfg(unix)]
use std::sync::Arc;

use chuxin_plugin_api::{
    CompareInput, CompareOutput, ComparisonInfo, ErrorReply, Method, PackSource, ReferenceRow, STATUS_ERROR, STATUS_OK,
    STATUS_PANIC,
};
use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::error::{CallError, CallErrorKind, LoadError, LoadErrorKind};
use crate::ffi::{self, RawPlugin};
use crate::header;
use crate::isolation::Isolation;

/// A plugin that passed every check of the loading sequence and can be called.
///
/// Cheap to clone, and usable from any thread. In process, the library stays loaded for the life of the process;
/// in a child process, the child lives until the last clone is dropped, and calls to it are served one at a time.
#[derive(Clone)]
pub struct Plugin {
    id: String,
    name: String,
    version: String,
    api_version: String,
    path: PathBuf,
    backend: Backend,
}

/// A plugin half loaded (see [`Plugin::begin_load`]).
pub(crate) struct Loading {
    path: PathBuf,
    canonical: PathBuf,
    state: LoadingState,
}

enum LoadingState {
    Loaded(Backend, crate::frame::Identity),
    #[cfg(unix)]
    Starting(crate::process::Starting),
}

impl Loading {
    /// The second half of a load: the child's answer (or the in-process result), then the id check.
    pub(crate) fn finish(self) -> Result<Plugin, LoadError> {
        let fail = |kind| LoadError::new(&self.path, kind);
        let (backend, identity) = match self.state {
            LoadingState::Loaded(backend, identity) => (backend, identity),
            #[cfg(unix)]
            LoadingState::Starting(starting) => {
                let (connection, identity) = starting.finish().map_err(fail)?;
                (Backend::Process(Arc::new(connection)), identity)
            }
        };
        if !chuxin_plugin_api::is_valid_id(&identity.id) {
            return Err(fail(LoadErrorKind::BadId(identity.id)));
        }
        Ok(Plugin {
            id: identity.id,
            name: identity.name,
            version: identity.version,
            api_version: identity.api_version,
            path: self.canonical,
            backend,
        })
    }
}

/// Where the plugin's code runs.
#[derive(Clone)]
enum Backend {
    InProcess(RawPlugin),
    #[cfg(unix)]
    Process(Arc<crate::process::Connection>),
}

impl std::fmt::Debug for Plugin {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Plugin")
            .field("id", &self.id)
            .field("name", &self.name)
            .field("version", &self.version)
            .field("api_version", &self.api_version)
            .field("path", &self.path)
            .finish_non_exhaustive()
    }
}

impl Plugin {
    /// Loads one plugin file with this program's isolation ([`Isolation::current`]): header check, then (in a
    /// child process, or here) `dlopen`, entry symbol, ABI version, descriptor.
    ///
    /// Does not check for duplicate ids (that is [`crate::Registry`]'s job) and calls no method.
    pub fn load(path: &Path) -> Result<Plugin, LoadError> {
        let isolation = Isolation::current().map_err(|e| LoadError::new(path, LoadErrorKind::Setting(e)))?;
        Plugin::load_with(path, &isolation)
    }

    /// Loads one plugin file as [`Plugin::load`] does, with the given isolation.
    pub fn load_with(path: &Path, isolation: &Isolation) -> Result<Plugin, LoadError> {
        Plugin::begin_load(path, isolation)?.finish()
    }

    /// The first half of a load: the file checks, then the library loaded here, or its child process started. The
    /// second half, [`Loading::finish`], waits for the child's answer; [`crate::Registry`] starts every child
    /// before it waits for any, so that they load in parallel.
    pub(crate) fn begin_load(path: &Path, isolation: &Isolation) -> Result<Loading, LoadError> {
        let fail = |kind| LoadError::new(path, kind);
        let canonical = path.canonicalize().map_err(|e| fail(LoadErrorKind::Io(e)))?;
        let meta = std::fs::metadata(&canonical).map_err(|e| fail(LoadErrorKind::Io(e)))?;
        if !meta.is_file() {
            return Err(fail(LoadErrorKind::NotRegularFile));
        }
        header::check(&canonical).map_err(|e| {
            fail(match e {
                Ok(header) => LoadErrorKind::NotSharedLibrary(header),
                Err(io) => LoadErrorKind::Io(io),
            })
        })?;
        let state = match isolation {
            #[cfg(unix)]
            Isolation::Process(host) => {
                LoadingState::Starting(crate::process::Connection::spawn(&canonical, host).map_err(fail)?)
            }
            // Without process isolation (or off Unix, where there is none) the library loads here.
            _ => {
                let (raw, identity) = ffi::open(&canonical).map_err(fail)?;
                LoadingState::Loaded(Backend::InProcess(raw), identity)
            }
        };
        Ok(Loading {
            path: path.to_path_buf(),
            canonical,
            state,
        })
    }

    /// The id of the plugin's child process, or `None` when it runs in this process. The child may have been
    /// killed and reaped since (after a crash, a timeout or an oversized reply).
    pub fn process_id(&self) -> Option<u32> {
        match &self.backend {
            Backend::InProcess(_) => None,
            #[cfg(unix)]
            Backend::Process(connection) => Some(connection.pid()),
        }
    }

    /// The plugin's id (for example `retail`), unique among loaded plugins.
    pub fn id(&self) -> &str {
        &self.id
    }

    /// The plugin's human-readable name.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The plugin's own version.
    pub fn version(&self) -> &str {
        &self.version
    }

    /// The `chuxin-plugin-api` version the plugin was built against.
    pub fn api_version(&self) -> &str {
        &self.api_version
    }

    /// The plugin's file (canonical absolute path).
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The question packs the plugin carries (TOML text, to be validated by the caller).
    pub fn packs(&self) -> Result<Vec<PackSource>, CallError> {
        self.call(Method::Packs, &())
    }

    /// The public benchmark rows the plugin ships.
    pub fn benchmarks(&self) -> Result<Vec<ReferenceRow>, CallError> {
        self.call(Method::Benchmarks, &())
    }

    /// The comparisons the plugin can compute.
    pub fn comparisons(&self) -> Result<Vec<ComparisonInfo>, CallError> {
        self.call(Method::Comparisons, &())
    }

    /// Runs one comparison over the given posts.
    pub fn compare(&self, input: &CompareInput) -> Result<CompareOutput, CallError> {
        self.call(Method::Compare, input)
    }

    /// Runs one comparison whose input is already JSON (a [`CompareInput`] as bytes): for callers that stream
    /// records from disk rather than hold them as values.
    pub fn compare_json(&self, input: &[u8]) -> Result<CompareOutput, CallError> {
        let method = Method::Compare;
        let bytes = self.call_json(method, input)?;
        serde_json::from_slice(&bytes).map_err(|source| {
            self.error(
                method,
                CallErrorKind::InvalidJson {
                    snippet: snippet(&bytes),
                    source,
                },
            )
        })
    }

    /// Calls `method` with `input` encoded as JSON and decodes the answer as `R`.
    pub fn call<I, R>(&self, method: Method, input: &I) -> Result<R, CallError>
    where
        I: Serialize + ?Sized,
        R: DeserializeOwned,
    {
        let input = serde_json::to_vec(input).map_err(|e| self.error(method, CallErrorKind::EncodeInput(e)))?;
        let bytes = self.call_json(method, &input)?;
        serde_json::from_slice(&bytes).map_err(|source| {
            self.error(
                method,
                CallErrorKind::InvalidJson {
                    snippet: snippet(&bytes),
                    source,
                },
            )
        })
    }

    /// Calls `method` with raw JSON bytes and returns the raw JSON answer of a successful call.
    ///
    /// An error or a panic reported by the plugin, and a crash, hang, exit or oversized reply of its process, become
    /// a [`CallError`]; the answer of a successful call is not checked.
    pub fn call_json(&self, method: Method, input: &[u8]) -> Result<Vec<u8>, CallError> {
        let (status, bytes) = match &self.backend {
            Backend::InProcess(raw) => raw.call(method.name(), input),
            #[cfg(unix)]
            Backend::Process(connection) => connection
                .call(method, input)
                .map_err(|e| self.error(method, CallErrorKind::Process(e)))?,
        };
        let kind = match status {
            STATUS_OK => return Ok(bytes),
            STATUS_ERROR | STATUS_PANIC => {
                let reply: ErrorReply = serde_json::from_slice(&bytes).unwrap_or_default();
                let text = reply
                    .error
                    .or(reply.panic)
                    .unwrap_or_else(|| String::from_utf8_lossy(&bytes).into_owned());
                if status == STATUS_PANIC {
                    CallErrorKind::Panicked(text)
                } else {
                    CallErrorKind::Reported(text)
                }
            }
            other => CallErrorKind::UnknownStatus(other),
        };
        Err(self.error(method, kind))
    }

    fn error(&self, method: Method, kind: CallErrorKind) -> CallError {
        CallError {
            plugin: self.id.clone(),
            path: self.path.clone(),
            method,
            kind,
        }
    }
}

/// The start of a plugin's answer, for an error message: at most 40 characters, control characters escaped.
fn snippet(bytes: &[u8]) -> String {
    let text = String::from_utf8_lossy(&bytes[..bytes.len().min(160)]);
    let mut out: String = text.chars().take(40).flat_map(char::escape_default).collect();
    if text.chars().count() > 40 || bytes.len() > 160 {
        out.push('…');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::snippet;

    #[test]
    fn snippets_are_short_and_escaped() {
        assert_eq!(snippet(b"not json"), "not json");
        assert_eq!(snippet(b"a\nb"), "a\\nb");
        assert_eq!(snippet(&[b'x'; 50]), format!("{}…", "x".repeat(40)));
    }
}
