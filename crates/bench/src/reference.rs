//! Which reference rows apply to a client: the rule that keeps a published figure about another market's platforms
//! or population from being shown beside a client's figures, and the record of the rows it left out.
//!
//! A row **applies** when both hold:
//!
//! 1. **its platform** is `all`, one of the channels of the client's market, or a platform the client itself posts
//!    on in the run (so a mainland client's own Facebook page still meets Facebook's figures);
//! 2. **its region** is the client's market or `global`.
//!
//! A row that fails the platform test is left out for its platform ([`LeftOutReason::Platform`]), whatever its
//! region; one that passes it but describes another population for its region ([`LeftOutReason::Region`]), or
//! states none ([`LeftOutReason::RegionUnstated`]: a plugin built before protocol 3). Nothing is dropped silently:
//! the run keeps every left-out row with its reason ([`crate::BenchRun::references_left_out`]).

use crate::compare::ReferenceRow;
use crate::field::normalise_platform;
use serde::{Deserialize, Serialize};

/// The region of a figure published for no particular market.
pub const GLOBAL: &str = "global";

/// Who the rows are chosen for: the client's market and the platforms it posts on.
#[derive(Debug, Clone, Copy)]
pub struct Audience<'a> {
    /// The client's market id (`tw`, `hk`, `cn`, `global`).
    pub market: &'a str,
    /// The market's channels, as platform ids.
    pub channels: &'a [String],
    /// The platforms the client posts on in the run, as platform ids.
    pub platforms: &'a [String],
}

/// Why a row does not apply.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LeftOutReason {
    /// Its platform is neither a channel of the client's market nor one the client posts on.
    Platform,
    /// It describes another population than the client's market (`us` for a Taiwan client).
    Region,
    /// Its plugin does not say which population it describes.
    RegionUnstated,
}

/// A reference row left out of a client's comparison, with the reason.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LeftOutReference {
    /// Why.
    pub reason: LeftOutReason,
    /// The row as the plugin gave it.
    pub row: ReferenceRow,
}

/// Whether `row` applies to `audience`; the reason when it does not.
pub fn applies(row: &ReferenceRow, audience: &Audience<'_>) -> Result<(), LeftOutReason> {
    let platform = normalise_platform(&row.platform);
    let known = |ids: &[String]| ids.iter().any(|p| normalise_platform(p) == platform);
    if platform != "all" && !known(audience.channels) && !known(audience.platforms) {
        return Err(LeftOutReason::Platform);
    }
    match row.region.as_deref().map(|r| r.trim().to_lowercase()) {
        None => Err(LeftOutReason::RegionUnstated),
        Some(r) if r == GLOBAL || r == audience.market.trim().to_lowercase() => Ok(()),
        Some(_) => Err(LeftOutReason::Region),
    }
}

/// Splits `rows` into those that apply to `audience` (in their order) and those left out, each with its reason.
pub fn select(rows: Vec<ReferenceRow>, audience: &Audience<'_>) -> (Vec<ReferenceRow>, Vec<LeftOutReference>) {
    let mut kept = Vec::new();
    let mut left_out = Vec::new();
    for row in rows {
        match applies(&row, audience) {
            Ok(()) => kept.push(row),
            Err(reason) => left_out.push(LeftOutReference { reason, row }),
        }
    }
    (kept, left_out)
}

/// How many rows were left out for each reason, in the order of [`LeftOutReason`], reasons with none omitted.
pub fn counts(left_out: &[LeftOutReference]) -> Vec<(LeftOutReason, usize)> {
    let mut out: Vec<(LeftOutReason, usize)> = Vec::new();
    for reason in [
        LeftOutReason::Platform,
        LeftOutReason::Region,
        LeftOutReason::RegionUnstated,
    ] {
        let n = left_out.iter().filter(|l| l.reason == reason).count();
        if n > 0 {
            out.push((reason, n));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(platform: &str, region: Option<&str>) -> ReferenceRow {
        ReferenceRow {
            source: "Rival IQ".into(),
            report_year: 2023,
            data_year: Some("2022".into()),
            platform: platform.into(),
            region: region.map(Into::into),
            industry: "all".into(),
            metric: "er_followers_per_post".into(),
            actions: "likes + comments".into(),
            denominator: "followers".into(),
            statistic: "median".into(),
            value: 0.0006,
            sample_size: None,
            url: "https://example.invalid".into(),
            note: None,
        }
    }

    fn ids(xs: &[&str]) -> Vec<String> {
        xs.iter().map(|s| s.to_string()).collect()
    }

    /// Worked by hand from the rule: a mainland client (channels Weibo, WeChat, Douyin) posting on Weibo only.
    #[test]
    fn a_mainland_client_gets_no_facebook_or_x_figures_and_no_other_population() {
        let channels = ids(&["weibo", "wechat", "douyin"]);
        let platforms = ids(&["weibo"]);
        let cn = Audience {
            market: "cn",
            channels: &channels,
            platforms: &platforms,
        };
        // Facebook and X: not mainland channels, not in its data.
        assert_eq!(
            applies(&row("facebook", Some("global")), &cn),
            Err(LeftOutReason::Platform)
        );
        assert_eq!(applies(&row("X", Some("global")), &cn), Err(LeftOutReason::Platform));
        // The platform test comes first: a US Facebook figure is out for its platform.
        assert_eq!(applies(&row("facebook", Some("us")), &cn), Err(LeftOutReason::Platform));
        // Douyin is a channel of the market even though the client does not post there.
        assert_eq!(applies(&row("douyin", Some("global")), &cn), Ok(()));
        assert_eq!(applies(&row("douyin", Some("CN")), &cn), Ok(()));
        assert_eq!(applies(&row("weibo", Some("tw")), &cn), Err(LeftOutReason::Region));
        assert_eq!(applies(&row("weibo", None), &cn), Err(LeftOutReason::RegionUnstated));
        // An all-platform figure (Sprout's response rate) passes the platform test everywhere.
        assert_eq!(applies(&row("all", Some("global")), &cn), Ok(()));
        assert_eq!(applies(&row("all", Some("us")), &cn), Err(LeftOutReason::Region));
    }

    /// A platform in the client's own data applies even outside its market's channels, and names are normalised.
    #[test]
    fn the_client_s_own_platforms_count_as_well_as_the_market_s_channels() {
        let channels = ids(&["weibo", "wechat"]);
        let platforms = ids(&["weibo", "Facebook"]);
        let cn = Audience {
            market: "cn",
            channels: &channels,
            platforms: &platforms,
        };
        assert_eq!(applies(&row("facebook", Some("global")), &cn), Ok(()));
        assert_eq!(applies(&row("FB", Some("global")), &cn), Ok(()));
        assert_eq!(
            applies(&row("instagram", Some("global")), &cn),
            Err(LeftOutReason::Platform)
        );
    }

    /// A Taiwan client on Facebook: global and Taiwan figures apply, the US one does not; split and counted.
    #[test]
    fn a_taiwan_client_keeps_global_and_taiwan_rows_and_the_rest_are_counted_by_reason() {
        let channels = ids(&["facebook", "instagram", "line"]);
        let platforms = ids(&["facebook"]);
        let tw = Audience {
            market: "tw",
            channels: &channels,
            platforms: &platforms,
        };
        let rows = vec![
            row("facebook", Some("global")), // applies
            row("tiktok", Some("global")),   // platform
            row("facebook", Some("us")),     // region
            row("instagram", Some("tw")),    // applies
            row("x", None),                  // platform
            row("line", None),               // region unstated
        ];
        let (kept, left_out) = select(rows, &tw);
        let kept: Vec<(&str, Option<&str>)> = kept
            .iter()
            .map(|r| (r.platform.as_str(), r.region.as_deref()))
            .collect();
        assert_eq!(kept, [("facebook", Some("global")), ("instagram", Some("tw"))]);
        let out: Vec<(&str, LeftOutReason)> = left_out.iter().map(|l| (l.row.platform.as_str(), l.reason)).collect();
        assert_eq!(
            out,
            [
                ("tiktok", LeftOutReason::Platform),
                ("facebook", LeftOutReason::Region),
                ("x", LeftOutReason::Platform),
                ("line", LeftOutReason::RegionUnstated),
            ]
        );
        assert_eq!(
            counts(&left_out),
            [
                (LeftOutReason::Platform, 2),
                (LeftOutReason::Region, 1),
                (LeftOutReason::RegionUnstated, 1)
            ]
        );
        assert!(counts(&[]).is_empty());
    }

    /// A client of the global market gets global figures only.
    #[test]
    fn a_global_client_gets_global_figures_only() {
        let channels = ids(&["facebook", "x"]);
        let global = Audience {
            market: "global",
            channels: &channels,
            platforms: &[],
        };
        assert_eq!(applies(&row("x", Some("global")), &global), Ok(()));
        assert_eq!(applies(&row("x", Some("us")), &global), Err(LeftOutReason::Region));
    }
}
