//! `chuxin packs list | show`: the question packs available, and where each came from.

use crate::exit::{NOT_FOUND, exit};
use crate::render;
use anyhow::Result;
use chuxin_app::Session;

/// Output format of `packs show`.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum Format {
    /// Readable text in the chosen language.
    Table,
    /// The whole pack as JSON, every text in the three languages.
    Json,
}

/// Pack subcommands.
#[derive(Debug, clap::Subcommand)]
pub enum PacksCommand {
    /// List the packs.
    List,
    /// Show one pack.
    Show {
        /// Pack id.
        id: String,
        /// Output format.
        #[arg(long, value_enum, default_value = "table")]
        format: Format,
    },
    /// Validate a pack file (TOML) without installing it.
    Check {
        /// The pack file.
        file: std::path::PathBuf,
    },
}

/// Runs a packs subcommand. Works outside a workspace too.
pub fn run(cx: &Session, cmd: PacksCommand) -> Result<()> {
    let ws = cx.workspace().ok();
    let lang = cx.lang(ws.as_ref());
    let packs = cx.packs(ws.as_ref())?;
    let mut out = std::io::stdout().lock();
    match cmd {
        PacksCommand::List => render::pack::list(packs, lang, &mut out)?,
        PacksCommand::Show { id, format } => {
            let p = packs
                .iter()
                .find(|p| p.pack.id == id)
                .ok_or_else(|| exit(NOT_FOUND, format!("unknown pack `{id}`")))?;
            match format {
                Format::Json => {
                    let mut v = serde_json::to_value(&p.pack)?;
                    v["origin"] = serde_json::Value::String(p.origin.clone());
                    serde_json::to_writer_pretty(&mut out, &v)?;
                    println!();
                }
                Format::Table => render::pack::show(p, lang, &mut out)?,
            }
        }
        PacksCommand::Check { file } => check(&file)?,
    }
    Ok(())
}

/// Validates a pack file against the core pack, without installing it.
fn check(file: &std::path::Path) -> Result<()> {
    let name = file.display().to_string();
    let pack = chuxin_app::session::check_pack_file(file, &name)?;
    println!(
        "{name}: pack `{}` {} is valid ({} questions, {} rules)",
        pack.id,
        pack.version,
        pack.questions().count(),
        pack.sins.len()
    );
    Ok(())
}
