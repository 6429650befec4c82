//! The control endpoints under `/-/`, for tests and scripts to look at and steer the local
//! cloud: `GET /-/stats` (requests counted by operation), `GET /-/uploads` (multipart uploads
//! still pending), `POST /-/faults?op=…&kind=…&count=…` and `DELETE /-/faults` (arm and clear
//! injected faults), `POST /-/expire-credentials` (expire every temporary credential issued),
//! `POST /-/ecs?imds=required|optional` (the metadata service's IMDSv2 mode), and the built-in
//! OIDC issuer's endpoints: its discovery document and key set (what a verifier reads) and
//! `POST /-/oidc/token` (what a test mints tokens with).
//!
//! Bucket names cannot start with `-`, so no OSS request is ever mistaken for one of these.

use axum::extract::Request;
use axum::response::Response;
use serde::Serialize;
use serde_json::json;

use std::sync::atomic::Ordering;

use crate::cloud::Cloud;
use crate::config::{DEFAULT_GITHUB_SUBJECT, STS_AUDIENCE};
use crate::faults::FaultKind;
use crate::oidc;

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
        ("POST", "/-/ecs") => {
            let required = match param("imds").as_deref() {
                Some("required") => true,
                Some("optional") => false,
                _ => {
                    return Some(json_response(
                        400,
                        &json!({ "error": "imds must be required or optional" }),
                    ))
                }
            };
            cloud.imds_required.store(required, Ordering::Relaxed);
            json_response(
                200,
                &json!({ "imds": if required { "required" } else { "optional" } }),
            )
        }
        ("GET", "/-/oidc/.well-known/openid-configuration") => {
            cloud.count("oidc:configuration");
            json_response(200, &oidc::discovery(&cloud.issuer_url()))
        }
        ("GET", "/-/oidc/jwks") => {
            cloud.count("oidc:jwks");
            match cloud.oidc.key() {
                Ok(key) => json_response(200, &key.jwks()),
                Err(e) => json_response(500, &json!({ "error": format!("{e:#}") })),
            }
        }
        ("POST", "/-/oidc/token") => mint_token(cloud, &param),
        _ => return None,
    })
}

/// `POST /-/oidc/token?sub=…&aud=…&lifetime=SECONDS&iss=…`: a token from the built-in issuer.
/// `iss` overrides the issuer claim (to make a token of the wrong issuer); a lifetime of zero or
/// less makes one that has already expired.
fn mint_token(cloud: &Cloud, param: &dyn Fn(&str) -> Option<String>) -> Response {
    let lifetime = match param("lifetime") {
        None => 3600,
        Some(text) => match text.trim().parse::<i64>() {
            Ok(seconds) => seconds,
            Err(_) => {
                return json_response(
                    400,
                    &json!({ "error": "lifetime must be a whole number of seconds" }),
                )
            }
        },
    };
    let issuer = param("iss").unwrap_or_else(|| cloud.issuer_url());
    let subject = param("sub").unwrap_or_else(|| DEFAULT_GITHUB_SUBJECT.to_string());
    let audience = param("aud").unwrap_or_else(|| STS_AUDIENCE.to_string());
    let claims = oidc::claims(
        &oidc::Mint {
            issuer: &issuer,
            subject: &subject,
            audience: &audience,
            lifetime,
        },
        chrono::Utc::now(),
    );
    match cloud.oidc.key().and_then(|key| key.sign(&claims)) {
        Ok(token) => json_response(200, &json!({ "token": token })),
        Err(e) => json_response(500, &json!({ "error": format!("{e:#}") })),
    }
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
