//! `chuxin bench`: real exports through the real binary, figures checked against values computed here from the
//! files themselves; bad rows, strict mode, charts and the stored record that `score` reads.

use crate::support::{Env, repo};
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};

fn realdata(name: &str) -> String {
    repo().join("tests/fixtures/realdata").join(name).display().to_string()
}

fn metric<'a>(record: &'a Value, id: &str) -> &'a Value {
    record["overall"]["metrics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["metric"] == id)
        .unwrap()
}

/// Adds client `id` named `name` (its brand in the export), benchmarks it on a real export with a built-in profile
/// and `extra` arguments, and returns stdout.
fn bench_real(env: &Env, id: &str, name: &str, file: &str, profile: &str, extra: &[&str]) -> String {
    env.ok(&["client", "add", id, "--name", name]);
    let file = realdata(file);
    let mut args = vec!["bench", id, "--posts", &file, "--profile", profile];
    args.extend_from_slice(extra);
    env.ok(&args)
}

#[test]
fn twitter_export_engagement_rate_equals_the_exports_own_column() {
    let env = Env::workspace();
    let file = realdata("tweet_activity_metrics_rOpenSci_20180501_20180601_en.csv");
    let out = bench_real(
        &env,
        "ro",
        "rOpenSci",
        "tweet_activity_metrics_rOpenSci_20180501_20180601_en.csv",
        "twitter-analytics",
        &["--format", "json"],
    );
    let record: Value = serde_json::from_str(&out).unwrap();

    // Independently: the export's own `engagement rate` column (a fraction), averaged over the 50 tweets.
    let mut r = csv::Reader::from_path(&file).unwrap();
    let col = r
        .headers()
        .unwrap()
        .iter()
        .position(|h| h == "engagement rate")
        .unwrap();
    let rates: Vec<f64> = r.records().map(|rec| rec.unwrap()[col].parse().unwrap()).collect();
    assert_eq!(rates.len(), 50);
    let mean_percent = rates.iter().sum::<f64>() / 50.0 * 100.0;
    let got = metric(&record, "er_impressions")["client"].as_f64().unwrap();
    assert!((got - mean_percent).abs() < 1e-9, "{got} vs {mean_percent}");
    assert_eq!(metric(&record, "posts")["client"], 50.0);
    // The README's month totals: likes 675, retweets 295, replies 46 → 1,016 interactions.
    assert_eq!(metric(&record, "interactions")["client"], 1016.0);
    // The run is stored for `score` and `report`.
    let stored = env.read("clients/ro/bench/2026-11-26.json");
    assert_eq!(serde_json::from_str::<Value>(&stored).unwrap()["posts"], 50);
}

#[test]
fn live_sellers_pages_are_counted_once_and_compared_as_competitors() {
    let env = Env::workspace();
    let file = realdata("Live.csv");
    let out = bench_real(
        &env,
        "seller",
        "246675545449582",
        "Live.csv",
        "uci-live-sellers",
        &["--format", "json"],
    );
    let record: Value = serde_json::from_str(&out).unwrap();

    // Independently: distinct status ids per page (the part before `_`).
    let mut r = csv::Reader::from_path(&file).unwrap();
    let mut ids: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for rec in r.records() {
        let rec = rec.unwrap();
        let page = rec[0].split('_').next().unwrap().to_string();
        ids.entry(page).or_default().insert(rec[0].to_string());
    }
    assert_eq!(ids.len(), 9);
    let total: usize = ids.values().map(BTreeSet::len).sum();
    assert_eq!(record["posts"], total);
    assert_eq!(record["duplicates"], 7050 - total);
    let posts = metric(&record, "posts");
    for b in posts["brands"].as_array().unwrap() {
        let page = b["brand"].as_str().unwrap();
        assert_eq!(b["value"].as_f64().unwrap() as usize, ids[page].len(), "{page}");
    }
    // The competitor average excludes the client; the landscape average includes it.
    let counts: Vec<f64> = ids
        .iter()
        .filter(|(p, _)| *p != "246675545449582")
        .map(|(_, s)| s.len() as f64)
        .collect();
    let competitor_avg = counts.iter().sum::<f64>() / 8.0;
    assert!((posts["competitor_average"].as_f64().unwrap() - competitor_avg).abs() < 1e-9);
    let landscape_avg = total as f64 / 9.0;
    assert!((posts["landscape_average"].as_f64().unwrap() - landscape_avg).abs() < 1e-9);
}

#[test]
fn bad_rows_are_skipped_and_reported_and_strict_stops_with_file_line_and_column() {
    let env = Env::workspace();
    env.ok(&["client", "add", "a", "--name", "品牌甲", "--competitor", "品牌乙"]);
    env.write(
        "posts.csv",
        "品牌,平台,發布時間,點贊,評論,轉發\n品牌甲,微博,2024-03-05 10:00,1.2萬,35,12\n品牌甲,微博,2024-03-06 10:00,很多,3,1\n品牌乙,微信,2024-03-07,10万+,-,8\n",
    );
    let r = env.run(&["--lang", "en", "bench", "a", "--posts", "posts.csv"]);
    r.assert_code(0);
    assert!(
        r.stderr()
            .contains("posts.csv:3: column `點贊`: `很多` is not a number"),
        "{}",
        r.stderr()
    );
    assert!(r.stdout().contains("1 rows skipped"), "{}", r.stdout());
    let record: Value = serde_json::from_str(&env.read("clients/a/bench/2026-11-26.json")).unwrap();
    // 1.2萬 = 12,000 likes + 35 + 12 on the client's one good post.
    assert_eq!(metric(&record, "interactions")["client"], 12_047.0);

    let before = env.snapshot();
    env.run(&["bench", "a", "--posts", "posts.csv", "--strict"])
        .assert_code(3)
        .assert_error_line(&["posts.csv:3", "column `點贊`"]);
    assert_eq!(env.snapshot(), before, "a failed run stores nothing");
}

#[test]
fn a_client_missing_from_the_exports_is_refused() {
    let env = Env::workspace();
    env.write("posts.csv", "brand,platform,time,likes\nOther,weibo,2024-01-02,3\n");
    let r = env.run(&["bench", "acme", "--posts", "posts.csv"]);
    r.assert_code(3);
    let err = r.stderr();
    let last = err.lines().last().unwrap();
    assert!(
        last.starts_with("error: client brand `Acme 茶飲` is not in the exports") && last.contains("Other"),
        "{err}"
    );
}

#[test]
fn charts_are_written_as_svg_and_name_the_brands() {
    let env = Env::workspace();
    bench_real(
        &env,
        "seller",
        "246675545449582",
        "Live.csv",
        "uci-live-sellers",
        &["--charts", "charts"],
    );
    for stem in ["bubble-quadrant", "lines-interactions", "bars-interactions_per_post"] {
        let svg = env.read(&format!("charts/{stem}.svg"));
        assert!(svg.contains("<svg") && svg.trim_end().ends_with("</svg>"), "{stem}");
        assert!(svg.contains("246675545449582"), "{stem} names the client");
    }
    let leftovers: Vec<_> = std::fs::read_dir(env.path().join("charts"))
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|n| n.starts_with('.'))
        .collect();
    assert!(leftovers.is_empty(), "no partial files: {leftovers:?}");
}

#[test]
fn score_uses_the_latest_benchmark_as_evidence() {
    let env = Env::workspace();
    // A client who answers that participation is fine, but whose data shows few brand replies.
    env.write("a.toml", "[answers]\n\"ops.participation\" = 4\n");
    env.ok(&["import", "acme", "a.toml"]);
    let card: Value = serde_json::from_str(&env.ok(&["score", "acme", "--format", "json"])).unwrap();
    assert!(
        card["scorecard"]["findings"]
            .as_array()
            .unwrap()
            .iter()
            .all(|f| f["sin"] != "ignores_interaction")
    );
    env.write(
        "posts.csv",
        "brand,platform,time,likes,comments,brand replies\nAcme 茶飲,weibo,2024-01-02,10,40,2\nAcme 茶飲,wechat,2024-01-09,10,60,3\nRival A,weibo,2024-01-02,5,10,6\nRival A,weibo,2024-01-09,5,10,6\n",
    );
    env.ok(&["bench", "acme", "--posts", "posts.csv"]);
    let card: Value = serde_json::from_str(&env.ok(&["score", "acme", "--format", "json"])).unwrap();
    assert_eq!(card["benchmark"], "2026-11-26");
    let finding = card["scorecard"]["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["sin"] == "ignores_interaction")
        .unwrap();
    let ev = finding["evidence"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["metric"] == "brand_reply_ratio")
        .unwrap();
    // (2 + 3) brand replies ÷ (40 + 60) comments = 0.05 < 0.2
    assert!((ev["figure"].as_f64().unwrap() - 0.05).abs() < 1e-12);
}

#[test]
fn aggregate_totals_match_the_file_read_directly() {
    let env = Env::new();
    let file = repo().join("data/sample-agency/clients/hengfeng-bank/exports/hengfeng-bank_posts.csv");
    let out = env.ok(&["aggregate", file.to_str().unwrap()]);
    // Independently: posts and Σ likes by brand × month (the file is `;`-separated, times ISO 8601).
    let mut r = csv::ReaderBuilder::new().delimiter(b';').from_path(&file).unwrap();
    let mut want: BTreeMap<(String, String, String), (u64, f64)> = BTreeMap::new();
    for rec in r.records() {
        let rec = rec.unwrap();
        let key = (rec[0].to_string(), rec[1].to_lowercase(), rec[3][..7].to_string());
        let e = want.entry(key).or_default();
        e.0 += 1;
        e.1 += rec[9].parse::<f64>().unwrap();
    }
    let mut got: BTreeMap<(String, String, String), (u64, f64)> = BTreeMap::new();
    let mut rd = csv::Reader::from_reader(out.as_bytes());
    let headers = rd.headers().unwrap().clone();
    let col = |name: &str| headers.iter().position(|h| h == name).unwrap();
    for rec in rd.records() {
        let rec = rec.unwrap();
        got.insert(
            (
                rec[col("brand")].to_string(),
                rec[col("platform")].to_string(),
                rec[col("month")].to_string(),
            ),
            (rec[col("posts")].parse().unwrap(), rec[col("likes")].parse().unwrap()),
        );
    }
    assert_eq!(got, want);
}

#[test]
fn without_files_bench_reads_the_clients_exports_folder() {
    let env = Env::workspace();
    let before = env.snapshot();
    env.run(&["bench", "acme"])
        .assert_code(2)
        .assert_error_line(&["no exports", "clients/acme/exports"]);
    assert_eq!(env.snapshot(), before);
    env.write(
        "clients/acme/exports/weibo.csv",
        "brand,platform,time,likes,comments\nAcme 茶飲,weibo,2024-01-02,10,4\nRival A,weibo,2024-01-03,5,1\n",
    );
    env.write(
        "clients/acme/exports/accounts.csv",
        "brand,platform,date,followers\nAcme 茶飲,weibo,2024-01-07,1000\n",
    );
    let record: Value = serde_json::from_str(&env.ok(&["bench", "acme", "--format", "json"])).unwrap();
    assert_eq!(record["files"].as_array().unwrap().len(), 2, "{}", record["files"]);
    assert_eq!(metric(&record, "interactions")["client"], 14.0);
}

#[test]
fn each_audit_is_read_with_the_benchmark_of_its_own_time() {
    let env = Env::workspace();
    let posts = |replies: u32| {
        format!(
            "brand,platform,time,likes,comments,brand replies\nAcme 茶飲,weibo,2026-03-02,10,50,{replies}\nAcme 茶飲,wechat,2026-03-09,10,50,{replies}\nRival A,weibo,2026-03-02,5,10,6\nRival A,weibo,2026-03-09,5,10,6\n"
        )
    };
    // May: the team says it invites participation (4/5), but replies to 4 of 100 comments.
    env.write(
        "may.toml",
        "date = \"2026-05-01\"\n[answers]\n\"ops.participation\" = 4\n",
    );
    env.ok(&["import", "acme", "may.toml"]);
    env.write("march.csv", &posts(2));
    env.ok_on("2026-04-20", &["bench", "acme", "--posts", "march.csv"]);
    // November: same answer, and now 60 of 100 comments get a reply.
    env.write(
        "nov.toml",
        "date = \"2026-11-01\"\n[answers]\n\"ops.participation\" = 4\n",
    );
    env.ok(&["import", "acme", "nov.toml"]);
    env.write("october.csv", &posts(30));
    env.ok_on("2026-11-20", &["bench", "acme", "--posts", "october.csv"]);

    let sins = |card: &Value| -> Vec<String> {
        card["scorecard"]["findings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["sin"].as_str().unwrap().to_string())
            .collect()
    };
    let may: Value =
        serde_json::from_str(&env.ok(&["score", "acme", "--audit", "2026-05-01", "--format", "json"])).unwrap();
    assert_eq!(may["benchmark"], "2026-04-20", "the run before the next audit started");
    assert!(sins(&may).contains(&"ignores_interaction".to_string()), "4 / 100 < 0.2");
    let nov: Value = serde_json::from_str(&env.ok(&["score", "acme", "--format", "json"])).unwrap();
    assert_eq!(nov["benchmark"], "2026-11-20");
    assert!(
        !sins(&nov).contains(&"ignores_interaction".to_string()),
        "60 / 100 ≥ 0.2"
    );

    // The report's change section sees the sin resolved.
    env.ok(&["report", "acme", "--format", "json", "-o", "out"]);
    let report: Value = serde_json::from_str(&env.read("out/acme-2026-11-01.json")).unwrap();
    let resolved: Vec<&str> = report["change"]["resolved_sins"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["sin"].as_str().unwrap())
        .collect();
    assert!(resolved.contains(&"ignores_interaction"), "{resolved:?}");
}

/// ISO week number of a date (Monday = 1), enough for dates away from year ends.
fn iso_week(y: i64, m: i64, d: i64) -> i64 {
    let days_before = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334][(m - 1) as usize];
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let ordinal = days_before + d + i64::from(leap && m > 2);
    // Days since 1970-01-01 (a Thursday) give the weekday.
    let (yy, mm) = if m <= 2 { (y - 1, m + 9) } else { (y, m - 3) };
    let era = yy.div_euclid(400);
    let yoe = yy - era * 400;
    let doy = (153 * mm + 2) / 5 + d - 1;
    let days = era * 146_097 + yoe * 365 + yoe / 4 - yoe / 100 + doy - 719_468;
    let weekday = (days + 3).rem_euclid(7) + 1;
    (ordinal - weekday + 10) / 7
}

#[test]
fn csv_output_groups_every_metric_by_brand_platform_and_period() {
    let env = Env::workspace();
    let file = realdata("tweet_activity_metrics_rOpenSci_20180501_20180601_en.csv");
    let out = bench_real(
        &env,
        "ro",
        "rOpenSci",
        "tweet_activity_metrics_rOpenSci_20180501_20180601_en.csv",
        "twitter-analytics",
        &["--period", "week", "--format", "csv"],
    );
    assert!(out.starts_with('\u{feff}'), "a BOM for Excel");

    // Independently: tweets per ISO week from the export's `time` column (`2018-05-28 16:07 +0000`).
    let mut r = csv::Reader::from_path(&file).unwrap();
    let col = r.headers().unwrap().iter().position(|h| h == "time").unwrap();
    let mut want: BTreeMap<String, u64> = BTreeMap::new();
    for rec in r.records() {
        let rec = rec.unwrap();
        let t = &rec[col];
        let (y, m, d) = (
            t[0..4].parse().unwrap(),
            t[5..7].parse().unwrap(),
            t[8..10].parse().unwrap(),
        );
        *want.entry(format!("{y}-W{:02}", iso_week(y, m, d))).or_default() += 1;
    }
    assert_eq!(want.values().sum::<u64>(), 50);

    let mut got: BTreeMap<String, u64> = BTreeMap::new();
    let mut rd = csv::Reader::from_reader(out.trim_start_matches('\u{feff}').as_bytes());
    for rec in rd.records() {
        let rec = rec.unwrap();
        if &rec[0] != "all" && &rec[1] == "all" && &rec[2] == "posts" && &rec[4] == "rOpenSci" {
            got.insert(rec[0].to_string(), rec[6].parse::<f64>().unwrap() as u64);
        }
    }
    assert_eq!(got, want);
}

#[test]
fn two_exports_each_with_its_own_profile_in_one_run() {
    // The client's Page Insights export (UCI, 500 posts of 2014) and a competitor's public counts from
    // Live.csv (page 117059915488335), each read with its own profile.
    let env = Env::workspace();
    env.ok(&[
        "client",
        "add",
        "uci",
        "--name",
        "UCI",
        "--brand",
        "UCI cosmetics brand",
        "--competitor",
        "117059915488335",
    ]);
    let uci = realdata("dataset_Facebook.csv");
    let live = realdata("Live.csv");
    let a = format!("{}:uci-facebook-metrics", uci);
    let b = format!("{}:uci-live-sellers", live);
    let record: Value =
        serde_json::from_str(&env.ok(&["bench", "uci", "--posts", &a, &b, "--format", "json"])).unwrap();
    let sources = record["sources"].as_array().unwrap();
    let profiles: Vec<_> = sources.iter().map(|s| s["profile"].as_str().unwrap()).collect();
    assert_eq!(profiles, vec!["uci-facebook-metrics", "uci-live-sellers"]);
    // Independently: the competitor's rows are those whose status_id starts with its page id; every other
    // page of Live.csv is skipped at the brand cell and counted.
    let mut r = csv::Reader::from_path(&live).unwrap();
    let (mut mine, mut others) = (0u64, 0u64);
    for rec in r.records() {
        if rec.unwrap()[0].starts_with("117059915488335_") {
            mine += 1;
        } else {
            others += 1;
        }
    }
    let skipped: u64 = sources[1]["other_brands"]
        .as_object()
        .unwrap()
        .values()
        .map(|v| v.as_u64().unwrap())
        .sum();
    assert_eq!(skipped, others);
    let coverage = record["window"]["coverage"].as_array().unwrap();
    assert_eq!(coverage[0]["posts"], 500);
    assert_eq!(coverage[1]["posts"].as_u64(), Some(mine));
    // The two pages never posted in the same period: the union is compared, with a warning saying so.
    assert_eq!(record["window"]["chosen"], "union");
    assert!(
        record["warnings"]
            .as_array()
            .unwrap()
            .iter()
            .any(|w| w.as_str().unwrap().contains("do not overlap")),
        "{}",
        record["warnings"]
    );
    // The table states the data period.
    let table = env.ok(&["bench", "uci", "--posts", &a, &b]);
    assert!(table.contains("data period: 2014-01-01"), "{table}");
}

#[test]
fn aggregate_and_bench_find_the_same_totals_on_every_real_file_and_fixture() {
    let mut files: Vec<(String, String)> = [
        ("dataset_Facebook.csv", "uci-facebook-metrics"),
        ("Live.csv", "uci-live-sellers"),
        (
            "tweet_activity_metrics_rOpenSci_20180501_20180601_en.csv",
            "twitter-analytics",
        ),
        ("facebook-fact-check.csv", "buzzfeed-fact-check"),
    ]
    .iter()
    .map(|(f, p)| (f.to_string(), format!("{}:{p}", realdata(f))))
    .collect();
    // The messy fixtures and the sample agency's post exports (by the rule that tells a client's exports apart:
    // not its account or comment files), read by their headers.
    for dir in [
        "crates/bench/tests/fixtures/messy",
        "data/sample-agency/clients/lotus-tea/exports",
        "data/sample-agency/clients/mingyue-beauty/exports",
        "data/sample-agency/clients/hengfeng-bank/exports",
    ] {
        for entry in std::fs::read_dir(repo().join(dir)).unwrap() {
            let path = entry.unwrap().path();
            let name = path.file_name().unwrap().to_string_lossy().to_string();
            let kind = chuxin_app::bench::exports::ExportKind::of_name(&name.to_lowercase());
            if name.ends_with(".csv") && kind == chuxin_app::bench::exports::ExportKind::Posts {
                files.push((name, path.display().to_string()));
            }
        }
    }
    assert_eq!(files.len(), 13, "{files:?}");
    for (file, spec) in files {
        let env = Env::workspace();
        let out = env.ok(&["aggregate", &spec]);
        let mut rd = csv::Reader::from_reader(out.as_bytes());
        let headers = rd.headers().unwrap().clone();
        let col = |name: &str| headers.iter().position(|h| h == name).unwrap();
        let (mut posts, mut interactions) = (0u64, 0.0f64);
        let mut brand = String::new();
        for rec in rd.records() {
            let rec = rec.unwrap();
            brand = rec[col("brand")].to_string();
            posts += rec[col("posts")].parse::<u64>().unwrap();
            interactions += rec[col("interactions")].parse::<f64>().unwrap_or(0.0);
        }
        // bench over every brand of the file (no competitors named) and a window wider than the data.
        env.ok(&["client", "add", "c", "--name", "C", "--brand", &brand]);
        let record: Value = serde_json::from_str(&env.ok(&[
            "bench",
            "c",
            "--posts",
            &spec,
            "--since",
            "1900-01-01",
            "--until",
            "2100-12-31",
            "--format",
            "json",
        ]))
        .unwrap();
        assert_eq!(record["posts"].as_u64(), Some(posts), "{file}");
        let total: f64 = metric(&record, "interactions")["brands"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|b| b["value"].as_f64())
            .sum();
        assert!((total - interactions).abs() < 1e-6, "{file}: {total} vs {interactions}");
    }
}

#[test]
fn the_exports_folder_says_which_profile_reads_which_file() {
    // The client's Page Insights export needs its profile; the mapping file in `exports/` names it, so
    // `chuxin bench CLIENT` with no file reads it right. The UCI page posted 500 times in 2014.
    let env = Env::workspace();
    env.ok(&[
        "client",
        "add",
        "uci",
        "--name",
        "UCI",
        "--brand",
        "UCI cosmetics brand",
    ]);
    let data = std::fs::read_to_string(realdata("dataset_Facebook.csv")).unwrap();
    env.write("clients/uci/exports/insights.csv", &data);
    // Without the mapping the headers match nothing chuxin knows, and it says so.
    env.run(&["bench", "uci"]).assert_code(3).assert_error_line(&[
        "insights.csv",
        "has no column for `brand`",
        "--encoding",
    ]);
    env.write(
        "clients/uci/exports/exports.toml",
        "[profiles]\n\"insights.csv\" = \"uci-facebook-metrics\"\n",
    );
    let record: Value = serde_json::from_str(&env.ok(&["bench", "uci", "--format", "json"])).unwrap();
    assert_eq!(record["posts"], 500);
    assert_eq!(record["sources"][0]["profile"], "uci-facebook-metrics");
    // A file named in the mapping but absent is an error naming the key.
    env.write(
        "clients/uci/exports/exports.toml",
        "[profiles]\n\"insight.csv\" = \"uci-facebook-metrics\"\n",
    );
    env.run(&["bench", "uci"]).assert_code(3).assert_error_line(&[
        "exports.toml",
        "profiles.\"insight.csv\"",
        "no such CSV file",
    ]);
}

#[test]
fn a_mistyped_year_is_a_bad_row_not_an_eight_thousand_year_period() {
    // Line 3 says 9999 for 2024: it is reported with its line, and the period stays January 2024.
    let env = Env::workspace();
    env.write(
        "posts.csv",
        "brand,platform,time,likes\nAcme 茶飲,weibo,2024-01-02,10\nAcme 茶飲,weibo,9999-01-09,10\nRival A,weibo,2024-01-02,5\nRival A,weibo,2024-01-30,5\nAcme 茶飲,weibo,2024-01-30,10\n",
    );
    let out = env.run(&["bench", "acme", "--posts", "posts.csv", "--format", "json"]);
    out.assert_code(0);
    assert!(
        out.stderr()
            .contains("posts.csv:3: column `time`: `9999-01-09` is outside 2000–2027"),
        "{}",
        out.stderr()
    );
    let record: Value = serde_json::from_str(&out.stdout()).unwrap();
    assert_eq!(
        (record["window"]["start"].as_str(), record["window"]["end"].as_str()),
        (Some("2024-01-02"), Some("2024-01-30"))
    );
    assert_eq!(record["skipped"], 1);
    env.run(&["bench", "acme", "--posts", "posts.csv", "--strict"])
        .assert_code(3)
        .assert_error_line(&["posts.csv:3", "9999-01-09"]);
}

#[test]
fn runs_stored_by_an_earlier_chuxin_still_load_and_say_what_they_lack() {
    let env = Env::workspace();
    env.write(
        "posts.csv",
        "brand,platform,time,likes,comments,brand replies\nAcme 茶飲,weibo,2024-01-02,10,40,2\nRival A,weibo,2024-01-02,5,10,6\n",
    );
    env.write("a.toml", "date = \"2026-11-01\"\n[answers]\n\"env.interest\" = 4\n");
    env.ok(&["import", "acme", "a.toml"]);
    env.ok(&["bench", "acme", "--posts", "posts.csv"]);
    let path = "clients/acme/bench/2026-11-26.json";
    let mut run: Value = serde_json::from_str(&env.read(path)).unwrap();
    assert_eq!(run["schema"], 2);
    // The layout before versions: no schema, no window, no file reports.
    for key in ["schema", "window", "sources"] {
        run.as_object_mut().unwrap().remove(key);
    }
    env.write(path, &serde_json::to_string(&run).unwrap());
    let report = env.ok(&["report", "acme", "--format", "md", "-o", "out"]);
    assert!(!report.is_empty());
    let md = std::fs::read_dir(env.path().join("out"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.extension().is_some_and(|x| x == "md"))
        .unwrap();
    let text = std::fs::read_to_string(md).unwrap();
    assert!(text.contains("stored by an earlier chuxin"), "{text}");
    // A run from a newer chuxin is refused with a clear message.
    run["schema"] = 99.into();
    env.write(path, &serde_json::to_string(&run).unwrap());
    env.run(&["score", "acme"])
        .assert_code(3)
        .assert_error_line(&["stored by a newer chuxin", "update chuxin"]);
}

#[test]
fn escape_sequences_in_brand_names_reach_the_terminal_as_text() {
    // A competitor's name that would clear the screen and recolour it, from an export.
    let env = Env::workspace();
    env.write(
        "posts.csv",
        "brand,platform,time,likes\nAcme 茶飲,weibo,2024-01-02,10\nRival A,weibo,2024-01-02,5\n\"Evil\u{1b}[2J\u{1b}[31m\",weibo,2024-01-02,1\n",
    );
    env.ok(&["client", "add", "c2", "--name", "C2", "--brand", "Acme 茶飲"]);
    let out = env.run(&["bench", "c2", "--posts", "posts.csv"]);
    out.assert_code(0);
    let all = format!("{}{}", out.stdout(), out.stderr());
    assert!(!all.contains('\u{1b}'), "a raw escape reached the terminal");
    assert!(all.contains("Evil\\u{1b}[2J"), "{all}");
    // The error listing the brands found, too.
    env.ok(&["client", "add", "c3", "--name", "C3", "--brand", "Nobody"]);
    let err = env.run(&["bench", "c3", "--posts", "posts.csv"]);
    err.assert_code(3);
    assert!(
        !err.stderr().contains('\u{1b}') && err.stderr().contains("Evil\\u{1b}"),
        "{}",
        err.stderr()
    );
}

#[test]
fn conversation_exports_give_response_figures_beside_the_posts() {
    // Posts written for this test: one each for 莲心茶饮 and 山林烘焙 on Weibo in March 2024. Conversations: the
    // GBK Weibo comment export of the bench crate's tests: 莲心茶饮 answered 1 of its 2 customers' comments (after
    // 30 minutes), 山林烘焙 its only one (after 5, then again later: the first reply counts); 莲心茶饮's thanks for
    // c99 answers a comment that is not in the file (line 8): reported, not counted.
    let env = Env::workspace();
    env.ok(&[
        "client",
        "add",
        "lotus",
        "--name",
        "莲心茶饮",
        "--competitor",
        "山林烘焙",
    ]);
    let posts = env.write(
        "posts.csv",
        "品牌,平台,发布时间,点赞,评论,转发\n莲心茶饮,微博,2024-03-01 09:00,10,2,1\n山林烘焙,微博,2024-03-02 08:00,20,1,0\n",
    );
    let comments = repo().join("crates/bench/tests/fixtures/conversations/weibo_comments_gbk.csv");
    let run = env.run(&[
        "bench",
        "lotus",
        "--posts",
        posts.to_str().unwrap(),
        "--conversations",
        comments.to_str().unwrap(),
        "--format",
        "json",
    ]);
    run.assert_code(0);
    let record: Value = serde_json::from_str(&run.stdout()).unwrap();
    let m = |id: &str| metric(&record, id).clone();
    assert_eq!(m("response_rate")["client"], 50.0);
    assert_eq!(m("median_response_minutes")["client"], 30.0);
    assert_eq!(m("inbound_messages")["client"], 2.0);
    let shan = |id: &str| {
        m(id)["brands"]
            .as_array()
            .unwrap()
            .iter()
            .find(|b| b["brand"] == "山林烘焙")
            .map(|b| b["value"].clone())
            .unwrap()
    };
    assert_eq!(shan("median_response_minutes"), 5.0);
    assert_eq!(shan("response_rate"), 100.0);
    // Comments are not posts: two posts in all.
    assert_eq!(record["posts"], 2);
    let conv = &record["conversation"];
    assert_eq!(
        (conv["inbound"].as_u64(), conv["answered"].as_u64()),
        (Some(3), Some(2))
    );
    assert_eq!(conv["orphans"]["listed"][0]["line"], 8);
    assert!(
        run.stderr()
            .contains("1 brand replies answer a message that is not in the exports"),
        "{}",
        run.stderr()
    );
    // The facts the diagnosis reads: the client answers half, its competitor all (a gap of −50 points).
    assert_eq!(record["facts"]["response_rate"], 0.5);
    assert_eq!(record["facts"]["response_rate_gap_vs_competitors"], -0.5);
}

#[test]
fn a_fold_written_by_aggregate_feeds_bench_with_the_same_figures() {
    // Live.csv folded once by `aggregate`, then benchmarked from the fold over 2017 (whole months, so month
    // buckets cut nothing): the figures equal those read here from the CSV with the csv crate.
    let env = Env::workspace();
    let live = realdata("Live.csv");
    let fold = env.path().join("live-fold.json");
    let out = env.ok(&["aggregate", &format!("{live}:uci-live-sellers"), "--format", "json"]);
    std::fs::write(&fold, out).unwrap();
    let (client, rival) = ("134115277150304", "614855718638584");
    env.ok(&["client", "add", "seller", "--name", client, "--competitor", rival]);
    let fold_arg = fold.display().to_string();
    let args = [
        "bench",
        "seller",
        "--fold",
        &fold_arg,
        "--since",
        "2017-01-01",
        "--until",
        "2017-12-31",
    ];
    let record: Value = serde_json::from_str(&env.ok(&[&args[..], &["--format", "json"]].concat())).unwrap();

    let mut posts = BTreeMap::<String, (u64, u64)>::new();
    let mut r = csv::Reader::from_path(&live).unwrap();
    for row in r.records() {
        let row = row.unwrap();
        // status_id = <page>_<post>; status_published = M/D/YYYY H:MM.
        let year = row[2]
            .split(' ')
            .next()
            .unwrap()
            .rsplit('/')
            .next()
            .unwrap()
            .to_string();
        if year == "2017" {
            let page = row[0].split('_').next().unwrap().to_string();
            let n: u64 = (3..6).map(|i| row[i].parse::<u64>().unwrap()).sum();
            let e = posts.entry(page).or_default();
            e.0 += 1;
            e.1 += n;
        }
    }
    assert_eq!(metric(&record, "posts")["client"], posts[client].0 as f64);
    assert_eq!(metric(&record, "interactions")["client"], posts[client].1 as f64);
    let rival_posts = metric(&record, "posts")["brands"]
        .as_array()
        .unwrap()
        .iter()
        .find(|b| b["brand"] == rival)
        .unwrap()["value"]
        .clone();
    assert_eq!(rival_posts, posts[rival].0 as f64);
    // A fold by month cannot give weekly series, and a fold is not read with exports.
    env.run(&[&args[..], &["--period", "week"]].concat()).assert_code(2);
    env.run(&[&args[..], &["--posts", &live]].concat()).assert_code(2);
}

/// The hand-written food client of the conversation tests: 蓮心茶飲 (industry `food`, so the food plugin joins),
/// competitors 茶語時光 and 一點甜, and 外人咖啡 outside the set. Posts: one each on 1 and 10 March 2024 (the
/// window). Comments, all inside the window:
///
/// | brand | customers' messages | complaints (lexicon word) | answered complaints |
/// |---|---|---|---|
/// | 蓮心茶飲 | c1 等太久/冷掉, c2 退款, c3 好喝, c4 態度很差 | 3 | c1 (20 min), c4 (2 h); c3 answered too (5 min) |
/// | 茶語時光 | t1 拉肚子, t2 好喝 | 1 | t1 (10 min) |
/// | 一點甜 | y1 過期, y2 送錯 | 2 | none |
/// | 外人咖啡 | o1 退款 | outside the set | |
pub fn food_client_with_conversations(env: &Env) -> (std::path::PathBuf, std::path::PathBuf) {
    env.ok(&[
        "client",
        "add",
        "lotus",
        "--name",
        "蓮心茶飲",
        "--industry",
        "food",
        "--competitor",
        "茶語時光,一點甜",
    ]);
    let mut posts = String::from("品牌,平台,發布時間,按讚,留言,分享\n");
    for brand in ["蓮心茶飲", "茶語時光", "一點甜", "外人咖啡"] {
        posts.push_str(&format!(
            "{brand},微博,2024-03-01 09:00,10,2,1\n{brand},微博,2024-03-10 09:00,12,1,0\n"
        ));
    }
    let posts = env.write("posts.csv", &posts);
    let comments = env.write(
        "comments.csv",
        "留言ID,品牌,平台,留言者,是否品牌,回覆對象ID,發布時間,內容\n\
         c1,蓮心茶飲,微博,u1,否,,2024-03-02 10:00,外送等太久，飲料都冷掉了\n\
         c2,蓮心茶飲,微博,u2,否,,2024-03-02 11:00,我要求退款\n\
         c3,蓮心茶飲,微博,u3,否,,2024-03-03 09:00,珍奶好喝\n\
         c4,蓮心茶飲,微博,u4,否,,2024-03-04 08:00,店員態度很差\n\
         r1,蓮心茶飲,微博,蓮心茶飲,是,c1,2024-03-02 10:20,抱歉，已請門市聯繫您\n\
         r3,蓮心茶飲,微博,蓮心茶飲,是,c3,2024-03-03 09:05,謝謝支持\n\
         r4,蓮心茶飲,微博,蓮心茶飲,是,c4,2024-03-04 10:00,很抱歉，我們會改進\n\
         t1,茶語時光,微博,u5,否,,2024-03-05 12:00,喝完拉肚子\n\
         t2,茶語時光,微博,u6,否,,2024-03-05 13:00,好喝\n\
         t1r,茶語時光,微博,茶語時光,是,t1,2024-03-05 12:10,請私訊我們\n\
         y1,一點甜,微博,u7,否,,2024-03-06 15:00,過期了還在賣\n\
         y2,一點甜,微博,u8,否,,2024-03-06 16:00,送錯飲料\n\
         o1,外人咖啡,微博,u9,否,,2024-03-06 17:00,我要求退款\n",
    );
    (posts, comments)
}

#[test]
fn the_food_plugin_reads_complaints_in_the_compared_brands_messages() {
    let env = Env::workspace();
    let (posts, comments) = food_client_with_conversations(&env);
    let run = env.run(&[
        "bench",
        "lotus",
        "--posts",
        posts.to_str().unwrap(),
        "--conversations",
        comments.to_str().unwrap(),
        "--format",
        "json",
    ]);
    run.assert_code(0);
    let record: Value = serde_json::from_str(&run.stdout()).unwrap();
    let share = record["plugins"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["comparison"] == "complaint_reply_share")
        .unwrap_or_else(|| panic!("{}", record["plugins"]));
    // One row a compared brand, from exactly its own customers' messages (the note counts them): 蓮心茶飲 2 of 3
    // complaints answered among 4 messages, 茶語時光 1 of 1 among 2, 一點甜 0 of 2 among 2; 外人咖啡 is not
    // compared, so none of its messages travelled.
    let rows: Vec<(String, f64, u64, String)> = share["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["brand"].as_str().unwrap().to_string(),
                r["value"].as_f64().unwrap(),
                r["posts"].as_u64().unwrap(),
                r["note"].as_str().unwrap().split(';').next().unwrap().to_string(),
            )
        })
        .collect();
    let expected = [
        ("蓮心茶飲", 2.0 / 3.0, 3, "3 complaints among 4 customer messages"),
        ("茶語時光", 1.0, 1, "1 complaint among 2 customer messages"),
        ("一點甜", 0.0, 2, "2 complaints among 2 customer messages"),
    ];
    assert_eq!(rows.len(), expected.len(), "{rows:?}");
    for ((brand, value, complaints, note), (b, v, c, n)) in rows.iter().zip(expected) {
        assert_eq!((brand.as_str(), *complaints, note.as_str()), (b, c, n));
        assert!((value - v).abs() < 1e-12, "{brand}: {value}");
    }
    // The engine's own figures on the same messages: 蓮心茶飲 answered 3 of 4 (75%), first responses 20, 5 and
    // 120 minutes (median 20).
    assert_eq!(metric(&record, "response_rate")["client"], 75.0);
    assert_eq!(metric(&record, "median_response_minutes")["client"], 20.0);
    // The client's figure is a fact the packs' rules read.
    assert!((record["facts"]["complaint_reply_share"].as_f64().unwrap() - 2.0 / 3.0).abs() < 1e-12);
}

/// The 64 MiB cap on the conversation messages sent to a plugin in one `compare` call (README, "Limits"): a
/// comments export just over it runs to the end (exit 0); the client's customers' messages up to the cap reach
/// the food plugin, and the rest are counted and said to be left out, never silently dropped.
///
/// By hand: 45,000 customer messages, each a complaint (`退款`) of exactly 500 characters (the most a text keeps,
/// 1,500 bytes of UTF-8), so at least 45,000 × 1,500 = 67.5 MB of JSON against a cap of 67,108,864 bytes: at most
/// 67,108,864 / 1,500 = 44,739 messages fit, and with each record's other fields (brand, time, flags; under 200
/// bytes) at least 67,108,864 / 1,700 = 39,475.
#[test]
fn a_comments_export_over_the_plugins_64_mib_cap_runs_and_says_what_was_left_out() {
    let env = Env::workspace();
    let (posts, _) = food_client_with_conversations(&env);
    let total = 45_000usize;
    let text = format!("退款{}", "茶".repeat(498));
    assert_eq!(text.chars().count(), 500);
    let mut csv = String::with_capacity(total * 1_560);
    csv.push_str("留言ID,品牌,平台,留言者,是否品牌,回覆對象ID,發布時間,內容\n");
    for i in 0..total {
        csv.push_str(&format!("m{i},蓮心茶飲,微博,u{i},否,,2024-03-02 10:00,{text}\n"));
    }
    let comments = env.write("big/comments.csv", &csv);
    assert!(
        std::fs::metadata(&comments).unwrap().len() > 64 << 20,
        "the file itself is over 64 MiB"
    );
    // A debug build parses 64 MiB of JSON in the plugin's process slowly on a busy machine: more time than the
    // default 30 s, so that the test checks the cap and not the time limit.
    let run = env.run_with_env(
        &[
            "bench",
            "lotus",
            "--posts",
            posts.to_str().unwrap(),
            "--conversations",
            comments.to_str().unwrap(),
            "--format",
            "json",
        ],
        &[("CHUXIN_PLUGIN_TIMEOUT", "600")],
    );
    run.assert_code(0);
    let record: Value = serde_json::from_str(&run.stdout()).unwrap();
    // The engine itself reads every message.
    assert_eq!(metric(&record, "inbound_messages")["client"], total as f64);
    let share = record["plugins"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["comparison"] == "complaint_reply_share")
        .unwrap_or_else(|| panic!("no comparison; warnings: {}", record["warnings"]));
    let client = share["rows"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["brand"] == "蓮心茶飲")
        .unwrap();
    let sent = client["posts"].as_u64().unwrap() as usize;
    let note = client["note"].as_str().unwrap();
    let left: usize = note
        .split("; ")
        .find_map(|part| part.strip_suffix(" messages beyond the request's size cap left out"))
        .unwrap_or_else(|| panic!("no cap note in `{note}`"))
        .parse()
        .unwrap();
    assert_eq!(sent + left, total, "{note}");
    assert!((39_475..=44_739).contains(&sent), "{sent} messages sent: {note}");
    assert!(
        note.starts_with(&format!("{sent} complaints among {sent} customer messages")),
        "{note}"
    );
    assert_eq!(client["value"], 0.0, "none answered");
}
