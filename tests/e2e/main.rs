//! End-to-end tests: each drives the real `chuxin` binary in a temporary workspace.

mod support;

mod answer;
mod bad_plugins;
mod bench;
mod bench_language;
mod charts;
mod client;
mod compare;
mod demo;
mod errors;
mod forms;
mod golden;
mod import_language;
mod language;
mod markets;
mod packs;
mod pdf;
mod plain_report;
mod plugins;
mod references;
mod reimport;
mod report;
mod report_workbook;
mod rules;
mod workbook;
mod workspace;
