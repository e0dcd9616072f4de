//! Public reference rows for financial services.
//!
//! Every figure is taken from a public page listed in chuxin's domain reference (§4 and §5), with its address.
//! Rates are fractions (0.0006 is 0.06%); response times are hours.
//!
//! **What does not exist.** No public benchmark specific to banking, insurance, securities or financial services
//! in general is on file: no engagement rate on any platform, no posting frequency, no response rate or reply
//! time. The plugin therefore ships **all-industry rows only** (`industry = "all"`): Rival IQ's medians and the
//! Sprout Social Index's response figures, each with a note saying so. It never estimates a finance value; an
//! agency with a licensed finance benchmark can load it as its own reference table.

use chuxin_plugin_api::ReferenceRow;

/// What Rival IQ counts as engagement.
const RIVAL_IQ_ACTIONS: &str = "likes, comments, shares, reactions, retweets, favorites";

/// Rival IQ 2023 report (2022 data).
const RIVAL_IQ_2023: &str =
    "https://wishu.io/rival-iqs-social-media-report-top-highlights-we-read-it-so-you-dont-have-to/";
/// Rival IQ 2024 report (2023 data).
const RIVAL_IQ_2024: &str = "https://smk.co/?p=31338";
/// Sprout Social Index 2013.
const SPROUT_2013: &str = "https://sproutsocial.com/insights/press/introducing-sprout-social-index/";
/// Sprout Social Index 2014 (re-post).
const SPROUT_2014: &str = "https://growingbiz.net/social-customer-infographic-sprout-social/";
/// Sprout Social Index Q2 2016.
const SPROUT_2016: &str = "https://upwave.com/presspost/the-q2-2016-sprout-social-index-sprout-social-2";

/// A Rival IQ median engagement rate by followers, per post.
fn rival_iq_er(report_year: u16, data_year: &str, platform: &str, value: f64, url: &str) -> ReferenceRow {
    ReferenceRow {
        source: "Rival IQ".to_owned(),
        report_year,
        data_year: Some(data_year.to_owned()),
        platform: platform.to_owned(),
        industry: "all".to_owned(),
        metric: "er_followers_per_post".to_owned(),
        actions: RIVAL_IQ_ACTIONS.to_owned(),
        denominator: "followers".to_owned(),
        statistic: "median".to_owned(),
        value,
        sample_size: None,
        url: url.to_owned(),
        note: Some("all industries: no public financial-services figure exists on file".to_owned()),
    }
}

/// A Sprout Social Index response figure (all industries).
fn sprout(report_year: u16, metric: &str, statistic: &str, value: f64, url: &str, note: &str) -> ReferenceRow {
    let (actions, denominator) = if metric == "response_rate" {
        ("messages to brands that received a brand reply", "messages")
    } else {
        ("time from a message to the brand's reply", "none")
    };
    ReferenceRow {
        source: "Sprout Social Index".to_owned(),
        report_year,
        data_year: None,
        platform: "all".to_owned(),
        industry: "all".to_owned(),
        metric: metric.to_owned(),
        actions: actions.to_owned(),
        denominator: denominator.to_owned(),
        statistic: statistic.to_owned(),
        value,
        sample_size: None,
        url: url.to_owned(),
        note: Some(note.to_owned()),
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
    vec![
        rival_iq_er(2023, "2022", "facebook", 0.0006, RIVAL_IQ_2023),
        rival_iq_er(2023, "2022", "instagram", 0.0047, RIVAL_IQ_2023),
        rival_iq_er(2023, "2022", "x", 0.00035, RIVAL_IQ_2023),
        rival_iq_er(2023, "2022", "tiktok", 0.0569, RIVAL_IQ_2023),
        rival_iq_er(2024, "2023", "facebook", 0.00063, RIVAL_IQ_2024),
        rival_iq_er(2024, "2023", "tiktok", 0.0263, RIVAL_IQ_2024),
        rival_iq_posts(2023, "2022", "facebook", 5.04, RIVAL_IQ_2023),
        rival_iq_posts(2023, "2022", "x", 3.9, RIVAL_IQ_2023),
        rival_iq_posts(2023, "2022", "tiktok", 1.75, RIVAL_IQ_2023),
        rival_iq_posts(2024, "2023", "facebook", 4.69, RIVAL_IQ_2024),
        sprout(
            2014,
            "response_rate",
            "unstated",
            0.173,
            SPROUT_2014,
            "all industries; down from 21.7% in the previous Index",
        ),
        sprout(
            2013,
            "response_time_hours",
            "mean",
            11.3,
            SPROUT_2013,
            "all industries; up from 10.9 h in the previous period",
        ),
        sprout(
            2016,
            "response_time_hours",
            "unstated",
            10.0,
            SPROUT_2016,
            "all industries; brands' actual reply time, against the 4 h consumers expected",
        ),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_row_is_sourced_and_rates_are_fractions() {
        for row in rows() {
            assert!(row.url.starts_with("https://"), "{row:?}");
            if row.metric.starts_with("er_") || row.metric == "response_rate" {
                assert!(row.value > 0.0 && row.value < 1.0, "{row:?}");
            }
            assert!(row.note.is_some(), "{row:?}");
        }
    }

    #[test]
    fn every_row_is_an_all_industry_row() {
        assert!(rows().iter().all(|r| r.industry == "all"));
    }
}
