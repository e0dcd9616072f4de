//! One fixture per real-world case of the issue's point 2: encodings, delimiters, quoted newlines,
//! thousands separators, percentages, integers as floats, Chinese magnitudes, suffixes, missing cells,
//! duplicates, bad rows (reported with file:line, column and reason) and `--strict`.

use std::fs::File;

use chuxin_bench::IngestError;
use chuxin_bench::ingest::{IngestOptions, read_posts};
use chuxin_bench::profile::Profile;

use crate::support::{fixture, posts};

#[test]
fn utf8_bom_traditional_headers_quotes_and_magnitudes() {
    let t = posts(&fixture("utf8_bom_traditional.csv"), &Profile::auto());
    assert_eq!(
        (t.report.encoding.as_str(), t.report.bom, t.report.delimiter),
        ("UTF-8", true, ',')
    );
    assert!(t.report.skipped.is_empty(), "{:?}", t.report.skipped);
    let [a1, a2, b1] = &t.posts[..] else {
        panic!("{:?}", t.posts)
    };
    assert_eq!((a1.brand.as_str(), a1.platform.as_str()), ("蓮心茶飲", "weibo"));
    assert_eq!(a1.followers, Some(12_345.0)); // "12,345" quoted
    assert_eq!(a1.impressions, Some(5_999.0)); // 5999.0
    assert_eq!(a1.likes, Some(12_000.0)); // 1.2萬
    assert_eq!((a1.shares, a1.saves), (None, None)); // "-" and empty: missing, not zero
    assert_eq!(a1.promotional, Some(true));
    assert_eq!(a1.text.as_deref(), Some("第一行\r\n第二行, 還有逗號"));
    assert_eq!(a2.platform, "xiaohongshu");
    assert_eq!(a2.followers, Some(300_000_000.0)); // 3億
    assert_eq!(a2.impressions, Some(1_234_567.0));
    assert_eq!(a2.text.as_deref(), Some("他說\"好喝\""));
    assert_eq!(b1.likes, Some(12_000.0)); // 1.2万 in a Traditional file
    assert_eq!(b1.line, 5, "the quoted newline makes record 1 span lines 2–3");
}

#[test]
fn gbk_semicolons_and_chinese_magnitudes() {
    let t = posts(&fixture("gbk_simplified_semicolon.csv"), &Profile::auto());
    assert_eq!((t.report.encoding.as_str(), t.report.delimiter), ("gb18030", ';'));
    let [w1, w2, s1] = &t.posts[..] else {
        panic!("{:?}", t.report)
    };
    assert_eq!((w1.brand.as_str(), w1.platform.as_str()), ("恒丰银行", "wechat"));
    assert_eq!(w1.followers, Some(523_000.0)); // 52.3万
    assert_eq!(w1.views, Some(100_001.0)); // 10万+
    assert_eq!(w1.likes, Some(1_234.0)); // "1 234"
    assert_eq!((w1.promotional, w2.promotional), (Some(true), Some(false))); // 推广 / 自然
    assert_eq!(w2.views, Some(32_000.0));
    assert_eq!(w2.comments, None);
    assert_eq!(s1.followers, Some(110_000_000.0)); // 1.1亿
    assert_eq!(s1.views, None);
    assert_eq!(s1.likes, Some(21_000.0)); // 2.1w
}

#[test]
fn utf16_tab_suffixes_and_percentages() {
    let t = posts(&fixture("utf16le_tab.csv"), &Profile::auto());
    assert_eq!((t.report.encoding.as_str(), t.report.delimiter), ("UTF-16LE", '\t'));
    let [i1, i2] = &t.posts[..] else {
        panic!("{:?}", t.report)
    };
    assert_eq!(i1.platform, "instagram");
    assert_eq!(i1.followers, Some(1_500_000.0)); // 1.5M
    assert_eq!(
        (i1.impressions, i1.reach, i1.likes),
        (Some(250_000.0), Some(180_000.0), Some(4_200.0))
    );
    assert_eq!(i1.time.to_string(), "2024-04-22"); // 22/04/2024: day first
    assert_eq!((i1.promotional, i2.promotional), (Some(false), Some(true)));
    // The percentage column is read (no bad row) but feeds no field.
    let rate = t.report.columns.iter().find(|c| c.header == "Engagement rate").unwrap();
    assert_eq!(rate.field, None);
    assert_eq!(chuxin_bench::cell::parse_number("1.9%"), Ok(Some(0.019)));
}

#[test]
fn duplicates_and_bad_rows_are_reported_and_counted() {
    let t = posts(&fixture("duplicates_and_bad_rows.csv"), &Profile::auto());
    let ids: Vec<_> = t
        .posts
        .iter()
        .map(|p| (p.brand.as_str(), p.post_id.as_deref().unwrap()))
        .collect();
    // B's post 6 (line 10) has 6 cells under 7 headers: a short row is a bad row, never a post with gaps.
    assert_eq!(ids, vec![("A", "1"), ("B", "1")]);
    assert_eq!((t.report.rows, t.report.accepted, t.report.blank_rows), (8, 2, 1));
    let d = &t.report.duplicates[0];
    assert_eq!((d.post_id.as_str(), d.line, d.first_line), ("1", 4, 2));
    let skipped: Vec<_> = t.report.skipped.iter().map(|e| (e.line, e.column.as_deref())).collect();
    assert_eq!(
        skipped,
        vec![
            (3, Some("likes")),
            (5, Some("time")),
            (7, None),
            (8, Some("brand")),
            (10, None)
        ]
    );
    let name = fixture("duplicates_and_bad_rows.csv").display().to_string();
    assert_eq!(
        t.report.skipped[0].to_string(),
        format!("{name}:3: column `likes`: `lots` is not a number")
    );
    assert_eq!(
        t.report.skipped[1].to_string(),
        format!("{name}:5: column `time`: `someday` is not a date")
    );
    assert!(
        t.report.skipped[2]
            .reason
            .to_string()
            .contains("8 fields, but the header has 7")
    );
    assert!(
        t.report.skipped[4]
            .reason
            .to_string()
            .contains("6 fields, but the header has 7")
    );
    // Missing cells stay missing: B's first post has no comments or shares.
    assert_eq!((t.posts[1].comments, t.posts[1].shares), (None, None));
}

#[test]
fn strict_stops_at_the_first_bad_row() {
    let path = fixture("duplicates_and_bad_rows.csv");
    let options = IngestOptions {
        strict: true,
        ..Default::default()
    };
    let err = read_posts(File::open(&path).unwrap(), "bad.csv", &Profile::auto(), &options).unwrap_err();
    match err {
        IngestError::Row(row) => assert_eq!((row.line, row.column.as_deref()), (3, Some("likes"))),
        other => panic!("{other}"),
    }
}

#[test]
fn encoding_and_delimiter_overrides() {
    let path = fixture("gbk_simplified_semicolon.csv");
    // Read as UTF-8 on purpose: every row is invalid UTF-8, and says so.
    let options = IngestOptions {
        encoding: Some(encoding_rs::UTF_8),
        ..Default::default()
    };
    let err = read_posts(File::open(&path).unwrap(), "gbk.csv", &Profile::auto(), &options).unwrap_err();
    assert!(matches!(err, IngestError::Decode { line: 1, .. }), "{err}");
    let options = IngestOptions {
        encoding: Some(encoding_rs::GBK),
        delimiter: Some(b';'),
        ..Default::default()
    };
    let t = read_posts(File::open(&path).unwrap(), "gbk.csv", &Profile::auto(), &options).unwrap();
    assert_eq!(t.posts.len(), 3);
}

#[test]
fn a_custom_profile_maps_columns_and_constants() {
    let profile = Profile::from_toml_str(
        r#"
name = "one-brand-weibo"
description = "a tool's export without brand or platform columns"
[constants]
brand = "蓮心茶飲"
platform = "微博"
[columns]
"Posted" = "time"
"Thumbs" = "likes"
"#,
    )
    .unwrap();
    let csv = "Posted,Thumbs,Comments\n2024-01-01,12,3\n";
    let t = read_posts(csv.as_bytes(), "x.csv", &profile, &IngestOptions::default()).unwrap();
    let p = &t.posts[0];
    assert_eq!(
        (p.brand.as_str(), p.platform.as_str(), p.likes, p.comments),
        ("蓮心茶飲", "weibo", Some(12.0), Some(3.0))
    );
}

#[test]
fn progress_reports_bytes() {
    let path = fixture("utf8_bom_traditional.csv");
    let len = std::fs::metadata(&path).unwrap().len();
    let mut last = 0;
    chuxin_bench::ingest::read_posts_with_progress(
        File::open(&path).unwrap(),
        "p.csv",
        &Profile::auto(),
        &IngestOptions::default(),
        &mut |n| last = n,
    )
    .unwrap();
    assert_eq!(last, len);
}

#[test]
fn the_example_profile_file_reads_its_export() {
    let path = crate::support::repo().join("data/profiles/example-listening-tool.toml");
    let profile = Profile::from_toml_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let text = "帳號名稱,發帖時間,原創/轉發,讚數,評論數,轉發數,官方回覆數,當時粉絲\n蓮心茶飲,2024-02-01 12:00,原創,1.1萬,230,85,12,8.6萬\n";
    let (gbk, _, _) = encoding_rs::GB18030.encode(text);
    let t = read_posts(&gbk[..], "tool.csv", &profile, &IngestOptions::default()).unwrap();
    let p = &t.posts[0];
    assert_eq!((p.brand.as_str(), p.platform.as_str()), ("蓮心茶飲", "weibo"));
    assert_eq!(
        (p.likes, p.comments, p.shares, p.brand_replies, p.followers),
        (Some(11_000.0), Some(230.0), Some(85.0), Some(12.0), Some(86_000.0))
    );
}
