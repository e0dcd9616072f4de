//! Questionnaire workbooks: `chuxin form --format xlsx` read by LibreOffice, filled in LibreOffice's own format,
//! saved by LibreOffice as .xlsx, and imported back — so the import reads a file no chuxin code wrote.

use crate::report::tool;
use crate::support::Env;
use chuxin_core::{AnswerKind, Lang, core_pack};
use serde_json::Value;
use std::path::Path;
use std::process::Command;

/// Converts `files` in `dir` with LibreOffice headless (its own profile, so tests may run side by side).
fn soffice(dir: &Path, to: &str, files: &[&str]) {
    soffice_with(dir, to, &[], files);
}

/// As [`soffice`], with extra arguments (an input filter) before the files.
fn soffice_with(dir: &Path, to: &str, args: &[&str], files: &[&str]) {
    let exe = tool(&["soffice", "libreoffice"]).expect("checked by the caller");
    let profile = tempfile::tempdir().unwrap();
    let out = Command::new(exe)
        .arg(format!("-env:UserInstallation=file://{}", profile.path().display()))
        .args(["--headless", "--norestore"])
        .args(args)
        .args(["--convert-to", to, "--outdir"])
        .arg(dir)
        .args(files.iter().map(|f| dir.join(f)))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "soffice: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

fn xml_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// Fills cell `nth` (0-based) of the row whose first cell is `id`, in a flat ODS document, the way Calc stores a
/// typed cell; a run of repeated empty cells is split around it.
fn fill(fods: &str, id: &str, nth: usize, value: &str) -> String {
    let at = fods
        .find(&format!("<text:p>{id}</text:p>"))
        .unwrap_or_else(|| panic!("row {id}"));
    let row_end = at + fods[at..].find("</table:table-row>").unwrap();
    let row_start = fods[..at].rfind("<table:table-row").unwrap();
    let starts: Vec<usize> = fods[row_start..row_end]
        .match_indices("<table:table-cell")
        .map(|(i, _)| row_start + i)
        .collect();
    let start = starts[nth];
    let tag_end = start + fods[start..].find('>').unwrap();
    assert!(fods[..tag_end].ends_with('/'), "cell {nth} of {id} is empty");
    let attrs = fods[start + "<table:table-cell".len()..tag_end - 1].to_string();
    let repeated = attrs
        .split("table:number-columns-repeated=\"")
        .nth(1)
        .map(|r| r.split('"').next().unwrap().parse::<usize>().unwrap());
    let plain = match repeated {
        Some(n) => attrs.replace(&format!(" table:number-columns-repeated=\"{n}\""), ""),
        None => attrs.clone(),
    };
    let typed = match value.parse::<f64>() {
        Ok(x) => format!(r#" office:value-type="float" office:value="{x}" calcext:value-type="float""#),
        Err(_) => r#" office:value-type="string" calcext:value-type="string""#.to_string(),
    };
    let mut cell = format!(
        "<table:table-cell{plain}{typed}><text:p>{}</text:p></table:table-cell>",
        xml_escape(value)
    );
    if let Some(n) = repeated.filter(|n| *n > 1) {
        cell.push_str(&format!(
            "<table:table-cell{plain} table:number-columns-repeated=\"{}\"/>",
            n - 1
        ));
    }
    format!("{}{cell}{}", &fods[..start], &fods[tag_end + 1..])
}

/// The drop-down entry of `question` at `index`, as the workbook lists it.
fn entry(question: &str, index: usize) -> String {
    let pack = core_pack().unwrap();
    let q = pack.questions().find(|q| q.id == question).unwrap();
    chuxin_forms::choices(q, Lang::ZhHans).unwrap()[index].clone()
}

#[test]
fn workbook_filled_and_saved_by_libreoffice_imports_and_scores_as_worked_out_by_hand() {
    let env = Env::workspace();
    env.run(&["form", "acme", "--format", "xlsx"])
        .assert_code(2)
        .assert_error_line(&["-o FILE.xlsx"]);
    env.ok(&["--lang", "zh-Hans", "form", "acme", "--format", "xlsx", "-o", "q.xlsx"]);
    let Some(_) = tool(&["soffice", "libreoffice"]) else {
        return;
    };

    // LibreOffice reads our workbook: a protected sheet per section, the hidden lists, a drop-down on every
    // scale, yes/no and single-choice answer, and the rubric as a note.
    soffice(env.path(), "fods", &["q.xlsx"]);
    let fods = env.read("q.fods");
    let tables: Vec<&str> = fods
        .match_indices("<table:table table:name=\"")
        .map(|(i, _)| fods[i + 25..].split('"').next().unwrap())
        .collect();
    assert_eq!(
        tables,
        [
            "社会化媒体环境",
            "运营思路",
            "执行细节",
            "标杆分析",
            "资源分析",
            "_lists"
        ]
    );
    assert_eq!(
        fods.matches("table:protected=\"true\"").count(),
        6,
        "every sheet is protected"
    );
    let pack = core_pack().unwrap();
    let with_list = pack
        .questions()
        .filter(|q| {
            matches!(
                q.kind,
                AnswerKind::Scale { .. } | AnswerKind::YesNo { .. } | AnswerKind::Single { .. }
            )
        })
        .count();
    let validated = fods.matches("table:content-validation-name=").count();
    assert!(
        validated >= with_list,
        "{validated} validated answer cells, {with_list} drop-down questions"
    );
    assert!(fods.contains("评分准则: "), "the rubric travels as a note");

    // Fill it in as a client would in Calc: drop-down entries, a typed number, a typed list, a note.
    let mut filled = fods.clone();
    for (id, value) in [
        ("env.interest", entry("env.interest", 4)),
        ("env.brand_sentiment", entry("env.brand_sentiment", 1)),
        ("env.current_practice", entry("env.current_practice", 2)),
        ("res.patience", "8".to_string()),
        ("res.investment_areas", "operations, tools".to_string()),
    ] {
        filled = fill(&filled, id, 3, &value);
    }
    filled = fill(&filled, "env.interest", 4, "董事长亲自过问 <b>&</b>");
    std::fs::write(env.path().join("filled.fods"), &filled).unwrap();
    let mut bad = fill(&fods, "env.interest", 3, "9 - 不存在的等级");
    bad = fill(&bad, "env.brand_sentiment", 3, &entry("env.brand_sentiment", 1));
    std::fs::write(env.path().join("bad.fods"), bad).unwrap();
    soffice(env.path(), "xlsx:Calc MS Excel 2007 XML", &["filled.fods", "bad.fods"]);
    let written = std::fs::read(env.path().join("filled.xlsx")).unwrap();
    let workbook_xml = String::from_utf8_lossy(&written);
    assert!(written.starts_with(b"PK"), "LibreOffice wrote the workbook");
    drop(workbook_xml);

    // A bad answer names the sheet and cell, and changes nothing.
    let before = env.snapshot();
    env.run(&["import", "acme", "bad.xlsx"])
        .assert_code(3)
        .assert_error_line(&[
            "bad.xlsx:4: 社会化媒体环境!D4: 您的答案 (env.interest):",
            "levels 1 to 5",
        ]);
    assert_eq!(env.snapshot(), before);

    let msg = env.ok(&["import", "acme", "filled.xlsx"]);
    assert!(msg.contains("imported 5 answers") && msg.contains("5/30"), "{msg}");
    let audit = env.read("clients/acme/audits/2026-11-26.toml");
    assert!(audit.contains("董事长亲自过问 <b>&</b>"), "the note survives: {audit}");
    // By hand (as in forms.rs): env (1.0 + 0.25 × 1.5 + 0.4) / 3.5 = 50.714; res (0.8 + 0.5) / 2 = 65.0;
    // overall 57.857 → maturity 3.
    let card: Value = serde_json::from_str(&env.ok(&["score", "acme", "--format", "json"])).unwrap();
    let card = &card["scorecard"];
    let section = |id: &str| {
        card["sections"]
            .as_array()
            .unwrap()
            .iter()
            .find(|s| s["id"] == id)
            .unwrap()["score"]
            .as_f64()
            .unwrap()
    };
    assert!((section("env") - 50.714).abs() < 0.01);
    assert!((section("res") - 65.0).abs() < 1e-9);
    assert!((card["overall"].as_f64().unwrap() - 57.857).abs() < 0.01);
    assert_eq!(card["maturity"]["level"], 3);
}

#[test]
fn csv_outputs_open_in_libreoffice_without_running_a_formula() {
    // Brand names from exports that a spreadsheet would take for formulas.
    let env = Env::workspace();
    env.ok(&[
        "client",
        "add",
        "evil",
        "--name",
        "Evil",
        "--brand",
        "=1+2",
        "--competitor",
        "@SUM(1;2)",
    ]);
    env.write(
        "posts.csv",
        "brand,platform,time,likes\n=1+2,weibo,2024-01-02,10\n@SUM(1;2),weibo,2024-01-02,5\n=1+2,weibo,2024-01-09,10\n@SUM(1;2),weibo,2024-01-09,5\n",
    );
    env.write(
        "bench.csv",
        &env.ok(&["bench", "evil", "--posts", "posts.csv", "--format", "csv"]),
    );
    env.write("aggregate.csv", &env.ok(&["aggregate", "posts.csv"]));
    // A control file written raw, to prove the import below does evaluate formulas.
    env.write("control.csv", "brand,v\n=1+2,1\n");
    let Some(_) = tool(&["soffice", "libreoffice"]) else {
        return;
    };
    // Token 13 of LibreOffice's CSV filter options: evaluate formulas on import.
    soffice_with(
        env.path(),
        "fods",
        &["--infilter=CSV:44,34,76,1,,0,false,true,false,false,false,false,true"],
        &["control.csv", "bench.csv", "aggregate.csv"],
    );
    for name in ["control", "bench", "aggregate"] {
        let fods = env.read(&format!("{name}.fods"));
        let formulas = fods.matches("table:formula=").count();
        if name == "control" {
            assert_eq!(formulas, 1, "the control's formula is evaluated:\n{fods}");
        } else {
            assert_eq!(formulas, 0, "{name}.csv runs no formula");
            assert!(
                fods.contains("=1+2") && fods.contains("@SUM(1;2)"),
                "{name}: the names are kept as text"
            );
        }
    }
}

#[test]
fn a_workbook_with_a_cell_at_the_end_of_the_sheet_imports_at_once() {
    // 44 KB workbooks like this aborted the import (a dense range of 16,384 × 1,048,576 cells).
    let env = Env::workspace();
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    ws.write(0, 0, "id").unwrap();
    ws.write(0, 1, "answer").unwrap();
    ws.write(1, 0, "env.interest").unwrap();
    ws.write(1, 1, 4).unwrap();
    ws.write(1_048_575, 16_383, "x").unwrap();
    std::fs::write(env.path().join("far.xlsx"), wb.save_to_buffer().unwrap()).unwrap();
    let out = env.run(&["import", "acme", "far.xlsx"]);
    out.assert_code(0);
    let card: Value = serde_json::from_str(&env.ok(&["score", "acme", "--format", "json"])).unwrap();
    assert_eq!(card["scorecard"]["answered"], 1);
}

/// The number of pages of a PDF and whether the first is landscape, read from its page objects.
fn pdf_pages(pdf: &[u8]) -> (usize, bool) {
    let text = String::from_utf8_lossy(pdf);
    let pages = text
        .match_indices("/Type")
        .filter(|(i, _)| {
            let rest = text[i + 5..].trim_start();
            rest.starts_with("/Page") && !rest.starts_with("/Pages")
        })
        .count();
    let landscape = text.split("/MediaBox").nth(1).is_some_and(|b| {
        let nums: Vec<f64> = b
            .trim_start()
            .trim_start_matches('[')
            .split(']')
            .next()
            .unwrap()
            .split_whitespace()
            .filter_map(|n| n.parse().ok())
            .collect();
        nums.len() == 4 && nums[2] > nums[3]
    });
    (pages, landscape)
}

#[test]
fn a_zh_hans_workbook_has_chinese_headers_and_instructions_prints_on_a_few_pages_and_imports_back() {
    let env = Env::workspace();
    env.ok(&["--lang", "zh-Hans", "form", "acme", "--format", "xlsx", "-o", "q.xlsx"]);
    let Some(_) = tool(&["soffice", "libreoffice"]) else {
        return;
    };
    soffice(env.path(), "fods", &["q.xlsx"]);
    let fods = env.read("q.fods");
    assert_eq!(
        fods.matches("<text:p>题号</text:p>").count(),
        5,
        "a header row on each section sheet"
    );
    for h in ["题号", "问题", "作答方式", "您的答案", "备注"] {
        assert!(fods.contains(&format!("<text:p>{h}</text:p>")), "header {h}");
    }
    for english in ["how_to_answer", "<text:p>answer</text:p>", "<text:p>note</text:p>"] {
        assert!(
            !fods.contains(english),
            "no English header `{english}` in a zh-Hans form"
        );
    }
    assert!(
        fods.contains("留空不会删除您之前给我们的答案") && fods.contains("请在该处填写“清除”"),
        "the instructions state the re-import rule"
    );

    // Printed on A4 landscape, fitted to the width: eight pages in LibreOffice (it used to take 30).
    soffice(env.path(), "pdf", &["q.xlsx"]);
    let (pages, landscape) = pdf_pages(&std::fs::read(env.path().join("q.pdf")).unwrap());
    assert!((5..=10).contains(&pages), "{pages} pages");
    assert!(landscape);

    // Filled in Calc and saved as .xlsx: the Chinese headers survive and the import reads them.
    let mut filled = fill(&fods, "env.interest", 3, &entry("env.interest", 3));
    filled = fill(&filled, "res.patience", 3, "8");
    filled = fill(&filled, "env.positioning", 4, "只填了备注");
    std::fs::write(env.path().join("round.fods"), &filled).unwrap();
    soffice(env.path(), "xlsx:Calc MS Excel 2007 XML", &["round.fods"]);
    std::fs::copy(env.path().join("round.xlsx"), env.path().join("back.xlsx")).unwrap();
    soffice(env.path(), "fods", &["back.xlsx"]);
    assert_eq!(env.read("back.fods").matches("<text:p>您的答案</text:p>").count(), 5);
    let out = env.ok(&["import", "acme", "round.xlsx"]);
    // By hand: three rows give something, two of them answers (env.positioning only a note).
    assert!(
        out.starts_with("imported 3 answers into clients/acme/audits/2026-11-26.toml (2/30 scored questions answered)"),
        "{out}"
    );
    assert!(
        out.contains("answers added 2: env.interest = 4, res.patience = 8"),
        "{out}"
    );
    assert!(out.contains("notes updated 1: env.positioning"), "{out}");
}

/// The workbook at `from` with answers typed into its answer column (D) as a client would in Excel, written to
/// `to`: each `(question id, value)` finds the row whose column A is the id; a number is stored as a number, any
/// other value as text.
fn fill_xlsx(from: &Path, to: &Path, answers: &[(&str, String)]) {
    use std::io::{Read, Write};
    let mut zip = zip::ZipArchive::new(std::fs::File::open(from).unwrap()).unwrap();
    let mut parts: Vec<(String, Vec<u8>)> = Vec::new();
    for i in 0..zip.len() {
        let mut f = zip.by_index(i).unwrap();
        let name = f.name().unwrap().to_string();
        let mut bytes = Vec::new();
        f.read_to_end(&mut bytes).unwrap();
        parts.push((name, bytes));
    }
    let strings = String::from_utf8(
        parts
            .iter()
            .find(|(n, _)| n == "xl/sharedStrings.xml")
            .unwrap()
            .1
            .clone(),
    )
    .unwrap();
    let index: Vec<String> = roxmltree::Document::parse(&strings)
        .unwrap()
        .descendants()
        .filter(|n| n.has_tag_name("si"))
        .map(|si| {
            si.descendants()
                .filter(|t| t.has_tag_name("t"))
                .filter_map(|t| t.text())
                .collect()
        })
        .collect();
    let mut done = 0;
    for (name, bytes) in parts.iter_mut().filter(|(n, _)| n.starts_with("xl/worksheets/sheet")) {
        let mut xml = String::from_utf8(bytes.clone()).unwrap();
        for (id, value) in answers {
            let Some(k) = index.iter().position(|s| s == id) else {
                continue;
            };
            let Some(at) = xml.find(&format!("t=\"s\"><v>{k}</v></c>")) else {
                continue;
            };
            let a = xml[..at].rfind("<c r=\"A").unwrap() + 7;
            let row: u32 = xml[a..].split('"').next().unwrap().parse().unwrap();
            let empty = format!("<c r=\"D{row}\" s=\"");
            let c = xml
                .find(&empty)
                .unwrap_or_else(|| panic!("{name}: no answer cell D{row}"));
            let end = c + xml[c..].find("/>").unwrap();
            let style = &xml[c + empty.len()..end - 1];
            let cell = match value.parse::<f64>() {
                Ok(x) => format!("<c r=\"D{row}\" s=\"{style}\"><v>{x}</v></c>"),
                Err(_) => format!(
                    "<c r=\"D{row}\" s=\"{style}\" t=\"inlineStr\"><is><t>{}</t></is></c>",
                    xml_escape(value)
                ),
            };
            xml.replace_range(c..end + 2, &cell);
            done += 1;
        }
        *bytes = xml.into_bytes();
    }
    assert_eq!(done, answers.len(), "every answer found its row");
    let mut out = zip::ZipWriter::new(std::fs::File::create(to).unwrap());
    for (name, bytes) in parts {
        out.start_file(name, zip::write::SimpleFileOptions::default()).unwrap();
        out.write_all(&bytes).unwrap();
    }
    out.finish().unwrap();
}

/// The section scores and the overall score of `client`'s current audit.
fn scores(env: &Env, client: &str) -> (Vec<(String, Value)>, Value) {
    let card: Value = serde_json::from_str(&env.ok(&["score", client, "--format", "json"])).unwrap();
    let card = &card["scorecard"];
    let sections = card["sections"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| (s["id"].as_str().unwrap().to_string(), s["score"].clone()))
        .collect();
    (sections, card["overall"].clone())
}

#[test]
fn a_zh_hans_workbook_saved_by_libreoffice_keeps_its_headers_and_imports_with_the_same_scores() {
    let env = Env::workspace();
    env.ok(&[
        "client",
        "add",
        "copy",
        "--name",
        "Copy",
        "--industry",
        "none",
        "--competitor",
        "Rival A",
    ]);
    env.ok(&["--lang", "zh-Hans", "form", "acme", "--format", "xlsx", "-o", "q.xlsx"]);
    // Filled as a client would in Excel: drop-down entries, a typed number, a typed list.
    std::fs::create_dir_all(env.path().join("orig")).unwrap();
    fill_xlsx(
        &env.path().join("q.xlsx"),
        &env.path().join("orig/filled.xlsx"),
        &[
            ("env.interest", entry("env.interest", 4)),
            ("env.brand_sentiment", entry("env.brand_sentiment", 1)),
            ("env.current_practice", entry("env.current_practice", 2)),
            ("res.patience", "8".to_string()),
            ("res.investment_areas", "operations, tools".to_string()),
        ],
    );
    let out = env.ok(&["import", "acme", "orig/filled.xlsx"]);
    assert!(out.contains("imported 5 answers"), "{out}");
    let original = scores(&env, "acme");
    // By hand (as in the LibreOffice-filled test above): env 50.714, res 65.0, overall 57.857.
    let env_score = original
        .0
        .iter()
        .find(|(id, _)| id == "env")
        .unwrap()
        .1
        .as_f64()
        .unwrap();
    assert!((env_score - 50.714).abs() < 0.01, "{original:?}");
    assert!((original.1.as_f64().unwrap() - 57.857).abs() < 0.01, "{original:?}");
    let Some(_) = tool(&["soffice", "libreoffice"]) else {
        return;
    };

    // Opened and saved by LibreOffice as .xlsx: its own XML, shared strings and styles.
    soffice(env.path(), "xlsx:Calc MS Excel 2007 XML", &["orig/filled.xlsx"]);
    let saved = env.path().join("filled.xlsx");
    assert_ne!(
        std::fs::read(&saved).unwrap(),
        std::fs::read(env.path().join("orig/filled.xlsx")).unwrap(),
        "LibreOffice rewrote the workbook"
    );
    let mut zip = zip::ZipArchive::new(std::fs::File::open(&saved).unwrap()).unwrap();
    let mut part = |name: &str| {
        let mut s = String::new();
        std::io::Read::read_to_string(&mut zip.by_name(name).unwrap(), &mut s).unwrap();
        s
    };
    let workbook = part("xl/workbook.xml");
    let strings = part("xl/sharedStrings.xml");
    for sheet in ["社会化媒体环境", "运营思路", "执行细节", "标杆分析", "资源分析"] {
        assert!(
            workbook.contains(&format!("name=\"{sheet}\"")),
            "sheet {sheet}: {workbook}"
        );
    }
    for header in ["题号", "问题", "作答方式", "您的答案", "备注"] {
        assert!(strings.contains(&format!(">{header}<")), "header {header} survives");
    }
    assert!(!strings.contains(">how_to_answer<") && !strings.contains(">answer<"));

    // Imported into a second client: the same scores as the file before LibreOffice saved it.
    let out = env.ok(&["import", "copy", "filled.xlsx"]);
    assert!(out.contains("imported 5 answers"), "{out}");
    assert_eq!(scores(&env, "copy"), original);
}
