//! `chuxin answer`: the terminal questionnaire driven through piped input, saving after every answer and
//! resuming where it stopped — after `q`, after the end of input, and after a Ctrl-C (SIGINT) mid-session.

use crate::support::Env;
use std::io::{BufRead, BufReader, Write};
use std::process::{Command, Stdio};

fn audit(env: &Env) -> toml::Table {
    toml::from_str(&env.read("clients/acme/audits/2026-11-26.toml")).unwrap()
}

fn value(t: &toml::Table, q: &str) -> Option<toml::Value> {
    t["answers"].get(q).and_then(|a| a.get("value")).cloned()
}

#[test]
fn answers_are_saved_one_by_one_and_the_session_resumes() {
    let env = Env::workspace();
    // Q1 env.interest is a 5-level scale, Q2 env.current_practice a single choice, Q3 env.positioning a scale.
    let r = env.run_with_input(&["--lang", "en", "answer", "acme"], "4\n2\nq\n");
    r.assert_code(0);
    let out = r.stdout();
    assert!(
        out.contains("[1/") && out.contains("[3/") && !out.contains("[4/"),
        "quits at question 3:\n{out}"
    );
    let a = audit(&env);
    assert_eq!(value(&a, "env.interest"), Some(toml::Value::Integer(4)));
    assert!(matches!(
        value(&a, "env.current_practice"),
        Some(toml::Value::String(_))
    ));
    assert_eq!(a["position"].as_integer(), Some(2));
    assert!(out.contains("resume with: chuxin answer acme"), "{out}");

    // The next session starts at question 3; an invalid answer is refused and asked again; a note is kept.
    let r = env.run_with_input(&["--lang", "en", "answer", "acme"], "maybe\n9\nn 老闆很重視\n3\n");
    r.assert_code(0);
    let out = r.stdout();
    assert!(
        !out.contains("[2/") && out.contains("[3/"),
        "resumes at question 3:\n{out}"
    );
    assert!(
        out.contains("invalid: question `env.positioning` expects a level from 1 to 5, got `maybe`"),
        "{out}"
    );
    assert!(out.contains("`9` is out of range"), "{out}");
    let a = audit(&env);
    assert_eq!(value(&a, "env.positioning"), Some(toml::Value::Integer(3)));
    assert_eq!(a["answers"]["env.positioning"]["note"].as_str(), Some("老闆很重視"));
    assert_eq!(
        a["position"].as_integer(),
        Some(3),
        "end of input stops and saves at question 4"
    );

    // Back goes to the previous question and Enter keeps its answer.
    let r = env.run_with_input(&["--lang", "en", "answer", "acme"], "b\n\nq\n");
    let out = r.stdout();
    assert!(out.contains("current answer: 3/5"), "{out}");
    assert_eq!(value(&audit(&env), "env.positioning"), Some(toml::Value::Integer(3)));
}

#[test]
fn an_interrupted_session_keeps_every_saved_answer_and_resumes() {
    let env = Env::workspace();
    let mut child = Command::new(env!("CARGO_BIN_EXE_chuxin"))
        .args(["--lang", "en", "answer", "acme"])
        .env("CHUXIN_TODAY", "2026-11-26")
        .env_remove("CHUXIN_WORKSPACE")
        .current_dir(env.path())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let mut stdout = BufReader::new(child.stdout.take().unwrap());
    stdin.write_all(b"5\n").unwrap();
    stdin.flush().unwrap();
    // Wait until the second question is on screen: the first answer is saved by then.
    let mut line = String::new();
    while !line.starts_with("[2/") {
        line.clear();
        assert!(
            stdout.read_line(&mut line).unwrap() > 0,
            "the questionnaire ended early"
        );
    }
    let status = Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    let exit = child.wait().unwrap();
    assert!(!exit.success(), "the process was interrupted");
    drop(stdin);

    let a = audit(&env);
    assert_eq!(value(&a, "env.interest"), Some(toml::Value::Integer(5)));
    let leftovers: Vec<_> = std::fs::read_dir(env.path().join("clients/acme/audits"))
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    assert_eq!(leftovers, ["2026-11-26.toml"], "no temporary files are left behind");

    let out = env.run_with_input(&["--lang", "en", "answer", "acme"], "").stdout();
    assert!(
        out.contains("[2/") && !out.contains("[1/"),
        "resumes at question 2:\n{out}"
    );
}

#[test]
fn a_new_audit_keeps_the_old_one_as_history() {
    let env = Env::workspace();
    env.run_with_input(&["answer", "acme"], "2\n").assert_code(0);
    env.run_with_input(&["answer", "acme", "--new"], "4\n").assert_code(0);
    let first: toml::Table = toml::from_str(&env.read("clients/acme/audits/2026-11-26.toml")).unwrap();
    let second: toml::Table = toml::from_str(&env.read("clients/acme/audits/2026-11-26-2.toml")).unwrap();
    assert_eq!(value(&first, "env.interest"), Some(toml::Value::Integer(2)));
    assert_eq!(value(&second, "env.interest"), Some(toml::Value::Integer(4)));
    let show = env.ok(&["client", "show", "acme"]);
    assert!(
        show.contains("audit 2026-11-26: 1/30 answered") && show.contains("audit 2026-11-26-2: 1/30 answered"),
        "{show}"
    );
}

#[test]
fn the_questionnaire_runs_in_a_pseudo_terminal() {
    // util-linux `script` gives the program a real pseudo-terminal as stdin and stdout; the answers are typed
    // into it through the pipe.
    if Command::new("script").arg("--version").output().is_err() {
        eprintln!("notice: `script` (util-linux) not found; pseudo-terminal test skipped");
        return;
    }
    let env = Env::workspace();
    let command = format!("{} --lang en answer acme", env!("CARGO_BIN_EXE_chuxin"));
    let mut child = Command::new("script")
        .args(["-qec", &command, "/dev/null"])
        .env("CHUXIN_TODAY", "2026-11-26")
        .env_remove("CHUXIN_WORKSPACE")
        .current_dir(env.path())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Q1 answered 4; on Q2 a note, then its answer; on Q3 a note, then `n` alone clears it; quit.
    child
        .stdin
        .take()
        .unwrap()
        .write_all("4\nn 老闆很重視\n2\nn 待確認\nn\nq\n".as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stdout));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("[1/") && text.contains("None: leadership sees social media as irrelevant"),
        "{text}"
    );
    let a = audit(&env);
    assert_eq!(value(&a, "env.interest"), Some(toml::Value::Integer(4)));
    assert_eq!(
        value(&a, "env.current_practice"),
        Some(toml::Value::String("part_time".into()))
    );
    // `n TEXT` went to the question on screen (Q2, typed after Q1's answer), not to Q1 nor Q3.
    assert!(text.contains("note saved on env.current_practice"), "{text}");
    assert_eq!(
        a["answers"]["env.current_practice"]["note"].as_str(),
        Some("老闆很重視")
    );
    assert!(a["answers"]["env.interest"].get("note").is_none());
    // Q2 asked again after its note shows it.
    assert!(text.contains("note: 老闆很重視"), "{text}");
    // `n` alone cleared Q3's note: Q3 has neither answer nor note left.
    assert!(text.contains("note on env.positioning cleared"), "{text}");
    assert!(a["answers"].get("env.positioning").is_none(), "{a:?}");
}
