//! `chuxin report --format xlsx` as a client receives it (issue 12): a sheet per part of the report named in its
//! language, header rows frozen, columns fitted to their content (a Chinese character counts twice a Latin one), long text wrapped,
//! and numbers kept as numbers in their unit's format — read from the workbook's own XML, and as LibreOffice
//! displays it. The same figures are worded on the HTML page and stay numbers in `--format json` (issue 11).

use crate::report::tool;
use crate::support::Env;
use roxmltree::Document;
use serde_json::Value;
use std::collections::BTreeMap;
use std::io::Read;
use std::path::Path;
use std::process::Command;

/// Every XML part of a workbook, by name.
fn unzip(path: &Path) -> BTreeMap<String, String> {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    let mut out = BTreeMap::new();
    for i in 0..zip.len() {
        let mut f = zip.by_index(i).unwrap();
        let name = f.name().unwrap().to_string();
        if name.ends_with(".xml") {
            let mut s = String::new();
            f.read_to_string(&mut s).unwrap();
            out.insert(name, s);
        }
    }
    out
}

/// One cell as stored: its style index, and its value (shared strings resolved).
#[derive(Debug, Clone)]
struct Stored {
    style: usize,
    number: Option<f64>,
    text: Option<String>,
}

/// A workbook read back: sheet names in order, each sheet's cells by reference (`B7`), the number format code and
/// wrapping of each cell style, and each sheet's XML.
struct Book {
    names: Vec<String>,
    cells: Vec<BTreeMap<String, Stored>>,
    xml: Vec<String>,
    styles: Vec<(String, bool)>,
}

impl Book {
    fn read(path: &Path) -> Book {
        let parts = unzip(path);
        let names: Vec<String> = Document::parse(&parts["xl/workbook.xml"])
            .unwrap()
            .descendants()
            .filter(|n| n.has_tag_name("sheet"))
            .map(|n| n.attribute("name").unwrap().to_string())
            .collect();
        let strings: Vec<String> = Document::parse(&parts["xl/sharedStrings.xml"])
            .unwrap()
            .descendants()
            .filter(|n| n.has_tag_name("si"))
            .map(|si| {
                si.descendants()
                    .filter(|n| n.has_tag_name("t"))
                    .filter_map(|t| t.text())
                    .collect()
            })
            .collect();
        let styles_doc = Document::parse(&parts["xl/styles.xml"]).unwrap();
        let codes: BTreeMap<String, String> = styles_doc
            .descendants()
            .filter(|n| n.has_tag_name("numFmt"))
            .map(|n| {
                (
                    n.attribute("numFmtId").unwrap().to_string(),
                    n.attribute("formatCode").unwrap().to_string(),
                )
            })
            .collect();
        let styles = styles_doc
            .descendants()
            .find(|n| n.has_tag_name("cellXfs"))
            .unwrap()
            .children()
            .filter(|n| n.has_tag_name("xf"))
            .map(|xf| {
                let id = xf.attribute("numFmtId").unwrap_or("0");
                let code = codes.get(id).cloned().unwrap_or_else(|| format!("builtin {id}"));
                let wrap = xf
                    .children()
                    .any(|a| a.has_tag_name("alignment") && a.attribute("wrapText") == Some("1"));
                (code, wrap)
            })
            .collect();
        let mut cells = Vec::new();
        let mut xml = Vec::new();
        for i in 1..=names.len() {
            let text = parts[&format!("xl/worksheets/sheet{i}.xml")].clone();
            let doc = Document::parse(&text).unwrap();
            let sheet = doc
                .descendants()
                .filter(|n| n.has_tag_name("c"))
                .map(|c| {
                    let v = c
                        .children()
                        .find(|n| n.has_tag_name("v"))
                        .and_then(|v| v.text())
                        .unwrap_or("");
                    let shared = c.attribute("t") == Some("s");
                    (
                        c.attribute("r").unwrap().to_string(),
                        Stored {
                            style: c.attribute("s").map_or(0, |s| s.parse().unwrap()),
                            number: (!shared && !v.is_empty()).then(|| v.parse().unwrap()),
                            text: shared.then(|| strings[v.parse::<usize>().unwrap()].clone()),
                        },
                    )
                })
                .collect();
            cells.push(sheet);
            xml.push(text);
        }
        Book {
            names,
            cells,
            xml,
            styles,
        }
    }

    fn sheet(&self, name: &str) -> usize {
        self.names
            .iter()
            .position(|n| n == name)
            .unwrap_or_else(|| panic!("no sheet {name}"))
    }

    #[track_caller]
    fn at(&self, sheet: &str, r: &str) -> Stored {
        self.cells[self.sheet(sheet)]
            .get(r)
            .cloned()
            .unwrap_or_else(|| panic!("{sheet}!{r} is empty"))
    }

    fn format_of(&self, c: &Stored) -> &str {
        &self.styles[c.style].0
    }

    fn wraps(&self, c: &Stored) -> bool {
        self.styles[c.style].1
    }

    /// The row (1-based) whose column A holds `text`.
    #[track_caller]
    fn row_of(&self, sheet: &str, text: &str) -> u32 {
        self.cells[self.sheet(sheet)]
            .iter()
            .find(|(r, c)| r.starts_with('A') && r[1..].parse::<u32>().is_ok() && c.text.as_deref() == Some(text))
            .map(|(r, _)| r[1..].parse().unwrap())
            .unwrap_or_else(|| panic!("no row `{text}` in {sheet}"))
    }

    /// The height a row is given, in points, if it is set.
    fn row_height(&self, sheet: &str, row: u32) -> Option<f64> {
        let doc = Document::parse(&self.xml[self.sheet(sheet)]).unwrap();
        doc.descendants()
            .find(|n| n.has_tag_name("row") && n.attribute("r") == Some(row.to_string().as_str()))
            .and_then(|n| n.attribute("ht"))
            .map(|h| h.parse().unwrap())
    }

    /// The `(ySplit, xSplit)` of the sheet's frozen pane, if it has one.
    fn frozen(&self, sheet: &str) -> Option<(u32, u32)> {
        let doc = Document::parse(&self.xml[self.sheet(sheet)]).unwrap();
        let pane = doc.descendants().find(|n| n.has_tag_name("pane"))?;
        assert_eq!(pane.attribute("state"), Some("frozen"));
        let split = |a| pane.attribute(a).map_or(0, |v: &str| v.parse().unwrap());
        Some((split("ySplit"), split("xSplit")))
    }

    /// The stored widths of the sheet's columns, by 1-based column number.
    fn widths(&self, sheet: &str) -> BTreeMap<u32, f64> {
        let doc = Document::parse(&self.xml[self.sheet(sheet)]).unwrap();
        doc.descendants()
            .filter(|n| n.has_tag_name("col"))
            .map(|n| {
                (
                    n.attribute("min").unwrap().parse().unwrap(),
                    n.attribute("width").unwrap().parse().unwrap(),
                )
            })
            .collect()
    }
}

/// How wide a text shows in a column, by hand, in digits of the default font as LibreOffice draws it: a Latin
/// character 0.85, any other (Chinese) twice that.
fn shown_width(s: &str) -> f64 {
    s.chars().map(|c| if c.is_ascii() { 0.85 } else { 1.7 }).sum()
}

/// The width the file stores for a column of `chars` characters: whole pixels of 7-pixel digits plus 5 of padding,
/// back in characters truncated to 1/256.
fn stored_width(chars: f64) -> f64 {
    let pixels = (chars * 7.0).round() as u32 + 5;
    f64::from(pixels * 256 / 7) / 256.0
}

/// A stored run's overall figure of the client (`client`, `competitor_median`, `index` …).
fn figure(run: &Value, metric: &str, key: &str) -> f64 {
    run["overall"]["metrics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["metric"] == metric)
        .unwrap_or_else(|| panic!("no {metric}"))[key]
        .as_f64()
        .unwrap()
}

/// A whole number with thousands separators, as a reader sees it.
fn grouped(n: f64) -> String {
    let digits = format!("{:.0}", n.round());
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[test]
fn the_xlsx_report_has_a_sheet_per_part_frozen_headers_fitted_columns_and_formatted_numbers() {
    let env = Env::new();
    env.ok(&["--lang", "zh-Hant", "demo", "d"]);
    env.ok(&[
        "--lang",
        "zh-Hant",
        "-w",
        "d",
        "report",
        "lotus-tea",
        "--format",
        "xlsx",
        "-o",
        "out",
    ]);
    let path = env.path().join("out/lotus-tea-2026-10-15.xlsx");
    let book = Book::read(&path);
    let bench_dir = env.path().join("d/clients/lotus-tea/bench");
    let run_file = std::fs::read_dir(&bench_dir).unwrap().next().unwrap().unwrap().path();
    let run: Value = serde_json::from_str(&std::fs::read_to_string(run_file).unwrap()).unwrap();

    // A sheet per part of the report, named in Traditional Chinese (the benchmark's file appendix has its own).
    assert_eq!(
        book.names,
        [
            "摘要",
            "各區塊分數",
            "初心檢視",
            "診斷：十宗罪",
            "競品對標",
            "讀取的檔案與欄位",
            "顧客對話與回應",
            "與上次稽核相比",
            "附錄：所有回答",
        ]
    );

    // Header rows frozen: row 1 of the tables, and the benchmark's under its scope and sentences, where column
    // A's header is 指標; the metric or brand column stays in view too.
    for sheet in ["各區塊分數", "初心檢視", "附錄：所有回答", "讀取的檔案與欄位"] {
        assert_eq!(book.frozen(sheet), Some((1, 1)), "{sheet}");
    }
    assert_eq!(book.frozen("診斷：十宗罪"), Some((1, 2)));
    let header = book.row_of("競品對標", "指標");
    assert!(header > 3, "the scope and the sentences come first");
    assert_eq!(book.frozen("競品對標"), Some((header, 1)));
    let conv_header = book.row_of("顧客對話與回應", "品牌");
    assert_eq!(book.frozen("顧客對話與回應"), Some((conv_header, 1)));
    assert_eq!(book.frozen("摘要"), None, "a list of figures, no header row");

    // Columns fitted to their content: on the sections sheet, column A is as wide as its widest title (CJK
    // counted twice a Latin one) plus 2; no column anywhere is wider than 50 characters.
    let sections = &book.cells[book.sheet("各區塊分數")];
    let widest = sections
        .iter()
        .filter(|(r, _)| r.starts_with('A'))
        .filter_map(|(_, c)| c.text.as_deref())
        .map(shown_width)
        .fold(0.0, f64::max);
    assert!(widest >= 6.8, "Chinese section titles");
    assert_eq!(book.widths("各區塊分數")[&1], stored_width(widest + 2.0));
    for sheet in &book.names {
        for (col, w) in book.widths(sheet) {
            assert!(w <= stored_width(50.0), "{sheet} column {col} is {w} wide");
        }
    }

    // Long text wraps in its cell, short text does not: the sins' recommendations (column I).
    let findings = &book.cells[book.sheet("診斷：十宗罪")];
    let recommendations: Vec<(u32, &Stored)> = findings
        .iter()
        .filter(|(r, _)| r.starts_with('I') && r != &"I1")
        .map(|(r, c)| (r[1..].parse().unwrap(), c))
        .collect();
    assert!(!recommendations.is_empty());
    for (row, c) in recommendations {
        let width = shown_width(c.text.as_deref().unwrap());
        assert_eq!(book.wraps(c), width > 50.0, "{c:?}");
        // Its row is tall enough for its lines: 49 units a line in a column 50 wide, 14.5 points a line and 4 of
        // margin (the file stores whole pixels, so up to 0.75 pt less).
        if width > 50.0 {
            let lines = (width / 49.0).ceil();
            let height = book.row_height("診斷：十宗罪", row).unwrap_or(15.0);
            assert!(
                height >= 14.5 * lines + 4.0 - 0.75,
                "row {row}: {height} pt for {lines} lines"
            );
        }
    }
    assert!(
        findings
            .values()
            .all(|c| !c.text.as_deref().unwrap_or("").contains("contains \"")),
        "no rule syntax outside the appendix"
    );

    // Numbers stay numbers, in their unit's format: followers with thousands separators, the engagement rate as a
    // percentage (0.53 % is 0.0053), the index to one decimal.
    let row = book.row_of("競品對標", "粉絲數");
    let followers = book.at("競品對標", &format!("B{row}"));
    assert_eq!(followers.number, Some(figure(&run, "followers", "client")));
    assert_eq!(book.format_of(&followers), "#,##0");
    let index = book.at("競品對標", &format!("G{row}"));
    assert!((index.number.unwrap() - figure(&run, "followers", "index")).abs() < 1e-9);
    assert_eq!(book.format_of(&index), "0.0");
    let row = book.row_of("競品對標", "互動率（粉絲） (%)");
    let er = book.at("競品對標", &format!("B{row}"));
    assert!((er.number.unwrap() - figure(&run, "er_followers", "client") / 100.0).abs() < 1e-12);
    assert!(book.format_of(&er).ends_with("0.0%"), "{}", book.format_of(&er));

    // The conversations sheet: the client's response rate as a percentage, its median response time in whole
    // minutes.
    let client_row = conv_header + 1;
    assert_eq!(
        book.at("顧客對話與回應", &format!("A{client_row}")).text.as_deref(),
        Some("蓮心茶飲")
    );
    let rate = book.at("顧客對話與回應", &format!("B{client_row}"));
    let response_rate = figure(&run, "response_rate", "client");
    assert!((rate.number.unwrap() - response_rate / 100.0).abs() < 1e-12);
    assert!(book.format_of(&rate).ends_with("0.0%"));
    let minutes = book.at("顧客對話與回應", &format!("C{client_row}"));
    assert_eq!(book.format_of(&minutes), "#,##0");

    // As LibreOffice displays it: the client's row of the response table, worked out from the stored run.
    if tool(&["soffice", "libreoffice"]).is_some() {
        let profile = tempfile::tempdir().unwrap();
        let out = Command::new(tool(&["soffice", "libreoffice"]).unwrap())
            .arg(format!("-env:UserInstallation=file://{}", profile.path().display()))
            .args(["--headless", "--norestore", "--convert-to"])
            // CSV of every sheet (token 12 = -1), each cell as shown (token 9).
            .arg("csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1")
            .arg("--outdir")
            .arg(env.path().join("csv"))
            .arg(&path)
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        let csv = env.read("csv/lotus-tea-2026-10-15-顧客對話與回應.csv");
        let pct = |metric: &str| format!("{:.1}%", figure(&run, metric, "client"));
        let want = format!(
            "蓮心茶飲,{},{},{},{},{},{}",
            pct("response_rate"),
            grouped(figure(&run, "median_response_minutes", "client")),
            grouped(figure(&run, "p90_response_minutes", "client")),
            pct("answered_within_24h"),
            grouped(figure(&run, "inbound_messages", "client")),
            grouped(figure(&run, "unanswered_messages", "client")),
        );
        assert!(csv.lines().any(|l| l == want), "no line `{want}` in\n{csv}");
        let bench = env.read("csv/lotus-tea-2026-10-15-競品對標.csv");
        let followers = format!("粉絲數,\"{}\",", grouped(figure(&run, "followers", "client")));
        assert!(bench.contains(&followers), "no `{followers}` in\n{bench}");
    }

    // The same figures on the page are worded (31.6%, not 31.58), and the food plugin's comparison counts
    // complaints, not posts; in JSON they stay numbers.
    env.ok(&["--lang", "zh-Hant", "-w", "d", "report", "lotus-tea", "-o", "out"]);
    let html = env.read("out/lotus-tea-2026-10-15.html");
    let start = html.find("<section id=\"conversations\">").unwrap();
    let conversations = &html[start..start + html[start..].find("</section>").unwrap()];
    let shown = format!("<td class=\"num\">{:.1}%</td>", response_rate);
    assert!(conversations.contains(&shown), "no `{shown}` in {conversations}");
    assert!(!conversations.contains(&format!(">{response_rate}<")), "no raw number");
    let plugin = html.find("<h3>客訴回覆率 — ").unwrap();
    let plugin_table = &html[plugin..plugin + html[plugin..].find("</table>").unwrap()];
    assert!(
        plugin_table.contains("<th>客訴則數</th>") && !plugin_table.contains("貼文數"),
        "{plugin_table}"
    );
    env.ok(&[
        "--lang",
        "zh-Hant",
        "-w",
        "d",
        "report",
        "lotus-tea",
        "--format",
        "json",
        "-o",
        "out",
    ]);
    let r: Value = serde_json::from_str(&env.read("out/lotus-tea-2026-10-15.json")).unwrap();
    let first = &r["conversations"]["tables"][0]["rows"][0];
    assert_eq!(first[0], "蓮心茶飲");
    assert_eq!(first[1].as_f64(), Some(response_rate), "JSON keeps the number");
}
