//! Question packs: the audit's content as data.
//!
//! A pack is one TOML document (format: `docs/pack-format.md`). [`Pack::from_toml_str`] deserialises it into raw
//! structs that mirror the file, then validates everything a reader of the file could get wrong: ids, duplicate
//! ids, missing translations, score ranges, overlapping bands and references inside the rules. The validated
//! [`Pack`] is what the rest of chuxin works with; it serialises to JSON for `chuxin packs show --format json`.

use crate::condition::{Condition, RawCondition};
use crate::error::PackError;
use crate::lang::Text;
use crate::pack_problem::{IdKind, PackPlace, PackProblem};
use serde::{Deserialize, Serialize};
use std::collections::HashSet;

/// A validated question pack.
#[derive(Debug, Clone, Serialize)]
pub struct Pack {
    /// Pack id, `[a-z0-9_-]+`.
    pub id: String,
    /// Version of the pack's content.
    pub version: String,
    /// Industries this pack joins; empty for packs that always apply.
    pub industries: Vec<String>,
    /// What the pack's sins are numbered with (`S` for the core pack: S1–S10; `F` for the food pack: F1…), so
    /// that sins of different packs never share a number; by default the pack id's first letter in capitals.
    pub sin_prefix: String,
    /// Title.
    pub title: Text,
    /// Longer description.
    pub description: Option<Text>,
    /// Maturity levels (the core pack only), lowest first.
    pub maturity: Vec<MaturityLevel>,
    /// The 初心 anchors: questions scored together.
    pub anchors: Vec<Anchor>,
    /// Sections, in questionnaire order.
    pub sections: Vec<Section>,
    /// Diagnosis rules.
    pub sins: Vec<Sin>,
}

/// A maturity level and the lowest overall score that reaches it.
#[derive(Debug, Clone, Serialize)]
pub struct MaturityLevel {
    /// 1 to 5.
    pub level: u8,
    /// Lowest overall score (0–100) of this level.
    pub min: f64,
    /// Name.
    pub name: Text,
    /// What the level looks like.
    pub description: Text,
    /// The published model the level is grounded in.
    pub source: String,
    /// Sins (of the same pack) that contradict the practice defining this level: while one is diagnosed, the
    /// audit cannot sit at this level or above (see `docs/pack-format.md`, "Maturity and the diagnosis").
    pub contradicted_by: Vec<String>,
}

/// A group of questions whose scores together show one side of the 初心.
#[derive(Debug, Clone, Serialize)]
pub struct Anchor {
    /// Anchor id.
    pub id: String,
    /// Title.
    pub title: Text,
    /// What the anchor stands for.
    pub description: Text,
    /// Question ids.
    pub questions: Vec<String>,
}

/// A section of the questionnaire.
#[derive(Debug, Clone, Serialize)]
pub struct Section {
    /// Section id, unique in the pack.
    pub id: String,
    /// Weight in the overall score.
    pub weight: f64,
    /// Title.
    pub title: Text,
    /// Description.
    pub description: Option<Text>,
    /// Questions, in order.
    pub questions: Vec<Question>,
}

/// One question.
#[derive(Debug, Clone, Serialize)]
pub struct Question {
    /// Stable id such as `env.interest`.
    pub id: String,
    /// What kind of answer it takes, and how that answer scores.
    #[serde(flatten)]
    pub kind: AnswerKind,
    /// Weight inside its section; 0 means not scored.
    pub weight: f64,
    /// The question as asked.
    pub prompt: Text,
    /// What to consider when answering.
    pub help: Option<Text>,
    /// How the answer is judged.
    pub rubric: Option<Text>,
    /// Where the options come from instead of the pack: `channels`, the market's channels (see
    /// [`Pack::for_market`]).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub options_from: Option<String>,
}

impl Question {
    /// Returns true if and only if this question contributes to scores.
    pub fn is_scored(&self) -> bool {
        self.weight > 0.0 && !matches!(self.kind, AnswerKind::Text | AnswerKind::List)
    }
}

/// The kind of answer a question takes.
#[derive(Debug, Clone, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum AnswerKind {
    /// A level `1..=n`, scored `(level - 1) / (n - 1)`.
    Scale {
        /// The label of each level, lowest first.
        levels: Vec<Text>,
    },
    /// Yes or no.
    YesNo {
        /// Score of a yes.
        yes_score: f64,
        /// Score of a no.
        no_score: f64,
    },
    /// One option.
    Single {
        /// The options.
        options: Vec<Choice>,
    },
    /// Any number of options; the score is the sum, capped at 1.
    Multi {
        /// The options.
        options: Vec<Choice>,
    },
    /// A number, scored by the band that contains it.
    Number {
        /// Unit of the number.
        unit: Text,
        /// Scoring bands.
        bands: Vec<Band>,
        /// Smallest accepted value.
        min_value: Option<f64>,
        /// Largest accepted value.
        max_value: Option<f64>,
    },
    /// Free text, not scored.
    Text,
    /// A list of short texts, not scored.
    List,
}

/// An option of a single or multiple choice question.
#[derive(Debug, Clone, Serialize)]
pub struct Choice {
    /// Option id.
    pub id: String,
    /// Label.
    pub label: Text,
    /// Score, 0–1.
    pub score: f64,
    /// The markets that are offered this option; empty: every market.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub markets: Vec<String>,
    /// Whether the questionnaire offers it. In a pack resolved for a market, the options of other markets are kept
    /// after the offered ones, not offered, so that answers stored or filled in before a market was set (or
    /// changed) still read, score and import; see [`offered`].
    #[serde(skip)]
    pub offered: bool,
}

/// The options a questionnaire offers: the leading ones that are [`Choice::offered`] (a pack resolved for a
/// market keeps the options of other markets after them).
pub fn offered(options: &[Choice]) -> &[Choice] {
    let n = options.iter().take_while(|o| o.offered).count();
    &options[..n]
}

/// A scoring band of a number question: `min <= value < max`.
#[derive(Debug, Clone, Serialize)]
pub struct Band {
    /// Inclusive lower bound.
    pub min: Option<f64>,
    /// Exclusive upper bound.
    pub max: Option<f64>,
    /// Score, 0–1.
    pub score: f64,
}

impl Band {
    /// Returns true if and only if `v` lies in this band.
    pub fn contains(&self, v: f64) -> bool {
        self.min.is_none_or(|m| v >= m) && self.max.is_none_or(|m| v < m)
    }
}

/// Where a sin belongs in the seed's grouping.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Category {
    /// 戰略方向不明.
    Strategy,
    /// 運營策略有紕漏.
    Operations,
    /// 衡量標準不科學.
    Measurement,
}

impl Category {
    /// The category's name in `lang`.
    pub fn name(self, lang: crate::Lang) -> &'static str {
        match self {
            Category::Strategy => lang.pick("戰略方向不明", "战略方向不明", "Unclear strategy"),
            Category::Operations => lang.pick("運營策略有紕漏", "运营策略有纰漏", "Flawed operations"),
            Category::Measurement => lang.pick("衡量標準不科學", "衡量标准不科学", "Unsound measurement"),
        }
    }
}

/// How much a sin hurts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// Worth fixing when convenient.
    Low,
    /// Holds results back.
    Medium,
    /// Undermines the whole programme.
    High,
}

impl Severity {
    /// The severity as packs write it (`high`, `medium`, `low`).
    pub fn id(self) -> &'static str {
        match self {
            Severity::High => "high",
            Severity::Medium => "medium",
            Severity::Low => "low",
        }
    }

    /// The severity's name in `lang`.
    pub fn name(self, lang: crate::Lang) -> &'static str {
        match self {
            Severity::High => lang.pick("高", "高", "high"),
            Severity::Medium => lang.pick("中", "中", "medium"),
            Severity::Low => lang.pick("低", "低", "low"),
        }
    }
}

/// A diagnosis rule.
#[derive(Debug, Clone, Serialize)]
pub struct Sin {
    /// Rule id, unique across packs.
    pub id: String,
    /// Position in the pack's list.
    pub number: u32,
    /// Strategy, operations or measurement.
    pub category: Category,
    /// Severity.
    pub severity: Severity,
    /// Title.
    pub title: Text,
    /// Why it hurts.
    pub explanation: Text,
    /// What to do about it.
    pub recommendation: Text,
    /// When it triggers.
    pub when: Condition,
}

impl Pack {
    /// Checks that every figure a rule tests (`{ metric = "…" }`) is one of `known`, the figures the
    /// benchmark computes: a misspelt name would make its rule silently false. The error names the key path,
    /// the nearest known names and the whole list.
    pub fn check_metrics(&self, origin: &str, known: &[&str]) -> Result<(), PackError> {
        fn walk<'c>(c: &'c Condition, path: String, out: &mut Vec<(String, &'c str)>) {
            match c {
                Condition::All(cs) => cs
                    .iter()
                    .enumerate()
                    .for_each(|(i, c)| walk(c, format!("{path}.all[{i}]"), out)),
                Condition::Any(cs) => cs
                    .iter()
                    .enumerate()
                    .for_each(|(i, c)| walk(c, format!("{path}.any[{i}]"), out)),
                Condition::Not(c) => walk(c, format!("{path}.not"), out),
                Condition::Graded { condition, .. } => walk(condition, path, out),
                Condition::Metric { name, .. } => out.push((format!("{path}.metric"), name)),
                _ => {}
            }
        }
        let mut used = Vec::new();
        for (i, sin) in self.sins.iter().enumerate() {
            walk(&sin.when, format!("sins[{i}].when"), &mut used);
        }
        for (path, name) in used {
            if known.contains(&name) {
                continue;
            }
            let mut near: Vec<(usize, &str)> = known.iter().map(|k| (edit_distance(name, k), *k)).collect();
            near.sort();
            let best: Vec<&str> = near
                .iter()
                .take_while(|(d, _)| *d <= near[0].0.max(1) && *d <= name.len() / 2 + 1)
                .take(3)
                .map(|(_, k)| *k)
                .collect();
            let hint = if best.is_empty() {
                String::new()
            } else {
                format!("did you mean `{}`? ", best.join("`, `"))
            };
            return Err(PackError::at(
                origin,
                path,
                format!("unknown metric `{name}`; {hint}known metrics: {}", known.join(", ")),
            ));
        }
        Ok(())
    }

    /// Parses and validates a pack. `origin` names the source in errors (a file path, or `plugin:<file>`).
    pub fn from_toml_str(src: &str, origin: &str) -> Result<Pack, PackError> {
        let raw: RawPack = toml::from_str(src).map_err(|e| {
            let location = match e.span() {
                Some(span) => line_col(src, span.start),
                None => PackPlace::Document,
            };
            PackError::at(origin, location, PackProblem::Syntax(e.message().trim().to_string()))
        })?;
        raw.validate(origin)
    }

    /// The code a reader sees for one of the pack's sins: its prefix and number (`S4`, `F1`).
    pub fn sin_code(&self, sin: &Sin) -> String {
        format!("{}{}", self.sin_prefix, sin.number)
    }

    /// The pack as a client of `market` sees it: every text in that market's variant (or as written, when it has
    /// none), the options offered elsewhere only left out, and the options of a question with
    /// `options_from = "channels"` the market's channels. Options of other markets are kept after the offered ones
    /// and marked not offered ([`offered`]): ids never change, so stored answers and rules read the same.
    pub fn for_market(&self, market: &crate::market::Market) -> Pack {
        let m = market.id.as_str();
        let t = |x: &Text| x.for_market(m);
        let mut p = self.clone();
        p.title = t(&p.title);
        p.description = p.description.as_ref().map(t);
        for l in &mut p.maturity {
            l.name = t(&l.name);
            l.description = t(&l.description);
        }
        for a in &mut p.anchors {
            a.title = t(&a.title);
            a.description = t(&a.description);
        }
        for s in &mut p.sections {
            s.title = t(&s.title);
            s.description = s.description.as_ref().map(t);
            for q in &mut s.questions {
                q.prompt = t(&q.prompt);
                q.help = q.help.as_ref().map(t);
                q.rubric = q.rubric.as_ref().map(t);
                match &mut q.kind {
                    AnswerKind::Scale { levels } => levels.iter_mut().for_each(|l| *l = t(l)),
                    AnswerKind::Single { options } | AnswerKind::Multi { options } => {
                        if q.options_from.is_some() {
                            // The market's channels, then the other markets' (not offered).
                            let mut channels: Vec<Choice> = market.channels.iter().map(channel_choice).collect();
                            for mut c in all_channels() {
                                if !channels.iter().any(|o| o.id == c.id) {
                                    c.offered = false;
                                    channels.push(c);
                                }
                            }
                            *options = channels;
                        } else {
                            for o in options.iter_mut() {
                                o.offered = o.markets.is_empty() || o.markets.iter().any(|x| x == m);
                                o.label = t(&o.label);
                            }
                            // Stable: the offered options first, in the pack's order, then the others.
                            options.sort_by_key(|o| !o.offered);
                        }
                    }
                    AnswerKind::Number { unit, .. } => *unit = t(unit),
                    AnswerKind::YesNo { .. } | AnswerKind::Text | AnswerKind::List => {}
                }
            }
        }
        for sin in &mut p.sins {
            sin.title = t(&sin.title);
            sin.explanation = t(&sin.explanation);
            sin.recommendation = t(&sin.recommendation);
        }
        p
    }

    /// Iterates over every question of the pack, in order.
    pub fn questions(&self) -> impl Iterator<Item = &Question> {
        self.sections.iter().flat_map(|s| s.questions.iter())
    }

    /// Returns true if and only if this pack applies to a client of `industry` (case-insensitive).
    pub fn applies_to(&self, industry: Option<&str>) -> bool {
        self.industries.is_empty()
            || industry.is_some_and(|i| self.industries.iter().any(|x| x.eq_ignore_ascii_case(i.trim())))
    }
}

/// `line L, column C` (1-based) of a byte offset.
pub(crate) fn line_col(src: &str, offset: usize) -> PackPlace {
    let before = &src[..offset.min(src.len())];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    PackPlace::At { line, column }
}

// ---- raw structs: the file as written ----

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPack {
    id: String,
    version: String,
    #[serde(default)]
    industries: Vec<String>,
    sin_prefix: Option<String>,
    title: RawText,
    description: Option<RawText>,
    #[serde(default)]
    maturity: Vec<RawLevel>,
    #[serde(default)]
    anchors: Vec<RawAnchor>,
    #[serde(default)]
    sections: Vec<RawSection>,
    #[serde(default)]
    sins: Vec<RawSin>,
}

/// A text as written: the three languages, and tables of them keyed by market (`help.tw = { ... }`).
#[derive(Deserialize)]
#[serde(transparent)]
struct RawText(toml::Table);

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawLevel {
    level: u8,
    min: f64,
    name: RawText,
    description: RawText,
    source: String,
    #[serde(default)]
    contradicted_by: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawAnchor {
    id: String,
    title: RawText,
    description: RawText,
    questions: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSection {
    id: String,
    #[serde(default = "one")]
    weight: f64,
    title: RawText,
    description: Option<RawText>,
    #[serde(default)]
    questions: Vec<RawQuestion>,
}

fn one() -> f64 {
    1.0
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawQuestion {
    id: String,
    kind: String,
    weight: Option<f64>,
    prompt: RawText,
    help: Option<RawText>,
    rubric: Option<RawText>,
    levels: Option<Vec<RawText>>,
    yes_score: Option<f64>,
    no_score: Option<f64>,
    options: Option<Vec<RawChoice>>,
    unit: Option<RawText>,
    bands: Option<Vec<RawBand>>,
    min_value: Option<f64>,
    max_value: Option<f64>,
    options_from: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawChoice {
    id: String,
    label: RawText,
    score: f64,
    markets: Option<Vec<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawBand {
    min: Option<f64>,
    max: Option<f64>,
    score: f64,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSin {
    id: String,
    number: u32,
    category: Category,
    /// Checked in validation, so that a bad one is named by its key path in the user's language.
    severity: String,
    title: RawText,
    explanation: RawText,
    recommendation: RawText,
    when: RawCondition,
}

/// Validation context: the origin for errors, and the ids seen so far.
struct Ctx<'a> {
    origin: &'a str,
}

impl Ctx<'_> {
    fn err(&self, path: impl Into<String>, problem: impl Into<PackProblem>) -> PackError {
        PackError::at(self.origin, path.into(), problem)
    }

    /// A text: the three languages, each required and non-empty, and per-market variants under a known market's
    /// id, each with the three languages.
    fn text(&self, raw: &RawText, path: &str) -> Result<Text, PackError> {
        let mut text = self.languages(&raw.0, path, true)?;
        for (key, value) in &raw.0 {
            if LANG_KEYS.contains(&key.as_str()) {
                continue;
            }
            let known = crate::market::markets().ids();
            let Some(table) = value.as_table().filter(|_| known.contains(&key.as_str())) else {
                return Err(self.err(
                    format!("{path}.{key}"),
                    format!(
                        "unknown key `{key}`: a text has zh-Hant, zh-Hans and en, and variants under a market ({})",
                        known.join(", ")
                    ),
                ));
            };
            let variant = self.languages(table, &format!("{path}.{key}"), false)?;
            text.markets.insert(key.clone(), variant);
        }
        Ok(text)
    }

    /// The three languages of a text table; other keys are refused unless `others` (the market variants).
    fn languages(&self, table: &toml::Table, path: &str, others: bool) -> Result<Text, PackError> {
        let get = |tag: &str| -> Result<String, PackError> {
            match table.get(tag) {
                Some(toml::Value::String(s)) if !s.trim().is_empty() => Ok(s.trim().to_string()),
                Some(toml::Value::String(_)) => Err(self.err(format!("{path}.{tag}"), PackProblem::EmptyTranslation)),
                Some(_) => Err(self.err(format!("{path}.{tag}"), PackProblem::TranslationNotText)),
                None => Err(self.err(path, PackProblem::MissingTranslation(tag.to_string()))),
            }
        };
        if !others && let Some(key) = table.keys().find(|k| !LANG_KEYS.contains(&k.as_str())) {
            return Err(self.err(
                format!("{path}.{key}"),
                format!("unknown key `{key}`: a market's variant has zh-Hant, zh-Hans and en"),
            ));
        }
        Ok(Text::new(get("zh-Hant")?, get("zh-Hans")?, get("en")?))
    }

    fn opt_text(&self, raw: &Option<RawText>, path: &str) -> Result<Option<Text>, PackError> {
        raw.as_ref().map(|t| self.text(t, path)).transpose()
    }

    fn score(&self, v: f64, path: &str) -> Result<f64, PackError> {
        if (0.0..=1.0).contains(&v) {
            Ok(v)
        } else {
            Err(self.err(path, format!("score {v} out of range 0–1")))
        }
    }
}

/// The keys of a text's three languages.
const LANG_KEYS: [&str; 3] = ["zh-Hant", "zh-Hans", "en"];

/// Returns true if and only if `s` is a sin prefix: an ASCII capital, then at most two ASCII letters.
fn is_sin_prefix(s: &str) -> bool {
    let mut chars = s.chars();
    chars.next().is_some_and(|c| c.is_ascii_uppercase()) && s.len() <= 3 && chars.all(|c| c.is_ascii_alphabetic())
}

fn is_id(s: &str, extra: &[char]) -> bool {
    !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || extra.contains(&c))
}

impl RawPack {
    fn validate(self, origin: &str) -> Result<Pack, PackError> {
        let cx = Ctx { origin };
        if !is_id(&self.id, &['-']) {
            return Err(cx.err("id", format!("invalid pack id `{}`: use a-z, 0-9, _ and -", self.id)));
        }
        if self.version.trim().is_empty() {
            return Err(cx.err("version", "empty version"));
        }
        let title = cx.text(&self.title, "title")?;
        let description = cx.opt_text(&self.description, "description")?;
        let sin_prefix = match &self.sin_prefix {
            Some(p) if is_sin_prefix(p) => p.clone(),
            Some(p) => {
                return Err(cx.err(
                    "sin_prefix",
                    format!("invalid sin prefix `{p}`: a capital letter, then up to two letters (`S`, `F`, `Fi`)"),
                ));
            }
            None => self.id[..1].to_ascii_uppercase(),
        };

        let mut maturity = Vec::new();
        for (i, l) in self.maturity.iter().enumerate() {
            let path = format!("maturity[{i}]");
            if usize::from(l.level) != i + 1 {
                return Err(cx.err(
                    format!("{path}.level"),
                    format!("expected level {}, found {}", i + 1, l.level),
                ));
            }
            let prev = maturity.last().map(|m: &MaturityLevel| m.min);
            let ok = match prev {
                None => l.min == 0.0,
                Some(p) => l.min > p && l.min <= 100.0,
            };
            if !ok {
                return Err(cx.err(
                    format!("{path}.min"),
                    "the first level starts at 0 and each next one higher, up to 100",
                ));
            }
            maturity.push(MaturityLevel {
                level: l.level,
                min: l.min,
                name: cx.text(&l.name, &format!("{path}.name"))?,
                description: cx.text(&l.description, &format!("{path}.description"))?,
                source: l.source.clone(),
                contradicted_by: l.contradicted_by.clone(),
            });
        }

        let mut section_ids = HashSet::new();
        let mut question_ids = HashSet::new();
        let mut sections = Vec::new();
        for (si, s) in self.sections.iter().enumerate() {
            let path = format!("sections[{si}]");
            if !is_id(&s.id, &[]) {
                return Err(cx.err(format!("{path}.id"), format!("invalid section id `{}`", s.id)));
            }
            if !section_ids.insert(s.id.clone()) {
                return Err(cx.err(
                    format!("{path}.id"),
                    PackProblem::Duplicate {
                        kind: IdKind::Section,
                        id: s.id.clone(),
                    },
                ));
            }
            if !(s.weight > 0.0 && s.weight.is_finite()) {
                return Err(cx.err(format!("{path}.weight"), "weight must be above 0"));
            }
            let mut questions = Vec::new();
            for (qi, q) in s.questions.iter().enumerate() {
                let qpath = format!("{path}.questions[{qi}]");
                let question = validate_question(&cx, q, &qpath)?;
                if !question_ids.insert(question.id.clone()) {
                    return Err(cx.err(
                        format!("{qpath}.id"),
                        PackProblem::Duplicate {
                            kind: IdKind::Question,
                            id: q.id.clone(),
                        },
                    ));
                }
                questions.push(question);
            }
            sections.push(Section {
                id: s.id.clone(),
                weight: s.weight,
                title: cx.text(&s.title, &format!("{path}.title"))?,
                description: cx.opt_text(&s.description, &format!("{path}.description"))?,
                questions,
            });
        }

        let mut anchors = Vec::new();
        for (ai, a) in self.anchors.iter().enumerate() {
            let path = format!("anchors[{ai}]");
            for (k, q) in a.questions.iter().enumerate() {
                if !question_ids.contains(q) {
                    return Err(cx.err(
                        format!("{path}.questions[{k}]"),
                        PackProblem::UnknownQuestion(q.to_string()),
                    ));
                }
            }
            anchors.push(Anchor {
                id: a.id.clone(),
                title: cx.text(&a.title, &format!("{path}.title"))?,
                description: cx.text(&a.description, &format!("{path}.description"))?,
                questions: a.questions.clone(),
            });
        }

        let mut sin_ids = HashSet::new();
        let mut sins = Vec::new();
        for (i, s) in self.sins.iter().enumerate() {
            let path = format!("sins[{i}]");
            if !is_id(&s.id, &[]) {
                return Err(cx.err(format!("{path}.id"), format!("invalid sin id `{}`", s.id)));
            }
            if !sin_ids.insert(s.id.clone()) {
                return Err(cx.err(
                    format!("{path}.id"),
                    PackProblem::Duplicate {
                        kind: IdKind::Sin,
                        id: s.id.clone(),
                    },
                ));
            }
            let severity = [Severity::High, Severity::Medium, Severity::Low]
                .into_iter()
                .find(|v| v.id() == s.severity)
                .ok_or_else(|| cx.err(format!("{path}.severity"), PackProblem::BadSeverity(s.severity.clone())))?;
            let when = s
                .when
                .to_condition(&format!("{path}.when"))
                .map_err(|(p, m)| cx.err(p, m))?;
            crate::condition::check_grades(&when, &format!("{path}.when"), severity, false)
                .map_err(|(p, m)| cx.err(p, m))?;
            sins.push(Sin {
                id: s.id.clone(),
                number: s.number,
                category: s.category,
                severity,
                title: cx.text(&s.title, &format!("{path}.title"))?,
                explanation: cx.text(&s.explanation, &format!("{path}.explanation"))?,
                recommendation: cx.text(&s.recommendation, &format!("{path}.recommendation"))?,
                when,
            });
        }

        for (i, l) in maturity.iter().enumerate() {
            if i == 0 && !l.contradicted_by.is_empty() {
                return Err(cx.err(
                    "maturity[0].contradicted_by",
                    "the first level is where every audit starts: nothing can contradict it",
                ));
            }
            for (k, id) in l.contradicted_by.iter().enumerate() {
                if !sin_ids.contains(id) {
                    return Err(cx.err(
                        format!("maturity[{i}].contradicted_by[{k}]"),
                        PackProblem::UnknownSin(id.to_string()),
                    ));
                }
            }
        }
        let pack = Pack {
            id: self.id,
            version: self.version,
            industries: self.industries,
            sin_prefix,
            title,
            description,
            maturity,
            anchors,
            sections,
            sins,
        };
        // Rules that only look at this pack's questions are checked now; references to other packs'
        // questions are checked when packs are combined in a catalog.
        for (i, sin) in pack.sins.iter().enumerate() {
            crate::condition::check_refs(
                &sin.when,
                &format!("sins[{i}].when"),
                &|id| pack.questions().find(|q| q.id == id),
                false,
            )
            .map_err(|(p, m)| cx.err(p, m))?;
        }
        // Every market must be offered a usable question (rules keep every option: none is removed).
        for market in &crate::market::markets().markets {
            let resolved = pack.for_market(market);
            for (si, section) in resolved.sections.iter().enumerate() {
                for (qi, q) in section.questions.iter().enumerate() {
                    if let AnswerKind::Single { options } | AnswerKind::Multi { options } = &q.kind
                        && offered(options).len() < 2
                    {
                        return Err(cx.err(
                            format!("sections[{si}].questions[{qi}].options"),
                            format!("market `{}` is offered fewer than 2 options", market.id),
                        ));
                    }
                }
            }
        }
        Ok(pack)
    }
}

fn validate_question(cx: &Ctx<'_>, q: &RawQuestion, path: &str) -> Result<Question, PackError> {
    if !is_id(&q.id, &['.']) || !q.id.contains('.') {
        return Err(cx.err(
            format!("{path}.id"),
            format!(
                "invalid question id `{}`: use `<section>.<name>` with a-z, 0-9 and _",
                q.id
            ),
        ));
    }
    let unexpected = |key: &str, present: bool| -> Result<(), PackError> {
        if present {
            Err(cx.err(
                format!("{path}.{key}"),
                format!("`{key}` does not apply to kind `{}`", q.kind),
            ))
        } else {
            Ok(())
        }
    };
    let choices = |opts: &Option<Vec<RawChoice>>| -> Result<Vec<Choice>, PackError> {
        if let Some(from) = &q.options_from {
            if from != "channels" {
                return Err(cx.err(
                    format!("{path}.options_from"),
                    format!("unknown source `{from}`: the one source is `channels`, the market's channels"),
                ));
            }
            if opts.is_some() {
                return Err(cx.err(
                    format!("{path}.options"),
                    "a question takes its options from `options_from` or `options`, not both",
                ));
            }
            if q.weight.unwrap_or(1.0) > 0.0 {
                return Err(cx.err(
                    format!("{path}.weight"),
                    "the market's channels carry no scores: a question with `options_from` takes weight 0",
                ));
            }
            return Ok(all_channels());
        }
        let opts = opts
            .as_ref()
            .filter(|o| o.len() >= 2)
            .ok_or_else(|| cx.err(format!("{path}.options"), "needs at least 2 options"))?;
        let mut seen = HashSet::new();
        opts.iter()
            .enumerate()
            .map(|(i, o)| {
                let p = format!("{path}.options[{i}]");
                if !is_id(&o.id, &[]) {
                    return Err(cx.err(format!("{p}.id"), PackProblem::InvalidOptionId(o.id.clone())));
                }
                if !seen.insert(o.id.as_str()) {
                    return Err(cx.err(
                        format!("{p}.id"),
                        PackProblem::Duplicate {
                            kind: IdKind::Option,
                            id: o.id.clone(),
                        },
                    ));
                }
                let markets = o.markets.clone().unwrap_or_default();
                let known = crate::market::markets().ids();
                if o.markets.is_some() && markets.is_empty() {
                    return Err(cx.err(format!("{p}.markets"), "an empty list offers the option nowhere"));
                }
                if let Some(m) = markets.iter().find(|m| !known.contains(&m.as_str())) {
                    return Err(cx.err(
                        format!("{p}.markets"),
                        PackProblem::UnknownMarket {
                            market: m.to_string(),
                            known: known.join(", "),
                        },
                    ));
                }
                Ok(Choice {
                    id: o.id.clone(),
                    label: cx.text(&o.label, &format!("{p}.label"))?,
                    score: cx.score(o.score, &format!("{p}.score"))?,
                    markets,
                    offered: true,
                })
            })
            .collect()
    };
    let kind = match q.kind.as_str() {
        "scale" => {
            let levels = q
                .levels
                .as_ref()
                .ok_or_else(|| cx.err(format!("{path}.levels"), "a scale needs `levels`"))?;
            if !(3..=7).contains(&levels.len()) {
                return Err(cx.err(
                    format!("{path}.levels"),
                    format!("a scale has 3 to 7 levels, found {}", levels.len()),
                ));
            }
            let levels = levels
                .iter()
                .enumerate()
                .map(|(i, t)| cx.text(t, &format!("{path}.levels[{i}]")))
                .collect::<Result<_, _>>()?;
            AnswerKind::Scale { levels }
        }
        "yes_no" => AnswerKind::YesNo {
            yes_score: cx.score(q.yes_score.unwrap_or(1.0), &format!("{path}.yes_score"))?,
            no_score: cx.score(q.no_score.unwrap_or(0.0), &format!("{path}.no_score"))?,
        },
        "single" => AnswerKind::Single {
            options: choices(&q.options)?,
        },
        "multi" => AnswerKind::Multi {
            options: choices(&q.options)?,
        },
        "number" => {
            let unit = q
                .unit
                .as_ref()
                .ok_or_else(|| cx.err(format!("{path}.unit"), "a number needs a `unit`"))?;
            let raw_bands = q.bands.as_deref().unwrap_or_default();
            let mut bands: Vec<Band> = Vec::new();
            for (i, b) in raw_bands.iter().enumerate() {
                let p = format!("{path}.bands[{i}]");
                if let (Some(lo), Some(hi)) = (b.min, b.max)
                    && lo >= hi
                {
                    return Err(cx.err(p, format!("empty band: min {lo} is not below max {hi}")));
                }
                let band = Band {
                    min: b.min,
                    max: b.max,
                    score: cx.score(b.score, &format!("{p}.score"))?,
                };
                if let Some(j) = bands.iter().position(|o| overlaps(o, &band)) {
                    return Err(cx.err(p, format!("band overlaps bands[{j}]")));
                }
                bands.push(band);
            }
            if q.weight.unwrap_or(1.0) > 0.0 && bands.is_empty() {
                return Err(cx.err(format!("{path}.bands"), "a scored number question needs `bands`"));
            }
            AnswerKind::Number {
                unit: cx.text(unit, &format!("{path}.unit"))?,
                bands,
                min_value: q.min_value,
                max_value: q.max_value,
            }
        }
        "text" => AnswerKind::Text,
        "list" => AnswerKind::List,
        other => {
            return Err(cx.err(
                format!("{path}.kind"),
                format!("unknown kind `{other}`: expected scale, yes_no, single, multi, number, text or list"),
            ));
        }
    };
    let k = q.kind.as_str();
    unexpected("levels", q.levels.is_some() && k != "scale")?;
    unexpected("options", q.options.is_some() && k != "single" && k != "multi")?;
    unexpected("yes_score", q.yes_score.is_some() && k != "yes_no")?;
    unexpected("no_score", q.no_score.is_some() && k != "yes_no")?;
    unexpected("unit", q.unit.is_some() && k != "number")?;
    unexpected("bands", q.bands.is_some() && k != "number")?;
    unexpected("min_value", q.min_value.is_some() && k != "number")?;
    unexpected("max_value", q.max_value.is_some() && k != "number")?;
    unexpected(
        "options_from",
        q.options_from.is_some() && k != "single" && k != "multi",
    )?;

    let scored_kind = !matches!(kind, AnswerKind::Text | AnswerKind::List);
    let weight = q.weight.unwrap_or(if scored_kind { 1.0 } else { 0.0 });
    if !(weight >= 0.0 && weight.is_finite()) {
        return Err(cx.err(format!("{path}.weight"), format!("weight {weight} must be 0 or more")));
    }
    if !scored_kind && weight > 0.0 {
        return Err(cx.err(
            format!("{path}.weight"),
            format!("`{k}` questions are never scored: use weight 0"),
        ));
    }
    let rubric = cx.opt_text(&q.rubric, &format!("{path}.rubric"))?;
    if scored_kind && weight > 0.0 && rubric.is_none() {
        return Err(cx.err(path, "a scored question needs a `rubric`"));
    }
    Ok(Question {
        id: q.id.clone(),
        kind,
        weight,
        prompt: cx.text(&q.prompt, &format!("{path}.prompt"))?,
        help: cx.opt_text(&q.help, &format!("{path}.help"))?,
        rubric,
        options_from: q.options_from.clone(),
    })
}

/// The channels of every market, each once (labelled as the first market to list it does), as the options of a
/// question with `options_from = "channels"` in a pack not yet resolved for a market.
fn all_channels() -> Vec<Choice> {
    let mut out: Vec<Choice> = Vec::new();
    for m in &crate::market::markets().markets {
        for c in &m.channels {
            if !out.iter().any(|o| o.id == c.id) {
                out.push(channel_choice(c));
            }
        }
    }
    out
}

fn channel_choice(c: &crate::market::Channel) -> Choice {
    Choice {
        id: c.id.clone(),
        label: c.label.clone(),
        score: 0.0,
        markets: Vec::new(),
        offered: true,
    }
}

fn overlaps(a: &Band, b: &Band) -> bool {
    let lo = a
        .min
        .unwrap_or(f64::NEG_INFINITY)
        .max(b.min.unwrap_or(f64::NEG_INFINITY));
    let hi = a.max.unwrap_or(f64::INFINITY).min(b.max.unwrap_or(f64::INFINITY));
    lo < hi
}

/// Levenshtein distance between two strings, by characters.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut row = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            row[j + 1] = (prev[j] + usize::from(ca != *cb)).min(prev[j + 1] + 1).min(row[j] + 1);
        }
        prev = row;
    }
    prev[b.len()]
}
