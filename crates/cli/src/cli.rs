//! The command line: clap's derive structs for `chuxin` and its subcommands. Each subcommand's arguments live in
//! its own file under `commands/`; this file only lists them and holds the global options.

use crate::commands;
use chuxin_core::Lang;
use clap::{Parser, Subcommand};
use std::path::PathBuf;

/// Audit a client's enterprise social media against the 初心 of the source article, and benchmark it against
/// competitors.
#[derive(Debug, Parser)]
#[command(name = "chuxin", version, about, max_term_width = 100)]
pub struct Cli {
    /// Output language: zh-Hant, zh-Hans or en (default: the workspace's setting).
    #[arg(global = true, long, value_name = "LANG")]
    pub lang: Option<Lang>,
    /// Extra folder to load plugins from (repeatable).
    #[arg(global = true, long = "plugin-dir", value_name = "DIR")]
    pub plugin_dirs: Vec<PathBuf>,
    /// The workspace folder (default: the current folder or the nearest one above holding chuxin.toml).
    #[arg(global = true, long, short = 'w', value_name = "DIR", env = "CHUXIN_WORKSPACE")]
    pub workspace: Option<PathBuf>,
    /// The subcommand.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Create an agency workspace.
    Init(commands::init::Args),
    /// Add, edit, remove (to the archive), list and show clients.
    #[command(subcommand)]
    Client(commands::client::ClientCommand),
    /// Answer a client's questionnaire in the terminal, one question at a time; resumes where it stopped.
    Answer(commands::answer::Args),
    /// Benchmark a client against its competitors from CSV exports; stores the figures for `score` and `report`.
    Bench(commands::bench::Args),
    /// Brand × platform × month totals of post-level exports of any size, in constant memory.
    Aggregate(commands::aggregate::Args),
    /// Write a client's blank questionnaire (Markdown, CSV or an Excel workbook) to fill in.
    Form(commands::form::Args),
    /// Read a filled questionnaire (TOML, JSON, CSV or XLSX) into a client's audit.
    Import(commands::import::Args),
    /// Score a client's audit: sections, overall, maturity, coverage and the sins with their evidence.
    Score(commands::score::Args),
    /// Write a client's report: summary, scores, sins with evidence, benchmark, change, answers (HTML, Markdown,
    /// JSON or XLSX).
    Report(commands::report::Args),
    /// Compare clients: the agency's portfolio (heatmap, ranking, common sins, weak spots, warnings).
    Compare(commands::compare::Args),
    /// List and show question packs.
    #[command(subcommand)]
    Packs(commands::packs::PacksCommand),
    /// List industry plugins and check a plugin file.
    #[command(subcommand)]
    Plugins(commands::plugins::PluginsCommand),
    /// Run the whole pipeline on the bundled sample agency.
    Demo(commands::demo::Args),
    /// Write the shell completion script (bash, zsh, fish or powershell) to standard output.
    Completions(commands::completions::Args),
}
