//! The question packs on the terminal: the list with where each came from, and one pack's sections, questions
//! and rules.

use chuxin_app::session::LoadedPack;
use chuxin_core::Lang;
use std::io::{self, Write};

/// Writes the packs as a table: id, version, questions, rules, industries, origin.
pub fn list(packs: &[LoadedPack], lang: Lang, out: &mut dyn Write) -> io::Result<()> {
    let t = |a, b, c| lang.pick(a, b, c).to_string();
    let mut rows = vec![vec![
        t("代號", "代号", "id"),
        t("版本", "版本", "version"),
        t("問題", "问题", "questions"),
        t("規則", "规则", "rules"),
        t("適用行業", "适用行业", "industries"),
        t("來源", "来源", "from"),
    ]];
    for p in packs {
        rows.push(vec![
            p.pack.id.clone(),
            p.pack.version.clone(),
            p.pack.questions().count().to_string(),
            p.pack.sins.len().to_string(),
            if p.pack.industries.is_empty() {
                t("全部", "全部", "all")
            } else {
                p.pack.industries.join(", ")
            },
            p.origin.clone(),
        ]);
    }
    super::table(out, &rows)
}

/// Writes one pack: its title and origin, each section's questions, and its rules.
pub fn show(p: &LoadedPack, lang: Lang, out: &mut dyn Write) -> io::Result<()> {
    let pack = &p.pack;
    writeln!(
        out,
        "{} {} · {} ({})",
        pack.id,
        pack.version,
        pack.title.get(lang),
        p.origin
    )?;
    for s in &pack.sections {
        writeln!(out, "\n## {} [{}]", s.title.get(lang), s.id)?;
        for q in &s.questions {
            writeln!(out, "  {:<28} {}", q.id, q.prompt.get(lang))?;
        }
    }
    if !pack.sins.is_empty() {
        writeln!(out, "\n## {}", lang.pick("規則", "规则", "Rules"))?;
        for s in &pack.sins {
            writeln!(
                out,
                "  {:>2}. [{}] {} — {}",
                s.number,
                s.category.name(lang),
                s.title.get(lang),
                s.when
            )?;
        }
    }
    Ok(())
}
