//! Turning the bytes of an export into UTF-8 CSV text: encoding and delimiter detection.
//!
//! Excel in mainland China writes "CSV (逗号分隔)" as GBK (code page 936); Excel in Taiwan and
//! Hong Kong writes "CSV (逗號分隔)" as Big5 (code page 950); both write "CSV UTF-8" with a BOM,
//! and "Unicode 文本" as tab-separated UTF-16LE with a BOM. Detection looks at the first
//! [`SNIFF_BYTES`] bytes, and [`Sniffed::decided_by`] records which step decided:
//! 0. an encoding given by the caller (`--encoding`) wins ([`EncodingSource::Given`]); a BOM of
//!    that encoding is skipped, any other BOM is decoded as data;
//! 1. otherwise a BOM decides: UTF-8, UTF-16LE, UTF-16BE ([`EncodingSource::Bom`]);
//! 2. otherwise UTF-8 if those bytes are valid UTF-8 ([`EncodingSource::Utf8Valid`]);
//! 3. otherwise the bytes are guessed ([`EncodingSource::Detected`]), as follows.
//!
//! # Step 3: guessing a legacy encoding
//!
//! The prefix is fed to [`chardetng`] (Firefox's detector) with no top-level domain, which
//! weighs every legacy encoding it knows on character-frequency statistics. The prefix is also
//! read both as Big5 and as GB18030 and each reading is counted: malformed sequences,
//! CJK ideographs, ideographs among `COMMON_HANZI` (about 200 characters, the Traditional and
//! Simplified forms of the words in social-media export headers — 品牌 平台 發布/发布 時間/时间
//! 按讚/点赞 留言 評論/评论 分享 轉發/转发 … — and of the most frequent characters of running
//! text), and ideographs glued to an ASCII letter (as in `Cr鑝e`, what `Crème` turns into when
//! windows-1252 is read as GBK). A reading is *clean* when it has no malformed sequence or at
//! most one per 50 ideographs. An incomplete character at the end of the prefix counts against
//! nothing: the prefix may cut the file mid-character.
//!
//! The Chinese candidate is chosen between the two readings: the clean one if only one is;
//! otherwise the one with fewer malformed sequences if neither is; otherwise the one with more
//! common characters; on a tie, chardetng's own choice between Big5 and GBK. Big5 text is almost
//! always well-formed GBK and vice versa, so for short files (a header and a few rows) the
//! common-character count is what tells them apart: the wrong reading yields arbitrary, mostly
//! rare characters.
//!
//! The answer then is:
//! - chardetng says Big5 or GBK: the Chinese candidate (Big5, or GB18030 for GBK since GB18030
//!   is the superset Excel's code page 936 decodes under);
//! - chardetng says another multi-byte East Asian encoding (Shift_JIS, EUC-JP, EUC-KR,
//!   ISO-2022-JP): that encoding, unless the Chinese candidate's reading is clean and at least a
//!   quarter of its ideographs (and at least one) are common characters — a short GBK file
//!   holding only `品牌` is EUC-KR to chardetng;
//! - chardetng says a single-byte encoding (windows-1252, windows-1251, …): the Chinese candidate
//!   if its reading is clean, has ideographs, and either has a common character or has fewer than
//!   half of its ideographs glued to ASCII letters; otherwise chardetng's answer. So a CJK file is
//!   never read as windows-1252 because its characters are rare (chardetng calls a file holding
//!   only `麒麟` windows-1252), while a Western file survives even when each of its accented
//!   letters happens to pair with the next byte into a valid Chinese character.
//!
//! Known limit: a very short file whose only ideographs are uncommon ones right next to ASCII
//! letters (`iPhone手機殼`) may come out as Korean or Japanese. [`Sniffed::describe`] says what
//! was guessed, and a given encoding (`--encoding big5`, see [`encoding_for_label`]) overrides it.
//!
//! The delimiter is the one of `,` `;` tab `|` that occurs most often outside quotes in the header row.

use std::io::{self, Cursor, Read};

use chardetng::EncodingDetector;
use encoding_rs::{
    BIG5, EUC_JP, EUC_KR, Encoding, GB18030, GBK, ISO_2022_JP, REPLACEMENT, SHIFT_JIS, UTF_8, UTF_16BE, UTF_16LE,
};
use encoding_rs_io::DecodeReaderBytesBuilder;

/// The encoding type detection decides and overrides take (`encoding_rs`'s), so callers need not name that crate.
pub use encoding_rs::Encoding as TextEncoding;

/// How many bytes are examined for detection.
pub const SNIFF_BYTES: usize = 64 * 1024;

/// The encodings users are told about in help texts (`--encoding`); [`encoding_for_label`]
/// accepts these and more spellings.
pub const ENCODING_NAMES: &str = "utf-8, gb18030 (gbk), big5, utf-16le, utf-16be";

/// Characters that are frequent in the headers, brand names and posts of social-media exports
/// from Greater China, in Traditional and Simplified forms: the tie-breaker between the Big5 and
/// the GB18030 reading of a file (see the module documentation).
const COMMON_HANZI: &str = concat!(
    // headers: brand, platform, date and time, likes, comments, shares, views, followers …
    "品牌平台發发布時时間间日期月年週周點点讚赞按評评論论留言轉转分享次數数量閱阅讀读播放瀏浏覽览觀观看",
    "粉絲丝關关注收藏互動动曝光率標标題题內内容連连結结鏈链接帖子貼贴文帳账號号名稱称類类型總总計计合",
    // platforms, product words and brand-name staples
    "微博抖音小紅红書书視视頻频影片直茶飲饮咖啡店心語语新用戶户客者作成本費费元價价格銷销售額额單单位",
    // the most frequent characters of running text
    "的一是不了人我在有他這这個个們们中來来上大為为和國国到說说要就出也會会可下過过天能對对多好生家學学",
    "實实行美全網网站官方商城活",
);

/// How the encoding of a source was decided.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum EncodingSource {
    /// The caller named it (`--encoding`).
    Given,
    /// A byte-order mark at the start of the source.
    Bom,
    /// The examined bytes are valid UTF-8.
    Utf8Valid,
    /// Guessed from the bytes (see the module documentation).
    Detected,
}

impl EncodingSource {
    /// A short phrase for messages: `given`, `byte-order mark`, `valid UTF-8`, `detected`.
    pub fn describe(self) -> &'static str {
        match self {
            EncodingSource::Given => "given",
            EncodingSource::Bom => "byte-order mark",
            EncodingSource::Utf8Valid => "valid UTF-8",
            EncodingSource::Detected => "detected",
        }
    }
}

/// What detection decided.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sniffed {
    /// The source encoding.
    pub encoding: &'static Encoding,
    /// Whether the source started with a byte-order mark of that encoding (it is skipped).
    pub bom: bool,
    /// The field delimiter.
    pub delimiter: u8,
    /// How the encoding was decided.
    pub decided_by: EncodingSource,
}

impl Sniffed {
    /// The encoding and how it was decided, for messages: `Big5 (detected)`,
    /// `UTF-8 (byte-order mark)`, `GB18030 (given)`, `UTF-8 (valid UTF-8)`.
    pub fn describe(&self) -> String {
        format!("{} ({})", display_name(self.encoding), self.decided_by.describe())
    }
}

/// The name of `encoding` as users know it (`GB18030` rather than encoding_rs's `gb18030`).
fn display_name(encoding: &'static Encoding) -> &'static str {
    if encoding == GB18030 {
        "GB18030"
    } else {
        encoding.name()
    }
}

/// Looks an encoding up by label, ignoring case, surrounding spaces and `_` for `-`: `big5`,
/// `big5-hkscs`, `cp950` (Big5); `gbk`, `gb2312`, `cp936`, `gb18030` (GB18030, which decodes
/// all of them); `utf8`, `utf-8`, `utf-8-sig` (UTF-8); `utf-16` (UTF-16LE), `utf-16le`,
/// `utf-16be`; `latin1` (windows-1252); and any other WHATWG label (`shift_jis`, `euc-kr`,
/// `windows-1252` …). Unknown labels give `None`.
pub fn encoding_for_label(label: &str) -> Option<&'static Encoding> {
    let label = label.trim();
    let normal = label.to_ascii_lowercase().replace('_', "-");
    let encoding = match normal.as_str() {
        "big5" | "big5-hkscs" | "cp950" | "ms950" => BIG5,
        "gbk" | "gb2312" | "cp936" | "ms936" | "gb18030" => GB18030,
        "utf8" | "utf-8" | "utf-8-sig" => UTF_8,
        "utf-16" | "utf-16le" | "utf16" | "utf16le" => UTF_16LE,
        "utf-16be" | "utf16be" => UTF_16BE,
        _ => Encoding::for_label(label.as_bytes()).or_else(|| Encoding::for_label(normal.as_bytes()))?,
    };
    if encoding == REPLACEMENT {
        None
    } else if encoding == GBK {
        Some(GB18030)
    } else {
        Some(encoding)
    }
}

/// Reads the start of `reader`, detects encoding and delimiter, and returns a reader of UTF-8 text
/// (without BOM) that yields the whole input. A given `encoding` wins over the BOM and detection.
pub fn open<'a, R: Read + Send + 'a>(
    mut reader: R,
    encoding: Option<&'static Encoding>,
    delimiter: Option<u8>,
) -> io::Result<(Sniffed, Box<dyn Read + Send + 'a>)> {
    let mut prefix = Vec::with_capacity(SNIFF_BYTES);
    (&mut reader).take(SNIFF_BYTES as u64).read_to_end(&mut prefix)?;
    let bom = Encoding::for_bom(&prefix);
    let (encoding, decided_by) = match (encoding, bom) {
        (Some(given), _) => (given, EncodingSource::Given),
        (None, Some((e, _))) => (e, EncodingSource::Bom),
        (None, None) => match std::str::from_utf8(&prefix) {
            Ok(_) => (UTF_8, EncodingSource::Utf8Valid),
            // A multi-byte character cut at the end of the prefix is still UTF-8.
            Err(e) if e.error_len().is_none() => (UTF_8, EncodingSource::Utf8Valid),
            Err(_) => (detect_legacy(&prefix), EncodingSource::Detected),
        },
    };
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
        decided_by,
    };
    let mut rest = Cursor::new(prefix).chain(reader);
    let mut skip = [0u8; 3];
    rest.read_exact(&mut skip[..bom_len])?;
    let out: Box<dyn Read + Send + 'a> = if encoding == UTF_8 {
        Box::new(rest)
    } else {
        // The BOM, if it was this encoding's, is skipped above; the decoder must not let another
        // BOM override the encoding (a given encoding wins).
        Box::new(
            DecodeReaderBytesBuilder::new()
                .encoding(Some(encoding))
                .bom_override(false)
                .bom_sniffing(false)
                .strip_bom(false)
                .build(rest),
        )
    };
    Ok((sniffed, out))
}

/// How one candidate encoding reads the sniffed prefix.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct Reading {
    /// Malformed byte sequences.
    errors: usize,
    /// CJK ideographs (Unified Ideographs and Extension A).
    ideographs: usize,
    /// Ideographs among `COMMON_HANZI`.
    common: usize,
    /// Ideographs with an ASCII letter right before or after them.
    glued: usize,
}

impl Reading {
    /// Reads `bytes` as `encoding`; an incomplete character at the end is not an error.
    fn of(encoding: &'static Encoding, bytes: &[u8], common: &[char]) -> Reading {
        let mut decoder = encoding.new_decoder_without_bom_handling();
        let capacity = decoder
            .max_utf8_buffer_length(bytes.len())
            .unwrap_or(bytes.len().saturating_mul(3));
        let mut text = String::with_capacity(capacity);
        let _ = decoder.decode_to_string(bytes, &mut text, false);
        let mut reading = Reading::default();
        let mut previous = '\n';
        let mut chars = text.chars().peekable();
        while let Some(c) = chars.next() {
            if c == '\u{FFFD}' {
                reading.errors += 1;
            } else if is_ideograph(c) {
                reading.ideographs += 1;
                if common.binary_search(&c).is_ok() {
                    reading.common += 1;
                }
                let next = chars.peek().copied().unwrap_or('\n');
                if previous.is_ascii_alphabetic() || next.is_ascii_alphabetic() {
                    reading.glued += 1;
                }
            }
            previous = c;
        }
        reading
    }

    /// No malformed sequence, or at most one per 50 ideographs.
    fn clean(&self) -> bool {
        self.errors == 0 || self.errors * 50 <= self.ideographs
    }
}

fn is_ideograph(c: char) -> bool {
    matches!(c, '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}')
}

/// Step 3 of the module documentation: the legacy encoding of `prefix`, which is not valid UTF-8
/// and may end in the middle of a character.
fn detect_legacy(prefix: &[u8]) -> &'static Encoding {
    let mut detector = EncodingDetector::new();
    // Not `last`: the prefix may stop mid-character, which says nothing about the encoding.
    detector.feed(prefix, false);
    let verdict = detector.guess(None, false);

    let mut common: Vec<char> = COMMON_HANZI.chars().collect();
    common.sort_unstable();
    common.dedup();
    let big5 = Reading::of(BIG5, prefix, &common);
    let gb = Reading::of(GB18030, prefix, &common);

    // chardetng's own preference between the two Chinese encodings, for ties.
    let chardetng_prefers_big5 = if verdict == BIG5 {
        true
    } else if verdict == GBK || verdict == GB18030 {
        false
    } else {
        // "sg" ranks GBK first and Big5 second, and everything else below them.
        detector.guess(Some(b"sg"), false) == BIG5
    };
    let big5_wins = if big5.clean() != gb.clean() {
        big5.clean()
    } else if !big5.clean() && big5.errors != gb.errors {
        big5.errors < gb.errors
    } else if big5.common != gb.common {
        big5.common > gb.common
    } else {
        chardetng_prefers_big5
    };
    let (chinese, reading) = if big5_wins { (BIG5, big5) } else { (GB18030, gb) };

    if verdict == BIG5 || verdict == GBK || verdict == GB18030 {
        return chinese;
    }
    let plausible = reading.clean() && reading.ideographs > 0;
    let east_asian = [SHIFT_JIS, EUC_JP, EUC_KR, ISO_2022_JP].contains(&verdict);
    let chinese_wins = if east_asian {
        plausible && reading.common > 0 && reading.common * 4 >= reading.ideographs
    } else {
        plausible && (reading.common > 0 || reading.glued * 2 < reading.ideographs)
    };
    if chinese_wins { chinese } else { verdict }
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
    use encoding_rs::{WINDOWS_1251, WINDOWS_1252};

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

    const BIG5_FIXTURE: &[u8] = include_bytes!("../tests/fixtures/encodings/big5.csv");
    const GBK_FIXTURE: &[u8] = include_bytes!("../tests/fixtures/encodings/gbk.csv");

    fn decode_with(bytes: &[u8], encoding: Option<&'static Encoding>) -> (Sniffed, String) {
        let (s, mut r) = open(bytes, encoding, None).unwrap();
        let mut out = String::new();
        r.read_to_string(&mut out).unwrap();
        (s, out)
    }

    fn encode(encoding: &'static Encoding, text: &str) -> Vec<u8> {
        let (bytes, _, unmappable) = encoding.encode(text);
        assert!(!unmappable, "{text:?} is not all {}", encoding.name());
        bytes.into_owned()
    }

    #[test]
    fn big5_fixture_is_big5() {
        let (s, t) = decode(BIG5_FIXTURE);
        assert_eq!(s.encoding, BIG5);
        assert_eq!(s.decided_by, EncodingSource::Detected);
        assert_eq!((s.bom, s.delimiter), (false, b','));
        assert_eq!(s.describe(), "Big5 (detected)");
        assert_eq!(
            t,
            "品牌,平台,發布時間,按讚數,留言數,分享次數\r\n\
             蓮心茶飲,Facebook,2024-03-01,1520,88,12\r\n\
             茶語時光,Instagram,2024-03-02,980,45,7\r\n\
             蓮心茶飲,YouTube,2024-03-05,3300,210,56\r\n"
        );
    }

    #[test]
    fn gbk_fixture_is_gb18030() {
        let (s, t) = decode(GBK_FIXTURE);
        assert_eq!(s.encoding, GB18030);
        assert_eq!(s.decided_by, EncodingSource::Detected);
        assert_eq!(s.describe(), "GB18030 (detected)");
        assert_eq!(
            t,
            "品牌,平台,发布时间,点赞数,评论数,转发数\r\n\
             莲心茶饮,微博,2024-03-01,1520,88,12\r\n\
             茶语时光,小红书,2024-03-02,980,45,7\r\n\
             莲心茶饮,抖音,2024-03-05,3300,210,56\r\n"
        );
    }

    #[test]
    fn short_chinese_files() {
        // (text, written as Big5?) — several of these chardetng alone gets wrong (EUC-KR,
        // EUC-JP, windows-1252, windows-1255, ISO-8859-2).
        let cases = [
            ("品牌,平台\n蓮心茶飲,IG\n", true),
            ("品牌,平台\n莲心茶饮,IG\n", false),
            ("品牌\n", true),
            ("品牌\n", false),
            ("發布時間,按讚數\n", true),
            ("发布时间,点赞数\n", false),
            ("brand,likes\n蓮心,1\n", true),
            ("brand,likes\n莲心,1\n", false),
            ("brand,likes\n麒麟,1\n", true),
            ("brand,likes\n麒麟,1\n", false),
            ("brand,likes\n饕餮,1\n", true),
            ("brand,likes\n饕餮,1\n", false),
            ("brand\n許功蓋\n", true),
            ("品牌,平台,標題\n麒麟,IG,新品上市 限時優惠！\n", true),
            ("品牌,平台,标题\n麒麟,小红书,新品上市 限时优惠！\n", false),
        ];
        for (text, big5) in cases {
            let expected = if big5 { BIG5 } else { GB18030 };
            let (s, t) = decode(&encode(if big5 { BIG5 } else { GBK }, text));
            assert_eq!((s.encoding, t.as_str()), (expected, text), "{text:?}");
            assert_eq!(s.decided_by, EncodingSource::Detected);
        }
    }

    #[test]
    fn other_legacy_encodings_stay_what_chardetng_says() {
        let cases = [
            ("brand,platform\nCafé,Instagram\n", WINDOWS_1252),
            // Every accented letter pairs with the next byte into a valid GBK/Big5 character.
            ("brand,platform\nCrème brûlée,Instagram\n", WINDOWS_1252),
            (
                "Marke,Plattform\nMüller Bäckerei,Instagram\nSchöne Grüße,Facebook\n",
                WINDOWS_1252,
            ),
            ("Бренд,Платформа\nЧайный дом,VK\n", WINDOWS_1251),
            ("ブランド,投稿日,いいね数\n抹茶堂,2024-03-01,12\n", SHIFT_JIS),
            ("ブランド,プラットフォーム\n抹茶堂,Instagram\n", EUC_JP),
            ("브랜드,게시일,좋아요\n녹차집,2024-03-01,12\n", EUC_KR),
        ];
        for (text, encoding) in cases {
            let (s, t) = decode(&encode(encoding, text));
            assert_eq!((s.encoding, t.as_str()), (encoding, text), "{text:?}");
            assert_eq!(s.decided_by, EncodingSource::Detected);
        }
    }

    #[test]
    fn big5_across_the_sniff_boundary() {
        // A character cut in two by the end of the sniffed prefix is not evidence against Big5.
        let mut text = String::from("品牌,平台,發布時間,按讚數\n");
        while text.len() < 3 * SNIFF_BYTES {
            text.push_str("蓮心茶飲,Facebook,2024-03-01,1520\n");
        }
        let bytes = encode(BIG5, &text);
        // Pad the start so that the lead byte of a two-byte character is the prefix's last byte.
        let (mut i, mut lead) = (0, 0);
        while i < SNIFF_BYTES {
            if bytes[i] >= 0x80 {
                lead = i;
                i += 2;
            } else {
                i += 1;
            }
        }
        let pad = "x".repeat(SNIFF_BYTES - 1 - lead);
        let bytes = [pad.as_bytes(), &bytes].concat();
        assert!(bytes[SNIFF_BYTES - 1] >= 0x80);
        let (s, t) = decode(&bytes);
        assert_eq!((s.encoding, s.decided_by), (BIG5, EncodingSource::Detected));
        assert_eq!(t, pad + &text);
    }

    #[test]
    fn utf8_stays_utf8() {
        let text = "品牌,平台,發布時間\n蓮心茶飲,Instagram,2024-03-01\n";
        let (s, t) = decode(text.as_bytes());
        assert_eq!((s.encoding, s.bom, t.as_str()), (UTF_8, false, text));
        assert_eq!(s.decided_by, EncodingSource::Utf8Valid);
        assert_eq!(s.describe(), "UTF-8 (valid UTF-8)");
        let (s, _) = decode(b"brand,platform\n");
        assert_eq!((s.encoding, s.decided_by), (UTF_8, EncodingSource::Utf8Valid));
    }

    #[test]
    fn bom_decides() {
        let (s, t) = decode("\u{feff}品牌,平台\n".as_bytes());
        assert_eq!((s.encoding, s.bom, t.as_str()), (UTF_8, true, "品牌,平台\n"));
        assert_eq!(s.decided_by, EncodingSource::Bom);
        assert_eq!(s.describe(), "UTF-8 (byte-order mark)");
        for (encoding, bom) in [(UTF_16LE, [0xFF, 0xFE]), (UTF_16BE, [0xFE, 0xFF])] {
            let mut bytes = bom.to_vec();
            for u in "品牌\t平台\n".encode_utf16() {
                if encoding == UTF_16LE {
                    bytes.extend_from_slice(&u.to_le_bytes());
                } else {
                    bytes.extend_from_slice(&u.to_be_bytes());
                }
            }
            let (s, t) = decode(&bytes);
            assert_eq!((s.encoding, s.bom, s.delimiter), (encoding, true, b'\t'));
            assert_eq!((s.decided_by, t.as_str()), (EncodingSource::Bom, "品牌\t平台\n"));
        }
    }

    #[test]
    fn given_encoding_wins() {
        let (s, t) = decode_with(GBK_FIXTURE, Some(GB18030));
        assert_eq!((s.encoding, s.decided_by), (GB18030, EncodingSource::Given));
        assert_eq!(s.describe(), "GB18030 (given)");
        assert!(t.starts_with("品牌,平台,发布时间"));
        // Over detection: the Big5 file read as GB18030, as asked.
        let (s, t) = decode_with(BIG5_FIXTURE, Some(GB18030));
        assert_eq!((s.encoding, s.decided_by), (GB18030, EncodingSource::Given));
        assert_eq!(t, GB18030.decode_without_bom_handling(BIG5_FIXTURE).0);
        // Over valid UTF-8.
        let (s, _) = decode_with("品牌\n".as_bytes(), Some(BIG5));
        assert_eq!((s.encoding, s.decided_by), (BIG5, EncodingSource::Given));
        // Its own BOM is skipped …
        let (s, t) = decode_with("\u{feff}品牌\n".as_bytes(), Some(UTF_8));
        assert_eq!((s.encoding, s.bom, s.decided_by), (UTF_8, true, EncodingSource::Given));
        assert_eq!(t, "品牌\n");
        // … another encoding's BOM does not override it.
        let bytes = [&[0xEF, 0xBB, 0xBF][..], &encode(BIG5, "品牌\n")].concat();
        let (s, t) = decode_with(&bytes, Some(BIG5));
        assert_eq!((s.encoding, s.bom, s.decided_by), (BIG5, false, EncodingSource::Given));
        assert_eq!(t, BIG5.decode_without_bom_handling(&bytes).0);
    }

    #[test]
    fn labels() {
        for label in ["big5", "BIG5", " Big5 ", "big5-hkscs", "big5_hkscs", "cp950"] {
            assert_eq!(encoding_for_label(label), Some(BIG5), "{label}");
        }
        for label in ["gbk", "GBK", "gb2312", "GB_2312", "cp936", "gb18030", "GB18030"] {
            assert_eq!(encoding_for_label(label), Some(GB18030), "{label}");
        }
        for label in ["utf8", "utf-8", "UTF-8", "utf_8", "utf-8-sig", "UTF-8-SIG"] {
            assert_eq!(encoding_for_label(label), Some(UTF_8), "{label}");
        }
        assert_eq!(encoding_for_label("utf-16"), Some(UTF_16LE));
        assert_eq!(encoding_for_label("utf-16le"), Some(UTF_16LE));
        assert_eq!(encoding_for_label("UTF-16BE"), Some(UTF_16BE));
        assert_eq!(encoding_for_label("latin1"), Some(WINDOWS_1252));
        assert_eq!(encoding_for_label("shift_jis"), Some(SHIFT_JIS));
        assert_eq!(encoding_for_label("euc-kr"), Some(EUC_KR));
        for label in ["", "big6", "utf-9", "iso-2022-kr", "chinese-ish"] {
            assert_eq!(encoding_for_label(label), None, "{label}");
        }
        for name in ENCODING_NAMES.split(", ") {
            let label = name.split(' ').next().unwrap();
            assert!(encoding_for_label(label).is_some(), "{label}");
        }
        assert_eq!(encoding_for_label("gbk").map(display_name), Some("GB18030"));
    }

    #[test]
    fn describe_every_source() {
        let phrases = [
            (EncodingSource::Given, "given"),
            (EncodingSource::Bom, "byte-order mark"),
            (EncodingSource::Utf8Valid, "valid UTF-8"),
            (EncodingSource::Detected, "detected"),
        ];
        for (source, phrase) in phrases {
            assert_eq!(source.describe(), phrase);
        }
    }

    #[test]
    fn delimiters() {
        assert_eq!(detect_delimiter("a,b,c\n1;2"), b',');
        assert_eq!(detect_delimiter("a;b;\"c,d,e\"\n"), b';');
        assert_eq!(detect_delimiter("a\tb\n"), b'\t');
        assert_eq!(detect_delimiter("single\n"), b',');
    }
}
