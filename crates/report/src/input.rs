//! What the caller hands the report: the client, the audit and its scorecard, the previous audit's scorecard, and
//! the benchmark run that belongs with the audit.
//!
//! The report builds its benchmark section from the run ([`crate::section::section`]) into [`Benchmark`], which
//! is deliberately plain (tables of cells and SVG strings): the renderers never have to know how a comparison or
//! a chart was made.

use chuxin_bench::BenchRun;
use chuxin_core::{Answers, Catalog, Lang, Scorecard};
use serde::Serialize;
use std::path::Path;

/// The client as the report names it: the workspace's own record (one definition, `chuxin_core::Client`).
pub use chuxin_core::Client;

/// One audit: its id and date, the answers and their scorecard.
#[derive(Debug, Clone, Copy)]
pub struct AuditInput<'a> {
    /// Audit id (`2026-11-26`, `2026-11-26-2`).
    pub id: &'a str,
    /// The day it started.
    pub date: &'a str,
    /// The answers.
    pub answers: &'a Answers,
    /// The scorecard of those answers.
    pub card: &'a Scorecard,
}

/// Everything a client report is built from.
#[derive(Debug, Clone, Copy)]
pub struct ReportInput<'a> {
    /// The agency's name, on the cover.
    pub agency: &'a str,
    /// The language of the report.
    pub lang: Lang,
    /// The day the report is made, `YYYY-MM-DD`.
    pub generated: &'a str,
    /// The client.
    pub client: &'a Client,
    /// The packs of the client's audit.
    pub catalog: &'a Catalog,
    /// The audit reported on.
    pub audit: AuditInput<'a>,
    /// The audit before it, if any (the client's history).
    pub previous: Option<AuditInput<'a>>,
    /// The benchmark run that belongs with the audit, if the client has one: the report builds its benchmark
    /// section from it ([`crate::section::section`]).
    pub run: Option<&'a BenchRun>,
    /// A CJK-capable font the run's charts measure their text with (the page's fonts draw it).
    pub font: Option<&'a Path>,
}

/// The benchmark section: comparison tables and charts, already in the report's language (built from a run by
/// [`crate::section::section`]).
#[derive(Debug, Clone, Default, Serialize)]
pub struct Benchmark {
    /// What was compared, in one line: the data period, the brands, the posts and the platforms by name.
    pub scope: String,
    /// The data period (`2024-01-03 – 2024-03-30`), when the run has one.
    pub period: Option<String>,
    /// The client against the competitors on every metric it has, worded and marked better or worse.
    pub comparison: Vec<ComparisonRow>,
    /// Two or three sentences naming where the client leads and lags, with the figures.
    pub sentences: Vec<String>,
    /// One line for each comparison the exports cannot fill, saying what would fill it.
    pub unavailable: Vec<String>,
    /// Comparison tables.
    pub tables: Vec<BenchTable>,
    /// Charts drawn from the comparison (SVG).
    pub charts: Vec<Chart>,
    /// The client's gaps to its competitors, one per metric; the portfolio shows the largest.
    pub gaps: Vec<Gap>,
    /// Caveats (missing brands, small samples, differing definitions).
    pub notes: Vec<String>,
    /// The plugins' reference rows that do not apply to the client, with the reason (`notes` says how many).
    pub references_left_out: Vec<chuxin_bench::reference::LeftOutReference>,
    /// The measured figures as a reader sees them, by name (`brand_reply_ratio` → "Brand reply ratio", "7.4%"),
    /// used where a sin's evidence is a figure.
    pub figures: std::collections::BTreeMap<String, FigureText>,
}

/// A measured figure as a reader sees it.
#[derive(Debug, Clone, Default, Serialize)]
pub struct FigureText {
    /// The figure's name in the report's language.
    pub label: String,
    /// The value with its unit (`7.4%`, `29 days`).
    pub value: String,
    /// The competitors' median in the same unit, when the run compares the figure.
    pub competitors: Option<String>,
}

/// One metric of the comparison as the report shows it: every figure already worded for the language.
#[derive(Debug, Clone, Default, Serialize)]
pub struct ComparisonRow {
    /// Metric id.
    pub metric: String,
    /// Name, with its unit when it has one (`互動率（粉絲） (%)`).
    pub label: String,
    /// The client's value.
    pub client: String,
    /// The competitors' average.
    pub competitor_average: String,
    /// The competitors' median.
    pub competitor_median: String,
    /// The average over every brand.
    pub landscape_average: String,
    /// `2/3`.
    pub rank: String,
    /// Client ÷ competitor median × 100, a whole number.
    pub index: String,
    /// `better`, `worse`, `even`, or empty when the metric has no better direction or no median.
    pub verdict: String,
    /// The verdict in words, with its sign (`▲ 優於競品`).
    pub verdict_text: String,
}

/// A table of the benchmark section.
#[derive(Debug, Clone, Default, Serialize)]
pub struct BenchTable {
    /// Stable id (`metrics-all`, `weibo-2024-q1`).
    pub id: String,
    /// Title.
    pub title: String,
    /// Column headers.
    pub columns: Vec<String>,
    /// Rows of cells, as many as there are columns.
    pub rows: Vec<Vec<Cell>>,
    /// Index of the row that is the client's, to highlight.
    pub highlight: Option<usize>,
}

/// One table cell.
///
/// A [`Cell::Figure`] is a measured value in its unit: `--format json` keeps its number (`31.58`), the pages show
/// its text as the report's language writes it (`31.6%`, `35 分鐘`, `26.7 萬`; through
/// [`crate::figures::format_metric`]), and the workbook writes the number with the unit's number format
/// ([`FigureUnit`]).
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    /// A number, shown with at most two decimals.
    Number(f64),
    /// A measured value with its unit and its text.
    Figure(Figure),
    /// Text.
    Text(String),
    /// No value.
    Empty,
}

/// A measured value: the number, its unit and the text the pages show.
#[derive(Debug, Clone, PartialEq)]
pub struct Figure {
    /// The value, in the unit's own scale (a percentage 0–100, a fraction 0–1, minutes …).
    pub value: f64,
    /// Its unit.
    pub unit: FigureUnit,
    /// The value as the report's language writes it.
    pub text: String,
}

/// The unit of a [`Figure`], which decides its spreadsheet number format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FigureUnit {
    /// A whole count (`#,##0`).
    Count,
    /// A percentage already × 100 (`31.58` is 31.58 %).
    Percent,
    /// A share 0–1 (`0.0758` is 7.6 %).
    Fraction,
    /// A change around zero, 0–1 (`-0.3` is 30 % lower).
    Ratio,
    /// Minutes (a whole number).
    Minutes,
    /// An index, competitor median = 100 (one decimal in a workbook).
    Index,
    /// Any other measure (thousands separators, up to two decimals).
    Number,
}

impl Cell {
    /// The value of metric `id` in its unit, worded for `lang` through [`crate::figures::format_metric`]; empty
    /// when there is none.
    pub fn metric(id: &str, v: Option<f64>, lang: chuxin_core::Lang) -> Cell {
        use chuxin_bench::metrics::registry::Unit;
        let Some(value) = v.filter(|v| v.is_finite()) else {
            return Cell::Empty;
        };
        let unit = match chuxin_bench::metrics::metric(id).map(|m| m.unit) {
            Some(Unit::Count) => FigureUnit::Count,
            Some(Unit::Percent) => FigureUnit::Percent,
            Some(Unit::Fraction) => FigureUnit::Fraction,
            Some(Unit::Ratio) => FigureUnit::Ratio,
            Some(Unit::Minutes) => FigureUnit::Minutes,
            _ => FigureUnit::Number,
        };
        Cell::Figure(Figure {
            value,
            unit,
            text: crate::figures::format_metric(id, Some(value), lang),
        })
    }

    /// An index (competitor median = 100), written as a whole number on the pages.
    pub fn index(v: Option<f64>) -> Cell {
        v.filter(|v| v.is_finite()).map_or(Cell::Empty, |value| {
            Cell::Figure(Figure {
                value,
                unit: FigureUnit::Index,
                text: crate::figures::format_index(value),
            })
        })
    }

    /// A count, worded for `lang` (`14,614`, `26.7 萬`).
    pub fn count(v: f64, lang: chuxin_core::Lang) -> Cell {
        Cell::Figure(Figure {
            value: v,
            unit: FigureUnit::Count,
            text: crate::figures::format_number(v, lang),
        })
    }
}

/// JSON (and every other serializer) gets a figure's number, as it gets a [`Cell::Number`]; the templates get
/// `{num, text}`, so that a page shows the worded text and still aligns it as a number.
impl Serialize for Cell {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        match self {
            Cell::Number(x) => s.serialize_f64(*x),
            Cell::Figure(f) if minijinja::value::serializing_for_value() => {
                let mut m = s.serialize_map(Some(2))?;
                m.serialize_entry("num", &f.value)?;
                m.serialize_entry("text", &f.text)?;
                m.end()
            }
            Cell::Figure(f) => s.serialize_f64(f.value),
            Cell::Text(t) => s.serialize_str(t),
            Cell::Empty => s.serialize_unit(),
        }
    }
}

impl From<&str> for Cell {
    fn from(s: &str) -> Cell {
        Cell::Text(s.to_string())
    }
}

impl From<Option<f64>> for Cell {
    fn from(v: Option<f64>) -> Cell {
        v.filter(|v| v.is_finite()).map_or(Cell::Empty, Cell::Number)
    }
}

/// A chart to show: an id (also its file name in Markdown output), a title and an SVG document.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Chart {
    /// Stable id, `[a-z0-9_-]+` (`radar`, `er-by-brand`).
    pub id: String,
    /// Title shown above it.
    pub title: String,
    /// The SVG document (`<svg …>…</svg>`, an XML declaration is allowed).
    pub svg: String,
}

/// The client against its competitors on one metric.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Gap {
    /// Metric id.
    pub metric: String,
    /// Metric name in the report's language.
    pub label: String,
    /// The client's value.
    pub client: f64,
    /// The competitors' median.
    pub competitors: f64,
    /// Client ÷ competitor median × 100, turned so that below 100 is always worse (for a metric where lower is
    /// better, competitor median ÷ client × 100).
    pub index: f64,
}
