//! Every command line of the old aliyuncli docs (../shared/seed-commands.md), run verbatim with only
//! the program name and the endpoint changed, against the local cloud.

use crate::common::{read, World, DOCS_POLICY};
use alicli_localcloud::CloudConfig;

const GRASS: &[u8] = b"\xFF\xD8\xFF\xE0 grass pixels \xFF\xD9";

/// The Chinese docs' account, 11223344, so their lines reach a role that exists.
fn docs_account_world() -> World {
    let world = World::with_config(CloudConfig {
        account_id: "11223344".into(),
        ..CloudConfig::default()
    });
    world.configure_user();
    world.put_as_user("2015/01/01/grass.jpg", GRASS);
    world.put_as_user("2015/01/02/other.jpg", GRASS);
    world
}

fn credentials(run: &crate::common::Run) -> (String, String, String) {
    let v = run.json();
    let c = &v["Credentials"];
    let s = |k: &str| {
        c[k].as_str()
            .unwrap_or_else(|| panic!("Credentials.{k} missing: {run:?}"))
            .to_string()
    };
    (s("AccessKeyId"), s("AccessKeySecret"), s("SecurityToken"))
}

#[test]
fn docs_assume_role_without_policy() {
    let world = docs_account_world();
    let r = world.run(&[
        "sts",
        "AssumeRole",
        "--RoleArn",
        "acs:ram::11223344:role/oss-readonly",
        "--RoleSessionName",
        "client-001",
    ]);
    assert_eq!(r.code, 0, "{r:?}");
    let v = r.json();
    assert_eq!(
        v["AssumedRoleUser"]["Arn"],
        "acs:ram::11223344:role/oss-readonly/client-001"
    );
    assert!(v["AssumedRoleUser"]["AssumedRoleId"]
        .as_str()
        .unwrap()
        .ends_with(":client-001"));
    assert!(v["Credentials"]["AccessKeyId"]
        .as_str()
        .unwrap()
        .starts_with("STS."));
    assert!(v["Credentials"]["Expiration"]
        .as_str()
        .unwrap()
        .ends_with('Z'));
    assert!(!v["RequestId"].as_str().unwrap().is_empty());
    // Keys as the API (and the docs) show them, no more.
    let keys: Vec<&String> = v.as_object().unwrap().keys().collect();
    assert_eq!(keys, ["AssumedRoleUser", "Credentials", "RequestId"]);
}

#[test]
fn docs_flow_with_policy_config_and_get() {
    let world = docs_account_world();
    let r = world.run(&[
        "sts",
        "AssumeRole",
        "--RoleArn",
        "acs:ram::11223344:role/oss-readonly",
        "--RoleSessionName",
        "client-002",
        "--Policy",
        DOCS_POLICY,
    ]);
    assert_eq!(r.code, 0, "{r:?}");
    let (id, secret, token) = credentials(&r);

    let r = world.run(&[
        "oss",
        "Config",
        "--host",
        &world.endpoint(),
        "--accessid",
        &id,
        "--accesskey",
        &secret,
        "--sts_token",
        &token,
    ]);
    assert_eq!(r.code, 0, "{r:?}");

    let r = world.run(&[
        "oss",
        "Get",
        "oss://sample-bucket/2015/01/01/grass.jpg",
        "grass.jpg",
    ]);
    assert_eq!(r.code, 0, "{r:?}");
    assert_eq!(read(&world.path("grass.jpg")), GRASS);

    // Without a destination the object's base name lands in the current folder.
    std::fs::remove_file(world.path("grass.jpg")).unwrap();
    let r = world.run(&["oss", "Get", "oss://sample-bucket/2015/01/01/grass.jpg"]);
    assert_eq!(r.code, 0, "{r:?}");
    assert_eq!(read(&world.path("grass.jpg")), GRASS);

    // The narrowed credentials may not upload, nor read outside 2015/01/01/*.jpg.
    let r = world.run(&[
        "oss",
        "Put",
        "grass.jpg",
        "oss://sample-bucket/2015/01/01/grass.jpg",
    ]);
    assert_eq!(r.code, 4, "{r:?}");
    assert!(r.stderr.contains("error: AccessDenied"), "{r:?}");
    assert!(
        r.stderr.contains("hint: ") && r.stderr.contains("session policy"),
        "{r:?}"
    );
    let r = world.run(&[
        "oss",
        "Get",
        "oss://sample-bucket/2015/01/02/other.jpg",
        "other.jpg",
    ]);
    assert_eq!(r.code, 4, "{r:?}");
    assert!(
        !world.path("other.jpg").exists(),
        "nothing written on a refused download"
    );
}

#[test]
fn docs_lines_with_masked_account_reach_the_service_and_explain() {
    let world = World::new();
    world.configure_user();
    for line in [
        vec![
            "sts",
            "AssumeRole",
            "--RoleArn",
            "acs:ram::123456789012****:role/oss-readonly",
            "--RoleSessionName",
            "client-001",
        ],
        vec![
            "sts",
            "AssumeRole",
            "--RoleArn",
            "acs:ram::123456789012****:role/oss-readonly",
            "--RoleSessionName",
            "client-002",
            "--Policy",
            DOCS_POLICY,
        ],
    ] {
        let before = world.stats().get("sts:AssumeRole").copied().unwrap_or(0);
        let r = world.run(&line);
        assert_eq!(r.code, 5, "{r:?}");
        assert!(r.stderr.contains("EntityNotExist.Role"), "{r:?}");
        assert!(
            r.stderr.contains("hint: ") && r.stderr.contains("replace it with your own account id"),
            "{r:?}"
        );
        assert_eq!(
            world.stats()["sts:AssumeRole"],
            before + 1,
            "the line reached the service"
        );
    }
}

#[test]
fn docs_oss_config_without_region_then_get() {
    // `--host oss.aliyuncs.com` in the docs names no region; here the host is the local cloud.
    let world = World::new();
    world.configure_user();
    world.put_as_user("2015/01/01/grass.jpg", GRASS);
    let r = world.run(&[
        "sts",
        "AssumeRole",
        "--RoleArn",
        &world.cloud.info.role_arn,
        "--RoleSessionName",
        "client-002",
        "--Policy",
        DOCS_POLICY,
    ]);
    assert_eq!(r.code, 0, "{r:?}");
    let (id, secret, token) = credentials(&r);
    let r = world.run(&[
        "oss",
        "Config",
        "--host",
        &world.endpoint(),
        "--accessid",
        &id,
        "--accesskey",
        &secret,
        "--sts_token",
        &token,
    ]);
    assert_eq!(r.code, 0, "{r:?}");
    let r = world.run(&[
        "oss",
        "Get",
        "oss://sample-bucket/2015/01/01/grass.jpg",
        "grass.jpg",
    ]);
    assert_eq!(r.code, 0, "{r:?}");
    assert_eq!(read(&world.path("grass.jpg")), GRASS);
}
