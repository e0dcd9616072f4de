//! The report's conversations section, from a stored run's conversation figures: the data period, how fast each
//! brand first answered its customers' messages (a [`ShareChart`] of first-response times bucketed < 1 h,
//! 1–4 h, 4–24 h, > 24 h and unanswered, drawn by `chuxin-chart`), the response-rate comparison (the client,
//! each competitor, the competitors' median) and the unanswered messages by platform.
//!
//! The buckets come from the run's own metrics over the whole window (`docs/metrics.md`): `answered_within_1h`,
//! `answered_within_4h`, `answered_within_24h` and `response_rate`, each a share of the brand's inbound messages,
//! so < 1 h = within 1 h, 1–4 h = within 4 h − within 1 h, 4–24 h = within 24 h − within 4 h, > 24 h = response
//! rate − within 24 h, unanswered = 100% − response rate. A run without conversation data gives the one line
//! saying which export fills the section.

use chuxin_bench::BenchRun;
use chuxin_bench::compare::Comparison;
use chuxin_chart::ShareChart;
use chuxin_core::{Lang, msg};
use serde::Serialize;

use crate::figures::{metric_name, platform_name, unit_label};
use crate::input::{BenchTable, Cell};

/// The conversations section as shown.
#[derive(Debug, Clone, Default, Serialize)]
pub struct ConversationsOut {
    /// The line that replaces the section when the run has no conversation export (which export fills it).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub missing: Option<String>,
    /// The data period (`Data period 2024-01-01 – 2024-03-31`).
    pub period: String,
    /// Each brand's first-response buckets, in % of its inbound messages: `[< 1 h, 1–4 h, 4–24 h, > 24 h,
    /// unanswered]`.
    pub buckets: Vec<BrandBuckets>,
    /// The response-rate comparison, then the unanswered messages by platform.
    pub tables: Vec<BenchTable>,
    /// The id of the response-time chart in the report's charts.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub chart: Option<String>,
}

/// One brand's first-response distribution.
#[derive(Debug, Clone, Default, Serialize)]
pub struct BrandBuckets {
    /// The brand.
    pub brand: String,
    /// True for the client.
    pub client: bool,
    /// Its inbound messages in the window.
    pub inbound: f64,
    /// % of them first answered within 1 hour, 1–4 hours, 4–24 hours, after 24 hours, and never.
    pub shares: [f64; 5],
}

/// The chart id of the response-time distribution.
pub const CHART_ID: &str = "conversations-response-time";

fn value(c: &Comparison, metric: &str, brand: &str) -> Option<f64> {
    c.metric(metric)
        .and_then(|m| m.brands.iter().find(|b| b.brand == brand))
        .and_then(|b| b.value)
}

/// The bucket names, in the report's language.
fn bucket_names(lang: Lang) -> Vec<String> {
    vec![
        msg!(lang, "report.conversations_within_1h"),
        msg!(lang, "report.conversations_1h_4h"),
        msg!(lang, "report.conversations_4h_24h"),
        msg!(lang, "report.conversations_after_24h"),
        msg!(lang, "report.conversations_unanswered"),
    ]
}

/// The section from `run` (none: no benchmark run at all), in `lang`, and its chart.
pub fn section(run: Option<&BenchRun>, lang: Lang) -> (ConversationsOut, Option<(String, ShareChart)>) {
    let missing = || ConversationsOut {
        missing: Some(msg!(lang, "report.no_conversations")),
        ..ConversationsOut::default()
    };
    let Some(run) = run else { return (missing(), None) };
    let has_messages = run
        .overall
        .metric("inbound_messages")
        .is_some_and(|m| m.brands.iter().any(|b| b.value.is_some()));
    if run.conversation.is_none() || !has_messages {
        return (missing(), None);
    }
    let period = run.window.as_ref().map_or_else(String::new, |w| {
        msg!(lang, "report.conversations_period", start = w.start, end = w.end)
    });
    let brands: Vec<&String> = std::iter::once(&run.client).chain(&run.competitors).collect();
    let all = &run.overall;
    let mut buckets = Vec::new();
    for brand in &brands {
        let get = |m: &str| value(all, m, brand);
        let (Some(inbound), Some(rate)) = (get("inbound_messages"), get("response_rate")) else {
            continue;
        };
        let (h1, h4, h24) = (
            get("answered_within_1h").unwrap_or(0.0),
            get("answered_within_4h").unwrap_or(0.0),
            get("answered_within_24h").unwrap_or(0.0),
        );
        let clean = |v: f64| if v.abs() < 1e-9 { 0.0 } else { v };
        buckets.push(BrandBuckets {
            brand: (*brand).clone(),
            client: **brand == run.client,
            inbound,
            shares: [h1, h4 - h1, h24 - h4, rate - h24, 100.0 - rate].map(clean),
        });
    }
    // The response-rate comparison: the client, each competitor, the competitors' median.
    let metrics = [
        "response_rate",
        "median_response_minutes",
        "p90_response_minutes",
        "answered_within_24h",
        "inbound_messages",
        "unanswered_messages",
    ];
    let mut rows: Vec<Vec<Cell>> = brands
        .iter()
        .map(|b| {
            std::iter::once(Cell::Text((*b).clone()))
                .chain(metrics.iter().map(|m| Cell::metric(m, value(all, m, b), lang)))
                .collect()
        })
        .collect();
    rows.push(
        std::iter::once(Cell::Text(msg!(lang, "bench_section.competitor_median")))
            .chain(
                metrics
                    .iter()
                    .map(|m| Cell::metric(m, all.metric(m).and_then(|x| x.competitor_median), lang)),
            )
            .collect(),
    );
    let mut tables = vec![BenchTable {
        id: "conversations-response".into(),
        title: msg!(lang, "report.conversations_response_table"),
        columns: std::iter::once(msg!(lang, "bench_section.brand"))
            .chain(metrics.iter().map(|m| match unit_label(m, lang) {
                Some(u) => format!("{} ({u})", metric_name(m, lang)),
                None => metric_name(m, lang),
            }))
            .collect(),
        rows,
        highlight: Some(0),
    }];
    // Unanswered messages by platform, one column a brand.
    let by_platform: Vec<Vec<Cell>> = run
        .by_platform
        .iter()
        .filter(|c| brands.iter().any(|b| value(c, "inbound_messages", b).is_some()))
        .map(|c| {
            std::iter::once(Cell::Text(platform_name(
                c.platform.as_deref().unwrap_or_default(),
                lang,
            )))
            .chain(
                brands
                    .iter()
                    .map(|b| Cell::metric("unanswered_messages", value(c, "unanswered_messages", b), lang)),
            )
            .collect()
        })
        .collect();
    if !by_platform.is_empty() {
        tables.push(BenchTable {
            id: "conversations-unanswered".into(),
            title: msg!(lang, "report.conversations_unanswered_table"),
            columns: std::iter::once(msg!(lang, "report.conversations_platform"))
                .chain(brands.iter().map(|b| (*b).clone()))
                .collect(),
            rows: by_platform,
            highlight: None,
        });
    }
    let chart = (!buckets.is_empty()).then(|| {
        let names = bucket_names(lang);
        (
            CHART_ID.to_string(),
            ShareChart {
                title: msg!(lang, "report.conversations_chart"),
                parts: names,
                last_is_rest: true,
                rows: buckets
                    .iter()
                    .map(|b| {
                        (
                            b.brand.clone(),
                            b.shares.iter().map(|s| s / 100.0).collect(),
                            format!("{:.0} {}", b.inbound, msg!(lang, "report.conversations_messages")),
                        )
                    })
                    .collect(),
                highlight: Some(run.client.clone()),
            },
        )
    });
    let out = ConversationsOut {
        missing: None,
        period,
        buckets,
        tables,
        chart: chart.as_ref().map(|(id, _)| id.clone()),
    };
    (out, chart)
}
