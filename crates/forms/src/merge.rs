//! The re-import rule: how a filled questionnaire changes the answers already stored, and the account of what it
//! changed.
//!
//! A client often sends a questionnaire back more than once, filling in what was missing or correcting a few
//! answers. The rule, as the questionnaire's instructions put it to the client ([`instructions`]):
//!
//! 1. **A blank never erases.** A blank answer keeps the stored answer; a blank note keeps the stored note; a
//!    fully blank row, or a question missing from the file, changes nothing.
//! 2. **A note alone updates the note** and keeps the stored answer.
//! 3. **An answer replaces the stored one**; an answer equal to the stored one is kept as it was.
//! 4. **Only the word `clear` (or `清除`) erases**: in the answer cell it removes the stored answer, in the note
//!    cell the stored note. Any case, any surrounding spaces; in TOML or JSON, the string value `"clear"`.
//!
//! [`Mode::Replace`] (`chuxin import --replace`) sets these rules aside: the audit's answers become the file's,
//! and the answers the file does not give are removed.
//!
//! [`merge`] applies the rule and returns the [`Changes`]: answers added, changed (old → new), kept and
//! removed, and notes updated or removed; [`Changes::write`] prints them in the user's language.

use crate::import::Imported;
use chuxin_core::{AnswerValue, Answers, Lang};
use std::collections::BTreeSet;
use std::io::{self, Write};

/// The words that erase a stored answer or note, in any language of the form.
pub const CLEAR_WORDS: [&str; 2] = ["clear", "清除"];

/// Returns true if and only if `cell` is a clearing word ([`CLEAR_WORDS`]), whatever its case and spaces.
pub fn is_clear(cell: &str) -> bool {
    let cell = cell.trim();
    CLEAR_WORDS.iter().any(|w| w.eq_ignore_ascii_case(cell))
}

/// The clearing word a form in `lang` tells the client to type.
pub fn clear_word(lang: Lang) -> &'static str {
    lang.pick("清除", "清除", "clear")
}

/// The re-import rule as the client reads it, in the questionnaire's instructions.
pub fn instructions(lang: Lang) -> &'static str {
    lang.pick(
        "沒把握的題目可以先留空，之後再補：留空不會刪除您先前給我們的答案，只填備註也只會更新備註。\
         若要撤回先前的答案或備註，請在該處填入「清除」。",
        "没把握的题目可以先留空，之后再补：留空不会删除您之前给我们的答案，只填备注也只会更新备注。\
         如需撤回之前的答案或备注，请在该处填写“清除”。",
        "Not sure yet? Leave the answer blank and come back to it: a blank never erases an answer you gave us \
         before, and a note on its own only updates the note. To withdraw an earlier answer or note, type “clear” \
         in its place.",
    )
}

/// How an import combines with the stored answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Mode {
    /// The re-import rule of this module: blanks keep, `clear` erases.
    #[default]
    Merge,
    /// The file's answers replace the stored ones wholesale.
    Replace,
}

/// What an import changed in the stored answers, question by question in id order.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Changes {
    /// Answers given for the first time.
    pub added: Vec<(String, AnswerValue)>,
    /// Answers changed: old → new.
    pub changed: Vec<(String, AnswerValue, AnswerValue)>,
    /// Stored answers left as they were (blank in the file, absent, or the same value).
    pub kept: usize,
    /// Answers removed, with the value they had (by `clear`, or by [`Mode::Replace`]).
    pub removed: Vec<(String, AnswerValue)>,
    /// Notes added or changed.
    pub notes_updated: Vec<String>,
    /// Notes removed.
    pub notes_removed: Vec<String>,
}

/// Applies `imported` to `stored` by `mode`, and says what changed.
pub fn merge(stored: &mut Answers, imported: &Imported, mode: Mode) -> Changes {
    let old = std::mem::take(stored);
    let mut new = match mode {
        Mode::Merge => old.clone(),
        Mode::Replace => Answers::default(),
    };
    for (id, a) in &imported.answers.0 {
        let entry = new.0.entry(id.clone()).or_default();
        if let Some(v) = &a.value {
            entry.value = Some(v.clone());
        }
        if let Some(n) = a.note.as_ref().filter(|n| !n.trim().is_empty()) {
            entry.note = Some(n.clone());
        }
    }
    for (id, c) in &imported.cleared {
        if let Some(entry) = new.0.get_mut(id) {
            if c.answer {
                entry.value = None;
            }
            if c.note {
                entry.note = None;
            }
        }
    }
    new.0.retain(|_, a| a.value.is_some() || a.note.is_some());
    let changes = diff(&old, &new);
    *stored = new;
    changes
}

/// The changes from `old` to `new`.
fn diff(old: &Answers, new: &Answers) -> Changes {
    let ids: BTreeSet<&String> = old.0.keys().chain(new.0.keys()).collect();
    let mut c = Changes::default();
    for id in ids {
        let (o, n) = (old.0.get(id), new.0.get(id));
        match (o.and_then(|a| a.value.as_ref()), n.and_then(|a| a.value.as_ref())) {
            (None, Some(v)) => c.added.push((id.clone(), v.clone())),
            (Some(a), Some(b)) if a == b => c.kept += 1,
            (Some(a), Some(b)) => c.changed.push((id.clone(), a.clone(), b.clone())),
            (Some(a), None) => c.removed.push((id.clone(), a.clone())),
            (None, None) => {}
        }
        match (o.and_then(|a| a.note.as_ref()), n.and_then(|a| a.note.as_ref())) {
            (a, Some(b)) if a != Some(b) => c.notes_updated.push(id.clone()),
            (Some(_), None) => c.notes_removed.push(id.clone()),
            _ => {}
        }
    }
    c
}

/// A value as the change list shows it: yes/no in `lang`, anything else as stored.
fn shown(v: &AnswerValue, lang: Lang) -> String {
    match v {
        AnswerValue::Bool(true) => lang.pick("是", "是", "yes").to_string(),
        AnswerValue::Bool(false) => lang.pick("否", "否", "no").to_string(),
        other => other.to_string(),
    }
}

impl Changes {
    /// Returns true if and only if nothing changed.
    pub fn is_empty(&self) -> bool {
        self.added.is_empty()
            && self.changed.is_empty()
            && self.removed.is_empty()
            && self.notes_updated.is_empty()
            && self.notes_removed.is_empty()
    }

    /// Writes the changes in `lang`, one indented line for each kind that occurred; the count of kept answers
    /// always.
    pub fn write(&self, lang: Lang, w: &mut dyn Write) -> io::Result<()> {
        let v = |v: &AnswerValue| shown(v, lang);
        let was = |id: &str, old: &AnswerValue| match lang {
            Lang::En => format!("{id} (was {})", v(old)),
            _ => format!("{id}（{} {}）", lang.pick("原為", "原为", ""), v(old)),
        };
        let kinds: [(&str, Vec<String>); 5] = [
            (
                lang.pick("新增答案", "新增答案", "answers added"),
                self.added.iter().map(|(id, a)| format!("{id} = {}", v(a))).collect(),
            ),
            (
                lang.pick("修改答案", "修改答案", "answers changed"),
                self.changed
                    .iter()
                    .map(|(id, a, b)| format!("{id} {} → {}", v(a), v(b)))
                    .collect(),
            ),
            (
                lang.pick("刪除答案", "删除答案", "answers removed"),
                self.removed.iter().map(|(id, a)| was(id, a)).collect(),
            ),
            (
                lang.pick("更新備註", "更新备注", "notes updated"),
                self.notes_updated.clone(),
            ),
            (
                lang.pick("刪除備註", "删除备注", "notes removed"),
                self.notes_removed.clone(),
            ),
        ];
        for (label, items) in kinds.iter().filter(|(_, items)| !items.is_empty()) {
            let n = items.len();
            match lang {
                Lang::En => writeln!(w, "  {label} {n}: {}", items.join(", "))?,
                _ => writeln!(w, "  {label} {n} {}：{}", lang.pick("題", "题", ""), items.join("、"))?,
            }
        }
        let kept = self.kept;
        match lang {
            Lang::En => writeln!(w, "  answers kept {kept}"),
            _ => writeln!(w, "  保留原有答案 {kept} {}", lang.pick("題", "题", "")),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::Clearing;
    use chuxin_core::Answer;

    fn answer(value: Option<i64>, note: Option<&str>) -> Answer {
        Answer {
            value: value.map(AnswerValue::Int),
            note: note.map(str::to_string),
        }
    }

    fn stored() -> Answers {
        let mut a = Answers::default();
        a.0.insert("a".into(), answer(Some(1), Some("old note")));
        a.0.insert("b".into(), answer(Some(2), None));
        a.0.insert("c".into(), answer(Some(3), None));
        a.0.insert("d".into(), answer(Some(4), Some("d note")));
        a
    }

    #[test]
    fn blanks_keep_notes_update_answers_replace_and_clear_erases() {
        let mut imported = Imported::default();
        // a: a note alone. b: a new value. c: absent. d: cleared answer, note kept. e: new.
        imported.answers.0.insert("a".into(), answer(None, Some("new note")));
        imported.answers.0.insert("b".into(), answer(Some(5), None));
        imported.answers.0.insert("e".into(), answer(Some(2), None));
        imported.cleared.insert(
            "d".into(),
            Clearing {
                answer: true,
                note: false,
            },
        );
        let mut answers = stored();
        let c = merge(&mut answers, &imported, Mode::Merge);
        assert_eq!(answers.0["a"], answer(Some(1), Some("new note")));
        assert_eq!(answers.0["b"], answer(Some(5), None));
        assert_eq!(answers.0["c"], answer(Some(3), None));
        assert_eq!(answers.0["d"], answer(None, Some("d note")));
        assert_eq!(answers.0["e"], answer(Some(2), None));
        assert_eq!(c.added, [("e".to_string(), AnswerValue::Int(2))]);
        assert_eq!(c.changed, [("b".to_string(), AnswerValue::Int(2), AnswerValue::Int(5))]);
        assert_eq!(c.kept, 2, "a and c");
        assert_eq!(c.removed, [("d".to_string(), AnswerValue::Int(4))]);
        assert_eq!(c.notes_updated, ["a"]);
        assert!(c.notes_removed.is_empty());

        let mut out = Vec::new();
        c.write(Lang::ZhHant, &mut out).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "  新增答案 1 題：e = 2\n  修改答案 1 題：b 2 → 5\n  刪除答案 1 題：d（原為 4）\n  \
             更新備註 1 題：a\n  保留原有答案 2 題\n"
        );
        let mut out = Vec::new();
        c.write(Lang::En, &mut out).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "  answers added 1: e = 2\n  answers changed 1: b 2 → 5\n  answers removed 1: d (was 4)\n  \
             notes updated 1: a\n  answers kept 2\n"
        );
    }

    #[test]
    fn replace_keeps_only_the_file() {
        let mut imported = Imported::default();
        imported.answers.0.insert("a".into(), answer(Some(1), None));
        let mut answers = stored();
        let c = merge(&mut answers, &imported, Mode::Replace);
        assert_eq!(answers.0.len(), 1);
        assert_eq!(answers.0["a"], answer(Some(1), None));
        assert_eq!(c.kept, 1);
        assert_eq!(c.removed.len(), 3);
        assert_eq!(c.notes_removed, ["a", "d"]);
    }

    #[test]
    fn yes_and_no_read_in_the_language_of_the_list() {
        let c = Changes {
            changed: vec![("x".into(), AnswerValue::Bool(true), AnswerValue::Bool(false))],
            ..Changes::default()
        };
        let mut out = Vec::new();
        c.write(Lang::ZhHans, &mut out).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "  修改答案 1 题：x 是 → 否\n  保留原有答案 0 题\n"
        );
    }

    #[test]
    fn clearing_words() {
        assert!(is_clear(" Clear "));
        assert!(is_clear("清除"));
        assert!(!is_clear("clearly"));
        assert!(!is_clear(""));
    }
}
