//! STS's side of the wire: the API version, the AssumeRole request and answer, and how an
//! answer (or an error body) is read and checked. The client that sends requests lives in the
//! binary; the local cloud writes these same answers.

use chrono::Utc;
use serde::{Deserialize, Serialize};

use crate::error::{Service, ServiceError};
use crate::signing::Credentials;

pub const API_VERSION: &str = "2015-04-01";

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

/// AssumeRoleWithOIDC: a role assumed with an OIDC token instead of an AccessKey. The request
/// is anonymous (no AccessKeyId, no signature); the token is the secret, so Debug hides it.
#[derive(Clone, Default)]
pub struct AssumeRoleWithOidcRequest {
    pub role_arn: String,
    pub oidc_provider_arn: String,
    pub oidc_token: String,
    pub role_session_name: String,
    pub policy: Option<String>,
    pub duration_seconds: Option<u64>,
}

impl std::fmt::Debug for AssumeRoleWithOidcRequest {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AssumeRoleWithOidcRequest")
            .field("role_arn", &self.role_arn)
            .field("oidc_provider_arn", &self.oidc_provider_arn)
            .field("oidc_token", &"<hidden>")
            .field("role_session_name", &self.role_session_name)
            .field("policy", &self.policy)
            .field("duration_seconds", &self.duration_seconds)
            .finish()
    }
}

/// What STS says about the token it accepted (AssumeRoleWithOIDC's `OIDCTokenInfo`). Only the
/// fields alicli shows are typed; the rest are kept as they came.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct OidcTokenInfo {
    #[serde(default)]
    pub subject: String,
    #[serde(default)]
    pub issuer: String,
    #[serde(default)]
    pub client_ids: String,
    #[serde(default)]
    pub expiration_time: String,
    #[serde(default)]
    pub issuance_time: String,
    #[serde(flatten)]
    pub extra: serde_json::Map<String, serde_json::Value>,
}

/// The AssumeRoleWithOIDC answer, with the API's own keys (it is printed as is).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct AssumeRoleWithOidcResponse {
    #[serde(
        rename = "OIDCTokenInfo",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub oidc_token_info: Option<OidcTokenInfo>,
    pub assumed_role_user: AssumedRoleUser,
    pub credentials: TemporaryCredentials,
    pub request_id: String,
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
                crate::text::escape_untrusted(
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

/// The `RequestId` of an STS answer, or empty.
pub fn request_id_of(body: &str) -> String {
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
