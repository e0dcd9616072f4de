//! How text fits a spreadsheet, for every workbook chuxin writes (the questionnaire here, the report and the
//! portfolio in `chuxin-report`): a sheet name Excel accepts, how wide a text shows, how many lines it wraps to
//! in a column, and how tall a row of those lines must be.
//!
//! The measures are LibreOffice's rendering of the default font (Calibri 11 or its substitute): a Latin letter is
//! about 0.85 of a width unit (the width of a digit), a CJK character twice that, 1.7. Spreadsheets do not grow
//! a row to its wrapped text when they open a file (LibreOffice keeps the default height), so a writer sets the
//! height of every row it wraps text in.

/// How wide `text` shows, in column width units (digits of the default font): its longest line, a CJK character
/// counting twice a Latin one.
pub fn text_width(text: &str) -> f64 {
    text.split('\n').map(line_width).fold(0.0, f64::max)
}

fn line_width(line: &str) -> f64 {
    line.chars().map(|c| if c.is_ascii() { 0.85 } else { 1.7 }).sum()
}

/// The lines `text` takes wrapped in a cell `width` units wide.
pub fn wrapped_lines(text: &str, width: f64) -> f64 {
    text.split('\n')
        .map(|p| (line_width(p) / (width - 1.0)).ceil().max(1.0))
        .sum()
}

/// The height in points of a row of `lines` lines of the default font.
pub fn height(lines: f64) -> f64 {
    lines * 14.5 + 4.0
}

/// A sheet name Excel accepts, unique among `taken` (case-insensitively): `: ` becomes ` - `, the characters
/// Excel refuses (`[]:*?/\` and the quote) spaces, runs of spaces one, and the name at most 28 characters (31
/// with a ` 2` to make it unique); `Sheet` when nothing is left.
pub fn sheet_name(title: &str, taken: &[String]) -> String {
    let cleaned: String = title
        .replace(": ", " - ")
        .chars()
        .map(|c| {
            if matches!(c, '[' | ']' | ':' | '*' | '?' | '/' | '\\' | '\'') {
                ' '
            } else {
                c
            }
        })
        .collect();
    let cleaned = cleaned.split_whitespace().collect::<Vec<_>>().join(" ");
    let base = if cleaned.is_empty() {
        "Sheet".to_string()
    } else {
        cleaned
    };
    let cut = |max: usize| base.chars().take(max).collect::<String>().trim_end().to_string();
    let mut name = cut(31);
    let mut n = 2;
    while taken.iter().any(|t| t.eq_ignore_ascii_case(&name)) {
        let suffix = format!(" {n}");
        name = format!("{}{suffix}", cut(31 - suffix.len()));
        n += 1;
    }
    name
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sheet_names_are_safe_and_unique() {
        let taken = vec!["Env".to_string()];
        assert_eq!(sheet_name("env", &taken), "env 2");
        assert_eq!(sheet_name("a/b: c?", &[]), "a b - c");
        assert_eq!(sheet_name("Diagnosis: the sins", &[]), "Diagnosis - the sins");
        assert_eq!(sheet_name(&"長".repeat(40), &[]).chars().count(), 31);
        let long = "Change since the previous audit";
        assert_eq!(sheet_name(long, &[]), long, "31 characters fit");
        assert_eq!(sheet_name(long, &[long.to_string()]), "Change since the previous aud 2");
        assert_eq!(sheet_name("[]", &[]), "Sheet");
    }

    #[test]
    fn chinese_counts_twice_latin() {
        assert!((text_width("Reply") - 4.25).abs() < 1e-9);
        assert!((text_width("回覆率") - 5.1).abs() < 1e-9);
        assert!((text_width("ER 回覆\nlonger line") - 11.0 * 0.85).abs() < 1e-9);
        // 49 usable units: 40 CJK characters (68) take 2 lines, a short line one more.
        assert_eq!(wrapped_lines(&format!("{}\nshort", "字".repeat(40)), 50.0), 3.0);
        assert_eq!(height(2.0), 33.0);
    }
}
