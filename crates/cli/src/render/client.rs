//! How a client is shown in the terminal: the list of clients and one client's record with its audits.

use chuxin_core::messages::Joined;
use chuxin_core::{Catalog, Lang, msg};
use chuxin_store::Client;
use std::io::Write;

/// The clients, one row each: id, name, industry, market (its name; `—` without one), latest audit.
pub fn list(lang: Lang, clients: &[(Client, String)], out: &mut dyn Write) -> std::io::Result<()> {
    let mut rows = vec![vec![
        msg!(lang, "cli.client.id"),
        msg!(lang, "cli.client.name"),
        msg!(lang, "cli.client.industry"),
        msg!(lang, "cli.client.market"),
        msg!(lang, "cli.client.latest_audit"),
    ]];
    for (c, latest) in clients {
        rows.push(vec![
            c.id.clone(),
            c.name.clone(),
            c.industry.clone().unwrap_or_else(|| "—".into()),
            match c.market {
                Some(_) => c.market().name.get(lang).to_string(),
                None => "—".into(),
            },
            latest.clone(),
        ]);
    }
    super::table(out, &rows)
}

/// One client: its record, its packs and each audit's answered and scored questions.
pub fn show(
    lang: Lang,
    c: &Client,
    catalog: &Catalog,
    audits: &[((usize, usize), String)],
    out: &mut dyn Write,
) -> std::io::Result<()> {
    let packs: Vec<&str> = catalog.packs().iter().map(|p| p.id.as_str()).collect();
    writeln!(out, "{}: {}", msg!(lang, "cli.client.id"), c.id)?;
    writeln!(out, "{}: {}", msg!(lang, "cli.client.name"), c.name)?;
    writeln!(out, "{}: {}", msg!(lang, "cli.client.brand"), c.brand())?;
    writeln!(
        out,
        "{}: {}",
        msg!(lang, "cli.client.industry"),
        c.industry.as_deref().unwrap_or("—")
    )?;
    // A client without a market is audited in the default one: say which, and that it is the default.
    let market = c.market();
    let name = market.name.get(lang);
    let shown = match c.market {
        Some(_) => name.to_string(),
        None => msg!(lang, "cli.client.market_default", name = name),
    };
    writeln!(out, "{}: {shown}", msg!(lang, "cli.client.market"))?;
    writeln!(out, "{}: {}", msg!(lang, "cli.client.channels"), Joined(&c.channels))?;
    writeln!(
        out,
        "{}: {}",
        msg!(lang, "cli.client.competitors"),
        Joined(&c.competitors)
    )?;
    writeln!(out, "{}: {}", msg!(lang, "cli.client.language"), lang)?;
    writeln!(out, "{}: {}", msg!(lang, "cli.client.packs"), Joined(&packs))?;
    for ((answered, scored), audit) in audits {
        let line = msg!(
            lang,
            "cli.client.audit_line",
            audit = audit,
            answered = answered,
            scored = scored
        );
        writeln!(out, "{line}")?;
    }
    Ok(())
}
