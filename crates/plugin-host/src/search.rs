//! Where plugins are looked for, in which order, and which files in a folder count as candidates.
//!
//! The order is the priority: when two files claim the same plugin id, the one found first is kept and the other
//! is refused. From first to last:
//!
//! 1. `--plugin-dir` folders given on the command line ([`SearchOrigin::CommandLine`]);
//! 2. the folders in `CHUXIN_PLUGIN_PATH` ([`ENV_VAR`], separated like `PATH`) ([`SearchOrigin::Environment`]);
//! 3. the plugin folders configured in the agency workspace ([`SearchOrigin::Workspace`]);
//! 4. beside the `chuxin` binary: its own folder, where only files named like a chuxin plugin
//!    (`*chuxin_plugin*`) are tried, then its `plugins/` subfolder ([`SearchOrigin::BesideExecutable`]).
//!
//! An entry may also name a single library file instead of a folder.

use std::ffi::OsStr;
use std::path::{Path, PathBuf};

/// The environment variable holding extra plugin folders, separated like `PATH` (`:` on Unix, `;` on Windows).
pub const ENV_VAR: &str = "CHUXIN_PLUGIN_PATH";

/// Where a search path came from; it decides how missing folders and unrelated files are treated.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SearchOrigin {
    /// A `--plugin-dir` argument. A missing folder is an error.
    CommandLine,
    /// An entry of `CHUXIN_PLUGIN_PATH`. A missing folder is an error.
    Environment,
    /// A plugin folder configured in the agency workspace. A missing folder is an error.
    Workspace,
    /// The folder of the `chuxin` binary, or its `plugins/` subfolder. A missing folder is skipped, and in the
    /// binary's own folder only files whose name contains `chuxin_plugin` are tried.
    BesideExecutable,
}

/// One place to look for plugins.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchPath {
    /// A folder (its library files are tried, not its subfolders) or one library file.
    pub path: PathBuf,
    /// Where the entry came from.
    pub origin: SearchOrigin,
}

impl SearchPath {
    /// A search path of the given origin.
    pub fn new(path: impl Into<PathBuf>, origin: SearchOrigin) -> SearchPath {
        SearchPath {
            path: path.into(),
            origin,
        }
    }

    /// Returns true if and only if a missing folder here is silently skipped rather than reported.
    pub fn is_optional(&self) -> bool {
        self.origin == SearchOrigin::BesideExecutable
    }

    /// Returns true if and only if `file_name` is a candidate library in this search path.
    pub fn accepts(&self, file_name: &OsStr) -> bool {
        let path = Path::new(file_name);
        if path.extension() != Some(OsStr::new(std::env::consts::DLL_EXTENSION)) {
            return false;
        }
        let in_binary_folder =
            self.origin == SearchOrigin::BesideExecutable && self.path.file_name() != Some(OsStr::new("plugins"));
        !in_binary_folder || file_name.to_string_lossy().contains("chuxin_plugin")
    }
}

/// Builds the ordered list of places to look for plugins (see the module docs for the order).
///
/// * `workspace_dirs`: plugin folders from the agency workspace's configuration;
/// * `cli_dirs`: `--plugin-dir` arguments;
/// * `env_value`: the value of `CHUXIN_PLUGIN_PATH`, if set (empty entries are ignored);
/// * `exe_dir`: the folder of the running `chuxin` binary (see [`exe_dir`]).
pub fn search_paths(
    workspace_dirs: &[PathBuf],
    cli_dirs: &[PathBuf],
    env_value: Option<&OsStr>,
    exe_dir: Option<&Path>,
) -> Vec<SearchPath> {
    let mut paths: Vec<SearchPath> = cli_dirs
        .iter()
        .map(|p| SearchPath::new(p, SearchOrigin::CommandLine))
        .collect();
    if let Some(value) = env_value {
        paths.extend(
            std::env::split_paths(value)
                .filter(|p| !p.as_os_str().is_empty())
                .map(|p| SearchPath::new(p, SearchOrigin::Environment)),
        );
    }
    paths.extend(
        workspace_dirs
            .iter()
            .map(|p| SearchPath::new(p, SearchOrigin::Workspace)),
    );
    if let Some(dir) = exe_dir {
        paths.push(SearchPath::new(dir, SearchOrigin::BesideExecutable));
        paths.push(SearchPath::new(dir.join("plugins"), SearchOrigin::BesideExecutable));
    }
    paths
}

/// [`search_paths`] with `CHUXIN_PLUGIN_PATH` read from the environment and the running binary's folder.
pub fn search_paths_from_env(workspace_dirs: &[PathBuf], cli_dirs: &[PathBuf]) -> Vec<SearchPath> {
    let env_value = std::env::var_os(ENV_VAR);
    search_paths(workspace_dirs, cli_dirs, env_value.as_deref(), exe_dir().as_deref())
}

/// The folder of the running binary, if it can be found.
pub fn exe_dir() -> Option<PathBuf> {
    std::env::current_exe()
        .ok()
        .and_then(|exe| exe.parent().map(Path::to_path_buf))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn order_is_cli_env_workspace_exe() {
        let env = std::env::join_paths(["/env/a", "", "/env/b"]).unwrap();
        let paths = search_paths(
            &[PathBuf::from("/ws")],
            &[PathBuf::from("/cli")],
            Some(&env),
            Some(Path::new("/bin")),
        );
        let got: Vec<(&str, SearchOrigin)> = paths.iter().map(|p| (p.path.to_str().unwrap(), p.origin)).collect();
        use SearchOrigin::*;
        assert_eq!(
            got,
            [
                ("/cli", CommandLine),
                ("/env/a", Environment),
                ("/env/b", Environment),
                ("/ws", Workspace),
                ("/bin", BesideExecutable),
                ("/bin/plugins", BesideExecutable),
            ]
        );
    }

    #[test]
    fn binary_folder_only_tries_chuxin_plugins() {
        let so = |name: &str| format!("{name}.{}", std::env::consts::DLL_EXTENSION);
        let bin = SearchPath::new("/bin", SearchOrigin::BesideExecutable);
        assert!(bin.accepts(OsStr::new(&so("libchuxin_plugin_retail"))));
        assert!(!bin.accepts(OsStr::new(&so("libssl"))));
        let sub = SearchPath::new("/bin/plugins", SearchOrigin::BesideExecutable);
        assert!(sub.accepts(OsStr::new(&so("libacme"))));
        let cli = SearchPath::new("/p", SearchOrigin::CommandLine);
        assert!(cli.accepts(OsStr::new(&so("anything"))));
        assert!(!cli.accepts(OsStr::new("notes.txt")));
    }
}
