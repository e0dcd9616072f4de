//! Industry packs from plugins join audits: the client's industry picks the pack, and `packs list`, `form`,
//! `score` and `plugins list | check` show it.

use crate::support::{Env, repo};
use serde_json::Value;

#[test]
fn plugins_list_shows_the_three_industry_plugins() {
    let out = Env::new().ok(&["plugins", "list"]);
    for id in ["retail", "food", "finance"] {
        let line = out
            .lines()
            .find(|l| l.starts_with(&format!("{id} ")))
            .unwrap_or_else(|| panic!("{id} missing:\n{out}"));
        assert!(line.contains(&format!("chuxin_plugin_{id}")), "{line}");
    }
}

#[test]
fn the_industry_picks_the_plugin_pack_for_form_and_score() {
    let env = Env::workspace();
    env.ok(&["client", "add", "shop", "--name", "Shop", "--industry", "Retail"]);
    let show = env.ok(&["client", "show", "shop"]);
    assert!(show.contains("packs: core, retail"), "{show}");
    let list = env.ok(&["--lang", "en", "packs", "list"]);
    let retail = list.lines().find(|l| l.starts_with("retail ")).unwrap();
    assert!(
        retail.contains("plugin ") && retail.contains("libchuxin_plugin_retail"),
        "{retail}"
    );

    let md = env.ok(&["--lang", "en", "form", "shop", "--format", "md"]);
    let pack: Value = serde_json::from_str(&env.ok(&["packs", "show", "retail", "--format", "json"])).unwrap();
    let retail_questions: Vec<String> = pack["sections"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|s| {
            s["questions"]
                .as_array()
                .unwrap()
                .iter()
                .map(|q| q["id"].as_str().unwrap().to_string())
        })
        .collect();
    assert!(retail_questions.len() >= 8);
    for q in &retail_questions {
        assert!(md.contains(&format!("- id: `{q}`")), "{q} is in the form");
    }
    // The client that is not in retail does not get the retail questions.
    let other = env.ok(&["form", "acme", "--format", "md"]);
    assert!(!other.contains(&format!("`{}`", retail_questions[0])));

    // Answer one retail question at the top level of the scale: the retail section scores 100 on it alone.
    let first = &pack["sections"][0]["questions"][0];
    let value = match first["kind"].as_str().unwrap() {
        "scale" => first["levels"].as_array().unwrap().len().to_string(),
        "yes_no" => "true".into(),
        "single" => format!(
            "\"{}\"",
            first["options"]
                .as_array()
                .unwrap()
                .iter()
                .find(|o| o["score"] == 1.0)
                .unwrap()["id"]
                .as_str()
                .unwrap()
        ),
        other => panic!("test expects a scale, yes/no or single first question, got {other}"),
    };
    env.write(
        "r.toml",
        &format!("[answers]\n\"{}\" = {value}\n", first["id"].as_str().unwrap()),
    );
    env.ok(&["import", "shop", "r.toml"]);
    let card: Value = serde_json::from_str(&env.ok(&["score", "shop", "--format", "json"])).unwrap();
    let section = card["scorecard"]["sections"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["pack"] == "retail")
        .unwrap()
        .clone();
    assert_eq!(section["score"], 100.0);
    assert_eq!(card["packs"], serde_json::json!(["core", "retail"]));
}

#[test]
fn plugins_check_accepts_a_good_plugin_and_refuses_a_text_file() {
    let env = Env::new();
    let (prefix, suffix) = (std::env::consts::DLL_PREFIX, std::env::consts::DLL_SUFFIX);
    let profile = if cfg!(debug_assertions) { "debug" } else { "release" };
    let lib = repo().join(format!("target/{profile}/{prefix}chuxin_plugin_food{suffix}"));
    let lib = std::env::var("CARGO_TARGET_DIR").map_or(lib.clone(), |t| {
        std::path::Path::new(&t).join(lib.strip_prefix(repo().join("target")).unwrap())
    });
    let out = env.ok(&["plugins", "check", lib.to_str().unwrap()]);
    assert!(out.contains("pack food") && out.trim_end().ends_with("ok"), "{out}");
    env.write("fake.so", "not a library");
    let r = env.run(&["plugins", "check", "fake.so"]);
    r.assert_code(6);
    assert!(r.stderr().contains("fake.so"), "{}", r.stderr());
}

#[test]
fn without_its_industry_plugin_a_client_still_scores_on_the_rest_with_a_warning() {
    // The sample bank's audit answers the finance plugin's questions. A chuxin binary in a folder with no
    // plugins must still score, report and compare it: the finance answers are kept but not scored.
    let env = Env::new();
    env.ok(&["demo", "d"]);
    let bin_dir = env.path().join("bare");
    std::fs::create_dir(&bin_dir).unwrap();
    let bare = bin_dir.join("chuxin");
    std::fs::copy(env!("CARGO_BIN_EXE_chuxin"), &bare).unwrap();
    let audit = "d/clients/hengfeng-bank/audits/2026-10-15.toml";
    let before = env.read(audit);
    let run = |args: &[&str]| {
        // The copy was open for writing, and a child that another test thread forked in the meantime holds that
        // descriptor until it execs: running the copy then fails with ETXTBSY for a moment. Retry.
        let mut tries = 0;
        loop {
            match std::process::Command::new(&bare)
                .current_dir(env.path().join("d"))
                .env("CHUXIN_TODAY", "2026-11-26")
                .env_remove("CHUXIN_PLUGIN_PATH")
                .args(args)
                .output()
            {
                Err(e) if e.kind() == std::io::ErrorKind::ExecutableFileBusy && tries < 100 => {
                    tries += 1;
                    std::thread::sleep(std::time::Duration::from_millis(20));
                }
                other => break other.unwrap(),
            }
        }
    };
    let out = run(&["--lang", "en", "score", "hengfeng-bank", "--format", "json"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(stderr.contains("not scored") && stderr.contains("finance."), "{stderr}");
    assert!(stderr.contains("is an industry plugin missing"), "{stderr}");
    let card: Value = serde_json::from_slice(&out.stdout).unwrap();
    let sins: Vec<&str> = card["scorecard"]["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["sin"].as_str().unwrap())
        .collect();
    assert!(!sins.iter().any(|s| s.starts_with("finance")), "{sins:?}");
    assert!(
        sins.contains(&"ignores_interaction"),
        "the core's sins still fire: {sins:?}"
    );
    for args in [
        &["report", "hengfeng-bank", "--format", "md", "-o", "out"][..],
        &["compare", "--all"][..],
    ] {
        let out = run(args);
        assert!(
            out.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    // Nothing on disk lost its answers.
    assert_eq!(env.read(audit), before);
}

#[test]
fn a_pipe_or_a_folder_with_a_library_name_is_reported_never_opened() {
    // Opening a pipe would wait forever; a folder is not a library.
    let env = Env::new();
    let dir = env.path().join("plugins");
    std::fs::create_dir_all(dir.join("libchuxin_plugin_folder.so")).unwrap();
    let fifo = dir.join("libchuxin_plugin_pipe.so");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status().unwrap();
    assert!(made.success());
    let out = env.run(&["--plugin-dir", dir.to_str().unwrap(), "plugins", "list"]);
    out.assert_code(0);
    let err = out.stderr();
    assert!(
        err.contains("libchuxin_plugin_pipe.so`：不是一般檔案（而是資料夾、管線、裝置或通訊端）"),
        "{err}"
    );
    assert!(err.contains("libchuxin_plugin_folder.so"), "{err}");
    // The good plugins beside the binary still load.
    assert!(out.stdout().contains("retail"), "{}", out.stdout());
    let check = env.run(&["plugins", "check", fifo.to_str().unwrap()]);
    check.assert_code(6);
    assert_eq!(
        check.stderr(),
        format!(
            "錯誤：無法載入外掛 `{}`：不是一般檔案（而是資料夾、管線、裝置或通訊端）\n",
            fifo.display()
        )
    );
}
