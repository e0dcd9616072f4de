//! The agency workspace: `init` and `client add | list | show`, and ids that must never become paths.

use crate::support::Env;

#[test]
fn init_creates_a_workspace_once() {
    let env = Env::new();
    env.ok(&["init", "agency", "--name", "初心數位"]);
    let config = env.read("agency/chuxin.toml");
    assert!(config.contains("初心數位"), "{config}");
    let before = env.snapshot();
    env.run(&["init", "agency"])
        .assert_code(5)
        .assert_error_line(&["already a chuxin workspace"]);
    assert_eq!(env.snapshot(), before);
}

#[test]
fn clients_are_added_listed_and_shown() {
    let env = Env::workspace();
    env.ok(&[
        "client",
        "add",
        "lotus",
        "--name",
        "蓮心茶飲",
        "--industry",
        "Food",
        "--channel",
        "weibo,wechat",
    ]);
    let client = env.read("clients/lotus/client.toml");
    assert!(client.contains("name = \"蓮心茶飲\""), "{client}");
    assert!(
        client.contains("industry = \"food\""),
        "industry is stored lower-case: {client}"
    );
    assert!(
        env.path().join("clients/lotus/exports").is_dir(),
        "a folder for the client's exports"
    );
    let list = env.ok(&["--lang", "en", "client", "list"]);
    let ids: Vec<&str> = list
        .lines()
        .skip(1)
        .map(|l| l.split_whitespace().next().unwrap())
        .collect();
    assert_eq!(ids, ["acme", "lotus"]);
    let show = env.ok(&["client", "show", "lotus"]);
    assert!(show.contains("channels: weibo, wechat"), "{show}");
    assert!(show.contains("packs: core"), "{show}");
}

#[test]
fn a_client_outside_a_workspace_is_refused() {
    let env = Env::new();
    env.run(&["client", "list"])
        .assert_code(5)
        .assert_error_line(&["no chuxin workspace"]);
}

#[test]
fn client_ids_with_separators_or_dot_dot_are_refused_and_nothing_changes() {
    let env = Env::workspace();
    let before = env.snapshot();
    for (id, why) in [
        ("../evil", "path separator"),
        ("a/b", "path separator"),
        ("..", "`..`"),
        ("x..y", "`..`"),
        ("tab\there", "control character"),
    ] {
        env.run(&["client", "add", id, "--name", "X"])
            .assert_code(5)
            .assert_error_line(&["invalid client id", why]);
        env.run(&["score", id])
            .assert_code(5)
            .assert_error_line(&["invalid client id"]);
    }
    assert_eq!(env.snapshot(), before);
    assert!(!env.path().join("evil").exists());
}

#[test]
fn duplicate_and_unknown_clients() {
    let env = Env::workspace();
    let before = env.snapshot();
    env.run(&["client", "add", "acme", "--name", "Again"])
        .assert_code(5)
        .assert_error_line(&["client `acme` already exists"]);
    env.run(&["client", "show", "ghost"])
        .assert_code(4)
        .assert_error_line(&["unknown client `ghost`"]);
    assert_eq!(env.snapshot(), before);
}
