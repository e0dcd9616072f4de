//! Splitting UTF-8 CSV text into records and fields, fast: the chunk boundaries, and a SWAR scanner that
//! finds, 64 bytes at a time, the delimiters and newlines outside quotes (quotes tracked with a prefix XOR).
//!
//! The scanner counts every newline byte, quoted ones included, so each record's physical line is exact
//! whatever the line endings (`\r\n` ends a record like `\n`; the `\r` is not part of the last field).

use memchr::{memchr, memchr2, memrchr};

/// The end (index of `\n`, or `None`) of the record starting at `from`, honouring quotes.
pub fn record_end(data: &[u8], from: usize) -> Option<usize> {
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
pub fn last_boundary(data: &[u8]) -> Option<usize> {
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

/// Bit `i` of the result is set when byte `i` of the eight in `word` equals `c` (SWAR, exact).
#[cfg_attr(target_arch = "x86_64", allow(dead_code))]
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

/// Masks of the separators (delimiter or `\n`), quotes and newlines in a 64-byte block: SSE2 compares (part
/// of every x86_64 CPU), 16 bytes at a time.
#[cfg(target_arch = "x86_64")]
#[inline(always)]
fn block_masks(block: &[u8; 64], delim: u8) -> (u64, u64, u64) {
    use std::arch::x86_64::{__m128i, _mm_cmpeq_epi8, _mm_loadu_si128, _mm_movemask_epi8, _mm_or_si128, _mm_set1_epi8};
    let mut sep = 0u64;
    let mut quote = 0u64;
    let mut newline = 0u64;
    // SAFETY: SSE2 is part of the x86_64 baseline, so these intrinsics exist on every CPU this code is built
    // for; each unaligned load reads 16 bytes at offset 0, 16, 32 or 48 of the 64-byte `block`.
    unsafe {
        let d = _mm_set1_epi8(delim as i8);
        let n = _mm_set1_epi8(b'\n' as i8);
        let q = _mm_set1_epi8(b'"' as i8);
        for i in 0..4 {
            let v = _mm_loadu_si128(block.as_ptr().add(16 * i).cast::<__m128i>());
            let is_nl = _mm_cmpeq_epi8(v, n);
            let is_sep = _mm_or_si128(_mm_cmpeq_epi8(v, d), is_nl);
            sep |= u64::from(_mm_movemask_epi8(is_sep) as u16) << (16 * i);
            newline |= u64::from(_mm_movemask_epi8(is_nl) as u16) << (16 * i);
            quote |= u64::from(_mm_movemask_epi8(_mm_cmpeq_epi8(v, q)) as u16) << (16 * i);
        }
    }
    (sep, quote, newline)
}

/// Masks of the separators (delimiter or `\n`), quotes and newlines in a 64-byte block (SWAR, any CPU).
#[cfg(not(target_arch = "x86_64"))]
#[inline(always)]
fn block_masks(block: &[u8; 64], delim: u8) -> (u64, u64, u64) {
    let mut sep = 0u64;
    let mut quote = 0u64;
    let mut newline = 0u64;
    for (i, chunk) in block.chunks_exact(8).enumerate() {
        let mut w = [0u8; 8];
        w.copy_from_slice(chunk);
        let word = u64::from_le_bytes(w);
        let nl = byte_mask(word, b'\n');
        sep |= (byte_mask(word, delim) | nl) << (8 * i);
        newline |= nl << (8 * i);
        quote |= byte_mask(word, b'"') << (8 * i);
    }
    (sep, quote, newline)
}

/// Calls `on_record(fields, line)` for each record of `data` (which starts at a record boundary and ends at
/// one, or at the end of the input): `fields` are the byte spans of its fields, quotes included, `line`
/// the number of newlines in `data` before the record. Blank lines are skipped. Returns the number of
/// newline bytes in `data`. `on_record` returns `false` to stop.
pub fn records(
    data: &[u8],
    delim: u8,
    fields: &mut Vec<(usize, usize)>,
    on_record: impl FnMut(&[(usize, usize)], u64) -> bool,
) -> u64 {
    records_keyed(data, delim, fields, usize::MAX, |_| false, on_record).newlines
}

/// What [`records_keyed`] found besides the records.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Split {
    /// Newlines in the text.
    pub newlines: u64,
    /// When the text ends inside a quote: the line (relative to the text) of the record it is in. Every
    /// line after the opening quote then belongs to that record's last cell.
    pub open_quote: Option<u64>,
    /// Whether that record was passed over at its key field (`skip` returned `true` for it, the last call).
    pub open_quote_skipped: bool,
}

/// As [`records`], and when field `key` of a record ends before the record does, calls `skip(field)`: when
/// it returns `true` the rest of the record is passed over (its separators are not looked at) and
/// `on_record` is not called for it. This is how rows of brands outside a comparison set cost almost nothing.
/// The text is expected to end at a record boundary, or at the end of the file.
pub fn records_keyed(
    data: &[u8],
    delim: u8,
    fields: &mut Vec<(usize, usize)>,
    key: usize,
    mut skip: impl FnMut(&[u8]) -> bool,
    mut on_record: impl FnMut(&[(usize, usize)], u64) -> bool,
) -> Split {
    // Drops the separators before the next newline: the rest of a skipped record.
    let to_newline = |seps: u64, newline: u64| {
        let nl = seps & newline;
        if nl == 0 {
            0
        } else {
            seps & !((nl & nl.wrapping_neg()) - 1)
        }
    };
    let mut skipping = false;
    let n = data.len();
    fields.clear();
    let mut field_start = 0usize;
    let mut record_line = 0u64;
    let mut newlines_before_block = 0u64;
    let mut in_quotes = 0u64;
    let mut block;
    let mut base = 0usize;
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
        let (sep, quote, newline) = block_masks(bytes, delim);
        let inside = prefix_xor(quote) ^ in_quotes;
        in_quotes = 0u64.wrapping_sub(inside >> 63);
        let mut seps = sep & !inside;
        if skipping {
            seps = to_newline(seps, newline);
        }
        while seps != 0 {
            let bit = seps.trailing_zeros();
            let pos = base + bit as usize;
            seps &= seps - 1;
            if data[pos] == b'\n' {
                let below = if bit == 63 { u64::MAX } else { (1u64 << (bit + 1)) - 1 };
                let next_line = newlines_before_block + u64::from((newline & below).count_ones());
                if skipping {
                    skipping = false;
                    fields.clear();
                    field_start = pos + 1;
                    record_line = next_line;
                    continue;
                }
                let end = if pos > field_start && data[pos - 1] == b'\r' {
                    pos - 1
                } else {
                    pos
                };
                if fields.is_empty() && end == field_start {
                    // A blank line.
                    field_start = pos + 1;
                    record_line = next_line;
                    continue;
                }
                fields.push((field_start, end));
                if !on_record(fields, record_line) {
                    return Split {
                        newlines: newlines_before_block + u64::from(newline.count_ones()),
                        open_quote: None,
                        open_quote_skipped: false,
                    };
                }
                fields.clear();
                record_line = next_line;
            } else {
                fields.push((field_start, pos));
                if fields.len() == key.wrapping_add(1) && skip(&data[field_start..pos]) {
                    skipping = true;
                    seps = to_newline(seps, newline);
                }
            }
            field_start = pos + 1;
        }
        newlines_before_block += u64::from(newline.count_ones());
        base += 64;
    }
    if field_start < n && !skipping {
        let end = if data[n - 1] == b'\r' { n - 1 } else { n };
        if !(fields.is_empty() && end == field_start) {
            fields.push((field_start, end));
            on_record(fields, record_line);
        }
    }
    Split {
        newlines: newlines_before_block,
        open_quote: (in_quotes != 0).then_some(record_line),
        open_quote_skipped: in_quotes != 0 && skipping,
    }
}

/// A field's text: surrounding quotes removed and doubled quotes undone (into `scratch` when needed).
pub fn unquote<'a>(field: &'a [u8], scratch: &'a mut Vec<u8>) -> &'a [u8] {
    if field.len() >= 2 && field[0] == b'"' && field[field.len() - 1] == b'"' {
        let inner = &field[1..field.len() - 1];
        if memchr(b'"', inner).is_none() {
            return inner;
        }
        scratch.clear();
        let mut i = 0;
        while i < inner.len() {
            scratch.push(inner[i]);
            i += if inner[i] == b'"' { 2 } else { 1 };
        }
        scratch
    } else {
        field
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(text: &str) -> Vec<(u64, Vec<String>)> {
        let mut out = Vec::new();
        let mut f = Vec::new();
        let mut scratch = Vec::new();
        records(text.as_bytes(), b',', &mut f, |fields, line| {
            out.push((
                line,
                fields
                    .iter()
                    .map(|&(a, b)| String::from_utf8(unquote(&text.as_bytes()[a..b], &mut scratch).to_vec()).unwrap())
                    .collect(),
            ));
            true
        });
        out
    }

    #[test]
    fn lines_count_crlf_quoted_newlines_and_blank_lines() {
        let text = "a,b\r\n\"x\ny\",2\r\n\r\nc,\"q\"\"q\"\nlast,1";
        assert_eq!(
            split(text),
            vec![
                (0, vec!["a".into(), "b".into()]),
                (1, vec!["x\ny".into(), "2".into()]),
                (4, vec!["c".into(), "q\"q".into()]),
                (5, vec!["last".into(), "1".into()]),
            ]
        );
        // Longer than one 64-byte block, with a quoted newline across the boundary.
        let long = format!("{},\"{}\n{}\"\nz,9\n", "p".repeat(60), "q".repeat(10), "r".repeat(70));
        let got = split(&long);
        assert_eq!(got.len(), 2);
        assert_eq!(got[1], (2, vec!["z".to_string(), "9".to_string()]));
    }

    #[test]
    fn skipped_records_keep_the_line_count_and_the_records_after_them() {
        // Rows of brand `b` are skipped at field 0; one of them holds a quoted newline and a quoted comma.
        let text = "a,1\nb,\"x,\ny\"\na,2\nb,3\na,\"4\"\n";
        let mut kept = Vec::new();
        let mut skipped = 0;
        let mut f = Vec::new();
        let got = records_keyed(
            text.as_bytes(),
            b',',
            &mut f,
            0,
            |key| {
                let s = key == b"b";
                skipped += usize::from(s);
                s
            },
            |fields, line| {
                kept.push((line, text[fields[1].0..fields[1].1].to_string()));
                true
            },
        );
        assert_eq!(
            kept,
            vec![(0, "1".to_string()), (3, "2".to_string()), (5, "\"4\"".to_string())]
        );
        assert_eq!((skipped, got.newlines, got.open_quote), (2, 6, None));
    }

    #[test]
    fn a_quote_never_closed_is_reported_with_the_line_of_its_record() {
        // Line 2 (0-based 1) opens a quote in its second cell that nothing closes: lines 3 and 4 are inside it.
        let text = "a,1\nb,\"x\nc,3\nd,4\n";
        let mut f = Vec::new();
        let mut lines = Vec::new();
        let got = records_keyed(
            text.as_bytes(),
            b',',
            &mut f,
            usize::MAX,
            |_| false,
            |_, line| {
                lines.push(line);
                true
            },
        );
        assert_eq!(lines, vec![0, 1]);
        assert_eq!(got.open_quote, Some(1));
        let closed = records_keyed(b"a,\"1\n2\"\nb,2\n", b',', &mut f, usize::MAX, |_| false, |_, _| true);
        assert_eq!(closed.open_quote, None);
    }
}
