//! Replays every file of `fuzz/corpus/<target>/` and `fuzz/regressions/<target>/` through its target, so that a
//! crash the fuzzer once found (a regression) or an input it kept for its coverage (the corpus) fails `cargo test`
//! if it panics again. The long fuzzing runs are `fuzz/run.sh`'s, not this test's.

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
fn every_corpus_and_regression_folder_names_a_target() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    for kind in ["corpus", "regressions"] {
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
