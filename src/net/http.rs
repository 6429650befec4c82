//! The one HTTP client both service clients share, and the mapping of transport failures
//! (DNS, connect, TLS, timeouts, bodies cut short) to [`NetworkError`] with a hint.
//!
//! What it never does: follow a redirect (a signed request would carry its AccessKeyId, signature
//! and security token to whatever host the `Location` names; OSS and STS never redirect a signed
//! call to another host, so a 3xx is reported, see [`note_redirect`]), use a proxy it has not
//! checked (see [`crate::net::proxy`]), or read an answer without a bound on its size and time (see
//! [`read_answer`] and [`read_error_body`]).
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

/// What a streamed upload got back. At most [`ERROR_BODY_LIMIT`] bytes of the body are read:
/// answers to uploads are empty or a short error document.
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
                let mut response = request.send().await?;
                let status = response.status();
                let headers = response.headers().clone();
                // Answers to uploads are empty or a short error document: read at most that
                // much, within the read timeout.
                let mut body = Vec::new();
                let read = async {
                    while body.len() < ERROR_BODY_LIMIT {
                        match response.chunk().await? {
                            Some(chunk) => body.extend_from_slice(&chunk),
                            None => break,
                        }
                    }
                    Ok::<_, reqwest::Error>(())
                };
                // A body that does not arrive in time is left: the status alone makes the error.
                let _ = tokio::time::timeout(read_timeout(), read).await;
                body.truncate(ERROR_BODY_LIMIT);
                Ok(StreamedResponse {
                    status,
                    headers,
                    body: body.into(),
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
            .redirect(reqwest::redirect::Policy::none())
            .no_proxy()
            .tls_built_in_root_certs(tls);
        for proxy in crate::net::proxy::resolve(net.proxy.as_deref())?.to_reqwest()? {
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
    if err.is_builder() {
        // Headers are checked before any request, so this is not expected; it is not a network
        // failure either, and repeating it cannot help.
        return NetworkError {
            permanent: true,
            ..NetworkError::new(crate::terminal::redact::redact(&format!(
                "cannot build the request to {host}: {detail}"
            )))
        };
    }
    describe(&detail, err.is_timeout(), err.is_connect(), host)
}

/// The message and hint for a transport failure, from the innermost error's text.
fn describe(detail: &str, timeout: bool, connect: bool, host: &str) -> NetworkError {
    let lower = detail.to_ascii_lowercase();
    let mut permanent = false;
    let (message, hint) = if lower.contains("dns")
        || lower.contains("lookup")
        || lower.contains("name or service not known")
        || lower.contains("no address associated")
    {
        (
            format!("cannot resolve host {host}"),
            Some("check the region in the endpoint (e.g. oss-cn-hangzhou.aliyuncs.com, sts.cn-hangzhou.aliyuncs.com); the region list is at https://www.alibabacloud.com/help/en/oss/user-guide/regions-and-endpoints".to_string()),
        )
    } else if lower.contains("invalidcontenttype")
        || lower.contains("corrupt message")
        || lower.contains("wrong version number")
    {
        // rustls reading an HTTP answer as a TLS record: the endpoint has no scheme (so https)
        // but the server speaks plain HTTP. Every attempt fails the same way.
        permanent = true;
        (
            format!("cannot speak TLS with {host}: the server answered in plain HTTP"),
            Some(format!("the endpoint is taken as https:// when it has no scheme; write http://{host} if the server speaks plain HTTP")),
        )
    } else if lower.contains("invalid http version")
        || lower.contains("invalid http status")
        || (lower.contains("received") && lower.contains("http/0.9"))
    {
        // hyper reading a TLS handshake as an HTTP answer: http:// to a TLS port.
        permanent = true;
        (
            format!("{host} did not answer in HTTP: {detail}"),
            Some(format!("if the server speaks TLS, write https://{host}")),
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
        message: crate::terminal::redact::redact(&crate::net::proxy::mask_userinfo(&message)),
        hint,
        permanent,
    }
}

/// The most of an error answer's body that is read: any OSS or STS error document fits many
/// times over. The rest is left unread (the connection is then closed, not reused).
pub const ERROR_BODY_LIMIT: usize = 64 * 1024;

/// The largest XML or JSON answer read whole. A page of 1000 listed parts or keys is a few
/// hundred KiB; anything near this size is not an answer from OSS or STS.
pub const ANSWER_LIMIT: usize = 8 * 1024 * 1024;

/// Reads at most `limit` bytes of `reader` within `deadline` (reads stop once it has passed).
/// Returns the bytes and whether more were left unread.
pub fn read_bounded(
    reader: &mut impl Read,
    limit: usize,
    deadline: Duration,
) -> std::io::Result<(Vec<u8>, bool)> {
    let started = std::time::Instant::now();
    let mut out = Vec::new();
    let mut buf = [0u8; 16 * 1024];
    loop {
        if started.elapsed() > deadline {
            return Err(std::io::Error::new(
                std::io::ErrorKind::TimedOut,
                format!(
                    "the answer took longer than {:.0} s",
                    deadline.as_secs_f64()
                ),
            ));
        }
        let room = (limit + 1 - out.len()).min(buf.len());
        let n = match reader.read(&mut buf[..room]) {
            Ok(n) => n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if n == 0 {
            return Ok((out, false));
        }
        out.extend_from_slice(&buf[..n]);
        if out.len() > limit {
            out.truncate(limit);
            return Ok((out, true));
        }
    }
}

/// The body of a successful answer that is read whole (XML, JSON), at most [`ANSWER_LIMIT`]
/// bytes and within the read timeout. `what` names the operation in errors.
pub fn read_answer(reader: &mut impl Read, what: &str, host: &str) -> anyhow::Result<Vec<u8>> {
    match read_bounded(reader, ANSWER_LIMIT, read_timeout()) {
        Ok((body, false)) => Ok(body),
        Ok((_, true)) => Err(crate::error::BadAnswer(format!(
            "{host} answered {what} with more than {} MiB; no answer of that operation is so large",
            ANSWER_LIMIT / (1024 * 1024)
        ))
        .into()),
        Err(e) => {
            Err(NetworkError::new(format!("{what}: the answer from {host} broke off: {e}")).into())
        }
    }
}

/// What is read of an error answer's body: at most [`ERROR_BODY_LIMIT`] bytes within the read
/// timeout; nothing if reading fails (the status alone still makes an error).
pub fn read_error_body(reader: &mut impl Read) -> Vec<u8> {
    read_bounded(reader, ERROR_BODY_LIMIT, read_timeout())
        .map(|(body, _)| body)
        .unwrap_or_default()
}

/// For a 3xx answer, says in `error` where it pointed and that it was not followed. alicli never
/// follows redirects: the request is signed, and following it would hand the signature, the
/// AccessKeyId and the security token to another host (reqwest's default strips only the
/// `Authorization` header, not `x-oss-security-token` nor a signed form body). A body that gave
/// a code of its own (OSS's PermanentRedirect) keeps its message, with the note after it.
pub fn note_redirect(error: &mut crate::error::ServiceError, headers: &reqwest::header::HeaderMap) {
    if !(300..400).contains(&error.status) {
        return;
    }
    let status = error.status;
    let to = match headers.get(reqwest::header::LOCATION) {
        Some(v) => {
            let shown: String = String::from_utf8_lossy(v.as_bytes())
                .chars()
                .take(200)
                .collect();
            // Debug formatting escapes every control character a terminal would act on.
            format!(" to {shown:?}")
        }
        None => String::new(),
    };
    let note = format!(
        "the answer is a redirect (HTTP {status}){to}, which alicli does not follow: a signed request must not carry its credentials to another host"
    );
    error.message = if error.code.is_empty() || error.code.starts_with("HTTP") {
        note
    } else {
        format!("{} ({note})", error.message.trim())
    };
}

/// Limits the time a body may take as a whole: the read timeout plus the announced length at
/// the slowest rate accepted (the same rule as uploads, see [`timeout_with_body`]). Each read
/// still has the read timeout; this stops a server that trickles a byte now and then forever.
pub struct Deadline<R> {
    inner: R,
    until: std::time::Instant,
    allowed: Duration,
}

impl<R> Deadline<R> {
    pub fn new(inner: R, len: Option<u64>) -> Deadline<R> {
        let allowed = timeout_with_body(len);
        Deadline {
            inner,
            until: std::time::Instant::now() + allowed,
            allowed,
        }
    }
}

impl<R: Read> Read for Deadline<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        if std::time::Instant::now() > self.until {
            return Err(std::io::Error::new(
                std::io::ErrorKind::TimedOut,
                format!(
                    "the body took longer than the {:.0} s it may take at the slowest rate accepted (64 KiB/s)",
                    self.allowed.as_secs_f64()
                ),
            ));
        }
        self.inner.read(buf)
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
        assert!(!other.permanent);
    }

    #[test]
    fn protocol_mismatches_are_final_with_the_fix() {
        let plain = describe(
            "received corrupt message of type InvalidContentType",
            false,
            false,
            "127.0.0.1:9000",
        );
        assert!(plain.permanent);
        assert!(plain.hint.unwrap().contains("http://127.0.0.1:9000"));
        let tls = describe("invalid HTTP version parsed", false, false, "h:443");
        assert!(tls.permanent);
        assert!(tls.hint.unwrap().contains("https://h:443"));
    }

    #[test]
    fn bounded_reads_stop_at_the_limit_and_the_deadline() {
        use super::read_bounded;
        use std::time::Duration;
        let mut big = std::io::repeat(b'x');
        let (got, more) = read_bounded(&mut big, 1000, Duration::from_secs(5)).unwrap();
        assert_eq!((got.len(), more), (1000, true));
        let (got, more) = read_bounded(&mut &b"short"[..], 1000, Duration::from_secs(5)).unwrap();
        assert_eq!((got.as_slice(), more), (&b"short"[..], false));
        /// One byte per read, slowly.
        struct Trickle;
        impl std::io::Read for Trickle {
            fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
                std::thread::sleep(Duration::from_millis(20));
                buf[0] = b'.';
                Ok(1)
            }
        }
        let e = read_bounded(&mut Trickle, 1 << 20, Duration::from_millis(100)).unwrap_err();
        assert_eq!(e.kind(), std::io::ErrorKind::TimedOut);
    }

    #[test]
    fn redirects_are_named_not_followed() {
        let mut h = reqwest::header::HeaderMap::new();
        // Header values cannot hold C0 controls, but bytes above 0x7f can spell C1 ones (CSI).
        h.insert(
            reqwest::header::LOCATION,
            reqwest::header::HeaderValue::from_bytes(b"http://evil.example/\xc2\x9b2J").unwrap(),
        );
        let error = |status: u16, code: &str| crate::error::ServiceError {
            status,
            code: code.into(),
            message: "The bucket must be addressed using the specified endpoint.".into(),
            ..Default::default()
        };
        let mut bare = error(307, "HTTP307");
        super::note_redirect(&mut bare, &h);
        assert!(
            bare.message.contains("evil.example") && bare.message.contains("does not follow"),
            "{}",
            bare.message
        );
        assert!(!bare.message.contains('\u{9b}'), "{}", bare.message);
        let mut coded = error(301, "PermanentRedirect");
        super::note_redirect(&mut coded, &h);
        assert!(
            coded.message.starts_with("The bucket must be addressed"),
            "{}",
            coded.message
        );
        assert!(coded.message.contains("does not follow"));
        for status in [200, 404] {
            let mut other = error(status, "NoSuchKey");
            super::note_redirect(&mut other, &h);
            assert!(!other.message.contains("redirect"));
        }
    }
}
