//! The local STS: AssumeRole and GetCallerIdentity, with STS's JSON answers and error bodies;
//! AssumeRoleWithOIDC is dispatched from here to `sts_oidc`.

use axum::body::Body;
use axum::extract::Request;
use axum::http::{header, StatusCode};
use axum::response::Response;
use serde_json::json;

use alicli_policy::{self as policy, Policy, RequestContext};

use crate::auth::{verify_sts, Identity, Refusal, StsCall};
use crate::cloud::{Cloud, Role};
use crate::faults::{self, FaultKind};

/// STS calls are requests to `/` that name their action: `Action=…` in the query or a form
/// body (POP v1), or the `x-acs-action` header of signature V3 (sent as a POST with the
/// parameters in the query and an empty or form body). No OSS request carries that header, or
/// an `ACS3-` Authorization.
pub(crate) fn is_sts_request(request: &Request) -> bool {
    if request.uri().path() != "/" {
        return false;
    }
    let headers = request.headers();
    let v3 = headers.contains_key("x-acs-action")
        || headers
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.trim_start().starts_with("ACS3-"));
    let in_query = request
        .uri()
        .query()
        .is_some_and(|q| form_urlencoded::parse(q.as_bytes()).any(|(k, _)| k == "Action"));
    let form = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/x-www-form-urlencoded"));
    v3 || in_query || (request.method() == "POST" && form)
}

pub(crate) struct StsError {
    pub status: u16,
    pub code: String,
    pub message: String,
}

impl From<Refusal> for StsError {
    fn from(r: Refusal) -> Self {
        StsError {
            status: r.status,
            code: r.code.to_string(),
            message: r.message,
        }
    }
}

/// `RoleSessionName` by the rule the client checks before sending: here it is STS's answer to
/// anyone else (AssumeRole and AssumeRoleWithOIDC alike).
pub(crate) fn check_session_name(name: &str) -> Result<(), StsError> {
    alicli_wire::names::check_session_name(name).map_err(|_| {
        error(
            400,
            "InvalidParameter.RoleSessionName",
            "The parameter RoleSessionName is wrongly formed.",
        )
    })
}

pub(crate) fn error(status: u16, code: &str, message: impl Into<String>) -> StsError {
    StsError {
        status,
        code: code.to_string(),
        message: message.into(),
    }
}

/// A parameter of an STS call (query and form body together), the first when repeated.
pub(crate) fn param<'a>(params: &'a [(String, String)], name: &str) -> Option<&'a str> {
    params
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
}

/// STS request ids are hyphenated upper-case UUIDs (OSS's are 24 hex digits).
fn request_id() -> String {
    uuid::Uuid::new_v4().to_string().to_uppercase()
}

fn json_response(status: u16, value: serde_json::Value) -> Response {
    Response::builder()
        .status(StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR))
        .header(header::CONTENT_TYPE, "application/json;charset=utf-8")
        .body(Body::from(value.to_string()))
        .unwrap_or_default()
}

pub(crate) async fn handle(cloud: &Cloud, request: Request) -> Response {
    let method = request.method().as_str().to_string();
    let path = request.uri().path().to_string();
    let query: Vec<(String, String)> = request
        .uri()
        .query()
        .map(|q| form_urlencoded::parse(q.as_bytes()).into_owned().collect())
        .unwrap_or_default();
    let headers: Vec<(String, String)> = request
        .headers()
        .iter()
        .map(|(k, v)| {
            (
                k.as_str().to_string(),
                String::from_utf8_lossy(v.as_bytes()).into_owned(),
            )
        })
        .collect();
    let form = request
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/x-www-form-urlencoded"));
    let body = axum::body::to_bytes(request.into_body(), 1 << 20)
        .await
        .unwrap_or_default();
    // Signature V3 names the action and version in headers, and hashes the body rather than
    // reading it: there the body holds parameters only when it says it is a form, and the
    // headers' action and version go first, as `Action` and `Version`, so that they are what
    // `param` finds. A v1 call (whose SDK may send those headers too) is read as it always was:
    // query and body, a POST without a content type taken as a form.
    let from_header = |name: &str| headers.iter().find(|(k, _)| k == name).map(|(_, v)| v);
    let v3_signed =
        from_header("authorization").is_some_and(|a| a.trim_start().starts_with("ACS3-"));
    let mut params: Vec<(String, String)> = query.clone();
    if form || !v3_signed {
        params.extend(form_urlencoded::parse(&body).into_owned());
    }
    if v3_signed || !params.iter().any(|(k, _)| k == "Action") {
        let named: Vec<(String, String)> =
            [("Action", "x-acs-action"), ("Version", "x-acs-version")]
                .into_iter()
                .filter_map(|(param, header)| {
                    from_header(header).map(|v| (param.to_string(), v.clone()))
                })
                .collect();
        params.splice(0..0, named);
    }
    let params = StsCall {
        method: method.clone(),
        path,
        params,
        query,
        headers,
        body,
    };
    let action = param(&params, "Action").unwrap_or_default().to_string();
    cloud.count(&format!("sts:{action}"));
    let rid = request_id();
    match cloud.faults.take(&action) {
        Some(FaultKind::Delay(d)) => tokio::time::sleep(d).await,
        Some(FaultKind::Reset) => return faults::reset_response(),
        Some(FaultKind::Status(status)) => {
            return json_response(
                status,
                json!({ "RequestId": rid, "HostId": "sts.aliyuncs.com", "Code": faults::injected_code(status), "Message": "A fault was injected into this request." }),
            );
        }
        // A corrupted STS answer would only be unreadable JSON; the fault is for OSS bodies.
        Some(FaultKind::Corrupt) | None => {}
    }
    match answer(cloud, &method, &action, &params, &rid) {
        Ok(value) => json_response(200, value),
        Err(e) => json_response(
            e.status,
            json!({
                "RequestId": rid,
                "HostId": "sts.aliyuncs.com",
                "Code": e.code,
                "Message": e.message,
                "Recommend": format!("https://api.aliyun.com/troubleshoot?q={}&product=Sts", e.code),
            }),
        ),
    }
}

fn answer(
    cloud: &Cloud,
    method: &str,
    action: &str,
    params: &StsCall,
    rid: &str,
) -> Result<serde_json::Value, StsError> {
    // Anonymous: the OIDC token is the credential, there is no AccessKey to check.
    if action == "AssumeRoleWithOIDC" {
        check_version(params)?;
        return crate::sts_oidc::assume_role_with_oidc(cloud, params, rid);
    }
    let identity = verify_sts(cloud, method, params)?;
    check_version(params)?;
    match action {
        "AssumeRole" => assume_role(cloud, &identity, params, rid),
        "GetCallerIdentity" => Ok(caller_identity(cloud, &identity, rid)),
        "" => Err(error(
            400,
            "MissingAction",
            "Action is mandatory for this request.",
        )),
        _ => Err(error(
            404,
            "InvalidAction.NotFound",
            format!(
                "Specified api is not found, please check your url and method. Action: {action}"
            ),
        )),
    }
}

fn check_version(params: &[(String, String)]) -> Result<(), StsError> {
    if param(params, "Version").is_some_and(|v| v != alicli_wire::sts::API_VERSION) {
        return Err(error(
            400,
            "InvalidVersion",
            "Specified parameter Version is not valid.",
        ));
    }
    Ok(())
}

fn caller_identity(cloud: &Cloud, identity: &Identity, rid: &str) -> serde_json::Value {
    match identity {
        Identity::User(u) => json!({
            "AccountId": cloud.account_id,
            "Arn": identity.arn(&cloud.account_id),
            "IdentityType": "RAMUser",
            "PrincipalId": u.id,
            "RequestId": rid,
            "RoleId": "",
            "UserId": u.id,
        }),
        Identity::Session(s) => json!({
            "AccountId": cloud.account_id,
            "Arn": identity.arn(&cloud.account_id),
            "IdentityType": "AssumedRoleUser",
            "PrincipalId": format!("{}:{}", s.role_id, s.session_name),
            "RequestId": rid,
            "RoleId": s.role_id,
            "UserId": "",
        }),
    }
}

fn assume_role(
    cloud: &Cloud,
    identity: &Identity,
    params: &[(String, String)],
    rid: &str,
) -> Result<serde_json::Value, StsError> {
    let get = |name: &str| param(params, name);
    let role_arn = get("RoleArn").ok_or_else(|| {
        error(
            400,
            "MissingRoleArn",
            "RoleArn is mandatory for this action.",
        )
    })?;
    let session_name = get("RoleSessionName").ok_or_else(|| {
        error(
            400,
            "MissingRoleSessionName",
            "RoleSessionName is mandatory for this action.",
        )
    })?;
    check_session_name(session_name)?;
    let role = cloud
        .roles
        .get(&role_arn.to_ascii_lowercase())
        .ok_or_else(|| {
            error(
                404,
                "EntityNotExist.Role",
                format!("The role not exists: {role_arn}."),
            )
        })?;
    let duration = session_duration(role, get("DurationSeconds"))?;
    let session_policy = session_policy(get("Policy"))?;
    let allowed = identity.authorize(
        cloud,
        &RequestContext {
            action: "sts:AssumeRole".into(),
            resource: role.arn.clone(),
            context: Vec::new(),
        },
    );
    if !allowed.is_allowed() {
        return Err(error(
            403,
            "NoPermission",
            "You are not authorized to do this action. You should be authorized by RAM.",
        ));
    }
    if !policy::trust_allows(&role.trust, &identity.arn(&cloud.account_id)) {
        return Err(error(403, "NoPermission", "You are not authorized to do this action. The role's trust policy does not allow you to assume it."));
    }
    Ok(issue(
        cloud,
        role,
        session_name,
        duration,
        session_policy,
        rid,
    ))
}

/// `DurationSeconds`: from 15 minutes to the role's maximum; an hour (or the maximum, when
/// lower) when not given.
pub(crate) fn session_duration(role: &Role, given: Option<&str>) -> Result<u64, StsError> {
    let Some(text) = given else {
        return Ok(3600.min(role.max_session_duration));
    };
    match text.parse::<u64>() {
        Ok(d) if (900..=role.max_session_duration).contains(&d) => Ok(d),
        _ => Err(error(
            400,
            "InvalidParameter.DurationSeconds",
            format!(
                "The Min/Max value of DurationSeconds is 15min/{}hr.",
                role.max_session_duration / 3600
            ),
        )),
    }
}

/// The `Policy` parameter: a session policy that narrows the role's, within STS's length limit.
pub(crate) fn session_policy(given: Option<&str>) -> Result<Option<Policy>, StsError> {
    let Some(text) = given else {
        return Ok(None);
    };
    if text.chars().count() > policy::SESSION_POLICY_MAX_CHARS {
        return Err(error(
            400,
            "InvalidParameter.PolicyLength",
            "The parameter Policy is too long (at most 2048 characters).",
        ));
    }
    Policy::parse(text).map(Some).map_err(|e| {
        error(
            400,
            "InvalidParameter.PolicyGrammar",
            format!("The parameter Policy has not been parsed: {e}"),
        )
    })
}

/// Makes up and records temporary credentials for the role, and the AssumeRole answer with them.
pub(crate) fn issue(
    cloud: &Cloud,
    role: &Role,
    session_name: &str,
    duration: u64,
    session_policy: Option<Policy>,
    rid: &str,
) -> serde_json::Value {
    let (key_id, issued) = cloud.issue_credentials(role, session_name, duration, session_policy);
    json!({
        "RequestId": rid,
        "AssumedRoleUser": {
            "AssumedRoleId": format!("{}:{}", role.id, session_name),
            "Arn": format!("{}/{}", role.arn, session_name),
        },
        "Credentials": {
            "SecurityToken": issued.token,
            "AccessKeyId": key_id,
            "AccessKeySecret": issued.secret,
            "Expiration": issued.expiration.format("%Y-%m-%dT%H:%M:%SZ").to_string(),
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const FULL: &str =
        r#"{"Version":"1","Statement":[{"Effect":"Allow","Action":"oss:*","Resource":"*"}]}"#;

    fn role(max: u64) -> Role {
        Role {
            name: "r".into(),
            arn: "acs:ram::1:role/r".into(),
            id: "3".into(),
            trust: Policy::parse(FULL).unwrap(),
            policies: Vec::new(),
            max_session_duration: max,
        }
    }

    #[test]
    fn durations_run_from_15_minutes_to_the_roles_maximum() {
        assert_eq!(session_duration(&role(7200), None).ok(), Some(3600));
        assert_eq!(session_duration(&role(7200), Some("900")).ok(), Some(900));
        assert_eq!(session_duration(&role(7200), Some("7200")).ok(), Some(7200));
        assert!(session_duration(&role(7200), Some("899")).is_err());
        assert!(session_duration(&role(7200), Some("7201")).is_err());
        assert!(session_duration(&role(3600), Some("soon")).is_err());
    }

    #[test]
    fn session_policies_are_parsed_and_bounded() {
        assert!(session_policy(None).is_ok_and(|p| p.is_none()));
        let long = format!("{FULL}{}", " ".repeat(2100));
        assert!(session_policy(Some(&long)).is_err());
        assert!(session_policy(Some("not json")).is_err());
        assert!(session_policy(Some(FULL)).is_ok_and(|p| p.is_some()));
    }
}
