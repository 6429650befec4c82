//! The success answers every OSS operation builds on: the headers OSS puts on each of them
//! (`x-oss-request-id`, `Server: AliyunOSS`), an XML document, an empty 204.

use axum::body::Body;
use axum::http::{header, response, StatusCode};
use axum::response::Response;

/// A response with the request id and OSS's `Server` header, ready for more headers and a body.
pub(crate) fn answer(status: StatusCode, rid: &str) -> response::Builder {
    Response::builder()
        .status(status)
        .header("x-oss-request-id", rid)
        .header("Server", "AliyunOSS")
}

/// 200 with an XML document.
pub(crate) fn xml(rid: &str, document: String) -> Response {
    answer(StatusCode::OK, rid)
        .header(header::CONTENT_TYPE, "application/xml")
        .body(Body::from(document))
        .unwrap_or_default()
}

/// 204 No Content, what DeleteObject and AbortMultipartUpload answer. Only the request id:
/// that is all the deletes have ever sent here, and no client reads more of them.
pub(crate) fn no_content(rid: &str) -> Response {
    Response::builder()
        .status(StatusCode::NO_CONTENT)
        .header("x-oss-request-id", rid)
        .body(Body::empty())
        .unwrap_or_default()
}
