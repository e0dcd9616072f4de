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
            let clients: Vec<(Client, String)> = ws
                .clients()?
                .into_iter()
                .map(|c| {
                    let latest = ws.audit_ids(&c.id)?.last().cloned().unwrap_or_else(|| "—".into());
                    Ok((c, latest))
                })
                .collect::<Result<_>>()?;
            render::client::list(lang, &clients, &mut std::io::stdout().lock())?;
        }
        ClientCommand::Show { id } => {
            let c = ws.client(&id)?;
            let lang = cx.client_lang(&ws, &c);
            let catalog = cx.catalog_for(&ws, &c)?;
            let audits = ws
                .audit_ids(&c.id)?
                .into_iter()
                .map(|audit_id| Ok((catalog.answered(&ws.audit(&c.id, &audit_id)?.answers), audit_id)))
                .collect::<Result<Vec<_>>>()?;
            render::client::show(lang, &c, &catalog, &audits, &mut std::io::stdout().lock())?;
        }
    }
    Ok(())
}
