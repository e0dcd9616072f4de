//! Public reference rows for financial services.
//!
//! Every figure is taken from a public page listed in chuxin's domain reference (§4 and §5), with its address.
//! Rates are fractions (0.0006 is 0.06%); response times are hours.
//!
//! **What does not exist.** No public benchmark specific to banking, insurance, securities or financial services
//! in general is on file: no engagement rate on any platform, no posting frequency, no response rate or reply
//! time. The plugin therefore ships **all-industry rows only** (`industry = "all"`): Rival IQ's medians and the
//! Sprout Social Index's response figures, each with a note saying so. It never estimates a finance value; an
//! agency with a licensed finance benchmark can load it as its own reference table.

use chuxin_plugin_api::ReferenceRow;
use chuxin_plugin_api::reference;

/// The plugin's reference rows: the all-industry Rival IQ rows and Sprout Social Index response figures shared by
/// every plugin ([`reference`](mod@reference)).
pub fn rows() -> Vec<ReferenceRow> {
    let mut rows =
        reference::rival_iq_er_all_industries("all industries: no public financial-services figure exists on file");
    rows.extend(reference::rival_iq_posts_per_week());
    rows.extend(reference::sprout_index_response());
    rows
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_row_is_sourced_and_rates_are_fractions() {
        let problems = reference::problems(&rows());
        assert!(problems.is_empty(), "{problems:#?}");
        // Beyond the shared check: every row of this plugin is on https and carries a note.
        assert!(rows().iter().all(|r| r.url.starts_with("https://") && r.note.is_some()));
    }

    #[test]
    fn every_row_is_an_all_industry_row() {
        assert!(rows().iter().all(|r| r.industry == "all"));
    }
}
