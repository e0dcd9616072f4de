//! What a use case tells its caller while it runs: warnings that do not stop it, the progress of a long read,
//! and what the engine made of each file. The binary shows them on the terminal; tests and the demo may keep
//! them quiet. The use cases never print.

use chuxin_bench::engine::IngestReport;

/// Receives what a use case reports while it runs.
pub trait Observer: Sync {
    /// A condition worth knowing that does not stop the use case (a plugin skipped, answers not scored).
    fn warning(&self, text: &str);

    /// `done` of `total` bytes of the exports read.
    fn progress(&self, done: u64, total: u64) {
        let _ = (done, total);
    }

    /// The read is over (the progress, if shown, can go).
    fn progress_done(&self) {}

    /// What the engine made of one file.
    fn file_read(&self, report: &IngestReport) {
        let _ = report;
    }
}

/// An observer that drops everything.
#[derive(Debug, Default)]
pub struct Quiet;

impl Observer for Quiet {
    fn warning(&self, _: &str) {}
}
