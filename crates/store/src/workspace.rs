//! Finding, creating and reading a workspace; the only code that turns client ids into paths.

use crate::atomic::write_atomic;
use crate::error::{ClientIdProblem, StoreError};
use crate::model::{Audit, Config};
use chuxin_bench::BenchRun;
use chuxin_bench::run::RunReadError;
use chuxin_core::Client;
use serde::Serialize;
use serde::de::DeserializeOwned;
use std::fs;
use std::path::{Path, PathBuf};

/// The settings file that marks a workspace.
pub const CONFIG_FILE: &str = "chuxin.toml";

/// An open workspace.
#[derive(Debug, Clone)]
pub struct Workspace {
    root: PathBuf,
    config: Config,
}

/// Checks that `id` can safely be a folder name inside the workspace.
///
/// Allowed: 1–64 characters of ASCII letters, digits, `-`, `_` and `.`, not starting with `.`. This refuses path
/// separators, `..`, control characters and anything else that could leave the `clients/` folder.
pub fn validate_client_id(id: &str) -> Result<(), StoreError> {
    let refuse = |reason: ClientIdProblem| {
        Err(StoreError::InvalidClientId {
            id: id.escape_default().to_string(),
            reason,
        })
    };
    if id.is_empty() {
        return refuse(ClientIdProblem::Empty);
    }
    if id.chars().count() > 64 {
        return refuse(ClientIdProblem::TooLong);
    }
    if id.contains(['/', '\\']) {
        return refuse(ClientIdProblem::PathSeparator);
    }
    if id.contains("..") {
        return refuse(ClientIdProblem::DotDot);
    }
    if id.chars().any(char::is_control) {
        return refuse(ClientIdProblem::Control);
    }
    if id.starts_with('.') {
        return refuse(ClientIdProblem::LeadingDot);
    }
    if id.ends_with('.') {
        return refuse(ClientIdProblem::TrailingDot);
    }
    let stem = id.split('.').next().unwrap_or(id).to_ascii_uppercase();
    let reserved = matches!(stem.as_str(), "CON" | "PRN" | "AUX" | "NUL")
        || (stem.len() == 4
            && (stem.starts_with("COM") || stem.starts_with("LPT"))
            && stem.as_bytes()[3].is_ascii_digit());
    if reserved {
        return refuse(ClientIdProblem::Reserved);
    }
    if !id
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
    {
        return refuse(ClientIdProblem::Characters);
    }
    Ok(())
}

fn io<'a>(action: &'static str, path: &'a Path) -> impl FnOnce(std::io::Error) -> StoreError + 'a {
    move |source| StoreError::Io {
        action,
        path: path.to_path_buf(),
        source,
    }
}

/// The names, without `ext`, of the files in `dir` ending in `ext` (hidden and temporary files left out); an
/// absent folder has none.
fn file_stems(dir: &Path, ext: &str) -> Result<Vec<String>, StoreError> {
    match fs::read_dir(dir) {
        Ok(entries) => Ok(entries
            .filter_map(Result::ok)
            .filter_map(|e| {
                e.file_name()
                    .to_str()
                    .and_then(|n| n.strip_suffix(ext))
                    .map(str::to_string)
            })
            .filter(|n| !n.starts_with('.'))
            .collect()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Vec::new()),
        Err(e) => Err(io("list", dir)(e)),
    }
}

fn read_toml<T: DeserializeOwned>(path: &Path) -> Result<T, StoreError> {
    let text = fs::read_to_string(path).map_err(io("read", path))?;
    toml::from_str(&text).map_err(|e| {
        let offset = e.span().map_or(0, |s| s.start);
        let before = &text[..offset.min(text.len())];
        StoreError::Parse {
            path: path.to_path_buf(),
            line: before.matches('\n').count() + 1,
            column: before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1,
            message: e.message().trim().to_string(),
        }
    })
}

fn write_toml<T: Serialize>(path: &Path, value: &T) -> Result<(), StoreError> {
    let text = toml::to_string(value).map_err(|e| StoreError::Io {
        action: "serialise",
        path: path.to_path_buf(),
        source: std::io::Error::other(e.to_string()),
    })?;
    write_atomic(path, text.as_bytes()).map_err(io("write", path))
}

impl Workspace {
    /// Creates a workspace in `dir` (created if missing).
    pub fn init(dir: &Path, config: Config) -> Result<Workspace, StoreError> {
        let file = dir.join(CONFIG_FILE);
        if file.exists() {
            return Err(StoreError::AlreadyWorkspace(dir.to_path_buf()));
        }
        fs::create_dir_all(dir.join("clients")).map_err(io("create", dir))?;
        write_toml(&file, &config)?;
        Ok(Workspace {
            root: dir.to_path_buf(),
            config,
        })
    }

    /// Opens the workspace at `dir` or the nearest folder above it holding a `chuxin.toml`.
    pub fn discover(dir: &Path) -> Result<Workspace, StoreError> {
        let start = dir.canonicalize().unwrap_or_else(|_| dir.to_path_buf());
        let root = start
            .ancestors()
            .find(|d| d.join(CONFIG_FILE).is_file())
            .ok_or_else(|| StoreError::NotAWorkspace(dir.to_path_buf()))?;
        let config = read_toml(&root.join(CONFIG_FILE))?;
        Ok(Workspace {
            root: root.to_path_buf(),
            config,
        })
    }

    /// The workspace folder.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// The settings.
    pub fn config(&self) -> &Config {
        &self.config
    }

    fn client_dir(&self, id: &str) -> Result<PathBuf, StoreError> {
        validate_client_id(id)?;
        Ok(self.root.join("clients").join(id))
    }

    /// Every client, sorted by id.
    pub fn clients(&self) -> Result<Vec<Client>, StoreError> {
        let dir = self.root.join("clients");
        let mut out = Vec::new();
        let entries = match fs::read_dir(&dir) {
            Ok(e) => e,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(out),
            Err(e) => return Err(io("list", &dir)(e)),
        };
        for entry in entries {
            let entry = entry.map_err(io("list", &dir))?;
            let file = entry.path().join("client.toml");
            if file.is_file() {
                out.push(read_toml(&file)?);
            }
        }
        out.sort_by(|a: &Client, b| a.id.cmp(&b.id));
        Ok(out)
    }

    /// One client.
    pub fn client(&self, id: &str) -> Result<Client, StoreError> {
        let file = self.client_dir(id)?.join("client.toml");
        if !file.is_file() {
            return Err(StoreError::UnknownClient(id.to_string()));
        }
        read_toml(&file)
    }

    /// Adds a client, with an empty `exports/` folder for its CSV exports; refuses an id in use.
    pub fn add_client(&self, client: &Client) -> Result<(), StoreError> {
        let dir = self.client_dir(&client.id)?;
        let file = dir.join("client.toml");
        if file.exists() {
            return Err(StoreError::ClientExists(client.id.clone()));
        }
        // `Acme` and `acme` are one folder on Windows and macOS: refuse an id that differs only in case.
        if let Some(other) = self
            .clients()?
            .into_iter()
            .find(|c| c.id != client.id && c.id.eq_ignore_ascii_case(&client.id))
        {
            return Err(StoreError::ClientIdClash {
                id: client.id.clone(),
                existing: other.id,
            });
        }
        write_toml(&file, client)?;
        let exports = dir.join("exports");
        fs::create_dir_all(&exports).map_err(io("create", &exports))
    }

    /// Replaces a client's record.
    pub fn save_client(&self, client: &Client) -> Result<(), StoreError> {
        let file = self.client_dir(&client.id)?.join("client.toml");
        write_toml(&file, client)
    }

    /// Moves a client's folder, everything in it, to `archive/clients/<id>-<date>/` in one rename: nothing is
    /// deleted, and the client no longer appears among the clients. Refuses when that folder exists.
    pub fn archive_client(&self, id: &str, date: &str) -> Result<PathBuf, StoreError> {
        self.client(id)?;
        validate_client_id(date)?;
        let from = self.client_dir(id)?;
        let archive = self.root.join("archive").join("clients");
        let to = archive.join(format!("{id}-{date}"));
        if to.exists() {
            return Err(StoreError::ArchiveExists { path: to });
        }
        fs::create_dir_all(&archive).map_err(io("create", &archive))?;
        fs::rename(&from, &to).map_err(io("move", &from))?;
        Ok(to)
    }

    fn audits_dir(&self, client: &str) -> Result<PathBuf, StoreError> {
        Ok(self.client_dir(client)?.join("audits"))
    }

    /// A client's audit ids, oldest first.
    pub fn audit_ids(&self, client: &str) -> Result<Vec<String>, StoreError> {
        self.client(client)?;
        let dir = self.audits_dir(client)?;
        let mut ids = file_stems(&dir, ".toml")?;
        // Ids are dates with an optional `-N` suffix; sort by date, then by N as a number.
        ids.sort_by_key(|id| {
            let (date, n) = match id.get(10..).and_then(|s| s.strip_prefix('-')) {
                Some(n) => (id[..10].to_string(), n.parse::<u32>().unwrap_or(0)),
                None => (id.clone(), 0),
            };
            (date, n)
        });
        Ok(ids)
    }

    /// The path of an audit file (the id is checked like a client id).
    pub fn audit_path(&self, client: &str, audit: &str) -> Result<PathBuf, StoreError> {
        validate_client_id(audit)?;
        Ok(self.audits_dir(client)?.join(format!("{audit}.toml")))
    }

    /// Loads one audit.
    pub fn audit(&self, client: &str, audit: &str) -> Result<Audit, StoreError> {
        let path = self.audit_path(client, audit)?;
        if !path.is_file() {
            return Err(StoreError::UnknownAudit {
                client: client.to_string(),
                audit: audit.to_string(),
            });
        }
        let mut a: Audit = read_toml(&path)?;
        a.id = audit.to_string();
        Ok(a)
    }

    /// The most recent audit, if any.
    pub fn latest_audit(&self, client: &str) -> Result<Option<Audit>, StoreError> {
        match self.audit_ids(client)?.last() {
            Some(id) => self.audit(client, id).map(Some),
            None => Ok(None),
        }
    }

    /// The id a new audit started on `date` gets: the date, or `date-2`, `date-3`… when taken.
    pub fn next_audit_id(&self, client: &str, date: &str) -> Result<String, StoreError> {
        let ids = self.audit_ids(client)?;
        let mut id = date.to_string();
        let mut n = 2;
        while ids.contains(&id) {
            id = format!("{date}-{n}");
            n += 1;
        }
        Ok(id)
    }

    /// Saves an audit atomically.
    pub fn save_audit(&self, client: &str, audit: &Audit) -> Result<PathBuf, StoreError> {
        self.client(client)?;
        let path = self.audit_path(client, &audit.id)?;
        write_toml(&path, audit)?;
        Ok(path)
    }
}

impl Workspace {
    /// The client's exports folder (`clients/<id>/exports/`): CSV files `chuxin bench` reads when no file is named.
    pub fn exports_dir(&self, client: &str) -> Result<PathBuf, StoreError> {
        Ok(self.client_dir(client)?.join("exports"))
    }

    /// The CSV files in the client's exports folder, sorted by name.
    pub fn exports(&self, client: &str) -> Result<Vec<PathBuf>, StoreError> {
        let dir = self.exports_dir(client)?;
        let mut files: Vec<PathBuf> = file_stems(&dir, ".csv")?
            .into_iter()
            .map(|s| dir.join(format!("{s}.csv")))
            .collect();
        files.sort();
        Ok(files)
    }

    /// The path of a stored benchmark result (`clients/<id>/bench/<bench id>.json`).
    pub fn bench_path(&self, client: &str, bench: &str) -> Result<PathBuf, StoreError> {
        validate_client_id(bench)?;
        Ok(self.client_dir(client)?.join("bench").join(format!("{bench}.json")))
    }

    /// Saves a benchmark run atomically under the id `bench`, usually the date, in the current layout.
    pub fn save_bench(&self, client: &str, bench: &str, run: &BenchRun) -> Result<PathBuf, StoreError> {
        self.client(client)?;
        let path = self.bench_path(client, bench)?;
        write_atomic(&path, run.to_json().as_bytes()).map_err(io("write", &path))?;
        Ok(path)
    }

    /// A client's stored benchmark ids (their dates), oldest first.
    pub fn bench_ids(&self, client: &str) -> Result<Vec<String>, StoreError> {
        let mut ids = file_stems(&self.client_dir(client)?.join("bench"), ".json")?;
        ids.sort();
        Ok(ids)
    }

    /// One stored benchmark run, of any layout this chuxin reads (see [`BenchRun::from_json`]).
    pub fn bench(&self, client: &str, bench: &str) -> Result<BenchRun, StoreError> {
        let path = self.bench_path(client, bench)?;
        let text = fs::read_to_string(&path).map_err(io("read", &path))?;
        BenchRun::from_json(&text).map_err(|e| match e {
            RunReadError::Json(e) => StoreError::Parse {
                path: path.clone(),
                line: e.line(),
                column: e.column(),
                message: format!("not a benchmark run ({e}); run `chuxin bench` again"),
            },
            newer @ RunReadError::Newer { .. } => StoreError::NewerLayout {
                path: path.clone(),
                message: newer.to_string(),
            },
        })
    }

    /// The most recent stored benchmark run: its id and the run.
    pub fn latest_bench(&self, client: &str) -> Result<Option<(String, BenchRun)>, StoreError> {
        match self.bench_ids(client)?.pop() {
            Some(id) => Ok(Some((id.clone(), self.bench(client, &id)?))),
            None => Ok(None),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[track_caller]
    fn case(id: &str, ok: bool) {
        assert_eq!(validate_client_id(id).is_ok(), ok, "{id:?}");
    }

    #[test]
    fn client_ids() {
        case("lotus-tea", true);
        case("acme_2026.q4", true);
        case("", false);
        case("a/b", false);
        case("..", false);
        case("a..b", false);
        case("..\\x", false);
        case(".hidden", false);
        case("tab\there", false);
        case("茶", false);
        case(&"x".repeat(65), false);
    }

    #[test]
    fn audits_sort_by_date_then_number() {
        let dir = tempfile::tempdir().unwrap();
        let ws = workspace_with_client(dir.path());
        for id in ["2026-01-02-10", "2026-01-02", "2025-12-31", "2026-01-02-2"] {
            ws.save_audit("c", &Audit::new(id, "2026-01-02")).unwrap();
        }
        assert_eq!(
            ws.audit_ids("c").unwrap(),
            ["2025-12-31", "2026-01-02", "2026-01-02-2", "2026-01-02-10"]
        );
        assert_eq!(ws.next_audit_id("c", "2026-01-02").unwrap(), "2026-01-02-3");
    }

    fn workspace_with_client(dir: &Path) -> Workspace {
        let ws = Workspace::init(
            dir,
            Config {
                name: "A".into(),
                lang: Default::default(),
                plugin_dirs: vec![],
                font: None,
                timezone: None,
            },
        )
        .unwrap();
        let c = Client {
            id: "c".into(),
            name: "C".into(),
            ..Client::default()
        };
        ws.add_client(&c).unwrap();
        ws
    }

    #[test]
    fn a_run_stored_by_an_earlier_chuxin_loads_typed() {
        // A run of layout 1 (no `schema`, `window`, `sources` or `groups`), as chuxin wrote it before versions.
        let dir = tempfile::tempdir().unwrap();
        let ws = workspace_with_client(dir.path());
        let old = include_str!("../tests/fixtures/bench-run-layout-1.json");
        let path = ws.bench_path("c", "2025-06-01").unwrap();
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(&path, old).unwrap();
        let (id, run) = ws.latest_bench("c").unwrap().unwrap();
        assert_eq!(id, "2025-06-01");
        assert_eq!(run.schema, 1);
        assert_eq!(run.client, "蓮心茶飲");
        assert_eq!(run.competitors, ["茶語時光", "一點甜"]);
        assert_eq!(run.overall.metrics[0].metric, "posts");
        assert_eq!(run.overall.metrics[0].client, Some(48.0));
        assert_eq!(run.facts.len(), 28);
        assert_eq!(run.window, None);
        assert!(run.warnings.last().unwrap().contains("stored by an earlier chuxin"));
        // Saved again, it is written in the current layout and reads back the same.
        ws.save_bench("c", "2025-06-02", &run).unwrap();
        let again = ws.bench("c", "2025-06-02").unwrap();
        assert_eq!(again.schema, BenchRun::SCHEMA);
        assert_eq!(again.overall, run.overall);
        assert_eq!(again.facts, run.facts);
    }

    #[test]
    fn a_run_that_is_not_json_names_its_file_and_line() {
        let dir = tempfile::tempdir().unwrap();
        let ws = workspace_with_client(dir.path());
        let path = ws.bench_path("c", "2026-01-01").unwrap();
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(&path, "{\n  \"date\": 12\n}").unwrap();
        match ws.bench("c", "2026-01-01").unwrap_err() {
            StoreError::Parse { path: p, line, .. } => assert_eq!((p, line), (path.clone(), 2)),
            e => panic!("{e}"),
        }
        fs::write(
            &path,
            include_str!("../tests/fixtures/bench-run-layout-1.json").replacen("{", "{\"schema\": 7,", 1),
        )
        .unwrap();
        let err = ws.bench("c", "2026-01-01").unwrap_err();
        assert!(matches!(err, StoreError::NewerLayout { .. }), "{err}");
        assert!(
            err.to_string()
                .ends_with("stored by a newer chuxin (layout 7; this one reads up to 2): update chuxin")
        );
    }
}
