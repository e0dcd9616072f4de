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
    /// The maturity level of the audit: the one the overall score reaches, unless a diagnosed sin contradicts
    /// it or a level below it (then [`Scorecard::maturity_cap`] says which and why).
    pub maturity: Option<MaturityLevel>,
    /// Present when the diagnosis holds the maturity below the level the score reaches.
    pub maturity_cap: Option<MaturityCap>,
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

/// Why an audit sits below the maturity level its score reaches: a diagnosed sin contradicts the practice that
/// defines a level (`contradicted_by` in the pack), so the audit is placed at the level below the lowest one
/// contradicted.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MaturityCap {
    /// The level the overall score alone reaches.
    pub by_score: u8,
    /// The lowest level a diagnosed sin contradicts; the audit sits one below it.
    pub contradicted: u8,
    /// Ids of the diagnosed sins that contradict that level, in the level's order.
    pub sins: Vec<String>,
}

/// The maturity level of an overall score given the diagnosed sins: the highest level whose minimum the score
/// reaches, held below the lowest reached level that a diagnosed sin contradicts. Returns the level and, when
/// the diagnosis held it down, why.
pub fn maturity(
    levels: &[MaturityLevel],
    overall: Option<f64>,
    findings: &[Finding],
) -> (Option<MaturityLevel>, Option<MaturityCap>) {
    let Some(overall) = overall else {
        return (None, None);
    };
    let Some(reached) = levels.iter().rposition(|l| overall >= l.min) else {
        return (None, None);
    };
    let diagnosed = |id: &String| findings.iter().any(|f| &f.sin == id);
    let contradicted = levels[..=reached]
        .iter()
        .enumerate()
        .skip(1)
        .find(|(_, l)| l.contradicted_by.iter().any(diagnosed));
    match contradicted {
        None => (Some(levels[reached].clone()), None),
        Some((i, l)) => (
            Some(levels[i - 1].clone()),
            Some(MaturityCap {
                by_score: levels[reached].level,
                contradicted: l.level,
                sins: l.contradicted_by.iter().filter(|s| diagnosed(s)).cloned().collect(),
            }),
        ),
    }
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
    let findings = diagnose(catalog, answers, facts);
    let (maturity, maturity_cap) = maturity(catalog.maturity(), overall, &findings);
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
        maturity_cap,
        coverage: if scored == 0 {
            0.0
        } else {
            answered as f64 / scored as f64
        },
        answered,
        scored,
        unanswered,
        anchors,
        findings,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Answers, Catalog, Pack};

    /// Three levels (0, 40, 70); level 2 is contradicted by `no_replies`, a rule on `ops.replies`.
    const PACK: &str = r#"
id = "mini"
version = "1"
sin_prefix = "M"
title = { zh-Hant = "小", zh-Hans = "小", en = "Mini" }
[[maturity]]
level = 1
min = 0.0
name = { zh-Hant = "一", zh-Hans = "一", en = "One" }
description = { zh-Hant = "一", zh-Hans = "一", en = "One" }
source = "test"
[[maturity]]
level = 2
min = 40.0
name = { zh-Hant = "二", zh-Hans = "二", en = "Two" }
description = { zh-Hant = "留言有人回", zh-Hans = "评论有人回", en = "Comments get answers" }
source = "test"
contradicted_by = ["no_replies"]
[[maturity]]
level = 3
min = 70.0
name = { zh-Hant = "三", zh-Hans = "三", en = "Three" }
description = { zh-Hant = "三", zh-Hans = "三", en = "Three" }
source = "test"
[[sections]]
id = "ops"
title = { zh-Hant = "營運", zh-Hans = "运营", en = "Operations" }
[[sections.questions]]
id = "ops.replies"
kind = "yes_no"
prompt = { zh-Hant = "有回覆嗎?", zh-Hans = "有回复吗?", en = "Do you reply?" }
rubric = { zh-Hant = "是", zh-Hans = "是", en = "Yes" }
[[sections.questions]]
id = "ops.plan"
kind = "scale"
weight = 3
prompt = { zh-Hant = "計畫", zh-Hans = "计划", en = "Plan" }
rubric = { zh-Hant = "高", zh-Hans = "高", en = "High" }
levels = [
  { zh-Hant = "一", zh-Hans = "一", en = "1" },
  { zh-Hant = "二", zh-Hans = "二", en = "2" },
  { zh-Hant = "三", zh-Hans = "三", en = "3" },
  { zh-Hant = "四", zh-Hans = "四", en = "4" },
  { zh-Hant = "五", zh-Hans = "五", en = "5" },
]
[[sins]]
id = "no_replies"
number = 1
category = "operations"
severity = "high"
title = { zh-Hant = "不回覆", zh-Hans = "不回复", en = "No replies" }
explanation = { zh-Hant = "x", zh-Hans = "x", en = "x" }
recommendation = { zh-Hant = "x", zh-Hans = "x", en = "x" }
when = { any = [{ q = "ops.replies", eq = false }, { metric = "brand_reply_ratio", lt = 0.2 }] }
"#;

    fn card(answers: &str, facts: &[(&str, f64)]) -> Scorecard {
        let catalog = Catalog::new(vec![Pack::from_toml_str(PACK, "mini.toml").unwrap()]).unwrap();
        let answers: Answers = serde_json::from_str(answers).unwrap();
        let facts = facts.iter().map(|(k, v)| (k.to_string(), *v)).collect();
        assess(&catalog, &answers, &facts)
    }

    #[test]
    fn a_diagnosed_sin_holds_maturity_below_the_level_it_contradicts() {
        // Replies yes (1.0 × 1) and plan 4/5 (0.75 × 3): (1 + 2.25) / 4 = 81.25, level 3 by score.
        let c = card(r#"{"ops.replies": {"value": true}, "ops.plan": {"value": 4}}"#, &[]);
        assert_eq!(c.overall, Some(81.25));
        assert_eq!(c.maturity.as_ref().map(|m| m.level), Some(3));
        assert_eq!(c.maturity_cap, None);

        // The same answers with a 15.7 % reply ratio: the sin fires, level 2 is contradicted, the audit sits at 1.
        let c = card(
            r#"{"ops.replies": {"value": true}, "ops.plan": {"value": 4}}"#,
            &[("brand_reply_ratio", 0.157)],
        );
        assert_eq!(c.findings.len(), 1);
        assert_eq!(c.findings[0].code, "M1");
        assert_eq!(c.maturity.as_ref().map(|m| m.level), Some(1));
        assert_eq!(
            c.maturity_cap,
            Some(MaturityCap {
                by_score: 3,
                contradicted: 2,
                sins: vec!["no_replies".into()],
            })
        );

        // Replies no (0) and plan 3/5 (0.5 × 3): 1.5 / 4 = 37.5, level 1 by score: nothing to hold down.
        let c = card(r#"{"ops.replies": {"value": false}, "ops.plan": {"value": 3}}"#, &[]);
        assert_eq!(c.overall, Some(37.5));
        assert_eq!(c.findings.len(), 1);
        assert_eq!(c.maturity.as_ref().map(|m| m.level), Some(1));
        assert_eq!(c.maturity_cap, None);
    }

    #[test]
    fn sin_prefixes_are_checked_and_must_differ_across_a_catalog() {
        let bad = PACK.replace(r#"sin_prefix = "M""#, r#"sin_prefix = "m1""#);
        let e = Pack::from_toml_str(&bad, "mini.toml").unwrap_err().to_string();
        assert!(e.contains("sin_prefix") && e.contains("`m1`"), "{e}");
        let unknown = PACK.replace(r#"contradicted_by = ["no_replies"]"#, r#"contradicted_by = ["nope"]"#);
        let e = Pack::from_toml_str(&unknown, "mini.toml").unwrap_err().to_string();
        assert!(
            e.contains("maturity[1].contradicted_by[0]") && e.contains("`nope`"),
            "{e}"
        );

        let mini = Pack::from_toml_str(PACK, "mini.toml").unwrap();
        let other = PACK
            .replace(r#"id = "mini""#, r#"id = "more""#)
            .replace("ops.", "more.")
            .replace(r#"id = "ops""#, r#"id = "more""#)
            .replace("no_replies", "no_answers")
            .replace("[[maturity]]", "[[unused]]");
        let other =
            other.split("[[unused]]").next().unwrap().to_string() + &other[other.find("[[sections]]").unwrap()..];
        let more = Pack::from_toml_str(&other, "more.toml").unwrap();
        let e = Catalog::new(vec![mini.clone(), more.clone()]).unwrap_err().to_string();
        assert!(e.contains("sin prefix `M` is also used by pack `mini`"), "{e}");
        let renamed = Pack::from_toml_str(&other.replace(r#"sin_prefix = "M""#, ""), "more.toml").unwrap();
        assert_eq!(
            renamed.sin_prefix, "M",
            "the default is the id's first letter: `more` → M"
        );
        let distinct = Pack::from_toml_str(&other.replace(r#"sin_prefix = "M""#, r#"sin_prefix = "Mo""#), "x").unwrap();
        let catalog = Catalog::new(vec![mini, distinct]).unwrap();
        let codes: Vec<String> = catalog.sins().map(|(p, s)| p.sin_code(s)).collect();
        assert_eq!(codes, ["M1", "Mo1"]);
    }
}
