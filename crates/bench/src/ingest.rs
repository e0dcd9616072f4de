//! Reading a whole export into memory as [`Post`]s or [`AccountRow`]s, through the one engine
//! ([`crate::engine`]): the same decoding, mapping, row semantics, line numbers, duplicate removal and
//! reports as every command. For files of any size use [`crate::engine::run`], which folds rows instead
//! of keeping them.

use std::io::Read;

use encoding_rs::Encoding;
use serde::Serialize;

use crate::engine::{self, Kind, Record, Source};
use crate::error::IngestError;
use crate::model::{AccountRow, Post};
use crate::profile::Profile;

pub use crate::engine::{ColumnUse, Duplicate, IngestReport};

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
    let report = read(reader, source_name, profile, options, Kind::Posts, progress, &mut |r| {
        if let Record::Post(p) = r {
            posts.push(p);
        }
    })?;
    Ok(PostTable { posts, report })
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
    let report = read(
        reader,
        source_name,
        profile,
        options,
        Kind::Accounts,
        progress,
        &mut |r| {
            if let Record::Account(a) = r {
                accounts.push(a);
            }
        },
    )?;
    Ok(AccountTable { accounts, report })
}

fn read<R: Read + Send>(
    reader: R,
    source_name: &str,
    profile: &Profile,
    options: &IngestOptions,
    kind: Kind,
    progress: &mut (dyn FnMut(u64) + Send),
    sink: &mut (dyn FnMut(Record) + Send),
) -> Result<IngestReport, IngestError> {
    let opts = engine::Options {
        strict: options.strict,
        encoding: options.encoding,
        delimiter: options.delimiter,
        ..engine::Options::default()
    };
    let source = Source {
        name: source_name.to_string(),
        reader: Box::new(reader),
        profile: profile.clone(),
        kind,
    };
    let mut out = engine::run(vec![source], &opts, progress, Some(sink))?;
    Ok(out.reports.remove(0))
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
    fn lines_are_physical_in_crlf_and_quoted_newline_files() {
        // CRLF: the bad cell is on physical line 3.
        let crlf = "brand,platform,time,likes\r\na,x,2024-01-01,1\r\na,x,2024-01-02,lots\r\n";
        let t = posts(crlf, &Profile::auto(), false).unwrap();
        assert_eq!(t.report.skipped[0].line, 3);
        // Two quoted newlines before the bad row: it starts on line 5.
        let quoted = "brand,platform,time,likes,text\na,x,2024-01-01,1,\"one\ntwo\nthree\"\na,x,2024-01-02,lots,ok\n";
        let t = posts(quoted, &Profile::auto(), false).unwrap();
        assert_eq!(t.report.skipped[0].line, 5);
        let err = posts(quoted, &Profile::auto(), true).unwrap_err();
        assert_eq!(err.to_string(), "t.csv:5: column `likes`: `lots` is not a number");
    }

    #[test]
    fn short_rows_are_bad_rows() {
        let t = posts(
            "brand,platform,time,likes,comments\na,x,2024-01-01,1\n",
            &Profile::auto(),
            false,
        )
        .unwrap();
        assert!(t.posts.is_empty());
        assert_eq!(t.report.skipped[0].line, 2);
        assert!(
            t.report.skipped[0]
                .reason
                .to_string()
                .contains("4 fields, but the header has 5"),
            "{}",
            t.report.skipped[0]
        );
    }

    #[test]
    fn duplicates_are_counted_once_with_both_lines() {
        let t = posts(
            "brand,platform,post_id,time\na,x,1,2024-01-01\na,x,2,2024-01-02\na,x,1,2024-01-01\n",
            &Profile::auto(),
            false,
        )
        .unwrap();
        assert_eq!(t.posts.len(), 2);
        assert_eq!((t.report.duplicates[0].line, t.report.duplicates[0].first_line), (4, 2));
        assert_eq!(t.report.accepted, 2);
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
