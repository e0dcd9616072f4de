//! [`Terminal`]: the application layer's observer on the terminal — warnings on stderr (made safe for it), a
//! progress bar for long reads (shown only once a read has taken a second), and what was made of each file.

use crate::render;
use chuxin_app::Observer;
use chuxin_bench::engine::IngestReport;
use indicatif::{ProgressBar, ProgressDrawTarget};
use std::sync::OnceLock;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

/// Shows what a use case reports on the terminal.
#[derive(Default)]
pub struct Terminal {
    /// The progress bar and when the read started, from the first progress report.
    bar: OnceLock<(ProgressBar, Instant)>,
    /// Whether the bar is drawn yet.
    drawn: AtomicBool,
}

impl Observer for Terminal {
    fn warning(&self, text: &str) {
        eprintln!("warning: {}", render::safe(text));
    }

    fn progress(&self, done: u64, total: u64) {
        let (bar, start) = self.bar.get_or_init(|| {
            let hidden = ProgressDrawTarget::hidden();
            (ProgressBar::with_draw_target(Some(total), hidden), Instant::now())
        });
        if !self.drawn.load(Ordering::Relaxed) && start.elapsed() > Duration::from_secs(1) {
            bar.set_draw_target(ProgressDrawTarget::stderr());
            self.drawn.store(true, Ordering::Relaxed);
        }
        bar.set_position(done);
    }

    fn progress_done(&self) {
        if let Some((bar, _)) = self.bar.get() {
            bar.finish_and_clear();
        }
    }

    fn file_read(&self, report: &IngestReport) {
        render::ingest_report(report);
    }
}
