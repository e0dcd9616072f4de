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
        .assert_error_line(&["已經是 chuxin 工作區"]);
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
        .assert_error_line(&["找不到 chuxin 工作區"]);
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

#[test]
fn new_audits_are_dated_in_the_agencys_time_zone() {
    // Etc/GMT-14 is UTC+14 (POSIX signs are reversed): there the day starts 14 hours before it does in UTC.
    let env = Env::new();
    env.ok(&["init", ".", "--timezone", "Etc/GMT-14"]);
    assert!(env.read("chuxin.toml").contains("timezone = \"Etc/GMT-14\""));
    env.ok(&["client", "add", "c", "--name", "C"]);
    env.write("a.toml", "[answers]\n\"env.interest\" = 4\n");
    // No CHUXIN_TODAY: the real clock.
    env.ok_on("", &["import", "c", "a.toml"]);
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64;
    // Independently: the civil date of (now + 14 h), by Howard Hinnant's days-to-civil.
    let z = (secs + 14 * 3600).div_euclid(86_400) + 719_468;
    let (era, doe) = (z.div_euclid(146_097), z.rem_euclid(146_097));
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let (d, m) = (doy - (153 * mp + 2) / 5 + 1, if mp < 10 { mp + 3 } else { mp - 9 });
    let expected = format!("{:04}-{m:02}-{d:02}", yoe + era * 400 + i64::from(m <= 2));
    let audits: Vec<String> = std::fs::read_dir(env.path().join("clients/c/audits"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
        .collect();
    assert_eq!(audits, vec![format!("{expected}.toml")]);

    // A zone that does not exist is refused at init, and in chuxin.toml.
    let other = Env::new();
    other
        .run(&["init", "x", "--timezone", "Asia/Taipe"])
        .assert_code(2)
        .assert_error_line(&["Asia/Taipe", "not a time zone"]);
    let text = env.read("chuxin.toml").replace("Etc/GMT-14", "Mars/Olympus");
    env.write("chuxin.toml", &text);
    env.run_full_today("", &["import", "c", "a.toml"])
        .assert_code(3)
        .assert_error_line(&["chuxin.toml", "timezone", "Mars/Olympus"]);
}

#[test]
fn reserved_and_case_colliding_client_ids_are_refused() {
    let env = Env::workspace();
    let before = env.snapshot();
    for id in ["CON", "nul", "com1", "Lpt9.csv", "acme."] {
        env.run(&["client", "add", id, "--name", "X"])
            .assert_code(5)
            .assert_error_line(&["invalid client id"]);
    }
    // `acme` exists: `Acme` would be the same folder on Windows and macOS.
    env.run(&["client", "add", "Acme", "--name", "X"])
        .assert_code(5)
        .assert_error_line(&["`Acme`", "`acme`", "only in case"]);
    assert_eq!(env.snapshot(), before);
    // Names that merely contain a reserved word are fine.
    env.ok(&["client", "add", "console", "--name", "Console"]);
}
