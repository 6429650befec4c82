//! Exit codes and bad input: every documented exit code is reached, and every kind of bad input
//! is refused with exit 2 and one clear line, before any request reaches the local cloud.

use crate::common::{World, DOCS_POLICY};

/// Runs `args`, expects exit 2 with a single `error:` line containing `needle`, and checks that
/// the local cloud saw no request.
fn refused(world: &World, args: &[&str], needle: &str) {
    let before = world.total_requests();
    let r = world.run(args);
    assert_eq!(r.code, 2, "{args:?}: {r:?}");
    let lines: Vec<&str> = r.stderr.lines().collect();
    assert_eq!(lines.len(), 1, "{args:?}: one line expected: {r:?}");
    assert!(lines[0].starts_with("error: "), "{args:?}: {r:?}");
    assert!(
        r.stderr.contains(needle),
        "{args:?}: expected {needle:?} in {r:?}"
    );
    assert!(r.stdout.is_empty(), "{args:?}: {r:?}");
    assert_eq!(
        world.total_requests(),
        before,
        "{args:?}: a request was sent"
    );
}

#[test]
fn bad_input_is_refused_before_any_request() {
    let world = World::new();
    world.configure_user();
    let arn = world.cloud.info.role_arn.clone();
    let ep = world.endpoint();
    let assume = |extra: &[&str]| {
        let mut v = vec!["sts", "assume-role"];
        v.extend_from_slice(extra);
        v.iter().map(|s| s.to_string()).collect::<Vec<_>>()
    };
    let cases: Vec<(Vec<String>, &str)> = vec![
        (
            assume(&[
                "--role-arn",
                "arn:aws:iam::1:role/x",
                "--role-session-name",
                "s1",
            ]),
            "invalid role ARN",
        ),
        (
            assume(&[
                "--role-arn",
                "acs:ram::abc:role/x",
                "--role-session-name",
                "s1",
            ]),
            "invalid role ARN",
        ),
        (
            assume(&["--role-arn", &arn, "--role-session-name", "x"]),
            "invalid role session name",
        ),
        (
            assume(&["--role-arn", &arn, "--role-session-name", "has space"]),
            "invalid role session name",
        ),
        (
            assume(&[
                "--role-arn",
                &arn,
                "--role-session-name",
                "s1",
                "--duration-seconds",
                "899",
            ]),
            "900 to 43200",
        ),
        (
            assume(&[
                "--role-arn",
                &arn,
                "--role-session-name",
                "s1",
                "--duration-seconds",
                "43201",
            ]),
            "900 to 43200",
        ),
        (
            assume(&[
                "--role-arn",
                &arn,
                "--role-session-name",
                "s1",
                "--policy",
                "{not json",
            ]),
            "not valid JSON",
        ),
        (
            assume(&[
                "--role-arn",
                &arn,
                "--role-session-name",
                "s1",
                "--policy",
                "@missing-policy.json",
            ]),
            "cannot read policy file",
        ),
        (
            assume(&[
                "--role-arn",
                &arn,
                "--role-session-name",
                "s1",
                "--save-profile",
                "bad name",
            ]),
            "invalid profile name",
        ),
    ];
    for (args, needle) in &cases {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        refused(&world, &args, needle);
    }

    // A policy of 2049 characters: valid JSON, one character over the limit.
    let mut policy = DOCS_POLICY.to_string();
    let pad = 2049 - policy.chars().count();
    policy.insert_str(
        policy.len() - 1,
        &format!(",\"Pad\":\"{}\"", "x".repeat(pad - 9)),
    );
    assert_eq!(policy.chars().count(), 2049);
    refused(
        &world,
        &[
            "sts",
            "assume-role",
            "--role-arn",
            &arn,
            "--role-session-name",
            "s1",
            "--policy",
            &policy,
        ],
        "at most 2048",
    );

    std::fs::write(world.path("local.txt"), b"data").unwrap();
    refused(
        &world,
        &["oss", "get", "oss:///key", "--endpoint", &ep],
        "has no bucket",
    );
    refused(
        &world,
        &["oss", "get", "oss://", "--endpoint", &ep],
        "has no bucket",
    );
    refused(
        &world,
        &["oss", "get", "oss://sample-bucket", "--endpoint", &ep],
        "has no object key",
    );
    refused(
        &world,
        &["oss", "get", "oss://sample-bucket/", "--endpoint", &ep],
        "has no object key",
    );
    refused(
        &world,
        &["oss", "get", "sample-bucket/key", "--endpoint", &ep],
        "not an OSS URL",
    );
    refused(
        &world,
        &["oss", "put", "local.txt", "oss:///key", "--endpoint", &ep],
        "has no bucket",
    );
    refused(
        &world,
        &[
            "oss",
            "put",
            "-",
            "oss://sample-bucket/dir/",
            "--endpoint",
            &ep,
        ],
        "names no object",
    );
    refused(
        &world,
        &[
            "oss",
            "put",
            "local.txt",
            "oss://sample-bucket//x",
            "--endpoint",
            &ep,
        ],
        "must not start",
    );
    refused(
        &world,
        &[
            "oss",
            "put",
            "no-such-file.txt",
            "oss://sample-bucket/k",
            "--endpoint",
            &ep,
        ],
        "cannot read no-such-file.txt",
    );
    refused(
        &world,
        &[
            "oss",
            "put",
            ".",
            "oss://sample-bucket/k",
            "--endpoint",
            &ep,
        ],
        "is a folder",
    );
    refused(
        &world,
        &[
            "oss",
            "get",
            "oss://sample-bucket/k",
            "no-such-dir/out.txt",
            "--endpoint",
            &ep,
        ],
        "does not exist",
    );
    refused(
        &world,
        &[
            "oss",
            "get",
            "oss://sample-bucket/k",
            "local.txt/out.txt",
            "--endpoint",
            &ep,
        ],
        "cannot write",
    );
    refused(
        &world,
        &["oss", "get", "oss://sample-bucket/dir/", "--endpoint", &ep],
        "names no file",
    );
    refused(
        &world,
        &[
            "oss",
            "get",
            "oss://sample-bucket/k",
            "--endpoint",
            "ftp://x",
        ],
        "invalid endpoint",
    );
    refused(
        &world,
        &[
            "--profile",
            "nope",
            "oss",
            "get",
            "oss://sample-bucket/k",
            "--endpoint",
            &ep,
        ],
        "profile \"nope\" not found",
    );
    refused(
        &world,
        &["--profile", "nope", "sts", "get-caller-identity"],
        "profile \"nope\" not found",
    );
    refused(&world, &["oss", "config"], "nothing to configure");
    refused(
        &world,
        &["oss", "config", "--access-key-id", "STS.x"],
        "together",
    );
    refused(&world, &["configure"], "nothing to configure");
}

#[test]
fn no_credentials_anywhere() {
    let world = World::new();
    let ep = world.endpoint();
    refused(
        &world,
        &["sts", "get-caller-identity", "--endpoint", &ep],
        "no credentials",
    );
    refused(
        &world,
        &["oss", "get", "oss://sample-bucket/k", "--endpoint", &ep],
        "no credentials",
    );
    // Half a key in the environment is a mistake worth naming.
    let r = world.run_env(
        &["oss", "get", "oss://sample-bucket/k", "--endpoint", &ep],
        &[("OSS_ACCESS_KEY_ID", "x")],
    );
    assert_eq!(r.code, 2, "{r:?}");
    assert!(
        r.stderr
            .contains("OSS_ACCESS_KEY_ID is set but OSS_ACCESS_KEY_SECRET is not"),
        "{r:?}"
    );
}

#[test]
fn clap_usage_errors_exit_2() {
    let world = World::new();
    for args in [
        vec!["sts", "assume-role"],
        vec!["oss", "get"],
        vec!["no-such-command"],
        vec!["oss", "put", "a"],
    ] {
        let r = world.run(&args);
        assert_eq!(r.code, 2, "{args:?}: {r:?}");
    }
    let r = world.run(&["--help"]);
    assert_eq!(r.code, 0, "{r:?}");
    assert!(
        r.stdout.contains("assume-role") || r.stdout.contains("sts"),
        "{r:?}"
    );
}

#[test]
fn corrupt_profile_file_is_reported_and_kept() {
    let world = World::new();
    let bad = "[profiles.default]\naccess_key_id = \"LTAIx\"\naccess_key_secret = oops\n";
    std::fs::write(world.config_file(), bad).unwrap();
    let r = world.run(&[
        "configure",
        "--access-key-id",
        "LTAInew",
        "--access-key-secret",
        "secret-new",
    ]);
    assert_eq!(r.code, 2, "{r:?}");
    assert!(
        r.stderr.contains("config.toml") && r.stderr.contains("line 3"),
        "{r:?}"
    );
    assert_eq!(
        std::fs::read_to_string(world.config_file()).unwrap(),
        bad,
        "the file was left untouched"
    );
}

#[test]
fn every_exit_code_is_reached() {
    let world = World::new();
    world.configure_user();
    let ep = world.endpoint();
    world.put_as_user("2015/01/01/grass.jpg", b"jpg");
    let arn = world.cloud.info.role_arn.clone();

    // 0: success.
    let r = world.run(&[
        "oss",
        "get",
        "oss://sample-bucket/2015/01/01/grass.jpg",
        "g.jpg",
        "--endpoint",
        &ep,
    ]);
    assert_eq!(r.code, 0, "{r:?}");

    // 1: the service rejects a parameter alicli cannot check (the role's maximum is 3600 s).
    let r = world.run(&[
        "sts",
        "assume-role",
        "--role-arn",
        &arn,
        "--role-session-name",
        "s1",
        "--duration-seconds",
        "7200",
    ]);
    assert_eq!(r.code, 1, "{r:?}");
    assert!(
        r.stderr.contains("InvalidParameter.DurationSeconds") && r.stderr.contains("hint:"),
        "{r:?}"
    );

    // 2: bad input (more in bad_input_is_refused_before_any_request).
    assert_eq!(world.run(&["oss", "get", "oss://"]).code, 2);

    // 3: credentials rejected: right id, wrong secret.
    let id = world.cloud.info.access_key_id.clone();
    let r = world.run_env(
        &[
            "oss",
            "get",
            "oss://sample-bucket/2015/01/01/grass.jpg",
            "g.jpg",
            "--endpoint",
            &ep,
        ],
        &[
            ("OSS_ACCESS_KEY_ID", &id),
            ("OSS_ACCESS_KEY_SECRET", "wrong-secret-value"),
        ],
    );
    assert_eq!(r.code, 3, "{r:?}");
    assert!(
        r.stderr.contains("SignatureDoesNotMatch") && r.stderr.contains("RequestId: "),
        "{r:?}"
    );
    let r = world.run_env(
        &["sts", "get-caller-identity", "--endpoint", &ep],
        &[
            ("ALIBABA_CLOUD_ACCESS_KEY_ID", "LTAIunknownkey"),
            ("ALIBABA_CLOUD_ACCESS_KEY_SECRET", "whatever-secret"),
        ],
    );
    assert_eq!(r.code, 3, "{r:?}");
    assert!(r.stderr.contains("InvalidAccessKeyId.NotFound"), "{r:?}");

    // 4: access denied by policy (narrowed temporary credentials uploading).
    let r = world.run(&[
        "sts",
        "assume-role",
        "--role-arn",
        &arn,
        "--role-session-name",
        "s2",
        "--policy",
        DOCS_POLICY,
        "--save-profile",
        "narrow",
    ]);
    assert_eq!(r.code, 0, "{r:?}");
    let r = world.run(&[
        "--profile",
        "narrow",
        "oss",
        "put",
        "g.jpg",
        "oss://sample-bucket/2015/01/01/up.jpg",
        "--endpoint",
        &ep,
    ]);
    assert_eq!(r.code, 4, "{r:?}");

    // 5: not found.
    let r = world.run(&[
        "oss",
        "get",
        "oss://sample-bucket/no/such/key.jpg",
        "x.jpg",
        "--endpoint",
        &ep,
    ]);
    assert_eq!(r.code, 5, "{r:?}");
    assert!(
        r.stderr.contains("NoSuchKey") && r.stderr.contains("HTTP status: 404"),
        "{r:?}"
    );
    assert!(!world.path("x.jpg").exists());
    let r = world.run(&[
        "oss",
        "get",
        "oss://no-such-bucket/k.jpg",
        "x.jpg",
        "--endpoint",
        &ep,
    ]);
    assert_eq!(r.code, 5, "{r:?}");
    assert!(r.stderr.contains("NoSuchBucket"), "{r:?}");

    // 6: network: nothing listens on the port.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let closed = format!("http://127.0.0.1:{port}");
    let r = world.run(&[
        "oss",
        "get",
        "oss://sample-bucket/2015/01/01/grass.jpg",
        "y.jpg",
        "--endpoint",
        &closed,
    ]);
    assert_eq!(r.code, 6, "{r:?}");
    assert!(r.stderr.contains("cannot connect"), "{r:?}");
    assert!(!world.path("y.jpg").exists());
}
