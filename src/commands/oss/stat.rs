//! `alicli oss stat oss://bucket/key`: what OSS knows of one object, from a HeadObject: size,
//! last modified, ETag, CRC-64, content type, storage class, object type, version id, the stored
//! HTTP headers and the user metadata (`x-oss-meta-*`). Nothing of the body is read.
//!
//! Text output is `Name: value` lines, aligned, every value escaped (metadata is anyone's text);
//! `--output json` is one object with every value exactly as sent.

use anyhow::Result;
use clap::Args;
use serde_json::{json, Map, Value};

use super::{human_size, local_time};
use crate::oss::operations::ObjectHead;
use crate::oss::OssUrl;
use crate::session::{Globals, Session};
use crate::terminal::output::escape_untrusted;
use crate::terminal::render::{self, OutputFormat};

#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  alicli oss stat oss://sample-bucket/2015/01/01/grass.jpg\n  \
alicli oss stat oss://sample-bucket/report.csv --output json | jq -r .crc64"
)]
pub struct StatArgs {
    /// Object to describe: oss://bucket/key
    #[arg(value_name = "oss://BUCKET/KEY")]
    pub target: String,
    #[command(flatten)]
    pub oss: crate::clients::OssFlags,
}

pub fn run(globals: Globals, args: StatArgs) -> Result<()> {
    let url = OssUrl::parse_object(&args.target)?;
    // By default (and for `--output table`) aligned `Name: value` lines; the other formats
    // render the JSON object.
    let format = render::data_format(OutputFormat::Table)?;
    let session = Session::new(globals)?;
    let client = args.oss.client(&session)?;
    let head = client
        .head_object_info(&url.bucket, &url.key)
        .map_err(|e| crate::clients::with_oss_hint(e, &client))?;
    if render::native(format, OutputFormat::Table) {
        return crate::write_stdout(text(&url, &head).as_bytes());
    }
    render::print(&to_json(&url, &head), format)
}

/// The standard headers worth showing, in the order shown, with the name each is shown under.
fn fields(head: &ObjectHead) -> Vec<(&'static str, Option<String>)> {
    vec![
        (
            "Size",
            head.size.map(|s| match s {
                s if s >= 1024 => format!("{s} ({})", human_size(s)),
                s => s.to_string(),
            }),
        ),
        (
            "Last-Modified",
            head.last_modified.as_deref().map(local_time),
        ),
        ("ETag", head.etag.clone()),
        ("CRC-64", head.crc64.clone()),
        ("Content-Type", head.content_type.clone()),
        ("Content-MD5", head.content_md5.clone()),
        ("Storage-Class", head.storage_class.clone()),
        ("Object-Type", head.object_type.clone()),
        ("Version-Id", head.version_id.clone()),
        ("Cache-Control", head.cache_control.clone()),
        ("Content-Disposition", head.content_disposition.clone()),
        ("Content-Encoding", head.content_encoding.clone()),
        ("Expires", head.expires.clone()),
    ]
}

fn text(url: &OssUrl, head: &ObjectHead) -> String {
    let mut rows: Vec<(String, String)> = vec![("Object".into(), url.to_string())];
    rows.extend(
        fields(head)
            .into_iter()
            .filter_map(|(name, value)| Some((name.to_string(), value?))),
    );
    rows.extend(
        head.metadata
            .iter()
            .map(|(name, value)| (format!("x-oss-meta-{name}"), value.clone())),
    );
    let width = rows
        .iter()
        .map(|(n, _)| n.chars().count())
        .max()
        .unwrap_or(0)
        + 1;
    rows.iter()
        .map(|(name, value)| {
            format!(
                "{:<width$} {}\n",
                format!("{}:", escape_untrusted(name)),
                escape_untrusted(value)
            )
        })
        .collect()
}

fn to_json(url: &OssUrl, head: &ObjectHead) -> Value {
    let metadata: Map<String, Value> = head
        .metadata
        .iter()
        .map(|(k, v)| (k.clone(), Value::String(v.clone())))
        .collect();
    // Times in ISO 8601 (UTC), as listings give them; one that does not parse is kept as sent.
    let last_modified = head.last_modified.as_deref().map(|t| {
        chrono::DateTime::parse_from_rfc2822(t)
            .map(|d| {
                d.with_timezone(&chrono::Utc)
                    .format("%Y-%m-%dT%H:%M:%S.000Z")
                    .to_string()
            })
            .unwrap_or_else(|_| t.to_string())
    });
    json!({
        "bucket": url.bucket,
        "key": url.key,
        "size": head.size,
        "last_modified": last_modified,
        "etag": head.etag,
        "crc64": head.crc64,
        "content_type": head.content_type,
        "content_md5": head.content_md5,
        "storage_class": head.storage_class,
        "object_type": head.object_type,
        "version_id": head.version_id,
        "cache_control": head.cache_control,
        "content_disposition": head.content_disposition,
        "content_encoding": head.content_encoding,
        "expires": head.expires,
        "metadata": metadata,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn head() -> ObjectHead {
        ObjectHead {
            size: Some(2048),
            last_modified: Some("Tue, 13 Jan 2026 15:03:39 GMT".into()),
            etag: Some("E1".into()),
            crc64: Some("12345".into()),
            content_type: Some("text/plain".into()),
            metadata: vec![("author".into(), "a\x1b]0;x\x07\nb".into())],
            ..Default::default()
        }
    }

    #[test]
    fn text_is_aligned_and_escaped() {
        let url = OssUrl::parse_object("oss://b-1/k\r").unwrap();
        let out = text(&url, &head());
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(lines[0], "Object:            oss://b-1/k\\r", "{out}");
        assert_eq!(lines[1], "Size:              2048 (2.0 KiB)", "{out}");
        assert!(
            lines.contains(&"x-oss-meta-author: a\\x1b]0;x\\x07\\nb"),
            "{out}"
        );
        assert!(
            !out.contains("Version-Id"),
            "absent fields are not shown: {out}"
        );
    }

    #[test]
    fn json_keeps_values_exactly() {
        let url = OssUrl::parse_object("oss://b-1/k").unwrap();
        let v = to_json(&url, &head());
        assert_eq!(v["metadata"]["author"], "a\x1b]0;x\x07\nb");
        assert_eq!(v["last_modified"], "2026-01-13T15:03:39.000Z");
        assert_eq!(v["version_id"], Value::Null);
        assert_eq!(v["size"], 2048);
    }
}
