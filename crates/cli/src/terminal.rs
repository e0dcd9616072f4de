//! [`Terminal`]: the application layer's observer on the terminal — warnings on stderr (made safe for it), a
//! progress bar for long reads (shown only once a read has taken a second), and what was made of each file.

use crate::render;
use chuxin_app::Observer;
use chuxin_bench::engine::IngestReport;
use chuxin_core::{Lang, msg};
use indicatif::{ProgressBar, ProgressDrawTarget};
use std::sync::Mutex;
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
    /// The language of what it shows, as the session last decided it.
    lang: Mutex<Lang>,
}

impl Terminal {
    /// A terminal observer speaking `lang` until the session decides otherwise.
    pub fn new(lang: Lang) -> Terminal {
        Terminal {
            lang: Mutex::new(lang),
            ..Terminal::default()
        }
    }

    /// The language of what it shows.
    pub fn lang(&self) -> Lang {
        self.lang.lock().map_or_else(|e| *e.into_inner(), |l| *l)
    }
}

impl Observer for Terminal {
    fn warning(&self, text: &str) {
        eprintln!("{}", msg!(self.lang(), "cli.warning", text = render::safe(text)));
    }

    fn language(&self, lang: Lang) {
        if let Ok(mut l) = self.lang.lock() {
            *l = lang;
        }
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
        render::ingest_report(report, self.lang());
    }
}
