//! Figures as a reader sees them: a metric's name in the output language, its unit, its value in that unit, a
//! fact of the diagnosis with its label, a plugin's localised text. The terminal, the report and the charts all
//! word figures through here.

use chuxin_bench::metrics::metric;
use chuxin_bench::run::LocalText;
use chuxin_core::Lang;
use chuxin_core::messages::Catalogue;
use chuxin_core::msg;

/// A metric's name in `lang`, or its id.
pub fn metric_name(id: &str, lang: Lang) -> String {
    // The metric registry is the one place of metric names (with their formulas and sources).
    metric(id).map_or_else(
        || id.to_string(),
        |m| {
            match lang {
                Lang::ZhHant => m.zh_hant,
                Lang::ZhHans => m.zh_hans,
                Lang::En => m.en,
            }
            .to_string()
        },
    )
}

/// The unit to print beside a metric's values, when it is not a plain number.
pub fn unit_label(id: &str, lang: Lang) -> Option<String> {
    use chuxin_bench::metrics::registry::Unit;
    match metric(id)?.unit {
        Unit::Percent => Some("%".into()),
        Unit::Fraction => Some("0–1".into()),
        Unit::Minutes => Some(msg!(lang, "unit.minutes")),
        _ => None,
    }
}

/// A metric's value as text in its unit: `1.61%`, `12.50`, `0.78`, `+13.5%` for a ratio, `35 min`.
pub fn format_metric(id: &str, v: Option<f64>, lang: Lang) -> String {
    use chuxin_bench::metrics::registry::Unit;
    let Some(v) = v else { return "—".into() };
    match metric(id).map(|m| m.unit) {
        Some(Unit::Percent) => format!("{v:.2}%"),
        Some(Unit::Ratio) => format!("{:+.1}%", v * 100.0),
        Some(Unit::Minutes) => format!("{v:.0} {}", msg!(lang, "unit.minutes")),
        Some(Unit::Count) if v.fract() == 0.0 => format!("{v:.0}"),
        _ if v.abs() >= 1000.0 => format!("{v:.0}"),
        _ => format!("{v:.2}"),
    }
}

/// A measured figure (a fact for the diagnosis) as a reader sees it: its name in `lang` (the metric registry's
/// name where the fact is a metric, else its id) and its value in its unit (`0–1` shares as percentages).
pub fn figure_text(name: &str, value: f64, lang: Lang) -> crate::FigureText {
    let unit = chuxin_bench::evidence::FACTS
        .iter()
        .find(|f| f.name == name)
        .map_or("", |f| f.unit);
    let value = match unit {
        "0–1" => format!("{:.1}%", value * 100.0),
        "ratio" => format!("{:+.1}%", value * 100.0),
        "%" => format!("{value:.2}%"),
        "count" | "index" => format!("{value:.0}"),
        "days" => format!("{value:.0} {}", msg!(lang, "unit.days")),
        "minutes" => format!("{value:.0} {}", msg!(lang, "unit.minutes")),
        _ if value.abs() >= 100.0 => format!("{value:.0}"),
        _ => format!("{value:.2}"),
    };
    let label = match metric(name) {
        Some(_) => metric_name(name, lang),
        // A fact that is not a metric of the registry is named in the catalogue (`fact.*`).
        None => Catalogue::builtin()
            .get(lang, &format!("fact.{name}"))
            .map_or_else(|| name.to_string(), str::to_string),
    };
    crate::FigureText { label, value }
}

/// How the encoding was decided (`Big5 (detected)`), in `lang`.
pub fn encoding_decided(text: &str, lang: Lang) -> String {
    let Some((name, how)) = text.strip_suffix(')').and_then(|t| t.rsplit_once(" (")) else {
        return text.to_string();
    };
    let how = match how {
        "given" => msg!(lang, "encoding.given"),
        "byte-order mark" => msg!(lang, "encoding.bom"),
        "valid UTF-8" => msg!(lang, "encoding.utf8"),
        "detected" => msg!(lang, "encoding.detected"),
        other => other.to_string(),
    };
    format!("{name} ({how})")
}

/// The engine's note on an ignored column (stored with the run, in English) in `lang`: the two notes the
/// engine writes are worded from the catalogue; any other stays as stored.
pub fn column_warning(text: &str, lang: Lang) -> String {
    if text.starts_with("ignored, but the header looks like a measure") {
        return msg!(lang, "column.looks_like_measure");
    }
    let share = text
        .strip_prefix("ignored, but ")
        .and_then(|t| t.split_once("% of its values are numbers"))
        .map(|(share, _)| share);
    match share {
        Some(share) => msg!(lang, "column.mostly_numbers", share = share),
        None => text.to_string(),
    }
}

/// A plugin's localised text in `lang`.
pub fn local(t: &LocalText, lang: Lang) -> &str {
    match lang {
        Lang::ZhHant => &t.zh_hant,
        Lang::ZhHans => &t.zh_hans,
        Lang::En => &t.en,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_engines_column_notes_are_worded_in_the_output_language() {
        let measure = "ignored, but the header looks like a measure: map it in a profile if it is one";
        assert_eq!(column_warning(measure, Lang::En), measure);
        assert!(column_warning(measure, Lang::ZhHant).contains("像是數據指標"));
        let numbers = "ignored, but 93% of its values are numbers: map it in a profile if it is a measure";
        assert_eq!(column_warning(numbers, Lang::En), numbers);
        assert!(column_warning(numbers, Lang::ZhHans).contains("93%"));
        assert_eq!(column_warning("other", Lang::ZhHans), "other");
    }

    #[test]
    fn every_fact_has_a_name_in_every_language() {
        for fact in chuxin_bench::evidence::FACTS {
            for lang in Lang::ALL {
                let label = figure_text(fact.name, 1.0, lang).label;
                assert!(
                    label != fact.name,
                    "fact `{}` has no {lang} name (registry or `fact.*`)",
                    fact.name
                );
            }
        }
    }

    #[test]
    fn values_are_written_in_their_unit() {
        assert_eq!(format_metric("er_followers", Some(1.614), Lang::En), "1.61%");
        assert_eq!(format_metric("posts", Some(48.0), Lang::En), "48");
        assert_eq!(format_metric("posts", None, Lang::En), "—");
        assert_eq!(unit_label("er_followers", Lang::En).as_deref(), Some("%"));
        assert_eq!(unit_label("posts", Lang::En), None);
    }

    #[test]
    fn facts_are_written_in_their_unit() {
        // `brand_reply_ratio` is a 0–1 share: 0.0752 reads as 7.5%.
        let f = figure_text("brand_reply_ratio", 0.07516, Lang::En);
        assert_eq!(f.value, "7.5%");
        assert_eq!(metric_name("no_such_metric", Lang::En), "no_such_metric");
    }
}
