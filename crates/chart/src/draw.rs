//! The drawings. plotters has no grouped bars and no radar, so bars are one `Rectangle` each on an
//! `i32` axis with 1,000 units per category (labels at the category centres), and the radar is drawn
//! with `Polygon` and `PathElement` on a square coordinate system.

use std::path::Path;

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use crate::{BarChart, BubbleChart, Chart, ChartError, LineChart, RadarChart, SIZE};

/// Units per category on the x axis of bars and lines.
const U: i32 = 1000;

/// The client's colour.
const ACCENT: RGBColor = RGBColor(214, 62, 42);

/// Colours for series and other brands.
const PALETTE: [RGBColor; 8] = [
    RGBColor(54, 110, 168),
    RGBColor(90, 160, 90),
    RGBColor(150, 110, 190),
    RGBColor(230, 160, 40),
    RGBColor(40, 160, 170),
    RGBColor(140, 100, 70),
    RGBColor(200, 100, 160),
    RGBColor(120, 120, 120),
];

type Res = Result<(), String>;

fn err<E: std::fmt::Display>(e: E) -> String {
    e.to_string()
}

fn font(size: u32) -> TextStyle<'static> {
    TextStyle::from(("sans-serif", size).into_font())
}

/// Draws `chart` as SVG into `out`.
pub(crate) fn svg(chart: &Chart, out: &mut String) -> Result<(), ChartError> {
    check(chart)?;
    let result = {
        let root = SVGBackend::with_string(out, SIZE).into_drawing_area();
        draw(&root, chart).and_then(|()| root.present().map_err(err))
    };
    result.map_err(|reason| ChartError::Draw {
        title: chart.title().to_string(),
        path: "<svg>".into(),
        reason,
    })
}

/// Draws `chart` as a PNG file.
pub(crate) fn png(chart: &Chart, path: &Path) -> Result<(), ChartError> {
    check(chart)?;
    let root = BitMapBackend::new(path, SIZE).into_drawing_area();
    draw(&root, chart)
        .and_then(|()| root.present().map_err(err))
        .map_err(|reason| ChartError::Draw {
            title: chart.title().to_string(),
            path: path.display().to_string(),
            reason,
        })
}

fn check(chart: &Chart) -> Result<(), ChartError> {
    let empty = match chart {
        Chart::Bars(c) => c.categories.is_empty() || c.series.iter().all(|(_, v)| v.iter().all(Option::is_none)),
        Chart::Lines(c) => c.x_labels.is_empty() || c.lines.iter().all(|(_, v)| v.iter().all(Option::is_none)),
        Chart::Bubble(c) => c.bubbles.is_empty(),
        Chart::Radar(c) => c.axes.len() < 3 || c.max <= 0.0,
    };
    if empty {
        Err(ChartError::NoData(chart.title().to_string()))
    } else {
        Ok(())
    }
}

fn draw<DB: DrawingBackend>(root: &DrawingArea<DB, Shift>, chart: &Chart) -> Res {
    root.fill(&WHITE).map_err(err)?;
    match chart {
        Chart::Bars(c) => bars(root, c),
        Chart::Lines(c) => lines(root, c),
        Chart::Bubble(c) => bubble(root, c),
        Chart::Radar(c) => radar(root, c),
    }
}

/// Lower and upper bounds for values, with headroom, always including zero.
fn value_range(values: impl Iterator<Item = f64>) -> (f64, f64) {
    let (mut lo, mut hi) = (0.0f64, 0.0f64);
    for v in values.filter(|v| v.is_finite()) {
        lo = lo.min(v);
        hi = hi.max(v);
    }
    if hi <= lo {
        hi = lo + 1.0;
    }
    let pad = (hi - lo) * 0.12;
    (if lo < 0.0 { lo - pad } else { 0.0 }, hi + pad)
}

fn bars<DB: DrawingBackend>(root: &DrawingArea<DB, Shift>, c: &BarChart) -> Res {
    let n = c.categories.len() as i32;
    let (lo, hi) = value_range(c.series.iter().flat_map(|(_, v)| v.iter().flatten().copied()));
    let centers: Vec<i32> = (0..n).map(|i| i * U + U / 2).collect();
    let mut chart = ChartBuilder::on(root)
        .caption(&c.title, font(26))
        .margin(16)
        .x_label_area_size(44)
        .y_label_area_size(72)
        .build_cartesian_2d((0..n * U).with_key_points(centers), lo..hi)
        .map_err(err)?;
    let categories = c.categories.clone();
    let label = move |x: &i32| -> String {
        let i = (*x / U) as usize;
        categories.get(i).cloned().unwrap_or_default()
    };
    chart
        .configure_mesh()
        .disable_x_mesh()
        .x_label_formatter(&label)
        .x_label_style(font(16))
        .y_label_style(font(14))
        .y_desc(&c.y_label)
        .axis_desc_style(font(16))
        .draw()
        .map_err(err)?;
    let k = c.series.len().max(1) as i32;
    let group_w = U * 8 / 10;
    let bar_w = group_w / k;
    let single = c.series.len() == 1;
    for (s, (name, values)) in c.series.iter().enumerate() {
        let color = if single { PALETTE[0] } else { PALETTE[s % PALETTE.len()] };
        let highlight = c.highlight.clone();
        let categories = &c.categories;
        let rects = values
            .iter()
            .enumerate()
            .filter_map(|(i, v)| v.map(|v| (i, v)))
            .flat_map(|(i, v)| {
                let x0 = i as i32 * U + (U - group_w) / 2 + s as i32 * bar_w;
                let x1 = x0 + bar_w * 9 / 10;
                let is_client = highlight.as_deref() == Some(categories[i].as_str());
                let fill = match (&highlight, is_client, single) {
                    (_, true, true) => ACCENT.filled(),
                    (Some(_), false, false) => color.mix(0.45).filled(),
                    _ => color.filled(),
                };
                let mut out = vec![Rectangle::new([(x0, 0.0), (x1, v)], fill)];
                if is_client {
                    out.push(Rectangle::new([(x0, 0.0), (x1, v)], BLACK.stroke_width(2)));
                }
                out
            });
        let drawn = chart.draw_series(rects).map_err(err)?;
        if !single {
            drawn
                .label(name.as_str())
                .legend(move |(x, y)| Rectangle::new([(x, y - 6), (x + 12, y + 6)], color.filled()));
        }
        // Values above the bars.
        let texts = values
            .iter()
            .enumerate()
            .filter_map(|(i, v)| v.map(|v| (i, v)))
            .map(|(i, v)| {
                let x = i as i32 * U + (U - group_w) / 2 + s as i32 * bar_w + bar_w * 9 / 20;
                Text::new(
                    format_value(v),
                    (x, v),
                    font(12).pos(Pos::new(HPos::Center, VPos::Bottom)),
                )
            });
        chart.draw_series(texts).map_err(err)?;
    }
    if !single {
        chart
            .configure_series_labels()
            .label_font(font(14))
            .background_style(WHITE.mix(0.85))
            .border_style(BLACK.mix(0.4))
            .position(SeriesLabelPosition::UpperRight)
            .draw()
            .map_err(err)?;
    }
    Ok(())
}

/// A short label for a value: three significant digits.
pub(crate) fn format_value(v: f64) -> String {
    let a = v.abs();
    if a >= 1e6 {
        format!("{:.2}M", v / 1e6)
    } else if a >= 1e4 {
        format!("{:.1}k", v / 1e3)
    } else if a >= 100.0 {
        format!("{v:.0}")
    } else if a >= 10.0 {
        format!("{v:.1}")
    } else if a >= 0.1 || a == 0.0 {
        format!("{v:.2}")
    } else {
        format!("{v:.3}")
    }
}

fn lines<DB: DrawingBackend>(root: &DrawingArea<DB, Shift>, c: &LineChart) -> Res {
    let n = c.x_labels.len() as i32;
    let (lo, hi) = value_range(c.lines.iter().flat_map(|(_, v)| v.iter().flatten().copied()));
    // Label at most ~12 periods.
    let step = ((n + 11) / 12).max(1);
    let keys: Vec<i32> = (0..n).filter(|i| i % step == 0).map(|i| i * U).collect();
    let mut chart = ChartBuilder::on(root)
        .caption(&c.title, font(26))
        .margin(16)
        .x_label_area_size(44)
        .y_label_area_size(72)
        .build_cartesian_2d((-U / 2..(n - 1) * U + U / 2).with_key_points(keys), lo..hi)
        .map_err(err)?;
    let labels = c.x_labels.clone();
    let label = move |x: &i32| -> String {
        if x.rem_euclid(U) != 0 {
            return String::new();
        }
        labels.get((*x / U) as usize).cloned().unwrap_or_default()
    };
    chart
        .configure_mesh()
        .x_label_formatter(&label)
        .x_label_style(font(14))
        .y_label_style(font(14))
        .y_desc(&c.y_label)
        .axis_desc_style(font(16))
        .draw()
        .map_err(err)?;
    let mut other = 0;
    for (name, values) in &c.lines {
        let is_client = c.highlight.as_deref() == Some(name.as_str());
        let color = if is_client {
            ACCENT
        } else {
            other += 1;
            PALETTE[(other - 1) % PALETTE.len()]
        };
        let style = color.stroke_width(if is_client { 4 } else { 2 });
        // Split at gaps.
        let mut runs: Vec<Vec<(i32, f64)>> = vec![Vec::new()];
        for (i, v) in values.iter().enumerate() {
            match v {
                Some(v) => runs.last_mut().map_or((), |r| r.push((i as i32 * U, *v))),
                None => runs.push(Vec::new()),
            }
        }
        let mut first = true;
        for run in runs.into_iter().filter(|r| !r.is_empty()) {
            let points = run.clone();
            let drawn = chart.draw_series(LineSeries::new(run, style)).map_err(err)?;
            if first {
                drawn
                    .label(name.as_str())
                    .legend(move |(x, y)| PathElement::new(vec![(x, y), (x + 18, y)], style));
                first = false;
            }
            chart
                .draw_series(
                    points
                        .into_iter()
                        .map(|p| Circle::new(p, if is_client { 4 } else { 3 }, color.filled())),
                )
                .map_err(err)?;
        }
    }
    chart
        .configure_series_labels()
        .label_font(font(14))
        .background_style(WHITE.mix(0.85))
        .border_style(BLACK.mix(0.4))
        .position(SeriesLabelPosition::UpperLeft)
        .draw()
        .map_err(err)?;
    Ok(())
}

fn bubble<DB: DrawingBackend>(root: &DrawingArea<DB, Shift>, c: &BubbleChart) -> Res {
    let (_, xmax) = value_range(c.bubbles.iter().map(|b| b.x).chain(c.x_line));
    let (ylo, ymax) = value_range(c.bubbles.iter().map(|b| b.y).chain(c.y_line));
    let xmax = xmax * 1.1;
    let ymax = ymax * 1.1;
    let mut chart = ChartBuilder::on(root)
        .caption(&c.title, font(26))
        .margin(20)
        .x_label_area_size(48)
        .y_label_area_size(72)
        .build_cartesian_2d(0f64..xmax, ylo..ymax)
        .map_err(err)?;
    chart
        .configure_mesh()
        .x_desc(&c.x_label)
        .y_desc(&c.y_label)
        .axis_desc_style(font(16))
        .x_label_style(font(14))
        .y_label_style(font(14))
        .x_label_formatter(&|v| format_value(*v))
        .y_label_formatter(&|v| format_value(*v))
        .draw()
        .map_err(err)?;
    let dashed = BLACK.mix(0.55).stroke_width(2);
    if let Some(x) = c.x_line {
        chart
            .draw_series(DashedLineSeries::new(vec![(x, ylo), (x, ymax)], 10, 6, dashed))
            .map_err(err)?;
    }
    if let Some(y) = c.y_line {
        chart
            .draw_series(DashedLineSeries::new(vec![(0.0, y), (xmax, y)], 10, 6, dashed))
            .map_err(err)?;
    }
    if let Some([tr, tl, bl, br]) = &c.quadrant_labels {
        let grey_color = BLACK.mix(0.55);
        let grey = font(15).color(&grey_color);
        let at = |h, v| grey.clone().pos(Pos::new(h, v));
        let texts = [
            Text::new(tr.clone(), (xmax * 0.98, ymax * 0.98), at(HPos::Right, VPos::Top)),
            Text::new(tl.clone(), (xmax * 0.02, ymax * 0.98), at(HPos::Left, VPos::Top)),
            Text::new(
                bl.clone(),
                (xmax * 0.02, ylo + (ymax - ylo) * 0.02),
                at(HPos::Left, VPos::Bottom),
            ),
            Text::new(
                br.clone(),
                (xmax * 0.98, ylo + (ymax - ylo) * 0.02),
                at(HPos::Right, VPos::Bottom),
            ),
        ];
        chart.draw_series(texts).map_err(err)?;
    }
    let max_size = c.bubbles.iter().map(|b| b.size).fold(0.0f64, f64::max);
    let mut other = 0;
    let mut order: Vec<_> = c.bubbles.iter().collect();
    // Big bubbles first, so small ones stay visible.
    order.sort_by(|a, b| b.size.total_cmp(&a.size));
    for b in order {
        let is_client = c.highlight.as_deref() == Some(b.label.as_str());
        let color = if is_client {
            ACCENT
        } else {
            other += 1;
            PALETTE[(other - 1) % PALETTE.len()]
        };
        let r = if max_size > 0.0 {
            8.0 + 40.0 * (b.size.max(0.0) / max_size).sqrt()
        } else {
            12.0
        } as i32;
        let label = b.label.clone();
        chart
            .draw_series(std::iter::once(
                EmptyElement::at((b.x, b.y))
                    + Circle::new((0, 0), r, color.mix(0.45).filled())
                    + Circle::new((0, 0), r, color.stroke_width(if is_client { 3 } else { 1 }))
                    + Text::new(label, (0, -r - 4), font(15).pos(Pos::new(HPos::Center, VPos::Bottom))),
            ))
            .map_err(err)?;
    }
    Ok(())
}

fn radar<DB: DrawingBackend>(root: &DrawingArea<DB, Shift>, c: &RadarChart) -> Res {
    let n = c.axes.len();
    let (w, h) = root.dim_in_pixel();
    // A square plotting area, centred.
    let side = w.min(h) as i32;
    let left = (w as i32 - side) / 2;
    let area = root.margin(0, 0, left, w as i32 - side - left);
    let mut chart = ChartBuilder::on(&area)
        .caption(&c.title, font(26))
        .margin(10)
        .build_cartesian_2d(-1.45f64..1.45, -1.3f64..1.3)
        .map_err(err)?;
    let angle = |i: usize| std::f64::consts::FRAC_PI_2 - std::f64::consts::TAU * i as f64 / n as f64;
    let point = |i: usize, r: f64| (r * angle(i).cos(), r * angle(i).sin());
    let grid = BLACK.mix(0.25).stroke_width(1);
    for ring in [0.25, 0.5, 0.75, 1.0] {
        let mut pts: Vec<_> = (0..n).map(|i| point(i, ring)).collect();
        pts.push(pts[0]);
        chart
            .draw_series(std::iter::once(PathElement::new(pts, grid)))
            .map_err(err)?;
        let tick = format_value(c.max * ring);
        chart
            .draw_series(std::iter::once(Text::new(
                tick,
                (0.02, ring),
                font(12).color(&BLACK.mix(0.5)).pos(Pos::new(HPos::Left, VPos::Bottom)),
            )))
            .map_err(err)?;
    }
    for i in 0..n {
        chart
            .draw_series(std::iter::once(PathElement::new(vec![(0.0, 0.0), point(i, 1.0)], grid)))
            .map_err(err)?;
    }
    let values: Vec<(f64, f64)> = c
        .axes
        .iter()
        .enumerate()
        .map(|(i, (_, s))| point(i, (s / c.max).clamp(0.0, 1.0)))
        .collect();
    chart
        .draw_series(std::iter::once(Polygon::new(values.clone(), ACCENT.mix(0.3).filled())))
        .map_err(err)?;
    let mut outline = values.clone();
    outline.push(values[0]);
    chart
        .draw_series(std::iter::once(PathElement::new(outline, ACCENT.stroke_width(3))))
        .map_err(err)?;
    chart
        .draw_series(values.iter().map(|p| Circle::new(*p, 4, ACCENT.filled())))
        .map_err(err)?;
    for (i, (label, score)) in c.axes.iter().enumerate() {
        let (x, y) = point(i, 1.1);
        let h = if x.abs() < 0.05 {
            HPos::Center
        } else if x > 0.0 {
            HPos::Left
        } else {
            HPos::Right
        };
        let v = if y > 0.95 {
            VPos::Bottom
        } else if y < -0.95 {
            VPos::Top
        } else {
            VPos::Center
        };
        chart
            .draw_series(std::iter::once(Text::new(
                format!("{label} ({})", format_value(*score)),
                (x, y),
                font(16).pos(Pos::new(h, v)),
            )))
            .map_err(err)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn value_labels() {
        assert_eq!(format_value(0.0612), "0.061");
        assert_eq!(format_value(1.234), "1.23");
        assert_eq!(format_value(12.34), "12.3");
        assert_eq!(format_value(1234.0), "1234");
        assert_eq!(format_value(123_456.0), "123.5k");
        assert_eq!(format_value(2_500_000.0), "2.50M");
    }
}
