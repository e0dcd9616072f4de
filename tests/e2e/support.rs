//! A small fluent harness over the real binary: a temporary folder, a command, and assertions on status, stdout
//! and stderr together. The environment is cleared of `CHUXIN_*` variables and the date is fixed, so runs are
//! hermetic.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

/// The repository root.
pub fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .canonicalize()
        .unwrap()
}

/// A temporary folder to run `chuxin` in.
pub struct Env {
    pub dir: tempfile::TempDir,
}

/// The result of one run.
pub struct Run {
    pub out: Output,
}

/// Builds the three industry plugins beside the `chuxin` binary under test, once per test run, so that every
/// test sees the same packs whether or not a `cargo build` ran before. (`cargo test` does not build cdylibs.)
pub fn ensure_plugins() {
    static BUILT: std::sync::OnceLock<()> = std::sync::OnceLock::new();
    BUILT.get_or_init(|| {
        let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
        let mut cmd = Command::new(cargo);
        cmd.current_dir(repo()).args([
            "build",
            "--quiet",
            "-p",
            "chuxin-plugin-retail",
            "-p",
            "chuxin-plugin-food",
            "-p",
            "chuxin-plugin-finance",
        ]);
        if !cfg!(debug_assertions) {
            cmd.arg("--release");
        }
        let status = cmd.status().expect("cargo runs");
        assert!(status.success(), "building the plugins failed");
    });
}

impl Env {
    pub fn new() -> Env {
        ensure_plugins();
        Env {
            dir: tempfile::tempdir().unwrap(),
        }
    }

    /// A new folder with an initialised workspace and the three standard test clients.
    pub fn workspace() -> Env {
        let env = Env::new();
        env.ok(&["--lang", "en", "init", ".", "--name", "Test agency"]);
        env.ok(&[
            "client",
            "add",
            "acme",
            "--name",
            "Acme 茶飲",
            "--industry",
            "none",
            "--competitor",
            "Rival A,Rival B",
        ]);
        env
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// Runs with the date fixed to `today` instead of the harness's 2026-11-26, and asserts success.
    #[track_caller]
    pub fn ok_on(&self, today: &str, args: &[&str]) -> String {
        let r = self.run_full(args, "", today);
        r.assert_code(0);
        r.stdout()
    }

    /// Runs with `CHUXIN_TODAY` set to `today` (empty: the real clock).
    pub fn run_full_today(&self, today: &str, args: &[&str]) -> Run {
        self.run_full(args, "", today)
    }

    pub fn run_with_input(&self, args: &[&str], input: &str) -> Run {
        self.run_full(args, input, "2026-11-26")
    }

    fn run_full(&self, args: &[&str], input: &str, today: &str) -> Run {
        self.run_full_env(args, input, today, &[])
    }

    /// Runs with `vars` set (after the harness's clearing of `CHUXIN_*`).
    pub fn run_with_env(&self, args: &[&str], vars: &[(&str, &str)]) -> Run {
        self.run_full_env(args, "", "2026-11-26", vars)
    }

    fn run_full_env(&self, args: &[&str], input: &str, today: &str, vars: &[(&str, &str)]) -> Run {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_chuxin"));
        for (k, _) in std::env::vars() {
            if k.starts_with("CHUXIN_") {
                cmd.env_remove(k);
            }
        }
        cmd.envs(vars.iter().copied());
        cmd.env("CHUXIN_TODAY", today)
            .current_dir(self.path())
            .args(args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        let mut child = cmd.spawn().unwrap();
        child.stdin.take().unwrap().write_all(input.as_bytes()).unwrap();
        Run {
            out: child.wait_with_output().unwrap(),
        }
    }

    pub fn run(&self, args: &[&str]) -> Run {
        self.run_with_input(args, "")
    }

    /// Runs and asserts success; returns stdout.
    #[track_caller]
    pub fn ok(&self, args: &[&str]) -> String {
        let r = self.run(args);
        r.assert_code(0);
        r.stdout()
    }

    pub fn write(&self, rel: &str, content: &str) -> PathBuf {
        let p = self.path().join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(&p, content).unwrap();
        p
    }

    pub fn read(&self, rel: &str) -> String {
        std::fs::read_to_string(self.path().join(rel)).unwrap()
    }

    /// Every file under the folder with its bytes, to prove a failed command changed nothing.
    pub fn snapshot(&self) -> BTreeMap<PathBuf, Vec<u8>> {
        fn walk(dir: &Path, out: &mut BTreeMap<PathBuf, Vec<u8>>) {
            for e in std::fs::read_dir(dir).unwrap() {
                let p = e.unwrap().path();
                if p.is_dir() {
                    walk(&p, out);
                } else {
                    out.insert(p.clone(), std::fs::read(&p).unwrap());
                }
            }
        }
        let mut out = BTreeMap::new();
        walk(self.path(), &mut out);
        out
    }
}

impl Run {
    pub fn stdout(&self) -> String {
        String::from_utf8_lossy(&self.out.stdout).into_owned()
    }

    pub fn stderr(&self) -> String {
        String::from_utf8_lossy(&self.out.stderr).into_owned()
    }

    #[track_caller]
    pub fn assert_code(&self, code: i32) -> &Run {
        assert_eq!(
            self.out.status.code(),
            Some(code),
            "exit status\n--- stdout\n{}\n--- stderr\n{}",
            self.stdout(),
            self.stderr()
        );
        self
    }

    /// Asserts that stderr is one `error:` line containing every fragment.
    #[track_caller]
    pub fn assert_error_line(&self, fragments: &[&str]) -> &Run {
        let err = self.stderr();
        let lines: Vec<&str> = err.lines().collect();
        assert_eq!(lines.len(), 1, "expected a one-line error, got:\n{err}");
        // The error line speaks the command's language: `error: `, `錯誤：` or `错误：`.
        assert!(
            ["error: ", "錯誤：", "错误："].iter().any(|p| lines[0].starts_with(p)),
            "{err}"
        );
        for f in fragments {
            assert!(lines[0].contains(f), "`{f}` missing from: {err}");
        }
        self
    }
}
