//! Replays every file of `fuzz/corpus/<target>/` and `fuzz/regressions/<target>/` through its target, so that a
//! crash the fuzzer once found (a regression) or an input it kept for its coverage (the corpus) fails `cargo test`
//! if it panics again. The long fuzzing runs are `fuzz/run.sh`'s, not this test's.
//!
//! `fuzz/known/<target>/` holds crashes found in a dependency that chuxin's release build survives (an integer
//! overflow panics only where overflow checks are on, as in `cargo test`): each must panic with overflow checks
//! and pass without them, so that the day the dependency is fixed this test says to move the input to
//! `regressions/`, and a release build that starts crashing on it fails too.

use std::path::Path;

/// Feeds each file of `dir` to `target`; returns how many there were and the names of those that panicked.
fn replay(dir: &Path, target: chuxin_fuzz::Target) -> (usize, Vec<String>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return (0, Vec::new());
    };
    let mut files: Vec<_> = entries.map(|e| e.expect("a readable folder").path()).collect();
    files.sort();
    let mut failed = Vec::new();
    for file in &files {
        let data = std::fs::read(file).expect("a readable input");
        if std::panic::catch_unwind(|| target(&data)).is_err() {
            failed.push(file.display().to_string());
        }
    }
    (files.len(), failed)
}

#[test]
fn every_corpus_and_regression_input_passes_its_target() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut failed = Vec::new();
    for (name, target) in chuxin_fuzz::TARGETS {
        let (corpus, mut bad) = replay(&root.join("corpus").join(name), *target);
        assert!(corpus > 0, "target `{name}` has no corpus in fuzz/corpus/{name}");
        failed.append(&mut bad);
        let (_, mut bad) = replay(&root.join("regressions").join(name), *target);
        failed.append(&mut bad);
    }
    assert!(
        failed.is_empty(),
        "inputs that panic their target:\n{}",
        failed.join("\n")
    );
}

#[test]
fn known_dependency_crashes_panic_only_with_overflow_checks() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    // The expected panics would print their message and backtrace: keep the test output clean.
    let hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(|_| {}));
    let mut wrong = Vec::new();
    for (name, target) in chuxin_fuzz::TARGETS {
        let Ok(entries) = std::fs::read_dir(root.join("known").join(name)) else {
            continue;
        };
        for file in entries.map(|e| e.expect("a readable folder").path()) {
            let data = std::fs::read(&file).expect("a readable input");
            let panicked = std::panic::catch_unwind(|| target(&data)).is_err();
            if panicked != cfg!(debug_assertions) {
                wrong.push(format!("{} (panicked: {panicked})", file.display()));
            }
        }
    }
    std::panic::set_hook(hook);
    assert!(
        wrong.is_empty(),
        "known crashes that no longer behave as recorded (fixed upstream? move them to regressions/):\n{}",
        wrong.join("\n")
    );
}

#[test]
fn every_corpus_and_regression_folder_names_a_target() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    for kind in ["corpus", "regressions", "known"] {
        let Ok(entries) = std::fs::read_dir(root.join(kind)) else {
            continue;
        };
        for entry in entries {
            let name = entry.expect("a readable folder").file_name();
            let name = name.to_string_lossy();
            assert!(
                chuxin_fuzz::target(&name).is_some(),
                "fuzz/{kind}/{name} names no target"
            );
        }
    }
}
