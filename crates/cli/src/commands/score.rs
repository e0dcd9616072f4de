//! `chuxin score CLIENT`: scores, maturity, coverage and the diagnosis of a client's audit, with the figures of
//! the latest benchmark (`chuxin bench`) as data evidence.

use crate::render;
use anyhow::Result;
use chuxin_app::Session;
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
pub fn run(cx: &Session, args: Args) -> Result<()> {
    let ws = cx.workspace()?;
    let lang = cx.lang(Some(&ws));
    let client = ws.client(&args.client)?;
    let scored = chuxin_app::audit::open(cx, &ws, &client, args.audit.as_deref(), None)?;
    let (audit, card, catalog) = (&scored.audit, &scored.card, &scored.catalog);
    let bench = scored.run.as_ref().map(|(id, _)| id);
    let mut out = std::io::stdout().lock();
    match args.format {
        Format::Json => {
            let doc = json!({ "client": client.id, "name": client.name, "audit": audit.id, "date": audit.date,
                "benchmark": bench, "packs": catalog.packs().iter().map(|p| &p.id).collect::<Vec<_>>(), "scorecard": card });
            serde_json::to_writer_pretty(&mut out, &doc)?;
            println!();
        }
        Format::Table => {
            let data = match &bench {
                Some(id) => format!(" · {} {id}", lang.pick("數據", "数据", "benchmark")),
                None => String::new(),
            };
            println!(
                "{} ({}) · {} {}{data}",
                client.name,
                client.id,
                lang.pick("稽核", "审计", "audit"),
                audit.id
            );
            println!();
            render::scorecard(&mut out, card, catalog, lang)?;
        }
    }
    Ok(())
}
