//! What every subcommand needs: the workspace, the output language and the packs that apply to a client.
//!
//! Packs come from two places: the built-in core pack, and industry packs carried by plugins. A client's
//! catalog is the core pack plus every pack whose industries include the client's industry.

use crate::cli::Cli;
use anyhow::{Context as _, Result};
use chuxin_core::{Catalog, Lang, Pack};
use chuxin_plugin_host::{Registry, error_chain, search_paths_from_env};
use chuxin_store::{Client, Workspace};
use std::cell::OnceCell;
use std::path::{Path, PathBuf};

/// A pack and where it came from.
pub struct LoadedPack {
    /// The pack.
    pub pack: Pack,
    /// `built-in`, or the plugin file that carried it.
    pub origin: String,
    /// The id of the plugin that carried it, if any.
    pub plugin: Option<String>,
}

/// The state shared by subcommands.
pub struct Context {
    /// `--workspace`, if given.
    pub workspace_dir: Option<PathBuf>,
    /// `--lang`, if given.
    pub lang: Option<Lang>,
    /// `--plugin-dir` folders.
    pub plugin_dirs: Vec<PathBuf>,
    /// The plugins, loaded on first use.
    registry: OnceCell<Registry>,
    /// Every pack, loaded on first use.
    packs: OnceCell<Vec<LoadedPack>>,
}

impl Context {
    /// Builds the context from the parsed command line.
    pub fn new(cli: &Cli) -> Context {
        Context {
            workspace_dir: cli.workspace.clone(),
            lang: cli.lang,
            plugin_dirs: cli.plugin_dirs.clone(),
            registry: OnceCell::new(),
            packs: OnceCell::new(),
        }
    }

    /// The same context on another workspace folder (the demo's copy of the sample agency).
    pub fn at(&self, dir: PathBuf) -> Context {
        Context {
            workspace_dir: Some(dir),
            lang: self.lang,
            plugin_dirs: self.plugin_dirs.clone(),
            registry: OnceCell::new(),
            packs: OnceCell::new(),
        }
    }

    /// Opens the workspace (`--workspace`, else the current folder or above).
    pub fn workspace(&self) -> Result<Workspace> {
        let dir = match &self.workspace_dir {
            Some(d) => d.clone(),
            None => std::env::current_dir().context("cannot read the current folder")?,
        };
        Ok(Workspace::discover(&dir)?)
    }

    /// The output language: `--lang`, else the workspace's, else zh-Hant.
    pub fn lang(&self, ws: Option<&Workspace>) -> Lang {
        self.lang.or(ws.map(|w| w.config().lang)).unwrap_or_default()
    }

    /// The plugins found on the search path (`--plugin-dir`, `CHUXIN_PLUGIN_PATH`, the workspace's `plugin_dirs`,
    /// beside the binary). A library that fails to load is reported on stderr and skipped: it never stops the
    /// command or the other plugins.
    pub fn registry(&self, ws: Option<&Workspace>) -> &Registry {
        self.registry.get_or_init(|| {
            let ws_dirs: Vec<PathBuf> = ws
                .map(|w| w.config().plugin_dirs.iter().map(|d| w.root().join(d)).collect())
                .unwrap_or_default();
            let registry = Registry::discover(&search_paths_from_env(&ws_dirs, &self.plugin_dirs));
            for err in registry.errors() {
                eprintln!("warning: plugin skipped: {}", error_chain(err));
            }
            registry
        })
    }

    /// Every pack available: the core pack first, then the workspace's own packs (`packs/*.toml`), then plugin
    /// packs. A pack that does not validate stops the command with its file and key path.
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
                let origin = shown(&file);
                let text = read_text(&file, &origin)?;
                packs.push(LoadedPack {
                    pack: parse_pack(&text, &origin)?,
                    origin,
                    plugin: None,
                });
            }
        }
        let (plugin_packs, errors) = self.registry(ws).packs();
        for err in errors {
            eprintln!("warning: plugin skipped: {}", error_chain(&err));
        }
        for p in plugin_packs {
            let origin = format!("plugin {}", shown(p.plugin.path()));
            match parse_plugin_pack(&p.pack, &origin) {
                Ok(pack) if packs.iter().any(|l| l.pack.id == pack.id) => {
                    eprintln!("warning: {origin}: pack `{}` is already loaded; skipped", pack.id)
                }
                Ok(pack) => packs.push(LoadedPack {
                    pack,
                    origin,
                    plugin: Some(p.plugin.id().to_string()),
                }),
                Err(e) => eprintln!("warning: pack skipped: {e}"),
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

    /// The catalog for a client, from [`Context::client_packs`].
    pub fn catalog_for(&self, ws: &Workspace, client: &Client) -> Result<Catalog> {
        let packs = self
            .client_packs(ws, client)?
            .into_iter()
            .map(|p| p.pack.clone())
            .collect();
        Ok(Catalog::new(packs)?)
    }
}

/// The audit id to use: `id` when given, else the client's latest; a client without audits is told how to start.
pub fn audit_id(ws: &Workspace, client: &str, id: Option<&str>) -> Result<String> {
    if let Some(id) = id {
        return Ok(id.to_string());
    }
    ws.audit_ids(client)?.pop().ok_or_else(|| {
        crate::exit::exit(
            crate::exit::NOT_FOUND,
            format!(
                "client `{client}` has no audit yet: run `chuxin answer {client}` or `chuxin import {client} FILE`"
            ),
        )
    })
}

/// Loads an audit and checks its answers against the client's catalog; a bad answer names the audit file.
///
/// Answers to questions no loaded pack has (an industry plugin missing or broken) are kept on disk and left
/// out of the scores, with a warning naming them and the folders searched for plugins: the rest still scores.
pub fn checked_audit(
    cx: &Context,
    ws: &Workspace,
    catalog: &Catalog,
    client: &str,
    id: &str,
) -> Result<chuxin_store::Audit> {
    let mut audit = ws.audit(client, id)?;
    let path = ws.audit_path(client, id).map(|p| shown(&p)).unwrap_or_default();
    let orphans: Vec<String> = audit
        .answers
        .0
        .keys()
        .filter(|q| catalog.question(q).is_none())
        .cloned()
        .collect();
    if !orphans.is_empty() {
        for q in &orphans {
            audit.answers.0.remove(q);
        }
        let ws_dirs: Vec<PathBuf> = ws.config().plugin_dirs.iter().map(|d| ws.root().join(d)).collect();
        let searched: Vec<String> = search_paths_from_env(&ws_dirs, &cx.plugin_dirs)
            .iter()
            .map(|p| shown(&p.path))
            .collect();
        let listed: Vec<&str> = orphans.iter().take(5).map(String::as_str).collect();
        eprintln!(
            "warning: {path}: {} answer(s) not scored: their questions ({}{}) are in no pack loaded; is an industry plugin missing? (plugins searched in: {})",
            orphans.len(),
            listed.join(", "),
            if orphans.len() > 5 { ", …" } else { "" },
            searched.join(", ")
        );
    }
    catalog
        .check_answers(&mut audit.answers)
        .map_err(|e| crate::exit::exit(crate::exit::INVALID_INPUT, format!("{path}: {e}")))?;
    Ok(audit)
}

/// The time zone named `name` (IANA, e.g. `Asia/Taipei`), or why not.
pub fn time_zone_named(name: &str) -> Result<jiff::tz::TimeZone, String> {
    jiff::tz::TimeZone::get(name).map_err(|_| {
        format!("`{name}` is not a time zone name (for example Asia/Taipei, Asia/Hong_Kong, Asia/Shanghai)")
    })
}

/// The workspace's time zone (`timezone` in `chuxin.toml`), else the machine's.
pub fn time_zone(ws: Option<&Workspace>) -> Result<jiff::tz::TimeZone> {
    match ws.and_then(|w| w.config().timezone.as_deref()) {
        Some(name) => time_zone_named(name).map_err(|e| {
            let file = ws.map(|w| shown(&w.root().join("chuxin.toml"))).unwrap_or_default();
            crate::exit::exit(crate::exit::INVALID_INPUT, format!("{file}: timezone: {e}"))
        }),
        None => Ok(jiff::tz::TimeZone::system()),
    }
}

/// The date, `YYYY-MM-DD`, of the instant `now` in the time zone `tz`.
pub fn date_at(now: jiff::Timestamp, tz: &jiff::tz::TimeZone) -> String {
    now.to_zoned(tz.clone()).date().to_string()
}

/// Today's date, `YYYY-MM-DD`, in the workspace's time zone: the one place chuxin reads the clock.
/// `CHUXIN_TODAY` overrides it (for reproducible runs and tests).
pub fn today(ws: Option<&Workspace>) -> Result<String> {
    if let Ok(d) = std::env::var("CHUXIN_TODAY")
        && !d.trim().is_empty()
    {
        return Ok(d.trim().to_string());
    }
    Ok(date_at(jiff::Timestamp::now(), &time_zone(ws)?))
}

/// Shows a path relative to the current folder when it is below it.
pub fn shown(path: &Path) -> String {
    let cwd = std::env::current_dir().ok();
    cwd.and_then(|c| path.strip_prefix(c).ok().map(|p| p.display().to_string()))
        .unwrap_or_else(|| path.display().to_string())
}

/// Reads a text file the user wrote (a pack): not UTF-8 is an invalid input naming the line and column.
pub fn read_text(path: &Path, shown_as: &str) -> Result<String> {
    let bytes = std::fs::read(path).with_context(|| format!("cannot read `{shown_as}`"))?;
    String::from_utf8(bytes).map_err(|e| {
        let good = &e.as_bytes()[..e.utf8_error().valid_up_to()];
        // `good` is valid UTF-8 up to the first bad byte.
        let good = std::str::from_utf8(good).unwrap_or_default();
        let line = good.matches('\n').count() + 1;
        let column = good.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
        crate::exit::exit(
            crate::exit::INVALID_INPUT,
            format!("{shown_as}: line {line}, column {column}: not UTF-8 text (save the file as UTF-8)"),
        )
    })
}

/// Parses a pack and checks that the figures its rules test are ones the benchmark computes
/// (`chuxin_bench::evidence::FACTS`): every pack, from a file or a plugin, is loaded through here.
pub fn parse_pack(text: &str, origin: &str) -> Result<Pack, chuxin_core::PackError> {
    let pack = Pack::from_toml_str(text, origin)?;
    pack.check_metrics(origin, &known_metrics())?;
    Ok(pack)
}

/// Parses a plugin's pack as [`parse_pack`] does, and checks that the id and industries the plugin's code
/// declares are the pack TOML's: a mismatch would join the pack to other clients than its author meant.
pub fn parse_plugin_pack(source: &chuxin_plugin_host::PackSource, origin: &str) -> Result<Pack, String> {
    let pack = parse_pack(&source.toml, origin).map_err(|e| e.to_string())?;
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

/// The figures pack rules may test: the benchmark's evidence facts.
pub fn known_metrics() -> Vec<&'static str> {
    chuxin_bench::evidence::FACTS.iter().map(|f| f.name).collect()
}

#[cfg(test)]
mod tests {
    use super::{date_at, time_zone_named};

    #[test]
    fn a_plugin_pack_must_join_the_industries_its_toml_names() {
        let toml = include_str!("../../../plugins/retail/pack.toml");
        let source = |industries: &[&str]| chuxin_plugin_host::PackSource::new("retail", industries, toml);
        assert!(super::parse_plugin_pack(&source(&["retail", "fmcg", "beauty", "ecommerce"]), "t").is_ok());
        let err = super::parse_plugin_pack(&source(&["retail"]), "t").unwrap_err();
        assert!(
            err.contains("[retail]") && err.contains("[retail, fmcg, beauty, ecommerce]"),
            "{err}"
        );
        let renamed = chuxin_plugin_host::PackSource::new("shop", &["retail", "fmcg", "beauty", "ecommerce"], toml);
        assert!(super::parse_plugin_pack(&renamed, "t").unwrap_err().contains("`shop`"));
    }

    #[test]
    fn today_is_the_date_where_the_agency_is() {
        // 2026-12-01 23:30 UTC is already 2026-12-02 07:30 in Taipei, and still 2026-12-01 in UTC.
        let now: jiff::Timestamp = "2026-12-01T23:30:00Z".parse().unwrap();
        assert_eq!(date_at(now, &time_zone_named("Asia/Taipei").unwrap()), "2026-12-02");
        assert_eq!(date_at(now, &jiff::tz::TimeZone::UTC), "2026-12-01");
        assert!(time_zone_named("Asia/Taipe").is_err());
    }
}
