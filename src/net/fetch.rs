//! One small HTTP exchange with a credential server: the ECS metadata service, a credentials
//! URI, the GitHub Actions token endpoint. Unlike the STS and OSS clients these never retry on
//! their own (the caller knows whether asking again is worth it), always have short deadlines
//! (a missing metadata service must cost about a second, not a minute), never follow a
//! redirect (the bearer token or metadata token would go with it), and read at most
//! [`FETCH_LIMIT`] bytes of the answer.

use std::time::Duration;

use anyhow::Result;

use super::http::Net;
use crate::error::NetworkError;

/// The most of an answer that is read: credentials and tokens are a few KiB.
pub const FETCH_LIMIT: usize = 64 * 1024;

/// What to send. Header values may be secrets (a bearer token): they are never printed.
#[derive(Clone)]
pub struct FetchRequest {
    pub method: &'static str,
    pub url: String,
    pub headers: Vec<(&'static str, String)>,
    /// Bounds the connection and the whole answer.
    pub timeout: Duration,
    /// Whether the proxy settings apply: they do for a server somewhere on the network (the
    /// GitHub Actions token endpoint), not for a link-local or loopback one (ECS metadata).
    pub use_proxy: bool,
}

impl std::fmt::Debug for FetchRequest {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FetchRequest")
            .field("method", &self.method)
            .field("url", &self.url)
            .field("timeout", &self.timeout)
            .finish_non_exhaustive()
    }
}

/// What came back: the status and at most [`FETCH_LIMIT`] bytes of the body.
#[derive(Debug, Clone, Default)]
pub struct FetchAnswer {
    pub status: u16,
    pub body: Vec<u8>,
    /// The body was longer than [`FETCH_LIMIT`] and was cut there.
    pub truncated: bool,
}

/// Sends `request` and reads the answer, whatever its status. Failing to connect or to read
/// within the deadline is a [`NetworkError`] naming the host (never the headers).
pub fn fetch(net: &Net, request: &FetchRequest) -> Result<FetchAnswer> {
    let url = reqwest::Url::parse(&request.url).map_err(|e| {
        crate::error::UsageError(format!(
            "{} is not a URL alicli can call: {e}",
            alicli_wire::text::escape_untrusted(&request.url)
        ))
    })?;
    let host = url.host_str().unwrap_or_default().to_string();
    let mut builder = reqwest::blocking::Client::builder()
        .user_agent(super::http::USER_AGENT)
        .connect_timeout(request.timeout.min(net.connect_timeout))
        .timeout(request.timeout)
        .redirect(reqwest::redirect::Policy::none())
        .no_proxy()
        .tls_built_in_root_certs(url.scheme() == "https");
    if request.use_proxy {
        for proxy in crate::net::proxy::resolve(net.proxy.as_deref())?.to_reqwest()? {
            builder = builder.proxy(proxy);
        }
    }
    let client = builder.build()?;
    let method = reqwest::Method::from_bytes(request.method.as_bytes())?;
    let mut call = client.request(method, url);
    for (name, value) in &request.headers {
        call = call.header(*name, value);
    }
    let mut response = call.send().map_err(|e| {
        let why = if e.is_timeout() {
            format!("no answer within {:.1} s", request.timeout.as_secs_f64())
        } else if e.is_connect() {
            "cannot connect".to_string()
        } else {
            "the request failed".to_string()
        };
        NetworkError::new(format!("{why} to {host}"))
    })?;
    let status = response.status().as_u16();
    let (body, truncated) =
        super::answers::read_bounded(&mut response, FETCH_LIMIT, request.timeout)
            .map_err(|e| NetworkError::new(format!("the answer from {host} broke off: {e}")))?;
    Ok(FetchAnswer {
        status,
        body,
        truncated,
    })
}
