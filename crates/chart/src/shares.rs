//! A page chart of how each row's whole divides into ordered parts: one 100% stacked horizontal bar per row
//! (a brand's inbound messages, divided by how fast they were first answered), the parts coloured from good to
//! bad, a legend naming them, each part wide enough labelled with its share, and the row's whole written after
//! its bar.
//!
//! Like the rest of [`crate::page`], it is drawn in [`crate::page::page`]'s frame with plotters' SVG backend
//! straight onto pixels, with no font file, and its text names the charts' font list. The result is an
//! `<svg class="chart">` with `role="img"` and the title as its `aria-label`; all text is escaped.

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

use crate::ChartError;
use crate::page::{Area, INK, MUTED, Res, WIDTH, bold_text, err, page, text};

/// The parts' colours, in order: good (dark green) to bad (red), then grey for the last part when the chart
/// says it is the unmeasured rest ([`ShareChart::last_is_rest`]).
const PARTS: [RGBColor; 5] = [
    RGBColor(0x1a, 0x7f, 0x37),
    RGBColor(0x74, 0xb8, 0x4a),
    RGBColor(0xe3, 0xb3, 0x41),
    RGBColor(0xd8, 0x6b, 0x2c),
    RGBColor(0xb4, 0x23, 0x18),
];
/// The unmeasured rest.
const REST: RGBColor = RGBColor(0xaf, 0xb8, 0xc1);

/// Rows divided into ordered parts, each row's shares summing to one.
#[derive(Debug, Clone, PartialEq)]
pub struct ShareChart {
    /// Title (the accessible name).
    pub title: String,
    /// The parts, in order (the legend); at most five, plus the rest when `last_is_rest`.
    pub parts: Vec<String>,
    /// Whether the last part is a rest (drawn grey, such as messages never answered).
    pub last_is_rest: bool,
    /// One bar per row: its label, one share (0–1) per part, and the whole as text, written after the bar.
    pub rows: Vec<(String, Vec<f64>, String)>,
    /// The row drawn with its label in bold (the client).
    pub highlight: Option<String>,
}

fn colour(chart: &ShareChart, part: usize) -> RGBColor {
    if chart.last_is_rest && part + 1 == chart.parts.len() {
        REST
    } else {
        PARTS[part.min(PARTS.len() - 1)]
    }
}

/// Draws the chart as an SVG element for a page; an error when it has no row, no part, or a row whose shares do
/// not match the parts.
pub fn stacked_bars(chart: &ShareChart) -> Result<String, ChartError> {
    let ragged = chart.rows.iter().any(|(_, v, _)| v.len() != chart.parts.len());
    if chart.rows.is_empty() || chart.parts.is_empty() || ragged {
        return Err(ChartError::NoData(chart.title.clone()));
    }
    let (label_w, bar_w, row_h) = (170, 470.0, 34);
    let height = 56 + chart.rows.len() as u32 * row_h as u32;
    page(&chart.title, height, |area| {
        draw(area, chart, (label_w, bar_w, row_h), height)
    })
}

fn draw(area: &Area<'_>, chart: &ShareChart, (label_w, bar_w, row_h): (i32, f64, i32), height: u32) -> Res {
    for (i, (label, shares, whole)) in chart.rows.iter().enumerate() {
        let top = 10 + i as i32 * row_h;
        let bold = chart.highlight.as_deref() == Some(label.as_str());
        let style = if bold {
            bold_text(12.5, &INK, HPos::Right, VPos::Center)
        } else {
            text(12.5, &INK, HPos::Right, VPos::Center)
        };
        area.draw(&Text::new(label.as_str(), (label_w - 10, top + 12), style))
            .map_err(err)?;
        let mut x = f64::from(label_w);
        for (p, share) in shares.iter().enumerate() {
            let width = share.clamp(0.0, 1.0) * bar_w;
            let (a, b) = (x.round() as i32, (x + width).round() as i32);
            if b > a {
                area.draw(&Rectangle::new(
                    [(a, top + 2), (b, top + 22)],
                    colour(chart, p).filled(),
                ))
                .map_err(err)?;
            }
            if *share >= 0.06 {
                area.draw(&Text::new(
                    format!("{:.0}%", share * 100.0),
                    ((a + b) / 2, top + 12),
                    text(10.0, &WHITE, HPos::Center, VPos::Center),
                ))
                .map_err(err)?;
            }
            x += width;
        }
        area.draw(&Text::new(
            whole.as_str(),
            (label_w + bar_w as i32 + 8, top + 12),
            text(11.0, &MUTED, HPos::Left, VPos::Center),
        ))
        .map_err(err)?;
    }
    // The legend, one swatch per part, along the bottom.
    let y = height as i32 - 16;
    let step = ((WIDTH as i32 - 32) / chart.parts.len() as i32).min(150);
    for (p, name) in chart.parts.iter().enumerate() {
        let x = 16 + step * p as i32;
        area.draw(&Rectangle::new(
            [(x, y - 9), (x + 14, y + 1)],
            colour(chart, p).filled(),
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

#[cfg(test)]
mod tests {
    use super::*;

    fn chart() -> ShareChart {
        ShareChart {
            title: "首次回覆 <時間>".into(),
            parts: vec!["< 1 h".into(), "1–4 h".into(), "unanswered".into()],
            last_is_rest: true,
            rows: vec![
                ("蓮心茶飲".into(), vec![0.5, 0.25, 0.25], "4".into()),
                ("A&B".into(), vec![0.0, 0.0, 1.0], "2".into()),
            ],
            highlight: Some("蓮心茶飲".into()),
        }
    }

    #[test]
    fn shares_are_drawn_to_scale_and_labelled() {
        let svg = stacked_bars(&chart()).unwrap();
        assert!(svg.starts_with(r#"<svg class="chart""#));
        assert!(svg.contains(r#"aria-label="首次回覆 &lt;時間&gt;""#), "{svg}");
        // 50% of 470 px is 235 px, 25% 117.5: the first bar's first part ends at 170 + 235 = 405.
        assert!(svg.contains(r#"x="170" y="12" width="235""#), "{svg}");
        assert!(svg.contains(r#"x="405" y="12" width="118""#), "{svg}");
        assert!(
            svg.contains("\n50%\n") && svg.contains("\n25%\n") && svg.contains("\n100%\n"),
            "{svg}"
        );
        assert!(svg.contains("A&amp;B") && !svg.contains("A&B"));
        // The rest is grey; the legend names every part.
        assert!(svg.contains("#AFB8C1"), "{svg}");
        assert!(svg.contains("\nunanswered\n") && svg.contains("\n1–4 h\n"));
        // The client's label is bold, the others are not.
        assert_eq!(svg.matches(r#"font-weight="bold""#).count(), 1);
    }

    #[test]
    fn a_chart_without_rows_or_with_ragged_rows_is_refused() {
        let mut empty = chart();
        empty.rows.clear();
        assert!(matches!(stacked_bars(&empty), Err(ChartError::NoData(_))));
        let mut ragged = chart();
        ragged.rows[0].1.pop();
        assert!(stacked_bars(&ragged).is_err());
    }
}
