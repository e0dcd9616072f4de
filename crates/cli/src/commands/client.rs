//! `chuxin client add | edit | remove | list | show`: the agency's clients. `--lang` given to `client add` or
//! `client edit` becomes the client's own language, which its audits, scores and reports use unless a command
//! names another. An industry must be one some pack joins (the plugins' included), or `none`; anything else is a
//! usage error (exit 2) listing the known ones. `client remove` moves the client's folder to
//! `archive/clients/<id>-<date>/`: nothing is deleted.

use crate::exit::{NOT_FOUND, USAGE, exit};
use crate::render;
use anyhow::Result;
use chuxin_app::Session;
use chuxin_core::MARKETS;
use chuxin_core::messages::Joined;
use chuxin_core::msg;
use chuxin_store::{Client, Workspace};

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
    /// The market: tw, hk, cn or global.
    #[arg(long, value_parser = MARKETS)]
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
    /// The market: tw, hk, cn or global.
    #[arg(long, value_parser = MARKETS)]
    pub market: Option<String>,
    /// Display name.
    #[arg(long)]
    pub name: Option<String>,
    /// Competitors to remove (repeatable, or comma-separated).
    #[arg(long = "remove-competitor", value_delimiter = ',')]
    pub remove_competitors: Vec<String>,
}

/// Values trimmed, the empty ones dropped.
fn trim(v: Vec<String>) -> Vec<String> {
    v.into_iter()
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .collect()
}

/// The industry as stored (trimmed, lower-case), refused with the known ones listed unless a pack joins it or it
/// is `none`.
fn industry(cx: &Session, ws: &Workspace, given: &str) -> Result<String> {
    let industry = given.trim().to_lowercase();
    let known = cx.known_industries(ws)?;
    if industry == "none" || known.contains(&industry) {
        return Ok(industry);
    }
    let lang = cx.lang(Some(ws));
    Err(exit(
        USAGE,
        msg!(
            lang,
            "cli.client.unknown_industry",
            industry = given,
            known = Joined(&known)
        ),
    ))
}

/// Applies `a` to `client`; true when anything but the language changed.
fn edit(cx: &Session, ws: &Workspace, client: &mut Client, a: EditArgs) -> Result<bool> {
    let before = client.clone();
    if let Some(name) = a.name {
        client.name = name;
    }
    if let Some(brand) = a.brand {
        client.brand = Some(brand.trim().to_string()).filter(|b| !b.is_empty());
    }
    if let Some(i) = a.industry {
        client.industry = Some(industry(cx, ws, &i)?);
    }
    if a.market.is_some() {
        client.market = a.market;
    }
    if !a.channels.is_empty() {
        client.channels = trim(a.channels);
    }
    for c in trim(a.remove_competitors) {
        let Some(at) = client.competitors.iter().position(|x| *x == c) else {
            let lang = cx.client_lang(ws, client);
            return Err(exit(
                NOT_FOUND,
                msg!(lang, "cli.client.no_such_competitor", id = client.id, competitor = c),
            ));
        };
        client.competitors.remove(at);
    }
    for c in trim(a.add_competitors) {
        if !client.competitors.contains(&c) {
            client.competitors.push(c);
        }
    }
    Ok(*client != before)
}

/// Runs a client subcommand.
pub fn run(cx: &Session, cmd: ClientCommand) -> Result<()> {
    let ws = cx.workspace()?;
    match cmd {
        ClientCommand::Add(a) => {
            let industry = a.industry.map(|i| industry(cx, &ws, &i)).transpose()?;
            let client = Client {
                id: a.id,
                name: a.name,
                industry,
                market: a.market,
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
        ClientCommand::Edit(a) => {
            let mut client = ws.client(&a.id)?;
            let changed = edit(cx, &ws, &mut client, a)?;
            let given = cx.lang_given();
            if !changed && given.is_none() {
                let lang = cx.client_lang(&ws, &client);
                return Err(exit(USAGE, msg!(lang, "cli.client.edit_nothing")));
            }
            if given.is_some() {
                client.lang = given;
            }
            ws.save_client(&client)?;
            let lang = cx.client_lang(&ws, &client);
            if changed {
                println!("{}", msg!(lang, "cli.client.updated", id = client.id));
            }
            if let Some(l) = given {
                println!("{}", msg!(lang, "cli.client.edited", id = client.id, lang = l));
            }
        }
        ClientCommand::Remove { id } => {
            let client = ws.client(&id)?;
            let lang = cx.client_lang(&ws, &client);
            let today = chuxin_app::clock::today(Some(&ws))?;
            let to = ws.archive_client(&id, &today)?;
            let shown = to.strip_prefix(ws.root()).unwrap_or(&to).display().to_string();
            println!("{}", msg!(lang, "cli.client.removed", id = id, path = shown));
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
