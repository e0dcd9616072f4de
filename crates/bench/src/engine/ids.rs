//! The post ids seen in a run, shared by the workers, for duplicate removal.
//!
//! Every worker records its chunk's ids here *before* its turn, in parallel with the others, and learns
//! in its turn which of its rows are duplicates. What makes that exact although chunks arrive in any
//! order: each id keeps the smallest [`Pos`] (reading order) that recorded it. A row that finds an earlier
//! position is a duplicate of it at once; a row that lowers a later position records that the later row
//! was *displaced* (it is a duplicate of this one). When a chunk takes its turn, every earlier chunk has
//! recorded its ids, so its rows' fates are settled: a row is the first of its id unless it found an
//! earlier position or was displaced.
//!
//! Layout: 8 shards chosen by the hash's top bits, each behind its own lock and taken once per chunk;
//! each an open-addressing table (linear probing, at most 3/4 full) of 16-byte slots: the high 64 bits of
//! the 128-bit hash of (brand, platform, id) (which also choose the shard and the slot), and 8 bits of the
//! low half beside the id's smallest position (55 bits). That is 21 to 43 bytes a distinct id; two
//! different ids of one brand on one platform agree on those 72 bits with a probability below 10⁻⁸ for
//! ten million ids (n² ÷ 2⁷³).

use std::collections::HashMap;
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};

/// A place in reading order: source (10 bits), chunk of that source (20 bits), line within the chunk
/// (25 bits), so that comparing two positions compares where their records are read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Pos(u64);

/// The most sources a run can have.
pub const MAX_SOURCES: u32 = 1 << SOURCE_BITS;
/// The most chunks a source can have (at the default 256 KB a chunk: 256 GB).
pub const MAX_CHUNKS: u64 = 1 << CHUNK_BITS;
/// The most lines a chunk can span (a chunk is at most 20 MB).
pub const MAX_CHUNK_LINES: u64 = 1 << LINE_BITS;
const SOURCE_BITS: u32 = 10;
const CHUNK_BITS: u32 = 20;
const LINE_BITS: u32 = 25;
const POS_BITS: u32 = SOURCE_BITS + CHUNK_BITS + LINE_BITS;

impl Pos {
    /// `None` when a field does not fit ([`MAX_SOURCES`] sources, [`MAX_CHUNKS`] chunks or
    /// [`MAX_CHUNK_LINES`] lines in a chunk).
    pub fn new(source: u32, chunk: u64, line: u64) -> Option<Pos> {
        (source < MAX_SOURCES && chunk < MAX_CHUNKS && line < MAX_CHUNK_LINES)
            .then(|| Pos((u64::from(source) << (CHUNK_BITS + LINE_BITS)) | (chunk << LINE_BITS) | line))
    }

    /// The source index.
    pub fn source(self) -> u32 {
        (self.0 >> (CHUNK_BITS + LINE_BITS)) as u32
    }

    /// The chunk within the source.
    pub fn chunk(self) -> u64 {
        (self.0 >> LINE_BITS) & (MAX_CHUNKS - 1)
    }

    /// The line within the chunk.
    pub fn line(self) -> u64 {
        self.0 & (MAX_CHUNK_LINES - 1)
    }
}

/// Shards: a few more than the threads that share them (more shards cost memory in partly filled tables).
const SHARD_BITS: u32 = 3;
const SHARDS: usize = 1 << SHARD_BITS;
const OCCUPIED: u64 = 1 << 63;
const POS_MASK: u64 = (1 << POS_BITS) - 1;

/// The shared table. See the module documentation.
pub struct Ids {
    shards: Vec<Mutex<Table>>,
    /// Later position → the earlier one that displaced it.
    displaced: Mutex<HashMap<Pos, Pos>>,
    any_displaced: AtomicBool,
    /// The run's size in bytes when every row's id will be recorded (0: unknown, or only some brands').
    expected_bytes: AtomicU64,
    sized: AtomicBool,
}

impl Default for Ids {
    fn default() -> Ids {
        Ids {
            shards: (0..SHARDS).map(|_| Mutex::new(Table::default())).collect(),
            displaced: Mutex::new(HashMap::new()),
            any_displaced: AtomicBool::new(false),
            expected_bytes: AtomicU64::new(0),
            sized: AtomicBool::new(false),
        }
    }
}

/// One id to record: its hash, its position, and the index of its row in the caller's batch.
#[derive(Clone, Copy)]
pub struct Entry {
    /// The 128-bit hash of (brand, platform, id).
    pub hash: u128,
    /// Where its record is.
    pub pos: Pos,
    /// The row's index in the caller's list.
    pub row: u32,
}

impl Ids {
    /// Says that the run reads about `bytes` bytes and records the id of every row in them (no comparison
    /// set), so that the first chunk can size the table once (see [`Ids::size_from`]).
    pub fn expect_bytes(&self, bytes: u64) {
        self.expected_bytes.store(bytes, Ordering::Relaxed);
    }

    /// Sizes every shard, once a run, for the ids the whole run will hold at the rate of the first chunk
    /// recorded (`ids` ids in `bytes` bytes), when [`Ids::expect_bytes`] was told the run's size: growing
    /// a table of millions of ids by doubling rehashes every id and writes twice the final memory, and a
    /// shard growing under its lock holds up the other workers. A wrong estimate costs nothing but that:
    /// the table still grows when it must.
    pub fn size_from(&self, ids: usize, bytes: usize) {
        let total = self.expected_bytes.load(Ordering::Relaxed);
        if total == 0 || bytes == 0 || ids == 0 || self.sized.swap(true, Ordering::AcqRel) {
            return;
        }
        let expected = (ids as u128 * u128::from(total) / bytes as u128).min(usize::MAX as u128) as usize;
        // A few percent more than an even share: shards fill unevenly.
        let per_shard = expected.div_ceil(SHARDS) + expected / SHARDS / 32;
        for shard in &self.shards {
            let mut table = shard.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
            table.reserve(per_shard);
        }
    }

    /// Records a batch of ids (one chunk's). Returns, per entry, the earlier position it was found at
    /// (a duplicate), or `None` (the first so far). `scratch` is reused between calls.
    pub fn record(&self, entries: &[Entry], scratch: &mut Vec<Entry>, out: &mut Vec<(u32, Option<Pos>)>) {
        out.clear();
        // Group the batch by shard (a counting sort), so that each shard is locked once.
        let shard_of = |e: &Entry| (e.hash >> (128 - SHARD_BITS)) as usize;
        let mut starts = [0usize; SHARDS + 1];
        for e in entries {
            starts[shard_of(e) + 1] += 1;
        }
        for i in 0..SHARDS {
            starts[i + 1] += starts[i];
        }
        scratch.clear();
        scratch.resize(
            entries.len(),
            Entry {
                hash: 0,
                pos: Pos(0),
                row: 0,
            },
        );
        let mut next = starts;
        for e in entries {
            let s = shard_of(e);
            scratch[next[s]] = *e;
            next[s] += 1;
        }
        let mut displaced = Vec::new();
        for s in 0..SHARDS {
            let batch = &scratch[starts[s]..starts[s + 1]];
            if batch.is_empty() {
                continue;
            }
            let mut table = self.shards[s].lock().unwrap_or_else(std::sync::PoisonError::into_inner);
            table.reserve(batch.len());
            for (k, e) in batch.iter().enumerate() {
                if let Some(ahead) = batch.get(k + 8) {
                    table.prefetch(ahead.hash);
                }
                match table.lowest(e.hash, e.pos) {
                    Seen::New => out.push((e.row, None)),
                    Seen::Earlier(first) => out.push((e.row, Some(first))),
                    Seen::Lowered(later) => {
                        displaced.push((later, e.pos));
                        out.push((e.row, None));
                    }
                }
            }
        }
        if !displaced.is_empty() {
            let mut map = self.displaced.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
            map.extend(displaced);
            self.any_displaced.store(true, Ordering::Release);
        }
    }

    /// The final fate of a row recorded at `pos` that found `found`, once every earlier chunk has
    /// recorded its ids: the position of the first record of its id, or `None` when it is that first.
    pub fn settle(&self, pos: Pos, found: Option<Pos>) -> Option<Pos> {
        if !self.any_displaced.load(Ordering::Acquire) {
            return found;
        }
        let map = self.displaced.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        // Follow the chain of displacements down to the earliest position.
        let mut first = found.or_else(|| map.get(&pos).copied())?;
        while let Some(&earlier) = map.get(&first) {
            first = earlier;
        }
        Some(first)
    }

    /// Distinct ids recorded.
    #[cfg(test)]
    pub fn len(&self) -> usize {
        self.shards.iter().map(|s| s.lock().map_or(0, |t| t.len)).sum()
    }
}

/// Where a hash starts probing (before masking): the bottom of its high half, which the slot keeps.
fn home(hash: u128) -> usize {
    (hash >> 64) as u64 as usize
}

enum Seen {
    New,
    Earlier(Pos),
    Lowered(Pos),
}

/// One shard: linear probing over 16-byte slots `[hash high, OCCUPIED | tag << 55 | position]`, the tag
/// being the top 8 bits of the hash's low half; the high half's bottom bits choose the slot.
#[derive(Default)]
struct Table {
    slots: Vec<[u64; 2]>,
    len: usize,
}

impl Table {
    /// Grows the table, when needed, so that `more` ids fit without growing.
    fn reserve(&mut self, more: usize) {
        let need = self.len + more;
        if need * 4 > self.slots.len() * 3 {
            self.grow((need * 4).div_ceil(3).next_power_of_two());
        }
    }

    /// Brings the slot `hash` starts probing at into the cache.
    fn prefetch(&self, hash: u128) {
        if let Some(slot) = self.slots.get(home(hash) & self.slots.len().wrapping_sub(1)) {
            super::prefetch(slot);
        }
    }

    fn lowest(&mut self, hash: u128, pos: Pos) -> Seen {
        self.reserve(1);
        let (hi, lo) = ((hash >> 64) as u64, hash as u64);
        let tag = OCCUPIED | ((lo >> 56) << POS_BITS);
        let mask = self.slots.len() - 1;
        let mut i = home(hash) & mask;
        loop {
            let [h, v] = self.slots[i];
            if v == 0 {
                self.slots[i] = [hi, tag | pos.0];
                self.len += 1;
                return Seen::New;
            }
            if h == hi && v & !POS_MASK == tag {
                let seen = Pos(v & POS_MASK);
                if seen < pos {
                    return Seen::Earlier(seen);
                }
                self.slots[i][1] = tag | pos.0;
                return Seen::Lowered(seen);
            }
            i = (i + 1) & mask;
        }
    }

    /// Rehashes into `size` slots (a power of two, at least twice the present size).
    fn grow(&mut self, size: usize) {
        let size = size.max(self.slots.len() * 2).max(1 << 10);
        // Written, not `vec![…]`: zeroed memory from the allocator is mapped to the shared zero page on
        // first read, and the write that follows costs a page fault and a flush of every core's TLB.
        let mut fresh = Vec::with_capacity(size);
        fresh.resize(size, [0; 2]);
        let old = std::mem::replace(&mut self.slots, fresh);
        let mask = size - 1;
        for slot in old.into_iter().filter(|s| s[1] != 0) {
            let mut i = slot[0] as usize & mask;
            while self.slots[i][1] != 0 {
                i = (i + 1) & mask;
            }
            self.slots[i] = slot;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An entry for id number `id` (hashed as the engine hashes ids).
    fn entry(id: u64, chunk: u64, line: u64, row: u32) -> Entry {
        Entry {
            hash: xxhash_rust::xxh3::xxh3_128(&id.to_le_bytes()),
            pos: Pos::new(0, chunk, line).unwrap(),
            row,
        }
    }

    #[test]
    fn positions_order_as_reading_order() {
        let a = Pos::new(0, 5, 1_000).unwrap();
        let b = Pos::new(0, 6, 1).unwrap();
        let c = Pos::new(1, 0, 0).unwrap();
        assert!(a < b && b < c);
        assert_eq!((b.source(), b.chunk(), b.line()), (0, 6, 1));
        assert_eq!(Pos::new(0, MAX_CHUNKS, 0), None);
        assert_eq!(Pos::new(0, 0, MAX_CHUNK_LINES), None);
    }

    #[test]
    fn chunks_recorded_out_of_order_settle_on_the_first_in_reading_order() {
        let ids = Ids::default();
        let (mut scratch, mut out) = (Vec::new(), Vec::new());
        // Chunk 2 records first: id 7 at line 3, id 9 at line 4.
        ids.record(&[entry(7, 2, 3, 0), entry(9, 2, 4, 1)], &mut scratch, &mut out);
        assert_eq!(out.iter().filter(|o| o.1.is_some()).count(), 0);
        // Then chunk 1: id 7 at line 10 (displaces chunk 2's), id 8 twice (lines 11 and 12).
        ids.record(
            &[entry(7, 1, 10, 0), entry(8, 1, 11, 1), entry(8, 1, 12, 2)],
            &mut scratch,
            &mut out,
        );
        out.sort_by_key(|o| o.0);
        let p = |c, l| Pos::new(0, c, l).unwrap();
        assert_eq!(out, vec![(0, None), (1, None), (2, Some(p(1, 11)))]);
        // Then chunk 0: id 7 at line 1 displaces chunk 1's too.
        ids.record(&[entry(7, 0, 1, 0)], &mut scratch, &mut out);
        // In reading order: chunk 0's 7 is first; chunk 1's 7 and chunk 2's 7 are duplicates of it.
        assert_eq!(ids.settle(p(0, 1), None), None);
        assert_eq!(ids.settle(p(1, 10), None), Some(p(0, 1)));
        assert_eq!(ids.settle(p(2, 3), None), Some(p(0, 1)));
        assert_eq!(ids.settle(p(2, 4), None), None);
        assert_eq!(ids.settle(p(1, 12), Some(p(1, 11))), Some(p(1, 11)));
        assert_eq!(ids.len(), 3);
    }

    #[test]
    fn many_ids_survive_growth() {
        let ids = Ids::default();
        let (mut scratch, mut out) = (Vec::new(), Vec::new());
        let entries: Vec<Entry> = (0..50_000u64).map(|i| entry(i, 0, i, i as u32)).collect();
        ids.record(&entries, &mut scratch, &mut out);
        assert!(out.iter().all(|o| o.1.is_none()));
        // Every even id again, later: each found at its first line.
        let again: Vec<Entry> = (0..50_000u64).step_by(2).map(|i| entry(i, 1, i, i as u32)).collect();
        ids.record(&again, &mut scratch, &mut out);
        assert_eq!(out.len(), 25_000);
        for (row, first) in &out {
            assert_eq!(*first, Pos::new(0, 0, u64::from(*row)));
        }
        assert_eq!(ids.len(), 50_000);
    }

    #[test]
    fn the_first_chunk_sizes_the_table_once_for_the_whole_run() {
        // 10,000 bytes expected; a first chunk of 500 bytes holds 40 ids: 800 ids in all, 100 a shard (+3 for
        // uneven shards), so each shard gets 103 × 4 ÷ 3 → 138 → 256 slots below the 1,024-slot floor: 1,024.
        // Told 1,000,000 bytes instead: 80,000 ids, 10,312 a shard, 13,750 slots → 16,384.
        let slots = |ids: &Ids| {
            ids.shards
                .iter()
                .map(|s| s.lock().unwrap().slots.len())
                .collect::<Vec<_>>()
        };
        let small = Ids::default();
        small.expect_bytes(10_000);
        small.size_from(40, 500);
        assert_eq!(slots(&small), vec![1 << 10; SHARDS]);
        let big = Ids::default();
        big.expect_bytes(1_000_000);
        big.size_from(40, 500);
        assert_eq!(slots(&big), vec![1 << 14; SHARDS]);
        // Only once a run, and never without the run's size.
        big.size_from(4_000, 500);
        assert_eq!(slots(&big), vec![1 << 14; SHARDS]);
        let unknown = Ids::default();
        unknown.size_from(40, 500);
        assert_eq!(slots(&unknown), vec![0; SHARDS]);
        // Sized or not, the ids recorded are the same.
        let (mut scratch, mut out) = (Vec::new(), Vec::new());
        let entries: Vec<Entry> = (0..80_000u64).map(|i| entry(i % 60_000, 0, i, i as u32)).collect();
        big.record(&entries, &mut scratch, &mut out);
        assert_eq!(big.len(), 60_000);
        assert_eq!(out.iter().filter(|o| o.1.is_some()).count(), 20_000);
    }
}
