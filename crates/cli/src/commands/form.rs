//! `chuxin form CLIENT --format md|csv|xlsx`: the blank questionnaire for a client to fill in.

use anyhow::Result;
use chuxin_app::{Session, shown};
use std::path::PathBuf;

/// Questionnaire formats.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum Format {
    /// Markdown, for reading and workshops.
    Md,
    /// CSV (UTF-8 with BOM, opens in Excel); fill in `answer` and `note`, then `chuxin import`.
    Csv,
    /// An Excel workbook: a sheet per section, drop-down answers, protected layout (needs `-o`).
    Xlsx,
}

/// Arguments of `chuxin form`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Client id.
    pub client: String,
    /// Format.
    #[arg(long, value_enum, default_value = "csv")]
    pub format: Format,
    /// Output file (default: standard output).
    #[arg(long, short = 'o')]
    pub output: Option<PathBuf>,
}

/// Writes the questionnaire.
pub fn run(cx: &Session, args: Args) -> Result<()> {
    let ws = cx.workspace()?;
    let lang = cx.lang(Some(&ws));
    let client = ws.client(&args.client)?;
    let catalog = cx.catalog_for(&ws, &client)?;
    let mut buf = Vec::new();
    match args.format {
        Format::Md => chuxin_forms::write_markdown(&catalog, &client.name, lang, &mut buf)?,
        Format::Csv => chuxin_forms::write_csv(&catalog, lang, &mut buf)?,
        Format::Xlsx if args.output.is_none() => {
            return Err(crate::exit::exit(
                crate::exit::USAGE,
                "a workbook is not text: name the file with `-o FILE.xlsx`",
            ));
        }
        Format::Xlsx => buf = chuxin_forms::write_xlsx(&catalog, &client.name, lang)?,
    }
    if let Some(path) = crate::render::write_output(args.output.as_deref(), &buf)? {
        eprintln!("wrote {} ({} questions)", shown(&path), catalog.questions().count());
    }
    Ok(())
}
