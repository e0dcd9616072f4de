//! The use cases the commands share: score an audit, build and write a report, draw a run's charts, build the
//! portfolio. A command parses its arguments, calls one of these (or the benchmark run in
//! [`crate::benchmark`]) and renders the result; no command calls another. This module is the seed of the
//! application layer (issue 9): it moves into a crate of its own with `benchmark` and `context`.

use crate::benchmark::{self, BenchRecord};
use crate::context::{Context, audit_id, checked_audit, today};
use anyhow::{Context as _, Result};
use chuxin_chart::Renderer;
use chuxin_core::{Catalog, Lang, Scorecard, assess};
use chuxin_report::{
    AuditInput, Benchmark, ClientInfo, Portfolio, PortfolioEntry, PortfolioFormat, Report, ReportFormat, ReportInput,
    render_portfolio, render_report,
};
use chuxin_store::{Audit, Client, Workspace, write_atomic};
use std::path::{Path, PathBuf};

/// Loads an audit (the latest when `id` is `None`), checks it against the catalog and scores it with the figures
/// of `bench` (or, when `None`, of the benchmark run that belongs with the audit).
pub fn scorecard(
    cx: &Context,
    ws: &Workspace,
    client: &Client,
    id: Option<&str>,
    bench: Option<&BenchRecord>,
) -> Result<(Audit, Scorecard, Catalog)> {
    let catalog = cx.catalog_for(ws, client)?;
    let audit = checked_audit(cx, ws, &catalog, &client.id, &audit_id(ws, &client.id, id)?)?;
    let facts = match bench {
        Some(b) => b.facts.clone(),
        None => benchmark::facts_for(ws, &client.id, &audit.id)?,
    };
    let card = assess(&catalog, &audit.answers, &facts);
    Ok((audit, card, catalog))
}

/// The client as the report names it.
pub fn client_info(client: &Client) -> ClientInfo {
    ClientInfo {
        id: client.id.clone(),
        name: client.name.clone(),
        industry: client.industry.clone(),
        channels: client.channels.clone(),
        competitors: client.competitors.clone(),
    }
}

/// The benchmark section of an audit's report, from the `chuxin bench` run that belongs with the audit.
pub fn benchmark_for(
    ws: &Workspace,
    client: &Client,
    audit: &str,
    lang: chuxin_core::Lang,
) -> Result<Option<Benchmark>> {
    let font = ws.config().font.as_ref().map(|f| ws.root().join(f));
    Ok(crate::benchmark::for_audit(ws, &client.id, audit)?
        .map(|r| crate::benchmark::report_section(&r, lang, font.as_deref())))
}

/// Builds the report of a client's audit (the latest when `audit` is `None`) and writes it into `dir`; returns
/// the main file and the number of chart files written beside it.
pub fn write_report(
    cx: &Context,
    ws: &Workspace,
    client: &Client,
    audit: Option<&str>,
    format: ReportFormat,
    dir: &std::path::Path,
) -> Result<(PathBuf, usize)> {
    let lang = cx.lang(Some(ws));
    let catalog = cx.catalog_for(ws, client)?;
    let ids = ws.audit_ids(&client.id)?;
    let id = audit_id(ws, &client.id, audit)?;
    let audit = checked_audit(cx, ws, &catalog, &client.id, &id)?;
    let previous = match ids.iter().position(|i| *i == id) {
        Some(p) if p > 0 => Some(checked_audit(cx, ws, &catalog, &client.id, &ids[p - 1])?),
        _ => None,
    };
    // Each audit is read with the figures of its own time, so the change since the last audit is real.
    let facts = crate::benchmark::facts_for(ws, &client.id, &audit.id)?;
    let card = assess(&catalog, &audit.answers, &facts);
    let prev_card = match &previous {
        Some(a) => Some(assess(
            &catalog,
            &a.answers,
            &crate::benchmark::facts_for(ws, &client.id, &a.id)?,
        )),
        None => None,
    };
    let info = client_info(client);
    let benchmark = benchmark_for(ws, client, &audit.id, lang)?;
    let generated = today(Some(ws))?;
    let report = Report::build(&ReportInput {
        agency: &ws.config().name,
        lang,
        generated: &generated,
        client: &info,
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
        benchmark: benchmark.as_ref(),
    });
    let files = render_report(&report, format, &format!("{}-{}", client.id, audit.id))?;
    for file in &files {
        let path = dir.join(&file.name);
        write_atomic(&path, &file.bytes).with_context(|| format!("cannot write `{}`", path.display()))?;
    }
    Ok((dir.join(&files[0].name), files.len() - 1))
}

/// Draws every chart of a record into `dir`: SVG always, PNG when a CJK font is available.
pub fn draw_charts(
    record: &BenchRecord,
    card: Option<&chuxin_core::Scorecard>,
    lang: Lang,
    dir: &Path,
    font: Option<&Path>,
) -> Result<Vec<PathBuf>> {
    let renderer = Renderer::new(font);
    let mut written = Vec::new();
    let mut png_warned = false;
    for (stem, chart) in benchmark::charts(record, card, lang) {
        let svg = dir.join(format!("{stem}.svg"));
        let text = renderer
            .svg_string(&chart)
            .with_context(|| format!("cannot draw `{stem}`"))?;
        write_atomic(&svg, text.as_bytes()).with_context(|| format!("cannot write `{}`", svg.display()))?;
        written.push(svg);
        // The PNG is drawn beside its final name and renamed over it, so a reader never sees half a picture.
        let png = dir.join(format!("{stem}.png"));
        let partial = dir.join(format!(".{stem}.partial.png"));
        match renderer
            .write_png(&chart, &partial)
            .map_err(anyhow::Error::from)
            .and_then(|()| std::fs::rename(&partial, &png).with_context(|| format!("cannot write `{}`", png.display())))
        {
            Ok(()) => written.push(png),
            Err(e) if !png_warned => {
                let _ = std::fs::remove_file(&partial);
                eprintln!("warning: PNG charts skipped (SVG written): {e:#}");
                png_warned = true;
            }
            Err(_) => {
                let _ = std::fs::remove_file(&partial);
            }
        }
    }
    Ok(written)
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
/// that belongs with it, and the gaps of that run.
pub fn portfolio(cx: &Context, ws: &Workspace, ids: &[String], lang: Lang) -> Result<Portfolio> {
    let clients = match ids.is_empty() {
        true => ws.clients()?,
        false => ids.iter().map(|id| ws.client(id)).collect::<Result<_, _>>()?,
    };
    let mut entries = Vec::new();
    for client in &clients {
        let catalog = cx.catalog_for(ws, client)?;
        let audit = match ws.audit_ids(&client.id)?.last() {
            Some(id) => Some(checked_audit(cx, ws, &catalog, &client.id, id)?),
            None => None,
        };
        // The latest audit with the benchmark run that belongs with it; without an audit, the latest run.
        let record = match &audit {
            Some(a) => crate::benchmark::for_audit(ws, &client.id, &a.id)?,
            None => crate::benchmark::latest(ws, &client.id)?,
        };
        let facts = record.as_ref().map(|r| r.facts.clone()).unwrap_or_default();
        let card = audit.as_ref().map(|a| assess(&catalog, &a.answers, &facts));
        entries.push(PortfolioEntry {
            client: client_info(client),
            audit: audit.map(|a| (a.id, a.date)),
            card,
            gaps: record.as_ref().map(|r| crate::benchmark::gaps(r, lang)),
        });
    }
    Ok(Portfolio::build(&ws.config().name, lang, &today(Some(ws))?, &entries))
}
