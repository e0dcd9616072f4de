//! Interning raw cell bytes to dense ids in an open-addressing table compared by length and first and last
//! eight bytes (no hashing of the whole string, no UTF-8 check): the brand cell of every row goes through
//! here, so rows of brands outside the comparison set cost a few nanoseconds.

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
pub struct Interner {
    /// (length, first eight bytes, last eight bytes, id + 1); id + 1 = 0 marks an empty slot.
    slots: Vec<(usize, u64, u64, u32)>,
    keys: Vec<Vec<u8>>,
}

impl Interner {
    /// The id of `key`, and whether it was new.
    #[inline]
    pub fn id(&mut self, key: &[u8]) -> (u32, bool) {
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
