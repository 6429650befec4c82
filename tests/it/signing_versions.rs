//! Signature versions end to end: v4 by default whenever the region is known, v1 with a warning
//! when it is not, forcing either, and presigned URLs used by a client that knows nothing of
//! signing. For STS: v1 by default, V3 (`ACS3-HMAC-SHA256`) by flag or profile key, for the
//! `sts` commands and a role profile's renewals alike, as the local cloud's
//! `sts-signature:v1|v3` counters see it.

use crate::common::{read, World, DOCS_POLICY};

#[test]
fn v4_is_the_default_when_the_region_is_known() {
    let world = World::with_user();
    std::fs::write(world.path("a.txt"), b"a").unwrap();
    let r = world.run(&["-v", "oss", "put", "a.txt", "oss://sample-bucket/a.txt"]);
    assert_eq!(r.code, 0, "{r:?}");
    assert!(
        r.stderr.contains("signing OSS v4 for region cn-hangzhou"),
        "{r:?}"
    );
    assert!(r.stderr.contains("canonical request (OSS v4)"), "{r:?}");
    assert!(!r.stderr.contains("warning"), "{r:?}");
}

#[test]
fn v1_when_no_region_is_known_with_one_warning() {
    let world = World::new();
    let info = world.cloud.info.clone();
    let env = [
        ("OSS_ACCESS_KEY_ID", info.access_key_id.as_str()),
        ("OSS_ACCESS_KEY_SECRET", info.access_key_secret.as_str()),
    ];
    std::fs::write(world.path("b.txt"), b"b").unwrap();
    let r = world.run_env(
        &[
            "oss",
            "put",
            "b.txt",
            "oss://sample-bucket/b.txt",
            "--endpoint",
            &world.endpoint(),
        ],
        &env,
    );
    assert_eq!(r.code, 0, "{r:?}");
    let warnings: Vec<&str> = r
        .stderr
        .lines()
        .filter(|l| l.starts_with("warning:"))
        .collect();
    assert_eq!(warnings.len(), 1, "{r:?}");
    assert!(
        warnings[0].contains("OSS v1") && warnings[0].contains("--region"),
        "{r:?}"
    );
    // The same with the old docs' global host: URL signing needs no request to show it.
    let r = world.run_env(
        &[
            "oss",
            "sign",
            "oss://sample-bucket/b.txt",
            "--endpoint",
            "oss.aliyuncs.com",
        ],
        &env,
    );
    assert_eq!(r.code, 0, "{r:?}");
    assert!(
        r.stdout
            .starts_with("https://sample-bucket.oss.aliyuncs.com/b.txt?OSSAccessKeyId="),
        "{r:?}"
    );
    assert!(
        r.stderr
            .contains("warning: no region known for https://oss.aliyuncs.com"),
        "{r:?}"
    );
}

#[test]
fn region_is_read_off_the_endpoint() {
    let world = World::new();
    let info = world.cloud.info.clone();
    let env = [
        ("OSS_ACCESS_KEY_ID", info.access_key_id.as_str()),
        ("OSS_ACCESS_KEY_SECRET", info.access_key_secret.as_str()),
    ];
    for (endpoint, region) in [
        ("oss-cn-beijing.aliyuncs.com", "cn-beijing"),
        ("oss-ap-southeast-1-internal.aliyuncs.com", "ap-southeast-1"),
        ("https://oss-eu-central-1.aliyuncs.com", "eu-central-1"),
    ] {
        // `oss sign` sends nothing, so real hosts are safe to name here.
        let r = world.run_env(
            &[
                "oss",
                "sign",
                "oss://sample-bucket/k.txt",
                "--endpoint",
                endpoint,
            ],
            &env,
        );
        assert_eq!(r.code, 0, "{r:?}");
        assert!(
            r.stdout
                .contains(&format!("%2F{region}%2Foss%2Faliyun_v4_request")),
            "{endpoint}: {r:?}"
        );
        assert!(
            r.stdout
                .contains("x-oss-signature-version=OSS4-HMAC-SHA256"),
            "{r:?}"
        );
        assert!(r.stderr.is_empty(), "{r:?}");
    }
    // An explicit --region wins over the endpoint.
    let r = world.run_env(
        &[
            "--region",
            "cn-shanghai",
            "oss",
            "sign",
            "oss://sample-bucket/k",
            "--endpoint",
            "oss-cn-beijing.aliyuncs.com",
        ],
        &env,
    );
    assert!(r.stdout.contains("%2Fcn-shanghai%2Foss%2F"), "{r:?}");
}

#[test]
fn forcing_a_version() {
    let world = World::new();
    let info = world.cloud.info.clone();
    let env = [
        ("OSS_ACCESS_KEY_ID", info.access_key_id.as_str()),
        ("OSS_ACCESS_KEY_SECRET", info.access_key_secret.as_str()),
    ];
    let ep = world.endpoint();
    // v4 forced with no region: refused before any request, with the fix.
    let before = world.total_requests();
    let r = world.run_env(
        &[
            "oss",
            "get",
            "oss://sample-bucket/x",
            "x",
            "--endpoint",
            &ep,
            "--sign-version",
            "v4",
        ],
        &env,
    );
    assert_eq!(r.code, 2, "{r:?}");
    assert!(
        r.stderr.contains("needs the region") && r.stderr.contains("--region"),
        "{r:?}"
    );
    assert_eq!(world.total_requests(), before);
    // v1 forced although the region is known.
    std::fs::write(world.path("c.txt"), b"c").unwrap();
    let r = world.run_env(
        &[
            "-v",
            "--region",
            "cn-hangzhou",
            "oss",
            "put",
            "c.txt",
            "oss://sample-bucket/c.txt",
            "--endpoint",
            &ep,
            "--sign-version",
            "v1",
        ],
        &env,
    );
    assert_eq!(r.code, 0, "{r:?}");
    assert!(
        r.stderr.contains("string to sign (OSS v1)") && !r.stderr.contains("warning"),
        "{r:?}"
    );
    // The profile key does the same; a bad value is named.
    world.configure_user();
    let r = world.run(&["oss", "config", "--endpoint", &ep, "--sign-version", "v1"]);
    assert_eq!(r.code, 0, "{r:?}");
    let r = world.run(&["-v", "oss", "get", "oss://sample-bucket/c.txt", "c2.txt"]);
    assert_eq!(r.code, 0, "{r:?}");
    assert!(r.stderr.contains("signing OSS v1"), "{r:?}");
    let text = std::fs::read_to_string(world.config_file())
        .unwrap()
        .replace("sign_version = \"v1\"", "sign_version = \"v9\"");
    std::fs::write(world.config_file(), text).unwrap();
    let r = world.run(&["oss", "get", "oss://sample-bucket/c.txt", "c3.txt"]);
    assert_eq!(r.code, 2, "{r:?}");
    assert!(r.stderr.contains("sign_version = \"v9\""), "{r:?}");
}

#[test]
fn awkward_keys_round_trip_under_both_versions() {
    let world = World::with_user();
    let keys = [
        "with space.txt",
        "plus+plus",
        "per%cent",
        "ques?tion",
        "ha#sh",
        "til~de",
        "文件.txt",
        ".hidden",
        "-dash",
        "a/b/../c",
        "semi;colon,comma",
        "*star*",
    ];
    for version in ["v1", "v4"] {
        for (i, key) in keys.iter().enumerate() {
            let body = format!("{version} {i} {key}");
            std::fs::write(world.path("in.bin"), &body).unwrap();
            let url = format!("oss://sample-bucket/{version}/{key}");
            let r = world.run(&["oss", "put", "in.bin", &url, "--sign-version", version]);
            assert_eq!(r.code, 0, "{version} {key}: {r:?}");
            let r = world.run(&["oss", "get", &url, "out.bin", "--sign-version", version]);
            assert_eq!(r.code, 0, "{version} {key}: {r:?}");
            assert_eq!(read(&world.path("out.bin")), body.as_bytes());
        }
    }
}

#[test]
fn wrong_secret_is_refused_under_v4() {
    let world = World::new();
    let ep = world.endpoint();
    let env = [
        ("OSS_ACCESS_KEY_ID", world.cloud.info.access_key_id.as_str()),
        ("OSS_ACCESS_KEY_SECRET", "not-the-secret"),
    ];
    let r = world.run_env(
        &[
            "--region",
            "cn-hangzhou",
            "oss",
            "get",
            "oss://sample-bucket/x",
            "x",
            "--endpoint",
            &ep,
        ],
        &env,
    );
    assert_eq!(r.code, 3, "{r:?}");
    assert!(r.stderr.contains("SignatureDoesNotMatch"), "{r:?}");
}

fn sign(world: &World, args: &[&str]) -> String {
    let r = world.run(args);
    assert_eq!(r.code, 0, "{r:?}");
    assert_eq!(r.stdout.lines().count(), 1, "{r:?}");
    r.stdout.trim().to_string()
}

#[test]
fn presigned_urls_work_without_any_signing_code() {
    let world = World::with_user();
    let http = reqwest::blocking::Client::new();
    for version in ["v1", "v4"] {
        let key = format!("oss://sample-bucket/presigned/{version} photo+1.jpg");
        // PUT through a URL, with the Content-Type it was signed for.
        let url = sign(
            &world,
            &[
                "oss",
                "sign",
                &key,
                "--method",
                "PUT",
                "--content-type",
                "image/jpeg",
                "--sign-version",
                version,
            ],
        );
        let put = http
            .put(&url)
            .header("Content-Type", "image/jpeg")
            .body(format!("bytes {version}"))
            .send()
            .unwrap();
        assert_eq!(
            put.status(),
            200,
            "{version}: {}",
            put.text().unwrap_or_default()
        );
        // The wrong Content-Type does not match the signature.
        let bad = http
            .put(&url)
            .header("Content-Type", "text/plain")
            .body("x")
            .send()
            .unwrap();
        assert_eq!(bad.status(), 403, "{version}");
        // GET through a URL.
        let url = sign(
            &world,
            &[
                "oss",
                "sign",
                &key,
                "--sign-version",
                version,
                "--expires",
                "60",
            ],
        );
        let get = http.get(&url).send().unwrap();
        assert_eq!(get.status(), 200, "{version}");
        assert_eq!(get.text().unwrap(), format!("bytes {version}"));
        // A URL for one key does not open another.
        let other = url.replace("photo%2B1.jpg", "photo%2B2.jpg");
        assert_ne!(other, url);
        assert_eq!(http.get(&other).send().unwrap().status(), 403, "{version}");
    }
}

#[test]
fn presigned_urls_carry_the_security_token() {
    let world = World::with_user();
    world.put_as_user("2015/01/01/t.jpg", b"token-bytes");
    let arn = world.cloud.info.role_arn.clone();
    let r = world.run(&[
        "sts",
        "assume-role",
        "--role-arn",
        &arn,
        "--role-session-name",
        "signer",
        "--policy",
        DOCS_POLICY,
        "--save-profile",
        "tmp",
    ]);
    assert_eq!(r.code, 0, "{r:?}");
    let http = reqwest::blocking::Client::new();
    for version in ["v1", "v4"] {
        let url = sign(
            &world,
            &[
                "--profile",
                "tmp",
                "oss",
                "sign",
                "oss://sample-bucket/2015/01/01/t.jpg",
                "--sign-version",
                version,
            ],
        );
        assert!(url.contains("security-token="), "{url}");
        let get = http.get(&url).send().unwrap();
        assert_eq!(get.status(), 200, "{version}");
        assert_eq!(get.bytes().unwrap().as_ref(), b"token-bytes");
        // The session policy still applies: a PUT URL is refused by OSS.
        let url = sign(
            &world,
            &[
                "--profile",
                "tmp",
                "oss",
                "sign",
                "oss://sample-bucket/2015/01/01/t.jpg",
                "--method",
                "put",
                "--sign-version",
                version,
            ],
        );
        let put = http.put(&url).body("x").send().unwrap();
        assert_eq!(put.status(), 403, "{version}");
        assert!(put.text().unwrap().contains("<Code>AccessDenied</Code>"));
    }
}

#[test]
fn expired_presigned_urls_are_refused() {
    let world = World::with_user();
    world.put_as_user("e.txt", b"e");
    let v1 = sign(
        &world,
        &[
            "oss",
            "sign",
            "oss://sample-bucket/e.txt",
            "--expires",
            "1",
            "--sign-version",
            "v1",
        ],
    );
    let v4 = sign(
        &world,
        &[
            "oss",
            "sign",
            "oss://sample-bucket/e.txt",
            "--expires",
            "1",
            "--sign-version",
            "v4",
        ],
    );
    std::thread::sleep(std::time::Duration::from_millis(2100));
    let http = reqwest::blocking::Client::new();
    for url in [v1, v4] {
        let r = http.get(&url).send().unwrap();
        assert_eq!(r.status(), 403);
        assert!(r.text().unwrap().contains("Request has expired"));
    }
}

#[test]
fn sign_refuses_bad_expiry_and_names() {
    let world = World::with_user();
    for (args, needle) in [
        (
            vec!["oss", "sign", "oss://sample-bucket/k", "--expires", "0"],
            "1 to 604800",
        ),
        (
            vec![
                "oss",
                "sign",
                "oss://sample-bucket/k",
                "--expires",
                "604801",
            ],
            "1 to 604800",
        ),
        (
            vec!["oss", "sign", "oss://sample-bucket/k", "--expires", "soon"],
            "1 to 604800",
        ),
        (vec!["oss", "sign", "oss://sample-bucket"], "no object key"),
    ] {
        let r = world.run(&args);
        assert_eq!(r.code, 2, "{args:?}: {r:?}");
        assert!(r.stderr.contains(needle), "{args:?}: {r:?}");
    }
    // The old spelling works too.
    let r = world.run(&[
        "oss",
        "SignUrl",
        "oss://sample-bucket/k",
        "--expires",
        "604800",
    ]);
    assert_eq!(r.code, 0, "{r:?}");
}

/// How many STS calls the local cloud verified with each signature version.
fn sts_signatures(world: &World) -> (u64, u64) {
    (
        world.count("sts-signature:v1"),
        world.count("sts-signature:v3"),
    )
}

#[test]
fn sts_v3_assume_role_and_caller_identity() {
    let world = World::new();
    world.configure_user();
    let info = world.cloud.info.clone();
    let r = world.run(&[
        "-v",
        "--sts-signature-version",
        "v3",
        "sts",
        "assume-role",
        "--role-arn",
        &info.role_arn,
        "--role-session-name",
        "v3-session",
        "--output",
        "json",
    ]);
    assert_eq!(r.code, 0, "{r:?}");
    assert_eq!(sts_signatures(&world), (0, 1), "{:?}", world.stats());
    assert!(r.stderr.contains("signing STS v3"), "{r:?}");
    assert!(
        r.stderr
            .contains("> canonical request (STS V3): \"POST\\n/\\n"),
        "{r:?}"
    );
    assert!(r.stderr.contains("x-acs-action:AssumeRole"), "{r:?}");
    assert!(
        r.stderr
            .contains("> string to sign (STS V3): \"ACS3-HMAC-SHA256\\n"),
        "{r:?}"
    );
    assert!(!r.stderr.contains(&info.access_key_secret), "{r:?}");
    let answer = r.json();
    let creds = &answer["Credentials"];
    let (id, secret, token) = (
        creds["AccessKeyId"].as_str().unwrap(),
        creds["AccessKeySecret"].as_str().unwrap(),
        creds["SecurityToken"].as_str().unwrap(),
    );

    let r = world.run(&[
        "--sts-signature-version",
        "v3",
        "sts",
        "get-caller-identity",
    ]);
    assert_eq!(r.code, 0, "{r:?}");
    assert!(
        r.json()["Arn"]
            .as_str()
            .unwrap()
            .ends_with(":user/appserver"),
        "{r:?}"
    );
    assert_eq!(sts_signatures(&world), (0, 2));

    // The temporary credentials sign V3 with their token in x-acs-security-token, which the
    // trace shows masked; neither the token nor the secret appears anywhere.
    let endpoint = world.endpoint();
    let r = world.run_env(
        &[
            "-v",
            "--sts-signature-version",
            "v3",
            "sts",
            "get-caller-identity",
            "--endpoint",
            &endpoint,
        ],
        &[
            ("ALIBABA_CLOUD_ACCESS_KEY_ID", id),
            ("ALIBABA_CLOUD_ACCESS_KEY_SECRET", secret),
            ("ALIBABA_CLOUD_SECURITY_TOKEN", token),
        ],
    );
    assert_eq!(r.code, 0, "{r:?}");
    assert!(
        r.json()["Arn"].as_str().unwrap().ends_with("/v3-session"),
        "{r:?}"
    );
    assert!(r.stderr.contains("x-acs-security-token:****"), "{r:?}");
    for secret in [secret, token] {
        assert!(
            !r.stderr.contains(secret) && !r.stdout.contains(secret),
            "{r:?}"
        );
    }
    assert_eq!(sts_signatures(&world), (0, 3));
}

#[test]
fn sts_signature_follows_flag_then_profile_then_v1() {
    let world = World::new();
    world.configure_user();
    let gci = |extra: &[&str]| {
        let mut args = extra.to_vec();
        args.extend(["sts", "get-caller-identity"]);
        let r = world.run(&args);
        assert_eq!(r.code, 0, "{args:?}: {r:?}");
    };
    gci(&[]);
    assert_eq!(sts_signatures(&world), (1, 0), "v1 by default");
    let r = world.run(&["configure", "set", "sts_signature_version", "v3"]);
    assert_eq!(r.code, 0, "{r:?}");
    let r = world.run(&["configure", "get", "sts_signature_version"]);
    assert_eq!(r.stdout.trim(), "v3", "{r:?}");
    gci(&[]);
    assert_eq!(sts_signatures(&world), (1, 1), "the profile key");
    gci(&["--sts-signature-version", "v1"]);
    assert_eq!(sts_signatures(&world), (2, 1), "the flag wins");
}

#[test]
fn sts_v3_with_a_wrong_secret_is_refused_as_credentials() {
    let world = World::new();
    let endpoint = world.endpoint();
    let r = world.run_env(
        &[
            "sts",
            "get-caller-identity",
            "--endpoint",
            &endpoint,
            "--sts-signature-version",
            "v3",
        ],
        &[
            (
                "ALIBABA_CLOUD_ACCESS_KEY_ID",
                &world.cloud.info.access_key_id,
            ),
            ("ALIBABA_CLOUD_ACCESS_KEY_SECRET", "not-the-right-secret"),
        ],
    );
    assert_eq!(r.code, 3, "{r:?}");
    assert!(r.stderr.contains("error: SignatureDoesNotMatch"), "{r:?}");
    assert!(r.stderr.contains("ACS3-HMAC-SHA256"), "{r:?}");
    assert!(r.stderr.contains("hint: "), "{r:?}");
    assert!(!r.stderr.contains("not-the-right-secret"), "{r:?}");
    assert_eq!(sts_signatures(&world), (0, 0));
}

#[test]
fn a_bad_sts_signature_version_is_refused_before_any_request() {
    let world = World::new();
    world.configure_user();
    let before = world.total_requests();
    let r = world.run(&[
        "--sts-signature-version",
        "v2",
        "sts",
        "get-caller-identity",
    ]);
    assert_eq!(r.code, 2, "{r:?}");
    assert!(r.stderr.contains("v1") && r.stderr.contains("v3"), "{r:?}");
    // `configure set` refuses it; a file edited by hand is refused when it is used.
    let r = world.run(&["configure", "set", "sts_signature_version", "v4"]);
    assert_eq!(r.code, 2, "{r:?}");
    set_by_hand(&world, "default", "sts_signature_version = \"v4\"");
    let r = world.run(&["sts", "get-caller-identity"]);
    assert_eq!(r.code, 2, "{r:?}");
    assert_eq!(
        r.stderr.trim(),
        "error: profile \"default\" has sts_signature_version = \"v4\"; use \"v1\" or \"v3\"",
        "{r:?}"
    );
    assert!(r.stdout.is_empty(), "{r:?}");
    // The flag overrides a bad profile value.
    let r = world.run(&[
        "--sts-signature-version",
        "v3",
        "sts",
        "get-caller-identity",
    ]);
    assert_eq!(r.code, 0, "{r:?}");
    assert_eq!(world.total_requests(), before + 2, "{:?}", world.stats());
}

/// The user's key in `default`, OSS at the local cloud, and role profile `ci` on top of it.
fn role_world() -> World {
    let world = World::with_user();
    let r = world.run(&[
        "sts",
        "assume-role",
        "--role-arn",
        &world.cloud.info.role_arn,
        "--role-session-name",
        "ci-job",
        "--save-profile",
        "ci",
    ]);
    assert_eq!(r.code, 0, "{r:?}");
    world.put_as_user("renew.txt", b"renewed");
    world
}

/// Sets `line` (`key = value`) in profile `name` of the world's file as an editor would, past
/// the checks of `configure set`.
fn set_by_hand(world: &World, name: &str, line: &str) {
    let text = std::fs::read_to_string(world.config_file()).unwrap();
    let mut file: toml::Table = toml::from_str(&text).unwrap();
    let (key, value) = line.split_once(" = ").unwrap();
    let value: toml::Value =
        toml::from_str::<toml::Table>(&format!("v = {value}")).unwrap()["v"].clone();
    file["profiles"][name]
        .as_table_mut()
        .unwrap()
        .insert(key.to_string(), value);
    std::fs::write(world.config_file(), toml::to_string(&file).unwrap()).unwrap();
}

/// `oss get` with profile `ci` after its credentials were made to look expired: one renewal.
fn get_after_expiry(world: &World, extra: &[&str]) -> crate::common::Run {
    let r = world.run(&[
        "configure",
        "set",
        "expiration",
        "2020-01-01T00:00:00Z",
        "--profile",
        "ci",
    ]);
    assert_eq!(r.code, 0, "{r:?}");
    let mut args = vec![
        "oss",
        "get",
        "oss://sample-bucket/renew.txt",
        "-",
        "--profile",
        "ci",
    ];
    args.extend_from_slice(extra);
    world.run(&args)
}

#[test]
fn a_role_profile_renews_with_the_chosen_sts_signature() {
    let world = role_world();
    let (v1, v3) = sts_signatures(&world);
    let renewals = world.count("sts:AssumeRole");

    let r = get_after_expiry(&world, &["--sts-signature-version", "v3"]);
    assert_eq!((r.code, r.stdout.as_str()), (0, "renewed"), "{r:?}");
    assert_eq!(world.count("sts:AssumeRole"), renewals + 1);
    assert_eq!(sts_signatures(&world), (v1, v3 + 1), "{:?}", world.stats());

    // The key of the source profile reaches the role profile down its source_profile chain.
    let r = world.run(&["configure", "set", "sts_signature_version", "v3"]);
    assert_eq!(r.code, 0, "{r:?}");
    let r = get_after_expiry(&world, &[]);
    assert_eq!(r.code, 0, "{r:?}");
    assert_eq!(sts_signatures(&world), (v1, v3 + 2), "{:?}", world.stats());

    // And the flag wins over it.
    let r = get_after_expiry(&world, &["--sts-signature-version", "v1"]);
    assert_eq!(r.code, 0, "{r:?}");
    assert_eq!(
        sts_signatures(&world),
        (v1 + 1, v3 + 2),
        "{:?}",
        world.stats()
    );
    assert_eq!(world.count("sts:AssumeRole"), renewals + 3);

    // A bad value stops the renewal before anything is sent.
    let r = world.run(&["configure", "set", "sts_signature_version", "3.0"]);
    assert_eq!(r.code, 2, "{r:?}");
    set_by_hand(&world, "default", "sts_signature_version = \"3.0\"");
    let before = world.total_requests();
    let r = get_after_expiry(&world, &[]);
    assert_eq!(r.code, 2, "{r:?}");
    assert!(r.stderr.contains("sts_signature_version"), "{r:?}");
    assert_eq!(world.total_requests(), before);
}
