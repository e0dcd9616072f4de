//! Plugins in child processes: libraries that crash, hang, exit or send oversized replies, while loading or in a
//! call, each become a typed error naming the library and what happened, and the good plugins beside them keep
//! working. The bad libraries are `tests/fixtures/plugins/bad-*` (see `misbehave/src/lib.rs`); loaded in process,
//! each of them would end this test binary.

use std::path::{Path, PathBuf};
use std::time::Duration;

use chuxin_plugin_host::{
    CallError, CallErrorKind, CompareInput, Isolation, Limits, LoadErrorKind, Method, Plugin, PostRecord, ProcessError,
    ProcessHost, Registry, SearchOrigin, SearchPath,
};

use crate::artifacts::{self, folder_with_industry_plugins};

/// The misbehaving libraries that load (their calls misbehave) and the two that crash while loading.
const CALL_FIXTURES: [&str; 7] = [
    "fixture_bad_abort",
    "fixture_bad_segfault",
    "fixture_bad_hang",
    "fixture_bad_exit",
    "fixture_bad_huge_claim",
    "fixture_bad_big_reply",
    "fixture_noisy",
];
const LOAD_FIXTURES: [&str; 2] = ["fixture_bad_load_abort", "fixture_bad_entry_segfault"];

/// Child processes of the test host program, with a short time limit so that the hang costs little.
fn isolation() -> Isolation {
    Isolation::Process(ProcessHost {
        program: artifacts::get().child_host().to_path_buf(),
        limits: Limits {
            call_timeout: Duration::from_secs(2),
            ..Limits::default()
        },
    })
}

/// A folder with the three good plugins and copies of `fixtures`.
fn folder_with(fixtures: &[&str]) -> (tempfile::TempDir, Vec<PathBuf>) {
    let dir = folder_with_industry_plugins();
    let copies = fixtures
        .iter()
        .map(|name| {
            let lib = artifacts::get().library(name);
            let copy = dir.path().join(lib.file_name().unwrap());
            std::fs::copy(lib, &copy).unwrap();
            copy
        })
        .collect();
    (dir, copies)
}

fn discover(dir: &Path) -> Registry {
    Registry::discover_with(&[SearchPath::new(dir, SearchOrigin::CommandLine)], Ok(isolation()))
}

#[track_caller]
fn process_error(err: &CallError) -> &ProcessError {
    match &err.kind {
        CallErrorKind::Process(e) => e,
        other => panic!("expected a process error, got {other:?}: {}", err.chain()),
    }
}

/// Returns true if and only if process `pid` exists (a zombie counts: it has not been reaped).
fn process_exists(pid: u32) -> bool {
    Path::new(&format!("/proc/{pid}")).exists()
}

/// The high-water mark of this process's resident memory, in MiB.
fn peak_rss_mib() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap();
    let line = status.lines().find(|l| l.starts_with("VmHWM:")).unwrap();
    line.split_whitespace().nth(1).unwrap().parse::<u64>().unwrap() / 1024
}

#[test]
fn every_misbehaving_library_becomes_an_error_naming_it_and_the_rest_go_on() {
    let mut all = CALL_FIXTURES.to_vec();
    all.extend(LOAD_FIXTURES);
    let (dir, _) = folder_with(&all);
    let registry = discover(dir.path());

    // Loading: a constructor that aborts and an entry function that segfaults end their own process only.
    let mut load_errors: Vec<(String, String)> = registry
        .errors()
        .iter()
        .map(|e| (e.path.file_name().unwrap().to_string_lossy().into_owned(), e.chain()))
        .collect();
    load_errors.sort();
    assert_eq!(load_errors.len(), 2, "{load_errors:#?}");
    let (file, chain) = &load_errors[0];
    assert_eq!(file, "libfixture_bad_entry_segfault.so");
    assert!(
        chain.starts_with(&format!(
            "cannot load plugin `{}",
            dir.path().canonicalize().unwrap().display()
        )) || chain.starts_with(&format!("cannot load plugin `{}", dir.path().display())),
        "{chain}"
    );
    assert!(
        chain.ends_with(&format!(
            "libfixture_bad_entry_segfault.so`: its process was killed by signal {} (SIGSEGV, segmentation fault: an invalid memory access)",
            libc_signal("SEGV")
        )),
        "{chain}"
    );
    let (file, chain) = &load_errors[1];
    assert_eq!(file, "libfixture_bad_load_abort.so");
    assert!(
        chain.contains(&format!(
            "libfixture_bad_load_abort.so`: its process was killed by signal {} (SIGABRT, aborted: ",
            libc_signal("ABRT")
        )),
        "{chain}"
    );

    let mut ids: Vec<&str> = registry.plugins().iter().map(|p| p.id()).collect();
    ids.sort();
    assert_eq!(
        ids,
        [
            "bad_abort",
            "bad_big_reply",
            "bad_exit",
            "bad_hang",
            "bad_huge_claim",
            "bad_segfault",
            "finance",
            "food",
            "noisy",
            "retail"
        ]
    );

    let cap = chuxin_plugin_host::isolation::DEFAULT_MAX_REPLY;
    for (id, expected) in [
        (
            "bad_abort",
            format!(
                "its process was killed by signal {} (SIGABRT, aborted: ",
                libc_signal("ABRT")
            ),
        ),
        (
            "bad_segfault",
            format!("its process was killed by signal {} (SIGSEGV, ", libc_signal("SEGV")),
        ),
        (
            "bad_hang",
            "no answer within 2 s, so its process was killed (set CHUXIN_PLUGIN_TIMEOUT to allow longer)".to_owned(),
        ),
        (
            "bad_exit",
            "its process exited with code 0 without answering".to_owned(),
        ),
        (
            "bad_huge_claim",
            "its reply claims 1099511627776 bytes (1 TiB), over the 64 MiB limit, so its process was killed".to_owned(),
        ),
        (
            "bad_big_reply",
            "its reply claims 2147483648 bytes (2 GiB), over the 64 MiB limit, so its process was killed".to_owned(),
        ),
    ] {
        let plugin = registry.get(id).unwrap();
        let pid = plugin.process_id().expect("runs in a child");
        let err = plugin.packs().unwrap_err();
        let chain = err.chain();
        assert!(
            chain.starts_with(&format!(
                "plugin `{id}` (`{}`) failed in `packs`: {expected}",
                plugin.path().display()
            )),
            "{chain}"
        );
        match (id, process_error(&err)) {
            ("bad_huge_claim", ProcessError::ReplyTooLarge { len, cap: c }) => {
                assert_eq!((*len, *c), (1 << 40, cap))
            }
            ("bad_big_reply", ProcessError::ReplyTooLarge { len, .. }) => assert_eq!(*len, 2 << 30),
            ("bad_hang", ProcessError::TimedOut { limit }) => assert_eq!(*limit, Duration::from_secs(2)),
            ("bad_exit", ProcessError::Exited { code }) => assert_eq!(*code, 0),
            ("bad_abort" | "bad_segfault", ProcessError::Signal { .. }) => {}
            (id, other) => panic!("{id}: unexpected {other:?}"),
        }
        // The child was killed (or ended) and reaped: no zombie is left.
        assert!(!process_exists(pid), "{id}: process {pid} is still there");
        // Later calls fail at once, saying why.
        let later = plugin.benchmarks().unwrap_err();
        assert!(
            matches!(
                process_error(&later),
                ProcessError::Lost {
                    method: Method::Packs,
                    ..
                }
            ),
            "{}",
            later.chain()
        );
        assert!(
            later
                .chain()
                .contains(": not called: its process was lost earlier in `packs` ("),
            "{}",
            later.chain()
        );
    }

    // The 2 GiB and 1 TiB replies were refused on their length: this process never held them.
    assert!(peak_rss_mib() < 1024, "peak RSS {} MiB", peak_rss_mib());

    // The plugin that prints on stdout still answers correctly: its output went to stderr, not into the protocol.
    let noisy = registry.get("noisy").unwrap();
    let packs = noisy.packs().unwrap();
    assert_eq!(packs[0].id, "hotel");
    let out = noisy
        .compare(&CompareInput {
            comparison: "bad_share".into(),
            client_brand: "A".into(),
            posts: vec![post("A"), post("B"), post("B")],
            ..CompareInput::default()
        })
        .unwrap();
    assert_eq!(out.rows.len(), 2);
    assert_eq!(out.rows[1].posts, 2);

    // The good plugins answer every method after all that.
    for id in ["retail", "food", "finance"] {
        let summary = chuxin_plugin_host::check_plugin(registry.get(id).unwrap());
        assert!(
            summary.is_healthy(),
            "{id}: {:?} {:?}",
            summary.call_errors(),
            summary.problems
        );
    }
}

#[test]
fn a_hang_in_compare_after_good_calls_is_cut_at_the_time_limit() {
    // `compare` is the call with a large input: the timeout holds while the request is written too.
    let (dir, copies) = folder_with(&["fixture_bad_hang"]);
    let _ = dir;
    let plugin = Plugin::load_with(&copies[0], &isolation()).unwrap();
    let posts: Vec<PostRecord> = (0..20_000).map(|i| post(&format!("Brand {}", i % 7))).collect();
    let err = plugin
        .compare(&CompareInput {
            comparison: "bad_share".into(),
            client_brand: "Brand 0".into(),
            posts,
            ..CompareInput::default()
        })
        .unwrap_err();
    assert_eq!(err.method, Method::Compare);
    assert!(
        matches!(process_error(&err), ProcessError::TimedOut { .. }),
        "{}",
        err.chain()
    );
}

#[test]
fn broken_libraries_give_the_same_errors_in_a_child_as_in_process() {
    let (dir, _) = folder_with(&[
        "fixture_no_entry",
        "fixture_wrong_abi",
        "fixture_panicky",
        "fixture_bad_json",
    ]);
    let real = std::fs::read(artifacts::get().library("chuxin_plugin_retail")).unwrap();
    std::fs::write(dir.path().join("cut.so"), &real[..real.len() / 3]).unwrap();
    let paths = [SearchPath::new(dir.path(), SearchOrigin::CommandLine)];
    let here = Registry::discover_with(&paths, Ok(Isolation::InProcess));
    let there = Registry::discover_with(&paths, Ok(isolation()));

    let chains = |r: &Registry| r.errors().iter().map(|e| e.chain()).collect::<Vec<_>>();
    assert_eq!(chains(&there), chains(&here));
    assert_eq!(chains(&here).len(), 3, "{:#?}", chains(&here));
    assert!(
        there
            .errors()
            .iter()
            .any(|e| matches!(e.kind, LoadErrorKind::MissingEntry(_)))
    );

    let calls = |r: &Registry| {
        r.plugins()
            .iter()
            .map(|p| {
                let summary = chuxin_plugin_host::check_plugin(p);
                let errors: Vec<String> = summary.call_errors().iter().map(|e| e.chain()).collect();
                (p.id().to_owned(), errors, summary.problems)
            })
            .collect::<Vec<_>>()
    };
    assert_eq!(calls(&there), calls(&here));
    assert!(there.plugins().iter().all(|p| p.process_id().is_some()));
    assert!(here.plugins().iter().all(|p| p.process_id().is_none()));
}

#[test]
fn the_memory_limit_applies_in_the_plugins_process() {
    // The plugin reserves 1 GiB in each call: fine under the default 2 GiB, an abort under 256 MiB.
    let lib = artifacts::get().library("fixture_greedy");
    let plugin = Plugin::load_with(lib, &isolation()).unwrap();
    assert_eq!(plugin.packs().unwrap()[0].id, "hotel");

    let small = Isolation::Process(ProcessHost {
        program: artifacts::get().child_host().to_path_buf(),
        limits: Limits {
            memory: Some(256 << 20),
            ..Limits::default()
        },
    });
    let plugin = Plugin::load_with(lib, &small).unwrap();
    let err = plugin.packs().unwrap_err();
    assert!(
        matches!(process_error(&err), ProcessError::Signal { signal: 6 }),
        "{}",
        err.chain()
    );
    assert!(
        err.chain().contains("an allocation refused by the memory limit"),
        "{}",
        err.chain()
    );
}

#[test]
fn dropping_a_plugin_ends_its_process() {
    let lib = artifacts::get().library("chuxin_plugin_food");
    let plugin = Plugin::load_with(lib, &isolation()).unwrap();
    let pid = plugin.process_id().unwrap();
    assert_eq!(plugin.comparisons().unwrap()[0].id, "complaint_reply_share");
    let clone = plugin.clone();
    drop(plugin);
    assert!(process_exists(pid), "a clone still uses it");
    assert!(clone.benchmarks().is_ok());
    drop(clone);
    assert!(!process_exists(pid), "killed and reaped with the last clone");
}

#[test]
fn a_host_program_that_cannot_start_is_a_load_error() {
    let lib = artifacts::get().library("chuxin_plugin_food");
    let isolation = Isolation::Process(ProcessHost {
        program: PathBuf::from("/nonexistent/chuxin"),
        limits: Limits::default(),
    });
    let err = Plugin::load_with(lib, &isolation).unwrap_err();
    assert!(matches!(err.kind, LoadErrorKind::Process(ProcessError::Spawn { .. })));
    assert!(
        err.chain()
            .contains(": cannot start its process `/nonexistent/chuxin`: "),
        "{}",
        err.chain()
    );
}

#[test]
fn a_child_that_answers_garbage_or_exits_at_once_is_named() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let lib = artifacts::get().library("chuxin_plugin_food");
    for (script, expected) in [
        (
            "echo 'hello, this is not a frame'; exec sleep 30",
            "its process broke the protocol: a reply starts with \"hell\" instead of the protocol's marker",
        ),
        ("exit 3", "its process exited with code 3 without answering"),
    ] {
        let host = dir.path().join("host.sh");
        std::fs::write(&host, format!("#!/bin/sh\n{script}\n")).unwrap();
        std::fs::set_permissions(&host, std::fs::Permissions::from_mode(0o755)).unwrap();
        let isolation = Isolation::Process(ProcessHost {
            program: host,
            limits: Limits::default(),
        });
        let err = Plugin::load_with(lib, &isolation).unwrap_err();
        assert!(matches!(err.kind, LoadErrorKind::Process(_)), "{err:?}");
        assert!(err.chain().ends_with(expected), "{}", err.chain());
        std::fs::remove_file(dir.path().join("host.sh")).unwrap();
    }
}

fn post(brand: &str) -> PostRecord {
    PostRecord {
        brand: brand.into(),
        platform: "facebook".into(),
        text: Some("a post of some length, to make the request larger than a pipe buffer".into()),
        ..PostRecord::default()
    }
}

/// A signal's number: the same on Linux and macOS for these two.
fn libc_signal(name: &str) -> i32 {
    match name {
        "ABRT" => 6,
        "SEGV" => 11,
        other => panic!("no number for SIG{other}"),
    }
}
