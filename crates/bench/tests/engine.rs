//! The engine's row semantics on the cases the issue lists, with expected values worked out by hand.

use std::fs::File;

use chuxin_bench::engine::{self, Kind, Options, Source};
use chuxin_bench::ingest::{IngestOptions, read_posts};
use chuxin_bench::metrics::{AggregateOptions, Grain};
use chuxin_bench::profile::Profile;

use crate::support::{realdata, repo};

fn fold_text(text: &str, options: &Options) -> engine::Ingested {
    engine::fold_one(text.as_bytes(), "t.csv", &Profile::auto(), Kind::Posts, options).unwrap()
}

#[test]
fn follower_growth_follows_time_not_file_order() {
    // dataset_Facebook.csv is newest first and month-only: the page had 81,370 fans on its last line
    // (January) and 139,441 on its first (December); growth = (139,441 − 81,370) ÷ 81,370 = 71.37 %.
    let path = realdata("dataset_Facebook.csv");
    let ingested = engine::fold_one(
        File::open(&path).unwrap(),
        "dataset_Facebook.csv",
        &Profile::builtin("uci-facebook-metrics").unwrap(),
        Kind::Posts,
        &Options::default(),
    )
    .unwrap();
    assert!(ingested.reports[0].newest_first);
    let agg = ingested.fold.aggregation(&AggregateOptions::default());
    let g = agg.get("UCI cosmetics brand", Some("facebook"), None).unwrap();
    let expected = (139_441.0 - 81_370.0) / 81_370.0 * 100.0;
    assert!(
        (g.get("follower_growth_rate").unwrap() - expected).abs() < 1e-9,
        "{g:?}"
    );
    assert!((expected - 71.37).abs() < 0.01);

    // Two rows with full times, in reverse order: 100 → 200 is +100 %, not −50 %.
    let t = fold_text(
        "brand,platform,time,followers,likes\nA,x,2024-01-02 10:00,200,1\nA,x,2024-01-01 09:00,100,1\n",
        &Options::default(),
    );
    let agg = t.fold.aggregation(&AggregateOptions::default());
    assert_eq!(
        agg.get("A", Some("x"), None).unwrap().get("follower_growth_rate"),
        Some(100.0)
    );
}

#[test]
fn the_window_is_what_every_compared_brand_covers() {
    // A posts on 2024-01-01, 01-15, 02-01 and 02-29; B on 2024-01-15 and 02-14. The common window is
    // 2024-01-15 .. 2024-02-14 (31 days): A has 2 posts in it (01-15, 02-01) → 2 ÷ (31 ÷ 7) a week.
    let t = fold_text(
        "brand,platform,time,likes\nA,x,2024-01-01,1\nA,x,2024-01-15,1\nA,x,2024-02-01,1\nA,x,2024-02-29,1\nB,x,2024-01-15,1\nB,x,2024-02-14,1\n",
        &Options::default(),
    );
    let set = vec!["A".to_string(), "B".to_string()];
    let w = t.fold.window(&set, None, None).unwrap();
    assert_eq!(
        (w.start.as_str(), w.end.as_str(), w.days, w.chosen.as_str()),
        ("2024-01-15", "2024-02-14", 31, "common")
    );
    assert!(w.uneven());
    assert_eq!(w.coverage[0].first.as_deref(), Some("2024-01-01"));
    assert_eq!(w.coverage[0].last.as_deref(), Some("2024-02-29"));
    let (lo, hi) = w.days_range().unwrap();
    let agg = t.fold.aggregation(&AggregateOptions {
        window: Some((
            chuxin_bench::metrics::fold::day_to_date(lo),
            chuxin_bench::metrics::fold::day_to_date(hi),
        )),
        compared: Some(set.clone()),
        ..Default::default()
    });
    let a = agg.get("A", None, None).unwrap();
    assert_eq!(a.posts, 2);
    assert!((a.get("posts_per_week").unwrap() - 2.0 / (31.0 / 7.0)).abs() < 1e-12);
    // Given ends win.
    let given = t.fold.window(&set, Some(lo - 14), None).unwrap();
    assert_eq!(
        (given.start.as_str(), given.end.as_str(), given.chosen.as_str()),
        ("2024-01-01", "2024-02-29", "given")
    );
}

#[test]
fn share_of_voice_is_over_the_compared_set_and_separately_over_every_brand() {
    // Interactions: A 10, B 30, C 60. Over {A, B}: A has 25 %; over every brand: 10 %.
    let t = fold_text(
        "brand,platform,time,likes\nA,x,2024-01-01,10\nB,x,2024-01-01,30\nC,x,2024-01-01,60\n",
        &Options::default(),
    );
    let agg = t.fold.aggregation(&AggregateOptions {
        compared: Some(vec!["A".into(), "B".into()]),
        ..Default::default()
    });
    let a = agg.get("A", None, None).unwrap();
    assert_eq!(a.get("sov_interactions"), Some(25.0));
    assert_eq!(a.get("sov_interactions_all"), Some(10.0));
    assert_eq!(agg.get("C", None, None).unwrap().get("sov_interactions"), None);

    // With a comparison set, the engine skips C's rows at the brand cell: counted, not folded, and C's
    // bad cell is not reported (its row is never parsed); the share over every brand is then not known.
    let t = fold_text(
        "brand,platform,time,likes\nA,x,2024-01-01,10\nB,x,2024-01-01,30\nC,x,2024-01-01,lots\nC,x,2024-01-02,5\n",
        &Options {
            brands: Some(vec!["A".into(), "B".into()]),
            ..Options::default()
        },
    );
    assert_eq!(t.reports[0].other_brands.get("C"), Some(&2));
    assert_eq!(t.reports[0].skipped_total, 0);
    assert_eq!(t.fold.brands(), vec!["A".to_string(), "B".to_string()]);
    let agg = t.fold.aggregation(&AggregateOptions {
        compared: Some(vec!["A".into(), "B".into()]),
        ..Default::default()
    });
    let a = agg.get("A", None, None).unwrap();
    assert_eq!(
        (a.get("sov_interactions"), a.get("sov_interactions_all")),
        (Some(25.0), None)
    );
}

#[test]
fn brands_rolled_up_on_several_threads_give_the_same_groups_and_shares() {
    // January: A 10 + 20 on x, 5 on y; B 30 on x; C 60 on y. February: A 40 on x, C 10 on y.
    // By hand, over {A, B}: A's January share on x is 30 ÷ 60 = 50 %, its February share on x 100 %; over
    // every brand, A's January share overall is 35 ÷ 125 = 28 %.
    let t = fold_text(
        "brand,platform,time,likes\n\
         A,x,2024-01-01,10\nA,x,2024-01-09,20\nA,y,2024-01-03,5\nB,x,2024-01-02,30\nC,y,2024-01-05,60\n\
         A,x,2024-02-01,40\nC,y,2024-02-07,10\n",
        &Options::default(),
    );
    let options = |threads| AggregateOptions {
        period: Some(chuxin_bench::civil::PeriodKind::Month),
        compared: Some(vec!["A".into(), "B".into()]),
        threads,
        ..Default::default()
    };
    let one = t.fold.aggregation(&options(1));
    let jan = one.periods()[0];
    let feb = one.periods()[1];
    let a_x_jan = one.get("A", Some("x"), Some(jan)).unwrap();
    assert_eq!(a_x_jan.get("sov_interactions"), Some(50.0));
    assert_eq!(
        one.get("A", Some("x"), Some(feb)).unwrap().get("sov_interactions"),
        Some(100.0)
    );
    let all = one
        .get("A", None, Some(jan))
        .unwrap()
        .get("sov_interactions_all")
        .unwrap();
    assert!((all - 28.0).abs() < 1e-9, "{all}");
    for threads in [2, 3, 8] {
        assert_eq!(
            t.fold.aggregation(&options(threads)).groups,
            one.groups,
            "{threads} threads"
        );
    }
}

#[test]
fn chunks_and_threads_do_not_change_lines_duplicates_or_totals() {
    // Live.csv through 4 KB chunks on 3 threads and through one chunk on one thread: the same fold, the same
    // reports (duplicates and bad rows with the same lines).
    let path = realdata("Live.csv");
    let profile = Profile::builtin("uci-live-sellers").unwrap();
    let read = |threads: usize, chunk_size: usize| {
        engine::fold_one(
            File::open(&path).unwrap(),
            "Live.csv",
            &profile,
            Kind::Posts,
            &Options {
                threads,
                chunk_size,
                ..Options::default()
            },
        )
        .unwrap()
    };
    let small = read(3, 4096);
    let whole = read(1, 64 << 20);
    assert_eq!(small.fold, whole.fold);
    assert_eq!(small.reports, whole.reports);
    // And the same posts as the in-memory reader: 7,050 rows, one post per distinct status_id.
    let table = read_posts(
        File::open(&path).unwrap(),
        "Live.csv",
        &profile,
        &IngestOptions::default(),
    )
    .unwrap();
    let folded: u64 = whole.fold.groups.iter().map(|g| g.acc.posts).sum();
    assert_eq!(folded, table.posts.len() as u64);
    assert_eq!(whole.reports[0].rows, 7050);
}

#[test]
fn two_files_each_with_its_own_profile_in_one_run() {
    let sources = vec![
        Source {
            name: "dataset_Facebook.csv".into(),
            reader: Box::new(File::open(realdata("dataset_Facebook.csv")).unwrap()),
            profile: Profile::builtin("uci-facebook-metrics").unwrap(),
            kind: Kind::Posts,
        },
        Source {
            name: "Live.csv".into(),
            reader: Box::new(File::open(realdata("Live.csv")).unwrap()),
            profile: Profile::builtin("uci-live-sellers").unwrap(),
            kind: Kind::Posts,
        },
    ];
    let ingested = engine::run(sources, &Options::default(), &mut |_| {}, None).unwrap();
    let brands = ingested.fold.brands();
    // The UCI page plus Live.csv's 9 page ids.
    assert_eq!(brands.len(), 10, "{brands:?}");
    assert!(brands.contains(&"UCI cosmetics brand".to_string()));
    let uci: u64 = ingested
        .fold
        .groups
        .iter()
        .filter(|g| g.brand == "UCI cosmetics brand")
        .map(|g| g.acc.posts)
        .sum();
    assert_eq!(uci, 500);
    assert_eq!(ingested.reports.len(), 2);
}

#[test]
fn a_big5_export_reads_as_big5() {
    let path = repo().join("crates/bench/tests/fixtures/encodings/big5.csv");
    let t = read_posts(
        File::open(&path).unwrap(),
        "big5.csv",
        &Profile::auto(),
        &IngestOptions::default(),
    )
    .unwrap();
    assert_eq!(t.report.encoding, "Big5");
    let brands: Vec<_> = t.posts.iter().map(|p| p.brand.as_str()).collect();
    assert_eq!(brands, vec!["蓮心茶飲", "茶語時光", "蓮心茶飲"]);
    // 按讚數 / 留言數 / 分享次數 are likes, comments, shares: 1520 + 88 + 12 on Facebook.
    assert_eq!(
        (t.posts[0].likes, t.posts[0].comments, t.posts[0].shares),
        (Some(1520.0), Some(88.0), Some(12.0))
    );
}

#[test]
fn chinese_metric_headers_are_all_counted() {
    // Each header triple from the issue; 100 + 20 + 7 = 127 interactions on Facebook.
    for (l, c, s) in [
        ("点赞量", "评论量", "转发量"),
        ("按讚數", "評論數", "轉發數"),
        ("赞数", "留言数", "分享数"),
        ("讚數", "留言數", "分享次數"),
    ] {
        let text = format!("品牌,平台,日期,{l},{c},{s}\n甲,facebook,2024-01-01,100,20,7\n");
        let t = fold_text(&text, &Options::default());
        let agg = t.fold.aggregation(&AggregateOptions::default());
        assert_eq!(
            agg.get("甲", None, None).unwrap().get("interactions"),
            Some(127.0),
            "{l} {c} {s}"
        );
    }
    // A true/false promotion column.
    let t = fold_text(
        "brand,platform,time,likes,is_promo\nA,x,2024-01-01,1,true\nA,x,2024-01-02,1,false\n",
        &Options::default(),
    );
    let agg = t.fold.aggregation(&AggregateOptions::default());
    assert_eq!(agg.get("A", None, None).unwrap().get("promo_share"), Some(0.5));
}

#[test]
fn an_ignored_column_that_looks_like_a_measure_is_reported() {
    let t = fold_text(
        "brand,platform,time,likes,完播率,note\nA,x,2024-01-01,1,35%,hi\nA,x,2024-01-02,2,40%,yo\n",
        &Options::default(),
    );
    let cols = &t.reports[0].columns;
    let by = |h: &str| cols.iter().find(|c| c.header == h).unwrap();
    assert!(by("完播率").field.is_none() && by("完播率").warning.is_some());
    assert!(by("note").warning.is_none());
    assert_eq!(by("likes").field, Some(chuxin_bench::field::Field::Likes));
    // Under --strict it stops the run, naming the file and the column.
    let err = engine::fold_one(
        "brand,platform,time,likes,完播率\nA,x,2024-01-01,1,35%\n".as_bytes(),
        "t.csv",
        &Profile::auto(),
        Kind::Posts,
        &Options {
            strict: true,
            ..Options::default()
        },
    )
    .unwrap_err();
    assert!(
        err.to_string().starts_with("`t.csv`: column `完播率` is ignored"),
        "{err}"
    );
    // Month-grained folds roll up the same way.
    let m = fold_text(
        "brand,platform,time,likes\nA,x,2024-01-01,1\nA,x,2024-01-31,2\n",
        &Options {
            grain: Grain::Month,
            ..Options::default()
        },
    );
    assert_eq!(m.fold.groups.len(), 1);
    assert_eq!(m.fold.groups[0].bucket, "2024-01-01");
    assert_eq!(m.fold.groups[0].acc.posts, 2);
}

#[test]
fn a_fold_written_as_json_reads_back_with_the_same_figures() {
    let path = realdata("Live.csv");
    let ingested = engine::fold_one(
        File::open(&path).unwrap(),
        "Live.csv",
        &Profile::builtin("uci-live-sellers").unwrap(),
        Kind::Posts,
        &Options {
            grain: Grain::Month,
            ..Options::default()
        },
    )
    .unwrap();
    let json = serde_json::to_string(&ingested.fold).unwrap();
    let back: chuxin_bench::metrics::Fold = serde_json::from_str(&json).unwrap();
    assert_eq!(back, ingested.fold);
    let options = AggregateOptions {
        period: Some(chuxin_bench::civil::PeriodKind::Quarter),
        ..Default::default()
    };
    assert_eq!(back.aggregation(&options), ingested.fold.aggregation(&options));
}

#[test]
fn a_post_id_seen_in_an_earlier_file_is_counted_once_and_named_with_that_file() {
    let source = |name: &str, text: &'static str| Source {
        name: name.into(),
        reader: Box::new(text.as_bytes()),
        profile: Profile::auto(),
        kind: Kind::Posts,
    };
    let ingested = engine::run(
        vec![
            source("march.csv", "brand,platform,post_id,time,likes\nA,x,7,2024-03-01,10\n"),
            source(
                "q1.csv",
                "brand,platform,post_id,time,likes\nA,x,6,2024-02-01,5\nA,x,7,2024-03-01,12\n",
            ),
        ],
        &Options::default(),
        &mut |_| {},
        None,
    )
    .unwrap();
    let d = &ingested.reports[1].duplicates[0];
    assert_eq!(
        (
            d.post_id.as_str(),
            d.source_name.as_str(),
            d.line,
            d.first_source.as_str(),
            d.first_line
        ),
        ("7", "q1.csv", 3, "march.csv", 2)
    );
    // The first record is the one kept: 10 + 5 likes, not 12.
    let agg = ingested.fold.aggregation(&AggregateOptions::default());
    assert_eq!(agg.get("A", None, None).unwrap().get("interactions"), Some(15.0));
}

#[test]
fn a_record_longer_than_16_mb_stops_the_run_with_its_line() {
    // A quote opened on line 3 and never closed: 17 MB of text would otherwise be one record.
    let mut text = String::from("brand,platform,time,likes,text\nA,x,2024-01-01,1,ok\nA,x,2024-01-02,2,\"");
    text.push_str(&"a".repeat(17 << 20));
    let err = engine::fold_one(
        text.as_bytes(),
        "long.csv",
        &Profile::auto(),
        Kind::Posts,
        &Options {
            chunk_size: 1 << 16,
            ..Options::default()
        },
    )
    .unwrap_err();
    assert_eq!(
        err.to_string(),
        "long.csv:3: a record longer than 16 MB (a quote that is never closed, or not a CSV export?)"
    );
}

#[test]
fn a_quote_never_closed_before_the_end_of_the_file_is_a_bad_row_not_one_long_cell() {
    // Line 3 opens a quote in its text cell that nothing closes: lines 4 and 5 would be swallowed by that
    // cell. Expected: line 2 counted (likes 10), line 3 reported as skipped with its line, nothing else
    // counted; under --strict the run stops there.
    let text = "brand,platform,post_id,time,likes,text\n\
                A,facebook,1,2024-01-02,10,ok\n\
                A,facebook,2,2024-01-03,20,\"broken\n\
                A,facebook,3,2024-01-04,30,lost\n\
                A,facebook,4,2024-01-05,40,lost\n";
    let got = fold_text(text, &Options::default());
    let report = &got.reports[0];
    assert_eq!((report.accepted, report.skipped_total), (1, 1));
    assert_eq!(report.skipped[0].line, 3);
    assert!(
        report.skipped[0].reason.to_string().contains("never closed"),
        "{}",
        report.skipped[0].reason
    );
    let likes: f64 = got.fold.groups.iter().map(|g| g.acc.likes.sum).sum();
    assert_eq!(likes, 10.0);
    let strict = engine::fold_one(
        text.as_bytes(),
        "t.csv",
        &Profile::auto(),
        Kind::Posts,
        &Options {
            strict: true,
            ..Options::default()
        },
    )
    .unwrap_err();
    assert!(strict.to_string().starts_with("t.csv:3: a quote opened"), "{strict}");
}

#[test]
fn a_quote_never_closed_in_a_row_of_another_brand_is_one_bad_row_not_also_another_brands_row() {
    // Comparing brand A only. B's rows stop at their brand cell; B's last row (line 4) opens a quote that
    // nothing closes. Expected, by hand: line 2 (A, likes 10) counted; line 3 is B's one other-brand row;
    // line 4 is a bad row, and is not counted as B's as well.
    let text = "brand,platform,post_id,time,likes,text\n\
                A,facebook,1,2024-01-02,10,ok\n\
                B,facebook,2,2024-01-03,20,fine\n\
                B,facebook,3,2024-01-04,30,\"broken\n\
                A,facebook,4,2024-01-05,40,lost\n";
    let got = fold_text(
        text,
        &Options {
            brands: Some(vec!["A".to_string()]),
            ..Options::default()
        },
    );
    let report = &got.reports[0];
    assert_eq!((report.accepted, report.skipped_total), (1, 1));
    assert_eq!(report.skipped[0].line, 4);
    assert_eq!(report.other_brands.get("B"), Some(&1));
    assert_eq!(report.rows, 3);
}
