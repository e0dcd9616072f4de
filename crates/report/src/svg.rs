//! SVG handling that is not drawing: escaping, the check every supplied chart passes before it is inlined
//! ([`sanitize`]), and turning an inline chart into a standalone file ([`standalone`]).
//!
//! The report draws nothing itself: its radar and change bars come from [`chuxin_chart::page`], whose text names
//! the charts' one font list (system fonts with CJK coverage, then `sans-serif`; nothing is fetched). Inline SVG
//! needs no `xmlns` inside HTML; [`standalone`] adds it for the files written beside Markdown.

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

/// An inline chart as a standalone SVG file: adds the XML declaration and, unless the chart has it, the
/// namespace (its text already names its fonts).
pub fn standalone(svg: &str) -> String {
    let body = match svg.strip_prefix("<svg") {
        Some(rest) => {
            let tag = &rest[..rest.find('>').unwrap_or(rest.len())];
            if tag.contains("xmlns=") {
                svg.to_string()
            } else {
                format!(r#"<svg xmlns="http://www.w3.org/2000/svg"{rest}"#)
            }
        }
        None => svg.to_string(),
    };
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
        assert_eq!(
            standalone(&inlined),
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"2\"></svg>\n"
        );
    }

    #[test]
    fn standalone_adds_no_attribute_twice() {
        let own = r#"<svg xmlns="http://www.w3.org/2000/svg" font-family="serif"><text>字</text></svg>"#;
        let file = standalone(own);
        assert_eq!(file.matches("xmlns=").count(), 1);
        assert_eq!(file.matches("font-family=").count(), 1);
        assert!(file.contains(r#"font-family="serif""#));
        assert!(file.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg "));
    }

    #[test]
    fn escape_covers_markup() {
        assert_eq!(escape(r#"<a href='x'>&"#), "&lt;a href=&#39;x&#39;&gt;&amp;");
    }
}
