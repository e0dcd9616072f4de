//! Charts are written, parsed back (SVG as XML, PNG decoded) and checked for their labels.
//!
//! Where no CJK font is installed, PNG tests assert the clear error that names the font package
//! instead (CI installs `fonts-wqy-microhei`).

use std::fs::File;
use std::path::{Path, PathBuf};

use chuxin_chart::{CJK_FONT_PACKAGE, Chart, ChartError, FontError, RadarChart, Renderer};

mod legend;
mod samples;

use samples::{bars, bubble, lines, radar};

fn all() -> Vec<(&'static str, Chart, Vec<&'static str>)> {
    vec![
        (
            "bars",
            bars(),
            vec![
                "蓮心茶飲",
                "茶語時光",
                "一點甜",
                "weibo",
                "wechat",
                "互動率（粉絲） Engagement rate",
            ],
        ),
        (
            "lines",
            lines(),
            vec!["蓮心茶飲", "茶語時光", "2024-W01", "每週發文 Posts per week"],
        ),
        (
            "bubble",
            bubble(),
            vec![
                "蓮心茶飲",
                "花漾",
                "素顏坊",
                "活躍且互動高",
                "沉默",
                "粉絲數 followers",
                "500.0k",
            ],
        ),
        (
            "radar",
            radar(),
            vec!["環境 Env (62.0)", "資源 Res (70.0)", "審計分數 Audit scores"],
        ),
    ]
}

fn texts(svg: &str) -> Vec<String> {
    let doc = roxmltree::Document::parse(svg).expect("the SVG is well-formed XML");
    assert_eq!(doc.root_element().tag_name().name(), "svg");
    doc.descendants()
        .filter(|n| n.has_tag_name("text"))
        .filter_map(|n| n.text().map(|t| t.trim().to_string()))
        .collect()
}

#[test]
fn svg_is_well_formed_and_has_its_labels() {
    let renderer = Renderer::new(None);
    let dir = tempfile::tempdir().unwrap();
    for (name, chart, labels) in all() {
        let path = dir.path().join(format!("{name}.svg"));
        renderer.write_svg(&chart, &path).unwrap();
        let svg = std::fs::read_to_string(&path).unwrap();
        let found = texts(&svg);
        for label in labels {
            assert!(
                found.iter().any(|t| t == label),
                "{name}: no text `{label}` in {found:?}"
            );
        }
    }
}

#[test]
fn png_decodes_or_names_the_font_package() {
    let renderer = Renderer::new(None);
    let dir = tempfile::tempdir().unwrap();
    for (name, chart, _) in all() {
        let path = dir.path().join(format!("{name}.png"));
        match renderer.cjk_font() {
            Ok(_) => {
                renderer.write_png(&chart, &path).unwrap();
                let decoder = png::Decoder::new(File::open(&path).unwrap());
                let mut reader = decoder.read_info().unwrap();
                let mut buf = vec![0; reader.output_buffer_size()];
                let info = reader.next_frame(&mut buf).unwrap();
                assert_eq!((info.width, info.height), chuxin_chart::SIZE);
                // Not blank: the title and the data left dark pixels.
                let dark = buf.chunks(3).filter(|p| p.iter().all(|c| *c < 100)).count();
                assert!(dark > 500, "{name}: only {dark} dark pixels");
            }
            Err(_) => {
                let err = renderer.write_png(&chart, &path).unwrap_err();
                assert!(err.to_string().contains(CJK_FONT_PACKAGE), "{err}");
                assert!(!path.exists());
            }
        }
    }
}

/// The glyphs drawn for Chinese text are real glyphs, not boxes: a line of Chinese and a line of the
/// same number of "missing glyph" boxes give different pixels.
#[test]
fn png_chinese_is_not_boxes() {
    let renderer = Renderer::new(None);
    if renderer.cjk_font().is_err() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let draw = |title: &str, file: &str| -> Vec<u8> {
        let chart = Chart::Radar(RadarChart {
            title: title.into(),
            axes: vec![("a".into(), 1.0), ("b".into(), 1.0), ("c".into(), 1.0)],
            max: 2.0,
        });
        let path = dir.path().join(file);
        renderer.write_png(&chart, &path).unwrap();
        let mut reader = png::Decoder::new(File::open(&path).unwrap()).read_info().unwrap();
        let mut buf = vec![0; reader.output_buffer_size()];
        reader.next_frame(&mut buf).unwrap();
        buf
    };
    let chinese = draw("粉絲互動", "zh.png");
    let other = draw("評論轉發", "zh2.png");
    assert_ne!(chinese, other, "different Chinese titles must draw differently");
}

#[test]
fn explicit_font_must_be_cjk() {
    let dejavu = Path::new("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf");
    if !dejavu.exists() {
        return;
    }
    let renderer = Renderer::new(Some(dejavu));
    assert!(matches!(renderer.cjk_font(), Err(FontError::NotCjk { .. })));
    let dir = tempfile::tempdir().unwrap();
    let err = renderer.write_png(&bars(), &dir.path().join("x.png")).unwrap_err();
    assert!(err.to_string().contains("no Chinese glyphs"), "{err}");
    // SVG still works: it only measures text with the font.
    assert!(renderer.svg_string(&bars()).is_ok());
}

#[test]
fn no_font_anywhere_is_a_clear_error() {
    let empty = tempfile::tempdir().unwrap();
    let renderer = Renderer::with_dirs(None, &[PathBuf::from(empty.path())]);
    let err = renderer.write_png(&bars(), &empty.path().join("x.png")).unwrap_err();
    assert!(matches!(err, ChartError::Font(FontError::NoCjkFont { .. })), "{err}");
    assert!(err.to_string().contains("apt-get install fonts-wqy-microhei"), "{err}");
}

#[test]
fn empty_charts_are_refused() {
    let renderer = Renderer::new(None);
    let chart = Chart::Radar(RadarChart {
        title: "x".into(),
        axes: vec![("a".into(), 1.0)],
        max: 1.0,
    });
    assert!(matches!(renderer.svg_string(&chart), Err(ChartError::NoData(_))));
}
