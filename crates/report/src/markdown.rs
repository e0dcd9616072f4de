//! Markdown: the report for wikis, e-mail and git, with each chart as an SVG file in a folder beside it. The
//! template (`templates/report.md`) is rendered by minijinja, the engine of the HTML report, with its own filters
//! for Markdown.
//!
//! Every text from users goes through [`escape`]: Markdown renderers pass raw HTML through, so `<`, `>` and `&`
//! become entities, and the characters that make emphasis, links, headings or table cells are backslash-escaped.

use crate::error::ReportError;
use crate::html::{cell_text, number_filters};
use crate::model::Report;
use crate::words::all;
use minijinja::syntax::SyntaxConfig;
use minijinja::value::{Serde, Value, ValueKind};
use minijinja::{AutoEscape, Environment, UndefinedBehavior, context};
use std::sync::OnceLock;

/// Escapes text for Markdown: HTML markup becomes entities, Markdown syntax is backslash-escaped, and line breaks
/// become `<br>` so that text stays in its paragraph or table cell.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\\' | '`' | '*' | '_' | '[' | ']' | '|' | '#' | '~' | '!' => {
                out.push('\\');
                out.push(c);
            }
            '\r' => {}
            '\n' => out.push_str("<br>"),
            c => out.push(c),
        }
    }
    out
}

fn env() -> &'static Environment<'static> {
    static ENV: OnceLock<Environment<'static>> = OnceLock::new();
    ENV.get_or_init(|| {
        let mut env = Environment::new();
        env.set_auto_escape_callback(|_| AutoEscape::None);
        env.set_undefined_behavior(UndefinedBehavior::Strict);
        let syntax = SyntaxConfig::builder()
            .trim_blocks(true)
            .lstrip_blocks(true)
            .keep_trailing_newline(true)
            .build()
            .expect("the default delimiters");
        env.set_syntax(syntax);
        number_filters(&mut env);
        env.add_filter("md", |v: Value| text(&v).map(|s| escape(&s)).unwrap_or_default());
        env.add_filter("md_join", |v: Value, sep: String| escaped(&v).join(&sep));
        env.add_filter("md_titles", |v: Value| {
            let titles: Vec<String> = v
                .try_iter()
                .map(|it| {
                    it.filter_map(|s| text(&s.get_attr("title").ok()?))
                        .map(|t| escape(&t))
                        .collect()
                })
                .unwrap_or_default();
            titles.join("; ")
        });
        env.add_filter("md_row", |v: Value, bold: bool| {
            let cells: Vec<String> = v
                .try_iter()
                .map(|it| {
                    it.map(|c| {
                        let shown = escape(&cell_text(&c));
                        if bold && !shown.is_empty() {
                            format!("**{shown}**")
                        } else {
                            shown
                        }
                    })
                    .collect()
                })
                .unwrap_or_default();
            cells.join(" | ")
        });
        env.add_filter("rule", |v: Value| "---|".repeat(v.len().unwrap_or(0).max(1)));
        env.add_filter("code", |v: Value| text(&v).unwrap_or_default().replace('`', "'"));
        env.add_template("report.md", include_str!("../templates/report.md"))
            .expect("the Markdown report template parses");
        env
    })
}

/// A value's text: a string as it is, a number or anything else as displayed; `None` for none.
fn text(v: &Value) -> Option<String> {
    match v.kind() {
        ValueKind::None | ValueKind::Undefined => None,
        ValueKind::String => v.as_str().map(str::to_string),
        _ => Some(v.to_string()),
    }
}

/// Every item of a list as escaped text.
fn escaped(v: &Value) -> Vec<String> {
    v.try_iter()
        .map(|it| it.map(|s| escape(&text(&s).unwrap_or_default())).collect())
        .unwrap_or_default()
}

/// Writes the report as Markdown (the template `templates/report.md`); charts are linked from `charts_dir`.
pub fn report(r: &Report, charts_dir: &str) -> Result<String, ReportError> {
    Ok(env().get_template("report.md")?.render(context! {
        r => Value::from(Serde(r)),
        t => all(r.lang),
        dir => charts_dir,
    })?)
}

#[cfg(test)]
mod tests {
    use super::escape;

    #[test]
    fn escape_neutralises_html_and_markdown() {
        assert_eq!(
            escape("<script>alert(1)</script>"),
            "&lt;script&gt;alert(1)&lt;/script&gt;"
        );
        assert_eq!(escape("a|b *c* [d](e)"), r"a\|b \*c\* \[d\](e)");
        assert_eq!(escape("one\r\ntwo"), "one<br>two");
    }
}
