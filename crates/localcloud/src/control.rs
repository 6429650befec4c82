//! The control endpoints under `/-/`, for tests and scripts to look at and steer the local
//! cloud: `GET /-/stats` (requests counted by operation), `GET /-/uploads` (multipart uploads
//! still pending), `POST /-/faults?op=…&kind=…&count=…` and `DELETE /-/faults` (arm and clear
//! injected faults), `POST /-/expire-credentials` (expire every temporary credential issued).
//!
//! Bucket names cannot start with `-`, so no OSS request is ever mistaken for one of these.

use axum::extract::Request;
use axum::response::Response;
use serde::Serialize;
use serde_json::json;

use crate::cloud::Cloud;
use crate::faults::FaultKind;

/// The answer to a control request, or `None` when the request is not one (it then goes on to
/// the STS or the OSS, which answer for paths they do not know).
pub(crate) fn handle(cloud: &Cloud, request: &Request) -> Option<Response> {
    let path = request.uri().path();
    if !path.starts_with("/-/") {
        return None;
    }
    let params: Vec<(String, String)> = request
        .uri()
        .query()
        .map(|q| form_urlencoded::parse(q.as_bytes()).into_owned().collect())
        .unwrap_or_default();
    let param = |name: &str| {
        params
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
    };
    Some(match (request.method().as_str(), path) {
        ("GET", "/-/stats") => {
            json_response(200, &*cloud.stats.lock().unwrap_or_else(|e| e.into_inner()))
        }
        ("GET", "/-/uploads") => {
            json_response(200, &json!({ "pending": cloud.store.pending_uploads() }))
        }
        ("POST", "/-/faults") => {
            let Some(kind) = param("kind").as_deref().and_then(FaultKind::parse) else {
                return Some(json_response(
                    400,
                    &json!({ "error": "kind must be a status (500, 503, 429…), reset, delay:MS or corrupt" }),
                ));
            };
            let count = param("count")
                .and_then(|c| c.parse::<u32>().ok())
                .unwrap_or(1)
                .max(1);
            cloud
                .faults
                .add(param("op").filter(|o| !o.is_empty()), kind, count);
            json_response(200, &json!({ "armed": count }))
        }
        ("DELETE", "/-/faults") => {
            cloud.faults.clear();
            json_response(200, &json!({ "cleared": true }))
        }
        ("POST", "/-/expire-credentials") => {
            json_response(200, &json!({ "expired": cloud.expire_issued() }))
        }
        _ => return None,
    })
}

fn json_response(status: u16, value: &impl Serialize) -> Response {
    Response::builder()
        .status(status)
        .header("Content-Type", "application/json")
        .body(axum::body::Body::from(
            serde_json::to_string(value).unwrap_or_default(),
        ))
        .unwrap_or_default()
}
