//! Public reference rows for food, beverage and restaurants.
//!
//! Every figure is taken from a public page listed in chuxin's domain reference (§4 and §5), with its address.
//! Rates are fractions (0.0014 is 0.14%); response times are hours.
//!
//! **What exists for this industry.** Rival IQ's 2019 report (2018 data) gives Facebook's median engagement rate
//! by followers per post for Alcohol: 0.14%, against 0.09% for all industries in the same report. Both are
//! shipped, so the industry cell can be read beside its own report's baseline.
//!
//! **What does not.** There is no public figure on file for restaurants, food or non-alcoholic beverages on any
//! platform, nor for Alcohol outside Facebook, nor any food-specific response rate or reply time. For those the
//! plugin ships all-industry rows (`industry = "all"`): Rival IQ's medians, and the Sprout Social Index's response
//! figures, which matter most to a service business. It never invents an industry value.

use chuxin_plugin_api::ReferenceRow;
use chuxin_plugin_api::reference::{self, rival_iq_er};

/// Rival IQ 2019 report (2018 data).
const RIVAL_IQ_2019: &str = "https://immediatefuture.co.uk/blog/social-media-industry-benchmarks-where-do-you-fit-in";

/// The plugin's reference rows: the Alcohol cell and its 2019 baseline, then the all-industry Rival IQ medians and
/// Sprout Social Index response figures shared by every plugin ([`reference`](mod@reference)).
pub fn rows() -> Vec<ReferenceRow> {
    let alcohol = rival_iq_er(
        2019,
        "2018",
        "facebook",
        "alcohol",
        0.0014,
        RIVAL_IQ_2019,
        "compare with the same report's all-industry median, 0.09%",
    );
    let baseline_2019 = rival_iq_er(
        2019,
        "2018",
        "facebook",
        "all",
        0.0009,
        RIVAL_IQ_2019,
        "all industries, the baseline of the Alcohol figure in the same report",
    );
    let mut rows = vec![alcohol, baseline_2019];
    rows.extend(reference::rival_iq_er_all_industries(
        "all industries: no public food, beverage or restaurant figure for this platform and year",
    ));
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
    fn the_alcohol_cell_comes_with_its_baseline() {
        let rows = rows();
        let report_2019: Vec<(&str, f64)> = rows
            .iter()
            .filter(|r| r.report_year == 2019)
            .map(|r| (r.industry.as_str(), r.value))
            .collect();
        assert_eq!(report_2019, [("alcohol", 0.0014), ("all", 0.0009)]);
    }
}
