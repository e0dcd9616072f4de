//! Writes one chart of each kind, as SVG and PNG, into a directory: a quick visual check.
//!
//! ```text
//! cargo run -p chuxin-chart --example gallery -- OUT_DIR [FONT_FILE]
//! ```

use std::path::PathBuf;
use std::process::ExitCode;

use chuxin_chart::{BarChart, Bubble, BubbleChart, Chart, LineChart, RadarChart, Renderer};

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
        (
            "bars",
            Chart::Bars(BarChart {
                title: "互動率（粉絲）Engagement rate by followers".into(),
                y_label: "%".into(),
                categories: vec!["蓮心茶飲".into(), "茶語時光".into(), "一點甜".into()],
                series: vec![
                    ("weibo".into(), vec![Some(0.42), Some(1.1), Some(0.7)]),
                    ("wechat".into(), vec![Some(0.3), Some(0.5), Some(0.9)]),
                ],
                highlight: Some("蓮心茶飲".into()),
            }),
        ),
        (
            "lines",
            Chart::Lines(LineChart {
                title: "每週發文 Posts per week".into(),
                y_label: "posts".into(),
                x_labels: (1..=12).map(|w| format!("2024-W{w:02}")).collect(),
                lines: vec![
                    ("恒豐銀行".into(), (0..12).map(|i| Some(f64::from(i % 2))).collect()),
                    (
                        "安信銀行".into(),
                        (0..12).map(|i| Some(4.0 + f64::from(i % 3))).collect(),
                    ),
                    (
                        "富邦達銀行".into(),
                        (0..12).map(|i| Some(3.0 + f64::from(i % 4) / 2.0)).collect(),
                    ),
                ],
                highlight: Some("恒豐銀行".into()),
            }),
        ),
        (
            "bubble",
            Chart::Bubble(BubbleChart {
                title: "發文頻率 × 互動率 Posting × engagement".into(),
                x_label: "posts per week".into(),
                y_label: "ER by followers, %".into(),
                bubbles: vec![
                    Bubble {
                        label: "明月美妝".into(),
                        x: 9.0,
                        y: 0.2,
                        size: 520_000.0,
                    },
                    Bubble {
                        label: "花漾".into(),
                        x: 5.0,
                        y: 0.9,
                        size: 300_000.0,
                    },
                    Bubble {
                        label: "素顏坊".into(),
                        x: 3.0,
                        y: 0.5,
                        size: 80_000.0,
                    },
                ],
                x_line: Some(4.0),
                y_line: Some(0.7),
                quadrant_labels: Some([
                    "多發高互動".into(),
                    "少發高互動".into(),
                    "少發低互動".into(),
                    "多發低互動".into(),
                ]),
                highlight: Some("明月美妝".into()),
            }),
        ),
        (
            "radar",
            Chart::Radar(RadarChart {
                title: "審計分數 Audit section scores".into(),
                axes: vec![
                    ("環境".into(), 62.0),
                    ("運營".into(), 40.0),
                    ("執行".into(), 55.0),
                    ("標杆".into(), 30.0),
                    ("資源".into(), 70.0),
                ],
                max: 100.0,
            }),
        ),
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
