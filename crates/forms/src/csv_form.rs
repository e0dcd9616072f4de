//! The questionnaire as CSV: one row a question, with empty `answer` and `note` columns to fill in. It starts
//! with a UTF-8 byte-order mark so that Excel opens the Chinese text correctly; the import accepts it with or
//! without.

use crate::answer_guide;
use chuxin_core::{Catalog, Lang};
use std::io::{self, Write};

/// The header of the questionnaire CSV. Only `id`, `answer` and `note` are read back.
pub const CSV_HEADER: [&str; 6] = ["id", "section", "question", "how_to_answer", "answer", "note"];

/// Writes the blank questionnaire as CSV (UTF-8 with BOM).
pub fn write_csv(catalog: &Catalog, lang: Lang, w: &mut dyn Write) -> io::Result<()> {
    w.write_all(b"\xEF\xBB\xBF")?;
    let mut out = csv::Writer::from_writer(w);
    out.write_record(CSV_HEADER)?;
    for (_, section) in catalog.sections() {
        for q in &section.questions {
            out.write_record([
                q.id.as_str(),
                section.title.get(lang),
                q.prompt.get(lang),
                &answer_guide(q, lang),
                "",
                "",
            ])?;
        }
    }
    out.flush()
}
