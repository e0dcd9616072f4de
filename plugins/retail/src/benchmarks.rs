//! Public reference rows for retail, FMCG and beauty.
//!
//! Every figure is taken from a public page listed in chuxin's domain reference (§4), with its address. Rates are
//! fractions (0.0014 is 0.14%).
//!
//! **What exists for this industry.** Rival IQ's 2025 report (2024 data) gives Instagram's median engagement rate
//! by followers per post for Health & Beauty: 0.14%, the lowest of its industries (Higher Ed is the highest, at
//! 2.10%). That is the only retail-related cell on file.
//!
//! **What does not.** There is no public retail, FMCG or beauty figure on file for Facebook, X or TikTok, for
//! posting frequency, or for response rate and time; and nothing for general retail or e-commerce on any
//! platform. For those the plugin ships Rival IQ's all-industry medians (`industry = "all"`) and says so in each
//! row's note, rather than invent an industry value.

use chuxin_plugin_api::ReferenceRow;
use chuxin_plugin_api::reference::{self, rival_iq_er};

/// Rival IQ 2025 report (2024 data), industry cells.
const RIVAL_IQ_2025: &str = "https://elma-europe.com/blog/2025-social-media-industry-benchmark-report";

/// The plugin's reference rows: the Health & Beauty cell, then the all-industry Rival IQ rows shared by every
/// plugin ([`reference`](mod@reference)).
pub fn rows() -> Vec<ReferenceRow> {
    let beauty = rival_iq_er(
        2025,
        "2024",
        "instagram",
        "health_beauty",
        0.0014,
        RIVAL_IQ_2025,
        "Health & Beauty is the lowest of the report's industries on Instagram (Higher Ed is highest, 2.10%)",
    );
    let mut rows = vec![beauty];
    rows.extend(reference::rival_iq_er_all_industries(
        "all industries: no public retail, FMCG or beauty figure for this platform",
    ));
    rows.extend(reference::rival_iq_posts_per_week());
    rows
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_row_is_sourced_and_a_fraction() {
        let problems = reference::problems(&rows());
        assert!(problems.is_empty(), "{problems:#?}");
        assert!(rows().iter().all(|r| r.url.starts_with("https://")));
    }

    #[test]
    fn the_beauty_cell_is_point_one_four_percent() {
        let rows = rows();
        let beauty: Vec<_> = rows.iter().filter(|r| r.industry == "health_beauty").collect();
        assert_eq!(beauty.len(), 1);
        assert_eq!((beauty[0].platform.as_str(), beauty[0].value), ("instagram", 0.0014));
    }
}
