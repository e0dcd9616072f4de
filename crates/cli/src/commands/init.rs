//! `chuxin init [DIR]`: create an agency workspace.

use anyhow::Result;
use chuxin_app::{Session, shown};
use chuxin_core::Lang;
use chuxin_store::{Config, Workspace};
use std::path::PathBuf;

/// Arguments of `chuxin init`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Folder of the new workspace (created if missing).
    #[arg(default_value = ".")]
    pub dir: PathBuf,
    /// The agency's name, shown on reports.
    #[arg(long, default_value = "My agency")]
    pub name: String,
    /// The agency's time zone, an IANA name (Asia/Taipei, Asia/Hong_Kong, Asia/Shanghai): the day new audits and
    /// benchmark runs are dated. Default: the machine's.
    #[arg(long, value_name = "ZONE")]
    pub timezone: Option<String>,
}

/// Creates the workspace.
pub fn run(cx: &Session, args: Args) -> Result<()> {
    let lang: Lang = cx.lang_given().unwrap_or_default();
    let timezone = match &args.timezone {
        Some(name) => {
            chuxin_app::clock::time_zone_named(name).map_err(|e| crate::exit::exit(crate::exit::USAGE, e))?;
            name.clone()
        }
        None => chuxin_app::clock::machine_zone_name(),
    };
    let ws = Workspace::init(
        &args.dir,
        Config {
            name: args.name,
            lang,
            plugin_dirs: Vec::new(),
            font: None,
            timezone: Some(timezone.clone()),
        },
    )?;
    println!(
        "created workspace `{}` (language {lang}, time zone {timezone})",
        shown(ws.root())
    );
    println!("next: chuxin client add ID --name NAME --industry INDUSTRY");
    Ok(())
}
