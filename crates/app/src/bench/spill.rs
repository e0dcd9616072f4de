//! The compared brands' posts, spilled as slim JSON to one temporary file per brand while the engine streams,
//! so that each plugin comparison gets one brand's records at a time and a run's memory does not grow with the
//! export.
//!
//! A record carries only the fields the plugins' comparisons name in their `needs` (a missing field reads as
//! empty on the plugin's side: `PostRecord` defaults every field), in the plugin protocol's field names.

use crate::error::{AppError, Result};
use chuxin_bench::Post;
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

/// The `PostRecord` fields the plugins' comparisons read (their `needs`; every field when one lists none).
pub(crate) struct Needs(pub(crate) Vec<String>);

impl Needs {
    fn has(&self, field: &str) -> bool {
        self.0.is_empty() || self.0.iter().any(|n| n == field)
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

/// The compared brands' posts, spilled as JSON to one temporary file per brand while the engine streams, so
/// that plugins get one brand's records at a time and the run's memory does not grow with the export.
pub(crate) struct Spill {
    dir: tempfile::TempDir,
    files: BTreeMap<String, std::io::BufWriter<std::fs::File>>,
    needs: Needs,
    error: Option<std::io::Error>,
}

impl Spill {
    pub(crate) fn new(needs: Needs) -> Result<Spill> {
        Ok(Spill {
            dir: tempfile::tempdir().map_err(|source| AppError::Io {
                what: "cannot create a temporary folder for the plugins' records".into(),
                source,
            })?,
            files: BTreeMap::new(),
            needs,
            error: None,
        })
    }

    pub(crate) fn add(&mut self, post: &Post) {
        if self.error.is_some() {
            return;
        }
        let result = (|| -> std::io::Result<()> {
            if !self.files.contains_key(&post.brand) {
                let path = self.dir.path().join(format!("{}.jsonl", self.files.len()));
                let file = std::fs::OpenOptions::new()
                    .read(true)
                    .write(true)
                    .create_new(true)
                    .open(path)?;
                self.files.insert(post.brand.clone(), std::io::BufWriter::new(file));
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

    /// The `compare` input for `brand`, as JSON: its records dated inside `window` (days since 1970-01-01,
    /// inclusive), copied from the spill file without decoding them.
    pub(crate) fn input(
        &mut self,
        comparison: &str,
        client: &str,
        brand: &str,
        window: Option<(i64, i64)>,
    ) -> Result<Vec<u8>> {
        if let Some(e) = self.error.take() {
            return Err(AppError::Io {
                what: "cannot keep the records for the plugins".into(),
                source: e,
            });
        }
        self.read(comparison, client, brand, window)
            .map_err(|source| AppError::Io {
                what: "cannot read back the records kept for the plugins".into(),
                source,
            })
    }

    fn read(
        &mut self,
        comparison: &str,
        client: &str,
        brand: &str,
        window: Option<(i64, i64)>,
    ) -> std::io::Result<Vec<u8>> {
        use std::io::{BufRead, Seek};
        let mut out = serde_json::to_vec(&serde_json::json!({ "comparison": comparison, "client_brand": client }))?;
        out.pop(); // the closing brace
        out.extend_from_slice(b",\"posts\":[");
        if let Some(w) = self.files.get_mut(brand) {
            w.flush()?;
            let mut file = w.get_ref().try_clone()?;
            file.seek(std::io::SeekFrom::Start(0))?;
            let mut first = true;
            let mut line = Vec::new();
            let mut reader = std::io::BufReader::new(file);
            while reader.read_until(b'\n', &mut line)? > 0 {
                if let Some(tab) = line.iter().position(|b| *b == b'\t') {
                    let day: i64 = std::str::from_utf8(&line[..tab])
                        .ok()
                        .and_then(|d| d.parse().ok())
                        .unwrap_or_default();
                    if window.is_none_or(|(lo, hi)| day >= lo && day <= hi) {
                        if !first {
                            out.push(b',');
                        }
                        first = false;
                        out.extend_from_slice(line[tab + 1..].trim_ascii_end());
                    }
                }
                line.clear();
            }
        }
        out.extend_from_slice(b"]}");
        Ok(out)
    }
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
        let json = serde_json::to_value(Needs(Vec::new()).slim(&full_post())).unwrap();
        let protocol = serde_json::to_value(PostRecord::default()).unwrap();
        let keys = |v: &serde_json::Value| v.as_object().unwrap().keys().cloned().collect::<Vec<_>>();
        assert_eq!(keys(&json), keys(&protocol));
        let record: PostRecord = serde_json::from_value(json).unwrap();
        assert_eq!(record.post_id, "p1");
        assert_eq!(record.time.as_deref(), Some("2024-03-05"));
        assert_eq!((record.likes, record.brand_replies), (Some(5.0), Some(10.0)));
        // Only what the comparisons need travels; the rest reads as the protocol's default.
        let slim = serde_json::to_value(Needs(vec!["likes".into()]).slim(&full_post())).unwrap();
        assert_eq!(keys(&slim), ["brand", "likes"]);
        let record: PostRecord = serde_json::from_value(slim).unwrap();
        assert_eq!(
            (record.likes, record.comments, record.post_id.as_str()),
            (Some(5.0), None, "")
        );
    }
}
