//! A catalog: the packs that apply to one client, combined and checked together.
//!
//! The core pack always applies; an industry pack joins when the client's industry matches. Question ids and sin
//! ids must be unique across the combined packs, exactly one pack may define maturity levels, and a rule may refer
//! to any question of the catalog: those cross-pack references are checked here.

use crate::answer::{AnswerValue, Answers};
use crate::condition::check_refs;
use crate::error::{AnswerError, PackError};
use crate::pack::{MaturityLevel, Pack, Question, Section, Sin};
use std::collections::HashMap;

/// The packs used for one audit.
#[derive(Debug, Clone)]
pub struct Catalog {
    packs: Vec<Pack>,
    index: HashMap<String, (usize, usize, usize)>,
}

impl Catalog {
    /// Combines packs, checking ids and references across them.
    pub fn new(packs: Vec<Pack>) -> Result<Catalog, PackError> {
        let mut index = HashMap::new();
        let mut sins = HashMap::new();
        let mut pack_ids = HashMap::new();
        let mut prefixes: HashMap<&str, usize> = HashMap::new();
        for (p, pack) in packs.iter().enumerate() {
            let origin = format!("pack `{}`", pack.id);
            if pack_ids.insert(pack.id.clone(), p).is_some() {
                return Err(PackError::at(&origin, "id", "the same pack is used twice"));
            }
            for (s, section) in pack.sections.iter().enumerate() {
                for (q, question) in section.questions.iter().enumerate() {
                    if let Some((other, _, _)) = index.insert(question.id.clone(), (p, s, q)) {
                        return Err(PackError::at(
                            &origin,
                            format!("sections[{s}].questions[{q}].id"),
                            format!(
                                "question id `{}` is also used by pack `{}`",
                                question.id, packs[other].id
                            ),
                        ));
                    }
                }
            }
            for (i, sin) in pack.sins.iter().enumerate() {
                if let Some(other) = sins.insert(sin.id.clone(), p) {
                    return Err(PackError::at(
                        &origin,
                        format!("sins[{i}].id"),
                        format!("sin id `{}` is also used by pack `{}`", sin.id, packs[other].id),
                    ));
                }
            }
            // Sin codes (`S4`, `F1`) must name one sin across the packs a report shows together.
            if !pack.sins.is_empty()
                && let Some(other) = prefixes.insert(pack.sin_prefix.as_str(), p)
            {
                return Err(PackError::at(
                    &origin,
                    "sin_prefix",
                    format!(
                        "sin prefix `{}` is also used by pack `{}`: set a different `sin_prefix`",
                        pack.sin_prefix, packs[other].id
                    ),
                ));
            }
        }
        let with_levels = packs.iter().filter(|p| !p.maturity.is_empty()).count();
        if with_levels > 1 {
            return Err(PackError::at(
                "catalog",
                "maturity",
                "only one pack may define maturity levels",
            ));
        }
        let catalog = Catalog { packs, index };
        for pack in &catalog.packs {
            for (i, sin) in pack.sins.iter().enumerate() {
                check_refs(&sin.when, &format!("sins[{i}].when"), &|id| catalog.question(id), false)
                    .map_err(|(path, problem)| PackError::at(&format!("pack `{}`", pack.id), path, problem))?;
            }
        }
        Ok(catalog)
    }

    /// The packs, core first.
    pub fn packs(&self) -> &[Pack] {
        &self.packs
    }

    /// The question with this id.
    pub fn question(&self, id: &str) -> Option<&Question> {
        self.index
            .get(id)
            .map(|&(p, s, q)| &self.packs[p].sections[s].questions[q])
    }

    /// Every section of every pack, with its pack, in questionnaire order.
    pub fn sections(&self) -> impl Iterator<Item = (&Pack, &Section)> {
        self.packs.iter().flat_map(|p| p.sections.iter().map(move |s| (p, s)))
    }

    /// Every question in questionnaire order.
    pub fn questions(&self) -> impl Iterator<Item = &Question> {
        self.packs.iter().flat_map(|p| p.questions())
    }

    /// Every rule, with its pack.
    pub fn sins(&self) -> impl Iterator<Item = (&Pack, &Sin)> {
        self.packs.iter().flat_map(|p| p.sins.iter().map(move |s| (p, s)))
    }

    /// The maturity levels (from the pack that defines them), lowest first.
    pub fn maturity(&self) -> &[MaturityLevel] {
        self.packs
            .iter()
            .find(|p| !p.maturity.is_empty())
            .map_or(&[], |p| &p.maturity)
    }

    /// How many scored questions `answers` answers, and how many there are: `(answered, scored)`.
    pub fn answered(&self, answers: &Answers) -> (usize, usize) {
        let scored = self.questions().filter(|q| q.is_scored());
        scored.fold((0, 0), |(a, s), q| (a + usize::from(answers.is_answered(&q.id)), s + 1))
    }

    /// Checks and normalises one typed answer value.
    pub fn check_value(&self, question: &str, value: &AnswerValue) -> Result<AnswerValue, AnswerError> {
        self.question(question)
            .ok_or_else(|| AnswerError::UnknownQuestion(question.to_string()))?
            .check(value)
    }

    /// Checks every answer, normalising values in place; the first error is returned with its question id.
    pub fn check_answers(&self, answers: &mut Answers) -> Result<(), AnswerError> {
        for (id, answer) in answers.0.iter_mut() {
            let question = self
                .question(id)
                .ok_or_else(|| AnswerError::UnknownQuestion(id.clone()))?;
            if let Some(v) = &answer.value {
                answer.value = Some(question.check(v)?);
            }
        }
        Ok(())
    }
}
