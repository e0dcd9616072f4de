//! `chuxin client edit | remove`, the industry check of `client add/edit`, and `chuxin completions`.

use crate::support::Env;

fn client_toml(env: &Env, id: &str) -> toml::Table {
    toml::from_str(&env.read(&format!("clients/{id}/client.toml"))).unwrap()
}

fn strings(t: &toml::Table, key: &str) -> Vec<String> {
    t.get(key)
        .and_then(|v| v.as_array())
        .map(|a| a.iter().map(|v| v.as_str().unwrap().to_string()).collect())
        .unwrap_or_default()
}

#[test]
fn client_edit_changes_each_field_in_client_toml() {
    let env = Env::workspace();
    // Env::workspace's acme: name `Acme 茶飲`, industry none, competitors Rival A and Rival B.
    let out = env.ok(&["--lang", "en", "client", "edit", "acme", "--name", "Acme Tea"]);
    assert!(out.contains("updated client `acme`"), "{out}");
    assert_eq!(client_toml(&env, "acme")["name"].as_str(), Some("Acme Tea"));

    env.ok(&["client", "edit", "acme", "--brand", "ACME"]);
    assert_eq!(client_toml(&env, "acme")["brand"].as_str(), Some("ACME"));
    env.ok(&["client", "edit", "acme", "--industry", "Food"]);
    assert_eq!(client_toml(&env, "acme")["industry"].as_str(), Some("food"));
    env.ok(&["client", "edit", "acme", "--market", "hk"]);
    assert_eq!(client_toml(&env, "acme")["market"].as_str(), Some("hk"));
    env.ok(&["client", "edit", "acme", "--channel", "weibo,douyin"]);
    assert_eq!(strings(&client_toml(&env, "acme"), "channels"), ["weibo", "douyin"]);
    env.ok(&[
        "client",
        "edit",
        "acme",
        "--add-competitor",
        "Rival C",
        "--remove-competitor",
        "Rival A",
    ]);
    assert_eq!(
        strings(&client_toml(&env, "acme"), "competitors"),
        ["Rival B", "Rival C"]
    );
    env.ok(&["--lang", "zh-Hans", "client", "edit", "acme"]);
    let t = client_toml(&env, "acme");
    assert_eq!(t["lang"].as_str(), Some("zh-Hans"));
    // Everything set before is still there.
    assert_eq!(t["name"].as_str(), Some("Acme Tea"));
    assert_eq!(t["brand"].as_str(), Some("ACME"));
    assert_eq!(t["market"].as_str(), Some("hk"));
    // The food plugin's pack now joins the client.
    let show = env.ok(&["--lang", "en", "client", "show", "acme"]);
    assert!(show.contains("food"), "{show}");

    // A market outside tw, hk, cn, global and a competitor the client does not have are refused, unchanged.
    let before = env.snapshot();
    env.run(&["client", "edit", "acme", "--market", "jp"]).assert_code(2);
    env.run(&[
        "--lang",
        "en",
        "client",
        "edit",
        "acme",
        "--remove-competitor",
        "Nobody",
    ])
    .assert_code(4)
    .assert_error_line(&["Nobody"]);
    env.run(&["--lang", "en", "client", "edit", "acme"]).assert_code(0);
    env.run(&["client", "edit", "nobody", "--name", "X"]).assert_code(4);
    assert_eq!(env.snapshot().len(), before.len());
    assert_eq!(client_toml(&env, "acme")["market"].as_str(), Some("hk"));
}

#[test]
fn client_remove_moves_the_folder_to_the_archive() {
    let env = Env::workspace();
    env.run_with_input(&["answer", "acme"], "4\n").assert_code(0);
    let audit = env.read("clients/acme/audits/2026-11-26.toml");
    let out = env.ok(&["--lang", "en", "client", "remove", "acme"]);
    assert!(out.contains("archive/clients/acme-2026-11-26"), "{out}");
    assert!(!env.path().join("clients/acme").exists());
    // Moved whole, not deleted.
    assert_eq!(
        env.read("archive/clients/acme-2026-11-26/audits/2026-11-26.toml"),
        audit
    );
    assert!(env.path().join("archive/clients/acme-2026-11-26/client.toml").is_file());
    let list = env.ok(&["--lang", "en", "client", "list"]);
    assert!(!list.contains("acme"), "{list}");
    env.run(&["client", "show", "acme"]).assert_code(4);

    // The same id added and removed again the same day: the archive folder exists, so nothing moves.
    env.ok(&["client", "add", "acme", "--name", "Acme again"]);
    env.run(&["--lang", "en", "client", "remove", "acme"])
        .assert_code(5)
        .assert_error_line(&["archive/clients/acme-2026-11-26", "exists already"]);
    assert!(env.path().join("clients/acme/client.toml").is_file());
    assert_eq!(
        env.read("archive/clients/acme-2026-11-26/audits/2026-11-26.toml"),
        audit
    );
}

#[test]
fn an_unknown_industry_is_refused_with_the_known_ones() {
    let env = Env::workspace();
    let before = env.snapshot();
    for industry in ["tea", "F&B"] {
        let r = env.run(&[
            "--lang",
            "en",
            "client",
            "add",
            "x",
            "--name",
            "X",
            "--industry",
            industry,
        ]);
        r.assert_code(2)
            .assert_error_line(&[&format!("unknown industry `{industry}`")]);
        // The known industries are the plugins' packs' (plugins/README.md): retail, food and finance bring these.
        for known in ["retail", "beauty", "food", "fnb", "finance", "banking"] {
            assert!(r.stderr().contains(known), "{known}: {}", r.stderr());
        }
    }
    env.run(&["--lang", "en", "client", "edit", "acme", "--industry", "tea"])
        .assert_code(2)
        .assert_error_line(&["unknown industry `tea`", "retail"]);
    assert_eq!(env.snapshot(), before, "nothing was written");
    // `none` and a known industry in any case are accepted.
    env.ok(&["client", "add", "y", "--name", "Y", "--industry", "none"]);
    env.ok(&["client", "add", "z", "--name", "Z", "--industry", "Banking"]);
    assert_eq!(client_toml(&env, "z")["industry"].as_str(), Some("banking"));
}

#[test]
fn completions_for_each_shell_name_the_subcommands() {
    let env = Env::new();
    for shell in ["bash", "zsh", "fish", "powershell"] {
        let out = env.ok(&["completions", shell]);
        for sub in ["init", "client", "answer", "bench", "report", "compare", "completions"] {
            assert!(out.contains(sub), "{shell}: no `{sub}`");
        }
        // Nested subcommands and options too.
        // (fish writes options as `-l add-competitor`, the others as `--add-competitor`).
        assert!(out.contains("remove") && out.contains("add-competitor"), "{shell}");
    }
    env.run(&["completions", "tcsh"]).assert_code(2);
}
