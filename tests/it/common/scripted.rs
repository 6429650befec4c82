//! A server a test scripts, on 127.0.0.1:0: it records every request and answers it with what
//! the test's function returns, which can be anything a broken proxy or a hostile host would
//! send (redirects, wrong ranges, endless bodies, bodies cut short). Unlike the local cloud it
//! checks nothing: it is the other end of what alicli must not trust.
//!
//! Dropping a server checks that it was used as the test meant: one started with
//! [`Scripted::start`] fails the test when no request reached it (the test would then prove
//! nothing), a [`Scripted::sink`] fails it when any did.

use std::net::SocketAddr;
use std::sync::{Arc, Mutex};

use axum::body::{Body, Bytes};
use axum::http::{Response, StatusCode};

/// One request as it arrived.
#[derive(Debug, Clone)]
pub struct Hit {
    pub method: String,
    /// Path and query.
    pub uri: String,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Hit {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

type Answer = dyn Fn(&Hit) -> Response<Body> + Send + Sync;

pub struct Scripted {
    pub addr: SocketAddr,
    hits: Arc<Mutex<Vec<Hit>>>,
    expect_hits: bool,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl Scripted {
    /// A server answering every request with `answer`; it must be reached at least once.
    pub fn start(answer: impl Fn(&Hit) -> Response<Body> + Send + Sync + 'static) -> Scripted {
        Self::spawn(Arc::new(answer), true)
    }

    /// A server that must never be reached (where a redirect or a leak would land).
    pub fn sink() -> Scripted {
        Self::spawn(
            Arc::new(|_: &Hit| plain(200, "the sink was reached")),
            false,
        )
    }

    fn spawn(answer: Arc<Answer>, expect_hits: bool) -> Scripted {
        let hits: Arc<Mutex<Vec<Hit>>> = Arc::default();
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        listener.set_nonblocking(true).unwrap();
        let addr = listener.local_addr().unwrap();
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        let recorded = Arc::clone(&hits);
        let thread = std::thread::spawn(move || {
            let runtime = tokio::runtime::Builder::new_multi_thread()
                .worker_threads(2)
                .enable_all()
                .build()
                .unwrap();
            runtime.block_on(async move {
                let listener = tokio::net::TcpListener::from_std(listener).unwrap();
                let app = axum::Router::new().fallback(move |request: axum::extract::Request| {
                    let answer = Arc::clone(&answer);
                    let recorded = Arc::clone(&recorded);
                    async move {
                        let (parts, body) = request.into_parts();
                        let body = axum::body::to_bytes(body, 256 * 1024 * 1024)
                            .await
                            .map(|b| b.to_vec())
                            .unwrap_or_default();
                        let hit = Hit {
                            method: parts.method.to_string(),
                            uri: parts.uri.to_string(),
                            headers: parts
                                .headers
                                .iter()
                                .map(|(k, v)| {
                                    (
                                        k.to_string(),
                                        String::from_utf8_lossy(v.as_bytes()).into_owned(),
                                    )
                                })
                                .collect(),
                            body,
                        };
                        recorded.lock().unwrap().push(hit.clone());
                        answer(&hit)
                    }
                });
                axum::serve(listener, app)
                    .with_graceful_shutdown(async {
                        let _ = stopped.await;
                    })
                    .await
                    .unwrap();
            });
            // Connections still open (an endless body, say) are dropped with the runtime.
            runtime.shutdown_background();
        });
        Scripted {
            addr,
            hits,
            expect_hits,
            stop: Some(stop),
            thread: Some(thread),
        }
    }

    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    pub fn hits(&self) -> Vec<Hit> {
        self.hits.lock().unwrap().clone()
    }
}

impl Drop for Scripted {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        // Graceful shutdown waits for open connections; an endless body never ends, so the
        // thread is left to finish on its own once the process exits.
        drop(self.thread.take());
        if std::thread::panicking() {
            return;
        }
        let hits = self.hits.lock().unwrap();
        if self.expect_hits {
            assert!(
                !hits.is_empty(),
                "no request reached the scripted server at {}: the test proves nothing",
                self.addr
            );
        } else {
            assert!(
                hits.is_empty(),
                "{} request(s) reached the sink at {}: {:?}",
                hits.len(),
                self.addr,
                hits.iter()
                    .map(|h| format!("{} {}", h.method, h.uri))
                    .collect::<Vec<_>>()
            );
        }
    }
}

/// An answer with a status and a text body.
pub fn plain(status: u16, body: &str) -> Response<Body> {
    Response::builder()
        .status(StatusCode::from_u16(status).unwrap())
        .body(Body::from(body.to_string()))
        .unwrap()
}

/// An answer with a status, headers and a body.
pub fn answer(status: u16, headers: &[(&str, String)], body: impl Into<Body>) -> Response<Body> {
    let mut builder = Response::builder().status(StatusCode::from_u16(status).unwrap());
    for (k, v) in headers {
        builder = builder.header(*k, v.as_str());
    }
    builder.body(body.into()).unwrap()
}

/// A body of `len` bytes of `byte`, made as it is sent (a 2 GB body costs the server nothing).
pub fn endless(byte: u8, len: u64) -> Body {
    let chunk = Bytes::from(vec![byte; 64 * 1024]);
    let chunks = len.div_ceil(chunk.len() as u64);
    let stream = futures_util::stream::iter(
        (0..chunks).map(move |_| Ok::<_, std::io::Error>(chunk.clone())),
    );
    Body::from_stream(stream)
}

/// `data`, of which only the first `cut` bytes are sent before the connection breaks (a moment
/// later, so that they do reach the client first).
pub fn cut_short(data: Vec<u8>, cut: usize) -> Body {
    let first = Bytes::from(data[..cut].to_vec());
    let stream = futures_util::stream::unfold(Some(first), |first| async move {
        match first {
            Some(bytes) => Some((Ok(bytes), None)),
            None => {
                tokio::time::sleep(std::time::Duration::from_millis(300)).await;
                Some((
                    Err(std::io::Error::other("connection cut by the test")),
                    None,
                ))
            }
        }
    });
    Body::from_stream(stream)
}

/// A body that sends one byte every `every`, forever.
pub fn trickle(every: std::time::Duration) -> Body {
    let stream = futures_util::stream::unfold((), move |()| async move {
        tokio::time::sleep(every).await;
        Some((Ok::<_, std::io::Error>(Bytes::from_static(b".")), ()))
    });
    Body::from_stream(stream)
}
