//! A pack that does not validate, as a strategist reads it in the run's language: the typed [`PackError`] (its
//! place and problem) worded from the message catalogue (`pack.*`), with files, key paths and ids verbatim. The
//! terminal's errors and the plugin packs' warnings both word packs through here.

use chuxin_core::{IdKind, Lang, PackError, PackPlace, PackProblem as P, msg};

/// A pack that does not validate, in `lang`: its file, the key path or line and column, and what is wrong (the
/// rarer problems and the TOML reader's own message as they are given).
pub fn pack_error_text(e: &PackError, lang: Lang) -> String {
    let place = match &e.location {
        PackPlace::Key(key) => msg!(lang, "pack.place.key", key = key),
        PackPlace::At { line, column } => msg!(lang, "pack.place.at", line = line, column = column),
        PackPlace::Document => msg!(lang, "pack.place.document"),
        other => other.to_string(),
    };
    let problem = match &e.problem {
        P::MissingTranslation(tag) => msg!(lang, "pack.problem.missing_translation", lang = tag),
        P::EmptyTranslation => msg!(lang, "pack.problem.empty_translation"),
        P::TranslationNotText => msg!(lang, "pack.problem.translation_not_text"),
        P::UnknownQuestion(id) => msg!(lang, "pack.problem.unknown_question", id = id),
        P::NoSuchOption { question, option } => {
            msg!(
                lang,
                "pack.problem.no_such_option",
                question = question,
                option = option
            )
        }
        P::InvalidOptionId(id) => msg!(lang, "pack.problem.invalid_option_id", id = id),
        P::Duplicate { kind, id } => {
            let kind = match kind {
                IdKind::Section => msg!(lang, "pack.id_kind.section"),
                IdKind::Question => msg!(lang, "pack.id_kind.question"),
                IdKind::Option => msg!(lang, "pack.id_kind.option"),
                IdKind::Sin => msg!(lang, "pack.id_kind.sin"),
            };
            msg!(lang, "pack.problem.duplicate", kind = kind, id = id)
        }
        P::UnknownMarket { market, known } => {
            msg!(lang, "pack.problem.unknown_market", market = market, known = known)
        }
        P::BadSeverity(value) => msg!(lang, "pack.problem.bad_severity", value = value),
        P::UnknownSin(id) => msg!(lang, "pack.problem.unknown_sin", id = id),
        P::Syntax(message) => msg!(lang, "pack.problem.syntax", message = message),
        other => other.to_string(),
    };
    msg!(lang, "pack.error", origin = e.origin, place = place, problem = problem)
}
