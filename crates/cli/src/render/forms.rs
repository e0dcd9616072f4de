//! A questionnaire import's problems and an answer that does not fit its question, in the run's language: worded
//! from the typed reasons of `chuxin_forms` ([`chuxin_forms::Reason`]) and `chuxin_core` ([`AnswerError`])
//! through the message catalogue. File names, lines, fields, question ids and values stay as they are.

use chuxin_core::{Allowed, AnswerError, Expected, Lang, msg};
use chuxin_forms::{ImportError, Place, Problem, Reason};

/// An import that failed, in `lang`: its one problem, or the count followed by one problem a line.
pub fn import_error(e: &ImportError, lang: Lang) -> String {
    if let ([only], 0) = (e.problems(), e.more()) {
        return problem(only, lang);
    }
    let file = e.problems().first().map_or("", |p| p.file.as_str());
    let mut text = msg!(lang, "forms.problems", file = file, count = e.count());
    for p in e.problems() {
        text.push_str("\n  ");
        text.push_str(&problem(p, lang));
    }
    if e.more() > 0 {
        text.push_str("\n  ");
        text.push_str(&msg!(lang, "forms.more", count = e.more()));
    }
    text
}

/// One problem in `lang`: `file:line`, the field, the reason.
pub fn problem(p: &Problem, lang: Lang) -> String {
    let place = match p.line {
        Some(l) => format!("{}:{l}", p.file),
        None => p.file.clone(),
    };
    let reason = reason(&p.reason, lang);
    match &p.field {
        Some(field) => msg!(
            lang,
            "forms.problem_field",
            place = place,
            field = field,
            reason = reason
        ),
        None => msg!(lang, "forms.problem", place = place, reason = reason),
    }
}

/// Why a place of a filled questionnaire cannot be taken in, in `lang`.
pub fn reason(r: &Reason, lang: Lang) -> String {
    match r {
        Reason::Answer(e) => answer_error(e, lang),
        Reason::NotUtf8 => msg!(lang, "forms.not_utf8"),
        Reason::Syntax(detail) => msg!(lang, "forms.syntax", detail = detail),
        Reason::NoTopTable => msg!(lang, "forms.no_top_table"),
        Reason::NotADate(text) => msg!(lang, "forms.not_a_date", text = text),
        Reason::AnswersNotATable => msg!(lang, "forms.answers_not_a_table"),
        Reason::NoAnswers => msg!(lang, "forms.no_answers"),
        Reason::UnknownKey => msg!(lang, "forms.unknown_key"),
        Reason::NoteNotText => msg!(lang, "forms.note_not_text"),
        Reason::NotAnAnswer(value) => msg!(lang, "forms.not_an_answer", value = value),
        Reason::NoQuestionId => msg!(lang, "forms.no_question_id"),
        Reason::Twice { id, first } => {
            let first = match first {
                Place::Line(line) => msg!(lang, "forms.place_line", line = line),
                Place::Cell(cell) => cell.clone(),
            };
            msg!(lang, "forms.twice", id = id, first = first)
        }
        Reason::NoColumn(column) => msg!(lang, "forms.no_column", column = column),
        Reason::TooLarge { mb, max } => msg!(lang, "forms.too_large", mb = mb, max = max),
        Reason::NotAWorkbook(detail) => msg!(lang, "forms.not_a_workbook", detail = detail),
        Reason::UnreadableSheet(detail) => msg!(lang, "forms.unreadable_sheet", detail = detail),
        Reason::BeyondLastColumn => msg!(lang, "forms.beyond_last_column"),
        Reason::NoHeaderRow => msg!(lang, "forms.no_header_row"),
        // A reason the library adds later: as it words it.
        _ => r.to_string(),
    }
}

/// Why an answer does not fit its question, in `lang`.
pub fn answer_error(e: &AnswerError, lang: Lang) -> String {
    match e {
        AnswerError::UnknownQuestion(id) => msg!(lang, "answer.unknown_question", id = id),
        AnswerError::WrongKind {
            question,
            expected,
            got,
        } => msg!(
            lang,
            "answer.wrong_kind",
            question = question,
            expected = expected_text(expected, lang),
            got = got
        ),
        AnswerError::OutOfRange {
            question,
            got,
            allowed: Allowed::Options(ids),
        } => msg!(
            lang,
            "answer.not_an_option",
            question = question,
            got = got,
            options = options(ids, lang)
        ),
        AnswerError::OutOfRange { question, got, allowed } => msg!(
            lang,
            "answer.out_of_range",
            question = question,
            got = got,
            allowed = allowed_text(allowed, lang)
        ),
        _ => e.to_string(),
    }
}

/// Option ids as a list in `lang`: `` `a`、`b` `` or `` `a`, `b` ``.
fn options(ids: &[String], lang: Lang) -> String {
    let quoted: Vec<String> = ids.iter().map(|id| format!("`{id}`")).collect();
    quoted.join(lang.pick("、", "、", ", "))
}

/// What a question accepts, in `lang`.
pub fn expected_text(e: &Expected, lang: Lang) -> String {
    match e {
        Expected::Level { max } => msg!(lang, "answer.expected.level", max = max),
        Expected::YesNo => msg!(lang, "answer.expected.yes_no"),
        Expected::OneOf(ids) => msg!(lang, "answer.expected.one_of", options = options(ids, lang)),
        Expected::AnyOf(ids) => msg!(lang, "answer.expected.any_of", options = options(ids, lang)),
        Expected::Number => msg!(lang, "answer.expected.number"),
        Expected::Text => msg!(lang, "answer.expected.text"),
        Expected::List => msg!(lang, "answer.expected.list"),
        _ => e.to_string(),
    }
}

/// What a question allows, in `lang`.
fn allowed_text(a: &Allowed, lang: Lang) -> String {
    match a {
        Allowed::Levels { max } => msg!(lang, "answer.allowed.levels", max = max),
        Allowed::Between { min, max } => msg!(lang, "answer.allowed.between", min = min, max = max),
        Allowed::AtLeast(min) => msg!(lang, "answer.allowed.at_least", min = min),
        Allowed::AtMost(max) => msg!(lang, "answer.allowed.at_most", max = max),
        Allowed::Bands => msg!(lang, "answer.allowed.bands"),
        Allowed::Options(ids) => msg!(lang, "answer.allowed.options", options = options(ids, lang)),
        _ => a.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn catalog() -> chuxin_core::Catalog {
        chuxin_core::Catalog::new(vec![chuxin_core::core_pack().unwrap()]).unwrap()
    }

    /// Line 1 the header; 2 a level above the scale's 5; 3 an unknown id; 4 env.brand_sentiment again (first at
    /// line 2); 5 an answer without an id.
    #[test]
    fn import_problems_read_the_same_in_english_and_in_chinese_with_lines_kept() {
        let csv = "id,answer,note\nenv.brand_sentiment,9,\nenv.nonsense,1,\nenv.brand_sentiment,3,\n,4,\n";
        let err = chuxin_forms::import(csv.as_bytes(), "q.csv", chuxin_forms::Format::Csv, &catalog()).unwrap_err();
        assert_eq!(
            import_error(&err, Lang::En),
            err.to_string(),
            "English is the library's wording"
        );
        assert_eq!(
            import_error(&err, Lang::ZhHant),
            "`q.csv` 有 4 個問題，未匯入任何內容\n\
             \x20 q.csv:2：`answer (env.brand_sentiment)`：題目 `env.brand_sentiment`：`9` 超出範圍（等級 1 至 5）\n\
             \x20 q.csv:3：`id`：沒有題號為 `env.nonsense` 的題目\n\
             \x20 q.csv:4：`id`：題目 `env.brand_sentiment` 重複出現（第一次在第 2 行）\n\
             \x20 q.csv:5：`id`：有答案或備註，卻沒有填題號"
        );
    }

    #[test]
    fn every_answer_error_is_worded_in_simplified_chinese() {
        let wrong = AnswerError::WrongKind {
            question: "q".into(),
            expected: Expected::OneOf(vec!["a".into(), "b".into()]),
            got: "c".into(),
        };
        assert_eq!(
            answer_error(&wrong, Lang::ZhHans),
            "题目 `q` 需要填以下其中一个选项：`a`、`b`，但填的是 `c`"
        );
        assert_eq!(answer_error(&wrong, Lang::En), wrong.to_string());
        let range = AnswerError::OutOfRange {
            question: "n".into(),
            got: "-3".into(),
            allowed: Allowed::Between { min: 0.0, max: 100.0 },
        };
        assert_eq!(
            answer_error(&range, Lang::ZhHans),
            "题目 `n`：`-3` 超出范围（0 到 100）"
        );
        assert_eq!(
            answer_error(&range, Lang::En),
            "question `n`: `-3` is out of range (0 to 100)"
        );
    }
}
