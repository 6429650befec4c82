//! The local OSS: PutObject, GetObject and HeadObject, with OSS's headers, XML error bodies
//! (`x-oss-err` for HEAD) and RAM policy checks on every request.

use std::net::SocketAddr;

use axum::body::Body;
use axum::extract::Request;
use axum::http::{header, HeaderMap, Method, StatusCode};
use axum::response::Response;
use base64::Engine;
use percent_encoding::percent_decode_str;

use crate::oss::error_body::ErrorBody;
use crate::policy::RequestContext;

use super::auth::{verify_oss, OssCall, Refusal};
use super::store::PutError;
use super::{request_id, Cloud};

pub(crate) struct OssError {
    status: u16,
    code: String,
    message: String,
    ec: &'static str,
    string_to_sign: String,
    canonical_request: String,
    access_key_id: String,
}

fn error(status: u16, code: &str, message: impl Into<String>, ec: &'static str) -> OssError {
    OssError {
        status,
        code: code.into(),
        message: message.into(),
        ec,
        string_to_sign: String::new(),
        canonical_request: String::new(),
        access_key_id: String::new(),
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
            string_to_sign: r.string_to_sign.unwrap_or_default(),
            canonical_request: r.canonical_request.unwrap_or_default(),
            access_key_id: r.access_key_id.unwrap_or_default(),
        }
    }
}

/// Bucket and key from the Host header and path: path-style for IP/localhost hosts, otherwise the
/// first label of the host is the bucket.
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
    let virtual_bucket = crate::endpoint::Endpoint::parse(&format!("http://{host}"))
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
fn parse_query(query: Option<&str>) -> Vec<(String, Option<String>)> {
    let decode = |s: &str| percent_decode_str(s).decode_utf8_lossy().into_owned();
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
    let method = request.method().clone();
    let is_head = method == Method::HEAD;
    match serve(cloud, peer, request, &rid).await {
        Ok(response) => response,
        Err(e) => error_response(&e, &rid, is_head),
    }
}

fn error_response(e: &OssError, rid: &str, is_head: bool) -> Response {
    let body = ErrorBody {
        code: e.code.clone(),
        message: e.message.clone(),
        request_id: rid.to_string(),
        host_id: "localhost".into(),
        ec: e.ec.to_string(),
        string_to_sign: e.string_to_sign.clone(),
        oss_access_key_id: e.access_key_id.clone(),
        canonical_request: e.canonical_request.clone(),
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

async fn serve(
    cloud: &Cloud,
    peer: SocketAddr,
    request: Request,
    rid: &str,
) -> Result<Response, OssError> {
    let (parts, body) = request.into_parts();
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
    let operation = match (&parts.method, key.is_some()) {
        (&Method::GET, true) => "GetObject",
        (&Method::HEAD, true) => "HeadObject",
        (&Method::PUT, true) => "PutObject",
        _ => "Unsupported",
    };
    cloud.count(&format!("oss:{operation}"));
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
    if operation == "Unsupported" {
        return Err(error(
            501,
            "NotImplemented",
            "The local cloud does not implement this operation.",
            "0000-00000001",
        ));
    }
    let bucket = bucket.unwrap_or_default();
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
    let action = match operation {
        "PutObject" => "oss:PutObject",
        _ => "oss:GetObject",
    };
    let context = vec![
        ("acs:SourceIp".to_string(), peer.ip().to_string()),
        ("acs:SecureTransport".to_string(), "false".to_string()),
        (
            "acs:CurrentTime".to_string(),
            chrono::Utc::now().format("%Y-%m-%dT%H:%M:%SZ").to_string(),
        ),
    ];
    let resource = format!(
        "acs:oss:{}:{}:{bucket}/{key}",
        cloud.region, cloud.account_id
    );
    let decision = identity.authorize(
        cloud,
        &RequestContext {
            action: action.into(),
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

    match operation {
        "PutObject" => put_object(cloud, &bucket, &key, &parts.headers, body, rid).await,
        _ => get_object(cloud, &bucket, &key, operation == "HeadObject", rid).await,
    }
}

async fn put_object(
    cloud: &Cloud,
    bucket: &str,
    key: &str,
    headers: &HeaderMap,
    body: Body,
    rid: &str,
) -> Result<Response, OssError> {
    let text = |name: &str| headers.get(name).and_then(|v| v.to_str().ok());
    let content_type = text("content-type")
        .unwrap_or("application/octet-stream")
        .to_string();
    let content_md5 = match text("content-md5") {
        Some(m) => Some(
            base64::engine::general_purpose::STANDARD
                .decode(m.trim())
                .ok()
                .filter(|d| d.len() == 16)
                .ok_or_else(|| {
                    error(
                        400,
                        "InvalidDigest",
                        "The Content-MD5 you specified is not valid.",
                        "0016-00000401",
                    )
                })?,
        ),
        None => None,
    };
    if text("x-oss-forbid-overwrite").is_some_and(|v| v.eq_ignore_ascii_case("true"))
        && cloud.store.meta(bucket, key).await.is_some()
    {
        return Err(error(
            409,
            "FileAlreadyExists",
            "The object you specified already exists and can not be overwritten.",
            "0016-00000708",
        ));
    }
    let meta = cloud
        .store
        .put(
            bucket,
            key,
            body,
            &content_type,
            content_md5.as_deref(),
            false,
        )
        .await
        .map_err(|e| match e {
            PutError::BadDigest => error(
                400,
                "InvalidDigest",
                "The Content-MD5 you specified did not match what we received.",
                "0016-00000402",
            ),
            PutError::Body(m) => error(
                400,
                "IncompleteBody",
                format!("The request body ended early: {m}"),
                "0016-00000403",
            ),
            PutError::Io(e) => error(
                500,
                "InternalError",
                format!("local cloud storage failed: {e}"),
                "0000-00000002",
            ),
        })?;
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

async fn get_object(
    cloud: &Cloud,
    bucket: &str,
    key: &str,
    head_only: bool,
    rid: &str,
) -> Result<Response, OssError> {
    let meta = cloud.store.meta(bucket, key).await.ok_or_else(|| {
        error(
            404,
            "NoSuchKey",
            "The specified key does not exist.",
            "0026-00000001",
        )
    })?;
    let builder = Response::builder()
        .status(StatusCode::OK)
        .header("x-oss-request-id", rid)
        .header("Server", "AliyunOSS")
        .header(header::CONTENT_TYPE, &meta.content_type)
        .header(header::CONTENT_LENGTH, meta.size.to_string())
        .header(header::ETAG, format!("\"{}\"", meta.etag))
        .header(header::LAST_MODIFIED, &meta.last_modified)
        .header(header::ACCEPT_RANGES, "bytes")
        .header("Content-MD5", &meta.content_md5)
        .header("x-oss-object-type", "Normal")
        .header("x-oss-hash-crc64ecma", meta.crc64.to_string());
    if head_only {
        return Ok(builder.body(Body::empty()).unwrap_or_default());
    }
    let file = tokio::fs::File::open(cloud.store.data_path(bucket, &meta))
        .await
        .map_err(|e| {
            error(
                500,
                "InternalError",
                format!("local cloud storage failed: {e}"),
                "0000-00000002",
            )
        })?;
    let stream = tokio_util::io::ReaderStream::with_capacity(file, 256 * 1024);
    Ok(builder.body(Body::from_stream(stream)).unwrap_or_default())
}
