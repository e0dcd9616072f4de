//! The files of a run: exports named as `FILE[:PROFILE]`, the client's `exports/` folder with its
//! `exports.toml`, mapping profiles, encodings and the window's dates, each checked before the engine starts.

use crate::error::{AppError, Result};
use chuxin_bench::civil::DateTime;
use chuxin_bench::decode;
use chuxin_bench::engine::{Kind, Source};
use chuxin_bench::profile::Profile;
use chuxin_bench::{ProfileError, ProfileProblem};
use chuxin_core::{Lang, msg};
use chuxin_store::Workspace;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::PathBuf;

/// One export named on the command line: `FILE` or `FILE:PROFILE`.
#[derive(Debug, Clone, PartialEq)]
pub struct FileSpec {
    /// The file.
    pub path: PathBuf,
    /// Its own mapping profile (a built-in name or a TOML file), overriding `--profile`.
    pub profile: Option<String>,
}

impl FileSpec {
    /// Parses `FILE` or `FILE:PROFILE`: the part after the last `:` is a profile when it names a built-in
    /// profile or a `.toml` file (so a path with a colon still works).
    pub fn parse(text: &str) -> FileSpec {
        if let Some((path, profile)) = text.rsplit_once(':')
            && !path.is_empty()
            && (Profile::builtin_names().contains(&profile) || profile.ends_with(".toml"))
        {
            return FileSpec {
                path: PathBuf::from(path),
                profile: Some(profile.to_string()),
            };
        }
        FileSpec {
            path: PathBuf::from(text),
            profile: None,
        }
    }
}

/// How exports are read, whatever the use case (a benchmark run, `aggregate`).
#[derive(Debug, Clone, Default)]
pub struct ReadOptions {
    /// The profile of files named without one: a built-in name or a profile file; automatic header
    /// recognition when absent.
    pub profile: Option<String>,
    /// Encoding of every file, overriding detection.
    pub encoding: Option<String>,
    /// Stop at the first bad row.
    pub strict: bool,
    /// Worker threads (at least one).
    pub threads: usize,
}

/// Opens every export for the engine, account-level files first, each with its own profile, else (post-level
/// files) the profile of `read`, else (account-level files) automatic recognition.
pub(crate) fn open_sources(
    posts: &[FileSpec],
    accounts: &[FileSpec],
    conversations: &[FileSpec],
    read: &ReadOptions,
    lang: Lang,
) -> Result<Vec<Source<'static>>> {
    let default_profile = load_profile(read.profile.as_deref(), lang)?;
    let mut sources = Vec::new();
    let files = accounts
        .iter()
        .map(|s| (s, Kind::Accounts))
        .chain(posts.iter().map(|s| (s, Kind::Posts)))
        .chain(conversations.iter().map(|s| (s, Kind::Conversations)));
    for (spec, kind) in files {
        // `--profile` is for the post exports; the other kinds name their own or are recognised by header.
        let profile = match &spec.profile {
            Some(p) => load_profile(Some(p), lang)?,
            None if kind != Kind::Posts => Profile::auto(),
            None => default_profile.clone(),
        };
        let name = spec.path.display().to_string();
        let file = std::fs::File::open(&spec.path).map_err(|source| AppError::File {
            action: "read",
            path: name.clone(),
            source,
        })?;
        sources.push(Source {
            name,
            reader: Box::new(file),
            profile,
            kind,
        });
    }
    Ok(sources)
}

/// A mapping profile named on the command line: a built-in name or a TOML file; automatic header recognition
/// when none is named. A bad profile is an invalid input, worded in `lang`.
pub fn load_profile(spec: Option<&str>, lang: Lang) -> Result<Profile> {
    let Some(spec) = spec else { return Ok(Profile::auto()) };
    let loaded = if Profile::builtin_names().contains(&spec) {
        Profile::builtin(spec).map_err(|e| profile_error(&e, lang))
    } else {
        match std::fs::read_to_string(spec) {
            Ok(text) => Profile::from_toml_str(&text).map_err(|e| {
                msg!(
                    lang,
                    "app.profile.in_file",
                    file = spec,
                    error = profile_error(&e, lang)
                )
            }),
            Err(e) => Err(msg!(
                lang,
                "app.profile.neither",
                spec = spec,
                known = Profile::builtin_names().join(", "),
                error = crate::io_cause(&e, lang)
            )),
        }
    };
    loaded.map_err(AppError::invalid)
}

/// What is wrong with a mapping profile, in `lang`.
fn profile_error(e: &ProfileError, lang: Lang) -> String {
    match e {
        // The TOML parser's own words: they quote the line at fault.
        ProfileError::Toml(error) => msg!(lang, "app.profile.toml", error = error),
        ProfileError::UnknownField { column, field, known } => {
            msg!(
                lang,
                "app.profile.unknown_field",
                column = column,
                field = field,
                known = known
            )
        }
        ProfileError::Invalid { key, reason } => {
            let reason = match reason {
                ProfileProblem::Empty => msg!(lang, "app.profile.empty"),
                ProfileProblem::NotOneCharacter(text) => msg!(lang, "app.profile.not_one_character", text = text),
                other => other.to_string(),
            };
            msg!(lang, "app.profile.invalid", key = key, reason = reason)
        }
        ProfileError::UnknownBuiltin { name, known } => {
            msg!(lang, "app.profile.unknown_builtin", name = name, known = known)
        }
        other => other.to_string(),
    }
}

/// The encoding named by `--encoding`, if any; an unknown name is a usage error.
pub fn parse_encoding(label: Option<&str>, lang: Lang) -> Result<Option<&'static decode::TextEncoding>> {
    label
        .map(|l| {
            decode::encoding_for_label(l).ok_or_else(|| {
                AppError::usage(msg!(
                    lang,
                    "app.bench.unknown_encoding",
                    name = l,
                    known = decode::ENCODING_NAMES
                ))
            })
        })
        .transpose()
}

/// A day given as `--since`/`--until` (named `flag` in the message), `YYYY-MM-DD`.
pub(crate) fn parse_day(text: Option<&str>, flag: &str, lang: Lang) -> Result<Option<DateTime>> {
    let Some(text) = text else { return Ok(None) };
    DateTime::parse(text, chuxin_bench::civil::DateOrder::Ymd)
        .map(Some)
        .ok_or_else(|| AppError::usage(msg!(lang, "app.bench.not_a_day", flag = flag, text = text)))
}

/// The name of the optional file in a client's `exports/` folder that says which profile reads which export.
pub const EXPORTS_MAPPING: &str = "exports.toml";

/// `exports/exports.toml`: which mapping profile reads each export in the folder.
///
/// ```toml
/// [profiles]
/// "page-insights-2024.csv" = "uci-facebook-metrics"   # a built-in profile
/// "rivals.csv" = "rivals-profile.toml"                # a profile file, relative to this folder
/// ```
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct ExportsMapping {
    #[serde(default)]
    profiles: BTreeMap<String, String>,
}

/// The client's exports as (post-level, account-level) files: the CSV files of `clients/<id>/exports/`, those
/// whose name contains `account` being account-level, each with the profile `exports/exports.toml` names for
/// it (a file named there but missing is an error, so a typo never silently falls back to header names). Its
/// errors are worded in `lang`, with the file and line as they are.
pub fn client_exports(ws: &Workspace, client: &str, lang: Lang) -> Result<ClientExports> {
    let dir = ws.exports_dir(client)?;
    let mapping_path = dir.join(EXPORTS_MAPPING);
    let mapping: ExportsMapping = match std::fs::read_to_string(&mapping_path) {
        Ok(text) => toml::from_str(&text).map_err(|e| {
            let line = e
                .span()
                .map_or(1, |s| text[..s.start.min(text.len())].matches('\n').count() + 1);
            AppError::invalid(msg!(
                lang,
                "exports.syntax",
                file = crate::shown(&mapping_path),
                line = line,
                detail = e.message().trim()
            ))
        })?,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => ExportsMapping::default(),
        Err(e) => return Err(AppError::io("read", &mapping_path)(e)),
    };
    let files = ws.exports(client)?;
    for name in mapping.profiles.keys() {
        if !files
            .iter()
            .any(|f| f.file_name().and_then(|n| n.to_str()) == Some(name.as_str()))
        {
            return Err(AppError::invalid(msg!(
                lang,
                "exports.no_such_file",
                file = crate::shown(&mapping_path),
                name = name,
                dir = crate::shown(&dir)
            )));
        }
    }
    let spec = |path: PathBuf| {
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default()
            .to_string();
        let profile = mapping.profiles.get(&name).map(|p| {
            if Profile::builtin_names().contains(&p.as_str()) {
                p.clone()
            } else {
                dir.join(p).display().to_string()
            }
        });
        FileSpec { path, profile }
    };
    let mut out = ClientExports::default();
    for f in files {
        let name = f
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default()
            .to_lowercase();
        let list = match ExportKind::of_name(&name) {
            ExportKind::Accounts => &mut out.accounts,
            ExportKind::Conversations => &mut out.conversations,
            ExportKind::Posts => &mut out.posts,
        };
        list.push(spec(f));
    }
    Ok(out)
}

/// The exports found in a client's folder, by kind.
#[derive(Debug, Default)]
pub struct ClientExports {
    /// Post-level exports.
    pub posts: Vec<FileSpec>,
    /// Account-level exports.
    pub accounts: Vec<FileSpec>,
    /// Conversation exports.
    pub conversations: Vec<FileSpec>,
}

/// The kind of an export in a client's folder, told by its file name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportKind {
    /// One row a post: every file not named otherwise.
    Posts,
    /// One row an account a date: a name containing `account`.
    Accounts,
    /// One row a message: a name containing `conversation`, `comment`, `mention`, `message`, or 評論, 评论,
    /// 留言, 提及, 私訊, 私信.
    Conversations,
}

impl ExportKind {
    /// The kind a lowercased file name says.
    pub fn of_name(name: &str) -> ExportKind {
        const CONVERSATION: [&str; 10] = [
            "conversation",
            "comment",
            "mention",
            "message",
            "評論",
            "评论",
            "留言",
            "提及",
            "私訊",
            "私信",
        ];
        if name.contains("account") {
            ExportKind::Accounts
        } else if CONVERSATION.iter().any(|w| name.contains(w)) {
            ExportKind::Conversations
        } else {
            ExportKind::Posts
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[track_caller]
    fn case(text: &str, path: &str, profile: Option<&str>) {
        assert_eq!(
            FileSpec::parse(text),
            FileSpec {
                path: PathBuf::from(path),
                profile: profile.map(str::to_string)
            }
        );
    }

    #[test]
    fn a_file_name_tells_its_kind() {
        assert_eq!(ExportKind::of_name("lotus_posts_2024.csv"), ExportKind::Posts);
        assert_eq!(ExportKind::of_name("lotus_accounts.csv"), ExportKind::Accounts);
        assert_eq!(ExportKind::of_name("lotus_comments.csv"), ExportKind::Conversations);
        assert_eq!(ExportKind::of_name("微博评论导出.csv"), ExportKind::Conversations);
        assert_eq!(ExportKind::of_name("dcard_提及.csv"), ExportKind::Conversations);
    }

    #[test]
    fn a_file_may_name_its_profile_after_the_last_colon() {
        case("posts.csv", "posts.csv", None);
        case(
            "posts.csv:uci-facebook-metrics",
            "posts.csv",
            Some("uci-facebook-metrics"),
        );
        case("posts.csv:mine.toml", "posts.csv", Some("mine.toml"));
        // A colon that names no profile is part of the path.
        case("C:posts.csv", "C:posts.csv", None);
        case("a:b.csv", "a:b.csv", None);
    }
}
