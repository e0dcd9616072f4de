//! Writes one chart of each kind, as SVG and PNG, into a directory: a quick visual check.
//!
//! ```text
//! cargo run -p chuxin-chart --example gallery -- OUT_DIR [FONT_FILE]
//! ```

use std::path::PathBuf;
use std::process::ExitCode;

use chuxin_chart::Renderer;

#[path = "../tests/samples.rs"]
mod samples;

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let Some(dir) = args.next().map(PathBuf::from) else {
        eprintln!("usage: gallery OUT_DIR [FONT_FILE]");
        return ExitCode::from(2);
    };
    let font = args.next().map(PathBuf::from);
    if let Err(e) = std::fs::create_dir_all(&dir) {
        eprintln!("error: cannot create `{}`: {e}", dir.display());
        return ExitCode::FAILURE;
    }
    let renderer = Renderer::new(font.as_deref());
    let charts = [
        ("bars", samples::bars()),
        ("lines", samples::lines()),
        ("bubble", samples::bubble()),
        ("radar", samples::radar()),
    ];
    let mut status = ExitCode::SUCCESS;
    for (name, chart) in &charts {
        if let Err(e) = renderer.write_svg(chart, &dir.join(format!("{name}.svg"))) {
            eprintln!("error: {e}");
            status = ExitCode::FAILURE;
        }
        if let Err(e) = renderer.write_png(chart, &dir.join(format!("{name}.png"))) {
            eprintln!("warning: {e}");
        }
    }
    status
}
