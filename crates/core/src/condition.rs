//! The rule language of the diagnosis: conditions over answers and measured figures.
//!
//! A condition is written in pack TOML as a small table (`{ q = "ops.listening", le = 2 }`, `{ any = [...] }`).
//! [`RawCondition`] mirrors that table; [`Condition`] is the checked tree. Evaluation ([`Condition::eval`]) returns
//! whether the condition holds and the leaf clauses that made it hold, which become a sin's evidence. A comparison
//! on a question with no answer, or on a metric with no figure, is false: missing data is never evidence.
//!
//! A clause may carry a `severity` ([`Condition::Graded`]): the evidence under it is graded so, and the finding's
//! severity is the highest grade among the clauses that held (the sin's own severity for ungraded ones).

use crate::answer::{AnswerValue, Answers};
use crate::pack::{AnswerKind, Question, Severity};
use crate::pack_problem::PackProblem;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fmt;

/// Figures measured from benchmark data, by metric name (`brand_reply_ratio`, `channel_hhi`, …).
pub type Facts = BTreeMap<String, f64>;

/// A comparison operator.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Op {
    /// `<`
    Lt,
    /// `<=`
    Le,
    /// `>`
    Gt,
    /// `>=`
    Ge,
    /// `==`
    Eq,
    /// `!=`
    Ne,
}

impl Op {
    fn symbol(self) -> &'static str {
        match self {
            Op::Lt => "<",
            Op::Le => "<=",
            Op::Gt => ">",
            Op::Ge => ">=",
            Op::Eq => "=",
            Op::Ne => "!=",
        }
    }

    fn test(self, a: f64, b: f64) -> bool {
        match self {
            Op::Lt => a < b,
            Op::Le => a <= b,
            Op::Gt => a > b,
            Op::Ge => a >= b,
            Op::Eq => (a - b).abs() < 1e-9,
            Op::Ne => (a - b).abs() >= 1e-9,
        }
    }
}

/// The right-hand side of a comparison.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Literal {
    /// A number (scale level or number answer).
    Number(f64),
    /// A yes/no answer.
    Bool(bool),
    /// An option id.
    Text(String),
}

impl fmt::Display for Literal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Literal::Number(n) => write!(f, "{n}"),
            Literal::Bool(b) => write!(f, "{b}"),
            Literal::Text(s) => write!(f, "\"{s}\""),
        }
    }
}

/// A checked condition.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Condition {
    /// Every child holds.
    All(Vec<Condition>),
    /// At least one child holds.
    Any(Vec<Condition>),
    /// The child does not hold.
    Not(Box<Condition>),
    /// An answer compares to a literal.
    Compare {
        /// Question id.
        q: String,
        /// Operator.
        op: Op,
        /// Right-hand side.
        value: Literal,
    },
    /// A multi answer holds the option, or a text / list answer contains the text.
    Contains {
        /// Question id.
        q: String,
        /// Option id or text.
        needle: String,
    },
    /// The question's 0–1 score compares to a number.
    Score {
        /// Question id.
        q: String,
        /// Operator.
        op: Op,
        /// Right-hand side.
        value: f64,
    },
    /// The question has an answer.
    Answered(String),
    /// The question has no answer.
    Unanswered(String),
    /// A measured figure compares to a number.
    Metric {
        /// Metric name.
        name: String,
        /// Operator.
        op: Op,
        /// Right-hand side.
        value: f64,
    },
    /// The condition, with the severity the sin takes when it holds (`{ q = "…", le = 3, severity = "medium" }`).
    Graded {
        /// The grade: at most the sin's own severity.
        severity: Severity,
        /// The graded condition.
        condition: Box<Condition>,
    },
}

/// What a leaf of a condition saw when it held.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Evidence {
    /// The question looked at, if any.
    pub question: Option<String>,
    /// The metric looked at, if any.
    pub metric: Option<String>,
    /// The answer it saw.
    pub answer: Option<AnswerValue>,
    /// The figure it saw.
    pub figure: Option<f64>,
    /// For a clause that held because an option was not chosen (`not (q contains "x")`), that option's id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lacks: Option<String>,
    /// The clause, as written (`ops.listening <= 2`, `not (…)`).
    pub clause: String,
    /// For a figure with parts (facts named `<figure>.<part>`, such as `competitor_share_elsewhere.douyin`): each
    /// part by name, so the evidence can say which platforms make up the figure.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub parts: BTreeMap<String, f64>,
    /// The grade of the nearest graded clause above this leaf, if any: the sin is at least this severe.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub severity: Option<Severity>,
}

impl fmt::Display for Condition {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let join = |f: &mut fmt::Formatter<'_>, cs: &[Condition], sep: &str| -> fmt::Result {
            f.write_str("(")?;
            for (i, c) in cs.iter().enumerate() {
                if i > 0 {
                    f.write_str(sep)?;
                }
                write!(f, "{c}")?;
            }
            f.write_str(")")
        };
        match self {
            Condition::All(cs) => join(f, cs, " and "),
            Condition::Any(cs) => join(f, cs, " or "),
            Condition::Not(c) => write!(f, "not {c}"),
            Condition::Compare { q, op, value } => write!(f, "{q} {} {value}", op.symbol()),
            Condition::Contains { q, needle } => write!(f, "{q} contains \"{needle}\""),
            Condition::Score { q, op, value } => write!(f, "score({q}) {} {value}", op.symbol()),
            Condition::Answered(q) => write!(f, "{q} answered"),
            Condition::Unanswered(q) => write!(f, "{q} unanswered"),
            Condition::Metric { name, op, value } => write!(f, "{name} {} {value}", op.symbol()),
            Condition::Graded { severity, condition } => write!(f, "{condition} [{}]", severity.id()),
        }
    }
}

/// A condition as written in TOML: every form's keys, all optional.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawCondition {
    all: Option<Vec<RawCondition>>,
    any: Option<Vec<RawCondition>>,
    not: Option<Box<RawCondition>>,
    q: Option<String>,
    metric: Option<String>,
    lt: Option<f64>,
    le: Option<f64>,
    gt: Option<f64>,
    ge: Option<f64>,
    eq: Option<toml::Value>,
    ne: Option<toml::Value>,
    contains: Option<String>,
    score_lt: Option<f64>,
    score_ge: Option<f64>,
    answered: Option<String>,
    unanswered: Option<String>,
    severity: Option<Severity>,
}

type RuleError = (String, PackProblem);

impl RawCondition {
    /// Checks the shape and builds the condition; errors carry the key path.
    pub(crate) fn to_condition(&self, path: &str) -> Result<Condition, RuleError> {
        let inner = self.ungraded(path)?;
        Ok(match self.severity {
            Some(severity) => Condition::Graded {
                severity,
                condition: Box::new(inner),
            },
            None => inner,
        })
    }

    /// The condition without its own `severity`.
    fn ungraded(&self, path: &str) -> Result<Condition, RuleError> {
        let err = |m: String| Err((path.to_string(), PackProblem::Other(m)));
        let forms = [
            self.all.is_some(),
            self.any.is_some(),
            self.not.is_some(),
            self.q.is_some(),
            self.metric.is_some(),
            self.answered.is_some(),
            self.unanswered.is_some(),
        ]
        .iter()
        .filter(|b| **b)
        .count();
        if forms != 1 {
            return err(
                "a condition needs exactly one of `all`, `any`, `not`, `q`, `metric`, `answered`, `unanswered`".into(),
            );
        }
        let ops: Vec<(Op, f64)> = [
            (Op::Lt, self.lt),
            (Op::Le, self.le),
            (Op::Gt, self.gt),
            (Op::Ge, self.ge),
        ]
        .into_iter()
        .filter_map(|(o, v)| v.map(|v| (o, v)))
        .collect();
        let eqs: Vec<(Op, &toml::Value)> = [(Op::Eq, self.eq.as_ref()), (Op::Ne, self.ne.as_ref())]
            .into_iter()
            .filter_map(|(o, v)| v.map(|v| (o, v)))
            .collect();
        let scores: Vec<(Op, f64)> = [(Op::Lt, self.score_lt), (Op::Ge, self.score_ge)]
            .into_iter()
            .filter_map(|(o, v)| v.map(|v| (o, v)))
            .collect();
        let tests = ops.len() + eqs.len() + scores.len() + usize::from(self.contains.is_some());
        let list = |cs: &[RawCondition], key: &str| -> Result<Vec<Condition>, RuleError> {
            if cs.is_empty() {
                return Err((
                    format!("{path}.{key}"),
                    format!("`{key}` needs at least one condition").into(),
                ));
            }
            cs.iter()
                .enumerate()
                .map(|(i, c)| c.to_condition(&format!("{path}.{key}[{i}]")))
                .collect()
        };
        if let Some(cs) = &self.all {
            return Ok(Condition::All(list(cs, "all")?));
        }
        if let Some(cs) = &self.any {
            return Ok(Condition::Any(list(cs, "any")?));
        }
        if let Some(c) = &self.not {
            return Ok(Condition::Not(Box::new(c.to_condition(&format!("{path}.not"))?)));
        }
        if let Some(q) = &self.answered {
            return Ok(Condition::Answered(q.clone()));
        }
        if let Some(q) = &self.unanswered {
            return Ok(Condition::Unanswered(q.clone()));
        }
        if tests != 1 {
            return err("a comparison needs exactly one of `lt`, `le`, `gt`, `ge`, `eq`, `ne`, `contains`, `score_lt`, `score_ge`".into());
        }
        if let Some(name) = &self.metric {
            return match ops.first() {
                Some((op, value)) => Ok(Condition::Metric {
                    name: name.clone(),
                    op: *op,
                    value: *value,
                }),
                None => err(format!("metric `{name}` takes `lt`, `le`, `gt` or `ge`")),
            };
        }
        let q = self.q.clone().unwrap_or_default();
        if let Some((op, value)) = ops.first() {
            return Ok(Condition::Compare {
                q,
                op: *op,
                value: Literal::Number(*value),
            });
        }
        if let Some((op, v)) = eqs.first() {
            let value = match v {
                toml::Value::Integer(i) => Literal::Number(*i as f64),
                toml::Value::Float(x) => Literal::Number(*x),
                toml::Value::Boolean(b) => Literal::Bool(*b),
                toml::Value::String(s) => Literal::Text(s.clone()),
                other => return err(format!("cannot compare with `{other}`")),
            };
            return Ok(Condition::Compare { q, op: *op, value });
        }
        if let Some((op, value)) = scores.first() {
            if !(0.0..=1.0).contains(value) {
                return err(format!("score {value} out of range 0–1"));
            }
            return Ok(Condition::Score {
                q,
                op: *op,
                value: *value,
            });
        }
        Ok(Condition::Contains {
            q,
            needle: self.contains.clone().unwrap_or_default(),
        })
    }
}

/// Checks that every question a condition names exists and that each comparison fits the question's kind.
/// With `allow_missing`, unknown ids are left for a later check (a rule may name another pack's question).
pub(crate) fn check_refs<'a>(
    c: &Condition,
    path: &str,
    lookup: &dyn Fn(&str) -> Option<&'a Question>,
    allow_missing: bool,
) -> Result<(), RuleError> {
    let fail = |m: String| Err((path.to_string(), PackProblem::Other(m)));
    match c {
        Condition::All(cs) | Condition::Any(cs) => {
            let key = if matches!(c, Condition::All(_)) { "all" } else { "any" };
            for (i, child) in cs.iter().enumerate() {
                check_refs(child, &format!("{path}.{key}[{i}]"), lookup, allow_missing)?;
            }
            Ok(())
        }
        Condition::Not(child) => check_refs(child, &format!("{path}.not"), lookup, allow_missing),
        Condition::Graded { condition, .. } => check_refs(condition, path, lookup, allow_missing),
        Condition::Metric { .. } => Ok(()),
        Condition::Answered(q) | Condition::Unanswered(q) | Condition::Score { q, .. } => match lookup(q) {
            Some(_) => Ok(()),
            None if allow_missing => Ok(()),
            None => Err((path.to_string(), PackProblem::UnknownQuestion(q.to_string()))),
        },
        Condition::Compare { q, value, .. } => {
            let Some(question) = lookup(q) else {
                return if allow_missing {
                    Ok(())
                } else {
                    Err((path.to_string(), PackProblem::UnknownQuestion(q.to_string())))
                };
            };
            match (&question.kind, value) {
                (AnswerKind::Scale { levels }, Literal::Number(n)) => {
                    if *n < 1.0 || *n > levels.len() as f64 {
                        return fail(format!("`{q}` has levels 1–{}, rule compares with {n}", levels.len()));
                    }
                    Ok(())
                }
                (AnswerKind::Number { .. }, Literal::Number(_)) => Ok(()),
                (AnswerKind::YesNo { .. }, Literal::Bool(_)) => Ok(()),
                (AnswerKind::Single { options }, Literal::Text(id)) => {
                    if options.iter().any(|o| &o.id == id) {
                        Ok(())
                    } else {
                        Err((
                            path.to_string(),
                            PackProblem::NoSuchOption {
                                question: q.to_string(),
                                option: id.to_string(),
                            },
                        ))
                    }
                }
                (kind, v) => fail(format!("cannot compare `{q}` ({}) with {v}", kind_name(kind))),
            }
        }
        Condition::Contains { q, needle } => {
            let Some(question) = lookup(q) else {
                return if allow_missing {
                    Ok(())
                } else {
                    Err((path.to_string(), PackProblem::UnknownQuestion(q.to_string())))
                };
            };
            match &question.kind {
                AnswerKind::Multi { options } if !options.iter().any(|o| &o.id == needle) => Err((
                    path.to_string(),
                    PackProblem::NoSuchOption {
                        question: q.to_string(),
                        option: needle.to_string(),
                    },
                )),
                AnswerKind::Multi { .. } | AnswerKind::Text | AnswerKind::List => Ok(()),
                kind => fail(format!("`contains` does not apply to `{q}` ({})", kind_name(kind))),
            }
        }
    }
}

/// Checks a rule's grades: a graded clause must not sit under `not` (it never holds when the sin triggers) and
/// must not be graded above the sin's own severity, which is the sin's most severe grade.
pub(crate) fn check_grades(c: &Condition, path: &str, sin: Severity, under_not: bool) -> Result<(), RuleError> {
    match c {
        Condition::All(cs) | Condition::Any(cs) => {
            let key = if matches!(c, Condition::All(_)) { "all" } else { "any" };
            cs.iter()
                .enumerate()
                .try_for_each(|(i, child)| check_grades(child, &format!("{path}.{key}[{i}]"), sin, under_not))
        }
        Condition::Not(child) => check_grades(child, &format!("{path}.not"), sin, true),
        Condition::Graded { severity, condition } => {
            if under_not {
                return Err((
                    format!("{path}.severity"),
                    "a clause under `not` cannot carry a severity: it never holds when the sin triggers".into(),
                ));
            }
            if *severity > sin {
                return Err((
                    format!("{path}.severity"),
                    format!(
                        "grade `{}` is above the sin's own severity `{}`, which must be its most severe grade",
                        severity.id(),
                        sin.id()
                    )
                    .into(),
                ));
            }
            check_grades(condition, path, sin, under_not)
        }
        _ => Ok(()),
    }
}

pub(crate) fn kind_name(kind: &AnswerKind) -> &'static str {
    match kind {
        AnswerKind::Scale { .. } => "scale",
        AnswerKind::YesNo { .. } => "yes_no",
        AnswerKind::Single { .. } => "single",
        AnswerKind::Multi { .. } => "multi",
        AnswerKind::Number { .. } => "number",
        AnswerKind::Text => "text",
        AnswerKind::List => "list",
    }
}

/// What a condition needs to be evaluated: the answers, their questions, and the measured figures.
pub struct EvalContext<'a> {
    /// Looks a question up by id across the packs in use.
    pub question: &'a dyn Fn(&str) -> Option<&'a Question>,
    /// The answers.
    pub answers: &'a Answers,
    /// Measured figures.
    pub facts: &'a Facts,
}

impl Condition {
    /// Evaluates the condition; when it holds, also returns the leaf clauses that made it hold.
    pub fn eval(&self, cx: &EvalContext<'_>) -> (bool, Vec<Evidence>) {
        match self {
            Condition::All(cs) => {
                let mut ev = Vec::new();
                for c in cs {
                    let (ok, e) = c.eval(cx);
                    if !ok {
                        return (false, Vec::new());
                    }
                    ev.extend(e);
                }
                (true, ev)
            }
            Condition::Any(cs) => {
                let mut ev = Vec::new();
                let mut any = false;
                for c in cs {
                    let (ok, e) = c.eval(cx);
                    if ok {
                        any = true;
                        ev.extend(e);
                    }
                }
                (any, ev)
            }
            Condition::Not(c) => {
                let (ok, _) = c.eval(cx);
                if ok {
                    return (false, Vec::new());
                }
                let mut ev = Vec::new();
                c.leaves(cx, &mut ev);
                let lacks = match c.as_ref() {
                    Condition::Contains { needle, .. } => Some(needle.clone()),
                    _ => None,
                };
                for e in &mut ev {
                    e.clause = format!("not ({})", e.clause);
                    e.lacks.clone_from(&lacks);
                }
                (true, ev)
            }
            Condition::Graded { severity, condition } => {
                let (ok, mut ev) = condition.eval(cx);
                // The nearest grade wins: a graded clause inside this one has already set its own.
                for e in &mut ev {
                    e.severity.get_or_insert(*severity);
                }
                (ok, ev)
            }
            _ => {
                if self.leaf_holds(cx) {
                    let mut ev = Vec::new();
                    self.leaves(cx, &mut ev);
                    (true, ev)
                } else {
                    (false, Vec::new())
                }
            }
        }
    }

    /// Every leaf under this condition with what it saw, whether or not it holds.
    fn leaves(&self, cx: &EvalContext<'_>, out: &mut Vec<Evidence>) {
        match self {
            Condition::All(cs) | Condition::Any(cs) => cs.iter().for_each(|c| c.leaves(cx, out)),
            Condition::Not(c) | Condition::Graded { condition: c, .. } => c.leaves(cx, out),
            Condition::Metric { name, .. } => out.push(Evidence {
                question: None,
                metric: Some(name.clone()),
                answer: None,
                figure: cx.facts.get(name).copied(),
                lacks: None,
                clause: self.to_string(),
                parts: {
                    let prefix = format!("{name}.");
                    cx.facts
                        .range(prefix.clone()..)
                        .take_while(|(k, _)| k.starts_with(&prefix))
                        .map(|(k, v)| (k[prefix.len()..].to_string(), *v))
                        .collect()
                },
                severity: None,
            }),
            Condition::Compare { q, .. }
            | Condition::Contains { q, .. }
            | Condition::Score { q, .. }
            | Condition::Answered(q)
            | Condition::Unanswered(q) => out.push(Evidence {
                question: Some(q.clone()),
                metric: None,
                answer: cx.answers.value(q).cloned(),
                figure: None,
                lacks: None,
                clause: self.to_string(),
                parts: BTreeMap::new(),
                severity: None,
            }),
        }
    }

    fn leaf_holds(&self, cx: &EvalContext<'_>) -> bool {
        let answer = |q: &str| cx.answers.value(q);
        match self {
            Condition::Answered(q) => answer(q).is_some(),
            Condition::Unanswered(q) => answer(q).is_none(),
            Condition::Metric { name, op, value } => cx.facts.get(name).is_some_and(|f| op.test(*f, *value)),
            Condition::Score { q, op, value } => {
                let (Some(question), Some(a)) = ((cx.question)(q), answer(q)) else {
                    return false;
                };
                crate::score::question_score(question, a).is_some_and(|s| op.test(s, *value))
            }
            Condition::Compare { q, op, value } => match (answer(q), value) {
                (Some(AnswerValue::Int(i)), Literal::Number(n)) => op.test(*i as f64, *n),
                (Some(AnswerValue::Float(x)), Literal::Number(n)) => op.test(*x, *n),
                (Some(AnswerValue::Bool(b)), Literal::Bool(v)) => match op {
                    Op::Eq => b == v,
                    Op::Ne => b != v,
                    _ => false,
                },
                (Some(AnswerValue::Text(s)), Literal::Text(v)) => match op {
                    Op::Eq => s == v,
                    Op::Ne => s != v,
                    _ => false,
                },
                _ => false,
            },
            Condition::Contains { q, needle } => match answer(q) {
                Some(AnswerValue::List(items)) => {
                    let is_multi = matches!((cx.question)(q).map(|x| &x.kind), Some(AnswerKind::Multi { .. }));
                    if is_multi {
                        items.iter().any(|i| i == needle)
                    } else {
                        let n = needle.to_lowercase();
                        items.iter().any(|i| i.to_lowercase().contains(&n))
                    }
                }
                Some(AnswerValue::Text(s)) => s.to_lowercase().contains(&needle.to_lowercase()),
                _ => false,
            },
            Condition::All(_) | Condition::Any(_) | Condition::Not(_) | Condition::Graded { .. } => false,
        }
    }
}
