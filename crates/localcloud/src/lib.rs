//! The local cloud: one HTTP endpoint on loopback that answers STS (`Action=…` at `/`) and OSS
//! (objects, path-style or virtual-hosted), checks every signature and security token, enforces
//! RAM policies (role policies intersected with the session policy), and answers with the real
//! error codes and bodies. It is the server of the test suite, the engine of `alicli demo`, and a
//! place for operators to try a role policy before touching the real cloud.
//!
//! It runs on its own thread with its own tokio runtime, so blocking clients (ours, or the
//! official SDKs) can talk to it from the same process.

mod auth;
mod conditions;
pub mod faults;
mod listing;
mod oss;
mod store;
mod sts;
mod vocabulary;

use std::collections::{BTreeMap, HashMap, HashSet};
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use anyhow::{Context, Result};
use axum::extract::{ConnectInfo, Request, State};
use axum::response::Response;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use alicli_policy::Policy;
use store::Store;

pub const DEFAULT_ACCOUNT: &str = "1234567890123456";
pub const DEFAULT_REGION: &str = "cn-hangzhou";
pub const DEFAULT_BUCKET: &str = "sample-bucket";
pub const DEFAULT_ROLE: &str = "oss-readonly";

/// System policies the local cloud knows by name, with the documents RAM gives them.
pub fn system_policy(name: &str) -> Option<&'static str> {
    Some(match name {
        "AliyunOSSReadOnlyAccess" => {
            r#"{"Version":"1","Statement":[{"Effect":"Allow","Action":["oss:Get*","oss:List*"],"Resource":"*"}]}"#
        }
        "AliyunOSSFullAccess" => {
            r#"{"Version":"1","Statement":[{"Effect":"Allow","Action":"oss:*","Resource":"*"}]}"#
        }
        "AliyunSTSAssumeRoleAccess" => {
            r#"{"Version":"1","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole","Resource":"*"}]}"#
        }
        _ => return None,
    })
}

/// What `alicli serve --config FILE` reads (TOML). Everything has a default: the seeded scenario.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CloudConfig {
    #[serde(default = "default_account")]
    pub account_id: String,
    #[serde(default = "default_region")]
    pub region: String,
    #[serde(default = "default_buckets")]
    pub buckets: Vec<String>,
    #[serde(default = "default_users")]
    pub users: Vec<UserConfig>,
    #[serde(default = "default_roles")]
    pub roles: Vec<RoleConfig>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UserConfig {
    pub name: String,
    /// Random when absent.
    pub access_key_id: Option<String>,
    pub access_key_secret: Option<String>,
    /// System policy names or policy documents (JSON text).
    #[serde(default)]
    pub policies: Vec<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RoleConfig {
    pub name: String,
    #[serde(default)]
    pub policies: Vec<String>,
    /// Trust policy (JSON); default: trust every RAM user of the account.
    pub trust_policy: Option<String>,
    #[serde(default = "default_max_session")]
    pub max_session_duration: u64,
}

fn default_account() -> String {
    DEFAULT_ACCOUNT.into()
}
fn default_region() -> String {
    DEFAULT_REGION.into()
}
fn default_buckets() -> Vec<String> {
    vec![DEFAULT_BUCKET.into()]
}
fn default_max_session() -> u64 {
    3600
}
fn default_users() -> Vec<UserConfig> {
    vec![UserConfig {
        name: "appserver".into(),
        access_key_id: None,
        access_key_secret: None,
        policies: vec![
            "AliyunSTSAssumeRoleAccess".into(),
            "AliyunOSSFullAccess".into(),
        ],
    }]
}
fn default_roles() -> Vec<RoleConfig> {
    vec![RoleConfig {
        name: DEFAULT_ROLE.into(),
        policies: vec!["AliyunOSSReadOnlyAccess".into()],
        trust_policy: None,
        max_session_duration: 3600,
    }]
}

impl Default for CloudConfig {
    fn default() -> Self {
        CloudConfig {
            account_id: default_account(),
            region: default_region(),
            buckets: default_buckets(),
            users: default_users(),
            roles: default_roles(),
        }
    }
}

/// Options of `alicli serve`.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    pub listen: String,
    pub data_dir: Option<PathBuf>,
    pub config: CloudConfig,
}

/// The first line `alicli serve` prints: how to reach the cloud and with what.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SeedInfo {
    pub endpoint: String,
    pub region: String,
    pub account_id: String,
    pub access_key_id: String,
    pub access_key_secret: String,
    pub role_arn: String,
    pub bucket: String,
    pub data_dir: String,
}

pub(crate) struct User {
    pub name: String,
    pub id: String,
    pub secret: String,
    pub policies: Vec<Policy>,
}

pub(crate) struct Role {
    pub name: String,
    pub arn: String,
    pub id: String,
    pub trust: Policy,
    pub policies: Vec<Policy>,
    pub max_session_duration: u64,
}

/// Temporary credentials the local STS handed out.
#[derive(Clone)]
pub(crate) struct Issued {
    pub secret: String,
    pub token: String,
    pub expiration: DateTime<Utc>,
    pub role_arn: String,
    pub role_name: String,
    pub role_id: String,
    pub session_name: String,
    pub session_policy: Option<Policy>,
}

pub(crate) struct Cloud {
    pub account_id: String,
    pub region: String,
    pub users: HashMap<String, User>,
    pub roles: HashMap<String, Role>,
    pub issued: Mutex<HashMap<String, Issued>>,
    pub nonces: Mutex<HashSet<String>>,
    pub stats: Mutex<BTreeMap<String, u64>>,
    pub faults: faults::Faults,
    pub store: Store,
    /// Buckets that live in another region, and where.
    pub foreign_buckets: HashMap<String, String>,
}

impl Cloud {
    /// Makes every temporary credential issued so far expire now, so the next request signed with
    /// one is refused as the real services refuse expired tokens, while the holder's own record of
    /// the expiration still says it is valid. Returns how many there were.
    pub fn expire_issued(&self) -> usize {
        let now = Utc::now();
        let mut issued = self.issued.lock().unwrap_or_else(|e| e.into_inner());
        for credentials in issued.values_mut() {
            credentials.expiration = credentials.expiration.min(now);
        }
        issued.len()
    }

    pub fn count(&self, operation: &str) {
        *self
            .stats
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .entry(operation.to_string())
            .or_default() += 1;
    }
}

fn random_alnum(len: usize) -> String {
    const CHARS: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    let mut out = String::with_capacity(len);
    while out.len() < len {
        for b in uuid::Uuid::new_v4().as_bytes() {
            if out.len() < len {
                out.push(CHARS[*b as usize % CHARS.len()] as char);
            }
        }
    }
    out
}

/// 24 upper-case hex digits, the shape of an OSS request id.
pub(crate) fn request_id() -> String {
    uuid::Uuid::new_v4().simple().to_string().to_uppercase()[..24].to_string()
}

fn load_policy(text: &str, what: &str) -> Result<Policy> {
    let json = system_policy(text).unwrap_or(text);
    Policy::parse(json).map_err(|e| {
        anyhow::anyhow!("{what}: {text:?} is neither a system policy name nor a valid policy: {e}")
    })
}

impl Cloud {
    fn new(config: &CloudConfig, data_dir: &Path) -> Result<(Cloud, SeedInfo)> {
        let store = Store::new(data_dir)?;
        // `name@region` places a bucket in another region: requests for it here are answered as
        // OSS answers a bucket addressed through the wrong region's endpoint.
        let mut foreign = HashMap::new();
        for entry in &config.buckets {
            let (bucket, region) = entry.split_once('@').unwrap_or((entry, &config.region));
            alicli_wire::names::check_bucket(bucket)
                .map_err(|why| anyhow::anyhow!("bucket {bucket:?}: {why}"))?;
            store.create_bucket(bucket)?;
            if region != config.region {
                foreign.insert(bucket.to_string(), region.to_string());
            }
        }
        let mut users = HashMap::new();
        for (i, u) in config.users.iter().enumerate() {
            let id = u
                .access_key_id
                .clone()
                .unwrap_or_else(|| format!("LTAI{}", random_alnum(20)));
            let secret = u
                .access_key_secret
                .clone()
                .unwrap_or_else(|| random_alnum(30));
            let policies = u
                .policies
                .iter()
                .map(|p| load_policy(p, &format!("user {}", u.name)))
                .collect::<Result<_>>()?;
            users.insert(
                id.clone(),
                User {
                    name: u.name.clone(),
                    id: format!("2{:015}", 1 + i),
                    secret,
                    policies,
                },
            );
        }
        let mut roles = HashMap::new();
        for (i, r) in config.roles.iter().enumerate() {
            let arn = format!("acs:ram::{}:role/{}", config.account_id, r.name);
            let trust_text = r.trust_policy.clone().unwrap_or_else(|| {
                format!(
                    r#"{{"Version":"1","Statement":[{{"Effect":"Allow","Action":"sts:AssumeRole","Principal":{{"RAM":["acs:ram::{}:root"]}}}}]}}"#,
                    config.account_id
                )
            });
            let trust = load_policy(&trust_text, &format!("trust policy of role {}", r.name))?;
            let policies = r
                .policies
                .iter()
                .map(|p| load_policy(p, &format!("role {}", r.name)))
                .collect::<Result<_>>()?;
            if !(3600..=43200).contains(&r.max_session_duration) {
                anyhow::bail!("role {}: max_session_duration must be 3600-43200", r.name);
            }
            roles.insert(
                arn.to_ascii_lowercase(),
                Role {
                    name: r.name.clone(),
                    arn,
                    id: format!("3{:017}", 1 + i),
                    trust,
                    policies,
                    max_session_duration: r.max_session_duration,
                },
            );
        }
        let (first_id, first_user) = users
            .iter()
            .min_by_key(|(_, u)| u.id.clone())
            .map(|(k, u)| (k.clone(), u.secret.clone()))
            .unwrap_or_default();
        let info = SeedInfo {
            endpoint: String::new(),
            region: config.region.clone(),
            account_id: config.account_id.clone(),
            access_key_id: first_id,
            access_key_secret: first_user,
            role_arn: config
                .roles
                .first()
                .map(|r| format!("acs:ram::{}:role/{}", config.account_id, r.name))
                .unwrap_or_default(),
            bucket: config
                .buckets
                .first()
                .map(|b| b.split('@').next().unwrap_or_default().to_string())
                .unwrap_or_default(),
            data_dir: data_dir.display().to_string(),
        };
        let cloud = Cloud {
            account_id: config.account_id.clone(),
            region: config.region.clone(),
            users,
            roles,
            issued: Mutex::new(HashMap::new()),
            nonces: Mutex::new(HashSet::new()),
            stats: Mutex::new(BTreeMap::new()),
            faults: faults::Faults::default(),
            store,
            foreign_buckets: foreign,
        };
        Ok((cloud, info))
    }
}

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
    info.endpoint = format!("http://{addr}");
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
                let app = axum::Router::new().fallback(handle).with_state(cloud);
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
    use tower::ServiceExt;
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
                    let app = app.clone();
                    async move {
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
                },
            );
            let _ = hyper::server::conn::http1::Builder::new()
                .serve_connection(hyper_util::rt::TokioIo::new(stream), service)
                .await;
        });
    }
}

fn json_response(status: u16, value: &impl Serialize) -> Response {
    Response::builder()
        .status(status)
        .header("Content-Type", "application/json")
        .body(axum::body::Body::from(
            serde_json::to_string(value).unwrap_or_default(),
        ))
        .unwrap_or_default()
}

/// The control endpoints under `/-/` (never a bucket: bucket names cannot start with `-`).
fn control(
    cloud: &Cloud,
    method: &axum::http::Method,
    path: &str,
    query: Option<&str>,
) -> Option<Response> {
    let params: Vec<(String, String)> = query
        .map(|q| form_urlencoded::parse(q.as_bytes()).into_owned().collect())
        .unwrap_or_default();
    let param = |name: &str| {
        params
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
    };
    Some(match (method.as_str(), path) {
        ("GET", "/-/stats") => {
            json_response(200, &*cloud.stats.lock().unwrap_or_else(|e| e.into_inner()))
        }
        ("GET", "/-/uploads") => json_response(
            200,
            &serde_json::json!({ "pending": cloud.store.pending_uploads() }),
        ),
        ("POST", "/-/faults") => {
            let Some(kind) = param("kind").as_deref().and_then(faults::FaultKind::parse) else {
                return Some(json_response(
                    400,
                    &serde_json::json!({ "error": "kind must be a status (500, 503, 429…), reset, delay:MS or corrupt" }),
                ));
            };
            let count = param("count")
                .and_then(|c| c.parse::<u32>().ok())
                .unwrap_or(1)
                .max(1);
            cloud
                .faults
                .add(param("op").filter(|o| !o.is_empty()), kind, count);
            json_response(200, &serde_json::json!({ "armed": count }))
        }
        ("DELETE", "/-/faults") => {
            cloud.faults.clear();
            json_response(200, &serde_json::json!({ "cleared": true }))
        }
        ("POST", "/-/expire-credentials") => json_response(
            200,
            &serde_json::json!({ "expired": cloud.expire_issued() }),
        ),
        _ => return None,
    })
}

async fn handle(
    State(cloud): State<Arc<Cloud>>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    request: Request,
) -> Response {
    if request.uri().path().starts_with("/-/") {
        if let Some(response) = control(
            &cloud,
            request.method(),
            request.uri().path(),
            request.uri().query(),
        ) {
            return response;
        }
    }
    if sts::is_sts_request(&request) {
        return sts::handle(&cloud, request).await;
    }
    oss::handle(&cloud, peer, request).await
}
