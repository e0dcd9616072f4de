//! One question of the terminal questionnaire, as it is asked.

use chuxin_core::msg;
use chuxin_core::{Answer, AnswerKind, Lang, Question};
use std::io::Write;

/// Asks question `i` of `n`: the section, the prompt, the help, the choices and the current answer.
pub fn ask(
    out: &mut dyn Write,
    i: usize,
    n: usize,
    section: &str,
    q: &Question,
    current: Option<&Answer>,
    lang: Lang,
) -> std::io::Result<()> {
    writeln!(out, "\n[{}/{n}] {section} · {}", i + 1, q.id)?;
    writeln!(out, "{}", q.prompt.get(lang))?;
    if let Some(h) = &q.help {
        writeln!(out, "  {}", h.get(lang))?;
    }
    match &q.kind {
        AnswerKind::Scale { levels } => {
            for (k, l) in levels.iter().enumerate() {
                writeln!(out, "  {}  {}", k + 1, l.get(lang))?;
            }
        }
        AnswerKind::Single { options } | AnswerKind::Multi { options } => {
            for (k, o) in chuxin_core::pack::offered(options).iter().enumerate() {
                writeln!(out, "  {}  {} ({})", k + 1, o.label.get(lang), o.id)?;
            }
            if matches!(q.kind, AnswerKind::Multi { .. }) {
                writeln!(out, "  {}", msg!(lang, "cli.question.several_allowed_comma_separated"))?;
            }
        }
        _ => writeln!(out, "  ({})", chuxin_forms::answer_guide(q, lang))?,
    }
    if let Some(a) = current {
        if let Some(v) = &a.value {
            writeln!(
                out,
                "  {}: {}",
                msg!(lang, "cli.question.current_answer"),
                q.describe(v, lang)
            )?;
        }
        if let Some(note) = &a.note {
            writeln!(out, "  {}: {note}", msg!(lang, "cli.question.note"))?;
        }
    }
    write!(out, "> ")?;
    out.flush()
}

/// The questionnaire's last words: where the audit was saved with how many questions are answered, and what to
/// run next (`answer` again when it stopped early, else `score`).
pub fn closing(
    out: &mut dyn Write,
    path: &str,
    (answered, scored): (usize, usize),
    client: &str,
    finished: bool,
    lang: Lang,
) -> std::io::Result<()> {
    writeln!(out, "{} {path} ({answered}/{scored})", msg!(lang, "cli.question.saved"))?;
    if finished {
        writeln!(
            out,
            "{}: chuxin score {client}",
            msg!(lang, "cli.question.see_the_result_with")
        )
    } else {
        writeln!(
            out,
            "{}: chuxin answer {client}",
            msg!(lang, "cli.question.resume_with")
        )
    }
}
