//! The framing of the JSON protocol between the host and a plugin's child process, on its two pipes.
//!
//! The payloads are the same JSON as in-process calls (see `chuxin_plugin_api::protocol`); only the envelope is
//! new. All integers are little-endian.
//!
//! * **Request** (parent → child): `method length: u32`, `payload length: u64`, the method name (UTF-8, at most
//!   [`MAX_METHOD`] bytes), the JSON payload.
//! * **Reply** (child → parent): [`MAGIC`] (`CXP1`), `status: i32`, `payload length: u64`, the payload. The status
//!   is the plugin's own ([`STATUS_OK`](chuxin_plugin_api::STATUS_OK), `STATUS_ERROR`, `STATUS_PANIC`), or one of
//!   the two statuses of the first reply, sent once after loading: [`HELLO_OK`] (the payload is the plugin's
//!   [`Identity`]) or [`HELLO_FAILED`] (the payload is a [`LoadFailure`]).
//!
//! A reply's header is read and checked (magic, then length against the cap) before a single byte of its payload
//! is allocated: a reply claiming 1 TiB costs the parent 16 bytes.

use std::io::{self, Read, Write};

use serde::{Deserialize, Serialize};

use crate::error::{LoadErrorKind, LoaderMessage};

/// The first four bytes of every reply, so that stray bytes on the pipe are caught at once.
pub(crate) const MAGIC: [u8; 4] = *b"CXP1";
/// The size of a reply header: magic, status, length.
pub(crate) const REPLY_HEADER: usize = 16;
/// The size of a request header: method length, payload length.
pub(crate) const REQUEST_HEADER: usize = 12;
/// The longest method name a request may carry.
pub(crate) const MAX_METHOD: u32 = 64;
/// Status of the first reply when the library loaded: the payload is an [`Identity`].
pub(crate) const HELLO_OK: i32 = 100;
/// Status of the first reply when the library did not load: the payload is a [`LoadFailure`].
pub(crate) const HELLO_FAILED: i32 = 101;

/// The identity strings of a loaded plugin's descriptor.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Identity {
    pub(crate) id: String,
    pub(crate) name: String,
    pub(crate) version: String,
    pub(crate) api_version: String,
}

/// Why the child could not load the library: the steps of [`crate::ffi`]'s sequence, as data.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub(crate) enum LoadFailure {
    Open { message: String },
    MissingEntry { message: String },
    NullDescriptor,
    AbiMismatch { found: u32, expected: u32 },
    DescriptorTooSmall { found: u32, expected: u32, abi: u32 },
    BadDescriptor { field: String, problem: String },
    Other { message: String },
}

impl LoadFailure {
    /// The failure as the child reports it.
    pub(crate) fn from_kind(kind: &LoadErrorKind) -> LoadFailure {
        match kind {
            LoadErrorKind::Open(m) => LoadFailure::Open { message: m.0.clone() },
            LoadErrorKind::MissingEntry(m) => LoadFailure::MissingEntry { message: m.0.clone() },
            LoadErrorKind::NullDescriptor => LoadFailure::NullDescriptor,
            LoadErrorKind::AbiMismatch { found, expected } => LoadFailure::AbiMismatch {
                found: *found,
                expected: *expected,
            },
            LoadErrorKind::DescriptorTooSmall { found, expected, abi } => LoadFailure::DescriptorTooSmall {
                found: *found,
                expected: *expected,
                abi: *abi,
            },
            LoadErrorKind::BadDescriptor { field, problem } => LoadFailure::BadDescriptor {
                field: (*field).to_owned(),
                problem: (*problem).to_owned(),
            },
            other => LoadFailure::Other {
                message: crate::error_chain(other),
            },
        }
    }

    /// The failure as the parent reports it: the same [`LoadErrorKind`] an in-process load gives.
    pub(crate) fn into_kind(self) -> LoadErrorKind {
        /// The descriptor fields and problems `ffi` can report, as the `'static` strings the error holds.
        fn known(text: &str, list: &[&'static str]) -> &'static str {
            list.iter().find(|k| **k == text).copied().unwrap_or("(unknown)")
        }
        match self {
            LoadFailure::Open { message } => LoadErrorKind::Open(LoaderMessage(message)),
            LoadFailure::MissingEntry { message } => LoadErrorKind::MissingEntry(LoaderMessage(message)),
            LoadFailure::NullDescriptor => LoadErrorKind::NullDescriptor,
            LoadFailure::AbiMismatch { found, expected } => LoadErrorKind::AbiMismatch { found, expected },
            LoadFailure::DescriptorTooSmall { found, expected, abi } => {
                LoadErrorKind::DescriptorTooSmall { found, expected, abi }
            }
            LoadFailure::BadDescriptor { field, problem } => LoadErrorKind::BadDescriptor {
                field: known(&field, &["id", "name", "version", "api_version", "call", "free_buf"]),
                problem: known(&problem, &["is null", "is not UTF-8"]),
            },
            LoadFailure::Other { message } => LoadErrorKind::Child(message),
        }
    }
}

/// Writes one request (blocking): for the child-side tests and for any writer that needs no deadline.
#[cfg(test)]
pub(crate) fn write_request(out: &mut impl Write, method: &str, payload: &[u8]) -> io::Result<()> {
    out.write_all(&request_header(method, payload.len()))?;
    out.write_all(payload)?;
    out.flush()
}

/// The header and method name of a request.
pub(crate) fn request_header(method: &str, payload_len: usize) -> Vec<u8> {
    let mut head = Vec::with_capacity(REQUEST_HEADER + method.len());
    head.extend_from_slice(&(method.len() as u32).to_le_bytes());
    head.extend_from_slice(&(payload_len as u64).to_le_bytes());
    head.extend_from_slice(method.as_bytes());
    head
}

/// Reads one request (blocking), in the child. `Ok(None)` at a clean end of input (the parent is done).
pub(crate) fn read_request(input: &mut impl Read) -> io::Result<Option<(String, Vec<u8>)>> {
    let mut head = [0u8; REQUEST_HEADER];
    match input.read_exact(&mut head) {
        Ok(()) => {}
        Err(e) if e.kind() == io::ErrorKind::UnexpectedEof => return Ok(None),
        Err(e) => return Err(e),
    }
    let method_len = u32::from_le_bytes(head[..4].try_into().expect("4 bytes"));
    let payload_len = u64::from_le_bytes(head[4..].try_into().expect("8 bytes"));
    if method_len > MAX_METHOD {
        return Err(io::Error::new(io::ErrorKind::InvalidData, "method name too long"));
    }
    let mut method = vec![0u8; method_len as usize];
    input.read_exact(&mut method)?;
    let method =
        String::from_utf8(method).map_err(|_| io::Error::new(io::ErrorKind::InvalidData, "method not UTF-8"))?;
    let len =
        usize::try_from(payload_len).map_err(|_| io::Error::new(io::ErrorKind::InvalidData, "payload too large"))?;
    let mut payload = Vec::new();
    payload.try_reserve_exact(len)?;
    input.take(payload_len).read_to_end(&mut payload)?;
    if payload.len() != len {
        return Err(io::ErrorKind::UnexpectedEof.into());
    }
    Ok(Some((method, payload)))
}

/// Writes one reply (blocking), in the child, straight from the plugin's buffer.
pub(crate) fn write_reply(out: &mut impl Write, status: i32, payload: &[u8]) -> io::Result<()> {
    out.write_all(&reply_header(status, payload.len() as u64))?;
    out.write_all(payload)?;
    out.flush()
}

/// The header of a reply.
pub(crate) fn reply_header(status: i32, len: u64) -> [u8; REPLY_HEADER] {
    let mut head = [0u8; REPLY_HEADER];
    head[..4].copy_from_slice(&MAGIC);
    head[4..8].copy_from_slice(&status.to_le_bytes());
    head[8..].copy_from_slice(&len.to_le_bytes());
    head
}

/// What is wrong with a reply header.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum HeaderProblem {
    /// The first bytes are not [`MAGIC`]: something else wrote to the pipe.
    BadMagic([u8; 4]),
    /// The claimed length is over the cap.
    TooLarge { len: u64, cap: u64 },
}

/// Checks a reply header against the magic and the size cap; returns the status and the payload length.
pub(crate) fn parse_reply_header(head: &[u8; REPLY_HEADER], cap: u64) -> Result<(i32, u64), HeaderProblem> {
    let magic: [u8; 4] = head[..4].try_into().expect("4 bytes");
    if magic != MAGIC {
        return Err(HeaderProblem::BadMagic(magic));
    }
    let status = i32::from_le_bytes(head[4..8].try_into().expect("4 bytes"));
    let len = u64::from_le_bytes(head[8..].try_into().expect("8 bytes"));
    if len > cap {
        return Err(HeaderProblem::TooLarge { len, cap });
    }
    Ok((status, len))
}

/// Reads one reply from `wire` as the parent reads it off a child's pipe (the header checked against `cap`, then
/// exactly the claimed payload) and, for the child's first reply (`first`), decodes its identity or load failure as
/// [`crate::process`] does. Returns the status and payload of a reply that passes, or why it does not.
///
/// Public only for the fuzz targets in `fuzz/` (issue 10); chuxin itself reads replies from the pipe.
#[doc(hidden)]
pub fn decode_reply(wire: &[u8], cap: u64, first: bool) -> Result<(i32, &[u8]), String> {
    let head: &[u8; REPLY_HEADER] = wire
        .get(..REPLY_HEADER)
        .and_then(|h| h.try_into().ok())
        .ok_or("the reply header is cut")?;
    let (status, len) = parse_reply_header(head, cap).map_err(|p| format!("{p:?}"))?;
    let payload = usize::try_from(len)
        .ok()
        .and_then(|len| wire[REPLY_HEADER..].get(..len))
        .ok_or("the reply payload is cut")?;
    if first {
        match status {
            HELLO_OK => {
                serde_json::from_slice::<Identity>(payload).map_err(|e| e.to_string())?;
            }
            HELLO_FAILED => {
                let failure = serde_json::from_slice::<LoadFailure>(payload).map_err(|e| e.to_string())?;
                return Err(failure.into_kind().to_string());
            }
            other => return Err(format!("its first reply has status {other}")),
        }
    }
    Ok((status, payload))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn requests_round_trip_and_end_cleanly() {
        let mut wire = Vec::new();
        write_request(&mut wire, "compare", br#"{"posts":[]}"#).unwrap();
        write_request(&mut wire, "packs", b"null").unwrap();
        let mut input = &wire[..];
        assert_eq!(
            read_request(&mut input).unwrap(),
            Some(("compare".to_owned(), br#"{"posts":[]}"#.to_vec()))
        );
        assert_eq!(
            read_request(&mut input).unwrap(),
            Some(("packs".to_owned(), b"null".to_vec()))
        );
        assert_eq!(read_request(&mut input).unwrap(), None);
    }

    #[test]
    fn a_cut_request_is_an_error() {
        let mut wire = Vec::new();
        write_request(&mut wire, "packs", b"null").unwrap();
        wire.pop();
        assert_eq!(
            read_request(&mut &wire[..]).unwrap_err().kind(),
            io::ErrorKind::UnexpectedEof
        );
    }

    #[test]
    fn reply_headers_are_checked_before_any_allocation() {
        let mut wire = Vec::new();
        write_reply(&mut wire, 1, b"{\"error\":\"x\"}").unwrap();
        let head: [u8; REPLY_HEADER] = wire[..REPLY_HEADER].try_into().unwrap();
        assert_eq!(parse_reply_header(&head, 64), Ok((1, 13)));
        assert_eq!(
            parse_reply_header(&reply_header(0, 1 << 40), 64 << 20),
            Err(HeaderProblem::TooLarge {
                len: 1 << 40,
                cap: 64 << 20
            })
        );
        let mut bad = head;
        bad[..4].copy_from_slice(b"hell");
        assert_eq!(parse_reply_header(&bad, 64), Err(HeaderProblem::BadMagic(*b"hell")));
    }

    #[test]
    fn decode_reply_reads_a_reply_as_the_parent_does() {
        let mut wire = Vec::new();
        write_reply(
            &mut wire,
            HELLO_OK,
            br#"{"id":"x","name":"X","version":"1","api_version":"0.1.0"}"#,
        )
        .unwrap();
        assert_eq!(decode_reply(&wire, 1024, true).unwrap().0, HELLO_OK);
        assert!(decode_reply(&wire, 16, true).unwrap_err().contains("TooLarge"));
        assert_eq!(
            decode_reply(&wire[..20], 1024, true).unwrap_err(),
            "the reply payload is cut"
        );
        assert_eq!(
            decode_reply(&wire[..15], 1024, true).unwrap_err(),
            "the reply header is cut"
        );
        let mut wire = Vec::new();
        write_reply(&mut wire, HELLO_FAILED, br#"{"kind":"null_descriptor"}"#).unwrap();
        let message = decode_reply(&wire, 1024, true).unwrap_err();
        assert_eq!(message, LoadErrorKind::NullDescriptor.to_string());
        assert_eq!(
            decode_reply(&wire, 1024, false).unwrap(),
            (HELLO_FAILED, &br#"{"kind":"null_descriptor"}"#[..])
        );
    }

    #[test]
    fn load_failures_cross_as_data_and_come_back_as_the_same_kind() {
        let kinds = [
            LoadErrorKind::MissingEntry(LoaderMessage("undefined symbol: chuxin_plugin_entry_v1".into())),
            LoadErrorKind::AbiMismatch {
                found: 999,
                expected: 1,
            },
            LoadErrorKind::BadDescriptor {
                field: "free_buf",
                problem: "is null",
            },
        ];
        for kind in kinds {
            let json = serde_json::to_vec(&LoadFailure::from_kind(&kind)).unwrap();
            let back: LoadFailure = serde_json::from_slice(&json).unwrap();
            assert_eq!(back.into_kind().to_string(), kind.to_string());
        }
    }
}
