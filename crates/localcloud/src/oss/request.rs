//! Reading an OSS request: which bucket and key it addresses (virtual-hosted or path-style), its
//! query as OSS decodes it, and the request headers more than one operation reads with the same
//! rules (Content-MD5, `x-oss-forbid-overwrite`, Content-Type, the headers an object keeps).

use axum::body::Body;
use axum::http::{header, HeaderMap};
use base64::Engine;
use md5::{Digest as _, Md5};
use percent_encoding::percent_decode_str;

use super::error::{bad_digest, error, incomplete_body, invalid_digest, OssError};

/// A decoded query: names with their values, `None` for bare flags like `?uploads`.
pub(crate) type Query = [(String, Option<String>)];

/// Bucket and key from the Host header and path: the first label of the host is the bucket when
/// it names one (virtual-hosted), otherwise the path starts with it (path-style).
pub(crate) fn address(
    headers: &HeaderMap,
    path: &str,
    is_bucket: impl Fn(&str) -> bool,
) -> (Option<String>, Option<String>) {
    let host = headers
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .unwrap_or_default();
    let decoded = percent_decode_str(path).decode_utf8_lossy().into_owned();
    let path = decoded.strip_prefix('/').unwrap_or(&decoded);
    let virtual_bucket = alicli_wire::endpoint::Endpoint::parse(&format!("http://{host}"))
        .ok()
        .filter(|e| !e.is_ip_or_localhost())
        .and_then(|e| e.host.split('.').next().map(str::to_string))
        .filter(|b| is_bucket(b));
    let non_empty = |s: &str| (!s.is_empty()).then(|| s.to_string());
    match virtual_bucket {
        Some(bucket) => (Some(bucket), non_empty(path)),
        None => {
            let (bucket, key) = path.split_once('/').unwrap_or((path, ""));
            (non_empty(bucket), non_empty(key))
        }
    }
}

/// The query as raw pairs: names and values percent-decoded, `None` for bare flags like `?uploads`.
/// `+` counts as a space, as in HTML forms: clients built on form encoders (oss2 through
/// requests) send spaces in query values that way and sign the decoded value.
pub(crate) fn parse_query(query: Option<&str>) -> Vec<(String, Option<String>)> {
    let decode = |s: &str| {
        percent_decode_str(&s.replace('+', " "))
            .decode_utf8_lossy()
            .into_owned()
    };
    query
        .unwrap_or_default()
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|pair| match pair.split_once('=') {
            Some((k, v)) => (decode(k), Some(decode(v))),
            None => (decode(pair), None),
        })
        .collect()
}

/// The value of the first parameter called `name`; `None` when absent or a bare flag.
pub(crate) fn value<'a>(query: &'a Query, name: &str) -> Option<&'a str> {
    query
        .iter()
        .find(|(k, _)| k == name)
        .and_then(|(_, v)| v.as_deref())
}

/// Like [`value`], but a bare flag counts as given with an empty value (for parameters where
/// `?name` alone is a value to refuse, not an absence).
pub(crate) fn given<'a>(query: &'a Query, name: &str) -> Option<&'a str> {
    query
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.as_deref().unwrap_or_default())
}

/// The headers as text pairs, the form the signature verifier reads (non-UTF-8 values left out).
pub(crate) fn text_headers(headers: &HeaderMap) -> Vec<(String, String)> {
    headers
        .iter()
        .filter_map(|(k, v)| {
            v.to_str()
                .ok()
                .map(|v| (k.as_str().to_string(), v.to_string()))
        })
        .collect()
}

/// Request headers OSS keeps with an object and sends back on GET/HEAD (beside `x-oss-meta-*`).
pub(crate) const STORED_HEADERS: &[&str] = &[
    "cache-control",
    "content-disposition",
    "content-encoding",
    "content-language",
    "expires",
];

/// What of a write's headers is kept with the object (PutObject) or the upload (Initiate).
pub(crate) fn stored_headers(headers: &HeaderMap) -> Vec<(String, String)> {
    text_headers(headers)
        .into_iter()
        .filter(|(k, _)| k.starts_with("x-oss-meta-") || STORED_HEADERS.contains(&k.as_str()))
        .collect()
}

/// The Content-Type a write stores: the one sent, else OSS's default.
pub(crate) fn content_type(headers: &HeaderMap) -> &str {
    headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("application/octet-stream")
}

/// Content-MD5 as a raw digest; one that is not base64 of 16 bytes is refused.
pub(crate) fn content_md5(headers: &HeaderMap) -> Result<Option<Vec<u8>>, OssError> {
    match headers.get("content-md5").and_then(|v| v.to_str().ok()) {
        Some(m) => base64::engine::general_purpose::STANDARD
            .decode(m.trim())
            .ok()
            .filter(|d| d.len() == 16)
            .map(Some)
            .ok_or_else(invalid_digest),
        None => Ok(None),
    }
}

/// A request with no body of its own (GET, HEAD, DELETE, Initiate…) may still carry Content-MD5
/// (the v2 SDK sends the empty body's): it must be well formed and match what came.
pub(crate) async fn check_empty_body_digest(
    headers: &HeaderMap,
    body: Body,
) -> Result<(), OssError> {
    let Some(md5) = content_md5(headers)? else {
        return Ok(());
    };
    let bytes = axum::body::to_bytes(body, 1 << 20)
        .await
        .map_err(|e| incomplete_body(format!("cannot read the body: {e}")))?;
    if md5 != Md5::digest(&bytes).as_slice() {
        return Err(bad_digest());
    }
    Ok(())
}

/// `x-oss-forbid-overwrite`: `true` or `false`, anything else is refused as OSS refuses it.
pub(crate) fn forbid_overwrite(headers: &HeaderMap) -> Result<bool, OssError> {
    match headers
        .get("x-oss-forbid-overwrite")
        .map(|v| v.to_str().unwrap_or_default().trim())
    {
        None => Ok(false),
        Some(v) if v.eq_ignore_ascii_case("true") => Ok(true),
        Some(v) if v.eq_ignore_ascii_case("false") => Ok(false),
        Some(v) => Err(error(
            400,
            "InvalidArgument",
            format!("x-oss-forbid-overwrite must be true or false, not {v:?}."),
            "0017-00000279",
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn host(h: &str) -> HeaderMap {
        let mut map = HeaderMap::new();
        map.insert(header::HOST, h.parse().unwrap());
        map
    }

    #[test]
    fn buckets_come_from_the_host_or_the_path() {
        let known = |b: &str| b == "bkt";
        assert_eq!(
            address(&host("bkt.oss-cn-hangzhou.aliyuncs.com"), "/a%20b/c", known),
            (Some("bkt".into()), Some("a b/c".into()))
        );
        assert_eq!(
            address(&host("127.0.0.1:9000"), "/bkt/k", known),
            (Some("bkt".into()), Some("k".into()))
        );
        assert_eq!(
            address(&host("127.0.0.1:9000"), "/bkt/", known),
            (Some("bkt".into()), None)
        );
    }

    #[test]
    fn queries_decode_plus_and_keep_bare_flags() {
        let query = parse_query(Some("prefix=a+b%2Fc&uploads&encoding-type"));
        assert_eq!(value(&query, "prefix"), Some("a b/c"));
        assert_eq!(value(&query, "uploads"), None);
        assert_eq!(given(&query, "encoding-type"), Some(""));
        assert_eq!(given(&query, "marker"), None);
    }

    #[test]
    fn forbid_overwrite_takes_only_true_or_false() {
        let with = |v: &str| {
            let mut map = HeaderMap::new();
            map.insert("x-oss-forbid-overwrite", v.parse().unwrap());
            forbid_overwrite(&map).ok()
        };
        assert_eq!(with("TRUE"), Some(true));
        assert_eq!(with(" false "), Some(false));
        assert_eq!(with("yes"), None);
        assert_eq!(forbid_overwrite(&HeaderMap::new()).ok(), Some(false));
    }
}
