//! Finding and registering the font charts are drawn with.
//!
//! plotters' `ab_glyph` engine draws only with fonts registered by hand, one face per family and no
//! fallback, so one CJK-capable face (which covers Latin too) is registered as `sans-serif`. It is found
//! in this order: an explicit path (`--font`, the workspace config), then the usual system locations
//! (Noto CJK, WenQuanYi, Source Han, Droid Sans Fallback …). The file is read once and leaked, because
//! plotters keeps `&'static` font bytes for the life of the process.
//!
//! PNG needs that CJK font: without one the Chinese labels would be boxes, so [`FontError::NoCjkFont`]
//! names the Debian package to install instead. SVG only needs a font to measure text for layout (the
//! glyphs are drawn by whatever displays the SVG), so any system font will do for it.

use std::collections::HashMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, OnceLock};

use ab_glyph::{Font, FontRef};
use plotters::style::FontStyle;

/// The Debian package that provides a CJK font chuxin can use.
pub const CJK_FONT_PACKAGE: &str = "fonts-wqy-microhei";

/// Why no usable font was found.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum FontError {
    /// The font file given cannot be read.
    #[error("cannot read font `{path}`: {reason}")]
    Unreadable {
        /// The path.
        path: PathBuf,
        /// Why.
        reason: String,
    },
    /// The file given is not a font ab_glyph can parse.
    #[error("`{path}` is not a TrueType/OpenType font (.ttf, .otf, .ttc)")]
    NotAFont {
        /// The path.
        path: PathBuf,
    },
    /// The font given has no Chinese glyphs.
    #[error(
        "font `{path}` has no Chinese glyphs, so Chinese labels would be drawn as boxes; give a CJK font (for example /usr/share/fonts/truetype/wqy/wqy-microhei.ttc from the `{CJK_FONT_PACKAGE}` package)"
    )]
    NotCjk {
        /// The path.
        path: PathBuf,
    },
    /// No CJK font in the system locations.
    #[error(
        "no CJK font found for PNG charts (looked in {searched}); install one with `apt-get install {CJK_FONT_PACKAGE}` (or `fonts-noto-cjk`), or pass `--font FILE`; SVG charts are still written"
    )]
    NoCjkFont {
        /// The directories searched.
        searched: String,
    },
    /// No font at all, not even for SVG layout.
    #[error(
        "no font found at all (looked in {searched}); install `{CJK_FONT_PACKAGE}` or `fonts-dejavu-core`, or pass `--font FILE`"
    )]
    NoFont {
        /// The directories searched.
        searched: String,
    },
}

/// A font file chuxin can draw with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FontInfo {
    /// The file.
    pub path: PathBuf,
    /// Whether it has Chinese glyphs.
    pub cjk: bool,
    /// Its family name (the English one when it has several), as SVG viewers know it.
    pub family: Option<String>,
}

/// File names of CJK fonts, best first (lowercase substrings).
const CJK_NAMES: &[&str] = &[
    "wqy-microhei",
    "wqy-zenhei",
    "notosanscjk",
    "notosanssc",
    "notosanstc",
    "notoserifcjk",
    "sourcehansans",
    "sourcehanserif",
    "droidsansfallback",
    "pingfang",
    "msyh",
    "msjh",
    "simhei",
    "simsun",
    "arphic",
    "uming",
    "ukai",
];

/// Font directories searched, in order.
pub fn system_font_dirs() -> Vec<PathBuf> {
    let mut dirs = vec![
        PathBuf::from("/usr/share/fonts"),
        PathBuf::from("/usr/local/share/fonts"),
    ];
    if let Some(home) = std::env::var_os("HOME") {
        let home = PathBuf::from(home);
        dirs.push(home.join(".local/share/fonts"));
        dirs.push(home.join(".fonts"));
    }
    dirs.extend([
        PathBuf::from("/Library/Fonts"),
        PathBuf::from("/System/Library/Fonts"),
        PathBuf::from("C:\\Windows\\Fonts"),
    ]);
    dirs
}

fn font_files(dir: &Path, depth: usize, out: &mut Vec<PathBuf>) {
    let Ok(entries) = fs::read_dir(dir) else { return };
    let mut entries: Vec<_> = entries.flatten().map(|e| e.path()).collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            if depth < 6 {
                font_files(&path, depth + 1, out);
            }
        } else if path
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| matches!(e.to_ascii_lowercase().as_str(), "ttf" | "otf" | "ttc"))
        {
            out.push(path);
        }
    }
}

fn searched(dirs: &[PathBuf]) -> String {
    dirs.iter()
        .map(|d| d.display().to_string())
        .collect::<Vec<_>>()
        .join(", ")
}

/// Loaded font bytes, leaked once per path.
fn load(path: &Path) -> Result<&'static [u8], FontError> {
    static CACHE: OnceLock<Mutex<HashMap<PathBuf, &'static [u8]>>> = OnceLock::new();
    let cache = CACHE.get_or_init(|| Mutex::new(HashMap::new()));
    let mut cache = cache.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    if let Some(bytes) = cache.get(path) {
        return Ok(bytes);
    }
    let bytes = fs::read(path).map_err(|e| FontError::Unreadable {
        path: path.to_path_buf(),
        reason: e.to_string(),
    })?;
    let bytes: &'static [u8] = Box::leak(bytes.into_boxed_slice());
    cache.insert(path.to_path_buf(), bytes);
    Ok(bytes)
}

fn has_cjk(bytes: &[u8]) -> Option<bool> {
    let font = FontRef::try_from_slice(bytes).ok()?;
    Some(['中', '文', '粉', '絲'].iter().all(|c| font.glyph_id(*c).0 != 0))
}

/// The family name of the first face: the typographic family if there is one, else the family; the US-English
/// name first, else any Unicode one.
fn family(bytes: &[u8]) -> Option<String> {
    let face = ttf_parser::Face::parse(bytes, 0).ok()?;
    let names: Vec<_> = face.names().into_iter().filter(|n| n.is_unicode()).collect();
    [ttf_parser::name_id::TYPOGRAPHIC_FAMILY, ttf_parser::name_id::FAMILY]
        .into_iter()
        .find_map(|id| {
            let of_id = || names.iter().filter(move |n| n.name_id == id);
            of_id()
                .find(|n| n.language_id == 0x0409)
                .or_else(|| of_id().next())
                .and_then(|n| n.to_string())
        })
        .filter(|f| !f.trim().is_empty())
}

/// Examines one font file.
pub fn inspect(path: &Path) -> Result<FontInfo, FontError> {
    let bytes = load(path)?;
    let cjk = has_cjk(bytes).ok_or_else(|| FontError::NotAFont {
        path: path.to_path_buf(),
    })?;
    Ok(FontInfo {
        path: path.to_path_buf(),
        cjk,
        family: family(bytes),
    })
}

/// Finds a CJK font: `explicit` if given (it must have Chinese glyphs), else the best in `dirs`.
pub fn find_cjk_font(explicit: Option<&Path>, dirs: &[PathBuf]) -> Result<FontInfo, FontError> {
    if let Some(path) = explicit {
        let info = inspect(path)?;
        return if info.cjk {
            Ok(info)
        } else {
            Err(FontError::NotCjk {
                path: path.to_path_buf(),
            })
        };
    }
    let mut files = Vec::new();
    for d in dirs {
        font_files(d, 0, &mut files);
    }
    for name in CJK_NAMES {
        for f in &files {
            let file_name = f
                .file_name()
                .and_then(|n| n.to_str())
                .unwrap_or("")
                .to_ascii_lowercase()
                .replace(['-', '_', ' '], "");
            if file_name.contains(&name.replace('-', ""))
                && let Ok(info) = inspect(f)
                && info.cjk
            {
                return Ok(info);
            }
        }
    }
    Err(FontError::NoCjkFont {
        searched: searched(dirs),
    })
}

/// Finds any font to measure SVG text with: a CJK font if there is one, else the first parsable font,
/// preferring DejaVu Sans and Liberation Sans.
pub fn find_layout_font(explicit: Option<&Path>, dirs: &[PathBuf]) -> Result<FontInfo, FontError> {
    if let Some(path) = explicit {
        return inspect(path);
    }
    if let Ok(info) = find_cjk_font(None, dirs) {
        return Ok(info);
    }
    let mut files = Vec::new();
    for d in dirs {
        font_files(d, 0, &mut files);
    }
    let rank = |p: &PathBuf| {
        let n = p
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or("")
            .to_ascii_lowercase();
        if n == "dejavusans.ttf" {
            0
        } else if n.starts_with("liberationsans-regular") {
            1
        } else {
            2
        }
    };
    files.sort_by_key(rank);
    files
        .iter()
        .find_map(|f| inspect(f).ok())
        .ok_or_else(|| FontError::NoFont {
            searched: searched(dirs),
        })
}

/// Registers `font` as plotters' `sans-serif` (all styles); later calls with another font replace it.
pub fn register(font: &FontInfo) -> Result<(), FontError> {
    static CURRENT: Mutex<Option<PathBuf>> = Mutex::new(None);
    let mut current = CURRENT.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    if current.as_deref() == Some(font.path.as_path()) {
        return Ok(());
    }
    let bytes = load(&font.path)?;
    for style in [
        FontStyle::Normal,
        FontStyle::Bold,
        FontStyle::Italic,
        FontStyle::Oblique,
    ] {
        plotters::style::register_font("sans-serif", style, bytes).map_err(|_| FontError::NotAFont {
            path: font.path.clone(),
        })?;
    }
    *current = Some(font.path.clone());
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn not_a_font() {
        let dir = std::env::temp_dir().join(format!("chuxin-font-test-{}", std::process::id()));
        fs::create_dir_all(&dir).unwrap();
        let bad = dir.join("bad.ttf");
        fs::write(&bad, b"not a font").unwrap();
        assert_eq!(inspect(&bad), Err(FontError::NotAFont { path: bad.clone() }));
        assert!(matches!(
            find_cjk_font(None, std::slice::from_ref(&dir)),
            Err(FontError::NoCjkFont { .. })
        ));
        let msg = find_cjk_font(None, std::slice::from_ref(&dir)).unwrap_err().to_string();
        assert!(msg.contains(CJK_FONT_PACKAGE), "{msg}");
        assert!(matches!(
            find_layout_font(None, std::slice::from_ref(&dir)),
            Err(FontError::NoFont { .. })
        ));
        let _ = fs::remove_dir_all(dir);
    }
}
