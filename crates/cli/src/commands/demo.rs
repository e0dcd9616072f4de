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
use chuxin_core::msg;
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
    let mut rows = vec![vec![
        msg!(lang, "cli.demo.client"),
        msg!(lang, "cli.demo.overall"),
        msg!(lang, "cli.demo.maturity"),
        msg!(lang, "cli.render.coverage"),
        msg!(lang, "cli.demo.sins"),
    ]];
    for c in &demo.clients {
        let (card, catalog) = (&c.scored.card, &c.scored.catalog);
        let mut text = Vec::new();
        render::scorecard(&mut text, card, catalog, lang)?;
        let path = c.out.join("score.txt");
        write_atomic(&path, &text).with_context(|| format!("cannot write `{}`", shown(&path)))?;
        // Each sin as a reader knows it, its code and title (`S4 不重視與用戶的互動…`), one a line.
        let mut sins = card.findings.iter().map(|f| {
            let title = f.title.get(lang).trim_end_matches(['.', '。']);
            format!("{} {title}", f.code)
        });
        rows.push(vec![
            c.client.name.clone(),
            render::score(card.overall),
            card.maturity
                .as_ref()
                .map_or("—".into(), |m| format!("{} {}", m.level, m.name.get(lang))),
            format!("{:.0}%", card.coverage * 100.0),
            sins.next().unwrap_or_else(|| "—".into()),
        ]);
        rows.extend(sins.map(|sin| vec![String::new(), String::new(), String::new(), String::new(), sin]));
    }
    for path in &demo.portfolio_files {
        eprintln!(
            "{}",
            msg!(
                lang,
                "cli.wrote_portfolio",
                path = shown(path),
                count = demo.portfolio_clients
            )
        );
    }
    render::table(&mut std::io::stdout().lock(), &rows)?;
    println!();
    println!("{}: {}", msg!(lang, "cli.demo.sample_workspace"), shown(&demo.dir));
    println!(
        "{}: {}",
        msg!(lang, "cli.demo.results_reports_charts_portfolio"),
        shown(&demo.results)
    );
    Ok(())
}
