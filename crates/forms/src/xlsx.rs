//! The questionnaire as an Excel workbook, and reading a filled one back.
//!
//! [`write_xlsx`] writes one sheet per section: the section's title, its description with the instructions
//! ([`crate::instructions`], which state the re-import rule), then a row per question with the columns of
//! [`Column::WORKBOOK`], headed in the form's language (`题号`, `问题`, `作答方式`, `您的答案`, `备注` in a zh-Hans
//! form). The answer cell offers a drop-down list for scale levels (`4 - label`), yes/no and single choices, and
//! bounds numbers, each also accepting the clearing word; the question cell carries the rubric and help as a
//! note, and the answer cell an input message saying how to answer. Every sheet is
//! protected so that only the answer and note cells can be edited, and the workbook's structure is locked, so
//! that a client filling it in Excel, WPS or LibreOffice cannot break the layout. The drop-down lists live on a
//! hidden sheet, `_lists` (Excel limits a list typed into the rule to 255 characters).
//!
//! Each sheet prints on A4 landscape, fitted to the page's width, with wrapped text and the header row repeated
//! on every page, and page numbers in the footer: the whole questionnaire prints on a handful of pages.
//!
//! The import reads every sheet, finds the id, answer and note columns by their header in any language (or the
//! English `id`, `answer`, `note` of earlier versions, see [`Column`]), and parses each answer with
//! [`chuxin_core::Question::parse_text`], which accepts the drop-down entries as well as numbers, option ids and
//! labels in any language. Every row is checked; each problem names its cell:
//! `q.xlsx:7: 環境!D7: answer (env.interest): …`.

use crate::answer_guide;
use crate::columns::Column;
use crate::error::{ImportError, Place, Problems, Reason};
use crate::import::{Imported, Row, Rows};
use crate::merge::{clear_word, instructions};
use crate::sheet::{height, sheet_name, wrapped_lines};
use calamine::{Data, Reader, Xlsx, open_workbook_from_rs};
use chuxin_core::{AnswerKind, Catalog, Lang, Question};
use rust_xlsxwriter::{
    DataValidation, DataValidationErrorStyle, Format, FormatBorder, Formula, Note, ProtectionOptions, Workbook,
    Worksheet, XlsxError,
};
use std::io::{self, Cursor, Read, Write};

/// Name of the hidden sheet holding the drop-down lists.
pub const LISTS_SHEET: &str = "_lists";

const HEADER_ROW: u32 = 2;

/// Column widths, in characters of the default font: together about 160, which fits A4 landscape at about 75 %.
const WIDTHS: [f64; 5] = [21.0, 44.0, 42.0, 25.0, 28.0];

/// A4 in Excel's paper codes.
const A4: u8 = 9;

/// The drop-down entries of a question, if it has a list.
pub fn choices(q: &Question, lang: Lang) -> Option<Vec<String>> {
    match &q.kind {
        AnswerKind::Scale { levels } => Some(
            levels
                .iter()
                .enumerate()
                .map(|(i, l)| format!("{} - {}", i + 1, l.get(lang)))
                .collect(),
        ),
        AnswerKind::YesNo { .. } => Some(vec![
            lang.pick("是", "是", "yes").to_string(),
            lang.pick("否", "否", "no").to_string(),
        ]),
        AnswerKind::Single { options } => Some(
            chuxin_core::pack::offered(options)
                .iter()
                .map(|o| o.label.get(lang).to_string())
                .collect(),
        ),
        _ => None,
    }
}

/// Column letters of a 0-based column index (`0` → `A`, `27` → `AB`).
fn column(mut c: u32) -> String {
    let mut s = Vec::new();
    loop {
        s.push(b'A' + (c % 26) as u8);
        if c < 26 {
            break;
        }
        c = c / 26 - 1;
    }
    s.reverse();
    String::from_utf8(s).unwrap_or_default()
}

fn clip(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        return s.to_string();
    }
    let mut out: String = s.chars().take(max - 1).collect();
    out.push('…');
    out
}

fn validation(
    q: &Question,
    lang: Lang,
    list: Option<(u32, usize)>,
    cell: &str,
) -> Result<Option<DataValidation>, XlsxError> {
    let title = clip(lang.pick("作答方式", "作答方式", "How to answer"), 32);
    let message = clip(&answer_guide(q, lang), 255);
    let rule = match (&q.kind, list) {
        (_, Some((col, n))) => {
            let range = format!("={LISTS_SHEET}!${c}$1:${c}${n}", c = column(col));
            DataValidation::new().allow_list_formula(Formula::new(range))
        }
        (
            AnswerKind::Number {
                min_value, max_value, ..
            },
            None,
        ) if min_value.is_some() || max_value.is_some() => {
            // A number in bounds, or the clearing word (a decimal rule would refuse the word).
            let mut tests = vec![format!("ISNUMBER({cell})")];
            tests.extend(min_value.map(|a| format!("{cell}>={a}")));
            tests.extend(max_value.map(|b| format!("{cell}<={b}")));
            let formula = format!("=OR({cell}=\"{}\",AND({}))", clear_word(lang), tests.join(","));
            DataValidation::new().allow_custom(Formula::new(formula))
        }
        _ => DataValidation::new().allow_any_value(),
    };
    let error = clip(
        lang.pick(
            "請從下拉選單中選擇，或依說明填寫；要撤回先前的答案，請填「清除」。",
            "请从下拉菜单中选择，或按说明填写；如需撤回之前的答案，请填写“清除”。",
            "Pick from the list, or answer as the help says; to withdraw an earlier answer, type “clear”.",
        ),
        255,
    );
    Ok(Some(
        rule.set_input_title(title)?
            .set_input_message(message)?
            .set_error_message(error)?
            .set_error_style(DataValidationErrorStyle::Stop),
    ))
}

/// Writes the questionnaire workbook for `catalog` in `lang`.
pub fn write_xlsx(catalog: &Catalog, client_name: &str, lang: Lang) -> io::Result<Vec<u8>> {
    let bytes = build(catalog, client_name, lang).map_err(io::Error::other)?;
    lock_structure(&bytes)
}

fn build(catalog: &Catalog, client_name: &str, lang: Lang) -> Result<Vec<u8>, XlsxError> {
    let mut wb = Workbook::new();
    let title = Format::new().set_bold().set_font_size(14);
    let wrap = Format::new()
        .set_text_wrap()
        .set_align(rust_xlsxwriter::FormatAlign::Top);
    let head = Format::new()
        .set_bold()
        .set_text_wrap()
        .set_align(rust_xlsxwriter::FormatAlign::Top)
        .set_background_color("#EAEEF2")
        .set_border(FormatBorder::Thin);
    let cell = Format::new()
        .set_text_wrap()
        .set_align(rust_xlsxwriter::FormatAlign::Top)
        .set_border(FormatBorder::Thin);
    let open = Format::new()
        .set_unlocked()
        .set_text_wrap()
        .set_align(rust_xlsxwriter::FormatAlign::Top)
        .set_background_color("#FFF8C5")
        .set_border(FormatBorder::Thin);
    let protection = ProtectionOptions {
        select_locked_cells: true,
        select_unlocked_cells: true,
        format_columns: true,
        format_rows: true,
        ..ProtectionOptions::default()
    };
    // Lists first, so the section sheets can point at them.
    let mut lists: Vec<Vec<String>> = Vec::new();
    let mut names: Vec<String> = vec![LISTS_SHEET.to_string()];
    let mut sheets: Vec<Worksheet> = Vec::new();
    for (_, section) in catalog.sections() {
        let name = sheet_name(section.title.get(lang), &names);
        names.push(name.clone());
        let mut ws = Worksheet::new();
        ws.set_name(&name)?;
        for (c, w) in WIDTHS.iter().enumerate() {
            ws.set_column_width(c as u16, *w)?;
        }
        ws.write_string_with_format(0, 0, format!("{} · {client_name}", section.title.get(lang)), &title)?;
        let how = format!("{}{}", how_to_fill(lang), instructions(lang));
        let intro = match &section.description {
            Some(d) => format!("{}\n{how}", d.get(lang)),
            None => how,
        };
        ws.merge_range(1, 0, 1, 4, &intro, &wrap)?;
        ws.set_row_height(1, height(wrapped_lines(&intro, WIDTHS.iter().sum())))?;
        for (c, h) in Column::WORKBOOK.iter().enumerate() {
            ws.write_string_with_format(HEADER_ROW, c as u16, h.header(lang), &head)?;
        }
        for (i, q) in section.questions.iter().enumerate() {
            let row = HEADER_ROW + 1 + i as u32;
            ws.write_string_with_format(row, 0, &q.id, &cell)?;
            ws.write_string_with_format(row, 1, q.prompt.get(lang), &cell)?;
            // One level or option a line: easier to read and to print than a run separated by `;`.
            let (lead, items) = crate::guide_parts(q, lang);
            let guide = format!("{lead}{}", items.join("\n"));
            ws.write_string_with_format(row, 2, &guide, &cell)?;
            // Room for the question and the guide, and at least two lines to write an answer in.
            let lines = wrapped_lines(q.prompt.get(lang), WIDTHS[1])
                .max(wrapped_lines(&guide, WIDTHS[2]))
                .max(2.0);
            ws.set_row_height(row, height(lines))?;
            ws.write_blank(row, 3, &open)?;
            ws.write_blank(row, 4, &open)?;
            let mut help = Vec::new();
            if let Some(r) = &q.rubric {
                help.push(format!(
                    "{}: {}",
                    lang.pick("評分準則", "评分准则", "Rubric"),
                    r.get(lang)
                ));
            }
            if let Some(h) = &q.help {
                help.push(format!("{}: {}", lang.pick("說明", "说明", "Help"), h.get(lang)));
            }
            if !help.is_empty() {
                let note = Note::new(help.join("\n\n"))
                    .set_author("chuxin")
                    .add_author_prefix(false)
                    .set_width(420)
                    .set_height(220);
                ws.insert_note(row, 1, &note)?;
            }
            let list = choices(q, lang).map(|mut entries| {
                entries.push(clear_word(lang).to_string());
                lists.push(entries);
                (lists.len() as u32 - 1, lists.last().map_or(0, Vec::len))
            });
            if let Some(v) = validation(q, lang, list, &format!("D{}", row + 1))? {
                ws.add_data_validation(row, 3, row, 3, &v)?;
            }
        }
        ws.set_freeze_panes(HEADER_ROW + 1, 0)?;
        ws.set_paper_size(A4)
            .set_landscape()
            .set_print_fit_to_pages(1, 0)
            .set_margins(0.4, 0.4, 0.5, 0.6, 0.3, 0.3)
            .set_footer(format!("&L{}&R&P / &N", footer_text(section.title.get(lang))));
        ws.set_repeat_rows(HEADER_ROW, HEADER_ROW)?;
        ws.protect_with_options(&protection);
        sheets.push(ws);
    }
    for ws in sheets {
        wb.push_worksheet(ws);
    }
    let ws = wb.add_worksheet();
    ws.set_name(LISTS_SHEET)?;
    for (c, entries) in lists.iter().enumerate() {
        for (r, e) in entries.iter().enumerate() {
            ws.write_string(r as u32, c as u16, e)?;
        }
    }
    ws.set_hidden(true);
    ws.protect();
    wb.save_to_buffer()
}

/// Where to write in the workbook, before the re-import rule.
fn how_to_fill(lang: Lang) -> &'static str {
    lang.pick(
        "填寫方式：請在黃色的「您的答案」欄選擇或填寫答案，需要補充說明的寫在「備註」欄。",
        "填写方式：请在黄色的“您的答案”栏选择或填写答案，需要补充说明的写在“备注”栏。",
        "How to fill this in: pick or type your answer in the yellow “Your answer” column, and add any context \
         under “Notes”. ",
    )
}

/// `text` for a header or footer: `&` is the codes' escape character, so it is doubled; kept short.
fn footer_text(text: &str) -> String {
    clip(text, 60).replace('&', "&&")
}

/// Adds `<workbookProtection lockStructure="1"/>` to the workbook part, so that sheets cannot be added, removed,
/// renamed or unhidden (rust_xlsxwriter protects sheets but not the workbook's structure).
fn lock_structure(xlsx: &[u8]) -> io::Result<Vec<u8>> {
    let mut archive = zip::ZipArchive::new(Cursor::new(xlsx)).map_err(io::Error::other)?;
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::with_capacity(xlsx.len() + 64)));
    for i in 0..archive.len() {
        let file = archive.by_index(i).map_err(io::Error::other)?;
        let name = file.name().map_err(io::Error::other)?.to_string();
        if name != "xl/workbook.xml" {
            out.raw_copy_file(file).map_err(io::Error::other)?;
            continue;
        }
        let mut xml = String::new();
        { file }.read_to_string(&mut xml)?;
        let xml = match xml.find("<bookViews") {
            Some(at) if !xml.contains("<workbookProtection") => {
                format!("{}<workbookProtection lockStructure=\"1\"/>{}", &xml[..at], &xml[at..])
            }
            _ => xml,
        };
        let options = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
        out.start_file(name, options).map_err(io::Error::other)?;
        out.write_all(xml.as_bytes())?;
    }
    Ok(out.finish().map_err(io::Error::other)?.into_inner())
}

fn cell_text(d: &Data) -> String {
    match d {
        Data::Empty | Data::Error(_) => String::new(),
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => s.trim().to_string(),
        Data::Int(i) => i.to_string(),
        Data::Float(x) if x.fract() == 0.0 && x.abs() < 9e15 => format!("{}", *x as i64),
        Data::Float(x) => x.to_string(),
        Data::Bool(b) => if *b { "yes" } else { "no" }.to_string(),
        Data::DateTime(dt) => dt.as_f64().to_string(),
    }
}

/// The rows and columns of a sheet an import looks at: a questionnaire has a few dozen rows and six columns.
const MAX_ROWS: usize = 10_000;
const MAX_COLUMNS: usize = 64;
/// The most a workbook may unpack to.
const MAX_UNPACKED: u64 = 64 << 20;

/// Reads a filled questionnaire workbook.
pub(crate) fn import_xlsx(bytes: &[u8], file: &str, catalog: &Catalog) -> Result<Imported, ImportError> {
    let problems = Problems::new(file);
    let fail = |line: Option<usize>, field: Option<String>, reason: Reason| problems.fatal(line, field, reason);
    // A questionnaire unpacks to well under a megabyte: refuse a workbook that would unpack to much more
    // (a shared string of hundreds of MB) before anything reads it.
    if let Ok(mut zip) = zip::ZipArchive::new(Cursor::new(bytes)) {
        let mut unpacked: u64 = 0;
        for i in 0..zip.len() {
            if let Ok(entry) = zip.by_index_raw(i) {
                unpacked = unpacked.saturating_add(entry.size());
            }
        }
        if unpacked > MAX_UNPACKED {
            return Err(fail(
                None,
                None,
                Reason::TooLarge {
                    mb: unpacked >> 20,
                    max: MAX_UNPACKED >> 20,
                },
            ));
        }
    }
    let mut wb: Xlsx<_> = open_workbook_from_rs(Cursor::new(bytes))
        .map_err(|e: calamine::XlsxError| fail(None, None, Reason::NotAWorkbook(e.to_string())))?;
    let mut rows = Rows::new(catalog, file);
    let mut found_any = false;
    for sheet in wb.sheet_names() {
        if sheet == LISTS_SHEET {
            continue;
        }
        // The cells, streamed: only those inside the questionnaire's area are kept, so a stray cell at
        // XFD1048576 costs nothing (a dense range of the whole sheet would take half a terabyte).
        // calamine 0.38 overflows (a panic in debug builds) on a cell reference of eight letters or more, which
        // no spreadsheet writes (Excel's last column is XFD): such a sheet is refused, not a crash
        // (fuzz/known/form_xlsx holds the inputs).
        let read = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            let mut grid: Vec<Vec<Data>> = Vec::new();
            let mut cells = wb
                .worksheet_cells_reader(&sheet)
                .map_err(|e| fail(None, Some(sheet.clone()), Reason::UnreadableSheet(e.to_string())))?;
            while let Some(cell) = cells
                .next_cell()
                .map_err(|e| fail(None, Some(sheet.clone()), Reason::UnreadableSheet(e.to_string())))?
            {
                let (r, c) = cell.get_position();
                let (r, c) = (r as usize, c as usize);
                if r >= MAX_ROWS || c >= MAX_COLUMNS {
                    continue;
                }
                if grid.len() <= r {
                    grid.resize_with(r + 1, Vec::new);
                }
                if grid[r].len() <= c {
                    grid[r].resize(c + 1, Data::Empty);
                }
                grid[r][c] = Data::from(cell.get_value().clone());
            }
            Ok(grid)
        }));
        let grid = read.unwrap_or_else(|_| Err(fail(None, Some(sheet.clone()), Reason::BeyondLastColumn)))?;
        // The header is the first row (of the first 20) that has both an id and an answer column, under the
        // headers of any language or the English ones of earlier versions.
        let header = grid.iter().take(20).enumerate().find_map(|(i, row)| {
            let texts: Vec<String> = row.iter().map(cell_text).collect();
            let col = |c: Column| c.find(texts.iter().map(String::as_str));
            Some((i, col(Column::Id)?, col(Column::Answer)?, col(Column::Note)))
        });
        let Some((h, id_col, answer_col, note_col)) = header else {
            continue;
        };
        found_any = true;
        let header_text = |c: usize| grid[h].get(c).map(cell_text).unwrap_or_default();
        for (i, row) in grid.iter().enumerate().skip(h + 1) {
            let excel_row = i + 1;
            let cell = |c: usize| format!("{sheet}!{}{excel_row}", column(c as u32));
            let text = |c: Option<usize>| c.and_then(|c| row.get(c)).map(cell_text).unwrap_or_default();
            let (id, answer, note) = (text(Some(id_col)), text(Some(answer_col)), text(note_col));
            rows.row(Row {
                line: excel_row,
                place: Place::Cell(cell(id_col)),
                id_field: format!("{}: {}", cell(id_col), header_text(id_col)),
                answer_field: format!("{}: {}", cell(answer_col), header_text(answer_col)),
                id: &id,
                answer: &answer,
                note: &note,
            });
        }
    }
    if !found_any {
        return Err(fail(None, None, Reason::NoHeaderRow));
    }
    rows.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[track_caller]
    fn case(c: u32, expected: &str) {
        assert_eq!(column(c), expected);
    }

    #[test]
    fn columns() {
        case(0, "A");
        case(3, "D");
        case(25, "Z");
        case(26, "AA");
        case(27, "AB");
        case(701, "ZZ");
        case(702, "AAA");
    }

    fn catalog() -> Catalog {
        Catalog::new(vec![chuxin_core::core_pack().unwrap()]).unwrap()
    }

    /// Every cell of every sheet of a workbook, as text.
    fn cells(bytes: Vec<u8>) -> String {
        let mut wb: Xlsx<_> = open_workbook_from_rs(Cursor::new(bytes)).unwrap();
        let mut out = String::new();
        for (_, range) in wb.worksheets() {
            for row in range.rows() {
                for cell in row {
                    out.push_str(&cell.to_string());
                    out.push('\n');
                }
            }
        }
        out
    }

    #[test]
    fn the_workbook_offers_the_client_s_market_s_channels_in_its_language() {
        let markets = chuxin_core::markets();
        let for_market = |m: &str| {
            Catalog::new(vec![
                chuxin_core::core_pack().unwrap().for_market(markets.get(m).unwrap()),
            ])
            .unwrap()
        };
        for (lang, tw, cn) in [
            (
                Lang::ZhHant,
                ["line=LINE 官方帳號", "threads=Threads"],
                ["douyin=抖音", "xiaohongshu=小紅書"],
            ),
            (
                Lang::ZhHans,
                ["line=LINE 官方账号", "facebook=Facebook 公共主页"],
                ["wechat=微信（公众号、视频号）", "bilibili=B站（哔哩哔哩）"],
            ),
            (
                Lang::En,
                ["instagram=Instagram", "youtube=YouTube channel"],
                ["weibo=Weibo", "douyin=Douyin"],
            ),
        ] {
            let tw_cells = cells(write_xlsx(&for_market("tw"), "台茶", lang).unwrap());
            let cn_cells = cells(write_xlsx(&for_market("cn"), "沪茶", lang).unwrap());
            for want in tw {
                assert!(tw_cells.contains(want) && !cn_cells.contains(want), "{lang} tw {want}");
            }
            for want in cn {
                assert!(cn_cells.contains(want) && !tw_cells.contains(want), "{lang} cn {want}");
            }
        }
    }

    #[test]
    fn a_stray_cell_at_the_last_cell_of_a_sheet_costs_nothing() {
        // A header, one answer, and a cell at XFD1048576: read in a moment, the far cell ignored.
        let mut wb = rust_xlsxwriter::Workbook::new();
        let ws = wb.add_worksheet();
        ws.write(0, 0, "id").unwrap();
        ws.write(0, 1, "answer").unwrap();
        ws.write(1, 0, "env.interest").unwrap();
        ws.write(1, 1, 4).unwrap();
        ws.write(1_048_575, 16_383, "x").unwrap();
        let bytes = wb.save_to_buffer().unwrap();
        let imported = import_xlsx(&bytes, "far.xlsx", &catalog()).unwrap();
        assert_eq!(imported.answers.0.len(), 1);
    }

    #[test]
    fn localised_headers_are_read_and_every_bad_row_is_named_by_its_cell() {
        let mut wb = rust_xlsxwriter::Workbook::new();
        let ws = wb.add_worksheet();
        for (c, h) in ["題號", "您的答案", "備註"].iter().enumerate() {
            ws.write(0, c as u16, *h).unwrap();
        }
        for (r, row) in [
            ["env.positioning", "3", "寫在年度計畫裡"],
            ["env.interest", "9", ""],
            ["env.nonsense", "1", ""],
        ]
        .iter()
        .enumerate()
        {
            for (c, v) in row.iter().enumerate() {
                ws.write(r as u32 + 1, c as u16, *v).unwrap();
            }
        }
        let bytes = wb.save_to_buffer().unwrap();
        let err = import_xlsx(&bytes, "q.xlsx", &catalog()).unwrap_err();
        let got: Vec<String> = err.problems().iter().map(ToString::to_string).collect();
        assert_eq!(got.len(), 2, "{err}");
        assert!(
            got[0].starts_with("q.xlsx:3: Sheet1!B3: 您的答案 (env.interest): "),
            "{err}"
        );
        assert_eq!(got[1], "q.xlsx:4: Sheet1!A4: 題號: unknown question id `env.nonsense`");
    }

    #[test]
    fn a_workbook_that_unpacks_to_hundreds_of_megabytes_is_refused_before_it_is_read() {
        // 100 MB of one letter compresses to about 100 KB.
        let mut out = Cursor::new(Vec::new());
        {
            let mut zip = zip::ZipWriter::new(&mut out);
            let opts = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
            zip.start_file("xl/sharedStrings.xml", opts).unwrap();
            let block = vec![b'a'; 1 << 20];
            for _ in 0..100 {
                zip.write_all(&block).unwrap();
            }
            zip.finish().unwrap();
        }
        let bytes = out.into_inner();
        assert!(bytes.len() < 1 << 20, "{}", bytes.len());
        let err = import_xlsx(&bytes, "bomb.xlsx", &catalog()).unwrap_err();
        assert!(err.to_string().contains("unpacks to 100 MB"), "{err}");
    }
}
