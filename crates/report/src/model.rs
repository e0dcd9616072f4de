//! The client report as data: what the JSON output shows and what every renderer reads.
//!
//! [`Report::build`] resolves every text into the report's language, describes every answer as a reader sees it
//! (`4/5 · label`, option labels), works out the three things to do first, compares with the previous audit and
//! draws the section charts with [`chuxin_chart::page`]. Building never fails: missing data shows as absent,
//! never as zero.
//!
//! The three things to do first are the three triggered sins ranked by severity, then by the total weight of the
//! questions behind their evidence (a sin resting on heavier questions matters more), then by their number.

use crate::figures::{figure_text, in_sentence, industry_name, platform_name};
use crate::input::{AuditInput, BenchTable, Benchmark, Client, ComparisonRow, Gap, ReportInput};
use crate::svg;
use crate::words::word;
use chuxin_chart::{ScoreChart, page};
use chuxin_core::pack::{Category, Severity};
use chuxin_core::{Catalog, Evidence, Finding, Lang, MaturityCap, Scorecard, msg, question_score};
use serde::Serialize;
use std::collections::BTreeSet;

/// The schema tag written at the top of the JSON.
pub const SCHEMA: &str = "chuxin.report/1";

/// Coverage below which scores are read as provisional.
pub const LOW_COVERAGE: f64 = 0.8;

/// The client as the report's JSON and templates show it: id, name, industry (`null` when unset), channels and
/// competitors — the fields of `chuxin.report/1`, whatever else the workspace keeps about the client.
fn client_json<S: serde::Serializer>(c: &Client, s: S) -> Result<S::Ok, S::Error> {
    use serde::ser::SerializeStruct;
    let mut out = s.serialize_struct("Client", 5)?;
    out.serialize_field("id", &c.id)?;
    out.serialize_field("name", &c.name)?;
    out.serialize_field("industry", &c.industry)?;
    out.serialize_field("channels", &c.channels)?;
    out.serialize_field("competitors", &c.competitors)?;
    out.end()
}

/// A client report, every text in one language.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    /// Always [`SCHEMA`].
    pub schema: &'static str,
    /// Language of every text.
    pub lang: Lang,
    /// Day the report was made.
    pub generated: String,
    /// The agency.
    pub agency: String,
    /// The client (in the JSON: id, name, industry, channels, competitors; see [`client_json`]).
    #[serde(serialize_with = "client_json")]
    pub client: Client,
    /// The client's industry and channels in words (餐飲; 微博、微信), for the cover.
    pub client_words: ClientWords,
    /// The audit reported on.
    pub audit: AuditRef,
    /// The first page.
    pub summary: Summary,
    /// Section scores, in questionnaire order.
    pub sections: Vec<SectionRow>,
    /// The 初心 check.
    pub anchors: Vec<AnchorRow>,
    /// Triggered sins, most severe first.
    pub findings: Vec<FindingOut>,
    /// Benchmark comparisons; absent without benchmark data.
    pub benchmark: Option<BenchmarkOut>,
    /// Conversations: response rates and times from conversation exports, or the line saying which export
    /// fills the section.
    pub conversations: crate::conversations::ConversationsOut,
    /// The change since the previous audit; absent for a first audit.
    pub change: Option<Change>,
    /// Every question with its answer, by section.
    pub appendix: Vec<AppendixSection>,
    /// Every chart, in the order they appear.
    pub charts: Vec<ChartOut>,
    /// The font the PDF is set in (the workspace's, from [`ReportInput::font`]); not part of the JSON.
    #[serde(skip)]
    pub font: Option<std::path::PathBuf>,
}

/// The client's ids as a reader sees them.
#[derive(Debug, Clone, Serialize)]
pub struct ClientWords {
    /// The industry's name, when the client has one.
    pub industry: Option<String>,
    /// The market's name (台灣, Hong Kong…), when the client has one.
    pub market: Option<String>,
    /// The channels' names, joined for the language.
    pub channels: String,
}

/// An audit by id and date.
#[derive(Debug, Clone, Serialize)]
pub struct AuditRef {
    /// Audit id.
    pub id: String,
    /// Day it started.
    pub date: String,
    /// Packs used.
    pub packs: Vec<String>,
}

/// The summary: headline figures and the three things to do first.
#[derive(Debug, Clone, Serialize)]
pub struct Summary {
    /// Overall score 0–100.
    pub overall: Option<f64>,
    /// The maturity level reached.
    pub maturity: Option<MaturityOut>,
    /// Share of scored questions answered, 0–1.
    pub coverage: f64,
    /// Answered scored questions.
    pub answered: usize,
    /// Scored questions.
    pub scored: usize,
    /// Whether coverage is below 80 %.
    pub low_coverage: bool,
    /// Triggered sins by severity.
    pub sins: SinCounts,
    /// The best-scoring section.
    pub strongest: Option<SectionRef>,
    /// The worst-scoring section.
    pub weakest: Option<SectionRef>,
    /// Up to three sins to act on first, with what to do.
    pub top_actions: Vec<Action>,
}

/// The maturity level and its place among the levels.
#[derive(Debug, Clone, Serialize)]
pub struct MaturityOut {
    /// Level, 1-based.
    pub level: u8,
    /// Number of levels.
    pub of: usize,
    /// Name.
    pub name: String,
    /// What it looks like.
    pub description: String,
    /// The published model behind it.
    pub source: String,
    /// Present when a diagnosed sin holds the audit below the level its score reaches: the sentence saying so.
    pub held_down: Option<String>,
}

/// Counts of triggered sins.
#[derive(Debug, Clone, Copy, Default, Serialize)]
pub struct SinCounts {
    /// All.
    pub total: usize,
    /// High severity.
    pub high: usize,
    /// Medium severity.
    pub medium: usize,
    /// Low severity.
    pub low: usize,
}

/// A section named in the summary.
#[derive(Debug, Clone, Serialize)]
pub struct SectionRef {
    /// Section id.
    pub id: String,
    /// Title.
    pub title: String,
    /// Score 0–100.
    pub score: f64,
}

/// One of the three things to do first.
#[derive(Debug, Clone, Serialize)]
pub struct Action {
    /// Sin id.
    pub sin: String,
    /// Sin number.
    pub number: u32,
    /// Sin code (`S4`, `F1`).
    pub code: String,
    /// Severity id (`high`, `medium`, `low`).
    pub severity: Severity,
    /// Severity in words.
    pub severity_name: String,
    /// Sin title.
    pub title: String,
    /// What to do.
    pub recommendation: String,
    /// Total weight of the questions behind the evidence (the second ranking key).
    pub weight: f64,
}

/// One section's score, with the previous audit's beside it.
#[derive(Debug, Clone, Serialize)]
pub struct SectionRow {
    /// Pack id.
    pub pack: String,
    /// Section id.
    pub id: String,
    /// Title.
    pub title: String,
    /// Weight in the overall score.
    pub weight: f64,
    /// Score 0–100; absent when nothing in it is answered.
    pub score: Option<f64>,
    /// Answered scored questions.
    pub answered: usize,
    /// Scored questions.
    pub scored: usize,
    /// Score at the previous audit.
    pub previous: Option<f64>,
    /// `score − previous`, when both exist.
    pub delta: Option<f64>,
}

/// One 初心 anchor.
#[derive(Debug, Clone, Serialize)]
pub struct AnchorRow {
    /// Anchor id.
    pub id: String,
    /// Title.
    pub title: String,
    /// What it stands for.
    pub description: String,
    /// Score 0–100.
    pub score: Option<f64>,
    /// Answered questions.
    pub answered: usize,
    /// Questions.
    pub total: usize,
}

/// A triggered sin.
#[derive(Debug, Clone, Serialize)]
pub struct FindingOut {
    /// Sin id.
    pub sin: String,
    /// Pack.
    pub pack: String,
    /// Number in its pack.
    pub number: u32,
    /// Code a reader sees: the pack's prefix and the number (`S4`, `F1`).
    pub code: String,
    /// Category id.
    pub category: Category,
    /// Category in words.
    pub category_name: String,
    /// Severity id.
    pub severity: Severity,
    /// Severity in words.
    pub severity_name: String,
    /// Title.
    pub title: String,
    /// Why it hurts.
    pub explanation: String,
    /// What to do.
    pub recommendation: String,
    /// The answers and figures that triggered it, in plain words, one per question or figure.
    pub statements: Vec<Statement>,
    /// The answers and figures that triggered it, clause by clause, with ids (the machine's detail).
    pub evidence: Vec<EvidenceOut>,
    /// `new` or `persisting` against the previous audit; absent for a first audit.
    pub status: Option<&'static str>,
}

/// One piece of evidence in plain words: what the client answered to one question, or one measured figure
/// against the competitors, however many clauses of the rule looked at it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Statement {
    /// The question as asked, for an answer.
    pub prompt: Option<String>,
    /// The sentence (`您的回答：一人兼職`, `Your brand's reply ratio is 7.5%; the competitors' median is 46%`).
    pub text: String,
    /// The note given with the answer.
    pub note: Option<String>,
}

/// One piece of evidence: an answer or a measured figure, and the clause it met.
#[derive(Debug, Clone, Serialize)]
pub struct EvidenceOut {
    /// Question id, for an answer.
    pub question: Option<String>,
    /// The question as asked.
    pub prompt: Option<String>,
    /// The answer as a reader sees it; absent when the clause is about a missing answer.
    pub answer: Option<String>,
    /// The note given with the answer.
    pub note: Option<String>,
    /// Metric name, for a figure.
    pub metric: Option<String>,
    /// The metric's name as a reader sees it, when the benchmark supplies one.
    pub metric_label: Option<String>,
    /// The figure.
    pub figure: Option<f64>,
    /// The figure with its unit as a reader sees it, when the benchmark supplies it.
    pub figure_text: Option<String>,
    /// The clause, as written in the rule.
    pub clause: String,
}

/// The benchmark section as shown.
#[derive(Debug, Clone, Serialize)]
pub struct BenchmarkOut {
    /// What was compared, in one line: the data period, the brands, the posts and the platforms.
    pub scope: String,
    /// The data period, when the run has one.
    pub period: Option<String>,
    /// The client against the competitors, worded and marked better or worse.
    pub comparison: Vec<ComparisonRow>,
    /// Where the client leads and lags, with the figures.
    pub sentences: Vec<String>,
    /// Comparisons the exports cannot fill, each one line saying what would.
    pub unavailable: Vec<String>,
    /// Tables.
    pub tables: Vec<BenchTable>,
    /// Ids of the benchmark charts in [`Report::charts`].
    pub charts: Vec<String>,
    /// Gaps to competitors, largest (lowest index) first.
    pub gaps: Vec<Gap>,
    /// Caveats, the line saying how many reference rows were left out among them.
    pub notes: Vec<String>,
    /// The plugins' reference rows that do not apply to the client (another market's platforms, another
    /// population), each with its reason: kept so that nothing is dropped silently.
    pub references_left_out: Vec<chuxin_bench::reference::LeftOutReference>,
}

/// The change since the previous audit.
#[derive(Debug, Clone, Serialize)]
pub struct Change {
    /// The previous audit.
    pub previous: AuditRef,
    /// Overall score then.
    pub overall_before: Option<f64>,
    /// Overall score now.
    pub overall_after: Option<f64>,
    /// Difference, when both exist.
    pub overall_delta: Option<f64>,
    /// Maturity level then.
    pub maturity_before: Option<u8>,
    /// Maturity level now.
    pub maturity_after: Option<u8>,
    /// Coverage then, 0–1.
    pub coverage_before: f64,
    /// Coverage now, 0–1.
    pub coverage_after: f64,
    /// Sins triggered now and not then.
    pub new_sins: Vec<SinRef>,
    /// Sins triggered then and not now.
    pub resolved_sins: Vec<SinRef>,
    /// Sins triggered both times.
    pub persisting_sins: Vec<SinRef>,
}

/// A sin by id and title.
#[derive(Debug, Clone, Serialize)]
pub struct SinRef {
    /// Sin id.
    pub sin: String,
    /// Title.
    pub title: String,
}

/// The answers of one section.
#[derive(Debug, Clone, Serialize)]
pub struct AppendixSection {
    /// Section id.
    pub id: String,
    /// Title.
    pub title: String,
    /// Its questions.
    pub questions: Vec<AppendixRow>,
}

/// One question and its answer.
#[derive(Debug, Clone, Serialize)]
pub struct AppendixRow {
    /// Question id.
    pub id: String,
    /// The question as asked.
    pub prompt: String,
    /// The answer as a reader sees it.
    pub answer: Option<String>,
    /// The note.
    pub note: Option<String>,
    /// The question's score 0–100 (scored questions only).
    pub score: Option<f64>,
}

/// A chart in the report.
#[derive(Debug, Clone, Serialize)]
pub struct ChartOut {
    /// Id (file name in Markdown output).
    pub id: String,
    /// `sections`, `change`, `benchmark` or `conversations`.
    pub group: &'static str,
    /// Title.
    pub title: String,
    /// The SVG, ready to inline; absent when a supplied chart was unsafe and left out (or, for the section
    /// charts, could not be drawn).
    pub svg: Option<String>,
}

impl Report {
    /// Builds the report, with its benchmark section built from the run of `input`, if any.
    pub fn build(input: &ReportInput<'_>) -> Report {
        let section = input.run.map(|r| crate::section::section(r, input.lang, input.font));
        Report::build_with(input, section.as_ref())
    }

    /// Builds the report with a benchmark section already made (the tests supply hostile ones).
    pub(crate) fn build_with(input: &ReportInput<'_>, section: Option<&Benchmark>) -> Report {
        let lang = input.lang;
        let card = input.audit.card;
        let prev_card = input.previous.map(|p| p.card);
        let sections: Vec<SectionRow> = card
            .sections
            .iter()
            .map(|s| {
                let previous = prev_card
                    .and_then(|p| p.sections.iter().find(|o| o.id == s.id && o.pack == s.pack))
                    .and_then(|o| o.score);
                SectionRow {
                    pack: s.pack.clone(),
                    id: s.id.clone(),
                    title: s.title.get(lang).to_string(),
                    weight: s.weight,
                    score: s.score,
                    answered: s.answered,
                    scored: s.scored,
                    previous,
                    delta: s.score.zip(previous).map(|(a, b)| a - b),
                }
            })
            .collect();
        let findings: Vec<FindingOut> = card
            .findings
            .iter()
            .map(|f| finding(f, input, section, prev_card))
            .collect();
        let mut charts = vec![ChartOut {
            id: "radar".into(),
            group: "sections",
            title: word(lang, "radar").to_string(),
            svg: radar(&sections, prev_card.is_some(), lang),
        }];
        if prev_card.is_some() {
            charts.push(ChartOut {
                id: "change".into(),
                group: "change",
                title: word(lang, "change_chart").to_string(),
                svg: change_bars(&sections, lang),
            });
        }
        let benchmark = section.map(|b| benchmark(b, &mut charts));
        let (conversations, chart) = crate::conversations::section(input.run, lang);
        if let Some((id, chart)) = chart {
            charts.push(ChartOut {
                id,
                group: "conversations",
                title: chart.title.clone(),
                svg: chuxin_chart::shares::stacked_bars(&chart).ok(),
            });
        }
        Report {
            schema: SCHEMA,
            lang,
            generated: input.generated.to_string(),
            agency: input.agency.to_string(),
            client: input.client.clone(),
            client_words: ClientWords {
                industry: input.client.industry.as_deref().map(|i| industry_name(i, lang)),
                market: input
                    .client
                    .market
                    .as_ref()
                    .map(|_| input.client.market().name.get(lang).to_string()),
                channels: input
                    .client
                    .channels
                    .iter()
                    .map(|c| platform_name(c, lang))
                    .collect::<Vec<_>>()
                    .join(lang.pick("、", "、", ", ")),
            },
            audit: audit_ref(&input.audit, input.catalog),
            summary: summary(input, &sections),
            anchors: card
                .anchors
                .iter()
                .map(|a| AnchorRow {
                    id: a.id.clone(),
                    title: a.title.get(lang).to_string(),
                    description: a.description.get(lang).to_string(),
                    score: a.score,
                    answered: a.answered,
                    total: a.total,
                })
                .collect(),
            change: input.previous.map(|p| change(&p, card, input.catalog, lang)),
            appendix: appendix(input),
            sections,
            findings,
            benchmark,
            conversations,
            charts,
            font: input.font.map(std::path::Path::to_path_buf),
        }
    }

    /// The charts of one group (`sections`, `change`, `benchmark`).
    pub fn charts_in(&self, group: &str) -> impl Iterator<Item = &ChartOut> {
        self.charts.iter().filter(move |c| c.group == group)
    }
}

/// Section scores (0–100) for a page chart: the previous audit's first when `with_previous`, then the current.
fn section_scores(sections: &[SectionRow], with_previous: bool, title: &str, lang: Lang) -> ScoreChart {
    let mut series = Vec::new();
    if with_previous {
        series.push((
            word(lang, "previous").to_string(),
            sections.iter().map(|s| s.previous).collect(),
        ));
    }
    series.push((
        word(lang, "current").to_string(),
        sections.iter().map(|s| s.score).collect(),
    ));
    ScoreChart {
        title: title.to_string(),
        labels: sections.iter().map(|s| s.title.clone()).collect(),
        series,
        max: 100.0,
    }
}

/// The radar of section scores, with the previous audit's polygon when `with_previous`. With fewer than three
/// sections a radar says nothing, so the current scores are drawn as bars instead.
fn radar(sections: &[SectionRow], with_previous: bool, lang: Lang) -> Option<String> {
    let title = word(lang, "radar");
    if sections.len() < 3 {
        return page::bars(&section_scores(sections, false, title, lang)).ok();
    }
    page::radar(&section_scores(sections, with_previous, title, lang)).ok()
}

/// Section scores before and after, as pairs of bars.
fn change_bars(sections: &[SectionRow], lang: Lang) -> Option<String> {
    page::bars(&section_scores(sections, true, word(lang, "change_chart"), lang)).ok()
}

fn audit_ref(a: &AuditInput<'_>, catalog: &Catalog) -> AuditRef {
    AuditRef {
        id: a.id.to_string(),
        date: a.date.to_string(),
        packs: catalog.packs().iter().map(|p| p.id.clone()).collect(),
    }
}

/// The weight of the distinct questions behind a finding's evidence.
fn evidence_weight(f: &Finding, catalog: &Catalog) -> f64 {
    let ids: BTreeSet<&str> = f.evidence.iter().filter_map(|e| e.question.as_deref()).collect();
    ids.iter().filter_map(|id| catalog.question(id)).map(|q| q.weight).sum()
}

/// The three sins to act on first: severity, then evidence weight, then number.
pub fn top_actions(card: &Scorecard, catalog: &Catalog, lang: Lang) -> Vec<Action> {
    let mut ranked: Vec<(&Finding, f64)> = card.findings.iter().map(|f| (f, evidence_weight(f, catalog))).collect();
    ranked.sort_by(|a, b| {
        b.0.severity
            .cmp(&a.0.severity)
            .then(b.1.total_cmp(&a.1))
            .then(a.0.number.cmp(&b.0.number))
    });
    ranked
        .into_iter()
        .take(3)
        .map(|(f, weight)| Action {
            sin: f.sin.clone(),
            number: f.number,
            code: f.code.clone(),
            severity: f.severity,
            severity_name: f.severity.name(lang).to_string(),
            title: f.title.get(lang).to_string(),
            recommendation: f.recommendation.get(lang).to_string(),
            weight,
        })
        .collect()
}

fn summary(input: &ReportInput<'_>, sections: &[SectionRow]) -> Summary {
    let (lang, card) = (input.lang, input.audit.card);
    let count = |s: Severity| card.findings.iter().filter(|f| f.severity == s).count();
    let scored: Vec<SectionRef> = sections
        .iter()
        .filter_map(|s| {
            s.score.map(|score| SectionRef {
                id: s.id.clone(),
                title: s.title.clone(),
                score,
            })
        })
        .collect();
    // First in questionnaire order wins a tie, both ways.
    let weakest = scored.iter().fold(None::<&SectionRef>, |best, s| match best {
        Some(b) if b.score <= s.score => Some(b),
        _ => Some(s),
    });
    let strongest = scored.iter().fold(None::<&SectionRef>, |best, s| match best {
        Some(b) if b.score >= s.score => Some(b),
        _ => Some(s),
    });
    Summary {
        overall: card.overall,
        maturity: card.maturity.as_ref().map(|m| MaturityOut {
            level: m.level,
            of: input.catalog.maturity().len(),
            name: m.name.get(lang).to_string(),
            description: m.description.get(lang).to_string(),
            source: m.source.clone(),
            held_down: maturity_note(card, input.catalog, lang),
        }),
        coverage: card.coverage,
        answered: card.answered,
        scored: card.scored,
        low_coverage: card.coverage < LOW_COVERAGE,
        sins: SinCounts {
            total: card.findings.len(),
            high: count(Severity::High),
            medium: count(Severity::Medium),
            low: count(Severity::Low),
        },
        strongest: strongest.cloned(),
        weakest: weakest.cloned(),
        top_actions: top_actions(card, input.catalog, lang),
    }
}

fn finding(
    f: &Finding,
    input: &ReportInput<'_>,
    section: Option<&Benchmark>,
    previous: Option<&Scorecard>,
) -> FindingOut {
    let lang = input.lang;
    FindingOut {
        sin: f.sin.clone(),
        pack: f.pack.clone(),
        number: f.number,
        code: f.code.clone(),
        category: f.category,
        category_name: f.category.name(lang).to_string(),
        severity: f.severity,
        severity_name: f.severity.name(lang).to_string(),
        title: f.title.get(lang).to_string(),
        explanation: f.explanation.get(lang).to_string(),
        recommendation: f.recommendation.get(lang).to_string(),
        statements: statements(&f.evidence, input, section),
        evidence: f.evidence.iter().map(|e| evidence(e, input, section)).collect(),
        status: previous.map(|p| match p.findings.iter().any(|o| o.sin == f.sin) {
            true => "persisting",
            false => "new",
        }),
    }
}

/// The sentence saying why the audit sits below the maturity level its score reaches, when a diagnosed sin
/// holds it down (the rule: `docs/pack-format.md`, "Maturity and the diagnosis").
pub fn maturity_note(card: &Scorecard, catalog: &Catalog, lang: Lang) -> Option<String> {
    let (cap, level) = (card.maturity_cap.as_ref()?, card.maturity.as_ref()?.level);
    Some(held_down(cap, level, card, catalog, lang))
}

fn held_down(cap: &MaturityCap, level: u8, card: &Scorecard, catalog: &Catalog, lang: Lang) -> String {
    let name = |l: u8| {
        catalog
            .maturity()
            .iter()
            .find(|m| m.level == l)
            .map_or_else(String::new, |m| m.name.get(lang).to_string())
    };
    let sins: Vec<String> = cap
        .sins
        .iter()
        .filter_map(|id| card.findings.iter().find(|f| &f.sin == id))
        .map(|f| format!("{} {}", f.code, f.title.get(lang).trim_end_matches(['。', '.'])))
        .collect();
    msg!(
        lang,
        "report.maturity_capped",
        by_score = cap.by_score,
        by_score_name = name(cap.by_score),
        sins = sins.join(lang.pick("」「", "”“", "', '")),
        contradicted = cap.contradicted,
        contradicted_name = name(cap.contradicted),
        level = level
    )
}

/// A finding's evidence in plain words: one statement per question (its answer as the pack's own labels, and
/// the options it lacks when a rule tests for one) and one per figure (with the competitors' median when the
/// run has it), in the order the rule first looked at each; no clause, no id.
pub fn statements(evidence: &[Evidence], input: &ReportInput<'_>, section: Option<&Benchmark>) -> Vec<Statement> {
    let lang = input.lang;
    // (question or metric, is_metric) → the options lacked, in order of first appearance.
    let mut keys: Vec<(&str, bool, Vec<&str>)> = Vec::new();
    for e in evidence {
        let (key, is_metric) = match (&e.question, &e.metric) {
            (Some(q), _) => (q.as_str(), false),
            (None, Some(m)) => (m.as_str(), true),
            (None, None) => continue,
        };
        let at = match keys.iter().position(|(k, m, _)| *k == key && *m == is_metric) {
            Some(i) => i,
            None => {
                keys.push((key, is_metric, Vec::new()));
                keys.len() - 1
            }
        };
        if let Some(l) = e.lacks.as_deref()
            && !keys[at].2.contains(&l)
        {
            keys[at].2.push(l);
        }
    }
    keys.into_iter()
        .map(|(key, is_metric, lacks)| {
            if is_metric {
                let figure = evidence
                    .iter()
                    .find(|e| e.metric.as_deref() == Some(key))
                    .and_then(|e| e.figure);
                let shown = section
                    .and_then(|b| b.figures.get(key).cloned())
                    .or_else(|| figure.map(|v| figure_text(key, v, lang)))
                    .filter(|_| figure.is_some());
                // Where competitors post and the client does not: the platforms by name, each with its share.
                let elsewhere = evidence
                    .iter()
                    .find(|e| e.metric.as_deref() == Some(key))
                    .map(|e| {
                        let mut parts: Vec<(&str, f64)> = e.parts.iter().map(|(p, v)| (p.as_str(), *v)).collect();
                        parts.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(b.0)));
                        parts
                    })
                    .filter(|p| key == "competitor_share_elsewhere" && !p.is_empty());
                let text = match (shown, elsewhere) {
                    (Some(f), Some(parts)) => msg!(
                        lang,
                        "report.competitors_elsewhere",
                        value = f.value,
                        platforms = platform_list(&parts, lang)
                    ),
                    (Some(f), None) => {
                        let label = in_sentence(&f.label, lang);
                        match f.competitors {
                            Some(median) => msg!(
                                lang,
                                "report.figure_vs_median",
                                label = label,
                                value = f.value,
                                median = median
                            ),
                            None => msg!(lang, "report.figure_alone", label = label, value = f.value),
                        }
                    }
                    (None, _) => msg!(lang, "report.figure_missing", label = figure_text(key, 0.0, lang).label),
                };
                return Statement {
                    prompt: None,
                    text,
                    note: None,
                };
            }
            let question = input.catalog.question(key);
            let answer = input.audit.answers.0.get(key);
            let value = answer.and_then(|a| a.value.as_ref());
            let described = match (question, value) {
                (Some(q), Some(v)) => Some(q.describe(v, lang)),
                (None, Some(v)) => Some(v.to_string()),
                _ => None,
            };
            let lacking: Vec<String> = lacks.iter().map(|id| option_label(question, id, lang)).collect();
            let text = match described {
                None => msg!(lang, "report.not_answered_yet"),
                Some(a) if lacking.is_empty() => msg!(lang, "report.you_answered", answer = a),
                Some(a) => msg!(
                    lang,
                    "report.you_answered_without",
                    answer = a,
                    lacking = lacking.join(lang.pick("」「", "”“", ", "))
                ),
            };
            Statement {
                prompt: question.map(|q| q.prompt.get(lang).to_string()),
                text,
                note: answer.and_then(|a| a.note.clone()),
            }
        })
        .collect()
}

/// Platforms with their shares, as a list in `lang`: "抖音 50%、小紅書 15%", "Douyin 50% and Xiaohongshu (RED) 15%".
fn platform_list(parts: &[(&str, f64)], lang: Lang) -> String {
    let items: Vec<String> = parts
        .iter()
        .map(|(p, v)| {
            format!(
                "{} {}",
                platform_name(p, lang),
                crate::figures::format_percent(v * 100.0)
            )
        })
        .collect();
    match (lang, items.split_last()) {
        (Lang::En, Some((last, rest))) if !rest.is_empty() => format!("{} and {last}", rest.join(", ")),
        _ => items.join("、"),
    }
}

/// An option's label in `lang` (its id when the question does not have it).
fn option_label(question: Option<&chuxin_core::Question>, id: &str, lang: Lang) -> String {
    use chuxin_core::AnswerKind;
    let options = match question.map(|q| &q.kind) {
        Some(AnswerKind::Single { options } | AnswerKind::Multi { options }) => options.as_slice(),
        _ => &[],
    };
    options
        .iter()
        .find(|o| o.id == id)
        .map_or_else(|| id.to_string(), |o| o.label.get(lang).to_string())
}

fn evidence(e: &Evidence, input: &ReportInput<'_>, section: Option<&Benchmark>) -> EvidenceOut {
    let question = e.question.as_deref().and_then(|id| input.catalog.question(id));
    let shown = e
        .metric
        .as_deref()
        .and_then(|m| section.and_then(|b| b.figures.get(m)))
        .filter(|_| e.figure.is_some());
    EvidenceOut {
        question: e.question.clone(),
        prompt: question.map(|q| q.prompt.get(input.lang).to_string()),
        answer: match (question, &e.answer) {
            (Some(q), Some(a)) => Some(q.describe(a, input.lang)),
            (None, Some(a)) => Some(a.to_string()),
            _ => None,
        },
        note: e
            .question
            .as_deref()
            .and_then(|id| input.audit.answers.0.get(id))
            .and_then(|a| a.note.clone()),
        metric: e.metric.clone(),
        metric_label: shown.map(|f| f.label.clone()),
        figure: e.figure,
        figure_text: shown.map(|f| f.value.clone()),
        clause: e.clause.clone(),
    }
}

fn benchmark(b: &Benchmark, charts: &mut Vec<ChartOut>) -> BenchmarkOut {
    let mut ids = Vec::new();
    for (i, c) in b.charts.iter().enumerate() {
        let ok_id = !c.id.is_empty()
            && c.id.len() <= 64
            && c.id
                .chars()
                .all(|ch| ch.is_ascii_lowercase() || ch.is_ascii_digit() || ch == '-' || ch == '_');
        let mut id = if ok_id {
            c.id.clone()
        } else {
            format!("benchmark-{}", i + 1)
        };
        if charts.iter().any(|o| o.id == id) {
            id = format!("benchmark-{}-{id}", i + 1);
        }
        ids.push(id.clone());
        charts.push(ChartOut {
            id,
            group: "benchmark",
            title: c.title.clone(),
            svg: svg::sanitize(&c.svg),
        });
    }
    let mut gaps = b.gaps.clone();
    gaps.sort_by(|a, b| a.index.total_cmp(&b.index));
    BenchmarkOut {
        scope: b.scope.clone(),
        period: b.period.clone(),
        comparison: b.comparison.clone(),
        sentences: b.sentences.clone(),
        unavailable: b.unavailable.clone(),
        tables: b.tables.clone(),
        charts: ids,
        gaps,
        notes: b.notes.clone(),
        references_left_out: b.references_left_out.clone(),
    }
}

fn change(prev: &AuditInput<'_>, card: &Scorecard, catalog: &Catalog, lang: Lang) -> Change {
    let before = prev.card;
    let sin = |f: &Finding| SinRef {
        sin: f.sin.clone(),
        title: f.title.get(lang).to_string(),
    };
    let has = |c: &Scorecard, id: &str| c.findings.iter().any(|f| f.sin == id);
    Change {
        previous: audit_ref(prev, catalog),
        overall_before: before.overall,
        overall_after: card.overall,
        overall_delta: card.overall.zip(before.overall).map(|(a, b)| a - b),
        maturity_before: before.maturity.as_ref().map(|m| m.level),
        maturity_after: card.maturity.as_ref().map(|m| m.level),
        coverage_before: before.coverage,
        coverage_after: card.coverage,
        new_sins: card.findings.iter().filter(|f| !has(before, &f.sin)).map(sin).collect(),
        resolved_sins: before.findings.iter().filter(|f| !has(card, &f.sin)).map(sin).collect(),
        persisting_sins: card.findings.iter().filter(|f| has(before, &f.sin)).map(sin).collect(),
    }
}

fn appendix(input: &ReportInput<'_>) -> Vec<AppendixSection> {
    let (lang, answers) = (input.lang, input.audit.answers);
    input
        .catalog
        .sections()
        .map(|(_, s)| AppendixSection {
            id: s.id.clone(),
            title: s.title.get(lang).to_string(),
            questions: s
                .questions
                .iter()
                .map(|q| {
                    let a = answers.0.get(&q.id);
                    let value = a.and_then(|a| a.value.as_ref());
                    AppendixRow {
                        id: q.id.clone(),
                        prompt: q.prompt.get(lang).to_string(),
                        answer: value.map(|v| q.describe(v, lang)),
                        note: a.and_then(|a| a.note.clone()),
                        score: value.and_then(|v| question_score(q, v)).map(|s| s * 100.0),
                    }
                })
                .collect(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::FigureText;
    use chuxin_core::{Answers, Facts, assess, core_pack};

    #[test]
    fn repeated_evidence_is_merged_into_plain_statements() {
        let catalog = Catalog::new(vec![core_pack().unwrap()]).unwrap();
        let answers: Answers = serde_json::from_str(
            r#"{"env.interest": {"value": 2, "note": "boss is sceptical"},
                "env.industry_attitude": {"value": "cautious"},
                "env.current_practice": {"value": "part_time"},
                "ops.investment": {"value": ["content_production"]}}"#,
        )
        .unwrap();
        let facts: Facts = [("brand_reply_ratio".to_string(), 0.157)].into();
        let card = assess(&catalog, &answers, &facts);
        let client = Client::default();
        let input = ReportInput {
            agency: "a",
            lang: Lang::En,
            generated: "2026-12-02",
            client: &client,
            catalog: &catalog,
            audit: AuditInput {
                id: "x",
                date: "x",
                answers: &answers,
                card: &card,
            },
            previous: None,
            run: None,
            font: None,
        };
        let bench = Benchmark {
            figures: [(
                "brand_reply_ratio".to_string(),
                FigureText {
                    label: "Brand reply ratio".into(),
                    value: "15.7%".into(),
                    competitors: Some("34%".into()),
                },
            )]
            .into(),
            ..Default::default()
        };
        let find = |id: &str| card.findings.iter().find(|f| f.sin == id).unwrap();

        // S1: env.interest is looked at by two clauses (<= 2 and <= 3): one statement.
        let s1 = find("internet_only");
        assert!(
            s1.evidence
                .iter()
                .filter(|e| e.question.as_deref() == Some("env.interest"))
                .count()
                >= 2
        );
        let said = statements(&s1.evidence, &input, Some(&bench));
        let interest: Vec<&Statement> = said
            .iter()
            .filter(|s| s.prompt.as_deref() == Some("Is the company interested in social media? Why?"))
            .collect();
        assert_eq!(interest.len(), 1, "{said:?}");
        assert_eq!(said.len(), 2, "env.interest and env.industry_attitude: {said:?}");
        assert!(
            interest[0].text.starts_with("You answered: 2/5 · "),
            "{}",
            interest[0].text
        );
        assert_eq!(interest[0].note.as_deref(), Some("boss is sceptical"));

        // S3: `ops.investment answered` and `not (ops.investment contains "dedicated_staff")` are one statement
        // naming the missing option by its label; the part-time answer is its own, in the pack's words.
        let said = statements(&find("understaffed").evidence, &input, Some(&bench));
        let texts: Vec<&str> = said.iter().map(|s| s.text.as_str()).collect();
        assert_eq!(
            texts,
            [
                "You answered: One person, part-time, alongside other duties",
                "You answered: Content production budget (design, photography, video) \
                 (not Full-time staff dedicated to social media)",
            ]
        );

        // S4: the figure with the competitors' median, in words; no clause, no metric id.
        let said = statements(&find("ignores_interaction").evidence, &input, Some(&bench));
        assert_eq!(said.len(), 1);
        assert_eq!(
            said[0].text,
            "Your brand's brand reply ratio is 15.7%; the competitors' median is 34%"
        );
        // The machine's detail keeps every clause: part_time, investment answered, lacking dedicated staff, and
        // the practice being neither in-house nor hybrid (two leaves on the question already stated).
        assert_eq!(find("understaffed").evidence.len(), 5);
    }

    fn row(title: &str, score: Option<f64>, previous: Option<f64>) -> SectionRow {
        SectionRow {
            pack: "core".into(),
            id: title.into(),
            title: title.into(),
            weight: 1.0,
            score,
            answered: 1,
            scored: 1,
            previous,
            delta: score.zip(previous).map(|(a, b)| a - b),
        }
    }

    fn rows() -> Vec<SectionRow> {
        vec![
            row("經營環境", Some(62.5), Some(40.0)),
            row("<script>x</script>", None, Some(55.0)),
            row("执行 & 资源", Some(80.0), None),
        ]
    }

    #[test]
    fn section_charts_come_from_chuxin_chart_with_escaped_titles() {
        let radar_svg = radar(&rows(), true, Lang::ZhHant).unwrap();
        assert_eq!(radar_svg.matches("<polygon").count(), 2, "previous and current");
        assert!(radar_svg.contains(r#"aria-label="各區塊分數雷達圖""#));
        assert!(radar_svg.contains("經營環境 (62.5)"));
        assert!(radar_svg.contains("&lt;script&gt;x&lt;/script&gt; (—)"));
        assert!(radar_svg.contains("执行 &amp; 资源 (80.0)"));
        assert!(!radar_svg.contains("<script"));
        assert!(radar_svg.contains("上次") && radar_svg.contains("本次"), "legend");
        assert!(
            radar_svg.contains(r#"style="font-family: 'Noto Sans CJK TC', "#),
            "text names the charts' font list"
        );

        let first_audit = radar(&rows(), false, Lang::En).unwrap();
        assert_eq!(first_audit.matches("<polygon").count(), 1);
        assert!(!first_audit.contains("Previous"));

        let change = change_bars(&rows(), Lang::En).unwrap();
        assert_eq!(
            change.matches("<rect").count(),
            3 * 2 + 2,
            "two bars a section and the legend"
        );
        assert!(change.contains("Previous") && change.contains("Current"));
        assert!(!change.contains("<script"));
    }

    #[test]
    fn fewer_than_three_sections_are_bars_of_the_current_scores() {
        let two = &rows()[..2];
        let svg = radar(two, true, Lang::En).unwrap();
        assert!(!svg.contains("<polygon"));
        assert_eq!(svg.matches("<rect").count(), 2, "one bar a section, no legend");
        assert!(svg.contains("62.5") && !svg.contains("40.0"));
    }
}
