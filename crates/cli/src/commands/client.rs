//! `chuxin client add | list | show`: the agency's clients.

use crate::render;
use anyhow::Result;
use chuxin_app::Session;
use chuxin_store::Client;

/// Client subcommands.
#[derive(Debug, clap::Subcommand)]
pub enum ClientCommand {
    /// Add a client.
    Add(AddArgs),
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
    let lang = cx.lang(Some(&ws));
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
            };
            ws.add_client(&client)?;
            let catalog = cx.catalog_for(&ws, &client)?;
            let packs: Vec<&str> = catalog.packs().iter().map(|p| p.id.as_str()).collect();
            println!(
                "added client `{}` ({}); packs: {}",
                client.id,
                client.name,
                packs.join(", ")
            );
        }
        ClientCommand::List => {
            let t = |a, b, c| lang.pick(a, b, c).to_string();
            let mut rows = vec![vec![
                t("代號", "代号", "id"),
                t("名稱", "名称", "name"),
                t("行業", "行业", "industry"),
                t("最近稽核", "最近审计", "latest audit"),
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
            let catalog = cx.catalog_for(&ws, &c)?;
            println!("id: {}", c.id);
            println!("name: {}", c.name);
            println!("brand: {}", c.brand());
            println!("industry: {}", c.industry.as_deref().unwrap_or("—"));
            println!("channels: {}", c.channels.join(", "));
            println!("competitors: {}", c.competitors.join(", "));
            println!(
                "packs: {}",
                catalog
                    .packs()
                    .iter()
                    .map(|p| p.id.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            );
            for audit_id in ws.audit_ids(&c.id)? {
                let a = ws.audit(&c.id, &audit_id)?;
                let (answered, scored) = catalog.answered(&a.answers);
                println!("audit {audit_id}: {answered}/{scored} answered");
            }
        }
    }
    Ok(())
}
