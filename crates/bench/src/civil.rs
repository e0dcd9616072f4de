//! Civil (calendar) dates and times as exports write them, and the periods posts are grouped by.
//!
//! Exports state times in many shapes (`2018-05-28 21:10 +0000`, `4/22/2018 6:00`, `2024年3月5日`,
//! `20240305`) and rarely say which time zone they use (Hootsuite mixes PDT and UTC by network). This
//! module keeps the time *as written*, with no zone conversion, in a small [`DateTime`] type, and maps
//! it to [`PeriodKey`]s (ISO week, month, quarter). Day arithmetic uses the days-from-civil algorithm
//! (proleptic Gregorian calendar), so no date crate is needed.

use std::fmt;

use serde::{Deserialize, Serialize};

/// How precisely an export states a post's time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Precision {
    /// Only the year and month are known (e.g. the UCI Facebook metrics file's `Post Month`).
    Month,
    /// The day is known, the time of day is not.
    Day,
    /// The time of day is known (to the minute or second).
    Time,
}

/// A calendar date and time of day as written in an export, without a time zone.
///
/// Serialised as ISO 8601 text to its precision: `2014-01`, `2016-09-19`, `2018-05-28T21:10:00`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct DateTime {
    /// Year, e.g. 2018.
    pub year: i32,
    /// Month, 1–12.
    pub month: u8,
    /// Day of month, 1–31 (1 when only the month is known).
    pub day: u8,
    /// Hour, 0–23 (0 when unknown).
    pub hour: u8,
    /// Minute, 0–59.
    pub minute: u8,
    /// Second, 0–60.
    pub second: u8,
    /// How much of the above the export stated.
    pub precision: Precision,
}

/// The order of day, month and year in a date written with numbers only (`4/5/2018`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DateOrder {
    /// Decide per value: a first number above 12 means day first, a second above 12 means month
    /// first; otherwise month first for `/` (US exports) and day first for `.` and `-`.
    #[default]
    Auto,
    /// Month, day, year (`4/22/2018`).
    Mdy,
    /// Day, month, year (`22/4/2018`, `22.04.2018`).
    Dmy,
    /// Year, month, day (`2018-04-22`, `2018年4月22日`); four-digit years first are always read so.
    Ymd,
}

impl DateTime {
    /// Builds a date at midnight with [`Precision::Day`]; `None` if the date does not exist.
    pub fn from_ymd(year: i32, month: u8, day: u8) -> Option<DateTime> {
        if !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
            return None;
        }
        Some(DateTime {
            year,
            month,
            day,
            hour: 0,
            minute: 0,
            second: 0,
            precision: Precision::Day,
        })
    }

    /// Days since 1970-01-01 of this date (negative before).
    pub fn days(&self) -> i64 {
        days_from_civil(self.year, self.month, self.day)
    }

    /// The last day this time may stand for: the month's last day for [`Precision::Month`], else the day.
    pub fn last_day(&self) -> i64 {
        match self.precision {
            Precision::Month => days_from_civil(self.year, self.month, days_in_month(self.year, self.month)),
            _ => self.days(),
        }
    }

    /// ISO weekday, 1 = Monday … 7 = Sunday.
    pub fn weekday(&self) -> u8 {
        // 1970-01-01 was a Thursday (ISO 4).
        ((self.days() + 3).rem_euclid(7) + 1) as u8
    }

    /// The period of kind `kind` that contains this time.
    pub fn period(&self, kind: PeriodKind) -> PeriodKey {
        match kind {
            PeriodKind::Month => PeriodKey {
                kind,
                year: self.year,
                index: self.month,
            },
            PeriodKind::Quarter => PeriodKey {
                kind,
                year: self.year,
                index: (self.month - 1) / 3 + 1,
            },
            PeriodKind::Week => {
                let (year, week) = iso_week(self.days());
                PeriodKey {
                    kind,
                    year,
                    index: week,
                }
            }
        }
    }

    /// Parses a date or date-time cell; `None` when the text is not a date this parser knows.
    ///
    /// Accepted: `YYYY-MM-DD`, `YYYY/MM/DD`, `YYYY.MM.DD`, `YYYY年M月D日`, `YYYYMMDD`, `M/D/YYYY` and
    /// `D.M.YYYY` (order per `order`), each optionally followed by a time `H:MM[:SS[.fff]]` (after a space
    /// or `T`, with `AM`/`PM`, `上午`/`下午`, or `時/时 分 秒`), and a zone suffix (`Z`, `+0000`, `+08:00`,
    /// `UTC`) that is ignored: times are kept as written.
    pub fn parse(text: &str, order: DateOrder) -> Option<DateTime> {
        let text = text.trim();
        iso_fast(text.as_bytes()).or_else(|| parse_datetime(text, order))
    }
}

impl DateTime {
    /// ISO 8601 text to this time's precision (`2014-01`, `2016-09-19`, `2018-05-28T21:10:00`).
    pub fn to_iso(&self) -> String {
        match self.precision {
            Precision::Time => format!(
                "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}",
                self.year, self.month, self.day, self.hour, self.minute, self.second
            ),
            _ => self.to_string(),
        }
    }
}

impl Serialize for DateTime {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.to_iso())
    }
}

impl<'de> Deserialize<'de> for DateTime {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        DateTime::parse(&text, DateOrder::Ymd)
            .or_else(|| DateTime::parse(&text, DateOrder::Auto))
            .ok_or_else(|| serde::de::Error::custom(format!("`{text}` is not a date")))
    }
}

impl fmt::Display for DateTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.precision {
            Precision::Month => write!(f, "{:04}-{:02}", self.year, self.month),
            Precision::Day => write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day),
            Precision::Time => write!(
                f,
                "{:04}-{:02}-{:02} {:02}:{:02}:{:02}",
                self.year, self.month, self.day, self.hour, self.minute, self.second
            ),
        }
    }
}

/// The length of the periods posts are grouped by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum PeriodKind {
    /// ISO week (Monday to Sunday), labelled `2018-W21`.
    Week,
    /// Calendar month, labelled `2018-05`.
    Month,
    /// Calendar quarter, labelled `2018-Q2`.
    Quarter,
}

impl PeriodKind {
    /// Parses `week`, `month` or `quarter` (also `w`, `m`, `q`, `周`, `月`, `季`).
    pub fn parse(text: &str) -> Option<PeriodKind> {
        match text.trim().to_ascii_lowercase().as_str() {
            "week" | "w" | "weekly" | "周" | "週" => Some(PeriodKind::Week),
            "month" | "m" | "monthly" | "月" => Some(PeriodKind::Month),
            "quarter" | "q" | "quarterly" | "季" | "季度" => Some(PeriodKind::Quarter),
            _ => None,
        }
    }
}

/// One week, month or quarter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PeriodKey {
    /// The kind of period.
    pub kind: PeriodKind,
    /// The (ISO week-numbering, for weeks) year.
    pub year: i32,
    /// Week 1–53, month 1–12 or quarter 1–4.
    pub index: u8,
}

impl PeriodKey {
    /// First day of the period, as days since 1970-01-01.
    pub fn first_day(&self) -> i64 {
        match self.kind {
            PeriodKind::Month => days_from_civil(self.year, self.index, 1),
            PeriodKind::Quarter => days_from_civil(self.year, (self.index - 1) * 3 + 1, 1),
            PeriodKind::Week => iso_week_start(self.year) + 7 * (i64::from(self.index) - 1),
        }
    }

    /// Last day of the period (inclusive), as days since 1970-01-01.
    pub fn last_day(&self) -> i64 {
        match self.kind {
            PeriodKind::Month => days_from_civil(self.year, self.index, days_in_month(self.year, self.index)),
            PeriodKind::Quarter => {
                let month = self.index * 3;
                days_from_civil(self.year, month, days_in_month(self.year, month))
            }
            PeriodKind::Week => self.first_day() + 6,
        }
    }
}

impl fmt::Display for PeriodKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.kind {
            PeriodKind::Week => write!(f, "{:04}-W{:02}", self.year, self.index),
            PeriodKind::Month => write!(f, "{:04}-{:02}", self.year, self.index),
            PeriodKind::Quarter => write!(f, "{:04}-Q{}", self.year, self.index),
        }
    }
}

impl Serialize for PeriodKey {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl PeriodKey {
    /// Parses a label as [`fmt::Display`] writes it: `2018-W21`, `2018-05` or `2018-Q2`.
    pub fn parse(label: &str) -> Option<PeriodKey> {
        let (year, rest) = label.split_once('-')?;
        let year: i32 = year.parse().ok()?;
        let (kind, index) = if let Some(w) = rest.strip_prefix('W') {
            (PeriodKind::Week, w.parse().ok()?)
        } else if let Some(q) = rest.strip_prefix('Q') {
            (PeriodKind::Quarter, q.parse().ok()?)
        } else {
            (PeriodKind::Month, rest.parse().ok()?)
        };
        let max = match kind {
            PeriodKind::Week => 53,
            PeriodKind::Month => 12,
            PeriodKind::Quarter => 4,
        };
        (1..=max).contains(&index).then_some(PeriodKey { kind, year, index })
    }
}

impl<'de> Deserialize<'de> for PeriodKey {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let label = String::deserialize(deserializer)?;
        PeriodKey::parse(&label).ok_or_else(|| serde::de::Error::custom(format!("invalid period `{label}`")))
    }
}

/// Whether `year` is a Gregorian leap year.
pub fn is_leap(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

/// Number of days in `month` (1–12) of `year`; 0 for an invalid month.
pub fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(year) => 29,
        2 => 28,
        _ => 0,
    }
}

/// Days since 1970-01-01 for a civil date (Howard Hinnant's `days_from_civil`).
pub fn days_from_civil(year: i32, month: u8, day: u8) -> i64 {
    let y = i64::from(year) - i64::from(month <= 2);
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(month);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(day) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The civil date `(year, month, day)` of a day count since 1970-01-01.
pub fn civil_from_days(days: i64) -> (i32, u8, u8) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
    let year = (yoe + era * 400 + i64::from(month <= 2)) as i32;
    (year, month, day)
}

/// Monday of ISO week 1 of ISO year `year`, as days since 1970-01-01.
fn iso_week_start(year: i32) -> i64 {
    let jan4 = days_from_civil(year, 1, 4);
    let weekday0 = (jan4 + 3).rem_euclid(7); // 0 = Monday
    jan4 - weekday0
}

/// ISO (year, week) of a day.
fn iso_week(days: i64) -> (i32, u8) {
    let (year, _, _) = civil_from_days(days);
    let mut iso_year = year;
    if days >= iso_week_start(year + 1) {
        iso_year = year + 1;
    } else if days < iso_week_start(year) {
        iso_year = year - 1;
    }
    let week = (days - iso_week_start(iso_year)) / 7 + 1;
    (iso_year, week as u8)
}

/// A run of ASCII digits found while scanning a date, with the text just after it.
/// `YYYY-MM-DD`, `YYYY-MM-DD HH:MM` and `YYYY-MM-DD HH:MM:SS` (also with `/` or `.`, and `T`), without
/// allocating: the shape of nearly every row of a machine-written export. Anything else is left to the
/// general parser.
fn iso_fast(b: &[u8]) -> Option<DateTime> {
    if !matches!(b.len(), 10 | 16 | 19) {
        return None;
    }
    let d = |i: usize| -> Option<u32> { b[i].is_ascii_digit().then(|| u32::from(b[i] - b'0')) };
    let two = |i: usize| -> Option<u32> { Some(d(i)? * 10 + d(i + 1)?) };
    let sep = b[4];
    if !matches!(sep, b'-' | b'/' | b'.') || b[7] != sep {
        return None;
    }
    let year = d(0)? * 1000 + d(1)? * 100 + two(2)?;
    let month = two(5)?;
    let day = two(8)?;
    let mut dt = DateTime::from_ymd(year as i32, u8::try_from(month).ok()?, u8::try_from(day).ok()?)?;
    if b.len() > 10 {
        if !matches!(b[10], b' ' | b'T') || b[13] != b':' {
            return None;
        }
        let (hour, minute) = (two(11)?, two(14)?);
        let second = if b.len() == 19 {
            if b[16] != b':' {
                return None;
            }
            two(17)?
        } else {
            0
        };
        if hour > 23 || minute > 59 || second > 60 {
            return None;
        }
        dt.hour = hour as u8;
        dt.minute = minute as u8;
        dt.second = second as u8;
        dt.precision = Precision::Time;
    }
    Some(dt)
}

#[derive(Debug, Clone, Copy)]
struct Num {
    value: u32,
    digits: usize,
}

fn parse_datetime(text: &str, order: DateOrder) -> Option<DateTime> {
    if text.is_empty() {
        return None;
    }
    // Letters besides ISO's `T`: perhaps a month name.
    if text.bytes().any(|b| b.is_ascii_alphabetic() && b != b'T')
        && let Some(dt) = with_month_name(text)
    {
        return Some(dt);
    }
    let bytes = text.as_bytes();
    // Split into the date part and the rest: the date ends at the first space or `T` after a digit.
    let mut nums: Vec<Num> = Vec::with_capacity(6);
    let mut seps: Vec<u8> = Vec::with_capacity(6);
    let mut i = 0;
    let mut pm: Option<bool> = None;
    let mut time_started = false;
    while i < bytes.len() {
        let b = bytes[i];
        if b.is_ascii_digit() {
            let start = i;
            let mut value: u32 = 0;
            while i < bytes.len() && bytes[i].is_ascii_digit() {
                if i - start >= 9 {
                    return None;
                }
                value = value * 10 + u32::from(bytes[i] - b'0');
                i += 1;
            }
            nums.push(Num {
                value,
                digits: i - start,
            });
            if nums.len() > 7 {
                return None;
            }
            continue;
        }
        let rest = &text[i..];
        // Zone suffixes end the value once the time has started (`+0000`, `-05:00`, `Z`, `UTC`, `GMT`).
        if time_started && (b == b'+' || b == b'-') && nums.len() >= 4 {
            break;
        }
        if rest.starts_with("UTC") || rest.starts_with("GMT") || (b == b'Z' && nums.len() >= 4) {
            break;
        }
        let lower = rest.get(..2).map(str::to_ascii_lowercase);
        if lower.as_deref() == Some("am") || rest.starts_with("上午") {
            pm = Some(false);
        } else if lower.as_deref() == Some("pm") || rest.starts_with("下午") || rest.starts_with("晚上") {
            pm = Some(true);
        }
        if b == b':' || rest.starts_with('時') || rest.starts_with('时') || rest.starts_with('點') {
            time_started = true;
        }
        let ch_len = rest.chars().next().map_or(1, char::len_utf8);
        let sep = match b {
            b'-' | b'/' | b'.' | b':' | b' ' | b'T' | b',' => b,
            _ if ch_len > 1 => b'c', // a CJK unit such as 年, 月, 日, 时
            _ if b.is_ascii_alphabetic() => b'a',
            _ => b'?',
        };
        if seps.len() < nums.len() {
            seps.push(sep);
        }
        i += ch_len;
    }
    if nums.is_empty() {
        return None;
    }
    // Date part.
    let (year, month, day, used, precision) = if nums[0].digits == 8 {
        let v = nums[0].value;
        (v / 10_000, (v / 100) % 100, v % 100, 1, Precision::Day)
    } else if nums[0].digits == 4 {
        if nums.len() == 2 {
            (nums[0].value, nums[1].value, 1, 2, Precision::Month)
        } else if nums.len() >= 3 {
            (nums[0].value, nums[1].value, nums[2].value, 3, Precision::Day)
        } else {
            return None;
        }
    } else if nums.len() >= 3 && (nums[2].digits == 4 || nums[2].digits == 2) {
        let (a, b) = (nums[0].value, nums[1].value);
        let sep = seps.first().copied().unwrap_or(b'/');
        let month_first = match order {
            DateOrder::Mdy => true,
            DateOrder::Dmy => false,
            DateOrder::Ymd => return None,
            DateOrder::Auto => {
                if a > 12 {
                    false
                } else if b > 12 {
                    true
                } else {
                    sep == b'/'
                }
            }
        };
        let year = if nums[2].digits == 2 {
            2000 + nums[2].value
        } else {
            nums[2].value
        };
        let (m, d) = if month_first { (a, b) } else { (b, a) };
        (year, m, d, 3, Precision::Day)
    } else {
        return None;
    };
    let year = i32::try_from(year).ok()?;
    let month = u8::try_from(month).ok()?;
    let day = u8::try_from(day).ok()?;
    let mut dt = DateTime::from_ymd(year, month, day)?;
    dt.precision = precision;
    // Time part.
    let time = &nums[used..];
    if !time.is_empty() {
        if time.len() < 2 || time[0].digits > 2 || time[1].digits != 2 {
            return None;
        }
        let mut hour = time[0].value;
        let minute = time[1].value;
        let second = time.get(2).map_or(0, |n| n.value);
        match pm {
            Some(true) if hour < 12 => hour += 12,
            Some(false) if hour == 12 => hour = 0,
            _ => {}
        }
        if hour > 23 || minute > 59 || second > 60 || time.get(2).is_some_and(|n| n.digits != 2) {
            return None;
        }
        // A fourth group may only be a fraction of a second.
        if time.len() > 4 {
            return None;
        }
        dt.hour = hour as u8;
        dt.minute = minute as u8;
        dt.second = second as u8;
        dt.precision = Precision::Time;
    }
    Some(dt)
}

/// Dates that spell the month in English, in the orders exports write them: X/Twitter's API and the
/// TWCS corpus (`Wed Oct 11 06:55:44 +0000 2017`), US style (`Oct 11, 2017 6:55 AM`, `October 11, 2017`)
/// and British style (`11 Oct 2017 06:55`). The weekday and a zone (`+0000`, `UTC`, `GMT`, `Z`) are passed
/// over, as elsewhere in this module. `None` when no word is a month name, or the rest is not a date.
fn with_month_name(text: &str) -> Option<DateTime> {
    const MONTHS: [&str; 12] = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    let mut month = None;
    let (mut year, mut day, mut clock, mut pm) = (None, None, None, None);
    for token in text.split([' ', ',']).filter(|t| !t.is_empty()) {
        let lower = token.trim_end_matches('.').to_ascii_lowercase();
        if token.contains(':') {
            clock = Some(token);
        } else if lower == "am" || lower == "pm" {
            pm = Some(lower == "pm");
        } else if token.starts_with(['+', '-']) || ["utc", "gmt", "z"].contains(&lower.as_str()) {
            continue;
        } else if let Ok(n) = token.parse::<u32>() {
            match token.len() {
                4 => year = Some(n),
                1 | 2 => day = Some(n),
                _ => return None,
            }
        } else if let Some(m) = MONTHS
            .iter()
            .position(|m| lower == m[..3] || lower == *m || (lower == "sept" && m[..3] == *"sep"))
        {
            if month.is_some() {
                return None;
            }
            month = Some(m as u8 + 1);
        } else if ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
            .iter()
            .any(|d| lower.starts_with(d) && lower.len() <= 9)
        {
            continue;
        } else {
            return None;
        }
    }
    let mut dt = DateTime::from_ymd(i32::try_from(year?).ok()?, month?, u8::try_from(day?).ok()?)?;
    if let Some(clock) = clock {
        let mut parts = clock.split(':').map(|p| p.parse::<u32>().ok());
        let mut hour = parts.next()??;
        let minute = parts.next()??;
        let second = parts.next().unwrap_or(Some(0))?;
        match pm {
            Some(true) if hour < 12 => hour += 12,
            Some(false) if hour == 12 => hour = 0,
            _ => {}
        }
        if hour > 23 || minute > 59 || second > 60 || parts.next().is_some() {
            return None;
        }
        (dt.hour, dt.minute, dt.second) = (hour as u8, minute as u8, second as u8);
        dt.precision = Precision::Time;
    }
    Some(dt)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn english_month_names_in_the_orders_exports_write_them() {
        use DateOrder::*;
        // The TWCS corpus (X/Twitter's API): weekday, month, day, time, zone, year.
        case("Wed Oct 11 06:55:44 +0000 2017", Auto, Some("2017-10-11 06:55:44"));
        case("Tue Oct 10 15:16:08 +0000 2017", Ymd, Some("2017-10-10 15:16:08"));
        case("Oct 11, 2017 6:55 PM", Auto, Some("2017-10-11 18:55:00"));
        case("October 11, 2017", Auto, Some("2017-10-11"));
        case("11 Sept 2017 12:05 am", Auto, Some("2017-09-11 00:05:00"));
        case("Feb 30, 2024", Auto, None);
        case("Oct 2017", Auto, None);
        case("Octopus 11 2017", Auto, None);
        case(
            "Wednesday, October 11, 2017 1:05:09 PM",
            Auto,
            Some("2017-10-11 13:05:09"),
        );
        case("hello world", Auto, None);
    }

    #[test]
    fn period_labels_parse_back() {
        for (label, kind, year, index) in [
            ("2018-W21", PeriodKind::Week, 2018, 21),
            ("2018-05", PeriodKind::Month, 2018, 5),
            ("2018-Q2", PeriodKind::Quarter, 2018, 2),
        ] {
            let key = PeriodKey::parse(label).unwrap();
            assert_eq!((key.kind, key.year, key.index), (kind, year, index));
            assert_eq!(key.to_string(), label);
        }
        for bad in ["2018-13", "2018-Q5", "2018-W54", "18", "x-05"] {
            assert_eq!(PeriodKey::parse(bad), None, "{bad}");
        }
    }

    #[track_caller]
    fn case(text: &str, order: DateOrder, expected: Option<&str>) {
        let got = DateTime::parse(text, order).map(|d| d.to_string());
        assert_eq!(got.as_deref(), expected, "{text}");
    }

    #[test]
    fn parses_the_formats_exports_use() {
        use DateOrder::*;
        case("2018-05-28 21:10 +0000", Auto, Some("2018-05-28 21:10:00"));
        case("2016-09-19", Auto, Some("2016-09-19"));
        case("4/22/2018 6:00", Auto, Some("2018-04-22 06:00:00"));
        case("4/5/2018 22:45", Mdy, Some("2018-04-05 22:45:00"));
        case("4/5/2018 22:45", Dmy, Some("2018-05-04 22:45:00"));
        case("22/04/2018", Auto, Some("2018-04-22"));
        case("05.04.2018", Auto, Some("2018-04-05"));
        case("2024年3月5日", Auto, Some("2024-03-05"));
        case("2024年3月5日 下午3:07", Auto, Some("2024-03-05 15:07:00"));
        case("2024/03/05 12:30:15", Auto, Some("2024-03-05 12:30:15"));
        case("2024-03-05T12:30:15.123Z", Auto, Some("2024-03-05 12:30:15"));
        case("2024-03-05T12:30:15+08:00", Auto, Some("2024-03-05 12:30:15"));
        case("20240305", Auto, Some("2024-03-05"));
        case("3/5/2024 7:05 PM", Auto, Some("2024-03-05 19:05:00"));
        case("12/1/2024 12:05 AM", Auto, Some("2024-12-01 00:05:00"));
        case("2024-02", Auto, Some("2024-02"));
        case("2023-02-29", Auto, None);
        case("hello", Auto, None);
        case("", Auto, None);
        case("2024-03-05 25:00", Auto, None);
    }

    #[test]
    fn iso_text() {
        for text in ["2014-01", "2016-09-19", "2018-05-28T21:10:00"] {
            let dt = DateTime::parse(text, DateOrder::Auto).unwrap();
            assert_eq!(dt.to_iso(), text);
        }
    }

    #[test]
    fn day_arithmetic_round_trips() {
        for days in [-1_000_000_i64, -1, 0, 1, 17_000, 19_783, 2_000_000] {
            let (y, m, d) = civil_from_days(days);
            assert_eq!(days_from_civil(y, m, d), days);
        }
        assert_eq!(days_from_civil(1970, 1, 1), 0);
        assert_eq!(days_from_civil(2000, 3, 1), 11_017);
    }

    #[test]
    fn periods_and_iso_weeks() {
        let d = |y, m, day| DateTime::from_ymd(y, m, day).unwrap();
        assert_eq!(d(2018, 5, 28).period(PeriodKind::Week).to_string(), "2018-W22");
        assert_eq!(d(2021, 1, 3).period(PeriodKind::Week).to_string(), "2020-W53");
        assert_eq!(d(2019, 12, 30).period(PeriodKind::Week).to_string(), "2020-W01");
        assert_eq!(d(2018, 5, 28).period(PeriodKind::Quarter).to_string(), "2018-Q2");
        assert_eq!(d(2018, 5, 28).weekday(), 1);
        let q = d(2024, 2, 10).period(PeriodKind::Quarter);
        assert_eq!(q.last_day() - q.first_day() + 1, 91);
        let w = d(2020, 12, 31).period(PeriodKind::Week);
        assert_eq!(w.first_day(), days_from_civil(2020, 12, 28));
    }

    #[test]
    fn the_fast_path_agrees_with_the_general_parser() {
        for text in [
            "2024-01-02",
            "2024/01/02",
            "2024.01.02",
            "2024-01-02 10:05",
            "2024-01-02T10:05",
            "2024-01-02 10:05:09",
            "2024-02-29 23:59:59",
            "2023-02-29",
            "2024-13-01",
            "2024-01-02 24:00",
            "2024-01/02",
            "2024-1-02 10:05",
        ] {
            assert_eq!(
                iso_fast(text.as_bytes()).or_else(|| parse_datetime(text, DateOrder::Auto)),
                parse_datetime(text, DateOrder::Auto),
                "{text}"
            );
        }
    }
}
