//! `chuxin demo [DIR]`: the whole pipeline on the bundled sample agency.
//!
//! Copies `data/sample-agency` into DIR (a new temporary folder by default); for every client it benchmarks the
//! sample exports in `clients/<id>/exports/` against the competitors (with the industry plugins' reference rows and comparisons), draws
//! the charts, scores the audit with the figures as evidence, and writes the HTML and Markdown reports; then the
//! agency's portfolio. Everything lands under `DIR/results/`, and the command says where.

use crate::benchmark::{self, BenchOptions};
use crate::context::{Context, shown, today};
use crate::exit::{REFUSED, exit};
use crate::ops;
use crate::render;
use anyhow::{Context as _, Result};
use chuxin_bench::civil::PeriodKind;
use chuxin_report::{PortfolioFormat, ReportFormat};
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
    let cx = cx.at(ws.root().to_path_buf());
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
    let date = today(Some(&ws))?;
    for client in ws.clients()? {
        let out = results.join(&client.id);
        let (posts, accounts) = benchmark::client_exports(&ws, &client.id)?;
        let record = if posts.is_empty() {
            None
        } else {
            let opts = BenchOptions {
                posts,
                accounts,
                profile: None,
                period: PeriodKind::Month,
                strict: false,
                verbose: false,
                encoding: None,
                since: None,
                until: None,
                threads: 2,
                all_brands: false,
            };
            let record = benchmark::run(&cx, &ws, &client, &opts, &date)?;
            ws.save_bench(&client.id, &date, &serde_json::to_string_pretty(&record)?)?;
            Some(record)
        };
        let (audit, card, catalog) = ops::scorecard(&cx, &ws, &client, None, record.as_ref())?;
        if let Some(record) = &record {
            write_atomic(
                &out.join("bench.json"),
                serde_json::to_string_pretty(record)?.as_bytes(),
            )?;
            let font = ws.config().font.as_ref().map(|f| ws.root().join(f));
            ops::draw_charts(record, Some(&card), lang, &out.join("charts"), font.as_deref())?;
        }
        let json = serde_json::json!({ "client": client.id, "audit": audit.id, "scorecard": card });
        write_atomic(&out.join("score.json"), serde_json::to_string_pretty(&json)?.as_bytes())?;
        let mut text = Vec::new();
        render::scorecard(&mut text, &card, &catalog, lang)?;
        write_atomic(&out.join("score.txt"), &text)?;
        ops::write_report(&cx, &ws, &client, None, ReportFormat::Html, &out)?;
        ops::write_report(&cx, &ws, &client, None, ReportFormat::Markdown, &out)?;
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
    let portfolio = ops::portfolio(&cx, &ws, &[], lang)?;
    for (format, ext) in [(PortfolioFormat::Html, "html"), (PortfolioFormat::Csv, "csv")] {
        let path = results.join(format!("portfolio.{ext}"));
        write_atomic(&path, &ops::portfolio_file(&portfolio, format)?)?;
        eprintln!("wrote {} ({} clients)", shown(&path), portfolio.clients.len());
    }
    render::table(&mut std::io::stdout().lock(), &rows)?;
    println!();
    println!("{}: {}", t("範例工作區", "示例工作区", "sample workspace"), shown(&dir));
    println!(
        "{}: {}",
        t(
            "結果（報告、圖表、組合對比）",
            "结果（报告、图表、组合对比）",
            "results (reports, charts, portfolio)"
        ),
        shown(&results)
    );
    Ok(())
}
