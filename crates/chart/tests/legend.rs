//! The brand charts of one run, read back from their SVG: one colour per brand in every chart, the client
//! highlighted, quadrant captions in the right corners, the legend beside the data, and text that survives
//! rsvg-convert.

use chuxin_chart::{Chart, Palette, Renderer};
use roxmltree::{Document, Node};

use crate::samples::{bars, bubble, lines, palette};

/// A box in SVG pixels: x0, y0, x1, y1.
type Box4 = (f64, f64, f64, f64);

fn num(n: Node<'_, '_>, a: &str) -> f64 {
    n.attribute(a).and_then(|v| v.parse().ok()).unwrap_or(0.0)
}

fn text_of(n: Node<'_, '_>) -> String {
    n.text().unwrap_or("").trim().to_string()
}

/// The legend's entries: each text in the legend frame with the colour of the mark (square or line) drawn just
/// before it, and whether the text is bold.
pub fn legend_entries(svg: &str) -> Vec<(String, String, bool)> {
    let doc = Document::parse(svg).unwrap();
    let frame = legend_frame(&doc).expect("a legend frame");
    let nodes: Vec<Node<'_, '_>> = doc.root_element().children().filter(Node::is_element).collect();
    let mut out = Vec::new();
    for (i, n) in nodes.iter().enumerate() {
        if n.has_tag_name("text") && inside(frame, (num(*n, "x"), num(*n, "y"))) {
            let mark = nodes[..i]
                .iter()
                .rev()
                .find(|m| (m.has_tag_name("rect") && m.attribute("fill") != Some("none")) || m.has_tag_name("polyline"))
                .unwrap();
            let colour = mark
                .attribute("fill")
                .filter(|f| *f != "none")
                .or_else(|| mark.attribute("stroke"))
                .unwrap()
                .to_string();
            out.push((text_of(*n), colour, n.attribute("font-weight") == Some("bold")));
        }
    }
    out
}

/// The legend's frame: the rectangle outlined in the legend grey.
pub fn legend_frame(doc: &Document<'_>) -> Option<Box4> {
    doc.descendants()
        .find(|n| n.has_tag_name("rect") && n.attribute("stroke") == Some("#8C959F"))
        .map(|n| {
            let (x, y) = (num(n, "x"), num(n, "y"));
            (x, y, x + num(n, "width"), y + num(n, "height"))
        })
}

fn inside((x0, y0, x1, y1): Box4, (x, y): (f64, f64)) -> bool {
    x >= x0 && x <= x1 && y >= y0 && y <= y1
}

fn overlaps(a: Box4, b: Box4) -> bool {
    a.0 < b.2 && b.0 < a.2 && a.1 < b.3 && b.1 < a.3
}

/// Every drawn thing outside the legend strip: bars (filled rectangles), points and bubbles (circles) and texts,
/// as boxes (a text's box estimated from its size and length and anchor).
pub fn data_boxes(svg: &str) -> Vec<(String, Box4)> {
    let doc = Document::parse(svg).unwrap();
    let (w, h) = (num(doc.root_element(), "width"), num(doc.root_element(), "height"));
    let mut out = Vec::new();
    for n in doc.descendants().filter(Node::is_element) {
        let b = match n.tag_name().name() {
            "rect" if n.attribute("fill") != Some("none") => {
                let (x, y) = (num(n, "x"), num(n, "y"));
                (x, y, x + num(n, "width"), y + num(n, "height"))
            }
            "circle" => {
                let (x, y, r) = (num(n, "cx"), num(n, "cy"), num(n, "r"));
                (x - r, y - r, x + r, y + r)
            }
            "text" => {
                let t = text_of(n);
                let size = num(n, "font-size");
                let width: f64 = t
                    .chars()
                    .map(|c| if u32::from(c) >= 0x2e80 { 1.0 } else { 0.6 })
                    .sum::<f64>()
                    * size;
                let x = num(n, "x");
                let x0 = match n.attribute("text-anchor") {
                    Some("middle") => x - width / 2.0,
                    Some("end") => x - width,
                    _ => x,
                };
                (x0, num(n, "y") - size, x0 + width, num(n, "y") + size)
            }
            _ => continue,
        };
        // The white background covers everything.
        if (b.2 - b.0) >= w && (b.3 - b.1) >= h {
            continue;
        }
        out.push((n.tag_name().name().to_string(), b));
    }
    out
}

fn svgs() -> Vec<(&'static str, String)> {
    let renderer = Renderer::new(None);
    [("bars", bars()), ("lines", lines()), ("bubble", bubble())]
        .into_iter()
        .map(|(name, chart)| (name, renderer.svg_string(&chart).unwrap()))
        .collect()
}

#[test]
fn a_brand_has_one_colour_in_every_chart_and_the_client_is_highlighted() {
    let palette = palette();
    let mut seen: std::collections::BTreeMap<String, String> = Default::default();
    for (name, svg) in svgs() {
        let entries = legend_entries(&svg);
        assert!(entries.len() >= 2, "{name}: {entries:?}");
        for (brand, colour, bold) in entries {
            // The colour is the palette's, the same as in the other charts.
            assert_eq!(colour, palette.hex(&brand), "{name}: {brand}");
            if let Some(before) = seen.insert(brand.clone(), colour.clone()) {
                assert_eq!(before, colour, "{name}: {brand} changed colour");
            }
            // Only the client's label is bold.
            assert_eq!(bold, brand == "蓮心茶飲", "{name}: {brand}");
        }
    }
    // Distinct brands, distinct colours.
    let mut colours: Vec<&String> = seen.values().collect();
    colours.dedup();
    colours.sort();
    let n = colours.len();
    colours.dedup();
    assert_eq!(colours.len(), n, "{seen:?}");
    assert_eq!(seen["蓮心茶飲"], "#D63E2A");
}

#[test]
fn the_clients_bars_are_opaque_and_outlined_the_others_lighter() {
    let svg = Renderer::new(None).svg_string(&bars()).unwrap();
    let doc = Document::parse(&svg).unwrap();
    let bars: Vec<Node<'_, '_>> = doc
        .descendants()
        .filter(|n| n.has_tag_name("rect") && num(*n, "width") > 30.0 && num(*n, "height") > 30.0)
        .filter(|n| n.attribute("fill") != Some("#FFFFFF") && n.attribute("fill") != Some("none"))
        .collect();
    // Four values in the sample: 蓮心茶飲 0.42 and 0.3, 茶語時光 1.1, 一點甜 0.9.
    assert_eq!(bars.len(), 4, "{svg}");
    let client: Vec<_> = bars.iter().filter(|n| n.attribute("fill") == Some("#D63E2A")).collect();
    assert_eq!(client.len(), 2);
    assert!(client.iter().all(|n| n.attribute("opacity") == Some("1")));
    assert!(
        bars.iter()
            .filter(|n| n.attribute("fill") != Some("#D63E2A"))
            .all(|n| n.attribute("opacity") == Some("0.6"))
    );
    // Each client bar has a dark outline over it (#6B1F15, half the accent): a rectangle with no fill.
    let outlines = doc
        .descendants()
        .filter(|n| {
            n.has_tag_name("rect")
                && num(*n, "width") > 30.0
                && n.attribute("fill") == Some("none")
                && n.attribute("stroke") == Some("#6B1F15")
        })
        .count();
    assert_eq!(outlines, 2, "{svg}");
}

#[test]
fn the_quadrant_captions_sit_in_their_corners() {
    let svg = Renderer::new(None).svg_string(&bubble()).unwrap();
    let doc = Document::parse(&svg).unwrap();
    let at = |label: &str| {
        let n = doc
            .descendants()
            .find(|n| n.has_tag_name("text") && text_of(*n) == label)
            .unwrap_or_else(|| panic!("no `{label}`"));
        (num(n, "x"), num(n, "y"))
    };
    // The sample's captions: top right 活躍且互動高 (posts often, engages), top left 少發但互動高, bottom left 沉默,
    // bottom right 多發少互動. SVG's y grows downwards.
    let (tr, tl, bl, br) = (at("活躍且互動高"), at("少發但互動高"), at("沉默"), at("多發少互動"));
    assert!(tr.0 > tl.0 && br.0 > bl.0, "{tr:?} {tl:?} {bl:?} {br:?}");
    assert!(tr.1 < br.1 && tl.1 < bl.1, "{tr:?} {tl:?} {bl:?} {br:?}");
    // And the size legend names the measure, with reference bubbles of 500k and 100k followers (the largest
    // bubble is 520,000: rounded down to one digit, and a quarter of it, 130,000, rounded down).
    let texts: Vec<String> = doc
        .descendants()
        .filter(|n| n.has_tag_name("text"))
        .map(text_of)
        .collect();
    assert!(texts.iter().any(|t| t == "粉絲數 followers"), "{texts:?}");
    assert!(
        texts.iter().any(|t| t == "500.0k") && texts.iter().any(|t| t == "100.0k"),
        "{texts:?}"
    );
}

#[test]
fn the_legend_covers_no_bar_point_or_label() {
    for (name, svg) in svgs() {
        let doc = Document::parse(&svg).unwrap();
        let frame = legend_frame(&doc).unwrap();
        let legend: Vec<String> = legend_entries(&svg).into_iter().map(|(t, _, _)| t).collect();
        for (tag, b) in data_boxes(&svg) {
            // The legend's own parts lie inside it.
            if b.0 >= frame.0 - 0.5 && b.2 <= frame.2 + 0.5 && b.1 >= frame.1 - 30.0 && b.3 <= frame.3 + 30.0 {
                continue;
            }
            assert!(
                !overlaps(frame, b),
                "{name}: the legend {frame:?} covers a {tag} at {b:?} ({legend:?})"
            );
        }
    }
}

#[test]
fn svg_text_names_a_font_list_ending_in_sans_serif() {
    let svg = Renderer::new(None).svg_string(&bars()).unwrap();
    let doc = Document::parse(&svg).unwrap();
    for t in doc.descendants().filter(|n| n.has_tag_name("text")) {
        let style = t.attribute("style").unwrap_or("");
        assert!(
            style.starts_with("font-family: ") && style.ends_with(", sans-serif"),
            "{style}"
        );
        assert!(t.attribute("font-family").is_some_and(|f| !f.contains(',')));
    }
}

/// rsvg-convert turns the SVG into a PDF whose text (pdftotext) still names every brand, the title and the
/// captions: text survives conversion.
#[test]
fn rsvg_convert_keeps_the_text() {
    let have = |tool: &str, arg: &str| std::process::Command::new(tool).arg(arg).output().is_ok();
    if !have("rsvg-convert", "--version") || !have("pdftotext", "-v") {
        assert!(
            std::env::var_os("CHUXIN_REQUIRE_BROWSER").is_none(),
            "rsvg-convert and pdftotext are required (apt-get install librsvg2-bin poppler-utils)"
        );
        eprintln!("notice: rsvg-convert or pdftotext not found; conversion test skipped");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    for (name, svg) in svgs() {
        let path = dir.path().join(format!("{name}.svg"));
        std::fs::write(&path, &svg).unwrap();
        let pdf = dir.path().join(format!("{name}.pdf"));
        let status = std::process::Command::new("rsvg-convert")
            .args(["-f", "pdf", "-o"])
            .arg(&pdf)
            .arg(&path)
            .status()
            .unwrap();
        assert!(status.success());
        let out = std::process::Command::new("pdftotext")
            .arg(&pdf)
            .arg("-")
            .output()
            .unwrap();
        let text = String::from_utf8_lossy(&out.stdout);
        let chart: Chart = match name {
            "bars" => bars(),
            "lines" => lines(),
            _ => bubble(),
        };
        assert!(text.contains(chart.title()), "{name}: {text}");
        for brand in palette().brands().iter().filter(|b| svg.contains(b.as_str())) {
            assert!(text.contains(brand.as_str()), "{name}: no `{brand}` in {text}");
        }
    }
    let _ = Palette::default();
}

/// ImageMagick's own SVG renderer draws a line as a line: a V-shaped series (4, 0, 4) leaves the triangle between
/// its arms white. (It used to fill every polyline black: `opacity` after `fill="none"` reset the fill.)
#[test]
fn imagemagick_draws_a_line_without_filling_it() {
    let convert = |arg: &str| std::process::Command::new("convert").arg(arg).output().is_ok();
    if !convert("-version") {
        assert!(
            std::env::var_os("CHUXIN_REQUIRE_BROWSER").is_none(),
            "ImageMagick is required (apt-get install imagemagick)"
        );
        eprintln!("notice: ImageMagick not found; conversion test skipped");
        return;
    }
    let chart = Chart::Lines(chuxin_chart::LineChart {
        title: "V".into(),
        y_label: "posts".into(),
        x_labels: vec!["a".into(), "b".into(), "c".into()],
        lines: vec![("茶語時光".into(), vec![Some(4.0), Some(0.0), Some(4.0)])],
        highlight: None,
        palette: palette(),
    });
    let svg = Renderer::new(None).svg_string(&chart).unwrap();
    // The series' own polyline: three points, in the brand's colour.
    let doc = Document::parse(&svg).unwrap();
    let line = doc
        .descendants()
        .find(|n| {
            n.has_tag_name("polyline")
                && n.attribute("stroke") == Some(palette().hex("茶語時光").as_str())
                && n.attribute("points").unwrap().split_whitespace().count() == 3
        })
        .unwrap();
    let points: Vec<(f64, f64)> = line
        .attribute("points")
        .unwrap()
        .split_whitespace()
        .map(|p| {
            let (x, y) = p.split_once(',').unwrap();
            (x.parse().unwrap(), y.parse().unwrap())
        })
        .collect();
    // Inside the triangle: below the chord between the arms' tops, above the V's bottom.
    let (x, y) = (points[1].0, (points[0].1 + points[1].1) / 2.0);
    let dir = tempfile::tempdir().unwrap();
    let (src, png) = (dir.path().join("v.svg"), dir.path().join("v.png"));
    std::fs::write(&src, &svg).unwrap();
    let status = std::process::Command::new("convert")
        .arg(format!("msvg:{}", src.display()))
        .arg(&png)
        .status()
        .unwrap();
    assert!(status.success());
    let decoder = png::Decoder::new(std::io::BufReader::new(std::fs::File::open(&png).unwrap()));
    let mut reader = decoder.read_info().unwrap();
    let mut buf = vec![0; reader.output_buffer_size()];
    let info = reader.next_frame(&mut buf).unwrap();
    let scale = f64::from(info.width) / f64::from(chuxin_chart::SIZE.0);
    let channels = info.line_size / info.width as usize;
    let (px, py) = ((x * scale) as usize, (y * scale) as usize);
    let at = py * info.line_size + px * channels;
    let luma: u32 = buf[at..at + 3].iter().map(|c| u32::from(*c)).sum::<u32>() / 3;
    assert!(
        luma > 150,
        "the pixel inside the V at ({px}, {py}) is dark ({luma}): the line was filled"
    );
}
