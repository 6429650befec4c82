//! The one HTTP client both service clients share, and the mapping of transport failures
//! (DNS, connect, TLS, timeouts, bodies cut short) to [`NetworkError`] with a hint.

use std::error::Error as _;
use std::time::Duration;

use anyhow::Result;

use crate::error::NetworkError;

pub type Client = reqwest::blocking::Client;

pub const USER_AGENT: &str = concat!("alicli/", env!("CARGO_PKG_VERSION"));

/// Builds the client. No total timeout: a multi-GB body may take as long as it takes; connecting
/// must not.
pub fn client() -> Result<Client> {
    build(true)
}

/// The client for one endpoint. Plain-http endpoints (the local cloud) skip loading the TLS root
/// certificates, a third of a small command's run time.
pub fn client_for(endpoint: &crate::endpoint::Endpoint) -> Result<Client> {
    build(endpoint.scheme == "https")
}

fn build(tls: bool) -> Result<Client> {
    Ok(reqwest::blocking::Client::builder()
        .user_agent(USER_AGENT)
        .connect_timeout(Duration::from_secs(10))
        .timeout(None)
        .tcp_nodelay(true)
        .tls_built_in_root_certs(tls)
        .build()?)
}

/// Turns a transport error into a one-line [`NetworkError`] that names the host.
pub fn network_error(err: &reqwest::Error, host: &str) -> NetworkError {
    let mut detail = String::new();
    let mut source = err.source();
    while let Some(s) = source {
        detail = s.to_string();
        source = s.source();
    }
    let lower = detail.to_ascii_lowercase();
    let (message, hint) = if lower.contains("dns")
        || lower.contains("lookup")
        || lower.contains("name or service not known")
    {
        (
            format!("cannot resolve host {host}"),
            Some("check the region in the endpoint (e.g. oss-cn-hangzhou.aliyuncs.com, sts.cn-hangzhou.aliyuncs.com); the region list is at https://www.alibabacloud.com/help/en/oss/user-guide/regions-and-endpoints".to_string()),
        )
    } else if err.is_timeout() {
        (format!("request to {host} timed out"), None)
    } else if err.is_connect() || lower.contains("connection refused") {
        (
            format!("cannot connect to {host}: {detail}"),
            Some("check the endpoint and that the service is reachable".into()),
        )
    } else if detail.is_empty() {
        (format!("request to {host} failed: {err}"), None)
    } else {
        (format!("request to {host} failed: {detail}"), None)
    };
    NetworkError {
        message: crate::redact::redact(&message),
        hint,
    }
}
