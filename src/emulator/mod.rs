//! The local cloud: one HTTP endpoint on loopback that answers STS (`Action=…` at `/`) and OSS
//! (objects, path-style or virtual-hosted), checks every signature and security token, enforces
//! RAM policies (role policies intersected with the session policy), and answers with the real
//! error codes and bodies. It is the server of the test suite, the engine of `alicli demo`, and a
//! place for operators to try a role policy before touching the real cloud.
//!
//! It runs on its own thread with its own tokio runtime, so blocking clients (ours, or the
//! official SDKs) can talk to it from the same process.

mod auth;
mod oss;
mod store;
mod sts;

use std::collections::{BTreeMap, HashMap, HashSet};
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use anyhow::{Context, Result};
use axum::extract::{ConnectInfo, Request, State};
use axum::response::Response;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::policy::Policy;
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
    pub store: Store,
}

impl Cloud {
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
        for bucket in &config.buckets {
            crate::oss::url::check_bucket(bucket)
                .map_err(|why| anyhow::anyhow!("bucket {bucket:?}: {why}"))?;
            store.create_bucket(bucket)?;
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
            bucket: config.buckets.first().cloned().unwrap_or_default(),
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
            store,
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
    let (cloud, mut info) = Cloud::new(&options.config, &data_dir)?;
    let listener = std::net::TcpListener::bind(&options.listen).map_err(|e| {
        crate::error::UsageError(format!("cannot listen on {}: {e}", options.listen))
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
                let service = app.into_make_service_with_connect_info::<SocketAddr>();
                let _ = axum::serve(listener, service)
                    .with_graceful_shutdown(async {
                        let _ = rx.await;
                    })
                    .await;
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

async fn handle(
    State(cloud): State<Arc<Cloud>>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    request: Request,
) -> Response {
    let path = request.uri().path().to_string();
    if path == "/-/stats" {
        let stats = cloud
            .stats
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clone();
        return Response::builder()
            .header("Content-Type", "application/json")
            .body(axum::body::Body::from(
                serde_json::to_string(&stats).unwrap_or_default(),
            ))
            .unwrap_or_default();
    }
    if sts::is_sts_request(&request) {
        return sts::handle(&cloud, request).await;
    }
    oss::handle(&cloud, peer, request).await
}
