//! `chuxin client add | edit | list | show`: the agency's clients. `--lang` given to `client add` or
//! `client edit` becomes the client's own language, which its audits, scores and reports use unless a command
//! names another.

use crate::exit::{USAGE, exit};
use crate::render;
use anyhow::Result;
use chuxin_app::Session;
use chuxin_core::messages::Joined;
use chuxin_core::msg;
use chuxin_store::Client;

/// Client subcommands.
#[derive(Debug, clap::Subcommand)]
pub enum ClientCommand {
    /// Add a client.
    Add(AddArgs),
    /// Change a client's language (`client edit ID --lang zh-Hans`).
    Edit {
        /// Client id.
        id: String,
    },
    /// List the clients.
    List,
    /// Show one client and its audits.
    Show {
        /// Client id.
        id: String,
    },
}

/// Arguments of `chuxin client add`.
#[derive(Debug, clap::Args)]
pub struct AddArgs {
    /// Client id: letters a-z, digits, `-`, `_`, `.` (it names the client's folder).
    pub id: String,
    /// Display name.
    #[arg(long)]
    pub name: String,
    /// Industry (picks industry packs: retail, food, finance…).
    #[arg(long)]
    pub industry: Option<String>,
    /// Channel operated (repeatable, or comma-separated).
    #[arg(long = "channel", value_delimiter = ',')]
    pub channels: Vec<String>,
    /// Competitor brand name as it appears in benchmark exports (repeatable, or comma-separated).
    #[arg(long = "competitor", value_delimiter = ',')]
    pub competitors: Vec<String>,
    /// The client's brand name in benchmark exports, when it differs from the display name.
    #[arg(long)]
    pub brand: Option<String>,
}

/// Runs a client subcommand.
pub fn run(cx: &Session, cmd: ClientCommand) -> Result<()> {
    let ws = cx.workspace()?;
    match cmd {
        ClientCommand::Add(a) => {
            let trim = |v: Vec<String>| {
                v.into_iter()
                    .map(|s| s.trim().to_string())
                    .filter(|s| !s.is_empty())
                    .collect()
            };
            let client = Client {
                id: a.id,
                name: a.name,
                industry: a.industry.map(|i| i.trim().to_lowercase()),
                channels: trim(a.channels),
                competitors: trim(a.competitors),
                brand: a.brand,
                lang: cx.lang_given(),
            };
            ws.add_client(&client)?;
            let lang = cx.client_lang(&ws, &client);
            let catalog = cx.catalog_for(&ws, &client)?;
            let packs: Vec<&str> = catalog.packs().iter().map(|p| p.id.as_str()).collect();
            println!(
                "{}",
                msg!(
                    lang,
                    "cli.client.added",
                    id = client.id,
                    name = client.name,
                    packs = Joined(&packs)
                )
            );
        }
        ClientCommand::Edit { id } => {
            let mut client = ws.client(&id)?;
            let lang = cx.lang_given().ok_or_else(|| {
                let lang = cx.client_lang(&ws, &client);
                exit(USAGE, msg!(lang, "cli.client.edit_nothing"))
            })?;
            client.lang = Some(lang);
            ws.save_client(&client)?;
            println!("{}", msg!(lang, "cli.client.edited", id = client.id, lang = lang));
        }
        ClientCommand::List => {
            let lang = cx.lang(Some(&ws));
            let mut rows = vec![vec![
                msg!(lang, "cli.client.id"),
                msg!(lang, "cli.client.name"),
                msg!(lang, "cli.client.industry"),
                msg!(lang, "cli.client.latest_audit"),
            ]];
            for c in ws.clients()? {
                let latest = ws.audit_ids(&c.id)?.last().cloned().unwrap_or_else(|| "—".into());
                rows.push(vec![
                    c.id.clone(),
                    c.name.clone(),
                    c.industry.clone().unwrap_or_else(|| "—".into()),
                    latest,
                ]);
            }
            render::table(&mut std::io::stdout().lock(), &rows)?;
        }
        ClientCommand::Show { id } => {
            let c = ws.client(&id)?;
            let lang = cx.client_lang(&ws, &c);
            let catalog = cx.catalog_for(&ws, &c)?;
            let packs: Vec<&str> = catalog.packs().iter().map(|p| p.id.as_str()).collect();
            println!("{}: {}", msg!(lang, "cli.client.id"), c.id);
            println!("{}: {}", msg!(lang, "cli.client.name"), c.name);
            println!("{}: {}", msg!(lang, "cli.client.brand"), c.brand());
            println!(
                "{}: {}",
                msg!(lang, "cli.client.industry"),
                c.industry.as_deref().unwrap_or("—")
            );
            println!("{}: {}", msg!(lang, "cli.client.channels"), Joined(&c.channels));
            println!("{}: {}", msg!(lang, "cli.client.competitors"), Joined(&c.competitors));
            println!("{}: {}", msg!(lang, "cli.client.language"), lang);
            println!("{}: {}", msg!(lang, "cli.client.packs"), Joined(&packs));
            for audit_id in ws.audit_ids(&c.id)? {
                let a = ws.audit(&c.id, &audit_id)?;
                let (answered, scored) = catalog.answered(&a.answers);
                println!(
                    "{}",
                    msg!(
                        lang,
                        "cli.client.audit_line",
                        audit = audit_id,
                        answered = answered,
                        scored = scored
                    )
                );
            }
        }
    }
    Ok(())
}
