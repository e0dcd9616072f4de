//! # chuxin-core: the audit model
//!
//! chuxin audits a company's enterprise social media against the article 「為什么企業社會化媒體難做?要找回運營的
//! "初心"」: the key of operations is consumers' trust, so that they take part, create content and voice their
//! needs; the core goal is to care for people and content and bring them together. This crate holds that audit as
//! data and logic, and nothing else: it parses from `&str` and returns values, so it knows no files, terminals,
//! CSV, charts or plugins.
//!
//! | module | owns |
//! |---|---|
//! | [`lang`] | the three languages and localised [`Text`] |
//! | [`messages`] | the message catalogue: every user-facing word outside the packs, keyed, in the three languages |
//! | [`pack`] | question packs: parsing and validation of the TOML format |
//! | [`condition`] | the rule language of the diagnosis |
//! | [`answer`] | answer values and their checks |
//! | [`catalog`] | the packs used for one client, checked together |
//! | [`market`] | the markets (`tw`, `hk`, `cn`, `global`) and their channels, as data |
//! | [`client`] | the client record: name, industry, market, channels, competitors, brand |
//! | [`score`] | question, section and overall scores, coverage, maturity, the 初心 check |
//! | [`diagnosis`] | triggered sins and their evidence |
//!
//! ```
//! use chuxin_core::{Answers, Catalog, Facts, Pack, assess};
//! let src = r#"
//! id = "mini"
//! version = "1"
//! title = { zh-Hant = "小", zh-Hans = "小", en = "Mini" }
//! [[sections]]
//! id = "env"
//! title = { zh-Hant = "環境", zh-Hans = "环境", en = "Environment" }
//! [[sections.questions]]
//! id = "env.interest"
//! kind = "yes_no"
//! prompt = { zh-Hant = "有興趣嗎?", zh-Hans = "有兴趣吗?", en = "Interested?" }
//! rubric = { zh-Hant = "是為好", zh-Hans = "是为好", en = "Yes is good" }
//! "#;
//! let catalog = Catalog::new(vec![Pack::from_toml_str(src, "mini.toml")?])?;
//! let answers: Answers = serde_json::from_str(r#"{"env.interest": {"value": true}}"#).unwrap();
//! let card = assess(&catalog, &answers, &Facts::new());
//! assert_eq!(card.overall, Some(100.0));
//! # Ok::<(), chuxin_core::PackError>(())
//! ```
#![deny(missing_docs)]

pub mod answer;
pub mod catalog;
pub mod client;
pub mod condition;
pub mod diagnosis;
pub mod error;
pub mod lang;
pub mod market;
pub mod messages;
pub mod pack;
pub mod pack_problem;
pub mod score;

pub use answer::{Answer, AnswerValue, Answers};
pub use catalog::Catalog;
pub use client::Client;
pub use condition::{Condition, Evidence, Facts};
pub use diagnosis::Finding;
pub use error::{Allowed, AnswerError, Expected, PackError};
pub use lang::{Lang, Text};
pub use market::{Market, markets};
pub use pack::{AnswerKind, Pack, Question, Section, Sin};
pub use pack_problem::{IdKind, PackPlace, PackProblem};
pub use score::{MaturityCap, Scorecard, assess, question_score};

/// The built-in core pack: the article's 30 questions in five areas, the 初心 anchors and the ten sins.
pub const CORE_PACK: &str = include_str!("../../../data/packs/core.toml");

/// Parses the built-in core pack.
pub fn core_pack() -> Result<Pack, PackError> {
    Pack::from_toml_str(CORE_PACK, "data/packs/core.toml")
}
