//! `chuxin compare [CLIENT…|--all] [--format table|html|json|csv|xlsx|pdf] [-o FILE]`: the agency's portfolio.
//!
//! Every named client (or every client, with `--all` or no name) is scored on its latest audit; the portfolio
//! shows a clients × sections heatmap, the ranking by maturity, the sins most common across clients, each
//! client's weakest section and largest gap to its competitors, and warnings where the figures are thin. CSV
//! written to a file starts with a UTF-8 byte-order mark so that Excel reads the Chinese names; on standard
//! output it has none.

use crate::exit::{USAGE, exit};
use crate::render;
use anyhow::Result;
use chuxin_app::report::{portfolio, portfolio_file};
use chuxin_app::{Session, shown};
use chuxin_core::msg;
use chuxin_report::{PortfolioFormat, render_portfolio};
use std::path::PathBuf;

/// Portfolio formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Aligned text.
    Table,
    /// One self-contained HTML page with the heatmap.
    Html,
    /// JSON (schema: docs/report-schema.md).
    Json,
    /// CSV, one row per client.
    Csv,
    /// An Excel workbook (needs `-o`).
    Xlsx,
    /// An A4 landscape PDF (needs `-o`; typeset without a browser, with a CJK font).
    Pdf,
}

/// Arguments of `chuxin compare`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Client ids (default: every client).
    pub clients: Vec<String>,
    /// Every client of the workspace.
    #[arg(long, conflicts_with = "clients")]
    pub all: bool,
    /// Format.
    #[arg(long, value_enum, default_value = "table")]
    pub format: Format,
    /// Output file (default: standard output).
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
}

/// Builds and writes the portfolio.
pub fn run(cx: &Session, args: Args) -> Result<()> {
    let ws = cx.workspace()?;
    let lang = cx.lang(Some(&ws));
    if args.format == Format::Xlsx && args.output.is_none() {
        return Err(exit(USAGE, msg!(lang, "cli.workbook_not_text")));
    }
    if args.format == Format::Pdf && args.output.is_none() {
        return Err(exit(USAGE, msg!(lang, "cli.pdf_not_text")));
    }
    let portfolio = portfolio(cx, &ws, &args.clients, lang)?;
    let to_file = args.output.as_deref().is_some_and(|p| p.as_os_str() != "-");
    let render = |format| match to_file {
        true => portfolio_file(&portfolio, format),
        false => Ok(render_portfolio(&portfolio, format)?),
    };
    let bytes = match args.format {
        Format::Table => render::portfolio::text(&portfolio, lang)?,
        Format::Html => render(PortfolioFormat::Html)?,
        Format::Json => render(PortfolioFormat::Json)?,
        Format::Csv => render(PortfolioFormat::Csv)?,
        Format::Xlsx => render(PortfolioFormat::Xlsx)?,
        Format::Pdf => render(PortfolioFormat::Pdf)?,
    };
    if let Some(path) = render::write_output(args.output.as_deref(), &bytes)? {
        eprintln!(
            "{}",
            msg!(
                lang,
                "cli.wrote_portfolio",
                path = shown(&path),
                count = portfolio.clients.len()
            )
        );
    }
    Ok(())
}
