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
        PacksCommand::List => {
            let t = |a, b, c| lang.pick(a, b, c).to_string();
            let mut rows = vec![vec![
                t("代號", "代号", "id"),
                t("版本", "版本", "version"),
                t("問題", "问题", "questions"),
                t("規則", "规则", "rules"),
                t("適用行業", "适用行业", "industries"),
                t("來源", "来源", "from"),
            ]];
            for p in packs {
                rows.push(vec![
                    p.pack.id.clone(),
                    p.pack.version.clone(),
                    p.pack.questions().count().to_string(),
                    p.pack.sins.len().to_string(),
                    if p.pack.industries.is_empty() {
                        t("全部", "全部", "all")
                    } else {
                        p.pack.industries.join(", ")
                    },
                    p.origin.clone(),
                ]);
            }
            render::table(&mut out, &rows)?;
        }
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
                Format::Table => {
                    use std::io::Write;
                    let pack = &p.pack;
                    writeln!(
                        out,
                        "{} {} · {} ({})",
                        pack.id,
                        pack.version,
                        pack.title.get(lang),
                        p.origin
                    )?;
                    for s in &pack.sections {
                        writeln!(out, "\n## {} [{}]", s.title.get(lang), s.id)?;
                        for q in &s.questions {
                            writeln!(out, "  {:<28} {}", q.id, q.prompt.get(lang))?;
                        }
                    }
                    if !pack.sins.is_empty() {
                        writeln!(out, "\n## {}", lang.pick("規則", "规则", "Rules"))?;
                        for s in &pack.sins {
                            writeln!(
                                out,
                                "  {:>2}. [{}] {} — {}",
                                s.number,
                                s.category.name(lang),
                                s.title.get(lang),
                                s.when
                            )?;
                        }
                    }
                }
            }
        }
        PacksCommand::Check { file } => check(&file)?,
    }
    Ok(())
}

/// Validates a pack file against the core pack, without installing it.
fn check(file: &std::path::Path) -> Result<()> {
    let name = file.display().to_string();
    let text = chuxin_app::session::read_text(file, &name)?;
    let pack = chuxin_app::session::parse_pack(&text, &name)?;
    let mut packs = vec![chuxin_core::core_pack()?];
    if pack.id != "core" {
        packs.push(pack.clone());
    }
    chuxin_core::Catalog::new(packs)?;
    println!(
        "{name}: pack `{}` {} is valid ({} questions, {} rules)",
        pack.id,
        pack.version,
        pack.questions().count(),
        pack.sins.len()
    );
    Ok(())
}
