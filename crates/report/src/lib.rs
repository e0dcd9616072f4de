//! # chuxin-report: the documents an agency hands over
//!
//! Two documents, each first built as plain data and then rendered:
//!
//! 1. **The client report** ([`Report`], built by [`Report::build`] from a [`ReportInput`]): the summary (the three
//!    things to do first, the maturity level, the headline figures), section scores with a radar chart, every
//!    triggered sin with its evidence and recommendation, the 初心 check, benchmark comparisons, the change since
//!    the previous audit and the answers as an appendix. [`render_report`] writes it as self-contained HTML,
//!    Markdown (with the charts as SVG files beside it), JSON (schema: `docs/report-schema.md`) or XLSX.
//! 2. **The portfolio** ([`Portfolio`], built by [`Portfolio::build`] from every client's scorecard): a clients ×
//!    sections heatmap, the ranking by maturity, the sins most common across clients, each client's weakest
//!    section and largest gap to its competitors, and coverage warnings; [`render_portfolio`] writes it as HTML,
//!    JSON, CSV or XLSX.
//!
//! The crate knows no terminal and no command line: it takes data and returns bytes. All text from users
//! (answers, notes, names) is escaped by the template engine (HTML) or by [`markdown::escape`]; charts are drawn
//! as inline SVG by `chuxin-chart` ([`chuxin_chart::page`], which escapes their text) or passed in by the caller
//! ([`Chart`]) and checked ([`svg::sanitize`]) before they are inlined.
//!
//! | module | owns |
//! |---|---|
//! | [`input`] | what the caller gives: client, audits, scorecards, the benchmark section |
//! | [`section`] | a stored benchmark run as the benchmark section, and the client's gaps |
//! | [`bench_charts`] | a run's charts and an audit's radar, as `chuxin-chart` descriptions |
//! | [`figures`] | metric names, units and values as a reader sees them |
//! | [`model`] | the report as data (what the JSON shows) and how it is built |
//! | [`portfolio`] | the multi-client comparison as data |
//! | [`svg`] | SVG that is not drawing: escaping, the check of supplied charts, standalone chart files |
//! | [`html`], [`markdown`], [`xlsx`], [`pdf`] | the renderers (HTML, Markdown and the PDF's Typst source are minijinja templates in `templates/`; the PDF is typeset by Typst as a library) |
//! | [`words`] | the report's own words in the three languages |
#![deny(missing_docs)]

pub mod bench_charts;
pub mod conversations;
mod error;
pub mod figures;
pub mod html;
pub mod input;
pub mod markdown;
pub mod model;
pub mod pdf;
pub mod portfolio;
pub mod section;
pub mod spreadsheet;
pub mod svg;
pub mod words;
pub mod xlsx;

pub use error::ReportError;
pub use input::{AuditInput, BenchTable, Benchmark, Cell, Chart, Client, ComparisonRow, FigureText, Gap, ReportInput};
pub use model::Report;
pub use portfolio::{Portfolio, PortfolioEntry};
pub use spreadsheet::csv_text;

/// The formats of a client report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReportFormat {
    /// One self-contained HTML file (inline CSS and SVG) that prints well to PDF.
    Html,
    /// Markdown, with each chart as an SVG file beside it.
    Markdown,
    /// JSON, schema `chuxin.report/1`.
    Json,
    /// An Excel workbook.
    Xlsx,
    /// A4 PDF with a cover and page numbers, typeset without a browser ([`pdf`]).
    Pdf,
}

/// The formats of the portfolio.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PortfolioFormat {
    /// One self-contained HTML file with the heatmap.
    Html,
    /// JSON, schema `chuxin.portfolio/1`.
    Json,
    /// CSV: one row per client (UTF-8; the caller adds a byte-order mark for Excel).
    Csv,
    /// An Excel workbook.
    Xlsx,
    /// A4 landscape PDF ([`pdf`]).
    Pdf,
}

/// One file of a rendered document: a name relative to the output folder, and its bytes.
#[derive(Debug, Clone, PartialEq)]
pub struct OutputFile {
    /// File name, relative (`lotus-tea-2026-11-26.html`, `lotus-tea-2026-11-26-charts/radar.svg`).
    pub name: String,
    /// Content.
    pub bytes: Vec<u8>,
}

/// Renders a report; returns the files to write. `stem` is the file name without extension.
pub fn render_report(report: &Report, format: ReportFormat, stem: &str) -> Result<Vec<OutputFile>, ReportError> {
    let file = |ext: &str, bytes: Vec<u8>| OutputFile {
        name: format!("{stem}.{ext}"),
        bytes,
    };
    Ok(match format {
        ReportFormat::Html => vec![file("html", html::report(report)?.into_bytes())],
        ReportFormat::Json => {
            let mut bytes = serde_json::to_vec_pretty(report)?;
            bytes.push(b'\n');
            vec![file("json", bytes)]
        }
        ReportFormat::Xlsx => vec![file("xlsx", xlsx::report(report)?)],
        ReportFormat::Pdf => vec![file(
            "pdf",
            pdf::report(report, &pdf::Fonts::find(report.font.as_deref())?)?,
        )],
        ReportFormat::Markdown => {
            let dir = format!("{stem}-charts");
            let mut files = vec![file("md", markdown::report(report, &dir)?.into_bytes())];
            for chart in report.charts.iter().filter_map(|c| c.svg.as_ref().map(|svg| (c, svg))) {
                files.push(OutputFile {
                    name: format!("{dir}/{}.svg", chart.0.id),
                    bytes: svg::standalone(chart.1).into_bytes(),
                });
            }
            files
        }
    })
}

/// Renders the portfolio as bytes.
pub fn render_portfolio(portfolio: &Portfolio, format: PortfolioFormat) -> Result<Vec<u8>, ReportError> {
    Ok(match format {
        PortfolioFormat::Html => html::portfolio(portfolio)?.into_bytes(),
        PortfolioFormat::Json => {
            let mut bytes = serde_json::to_vec_pretty(portfolio)?;
            bytes.push(b'\n');
            bytes
        }
        PortfolioFormat::Csv => portfolio::write_csv(portfolio)?,
        PortfolioFormat::Xlsx => xlsx::portfolio(portfolio)?,
        PortfolioFormat::Pdf => pdf::portfolio(portfolio, &pdf::Fonts::find(portfolio.font.as_deref())?)?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use chuxin_core::{Answer, AnswerValue, Answers, Catalog, Facts, Lang, assess, core_pack};

    const HOSTILE: &str = "<script>document.title='pwned'</script><img src=x onerror=alert(1)>";

    fn answers(pairs: &[(&str, AnswerValue)]) -> Answers {
        let mut a = Answers::default();
        for (id, v) in pairs {
            a.0.insert(
                id.to_string(),
                Answer {
                    value: Some(v.clone()),
                    note: None,
                },
            );
        }
        a
    }

    fn sample(lang: Lang, with_previous: bool, benchmark: Option<&Benchmark>) -> Report {
        let catalog = Catalog::new(vec![core_pack().unwrap()]).unwrap();
        let mut now = answers(&[
            ("env.interest", AnswerValue::Int(1)),
            ("ops.listening", AnswerValue::Int(1)),
            ("ops.participation", AnswerValue::Int(2)),
            ("exe.strategy_plan", AnswerValue::Int(4)),
        ]);
        now.0.get_mut("env.interest").unwrap().note = Some(HOSTILE.to_string());
        let before = answers(&[("env.interest", AnswerValue::Int(3))]);
        let card = assess(&catalog, &now, &Facts::new());
        let prev_card = assess(&catalog, &before, &Facts::new());
        let client = Client {
            id: "acme".into(),
            name: format!("Acme {HOSTILE}"),
            ..Default::default()
        };
        let input = ReportInput {
            agency: "Agency & Co",
            lang,
            generated: "2026-11-26",
            client: &client,
            catalog: &catalog,
            audit: AuditInput {
                id: "2026-11-26",
                date: "2026-11-26",
                answers: &now,
                card: &card,
            },
            previous: with_previous.then_some(AuditInput {
                id: "2026-01-05",
                date: "2026-01-05",
                answers: &before,
                card: &prev_card,
            }),
            run: None,
            font: None,
        };
        Report::build_with(&input, benchmark)
    }

    #[test]
    fn html_escapes_user_text_inlines_every_chart_and_refers_to_no_url() {
        let bench = Benchmark {
            scope: "Weibo · 2026-Q3".into(),
            tables: vec![BenchTable {
                id: "er".into(),
                title: "ER".into(),
                columns: vec!["brand".into(), "ER %".into()],
                rows: vec![vec!["Acme".into(), Cell::Number(1.25)], vec![HOSTILE.into(), Cell::Empty]],
                highlight: Some(0),
            }],
            charts: vec![
                Chart {
                    id: "er-by-brand".into(),
                    title: "ER by brand".into(),
                    svg: r#"<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"><rect width="5" height="5"/></svg>"#
                        .into(),
                },
                Chart {
                    id: "evil".into(),
                    title: "evil".into(),
                    svg: "<svg><script>alert(1)</script></svg>".into(),
                },
            ],
            gaps: vec![],
            notes: vec![],
            figures: Default::default(),
            ..Default::default()
        };
        let report = sample(Lang::En, true, Some(&bench));
        let html = String::from_utf8(
            render_report(&report, ReportFormat::Html, "x").unwrap()[0]
                .bytes
                .clone(),
        )
        .unwrap();
        assert!(!html.contains("<script"), "no script element, hostile text escaped");
        assert!(!html.contains("<img"), "no img element");
        assert!(
            html.contains("&lt;script&gt;document.title="),
            "the hostile text shows as text"
        );
        assert!(!html.contains("http://") && !html.contains("https://"), "no URL at all");
        for id in ["radar", "change", "er-by-brand"] {
            assert!(html.contains(&format!(r#"id="chart-{id}"><svg"#)), "chart {id} inlined");
        }
        assert!(html.contains(r#"<figure class="chart omitted" id="chart-evil">"#));
        assert!(html.contains("Agency &amp; Co"));
        assert!(html.contains("@media print"));
    }

    #[test]
    fn top_actions_rank_by_severity_then_weight_and_every_format_renders() {
        let report = sample(Lang::ZhHant, false, None);
        assert!(report.summary.top_actions.len() <= 3);
        let keys: Vec<_> = report
            .summary
            .top_actions
            .iter()
            .map(|a| (std::cmp::Reverse(a.severity), -a.weight as i64))
            .collect();
        let mut sorted = keys.clone();
        sorted.sort();
        assert_eq!(keys, sorted);
        assert!(report.change.is_none());
        for format in [
            ReportFormat::Html,
            ReportFormat::Markdown,
            ReportFormat::Json,
            ReportFormat::Xlsx,
        ] {
            let files = render_report(&report, format, "acme-2026-11-26").unwrap();
            assert!(!files[0].bytes.is_empty());
        }
        let md = render_report(&report, ReportFormat::Markdown, "r").unwrap();
        assert_eq!(md[1].name, "r-charts/radar.svg");
        let text = String::from_utf8(md[0].bytes.clone()).unwrap();
        assert!(text.contains("![各區塊分數雷達圖](r-charts/radar.svg)"));
        assert!(!text.contains("<script"));
        let json: serde_json::Value =
            serde_json::from_slice(&render_report(&report, ReportFormat::Json, "r").unwrap()[0].bytes).unwrap();
        assert_eq!(json["schema"], "chuxin.report/1");
        assert_eq!(json["lang"], "zh-Hant");
    }
}
