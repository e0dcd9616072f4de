//! Terminal rendering of results: aligned text that keeps its columns with Chinese text (display width, not
//! bytes), in the chosen language. A run's tables (`bench`), the portfolio's text (`portfolio`) and the
//! questionnaire's questions (`question`) have modules of their own.

pub mod aggregate;
pub mod bench;
pub mod client;
pub mod forms;
pub mod pack;
pub mod portfolio;
pub mod question;

use chuxin_core::msg;
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
        (Some(q), None, _, _) => format!("{q}: {}", msg!(lang, "report.unanswered")),
        (_, _, Some(m), Some(f)) => {
            let shown = chuxin_report::figures::figure_text(m, f, lang);
            let mut parts: Vec<(&String, &f64)> = ev.parts.iter().collect();
            parts.sort_by(|a, b| b.1.total_cmp(a.1).then(a.0.cmp(b.0)));
            let parts: Vec<String> = parts
                .into_iter()
                .map(|(p, v)| {
                    let part = chuxin_report::figures::figure_text(&format!("{m}.{p}"), *v, lang);
                    format!("{} {}", chuxin_report::figures::platform_name(p, lang), part.value)
                })
                .collect();
            if parts.is_empty() {
                format!("{} ({m}) = {}", shown.label, shown.value)
            } else {
                format!("{} ({m}) = {} ({})", shown.label, shown.value, parts.join(", "))
            }
        }
        (_, _, Some(m), None) => format!("{m}: {}", msg!(lang, "report.no_data")),
        _ => String::new(),
    };
    format!("{seen}   [{}]", ev.clause)
}

/// Writes a scorecard as text.
pub fn scorecard(w: &mut dyn Write, card: &Scorecard, catalog: &Catalog, lang: Lang) -> io::Result<()> {
    let mut rows = vec![vec![
        msg!(lang, "report.section"),
        msg!(lang, "report.score"),
        msg!(lang, "report.answered"),
    ]];
    for s in &card.sections {
        rows.push(vec![
            s.title.get(lang).to_string(),
            score(s.score),
            format!("{}/{}", s.answered, s.scored),
        ]);
    }
    rows.push(vec![
        msg!(lang, "cli.render.overall"),
        score(card.overall),
        format!(
            "{}/{} ({} {:.1}%)",
            card.answered,
            card.scored,
            msg!(lang, "cli.render.coverage"),
            card.coverage * 100.0
        ),
    ]);
    table(w, &rows)?;
    writeln!(w)?;
    match &card.maturity {
        Some(m) => writeln!(
            w,
            "{}: {} · {} — {}",
            msg!(lang, "report.maturity"),
            m.level,
            m.name.get(lang),
            m.description.get(lang)
        )?,
        None => writeln!(w, "{}: —", msg!(lang, "report.maturity"))?,
    }
    if let Some(note) = chuxin_report::model::maturity_note(card, catalog, lang) {
        writeln!(w, "{note}")?;
    }
    if card.coverage < 0.8 {
        writeln!(w, "{}", msg!(lang, "cli.render.note_coverage_is_below"))?;
    }
    if !card.anchors.is_empty() {
        let parts: Vec<String> = card
            .anchors
            .iter()
            .map(|a| format!("{} {}", a.title.get(lang), score(a.score)))
            .collect();
        writeln!(w, "{}: {}", msg!(lang, "cli.render.check"), parts.join(" · "))?;
    }
    if !card.unanswered.is_empty() {
        writeln!(
            w,
            "{}: {}",
            msg!(lang, "cli.render.unanswered"),
            card.unanswered.join(", ")
        )?;
    }
    writeln!(w)?;
    writeln!(w, "{} ({})", msg!(lang, "report.sins_found"), card.findings.len())?;
    for f in &card.findings {
        writeln!(w)?;
        writeln!(
            w,
            "{} [{}] {} · {}",
            f.code,
            f.severity.name(lang),
            f.category.name(lang),
            f.title.get(lang)
        )?;
        writeln!(w, "  {}: {}", msg!(lang, "cli.render.why"), f.explanation.get(lang))?;
        writeln!(w, "  {}:", msg!(lang, "report.evidence"))?;
        for ev in &f.evidence {
            writeln!(w, "    - {}", evidence(ev, catalog, lang))?;
        }
        writeln!(w, "  {}: {}", msg!(lang, "cli.render.do"), f.recommendation.get(lang))?;
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

/// One error of a chain as the terminal shows it, in `lang`: the workspace's errors a user meets most (no
/// workspace, unknown or existing client, unknown audit, a file that cannot be read or written), a questionnaire
/// import's problems and an answer that does not fit from the catalogue, others as their library words them.
pub fn error_text(err: &(dyn std::error::Error + 'static), lang: Lang) -> String {
    use chuxin_store::StoreError;
    let shown = |p: &std::path::Path| p.display().to_string();
    let store = match err.downcast_ref::<chuxin_app::AppError>() {
        Some(chuxin_app::AppError::Store(e)) => Some(e),
        _ => err.downcast_ref::<StoreError>(),
    };
    let ingest = match err.downcast_ref::<chuxin_app::AppError>() {
        Some(chuxin_app::AppError::Ingest(e)) => Some(e),
        _ => err.downcast_ref::<chuxin_bench::IngestError>(),
    };
    if let Some(e) = ingest
        && let Some(text) = ingest_error(e, lang)
    {
        return safe(&text).into_owned();
    }
    if let Some(e) = err.downcast_ref::<chuxin_forms::ImportError>() {
        return safe(&forms::import_error(e, lang)).into_owned();
    }
    let answer = match err.downcast_ref::<chuxin_app::AppError>() {
        Some(chuxin_app::AppError::Answer(e)) => Some(e),
        _ => err.downcast_ref::<chuxin_core::AnswerError>(),
    };
    if let Some(e) = answer {
        return safe(&forms::answer_error(e, lang)).into_owned();
    }
    let pack = match err.downcast_ref::<chuxin_app::AppError>() {
        Some(chuxin_app::AppError::Pack(e)) => Some(e),
        _ => err.downcast_ref::<chuxin_core::PackError>(),
    };
    if let Some(e) = pack {
        return safe(&chuxin_app::pack_error_text(e, lang)).into_owned();
    }
    let text = match store {
        Some(StoreError::NotAWorkspace(p)) => msg!(lang, "store.not_a_workspace", path = shown(p)),
        Some(StoreError::AlreadyWorkspace(p)) => msg!(lang, "store.already_workspace", path = shown(p)),
        Some(StoreError::UnknownClient(id)) => msg!(lang, "store.unknown_client", id = id),
        Some(StoreError::ClientExists(id)) => msg!(lang, "store.client_exists", id = id),
        Some(StoreError::ArchiveExists { path }) => msg!(lang, "store.archive_exists", path = shown(path)),
        Some(StoreError::UnknownAudit { client, audit }) => {
            msg!(lang, "store.unknown_audit", client = client, audit = audit)
        }
        Some(StoreError::Io {
            action: "read", path, ..
        }) => msg!(lang, "store.cannot_read", path = shown(path)),
        Some(StoreError::Io {
            action: "write", path, ..
        }) => msg!(lang, "store.cannot_write", path = shown(path)),
        Some(StoreError::InvalidClientId { id, reason }) => {
            msg!(
                lang,
                "store.invalid_client_id",
                id = id,
                reason = client_id_problem(*reason, lang)
            )
        }
        _ => match err.downcast_ref::<chuxin_app::AppError>() {
            Some(chuxin_app::AppError::File { action, path, .. }) => match *action {
                "read" => msg!(lang, "store.cannot_read", path = path),
                "write" => msg!(lang, "store.cannot_write", path = path),
                "create" => msg!(lang, "app.cannot_create", path = path),
                "copy" => msg!(lang, "app.cannot_copy", path = path),
                _ => err.to_string(),
            },
            _ => match err.downcast_ref::<io::Error>() {
                Some(e) => chuxin_app::io_cause(e, lang),
                None => err.to_string(),
            },
        },
    };
    safe(&text).into_owned()
}

/// Why a client id is refused, in `lang`.
fn client_id_problem(p: chuxin_store::ClientIdProblem, lang: Lang) -> String {
    use chuxin_store::ClientIdProblem as P;
    match p {
        P::Empty => msg!(lang, "store.client_id.empty"),
        P::TooLong => msg!(lang, "store.client_id.too_long"),
        P::PathSeparator => msg!(lang, "store.client_id.path_separator"),
        P::DotDot => msg!(lang, "store.client_id.dot_dot"),
        P::Control => msg!(lang, "store.client_id.control"),
        P::LeadingDot => msg!(lang, "store.client_id.leading_dot"),
        P::TrailingDot => msg!(lang, "store.client_id.trailing_dot"),
        P::Reserved => msg!(lang, "store.client_id.reserved"),
        P::Characters => msg!(lang, "store.client_id.characters"),
    }
}

/// An ingestion error in `lang`, from its data (file names, lines and headers verbatim); `None` for a variant
/// the library adds later, shown as the library words it.
fn ingest_error(e: &chuxin_bench::IngestError, lang: Lang) -> Option<String> {
    use chuxin_bench::IngestError;
    Some(match e {
        IngestError::Io { source_name, .. } => msg!(lang, "ingest.cannot_read", file = source_name),
        IngestError::Empty { source_name } => msg!(lang, "ingest.empty", file = source_name),
        IngestError::UnknownEncoding { name } => msg!(lang, "ingest.unknown_encoding", name = name),
        IngestError::Decode {
            source_name,
            encoding,
            line,
        } => msg!(
            lang,
            "ingest.decode",
            file = source_name,
            encoding = encoding,
            line = line
        ),
        IngestError::MissingField {
            source_name,
            field,
            headers,
            encoding,
        } => msg!(
            lang,
            "ingest.missing_field",
            file = source_name,
            field = field,
            headers = headers,
            encoding = chuxin_report::figures::encoding_decided(encoding, lang)
        ),
        IngestError::IgnoredColumn {
            source_name,
            column,
            reason,
        } => msg!(
            lang,
            "ingest.ignored_column",
            file = source_name,
            column = column,
            reason = chuxin_report::figures::column_warning(*reason, lang)
        ),
        IngestError::Row(row) => chuxin_report::figures::row_error(row, lang),
        _ => return None,
    })
}

/// What the engine made of one file, on stderr: rows counted and why others were not, the data's dates, the
/// columns that deserve a look, the first bad rows (the rest are counted; `--strict` stops at the first) and the
/// first duplicate post ids dropped.
pub fn ingest_report(r: &chuxin_bench::engine::IngestReport, lang: Lang) {
    eprintln!(
        "{}",
        msg!(
            lang,
            "cli.ingest.summary",
            file = safe(&r.source_name),
            counted = r.accepted,
            encoding = chuxin_report::figures::encoding_decided(&r.encoding_decided, lang),
            delimiter = r.delimiter.escape_default(),
            skipped = r.skipped_total,
            duplicates = r.duplicates_total,
            others = r.other_brands.values().sum::<u64>(),
            outside = r.outside_window,
            first = r.first.as_deref().unwrap_or("—"),
            last = r.last.as_deref().unwrap_or("—"),
        )
    );
    for c in r.warnings() {
        eprintln!(
            "  {}",
            msg!(
                lang,
                "cli.ingest.column",
                column = safe(&c.header),
                warning = c
                    .warning
                    .map(|w| chuxin_report::figures::column_warning(w, lang))
                    .unwrap_or_default()
            )
        );
    }
    for e in r.skipped.iter().take(20) {
        eprintln!(
            "  {}",
            msg!(
                lang,
                "cli.ingest.skipped",
                row = safe(&chuxin_report::figures::row_error(e, lang))
            )
        );
    }
    if r.skipped_total > 20 {
        eprintln!("  {}", msg!(lang, "cli.ingest.more", count = r.skipped_total - 20));
    }
    for d in r.duplicates.iter().take(20) {
        let at = format!("{}:{}", d.source_name, d.line);
        let first = format!("{}:{}", d.first_source, d.first_line);
        eprintln!(
            "  {}",
            safe(&msg!(
                lang,
                "cli.ingest.duplicate",
                at = at,
                id = d.post_id,
                first = first
            ))
        );
    }
    if r.duplicates_total > 20 {
        eprintln!(
            "  {}",
            msg!(lang, "cli.ingest.more_duplicates", count = r.duplicates_total - 20)
        );
    }
}
