//! Starting and stopping the local cloud: [`start`] seeds it, binds the listener and runs the
//! server on a thread of its own with its own tokio runtime (so blocking clients in the same
//! process can talk to it); [`Running`] stops it when dropped. Every request goes through
//! [`route`] to the control endpoints, the STS or the OSS.

use std::net::SocketAddr;
use std::sync::Arc;

use anyhow::{Context, Result};
use axum::extract::{ConnectInfo, Request, State};
use axum::response::Response;

use crate::cloud::Cloud;
use crate::config::{SeedInfo, ServeOptions};
use crate::{control, faults, metadata, oss, sts};

/// A local cloud running on its own thread; dropping it stops the server.
pub struct Running {
    pub info: SeedInfo,
    pub addr: SocketAddr,
    shutdown: Option<tokio::sync::oneshot::Sender<()>>,
    thread: Option<std::thread::JoinHandle<()>>,
    _tempdir: Option<tempfile::TempDir>,
}

impl Running {
    /// Blocks until the server stops (it only stops when dropped or killed).
    pub fn wait(mut self) {
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

/// Binds, seeds and starts the local cloud. Errors (address in use, bad config) come back here,
/// before anything runs.
pub fn start(options: ServeOptions) -> Result<Running> {
    let (data_dir, tempdir) = match &options.data_dir {
        Some(dir) => (dir.clone(), None),
        None => {
            let t = tempfile::Builder::new().prefix("alicli-cloud-").tempdir()?;
            (t.path().to_path_buf(), Some(t))
        }
    };
    // A config that names an unknown policy or a bad bucket is bad input, like a TOML typo.
    let (cloud, mut info) = Cloud::new(&options.config, &data_dir)
        .map_err(|e| alicli_wire::error::UsageError(format!("local cloud config: {e:#}")))?;
    let listener = std::net::TcpListener::bind(&options.listen).map_err(|e| {
        alicli_wire::error::UsageError(format!("cannot listen on {}: {e}", options.listen))
    })?;
    listener.set_nonblocking(true)?;
    let addr = listener.local_addr()?;
    // The endpoint names the built-in OIDC issuer and the metadata services' URLs, so it is
    // set before the cloud starts answering.
    let endpoint = format!("http://{addr}");
    info.set_endpoint(&endpoint);
    let mut cloud = cloud;
    cloud.endpoint = endpoint;
    let cloud = Arc::new(cloud);
    let (tx, rx) = tokio::sync::oneshot::channel::<()>();
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .thread_name("alicli-cloud")
        .build()
        .context("cannot start the local cloud's runtime")?;
    let thread = std::thread::Builder::new()
        .name("alicli-cloud".into())
        .spawn(move || {
            runtime.block_on(async move {
                let listener = match tokio::net::TcpListener::from_std(listener) {
                    Ok(l) => l,
                    Err(e) => {
                        eprintln!("error: local cloud: {e}");
                        return;
                    }
                };
                let app = axum::Router::new().fallback(route).with_state(cloud);
                serve_connections(listener, app, rx).await;
            });
        })?;
    Ok(Running {
        info,
        addr,
        shutdown: Some(tx),
        thread: Some(thread),
        _tempdir: tempdir,
    })
}

/// Accepts connections until shutdown. A hand-rolled loop rather than `axum::serve` because a
/// "reset" fault must be able to drop a connection without answering, which needs the service to
/// fail, and axum's server only takes services that cannot.
async fn serve_connections(
    listener: tokio::net::TcpListener,
    app: axum::Router,
    mut shutdown: tokio::sync::oneshot::Receiver<()>,
) {
    loop {
        let (stream, peer) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(pair) => pair,
                Err(_) => continue,
            },
            _ = &mut shutdown => return,
        };
        let _ = stream.set_nodelay(true);
        let app = app.clone();
        tokio::spawn(async move {
            let service = hyper::service::service_fn(
                move |request: hyper::Request<hyper::body::Incoming>| {
                    answer_or_reset(app.clone(), peer, request)
                },
            );
            let _ = hyper::server::conn::http1::Builder::new()
                .serve_connection(hyper_util::rt::TokioIo::new(stream), service)
                .await;
        });
    }
}

/// One request through the app; a response marked [`faults::ResetConnection`] becomes an error,
/// which makes hyper drop the connection instead of answering.
async fn answer_or_reset(
    app: axum::Router,
    peer: SocketAddr,
    request: hyper::Request<hyper::body::Incoming>,
) -> Result<Response, std::io::Error> {
    use tower::ServiceExt;
    let mut request = request.map(axum::body::Body::new);
    request.extensions_mut().insert(ConnectInfo(peer));
    let response = match app.oneshot(request).await {
        Ok(response) => response,
        Err(never) => match never {},
    };
    if response
        .extensions()
        .get::<faults::ResetConnection>()
        .is_some()
    {
        return Err(std::io::Error::new(
            std::io::ErrorKind::ConnectionReset,
            "injected reset",
        ));
    }
    Ok(response)
}

/// The machine-identity services and the control endpoints first (under `/-/`, which no bucket
/// can name), then STS (`Action=…` at `/`), and everything else is OSS.
async fn route(
    State(cloud): State<Arc<Cloud>>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    request: Request,
) -> Response {
    if let Some(incoming) = metadata::Incoming::of(&request) {
        return metadata::handle(&cloud, incoming).await;
    }
    if let Some(response) = control::handle(&cloud, &request) {
        return response;
    }
    if sts::is_sts_request(&request) {
        return sts::handle(&cloud, request).await;
    }
    oss::handle(&cloud, peer, request).await
}
