//! Charts drawn as inline SVG: the radar of section scores and the before/after bars of the change since the
//! previous audit, plus the check every supplied chart passes before it is inlined.
//!
//! `chuxin-chart` has no radar yet, so the report draws its own: plain SVG elements whose text inherits the
//! page's font stack, so that Chinese labels render with the reader's system fonts and nothing is fetched.
//! Inline SVG needs no `xmlns` inside HTML; [`standalone`] adds it for the files written beside Markdown.

use crate::model::SectionRow;
use crate::words::word;
use chuxin_core::Lang;
use std::fmt::Write;

/// The font stack of charts and pages: system fonts with CJK coverage first, nothing fetched.
pub const FONT_STACK: &str = "'PingFang TC','PingFang SC','Hiragino Sans','Microsoft JhengHei','Microsoft YaHei',\
'Noto Sans CJK TC','Noto Sans CJK SC','Source Han Sans TC','WenQuanYi Micro Hei',system-ui,sans-serif";

const CURRENT: &str = "#1f6feb";
const PREVIOUS: &str = "#8c959f";

/// Escapes text for XML content and attribute values.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

fn open(out: &mut String, w: u32, h: u32, label: &str) {
    let _ = write!(
        out,
        r#"<svg class="chart" viewBox="0 0 {w} {h}" width="{w}" height="{h}" role="img" aria-label="{}" font-family="{}">"#,
        escape(label),
        escape(FONT_STACK)
    );
}

/// The radar of section scores (0–100), with the previous audit's polygon dashed when `with_previous`.
///
/// A section without a score sits at the centre and is labelled `—`. With fewer than three sections a radar
/// says nothing, so the sections are drawn as bars instead.
pub fn radar(sections: &[SectionRow], with_previous: bool, lang: Lang) -> String {
    if sections.len() < 3 {
        return bars(sections, false, word(lang, "radar"));
    }
    let (w, h, cx, cy, r) = (760u32, 440u32, 380.0f64, 220.0f64, 150.0f64);
    let n = sections.len();
    let point = |i: usize, v: f64| {
        let a = -std::f64::consts::FRAC_PI_2 + i as f64 * std::f64::consts::TAU / n as f64;
        (cx + r * v / 100.0 * a.cos(), cy + r * v / 100.0 * a.sin())
    };
    let mut out = String::new();
    open(&mut out, w, h, word(lang, "radar"));
    for ring in [20.0, 40.0, 60.0, 80.0, 100.0] {
        let pts: Vec<String> = (0..n)
            .map(|i| {
                let (x, y) = point(i, ring);
                format!("{x:.1},{y:.1}")
            })
            .collect();
        let _ = write!(
            out,
            r##"<polygon points="{}" fill="none" stroke="#d0d7de" stroke-width="1"/>"##,
            pts.join(" ")
        );
    }
    for i in 0..n {
        let (x, y) = point(i, 100.0);
        let _ = write!(
            out,
            r##"<line x1="{cx}" y1="{cy}" x2="{x:.1}" y2="{y:.1}" stroke="#d0d7de" stroke-width="1"/>"##
        );
    }
    for (v, y) in [(50.0, 0.0), (100.0, 0.0)] {
        let (_, py) = point(0, v);
        let _ = write!(
            out,
            r##"<text x="{:.1}" y="{:.1}" font-size="10" fill="#57606a">{v:.0}</text>"##,
            cx + 4.0,
            py + y - 2.0
        );
    }
    let polygon = |out: &mut String, values: &[f64], colour: &str, dashed: bool| {
        let pts: Vec<String> = values
            .iter()
            .enumerate()
            .map(|(i, v)| {
                let (x, y) = point(i, *v);
                format!("{x:.1},{y:.1}")
            })
            .collect();
        let (fill, dash) = if dashed {
            ("none", r#" stroke-dasharray="6 4""#)
        } else {
            (colour, "")
        };
        let _ = write!(
            out,
            r#"<polygon class="series" points="{}" fill="{fill}" fill-opacity="0.2" stroke="{colour}" stroke-width="2"{dash}/>"#,
            pts.join(" ")
        );
    };
    if with_previous {
        let prev: Vec<f64> = sections.iter().map(|s| s.previous.unwrap_or(0.0)).collect();
        polygon(&mut out, &prev, PREVIOUS, true);
    }
    let now: Vec<f64> = sections.iter().map(|s| s.score.unwrap_or(0.0)).collect();
    polygon(&mut out, &now, CURRENT, false);
    for (i, s) in sections.iter().enumerate() {
        let (x, y) = point(i, now[i]);
        let _ = write!(out, r#"<circle cx="{x:.1}" cy="{y:.1}" r="3.5" fill="{CURRENT}"/>"#);
        let (lx, ly) = point(i, 112.0);
        let anchor = if (lx - cx).abs() < 1.0 {
            "middle"
        } else if lx > cx {
            "start"
        } else {
            "end"
        };
        let dy = if ly < cy - r * 0.9 {
            -4.0
        } else if ly > cy + r * 0.9 {
            12.0
        } else {
            4.0
        };
        let score = s.score.map_or_else(|| "—".to_string(), |v| format!("{v:.1}"));
        let _ = write!(
            out,
            r##"<text x="{lx:.1}" y="{:.1}" text-anchor="{anchor}" font-size="13" fill="#24292f">{} <tspan font-weight="bold">{score}</tspan></text>"##,
            ly + dy,
            escape(&s.title)
        );
    }
    if with_previous {
        legend(&mut out, 16.0, h as f64 - 16.0, lang);
    }
    out.push_str("</svg>");
    out
}

fn legend(out: &mut String, x: f64, y: f64, lang: Lang) {
    let _ = write!(
        out,
        r##"<rect x="{x}" y="{:.1}" width="14" height="10" fill="{PREVIOUS}"/><text x="{:.1}" y="{y:.1}" font-size="12" fill="#24292f">{}</text><rect x="{:.1}" y="{:.1}" width="14" height="10" fill="{CURRENT}"/><text x="{:.1}" y="{y:.1}" font-size="12" fill="#24292f">{}</text>"##,
        y - 9.0,
        x + 20.0,
        escape(word(lang, "previous")),
        x + 110.0,
        y - 9.0,
        x + 130.0,
        escape(word(lang, "current")),
    );
}

/// Section scores before and after, as pairs of horizontal bars.
pub fn change_bars(sections: &[SectionRow], lang: Lang) -> String {
    let mut out = bars(sections, true, word(lang, "change_chart"));
    // Put the legend inside, before the closing tag.
    out.truncate(out.len() - "</svg>".len());
    let h = 40 + sections.len() as u32 * 44;
    legend(&mut out, 16.0, h as f64 - 8.0, lang);
    out.push_str("</svg>");
    out
}

fn bars(sections: &[SectionRow], with_previous: bool, label: &str) -> String {
    let (label_w, bar_w, row_h) = (230.0, 420.0, 44.0);
    let h = 40 + sections.len() as u32 * 44;
    let mut out = String::new();
    open(&mut out, 760, h, label);
    for (i, s) in sections.iter().enumerate() {
        let y = 10.0 + i as f64 * row_h;
        let _ = write!(
            out,
            r##"<text x="{:.1}" y="{:.1}" text-anchor="end" font-size="13" fill="#24292f">{}</text>"##,
            label_w - 10.0,
            y + 20.0,
            escape(&s.title)
        );
        let mut bar = |v: Option<f64>, y: f64, colour: &str| {
            let width = v.unwrap_or(0.0).clamp(0.0, 100.0) / 100.0 * bar_w;
            let text = v.map_or_else(|| "—".to_string(), |v| format!("{v:.1}"));
            let _ = write!(
                out,
                r##"<rect class="bar" x="{label_w}" y="{y:.1}" width="{width:.1}" height="14" fill="{colour}"/><text x="{:.1}" y="{:.1}" font-size="11" fill="#24292f">{text}</text>"##,
                label_w + width + 6.0,
                y + 11.0
            );
        };
        if with_previous {
            bar(s.previous, y + 4.0, PREVIOUS);
            bar(s.score, y + 20.0, CURRENT);
        } else {
            bar(s.score, y + 12.0, CURRENT);
        }
    }
    out.push_str("</svg>");
    out
}

/// Checks a supplied SVG document before it is inlined into a page; returns it ready to inline, or `None` when it
/// could run code or fetch anything.
///
/// Kept: the `<svg>…</svg>` element itself (an XML declaration, doctype or comment before it is dropped), without
/// its `xmlns` declarations (HTML needs none). Refused: scripts, event-handler attributes, `javascript:`,
/// foreign objects, embedded documents, and any `href` or `url(…)` that does not point inside the document.
pub fn sanitize(svg: &str) -> Option<String> {
    let start = svg.find("<svg")?;
    let end = svg.rfind("</svg>")? + "</svg>".len();
    if end <= start {
        return None;
    }
    let body = svg[start..end]
        .replace(r#" xmlns="http://www.w3.org/2000/svg""#, "")
        .replace(r#" xmlns:xlink="http://www.w3.org/1999/xlink""#, "");
    let lower = body.to_ascii_lowercase();
    let forbidden = [
        "<script",
        "javascript:",
        "<foreignobject",
        "<iframe",
        "<object",
        "<embed",
        "<image",
        "<!entity",
        "<!doctype",
        "@import",
        "xmlns",
    ];
    if forbidden.iter().any(|f| lower.contains(f)) {
        return None;
    }
    // Every reference must stay inside the document: href="#…" and url(#…) only.
    for key in ["href=\"", "href='", "url("] {
        for (i, _) in lower.match_indices(key) {
            let rest = lower[i + key.len()..].trim_start_matches(['"', '\'', ' ']);
            if !rest.starts_with('#') {
                return None;
            }
        }
    }
    // Event handlers: an attribute name starting with `on` after whitespace.
    let bytes = lower.as_bytes();
    for (i, _) in lower.match_indices("on") {
        let after_space = i > 0 && bytes[i - 1].is_ascii_whitespace();
        if after_space {
            let name_end = lower[i..]
                .find(|c: char| !c.is_ascii_alphanumeric())
                .map_or(lower.len(), |e| i + e);
            if lower[name_end..].trim_start().starts_with('=') {
                return None;
            }
        }
    }
    Some(body)
}

/// An inline chart as a standalone SVG file (adds the XML declaration and namespace).
pub fn standalone(svg: &str) -> String {
    let body = svg.strip_prefix("<svg").map_or_else(
        || svg.to_string(),
        |rest| format!(r#"<svg xmlns="http://www.w3.org/2000/svg"{rest}"#),
    );
    format!("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n{body}\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[track_caller]
    fn case(input: &str, kept: bool) {
        assert_eq!(sanitize(input).is_some(), kept, "{input}");
    }

    #[test]
    fn sanitize_keeps_drawings_and_refuses_code_and_fetches() {
        case(
            r#"<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"><rect width="1"/></svg>"#,
            true,
        );
        case(
            r##"<svg><text>on = off, 1 one</text><use href="#a"/><rect fill="url(#g)"/></svg>"##,
            true,
        );
        case(r#"<svg><script>alert(1)</script></svg>"#, false);
        case(r#"<svg><rect onclick="x()"/></svg>"#, false);
        case(r#"<svg><rect ONLOAD = "x()"/></svg>"#, false);
        case(r#"<svg><a href="https://evil.example/">x</a></svg>"#, false);
        case(r#"<svg><rect fill="url(https://x/y.svg#a)"/></svg>"#, false);
        case(r#"<svg><foreignObject><div/></foreignObject></svg>"#, false);
        case(r#"<svg><image href="data:x"/></svg>"#, false);
        case("no svg here", false);
        let inlined = sanitize(r#"<svg xmlns="http://www.w3.org/2000/svg" width="2"></svg>"#).unwrap();
        assert_eq!(inlined, r#"<svg width="2"></svg>"#);
        assert!(standalone(&inlined).contains(r#"<svg xmlns="http://www.w3.org/2000/svg" width="2">"#));
    }

    #[test]
    fn escape_covers_markup() {
        assert_eq!(escape(r#"<a href='x'>&"#), "&lt;a href=&#39;x&#39;&gt;&amp;");
    }
}
