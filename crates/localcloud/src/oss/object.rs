//! The object operations of the local OSS: PutObject (streamed to disk, Content-MD5 checked,
//! `x-oss-forbid-overwrite`, the storage class and ACL kept), GetObject and HeadObject
//! (preconditions, one range, the `response-*` overrides, the stored headers and class; an
//! archived object's bytes refused), GetObjectMeta, and DeleteObject.

use axum::body::Body;
use axum::http::{header, StatusCode};
use axum::response::Response;
use futures_util::StreamExt;

use super::attributes::{self, Given};
use super::conditions::{self, Precondition, RangeAnswer};
use super::error::{
    already_exists, error, invalid_object_state, no_such_key, not_implemented, put_failed,
    storage_failed, OssError,
};
use super::request::{self, STORED_HEADERS};
use super::response::{answer, no_content};
use super::Call;
use crate::store::{NewObject, ObjectMeta};

/// Fails with 409 when `x-oss-forbid-overwrite: true` and the key exists. Shared by every write
/// that creates an object (PutObject, InitiateMultipartUpload; Complete checks in two steps).
pub(super) async fn check_overwrite(call: &Call<'_>) -> Result<(), OssError> {
    if request::forbid_overwrite(call.headers)? && exists(call).await {
        return Err(already_exists());
    }
    Ok(())
}

pub(super) async fn exists(call: &Call<'_>) -> bool {
    call.cloud
        .store
        .meta(&call.bucket, &call.key)
        .await
        .is_some()
}

pub(super) async fn put(call: &Call<'_>) -> Result<Response, OssError> {
    let md5 = request::content_md5(call.headers)?;
    let storage_class = attributes::storage_class(call.headers, Given::Write)?;
    let acl = attributes::object_acl(call.headers, Given::Write)?;
    check_overwrite(call).await?;
    let meta = call
        .cloud
        .store
        .put(
            &call.bucket,
            &call.key,
            call.body(),
            NewObject {
                content_type: request::content_type(call.headers),
                headers: request::stored_headers(call.headers),
                // The bucket's class when none is given: every bucket here is Standard.
                storage_class: storage_class.unwrap_or_default(),
                acl: acl.unwrap_or_default(),
                content_md5: md5.as_deref(),
                corrupt: call.corrupt,
            },
        )
        .await
        .map_err(put_failed)?;
    Ok(answer(StatusCode::OK, call.rid)
        .header(header::ETAG, format!("\"{}\"", meta.etag))
        .header("Content-MD5", &meta.content_md5)
        .header("x-oss-hash-crc64ecma", meta.crc64.to_string())
        .body(Body::empty())
        .unwrap_or_default())
}

pub(super) async fn delete(call: &Call<'_>) -> Result<Response, OssError> {
    call.cloud
        .store
        .delete(&call.bucket, &call.key)
        .await
        .map_err(storage_failed)?;
    Ok(no_content(call.rid))
}

/// GetObjectMeta (`HEAD /key?objectMeta`): size, ETag, Last-Modified and CRC-64, none of the
/// object's other headers.
pub(super) async fn meta(call: &Call<'_>) -> Result<Response, OssError> {
    let meta = stored(call).await?;
    Ok(answer(StatusCode::OK, call.rid)
        .header(header::CONTENT_LENGTH, meta.size.to_string())
        .header(header::ETAG, format!("\"{}\"", meta.etag))
        .header(header::LAST_MODIFIED, &meta.last_modified)
        .header("x-oss-hash-crc64ecma", meta.crc64.to_string())
        .body(Body::empty())
        .unwrap_or_default())
}

pub(super) async fn stored(call: &Call<'_>) -> Result<ObjectMeta, OssError> {
    call.cloud
        .store
        .meta(&call.bucket, &call.key)
        .await
        .ok_or_else(no_such_key)
}

/// GetObject, or HeadObject with `head_only`: the same headers, no body.
pub(super) async fn get(call: &Call<'_>, head_only: bool) -> Result<Response, OssError> {
    let meta = stored(call).await?;
    // HEAD still describes an archived object; only its bytes wait for a restore.
    if !head_only && meta.storage_class.is_frozen() {
        return Err(invalid_object_state());
    }
    match conditions::evaluate(call.headers, &meta.etag, &meta.last_modified) {
        Precondition::Proceed => {}
        Precondition::NotModified => {
            // 304 carries the validators and no body, on GET and HEAD alike.
            return Ok(answer(StatusCode::NOT_MODIFIED, call.rid)
                .header(header::ETAG, format!("\"{}\"", meta.etag))
                .header(header::LAST_MODIFIED, &meta.last_modified)
                .body(Body::empty())
                .unwrap_or_default());
        }
        Precondition::Failed(which) => {
            return Err(error(
                412,
                "PreconditionFailed",
                format!("At least one of the pre-conditions you specified did not hold: {which}."),
                "0017-00001001",
            ));
        }
    }
    let range = range(call, &meta, head_only)?;
    let (status, start, len) = match range {
        Some((a, b)) => (StatusCode::PARTIAL_CONTENT, a, b - a + 1),
        None => (StatusCode::OK, 0, meta.size),
    };
    let content_type =
        overridden(call, "content-type").unwrap_or_else(|| meta.content_type.clone());
    let mut builder = answer(status, call.rid)
        .header(header::CONTENT_TYPE, content_type)
        .header(header::CONTENT_LENGTH, len.to_string())
        .header(header::ETAG, format!("\"{}\"", meta.etag))
        .header(header::LAST_MODIFIED, &meta.last_modified)
        .header(header::ACCEPT_RANGES, "bytes")
        .header("x-oss-object-type", meta.object_type())
        .header("x-oss-storage-class", meta.storage_class.name())
        .header("x-oss-hash-crc64ecma", meta.crc64.to_string());
    if !meta.content_md5.is_empty() {
        builder = builder.header("Content-MD5", &meta.content_md5);
    }
    builder = with_stored_headers(builder, call, &meta);
    if let Some((a, b)) = range {
        builder = builder.header(
            header::CONTENT_RANGE,
            format!("bytes {a}-{b}/{}", meta.size),
        );
    }
    if head_only {
        return Ok(builder.body(Body::empty()).unwrap_or_default());
    }
    Ok(builder
        .body(stored_body(
            call.cloud,
            &call.bucket,
            &meta,
            (start, len),
            call.corrupt,
        ))
        .unwrap_or_default())
}

/// `response-content-type=…` and friends override what is stored, for this answer only.
fn overridden(call: &Call<'_>, name: &str) -> Option<String> {
    request::value(call.query, &format!("response-{name}")).map(str::to_string)
}

/// The headers kept with the object (or their `response-*` overrides) and its user metadata.
fn with_stored_headers(
    mut builder: axum::http::response::Builder,
    call: &Call<'_>,
    meta: &ObjectMeta,
) -> axum::http::response::Builder {
    for name in STORED_HEADERS {
        let value = overridden(call, name).or_else(|| {
            meta.headers
                .iter()
                .find(|(k, _)| k == name)
                .map(|(_, v)| v.clone())
        });
        if let Some(value) = value {
            builder = builder.header(*name, value);
        }
    }
    for (name, value) in meta
        .headers
        .iter()
        .filter(|(k, _)| k.starts_with("x-oss-meta-"))
    {
        builder = builder.header(name, value);
    }
    builder
}

/// The byte range a GET asks for (first and last byte), `None` for the whole object. HEAD
/// describes the whole object whatever the Range says.
fn range(
    call: &Call<'_>,
    meta: &ObjectMeta,
    head_only: bool,
) -> Result<Option<(u64, u64)>, OssError> {
    let standard = match call
        .headers
        .get("x-oss-range-behavior")
        .map(|v| v.to_str().unwrap_or_default().trim())
    {
        None => false,
        Some(v) if v.eq_ignore_ascii_case("standard") => true,
        Some(_) => return Err(not_implemented("this x-oss-range-behavior")),
    };
    let Some(value) = call
        .headers
        .get(header::RANGE)
        .and_then(|v| v.to_str().ok())
        .filter(|_| !head_only)
    else {
        return Ok(None);
    };
    match conditions::resolve_range(value, meta.size, standard) {
        RangeAnswer::Whole => Ok(None),
        RangeAnswer::Part(a, b) => Ok(Some((a, b))),
        RangeAnswer::Unsatisfiable => Err(error(
            416,
            "InvalidRange",
            "The requested range cannot be satisfied.",
            "0016-00000503",
        )),
    }
}

/// Bytes `[start, start+len)` of an object of `bucket`, streamed from its files (damaged under a
/// `corrupt` fault, as a download broken on the wire would arrive). GetObject sends it; the
/// copies store it, so a copy's bytes never leave the server.
pub(super) fn stored_body(
    cloud: &crate::cloud::Cloud,
    bucket: &str,
    meta: &ObjectMeta,
    (start, len): (u64, u64),
    corrupt: bool,
) -> Body {
    use futures_util::TryStreamExt;
    use tokio::io::{AsyncReadExt, AsyncSeekExt};
    let pieces = cloud.store.pieces(bucket, meta, start, len);
    let stream = futures_util::stream::iter(pieces)
        .then(|(path, offset, take)| async move {
            let mut file = tokio::fs::File::open(path).await?;
            file.seek(std::io::SeekFrom::Start(offset)).await?;
            Ok::<_, std::io::Error>(tokio_util::io::ReaderStream::with_capacity(
                file.take(take),
                256 * 1024,
            ))
        })
        .try_flatten();
    if corrupt {
        let mut damaged = false;
        Body::from_stream(
            stream.map(move |chunk| chunk.map(|c| crate::faults::damage(c, &mut damaged))),
        )
    } else {
        Body::from_stream(stream)
    }
}
