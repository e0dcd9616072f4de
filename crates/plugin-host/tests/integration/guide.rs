//! The plugin author's guide (`docs/plugin-guide.md`): its example plugin is the crate in
//! `tests/fixtures/plugins/guide-example`, file for file, and that crate builds, passes its own test and loads.

use std::process::Command;

use chuxin_plugin_host::{CompareInput, PostRecord, Registry};

use crate::artifacts::{self, workspace_root};

/// The files the guide shows, as `(path in the example crate, text in the guide)`.
fn guide_files() -> Vec<(String, String)> {
    let guide = std::fs::read_to_string(workspace_root().join("docs/plugin-guide.md")).unwrap();
    let mut files = Vec::new();
    let mut lines = guide.lines();
    while let Some(line) = lines.next() {
        let Some(path) = line
            .strip_prefix("<!-- guide-example: ")
            .and_then(|rest| rest.strip_suffix(" -->"))
        else {
            continue;
        };
        let fence = lines.next().unwrap();
        assert!(
            fence.starts_with("```"),
            "a code block must follow the marker for {path}"
        );
        let mut text = String::new();
        for line in lines.by_ref().take_while(|l| *l != "```") {
            text.push_str(line);
            text.push('\n');
        }
        files.push((path.to_owned(), text));
    }
    files
}

#[test]
fn the_guide_shows_the_example_crate_verbatim() {
    let files = guide_files();
    let paths: Vec<&str> = files.iter().map(|(p, _)| p.as_str()).collect();
    assert_eq!(paths, ["Cargo.toml", "pack.toml", "src/lib.rs", "tests/reply_share.rs"]);
    let crate_dir = workspace_root().join("tests/fixtures/plugins/guide-example");
    for (path, shown) in files {
        let actual = std::fs::read_to_string(crate_dir.join(&path)).unwrap();
        // The guide's plugin sits beside a chuxin checkout; the fixture sits inside one.
        let actual = actual.replace(
            r#"path = "../../../../crates/plugin-api""#,
            r#"path = "../chuxin/crates/plugin-api""#,
        );
        assert_eq!(shown, actual, "docs/plugin-guide.md differs from guide-example/{path}");
    }
}

#[test]
fn the_guide_plugin_loads_and_answers() {
    let registry = Registry::load_files([artifacts::get().library("chuxin_plugin_hotel")]);
    assert!(registry.errors().is_empty(), "{:?}", registry.errors());
    let hotel = registry.get("hotel").unwrap();
    assert_eq!((hotel.name(), hotel.version()), ("Hotels (example)", "0.1.0"));
    let packs = hotel.packs().unwrap();
    assert_eq!(packs[0].industries, ["hotel", "hospitality"]);
    assert!(packs[0].toml.contains("hotel.review_replies"));
    assert!(hotel.benchmarks().unwrap().is_empty());
    assert_eq!(hotel.comparisons().unwrap()[0].id, "reply_share");
    let comment = |brand: &str, replies: f64| PostRecord {
        brand: brand.into(),
        brand_replies: Some(replies),
        ..PostRecord::default()
    };
    let out = hotel
        .compare(&CompareInput {
            comparison: "reply_share".into(),
            client_brand: "Harbour Hotel".into(),
            posts: vec![
                comment("Harbour Hotel", 2.0),
                comment("Harbour Hotel", 0.0),
                comment("Bay Inn", 1.0),
            ],
            ..CompareInput::default()
        })
        .unwrap();
    let got: Vec<(&str, Option<f64>)> = out.rows.iter().map(|r| (r.brand.as_str(), r.value)).collect();
    assert_eq!(got, [("Harbour Hotel", Some(0.5)), ("Bay Inn", Some(1.0))]);
    assert!(chuxin_plugin_host::check_plugin(hotel).is_healthy());
}

#[test]
fn the_guide_plugin_passes_its_own_test() {
    artifacts::get(); // the fixtures' dependencies are built; this only adds the test harness
    let root = workspace_root();
    let target = artifacts::get()
        .library("chuxin_plugin_hotel")
        .parent()
        .and_then(|p| p.parent())
        .unwrap()
        .to_path_buf();
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let output = Command::new(cargo)
        .current_dir(&root)
        .args(["test", "--quiet", "--manifest-path"])
        .arg(root.join("tests/fixtures/plugins/Cargo.toml"))
        .args(["-p", "chuxin-plugin-hotel"])
        .env("CARGO_TARGET_DIR", target)
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}\n{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
}
