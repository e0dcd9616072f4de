//! The questionnaire's columns: their headers in each language, and which header an import takes for which column.
//!
//! The workbook is written with the headers of the form's language; an import finds the `id`, `answer` and `note`
//! columns under any of these headers, in any language, and under the English ones earlier versions wrote
//! (`id`, `answer`, `note`), whatever their case or surrounding spaces.

use chuxin_core::Lang;

/// A column of the questionnaire.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Column {
    /// The question id: what the import keys on.
    Id,
    /// The question, in the form's language.
    Question,
    /// How to answer: the levels, options or unit.
    HowToAnswer,
    /// The client's answer.
    Answer,
    /// The client's note.
    Note,
}

impl Column {
    /// The columns of the questionnaire workbook, in order.
    pub const WORKBOOK: [Column; 5] = [
        Column::Id,
        Column::Question,
        Column::HowToAnswer,
        Column::Answer,
        Column::Note,
    ];

    /// The header of this column in `lang`.
    pub fn header(self, lang: Lang) -> &'static str {
        match self {
            Column::Id => lang.pick("題號", "题号", "ID"),
            Column::Question => lang.pick("問題", "问题", "Question"),
            Column::HowToAnswer => lang.pick("作答方式", "作答方式", "How to answer"),
            Column::Answer => lang.pick("您的答案", "您的答案", "Your answer"),
            Column::Note => lang.pick("備註", "备注", "Notes"),
        }
    }

    /// Every header an import accepts for this column: the headers of all three languages and the English
    /// names earlier versions wrote.
    fn accepted(self) -> Vec<&'static str> {
        let legacy: &[&str] = match self {
            Column::Id => &["id"],
            Column::Question => &["question"],
            Column::HowToAnswer => &["how_to_answer"],
            Column::Answer => &["answer", "答案"],
            Column::Note => &["note", "備註", "备注"],
        };
        let mut all: Vec<&str> = [Lang::ZhHant, Lang::ZhHans, Lang::En]
            .into_iter()
            .map(|l| self.header(l))
            .collect();
        all.extend_from_slice(legacy);
        all
    }

    /// Returns true if and only if `header` (a cell of a header row) names this column.
    pub fn is_named(self, header: &str) -> bool {
        let header = header.trim();
        self.accepted().iter().any(|h| h.eq_ignore_ascii_case(header))
    }

    /// The position of this column in a header row, if it is there.
    pub fn find<'a>(self, headers: impl IntoIterator<Item = &'a str>) -> Option<usize> {
        headers.into_iter().position(|h| self.is_named(h))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[track_caller]
    fn case(header: &str, expected: Option<Column>) {
        let found = Column::WORKBOOK.into_iter().find(|c| c.is_named(header));
        assert_eq!(found, expected, "{header}");
    }

    #[test]
    fn headers_in_every_language_and_the_old_english_ones_are_recognised() {
        case("id", Some(Column::Id));
        case(" ID ", Some(Column::Id));
        case("題號", Some(Column::Id));
        case("题号", Some(Column::Id));
        case("answer", Some(Column::Answer));
        case("Your answer", Some(Column::Answer));
        case("您的答案", Some(Column::Answer));
        case("答案", Some(Column::Answer));
        case("note", Some(Column::Note));
        case("备注", Some(Column::Note));
        case("how_to_answer", Some(Column::HowToAnswer));
        case("作答方式", Some(Column::HowToAnswer));
        case("answers", None);
    }
}
