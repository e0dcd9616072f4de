//! `chuxin`, the command-line tool of the chuxin toolkit: parses arguments, runs one subcommand, prints errors and
//! maps them to exit codes (see [`exit`]). The use cases live in `chuxin-app`, every decision about the domain in
//! the library crates; this crate parses, calls and renders.

mod cli;
mod commands;
mod exit;
mod render;
mod terminal;

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
    match commands::run(cli) {
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
            // Errors quote brand names and cells from exports: no raw control character reaches the terminal.
            let _ = writeln!(stderr, "error: {}", render::safe(&err.to_string()));
            for cause in err.chain().skip(1) {
                let _ = writeln!(stderr, "  caused by: {}", render::safe(&cause.to_string()));
            }
            ExitCode::from(exit::code_of(&err))
        }
    }
}
