//! Reading post-level and account-level exports into [`Post`]s and [`AccountRow`]s.
//!
//! The pipeline for one source: count bytes for progress → detect encoding and delimiter
//! ([`crate::decode`]) → read the header and map columns to fields (profile `columns`, then header
//! names when the profile allows) → read each record with one reused `csv::StringRecord`, parse its
//! cells ([`crate::cell`], [`crate::civil`]) → drop duplicate post ids (kept once, reported) → report bad
//! rows with file, line, column and reason (skipped by default, fatal with `strict`).

use std::collections::HashMap;
use std::io::Read;

use encoding_rs::Encoding;
use serde::Serialize;

use crate::cell::{self, CellError};
use crate::civil::{DateOrder, DateTime, Precision};
use crate::decode::{self, ProgressReader};
use crate::error::{IngestError, RowError};
use crate::field::{self, Field};
use crate::model::{AccountRow, Post};
use crate::profile::Profile;

/// Options of one ingestion.
#[derive(Debug, Clone, Copy, Default)]
pub struct IngestOptions {
    /// Stop at the first bad row instead of skipping it.
    pub strict: bool,
    /// Source encoding, overriding detection and the profile.
    pub encoding: Option<&'static Encoding>,
    /// Delimiter, overriding detection and the profile.
    pub delimiter: Option<u8>,
}

/// How one column of the source was used.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ColumnUse {
    /// The header as written.
    pub header: String,
    /// The field it feeds, if any.
    pub field: Option<Field>,
}

/// A post whose id was seen before in the same source; it is counted once.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Duplicate {
    /// The repeated post id.
    pub post_id: String,
    /// Line of the repeated record.
    pub line: u64,
    /// Line of the record kept.
    pub first_line: u64,
}

/// What happened while reading one source.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct IngestReport {
    /// The source name given (a path, usually).
    pub source_name: String,
    /// The profile used.
    pub profile: String,
    /// The encoding read (`UTF-8`, `gb18030`, `UTF-16LE` …).
    pub encoding: String,
    /// Whether the source started with a byte-order mark.
    pub bom: bool,
    /// The delimiter used.
    pub delimiter: char,
    /// Data records read (header excluded, blank rows excluded).
    pub rows: u64,
    /// Rows that became posts or account rows.
    pub accepted: u64,
    /// Rows whose every cell was empty, ignored.
    pub blank_rows: u64,
    /// Bad rows, skipped.
    pub skipped: Vec<RowError>,
    /// Duplicate post ids, dropped after the first.
    pub duplicates: Vec<Duplicate>,
    /// Each column and the field it feeds.
    pub columns: Vec<ColumnUse>,
}

impl IngestReport {
    /// Returns true if and only if the source has a column (or derived value) for `field`.
    pub fn has_field(&self, field: Field) -> bool {
        self.columns.iter().any(|c| c.field == Some(field))
    }
}

/// The posts of one source and its report.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PostTable {
    /// Posts, in file order, duplicates removed.
    pub posts: Vec<Post>,
    /// What happened.
    pub report: IngestReport,
}

/// The account rows of one source and its report.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AccountTable {
    /// Account rows, in file order.
    pub accounts: Vec<AccountRow>,
    /// What happened.
    pub report: IngestReport,
}

/// Reads a post-level export.
pub fn read_posts<R: Read + Send>(
    reader: R,
    source_name: &str,
    profile: &Profile,
    options: &IngestOptions,
) -> Result<PostTable, IngestError> {
    read_posts_with_progress(reader, source_name, profile, options, &mut |_| {})
}

/// Reads a post-level export, calling `progress` with the number of source bytes read so far.
pub fn read_posts_with_progress<R: Read + Send>(
    reader: R,
    source_name: &str,
    profile: &Profile,
    options: &IngestOptions,
    progress: &mut (dyn FnMut(u64) + Send),
) -> Result<PostTable, IngestError> {
    let mut posts = Vec::new();
    let mut seen: HashMap<String, u64> = HashMap::new();
    let mut duplicates = Vec::new();
    let report = read_rows(reader, source_name, profile, options, progress, &mut |row| {
        let post = row.into_post();
        if let Some(id) = &post.post_id {
            let key = format!("{}\u{1f}{}\u{1f}{}", post.brand, post.platform, id);
            if let Some(first) = seen.get(&key) {
                duplicates.push(Duplicate {
                    post_id: id.clone(),
                    line: post.line,
                    first_line: *first,
                });
                return;
            }
            seen.insert(key, post.line);
        }
        posts.push(post);
    })?;
    let mut report = report;
    report.accepted -= duplicates.len() as u64;
    report.duplicates = duplicates;
    Ok(PostTable { posts, report })
}

/// Drops posts whose (brand, platform, post id) was seen earlier in `posts` (for posts merged from
/// several files); returns the dropped duplicates, with the lines of both records.
pub fn drop_duplicates(posts: &mut Vec<Post>) -> Vec<Duplicate> {
    let mut seen: HashMap<(String, String, String), u64> = HashMap::new();
    let mut dropped = Vec::new();
    posts.retain(|p| {
        let Some(id) = &p.post_id else { return true };
        match seen.entry((p.brand.clone(), p.platform.clone(), id.clone())) {
            std::collections::hash_map::Entry::Occupied(first) => {
                dropped.push(Duplicate {
                    post_id: id.clone(),
                    line: p.line,
                    first_line: *first.get(),
                });
                false
            }
            std::collections::hash_map::Entry::Vacant(v) => {
                v.insert(p.line);
                true
            }
        }
    });
    dropped
}

/// Reads an account-level export.
pub fn read_accounts<R: Read + Send>(
    reader: R,
    source_name: &str,
    profile: &Profile,
    options: &IngestOptions,
) -> Result<AccountTable, IngestError> {
    read_accounts_with_progress(reader, source_name, profile, options, &mut |_| {})
}

/// Reads an account-level export, calling `progress` with the number of source bytes read so far.
pub fn read_accounts_with_progress<R: Read + Send>(
    reader: R,
    source_name: &str,
    profile: &Profile,
    options: &IngestOptions,
    progress: &mut (dyn FnMut(u64) + Send),
) -> Result<AccountTable, IngestError> {
    let mut accounts = Vec::new();
    let report = read_rows(reader, source_name, profile, options, progress, &mut |row| {
        accounts.push(row.into_account())
    })?;
    Ok(AccountTable { accounts, report })
}

/// How each field is obtained for one source.
struct Mapping {
    headers: Vec<String>,
    /// Column index of each field (indexed by `Field as usize`).
    column: [Option<usize>; Field::ALL.len()],
    /// Derived fields: (field, column, separator, part).
    derived: Vec<(Field, usize, String, usize)>,
    brand: Option<String>,
    platform: Option<String>,
    year: Option<i32>,
    promotional: Option<bool>,
    date_order: DateOrder,
}

impl Mapping {
    fn new(headers: Vec<String>, profile: &Profile, source_name: &str) -> Result<Mapping, IngestError> {
        let mut column = [None; Field::ALL.len()];
        let mut rank = [usize::MAX; Field::ALL.len()];
        // Explicit columns first (rank 0), then recognised names.
        for (i, h) in headers.iter().enumerate() {
            let found = match profile.column_field(h) {
                Some(f) => Some((f, 0)),
                None if profile.auto => field::recognise(h).map(|(f, r)| (f, r + 1)),
                None => None,
            };
            if let Some((f, r)) = found
                && f != Field::Ignore
                && r < rank[f as usize]
            {
                rank[f as usize] = r;
                column[f as usize] = Some(i);
            }
        }
        let mut derived = Vec::new();
        for d in &profile.derived {
            let Some(f) = Field::from_name(&d.field) else { continue };
            let norm = field::normalise_header(&d.from);
            let Some(i) = headers.iter().position(|h| field::normalise_header(h) == norm) else {
                return Err(missing(source_name, f, &headers));
            };
            derived.push((f, i, d.split.clone(), d.index));
        }
        let mapping = Mapping {
            headers,
            column,
            derived,
            brand: profile.constants.brand.clone(),
            platform: profile.constants.platform.as_deref().map(field::normalise_platform),
            year: profile.constants.year,
            promotional: profile.constants.promotional,
            date_order: profile.date_order,
        };
        for f in [Field::Brand, Field::Platform] {
            let constant = if f == Field::Brand {
                mapping.brand.is_some()
            } else {
                mapping.platform.is_some()
            };
            if !mapping.has(f) && !constant {
                return Err(missing(source_name, f, &mapping.headers));
            }
        }
        let split_date = mapping.has(Field::Month) && (mapping.has(Field::Year) || mapping.year.is_some());
        if !mapping.has(Field::Time) && !split_date {
            return Err(missing(source_name, Field::Time, &mapping.headers));
        }
        Ok(mapping)
    }

    fn has(&self, f: Field) -> bool {
        self.column[f as usize].is_some() || self.derived.iter().any(|d| d.0 == f)
    }

    fn uses(&self) -> Vec<ColumnUse> {
        self.headers
            .iter()
            .enumerate()
            .map(|(i, h)| ColumnUse {
                header: h.clone(),
                field: Field::ALL
                    .iter()
                    .find(|f| self.column[**f as usize] == Some(i))
                    .or_else(|| self.derived.iter().find(|d| d.1 == i).map(|d| &d.0))
                    .copied(),
            })
            .collect()
    }
}

fn missing(source_name: &str, field: Field, headers: &[String]) -> IngestError {
    IngestError::MissingField {
        source_name: source_name.to_string(),
        field: field.name(),
        headers: headers.iter().map(|h| format!("`{h}`")).collect::<Vec<_>>().join(", "),
    }
}

/// One parsed record, before it becomes a post or an account row.
struct Row {
    brand: String,
    platform: String,
    post_id: Option<String>,
    time: DateTime,
    post_type: Option<String>,
    promotional: Option<bool>,
    text: Option<String>,
    nums: [Option<f64>; Field::ALL.len()],
    line: u64,
}

impl Row {
    fn num(&self, f: Field) -> Option<f64> {
        self.nums[f as usize]
    }

    fn into_post(self) -> Post {
        Post {
            followers: self.num(Field::Followers),
            impressions: self.num(Field::Impressions),
            reach: self.num(Field::Reach),
            views: self.num(Field::Views),
            likes: self.num(Field::Likes),
            comments: self.num(Field::Comments),
            shares: self.num(Field::Shares),
            saves: self.num(Field::Saves),
            clicks: self.num(Field::Clicks),
            brand_replies: self.num(Field::BrandReplies),
            engagements: self.num(Field::Engagements),
            brand: self.brand,
            platform: self.platform,
            post_id: self.post_id,
            time: self.time,
            post_type: self.post_type,
            promotional: self.promotional,
            text: self.text,
            line: self.line,
        }
    }

    fn into_account(self) -> AccountRow {
        AccountRow {
            followers: self.num(Field::Followers),
            posts: self.num(Field::Posts),
            mentions: self.num(Field::Mentions),
            mentions_positive: self.num(Field::MentionsPositive),
            mentions_negative: self.num(Field::MentionsNegative),
            mentions_neutral: self.num(Field::MentionsNeutral),
            messages_in: self.num(Field::MessagesIn),
            messages_answered: self.num(Field::MessagesAnswered),
            response_minutes: self.num(Field::ResponseMinutes),
            brand: self.brand,
            platform: self.platform,
            date: self.time,
            line: self.line,
        }
    }
}

/// Fields whose cells are numbers.
const NUMERIC: [Field; 19] = [
    Field::Followers,
    Field::Impressions,
    Field::Reach,
    Field::Views,
    Field::Likes,
    Field::Comments,
    Field::Shares,
    Field::Saves,
    Field::Clicks,
    Field::BrandReplies,
    Field::Engagements,
    Field::Posts,
    Field::Mentions,
    Field::MentionsPositive,
    Field::MentionsNegative,
    Field::MentionsNeutral,
    Field::MessagesIn,
    Field::MessagesAnswered,
    Field::ResponseMinutes,
];

fn read_rows<R: Read + Send>(
    reader: R,
    source_name: &str,
    profile: &Profile,
    options: &IngestOptions,
    progress: &mut (dyn FnMut(u64) + Send),
    sink: &mut dyn FnMut(Row),
) -> Result<IngestReport, IngestError> {
    let io_err = |e| IngestError::io(source_name, e);
    let encoding = match (options.encoding, &profile.encoding) {
        (Some(e), _) => Some(e),
        (None, Some(label)) => Some(
            decode::encoding_for_label(label).ok_or_else(|| IngestError::UnknownEncoding { name: label.clone() })?,
        ),
        (None, None) => None,
    };
    let delimiter = match options.delimiter {
        Some(d) => Some(d),
        None => profile
            .delimiter_byte()
            .map_err(|e| IngestError::io(source_name, std::io::Error::other(e.to_string())))?,
    };
    let counted = ProgressReader::new(reader, progress);
    let (sniffed, text) = decode::open(counted, encoding, delimiter).map_err(io_err)?;
    let mut csv = csv::ReaderBuilder::new()
        .delimiter(sniffed.delimiter)
        .flexible(true)
        .has_headers(false)
        .from_reader(text);
    let mut record = csv::StringRecord::new();
    let has_header = csv.read_record(&mut record).map_err(|e| match e.kind() {
        csv::ErrorKind::Utf8 { .. } => IngestError::Decode {
            source_name: source_name.to_string(),
            encoding: sniffed.encoding.name().to_string(),
            line: 1,
        },
        _ => csv_fatal(source_name, e),
    })?;
    if !has_header {
        return Err(IngestError::Empty {
            source_name: source_name.to_string(),
        });
    }
    let headers: Vec<String> = record.iter().map(|h| cell::trim(h).to_string()).collect();
    let mapping = Mapping::new(headers, profile, source_name)?;
    let mut report = IngestReport {
        source_name: source_name.to_string(),
        profile: profile.name.clone(),
        encoding: sniffed.encoding.name().to_string(),
        bom: sniffed.bom,
        delimiter: char::from(sniffed.delimiter),
        rows: 0,
        accepted: 0,
        blank_rows: 0,
        skipped: Vec::new(),
        duplicates: Vec::new(),
        columns: mapping.uses(),
    };
    // csv counts only record-ending newlines; add those inside quoted fields to get file lines.
    let mut embedded: u64 = 0;
    loop {
        let line = csv.position().line() + embedded;
        match csv.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => {
                let line = e.position().map_or(line, |p| p.line() + embedded);
                if let csv::ErrorKind::Io(_) = e.kind() {
                    return Err(csv_fatal(source_name, e));
                }
                report.rows += 1;
                let err = RowError {
                    source_name: source_name.to_string(),
                    line,
                    column: None,
                    reason: csv_reason(&e),
                };
                if options.strict {
                    return Err(IngestError::Row(Box::new(err)));
                }
                report.skipped.push(err);
                continue;
            }
        }
        let line = record.position().map_or(line, |p| p.line() + embedded);
        embedded += record
            .iter()
            .map(|f| memchr::memchr_iter(b'\n', f.as_bytes()).count() as u64)
            .sum::<u64>();
        if record.iter().all(|c| cell::trim(c).is_empty()) {
            report.blank_rows += 1;
            continue;
        }
        report.rows += 1;
        match parse_row(&record, &mapping, source_name, line) {
            Ok(row) => {
                report.accepted += 1;
                sink(row);
            }
            Err(err) => {
                if options.strict {
                    return Err(IngestError::Row(Box::new(err)));
                }
                report.skipped.push(err);
            }
        }
    }
    Ok(report)
}

fn csv_fatal(source_name: &str, e: csv::Error) -> IngestError {
    match e.into_kind() {
        csv::ErrorKind::Io(io) => IngestError::io(source_name, io),
        other => IngestError::io(source_name, std::io::Error::other(format!("{other:?}"))),
    }
}

fn csv_reason(e: &csv::Error) -> String {
    match e.kind() {
        csv::ErrorKind::Utf8 { err, .. } => {
            format!(
                "invalid UTF-8 in field {} (wrong encoding? pass one explicitly)",
                err.field() + 1
            )
        }
        _ => e.to_string(),
    }
}

fn parse_row(record: &csv::StringRecord, m: &Mapping, source_name: &str, line: u64) -> Result<Row, RowError> {
    let fail = |column: Option<usize>, reason: String| RowError {
        source_name: source_name.to_string(),
        line,
        column: column.and_then(|i| m.headers.get(i).cloned()),
        reason,
    };
    if record.len() > m.headers.len() && record.iter().skip(m.headers.len()).any(|c| !cell::trim(c).is_empty()) {
        return Err(fail(
            None,
            format!(
                "{} fields, but the header has {} (wrong delimiter or unquoted text?)",
                record.len(),
                m.headers.len()
            ),
        ));
    }
    let text_of = |f: Field| -> Option<(usize, &str)> {
        if let Some(i) = m.column[f as usize] {
            return Some((i, record.get(i).unwrap_or("")));
        }
        let (_, i, sep, part) = m.derived.iter().find(|d| d.0 == f)?;
        let whole = record.get(*i).unwrap_or("");
        Some((*i, whole.split(sep.as_str()).nth(*part).unwrap_or("")))
    };
    let cell_err = |i: usize, e: CellError| fail(Some(i), e.to_string());

    let brand = match text_of(Field::Brand) {
        Some((i, t)) => {
            let t = cell::trim(t);
            if t.is_empty() {
                return Err(fail(Some(i), "the brand is empty".into()));
            }
            t.to_string()
        }
        None => m.brand.clone().unwrap_or_default(),
    };
    let platform = match text_of(Field::Platform) {
        Some((i, t)) => {
            let t = cell::trim(t);
            if t.is_empty() {
                return Err(fail(Some(i), "the platform is empty".into()));
            }
            field::normalise_platform(t)
        }
        None => m.platform.clone().unwrap_or_default(),
    };
    let time = match text_of(Field::Time) {
        Some((i, t)) => {
            let t = cell::trim(t);
            if t.is_empty() {
                return Err(fail(Some(i), "the date is empty".into()));
            }
            DateTime::parse(t, m.date_order).ok_or_else(|| fail(Some(i), format!("`{t}` is not a date")))?
        }
        None => split_date(&text_of, m).map_err(|(i, reason)| fail(Some(i), reason))?,
    };
    let mut nums = [None; Field::ALL.len()];
    for f in NUMERIC {
        if let Some((i, t)) = text_of(f) {
            nums[f as usize] = cell::parse_count(t).map_err(|e| cell_err(i, e))?;
        }
    }
    let promotional = match text_of(Field::Promotional) {
        Some((i, t)) => cell::parse_flag(t).map_err(|e| cell_err(i, e))?,
        None => m.promotional,
    };
    let non_empty = |f: Field| {
        text_of(f)
            .map(|(_, t)| cell::trim(t))
            .filter(|t| !cell::is_missing(t))
            .map(str::to_string)
    };
    Ok(Row {
        brand,
        platform,
        post_id: non_empty(Field::PostId),
        time,
        post_type: non_empty(Field::PostType).map(|t| t.to_lowercase()),
        promotional,
        text: text_of(Field::Text)
            .map(|(_, t)| t.to_string())
            .filter(|t| !t.is_empty()),
        nums,
        line,
    })
}

/// Builds a date from year / month / day / hour columns (or the profile's constant year).
fn split_date<'r>(
    text_of: &dyn Fn(Field) -> Option<(usize, &'r str)>,
    m: &Mapping,
) -> Result<DateTime, (usize, String)> {
    let part = |f: Field| -> Result<Option<(usize, u32)>, (usize, String)> {
        let Some((i, t)) = text_of(f) else { return Ok(None) };
        match cell::parse_number(t) {
            Ok(Some(v)) if v >= 0.0 && v.fract() == 0.0 && v < 100_000.0 => Ok(Some((i, v as u32))),
            Ok(None) => Err((i, format!("the {} is empty", f.name()))),
            _ => Err((i, format!("`{}` is not a {}", cell::trim(t), f.name()))),
        }
    };
    let month = part(Field::Month)?.ok_or((0, "no month column".to_string()))?;
    let year = match part(Field::Year)? {
        Some((_, y)) => y as i32,
        None => m.year.unwrap_or(1970),
    };
    let day = part(Field::Day)?;
    let bad_date = || {
        (
            month.0,
            format!("{year}-{}-{} is not a date", month.1, day.map_or(1, |d| d.1)),
        )
    };
    let mut dt = DateTime::from_ymd(
        year,
        u8::try_from(month.1).map_err(|_| bad_date())?,
        day.map_or(1, |d| d.1 as u8),
    )
    .ok_or_else(bad_date)?;
    dt.precision = if day.is_some() {
        Precision::Day
    } else {
        Precision::Month
    };
    if let Some((i, h)) = part(Field::Hour)? {
        if h > 23 {
            return Err((i, format!("`{h}` is not an hour")));
        }
        dt.hour = h as u8;
    }
    Ok(dt)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn posts(text: &str, profile: &Profile, strict: bool) -> Result<PostTable, IngestError> {
        read_posts(
            text.as_bytes(),
            "t.csv",
            profile,
            &IngestOptions {
                strict,
                ..Default::default()
            },
        )
    }

    #[test]
    fn reads_chinese_headers() {
        let t = posts(
            "品牌,平台,發布時間,點贊,評論,轉發\n甲,微博,2024-01-02 10:00,1.2萬,3,-\n",
            &Profile::auto(),
            false,
        )
        .unwrap();
        let p = &t.posts[0];
        assert_eq!((p.brand.as_str(), p.platform.as_str()), ("甲", "weibo"));
        assert_eq!((p.likes, p.comments, p.shares), (Some(12_000.0), Some(3.0), None));
    }

    #[test]
    fn bad_rows_are_reported_with_line_and_column() {
        let text = "brand,platform,time,likes\na,x,2024-01-01,1\na,x,2024-01-02,lots\na,x,yesterday,2\n";
        let t = posts(text, &Profile::auto(), false).unwrap();
        assert_eq!(t.posts.len(), 1);
        let lines: Vec<_> = t
            .report
            .skipped
            .iter()
            .map(|e| (e.line, e.column.clone().unwrap()))
            .collect();
        assert_eq!(lines, vec![(3, "likes".to_string()), (4, "time".to_string())]);
        assert_eq!(
            t.report.skipped[0].to_string(),
            "t.csv:3: column `likes`: `lots` is not a number"
        );
        let err = posts(text, &Profile::auto(), true).unwrap_err();
        assert_eq!(err.to_string(), "t.csv:3: column `likes`: `lots` is not a number");
    }

    #[test]
    fn duplicates_across_files() {
        let a = posts(
            "brand,platform,post_id,time\na,x,1,2024-01-01\n",
            &Profile::auto(),
            false,
        )
        .unwrap();
        let b = posts(
            "brand,platform,post_id,time\na,x,1,2024-01-01\na,x,2,2024-01-02\n",
            &Profile::auto(),
            false,
        )
        .unwrap();
        let mut all = a.posts;
        all.extend(b.posts);
        let dropped = drop_duplicates(&mut all);
        assert_eq!((all.len(), dropped.len()), (2, 1));
    }

    #[test]
    fn missing_required_field() {
        let err = posts("brand,likes\na,1\n", &Profile::auto(), false).unwrap_err();
        assert!(
            matches!(err, IngestError::MissingField { field: "platform", .. }),
            "{err}"
        );
    }
}
