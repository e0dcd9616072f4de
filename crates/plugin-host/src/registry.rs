//! [`Registry`]: every plugin found on the search paths, and every file that failed to load.
//!
//! Discovery never panics and never stops early: each file is loaded on its own, and a failure becomes a
//! [`LoadError`] in the list while the other files go on loading.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use chuxin_plugin_api::PackSource;

use crate::error::{CallError, LoadError, LoadErrorKind};
use crate::isolation::Isolation;
use crate::plugin::Plugin;
use crate::search::SearchPath;

/// The loaded plugins and the per-file load errors of one discovery.
#[derive(Debug, Default)]
pub struct Registry {
    plugins: Vec<Plugin>,
    errors: Vec<LoadError>,
}

/// A pack together with the plugin that carries it.
#[derive(Debug, Clone)]
pub struct PluginPack {
    /// The plugin the pack came from (its id and file say where).
    pub plugin: Plugin,
    /// The pack.
    pub pack: PackSource,
}

impl Registry {
    /// Loads every plugin found on `paths`, in order (see [`crate::search`] for the order and its meaning).
    ///
    /// A file found twice (the same file through two paths, or a hard link) is loaded once; a second file claiming
    /// an id already loaded is refused with [`LoadErrorKind::DuplicateId`].
    ///
    /// Plugins load with this program's isolation ([`Isolation::current`]: in child processes for the `chuxin`
    /// binary); an invalid setting is reported once for each file.
    pub fn discover(paths: &[SearchPath]) -> Registry {
        Registry::discover_with(paths, Isolation::current())
    }

    /// [`Registry::discover`] with the given isolation.
    pub fn discover_with(paths: &[SearchPath], isolation: Result<Isolation, crate::SettingError>) -> Registry {
        let mut registry = Registry::default();
        let mut seen = HashSet::new();
        let mut files = Vec::new();
        for search in paths {
            for file in registry.candidates(search) {
                if seen.insert(file_key(&file)) {
                    files.push(file);
                }
            }
        }
        registry.add_files(&files, &isolation);
        registry
    }

    /// Loads the given library files, in order, as [`Registry::discover`] does for the files of a folder.
    pub fn load_files<P: AsRef<Path>>(files: impl IntoIterator<Item = P>) -> Registry {
        Registry::load_files_with(files, Isolation::current())
    }

    /// [`Registry::load_files`] with the given isolation.
    pub fn load_files_with<P: AsRef<Path>>(
        files: impl IntoIterator<Item = P>,
        isolation: Result<Isolation, crate::SettingError>,
    ) -> Registry {
        let mut registry = Registry::default();
        let mut seen = HashSet::new();
        let files: Vec<PathBuf> = files
            .into_iter()
            .filter(|file| seen.insert(file_key(file.as_ref())))
            .map(|file| file.as_ref().to_path_buf())
            .collect();
        registry.add_files(&files, &isolation);
        registry
    }

    /// The plugins that loaded, in discovery order.
    pub fn plugins(&self) -> &[Plugin] {
        &self.plugins
    }

    /// The files (or folders) that failed, in discovery order.
    pub fn errors(&self) -> &[LoadError] {
        &self.errors
    }

    /// The plugin with this id, if one loaded.
    pub fn get(&self, id: &str) -> Option<&Plugin> {
        self.plugins.iter().find(|p| p.id() == id)
    }

    /// Every pack of every plugin, with the plugins whose `packs` call failed.
    pub fn packs(&self) -> (Vec<PluginPack>, Vec<CallError>) {
        let mut packs = Vec::new();
        let mut errors = Vec::new();
        for plugin in &self.plugins {
            match plugin.packs() {
                Ok(list) => packs.extend(list.into_iter().map(|pack| PluginPack {
                    plugin: plugin.clone(),
                    pack,
                })),
                Err(err) => errors.push(err),
            }
        }
        (packs, errors)
    }

    /// Loads the files, in order, and records each plugin or error.
    fn add_files(&mut self, files: &[PathBuf], isolation: &Result<Isolation, crate::SettingError>) {
        // Every child process starts before the first answer is awaited: the plugins load in parallel, and a
        // library that hangs while loading costs one time limit for all of them, not one each.
        let loading: Vec<_> = files
            .iter()
            .map(|file| match isolation {
                Ok(isolation) => Plugin::begin_load(file, isolation),
                Err(e) => Err(LoadError::new(file, LoadErrorKind::Setting(e.clone()))),
            })
            .collect();
        for (file, loading) in files.iter().zip(loading) {
            self.add(file, loading.and_then(|l| l.finish()));
        }
    }

    /// Records one loaded plugin, refusing a second one with the same id, or the error.
    fn add(&mut self, file: &Path, loaded: Result<Plugin, LoadError>) {
        match loaded {
            Ok(plugin) => {
                let first = self.get(plugin.id()).map(|p| p.path().to_path_buf());
                match first {
                    Some(first) => self.errors.push(LoadError::new(
                        file,
                        LoadErrorKind::DuplicateId {
                            id: plugin.id().to_owned(),
                            first,
                        },
                    )),
                    None => self.plugins.push(plugin),
                }
            }
            Err(err) => self.errors.push(err),
        }
    }

    /// The candidate files of one search path, sorted by name; a folder that cannot be read is recorded.
    fn candidates(&mut self, search: &SearchPath) -> Vec<PathBuf> {
        if search.path.is_file() {
            return vec![search.path.clone()];
        }
        let entries = match std::fs::read_dir(&search.path) {
            Ok(entries) => entries,
            Err(err) if search.is_optional() && err.kind() == std::io::ErrorKind::NotFound => {
                return Vec::new();
            }
            Err(err) => {
                self.errors
                    .push(LoadError::new(&search.path, LoadErrorKind::ReadDir(err)));
                return Vec::new();
            }
        };
        let mut files: Vec<PathBuf> = Vec::new();
        for path in entries
            .filter_map(Result::ok)
            .filter(|entry| search.accepts(&entry.file_name()))
            .map(|entry| entry.path())
        {
            // A library name on a folder, pipe or device is reported, never opened.
            if path.is_file() {
                files.push(path);
            } else {
                self.errors.push(LoadError::new(&path, LoadErrorKind::NotRegularFile));
            }
        }
        files.sort();
        files
    }
}

/// Identifies a file so that it is loaded once however it is reached: device and inode on Unix (hard links, as
/// cargo makes in `target/`, share them), the canonical path elsewhere.
fn file_key(path: &Path) -> FileKey {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        if let Ok(meta) = std::fs::metadata(path) {
            return FileKey::Inode(meta.dev(), meta.ino());
        }
    }
    FileKey::Path(path.canonicalize().unwrap_or_else(|_| path.to_path_buf()))
}

#[derive(Debug, PartialEq, Eq, Hash)]
enum FileKey {
    #[cfg_attr(not(unix), allow(dead_code))]
    Inode(u64, u64),
    Path(PathBuf),
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::SearchOrigin;

    #[test]
    fn missing_folders_are_errors_unless_optional() {
        let dir = tempfile::tempdir().unwrap();
        let missing = dir.path().join("nope");
        let registry = Registry::discover(&[
            SearchPath::new(&missing, SearchOrigin::BesideExecutable),
            SearchPath::new(&missing, SearchOrigin::CommandLine),
        ]);
        assert!(registry.plugins().is_empty());
        assert_eq!(registry.errors().len(), 1);
        let message = registry.errors()[0].chain();
        assert!(
            message.starts_with(&format!(
                "cannot load plugin `{}`: cannot read the plugin folder: ",
                missing.display()
            )),
            "{message}"
        );
    }

    #[test]
    fn an_empty_folder_loads_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let registry = Registry::discover(&[SearchPath::new(dir.path(), SearchOrigin::Workspace)]);
        assert!(registry.plugins().is_empty() && registry.errors().is_empty());
    }
}
