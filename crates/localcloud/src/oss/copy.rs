//! The server-side copies: CopyObject (a PUT with `x-oss-copy-source`) and UploadPartCopy (the
//! same on an UploadPart), which `cp` and `sync` between OSS addresses use so that no byte goes
//! through the client.
//!
//! Both read the source as a GetObject would (named, valid, existing, in this region, allowed
//! `oss:GetObject` under the caller's policies, not archived, its `x-oss-copy-source-if-*`
//! conditions met) and write the target as a PutObject or an UploadPart would (its
//! `oss:PutObject` was checked by the pipeline). The stored bytes are streamed from the source's
//! files into new ones, so a copy onto itself (how metadata, the class or the ACL are changed in
//! place) never reads what it is writing.
//!
//! CopyObject's target takes the class and ACL the request gives, else Standard (the bucket's
//! class) and `default`, whatever the source's were: they are not part of the metadata that
//! `x-oss-metadata-directive` copies.

use axum::body::Body;
use axum::http::{header, HeaderMap, HeaderName, StatusCode};
use axum::response::Response;
use percent_encoding::percent_decode_str;

use alicli_wire::oss::xml;

use super::attributes::{self, Given};
use super::conditions::{self, Precondition, RangeAnswer};
use super::error::{
    error, invalid_object_state, no_such_key, not_implemented, put_failed, OssError,
};
use super::multipart::{check_upload, part_number, upload_id};
use super::object::{check_overwrite, stored_body};
use super::request;
use super::response::answer;
use super::{locate, policy_denied, Access, Call};
use crate::store::{NewObject, ObjectMeta};

/// The largest object CopyObject copies, as in OSS; a larger one is copied part by part.
pub(crate) const MAX_COPY: u64 = 5 << 30;

/// The largest object CopyObject copies into another storage class, as OSS documents.
pub(crate) const MAX_CLASS_CHANGE: u64 = 1 << 30;

/// The source a copy names, checked and read: its bucket and metadata.
struct Source {
    bucket: String,
    meta: ObjectMeta,
}

fn invalid_source(why: &str) -> OssError {
    error(
        400,
        "InvalidArgument",
        format!("x-oss-copy-source is not valid: {why}."),
        "0017-00000801",
    )
}

/// `x-oss-copy-source: /bucket/key` (the key percent-encoded; the leading `/` optional) as
/// (bucket, key). A `?versionId=` names a version, which the local cloud does not keep.
fn parse_source(value: &str) -> Result<(String, String), OssError> {
    if value.contains("?versionId=") {
        return Err(not_implemented(
            "x-oss-copy-source with a versionId (versioning)",
        ));
    }
    let path = value.trim().strip_prefix('/').unwrap_or(value.trim());
    let (bucket, key) = path
        .split_once('/')
        .ok_or_else(|| invalid_source("it must be /bucket/key"))?;
    let key = percent_decode_str(key)
        .decode_utf8()
        .map_err(|_| invalid_source("the key is not UTF-8"))?
        .into_owned();
    if bucket.is_empty() || key.is_empty() {
        return Err(invalid_source("it must be /bucket/key"));
    }
    Ok((bucket.to_string(), key))
}

/// The source, after the checks a GetObject of it would pass.
async fn source(call: &Call<'_>) -> Result<Source, OssError> {
    let value = call
        .headers
        .get("x-oss-copy-source")
        .and_then(|v| v.to_str().ok())
        .ok_or_else(|| invalid_source("it is not text"))?;
    let (bucket, key) = parse_source(value)?;
    let bucket = locate(call.cloud, Some(bucket), Some(&key))?;
    if call.allows("oss:GetObject", &bucket, Some(&key)) != Access::Allowed {
        return Err(policy_denied());
    }
    let meta = call
        .cloud
        .store
        .meta(&bucket, &key)
        .await
        .ok_or_else(no_such_key)?;
    if meta.storage_class.is_frozen() {
        return Err(invalid_object_state());
    }
    Ok(Source { bucket, meta })
}

/// `x-oss-copy-source-if-*` are the HTTP preconditions, applied to the source: 412 when
/// If-Match or If-Unmodified-Since fails, 304 when If-None-Match or If-Modified-Since does.
fn check_conditions(call: &Call<'_>, meta: &ObjectMeta) -> Result<Option<Response>, OssError> {
    let mut standard = HeaderMap::new();
    for (name, value) in call.headers {
        if let Some(condition) = name.as_str().strip_prefix("x-oss-copy-source-") {
            if condition.starts_with("if-") {
                if let Ok(name) = HeaderName::from_bytes(condition.as_bytes()) {
                    standard.append(name, value.clone());
                }
            }
        }
    }
    match conditions::evaluate(&standard, &meta.etag, &meta.last_modified) {
        Precondition::Proceed => Ok(None),
        Precondition::NotModified => Ok(Some(
            answer(StatusCode::NOT_MODIFIED, call.rid)
                .header(header::ETAG, format!("\"{}\"", meta.etag))
                .body(Body::empty())
                .unwrap_or_default(),
        )),
        Precondition::Failed(which) => Err(error(
            412,
            "PreconditionFailed",
            format!(
                "At least one of the pre-conditions you specified did not hold: x-oss-copy-source-{}.",
                which.to_ascii_lowercase()
            ),
            "0017-00001001",
        )),
    }
}

/// An HTTP date as the ISO 8601 time the copy answers carry.
fn iso_time(http_date: &str) -> String {
    conditions::parse_http_date(http_date)
        .unwrap_or_else(chrono::Utc::now)
        .format("%Y-%m-%dT%H:%M:%S.000Z")
        .to_string()
}

/// `x-oss-metadata-directive`: `COPY` (the default) keeps the source's Content-Type and stored
/// headers, `REPLACE` takes the request's (the vocabulary lets no other value through).
fn replaces_metadata(headers: &HeaderMap) -> bool {
    headers
        .get("x-oss-metadata-directive")
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.trim().eq_ignore_ascii_case("REPLACE"))
}

pub(super) async fn copy_object(call: &Call<'_>) -> Result<Response, OssError> {
    let storage_class = attributes::storage_class(call.headers, Given::Copy)?.unwrap_or_default();
    let acl = attributes::object_acl(call.headers, Given::Copy)?.unwrap_or_default();
    let source = source(call).await?;
    if let Some(not_modified) = check_conditions(call, &source.meta)? {
        return Ok(not_modified);
    }
    let limit = if storage_class == source.meta.storage_class {
        MAX_COPY
    } else {
        MAX_CLASS_CHANGE
    };
    if source.meta.size > limit {
        return Err(error(
            400,
            "InvalidArgument",
            format!("CopyObject copies objects up to {limit} bytes into this storage class; use UploadPartCopy for larger ones."),
            "0017-00000802",
        ));
    }
    check_overwrite(call).await?;
    let (content_type, headers) = if replaces_metadata(call.headers) {
        (
            request::content_type(call.headers).to_string(),
            request::stored_headers(call.headers),
        )
    } else {
        (
            source.meta.content_type.clone(),
            source.meta.headers.clone(),
        )
    };
    let body = stored_body(
        call.cloud,
        &source.bucket,
        &source.meta,
        (0, source.meta.size),
        false,
    );
    let meta = call
        .cloud
        .store
        .put(
            &call.bucket,
            &call.key,
            body,
            NewObject {
                content_type: &content_type,
                headers,
                storage_class,
                acl,
                content_md5: None,
                corrupt: call.corrupt,
            },
        )
        .await
        .map_err(put_failed)?;
    let etag = format!("\"{}\"", meta.etag);
    let document = xml::to_document(&xml::CopyObjectResult {
        last_modified: iso_time(&meta.last_modified),
        etag: etag.clone(),
    });
    copy_answer(call, document, &etag, meta.crc64)
}

/// The copy answers: the XML document, with the ETag and CRC-64 also as headers (oss2 reads
/// CopyObject's ETag from the header).
fn copy_answer(
    call: &Call<'_>,
    document: String,
    etag: &str,
    crc64: u64,
) -> Result<Response, OssError> {
    Ok(answer(StatusCode::OK, call.rid)
        .header(header::CONTENT_TYPE, "application/xml")
        .header(header::ETAG, etag)
        .header("x-oss-hash-crc64ecma", crc64.to_string())
        .body(Body::from(document))
        .unwrap_or_default())
}

/// `x-oss-copy-source-range: bytes=a-b` as (start, length), the whole source without one. A
/// range OSS cannot serve exactly copies the whole source, as a GetObject's would send it; one
/// that starts past the end is refused.
fn copy_range(call: &Call<'_>, size: u64) -> Result<(u64, u64), OssError> {
    let Some(value) = call.headers.get("x-oss-copy-source-range") else {
        return Ok((0, size));
    };
    let value = value
        .to_str()
        .map_err(|_| invalid_source("x-oss-copy-source-range is not text"))?;
    match conditions::resolve_range(value, size, false) {
        RangeAnswer::Whole => Ok((0, size)),
        RangeAnswer::Part(a, b) => Ok((a, b - a + 1)),
        RangeAnswer::Unsatisfiable => Err(error(
            416,
            "InvalidRange",
            "The requested range cannot be satisfied.",
            "0016-00000503",
        )),
    }
}

pub(super) async fn upload_part_copy(call: &Call<'_>) -> Result<Response, OssError> {
    let number = part_number(call)?;
    check_upload(call).await?;
    let source = source(call).await?;
    if let Some(not_modified) = check_conditions(call, &source.meta)? {
        return Ok(not_modified);
    }
    let range = copy_range(call, source.meta.size)?;
    if range.1 > MAX_COPY {
        return Err(error(
            400,
            "InvalidArgument",
            format!("A part is at most {MAX_COPY} bytes."),
            "0042-00000003",
        ));
    }
    let body = stored_body(call.cloud, &source.bucket, &source.meta, range, false);
    let part = call
        .cloud
        .store
        .put_part(upload_id(call), number, body, None, call.corrupt)
        .await
        .map_err(put_failed)?;
    let etag = format!("\"{}\"", part.etag);
    let document = xml::to_document(&xml::CopyPartResult {
        last_modified: part.last_modified.clone(),
        etag: etag.clone(),
    });
    copy_answer(call, document, &etag, part.crc64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sources_are_bucket_and_decoded_key() {
        let ok = |v: &str| parse_source(v).ok();
        assert_eq!(ok("/b/a%20b/c"), Some(("b".into(), "a b/c".into())));
        assert_eq!(ok("b/k"), Some(("b".into(), "k".into())));
        assert_eq!(ok("/b/%E6%96%87"), Some(("b".into(), "文".into())));
        assert!(ok("/b").is_none());
        assert!(ok("/b/").is_none());
        assert!(ok("//k").is_none());
        assert!(ok("/b/%FF").is_none());
        let versioned = parse_source("/b/k?versionId=1").err().unwrap();
        assert_eq!(versioned.code(), "NotImplemented");
    }

    #[test]
    fn copy_times_are_iso() {
        assert_eq!(
            iso_time("Fri, 13 Nov 2015 14:47:53 GMT"),
            "2015-11-13T14:47:53.000Z"
        );
    }
}
