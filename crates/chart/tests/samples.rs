//! Sample charts of every kind, with Chinese labels: the fixtures of the chart tests and of the `gallery`
//! example (which includes this file with `#[path]`).

use chuxin_chart::{BarChart, Bubble, BubbleChart, Chart, LineChart, Palette, RadarChart};

/// The brands of the samples, the client first: one palette for every chart, as a run has.
pub fn palette() -> Palette {
    Palette::new(Some("蓮心茶飲"), ["茶語時光", "一點甜", "花漾", "素顏坊"])
}

pub fn bars() -> Chart {
    Chart::Bars(BarChart {
        title: "互動率（粉絲） Engagement rate".into(),
        y_label: "%".into(),
        categories: vec!["weibo".into(), "wechat".into()],
        series: vec![
            ("蓮心茶飲".into(), vec![Some(0.42), Some(0.3)]),
            ("茶語時光".into(), vec![Some(1.1), None]),
            ("一點甜".into(), vec![None, Some(0.9)]),
        ],
        highlight: Some("蓮心茶飲".into()),
        palette: palette(),
    })
}

pub fn lines() -> Chart {
    Chart::Lines(LineChart {
        title: "每週發文 Posts per week".into(),
        y_label: "posts".into(),
        x_labels: (1..=10).map(|w| format!("2024-W{w:02}")).collect(),
        lines: vec![
            (
                "蓮心茶飲".into(),
                vec![
                    Some(1.0),
                    Some(0.0),
                    None,
                    Some(2.0),
                    Some(1.0),
                    Some(0.0),
                    Some(0.0),
                    Some(1.0),
                    Some(0.0),
                    Some(1.0),
                ],
            ),
            (
                "茶語時光".into(),
                (0..10).map(|i| Some(4.0 + f64::from(i % 3))).collect(),
            ),
        ],
        highlight: Some("蓮心茶飲".into()),
        palette: palette(),
    })
}

pub fn bubble() -> Chart {
    Chart::Bubble(BubbleChart {
        title: "發文頻率 × 互動率".into(),
        x_label: "posts per week".into(),
        y_label: "ER by followers, %".into(),
        bubbles: vec![
            Bubble {
                label: "蓮心茶飲".into(),
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
            "活躍且互動高".into(),
            "少發但互動高".into(),
            "沉默".into(),
            "多發少互動".into(),
        ]),
        highlight: Some("蓮心茶飲".into()),
        size_label: "粉絲數 followers".into(),
        palette: palette(),
    })
}

pub fn radar() -> Chart {
    Chart::Radar(RadarChart {
        title: "審計分數 Audit scores".into(),
        axes: vec![
            ("環境 Env".into(), 62.0),
            ("運營 Ops".into(), 40.0),
            ("執行 Exe".into(), 55.0),
            ("標杆 Bench".into(), 30.0),
            ("資源 Res".into(), 70.0),
        ],
        max: 100.0,
    })
}
