//! Published reference rows that any plugin may ship: the all-industry figures from Rival IQ and the Sprout
//! Social Index, and a builder for Rival IQ's industry cells.
//!
//! Every figure comes from a public page listed in chuxin's domain reference (§4 and §5), with its address. Rates
//! are fractions (0.0006 is 0.06%), posting frequencies are posts per week and response times are hours; see
//! [`ReferenceRow`] for the units.
//!
//! Public benchmarks rarely cover an industry on every platform, so a plugin composes its list from its own
//! industry cells (built with [`rival_iq_er`]) and the all-industry rows here, labelled `industry = "all"`:
//!
//! ```
//! use chuxin_plugin_api::reference;
//!
//! let mut rows = reference::rival_iq_er_all_industries("all industries: no public hotel figure on file");
//! rows.extend(reference::sprout_index_response());
//! assert!(rows.iter().all(|r| r.industry == "all" && r.url.starts_with("https://")));
//! ```

use crate::protocol::ReferenceRow;

/// The metric ids a [`ReferenceRow`] may use.
pub const METRICS: [&str; 7] = [
    "er_followers_per_post",
    "er_impressions",
    "er_reach",
    "er_views",
    "posts_per_week",
    "response_rate",
    "response_time_hours",
];

/// What is wrong with a plugin's reference rows, one line a problem; empty when every row is sound: a source and
/// an http(s) address, a known metric, a finite non-negative value, rates as fractions in (0, 1], a region (when
/// given) as a lower-case id, and a note on every all-industry row saying which industry figure is missing. Used by `chuxin plugins check` and by each
/// plugin's own tests.
pub fn problems(rows: &[ReferenceRow]) -> Vec<String> {
    let mut out = Vec::new();
    for (i, row) in rows.iter().enumerate() {
        let at = format!(
            "benchmark row {} ({} {} {})",
            i + 1,
            row.source,
            row.platform,
            row.metric
        );
        if row.source.trim().is_empty() {
            out.push(format!("{at}: no source"));
        }
        if !row.url.starts_with("https://") && !row.url.starts_with("http://") {
            out.push(format!("{at}: url `{}` is not an http(s) address", row.url));
        }
        if !METRICS.contains(&row.metric.as_str()) {
            out.push(format!("{at}: unknown metric `{}`", row.metric));
        }
        if !row.value.is_finite() || row.value < 0.0 {
            out.push(format!("{at}: value {} is not a non-negative number", row.value));
        }
        let is_rate = row.metric.starts_with("er_") || row.metric == "response_rate";
        if is_rate && !(row.value > 0.0 && row.value <= 1.0) {
            out.push(format!(
                "{at}: value {} is not a fraction in (0, 1]; rates are fractions (0.0006 for 0.06%)",
                row.value
            ));
        }
        if let Some(region) = &row.region
            && (region.is_empty() || !region.chars().all(|c| c.is_ascii_lowercase()))
        {
            out.push(format!(
                "{at}: region `{region}` is not a lower-case id (`global`, `tw`, `us`)"
            ));
        }
        if row.industry == "all" && row.note.as_deref().is_none_or(|n| n.trim().is_empty()) {
            out.push(format!(
                "{at}: an all-industry row needs a note saying which industry figure is missing"
            ));
        }
    }
    out
}

/// The region of every row here: the Rival IQ and Sprout Social Index figures on file (domain reference §4 and §5)
/// are published for no particular market, and the pages give no country breakdown.
pub const GLOBAL: &str = "global";

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

/// A Rival IQ median engagement rate by followers, per post (`er_followers_per_post`), with its caveat.
///
/// `industry` is the source's industry in snake case (`health_beauty`, `alcohol`) or `all`; `value` is a fraction
/// and `url` the public page the figure was taken from.
pub fn rival_iq_er(
    report_year: u16,
    data_year: &str,
    platform: &str,
    industry: &str,
    value: f64,
    url: &str,
    note: &str,
) -> ReferenceRow {
    ReferenceRow {
        source: "Rival IQ".to_owned(),
        report_year,
        data_year: Some(data_year.to_owned()),
        platform: platform.to_owned(),
        region: Some(GLOBAL.to_owned()),
        industry: industry.to_owned(),
        metric: "er_followers_per_post".to_owned(),
        actions: RIVAL_IQ_ACTIONS.to_owned(),
        denominator: "followers".to_owned(),
        statistic: "median".to_owned(),
        value,
        sample_size: None,
        url: url.to_owned(),
        note: Some(note.to_owned()),
    }
}

/// Rival IQ's all-industry median engagement rates by followers, per post: the 2023 report (2022 data) for
/// Facebook 0.06%, Instagram 0.47%, X 0.035% and TikTok 5.69%, then the 2024 report (2023 data) for Facebook
/// 0.063% and TikTok 2.63%.
///
/// `note` goes on every row: say there that the figure is for all industries and why the plugin ships it (for
/// example, that no public figure for its industry exists on that platform).
pub fn rival_iq_er_all_industries(note: &str) -> Vec<ReferenceRow> {
    let row = |report_year, data_year, platform, value, url| {
        rival_iq_er(report_year, data_year, platform, "all", value, url, note)
    };
    vec![
        row(2023, "2022", "facebook", 0.0006, RIVAL_IQ_2023),
        row(2023, "2022", "instagram", 0.0047, RIVAL_IQ_2023),
        row(2023, "2022", "x", 0.00035, RIVAL_IQ_2023),
        row(2023, "2022", "tiktok", 0.0569, RIVAL_IQ_2023),
        row(2024, "2023", "facebook", 0.00063, RIVAL_IQ_2024),
        row(2024, "2023", "tiktok", 0.0263, RIVAL_IQ_2024),
    ]
}

/// Rival IQ's all-industry posting frequencies (`posts_per_week`): the 2023 report (2022 data) for Facebook 5.04,
/// X 3.9 and TikTok 1.75, then the 2024 report (2023 data) for Facebook 4.69.
///
/// The source does not say whether these are medians or means, so the statistic is `unstated`. Instagram's
/// frequency in the 2023 report is given only as a range (4.5–4.6), so it is left out.
pub fn rival_iq_posts_per_week() -> Vec<ReferenceRow> {
    let row = |report_year: u16, data_year: &str, platform: &str, value, url: &str| ReferenceRow {
        source: "Rival IQ".to_owned(),
        report_year,
        data_year: Some(data_year.to_owned()),
        platform: platform.to_owned(),
        region: Some(GLOBAL.to_owned()),
        industry: "all".to_owned(),
        metric: "posts_per_week".to_owned(),
        actions: "posts published".to_owned(),
        denominator: "week".to_owned(),
        statistic: "unstated".to_owned(),
        value,
        sample_size: None,
        url: url.to_owned(),
        note: Some("all industries; the source does not say whether this is a median or a mean".to_owned()),
    };
    vec![
        row(2023, "2022", "facebook", 5.04, RIVAL_IQ_2023),
        row(2023, "2022", "x", 3.9, RIVAL_IQ_2023),
        row(2023, "2022", "tiktok", 1.75, RIVAL_IQ_2023),
        row(2024, "2023", "facebook", 4.69, RIVAL_IQ_2024),
    ]
}

/// The Sprout Social Index's all-industry response figures: the share of messages to brands that received a
/// reply, 17.3% (2014), brands' mean reply time, 11.3 h (2013), and their reply time of about 10 h against the 4 h
/// consumers expected (Q2 2016).
pub fn sprout_index_response() -> Vec<ReferenceRow> {
    vec![
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

/// A Sprout Social Index response figure (all industries, all platforms).
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
        region: Some(GLOBAL.to_owned()),
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

#[cfg(test)]
mod tests {

    #[test]
    fn problems_name_each_unsound_row() {
        let good = rival_iq_er(
            2019,
            "2018",
            "facebook",
            "alcohol",
            0.0014,
            "https://example.com/",
            "a caveat",
        );
        assert!(problems(std::slice::from_ref(&good)).is_empty());
        let mut percent = good.clone();
        percent.value = 1.4; // 1.4% written where the fraction 0.014 belongs
        let mut unsourced = good.clone();
        unsourced.url = "example.com".into();
        unsourced.metric = "er_magic".into();
        unsourced.region = Some("Taiwan".into());
        let mut silent = good.clone();
        silent.industry = "all".into();
        silent.note = None;
        let found = problems(&[good, percent, unsourced, silent]);
        assert_eq!(found.len(), 5, "{found:#?}");
        assert!(found[0].starts_with("benchmark row 2") && found[0].contains("not a fraction"));
        assert!(found[1].contains("url `example.com`") && found[2].contains("unknown metric `er_magic`"));
        assert!(found[3].contains("region `Taiwan` is not a lower-case id"));
        assert!(found[4].starts_with("benchmark row 4") && found[4].contains("needs a note"));
    }
    use super::*;

    fn all_rows() -> Vec<ReferenceRow> {
        let mut rows = rival_iq_er_all_industries("all industries");
        rows.extend(rival_iq_posts_per_week());
        rows.extend(sprout_index_response());
        rows
    }

    #[test]
    fn every_row_is_sourced_labelled_and_in_its_unit() {
        let rows = all_rows();
        assert_eq!(rows.len(), 13);
        for row in &rows {
            assert!(row.url.starts_with("https://"), "{row:?}");
            assert_eq!((row.industry.as_str(), row.sample_size), ("all", None), "{row:?}");
            assert_eq!(row.region.as_deref(), Some("global"), "{row:?}");
            assert!(row.note.as_deref().unwrap().starts_with("all industries"), "{row:?}");
            if row.metric.starts_with("er_") || row.metric == "response_rate" {
                assert!(row.value > 0.0 && row.value < 1.0, "rates are fractions: {row:?}");
            }
        }
    }

    #[test]
    fn the_figures_are_the_published_ones() {
        let rows = all_rows();
        let got: Vec<(&str, u16, &str, &str, &str, f64)> = rows
            .iter()
            .map(|r| {
                (
                    r.source.as_str(),
                    r.report_year,
                    r.platform.as_str(),
                    r.metric.as_str(),
                    r.statistic.as_str(),
                    r.value,
                )
            })
            .collect();
        assert_eq!(
            got,
            [
                ("Rival IQ", 2023, "facebook", "er_followers_per_post", "median", 0.0006),
                ("Rival IQ", 2023, "instagram", "er_followers_per_post", "median", 0.0047),
                ("Rival IQ", 2023, "x", "er_followers_per_post", "median", 0.00035),
                ("Rival IQ", 2023, "tiktok", "er_followers_per_post", "median", 0.0569),
                ("Rival IQ", 2024, "facebook", "er_followers_per_post", "median", 0.00063),
                ("Rival IQ", 2024, "tiktok", "er_followers_per_post", "median", 0.0263),
                ("Rival IQ", 2023, "facebook", "posts_per_week", "unstated", 5.04),
                ("Rival IQ", 2023, "x", "posts_per_week", "unstated", 3.9),
                ("Rival IQ", 2023, "tiktok", "posts_per_week", "unstated", 1.75),
                ("Rival IQ", 2024, "facebook", "posts_per_week", "unstated", 4.69),
                ("Sprout Social Index", 2014, "all", "response_rate", "unstated", 0.173),
                ("Sprout Social Index", 2013, "all", "response_time_hours", "mean", 11.3),
                (
                    "Sprout Social Index",
                    2016,
                    "all",
                    "response_time_hours",
                    "unstated",
                    10.0
                ),
            ]
        );
    }

    #[test]
    fn denominators_follow_the_metric() {
        for row in all_rows() {
            let expected = match row.metric.as_str() {
                "er_followers_per_post" => "followers",
                "posts_per_week" => "week",
                "response_rate" => "messages",
                _ => "none",
            };
            assert_eq!(row.denominator, expected, "{row:?}");
        }
    }

    #[test]
    fn an_industry_cell_keeps_its_industry_and_note() {
        let row = rival_iq_er(
            2019,
            "2018",
            "facebook",
            "alcohol",
            0.0014,
            "https://example.com/",
            "a caveat",
        );
        assert_eq!(
            (row.industry.as_str(), row.data_year.as_deref(), row.note.as_deref()),
            ("alcohol", Some("2018"), Some("a caveat"))
        );
        assert_eq!(
            (row.denominator.as_str(), row.statistic.as_str()),
            ("followers", "median")
        );
    }
}
