//! `chuxin report CLIENT [--format html|md|json|xlsx|pdf] [-o DIR]`: the client report.
//!
//! The report covers the client's latest audit (or `--audit`), compares it with the audit before it, and is
//! written atomically into `DIR` (default: `reports/<client>/` in the workspace) as `<client>-<audit>.<ext>`;
//! Markdown puts its charts in `<client>-<audit>-charts/` beside it.

use anyhow::Result;
use chuxin_app::{Session, shown};
use chuxin_core::msg;
use chuxin_report::ReportFormat;
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
    /// An A4 PDF with a cover, page numbers and the charts, typeset without a browser (needs a CJK font).
    Pdf,
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

/// Writes the report.
pub fn run(cx: &Session, args: Args) -> Result<()> {
    let ws = cx.workspace()?;
    let client = ws.client(&args.client)?;
    let dir = args
        .output
        .clone()
        .unwrap_or_else(|| ws.root().join("reports").join(&client.id));
    let format = match args.format {
        Format::Html => ReportFormat::Html,
        Format::Md => ReportFormat::Markdown,
        Format::Json => ReportFormat::Json,
        Format::Xlsx => ReportFormat::Xlsx,
        Format::Pdf => ReportFormat::Pdf,
    };
    let written = chuxin_app::report::write_report(cx, &ws, &client, args.audit.as_deref(), format, &dir)?;
    println!("{}", shown(&written.path));
    if written.charts > 0 {
        eprintln!("{}", msg!(written.lang, "cli.report.charts", count = written.charts));
    }
    Ok(())
}
