//! Builds the plugin cdylibs once per test process and hands out their paths.
//!
//! `cargo test` does not produce cdylib files (rust-lang/cargo#8311), so the tests run
//! `cargo build --message-format=json` themselves and read the paths of the `cdylib` artifacts from its
//! messages: the three industry plugins from the workspace, and the fixtures (the guide's example plugin and the
//! libraries broken on purpose) from their own workspace in `tests/fixtures/plugins`, built into
//! `<target>/plugin-fixtures` so they never land beside the `chuxin` binary; and the `plugin_child` example, the
//! program that hosts plugins in child processes for these tests. Cargo releases its lock before it
//! runs tests, so this cannot deadlock; when nothing changed, the builds are no-ops.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

/// Every cdylib the tests use, by library name (`chuxin_plugin_retail`, `fixture_panicky`, …).
pub struct Artifacts {
    libraries: BTreeMap<String, PathBuf>,
    child_host: PathBuf,
}

impl Artifacts {
    /// The path of a built library.
    pub fn library(&self, name: &str) -> &Path {
        self.libraries
            .get(name)
            .unwrap_or_else(|| panic!("no library `{name}` among {:?}", self.libraries.keys()))
    }

    /// The example program that serves `__plugin-host` (a test binary cannot re-execute itself as the host).
    pub fn child_host(&self) -> &Path {
        &self.child_host
    }

    /// The three industry plugins.
    pub fn industry_plugins(&self) -> [&Path; 3] {
        [
            self.library("chuxin_plugin_retail"),
            self.library("chuxin_plugin_food"),
            self.library("chuxin_plugin_finance"),
        ]
    }
}

/// The workspace root.
pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .canonicalize()
        .unwrap()
}

/// Builds everything on the first call; later calls return the same paths.
pub fn get() -> &'static Artifacts {
    static ARTIFACTS: OnceLock<Artifacts> = OnceLock::new();
    ARTIFACTS.get_or_init(|| {
        let root = workspace_root();
        let mut libraries = build(
            &root,
            &[
                "-p",
                "chuxin-plugin-retail",
                "-p",
                "chuxin-plugin-food",
                "-p",
                "chuxin-plugin-finance",
            ],
            None,
        );
        // <target>/<profile>/libchuxin_plugin_retail.so → <target>
        let target_dir = libraries["chuxin_plugin_retail"]
            .parent()
            .and_then(Path::parent)
            .unwrap()
            .to_path_buf();
        let manifest = root.join("tests/fixtures/plugins/Cargo.toml");
        let manifest = manifest.to_str().unwrap();
        libraries.extend(build(
            &root,
            &["--manifest-path", manifest, "--workspace"],
            Some(&target_dir.join("plugin-fixtures")),
        ));
        let child_host = build_example(&root, "plugin_child");
        Artifacts { libraries, child_host }
    })
}

/// Builds one example of this crate and returns its executable.
fn build_example(cwd: &Path, name: &str) -> PathBuf {
    let output = cargo(cwd, &["-p", "chuxin-plugin-host", "--example", name], None);
    String::from_utf8_lossy(&output)
        .lines()
        .filter_map(|line| serde_json::from_str::<serde_json::Value>(line).ok())
        .find(|m| m["reason"] == "compiler-artifact" && m["target"]["name"] == name)
        .and_then(|m| m["executable"].as_str().map(PathBuf::from))
        .unwrap_or_else(|| panic!("cargo did not report the `{name}` example"))
}

/// Runs `cargo build --message-format=json` and returns its messages.
fn cargo(cwd: &Path, args: &[&str], target_dir: Option<&Path>) -> Vec<u8> {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let mut command = Command::new(cargo);
    command
        .current_dir(cwd)
        .args(["build", "--message-format=json", "--quiet"])
        .args(args);
    if !cfg!(debug_assertions) {
        command.arg("--release");
    }
    if let Some(dir) = target_dir {
        command.env("CARGO_TARGET_DIR", dir);
    }
    let output = command.output().expect("cannot run cargo");
    assert!(
        output.status.success(),
        "cargo build {args:?} failed:\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    output.stdout
}

/// Runs `cargo build --message-format=json` and returns the cdylib files it reports, by library name.
fn build(cwd: &Path, args: &[&str], target_dir: Option<&Path>) -> BTreeMap<String, PathBuf> {
    let output = cargo(cwd, args, target_dir);
    let mut libraries = BTreeMap::new();
    for line in String::from_utf8_lossy(&output).lines() {
        let Ok(message) = serde_json::from_str::<serde_json::Value>(line) else {
            continue;
        };
        if message["reason"] != "compiler-artifact" {
            continue;
        }
        let is_cdylib = message["target"]["kind"]
            .as_array()
            .is_some_and(|kinds| kinds.iter().any(|k| k == "cdylib"));
        if !is_cdylib {
            continue;
        }
        let name = message["target"]["name"].as_str().unwrap().replace('-', "_");
        for file in message["filenames"].as_array().unwrap() {
            let file = PathBuf::from(file.as_str().unwrap());
            if file.extension().and_then(|e| e.to_str()) == Some(std::env::consts::DLL_EXTENSION) {
                libraries.insert(name.clone(), file);
            }
        }
    }
    libraries
}

/// A fresh folder holding copies of the three industry plugins (fresh files, so each test really loads them).
pub fn folder_with_industry_plugins() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for plugin in get().industry_plugins() {
        std::fs::copy(plugin, dir.path().join(plugin.file_name().unwrap())).unwrap();
    }
    dir
}
