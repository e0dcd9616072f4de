//! `chuxin answer CLIENT`: the questionnaire in the terminal, one question at a time.
//!
//! Input is read line by line from standard input, so it works at a terminal and with piped answers alike. The
//! audit is saved after every answer (atomically), with the position, so that an interrupted session — Ctrl-C,
//! a closed terminal, end of input — resumes at the question where it stopped. `n TEXT` sets the note of the
//! question on screen (which is then asked again, showing its note), `n` alone clears it.

use crate::render;
use crate::render::question::ask;
use anyhow::Result;
use chuxin_app::questionnaire::{Questionnaire, Start, items, save};
use chuxin_app::{Session, shown};
use chuxin_core::msg;
use std::io::{BufRead, Write};

/// Arguments of `chuxin answer`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Client id.
    pub client: String,
    /// Start a new audit dated today instead of continuing the latest one.
    #[arg(long)]
    pub new: bool,
    /// Start at this question id (to revisit answers).
    #[arg(long, value_name = "QUESTION")]
    pub from: Option<String>,
}

/// Runs the questionnaire.
pub fn run(cx: &Session, args: Args) -> Result<()> {
    let ws = cx.workspace()?;
    let qs = Questionnaire::open(cx, &ws, &args.client, args.new)?;
    let lang = cx.client_lang(&ws, &qs.client);
    let mut i = match qs.start(args.from.as_deref())? {
        Start::At(i) => i,
        Start::Done => {
            println!("{}", msg!(lang, "cli.answer.every_question_is_answered"));
            return Ok(());
        }
    };
    let Questionnaire {
        client,
        catalog,
        mut audit,
    } = qs;
    let items = items(&catalog, lang);
    println!(
        "{} · {} {} · {}",
        client.name,
        msg!(lang, "cli.answer.audit"),
        audit.id,
        msg!(lang, "cli.answer.type_an_answer_and")
    );
    save(&ws, &client.id, &mut audit, i)?;
    let stdin = std::io::stdin();
    let mut lines = stdin.lock().lines();
    let mut out = std::io::stdout().lock();
    while i < items.len() {
        let (section, q) = &items[i];
        ask(&mut out, i, items.len(), section, q, audit.answers.0.get(&q.id), lang)?;
        let Some(line) = lines.next().transpose()? else {
            writeln!(out)?;
            break;
        };
        let input = line.trim();
        match input {
            "" | "s" | "skip" => i += 1,
            "b" | "back" => i = i.saturating_sub(1),
            "q" | "quit" => break,
            "?" => {
                if let Some(r) = &q.rubric {
                    writeln!(out, "  {}", r.get(lang))?;
                }
                continue;
            }
            "-" => {
                audit.answers.0.entry(q.id.clone()).or_default().value = None;
                i += 1;
            }
            // A note belongs to the question on screen (asked again below, with its note); `n` alone clears it.
            "n" | "note" => {
                if let Some(a) = audit.answers.0.get_mut(&q.id) {
                    a.note = None;
                }
                writeln!(out, "  {}", msg!(lang, "cli.answer.note_cleared", question = q.id))?;
            }
            _ if input.starts_with("n ") || input.starts_with("note ") => {
                let note = input.split_once(' ').map_or("", |(_, n)| n.trim());
                audit.answers.0.entry(q.id.clone()).or_default().note = Some(note.to_string());
                writeln!(out, "  {}", msg!(lang, "cli.answer.note_saved_on", question = q.id))?;
            }
            _ => match q.parse_text(input) {
                Ok(v) => {
                    audit.answers.0.entry(q.id.clone()).or_default().value = Some(v);
                    i += 1;
                }
                Err(e) => {
                    writeln!(
                        out,
                        "  {}{}{}",
                        msg!(lang, "cli.answer.invalid"),
                        lang.pick("：", "：", ": "),
                        render::forms::answer_error(&e, lang)
                    )?;
                    continue;
                }
            },
        }
        audit.answers.0.retain(|_, a| a.value.is_some() || a.note.is_some());
        save(&ws, &client.id, &mut audit, i)?;
    }
    save(&ws, &client.id, &mut audit, i)?;
    let (answered, scored) = catalog.answered(&audit.answers);
    let path = ws.audit_path(&client.id, &audit.id)?;
    let finished = i >= items.len();
    render::question::closing(&mut out, &shown(&path), (answered, scored), &client.id, finished, lang)?;
    Ok(())
}
