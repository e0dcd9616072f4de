//! The fast path: brand × platform × month totals over a post-level export of any size, in constant
//! memory, on several threads.
//!
//! Workers take turns reading the next chunk (a few MB, cut at the last record boundary; quotes are
//! tracked so a newline inside a quoted field is not a boundary) under a mutex, then parse it outside
//! the lock with a hand-written, `memchr`-based splitter that looks only at the columns it needs and
//! skips the rest of each record (text included). Each worker keeps its own group table; the tables
//! are merged at the end. Memory is `threads × chunk size` plus the group tables, whatever the file
//! size. Non-UTF-8 sources are transcoded on the fly.
//!
//! Unlike [`crate::ingest`], the fast path keeps no posts: it does not drop duplicate post ids, and it
//! recognises columns by header name only (no profile). Bad rows are counted and the first few kept.

use std::io::Read;
use std::sync::Mutex;

use memchr::{memchr, memchr2, memrchr};
use serde::Serialize;

use crate::cell;
use crate::civil::{DateOrder, DateTime};
use crate::decode;
use crate::error::IngestError;
use crate::field::{self, Field};
use crate::metrics::registry::{Action, actions_for};

/// Options of the fast path.
#[derive(Debug, Clone, Copy)]
pub struct FastOptions {
    /// Worker threads (at least 1).
    pub threads: usize,
    /// Bytes read per chunk.
    pub chunk_size: usize,
    /// Delimiter; detected when `None`.
    pub delimiter: Option<u8>,
}

impl Default for FastOptions {
    fn default() -> Self {
        FastOptions {
            threads: 2,
            chunk_size: 4 << 20,
            delimiter: None,
        }
    }
}

/// Totals of one brand on one platform in one month.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FastGroup {
    /// Brand (trimmed).
    pub brand: String,
    /// Canonical platform id.
    pub platform: String,
    /// Month, `YYYY-MM`.
    pub month: String,
    /// Posts (rows).
    pub posts: u64,
    /// Σ likes.
    pub likes: f64,
    /// Σ comments.
    pub comments: f64,
    /// Σ shares.
    pub shares: f64,
    /// Σ saves.
    pub saves: f64,
    /// Σ clicks.
    pub clicks: f64,
    /// Σ impressions.
    pub impressions: f64,
    /// Σ reach.
    pub reach: f64,
    /// Σ views.
    pub views: f64,
    /// Σ interactions (the platform's counted actions, see the registry).
    pub interactions: f64,
    /// Mean over posts with followers of interactions ÷ followers × 100.
    pub er_followers: Option<f64>,
}

/// The result of [`aggregate_monthly`].
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FastResult {
    /// Groups sorted by brand, platform, month.
    pub groups: Vec<FastGroup>,
    /// Data rows read.
    pub rows: u64,
    /// Rows skipped as bad.
    pub bad_rows: u64,
    /// The first bad rows: (byte offset of the chunk, reason).
    pub first_errors: Vec<String>,
    /// Source bytes read.
    pub bytes: u64,
}

// Column roles.
const BRAND: u8 = 0;
const PLATFORM: u8 = 1;
const TIME: u8 = 2;
const FOLLOWERS: u8 = 3;
/// Numeric sums, in `FastGroup` order: likes, comments, shares, saves, clicks, impressions, reach, views.
const NUM0: u8 = 4;
const NUMS: usize = 8;
const UNUSED: u8 = u8::MAX;

const NUM_FIELDS: [Field; NUMS] = [
    Field::Likes,
    Field::Comments,
    Field::Shares,
    Field::Saves,
    Field::Clicks,
    Field::Impressions,
    Field::Reach,
    Field::Views,
];

const MIX: u64 = 0x51_7c_c1_b7_27_22_0a_95;

/// The first and last eight bytes of a byte string (zero-padded when shorter): for strings of at
/// most 16 bytes, together with the length they determine the string.
#[inline(always)]
fn ends(b: &[u8]) -> (u64, u64) {
    let n = b.len();
    if n >= 8 {
        let mut f = [0u8; 8];
        let mut l = [0u8; 8];
        f.copy_from_slice(&b[..8]);
        l.copy_from_slice(&b[n - 8..]);
        (u64::from_le_bytes(f), u64::from_le_bytes(l))
    } else {
        let mut w = [0u8; 8];
        w[..n].copy_from_slice(b);
        (u64::from_le_bytes(w), 0)
    }
}

/// A cheap hash of a short byte string: its length and its first and last eight bytes.
#[inline(always)]
fn hash_ends(n: usize, (first, last): (u64, u64)) -> u64 {
    let h = (first ^ n as u64).wrapping_mul(MIX);
    let h = (h.rotate_left(29) ^ last).wrapping_mul(MIX);
    h ^ (h >> 31)
}

/// An open-addressing interner of byte strings (brands, platforms) to dense ids.
#[derive(Default)]
struct Interner {
    /// (length, first eight bytes, last eight bytes, id + 1); id + 1 = 0 marks an empty slot.
    slots: Vec<(usize, u64, u64, u32)>,
    keys: Vec<Vec<u8>>,
}

impl Interner {
    /// The id of `key`, and whether it was new.
    #[inline]
    fn id(&mut self, key: &[u8]) -> (u32, bool) {
        if self.slots.is_empty() {
            self.slots = vec![(0, 0, 0, 0); 64];
        }
        let n = key.len();
        let e = ends(key);
        let mask = self.slots.len() - 1;
        let mut i = hash_ends(n, e) as usize & mask;
        loop {
            let (len, first, last, slot) = self.slots[i];
            if slot == 0 {
                let id = self.keys.len() as u32;
                self.keys.push(key.to_vec());
                self.slots[i] = (n, e.0, e.1, id + 1);
                if self.keys.len() * 2 > self.slots.len() {
                    self.grow();
                }
                return (id, true);
            }
            if len == n && first == e.0 && last == e.1 && (n <= 16 || self.keys[slot as usize - 1] == key) {
                return (slot - 1, false);
            }
            i = (i + 1) & mask;
        }
    }

    fn grow(&mut self) {
        let mut slots = vec![(0, 0, 0, 0u32); self.slots.len() * 2];
        let mask = slots.len() - 1;
        for (id, key) in self.keys.iter().enumerate() {
            let e = ends(key);
            let mut i = hash_ends(key.len(), e) as usize & mask;
            while slots[i].3 != 0 {
                i = (i + 1) & mask;
            }
            slots[i] = (key.len(), e.0, e.1, id as u32 + 1);
        }
        self.slots = slots;
    }
}

/// An open-addressing table from packed group keys to accumulators.
#[derive(Default)]
struct Groups {
    keys: Vec<u64>,
    vals: Vec<Acc>,
    len: usize,
}

const EMPTY: u64 = u64::MAX;

impl Groups {
    #[inline]
    fn entry(&mut self, key: u64) -> &mut Acc {
        if self.keys.is_empty() {
            self.keys = vec![EMPTY; 1024];
            self.vals = vec![Acc::default(); 1024];
        }
        let mask = self.keys.len() - 1;
        let mut i = (key.wrapping_mul(MIX) >> 20) as usize & mask;
        loop {
            let k = self.keys[i];
            if k == key {
                return &mut self.vals[i];
            }
            if k == EMPTY {
                if (self.len + 1) * 2 > self.keys.len() {
                    self.grow();
                    return self.entry(key);
                }
                self.keys[i] = key;
                self.len += 1;
                return &mut self.vals[i];
            }
            i = (i + 1) & mask;
        }
    }

    fn grow(&mut self) {
        let size = self.keys.len() * 2;
        let old_keys = std::mem::replace(&mut self.keys, vec![EMPTY; size]);
        let old_vals = std::mem::replace(&mut self.vals, vec![Acc::default(); size]);
        self.len = 0;
        for (k, v) in old_keys.into_iter().zip(old_vals) {
            if k != EMPTY {
                *self.entry(k) = v;
            }
        }
    }

    fn drain(self) -> impl Iterator<Item = (u64, Acc)> {
        self.keys.into_iter().zip(self.vals).filter(|(k, _)| *k != EMPTY)
    }
}

#[derive(Debug, Clone, Copy, Default)]
struct Acc {
    posts: u64,
    sums: [f64; NUMS],
    interactions: f64,
    er_sum: f64,
    er_n: u64,
}

/// One worker's tables.
#[derive(Default)]
struct Local {
    brands: Interner,
    platforms: Interner,
    /// Per interned platform: which of the NUMS sums count as interactions.
    masks: Vec<[bool; NUMS]>,
    groups: Groups,
    rows: u64,
    bad: u64,
    errors: Vec<String>,
    scratch: Vec<u8>,
}

impl Local {
    fn platform_id(&mut self, raw: &[u8]) -> u32 {
        let (id, new) = self.platforms.id(raw);
        if new {
            let name = field::normalise_platform(&String::from_utf8_lossy(raw));
            let set = actions_for(&name);
            let mut mask = [false; NUMS];
            for a in set.actions {
                let i = match a {
                    Action::Likes => 0,
                    Action::Comments => 1,
                    Action::Shares => 2,
                    Action::Saves => 3,
                    Action::Clicks => 4,
                };
                mask[i] = true;
            }
            self.masks.push(mask);
        }
        id
    }

    fn bad_row(&mut self, offset: u64, reason: String) {
        self.bad += 1;
        if self.errors.len() < 10 {
            self.errors.push(format!("chunk at byte {offset}: {reason}"));
        }
    }
}

struct Shared<'a> {
    reader: Box<dyn Read + Send + 'a>,
    carry: Vec<u8>,
    eof: bool,
    offset: u64,
    read: u64,
    progress: &'a mut (dyn FnMut(u64) + Send),
    error: Option<std::io::Error>,
}

/// Aggregates a post-level export by brand × platform × month.
pub fn aggregate_monthly<R: Read + Send>(
    reader: R,
    source_name: &str,
    options: &FastOptions,
    progress: &mut (dyn FnMut(u64) + Send),
) -> Result<FastResult, IngestError> {
    let mut read_bytes = 0u64;
    let mut counter = |n: u64| read_bytes = n;
    let counted = decode::ProgressReader::new(reader, &mut counter);
    let (sniffed, mut text) =
        decode::open(counted, None, options.delimiter).map_err(|e| IngestError::io(source_name, e))?;
    let delim = sniffed.delimiter;
    // Header: the first record.
    let mut carry = Vec::with_capacity(options.chunk_size + (1 << 16));
    let header_end = loop {
        if let Some(end) = record_end(&carry, 0) {
            break end;
        }
        let before = carry.len();
        (&mut text)
            .take(1 << 16)
            .read_to_end(&mut carry)
            .map_err(|e| IngestError::io(source_name, e))?;
        if carry.len() == before {
            if carry.is_empty() {
                return Err(IngestError::Empty {
                    source_name: source_name.to_string(),
                });
            }
            break carry.len();
        }
    };
    let headers: Vec<String> = csv::ReaderBuilder::new()
        .delimiter(delim)
        .has_headers(false)
        .from_reader(&carry[..header_end])
        .records()
        .next()
        .and_then(Result::ok)
        .map(|r| r.iter().map(|h| cell::trim(h).to_string()).collect())
        .unwrap_or_default();
    let mut roles = vec![UNUSED; headers.len()];
    let mut best = [usize::MAX; (NUM0 as usize) + NUMS];
    for (i, h) in headers.iter().enumerate() {
        let Some((f, rank)) = field::recognise(h) else { continue };
        let role = match f {
            Field::Brand => BRAND,
            Field::Platform => PLATFORM,
            Field::Time => TIME,
            Field::Followers => FOLLOWERS,
            other => match NUM_FIELDS.iter().position(|n| *n == other) {
                Some(p) => NUM0 + p as u8,
                None => continue,
            },
        };
        if rank < best[role as usize] {
            if let Some(old) = roles.iter().position(|r| *r == role) {
                roles[old] = UNUSED;
            }
            best[role as usize] = rank;
            roles[i] = role;
        }
    }
    for (role, f) in [(BRAND, Field::Brand), (PLATFORM, Field::Platform), (TIME, Field::Time)] {
        if !roles.contains(&role) {
            return Err(IngestError::MissingField {
                source_name: source_name.to_string(),
                field: f.name(),
                headers: headers.iter().map(|h| format!("`{h}`")).collect::<Vec<_>>().join(", "),
            });
        }
    }
    carry.drain(..(header_end + 1).min(carry.len()));

    let shared = Mutex::new(Shared {
        reader: text,
        carry,
        eof: false,
        offset: header_end as u64 + 1,
        read: 0,
        progress,
        error: None,
    });
    let threads = options.threads.max(1);
    let chunk_size = options.chunk_size.max(1 << 12);
    let locals: Vec<Local> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..threads)
            .map(|_| {
                let shared = &shared;
                let roles = &roles;
                scope.spawn(move || worker(shared, roles, delim, chunk_size))
            })
            .collect();
        handles.into_iter().filter_map(|h| h.join().ok()).collect()
    });
    let shared = shared.into_inner().unwrap_or_else(std::sync::PoisonError::into_inner);
    if let Some(e) = shared.error {
        return Err(IngestError::io(source_name, e));
    }
    drop(shared);
    Ok(merge(locals, read_bytes))
}

/// The end (index of `\n`, or `None`) of the record starting at `from`, honouring quotes.
fn record_end(data: &[u8], from: usize) -> Option<usize> {
    let mut p = from;
    let mut quoted = false;
    loop {
        let i = if quoted {
            memchr(b'"', &data[p..])?
        } else {
            memchr2(b'"', b'\n', &data[p..])?
        };
        let at = p + i;
        if data[at] == b'"' {
            quoted = !quoted;
            p = at + 1;
        } else {
            return Some(at);
        }
    }
}

/// The index just after the last record boundary in `data` (which starts at a boundary), if any.
fn last_boundary(data: &[u8]) -> Option<usize> {
    let total = memchr::memchr_iter(b'"', data).count();
    let mut end = data.len();
    let mut after = 0usize;
    while let Some(nl) = memrchr(b'\n', &data[..end]) {
        after += memchr::memchr_iter(b'"', &data[nl..end]).count();
        if (total - after).is_multiple_of(2) {
            return Some(nl + 1);
        }
        end = nl;
    }
    None
}

fn worker(shared: &Mutex<Shared<'_>>, roles: &[u8], delim: u8, chunk_size: usize) -> Local {
    let mut local = Local::default();
    let mut buf: Vec<u8> = Vec::with_capacity(chunk_size + (1 << 16));
    let mut spare: Vec<u8> = Vec::with_capacity(chunk_size + (1 << 16));
    loop {
        let offset;
        let cut;
        {
            let Ok(mut s) = shared.lock() else { return local };
            if s.error.is_some() || (s.eof && s.carry.is_empty()) {
                return local;
            }
            buf.clear();
            std::mem::swap(&mut buf, &mut s.carry);
            offset = s.offset;
            let mut target = chunk_size;
            loop {
                while !s.eof && buf.len() < target {
                    let len = buf.len();
                    buf.resize(target, 0);
                    match s.reader.read(&mut buf[len..]) {
                        Ok(0) => {
                            buf.truncate(len);
                            s.eof = true;
                        }
                        Ok(n) => {
                            buf.truncate(len + n);
                            s.read += n as u64;
                            let r = s.read;
                            (s.progress)(r);
                        }
                        Err(e) if e.kind() == std::io::ErrorKind::Interrupted => buf.truncate(len),
                        Err(e) => {
                            buf.truncate(len);
                            s.error = Some(e);
                            return local;
                        }
                    }
                }
                if s.eof {
                    cut = buf.len();
                    break;
                }
                if let Some(b) = last_boundary(&buf) {
                    cut = b;
                    break;
                }
                // One record longer than the chunk: read more.
                target *= 2;
            }
            spare.clear();
            spare.extend_from_slice(&buf[cut..]);
            std::mem::swap(&mut spare, &mut s.carry);
            s.offset += cut as u64;
        }
        parse_chunk(&buf[..cut], roles, delim, offset, &mut local);
    }
}

/// Bit `i` of the result is set when byte `i` of the eight in `word` equals `c` (SWAR, exact).
#[inline(always)]
fn byte_mask(word: u64, c: u8) -> u64 {
    const LOW: u64 = 0x7f7f_7f7f_7f7f_7f7f;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let x = word ^ (u64::from(c) * 0x0101_0101_0101_0101);
    // High bit of each byte set when that byte of `x` is zero.
    let zero = !(((x & LOW) + LOW) | x | LOW) & HIGH;
    // Gather the eight high bits into the low byte.
    (zero >> 7).wrapping_mul(0x0102_0408_1020_4080) >> 56
}

/// Prefix XOR: bit `i` is the parity of bits `0..=i` (marks the bytes inside quotes).
#[inline(always)]
fn prefix_xor(mut x: u64) -> u64 {
    x ^= x << 1;
    x ^= x << 2;
    x ^= x << 4;
    x ^= x << 8;
    x ^= x << 16;
    x ^= x << 32;
    x
}

/// Masks of the separators (delimiter or `\n`) and quotes in a 64-byte block.
#[inline(always)]
fn block_masks(block: &[u8; 64], delim: u8) -> (u64, u64) {
    let mut sep = 0u64;
    let mut quote = 0u64;
    for (i, chunk) in block.chunks_exact(8).enumerate() {
        let mut w = [0u8; 8];
        w.copy_from_slice(chunk);
        let word = u64::from_le_bytes(w);
        sep |= (byte_mask(word, delim) | byte_mask(word, b'\n')) << (8 * i);
        quote |= byte_mask(word, b'"') << (8 * i);
    }
    (sep, quote)
}

/// Parses complete records in `data`: one pass builds, 64 bytes at a time, the mask of separators
/// outside quotes; fields are then the spans between consecutive separators.
fn parse_chunk(data: &[u8], roles: &[u8], delim: u8, offset: u64, local: &mut Local) {
    const CELLS: usize = (NUM0 as usize) + NUMS;
    let n = data.len();
    let mut spans = [(0usize, 0usize); CELLS];
    let mut col = 0usize;
    let mut field_start = 0usize;
    let mut in_quotes = 0u64; // all ones while inside quotes across a block boundary
    let mut block;
    let mut base = 0usize;
    let finish_field = |col: usize, start: usize, end: usize, spans: &mut [(usize, usize); CELLS]| {
        if let Some(&role) = roles.get(col)
            && role != UNUSED
        {
            spans[role as usize] = (start, end);
        }
    };
    while base < n {
        let len = (n - base).min(64);
        let bytes: &[u8; 64] = match data[base..].first_chunk::<64>() {
            Some(b) => b,
            None => {
                block = [0u8; 64];
                block[..len].copy_from_slice(&data[base..]);
                &block
            }
        };
        let (sep, quote) = block_masks(bytes, delim);
        let inside = prefix_xor(quote) ^ in_quotes;
        in_quotes = 0u64.wrapping_sub(inside >> 63);
        let mut seps = sep & !inside;
        while seps != 0 {
            let pos = base + seps.trailing_zeros() as usize;
            seps &= seps - 1;
            if data[pos] == b'\n' {
                let end = if pos > field_start && data[pos - 1] == b'\r' {
                    pos - 1
                } else {
                    pos
                };
                if col == 0 && end == field_start {
                    // A blank line.
                    field_start = pos + 1;
                    continue;
                }
                finish_field(col, field_start, end, &mut spans);
                end_record(data, &spans, offset, local);
                spans = [(0, 0); CELLS];
                col = 0;
            } else {
                finish_field(col, field_start, pos, &mut spans);
                col += 1;
            }
            field_start = pos + 1;
        }
        base += 64;
    }
    if field_start < n {
        let end = if data[n - 1] == b'\r' { n - 1 } else { n };
        finish_field(col, field_start, end, &mut spans);
        end_record(data, &spans, offset, local);
    }
}

/// Turns the spans of one record into cells (quotes stripped) and adds the record.
#[inline]
fn end_record(data: &[u8], spans: &[(usize, usize)], offset: u64, local: &mut Local) {
    let mut cells: [&[u8]; (NUM0 as usize) + NUMS] = [&[]; (NUM0 as usize) + NUMS];
    let mut quoted = [false; (NUM0 as usize) + NUMS];
    for (i, &(start, end)) in spans.iter().enumerate() {
        let cell = &data[start..end];
        if cell.len() >= 2 && cell[0] == b'"' && cell[cell.len() - 1] == b'"' {
            cells[i] = &cell[1..cell.len() - 1];
            quoted[i] = true;
        } else {
            cells[i] = cell;
        }
    }
    local.rows += 1;
    if let Err(reason) = record(data, &cells, &quoted, local) {
        local.bad_row(offset, reason);
    }
}

fn unescape<'a>(cell: &'a [u8], quoted: bool, scratch: &'a mut Vec<u8>) -> &'a [u8] {
    if quoted && memchr(b'"', cell).is_some() {
        scratch.clear();
        let mut i = 0;
        while i < cell.len() {
            scratch.push(cell[i]);
            i += if cell[i] == b'"' { 2 } else { 1 };
        }
        scratch
    } else {
        cell
    }
}

fn trim_ascii(s: &[u8]) -> &[u8] {
    s.trim_ascii()
}

fn record(data: &[u8], cells: &[&[u8]], quoted: &[bool], local: &mut Local) -> Result<(), String> {
    let mut scratch = std::mem::take(&mut local.scratch);
    let brand = trim_ascii(unescape(cells[BRAND as usize], quoted[BRAND as usize], &mut scratch));
    let result = (|| {
        if brand.is_empty() {
            return Err("the brand is empty".to_string());
        }
        let platform = trim_ascii(cells[PLATFORM as usize]);
        if platform.is_empty() {
            return Err("the platform is empty".to_string());
        }
        let month = month_of(trim_ascii(cells[TIME as usize]))?;
        let (b, _) = local.brands.id(brand);
        let pl = local.platform_id(platform);
        let mut nums = [None; NUMS];
        for (i, slot) in nums.iter_mut().enumerate() {
            *slot = number(data, cells[NUM0 as usize + i]).map_err(|e| format!("{}: {e}", NUM_FIELDS[i].name()))?;
        }
        let followers = number(data, cells[FOLLOWERS as usize]).map_err(|e| format!("followers: {e}"))?;
        let mask = local.masks[pl as usize];
        let key = (u64::from(b) << 40) | (u64::from(pl) << 24) | u64::from(month);
        let acc = local.groups.entry(key);
        acc.posts += 1;
        let mut inter = 0.0;
        let mut any = false;
        for i in 0..NUMS {
            if let Some(v) = nums[i] {
                acc.sums[i] += v;
                if mask[i] {
                    inter += v;
                    any = true;
                }
            }
        }
        if any {
            acc.interactions += inter;
            if let Some(f) = followers.filter(|f| *f > 0.0) {
                acc.er_sum += inter / f * 100.0;
                acc.er_n += 1;
            }
        }
        Ok(())
    })();
    local.scratch = scratch;
    result
}

/// The value of 1 to 8 ASCII digits without a branch per digit (SWAR); `None` for anything else.
#[inline(always)]
fn eight_digits(s: &[u8]) -> Option<u64> {
    let len = s.len();
    if len == 0 || len > 8 {
        return None;
    }
    // Right-align in a word padded with '0's: the first digit is the lowest byte.
    let mut w = [0u8; 8];
    w[..len].copy_from_slice(s);
    eight_digits_word(u64::from_le_bytes(w), len)
}

/// As [`eight_digits`], for the digits in the low `len` bytes of `word` (later bytes are ignored).
#[inline(always)]
fn eight_digits_word(word: u64, len: usize) -> Option<u64> {
    if len == 0 || len > 8 {
        return None;
    }
    // Move the digits to the top and pad the bottom with '0's: the first digit is the lowest byte.
    let shift = (8 - len) * 8;
    let pad = if len == 8 {
        0
    } else {
        0x3030_3030_3030_3030u64 >> (len * 8)
    };
    let x = ((word << shift) | pad).wrapping_sub(0x3030_3030_3030_3030);
    // Every byte 0..=9 (a byte below '0' borrows and shows up as a high nibble too).
    if (x | x.wrapping_add(0x0606_0606_0606_0606)) & 0xF0F0_F0F0_F0F0_F0F0 != 0 {
        return None;
    }
    let x = x.wrapping_mul(10).wrapping_add(x >> 8);
    let x = ((x & 0x0000_00FF_0000_00FF).wrapping_mul(100 + (1_000_000 << 32))
        + ((x >> 16) & 0x0000_00FF_0000_00FF).wrapping_mul(1 + (10_000 << 32)))
        >> 32;
    Some(x)
}

/// `year * 12 + month - 1` of a time cell (fast for `YYYY-MM…`).
fn month_of(s: &[u8]) -> Result<u32, String> {
    if s.len() >= 7
        && s[..4].iter().all(u8::is_ascii_digit)
        && matches!(s[4], b'-' | b'/' | b'.')
        && s[5].is_ascii_digit()
    {
        let year = s[..4].iter().fold(0u32, |a, d| a * 10 + u32::from(d - b'0'));
        let month = if s[6].is_ascii_digit() {
            u32::from(s[5] - b'0') * 10 + u32::from(s[6] - b'0')
        } else {
            u32::from(s[5] - b'0')
        };
        if (1..=12).contains(&month) {
            return Ok(year * 12 + month - 1);
        }
    }
    let text = std::str::from_utf8(s).map_err(|_| "the date is not UTF-8".to_string())?;
    let dt = DateTime::parse(text, DateOrder::Auto).ok_or_else(|| format!("`{text}` is not a date"))?;
    Ok(dt.year.max(0) as u32 * 12 + u32::from(dt.month) - 1)
}

/// A count: plain digits (with an optional `.digits` part) fast, anything else through [`cell::parse_count`].
#[inline]
fn number(data: &[u8], s: &[u8]) -> Result<Option<f64>, String> {
    if s.is_empty() {
        return Ok(None);
    }
    // `s` lies inside `data`: read the eight bytes starting at it in one load when they exist.
    let at = (s.as_ptr() as usize).wrapping_sub(data.as_ptr() as usize);
    if let Some(word) = data
        .get(at..at.wrapping_add(8))
        .and_then(|w| <[u8; 8]>::try_from(w).ok())
    {
        if let Some(v) = eight_digits_word(u64::from_le_bytes(word), s.len()) {
            return Ok(Some(v as f64));
        }
    } else if let Some(v) = eight_digits(s) {
        return Ok(Some(v as f64));
    }
    let mut v: u64 = 0;
    let mut i = 0;
    while i < s.len() && i < 18 && s[i].is_ascii_digit() {
        v = v * 10 + u64::from(s[i] - b'0');
        i += 1;
    }
    if i == s.len() && i > 0 {
        return Ok(Some(v as f64));
    }
    if i > 0 && i < 18 && s[i] == b'.' && s[i + 1..].iter().all(u8::is_ascii_digit) && s.len() - i - 1 <= 9 {
        let frac = &s[i + 1..];
        let f = frac.iter().fold(0u64, |a, d| a * 10 + u64::from(d - b'0'));
        return Ok(Some(v as f64 + f as f64 / 10f64.powi(frac.len() as i32)));
    }
    let text = std::str::from_utf8(s).map_err(|_| "not UTF-8".to_string())?;
    cell::parse_count(text).map_err(|e| e.to_string())
}

fn merge(locals: Vec<Local>, bytes: u64) -> FastResult {
    let mut rows = 0;
    let mut bad = 0;
    let mut errors = Vec::new();
    let mut out: std::collections::BTreeMap<(String, String, u32), Acc> = std::collections::BTreeMap::new();
    for local in locals {
        rows += local.rows;
        bad += local.bad;
        errors.extend(local.errors);
        let brands: Vec<String> = local
            .brands
            .keys
            .iter()
            .map(|k| String::from_utf8_lossy(k).trim().to_string())
            .collect();
        let platforms: Vec<String> = local
            .platforms
            .keys
            .iter()
            .map(|k| field::normalise_platform(&String::from_utf8_lossy(k)))
            .collect();
        for (key, acc) in local.groups.drain() {
            let b = (key >> 40) as u32;
            let p = ((key >> 24) & 0xFFFF) as u32;
            let m = (key & 0xFF_FFFF) as u32;
            let e = out
                .entry((brands[b as usize].clone(), platforms[p as usize].clone(), m))
                .or_default();
            e.posts += acc.posts;
            for i in 0..NUMS {
                e.sums[i] += acc.sums[i];
            }
            e.interactions += acc.interactions;
            e.er_sum += acc.er_sum;
            e.er_n += acc.er_n;
        }
    }
    errors.truncate(10);
    let groups = out
        .into_iter()
        .map(|((brand, platform, m), a)| FastGroup {
            brand,
            platform,
            month: format!("{:04}-{:02}", m / 12, m % 12 + 1),
            posts: a.posts,
            likes: a.sums[0],
            comments: a.sums[1],
            shares: a.sums[2],
            saves: a.sums[3],
            clicks: a.sums[4],
            impressions: a.sums[5],
            reach: a.sums[6],
            views: a.sums[7],
            interactions: a.interactions,
            er_followers: (a.er_n > 0).then(|| a.er_sum / a.er_n as f64),
        })
        .collect();
    FastResult {
        groups,
        rows,
        bad_rows: bad,
        first_errors: errors,
        bytes,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(text: &str, chunk: usize, threads: usize) -> FastResult {
        let opts = FastOptions {
            threads,
            chunk_size: chunk,
            delimiter: None,
        };
        aggregate_monthly(text.as_bytes(), "t.csv", &opts, &mut |_| {}).unwrap()
    }

    #[test]
    fn quoted_newlines_and_chunk_edges() {
        let mut text = String::from("brand,platform,time,likes,comments,shares,followers,text\r\n");
        for i in 0..500 {
            let brand = if i % 2 == 0 { "\"A, Inc\"" } else { "B" };
            text.push_str(&format!(
                "{brand},Weibo,2024-0{}-05 10:00,{},1,-,1000,\"line one\nline \"\"two\"\", end\"\r\n",
                1 + i % 3,
                i
            ));
        }
        for (chunk, threads) in [(1 << 12, 2), (1 << 12, 1), (1 << 20, 3)] {
            let r = run(&text, chunk, threads);
            assert_eq!((r.rows, r.bad_rows), (500, 0), "{:?}", r.first_errors);
            let total: u64 = r.groups.iter().map(|g| g.posts).sum();
            assert_eq!(total, 500);
            let a1 = r
                .groups
                .iter()
                .find(|g| g.brand == "A, Inc" && g.month == "2024-01")
                .unwrap();
            assert_eq!(a1.platform, "weibo");
            let expected: f64 = (0..500)
                .filter(|i| i % 2 == 0 && i % 3 == 0)
                .map(|i| f64::from(i) + 1.0)
                .sum();
            assert_eq!(a1.interactions, expected);
            assert_eq!(a1.shares, 0.0);
        }
    }

    #[test]
    fn numbers_fast_and_slow() {
        let n = |s: &[u8]| number(s, s);
        assert_eq!(n(b"123"), Ok(Some(123.0)));
        assert_eq!(n(b"5999.0"), Ok(Some(5999.0)));
        assert_eq!(n(b"1.5"), Ok(Some(1.5)));
        assert_eq!(n(b"1.2\xe4\xb8\x87"), Ok(Some(12000.0)));
        assert_eq!(n(b"-"), Ok(None));
        // Inside a longer buffer: the one-load path.
        let buf = b"12345,7,-,99999999,123456789,x";
        assert_eq!(number(buf, &buf[0..5]), Ok(Some(12345.0)));
        assert_eq!(number(buf, &buf[6..7]), Ok(Some(7.0)));
        assert_eq!(number(buf, &buf[8..9]), Ok(None));
        assert_eq!(number(buf, &buf[10..18]), Ok(Some(99_999_999.0)));
        assert_eq!(number(buf, &buf[19..28]), Ok(Some(123_456_789.0)));
        assert!(number(buf, &buf[29..30]).is_err());
        for v in [0u64, 7, 42, 100, 12_345_678, 99_999_999] {
            assert_eq!(eight_digits(v.to_string().as_bytes()), Some(v));
        }
        for bad in [&b"12a4"[..], b"1-2", b"/", b":", b" 1", b"123456789"] {
            assert_eq!(eight_digits(bad), None, "{bad:?}");
        }
        assert!(number(b"abc", b"abc").is_err());
        assert_eq!(month_of(b"2024-03-05"), Ok(2024 * 12 + 2));
        assert_eq!(month_of(b"3/5/2024 10:00"), Ok(2024 * 12 + 2));
    }

    #[test]
    fn bad_rows_are_counted() {
        let r = run(
            "brand,platform,time,likes\na,x,2024-01-01,1\na,x,nope,2\n,x,2024-01-01,3\n",
            1 << 12,
            2,
        );
        assert_eq!((r.rows, r.bad_rows), (3, 2));
    }
}
