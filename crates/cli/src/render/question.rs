//! One question of the terminal questionnaire, as it is asked.

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
            for (k, o) in options.iter().enumerate() {
                writeln!(out, "  {}  {} ({})", k + 1, o.label.get(lang), o.id)?;
            }
            if matches!(q.kind, AnswerKind::Multi { .. }) {
                writeln!(
                    out,
                    "  {}",
                    lang.pick(
                        "可多選，以逗號分隔，如 1,3",
                        "可多选，以逗号分隔，如 1,3",
                        "several allowed, comma-separated, e.g. 1,3"
                    )
                )?;
            }
        }
        _ => writeln!(out, "  ({})", chuxin_forms::answer_guide(q, lang))?,
    }
    if let Some(a) = current {
        if let Some(v) = &a.value {
            writeln!(
                out,
                "  {}: {}",
                lang.pick("目前答案", "当前答案", "current answer"),
                q.describe(v, lang)
            )?;
        }
        if let Some(note) = &a.note {
            writeln!(out, "  {}: {note}", lang.pick("備註", "备注", "note"))?;
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
    let t = |a: &'static str, b: &'static str, c: &'static str| lang.pick(a, b, c);
    writeln!(out, "{} {path} ({answered}/{scored})", t("已儲存", "已保存", "saved"))?;
    if finished {
        writeln!(
            out,
            "{}: chuxin score {client}",
            t("查看結果", "查看结果", "see the result with")
        )
    } else {
        writeln!(
            out,
            "{}: chuxin answer {client}",
            t("繼續作答", "继续作答", "resume with")
        )
    }
}
