//! Faults survived or reported: retries through 503s and resets with identical bytes, more
//! failures than retries ending in exit 6 with nothing half-written, read timeouts named, STS
//! retried with a fresh signature, and proxies honoured.

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use crate::common::{pattern, read, World};

const SMALL: [&str; 4] = ["--multipart-threshold", "1M", "--part-size", "256K"];

#[test]
fn puts_and_gets_survive_503s_and_a_reset() {
    let world = World::with_user();
    let data = pattern(3 * 1024 * 1024 + 11, 61);
    std::fs::write(world.path("in.bin"), &data).unwrap();
    for (what, op, extra) in [
        ("single", "PutObject", vec![]),
        ("multipart", "UploadPart", SMALL.to_vec()),
    ] {
        world.fault(op, "503", 2);
        world.fault(op, "reset", 1);
        let url = format!("oss://sample-bucket/faults/{what}.bin");
        let mut args = vec!["oss", "put", "in.bin", &url];
        args.extend_from_slice(&extra);
        let r = world.run(&args);
        assert_eq!(r.code, 0, "{what}: {r:?}");
        assert!(r.stderr.contains("retrying"), "{what}: {r:?}");
        for (get_what, get_extra) in [
            ("single", vec!["--multipart-threshold", "64M"]),
            ("ranged", SMALL.to_vec()),
        ] {
            world.fault("GetObject", "503", 2);
            world.fault("GetObject", "reset", 1);
            let dest = format!("out-{what}-{get_what}.bin");
            let mut args = vec!["oss", "get", &url, &dest];
            args.extend_from_slice(&get_extra);
            let r = world.run(&args);
            assert_eq!(r.code, 0, "{what}/{get_what}: {r:?}");
            assert!(
                read(&world.path(&dest)) == data,
                "{what}/{get_what}: bytes differ"
            );
        }
    }
    world.clear_faults();
}

#[test]
fn more_failures_than_retries_end_in_exit_6_with_nothing_half_written() {
    let world = World::with_user();
    let data = pattern(2 * 1024 * 1024, 62);
    std::fs::write(world.path("in.bin"), &data).unwrap();
    // Resumable (default): the checkpoint and the upload are kept.
    world.fault("UploadPart", "503", 100);
    let mut args = vec![
        "--retries",
        "2",
        "oss",
        "put",
        "in.bin",
        "oss://sample-bucket/fail/keep.bin",
    ];
    args.extend_from_slice(&SMALL);
    let r = world.run(&args);
    assert_eq!(r.code, 6, "{r:?}");
    assert!(
        r.stderr.contains("after 3 attempts") && r.stderr.contains("checkpoint kept"),
        "{r:?}"
    );
    assert_eq!(world.pending_uploads(), 1);
    // --no-resume: aborted, nothing left.
    args[5] = "oss://sample-bucket/fail/gone.bin";
    args.push("--no-resume");
    let r = world.run(&args);
    assert_eq!(r.code, 6, "{r:?}");
    assert!(r.stderr.contains("aborted"), "{r:?}");
    assert_eq!(world.pending_uploads(), 1, "only the resumable one remains");
    world.clear_faults();

    // A download that keeps failing leaves the destination as it was.
    assert_eq!(
        world
            .run(&["oss", "put", "in.bin", "oss://sample-bucket/fail/src.bin"])
            .code,
        0
    );
    std::fs::write(world.path("dest.bin"), b"before").unwrap();
    world.fault("GetObject", "500", 100);
    let r = world.run(&[
        "--retries",
        "1",
        "oss",
        "get",
        "oss://sample-bucket/fail/src.bin",
        "dest.bin",
    ]);
    assert_eq!(r.code, 6, "{r:?}");
    assert!(
        r.stderr.contains("InternalError") && r.stderr.contains("after 2 attempts"),
        "{r:?}"
    );
    assert_eq!(read(&world.path("dest.bin")), b"before");
    world.clear_faults();
}

#[test]
fn a_slow_answer_beyond_the_read_timeout_is_named() {
    let world = World::with_user();
    std::fs::write(world.path("s.txt"), b"slow").unwrap();
    assert_eq!(
        world
            .run(&["oss", "put", "s.txt", "oss://sample-bucket/slow/s.txt"])
            .code,
        0
    );
    world.fault("GetObject", "delay:3000", 10);
    let before = std::time::Instant::now();
    let r = world.run(&[
        "--read-timeout",
        "0.5",
        "--retries",
        "1",
        "oss",
        "get",
        "oss://sample-bucket/slow/s.txt",
        "s2.txt",
    ]);
    assert_eq!(r.code, 6, "{r:?}");
    assert!(
        r.stderr.contains("timed out") && r.stderr.contains("read timeout of 0.5 s"),
        "{r:?}"
    );
    assert!(
        r.stderr.contains("--read-timeout"),
        "the hint names the flag: {r:?}"
    );
    assert!(!world.path("s2.txt").exists());
    assert!(
        before.elapsed() < std::time::Duration::from_secs(6),
        "gave up on time"
    );
    world.clear_faults();
    let r = world.run(&[
        "--read-timeout",
        "0",
        "oss",
        "get",
        "oss://sample-bucket/slow/s.txt",
    ]);
    assert_eq!(r.code, 2, "{r:?}");
}

#[test]
fn sts_calls_are_retried_with_a_fresh_signature() {
    let world = World::with_user();
    world.fault("AssumeRole", "503", 2);
    let r = world.run(&[
        "sts",
        "assume-role",
        "--role-arn",
        &world.cloud.info.role_arn,
        "--role-session-name",
        "retry",
    ]);
    assert_eq!(r.code, 0, "{r:?}");
    assert_eq!(world.count("sts:AssumeRole"), 3);
    // 4xx answers are final: one request only.
    let r = world.run(&[
        "sts",
        "assume-role",
        "--role-arn",
        "acs:ram::1234567890123456:role/missing",
        "--role-session-name",
        "x1",
    ]);
    assert_eq!(r.code, 5, "{r:?}");
    assert_eq!(world.count("sts:AssumeRole"), 4);
}

/// A byte pipe to the local cloud, counting connections: enough of an HTTP proxy for plain http
/// (the request line carries the absolute URL, which the local cloud understands).
fn pipe_proxy(target: std::net::SocketAddr) -> (String, Arc<AtomicUsize>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let address = format!("http://{}", listener.local_addr().unwrap());
    let count = Arc::new(AtomicUsize::new(0));
    let seen = count.clone();
    std::thread::spawn(move || {
        for client in listener.incoming().flatten() {
            seen.fetch_add(1, Ordering::SeqCst);
            let Ok(server) = TcpStream::connect(target) else {
                continue;
            };
            let (mut c2, mut s2) = (client.try_clone().unwrap(), server.try_clone().unwrap());
            std::thread::spawn(move || {
                let _ = std::io::copy(&mut c2, &mut s2);
                let _ = s2.shutdown(std::net::Shutdown::Write);
            });
            std::thread::spawn(move || {
                let (mut c, mut s) = (client, server);
                let mut buf = [0u8; 65536];
                while let Ok(n) = s.read(&mut buf) {
                    if n == 0 || c.write_all(&buf[..n]).is_err() {
                        break;
                    }
                }
                let _ = c.shutdown(std::net::Shutdown::Write);
            });
        }
    });
    (address, count)
}

#[test]
fn proxies_are_honoured() {
    let world = World::with_user();
    std::fs::write(world.path("p.txt"), b"via proxy").unwrap();
    let (proxy, count) = pipe_proxy(world.cloud.addr);
    let r = world.run(&[
        "--proxy",
        &proxy,
        "oss",
        "put",
        "p.txt",
        "oss://sample-bucket/proxy/p.txt",
    ]);
    assert_eq!(r.code, 0, "{r:?}");
    assert!(
        count.load(Ordering::SeqCst) >= 1,
        "the request went through the proxy"
    );
    let before = count.load(Ordering::SeqCst);
    let r = world.run_env(&["sts", "get-caller-identity"], &[("HTTP_PROXY", &proxy)]);
    assert_eq!(r.code, 0, "{r:?}");
    assert!(
        count.load(Ordering::SeqCst) > before,
        "the STS call used HTTP_PROXY"
    );
    let before = count.load(Ordering::SeqCst);
    let r = world.run_env(
        &["oss", "get", "oss://sample-bucket/proxy/p.txt", "-"],
        &[("HTTP_PROXY", &proxy), ("NO_PROXY", "127.0.0.1")],
    );
    assert_eq!(r.code, 0, "{r:?}");
    assert_eq!(r.stdout, "via proxy");
    assert_eq!(
        count.load(Ordering::SeqCst),
        before,
        "NO_PROXY bypassed the proxy"
    );
    let r = world.run(&[
        "--proxy",
        "not a url",
        "oss",
        "get",
        "oss://sample-bucket/proxy/p.txt",
        "-",
    ]);
    assert_eq!(r.code, 2, "{r:?}");
}

#[test]
fn a_bucket_in_another_region_gets_its_endpoint_named() {
    let config = alicli_localcloud::CloudConfig {
        buckets: vec!["sample-bucket".into(), "beijing-photos@cn-beijing".into()],
        ..Default::default()
    };
    let world = World::with_config(config);
    world.configure_user();
    let r = world.run(&[
        "oss",
        "get",
        "oss://beijing-photos/a.jpg",
        "a.jpg",
        "--endpoint",
        &world.endpoint(),
    ]);
    assert_eq!(r.code, 4, "{r:?}");
    assert!(
        r.stderr
            .contains("must be addressed using the specified endpoint"),
        "{r:?}"
    );
    assert!(
        r.stderr.contains(
            "hint: the bucket is in another region: use --endpoint oss-cn-beijing.aliyuncs.com"
        ),
        "{r:?}"
    );
}

#[test]
fn the_profile_key_sets_the_retries() {
    let world = World::with_user();
    let r = world.run(&["configure", "set", "retries", "0"]);
    assert_eq!(r.code, 0, "{r:?}");
    let r = world.run(&["configure", "get", "retries"]);
    assert_eq!(r.stdout.trim(), "0", "{r:?}");
    assert_eq!(world.run(&["configure", "set", "retries", "21"]).code, 2);
    std::fs::write(world.path("r.txt"), b"r").unwrap();
    world.fault("PutObject", "503", 1);
    let r = world.run(&["oss", "put", "r.txt", "oss://sample-bucket/retries/r.txt"]);
    assert_eq!(r.code, 6, "no retries from the profile: {r:?}");
    world.fault("PutObject", "503", 1);
    let r = world.run(&[
        "--retries",
        "1",
        "oss",
        "put",
        "r.txt",
        "oss://sample-bucket/retries/r.txt",
    ]);
    assert_eq!(r.code, 0, "the flag wins over the profile: {r:?}");
}
