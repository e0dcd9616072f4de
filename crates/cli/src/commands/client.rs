//! `chuxin client add | edit | remove | list | show`: the agency's clients. `--lang` given to `client add` or
//! `client edit` becomes the client's own language, which its audits, scores and reports use unless a command
//! names another. An industry must be one some pack joins (the plugins' included), or `none`; anything else is a
//! usage error (exit 2) listing the known ones; so is a market other than `tw`, `hk`, `cn` or `global`. `client remove` moves the client's folder to
//! `archive/clients/<id>-<date>/`: nothing is deleted.

use crate::render;
use anyhow::Result;
use chuxin_app::Session;
use chuxin_app::client::{self, Change};
use chuxin_core::messages::Joined;
use chuxin_core::msg;
use chuxin_store::Client;
use std::io::Write;

/// Client subcommands.
#[derive(Debug, clap::Subcommand)]
pub enum ClientCommand {
    /// Add a client.
    Add(AddArgs),
    /// Change a client: name, brand, industry, market, channels, competitors, language (`--lang`).
    Edit(EditArgs),
    /// Move a client to `archive/clients/<id>-<date>/` (nothing is deleted).
    Remove {
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
    /// The market: tw, hk, cn or global (without one: cn, the seed's).
    #[arg(long)]
    pub market: Option<String>,
}

/// Arguments of `chuxin client edit`: each option given replaces that field; `--lang` sets the client's language.
#[derive(Debug, clap::Args)]
pub struct EditArgs {
    /// Client id.
    pub id: String,
    /// Competitors to add (repeatable, or comma-separated).
    #[arg(long = "add-competitor", value_delimiter = ',')]
    pub add_competitors: Vec<String>,
    /// The brand name in benchmark exports (an empty value: the display name).
    #[arg(long)]
    pub brand: Option<String>,
    /// The channels operated, replacing the list (repeatable, or comma-separated).
    #[arg(long = "channel", value_delimiter = ',')]
    pub channels: Vec<String>,
    /// Industry (`none` for no industry pack).
    #[arg(long)]
    pub industry: Option<String>,
    /// The market: tw, hk, cn or global (without one: cn, the seed's).
    #[arg(long)]
    pub market: Option<String>,
    /// Display name.
    #[arg(long)]
    pub name: Option<String>,
    /// Competitors to remove (repeatable, or comma-separated).
    #[arg(long = "remove-competitor", value_delimiter = ',')]
    pub remove_competitors: Vec<String>,
}

/// Runs a client subcommand.
pub fn run(cx: &Session, cmd: ClientCommand) -> Result<()> {
    let ws = cx.workspace()?;
    let mut out = std::io::stdout().lock();
    match cmd {
        ClientCommand::Add(a) => {
            let client = Client {
                id: a.id,
                name: a.name,
                industry: a.industry,
                market: a.market,
                channels: a.channels,
                competitors: a.competitors,
                brand: a.brand,
                lang: cx.lang_given(),
            };
            let (client, packs) = client::add(cx, &ws, client)?;
            let lang = cx.client_lang(&ws, &client);
            let packs = Joined(&packs);
            let added = msg!(
                lang,
                "cli.client.added",
                id = client.id,
                name = client.name,
                packs = packs
            );
            writeln!(out, "{added}")?;
        }
        ClientCommand::Edit(a) => {
            let change = Change {
                name: a.name,
                brand: a.brand,
                industry: a.industry,
                market: a.market,
                channels: a.channels,
                add_competitors: a.add_competitors,
                remove_competitors: a.remove_competitors,
                lang: cx.lang_given(),
            };
            let edited = client::edit(cx, &ws, &a.id, change)?;
            let (lang, id) = (cx.client_lang(&ws, &edited.client), &edited.client.id);
            if edited.changed {
                writeln!(out, "{}", msg!(lang, "cli.client.updated", id = id))?;
            }
            if let Some(l) = edited.lang_set {
                writeln!(out, "{}", msg!(lang, "cli.client.edited", id = id, lang = l))?;
            }
        }
        ClientCommand::Remove { id } => {
            let (client, to) = client::remove(&ws, &id)?;
            let lang = cx.client_lang(&ws, &client);
            let path = to.display().to_string();
            writeln!(out, "{}", msg!(lang, "cli.client.removed", id = id, path = path))?;
        }
        ClientCommand::List => render::client::list(cx.lang(Some(&ws)), &client::list(&ws)?, &mut out)?,
        ClientCommand::Show { id } => {
            let (c, catalog, audits) = client::show(cx, &ws, &id)?;
            render::client::show(cx.client_lang(&ws, &c), &c, &catalog, &audits, &mut out)?;
        }
    }
    Ok(())
}
