//! Signature versions end to end: v4 by default whenever the region is known, v1 with a warning
//! when it is not, forcing either, and presigned URLs used by a client that knows nothing of
//! signing.

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
