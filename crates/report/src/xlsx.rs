//! XLSX: the report and the portfolio as Excel workbooks (rust_xlsxwriter), for agencies that keep working in a
//! spreadsheet. Charts become native Excel charts drawn from the sheet's own cells (a radar of the section
//! scores), and the portfolio heatmap is a colour-scale conditional format, so both stay live when edited.

use crate::error::ReportError;
use crate::figures::{format_number, format_percent};
use crate::input::{Cell, FigureUnit};
use crate::model::Report;
use crate::portfolio::Portfolio;
use crate::words::all;
use chuxin_forms::sheet::{height, sheet_name, text_width, wrapped_lines};
use rust_xlsxwriter::{
    Chart, ChartType, ConditionalFormat3ColorScale, ConditionalFormatType, Format, FormatAlign, Workbook, Worksheet,
    XlsxError,
};

/// A new sheet named `title` (made a name Excel accepts, unique among `names`, which it joins).
fn add<'a>(wb: &'a mut Workbook, names: &mut Vec<String>, title: &str) -> Result<&'a mut Worksheet, XlsxError> {
    let name = sheet_name(title, names);
    names.push(name.clone());
    wb.add_worksheet().set_name(name)
}

/// A column is never wider than this (in Excel's units, about one Latin character); longer text wraps.
const MAX_WIDTH: f64 = 50.0;
/// Nor narrower than this.
const MIN_WIDTH: f64 = 6.0;

struct Styles {
    title: Format,
    head: Format,
    wrap: Format,
    top: Format,
    score: Format,
    pct0: Format,
    count: Format,
    number: Format,
    pct: Format,
    ratio: Format,
    index: Format,
    weight: Format,
    bold: Format,
}

fn styles() -> Styles {
    // Every cell sits at the top of its row, level with the first line of a wrapped neighbour.
    let top = || Format::new().set_align(FormatAlign::Top);
    Styles {
        title: Format::new().set_bold().set_font_size(14),
        head: top().set_bold().set_background_color("#EAEEF2").set_text_wrap(),
        wrap: top().set_text_wrap(),
        top: top(),
        score: top().set_num_format("0.0"),
        pct0: top().set_num_format("0%"),
        count: top().set_num_format("#,##0"),
        // As the pages write figures: one decimal from 100 up, two below; percentages two decimals below 1 %.
        number: top().set_num_format("[>=100]#,##0.0;[<=-100]-#,##0.0;#,##0.00"),
        pct: top().set_num_format("[<0.01]0.00%;0.0%"),
        ratio: top().set_num_format("+0.0%;-0.0%;0.0%"),
        index: top().set_num_format("0.0"),
        weight: top().set_num_format("0.0#"),
        bold: Format::new().set_bold(),
    }
}

/// A worksheet being written: each column's widest cell is remembered for [`Sheet::finish`], which fits the
/// column widths to their content (at most [`MAX_WIDTH`]); text wider than that wraps in its cell, and its row is
/// made tall enough for its lines (spreadsheets do not grow a row for wrapped text they did not lay out).
struct Sheet<'a> {
    ws: &'a mut Worksheet,
    s: &'a Styles,
    widths: Vec<f64>,
    lines: std::collections::BTreeMap<u32, f64>,
}

impl<'a> Sheet<'a> {
    fn new(ws: &'a mut Worksheet, s: &'a Styles) -> Sheet<'a> {
        Sheet {
            ws,
            s,
            widths: Vec::new(),
            lines: Default::default(),
        }
    }

    fn fit(&mut self, col: u16, width: f64) {
        let col = usize::from(col);
        if self.widths.len() <= col {
            self.widths.resize(col + 1, 0.0);
        }
        self.widths[col] = self.widths[col].max(width);
    }

    /// A text cell, wrapped when it is wider than a column may be.
    fn text(&mut self, row: u32, col: u16, text: &str) -> Result<(), XlsxError> {
        let width = text_width(text);
        self.fit(col, width.min(MAX_WIDTH));
        if width > MAX_WIDTH || text.contains('\n') {
            let lines = self.lines.entry(row).or_insert(1.0);
            *lines = lines.max(wrapped_lines(text, MAX_WIDTH));
            self.ws.write_string_with_format(row, col, text, &self.s.wrap)?;
        } else {
            self.ws.write_string_with_format(row, col, text, &self.s.top)?;
        }
        Ok(())
    }

    /// A line of prose above or below a table (a title, the scope, a note): it runs across the empty cells to
    /// its right and does not widen its column.
    fn prose(&mut self, row: u32, text: &str, format: Option<&Format>) -> Result<(), XlsxError> {
        match format {
            Some(f) => self.ws.write_string_with_format(row, 0, text, f)?,
            None => self.ws.write_string(row, 0, text)?,
        };
        Ok(())
    }

    /// A header row (bold, shaded, wrapped when long).
    fn header(&mut self, row: u32, cols: &[&str]) -> Result<(), XlsxError> {
        for (i, c) in cols.iter().enumerate() {
            let col = i as u16;
            self.fit(col, text_width(c).min(MAX_WIDTH));
            self.ws.write_string_with_format(row, col, *c, &self.s.head)?;
        }
        Ok(())
    }

    /// A number with a number format; `shown` is how it reads, for the width.
    fn number(&mut self, row: u32, col: u16, v: f64, format: &Format, shown: &str) -> Result<(), XlsxError> {
        self.fit(col, text_width(shown) + 1.0);
        self.ws.write_number_with_format(row, col, v, format)?;
        Ok(())
    }

    /// A score (one decimal), or `—` without one.
    fn score(&mut self, row: u32, col: u16, v: Option<f64>) -> Result<(), XlsxError> {
        match v {
            Some(v) => {
                let s = self.s;
                self.number(row, col, v, &s.score, &format!("{v:.1}"))
            }
            None => self.text(row, col, "—"),
        }
    }

    /// A table cell: a measured figure with its unit's number format, a number, text, or nothing.
    fn cell(&mut self, row: u32, col: u16, cell: &Cell) -> Result<(), XlsxError> {
        let (en, s) = (chuxin_core::Lang::En, self.s);
        match cell {
            Cell::Figure(f) => {
                let (value, format, shown) = match f.unit {
                    FigureUnit::Count | FigureUnit::Minutes => (f.value, &s.count, format_number(f.value.round(), en)),
                    FigureUnit::Percent => (f.value / 100.0, &s.pct, format_percent(f.value)),
                    FigureUnit::Fraction => (f.value, &s.pct, format_percent(f.value * 100.0)),
                    FigureUnit::Ratio => (f.value, &s.ratio, format!("+{}", format_percent(f.value * 100.0))),
                    FigureUnit::Index => (f.value, &s.index, format!("{:.1}", f.value)),
                    FigureUnit::Number => (f.value, &s.number, format_number(f.value, en)),
                };
                self.number(row, col, value, format, &shown)
            }
            Cell::Number(x) => self.number(row, col, *x, &s.number, &format_number(*x, en)),
            Cell::Text(t) => self.text(row, col, t),
            Cell::Empty => Ok(()),
        }
    }

    /// Sets the fitted widths, and freezes the rows above `frozen_rows` (the header) and the columns left of
    /// `frozen_cols`.
    fn finish(self, frozen_rows: u32, frozen_cols: u16) -> Result<(), XlsxError> {
        for (col, w) in self.widths.iter().enumerate() {
            self.ws
                .set_column_width(col as u16, (w + 2.0).clamp(MIN_WIDTH, MAX_WIDTH))?;
        }
        for (row, lines) in &self.lines {
            self.ws.set_row_height(*row, height(*lines))?;
        }
        if frozen_rows > 0 || frozen_cols > 0 {
            self.ws.set_freeze_panes(frozen_rows, frozen_cols)?;
        }
        Ok(())
    }
}

/// A benchmark table under `row`: its title, its header, its rows. Returns the row of its header and the next
/// free row.
fn table(sh: &mut Sheet<'_>, row: u32, tb: &crate::input::BenchTable, title: bool) -> Result<(u32, u32), XlsxError> {
    let mut row = row;
    if title {
        let s = sh.s;
        sh.prose(row, &tb.title, Some(&s.bold))?;
        row += 1;
    }
    let cols: Vec<&str> = tb.columns.iter().map(String::as_str).collect();
    sh.header(row, &cols)?;
    let header = row;
    for cells in &tb.rows {
        row += 1;
        for (c, cell) in cells.iter().enumerate() {
            sh.cell(row, c as u16, cell)?;
        }
    }
    Ok((header, row + 2))
}

/// The client report as a workbook: a sheet per part of the report, named in its language (summary, section
/// scores, the 初心 check, the sins, the benchmark, the conversations, the change, the appendix), each with its
/// header row frozen, its columns fitted to their content (CJK characters count double) and long text wrapped;
/// numbers keep their value, written with thousands separators, percentages as percentages and indices to one
/// decimal. Rule clauses and ids stay on the appendix's sheet.
pub fn report(r: &Report) -> Result<Vec<u8>, ReportError> {
    let t = all(r.lang);
    let s = styles();
    let mut wb = Workbook::new();
    let mut names = Vec::new();

    // Summary: a two-column list of figures, then the three things to do first.
    let ws = add(&mut wb, &mut names, t["summary"])?;
    let mut sh = Sheet::new(ws, &s);
    sh.prose(0, &format!("{} · {}", t["report_title"], r.client.name), Some(&s.title))?;
    let sm = &r.summary;
    sh.text(2, 0, t["overall"])?;
    sh.score(2, 1, sm.overall)?;
    sh.text(3, 0, t["coverage"])?;
    sh.number(3, 1, sm.coverage, &s.pct0, &format!("{:.0}%", sm.coverage * 100.0))?;
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
    let mut row = 4;
    for (k, v) in rows {
        sh.text(row, 0, k)?;
        sh.text(row, 1, &v)?;
        row += 1;
    }
    if let Some(held) = sm.maturity.as_ref().and_then(|m| m.held_down.as_deref()) {
        sh.text(row, 1, held)?;
        row += 1;
    }
    if sm.low_coverage {
        sh.text(row, 1, t["low_coverage"])?;
        row += 1;
    }
    row += 1;
    sh.header(row, &[t["top_actions"], t["recommendation"]])?;
    for (i, a) in sm.top_actions.iter().enumerate() {
        row += 1;
        sh.text(
            row,
            0,
            &format!("{}. {} {} ({})", i + 1, a.code, a.title, a.severity_name),
        )?;
        sh.text(row, 1, &a.recommendation)?;
    }
    sh.finish(0, 0)?;

    // Section scores, with a native radar drawn from the sheet's cells.
    let ws = add(&mut wb, &mut names, t["sections"])?;
    let name = ws.name();
    let mut sh = Sheet::new(ws, &s);
    let with_prev = r.change.is_some();
    let mut cols = vec![t["section"], t["score"], t["answered"], t["weight"]];
    if with_prev {
        cols.extend([t["previous"], t["delta"]]);
    }
    sh.header(0, &cols)?;
    for (i, sec) in r.sections.iter().enumerate() {
        let row = i as u32 + 1;
        sh.text(row, 0, &sec.title)?;
        sh.score(row, 1, sec.score)?;
        sh.text(row, 2, &format!("{}/{}", sec.answered, sec.scored))?;
        sh.number(
            row,
            3,
            sec.weight,
            &s.weight,
            &format_number(sec.weight, chuxin_core::Lang::En),
        )?;
        if with_prev {
            sh.score(row, 4, sec.previous)?;
            sh.score(row, 5, sec.delta)?;
        }
    }
    sh.finish(1, 1)?;
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
        wb.worksheet_from_name(&name)?.insert_chart(last + 2, 0, &chart)?;
    }

    // The 初心 check.
    let ws = add(&mut wb, &mut names, t["anchors"])?;
    let mut sh = Sheet::new(ws, &s);
    sh.header(0, &[t["anchors"], t["score"], t["answered"], t["why"]])?;
    for (i, a) in r.anchors.iter().enumerate() {
        let row = i as u32 + 1;
        sh.text(row, 0, &a.title)?;
        sh.score(row, 1, a.score)?;
        sh.text(row, 2, &format!("{}/{}", a.answered, a.total))?;
        sh.text(row, 3, &a.description)?;
    }
    sh.finish(1, 1)?;

    // The sins, in plain words: one row per statement of evidence.
    let ws = add(&mut wb, &mut names, t["findings"])?;
    let mut sh = Sheet::new(ws, &s);
    sh.header(
        0,
        &[
            t["sin_code"],
            t["findings"],
            t["severity"],
            t["category"],
            t["question"],
            t["evidence"],
            t["note"],
            t["why"],
            t["recommendation"],
        ],
    )?;
    let mut row = 0;
    for f in &r.findings {
        for (i, st) in f.statements.iter().enumerate() {
            row += 1;
            sh.text(row, 0, &f.code)?;
            sh.text(row, 1, &f.title)?;
            sh.text(row, 2, &f.severity_name)?;
            sh.text(row, 3, &f.category_name)?;
            sh.text(row, 4, st.prompt.as_deref().unwrap_or(""))?;
            sh.text(row, 5, &st.text)?;
            sh.text(row, 6, st.note.as_deref().unwrap_or(""))?;
            if i == 0 {
                sh.text(row, 7, &f.explanation)?;
                sh.text(row, 8, &f.recommendation)?;
            }
        }
    }
    sh.finish(1, 2)?;

    // The benchmark: its scope and sentences, the comparison with the competitors (the header frozen under
    // them), then the plugins' comparisons, the lines for comparisons without data and the notes.
    let ws = add(&mut wb, &mut names, t["benchmark"])?;
    let mut sh = Sheet::new(ws, &s);
    let mut frozen = 0;
    match &r.benchmark {
        None => sh.prose(0, t["no_benchmark"], None)?,
        Some(b) => {
            sh.prose(0, &b.scope, None)?;
            let mut row = 1;
            for line in &b.sentences {
                sh.prose(row, line, None)?;
                row += 1;
            }
            row += 1;
            for tb in b.tables.iter().filter(|tb| tb.id != "references" && tb.id != "sources") {
                let first = tb.id == "overall";
                let (header, next) = table(&mut sh, row, tb, !first)?;
                if first {
                    frozen = header + 1;
                    // The verdict in words beside each metric (the same metrics, in the same order).
                    if b.comparison.len() == tb.rows.len() {
                        let col = tb.columns.len() as u16;
                        sh.ws
                            .write_string_with_format(header, col, t["versus_median"], &s.head)?;
                        sh.fit(col, text_width(t["versus_median"]));
                        for (i, c) in b.comparison.iter().enumerate() {
                            sh.text(header + 1 + i as u32, col, &c.verdict_text)?;
                        }
                    }
                }
                row = next;
            }
            for line in b.unavailable.iter().chain(&b.notes) {
                sh.prose(row, line, None)?;
                row += 1;
            }
        }
    }
    sh.finish(frozen, if frozen > 0 { 1 } else { 0 })?;
    // Its appendices, a sheet each: the industry references, and the files and columns read.
    if let Some(b) = &r.benchmark {
        for (id, name) in [("references", "sheet_references"), ("sources", "sheet_sources")] {
            let Some(tb) = b.tables.iter().find(|tb| tb.id == id) else {
                continue;
            };
            let ws = add(&mut wb, &mut names, t[name])?;
            let mut sh = Sheet::new(ws, &s);
            table(&mut sh, 0, tb, false)?;
            sh.finish(1, 1)?;
        }
    }

    // The conversations: the data period, then the response-rate table (header frozen) and the unanswered
    // messages by platform.
    let ws = add(&mut wb, &mut names, t["conversations"])?;
    let mut sh = Sheet::new(ws, &s);
    let cv = &r.conversations;
    let mut frozen = 0;
    match &cv.missing {
        Some(line) => sh.prose(0, line, None)?,
        None => {
            sh.prose(0, &cv.period, None)?;
            let mut row = 2;
            for (i, tb) in cv.tables.iter().enumerate() {
                let (header, next) = table(&mut sh, row, tb, true)?;
                if i == 0 {
                    frozen = header + 1;
                }
                row = next;
            }
        }
    }
    sh.finish(frozen, if frozen > 0 { 1 } else { 0 })?;

    // The change since the previous audit.
    let ws = add(&mut wb, &mut names, t["change"])?;
    let mut sh = Sheet::new(ws, &s);
    match &r.change {
        None => {
            sh.prose(0, t["first_audit"], None)?;
            sh.finish(0, 0)?;
        }
        Some(c) => {
            sh.header(0, &["", t["previous"], t["current"], t["delta"]])?;
            sh.text(1, 0, t["overall"])?;
            sh.score(1, 1, c.overall_before)?;
            sh.score(1, 2, c.overall_after)?;
            sh.score(1, 3, c.overall_delta)?;
            sh.text(2, 0, t["maturity"])?;
            for (col, level) in [(1, c.maturity_before), (2, c.maturity_after)] {
                match level {
                    Some(l) => sh.number(2, col, f64::from(l), &s.count, &l.to_string())?,
                    None => sh.text(2, col, "—")?,
                }
            }
            sh.text(3, 0, t["coverage"])?;
            for (col, v) in [(1, c.coverage_before), (2, c.coverage_after)] {
                sh.number(3, col, v, &s.pct0, &format!("{:.0}%", v * 100.0))?;
            }
            let mut row = 5;
            for (key, list) in [
                ("new_sins", &c.new_sins),
                ("resolved_sins", &c.resolved_sins),
                ("persisting_sins", &c.persisting_sins),
            ] {
                sh.header(row, &[t[key]])?;
                for sin in list {
                    row += 1;
                    sh.text(row, 0, &sin.title)?;
                }
                row += 2;
            }
            sh.finish(1, 1)?;
        }
    }

    // The appendix: every answer, then the rules' clauses with their ids (kept out of the other sheets).
    let ws = add(&mut wb, &mut names, t["appendix"])?;
    let mut sh = Sheet::new(ws, &s);
    sh.header(
        0,
        &[t["id"], t["section"], t["question"], t["answer"], t["score"], t["note"]],
    )?;
    let mut row = 0;
    for sec in &r.appendix {
        for q in &sec.questions {
            row += 1;
            sh.text(row, 0, &q.id)?;
            sh.text(row, 1, &sec.title)?;
            sh.text(row, 2, &q.prompt)?;
            sh.text(row, 3, q.answer.as_deref().unwrap_or(""))?;
            if let Some(v) = q.score {
                sh.score(row, 4, Some(v))?;
            }
            sh.text(row, 5, q.note.as_deref().unwrap_or(""))?;
        }
    }
    if !r.findings.is_empty() {
        row += 2;
        sh.prose(row, t["rule_details"], Some(&s.bold))?;
        row += 1;
        sh.header(row, &[t["sin_code"], t["id"], t["clause"]])?;
        for f in &r.findings {
            for e in &f.evidence {
                row += 1;
                sh.text(row, 0, &f.code)?;
                sh.text(row, 1, e.question.as_deref().or(e.metric.as_deref()).unwrap_or(""))?;
                sh.text(row, 2, &e.clause)?;
            }
        }
    }
    sh.finish(1, 1)?;
    Ok(wb.save_to_buffer()?)
}

/// The portfolio as a workbook: the heatmap (colour scale), the ranking, the common sins and the weak spots,
/// each sheet with its header row frozen and its columns fitted to their content.
pub fn portfolio(p: &Portfolio) -> Result<Vec<u8>, ReportError> {
    let t = all(p.lang);
    let s = styles();
    let mut wb = Workbook::new();
    let mut names = Vec::new();

    let ws = add(&mut wb, &mut names, t["heatmap"])?;
    let mut sh = Sheet::new(ws, &s);
    let mut cols = vec![t["client"]];
    cols.extend(p.columns.iter().map(|c| c.title.as_str()));
    cols.extend([t["overall"], t["maturity"], t["coverage"]]);
    sh.header(0, &cols)?;
    let n = p.columns.len() as u16;
    for (i, c) in p.clients.iter().enumerate() {
        let row = i as u32 + 1;
        sh.text(row, 0, &c.name)?;
        for (j, v) in c.cells.iter().enumerate() {
            if let Some(v) = v {
                sh.score(row, 1 + j as u16, Some(*v))?;
            }
        }
        if let Some(v) = c.overall {
            sh.score(row, 1 + n, Some(v))?;
        }
        if let Some(m) = c.maturity {
            sh.number(row, 2 + n, f64::from(m), &s.count, &m.to_string())?;
        }
        sh.number(row, 3 + n, c.coverage, &s.pct0, &format!("{:.0}%", c.coverage * 100.0))?;
    }
    if !p.clients.is_empty() {
        let scale = ConditionalFormat3ColorScale::new()
            .set_minimum(ConditionalFormatType::Number, 0)
            .set_midpoint(ConditionalFormatType::Number, 50)
            .set_maximum(ConditionalFormatType::Number, 100)
            .set_minimum_color("#F8696B")
            .set_midpoint_color("#FFEB84")
            .set_maximum_color("#63BE7B");
        sh.ws
            .add_conditional_format(1, 1, p.clients.len() as u32, 1 + n, &scale)?;
    }
    sh.finish(1, 1)?;

    let ws = add(&mut wb, &mut names, t["ranking"])?;
    let mut sh = Sheet::new(ws, &s);
    sh.header(0, &[t["rank"], t["client"], t["overall"], t["maturity"]])?;
    for (i, r) in p.ranking.iter().enumerate() {
        let row = i as u32 + 1;
        sh.number(row, 0, r.rank as f64, &s.count, &r.rank.to_string())?;
        sh.text(row, 1, &r.name)?;
        sh.score(row, 2, Some(r.overall))?;
        sh.text(
            row,
            3,
            &r.maturity.map_or_else(String::new, |m| {
                format!("{m} · {}", r.maturity_name.as_deref().unwrap_or(""))
            }),
        )?;
    }
    sh.finish(1, 2)?;

    let ws = add(&mut wb, &mut names, t["common_sins"])?;
    let mut sh = Sheet::new(ws, &s);
    sh.header(
        0,
        &[t["findings"], t["severity"], t["clients_count"], t["which_clients"]],
    )?;
    for (i, sin) in p.common_sins.iter().enumerate() {
        let row = i as u32 + 1;
        sh.text(row, 0, &format!("{} {}", sin.code, sin.title))?;
        sh.text(row, 1, sin.severity.name(p.lang))?;
        sh.number(row, 2, sin.count as f64, &s.count, &sin.count.to_string())?;
        sh.text(row, 3, &sin.clients.join(", "))?;
    }
    sh.finish(1, 1)?;

    let ws = add(&mut wb, &mut names, t["per_client"])?;
    let mut sh = Sheet::new(ws, &s);
    sh.header(
        0,
        &[
            t["client"],
            t["weakest_section"],
            t["score"],
            t["largest_gap"],
            t["index"],
            t["warnings"],
        ],
    )?;
    for (i, c) in p.clients.iter().enumerate() {
        let row = i as u32 + 1;
        sh.text(row, 0, &c.name)?;
        if let Some(w) = &c.weakest {
            sh.text(row, 1, &w.title)?;
            sh.score(row, 2, Some(w.score))?;
        }
        if let Some(g) = &c.largest_gap {
            sh.text(row, 3, &g.label)?;
            sh.number(row, 4, g.index, &s.index, &format!("{:.1}", g.index))?;
        }
        let warnings: Vec<&str> = p.warnings_of(&c.id).map(|w| w.text.as_str()).collect();
        sh.text(row, 5, &warnings.join("; "))?;
    }
    sh.finish(1, 1)?;
    Ok(wb.save_to_buffer()?)
}
