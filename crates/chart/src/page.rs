//! Charts for a web page: a [`ScoreChart`] as a radar ([`radar`]) or as horizontal bars ([`bars`]), drawn with
//! plotters' SVG backend straight onto pixels, so that no text is measured and no font file is needed.
//!
//! Every `<text>` names the same font list as the chart files (common CJK fonts, then `sans-serif`; see
//! [`crate::Renderer::svg_string`]), so labels render in Chinese in a browser, in rsvg-convert and in
//! ImageMagick alike, inlined or standalone. The result is an `<svg class="chart">` element for inlining: it has
//! an accessible name (`role="img"`, `aria-label` = the title) and no `xmlns`, which HTML does not need. All text
//! is escaped. [`page`] is the frame every page chart is drawn in ([`crate::shares`] too).
//!
//! The last series is the current one, filled in blue with its points marked; earlier series (a previous
//! audit) are grey, dashed on the radar. With more than one series a legend names them. Scores are labelled
//! with one decimal; a missing score is drawn at zero and labelled `—`.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use crate::{ChartError, ScoreChart};

/// The current series.
const CURRENT: RGBColor = RGBColor(0x1f, 0x6f, 0xeb);
/// Earlier series.
const EARLIER: RGBColor = RGBColor(0x8c, 0x95, 0x9f);
/// Grid lines.
pub(crate) const GRID: RGBColor = RGBColor(0xd0, 0xd7, 0xde);
/// Labels.
pub(crate) const INK: RGBColor = RGBColor(0x24, 0x29, 0x2f);
/// Tick labels.
pub(crate) const MUTED: RGBColor = RGBColor(0x57, 0x60, 0x6a);
/// Width of every page chart.
pub(crate) const WIDTH: u32 = 760;

pub(crate) type Area<'a> = DrawingArea<SVGBackend<'a>, Shift>;
pub(crate) type Res = Result<(), String>;

pub(crate) fn err<E: std::fmt::Display>(e: E) -> String {
    e.to_string()
}

/// Text of `px` pixels in the generic family, which [`page`] turns into the charts' font list. plotters writes
/// `font-size` as the size divided by 1.24, so sizes are chosen to come out exact (10, 11, 12, 12.5).
pub(crate) fn text(px: f64, colour: &'static RGBColor, h: HPos, v: VPos) -> TextStyle<'static> {
    TextStyle::from(("sans-serif", px * 1.24).into_font())
        .color(colour)
        .pos(Pos::new(h, v))
}

/// As [`text`], bold and a quarter larger (the highlighted row's label).
pub(crate) fn bold_text(px: f64, colour: &'static RGBColor, h: HPos, v: VPos) -> TextStyle<'static> {
    TextStyle::from(("sans-serif", px * 1.24, FontStyle::Bold).into_font())
        .color(colour)
        .pos(Pos::new(h, v))
}

fn score_label(v: Option<f64>) -> String {
    v.map_or_else(|| "—".to_string(), |v| format!("{v:.1}"))
}

/// Escapes text for XML content and attribute values.
pub(crate) fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

fn colour(chart: &ScoreChart, series: usize) -> RGBColor {
    if series + 1 == chart.series.len() {
        CURRENT
    } else {
        EARLIER
    }
}

/// Draws a page chart titled `title` on an SVG of `WIDTH` × `height`, then gives the root element its
/// accessible name (and drops plotters' `xmlns`), and its text the charts' font list.
pub(crate) fn page(title: &str, height: u32, draw: impl FnOnce(&Area<'_>) -> Res) -> Result<String, ChartError> {
    let failed = |reason| ChartError::Draw {
        title: title.to_string(),
        path: "<svg>".into(),
        reason,
    };
    let mut out = String::new();
    {
        let root = SVGBackend::with_string(&mut out, (WIDTH, height)).into_drawing_area();
        draw(&root).and_then(|()| root.present().map_err(err)).map_err(failed)?;
    }
    let body = out.find('>').map_or("", |i| &out[i + 1..]);
    Ok(crate::portable_svg(
        &format!(
            r#"<svg class="chart" viewBox="0 0 {WIDTH} {height}" width="{WIDTH}" height="{height}" role="img" aria-label="{}">{body}"#,
            escape(title)
        ),
        None,
    ))
}

fn check(chart: &ScoreChart, min_labels: usize) -> Result<(), ChartError> {
    let ragged = chart.series.iter().any(|(_, v)| v.len() != chart.labels.len());
    if chart.labels.len() < min_labels || chart.series.is_empty() || ragged || chart.max <= 0.0 {
        Err(ChartError::NoData(chart.title.clone()))
    } else {
        Ok(())
    }
}

/// A legend with one swatch per series, left to right from `(x, y)`; nothing for a single series.
fn legend(area: &Area<'_>, chart: &ScoreChart, (x, y): (i32, i32)) -> Res {
    if chart.series.len() < 2 {
        return Ok(());
    }
    for (i, (name, _)) in chart.series.iter().enumerate() {
        let x = x + 110 * i as i32;
        area.draw(&Rectangle::new(
            [(x, y - 9), (x + 14, y + 1)],
            colour(chart, i).filled(),
        ))
        .map_err(err)?;
        area.draw(&Text::new(
            name.as_str(),
            (x + 20, y - 4),
            text(12.0, &INK, HPos::Left, VPos::Center),
        ))
        .map_err(err)?;
    }
    Ok(())
}

/// The scores on a radar: one axis per label (three or more), rings at every fifth of `max`, one polygon per
/// series, each axis labelled with its current score.
pub fn radar(chart: &ScoreChart) -> Result<String, ChartError> {
    check(chart, 3)?;
    let height = 440;
    page(&chart.title, height, |area| {
        let (cx, cy, r) = (380.0f64, 220.0f64, 150.0f64);
        let n = chart.labels.len();
        let point = |i: usize, fraction: f64| {
            let a = -std::f64::consts::FRAC_PI_2 + i as f64 * std::f64::consts::TAU / n as f64;
            (
                (cx + r * fraction * a.cos()).round() as i32,
                (cy + r * fraction * a.sin()).round() as i32,
            )
        };
        let grid = GRID.stroke_width(1);
        for ring in 1..=5 {
            let mut ring_points: Vec<_> = (0..n).map(|i| point(i, f64::from(ring) / 5.0)).collect();
            ring_points.push(ring_points[0]);
            area.draw(&PathElement::new(ring_points, grid)).map_err(err)?;
        }
        for i in 0..n {
            area.draw(&PathElement::new(vec![point(i, 0.0), point(i, 1.0)], grid))
                .map_err(err)?;
        }
        for fraction in [0.5, 1.0] {
            let (_, y) = point(0, fraction);
            area.draw(&Text::new(
                format!("{:.0}", chart.max * fraction),
                (cx as i32 + 4, y - 2),
                text(10.0, &MUTED, HPos::Left, VPos::Bottom),
            ))
            .map_err(err)?;
        }
        let fraction = |v: &Option<f64>| (v.unwrap_or(0.0) / chart.max).clamp(0.0, 1.0);
        for (s, (_, values)) in chart.series.iter().enumerate() {
            let c = colour(chart, s);
            let points: Vec<_> = values.iter().enumerate().map(|(i, v)| point(i, fraction(v))).collect();
            let mut outline = points.clone();
            outline.push(points[0]);
            area.draw(&Polygon::new(points.clone(), c.mix(0.2).filled()))
                .map_err(err)?;
            if s + 1 == chart.series.len() {
                area.draw(&PathElement::new(outline, c.stroke_width(2))).map_err(err)?;
                for p in points {
                    area.draw(&Circle::new(p, 4, c.filled())).map_err(err)?;
                }
            } else {
                area.draw(&plotters::element::DashedPathElement::new(
                    outline,
                    6,
                    4,
                    c.stroke_width(2),
                ))
                .map_err(err)?;
            }
        }
        let current = chart.series.last().map(|(_, v)| v.as_slice()).unwrap_or_default();
        for (i, label) in chart.labels.iter().enumerate() {
            let (x, y) = point(i, 1.12);
            let h = if (x - cx as i32).abs() < 1 {
                HPos::Center
            } else if x > cx as i32 {
                HPos::Left
            } else {
                HPos::Right
            };
            let v = if f64::from(y) < cy - r * 0.9 {
                VPos::Bottom
            } else if f64::from(y) > cy + r * 0.9 {
                VPos::Top
            } else {
                VPos::Center
            };
            let score = score_label(current.get(i).copied().flatten());
            area.draw(&Text::new(format!("{label} ({score})"), (x, y), text(12.5, &INK, h, v)))
                .map_err(err)?;
        }
        legend(area, chart, (16, height as i32 - 16))
    })
}

/// The scores as horizontal bars: one row per label (the label on the left), one bar per series in each row,
/// each bar labelled with its score. No labels make an empty chart (nothing scored yet), not an error.
pub fn bars(chart: &ScoreChart) -> Result<String, ChartError> {
    check(chart, 0)?;
    let (label_w, bar_w, row_h) = (230, 420.0, 44);
    let height = 40 + chart.labels.len() as u32 * row_h as u32;
    page(&chart.title, height, |area| {
        let k = chart.series.len() as i32;
        for (i, label) in chart.labels.iter().enumerate() {
            let top = 10 + i as i32 * row_h;
            area.draw(&Text::new(
                label.as_str(),
                (label_w - 10, top + 16),
                text(12.5, &INK, HPos::Right, VPos::Center),
            ))
            .map_err(err)?;
            // Bars 14 high, 2 apart, centred in the row.
            let first = top + 19 - (k * 16 - 2) / 2;
            for (s, (_, values)) in chart.series.iter().enumerate() {
                let v = values[i];
                let y = first + s as i32 * 16;
                let width = (v.unwrap_or(0.0) / chart.max).clamp(0.0, 1.0) * bar_w;
                let end = label_w + width.round() as i32;
                area.draw(&Rectangle::new(
                    [(label_w, y), (end, y + 14)],
                    colour(chart, s).filled(),
                ))
                .map_err(err)?;
                area.draw(&Text::new(
                    score_label(v),
                    (end + 6, y + 7),
                    text(11.0, &INK, HPos::Left, VPos::Center),
                ))
                .map_err(err)?;
            }
        }
        legend(area, chart, (16, height as i32 - 8))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scores(series: usize) -> ScoreChart {
        let all = [
            ("上次", vec![Some(40.0), Some(55.0), None, Some(70.0)]),
            ("本次", vec![Some(62.5), Some(50.0), Some(80.0), None]),
        ];
        ScoreChart {
            title: "各區塊 <分數> & \"雷達\"".into(),
            labels: vec![
                "環境 Env".into(),
                "运营 <b>Ops</b>".into(),
                "執行".into(),
                "Tom's".into(),
            ],
            series: all[2 - series..]
                .iter()
                .map(|(name, v)| (name.to_string(), v.clone()))
                .collect(),
            max: 100.0,
        }
    }

    fn parse(svg: &str) -> roxmltree::Document<'_> {
        roxmltree::Document::parse(svg).expect("well-formed XML")
    }

    fn texts(doc: &roxmltree::Document<'_>) -> Vec<String> {
        doc.descendants()
            .filter(|n| n.has_tag_name("text"))
            .map(|n| n.text().unwrap_or("").trim().to_string())
            .collect()
    }

    fn count(doc: &roxmltree::Document<'_>, tag: &str) -> usize {
        doc.descendants().filter(|n| n.has_tag_name(tag)).count()
    }

    #[test]
    fn radar_has_a_polygon_per_series_the_labels_and_a_legend() {
        let svg = radar(&scores(2)).unwrap();
        let doc = parse(&svg);
        let root = doc.root_element();
        assert_eq!(root.tag_name().name(), "svg");
        assert_eq!(root.attribute("role"), Some("img"));
        assert_eq!(root.attribute("class"), Some("chart"));
        assert_eq!(root.attribute("aria-label"), Some("各區塊 <分數> & \"雷達\""));
        assert!(!svg.contains("xmlns"), "inline SVG needs no namespace");
        assert_eq!(count(&doc, "polygon"), 2, "one filled polygon per series");
        assert_eq!(count(&doc, "circle"), 4, "the current series' points");
        let found = texts(&doc);
        for want in [
            "環境 Env (62.5)",
            "运营 <b>Ops</b> (50.0)",
            "執行 (80.0)",
            "Tom's (—)",
            "50",
            "100",
            "上次",
            "本次",
        ] {
            assert!(found.iter().any(|t| t == want), "no text `{want}` in {found:?}");
        }
        assert!(svg.contains("&lt;b&gt;Ops&lt;/b&gt;"), "user text is escaped");
        assert!(!svg.contains("<b>"));
    }

    #[test]
    fn text_names_the_charts_font_list_and_needs_no_font_file() {
        // No font is registered in this test: the page charts never measure text.
        for svg in [radar(&scores(1)).unwrap(), bars(&scores(2)).unwrap()] {
            let doc = parse(&svg);
            let texts: Vec<_> = doc.descendants().filter(|n| n.has_tag_name("text")).collect();
            assert!(!texts.is_empty());
            for t in texts {
                let style = t.attribute("style").unwrap_or("");
                assert!(
                    style.starts_with("font-family: 'Noto Sans CJK TC', ") && style.ends_with(", sans-serif"),
                    "{style}"
                );
                assert_eq!(t.attribute("font-family"), Some("sans-serif"));
            }
            assert!(!svg.contains("inherit"));
        }
    }

    #[test]
    fn radar_of_one_series_has_no_legend() {
        let doc_svg = radar(&scores(1)).unwrap();
        let doc = parse(&doc_svg);
        assert_eq!(count(&doc, "polygon"), 1);
        let found = texts(&doc);
        assert!(!found.iter().any(|t| t == "上次" || t == "本次"), "{found:?}");
    }

    #[test]
    fn bars_draw_one_bar_per_series_and_row() {
        let svg = bars(&scores(2)).unwrap();
        let doc = parse(&svg);
        let root = doc.root_element();
        assert_eq!(root.attribute("height"), Some("216"), "40 + 4 rows of 44");
        // 8 bars and 2 legend swatches.
        assert_eq!(count(&doc, "rect"), 10);
        let widths: Vec<_> = doc
            .descendants()
            .filter(|n| n.has_tag_name("rect"))
            .take(2)
            .map(|n| n.attribute("width").unwrap().parse::<i32>().unwrap())
            .collect();
        assert_eq!(widths, [168, 263], "40 and 62.5 of 100 on 420 pixels");
        let found = texts(&doc);
        for want in ["環境 Env", "Tom's", "40.0", "62.5", "—", "上次", "本次"] {
            assert!(found.iter().any(|t| t == want), "no text `{want}` in {found:?}");
        }
        assert!(svg.contains("运营 &lt;b&gt;Ops&lt;/b&gt;"));
    }

    #[test]
    fn too_little_to_draw_is_an_error() {
        let mut two = scores(2);
        two.labels.truncate(2);
        two.series.iter_mut().for_each(|(_, v)| v.truncate(2));
        assert!(matches!(radar(&two), Err(ChartError::NoData(_))));
        assert!(bars(&two).is_ok());
        let empty = ScoreChart {
            labels: Vec::new(),
            series: vec![("本次".into(), Vec::new())],
            ..scores(1)
        };
        assert!(parse(&bars(&empty).unwrap()).root_element().attribute("height") == Some("40"));
        let mut ragged = scores(2);
        ragged.series[0].1.pop();
        assert!(matches!(bars(&ragged), Err(ChartError::NoData(_))));
        let none = ScoreChart {
            series: Vec::new(),
            ..scores(1)
        };
        assert!(matches!(bars(&none), Err(ChartError::NoData(_))));
    }
}
