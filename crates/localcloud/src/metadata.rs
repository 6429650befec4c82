//! The services a machine asks for its identity, played by the local cloud so that keyless
//! credential sources run offline: the GitHub Actions ID-token endpoint (`/-/github/token`,
//! tokens from the built-in OIDC issuer), the ECS instance metadata service (`/-/ecs/latest/…`,
//! IMDSv2 session tokens and the instance role's credentials) and a credentials URI
//! (`/-/credentials-uri`). The credentials they hand out are real temporary credentials of the
//! cloud, so its OSS and STS accept them and the role's policies apply.
//!
//! Each request is counted in the stats and takes armed faults (ops `github-token`, `ecs`,
//! `credentials-uri`): a status, a delay, a reset, or `corrupt`, which cuts the body in half so
//! it is no longer JSON (or no longer the token or the role name it was).

use std::sync::atomic::Ordering;

use axum::body::Body;
use axum::extract::Request;
use axum::http::header;
use axum::response::Response;
use chrono::{DateTime, Duration, Utc};
use serde_json::json;

use crate::cloud::{random_alnum, Cloud, Issued, Role};
use crate::faults::{self, FaultKind};
use crate::oidc;

/// The audience GitHub puts in a token asked for without one: the owner's URL.
const GITHUB_DEFAULT_AUDIENCE: &str = "https://github.com/alicli";
/// How long GitHub's ID tokens last.
const GITHUB_TOKEN_LIFETIME: i64 = 600;
/// The longest audience taken, far above any real one.
const MAX_AUDIENCE: usize = 512;

const ECS_TOKEN_TTL_HEADER: &str = "x-aliyun-ecs-metadata-token-ttl-seconds";
const ECS_TOKEN_HEADER: &str = "x-aliyun-ecs-metadata-token";
/// The session-token lifetimes ECS accepts, in seconds.
const ECS_TOKEN_TTL: std::ops::RangeInclusive<u64> = 1..=21600;
/// At most this many live session tokens are kept; past it the one closest to expiring goes.
const MAX_ECS_TOKENS: usize = 1024;
/// Instance credentials last six hours, and the same ones are handed out until they are this
/// close to expiring, as the real metadata service does.
const ECS_CREDENTIALS_LIFETIME: u64 = 6 * 3600;
const ECS_RENEW_BEFORE_MINUTES: i64 = 15;
/// The session an instance's credentials belong to (an instance id on the real cloud).
const ECS_SESSION: &str = "i-localcloud";
const ROLE_LIST_PATH: &str = "latest/meta-data/ram/security-credentials/";

/// An answer before faults may damage it.
struct Answer {
    status: u16,
    content_type: &'static str,
    body: String,
}

fn json_answer(status: u16, value: serde_json::Value) -> Answer {
    Answer {
        status,
        content_type: "application/json",
        body: value.to_string(),
    }
}

fn text_answer(status: u16, body: impl Into<String>) -> Answer {
    Answer {
        status,
        content_type: "text/plain",
        body: body.into(),
    }
}

fn not_found(what: &str) -> Answer {
    json_answer(404, json!({ "Code": "NotFound", "Message": what }))
}

/// What the answer depends on, taken from a request for one of these services (owned, so the
/// request is not held across the wait of a delay fault).
pub(crate) struct Incoming {
    method: String,
    path: String,
    op: &'static str,
    stat: &'static str,
    params: Vec<(String, String)>,
    authorization: Option<String>,
    token_ttl: Option<String>,
    token: Option<String>,
}

impl Incoming {
    /// `None` when the request is for none of these services.
    pub fn of(request: &Request) -> Option<Incoming> {
        let path = request.uri().path();
        let method = request.method().as_str();
        let (op, stat) = if path == "/-/github/token" {
            ("github-token", "github:token")
        } else if path == "/-/credentials-uri" {
            ("credentials-uri", "credentials-uri")
        } else if let Some(rest) = path.strip_prefix("/-/ecs/") {
            ("ecs", ecs_stat(method, rest))
        } else {
            return None;
        };
        // A value that is not text can match no token and no number: it is kept as one that
        // fails every check.
        let header = |name: &str| {
            request
                .headers()
                .get(name)
                .map(|v| v.to_str().unwrap_or("\u{0}").to_string())
        };
        Some(Incoming {
            method: method.to_string(),
            path: path.to_string(),
            op,
            stat,
            params: request
                .uri()
                .query()
                .map(|q| form_urlencoded::parse(q.as_bytes()).into_owned().collect())
                .unwrap_or_default(),
            authorization: header("authorization"),
            token_ttl: header(ECS_TOKEN_TTL_HEADER),
            token: header(ECS_TOKEN_HEADER),
        })
    }

    fn param(&self, name: &str) -> Option<&str> {
        self.params
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }
}

/// The answer to a request for one of these services.
pub(crate) async fn handle(cloud: &Cloud, incoming: Incoming) -> Response {
    cloud.count(incoming.stat);
    let fault = cloud.faults.take(incoming.op);
    match fault {
        Some(FaultKind::Delay(d)) => tokio::time::sleep(d).await,
        Some(FaultKind::Reset) => return faults::reset_response(),
        Some(FaultKind::Status(status)) => {
            return respond(json_answer(
                status,
                json!({ "Code": faults::injected_code(status), "Message": "A fault was injected into this request." }),
            ));
        }
        Some(FaultKind::Corrupt) | None => {}
    }
    let method = incoming.method.as_str();
    let mut answer = match incoming.op {
        "github-token" => github_token(
            cloud,
            method,
            incoming.authorization.as_deref(),
            incoming.param("audience"),
        ),
        "credentials-uri" => credentials_uri(cloud, method, incoming.param("role")),
        _ => ecs(cloud, method, &incoming.path["/-/ecs/".len()..], &incoming),
    };
    if fault == Some(FaultKind::Corrupt) {
        answer.body = cut_in_half(&answer.body);
    }
    respond(answer)
}

fn respond(answer: Answer) -> Response {
    Response::builder()
        .status(answer.status)
        .header(header::CONTENT_TYPE, answer.content_type)
        .body(Body::from(answer.body))
        .unwrap_or_default()
}

/// What a `corrupt` fault serves: the first half of the body, so JSON no longer parses and a
/// token or name is no longer the one issued.
fn cut_in_half(body: &str) -> String {
    let half = body.chars().count() / 2;
    body.chars().take(half.max(1)).collect()
}

/// GitHub Actions' ID-token endpoint: `GET …?api-version=2.0&audience=AUD` with
/// `Authorization: bearer <ACTIONS_ID_TOKEN_REQUEST_TOKEN>` → `{"count":1,"value":"<jwt>"}`.
fn github_token(
    cloud: &Cloud,
    method: &str,
    authorization: Option<&str>,
    audience: Option<&str>,
) -> Answer {
    if method != "GET" {
        return json_answer(405, json!({ "message": "Use GET to request an ID token." }));
    }
    let presented = authorization.and_then(|value| {
        let (scheme, token) = value.trim().split_once(' ')?;
        scheme.eq_ignore_ascii_case("bearer").then(|| token.trim())
    });
    if presented != Some(cloud.github_request_token.as_str()) {
        return json_answer(
            401,
            json!({ "message": "Unauthorized: a bearer token issued to this job (ACTIONS_ID_TOKEN_REQUEST_TOKEN) is required." }),
        );
    }
    let audience = audience
        .filter(|a| !a.is_empty())
        .unwrap_or(GITHUB_DEFAULT_AUDIENCE);
    if audience.chars().count() > MAX_AUDIENCE {
        return json_answer(
            400,
            json!({ "message": format!("The audience is longer than {MAX_AUDIENCE} characters.") }),
        );
    }
    let issuer = cloud.issuer_url();
    let claims = oidc::claims(
        &oidc::Mint {
            issuer: &issuer,
            subject: &cloud.github_subject,
            audience,
            lifetime: GITHUB_TOKEN_LIFETIME,
        },
        Utc::now(),
    );
    match cloud.oidc.key().and_then(|key| key.sign(&claims)) {
        Ok(jwt) => json_answer(200, json!({ "count": 1, "value": jwt })),
        Err(e) => json_answer(500, json!({ "message": format!("{e:#}") })),
    }
}

/// The credentials URI: `GET /-/credentials-uri[?role=NAME]` → fresh credentials of the role
/// (the config's first role when none is named), in the shape the official tools read.
fn credentials_uri(cloud: &Cloud, method: &str, role: Option<&str>) -> Answer {
    if method != "GET" {
        return json_answer(
            405,
            json!({ "Code": "MethodNotAllowed", "Message": "Use GET." }),
        );
    }
    let Some(name) = role.or(cloud.first_role.as_deref()) else {
        return json_answer(
            404,
            json!({ "Code": "EntityNotExist.Role", "Message": "The cloud has no role." }),
        );
    };
    let Some(role) = cloud.role_named(name) else {
        return json_answer(
            404,
            json!({ "Code": "EntityNotExist.Role", "Message": format!("The role not exists: {}.", shown(name)) }),
        );
    };
    let (key_id, issued) = cloud.issue_credentials(
        role,
        "credentials-uri",
        3600.min(role.max_session_duration),
        None,
    );
    json_answer(
        200,
        json!({
            "Code": "Success",
            "AccessKeyId": key_id,
            "AccessKeySecret": issued.secret,
            "SecurityToken": issued.token,
            "Expiration": format_time(issued.expiration),
        }),
    )
}

/// The stats name of an ECS metadata request.
fn ecs_stat(method: &str, rest: &str) -> &'static str {
    match (method, rest) {
        ("PUT", "latest/api/token") => "ecs:token",
        ("GET", ROLE_LIST_PATH) => "ecs:role",
        ("GET", r) if r.starts_with(ROLE_LIST_PATH) => "ecs:credentials",
        _ => "ecs:other",
    }
}

/// The ECS instance metadata service, for the paths credential sources use.
fn ecs(cloud: &Cloud, method: &str, rest: &str, incoming: &Incoming) -> Answer {
    if rest == "latest/api/token" {
        if method != "PUT" {
            return text_answer(405, "Method Not Allowed");
        }
        return ecs_session_token(cloud, incoming.token_ttl.as_deref());
    }
    if method != "GET" {
        return text_answer(405, "Method Not Allowed");
    }
    if let Some(refusal) = check_session_token(cloud, incoming.token.as_deref()) {
        return refusal;
    }
    let Some(role_name) = rest.strip_prefix(ROLE_LIST_PATH) else {
        return not_found("This metadata item is not served by the local cloud.");
    };
    let Some(instance_role) = cloud.ecs_role.as_deref() else {
        return not_found("The instance has no RAM role attached.");
    };
    if role_name.is_empty() {
        return text_answer(200, instance_role);
    }
    match cloud.role_named(instance_role) {
        Some(role) if role_name == instance_role => {
            let (key_id, issued, updated) = instance_credentials(cloud, role);
            json_answer(
                200,
                json!({
                    "AccessKeyId": key_id,
                    "AccessKeySecret": issued.secret,
                    "SecurityToken": issued.token,
                    "Expiration": format_time(issued.expiration),
                    "LastUpdated": format_time(updated),
                    "Code": "Success",
                }),
            )
        }
        _ => not_found("The instance has no such RAM role."),
    }
}

/// `PUT /latest/api/token` with the TTL header (1–21600) → a session token.
fn ecs_session_token(cloud: &Cloud, ttl: Option<&str>) -> Answer {
    let Some(ttl) = ttl
        .and_then(|t| t.trim().parse::<u64>().ok())
        .filter(|t| ECS_TOKEN_TTL.contains(t))
    else {
        return text_answer(
            400,
            format!(
                "{ECS_TOKEN_TTL_HEADER} must be a number of seconds from {} to {}",
                ECS_TOKEN_TTL.start(),
                ECS_TOKEN_TTL.end()
            ),
        );
    };
    let token = random_alnum(56);
    let now = Utc::now();
    let mut tokens = cloud.imds_tokens.lock().unwrap_or_else(|e| e.into_inner());
    tokens.retain(|_, expires| *expires > now);
    if tokens.len() >= MAX_ECS_TOKENS {
        let soonest = tokens
            .iter()
            .min_by_key(|(_, expires)| **expires)
            .map(|(t, _)| t.clone());
        if let Some(soonest) = soonest {
            tokens.remove(&soonest);
        }
    }
    tokens.insert(token.clone(), now + Duration::seconds(ttl as i64));
    text_answer(200, token)
}

/// The refusal of a metadata GET, if any: a token that is not one handed out (or has
/// expired) is 401; no token at all is 403 once IMDSv2 is required, and fine before.
fn check_session_token(cloud: &Cloud, token: Option<&str>) -> Option<Answer> {
    match token {
        Some(token) => {
            let tokens = cloud.imds_tokens.lock().unwrap_or_else(|e| e.into_inner());
            match tokens.get(token) {
                Some(expires) if *expires > Utc::now() => None,
                _ => Some(text_answer(
                    401,
                    "Unauthorized: the metadata token is invalid or has expired",
                )),
            }
        }
        None if cloud.imds_required.load(Ordering::Relaxed) => Some(text_answer(
            403,
            "Forbidden: this instance only accepts metadata requests with a token (security hardening mode)",
        )),
        None => None,
    }
}

/// The instance role's current credentials, made anew when there are none or they are within
/// 15 minutes of expiring (also after `/-/expire-credentials`). Returns the AccessKeyId, the
/// credentials and when they were made.
fn instance_credentials(cloud: &Cloud, role: &Role) -> (String, Issued, DateTime<Utc>) {
    let mut current = cloud
        .ecs_credentials
        .lock()
        .unwrap_or_else(|e| e.into_inner());
    let margin = Utc::now() + Duration::minutes(ECS_RENEW_BEFORE_MINUTES);
    if let Some((key_id, updated)) = current.as_ref() {
        let issued = cloud
            .issued
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .get(key_id)
            .cloned();
        if let Some(issued) = issued.filter(|i| i.expiration > margin && i.role_name == role.name) {
            return (key_id.clone(), issued, *updated);
        }
    }
    let (key_id, issued) =
        cloud.issue_credentials(role, ECS_SESSION, ECS_CREDENTIALS_LIFETIME, None);
    let updated = Utc::now();
    *current = Some((key_id.clone(), updated));
    (key_id, issued, updated)
}

fn format_time(t: DateTime<Utc>) -> String {
    t.format("%Y-%m-%dT%H:%M:%SZ").to_string()
}

/// A caller-given name as it may appear in a message: printable and short.
fn shown(name: &str) -> String {
    name.chars()
        .filter(|c| c.is_ascii_graphic())
        .take(64)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn corrupt_bodies_no_longer_parse() {
        let body = json!({"Code":"Success","AccessKeyId":"STS.x"}).to_string();
        assert!(serde_json::from_str::<serde_json::Value>(&cut_in_half(&body)).is_err());
        assert_eq!(cut_in_half("ecs-instance"), "ecs-in");
        assert_eq!(cut_in_half("x"), "x");
        assert_eq!(cut_in_half("ééé"), "é");
    }

    #[test]
    fn metadata_requests_are_named_for_the_stats() {
        assert_eq!(ecs_stat("PUT", "latest/api/token"), "ecs:token");
        assert_eq!(ecs_stat("GET", ROLE_LIST_PATH), "ecs:role");
        assert_eq!(
            ecs_stat(
                "GET",
                "latest/meta-data/ram/security-credentials/ecs-instance"
            ),
            "ecs:credentials"
        );
        assert_eq!(ecs_stat("GET", "latest/meta-data/instance-id"), "ecs:other");
        assert_eq!(ecs_stat("GET", "latest/api/token"), "ecs:other");
    }

    #[test]
    fn names_in_messages_are_printable_and_short() {
        assert_eq!(shown("a\r\nb c"), "abc");
        assert_eq!(shown(&"x".repeat(500)).len(), 64);
    }
}
