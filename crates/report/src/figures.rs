//! Figures as a reader sees them: a metric's name in the output language, its unit, its value in that unit, a
//! fact of the diagnosis with its label, a plugin's localised text, a platform's, an industry's or a reference
//! row's region's name, and the line saying which reference rows a run left out. The
//! terminal, the report and the charts all word figures through here.
//!
//! Numbers have one formatter, [`format_number`]: thousands separators in every language (`267,483.5`), and in
//! Chinese a large count read the way a Chinese reader says it (`26.7 萬`, `26.7 万`, `3.2 億`); at most one
//! decimal from 100 up and two below it, without trailing zeros. Percentages keep two decimals below 1 % and
//! one above ([`format_percent`]); an index is a whole number.

use chuxin_bench::engine::ColumnWarning;
use chuxin_bench::field::Field;
use chuxin_bench::metrics::metric;
use chuxin_bench::run::LocalText;
use chuxin_bench::{RowError, RowReason};
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

/// A metric's name inside an English sentence: lower-cased unless it starts with an acronym (`ER`); Chinese
/// names are left as they are.
pub fn in_sentence(label: &str, lang: Lang) -> String {
    let mut chars = label.chars();
    match (lang, chars.next(), chars.next()) {
        (Lang::En, Some(a), Some(b)) if a.is_uppercase() && b.is_lowercase() => {
            a.to_lowercase().chain(label.chars().skip(1)).collect()
        }
        _ => label.to_string(),
    }
}

/// A platform id (`weibo`, `xiaohongshu`) as a reader sees it in `lang` (微博, 小紅書, Weibo); an id the
/// catalogue does not name is shown as it is.
pub fn platform_name(id: &str, lang: Lang) -> String {
    named("platform", id, lang)
}

/// An industry id (`food`, `finance`, `all`) as a reader sees it in `lang` (餐飲, 金融服務, Food & beverage); an
/// id the catalogue does not name (an industry the agency typed) is shown as it is.
pub fn industry_name(id: &str, lang: Lang) -> String {
    named("industry", id, lang)
}

/// The population a reference row describes (`global`, `tw`, `us`), as a reader sees it in `lang` (全球, Taiwan,
/// US); "region not stated" for a row without one; an id the catalogue does not name is shown as it is.
pub fn region_name(region: Option<&str>, lang: Lang) -> String {
    named("region", region.unwrap_or("unstated"), lang)
}

/// The one line saying how many of the plugins' reference rows a run left out of the client's comparison and why
/// (their platforms outside the client's market, another population, none stated); `None` when none was.
pub fn references_left_out(run: &chuxin_bench::BenchRun, lang: Lang) -> Option<String> {
    use chuxin_bench::reference::{LeftOutReason, counts};
    let left_out = &run.references_left_out;
    if left_out.is_empty() {
        return None;
    }
    let market = run
        .market
        .as_deref()
        .and_then(|id| chuxin_core::markets().get(id))
        .map_or_else(
            || run.market.clone().unwrap_or_default(),
            |m| m.name.get(lang).to_string(),
        );
    let reasons: Vec<String> = counts(left_out)
        .into_iter()
        .map(|(reason, count)| match reason {
            LeftOutReason::Platform => msg!(lang, "references.left_out_platform", count = count, market = market),
            LeftOutReason::Region => {
                let mut regions: Vec<String> = left_out
                    .iter()
                    .filter(|l| l.reason == reason)
                    .map(|l| region_name(l.row.region.as_deref(), lang))
                    .collect();
                regions.sort();
                regions.dedup();
                let sep = lang.pick("、", "、", ", ");
                msg!(
                    lang,
                    "references.left_out_region",
                    count = count,
                    regions = regions.join(sep)
                )
            }
            LeftOutReason::RegionUnstated => msg!(lang, "references.left_out_unstated", count = count),
        })
        .collect();
    let sep = lang.pick("；", "；", "; ");
    Some(msg!(
        lang,
        "references.left_out",
        count = left_out.len(),
        reasons = reasons.join(sep)
    ))
}

fn named(group: &str, id: &str, lang: Lang) -> String {
    Catalogue::builtin()
        .get(lang, &format!("{group}.{}", id.trim().to_lowercase()))
        .map_or_else(|| id.to_string(), str::to_string)
}

/// Digits of `x` with at most `decimals` decimals, no trailing zeros, and `,` between thousands.
fn grouped(x: f64, decimals: usize) -> String {
    let fixed = format!("{:.decimals$}", x.abs());
    let (int, frac) = fixed.split_once('.').unwrap_or((&fixed, ""));
    let frac = frac.trim_end_matches('0');
    let mut out = String::new();
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    if !frac.is_empty() {
        out.push('.');
        out.push_str(frac);
    }
    if x < 0.0 && out.chars().any(|c| c.is_ascii_digit() && c != '0') {
        out.insert(0, '-');
    }
    out
}

/// A number as a reader of `lang` reads it: `267,483.5` and `14,614` in English; in Chinese the same below
/// 100,000 and from there in 萬 (`26.7 萬`) or, from 100 million, 億. At most one decimal from 100 up, two below.
pub fn format_number(x: f64, lang: Lang) -> String {
    if !x.is_finite() {
        return "—".into();
    }
    if lang != Lang::En {
        if x.abs() >= 1e8 {
            return format!("{} {}", grouped(x / 1e8, 1), msg!(lang, "unit.hundred_million"));
        }
        if x.abs() >= 1e5 {
            return format!("{} {}", grouped(x / 1e4, 1), msg!(lang, "unit.ten_thousand"));
        }
    }
    grouped(x, if x.abs() >= 100.0 { 1 } else { 2 })
}

/// A percentage (already ×100) as text: two decimals below 1 %, one from there (`0.53%`, `31.6%`).
pub fn format_percent(p: f64) -> String {
    if !p.is_finite() {
        return "—".into();
    }
    format!("{}%", grouped(p, if p.abs() < 1.0 { 2 } else { 1 }))
}

/// An index (competitor median = 100) as a whole number.
pub fn format_index(i: f64) -> String {
    if i.is_finite() { format!("{i:.0}") } else { "—".into() }
}

/// The unit to print beside a metric's values, when it is not a plain number (shares in 0–1 are shown as
/// percentages).
pub fn unit_label(id: &str, lang: Lang) -> Option<String> {
    use chuxin_bench::metrics::registry::Unit;
    match metric(id)?.unit {
        Unit::Percent | Unit::Fraction => Some("%".into()),
        Unit::Minutes => Some(msg!(lang, "unit.minutes")),
        _ => None,
    }
}

/// A metric's value as text in its unit: `1.6%`, `0.53%`, `12.5`, `+13.5%` for a ratio, `7.5%` for a 0–1
/// share, `35 分鐘`, `26.7 萬` for a large count in Chinese.
pub fn format_metric(id: &str, v: Option<f64>, lang: Lang) -> String {
    use chuxin_bench::metrics::registry::Unit;
    let Some(v) = v.filter(|v| v.is_finite()) else {
        return "—".into();
    };
    match metric(id).map(|m| m.unit) {
        Some(Unit::Percent) => format_percent(v),
        Some(Unit::Fraction) => format_percent(v * 100.0),
        Some(Unit::Ratio) => format!("{}{}", if v > 0.0 { "+" } else { "" }, format_percent(v * 100.0)),
        Some(Unit::Minutes) => format!("{} {}", format_number(v.round(), lang), msg!(lang, "unit.minutes")),
        _ => format_number(v, lang),
    }
}

/// A measured figure (a fact for the diagnosis) as a reader sees it: its name in `lang` (the metric registry's
/// name where the fact is a metric, else its id) and its value in its unit (`0–1` shares as percentages).
pub fn figure_text(name: &str, value: f64, lang: Lang) -> crate::FigureText {
    // A part of a fact (`competitor_share_elsewhere.douyin`) is the fact's label and unit, for one platform.
    if let Some((whole, part)) = chuxin_bench::evidence::part_of(name) {
        let shown = figure_text(whole.name, value, lang);
        return crate::FigureText {
            label: format!("{} · {}", shown.label, platform_name(part, lang)),
            ..shown
        };
    }
    let unit = chuxin_bench::evidence::FACTS
        .iter()
        .find(|f| f.name == name)
        .map_or("", |f| f.unit);
    let value = fact_value(unit, value, lang);
    let label = match metric(name) {
        Some(_) => metric_name(name, lang),
        // A fact that is not a metric of the registry is named in the catalogue (`fact.*`).
        None => Catalogue::builtin()
            .get(lang, &format!("fact.{name}"))
            .map_or_else(|| name.to_string(), str::to_string),
    };
    crate::FigureText {
        label,
        value,
        competitors: None,
    }
}

/// A fact's value in its unit (`0–1` shares as percentages), through the one number formatter.
fn fact_value(unit: &str, value: f64, lang: Lang) -> String {
    match unit {
        "0–1" => format_percent(value * 100.0),
        "ratio" => format!(
            "{}{}",
            if value > 0.0 { "+" } else { "" },
            format_percent(value * 100.0)
        ),
        // A difference of two 0–1 shares, in percentage points.
        "share points" => format!(
            "{}{} {}",
            if value > 0.0 { "+" } else { "" },
            format_number((value * 100.0 * 10.0).round() / 10.0, lang),
            msg!(lang, "unit.points")
        ),
        "%" => format_percent(value),
        "count" => format_number(value.round(), lang),
        "index" => format_index(value),
        "days" => format!("{} {}", format_number(value.round(), lang), msg!(lang, "unit.days")),
        "minutes" => format!("{} {}", format_number(value.round(), lang), msg!(lang, "unit.minutes")),
        _ => format_number(value, lang),
    }
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

/// The engine's note on an ignored column, in `lang`.
pub fn column_warning(warning: ColumnWarning, lang: Lang) -> String {
    match warning {
        ColumnWarning::LooksLikeMeasure => msg!(lang, "column.looks_like_measure"),
        ColumnWarning::MostlyNumbers { percent } => msg!(lang, "column.mostly_numbers", share = percent),
    }
}

/// A bad row in `lang`: `FILE:LINE: column `HEADER`: reason`, the file, line and header verbatim.
pub fn row_error(e: &RowError, lang: Lang) -> String {
    let reason = row_reason(&e.reason, lang);
    match &e.column {
        Some(c) => msg!(
            lang,
            "row.at_column",
            file = e.source_name,
            line = e.line,
            column = c,
            reason = reason
        ),
        None => msg!(lang, "row.at", file = e.source_name, line = e.line, reason = reason),
    }
}

/// Why a row is bad, in `lang`, from the reason's data (the cell quoted as written).
pub fn row_reason(reason: &RowReason, lang: Lang) -> String {
    let field_word = |f: Field| match f {
        Field::Brand => msg!(lang, "row.field.brand"),
        Field::Platform => msg!(lang, "row.field.platform"),
        Field::Time => msg!(lang, "row.field.date"),
        Field::MessageId => msg!(lang, "row.field.message_id"),
        Field::Year => msg!(lang, "row.field.year"),
        Field::Month => msg!(lang, "row.field.month"),
        Field::Day => msg!(lang, "row.field.day"),
        Field::Hour => msg!(lang, "row.field.hour"),
        other => other.name().to_string(),
    };
    match reason {
        RowReason::Empty(f) => msg!(lang, "row.empty", field = field_word(*f)),
        RowReason::NotADate { text } => msg!(lang, "row.not_a_date", text = text),
        RowReason::NotAPart { text, field } => msg!(lang, "row.not_a_part", text = text, field = field_word(*field)),
        RowReason::NoSuchDay { year, month, day } => {
            msg!(lang, "row.no_such_day", year = year, month = month, day = day)
        }
        RowReason::NotAnHour(h) => msg!(lang, "row.not_an_hour", hour = h),
        RowReason::OutsideYears { date, from, to } => {
            msg!(lang, "row.outside_years", date = date, from = from, to = to)
        }
        RowReason::ShortRow { fields, headers } => msg!(lang, "row.short_row", fields = fields, headers = headers),
        RowReason::LongRow { fields, headers } => msg!(lang, "row.long_row", fields = fields, headers = headers),
        RowReason::NotANumber(t) => msg!(lang, "row.not_a_number", text = t),
        RowReason::Negative(t) => msg!(lang, "row.negative", text = t),
        RowReason::NotAFlag(t) => msg!(lang, "row.not_a_flag", text = t),
        RowReason::NotASentiment(t) => msg!(lang, "row.not_a_sentiment", text = t),
        RowReason::NoDirection => msg!(lang, "row.no_direction"),
        RowReason::InvalidText => msg!(lang, "row.invalid_text"),
        RowReason::OpenQuote => msg!(lang, "row.open_quote"),
        RowReason::LongRecord(mb) => msg!(lang, "row.long_record", mb = mb),
        // Read back from a stored run: the sentence as stored; and any reason a newer engine adds.
        other => other.to_string(),
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
        let measure = ColumnWarning::LooksLikeMeasure;
        assert_eq!(
            column_warning(measure, Lang::En),
            "ignored, but the header looks like a measure: map it in a profile if it is one"
        );
        assert!(column_warning(measure, Lang::ZhHant).contains("像是數據指標"));
        let numbers = ColumnWarning::MostlyNumbers { percent: 93 };
        assert_eq!(column_warning(numbers, Lang::En), numbers.to_string());
        assert!(column_warning(numbers, Lang::ZhHans).contains("有 93% 的值是数字"));
    }

    #[test]
    fn a_bad_row_is_worded_in_the_output_language_with_file_line_and_column_verbatim() {
        let row = |column: Option<&str>, reason| RowError {
            source_name: "exports/posts.csv".into(),
            line: 7,
            column: column.map(String::from),
            reason,
        };
        let number = row(Some("點贊"), RowReason::NotANumber("很多".into()));
        // English is the library's own sentence.
        assert_eq!(row_error(&number, Lang::En), number.to_string());
        assert_eq!(
            row_error(&number, Lang::ZhHant),
            "exports/posts.csv:7：欄位 `點贊`：`很多` 不是數字"
        );
        assert_eq!(
            row_error(&number, Lang::ZhHans),
            "exports/posts.csv:7：列 `點贊`：`很多` 不是数字"
        );
        let short = row(None, RowReason::ShortRow { fields: 4, headers: 6 });
        assert_eq!(row_error(&short, Lang::En), short.to_string());
        assert_eq!(
            row_error(&short, Lang::ZhHant),
            "exports/posts.csv:7：這一列只有 4 個欄位，標題列卻有 6 個（缺了儲存格，或在引號外斷行）"
        );
        let empty = row(Some("平台"), RowReason::Empty(Field::Platform));
        assert_eq!(
            row_error(&empty, Lang::ZhHans),
            "exports/posts.csv:7：列 `平台`：平台为空"
        );
        let date = row(Some("時間"), RowReason::Empty(Field::Time));
        assert_eq!(
            row_error(&date, Lang::En),
            "exports/posts.csv:7: column `時間`: the date is empty"
        );
        let hour = row(Some("時"), RowReason::NotAnHour(25));
        assert_eq!(row_error(&hour, Lang::En), hour.to_string());
        assert_eq!(row_reason(&hour.reason, Lang::ZhHant), "`25` 不是有效的小時（0–23）");
        // Every reason's English from the catalogue is the library's own sentence.
        for reason in [
            RowReason::Empty(Field::Brand),
            RowReason::Empty(Field::MessageId),
            RowReason::Empty(Field::Month),
            RowReason::NotADate { text: "昨天".into() },
            RowReason::NotAPart {
                text: "x".into(),
                field: Field::Year,
            },
            RowReason::NoSuchDay {
                year: 2024,
                month: 2,
                day: 30,
            },
            RowReason::OutsideYears {
                date: "1890-01-01".into(),
                from: 2000,
                to: 2027,
            },
            RowReason::LongRow { fields: 8, headers: 7 },
            RowReason::Negative("-3".into()),
            RowReason::NotAFlag("maybe".into()),
            RowReason::NotASentiment("meh".into()),
            RowReason::NoDirection,
            RowReason::InvalidText,
            RowReason::OpenQuote,
            RowReason::LongRecord(16),
            RowReason::Stored("as stored".into()),
        ] {
            assert_eq!(row_reason(&reason, Lang::En), reason.to_string());
            // And Chinese words it (a stored sentence stays as stored).
            let stored = matches!(reason, RowReason::Stored(_));
            assert_eq!(
                row_reason(&reason, Lang::ZhHant) == reason.to_string(),
                stored,
                "{reason}"
            );
        }
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

    #[track_caller]
    fn case(x: f64, lang: Lang, expected: &str) {
        assert_eq!(format_number(x, lang), expected);
    }

    #[test]
    fn numbers_are_written_for_their_language() {
        case(267_483.5, Lang::En, "267,483.5");
        case(267_483.5, Lang::ZhHant, "26.7 萬");
        case(267_483.5, Lang::ZhHans, "26.7 万");
        case(200_000.0, Lang::ZhHant, "20 萬");
        case(99_999.0, Lang::ZhHant, "99,999");
        case(14_614.0, Lang::ZhHans, "14,614");
        case(26_093.333, Lang::En, "26,093.3");
        case(1_234_567.0, Lang::En, "1,234,567");
        case(320_000_000.0, Lang::ZhHant, "3.2 億");
        case(320_000_000.0, Lang::ZhHans, "3.2 亿");
        case(304.46, Lang::En, "304.5");
        case(3.818, Lang::En, "3.82");
        case(4.0, Lang::En, "4");
        case(-0.001, Lang::En, "0");
        case(-1_500.26, Lang::En, "-1,500.3");
        assert_eq!(format_percent(0.5278), "0.53%");
        assert_eq!(format_percent(31.578), "31.6%");
        assert_eq!(format_index(45.91), "46");
    }

    #[test]
    fn every_known_platform_and_industry_has_a_name_in_every_language() {
        let vocabulary = include_str!("../../../data/vocabulary/headers.toml");
        let platforms: Vec<&str> = vocabulary
            .lines()
            .filter_map(|l| l.strip_prefix("[platforms.")?.strip_suffix(']'))
            .collect();
        assert!(platforms.len() > 10 && platforms.contains(&"douyin"));
        let packs = [
            include_str!("../../../plugins/food/pack.toml"),
            include_str!("../../../plugins/retail/pack.toml"),
            include_str!("../../../plugins/finance/pack.toml"),
        ];
        let industries: Vec<&str> = packs
            .iter()
            .filter_map(|p| p.lines().find_map(|l| l.strip_prefix("industries = [")))
            .flat_map(|l| l.trim_end_matches(']').split(','))
            .map(|s| s.trim().trim_matches('"'))
            .chain(["all"])
            .collect();
        assert!(industries.len() >= 12 && industries.contains(&"food"));
        for lang in Lang::ALL {
            for p in &platforms {
                let key = format!("platform.{p}");
                assert!(
                    Catalogue::builtin().get(lang, &key).is_some(),
                    "{key} has no {lang} name"
                );
            }
            for i in &industries {
                let key = format!("industry.{i}");
                assert!(
                    Catalogue::builtin().get(lang, &key).is_some(),
                    "{key} has no {lang} name"
                );
            }
        }
    }

    #[test]
    fn every_market_and_the_usual_regions_are_named_in_every_language() {
        let ids = chuxin_core::markets().ids();
        assert!(ids.contains(&"global") && ids.contains(&"tw"));
        for lang in Lang::ALL {
            for id in ids.iter().copied().chain(["us"]) {
                let key = format!("region.{id}");
                assert!(
                    Catalogue::builtin().get(lang, &key).is_some(),
                    "{key} has no {lang} name"
                );
            }
        }
        assert_eq!(region_name(Some("global"), Lang::En), "global");
        assert_eq!(region_name(Some("global"), Lang::ZhHant), "全球");
        assert_eq!(region_name(Some("tw"), Lang::ZhHans), "台湾");
        assert_eq!(region_name(None, Lang::En), "region not stated");
        assert_eq!(region_name(Some("jp"), Lang::En), "jp", "an unknown id stays as it is");
    }

    /// A Taiwan run that left out two rows for their platform, two for other populations (US twice, counted once
    /// in the list) and one without a region: one line, the reasons in order, the market named in the language.
    #[test]
    fn the_left_out_line_counts_each_reason() {
        let row = |platform: &str, region: Option<&str>| {
            let region = region.map_or(String::new(), |r| format!(r#""region": "{r}","#));
            format!(
                r#"{{ "source": "Rival IQ", "report_year": 2023, "platform": "{platform}", {region} "industry": "all",
                "metric": "er_followers_per_post", "actions": "likes", "denominator": "followers",
                "statistic": "median", "value": 0.0006, "url": "https://example.invalid" }}"#
            )
        };
        let left = [
            ("platform", row("x", Some("global"))),
            ("region", row("facebook", Some("us"))),
            ("platform", row("tiktok", Some("global"))),
            ("region_unstated", row("facebook", None)),
            ("region", row("instagram", Some("us"))),
        ]
        .iter()
        .map(|(reason, row)| format!(r#"{{ "reason": "{reason}", "row": {row} }}"#))
        .collect::<Vec<_>>()
        .join(",");
        let json = format!(
            r#"{{ "schema": 2, "date": "2026-11-01", "client": "Acme", "competitors": [], "files": [],
            "period": "month", "posts": 3, "skipped": 0, "duplicates": 0, "facts": {{}},
            "overall": {{ "client": "Acme", "competitors": [], "missing": [], "platform": null, "period": null,
            "metrics": [] }},
            "by_platform": [], "series": {{ "metric": "interactions_per_post", "periods": [], "lines": [] }},
            "plugins": [], "warnings": [], "market": "tw", "references_left_out": [{left}] }}"#
        );
        let mut run = chuxin_bench::BenchRun::from_json(&json).unwrap();
        assert_eq!(
            references_left_out(&run, Lang::En).unwrap(),
            "5 reference rows left out as not applying to this client: 2 for platforms outside the Taiwan market \
             that the client does not post on; 2 describing another population (US); 1 whose plugin does not say \
             which population they describe."
        );
        assert_eq!(
            references_left_out(&run, Lang::ZhHant).unwrap(),
            "未列出 5 筆不適用於此客戶的參考數據：2 筆來自台灣市場以外、客戶也未經營的平台；2 筆描述其他地區（美國）；\
             1 筆的外掛未註明數據描述哪個地區。"
        );
        run.references_left_out.clear();
        assert_eq!(references_left_out(&run, Lang::En), None);
    }

    #[test]
    fn platforms_and_industries_are_named_in_the_language() {
        assert_eq!(platform_name("weibo", Lang::ZhHant), "微博");
        assert_eq!(platform_name("douyin", Lang::En), "Douyin");
        assert_eq!(platform_name("xiaohongshu", Lang::ZhHans), "小红书");
        assert_eq!(
            platform_name("mastodon", Lang::En),
            "mastodon",
            "an unknown id stays as it is"
        );
        assert_eq!(industry_name("food", Lang::ZhHant), "餐飲");
        assert_eq!(industry_name("food", Lang::ZhHans), "餐饮");
        assert_eq!(industry_name("food", Lang::En), "Food & beverage");
        assert_eq!(industry_name("tea", Lang::En), "tea");
    }

    #[test]
    fn values_are_written_in_their_unit() {
        assert_eq!(format_metric("er_followers", Some(1.614), Lang::En), "1.6%");
        assert_eq!(format_metric("er_followers", Some(0.5278), Lang::En), "0.53%");
        assert_eq!(format_metric("followers", Some(267_483.5), Lang::ZhHant), "26.7 萬");
        assert_eq!(format_metric("brand_reply_ratio", Some(0.07516), Lang::En), "7.5%");
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
        // A gap between two shares is in percentage points, signed.
        let f = figure_text("brand_reply_ratio_gap_vs_competitors", -0.3, Lang::En);
        assert_eq!(f.value, "-30 percentage points");
        let f = figure_text("promo_share_gap_vs_competitors", 0.155, Lang::ZhHant);
        assert_eq!(f.value, "+15.5 個百分點");
        // A part of a fact is the fact for one platform.
        let f = figure_text("competitor_share_elsewhere.xiaohongshu", 0.15, Lang::ZhHans);
        assert_eq!(f.value, "15%");
        assert!(f.label.ends_with(" · 小红书"), "{}", f.label);
        assert_eq!(metric_name("no_such_metric", Lang::En), "no_such_metric");
    }
}
