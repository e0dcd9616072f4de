//! `report --format pdf` and `compare --format pdf`: A4 documents typeset without a browser, read back with
//! poppler's `pdftotext` and `pdfinfo` (installed by `.ci/run`).

use crate::report::{acme_with_history, tool};
use crate::support::{Env, repo};
use std::path::Path;
use std::process::Command;

/// The PDF's text, as `pdftotext -layout` extracts it, with every run of white space made one space (CJK lines
/// may break anywhere, so a title can straddle two lines).
fn text(pdf: &Path) -> String {
    let exe = tool(&["pdftotext"]).expect("checked by the caller");
    let out = Command::new(exe).arg(pdf).arg("-").output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout)
        .unwrap()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// `text` without any white space, for CJK text that a line break may have split.
fn squeezed(pdf: &Path) -> String {
    text(pdf).replace(' ', "")
}

/// (pages, width, height) in points, from `pdfinfo`.
fn info(pdf: &Path) -> (u32, f64, f64) {
    let exe = tool(&["pdfinfo"]).expect("checked by the caller");
    let out = Command::new(exe).arg(pdf).output().unwrap();
    let s = String::from_utf8_lossy(&out.stdout).into_owned();
    let field = |name: &str| {
        s.lines()
            .find_map(|l| l.strip_prefix(name))
            .map(|v| v.trim().to_string())
            .unwrap_or_else(|| panic!("no `{name}` in pdfinfo's output:\n{s}"))
    };
    let pages = field("Pages:").parse().unwrap();
    let size = field("Page size:");
    let mut numbers = size.split_whitespace().filter_map(|w| w.parse::<f64>().ok());
    (pages, numbers.next().unwrap(), numbers.next().unwrap())
}

/// A4 in points: 210 mm × 297 mm at 72 points an inch.
const A4: (f64, f64) = (210.0 / 25.4 * 72.0, 297.0 / 25.4 * 72.0);

fn sin_title(id: &str, lang: &str) -> String {
    // From the pack's own text, not from the report code.
    let pack: toml::Value =
        toml::from_str(&std::fs::read_to_string(repo().join("data/packs/core.toml")).unwrap()).unwrap();
    let sin = pack["sins"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["id"].as_str() == Some(id))
        .unwrap();
    sin["title"][lang].as_str().unwrap().to_string()
}

#[test]
fn the_report_pdf_is_a4_with_a_cover_the_figures_and_every_sin_in_three_languages() {
    let Some(_) = tool(&["pdftotext"]) else { return };
    let env = acme_with_history();
    for lang in ["en", "zh-Hant", "zh-Hans"] {
        let out = format!("out-{lang}");
        let shown = env.ok(&["--lang", lang, "report", "acme", "--format", "pdf", "-o", &out]);
        assert_eq!(shown.trim(), format!("{out}/acme-2026-11-26.pdf"));
        let pdf = env.path().join(&out).join("acme-2026-11-26.pdf");
        assert!(std::fs::read(&pdf).unwrap().starts_with(b"%PDF-"));

        let (pages, w, h) = info(&pdf);
        assert!(
            (w - A4.0).abs() < 0.5 && (h - A4.1).abs() < 0.5,
            "{lang}: A4 portrait, got {w} × {h}"
        );
        assert!(pages >= 4, "{lang}: a cover and the report, got {pages} pages");

        let all = squeezed(&pdf);
        // The figures worked out by hand in `acme_with_history`: overall 47.7, +22.7 since the audit before.
        assert!(all.contains("47.7") && all.contains("+22.7"), "{lang}: {all}");
        // The client's name (with the hostile answer beside it, shown as text), the audit's date.
        assert!(all.contains("Acme") || all.contains("acme"), "{lang}");
        assert!(all.contains("2026-11-26") && all.contains("2026-01-05"), "{lang}");
        assert!(
            all.contains("document.title='pwned'"),
            "{lang}: the hostile note printed as text"
        );
        // Every sin diagnosed (3, 4, 6, 5), by its title in the pack.
        for sin in [
            "understaffed",
            "ignores_interaction",
            "no_standard_service",
            "self_indulgent",
        ] {
            let title = sin_title(sin, lang).replace(' ', "");
            assert!(all.contains(&title), "{lang}: sin `{sin}` ({title}) missing");
        }
        // Page numbers "n / total", counted from the page after the cover: the last page says "N-1 / N-1".
        let last = format!("{}/{}", pages - 1, pages - 1);
        assert!(all.contains(&last), "{lang}: page number {last} missing");
    }
}

#[test]
fn the_demo_clients_pdf_names_the_data_period_and_markup_in_names_stays_text() {
    let Some(_) = tool(&["pdftotext"]) else { return };
    let env = Env::new();
    env.ok(&["demo", "d"]);
    let ws = env.path().join("d");
    let shown = env.ok(&[
        "-w",
        "d",
        "--lang",
        "zh-Hant",
        "report",
        "lotus-tea",
        "--format",
        "json",
        "-o",
        "j",
    ]);
    let report: serde_json::Value = serde_json::from_str(&env.read(shown.trim())).unwrap();
    env.ok(&[
        "-w",
        "d",
        "--lang",
        "zh-Hant",
        "report",
        "lotus-tea",
        "--format",
        "pdf",
        "-o",
        "out",
    ]);
    let pdf = std::fs::read_dir(env.path().join("out"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.extension().is_some_and(|e| e == "pdf"))
        .unwrap();
    let all = squeezed(&pdf);
    assert!(all.contains("蓮心茶飲"));
    // The data period and brands of the benchmark, as the report states them.
    let scope = report["benchmark"]["scope"].as_str().unwrap().replace(' ', "");
    assert!(!scope.is_empty() && all.contains(&scope), "scope `{scope}` missing");
    for f in report["findings"].as_array().unwrap() {
        let title = f["title"].as_str().unwrap().replace(' ', "");
        assert!(all.contains(&title), "sin `{title}` missing");
    }

    // A name full of Typst markup and code is printed as the characters it is.
    let name = r#"#panic("boom") *bold* $x$ <l> @ref \ "q""#;
    let file = ws.join("clients/lotus-tea/client.toml");
    let mut client: toml::Table = toml::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
    client.insert("name".into(), toml::Value::String(name.into()));
    std::fs::write(&file, toml::to_string(&client).unwrap()).unwrap();
    env.ok(&[
        "-w",
        "d",
        "--lang",
        "en",
        "report",
        "lotus-tea",
        "--format",
        "pdf",
        "-o",
        "out2",
    ]);
    let pdf = std::fs::read_dir(env.path().join("out2"))
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    assert!(squeezed(&pdf).contains(&name.replace(' ', "")), "{}", text(&pdf));
}

#[test]
fn the_portfolio_pdf_is_a4_landscape_with_every_client_and_needs_a_file() {
    let Some(_) = tool(&["pdftotext"]) else { return };
    let env = Env::new();
    env.ok(&["demo", "d"]);
    env.ok(&[
        "-w", "d", "--lang", "zh-Hans", "compare", "--format", "pdf", "-o", "p.pdf",
    ]);
    let pdf = env.path().join("p.pdf");
    let (pages, w, h) = info(&pdf);
    assert!(
        (w - A4.1).abs() < 0.5 && (h - A4.0).abs() < 0.5,
        "A4 landscape, got {w} × {h}"
    );
    assert!(pages >= 2);
    let all = squeezed(&pdf);
    for id in ["lotus-tea", "hengfeng-bank", "mingyue-beauty"] {
        let file = repo().join("data/sample-agency/clients").join(id).join("client.toml");
        let client: toml::Table = toml::from_str(&std::fs::read_to_string(file).unwrap()).unwrap();
        let stored = client["name"].as_str().unwrap().replace(' ', "");
        assert!(all.contains(&stored), "client `{stored}` missing");
    }
    // A PDF is not text: without -o it is refused with the usage code and nothing is printed.
    let run = env.run(&["-w", "d", "--lang", "en", "compare", "--format", "pdf"]);
    run.assert_code(2);
    assert!(run.stderr().contains("-o FILE.pdf"), "{}", run.stderr());
}
