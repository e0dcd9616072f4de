//! Text cells of the CSV files chuxin writes, made safe to open in a spreadsheet.
//!
//! A cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return is read as a formula by Excel,
//! LibreOffice and WPS (`=HYPERLINK(…)` in a brand name would run when the agency opens the file). Following
//! OWASP's rule for CSV injection, such a text cell gets a leading `'`, which the spreadsheet shows as text.
//! Only text that came from users or exports (brand, platform, client names …) goes through here; numbers chuxin
//! formats itself are written as they are, so `-0.13` stays a number.

use std::borrow::Cow;

/// `text`, with a leading `'` when a spreadsheet would read it as a formula.
pub fn csv_text(text: &str) -> Cow<'_, str> {
    match text.as_bytes().first() {
        Some(b'=' | b'+' | b'-' | b'@' | b'\t' | b'\r') => Cow::Owned(format!("'{text}")),
        _ => Cow::Borrowed(text),
    }
}

#[cfg(test)]
mod tests {
    use super::csv_text;

    #[test]
    fn formulas_become_text_and_names_stay_as_they_are() {
        for (input, want) in [
            ("=1+2", "'=1+2"),
            ("+886 2 1234", "'+886 2 1234"),
            ("-5 Store", "'-5 Store"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("\t=cmd", "'\t=cmd"),
            ("蓮心茶飲", "蓮心茶飲"),
            ("Acme = best", "Acme = best"),
            ("", ""),
        ] {
            assert_eq!(csv_text(input), want, "{input:?}");
        }
    }
}
