//! Terminal rendering of results: aligned text that keeps its columns with Chinese text (display width, not
//! bytes), in the chosen language. A run's tables (`bench`), the portfolio's text (`portfolio`) and the
//! questionnaire's questions (`question`) have modules of their own.

pub mod aggregate;
pub mod bench;
pub mod pack;
pub mod portfolio;
pub mod question;

use chuxin_core::{Catalog, Evidence, Lang, Scorecard};
use std::io::{self, Write};
use unicode_width::UnicodeWidthStr;

/// Pads `s` with spaces to `width` display columns.
pub fn pad(s: &str, width: usize) -> String {
    let w = UnicodeWidthStr::width(s);
    format!("{s}{}", " ".repeat(width.saturating_sub(w)))
}

/// Text from exports and users made safe for a terminal: control characters (an escape sequence in a brand
/// name would recolour or rewrite the screen) and bidirectional overrides are shown as `\u{…}` escapes.
pub fn safe(text: &str) -> std::borrow::Cow<'_, str> {
    let unsafe_char =
        |c: char| (c.is_control() && c != '\n') || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}');
    if !text.chars().any(unsafe_char) {
        return std::borrow::Cow::Borrowed(text);
    }
    std::borrow::Cow::Owned(
        text.chars()
            .map(|c| {
                if unsafe_char(c) {
                    c.escape_unicode().to_string()
                } else {
                    c.to_string()
                }
            })
            .collect(),
    )
}

/// Writes rows as aligned columns separated by two spaces (cells made [`safe`] for the terminal).
pub fn table(w: &mut dyn Write, rows: &[Vec<String>]) -> io::Result<()> {
    let rows: Vec<Vec<String>> = rows
        .iter()
        .map(|r| r.iter().map(|c| safe(c).into_owned()).collect())
        .collect();
    let rows = &rows[..];
    let cols = rows.iter().map(Vec::len).max().unwrap_or(0);
    let widths: Vec<usize> = (0..cols)
        .map(|c| {
            rows.iter()
                .filter_map(|r| r.get(c))
                .map(|s| UnicodeWidthStr::width(s.as_str()))
                .max()
                .unwrap_or(0)
        })
        .collect();
    for row in rows {
        let mut line = String::new();
        for (c, cell) in row.iter().enumerate() {
            if c + 1 == row.len() {
                line.push_str(cell);
            } else {
                line.push_str(&pad(cell, widths[c]));
                line.push_str("  ");
            }
        }
        writeln!(w, "{}", line.trim_end())?;
    }
    Ok(())
}

/// A score as text with one decimal, or `—` when absent.
pub fn score(v: Option<f64>) -> String {
    v.map_or_else(|| "—".to_string(), |v| format!("{v:.1}"))
}

/// One piece of evidence as a reader sees it.
pub fn evidence(ev: &Evidence, catalog: &Catalog, lang: Lang) -> String {
    let seen = match (&ev.question, &ev.answer, &ev.metric, ev.figure) {
        (Some(q), Some(a), _, _) => {
            let shown = catalog
                .question(q)
                .map_or_else(|| a.to_string(), |question| question.describe(a, lang));
            format!("{q} = {shown}")
        }
        (Some(q), None, _, _) => format!("{q}: {}", lang.pick("未作答", "未作答", "unanswered")),
        (_, _, Some(m), Some(f)) => {
            let shown = chuxin_report::figures::figure_text(m, f, lang);
            format!("{} ({m}) = {}", shown.label, shown.value)
        }
        (_, _, Some(m), None) => format!("{m}: {}", lang.pick("無數據", "无数据", "no data")),
        _ => String::new(),
    };
    format!("{seen}   [{}]", ev.clause)
}

/// Writes a scorecard as text.
pub fn scorecard(w: &mut dyn Write, card: &Scorecard, catalog: &Catalog, lang: Lang) -> io::Result<()> {
    let t = |a: &'static str, b: &'static str, c: &'static str| lang.pick(a, b, c);
    let mut rows = vec![vec![
        t("區塊", "板块", "Section").to_string(),
        t("分數", "分数", "Score").into(),
        t("已答", "已答", "Answered").into(),
    ]];
    for s in &card.sections {
        rows.push(vec![
            s.title.get(lang).to_string(),
            score(s.score),
            format!("{}/{}", s.answered, s.scored),
        ]);
    }
    rows.push(vec![
        t("總分", "总分", "Overall").to_string(),
        score(card.overall),
        format!(
            "{}/{} ({} {:.1}%)",
            card.answered,
            card.scored,
            t("覆蓋率", "覆盖率", "coverage"),
            card.coverage * 100.0
        ),
    ]);
    table(w, &rows)?;
    writeln!(w)?;
    match &card.maturity {
        Some(m) => writeln!(
            w,
            "{}: {} · {} — {}",
            t("成熟度", "成熟度", "Maturity"),
            m.level,
            m.name.get(lang),
            m.description.get(lang)
        )?,
        None => writeln!(w, "{}: —", t("成熟度", "成熟度", "Maturity"))?,
    }
    if card.coverage < 0.8 {
        writeln!(
            w,
            "{}",
            t(
                "注意：覆蓋率低於 80%，分數與成熟度僅供參考。",
                "注意：覆盖率低于 80%，分数与成熟度仅供参考。",
                "note: coverage is below 80%; read the scores and maturity as provisional"
            )
        )?;
    }
    if !card.anchors.is_empty() {
        let parts: Vec<String> = card
            .anchors
            .iter()
            .map(|a| format!("{} {}", a.title.get(lang), score(a.score)))
            .collect();
        writeln!(w, "{}: {}", t("初心檢視", "初心检视", "初心 check"), parts.join(" · "))?;
    }
    if !card.unanswered.is_empty() {
        writeln!(
            w,
            "{}: {}",
            t("未作答", "未作答", "Unanswered"),
            card.unanswered.join(", ")
        )?;
    }
    writeln!(w)?;
    writeln!(
        w,
        "{} ({})",
        t("診斷出的問題", "诊断出的问题", "Sins found"),
        card.findings.len()
    )?;
    for f in &card.findings {
        writeln!(w)?;
        writeln!(
            w,
            "[{}] {} · {}",
            f.severity.name(lang),
            f.category.name(lang),
            f.title.get(lang)
        )?;
        writeln!(w, "  {}: {}", t("原因", "原因", "Why"), f.explanation.get(lang))?;
        writeln!(w, "  {}:", t("證據", "证据", "Evidence"))?;
        for ev in &f.evidence {
            writeln!(w, "    - {}", evidence(ev, catalog, lang))?;
        }
        writeln!(w, "  {}: {}", t("建議", "建议", "Do"), f.recommendation.get(lang))?;
    }
    Ok(())
}

/// Writes a command's output: to standard output when `path` is absent or `-`, else atomically to the file,
/// which must be a regular file or not exist yet. Returns the file written, if any.
pub fn write_output(path: Option<&std::path::Path>, bytes: &[u8]) -> anyhow::Result<Option<std::path::PathBuf>> {
    match path {
        Some(p) if p.as_os_str() != "-" => {
            chuxin_store::write_atomic(p, bytes).map_err(|e| {
                let code = if e.kind() == io::ErrorKind::InvalidInput {
                    crate::exit::REFUSED
                } else {
                    crate::exit::FAILURE
                };
                crate::exit::exit(code, format!("cannot write `{}`: {e}", p.display()))
            })?;
            Ok(Some(p.to_path_buf()))
        }
        _ => {
            io::stdout().lock().write_all(bytes)?;
            Ok(None)
        }
    }
}

/// What the engine made of one file, on stderr: rows counted and why others were not, the data's dates, the
/// columns that deserve a look and the first bad rows (the rest are counted; `--strict` stops at the first).
pub fn ingest_report(r: &chuxin_bench::engine::IngestReport) {
    eprintln!(
        "{}: {} rows counted ({}, `{}`), {} skipped, {} duplicates, {} of other brands, {} outside the window; data from {} to {}",
        safe(&r.source_name),
        r.accepted,
        r.encoding_decided,
        r.delimiter.escape_default(),
        r.skipped_total,
        r.duplicates_total,
        r.other_brands.values().sum::<u64>(),
        r.outside_window,
        r.first.as_deref().unwrap_or("—"),
        r.last.as_deref().unwrap_or("—"),
    );
    for c in r.warnings() {
        eprintln!(
            "  warning: column `{}` {}",
            safe(&c.header),
            c.warning.as_deref().unwrap_or_default()
        );
    }
    for e in r.skipped.iter().take(20) {
        eprintln!("  skipped {}", safe(&e.to_string()));
    }
    if r.skipped_total > 20 {
        eprintln!("  … and {} more (--strict stops at the first)", r.skipped_total - 20);
    }
}
