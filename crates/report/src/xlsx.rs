//! XLSX: the report and the portfolio as Excel workbooks (rust_xlsxwriter), for agencies that keep working in a
//! spreadsheet. Charts become native Excel charts drawn from the sheet's own cells (a radar of the section
//! scores), and the portfolio heatmap is a colour-scale conditional format, so both stay live when edited.

use crate::error::ReportError;
use crate::input::Cell;
use crate::model::Report;
use crate::portfolio::Portfolio;
use crate::words::all;
use rust_xlsxwriter::{
    Chart, ChartType, ConditionalFormat3ColorScale, ConditionalFormatType, Format, Workbook, Worksheet, XlsxError,
};

/// A sheet name Excel accepts: no `[]:*?/\`, at most 31 characters.
pub fn sheet_name(s: &str) -> String {
    let cleaned: String = s
        .chars()
        .map(|c| {
            if matches!(c, '[' | ']' | ':' | '*' | '?' | '/' | '\\') {
                ' '
            } else {
                c
            }
        })
        .collect();
    let trimmed: String = cleaned.trim().trim_matches('\'').chars().take(31).collect();
    if trimmed.trim().is_empty() {
        "Sheet".to_string()
    } else {
        trimmed.trim().to_string()
    }
}

struct Styles {
    title: Format,
    head: Format,
    wrap: Format,
    score: Format,
    pct: Format,
}

fn styles() -> Styles {
    Styles {
        title: Format::new().set_bold().set_font_size(14),
        head: Format::new().set_bold().set_background_color("#EAEEF2"),
        wrap: Format::new().set_text_wrap(),
        score: Format::new().set_num_format("0.0"),
        pct: Format::new().set_num_format("0%"),
    }
}

fn opt(ws: &mut Worksheet, row: u32, col: u16, v: Option<f64>, f: &Format) -> Result<(), XlsxError> {
    match v {
        Some(v) => ws.write_number_with_format(row, col, v, f).map(|_| ()),
        None => ws.write_string(row, col, "—").map(|_| ()),
    }
}

fn header(ws: &mut Worksheet, row: u32, cols: &[&str], s: &Styles) -> Result<(), XlsxError> {
    for (i, c) in cols.iter().enumerate() {
        ws.write_string_with_format(row, i as u16, *c, &s.head)?;
    }
    Ok(())
}

/// The client report as a workbook.
pub fn report(r: &Report) -> Result<Vec<u8>, ReportError> {
    let t = all(r.lang);
    let s = styles();
    let mut wb = Workbook::new();

    let ws = wb.add_worksheet().set_name(sheet_name(t["summary"]))?;
    ws.set_column_width(0, 28)?;
    ws.set_column_width(1, 90)?;
    ws.write_string_with_format(0, 0, format!("{} · {}", t["report_title"], r.client.name), &s.title)?;
    let sm = &r.summary;
    let rows: Vec<(&str, String)> = vec![
        (t["prepared_by"], r.agency.clone()),
        (t["audit"], format!("{} ({})", r.audit.id, r.audit.date)),
        (t["generated"], r.generated.clone()),
        (
            t["maturity"],
            sm.maturity
                .as_ref()
                .map_or_else(|| "—".into(), |m| format!("{}/{} · {}", m.level, m.of, m.name)),
        ),
        (t["answered"], format!("{}/{}", sm.answered, sm.scored)),
        (t["sins_found"], sm.sins.total.to_string()),
    ];
    ws.write_string(2, 0, t["overall"])?;
    opt(ws, 2, 1, sm.overall, &s.score)?;
    ws.write_string(3, 0, t["coverage"])?;
    ws.write_number_with_format(3, 1, sm.coverage, &s.pct)?;
    let mut row = 4;
    for (k, v) in rows {
        ws.write_string(row, 0, k)?;
        ws.write_string_with_format(row, 1, v, &s.wrap)?;
        row += 1;
    }
    if sm.low_coverage {
        ws.write_string_with_format(row, 1, t["low_coverage"], &s.wrap)?;
        row += 1;
    }
    row += 1;
    ws.write_string_with_format(row, 0, t["top_actions"], &s.head)?;
    for (i, a) in sm.top_actions.iter().enumerate() {
        row += 1;
        ws.write_string(row, 0, format!("{}. {} ({})", i + 1, a.title, a.severity_name))?;
        ws.write_string_with_format(row, 1, &a.recommendation, &s.wrap)?;
    }

    let name = sheet_name(t["sections"]);
    let ws = wb.add_worksheet().set_name(&name)?;
    ws.set_column_width(0, 30)?;
    let with_prev = r.change.is_some();
    let mut cols = vec![t["section"], t["score"], t["answered"], t["weight"]];
    if with_prev {
        cols.extend([t["previous"], t["delta"]]);
    }
    header(ws, 0, &cols, &s)?;
    for (i, sec) in r.sections.iter().enumerate() {
        let row = i as u32 + 1;
        ws.write_string(row, 0, &sec.title)?;
        opt(ws, row, 1, sec.score, &s.score)?;
        ws.write_string(row, 2, format!("{}/{}", sec.answered, sec.scored))?;
        ws.write_number(row, 3, sec.weight)?;
        if with_prev {
            opt(ws, row, 4, sec.previous, &s.score)?;
            opt(ws, row, 5, sec.delta, &s.score)?;
        }
    }
    if !r.sections.is_empty() {
        let last = r.sections.len() as u32;
        let mut chart = Chart::new(ChartType::Radar);
        chart.title().set_name(t["radar"]);
        chart
            .add_series()
            .set_name(t["current"])
            .set_categories((name.as_str(), 1, 0, last, 0))
            .set_values((name.as_str(), 1, 1, last, 1));
        if with_prev {
            chart
                .add_series()
                .set_name(t["previous"])
                .set_categories((name.as_str(), 1, 0, last, 0))
                .set_values((name.as_str(), 1, 4, last, 4));
        }
        chart.y_axis().set_min(0).set_max(100);
        ws.insert_chart(last + 2, 0, &chart)?;
    }

    let ws = wb.add_worksheet().set_name(sheet_name(t["anchors"]))?;
    ws.set_column_width(0, 30)?;
    ws.set_column_width(3, 90)?;
    header(ws, 0, &[t["anchors"], t["score"], t["answered"], ""], &s)?;
    for (i, a) in r.anchors.iter().enumerate() {
        let row = i as u32 + 1;
        ws.write_string(row, 0, &a.title)?;
        opt(ws, row, 1, a.score, &s.score)?;
        ws.write_string(row, 2, format!("{}/{}", a.answered, a.total))?;
        ws.write_string_with_format(row, 3, &a.description, &s.wrap)?;
    }

    let ws = wb.add_worksheet().set_name(sheet_name(t["findings"]))?;
    for (c, w) in [(1u16, 30.0), (4, 40.0), (5, 30.0), (6, 30.0), (7, 24.0), (8, 60.0)] {
        ws.set_column_width(c, w)?;
    }
    header(
        ws,
        0,
        &[
            "#",
            t["findings"],
            t["severity"],
            t["category"],
            t["question"],
            t["answer"],
            t["note"],
            t["rule"],
            t["recommendation"],
        ],
        &s,
    )?;
    let mut row = 0;
    for f in &r.findings {
        for ev in &f.evidence {
            row += 1;
            ws.write_string(row, 0, &f.code)?;
            ws.write_string(row, 1, &f.title)?;
            ws.write_string(row, 2, &f.severity_name)?;
            ws.write_string(row, 3, &f.category_name)?;
            let (what, seen) = match (&ev.question, &ev.metric) {
                (Some(q), _) => (
                    format!("{q} · {}", ev.prompt.as_deref().unwrap_or("")),
                    ev.answer.clone().unwrap_or_else(|| t["unanswered"].to_string()),
                ),
                (None, Some(m)) => (
                    ev.metric_label
                        .as_ref()
                        .map_or_else(|| m.clone(), |l| format!("{m} · {l}")),
                    ev.figure_text.clone().unwrap_or_else(|| {
                        ev.figure
                            .map_or_else(|| t["no_data"].to_string(), crate::html::format_number)
                    }),
                ),
                _ => (String::new(), String::new()),
            };
            ws.write_string_with_format(row, 4, what, &s.wrap)?;
            ws.write_string_with_format(row, 5, seen, &s.wrap)?;
            ws.write_string_with_format(row, 6, ev.note.as_deref().unwrap_or(""), &s.wrap)?;
            ws.write_string(row, 7, &ev.clause)?;
            ws.write_string_with_format(row, 8, &f.recommendation, &s.wrap)?;
        }
    }

    let ws = wb.add_worksheet().set_name(sheet_name(t["benchmark"]))?;
    match &r.benchmark {
        None => {
            ws.write_string(0, 0, t["no_benchmark"])?;
        }
        Some(b) => {
            ws.write_string(0, 0, &b.scope)?;
            let mut row = 2;
            for tb in &b.tables {
                ws.write_string_with_format(row, 0, &tb.title, &s.title)?;
                row += 1;
                let cols: Vec<&str> = tb.columns.iter().map(String::as_str).collect();
                header(ws, row, &cols, &s)?;
                for cells in &tb.rows {
                    row += 1;
                    for (c, cell) in cells.iter().enumerate() {
                        match cell {
                            Cell::Number(x) => ws.write_number(row, c as u16, *x)?,
                            Cell::Text(v) => ws.write_string(row, c as u16, v)?,
                            Cell::Empty => ws,
                        };
                    }
                }
                row += 2;
            }
            for n in &b.notes {
                ws.write_string(row, 0, n)?;
                row += 1;
            }
        }
    }

    let ws = wb.add_worksheet().set_name(sheet_name(t["change"]))?;
    ws.set_column_width(0, 30)?;
    match &r.change {
        None => {
            ws.write_string(0, 0, t["first_audit"])?;
        }
        Some(c) => {
            header(ws, 0, &["", t["previous"], t["current"], t["delta"]], &s)?;
            ws.write_string(1, 0, t["overall"])?;
            opt(ws, 1, 1, c.overall_before, &s.score)?;
            opt(ws, 1, 2, c.overall_after, &s.score)?;
            opt(ws, 1, 3, c.overall_delta, &s.score)?;
            ws.write_string(2, 0, t["maturity"])?;
            opt(ws, 2, 1, c.maturity_before.map(f64::from), &s.score)?;
            opt(ws, 2, 2, c.maturity_after.map(f64::from), &s.score)?;
            ws.write_string(3, 0, t["coverage"])?;
            ws.write_number_with_format(3, 1, c.coverage_before, &s.pct)?;
            ws.write_number_with_format(3, 2, c.coverage_after, &s.pct)?;
            let mut row = 5;
            for (key, list) in [
                ("new_sins", &c.new_sins),
                ("resolved_sins", &c.resolved_sins),
                ("persisting_sins", &c.persisting_sins),
            ] {
                ws.write_string_with_format(row, 0, t[key], &s.head)?;
                for sin in list {
                    row += 1;
                    ws.write_string(row, 0, &sin.title)?;
                }
                row += 2;
            }
        }
    }

    let ws = wb.add_worksheet().set_name(sheet_name(t["appendix"]))?;
    for (c, w) in [(0u16, 26.0), (1, 24.0), (2, 60.0), (3, 40.0), (5, 40.0)] {
        ws.set_column_width(c, w)?;
    }
    header(
        ws,
        0,
        &[t["id"], t["section"], t["question"], t["answer"], t["score"], t["note"]],
        &s,
    )?;
    let mut row = 0;
    for sec in &r.appendix {
        for q in &sec.questions {
            row += 1;
            ws.write_string(row, 0, &q.id)?;
            ws.write_string(row, 1, &sec.title)?;
            ws.write_string_with_format(row, 2, &q.prompt, &s.wrap)?;
            ws.write_string_with_format(row, 3, q.answer.as_deref().unwrap_or(""), &s.wrap)?;
            if let Some(v) = q.score {
                ws.write_number_with_format(row, 4, v, &s.score)?;
            }
            ws.write_string_with_format(row, 5, q.note.as_deref().unwrap_or(""), &s.wrap)?;
        }
    }
    Ok(wb.save_to_buffer()?)
}

/// The portfolio as a workbook: the heatmap (colour scale), the ranking, the common sins and the weak spots.
pub fn portfolio(p: &Portfolio) -> Result<Vec<u8>, ReportError> {
    let t = all(p.lang);
    let s = styles();
    let mut wb = Workbook::new();

    let ws = wb.add_worksheet().set_name(sheet_name(t["heatmap"]))?;
    ws.set_column_width(0, 28)?;
    let mut cols = vec![t["client"]];
    cols.extend(p.columns.iter().map(|c| c.title.as_str()));
    cols.extend([t["overall"], t["maturity"], t["coverage"]]);
    header(ws, 0, &cols, &s)?;
    let n = p.columns.len() as u16;
    for (i, c) in p.clients.iter().enumerate() {
        let row = i as u32 + 1;
        ws.write_string(row, 0, &c.name)?;
        for (j, v) in c.cells.iter().enumerate() {
            if let Some(v) = v {
                ws.write_number_with_format(row, 1 + j as u16, *v, &s.score)?;
            }
        }
        if let Some(v) = c.overall {
            ws.write_number_with_format(row, 1 + n, v, &s.score)?;
        }
        if let Some(m) = c.maturity {
            ws.write_number(row, 2 + n, m)?;
        }
        ws.write_number_with_format(row, 3 + n, c.coverage, &s.pct)?;
    }
    if !p.clients.is_empty() {
        let scale = ConditionalFormat3ColorScale::new()
            .set_minimum(ConditionalFormatType::Number, 0)
            .set_midpoint(ConditionalFormatType::Number, 50)
            .set_maximum(ConditionalFormatType::Number, 100)
            .set_minimum_color("#F8696B")
            .set_midpoint_color("#FFEB84")
            .set_maximum_color("#63BE7B");
        ws.add_conditional_format(1, 1, p.clients.len() as u32, 1 + n, &scale)?;
    }

    let ws = wb.add_worksheet().set_name(sheet_name(t["ranking"]))?;
    ws.set_column_width(1, 28)?;
    header(ws, 0, &[t["rank"], t["client"], t["overall"], t["maturity"]], &s)?;
    for (i, r) in p.ranking.iter().enumerate() {
        let row = i as u32 + 1;
        ws.write_number(row, 0, r.rank as f64)?;
        ws.write_string(row, 1, &r.name)?;
        ws.write_number_with_format(row, 2, r.overall, &s.score)?;
        ws.write_string(
            row,
            3,
            r.maturity.map_or_else(String::new, |m| {
                format!("{m} · {}", r.maturity_name.as_deref().unwrap_or(""))
            }),
        )?;
    }

    let ws = wb.add_worksheet().set_name(sheet_name(t["common_sins"]))?;
    ws.set_column_width(0, 40)?;
    ws.set_column_width(3, 60)?;
    header(
        ws,
        0,
        &[t["findings"], t["severity"], t["clients_count"], t["which_clients"]],
        &s,
    )?;
    for (i, sin) in p.common_sins.iter().enumerate() {
        let row = i as u32 + 1;
        ws.write_string(row, 0, format!("{} {}", sin.code, sin.title))?;
        ws.write_string(row, 1, sin.severity.name(p.lang))?;
        ws.write_number(row, 2, sin.count as f64)?;
        ws.write_string(row, 3, sin.clients.join(", "))?;
    }

    let ws = wb.add_worksheet().set_name(sheet_name(t["per_client"]))?;
    ws.set_column_width(0, 28)?;
    ws.set_column_width(1, 30)?;
    ws.set_column_width(3, 30)?;
    ws.set_column_width(5, 50)?;
    header(
        ws,
        0,
        &[
            t["client"],
            t["weakest_section"],
            t["score"],
            t["largest_gap"],
            t["index"],
            t["warnings"],
        ],
        &s,
    )?;
    for (i, c) in p.clients.iter().enumerate() {
        let row = i as u32 + 1;
        ws.write_string(row, 0, &c.name)?;
        if let Some(w) = &c.weakest {
            ws.write_string(row, 1, &w.title)?;
            ws.write_number_with_format(row, 2, w.score, &s.score)?;
        }
        if let Some(g) = &c.largest_gap {
            ws.write_string(row, 3, &g.label)?;
            ws.write_number_with_format(row, 4, g.index, &s.score)?;
        }
        let warnings: Vec<&str> = p.warnings_of(&c.id).map(|w| w.text.as_str()).collect();
        ws.write_string(row, 5, warnings.join("; "))?;
    }
    Ok(wb.save_to_buffer()?)
}

#[cfg(test)]
mod tests {
    use super::sheet_name;

    #[test]
    fn sheet_names_are_excel_safe() {
        assert_eq!(sheet_name("Diagnosis: the sins"), "Diagnosis  the sins");
        assert_eq!(sheet_name(&"長".repeat(40)).chars().count(), 31);
        assert_eq!(sheet_name("[]"), "Sheet");
    }
}
