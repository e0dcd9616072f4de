//! Scoring: question scores (0–1), section scores and the overall score (0–100), coverage, maturity and the
//! 初心 anchors, gathered in a [`Scorecard`] together with the diagnosis.
//!
//! A section's score is the weighted mean of its *answered* scored questions. Unanswered questions do not count
//! as zero: they lower the coverage and are listed, so that a half-filled questionnaire reads as half-filled and
//! not as a poor one. The overall score is the section-weighted mean of the sections that have a score.

use crate::answer::{AnswerValue, Answers};
use crate::catalog::Catalog;
use crate::condition::Facts;
use crate::diagnosis::{Finding, diagnose};
use crate::lang::Text;
use crate::pack::{AnswerKind, MaturityLevel, Question};
use serde::Serialize;

/// The score of one section.
#[derive(Debug, Clone, Serialize)]
pub struct SectionScore {
    /// Pack id.
    pub pack: String,
    /// Section id.
    pub id: String,
    /// Section title.
    pub title: Text,
    /// Weight in the overall score.
    pub weight: f64,
    /// 0–100; absent when no scored question of the section is answered.
    pub score: Option<f64>,
    /// Answered scored questions.
    pub answered: usize,
    /// Scored questions.
    pub scored: usize,
}

/// The score of one 初心 anchor.
#[derive(Debug, Clone, Serialize)]
pub struct AnchorScore {
    /// Anchor id.
    pub id: String,
    /// Title.
    pub title: Text,
    /// What it stands for.
    pub description: Text,
    /// 0–100; absent when none of its questions is answered.
    pub score: Option<f64>,
    /// Answered questions of the anchor.
    pub answered: usize,
    /// Questions of the anchor.
    pub total: usize,
}

/// Everything an audit says about a client.
#[derive(Debug, Clone, Serialize)]
pub struct Scorecard {
    /// Section scores, in questionnaire order.
    pub sections: Vec<SectionScore>,
    /// Overall score 0–100; absent when nothing is answered.
    pub overall: Option<f64>,
    /// The maturity level the overall score reaches.
    pub maturity: Option<MaturityLevel>,
    /// Share (0–1) of scored questions answered.
    pub coverage: f64,
    /// Answered scored questions.
    pub answered: usize,
    /// Scored questions.
    pub scored: usize,
    /// Ids of scored questions without an answer.
    pub unanswered: Vec<String>,
    /// The 初心 check.
    pub anchors: Vec<AnchorScore>,
    /// Triggered sins with their evidence, most severe first.
    pub findings: Vec<Finding>,
}

/// The 0–1 score of an answer, or `None` when the question is not scored or the value does not fit.
pub fn question_score(q: &Question, v: &AnswerValue) -> Option<f64> {
    if !q.is_scored() {
        return None;
    }
    match (&q.kind, v) {
        (AnswerKind::Scale { levels }, AnswerValue::Int(i)) => {
            let n = levels.len() as f64;
            (1..=levels.len() as i64)
                .contains(i)
                .then(|| (*i as f64 - 1.0) / (n - 1.0))
        }
        (AnswerKind::YesNo { yes_score, no_score }, AnswerValue::Bool(b)) => {
            Some(if *b { *yes_score } else { *no_score })
        }
        (AnswerKind::Single { options }, AnswerValue::Text(id)) => {
            options.iter().find(|o| &o.id == id).map(|o| o.score)
        }
        (AnswerKind::Multi { options }, AnswerValue::List(ids)) => Some(
            options
                .iter()
                .filter(|o| ids.contains(&o.id))
                .map(|o| o.score)
                .sum::<f64>()
                .min(1.0),
        ),
        (AnswerKind::Number { bands, .. }, AnswerValue::Int(i)) => {
            bands.iter().find(|b| b.contains(*i as f64)).map(|b| b.score)
        }
        (AnswerKind::Number { bands, .. }, AnswerValue::Float(x)) => {
            bands.iter().find(|b| b.contains(*x)).map(|b| b.score)
        }
        _ => None,
    }
}

/// Weighted mean ×100 of the answered questions among `questions`; returns (score, answered, scored).
fn weighted<'a>(questions: impl Iterator<Item = &'a Question>, answers: &Answers) -> (Option<f64>, usize, usize) {
    let (mut sum, mut weights, mut answered, mut scored) = (0.0, 0.0, 0, 0);
    for q in questions.filter(|q| q.is_scored()) {
        scored += 1;
        if let Some(s) = answers.value(&q.id).and_then(|v| question_score(q, v)) {
            answered += 1;
            sum += q.weight * s;
            weights += q.weight;
        }
    }
    ((weights > 0.0).then(|| sum / weights * 100.0), answered, scored)
}

/// Scores and diagnoses one client's answers against a catalog, with figures measured from benchmark data.
pub fn assess(catalog: &Catalog, answers: &Answers, facts: &Facts) -> Scorecard {
    let sections: Vec<SectionScore> = catalog
        .sections()
        .map(|(pack, s)| {
            let (score, answered, scored) = weighted(s.questions.iter(), answers);
            SectionScore {
                pack: pack.id.clone(),
                id: s.id.clone(),
                title: s.title.clone(),
                weight: s.weight,
                score,
                answered,
                scored,
            }
        })
        .collect();
    let (mut total, mut weights) = (0.0, 0.0);
    for s in &sections {
        if let Some(v) = s.score {
            total += s.weight * v;
            weights += s.weight;
        }
    }
    let overall = (weights > 0.0).then(|| total / weights);
    let maturity = overall.and_then(|o| catalog.maturity().iter().rev().find(|l| o >= l.min).cloned());
    let unanswered: Vec<String> = catalog
        .questions()
        .filter(|q| q.is_scored() && answers.value(&q.id).and_then(|v| question_score(q, v)).is_none())
        .map(|q| q.id.clone())
        .collect();
    let answered: usize = sections.iter().map(|s| s.answered).sum();
    let scored: usize = sections.iter().map(|s| s.scored).sum();
    let anchors = catalog
        .packs()
        .iter()
        .flat_map(|p| p.anchors.iter())
        .map(|a| {
            let (score, answered, total) = weighted(a.questions.iter().filter_map(|id| catalog.question(id)), answers);
            AnchorScore {
                id: a.id.clone(),
                title: a.title.clone(),
                description: a.description.clone(),
                score,
                answered,
                total,
            }
        })
        .collect();
    Scorecard {
        sections,
        overall,
        maturity,
        coverage: if scored == 0 {
            0.0
        } else {
            answered as f64 / scored as f64
        },
        answered,
        scored,
        unanswered,
        anchors,
        findings: diagnose(catalog, answers, facts),
    }
}
