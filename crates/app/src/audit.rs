//! An audit session: a client's audit read against its catalog and scored with the figures of the benchmark run
//! that belongs with it — the sequence catalog → checked audit → facts → assessment that `score`, `report`,
//! `compare`, `bench --charts` and the demo share.
//!
//! A run belongs with an audit when it is the latest run before the client's next audit started (for the latest
//! audit: the latest run), so that an earlier audit is read with the data of its own time.

use crate::error::{AppError, ErrorKind, Result};
use crate::session::Session;
use chuxin_core::msg;
use chuxin_core::{Catalog, Lang, Scorecard, assess};
use chuxin_store::{Audit, BenchRun, Client, Workspace};
use std::rc::Rc;

/// An audit read against the client's catalog and scored.
pub struct ScoredAudit {
    /// The audit (answers to questions no loaded pack has left out).
    pub audit: Audit,
    /// The client's catalog.
    pub catalog: Catalog,
    /// The scores, maturity, coverage and sins.
    pub card: Scorecard,
    /// The benchmark run whose figures were the evidence: its id and the run.
    pub run: Option<(String, Rc<BenchRun>)>,
}

/// Opens a client's audit (the latest when `id` is `None`) and scores it with the figures of the run that
/// belongs with it, or of `run` when given (a run just made, under the id given with it).
pub fn open(
    s: &Session,
    ws: &Workspace,
    client: &Client,
    id: Option<&str>,
    run: Option<(String, Rc<BenchRun>)>,
) -> Result<ScoredAudit> {
    let catalog = s.catalog_for(ws, client)?;
    let audit = checked_audit(
        s,
        ws,
        &catalog,
        &client.id,
        &audit_id(ws, &client.id, id, s.client_lang(ws, client))?,
    )?;
    let run = match run {
        Some(run) => Some(run),
        None => run_for_audit(s, ws, &client.id, &audit.id)?,
    };
    let card = assess_with(&catalog, client, &audit.answers, run.as_ref().map(|(_, r)| &**r));
    Ok(ScoredAudit {
        audit,
        catalog,
        card,
        run,
    })
}

/// Scores `answers` of `client` with the facts of `run` (its benchmark figures, when there is one) and those of
/// its answers about channels ([`audience_facts`]): the one assessment `score`, `report` and `compare` make.
pub fn assess_with(
    catalog: &Catalog,
    client: &Client,
    answers: &chuxin_core::Answers,
    run: Option<&BenchRun>,
) -> Scorecard {
    let mut facts = run.map(|r| r.facts.clone()).unwrap_or_default();
    facts.extend(audience_facts(client, answers));
    assess(catalog, answers, &facts)
}

/// The facts the diagnosis reads from the market and the answers about channels:
/// `audience_channels_unserved`, how many of the channels the client says its audience uses
/// (`exe.audience_channels`, drawn from its market's channels) are neither among the channels it runs
/// (`exe.channels_run`) nor among its client record's channels (`client add --channel`, named as exports name
/// platforms: `微博`, `FB`, `LINE OA`…). Absent, never zero, when the audience question is unanswered or nothing
/// says which channels the client runs: missing answers are no evidence.
pub fn audience_facts(client: &Client, answers: &chuxin_core::Answers) -> chuxin_core::Facts {
    use chuxin_core::AnswerValue;
    use chuxin_core::market::{AUDIENCE_CHANNELS_UNSERVED, AUDIENCE_QUESTION, RUN_QUESTION, unserved_channels};
    let list = |q: &str| match answers.value(q) {
        Some(AnswerValue::List(ids)) => Some(ids.clone()),
        _ => None,
    };
    let mut facts = chuxin_core::Facts::new();
    let Some(audience) = list(AUDIENCE_QUESTION).filter(|a| !a.is_empty()) else {
        return facts;
    };
    let answered = list(RUN_QUESTION);
    if answered.is_none() && client.channels.is_empty() {
        return facts;
    }
    let mut runs = answered.unwrap_or_default();
    runs.extend(
        client
            .channels
            .iter()
            .map(|c| chuxin_bench::field::normalise_platform(c)),
    );
    let unserved = unserved_channels(&audience, &runs).len();
    facts.insert(AUDIENCE_CHANNELS_UNSERVED.to_string(), unserved as f64);
    facts
}

/// The audit id to use: `id` when given, else the client's latest; a client without audits is told how to start,
/// in `lang`.
pub fn audit_id(ws: &Workspace, client: &str, id: Option<&str>, lang: Lang) -> Result<String> {
    if let Some(id) = id {
        return Ok(id.to_string());
    }
    ws.audit_ids(client)?
        .pop()
        .ok_or_else(|| AppError::new(ErrorKind::NotFound, msg!(lang, "app.no_audit_yet", client = client)))
}

/// Loads an audit and checks its answers against the client's catalog; a bad answer names the audit file.
///
/// Answers to questions no loaded pack has (an industry plugin missing or broken) are kept on disk and left
/// out of the scores, with a warning naming them and the folders searched for plugins: the rest still scores.
pub fn checked_audit(s: &Session, ws: &Workspace, catalog: &Catalog, client: &str, id: &str) -> Result<Audit> {
    let mut audit = ws.audit(client, id)?;
    let path = ws.audit_path(client, id).map(|p| crate::shown(&p)).unwrap_or_default();
    let orphans: Vec<String> = audit
        .answers
        .0
        .keys()
        .filter(|q| catalog.question(q).is_none())
        .cloned()
        .collect();
    if !orphans.is_empty() {
        for q in &orphans {
            audit.answers.0.remove(q);
        }
        let searched: Vec<String> = s
            .plugin_search_path(Some(ws))
            .iter()
            .map(|p| crate::shown(&p.path))
            .collect();
        let listed: Vec<&str> = orphans.iter().take(5).map(String::as_str).collect();
        let more = if orphans.len() > 5 { ", …" } else { "" };
        s.observer().warning(&msg!(
            s.words_lang(Some(ws)),
            "app.answers_not_scored",
            path = path,
            count = orphans.len(),
            questions = format!("{}{more}", listed.join(", ")),
            searched = searched.join(", ")
        ));
    }
    catalog
        .check_answers(&mut audit.answers)
        .map_err(|e| AppError::invalid(format!("{path}: {e}")))?;
    Ok(audit)
}

/// The id of the benchmark run that belongs with an audit: the latest run before the client's next audit
/// started, or, for the latest audit, the latest run.
pub fn run_id_for(ws: &Workspace, client: &str, audit: &str) -> Result<Option<String>> {
    let runs = ws.bench_ids(client)?;
    let audits = ws.audit_ids(client)?;
    let next = audits.iter().position(|a| a == audit).and_then(|p| audits.get(p + 1));
    Ok(match next {
        Some(next) => {
            let cutoff = ws.audit(client, next)?.date;
            runs.into_iter().rfind(|b| b.as_str() < cutoff.as_str())
        }
        None => runs.into_iter().next_back(),
    })
}

/// The benchmark run that belongs with an audit (see [`run_id_for`]), if any: its id and the run.
pub fn run_for_audit(s: &Session, ws: &Workspace, client: &str, audit: &str) -> Result<Option<(String, Rc<BenchRun>)>> {
    match run_id_for(ws, client, audit)? {
        Some(id) => Ok(Some((id.clone(), s.run(ws, client, &id)?))),
        None => Ok(None),
    }
}

/// The latest run of a client, if any ([`Workspace::latest_bench`]), kept in the session for the rest of the
/// command. For a client whose runs this command has not read yet (the portfolio's clients without an audit).
pub fn latest_run(s: &Session, ws: &Workspace, client: &str) -> Result<Option<(String, Rc<BenchRun>)>> {
    match ws.latest_bench(client)? {
        Some((id, run)) => {
            let run = s.keep_run(ws.bench_path(client, &id)?, run);
            Ok(Some((id, run)))
        }
        None => Ok(None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::observer::Observer;
    use chuxin_store::Config;
    use std::sync::{Arc, Mutex};

    /// Keeps the warnings it is told.
    #[derive(Default)]
    struct Notes(Mutex<Vec<String>>);

    impl Observer for Notes {
        fn warning(&self, text: &str) {
            self.0.lock().unwrap().push(text.to_string());
        }
    }

    fn setup(dir: &std::path::Path) -> (Workspace, Client) {
        let config = Config {
            name: "A".into(),
            lang: Default::default(),
            plugin_dirs: vec![],
            font: None,
            timezone: Some("Asia/Taipei".into()),
        };
        let ws = Workspace::init(dir, config).unwrap();
        let client = Client {
            id: "c".into(),
            name: "C".into(),
            ..Client::default()
        };
        ws.add_client(&client).unwrap();
        (ws, client)
    }

    fn run_of(date: &str, fact: f64) -> BenchRun {
        let mut run = BenchRun::from_json(include_str!("../../store/tests/fixtures/bench-run-layout-1.json")).unwrap();
        run.date = date.into();
        run.warnings.clear();
        run.facts.insert("posts_per_week".into(), fact);
        run
    }

    #[test]
    fn every_market_channel_is_a_platform_the_benchmark_names_and_reports_show() {
        // Answers and exports must talk about the same platforms: each channel id is its own normalised name,
        // and a report can name it in every language.
        for market in &chuxin_core::markets().markets {
            for c in &market.channels {
                assert_eq!(
                    chuxin_bench::field::normalise_platform(&c.id),
                    c.id,
                    "{}: {}",
                    market.id,
                    c.id
                );
                for lang in chuxin_core::Lang::ALL {
                    let key = format!("platform.{}", c.id);
                    assert!(
                        chuxin_core::messages::Catalogue::builtin().get(lang, &key).is_some(),
                        "{key} {lang}"
                    );
                }
            }
        }
        // Names as exports and agencies write them reach the channel ids.
        for (name, id) in [
            ("LINE OA", "line"),
            ("連登", "lihkg"),
            ("大众点评", "dianping"),
            ("Google 地圖", "google_maps"),
        ] {
            assert_eq!(chuxin_bench::field::normalise_platform(name), id);
        }
    }

    #[test]
    fn the_audience_s_unserved_channels_count_those_neither_answered_nor_in_the_client_record() {
        let answers = |json: &str| -> chuxin_core::Answers { serde_json::from_str(json).unwrap() };
        let mut client = Client {
            id: "c".into(),
            name: "C".into(),
            channels: vec!["FB".into(), "LINE OA".into()],
            ..Client::default()
        };
        let fact = |client: &Client, a: &chuxin_core::Answers| {
            audience_facts(client, a).get("audience_channels_unserved").copied()
        };
        // Audience on Facebook, Instagram, Threads, Dcard; the record runs Facebook and LINE → 3 unserved.
        let audience =
            answers(r#"{"exe.audience_channels": {"value": ["facebook", "instagram", "threads", "dcard"]}}"#);
        assert_eq!(fact(&client, &audience), Some(3.0));
        // The answer about channels run adds to the record: Instagram too → 2.
        let both = answers(
            r#"{"exe.audience_channels": {"value": ["facebook", "instagram", "threads", "dcard"]},
                "exe.channels_run": {"value": ["instagram"]}}"#,
        );
        assert_eq!(fact(&client, &both), Some(2.0));
        // Without the audience answer, or with nothing saying what the client runs, there is no evidence.
        assert_eq!(
            fact(&client, &answers(r#"{"exe.channels_run": {"value": ["line"]}}"#)),
            None
        );
        client.channels.clear();
        assert_eq!(fact(&client, &audience), None);
        assert_eq!(fact(&client, &both), Some(3.0));
    }

    #[test]
    fn each_audit_is_read_with_the_run_of_its_own_time() {
        let dir = tempfile::tempdir().unwrap();
        let (ws, client) = setup(dir.path());
        for (id, date) in [("2026-03-01", "2026-03-01"), ("2026-06-01", "2026-06-01")] {
            ws.save_audit("c", &Audit::new(id, date)).unwrap();
        }
        for (date, fact) in [("2026-02-20", 1.0), ("2026-05-31", 2.0), ("2026-06-02", 3.0)] {
            ws.save_bench("c", date, &run_of(date, fact)).unwrap();
        }
        // The first audit gets the last run before the second audit started; the latest gets the latest run.
        assert_eq!(
            run_id_for(&ws, "c", "2026-03-01").unwrap().as_deref(),
            Some("2026-05-31")
        );
        assert_eq!(
            run_id_for(&ws, "c", "2026-06-01").unwrap().as_deref(),
            Some("2026-06-02")
        );
        let s = Session::new(Some(dir.path().into()), None, vec![], Arc::new(Notes::default()));
        let scored = open(&s, &ws, &client, Some("2026-03-01"), None).unwrap();
        let (id, run) = scored.run.unwrap();
        assert_eq!((id.as_str(), run.facts["posts_per_week"]), ("2026-05-31", 2.0));
    }

    #[test]
    fn a_stored_run_is_parsed_once_per_command() {
        let dir = tempfile::tempdir().unwrap();
        let (ws, _) = setup(dir.path());
        ws.save_bench("c", "2026-01-01", &run_of("2026-01-01", 1.0)).unwrap();
        let s = Session::new(Some(dir.path().into()), None, vec![], Arc::new(Notes::default()));
        let first = s.run(&ws, "c", "2026-01-01").unwrap();
        // Changed on disk after the first read: the session still holds the run it read.
        std::fs::write(ws.bench_path("c", "2026-01-01").unwrap(), "not json").unwrap();
        let second = s.run(&ws, "c", "2026-01-01").unwrap();
        assert!(Rc::ptr_eq(&first, &second));
        // A run saved by the session is the one it hands out afterwards, without reading it back.
        let (_, saved) = s.save_run(&ws, "c", "2026-01-02", run_of("2026-01-02", 5.0)).unwrap();
        let (id, latest) = run_for_audit(&s, &ws, "c", "none").unwrap().unwrap();
        assert_eq!(id, "2026-01-02");
        assert!(Rc::ptr_eq(&saved, &latest));
    }

    #[test]
    fn answers_to_questions_no_pack_has_are_left_out_with_a_warning() {
        let dir = tempfile::tempdir().unwrap();
        let (ws, client) = setup(dir.path());
        let path = ws.audit_path("c", "2026-01-01").unwrap();
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(
            &path,
            "date = \"2026-01-01\"\n[answers.\"env.interest\"]\nvalue = 4\n[answers.\"retail.gone\"]\nvalue = 2\n",
        )
        .unwrap();
        let notes = Arc::new(Notes::default());
        // The warning is worded in the session's language (the workspace's is zh-Hant).
        let s = Session::new(
            Some(dir.path().into()),
            Some(chuxin_core::Lang::En),
            vec![],
            notes.clone(),
        );
        let scored = open(&s, &ws, &client, None, None).unwrap();
        assert!(scored.audit.answers.is_answered("env.interest"));
        assert!(!scored.audit.answers.0.contains_key("retail.gone"));
        assert!(scored.run.is_none());
        let notes = notes.0.lock().unwrap();
        let orphan = notes.iter().find(|n| n.contains("not scored")).unwrap();
        assert!(
            orphan.contains("1 answer(s) not scored: their questions (retail.gone)"),
            "{orphan}"
        );
    }
}
