//! The charts of a benchmark run (bars by platform, the trend, the frequency × engagement quadrant) and of an
//! audit's section scores (the radar), as `chuxin-chart` descriptions: the report inlines them, `chuxin bench
//! --charts` and the demo draw them to files.
//!
//! Every chart of a run is given the run's one [`palette`] (the client first, then the competitors in the run's
//! order), so a brand has the same colour in every chart of a report and of `bench --charts`, and the client is
//! highlighted in each. A chart added elsewhere for the same run (conversations, say) should take
//! [`palette`] too.

use crate::figures::metric_name;
use chuxin_bench::BenchRun;
use chuxin_bench::compare::Comparison;
use chuxin_chart::{BarChart, Bubble, BubbleChart, Chart, LineChart, Palette, RadarChart};
use chuxin_core::msg;
use chuxin_core::{Lang, Scorecard};

/// The engagement rate the data supports best: by followers, then impressions, reach, views.
fn best_er(record: &BenchRun) -> &'static str {
    ["er_followers", "er_impressions", "er_reach", "er_views"]
        .into_iter()
        .find(|id| {
            record
                .overall
                .metric(id)
                .is_some_and(|m| m.brands.iter().filter(|b| b.value.is_some()).count() >= 2)
        })
        .unwrap_or("interactions_per_post")
}

/// The brand colours of a run: the client first (the accent), then its competitors in the run's order.
pub fn palette(record: &BenchRun) -> Palette {
    Palette::new(Some(&record.client), &record.competitors)
}

/// The charts of a benchmark (and of the audit's section scores, when given), with a file stem each.
pub fn charts(record: &BenchRun, scorecard: Option<&Scorecard>, lang: Lang) -> Vec<(String, Chart)> {
    let mut out = Vec::new();
    let er = best_er(record);
    let palette = palette(record);
    let brands: Vec<String> = std::iter::once(record.client.clone())
        .chain(record.competitors.iter().cloned())
        .collect();
    let value = |c: &Comparison, metric: &str, brand: &str| {
        c.metric(metric)
            .and_then(|m| m.brands.iter().find(|b| b.brand == brand))
            .and_then(|b| b.value)
    };
    let platforms: Vec<&Comparison> = record.by_platform.iter().collect();
    if !platforms.is_empty() {
        out.push((
            format!("bars-{er}"),
            Chart::Bars(BarChart {
                title: format!("{} · {}", metric_name(er, lang), msg!(lang, "chart.by_platform")),
                y_label: if er.starts_with("er_") {
                    "%".into()
                } else {
                    metric_name(er, lang)
                },
                categories: platforms
                    .iter()
                    .map(|c| {
                        c.platform
                            .as_deref()
                            .map_or_else(String::new, |p| crate::figures::platform_name(p, lang))
                    })
                    .collect(),
                series: brands
                    .iter()
                    .map(|b| (b.clone(), platforms.iter().map(|c| value(c, er, b)).collect()))
                    .collect(),
                highlight: Some(record.client.clone()),
                palette: palette.clone(),
            }),
        ));
    }
    if !record.series.periods.is_empty() {
        out.push((
            "lines-interactions".into(),
            Chart::Lines(LineChart {
                title: format!(
                    "{} · {}",
                    metric_name(&record.series.metric, lang),
                    msg!(lang, "chart.over_time")
                ),
                y_label: metric_name(&record.series.metric, lang),
                x_labels: record.series.periods.clone(),
                lines: record.series.lines.clone(),
                highlight: Some(record.client.clone()),
                palette: palette.clone(),
            }),
        ));
    }
    // The bubbles' size: followers when every plotted brand has them, else the posts; one measure for all.
    let plotted =
        |b: &&String| value(&record.overall, "posts_per_week", b).is_some() && value(&record.overall, er, b).is_some();
    let size_metric = ["followers", "posts"].into_iter().find(|m| {
        brands
            .iter()
            .filter(plotted)
            .all(|b| value(&record.overall, m, b).is_some())
    });
    let bubbles: Vec<Bubble> = brands
        .iter()
        .filter_map(|b| {
            let x = value(&record.overall, "posts_per_week", b)?;
            let y = value(&record.overall, er, b)?;
            let size = size_metric.and_then(|m| value(&record.overall, m, b)).unwrap_or(1.0);
            Some(Bubble {
                label: b.clone(),
                x,
                y,
                size,
            })
        })
        .collect();
    if bubbles.len() >= 2 {
        let median = |m: &str| record.overall.metric(m).and_then(|c| c.competitor_median);
        out.push((
            "bubble-quadrant".into(),
            Chart::Bubble(BubbleChart {
                title: msg!(lang, "chart.posting_frequency_engagement"),
                x_label: metric_name("posts_per_week", lang),
                y_label: metric_name(er, lang),
                bubbles,
                x_line: median("posts_per_week"),
                y_line: median(er),
                // x is the posting frequency, y the engagement: top right posts often and engages most.
                quadrant_labels: Some([
                    msg!(lang, "chart.excellent"),
                    msg!(lang, "chart.potential"),
                    msg!(lang, "chart.silent"),
                    msg!(lang, "chart.active"),
                ]),
                highlight: Some(record.client.clone()),
                size_label: size_metric
                    .map(|m| msg!(lang, "chart.bubble_size", metric = metric_name(m, lang)))
                    .unwrap_or_default(),
                palette: palette.clone(),
            }),
        ));
    }
    if let Some(card) = scorecard {
        out.push(("radar-sections".into(), Chart::Radar(radar(card, lang))));
    }
    out
}

/// The radar of an audit's section scores.
pub fn radar(card: &Scorecard, lang: Lang) -> RadarChart {
    RadarChart {
        title: msg!(lang, "report.sections"),
        axes: card
            .sections
            .iter()
            .map(|s| (s.title.get(lang).to_string(), s.score.unwrap_or(0.0)))
            .collect(),
        max: 100.0,
    }
}
