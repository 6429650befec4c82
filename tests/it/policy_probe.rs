//! `alicli policy probe` against the local cloud: the old docs' narrowed credentials show
//! GetObject allowed and everything else denied; full access shows everything allowed; and in
//! every case the bucket is left as it was, or the probe says what it could not remove.

use crate::common::{World, DOCS_POLICY};
use alicli::oss::SignVersion;
use alicli_localcloud::{CloudConfig, RoleConfig};
use serde_json::Value;

/// Every key in the seeded bucket.
fn keys(world: &World) -> Vec<String> {
    let listing = world
        .user_oss_client(
            SignVersion::V4 {
                region: world.cloud.info.region.clone(),
            },
            3,
        )
        .list_objects_v2(&world.cloud.info.bucket, "", "", None, 1000)
        .unwrap();
    listing.contents.into_iter().map(|o| o.key).collect()
}

fn pending_uploads(world: &World) -> u64 {
    let url = format!("{}/-/uploads", world.endpoint());
    let v: Value =
        serde_json::from_str(&reqwest::blocking::get(url).unwrap().text().unwrap()).unwrap();
    v["pending"].as_u64().unwrap()
}

/// Assumes `role` narrowed by `policy` and saves the credentials as profile `name`.
fn narrowed(world: &World, role: &str, policy: &str, name: &str) {
    let arn = format!("acs:ram::{}:role/{role}", world.cloud.info.account_id);
    let r = world.run(&[
        "sts",
        "assume-role",
        "--role-arn",
        &arn,
        "--role-session-name",
        "probe-test",
        "--policy",
        policy,
        "--save-profile",
        name,
    ]);
    assert_eq!(r.code, 0, "{r:?}");
}

/// Runs the probe with JSON output; returns the run and operation -> (result, detail, code, rid).
fn probe(world: &World, args: &[&str]) -> (crate::common::Run, Vec<(String, Value)>) {
    let ep = world.endpoint();
    let mut all: Vec<&str> = args.to_vec();
    all.extend(["--endpoint", &ep, "--output", "json"]);
    let r = world.run(&all);
    let steps = serde_json::from_str::<Value>(&r.stdout)
        .ok()
        .and_then(|v| v["steps"].as_array().cloned())
        .unwrap_or_default()
        .into_iter()
        .map(|s| (s["operation"].as_str().unwrap().to_string(), s))
        .collect();
    (r, steps)
}

fn result_of(steps: &[(String, Value)], operation: &str) -> String {
    let step = &steps
        .iter()
        .find(|(op, _)| op == operation)
        .unwrap_or_else(|| panic!("no {operation} step in {steps:?}"))
        .1;
    match step["detail"].as_str() {
        Some(d) if step["result"] == "allowed" => format!("allowed ({d})"),
        _ => step["result"].as_str().unwrap().to_string(),
    }
}

#[test]
fn docs_policy_allows_getobject_only() {
    let world = World::new();
    world.configure_user();
    world.put_as_user("2015/01/01/grass.jpg", b"grass");
    let before = keys(&world);
    narrowed(&world, "oss-readonly", DOCS_POLICY, "narrow");

    let (r, steps) = probe(
        &world,
        &[
            "--profile",
            "narrow",
            "policy",
            "probe",
            "oss://sample-bucket/2015/01/01/*.jpg",
        ],
    );
    assert_eq!(r.code, 0, "{r:?}");
    let got: Vec<(String, String)> = steps
        .iter()
        .map(|(op, _)| (op.clone(), result_of(&steps, op)))
        .collect();
    let expect = [
        ("PutObject", "denied"),
        ("HeadObject", "allowed (object absent)"),
        ("GetObject", "allowed (object absent)"),
        ("ListObjects", "denied"),
        ("InitiateMultipartUpload", "denied"),
        ("AbortMultipartUpload", "skipped"),
        ("DeleteObject", "denied"),
    ];
    let expect: Vec<(String, String)> = expect
        .iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect();
    assert_eq!(got, expect, "{r:?}");
    // Each denial carries OSS's code and request id.
    for (op, step) in &steps {
        if step["result"] == "denied" {
            assert_eq!(step["code"], "AccessDenied", "{op}");
            assert_eq!(step["request_id"].as_str().unwrap().len(), 24, "{op}");
        }
    }
    let v = r.json();
    let object = v["object"].as_str().unwrap();
    assert!(
        object.starts_with("oss://sample-bucket/2015/01/01/alicli-probe-")
            && object.ends_with(".jpg"),
        "{object}"
    );
    assert_eq!(v["left_behind"], serde_json::json!([]));
    assert!(
        r.stderr.contains(&format!("probe object: {object}")),
        "{r:?}"
    );

    // The requests really reached the local cloud, and nothing changed there.
    let stats = world.stats();
    for op in [
        "oss:PutObject",
        "oss:HeadObject",
        "oss:GetObject",
        "oss:ListObjects",
        "oss:InitiateMultipartUpload",
        "oss:DeleteObject",
    ] {
        assert!(stats.get(op).copied().unwrap_or(0) >= 1, "{op}: {stats:?}");
    }
    assert_eq!(keys(&world), before);
    assert_eq!(pending_uploads(&world), 0);

    // The same credentials on a name the policy does not cover: GetObject is denied too, which
    // is why the probe object's name can be given the policy's shape.
    let (r, steps) = probe(
        &world,
        &[
            "--profile",
            "narrow",
            "policy",
            "probe",
            "oss://sample-bucket/2015/01/01/",
        ],
    );
    assert_eq!(r.code, 0, "{r:?}");
    assert_eq!(result_of(&steps, "GetObject"), "denied");
    assert_eq!(result_of(&steps, "HeadObject"), "denied");
    let (_, steps) = probe(
        &world,
        &[
            "--profile",
            "narrow",
            "policy",
            "probe",
            "oss://sample-bucket/2015/01/01",
            "--suffix",
            ".jpg",
        ],
    );
    assert_eq!(result_of(&steps, "GetObject"), "allowed (object absent)");

    // The table: one row per operation, denials with code and request id.
    let ep = world.endpoint();
    let r = world.run(&[
        "--profile",
        "narrow",
        "policy",
        "probe",
        "oss://sample-bucket/2015/01/01/*.jpg",
        "--endpoint",
        &ep,
    ]);
    assert_eq!(r.code, 0, "{r:?}");
    let lines: Vec<&str> = r.stdout.lines().collect();
    assert!(
        lines[0].starts_with("OPERATION") && lines[0].ends_with("REQUEST ID"),
        "{r:?}"
    );
    assert!(
        lines[1].starts_with("PutObject")
            && lines[1].contains("denied")
            && lines[1].contains("AccessDenied"),
        "{r:?}"
    );
    assert!(
        lines[3].starts_with("GetObject") && lines[3].contains("allowed (object absent)"),
        "{r:?}"
    );
    assert_eq!(lines.len(), 8, "{r:?}");
    assert_eq!(keys(&world), before);
}

#[test]
fn full_access_is_allowed_everything_and_cleans_up() {
    let world = World::new();
    world.configure_user();
    world.put_as_user("logs/existing.txt", b"keep me");
    let before = keys(&world);
    let (r, steps) = probe(&world, &["policy", "probe", "oss://sample-bucket/logs/"]);
    assert_eq!(r.code, 0, "{r:?}");
    for (op, step) in &steps {
        assert_eq!(step["result"], "allowed", "{op}: {r:?}");
    }
    assert_eq!(steps.len(), 7, "{r:?}");
    assert_eq!(
        keys(&world),
        before,
        "the probe object is gone, the rest untouched"
    );
    assert_eq!(pending_uploads(&world), 0, "the upload was aborted");
    let got = world
        .user_oss_client(
            SignVersion::V4 {
                region: world.cloud.info.region.clone(),
            },
            3,
        )
        .get_object("sample-bucket", "logs/existing.txt")
        .unwrap()
        .bytes()
        .unwrap();
    assert_eq!(got.as_ref(), b"keep me");
}

#[test]
fn what_cannot_be_removed_is_reported() {
    let world = World::with_config(CloudConfig {
        roles: vec![RoleConfig {
            name: "uploader".into(),
            policies: vec!["AliyunOSSFullAccess".into()],
            trust_policy: None,
            max_session_duration: 3600,
        }],
        ..CloudConfig::default()
    });
    world.configure_user();
    let before = keys(&world);
    // May write and read under uploads/, but neither delete nor abort.
    let policy = r#"{"Version":"1","Statement":[{"Effect":"Allow","Action":["oss:PutObject","oss:GetObject"],"Resource":"acs:oss:*:*:sample-bucket/uploads/*"}]}"#;
    narrowed(&world, "uploader", policy, "writer");
    let (r, steps) = probe(
        &world,
        &[
            "--profile",
            "writer",
            "policy",
            "probe",
            "oss://sample-bucket/uploads/",
        ],
    );
    assert_eq!(r.code, 1, "{r:?}");
    assert_eq!(result_of(&steps, "PutObject"), "allowed");
    assert_eq!(result_of(&steps, "GetObject"), "allowed");
    assert_eq!(result_of(&steps, "InitiateMultipartUpload"), "allowed");
    assert_eq!(result_of(&steps, "AbortMultipartUpload"), "denied");
    assert_eq!(result_of(&steps, "DeleteObject"), "denied");
    let v = r.json();
    let left = v["left_behind"].as_array().unwrap();
    assert_eq!(left.len(), 2, "{r:?}");
    assert!(
        r.stderr.contains("could not be aborted") && r.stderr.contains("could not be deleted"),
        "{r:?}"
    );
    assert!(
        r.stderr
            .contains("error: the probe could not remove everything it created"),
        "{r:?}"
    );
    // Exactly the probe's own object and upload are left; clean them up as the user.
    let after = keys(&world);
    let extra: Vec<&String> = after.iter().filter(|k| !before.contains(k)).collect();
    assert_eq!(extra.len(), 1, "{after:?}");
    assert!(extra[0].starts_with("uploads/alicli-probe-"), "{extra:?}");
    assert_eq!(pending_uploads(&world), 1);
    world
        .user_oss_client(
            SignVersion::V4 {
                region: world.cloud.info.region.clone(),
            },
            3,
        )
        .delete_object("sample-bucket", extra[0])
        .unwrap();
}

#[test]
fn probe_stops_on_problems_that_are_not_policy() {
    let world = World::new();
    world.configure_user();
    let ep = world.endpoint();

    // Rejected credentials: exit 3, no matrix.
    let r = world.run_env(
        &[
            "policy",
            "probe",
            "oss://sample-bucket/x/",
            "--endpoint",
            &ep,
        ],
        &[
            ("OSS_ACCESS_KEY_ID", "LTAIunknownkey"),
            ("OSS_ACCESS_KEY_SECRET", "whatever-secret"),
        ],
    );
    assert_eq!(r.code, 3, "{r:?}");
    assert!(r.stdout.is_empty(), "{r:?}");
    assert!(r.stderr.contains("InvalidAccessKeyId"), "{r:?}");

    // A bucket that does not exist: exit 5.
    let r = world.run(&[
        "policy",
        "probe",
        "oss://no-such-bucket/x/",
        "--endpoint",
        &ep,
    ]);
    assert_eq!(r.code, 5, "{r:?}");
    assert!(r.stdout.is_empty(), "{r:?}");

    // Bad targets: exit 2 before any request.
    let before = world.total_requests();
    for target in ["sample-bucket/x", "oss://sample-bucket/*/*", "oss://Bad/"] {
        let r = world.run(&["policy", "probe", target, "--endpoint", &ep]);
        assert_eq!(r.code, 2, "{target}: {r:?}");
        assert_eq!(r.stderr.lines().count(), 1, "{target}: {r:?}");
    }
    assert_eq!(world.total_requests(), before);
}
