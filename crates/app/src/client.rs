//! The agency's clients as use cases: add one, change one, archive one, and read what `client list` and
//! `client show` print. The rules live here, not in the command: an industry must be one some loaded pack joins
//! (the plugins' included) or `none`; a market one of the known markets (`tw`, `hk`, `cn`, `global`); a competitor removed must be one the client has; `--lang` given becomes the
//! client's own language; removing moves the client's folder to `archive/clients/<id>-<today>/`, nothing deleted.

use crate::{AppError, ErrorKind, Result, Session};
use chuxin_core::messages::Joined;
use chuxin_core::{Catalog, Lang, msg};
use chuxin_store::{Client, Workspace};
use std::path::PathBuf;

/// A change to a client: each field given replaces that field.
#[derive(Debug, Clone, Default)]
pub struct Change {
    /// Display name.
    pub name: Option<String>,
    /// The brand in exports (empty: the display name).
    pub brand: Option<String>,
    /// Industry, or `none`.
    pub industry: Option<String>,
    /// Market (`tw`, `hk`, `cn`, `global`: one of `chuxin_core::markets()`).
    pub market: Option<String>,
    /// The channels, replacing the list (empty: unchanged).
    pub channels: Vec<String>,
    /// Competitors to add.
    pub add_competitors: Vec<String>,
    /// Competitors to remove.
    pub remove_competitors: Vec<String>,
    /// The client's own language.
    pub lang: Option<Lang>,
}

/// What an edit did.
#[derive(Debug, Clone)]
pub struct Edited {
    /// The client as saved.
    pub client: Client,
    /// Whether anything but the language changed.
    pub changed: bool,
    /// The language set, if one was.
    pub lang_set: Option<Lang>,
}

/// Values trimmed, the empty ones dropped.
fn trim(v: Vec<String>) -> Vec<String> {
    v.into_iter()
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .collect()
}

/// The industry as stored (trimmed, lower-case), refused with the known ones listed unless a pack joins it or it
/// is `none`.
fn industry(s: &Session, ws: &Workspace, given: &str) -> Result<String> {
    let industry = given.trim().to_lowercase();
    let known = s.known_industries(ws)?;
    if industry == "none" || known.contains(&industry) {
        return Ok(industry);
    }
    let lang = s.lang(Some(ws));
    Err(AppError::usage(msg!(
        lang,
        "cli.client.unknown_industry",
        industry = given,
        known = Joined(&known)
    )))
}

/// The market as stored (trimmed, lower-case), refused with the known ones listed unless it is one.
fn market(s: &Session, ws: &Workspace, given: &str) -> Result<String> {
    let markets = chuxin_core::markets();
    markets.resolve(Some(given)).map(|m| m.id.clone()).map_err(|_| {
        let known = markets.ids();
        AppError::usage(msg!(
            s.lang(Some(ws)),
            "cli.client.unknown_market",
            market = given,
            known = Joined(&known)
        ))
    })
}

/// Adds `client` (its industry and market checked, its lists trimmed) and returns it with the ids of the packs its audits use.
pub fn add(s: &Session, ws: &Workspace, mut client: Client) -> Result<(Client, Vec<String>)> {
    client.industry = client.industry.map(|i| industry(s, ws, &i)).transpose()?;
    client.market = client.market.map(|m| market(s, ws, &m)).transpose()?;
    client.channels = trim(std::mem::take(&mut client.channels));
    client.competitors = trim(std::mem::take(&mut client.competitors));
    ws.add_client(&client)?;
    let catalog = s.catalog_for(ws, &client)?;
    let packs = catalog.packs().iter().map(|p| p.id.clone()).collect();
    Ok((client, packs))
}

/// Applies `change` to client `id` and saves it; a change that changes nothing is a usage error.
pub fn edit(s: &Session, ws: &Workspace, id: &str, change: Change) -> Result<Edited> {
    let mut client = ws.client(id)?;
    let before = client.clone();
    if let Some(name) = change.name {
        client.name = name;
    }
    if let Some(brand) = change.brand {
        client.brand = Some(brand.trim().to_string()).filter(|b| !b.is_empty());
    }
    if let Some(i) = change.industry {
        client.industry = Some(industry(s, ws, &i)?);
    }
    if let Some(m) = change.market {
        client.market = Some(market(s, ws, &m)?);
    }
    if !change.channels.is_empty() {
        client.channels = trim(change.channels);
    }
    for c in trim(change.remove_competitors) {
        let Some(at) = client.competitors.iter().position(|x| *x == c) else {
            let lang = s.client_lang(ws, &client);
            return Err(AppError::new(
                ErrorKind::NotFound,
                msg!(lang, "cli.client.no_such_competitor", id = client.id, competitor = c),
            ));
        };
        client.competitors.remove(at);
    }
    for c in trim(change.add_competitors) {
        if !client.competitors.contains(&c) {
            client.competitors.push(c);
        }
    }
    let changed = client != before;
    if !changed && change.lang.is_none() {
        let lang = s.client_lang(ws, &client);
        return Err(AppError::usage(msg!(lang, "cli.client.edit_nothing")));
    }
    if change.lang.is_some() {
        client.lang = change.lang;
    }
    ws.save_client(&client)?;
    Ok(Edited {
        client,
        changed,
        lang_set: change.lang,
    })
}

/// Moves client `id` to the archive; returns the client and its new folder, relative to the workspace.
pub fn remove(ws: &Workspace, id: &str) -> Result<(Client, PathBuf)> {
    let client = ws.client(id)?;
    let today = crate::clock::today(Some(ws))?;
    let to = ws.archive_client(id, &today)?;
    let shown = to.strip_prefix(ws.root()).map(PathBuf::from).unwrap_or(to);
    Ok((client, shown))
}

/// Every client with its latest audit's id (`—` without one).
pub fn list(ws: &Workspace) -> Result<Vec<(Client, String)>> {
    ws.clients()?
        .into_iter()
        .map(|c| {
            let latest = ws.audit_ids(&c.id)?.last().cloned().unwrap_or_else(|| "—".into());
            Ok((c, latest))
        })
        .collect()
}

/// Each audit of a client: (answered, of) its questions, and its id.
pub type AuditCounts = Vec<((usize, usize), String)>;

/// One client, its catalog, and each audit's id with (answered, of) its questions.
pub fn show(s: &Session, ws: &Workspace, id: &str) -> Result<(Client, Catalog, AuditCounts)> {
    let client = ws.client(id)?;
    let catalog = s.catalog_for(ws, &client)?;
    let audits = ws
        .audit_ids(&client.id)?
        .into_iter()
        .map(|audit_id| Ok((catalog.answered(&ws.audit(&client.id, &audit_id)?.answers), audit_id)))
        .collect::<Result<Vec<_>>>()?;
    Ok((client, catalog, audits))
}
