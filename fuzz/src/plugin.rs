//! Plugin replies: the bytes are what a plugin's child process writes on its reply pipe, read as the host reads
//! it (`chuxin_plugin_host::decode_reply`: the framed header checked against the size cap, the payload taken,
//! a first reply's identity or load failure decoded), then the payload decoded as the host decodes the answer
//! of each method, or as the error body of a failed call.
//!
//! The first input byte picks what the reply answers: bit 0 whether it is the child's first reply, bits 1–2 the
//! method. The cap is 64 KiB so that the too-large path is reached.
//!
//! Invariant: a reply that passes never claims more than the cap and its payload is the claimed length.

use chuxin_plugin_host::api::{
    CompareOutput, ComparisonInfo, ErrorReply, PackSource, ReferenceRow, STATUS_ERROR, STATUS_OK, STATUS_PANIC,
};

/// The cap on a reply's payload used by the target.
const CAP: u64 = 64 << 10;

/// One reply off a plugin child's pipe.
pub fn reply(data: &[u8]) {
    let Some((&pick, wire)) = data.split_first() else {
        return;
    };
    let first = pick & 1 == 1;
    let Ok((status, payload)) = chuxin_plugin_host::decode_reply(wire, CAP, first) else {
        return;
    };
    assert!(payload.len() as u64 <= CAP);
    let claimed = u64::from_le_bytes(wire[8..16].try_into().expect("a header passed"));
    assert_eq!(payload.len() as u64, claimed);
    if first {
        return;
    }
    match status {
        STATUS_OK => match (pick >> 1) & 3 {
            0 => drop(serde_json::from_slice::<Vec<PackSource>>(payload)),
            1 => drop(serde_json::from_slice::<Vec<ReferenceRow>>(payload)),
            2 => drop(serde_json::from_slice::<Vec<ComparisonInfo>>(payload)),
            _ => drop(serde_json::from_slice::<CompareOutput>(payload)),
        },
        STATUS_ERROR | STATUS_PANIC => drop(serde_json::from_slice::<ErrorReply>(payload)),
        _ => {}
    }
}
