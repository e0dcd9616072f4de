//! `chuxin import CLIENT FILE`: read a filled questionnaire into the client's audit.
//!
//! The file is checked whole before anything is written: every problem is listed, and the workspace stays as it
//! was. The answers go into the audit of the file's `date` (or today's), merged into it by the re-import rule of
//! [`chuxin_forms::merge`] (a blank never erases a stored answer) or, with `--replace`, replacing its answers;
//! what changed is printed.

use crate::exit::{USAGE, exit};
use anyhow::{Context as _, Result};
use chuxin_app::clock::today;
use chuxin_app::{Session, shown};
use chuxin_core::msg;
use chuxin_forms::{Format, Mode, import, merge};
use chuxin_store::Audit;
use std::path::PathBuf;

/// Arguments of `chuxin import`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Client id.
    pub client: String,
    /// The filled questionnaire: .toml, .json, .csv or .xlsx.
    pub file: PathBuf,
    /// Replace the audit's answers with the file's, removing those the file leaves blank (by default a blank
    /// keeps the stored answer).
    #[arg(long)]
    pub replace: bool,
}

/// Imports the file.
pub fn run(cx: &Session, args: Args) -> Result<()> {
    let ws = cx.workspace()?;
    let client = ws.client(&args.client)?;
    let catalog = cx.catalog_for(&ws, &client)?;
    let lang = cx.client_lang(&ws, &client);
    let name = args.file.display().to_string();
    let format = Format::from_path(&name).ok_or_else(|| exit(USAGE, msg!(lang, "cli.import.format", file = name)))?;
    let bytes = std::fs::read(&args.file).with_context(|| msg!(lang, "cli.cannot_read", file = name))?;
    let imported = import(&bytes, &name, format, &catalog)?;
    let date = match imported.date.clone() {
        Some(d) => d,
        None => today(Some(&ws))?,
    };
    let mut audit = match ws.audit_ids(&client.id)?.contains(&date) {
        true => ws.audit(&client.id, &date)?,
        false => Audit::new(date.clone(), date.clone()),
    };
    let count = imported.len();
    let mode = if args.replace { Mode::Replace } else { Mode::Merge };
    let changes = merge(&mut audit.answers, &imported, mode);
    audit.set_packs(catalog.packs().iter().map(|p| p.id.clone()).collect());
    let path = ws.save_audit(&client.id, &audit)?;
    let (answered, scored) = catalog.answered(&audit.answers);
    let path = shown(&path);
    println!(
        "{}",
        msg!(
            lang,
            "cli.import.done",
            count = count,
            path = path,
            answered = answered,
            scored = scored
        )
    );
    changes.write(lang, &mut std::io::stdout().lock())?;
    Ok(())
}
