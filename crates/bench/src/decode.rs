//! Turning the bytes of an export into UTF-8 CSV text: encoding and delimiter detection.
//!
//! Chinese Excel writes "CSV (逗号分隔)" as GBK (code page 936), "CSV UTF-8" with a BOM, and
//! "Unicode 文本" as tab-separated UTF-16LE with a BOM. Detection looks at the first 64 KB:
//! 1. a BOM decides (UTF-8, UTF-16LE, UTF-16BE);
//! 2. otherwise UTF-8 if those bytes are valid UTF-8;
//! 3. otherwise GB18030 (a superset of GBK and CP936).
//!
//! The delimiter is the one of `,` `;` tab `|` that occurs most often outside quotes in the header row.

use std::io::{self, Cursor, Read};

use encoding_rs::{Encoding, GB18030, UTF_8};
use encoding_rs_io::DecodeReaderBytesBuilder;

/// How many bytes are examined for detection.
pub const SNIFF_BYTES: usize = 64 * 1024;

/// What detection decided.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sniffed {
    /// The source encoding.
    pub encoding: &'static Encoding,
    /// Whether the source started with a byte-order mark.
    pub bom: bool,
    /// The field delimiter.
    pub delimiter: u8,
}

/// Looks an encoding up by label (`utf-8`, `gbk`, `gb18030`, `big5`, `utf-16le`, `shift_jis` …).
pub fn encoding_for_label(label: &str) -> Option<&'static Encoding> {
    Encoding::for_label(label.trim().as_bytes())
}

/// Reads the start of `reader`, detects encoding and delimiter, and returns a reader of UTF-8 text
/// (without BOM) that yields the whole input.
pub fn open<'a, R: Read + Send + 'a>(
    mut reader: R,
    encoding: Option<&'static Encoding>,
    delimiter: Option<u8>,
) -> io::Result<(Sniffed, Box<dyn Read + Send + 'a>)> {
    let mut prefix = Vec::with_capacity(SNIFF_BYTES);
    (&mut reader).take(SNIFF_BYTES as u64).read_to_end(&mut prefix)?;
    let bom = Encoding::for_bom(&prefix);
    let encoding = encoding.or(bom.map(|(e, _)| e)).unwrap_or_else(|| {
        match std::str::from_utf8(&prefix) {
            Ok(_) => UTF_8,
            // A multi-byte character cut at the end of the prefix is still UTF-8.
            Err(e) if e.error_len().is_none() => UTF_8,
            Err(_) => GB18030,
        }
    });
    let bom_len = match bom {
        Some((e, len)) if e == encoding => len,
        _ => 0,
    };
    let text = {
        let (text, _) = encoding.decode_without_bom_handling(&prefix[bom_len..]);
        text.into_owned()
    };
    let delimiter = delimiter.unwrap_or_else(|| detect_delimiter(&text));
    let sniffed = Sniffed {
        encoding,
        bom: bom_len > 0,
        delimiter,
    };
    let rest = Cursor::new(prefix).chain(reader);
    let out: Box<dyn Read + Send + 'a> = if encoding == UTF_8 {
        let mut rest = rest;
        let mut skip = [0u8; 3];
        if bom_len > 0 {
            rest.read_exact(&mut skip[..bom_len])?;
        }
        Box::new(rest)
    } else {
        Box::new(
            DecodeReaderBytesBuilder::new()
                .encoding(Some(encoding))
                .bom_override(true)
                .strip_bom(true)
                .build(rest),
        )
    };
    Ok((sniffed, out))
}

/// The delimiter of the first record of `text`: the most frequent of `,` `;` tab `|` outside quotes
/// (`,` on a tie or when none occurs).
pub fn detect_delimiter(text: &str) -> u8 {
    let mut counts = [0usize; 4];
    const CANDIDATES: [u8; 4] = [b',', b';', b'\t', b'|'];
    let mut quoted = false;
    for b in text.bytes() {
        match b {
            b'"' => quoted = !quoted,
            b'\n' if !quoted => break,
            _ if !quoted => {
                if let Some(i) = CANDIDATES.iter().position(|c| *c == b) {
                    counts[i] += 1;
                }
            }
            _ => {}
        }
    }
    let mut best = 0;
    for i in 1..4 {
        if counts[i] > counts[best] {
            best = i;
        }
    }
    CANDIDATES[best]
}

/// A reader that reports the running count of bytes read to a callback.
pub struct ProgressReader<'p, R> {
    inner: R,
    read: u64,
    callback: &'p mut (dyn FnMut(u64) + Send),
}

impl<'p, R: Read> ProgressReader<'p, R> {
    /// Wraps `inner`; `callback` receives the total bytes read so far after each read.
    pub fn new(inner: R, callback: &'p mut (dyn FnMut(u64) + Send)) -> Self {
        ProgressReader {
            inner,
            read: 0,
            callback,
        }
    }
}

impl<R: Read> Read for ProgressReader<'_, R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.read += n as u64;
        (self.callback)(self.read);
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decode(bytes: &[u8]) -> (Sniffed, String) {
        let (s, mut r) = open(bytes, None, None).unwrap();
        let mut out = String::new();
        r.read_to_string(&mut out).unwrap();
        (s, out)
    }

    #[test]
    fn detects_encodings() {
        let (s, t) = decode("\u{feff}品牌,平台\n".as_bytes());
        assert_eq!((s.encoding, s.bom, t.as_str()), (UTF_8, true, "品牌,平台\n"));
        let (gbk, _, _) = GB18030.encode("品牌;平台\n");
        let (s, t) = decode(&gbk);
        assert_eq!((s.encoding, s.delimiter, t.as_str()), (GB18030, b';', "品牌;平台\n"));
        let mut utf16 = vec![0xFF, 0xFE];
        for u in "品牌\t平台\n".encode_utf16() {
            utf16.extend_from_slice(&u.to_le_bytes());
        }
        let (s, t) = decode(&utf16);
        assert_eq!(
            (s.encoding.name(), s.delimiter, t.as_str()),
            ("UTF-16LE", b'\t', "品牌\t平台\n")
        );
    }

    #[test]
    fn delimiters() {
        assert_eq!(detect_delimiter("a,b,c\n1;2"), b',');
        assert_eq!(detect_delimiter("a;b;\"c,d,e\"\n"), b';');
        assert_eq!(detect_delimiter("a\tb\n"), b'\t');
        assert_eq!(detect_delimiter("single\n"), b',');
    }
}
