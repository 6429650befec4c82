//! `oss ls` and `oss stat` against the local cloud: folders as `PRE` lines, recursive listings,
//! listings over several pages, keys no XML could carry raw, totals and human sizes, stat of an
//! object with metadata, and the exit codes of what is missing or denied. The account's bucket
//! list, which the local cloud does not serve, is checked against a scripted server.

use std::collections::BTreeSet;

use alicli::oss::client::Payload;
use alicli::oss::SignVersion;

use crate::common::scripted::{answer, Scripted};
use crate::common::{clean_command, to_run, World, DOCS_POLICY};

const BUCKET: &str = "sample-bucket";

/// Puts objects through the library client (faster than one `alicli oss put` each), with the
/// extra headers given (user metadata, Content-Type).
fn put_all(world: &World, objects: &[(&str, &[u8])], headers: &[(&str, &str)]) {
    let client = world.user_oss_client(SignVersion::V1, 0);
    for (key, data) in objects {
        let headers = headers
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        client
            .send(
                reqwest::Method::PUT,
                BUCKET,
                key,
                &[],
                headers,
                Some(Payload::from(data.to_vec())),
            )
            .unwrap_or_else(|e| panic!("put {key:?}: {e:#}"));
    }
}

fn ls(world: &World, args: &[&str]) -> crate::common::Run {
    let mut all = vec!["oss", "ls"];
    all.extend_from_slice(args);
    let r = world.run(&all);
    assert_eq!(r.code, 0, "{r:?}");
    r
}

/// The name column of text lines: what follows the date and size columns.
fn names(stdout: &str) -> Vec<String> {
    stdout
        .lines()
        .map(|l| {
            l.get(31..)
                .unwrap_or_else(|| panic!("short line {l:?}"))
                .to_string()
        })
        .collect()
}

/// Every JSON line of stdout.
fn json_lines(stdout: &str) -> Vec<serde_json::Value> {
    stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l:?}")))
        .collect()
}

fn tree(world: &World) {
    put_all(
        world,
        &[
            ("a.txt", b"12345"),
            ("dir/b.txt", b"b"),
            ("dir/sub/c.txt", b"c"),
            ("dir2/d", b"d"),
            ("zeta", b""),
        ],
        &[],
    );
}

#[test]
fn one_level_with_folders_as_pre_lines() {
    let world = World::with_user();
    tree(&world);
    let r = ls(&world, &["oss://sample-bucket"]);
    assert_eq!(
        names(&r.stdout),
        ["a.txt", "dir/", "dir2/", "zeta"],
        "{r:?}"
    );
    let lines: Vec<&str> = r.stdout.lines().collect();
    assert_eq!(lines[1], format!("{:19}        PRE dir/", ""), "{r:?}");
    // The object line: a local date, the size right-aligned, the name.
    chrono::NaiveDateTime::parse_from_str(&lines[0][..19], "%Y-%m-%d %H:%M:%S")
        .unwrap_or_else(|e| panic!("{e}: {:?}", lines[0]));
    assert_eq!(&lines[0][19..], "          5 a.txt", "{r:?}");

    // Inside a folder, names are relative to it.
    let r = ls(&world, &["oss://sample-bucket/dir/"]);
    assert_eq!(names(&r.stdout), ["b.txt", "sub/"], "{r:?}");
    assert!(r.stdout.contains("PRE sub/"), "{r:?}");
    // A prefix that is not a folder lists what starts with it.
    let r = ls(&world, &["oss://sample-bucket/di"]);
    assert_eq!(names(&r.stdout), ["dir/", "dir2/"], "{r:?}");
    let r = ls(&world, &["oss://sample-bucket/dir/s"]);
    assert_eq!(names(&r.stdout), ["sub/"], "{r:?}");
    assert_eq!(world.count("oss:ListObjects"), 4);
}

#[test]
fn recursive_lists_every_key_below_the_prefix() {
    let world = World::with_user();
    tree(&world);
    let r = ls(&world, &["oss://sample-bucket/", "-r"]);
    assert_eq!(
        names(&r.stdout),
        ["a.txt", "dir/b.txt", "dir/sub/c.txt", "dir2/d", "zeta"],
        "{r:?}"
    );
    let r = ls(&world, &["oss://sample-bucket/dir/", "--recursive"]);
    assert_eq!(names(&r.stdout), ["dir/b.txt", "dir/sub/c.txt"], "{r:?}");
    let r = ls(
        &world,
        &["oss://sample-bucket/dir/", "-r", "--output", "json"],
    );
    let rows = json_lines(&r.stdout);
    assert_eq!(rows.len(), 2, "{r:?}");
    assert_eq!(rows[0]["key"], "dir/b.txt");
    assert_eq!(rows[0]["size"], 1);
    assert_eq!(rows[0]["type"], "object");
    assert_eq!(rows[0]["storage_class"], "Standard");
    assert!(
        rows[0]["etag"]
            .as_str()
            .is_some_and(|e| !e.is_empty() && !e.contains('"')),
        "{r:?}"
    );
    assert!(rows[0]["last_modified"].as_str().unwrap().ends_with('Z'));
    let r = ls(&world, &["oss://sample-bucket", "--output", "json"]);
    let prefixes: Vec<serde_json::Value> = json_lines(&r.stdout)
        .into_iter()
        .filter(|v| v["type"] == "prefix")
        .collect();
    assert_eq!(prefixes.len(), 2, "{r:?}");
    assert_eq!(prefixes[0]["key"], "dir/");
}

#[test]
fn listings_longer_than_a_page_are_followed_to_the_end() {
    let world = World::with_user();
    let keys: Vec<String> = (0..1200).map(|i| format!("many/k{i:04}")).collect();
    let objects: Vec<(&str, &[u8])> = keys.iter().map(|k| (k.as_str(), &b"x"[..])).collect();
    put_all(&world, &objects, &[]);
    let before = world.count("oss:ListObjects");
    let r = ls(
        &world,
        &[
            "oss://sample-bucket/many/",
            "--output",
            "json",
            "--summarize",
        ],
    );
    assert_eq!(world.count("oss:ListObjects") - before, 2, "pages of 1000");
    let rows = json_lines(&r.stdout);
    let listed: Vec<&str> = rows
        .iter()
        .filter(|v| v["type"] == "object")
        .map(|v| v["key"].as_str().unwrap())
        .collect();
    assert_eq!(listed, keys.iter().map(String::as_str).collect::<Vec<_>>());
    let summary = rows.last().unwrap();
    assert_eq!(summary["type"], "summary");
    assert_eq!(summary["objects"], 1200);
    assert_eq!(summary["size"], 1200);
    // One level of a tree whose page boundary falls among folders.
    let r = ls(&world, &["oss://sample-bucket", "--summarize"]);
    assert!(
        r.stdout
            .starts_with(&format!("{:19}        PRE many/\n", "")),
        "{r:?}"
    );
    assert!(r.stdout.contains("Total Objects: 0"), "{r:?}");
}

#[test]
fn awkward_keys_survive_escaped_in_text_and_exact_in_json() {
    let world = World::with_user();
    let keys = [
        "with space.txt",
        "unicode/文件 ü.txt",
        "hash#1",
        "query?x=1&y",
        "percent%41%zz",
        "plus+sign",
        "new\nline",
        "carriage\rreturn",
        "esc\x1b]0;pwned\x07",
        "tab\tin",
    ];
    let objects: Vec<(&str, &[u8])> = keys.iter().map(|k| (*k, &b"z"[..])).collect();
    put_all(&world, &objects, &[]);
    let r = ls(&world, &["oss://sample-bucket", "-r", "--output", "json"]);
    let listed: BTreeSet<String> = json_lines(&r.stdout)
        .iter()
        .map(|v| v["key"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(
        listed,
        keys.iter().map(|k| k.to_string()).collect(),
        "{r:?}"
    );

    let r = ls(&world, &["oss://sample-bucket", "-r"]);
    assert_eq!(
        r.stdout.lines().count(),
        keys.len(),
        "one line per key: {r:?}"
    );
    assert!(
        !r.stdout.contains('\x1b') && !r.stdout.contains('\r'),
        "{r:?}"
    );
    let shown: BTreeSet<String> = names(&r.stdout).into_iter().collect();
    for expected in [
        "with space.txt",
        "unicode/文件 ü.txt",
        "hash#1",
        "query?x=1&y",
        "percent%41%zz",
        "plus+sign",
        "new\\nline",
        "carriage\\rreturn",
        "esc\\x1b]0;pwned\\x07",
        "tab\tin",
    ] {
        assert!(shown.contains(expected), "{expected:?} not in {shown:?}");
    }
    // One level: the folder holding a unicode name rolls up, and its listing is relative.
    let r = ls(&world, &["oss://sample-bucket/unicode/"]);
    assert_eq!(names(&r.stdout), ["文件 ü.txt"], "{r:?}");
}

#[test]
fn summarize_and_human_sizes() {
    let world = World::with_user();
    put_all(
        &world,
        &[("s/big", &[7u8; 1536][..]), ("s/small", b"0123456789")],
        &[],
    );
    let r = ls(&world, &["oss://sample-bucket/s/", "--summarize"]);
    assert!(r.stdout.contains("       1536 big\n"), "{r:?}");
    assert!(
        r.stdout
            .ends_with("\nTotal Objects: 2\n   Total Size: 1546\n"),
        "{r:?}"
    );
    let r = ls(&world, &["oss://sample-bucket/s/", "--summarize", "-H"]);
    assert!(r.stdout.contains("    1.5 KiB big\n"), "{r:?}");
    assert!(r.stdout.contains("       10 B small\n"), "{r:?}");
    assert!(r.stdout.ends_with("   Total Size: 1.5 KiB\n"), "{r:?}");
    let r = ls(&world, &["oss://sample-bucket/s/"]);
    assert!(!r.stdout.contains("Total"), "{r:?}");
}

#[test]
fn stat_shows_sizes_checksums_and_metadata() {
    let world = World::with_user();
    put_all(
        &world,
        &[("docs/report.csv", b"a,b\n1,2\n")],
        &[
            ("Content-Type", "text/csv"),
            ("Cache-Control", "no-cache"),
            ("x-oss-meta-author", "alice"),
            ("x-oss-meta-Project", "tree"),
        ],
    );
    let client = world.user_oss_client(SignVersion::V1, 0);
    let head = client.head_object(BUCKET, "docs/report.csv").unwrap();
    let crc = alicli::oss::client::header(&head, "x-oss-hash-crc64ecma").unwrap();
    let etag = alicli::oss::client::header(&head, "etag").unwrap();

    let r = world.run(&["oss", "stat", "oss://sample-bucket/docs/report.csv"]);
    assert_eq!(r.code, 0, "{r:?}");
    let value = |name: &str| {
        r.stdout
            .lines()
            .find_map(|l| l.strip_prefix(&format!("{name}:")))
            .map(|v| v.trim_start().to_string())
            .unwrap_or_else(|| panic!("no {name} in {r:?}"))
    };
    assert_eq!(value("Object"), "oss://sample-bucket/docs/report.csv");
    assert_eq!(value("Size"), "8");
    assert_eq!(value("CRC-64"), crc);
    assert_eq!(value("ETag"), etag.trim_matches('"'));
    assert_eq!(value("Content-Type"), "text/csv");
    assert_eq!(value("Cache-Control"), "no-cache");
    assert_eq!(value("Object-Type"), "Normal");
    assert_eq!(value("x-oss-meta-author"), "alice");
    assert_eq!(value("x-oss-meta-project"), "tree");
    // Aligned: every value starts in the same column.
    let columns: BTreeSet<usize> = r
        .stdout
        .lines()
        .map(|l| {
            let after = &l[l.find(':').unwrap() + 1..];
            l.len() - after.trim_start().len()
        })
        .collect();
    assert_eq!(columns.len(), 1, "{r:?}");

    let r = world.run(&[
        "oss",
        "stat",
        "oss://sample-bucket/docs/report.csv",
        "--output",
        "json",
    ]);
    assert_eq!(r.code, 0, "{r:?}");
    let v = r.json();
    assert_eq!(v["key"], "docs/report.csv");
    assert_eq!(v["size"], 8);
    assert_eq!(v["crc64"], crc.as_str());
    assert_eq!(v["metadata"]["author"], "alice");
    assert_eq!(v["metadata"]["project"], "tree");
    assert_eq!(v["version_id"], serde_json::Value::Null);
    assert!(
        v["last_modified"].as_str().unwrap().ends_with(".000Z"),
        "{v}"
    );
    assert_eq!(world.count("oss:HeadObject"), 3);
}

#[test]
fn missing_objects_and_buckets_are_exit_5() {
    let world = World::with_user();
    let r = world.run(&["oss", "stat", "oss://sample-bucket/no-such-key"]);
    assert_eq!(r.code, 5, "{r:?}");
    assert!(r.stderr.starts_with("error: NoSuchKey"), "{r:?}");
    assert!(r.stdout.is_empty(), "{r:?}");
    for args in [
        &["oss", "ls", "oss://no-such-bucket"][..],
        &["oss", "stat", "oss://no-such-bucket/k"],
    ] {
        let r = world.run(args);
        assert_eq!(r.code, 5, "{args:?}: {r:?}");
        assert!(r.stderr.contains("NoSuchBucket"), "{r:?}");
    }
    // An empty prefix is an empty listing, not an error.
    let r = ls(&world, &["oss://sample-bucket/nothing-here/"]);
    assert!(r.stdout.is_empty(), "{r:?}");
}

#[test]
fn a_session_policy_that_does_not_allow_listing_is_exit_4() {
    let world = World::with_user();
    put_all(
        &world,
        &[("2015/01/01/grass.jpg", b"jpg"), ("notes.txt", b"t")],
        &[],
    );
    let r = world.run(&[
        "sts",
        "assume-role",
        "--role-arn",
        &world.cloud.info.role_arn,
        "--role-session-name",
        "narrow",
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
        "ls",
        "oss://sample-bucket/2015/",
    ]);
    assert_eq!(r.code, 4, "{r:?}");
    assert!(r.stderr.starts_with("error: AccessDenied"), "{r:?}");
    // HeadObject is checked as GetObject: allowed on the policy's *.jpg, denied elsewhere.
    let r = world.run(&[
        "--profile",
        "narrow",
        "oss",
        "stat",
        "oss://sample-bucket/notes.txt",
    ]);
    assert_eq!(r.code, 4, "{r:?}");
    let r = world.run(&[
        "--profile",
        "narrow",
        "oss",
        "stat",
        "oss://sample-bucket/2015/01/01/grass.jpg",
    ]);
    assert_eq!(r.code, 0, "{r:?}");
}

/// ListBuckets over two pages, from a scripted server (the local cloud has no service-level
/// operations): the marker is followed, names are escaped in text and exact in JSON.
#[test]
fn bucket_list_follows_markers() {
    let server = Scripted::start(|hit| {
        let body = if hit.uri.contains("marker=b-2") {
            "<ListAllMyBucketsResult><IsTruncated>false</IsTruncated><Buckets>\
             <Bucket><CreationDate>2024-05-01T00:00:00.000Z</CreationDate><Location>oss-cn-beijing</Location><Name>evil&#27;]0;x&#7;</Name></Bucket>\
             </Buckets></ListAllMyBucketsResult>"
        } else {
            "<ListAllMyBucketsResult><IsTruncated>true</IsTruncated><NextMarker>b-2</NextMarker><Buckets>\
             <Bucket><CreationDate>2014-02-17T18:12:43.000Z</CreationDate><Location>oss-cn-hangzhou</Location><Name>b-1</Name><Region>cn-hangzhou</Region></Bucket>\
             <Bucket><CreationDate>2014-02-25T11:21:04.000Z</CreationDate><Location>oss-cn-shanghai</Location><Name>b-2</Name></Bucket>\
             </Buckets></ListAllMyBucketsResult>"
        };
        answer(200, &[("Content-Type", "application/xml".into())], body)
    });
    let dir = tempfile::tempdir().unwrap();
    let run = |extra: &[&str]| {
        let mut args = vec!["oss", "ls", "--endpoint"];
        let url = server.url();
        args.push(&url);
        args.extend_from_slice(extra);
        let mut cmd = clean_command(dir.path(), &args);
        cmd.env("OSS_ACCESS_KEY_ID", "LTAIexample")
            .env("OSS_ACCESS_KEY_SECRET", "secret")
            .env("OSS_REGION", "cn-hangzhou");
        to_run(cmd.output().unwrap())
    };
    let r = run(&["--summarize"]);
    assert_eq!(r.code, 0, "{r:?}");
    let lines: Vec<&str> = r.stdout.lines().collect();
    assert!(lines[0].ends_with(" oss-cn-hangzhou      b-1"), "{r:?}");
    assert!(lines[2].ends_with("evil\\x1b]0;x\\x07"), "{r:?}");
    assert!(!r.stdout.contains('\x1b'), "{r:?}");
    assert!(r.stdout.ends_with("\nTotal Buckets: 3\n"), "{r:?}");
    let hits = server.hits();
    assert_eq!(hits.len(), 2);
    assert!(
        hits.iter()
            .all(|h| h.method == "GET" && h.uri.starts_with("/?")),
        "{hits:?}"
    );
    assert!(hits[0].header("authorization").is_some());
    assert!(hits[1].uri.contains("marker=b-2"), "{hits:?}");

    let r = run(&["--output", "json"]);
    assert_eq!(r.code, 0, "{r:?}");
    let rows = json_lines(&r.stdout);
    assert_eq!(rows.len(), 3);
    assert_eq!(rows[0]["name"], "b-1");
    assert_eq!(rows[0]["type"], "bucket");
    assert_eq!(rows[1]["region"], "cn-shanghai");
    assert_eq!(rows[2]["name"], "evil\x1b]0;x\x07");
    assert_eq!(rows[2]["created"], "2024-05-01T00:00:00.000Z");
}

/// A server that says every page is truncated and points back at the same place is refused,
/// not followed forever.
#[test]
fn a_listing_that_goes_round_in_circles_is_refused() {
    let server = Scripted::start(|_| {
        answer(
            200,
            &[("Content-Type", "application/xml".into())],
            "<ListBucketResult><Name>b-1</Name><IsTruncated>true</IsTruncated><NextContinuationToken>same</NextContinuationToken>\
             <Contents><Key>k</Key><Size>1</Size></Contents></ListBucketResult>",
        )
    });
    let dir = tempfile::tempdir().unwrap();
    let url = server.url();
    let mut cmd = clean_command(dir.path(), &["oss", "ls", "oss://b-1", "--endpoint", &url]);
    cmd.env("OSS_ACCESS_KEY_ID", "LTAIexample")
        .env("OSS_ACCESS_KEY_SECRET", "secret")
        .env("OSS_REGION", "cn-hangzhou");
    let r = to_run(cmd.output().unwrap());
    assert_eq!(r.code, 6, "an answer that cannot be used: {r:?}");
    assert!(r.stderr.contains("no new place to continue"), "{r:?}");
    assert_eq!(
        server.hits().len(),
        2,
        "the first page, then the same token once"
    );
}

#[test]
fn the_local_cloud_lists_its_buckets_and_asks_for_the_right() {
    let mut config = alicli_localcloud::CloudConfig::default();
    config.buckets.push("far-away@cn-beijing".into());
    let world = World::with_config(config);
    world.configure_user();
    let ep = world.endpoint();
    let r = ls(
        &world,
        &[
            "--endpoint",
            &ep,
            "--region",
            "cn-hangzhou",
            "--output",
            "json",
        ],
    );
    let listed = json_lines(&r.stdout);
    let names: Vec<&str> = listed.iter().map(|b| b["name"].as_str().unwrap()).collect();
    assert_eq!(names, ["far-away", "sample-bucket"], "{r:?}");
    assert_eq!(listed[0]["region"], "cn-beijing");
    assert_eq!(world.count("oss:ListBuckets"), 1);
    // A role that may only read objects may not list the buckets: exit 4.
    let r = world.run(&["sts", "assume-role", "--role-arn", &world.cloud.info.role_arn,
        "--role-session-name", "no-list", "--policy",
        r#"{"Version":"1","Statement":[{"Effect":"Allow","Action":"oss:GetObject","Resource":"*"}]}"#,
        "--save-profile", "narrow"]);
    assert_eq!(r.code, 0, "{r:?}");
    let r = world.run(&[
        "oss",
        "ls",
        "--endpoint",
        &ep,
        "--region",
        "cn-hangzhou",
        "--profile",
        "narrow",
    ]);
    assert_eq!(r.code, 4, "{r:?}");
}
