//! `chuxin import`, `chuxin answer` and a client's `exports/exports.toml` in the run's language: every problem of
//! a questionnaire and every answer that does not fit its question, worded in zh-Hant, zh-Hans or en, with the
//! file, line and field verbatim.

use crate::language::english_words;
use crate::support::Env;

/// Line 1 the header; line 2 good; 3 an option the question does not have; 4 75 minutes where at most 60 are
/// allowed; 5 an unknown id; 6 env.interest again (first at line 2); 7 an answer without an id; 8 a word where
/// a level 1 to 5 is asked.
const BAD: &str = "id,answer,note\n\
                   env.interest,4,\n\
                   env.current_practice,outsourced,\n\
                   res.patience,75,\n\
                   env.nonsense,1,\n\
                   env.interest,3,\n\
                   ,2,只有答案\n\
                   env.positioning,maybe,\n";

/// The options of env.current_practice, as the core pack lists them.
const PRACTICES: [&str; 5] = ["none", "part_time", "agency_only", "in_house", "hybrid_governed"];

/// A workspace in `lang` with client `a` and the bad questionnaire.
fn workspace(lang: &str) -> Env {
    let env = Env::new();
    env.ok(&["--lang", lang, "init", ".", "--name", "初心"]);
    env.ok(&["client", "add", "a", "--name", "品牌甲"]);
    env.write("bad.csv", BAD);
    env
}

fn quoted(sep: &str) -> String {
    PRACTICES.map(|o| format!("`{o}`")).join(sep)
}

/// Imports the bad file: refused (exit 3), nothing written, and the error as `expected` line for line.
#[track_caller]
fn refused(env: &Env, args: &[&str], expected: &str) -> String {
    let before = env.snapshot();
    let r = env.run(args);
    r.assert_code(3);
    assert_eq!(r.stderr(), expected);
    assert_eq!(env.snapshot(), before, "nothing is written");
    r.stderr()
}

#[test]
fn a_zh_hant_import_lists_every_problem_in_traditional_chinese_with_its_line() {
    let env = workspace("zh-Hant");
    let err = refused(
        &env,
        &["import", "a", "bad.csv"],
        &format!(
            "錯誤：`bad.csv` 有 6 個問題，未匯入任何內容\n\
             \x20 bad.csv:3：`answer (env.current_practice)`：題目 `env.current_practice`：沒有 `outsourced` 這個選項（可選：{}）\n\
             \x20 bad.csv:4：`answer (res.patience)`：題目 `res.patience`：`75` 超出範圍（0 至 60）\n\
             \x20 bad.csv:5：`id`：沒有題號為 `env.nonsense` 的題目\n\
             \x20 bad.csv:6：`id`：題目 `env.interest` 重複出現（第一次在第 2 行）\n\
             \x20 bad.csv:7：`id`：有答案或備註，卻沒有填題號\n\
             \x20 bad.csv:8：`answer (env.positioning)`：題目 `env.positioning` 需要填介於 1 至 5 的等級，但填的是 `maybe`\n",
            quoted("、")
        ),
    );
    assert_eq!(english_words(&err), Vec::<String>::new());
}

#[test]
fn a_zh_hans_import_lists_every_problem_in_simplified_chinese_with_its_line() {
    let env = workspace("zh-Hans");
    let err = refused(
        &env,
        &["import", "a", "bad.csv"],
        &format!(
            "错误：`bad.csv` 有 6 个问题，未导入任何内容\n\
             \x20 bad.csv:3：`answer (env.current_practice)`：题目 `env.current_practice`：没有 `outsourced` 这个选项（可选：{}）\n\
             \x20 bad.csv:4：`answer (res.patience)`：题目 `res.patience`：`75` 超出范围（0 到 60）\n\
             \x20 bad.csv:5：`id`：没有题号为 `env.nonsense` 的题目\n\
             \x20 bad.csv:6：`id`：题目 `env.interest` 重复出现（第一次在第 2 行）\n\
             \x20 bad.csv:7：`id`：有答案或备注，但没有填题号\n\
             \x20 bad.csv:8：`answer (env.positioning)`：题目 `env.positioning` 需要填介于 1 到 5 的等级，但填的是 `maybe`\n",
            quoted("、")
        ),
    );
    assert_eq!(english_words(&err), Vec::<String>::new());
    // A file without the columns an import needs, and a TOML answer whose note is no text.
    env.write("nocol.csv", "題目,答案\nenv.interest,4\n");
    refused(
        &env,
        &["import", "a", "nocol.csv"],
        "错误：nocol.csv:1：`id`：找不到 `id` 列\n",
    );
    env.write("note.toml", "[answers]\n\"env.interest\" = { value = 4, note = 5 }\n");
    refused(
        &env,
        &["import", "a", "note.toml"],
        "错误：note.toml:2：`answers.env.interest.note`：备注必须是文本\n",
    );
}

#[test]
fn the_same_file_in_english_keeps_the_english_wording() {
    let env = workspace("zh-Hant");
    refused(
        &env,
        &["--lang", "en", "import", "a", "bad.csv"],
        &format!(
            "error: `bad.csv` has 6 problems; nothing was imported\n\
             \x20 bad.csv:3: answer (env.current_practice): question `env.current_practice`: `outsourced` is out of range (options {})\n\
             \x20 bad.csv:4: answer (res.patience): question `res.patience`: `75` is out of range (0 to 60)\n\
             \x20 bad.csv:5: id: unknown question id `env.nonsense`\n\
             \x20 bad.csv:6: id: question `env.interest` is given twice (also at line 2)\n\
             \x20 bad.csv:7: id: an answer or note without a question id\n\
             \x20 bad.csv:8: answer (env.positioning): question `env.positioning` expects a level from 1 to 5, got `maybe`\n",
            quoted(", ")
        ),
    );
}

#[test]
fn the_terminal_questionnaire_refuses_a_bad_answer_in_the_clients_language() {
    let env = workspace("zh-Hant");
    // Q1 env.interest is a 5-level scale: `maybe` is no level, 9 is above 5, 4 is taken.
    let r = env.run_with_input(&["answer", "a"], "maybe\n9\n4\nq\n");
    r.assert_code(0);
    let out = r.stdout();
    assert!(
        out.contains("  無效：題目 `env.interest` 需要填介於 1 至 5 的等級，但填的是 `maybe`\n"),
        "{out}"
    );
    assert!(
        out.contains("  無效：題目 `env.interest`：`9` 超出範圍（等級 1 至 5）\n"),
        "{out}"
    );
}

#[test]
fn a_bad_exports_mapping_is_reported_in_simplified_chinese_with_its_line() {
    let env = workspace("zh-Hans");
    env.write(
        "clients/a/exports/posts.csv",
        "brand,platform,time,likes\n品牌甲,weibo,2024-01-02,10\n",
    );
    env.write(
        "clients/a/exports/exports.toml",
        "[profiles]\n\"post.csv\" = \"uci-facebook-metrics\"\n",
    );
    env.run(&["bench", "a"]).assert_code(3).assert_error_line(&[
        "错误：`clients/a/exports/exports.toml`：`profiles.\"post.csv\"`：`clients/a/exports` 中没有这个 CSV 文件",
    ]);
    env.write("clients/a/exports/exports.toml", "[profiles]\n\"posts.csv\" = \n");
    let r = env.run(&["bench", "a"]);
    r.assert_code(3)
        .assert_error_line(&["错误：`clients/a/exports/exports.toml` 第 2 行：TOML 格式错误（"]);
    env.write(
        "clients/a/exports/exports.toml",
        "[profiles]\n\"post.csv\" = \"uci-facebook-metrics\"\n",
    );
    env.run(&["--lang", "en", "bench", "a"])
        .assert_code(3)
        .assert_error_line(&[
            "error: clients/a/exports/exports.toml: profiles.\"post.csv\": no such CSV file in `clients/a/exports`",
        ]);
}
