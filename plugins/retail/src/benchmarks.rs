//! Public reference rows for retail, FMCG and beauty.
//!
//! Every figure is taken from a public page listed in chuxin's domain reference (§4), with its address. Rates are
//! fractions (0.0014 is 0.14%).
//!
//! **What exists for this industry.** Rival IQ's 2025 report (2024 data) gives Instagram's median engagement rate
//! by followers per post for Health & Beauty: 0.14%, the lowest of its industries (Higher Ed is the highest, at
//! 2.10%). That is the only retail-related cell on file.
//!
//! **What does not.** There is no public retail, FMCG or beauty figure on file for Facebook, X or TikTok, for
//! posting frequency, or for response rate and time; and nothing for general retail or e-commerce on any
//! platform. For those the plugin ships Rival IQ's all-industry medians (`industry = "all"`) and says so in each
//! row's note, rather than invent an industry value.

use chuxin_plugin_api::ReferenceRow;

/// What Rival IQ counts as engagement.
const RIVAL_IQ_ACTIONS: &str = "likes, comments, shares, reactions, retweets, favorites";

/// Rival IQ 2025 report (2024 data), industry cells.
const RIVAL_IQ_2025: &str = "https://elma-europe.com/blog/2025-social-media-industry-benchmark-report";
/// Rival IQ 2023 report (2022 data).
const RIVAL_IQ_2023: &str =
    "https://wishu.io/rival-iqs-social-media-report-top-highlights-we-read-it-so-you-dont-have-to/";
/// Rival IQ 2024 report (2023 data).
const RIVAL_IQ_2024: &str = "https://smk.co/?p=31338";

/// A Rival IQ median engagement rate by followers, per post.
fn rival_iq_er(
    report_year: u16,
    data_year: &str,
    platform: &str,
    industry: &str,
    value: f64,
    url: &str,
) -> ReferenceRow {
    ReferenceRow {
        source: "Rival IQ".to_owned(),
        report_year,
        data_year: Some(data_year.to_owned()),
        platform: platform.to_owned(),
        industry: industry.to_owned(),
        metric: "er_followers_per_post".to_owned(),
        actions: RIVAL_IQ_ACTIONS.to_owned(),
        denominator: "followers".to_owned(),
        statistic: "median".to_owned(),
        value,
        sample_size: None,
        url: url.to_owned(),
        note: (industry == "all")
            .then(|| "all industries: no public retail, FMCG or beauty figure for this platform".to_owned()),
    }
}

/// A Rival IQ posting frequency (posts per week); the source does not state the statistic.
fn rival_iq_posts(report_year: u16, data_year: &str, platform: &str, value: f64, url: &str) -> ReferenceRow {
    ReferenceRow {
        source: "Rival IQ".to_owned(),
        report_year,
        data_year: Some(data_year.to_owned()),
        platform: platform.to_owned(),
        industry: "all".to_owned(),
        metric: "posts_per_week".to_owned(),
        actions: "posts published".to_owned(),
        denominator: "week".to_owned(),
        statistic: "unstated".to_owned(),
        value,
        sample_size: None,
        url: url.to_owned(),
        note: Some("all industries; the source does not say whether this is a median or a mean".to_owned()),
    }
}

/// The plugin's reference rows.
pub fn rows() -> Vec<ReferenceRow> {
    let mut beauty = rival_iq_er(2025, "2024", "instagram", "health_beauty", 0.0014, RIVAL_IQ_2025);
    beauty.note = Some(
        "Health & Beauty is the lowest of the report's industries on Instagram (Higher Ed is highest, 2.10%)"
            .to_owned(),
    );
    vec![
        beauty,
        rival_iq_er(2023, "2022", "facebook", "all", 0.0006, RIVAL_IQ_2023),
        rival_iq_er(2023, "2022", "instagram", "all", 0.0047, RIVAL_IQ_2023),
        rival_iq_er(2023, "2022", "x", "all", 0.00035, RIVAL_IQ_2023),
        rival_iq_er(2023, "2022", "tiktok", "all", 0.0569, RIVAL_IQ_2023),
        rival_iq_er(2024, "2023", "facebook", "all", 0.00063, RIVAL_IQ_2024),
        rival_iq_er(2024, "2023", "tiktok", "all", 0.0263, RIVAL_IQ_2024),
        rival_iq_posts(2023, "2022", "facebook", 5.04, RIVAL_IQ_2023),
        rival_iq_posts(2023, "2022", "x", 3.9, RIVAL_IQ_2023),
        rival_iq_posts(2023, "2022", "tiktok", 1.75, RIVAL_IQ_2023),
        rival_iq_posts(2024, "2023", "facebook", 4.69, RIVAL_IQ_2024),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_row_is_sourced_and_a_fraction() {
        for row in rows() {
            assert!(row.url.starts_with("https://"), "{row:?}");
            if row.metric.starts_with("er_") {
                assert!(row.value > 0.0 && row.value < 1.0, "{row:?}");
            }
            if row.industry == "all" {
                assert!(row.note.is_some(), "all-industry rows say so: {row:?}");
            }
        }
    }

    #[test]
    fn the_beauty_cell_is_point_one_four_percent() {
        let rows = rows();
        let beauty: Vec<_> = rows.iter().filter(|r| r.industry == "health_beauty").collect();
        assert_eq!(beauty.len(), 1);
        assert_eq!((beauty[0].platform.as_str(), beauty[0].value), ("instagram", 0.0014));
    }
}
