//! `chuxin plugins list | check FILE`: the industry plugins found, and a full check of one library file.

use crate::exit::{PLUGIN, exit};
use crate::render;
use anyhow::Result;
use chuxin_app::{Session, shown};
use chuxin_app::{call_error_text, load_error_text};
use chuxin_core::msg;
use chuxin_plugin_host::check_file;
use std::path::PathBuf;

/// Plugin subcommands.
#[derive(Debug, clap::Subcommand)]
pub enum PluginsCommand {
    /// List the plugins found, with what each brings, and the files that failed to load.
    List,
    /// Load one library file and call every method, reporting each problem.
    Check {
        /// The shared library (`.so`, `.dylib`, `.dll`).
        file: PathBuf,
    },
}

/// Runs a plugins subcommand.
pub fn run(cx: &Session, cmd: PluginsCommand) -> Result<()> {
    let ws = cx.workspace().ok();
    match cmd {
        PluginsCommand::List => {
            let registry = cx.registry(ws.as_ref());
            let lang = cx.lang(ws.as_ref());
            let mut rows = vec![vec![
                msg!(lang, "cli.pack.id"),
                msg!(lang, "cli.pack.version"),
                msg!(lang, "cli.client.packs"),
                msg!(lang, "cli.plugins.reference_rows"),
                msg!(lang, "cli.plugins.comparisons"),
                msg!(lang, "cli.plugins.file"),
            ]];
            for p in registry.plugins() {
                let count = |r: Result<usize, _>| {
                    r.map_or_else(
                        |e: chuxin_plugin_host::CallError| msg!(lang, "cli.error", text = call_error_text(&e, lang)),
                        |n| n.to_string(),
                    )
                };
                rows.push(vec![
                    p.id().to_string(),
                    p.version().to_string(),
                    p.packs()
                        .map(|v| v.iter().map(|x| x.id.clone()).collect::<Vec<_>>().join(","))
                        .unwrap_or_else(|e| msg!(lang, "cli.error", text = call_error_text(&e, lang))),
                    count(p.benchmarks().map(|v| v.len())),
                    count(p.comparisons().map(|v| v.len())),
                    shown(p.path()),
                ]);
            }
            render::table(&mut std::io::stdout().lock(), &rows)?;
            if registry.plugins().is_empty() {
                println!("{}", msg!(lang, "cli.plugins.none"));
            }
        }
        PluginsCommand::Check { file } => {
            let lang = cx.lang(ws.as_ref());
            let summary = check_file(&file).map_err(|e| exit(PLUGIN, load_error_text(&e, lang)))?;
            let p = &summary.plugin;
            println!(
                "{} {} ({}), plugin API {}",
                p.id(),
                p.version(),
                p.name(),
                p.api_version()
            );
            let mut problems: Vec<String> = summary.call_errors().iter().map(|e| call_error_text(e, lang)).collect();
            problems.extend(summary.problems.iter().cloned());
            if let Ok(packs) = &summary.packs {
                for pack in packs {
                    match chuxin_app::session::parse_plugin_pack(
                        pack,
                        &format!("{}: pack `{}`", file.display(), pack.id),
                        lang,
                    ) {
                        Ok(parsed) => println!(
                            "  pack {} {}: {} questions, {} rules, industries {}",
                            parsed.id,
                            parsed.version,
                            parsed.questions().count(),
                            parsed.sins.len(),
                            parsed.industries.join(", ")
                        ),
                        Err(e) => problems.push(e),
                    }
                }
            }
            if let Ok(rows) = &summary.benchmarks {
                println!("  {} reference rows", rows.len());
            }
            if let Ok(list) = &summary.comparisons {
                for c in list {
                    println!("  comparison {}: {}", c.id, c.title.en);
                }
            }
            if !problems.is_empty() {
                let (colon, sep) = (lang.pick("：", "：", ": "), lang.pick("；", "；", "; "));
                return Err(exit(PLUGIN, format!("{}{colon}{}", file.display(), problems.join(sep))));
            }
            println!("ok");
        }
    }
    Ok(())
}
