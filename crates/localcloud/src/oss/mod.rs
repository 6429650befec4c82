//! The local OSS: objects (Put, Get with ranges, Head, Delete, DeleteMultipleObjects, CopyObject,
//! ListObjects v1/v2, their storage classes, GetObjectACL and PutObjectACL) and multipart uploads
//! (Initiate, UploadPart, UploadPartCopy, Complete, Abort, ListParts), with OSS's headers, XML
//! bodies and error documents (`x-oss-err` for HEAD), RAM policy checks on every request (and on
//! every key and copy source), and fault injection.
//!
//! This file is the pipeline every request goes through, in the order OSS answers: name the
//! operation ([`vocabulary`]), count it and apply an armed fault, check the signature, the bucket
//! and the key, the RAM policy, and only then hand it to the operation's handler ([`object`],
//! [`multipart`], [`listing`], [`copy`], [`batch`], [`acl`]). What an object keeps beside its
//! bytes and headers, its class and ACL, is [`attributes`].

mod acl;
pub(crate) mod attributes;
mod batch;
mod conditions;
mod copy;
mod encoding;
mod error;
mod listing;
mod multipart;
mod object;
pub(crate) mod request;
mod response;
mod vocabulary;

use std::net::SocketAddr;
use std::sync::Mutex;

use axum::body::Body;
use axum::extract::Request;
use axum::http::request::Parts;
use axum::http::{HeaderMap, Method};
use axum::response::Response;
use futures_util::StreamExt;

use alicli_policy::{Decision, LayeredDecision, RequestContext};

use crate::auth::{verify_oss, Identity, OssCall};
use crate::cloud::Cloud;
use crate::faults::{self, FaultKind, ResetConnection};
use error::{access_denied, error_response, invalid_object_name, not_implemented, OssError};
use request::Query;
use vocabulary::Operation;

/// 24 upper-case hex digits, the shape of an OSS request id.
fn request_id() -> String {
    uuid::Uuid::new_v4().simple().to_string().to_uppercase()[..24].to_string()
}

/// A request that has passed every check, as the operation handlers get it.
pub(crate) struct Call<'a> {
    pub cloud: &'a Cloud,
    pub bucket: String,
    /// Empty for bucket operations (ListObjects).
    pub key: String,
    pub headers: &'a HeaderMap,
    pub query: &'a Query,
    pub rid: &'a str,
    /// A `corrupt` fault is armed for this request: damage the body stored or sent.
    pub corrupt: bool,
    /// The request body until an operation takes it; what is left is drained by [`handle`].
    unread: &'a Mutex<Option<Body>>,
    /// Who signed, and from where: for the checks an operation makes beyond its own object (a
    /// copy's source, each key of a batch delete).
    identity: &'a Identity<'a>,
    peer: SocketAddr,
}

impl Call<'_> {
    /// The request body, the first time; an empty one after.
    fn body(&self) -> Body {
        self.unread
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .take()
            .unwrap_or_default()
    }

    /// Whether the caller's policies allow `action` on an object (`Some(key)`) or a bucket.
    fn allows(&self, action: &str, bucket: &str, key: Option<&str>) -> Access {
        let decision = self.identity.authorize(
            self.cloud,
            &RequestContext {
                action: action.into(),
                resource: arn(self.cloud, bucket, key),
                context: base_context(self.peer),
            },
        );
        match decision {
            LayeredDecision::Allow(_) => Access::Allowed,
            LayeredDecision::Deny {
                decision: Decision::ExplicitDeny { .. },
                ..
            } => Access::Denied,
            LayeredDecision::Deny { .. } => Access::NotAllowed,
        }
    }
}

/// A RAM answer as OSS words its refusals: an explicit Deny and the lack of an Allow have
/// different `EC`s.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Access {
    Allowed,
    Denied,
    NotAllowed,
}

/// `acs:oss:<region>:<account>:<bucket>[/<key>]`.
fn arn(cloud: &Cloud, bucket: &str, key: Option<&str>) -> String {
    let bucket_arn = format!("acs:oss:{}:{}:{bucket}", cloud.region, cloud.account_id);
    match key {
        Some(key) => format!("{bucket_arn}/{key}"),
        None => bucket_arn,
    }
}

/// The condition keys every OSS request carries.
fn base_context(peer: SocketAddr) -> Vec<(String, String)> {
    vec![
        ("acs:SourceIp".to_string(), peer.ip().to_string()),
        ("acs:SecureTransport".to_string(), "false".to_string()),
        (
            "acs:CurrentTime".to_string(),
            chrono::Utc::now().format("%Y-%m-%dT%H:%M:%SZ").to_string(),
        ),
    ]
}

pub(crate) async fn handle(cloud: &Cloud, peer: SocketAddr, request: Request) -> Response {
    let rid = request_id();
    let is_head = request.method() == Method::HEAD;
    let (parts, body) = request.into_parts();
    let unread = Mutex::new(Some(body));
    let response = match serve(cloud, peer, &parts, &unread, &rid).await {
        Ok(response) => response,
        Err(e) => error_response(&e, &rid, is_head),
    };
    // A refusal comes before the body is read. Answering and closing while the client is still
    // sending makes it see a reset instead of the answer, so read the rest first, as OSS does.
    let leftover = unread.lock().unwrap_or_else(|e| e.into_inner()).take();
    if let Some(body) = leftover {
        if response.extensions().get::<ResetConnection>().is_none() {
            drain(body).await;
        }
    }
    response
}

/// Reads and drops a body (up to 1 GiB: past that the client is not waiting for an answer).
async fn drain(body: Body) {
    let mut stream = body.into_data_stream();
    let mut drained = 0usize;
    while let Some(Ok(chunk)) = stream.next().await {
        drained += chunk.len();
        if drained > 1 << 30 {
            break;
        }
    }
}

async fn serve(
    cloud: &Cloud,
    peer: SocketAddr,
    parts: &Parts,
    unread: &Mutex<Option<Body>>,
    rid: &str,
) -> Result<Response, OssError> {
    let (bucket, key) = request::address(&parts.headers, parts.uri.path(), |b| {
        cloud.store.bucket_exists(b)
    });
    let query = request::parse_query(parts.uri.query());
    // ListBuckets is the one service-level operation: `GET /` naming no bucket, with only its
    // own parameters (`?regions`, `?publicAccessBlock`… are other operations, refused below).
    let list_buckets_only = query.iter().all(|(k, _)| {
        ["prefix", "marker", "max-keys", "resource-group-id"].contains(&k.as_str())
            || vocabulary::SIGNING_PARAMETERS.contains(&k.as_str())
    });
    if bucket.is_none()
        && key.is_none()
        && parts.method == axum::http::Method::GET
        && list_buckets_only
    {
        cloud.count("oss:ListBuckets");
        let identity = signed_by(cloud, parts, None, None, &query)?;
        return listing::list_buckets(cloud, &identity, peer, rid);
    }
    // Decided before anything else, so that a request it would refuse is counted and faulted as
    // "Unsupported", never as the operation it resembles.
    let classified = vocabulary::classify(&parts.method, key.is_some(), &query, &parts.headers);
    let name = classified.as_ref().map_or("Unsupported", |o| o.name());
    cloud.count(&format!("oss:{name}"));
    let corrupt = match apply_fault(cloud.faults.take(name)).await {
        Ok(corrupt) => corrupt,
        Err(response) => return Ok(response),
    };
    let identity = signed_by(cloud, parts, bucket.as_deref(), key.as_deref(), &query)?;
    let bucket = locate(cloud, bucket, key.as_deref())?;
    // After the bucket checks: a bucket that does not exist is NoSuchBucket whatever was asked of
    // it (SDKs probe existence with a call the local cloud refuses, GetBucketAcl).
    let operation = classified.map_err(|what| not_implemented(&what))?;
    let call = Call {
        cloud,
        bucket,
        key: key.unwrap_or_default(),
        headers: &parts.headers,
        query: &query,
        rid,
        corrupt,
        unread,
        identity: &identity,
        peer,
    };
    if !operation.takes_body() {
        request::check_empty_body_digest(call.headers, call.body()).await?;
    }
    authorize(&call, operation)?;
    dispatch(operation, &call).await
}

/// A fault that answers instead of the service; `Corrupt` is handed to the operation.
/// Who signed the request; an unsigned one is refused, as OSS refuses anonymous access to
/// private buckets.
fn signed_by<'a>(
    cloud: &'a Cloud,
    parts: &Parts,
    bucket: Option<&str>,
    key: Option<&str>,
    query: &Query,
) -> Result<Identity<'a>, OssError> {
    let call = OssCall {
        method: parts.method.as_str(),
        bucket,
        key,
        query,
        headers: &request::text_headers(&parts.headers),
    };
    verify_oss(cloud, &call)?.ok_or_else(|| {
        access_denied(
            "Anonymous access is forbidden for this operation.",
            "0003-00000001",
        )
    })
}

async fn apply_fault(kind: Option<FaultKind>) -> Result<bool, Response> {
    match kind {
        None => Ok(false),
        Some(FaultKind::Corrupt) => Ok(true),
        Some(FaultKind::Delay(d)) => {
            tokio::time::sleep(d).await;
            Ok(false)
        }
        Some(FaultKind::Reset) => Err(faults::reset_response()),
        Some(FaultKind::Status(status)) => {
            let code = faults::injected_code(status);
            let message = match code {
                "ServiceUnavailable" => "Please reduce your request rate.",
                "Throttling" => "Request was denied due to request throttling.",
                "InternalError" => "We encountered an internal error. Please try again.",
                _ => "A fault was injected into this request.",
            };
            Err(error_response(
                &error::error(status, code, message, "0000-00000003"),
                &request_id(),
                false,
            ))
        }
    }
}

/// The bucket a request may go on with: named, valid, existing, and in this region; and its key,
/// when it names one, valid by OSS's rule (`alicli_wire::names::check_key`, the rule the client
/// checks before sending).
fn locate(cloud: &Cloud, bucket: Option<String>, key: Option<&str>) -> Result<String, OssError> {
    let Some(bucket) = bucket else {
        return Err(not_implemented("service-level operations"));
    };
    if key.is_some_and(|k| alicli_wire::names::check_key(k).is_err()) {
        return Err(invalid_object_name());
    }
    // `bucket_exists` holds the bucket naming rule (`alicli_wire::names::check_bucket`).
    if !cloud.store.bucket_exists(&bucket) {
        return Err(error::no_such_bucket());
    }
    if let Some(region) = cloud.foreign_buckets.get(&bucket) {
        return Err(access_denied(
            "The bucket you are attempting to access must be addressed using the specified endpoint. Please send all future requests to this endpoint.",
            "0003-00001403",
        )
        .with_endpoint(format!("oss-{region}.aliyuncs.com")));
    }
    Ok(bucket)
}

/// The RAM check: the operation's action on the object (or, for a listing, the bucket, with the
/// prefix and delimiter as condition keys), under the caller's policies. DeleteMultipleObjects
/// names its objects in its body: its handler checks each one.
///
/// The headers RAM offers as condition keys (`oss:x-oss-object-acl`, `oss:x-oss-storage-class`,
/// `oss:x-oss-forbid-overwrite`) are in the context as sent, so a policy can allow writes only
/// without a public ACL, say. Setting an ACL while writing needs `oss:PutObject` alone, as the
/// PutObject documentation lists; PutObjectACL is `oss:PutObjectAcl`.
fn authorize(call: &Call<'_>, operation: Operation) -> Result<(), OssError> {
    if operation == Operation::DeleteMultipleObjects {
        return Ok(());
    }
    let mut context = base_context(call.peer);
    for name in [
        "x-oss-object-acl",
        "x-oss-storage-class",
        "x-oss-forbid-overwrite",
    ] {
        if let Some(value) = call.headers.get(name).and_then(|v| v.to_str().ok()) {
            context.push((format!("oss:{name}"), value.trim().to_string()));
        }
    }
    let resource = if operation == Operation::ListObjects {
        for (key, parameter) in [("oss:Prefix", "prefix"), ("oss:Delimiter", "delimiter")] {
            let value = request::value(call.query, parameter).unwrap_or_default();
            context.push((key.to_string(), value.to_string()));
        }
        arn(call.cloud, &call.bucket, None)
    } else {
        arn(call.cloud, &call.bucket, Some(&call.key))
    };
    let decision = call.identity.authorize(
        call.cloud,
        &RequestContext {
            action: operation.action().into(),
            resource,
            context,
        },
    );
    if !decision.is_allowed() {
        return Err(policy_denied());
    }
    Ok(())
}

/// 403 for a request the caller's policies do not allow.
pub(crate) fn policy_denied() -> OssError {
    access_denied("Access denied by authorizer's policy.", "0003-00000301")
}

/// One handler per operation.
async fn dispatch(operation: Operation, call: &Call<'_>) -> Result<Response, OssError> {
    match operation {
        Operation::PutObject => object::put(call).await,
        Operation::GetObject => object::get(call, false).await,
        Operation::HeadObject => object::get(call, true).await,
        Operation::GetObjectMeta => object::meta(call).await,
        Operation::CopyObject => copy::copy_object(call).await,
        Operation::DeleteObject => object::delete(call).await,
        Operation::DeleteMultipleObjects => batch::delete_multiple(call).await,
        Operation::ListObjects => listing::list(call).await,
        Operation::InitiateMultipartUpload => multipart::initiate(call).await,
        Operation::UploadPart => multipart::upload_part(call).await,
        Operation::UploadPartCopy => copy::upload_part_copy(call).await,
        Operation::CompleteMultipartUpload => multipart::complete(call).await,
        Operation::AbortMultipartUpload => multipart::abort(call).await,
        Operation::ListParts => multipart::list_parts(call).await,
        Operation::GetObjectAcl => acl::get_acl(call).await,
        Operation::PutObjectAcl => acl::put_acl(call).await,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::{CloudConfig, DEFAULT_BUCKET};

    fn code(result: Result<String, OssError>) -> String {
        result.map_or_else(|e| e.code().to_string(), |_| "ok".into())
    }

    #[test]
    fn locate_applies_the_wire_key_rule_and_the_bucket_checks() {
        let dir = tempfile::tempdir().unwrap();
        let config = CloudConfig {
            buckets: vec![DEFAULT_BUCKET.into(), "elsewhere@cn-beijing".into()],
            ..CloudConfig::default()
        };
        let (cloud, _) = Cloud::new(&config, dir.path()).unwrap();
        let at = |bucket: &str, key: Option<&str>| code(locate(&cloud, Some(bucket.into()), key));
        assert_eq!(at(DEFAULT_BUCKET, Some("a/b")), "ok");
        assert_eq!(at(DEFAULT_BUCKET, None), "ok");
        assert_eq!(at(DEFAULT_BUCKET, Some(&"k".repeat(1023))), "ok");
        assert_eq!(
            at(DEFAULT_BUCKET, Some(&"k".repeat(1024))),
            "InvalidObjectName"
        );
        assert_eq!(at(DEFAULT_BUCKET, Some("\\k")), "InvalidObjectName");
        assert_eq!(at(DEFAULT_BUCKET, Some("/k")), "InvalidObjectName");
        assert_eq!(at("no-such-bucket", Some("k")), "NoSuchBucket");
        assert_eq!(at("Not_A_Bucket", Some("k")), "NoSuchBucket");
        assert_eq!(at("elsewhere", Some("k")), "AccessDenied");
        assert_eq!(code(locate(&cloud, None, None)), "NotImplemented");
    }
}
