//! `chuxin report CLIENT [--format html|md|json|xlsx] [-o DIR]`: the client report.
//!
//! The report covers the client's latest audit (or `--audit`), compares it with the audit before it, and is
//! written atomically into `DIR` (default: `reports/<client>/` in the workspace) as `<client>-<audit>.<ext>`;
//! Markdown puts its charts in `<client>-<audit>-charts/` beside it.

use crate::context::{Context, audit_id, checked_audit, shown, today};
use anyhow::{Context as _, Result};
use chuxin_core::assess;
use chuxin_report::{AuditInput, Benchmark, ClientInfo, Report, ReportFormat, ReportInput, render_report};
use chuxin_store::{Client, Workspace, write_atomic};
use std::path::PathBuf;

/// Report formats.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum Format {
    /// One self-contained HTML file (inline charts and CSS) that prints well to PDF.
    Html,
    /// Markdown, with the charts as SVG files beside it.
    Md,
    /// JSON (schema: docs/report-schema.md).
    Json,
    /// An Excel workbook.
    Xlsx,
}

/// Arguments of `chuxin report`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Client id.
    pub client: String,
    /// Audit id (default: the latest).
    #[arg(long)]
    pub audit: Option<String>,
    /// Format.
    #[arg(long, value_enum, default_value = "html")]
    pub format: Format,
    /// Output folder (default: reports/<client> in the workspace).
    #[arg(long, short = 'o', value_name = "DIR")]
    pub output: Option<PathBuf>,
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

/// Writes the report.
pub fn run(cx: &Context, args: Args) -> Result<()> {
    let ws = cx.workspace()?;
    let client = ws.client(&args.client)?;
    let dir = args
        .output
        .clone()
        .unwrap_or_else(|| ws.root().join("reports").join(&client.id));
    let (path, charts) = write(cx, &ws, &client, args.audit.as_deref(), args.format, &dir)?;
    println!("{}", shown(&path));
    if charts > 0 {
        eprintln!("wrote {charts} charts beside it");
    }
    Ok(())
}

/// Builds the report of a client's audit (the latest when `audit` is `None`) and writes it into `dir`; returns
/// the main file and the number of chart files written beside it.
pub fn write(
    cx: &Context,
    ws: &Workspace,
    client: &Client,
    audit: Option<&str>,
    format: Format,
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
    let format = match format {
        Format::Html => ReportFormat::Html,
        Format::Md => ReportFormat::Markdown,
        Format::Json => ReportFormat::Json,
        Format::Xlsx => ReportFormat::Xlsx,
    };
    let files = render_report(&report, format, &format!("{}-{}", client.id, audit.id))?;
    for file in &files {
        let path = dir.join(&file.name);
        write_atomic(&path, &file.bytes).with_context(|| format!("cannot write `{}`", path.display()))?;
    }
    Ok((dir.join(&files[0].name), files.len() - 1))
}
