//! Reports and the portfolio: an audit's report written into a folder, and the agency's clients compared.
//!
//! Each audit is read with the figures of its own time (the run that belongs with it, see
//! [`crate::audit::run_id_for`]), so the change since the last audit is real; each run is read once per
//! command, however many audits and sections use it.

use crate::audit::{assess_with, audit_id, checked_audit, latest_run, run_for_audit};
use crate::error::{AppError, Result};
use crate::session::Session;
use chuxin_core::Lang;
use chuxin_report::section::gaps;
use chuxin_report::{
    AuditInput, Portfolio, PortfolioEntry, PortfolioFormat, Report, ReportFormat, ReportInput, render_portfolio,
    render_report,
};
use chuxin_store::{Client, Workspace, write_atomic};
use std::path::{Path, PathBuf};

/// A report written: the main file, and how many chart files were written beside it.
#[derive(Debug)]
pub struct WrittenReport {
    /// The report file.
    pub path: PathBuf,
    /// Chart files written beside it (Markdown's SVG files).
    pub charts: usize,
    /// The report's language (the one asked for, else the client's, else the workspace's).
    pub lang: Lang,
}

/// Builds the report of a client's audit (the latest when `audit` is `None`), compared with the audit before
/// it, and writes it atomically into `dir` as `<client>-<audit>.<ext>`.
pub fn write_report(
    s: &Session,
    ws: &Workspace,
    client: &Client,
    audit: Option<&str>,
    format: ReportFormat,
    dir: &Path,
) -> Result<WrittenReport> {
    let lang = s.client_lang(ws, client);
    let catalog = s.catalog_for(ws, client)?;
    let ids = ws.audit_ids(&client.id)?;
    let id = audit_id(ws, &client.id, audit, lang)?;
    let audit = checked_audit(s, ws, &catalog, &client.id, &id)?;
    let previous = match ids.iter().position(|i| *i == id) {
        Some(p) if p > 0 => Some(checked_audit(s, ws, &catalog, &client.id, &ids[p - 1])?),
        _ => None,
    };
    let run = run_for_audit(s, ws, &client.id, &audit.id)?;
    let card = assess_with(&catalog, client, &audit.answers, run.as_ref().map(|(_, r)| &**r));
    let prev_card = match &previous {
        Some(a) => {
            let prev_run = run_for_audit(s, ws, &client.id, &a.id)?;
            Some(assess_with(
                &catalog,
                client,
                &a.answers,
                prev_run.as_ref().map(|(_, r)| &**r),
            ))
        }
        None => None,
    };
    let font = ws.config().font.as_ref().map(|f| ws.root().join(f));
    let generated = crate::clock::today(Some(ws))?;
    let report = Report::build(&ReportInput {
        agency: &ws.config().name,
        lang,
        generated: &generated,
        client,
        catalog: &catalog,
        audit: AuditInput {
            id: &audit.id,
            date: &audit.date,
            answers: &audit.answers,
            card: &card,
        },
        previous: previous.as_ref().zip(prev_card.as_ref()).map(|(a, c)| AuditInput {
            id: &a.id,
            date: &a.date,
            answers: &a.answers,
            card: c,
        }),
        run: run.as_ref().map(|(_, r)| &**r),
        font: font.as_deref(),
    });
    let files = render_report(&report, format, &format!("{}-{}", client.id, audit.id))?;
    for file in &files {
        let path = dir.join(&file.name);
        write_atomic(&path, &file.bytes).map_err(AppError::io("write", &path))?;
    }
    Ok(WrittenReport {
        path: dir.join(&files[0].name),
        charts: files.len() - 1,
        lang,
    })
}

/// The portfolio as a file in `format`: CSV starts with a BOM, so that Excel reads the Chinese names.
pub fn portfolio_file(portfolio: &Portfolio, format: PortfolioFormat) -> Result<Vec<u8>> {
    let mut bytes = render_portfolio(portfolio, format)?;
    if format == PortfolioFormat::Csv {
        bytes.splice(0..0, *b"\xEF\xBB\xBF");
    }
    Ok(bytes)
}

/// The portfolio of `ids` (every client when empty): each client's latest audit scored with the benchmark run
/// that belongs with it, and the gaps of that run (without an audit, of the latest run).
pub fn portfolio(s: &Session, ws: &Workspace, ids: &[String], lang: Lang) -> Result<Portfolio> {
    let clients = match ids.is_empty() {
        true => ws.clients()?,
        false => ids.iter().map(|id| ws.client(id)).collect::<Result<_, _>>()?,
    };
    let mut entries = Vec::new();
    for client in &clients {
        let catalog = s.catalog_for(ws, client)?;
        let audit = match ws.audit_ids(&client.id)?.last() {
            Some(id) => Some(checked_audit(s, ws, &catalog, &client.id, id)?),
            None => None,
        };
        let run = match &audit {
            Some(a) => run_for_audit(s, ws, &client.id, &a.id)?,
            None => latest_run(s, ws, &client.id)?,
        };
        let card = audit
            .as_ref()
            .map(|a| assess_with(&catalog, client, &a.answers, run.as_ref().map(|(_, r)| &**r)));
        entries.push(PortfolioEntry {
            client: client.clone(),
            audit: audit.map(|a| (a.id, a.date)),
            card,
            gaps: run.as_ref().map(|(_, r)| gaps(r, lang)),
        });
    }
    let mut portfolio = Portfolio::build(&ws.config().name, lang, &crate::clock::today(Some(ws))?, &entries);
    portfolio.font = ws.config().font.as_ref().map(|f| ws.root().join(f));
    Ok(portfolio)
}
