//! Languages: a client's own language (`client add --lang`, `client edit --lang`) between the workspace's and the
//! one a command asks for; and the English-leak check — a Chinese run of the main flows prints no English word
//! outside ids, file names, brand names, units and the commands it suggests.

use crate::support::Env;

/// Words a Chinese run may print in Latin letters: commands and options it suggests, ids of packs, sections,
/// industries, platforms and sins, encodings and file formats, language tags, and the names of the fixtures'
/// own brands and agency. Words joined to `_ . - / :` or digits (ids, paths, dates, `UTF-8`) are skipped before
/// this list is consulted.
const ALLOWED: &[&str] = &[
    // the binary and its commands (suggested as commands to type)
    "chuxin",
    "client",
    "add",
    "answer",
    "score",
    "report",
    "bench",
    "compare",
    "form",
    "import",
    "init",
    "demo",
    // section, pack, industry and platform ids
    "env",
    "ops",
    "exe",
    "res",
    "core",
    "finance",
    "food",
    "retail",
    "beauty",
    "none",
    "banking",
    "insurance",
    "securities",
    "beverage",
    "restaurant",
    "fnb",
    "fmcg",
    "ecommerce",
    "weibo",
    "wechat",
    "douyin",
    "xiaohongshu",
    "instagram",
    "facebook",
    // sin and fact ids of one word
    "understaffed",
    "channels",
    // encodings, formats, language tags, brand-like terms from the packs
    "UTF",
    "GB",
    "gbk",
    "Big",
    "CSV",
    "HTML",
    "JSON",
    "SVG",
    "PNG",
    "XLSX",
    "en",
    "zh",
    "Hant",
    "Hans",
    "Social",
    "CRM",
    "ID",
    "KOL",
    "KPI",
    "UGC",
    "SOP",
    "OK",
    // the fixtures' names: the sample agency, and the brands of this test
    "sample",
    "agency",
    "Rival",
];

/// The English words of `text` that are not on the allow-list, with their lines.
pub(crate) fn english_words(text: &str) -> Vec<String> {
    let mut found = Vec::new();
    for line in text.lines() {
        // Quoted ids and paths (`lotus-tea`) are names, whatever they hold.
        let mut unquoted = String::new();
        for (i, part) in line.split('`').enumerate() {
            if i % 2 == 0 {
                unquoted.push_str(part);
                unquoted.push(' ');
            }
        }
        let word_char = |c: char| c.is_ascii_alphanumeric() || "_.-/:@\\%+=".contains(c);
        for token in unquoted.split(|c: char| !word_char(c)) {
            if !token.chars().any(|c| c.is_ascii_alphabetic()) {
                continue;
            }
            if token.chars().any(|c| !c.is_ascii_alphabetic()) {
                continue; // an id, a path, a date, an option, a unit such as UTF-8
            }
            if token.len() < 2 || ALLOWED.contains(&token) {
                continue;
            }
            found.push(format!("`{token}` in: {line}"));
        }
    }
    found
}

/// Runs the main flows in a workspace of `lang` and returns everything they printed.
fn main_flows(lang: &str) -> String {
    let env = Env::new();
    let mut printed = String::new();
    let mut ok = |args: &[&str]| {
        let r = env.run(args);
        r.assert_code(0);
        printed.push_str(&r.stdout());
        printed.push_str(&r.stderr());
    };
    ok(&[
        "--lang",
        lang,
        "init",
        ".",
        "--name",
        "初心行銷",
        "--timezone",
        "Asia/Taipei",
    ]);
    ok(&[
        "client",
        "add",
        "lotus-tea",
        "--name",
        "蓮心茶飲",
        "--industry",
        "none",
        "--competitor",
        "Rival",
    ]);
    ok(&["client", "list"]);
    ok(&["client", "show", "lotus-tea"]);
    env.write(
        "a.toml",
        "[answers]\n\"env.interest\" = 4\n\"ops.participation\" = 2\n\"exe.complaint_handling\" = 2\n",
    );
    ok(&["import", "lotus-tea", "a.toml"]);
    ok(&["form", "lotus-tea", "-o", "form.md"]);
    ok(&["score", "lotus-tea"]);
    env.write(
        "posts.csv",
        "brand,platform,time,likes,comments,brand replies\n蓮心茶飲,weibo,2024-01-02,10,40,2\n\
         蓮心茶飲,wechat,2024-01-09,10,60,3\nRival,weibo,2024-01-02,5,10,6\nRival,weibo,2024-01-05,5,10,6\n",
    );
    ok(&["bench", "lotus-tea", "--posts", "posts.csv"]);
    ok(&["score", "lotus-tea"]);
    ok(&["report", "lotus-tea", "--format", "md", "-o", "out"]);
    ok(&["report", "lotus-tea", "--format", "html", "-o", "out"]);
    ok(&["report", "lotus-tea", "--format", "json", "-o", "out"]);
    ok(&["compare"]);
    ok(&["compare", "--format", "html", "-o", "out/portfolio.html"]);
    ok(&["packs", "list"]);
    ok(&["--lang", lang, "demo", "d"]);
    printed
}

#[test]
fn a_chinese_run_prints_no_english_words() {
    for lang in ["zh-Hant", "zh-Hans"] {
        let printed = main_flows(lang);
        let words = english_words(&printed);
        assert!(
            words.is_empty(),
            "a {lang} run printed English words (translate them in data/messages/messages.toml):\n{}\n\n--- printed\n{printed}",
            words.join("\n")
        );
    }
}

#[test]
fn the_leak_check_finds_english() {
    assert!(english_words("已寫入 `a-b.md`（3 題）UTF-8 weibo env.interest 2024-01-02").is_empty());
    assert_eq!(english_words("imported 3 answers").len(), 2);
}

#[test]
fn a_client_speaks_its_own_language_unless_a_command_names_another() {
    let env = Env::new();
    env.ok(&["--lang", "zh-Hant", "init", "."]);
    let added = env.ok(&[
        "--lang",
        "en",
        "client",
        "add",
        "acme",
        "--name",
        "Acme",
        "--industry",
        "none",
    ]);
    assert!(added.starts_with("added client `acme`"), "{added}");
    assert!(env.read("clients/acme/client.toml").contains("lang = \"en\""));
    env.ok(&["client", "add", "lotus", "--name", "蓮心", "--industry", "none"]);
    assert!(!env.read("clients/lotus/client.toml").contains("lang"));
    env.write("a.toml", "[answers]\n\"env.interest\" = 4\n");
    for c in ["acme", "lotus"] {
        env.ok(&["import", c, "a.toml"]);
    }

    // The client's language, then the workspace's.
    assert!(env.ok(&["score", "acme"]).contains("· audit 2026-11-26"));
    assert!(env.ok(&["score", "lotus"]).contains("· 稽核 2026-11-26"));
    // --lang on the command still wins.
    assert!(
        env.ok(&["--lang", "zh-Hans", "score", "acme"])
            .contains("· 审计 2026-11-26")
    );
    env.ok(&["--lang", "zh-Hans", "report", "acme", "--format", "md", "-o", "out"]);
    assert!(env.read("out/acme-2026-11-26.md").contains("社会化媒体诊断报告"));
    env.ok(&["report", "acme", "--format", "md", "-o", "out"]);
    assert!(env.read("out/acme-2026-11-26.md").contains("Social media audit report"));

    // `client edit --lang` changes it; without --lang there is nothing to change.
    let edited = env.ok(&["--lang", "zh-Hans", "client", "edit", "acme"]);
    assert!(edited.contains("zh-Hans"), "{edited}");
    assert!(env.read("clients/acme/client.toml").contains("lang = \"zh-Hans\""));
    assert!(env.ok(&["score", "acme"]).contains("· 审计 2026-11-26"));
    assert!(env.ok(&["client", "show", "acme"]).contains("语言: zh-Hans"));
    env.run(&["client", "edit", "acme"]).assert_code(2);
}
