//! Figures as a reader sees them: a metric's name in the output language, its unit, its value in that unit, a
//! fact of the diagnosis with its label, a plugin's localised text. The terminal, the report and the charts all
//! word figures through here.

use chuxin_bench::metrics::metric;
use chuxin_bench::run::LocalText;
use chuxin_core::Lang;

/// A metric's name in `lang`, or its id.
pub fn metric_name(id: &str, lang: Lang) -> String {
    metric(id).map_or_else(|| id.to_string(), |m| lang.pick(m.zh_hant, m.zh_hans, m.en).to_string())
}

/// The unit to print beside a metric's values, when it is not a plain number.
pub fn unit_label(id: &str) -> Option<String> {
    use chuxin_bench::metrics::registry::Unit;
    match metric(id)?.unit {
        Unit::Percent => Some("%".into()),
        Unit::Fraction => Some("0–1".into()),
        Unit::Minutes => Some("min".into()),
        _ => None,
    }
}

/// A metric's value as text in its unit: `1.61%`, `12.50`, `0.78`, `+13.5%` for a ratio, `35 min`.
pub fn format_metric(id: &str, v: Option<f64>) -> String {
    use chuxin_bench::metrics::registry::Unit;
    let Some(v) = v else { return "—".into() };
    match metric(id).map(|m| m.unit) {
        Some(Unit::Percent) => format!("{v:.2}%"),
        Some(Unit::Ratio) => format!("{:+.1}%", v * 100.0),
        Some(Unit::Minutes) => format!("{v:.0} min"),
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
        "days" => format!("{value:.0} {}", lang.pick("天", "天", "days")),
        "minutes" => format!("{value:.0} {}", lang.pick("分鐘", "分钟", "min")),
        _ if value.abs() >= 100.0 => format!("{value:.0}"),
        _ => format!("{value:.2}"),
    };
    crate::FigureText {
        label: metric_name(name, lang),
        value,
    }
}

/// A plugin's localised text in `lang`.
pub fn local(t: &LocalText, lang: Lang) -> &str {
    lang.pick(&t.zh_hant, &t.zh_hans, &t.en)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_are_written_in_their_unit() {
        assert_eq!(format_metric("er_followers", Some(1.614)), "1.61%");
        assert_eq!(format_metric("posts", Some(48.0)), "48");
        assert_eq!(format_metric("posts", None), "—");
        assert_eq!(unit_label("er_followers").as_deref(), Some("%"));
        assert_eq!(unit_label("posts"), None);
    }

    #[test]
    fn facts_are_written_in_their_unit() {
        // `brand_reply_ratio` is a 0–1 share: 0.0752 reads as 7.5%.
        let f = figure_text("brand_reply_ratio", 0.07516, Lang::En);
        assert_eq!(f.value, "7.5%");
        assert_eq!(metric_name("no_such_metric", Lang::En), "no_such_metric");
    }
}
