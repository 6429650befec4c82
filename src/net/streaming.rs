//! Uploads whose body streams from a reader (a file, a part of one), sent by an async client on
//! a runtime of its own, 512 KiB at a time from a small pool of reused buffers. reqwest's blocking
//! client would move such a body 8 KiB at a time through a channel to its I/O thread, several
//! times curl's CPU for the same bytes.

use std::io::Read;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use anyhow::Result;

use super::answers::ERROR_BODY_LIMIT;
use super::http::{read_timeout, Client, Net, USER_AGENT};

/// An async client on a runtime of its own, for bodies streamed from readers.
pub(super) struct Streaming {
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
    pub(super) fn new(tls: bool, net: &Net) -> Result<Streaming> {
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
