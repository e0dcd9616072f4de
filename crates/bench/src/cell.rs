//! Parsing single cells: numbers as people and exporters write them, yes/no flags, missing values.
//!
//! Real exports write `12,345`, `5999.0`, `1.2萬`, `3亿`, `4.5k`, `2.1w`, `10万+`, `12.5%` and full-width
//! digits, and use empty cells, `-` or `N/A` for "not known". A missing cell is `None`, **never zero**:
//! the metrics skip it rather than averaging in a false 0.

use std::fmt;

/// Why a cell could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CellError {
    /// The text is not a number in any form this module knows.
    NotANumber(String),
    /// The text is not a yes/no value.
    NotAFlag(String),
    /// The number is negative where only counts make sense.
    Negative(String),
}

impl fmt::Display for CellError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CellError::NotANumber(t) => write!(f, "`{t}` is not a number"),
            CellError::NotAFlag(t) => write!(
                f,
                "`{t}` is not a yes/no value (write true/false, yes/no, 1/0, 是/否, paid/organic or 付費/自然)"
            ),
            CellError::Negative(t) => write!(f, "`{t}` is negative, but this column holds counts"),
        }
    }
}

impl std::error::Error for CellError {}

/// Returns true if and only if the trimmed cell means "no value": empty, `-`, `--`, `—`, `N/A`, `NA`,
/// `null`, `none`, `NaN`, `#N/A`, `无数据`/`無數據`.
pub fn is_missing(text: &str) -> bool {
    let t = trim(text);
    if t.is_empty() {
        return true;
    }
    matches!(
        t,
        "-" | "--" | "—" | "–" | "－" | "#N/A" | "无数据" | "無數據" | "/" | "NaN%"
    ) || t.eq_ignore_ascii_case("n/a")
        || t.eq_ignore_ascii_case("na")
        || t.eq_ignore_ascii_case("null")
        || t.eq_ignore_ascii_case("none")
        || t.eq_ignore_ascii_case("nan")
}

/// Trims ASCII and Unicode whitespace, including the ideographic space and no-break space.
pub fn trim(text: &str) -> &str {
    text.trim_matches(|c: char| c.is_whitespace() || c == '\u{feff}')
}

/// Parses a count or amount; `Ok(None)` when the cell is missing.
///
/// Handles thousands separators (`1,234`, `1 234`, `1'234`, `1.234.567`, `1.234,5`), integers written as
/// floats (`5999.0`), percentages (`12.5%` → `0.125`), Chinese magnitudes (`萬`/`万` = 10⁴, `億`/`亿` =
/// 10⁸, `千` = 10³), suffixes `k` (10³), `w` (10⁴, 万), `m` (10⁶), `b` (10⁹), full-width digits, and a
/// trailing `+` meaning "more than" (`10万+` is recorded as 100,001, the convention of gsdata's WeChat
/// rankings; `1000+` as 1,001).
pub fn parse_number(text: &str) -> Result<Option<f64>, CellError> {
    if is_missing(text) {
        return Ok(None);
    }
    let original = trim(text);
    // Fast path: plain ASCII integer.
    if original.len() < 16 && original.bytes().all(|b| b.is_ascii_digit()) {
        return original
            .parse::<f64>()
            .map(Some)
            .map_err(|_| CellError::NotANumber(original.to_string()));
    }
    let mut s: String = original
        .chars()
        .map(|c| match c {
            '０'..='９' => char::from(b'0' + (c as u32 - '０' as u32) as u8),
            '．' => '.',
            '，' => ',',
            '％' => '%',
            '＋' => '+',
            '－' => '-',
            _ => c,
        })
        .filter(|c| !matches!(c, ' ' | '\u{a0}' | '\u{202f}' | '\u{2009}' | '\'' | '’' | '\u{3000}'))
        .collect();
    let mut more_than = false;
    if s.ends_with('+') && s.len() > 1 {
        s.pop();
        more_than = true;
    }
    let mut scale = 1.0;
    let mut percent = false;
    if s.ends_with('%') {
        s.pop();
        percent = true;
    } else if let Some(last) = s.chars().last() {
        let factor = match last {
            '萬' | '万' | 'w' | 'W' => Some(1e4),
            '億' | '亿' => Some(1e8),
            '千' | 'k' | 'K' => Some(1e3),
            'm' | 'M' => Some(1e6),
            'b' | 'B' => Some(1e9),
            _ => None,
        };
        if let Some(f) = factor {
            s.truncate(s.len() - last.len_utf8());
            scale = f;
            // `1.2万+` and `3亿 ` are both seen.
            if s.ends_with('+') {
                s.pop();
                more_than = true;
            }
        }
    }
    let number = normalise_separators(&s).ok_or_else(|| CellError::NotANumber(original.to_string()))?;
    let mut value: f64 = number
        .parse()
        .map_err(|_| CellError::NotANumber(original.to_string()))?;
    if !value.is_finite() {
        return Err(CellError::NotANumber(original.to_string()));
    }
    value *= scale;
    if scale > 1.0 {
        // 1.2萬 must be exactly 12000, not 12000.000000000002.
        value = (value * 1e6).round() / 1e6;
    }
    if percent {
        value /= 100.0;
    }
    if more_than {
        value += 1.0;
    }
    Ok(Some(value))
}

/// Parses a count that cannot be negative.
pub fn parse_count(text: &str) -> Result<Option<f64>, CellError> {
    match parse_number(text)? {
        Some(v) if v < 0.0 => Err(CellError::Negative(trim(text).to_string())),
        other => Ok(other),
    }
}

/// Removes thousands separators and turns a decimal comma into a point; `None` if the result cannot be
/// a plain decimal number.
fn normalise_separators(s: &str) -> Option<String> {
    let commas = s.matches(',').count();
    let dots = s.matches('.').count();
    let out = if commas > 0 && dots > 0 {
        // The later one is the decimal separator.
        let last_comma = s.rfind(',')?;
        let last_dot = s.rfind('.')?;
        if last_dot > last_comma {
            check_groups(s, ',')?;
            s.replace(',', "")
        } else {
            if dots > 0 && s[..last_comma].contains(',') {
                return None;
            }
            check_groups(&s[..last_comma], '.')?;
            s.replace('.', "").replace(',', ".")
        }
    } else if commas > 0 {
        let after = s.len() - s.rfind(',')? - 1;
        if commas > 1 || after == 3 {
            check_groups(s, ',')?;
            s.replace(',', "")
        } else {
            s.replace(',', ".")
        }
    } else if dots > 1 {
        check_groups(s, '.')?;
        s.replace('.', "")
    } else {
        s.to_string()
    };
    let body = out.strip_prefix(['-', '+']).unwrap_or(&out);
    let valid = !body.is_empty()
        && body.bytes().any(|b| b.is_ascii_digit())
        && body
            .bytes()
            .all(|b| b.is_ascii_digit() || matches!(b, b'.' | b'e' | b'E' | b'-' | b'+'));
    valid.then_some(out)
}

/// Checks that the groups after each thousands separator have exactly three digits.
fn check_groups(s: &str, sep: char) -> Option<()> {
    let mut parts = s.split(sep);
    let first = parts.next()?;
    let first = first.strip_prefix(['-', '+']).unwrap_or(first);
    if first.is_empty() || first.len() > 3 {
        return None;
    }
    for part in parts {
        let digits = part.split(['.', ',']).next()?;
        if digits.len() != 3 || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
    }
    Some(())
}

/// Cell values that mean yes, lowercased.
const FLAG_YES: &[&str] = &[
    "true",
    "t",
    "yes",
    "y",
    "1",
    "paid",
    "promoted",
    "promotional",
    "promo",
    "sponsored",
    "boosted",
    "ad",
    "ads",
    "是",
    "對",
    "对",
    "有",
    "推廣",
    "推广",
    "廣告",
    "广告",
    "付費",
    "付费",
    "投放",
    "商業",
    "商业",
    "✓",
    "✔",
    "√",
    "☑",
    "x",
];

/// Cell values that mean no, lowercased.
const FLAG_NO: &[&str] = &[
    "false",
    "f",
    "no",
    "n",
    "0",
    "organic",
    "unpaid",
    "not paid",
    "non-paid",
    "not promoted",
    "否",
    "不是",
    "無",
    "无",
    "沒有",
    "没有",
    "不",
    "自然",
    "原生",
    "非推廣",
    "非推广",
    "非廣告",
    "非广告",
    "非付費",
    "非付费",
    "✗",
    "✘",
    "×",
];

/// Parses a yes/no cell (promotional, paid); `Ok(None)` when missing (empty, `-`, `N/A` …; see
/// [`is_missing`]).
///
/// Case and surrounding spaces do not matter. Yes: `true`/`t`, `yes`/`y`, `1` (and `1.0`), `paid`,
/// `promoted`, `promotional`, `promo`, `sponsored`, `boosted`, `ad`, `是`, `對`/`对`, `有`, `推廣`/`推广`,
/// `廣告`/`广告`, `付費`/`付费`, `投放`, `商業`/`商业`, `✓`, `✔`, `√`, `☑`, `x`. No: `false`/`f`, `no`/`n`,
/// `0` (and `0.0`), `organic`, `unpaid`, `not paid`, `not promoted`, `否`, `不是`, `無`/`无`, `沒有`/`没有`,
/// `自然`, `原生`, `非推廣`/`非推广`, `非廣告`/`非广告`, `非付費`/`非付费`, `✗`, `✘`, `×`. Anything else is
/// [`CellError::NotAFlag`].
pub fn parse_flag(text: &str) -> Result<Option<bool>, CellError> {
    // The forms machine-written exports use, without allocating.
    match text {
        "1" | "true" | "TRUE" | "True" => return Ok(Some(true)),
        "0" | "false" | "FALSE" | "False" => return Ok(Some(false)),
        _ => {}
    }
    if is_missing(text) {
        return Ok(None);
    }
    let t = trim(text);
    let lower = t.to_lowercase();
    if FLAG_YES.contains(&lower.as_str()) {
        return Ok(Some(true));
    }
    if FLAG_NO.contains(&lower.as_str()) {
        return Ok(Some(false));
    }
    // `1.0`, `0.00`, as spreadsheets write a 0/1 column.
    match lower.parse::<f64>() {
        Ok(v) if v == 1.0 && lower.contains('.') => Ok(Some(true)),
        Ok(v) if v == 0.0 && lower.contains('.') && !lower.starts_with('-') => Ok(Some(false)),
        _ => Err(CellError::NotAFlag(t.to_string())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[track_caller]
    fn num(text: &str, expected: Option<f64>) {
        assert_eq!(parse_number(text), Ok(expected), "{text:?}");
    }

    #[test]
    fn numbers_in_every_shape() {
        num("12345", Some(12345.0));
        num("5999.0", Some(5999.0));
        num("1,234", Some(1234.0));
        num("1,234,567", Some(1_234_567.0));
        num("1 234 567", Some(1_234_567.0));
        num("1\u{a0}234", Some(1234.0));
        num("1'234", Some(1234.0));
        num("1.234.567", Some(1_234_567.0));
        num("1.234,5", Some(1234.5));
        num("1,234.5", Some(1234.5));
        num("1,5", Some(1.5));
        num("12.5%", Some(0.125));
        num("１２３", Some(123.0));
        num("1.2萬", Some(12_000.0));
        num("1.2万", Some(12_000.0));
        num("3億", Some(300_000_000.0));
        num("3亿", Some(300_000_000.0));
        num("4.5k", Some(4_500.0));
        num("2.1w", Some(21_000.0));
        num("1.5M", Some(1_500_000.0));
        num("29.0b", Some(29e9));
        num("10万+", Some(100_001.0));
        num("1000+", Some(1_001.0));
        num("-3", Some(-3.0));
        num("", None);
        num(" - ", None);
        num("N/A", None);
        num("—", None);
        num("\u{3000}", None);
        assert!(parse_number("abc").is_err());
        assert!(parse_number("1,23,4").is_err());
        assert!(parse_number("12:30").is_err());
        assert_eq!(parse_count("-3"), Err(CellError::Negative("-3".into())));
    }

    #[track_caller]
    fn flag(text: &str, expected: Option<bool>) {
        assert_eq!(parse_flag(text), Ok(expected), "{text:?}");
    }

    #[test]
    fn flags() {
        for yes in [
            "true",
            "TRUE",
            "True",
            " true ",
            "t",
            "T",
            "yes",
            "Yes",
            "y",
            "Y",
            "1",
            "1.0",
            "1.00",
            "是",
            "有",
            "付費",
            "付费",
            "paid",
            "Paid",
            "promoted",
            "Promoted",
            "廣告",
            "广告",
            "推廣",
            "推广",
            "投放",
            "sponsored",
            "✓",
            "✔",
            "√",
        ] {
            flag(yes, Some(true));
        }
        for no in [
            "false",
            "FALSE",
            "False",
            "f",
            "F",
            "no",
            "No",
            "n",
            "N",
            "0",
            "0.0",
            "否",
            "無",
            "无",
            "自然",
            "organic",
            "Organic",
            "unpaid",
            "非付費",
            "非广告",
            "✗",
            "×",
        ] {
            flag(no, Some(false));
        }
        for missing in ["", "  ", "-", "--", "N/A", "n/a", "NA", "null", "\u{3000}"] {
            flag(missing, None);
        }
        for bad in ["maybe", "2", "0.5", "-1", "-0.0", "yes!", "真"] {
            let err = parse_flag(bad).unwrap_err();
            assert_eq!(err, CellError::NotAFlag(bad.to_string()));
            assert!(err.to_string().contains("true/false"), "{err}");
        }
    }
}
