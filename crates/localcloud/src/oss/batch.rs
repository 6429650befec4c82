//! DeleteMultipleObjects (`POST /?delete`): up to 1000 keys of one bucket in one request, the
//! way `rm -r` and `sync --delete` clear a prefix.
//!
//! OSS checks the whole request before deleting anything: the body (bounded, with the
//! Content-MD5 OSS requires), every key's name, and every key's `oss:DeleteObject` under the
//! caller's policies. One key the policies refuse refuses the request (403 AccessDenied, the
//! `EC` 0003-00000204 OSS documents for a batch hitting a Deny), and nothing is deleted: OSS's
//! answer has no per-key error element, so a partial success could not be told from a full one.
//! A key that does not exist counts as deleted, as in OSS.

use md5::{Digest as _, Md5};

use alicli_wire::oss::xml;

use super::encoding::{shown, url_encoding};
use super::error::{
    access_denied, bad_digest, error, invalid_object_name, storage_failed, OssError,
};
use super::request;
use super::response::xml as xml_answer;
use super::{policy_denied, Access, Call};

/// The most keys one request may name.
pub(crate) const MAX_KEYS: usize = 1000;

/// The largest body read: 1000 keys of 1023 bytes each, escaped, fit with room to spare.
pub(crate) const MAX_BODY: usize = 2 << 20;

fn malformed(why: &str) -> OssError {
    error(
        400,
        "MalformedXML",
        format!("The XML you provided was not well-formed or did not validate against our published schema: {why}."),
        "0016-00000608",
    )
}

pub(super) async fn delete_multiple(call: &Call<'_>) -> Result<axum::response::Response, OssError> {
    let url = url_encoding(call.query)?;
    // Required by OSS for this operation: a damaged list must not delete the wrong keys.
    let Some(md5) = request::content_md5(call.headers)? else {
        return Err(error(
            400,
            "InvalidDigest",
            "Missing required header for this request: Content-MD5.",
            "0016-00000401",
        ));
    };
    let bytes = axum::body::to_bytes(call.body(), MAX_BODY)
        .await
        .map_err(|_| {
            error(
                400,
                "EntityTooLarge",
                format!(
                    "The body of a DeleteMultipleObjects request is limited to {MAX_BODY} bytes."
                ),
                "0016-00000609",
            )
        })?;
    if md5 != Md5::digest(&bytes).as_slice() {
        return Err(bad_digest());
    }
    let text = std::str::from_utf8(&bytes).map_err(|_| malformed("not UTF-8"))?;
    let delete: xml::Delete =
        quick_xml::de::from_str(text).map_err(|_| malformed("not a Delete document"))?;
    if delete.objects.is_empty() {
        return Err(malformed("no Object to delete"));
    }
    if delete.objects.len() > MAX_KEYS {
        return Err(malformed(&format!("more than {MAX_KEYS} objects")));
    }
    if delete.objects.iter().any(|o| o.version_id.is_some()) {
        return Err(super::error::not_implemented("VersionId (versioning)"));
    }
    if delete
        .objects
        .iter()
        .any(|o| alicli_wire::names::check_key(&o.key).is_err())
    {
        return Err(invalid_object_name());
    }
    let mut refused = Access::Allowed;
    for object in &delete.objects {
        match call.allows("oss:DeleteObject", &call.bucket, Some(&object.key)) {
            Access::Allowed => {}
            Access::Denied => {
                refused = Access::Denied;
                break;
            }
            Access::NotAllowed => refused = Access::NotAllowed,
        }
    }
    match refused {
        Access::Allowed => {}
        Access::Denied => {
            return Err(access_denied(
                "The batch request is denied by the bucket policy or the RAM policy: at least one object matches a Deny.",
                "0003-00000204",
            ))
        }
        Access::NotAllowed => return Err(policy_denied()),
    }
    let mut deleted = Vec::with_capacity(delete.objects.len());
    for object in &delete.objects {
        call.cloud
            .store
            .delete(&call.bucket, &object.key)
            .await
            .map_err(storage_failed)?;
        if !delete.is_quiet() {
            deleted.push(xml::Deleted {
                key: shown(url, &object.key),
            });
        }
    }
    let result = xml::DeleteResult {
        encoding_type: url.then(|| "url".to_string()),
        deleted,
    };
    Ok(xml_answer(call.rid, xml::to_document(&result)))
}
