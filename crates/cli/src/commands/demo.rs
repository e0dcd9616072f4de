//! `chuxin demo [DIR]`: the whole pipeline on the bundled sample agency.
//!
//! Copies `data/sample-agency` into DIR (a new temporary folder by default); for every client it benchmarks the
//! sample exports in `clients/<id>/exports/` against the competitors (with the industry plugins' reference rows
//! and comparisons), draws the charts, scores the audit with the figures as evidence, and writes the HTML and
//! Markdown reports; then the agency's portfolio. Everything lands under `DIR/results/`, and the command says
//! where.

use crate::render;
use anyhow::{Context as _, Result};
use chuxin_app::{Session, shown};
use chuxin_store::write_atomic;
use std::path::PathBuf;

/// Arguments of `chuxin demo`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Where to put the sample workspace and its results (must be empty or missing; default: a new temporary folder).
    pub dir: Option<PathBuf>,
}

/// Runs the demo.
pub fn run(cx: &Session, args: Args) -> Result<()> {
    let demo = chuxin_app::demo::run(cx, args.dir)?;
    let lang = demo.lang;
    let t = |a, b, c| lang.pick(a, b, c).to_string();
    let mut rows = vec![vec![
        t("客戶", "客户", "client"),
        t("總分", "总分", "overall"),
        t("成熟度", "成熟度", "maturity"),
        t("覆蓋率", "覆盖率", "coverage"),
        t("問題", "问题", "sins"),
    ]];
    for c in &demo.clients {
        let (card, catalog) = (&c.scored.card, &c.scored.catalog);
        let mut text = Vec::new();
        render::scorecard(&mut text, card, catalog, lang)?;
        let path = c.out.join("score.txt");
        write_atomic(&path, &text).with_context(|| format!("cannot write `{}`", shown(&path)))?;
        let sins: Vec<&str> = card.findings.iter().map(|f| f.sin.as_str()).collect();
        rows.push(vec![
            c.client.name.clone(),
            render::score(card.overall),
            card.maturity
                .as_ref()
                .map_or("—".into(), |m| format!("{} {}", m.level, m.name.get(lang))),
            format!("{:.0}%", card.coverage * 100.0),
            sins.join(", "),
        ]);
    }
    for path in &demo.portfolio_files {
        eprintln!("wrote {} ({} clients)", shown(path), demo.portfolio_clients);
    }
    render::table(&mut std::io::stdout().lock(), &rows)?;
    println!();
    println!(
        "{}: {}",
        t("範例工作區", "示例工作区", "sample workspace"),
        shown(&demo.dir)
    );
    println!(
        "{}: {}",
        t(
            "結果（報告、圖表、組合對比）",
            "结果（报告、图表、组合对比）",
            "results (reports, charts, portfolio)"
        ),
        shown(&demo.results)
    );
    Ok(())
}
