//! The compared brands' posts and conversation messages, spilled as slim JSON to temporary files while the engine
//! streams, so that each plugin comparison gets one brand's records at a time and a run's memory does not grow
//! with the export.
//!
//! A record carries only the fields the plugins' comparisons name in their `needs` (a missing field reads as
//! empty on the plugin's side: `PostRecord` and `MessageRecord` default every field), in the plugin protocol's
//! field names. Messages are spilled in reading order to one file with their index, since a message's brand and
//! whether it was answered are known only once the engine has matched every reply; [`Spill::settle_messages`]
//! then writes each kept message, with its outcome, to its brand's file. A request carries a brand's messages
//! up to [`MAX_MESSAGE_BYTES`] of JSON, each text cut to [`MESSAGE_TEXT_CHARS`] characters; the messages beyond
//! are counted in `messages_left_out`.

use crate::error::{AppError, Result};
use chuxin_bench::Post;
use chuxin_bench::engine::{MessageOutcomes, MessageRow};
use chuxin_plugin_host::api::{MAX_MESSAGE_BYTES, MESSAGE_TEXT_CHARS, MessageRecord};
use serde::Serialize;
use std::collections::BTreeMap;
use std::io::Write as _;

/// One post as a plugin reads it, with only the fields its comparisons need (a missing field reads as
/// empty: `PostRecord` defaults every field).
#[derive(Serialize)]
struct SlimRecord<'a> {
    brand: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    platform: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    post_id: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    time: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    post_type: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    promotional: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    followers: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    impressions: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    reach: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    views: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    likes: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    comments: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    shares: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    saves: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    clicks: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    brand_replies: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    text: Option<&'a str>,
}

/// What the plugins' comparisons read (their `needs`): the `PostRecord` fields (`None`: every field, when a
/// comparison lists no need at all) and the `MessageRecord` fields (`message.FIELD` entries).
pub(crate) struct Needs {
    posts: Option<Vec<String>>,
    messages: Vec<String>,
}

impl Needs {
    /// The union of the comparisons' needs.
    pub(crate) fn of<'a>(lists: impl IntoIterator<Item = &'a [String]>) -> Needs {
        let mut posts = Some(Vec::new());
        let mut messages = Vec::new();
        for list in lists {
            if list.is_empty() {
                posts = None;
            }
            for need in list {
                match need.strip_prefix(MessageRecord::NEED_PREFIX) {
                    Some(field) => messages.push(field.to_string()),
                    None => posts.iter_mut().for_each(|p| p.push(need.clone())),
                }
            }
        }
        Needs { posts, messages }
    }

    /// Returns true if and only if a comparison with these `needs` reads posts: it names a post field, or
    /// nothing at all.
    pub(crate) fn wants_posts(needs: &[String]) -> bool {
        needs.is_empty() || needs.iter().any(|n| !n.starts_with(MessageRecord::NEED_PREFIX))
    }

    /// Returns true if and only if a comparison with these `needs` reads messages.
    pub(crate) fn wants_messages(needs: &[String]) -> bool {
        needs.iter().any(|n| n.starts_with(MessageRecord::NEED_PREFIX))
    }

    fn has(&self, field: &str) -> bool {
        self.posts.as_ref().is_none_or(|p| p.iter().any(|n| n == field))
    }

    fn has_message(&self, field: &str) -> bool {
        self.messages.iter().any(|n| n == field)
    }

    /// A message's fields that are known as the engine reads it, as JSON object members without braces.
    fn message_members(&self, m: &MessageRow) -> serde_json::Result<Vec<u8>> {
        let mut map = serde_json::Map::new();
        if self.has_message("platform") {
            map.insert("platform".into(), m.platform.clone().into());
        }
        if self.has_message("message_id") {
            map.insert("message_id".into(), m.message_id.clone().into());
        }
        if self.has_message("time") {
            map.insert("time".into(), m.time.to_iso().into());
        }
        if self.has_message("text")
            && let Some(text) = &m.text
        {
            let cut: String = text.chars().take(MESSAGE_TEXT_CHARS).collect();
            map.insert("text".into(), cut.into());
        }
        if self.has_message("sentiment")
            && let Some(s) = m.sentiment
        {
            map.insert("sentiment".into(), s.into());
        }
        let mut bytes = serde_json::to_vec(&map)?;
        bytes.pop();
        bytes.remove(0);
        Ok(bytes)
    }

    fn slim<'a>(&self, p: &'a Post) -> SlimRecord<'a> {
        let pick = |f: &str, v: Option<f64>| v.filter(|_| self.has(f));
        SlimRecord {
            brand: &p.brand,
            platform: Some(p.platform.as_str()).filter(|_| self.has("platform")),
            post_id: p.post_id.as_deref().filter(|_| self.has("post_id")),
            time: self.has("time").then(|| p.time.to_iso()),
            post_type: p.post_type.as_deref().filter(|_| self.has("post_type")),
            promotional: p.promotional.filter(|_| self.has("promotional")),
            followers: pick("followers", p.followers),
            impressions: pick("impressions", p.impressions),
            reach: pick("reach", p.reach),
            views: pick("views", p.views),
            likes: pick("likes", p.likes),
            comments: pick("comments", p.comments),
            shares: pick("shares", p.shares),
            saves: pick("saves", p.saves),
            clicks: pick("clicks", p.clicks),
            brand_replies: pick("brand_replies", p.brand_replies),
            text: p.text.as_deref().filter(|_| self.has("text")),
        }
    }
}

/// The compared brands' posts and messages, spilled as JSON to one temporary file per brand (and one for the
/// messages until they are settled) while the engine streams, so that plugins get one brand's records at a
/// time and the run's memory does not grow with the export.
pub(crate) struct Spill {
    dir: tempfile::TempDir,
    files: BTreeMap<String, std::io::BufWriter<std::fs::File>>,
    /// Messages in reading order (`index \t day \t members`), until [`Spill::settle_messages`].
    unsettled: Option<std::io::BufWriter<std::fs::File>>,
    /// Each brand's settled messages (`day \t record`).
    messages: BTreeMap<String, std::io::BufWriter<std::fs::File>>,
    needs: Needs,
    error: Option<std::io::Error>,
}

fn temp_file(dir: &std::path::Path, name: String) -> std::io::Result<std::io::BufWriter<std::fs::File>> {
    let file = std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .create_new(true)
        .open(dir.join(name))?;
    Ok(std::io::BufWriter::new(file))
}

/// Reads back a spill file from its start, one line at a time (without its newline).
fn lines_of(
    w: &mut std::io::BufWriter<std::fs::File>,
    mut each: impl FnMut(&[u8]) -> std::io::Result<bool>,
) -> std::io::Result<()> {
    use std::io::{BufRead, Seek};
    w.flush()?;
    let mut file = w.get_ref().try_clone()?;
    file.seek(std::io::SeekFrom::Start(0))?;
    let mut reader = std::io::BufReader::new(file);
    let mut line = Vec::new();
    while reader.read_until(b'\n', &mut line)? > 0 {
        if !each(line.trim_ascii_end())? {
            break;
        }
        line.clear();
    }
    Ok(())
}

/// Splits `day \t rest` and returns the day and the rest.
fn day_and_rest(line: &[u8]) -> Option<(i64, &[u8])> {
    let tab = line.iter().position(|b| *b == b'\t')?;
    let day = std::str::from_utf8(&line[..tab]).ok()?.parse().ok()?;
    Some((day, &line[tab + 1..]))
}

impl Spill {
    pub(crate) fn new(needs: Needs) -> Result<Spill> {
        Ok(Spill {
            dir: tempfile::tempdir().map_err(|source| AppError::Io {
                what: "cannot create a temporary folder for the plugins' records".into(),
                source,
            })?,
            files: BTreeMap::new(),
            unsettled: None,
            messages: BTreeMap::new(),
            needs,
            error: None,
        })
    }

    /// Keeps a conversation message, when a comparison reads messages (a brand's own message only when one reads
    /// `from_brand`); its brand and outcome come with [`Spill::settle_messages`].
    pub(crate) fn add_message(&mut self, m: &MessageRow) {
        if self.error.is_some()
            || self.needs.messages.is_empty()
            || (m.from_brand && !self.needs.has_message("from_brand"))
        {
            return;
        }
        let result = (|| -> std::io::Result<()> {
            if self.unsettled.is_none() {
                self.unsettled = Some(temp_file(self.dir.path(), "messages.jsonl".into())?);
            }
            let members = self.needs.message_members(m)?;
            let w = self.unsettled.as_mut().expect("created above");
            write!(w, "{}\t{}\t", m.index, m.time.days())?;
            w.write_all(&members)?;
            writeln!(w)
        })();
        if let Err(e) = result {
            self.error = Some(e);
        }
    }

    /// Writes each kept message, with its brand and whether (and how fast) it was answered, to its brand's file;
    /// messages of no compared brand are dropped here.
    pub(crate) fn settle_messages(&mut self, outcomes: Option<&MessageOutcomes>) -> Result<()> {
        let (Some(mut unsettled), Some(outcomes)) = (self.unsettled.take(), outcomes) else {
            return Ok(());
        };
        let dir = self.dir.path().to_path_buf();
        let (answered, minutes) = (
            self.needs.has_message("answered"),
            self.needs.has_message("response_minutes"),
        );
        let files = &mut self.messages;
        lines_of(&mut unsettled, |line| {
            let mut parts = line.splitn(3, |b| *b == b'\t');
            let (Some(index), Some(day), Some(members)) = (parts.next(), parts.next(), parts.next()) else {
                return Ok(true);
            };
            let Some(index) = std::str::from_utf8(index).ok().and_then(|i| i.parse::<usize>().ok()) else {
                return Ok(true);
            };
            let Some((brand, inbound, response)) = outcomes.get(index) else {
                return Ok(true);
            };
            if !files.contains_key(brand) {
                let name = format!("messages-{}.jsonl", files.len());
                files.insert(brand.to_string(), temp_file(&dir, name)?);
            }
            let w = files.get_mut(brand).expect("inserted above");
            w.write_all(day)?;
            w.write_all(b"\t")?;
            let mut head = serde_json::Map::new();
            head.insert("brand".into(), brand.into());
            head.insert("from_brand".into(), (!inbound).into());
            if inbound && answered {
                head.insert("answered".into(), response.is_some().into());
            }
            if minutes && let Some(seconds) = response {
                head.insert("response_minutes".into(), (seconds as f64 / 60.0).into());
            }
            let mut record = serde_json::to_vec(&head)?;
            if !members.is_empty() {
                record.pop();
                record.push(b',');
                record.extend_from_slice(members);
                record.push(b'}');
            }
            w.write_all(&record)?;
            writeln!(w)?;
            Ok(true)
        })
        .map_err(|source| AppError::Io {
            what: "cannot read back the messages kept for the plugins".into(),
            source,
        })
    }

    pub(crate) fn add(&mut self, post: &Post) {
        if self.error.is_some() {
            return;
        }
        let result = (|| -> std::io::Result<()> {
            if !self.files.contains_key(&post.brand) {
                let file = temp_file(self.dir.path(), format!("{}.jsonl", self.files.len()))?;
                self.files.insert(post.brand.clone(), file);
            }
            let w = self.files.get_mut(&post.brand).expect("inserted above");
            write!(w, "{}\t", post.time.days())?;
            serde_json::to_writer(&mut *w, &self.needs.slim(post))?;
            writeln!(w)
        })();
        if let Err(e) = result {
            self.error = Some(e);
        }
    }

    /// The `compare` input for `brand`, as JSON: its posts (when `posts`) and its messages (when `messages`)
    /// dated inside `window` (days since 1970-01-01, inclusive), copied from the spill files without decoding
    /// them; messages up to [`MAX_MESSAGE_BYTES`], the rest counted in `messages_left_out`.
    pub(crate) fn input(&mut self, ask: &Ask<'_>, brand: &str, window: Option<(i64, i64)>) -> Result<Vec<u8>> {
        if let Some(e) = self.error.take() {
            return Err(AppError::Io {
                what: "cannot keep the records for the plugins".into(),
                source: e,
            });
        }
        self.read(ask, brand, window).map_err(|source| AppError::Io {
            what: "cannot read back the records kept for the plugins".into(),
            source,
        })
    }

    fn read(&mut self, ask: &Ask<'_>, brand: &str, window: Option<(i64, i64)>) -> std::io::Result<Vec<u8>> {
        let inside = |day: i64| window.is_none_or(|(lo, hi)| day >= lo && day <= hi);
        let mut out =
            serde_json::to_vec(&serde_json::json!({ "comparison": ask.comparison, "client_brand": ask.client }))?;
        out.pop(); // the closing brace
        out.extend_from_slice(b",\"posts\":[");
        if ask.posts
            && let Some(w) = self.files.get_mut(brand)
        {
            let mut first = true;
            lines_of(w, |line| {
                if let Some((day, record)) = day_and_rest(line)
                    && inside(day)
                {
                    if !first {
                        out.push(b',');
                    }
                    first = false;
                    out.extend_from_slice(record);
                }
                Ok(true)
            })?;
        }
        out.push(b']');
        if ask.messages
            && let Some(w) = self.messages.get_mut(brand)
        {
            let start = out.len();
            out.extend_from_slice(b",\"messages\":[");
            let (mut first, mut left_out) = (true, 0u64);
            lines_of(w, |line| {
                if let Some((day, record)) = day_and_rest(line)
                    && inside(day)
                {
                    if out.len() - start + record.len() > MAX_MESSAGE_BYTES {
                        left_out += 1;
                        return Ok(true);
                    }
                    if !first {
                        out.push(b',');
                    }
                    first = false;
                    out.extend_from_slice(record);
                }
                Ok(true)
            })?;
            out.push(b']');
            if left_out > 0 {
                out.extend_from_slice(format!(",\"messages_left_out\":{left_out}").as_bytes());
            }
        }
        out.push(b'}');
        Ok(out)
    }
}

/// One `compare` call's request: the comparison, the client, and whether it reads posts and messages.
pub(crate) struct Ask<'a> {
    pub(crate) comparison: &'a str,
    pub(crate) client: &'a str,
    pub(crate) posts: bool,
    pub(crate) messages: bool,
}

#[cfg(test)]
mod tests {
    use super::*;
    use chuxin_bench::civil::DateTime;
    use chuxin_plugin_host::PostRecord;

    fn full_post() -> Post {
        let mut p = Post::new("Acme", "weibo", DateTime::from_ymd(2024, 3, 5).unwrap());
        p.post_id = Some("p1".into());
        p.post_type = Some("video".into());
        p.promotional = Some(true);
        p.text = Some("新品".into());
        (p.followers, p.impressions, p.reach, p.views) = (Some(1.0), Some(2.0), Some(3.0), Some(4.0));
        (p.likes, p.comments, p.shares, p.saves) = (Some(5.0), Some(6.0), Some(7.0), Some(8.0));
        (p.clicks, p.brand_replies) = (Some(9.0), Some(10.0));
        p
    }

    #[test]
    fn a_slim_record_is_the_protocol_post_record_field_for_field() {
        // Every field needed: the slim record carries exactly the protocol's fields, under its names.
        let json = serde_json::to_value(Needs::of([&[][..]]).slim(&full_post())).unwrap();
        let protocol = serde_json::to_value(PostRecord::default()).unwrap();
        let keys = |v: &serde_json::Value| v.as_object().unwrap().keys().cloned().collect::<Vec<_>>();
        assert_eq!(keys(&json), keys(&protocol));
        let record: PostRecord = serde_json::from_value(json).unwrap();
        assert_eq!(record.post_id, "p1");
        assert_eq!(record.time.as_deref(), Some("2024-03-05"));
        assert_eq!((record.likes, record.brand_replies), (Some(5.0), Some(10.0)));
        // Only what the comparisons need travels; the rest reads as the protocol's default.
        let slim = serde_json::to_value(Needs::of([&["likes".to_string()][..]]).slim(&full_post())).unwrap();
        assert_eq!(keys(&slim), ["brand", "likes"]);
        let record: PostRecord = serde_json::from_value(slim).unwrap();
        assert_eq!(
            (record.likes, record.comments, record.post_id.as_str()),
            (Some(5.0), None, "")
        );
    }

    fn message(index: usize, brand: Option<&str>, from_brand: bool, text: &str) -> MessageRow {
        MessageRow {
            index,
            brand: brand.map(str::to_string),
            platform: "weibo".into(),
            message_id: format!("m{index}"),
            time: DateTime::from_ymd(2024, 3, 5).unwrap(),
            from_brand,
            text: Some(text.into()),
            sentiment: Some(-1),
        }
    }

    #[test]
    fn messages_travel_with_their_outcome_only_to_comparisons_that_ask_and_only_their_brands() {
        use chuxin_bench::engine::Outcome;
        let needs = ["message.text".to_string(), "message.answered".to_string()];
        let post_needs = ["likes".to_string()];
        let mut spill = Spill::new(Needs::of([&needs[..], &post_needs[..]])).unwrap();
        spill.add(&full_post());
        // 0: Acme's customer, answered after 90 s; 1: Acme's own reply (not asked for: dropped); 2: a customer of
        // a brand outside the set (no kept brand in the outcomes: dropped); 3: Acme's customer, unanswered, whose
        // row named no brand (matching found it).
        spill.add_message(&message(0, Some("Acme"), false, "退款"));
        spill.add_message(&message(1, Some("Acme"), true, "抱歉"));
        spill.add_message(&message(2, Some("Other"), false, "退款"));
        spill.add_message(&message(3, None, false, "@Acme 太慢"));
        let outcome = |brand, inbound, response| Outcome {
            brand,
            inbound,
            response,
        };
        let outcomes = MessageOutcomes {
            names: vec!["Acme".into(), "Other".into()],
            of: vec![
                outcome(0, true, Some(90)),
                outcome(0, false, None),
                Outcome::default(),
                outcome(0, true, None),
            ],
        };
        spill.settle_messages(Some(&outcomes)).unwrap();
        let ask = |posts, messages| Ask {
            comparison: "c",
            client: "Acme",
            posts,
            messages,
        };
        let json: serde_json::Value =
            serde_json::from_slice(&spill.input(&ask(false, true), "Acme", None).unwrap()).unwrap();
        assert_eq!(
            json,
            serde_json::json!({
                "comparison": "c", "client_brand": "Acme", "posts": [],
                "messages": [
                    {"brand": "Acme", "from_brand": false, "answered": true, "text": "退款"},
                    {"brand": "Acme", "from_brand": false, "answered": false, "text": "@Acme 太慢"},
                ]
            })
        );
        let input: chuxin_plugin_host::CompareInput = serde_json::from_value(json).unwrap();
        assert_eq!(input.messages[0].answered, Some(true));
        // A comparison that names no message field (every protocol-1 comparison) gets the protocol-1 input, byte for
        // byte as the host sent it before protocol 2.
        let bytes = spill.input(&ask(true, false), "Acme", None).unwrap();
        assert_eq!(
            String::from_utf8(bytes).unwrap(),
            r#"{"client_brand":"Acme","comparison":"c","posts":[{"brand":"Acme","likes":5.0}]}"#
        );
        // Outside the window, nothing travels.
        let json: serde_json::Value =
            serde_json::from_slice(&spill.input(&ask(true, true), "Acme", Some((0, 1))).unwrap()).unwrap();
        assert_eq!(
            (
                json["posts"].as_array().unwrap().len(),
                json["messages"].as_array().unwrap().len()
            ),
            (0, 0)
        );
    }
}
