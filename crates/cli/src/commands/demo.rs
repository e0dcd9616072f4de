//! `chuxin demo [DIR]`: the whole pipeline on the bundled sample agency.
//!
//! Copies `data/sample-agency` into DIR (a new temporary folder by default), then scores every client's latest
//! audit and writes the results under `DIR/results/`, and says where they are.

use crate::context::{Context, shown};
use crate::exit::{REFUSED, exit};
use crate::render;
use anyhow::{Context as _, Result};
use chuxin_core::{Facts, assess};
use chuxin_store::{Workspace, write_atomic};
use std::fs;
use std::path::{Path, PathBuf};

/// Arguments of `chuxin demo`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Where to put the sample workspace and its results (must be empty or missing; default: a new temporary folder).
    pub dir: Option<PathBuf>,
}

/// The sample agency shipped in the repository.
fn sample_agency() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data/sample-agency")
}

fn copy_tree(from: &Path, to: &Path) -> Result<()> {
    fs::create_dir_all(to).with_context(|| format!("cannot create `{}`", to.display()))?;
    for entry in fs::read_dir(from).with_context(|| format!("cannot read `{}`", from.display()))? {
        let entry = entry?;
        let target = to.join(entry.file_name());
        if entry.file_type()?.is_dir() {
            copy_tree(&entry.path(), &target)?;
        } else {
            fs::copy(entry.path(), &target).with_context(|| format!("cannot copy `{}`", entry.path().display()))?;
        }
    }
    Ok(())
}

/// Runs the demo.
pub fn run(cx: &Context, args: Args) -> Result<()> {
    let dir = match args.dir {
        Some(d) => {
            if d.exists() && fs::read_dir(&d).map(|mut r| r.next().is_some()).unwrap_or(true) {
                return Err(exit(
                    REFUSED,
                    format!("`{}` is not empty: give an empty or new folder", d.display()),
                ));
            }
            d
        }
        None => {
            let stamp = std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.as_millis());
            std::env::temp_dir().join(format!("chuxin-demo-{stamp}"))
        }
    };
    copy_tree(&sample_agency(), &dir)?;
    let ws = Workspace::discover(&dir)?;
    let lang = cx.lang(Some(&ws));
    let results = dir.join("results");
    let t = |a, b, c| lang.pick(a, b, c).to_string();
    let mut rows = vec![vec![
        t("客戶", "客户", "client"),
        t("總分", "总分", "overall"),
        t("成熟度", "成熟度", "maturity"),
        t("覆蓋率", "覆盖率", "coverage"),
        t("問題", "问题", "sins"),
    ]];
    for client in ws.clients()? {
        let catalog = cx.catalog_for(&ws, &client)?;
        let Some(mut audit) = ws.latest_audit(&client.id)? else {
            continue;
        };
        catalog.check_answers(&mut audit.answers)?;
        let card = assess(&catalog, &audit.answers, &Facts::new());
        let out = results.join(&client.id);
        let json = serde_json::json!({ "client": client.id, "audit": audit.id, "scorecard": card });
        write_atomic(&out.join("score.json"), serde_json::to_string_pretty(&json)?.as_bytes())?;
        let mut text = Vec::new();
        render::scorecard(&mut text, &card, &catalog, lang)?;
        write_atomic(&out.join("score.txt"), &text)?;
        let sins: Vec<&str> = card.findings.iter().map(|f| f.sin.as_str()).collect();
        rows.push(vec![
            client.name.clone(),
            render::score(card.overall),
            card.maturity
                .as_ref()
                .map_or("—".into(), |m| format!("{} {}", m.level, m.name.get(lang))),
            format!("{:.0}%", card.coverage * 100.0),
            sins.join(", "),
        ]);
    }
    render::table(&mut std::io::stdout().lock(), &rows)?;
    println!();
    println!("{}: {}", t("範例工作區", "示例工作区", "sample workspace"), shown(&dir));
    println!("{}: {}", t("結果", "结果", "results"), shown(&results));
    Ok(())
}
