//! `aggregate`'s groups as CSV: one row a brand × platform × month with the sums of likes, comments and shares
//! and every metric the data allows (UTF-8, no BOM: meant for further processing).

use anyhow::Result;
use chuxin_bench::metrics::fold::{Acc, Fold, Mean};
use chuxin_bench::metrics::{GroupMetrics, METRICS};
use std::collections::HashMap;
use std::io::Write;

/// Writes the month groups `groups` of `fold` as CSV.
pub fn csv(fold: &Fold, groups: &[&GroupMetrics], out: &mut dyn Write) -> Result<()> {
    let sums: HashMap<(&str, &str, String), &Acc> = fold
        .groups
        .iter()
        .map(|g| {
            (
                (g.brand.as_str(), g.platform.as_str(), g.bucket[..7].to_string()),
                &g.acc,
            )
        })
        .collect();
    let mut w = csv::Writer::from_writer(out);
    let mut header = vec!["brand", "platform", "month", "likes", "comments", "shares"];
    header.extend(METRICS.iter().map(|m| m.id));
    w.write_record(&header)?;
    for g in groups {
        let platform = g.platform.as_deref().unwrap_or_default();
        let month = g.period.map(|p| p.to_string()).unwrap_or_default();
        let acc = sums.get(&(g.brand.as_str(), platform, month.clone()));
        let sum = |f: fn(&Acc) -> &Mean| {
            acc.map(|a| f(a))
                .filter(|m| m.n > 0)
                .map_or(String::new(), |m| m.sum.to_string())
        };
        let mut row = vec![
            chuxin_report::csv_text(&g.brand).into_owned(),
            chuxin_report::csv_text(platform).into_owned(),
            month,
            sum(|a| &a.likes),
            sum(|a| &a.comments),
            sum(|a| &a.shares),
        ];
        row.extend(
            METRICS
                .iter()
                .map(|m| g.get(m.id).map_or(String::new(), |v| v.to_string())),
        );
        w.write_record(&row)?;
    }
    w.flush()?;
    Ok(())
}
