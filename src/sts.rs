//! STS client: RPC-style calls (`Action=…` form posts to `/`) signed with POP signature v1.
//!
//! POST keeps the inline policy and the security token out of URLs (and so out of proxy logs);
//! the method word is part of what is signed, so the server checks it either way.

use anyhow::{Context, Result};
use chrono::Utc;
use serde::{Deserialize, Serialize};

use crate::endpoint::Endpoint;
use crate::error::{Service, ServiceError};
use crate::http::{network_error, Client};
use crate::output;
use crate::signing::{pop, Credentials};

pub const API_VERSION: &str = "2015-04-01";

pub struct StsClient<'a> {
    pub http: &'a Client,
    pub endpoint: Endpoint,
    pub credentials: Credentials,
    pub retry: crate::retry::RetryPolicy,
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
        let response: AssumeRoleResponse = serde_json::from_str(&body)
            .context("STS answered AssumeRole with JSON alicli cannot read")?;
        crate::redact::register(&response.credentials.access_key_secret);
        crate::redact::register(&response.credentials.security_token);
        Ok(response)
    }

    /// Returns the answer as JSON, keys as the API sends them.
    pub fn get_caller_identity(&self) -> Result<serde_json::Value> {
        let body = self.call("GetCallerIdentity", Vec::new())?;
        serde_json::from_str(&body)
            .context("STS answered GetCallerIdentity with JSON alicli cannot read")
    }

    /// Signs and sends one call; returns the body of a 2xx answer or a [`ServiceError`].
    /// Each attempt is signed afresh: STS refuses a nonce it has seen.
    fn call(&self, action: &str, params: Vec<(String, String)>) -> Result<String> {
        self.retry
            .run(action, || self.call_once(action, params.clone()))
    }

    fn call_once(&self, action: &str, mut params: Vec<(String, String)>) -> Result<String> {
        params.push(("Action".into(), action.into()));
        params.push(("Version".into(), API_VERSION.into()));
        params.push(("Format".into(), "JSON".into()));
        let nonce = uuid::Uuid::new_v4().to_string();
        let (signed, string_to_sign) =
            pop::sign("POST", params, &self.credentials, Utc::now(), &nonce);
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
        let response = self
            .http
            .post(&url)
            .header("Content-Type", "application/x-www-form-urlencoded")
            .header("Accept", "application/json")
            .body(form)
            .send()
            .map_err(|e| network_error(&e, &self.endpoint.authority()))?;
        let status = response.status().as_u16();
        let text = response
            .text()
            .map_err(|e| network_error(&e, &self.endpoint.authority()))?;
        let error = (status >= 300).then(|| parse_error(status, &text));
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
}
