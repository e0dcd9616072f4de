//! The questionnaire in the terminal (`chuxin answer`), less the terminal: which audit to continue (or a new one
//! dated today), the questions in order with their section, and where to start.
//!
//! The audit is saved after every answer with the position, so that an interrupted session resumes at the
//! question where it stopped.

use crate::error::{AppError, ErrorKind, Result};
use crate::session::Session;
use chuxin_core::{Catalog, Lang, Question};
use chuxin_store::{Audit, Client, Workspace};

/// A questionnaire session: the client, its catalog and the audit being answered.
pub struct Questionnaire {
    /// The client.
    pub client: Client,
    /// The client's catalog.
    pub catalog: Catalog,
    /// The audit being answered (its latest, or a new one).
    pub audit: Audit,
}

/// Where the questionnaire starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Start {
    /// At this question (an index into [`items`]).
    At(usize),
    /// Every question is answered: nothing to ask.
    Done,
}

impl Questionnaire {
    /// Opens the questionnaire of `client`: the latest audit, or a new one dated today when `new` or when there
    /// is none.
    pub fn open(s: &Session, ws: &Workspace, client: &str, new: bool) -> Result<Questionnaire> {
        let client = ws.client(client)?;
        let catalog = s.catalog_for(ws, &client)?;
        let latest = if new { None } else { ws.latest_audit(&client.id)? };
        let audit = match latest {
            Some(a) => a,
            None => {
                let date = crate::clock::today(Some(ws))?;
                let mut a = Audit::new(ws.next_audit_id(&client.id, &date)?, date);
                a.set_packs(catalog.packs().iter().map(|p| p.id.clone()).collect());
                a
            }
        };
        Ok(Questionnaire { client, catalog, audit })
    }

    /// Where to start: at question `from` when given, else where the last session stopped, else at the first
    /// open question.
    pub fn start(&self, from: Option<&str>) -> Result<Start> {
        let items = items(&self.catalog, Lang::default());
        if let Some(id) = from {
            return items
                .iter()
                .position(|(_, q)| q.id == id)
                .map(Start::At)
                .ok_or_else(|| AppError::new(ErrorKind::NotFound, format!("unknown question id `{id}`")));
        }
        if let Some(p) = self.audit.position.filter(|p| *p < items.len()) {
            return Ok(Start::At(p));
        }
        Ok(items
            .iter()
            .position(|(_, q)| !self.audit.answers.is_answered(&q.id))
            .map_or(Start::Done, Start::At))
    }
}

/// Every question of `catalog` in order, with its section's title in `lang`.
pub fn items(catalog: &Catalog, lang: Lang) -> Vec<(String, &Question)> {
    catalog
        .sections()
        .flat_map(|(_, s)| s.questions.iter().map(move |q| (s.title.get(lang).to_string(), q)))
        .collect()
}

/// Saves `audit` of `client` atomically with the position reached.
pub fn save(ws: &Workspace, client: &str, audit: &mut Audit, position: usize) -> Result<()> {
    audit.position = Some(position);
    ws.save_audit(client, audit)?;
    Ok(())
}
