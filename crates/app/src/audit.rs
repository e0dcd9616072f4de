//! An audit session: a client's audit read against its catalog and scored with the figures of the benchmark run
//! that belongs with it — the sequence catalog → checked audit → facts → assessment that `score`, `report`,
//! `compare`, `bench --charts` and the demo share.
//!
//! A run belongs with an audit when it is the latest run before the client's next audit started (for the latest
//! audit: the latest run), so that an earlier audit is read with the data of its own time.

use crate::error::{AppError, ErrorKind, Result};
use crate::session::Session;
use chuxin_core::{Catalog, Scorecard, assess};
use chuxin_store::{Audit, BenchRun, Client, Workspace};
use std::rc::Rc;

/// An audit read against the client's catalog and scored.
pub struct ScoredAudit {
    /// The audit (answers to questions no loaded pack has left out).
    pub audit: Audit,
    /// The client's catalog.
    pub catalog: Catalog,
    /// The scores, maturity, coverage and sins.
    pub card: Scorecard,
    /// The benchmark run whose figures were the evidence: its id and the run.
    pub run: Option<(String, Rc<BenchRun>)>,
}

/// Opens a client's audit (the latest when `id` is `None`) and scores it with the figures of the run that
/// belongs with it, or of `run` when given (a run just made, under the id given with it).
pub fn open(
    s: &Session,
    ws: &Workspace,
    client: &Client,
    id: Option<&str>,
    run: Option<(String, Rc<BenchRun>)>,
) -> Result<ScoredAudit> {
    let catalog = s.catalog_for(ws, client)?;
    let audit = checked_audit(s, ws, &catalog, &client.id, &audit_id(ws, &client.id, id)?)?;
    let run = match run {
        Some(run) => Some(run),
        None => run_for_audit(s, ws, &client.id, &audit.id)?,
    };
    let facts = run.as_ref().map(|(_, r)| r.facts.clone()).unwrap_or_default();
    let card = assess(&catalog, &audit.answers, &facts);
    Ok(ScoredAudit {
        audit,
        catalog,
        card,
        run,
    })
}

/// The audit id to use: `id` when given, else the client's latest; a client without audits is told how to start.
pub fn audit_id(ws: &Workspace, client: &str, id: Option<&str>) -> Result<String> {
    if let Some(id) = id {
        return Ok(id.to_string());
    }
    ws.audit_ids(client)?.pop().ok_or_else(|| {
        AppError::new(
            ErrorKind::NotFound,
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
pub fn checked_audit(s: &Session, ws: &Workspace, catalog: &Catalog, client: &str, id: &str) -> Result<Audit> {
    let mut audit = ws.audit(client, id)?;
    let path = ws.audit_path(client, id).map(|p| crate::shown(&p)).unwrap_or_default();
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
        let searched: Vec<String> = s
            .plugin_search_path(Some(ws))
            .iter()
            .map(|p| crate::shown(&p.path))
            .collect();
        let listed: Vec<&str> = orphans.iter().take(5).map(String::as_str).collect();
        s.observer().warning(&format!(
            "{path}: {} answer(s) not scored: their questions ({}{}) are in no pack loaded; is an industry plugin missing? (plugins searched in: {})",
            orphans.len(),
            listed.join(", "),
            if orphans.len() > 5 { ", …" } else { "" },
            searched.join(", ")
        ));
    }
    catalog
        .check_answers(&mut audit.answers)
        .map_err(|e| AppError::invalid(format!("{path}: {e}")))?;
    Ok(audit)
}

/// The id of the benchmark run that belongs with an audit: the latest run before the client's next audit
/// started, or, for the latest audit, the latest run.
pub fn run_id_for(ws: &Workspace, client: &str, audit: &str) -> Result<Option<String>> {
    let runs = ws.bench_ids(client)?;
    let audits = ws.audit_ids(client)?;
    let next = audits.iter().position(|a| a == audit).and_then(|p| audits.get(p + 1));
    Ok(match next {
        Some(next) => {
            let cutoff = ws.audit(client, next)?.date;
            runs.into_iter().rfind(|b| b.as_str() < cutoff.as_str())
        }
        None => runs.into_iter().next_back(),
    })
}

/// The benchmark run that belongs with an audit (see [`run_id_for`]), if any: its id and the run.
pub fn run_for_audit(s: &Session, ws: &Workspace, client: &str, audit: &str) -> Result<Option<(String, Rc<BenchRun>)>> {
    match run_id_for(ws, client, audit)? {
        Some(id) => Ok(Some((id.clone(), s.run(ws, client, &id)?))),
        None => Ok(None),
    }
}

/// The latest run of a client, if any ([`Workspace::latest_bench`]), kept in the session for the rest of the
/// command. For a client whose runs this command has not read yet (the portfolio's clients without an audit).
pub fn latest_run(s: &Session, ws: &Workspace, client: &str) -> Result<Option<(String, Rc<BenchRun>)>> {
    match ws.latest_bench(client)? {
        Some((id, run)) => {
            let run = s.keep_run(ws.bench_path(client, &id)?, run);
            Ok(Some((id, run)))
        }
        None => Ok(None),
    }
}
