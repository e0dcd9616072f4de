//! `aggregate`'s groups as CSV: one row a brand × platform × month with the sums of likes, comments and shares
//! and every metric the data allows (UTF-8, no BOM: meant for further processing).
//!
//! Written after the engine's parallel pass, for tens of thousands of groups: contiguous runs of groups are
//! formatted on the run's threads and written in order; each number goes through one reused buffer, and each
//! group's metrics are read in one walk of its (sorted) values instead of a lookup a column.

use anyhow::Result;
use chuxin_bench::metrics::fold::{Acc, Fold, Mean};
use chuxin_bench::metrics::{GroupMetrics, METRICS};
use std::collections::HashMap;
use std::fmt::Write as _;
use std::io::Write;

/// Writes the month groups `groups` of `fold` as CSV, formatted on up to `threads` threads (contiguous runs of
/// groups, written in order).
pub fn csv(fold: &Fold, groups: &[&GroupMetrics], out: &mut dyn Write, threads: usize) -> Result<()> {
    let sums: HashMap<(&str, &str, &str), &Acc> = fold
        .groups
        .iter()
        .filter_map(|g| Some(((g.brand.as_str(), g.platform.as_str(), g.bucket.get(..7)?), &g.acc)))
        .collect();
    // The registry's metrics sorted by id, each with its column: a group's values (a map sorted by id) are then
    // matched to their columns in one merge.
    let mut by_id: Vec<(usize, &str)> = METRICS.iter().enumerate().map(|(i, m)| (i, m.id)).collect();
    by_id.sort_by_key(|&(_, id)| id);
    let mut w = csv::Writer::from_writer(&mut *out);
    let mut header = vec!["brand", "platform", "month", "likes", "comments", "shares"];
    header.extend(METRICS.iter().map(|m| m.id));
    w.write_record(&header)?;
    w.flush()?;
    drop(w);
    let (sums, by_id) = (&sums, &by_id);
    let per_part = groups.len().div_ceil(threads.max(1)).max(1);
    let parts: Vec<Result<Vec<u8>>> = std::thread::scope(|scope| {
        let handles: Vec<_> = groups
            .chunks(per_part)
            .map(|part| scope.spawn(move || rows(part, sums, by_id)))
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
            .collect()
    });
    for part in parts {
        out.write_all(&part?)?;
    }
    Ok(())
}

/// The CSV rows of `groups`, in order.
fn rows(
    groups: &[&GroupMetrics],
    sums: &HashMap<(&str, &str, &str), &Acc>,
    by_id: &[(usize, &str)],
) -> Result<Vec<u8>> {
    let mut w = csv::Writer::from_writer(Vec::with_capacity(groups.len() * 400));
    let mut cells: Vec<Option<f64>> = vec![None; METRICS.len()];
    let mut month = String::new();
    let mut number = String::new();
    let mut field = |w: &mut csv::Writer<Vec<u8>>, value: Option<f64>| -> Result<()> {
        number.clear();
        if let Some(v) = value {
            write!(number, "{v}")?;
        }
        w.write_field(&number)?;
        Ok(())
    };
    for g in groups {
        let platform = g.platform.as_deref().unwrap_or_default();
        month.clear();
        if let Some(p) = g.period {
            write!(month, "{p}")?;
        }
        let acc = sums.get(&(g.brand.as_str(), platform, month.as_str()));
        let sum = |f: fn(&Acc) -> &Mean| acc.map(|a| f(a)).filter(|m| m.n > 0).map(|m| m.sum);
        w.write_field(chuxin_report::csv_text(&g.brand).as_ref())?;
        w.write_field(chuxin_report::csv_text(platform).as_ref())?;
        w.write_field(&month)?;
        field(&mut w, sum(|a| &a.likes))?;
        field(&mut w, sum(|a| &a.comments))?;
        field(&mut w, sum(|a| &a.shares))?;
        cells.fill(None);
        let mut metrics = by_id.iter().peekable();
        for (id, &v) in &g.values {
            while metrics.next_if(|(_, m)| *m < id.as_ref()).is_some() {}
            if let Some(&&(column, m)) = metrics.peek()
                && m == id.as_ref()
            {
                cells[column] = Some(v);
            }
        }
        for &v in &cells {
            field(&mut w, v)?;
        }
        w.write_record(None::<&[u8]>)?;
    }
    w.into_inner().map_err(|e| anyhow::anyhow!("{}", e.error()))
}
