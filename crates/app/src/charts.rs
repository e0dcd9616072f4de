//! The charts of a benchmark run (bars by platform, the trend, the frequency × engagement quadrant) and of an
//! audit's section scores (the radar), as `chuxin-chart` descriptions and as files.

use crate::error::{AppError, Result};
use crate::figures::metric_name;
use crate::observer::Observer;
use chuxin_bench::compare::Comparison;
use chuxin_chart::{BarChart, Bubble, BubbleChart, Chart, LineChart, RadarChart, Renderer};
use chuxin_core::{Lang, Scorecard};
use chuxin_store::{BenchRun, write_atomic};
use std::path::{Path, PathBuf};

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

/// The charts of a benchmark (and of the audit's section scores, when given), with a file stem each.
pub fn charts(record: &BenchRun, scorecard: Option<&Scorecard>, lang: Lang) -> Vec<(String, Chart)> {
    let t = |a: &'static str, b: &'static str, c: &'static str| lang.pick(a, b, c).to_string();
    let mut out = Vec::new();
    let er = best_er(record);
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
                title: format!("{} · {}", metric_name(er, lang), t("各平台", "各平台", "by platform")),
                y_label: if er.starts_with("er_") {
                    "%".into()
                } else {
                    metric_name(er, lang)
                },
                categories: platforms
                    .iter()
                    .map(|c| c.platform.clone().unwrap_or_default())
                    .collect(),
                series: brands
                    .iter()
                    .map(|b| (b.clone(), platforms.iter().map(|c| value(c, er, b)).collect()))
                    .collect(),
                highlight: Some(record.client.clone()),
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
                    t("趨勢", "趋势", "over time")
                ),
                y_label: metric_name(&record.series.metric, lang),
                x_labels: record.series.periods.clone(),
                lines: record.series.lines.clone(),
                highlight: Some(record.client.clone()),
            }),
        ));
    }
    let bubbles: Vec<Bubble> = brands
        .iter()
        .filter_map(|b| {
            let x = value(&record.overall, "posts_per_week", b)?;
            let y = value(&record.overall, er, b)?;
            let size = value(&record.overall, "followers", b)
                .or_else(|| value(&record.overall, "posts", b))
                .unwrap_or(1.0);
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
                title: t(
                    "發文頻率 × 互動率",
                    "发文频率 × 互动率",
                    "Posting frequency × engagement",
                ),
                x_label: metric_name("posts_per_week", lang),
                y_label: metric_name(er, lang),
                bubbles,
                x_line: median("posts_per_week"),
                y_line: median(er),
                quadrant_labels: Some([
                    t("潛力", "潜力", "Potential"),
                    t("優秀", "优秀", "Excellent"),
                    t("沉默", "沉默", "Silent"),
                    t("活躍", "活跃", "Active"),
                ]),
                highlight: Some(record.client.clone()),
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
        title: lang.pick("各區塊分數", "各板块分数", "Section scores").to_string(),
        axes: card
            .sections
            .iter()
            .map(|s| (s.title.get(lang).to_string(), s.score.unwrap_or(0.0)))
            .collect(),
        max: 100.0,
    }
}

/// Draws every chart of a run (and the radar of `card`, when given) into `dir`: SVG always, PNG when a CJK font
/// is available (else the observer is told once, and the SVG files stand).
pub fn draw_charts(
    record: &BenchRun,
    card: Option<&Scorecard>,
    lang: Lang,
    dir: &Path,
    font: Option<&Path>,
    observer: &dyn Observer,
) -> Result<Vec<PathBuf>> {
    let renderer = Renderer::new(font);
    let mut written = Vec::new();
    let mut png_warned = false;
    for (stem, chart) in charts(record, card, lang) {
        let svg = dir.join(format!("{stem}.svg"));
        let text = renderer.svg_string(&chart).map_err(|source| AppError::Draw {
            stem: stem.clone(),
            source,
        })?;
        write_atomic(&svg, text.as_bytes()).map_err(AppError::io("write", &svg))?;
        written.push(svg);
        // The PNG is drawn beside its final name and renamed over it, so a reader never sees half a picture.
        let png = dir.join(format!("{stem}.png"));
        let partial = dir.join(format!(".{stem}.partial.png"));
        let drawn = match renderer.write_png(&chart, &partial) {
            Ok(()) => std::fs::rename(&partial, &png).map_err(|e| format!("cannot write `{}`: {e}", png.display())),
            Err(e) => Err(chuxin_plugin_host::error_chain(&e)),
        };
        match drawn {
            Ok(()) => written.push(png),
            Err(e) if !png_warned => {
                let _ = std::fs::remove_file(&partial);
                observer.warning(&format!("PNG charts skipped (SVG written): {e}"));
                png_warned = true;
            }
            Err(_) => {
                let _ = std::fs::remove_file(&partial);
            }
        }
    }
    Ok(written)
}
