//! Importing a questionnaire again: the re-import rule (a blank never erases a stored answer, a note alone
//! updates the note, `clear` erases), `--replace`, and a file with several bad rows, reported all at once with
//! their physical lines while the workspace stays as it was.

use crate::support::Env;

const AUDIT: &str = "clients/acme/audits/2026-11-26.toml";

/// The stored answer of `id` in the audit: (value, note) as TOML text.
fn stored(env: &Env, id: &str) -> (Option<String>, Option<String>) {
    let audit: toml::Value = toml::from_str(&env.read(AUDIT)).unwrap();
    let a = &audit["answers"].get(id);
    (
        a.and_then(|a| a.get("value")).map(|v| v.to_string()),
        a.and_then(|a| a.get("note"))
            .and_then(|v| v.as_str())
            .map(str::to_string),
    )
}

/// Imports `file` into acme and asserts that it is refused with exit code 3, the whole of stderr, and a workspace
/// left exactly as it was.
#[track_caller]
fn refused(env: &Env, file: &str, stderr: &str) {
    let before = env.snapshot();
    let run = env.run(&["import", "acme", file]);
    run.assert_code(3);
    assert_eq!(run.stderr(), stderr);
    assert_eq!(env.snapshot(), before, "nothing was written");
}

#[test]
fn a_note_alone_keeps_the_answer_and_a_blank_row_keeps_everything() {
    let env = Env::workspace();
    env.write(
        "first.csv",
        "id,answer,note\nenv.interest,4,\nenv.positioning,3,written down last year\nres.patience,8,\n",
    );
    let out = env.ok(&["import", "acme", "first.csv"]);
    assert_eq!(
        out,
        "imported 3 answers into clients/acme/audits/2026-11-26.toml (3/30 scored questions answered)\n\
         \x20 answers added 3: env.interest = 4, env.positioning = 3, res.patience = 8\n\
         \x20 notes updated 1: env.positioning\n\
         \x20 answers kept 0\n"
    );

    // The client sends it back: env.interest with a note and no answer (this used to wipe the answer: 3
    // answered became 2), env.positioning fully blank, res.patience changed, env.brand_sentiment new.
    env.write(
        "second.csv",
        "id,answer,note\nenv.interest,,the chairman now chairs the monthly review\nenv.positioning,,\n\
         res.patience,12,\nenv.brand_sentiment,2,\n",
    );
    let out = env.ok(&["import", "acme", "second.csv"]);
    // By hand: 3 rows give something (the blank row does not); answered: interest, positioning (both kept),
    // patience, brand_sentiment = 4.
    assert_eq!(
        out,
        "imported 3 answers into clients/acme/audits/2026-11-26.toml (4/30 scored questions answered)\n\
         \x20 answers added 1: env.brand_sentiment = 2\n\
         \x20 answers changed 1: res.patience 8 → 12\n\
         \x20 notes updated 1: env.interest\n\
         \x20 answers kept 2\n"
    );
    assert_eq!(
        stored(&env, "env.interest"),
        (
            Some("4".into()),
            Some("the chairman now chairs the monthly review".into())
        )
    );
    assert_eq!(
        stored(&env, "env.positioning"),
        (Some("3".into()), Some("written down last year".into()))
    );
    assert_eq!(stored(&env, "res.patience").0.as_deref(), Some("12"));
}

#[test]
fn only_the_clearing_word_erases_and_replace_says_what_it_removed() {
    let env = Env::workspace();
    env.write(
        "first.toml",
        "[answers]\n\"env.interest\" = { value = 4, note = \"老闆很支持\" }\n\"env.positioning\" = 3\n\
         \"res.patience\" = 8\n",
    );
    env.ok(&["import", "acme", "first.toml"]);
    // `清除` in an answer cell erases the answer (the note stays); `clear` in a note cell erases the note.
    env.write(
        "clear.csv",
        "id,answer,note\nenv.interest,,Clear\nenv.positioning,清除,\n",
    );
    let out = env.ok(&["--lang", "zh-Hant", "import", "acme", "clear.csv"]);
    assert_eq!(
        out,
        "已匯入 2 題至 clients/acme/audits/2026-11-26.toml（計分題已答 2/30）\n\
         \x20 刪除答案 1 題：env.positioning（原為 3）\n\
         \x20 刪除備註 1 題：env.interest\n\
         \x20 保留原有答案 2 題\n"
    );
    assert_eq!(stored(&env, "env.interest"), (Some("4".into()), None));
    assert_eq!(stored(&env, "env.positioning"), (None, None));

    // `--replace`: the file's answers only. By hand: interest 4 → 5 changed, patience 8 removed.
    env.write("only.csv", "id,answer,note\nenv.interest,5,\n");
    let out = env.ok(&["--lang", "zh-Hans", "import", "acme", "only.csv", "--replace"]);
    assert_eq!(
        out,
        "已导入 1 题至 clients/acme/audits/2026-11-26.toml（计分题已答 1/30）\n\
         \x20 修改答案 1 题：env.interest 4 → 5\n\
         \x20 删除答案 1 题：res.patience（原为 8）\n\
         \x20 保留原有答案 0 题\n"
    );
    assert_eq!(stored(&env, "res.patience"), (None, None));
}

#[test]
fn every_bad_row_is_listed_with_its_physical_line_and_nothing_is_written() {
    let env = Env::workspace();
    env.write("good.csv", "id,answer,note\nenv.interest,4,\n");
    env.ok(&["import", "acme", "good.csv"]);
    // As Excel saves it: a byte-order mark, CRLF line endings, and a note over two lines (lines 3 and 4).
    // Line 7 is blank. Bad: line 5 (out of range), line 6 (unknown id), line 8 (env.interest again).
    let csv = "\u{feff}id,answer,note\r\n\
               env.interest,5,\r\n\
               env.positioning,3,\"first line\r\nsecond line\"\r\n\
               env.brand_sentiment,9,\r\n\
               env.nonsense,1,\r\n\
               \r\n\
               env.interest,2,\r\n";
    env.write("bad.csv", csv);
    refused(
        &env,
        "bad.csv",
        "error: `bad.csv` has 3 problems; nothing was imported\n\
         \x20 bad.csv:5: answer (env.brand_sentiment): question `env.brand_sentiment`: `9` is out of range (levels 1 to 5)\n\
         \x20 bad.csv:6: id: unknown question id `env.nonsense`\n\
         \x20 bad.csv:8: id: question `env.interest` is given twice (also at line 2)\n",
    );
    assert_eq!(stored(&env, "env.interest").0.as_deref(), Some("4"));
    let before = env.snapshot();

    // A single bad row is still one line, now on the right line: the CRLF row 3, not 2.
    env.write("one.csv", "id,answer,note\r\nenv.positioning,3,\r\nenv.interest,0,\r\n");
    env.run(&["import", "acme", "one.csv"])
        .assert_code(3)
        .assert_error_line(&["one.csv:3: answer (env.interest)", "out of range"]);
    assert_eq!(env.snapshot().len(), before.len() + 1, "only one.csv is new");
}

#[test]
fn toml_and_json_list_every_bad_answer_too() {
    let env = Env::workspace();
    env.write(
        "in.toml",
        "date = \"2026-11-01\"\n\n[answers]\n\"env.interest\" = 9\n\"env.positioning\" = 3\n\"env.nonsense\" = 2\n",
    );
    refused(
        &env,
        "in.toml",
        "error: `in.toml` has 2 problems; nothing was imported\n\
         \x20 in.toml:4: answers.env.interest.value: question `env.interest`: `9` is out of range (levels 1 to 5)\n\
         \x20 in.toml:6: answers.env.nonsense: unknown question id `env.nonsense`\n",
    );
}
