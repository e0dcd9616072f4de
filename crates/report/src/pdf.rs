//! PDF: the report and the portfolio as A4 documents, typeset by Typst used as a library, with no browser.
//!
//! The documents are written as Typst source by minijinja (the engine of the HTML and Markdown reports, with
//! the same words and number filters) from `templates/report.typ` and `templates/portfolio.typ`, then compiled
//! in memory: [`DocWorld`] serves that one source, the charts as SVG files (`/charts/<id>.svg`) and the fonts.
//!
//! **No text from users can become markup.** The template's formatter writes every value as a Typst string
//! literal (`"…"`, with `\` and `"` escaped), so a client name such as `#panic()` or `*bold*` is printed as the
//! characters it is; the template writes `#{{ x }}` in markup and `{{ x }}` in code. Only values built here and
//! marked safe (the font list) are written raw.
//!
//! **Fonts** are found the way the charts find theirs (`chuxin_chart::font`): the workspace's font, else a CJK
//! font in the system locations (WenQuanYi, Noto CJK, Source Han …), and the layout font beside it. Without a
//! CJK font the PDF is refused with the package to install ([`ReportError::Pdf`]): Chinese set in a Latin font
//! would come out as boxes. Every face of a collection (`.ttc`) is loaded; Typst embeds only the glyphs used.
//!
//! Layout rules the template keeps: A4 portrait, a cover (agency, client, audit date, data period), page numbers
//! "n / total" from the first page after the cover, headings that never sit alone at a page's foot (Typst's
//! headings are sticky: kept with the block that follows), table headers repeated on every page.

use crate::error::ReportError;
use crate::html::{heat_hue, number_filters, table_filters};
use crate::model::Report;
use crate::portfolio::Portfolio;
use crate::words;
use chuxin_core::Lang;
use minijinja::value::{Serde, Value};
use minijinja::{AutoEscape, Environment, UndefinedBehavior, context};
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use typst::diag::{FileError, FileResult, SourceDiagnostic};
use typst::foundations::{Bytes, Datetime};
use typst::layout::PagedDocument;
use typst::syntax::{FileId, Source, VirtualPath};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World};

/// Writes `s` as a Typst string literal: the text it holds is shown as it is, never read as markup or code.
pub fn literal(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            '\t' => out.push_str("\\t"),
            c if c.is_control() => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn env() -> &'static Environment<'static> {
    static ENV: OnceLock<Environment<'static>> = OnceLock::new();
    ENV.get_or_init(|| {
        let mut env = Environment::new();
        env.set_auto_escape_callback(|_| AutoEscape::None);
        env.set_undefined_behavior(UndefinedBehavior::Strict);
        // Every value is a string literal, whatever it holds; only strings marked safe here go in raw.
        env.set_formatter(|out, _state, value| {
            if value.is_safe() {
                out.write_str(value.as_str().unwrap_or_default())?;
            } else if value.is_none() || value.is_undefined() {
                out.write_str("\"—\"")?;
            } else {
                out.write_str(&literal(&value.to_string()))?;
            }
            Ok(())
        });
        number_filters(&mut env);
        table_filters(&mut env);
        // A whole number written raw, for Typst's own arguments (column counts, row indices, meter widths).
        env.add_filter("int", |v: Value| {
            let x = f64::try_from(v).unwrap_or(0.0);
            Value::from_safe_string(format!("{}", x.round() as i64))
        });
        env.add_filter("titles", |v: Value| {
            v.try_iter()
                .map(|it| {
                    it.filter_map(|x| x.get_attr("title").ok().map(|t| t.to_string()))
                        .collect::<Vec<_>>()
                        .join("; ")
                })
                .unwrap_or_default()
        });
        env.add_filter("heat", |v: Value| {
            // The heatmap's colour, as a Typst colour: red at 0, amber at 50, green at 100; grey without a score.
            let raw = match (!v.is_none()).then(|| f64::try_from(v).ok()).flatten() {
                Some(s) => format!("color.hsl({:.0}deg, 70%, 82%)", heat_hue(s)),
                None => "rgb(\"#f6f8fa\")".to_string(),
            };
            Value::from_safe_string(raw)
        });
        env.add_template("report.typ", include_str!("../templates/report.typ"))
            .expect("the PDF report template parses");
        env.add_template("portfolio.typ", include_str!("../templates/portfolio.typ"))
            .expect("the PDF portfolio template parses");
        env
    })
}

/// Typst's language and region for `lang` (line breaking, punctuation, hyphenation).
fn typst_lang(lang: Lang) -> (&'static str, &'static str) {
    match lang {
        Lang::ZhHant => ("zh", "tw"),
        Lang::ZhHans => ("zh", "cn"),
        Lang::En => ("en", "gb"),
    }
}

/// The fonts a PDF is set in: every face of the CJK font and of the layout font, with the family names to ask
/// for, CJK last so that Latin text takes the layout font's Latin glyphs when there is one.
pub struct Fonts {
    fonts: Vec<Font>,
    families: Vec<String>,
}

impl Fonts {
    /// Finds the fonts as the charts do: `explicit` (the workspace's `font`) else the system locations.
    pub fn find(explicit: Option<&Path>) -> Result<Fonts, ReportError> {
        let dirs = chuxin_chart::font::system_font_dirs();
        let cjk = chuxin_chart::font::find_cjk_font(explicit, &dirs).map_err(|e| ReportError::Pdf(e.to_string()))?;
        let layout = chuxin_chart::font::find_layout_font(None, &dirs).ok();
        let mut paths: Vec<PathBuf> = Vec::new();
        if let Some(l) = layout.filter(|l| !l.cjk && l.path != cjk.path) {
            paths.push(l.path);
        }
        paths.push(cjk.path);
        Fonts::from_files(&paths)
    }

    /// Loads every face of `paths`, in that order of preference.
    pub fn from_files(paths: &[PathBuf]) -> Result<Fonts, ReportError> {
        let mut fonts = Vec::new();
        let mut families: Vec<String> = Vec::new();
        for path in paths {
            let data = std::fs::read(path)
                .map_err(|e| ReportError::Pdf(format!("cannot read font `{}`: {e}", path.display())))?;
            for font in Font::iter(Bytes::new(data)) {
                let family = font.info().family.clone();
                if !families.contains(&family) {
                    families.push(family);
                }
                fonts.push(font);
            }
        }
        if fonts.is_empty() {
            return Err(ReportError::Pdf("no usable font face".into()));
        }
        Ok(Fonts { fonts, families })
    }

    fn family_list(&self) -> String {
        let names: Vec<String> = self.families.iter().map(|f| literal(f)).collect();
        format!("({},)", names.join(", "))
    }
}

/// The world one document is compiled in: one source, the charts, the fonts; no file system, no network,
/// no packages, and no clock (a document's dates are in its data).
struct DocWorld<'f> {
    library: LazyHash<Library>,
    book: LazyHash<FontBook>,
    fonts: &'f [Font],
    main: Source,
    files: HashMap<FileId, Bytes>,
}

impl<'f> DocWorld<'f> {
    fn new(source: String, files: Vec<(String, Vec<u8>)>, fonts: &'f Fonts) -> DocWorld<'f> {
        let main = Source::new(FileId::new(None, VirtualPath::new("/main.typ")), source);
        DocWorld {
            library: LazyHash::new(Library::default()),
            book: LazyHash::new(FontBook::from_fonts(&fonts.fonts)),
            fonts: &fonts.fonts,
            main,
            files: files
                .into_iter()
                .map(|(path, bytes)| (FileId::new(None, VirtualPath::new(&path)), Bytes::new(bytes)))
                .collect(),
        }
    }
}

impl World for DocWorld<'_> {
    fn library(&self) -> &LazyHash<Library> {
        &self.library
    }

    fn book(&self) -> &LazyHash<FontBook> {
        &self.book
    }

    fn main(&self) -> FileId {
        self.main.id()
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        if id == self.main.id() {
            Ok(self.main.clone())
        } else {
            Err(FileError::NotFound(id.vpath().as_rootless_path().into()))
        }
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        self.files
            .get(&id)
            .cloned()
            .ok_or_else(|| FileError::NotFound(id.vpath().as_rootless_path().into()))
    }

    fn font(&self, index: usize) -> Option<Font> {
        self.fonts.get(index).cloned()
    }

    fn today(&self, _offset: Option<i64>) -> Option<Datetime> {
        None
    }
}

fn diagnostics(what: &str, errors: &[SourceDiagnostic]) -> ReportError {
    let messages: Vec<String> = errors.iter().map(|d| d.message.to_string()).collect();
    ReportError::Pdf(format!(
        "cannot typeset the {what} (a bug in chuxin): {}",
        messages.join("; ")
    ))
}

fn compile(what: &str, source: String, files: Vec<(String, Vec<u8>)>, fonts: &Fonts) -> Result<Vec<u8>, ReportError> {
    let world = DocWorld::new(source, files, fonts);
    let document: PagedDocument = typst::compile(&world).output.map_err(|e| diagnostics(what, &e))?;
    typst_pdf::pdf(&document, &typst_pdf::PdfOptions::default()).map_err(|e| diagnostics(what, &e))
}

/// The Typst source of the client report (what [`report`] compiles; public for tests and for agencies who want
/// to restyle it with their own Typst).
pub fn report_source(r: &Report, fonts: &Fonts) -> Result<String, ReportError> {
    let (lang, region) = typst_lang(r.lang);
    let charts: Vec<Value> = r
        .charts
        .iter()
        .map(|c| {
            context! {
                group => c.group,
                title => c.title.clone(),
                path => c.svg.as_ref().map(|_| format!("/charts/{}.svg", c.id)),
            }
        })
        .collect();
    let t: BTreeMap<&str, &str> = words::all(r.lang);
    Ok(env().get_template("report.typ")?.render(context! {
        r => Value::from(Serde(r)),
        t => t,
        charts => charts,
        lang => lang,
        region => region,
        fonts => Value::from_safe_string(fonts.family_list()),
    })?)
}

/// The client report as a PDF.
pub fn report(r: &Report, fonts: &Fonts) -> Result<Vec<u8>, ReportError> {
    let files = r
        .charts
        .iter()
        .filter_map(|c| {
            let svg = c.svg.as_ref()?;
            Some((
                format!("/charts/{}.svg", c.id),
                crate::svg::standalone(svg).into_bytes(),
            ))
        })
        .collect();
    compile("report", report_source(r, fonts)?, files, fonts)
}

/// The Typst source of the portfolio.
pub fn portfolio_source(p: &Portfolio, fonts: &Fonts) -> Result<String, ReportError> {
    let (lang, region) = typst_lang(p.lang);
    let t: BTreeMap<&str, &str> = words::all(p.lang);
    Ok(env().get_template("portfolio.typ")?.render(context! {
        p => Value::from(Serde(p)),
        t => t,
        lang => lang,
        region => region,
        fonts => Value::from_safe_string(fonts.family_list()),
    })?)
}

/// The portfolio as a PDF.
pub fn portfolio(p: &Portfolio, fonts: &Fonts) -> Result<Vec<u8>, ReportError> {
    compile("portfolio", portfolio_source(p, fonts)?, Vec::new(), fonts)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_literal_holds_any_text_as_text() {
        assert_eq!(literal("蓮心"), "\"蓮心\"");
        assert_eq!(literal(r#"a"b\c"#), r#""a\"b\\c""#);
        assert_eq!(literal("x\ny"), "\"x\\ny\"");
        assert_eq!(literal("#panic() *b* $x$ <l> @r"), "\"#panic() *b* $x$ <l> @r\"");
        assert_eq!(literal("\u{7}"), "\"\\u{7}\"");
    }
}
