//! Trees against the local cloud: `cp -r` up and down compared byte for byte (nested folders,
//! empty files, a multipart file, awkward names), `sync` (a second run sends nothing,
//! `--checksum` finds a same-size same-time change, `--delete`, `--dry-run` sends no write),
//! filters, `rm -r` in batches, OSS → OSS copies that move no bytes through the client, a
//! session policy that denies one folder (exit 7, the rest done), keys that would land outside
//! DEST (refused, nothing written outside), JSON lines, and the put/get/cp flags on objects.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use alicli::oss::client::Payload;
use alicli::oss::SignVersion;
use alicli_localcloud::{CloudConfig, RoleConfig};

use crate::common::{pattern, World};

const BUCKET: &str = "sample-bucket";

/// Every file under `root`, by its `/`-separated relative path, with its bytes.
fn files(root: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut found = BTreeMap::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let entry = entry.unwrap();
            let path = entry.path();
            if entry.file_type().unwrap().is_dir() {
                stack.push(path);
            } else {
                let rel = path.strip_prefix(root).unwrap().to_string_lossy();
                found.insert(rel.replace('\\', "/"), std::fs::read(&path).unwrap());
            }
        }
    }
    found
}

/// Writes `tree` (relative path → bytes) under `root`.
fn write_tree(root: &Path, tree: &[(&str, Vec<u8>)]) {
    for (rel, data) in tree {
        let path = root.join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, data).unwrap();
    }
}

/// A tree with nested folders, an empty file, a file above the 1 MiB threshold the tests use,
/// and names with spaces, unicode, `#`, `?`, `%` and `+`.
fn awkward_tree() -> Vec<(&'static str, Vec<u8>)> {
    vec![
        ("index.html", b"<html></html>".to_vec()),
        ("a/b/c/deep.txt", b"deep".to_vec()),
        ("a/empty.bin", Vec::new()),
        ("a/b/big.bin", pattern(3 * 1024 * 1024 + 17, 7)),
        ("sp ace/ünïcødé 文件.txt", b"unicode".to_vec()),
        ("odd/hash#.txt", b"#".to_vec()),
        ("odd/what?.txt", b"?".to_vec()),
        ("odd/100%25.txt", b"%".to_vec()),
        ("odd/a+b.txt", b"+".to_vec()),
        ("data.json", b"{}".to_vec()),
    ]
}

const SMALL_PARTS: &[&str] = &["--multipart-threshold", "1M", "--part-size", "1M"];

fn run_ok(world: &World, args: &[&str]) -> crate::common::Run {
    let r = world.run(args);
    assert_eq!(r.code, 0, "{args:?}: {r:?}");
    r
}

fn args<'a>(base: &[&'a str], extra: &[&'a str]) -> Vec<&'a str> {
    let mut all = base.to_vec();
    all.extend_from_slice(extra);
    all
}

fn json_lines(stdout: &str) -> Vec<serde_json::Value> {
    stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l:?}")))
        .collect()
}

/// Every key under `prefix`, listed by the library client (not by the code under test).
fn keys(world: &World, bucket: &str, prefix: &str) -> Vec<String> {
    let client = world.user_oss_client(
        SignVersion::V4 {
            region: "cn-hangzhou".into(),
        },
        0,
    );
    let mut keys = Vec::new();
    let mut token: Option<String> = None;
    loop {
        let page = client
            .list_objects_v2_decoded(bucket, prefix, "", token.as_deref(), 1000)
            .unwrap();
        keys.extend(page.contents.into_iter().map(|o| o.key));
        if !page.is_truncated {
            return keys;
        }
        token = Some(page.next_continuation_token);
    }
}

fn put_raw(world: &World, bucket: &str, key: &str, data: &[u8], headers: Vec<(String, String)>) {
    world
        .user_oss_client(SignVersion::V1, 0)
        .send(
            reqwest::Method::PUT,
            bucket,
            key,
            &[],
            headers,
            Some(Payload::from(data.to_vec())),
        )
        .unwrap_or_else(|e| panic!("put {key:?}: {e:#}"));
}

#[test]
fn cp_r_up_and_down_round_trips_every_byte() {
    let world = World::with_user();
    let src = world.path("site");
    let tree = awkward_tree();
    write_tree(&src, &tree);
    let up = run_ok(
        &world,
        &args(
            &["oss", "cp", "-r", "site", "oss://sample-bucket/www/"],
            SMALL_PARTS,
        ),
    );
    // Not a terminal: one line per object on stderr, and a summary.
    assert_eq!(up.stderr.matches("upload: ").count(), tree.len(), "{up:?}");
    assert!(up.stderr.contains("copied 10 objects"), "{up:?}");
    assert!(world.count("oss:UploadPart") >= 4, "{:?}", world.stats());
    let mut listed = keys(&world, BUCKET, "www/");
    listed.sort();
    let mut want: Vec<String> = tree.iter().map(|(k, _)| format!("www/{k}")).collect();
    want.sort();
    assert_eq!(listed, want);
    // Content types are guessed per key; the file's time is kept as x-oss-meta-mtime.
    let stat = run_ok(
        &world,
        &[
            "oss",
            "stat",
            "oss://sample-bucket/www/index.html",
            "--output",
            "json",
        ],
    )
    .json();
    assert_eq!(stat["content_type"], "text/html", "{stat}");
    assert!(
        stat["metadata"]["mtime"]
            .as_str()
            .is_some_and(|m| m.contains('.')),
        "{stat}"
    );
    // Down again, into a folder that does not exist yet: the same bytes.
    let down = run_ok(
        &world,
        &args(
            &["oss", "cp", "-r", "oss://sample-bucket/www", "copy"],
            SMALL_PARTS,
        ),
    );
    assert_eq!(
        down.stderr.matches("download: ").count(),
        tree.len(),
        "{down:?}"
    );
    assert_eq!(files(&world.path("copy")), files(&src));
    // `get -r` and `put -r` are the same copies.
    run_ok(
        &world,
        &["oss", "get", "-r", "oss://sample-bucket/www/a/", "viaget"],
    );
    assert_eq!(files(&world.path("viaget")), files(&src.join("a")));
    run_ok(
        &world,
        &["oss", "put", "-r", "site/odd", "oss://sample-bucket/viaput"],
    );
    let mut odd = keys(&world, BUCKET, "viaput/");
    odd.sort();
    assert_eq!(odd.len(), 4, "{odd:?}");
    assert!(odd.contains(&"viaput/a+b.txt".to_string()), "{odd:?}");
}

#[test]
fn a_second_sync_sends_nothing_and_checksum_finds_a_hidden_change() {
    let world = World::with_user();
    let src = world.path("build");
    write_tree(&src, &awkward_tree());
    // Files made a minute before their upload, as a build's are: the listing alone decides.
    let minute_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(60);
    for (rel, _) in awkward_tree() {
        filetime::set_file_mtime(
            src.join(rel),
            filetime::FileTime::from_system_time(minute_ago),
        )
        .unwrap();
    }
    let first = run_ok(
        &world,
        &args(
            &["oss", "sync", "build", "oss://sample-bucket/b/"],
            SMALL_PARTS,
        ),
    );
    assert!(first.stderr.contains("synced 10 objects"), "{first:?}");
    let puts = world.count("oss:PutObject");
    let parts = world.count("oss:UploadPart");
    let second = run_ok(&world, &["oss", "sync", "build", "oss://sample-bucket/b/"]);
    assert!(second.stderr.contains("synced 0 objects"), "{second:?}");
    assert!(second.stderr.contains("10 unchanged"), "{second:?}");
    assert_eq!(
        world.count("oss:PutObject"),
        puts,
        "a no-op sync sends no PUT"
    );
    assert_eq!(world.count("oss:UploadPart"), parts);
    assert_eq!(
        world.count("oss:HeadObject"),
        0,
        "the listing and a stat decide"
    );

    // Changed in the very second of its upload (same size): whole seconds cannot tell, the
    // time stored with the object can.
    let quick = src.join("odd/a+b.txt");
    // Its Last-Modified from the listing (not a HeadObject, which the count below would see).
    let listed = run_ok(
        &world,
        &[
            "oss",
            "ls",
            "oss://sample-bucket/b/odd/a+b.txt",
            "--output",
            "json",
        ],
    );
    let listed: serde_json::Value = serde_json::from_str(listed.stdout.trim_end()).unwrap();
    let uploaded =
        chrono::DateTime::parse_from_rfc3339(listed["last_modified"].as_str().unwrap()).unwrap();
    std::fs::write(&quick, b"=").unwrap();
    let same_second = std::time::SystemTime::from(uploaded) + std::time::Duration::from_millis(400);
    filetime::set_file_mtime(&quick, filetime::FileTime::from_system_time(same_second)).unwrap();
    let r = run_ok(&world, &["oss", "sync", "build", "oss://sample-bucket/b/"]);
    assert!(r.stderr.contains("upload: build/odd/a+b.txt"), "{r:?}");
    assert!(r.stderr.contains("synced 1 object "), "{r:?}");
    assert_eq!(
        world.count("oss:HeadObject"),
        1,
        "one HeadObject, for the one ambiguous file: {:?}",
        world.stats()
    );
    let got = run_ok(
        &world,
        &["oss", "get", "oss://sample-bucket/b/odd/a+b.txt", "-"],
    );
    assert_eq!(got.stdout, "=");

    // The same size and the same time, other bytes: only --checksum sees it.
    let path = src.join("a/b/c/deep.txt");
    let before = std::fs::metadata(&path).unwrap().modified().unwrap();
    std::fs::write(&path, b"DEEP").unwrap();
    filetime::set_file_mtime(&path, filetime::FileTime::from_system_time(before)).unwrap();
    let plain = run_ok(&world, &["oss", "sync", "build", "oss://sample-bucket/b/"]);
    assert!(plain.stderr.contains("synced 0 objects"), "{plain:?}");
    let gets = world.count("oss:GetObject");
    let checked = run_ok(
        &world,
        &[
            "oss",
            "sync",
            "build",
            "oss://sample-bucket/b/",
            "--checksum",
        ],
    );
    assert!(checked.stderr.contains("synced 1 object "), "{checked:?}");
    assert!(
        checked.stderr.contains("upload: build/a/b/c/deep.txt"),
        "{checked:?}"
    );
    assert_eq!(
        world.count("oss:GetObject"),
        gets,
        "CRC-64s are compared without a download"
    );
    let got = run_ok(
        &world,
        &["oss", "get", "oss://sample-bucket/b/a/b/c/deep.txt", "-"],
    );
    assert_eq!(got.stdout, "DEEP");

    // Down: the first sync downloads everything, the second nothing.
    let down = run_ok(&world, &["oss", "sync", "oss://sample-bucket/b/", "mirror"]);
    assert!(down.stderr.contains("synced 10 objects"), "{down:?}");
    assert_eq!(files(&world.path("mirror")), files(&src));
    let gets = world.count("oss:GetObject");
    let again = run_ok(&world, &["oss", "sync", "oss://sample-bucket/b/", "mirror"]);
    assert!(again.stderr.contains("10 unchanged"), "{again:?}");
    assert_eq!(world.count("oss:GetObject"), gets);
}

#[test]
fn sync_delete_dry_run_and_filters() {
    let world = World::with_user();
    let src = world.path("out");
    write_tree(
        &src,
        &[
            ("keep.txt", b"k".to_vec()),
            ("app.js", b"js".to_vec()),
            ("app.js.map", b"map".to_vec()),
            ("logs/x.log", b"log".to_vec()),
            ("logs/important.log", b"!".to_vec()),
        ],
    );
    // Later rules win: every .log out, then important.log back in; maps out.
    let r = run_ok(
        &world,
        &[
            "oss",
            "sync",
            "out",
            "oss://sample-bucket/site/",
            "--exclude",
            "*.log",
            "--include",
            "logs/important.log",
            "--exclude",
            "*.map",
        ],
    );
    assert!(r.stderr.contains("synced 3 objects"), "{r:?}");
    let mut listed = keys(&world, BUCKET, "site/");
    listed.sort();
    assert_eq!(
        listed,
        ["site/app.js", "site/keep.txt", "site/logs/important.log"]
    );
    // An object the source does not have, and one the filters leave out.
    put_raw(&world, BUCKET, "site/stale.txt", b"old", vec![]);
    put_raw(&world, BUCKET, "site/app.js.map", b"m", vec![]);
    std::fs::remove_file(src.join("keep.txt")).unwrap();
    let writes = |w: &World| {
        let s = w.stats();
        [
            "oss:PutObject",
            "oss:DeleteObject",
            "oss:DeleteMultipleObjects",
            "oss:CopyObject",
        ]
        .iter()
        .map(|k| s.get(*k).copied().unwrap_or(0))
        .sum::<u64>()
    };
    let before = writes(&world);
    let dry = run_ok(
        &world,
        &[
            "oss",
            "sync",
            "out",
            "oss://sample-bucket/site/",
            "--delete",
            "--dry-run",
            "--exclude",
            "*.map",
            "--output",
            "json",
        ],
    );
    assert_eq!(writes(&world), before, "a dry run sends no write request");
    let lines = json_lines(&dry.stdout);
    let mut planned: Vec<(String, String)> = lines
        .iter()
        .map(|l| {
            assert_eq!(l["status"], "dry-run", "{l}");
            (
                l["action"].as_str().unwrap().to_string(),
                l["source"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    planned.sort();
    assert_eq!(
        planned,
        [
            (
                "delete".to_string(),
                "oss://sample-bucket/site/keep.txt".to_string()
            ),
            (
                "delete".to_string(),
                "oss://sample-bucket/site/stale.txt".to_string()
            ),
            ("upload".to_string(), "out/logs/x.log".to_string()),
        ]
    );
    run_ok(
        &world,
        &[
            "oss",
            "sync",
            "out",
            "oss://sample-bucket/site/",
            "--delete",
            "--exclude",
            "*.map",
        ],
    );
    let mut listed = keys(&world, BUCKET, "site/");
    listed.sort();
    // The excluded map stays: --delete removes only what the filters admit.
    assert_eq!(
        listed,
        [
            "site/app.js",
            "site/app.js.map",
            "site/logs/important.log",
            "site/logs/x.log"
        ]
    );
    // Down with --delete: a local file the prefix does not have goes.
    std::fs::create_dir_all(world.path("here")).unwrap();
    std::fs::write(world.path("here/extra.txt"), b"x").unwrap();
    run_ok(
        &world,
        &[
            "oss",
            "sync",
            "oss://sample-bucket/site/",
            "here",
            "--delete",
        ],
    );
    assert!(!world.path("here/extra.txt").exists());
    assert!(world.path("here/logs/x.log").is_file());
}

#[test]
fn rm_r_deletes_thousands_in_batches_of_1000() {
    let world = World::with_user();
    let client = world.user_oss_client(SignVersion::V1, 0);
    // Through the library in parallel: 2 500 separate alicli runs would take minutes.
    std::thread::scope(|s| {
        for t in 0..10 {
            let client = &client;
            s.spawn(move || {
                for i in (t..2500).step_by(10) {
                    client
                        .put_object(
                            BUCKET,
                            &format!("many/{i:05}.txt"),
                            Payload::from(b"x".to_vec()),
                            vec![],
                        )
                        .unwrap();
                }
            });
        }
    });
    put_raw(&world, BUCKET, "other/keep.txt", b"k", vec![]);
    let dry = run_ok(
        &world,
        &["oss", "rm", "-r", "oss://sample-bucket/many/", "--dry-run"],
    );
    assert_eq!(
        dry.stderr.matches("(dry run) delete").count(),
        2500,
        "{}",
        &dry.stderr[..200]
    );
    assert_eq!(world.count("oss:DeleteMultipleObjects"), 0);
    let r = run_ok(&world, &["oss", "rm", "-r", "oss://sample-bucket/many/"]);
    assert!(
        r.stderr.contains("deleted 2500 objects"),
        "{}",
        r.stderr.lines().last().unwrap()
    );
    assert_eq!(
        world.count("oss:DeleteMultipleObjects"),
        3,
        "{:?}",
        world.stats()
    );
    assert!(keys(&world, BUCKET, "many/").is_empty());
    assert_eq!(keys(&world, BUCKET, ""), ["other/keep.txt"]);
    // One object: DeleteObject; a missing one is not an error, as in OSS.
    run_ok(&world, &["oss", "rm", "oss://sample-bucket/other/keep.txt"]);
    run_ok(&world, &["oss", "rm", "oss://sample-bucket/other/keep.txt"]);
    assert!(keys(&world, BUCKET, "").is_empty());
    let r = world.run(&["oss", "rm", "oss://sample-bucket/"]);
    assert_eq!(r.code, 2, "rm without -r needs a key: {r:?}");
}

/// A world with a second bucket and a role that may write both, for copies and policies.
fn writer_world() -> World {
    let mut config = CloudConfig::default();
    config.buckets.push("backup-bucket".into());
    config.roles.push(RoleConfig {
        name: "tree-writer".into(),
        policies: vec!["AliyunOSSFullAccess".into()],
        trust_policy: None,
        max_session_duration: 3600,
    });
    let world = World::with_config(config);
    world.configure_user();
    run_ok(&world, &["oss", "config", "--endpoint", &world.endpoint()]);
    world
}

#[test]
fn oss_to_oss_copies_move_no_bytes_through_the_client() {
    let world = writer_world();
    put_raw(
        &world,
        BUCKET,
        "src/a.txt",
        b"a",
        vec![
            ("x-oss-meta-owner".into(), "ci".into()),
            ("Content-Type".into(), "text/x-a".into()),
        ],
    );
    put_raw(&world, BUCKET, "src/sub/b.txt", b"bb", vec![]);
    put_raw(
        &world,
        BUCKET,
        "src/big.bin",
        &pattern(2 * 1024 * 1024 + 5, 3),
        vec![],
    );
    let r = run_ok(
        &world,
        &args(
            &[
                "oss",
                "cp",
                "-r",
                "oss://sample-bucket/src/",
                "oss://backup-bucket/copy/",
            ],
            SMALL_PARTS,
        ),
    );
    assert!(r.stderr.contains("copied 3 objects"), "{r:?}");
    assert_eq!(
        world.count("oss:GetObject"),
        0,
        "no body went through the client"
    );
    assert_eq!(world.count("oss:CopyObject"), 2, "{:?}", world.stats());
    assert!(
        world.count("oss:UploadPartCopy") >= 3,
        "{:?}",
        world.stats()
    );
    // Metadata is copied (COPY) by CopyObject and by the multipart copy alike.
    let stat = run_ok(
        &world,
        &[
            "oss",
            "stat",
            "oss://backup-bucket/copy/a.txt",
            "--output",
            "json",
        ],
    )
    .json();
    assert_eq!(stat["metadata"]["owner"], "ci", "{stat}");
    assert_eq!(stat["content_type"], "text/x-a", "{stat}");
    run_ok(
        &world,
        &["oss", "get", "oss://backup-bucket/copy/big.bin", "big.bin"],
    );
    assert_eq!(
        std::fs::read(world.path("big.bin")).unwrap(),
        pattern(2 * 1024 * 1024 + 5, 3)
    );
    // One object, with new metadata (REPLACE), and a sync across that finds nothing to do.
    run_ok(
        &world,
        &[
            "oss",
            "cp",
            "oss://sample-bucket/src/a.txt",
            "oss://backup-bucket/one/",
            "--meta",
            "stage=prod",
        ],
    );
    let stat = run_ok(
        &world,
        &[
            "oss",
            "stat",
            "oss://backup-bucket/one/a.txt",
            "--output",
            "json",
        ],
    )
    .json();
    assert_eq!(stat["metadata"]["stage"], "prod", "{stat}");
    assert!(stat["metadata"].get("owner").is_none(), "{stat}");
    let s = run_ok(
        &world,
        &[
            "oss",
            "sync",
            "oss://sample-bucket/src/",
            "oss://backup-bucket/copy/",
        ],
    );
    assert!(s.stderr.contains("3 unchanged"), "{s:?}");
    // Overlapping prefixes of one bucket are refused before any request.
    let r = world.run(&[
        "oss",
        "cp",
        "-r",
        "oss://sample-bucket/src/",
        "oss://sample-bucket/src/sub/",
    ]);
    assert_eq!(r.code, 2, "{r:?}");
    assert!(r.stderr.contains("overlap"), "{r:?}");
}

#[test]
fn a_session_policy_that_denies_one_folder_fails_only_that_folder() {
    let world = writer_world();
    let role = format!("acs:ram::{}:role/tree-writer", world.cloud.info.account_id);
    let policy = r#"{"Version":"1","Statement":[{"Effect":"Allow","Action":"oss:*","Resource":"*"},{"Effect":"Deny","Action":"oss:PutObject","Resource":"acs:oss:*:*:sample-bucket/pub/secret/*"}]}"#;
    run_ok(
        &world,
        &[
            "sts",
            "assume-role",
            "--role-arn",
            &role,
            "--role-session-name",
            "trees",
            "--policy",
            policy,
            "--save-profile",
            "narrow",
        ],
    );
    write_tree(
        &world.path("pub"),
        &[
            ("a.txt", b"a".to_vec()),
            ("secret/s1.txt", b"1".to_vec()),
            ("secret/s2.txt", b"2".to_vec()),
            ("z/b.txt", b"b".to_vec()),
        ],
    );
    let r = world.run(&[
        "--profile",
        "narrow",
        "oss",
        "cp",
        "-r",
        "pub",
        "oss://sample-bucket/pub/",
        "--output",
        "json",
    ]);
    assert_eq!(r.code, 7, "some failed, some did not: {r:?}");
    let lines = json_lines(&r.stdout);
    let failed: Vec<&str> = lines
        .iter()
        .filter(|l| l["status"] == "failed")
        .map(|l| {
            assert_eq!(l["error_code"], "AccessDenied", "{l}");
            l["destination"].as_str().unwrap()
        })
        .collect();
    assert_eq!(failed.len(), 2, "{lines:?}");
    assert!(
        failed.iter().all(|d| d.contains("/pub/secret/")),
        "{failed:?}"
    );
    assert!(r.stderr.contains("2 of 4 objects failed"), "{r:?}");
    let mut listed = keys(&world, BUCKET, "pub/");
    listed.sort();
    assert_eq!(listed, ["pub/a.txt", "pub/z/b.txt"]);
    // All of them denied for one reason: that reason's code, as for one object.
    let r = world.run(&[
        "--profile",
        "narrow",
        "oss",
        "cp",
        "-r",
        "pub/secret",
        "oss://sample-bucket/pub/secret/",
    ]);
    assert_eq!(r.code, 4, "{r:?}");
    assert_eq!(r.stderr.matches("failed: upload").count(), 2, "{r:?}");
    // --max-errors stops starting new objects.
    let r = world.run(&[
        "--profile",
        "narrow",
        "oss",
        "cp",
        "-r",
        "pub/secret",
        "oss://sample-bucket/pub/secret/",
        "--max-errors",
        "1",
        "--jobs",
        "1",
    ]);
    assert_eq!(r.code, 4, "{r:?}");
    assert!(r.stderr.contains("--max-errors 1"), "{r:?}");
}

#[test]
fn keys_that_would_land_outside_dest_are_refused_and_nothing_is_written_there() {
    let world = World::with_user();
    let unsafe_keys = [
        "t/../evil1.txt",
        "t/a/../../evil2.txt",
        "t//evil3.txt",
        "t/back\\slash.txt",
        "t/ctl\u{1b}[2J.txt",
        "t/new\nline.txt",
        "t/./dot.txt",
    ];
    for key in unsafe_keys {
        put_raw(&world, BUCKET, key, b"evil", vec![]);
    }
    put_raw(&world, BUCKET, "t/fine/ok.txt", b"ok", vec![]);
    // A key that is also the folder of another key: one of the two cannot be made.
    put_raw(&world, BUCKET, "t/both", b"file", vec![]);
    put_raw(&world, BUCKET, "t/both/inner.txt", b"inner", vec![]);
    // A link planted in DEST does not lead the download out.
    let outside = world.path("outside");
    std::fs::create_dir_all(&outside).unwrap();
    std::fs::create_dir_all(world.path("jail/dest")).unwrap();
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink(&outside, world.path("jail/dest/fine")).unwrap();
    }
    let r = world.run(&[
        "oss",
        "cp",
        "-r",
        "oss://sample-bucket/t/",
        "jail/dest",
        "--output",
        "json",
    ]);
    assert_eq!(r.code, 7, "{r:?}");
    let lines = json_lines(&r.stdout);
    let refused: Vec<&serde_json::Value> =
        lines.iter().filter(|l| l["status"] == "failed").collect();
    for key in unsafe_keys {
        let line = refused
            .iter()
            .find(|l| l["source"] == format!("oss://sample-bucket/{key}"))
            .unwrap_or_else(|| panic!("{key:?} was not refused: {lines:?}"));
        assert_eq!(line["error_code"], "UnsafeKey", "{line}");
    }
    // The terminal sees the control characters escaped.
    assert!(r.stderr.contains("ctl\\x1b[2J.txt"), "{}", r.stderr);
    assert!(!r.stderr.contains('\u{1b}'));
    // Nothing left DEST: its parent holds only DEST, the outside folder is empty.
    let parent: Vec<PathBuf> = std::fs::read_dir(world.path("jail"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(parent, [world.path("jail/dest")]);
    assert_eq!(std::fs::read_dir(&outside).unwrap().count(), 0);
    assert!(!world.path("evil1.txt").exists() && !world.path("evil2.txt").exists());
    #[cfg(unix)]
    {
        let through_link = refused
            .iter()
            .find(|l| l["source"] == "oss://sample-bucket/t/fine/ok.txt")
            .expect("the download through the planted link is refused");
        assert!(through_link["message"]
            .as_str()
            .unwrap()
            .contains("symbolic link"));
    }
    // Of `both` and `both/inner.txt`, one is made (whichever a worker got to first) and the
    // other is refused: a name cannot be a file and a folder at once.
    let inner_refused = refused
        .iter()
        .any(|l| l["source"] == "oss://sample-bucket/t/both/inner.txt");
    let file_refused = refused
        .iter()
        .any(|l| l["source"] == "oss://sample-bucket/t/both");
    assert!(inner_refused != file_refused, "{refused:?}");
    if inner_refused {
        assert_eq!(
            std::fs::read(world.path("jail/dest/both")).unwrap(),
            b"file"
        );
    } else {
        assert_eq!(
            std::fs::read(world.path("jail/dest/both/inner.txt")).unwrap(),
            b"inner"
        );
    }
}

/// The object's ACL as GetObjectAcl answers it.
fn acl_of(world: &World, key: &str) -> String {
    let mut answer = world
        .user_oss_client(SignVersion::V1, 0)
        .send(
            reqwest::Method::GET,
            BUCKET,
            key,
            &[("acl".to_string(), None)],
            vec![],
            None,
        )
        .unwrap();
    let mut body = String::new();
    std::io::Read::read_to_string(&mut answer, &mut body).unwrap();
    body
}

#[test]
fn storage_class_and_acl_reach_objects_put_whole_or_in_parts() {
    let world = World::with_user();
    std::fs::write(world.path("small.txt"), b"s").unwrap();
    std::fs::write(world.path("big.bin"), pattern(2 * 1024 * 1024, 5)).unwrap();
    for (file, key) in [("small.txt", "c/small.txt"), ("big.bin", "c/big.bin")] {
        run_ok(
            &world,
            &args(
                &[
                    "oss",
                    "put",
                    file,
                    &format!("oss://sample-bucket/{key}"),
                    "--storage-class",
                    "IA",
                    "--acl",
                    "public-read",
                ],
                SMALL_PARTS,
            ),
        );
        let stat = run_ok(
            &world,
            &[
                "oss",
                "stat",
                &format!("oss://sample-bucket/{key}"),
                "--output",
                "json",
            ],
        )
        .json();
        assert_eq!(stat["storage_class"], "IA", "{key}: {stat}");
        assert!(acl_of(&world, key).contains("public-read"), "{key}");
    }
    // A copy inside OSS in parts: the class and the ACL too.
    run_ok(
        &world,
        &args(
            &[
                "oss",
                "cp",
                "oss://sample-bucket/c/big.bin",
                "oss://sample-bucket/d/big.bin",
                "--acl",
                "private",
            ],
            SMALL_PARTS,
        ),
    );
    assert!(
        acl_of(&world, "d/big.bin").contains("<Grant>private</Grant>"),
        "{}",
        acl_of(&world, "d/big.bin")
    );
}

#[test]
fn object_flags_are_stored_and_checked_before_any_request() {
    let world = World::with_user();
    std::fs::write(world.path("page.html"), b"<p>").unwrap();
    run_ok(
        &world,
        &[
            "oss",
            "put",
            "page.html",
            "oss://sample-bucket/p/page.html",
            "--meta",
            "Owner=ci",
            "--meta",
            "build=42",
            "--cache-control",
            "max-age=60",
            "--content-disposition",
            "attachment",
        ],
    );
    let stat = run_ok(
        &world,
        &[
            "oss",
            "stat",
            "oss://sample-bucket/p/page.html",
            "--output",
            "json",
        ],
    )
    .json();
    assert_eq!(stat["metadata"]["owner"], "ci", "{stat}");
    assert_eq!(stat["metadata"]["build"], "42", "{stat}");
    assert_eq!(stat["cache_control"], "max-age=60", "{stat}");
    assert_eq!(stat["content_disposition"], "attachment", "{stat}");
    assert_eq!(stat["content_type"], "text/html", "{stat}");
    // --no-overwrite: OSS refuses to replace; alicli says it skipped, and the object stays.
    std::fs::write(world.path("newer.html"), b"<p>newer").unwrap();
    let r = run_ok(
        &world,
        &[
            "oss",
            "cp",
            "newer.html",
            "oss://sample-bucket/p/page.html",
            "--no-overwrite",
        ],
    );
    assert!(
        r.stderr.contains("skip") && r.stderr.contains("it exists"),
        "{r:?}"
    );
    let kept = run_ok(
        &world,
        &["oss", "get", "oss://sample-bucket/p/page.html", "-"],
    );
    assert_eq!(kept.stdout, "<p>");
    // ... and a tree download leaves an existing file alone.
    std::fs::create_dir_all(world.path("mine")).unwrap();
    std::fs::write(world.path("mine/page.html"), b"mine").unwrap();
    let r = run_ok(
        &world,
        &[
            "oss",
            "cp",
            "-r",
            "oss://sample-bucket/p/",
            "mine",
            "--no-overwrite",
            "--output",
            "json",
        ],
    );
    assert!(r.stdout.contains("\"status\":\"skipped\""), "{r:?}");
    assert_eq!(
        std::fs::read(world.path("mine/page.html")).unwrap(),
        b"mine"
    );
    let before = world.total_requests();
    for bad in [
        vec![
            "oss",
            "put",
            "page.html",
            "oss://sample-bucket/x",
            "--meta",
            "novalue",
        ],
        vec![
            "oss",
            "put",
            "page.html",
            "oss://sample-bucket/x",
            "--meta",
            "bad name=v",
        ],
        vec![
            "oss",
            "put",
            "page.html",
            "oss://sample-bucket/x",
            "--storage-class",
            "Glacier",
        ],
        vec![
            "oss",
            "put",
            "page.html",
            "oss://sample-bucket/x",
            "--acl",
            "everyone",
        ],
        vec![
            "oss",
            "put",
            "page.html",
            "oss://sample-bucket/x",
            "--dry-run",
        ],
        vec!["oss", "cp", "-r", "page.html", "oss://sample-bucket/x/"],
        vec!["oss", "cp", "a", "b"],
        vec!["oss", "sync", "missing-folder", "oss://sample-bucket/x/"],
        vec![
            "oss",
            "cp",
            "-r",
            ".",
            "oss://sample-bucket/x/",
            "--exclude",
            "a[b",
        ],
        vec![
            "oss",
            "cp",
            "-r",
            ".",
            "oss://sample-bucket/x/",
            "--jobs",
            "0",
        ],
    ] {
        let r = world.run(&bad);
        assert_eq!(r.code, 2, "{bad:?}: {r:?}");
        assert!(r.stderr.starts_with("error:"), "{bad:?}: {r:?}");
    }
    assert_eq!(world.total_requests(), before, "bad input sends nothing");
}
