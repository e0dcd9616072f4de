//! The date of today, in the agency's time zone: the one place chuxin reads the clock.
//!
//! Audits and benchmark runs are named after the day they start, and runs are matched to audits by those names,
//! so the day must be the agency's: before 08:00 in UTC+8 the UTC date is still yesterday's. The zone is the workspace's (`timezone` in `chuxin.toml`, set at `init`), else the machine's.

use crate::error::{AppError, Result};
use chuxin_store::Workspace;
use jiff::tz::TimeZone;

/// The time zone named `name` (IANA, e.g. `Asia/Taipei`), or why not.
pub fn time_zone_named(name: &str) -> Result<TimeZone, String> {
    TimeZone::get(name).map_err(|_| {
        format!("`{name}` is not a time zone name (for example Asia/Taipei, Asia/Hong_Kong, Asia/Shanghai)")
    })
}

/// The IANA name of the machine's time zone (`UTC` when it has none): what `init` records by default.
pub fn machine_zone_name() -> String {
    TimeZone::system().iana_name().unwrap_or("UTC").to_string()
}

/// The workspace's time zone (`timezone` in `chuxin.toml`), else the machine's (workspaces made before the
/// setting existed).
pub fn time_zone(ws: Option<&Workspace>) -> Result<TimeZone> {
    match ws.and_then(|w| w.config().timezone.as_deref()) {
        Some(name) => time_zone_named(name).map_err(|e| {
            let file = ws
                .map(|w| crate::shown(&w.root().join(chuxin_store::CONFIG_FILE)))
                .unwrap_or_default();
            AppError::invalid(format!("{file}: timezone: {e}"))
        }),
        None => Ok(TimeZone::system()),
    }
}

/// The date, `YYYY-MM-DD`, of the instant `now` in the time zone `tz`.
pub fn date_at(now: jiff::Timestamp, tz: &TimeZone) -> String {
    now.to_zoned(tz.clone()).date().to_string()
}

/// Today's date, `YYYY-MM-DD`, in the workspace's time zone. `CHUXIN_TODAY` overrides it (for reproducible
/// runs and tests).
pub fn today(ws: Option<&Workspace>) -> Result<String> {
    if let Ok(d) = std::env::var("CHUXIN_TODAY")
        && !d.trim().is_empty()
    {
        return Ok(d.trim().to_string());
    }
    Ok(date_at(jiff::Timestamp::now(), &time_zone(ws)?))
}

/// The years a row may be dated in: 2000 (before any of the platforms chuxin knows had brand pages) to the year
/// after `today` (`YYYY-MM-DD`), so that a mistyped year is reported instead of stretching the data period.
pub fn accepted_years(today: &str) -> std::ops::RangeInclusive<i32> {
    let year = jiff::civil::Date::strptime("%Y-%m-%d", today).map_or(2100, |d| i32::from(d.year()));
    2000..=year + 1
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn today_is_the_date_where_the_agency_is() {
        // 2026-12-01 23:30 UTC is already 2026-12-02 07:30 in Taipei, and still 2026-12-01 in UTC and in
        // New York (18:30, UTC−5 in December).
        let now: jiff::Timestamp = "2026-12-01T23:30:00Z".parse().unwrap();
        assert_eq!(date_at(now, &time_zone_named("Asia/Taipei").unwrap()), "2026-12-02");
        assert_eq!(date_at(now, &TimeZone::UTC), "2026-12-01");
        assert_eq!(
            date_at(now, &time_zone_named("America/New_York").unwrap()),
            "2026-12-01"
        );
        assert!(time_zone_named("Asia/Taipe").is_err());
    }

    #[test]
    fn rows_may_be_dated_up_to_the_year_after_today() {
        assert_eq!(accepted_years("2026-11-26"), 2000..=2027);
        assert_eq!(accepted_years("not a date"), 2000..=2101);
    }
}
