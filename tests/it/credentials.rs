//! Credentials that look after themselves, end to end: role profiles renewing by the clock and
//! after a refusal (exactly one AssumeRole across parallel processes, counted by the real
//! `alicli serve`), transfers renewing between parts, expired static credentials refused before
//! anything is sent, `configure list/get/set/export-credentials/import`, the official CLI's file,
//! the profile file under parallel and killed writers, and no secret in any output.

use std::collections::{BTreeMap, BTreeSet};
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};

use crate::common::{clean_command, read, to_run, Run, World};
use alicli_localcloud::{CloudConfig, RoleConfig};

const ROLE_PROFILE: &str = "ci";

/// `alicli serve` as a separate process, with its own throwaway folder for profiles and data.
struct Served {
    child: Child,
    info: serde_json::Value,
    dir: tempfile::TempDir,
}

impl Served {
    fn start() -> Served {
        let dir = tempfile::tempdir().unwrap();
        let mut child = Command::new(env!("CARGO_BIN_EXE_alicli"))
            .args(["serve", "--listen", "127.0.0.1:0", "--data-dir"])
            .arg(dir.path().join("data"))
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        let info = serde_json::from_str(&line).expect("first line is JSON");
        Served { child, info, dir }
    }

    fn info(&self, key: &str) -> String {
        self.info[key].as_str().unwrap().to_string()
    }

    fn command(&self, args: &[&str]) -> Command {
        clean_command(self.dir.path(), args)
    }

    fn run(&self, args: &[&str]) -> Run {
        to_run(self.command(args).output().unwrap())
    }

    fn stats(&self) -> BTreeMap<String, u64> {
        let text = reqwest::blocking::get(format!("{}/-/stats", self.info("endpoint")))
            .unwrap()
            .text()
            .unwrap();
        serde_json::from_str(&text).unwrap()
    }

    fn count(&self, op: &str) -> u64 {
        self.stats().get(op).copied().unwrap_or(0)
    }

    fn expire_credentials(&self) {
        let r = reqwest::blocking::Client::new()
            .post(format!("{}/-/expire-credentials", self.info("endpoint")))
            .send()
            .unwrap();
        assert_eq!(r.status(), 200);
    }
}

impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The flow every test starts from: the RAM user's key in `default` (with the endpoints), and a
/// role profile saved by `sts assume-role --save-profile`.
fn setup(run: &dyn Fn(&[&str]) -> Run, info: &dyn Fn(&str) -> String, extra: &[&str]) {
    let ep = info("endpoint");
    let r = run(&[
        "configure",
        "--access-key-id",
        &info("access_key_id"),
        "--access-key-secret",
        &info("access_key_secret"),
        "--region",
        &info("region"),
        "--sts-endpoint",
        &ep,
    ]);
    assert_eq!(r.code, 0, "{r:?}");
    let r = run(&["oss", "config", "--endpoint", &ep]);
    assert_eq!(r.code, 0, "{r:?}");
    let role_arn = info("role_arn");
    let mut args = vec![
        "sts",
        "assume-role",
        "--role-arn",
        &role_arn,
        "--role-session-name",
        "ci-job",
        "--save-profile",
        ROLE_PROFILE,
    ];
    args.extend_from_slice(extra);
    let r = run(&args);
    assert_eq!(r.code, 0, "{r:?}");
}

fn setup_world(world: &World, extra: &[&str]) {
    let info = |k: &str| match k {
        "endpoint" => world.endpoint(),
        "access_key_id" => world.cloud.info.access_key_id.clone(),
        "access_key_secret" => world.cloud.info.access_key_secret.clone(),
        "region" => world.cloud.info.region.clone(),
        "role_arn" => world.cloud.info.role_arn.clone(),
        other => panic!("{other}"),
    };
    setup(&|a| world.run(a), &info, extra);
}

fn profile_of(path: &Path, name: &str) -> alicli::config::profile::Profile {
    let config = alicli::config::profile::load(path).expect("profile file parses");
    config.profiles.get(name).cloned().unwrap_or_else(|| {
        panic!(
            "no profile {name} in {}",
            std::fs::read_to_string(path).unwrap()
        )
    })
}

/// Runs the commands at once and waits for all of them.
fn parallel(commands: Vec<Command>) -> Vec<Run> {
    let children: Vec<Child> = commands
        .into_iter()
        .map(|mut c| {
            c.stdout(Stdio::piped())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    children
        .into_iter()
        .map(|c| to_run(c.wait_with_output().unwrap()))
        .collect()
}

/// `sh -c script` with the same clean environment as the binary gets.
fn shell(dir: &Path, script: &str) -> Command {
    let clean = clean_command(dir, &[]);
    let mut sh = Command::new("sh");
    sh.args(["-c", script])
        .current_dir(dir)
        .stdin(Stdio::null());
    for (k, v) in clean.get_envs() {
        match v {
            Some(v) => sh.env(k, v),
            None => sh.env_remove(k),
        };
    }
    sh
}

fn set(run: &dyn Fn(&[&str]) -> Run, key: &str, value: &str) {
    let r = run(&["configure", "set", key, value, "--profile", ROLE_PROFILE]);
    assert_eq!(r.code, 0, "{r:?}");
}

#[test]
fn a_role_profile_renews_itself_when_its_clock_says_so() {
    let world = World::new();
    setup_world(&world, &[]);
    world.put_as_user("k.txt", b"role data");
    let before = world.count("sts:AssumeRole");
    let first = profile_of(&world.config_file(), ROLE_PROFILE);

    // Fresh credentials: used as they are.
    let r = world.run(&[
        "oss",
        "get",
        "oss://sample-bucket/k.txt",
        "-",
        "--profile",
        "ci",
    ]);
    assert_eq!((r.code, r.stdout.as_str()), (0, "role data"), "{r:?}");
    assert_eq!(world.count("sts:AssumeRole"), before);

    // Expired by the clock: renewed once, stored, and used.
    set(&|a| world.run(a), "expiration", "2020-01-01T00:00:00Z");
    let r = world.run(&[
        "oss",
        "get",
        "oss://sample-bucket/k.txt",
        "-",
        "--profile",
        "ci",
    ]);
    assert_eq!((r.code, r.stdout.as_str()), (0, "role data"), "{r:?}");
    assert_eq!(world.count("sts:AssumeRole"), before + 1);
    let renewed = profile_of(&world.config_file(), ROLE_PROFILE);
    assert_ne!(renewed.access_key_id, first.access_key_id);
    assert!(renewed.expiration.as_deref().unwrap() > "2026");
    assert_eq!(renewed.role_session_name.as_deref(), Some("ci-job"));
    assert_eq!(renewed.source_profile.as_deref(), Some("default"));

    // Within the margin (default five minutes) counts as expiring.
    let soon = (chrono::Utc::now() + chrono::Duration::seconds(120))
        .format("%Y-%m-%dT%H:%M:%SZ")
        .to_string();
    set(&|a| world.run(a), "expiration", &soon);
    let r = world.run(&["sts", "get-caller-identity", "--profile", "ci"]);
    assert_eq!(r.code, 0, "{r:?}");
    assert!(r.json()["Arn"].as_str().unwrap().ends_with("/ci-job"));
    assert_eq!(world.count("sts:AssumeRole"), before + 2);

    // A role profile saved with no credentials at all gets some on first use.
    for key in [
        "access_key_id",
        "access_key_secret",
        "security_token",
        "expiration",
    ] {
        set(&|a| world.run(a), key, "");
    }
    let r = world.run(&[
        "oss",
        "get",
        "oss://sample-bucket/k.txt",
        "-",
        "--profile",
        "ci",
    ]);
    assert_eq!(r.code, 0, "{r:?}");
    assert_eq!(world.count("sts:AssumeRole"), before + 3);
}

#[test]
fn refused_credentials_are_renewed_once_and_the_request_sent_again() {
    let world = World::new();
    setup_world(&world, &[]);
    world.put_as_user("k.txt", b"hello");
    let mut assumed = world.count("sts:AssumeRole");
    let mut check = |args: &[&str], what: &str| {
        world.expire_credentials();
        let r = world.run(args);
        assert_eq!(r.code, 0, "{what}: {r:?}");
        let now = world.count("sts:AssumeRole");
        assert_eq!(now, assumed + 1, "{what}: exactly one renewal");
        assumed = now;
        r
    };
    let r = check(
        &[
            "oss",
            "get",
            "oss://sample-bucket/k.txt",
            "-",
            "--profile",
            "ci",
        ],
        "get",
    );
    assert_eq!(r.stdout, "hello");
    check(
        &["sts", "get-caller-identity", "--profile", "ci"],
        "GetCallerIdentity",
    );
    // The second attempt is not a retry the user can turn off: it is the same request with the
    // credentials it should have had.
    check(
        &[
            "oss",
            "get",
            "oss://sample-bucket/k.txt",
            "-",
            "--profile",
            "ci",
            "--retries",
            "0",
        ],
        "get with --retries 0",
    );
}

#[test]
fn refused_uploads_of_a_writable_role_are_sent_again() {
    let world = World::with_config(writer_cloud());
    let writer = format!("acs:ram::{}:role/writer", world.cloud.info.account_id);
    setup_world(&world, &[]);
    let r = world.run(&[
        "sts",
        "assume-role",
        "--role-arn",
        &writer,
        "--role-session-name",
        "w1",
        "--save-profile",
        "w",
    ]);
    assert_eq!(r.code, 0, "{r:?}");
    std::fs::write(world.path("small.txt"), b"small file").unwrap();
    std::fs::write(world.path("big.bin"), crate::common::pattern(700 * 1024, 3)).unwrap();
    for (args, what) in [
        (
            vec!["oss", "put", "small.txt", "oss://sample-bucket/small.txt"],
            "single PUT streamed from a file",
        ),
        (
            vec![
                "oss",
                "put",
                "big.bin",
                "oss://sample-bucket/big.bin",
                "--multipart-threshold",
                "200K",
                "--part-size",
                "200K",
            ],
            "multipart upload",
        ),
    ] {
        world.expire_credentials();
        let before = world.count("sts:AssumeRole");
        let mut args = args.clone();
        args.extend(["--profile", "w"]);
        let r = world.run(&args);
        assert_eq!(r.code, 0, "{what}: {r:?}");
        assert_eq!(world.count("sts:AssumeRole"), before + 1, "{what}");
    }
    let r = world.run(&[
        "oss",
        "get",
        "oss://sample-bucket/big.bin",
        "back.bin",
        "--profile",
        "w",
    ]);
    assert_eq!(r.code, 0, "{r:?}");
    assert_eq!(read(&world.path("back.bin")), read(&world.path("big.bin")));
}

#[test]
fn credentials_that_are_invalid_before_their_time_are_replaced() {
    let world = World::new();
    setup_world(&world, &[]);
    world.put_as_user("k.txt", b"x");
    // The file says they are good for hours, the service does not know them.
    set(
        &|a| world.run(a),
        "security_token",
        "CAISnot-the-token-that-was-issued",
    );
    let before = world.count("sts:AssumeRole");
    let r = world.run(&[
        "oss",
        "get",
        "oss://sample-bucket/k.txt",
        "-",
        "--profile",
        "ci",
    ]);
    assert_eq!(r.code, 0, "{r:?}");
    assert_eq!(world.count("sts:AssumeRole"), before + 1);
    set(
        &|a| world.run(a),
        "access_key_id",
        "STS.NotIssuedByThisCloud000",
    );
    let r = world.run(&["sts", "get-caller-identity", "--profile", "ci"]);
    assert_eq!(r.code, 0, "{r:?}");
    assert_eq!(world.count("sts:AssumeRole"), before + 2);
}

/// The local cloud with the role profile set up and `shared.txt` in the bucket.
fn served_with_shared_object() -> Served {
    let cloud = Served::start();
    setup(&|a| cloud.run(a), &|k| cloud.info(k), &[]);
    std::fs::write(cloud.dir.path().join("shared.txt"), b"shared").unwrap();
    let r = cloud.run(&["oss", "put", "shared.txt", "oss://sample-bucket/shared.txt"]);
    assert_eq!(r.code, 0, "{r:?}");
    cloud
}

/// Eight processes at once get `shared.txt` with the role profile; every one must succeed.
fn eight_gets_with_the_role_profile(cloud: &Served) {
    let runs = parallel(
        (0..8)
            .map(|_| {
                cloud.command(&[
                    "oss",
                    "get",
                    "oss://sample-bucket/shared.txt",
                    "-",
                    "--profile",
                    ROLE_PROFILE,
                ])
            })
            .collect(),
    );
    for r in &runs {
        assert_eq!((r.code, r.stdout.as_str()), (0, "shared"), "{r:?}");
    }
}

#[test]
fn eight_processes_with_one_expired_role_profile_send_one_assume_role() {
    let cloud = served_with_shared_object();
    set(&|a| cloud.run(a), "expiration", "2020-01-01T00:00:00Z");

    let before = cloud.count("sts:AssumeRole");
    eight_gets_with_the_role_profile(&cloud);
    assert_eq!(
        cloud.count("sts:AssumeRole"),
        before + 1,
        "stats: {:?}",
        cloud.stats()
    );
}

#[test]
fn eight_processes_refused_at_once_send_one_assume_role() {
    let cloud = served_with_shared_object();
    // The profile's own clock says the credentials are good for an hour; the service disagrees.
    cloud.expire_credentials();

    let before = cloud.count("sts:AssumeRole");
    let gets_before = cloud.count("oss:GetObject");
    eight_gets_with_the_role_profile(&cloud);
    assert_eq!(
        cloud.count("sts:AssumeRole"),
        before + 1,
        "stats: {:?}",
        cloud.stats()
    );
    // Each process was refused at most once, then succeeded.
    let gets = cloud.count("oss:GetObject") - gets_before;
    assert!((9..=16).contains(&gets), "{gets} GetObject requests");
}

fn writer_cloud() -> CloudConfig {
    let mut config = CloudConfig::default();
    config.roles.push(RoleConfig {
        name: "writer".into(),
        policies: vec!["AliyunOSSFullAccess".into()],
        trust_policy: None,
        max_session_duration: 3600,
    });
    config
}

#[test]
fn long_transfers_renew_between_parts_when_credentials_near_expiry() {
    let world = World::with_config(writer_cloud());
    setup_world(&world, &[]);
    let writer = format!("acs:ram::{}:role/writer", world.cloud.info.account_id);
    let r = world.run(&[
        "sts",
        "assume-role",
        "--role-arn",
        &writer,
        "--role-session-name",
        "w1",
        "--duration-seconds",
        "900",
        "--save-profile",
        "w",
    ]);
    assert_eq!(r.code, 0, "{r:?}");
    let data = crate::common::pattern(1024 * 1024, 7);
    std::fs::write(world.path("big.bin"), &data).unwrap();
    let parts = [
        "--multipart-threshold",
        "256K",
        "--part-size",
        "256K",
        "--jobs",
        "2",
    ];

    // Far from expiry: a four-part upload and download send no AssumeRole at all.
    let before = world.count("sts:AssumeRole");
    let mut args = vec![
        "oss",
        "put",
        "big.bin",
        "oss://sample-bucket/big.bin",
        "--profile",
        "w",
    ];
    args.extend(parts);
    let r = world.run(&args);
    assert_eq!(r.code, 0, "{r:?}");
    assert_eq!(world.count("sts:AssumeRole"), before);

    // A margin longer than the credentials live makes every request find them "near expiry":
    // each part is then signed with credentials renewed just before it.
    let r = world.run(&[
        "configure",
        "set",
        "refresh_margin_seconds",
        "3600",
        "--profile",
        "w",
    ]);
    assert_eq!(r.code, 0, "{r:?}");
    let parts_before = world.count("oss:UploadPart");
    let before = world.count("sts:AssumeRole");
    let r = world.run(&args);
    assert_eq!(r.code, 0, "{r:?}");
    let uploaded_parts = world.count("oss:UploadPart") - parts_before;
    assert_eq!(uploaded_parts, 4);
    assert!(
        world.count("sts:AssumeRole") >= before + uploaded_parts,
        "a renewal before each part: {:?}",
        world.stats()
    );

    let gets_before = world.count("oss:GetObject");
    let before = world.count("sts:AssumeRole");
    let mut args = vec![
        "oss",
        "get",
        "oss://sample-bucket/big.bin",
        "back.bin",
        "--profile",
        "w",
    ];
    args.extend(parts);
    let r = world.run(&args);
    assert_eq!(r.code, 0, "{r:?}");
    assert_eq!(read(&world.path("back.bin")), data);
    let ranges = world.count("oss:GetObject") - gets_before;
    assert!(ranges >= 4, "{ranges} ranged GETs");
    assert!(world.count("sts:AssumeRole") >= before + ranges);
}

#[test]
fn expired_static_credentials_stop_a_transfer_before_anything_is_sent() {
    let world = World::new();
    setup_world(&world, &[]);
    std::fs::write(world.path("big.bin"), crate::common::pattern(600 * 1024, 1)).unwrap();
    // Saved from environment credentials: no source profile, so nothing to renew with.
    let r = world.run(&[
        "configure",
        "set",
        "expiration",
        "2020-01-01T00:00:00Z",
        "--profile",
        "static",
    ]);
    assert_eq!(r.code, 0, "{r:?}");
    for (k, v) in [
        ("access_key_id", "STS.static0000000000"),
        ("access_key_secret", "static-secret-value"),
        ("security_token", "static-token-value"),
        ("role_arn", "acs:ram::1234567890123456:role/oss-readonly"),
        ("oss.endpoint", world.endpoint().as_str()),
        ("region", "cn-hangzhou"),
    ] {
        let r = world.run(&["configure", "set", k, v, "--profile", "static"]);
        assert_eq!(r.code, 0, "{r:?}");
    }
    let before = world.total_requests();
    for args in [
        vec![
            "oss",
            "put",
            "big.bin",
            "oss://sample-bucket/big.bin",
            "--multipart-threshold",
            "100K",
            "--part-size",
            "100K",
        ],
        vec![
            "oss",
            "get",
            "oss://sample-bucket/big.bin",
            "x.bin",
            "--multipart-threshold",
            "100K",
        ],
        vec!["sts", "get-caller-identity"],
    ] {
        let mut args = args.clone();
        args.extend(["--profile", "static"]);
        let r = world.run(&args);
        assert_eq!(r.code, 3, "{r:?}");
        assert!(
            r.stderr.contains("expired")
                && r.stderr.contains("hint:")
                && r.stderr.contains("assume-role"),
            "{r:?}"
        );
        assert_eq!(
            r.stderr.lines().count(),
            2,
            "one error line and its hint: {r:?}"
        );
    }
    // Environment credentials with the expiry `export-credentials` exports beside them.
    let r = world.run_env(
        &[
            "sts",
            "get-caller-identity",
            "--endpoint",
            &world.endpoint(),
        ],
        &[
            ("ALIBABA_CLOUD_ACCESS_KEY_ID", "STS.static0000000000"),
            ("ALIBABA_CLOUD_ACCESS_KEY_SECRET", "static-secret-value"),
            ("ALIBABA_CLOUD_SECURITY_TOKEN", "static-token-value"),
            ("ALICLI_CREDENTIALS_EXPIRATION", "2020-01-01T00:00:00Z"),
        ],
    );
    assert_eq!(r.code, 3, "{r:?}");
    assert_eq!(world.total_requests(), before, "nothing was sent");
}

#[test]
fn configure_list_get_and_set() {
    let world = World::new();
    setup_world(&world, &[]);
    let secret = world.cloud.info.access_key_secret.clone();
    let role = profile_of(&world.config_file(), ROLE_PROFILE);

    let r = world.run(&["configure", "list"]);
    assert_eq!(r.code, 0, "{r:?}");
    let table = r.stdout.clone();
    assert!(table.lines().next().unwrap().contains("EXPIRES"), "{table}");
    let line = |name: &str| {
        table
            .lines()
            .find(|l| l.split_whitespace().any(|w| w == name))
            .unwrap_or_else(|| panic!("{name} in {table}"))
            .to_string()
    };
    assert!(line("default").starts_with("* default"), "{table}");
    assert!(line("default").contains("access key") && line("default").contains("cn-hangzhou"));
    assert!(
        line("ci").contains("role") && line("ci").contains("left"),
        "{table}"
    );
    assert!(line("ci").contains(&alicli::terminal::redact::mask_id(
        role.access_key_id.as_deref().unwrap()
    )));
    assert!(!table.contains(role.access_key_id.as_deref().unwrap()));
    assert!(!table.contains(&secret) && !table.contains(role.security_token.as_deref().unwrap()));

    let r = world.run(&["configure", "list", "--output", "json", "--profile", "ci"]);
    let rows = r.json();
    let ci = rows
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["name"] == "ci")
        .unwrap();
    assert_eq!(ci["kind"], "role");
    assert_eq!(ci["selected"], true);
    assert!(ci["expires_in_seconds"].as_i64().unwrap() > 3000);

    let r = world.run(&["configure", "get", "region", "--profile", "ci"]);
    assert_eq!((r.code, r.stdout.as_str()), (0, "cn-hangzhou\n"), "{r:?}");
    let r = world.run(&["configure", "get", "oss.endpoint"]);
    assert_eq!(r.stdout.trim(), world.endpoint());
    for secret_key in [
        "access_key_secret",
        "security_token",
        "oss.access_key_secret",
    ] {
        let r = world.run(&["configure", "get", secret_key, "--profile", "ci"]);
        assert_eq!(r.code, 2, "{r:?}");
        assert!(
            r.stdout.is_empty() && r.stderr.contains("export-credentials"),
            "{r:?}"
        );
    }
    let r = world.run(&["configure", "get", "policy", "--profile", "ci"]);
    assert_eq!(r.code, 1, "not set: {r:?}");
    let r = world.run(&["configure", "get", "regoin"]);
    assert_eq!(r.code, 2, "{r:?}");
    assert!(r.stderr.contains("oss.endpoint"), "lists the keys: {r:?}");

    // Bad values are refused before the file changes.
    let file_before = std::fs::read(world.config_file()).unwrap();
    for (k, v) in [
        ("duration_seconds", "60"),
        ("role_arn", "not-an-arn"),
        ("refresh_margin_seconds", "soon"),
        ("oss.endpoint", "http://h/p"),
        ("source_profile", "ci"),
        ("nonsense", "1"),
    ] {
        let r = world.run(&["configure", "set", k, v, "--profile", "ci"]);
        assert_eq!(r.code, 2, "{k}={v}: {r:?}");
        assert_eq!(r.stderr.lines().count(), 1, "one line: {r:?}");
    }
    assert_eq!(std::fs::read(world.config_file()).unwrap(), file_before);

    set(&|a| world.run(a), "refresh_margin_seconds", "600");
    set(&|a| world.run(a), "policy", crate::common::DOCS_POLICY);
    let p = profile_of(&world.config_file(), ROLE_PROFILE);
    assert_eq!(p.refresh_margin_seconds, Some(600));
    assert!(p.policy.as_deref().unwrap().contains("oss:GetObject"));
    set(&|a| world.run(a), "policy", "");
    assert!(profile_of(&world.config_file(), ROLE_PROFILE)
        .policy
        .is_none());
    // A secret from stdin.
    let r = crate::common::run_with_stdin(
        &mut world.command(&[
            "configure",
            "set",
            "access_key_secret",
            "-",
            "--profile",
            "other",
        ]),
        b"from-stdin-secret\n",
    );
    assert_eq!(r.code, 0, "{r:?}");
    assert_eq!(
        profile_of(&world.config_file(), "other")
            .access_key_secret
            .as_deref(),
        Some("from-stdin-secret")
    );
    // Plain `configure` with flags is unchanged, and cannot be mixed with a subcommand.
    let r = world.run(&["configure", "--access-key-id", "LTAIx", "list"]);
    assert_eq!(r.code, 2, "{r:?}");
}

#[test]
fn exported_credentials_work_in_other_tools() {
    let world = World::new();
    setup_world(&world, &[]);
    set(&|a| world.run(a), "expiration", "2020-01-01T00:00:00Z");
    let before = world.count("sts:AssumeRole");
    let r = world.run(&["configure", "export-credentials", "--profile", "ci"]);
    assert_eq!(r.code, 0, "{r:?}");
    assert_eq!(world.count("sts:AssumeRole"), before + 1, "renewed first");
    assert!(r.stderr.is_empty(), "{r:?}");
    let p = profile_of(&world.config_file(), ROLE_PROFILE);
    assert!(r.stdout.contains(p.security_token.as_deref().unwrap()));

    // eval'd by a shell, then used by a tool that reads the environment (alicli itself here).
    let script = format!(
        "eval \"$({bin} configure export-credentials --profile ci)\" && {bin} sts get-caller-identity --endpoint {ep}",
        bin = env!("CARGO_BIN_EXE_alicli"),
        ep = world.endpoint()
    );
    let r = to_run(shell(world.dir.path(), &script).output().unwrap());
    assert_eq!(r.code, 0, "{r:?}");
    assert!(r.json()["Arn"]
        .as_str()
        .unwrap()
        .contains("assumed-role/oss-readonly/ci-job"));

    let r = world.run(&[
        "configure",
        "export-credentials",
        "--profile",
        "ci",
        "--format",
        "env-no-export",
    ]);
    let vars: BTreeMap<&str, &str> = r.stdout.lines().filter_map(|l| l.split_once('=')).collect();
    assert_eq!(
        vars["OSS_SESSION_TOKEN"],
        p.security_token.as_deref().unwrap()
    );
    assert_eq!(
        vars["ALIBABA_CLOUD_ACCESS_KEY_ID"],
        p.access_key_id.as_deref().unwrap()
    );
    assert_eq!(
        vars["ALICLI_CREDENTIALS_EXPIRATION"],
        p.expiration.as_deref().unwrap()
    );

    let r = world.run(&[
        "configure",
        "export-credentials",
        "--profile",
        "ci",
        "--format",
        "json",
    ]);
    let json = r.json();
    assert_eq!(json["AccessKeyId"], p.access_key_id.clone().unwrap());
    assert_eq!(
        json["AccessKeySecret"],
        p.access_key_secret.clone().unwrap()
    );
    assert_eq!(json["SecurityToken"], p.security_token.clone().unwrap());
    assert_eq!(json["Expiration"], p.expiration.clone().unwrap());
    for format in ["fish", "powershell"] {
        let r = world.run(&[
            "configure",
            "export-credentials",
            "--profile",
            "ci",
            "--format",
            format,
        ]);
        assert_eq!(r.code, 0, "{r:?}");
        assert!(r.stdout.contains(p.access_key_secret.as_deref().unwrap()));
    }
    // A long-term key exports no token, and clears any left from before.
    let r = world.run(&["configure", "export-credentials"]);
    assert!(
        r.stdout.contains("unset ALIBABA_CLOUD_SECURITY_TOKEN"),
        "{r:?}"
    );
    assert_eq!(
        world.count("sts:AssumeRole"),
        before + 1,
        "nothing renewed since"
    );
}

fn official_config(world: &World) -> std::path::PathBuf {
    let info = &world.cloud.info;
    let text = serde_json::json!({
        "current": "work",
        "profiles": [
            {"name": "work", "mode": "AK", "access_key_id": info.access_key_id,
             "access_key_secret": info.access_key_secret, "region_id": info.region,
             "output_format": "json", "language": "en"},
            {"name": "ops", "mode": "RamRoleArn", "access_key_id": info.access_key_id,
             "access_key_secret": info.access_key_secret, "ram_role_arn": info.role_arn,
             "ram_session_name": "ops-session", "expired_seconds": 900, "region_id": info.region},
            {"name": "chain", "mode": "ChainableRamRoleArn", "source_profile": "work",
             "ram_role_arn": info.role_arn, "ram_session_name": "chained"},
            {"name": "vm", "mode": "CloudSSO", "cloud_sso_sign_in_url": "https://signin.example"}
        ]
    });
    let dir = world.path(".aliyun");
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("config.json");
    std::fs::write(&path, serde_json::to_string_pretty(&text).unwrap()).unwrap();
    path
}

#[test]
fn the_official_cli_profiles_are_read_as_a_fallback_and_never_written() {
    let world = World::new();
    let official = official_config(&world);
    let bytes = std::fs::read(&official).unwrap();
    let modified = std::fs::metadata(&official).unwrap().modified().unwrap();
    let ep = world.endpoint();

    // No alicli profile at all: the official `current` profile is used.
    let r = world.run(&["sts", "get-caller-identity", "--endpoint", &ep]);
    assert_eq!(r.code, 0, "{r:?}");
    assert!(r.json()["Arn"]
        .as_str()
        .unwrap()
        .ends_with(":user/appserver"));
    // A RamRoleArn profile assumes its role, in memory: alicli writes no file of its own for it.
    let before = world.count("sts:AssumeRole");
    let r = world.run(&[
        "sts",
        "get-caller-identity",
        "--endpoint",
        &ep,
        "--profile",
        "ops",
    ]);
    assert_eq!(r.code, 0, "{r:?}");
    assert!(r.json()["Arn"].as_str().unwrap().ends_with("/ops-session"));
    let r = world.run(&[
        "sts",
        "get-caller-identity",
        "--endpoint",
        &ep,
        "--profile",
        "chain",
    ]);
    assert_eq!(r.code, 0, "{r:?}");
    assert!(r.json()["Arn"].as_str().unwrap().ends_with("/chained"));
    assert_eq!(world.count("sts:AssumeRole"), before + 2);
    let r = world.run_env(
        &["sts", "get-caller-identity", "--endpoint", &ep],
        &[("ALIBABA_CLOUD_PROFILE", "ops")],
    );
    assert!(
        r.json()["Arn"].as_str().unwrap().ends_with("/ops-session"),
        "{r:?}"
    );
    // A mode alicli cannot use is named, as bad input.
    let r = world.run(&[
        "sts",
        "get-caller-identity",
        "--endpoint",
        &ep,
        "--profile",
        "vm",
    ]);
    assert_eq!(r.code, 2, "{r:?}");
    assert!(r.stderr.contains("CloudSSO"), "{r:?}");
    assert!(
        !world.config_file().exists(),
        "fallback reading writes nothing"
    );

    // Import copies them into alicli's file, where a role is cached and renewed like any other.
    let r = world.run(&["configure", "import"]);
    assert_eq!(r.code, 0, "{r:?}");
    assert!(
        r.stderr.contains("CloudSSO"),
        "the unusable one is named: {r:?}"
    );
    let ops = profile_of(&world.config_file(), "ops");
    assert_eq!(ops.source_profile.as_deref(), Some("ops-source"));
    assert_eq!(ops.duration_seconds, Some(900));
    assert_eq!(
        profile_of(&world.config_file(), "ops-source")
            .access_key_id
            .as_deref(),
        Some(world.cloud.info.access_key_id.as_str())
    );
    assert_eq!(
        profile_of(&world.config_file(), "chain")
            .source_profile
            .as_deref(),
        Some("work")
    );
    let before = world.count("sts:AssumeRole");
    for _ in 0..2 {
        let r = world.run(&[
            "sts",
            "get-caller-identity",
            "--endpoint",
            &ep,
            "--profile",
            "ops",
        ]);
        assert_eq!(r.code, 0, "{r:?}");
    }
    assert_eq!(
        world.count("sts:AssumeRole"),
        before + 1,
        "assumed once, then cached"
    );
    let r = world.run(&["configure", "import", "work"]);
    assert!(
        r.stderr.contains("--force"),
        "existing profiles are kept: {r:?}"
    );
    let r = world.run(&["configure", "import", "vm"]);
    assert_eq!(r.code, 2, "{r:?}");
    // After the import both files have `work`: the listing says which one is used.
    let r = world.run(&["configure", "list"]);
    assert_eq!(r.code, 0, "{r:?}");
    let line = |name: &str| {
        r.stdout
            .lines()
            .find(|l| l.trim_start_matches(['*', ' ']).starts_with(name))
            .unwrap_or_else(|| panic!("no {name} in {r:?}"))
            .to_string()
    };
    assert!(
        line("work (aliyun, shadowed)").contains("access key"),
        "{r:?}"
    );
    assert!(!line("work ").contains("aliyun"), "{r:?}");
    assert!(
        r.stdout
            .contains("(aliyun, shadowed) = alicli's file has one"),
        "{r:?}"
    );
    let r = world.run(&["configure", "list", "--output", "json"]);
    let rows: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    let shadowed: Vec<(&str, &str)> = rows
        .as_array()
        .unwrap()
        .iter()
        .filter(|row| row["shadowed"] == true)
        .map(|row| (row["name"].as_str().unwrap(), row["file"].as_str().unwrap()))
        .collect();
    assert!(shadowed.contains(&("work", "aliyun")), "{shadowed:?}");
    assert!(
        shadowed.iter().all(|(_, file)| *file == "aliyun"),
        "{shadowed:?}"
    );

    assert_eq!(std::fs::read(&official).unwrap(), bytes, "never written");
    assert_eq!(
        std::fs::metadata(&official).unwrap().modified().unwrap(),
        modified
    );
}

#[cfg(unix)]
#[test]
fn an_open_profile_file_is_reported_with_the_fix() {
    use std::os::unix::fs::PermissionsExt;
    let world = World::new();
    world.configure_user();
    let path = world.config_file();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
    let r = world.run(&["configure", "list"]);
    assert_eq!(r.code, 0, "{r:?}");
    let warnings: Vec<&str> = r
        .stderr
        .lines()
        .filter(|l| l.starts_with("warning:"))
        .collect();
    assert_eq!(warnings.len(), 1, "{r:?}");
    assert!(
        warnings[0].contains(&format!("chmod 600 {}", path.display())),
        "{r:?}"
    );
    // Any write replaces the file with a private one.
    let r = world.run(&["configure", "set", "region", "cn-shanghai"]);
    assert_eq!(r.code, 0, "{r:?}");
    assert_eq!(
        std::fs::metadata(&path).unwrap().permissions().mode() & 0o777,
        0o600
    );
    let r = world.run(&["configure", "list"]);
    assert!(!r.stderr.contains("warning"), "{r:?}");
}

#[test]
fn sixteen_parallel_save_profiles_all_arrive() {
    let world = World::new();
    world.configure_user();
    let arn = world.cloud.info.role_arn.clone();
    let ep = world.endpoint();
    let names: Vec<String> = (0..16).map(|i| format!("p{i}")).collect();
    let runs = parallel(
        names
            .iter()
            .map(|name| {
                world.command(&[
                    "sts",
                    "assume-role",
                    "--role-arn",
                    &arn,
                    "--role-session-name",
                    name,
                    "--save-profile",
                    name,
                    "--endpoint",
                    &ep,
                ])
            })
            .collect(),
    );
    for r in &runs {
        assert_eq!(r.code, 0, "{r:?}");
    }
    let config = alicli::config::profile::load(&world.config_file()).expect("valid file");
    for name in &names {
        let p = &config.profiles[name];
        assert!(
            p.security_token.is_some() && p.expiration.is_some(),
            "{name}"
        );
        assert_eq!(p.role_session_name.as_deref(), Some(name.as_str()));
    }
    assert_eq!(config.profiles.len(), 17);
}

#[test]
fn killed_writers_never_leave_a_broken_file() {
    let world = World::new();
    world.configure_user();
    let arn = world.cloud.info.role_arn.clone();
    let ep = world.endpoint();
    let hasher = std::collections::hash_map::RandomState::new();
    let random = |i: u64| {
        use std::hash::BuildHasher;
        hasher.hash_one(i)
    };
    let writer = |i: u64| {
        let name = format!("k{i}");
        let mut cmd = if i.is_multiple_of(2) {
            world.command(&[
                "configure",
                "set",
                "region",
                "cn-beijing",
                "--profile",
                &name,
            ])
        } else {
            world.command(&[
                "sts",
                "assume-role",
                "--role-arn",
                &arn,
                "--role-session-name",
                &name,
                "--save-profile",
                &name,
                "--endpoint",
                &ep,
            ])
        };
        let child = cmd
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        (name, child)
    };
    // A large file makes each write take long enough to be interrupted in the middle.
    alicli::config::profile::update(&world.config_file(), |c| {
        for i in 0..400 {
            let p = alicli::config::profile::Profile {
                region: Some("cn-hangzhou".into()),
                policy: Some(crate::common::DOCS_POLICY.repeat(8)),
                ..Default::default()
            };
            c.profiles.insert(format!("filler{i}"), p);
        }
        Ok(())
    })
    .unwrap();
    // Batches of writers racing for the lock; about half of them are killed at a scattered
    // moment of their short lives (starting, waiting for the lock, writing, renaming).
    let mut succeeded = BTreeSet::new();
    let mut killed = 0;
    for batch in 0..12u64 {
        let mut children: Vec<_> = (0..5).map(|j| writer(batch * 5 + j)).collect();
        for (j, (_, child)) in children.iter_mut().enumerate() {
            let r = random(batch * 5 + j as u64);
            if r.is_multiple_of(2) {
                std::thread::sleep(std::time::Duration::from_micros(r % 4_000));
                let _ = child.kill();
            }
        }
        for (name, mut child) in children {
            let status = child.wait().unwrap();
            if status.success() {
                succeeded.insert(name);
            } else {
                killed += 1;
            }
        }
    }
    eprintln!(
        "{} writers succeeded, {killed} were killed",
        succeeded.len()
    );
    assert!(killed > 0, "some writers must have been killed");
    let config =
        alicli::config::profile::load(&world.config_file()).expect("the file still parses");
    for name in &succeeded {
        assert!(
            config.profiles.contains_key(name),
            "{name} reported success"
        );
    }
    assert!(config.profiles.contains_key("default"));
    assert!(config.profiles.contains_key("filler399"));
    // The lock is free again and writes go on.
    let r = world.run(&[
        "configure",
        "set",
        "region",
        "cn-shenzhen",
        "--profile",
        "after",
    ]);
    assert_eq!(r.code, 0, "{r:?}");
    assert!(alicli::config::profile::load(&world.config_file())
        .unwrap()
        .profiles
        .contains_key("after"));
}

#[test]
fn a_renewal_runs_the_session_policy_check_of_assume_role() {
    let world = World::new();
    setup_world(&world, &[]);
    // Valid JSON and short, but the action does not exist: `sts assume-role --policy` refuses it
    // before sending anything, and so must the renewal of a profile that was edited by hand.
    let typo = r#"{"Version":"1","Statement":[{"Effect":"Allow","Action":"oss:GetObjects","Resource":"acs:oss:*:*:sample-bucket/*"}]}"#;
    alicli::config::profile::update(&world.config_file(), |config| {
        let p = config.profiles.get_mut(ROLE_PROFILE).unwrap();
        p.policy = Some(typo.to_string());
        p.expiration = Some("2020-01-01T00:00:00Z".into());
        Ok(())
    })
    .unwrap();
    let before = world.count("sts:AssumeRole");
    let r = world.run(&["sts", "get-caller-identity", "--profile", ROLE_PROFILE]);
    assert_eq!(r.code, 2, "{r:?}");
    assert!(
        r.stderr
            .contains("profile \"ci\": the policy is refused by policy check")
            && r.stderr.contains("oss:GetObjects"),
        "{r:?}"
    );
    assert_eq!(world.count("sts:AssumeRole"), before, "nothing was sent");
    let flag = world.run(&[
        "sts",
        "assume-role",
        "--role-arn",
        &world.cloud.info.role_arn,
        "--role-session-name",
        "s1",
        "--policy",
        typo,
    ]);
    assert_eq!(flag.code, 2, "{flag:?}");
    assert!(
        flag.stderr
            .contains("the policy is refused by policy check"),
        "{flag:?}"
    );
}

#[test]
fn oss_sign_presigns_with_the_credentials_a_request_would_use() {
    // The URL is signed with what the provider hands out now: a role profile whose credentials
    // expired renews first, and the URL carries the renewed ones (not the expired copy the file
    // held when the command started).
    let world = World::new();
    setup_world(&world, &[]);
    world.put_as_user("k.txt", b"signed data");
    set(&|a| world.run(a), "expiration", "2020-01-01T00:00:00Z");
    let stale = profile_of(&world.config_file(), ROLE_PROFILE)
        .access_key_id
        .unwrap();
    let before = world.count("sts:AssumeRole");
    let r = world.run(&[
        "oss",
        "sign",
        "oss://sample-bucket/k.txt",
        "--profile",
        ROLE_PROFILE,
    ]);
    assert_eq!(r.code, 0, "{r:?}");
    assert_eq!(world.count("sts:AssumeRole"), before + 1, "renewed first");
    let renewed = profile_of(&world.config_file(), ROLE_PROFILE)
        .access_key_id
        .unwrap();
    assert_ne!(renewed, stale);
    let url = r.stdout.trim();
    assert!(url.contains(&renewed) && !url.contains(&stale), "{url}");
    let body = reqwest::blocking::get(url).unwrap();
    assert_eq!(body.status(), 200, "{url}");
    assert_eq!(body.bytes().unwrap().as_ref(), b"signed data");
}

/// ossutil 2's variables: `OSS_ENDPOINT` names the endpoint and `OSS_REGION` the region (so
/// v4 signing) when neither flag nor profile does.
#[test]
fn ossutil_variables_choose_the_oss_endpoint_and_region() {
    let world = World::new();
    world.configure_user();
    world.put_as_user("ossutil.txt", b"from ossutil's variables");
    let ep = world.endpoint();
    let r = world.run_env(
        &["oss", "get", "oss://sample-bucket/ossutil.txt", "-", "-v"],
        &[("OSS_ENDPOINT", ep.as_str()), ("OSS_REGION", "cn-hangzhou")],
    );
    assert_eq!(r.code, 0, "{r:?}");
    assert_eq!(r.stdout, "from ossutil's variables");
    assert!(r.stderr.contains(&format!("endpoint {ep}")), "{r:?}");
    assert!(
        r.stderr.contains("signing OSS v4 for region cn-hangzhou"),
        "{r:?}"
    );
    let r = world.run_env(
        &["oss", "get", "oss://sample-bucket/ossutil.txt", "-"],
        &[
            ("OSS_ENDPOINT", ep.as_str()),
            ("OSS_REGION", "not a region"),
        ],
    );
    assert_eq!(r.code, 2, "{r:?}");
    assert!(r.stderr.contains("OSS_REGION"), "{r:?}");
}
