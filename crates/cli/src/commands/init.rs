//! `chuxin init [DIR]`: create an agency workspace.

use crate::context::{Context, shown};
use anyhow::Result;
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
}

/// Creates the workspace.
pub fn run(cx: &Context, args: Args) -> Result<()> {
    let lang: Lang = cx.lang.unwrap_or_default();
    let ws = Workspace::init(
        &args.dir,
        Config {
            name: args.name,
            lang,
            plugin_dirs: Vec::new(),
            font: None,
        },
    )?;
    println!("created workspace `{}` (language {lang})", shown(ws.root()));
    println!("next: chuxin client add ID --name NAME --industry INDUSTRY");
    Ok(())
}
