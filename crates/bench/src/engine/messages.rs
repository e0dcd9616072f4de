//! Conversation rows in the engine: parsing a message row, collecting the run's messages in reading order,
//! and, once every source is read, matching replies ([`crate::conversation`]) and folding the result into
//! the brand × platform × bucket accumulators that every other metric comes from.
//!
//! Messages cannot be folded row by row as posts are: whether a customer's message was answered, and by
//! which brand, is known only when the brand's reply has been read, and exports list replies before or
//! after the message. So each counted message is kept as a compact [`Message`] (about 72 bytes with its
//! date) until the end of the run; text is not kept, only its first two `@handles`.

use std::borrow::Cow;
use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use super::{Bad, CellResult, LISTED, Parsed, Shared, Worker, brand, mapping, row_time, text_of};
use crate::cell;
use crate::civil::DateTime;
use crate::conversation::{self, Message, NONE};
use crate::error::RowReason;
use crate::field::{self, Field};
use crate::metrics::fold::{Acc, FoldMap, seconds};

/// The cells of a message row the turn needs, beyond what posts have.
pub(super) struct MessageCells {
    pub from_brand: bool,
    pub reply_to: Option<String>,
    pub author: Option<String>,
    /// 1 positive, −1 negative, 0 neutral, `None` unknown.
    pub sentiment: Option<i8>,
    /// Whether `sentiment` was read from the text by the lexicon (the export has no sentiment column).
    pub by_lexicon: bool,
    pub handles: [Option<String>; 2],
    /// The message's text, kept only when the caller asked for records.
    pub text: Option<String>,
}

/// Parses one conversation row (see [`super::parse`] for posts). `Ok(None)` for a row of another brand or
/// outside the window.
pub(super) fn parse<'d>(
    shared: &Shared<'_>,
    data: &'d [u8],
    spans: &[(usize, usize)],
    line: u64,
    w: &mut Worker,
) -> Result<Option<Parsed>, Bad> {
    let m = shared.mapping;
    let fail = |column: Option<usize>, reason: RowReason| Bad { line, column, reason };
    let get = |f: Field| -> Result<Option<(usize, Cow<'d, str>)>, Bad> {
        let r: CellResult<'d> = text_of(m, data, spans, f);
        r.transpose().map_err(|(i, e)| fail(Some(i), e))
    };
    let present = |v: Option<(usize, Cow<'d, str>)>| v.filter(|(_, t)| !cell::is_missing(t));
    if spans.len() < m.headers.len() {
        return Err(fail(
            None,
            RowReason::ShortRow {
                fields: spans.len(),
                headers: m.headers.len(),
            },
        ));
    }
    // The brand a row names, if any: rows of brands outside the comparison set stop here. As for posts, the raw
    // cell is looked up first (one probe for a brand seen before), which also lets the splitter pass over the
    // next rows of a brand outside the set at their brand cell.
    let column = m.column[Field::Brand as usize].filter(|_| m.derived.iter().all(|d| d.0 != Field::Brand));
    let raw = column.and_then(|i| spans.get(i)).map(|&(a, b)| &data[a..b]);
    let known = raw.and_then(|raw| {
        let (id, new) = w.raw_brands.id(raw);
        if new {
            w.raw_brand.push(None);
        }
        w.raw_brand[id as usize].map(|b| (id, b)).ok_or(id).ok()
    });
    let brand_id = match known {
        Some((_, b)) => b,
        None => {
            let named = match present(get(Field::Brand)?) {
                Some((_, t)) => Some(t.into_owned()),
                None => m.brand.clone(),
            };
            match named {
                Some(name) => {
                    let id = brand(w, &name, shared);
                    if let Some(raw) = raw {
                        let (r, _) = w.raw_brands.id(raw);
                        w.raw_brand[r as usize] = Some(id);
                    }
                    id
                }
                None => NONE,
            }
        }
    };
    if brand_id != NONE && !w.kept[brand_id as usize] {
        w.other_rows[brand_id as usize] += 1;
        return Ok(None);
    }
    let named = (brand_id != NONE).then_some(());
    let platform_name = match present(get(Field::Platform)?) {
        Some((_, t)) => field::normalise_platform(&t),
        None => m.platform.clone().unwrap_or_default(),
    };
    if platform_name.is_empty() {
        return Err(fail(
            m.column[Field::Platform as usize],
            RowReason::Empty(Field::Platform),
        ));
    }
    let (platform, new) = w.platforms.id(&platform_name, |s| s.to_string());
    if new {
        w.sets.push(super::actions_for(&w.platforms.names[platform as usize]));
    }
    let time = row_time(m, data, spans).map_err(|(i, reason)| fail(Some(i), reason))?;
    if !shared.years.contains(&time.year) {
        let column = m.column[Field::Time as usize].or(m.column[Field::Year as usize]);
        return Err(fail(
            column,
            RowReason::OutsideYears {
                date: time.to_iso(),
                from: *shared.years.start(),
                to: *shared.years.end(),
            },
        ));
    }
    if shared.since.is_some_and(|s| time.last_day() < s) || shared.until.is_some_and(|u| time.days() > u) {
        w.outside += 1;
        return Ok(None);
    }
    // The message's own id: its id column, else the post id column (TWCS's `tweet_id`).
    let id_field = if m.has(Field::MessageId) {
        Field::MessageId
    } else {
        Field::PostId
    };
    let Some((_, id)) = present(get(id_field)?) else {
        return Err(fail(m.column[id_field as usize], RowReason::Empty(Field::MessageId)));
    };
    let from_brand = match (get(Field::FromBrand)?, get(Field::Inbound)?) {
        (Some((i, t)), _) => flag(&t).map_err(|e| fail(Some(i), e))?,
        (None, Some((i, t))) => flag(&t).map_err(|e| fail(Some(i), e))?.map(|inbound| !inbound),
        (None, None) => None,
    };
    let Some(from_brand) = from_brand else {
        let column = m.column[Field::FromBrand as usize].or(m.column[Field::Inbound as usize]);
        return Err(fail(column, RowReason::NoDirection));
    };
    let sentiment = match present(get(Field::Sentiment)?) {
        Some((i, t)) => {
            Some(parse_sentiment(&t).ok_or_else(|| fail(Some(i), RowReason::NotASentiment(mapping::excerpt(&t))))?)
        }
        None => None,
    };
    let text = get(Field::Text)?.map(|(_, t)| t);
    // No sentiment column: the lexicon reads the customer's text (the brand's own messages have none).
    let by_lexicon = !m.has(Field::Sentiment) && !from_brand && text.is_some();
    let sentiment = if by_lexicon {
        text.as_deref().map(crate::sentiment::of_text)
    } else {
        sentiment
    };
    let mut handles = [None, None];
    // Handles attribute a customer's message only when its row names no brand.
    if named.is_none()
        && !from_brand
        && let Some(text) = &text
    {
        for (slot, h) in handles.iter_mut().zip(conversation::handles(text)) {
            *slot = Some(h.to_string());
        }
    }
    let seed = super::pair_seed("", &w.platforms.names[platform as usize]);
    let id_hash = xxhash_rust::xxh3::xxh3_128_with_seed(id.as_bytes(), seed);
    Ok(Some(Parsed {
        brand: brand_id,
        platform,
        pair: u32::MAX,
        time,
        nums: [f64::NAN; super::NUMERIC.len()],
        promotional: None,
        post_type: None,
        post_id: Some(super::Held::Owned(id.into_owned())),
        text: None,
        id_hash: Some(id_hash),
        line,
        found: None,
        duplicate: false,
        message: Some(Box::new(MessageCells {
            from_brand,
            reply_to: present(get(Field::ReplyTo)?).map(|(_, t)| t.into_owned()),
            author: present(get(Field::Author)?).map(|(_, t)| t.into_owned()),
            sentiment,
            by_lexicon,
            handles,
            text: text.filter(|t| shared.records && !t.is_empty()).map(|t| t.into_owned()),
        })),
    }))
}

fn flag(text: &str) -> Result<Option<bool>, RowReason> {
    cell::parse_flag(text).map_err(RowReason::from)
}

/// A sentiment label as listening tools write it: a word in English or Chinese, or a signed number.
pub fn parse_sentiment(text: &str) -> Option<i8> {
    let t = cell::trim(text).to_lowercase();
    match t.as_str() {
        "positive" | "pos" | "正面" | "正向" | "積極" | "积极" | "好評" | "好评" => Some(1),
        "negative" | "neg" | "負面" | "负面" | "負向" | "负向" | "消極" | "消极" | "差評" | "差评" => {
            Some(-1)
        }
        "neutral" | "neu" | "中性" | "中立" => Some(0),
        _ => t
            .parse::<f64>()
            .ok()
            .filter(|v| v.is_finite())
            .map(|v| v.signum() as i8),
    }
}

/// The run's messages, in reading order, with their names in one name space.
#[derive(Default)]
pub(super) struct Messages {
    names: HashMap<String, u32>,
    name_list: Vec<String>,
    platforms: HashMap<String, u32>,
    platform_list: Vec<String>,
    messages: Vec<Message>,
    times: Vec<DateTime>,
    sentiment: Vec<Option<i8>>,
    /// Sources whose sentiment came from the lexicon.
    lexicon_sources: std::collections::BTreeSet<u32>,
}

impl Messages {
    fn name(&mut self, name: &str) -> u32 {
        if let Some(id) = self.names.get(name) {
            return *id;
        }
        let id = self.name_list.len() as u32;
        self.name_list.push(name.to_string());
        self.names.insert(name.to_string(), id);
        id
    }

    /// Adds a counted message row (in the turn, so in reading order); returns its index.
    pub fn push(&mut self, row: &Parsed, cells: &MessageCells, w: &Worker, source: u32) -> usize {
        let brand = if row.brand == NONE {
            NONE
        } else {
            self.name(&w.brands.names[row.brand as usize])
        };
        let platform_name = &w.platforms.names[row.platform as usize];
        let platform = match self.platforms.get(platform_name) {
            Some(p) => *p,
            None => {
                let p = self.platform_list.len() as u32;
                self.platform_list.push(platform_name.clone());
                self.platforms.insert(platform_name.clone(), p);
                p
            }
        };
        let seed = super::pair_seed("", platform_name);
        // Names cost memory a distinct name: a customer's own name is never needed (only a brand message's
        // author speaks for a brand), and handles only when the row names no brand.
        let author = match (&cells.author, cells.from_brand) {
            (Some(a), true) => self.name(a),
            _ => NONE,
        };
        let mut handles = [NONE; 2];
        if brand == NONE && !cells.from_brand {
            for (slot, h) in handles.iter_mut().zip(&cells.handles) {
                if let Some(h) = h {
                    *slot = self.name(h);
                }
            }
        }
        self.messages.push(Message {
            id: row.id_hash.unwrap_or_default() as u64,
            reply_to: cells
                .reply_to
                .as_deref()
                .map(|r| xxhash_rust::xxh3::xxh3_128_with_seed(r.as_bytes(), seed) as u64),
            at: seconds(&row.time),
            platform,
            brand,
            author,
            from_brand: cells.from_brand,
            handles,
            line: (source, row.line),
        });
        self.times.push(row.time);
        self.sentiment.push(cells.sentiment);
        if cells.by_lexicon {
            self.lexicon_sources.insert(source);
        }
        self.messages.len() - 1
    }

    /// Matches the replies and folds the messages of the kept brands into `map`; returns the report, and each
    /// message's outcome when `outcomes` is asked for.
    pub fn resolve(
        self,
        map: &mut FoldMap,
        grain: crate::metrics::Grain,
        kept: Option<&[String]>,
        source_names: &[String],
        outcomes: bool,
    ) -> (Option<ConversationReport>, Option<MessageOutcomes>) {
        if self.messages.is_empty() {
            return (None, None);
        }
        let matched = conversation::match_replies(&self.messages);
        let keep = |b: &str| kept.is_none_or(|k| k.iter().any(|x| x == b));
        let outcomes = outcomes.then(|| {
            let mut of = vec![Outcome::default(); self.messages.len()];
            for inbound in &matched.inbound {
                if keep(&self.name_list[inbound.brand as usize]) {
                    of[inbound.index] = Outcome {
                        brand: inbound.brand,
                        inbound: true,
                        response: inbound.response,
                    };
                }
            }
            for &(i, brand) in &matched.brand_messages {
                if keep(&self.name_list[brand as usize]) {
                    of[i] = Outcome {
                        brand,
                        inbound: false,
                        response: None,
                    };
                }
            }
            MessageOutcomes {
                names: self.name_list.clone(),
                of,
            }
        });
        let mut report = ConversationReport {
            messages: self.messages.len() as u64,
            inbound: 0,
            answered: 0,
            brand_messages: 0,
            other_brands: 0,
            unattributed: Listed::default(),
            orphans: Listed::default(),
            early: Listed::default(),
            sentiment_by_lexicon: self
                .lexicon_sources
                .iter()
                .filter_map(|s| source_names.get(*s as usize).cloned())
                .collect(),
        };
        let at = |i: usize| {
            let (s, line) = self.messages[i].line;
            MessageAt {
                source_name: source_names.get(s as usize).cloned().unwrap_or_default(),
                line,
            }
        };
        for (list, ix) in [
            (&mut report.unattributed, &matched.unattributed),
            (&mut report.orphans, &matched.orphans),
            (&mut report.early, &matched.early),
        ] {
            list.total = ix.len() as u64;
            list.listed = ix.iter().take(LISTED).map(|i| at(*i)).collect();
        }
        // The accumulator of message `i`'s brand × platform × bucket, when its brand is kept.
        let key = |brand: u32, i: usize| -> Option<(String, String, i64)> {
            let name = &self.name_list[brand as usize];
            keep(name).then(|| {
                let platform = self.platform_list[self.messages[i].platform as usize].clone();
                (name.clone(), platform, grain.bucket_of_key(grain.key(&self.times[i])))
            })
        };
        let times = &self.times;
        fn acc<'m>(map: &'m mut FoldMap, key: (String, String, i64), time: &DateTime) -> &'m mut Acc {
            let a = map.entry(key).or_default();
            a.span_days(time);
            a
        }
        for inbound in &matched.inbound {
            let Some(k) = key(inbound.brand, inbound.index) else {
                report.other_brands += 1;
                continue;
            };
            acc(map, k, &times[inbound.index]).add_inbound(inbound.response, self.sentiment[inbound.index]);
            report.inbound += 1;
            report.answered += u64::from(inbound.response.is_some());
        }
        for &(i, brand) in &matched.brand_messages {
            let Some(k) = key(brand, i) else {
                report.other_brands += 1;
                continue;
            };
            acc(map, k, &times[i]).add_brand_message();
            report.brand_messages += 1;
        }
        (Some(report), outcomes)
    }
}

/// A conversation row handed to the caller ([`super::Record::Message`]), in reading order.
#[derive(Debug, Clone, PartialEq)]
pub struct MessageRow {
    /// Its position among the run's messages: the key of its [`Outcome`] in [`MessageOutcomes`].
    pub index: usize,
    /// The brand its row names, if any (matching may find it otherwise: see its outcome).
    pub brand: Option<String>,
    /// The platform.
    pub platform: String,
    /// The message's id.
    pub message_id: String,
    /// When it was written.
    pub time: DateTime,
    /// Whether the brand wrote it.
    pub from_brand: bool,
    /// Its text.
    pub text: Option<String>,
    /// The export's sentiment, or the lexicon's (1, −1, 0).
    pub sentiment: Option<i8>,
}

/// What reply matching found for one message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Outcome {
    /// Its brand (an index into [`MessageOutcomes::names`]), or [`NONE`] when it belongs to no kept brand
    /// (unattributed, another brand, an orphan or early reply).
    pub brand: u32,
    /// True for a customer's message, false for the brand's own.
    pub inbound: bool,
    /// For a customer's message: seconds to its brand's first reply, `None` when unanswered.
    pub response: Option<i64>,
}

impl Default for Outcome {
    fn default() -> Outcome {
        Outcome {
            brand: NONE,
            inbound: false,
            response: None,
        }
    }
}

/// Each message's [`Outcome`], by [`MessageRow::index`]: 24 bytes a message, kept only when the caller asked
/// for records (the plugins' comparisons over messages).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MessageOutcomes {
    /// The names [`Outcome::brand`] indexes.
    pub names: Vec<String>,
    /// One outcome a message, in reading order.
    pub of: Vec<Outcome>,
}

impl MessageOutcomes {
    /// The message's kept brand, whether it is a customer's, and its response in seconds; `None` when it belongs
    /// to no kept brand.
    pub fn get(&self, index: usize) -> Option<(&str, bool, Option<i64>)> {
        let o = self.of.get(index)?;
        (o.brand != NONE).then(|| (self.names[o.brand as usize].as_str(), o.inbound, o.response))
    }
}

/// Where a message was read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MessageAt {
    /// The source's name.
    pub source_name: String,
    /// The physical line of its row.
    pub line: u64,
}

/// A count and the first [`LISTED`] of what it counts.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Listed {
    /// How many.
    pub total: u64,
    /// The first ones, in reading order.
    pub listed: Vec<MessageAt>,
}

/// What reply matching found over every conversation source of a run (see [`crate::conversation`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConversationReport {
    /// Messages counted (duplicates, bad rows and other brands' rows left out).
    pub messages: u64,
    /// Inbound messages of the kept brands.
    pub inbound: u64,
    /// Of which answered by their brand.
    pub answered: u64,
    /// Messages written by the kept brands.
    pub brand_messages: u64,
    /// Messages whose brand, found by matching, is outside the comparison set.
    pub other_brands: u64,
    /// Inbound messages no brand could be found for (no brand column, no reply, no known `@handle`), and brand
    /// messages with neither a brand nor an author.
    pub unattributed: Listed,
    /// Brand replies to a message that is not in the data (its brand and time are not guessed).
    pub orphans: Listed,
    /// Brand replies dated before the message they answer.
    pub early: Listed,
    /// The sources without a sentiment column, whose customers' messages were read by the sentiment lexicon
    /// (see [`crate::sentiment`]).
    #[serde(default)]
    pub sentiment_by_lexicon: Vec<String>,
}
