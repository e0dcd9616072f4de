//! The drawings. plotters has no grouped bars and no radar, so bars are one `Rectangle` each on an
//! `i32` axis with 1,000 units per category (labels at the category centres), and the radar is drawn
//! with `Polygon` and `PathElement` on a square coordinate system.

use std::path::Path;

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use crate::palette::ACCENT;
use crate::{BarChart, BubbleChart, Chart, ChartError, LineChart, RadarChart, SIZE};

/// Units per category on the x axis of bars and lines.
const U: i32 = 1000;

type Res = Result<(), String>;

/// A drawing area in pixels.
type Area<DB> = DrawingArea<DB, Shift>;

fn err<E: std::fmt::Display>(e: E) -> String {
    e.to_string()
}

fn font(size: u32) -> TextStyle<'static> {
    TextStyle::from(("sans-serif", size).into_font())
}

fn bold(size: u32) -> TextStyle<'static> {
    TextStyle::from(("sans-serif", size, FontStyle::Bold).into_font())
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

/// How a legend entry is marked.
#[derive(Clone, Copy, PartialEq)]
enum Mark {
    /// A filled square (bars, bubbles).
    Swatch,
    /// A short line (lines over time).
    Line,
}

/// One entry of a legend: a brand (or series) and its colour.
struct Entry {
    label: String,
    colour: RGBColor,
    client: bool,
}

/// Pixels per character of `text` at `size` pixels, roughly: CJK characters are square, others about 0.6 wide.
fn text_width(text: &str, size: u32) -> u32 {
    let w: f64 = text
        .chars()
        .map(|c| if u32::from(c) >= 0x2e80 { 1.0 } else { 0.6 })
        .sum();
    (w * f64::from(size)).ceil() as u32
}

/// The width of the legend strip for `entries` (and at least `min`): it lies beside the plotting area, never on
/// it.
fn legend_width(entries: &[Entry], min: u32) -> u32 {
    let widest = entries.iter().map(|e| text_width(&e.label, 14)).max().unwrap_or(0);
    (widest + 60).clamp(min, 300)
}

/// A darker shade of `c`: the client's outline.
fn darker(c: RGBColor) -> RGBColor {
    RGBColor(c.0 / 2, c.1 / 2, c.2 / 2)
}

/// The legend frame's outline (tests find the legend by it).
const FRAME: RGBColor = RGBColor(140, 149, 159);
/// Grid lines: solid light greys (ImageMagick's own SVG renderer ignores opacity).
const GRID_BOLD: RGBColor = RGBColor(215, 215, 215);
const GRID_LIGHT: RGBColor = RGBColor(240, 240, 240);

/// Draws a legend in `area` (the strip beside the plot) from its top `y`; returns the y below it.
fn legend<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    entries: &[Entry],
    mark: Mark,
    y: i32,
) -> Result<i32, String> {
    if entries.is_empty() {
        return Ok(y);
    }
    let (w, _) = area.dim_in_pixel();
    let (x0, x1) = (6, w as i32 - 6);
    let row = 24;
    let y1 = y + 10 + row * entries.len() as i32;
    area.draw(&Rectangle::new([(x0, y), (x1, y1)], WHITE.filled()))
        .map_err(err)?;
    area.draw(&Rectangle::new([(x0, y), (x1, y1)], FRAME.stroke_width(1)))
        .map_err(err)?;
    for (i, e) in entries.iter().enumerate() {
        let cy = y + 5 + row * i as i32 + row / 2;
        match mark {
            Mark::Swatch => {
                area.draw(&Rectangle::new(
                    [(x0 + 10, cy - 7), (x0 + 24, cy + 7)],
                    e.colour.filled(),
                ))
                .map_err(err)?;
                if e.client {
                    area.draw(&Rectangle::new(
                        [(x0 + 10, cy - 7), (x0 + 24, cy + 7)],
                        darker(e.colour).stroke_width(2),
                    ))
                    .map_err(err)?;
                }
            }
            Mark::Line => {
                let width = if e.client { 4 } else { 2 };
                area.draw(&PathElement::new(
                    vec![(x0 + 6, cy), (x0 + 28, cy)],
                    e.colour.stroke_width(width),
                ))
                .map_err(err)?;
            }
        }
        let style = if e.client { bold(14) } else { font(14) };
        area.draw(&Text::new(
            e.label.clone(),
            (x0 + 34, cy),
            style.pos(Pos::new(HPos::Left, VPos::Center)),
        ))
        .map_err(err)?;
    }
    Ok(y1)
}

/// Draws the title and splits the rest of `root` into the plotting area and the legend strip on its right. The
/// title hangs from its baseline (not from a `dy` offset, which ImageMagick's SVG renderer ignores).
fn layout<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    title: &str,
    legend_w: u32,
) -> Result<(Area<DB>, Area<DB>), String> {
    let (w, _) = root.dim_in_pixel();
    root.draw(&Text::new(
        title.to_string(),
        (w as i32 / 2, 38),
        font(26).pos(Pos::new(HPos::Center, VPos::Bottom)),
    ))
    .map_err(err)?;
    let body = root.margin(48, 0, 0, 0);
    let (w, _) = body.dim_in_pixel();
    Ok(body.split_horizontally(w.saturating_sub(legend_w)))
}

fn bars<DB: DrawingBackend>(root: &DrawingArea<DB, Shift>, c: &BarChart) -> Res {
    let n = c.categories.len() as i32;
    let palette = c
        .palette
        .or_from(c.highlight.as_deref(), c.series.iter().map(|(name, _)| name.as_str()));
    // The brand a bar belongs to: its series when series are brands, else its category.
    let brand_of = |i: usize, s: usize| -> &str {
        let series = c.series[s].0.as_str();
        let category = c.categories[i].as_str();
        if palette.contains(series) || !palette.contains(category) {
            series
        } else {
            category
        }
    };
    let mut entries: Vec<Entry> = Vec::new();
    for b in palette.brands() {
        let shown = c.series.iter().any(|(name, _)| name == b) || c.categories.iter().any(|x| x == b);
        if shown {
            entries.push(Entry {
                label: b.clone(),
                colour: palette.rgb(b),
                client: palette.is_client(b),
            });
        }
    }
    let (plot, side) = layout(root, &c.title, legend_width(&entries, 120))?;
    let (lo, hi) = value_range(c.series.iter().flat_map(|(_, v)| v.iter().flatten().copied()));
    let centers: Vec<i32> = (0..n).map(|i| i * U + U / 2).collect();
    let mut chart = ChartBuilder::on(&plot)
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
        .bold_line_style(GRID_BOLD)
        .light_line_style(GRID_LIGHT)
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
    for (s, (_, values)) in c.series.iter().enumerate() {
        let bars: Vec<(usize, f64)> = values
            .iter()
            .enumerate()
            .filter_map(|(i, v)| v.map(|v| (i, v)))
            .collect();
        for &(i, v) in &bars {
            let brand = brand_of(i, s);
            let colour = palette.rgb(brand);
            let client = palette.is_client(brand);
            let x0 = i as i32 * U + (U - group_w) / 2 + s as i32 * bar_w;
            let x1 = x0 + bar_w * 9 / 10;
            let fill = if client {
                colour.filled()
            } else {
                colour.mix(0.6).filled()
            };
            chart
                .draw_series(std::iter::once(Rectangle::new([(x0, 0.0), (x1, v)], fill)))
                .map_err(err)?;
            if client {
                chart
                    .draw_series(std::iter::once(Rectangle::new(
                        [(x0, 0.0), (x1, v)],
                        darker(colour).stroke_width(2),
                    )))
                    .map_err(err)?;
            }
            // The value above the bar.
            let x = x0 + bar_w * 9 / 20;
            let style = if client { bold(12) } else { font(12) };
            chart
                .draw_series(std::iter::once(Text::new(
                    format_value(v),
                    (x, v),
                    style.pos(Pos::new(HPos::Center, VPos::Bottom)),
                )))
                .map_err(err)?;
        }
    }
    legend(&side, &entries, Mark::Swatch, 16)?;
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
    let palette = c
        .palette
        .or_from(c.highlight.as_deref(), c.lines.iter().map(|(name, _)| name.as_str()));
    let entries: Vec<Entry> = c
        .lines
        .iter()
        .map(|(name, _)| Entry {
            label: name.clone(),
            colour: palette.rgb(name),
            client: palette.is_client(name),
        })
        .collect();
    let (plot, side) = layout(root, &c.title, legend_width(&entries, 120))?;
    let n = c.x_labels.len() as i32;
    let (lo, hi) = value_range(c.lines.iter().flat_map(|(_, v)| v.iter().flatten().copied()));
    // Label at most ~10 periods.
    let step = ((n + 9) / 10).max(1);
    let keys: Vec<i32> = (0..n).filter(|i| i % step == 0).map(|i| i * U).collect();
    let mut chart = ChartBuilder::on(&plot)
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
        .bold_line_style(GRID_BOLD)
        .light_line_style(GRID_LIGHT)
        .x_label_formatter(&label)
        .x_label_style(font(14))
        .y_label_style(font(14))
        .y_desc(&c.y_label)
        .axis_desc_style(font(16))
        .draw()
        .map_err(err)?;
    // Competitors first, so the client's line is drawn on top.
    let mut order: Vec<&(String, Vec<Option<f64>>)> = c.lines.iter().collect();
    order.sort_by_key(|(name, _)| palette.is_client(name));
    for (name, values) in order {
        let client = palette.is_client(name);
        let colour = palette.rgb(name);
        let style = colour.stroke_width(if client { 4 } else { 2 });
        // Split at gaps.
        let mut runs: Vec<Vec<(i32, f64)>> = vec![Vec::new()];
        for (i, v) in values.iter().enumerate() {
            match v {
                Some(v) => runs.last_mut().map_or((), |r| r.push((i as i32 * U, *v))),
                None => runs.push(Vec::new()),
            }
        }
        for run in runs.into_iter().filter(|r| !r.is_empty()) {
            let points = run.clone();
            chart.draw_series(LineSeries::new(run, style)).map_err(err)?;
            chart
                .draw_series(
                    points
                        .into_iter()
                        .map(|p| Circle::new(p, if client { 5 } else { 3 }, colour.filled())),
                )
                .map_err(err)?;
        }
    }
    legend(&side, &entries, Mark::Line, 16)?;
    Ok(())
}

/// The bubble radius in pixels for `size`, the largest being `max`.
fn radius(size: f64, max: f64) -> i32 {
    if max > 0.0 {
        (8.0 + 40.0 * (size.max(0.0) / max).sqrt()).round() as i32
    } else {
        12
    }
}

/// `v` rounded down to one significant digit (520,000 → 500,000), for the size legend.
fn round_down(v: f64) -> f64 {
    if v <= 0.0 || !v.is_finite() {
        return 0.0;
    }
    let unit = 10f64.powf(v.log10().floor());
    (v / unit).floor() * unit
}

fn bubble<DB: DrawingBackend>(root: &DrawingArea<DB, Shift>, c: &BubbleChart) -> Res {
    let palette = c
        .palette
        .or_from(c.highlight.as_deref(), c.bubbles.iter().map(|b| b.label.as_str()));
    let entries: Vec<Entry> = palette
        .brands()
        .iter()
        .filter(|b| c.bubbles.iter().any(|x| &x.label == *b))
        .map(|b| Entry {
            label: b.clone(),
            colour: palette.rgb(b),
            client: palette.is_client(b),
        })
        .collect();
    let max_size = c.bubbles.iter().map(|b| b.size).fold(0.0f64, f64::max);
    let size_w = text_width(&c.size_label, 14) + 20;
    let (plot, side) = layout(root, &c.title, legend_width(&entries, 190).max(size_w.min(300)))?;
    let (_, xmax) = value_range(c.bubbles.iter().map(|b| b.x).chain(c.x_line));
    let (ylo, ymax) = value_range(c.bubbles.iter().map(|b| b.y).chain(c.y_line));
    let xmax = xmax * 1.1;
    let ymax = ymax * 1.1;
    let mut chart = ChartBuilder::on(&plot)
        .margin(20)
        .x_label_area_size(48)
        .y_label_area_size(72)
        .build_cartesian_2d(0f64..xmax, ylo..ymax)
        .map_err(err)?;
    chart
        .configure_mesh()
        .bold_line_style(GRID_BOLD)
        .light_line_style(GRID_LIGHT)
        .x_desc(&c.x_label)
        .y_desc(&c.y_label)
        .axis_desc_style(font(16))
        .x_label_style(font(14))
        .y_label_style(font(14))
        .x_label_formatter(&|v| format_value(*v))
        .y_label_formatter(&|v| format_value(*v))
        .draw()
        .map_err(err)?;
    let dashed = RGBColor(115, 115, 115).stroke_width(2);
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
    // Quadrant captions in the corners: x grows to the right, y upwards.
    if let Some([tr, tl, bl, br]) = &c.quadrant_labels {
        let grey = font(15).color(&RGBColor(100, 100, 100));
        let at = |h, v| grey.clone().pos(Pos::new(h, v));
        let (top, bottom) = (ymax - (ymax - ylo) * 0.02, ylo + (ymax - ylo) * 0.02);
        let texts = [
            Text::new(tr.clone(), (xmax * 0.98, top), at(HPos::Right, VPos::Top)),
            Text::new(tl.clone(), (xmax * 0.02, top), at(HPos::Left, VPos::Top)),
            Text::new(bl.clone(), (xmax * 0.02, bottom), at(HPos::Left, VPos::Bottom)),
            Text::new(br.clone(), (xmax * 0.98, bottom), at(HPos::Right, VPos::Bottom)),
        ];
        chart.draw_series(texts).map_err(err)?;
    }
    let mut order: Vec<_> = c.bubbles.iter().collect();
    // Big bubbles first, so small ones stay visible; the client last, on top.
    order.sort_by(|a, b| {
        (palette.is_client(&a.label), b.size)
            .partial_cmp(&(palette.is_client(&b.label), a.size))
            .unwrap_or(std::cmp::Ordering::Equal)
    });
    for b in order {
        let client = palette.is_client(&b.label);
        let colour = palette.rgb(&b.label);
        let r = radius(b.size, max_size);
        let (fill, outline) = if client {
            (colour.mix(0.7).filled(), darker(colour).stroke_width(3))
        } else {
            (colour.mix(0.35).filled(), colour.stroke_width(1))
        };
        let style = if client { bold(15) } else { font(15) };
        chart
            .draw_series(std::iter::once(
                EmptyElement::at((b.x, b.y))
                    + Circle::new((0, 0), r, fill)
                    + Circle::new((0, 0), r, outline)
                    + Text::new(
                        b.label.clone(),
                        (0, -r - 4),
                        style.pos(Pos::new(HPos::Center, VPos::Bottom)),
                    ),
            ))
            .map_err(err)?;
    }
    let below = legend(&side, &entries, Mark::Swatch, 16)?;
    // The size legend: what the area stands for, and two reference bubbles drawn to the same scale.
    if !c.size_label.is_empty() && max_size > 0.0 {
        let big = round_down(max_size);
        let small = round_down(max_size / 4.0);
        let (w, _) = side.dim_in_pixel();
        let top = below + 20;
        side.draw(&Text::new(
            c.size_label.clone(),
            (10, top),
            font(14).pos(Pos::new(HPos::Left, VPos::Top)),
        ))
        .map_err(err)?;
        let rb = radius(big, max_size);
        let base = top + 24 + 2 * rb;
        let cx = 10 + rb;
        let grey = RGBColor(110, 110, 110);
        for v in [big, small] {
            if v <= 0.0 {
                continue;
            }
            let r = radius(v, max_size);
            side.draw(&Circle::new((cx, base - r), r, grey.stroke_width(1)))
                .map_err(err)?;
            side.draw(&Text::new(
                format_value(v),
                (cx + rb + 8, base - 2 * r),
                font(12).pos(Pos::new(HPos::Left, VPos::Center)),
            ))
            .map_err(err)?;
            side.draw(&PathElement::new(
                vec![(cx, base - 2 * r), (cx + rb + 4, base - 2 * r)],
                grey.stroke_width(1),
            ))
            .map_err(err)?;
        }
        let _ = w;
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
