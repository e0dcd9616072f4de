//! A run's charts (and an audit's radar) drawn to files: SVG always, PNG when a CJK font is found. What the
//! charts show is `chuxin_report::bench_charts`.

use crate::error::{AppError, Result};
use crate::observer::Observer;
use chuxin_chart::Renderer;
use chuxin_core::msg;
use chuxin_core::{Lang, Scorecard};
use chuxin_report::bench_charts::charts;
use chuxin_store::{BenchRun, write_atomic};
use std::path::{Path, PathBuf};

/// Draws every chart of a run (and the radar of `card`, when given) into `dir`: SVG always, PNG when a CJK font
/// is available (else the observer is told once, and the SVG files stand).
pub fn draw_charts(
    record: &BenchRun,
    card: Option<&Scorecard>,
    lang: Lang,
    dir: &Path,
    font: Option<&Path>,
    observer: &dyn Observer,
) -> Result<Vec<PathBuf>> {
    let renderer = Renderer::new(font);
    let mut written = Vec::new();
    let mut png_warned = false;
    for (stem, chart) in charts(record, card, lang) {
        let svg = dir.join(format!("{stem}.svg"));
        let text = renderer.svg_string(&chart).map_err(|source| AppError::Draw {
            stem: stem.clone(),
            source,
        })?;
        write_atomic(&svg, text.as_bytes()).map_err(AppError::io("write", &svg))?;
        written.push(svg);
        // The PNG is drawn beside its final name and renamed over it, so a reader never sees half a picture.
        let png = dir.join(format!("{stem}.png"));
        let partial = dir.join(format!(".{stem}.partial.png"));
        let drawn = match renderer.write_png(&chart, &partial) {
            Ok(()) => std::fs::rename(&partial, &png).map_err(|e| format!("cannot write `{}`: {e}", png.display())),
            // The usual case on a fresh machine, said in the run's language with the package to install.
            Err(chuxin_chart::ChartError::Font(chuxin_chart::FontError::NoCjkFont { searched })) => Err(msg!(
                lang,
                "app.png_no_cjk_font",
                searched = searched,
                package = chuxin_chart::CJK_FONT_PACKAGE
            )),
            Err(e) => Err(chuxin_plugin_host::error_chain(&e)),
        };
        match drawn {
            Ok(()) => written.push(png),
            Err(e) if !png_warned => {
                let _ = std::fs::remove_file(&partial);
                observer.warning(&msg!(lang, "app.png_skipped", error = e));
                png_warned = true;
            }
            Err(_) => {
                let _ = std::fs::remove_file(&partial);
            }
        }
    }
    Ok(written)
}
