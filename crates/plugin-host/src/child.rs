//! The child side of the process isolation: the hidden entry `PROGRAM __plugin-host [--memory BYTES] LIB` that
//! loads one plugin library and serves calls to it over stdin and stdout (see [`crate::isolation`]).
//!
//! A program becomes a plugin host by calling [`serve_or_host`] first thing in `main`, before parsing its
//! arguments: started as a child, it serves and never returns; started any other way, it records that its plugins
//! run in child processes of itself, and returns.
//!
//! What the child does, in order:
//!
//! 1. moves the protocol off fds 0 and 1 (to new close-on-exec descriptors), points fd 0 at `/dev/null` and fd 1
//!    at stderr, so that a plugin's `println!` cannot corrupt a reply and a plugin reading stdin reads nothing;
//! 2. sets its limits: `RLIMIT_DATA` to `--memory`, no core dumps;
//! 3. starts a watchdog thread that ends the child if its parent goes away (a plugin stuck in a loop must not
//!    outlive a killed `chuxin`);
//! 4. loads the library with the same sequence as an in-process load (`ffi`: `dlopen`, entry symbol, ABI
//!    version first, descriptor) and sends the first reply: the plugin's identity, or why it did not load;
//! 5. serves requests one at a time until its input ends, writing each reply straight from the plugin's buffer.

use std::ffi::OsString;
use std::path::PathBuf;

/// The hidden first argument that makes a plugin host program serve one library.
pub const CHILD_ARG: &str = "__plugin-host";

/// Serves one plugin library if this process was started as a plugin child (`PROGRAM __plugin-host …`), and never
/// returns then; otherwise records [`Isolation::Process`](crate::Isolation::Process) with this program as the
/// host (limits from the environment) and returns.
///
/// Call it first thing in `main`, before parsing arguments. On non-Unix systems it records nothing (plugins load
/// in process there) and a child start is refused.
pub fn serve_or_host() {
    let mut args = std::env::args_os().skip(1);
    if args.next().as_deref() == Some(std::ffi::OsStr::new(CHILD_ARG)) {
        let code = match parse_args(args.collect()) {
            Ok((memory, lib)) => serve(memory, lib),
            Err(message) => {
                eprintln!("{CHILD_ARG}: {message}");
                2
            }
        };
        std::process::exit(code);
    }
    if cfg!(unix) {
        crate::Isolation::set_current(crate::Isolation::process_of_current_exe());
    }
}

/// `[--memory BYTES] LIB`.
fn parse_args(args: Vec<OsString>) -> Result<(Option<u64>, PathBuf), String> {
    match &args[..] {
        [lib] => Ok((None, PathBuf::from(lib))),
        [flag, bytes, lib] if flag == "--memory" => {
            let bytes = bytes
                .to_str()
                .and_then(|b| b.parse().ok())
                .ok_or("--memory takes a number of bytes")?;
            Ok((Some(bytes), PathBuf::from(lib)))
        }
        _ => Err("usage: PROGRAM __plugin-host [--memory BYTES] LIB (started by chuxin itself)".to_owned()),
    }
}

/// Loads the library and serves it; returns the exit code.
#[cfg(unix)]
fn serve(memory: Option<u64>, lib: PathBuf) -> i32 {
    use crate::frame::{self, HELLO_FAILED, HELLO_OK, LoadFailure};

    let (mut requests, mut replies) = match crate::sys::take_protocol_fds() {
        Ok(fds) => fds,
        Err(e) => {
            eprintln!("{CHILD_ARG}: cannot set up the protocol pipes: {e}");
            return 71;
        }
    };
    if let Err(e) = crate::sys::limit_memory(memory) {
        eprintln!("{CHILD_ARG}: cannot set the memory limit: {e}");
        return 71;
    }
    start_watchdog();

    let raw = match crate::ffi::open(&lib) {
        Ok((raw, identity)) => {
            let hello = serde_json::to_vec(&identity).expect("strings serialise");
            if frame::write_reply(&mut replies, HELLO_OK, &hello).is_err() {
                return 0; // the parent is gone
            }
            raw
        }
        Err(kind) => {
            let failure = serde_json::to_vec(&LoadFailure::from_kind(&kind)).expect("plain data serialises");
            let _ = frame::write_reply(&mut replies, HELLO_FAILED, &failure);
            return 0;
        }
    };
    loop {
        match frame::read_request(&mut requests) {
            Ok(Some((method, input))) => {
                let written = raw.call_with(&method, &input, |status, bytes| {
                    frame::write_reply(&mut replies, status, bytes)
                });
                if written.is_err() {
                    return 0; // the parent stopped listening (it killed us, or it is gone)
                }
            }
            Ok(None) => return 0,
            Err(e) => {
                eprintln!("{CHILD_ARG}: bad request from the parent: {e}");
                return 70;
            }
        }
    }
}

#[cfg(not(unix))]
fn serve(_memory: Option<u64>, _lib: PathBuf) -> i32 {
    eprintln!("{CHILD_ARG}: plugin processes are only supported on Unix");
    2
}

/// Ends this child when its parent goes away, checking twice a second: the main thread may be stuck in the plugin
/// and never see its input close.
#[cfg(unix)]
fn start_watchdog() {
    let parent = crate::sys::parent_id();
    let _ = std::thread::Builder::new()
        .name("parent-watchdog".into())
        .stack_size(64 << 10)
        .spawn(move || {
            loop {
                std::thread::sleep(std::time::Duration::from_millis(500));
                if crate::sys::parent_id() != parent {
                    crate::sys::exit_now(0);
                }
            }
        });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn child_arguments() {
        let args = |a: &[&str]| a.iter().map(OsString::from).collect::<Vec<_>>();
        assert_eq!(parse_args(args(&["/p/lib.so"])), Ok((None, PathBuf::from("/p/lib.so"))));
        assert_eq!(
            parse_args(args(&["--memory", "1024", "/p/lib.so"])),
            Ok((Some(1024), PathBuf::from("/p/lib.so")))
        );
        assert!(parse_args(args(&[])).is_err());
        assert!(parse_args(args(&["--memory", "lots", "/p/lib.so"])).is_err());
    }
}
