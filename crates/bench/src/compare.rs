//! Comparing a client with its competitor set, and with industry reference rows.
//!
//! For each metric: each brand's value; the **competitor average** (mean without the client) and the
//! **landscape average** (mean with it), after Rival IQ's definitions; both medians; the client's rank,
//! percentile among competitors, and index (client ÷ competitor median × 100, the industry = 100
//! convention of TrueSocialMetrics). Reference rows (published benchmarks, passed in as data) are
//! attached to a metric only when their metric, denominator and platform all agree with it, and each is
//! shown on its own: rows from different sources are never averaged or ranked together.

use serde::{Deserialize, Serialize};

use crate::civil::PeriodKey;
use crate::field::normalise_platform;
use crate::metrics::aggregate::{Aggregation, median};
use crate::metrics::registry::{Better, METRICS, Unit};

/// One published benchmark figure: the plugin protocol's record itself (one definition, shared with the
/// plugins that publish them, so no conversion can drop a row).
///
/// Rates are fractions (`0.0006` for 0.06 %), durations hours; [`crate::metrics::ReferenceKey::scale`]
/// converts them to the metric's unit.
pub use chuxin_plugin_api::ReferenceRow;

/// A reference row that matched a metric.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReferenceMatch {
    /// The row as given.
    pub row: ReferenceRow,
    /// The row's value in the metric's unit (e.g. percent).
    pub value: f64,
    /// Client ÷ this value × 100.
    pub client_index: Option<f64>,
}

/// One brand's value of a metric.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BrandValue {
    /// Brand.
    pub brand: String,
    /// Whether this is the client.
    pub client: bool,
    /// The value, when the brand's data allows it.
    pub value: Option<f64>,
    /// Posts behind it.
    pub posts: u64,
}

/// The comparison of one metric.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MetricComparison {
    /// Metric id.
    pub metric: String,
    /// Unit.
    pub unit: Unit,
    /// Direction used for rank and percentile.
    pub better: Better,
    /// The client's value.
    pub client: Option<f64>,
    /// Every brand, the client first, then competitors in the order given.
    pub brands: Vec<BrandValue>,
    /// Mean over competitors with a value (client excluded).
    pub competitor_average: Option<f64>,
    /// Mean over all brands with a value (client included).
    pub landscape_average: Option<f64>,
    /// Median over competitors.
    pub competitor_median: Option<f64>,
    /// Median over all brands.
    pub landscape_median: Option<f64>,
    /// Client's rank among brands with a value, 1 = best.
    pub rank: Option<usize>,
    /// How many brands were ranked.
    pub ranked: usize,
    /// Share of competitors the client does better than (ties count half), 0–100.
    pub percentile: Option<f64>,
    /// Client ÷ competitor median × 100 (only when both are non-negative and the median is positive).
    pub index: Option<f64>,
    /// Matching reference rows, each on its own.
    pub references: Vec<ReferenceMatch>,
}

/// A client against its competitors on one platform (or all) and one period (or the whole window).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Comparison {
    /// The client brand.
    pub client: String,
    /// The competitors, as given.
    pub competitors: Vec<String>,
    /// Brands asked for (client or competitors) that have no data in this scope.
    pub missing: Vec<String>,
    /// Platform compared; `None` = all platforms.
    pub platform: Option<String>,
    /// Period compared; `None` = whole window.
    pub period: Option<PeriodKey>,
    /// One entry per registry metric that any brand has a value for, in registry order.
    pub metrics: Vec<MetricComparison>,
}

impl Comparison {
    /// The comparison of metric `id`.
    pub fn metric(&self, id: &str) -> Option<&MetricComparison> {
        self.metrics.iter().find(|m| m.metric == id)
    }
}

fn mean(xs: &[f64]) -> Option<f64> {
    (!xs.is_empty()).then(|| xs.iter().sum::<f64>() / xs.len() as f64)
}

/// Compares `client` with `competitors` in one scope of `aggregation`.
///
/// `references` should hold the rows for the client's industry (and `all`); only rows whose metric,
/// denominator and platform agree with a metric are attached to it.
pub fn compare(
    client: &str,
    competitors: &[String],
    aggregation: &Aggregation,
    platform: Option<&str>,
    period: Option<PeriodKey>,
    references: &[ReferenceRow],
) -> Comparison {
    let platform = platform.map(normalise_platform);
    let brands: Vec<(&str, bool)> = std::iter::once((client, true))
        .chain(
            competitors
                .iter()
                .filter(|c| c.as_str() != client)
                .map(|c| (c.as_str(), false)),
        )
        .collect();
    let groups: Vec<_> = brands
        .iter()
        .map(|(b, _)| aggregation.get(b, platform.as_deref(), period))
        .collect();
    let missing = brands
        .iter()
        .zip(&groups)
        .filter(|(_, g)| g.is_none())
        .map(|((b, _), _)| b.to_string())
        .collect();
    let mut metrics = Vec::new();
    for def in METRICS {
        let values: Vec<BrandValue> = brands
            .iter()
            .zip(&groups)
            .map(|((b, is_client), g)| BrandValue {
                brand: b.to_string(),
                client: *is_client,
                value: g.and_then(|g| g.get(def.id)),
                posts: g.map_or(0, |g| g.posts),
            })
            .collect();
        if values.iter().all(|v| v.value.is_none()) {
            continue;
        }
        let client_value = values[0].value;
        let comp: Vec<f64> = values.iter().skip(1).filter_map(|v| v.value).collect();
        let all: Vec<f64> = values.iter().filter_map(|v| v.value).collect();
        let competitor_median = median(&comp);
        let better_than = |a: f64, b: f64| match def.better {
            Better::Lower => a < b,
            Better::Higher | Better::Neither => a > b,
        };
        let (rank, percentile) = match client_value {
            Some(c) => {
                let rank = 1 + comp.iter().filter(|x| better_than(**x, c)).count();
                let percentile = (!comp.is_empty()).then(|| {
                    let worse = comp.iter().filter(|x| better_than(c, **x)).count() as f64;
                    let ties = comp.iter().filter(|x| **x == c).count() as f64;
                    (worse + ties / 2.0) / comp.len() as f64 * 100.0
                });
                (Some(rank), percentile)
            }
            None => (None, None),
        };
        // An index only means something for values that cannot be negative.
        let index = match (client_value, competitor_median) {
            (Some(c), Some(m)) if m > 0.0 && c >= 0.0 => Some(c / m * 100.0),
            _ => None,
        };
        let matched = match (def.reference, platform.as_deref()) {
            (Some(key), Some(p)) => references
                .iter()
                .filter(|r| {
                    r.metric == key.metric
                        && r.denominator.trim().eq_ignore_ascii_case(key.denominator)
                        && normalise_platform(&r.platform) == p
                })
                .map(|r| {
                    let value = r.value * key.scale;
                    ReferenceMatch {
                        row: r.clone(),
                        value,
                        client_index: client_value.filter(|_| value != 0.0).map(|c| c / value * 100.0),
                    }
                })
                .collect(),
            _ => Vec::new(),
        };
        metrics.push(MetricComparison {
            metric: def.id.to_string(),
            unit: def.unit,
            better: def.better,
            client: client_value,
            competitor_average: mean(&comp),
            landscape_average: mean(&all),
            competitor_median,
            landscape_median: median(&all),
            rank,
            ranked: all.len(),
            percentile,
            index,
            references: matched,
            brands: values,
        });
    }
    Comparison {
        client: client.to_string(),
        competitors: competitors.to_vec(),
        missing,
        platform,
        period,
        metrics,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_metric_a_reference_row_may_name_is_matched_by_the_registry() {
        // The protocol's list (what `plugins check` accepts) and the registry's reference keys are one set: a
        // row a plugin may publish is never silently left unmatched.
        let mut keys: Vec<&str> = METRICS.iter().filter_map(|m| m.reference.map(|r| r.metric)).collect();
        keys.sort_unstable();
        keys.dedup();
        let mut protocol = chuxin_plugin_api::reference::METRICS.to_vec();
        protocol.sort_unstable();
        assert_eq!(keys, protocol);
    }
    use crate::civil::DateTime;
    use crate::metrics::{AggregateOptions, aggregate};
    use crate::model::Post;

    fn posts() -> Vec<Post> {
        let mut out = Vec::new();
        for (brand, likes, n) in [("client", 10.0, 2), ("c1", 20.0, 1), ("c2", 40.0, 1), ("c3", 80.0, 1)] {
            for i in 0..n {
                let mut p = Post::new(brand, "instagram", DateTime::from_ymd(2024, 1, 1 + i).unwrap());
                p.likes = Some(likes);
                p.comments = Some(0.0);
                p.followers = Some(1000.0);
                out.push(p);
            }
        }
        out
    }

    fn reference(platform: &str, denominator: &str, value: f64) -> ReferenceRow {
        ReferenceRow {
            source: "Rival IQ".into(),
            report_year: 2023,
            data_year: Some("2022".into()),
            platform: platform.into(),
            region: Some("global".into()),
            industry: "all".into(),
            metric: "er_followers_per_post".into(),
            actions: "likes + comments".into(),
            denominator: denominator.into(),
            statistic: "median".into(),
            value,
            sample_size: None,
            url: "https://example.invalid".into(),
            note: None,
        }
    }

    #[test]
    fn averages_medians_rank_index() {
        let agg = aggregate(&posts(), &[], &AggregateOptions::default());
        let comps: Vec<String> = ["c1", "c2", "c3", "nobody"].iter().map(|s| s.to_string()).collect();
        let refs = [
            reference("instagram", "followers", 0.0047),
            reference("instagram", "reach", 0.03),
            reference("facebook", "followers", 0.0006),
        ];
        let c = compare("client", &comps, &agg, Some("Instagram"), None, &refs);
        assert_eq!(c.missing, vec!["nobody".to_string()]);
        let m = c.metric("interactions_per_post").unwrap();
        assert_eq!(m.client, Some(10.0));
        assert_eq!(m.competitor_average, Some(140.0 / 3.0));
        assert_eq!(m.landscape_average, Some(150.0 / 4.0));
        assert_eq!(m.competitor_median, Some(40.0));
        assert_eq!(m.landscape_median, Some(30.0));
        assert_eq!((m.rank, m.ranked, m.percentile), (Some(4), 4, Some(0.0)));
        assert_eq!(m.index, Some(25.0));
        let er = c.metric("er_followers").unwrap();
        assert_eq!(
            er.references.len(),
            1,
            "only the Instagram row with the followers denominator"
        );
        assert!((er.references[0].value - 0.47).abs() < 1e-12);
        let posts = c.metric("posts").unwrap();
        assert_eq!(posts.rank, Some(1));
    }

    #[test]
    fn no_reference_without_a_platform() {
        let agg = aggregate(&posts(), &[], &AggregateOptions::default());
        let c = compare(
            "client",
            &["c1".to_string()],
            &agg,
            None,
            None,
            &[reference("instagram", "followers", 0.01)],
        );
        assert!(c.metric("er_followers").unwrap().references.is_empty());
    }
}
