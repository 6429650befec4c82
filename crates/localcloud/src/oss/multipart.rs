//! The multipart operations of the local OSS: InitiateMultipartUpload (the object's headers and
//! storage class kept for Complete), UploadPart, CompleteMultipartUpload (a part list in XML, or
//! `x-oss-complete-all: yes`; the object's ACL), AbortMultipartUpload and ListParts. Every call
//! after Initiate names its upload by `uploadId` and must address the bucket and key the upload
//! was started for.
//!
//! The ACL is Complete's, as the official SDKs send it: OSS documents no `x-oss-object-acl` on
//! Initiate, so one there other than `default` is refused (501) rather than guessed at.

use axum::body::Body;
use axum::http::{header, StatusCode};
use axum::response::Response;
use md5::{Digest as _, Md5};

use alicli_wire::oss::xml;

use super::attributes::{self, Given};
use super::encoding::{marked, shown, url_encoding};
use super::error::{already_exists, bad_digest, error, put_failed, storage_failed, OssError};
use super::object::{check_overwrite, exists};
use super::request;
use super::response::{answer, no_content};
use super::Call;
use crate::store::{CompleteError, UploadMeta, MIN_PART_SIZE};

pub(super) fn upload_id<'a>(call: &'a Call<'_>) -> &'a str {
    request::value(call.query, "uploadId").unwrap_or_default()
}

/// The upload named by `uploadId`, for this bucket and key, or NoSuchUpload.
pub(super) async fn check_upload(call: &Call<'_>) -> Result<UploadMeta, OssError> {
    match call.cloud.store.upload(upload_id(call)).await {
        Some(u) if u.bucket == call.bucket && u.key == call.key => Ok(u),
        _ => Err(error(
            404,
            "NoSuchUpload",
            "The specified upload does not exist. The upload ID may be invalid, or the upload may have been aborted or completed.",
            "0042-00000104",
        )),
    }
}

pub(super) async fn initiate(call: &Call<'_>) -> Result<Response, OssError> {
    let url = url_encoding(call.query)?;
    let storage_class = attributes::storage_class(call.headers, Given::Write)?;
    check_overwrite(call).await?;
    let upload_id = call
        .cloud
        .store
        .initiate(UploadMeta {
            bucket: call.bucket.clone(),
            key: call.key.clone(),
            content_type: request::content_type(call.headers).into(),
            headers: request::stored_headers(call.headers),
            storage_class: storage_class.unwrap_or_default(),
        })
        .await
        .map_err(storage_failed)?;
    let document = xml::to_document(&xml::InitiateMultipartUploadResult {
        bucket: call.bucket.clone(),
        key: shown(url, &call.key),
        upload_id,
    });
    Ok(super::response::xml(
        call.rid,
        marked(url, document, "InitiateMultipartUploadResult"),
    ))
}

/// `partNumber`, 1 to 10000 (UploadPart and UploadPartCopy).
pub(super) fn part_number(call: &Call<'_>) -> Result<u32, OssError> {
    let number = request::value(call.query, "partNumber")
        .and_then(|n| n.parse::<u32>().ok())
        .filter(|n| (1..=10_000).contains(n));
    let Some(number) = number else {
        return Err(error(
            400,
            "InvalidArgument",
            "Part number must be an integer between 1 and 10000, inclusive.",
            "0042-00000002",
        ));
    };
    Ok(number)
}

pub(super) async fn upload_part(call: &Call<'_>) -> Result<Response, OssError> {
    let number = part_number(call)?;
    check_upload(call).await?;
    let md5 = request::content_md5(call.headers)?;
    let part = call
        .cloud
        .store
        .put_part(
            upload_id(call),
            number,
            call.body(),
            md5.as_deref(),
            call.corrupt,
        )
        .await
        .map_err(put_failed)?;
    Ok(answer(StatusCode::OK, call.rid)
        .header(header::ETAG, format!("\"{}\"", part.etag))
        .header("x-oss-hash-crc64ecma", part.crc64.to_string())
        .body(Body::empty())
        .unwrap_or_default())
}

pub(super) async fn complete(call: &Call<'_>) -> Result<Response, OssError> {
    check_upload(call).await?;
    let url = url_encoding(call.query)?;
    // Parsed now, so a bad value is refused before the body is read; applied once the part
    // list has been read, the order OSS answers in.
    let forbid = request::forbid_overwrite(call.headers)?;
    let acl = attributes::object_acl(call.headers, Given::Write)?;
    let md5 = request::content_md5(call.headers)?;
    let bytes = axum::body::to_bytes(call.body(), 4 << 20)
        .await
        .map_err(|e| {
            error(
                400,
                "MalformedXML",
                format!("cannot read the body: {e}"),
                "0042-00000301",
            )
        })?;
    if md5.is_some_and(|m| m != Md5::digest(&bytes).as_slice()) {
        return Err(bad_digest());
    }
    let listed = listed_parts(call, &bytes).await?;
    if forbid && exists(call).await {
        return Err(already_exists());
    }
    let meta = call
        .cloud
        .store
        .complete(upload_id(call), &listed, acl)
        .await
        .map_err(complete_failed)?;
    let key = shown(url, &call.key);
    let document = xml::to_document(&xml::CompleteMultipartUploadResult {
        location: format!("/{}/{key}", call.bucket),
        bucket: call.bucket.clone(),
        key,
        etag: format!("\"{}\"", meta.etag),
    });
    let mut response = super::response::xml(
        call.rid,
        marked(url, document, "CompleteMultipartUploadResult"),
    );
    if let Ok(v) = meta.crc64.to_string().parse() {
        response.headers_mut().insert("x-oss-hash-crc64ecma", v);
    }
    Ok(response)
}

/// The parts to join, as (number, ETag): the body's list, or with `x-oss-complete-all: yes`
/// (the only value the vocabulary lets through) every part uploaded, in order, and then the
/// body must hold no list of its own.
async fn listed_parts(call: &Call<'_>, body: &[u8]) -> Result<Vec<(u32, String)>, OssError> {
    if call.headers.contains_key("x-oss-complete-all") {
        if !body.is_empty() {
            return Err(error(
                400,
                "InvalidArgument",
                "x-oss-complete-all: yes takes no part list in the body.",
                "0042-00000320",
            ));
        }
        return Ok(call
            .cloud
            .store
            .parts(upload_id(call))
            .await
            .into_iter()
            .map(|p| (p.number, p.etag))
            .collect());
    }
    let text = String::from_utf8_lossy(body);
    let request: xml::CompleteMultipartUpload = quick_xml::de::from_str(&text).map_err(|_| {
        error(
            400,
            "MalformedXML",
            "The XML you provided was not well-formed or did not validate against our published schema.",
            "0042-00000301",
        )
    })?;
    Ok(request
        .parts
        .into_iter()
        .map(|p| (p.part_number, p.etag))
        .collect())
}

fn complete_failed(e: CompleteError) -> OssError {
    match e {
        CompleteError::NoSuchUpload => error(
            404,
            "NoSuchUpload",
            "The specified upload does not exist.",
            "0042-00000104",
        ),
        CompleteError::InvalidPart(n) => error(
            400,
            "InvalidPart",
            format!("One or more of the specified parts could not be found or the specified entity tag might not have matched the part's entity tag (part {n})."),
            "0042-00000310",
        ),
        CompleteError::InvalidPartOrder => error(
            400,
            "InvalidPartOrder",
            "The list of parts was not in ascending order.",
            "0042-00000311",
        ),
        CompleteError::EntityTooSmall(n) => error(
            400,
            "EntityTooSmall",
            format!("Your proposed upload is smaller than the minimum allowed size: part {n} is under {MIN_PART_SIZE} bytes."),
            "0042-00000312",
        ),
        CompleteError::Io(e) => storage_failed(e),
    }
}

pub(super) async fn abort(call: &Call<'_>) -> Result<Response, OssError> {
    check_upload(call).await?;
    call.cloud.store.abort(upload_id(call)).await;
    Ok(no_content(call.rid))
}

pub(super) async fn list_parts(call: &Call<'_>) -> Result<Response, OssError> {
    let upload = check_upload(call).await?;
    let number = |name: &str| request::value(call.query, name).and_then(|v| v.parse::<u32>().ok());
    let max_parts = number("max-parts").unwrap_or(1000).clamp(1, 1000);
    let marker = number("part-number-marker").unwrap_or(0);
    let upload_id = upload_id(call);
    let all: Vec<_> = call
        .cloud
        .store
        .parts(upload_id)
        .await
        .into_iter()
        .filter(|p| p.number > marker)
        .collect();
    let truncated = all.len() > max_parts as usize;
    let page: Vec<_> = all.into_iter().take(max_parts as usize).collect();
    let url = url_encoding(call.query)?;
    let result = xml::ListPartsResult {
        bucket: call.bucket.clone(),
        key: shown(url, &call.key),
        upload_id: upload_id.to_string(),
        part_number_marker: marker,
        next_part_number_marker: page.last().map(|p| p.number).unwrap_or(marker),
        max_parts,
        is_truncated: truncated,
        parts: page
            .iter()
            .map(|p| xml::ListedPart {
                part_number: p.number,
                last_modified: p.last_modified.clone(),
                etag: format!("\"{}\"", p.etag),
                hash_crc64ecma: Some(p.crc64),
                size: p.size,
            })
            .collect(),
    };
    let document = with_storage_class(xml::to_document(&result), upload.storage_class.name());
    Ok(super::response::xml(
        call.rid,
        marked(url, document, "ListPartsResult"),
    ))
}

/// ListParts names the class the upload will complete into (the official SDKs read
/// `<StorageClass>` there), after `<IsTruncated>`; the document's shape is the client's, in
/// `alicli_wire::oss::xml`, which has no such element.
fn with_storage_class(document: String, class: &str) -> String {
    document.replacen(
        "</IsTruncated>",
        &format!("</IsTruncated><StorageClass>{class}</StorageClass>"),
        1,
    )
}
