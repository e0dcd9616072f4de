//! `chuxin compare [CLIENT…|--all] [--format table|html|json|csv|xlsx] [-o FILE]`: the agency's portfolio.
//!
//! Every named client (or every client, with `--all` or no name) is scored on its latest audit; the portfolio
//! shows a clients × sections heatmap, the ranking by maturity, the sins most common across clients, each
//! client's weakest section and largest gap to its competitors, and warnings where the figures are thin. CSV
//! written to a file starts with a UTF-8 byte-order mark so that Excel reads the Chinese names; on standard
//! output it has none.

use crate::context::{Context, shown};
use crate::exit::{USAGE, exit};
use crate::ops;
use crate::render::{score, table};
use anyhow::Result;
use chuxin_core::Lang;
use chuxin_report::{Portfolio, PortfolioFormat, render_portfolio, words::word};
use std::io::Write;
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
pub fn run(cx: &Context, args: Args) -> Result<()> {
    let ws = cx.workspace()?;
    let lang = cx.lang(Some(&ws));
    if args.format == Format::Xlsx && args.output.is_none() {
        return Err(exit(USAGE, "a workbook is not text: name the file with `-o FILE.xlsx`"));
    }
    let portfolio = ops::portfolio(cx, &ws, &args.clients, lang)?;
    let to_file = args.output.as_deref().is_some_and(|p| p.as_os_str() != "-");
    let render = |format| match to_file {
        true => ops::portfolio_file(&portfolio, format),
        false => Ok(render_portfolio(&portfolio, format)?),
    };
    let bytes = match args.format {
        Format::Table => text(&portfolio, lang)?,
        Format::Html => render(PortfolioFormat::Html)?,
        Format::Json => render(PortfolioFormat::Json)?,
        Format::Csv => render(PortfolioFormat::Csv)?,
        Format::Xlsx => render(PortfolioFormat::Xlsx)?,
    };
    if let Some(path) = crate::render::write_output(args.output.as_deref(), &bytes)? {
        eprintln!("wrote {} ({} clients)", shown(&path), portfolio.clients.len());
    }
    Ok(())
}

/// The portfolio as aligned text.
fn text(p: &Portfolio, lang: Lang) -> Result<Vec<u8>> {
    let w = |key| word(lang, key);
    let mut out = Vec::new();
    writeln!(out, "{} · {}\n", w("heatmap"), p.agency)?;
    let mut rows = vec![
        std::iter::once(w("client").to_string())
            .chain(p.columns.iter().map(|c| c.id.clone()))
            .chain([
                w("overall").to_string(),
                w("maturity").to_string(),
                w("coverage").to_string(),
            ])
            .collect::<Vec<_>>(),
    ];
    for c in &p.clients {
        let mut row = vec![format!("{} ({})", c.name, c.id)];
        row.extend(c.cells.iter().map(|v| score(*v)));
        row.push(score(c.overall));
        row.push(c.maturity.map_or_else(|| "—".into(), |m| m.to_string()));
        row.push(match c.audit {
            Some(_) => format!("{:.0}%", c.coverage * 100.0),
            None => "—".into(),
        });
        rows.push(row);
    }
    table(&mut out, &rows)?;
    let legend: Vec<String> = p.columns.iter().map(|c| format!("{} = {}", c.id, c.title)).collect();
    writeln!(out, "{}\n", legend.join(" · "))?;
    writeln!(out, "{}", w("ranking"))?;
    let rows: Vec<Vec<String>> = p
        .ranking
        .iter()
        .map(|r| {
            let level = r.maturity.map_or_else(String::new, |m| {
                format!("{m} · {}", r.maturity_name.as_deref().unwrap_or_default())
            });
            vec![r.rank.to_string(), r.name.clone(), score(Some(r.overall)), level]
        })
        .collect();
    table(&mut out, &rows)?;
    writeln!(out, "\n{}", w("common_sins"))?;
    let audited = p.clients.iter().filter(|c| c.audit.is_some()).count();
    let rows: Vec<Vec<String>> = p
        .common_sins
        .iter()
        .map(|s| {
            let title = format!("{}. {} [{}]", s.number, s.title, s.severity.name(lang));
            vec![format!("{}/{audited}", s.count), title, s.clients.join(", ")]
        })
        .collect();
    table(&mut out, &rows)?;
    writeln!(out, "\n{}", w("per_client"))?;
    let rows: Vec<Vec<String>> = p
        .clients
        .iter()
        .map(|c| {
            let weakest = c
                .weakest
                .as_ref()
                .map_or_else(|| "—".into(), |s| format!("{} {:.1}", s.title, s.score));
            let gap = c.largest_gap.as_ref().map_or_else(
                || "—".into(),
                |g| format!("{} ({} {:.0})", g.label, w("index"), g.index),
            );
            vec![c.id.clone(), weakest, gap]
        })
        .collect();
    table(&mut out, &rows)?;
    writeln!(out, "\n{}", w("warnings"))?;
    for warning in &p.warnings {
        writeln!(out, "- {}: {}", warning.client, warning.text)?;
    }
    Ok(out)
}
