//! The questionnaire as Markdown: for reading, printing and workshops. Answers come back through the CSV or a
//! TOML/JSON file, so the Markdown names each question's id and what it accepts.

use crate::answer_guide;
use chuxin_core::{Catalog, Lang};
use std::io::{self, Write};

/// Writes the blank questionnaire of `catalog` for `client_name` in `lang`.
pub fn write_markdown(catalog: &Catalog, client_name: &str, lang: Lang, w: &mut dyn Write) -> io::Result<()> {
    let title = lang.pick(
        "社會化媒體運營自我審視問卷",
        "社会化媒体运营自我审视问卷",
        "Social media operations self-audit",
    );
    writeln!(w, "# {title} · {client_name}\n")?;
    writeln!(w, "{}\n", crate::instructions(lang))?;
    for pack in catalog.packs() {
        if let Some(d) = &pack.description {
            writeln!(w, "> {}\n", d.get(lang))?;
        }
    }
    let mut n = 0;
    for (_, section) in catalog.sections() {
        writeln!(w, "## {}\n", section.title.get(lang))?;
        if let Some(d) = &section.description {
            writeln!(w, "{}\n", d.get(lang))?;
        }
        for q in &section.questions {
            n += 1;
            writeln!(w, "### {n}. {}\n", q.prompt.get(lang))?;
            writeln!(w, "- id: `{}`", q.id)?;
            writeln!(
                w,
                "- {}: {}",
                lang.pick("作答", "作答", "Answer"),
                answer_guide(q, lang)
            )?;
            if let Some(h) = &q.help {
                writeln!(w, "- {}: {}", lang.pick("說明", "说明", "Help"), h.get(lang))?;
            }
            if let Some(r) = &q.rubric {
                writeln!(w, "- {}: {}", lang.pick("評分準則", "评分准则", "Rubric"), r.get(lang))?;
            }
            writeln!(w, "\n{}: \n", lang.pick("回答", "回答", "Your answer"))?;
        }
    }
    Ok(())
}
