//! The diagnosis: which sins an audit shows, and the evidence behind each.
//!
//! Every rule of every pack in the catalog is evaluated over the answers and the measured figures. A triggered
//! rule becomes a [`Finding`] carrying the rule's texts and the leaf clauses that made it true. Its severity is the
//! highest grade among the clauses that held (`severity` on a clause), the sin's own for an ungraded clause.

use crate::answer::Answers;
use crate::catalog::Catalog;
use crate::condition::{EvalContext, Evidence, Facts};
use crate::lang::Text;
use crate::pack::{Category, Severity};
use serde::Serialize;

/// A triggered sin.
#[derive(Debug, Clone, Serialize)]
pub struct Finding {
    /// Sin id.
    pub sin: String,
    /// Pack the rule comes from.
    pub pack: String,
    /// Position in the pack's list.
    pub number: u32,
    /// The pack's sin prefix and the number (`S4`, `F1`): what a reader sees, unique across packs.
    pub code: String,
    /// Strategy, operations or measurement.
    pub category: Category,
    /// Severity: the highest grade among the clauses that held; the sin's own when none is graded.
    pub severity: Severity,
    /// Title.
    pub title: Text,
    /// Why it hurts.
    pub explanation: Text,
    /// What to do.
    pub recommendation: Text,
    /// The clauses that triggered it.
    pub evidence: Vec<Evidence>,
}

/// Evaluates every rule; returns the triggered ones, most severe first, then in pack order.
pub fn diagnose(catalog: &Catalog, answers: &Answers, facts: &Facts) -> Vec<Finding> {
    let lookup = |id: &str| catalog.question(id);
    let cx = EvalContext {
        question: &lookup,
        answers,
        facts,
    };
    let mut findings: Vec<Finding> = catalog
        .sins()
        .filter_map(|(pack, sin)| {
            let (hit, evidence) = sin.when.eval(&cx);
            hit.then(|| Finding {
                sin: sin.id.clone(),
                pack: pack.id.clone(),
                number: sin.number,
                code: pack.sin_code(sin),
                category: sin.category,
                severity: evidence
                    .iter()
                    .map(|e| e.severity.unwrap_or(sin.severity))
                    .max()
                    .unwrap_or(sin.severity),
                title: sin.title.clone(),
                explanation: sin.explanation.clone(),
                recommendation: sin.recommendation.clone(),
                evidence,
            })
        })
        .collect();
    findings.sort_by_key(|f| std::cmp::Reverse(f.severity));
    findings
}
