//! The local OSS: objects (Put, Get with ranges, Head, Delete, ListObjects v1/v2) and multipart
//! uploads (Initiate, UploadPart, Complete, Abort, ListParts), with OSS's headers, XML bodies and
//! error documents (`x-oss-err` for HEAD), RAM policy checks on every request, and fault injection.

use std::net::SocketAddr;

use axum::body::Body;
use axum::extract::Request;
use axum::http::{header, HeaderMap, Method, StatusCode};
use axum::response::Response;
use base64::Engine;
use futures_util::StreamExt;
use md5::{Digest as _, Md5};
use percent_encoding::percent_decode_str;

use alicli_policy::RequestContext;
use alicli_wire::oss::error_body::ErrorBody;
use alicli_wire::oss::xml;

use super::auth::{verify_oss, OssCall, Refusal};
use super::conditions::{self, Precondition, RangeAnswer};
use super::faults::{FaultKind, ResetConnection};
use super::listing;
use super::store::{CompleteError, NewObject, PutError, MIN_PART_SIZE};
use super::vocabulary::{self, Operation};
use super::{request_id, Cloud};

pub(crate) struct OssError {
    status: u16,
    code: String,
    message: String,
    ec: &'static str,
    /// What a signature mismatch echoes back (boxed: rare, and it keeps `Result`s small).
    echo: Option<Box<Echo>>,
    /// Bucket in another region: the endpoint to use.
    endpoint: String,
}

struct Echo {
    string_to_sign: String,
    canonical_request: String,
    access_key_id: String,
}

pub(super) fn error(
    status: u16,
    code: &str,
    message: impl Into<String>,
    ec: &'static str,
) -> OssError {
    OssError {
        status,
        code: code.into(),
        message: message.into(),
        ec,
        echo: None,
        endpoint: String::new(),
    }
}

impl From<Refusal> for OssError {
    fn from(r: Refusal) -> Self {
        let ec = match r.code {
            "SignatureDoesNotMatch" => "0002-00000040",
            "InvalidAccessKeyId" => "0002-00000902",
            "InvalidSecurityToken" | "SecurityTokenExpired" => "0002-00000905",
            "RequestTimeTooSkewed" => "0002-00000504",
            _ => "0002-00000001",
        };
        OssError {
            status: r.status,
            code: r.code.into(),
            message: r.message,
            ec,
            endpoint: String::new(),
            echo: (r.string_to_sign.is_some() || r.access_key_id.is_some()).then(|| {
                Box::new(Echo {
                    string_to_sign: r.string_to_sign.unwrap_or_default(),
                    canonical_request: r.canonical_request.unwrap_or_default(),
                    access_key_id: r.access_key_id.unwrap_or_default(),
                })
            }),
        }
    }
}

/// 501 for something the local cloud does not do, so a client never takes a request it did not
/// carry out for one that succeeded.
fn not_implemented(what: &str) -> OssError {
    error(
        501,
        "NotImplemented",
        format!("The local cloud does not implement {what}."),
        "0000-00000001",
    )
}

pub(super) fn storage_failed(e: impl std::fmt::Display) -> OssError {
    error(
        500,
        "InternalError",
        format!("local cloud storage failed: {e}"),
        "0000-00000002",
    )
}

/// Bucket and key from the Host header and path: the first label of the host is the bucket when
/// it names one (virtual-hosted), otherwise the path starts with it (path-style).
fn address(
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
fn parse_query(query: Option<&str>) -> Vec<(String, Option<String>)> {
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

pub(crate) async fn handle(cloud: &Cloud, peer: SocketAddr, request: Request) -> Response {
    let rid = request_id();
    let is_head = request.method() == Method::HEAD;
    let (parts, body) = request.into_parts();
    let unread = std::sync::Mutex::new(Some(body));
    let response = match serve(cloud, peer, parts, &unread, &rid).await {
        Ok(response) => response,
        Err(e) => error_response(&e, &rid, is_head),
    };
    // A refusal comes before the body is read. Answering and closing while the client is still
    // sending makes it see a reset instead of the answer, so read the rest first, as OSS does.
    let leftover = unread.lock().unwrap_or_else(|e| e.into_inner()).take();
    if let Some(body) = leftover {
        if response.extensions().get::<ResetConnection>().is_none() {
            let mut stream = body.into_data_stream();
            let mut drained = 0usize;
            while let Some(Ok(chunk)) = stream.next().await {
                drained += chunk.len();
                if drained > 1 << 30 {
                    break;
                }
            }
        }
    }
    response
}

fn error_response(e: &OssError, rid: &str, is_head: bool) -> Response {
    let body = ErrorBody {
        code: e.code.clone(),
        message: e.message.clone(),
        request_id: rid.to_string(),
        host_id: "localhost".into(),
        ec: e.ec.to_string(),
        string_to_sign: e
            .echo
            .as_ref()
            .map(|x| x.string_to_sign.clone())
            .unwrap_or_default(),
        oss_access_key_id: e
            .echo
            .as_ref()
            .map(|x| x.access_key_id.clone())
            .unwrap_or_default(),
        canonical_request: e
            .echo
            .as_ref()
            .map(|x| x.canonical_request.clone())
            .unwrap_or_default(),
        endpoint: e.endpoint.clone(),
        ..Default::default()
    };
    let xml = body.to_xml();
    let builder = Response::builder()
        .status(StatusCode::from_u16(e.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR))
        .header("x-oss-request-id", rid)
        .header("x-oss-ec", e.ec)
        .header("Server", "AliyunOSS");
    let response = if is_head {
        builder
            .header(
                "x-oss-err",
                base64::engine::general_purpose::STANDARD.encode(xml.as_bytes()),
            )
            .body(Body::empty())
    } else {
        builder
            .header(header::CONTENT_TYPE, "application/xml")
            .body(Body::from(xml))
    };
    response.unwrap_or_default()
}

/// A fault that answers instead of the service; `Corrupt` is handed to the operation.
async fn apply_fault(kind: Option<FaultKind>) -> Result<bool, Response> {
    match kind {
        None => Ok(false),
        Some(FaultKind::Corrupt) => Ok(true),
        Some(FaultKind::Delay(d)) => {
            tokio::time::sleep(d).await;
            Ok(false)
        }
        Some(FaultKind::Reset) => {
            let mut response = Response::new(Body::empty());
            response.extensions_mut().insert(ResetConnection);
            Err(response)
        }
        Some(FaultKind::Status(status)) => {
            let (code, message) = match status {
                503 => ("ServiceUnavailable", "Please reduce your request rate."),
                429 => (
                    "Throttling",
                    "Request was denied due to request throttling.",
                ),
                _ if status >= 500 => (
                    "InternalError",
                    "We encountered an internal error. Please try again.",
                ),
                _ => ("InjectedFault", "A fault was injected into this request."),
            };
            Err(error_response(
                &error(status, code, message, "0000-00000003"),
                &request_id(),
                false,
            ))
        }
    }
}

fn xml_response(rid: &str, document: String) -> Response {
    Response::builder()
        .status(StatusCode::OK)
        .header("x-oss-request-id", rid)
        .header("Server", "AliyunOSS")
        .header(header::CONTENT_TYPE, "application/xml")
        .body(Body::from(document))
        .unwrap_or_default()
}

async fn serve(
    cloud: &Cloud,
    peer: SocketAddr,
    parts: axum::http::request::Parts,
    unread: &std::sync::Mutex<Option<Body>>,
    rid: &str,
) -> Result<Response, OssError> {
    let body = || {
        unread
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .take()
            .unwrap_or_default()
    };
    let (bucket, key) = address(&parts.headers, parts.uri.path(), |b| {
        cloud.store.bucket_exists(b)
    });
    let query = parse_query(parts.uri.query());
    let headers: Vec<(String, String)> = parts
        .headers
        .iter()
        .filter_map(|(k, v)| {
            v.to_str()
                .ok()
                .map(|v| (k.as_str().to_string(), v.to_string()))
        })
        .collect();
    // Decided before anything else, so that a request it would refuse is counted and faulted as
    // "Unsupported", never as the operation it resembles.
    let classified = vocabulary::classify(&parts.method, key.is_some(), &query, &parts.headers);
    let name = classified.as_ref().map_or("Unsupported", |o| o.name());
    cloud.count(&format!("oss:{name}"));
    let corrupt = match apply_fault(cloud.faults.take(name)).await {
        Ok(corrupt) => corrupt,
        Err(response) => return Ok(response),
    };
    let call = OssCall {
        method: parts.method.as_str(),
        bucket: bucket.as_deref(),
        key: key.as_deref(),
        query: &query,
        headers: &headers,
    };
    let identity = verify_oss(cloud, &call)?.ok_or_else(|| {
        error(
            403,
            "AccessDenied",
            "Anonymous access is forbidden for this operation.",
            "0003-00000001",
        )
    })?;
    let Some(bucket) = bucket else {
        return Err(not_implemented("service-level operations"));
    };
    let key = key.unwrap_or_default();
    if key.len() > 1023 || key.starts_with('\\') {
        return Err(error(
            400,
            "InvalidObjectName",
            "The specified object name is not valid.",
            "0016-00000001",
        ));
    }
    if !cloud.store.bucket_exists(&bucket) {
        return Err(error(
            404,
            "NoSuchBucket",
            "The specified bucket does not exist.",
            "0015-00000101",
        ));
    }
    if let Some(region) = cloud.foreign_buckets.get(&bucket) {
        let mut e = error(
            403,
            "AccessDenied",
            "The bucket you are attempting to access must be addressed using the specified endpoint. Please send all future requests to this endpoint.",
            "0003-00001403",
        );
        e.endpoint = format!("oss-{region}.aliyuncs.com");
        return Err(e);
    }
    // After the bucket checks: a bucket that does not exist is NoSuchBucket whatever was asked of
    // it (SDKs probe existence with a call the local cloud refuses, GetBucketAcl).
    let operation = classified.map_err(|what| not_implemented(&what))?;
    if !matches!(
        operation,
        Operation::PutObject | Operation::UploadPart | Operation::CompleteMultipartUpload
    ) {
        check_empty_body_digest(&parts.headers, &body).await?;
    }
    let query_value = |name: &str| {
        query
            .iter()
            .find(|(k, _)| k == name)
            .and_then(|(_, v)| v.clone())
    };
    let mut context = vec![
        ("acs:SourceIp".to_string(), peer.ip().to_string()),
        ("acs:SecureTransport".to_string(), "false".to_string()),
        (
            "acs:CurrentTime".to_string(),
            chrono::Utc::now().format("%Y-%m-%dT%H:%M:%SZ").to_string(),
        ),
    ];
    let resource = if operation == Operation::ListObjects {
        context.push((
            "oss:Prefix".into(),
            query_value("prefix").unwrap_or_default(),
        ));
        context.push((
            "oss:Delimiter".into(),
            query_value("delimiter").unwrap_or_default(),
        ));
        format!("acs:oss:{}:{}:{bucket}", cloud.region, cloud.account_id)
    } else {
        format!(
            "acs:oss:{}:{}:{bucket}/{key}",
            cloud.region, cloud.account_id
        )
    };
    let decision = identity.authorize(
        cloud,
        &RequestContext {
            action: operation.action().into(),
            resource,
            context,
        },
    );
    if !decision.is_allowed() {
        return Err(error(
            403,
            "AccessDenied",
            "Access denied by authorizer's policy.",
            "0003-00000301",
        ));
    }

    let upload_id = query_value("uploadId").unwrap_or_default();
    match operation {
        Operation::PutObject => {
            put_object(cloud, &bucket, &key, &parts.headers, &body, rid, corrupt).await
        }
        Operation::GetObjectMeta => object_meta(cloud, &bucket, &key, rid).await,
        Operation::GetObject | Operation::HeadObject => {
            get_object(
                cloud,
                &bucket,
                &key,
                &parts.headers,
                &query,
                operation == Operation::HeadObject,
                rid,
                corrupt,
            )
            .await
        }
        Operation::DeleteObject => {
            cloud
                .store
                .delete(&bucket, &key)
                .await
                .map_err(storage_failed)?;
            Ok(Response::builder()
                .status(StatusCode::NO_CONTENT)
                .header("x-oss-request-id", rid)
                .body(Body::empty())
                .unwrap_or_default())
        }
        Operation::ListObjects => Ok(xml_response(
            rid,
            listing::list_objects(cloud, &bucket, &query).await?,
        )),
        Operation::InitiateMultipartUpload => {
            let url = listing::url_encoding(&query)?;
            if forbid_overwrite(&parts.headers)? && cloud.store.meta(&bucket, &key).await.is_some()
            {
                return Err(already_exists());
            }
            let content_type = parts
                .headers
                .get(header::CONTENT_TYPE)
                .and_then(|v| v.to_str().ok())
                .unwrap_or("application/octet-stream");
            let upload_id = cloud
                .store
                .initiate(&bucket, &key, content_type, stored_headers(&parts.headers))
                .await
                .map_err(storage_failed)?;
            let document = xml::to_document(&xml::InitiateMultipartUploadResult {
                bucket,
                key: if url { listing::encode(&key) } else { key },
                upload_id,
            });
            Ok(xml_response(
                rid,
                if url {
                    listing::mark_url_encoded(document, "InitiateMultipartUploadResult")
                } else {
                    document
                },
            ))
        }
        Operation::UploadPart => {
            let number = query_value("partNumber")
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
            upload_part(
                cloud,
                &bucket,
                &key,
                &upload_id,
                number,
                &parts.headers,
                &body,
                rid,
                corrupt,
            )
            .await
        }
        Operation::CompleteMultipartUpload => {
            complete(
                cloud,
                &bucket,
                &key,
                &upload_id,
                &parts.headers,
                &query,
                &body,
                rid,
            )
            .await
        }
        Operation::AbortMultipartUpload => {
            check_upload(cloud, &bucket, &key, &upload_id).await?;
            cloud.store.abort(&upload_id).await;
            Ok(Response::builder()
                .status(StatusCode::NO_CONTENT)
                .header("x-oss-request-id", rid)
                .body(Body::empty())
                .unwrap_or_default())
        }
        Operation::ListParts => list_parts(cloud, &bucket, &key, &upload_id, &query, rid).await,
    }
}

/// Listings give times in ISO 8601 with milliseconds (`2026-01-13T15:03:39.000Z`), as OSS does
/// and as the SDKs parse them; objects keep theirs in HTTP form for Last-Modified.
pub(super) fn iso8601(http_date: &str) -> String {
    chrono::DateTime::parse_from_rfc2822(http_date)
        .map(|t| {
            t.with_timezone(&chrono::Utc)
                .format("%Y-%m-%dT%H:%M:%S.000Z")
                .to_string()
        })
        .unwrap_or_default()
}

/// Request headers OSS keeps with an object and sends back on GET/HEAD.
const STORED_HEADERS: &[&str] = &[
    "cache-control",
    "content-disposition",
    "content-encoding",
    "content-language",
    "expires",
];

fn stored_headers(headers: &HeaderMap) -> Vec<(String, String)> {
    headers
        .iter()
        .filter(|(k, _)| {
            k.as_str().starts_with("x-oss-meta-") || STORED_HEADERS.contains(&k.as_str())
        })
        .filter_map(|(k, v)| {
            v.to_str()
                .ok()
                .map(|v| (k.as_str().to_string(), v.to_string()))
        })
        .collect()
}

fn content_md5(headers: &HeaderMap) -> Result<Option<Vec<u8>>, OssError> {
    match headers.get("content-md5").and_then(|v| v.to_str().ok()) {
        Some(m) => base64::engine::general_purpose::STANDARD
            .decode(m.trim())
            .ok()
            .filter(|d| d.len() == 16)
            .map(Some)
            .ok_or_else(|| {
                error(
                    400,
                    "InvalidDigest",
                    "The Content-MD5 you specified is not valid.",
                    "0016-00000401",
                )
            }),
        None => Ok(None),
    }
}

fn bad_digest() -> OssError {
    error(
        400,
        "BadDigest",
        "The Content-MD5 you specified did not match what we received.",
        "0016-00000402",
    )
}

/// A request with no body of its own (GET, HEAD, DELETE, Initiate…) may still carry Content-MD5
/// (the v2 SDK sends the empty body's): it must be well formed and match what came.
async fn check_empty_body_digest(
    headers: &HeaderMap,
    body: &(dyn Fn() -> Body + Sync),
) -> Result<(), OssError> {
    let Some(md5) = content_md5(headers)? else {
        return Ok(());
    };
    let bytes = axum::body::to_bytes(body(), 1 << 20).await.map_err(|e| {
        error(
            400,
            "IncompleteBody",
            format!("cannot read the body: {e}"),
            "0016-00000403",
        )
    })?;
    if md5 != Md5::digest(&bytes).as_slice() {
        return Err(bad_digest());
    }
    Ok(())
}

/// `x-oss-forbid-overwrite`: `true` or `false`, anything else is refused as OSS refuses it.
fn forbid_overwrite(headers: &HeaderMap) -> Result<bool, OssError> {
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

fn already_exists() -> OssError {
    error(
        409,
        "FileAlreadyExists",
        "The object you specified already exists and can not be overwritten.",
        "0016-00000708",
    )
}

fn no_such_key() -> OssError {
    error(
        404,
        "NoSuchKey",
        "The specified key does not exist.",
        "0026-00000001",
    )
}

fn put_failed(e: PutError) -> OssError {
    match e {
        PutError::BadDigest => bad_digest(),
        PutError::Body(m) => error(
            400,
            "IncompleteBody",
            format!("The request body ended early: {m}"),
            "0016-00000403",
        ),
        PutError::Io(e) => storage_failed(e),
    }
}

async fn put_object(
    cloud: &Cloud,
    bucket: &str,
    key: &str,
    headers: &HeaderMap,
    body: &(dyn Fn() -> Body + Sync),
    rid: &str,
    corrupt: bool,
) -> Result<Response, OssError> {
    let content_type = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("application/octet-stream")
        .to_string();
    let md5 = content_md5(headers)?;
    if forbid_overwrite(headers)? && cloud.store.meta(bucket, key).await.is_some() {
        return Err(already_exists());
    }
    let meta = cloud
        .store
        .put(
            bucket,
            key,
            body(),
            NewObject {
                content_type: &content_type,
                headers: stored_headers(headers),
                content_md5: md5.as_deref(),
                corrupt,
            },
        )
        .await
        .map_err(put_failed)?;
    Ok(Response::builder()
        .status(StatusCode::OK)
        .header("x-oss-request-id", rid)
        .header("Server", "AliyunOSS")
        .header(header::ETAG, format!("\"{}\"", meta.etag))
        .header("Content-MD5", &meta.content_md5)
        .header("x-oss-hash-crc64ecma", meta.crc64.to_string())
        .body(Body::empty())
        .unwrap_or_default())
}

#[allow(clippy::too_many_arguments)]
async fn get_object(
    cloud: &Cloud,
    bucket: &str,
    key: &str,
    headers: &HeaderMap,
    query: &[(String, Option<String>)],
    head_only: bool,
    rid: &str,
    corrupt: bool,
) -> Result<Response, OssError> {
    let meta = cloud.store.meta(bucket, key).await.ok_or_else(|| {
        error(
            404,
            "NoSuchKey",
            "The specified key does not exist.",
            "0026-00000001",
        )
    })?;
    match conditions::evaluate(headers, &meta.etag, &meta.last_modified) {
        Precondition::Proceed => {}
        Precondition::NotModified => {
            // 304 carries the validators and no body, on GET and HEAD alike.
            return Ok(Response::builder()
                .status(StatusCode::NOT_MODIFIED)
                .header("x-oss-request-id", rid)
                .header("Server", "AliyunOSS")
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
    let standard = match headers
        .get("x-oss-range-behavior")
        .map(|v| v.to_str().unwrap_or_default().trim())
    {
        None => false,
        Some(v) if v.eq_ignore_ascii_case("standard") => true,
        Some(_) => return Err(not_implemented("this x-oss-range-behavior")),
    };
    // HEAD describes the whole object whatever the Range says.
    let range = match headers.get(header::RANGE).and_then(|v| v.to_str().ok()) {
        Some(r) if !head_only => match conditions::resolve_range(r, meta.size, standard) {
            RangeAnswer::Whole => None,
            RangeAnswer::Part(a, b) => Some((a, b)),
            RangeAnswer::Unsatisfiable => {
                return Err(error(
                    416,
                    "InvalidRange",
                    "The requested range cannot be satisfied.",
                    "0016-00000503",
                ))
            }
        },
        _ => None,
    };
    let (status, start, len) = match range {
        Some((a, b)) => (StatusCode::PARTIAL_CONTENT, a, b - a + 1),
        None => (StatusCode::OK, 0, meta.size),
    };
    // `response-content-type=…` and friends override what is stored, for this answer only.
    let overridden = |name: &str| {
        query
            .iter()
            .find(|(k, _)| k.strip_prefix("response-") == Some(name))
            .and_then(|(_, v)| v.clone())
    };
    let content_type = overridden("content-type").unwrap_or_else(|| meta.content_type.clone());
    let mut builder = Response::builder()
        .status(status)
        .header("x-oss-request-id", rid)
        .header("Server", "AliyunOSS")
        .header(header::CONTENT_TYPE, content_type)
        .header(header::CONTENT_LENGTH, len.to_string())
        .header(header::ETAG, format!("\"{}\"", meta.etag))
        .header(header::LAST_MODIFIED, &meta.last_modified)
        .header(header::ACCEPT_RANGES, "bytes")
        .header(
            "x-oss-object-type",
            if meta.content_md5.is_empty() {
                "Multipart"
            } else {
                "Normal"
            },
        )
        .header("x-oss-hash-crc64ecma", meta.crc64.to_string());
    if !meta.content_md5.is_empty() {
        builder = builder.header("Content-MD5", &meta.content_md5);
    }
    for name in STORED_HEADERS {
        let value = overridden(name).or_else(|| {
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
    if let Some((a, b)) = range {
        builder = builder.header(
            header::CONTENT_RANGE,
            format!("bytes {a}-{b}/{}", meta.size),
        );
    }
    if head_only {
        return Ok(builder.body(Body::empty()).unwrap_or_default());
    }
    use futures_util::TryStreamExt;
    use tokio::io::{AsyncReadExt, AsyncSeekExt};
    let pieces = cloud.store.pieces(bucket, &meta, start, len);
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
    let body = if corrupt {
        let mut first = true;
        Body::from_stream(stream.map(move |chunk| {
            chunk.map(|c| {
                if std::mem::take(&mut first) && !c.is_empty() {
                    let mut damaged = c.to_vec();
                    damaged[0] ^= 0x01;
                    bytes::Bytes::from(damaged)
                } else {
                    c
                }
            })
        }))
    } else {
        Body::from_stream(stream)
    };
    Ok(builder.body(body).unwrap_or_default())
}

async fn check_upload(
    cloud: &Cloud,
    bucket: &str,
    key: &str,
    upload_id: &str,
) -> Result<(), OssError> {
    match cloud.store.upload(upload_id).await {
        Some(u) if u.bucket == bucket && u.key == key => Ok(()),
        _ => Err(error(
            404,
            "NoSuchUpload",
            "The specified upload does not exist. The upload ID may be invalid, or the upload may have been aborted or completed.",
            "0042-00000104",
        )),
    }
}

#[allow(clippy::too_many_arguments)]
async fn upload_part(
    cloud: &Cloud,
    bucket: &str,
    key: &str,
    upload_id: &str,
    number: u32,
    headers: &HeaderMap,
    body: &(dyn Fn() -> Body + Sync),
    rid: &str,
    corrupt: bool,
) -> Result<Response, OssError> {
    check_upload(cloud, bucket, key, upload_id).await?;
    let md5 = content_md5(headers)?;
    let part = cloud
        .store
        .put_part(upload_id, number, body(), md5.as_deref(), corrupt)
        .await
        .map_err(put_failed)?;
    Ok(Response::builder()
        .status(StatusCode::OK)
        .header("x-oss-request-id", rid)
        .header("Server", "AliyunOSS")
        .header(header::ETAG, format!("\"{}\"", part.etag))
        .header("x-oss-hash-crc64ecma", part.crc64.to_string())
        .body(Body::empty())
        .unwrap_or_default())
}

#[allow(clippy::too_many_arguments)]
async fn complete(
    cloud: &Cloud,
    bucket: &str,
    key: &str,
    upload_id: &str,
    headers: &HeaderMap,
    query: &[(String, Option<String>)],
    body: &(dyn Fn() -> Body + Sync),
    rid: &str,
) -> Result<Response, OssError> {
    check_upload(cloud, bucket, key, upload_id).await?;
    let url = listing::url_encoding(query)?;
    let forbid = forbid_overwrite(headers)?;
    let md5 = content_md5(headers)?;
    let bytes = axum::body::to_bytes(body(), 4 << 20).await.map_err(|e| {
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
    // `x-oss-complete-all: yes` (the only value the vocabulary lets through) takes every part
    // uploaded, in order, and forbids a list of its own.
    let listed: Vec<(u32, String)> = if headers.contains_key("x-oss-complete-all") {
        if !bytes.is_empty() {
            return Err(error(
                400,
                "InvalidArgument",
                "x-oss-complete-all: yes takes no part list in the body.",
                "0042-00000320",
            ));
        }
        cloud
            .store
            .parts(upload_id)
            .await
            .into_iter()
            .map(|p| (p.number, p.etag))
            .collect()
    } else {
        let text = String::from_utf8_lossy(&bytes);
        let request: xml::CompleteMultipartUpload = quick_xml::de::from_str(&text)
            .map_err(|_| error(400, "MalformedXML", "The XML you provided was not well-formed or did not validate against our published schema.", "0042-00000301"))?;
        request
            .parts
            .into_iter()
            .map(|p| (p.part_number, p.etag))
            .collect()
    };
    if forbid && cloud.store.meta(bucket, key).await.is_some() {
        return Err(already_exists());
    }
    let meta = cloud.store.complete(upload_id, &listed).await.map_err(|e| match e {
        CompleteError::NoSuchUpload => error(404, "NoSuchUpload", "The specified upload does not exist.", "0042-00000104"),
        CompleteError::InvalidPart(n) => error(
            400,
            "InvalidPart",
            format!("One or more of the specified parts could not be found or the specified entity tag might not have matched the part's entity tag (part {n})."),
            "0042-00000310",
        ),
        CompleteError::InvalidPartOrder => error(400, "InvalidPartOrder", "The list of parts was not in ascending order.", "0042-00000311"),
        CompleteError::EntityTooSmall(n) => error(
            400,
            "EntityTooSmall",
            format!("Your proposed upload is smaller than the minimum allowed size: part {n} is under {MIN_PART_SIZE} bytes."),
            "0042-00000312",
        ),
        CompleteError::Io(e) => storage_failed(e),
    })?;
    let shown = if url {
        listing::encode(key)
    } else {
        key.to_string()
    };
    let document = xml::to_document(&xml::CompleteMultipartUploadResult {
        location: format!("/{bucket}/{shown}"),
        bucket: bucket.to_string(),
        key: shown,
        etag: format!("\"{}\"", meta.etag),
    });
    let document = if url {
        listing::mark_url_encoded(document, "CompleteMultipartUploadResult")
    } else {
        document
    };
    let mut response = xml_response(rid, document);
    if let Ok(v) = meta.crc64.to_string().parse() {
        response.headers_mut().insert("x-oss-hash-crc64ecma", v);
    }
    Ok(response)
}

/// GetObjectMeta (`HEAD /key?objectMeta`): size, ETag, Last-Modified and CRC-64, none of the
/// object's other headers.
async fn object_meta(
    cloud: &Cloud,
    bucket: &str,
    key: &str,
    rid: &str,
) -> Result<Response, OssError> {
    let meta = cloud
        .store
        .meta(bucket, key)
        .await
        .ok_or_else(no_such_key)?;
    Ok(Response::builder()
        .status(StatusCode::OK)
        .header("x-oss-request-id", rid)
        .header("Server", "AliyunOSS")
        .header(header::CONTENT_LENGTH, meta.size.to_string())
        .header(header::ETAG, format!("\"{}\"", meta.etag))
        .header(header::LAST_MODIFIED, &meta.last_modified)
        .header("x-oss-hash-crc64ecma", meta.crc64.to_string())
        .body(Body::empty())
        .unwrap_or_default())
}

async fn list_parts(
    cloud: &Cloud,
    bucket: &str,
    key: &str,
    upload_id: &str,
    query: &[(String, Option<String>)],
    rid: &str,
) -> Result<Response, OssError> {
    check_upload(cloud, bucket, key, upload_id).await?;
    let value = |name: &str| {
        query
            .iter()
            .find(|(k, _)| k == name)
            .and_then(|(_, v)| v.as_deref())
            .and_then(|v| v.parse::<u32>().ok())
    };
    let max_parts = value("max-parts").unwrap_or(1000).clamp(1, 1000);
    let marker = value("part-number-marker").unwrap_or(0);
    let all: Vec<_> = cloud
        .store
        .parts(upload_id)
        .await
        .into_iter()
        .filter(|p| p.number > marker)
        .collect();
    let truncated = all.len() > max_parts as usize;
    let page: Vec<_> = all.into_iter().take(max_parts as usize).collect();
    let url = listing::url_encoding(query)?;
    let result = xml::ListPartsResult {
        bucket: bucket.to_string(),
        key: if url {
            listing::encode(key)
        } else {
            key.to_string()
        },
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
    let document = xml::to_document(&result);
    Ok(xml_response(
        rid,
        if url {
            listing::mark_url_encoded(document, "ListPartsResult")
        } else {
            document
        },
    ))
}
