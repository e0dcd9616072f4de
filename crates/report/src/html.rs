//! HTML: one self-contained file per document, rendered by minijinja with HTML auto-escaping on for every value.
//!
//! The only markup not escaped is the charts, which are drawn by [`chuxin_chart::page`] (text escaped there) or
//! checked by [`crate::svg::sanitize`] before they reach the page. The CSS is inline, fonts come from the reader's system
//! (a CJK-first font stack), and nothing refers to the network: the page opens offline and prints to PDF
//! (`@media print` rules keep cards and charts whole).

use crate::error::ReportError;
use crate::model::Report;
use crate::portfolio::Portfolio;
use crate::svg::escape;
use crate::words;
use minijinja::value::{Serde, Value, ValueKind};
use minijinja::{AutoEscape, Environment, UndefinedBehavior, context};
use std::collections::BTreeMap;
use std::sync::OnceLock;

const CSS: &str = include_str!("../templates/style.css");

fn env() -> &'static Environment<'static> {
    static ENV: OnceLock<Environment<'static>> = OnceLock::new();
    ENV.get_or_init(|| {
        let mut env = Environment::new();
        env.set_auto_escape_callback(|_| AutoEscape::Html);
        env.set_undefined_behavior(UndefinedBehavior::Strict);
        number_filters(&mut env);
        env.add_filter("width", |v: Value| {
            format!("{:.1}", as_f64(&v).unwrap_or(0.0).clamp(0.0, 100.0))
        });
        table_filters(&mut env);
        env.add_filter("heat", |v: Value| heat(as_f64(&v)));
        env.add_test("number_cell", is_number_cell);
        env.add_template("report.html", include_str!("../templates/report.html"))
            .expect("the report template parses");
        env.add_template("portfolio.html", include_str!("../templates/portfolio.html"))
            .expect("the portfolio template parses");
        env
    })
}

/// Whether a table cell is a number or a measured figure (`{num, text}`, [`crate::input::Cell::Figure`]), which
/// the pages align as numbers.
pub(crate) fn is_number_cell(v: Value) -> bool {
    matches!(v.kind(), ValueKind::Number | ValueKind::Map)
}

/// A table cell as the pages show it: a number as `num` writes it, a measured figure as its worded text, text as
/// it is.
pub(crate) fn cell_text(v: &Value) -> String {
    match v.kind() {
        ValueKind::Number => number(v),
        ValueKind::String => v.as_str().unwrap_or_default().to_string(),
        ValueKind::Map => v
            .get_attr("text")
            .ok()
            .and_then(|t| t.as_str().map(str::to_string))
            .unwrap_or_default(),
        _ => String::new(),
    }
}

/// The filters the HTML and PDF templates write tables and lists with: `cell` ([`cell_text`]), `length` and
/// `join` (the engine is built without minijinja's builtins).
pub(crate) fn table_filters(env: &mut Environment<'static>) {
    env.add_filter("cell", |v: Value| cell_text(&v));
    env.add_filter("length", |v: Value| v.len().unwrap_or(0));
    env.add_filter("join", |v: Value, sep: String| {
        v.try_iter()
            .map(|it| it.map(|x| x.to_string()).collect::<Vec<_>>().join(&sep))
            .unwrap_or_default()
    });
}

/// The hue of a heatmap cell: 0 (red) at a score of 0, 60 (amber) at 50, 120 (green) at 100.
pub(crate) fn heat_hue(score: f64) -> f64 {
    score.clamp(0.0, 100.0) * 1.2
}

/// The filters both templates (HTML and Markdown) write figures with: `score` (one decimal), `num` (at most
/// two, no trailing zeros), `pct` (a 0–1 share as a whole percentage), `delta` (signed, one decimal) and `lvl`
/// (a whole number); each writes `—` for a missing value.
pub(crate) fn number_filters(env: &mut Environment<'static>) {
    env.add_filter("score", |v: Value| fixed(&v, 1));
    env.add_filter("num", |v: Value| number(&v));
    env.add_filter("pct", |v: Value| {
        as_f64(&v).map_or_else(dash, |x| format!("{:.0}%", x * 100.0))
    });
    env.add_filter("delta", |v: Value| as_f64(&v).map_or_else(dash, |x| format!("{x:+.1}")));
    env.add_filter("lvl", |v: Value| as_f64(&v).map_or_else(dash, |x| format!("{x:.0}")));
}

fn dash() -> String {
    "—".to_string()
}

fn as_f64(v: &Value) -> Option<f64> {
    match v.kind() {
        ValueKind::Number => f64::try_from(v.clone()).ok(),
        _ => None,
    }
}

fn fixed(v: &Value, decimals: usize) -> String {
    as_f64(v).map_or_else(dash, |x| format!("{x:.decimals$}"))
}

/// A number with thousands separators, at most two decimals (one from 100 up) and no trailing zeros: the one
/// number formatter ([`crate::figures::format_number`]) without the Chinese 萬, since a filter does not know the
/// page's language.
pub fn format_number(x: f64) -> String {
    crate::figures::format_number(x, chuxin_core::Lang::En)
}

pub(crate) fn number(v: &Value) -> String {
    as_f64(v).map_or_else(dash, format_number)
}

/// The heatmap colour of a score: red at 0, amber at 50, green at 100; grey without a score.
pub fn heat(score: Option<f64>) -> String {
    match score {
        Some(s) => format!("background-color: hsl({:.0}, 70%, 82%)", heat_hue(s)),
        None => "background-color: #f6f8fa".to_string(),
    }
}

fn figure(id: &str, title: &str, svg: Option<&str>, omitted: &str) -> String {
    match svg {
        Some(svg) => format!(
            r#"<figure class="chart" id="chart-{}">{svg}<figcaption>{}</figcaption></figure>"#,
            escape(id),
            escape(title)
        ),
        None => format!(
            r#"<figure class="chart omitted" id="chart-{}"><p class="notice">{}</p><figcaption>{}</figcaption></figure>"#,
            escape(id),
            escape(omitted),
            escape(title)
        ),
    }
}

/// The client report as one HTML page.
pub fn report(r: &Report) -> Result<String, ReportError> {
    let omitted = words::word(r.lang, "chart_omitted");
    let charts: Vec<Value> = r
        .charts
        .iter()
        .map(|c| {
            let html = figure(&c.id, &c.title, c.svg.as_deref(), omitted);
            context! { group => c.group, html => Value::from_safe_string(html) }
        })
        .collect();
    let t: BTreeMap<&str, &str> = words::all(r.lang);
    Ok(env().get_template("report.html")?.render(context! {
        r => Value::from(Serde(r)),
        t => t,
        charts => charts,
        css => Value::from_safe_string(CSS.to_string()),
    })?)
}

/// The portfolio as one HTML page.
pub fn portfolio(p: &Portfolio) -> Result<String, ReportError> {
    let t: BTreeMap<&str, &str> = words::all(p.lang);
    Ok(env().get_template("portfolio.html")?.render(context! {
        p => Value::from(Serde(p)),
        t => t,
        css => Value::from_safe_string(CSS.to_string()),
    })?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[track_caller]
    fn case(x: f64, expected: &str) {
        assert_eq!(format_number(x), expected);
    }

    #[test]
    fn numbers_drop_trailing_zeros() {
        case(12.0, "12");
        case(0.126, "0.13");
        case(3.10, "3.1");
        case(-0.001, "0");
        case(1234.5, "1,234.5");
        case(267_483.5, "267,483.5");
    }

    #[test]
    fn heat_runs_red_to_green() {
        assert_eq!(heat(Some(0.0)), "background-color: hsl(0, 70%, 82%)");
        assert_eq!(heat(Some(100.0)), "background-color: hsl(120, 70%, 82%)");
        assert_eq!(heat(None), "background-color: #f6f8fa");
    }
}
