//! Shared harness for the integration tests: a local cloud on 127.0.0.1:0 (the same server as
//! `alicli serve`, started in-process), a throwaway profile file and folder, and a way to run the
//! real `alicli` binary against them with a clean environment.

#![allow(dead_code)]

pub mod scripted;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use alicli::oss::{OssClient, SignVersion};
use alicli_localcloud::{self as emulator, CloudConfig, Running, ServeOptions};

/// Variables that would let the caller's own environment leak into a test.
const SCRUBBED: &[&str] = &[
    "ALIBABA_CLOUD_ACCESS_KEY_ID",
    "ALIBABA_CLOUD_ACCESS_KEY_SECRET",
    "ALIBABA_CLOUD_SECURITY_TOKEN",
    "ALIBABA_CLOUD_REGION_ID",
    "ALIBABA_CLOUD_STS_ENDPOINT",
    "OSS_ACCESS_KEY_ID",
    "OSS_ACCESS_KEY_SECRET",
    "OSS_SESSION_TOKEN",
    "ALICLI_PROFILE",
    // A completion request instead of the command (see completion_candidates).
    "ALICLI_COMPLETE",
    "ALICLI_CONFIG_FILE",
    "ALICLI_OSS_ENDPOINT",
    "ALICLI_STS_ENDPOINT",
    "ALIBABA_CLOUD_CONFIG_FILE",
    "ALIBABA_CLOUD_PROFILE",
    "ALIBABA_CLOUD_CREDENTIALS_FILE",
    "ALIBABA_CLOUD_ROLE_ARN",
    "ALIBABA_CLOUD_OIDC_PROVIDER_ARN",
    "ALIBABA_CLOUD_OIDC_TOKEN_FILE",
    "ALIBABA_CLOUD_ROLE_SESSION_NAME",
    "ALIBABA_CLOUD_ECS_METADATA",
    "ALIBABA_CLOUD_ECS_METADATA_DISABLED",
    "ALIBABA_CLOUD_IMDSV1_DISABLED",
    "ALIBABA_CLOUD_CREDENTIALS_URI",
    "ALIBABA_CLOUD_STS_REGION",
    "ALIBABA_CLOUD_VPC_ENDPOINT_ENABLED",
    "ALICLOUD_ACCESS_KEY",
    "ALICLOUD_SECRET_KEY",
    "ALICLOUD_SECURITY_TOKEN",
    "OSS_REGION",
    "OSS_ENDPOINT",
    "ACTIONS_ID_TOKEN_REQUEST_URL",
    "ACTIONS_ID_TOKEN_REQUEST_TOKEN",
    "GITHUB_RUN_ID",
    "GITHUB_RUN_ATTEMPT",
    "CI_JOB_ID",
    "ALICLI_STS_SIGNATURE_VERSION",
    "HTTP_PROXY",
    "HTTPS_PROXY",
    "http_proxy",
    "https_proxy",
    "ALL_PROXY",
];

pub struct World {
    pub cloud: Running,
    pub dir: tempfile::TempDir,
}

pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.stdout)
            .unwrap_or_else(|e| panic!("stdout is not JSON ({e}): {}", self.stdout))
    }
}

impl std::fmt::Debug for Run {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "exit {}\n--- stdout\n{}\n--- stderr\n{}",
            self.code, self.stdout, self.stderr
        )
    }
}

impl World {
    pub fn new() -> World {
        Self::with_config(CloudConfig::default())
    }

    pub fn with_config(config: CloudConfig) -> World {
        let cloud = emulator::start(ServeOptions {
            listen: "127.0.0.1:0".into(),
            data_dir: None,
            config,
        })
        .expect("local cloud starts");
        let dir = tempfile::tempdir().unwrap();
        World { cloud, dir }
    }

    pub fn endpoint(&self) -> String {
        self.cloud.info.endpoint.clone()
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    pub fn config_file(&self) -> PathBuf {
        self.path("config.toml")
    }

    /// A command for the real binary: cwd is the world's folder, the profile file is the world's,
    /// and nothing from the caller's environment can change the outcome.
    pub fn command(&self, args: &[&str]) -> Command {
        clean_command(self.dir.path(), args)
    }

    pub fn run(&self, args: &[&str]) -> Run {
        to_run(self.command(args).output().expect("alicli runs"))
    }

    pub fn run_env(&self, args: &[&str], env: &[(&str, &str)]) -> Run {
        let mut cmd = self.command(args);
        for (k, v) in env {
            cmd.env(k, v);
        }
        to_run(cmd.output().expect("alicli runs"))
    }

    /// `alicli configure` with the seeded RAM user's key and the local STS endpoint.
    pub fn configure_user(&self) {
        let info = &self.cloud.info;
        let r = self.run(&[
            "configure",
            "--access-key-id",
            &info.access_key_id,
            "--access-key-secret",
            &info.access_key_secret,
            "--region",
            &info.region,
            "--sts-endpoint",
            &info.endpoint,
        ]);
        assert_eq!(r.code, 0, "{r:?}");
    }

    /// A world whose default profile holds the user's key and points OSS at the local cloud.
    pub fn with_user() -> World {
        let world = World::new();
        world.configure_user();
        let r = world.run(&["oss", "config", "--endpoint", &world.endpoint()]);
        assert_eq!(r.code, 0, "{r:?}");
        world
    }

    /// A library OSS client with the seeded user's key, for checks the CLI does not expose.
    pub fn user_oss_client(&self, sign: SignVersion, retries: u32) -> OssClient {
        let key = alicli::credentials::static_keys::StaticKeys::new(
            alicli::credentials::CredentialSource::Profile("test".into()),
            alicli_wire::signing::Credentials::new(
                &self.cloud.info.access_key_id,
                &self.cloud.info.access_key_secret,
                None,
            ),
            None,
        )
        .unwrap();
        OssClient {
            http: alicli::net::http::client().unwrap(),
            endpoint: alicli_wire::endpoint::Endpoint::parse(&self.endpoint()).unwrap(),
            credentials: std::sync::Arc::new(key),
            sign,
            retry: alicli::net::retry::RetryPolicy::with_retries(retries),
        }
    }

    /// Puts `data` at `key` in the seeded bucket with the user's key.
    pub fn put_as_user(&self, key: &str, data: &[u8]) {
        let name = format!("upload-{}", key.replace('/', "_"));
        std::fs::write(self.path(&name), data).unwrap();
        let url = format!("oss://{}/{key}", self.cloud.info.bucket);
        let r = self.run(&["oss", "put", &name, &url, "--endpoint", &self.endpoint()]);
        assert_eq!(r.code, 0, "{r:?}");
    }

    /// The local cloud's per-operation request counters.
    pub fn stats(&self) -> BTreeMap<String, u64> {
        let url = format!("{}/-/stats", self.endpoint());
        let text = reqwest::blocking::get(url).unwrap().text().unwrap();
        serde_json::from_str(&text).unwrap()
    }

    /// Arms a fault in the local cloud (see crates/localcloud/src/faults.rs).
    pub fn fault(&self, op: &str, kind: &str, count: u32) {
        let url = format!(
            "{}/-/faults?op={op}&kind={kind}&count={count}",
            self.endpoint()
        );
        let r = reqwest::blocking::Client::new().post(url).send().unwrap();
        assert_eq!(r.status(), 200);
    }

    pub fn clear_faults(&self) {
        reqwest::blocking::Client::new()
            .delete(format!("{}/-/faults", self.endpoint()))
            .send()
            .unwrap();
    }

    /// Multipart uploads neither completed nor aborted.
    pub fn pending_uploads(&self) -> u64 {
        let text = reqwest::blocking::get(format!("{}/-/uploads", self.endpoint()))
            .unwrap()
            .text()
            .unwrap();
        serde_json::from_str::<serde_json::Value>(&text).unwrap()["pending"]
            .as_u64()
            .unwrap()
    }

    /// Expires every temporary credential the local cloud issued so far (their holders do not know).
    pub fn expire_credentials(&self) {
        let r = reqwest::blocking::Client::new()
            .post(format!("{}/-/expire-credentials", self.endpoint()))
            .send()
            .unwrap();
        assert_eq!(r.status(), 200);
    }

    pub fn count(&self, operation: &str) -> u64 {
        self.stats().get(operation).copied().unwrap_or(0)
    }

    pub fn total_requests(&self) -> u64 {
        self.stats().values().sum()
    }
}

/// The real binary with `dir` as cwd and home, `dir/config.toml` as profile file, and nothing
/// from the caller's environment that could change the outcome.
pub fn clean_command(dir: &Path, args: &[&str]) -> Command {
    clean(Command::new(env!("CARGO_BIN_EXE_alicli")), dir, args)
}

/// `sh -c SCRIPT` in the same clean environment as [`clean_command`] (for what a script around
/// alicli sees); the script names the binary as `$ALICLI`.
pub fn clean_shell(dir: &Path, script: &str) -> Command {
    let mut cmd = clean(Command::new("sh"), dir, &["-c", script]);
    cmd.env("ALICLI", env!("CARGO_BIN_EXE_alicli"));
    cmd
}

fn clean(mut cmd: Command, dir: &Path, args: &[&str]) -> Command {
    cmd.args(args).current_dir(dir).stdin(Stdio::null());
    for var in SCRUBBED {
        cmd.env_remove(var);
    }
    cmd.env("ALICLI_CONFIG_FILE", dir.join("config.toml"))
        .env("ALICLI_CACHE_DIR", dir.join("cache"))
        // Never the real metadata address: a test that asks the ECS metadata service without
        // pointing it at the local cloud meets a closed port on loopback.
        .env("ALICLI_ECS_METADATA_ENDPOINT", "http://127.0.0.1:1")
        .env("HOME", dir)
        .env("XDG_CONFIG_HOME", dir.join("xdg"));
    cmd
}

pub fn to_run(output: Output) -> Run {
    Run {
        code: output.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

/// Runs `cmd` with `input` on stdin (a secret piped in, a policy on `-`).
pub fn run_with_stdin(cmd: &mut Command, input: &[u8]) -> Run {
    use std::io::Write;
    let mut child = cmd
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(input).unwrap();
    to_run(child.wait_with_output().unwrap())
}

/// Starts `alicli ARGS` in the world, waits until `ready` says enough happened, then kills it
/// with SIGKILL (no chance to clean up, as after a crash or an OOM kill).
pub fn kill_when(world: &World, args: &[&str], ready: impl Fn() -> bool) {
    let mut child = world
        .command(args)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    while !ready() {
        assert!(
            std::time::Instant::now() < deadline,
            "the transfer never got going"
        );
        if let Ok(Some(status)) = child.try_wait() {
            panic!("the transfer ended before it could be killed: {status}");
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    child.kill().unwrap();
    child.wait().unwrap();
}

/// Deterministic, incompressible-looking test data.
pub fn pattern(len: usize, seed: u64) -> Vec<u8> {
    let mut x = seed.wrapping_mul(0x9E3779B97F4A7C15) | 1;
    (0..len)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            (x >> 24) as u8
        })
        .collect()
}

pub fn read(path: &Path) -> Vec<u8> {
    std::fs::read(path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
}

/// The old docs' narrowing policy, verbatim.
pub const DOCS_POLICY: &str = r#"{"Version":"1", "Statement": [{"Effect":"Allow", "Action":"oss:GetObject", "Resource":"acs:oss:*:*:sample-bucket/2015/01/01/*.jpg"}]}"#;
