//! The seed flow beyond the docs' lines: saved profiles, shell exports, stdin/stdout streaming,
//! folder destinations, content types, integrity, the real `alicli serve` process, and the demo.

use std::io::{BufRead, BufReader, Write};
use std::process::Stdio;

use crate::common::{read, World, DOCS_POLICY};

#[test]
fn save_profile_keeps_what_a_refresh_needs() {
    let world = World::new();
    world.configure_user();
    let ep = world.endpoint();
    let r = world.run(&["oss", "config", "--endpoint", &ep]);
    assert_eq!(r.code, 0, "{r:?}");
    let arn = world.cloud.info.role_arn.clone();
    let r = world.run(&[
        "sts",
        "assume-role",
        "--role-arn",
        &arn,
        "--role-session-name",
        "ci-job",
        "--policy",
        DOCS_POLICY,
        "--duration-seconds",
        "900",
        "--save-profile",
        "client",
    ]);
    assert_eq!(r.code, 0, "{r:?}");
    assert!(
        r.stderr
            .contains("saved temporary credentials to profile \"client\""),
        "{r:?}"
    );
    let answer = r.json();
    let config = alicli::config::profile::load(&world.config_file()).unwrap();
    let p = &config.profiles["client"];
    assert_eq!(
        p.access_key_id.as_deref(),
        answer["Credentials"]["AccessKeyId"].as_str()
    );
    assert_eq!(
        p.security_token.as_deref(),
        answer["Credentials"]["SecurityToken"].as_str()
    );
    assert_eq!(
        p.expiration.as_deref(),
        answer["Credentials"]["Expiration"].as_str()
    );
    assert_eq!(p.role_arn.as_deref(), Some(arn.as_str()));
    assert_eq!(p.role_session_name.as_deref(), Some("ci-job"));
    assert_eq!(p.source_profile.as_deref(), Some("default"));
    assert_eq!(p.region.as_deref(), Some("cn-hangzhou"));
    assert_eq!(p.sts_endpoint.as_deref(), Some(ep.as_str()));
    assert_eq!(
        p.oss.as_ref().and_then(|o| o.endpoint.as_deref()),
        Some(ep.as_str())
    );

    // The saved profile works for STS and OSS without further flags.
    let r = world.run(&["--profile", "client", "sts", "GetCallerIdentity"]);
    assert_eq!(r.code, 0, "{r:?}");
    assert_eq!(r.json()["IdentityType"], "AssumedRoleUser");
    assert_eq!(
        r.json()["Arn"],
        "acs:ram::1234567890123456:assumed-role/oss-readonly/ci-job"
    );
    world.put_as_user("2015/01/01/a.jpg", b"A");
    let r = world.run(&[
        "--profile",
        "client",
        "oss",
        "get",
        "oss://sample-bucket/2015/01/01/a.jpg",
        "a.jpg",
    ]);
    assert_eq!(r.code, 0, "{r:?}");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(world.config_file())
            .unwrap()
            .permissions()
            .mode()
            & 0o777;
        assert_eq!(mode, 0o600);
    }
}

#[test]
fn env_output_feeds_a_shell() {
    let world = World::new();
    world.configure_user();
    world.put_as_user("2015/01/01/e.jpg", b"from env");
    let alicli = env!("CARGO_BIN_EXE_alicli");
    let script = format!(
        "set -e\neval \"$('{alicli}' sts assume-role --role-arn '{arn}' --role-session-name env-test --output env)\"\n\
         test -n \"$ALIBABA_CLOUD_SECURITY_TOKEN\" && test \"$OSS_SESSION_TOKEN\" = \"$ALIBABA_CLOUD_SECURITY_TOKEN\"\n\
         test -n \"$ALICLI_CREDENTIALS_EXPIRATION\"\n\
         '{alicli}' oss get oss://sample-bucket/2015/01/01/e.jpg - --endpoint '{ep}'\n",
        arn = world.cloud.info.role_arn,
        ep = world.endpoint(),
    );
    let mut cmd = std::process::Command::new("sh");
    cmd.arg("-c").arg(&script).current_dir(world.dir.path());
    for (k, v) in world.command(&[]).get_envs() {
        match v {
            Some(v) => cmd.env(k, v),
            None => cmd.env_remove(k),
        };
    }
    let output = cmd.output().unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert_eq!(output.stdout, b"from env");
}

#[test]
fn stdin_and_stdout_stream() {
    let world = World::new();
    world.configure_user();
    let ep = world.endpoint();
    let data: Vec<u8> = (0..3_000_000u32).map(|i| (i % 253) as u8).collect();
    let mut child = world
        .command(&[
            "oss",
            "put",
            "-",
            "oss://sample-bucket/streams/big.bin",
            "--endpoint",
            &ep,
        ])
        .stdin(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(&data).unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let r = world
        .command(&[
            "oss",
            "get",
            "oss://sample-bucket/streams/big.bin",
            "-",
            "--endpoint",
            &ep,
        ])
        .output()
        .unwrap();
    assert!(r.status.success());
    assert!(r.stdout == data, "stdout differs from what was uploaded");
}

#[test]
fn folders_names_and_content_types() {
    let world = World::new();
    world.configure_user();
    let ep = world.endpoint();
    std::fs::write(world.path("photo.png"), b"png bytes").unwrap();
    // A key ending in '/' takes the file's name.
    let r = world.run(&[
        "oss",
        "put",
        "photo.png",
        "oss://sample-bucket/albums/",
        "--endpoint",
        &ep,
    ]);
    assert_eq!(r.code, 0, "{r:?}");
    assert!(
        r.stderr.contains("oss://sample-bucket/albums/photo.png"),
        "{r:?}"
    );
    // A bare bucket takes the file's name too.
    let r = world.run(&[
        "oss",
        "put",
        "photo.png",
        "oss://sample-bucket",
        "--endpoint",
        &ep,
    ]);
    assert_eq!(r.code, 0, "{r:?}");
    assert!(r.stderr.contains("oss://sample-bucket/photo.png"), "{r:?}");
    // A DEST that is a folder gets a file named after the key.
    std::fs::create_dir(world.path("out")).unwrap();
    let r = world.run(&[
        "oss",
        "get",
        "oss://sample-bucket/albums/photo.png",
        "out",
        "--endpoint",
        &ep,
    ]);
    assert_eq!(r.code, 0, "{r:?}");
    assert_eq!(read(&world.path("out/photo.png")), b"png bytes");

    // Content-Type: guessed from the extension, or as given.
    let r = world.run(&[
        "oss",
        "put",
        "photo.png",
        "oss://sample-bucket/raw/blob",
        "--endpoint",
        &ep,
        "--content-type",
        "text/x-custom",
    ]);
    assert_eq!(r.code, 0, "{r:?}");
    let client = world.user_oss_client(alicli::oss::SignVersion::V1, 3);
    let head = client
        .head_object("sample-bucket", "albums/photo.png")
        .unwrap();
    assert_eq!(head.headers()["content-type"], "image/png");
    let head = client.head_object("sample-bucket", "raw/blob").unwrap();
    assert_eq!(head.headers()["content-type"], "text/x-custom");
}

#[test]
fn failed_download_leaves_destination_as_it_was() {
    let world = World::new();
    world.configure_user();
    let ep = world.endpoint();
    std::fs::write(world.path("keep.txt"), b"precious").unwrap();
    let r = world.run(&[
        "oss",
        "get",
        "oss://sample-bucket/missing.txt",
        "keep.txt",
        "--endpoint",
        &ep,
    ]);
    assert_eq!(r.code, 5, "{r:?}");
    assert_eq!(read(&world.path("keep.txt")), b"precious");
    let leftovers: Vec<_> = std::fs::read_dir(world.dir.path())
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().contains("alicli-part"))
        .collect();
    assert!(
        leftovers.is_empty(),
        "temporary files left behind: {leftovers:?}"
    );
}

#[test]
fn awkward_keys_round_trip() {
    let world = World::new();
    world.configure_user();
    let ep = world.endpoint();
    for (i, key) in [
        "a b.txt",
        "plus+sign",
        "100%",
        "what?",
        "hash#tag",
        "tilde~",
        "文件/名字.txt",
        "-leading",
        ".dot",
        "x&y=z",
    ]
    .iter()
    .enumerate()
    {
        let body = format!("body {i}");
        std::fs::write(world.path("src.bin"), &body).unwrap();
        let url = format!("oss://sample-bucket/odd/{key}");
        let r = world.run(&["oss", "put", "src.bin", &url, "--endpoint", &ep]);
        assert_eq!(r.code, 0, "{key}: {r:?}");
        let r = world.run(&["oss", "get", &url, "dst.bin", "--endpoint", &ep]);
        assert_eq!(r.code, 0, "{key}: {r:?}");
        assert_eq!(read(&world.path("dst.bin")), body.as_bytes(), "{key}");
    }
}

#[test]
fn expired_static_credentials_fail_before_sending() {
    let world = World::new();
    let ep = world.endpoint();
    let r = world.run(&[
        "oss",
        "config",
        "--endpoint",
        &ep,
        "--access-key-id",
        "STS.expired",
        "--access-key-secret",
        "secret-x",
        "--security-token",
        "token-x",
        "--expiration",
        "2020-01-01T00:00:00Z",
    ]);
    assert_eq!(r.code, 0, "{r:?}");
    let before = world.total_requests();
    let r = world.run(&["oss", "get", "oss://sample-bucket/k", "k"]);
    assert_eq!(r.code, 3, "{r:?}");
    assert!(
        r.stderr.contains("expired")
            && r.stderr.contains("hint:")
            && r.stderr.contains("assume-role"),
        "{r:?}"
    );
    assert_eq!(world.total_requests(), before);
}

#[test]
fn verbose_trace_masks_every_secret() {
    let world = World::new();
    world.configure_user();
    let ep = world.endpoint();
    world.put_as_user("2015/01/01/v.jpg", b"v");
    let arn = world.cloud.info.role_arn.clone();
    let r = world.run(&[
        "-v",
        "sts",
        "assume-role",
        "--role-arn",
        &arn,
        "--role-session-name",
        "verbose",
        "--save-profile",
        "tmp",
    ]);
    assert_eq!(r.code, 0, "{r:?}");
    let answer = r.json();
    let secret = answer["Credentials"]["AccessKeySecret"]
        .as_str()
        .unwrap()
        .to_string();
    let token = answer["Credentials"]["SecurityToken"]
        .as_str()
        .unwrap()
        .to_string();
    let user_secret = world.cloud.info.access_key_secret.clone();
    assert!(r.stderr.contains("string to sign"), "{r:?}");
    let mut transcript = r.stderr.clone();
    for args in [
        vec![
            "-v",
            "--profile",
            "tmp",
            "oss",
            "get",
            "oss://sample-bucket/2015/01/01/v.jpg",
            "v.jpg",
            "--endpoint",
            &ep,
        ],
        vec![
            "-v",
            "--profile",
            "tmp",
            "oss",
            "put",
            "v.jpg",
            "oss://sample-bucket/2015/01/01/w.jpg",
            "--endpoint",
            &ep,
        ],
        vec!["-v", "--profile", "tmp", "sts", "get-caller-identity"],
        vec![
            "-v",
            "oss",
            "get",
            "oss://sample-bucket/2015/01/01/v.jpg",
            "v2.jpg",
            "--endpoint",
            &ep,
        ],
    ] {
        let r = world.run(&args);
        transcript.push_str(&r.stdout);
        transcript.push_str(&r.stderr);
    }
    // A signature mismatch echoes the string to sign, which carries the token.
    let r = world.run_env(
        &[
            "-v",
            "oss",
            "get",
            "oss://sample-bucket/2015/01/01/v.jpg",
            "v3.jpg",
            "--endpoint",
            &ep,
        ],
        &[
            (
                "OSS_ACCESS_KEY_ID",
                answer["Credentials"]["AccessKeyId"].as_str().unwrap(),
            ),
            ("OSS_ACCESS_KEY_SECRET", "wrong-secret"),
            ("OSS_SESSION_TOKEN", &token),
        ],
    );
    assert_eq!(r.code, 3, "{r:?}");
    transcript.push_str(&r.stderr);
    // STS repeats its string to sign too, with the token percent-encoded twice.
    let r = world.run_env(
        &["-v", "sts", "get-caller-identity"],
        &[
            (
                "ALIBABA_CLOUD_ACCESS_KEY_ID",
                answer["Credentials"]["AccessKeyId"].as_str().unwrap(),
            ),
            ("ALIBABA_CLOUD_ACCESS_KEY_SECRET", "wrong-secret"),
            ("ALIBABA_CLOUD_SECURITY_TOKEN", &token),
        ],
    );
    assert_eq!(r.code, 3, "{r:?}");
    assert!(r.stderr.contains("server string to sign"), "{r:?}");
    transcript.push_str(&r.stderr);
    for s in [&secret, &token, &user_secret] {
        assert!(
            !transcript.contains(s.as_str()),
            "a secret leaked into the output:\n{transcript}"
        );
    }
    assert!(transcript.contains("****"), "masking is visible");
}

#[test]
fn serve_prints_its_seed_and_answers() {
    let dir = tempfile::tempdir().unwrap();
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_alicli"))
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
    let info: serde_json::Value = serde_json::from_str(&line).expect("first line is JSON");
    for key in [
        "endpoint",
        "access_key_id",
        "access_key_secret",
        "role_arn",
        "bucket",
        "region",
    ] {
        assert!(
            info[key].as_str().is_some_and(|v| !v.is_empty()),
            "{key} missing in {line}"
        );
    }
    assert_eq!(
        info["role_arn"],
        "acs:ram::1234567890123456:role/oss-readonly"
    );
    assert_eq!(info["bucket"], "sample-bucket");
    let endpoint = info["endpoint"].as_str().unwrap();
    let r = std::process::Command::new(env!("CARGO_BIN_EXE_alicli"))
        .args(["sts", "get-caller-identity", "--endpoint", endpoint])
        .env(
            "ALIBABA_CLOUD_ACCESS_KEY_ID",
            info["access_key_id"].as_str().unwrap(),
        )
        .env(
            "ALIBABA_CLOUD_ACCESS_KEY_SECRET",
            info["access_key_secret"].as_str().unwrap(),
        )
        .env("ALICLI_CONFIG_FILE", dir.path().join("config.toml"))
        .env_remove("ALICLI_PROFILE")
        .output()
        .unwrap();
    let _ = child.kill();
    let _ = child.wait();
    assert!(r.status.success(), "{}", String::from_utf8_lossy(&r.stderr));
    assert!(dir.path().join("data/buckets/sample-bucket").is_dir());
}

#[test]
fn serve_reads_a_config_file() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("cloud.toml");
    std::fs::write(
        &config,
        "account_id = \"11223344\"\nbuckets = [\"b-one\"]\n[[users]]\nname = \"u\"\naccess_key_id = \"LTAIfixedkey\"\naccess_key_secret = \"fixed-secret\"\npolicies = [\"AliyunOSSFullAccess\"]\n",
    )
    .unwrap();
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_alicli"))
        .args(["serve", "--listen", "127.0.0.1:0", "--config"])
        .arg(&config)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    // SIGTERM (what CI runners and `kill` send) stops it cleanly: exit 0, temporary data gone.
    let killed = std::process::Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(killed.success());
    let status = child.wait().unwrap();
    assert_eq!(status.code(), Some(0), "{status:?}");
    let info: serde_json::Value = serde_json::from_str(&line).unwrap();
    let data_dir = info["data_dir"].as_str().unwrap();
    assert!(data_dir.contains("alicli-cloud-"), "{data_dir}");
    assert!(
        !std::path::Path::new(data_dir).exists(),
        "{data_dir} left behind"
    );
    assert_eq!(info["access_key_id"], "LTAIfixedkey");
    assert_eq!(info["bucket"], "b-one");
    assert_eq!(info["role_arn"], "acs:ram::11223344:role/oss-readonly");

    std::fs::write(&config, "acount_id = \"typo\"\n").unwrap();
    let r = std::process::Command::new(env!("CARGO_BIN_EXE_alicli"))
        .args(["serve", "--listen", "127.0.0.1:0", "--config"])
        .arg(&config)
        .output()
        .unwrap();
    assert_eq!(r.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&r.stderr).contains("acount_id"));
}

#[test]
fn demo_walks_the_scenario() {
    let r = std::process::Command::new(env!("CARGO_BIN_EXE_alicli"))
        .arg("demo")
        .env_remove("ALICLI_PROFILE")
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&r.stdout);
    assert!(
        r.status.success(),
        "{stdout}\n{}",
        String::from_utf8_lossy(&r.stderr)
    );
    // It teaches the README's spellings, secrets on stdin...
    for taught in [
        "--access-key-secret - --region",
        "< ram-user.secret",
        "$ alicli sts assume-role --role-arn",
        "--save-profile client-002",
        "$ alicli oss get oss://sample-bucket/2015/01/01/grass.jpg downloaded-grass.jpg --profile client-002",
    ] {
        assert!(stdout.contains(taught), "{taught}: {stdout}");
    }
    // ... then shows the old docs' lines still work ...
    for legacy in [
        "$ alicli sts AssumeRole --RoleArn",
        "--accesskey - --sts_token - < sts-credentials.txt",
        "$ alicli oss Get ",
    ] {
        assert!(stdout.contains(legacy), "{legacy}: {stdout}");
    }
    let legacy_at = stdout.find("$ alicli sts AssumeRole").unwrap();
    assert!(stdout.find("$ alicli sts assume-role ").unwrap() < legacy_at);
    // ... and never shows a secret on a command line, not even masked.
    for line in stdout.lines().filter(|l| l.starts_with("$ ")) {
        assert!(!line.contains("****"), "{line}");
    }
    assert!(stdout.contains("AccessDenied"), "{stdout}");
    assert!(stdout.contains("byte-for-byte"), "{stdout}");
    assert!(!stdout.contains("FAILED"), "{stdout}");
}
