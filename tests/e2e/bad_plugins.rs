//! Plugins that crash, hang, exit or send oversized replies, while loading or in a call (issue 10, item 2): each
//! runs in a child process of `chuxin`, so `plugins list`, `score` and `bench` still succeed with the good
//! plugins and name the bad library and what happened. The libraries are `tests/fixtures/plugins/bad-*` and
//! `noisy` (see `misbehave/src/lib.rs`), built here into `<target>/plugin-fixtures`.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::OnceLock;

use crate::language::english_words;
use crate::support::{Env, repo};
use serde_json::Value;

/// The libraries that load and misbehave in calls, each with the end of the message that names what happened.
const IN_CALLS: [(&str, &str); 6] = [
    ("bad_abort", "its process was killed by signal 6 (SIGABRT, aborted: "),
    (
        "bad_segfault",
        "its process was killed by signal 11 (SIGSEGV, segmentation fault",
    ),
    (
        "bad_hang",
        "no answer within 1 s, so its process was killed (set CHUXIN_PLUGIN_TIMEOUT to allow longer)",
    ),
    ("bad_exit", "its process exited with code 0 without answering"),
    (
        "bad_huge_claim",
        "its reply claims 1099511627776 bytes (1 TiB), over the 64 MiB limit, so its process was killed",
    ),
    (
        "bad_big_reply",
        "its reply claims 2147483648 bytes (2 GiB), over the 64 MiB limit, so its process was killed",
    ),
];

/// The libraries that crash while loading.
const ON_LOAD: [(&str, &str); 2] = [
    (
        "bad_load_abort",
        "its process was killed by signal 6 (SIGABRT, aborted: ",
    ),
    (
        "bad_entry_segfault",
        "its process was killed by signal 11 (SIGSEGV, segmentation fault",
    ),
];

/// Builds the fixture plugins once and returns their files by library name (`fixture_bad_hang`, …).
fn fixtures() -> &'static BTreeMap<String, PathBuf> {
    static BUILT: OnceLock<BTreeMap<String, PathBuf>> = OnceLock::new();
    BUILT.get_or_init(|| {
        // <target>/<profile>/chuxin → <target>
        let target = Path::new(env!("CARGO_BIN_EXE_chuxin"))
            .parent()
            .and_then(Path::parent)
            .unwrap();
        let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
        let manifest = repo().join("tests/fixtures/plugins/Cargo.toml");
        let mut cmd = Command::new(cargo);
        cmd.current_dir(repo())
            .args([
                "build",
                "--quiet",
                "--message-format=json",
                "--workspace",
                "--manifest-path",
            ])
            .arg(&manifest)
            .env("CARGO_TARGET_DIR", target.join("plugin-fixtures"));
        if !cfg!(debug_assertions) {
            cmd.arg("--release");
        }
        let out = cmd.output().expect("cargo runs");
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        let mut libraries = BTreeMap::new();
        for message in String::from_utf8_lossy(&out.stdout)
            .lines()
            .filter_map(|l| serde_json::from_str::<Value>(l).ok())
        {
            if message["reason"] != "compiler-artifact" {
                continue;
            }
            let name = message["target"]["name"].as_str().unwrap_or("").replace('-', "_");
            for file in message["filenames"].as_array().into_iter().flatten() {
                let file = PathBuf::from(file.as_str().unwrap());
                if file.extension().and_then(|e| e.to_str()) == Some(std::env::consts::DLL_EXTENSION) {
                    libraries.insert(name.clone(), file);
                }
            }
        }
        libraries
    })
}

/// A folder in `env` holding copies of the fixture plugins with these ids.
fn plugin_dir(env: &Env, name: &str, ids: &[&str]) -> PathBuf {
    let dir = env.path().join(name);
    std::fs::create_dir_all(&dir).unwrap();
    for id in ids {
        let lib = &fixtures()[&format!("fixture_{id}")];
        std::fs::copy(lib, dir.join(lib.file_name().unwrap())).unwrap();
    }
    dir
}

/// Runs `chuxin --plugin-dir DIR ARGS` in `env` with a 1 s time limit per plugin call; `misbehave_in` limits the
/// fixtures' misbehaviour to those methods.
fn run(env: &Env, dir: &Path, misbehave_in: Option<&str>, args: &[&str]) -> Output {
    run_in("en", env, dir, misbehave_in, args)
}

/// [`run`] in the language `lang`.
fn run_in(lang: &str, env: &Env, dir: &Path, misbehave_in: Option<&str>, args: &[&str]) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_chuxin"));
    for (k, _) in std::env::vars() {
        if k.starts_with("CHUXIN_") || k == "FIXTURE_MISBEHAVE_IN" {
            cmd.env_remove(k);
        }
    }
    if let Some(methods) = misbehave_in {
        cmd.env("FIXTURE_MISBEHAVE_IN", methods);
    }
    cmd.env("CHUXIN_TODAY", "2026-11-26")
        .env("CHUXIN_PLUGIN_TIMEOUT", "1")
        .current_dir(env.path())
        .arg("--lang")
        .arg(lang)
        .arg("--plugin-dir")
        .arg(dir)
        .args(args)
        .output()
        .unwrap()
}

#[track_caller]
fn succeeded(out: &Output) -> (String, String) {
    let (stdout, stderr) = (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    );
    assert_eq!(out.status.code(), Some(0), "stdout:\n{stdout}\nstderr:\n{stderr}");
    (stdout, stderr)
}

#[test]
fn plugins_list_shows_the_good_plugins_and_names_every_bad_library() {
    let env = Env::new();
    let mut ids: Vec<&str> = IN_CALLS.iter().chain(&ON_LOAD).map(|(id, _)| *id).collect();
    ids.push("noisy");
    let dir = plugin_dir(&env, "bad", &ids);
    let (stdout, stderr) = succeeded(&run(&env, &dir, None, &["plugins", "list"]));
    for id in ["retail", "food", "finance"] {
        let line = stdout.lines().find(|l| l.starts_with(&format!("{id} "))).unwrap();
        assert!(!line.contains("error"), "{line}");
    }
    for (id, what) in IN_CALLS {
        let line = stdout
            .lines()
            .find(|l| l.starts_with(&format!("{id} ")))
            .unwrap_or_else(|| panic!("{id} missing:\n{stdout}"));
        let file = dir.join(format!("libfixture_{id}.so"));
        assert!(
            line.contains(&format!(
                "error: plugin `{id}` (`{}`) failed in `packs`: {what}",
                file.display()
            )),
            "{line}"
        );
    }
    for (id, what) in ON_LOAD {
        let file = dir.join(format!("libfixture_{id}.so"));
        assert!(
            stderr.contains(&format!(
                "warning: plugin skipped: cannot load plugin `{}`: {what}",
                file.display()
            )),
            "{stderr}"
        );
    }
    // What the noisy plugin printed on stdout went to stderr: the protocol and chuxin's own stdout are intact.
    let noisy = stdout.lines().find(|l| l.starts_with("noisy ")).unwrap();
    assert!(noisy.contains(" hotel "), "{noisy}");
    assert!(!stdout.contains("noise on stdout"), "{stdout}");
    assert!(stderr.contains("noise on stdout from the plugin"), "{stderr}");
}

#[test]
fn score_and_report_go_on_past_each_bad_library_and_name_it() {
    let env = Env::workspace();
    env.write("a.toml", "[answers]\n\"ops.participation\" = 4\n");
    env.ok(&["import", "acme", "a.toml"]);
    for (id, what) in IN_CALLS.iter().chain(&ON_LOAD) {
        let dir = plugin_dir(&env, id, &[id]);
        let (stdout, stderr) = succeeded(&run(&env, &dir, None, &["score", "acme", "--format", "json"]));
        let card: Value = serde_json::from_str(&stdout).unwrap();
        assert_eq!(card["packs"], serde_json::json!(["core"]), "{id}");
        let file = dir.join(format!("libfixture_{id}.so"));
        let named = if ON_LOAD.iter().any(|(l, _)| l == id) {
            format!(
                "warning: plugin skipped: cannot load plugin `{}`: {what}",
                file.display()
            )
        } else {
            format!(
                "warning: plugin skipped: plugin `{id}` (`{}`) failed in `packs`: {what}",
                file.display()
            )
        };
        assert!(stderr.contains(&named), "{id}:\n{stderr}");
        let out = format!("report-{id}");
        let (_, stderr) = succeeded(&run(
            &env,
            &dir,
            None,
            &["report", "acme", "--format", "md", "-o", &out],
        ));
        assert!(stderr.contains(&named), "{id}:\n{stderr}");
        let written = std::fs::read_dir(env.path().join(&out)).unwrap().count();
        assert!(written > 0, "{id}: the report is written");
    }
}

#[test]
fn bench_goes_on_past_a_plugin_whose_comparison_crashes_hangs_or_lies() {
    let env = Env::workspace();
    let noisy = plugin_dir(&env, "noisy", &["noisy"]);
    // The fixtures carry the guide's `hotel` pack: a hotel client gets their comparison.
    succeeded(&run(
        &env,
        &noisy,
        None,
        &[
            "client",
            "add",
            "inn",
            "--name",
            "Inn",
            "--industry",
            "hotel",
            "--competitor",
            "Rival A",
        ],
    ));
    env.write(
        "posts.csv",
        "brand,platform,time,likes,comments\nInn,weibo,2024-01-02,10,40\nInn,weibo,2024-01-09,10,60\n\
         Rival A,weibo,2024-01-02,5,10\nRival A,weibo,2024-01-09,5,10\n",
    );
    let bench = ["bench", "inn", "--posts", "posts.csv", "--format", "json"];

    // A plugin that prints while it compares: its comparison is in the run, chuxin's JSON on stdout is intact.
    let (stdout, stderr) = succeeded(&run(&env, &noisy, None, &bench));
    let record: Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(record["plugins"][0]["comparison"], "bad_share", "{stdout}");
    assert!(stderr.contains("noise on stdout from the plugin"), "{stderr}");

    for (id, what) in IN_CALLS {
        let dir = plugin_dir(&env, id, &[id]);
        let (stdout, stderr) = succeeded(&run(&env, &dir, Some("compare"), &bench));
        let record: Value = serde_json::from_str(&stdout).unwrap();
        assert_eq!(record["plugins"], serde_json::json!([]), "{id}");
        assert!(
            record["overall"]["metrics"].as_array().is_some_and(|m| !m.is_empty()),
            "{id}: the benchmark itself is complete"
        );
        let file = dir.join(format!("libfixture_{id}.so"));
        let named = format!(
            "comparison `bad_share` skipped: plugin `{id}` (`{}`) failed in `compare`: {what}",
            file.display()
        );
        assert!(stderr.contains(&named), "{id}:\n{stderr}");
    }
}

#[test]
fn plugins_check_names_what_a_bad_library_did_with_the_plugin_exit_code() {
    let env = Env::new();
    let dir = plugin_dir(&env, "bad", &["bad_load_abort", "bad_segfault", "noisy"]);
    for (id, what) in [
        (
            "bad_load_abort",
            "cannot load plugin `{FILE}`: its process was killed by signal 6 (SIGABRT, ",
        ),
        (
            "bad_segfault",
            "plugin `bad_segfault` (`{FILE}`) failed in `packs`: its process was killed by signal 11 (SIGSEGV, ",
        ),
    ] {
        let file = dir.join(format!("libfixture_{id}.so"));
        let out = run(&env, &dir, None, &["plugins", "check", file.to_str().unwrap()]);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(6), "{id}: {stderr}");
        let what = what.replace("{FILE}", &file.display().to_string());
        assert!(stderr.contains(&what), "{id}: {stderr}");
    }
    let file = dir.join("libfixture_noisy.so");
    let (stdout, _) = succeeded(&run(&env, &dir, None, &["plugins", "check", file.to_str().unwrap()]));
    assert!(
        stdout.contains("pack hotel") && stdout.trim_end().ends_with("ok"),
        "{stdout}"
    );
}

#[test]
fn an_invalid_time_limit_is_named_for_each_plugin_and_the_command_goes_on() {
    let env = Env::new();
    let out = Command::new(env!("CARGO_BIN_EXE_chuxin"))
        .env_remove("CHUXIN_PLUGIN_PATH")
        .env("CHUXIN_PLUGIN_TIMEOUT", "soon")
        .current_dir(env.path())
        .args(["plugins", "list"])
        .output()
        .unwrap();
    let (stdout, stderr) = succeeded(&out);
    // Outside a workspace and without --lang, chuxin speaks zh-Hant.
    assert!(stdout.contains("找不到任何外掛"), "{stdout}");
    assert!(
        stderr.contains(
            "libchuxin_plugin_retail.so`：環境變數 CHUXIN_PLUGIN_TIMEOUT=`soon` 無效：應為大於 0 的秒數，例如 30 或 0.5"
        ),
        "{stderr}"
    );
}

/// What a strategist reads about a bad plugin, in zh-Hant and zh-Hans: every word from the catalogue, the files,
/// plugin ids, methods, versions and signal names verbatim, no English word but the plugin's own message.
#[test]
fn bad_plugins_are_named_in_traditional_and_simplified_chinese() {
    let env = Env::workspace();
    let dir = plugin_dir(
        &env,
        "bad",
        &[
            "wrong_abi",
            "bad_json",
            "panicky",
            "bad_load_abort",
            "bad_hang",
            "bad_segfault",
        ],
    );
    let file = |id: &str| dir.join(format!("libfixture_{id}.so")).display().to_string();
    let check = |lang: &str, id: &str| {
        let out = run_in(lang, &env, &dir, None, &["plugins", "check", &file(id)]);
        assert_eq!(out.status.code(), Some(6), "{id}");
        String::from_utf8_lossy(&out.stderr).into_owned()
    };

    // An ABI check that fails: the plugin says 999, this host speaks 1, the API crate's version verbatim.
    let err = check("zh-Hant", "wrong_abi");
    assert_eq!(
        err,
        format!(
            "錯誤：無法載入外掛 `{}`：外掛的二進位介面版本是 999，本程式使用的是 1；請以 chuxin-plugin-api {} \
             重新編譯外掛\n",
            file("wrong_abi"),
            chuxin_plugin_host::api::API_VERSION
        )
    );
    assert_eq!(english_words(&err), Vec::<String>::new());
    let err = check("zh-Hans", "wrong_abi");
    assert!(
        err.contains("：插件的二进制接口版本是 999，本程序使用的是 1；请用 chuxin-plugin-api "),
        "{err}"
    );

    // A crash while loading.
    let err = check("zh-Hans", "bad_load_abort");
    assert_eq!(
        err,
        format!(
            "错误：无法加载插件 `{}`：插件的进程被信号 6（`SIGABRT`）终止：程序自行中止：调用了 `abort()`、断言失败、\
             发生无法恢复的严重错误，或内存用量超出上限而分配被拒\n",
            file("bad_load_abort")
        )
    );
    assert_eq!(english_words(&err), Vec::<String>::new());

    // Bad JSON: `<html>not json</html>` fails at its first character; every method the check calls says so.
    let err = check("zh-Hans", "bad_json");
    let bad = |method: &str| {
        format!(
            "插件 `bad_json`（`{}`）在 `{method}` 步骤失败：插件返回的不是有效的 JSON（开头是 `<html>not json</html>`，\
             第 1 行第 1 个字符出错）",
            file("bad_json")
        )
    };
    assert_eq!(
        err,
        format!(
            "错误：{}：{}；{}；{}\n",
            file("bad_json"),
            bad("packs"),
            bad("benchmarks"),
            bad("comparisons")
        )
    );
    assert_eq!(english_words(&err), Vec::<String>::new());

    // A panic: the plugin's own message is quoted as it is.
    let err = check("zh-Hant", "panicky");
    assert!(
        err.starts_with(&format!(
            "錯誤：{0}：外掛 `panicky`（`{0}`）在 `packs` 步驟失敗：外掛內部發生未處理的錯誤而中斷：index out of bounds",
            file("panicky")
        )),
        "{err}"
    );

    // The warnings of a command that goes on: a time-out while loading packs, a crash in a comparison.
    env.write("a.toml", "[answers]\n\"ops.participation\" = 4\n");
    env.ok(&["import", "acme", "a.toml"]);
    let solo = plugin_dir(&env, "hang", &["bad_hang"]);
    let out = run_in("zh-Hans", &env, &solo, None, &["score", "acme"]);
    let (_, stderr) = succeeded(&out);
    let warning = format!(
        "提醒：已跳过插件：插件 `bad_hang`（`{}`）在 `packs` 步骤失败：1 秒内没有回应，已终止插件的进程（可设置 \
         `CHUXIN_PLUGIN_TIMEOUT` 放宽时限）",
        solo.join("libfixture_bad_hang.so").display()
    );
    assert!(stderr.lines().any(|l| l == warning), "{stderr}");
    assert_eq!(english_words(&stderr), Vec::<String>::new());

    let crash = plugin_dir(&env, "crash", &["bad_segfault"]);
    succeeded(&run(
        &env,
        &crash,
        Some("compare"),
        &[
            "client",
            "add",
            "inn",
            "--name",
            "Inn",
            "--industry",
            "hotel",
            "--competitor",
            "Rival A",
        ],
    ));
    env.write(
        "posts.csv",
        "brand,platform,time,likes,comments\nInn,weibo,2024-01-02,10,40\nInn,weibo,2024-01-09,10,60\n\
         Rival A,weibo,2024-01-02,5,10\nRival A,weibo,2024-01-09,5,10\n",
    );
    let out = run_in(
        "zh-Hant",
        &env,
        &crash,
        Some("compare"),
        &["bench", "inn", "--posts", "posts.csv", "--format", "json"],
    );
    let (_, stderr) = succeeded(&out);
    let warning = format!(
        "提醒：已略過比較項目 `bad_share`：外掛 `bad_segfault`（`{}`）在 `compare` 步驟失敗：外掛的執行程序被訊號 \
         11（`SIGSEGV`）終止：記憶體區段錯誤，存取了無效的記憶體位置",
        crash.join("libfixture_bad_segfault.so").display()
    );
    assert!(stderr.lines().any(|l| l == warning), "{stderr}");
}
