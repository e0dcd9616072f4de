//! Every `unsafe` system call of the process isolation, in one audited module (Unix only): the child's file
//! descriptor moves and resource limits, and the parent's waits on pipes.
//!
//! The plugin library itself is only ever touched by [`crate::ffi`]; this module never sees it. Each function is
//! a thin, checked wrapper that returns `io::Result`, with a SAFETY comment on each block.

use std::fs::File;
use std::io;
use std::os::fd::{AsRawFd, FromRawFd, RawFd};
use std::time::Instant;

/// Turns a `-1` return into the thread's `errno` as an `io::Error`.
fn check(ret: libc::c_int) -> io::Result<libc::c_int> {
    if ret == -1 {
        Err(io::Error::last_os_error())
    } else {
        Ok(ret)
    }
}

/// Moves the protocol off the standard streams, for the child: returns new close-on-exec descriptors for what
/// were fd 0 (requests) and fd 1 (replies), then points fd 0 at `/dev/null` and fd 1 at fd 2 (stderr), or at
/// `/dev/null` when there is no stderr.
///
/// After this, whatever the plugin prints with `println!` or `printf` lands on stderr and cannot corrupt a reply,
/// and a plugin that reads stdin reads nothing.
pub(crate) fn take_protocol_fds() -> io::Result<(File, File)> {
    // SAFETY: `fcntl(F_DUPFD_CLOEXEC)` on fds 0 and 1, which the parent opened as pipes; the new descriptors are
    // fresh and owned by nothing else, so handing them to `File` gives `File` sole ownership.
    let (requests, replies) = unsafe {
        let requests = check(libc::fcntl(0, libc::F_DUPFD_CLOEXEC, 3))?;
        let replies = check(libc::fcntl(1, libc::F_DUPFD_CLOEXEC, 3))?;
        (File::from_raw_fd(requests), File::from_raw_fd(replies))
    };
    let null = std::fs::OpenOptions::new().read(true).write(true).open("/dev/null")?;
    // SAFETY: `dup2` onto the standard descriptors, both of valid open descriptors (`null` is alive until the end
    // of this function; fd 2 is the inherited stderr). Nothing in this process holds fd 0 or 1 as owned handles:
    // std's `Stdin`/`Stdout` use the numbers, not ownership.
    unsafe {
        check(libc::dup2(null.as_raw_fd(), 0))?;
        // When chuxin runs with stderr closed (`2>&-`), the plugin's stdout goes nowhere instead.
        if libc::dup2(2, 1) == -1 {
            check(libc::dup2(null.as_raw_fd(), 1))?;
        }
    }
    Ok((requests, replies))
}

/// Limits the data segment (heap and private writable mappings, `RLIMIT_DATA`) to `bytes`, soft and hard, and
/// disables core dumps (`RLIMIT_CORE` 0), for the child before it loads the library.
///
/// An allocation over the limit fails; Rust's allocation-error handler then aborts the child (`SIGABRT`).
pub(crate) fn limit_memory(bytes: Option<u64>) -> io::Result<()> {
    if let Some(bytes) = bytes {
        set_limit(libc::RLIMIT_DATA, bytes)?;
    }
    set_limit(libc::RLIMIT_CORE, 0)
}

fn set_limit(resource: LimitResource, value: u64) -> io::Result<()> {
    let mut current = libc::rlimit {
        rlim_cur: 0,
        rlim_max: 0,
    };
    // SAFETY: `getrlimit` writes one `rlimit` into the valid, initialised struct it is given.
    check(unsafe { libc::getrlimit(resource, &mut current) })?;
    // Never above the hard limit already in force (raising it needs privileges).
    let value = (value as libc::rlim_t).min(current.rlim_max);
    let limit = libc::rlimit {
        rlim_cur: value,
        rlim_max: value,
    };
    // SAFETY: `setrlimit` reads one valid `rlimit`.
    check(unsafe { libc::setrlimit(resource, &limit) })?;
    Ok(())
}

#[cfg(any(target_os = "linux", target_os = "android"))]
type LimitResource = libc::__rlimit_resource_t;
#[cfg(not(any(target_os = "linux", target_os = "android")))]
type LimitResource = libc::c_int;

/// The parent process id, for the child's watchdog.
pub(crate) fn parent_id() -> u32 {
    // SAFETY: `getppid` has no preconditions and cannot fail.
    unsafe { libc::getppid() as u32 }
}

/// Ends the process at once, running no exit handler (the main thread may be stuck inside the plugin holding a
/// lock that an exit handler would need).
pub(crate) fn exit_now(code: i32) -> ! {
    // SAFETY: `_exit` has no preconditions; it does not return.
    unsafe { libc::_exit(code) }
}

/// Makes a pipe end non-blocking, so that the parent can bound every read and write with [`wait_ready`].
pub(crate) fn set_nonblocking(fd: &impl AsRawFd) -> io::Result<()> {
    let fd = fd.as_raw_fd();
    // SAFETY: `fcntl` get/set of the status flags of a descriptor the caller borrows (so it is open).
    unsafe {
        let flags = check(libc::fcntl(fd, libc::F_GETFL))?;
        check(libc::fcntl(fd, libc::F_SETFL, flags | libc::O_NONBLOCK))?;
    }
    Ok(())
}

/// What [`wait_ready`] waits for.
#[derive(Clone, Copy)]
pub(crate) enum Ready {
    /// Bytes to read, or the other end closed.
    Read,
    /// Room to write, or the other end closed.
    Write,
}

/// Waits until `fd` is ready or `deadline` passes; returns false on the deadline.
pub(crate) fn wait_ready(fd: RawFd, ready: Ready, deadline: Instant) -> io::Result<bool> {
    let events = match ready {
        Ready::Read => libc::POLLIN,
        Ready::Write => libc::POLLOUT,
    };
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return Ok(false);
        }
        // Round up, so that a wait of 0.4 ms does not spin; cap at what `poll` takes.
        let ms = left.as_micros().div_ceil(1000).min(i32::MAX as u128) as libc::c_int;
        let mut pfd = libc::pollfd { fd, events, revents: 0 };
        // SAFETY: `poll` on one valid `pollfd`; the descriptor is open (borrowed by the caller).
        let n = unsafe { libc::poll(&mut pfd, 1, ms) };
        match n {
            -1 => {
                let err = io::Error::last_os_error();
                if err.kind() != io::ErrorKind::Interrupted {
                    return Err(err);
                }
            }
            0 => continue, // timed out: the loop checks the deadline
            // Readable, writable, hung up or in error: the next read or write says which.
            _ => return Ok(true),
        }
    }
}

/// The name and meaning of a signal that ended a plugin's process, for error messages.
pub(crate) fn signal_description(signal: i32) -> String {
    match signal_info(signal) {
        Some((name, meaning)) => format!("signal {signal} ({name}, {meaning})"),
        None => format!("signal {signal}"),
    }
}

/// The name of a signal this host describes (`SIGSEGV`), for a front end that words the meaning itself.
pub(crate) fn signal_name(signal: i32) -> Option<&'static str> {
    signal_info(signal).map(|(name, _)| name)
}

fn signal_info(signal: i32) -> Option<(&'static str, &'static str)> {
    Some(match signal {
        libc::SIGSEGV => ("SIGSEGV", "segmentation fault: an invalid memory access"),
        libc::SIGBUS => ("SIGBUS", "bus error: an invalid memory access"),
        libc::SIGABRT => (
            "SIGABRT",
            "aborted: `abort()`, a failed assertion, a panic that cannot unwind, or an allocation refused by the \
             memory limit",
        ),
        libc::SIGILL => ("SIGILL", "illegal instruction"),
        libc::SIGFPE => ("SIGFPE", "arithmetic error, such as an integer division by zero"),
        libc::SIGKILL => ("SIGKILL", "killed, possibly by the system when memory ran out"),
        libc::SIGTERM => ("SIGTERM", "terminated"),
        libc::SIGINT => ("SIGINT", "interrupted"),
        libc::SIGPIPE => ("SIGPIPE", "wrote to a closed pipe"),
        libc::SIGTRAP => ("SIGTRAP", "trace trap, such as a breakpoint"),
        libc::SIGSYS => ("SIGSYS", "bad system call"),
        libc::SIGXCPU => ("SIGXCPU", "CPU time limit exceeded"),
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signals_are_named() {
        assert_eq!(
            signal_description(libc::SIGSEGV),
            format!(
                "signal {} (SIGSEGV, segmentation fault: an invalid memory access)",
                libc::SIGSEGV
            )
        );
        assert!(signal_description(libc::SIGABRT).contains("SIGABRT, aborted"));
        assert_eq!(signal_description(77), "signal 77");
    }

    #[test]
    fn a_wait_on_a_silent_pipe_ends_at_its_deadline() {
        let (reader, _writer) = std::io::pipe().unwrap();
        let ready = wait_ready(reader.as_raw_fd(), Ready::Read, Instant::now()).unwrap();
        assert!(!ready);
        let (reader, writer) = std::io::pipe().unwrap();
        drop(writer);
        let far = Instant::now() + std::time::Duration::from_secs(3600);
        assert!(
            wait_ready(reader.as_raw_fd(), Ready::Read, far).unwrap(),
            "a closed pipe is ready"
        );
    }
}
