//! The subcommands, one file each: the arguments, one call into the application layer (`chuxin-app`) and the
//! rendering of what it returns. No command imports another.

pub mod aggregate;
pub mod answer;
pub mod bench;
pub mod client;
pub mod compare;
pub mod completions;
pub mod demo;
pub mod form;
pub mod import;
pub mod init;
pub mod packs;
pub mod plugins;
pub mod report;
pub mod score;

use crate::cli::{Cli, Command};
use crate::terminal::Terminal;
use anyhow::Result;
use chuxin_app::Session;
use std::sync::Arc;

/// Runs the subcommand of `cli`, in a session that reports on `terminal`.
pub fn run(cli: Cli, terminal: Arc<Terminal>) -> Result<()> {
    let cx = Session::new(cli.workspace, cli.lang, cli.plugin_dirs, terminal);
    match cli.command {
        Command::Init(args) => init::run(&cx, args),
        Command::Client(cmd) => client::run(&cx, cmd),
        Command::Aggregate(args) => aggregate::run(&cx, args),
        Command::Answer(args) => answer::run(&cx, args),
        Command::Bench(args) => bench::run(&cx, args),
        Command::Form(args) => form::run(&cx, args),
        Command::Import(args) => import::run(&cx, args),
        Command::Score(args) => score::run(&cx, args),
        Command::Report(args) => report::run(&cx, args),
        Command::Compare(args) => compare::run(&cx, args),
        Command::Packs(cmd) => packs::run(&cx, cmd),
        Command::Plugins(cmd) => plugins::run(&cx, cmd),
        Command::Demo(args) => demo::run(&cx, args),
        Command::Completions(args) => completions::run(args),
    }
}
