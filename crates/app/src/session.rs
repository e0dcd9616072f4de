//! [`Session`]: what every use case of one command shares — the workspace folder, the output language, the
//! plugins and packs (loaded once, on first use), the stored runs already read, and the [`Observer`] told of
//! warnings.
//!
//! Packs come from three places: the built-in core pack, the workspace's own `packs/*.toml`, and industry packs
//! carried by plugins. A client's catalog is the core pack plus every pack whose industries include the client's
//! industry. Every pack goes through [`parse_pack`], which checks the figures its rules test.

use crate::error::{AppError, Result};
use crate::observer::Observer;
use chuxin_core::msg;
use chuxin_core::{Catalog, Lang, Pack};
use chuxin_plugin_host::{PackSource, Registry, search_paths_from_env};
use chuxin_store::{BenchRun, Client, Workspace};
use std::cell::{OnceCell, RefCell};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::rc::Rc;
use std::sync::Arc;

/// A pack and where it came from.
pub struct LoadedPack {
    /// The pack.
    pub pack: Pack,
    /// `built-in`, or the file or plugin file that carried it.
    pub origin: String,
    /// The id of the plugin that carried it, if any.
    pub plugin: Option<String>,
}

/// The state the use cases of one command share.
pub struct Session {
    /// The workspace folder given (`--workspace`), if any.
    workspace_dir: Option<PathBuf>,
    /// The language asked for (`--lang`), if any.
    lang: Option<Lang>,
    /// Extra plugin folders (`--plugin-dir`).
    plugin_dirs: Vec<PathBuf>,
    /// Told of warnings and progress.
    observer: Arc<dyn Observer>,
    /// The plugins, loaded on first use.
    registry: OnceCell<Registry>,
    /// Every pack, loaded on first use.
    packs: OnceCell<Vec<LoadedPack>>,
    /// The stored runs read so far, by file: each is parsed once per command.
    runs: RefCell<HashMap<PathBuf, Rc<BenchRun>>>,
}

impl Session {
    /// A session on the workspace at `workspace_dir` (else the current folder or the nearest above holding
    /// `chuxin.toml`), in `lang` (else the workspace's), with the plugins of `plugin_dirs` as well as the usual
    /// search path.
    pub fn new(
        workspace_dir: Option<PathBuf>,
        lang: Option<Lang>,
        plugin_dirs: Vec<PathBuf>,
        observer: Arc<dyn Observer>,
    ) -> Session {
        Session {
            workspace_dir,
            lang,
            plugin_dirs,
            observer,
            registry: OnceCell::new(),
            packs: OnceCell::new(),
            runs: RefCell::default(),
        }
    }

    /// The same session on another workspace folder (the demo's copy of the sample agency).
    pub fn at(&self, dir: PathBuf) -> Session {
        Session::new(Some(dir), self.lang, self.plugin_dirs.clone(), self.observer.clone())
    }

    /// The observer told of warnings and progress.
    pub fn observer(&self) -> &dyn Observer {
        &*self.observer
    }

    /// The language asked for on the command line, if any.
    pub fn lang_given(&self) -> Option<Lang> {
        self.lang
    }

    /// The extra plugin folders given on the command line.
    pub fn plugin_dirs(&self) -> &[PathBuf] {
        &self.plugin_dirs
    }

    /// Opens the workspace (the folder given, else the current folder or above).
    pub fn workspace(&self) -> Result<Workspace> {
        let dir = match &self.workspace_dir {
            Some(d) => d.clone(),
            None => std::env::current_dir().map_err(|source| AppError::Io {
                what: "cannot read the current folder".into(),
                source,
            })?,
        };
        let ws = Workspace::discover(&dir)?;
        self.observer.language(self.lang.unwrap_or(ws.config().lang));
        Ok(ws)
    }

    /// The output language for `client`: the one asked for, else the client's own, else the workspace's, else
    /// zh-Hant.
    pub fn client_lang(&self, ws: &Workspace, client: &chuxin_core::Client) -> Lang {
        let lang = self.lang.or(client.lang).unwrap_or_else(|| ws.config().lang);
        self.observer.language(lang);
        lang
    }

    /// The language of the session's own warnings (the one asked for, else the workspace's), without telling the
    /// observer: the command decides the output language, perhaps the client's.
    pub(crate) fn words_lang(&self, ws: Option<&Workspace>) -> Lang {
        self.lang.or(ws.map(|w| w.config().lang)).unwrap_or_default()
    }

    /// The output language: the one asked for, else the workspace's, else zh-Hant.
    pub fn lang(&self, ws: Option<&Workspace>) -> Lang {
        let lang = self.lang.or(ws.map(|w| w.config().lang)).unwrap_or_default();
        self.observer.language(lang);
        lang
    }

    /// The plugin search path: `--plugin-dir`, `CHUXIN_PLUGIN_PATH`, the workspace's `plugin_dirs`, beside the
    /// binary.
    pub fn plugin_search_path(&self, ws: Option<&Workspace>) -> Vec<chuxin_plugin_host::SearchPath> {
        let ws_dirs: Vec<PathBuf> = ws
            .map(|w| w.config().plugin_dirs.iter().map(|d| w.root().join(d)).collect())
            .unwrap_or_default();
        search_paths_from_env(&ws_dirs, &self.plugin_dirs)
    }

    /// The plugins found on the search path. A library that fails to load is reported as a warning and skipped:
    /// it never stops the command or the other plugins.
    pub fn registry(&self, ws: Option<&Workspace>) -> &Registry {
        self.registry.get_or_init(|| {
            let registry = Registry::discover(&self.plugin_search_path(ws));
            let lang = self.words_lang(ws);
            for err in registry.errors() {
                let warning = msg!(lang, "app.plugin_skipped", error = crate::load_error_text(err, lang));
                self.observer.warning(&warning);
            }
            registry
        })
    }

    /// Every pack available: the core pack first, then the workspace's own packs (`packs/*.toml`), then plugin
    /// packs. A pack file that does not validate stops the command with its file and key path; a plugin's pack
    /// that does not is skipped with a warning.
    pub fn packs(&self, ws: Option<&Workspace>) -> Result<&[LoadedPack]> {
        if let Some(packs) = self.packs.get() {
            return Ok(packs);
        }
        let packs = self.load_packs(ws)?;
        Ok(self.packs.get_or_init(|| packs))
    }

    fn load_packs(&self, ws: Option<&Workspace>) -> Result<Vec<LoadedPack>> {
        let core = chuxin_core::core_pack()?;
        core.check_metrics("built-in core pack", &known_metrics())?;
        let mut packs = vec![LoadedPack {
            pack: core,
            origin: "built-in".to_string(),
            plugin: None,
        }];
        if let Some(ws) = ws {
            let dir = ws.root().join("packs");
            let mut files: Vec<PathBuf> = match std::fs::read_dir(&dir) {
                Ok(entries) => entries
                    .filter_map(|e| e.ok().map(|e| e.path()))
                    .filter(|p| p.extension().is_some_and(|x| x == "toml"))
                    .collect(),
                Err(_) => Vec::new(),
            };
            files.sort();
            for file in files {
                let origin = crate::shown(&file);
                let text = read_text(&file, &origin)?;
                packs.push(LoadedPack {
                    pack: parse_pack(&text, &origin)?,
                    origin,
                    plugin: None,
                });
            }
        }
        let (plugin_packs, errors) = self.registry(ws).packs();
        let lang = self.words_lang(ws);
        for err in errors {
            let warning = msg!(lang, "app.plugin_skipped", error = crate::call_error_text(&err, lang));
            self.observer.warning(&warning);
        }
        for p in plugin_packs {
            let origin = format!("plugin {}", crate::shown(p.plugin.path()));
            match parse_plugin_pack(&p.pack, &origin, lang) {
                Ok(pack) if packs.iter().any(|l| l.pack.id == pack.id) => {
                    self.observer
                        .warning(&msg!(lang, "app.pack_loaded_twice", origin = origin, pack = pack.id))
                }
                Ok(pack) => packs.push(LoadedPack {
                    pack,
                    origin,
                    plugin: Some(p.plugin.id().to_string()),
                }),
                Err(e) => self.observer.warning(&msg!(lang, "app.pack_skipped", error = e)),
            }
        }
        Ok(packs)
    }

    /// The packs that apply to a client: the core pack, the workspace's packs for everyone, and the packs of the
    /// client's industry.
    pub fn client_packs(&self, ws: &Workspace, client: &Client) -> Result<Vec<&LoadedPack>> {
        let industry = client.industry.as_deref();
        Ok(self
            .packs(Some(ws))?
            .iter()
            .filter(|p| p.pack.applies_to(industry))
            .collect())
    }

    /// The industries some pack joins (the plugins' included), lower-case, sorted: the values `client add` and
    /// `client edit` accept for `--industry`, besides `none`.
    pub fn known_industries(&self, ws: &Workspace) -> Result<Vec<String>> {
        let mut known: Vec<String> = self
            .packs(Some(ws))?
            .iter()
            .flat_map(|p| p.pack.industries.iter().map(|i| i.trim().to_lowercase()))
            .filter(|i| !i.is_empty())
            .collect();
        known.sort();
        known.dedup();
        Ok(known)
    }

    /// The catalog for a client, from [`Session::client_packs`], each pack as the client's market sees it
    /// ([`Pack::for_market`]: its options and texts; a client without a market, the default one).
    pub fn catalog_for(&self, ws: &Workspace, client: &Client) -> Result<Catalog> {
        let market = client.market();
        let packs = self
            .client_packs(ws, client)?
            .into_iter()
            .map(|p| p.pack.for_market(market))
            .collect();
        Ok(Catalog::new(packs)?)
    }

    /// The stored run `id` of `client`, read from the workspace the first time it is asked for and kept for the
    /// rest of the command: no run is parsed twice.
    pub fn run(&self, ws: &Workspace, client: &str, id: &str) -> Result<Rc<BenchRun>> {
        let path = ws.bench_path(client, id)?;
        if let Some(run) = self.runs.borrow().get(&path) {
            return Ok(run.clone());
        }
        let run = Rc::new(ws.bench(client, id)?);
        self.runs.borrow_mut().insert(path, run.clone());
        Ok(run)
    }

    /// Saves a run under the id `id` and keeps it, so that the rest of the command does not read it back.
    pub fn save_run(&self, ws: &Workspace, client: &str, id: &str, run: BenchRun) -> Result<(PathBuf, Rc<BenchRun>)> {
        let path = ws.save_bench(client, id, &run)?;
        let run = self.keep_run(path.clone(), run);
        Ok((path, run))
    }

    /// Keeps a run read from (or written to) `path` for the rest of the command.
    pub fn keep_run(&self, path: PathBuf, run: BenchRun) -> Rc<BenchRun> {
        let run = Rc::new(run);
        self.runs.borrow_mut().insert(path, run.clone());
        run
    }
}

/// Reads a text file the user wrote (a pack): not UTF-8 is an invalid input naming the line and column.
pub fn read_text(path: &Path, shown_as: &str) -> Result<String> {
    let bytes = std::fs::read(path).map_err(|source| AppError::File {
        action: "read",
        path: shown_as.to_string(),
        source,
    })?;
    String::from_utf8(bytes).map_err(|e| {
        let good = &e.as_bytes()[..e.utf8_error().valid_up_to()];
        // `good` is valid UTF-8 up to the first bad byte.
        let good = std::str::from_utf8(good).unwrap_or_default();
        let line = good.matches('\n').count() + 1;
        let column = good.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
        AppError::invalid(format!(
            "{shown_as}: line {line}, column {column}: not UTF-8 text (save the file as UTF-8)"
        ))
    })
}

/// Parses a pack and checks that the figures its rules test are ones the benchmark computes
/// (`chuxin_bench::evidence::FACTS`): every pack, from a file or a plugin, is loaded through here.
pub fn parse_pack(text: &str, origin: &str) -> Result<Pack, chuxin_core::PackError> {
    let pack = Pack::from_toml_str(text, origin)?;
    pack.check_metrics(origin, &known_metrics())?;
    Ok(pack)
}

/// `packs check`: reads and validates a pack file (named `shown_as` in messages) against the core pack, without
/// installing it.
pub fn check_pack_file(path: &Path, shown_as: &str) -> Result<Pack> {
    let text = read_text(path, shown_as)?;
    let pack = parse_pack(&text, shown_as)?;
    let mut packs = vec![chuxin_core::core_pack()?];
    if pack.id != "core" {
        packs.push(pack.clone());
    }
    Catalog::new(packs)?;
    Ok(pack)
}

/// Parses a plugin's pack as [`parse_pack`] does, and checks that the id and industries the plugin's code
/// declares are the pack TOML's: a mismatch would join the pack to other clients than its author meant. A pack
/// that does not validate is worded in `lang`.
pub fn parse_plugin_pack(source: &PackSource, origin: &str, lang: Lang) -> Result<Pack, String> {
    let pack = parse_pack(&source.toml, origin).map_err(|e| crate::pack_error_text(&e, lang))?;
    let sorted = |v: &[String]| {
        let mut v: Vec<String> = v.iter().map(|s| s.trim().to_lowercase()).collect();
        v.sort();
        v
    };
    if pack.id != source.id {
        return Err(format!(
            "{origin}: the plugin calls its pack `{}`, but the TOML says `{}`",
            source.id, pack.id
        ));
    }
    if sorted(&pack.industries) != sorted(&source.industries) {
        return Err(format!(
            "{origin}: the plugin's code says the pack joins [{}], but its TOML says [{}]",
            source.industries.join(", "),
            pack.industries.join(", ")
        ));
    }
    Ok(pack)
}

/// The figures pack rules may test: the benchmark's evidence facts, and the one the app computes from the market
/// and the answers about channels ([`crate::audit::audience_facts`]).
pub fn known_metrics() -> Vec<&'static str> {
    let mut known: Vec<&'static str> = chuxin_bench::evidence::FACTS.iter().map(|f| f.name).collect();
    known.push(chuxin_core::market::AUDIENCE_CHANNELS_UNSERVED);
    known
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_plugin_pack_must_join_the_industries_its_toml_names() {
        let toml = include_str!("../../../plugins/retail/pack.toml");
        let source = |industries: &[&str]| PackSource::new("retail", industries, toml);
        assert!(parse_plugin_pack(&source(&["retail", "fmcg", "beauty", "ecommerce"]), "t", Lang::En).is_ok());
        let err = parse_plugin_pack(&source(&["retail"]), "t", Lang::En).unwrap_err();
        assert!(
            err.contains("[retail]") && err.contains("[retail, fmcg, beauty, ecommerce]"),
            "{err}"
        );
        let renamed = PackSource::new("shop", &["retail", "fmcg", "beauty", "ecommerce"], toml);
        assert!(
            parse_plugin_pack(&renamed, "t", Lang::En)
                .unwrap_err()
                .contains("`shop`")
        );
    }

    /// A plugin's pack that does not validate is worded in the run's language (the first sin's severity).
    #[test]
    fn a_plugin_pack_that_does_not_validate_is_worded_in_the_language() {
        let toml = include_str!("../../../plugins/retail/pack.toml").replacen(
            "\nseverity = \"high\"",
            "\nseverity = \"fatal\"",
            1,
        );
        let source = PackSource::new("retail", &["retail", "fmcg", "beauty", "ecommerce"], &toml);
        assert_eq!(
            parse_plugin_pack(&source, "plugin p.so", Lang::ZhHans).unwrap_err(),
            "题库 `plugin p.so`，配置项 `sins[0].severity`：严重程度 `fatal` 无效：请填 `high`（高）、`medium`（中）或 `low`（低）"
        );
        assert_eq!(
            parse_plugin_pack(&source, "plugin p.so", Lang::En).unwrap_err(),
            "plugin p.so: sins[0].severity: unknown severity `fatal`: expected high, medium or low"
        );
    }
}
