//! `chuxin answer CLIENT`: the questionnaire in the terminal, one question at a time.
//!
//! Input is read line by line from standard input, so it works at a terminal and with piped answers alike. The
//! audit is saved after every answer (atomically), with the position, so that an interrupted session — Ctrl-C,
//! a closed terminal, end of input — resumes at the question where it stopped.

use crate::render;
use crate::render::question::ask;
use anyhow::Result;
use chuxin_app::questionnaire::{Questionnaire, Start, items, save};
use chuxin_app::{Session, shown};
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
    let lang = cx.lang(Some(&ws));
    let qs = Questionnaire::open(cx, &ws, &args.client, args.new)?;
    let mut i = match qs.start(args.from.as_deref())? {
        Start::At(i) => i,
        Start::Done => {
            println!(
                "{}",
                lang.pick(
                    "所有問題都已作答。用 --from 問題代號 修改答案，或 --new 開始新一輪稽核。",
                    "所有问题都已作答。用 --from 问题代号 修改答案，或 --new 开始新一轮审计。",
                    "every question is answered: use --from QUESTION to revisit, or --new to start a new audit",
                )
            );
            return Ok(());
        }
    };
    let Questionnaire {
        client,
        catalog,
        mut audit,
    } = qs;
    let items = items(&catalog, lang);
    let t = |a: &'static str, b: &'static str, c: &'static str| lang.pick(a, b, c);
    println!(
        "{} · {} {} · {}",
        client.name,
        t("稽核", "审计", "audit"),
        audit.id,
        t(
            "輸入答案後按 Enter；s 略過，b 上一題，n 文字 加備註，? 評分準則，q 離開（進度已儲存）",
            "输入答案后按 Enter；s 跳过，b 上一题，n 文字 加备注，? 评分准则，q 离开（进度已保存）",
            "type an answer and press Enter; s skip, b back, n TEXT add a note, ? rubric, q quit (progress is saved)"
        )
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
            _ if input.starts_with("n ") || input.starts_with("note ") => {
                let note = input.split_once(' ').map_or("", |(_, n)| n.trim());
                audit.answers.0.entry(q.id.clone()).or_default().note = Some(note.to_string());
                writeln!(out, "  {}", t("已加備註", "已加备注", "note saved"))?;
            }
            _ => match q.parse_text(input) {
                Ok(v) => {
                    audit.answers.0.entry(q.id.clone()).or_default().value = Some(v);
                    i += 1;
                }
                Err(e) => {
                    writeln!(out, "  {}: {e}", t("無效", "无效", "invalid"))?;
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
