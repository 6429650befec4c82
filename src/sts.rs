//! STS client: RPC-style calls (`Action=…` form posts to `/`) signed with POP signature v1.
//!
//! POST keeps the inline policy and the security token out of URLs (and so out of proxy logs);
//! the method word is part of what is signed, so the server checks it either way.

use anyhow::Result;
use chrono::Utc;
use serde::{Deserialize, Serialize};

use crate::endpoint::Endpoint;
use crate::error::{usage, BadAnswer, Service, ServiceError, UsageError};
use crate::http::{network_error, Client};
use crate::output;
use crate::signing::{pop, Credentials};

pub const API_VERSION: &str = "2015-04-01";

pub struct StsClient<'a> {
    pub http: &'a Client,
    pub endpoint: Endpoint,
    /// What to sign with when there is no provider.
    pub credentials: Credentials,
    pub retry: crate::retry::RetryPolicy,
    /// Fresh credentials for every attempt, and a renewal when the service refuses them (role
    /// profiles); `None` signs with `credentials` as they are.
    pub provider: Option<std::sync::Arc<crate::credentials::Provider>>,
}

#[derive(Debug, Clone, Default)]
pub struct AssumeRoleRequest {
    pub role_arn: String,
    pub role_session_name: String,
    pub policy: Option<String>,
    pub duration_seconds: Option<u64>,
    pub external_id: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct AssumedRoleUser {
    pub arn: String,
    pub assumed_role_id: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct TemporaryCredentials {
    pub access_key_id: String,
    pub access_key_secret: String,
    pub security_token: String,
    pub expiration: String,
}

/// The AssumeRole answer, with the API's own keys (it is printed as is).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct AssumeRoleResponse {
    pub assumed_role_user: AssumedRoleUser,
    pub credentials: TemporaryCredentials,
    pub request_id: String,
}

impl TemporaryCredentials {
    /// What any usable answer holds: an id, a secret and a token that can go into HTTP headers
    /// and signatures, and an expiration in the future. An answer that lacks one is refused
    /// rather than saved: a profile holding it would fail later, far from the cause.
    pub fn check(&self, now: chrono::DateTime<Utc>) -> std::result::Result<(), String> {
        if self.security_token.is_empty() {
            return Err("SecurityToken is empty".into());
        }
        Credentials::new(
            &self.access_key_id,
            &self.access_key_secret,
            Some(self.security_token.clone()),
        )
        .check()?;
        let Ok(at) = chrono::DateTime::parse_from_rfc3339(&self.expiration) else {
            return Err(format!(
                "Expiration {:?} is not a time (expected 2026-01-13T15:03:39Z)",
                crate::output::escape_untrusted(
                    &self.expiration.chars().take(64).collect::<String>()
                )
            ));
        };
        if at.with_timezone(&Utc) <= now {
            return Err(format!(
                "they expired at {} already (this machine's clock says {})",
                self.expiration,
                now.format("%Y-%m-%dT%H:%M:%SZ")
            ));
        }
        Ok(())
    }
}

impl StsClient<'_> {
    pub fn assume_role(&self, req: &AssumeRoleRequest) -> Result<AssumeRoleResponse> {
        let mut params = vec![
            ("RoleArn".to_string(), req.role_arn.clone()),
            ("RoleSessionName".to_string(), req.role_session_name.clone()),
        ];
        if let Some(policy) = &req.policy {
            params.push(("Policy".into(), policy.clone()));
        }
        if let Some(d) = req.duration_seconds {
            params.push(("DurationSeconds".into(), d.to_string()));
        }
        if let Some(id) = &req.external_id {
            params.push(("ExternalId".into(), id.clone()));
        }
        let body = self.call("AssumeRole", params)?;
        let response: AssumeRoleResponse = serde_json::from_str(&body).map_err(|e| {
            BadAnswer(format!(
                "STS answered AssumeRole with JSON alicli cannot read: {e}"
            ))
        })?;
        crate::redact::register(&response.credentials.access_key_secret);
        crate::redact::register(&response.credentials.security_token);
        response.credentials.check(Utc::now()).map_err(|why| {
            BadAnswer(format!(
                "STS answered AssumeRole with credentials alicli cannot use: {why}; nothing was saved or printed"
            ))
        })?;
        Ok(response)
    }

    /// Returns the answer as JSON, keys as the API sends them.
    pub fn get_caller_identity(&self) -> Result<serde_json::Value> {
        let body = self.call("GetCallerIdentity", Vec::new())?;
        serde_json::from_str(&body).map_err(|e| {
            BadAnswer(format!(
                "STS answered GetCallerIdentity with JSON alicli cannot read: {e}"
            ))
            .into()
        })
    }

    /// Signs and sends one call; returns the body of a 2xx answer or a [`ServiceError`].
    /// Each attempt is signed afresh: STS refuses a nonce it has seen.
    fn call(&self, action: &str, params: Vec<(String, String)>) -> Result<String> {
        self.retry
            .run(action, || self.call_once(action, params.clone()))
    }

    /// One attempt, signed with the provider's current credentials. When STS refuses them, a role
    /// profile renews once and the error comes back marked
    /// [`Renewed`](crate::credentials::Renewed), which the retry policy sends again at once.
    fn call_once(&self, action: &str, params: Vec<(String, String)>) -> Result<String> {
        let Some(provider) = &self.provider else {
            return self.call_signed(action, params, &self.credentials);
        };
        let credentials = provider.current()?;
        self.call_signed(action, params, &credentials)
            .map_err(|e| provider.after_failure(e, &credentials))
    }

    fn call_signed(
        &self,
        action: &str,
        mut params: Vec<(String, String)>,
        credentials: &Credentials,
    ) -> Result<String> {
        params.push(("Action".into(), action.into()));
        params.push(("Version".into(), API_VERSION.into()));
        params.push(("Format".into(), "JSON".into()));
        let nonce = uuid::Uuid::new_v4().to_string();
        let (signed, string_to_sign) = pop::sign("POST", params, credentials, Utc::now(), &nonce);
        let url = format!("{}/", self.endpoint.base_url());
        output::verbose(&format!("> POST {url} Action={action}"));
        output::verbose(&format!("> string to sign: {string_to_sign}"));
        let form: String = signed
            .iter()
            .map(|(k, v)| {
                format!(
                    "{}={}",
                    crate::signing::percent::rfc3986(k),
                    crate::signing::percent::rfc3986(v)
                )
            })
            .collect::<Vec<_>>()
            .join("&");
        let host = self.endpoint.authority();
        let mut response = self
            .http
            .post(&url)
            .header("Content-Type", "application/x-www-form-urlencoded")
            .header("Accept", "application/json")
            .body(form)
            .send()
            .map_err(|e| network_error(&e, &host))?;
        let status = response.status().as_u16();
        let headers = response.headers().clone();
        let body = if status >= 300 {
            crate::http::read_error_body(&mut response)
        } else {
            crate::http::read_answer(&mut response, action, &host)?
        };
        let text = String::from_utf8_lossy(&body).into_owned();
        let error = (status >= 300).then(|| {
            let mut error = parse_error(status, &text);
            crate::http::note_redirect(&mut error, &headers);
            error
        });
        output::verbose(&format!(
            "< {status} RequestId: {}",
            error
                .as_ref()
                .map(|e| e.request_id.clone())
                .unwrap_or_else(|| request_id_of(&text))
        ));
        match error {
            Some(error) => Err(error.into()),
            None => Ok(text),
        }
    }
}

// The AssumeRole parameters' rules, checked before any request (bad input is exit 2, and a role
// profile read from the file is checked the same way before it is used to renew itself).

/// `acs:ram::<account>:role/<name>`. The account is digits; `*` is let through because the docs
/// mask account ids that way (the service then says the role does not exist, and a hint explains).
pub fn check_role_arn(arn: &str) -> Result<()> {
    let expected = "expected acs:ram::<account-id>:role/<role-name>";
    let Some(rest) = arn.strip_prefix("acs:ram::") else {
        usage!("invalid role ARN {arn:?}: {expected}");
    };
    let Some((account, role)) = rest.split_once(":role/") else {
        usage!("invalid role ARN {arn:?}: {expected}");
    };
    if account.is_empty() || !account.bytes().all(|b| b.is_ascii_digit() || b == b'*') {
        usage!("invalid role ARN {arn:?}: the account id must be digits ({expected})");
    }
    if role.is_empty()
        || role.len() > 64
        || !role
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"-_./".contains(&b))
    {
        usage!("invalid role ARN {arn:?}: the role name must be 1-64 of letters, digits, '.', '-', '_' ({expected})");
    }
    Ok(())
}

/// An inline session policy as stored in a profile: JSON, at most 2048 characters.
pub fn check_policy_text(text: &str) -> Result<()> {
    if let Err(e) = serde_json::from_str::<serde_json::Value>(text) {
        usage!("the policy is not valid JSON: {e}");
    }
    let chars = text.chars().count();
    if chars > crate::policy::SESSION_POLICY_MAX_CHARS {
        usage!(
            "the policy is {chars} characters; STS accepts at most {}",
            crate::policy::SESSION_POLICY_MAX_CHARS
        );
    }
    Ok(())
}

pub fn check_session_name(name: &str) -> Result<()> {
    let ok_chars = name
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || b".@-_".contains(&b));
    if !(2..=64).contains(&name.len()) || !ok_chars {
        usage!("invalid role session name {name:?}: use 2-64 characters of letters, digits, '.', '@', '-', '_'");
    }
    Ok(())
}

pub fn check_duration(text: &str) -> Result<u64> {
    match text.trim().parse::<u64>() {
        Ok(d) if (900..=43200).contains(&d) => Ok(d),
        _ => Err(UsageError(format!(
            "invalid duration {text:?}: give seconds from 900 to 43200"
        ))
        .into()),
    }
}

pub fn check_external_id(id: &str) -> Result<()> {
    let ok = id
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || b"_+=,.@:/-".contains(&b));
    if !(2..=1224).contains(&id.len()) || !ok {
        usage!("invalid external id: use 2-1224 characters of letters, digits, _ + = , . @ : / -");
    }
    Ok(())
}

fn request_id_of(body: &str) -> String {
    serde_json::from_str::<serde_json::Value>(body)
        .ok()
        .and_then(|v| {
            v.get("RequestId")
                .and_then(|r| r.as_str())
                .map(str::to_string)
        })
        .unwrap_or_default()
}

/// Reads an STS error body (`{"RequestId","HostId","Code","Message","Recommend"}`); a body that is
/// not that JSON (an HTML page from a proxy, say) still gives a readable error.
pub fn parse_error(status: u16, body: &str) -> ServiceError {
    let mut error = ServiceError {
        service: Some(Service::Sts),
        status,
        ..Default::default()
    };
    match serde_json::from_str::<serde_json::Value>(body) {
        Ok(v) => {
            let field = |k: &str| {
                v.get(k)
                    .and_then(|x| x.as_str())
                    .unwrap_or_default()
                    .to_string()
            };
            error.code = field("Code");
            error.message = field("Message");
            error.request_id = field("RequestId");
            error.host_id = field("HostId");
        }
        Err(_) => {
            error.code = format!("HTTP{status}");
            let snippet: String = body.chars().filter(|c| !c.is_control()).take(200).collect();
            error.message = format!("STS answered with something that is not JSON: {snippet}");
        }
    }
    error
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn error_bodies_are_read() {
        let e = parse_error(
            404,
            r#"{"RequestId":"R1","HostId":"sts.aliyuncs.com","Code":"EntityNotExist.Role","Message":"The role not exists: acs:ram::1:role/x.","Recommend":"https://x"}"#,
        );
        assert_eq!(e.code, "EntityNotExist.Role");
        assert_eq!(e.request_id, "R1");
        let e = parse_error(502, "<html>Bad Gateway</html>");
        assert_eq!(e.code, "HTTP502");
        assert!(e.message.contains("Bad Gateway"));
    }

    #[test]
    fn unusable_credentials_are_refused() {
        let now = chrono::DateTime::parse_from_rfc3339("2026-01-01T00:00:00Z")
            .unwrap()
            .with_timezone(&Utc);
        let good = TemporaryCredentials {
            access_key_id: "STS.NUgYrLnoC37mZZCNnAbez2ahs".into(),
            access_key_secret: "secret-of-the-session".into(),
            security_token: "CAES+wMIARKAAZhjH0EUOIhJMQBMjRywXq7MQ".into(),
            expiration: "2026-01-01T01:00:00Z".into(),
        };
        assert!(good.check(now).is_ok());
        type Spoil = fn(&mut TemporaryCredentials);
        let cases: [(Spoil, &str); 6] = [
            (
                |c| c.expiration = "2025-12-31T23:00:00Z".into(),
                "expired at",
            ),
            (|c| c.expiration = "tomorrow".into(), "not a time"),
            (|c| c.expiration = String::new(), "not a time"),
            (|c| c.access_key_id = String::new(), "AccessKeyId is empty"),
            (
                |c| c.security_token = "tok\nen".into(),
                "SecurityToken holds",
            ),
            (
                |c| c.access_key_secret = "a b".into(),
                "AccessKeySecret holds",
            ),
        ];
        for (spoil, why) in cases {
            let mut c = good.clone();
            spoil(&mut c);
            let e = c.check(now).unwrap_err();
            assert!(e.contains(why), "{e}");
        }
    }
}
