//! The AFL++ harness: `chuxin-fuzz-afl TARGET` runs the target of that name (see `chuxin_fuzz::TARGETS`) in AFL's
//! persistent mode, one input per iteration. Built with `cargo afl build --release` by `fuzz/run.sh`; a panic in
//! the target aborts, which AFL records as a crash.

fn main() {
    let name = std::env::args().nth(1).unwrap_or_default();
    let Some(target) = chuxin_fuzz::target(&name) else {
        let names: Vec<&str> = chuxin_fuzz::TARGETS.iter().map(|(n, _)| *n).collect();
        eprintln!("usage: chuxin-fuzz-afl TARGET, one of: {}", names.join(", "));
        std::process::exit(2);
    };
    afl::fuzz!(|data: &[u8]| target(data));
}
