//! Conversations: which customer message a brand answered, how fast, and which it left unanswered.
//!
//! A conversation export (comments under a brand's posts, mentions from a listening tool, customer-support
//! threads such as the TWCS corpus) has one row a message: its id, its time, its author, whether the author
//! is the brand, and the message it replies to. This module owns the step that needs every message at
//! once: matching each brand reply with the customer message it answers. It works on compact
//! [`Message`]s (names interned by the caller into one name space: brand cells, authors and `@handles`),
//! so that it knows no CSV and no engine.
//!
//! # Rules
//!
//! - **Inbound message:** a message not written by a brand. Its brand is the brand its row names (a brand
//!   or account column); else the brand whose reply answers it; else the first `@handle` in its text that
//!   is a known brand (a brand that wrote a message in the run, or a brand a row names). Otherwise it is
//!   *unattributed*: counted in [`Matched::unattributed`], in no brand's figures.
//! - **Brand message:** its brand is the brand its row names, else its author (`AppleSupport`).
//! - **First response:** the earliest reply, by the inbound message's own brand, that replies to it
//!   directly and is dated at or after it. A brand that replies twice is counted once, at its first reply;
//!   a reply to a brand message (a thread going on) is not a response.
//! - **Reported, not guessed:** a brand reply whose message is not in the data ([`Matched::orphans`]),
//!   and a reply dated before the message it answers ([`Matched::early`]); neither counts.
//!
//! Memory: the index of ids is one hash-table entry (16 bytes) a message, plus the messages themselves.

use std::collections::{HashMap, HashSet};

/// "No name": an absent brand, author or handle.
pub const NONE: u32 = u32::MAX;

/// One message, as the caller read it. Names are ids in one name space (the caller's interner).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Message {
    /// A hash of the message id (ids are compared by hash).
    pub id: u64,
    /// A hash of the id of the message it replies to, if any.
    pub reply_to: Option<u64>,
    /// Its time, in seconds since 1970-01-01 00:00 in the export's own clock.
    pub at: i64,
    /// The platform (the caller's id).
    pub platform: u32,
    /// The brand its row names (a brand or account column), or [`NONE`].
    pub brand: u32,
    /// Its author, or [`NONE`].
    pub author: u32,
    /// Whether the brand wrote it.
    pub from_brand: bool,
    /// The first two `@handles` of its text, or [`NONE`].
    pub handles: [u32; 2],
    /// Where it was read: (source index, line), for reports.
    pub line: (u32, u64),
}

impl Message {
    /// The brand a brand message speaks for: its row's brand, else its author.
    fn speaker(&self) -> u32 {
        if self.brand != NONE { self.brand } else { self.author }
    }
}

/// What became of one inbound message.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Inbound {
    /// Index of the message in the caller's list.
    pub index: usize,
    /// The brand it was addressed to.
    pub brand: u32,
    /// Seconds from the message to the brand's first reply; `None` when unanswered.
    pub response: Option<i64>,
}

/// The matching of a run's messages.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Matched {
    /// Every inbound message with a brand, in the order given.
    pub inbound: Vec<Inbound>,
    /// Brand messages: (index, brand), in the order given.
    pub brand_messages: Vec<(usize, u32)>,
    /// Inbound messages no brand could be found for, and brand messages that name no brand and no author
    /// (indexes).
    pub unattributed: Vec<usize>,
    /// Brand replies to a message that is not in the data (indexes).
    pub orphans: Vec<usize>,
    /// Brand replies dated before the message they reply to (indexes).
    pub early: Vec<usize>,
}

/// Matches brand replies with the inbound messages they answer (see the module documentation).
/// Messages are expected to be distinct by id (the engine drops duplicates first).
pub fn match_replies(messages: &[Message]) -> Matched {
    let index: HashMap<u64, usize> = messages.iter().enumerate().map(|(i, m)| (m.id, i)).collect();
    let known: HashSet<u32> = messages
        .iter()
        .filter(|m| m.from_brand)
        .map(Message::speaker)
        .chain(messages.iter().map(|m| m.brand))
        .filter(|b| *b != NONE)
        .collect();
    let mut out = Matched::default();
    // For each inbound message: (brand, earliest reply time) of the replies to it, first by time.
    let mut replies: HashMap<usize, Vec<(u32, i64)>> = HashMap::new();
    for (i, m) in messages.iter().enumerate().filter(|(_, m)| m.from_brand) {
        // A brand message that names neither a brand nor an author speaks for no one we know: reported, and
        // no reply of anyone's (found by fuzzing: it used to be counted for a brand that does not exist).
        if m.speaker() == NONE {
            out.unattributed.push(i);
            continue;
        }
        out.brand_messages.push((i, m.speaker()));
        let Some(to) = m.reply_to else { continue };
        let Some(&j) = index.get(&to) else {
            out.orphans.push(i);
            continue;
        };
        let target = &messages[j];
        if target.from_brand {
            continue;
        }
        if m.at < target.at {
            out.early.push(i);
            continue;
        }
        replies.entry(j).or_default().push((m.speaker(), m.at));
    }
    for (i, m) in messages.iter().enumerate().filter(|(_, m)| !m.from_brand) {
        let answers = replies.get(&i).map(Vec::as_slice).unwrap_or_default();
        let earliest = answers.iter().min_by_key(|(_, at)| *at);
        let brand = if m.brand != NONE {
            Some(m.brand)
        } else if let Some((b, _)) = earliest {
            Some(*b)
        } else {
            m.handles.iter().copied().find(|h| *h != NONE && known.contains(h))
        };
        let Some(brand) = brand else {
            out.unattributed.push(i);
            continue;
        };
        let first = answers.iter().filter(|(b, _)| *b == brand).map(|(_, at)| *at).min();
        out.inbound.push(Inbound {
            index: i,
            brand,
            response: first.map(|at| at - m.at),
        });
    }
    out
}

/// The `q` quantile (0–1) of `xs` by linear interpolation between order statistics, as Excel's
/// `PERCENTILE.INC` and numpy's default compute it: rank `q × (n − 1)` from 0. `None` when empty.
pub fn quantile(xs: &[f64], q: f64) -> Option<f64> {
    if xs.is_empty() || !(0.0..=1.0).contains(&q) {
        return None;
    }
    let mut s = xs.to_vec();
    s.sort_by(f64::total_cmp);
    let rank = q * (s.len() - 1) as f64;
    let (lo, hi) = (rank.floor() as usize, rank.ceil() as usize);
    Some(s[lo] + (s[hi] - s[lo]) * (rank - lo as f64))
}

/// Pulls the `@handles` out of a message's text, in order: `@` then letters, digits or `_` (X, Instagram,
/// Threads), or, after `@`, any run of characters up to a space or punctuation (Weibo's `@蓮心茶飲`).
pub fn handles(text: &str) -> impl Iterator<Item = &str> {
    text.match_indices('@').filter_map(move |(at, _)| {
        let rest = &text[at + 1..];
        let end = rest
            .char_indices()
            .find(|(_, c)| !(c.is_alphanumeric() || *c == '_'))
            .map_or(rest.len(), |(i, _)| i);
        // An e-mail address is not a handle: the `@` follows a letter or digit.
        let after_word = text[..at].chars().next_back().is_some_and(char::is_alphanumeric);
        (end > 0 && !after_word).then(|| &rest[..end])
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Names: 0 = Brand A, 1 = Brand B, 10.. = customers.
    fn msg(id: u64, reply_to: Option<u64>, minute: i64, author: u32, from_brand: bool) -> Message {
        Message {
            id,
            reply_to,
            at: minute * 60,
            platform: 0,
            brand: NONE,
            author,
            from_brand,
            handles: [NONE; 2],
            line: (0, id + 1),
        }
    }

    #[test]
    fn the_first_reply_of_the_addressed_brand_counts_once() {
        // Customer 10 writes at minute 0 (message 1), naming no brand; A replies at 25 (2) and again at 40
        // (3), B at 5 (4): the message goes to B, whose reply came first, answered in 5 minutes, and A's two
        // replies are not responses to a message of A's. Customer 11 writes at 100 (5), A replies at 160 (6):
        // 60 minutes. Customer 12 writes at 200 (7), unanswered, with `@A` in its text: A's, unanswered.
        let mut m = vec![
            msg(1, None, 0, 10, false),
            msg(2, Some(1), 25, 0, true),
            msg(3, Some(1), 40, 0, true),
            msg(4, Some(1), 5, 1, true),
            msg(5, None, 100, 11, false),
            msg(6, Some(5), 160, 0, true),
            msg(7, None, 200, 12, false),
        ];
        m[6].handles = [0, NONE];
        let got = match_replies(&m);
        let pairs: Vec<(usize, u32, Option<i64>)> =
            got.inbound.iter().map(|i| (i.index, i.brand, i.response)).collect();
        assert_eq!(pairs, vec![(0, 1, Some(5 * 60)), (4, 0, Some(60 * 60)), (6, 0, None)]);
        assert_eq!(got.brand_messages.len(), 4);
        assert!(got.orphans.is_empty() && got.early.is_empty() && got.unattributed.is_empty());
    }

    #[test]
    fn a_named_brand_takes_only_its_own_replies() {
        // The row names brand A; B replies first at 5, A at 30: A's response is 30 minutes.
        let mut m = vec![
            msg(1, None, 0, 10, false),
            msg(2, Some(1), 5, 1, true),
            msg(3, Some(1), 30, 0, true),
        ];
        m[0].brand = 0;
        let got = match_replies(&m);
        assert_eq!(got.inbound[0].brand, 0);
        assert_eq!(got.inbound[0].response, Some(30 * 60));
    }

    #[test]
    fn missing_and_early_and_thread_replies_are_reported_not_counted() {
        // 2 replies to 99, which is not in the data (an orphan); 4 replies to 3 a minute before 3 was
        // written (early), so 3 has no counted reply, no brand named and no handle: unattributed; 5 replies
        // to the brand's own message 2 (a thread going on: no response, no report); 6 names `@` someone who
        // is no brand: unattributed.
        let mut m = vec![
            msg(2, Some(99), 10, 0, true),
            msg(3, None, 20, 10, false),
            msg(4, Some(3), 19, 0, true),
            msg(5, Some(2), 30, 0, true),
            msg(6, None, 40, 11, false),
        ];
        m[4].handles = [42, NONE];
        let got = match_replies(&m);
        assert_eq!(got.orphans, vec![0]);
        assert_eq!(got.early, vec![2]);
        assert_eq!(got.unattributed, vec![1, 4]);
        assert_eq!(got.inbound, vec![]);
        assert_eq!(got.brand_messages, vec![(0, 0), (2, 0), (3, 0)]);
    }

    #[test]
    fn a_brand_message_naming_no_one_is_unattributed_and_answers_nothing() {
        // 1 is a customer's message naming no brand; 2 is marked as the brand's, replies to 1, and has neither
        // a brand nor an author. Nobody can be credited with 2, so 1 has no brand either: both are listed.
        let m = vec![msg(1, None, 0, 10, false), msg(2, Some(1), 5, NONE, true)];
        let got = match_replies(&m);
        assert_eq!(got.unattributed, vec![1, 0]);
        assert!(got.inbound.is_empty() && got.brand_messages.is_empty());
    }

    #[test]
    fn quantiles_interpolate_as_excel_does() {
        // PERCENTILE.INC({1,2,3,4,10}, 0.9): rank 3.6 → 4 + 0.6 × (10 − 4) = 7.6; the median is 3.
        let xs = [10.0, 1.0, 4.0, 2.0, 3.0];
        assert!((quantile(&xs, 0.9).unwrap() - 7.6).abs() < 1e-12);
        assert_eq!(quantile(&xs, 0.5), Some(3.0));
        assert_eq!(quantile(&[5.0], 0.9), Some(5.0));
        assert_eq!(quantile(&[], 0.5), None);
    }

    #[test]
    fn handles_are_read_from_text_in_both_scripts() {
        let got: Vec<&str> = handles("@AppleSupport hi @Tesco_UK, mail me at a@b.com @蓮心茶飲：好喝").collect();
        assert_eq!(got, vec!["AppleSupport", "Tesco_UK", "蓮心茶飲"]);
    }
}
