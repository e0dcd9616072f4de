//! The audit model in-process: parsing, validation errors, answer checks, scoring and the rule language, on a
//! small pack whose scores are worked out by hand.

use chuxin_core::{AnswerValue, Answers, Catalog, Facts, Lang, Pack, assess};

const PACK: &str = r#"
id = "mini"
version = "1"
title = { zh-Hant = "小", zh-Hans = "小", en = "Mini" }
[[maturity]]
level = 1
min = 0
name = { zh-Hant = "起步", zh-Hans = "起步", en = "Start" }
description = { zh-Hant = "a", zh-Hans = "a", en = "a" }
source = "test"
[[maturity]]
level = 2
min = 50
name = { zh-Hant = "成熟", zh-Hans = "成熟", en = "Mature" }
description = { zh-Hant = "b", zh-Hans = "b", en = "b" }
source = "test"

[[sections]]
id = "a"
weight = 3
title = { zh-Hant = "甲", zh-Hans = "甲", en = "A" }
[[sections.questions]]
id = "a.scale"
kind = "scale"
weight = 2
prompt = { zh-Hant = "量表", zh-Hans = "量表", en = "Scale" }
rubric = { zh-Hant = "r", zh-Hans = "r", en = "r" }
levels = [
  { zh-Hant = "無", zh-Hans = "无", en = "None" },
  { zh-Hant = "少", zh-Hans = "少", en = "Little" },
  { zh-Hant = "中", zh-Hans = "中", en = "Some" },
  { zh-Hant = "多", zh-Hans = "多", en = "Much" },
  { zh-Hant = "全", zh-Hans = "全", en = "All" },
]
[[sections.questions]]
id = "a.yes"
kind = "yes_no"
no_score = 0.25
prompt = { zh-Hant = "是否", zh-Hans = "是否", en = "Yes?" }
rubric = { zh-Hant = "r", zh-Hans = "r", en = "r" }
[[sections.questions]]
id = "a.channels"
kind = "list"
prompt = { zh-Hant = "渠道", zh-Hans = "渠道", en = "Channels" }

[[sections]]
id = "b"
title = { zh-Hant = "乙", zh-Hans = "乙", en = "B" }
[[sections.questions]]
id = "b.one"
kind = "single"
prompt = { zh-Hant = "單選", zh-Hans = "单选", en = "One" }
rubric = { zh-Hant = "r", zh-Hans = "r", en = "r" }
options = [
  { id = "low", label = { zh-Hant = "低", zh-Hans = "低", en = "Low" }, score = 0.1 },
  { id = "high", label = { zh-Hant = "高", zh-Hans = "高", en = "High" }, score = 0.9 },
]
[[sections.questions]]
id = "b.many"
kind = "multi"
prompt = { zh-Hant = "多選", zh-Hans = "多选", en = "Many" }
rubric = { zh-Hant = "r", zh-Hans = "r", en = "r" }
options = [
  { id = "x", label = { zh-Hant = "甲", zh-Hans = "甲", en = "X" }, score = 0.6 },
  { id = "y", label = { zh-Hant = "乙", zh-Hans = "乙", en = "Y" }, score = 0.6 },
  { id = "z", label = { zh-Hant = "丙", zh-Hans = "丙", en = "Z" }, score = 0.2 },
]
[[sections.questions]]
id = "b.months"
kind = "number"
min_value = 0
prompt = { zh-Hant = "月", zh-Hans = "月", en = "Months" }
rubric = { zh-Hant = "r", zh-Hans = "r", en = "r" }
unit = { zh-Hant = "個月", zh-Hans = "个月", en = "months" }
bands = [ { max = 6, score = 0.2 }, { min = 6, score = 0.8 } ]

[[sins]]
id = "weak"
number = 1
category = "operations"
severity = "medium"
title = { zh-Hant = "弱", zh-Hans = "弱", en = "Weak" }
explanation = { zh-Hant = "e", zh-Hans = "e", en = "e" }
recommendation = { zh-Hant = "r", zh-Hans = "r", en = "r" }
when = { all = [ { q = "a.scale", le = 2 }, { any = [ { q = "b.many", contains = "z" }, { metric = "reply", lt = 0.2 } ] } ] }

[[sins]]
id = "silent"
number = 2
category = "measurement"
severity = "high"
title = { zh-Hant = "靜", zh-Hans = "静", en = "Silent" }
explanation = { zh-Hant = "e", zh-Hans = "e", en = "e" }
recommendation = { zh-Hant = "r", zh-Hans = "r", en = "r" }
when = { not = { q = "a.channels", contains = "wechat" } }
"#;

fn pack(src: &str) -> Result<Pack, String> {
    Pack::from_toml_str(src, "mini.toml").map_err(|e| e.to_string())
}

fn catalog() -> Catalog {
    Catalog::new(vec![pack(PACK).unwrap()]).unwrap()
}

fn answers(pairs: &[(&str, AnswerValue)]) -> Answers {
    let mut a = Answers::default();
    for (q, v) in pairs {
        a.0.insert(
            q.to_string(),
            chuxin_core::Answer {
                value: Some(v.clone()),
                note: None,
            },
        );
    }
    a
}

#[test]
fn validation_errors_name_the_key_path() {
    #[track_caller]
    fn case(find: &str, replace: &str, expected: &str) {
        let err = pack(&PACK.replacen(find, replace, 1)).unwrap_err();
        assert!(err.contains(expected), "expected `{expected}` in `{err}`");
        assert!(err.starts_with("mini.toml: "), "{err}");
    }
    case(
        r#"{ q = "a.channels", contains = "wechat" }"#,
        "{ a = 1 }",
        "unknown field `a`",
    );
    case(
        r#"{ q = "a.channels", contains = "wechat" }"#,
        r#"{ q = "a.channels", le = 1 }"#,
        "sins[1].when.not: cannot compare `a.channels` (list)",
    );
    case(
        "score = 0.9",
        "score = 1.5",
        "sections[1].questions[0].options[1].score: score 1.5 out of range 0–1",
    );
    case(
        "id = \"b.many\"",
        "id = \"a.scale\"",
        "sections[1].questions[1].id: duplicate question id `a.scale`",
    );
    case(
        ", en = \"Months\"",
        "",
        "sections[1].questions[2].prompt: missing translation `en`",
    );
    case(
        "{ min = 6, score = 0.8 }",
        "{ min = 5, score = 0.8 }",
        "sections[1].questions[2].bands[1]: band overlaps bands[0]",
    );
    case(
        "q = \"a.scale\", le = 2",
        "q = \"a.scale\", le = 7",
        "sins[0].when.all[0]: `a.scale` has levels 1–5",
    );
    case(
        "contains = \"z\"",
        "contains = \"w\"",
        "sins[0].when.all[1].any[0]: `b.many` has no option `w`",
    );
    case("min = 50", "min = 0", "maturity[1].min");
    // A TOML syntax error carries the line.
    let err = pack("id = \"x\"\nversion = \n").unwrap_err();
    assert!(err.contains("line 2"), "{err}");
}

#[test]
fn scores_are_weighted_means_of_answered_questions() {
    let c = catalog();
    let a = answers(&[
        ("a.scale", AnswerValue::Int(4)),                            // 0.75, weight 2
        ("a.yes", AnswerValue::Bool(false)),                         // 0.25, weight 1
        ("b.many", AnswerValue::List(vec!["x".into(), "y".into()])), // 0.6 + 0.6 capped at 1
        ("b.months", AnswerValue::Int(3)),                           // band < 6 → 0.2
    ]);
    let card = assess(&c, &a, &Facts::new());
    // a: (2×0.75 + 1×0.25) / 3 = 58.333…; b: (1 + 0.2) / 2 = 60 (b.one unanswered)
    let a_score = card.sections[0].score.unwrap();
    assert!((a_score - 175.0 / 3.0).abs() < 1e-9, "{a_score}");
    assert_eq!(card.sections[1].score, Some(60.0));
    // overall: (3 × 58.333… + 1 × 60) / 4 = 58.75
    assert!((card.overall.unwrap() - 58.75).abs() < 1e-9);
    assert_eq!(card.maturity.as_ref().unwrap().level, 2);
    assert_eq!((card.answered, card.scored), (4, 5));
    assert_eq!(card.unanswered, ["b.one"]);
    assert!((card.coverage - 0.8).abs() < 1e-12);
}

#[test]
fn rules_trigger_with_their_evidence_and_missing_data_is_never_evidence() {
    let c = catalog();
    // Without an answer to b.many and without the metric, `weak` cannot fire even though a.scale ≤ 2.
    let a = answers(&[("a.scale", AnswerValue::Int(2))]);
    let card = assess(&c, &a, &Facts::new());
    assert_eq!(
        card.findings.iter().map(|f| f.sin.as_str()).collect::<Vec<_>>(),
        ["silent"]
    );

    // A measured figure completes it; evidence lists the scale answer and the figure.
    let facts = Facts::from([("reply".to_string(), 0.05)]);
    let card = assess(&c, &a, &facts);
    let weak = card.findings.iter().find(|f| f.sin == "weak").unwrap();
    let clauses: Vec<&str> = weak.evidence.iter().map(|e| e.clause.as_str()).collect();
    assert_eq!(clauses, ["a.scale <= 2", "reply < 0.2"]);
    assert_eq!(weak.evidence[1].figure, Some(0.05));
    // Most severe first.
    assert_eq!(card.findings[0].sin, "silent");

    // `silent` fires unless the list of channels mentions WeChat (case-insensitive).
    let a = answers(&[(
        "a.channels",
        AnswerValue::List(vec!["Weibo".into(), "WeChat 公眾號".into()]),
    )]);
    assert!(assess(&c, &a, &Facts::new()).findings.is_empty());
}

#[test]
fn text_answers_parse_in_every_language() {
    let c = catalog();
    #[track_caller]
    fn case(c: &Catalog, q: &str, input: &str, expected: Option<AnswerValue>) {
        let got = c.question(q).unwrap().parse_text(input).ok();
        assert_eq!(got, expected, "{q} {input:?}");
    }
    case(&c, "a.scale", "4", Some(AnswerValue::Int(4)));
    case(&c, "a.scale", "4 - Much", Some(AnswerValue::Int(4)));
    case(&c, "a.scale", "全", Some(AnswerValue::Int(5)));
    case(&c, "a.scale", "6", None);
    case(&c, "a.scale", "2.5", None);
    case(&c, "a.yes", "是", Some(AnswerValue::Bool(true)));
    case(&c, "a.yes", "No", Some(AnswerValue::Bool(false)));
    case(&c, "b.one", "2", Some(AnswerValue::Text("high".into())));
    case(&c, "b.one", "低", Some(AnswerValue::Text("low".into())));
    case(
        &c,
        "b.many",
        "x、丙",
        Some(AnswerValue::List(vec!["x".into(), "z".into()])),
    );
    case(&c, "b.months", "1,200", Some(AnswerValue::Int(1200)));
    case(&c, "b.months", "-1", None);
    case(
        &c,
        "a.channels",
        "weibo; wechat",
        Some(AnswerValue::List(vec!["weibo".into(), "wechat".into()])),
    );
    let q = c.question("a.scale").unwrap();
    assert_eq!(q.describe(&AnswerValue::Int(4), Lang::ZhHans), "4/5 · 多");
}

#[test]
fn catalogs_refuse_clashing_packs() {
    let one = pack(PACK).unwrap();
    let mut two = one.clone();
    two.id = "other".into();
    two.maturity.clear();
    let err = Catalog::new(vec![one, two]).unwrap_err().to_string();
    assert!(
        err.contains("question id `a.scale` is also used by pack `mini`"),
        "{err}"
    );
}

#[test]
fn a_graded_sin_takes_the_highest_grade_among_the_clauses_that_held() {
    use chuxin_core::pack::Severity;
    // `silent` (high) graded: a.scale ≤ 2 is medium, a.scale = 1 with a.yes = no is low inside a medium `any`
    // (the nearest grade wins), and the metric is ungraded (the sin's own high).
    let graded = PACK.replacen(
        r#"when = { not = { q = "a.channels", contains = "wechat" } }"#,
        r#"when = { any = [
  { q = "a.scale", le = 2, severity = "medium" },
  { any = [ { all = [ { q = "a.scale", eq = 1 }, { q = "a.yes", eq = false } ], severity = "low" } ], severity = "medium" },
  { metric = "reply", lt = 0.2 },
] }"#,
        1,
    );
    let c = Catalog::new(vec![pack(&graded).unwrap()]).unwrap();
    let silent = |a: &Answers, f: &Facts| {
        assess(&c, a, f)
            .findings
            .into_iter()
            .find(|x| x.sin == "silent")
            .map(|x| (x.severity, x.evidence.iter().map(|e| e.severity).collect::<Vec<_>>()))
    };
    let none = Facts::new();
    let two = answers(&[("a.scale", AnswerValue::Int(2))]);
    assert_eq!(
        silent(&two, &none),
        Some((Severity::Medium, vec![Some(Severity::Medium)]))
    );
    // Level 1 and no: the medium clause and the low one both hold; the highest grade, medium, wins.
    let one = answers(&[("a.scale", AnswerValue::Int(1)), ("a.yes", AnswerValue::Bool(false))]);
    let (severity, grades) = silent(&one, &none).unwrap();
    assert_eq!(severity, Severity::Medium);
    assert_eq!(
        grades,
        [Some(Severity::Medium), Some(Severity::Low), Some(Severity::Low)]
    );
    // An ungraded clause counts at the sin's own severity.
    let reply = Facts::from([("reply".to_string(), 0.05)]);
    assert_eq!(silent(&two, &reply).unwrap().0, Severity::High);
    assert_eq!(silent(&answers(&[("a.scale", AnswerValue::Int(4))]), &none), None);
    // `chuxin packs show` prints the grade.
    let sin = c.sins().find(|(_, s)| s.id == "silent").unwrap().1;
    assert!(sin.when.to_string().contains("a.scale <= 2 [medium]"), "{}", sin.when);
}

#[test]
fn a_grade_above_the_sin_or_under_not_is_refused_on_load() {
    let above = PACK.replacen(
        r#"{ q = "a.scale", le = 2 }, { any"#,
        r#"{ q = "a.scale", le = 2, severity = "high" }, { any"#,
        1,
    );
    let err = pack(&above).unwrap_err();
    assert!(err.contains("sins[0].when.all[0].severity"), "{err}");
    assert!(
        err.contains("grade `high` is above the sin's own severity `medium`"),
        "{err}"
    );
    let under_not = PACK.replacen(
        r#"{ not = { q = "a.channels", contains = "wechat" } }"#,
        r#"{ not = { q = "a.channels", contains = "wechat", severity = "low" } }"#,
        1,
    );
    let err = pack(&under_not).unwrap_err();
    assert!(err.contains("sins[1].when.not.severity"), "{err}");
    assert!(err.contains("under `not`"), "{err}");
    let unknown = PACK.replacen(
        r#"{ q = "a.scale", le = 2 }"#,
        r#"{ q = "a.scale", le = 2, severity = "dire" }"#,
        1,
    );
    assert!(pack(&unknown).unwrap_err().contains("dire"));
}
