//! The four real public exports in `tests/fixtures/realdata/`, each read with its built-in profile.

use std::collections::{BTreeMap, HashSet};

use chuxin_bench::civil::Precision;
use chuxin_bench::metrics::{AggregateOptions, aggregate, median, post_values};
use chuxin_bench::profile::Profile;

use crate::support::{close, posts, raw, realdata};

const TWITTER: &str = "tweet_activity_metrics_rOpenSci_20180501_20180601_en.csv";

#[test]
fn twitter_er_by_impressions_equals_the_exports_own_rate_on_every_row() {
    let path = realdata(TWITTER);
    let table = posts(&path, &Profile::builtin("twitter-analytics").unwrap());
    assert_eq!(table.posts.len(), 50);
    assert!(table.report.skipped.is_empty(), "{:?}", table.report.skipped);
    let (headers, rows) = raw(&path, b',');
    let col = |name: &str| headers.iter().position(|h| h == name).unwrap();
    let expected: BTreeMap<String, f64> = rows
        .iter()
        .map(|r| (r[col("Tweet id")].clone(), r[col("engagement rate")].parse().unwrap()))
        .collect();
    for post in &table.posts {
        let er = post_values(post, None).er_impressions.unwrap() / 100.0;
        close(er, expected[post.post_id.as_ref().unwrap()]);
        assert_eq!(post.brand, "rOpenSci");
        assert_eq!(post.platform, "x");
        assert_eq!(post.time.precision, Precision::Time);
    }
    // The README's totals for May 2018.
    let sum = |f: fn(&chuxin_bench::Post) -> Option<f64>| table.posts.iter().filter_map(f).sum::<f64>();
    assert_eq!(sum(|p| p.impressions), 278_024.0);
    assert_eq!(sum(|p| p.engagements), 4_703.0);
    assert_eq!(sum(|p| p.likes), 675.0);
    assert_eq!(sum(|p| p.shares), 295.0);
    assert_eq!(sum(|p| p.comments), 46.0);
    // 41 tweet texts hold newlines.
    assert_eq!(
        table
            .posts
            .iter()
            .filter(|p| p.text.as_deref().is_some_and(|t| t.contains('\n')))
            .count(),
        41
    );
    // Group level: the mean of the per-post rates.
    let agg = aggregate(&table.posts, &[], &AggregateOptions::default());
    let g = agg.get("rOpenSci", Some("x"), None).unwrap();
    close(
        g.get("er_impressions").unwrap(),
        expected.values().sum::<f64>() / 50.0 * 100.0,
    );
    close(g.get("interactions").unwrap(), 675.0 + 295.0 + 46.0);
}

#[test]
fn live_sellers_per_page_counts_after_removing_duplicates() {
    let path = realdata("Live.csv");
    let table = posts(&path, &Profile::builtin("uci-live-sellers").unwrap());
    let (headers, rows) = raw(&path, b',');
    assert_eq!(rows.len(), 7_050);
    let id = headers.iter().position(|h| h == "status_id").unwrap();
    // Independently: first occurrence of each status_id, counted per page (the part before `_`).
    let mut seen = HashSet::new();
    let mut expected: BTreeMap<String, u64> = BTreeMap::new();
    let mut interactions: BTreeMap<String, f64> = BTreeMap::new();
    for r in &rows {
        if seen.insert(r[id].clone()) {
            let page = r[id].split('_').next().unwrap().to_string();
            *expected.entry(page.clone()).or_default() += 1;
            let v: f64 = [3, 4, 5].iter().map(|i| r[*i].parse::<f64>().unwrap()).sum();
            *interactions.entry(page).or_default() += v;
        }
    }
    // The README: 53 ids occur twice; 9 pages with these counts before removing duplicates.
    assert_eq!(table.report.duplicates.len(), 53);
    assert_eq!(table.posts.len(), 7_050 - 53);
    let readme = [
        ("246675545449582", 2_635),
        ("614855718638584", 1_440),
        ("134115277150304", 1_212),
        ("1050855161656896", 778),
        ("848451358648417", 450),
        ("725980084255106", 252),
        ("146481362756646", 125),
        ("819700534875473", 102),
        ("117059915488335", 56),
    ];
    let dups_per_page = |page: &str| {
        table
            .report
            .duplicates
            .iter()
            .filter(|d| d.post_id.starts_with(page))
            .count() as u64
    };
    let agg = aggregate(&table.posts, &[], &AggregateOptions::default());
    assert_eq!(agg.brands().len(), 9);
    for (page, count) in readme {
        let g = agg.get(page, Some("facebook"), None).unwrap();
        assert_eq!(g.posts, count - dups_per_page(page), "{page}");
        assert_eq!(g.posts, expected[page], "{page}");
        close(g.get("interactions").unwrap(), interactions[page]);
    }
}

#[test]
fn uci_facebook_metrics_keeps_missing_cells_missing() {
    let path = realdata("dataset_Facebook.csv");
    let table = posts(&path, &Profile::builtin("uci-facebook-metrics").unwrap());
    assert_eq!(table.report.delimiter, ';');
    assert_eq!(table.posts.len(), 500);
    // The README: 6 empty cells, Paid ×1, like ×1, share ×4.
    assert_eq!(table.posts.iter().filter(|p| p.promotional.is_none()).count(), 1);
    assert_eq!(table.posts.iter().filter(|p| p.likes.is_none()).count(), 1);
    assert_eq!(table.posts.iter().filter(|p| p.shares.is_none()).count(), 4);
    assert!(
        table
            .posts
            .iter()
            .all(|p| p.time.year == 2014 && p.time.precision == Precision::Month)
    );
    let (headers, rows) = raw(&path, b';');
    let col = |name: &str| headers.iter().position(|h| h == name).unwrap();
    let num = |r: &Vec<String>, name: &str| r[col(name)].parse::<f64>().ok();
    // Posts per month from the Post Month column.
    let agg = aggregate(
        &table.posts,
        &[],
        &AggregateOptions {
            period: Some(chuxin_bench::civil::PeriodKind::Month),
            ..Default::default()
        },
    );
    for month in 1..=12u8 {
        let expected = rows
            .iter()
            .filter(|r| r[col("Post Month")] == month.to_string())
            .count() as u64;
        let key = chuxin_bench::civil::PeriodKey {
            kind: chuxin_bench::civil::PeriodKind::Month,
            year: 2014,
            index: month,
        };
        assert_eq!(
            agg.get("UCI cosmetics brand", Some("facebook"), Some(key))
                .unwrap()
                .posts,
            expected,
            "month {month}"
        );
    }
    // ER by reach: the mean over posts of (like + comment + share, the known ones) ÷ reach × 100.
    let ers: Vec<f64> = rows
        .iter()
        .map(|r| {
            let i: f64 = ["like", "comment", "share"].iter().filter_map(|c| num(r, c)).sum();
            i / num(r, "Lifetime Post Total Reach").unwrap() * 100.0
        })
        .collect();
    let g = agg.get("UCI cosmetics brand", Some("facebook"), None).unwrap();
    close(g.get("er_reach").unwrap(), ers.iter().sum::<f64>() / ers.len() as f64);
    // Promotional share among posts with a known Paid flag.
    let paid: Vec<f64> = rows.iter().filter_map(|r| num(r, "Paid")).collect();
    close(
        g.get("promo_share").unwrap(),
        paid.iter().sum::<f64>() / paid.len() as f64,
    );
    // Followers grew over the year: 81,370 in January to 139,441 in December.
    let followers: Vec<f64> = table.posts.iter().filter_map(|p| p.followers).collect();
    assert_eq!(followers.iter().copied().fold(f64::INFINITY, f64::min), 81_370.0);
    assert_eq!(followers.iter().copied().fold(0.0, f64::max), 139_441.0);
    assert!(g.get("follower_growth_rate").unwrap() > 50.0);
}

#[test]
fn buzzfeed_pages_counts_and_median_interactions() {
    let path = realdata("facebook-fact-check.csv");
    let table = posts(&path, &Profile::builtin("buzzfeed-fact-check").unwrap());
    assert_eq!(table.posts.len(), 2_282);
    assert!(table.report.duplicates.is_empty());
    let readme = [
        ("Politico", 536),
        ("CNN Politics", 409),
        ("ABC News Politics", 200),
        ("Eagle Rising", 286),
        ("Right Wing News", 268),
        ("Freedom Daily", 112),
        ("Occupy Democrats", 209),
        ("Addicting Info", 140),
        ("The Other 98%", 122),
    ];
    let agg = aggregate(&table.posts, &[], &AggregateOptions::default());
    for (page, count) in readme {
        assert_eq!(agg.get(page, Some("facebook"), None).unwrap().posts, count, "{page}");
    }
    // The README: median interactions per post from 131 (ABC News Politics) to 34,780 (Occupy Democrats).
    let median_of = |page: &str| {
        let v: Vec<f64> = table
            .posts
            .iter()
            .filter(|p| p.brand == page)
            .filter_map(|p| post_values(p, None).interactions)
            .collect();
        median(&v).unwrap()
    };
    assert_eq!(median_of("ABC News Politics"), 131.0);
    assert_eq!(median_of("Occupy Democrats"), 34_780.0);
    // Empty cells stay missing: share_count ×70, reaction_count ×2, comment_count ×2.
    assert_eq!(table.posts.iter().filter(|p| p.shares.is_none()).count(), 70);
    assert_eq!(table.posts.iter().filter(|p| p.likes.is_none()).count(), 2);
    assert_eq!(table.posts.iter().filter(|p| p.comments.is_none()).count(), 2);
    // 7 weekdays in one window: posts per week = posts ÷ (9 days ÷ 7).
    let politico = agg.get("Politico", None, None).unwrap();
    close(politico.get("posts_per_week").unwrap(), 536.0 / (9.0 / 7.0));
    // Share of voice over the nine pages adds up to 100 %.
    let sov: f64 = agg
        .groups
        .iter()
        .filter(|g| g.platform.is_none() && g.period.is_none())
        .filter_map(|g| g.get("sov_interactions"))
        .sum();
    close(sov, 100.0);
}
