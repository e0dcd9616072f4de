//! One worker's groups: (brand, platform, bucket) → accumulator, by direct indexing.
//!
//! A row finds its accumulator with two array reads instead of a hash lookup: brand id → platform id →
//! *pair*, and the pair's buckets as one dense range (a calendar month or day each; the range spans the
//! pair's first to last bucket, which the accepted years bound). The accumulators live apart, in one
//! vector, so that the index stays small and in cache. A pair also keeps the seed of its post ids' hashes,
//! which all its rows share.

use crate::metrics::fold::Acc;

const NONE: u32 = u32::MAX;

/// One brand on one platform, as seen by one worker.
pub struct Pair {
    /// Brand id (the worker's).
    pub brand: u32,
    /// Platform id (the worker's).
    pub platform: u32,
    /// Seed of the hash of its post ids: a hash of the brand's and platform's names.
    pub seed: u64,
    /// Bucket key of `slots[0]`.
    first: i64,
    /// Accumulator index per bucket key from `first` on (`NONE`: no row yet).
    slots: Vec<u32>,
}

/// See the module documentation.
#[derive(Default)]
pub struct Groups {
    by_brand: Vec<Vec<u32>>,
    pairs: Vec<Pair>,
    /// The accumulators.
    pub accs: Vec<Acc>,
}

impl Groups {
    /// The pair of `brand` on `platform`, created (with `seed()`) on first sight.
    pub fn pair(&mut self, brand: u32, platform: u32, seed: impl FnOnce() -> u64) -> u32 {
        let (b, p) = (brand as usize, platform as usize);
        if self.by_brand.len() <= b {
            self.by_brand.resize(b + 1, Vec::new());
        }
        let row = &mut self.by_brand[b];
        if row.len() <= p {
            row.resize(p + 1, NONE);
        }
        if row[p] == NONE {
            row[p] = self.pairs.len() as u32;
            self.pairs.push(Pair {
                brand,
                platform,
                seed: seed(),
                first: 0,
                slots: Vec::new(),
            });
        }
        row[p]
    }

    /// A pair.
    pub fn get(&self, pair: u32) -> &Pair {
        &self.pairs[pair as usize]
    }

    /// The index of the accumulator of bucket `key` of `pair`, created empty on first sight.
    pub fn acc(&mut self, pair: u32, key: i64) -> usize {
        let p = &mut self.pairs[pair as usize];
        if p.slots.is_empty() {
            p.first = key;
        } else if key < p.first {
            let grow = (p.first - key) as usize;
            p.slots.splice(0..0, std::iter::repeat_n(NONE, grow));
            p.first = key;
        }
        let at = (key - p.first) as usize;
        if at >= p.slots.len() {
            p.slots.resize(at + 1, NONE);
        }
        if p.slots[at] == NONE {
            p.slots[at] = self.accs.len() as u32;
            self.accs.push(Acc::default());
        }
        p.slots[at] as usize
    }

    /// Every group with rows: (brand id, platform id, bucket key, accumulator), each accumulator moved out as
    /// the iterator reaches it (no second copy of the fold).
    pub fn into_groups(self) -> impl Iterator<Item = (u32, u32, i64, Acc)> {
        let mut accs = self.accs;
        self.pairs.into_iter().flat_map(move |p| {
            let moved: Vec<(u32, u32, i64, Acc)> = p
                .slots
                .iter()
                .enumerate()
                .filter(|(_, s)| **s != NONE)
                .map(|(i, s)| {
                    let acc = std::mem::take(&mut accs[*s as usize]);
                    (p.brand, p.platform, p.first + i as i64, acc)
                })
                .collect();
            moved
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn buckets_before_and_after_the_first_find_their_own_accumulator() {
        let mut g = Groups::default();
        let a = g.pair(3, 1, || 7);
        let b = g.pair(0, 2, || 8);
        assert_eq!(g.pair(3, 1, || unreachable!()), a);
        assert_ne!(a, b);
        assert_eq!(g.get(a).seed, 7);
        let x = g.acc(a, 100);
        let y = g.acc(a, 95);
        let z = g.acc(a, 103);
        assert_eq!(g.acc(a, 100), x);
        assert_eq!(g.acc(a, 95), y);
        assert_eq!(g.acc(a, 103), z);
        let w = g.acc(b, 100);
        assert_eq!(g.accs.len(), 4);
        g.accs[x].posts = 1;
        g.accs[y].posts = 2;
        g.accs[z].posts = 3;
        g.accs[w].posts = 4;
        let mut groups: Vec<(u32, u32, i64, u64)> = g.into_groups().map(|(b, p, k, a)| (b, p, k, a.posts)).collect();
        groups.sort();
        assert_eq!(
            groups,
            vec![(0, 2, 100, 4), (3, 1, 95, 2), (3, 1, 100, 1), (3, 1, 103, 3)]
        );
    }
}
