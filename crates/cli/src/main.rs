//! `chuxin`, the command-line tool of the chuxin toolkit: parses arguments, runs one subcommand, prints errors and
//! maps them to exit codes (see [`exit`]). The use cases live in `chuxin-app`, every decision about the domain in
//! the library crates; this crate parses, calls and renders.

mod cli;
mod commands;
mod exit;
mod render;
mod terminal;

use chuxin_core::msg;
use clap::Parser;
use std::io::Write;
use std::process::ExitCode;

fn main() -> ExitCode {
    // Plugins run in child processes of this same binary: started as `chuxin __plugin-host [--memory BYTES] LIB`
    // (hidden, not a subcommand; only chuxin starts it), this serves one plugin library over stdin/stdout and never
    // returns. Any other start makes this process the plugins' host. See `chuxin_plugin_host::isolation`.
    chuxin_plugin_host::child::serve_or_host();
    let cli = match cli::Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() { exit::USAGE } else { exit::OK });
        }
    };
    let terminal = std::sync::Arc::new(terminal::Terminal::new(cli.lang.unwrap_or_default()));
    match commands::run(cli, terminal.clone()) {
        Ok(()) => ExitCode::from(exit::OK),
        Err(err) => {
            // A closed pipe (`chuxin score x | head`) is not an error.
            if err.chain().any(|c| {
                c.downcast_ref::<std::io::Error>()
                    .is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe)
            }) {
                return ExitCode::from(exit::OK);
            }
            let mut stderr = std::io::stderr().lock();
            // In the language the command spoke (or would have): the one asked for, the client's, the workspace's.
            let lang = terminal.lang();
            // Errors quote brand names and cells from exports: no raw control character reaches the terminal.
            let mut chain = err.chain();
            if let Some(first) = chain.next() {
                let _ = writeln!(
                    stderr,
                    "{}",
                    msg!(lang, "cli.error", text = render::error_text(first, lang))
                );
            }
            for cause in chain {
                let _ = writeln!(
                    stderr,
                    "  {}",
                    msg!(lang, "cli.caused_by", text = render::error_text(cause, lang))
                );
            }
            ExitCode::from(exit::code_of(&err))
        }
    }
}
