//! The one HTTP client both service clients share, and the mapping of transport failures
//! (DNS, connect, TLS, timeouts, bodies cut short) to [`NetworkError`] with a hint.

use std::error::Error as _;
use std::time::Duration;

use anyhow::Result;

use crate::error::NetworkError;

pub type Client = reqwest::blocking::Client;

pub const USER_AGENT: &str = concat!("alicli/", env!("CARGO_PKG_VERSION"));

/// Network settings: `--retries`, `--connect-timeout`, `--read-timeout`, `--proxy` (and the
/// profile's `retries`), with their defaults.
#[derive(Debug, Clone)]
pub struct Net {
    pub retry: crate::retry::RetryPolicy,
    pub connect_timeout: Duration,
    /// Longest wait for the next bytes of an answer; resets whenever data arrives, so a large
    /// transfer may take as long as it needs.
    pub read_timeout: Duration,
    /// Explicit proxy for every request; otherwise HTTPS_PROXY / HTTP_PROXY / NO_PROXY apply.
    pub proxy: Option<String>,
}

pub const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(10);
pub const DEFAULT_READ_TIMEOUT: Duration = Duration::from_secs(60);

impl Default for Net {
    fn default() -> Self {
        Net {
            retry: crate::retry::RetryPolicy::default(),
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
pub fn client_for(endpoint: &crate::endpoint::Endpoint, net: &Net) -> Result<Client> {
    build(endpoint.scheme == "https", net)
}

fn build(tls: bool, net: &Net) -> Result<Client> {
    // The blocking client's timeout bounds the wait for an answer and then each read of its
    // body (it restarts with every read), which is what a read timeout should do. Requests that
    // send a body get more time, see `timeout_with_body`.
    let mut builder = reqwest::blocking::Client::builder()
        .user_agent(USER_AGENT)
        .connect_timeout(net.connect_timeout)
        .timeout(net.read_timeout)
        .tcp_nodelay(true)
        .tls_built_in_root_certs(tls);
    if let Some(proxy) = &net.proxy {
        let proxy = reqwest::Proxy::all(proxy)
            .map_err(|e| crate::error::UsageError(format!("invalid --proxy {proxy:?}: {e}")))?;
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

fn read_timeout() -> Duration {
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

/// Turns a transport error into a one-line [`NetworkError`] that names the host.
pub fn network_error(err: &reqwest::Error, host: &str) -> NetworkError {
    let mut detail = String::new();
    let mut source = err.source();
    while let Some(s) = source {
        detail = s.to_string();
        source = s.source();
    }
    if detail.is_empty() {
        detail = err.to_string();
    }
    describe(&detail, err.is_timeout(), err.is_connect(), host)
}

/// The message and hint for a transport failure, from the innermost error's text.
fn describe(detail: &str, timeout: bool, connect: bool, host: &str) -> NetworkError {
    let lower = detail.to_ascii_lowercase();
    let (message, hint) = if lower.contains("dns")
        || lower.contains("lookup")
        || lower.contains("name or service not known")
        || lower.contains("no address associated")
    {
        (
            format!("cannot resolve host {host}"),
            Some("check the region in the endpoint (e.g. oss-cn-hangzhou.aliyuncs.com, sts.cn-hangzhou.aliyuncs.com); the region list is at https://www.alibabacloud.com/help/en/oss/user-guide/regions-and-endpoints".to_string()),
        )
    } else if connect && (timeout || lower.contains("timed out")) {
        (
            format!("cannot connect to {host}: no answer within the connect timeout"),
            Some("raise --connect-timeout, or check the endpoint, proxy and firewall".to_string()),
        )
    } else if timeout || lower.contains("timed out") || lower.contains("timeout") {
        (
            format!(
                "request to {host} timed out (no answer within the read timeout of {} s)",
                read_timeout().as_secs_f64()
            ),
            Some("raise --read-timeout for a slow link, or check the endpoint".to_string()),
        )
    } else if connect || lower.contains("connection refused") {
        (
            format!("cannot connect to {host}: {detail}"),
            Some("check the endpoint (and --proxy / HTTPS_PROXY if one is set) and that the service is reachable".into()),
        )
    } else {
        (format!("request to {host} failed: {detail}"), None)
    };
    NetworkError {
        message: crate::redact::redact(&message),
        hint,
    }
}

#[cfg(test)]
mod tests {
    use super::describe;

    #[test]
    fn transport_failures_are_told_apart() {
        let dns = describe(
            "failed to lookup address information: Name or service not known",
            false,
            true,
            "oss-cn-nowhere.aliyuncs.com",
        );
        assert_eq!(
            dns.message,
            "cannot resolve host oss-cn-nowhere.aliyuncs.com"
        );
        assert!(dns.hint.unwrap().contains("regions-and-endpoints"));
        let connect = describe("operation timed out", true, true, "h");
        assert!(connect.message.contains("connect timeout"));
        let read = describe("operation timed out", true, false, "h");
        assert!(read.message.contains("read timeout"));
        let refused = describe("Connection refused (os error 111)", false, true, "h:1");
        assert!(refused.message.starts_with("cannot connect to h:1"));
        let other = describe("connection reset by peer", false, false, "h");
        assert_eq!(
            other.message,
            "request to h failed: connection reset by peer"
        );
        assert!(other.hint.is_none());
    }
}
