//! The one ingestion engine: every command that reads exports (`bench`, `aggregate`, the evidence facts,
//! the plugins' comparisons, [`crate::ingest`]) reads them here, with the same row semantics.
//!
//! For each source: decode ([`crate::decode`]: encoding and delimiter) → read the header and map its
//! columns ([`mapping`]: each column used or reported as ignored) → cut the text into chunks at record
//! boundaries → on each of `threads` workers, split a chunk into records ([`split`]) and parse the cells
//! the mapping uses → in file order, one chunk at a time (the *turn*), give each record its exact physical
//! line, drop duplicate post ids and report bad rows → fold the rows into the worker's own [`FoldMap`].
//! The workers' folds are merged at the end into one [`Fold`].
//!
//! Row semantics, the same for every command:
//! - a record with fewer fields than the header, or more non-empty ones, is a bad row;
//! - a bad row is skipped and reported as `file:line: column `header`: reason`, where `line` is the physical
//!   line where the record starts (header = 1; CRLF and newlines inside quotes counted); `strict` stops
//!   at the first one;
//! - an empty cell, `-`, `N/A` … is missing, never zero;
//! - a post id seen before for the same brand and platform (in any source of the run) is counted once:
//!   the first record in reading order is kept and the others reported with both lines. The engine keeps
//!   72 bits of a hash and where it was first seen per distinct id (a 16-byte slot, the table at most 3/4
//!   full: 21 to 43 bytes an id), for the brands it keeps only; two different ids of one brand on one
//!   platform are taken for one with a probability below 10⁻⁸ for ten million ids (see [`ids`]);
//! - with a comparison set ([`Options::brands`]), rows of other brands are skipped at the brand cell,
//!   without parsing the rest of the row, and counted per brand;
//! - rows dated outside `since`/`until` are counted, not folded.
//!
//! Memory is `threads × chunk size` for the text, plus the fold (brands kept × platforms × buckets), plus
//! the duplicate table, whatever the file size.

mod groups;
mod ids;
mod intern;
pub mod mapping;
mod messages;
pub mod number;
pub mod split;

use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};
use std::hash::{BuildHasherDefault, Hasher};
use std::io::Read;
use std::sync::{Condvar, Mutex};

use encoding_rs::Encoding;
use serde::{Deserialize, Serialize};

use crate::cell;
use crate::civil::{DateTime, Precision};
use crate::decode;
use crate::error::{IngestError, RowError, RowReason};
use crate::field::{self, Field};
use crate::metrics::FollowerSeries;
use crate::metrics::fold::{AccountFigures, Fold, FoldMap, FoldSource, Grain, PostFigures};
use crate::metrics::registry::{ActionSet, actions_for};
use crate::model::{AccountRow, Post};
use crate::profile::Profile;

pub use mapping::{ColumnUse, ColumnWarning, Kind};
pub use messages::{ConversationReport, Listed, MessageAt, MessageOutcomes, MessageRow, Outcome};

/// How many bad rows and duplicates a report lists; the rest are counted.
pub const LISTED: usize = 1000;

/// One export to read.
pub struct Source<'a> {
    /// The name used in messages (a path, usually).
    pub name: String,
    /// The bytes.
    pub reader: Box<dyn Read + Send + 'a>,
    /// How its columns map to fields.
    pub profile: Profile,
    /// Posts or account rows.
    pub kind: Kind,
}

/// Options of one run of the engine.
#[derive(Debug, Clone)]
pub struct Options {
    /// Stop at the first bad row.
    pub strict: bool,
    /// Source encoding for every source, overriding detection and profiles.
    pub encoding: Option<&'static Encoding>,
    /// Worker threads (at least 1).
    pub threads: usize,
    /// Bytes of text per chunk.
    pub chunk_size: usize,
    /// Width of the fold's buckets.
    pub grain: Grain,
    /// The brands to keep (the client and its competitors); every brand when `None`.
    pub brands: Option<Vec<String>>,
    /// First day kept (inclusive).
    pub since: Option<DateTime>,
    /// Last day kept (inclusive).
    pub until: Option<DateTime>,
    /// Delimiter for every source, overriding detection and profiles.
    pub delimiter: Option<u8>,
    /// The years a row may be dated in; a row outside is a bad row (a year 9999 typo must not stretch the
    /// data period over eight thousand years). The CLI passes 2000 to next year.
    pub years: std::ops::RangeInclusive<i32>,
    /// The sources' total size in bytes, when known: with every brand kept, the table of post ids is then
    /// sized once, from the first chunk, instead of growing (a hint; a wrong one costs only time).
    pub size_hint: Option<u64>,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            strict: false,
            encoding: None,
            threads: 2,
            // 256 KB: a chunk's text and its parsed rows (about 320 bytes a row) stay in a core's L2 cache between
            // the passes over them (split, ids, turn, fold); 4 MB chunks spilled and cost ~10 % more CPU on the
            // 1.09 GB benchmark (bench/README.md, "Chunk size").
            chunk_size: 256 << 10,
            grain: Grain::Day,
            brands: None,
            since: None,
            until: None,
            delimiter: None,
            years: 2000..=2100,
            size_hint: None,
        }
    }
}

/// A post whose id was seen before; it is counted once.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Duplicate {
    /// The repeated post id.
    pub post_id: String,
    /// The source of the repeated record.
    pub source_name: String,
    /// Line of the repeated record.
    pub line: u64,
    /// Source of the record kept.
    pub first_source: String,
    /// Line of the record kept.
    pub first_line: u64,
}

/// What happened while reading one source.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct IngestReport {
    /// The source name given (a path, usually).
    pub source_name: String,
    /// Posts or account rows.
    pub kind: Kind,
    /// The profile used.
    pub profile: String,
    /// The encoding read (`UTF-8`, `gb18030`, `Big5` …).
    pub encoding: String,
    /// How the encoding was decided, in words (`Big5 (detected)`).
    pub encoding_decided: String,
    /// Whether the source started with a byte-order mark.
    pub bom: bool,
    /// The delimiter used.
    pub delimiter: char,
    /// Data records read (header and blank lines excluded).
    pub rows: u64,
    /// Rows counted (folded, or handed on).
    pub accepted: u64,
    /// Rows whose every cell was empty, ignored.
    pub blank_rows: u64,
    /// Rows of brands outside the comparison set, by brand.
    pub other_brands: BTreeMap<String, u64>,
    /// Rows dated outside `since`/`until`.
    pub outside_window: u64,
    /// Bad rows, skipped (the first [`LISTED`]).
    pub skipped: Vec<RowError>,
    /// All bad rows.
    pub skipped_total: u64,
    /// Duplicate post ids dropped after the first (the first [`LISTED`]).
    pub duplicates: Vec<Duplicate>,
    /// All duplicates dropped.
    pub duplicates_total: u64,
    /// Each column and the field it feeds, or why it is ignored.
    pub columns: Vec<ColumnUse>,
    /// The earliest time of a counted row (ISO 8601 to its precision).
    pub first: Option<String>,
    /// The latest time of a counted row.
    pub last: Option<String>,
    /// Whether the rows mostly go from newest to oldest.
    pub newest_first: bool,
}

impl IngestReport {
    /// Returns true if and only if the source has a column (or derived value) for `field`.
    pub fn has_field(&self, field: Field) -> bool {
        self.columns.iter().any(|c| c.field == Some(field))
    }

    /// The ignored columns that deserve a warning.
    pub fn warnings(&self) -> impl Iterator<Item = &ColumnUse> {
        self.columns.iter().filter(|c| c.warning.is_some())
    }
}

/// A row handed to the caller, in file order.
#[derive(Debug, Clone, PartialEq)]
pub enum Record {
    /// A post.
    Post(Post),
    /// An account row.
    Account(AccountRow),
    /// A conversation message; whether it was answered is known only at the end of the run
    /// ([`Ingested::outcomes`], by [`MessageRow::index`]).
    Message(MessageRow),
}

/// A fold as a file: what `chuxin aggregate --format json` writes and `chuxin bench --fold` reads back, so that
/// exports folded once (or elsewhere) can feed comparisons later. `fold` holds every brand × platform × bucket
/// accumulator ([`Fold`]: counts, sums and what the medians need); `sources` each file's report (columns
/// used or ignored, bad rows, duplicates); `first` and `last` the data period read.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FoldDocument {
    /// The first time read (ISO 8601).
    pub first: Option<String>,
    /// The last time read.
    pub last: Option<String>,
    /// Each source's report.
    pub sources: Vec<IngestReport>,
    /// The fold.
    pub fold: Fold,
}

/// The result of a run.
#[derive(Debug, Clone)]
pub struct Ingested {
    /// Everything the metrics need.
    pub fold: Fold,
    /// One report per source, in reading order (account sources first).
    pub reports: Vec<IngestReport>,
    /// Reply matching over the conversation sources, when there were any.
    pub conversation: Option<ConversationReport>,
    /// What matching found for each message handed out as a [`Record::Message`], when records were asked for.
    pub outcomes: Option<MessageOutcomes>,
}

impl Ingested {
    /// Rows of brands outside the comparison set, by brand, over every source.
    pub fn other_brands(&self) -> BTreeMap<String, u64> {
        let mut out = BTreeMap::new();
        for r in &self.reports {
            for (b, n) in &r.other_brands {
                *out.entry(b.clone()).or_default() += n;
            }
        }
        out
    }
}

/// Reads `sources` (account sources first, so that posts without their own follower count can take it
/// from the account rows) into one fold. `on_record`, when given, receives every counted row of the kept
/// brands, in reading order.
pub fn run(
    sources: Vec<Source<'_>>,
    options: &Options,
    progress: &mut (dyn FnMut(u64) + Send),
    mut on_record: Option<&mut (dyn FnMut(Record) + Send)>,
) -> Result<Ingested, IngestError> {
    let (accounts, posts): (Vec<_>, Vec<_>) = sources.into_iter().partition(|s| s.kind == Kind::Accounts);
    let mut run = Run {
        options,
        map: FoldMap::new(),
        ids: ids::Ids::default(),
        bases: Vec::new(),
        series: FollowerSeries::default(),
        fold_sources: Vec::new(),
        reports: Vec::new(),
        done_bytes: 0,
        messages: messages::Messages::default(),
    };
    if let (None, Some(bytes)) = (&options.brands, options.size_hint) {
        run.ids.expect_bytes(bytes);
    }
    let wants = on_record.is_some();
    for source in accounts.into_iter().chain(posts) {
        let mut forward = |r: Record| {
            if let Some(f) = on_record.as_deref_mut() {
                f(r);
            }
        };
        run.source(source, progress, wants, &mut forward)?;
    }
    let names: Vec<String> = run.fold_sources.iter().map(|s| s.name.clone()).collect();
    let (conversation, outcomes) =
        run.messages
            .resolve(&mut run.map, options.grain, options.brands.as_deref(), &names, wants);
    let fold = Fold::from_map(options.grain, options.brands.is_none(), run.fold_sources, run.map);
    Ok(Ingested {
        fold,
        reports: run.reports,
        conversation,
        outcomes,
    })
}

/// A fast hasher for keys that are already hashes or small integers.
#[derive(Default)]
struct Fx(u64);

impl Hasher for Fx {
    fn finish(&self) -> u64 {
        // The multiply leaves the low bits weak; fold the high bits down (murmur3's finaliser).
        let mut h = self.0;
        h ^= h >> 33;
        h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
        h ^= h >> 33;
        h
    }
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            self.write_u64(u64::from_le_bytes(c.try_into().unwrap_or_default()));
        }
        for b in chunks.remainder() {
            self.0 = (self.0.rotate_left(5) ^ u64::from(*b)).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
        }
    }
    fn write_u32(&mut self, i: u32) {
        self.write_u64(u64::from(i));
    }
    fn write_u64(&mut self, i: u64) {
        self.0 = (self.0.rotate_left(5) ^ i).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
    fn write_i64(&mut self, i: i64) {
        self.write_u64(i as u64);
    }
    fn write_u128(&mut self, i: u128) {
        self.write_u64(i as u64);
        self.write_u64((i >> 64) as u64);
    }
}

struct Run<'o> {
    options: &'o Options,
    map: FoldMap,
    ids: ids::Ids,
    /// Per source, the line each chunk starts at (to give a duplicate's first record its line).
    bases: Vec<Vec<u64>>,
    series: FollowerSeries,
    fold_sources: Vec<FoldSource>,
    reports: Vec<IngestReport>,
    done_bytes: u64,
    messages: messages::Messages,
}

/// Each field's place in [`NUMERIC`] (`u8::MAX` for fields that are not numbers).
const NUMERIC_SLOT: [u8; Field::ALL.len()] = {
    let mut slots = [u8::MAX; Field::ALL.len()];
    let mut i = 0;
    while i < NUMERIC.len() {
        slots[NUMERIC[i] as usize] = i as u8;
        i += 1;
    }
    slots
};

/// The fields whose cells are numbers.
const NUMERIC: [Field; 19] = [
    Field::Followers,
    Field::Impressions,
    Field::Reach,
    Field::Views,
    Field::Likes,
    Field::Comments,
    Field::Shares,
    Field::Saves,
    Field::Clicks,
    Field::BrandReplies,
    Field::Engagements,
    Field::Posts,
    Field::Mentions,
    Field::MentionsPositive,
    Field::MentionsNegative,
    Field::MentionsNeutral,
    Field::MessagesIn,
    Field::MessagesAnswered,
    Field::ResponseMinutes,
];

/// One parsed record of a kept brand, its cells still borrowed from the chunk.
struct Parsed {
    brand: u32,
    platform: u32,
    /// The worker's (brand, platform) pair.
    pair: u32,
    time: DateTime,
    /// Numeric cells in the order of [`NUMERIC`], NaN for missing (8 bytes a cell keeps the row small).
    nums: [f64; NUMERIC.len()],
    promotional: Option<bool>,
    post_type: Option<Held>,
    post_id: Option<Held>,
    text: Option<Held>,
    id_hash: Option<u128>,
    line: u64,
    /// Where an earlier record of the same id was found when the chunk's ids were recorded.
    found: Option<ids::Pos>,
    duplicate: bool,
    /// A conversation row's own cells (`None` for posts and account rows).
    message: Option<Box<messages::MessageCells>>,
}

/// A cell's text kept past parsing: where it lies in the chunk, or its own copy when quotes were undone.
enum Held {
    Span(usize, usize),
    Owned(String),
}

impl Held {
    fn new(data: &[u8], text: Cow<'_, str>) -> Held {
        match text {
            Cow::Borrowed(t) => {
                let start = (t.as_ptr() as usize).wrapping_sub(data.as_ptr() as usize);
                if start <= data.len() && start + t.len() <= data.len() {
                    Held::Span(start, start + t.len())
                } else {
                    Held::Owned(t.to_string())
                }
            }
            Cow::Owned(t) => Held::Owned(t),
        }
    }

    fn get<'a>(&'a self, data: &'a [u8]) -> &'a str {
        match self {
            // The span was cut from valid UTF-8 at character boundaries when the row was parsed.
            Held::Span(a, b) => std::str::from_utf8(&data[*a..*b]).unwrap_or_default(),
            Held::Owned(t) => t,
        }
    }
}

impl Parsed {
    fn num(&self, f: Field) -> Option<f64> {
        let v = *self.nums.get(usize::from(NUMERIC_SLOT[f as usize]))?;
        (!v.is_nan()).then_some(v)
    }
}

/// A bad row found by a worker, its line relative to the chunk.
struct Bad {
    line: u64,
    column: Option<usize>,
    reason: RowReason,
}

/// Names seen by one worker: raw cell → dense id.
#[derive(Default)]
struct Names {
    ids: HashMap<Box<str>, u32, BuildHasherDefault<Fx>>,
    names: Vec<String>,
}

impl Names {
    fn id(&mut self, raw: &str, canonical: impl FnOnce(&str) -> String) -> (u32, bool) {
        if let Some(id) = self.ids.get(raw) {
            return (*id, false);
        }
        let id = self.names.len() as u32;
        self.names.push(canonical(raw));
        self.ids.insert(raw.into(), id);
        (id, true)
    }
}

/// One worker's state, kept across chunks of one source.
struct Worker {
    brands: Names,
    /// Raw brand cells → brand id (`None` until the cell has been read once).
    raw_brands: intern::Interner,
    raw_brand: Vec<Option<u32>>,
    /// Raw platform cells → platform id, and the raw id waiting for its first reading.
    raw_platforms: intern::Interner,
    raw_platform: Vec<Option<u32>>,
    pending_platform: Option<u32>,
    /// Per brand id: kept (in the comparison set) or not.
    kept: Vec<bool>,
    /// Rows per brand id outside the set.
    other_rows: Vec<u64>,
    platforms: Names,
    sets: Vec<&'static ActionSet>,
    /// (brand, platform, bucket) → accumulator.
    groups: groups::Groups,
    rows: u64,
    blank: u64,
    outside: u64,
    accepted: u64,
    first: Option<DateTime>,
    last: Option<DateTime>,
    fields: Vec<(usize, usize)>,
}

impl Worker {
    fn new() -> Worker {
        Worker {
            brands: Names::default(),
            raw_brands: intern::Interner::default(),
            raw_brand: Vec::new(),
            raw_platforms: intern::Interner::default(),
            raw_platform: Vec::new(),
            pending_platform: None,
            kept: Vec::new(),
            other_rows: Vec::new(),
            platforms: Names::default(),
            sets: Vec::new(),
            groups: groups::Groups::default(),
            rows: 0,
            blank: 0,
            outside: 0,
            accepted: 0,
            first: None,
            last: None,
            fields: Vec::new(),
        }
    }
}

/// The ordered part of a source's run: line numbers, duplicates, reports, records.
struct Turn<'r> {
    next: u64,
    lines: u64,
    /// Per source, the line each chunk starts at; this source's last.
    bases: &'r mut Vec<Vec<u64>>,
    /// The sources read before this one (for duplicates first seen there).
    earlier: &'r [FoldSource],
    source_index: u32,
    skipped: Vec<RowError>,
    skipped_total: u64,
    duplicates: Vec<Duplicate>,
    duplicates_total: u64,
    fatal: Option<IngestError>,
    up: u64,
    down: u64,
    prev_time: Option<DateTime>,
    on_record: &'r mut (dyn FnMut(Record) + Send),
    wants_records: bool,
    /// The run's conversation messages so far.
    messages: &'r mut messages::Messages,
}

struct Reader<'a> {
    text: Box<dyn Read + Send + 'a>,
    carry: Vec<u8>,
    eof: bool,
    index: u64,
    error: Option<std::io::Error>,
}

impl Run<'_> {
    fn source(
        &mut self,
        source: Source<'_>,
        progress: &mut (dyn FnMut(u64) + Send),
        wants_records: bool,
        on_record: &mut (dyn FnMut(Record) + Send),
    ) -> Result<(), IngestError> {
        let name = source.name.clone();
        let io_err = |e| IngestError::io(&name, e);
        let profile = &source.profile;
        let encoding = match (self.options.encoding, &profile.encoding) {
            (Some(e), _) => Some(e),
            (None, Some(label)) => Some(
                decode::encoding_for_label(label)
                    .ok_or_else(|| IngestError::UnknownEncoding { name: label.clone() })?,
            ),
            (None, None) => None,
        };
        let delimiter = match self.options.delimiter {
            Some(d) => Some(d),
            None => profile
                .delimiter_byte()
                .map_err(|e| IngestError::io(&name, std::io::Error::other(e.to_string())))?,
        };
        let base_bytes = self.done_bytes;
        let read_bytes = std::sync::atomic::AtomicU64::new(0);
        let mut counter = |n: u64| read_bytes.store(n, std::sync::atomic::Ordering::Relaxed);
        let counted = decode::ProgressReader::new(source.reader, &mut counter);
        let (sniffed, mut text) = decode::open(counted, encoding, delimiter).map_err(io_err)?;
        let delim = sniffed.delimiter;
        let encoding_decided = sniffed.describe();

        // The header: the first record.
        let mut carry = Vec::with_capacity(self.options.chunk_size + (1 << 16));
        let header_end = loop {
            if let Some(end) = split::record_end(&carry, 0) {
                break end;
            }
            let before = carry.len();
            (&mut text).take(1 << 16).read_to_end(&mut carry).map_err(io_err)?;
            if carry.len() == before {
                if carry.iter().all(|b| b.is_ascii_whitespace()) {
                    return Err(IngestError::Empty {
                        source_name: name.clone(),
                    });
                }
                break carry.len();
            }
            if carry.len() > MAX_HEADER {
                return Err(IngestError::io(
                    &name,
                    std::io::Error::other(format!(
                        "the header row is longer than {} MB (not a CSV export, or a quote is never closed)",
                        MAX_HEADER >> 20
                    )),
                ));
            }
        };
        let header_bytes = &carry[..header_end];
        let header_text = std::str::from_utf8(header_bytes).map_err(|_| IngestError::Decode {
            source_name: name.clone(),
            encoding: sniffed.encoding.name().to_string(),
            line: 1,
        })?;
        let headers: Vec<String> = csv::ReaderBuilder::new()
            .delimiter(delim)
            .has_headers(false)
            .flexible(true)
            .from_reader(header_text.as_bytes())
            .records()
            .next()
            .and_then(Result::ok)
            .map(|r| r.iter().map(|h| cell::trim(h).to_string()).collect())
            .unwrap_or_default();
        let mapping = mapping::Mapping::new(headers, profile, source.kind, &name, &encoding_decided)?;
        let header_lines = 1 + memchr::memchr_iter(b'\n', header_bytes).count() as u64;
        carry.drain(..(header_end + 1).min(carry.len()));
        let numeric_share = sample_numeric(&carry, delim, mapping.headers.len());
        let columns = mapping.uses(&numeric_share);
        if self.options.strict
            && let Some(c) = columns.iter().find(|c| c.warning.is_some())
        {
            return Err(IngestError::IgnoredColumn {
                source_name: name.clone(),
                column: mapping::excerpt(&c.header),
                reason: c.warning.unwrap_or(ColumnWarning::LooksLikeMeasure),
            });
        }

        let source_index = self.fold_sources.len() as u32;
        let kept: Option<std::collections::HashSet<&str>> = self
            .options
            .brands
            .as_ref()
            .map(|b| b.iter().map(String::as_str).collect());
        let shared = Shared {
            mapping: &mapping,
            kind: source.kind,
            delim,
            kept: kept.as_ref(),
            since: self.options.since.map(|d| d.days()),
            years: self.options.years.clone(),
            until: self.options.until.map(|d| d.last_day()),
            grain: self.options.grain,
            strict: self.options.strict,
            source_index,
            source_name: &name,
            series: &self.series,
            records: wants_records,
            ids: &self.ids,
        };
        let reader = Mutex::new(Reader {
            text,
            carry,
            eof: false,
            index: 0,
            error: None,
        });
        self.bases.push(Vec::new());
        let turn = Mutex::new(Turn {
            next: 0,
            lines: header_lines + 1,
            bases: &mut self.bases,
            earlier: &self.fold_sources,
            source_index,
            skipped: Vec::new(),
            skipped_total: 0,
            duplicates: Vec::new(),
            duplicates_total: 0,
            fatal: None,
            up: 0,
            down: 0,
            prev_time: None,
            on_record,
            wants_records,
            messages: &mut self.messages,
        });
        let turn_done = Condvar::new();
        let threads = self.options.threads.max(1);
        let chunk_size = self.options.chunk_size.max(1 << 12);
        let progress = Mutex::new(progress);
        let workers: Vec<Worker> = std::thread::scope(|scope| {
            let handles: Vec<_> = (0..threads)
                .map(|_| {
                    let (shared, reader, turn, turn_done) = (&shared, &reader, &turn, &turn_done);
                    let (progress, read_bytes) = (&progress, &read_bytes);
                    scope.spawn(move || {
                        let mut on_bytes = || {
                            if let Ok(mut p) = progress.lock() {
                                (*p)(base_bytes + read_bytes.load(std::sync::atomic::Ordering::Relaxed));
                            }
                        };
                        work(shared, reader, turn, turn_done, chunk_size, &mut on_bytes)
                    })
                })
                .collect();
            handles.into_iter().filter_map(|h| h.join().ok()).collect()
        });
        self.done_bytes = base_bytes + read_bytes.load(std::sync::atomic::Ordering::Relaxed);
        let reader = reader.into_inner().unwrap_or_else(std::sync::PoisonError::into_inner);
        let turn = turn.into_inner().unwrap_or_else(std::sync::PoisonError::into_inner);
        if let Some(e) = reader.error {
            if e.get_ref().is_some_and(|inner| inner.is::<LongRecord>()) {
                // Every chunk before the long record has had its turn: the line count is where it starts.
                return Err(IngestError::Row(Box::new(RowError {
                    source_name: name.clone(),
                    line: turn.lines,
                    column: None,
                    reason: RowReason::LongRecord(MAX_RECORD >> 20),
                })));
            }
            return Err(IngestError::io(&name, e));
        }
        if let Some(e) = turn.fatal {
            return Err(e);
        }
        let newest_first = turn.down > turn.up;
        let mut report = IngestReport {
            source_name: name.clone(),
            kind: source.kind,
            profile: profile.name.clone(),
            encoding: sniffed.encoding.name().to_string(),
            encoding_decided,
            bom: sniffed.bom,
            delimiter: char::from(delim),
            rows: 0,
            accepted: 0,
            blank_rows: 0,
            other_brands: BTreeMap::new(),
            outside_window: 0,
            skipped: turn.skipped,
            skipped_total: turn.skipped_total,
            duplicates: turn.duplicates,
            duplicates_total: turn.duplicates_total,
            columns,
            first: None,
            last: None,
            newest_first,
        };
        let (mut first, mut last): (Option<DateTime>, Option<DateTime>) = (None, None);
        for w in workers {
            report.rows += w.rows;
            report.blank_rows += w.blank;
            report.outside_window += w.outside;
            report.accepted += w.accepted;
            first = match (first, w.first) {
                (Some(a), Some(b)) => Some(a.min(b)),
                (a, b) => a.or(b),
            };
            last = match (last, w.last) {
                (Some(a), Some(b)) => Some(a.max(b)),
                (a, b) => a.or(b),
            };
            for (id, n) in w.other_rows.iter().enumerate() {
                if *n > 0 {
                    *report.other_brands.entry(w.brands.names[id].clone()).or_default() += n;
                }
            }
            let grain = self.options.grain;
            for (b, p, bucket, acc) in w.groups.into_groups() {
                let key = (
                    w.brands.names[b as usize].clone(),
                    w.platforms.names[p as usize].clone(),
                    grain.bucket_of_key(bucket),
                );
                match self.map.get_mut(&key) {
                    Some(a) => a.merge(&acc),
                    None => {
                        self.map.insert(key, acc);
                    }
                }
            }
        }
        report.first = first.map(|t| t.to_iso());
        report.last = last.map(|t| t.to_iso());
        if source.kind == Kind::Accounts {
            self.series_from_fold();
        }
        self.fold_sources.push(FoldSource { name, newest_first });
        self.reports.push(report);
        Ok(())
    }

    /// Rebuilds the follower series posts take their followers from, from the account rows folded so far.
    fn series_from_fold(&mut self) {
        // With day buckets, each bucket's latest count is that day's count.
        let mut series = FollowerSeries::default();
        for ((brand, platform, _), acc) in &self.map {
            if let (Some(day), Some(f)) = (acc.first_day, acc.latest_account_followers()) {
                series.add(brand, platform, day, f);
            }
        }
        series.sort();
        self.series = series;
    }
}

/// The longest record accepted beyond a chunk: 16 MB, whatever the text holds.
const MAX_RECORD: usize = 16 << 20;

/// A record longer than [`MAX_RECORD`] (the reader's error, turned into a bad row with its line).
#[derive(Debug)]
struct LongRecord;

impl std::fmt::Display for LongRecord {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a record longer than the limit")
    }
}

impl std::error::Error for LongRecord {}

/// The longest header row accepted.
const MAX_HEADER: usize = 16 << 20;

/// For each column, the share of non-empty values among the first records of `data` that read as numbers.
fn sample_numeric(data: &[u8], delim: u8, columns: usize) -> Vec<Option<f64>> {
    let end = split::last_boundary(data).unwrap_or(0);
    let mut numeric = vec![0u32; columns];
    let mut filled = vec![0u32; columns];
    let mut fields = Vec::new();
    let mut seen = 0;
    let mut scratch = Vec::new();
    split::records(&data[..end], delim, &mut fields, |spans, _| {
        for (i, &(a, b)) in spans.iter().enumerate().take(columns) {
            let text = split::unquote(&data[a..b], &mut scratch);
            let Ok(text) = std::str::from_utf8(text) else { continue };
            if cell::is_missing(text) {
                continue;
            }
            filled[i] += 1;
            if cell::parse_number(text).is_ok_and(|v| v.is_some()) {
                numeric[i] += 1;
            }
        }
        seen += 1;
        seen < 200
    });
    filled
        .iter()
        .zip(&numeric)
        .map(|(f, n)| (*f >= 5).then(|| f64::from(*n) / f64::from(*f)))
        .collect()
}

/// What every worker of one source shares.
struct Shared<'s> {
    mapping: &'s mapping::Mapping,
    kind: Kind,
    delim: u8,
    kept: Option<&'s std::collections::HashSet<&'s str>>,
    since: Option<i64>,
    years: std::ops::RangeInclusive<i32>,
    until: Option<i64>,
    grain: Grain,
    strict: bool,
    source_index: u32,
    source_name: &'s str,
    series: &'s FollowerSeries,
    /// Whether rows are handed to the caller (their type and text are then read too).
    records: bool,
    /// The post ids seen in the run.
    ids: &'s ids::Ids,
}

fn work(
    shared: &Shared<'_>,
    reader: &Mutex<Reader<'_>>,
    turn: &Mutex<Turn<'_>>,
    turn_done: &Condvar,
    chunk_size: usize,
    progress: &mut dyn FnMut(),
) -> Worker {
    let mut w = Worker::new();
    // The chunk's bytes are `buf[..len]`. `buf` is zeroed once, when it grows, never per chunk: `read` needs
    // initialised bytes, and zeroing every chunk before reading over it cost 1-2 % of the run.
    let mut buf: Vec<u8> = vec![0; chunk_size + (1 << 16)];
    let mut slots: Vec<usize> = Vec::new();
    let mut rows: Vec<Parsed> = Vec::new();
    let mut bad: Vec<Bad> = Vec::new();
    let (mut entries, mut scratch, mut found) = (Vec::new(), Vec::new(), Vec::new());
    loop {
        // Take the next chunk.
        let index;
        let cut;
        {
            let Ok(mut r) = reader.lock() else { return w };
            if r.error.is_some() || (r.eof && r.carry.is_empty()) {
                return w;
            }
            // The last chunk's unfinished record first (at most one record: a small copy).
            let mut len = r.carry.len();
            if buf.len() < len {
                buf.resize(len, 0);
            }
            buf[..len].copy_from_slice(&r.carry);
            r.carry.clear();
            index = r.index;
            r.index += 1;
            let mut target = chunk_size;
            loop {
                while !r.eof && len < target {
                    if buf.len() < target {
                        buf.resize(target, 0);
                    }
                    match r.text.read(&mut buf[len..target]) {
                        Ok(0) => r.eof = true,
                        Ok(n) => len += n,
                        Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                        Err(e) => {
                            r.error = Some(e);
                            // Let the chunks before this one finish their turns, then stop.
                            r.eof = true;
                            break;
                        }
                    }
                }
                if r.eof {
                    cut = len;
                    break;
                }
                if let Some(b) = split::last_boundary(&buf[..len]) {
                    cut = b;
                    break;
                }
                // One record longer than the chunk: read more, up to a bound.
                if len >= chunk_size + MAX_RECORD {
                    r.error = Some(std::io::Error::other(LongRecord));
                    r.eof = true;
                    r.carry.clear();
                    return w;
                }
                target = (target * 2).min(chunk_size + MAX_RECORD);
            }
            r.carry.extend_from_slice(&buf[cut..len]);
        }
        progress();
        let data = &buf[..cut];

        // Parse it.
        rows.clear();
        bad.clear();
        let mut fields = std::mem::take(&mut w.fields);
        // With a comparison set, a row whose brand cell is a known brand outside it stops at that cell.
        let key = match (shared.kept, shared.mapping.column[Field::Brand as usize]) {
            (Some(_), Some(i)) if shared.mapping.derived.iter().all(|d| d.0 != Field::Brand) => i,
            _ => usize::MAX,
        };
        let worker = std::cell::RefCell::new(&mut w);
        let mut last_skipped = 0;
        let scan = split::records_keyed(
            data,
            shared.delim,
            &mut fields,
            key,
            |cell| {
                let mut w = worker.borrow_mut();
                let (raw, new) = w.raw_brands.id(cell);
                if new {
                    w.raw_brand.push(None);
                }
                match w.raw_brand[raw as usize] {
                    Some(id) if !w.kept[id as usize] => {
                        w.rows += 1;
                        w.other_rows[id as usize] += 1;
                        last_skipped = id;
                        true
                    }
                    _ => false,
                }
            },
            |spans, line| {
                match parse(shared, data, spans, line, &mut worker.borrow_mut()) {
                    Ok(Some(row)) => rows.push(row),
                    Ok(None) => {}
                    Err(b) => bad.push(b),
                }
                true
            },
        );
        w.fields = fields;
        if scan.open_quote_skipped {
            // Counted as a row of another brand when its brand cell was read; it is a bad row instead.
            w.other_rows[last_skipped as usize] -= 1;
        }
        if let Some(line) = scan.open_quote {
            // Only the last chunk of a file can end inside a quote (the others end at a record boundary):
            // every line after the quote would be one cell of this record, so the record is a bad row.
            let reason = RowReason::OpenQuote;
            if rows.last().is_some_and(|r| r.line == line) {
                rows.pop();
            }
            match bad.last_mut() {
                Some(b) if b.line == line => {
                    b.column = None;
                    b.reason = reason;
                }
                _ => bad.push(Bad {
                    line,
                    column: None,
                    reason,
                }),
            }
        }

        // Record the chunk's post ids, in parallel with the other workers (see `ids`).
        entries.clear();
        for (i, row) in rows.iter().enumerate() {
            if let Some(hash) = row.id_hash {
                let Some(pos) = ids::Pos::new(shared.source_index, index, row.line) else {
                    if let Ok(mut r) = reader.lock() {
                        r.error = Some(std::io::Error::other(
                            "more than 1,024 files, or 2^20 chunks (256 GB at the default chunk size) in a file, in one run: split the run",
                        ));
                        r.eof = true;
                        r.carry.clear();
                    }
                    return w;
                };
                entries.push(ids::Entry {
                    hash,
                    pos,
                    row: i as u32,
                });
            }
        }
        if !entries.is_empty() {
            shared.ids.size_from(entries.len(), data.len());
            shared.ids.record(&entries, &mut scratch, &mut found);
            for &(i, first) in &found {
                rows[i as usize].found = first;
            }
        }

        // The turn: lines, duplicates, bad rows, records, in file order.
        {
            let Ok(mut t) = turn.lock() else { return w };
            while t.next != index {
                t = match turn_done.wait(t) {
                    Ok(t) => t,
                    Err(_) => return w,
                };
            }
            let base = t.lines;
            t.lines += scan.newlines;
            if t.fatal.is_none() {
                take_turn(&mut t, shared, data, (index, base), &mut rows, &mut bad, &w);
            }
            t.next += 1;
            let stop = t.fatal.is_some();
            drop(t);
            turn_done.notify_all();
            if stop {
                if let Ok(mut r) = reader.lock() {
                    r.eof = true;
                    r.carry.clear();
                }
                return w;
            }
        }

        // Fold the rows kept: every row's accumulator found first, then folded with the accumulators of the
        // rows a few places ahead already on their way to the cache.
        for row in rows.iter().filter(|r| !r.duplicate && r.message.is_some()) {
            // Messages are folded at the end of the run, once replies are matched (see `messages`).
            w.accepted += 1;
            w.first = Some(w.first.map_or(row.time, |f| f.min(row.time)));
            w.last = Some(w.last.map_or(row.time, |l| l.max(row.time)));
        }
        slots.clear();
        for row in rows.iter().filter(|r| !r.duplicate && r.message.is_none()) {
            slots.push(w.groups.acc(row.pair, shared.grain.key(&row.time)));
        }
        for (k, row) in rows.iter().filter(|r| !r.duplicate && r.message.is_none()).enumerate() {
            if let Some(&ahead) = slots.get(k + PREFETCH_AHEAD) {
                prefetch(&w.groups.accs[ahead]);
            }
            fold_row(shared, &mut w, row, slots[k]);
        }
    }
}

fn take_turn(
    t: &mut Turn<'_>,
    shared: &Shared<'_>,
    data: &[u8],
    (chunk, base): (u64, u64),
    rows: &mut [Parsed],
    bad: &mut Vec<Bad>,
    w: &Worker,
) {
    if let Some(bases) = t.bases.last_mut() {
        debug_assert_eq!(bases.len() as u64, chunk);
        bases.push(base);
    }
    let mut bad = bad.drain(..).peekable();
    let report_bad = |t: &mut Turn<'_>, b: Bad| {
        let err = RowError {
            source_name: shared.source_name.to_string(),
            line: base + b.line,
            column: b
                .column
                .and_then(|i| shared.mapping.headers.get(i))
                .map(|h| mapping::excerpt(h)),
            reason: b.reason,
        };
        if shared.strict {
            t.fatal = Some(IngestError::Row(Box::new(err)));
            return;
        }
        t.skipped_total += 1;
        if t.skipped.len() < LISTED {
            t.skipped.push(err);
        }
    };
    for row in rows.iter_mut() {
        while let Some(b) = bad.next_if(|b| b.line < row.line) {
            report_bad(t, b);
            if t.fatal.is_some() {
                return;
            }
        }
        let local = row.line;
        row.line += base;
        if let Some(prev) = t.prev_time {
            match row.time.cmp(&prev) {
                std::cmp::Ordering::Greater => t.up += 1,
                std::cmp::Ordering::Less => t.down += 1,
                std::cmp::Ordering::Equal => {}
            }
        }
        t.prev_time = Some(row.time);
        if row.id_hash.is_some()
            && let Some(pos) = ids::Pos::new(t.source_index, chunk, local)
            && let Some(first) = shared.ids.settle(pos, row.found)
        {
            row.duplicate = true;
            t.duplicates_total += 1;
            if t.duplicates.len() < LISTED {
                let src = first.source() as usize;
                let first_line = t
                    .bases
                    .get(src)
                    .and_then(|b| b.get(first.chunk() as usize))
                    .map_or(0, |b| b + first.line());
                t.duplicates.push(Duplicate {
                    post_id: row.post_id.as_ref().map_or("", |h| h.get(data)).to_string(),
                    source_name: shared.source_name.to_string(),
                    line: row.line,
                    first_source: t
                        .earlier
                        .get(src)
                        .map_or_else(|| shared.source_name.to_string(), |s| s.name.clone()),
                    first_line,
                });
            }
            continue;
        }
        if let Some(cells) = &row.message {
            let index = t.messages.push(row, cells, w, t.source_index);
            if t.wants_records {
                (t.on_record)(Record::Message(MessageRow {
                    index,
                    brand: (row.brand != crate::conversation::NONE).then(|| w.brands.names[row.brand as usize].clone()),
                    platform: w.platforms.names[row.platform as usize].clone(),
                    message_id: row.post_id.as_ref().map_or("", |h| h.get(data)).to_string(),
                    time: row.time,
                    from_brand: cells.from_brand,
                    text: cells.text.clone(),
                    sentiment: cells.sentiment,
                }));
            }
        } else if t.wants_records
            && let Some(record) = to_record(shared, data, row, w)
        {
            (t.on_record)(record);
        }
    }
    for b in bad {
        report_bad(t, b);
        if t.fatal.is_some() {
            return;
        }
    }
}

/// The record handed to the caller; `None` for a conversation row (their records are not handed out yet).
fn to_record(shared: &Shared<'_>, data: &[u8], row: &Parsed, w: &Worker) -> Option<Record> {
    let brand = w.brands.names[row.brand as usize].clone();
    let platform = w.platforms.names[row.platform as usize].clone();
    Some(match shared.kind {
        Kind::Conversations => return None,
        Kind::Posts => Record::Post(Post {
            followers: row.num(Field::Followers),
            impressions: row.num(Field::Impressions),
            reach: row.num(Field::Reach),
            views: row.num(Field::Views),
            likes: row.num(Field::Likes),
            comments: row.num(Field::Comments),
            shares: row.num(Field::Shares),
            saves: row.num(Field::Saves),
            clicks: row.num(Field::Clicks),
            brand_replies: row.num(Field::BrandReplies),
            engagements: row.num(Field::Engagements),
            brand,
            platform,
            post_id: row.post_id.as_ref().map(|h| h.get(data).to_string()),
            time: row.time,
            post_type: row.post_type.as_ref().map(|h| h.get(data).to_lowercase()),
            promotional: row.promotional,
            text: row.text.as_ref().map(|h| h.get(data).to_string()),
            line: row.line,
        }),
        Kind::Accounts => Record::Account(AccountRow {
            followers: row.num(Field::Followers),
            posts: row.num(Field::Posts),
            mentions: row.num(Field::Mentions),
            mentions_positive: row.num(Field::MentionsPositive),
            mentions_negative: row.num(Field::MentionsNegative),
            mentions_neutral: row.num(Field::MentionsNeutral),
            messages_in: row.num(Field::MessagesIn),
            messages_answered: row.num(Field::MessagesAnswered),
            response_minutes: row.num(Field::ResponseMinutes),
            brand,
            platform,
            date: row.time,
            line: row.line,
        }),
    })
}

/// Asks the processor to bring `x` into the cache (a hint: it changes no value and never faults).
#[inline]
fn prefetch<T>(x: &T) {
    #[cfg(target_arch = "x86_64")]
    {
        use std::arch::x86_64::{_MM_HINT_T0, _mm_prefetch};
        let p = std::ptr::from_ref(x).cast::<i8>();
        for offset in (0..std::mem::size_of::<T>()).step_by(64) {
            // SAFETY: a prefetch reads nothing the program sees and cannot fault; the address lies in `x`.
            unsafe { _mm_prefetch::<_MM_HINT_T0>(p.wrapping_add(offset)) };
        }
    }
    #[cfg(not(target_arch = "x86_64"))]
    let _ = x;
}

/// How many rows ahead the fold prefetches accumulators.
const PREFETCH_AHEAD: usize = 6;

fn fold_row(shared: &Shared<'_>, w: &mut Worker, row: &Parsed, index: usize) {
    w.accepted += 1;
    w.first = Some(w.first.map_or(row.time, |f| f.min(row.time)));
    w.last = Some(w.last.map_or(row.time, |l| l.max(row.time)));
    match shared.kind {
        Kind::Posts => {
            let own = row.num(Field::Followers);
            let followers = own.or_else(|| {
                if shared.series.is_empty() {
                    return None;
                }
                shared.series.followers_on(
                    &w.brands.names[row.brand as usize],
                    &w.platforms.names[row.platform as usize],
                    row.time.days(),
                )
            });
            let figures = PostFigures {
                followers,
                impressions: row.num(Field::Impressions),
                reach: row.num(Field::Reach),
                views: row.num(Field::Views),
                likes: row.num(Field::Likes),
                comments: row.num(Field::Comments),
                shares: row.num(Field::Shares),
                saves: row.num(Field::Saves),
                clicks: row.num(Field::Clicks),
                brand_replies: row.num(Field::BrandReplies),
                engagements: row.num(Field::Engagements),
                promotional: row.promotional,
                own_followers: own,
            };
            w.groups.accs[index].add_post(
                &figures,
                w.sets[row.platform as usize],
                &row.time,
                shared.source_index,
                row.line,
            );
        }
        Kind::Accounts => {
            let figures = AccountFigures {
                followers: row.num(Field::Followers),
                mentions: row.num(Field::Mentions),
                positive: row.num(Field::MentionsPositive),
                negative: row.num(Field::MentionsNegative),
                neutral: row.num(Field::MentionsNeutral),
                messages_in: row.num(Field::MessagesIn),
                messages_answered: row.num(Field::MessagesAnswered),
                response_minutes: row.num(Field::ResponseMinutes),
            };
            w.groups.accs[index].add_account(&figures, &row.time, shared.source_index, row.line);
        }
        Kind::Conversations => {}
    }
}

/// A cell's text: quotes undone, UTF-8 checked, trimmed.
fn cell_text<'d>(data: &'d [u8], span: (usize, usize)) -> Result<Cow<'d, str>, RowReason> {
    let raw = &data[span.0..span.1];
    let quoted = raw.len() >= 2 && raw[0] == b'"' && raw[raw.len() - 1] == b'"';
    let inner = if quoted { &raw[1..raw.len() - 1] } else { raw };
    if quoted && memchr::memchr(b'"', inner).is_some() {
        let mut scratch = Vec::new();
        let text = split::unquote(raw, &mut scratch);
        let s = String::from_utf8(text.to_vec()).map_err(|_| invalid_utf8())?;
        return Ok(Cow::Owned(cell::trim(&s).to_string()));
    }
    let s = std::str::from_utf8(inner).map_err(|_| invalid_utf8())?;
    Ok(Cow::Borrowed(cell::trim(s)))
}

fn invalid_utf8() -> RowReason {
    RowReason::InvalidText
}

/// Parses one record: `Ok(None)` for a blank row, a row of another brand or a row outside the window.
fn parse<'d>(
    shared: &Shared<'_>,
    data: &'d [u8],
    spans: &[(usize, usize)],
    line: u64,
    w: &mut Worker,
) -> Result<Option<Parsed>, Bad> {
    let m = shared.mapping;
    let fail = |column: Option<usize>, reason: RowReason| Bad { line, column, reason };
    let empty = |&(a, b): &(usize, usize)| {
        let t = &data[a..b];
        t.iter().all(|c| c.is_ascii_whitespace() || *c == b'"')
    };
    if spans.iter().all(empty) {
        w.blank += 1;
        return Ok(None);
    }
    w.rows += 1;
    if shared.kind == Kind::Conversations {
        return messages::parse(shared, data, spans, line, w);
    }
    let cell_of = |f: Field| -> Option<usize> { m.column[f as usize] };
    // The brand first: rows of other brands stop here.
    let brand_id = match cell_of(Field::Brand) {
        Some(i) if m.derived.iter().all(|d| d.0 != Field::Brand) => {
            let span = spans.get(i).copied().unwrap_or((0, 0));
            // The raw bytes first: a brand seen before costs one probe, whatever its spelling of quotes and spaces.
            let (raw, new) = w.raw_brands.id(&data[span.0..span.1]);
            if new {
                w.raw_brand.push(None);
            }
            match w.raw_brand[raw as usize] {
                Some(id) => id,
                None => {
                    let text = cell_text(data, span).map_err(|e| fail(Some(i), e))?;
                    if text.is_empty() {
                        return Err(fail(Some(i), RowReason::Empty(Field::Brand)));
                    }
                    let id = brand(w, &text, shared);
                    w.raw_brand[raw as usize] = Some(id);
                    id
                }
            }
        }
        _ => {
            let text = text_of(m, data, spans, Field::Brand)
                .map(|r| r.map(|(_, t)| t))
                .transpose()
                .map_err(|(i, e)| fail(Some(i), e))?
                .map(Cow::into_owned)
                .or_else(|| m.brand.clone())
                .unwrap_or_default();
            if text.is_empty() {
                return Err(fail(cell_of(Field::Brand), RowReason::Empty(Field::Brand)));
            }
            brand(w, &text, shared)
        }
    };
    if !w.kept[brand_id as usize] {
        w.other_rows[brand_id as usize] += 1;
        return Ok(None);
    }
    if spans.len() < m.headers.len() {
        return Err(fail(
            None,
            RowReason::ShortRow {
                fields: spans.len(),
                headers: m.headers.len(),
            },
        ));
    }
    if spans.len() > m.headers.len() && !spans[m.headers.len()..].iter().all(empty) {
        return Err(fail(
            None,
            RowReason::LongRow {
                fields: spans.len(),
                headers: m.headers.len(),
            },
        ));
    }
    let get = |f: Field| {
        text_of(m, data, spans, f)
            .transpose()
            .map_err(|(i, e)| fail(Some(i), e))
    };
    let raw_platform = m.column[Field::Platform as usize]
        .filter(|_| m.derived.iter().all(|d| d.0 != Field::Platform))
        .and_then(|i| spans.get(i).map(|&(a, b)| (i, &data[a..b])));
    // As for brands: a platform cell seen before costs one probe.
    w.pending_platform = None;
    let known = raw_platform.and_then(|(_, raw)| {
        let (id, new) = w.raw_platforms.id(raw);
        if new {
            w.raw_platform.push(None);
        }
        w.raw_platform[id as usize].map(|p| (id, p)).or_else(|| {
            w.pending_platform = Some(id);
            None
        })
    });
    let platform = match known.map(|(_, p)| p) {
        Some(p) => p,
        None => match get(Field::Platform)? {
            Some((i, t)) => {
                if t.is_empty() {
                    return Err(fail(Some(i), RowReason::Empty(Field::Platform)));
                }
                let (id, new) = w.platforms.id(&t, field::normalise_platform);
                if new {
                    w.sets.push(actions_for(&w.platforms.names[id as usize]));
                }
                id
            }
            None => {
                let p = m.platform.clone().unwrap_or_default();
                let (id, new) = w.platforms.id(&p, |s| s.to_string());
                if new {
                    w.sets.push(actions_for(&w.platforms.names[id as usize]));
                }
                id
            }
        },
    };
    if let Some(raw) = w.pending_platform.take() {
        w.raw_platform[raw as usize] = Some(platform);
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
    let mut nums = [f64::NAN; NUMERIC.len()];
    for (f, value) in NUMERIC.iter().copied().zip(&mut nums) {
        let cell = if let Some(i) = m.column[f as usize]
            && m.derived.iter().all(|d| d.0 != f)
        {
            let span = spans[i];
            let raw = data[span.0..span.1].trim_ascii();
            let raw = if raw.len() >= 2 && raw[0] == b'"' && raw[raw.len() - 1] == b'"' {
                raw[1..raw.len() - 1].trim_ascii()
            } else {
                raw
            };
            number::number(data, raw).map_err(|e| fail(Some(i), e))?
        } else if let Some((i, t)) = get(f)? {
            cell::parse_count(&t).map_err(|e| fail(Some(i), e.into()))?
        } else {
            None
        };
        *value = cell.unwrap_or(f64::NAN);
    }
    let promotional = match get(Field::Promotional)? {
        Some((i, t)) => cell::parse_flag(&t).map_err(|e| fail(Some(i), e.into()))?,
        None => m.promotional,
    };
    let non_missing = |v: Option<(usize, Cow<'d, str>)>| v.map(|(_, t)| t).filter(|t| !cell::is_missing(t));
    let post_id = non_missing(get(Field::PostId)?);
    let pair = w.groups.pair(brand_id, platform, || {
        pair_seed(
            &w.brands.names[brand_id as usize],
            &w.platforms.names[platform as usize],
        )
    });
    let id_hash = match (&post_id, shared.kind) {
        (Some(id), Kind::Posts) => Some(xxhash_rust::xxh3::xxh3_128_with_seed(
            id.as_bytes(),
            w.groups.get(pair).seed,
        )),
        _ => None,
    };
    Ok(Some(Parsed {
        brand: brand_id,
        platform,
        pair,
        time,
        nums,
        promotional,
        post_type: if shared.records {
            non_missing(get(Field::PostType)?).map(|t| Held::new(data, t))
        } else {
            None
        },
        post_id: post_id.map(|t| Held::new(data, t)),
        text: if shared.records {
            get(Field::Text)?
                .map(|(_, t)| t)
                .filter(|t| !t.is_empty())
                .map(|t| Held::new(data, t))
        } else {
            None
        },
        id_hash,
        line,
        found: None,
        duplicate: false,
        message: None,
    }))
}

fn brand(w: &mut Worker, text: &str, shared: &Shared<'_>) -> u32 {
    let (id, new) = w.brands.id(text, |s| s.to_string());
    if new {
        w.kept.push(shared.kept.is_none_or(|k| k.contains(text)));
        w.other_rows.push(0);
    }
    id
}

/// The seed of a (brand, platform) pair's post id hashes: the same in every worker and every source.
fn pair_seed(brand: &str, platform: &str) -> u64 {
    let mut h = xxhash_rust::xxh3::Xxh3::new();
    for part in [brand, platform] {
        h.update(&(part.len() as u64).to_le_bytes());
        h.update(part.as_bytes());
    }
    h.digest()
}

type CellResult<'d> = Option<Result<(usize, Cow<'d, str>), (usize, RowReason)>>;

/// The text of field `f` in this record: its column, or the part of another column a profile derives it
/// from.
fn text_of<'d>(m: &mapping::Mapping, data: &'d [u8], spans: &[(usize, usize)], f: Field) -> CellResult<'d> {
    if let Some((_, i, sep, part)) = m.derived.iter().find(|d| d.0 == f) {
        let span = spans.get(*i).copied().unwrap_or((0, 0));
        return Some(match cell_text(data, span) {
            Ok(whole) => Ok((
                *i,
                Cow::Owned(cell::trim(whole.split(sep.as_str()).nth(*part).unwrap_or("")).to_string()),
            )),
            Err(e) => Err((*i, e)),
        });
    }
    let i = m.column[f as usize]?;
    let span = spans.get(i).copied().unwrap_or((0, 0));
    Some(cell_text(data, span).map(|t| (i, t)).map_err(|e| (i, e)))
}

/// The record's date and time: its time cell (empty or unreadable is a bad row), else a date built from its
/// year / month / day / hour cells. Posts and conversation messages read it the same way.
fn row_time(m: &mapping::Mapping, data: &[u8], spans: &[(usize, usize)]) -> Result<DateTime, (usize, RowReason)> {
    match text_of(m, data, spans, Field::Time) {
        Some(cell) => {
            let (i, t) = cell?;
            if t.is_empty() {
                return Err((i, RowReason::Empty(Field::Time)));
            }
            DateTime::parse(&t, m.date_order).ok_or_else(|| {
                (
                    i,
                    RowReason::NotADate {
                        text: mapping::excerpt(&t),
                    },
                )
            })
        }
        None => split_date(m, data, spans),
    }
}

/// Builds a date from year / month / day / hour columns (or the profile's constant year).
fn split_date(m: &mapping::Mapping, data: &[u8], spans: &[(usize, usize)]) -> Result<DateTime, (usize, RowReason)> {
    let part = |f: Field| -> Result<Option<(usize, u32)>, (usize, RowReason)> {
        let Some(r) = text_of(m, data, spans, f) else {
            return Ok(None);
        };
        let (i, t) = r?;
        match cell::parse_number(&t) {
            Ok(Some(v)) if v >= 0.0 && v.fract() == 0.0 && v < 100_000.0 => Ok(Some((i, v as u32))),
            Ok(None) => Err((i, RowReason::Empty(f))),
            _ => Err((
                i,
                RowReason::NotAPart {
                    text: mapping::excerpt(&t),
                    field: f,
                },
            )),
        }
    };
    let month = part(Field::Month)?.ok_or((0, RowReason::Empty(Field::Month)))?;
    let year = match part(Field::Year)? {
        Some((_, y)) => y as i32,
        None => m.year.unwrap_or(1970),
    };
    let day = part(Field::Day)?;
    let bad_date = || {
        (
            month.0,
            RowReason::NoSuchDay {
                year,
                month: month.1,
                day: day.map_or(1, |d| d.1),
            },
        )
    };
    let mut dt = DateTime::from_ymd(
        year,
        u8::try_from(month.1).map_err(|_| bad_date())?,
        day.map_or(Ok(1), |d| u8::try_from(d.1).map_err(|_| bad_date()))?,
    )
    .ok_or_else(bad_date)?;
    dt.precision = if day.is_some() {
        Precision::Day
    } else {
        Precision::Month
    };
    if let Some((i, h)) = part(Field::Hour)? {
        if h > 23 {
            return Err((i, RowReason::NotAnHour(h)));
        }
        dt.hour = h as u8;
    }
    Ok(dt)
}

/// Reads one source into a fold over every brand (the small-input convenience used by tests and tools).
pub fn fold_one<R: Read + Send>(
    reader: R,
    source_name: &str,
    profile: &Profile,
    kind: Kind,
    options: &Options,
) -> Result<Ingested, IngestError> {
    run(
        vec![Source {
            name: source_name.to_string(),
            reader: Box::new(reader),
            profile: profile.clone(),
            kind,
        }],
        options,
        &mut |_| {},
        None,
    )
}
