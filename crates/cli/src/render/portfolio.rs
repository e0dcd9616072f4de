//! The agency's portfolio as aligned text: the heatmap, the ranking, the common sins, each client's weakest
//! section and largest gap, and the warnings.

use super::{score, table};
use anyhow::Result;
use chuxin_core::Lang;
use chuxin_report::{Portfolio, words::word};
use std::io::Write;

/// The portfolio as aligned text.
pub fn text(p: &Portfolio, lang: Lang) -> Result<Vec<u8>> {
    let w = |key| word(lang, key);
    let mut out = Vec::new();
    writeln!(out, "{} · {}\n", w("heatmap"), p.agency)?;
    let mut rows = vec![
        std::iter::once(w("client").to_string())
            .chain(p.columns.iter().map(|c| c.id.clone()))
            .chain([
                w("overall").to_string(),
                w("maturity").to_string(),
                w("coverage").to_string(),
            ])
            .collect::<Vec<_>>(),
    ];
    for c in &p.clients {
        let mut row = vec![format!("{} ({})", c.name, c.id)];
        row.extend(c.cells.iter().map(|v| score(*v)));
        row.push(score(c.overall));
        row.push(c.maturity.map_or_else(|| "—".into(), |m| m.to_string()));
        row.push(match c.audit {
            Some(_) => format!("{:.0}%", c.coverage * 100.0),
            None => "—".into(),
        });
        rows.push(row);
    }
    table(&mut out, &rows)?;
    let legend: Vec<String> = p.columns.iter().map(|c| format!("{} = {}", c.id, c.title)).collect();
    writeln!(out, "{}\n", legend.join(" · "))?;
    writeln!(out, "{}", w("ranking"))?;
    let rows: Vec<Vec<String>> = p
        .ranking
        .iter()
        .map(|r| {
            let level = r.maturity.map_or_else(String::new, |m| {
                format!("{m} · {}", r.maturity_name.as_deref().unwrap_or_default())
            });
            vec![r.rank.to_string(), r.name.clone(), score(Some(r.overall)), level]
        })
        .collect();
    table(&mut out, &rows)?;
    writeln!(out, "\n{}", w("common_sins"))?;
    let audited = p.clients.iter().filter(|c| c.audit.is_some()).count();
    let rows: Vec<Vec<String>> = p
        .common_sins
        .iter()
        .map(|s| {
            let title = format!("{} {} [{}]", s.code, s.title, s.severity.name(lang));
            vec![format!("{}/{audited}", s.count), title, s.clients.join(", ")]
        })
        .collect();
    table(&mut out, &rows)?;
    writeln!(out, "\n{}", w("per_client"))?;
    let rows: Vec<Vec<String>> = p
        .clients
        .iter()
        .map(|c| {
            let weakest = c
                .weakest
                .as_ref()
                .map_or_else(|| "—".into(), |s| format!("{} {:.1}", s.title, s.score));
            let gap = c.largest_gap.as_ref().map_or_else(
                || "—".into(),
                |g| format!("{} ({} {:.0})", g.label, w("index"), g.index),
            );
            vec![c.id.clone(), weakest, gap]
        })
        .collect();
    table(&mut out, &rows)?;
    writeln!(out, "\n{}", w("warnings"))?;
    for warning in &p.warnings {
        writeln!(out, "- {}: {}", warning.client, warning.text)?;
    }
    Ok(out)
}
