//! The question packs on the terminal: the list with where each came from, and one pack's sections, questions
//! and rules.

use chuxin_app::session::LoadedPack;
use chuxin_core::Lang;
use chuxin_core::msg;
use std::io::{self, Write};

/// Writes the packs as a table: id, version, questions, rules, industries, origin.
pub fn list(packs: &[LoadedPack], lang: Lang, out: &mut dyn Write) -> io::Result<()> {
    let mut rows = vec![vec![
        msg!(lang, "cli.pack.id"),
        msg!(lang, "cli.pack.version"),
        msg!(lang, "cli.pack.questions"),
        msg!(lang, "cli.pack.rules"),
        msg!(lang, "cli.pack.industries"),
        msg!(lang, "cli.pack.from"),
    ]];
    for p in packs {
        rows.push(vec![
            p.pack.id.clone(),
            p.pack.version.clone(),
            p.pack.questions().count().to_string(),
            p.pack.sins.len().to_string(),
            if p.pack.industries.is_empty() {
                msg!(lang, "cli.pack.all")
            } else {
                p.pack.industries.join(", ")
            },
            origin(&p.origin, lang),
        ]);
    }
    super::table(out, &rows)
}

/// Where a pack came from, in `lang`: built in, a plugin file, or the workspace's pack file.
fn origin(origin: &str, lang: Lang) -> String {
    match origin.strip_prefix("plugin ") {
        _ if origin == "built-in" => msg!(lang, "cli.pack.builtin"),
        Some(path) => msg!(lang, "cli.pack.plugin", path = path),
        None => origin.to_string(),
    }
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
        origin(&p.origin, lang)
    )?;
    for s in &pack.sections {
        writeln!(out, "\n## {} [{}]", s.title.get(lang), s.id)?;
        for q in &s.questions {
            writeln!(out, "  {:<28} {}", q.id, q.prompt.get(lang))?;
        }
    }
    if !pack.sins.is_empty() {
        writeln!(out, "\n## {}", msg!(lang, "cli.pack.rules_heading"))?;
        for s in &pack.sins {
            writeln!(
                out,
                "  {:>3} [{}] {} — {}",
                pack.sin_code(s),
                s.category.name(lang),
                s.title.get(lang),
                s.when
            )?;
        }
    }
    Ok(())
}
