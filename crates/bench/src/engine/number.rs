//! Numbers in cells, fast: plain digits eight at a time (SWAR), anything else through [`crate::cell`].

use crate::cell;
use crate::error::RowReason;

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

/// A count: plain digits (with an optional `.digits` part) fast, anything else through [`cell::parse_count`].
#[inline]
pub fn number(data: &[u8], s: &[u8]) -> Result<Option<f64>, RowReason> {
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
    let text = std::str::from_utf8(s).map_err(|_| RowReason::InvalidText)?;
    cell::parse_count(text).map_err(RowReason::from)
}
