//! Listing answers of the local OSS: ListObjects (v1: `marker`, `NextMarker`) and ListObjectsV2
//! (`list-type=2`: `continuation-token`, `start-after`, `KeyCount`), each in its own document
//! shape, with `encoding-type=url` (see `encoding.rs`) applied to every name shown, `max-keys`
//! from 1 to 1000 (100 by default; another value is OSS's 400), and ListBuckets.
//!
//! The documents are the emulator's own (not `alicli_wire::oss::xml`'s, which the client reads) because
//! the two versions differ in elements the client never needs, and a v1 client must never get a
//! v2 document.

use axum::response::Response;
use serde::Serialize;

use base64::Engine;

use super::encoding::{shown, url_encoding};
use super::error::{error, storage_failed, OssError};
use super::request::{self, Query};
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

/// An object's owner, in listings and in GetObjectACL's answer.
#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
pub(super) struct Owner {
    #[serde(rename = "ID")]
    pub(super) id: String,
    pub(super) display_name: String,
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
/// One page of a listing from the objects after `after` in key order (all of them, or those
/// after the marker: the keys up to `after` are skipped either way).
fn page<'a>(
    all: impl IntoIterator<Item = &'a ObjectMeta>,
    prefix: &str,
    delimiter: &str,
    after: &str,
    max: u32,
) -> Page {
    let mut out = Page {
        contents: Vec::new(),
        prefixes: Vec::new(),
        next: None,
    };
    let mut last = String::new();
    for meta in all {
        if !meta.key.starts_with(prefix) {
            // The keys with the prefix are contiguous in key order: past them, nothing follows.
            if meta.key.as_str() > prefix {
                break;
            }
            continue;
        }
        if meta.key.as_str() <= after {
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
                out.contents.push(meta.clone());
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
    // The parameters are checked before the bucket is read.
    let request = Listing::read(call.query)?;
    // The walk starts at the prefix (which may itself be a key) or after the marker, whichever
    // comes later in key order.
    let after = request.after();
    let from = if request.prefix.as_str() > after {
        std::ops::Bound::Included(request.prefix.as_str())
    } else {
        std::ops::Bound::Excluded(after)
    };
    let page = call
        .cloud
        .store
        .objects_from(&call.bucket, from, |objects| request.page(objects))
        .map_err(storage_failed)?;
    let document = request.answer(page, &call.bucket, &call.cloud.account_id);
    Ok(super::response::xml(call.rid, document))
}

/// The most keys (and common prefixes) one page holds, and how many without `max-keys`.
const MAX_KEYS: u32 = 1000;
const DEFAULT_MAX_KEYS: u32 = 100;

/// A listing request, read and checked.
struct Listing {
    v2: bool,
    url: bool,
    prefix: String,
    delimiter: String,
    max_keys: u32,
    /// v1's `marker` (echoed even when empty).
    marker: String,
    /// v2's `continuation-token` as sent, and the key it stands for.
    token: Option<(String, String)>,
    start_after: Option<String>,
    fetch_owner: bool,
}

/// A continuation token names the last key or common prefix of the page it ends, as OSS's do,
/// but opaquely: base64url of it, so it is the same encoded or not (`encoding-type=url`
/// leaves its alphabet alone), is valid XML whatever the key holds, and is never mistaken for a
/// `start-after`.
fn token_for(after: &str) -> String {
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(after.as_bytes())
}

fn key_of_token(token: &str) -> Result<String, OssError> {
    base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(token.as_bytes())
        .ok()
        .and_then(|bytes| String::from_utf8(bytes).ok())
        .ok_or_else(|| {
            // The local cloud's own EC: OSS documents none for a token it did not issue.
            error(
                400,
                "InvalidArgument",
                "The continuation-token is not one this bucket's listing handed out.",
                "0000-00000004",
            )
        })
}

impl Listing {
    fn read(query: &Query) -> Result<Listing, OssError> {
        // A bare `?prefix` reads as an empty one, as an absent one does.
        let value = |name: &str| request::value(query, name).map(str::to_string);
        let v2 = value("list-type").as_deref() == Some("2");
        let url = url_encoding(query)?;
        let max_keys = match request::given(query, "max-keys") {
            None => DEFAULT_MAX_KEYS,
            Some(m) => m
                .parse::<u32>()
                .ok()
                .filter(|n| (1..=MAX_KEYS).contains(n))
                .ok_or_else(|| {
                    error(
                        400,
                        "InvalidArgument",
                        format!("max-keys must be an integer from 1 to {MAX_KEYS}, not {m:?}."),
                        "0015-00000402",
                    )
                })?,
        };
        let token = match value("continuation-token").filter(|t| !t.is_empty()) {
            Some(t) => {
                let key = key_of_token(&t)?;
                Some((t, key))
            }
            None => None,
        };
        Ok(Listing {
            v2,
            url,
            prefix: value("prefix").unwrap_or_default(),
            delimiter: value("delimiter").unwrap_or_default(),
            max_keys,
            marker: value("marker").unwrap_or_default(),
            token,
            start_after: value("start-after").filter(|t| !t.is_empty()),
            fetch_owner: value("fetch-owner").is_some_and(|f| f.eq_ignore_ascii_case("true")),
        })
    }

    /// Where the page starts: v1 after `marker`; v2 after the token's key, else `start-after`
    /// (a token wins, as OSS documents).
    fn after(&self) -> &str {
        if self.v2 {
            self.token
                .as_ref()
                .map(|(_, key)| key.as_str())
                .or(self.start_after.as_deref())
                .unwrap_or_default()
        } else {
            &self.marker
        }
    }

    /// The document for one page of `all` (every object of `bucket`, sorted by key).
    /// The page this request asks for, from objects in key order (from the place it starts, or
    /// all of them).
    fn page<'a>(&self, objects: impl IntoIterator<Item = &'a ObjectMeta>) -> Page {
        page(
            objects,
            &self.prefix,
            &self.delimiter,
            self.after(),
            self.max_keys,
        )
    }

    fn answer(&self, page: Page, bucket: &str, owner: &str) -> String {
        let shown = |s: &str| shown(self.url, s);
        // v1 always names the owner; v2 only with fetch-owner=true, as OSS does.
        let with_owner = !self.v2 || self.fetch_owner;
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
                    id: owner.to_string(),
                    display_name: owner.to_string(),
                }),
            })
            .collect();
        let common_prefixes: Vec<CommonPrefix> = page
            .prefixes
            .iter()
            .map(|p| CommonPrefix { prefix: shown(p) })
            .collect();
        let encoding_type = self.url.then_some("url");
        if self.v2 {
            alicli_wire::oss::xml::to_document(&ListV2 {
                name: bucket.to_string(),
                prefix: shown(&self.prefix),
                continuation_token: self.token.as_ref().map(|(t, _)| shown(t)),
                max_keys: self.max_keys,
                delimiter: (!self.delimiter.is_empty()).then(|| shown(&self.delimiter)),
                start_after: self.start_after.as_deref().map(shown),
                encoding_type,
                is_truncated: page.next.is_some(),
                next_continuation_token: page.next.as_deref().map(token_for),
                key_count: (contents.len() + common_prefixes.len()) as u32,
                contents,
                common_prefixes,
            })
        } else {
            alicli_wire::oss::xml::to_document(&ListV1 {
                name: bucket.to_string(),
                prefix: shown(&self.prefix),
                marker: shown(&self.marker),
                max_keys: self.max_keys,
                delimiter: shown(&self.delimiter),
                encoding_type,
                is_truncated: page.next.is_some(),
                next_marker: page.next.as_deref().map(shown),
                contents,
                common_prefixes,
            })
        }
    }
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
        let first = page(&all(), "", "/", "", 2);
        assert_eq!(keys(&first), ["a", "b/"]);
        assert_eq!(first.next.as_deref(), Some("b/"));
        let second = page(&all(), "", "/", "b/", 2);
        assert_eq!(keys(&second), ["c"]);
        assert_eq!(second.next, None);
    }

    const KEYS: &[&str] = &[
        "a", "b/1", "b/2", "b/3/x", "c d", "c%d", "c+d", "d\u{1}", "z/", "文/1", "文/2", "文件",
    ];

    fn all() -> Vec<ObjectMeta> {
        let mut all: Vec<ObjectMeta> = KEYS.iter().map(|k| meta(k)).collect();
        all.sort_by(|a, b| a.key.cmp(&b.key));
        all
    }

    /// The answer to `query` (an encoded query string) over [`KEYS`], or the error's code and EC.
    fn listed(query: &str) -> Result<String, String> {
        let query = request::parse_query(Some(query));
        Listing::read(&query)
            .map(|l| l.answer(l.page(&all()), "b", "1234"))
            .map_err(|e| format!("{} {}", e.code(), e.ec()))
    }

    fn every<'a>(document: &'a str, open: &str, close: &str) -> Vec<&'a str> {
        document
            .split(open)
            .skip(1)
            .filter_map(|t| t.split(close).next())
            .collect()
    }

    fn one<'a>(document: &'a str, element: &str) -> Option<&'a str> {
        every(document, &format!("<{element}>"), &format!("</{element}>"))
            .first()
            .copied()
    }

    /// Keys and common prefixes of one page, in document order, decoded when `url`.
    fn entries(document: &str, url: bool) -> Vec<String> {
        let decode = |t: &str| {
            let t = t.replace("&amp;", "&").replace("&lt;", "<");
            if url {
                percent_encoding::percent_decode_str(&t)
                    .decode_utf8()
                    .unwrap()
                    .into_owned()
            } else {
                t
            }
        };
        let mut out: Vec<String> = every(document, "<Key>", "</Key>")
            .into_iter()
            .map(decode)
            .collect();
        out.extend(
            every(document, "<CommonPrefixes><Prefix>", "</Prefix>")
                .into_iter()
                .map(decode),
        );
        out
    }

    fn enc(text: &str) -> String {
        super::super::encoding::encode(text)
    }

    /// Every entry of a listing, one page of `max` after another, each page asked with what the
    /// previous one said (v1 `NextMarker`, decoded as a client does; v2 the token as sent).
    fn walk(v2: bool, delimiter: &str, max: u32, url: bool) -> (Vec<String>, usize) {
        let mut got = Vec::new();
        let mut next: Option<String> = None;
        let mut pages = 0;
        loop {
            let mut query = format!("max-keys={max}&delimiter={}", enc(delimiter));
            if v2 {
                query.push_str("&list-type=2");
            }
            if url {
                query.push_str("&encoding-type=url");
            }
            if let Some(n) = &next {
                let name = if v2 { "continuation-token" } else { "marker" };
                query.push_str(&format!("&{name}={}", enc(n)));
            }
            let document = listed(&query).unwrap();
            pages += 1;
            let page = entries(&document, url);
            assert!(page.len() <= max as usize, "{document}");
            if v2 {
                assert_eq!(one(&document, "KeyCount"), Some(&*page.len().to_string()));
            }
            got.extend(page);
            let truncated = one(&document, "IsTruncated") == Some("true");
            let marker = one(
                &document,
                if v2 {
                    "NextContinuationToken"
                } else {
                    "NextMarker"
                },
            );
            assert_eq!(truncated, marker.is_some(), "{document}");
            match marker {
                Some(m) if url && !v2 => {
                    next = Some(entries(&format!("<Key>{m}</Key>"), true).remove(0));
                }
                Some(m) => next = Some(m.to_string()),
                None => return (got, pages),
            }
        }
    }

    #[test]
    fn paging_any_way_gives_the_whole_listing_once() {
        for delimiter in ["", "/"] {
            let whole = listed(&format!("max-keys=1000&delimiter={}", enc(delimiter))).unwrap();
            let mut expected = entries(&whole, false);
            expected.sort();
            for v2 in [false, true] {
                for url in [false, true] {
                    for max in [1, 2, 3, 5, 1000] {
                        let (mut got, pages) = walk(v2, delimiter, max, url);
                        got.sort();
                        assert_eq!(got, expected, "v2 {v2} url {url} max {max} {delimiter:?}");
                        assert_eq!(pages, expected.len().div_ceil(max as usize).max(1));
                    }
                }
            }
        }
        let rolled = listed("delimiter=/").unwrap();
        assert_eq!(
            entries(&rolled, false),
            ["a", "c d", "c%d", "c+d", "d\u{1}", "文件", "b/", "z/", "文/"]
        );
    }

    #[test]
    fn markers_and_start_after_are_exclusive_and_a_token_wins() {
        let keys = |q: &str| entries(&listed(q).unwrap(), false);
        assert_eq!(keys("marker=c%20d&max-keys=2"), ["c%d", "c+d"]);
        assert_eq!(keys("marker=c&max-keys=1"), ["c d"]);
        assert_eq!(
            keys("list-type=2&start-after=c%2Bd&max-keys=2"),
            ["d\u{1}", "z/"]
        );
        // start-after inside a rolled-up prefix skips the rest of it.
        assert_eq!(
            keys("list-type=2&start-after=b/1&delimiter=/&max-keys=1"),
            ["c d"]
        );
        let token = token_for("z/");
        let both = listed(&format!(
            "list-type=2&start-after=a&continuation-token={token}"
        ))
        .unwrap();
        assert_eq!(entries(&both, false), ["文/1", "文/2", "文件"]);
        assert_eq!(one(&both, "ContinuationToken"), Some(token.as_str()));
        assert_eq!(one(&both, "StartAfter"), Some("a"));
        // The token is opaque: no key in it, nothing XML or a URL encoding would change.
        let first = listed("list-type=2&max-keys=4").unwrap();
        let next = one(&first, "NextContinuationToken").unwrap();
        assert_ne!(next, "b/3/x");
        assert!(next
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'));
        assert_eq!(
            listed("list-type=2&continuation-token=not%20a%20token"),
            Err("InvalidArgument 0000-00000004".into())
        );
    }

    #[test]
    fn max_keys_is_1_to_1000_and_100_by_default() {
        let max = |q: &str| listed(q).map(|d| one(&d, "MaxKeys").unwrap().to_string());
        assert_eq!(max(""), Ok("100".into()));
        assert_eq!(max("list-type=2"), Ok("100".into()));
        assert_eq!(max("max-keys=1"), Ok("1".into()));
        assert_eq!(max("max-keys=1000&list-type=2"), Ok("1000".into()));
        for bad in ["1001", "0", "-1", "ten", "", "99999999999"] {
            for v in ["", "&list-type=2"] {
                assert_eq!(
                    max(&format!("max-keys={bad}{v}")),
                    Err("InvalidArgument 0015-00000402".into()),
                    "{bad}"
                );
            }
        }
    }

    #[test]
    fn url_encoding_covers_every_name_shown() {
        let v1 = listed("prefix=c%20&delimiter=%2B&marker=c%20%21&max-keys=1&encoding-type=url")
            .unwrap();
        assert_eq!(one(&v1, "Prefix"), Some("c%20"));
        assert_eq!(one(&v1, "Delimiter"), Some("%2B"));
        assert_eq!(one(&v1, "Marker"), Some("c%20%21"));
        assert_eq!(one(&v1, "Key"), Some("c%20d"));
        assert_eq!(one(&v1, "EncodingType"), Some("url"));
        assert_eq!(one(&v1, "NextMarker"), None, "the only key under c : {v1}");
        let v1 = listed("max-keys=6&encoding-type=url").unwrap();
        assert_eq!(one(&v1, "NextMarker"), Some("c%25d"));
        assert_eq!(every(&v1, "<Key>", "</Key>")[4..], ["c%20d", "c%25d"]);
        let v2 = listed("list-type=2&start-after=c%20d&max-keys=2&encoding-type=url").unwrap();
        assert_eq!(one(&v2, "StartAfter"), Some("c%20d"));
        assert_eq!(every(&v2, "<Key>", "</Key>"), ["c%25d", "c%2Bd"]);
        let rolled = listed("list-type=2&delimiter=/&prefix=%E6%96%87&encoding-type=url").unwrap();
        assert_eq!(one(&rolled, "Prefix"), Some("%E6%96%87"));
        assert_eq!(
            every(&rolled, "<CommonPrefixes><Prefix>", "</Prefix>"),
            ["%E6%96%87/"]
        );
        assert_eq!(every(&rolled, "<Key>", "</Key>"), ["%E6%96%87%E4%BB%B6"]);
        // Without it, names are sent as they are (escaped as XML).
        let plain = listed("prefix=d").unwrap();
        assert_eq!(one(&plain, "EncodingType"), None);
        assert_eq!(entries(&plain, false), ["d\u{1}"]);
    }
}
