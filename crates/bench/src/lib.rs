//! chuxin-bench: competitor benchmarking from CSV exports.
//!
//! This crate reads agencies' CSV exports, computes documented metrics by brand × platform × period,
//! compares a client with its competitors (and with industry reference rows passed in as data), and
//! derives the data facts the audit's diagnosis uses. It knows no terminal, no command line, no chart
//! and no plugin host (it shares the plugin protocol's records, `chuxin-plugin-api`, so that a reference row
//! or a plugin's result is one type everywhere): it reads from any [`std::io::Read`] and returns typed data and typed errors.
//!
//! | module | owns |
//! |---|---|
//! | [`decode`] | encoding (UTF-8 ± BOM, GB18030/GBK, UTF-16) and delimiter detection |
//! | [`cell`] | one cell: numbers (`1.2萬`, `10万+`, `12,345`, `5999.0`, `%`), flags, missing values |
//! | [`civil`] | dates as written, and week / month / quarter periods |
//! | [`field`] | the fields, their header names in three scripts, platform names |
//! | [`profile`] | TOML mapping profiles and the built-in ones for the real sample files |
//! | [`model`] | [`Post`] and [`AccountRow`] |
//! | [`engine`] | the one streaming engine: decode → split → map → validate → fold, on several threads |
//! | [`ingest`] | reading a small source into posts or account rows in memory, through the engine |
//! | [`metrics`] | the metric registry, the fold, and the groups by brand × platform × period |
//! | [`compare`] | client vs competitors: averages, medians, rank, percentile, index, reference rows |
//! | [`reference`] | which reference rows apply to a client (its market's platforms and population), and why not |
//! | [`conversation`] | matching brand replies with the customer messages they answer; response times |
//! | [`sentiment`] | the sentiment of a message by a small zh/en lexicon, when its export states none |
//! | [`evidence`] | the named data facts the diagnosis rules test |
//! | [`run`] | [`BenchRun`], the stored benchmark run, and its layout versions |
//!
//! ```
//! use chuxin_bench::{ingest, profile::Profile};
//! let csv = "品牌,平台,發布時間,點贊,評論,轉發\n蓮心茶飲,微博,2024-03-05 10:00,1.2萬,35,12\n";
//! let table = ingest::read_posts(csv.as_bytes(), "demo.csv", &Profile::auto(), &Default::default()).unwrap();
//! assert_eq!(table.posts[0].likes, Some(12_000.0));
//! ```

#![deny(missing_docs)]

pub mod cell;
pub mod civil;
pub mod compare;
pub mod conversation;
pub mod decode;
pub mod engine;
pub mod error;
pub mod evidence;
pub mod field;
pub mod ingest;
pub mod metrics;
pub mod model;
pub mod profile;
pub mod reference;
pub mod run;
pub mod sentiment;

pub use error::{IngestError, ProfileError, ProfileProblem, RowError, RowReason};
pub use model::{AccountRow, Post};
pub use run::BenchRun;
