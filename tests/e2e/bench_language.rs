//! `chuxin bench` in the run's language: the bad rows, duplicate post ids and ignored columns it reports, the
//! warnings it stores with the run and the errors it stops on, worded in zh-Hant, zh-Hans or en, with the file,
//! line and column header verbatim.

use crate::language::english_words;
use crate::support::Env;
use serde_json::Value;

/// Line 3: `很多` is no number; line 5 repeats post p1 of line 2; line 6 has 4 cells under 7 headers; `完播率` is
/// not a field chuxin reads, but its header reads as a measure. So 2 rows counted, 2 skipped, 1 duplicate.
const POSTS: &str = "貼文編號,品牌,平台,發布時間,點贊,評論,完播率\n\
                     p1,品牌甲,微博,2024-03-05 10:00,1.2萬,35,31%\n\
                     p2,品牌甲,微博,2024-03-06 10:00,很多,3,20%\n\
                     p3,品牌乙,微博,2024-03-05,10,2,30%\n\
                     p1,品牌甲,微博,2024-03-05 10:00,5,1,10%\n\
                     p4,品牌乙,微博,2024-03-08\n";

/// A workspace in `lang` with client `a` (品牌甲 against 品牌乙) and the posts above.
fn workspace(lang: &str) -> Env {
    let env = Env::new();
    env.ok(&["--lang", lang, "init", ".", "--name", "初心"]);
    env.ok(&["client", "add", "a", "--name", "品牌甲", "--competitor", "品牌乙"]);
    env.write("posts.csv", POSTS);
    env
}

fn lines(text: &str) -> Vec<&str> {
    text.lines().map(str::trim_end).collect()
}

#[track_caller]
fn assert_lines(printed: &str, expected: &[&str]) {
    let got = lines(printed);
    for line in expected {
        assert!(got.contains(line), "missing line\n{line}\nin:\n{printed}");
    }
}

#[test]
fn a_zh_hant_bench_words_bad_rows_duplicates_and_ignored_columns_in_traditional_chinese() {
    let env = workspace("zh-Hant");
    let r = env.run(&["bench", "a", "--posts", "posts.csv"]);
    r.assert_code(0);
    let err = r.stderr();
    assert_lines(
        &err,
        &[
            "  提醒：欄位 `完播率` 已忽略，但欄位名稱看起來像是數據指標；若是，請在欄位對應設定（`--profile`）中加入",
            "  已略過 posts.csv:3：欄位 `點贊`：`很多` 不是數字",
            "  已略過 posts.csv:6：這一列只有 4 個欄位，標題列卻有 7 個（缺了儲存格，或在引號外斷行）",
            "  已略過 posts.csv:5：貼文編號 `p1` 重複（保留 posts.csv:2 那一列）",
            "提醒：posts.csv：欄位 `完播率` 已忽略，但欄位名稱看起來像是數據指標；若是，請在欄位對應設定（`--profile`）中加入",
        ],
    );
    assert!(
        r.stdout().contains("品牌甲 對比 品牌乙 · 2 則貼文 · 2 列已略過"),
        "{}",
        r.stdout()
    );
    assert!(err.contains("posts.csv：計入 2 列"), "{err}");
    assert!(err.contains("略過 2 列、重複 1 列"), "{err}");
    assert_eq!(english_words(&err), Vec::<String>::new(), "{err}");
    // The run keeps its warnings in the client's language; the bad rows' reasons stay the library's English
    // sentences in the record (a file for tools, read back the same by any language).
    let record: Value = serde_json::from_str(&env.read("clients/a/bench/2026-11-26.json")).unwrap();
    assert_eq!(
        record["warnings"][0],
        "posts.csv：欄位 `完播率` 已忽略，但欄位名稱看起來像是數據指標；若是，請在欄位對應設定（`--profile`）中加入"
    );
    assert_eq!(record["sources"][0]["skipped"][0]["reason"], "`很多` is not a number");
    assert_eq!(
        record["sources"][0]["columns"][6]["warning"],
        "ignored, but the header looks like a measure: map it in a profile if it is one"
    );
}

#[test]
fn a_zh_hans_bench_words_bad_rows_duplicates_and_ignored_columns_in_simplified_chinese() {
    let env = workspace("zh-Hans");
    let r = env.run(&["bench", "a", "--posts", "posts.csv"]);
    r.assert_code(0);
    let err = r.stderr();
    assert_lines(
        &err,
        &[
            "  提醒：列 `完播率` 已忽略，但列名看起来像是数据指标；如果是，请在字段映射配置（`--profile`）中加上",
            "  已跳过 posts.csv:3：列 `點贊`：`很多` 不是数字",
            "  已跳过 posts.csv:6：这一行只有 4 个字段，表头却有 7 个（缺少单元格，或在引号外换行）",
            "  已跳过 posts.csv:5：帖子 ID `p1` 重复（保留 posts.csv:2 那一行）",
            "提醒：posts.csv：列 `完播率` 已忽略，但列名看起来像是数据指标；如果是，请在字段映射配置（`--profile`）中加上",
        ],
    );
    assert!(err.contains("posts.csv：计入 2 行"), "{err}");
    assert_eq!(english_words(&err), Vec::<String>::new(), "{err}");
}

#[test]
fn the_same_file_in_english_keeps_the_english_sentences() {
    let env = workspace("en");
    let r = env.run(&["bench", "a", "--posts", "posts.csv"]);
    r.assert_code(0);
    assert_lines(
        &r.stderr(),
        &[
            "  warning: column `完播率` ignored, but the header looks like a measure: map it in a profile if it is one",
            "  skipped posts.csv:3: column `點贊`: `很多` is not a number",
            "  skipped posts.csv:6: 4 fields, but the header has 7 (a short row: cells missing or a line broken outside quotes)",
            "  skipped posts.csv:5: post id `p1` already read at posts.csv:2",
            "warning: posts.csv: column `完播率` ignored, but the header looks like a measure: map it in a profile if it is one",
        ],
    );
}

#[test]
fn strict_stops_on_the_first_problem_in_the_runs_language() {
    let env = workspace("zh-Hant");
    // The ignored column first (it is known before any row is read) …
    env.run(&["bench", "a", "--posts", "posts.csv", "--strict"])
        .assert_code(3)
        .assert_error_line(&[
            "錯誤：`posts.csv`：欄位 `完播率` 已忽略，但欄位名稱看起來像是數據指標；若是，請在欄位對應設定（`--profile`）中加入；若不是，請對應為 `ignore`，或拿掉 --strict",
        ]);
    // … and, with the column gone, the first bad row, at its line and column.
    let without = "貼文編號,品牌,平台,發布時間,點贊,評論\n\
                   p1,品牌甲,微博,2024-03-05 10:00,1.2萬,35\n\
                   p2,品牌甲,微博,2024-03-06 10:00,很多,3\n";
    env.write("posts.csv", without);
    env.run(&["bench", "a", "--posts", "posts.csv", "--strict"])
        .assert_code(3)
        .assert_error_line(&["錯誤：posts.csv:3：欄位 `點贊`：`很多` 不是數字"]);
    env.run(&["--lang", "zh-Hans", "bench", "a", "--posts", "posts.csv", "--strict"])
        .assert_code(3)
        .assert_error_line(&["错误：posts.csv:3：列 `點贊`：`很多` 不是数字"]);
    env.run(&["--lang", "en", "bench", "a", "--posts", "posts.csv", "--strict"])
        .assert_code(3)
        .assert_error_line(&["error: posts.csv:3: column `點贊`: `很多` is not a number"]);
}

#[test]
fn conversation_warnings_are_stored_in_the_clients_language() {
    // c1 at 10:00 is answered by r1 at 09:00 (before it: not counted); r2 answers c99, which is not in the file;
    // c2 names no brand and got no reply.
    let env = workspace("zh-Hant");
    env.write(
        "p.csv",
        "品牌,平台,發布時間,點贊,評論\n品牌甲,微博,2024-03-05 10:00,10,3\n品牌乙,微博,2024-03-05 11:00,8,2\n",
    );
    env.write(
        "conv.csv",
        "留言ID,品牌,平台,留言者,是否品牌,回覆對象ID,發布時間,內容\n\
         c1,品牌甲,微博,u1,否,,2024-03-05 10:00,等太久\n\
         r1,品牌甲,微博,品牌甲,是,c1,2024-03-05 09:00,抱歉\n\
         r2,品牌甲,微博,品牌甲,是,c99,2024-03-05 11:00,謝謝\n\
         c2,,微博,u2,否,,2024-03-05 12:00,好喝\n",
    );
    let r = env.run(&["bench", "a", "--posts", "p.csv", "--conversations", "conv.csv"]);
    r.assert_code(0);
    let expected = [
        "有 1 則品牌回覆所回應的訊息不在匯出資料中，不計為回應（第一筆：conv.csv:4）",
        "有 1 則訊息無法歸屬到任何品牌（沒有得到回覆的顧客留言，或沒有品牌與作者的品牌訊息），不計入任何品牌的數據（第一筆：conv.csv:5）",
        "有 1 則品牌回覆的時間早於所回應的訊息，不予計入（第一筆：conv.csv:3）",
    ];
    let record: Value = serde_json::from_str(&env.read("clients/a/bench/2026-11-26.json")).unwrap();
    let stored: Vec<&str> = record["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w.as_str().unwrap())
        .collect();
    for w in expected {
        assert!(stored.contains(&w), "{w} not in {stored:?}");
        assert!(
            lines(&r.stderr()).contains(&format!("提醒：{w}").as_str()),
            "{}",
            r.stderr()
        );
    }
    let en = env.run(&[
        "--lang",
        "en",
        "bench",
        "a",
        "--posts",
        "p.csv",
        "--conversations",
        "conv.csv",
    ]);
    assert!(
        en.stderr().contains(
            "warning: 1 brand replies answer a message that is not in the exports; they are not counted as \
             responses (first: conv.csv:4)"
        ),
        "{}",
        en.stderr()
    );
}

#[test]
fn the_errors_of_each_exit_code_speak_traditional_chinese() {
    let env = workspace("zh-Hant");
    env.write("other.csv", "品牌,平台,發布時間,點贊\n別家,微博,2024-01-02,3\n");
    env.write("nobrand.csv", "平台,發布時間,點贊\n微博,2024-01-02,3\n");
    // (arguments, exit code, the error line, the cause line if any)
    let cases: [(&[&str], i32, &str, Option<&str>); 6] = [
        (
            &["bench", "a", "--posts", "missing.csv"],
            1,
            "錯誤：無法讀取 `missing.csv`",
            Some("  原因：找不到這個檔案或資料夾"),
        ),
        (
            &["bench", "a", "--posts", "posts.csv", "--encoding", "klingon"],
            2,
            "錯誤：不認得編碼 `klingon`（可用：utf-8, gb18030 (gbk), big5, utf-16le, utf-16be）",
            None,
        ),
        (
            &["bench", "a", "--posts", "posts.csv", "--since", "2024-13-01"],
            2,
            "錯誤：--since `2024-13-01` 不是日期（請寫成 YYYY-MM-DD）",
            None,
        ),
        (
            &["bench", "a", "--posts", "other.csv"],
            3,
            "錯誤：匯出資料中找不到客戶品牌 `品牌甲`（資料中的品牌：別家）；請用 `client edit ID --brand NAME` 設定",
            None,
        ),
        (
            &["bench", "a", "--posts", "nobrand.csv"],
            3,
            "錯誤：`nobrand.csv` 沒有對應 `brand` 的欄位（以 UTF-8 (驗證無誤) 讀到的標題：`平台`, `發布時間`, `點贊`）；請在欄位對應設定中指定欄位或常數；若標題看起來是亂碼，請用 --encoding 指定檔案的編碼（utf-8、gb18030、big5、utf-16le）",
            None,
        ),
        (
            &["client", "add", "A B", "--name", "乙"],
            5,
            "錯誤：客戶 ID `A B` 無效：只能使用英文字母 a-z、數字、`-`、`_` 和 `.`",
            None,
        ),
    ];
    for (args, code, error, cause) in cases {
        let r = env.run(args);
        r.assert_code(code);
        let err = r.stderr();
        // What was read comes first (a run tells it); the error is the last line but its cause.
        let got = lines(&err);
        let at = got.iter().position(|l| l.starts_with("錯誤：")).expect(&err);
        assert_eq!(got[at], error, "{args:?}");
        assert_eq!(got.get(at + 1).copied(), cause, "{args:?}: {err}");
        assert_eq!(got.len(), at + 1 + usize::from(cause.is_some()), "{err}");
        assert_eq!(english_words(&err), Vec::<String>::new(), "{args:?}");
    }
}

#[test]
fn a_bad_profile_and_the_aggregate_summary_speak_simplified_chinese() {
    let env = workspace("zh-Hans");
    env.write("semicolons.toml", "delimiter = \";;\"\n");
    env.write("typo.toml", "[columns]\n\"點贊\" = \"lieks\"\n");
    env.run(&["bench", "a", "--posts", "posts.csv", "--profile", "semicolons.toml"])
        .assert_code(3)
        .assert_error_line(&[
            "错误：字段映射配置 `semicolons.toml`：配置项 `delimiter` 的值 `;;` 不是单个 ASCII 字符（或 `tab`）",
        ]);
    env.run(&["bench", "a", "--posts", "posts.csv", "--profile", "typo.toml"])
        .assert_code(3)
        .assert_error_line(&[
            "错误：字段映射配置 `typo.toml`：列 `點贊` 映射到不存在的字段名 `lieks`；可用的字段名：brand, ",
        ]);
    env.run(&["bench", "a", "--posts", "posts.csv", "--profile", "nope"])
        .assert_code(3)
        .assert_error_line(&[
            "错误：`nope` 既不是内置的字段映射配置（",
            "），也不是可读取的文件：找不到这个文件或文件夹",
        ]);
    // `aggregate` reads the same file: 2 rows counted, of 2 brands on one platform in March 2024.
    let r = env.run(&["aggregate", "posts.csv"]);
    r.assert_code(0);
    assert_lines(
        &r.stderr(),
        &[
            "  已跳过 posts.csv:3：列 `點贊`：`很多` 不是数字",
            "chuxin：2 个品牌、2 组、2 条帖子，数据期间 2024-03-05 至 2024-03-05T10:00:00",
        ],
    );
}
