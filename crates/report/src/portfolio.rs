//! The agency's portfolio: every client's latest audit side by side.
//!
//! [`Portfolio::build`] takes one [`PortfolioEntry`] per client and works out a clients × sections heatmap (the
//! columns are every section any client's catalog has, in first-seen order), the ranking by overall score (the
//! maturity level follows from it; equal scores share a rank), the sins most common across clients, each
//! client's weakest section and largest gap to its competitors, and a warning for each client whose figures
//! should not be trusted yet: no audit, coverage below 80 %, no benchmark data.

use crate::input::{Client, Gap};
use crate::model::{LOW_COVERAGE, SectionRef};
use crate::words::word;
use chuxin_core::pack::Severity;
use chuxin_core::{Lang, Scorecard};
use serde::Serialize;

/// The schema tag of the portfolio JSON.
pub const SCHEMA: &str = "chuxin.portfolio/1";

/// One client as the portfolio is given it.
#[derive(Debug, Clone)]
pub struct PortfolioEntry {
    /// The client.
    pub client: Client,
    /// The latest audit's id and date, if any.
    pub audit: Option<(String, String)>,
    /// Its scorecard.
    pub card: Option<Scorecard>,
    /// Gaps to competitors from benchmark data; `None` when the client has no benchmark data.
    pub gaps: Option<Vec<Gap>>,
}

/// The portfolio.
#[derive(Debug, Clone, Serialize)]
pub struct Portfolio {
    /// Always [`SCHEMA`].
    pub schema: &'static str,
    /// Language of the texts.
    pub lang: Lang,
    /// Day made.
    pub generated: String,
    /// The agency.
    pub agency: String,
    /// Heatmap columns.
    pub columns: Vec<Column>,
    /// One row per client, in the order given.
    pub clients: Vec<ClientRow>,
    /// Clients with a score, best first.
    pub ranking: Vec<Ranked>,
    /// Sins triggered for at least one client, most common first.
    pub common_sins: Vec<SinCount>,
    /// Every client's warnings, in client order.
    pub warnings: Vec<Warning>,
    /// The font the PDF is set in (the workspace's; else one is found as the charts find theirs); not in the JSON.
    #[serde(skip)]
    pub font: Option<std::path::PathBuf>,
}

/// A heatmap column: one section.
#[derive(Debug, Clone, Serialize)]
pub struct Column {
    /// Pack id.
    pub pack: String,
    /// Section id.
    pub id: String,
    /// Title.
    pub title: String,
}

/// One client's row.
#[derive(Debug, Clone, Serialize)]
pub struct ClientRow {
    /// Client id.
    pub id: String,
    /// Name.
    pub name: String,
    /// Latest audit id.
    pub audit: Option<String>,
    /// Its date.
    pub date: Option<String>,
    /// Overall score.
    pub overall: Option<f64>,
    /// Maturity level.
    pub maturity: Option<u8>,
    /// Maturity name.
    pub maturity_name: Option<String>,
    /// Coverage 0–1 (0 without an audit).
    pub coverage: f64,
    /// Heatmap cells, one per column: the section score, absent when unscored or not in the client's packs.
    pub cells: Vec<Option<f64>>,
    /// Ids of the triggered sins.
    pub sins: Vec<String>,
    /// The lowest-scoring section.
    pub weakest: Option<SectionRef>,
    /// The metric with the lowest index against competitors.
    pub largest_gap: Option<Gap>,
}

/// A client's place in the ranking.
#[derive(Debug, Clone, Serialize)]
pub struct Ranked {
    /// 1 = best; equal scores share a rank.
    pub rank: usize,
    /// Client id.
    pub id: String,
    /// Name.
    pub name: String,
    /// Overall score.
    pub overall: f64,
    /// Maturity level.
    pub maturity: Option<u8>,
    /// Maturity name.
    pub maturity_name: Option<String>,
}

/// How many clients show one sin.
#[derive(Debug, Clone, Serialize)]
pub struct SinCount {
    /// Sin id.
    pub sin: String,
    /// Number in its pack.
    pub number: u32,
    /// Code a reader sees (`S4`, `F1`): the pack's prefix and the number, unique across packs.
    pub code: String,
    /// Title.
    pub title: String,
    /// Severity.
    pub severity: Severity,
    /// Clients showing it.
    pub count: usize,
    /// Share of audited clients, 0–1.
    pub share: f64,
    /// Their ids.
    pub clients: Vec<String>,
}

/// A reason to read a client's figures with care.
#[derive(Debug, Clone, Serialize)]
pub struct Warning {
    /// Client id.
    pub client: String,
    /// `no_audit`, `low_coverage` or `no_benchmark`.
    pub code: &'static str,
    /// In words.
    pub text: String,
}

impl Portfolio {
    /// Builds the portfolio of `entries`.
    pub fn build(agency: &str, lang: Lang, generated: &str, entries: &[PortfolioEntry]) -> Portfolio {
        let mut columns: Vec<Column> = Vec::new();
        for card in entries.iter().filter_map(|e| e.card.as_ref()) {
            for s in &card.sections {
                if !columns.iter().any(|c| c.pack == s.pack && c.id == s.id) {
                    columns.push(Column {
                        pack: s.pack.clone(),
                        id: s.id.clone(),
                        title: s.title.get(lang).to_string(),
                    });
                }
            }
        }
        let mut warnings = Vec::new();
        let clients: Vec<ClientRow> = entries
            .iter()
            .map(|e| {
                let card = e.card.as_ref();
                let mut warn = |code: &'static str, text: String| {
                    warnings.push(Warning {
                        client: e.client.id.clone(),
                        code,
                        text,
                    })
                };
                match card {
                    None => warn("no_audit", word(lang, "warn_no_audit").to_string()),
                    Some(c) if c.coverage < LOW_COVERAGE => warn(
                        "low_coverage",
                        format!(
                            "{} {:.0}% ({}/{})",
                            word(lang, "warn_low_coverage"),
                            c.coverage * 100.0,
                            c.answered,
                            c.scored
                        ),
                    ),
                    Some(_) => {}
                }
                if e.gaps.is_none() {
                    warn("no_benchmark", word(lang, "warn_no_benchmark").to_string());
                }
                let cells = columns
                    .iter()
                    .map(|col| {
                        card.and_then(|c| c.sections.iter().find(|s| s.pack == col.pack && s.id == col.id))
                            .and_then(|s| s.score)
                    })
                    .collect();
                let weakest = card.and_then(|c| {
                    c.sections
                        .iter()
                        .filter_map(|s| s.score.map(|v| (s, v)))
                        .fold(
                            None::<(&chuxin_core::score::SectionScore, f64)>,
                            |best, (s, v)| match best {
                                Some((b, bv)) if bv <= v => Some((b, bv)),
                                _ => Some((s, v)),
                            },
                        )
                        .map(|(s, v)| SectionRef {
                            id: s.id.clone(),
                            title: s.title.get(lang).to_string(),
                            score: v,
                        })
                });
                let largest_gap = e
                    .gaps
                    .as_ref()
                    .and_then(|g| {
                        g.iter()
                            .filter(|g| g.index.is_finite())
                            .min_by(|a, b| a.index.total_cmp(&b.index))
                    })
                    .cloned();
                ClientRow {
                    id: e.client.id.clone(),
                    name: e.client.name.clone(),
                    audit: e.audit.as_ref().map(|a| a.0.clone()),
                    date: e.audit.as_ref().map(|a| a.1.clone()),
                    overall: card.and_then(|c| c.overall),
                    maturity: card.and_then(|c| c.maturity.as_ref()).map(|m| m.level),
                    maturity_name: card
                        .and_then(|c| c.maturity.as_ref())
                        .map(|m| m.name.get(lang).to_string()),
                    coverage: card.map_or(0.0, |c| c.coverage),
                    cells,
                    sins: card.map_or_else(Vec::new, |c| c.findings.iter().map(|f| f.sin.clone()).collect()),
                    weakest,
                    largest_gap,
                }
            })
            .collect();
        Portfolio {
            schema: SCHEMA,
            lang,
            generated: generated.to_string(),
            agency: agency.to_string(),
            ranking: ranking(&clients),
            common_sins: common_sins(entries, lang),
            columns,
            clients,
            warnings,
            font: None,
        }
    }

    /// The warnings of one client.
    pub fn warnings_of<'a>(&'a self, client: &'a str) -> impl Iterator<Item = &'a Warning> {
        self.warnings.iter().filter(move |w| w.client == client)
    }
}

fn ranking(clients: &[ClientRow]) -> Vec<Ranked> {
    let mut scored: Vec<&ClientRow> = clients.iter().filter(|c| c.overall.is_some()).collect();
    scored.sort_by(|a, b| {
        b.overall
            .unwrap_or(0.0)
            .total_cmp(&a.overall.unwrap_or(0.0))
            .then_with(|| a.name.cmp(&b.name))
            .then_with(|| a.id.cmp(&b.id))
    });
    scored
        .iter()
        .map(|c| {
            let overall = c.overall.unwrap_or(0.0);
            Ranked {
                rank: 1 + scored.iter().filter(|o| o.overall.unwrap_or(0.0) > overall).count(),
                id: c.id.clone(),
                name: c.name.clone(),
                overall,
                maturity: c.maturity,
                maturity_name: c.maturity_name.clone(),
            }
        })
        .collect()
}

fn common_sins(entries: &[PortfolioEntry], lang: Lang) -> Vec<SinCount> {
    let audited = entries.iter().filter(|e| e.card.is_some()).count();
    let mut out: Vec<SinCount> = Vec::new();
    for e in entries {
        for f in e.card.iter().flat_map(|c| c.findings.iter()) {
            match out.iter_mut().find(|s| s.sin == f.sin) {
                Some(s) => {
                    s.count += 1;
                    // A graded sin is shown at its worst among the clients.
                    s.severity = s.severity.max(f.severity);
                    s.clients.push(e.client.id.clone());
                }
                None => out.push(SinCount {
                    sin: f.sin.clone(),
                    number: f.number,
                    code: f.code.clone(),
                    title: f.title.get(lang).to_string(),
                    severity: f.severity,
                    count: 1,
                    share: 0.0,
                    clients: vec![e.client.id.clone()],
                }),
            }
        }
    }
    for s in &mut out {
        s.share = s.count as f64 / audited.max(1) as f64;
    }
    out.sort_by(|a, b| {
        b.count
            .cmp(&a.count)
            .then(b.severity.cmp(&a.severity))
            .then(a.number.cmp(&b.number))
            .then_with(|| a.code.cmp(&b.code))
            .then_with(|| a.sin.cmp(&b.sin))
    });
    out
}

/// The portfolio as CSV, one row per client: fixed columns, one column per section id, then the weak spots.
pub fn write_csv(p: &Portfolio) -> Result<Vec<u8>, csv::Error> {
    let mut w = csv::Writer::from_writer(Vec::new());
    let mut header: Vec<String> = ["client", "name", "audit", "overall", "maturity", "coverage"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    header.extend(p.columns.iter().map(|c| c.id.clone()));
    header.extend(
        ["weakest_section", "largest_gap", "gap_index", "sins", "warnings"]
            .iter()
            .map(|s| s.to_string()),
    );
    w.write_record(&header)?;
    let num = |v: Option<f64>| v.map_or_else(String::new, |v| format!("{v:.1}"));
    for c in &p.clients {
        let mut row = vec![
            crate::csv_text(&c.id).into_owned(),
            crate::csv_text(&c.name).into_owned(),
            c.audit.clone().unwrap_or_default(),
            num(c.overall),
            c.maturity.map_or_else(String::new, |m| m.to_string()),
            if c.audit.is_some() {
                format!("{:.3}", c.coverage)
            } else {
                String::new()
            },
        ];
        row.extend(c.cells.iter().map(|v| num(*v)));
        row.push(c.weakest.as_ref().map_or_else(String::new, |s| s.id.clone()));
        row.push(c.largest_gap.as_ref().map_or_else(String::new, |g| g.metric.clone()));
        row.push(num(c.largest_gap.as_ref().map(|g| g.index)));
        row.push(c.sins.len().to_string());
        row.push(p.warnings_of(&c.id).map(|w| w.code).collect::<Vec<_>>().join(";"));
        w.write_record(&row)?;
    }
    w.into_inner().map_err(|e| csv::Error::from(e.into_error()))
}
