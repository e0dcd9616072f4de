//! The demo: the whole pipeline on the bundled sample agency (`data/sample-agency`).
//!
//! The sample is copied into a folder (a new temporary one by default); for every client its exports are
//! benchmarked against the competitors (with the industry plugins' reference rows and comparisons), the charts
//! drawn, the audit scored with the run's figures as evidence and the HTML and Markdown reports written; then the
//! agency's portfolio. Everything lands under `DIR/results/`. The caller renders the scores and says where.

use crate::audit::{ScoredAudit, open};
use crate::bench::BenchOptions;
use crate::bench::exports::{ReadOptions, client_exports};
use crate::charts::draw_charts;
use crate::error::{AppError, ErrorKind, Result};
use crate::report::{portfolio, portfolio_file, write_report};
use crate::session::Session;
use chuxin_bench::civil::PeriodKind;
use chuxin_core::Lang;
use chuxin_core::msg;
use chuxin_report::{PortfolioFormat, ReportFormat};
use chuxin_store::{Client, Workspace, write_atomic};
use std::fs;
use std::path::{Path, PathBuf};

/// One client of the demo.
pub struct DemoClient {
    /// The client.
    pub client: Client,
    /// Its results folder (`results/<id>/`).
    pub out: PathBuf,
    /// Its audit, scored with the run just made.
    pub scored: ScoredAudit,
}

/// What the demo made.
pub struct Demo {
    /// The sample workspace.
    pub dir: PathBuf,
    /// The results folder.
    pub results: PathBuf,
    /// The language of the output (the one asked for, else the sample workspace's).
    pub lang: Lang,
    /// Every client, in id order.
    pub clients: Vec<DemoClient>,
    /// The portfolio files written (HTML, CSV).
    pub portfolio_files: Vec<PathBuf>,
    /// How many clients the portfolio holds.
    pub portfolio_clients: usize,
}

/// The sample agency shipped in the repository.
fn sample_agency() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data/sample-agency")
}

fn copy_tree(from: &Path, to: &Path) -> Result<()> {
    fs::create_dir_all(to).map_err(AppError::io("create", to))?;
    for entry in fs::read_dir(from).map_err(AppError::io("read", from))? {
        let entry = entry.map_err(AppError::io("read", from))?;
        let target = to.join(entry.file_name());
        let is_dir = entry.file_type().map_err(AppError::io("read", &entry.path()))?.is_dir();
        if is_dir {
            copy_tree(&entry.path(), &target)?;
        } else {
            fs::copy(entry.path(), &target).map_err(AppError::io("copy", &entry.path()))?;
        }
    }
    Ok(())
}

/// Runs the demo into `dir` (which must be empty or missing; a new temporary folder when `None`).
pub fn run(s: &Session, dir: Option<PathBuf>) -> Result<Demo> {
    let dir = match dir {
        Some(d) => {
            if d.exists() && fs::read_dir(&d).map(|mut r| r.next().is_some()).unwrap_or(true) {
                let lang = s.words_lang(None);
                return Err(AppError::new(
                    ErrorKind::Refused,
                    msg!(lang, "app.demo_not_empty", dir = d.display()),
                ));
            }
            d
        }
        // A new folder of its own, named without reading the clock (kept: it is the demo's result).
        None => tempfile::Builder::new()
            .prefix("chuxin-demo-")
            .tempdir()
            .map_err(AppError::io("create", &std::env::temp_dir()))?
            .keep(),
    };
    copy_tree(&sample_agency(), &dir)?;
    let ws = Workspace::discover(&dir)?;
    let s = s.at(ws.root().to_path_buf());
    let lang = s.lang(Some(&ws));
    let results = dir.join("results");
    let date = crate::clock::today(Some(&ws))?;
    let mut clients = Vec::new();
    for client in ws.clients()? {
        let out = results.join(&client.id);
        let found = client_exports(&ws, &client.id, lang)?;
        let run = if found.posts.is_empty() {
            None
        } else {
            let opts = BenchOptions {
                posts: found.posts,
                accounts: found.accounts,
                conversations: found.conversations,
                fold: None,
                read: ReadOptions {
                    threads: 2,
                    ..ReadOptions::default()
                },
                period: PeriodKind::Month,
                verbose: false,
                since: None,
                until: None,
                all_brands: false,
            };
            let run = crate::bench::run(&s, &ws, &client, &opts, &date)?;
            let (_, run) = s.save_run(&ws, &client.id, &date, run)?;
            Some((date.clone(), run))
        };
        let scored = open(&s, &ws, &client, None, run.clone())?;
        if let Some((_, run)) = &run {
            let path = out.join("bench.json");
            write_atomic(&path, run.to_json().as_bytes()).map_err(AppError::io("write", &path))?;
            let font = ws.config().font.as_ref().map(|f| ws.root().join(f));
            draw_charts(
                run,
                Some(&scored.card),
                lang,
                &out.join("charts"),
                font.as_deref(),
                s.observer(),
            )?;
        }
        let json = serde_json::json!({ "client": client.id, "audit": scored.audit.id, "scorecard": scored.card });
        let path = out.join("score.json");
        let text = serde_json::to_string_pretty(&json).expect("a scorecard serialises");
        write_atomic(&path, text.as_bytes()).map_err(AppError::io("write", &path))?;
        write_report(&s, &ws, &client, None, ReportFormat::Html, &out)?;
        write_report(&s, &ws, &client, None, ReportFormat::Markdown, &out)?;
        clients.push(DemoClient { client, out, scored });
    }
    let portfolio = portfolio(&s, &ws, &[], lang)?;
    let mut portfolio_files = Vec::new();
    for (format, ext) in [(PortfolioFormat::Html, "html"), (PortfolioFormat::Csv, "csv")] {
        let path = results.join(format!("portfolio.{ext}"));
        write_atomic(&path, &portfolio_file(&portfolio, format)?).map_err(AppError::io("write", &path))?;
        portfolio_files.push(path);
    }
    Ok(Demo {
        dir,
        results,
        lang,
        clients,
        portfolio_files,
        portfolio_clients: portfolio.clients.len(),
    })
}
