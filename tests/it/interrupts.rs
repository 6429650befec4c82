//! Ctrl-C and closed pipes: an interrupted download leaves no DEST, an interrupted multipart
//! upload keeps its checkpoint (or aborts with --no-resume) and says which, and a reader that
//! closes stdout early ends alicli quietly, and an interrupted sync goes on when run again.

use std::process::Stdio;
use std::time::{Duration, Instant};

use crate::common::{pattern, World};

/// Starts `args`, waits for `ready`, sends SIGINT, and returns (exit code, stderr).
#[cfg(unix)]
fn interrupt_when(world: &World, args: &[&str], ready: impl Fn() -> bool) -> (i32, String) {
    let child = world
        .command(args)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(60);
    while !ready() {
        assert!(Instant::now() < deadline, "the transfer never got going");
        std::thread::sleep(Duration::from_millis(20));
    }
    // SAFETY: kill(2) on our own child's pid has no memory-safety preconditions.
    unsafe { kill(child.id() as i32, 2) };
    let out = child.wait_with_output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[cfg(unix)]
extern "C" {
    fn kill(pid: i32, sig: i32) -> i32;
}

#[cfg(unix)]
#[test]
fn ctrl_c_during_get_leaves_no_dest() {
    let world = World::with_user();
    std::fs::write(world.path("big.bin"), pattern(4 * 1024 * 1024, 71)).unwrap();
    assert_eq!(
        world
            .run(&["oss", "put", "big.bin", "oss://sample-bucket/int/big.bin"])
            .code,
        0
    );
    world.fault("GetObject", "delay:200", 1000);
    let before = world.count("oss:GetObject");
    let (code, stderr) = interrupt_when(
        &world,
        &[
            "oss",
            "get",
            "oss://sample-bucket/int/big.bin",
            "dest.bin",
            "--multipart-threshold",
            "1M",
            "--part-size",
            "256K",
            "--jobs",
            "2",
        ],
        || world.count("oss:GetObject") >= before + 3,
    );
    world.clear_faults();
    assert_eq!(code, 130, "{stderr}");
    assert!(stderr.contains("interrupt"), "{stderr}");
    assert!(!world.path("dest.bin").exists(), "no partial DEST");
}

#[cfg(unix)]
#[test]
fn ctrl_c_during_put_keeps_the_checkpoint_or_aborts() {
    let world = World::with_user();
    std::fs::write(world.path("big.bin"), pattern(4 * 1024 * 1024, 72)).unwrap();
    for (resume, key) in [(true, "keep.bin"), (false, "abort.bin")] {
        world.fault("UploadPart", "delay:200", 1000);
        let url = format!("oss://sample-bucket/int/{key}");
        let mut args = vec![
            "oss",
            "put",
            "big.bin",
            &url,
            "--multipart-threshold",
            "1M",
            "--part-size",
            "256K",
            "--jobs",
            "2",
        ];
        if !resume {
            args.push("--no-resume");
        }
        let before = world.count("oss:UploadPart");
        let (code, stderr) = interrupt_when(&world, &args, || {
            world.count("oss:UploadPart") >= before + 3
        });
        world.clear_faults();
        assert_eq!(code, 130, "{stderr}");
        if resume {
            assert!(
                stderr.contains("checkpoint kept") && stderr.contains("run the same command again"),
                "{stderr}"
            );
            assert_eq!(world.pending_uploads(), 1);
        } else {
            assert!(stderr.contains("aborted"), "{stderr}");
            assert_eq!(
                world.pending_uploads(),
                1,
                "the aborted upload is gone, the kept one remains"
            );
        }
    }
}

#[test]
fn a_closed_stdout_ends_quietly() {
    let world = World::with_user();
    std::fs::write(world.path("big.bin"), pattern(8 * 1024 * 1024, 73)).unwrap();
    assert_eq!(
        world
            .run(&["oss", "put", "big.bin", "oss://sample-bucket/pipe/big.bin"])
            .code,
        0
    );
    let mut child = world
        .command(&["oss", "get", "oss://sample-bucket/pipe/big.bin", "-"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdout = child.stdout.take().unwrap();
    let mut ten = [0u8; 10];
    std::io::Read::read_exact(&mut stdout, &mut ten).unwrap();
    drop(stdout); // like `| head -c 10`
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[cfg(unix)]
#[test]
fn ctrl_c_during_a_sync_stops_cleanly_and_the_same_command_goes_on() {
    let world = World::with_user();
    let src = world.path("many");
    std::fs::create_dir_all(&src).unwrap();
    for i in 0..120 {
        std::fs::write(src.join(format!("f{i:03}.txt")), format!("file {i}")).unwrap();
    }
    world.fault("PutObject", "delay:100", 10_000);
    let args = [
        "oss",
        "sync",
        "many",
        "oss://sample-bucket/many/",
        "--jobs",
        "2",
    ];
    let (code, stderr) = interrupt_when(&world, &args, || world.count("oss:PutObject") >= 6);
    world.clear_faults();
    assert_eq!(code, 130, "{stderr}");
    assert!(stderr.contains("run the same command again"), "{stderr}");
    let sent_before = world.count("oss:PutObject");
    assert!(sent_before < 120, "it stopped early: {sent_before}");
    // Again: only what is missing goes, and the tree is complete.
    let r = world.run(&args);
    assert_eq!(r.code, 0, "{r:?}");
    let second = world.count("oss:PutObject") - sent_before;
    assert!(
        second < 120 && second > 0,
        "{second} sent the second time: {r:?}"
    );
    let listed = world.run(&[
        "oss",
        "ls",
        "-r",
        "oss://sample-bucket/many/",
        "--summarize",
    ]);
    assert!(listed.stdout.contains("Total Objects: 120"), "{listed:?}");
}
