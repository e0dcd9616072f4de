//! The subcommands, one file each: the arguments and one `run` that calls into the library crates.

pub mod aggregate;
pub mod answer;
pub mod bench;
pub mod client;
pub mod compare;
pub mod demo;
pub mod form;
pub mod import;
pub mod init;
pub mod packs;
pub mod plugins;
pub mod report;
pub mod score;

use crate::cli::{Cli, Command};
use crate::context::Context;
use anyhow::Result;

/// Runs the subcommand of `cli`.
pub fn run(cli: Cli) -> Result<()> {
    let cx = Context::new(&cli);
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
    }
}
