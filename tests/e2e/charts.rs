//! The charts of the demo's runs, as files (`results/<client>/charts/*.svg`) and inlined in each client's HTML
//! report: one colour per brand across all of them, the client highlighted, the quadrant captions in their
//! corners, legends that cover no data, and text that survives rsvg-convert.

use crate::support::Env;
use roxmltree::{Document, Node};
use std::collections::BTreeMap;
use std::path::Path;

type Box4 = (f64, f64, f64, f64);

fn num(n: Node<'_, '_>, a: &str) -> f64 {
    n.attribute(a).and_then(|v| v.parse().ok()).unwrap_or(0.0)
}

fn text_of(n: Node<'_, '_>) -> String {
    n.text().unwrap_or("").trim().to_string()
}

/// The legend frame: the rectangle outlined in the legend's grey.
fn frame(doc: &Document<'_>) -> Option<Box4> {
    doc.descendants()
        .find(|n| n.has_tag_name("rect") && n.attribute("stroke") == Some("#8C959F"))
        .map(|n| {
            let (x, y) = (num(n, "x"), num(n, "y"));
            (x, y, x + num(n, "width"), y + num(n, "height"))
        })
}

/// Legend entries: (label, colour of the mark drawn just before it, bold).
fn legend(doc: &Document<'_>) -> Vec<(String, String, bool)> {
    let Some(f) = frame(doc) else { return Vec::new() };
    let nodes: Vec<Node<'_, '_>> = doc.root_element().children().filter(Node::is_element).collect();
    let mut out = Vec::new();
    for (i, n) in nodes.iter().enumerate() {
        let (x, y) = (num(*n, "x"), num(*n, "y"));
        if n.has_tag_name("text") && x >= f.0 && x <= f.2 && y >= f.1 && y <= f.3 {
            let mark = nodes[..i]
                .iter()
                .rev()
                .find(|m| (m.has_tag_name("rect") && m.attribute("fill") != Some("none")) || m.has_tag_name("polyline"))
                .unwrap();
            let colour = mark
                .attribute("fill")
                .filter(|f| *f != "none")
                .or(mark.attribute("stroke"))
                .unwrap();
            out.push((
                text_of(*n),
                colour.to_string(),
                n.attribute("font-weight") == Some("bold"),
            ));
        }
    }
    out
}

/// The SVG documents of the client's results: chart files and the charts inlined in the HTML report.
fn svgs(dir: &Path) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir.join("charts")).unwrap() {
        let p = e.unwrap().path();
        if p.extension().is_some_and(|x| x == "svg") {
            out.push((p.display().to_string(), std::fs::read_to_string(&p).unwrap()));
        }
    }
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.extension().is_some_and(|x| x == "html") {
            let html = std::fs::read_to_string(&p).unwrap();
            for (k, part) in html.split("<svg").skip(1).enumerate() {
                let end = part.find("</svg>").unwrap() + "</svg>".len();
                out.push((format!("{} #{k}", p.display()), format!("<svg{}", &part[..end])));
            }
        }
    }
    out
}

#[test]
fn every_chart_of_a_run_gives_a_brand_one_colour_and_highlights_the_client() {
    let env = Env::new();
    env.ok(&["--lang", "en", "demo", "d"]);
    for (client, brand, competitors) in [
        ("lotus-tea", "蓮心茶飲", ["茶語時光", "一點甜"]),
        ("hengfeng-bank", "恒豐銀行", ["安信銀行", "富邦達銀行"]),
    ] {
        let dir = env.path().join("d/results").join(client);
        let mut colours: BTreeMap<String, String> = BTreeMap::new();
        let mut legends = 0;
        for (name, svg) in svgs(&dir) {
            let doc = Document::parse(&svg).unwrap_or_else(|e| panic!("{name}: {e}"));
            for (label, colour, bold) in legend(&doc) {
                legends += 1;
                if let Some(before) = colours.insert(label.clone(), colour.clone()) {
                    assert_eq!(before, colour, "{name}: `{label}` changed colour");
                }
                assert_eq!(bold, label == brand, "{name}: `{label}` bold = {bold}");
            }
        }
        // Bars, lines and bubbles, each as a file and inlined in the report: every brand in several legends.
        assert!(legends >= 6 * 3, "{client}: {legends} legend entries");
        assert_eq!(
            colours.get(brand).map(String::as_str),
            Some("#D63E2A"),
            "{client}: {colours:?}"
        );
        for c in competitors {
            assert!(colours.contains_key(c), "{client}: no {c} in {colours:?}");
        }
        let mut distinct: Vec<&String> = colours.values().collect();
        distinct.sort();
        distinct.dedup();
        assert_eq!(distinct.len(), colours.len(), "{client}: {colours:?}");
    }
}

#[test]
fn quadrant_captions_sizes_legends_and_converted_text() {
    let env = Env::new();
    env.ok(&["--lang", "en", "demo", "d"]);
    let charts = env.path().join("d/results/lotus-tea/charts");
    let svg = std::fs::read_to_string(charts.join("bubble-quadrant.svg")).unwrap();
    let doc = Document::parse(&svg).unwrap();
    let at = |label: &str| {
        let n = doc
            .descendants()
            .find(|n| n.has_tag_name("text") && text_of(*n) == label)
            .unwrap_or_else(|| panic!("no `{label}` in {svg}"));
        (num(n, "x"), num(n, "y"))
    };
    // x is posts per week, y the engagement rate (the axis titles say so); SVG's y grows downwards.
    let texts: Vec<String> = doc
        .descendants()
        .filter(|n| n.has_tag_name("text"))
        .map(text_of)
        .collect();
    assert!(texts.iter().any(|t| t.starts_with("Posts per week")), "{texts:?}");
    let (excellent, potential, silent, active) = (at("Excellent"), at("Potential"), at("Silent"), at("Active"));
    assert!(
        excellent.0 > potential.0 && excellent.1 < active.1,
        "Excellent is top right: {excellent:?}"
    );
    assert!(
        potential.1 < silent.1 && active.0 > silent.0,
        "{potential:?} {silent:?} {active:?}"
    );
    assert!(
        texts.iter().any(|t| t.starts_with("Bubble size: ")),
        "size legend: {texts:?}"
    );

    // No legend covers a bar, point, bubble or label of the plot: everything else lies left of the legend strip.
    for stem in ["bubble-quadrant", "lines-interactions"] {
        let svg = std::fs::read_to_string(charts.join(format!("{stem}.svg"))).unwrap();
        let doc = Document::parse(&svg).unwrap();
        let f = frame(&doc).unwrap();
        // Circles centred in the strip are the size legend's own reference bubbles.
        for n in doc
            .descendants()
            .filter(|n| n.has_tag_name("circle") && num(*n, "cx") < f.0)
        {
            assert!(
                num(n, "cx") + num(n, "r") < f.0,
                "{stem}: a point reaches into the legend {f:?}"
            );
        }
    }
    let bars = std::fs::read_dir(&charts)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| {
            p.file_name().unwrap().to_string_lossy().starts_with("bars-") && p.extension().is_some_and(|x| x == "svg")
        })
        .unwrap();
    let svg = std::fs::read_to_string(&bars).unwrap();
    let doc = Document::parse(&svg).unwrap();
    let f = frame(&doc).unwrap();
    for n in doc
        .descendants()
        .filter(|n| n.has_tag_name("rect") && num(*n, "width") < 900.0)
    {
        let inside = num(n, "x") >= f.0;
        let ends = num(n, "x") + num(n, "width");
        assert!(inside || ends < f.0, "a bar reaches into the legend {f:?}");
    }
    for n in doc
        .descendants()
        .filter(|n| n.has_tag_name("text") && n.attribute("text-anchor") == Some("middle"))
    {
        // Value labels and axis labels are centred on their bar or tick, left of the legend.
        assert!(
            num(n, "x") < f.0 || num(n, "y") < 48.0,
            "`{}` under the legend",
            text_of(n)
        );
    }

    // rsvg-convert keeps the text: the PDF it makes names both brands and the quadrant captions.
    let have = |tool: &str, arg: &str| std::process::Command::new(tool).arg(arg).output().is_ok();
    if !have("rsvg-convert", "--version") || !have("pdftotext", "-v") {
        assert!(
            std::env::var_os("CHUXIN_REQUIRE_BROWSER").is_none(),
            "rsvg-convert and pdftotext are required (apt-get install librsvg2-bin poppler-utils)"
        );
        eprintln!("notice: rsvg-convert or pdftotext not found; conversion test skipped");
        return;
    }
    let pdf = env.path().join("bubble.pdf");
    let ok = std::process::Command::new("rsvg-convert")
        .args(["-f", "pdf", "-o"])
        .arg(&pdf)
        .arg(charts.join("bubble-quadrant.svg"))
        .status()
        .unwrap()
        .success();
    assert!(ok);
    let out = std::process::Command::new("pdftotext")
        .arg(&pdf)
        .arg("-")
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    for word in ["蓮心茶飲", "茶語時光", "一點甜", "Excellent", "Silent"] {
        assert!(text.contains(word), "no `{word}` in the converted chart: {text}");
    }
}
