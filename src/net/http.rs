//! The one HTTP client both service clients share, built from the network settings ([`Net`]).
//!
//! What it never does: follow a redirect (a signed request would carry its AccessKeyId, signature
//! and security token to whatever host the `Location` names; OSS and STS never redirect a signed
//! call to another host, so a 3xx is reported, see [`crate::net::answers::note_redirect`]), use a proxy it has not
//! checked (see [`crate::net::proxy`]), or read an answer without a bound on its size and time (see
//! [`crate::net::answers`]).
//!
//! Requests go through reqwest's blocking client, except uploads whose body streams from a
//! reader: the blocking client moves such a body 8 KiB at a time through a channel to its I/O
//! thread, several times curl's CPU for the same bytes. Those go through an async client (built
//! on first use, with the same settings) fed 512 KiB at a time ([`crate::net::streaming`]).

use std::sync::OnceLock;
use std::time::Duration;

use anyhow::Result;

use super::streaming::Streaming;

/// The blocking client (what `Deref` gives) plus, on demand, the streaming one.
pub struct Client {
    blocking: reqwest::blocking::Client,
    pub(super) tls: bool,
    pub(super) net: Net,
    pub(super) streaming: OnceLock<std::result::Result<Streaming, String>>,
}

impl std::ops::Deref for Client {
    type Target = reqwest::blocking::Client;

    fn deref(&self) -> &Self::Target {
        &self.blocking
    }
}

pub const USER_AGENT: &str = concat!("alicli/", env!("CARGO_PKG_VERSION"));

/// Network settings: `--retries`, `--connect-timeout`, `--read-timeout`, `--proxy` (and the
/// profile's `retries`), with their defaults.
#[derive(Debug, Clone)]
pub struct Net {
    pub retry: crate::net::retry::RetryPolicy,
    pub connect_timeout: Duration,
    /// Longest wait for the next bytes of an answer; resets whenever data arrives, so a large
    /// transfer may take as long as it needs.
    pub read_timeout: Duration,
    /// `--proxy` for every request (checked, even when empty); otherwise HTTPS_PROXY /
    /// HTTP_PROXY / ALL_PROXY / NO_PROXY apply, checked the same way.
    pub proxy: Option<String>,
}

pub const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(10);
pub const DEFAULT_READ_TIMEOUT: Duration = Duration::from_secs(60);

impl Default for Net {
    fn default() -> Self {
        Net {
            retry: crate::net::retry::RetryPolicy::default(),
            connect_timeout: DEFAULT_CONNECT_TIMEOUT,
            read_timeout: DEFAULT_READ_TIMEOUT,
            proxy: None,
        }
    }
}

/// A client with default settings, for https endpoints.
pub fn client() -> Result<Client> {
    build(true, &Net::default())
}

/// The client for one endpoint. Plain-http endpoints (the local cloud) skip loading the TLS root
/// certificates, a third of a small command's run time.
pub fn client_for(endpoint: &alicli_wire::endpoint::Endpoint, net: &Net) -> Result<Client> {
    build(endpoint.scheme == "https", net)
}

fn build(tls: bool, net: &Net) -> Result<Client> {
    Ok(Client {
        blocking: build_blocking(tls, net)?,
        tls,
        net: net.clone(),
        streaming: OnceLock::new(),
    })
}

fn build_blocking(tls: bool, net: &Net) -> Result<reqwest::blocking::Client> {
    // The blocking client's timeout bounds the wait for an answer and then each read of its
    // body (it restarts with every read), which is what a read timeout should do. Requests that
    // send a body get more time, see `timeout_with_body`.
    let mut builder = reqwest::blocking::Client::builder()
        .user_agent(USER_AGENT)
        .connect_timeout(net.connect_timeout)
        .timeout(net.read_timeout)
        .tcp_nodelay(true)
        .redirect(reqwest::redirect::Policy::none())
        .no_proxy()
        .tls_built_in_root_certs(tls);
    let proxies = crate::net::proxy::resolve(net.proxy.as_deref())?;
    if let Some(line) = proxies.describe() {
        crate::terminal::output::verbose(&line);
    }
    for proxy in proxies.to_reqwest()? {
        builder = builder.proxy(proxy);
    }
    READ_TIMEOUT_MS.store(
        net.read_timeout.as_millis() as u64,
        std::sync::atomic::Ordering::Relaxed,
    );
    Ok(builder.build()?)
}

/// The read timeout in force, remembered so errors can name it and uploads can extend it.
static READ_TIMEOUT_MS: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(60_000);

pub(super) fn read_timeout() -> Duration {
    Duration::from_millis(READ_TIMEOUT_MS.load(std::sync::atomic::Ordering::Relaxed))
}

/// Slowest upload rate allowed before a body counts as stalled (64 KiB/s).
const SLOWEST_UPLOAD: u64 = 64 * 1024;

/// Time allowed for a request that sends `len` bytes: the read timeout plus the body at the
/// slowest rate we accept; a day when the length is unknown (a stream from stdin).
pub fn timeout_with_body(len: Option<u64>) -> Duration {
    match len {
        Some(len) => read_timeout() + Duration::from_secs(len / SLOWEST_UPLOAD),
        None => Duration::from_secs(86_400),
    }
}

/// Checks a value given for an HTTP header (`--content-type`): HTTP allows visible ASCII,
/// spaces and tabs; a control character or line break would be refused by the HTTP library
/// only after every retry (or split the header), so it is bad input, found before any request.
pub fn check_header_value(
    flag: &str,
    value: &str,
) -> std::result::Result<(), crate::error::UsageError> {
    let fine = |b: u8| b == b'\t' || (b' '..=b'~').contains(&b);
    if value.trim().is_empty() || !value.bytes().all(fine) {
        return Err(crate::error::UsageError(format!(
            "invalid {flag} {value:?}: give visible ASCII text, e.g. text/plain; charset=utf-8"
        )));
    }
    Ok(())
}
