//! `chuxin score CLIENT`: scores, maturity, coverage and the diagnosis of a client's audit.

use crate::context::Context;
use crate::exit::{INVALID_INPUT, exit};
use crate::render;
use anyhow::Result;
use chuxin_core::{Facts, assess};
use serde_json::json;

/// Output format of `score`.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum Format {
    /// Aligned text.
    Table,
    /// JSON (the scorecard with every text in the three languages).
    Json,
}

/// Arguments of `chuxin score`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Client id.
    pub client: String,
    /// Audit id (default: the latest).
    #[arg(long)]
    pub audit: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value = "table")]
    pub format: Format,
}

/// Scores the audit.
pub fn run(cx: &Context, args: Args) -> Result<()> {
    let ws = cx.workspace()?;
    let lang = cx.lang(Some(&ws));
    let client = ws.client(&args.client)?;
    let catalog = cx.catalog_for(&ws, &client)?;
    let mut audit = match &args.audit {
        Some(id) => ws.audit(&client.id, id)?,
        None => ws.latest_audit(&client.id)?.ok_or_else(|| {
            exit(
                crate::exit::NOT_FOUND,
                format!(
                    "client `{}` has no audit yet: run `chuxin answer {0}` or `chuxin import {0} FILE`",
                    client.id
                ),
            )
        })?,
    };
    catalog.check_answers(&mut audit.answers).map_err(|e| {
        exit(
            INVALID_INPUT,
            format!(
                "{}: {e}",
                ws.audit_path(&client.id, &audit.id)
                    .map(|p| p.display().to_string())
                    .unwrap_or_default()
            ),
        )
    })?;
    let card = assess(&catalog, &audit.answers, &Facts::new());
    let mut out = std::io::stdout().lock();
    match args.format {
        Format::Json => {
            let doc = json!({ "client": client.id, "name": client.name, "audit": audit.id, "date": audit.date,
                "packs": catalog.packs().iter().map(|p| &p.id).collect::<Vec<_>>(), "scorecard": card });
            serde_json::to_writer_pretty(&mut out, &doc)?;
            println!();
        }
        Format::Table => {
            println!(
                "{} ({}) · {} {}",
                client.name,
                client.id,
                lang.pick("審計", "审计", "audit"),
                audit.id
            );
            println!();
            render::scorecard(&mut out, &card, &catalog, lang)?;
        }
    }
    Ok(())
}
