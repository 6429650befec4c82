//! The one HTTP client both service clients share, and the mapping of transport failures
//! (DNS, connect, TLS, timeouts, bodies cut short) to [`NetworkError`] with a hint.
//!
//! Requests go through reqwest's blocking client, except uploads whose body streams from a
//! reader: the blocking client moves such a body 8 KiB at a time through a channel to its I/O
//! thread, several times curl's CPU for the same bytes. Those go through an async client (built
//! on first use, with the same settings) fed 512 KiB at a time.

use std::error::Error as _;
use std::io::Read;
use std::sync::{Arc, Mutex, OnceLock};
use std::time::Duration;

use anyhow::Result;

use crate::error::NetworkError;

/// The blocking client (what `Deref` gives) plus, on demand, the streaming one.
pub struct Client {
    blocking: reqwest::blocking::Client,
    tls: bool,
    net: Net,
    streaming: OnceLock<std::result::Result<Streaming, String>>,
}

impl std::ops::Deref for Client {
    type Target = reqwest::blocking::Client;

    fn deref(&self) -> &Self::Target {
        &self.blocking
    }
}

/// An async client on a runtime of its own, for bodies streamed from readers.
struct Streaming {
    runtime: tokio::runtime::Runtime,
    client: reqwest::Client,
    chunks: Arc<ChunkPool>,
}

/// Chunk buffers handed back once the connection has written them, so a long transfer reuses
/// a few buffers instead of allocating one per chunk on whichever thread read it (which let the
/// allocator's per-thread arenas, and the peak RSS, grow with the transfer's length).
#[derive(Default)]
struct ChunkPool {
    free: Mutex<Vec<Vec<u8>>>,
}

/// Enough for a few chunks in flight for each of 64 jobs; more are freed, not kept.
const POOL_KEEP: usize = 16;

impl ChunkPool {
    fn take(&self) -> Vec<u8> {
        let reused = self.free.lock().unwrap_or_else(|e| e.into_inner()).pop();
        let mut chunk = reused.unwrap_or_else(|| Vec::with_capacity(STREAM_CHUNK));
        chunk.clear();
        chunk
    }

    fn give_back(&self, chunk: Vec<u8>) {
        let mut free = self.free.lock().unwrap_or_else(|e| e.into_inner());
        if free.len() < POOL_KEEP {
            free.push(chunk);
        }
    }
}

/// A chunk on loan to the HTTP body; it goes back to the pool when hyper drops it.
struct LentChunk {
    data: Vec<u8>,
    pool: Arc<ChunkPool>,
}

impl AsRef<[u8]> for LentChunk {
    fn as_ref(&self) -> &[u8] {
        &self.data
    }
}

impl Drop for LentChunk {
    fn drop(&mut self) {
        self.pool.give_back(std::mem::take(&mut self.data));
    }
}

/// What a streamed upload got back. The body is read whole: answers to uploads are empty or a
/// short error document.
pub struct StreamedResponse {
    pub status: reqwest::StatusCode,
    pub headers: reqwest::header::HeaderMap,
    pub body: bytes::Bytes,
}

/// Bytes read from the reader per chunk of a streamed body.
const STREAM_CHUNK: usize = 512 * 1024;

impl Client {
    /// Sends `method url` with `headers` and a body of `len` bytes read from `reader`, within
    /// `timeout`.
    pub fn send_streamed(
        &self,
        method: reqwest::Method,
        url: &str,
        headers: &[(String, String)],
        reader: Box<dyn Read + Send>,
        len: u64,
        timeout: Duration,
    ) -> std::result::Result<StreamedResponse, StreamError> {
        let streaming = self
            .streaming
            .get_or_init(|| Streaming::new(self.tls, &self.net).map_err(|e| format!("{e:#}")))
            .as_ref()
            .map_err(|e| StreamError::Setup(e.clone()))?;
        let mut request = streaming.client.request(method, url).timeout(timeout);
        for (name, value) in headers {
            request = request.header(name, value);
        }
        // Each chunk is read on the runtime's blocking pool: file reads must not stall the
        // thread that drives the connection.
        let pool = Arc::clone(&streaming.chunks);
        let chunks = futures_util::stream::try_unfold(Some(reader), move |reader| {
            let pool = Arc::clone(&pool);
            async move {
                let Some(mut reader) = reader else {
                    return Ok(None);
                };
                let mut chunk = pool.take();
                let (reader, chunk) = tokio::task::spawn_blocking(move || {
                    let got = (&mut reader)
                        .take(STREAM_CHUNK as u64)
                        .read_to_end(&mut chunk);
                    got.map(|_| (reader, chunk))
                })
                .await
                .map_err(std::io::Error::other)??;
                if chunk.is_empty() {
                    pool.give_back(chunk);
                    return Ok(None);
                }
                let chunk = bytes::Bytes::from_owner(LentChunk { data: chunk, pool });
                Ok::<_, std::io::Error>(Some((chunk, Some(reader))))
            }
        });
        let request = request
            .header(reqwest::header::CONTENT_LENGTH, len)
            .body(reqwest::Body::wrap_stream(chunks));
        streaming
            .runtime
            .block_on(async move {
                let response = request.send().await?;
                let status = response.status();
                let headers = response.headers().clone();
                let body = response.bytes().await?;
                Ok(StreamedResponse {
                    status,
                    headers,
                    body,
                })
            })
            .map_err(StreamError::Http)
    }
}

impl Streaming {
    fn new(tls: bool, net: &Net) -> Result<Streaming> {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(1)
            .thread_name("alicli-http")
            .enable_all()
            .build()?;
        let mut builder = reqwest::Client::builder()
            .user_agent(USER_AGENT)
            .connect_timeout(net.connect_timeout)
            .tcp_nodelay(true)
            .tls_built_in_root_certs(tls);
        if let Some(proxy) = proxy(net)? {
            builder = builder.proxy(proxy);
        }
        Ok(Streaming {
            runtime,
            client: builder.build()?,
            chunks: Arc::default(),
        })
    }
}

/// Why a streamed request failed.
#[derive(Debug)]
pub enum StreamError {
    /// The streaming client could not be built; it takes the settings the blocking client
    /// already accepted, so this is not expected.
    Setup(String),
    Http(reqwest::Error),
}

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
    Ok(Client {
        blocking: build_blocking(tls, net)?,
        tls,
        net: net.clone(),
        streaming: OnceLock::new(),
    })
}

/// `--proxy` for both clients (the streaming one repeats the blocking one's other settings).
fn proxy(net: &Net) -> Result<Option<reqwest::Proxy>> {
    let Some(proxy) = &net.proxy else {
        return Ok(None);
    };
    reqwest::Proxy::all(proxy)
        .map(Some)
        .map_err(|e| crate::error::UsageError(format!("invalid --proxy {proxy:?}: {e}")).into())
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
        .tls_built_in_root_certs(tls);
    if let Some(proxy) = proxy(net)? {
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
