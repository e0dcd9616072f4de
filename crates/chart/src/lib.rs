//! chuxin-chart: every chart chuxin draws, with plotters: the benchmark's charts as SVG and PNG files, and
//! the report's section charts as SVG for a web page.
//!
//! | module | owns |
//! |---|---|
//! | [`font`] | finding a CJK-capable font, registering it once, the error that names the package to install |
//! | `draw` | the chart files: grouped bars, lines over time, the bubble quadrant, the radar |
//! | [`palette`] | one colour per brand across every chart of a run, the client highlighted |
//! | [`page`] | charts inlined in a page: a [`ScoreChart`] as a radar or as horizontal bars (now and before) |
//! | [`shares`] | a page chart of how each row's whole divides into parts: a [`ShareChart`] as 100% stacked bars |
//!
//! The chart types ([`BarChart`], [`LineChart`], [`BubbleChart`], [`RadarChart`], [`ScoreChart`]) are plain
//! data, so this crate knows neither the audit model, nor the benchmark crate, nor the report.
//!
//! Two ways to draw, by where the chart goes. Chart files are laid out by plotters, which measures text with a
//! registered font file, so a [`Renderer`] holds the font decision and writes files (PNG needs a CJK font,
//! since its glyphs are drawn here). Page charts ([`page::radar`], [`page::bars`]) are laid out on fixed pixels
//! and need no font file at all; their text names the same font list as the files', so Chinese labels render
//! with the reader's system fonts.
//!
//! Every brand chart of a run is given the same [`Palette`] (its brands in order, the client first), so a brand
//! keeps its colour in bars, lines and bubbles, and the client is drawn highlighted in each. Legends lie in a
//! strip beside the plotting area, never on the data. SVG text names a list of fonts ending in `sans-serif`
//! (see [`Renderer::svg_string`]), so that converters (rsvg-convert, ImageMagick) find a font for it.
//!
//! ```no_run
//! use chuxin_chart::{Chart, BarChart, Palette, Renderer};
//! let chart = Chart::Bars(BarChart {
//!     title: "互動率（粉絲）".into(),
//!     y_label: "%".into(),
//!     categories: vec!["蓮心茶飲".into(), "茶語時光".into()],
//!     series: vec![("weibo".into(), vec![Some(0.8), Some(1.2)])],
//!     highlight: Some("蓮心茶飲".into()),
//!     palette: Palette::new(Some("蓮心茶飲"), ["茶語時光"]),
//! });
//! let renderer = Renderer::new(None);
//! renderer.write_svg(&chart, "er.svg".as_ref()).unwrap();
//! if let Err(e) = renderer.write_png(&chart, "er.png".as_ref()) {
//!     eprintln!("warning: {e}"); // names the font package to install
//! }
//! ```

#![deny(missing_docs)]

mod draw;
pub mod font;
pub mod page;
pub mod palette;
pub mod shares;

use std::path::{Path, PathBuf};

pub use font::{CJK_FONT_PACKAGE, FontError, FontInfo};
pub use palette::Palette;
pub use shares::ShareChart;

/// Why a chart could not be drawn.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ChartError {
    /// No usable font (see [`FontError`]).
    #[error(transparent)]
    Font(#[from] FontError),
    /// The chart has nothing to draw.
    #[error("chart `{0}` has no data to draw")]
    NoData(String),
    /// plotters failed (writing the file, most often).
    #[error("cannot draw chart `{title}` to `{path}`: {reason}")]
    Draw {
        /// The chart title.
        title: String,
        /// The output, or `<string>`.
        path: String,
        /// plotters' message.
        reason: String,
    },
}

/// One metric in groups of bars: categories (platforms, or brands) along the x axis, one bar per series (brands,
/// or platforms) in each; every bar has its brand's colour and the client's bars are highlighted.
#[derive(Debug, Clone, PartialEq)]
pub struct BarChart {
    /// Title.
    pub title: String,
    /// Y-axis label (the unit).
    pub y_label: String,
    /// Category labels along the x axis (brands).
    pub categories: Vec<String>,
    /// Series: name and one value per category (`None` = no bar).
    pub series: Vec<(String, Vec<Option<f64>>)>,
    /// The client (a series or a category), drawn highlighted.
    pub highlight: Option<String>,
    /// The run's brand colours (empty: built from `highlight` and the series).
    pub palette: Palette,
}

/// Values over time, one line per brand.
#[derive(Debug, Clone, PartialEq)]
pub struct LineChart {
    /// Title.
    pub title: String,
    /// Y-axis label.
    pub y_label: String,
    /// Period labels along the x axis.
    pub x_labels: Vec<String>,
    /// Lines: name and one value per period (`None` = gap).
    pub lines: Vec<(String, Vec<Option<f64>>)>,
    /// The line drawn highlighted (the client).
    pub highlight: Option<String>,
    /// The run's brand colours (empty: built from `highlight` and the lines).
    pub palette: Palette,
}

/// One bubble of a [`BubbleChart`].
#[derive(Debug, Clone, PartialEq)]
pub struct Bubble {
    /// Label (brand).
    pub label: String,
    /// X value (posts per week).
    pub x: f64,
    /// Y value (engagement rate).
    pub y: f64,
    /// Size value (followers); the bubble's radius grows with its square root.
    pub size: f64,
}

/// A quadrant of bubbles: x × y, sized by a third value, with dashed lines (the competitor medians).
#[derive(Debug, Clone, PartialEq)]
pub struct BubbleChart {
    /// Title.
    pub title: String,
    /// X-axis label.
    pub x_label: String,
    /// Y-axis label.
    pub y_label: String,
    /// The bubbles.
    pub bubbles: Vec<Bubble>,
    /// Vertical quadrant line (x).
    pub x_line: Option<f64>,
    /// Horizontal quadrant line (y).
    pub y_line: Option<f64>,
    /// Quadrant captions: top-right (high x, high y), top-left (low x, high y), bottom-left (low x, low y),
    /// bottom-right (high x, low y).
    pub quadrant_labels: Option<[String; 4]>,
    /// The bubble drawn highlighted (the client).
    pub highlight: Option<String>,
    /// What the bubbles' size stands for (followers), named above the size legend; empty: no size legend.
    pub size_label: String,
    /// The run's brand colours (empty: built from `highlight` and the bubbles).
    pub palette: Palette,
}

/// Section scores on a radar.
#[derive(Debug, Clone, PartialEq)]
pub struct RadarChart {
    /// Title.
    pub title: String,
    /// Axis label and score, one per section (three or more).
    pub axes: Vec<(String, f64)>,
    /// The score at the rim (100 for 0–100 scores).
    pub max: f64,
}

/// Scores (0 to `max`) of the same items in one or more series, oldest first: drawn for a page by
/// [`page::radar`] or [`page::bars`]. The last series is the current one; earlier ones (the previous audit)
/// are drawn muted.
#[derive(Debug, Clone, PartialEq)]
pub struct ScoreChart {
    /// Title (the accessible name of the SVG).
    pub title: String,
    /// The items: radar axes or bar rows.
    pub labels: Vec<String>,
    /// Series: name (shown in the legend when there is more than one) and one score per label (`None` = no
    /// score, drawn at zero and labelled `—`).
    pub series: Vec<(String, Vec<Option<f64>>)>,
    /// The score at the rim of the radar and at the end of a bar (100 for 0–100 scores).
    pub max: f64,
}

/// Any chart.
#[derive(Debug, Clone, PartialEq)]
pub enum Chart {
    /// Grouped bars.
    Bars(BarChart),
    /// Lines over time.
    Lines(LineChart),
    /// Bubble quadrant.
    Bubble(BubbleChart),
    /// Radar.
    Radar(RadarChart),
}

impl Chart {
    /// The chart's title.
    pub fn title(&self) -> &str {
        match self {
            Chart::Bars(c) => &c.title,
            Chart::Lines(c) => &c.title,
            Chart::Bubble(c) => &c.title,
            Chart::Radar(c) => &c.title,
        }
    }
}

/// CJK-capable fonts an SVG viewer may have, after the one the text was measured with, before `sans-serif`.
const FALLBACK_FONTS: &[&str] = &[
    "Noto Sans CJK TC",
    "Noto Sans CJK SC",
    "Source Han Sans TC",
    "Source Han Sans SC",
    "WenQuanYi Micro Hei",
    "PingFang TC",
    "PingFang SC",
    "Microsoft JhengHei",
    "Microsoft YaHei",
    "Droid Sans Fallback",
];

/// The SVG with plotters' `font-family="sans-serif"` replaced by a fallback list (see [`Renderer::svg_string`]):
/// the one font list of every chart, files and page charts alike.
fn with_font_fallback(svg: &str, family: Option<&str>) -> String {
    // A family name goes in single quotes inside a double-quoted attribute: keep only safe characters.
    let family = family
        .map(|f| {
            f.chars()
                .filter(|c| !matches!(c, '\'' | '"' | '<' | '>' | '&' | ';'))
                .collect::<String>()
        })
        .filter(|f| !f.trim().is_empty());
    let mut list: Vec<String> = family.iter().map(|f| format!("'{f}'")).collect();
    list.extend(
        FALLBACK_FONTS
            .iter()
            .filter(|f| family.as_deref() != Some(**f))
            .map(|f| format!("'{f}'")),
    );
    list.push("sans-serif".into());
    let replacement = format!(
        r#"style="font-family: {}" font-family="{}""#,
        list.join(", "),
        family.as_deref().unwrap_or("sans-serif")
    );
    svg.replace(r#"font-family="sans-serif""#, &replacement)
}

/// The SVG with every `fill="none"` declared after the element's `opacity`: plotters writes `fill="none"
/// opacity="1"` on lines, and ImageMagick's own SVG renderer takes `opacity` to reset the fill to its default
/// black, so a polyline came out as a filled black shape. Browsers and rsvg-convert read either order alike.
fn fill_after_opacity(svg: &str) -> String {
    const NONE: &str = r#" fill="none" opacity=""#;
    let mut out = String::with_capacity(svg.len());
    let mut rest = svg;
    while let Some(at) = rest.find(NONE) {
        let value_end = at + NONE.len() + rest[at + NONE.len()..].find('"').map_or(0, |e| e + 1);
        out.push_str(&rest[..at]);
        // ` opacity="V"` then ` fill="none"`.
        out.push_str(&rest[at + " fill=\"none\"".len()..value_end]);
        out.push_str(r#" fill="none""#);
        rest = &rest[value_end..];
    }
    out.push_str(rest);
    out
}

/// A drawn SVG made portable, the one finishing step of every chart (files and page charts): its text names
/// the font list ([`with_font_fallback`], after `family`, the font the text was measured with), and its lines
/// stay unfilled in ImageMagick ([`fill_after_opacity`]).
pub(crate) fn portable_svg(svg: &str, family: Option<&str>) -> String {
    fill_after_opacity(&with_font_fallback(svg, family))
}

/// Image size in pixels.
pub const SIZE: (u32, u32) = (960, 600);

/// Draws charts with the fonts it found when created.
#[derive(Debug, Clone)]
pub struct Renderer {
    cjk: Result<FontInfo, FontError>,
    layout: Result<FontInfo, FontError>,
}

impl Renderer {
    /// Looks for fonts: `explicit` (from `--font` or the workspace config) first, then the system
    /// locations. Never fails: problems surface when a PNG (or, with no font at all, an SVG) is drawn.
    pub fn new(explicit: Option<&Path>) -> Renderer {
        Renderer::with_dirs(explicit, &font::system_font_dirs())
    }

    /// As [`Renderer::new`], searching `dirs` instead of the system locations.
    pub fn with_dirs(explicit: Option<&Path>, dirs: &[PathBuf]) -> Renderer {
        let cjk = font::find_cjk_font(explicit, dirs);
        let layout = match &cjk {
            Ok(f) => Ok(f.clone()),
            Err(_) => font::find_layout_font(None, dirs),
        };
        Renderer { cjk, layout }
    }

    /// The CJK font PNGs will use, or why there is none.
    pub fn cjk_font(&self) -> Result<&FontInfo, &FontError> {
        self.cjk.as_ref()
    }

    /// Renders `chart` as an SVG document.
    ///
    /// Every `<text>` names its fonts twice. The `style` property lists the font the text was measured with,
    /// then common CJK fonts, then the generic `sans-serif`: browsers and rsvg-convert use the first they have.
    /// The `font-family` attribute after it names the measured font alone, because ImageMagick's own SVG
    /// renderer reads a list as one unknown name (and draws no Chinese) while it lets the last declaration win;
    /// CSS gives the `style` property precedence over the attribute, so everyone else keeps the list.
    pub fn svg_string(&self, chart: &Chart) -> Result<String, ChartError> {
        let layout = self.layout.as_ref().map_err(Clone::clone)?;
        font::register(layout)?;
        let mut out = String::new();
        draw::svg(chart, &mut out)?;
        Ok(portable_svg(&out, layout.family.as_deref()))
    }

    /// Writes `chart` as an SVG file.
    pub fn write_svg(&self, chart: &Chart, path: &Path) -> Result<(), ChartError> {
        let svg = self.svg_string(chart)?;
        std::fs::write(path, svg).map_err(|e| ChartError::Draw {
            title: chart.title().to_string(),
            path: path.display().to_string(),
            reason: e.to_string(),
        })
    }

    /// Writes `chart` as a PNG file; fails with [`FontError`] (naming the package to install) when no
    /// CJK font was found, rather than drawing boxes.
    pub fn write_png(&self, chart: &Chart, path: &Path) -> Result<(), ChartError> {
        font::register(self.cjk.as_ref().map_err(Clone::clone)?)?;
        draw::png(chart, path)
    }
}

#[cfg(test)]
mod tests {
    use super::fill_after_opacity;

    #[test]
    fn fill_none_comes_after_opacity() {
        assert_eq!(
            fill_after_opacity(
                r##"<polyline fill="none" opacity="0.6" stroke="#D63E2A" points="1,2 3,4 "/><rect fill="#FFF"/>"##
            ),
            r##"<polyline opacity="0.6" fill="none" stroke="#D63E2A" points="1,2 3,4 "/><rect fill="#FFF"/>"##
        );
        let plain = r#"<circle opacity="1" fill="none"/>"#;
        assert_eq!(fill_after_opacity(plain), plain);
    }
}
