//! Public benchmark figures ("reference rows") that a plugin ships.

use serde::{Deserialize, Serialize};

/// One published benchmark figure, with everything needed to compare like with like.
///
/// Published engagement-rate benchmarks use different denominators (followers, reach, impressions, views) and
/// statistics (median over companies, mean over posts), so a row is meaningless without them. Rows from different
/// sources are never averaged, ranked or plotted together.
///
/// # Units of `value`
///
/// * **Rates and shares are fractions**, not percentages: Rival IQ's 0.06% Facebook median is stored as `0.0006`,
///   a 17.3% response rate as `0.173`. Multiply by 100 to display a percentage.
/// * Counts are plain numbers (`posts_per_week`: `5.04`).
/// * Durations are hours (`response_time_hours`: `11.3`).
///
/// # Only sourced figures
///
/// Every row must come from a public source named by `source` and `url`. Where no public figure exists for an
/// industry, a plugin ships none (or an all-industry row with `industry = "all"`) and says so in its docs; it never
/// estimates one.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReferenceRow {
    /// Who published the figure (for example `Rival IQ`, `Sprout Social Index`).
    pub source: String,
    /// Year of the report.
    pub report_year: u16,
    /// The period the data covers, when the source says (for example `2022`, `2024–25`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub data_year: Option<String>,
    /// Platform id: `facebook`, `instagram`, `x`, `tiktok`, `linkedin`, `youtube`, or `all`.
    pub platform: String,
    /// The population the figure describes, when the plugin says: `global` (the source publishes it across
    /// markets, for none in particular), a market id (`tw`, `hk`, `cn`) or another country code (`us`). chuxin
    /// shows a row beside a client's figures only when its region is the client's market or `global`; a row without
    /// one (a plugin built before protocol 3) is listed as left out, never shown as if it described the client's
    /// market. Added in protocol 3.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub region: Option<String>,
    /// Industry as the source names it, in snake case (`health_beauty`, `alcohol`), or `all` for an all-industry
    /// figure.
    pub industry: String,
    /// Metric id: `er_followers_per_post`, `er_impressions`, `er_reach`, `er_views`, `posts_per_week`,
    /// `response_rate` or `response_time_hours`.
    pub metric: String,
    /// Which actions the source counts as engagement (or what is counted, for other metrics), in words.
    pub actions: String,
    /// What the metric is divided by: `followers`, `impressions`, `reach`, `views`, `messages` (response rate),
    /// `week` (posts per week) or `none` (durations).
    pub denominator: String,
    /// How the source aggregates: `median` (over companies), `mean`, or `unstated`.
    pub statistic: String,
    /// The figure; rates as fractions (see the type docs).
    pub value: f64,
    /// How many companies, profiles or messages the figure rests on, when the source says.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sample_size: Option<u64>,
    /// Address of the public page the figure was taken from (`https://…`).
    pub url: String,
    /// Caveats: a re-post, a statistic the source leaves unstated, what the figure is compared with.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}
