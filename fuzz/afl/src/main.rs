//! The AFL++ harness: `chuxin-fuzz-afl TARGET` runs the target of that name (see `chuxin_fuzz::TARGETS`) in AFL's
//! persistent mode, one input per iteration. Built with `cargo afl build --release` by `fuzz/run.sh`.
//!
//! A crash is a panic that leaves the target, which then aborts (AFL records the abort). `fuzz_nohook!` keeps
//! AFL's own panic hook out: that hook aborts at the first panic anywhere, even one chuxin catches on purpose
//! (the forms crate contains calamine's overflow panics in a sheet reader and refuses the sheet), which made
//! every such input a false crash.

fn main() {
    let name = std::env::args().nth(1).unwrap_or_default();
    let Some(target) = chuxin_fuzz::target(&name) else {
        let names: Vec<&str> = chuxin_fuzz::TARGETS.iter().map(|(n, _)| *n).collect();
        eprintln!("usage: chuxin-fuzz-afl TARGET, one of: {}", names.join(", "));
        std::process::exit(2);
    };
    afl::fuzz_nohook!(|data: &[u8]| {
        if std::panic::catch_unwind(|| target(data)).is_err() {
            std::process::abort();
        }
    });
}
