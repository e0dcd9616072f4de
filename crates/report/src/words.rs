//! The report's own words in the three languages, read by every renderer (the template gets them as the map
//! `t`): the `report.*` keys of the message catalogue (`data/messages/messages.toml`, see
//! [`chuxin_core::messages`]), by the rest of their key.

use chuxin_core::Lang;
use chuxin_core::messages::Catalogue;
use std::collections::BTreeMap;

/// One label in `lang`; `?` when unknown (a bug the catalogue's test catches, shown instead of failing).
pub fn word(lang: Lang, key: &str) -> &'static str {
    Catalogue::builtin().get(lang, &format!("report.{key}")).unwrap_or("?")
}

/// Every label in `lang`, by key.
pub fn all(lang: Lang) -> BTreeMap<&'static str, &'static str> {
    Catalogue::builtin().group(lang, "report")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_label_is_set_in_every_language() {
        let keys = all(Lang::En).len();
        assert!(keys > 70);
        for lang in Lang::ALL {
            assert_eq!(all(lang).len(), keys);
            assert!(all(lang).values().all(|v| !v.trim().is_empty()));
        }
        assert_eq!(word(Lang::ZhHans, "overall"), "总分");
    }
}
