//! Markdown: the report for wikis, e-mail and git, with each chart as an SVG file in a folder beside it.
//!
//! Every text from users goes through [`escape`]: Markdown renderers pass raw HTML through, so `<`, `>` and `&`
//! become entities, and the characters that make emphasis, links, headings or table cells are backslash-escaped.

use crate::html::format_number;
use crate::model::Report;
use crate::words::all;
use std::fmt::Write;

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

fn score(v: Option<f64>) -> String {
    v.map_or_else(|| "—".to_string(), |v| format!("{v:.1}"))
}

/// Writes the report as Markdown; charts are linked from `charts_dir`.
pub fn report(r: &Report, charts_dir: &str) -> String {
    let t = all(r.lang);
    let e = escape;
    let mut o = String::new();
    let s = &r.summary;
    let _ = writeln!(o, "# {} · {}\n", t["report_title"], e(&r.client.name));
    let _ = writeln!(
        o,
        "{}: {} · {} {} · {} {}\n",
        t["prepared_by"],
        e(&r.agency),
        t["audit"],
        e(&r.audit.id),
        t["generated"],
        e(&r.generated)
    );
    let _ = writeln!(o, "## {}\n", t["summary"]);
    let _ = writeln!(o, "- **{}**: {}", t["overall"], score(s.overall));
    match &s.maturity {
        Some(m) => {
            let _ = writeln!(o, "- **{}**: {}/{} · {}", t["maturity"], m.level, m.of, e(&m.name));
        }
        None => {
            let _ = writeln!(o, "- **{}**: —", t["maturity"]);
        }
    }
    let _ = writeln!(
        o,
        "- **{}**: {:.0}% ({}/{})",
        t["coverage"],
        s.coverage * 100.0,
        s.answered,
        s.scored
    );
    let _ = writeln!(
        o,
        "- **{}**: {} ({} {} · {} {} · {} {})",
        t["sins_found"], s.sins.total, t["high"], s.sins.high, t["medium"], s.sins.medium, t["low"], s.sins.low
    );
    if let Some(w) = &s.weakest {
        let _ = writeln!(o, "- **{}**: {} ({:.1})", t["weakest_section"], e(&w.title), w.score);
    }
    if s.low_coverage {
        let _ = writeln!(o, "\n> {}", t["low_coverage"]);
    }
    let _ = writeln!(o, "\n### {}\n", t["top_actions"]);
    if s.top_actions.is_empty() {
        let _ = writeln!(o, "{}", t["no_actions"]);
    }
    for (i, a) in s.top_actions.iter().enumerate() {
        let _ = writeln!(
            o,
            "{}. **{}** ({}) — {}",
            i + 1,
            e(&a.title),
            e(&a.severity_name),
            e(&a.recommendation)
        );
    }

    let _ = writeln!(o, "\n## {}\n", t["sections"]);
    let with_prev = r.change.is_some();
    let _ = write!(
        o,
        "| {} | {} | {} | {} |",
        t["section"], t["score"], t["answered"], t["weight"]
    );
    if with_prev {
        let _ = write!(o, " {} | {} |", t["previous"], t["delta"]);
    }
    let _ = writeln!(o, "\n|---|---:|---:|---:|{}", if with_prev { "---:|---:|" } else { "" });
    for sec in &r.sections {
        let _ = write!(
            o,
            "| {} | {} | {}/{} | {} |",
            e(&sec.title),
            score(sec.score),
            sec.answered,
            sec.scored,
            format_number(sec.weight)
        );
        if with_prev {
            let d = sec.delta.map_or_else(|| "—".to_string(), |d| format!("{d:+.1}"));
            let _ = write!(o, " {} | {d} |", score(sec.previous));
        }
        o.push('\n');
    }
    charts(&mut o, r, "sections", charts_dir);

    let _ = writeln!(o, "\n## {}\n\n{}\n", t["anchors"], t["anchors_intro"]);
    for a in &r.anchors {
        let _ = writeln!(
            o,
            "- **{}**: {} ({} {}/{}) — {}",
            e(&a.title),
            score(a.score),
            t["answered"],
            a.answered,
            a.total,
            e(&a.description)
        );
    }

    let _ = writeln!(o, "\n## {} ({})\n", t["findings"], s.sins.total);
    if r.findings.is_empty() {
        let _ = writeln!(o, "{}", t["no_findings"]);
    }
    for f in &r.findings {
        let _ = writeln!(o, "### {}. {}\n", f.number, e(&f.title));
        let _ = writeln!(
            o,
            "{}: {} · {}: {}\n",
            t["severity"],
            e(&f.severity_name),
            t["category"],
            e(&f.category_name)
        );
        let _ = writeln!(o, "**{}**: {}\n", t["why"], e(&f.explanation));
        let _ = writeln!(o, "**{}**:\n", t["evidence"]);
        for ev in &f.evidence {
            let seen = match (&ev.question, &ev.metric) {
                (Some(q), _) => {
                    let answer = ev.answer.as_deref().map_or_else(|| t["unanswered"].to_string(), e);
                    let prompt = ev.prompt.as_deref().map(e).unwrap_or_default();
                    let note = ev
                        .note
                        .as_deref()
                        .map_or_else(String::new, |n| format!(" — {}: {}", t["note"], e(n)));
                    format!("{prompt} `{q}`: {answer}{note}")
                }
                (None, Some(m)) => match (&ev.metric_label, &ev.figure_text) {
                    (Some(label), Some(text)) => format!("{} `{m}`: {}", e(label), e(text)),
                    _ => {
                        let fig = ev.figure.map_or_else(|| t["no_data"].to_string(), format_number);
                        format!("{} `{m}`: {fig}", t["metric"])
                    }
                },
                _ => String::new(),
            };
            let _ = writeln!(o, "- {seen} `[{}]`", ev.clause.replace('`', "'"));
        }
        let _ = writeln!(o, "\n**{}**: {}\n", t["recommendation"], e(&f.recommendation));
    }

    let _ = writeln!(o, "## {}\n", t["benchmark"]);
    match &r.benchmark {
        None => {
            let _ = writeln!(o, "{}", t["no_benchmark"]);
        }
        Some(b) => {
            if !b.scope.is_empty() {
                let _ = writeln!(o, "{}\n", e(&b.scope));
            }
            for tb in &b.tables {
                let _ = writeln!(o, "### {}\n", e(&tb.title));
                let head: Vec<String> = tb.columns.iter().map(|c| e(c)).collect();
                let _ = writeln!(o, "| {} |", head.join(" | "));
                let _ = writeln!(o, "|{}", "---|".repeat(tb.columns.len().max(1)));
                for (i, row) in tb.rows.iter().enumerate() {
                    let cells: Vec<String> = row
                        .iter()
                        .map(|c| {
                            let v = match c {
                                crate::input::Cell::Number(x) => format_number(*x),
                                crate::input::Cell::Text(s) => e(s),
                                crate::input::Cell::Empty => String::new(),
                            };
                            if tb.highlight == Some(i) && !v.is_empty() {
                                format!("**{v}**")
                            } else {
                                v
                            }
                        })
                        .collect();
                    let _ = writeln!(o, "| {} |", cells.join(" | "));
                }
                o.push('\n');
            }
            charts(&mut o, r, "benchmark", charts_dir);
            for n in &b.notes {
                let _ = writeln!(o, "> {}\n", e(n));
            }
        }
    }

    let _ = writeln!(o, "\n## {}\n", t["change"]);
    match &r.change {
        None => {
            let _ = writeln!(o, "{}", t["first_audit"]);
        }
        Some(c) => {
            let _ = writeln!(
                o,
                "{}: {} {} ({})\n",
                t["previous"],
                t["audit"],
                e(&c.previous.id),
                e(&c.previous.date)
            );
            let _ = writeln!(
                o,
                "| | {} | {} | {} |\n|---|---:|---:|---:|",
                t["previous"], t["current"], t["delta"]
            );
            let _ = writeln!(
                o,
                "| {} | {} | {} | {} |",
                t["overall"],
                score(c.overall_before),
                score(c.overall_after),
                c.overall_delta.map_or_else(|| "—".to_string(), |d| format!("{d:+.1}"))
            );
            let lvl = |v: Option<u8>| v.map_or_else(|| "—".to_string(), |v| v.to_string());
            let _ = writeln!(
                o,
                "| {} | {} | {} | |",
                t["maturity"],
                lvl(c.maturity_before),
                lvl(c.maturity_after)
            );
            let _ = writeln!(
                o,
                "| {} | {:.0}% | {:.0}% | |",
                t["coverage"],
                c.coverage_before * 100.0,
                c.coverage_after * 100.0
            );
            charts(&mut o, r, "change", charts_dir);
            for (key, list) in [
                ("new_sins", &c.new_sins),
                ("resolved_sins", &c.resolved_sins),
                ("persisting_sins", &c.persisting_sins),
            ] {
                let names: Vec<String> = list.iter().map(|s| e(&s.title)).collect();
                let shown = if names.is_empty() {
                    t["none"].to_string()
                } else {
                    names.join("; ")
                };
                let _ = writeln!(o, "- **{}**: {shown}", t[key]);
            }
        }
    }

    let _ = writeln!(o, "\n## {}\n", t["appendix"]);
    for sec in &r.appendix {
        let _ = writeln!(o, "### {}\n", e(&sec.title));
        let _ = writeln!(
            o,
            "| {} | {} | {} | {} | {} |\n|---|---|---|---:|---|",
            t["id"], t["question"], t["answer"], t["score"], t["note"]
        );
        for q in &sec.questions {
            let _ = writeln!(
                o,
                "| `{}` | {} | {} | {} | {} |",
                q.id,
                e(&q.prompt),
                q.answer.as_deref().map_or_else(|| "—".to_string(), e),
                score(q.score),
                q.note.as_deref().map(e).unwrap_or_default()
            );
        }
        o.push('\n');
    }
    let _ = writeln!(o, "---\n\n{}", t["footer"]);
    o
}

fn charts(o: &mut String, r: &Report, group: &str, dir: &str) {
    for c in r.charts_in(group) {
        match c.svg {
            Some(_) => {
                let _ = writeln!(o, "\n![{}]({dir}/{}.svg)\n", escape(&c.title), c.id);
            }
            None => {
                let _ = writeln!(o, "\n> {}\n", all(r.lang)["chart_omitted"]);
            }
        }
    }
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
