//! OSS's error answers: [`OssError`] (status, code, message, `EC`, and what some errors echo
//! back), the XML error document it becomes (or, for HEAD, which has no body, the `x-oss-err`
//! header holding that document in base64), and the errors more than one operation gives, each
//! written once with the wording and `EC` OSS uses.

use axum::body::Body;
use axum::http::{header, StatusCode};
use axum::response::Response;
use base64::Engine;

use alicli_wire::oss::error_body::ErrorBody;

use crate::auth::Refusal;
use crate::store::PutError;

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

pub(crate) fn error(
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

impl OssError {
    #[cfg(test)]
    pub fn code(&self) -> &str {
        &self.code
    }

    #[cfg(test)]
    pub fn ec(&self) -> &str {
        self.ec
    }

    /// Names the endpoint the client should have used (the bucket lives in another region).
    pub fn with_endpoint(mut self, endpoint: String) -> OssError {
        self.endpoint = endpoint;
        self
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

/// The error as OSS sends it: an XML document, or for HEAD the same document in `x-oss-err`.
pub(crate) fn error_response(e: &OssError, rid: &str, is_head: bool) -> Response {
    let echoed = |field: fn(&Echo) -> &String| e.echo.as_deref().map(field).cloned();
    let body = ErrorBody {
        code: e.code.clone(),
        message: e.message.clone(),
        request_id: rid.to_string(),
        host_id: "localhost".into(),
        ec: e.ec.to_string(),
        string_to_sign: echoed(|x| &x.string_to_sign).unwrap_or_default(),
        oss_access_key_id: echoed(|x| &x.access_key_id).unwrap_or_default(),
        canonical_request: echoed(|x| &x.canonical_request).unwrap_or_default(),
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

/// 501 for something the local cloud does not do, so a client never takes a request it did not
/// carry out for one that succeeded.
pub(crate) fn not_implemented(what: &str) -> OssError {
    error(
        501,
        "NotImplemented",
        format!("The local cloud does not implement {what}."),
        "0000-00000001",
    )
}

pub(crate) fn storage_failed(e: impl std::fmt::Display) -> OssError {
    error(
        500,
        "InternalError",
        format!("local cloud storage failed: {e}"),
        "0000-00000002",
    )
}

pub(crate) fn access_denied(message: &str, ec: &'static str) -> OssError {
    error(403, "AccessDenied", message, ec)
}

pub(crate) fn no_such_bucket() -> OssError {
    error(
        404,
        "NoSuchBucket",
        "The specified bucket does not exist.",
        "0015-00000101",
    )
}

/// A key the naming rule (`alicli_wire::names::check_key`) refuses; OSS does not say which part.
pub(crate) fn invalid_object_name() -> OssError {
    error(
        400,
        "InvalidObjectName",
        "The specified object name is not valid.",
        "0016-00000001",
    )
}

pub(crate) fn no_such_key() -> OssError {
    error(
        404,
        "NoSuchKey",
        "The specified key does not exist.",
        "0026-00000001",
    )
}

pub(crate) fn invalid_digest() -> OssError {
    error(
        400,
        "InvalidDigest",
        "The Content-MD5 you specified is not valid.",
        "0016-00000401",
    )
}

pub(crate) fn bad_digest() -> OssError {
    error(
        400,
        "BadDigest",
        "The Content-MD5 you specified did not match what we received.",
        "0016-00000402",
    )
}

pub(crate) fn incomplete_body(why: impl std::fmt::Display) -> OssError {
    error(400, "IncompleteBody", why.to_string(), "0016-00000403")
}

/// A read of an Archive, Cold Archive or Deep Cold Archive object that was not restored (the
/// local cloud restores nothing: RestoreObject is 501).
pub(crate) fn invalid_object_state() -> OssError {
    error(
        403,
        "InvalidObjectState",
        "The operation is not valid for the object's state",
        "0016-00000404",
    )
}

pub(crate) fn already_exists() -> OssError {
    error(
        409,
        "FileAlreadyExists",
        "The object you specified already exists and can not be overwritten.",
        "0016-00000708",
    )
}

/// A streamed write (PutObject, UploadPart) that did not go through.
pub(crate) fn put_failed(e: PutError) -> OssError {
    match e {
        PutError::BadDigest => bad_digest(),
        PutError::Body(m) => incomplete_body(format!("The request body ended early: {m}")),
        PutError::Io(e) => storage_failed(e),
    }
}
