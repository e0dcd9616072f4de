//! The client report in plain words (issue 12): each demo client's HTML report, in zh-Hant, zh-Hans and en, read
//! as a reader sees it (the DOM headless Chromium builds, when it is installed), shows no rule syntax and no
//! question id outside its appendix, states the data period, opens its benchmark section with a sentence whose
//! figures are the stored run's own, and gives each brand one colour across all its charts, the client's labels
//! bold; the portfolio numbers sins per pack.

use crate::report::tool;
use crate::support::Env;
use serde_json::Value;
use std::process::Command;

/// One demo client: the metric its first benchmark sentence names (the widest lead over the competitors'
/// median, or, with no lead, the widest lag), whether the client leads on it, and the metric's names.
struct Sentence {
    client: &'static str,
    brand: &'static str,
    metric: &'static str,
    /// The value is a 0–1 share shown as a percentage.
    fraction: bool,
    leads: bool,
    names: [&'static str; 3],
}

// Worked out from the demo's exports: 蓮心茶飲's net sentiment (21.4 %) is 4.4 times its competitors' median
// (4.9 %), its widest lead; 明月美妝's share of interactions (40.9 % against 29.5 %) is its; 恒豐銀行 leads on
// nothing, and lags most on promotional share (4 of its 7 posts, 57.1 %, against 20.5 %).
const SENTENCES: [Sentence; 3] = [
    Sentence {
        client: "lotus-tea",
        brand: "蓮心茶飲",
        metric: "net_sentiment",
        fraction: false,
        leads: true,
        names: ["淨情感值", "情感净值", "net sentiment"],
    },
    Sentence {
        client: "mingyue-beauty",
        brand: "明月美妝",
        metric: "sov_interactions",
        fraction: false,
        leads: true,
        names: ["互動量份額", "互动量份额", "share of voice, of interactions"],
    },
    Sentence {
        client: "hengfeng-bank",
        brand: "恒豐銀行",
        metric: "promo_share",
        fraction: true,
        leads: false,
        names: ["推廣貼文佔比", "推广帖子占比", "promotional share"],
    },
];

/// A percentage as the report writes it: one decimal from 1 % up, without a trailing zero.
fn pct(v: f64) -> String {
    let s = format!("{v:.1}");
    format!("{}%", s.strip_suffix(".0").unwrap_or(&s))
}

/// The sentence, in `lang`, with the stored run's figures.
fn sentence(s: &Sentence, lang: &str, client: f64, median: f64) -> String {
    let scale = if s.fraction { 100.0 } else { 1.0 };
    let (c, m) = (pct(client * scale), pct(median * scale));
    let (b, n) = (s.brand, &s.names);
    match (lang, s.leads) {
        ("zh-Hant", true) => format!("{b}的{}為 {c}，優於競品中位數 {m}。", n[0]),
        ("zh-Hans", true) => format!("{b}的{}为 {c}，优于竞品中位数 {m}。", n[1]),
        ("en", true) => format!("{b}'s {} is {c}, ahead of the competitors' median of {m}.", n[2]),
        ("zh-Hant", false) => format!("{b}的{}為 {c}，落後競品中位數 {m}。", n[0]),
        ("zh-Hans", false) => format!("{b}的{}为 {c}，落后竞品中位数 {m}。", n[1]),
        (_, false) => format!("{b}'s {} is {c}, behind the competitors' median of {m}.", n[2]),
        _ => unreachable!(),
    }
}

/// The page's DOM as Chromium builds it, or the file itself without Chromium.
fn dom(page: &std::path::Path) -> String {
    let Some(exe) = tool(&["chromium", "chromium-browser", "google-chrome"]) else {
        return std::fs::read_to_string(page).unwrap();
    };
    let profile = tempfile::tempdir().unwrap();
    let out = Command::new(exe)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--dump-dom",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .arg(format!("file://{}", page.display()))
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

/// The text a reader sees outside the appendix: the `<style>` and the appendix section dropped, tags stripped,
/// entities decoded.
fn visible(html: &str) -> String {
    let mut html = html.to_string();
    for (open, close) in [("<style", "</style>"), ("<section id=\"appendix\"", "</section>")] {
        while let Some(a) = html.find(open) {
            let b = html[a..].find(close).map_or(html.len(), |b| a + b + close.len());
            html.replace_range(a..b, " ");
        }
    }
    let mut text = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => {
                in_tag = false;
                text.push(' ');
            }
            c if !in_tag => text.push(c),
            _ => {}
        }
    }
    text.replace("&amp;", "&")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&#x27;", "'")
        .replace("&#39;", "'")
        .replace("&quot;", "\"")
}

/// Each chart of a page that names a brand: its id, the colour of the mark drawn just before each label naming a
/// brand (a legend swatch or line, a bubble; only in charts with a legend frame, where marks are brands), and
/// whether each such label is bold.
#[allow(clippy::type_complexity)]
fn brand_marks(html: &str, brands: &[String]) -> Vec<(String, Vec<(String, String)>, Vec<(String, bool)>)> {
    let mut out = Vec::new();
    let open = "<figure class=\"chart\" id=\"chart-";
    for (at, _) in html.match_indices(open) {
        let id = html[at + open.len()..].split('"').next().unwrap().to_string();
        let Some(start) = html[at..].find("<svg").map(|i| at + i) else {
            continue;
        };
        let end = start + html[start..].find("</svg>").unwrap() + 6;
        let doc = roxmltree::Document::parse(&html[start..end])
            .unwrap_or_else(|e| panic!("chart {id} is not well-formed: {e}"));
        let nodes: Vec<roxmltree::Node<'_, '_>> = doc.descendants().filter(|n| n.is_element()).collect();
        let framed = nodes
            .iter()
            .any(|n| n.has_tag_name("rect") && n.attribute("stroke") == Some("#8C959F"));
        let (mut colours, mut bold) = (Vec::new(), Vec::new());
        for (i, n) in nodes.iter().enumerate() {
            let label = n.text().unwrap_or("").trim();
            if !n.has_tag_name("text") || !brands.iter().any(|b| b == label) {
                continue;
            }
            bold.push((label.to_string(), n.attribute("font-weight") == Some("bold")));
            if !framed {
                continue;
            }
            let colour = nodes[..i].iter().rev().find_map(|m| match m.tag_name().name() {
                "rect" | "circle" => m
                    .attribute("fill")
                    .filter(|f| !["none", "#FFFFFF", "#000000"].contains(f)),
                "polyline" => m.attribute("stroke"),
                _ => None,
            });
            colours.push((label.to_string(), colour.unwrap().to_string()));
        }
        if !bold.is_empty() {
            out.push((id, colours, bold));
        }
    }
    out
}

#[test]
fn the_html_report_speaks_plain_words_in_every_language() {
    for lang in ["zh-Hant", "zh-Hans", "en"] {
        let env = Env::new();
        env.ok(&["--lang", lang, "demo", "d"]);
        for s in &SENTENCES {
            let dir = env.path().join(format!("d/results/{}", s.client));
            let page = std::fs::read_dir(&dir)
                .unwrap()
                .map(|e| e.unwrap().path())
                .find(|p| p.extension().is_some_and(|x| x == "html"))
                .unwrap();
            let html = dom(&page);
            let text = visible(&html);
            let at = format!("{} ({lang})", s.client);

            // No rule syntax, no question id, no option id in quotes.
            for syntax in ["<=", ">=", "!=", "contains \"", "not (", "answered]", "score("] {
                assert!(!text.contains(syntax), "{at}: `{syntax}` is visible");
            }
            let ids: Vec<&str> = html
                .split("id=\"q-")
                .skip(1)
                .map(|rest| &rest[..rest.find('"').unwrap()])
                .collect();
            assert!(
                ids.len() >= 39,
                "{at}: the appendix lists every question ({})",
                ids.len()
            );
            for id in &ids {
                assert!(!text.contains(id), "{at}: question id `{id}` is visible");
            }
            // Ids become words: the industry and the channels.
            assert!(
                !text.contains("weibo") && !text.contains("wechat"),
                "{at}: a platform id is visible"
            );
            for raw in [": food ", ": finance ", ": beauty "] {
                assert!(!text.contains(raw), "{at}: an industry id is visible");
            }

            // The data period and the first benchmark sentence, with the stored run's own figures.
            let bench_dir = env.path().join(format!("d/clients/{}/bench", s.client));
            let run_file = std::fs::read_dir(&bench_dir).unwrap().next().unwrap().unwrap().path();
            let run: Value = serde_json::from_str(&std::fs::read_to_string(run_file).unwrap()).unwrap();
            let (start, end) = (
                run["window"]["start"].as_str().unwrap(),
                run["window"]["end"].as_str().unwrap(),
            );
            assert!(
                text.contains(start) && text.contains(end),
                "{at}: no data period {start}–{end}"
            );
            let m = run["overall"]["metrics"]
                .as_array()
                .unwrap()
                .iter()
                .find(|m| m["metric"] == s.metric)
                .unwrap();
            let (client, median) = (m["client"].as_f64().unwrap(), m["competitor_median"].as_f64().unwrap());
            assert_eq!(
                client > median,
                s.leads ^ (s.metric == "promo_share"),
                "{at}: direction"
            );
            let want = sentence(s, lang, client, median);
            assert!(text.contains(&want), "{at}: no sentence `{want}`");

            // One colour per brand across every chart of the report, different brands different colours, the client
            // in the accent colour and its labels bold (the response-time chart too, whose colours are its parts).
            let brands: Vec<String> = std::iter::once(&run["client"])
                .chain(run["competitors"].as_array().unwrap())
                .map(|b| b.as_str().unwrap().to_string())
                .collect();
            let charts = brand_marks(&html, &brands);
            let framed = charts.iter().filter(|(_, c, _)| !c.is_empty()).count();
            assert!(framed >= 3, "{at}: bars, lines and bubbles name the brands ({framed})");
            let mut colour_of: std::collections::BTreeMap<String, String> = Default::default();
            for (id, colours, bold) in &charts {
                for (brand, colour) in colours {
                    let first = colour_of.entry(brand.clone()).or_insert_with(|| colour.clone());
                    assert_eq!(first, colour, "{at}: {brand} changes colour in chart {id}");
                }
                for (brand, is_bold) in bold {
                    assert_eq!(*is_bold, *brand == brands[0], "{at}: {brand}'s label in chart {id}");
                }
            }
            assert_eq!(
                colour_of.len(),
                brands.len(),
                "{at}: every brand has a colour {colour_of:?}"
            );
            let mut distinct: Vec<&String> = colour_of.values().collect();
            distinct.sort();
            distinct.dedup();
            assert_eq!(distinct.len(), brands.len(), "{at}: {colour_of:?}");
            assert_eq!(
                colour_of[&brands[0]], "#D63E2A",
                "{at}: the client has the accent colour"
            );

            // Sins are numbered per pack, and the maturity note names the contradiction.
            assert!(text.contains("S4 "), "{at}: the core pack's sin 4 is S4");
            let note = match lang {
                "zh-Hant" => "因此列為第 2 級",
                "zh-Hans" => "因此列为第 2 级",
                _ => "the audit is placed at level 2",
            };
            assert!(text.contains(note), "{at}: no maturity note");
        }
        // The food plugin's comparison has its values from the demo's comments export: no line says an export is
        // missing.
        let lotus = std::fs::read_dir(env.path().join("d/results/lotus-tea"))
            .unwrap()
            .map(|e| e.unwrap().path())
            .find(|p| p.extension().is_some_and(|x| x == "html"))
            .unwrap();
        let html = std::fs::read_to_string(lotus).unwrap();
        assert_eq!(html.matches("class=\"notice unavailable\"").count(), 0, "{lang}");
    }
}

#[test]
fn the_portfolio_numbers_sins_per_pack() {
    let env = Env::new();
    env.ok(&["--lang", "en", "demo", "d"]);
    let p: Value = serde_json::from_str(&env.ok(&["-w", "d", "compare", "--format", "json"])).unwrap();
    let codes: Vec<&str> = p["common_sins"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["code"].as_str().unwrap())
        .collect();
    // The core pack's sins are S…; the food pack's F…, retail's R…, finance's B…: never two "sin 1".
    let mut unique = codes.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), codes.len(), "{codes:?}");
    assert!(codes.contains(&"S4"), "{codes:?}");
    assert!(codes.iter().any(|c| c.starts_with('F')), "{codes:?}");
    assert!(codes.iter().any(|c| c.starts_with('R')), "{codes:?}");
    assert!(codes.iter().any(|c| c.starts_with('B')), "{codes:?}");
    let html = env.ok(&["-w", "d", "compare", "--format", "html"]);
    assert!(html.contains("<span class=\"sin-code\">S4</span>"));
}
