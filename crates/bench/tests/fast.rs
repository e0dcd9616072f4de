//! The fast path agrees with the full ingestion + aggregation on the same file.

use std::fs::File;

use chuxin_bench::civil::PeriodKind;
use chuxin_bench::fast::{FastOptions, aggregate_monthly};
use chuxin_bench::metrics::{AggregateOptions, aggregate};
use chuxin_bench::profile::Profile;

use crate::support::{close, posts, sample};

#[test]
fn fast_path_matches_the_full_aggregation() {
    for file in [
        "mingyue-beauty_posts.csv",
        "lotus-tea_competitors.csv",
        "hengfeng-bank_posts.csv",
        "mingyue-beauty_competitors.csv",
    ] {
        let path = sample(file);
        let full = posts(&path, &Profile::auto());
        let agg = aggregate(
            &full.posts,
            &[],
            &AggregateOptions {
                period: Some(PeriodKind::Month),
                window: None,
            },
        );
        let options = FastOptions {
            threads: 2,
            chunk_size: 4096,
            delimiter: None,
        };
        let fast = aggregate_monthly(File::open(&path).unwrap(), file, &options, &mut |_| {}).unwrap();
        assert_eq!(fast.bad_rows, 0, "{file}: {:?}", fast.first_errors);
        assert_eq!(fast.rows as usize, full.posts.len(), "{file}");
        for g in &fast.groups {
            let period = agg
                .periods()
                .into_iter()
                .find(|p| p.to_string() == g.month)
                .unwrap_or_else(|| panic!("{file}: no period {}", g.month));
            let m = agg.get(&g.brand, Some(&g.platform), Some(period)).unwrap();
            assert_eq!(g.posts, m.posts, "{file} {} {} {}", g.brand, g.platform, g.month);
            close(g.interactions, m.get("interactions").unwrap_or(0.0));
            if let Some(er) = g.er_followers {
                close(er, m.get("er_followers").unwrap());
            }
        }
    }
}
