//! Libraries broken on purpose, each placed in a folder beside the three good plugins: the host must name the
//! file and the cause, must not crash, and must still load the three good plugins from the same folder.

use std::path::{Path, PathBuf};

use chuxin_plugin_host::{CallErrorKind, LoadError, LoadErrorKind, Method, Registry, SearchOrigin, SearchPath};

use crate::artifacts::{self, folder_with_industry_plugins};

const SO: &str = std::env::consts::DLL_EXTENSION;

/// A folder with the three good plugins plus `name` holding `bytes`.
fn folder_with(name: &str, bytes: &[u8]) -> (tempfile::TempDir, PathBuf) {
    let dir = folder_with_industry_plugins();
    let path = dir.path().join(name);
    std::fs::write(&path, bytes).unwrap();
    (dir, path)
}

/// Discovers the folder; asserts the three good plugins loaded and exactly one error, about `bad`.
#[track_caller]
fn discover_with_one_failure(dir: &Path, bad: &Path) -> (Registry, String) {
    let registry = Registry::discover(&[SearchPath::new(dir, SearchOrigin::CommandLine)]);
    let mut ids: Vec<&str> = registry.plugins().iter().map(|p| p.id()).collect();
    ids.sort();
    assert_eq!(ids, ["finance", "food", "retail"], "{:#?}", registry.errors());
    assert_eq!(registry.errors().len(), 1, "{:#?}", registry.errors());
    let err: &LoadError = &registry.errors()[0];
    assert_eq!(err.path, bad);
    let chain = err.chain();
    assert!(
        chain.starts_with(&format!("cannot load plugin `{}`: ", bad.display())),
        "{chain}"
    );
    // The good plugins still work after the failure.
    assert!(registry.get("retail").unwrap().packs().is_ok());
    (registry, chain)
}

#[test]
fn a_text_file_named_like_a_library() {
    let (dir, bad) = folder_with(&format!("notes.{SO}"), b"hello\n");
    let (_, chain) = discover_with_one_failure(dir.path(), &bad);
    assert!(
        chain.ends_with(": not a shared library for this machine: file too short (6 bytes)"),
        "{chain}"
    );

    let (dir, bad) = folder_with(&format!("script.{SO}"), b"#!/bin/sh\necho this is a shell script\n");
    let (_, chain) = discover_with_one_failure(dir.path(), &bad);
    assert!(
        chain.ends_with(
            ": not a shared library for this machine: no ELF magic number (the file starts with the text \"#!/bin/s\")"
        ),
        "{chain}"
    );
}

#[test]
fn a_truncated_copy_of_a_real_plugin() {
    let real = std::fs::read(artifacts::get().library("chuxin_plugin_retail")).unwrap();
    for keep in [real.len() / 2, real.len() - 1, 4096] {
        let (dir, bad) = folder_with(&format!("libchuxin_plugin_cut.{SO}"), &real[..keep]);
        let (registry, chain) = discover_with_one_failure(dir.path(), &bad);
        assert!(
            chain.contains(": not a shared library for this machine: truncated: the "),
            "{chain}"
        );
        assert!(chain.ends_with(&format!(", the file has {keep} bytes")), "{chain}");
        assert!(matches!(registry.errors()[0].kind, LoadErrorKind::NotSharedLibrary(_)));
    }
}

#[test]
fn a_library_for_another_architecture() {
    let mut bytes = std::fs::read(artifacts::get().library("chuxin_plugin_food")).unwrap();
    let host = u16::from_le_bytes([bytes[18], bytes[19]]);
    let (other, other_name) = if host == 183 {
        (62u16, "x86_64")
    } else {
        (183u16, "aarch64")
    };
    bytes[18..20].copy_from_slice(&other.to_le_bytes());
    let (dir, bad) = folder_with(&format!("libchuxin_plugin_foreign.{SO}"), &bytes);
    let (_, chain) = discover_with_one_failure(dir.path(), &bad);
    assert!(
        chain.contains(&format!(
            ": not a shared library for this machine: ELF machine {other} ({other_name}), this host needs {host} ("
        )),
        "{chain}"
    );
}

#[test]
fn a_library_without_the_entry_symbol() {
    let lib = artifacts::get().library("fixture_no_entry");
    let dir = folder_with_industry_plugins();
    let bad = dir.path().join(lib.file_name().unwrap());
    std::fs::copy(lib, &bad).unwrap();
    let (registry, chain) = discover_with_one_failure(dir.path(), &bad);
    assert!(matches!(registry.errors()[0].kind, LoadErrorKind::MissingEntry(_)));
    assert!(
        chain.contains(
            ": not a chuxin plugin: no `chuxin_plugin_entry_v1` symbol (or a plugin built for another ABI major version): "
        ),
        "{chain}"
    );
    assert!(
        chain.contains("chuxin_plugin_entry_v1"),
        "the loader's own message follows: {chain}"
    );
}

#[test]
fn a_descriptor_with_another_abi_version() {
    let lib = artifacts::get().library("fixture_wrong_abi");
    let dir = folder_with_industry_plugins();
    let bad = dir.path().join(lib.file_name().unwrap());
    std::fs::copy(lib, &bad).unwrap();
    let (_, chain) = discover_with_one_failure(dir.path(), &bad);
    assert!(
        chain.ends_with(&format!(
            ": plugin ABI version 999, this host speaks 1; rebuild the plugin against chuxin-plugin-api {}",
            chuxin_plugin_host::api::API_VERSION
        )),
        "{chain}"
    );
}

#[test]
fn an_executable_is_refused_by_the_dynamic_loader_with_its_reason() {
    // A test binary is a position-independent executable: ELF type "shared object" for x86_64, so it passes the
    // header check, and glibc's dlopen refuses it; its message must reach the user.
    let exe = std::env::current_exe().unwrap();
    let dir = folder_with_industry_plugins();
    let bad = dir.path().join(format!("libchuxin_plugin_exe.{SO}"));
    std::fs::copy(exe, &bad).unwrap();
    let (registry, chain) = discover_with_one_failure(dir.path(), &bad);
    match &registry.errors()[0].kind {
        LoadErrorKind::Open(_) => {
            assert!(chain.contains(": the dynamic loader refused it: "), "{chain}");
            assert!(
                chain.len()
                    > format!(
                        "cannot load plugin `{}`: the dynamic loader refused it: ",
                        bad.display()
                    )
                    .len()
            );
        }
        LoadErrorKind::NotSharedLibrary(_) => assert!(chain.contains("not a shared object"), "{chain}"),
        other => panic!("unexpected {other:?}: {chain}"),
    }
}

#[test]
fn a_panic_inside_a_call_comes_back_as_an_error() {
    let lib = artifacts::get().library("fixture_panicky");
    let dir = folder_with_industry_plugins();
    std::fs::copy(lib, dir.path().join(lib.file_name().unwrap())).unwrap();
    let registry = Registry::discover(&[SearchPath::new(dir.path(), SearchOrigin::CommandLine)]);
    assert!(
        registry.errors().is_empty(),
        "loading runs no method: {:?}",
        registry.errors()
    );
    assert_eq!(registry.plugins().len(), 4);
    let panicky = registry.get("panicky").unwrap();

    let err = panicky.packs().unwrap_err();
    assert_eq!(err.method, Method::Packs);
    assert!(matches!(err.kind, CallErrorKind::Panicked(_)));
    // The message carries the panic's location; nothing was printed to the terminal.
    let chain = err.chain();
    let expected = format!(
        "plugin `panicky` (`{}`) failed in `packs`: it panicked: index out of bounds: the len is 0 but the index \
         is 3 (at panicky/src/lib.rs:",
        panicky.path().display()
    );
    assert!(chain.starts_with(&expected), "{chain}");
    let err = panicky
        .compare(&chuxin_plugin_host::CompareInput {
            comparison: "anything".into(),
            ..Default::default()
        })
        .unwrap_err();
    let chain = err.chain();
    assert!(
        chain.contains("failed in `compare`: it panicked: cannot compare `anything` (at panicky/src/lib.rs:"),
        "{chain}"
    );

    // The plugin survives its panics, and so does everything else.
    assert_eq!(panicky.benchmarks().unwrap(), []);
    let (packs, errors) = registry.packs();
    assert_eq!(packs.len(), 3);
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0].plugin, "panicky");
}

#[test]
fn invalid_json_from_a_plugin_is_an_error() {
    let lib = artifacts::get().library("fixture_bad_json");
    let dir = folder_with_industry_plugins();
    std::fs::copy(lib, dir.path().join(lib.file_name().unwrap())).unwrap();
    let registry = Registry::discover(&[SearchPath::new(dir.path(), SearchOrigin::CommandLine)]);
    assert_eq!(registry.plugins().len(), 4, "{:?}", registry.errors());
    let bad = registry.get("bad_json").unwrap();
    for err in [
        bad.packs().map(|_| ()).unwrap_err(),
        bad.benchmarks().map(|_| ()).unwrap_err(),
        bad.comparisons().map(|_| ()).unwrap_err(),
    ] {
        assert!(matches!(err.kind, CallErrorKind::InvalidJson { .. }));
        let chain = err.chain();
        assert!(
            chain.starts_with(&format!("plugin `bad_json` (`{}`) failed in `", bad.path().display())),
            "{chain}"
        );
        assert!(
            chain.contains("`: it returned invalid JSON (starting `<html>not json</html>`): expected value at line 1"),
            "{chain}"
        );
    }
    let summary = chuxin_plugin_host::check_plugin(bad);
    assert_eq!(summary.call_errors().len(), 3);
    assert!(!summary.is_healthy());
    for plugin in ["retail", "food", "finance"] {
        assert!(registry.get(plugin).unwrap().comparisons().is_ok());
    }
}

#[test]
fn every_failure_at_once() {
    // All the broken files in one folder: each gets its own error, the good plugins all load.
    let a = artifacts::get();
    let dir = folder_with_industry_plugins();
    std::fs::write(dir.path().join(format!("text.{SO}")), b"hello\n").unwrap();
    let real = std::fs::read(a.library("chuxin_plugin_retail")).unwrap();
    std::fs::write(dir.path().join(format!("cut.{SO}")), &real[..real.len() / 3]).unwrap();
    for lib in [
        "fixture_no_entry",
        "fixture_wrong_abi",
        "fixture_panicky",
        "fixture_bad_json",
    ] {
        let path = a.library(lib);
        std::fs::copy(path, dir.path().join(path.file_name().unwrap())).unwrap();
    }
    let registry = Registry::discover(&[SearchPath::new(dir.path(), SearchOrigin::CommandLine)]);
    let mut ids: Vec<&str> = registry.plugins().iter().map(|p| p.id()).collect();
    ids.sort();
    assert_eq!(ids, ["bad_json", "finance", "food", "panicky", "retail"]);
    assert_eq!(registry.errors().len(), 4, "{:#?}", registry.errors());
}
