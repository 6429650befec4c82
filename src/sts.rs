//! STS client: RPC-style calls to `/`, signed with POP signature v1 (the default) or signature
//! V3 (`ACS3-HMAC-SHA256`).
//!
//! - v1: `Action=…` and every parameter, signature included, in a form POST. POST keeps the
//!   inline policy and the security token out of URLs (and so out of proxy logs); the method
//!   word is part of what is signed, so the server checks it either way.
//! - V3: a POST with the parameters in the query and an empty body, as the official V3 STS SDK
//!   sends it; the action, version, date, nonce and the security token travel as `x-acs-*`
//!   headers, so the token stays out of the URL (the session policy does not).

use anyhow::Result;
use chrono::Utc;

use std::sync::Arc;

use crate::credentials::ProvideCredentials;
use crate::error::BadAnswer;
use crate::net::failures::network_error;
use crate::net::http::Client;
use crate::session::StsSignatureVersion;
use crate::terminal::output;
use alicli_wire::endpoint::Endpoint;
use alicli_wire::signing::{acs3, pop, Credentials};

pub use alicli_wire::sts::{
    parse_error, AssumeRoleRequest, AssumeRoleResponse, AssumeRoleWithOidcRequest,
    AssumeRoleWithOidcResponse, AssumedRoleUser, TemporaryCredentials, API_VERSION,
};

pub struct StsClient {
    pub http: Client,
    pub endpoint: Endpoint,
    pub retry: crate::net::retry::RetryPolicy,
    /// Asked before every attempt: a role profile renews itself, and renews once more when STS
    /// refuses what it holds.
    pub credentials: Arc<dyn ProvideCredentials>,
    /// How each call is signed.
    pub signature: StsSignatureVersion,
}

impl StsClient {
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
        checked_credentials("AssumeRole", &response.credentials)?;
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
    /// [`Renewed`](crate::net::retry::Renewed), which the retry policy sends again at once.
    fn call_once(&self, action: &str, params: Vec<(String, String)>) -> Result<String> {
        let credentials = self.credentials.credentials()?.credentials;
        self.call_signed(action, params, &credentials)
            .map_err(|e| crate::credentials::after_failure(&*self.credentials, e, &credentials))
    }

    fn call_signed(
        &self,
        action: &str,
        params: Vec<(String, String)>,
        credentials: &Credentials,
    ) -> Result<String> {
        let nonce = uuid::Uuid::new_v4().to_string();
        match self.signature {
            StsSignatureVersion::V1 => {
                let mut params = params;
                params.push(("Action".into(), action.into()));
                params.push(("Version".into(), API_VERSION.into()));
                params.push(("Format".into(), "JSON".into()));
                let (signed, string_to_sign) =
                    pop::sign("POST", params, credentials, Utc::now(), &nonce);
                output::verbose(&format!("> string to sign: {string_to_sign}"));
                send_form(&self.http, &self.endpoint, action, &signed)
            }
            StsSignatureVersion::V3 => self.call_v3(action, &params, credentials, &nonce),
        }
    }

    /// Signature V3: the parameters in the query, an empty body, everything else in headers.
    fn call_v3(
        &self,
        action: &str,
        query: &[(String, String)],
        credentials: &Credentials,
        nonce: &str,
    ) -> Result<String> {
        let host = self.endpoint.authority();
        let signed = acs3::sign(
            &acs3::RpcCall {
                method: "POST",
                host: &host,
                action,
                version: API_VERSION,
                query,
                headers: &[],
                body: b"",
            },
            credentials,
            Utc::now(),
            nonce,
        );
        // The canonical request carries the security token as a signed header: masked here
        // whatever the redactor knows (it skips very short strings).
        let mask = |text: &str| match credentials.security_token.as_deref() {
            Some(token) if !token.is_empty() => text.replace(token, "****"),
            _ => text.to_string(),
        };
        output::verbose(&format!(
            "> canonical request (STS V3): {:?}",
            mask(&signed.canonical_request)
        ));
        output::verbose(&format!(
            "> string to sign (STS V3): {:?}",
            signed.string_to_sign
        ));
        let query_string = acs3::canonical_query(query);
        let url = if query_string.is_empty() {
            format!("{}/", self.endpoint.base_url())
        } else {
            format!("{}/?{query_string}", self.endpoint.base_url())
        };
        output::verbose(&format!(
            "> POST {}/ x-acs-action: {action}",
            self.endpoint.base_url()
        ));
        let mut request = self.http.post(&url).header("Accept", "application/json");
        for (name, value) in &signed.headers {
            request = request.header(name.as_str(), value.as_str());
        }
        read_answer(request, action, &host)
    }
}

/// STS AssumeRoleWithOIDC: anonymous, as the API is (the OIDC token is what proves who asks),
/// so it needs no credential provider. The token travels in the form body, never in the URL.
/// Each attempt carries a fresh nonce, like a signed call.
pub fn assume_role_with_oidc(
    http: &Client,
    endpoint: &Endpoint,
    retry: crate::net::retry::RetryPolicy,
    req: &AssumeRoleWithOidcRequest,
) -> Result<AssumeRoleWithOidcResponse> {
    let action = "AssumeRoleWithOIDC";
    crate::terminal::redact::register(&req.oidc_token);
    let body = retry.run(action, || {
        let mut params = vec![
            ("Action".to_string(), action.to_string()),
            ("Version".into(), API_VERSION.into()),
            ("Format".into(), "JSON".into()),
            ("Timestamp".into(), pop::format_timestamp(Utc::now())),
            ("SignatureNonce".into(), uuid::Uuid::new_v4().to_string()),
            ("RoleArn".into(), req.role_arn.clone()),
            ("OIDCProviderArn".into(), req.oidc_provider_arn.clone()),
            ("OIDCToken".into(), req.oidc_token.clone()),
            ("RoleSessionName".into(), req.role_session_name.clone()),
        ];
        if let Some(policy) = &req.policy {
            params.push(("Policy".into(), policy.clone()));
        }
        if let Some(d) = req.duration_seconds {
            params.push(("DurationSeconds".into(), d.to_string()));
        }
        send_form(http, endpoint, action, &params)
    })?;
    let response: AssumeRoleWithOidcResponse = serde_json::from_str(&body).map_err(|e| {
        BadAnswer(format!(
            "STS answered {action} with JSON alicli cannot read: {e}"
        ))
    })?;
    checked_credentials(action, &response.credentials)?;
    Ok(response)
}

/// Registers the secrets of an answer with the redactor and refuses credentials no request
/// could use.
fn checked_credentials(action: &str, c: &TemporaryCredentials) -> Result<()> {
    crate::terminal::redact::register(&c.access_key_secret);
    crate::terminal::redact::register(&c.security_token);
    c.check(Utc::now()).map_err(|why| {
        BadAnswer(format!(
            "STS answered {action} with credentials alicli cannot use: {why}; nothing was saved or printed"
        ))
        .into()
    })
}

/// Posts `params` as a form to the endpoint and returns the body of a 2xx answer, or the
/// [`ServiceError`](crate::error::ServiceError) of any other.
fn send_form(
    http: &Client,
    endpoint: &Endpoint,
    action: &str,
    params: &[(String, String)],
) -> Result<String> {
    let url = format!("{}/", endpoint.base_url());
    output::verbose(&format!("> POST {url} Action={action}"));
    let form: String = params
        .iter()
        .map(|(k, v)| {
            format!(
                "{}={}",
                alicli_wire::signing::percent::rfc3986(k),
                alicli_wire::signing::percent::rfc3986(v)
            )
        })
        .collect::<Vec<_>>()
        .join("&");
    let host = endpoint.authority();
    let request = http
        .post(&url)
        .header("Content-Type", "application/x-www-form-urlencoded")
        .header("Accept", "application/json")
        .body(form);
    read_answer(request, action, &host)
}

/// Sends `request` and returns the body of a 2xx answer, or the
/// [`ServiceError`](crate::error::ServiceError) of any other.
fn read_answer(
    request: reqwest::blocking::RequestBuilder,
    action: &str,
    host: &str,
) -> Result<String> {
    let mut response = request.send().map_err(|e| network_error(&e, host))?;
    let status = response.status().as_u16();
    let headers = response.headers().clone();
    let body = if status >= 300 {
        crate::net::answers::read_error_body(&mut response)
    } else {
        crate::net::answers::read_answer(&mut response, action, host)?
    };
    let text = String::from_utf8_lossy(&body).into_owned();
    let error = (status >= 300).then(|| {
        let mut error = parse_error(status, &text);
        crate::net::answers::note_redirect(&mut error, &headers);
        error
    });
    output::verbose(&format!(
        "< {status} RequestId: {}",
        error
            .as_ref()
            .map(|e| e.request_id.clone())
            .unwrap_or_else(|| alicli_wire::sts::request_id_of(&text))
    ));
    match error {
        Some(error) => Err(error.into()),
        None => Ok(text),
    }
}
