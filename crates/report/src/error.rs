//! The errors of rendering. Building a report never fails; writing it can (a template bug, an XLSX limit).

use thiserror::Error;

/// What can go wrong rendering a document.
#[derive(Debug, Error)]
pub enum ReportError {
    /// The HTML template failed (a bug in chuxin, not in the data).
    #[error("cannot render the HTML template: {0}")]
    Template(#[from] minijinja::Error),
    /// The workbook could not be written.
    #[error("cannot write the workbook: {0}")]
    Xlsx(#[from] rust_xlsxwriter::XlsxError),
    /// JSON serialisation failed.
    #[error("cannot write JSON: {0}")]
    Json(#[from] serde_json::Error),
    /// The PDF could not be typeset: no CJK font, or a bug in the template.
    #[error("cannot write the PDF: {0}")]
    Pdf(String),
    /// CSV writing failed.
    #[error("cannot write CSV: {0}")]
    Csv(#[from] csv::Error),
}
