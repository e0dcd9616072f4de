//! The three industry plugins, loaded through the real loader and called through the ABI.

use chuxin_plugin_host::api::API_VERSION;
use chuxin_plugin_host::{
    CallErrorKind, CompareInput, LoadErrorKind, MessageRecord, PostRecord, Registry, SearchOrigin, SearchPath,
    check_file,
};

use crate::artifacts::{self, folder_with_industry_plugins};

fn discover(dir: &std::path::Path) -> Registry {
    Registry::discover(&[SearchPath::new(dir, SearchOrigin::CommandLine)])
}

#[test]
fn three_plugins_load_with_their_identity() {
    let dir = folder_with_industry_plugins();
    let registry = discover(dir.path());
    assert!(registry.errors().is_empty(), "{:?}", registry.errors());
    let mut got: Vec<(&str, &str, &str, &str)> = registry
        .plugins()
        .iter()
        .map(|p| (p.id(), p.name(), p.version(), p.api_version()))
        .collect();
    got.sort();
    let v = env!("CARGO_PKG_VERSION");
    assert_eq!(
        got,
        [
            ("finance", "Financial services", v, API_VERSION),
            ("food", "Food, beverage & restaurants", v, API_VERSION),
            ("retail", "Retail, FMCG & beauty", v, API_VERSION),
        ]
    );
    for plugin in registry.plugins() {
        assert_eq!(plugin.path().parent().unwrap(), dir.path().canonicalize().unwrap());
    }
}

#[test]
fn every_method_answers_and_the_content_checks_pass() {
    let dir = folder_with_industry_plugins();
    for plugin in artifacts::get().industry_plugins() {
        let copy = dir.path().join(plugin.file_name().unwrap());
        let summary = check_file(&copy).unwrap_or_else(|e| panic!("{}", e.chain()));
        assert!(summary.is_healthy(), "{:#?}", summary.problems);
        let packs = summary.packs.unwrap();
        assert_eq!(packs.len(), 1);
        assert_eq!(packs[0].id, summary.plugin.id());
        assert_eq!(packs[0].industries.len(), 4);
        assert!(packs[0].toml.contains("[[sins]]"));
        assert!(!summary.benchmarks.unwrap().is_empty());
        assert_eq!(summary.comparisons.unwrap().len(), 1);
        assert_eq!(summary.compare_runs.len(), 1);
    }
}

#[test]
fn packs_declare_their_industries() {
    let dir = folder_with_industry_plugins();
    let registry = discover(dir.path());
    let (packs, errors) = registry.packs();
    assert!(errors.is_empty());
    let mut got: Vec<(String, String)> = packs
        .iter()
        .map(|p| (p.plugin.id().to_owned(), p.pack.industries.join(",")))
        .collect();
    got.sort();
    assert_eq!(
        got,
        [
            ("finance".to_owned(), "finance,banking,insurance,securities".to_owned()),
            ("food".to_owned(), "food,beverage,restaurant,fnb".to_owned()),
            ("retail".to_owned(), "retail,fmcg,beauty,ecommerce".to_owned()),
        ]
    );
}

#[test]
fn reference_rows_carry_their_sources() {
    let dir = folder_with_industry_plugins();
    let registry = discover(dir.path());
    let retail = registry.get("retail").unwrap().benchmarks().unwrap();
    let beauty = retail.iter().find(|r| r.industry == "health_beauty").unwrap();
    assert_eq!(
        (
            beauty.source.as_str(),
            beauty.report_year,
            beauty.platform.as_str(),
            beauty.value
        ),
        ("Rival IQ", 2025, "instagram", 0.0014)
    );
    let food = registry.get("food").unwrap().benchmarks().unwrap();
    assert!(food.iter().any(|r| r.industry == "alcohol" && r.value == 0.0014));
    let finance = registry.get("finance").unwrap().benchmarks().unwrap();
    assert!(finance.iter().all(|r| r.industry == "all"));
}

fn post(brand: &str, platform: &str) -> PostRecord {
    PostRecord {
        brand: brand.into(),
        platform: platform.into(),
        ..PostRecord::default()
    }
}

#[test]
fn retail_promo_lift_through_the_abi() {
    let dir = folder_with_industry_plugins();
    let registry = discover(dir.path());
    let mut posts = Vec::new();
    for (brand, promo, organic) in [("Client", 120.0, 100.0), ("Rival", 50.0, 100.0)] {
        for promotional in [true, false] {
            posts.push(PostRecord {
                promotional: Some(promotional),
                likes: Some(if promotional { promo } else { organic }),
                ..post(brand, "instagram")
            });
        }
    }
    let out = registry
        .get("retail")
        .unwrap()
        .compare(&CompareInput {
            comparison: "promo_lift".into(),
            client_brand: "Client".into(),
            posts,
            ..CompareInput::default()
        })
        .unwrap();
    assert_eq!(out.unit, "fraction");
    let got: Vec<(&str, bool, i64)> = out
        .rows
        .iter()
        .map(|r| (r.brand.as_str(), r.client, (r.value.unwrap() * 100.0).round() as i64))
        .collect();
    assert_eq!(got, [("Client", true, 20), ("Rival", false, -50)]);
}

#[test]
fn food_complaint_reply_share_through_the_abi() {
    let dir = folder_with_industry_plugins();
    let registry = discover(dir.path());
    let food = registry.get("food").unwrap();
    // The comparison asks for the customers' messages with their text and whether they were answered.
    let info = food.comparisons().unwrap();
    assert_eq!(info[0].needs, ["message.text", "message.answered"]);
    let message = |brand: &str, text: &str, answered: bool| MessageRecord {
        brand: brand.into(),
        text: Some(text.into()),
        answered: Some(answered),
        ..MessageRecord::default()
    };
    // Dumpling House: two complaints (漏送/退款, hair in … disgusting), one answered: 1 ÷ 2; the praise is no
    // complaint. Noodle Co: one complaint (等太久/態度很差), answered: 1 ÷ 1.
    let out = food
        .compare(&CompareInput {
            comparison: "complaint_reply_share".into(),
            client_brand: "Dumpling House".into(),
            messages: vec![
                message("Dumpling House", "外送漏送一份,要求退款", true),
                message("Dumpling House", "湯包好好吃", false),
                message("Dumpling House", "Found a hair in my soup, disgusting", false),
                message("Noodle Co", "等太久了,態度很差", true),
            ],
            ..CompareInput::default()
        })
        .unwrap();
    let got: Vec<(&str, Option<f64>, usize)> = out.rows.iter().map(|r| (r.brand.as_str(), r.value, r.posts)).collect();
    assert_eq!(got, [("Dumpling House", Some(0.5), 2), ("Noodle Co", Some(1.0), 1)]);
}

#[test]
fn finance_compliance_risk_share_through_the_abi() {
    let dir = folder_with_industry_plugins();
    let registry = discover(dir.path());
    let text = |brand: &str, text: &str| PostRecord {
        text: Some(text.into()),
        ..post(brand, "facebook")
    };
    let out = registry
        .get("finance")
        .unwrap()
        .compare(&CompareInput {
            comparison: "compliance_risk_share".into(),
            client_brand: "Harbour Bank".into(),
            posts: vec![
                text("Harbour Bank", "零風險、保證收益 6%,名額有限!"),
                text("Harbour Bank", "理財小教室:複利是什麼?"),
                text(
                    "Harbour Bank",
                    "投資一定有風險,基金投資有賺有賠,申購前應詳閱公開說明書。",
                ),
                text("Harbour Bank", "Guaranteed returns, zero risk."),
                text("Lion Insurance", "保障型保單怎麼選?"),
            ],
            ..CompareInput::default()
        })
        .unwrap();
    assert_eq!(out.rows[0].value, Some(0.5));
    assert_eq!(out.rows[1].value, Some(0.0));
    assert!(out.method.en.contains("not confirmed breaches"));
}

#[test]
fn an_unknown_comparison_is_a_reported_error_naming_the_file() {
    let dir = folder_with_industry_plugins();
    let registry = discover(dir.path());
    let retail = registry.get("retail").unwrap();
    let err = retail
        .compare(&CompareInput {
            comparison: "share_of_voice".into(),
            ..CompareInput::default()
        })
        .unwrap_err();
    assert!(matches!(err.kind, CallErrorKind::Reported(_)));
    assert_eq!(
        err.chain(),
        format!(
            "plugin `retail` (`{}`) failed in `compare`: it reported an error: unknown comparison `share_of_voice`: \
             this plugin offers `promo_lift`",
            retail.path().display()
        )
    );
}

#[test]
fn a_second_file_with_a_taken_id_is_refused() {
    let first = folder_with_industry_plugins();
    let second = folder_with_industry_plugins();
    let registry = Registry::discover(&[
        SearchPath::new(first.path(), SearchOrigin::CommandLine),
        SearchPath::new(first.path(), SearchOrigin::Environment), // the same files again: loaded once, silently
        SearchPath::new(second.path(), SearchOrigin::Workspace),
    ]);
    assert_eq!(registry.plugins().len(), 3);
    assert_eq!(registry.errors().len(), 3, "{:#?}", registry.errors());
    let first_dir = first.path().canonicalize().unwrap();
    for (plugin, err) in registry.plugins().iter().zip(registry.errors()) {
        assert_eq!(plugin.path().parent().unwrap(), first_dir, "the first folder wins");
        let LoadErrorKind::DuplicateId { id, first } = &err.kind else {
            panic!("{}", err.chain());
        };
        assert_eq!(id, plugin.id());
        assert_eq!(first, plugin.path());
        assert!(err.path.starts_with(second.path()));
        assert!(err.chain().contains(&format!("plugin id `{id}` is already taken by `")));
    }
}

#[test]
fn beside_the_binary_only_chuxin_plugins_are_tried() {
    let dir = folder_with_industry_plugins();
    let so = std::env::consts::DLL_EXTENSION;
    std::fs::write(dir.path().join(format!("libunrelated.{so}")), b"not a library at all").unwrap();
    let registry = Registry::discover(&[SearchPath::new(dir.path(), SearchOrigin::BesideExecutable)]);
    assert_eq!(registry.plugins().len(), 3);
    assert!(registry.errors().is_empty(), "{:?}", registry.errors());
}
