//! Listing answers of the local OSS: ListObjects (v1: `marker`, `NextMarker`) and ListObjectsV2
//! (`list-type=2`: `continuation-token`, `start-after`, `KeyCount`), each in its own document
//! shape, with `encoding-type=url` (see `encoding.rs`) applied to every name shown.
//!
//! The documents are the emulator's own (not `alicli_wire::oss::xml`'s, which the client reads) because
//! the two versions differ in elements the client never needs, and a v1 client must never get a
//! v2 document.

use axum::response::Response;
use serde::Serialize;

use super::encoding::{shown, url_encoding};
use super::error::{storage_failed, OssError};
use super::request;
use super::Call;
use crate::store::ObjectMeta;

/// Listings give times in ISO 8601 with milliseconds (`2026-01-13T15:03:39.000Z`), as OSS does
/// and as the SDKs parse them; objects keep theirs in HTTP form for Last-Modified.
fn iso8601(http_date: &str) -> String {
    chrono::DateTime::parse_from_rfc2822(http_date)
        .map(|t| {
            t.with_timezone(&chrono::Utc)
                .format("%Y-%m-%dT%H:%M:%S.000Z")
                .to_string()
        })
        .unwrap_or_default()
}

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct Owner {
    #[serde(rename = "ID")]
    id: String,
    display_name: String,
}

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct Contents {
    key: String,
    last_modified: String,
    #[serde(rename = "ETag")]
    etag: String,
    #[serde(rename = "Type")]
    kind: String,
    size: u64,
    storage_class: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    owner: Option<Owner>,
}

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct CommonPrefix {
    prefix: String,
}

/// ListObjects (v1). Element order as in the OSS documentation.
#[derive(Serialize)]
#[serde(rename = "ListBucketResult", rename_all = "PascalCase")]
struct ListV1 {
    name: String,
    prefix: String,
    marker: String,
    max_keys: u32,
    delimiter: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    encoding_type: Option<&'static str>,
    is_truncated: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    next_marker: Option<String>,
    contents: Vec<Contents>,
    common_prefixes: Vec<CommonPrefix>,
}

/// ListObjectsV2. Element order as in the OSS documentation.
#[derive(Serialize)]
#[serde(rename = "ListBucketResult", rename_all = "PascalCase")]
struct ListV2 {
    name: String,
    prefix: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    continuation_token: Option<String>,
    max_keys: u32,
    #[serde(skip_serializing_if = "Option::is_none")]
    delimiter: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    start_after: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    encoding_type: Option<&'static str>,
    is_truncated: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    next_continuation_token: Option<String>,
    key_count: u32,
    contents: Vec<Contents>,
    common_prefixes: Vec<CommonPrefix>,
}

/// One page of a listing: what to show, and where the next page starts.
struct Page {
    contents: Vec<ObjectMeta>,
    prefixes: Vec<String>,
    /// The last key or common prefix shown, when more follow.
    next: Option<String>,
}

/// Keys after `after` under `prefix`, rolled up at `delimiter`, at most `max` entries. A common
/// prefix as `after` skips everything under it, so the last prefix of a page can be the next
/// page's marker, as OSS makes it.
fn page(all: Vec<ObjectMeta>, prefix: &str, delimiter: &str, after: &str, max: u32) -> Page {
    let mut out = Page {
        contents: Vec::new(),
        prefixes: Vec::new(),
        next: None,
    };
    let mut last = String::new();
    for meta in all {
        if !meta.key.starts_with(prefix) || meta.key.as_str() <= after {
            continue;
        }
        let rest = &meta.key[prefix.len()..];
        let common = (!delimiter.is_empty())
            .then(|| {
                rest.find(delimiter)
                    .map(|i| format!("{prefix}{}", &rest[..i + delimiter.len()]))
            })
            .flatten();
        if let Some(p) = &common {
            if out.prefixes.last() == Some(p)
                || (p.as_str() <= after && after.starts_with(p.as_str()))
            {
                continue;
            }
        }
        if (out.contents.len() + out.prefixes.len()) as u32 >= max {
            out.next = Some(last);
            break;
        }
        match common {
            Some(p) => {
                last = p.clone();
                out.prefixes.push(p);
            }
            None => {
                last = meta.key.clone();
                out.contents.push(meta);
            }
        }
    }
    out
}

/// ListBuckets (GetService, `GET /` with no bucket): every bucket of the cloud in one page (the
/// local cloud has a handful), with its region. Allowed by `oss:ListBuckets` on the account's
/// buckets.
pub(super) fn list_buckets(
    cloud: &crate::cloud::Cloud,
    identity: &crate::auth::Identity,
    peer: std::net::SocketAddr,
    rid: &str,
) -> Result<Response, OssError> {
    let decision = identity.authorize(
        cloud,
        &alicli_policy::RequestContext {
            action: "oss:ListBuckets".into(),
            resource: format!("acs:oss:*:{}:*", cloud.account_id),
            context: super::base_context(peer),
        },
    );
    if !decision.is_allowed() {
        return Err(super::policy_denied());
    }
    use alicli_wire::oss::xml::{ListAllMyBucketsResult, ListedBucket, ListedBuckets};
    let buckets = cloud
        .store
        .bucket_names()
        .into_iter()
        .map(|name| {
            let region = cloud
                .foreign_buckets
                .get(&name)
                .cloned()
                .unwrap_or_else(|| cloud.region.clone());
            ListedBucket {
                location: format!("oss-{region}"),
                region,
                name,
                creation_date: "2026-01-01T00:00:00.000Z".into(),
                storage_class: "Standard".into(),
            }
        })
        .collect();
    let document = alicli_wire::oss::xml::to_document(&ListAllMyBucketsResult {
        buckets: ListedBuckets { buckets },
        ..Default::default()
    });
    Ok(super::response::xml(rid, document))
}

/// ListObjects, v1 or (with `list-type=2`) v2.
pub(super) async fn list(call: &Call<'_>) -> Result<Response, OssError> {
    let (cloud, bucket, query) = (call.cloud, call.bucket.as_str(), call.query);
    // A bare `?prefix` reads as an empty one, as an absent one does.
    let value = |name: &str| request::value(query, name).map(str::to_string);
    let v2 = value("list-type").as_deref() == Some("2");
    let url = url_encoding(query)?;
    let shown = |s: &str| shown(url, s);
    let prefix = value("prefix").unwrap_or_default();
    let delimiter = value("delimiter").unwrap_or_default();
    let max_keys = value("max-keys")
        .and_then(|m| m.parse::<u32>().ok())
        .unwrap_or(100)
        .clamp(1, 1000);
    let token = value("continuation-token").filter(|t| !t.is_empty());
    let start_after = value("start-after").filter(|t| !t.is_empty());
    let marker = value("marker").unwrap_or_default();
    let after = if v2 {
        token.clone().or(start_after.clone()).unwrap_or_default()
    } else {
        marker.clone()
    };
    let all = cloud.store.list(bucket).await.map_err(storage_failed)?;
    let page = page(all, &prefix, &delimiter, &after, max_keys);
    // v1 always names the owner; v2 only with fetch-owner=true, as OSS does.
    let with_owner = !v2 || value("fetch-owner").is_some_and(|f| f.eq_ignore_ascii_case("true"));
    let contents: Vec<Contents> = page
        .contents
        .iter()
        .map(|meta| Contents {
            key: shown(&meta.key),
            last_modified: iso8601(&meta.last_modified),
            etag: format!("\"{}\"", meta.etag),
            kind: meta.object_type().into(),
            size: meta.size,
            storage_class: meta.storage_class.name().into(),
            owner: with_owner.then(|| Owner {
                id: cloud.account_id.clone(),
                display_name: cloud.account_id.clone(),
            }),
        })
        .collect();
    let common_prefixes: Vec<CommonPrefix> = page
        .prefixes
        .iter()
        .map(|p| CommonPrefix { prefix: shown(p) })
        .collect();
    let encoding_type = url.then_some("url");
    let document = if v2 {
        alicli_wire::oss::xml::to_document(&ListV2 {
            name: bucket.to_string(),
            prefix: shown(&prefix),
            continuation_token: token.as_deref().map(shown),
            max_keys,
            delimiter: (!delimiter.is_empty()).then(|| shown(&delimiter)),
            start_after: start_after.as_deref().map(shown),
            encoding_type,
            is_truncated: page.next.is_some(),
            next_continuation_token: page.next.as_deref().map(shown),
            key_count: (contents.len() + common_prefixes.len()) as u32,
            contents,
            common_prefixes,
        })
    } else {
        alicli_wire::oss::xml::to_document(&ListV1 {
            name: bucket.to_string(),
            prefix: shown(&prefix),
            marker: shown(&marker),
            max_keys,
            delimiter: shown(&delimiter),
            encoding_type,
            is_truncated: page.next.is_some(),
            next_marker: page.next.as_deref().map(shown),
            contents,
            common_prefixes,
        })
    };
    Ok(super::response::xml(call.rid, document))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn meta(key: &str) -> ObjectMeta {
        serde_json::from_value(serde_json::json!({
            "key": key, "size": 1, "content_type": "x", "etag": "E", "content_md5": "m",
            "crc64": 0, "last_modified": "Fri, 13 Nov 2015 14:47:53 GMT", "segments": []
        }))
        .unwrap()
    }

    fn keys(p: &Page) -> Vec<String> {
        p.contents
            .iter()
            .map(|m| m.key.clone())
            .chain(p.prefixes.iter().cloned())
            .collect()
    }

    #[test]
    fn pages_resume_after_the_last_entry_even_a_common_prefix() {
        let all = || ["a", "b/1", "b/2", "c"].map(meta).to_vec();
        let first = page(all(), "", "/", "", 2);
        assert_eq!(keys(&first), ["a", "b/"]);
        assert_eq!(first.next.as_deref(), Some("b/"));
        let second = page(all(), "", "/", "b/", 2);
        assert_eq!(keys(&second), ["c"]);
        assert_eq!(second.next, None);
    }
}
