//! The parent side of the process isolation (Unix): starts a plugin's child, reads its first reply, sends calls
//! and reads replies under a deadline, and kills and reaps the child when anything goes wrong or when the plugin
//! is dropped.
//!
//! Both pipe ends are non-blocking and every read and write waits with `poll` until the call's deadline, so a child
//! that stops reading, stops writing or never exits cannot block the parent past the time limit. A reply's
//! header is checked before its payload is allocated (see `frame.rs`).
//!
//! Writing to the pipe of a child that died gives `EPIPE`, which is reported as how the child ended. That needs
//! `SIGPIPE` ignored in the host process, as the Rust runtime sets it up for every Rust `main` (chuxin's
//! included); a host program that restores the default action would be killed by the signal instead.

use std::io::{self, Read, Write};
use std::os::fd::AsRawFd;
use std::os::unix::process::ExitStatusExt;
use std::path::Path;
use std::process::{Child, ChildStdin, ChildStdout, Command, ExitStatus, Stdio};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use chuxin_plugin_api::Method;

use crate::child::CHILD_ARG;
use crate::error::{LoadErrorKind, ProcessError};
use crate::frame::{self, HELLO_FAILED, HELLO_OK, HeaderProblem, Identity, LoadFailure, REPLY_HEADER};
use crate::isolation::{Limits, ProcessHost};
use crate::sys::{self, Ready};

/// One plugin's child process, shared by every clone of its [`crate::Plugin`]; calls are served one at a time.
pub(crate) struct Connection {
    state: Mutex<State>,
    limits: Limits,
    pid: u32,
}

enum State {
    Alive(Pipes),
    /// The child was lost in a call; it has been killed and reaped.
    Lost {
        method: Method,
        reason: String,
    },
}

struct Pipes {
    child: Child,
    stdin: ChildStdin,
    stdout: ChildStdout,
    /// The time limit of a call, for the message when it is reached.
    timeout: Duration,
}

impl std::fmt::Debug for Connection {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Connection")
            .field("limits", &self.limits)
            .finish_non_exhaustive()
    }
}

/// A child that was started and has not yet sent its first reply. Starting every plugin's child before waiting
/// for any lets them load in parallel.
pub(crate) struct Starting {
    pipes: Pipes,
    deadline: Instant,
    limits: Limits,
}

impl Connection {
    /// Starts the child for the library at `path` (canonical, header already checked); the load's time limit
    /// runs from now.
    pub(crate) fn spawn(path: &Path, host: &ProcessHost) -> Result<Starting, LoadErrorKind> {
        let deadline = Instant::now() + host.limits.call_timeout;
        let mut command = Command::new(&host.program);
        command.arg(CHILD_ARG);
        if let Some(bytes) = host.limits.memory {
            command.arg("--memory").arg(bytes.to_string());
        }
        command
            .arg(path)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit());
        let mut child = command.spawn().map_err(|source| {
            LoadErrorKind::Process(ProcessError::Spawn {
                program: host.program.clone(),
                source,
            })
        })?;
        let (stdin, stdout) = (child.stdin.take(), child.stdout.take());
        let (Some(stdin), Some(stdout)) = (stdin, stdout) else {
            unreachable!("both pipes were requested");
        };
        let mut pipes = Pipes {
            child,
            stdin,
            stdout,
            timeout: host.limits.call_timeout,
        };
        if let Err(e) = pipes.nonblocking() {
            pipes.kill();
            return Err(LoadErrorKind::Process(ProcessError::Io(e)));
        }
        Ok(Starting {
            pipes,
            deadline,
            limits: host.limits.clone(),
        })
    }
}

impl Starting {
    /// Reads the child's first reply: the plugin's identity, or why the library did not load (the child is then
    /// reaped).
    pub(crate) fn finish(self) -> Result<(Connection, Identity), LoadErrorKind> {
        let Starting {
            mut pipes,
            deadline,
            limits,
        } = self;
        let first = pipes.read_reply(deadline, &limits);
        let (status, payload) = match first {
            Ok(reply) => reply,
            Err(e) => {
                pipes.kill();
                return Err(LoadErrorKind::Process(e));
            }
        };
        let pid = pipes.child.id();
        let connection = |pipes| Connection {
            state: Mutex::new(State::Alive(pipes)),
            limits,
            pid,
        };
        match status {
            HELLO_OK => match serde_json::from_slice::<Identity>(&payload) {
                Ok(identity) => Ok((connection(pipes), identity)),
                Err(e) => {
                    pipes.kill();
                    Err(LoadErrorKind::Process(ProcessError::Protocol(format!(
                        "its first reply is not an identity: {e}"
                    ))))
                }
            },
            HELLO_FAILED => {
                pipes.kill();
                match serde_json::from_slice::<LoadFailure>(&payload) {
                    Ok(failure) => Err(failure.into_kind()),
                    Err(e) => Err(LoadErrorKind::Process(ProcessError::Protocol(format!(
                        "its load failure cannot be read: {e}"
                    )))),
                }
            }
            other => {
                pipes.kill();
                Err(LoadErrorKind::Process(ProcessError::Protocol(format!(
                    "its first reply has status {other}"
                ))))
            }
        }
    }
}

impl Connection {
    /// The child's process id (it may have been killed and reaped since).
    pub(crate) fn pid(&self) -> u32 {
        self.pid
    }

    /// Calls `method` in the child; returns the plugin's status and payload, or what happened to the child.
    ///
    /// Any failure kills and reaps the child, and every later call fails at once with [`ProcessError::Lost`].
    pub(crate) fn call(&self, method: Method, input: &[u8]) -> Result<(i32, Vec<u8>), ProcessError> {
        let deadline = Instant::now() + self.limits.call_timeout;
        let mut state = self.state.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        let pipes = match &mut *state {
            State::Alive(pipes) => pipes,
            State::Lost { method, reason } => {
                return Err(ProcessError::Lost {
                    method: *method,
                    reason: reason.clone(),
                });
            }
        };
        let result = pipes
            .write_request(method.name(), input, deadline)
            .and_then(|()| pipes.read_reply(deadline, &self.limits));
        match result {
            Ok(reply) => Ok(reply),
            Err(e) => {
                pipes.kill();
                *state = State::Lost {
                    method,
                    reason: e.to_string(),
                };
                Err(e)
            }
        }
    }
}

/// A child is never left behind: whoever drops its pipes (a connection, a load that failed or was abandoned) kills
/// and reaps it.
impl Drop for Pipes {
    fn drop(&mut self) {
        self.kill();
    }
}

impl Pipes {
    fn nonblocking(&self) -> io::Result<()> {
        sys::set_nonblocking(&self.stdin)?;
        sys::set_nonblocking(&self.stdout)
    }

    fn write_request(&mut self, method: &str, input: &[u8], deadline: Instant) -> Result<(), ProcessError> {
        let head = frame::request_header(method, input.len());
        self.write_all(&head, deadline)?;
        self.write_all(input, deadline)
    }

    fn write_all(&mut self, mut bytes: &[u8], deadline: Instant) -> Result<(), ProcessError> {
        while !bytes.is_empty() {
            match self.stdin.write(bytes) {
                Ok(0) => return Err(self.ended(deadline)),
                Ok(n) => bytes = &bytes[n..],
                Err(e) if e.kind() == io::ErrorKind::WouldBlock => {
                    if !sys::wait_ready(self.stdin.as_raw_fd(), Ready::Write, deadline).map_err(ProcessError::Io)? {
                        return Err(self.timed_out());
                    }
                }
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                // The child closed its end: it died or exited; say how.
                Err(e) if e.kind() == io::ErrorKind::BrokenPipe => return Err(self.ended(deadline)),
                Err(e) => return Err(ProcessError::Io(e)),
            }
        }
        Ok(())
    }

    /// Reads one reply: the header, checked (magic, then length against the cap), then exactly that many bytes.
    fn read_reply(&mut self, deadline: Instant, limits: &Limits) -> Result<(i32, Vec<u8>), ProcessError> {
        let mut head = [0u8; REPLY_HEADER];
        self.read_exact(&mut head, deadline)?;
        let (status, len) = frame::parse_reply_header(&head, limits.max_reply).map_err(|problem| match problem {
            HeaderProblem::TooLarge { len, cap } => ProcessError::ReplyTooLarge { len, cap },
            HeaderProblem::BadMagic(start) => ProcessError::Protocol(format!(
                "a reply starts with {:?} instead of the protocol's marker",
                String::from_utf8_lossy(&start)
            )),
        })?;
        // At most the cap (64 MiB by default): the header was checked just above.
        let mut payload = vec![0u8; len as usize];
        self.read_exact(&mut payload, deadline)?;
        Ok((status, payload))
    }

    fn read_exact(&mut self, mut buf: &mut [u8], deadline: Instant) -> Result<(), ProcessError> {
        while !buf.is_empty() {
            match self.stdout.read(buf) {
                Ok(0) => return Err(self.ended(deadline)),
                Ok(n) => buf = &mut buf[n..],
                Err(e) if e.kind() == io::ErrorKind::WouldBlock => {
                    if !sys::wait_ready(self.stdout.as_raw_fd(), Ready::Read, deadline).map_err(ProcessError::Io)? {
                        return Err(self.timed_out());
                    }
                }
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => return Err(ProcessError::Io(e)),
            }
        }
        Ok(())
    }

    /// The child closed a pipe: wait (until the deadline) for it to end, and say how it ended.
    fn ended(&mut self, deadline: Instant) -> ProcessError {
        // The pipe closes while the child is still exiting, a moment before it can be reaped.
        let mut pause = Duration::from_micros(100);
        loop {
            match self.child.try_wait() {
                Ok(Some(status)) => return describe(status),
                Ok(None) if Instant::now() < deadline => {
                    std::thread::sleep(pause);
                    pause = (pause * 2).min(Duration::from_millis(50));
                }
                Ok(None) => {
                    self.kill();
                    return ProcessError::Protocol(
                        "it closed its end of the pipe but did not exit, so its process was killed".to_owned(),
                    );
                }
                Err(e) => return ProcessError::Io(e),
            }
        }
    }

    /// The deadline passed: if the child ended meanwhile say how, else report the timeout (the caller kills it).
    fn timed_out(&mut self) -> ProcessError {
        if let Ok(Some(status)) = self.child.try_wait() {
            return describe(status);
        }
        ProcessError::TimedOut { limit: self.timeout }
    }

    /// Kills the child (if it still runs) and reaps it; harmless when it was already reaped.
    fn kill(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// How a child that ended on its own ended.
fn describe(status: ExitStatus) -> ProcessError {
    match (status.signal(), status.code()) {
        (Some(signal), _) => ProcessError::Signal { signal },
        (None, Some(code)) => ProcessError::Exited { code },
        (None, None) => ProcessError::Protocol(format!("its process ended: {status}")),
    }
}
