//! Large objects: multipart and ranged transfers at the edges of the threshold, resuming after a
//! kill, CRC-64 catching corruption, stdin through parts, and what the terminal shows.

use std::process::Stdio;
use std::time::Duration;

use crate::common::{kill_when, pattern, read, World};

const K: usize = 1024;
/// Small limits keep the tests fast while exercising the same code as 64 MiB / 8 MiB would.
const SMALL: [&str; 4] = ["--multipart-threshold", "1M", "--part-size", "256K"];

fn put(world: &World, file: &str, key: &str, extra: &[&str]) -> crate::common::Run {
    let url = format!("oss://sample-bucket/{key}");
    let mut args = vec!["oss", "put", file, &url];
    args.extend_from_slice(extra);
    world.run(&args)
}

fn get(world: &World, key: &str, dest: &str, extra: &[&str]) -> crate::common::Run {
    let url = format!("oss://sample-bucket/{key}");
    let mut args = vec!["oss", "get", &url, dest];
    args.extend_from_slice(extra);
    world.run(&args)
}

#[test]
fn sizes_around_the_threshold_round_trip() {
    let world = World::with_user();
    let threshold = 1024 * K;
    for (i, size) in [
        0,
        1,
        threshold - 1,
        threshold,
        threshold + 1,
        5 * 256 * K + 123,
    ]
    .into_iter()
    .enumerate()
    {
        let data = pattern(size, i as u64);
        std::fs::write(world.path("src.bin"), &data).unwrap();
        let parts_before = world.count("oss:UploadPart");
        let r = put(&world, "src.bin", &format!("sizes/{size}"), &SMALL);
        assert_eq!(r.code, 0, "{size}: {r:?}");
        let parts = world.count("oss:UploadPart") - parts_before;
        let expected_parts = if size >= threshold {
            size.div_ceil(256 * K) as u64
        } else {
            0
        };
        assert_eq!(parts, expected_parts, "{size}");
        let ranges_before = world.count("oss:GetObject");
        let r = get(&world, &format!("sizes/{size}"), "dst.bin", &SMALL);
        assert_eq!(r.code, 0, "{size}: {r:?}");
        assert!(
            read(&world.path("dst.bin")) == data,
            "{size}: downloaded bytes differ"
        );
        let gets = world.count("oss:GetObject") - ranges_before;
        // One GET learns the size; a ranged download adds one GET per part.
        assert_eq!(gets, 1 + expected_parts, "{size}");
    }
    assert_eq!(world.pending_uploads(), 0);
}

#[test]
fn part_count_near_the_limit() {
    let world = World::with_user();
    // 9 990 parts of the smallest size OSS allows, and one byte more.
    let size = 9_990 * 100 * K + 1;
    let data = pattern(size, 7);
    std::fs::write(world.path("many.bin"), &data).unwrap();
    let r = put(
        &world,
        "many.bin",
        "many/parts.bin",
        &["--part-size", "100K", "--jobs", "8"],
    );
    assert_eq!(r.code, 0, "{r:?}");
    assert_eq!(world.count("oss:UploadPart"), 9_991);
    let r = get(
        &world,
        "many/parts.bin",
        "many-back.bin",
        &["--part-size", "1M", "--jobs", "8"],
    );
    assert_eq!(r.code, 0, "{r:?}");
    assert!(read(&world.path("many-back.bin")) == data);
    // Parts below OSS's minimum, or one part more than OSS allows, are refused before any request.
    let before = world.total_requests();
    let r = put(
        &world,
        "many.bin",
        "many/too.bin",
        &["--part-size", "102399"],
    );
    assert_eq!(r.code, 2, "{r:?}");
    let over = std::fs::File::create(world.path("over.bin")).unwrap();
    over.set_len(10_000 * 100 * K as u64 + 1).unwrap(); // sparse: nothing is read before refusing
    let r = put(
        &world,
        "over.bin",
        "many/over.bin",
        &["--part-size", "100K"],
    );
    assert_eq!(r.code, 2, "{r:?}");
    assert!(r.stderr.contains("at most 10000"), "{r:?}");
    assert_eq!(world.total_requests(), before);
}

#[test]
fn killed_put_resumes_from_the_parts_already_there() {
    let world = World::with_user();
    let data = pattern(4 * 1024 * K + 17, 11);
    std::fs::write(world.path("big.bin"), &data).unwrap();
    let total_parts = data.len().div_ceil(256 * K) as u64;
    world.fault("UploadPart", "delay:150", 1000);
    let args = [
        "oss",
        "put",
        "big.bin",
        "oss://sample-bucket/resume/big.bin",
        "--multipart-threshold",
        "1M",
        "--part-size",
        "256K",
        "--jobs",
        "2",
    ];
    kill_when(&world, &args, || world.count("oss:UploadPart") >= 6);
    world.clear_faults();
    let sent_before = world.count("oss:UploadPart");
    assert!(
        sent_before < total_parts,
        "killed too late to test resuming"
    );
    assert_eq!(
        world.pending_uploads(),
        1,
        "the interrupted upload is kept for resuming"
    );

    let r = world.run(&args);
    assert_eq!(r.code, 0, "{r:?}");
    assert!(
        r.stderr.contains("resuming the interrupted upload"),
        "{r:?}"
    );
    let resent = world.count("oss:UploadPart") - sent_before;
    assert!(
        resent < total_parts,
        "every part was sent again ({resent} of {total_parts})"
    );
    assert!(
        world.count("oss:ListParts") >= 1,
        "resuming confirms parts with ListParts"
    );
    let r = get(&world, "resume/big.bin", "back.bin", &[]);
    assert_eq!(r.code, 0, "{r:?}");
    assert!(
        read(&world.path("back.bin")) == data,
        "the resumed upload differs from the file"
    );
    assert_eq!(world.pending_uploads(), 0);
}

#[test]
fn a_changed_source_starts_over_with_a_warning() {
    let world = World::with_user();
    std::fs::write(world.path("c.bin"), pattern(2 * 1024 * K, 1)).unwrap();
    world.fault("UploadPart", "500", 1);
    let mut no_retries = SMALL.to_vec();
    no_retries.extend(["--retries", "0"]);
    let r = put(&world, "c.bin", "changed/c.bin", &no_retries);
    assert_eq!(r.code, 6, "{r:?}");
    assert!(
        r.stderr.contains("run the same command again to resume"),
        "{r:?}"
    );
    let data = pattern(2 * 1024 * K + 5, 2);
    std::thread::sleep(Duration::from_millis(20));
    std::fs::write(world.path("c.bin"), &data).unwrap();
    let r = put(&world, "c.bin", "changed/c.bin", &SMALL);
    assert_eq!(r.code, 0, "{r:?}");
    assert!(
        r.stderr.contains("changed since the interrupted upload")
            && r.stderr.contains("starting over"),
        "{r:?}"
    );
    assert_eq!(world.pending_uploads(), 0, "the stale upload was aborted");
    let r = get(&world, "changed/c.bin", "c-back.bin", &[]);
    assert_eq!(r.code, 0);
    assert!(read(&world.path("c-back.bin")) == data);
}

#[test]
fn no_resume_aborts_a_failed_upload() {
    let world = World::with_user();
    std::fs::write(world.path("n.bin"), pattern(2 * 1024 * K, 5)).unwrap();
    world.fault("UploadPart", "500", 1000);
    let mut args = SMALL.to_vec();
    args.push("--no-resume");
    let r = put(&world, "n.bin", "noresume/n.bin", &args);
    assert_eq!(r.code, 6, "{r:?}");
    assert!(r.stderr.contains("aborted"), "{r:?}");
    assert_eq!(world.count("oss:AbortMultipartUpload"), 1);
    assert_eq!(world.pending_uploads(), 0);
    world.clear_faults();
}

#[test]
fn killed_get_resumes_and_dest_stays_untouched() {
    let world = World::with_user();
    let data = pattern(4 * 1024 * K + 3, 21);
    std::fs::write(world.path("g.bin"), &data).unwrap();
    assert_eq!(put(&world, "g.bin", "resume/g.bin", &SMALL).code, 0);
    std::fs::write(world.path("out.bin"), b"old contents").unwrap();
    world.fault("GetObject", "delay:150", 1000);
    let args = [
        "oss",
        "get",
        "oss://sample-bucket/resume/g.bin",
        "out.bin",
        "--multipart-threshold",
        "1M",
        "--part-size",
        "256K",
        "--jobs",
        "2",
    ];
    let before = world.count("oss:GetObject");
    kill_when(&world, &args, || world.count("oss:GetObject") >= before + 6);
    world.clear_faults();
    assert_eq!(
        read(&world.path("out.bin")),
        b"old contents",
        "DEST untouched by the killed download"
    );
    assert_eq!(
        part_files(&world, "out.bin").len(),
        1,
        "the part file is kept for resuming"
    );
    let fetched_before = world.count("oss:GetObject");
    let r = world.run(&args);
    assert_eq!(r.code, 0, "{r:?}");
    assert!(
        r.stderr.contains("resuming the interrupted download"),
        "{r:?}"
    );
    let total_parts = data.len().div_ceil(256 * K) as u64;
    assert!(
        world.count("oss:GetObject") - fetched_before < total_parts + 1,
        "every part was fetched again"
    );
    assert!(read(&world.path("out.bin")) == data);
    assert!(part_files(&world, "out.bin").is_empty());
}

/// The part files of ranged downloads to `dest` in the world's folder
/// (`.DEST.<transfer id>.alicli-download`).
fn part_files(world: &World, dest: &str) -> Vec<String> {
    std::fs::read_dir(world.dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(&format!(".{dest}.")) && n.ends_with(".alicli-download"))
        .collect()
}

#[test]
fn corruption_is_caught_by_crc64() {
    let world = World::with_user();
    let data = pattern(3 * 1024 * K, 31);
    std::fs::write(world.path("x.bin"), &data).unwrap();
    let mut once = SMALL.to_vec();
    once.extend(["--retries", "0"]);
    // A corrupted part on upload: caught, and with retries healed by sending the part again.
    world.fault("UploadPart", "corrupt", 1);
    let r = put(&world, "x.bin", "crc/x.bin", &once);
    assert_eq!(r.code, 6, "{r:?}");
    assert!(
        r.stderr.contains("corrupted in transit") && r.stderr.contains("CRC-64"),
        "{r:?}"
    );
    world.fault("UploadPart", "corrupt", 1);
    let r = put(&world, "x.bin", "crc/healed.bin", &SMALL);
    assert_eq!(r.code, 0, "{r:?}");
    assert!(r.stderr.contains("retrying part"), "{r:?}");
    assert_eq!(get(&world, "crc/healed.bin", "healed.bin", &[]).code, 0);
    assert!(read(&world.path("healed.bin")) == data);
    // The single-request path checks too.
    std::fs::write(world.path("small.txt"), b"small").unwrap();
    world.fault("PutObject", "corrupt", 1);
    let r = put(&world, "small.txt", "crc/small.txt", &["--retries", "0"]);
    assert_eq!(r.code, 6, "{r:?}");
    assert!(r.stderr.contains("corrupted"), "{r:?}");
    world.fault("GetObject", "corrupt", 1);
    let r = get(
        &world,
        "crc/healed.bin",
        "healed-again.bin",
        &["--multipart-threshold", "64M"],
    );
    assert_eq!(
        r.code, 0,
        "a damaged single download is fetched again: {r:?}"
    );
    assert!(read(&world.path("healed-again.bin")) == data);

    // Corrupted downloads, single and ranged: nothing is left in place.
    assert_eq!(put(&world, "x.bin", "crc/ok.bin", &SMALL).code, 0);
    // The ranged download spends its first GET learning the size: corrupt the next one too.
    // Ranged parts carry no CRC of their own: the damage shows only in the whole object's, so
    // retries cannot heal it and the download fails cleanly.
    for (extra, faults) in [
        (vec!["--multipart-threshold", "64M", "--retries", "0"], 1),
        (SMALL.to_vec(), 2),
    ] {
        world.fault("GetObject", "corrupt", faults);
        let r = get(&world, "crc/ok.bin", "y.bin", &extra);
        assert_eq!(r.code, 6, "{extra:?}: {r:?}");
        assert!(
            r.stderr.contains("download corrupted") && r.stderr.contains("nothing was written"),
            "{r:?}"
        );
        assert!(!world.path("y.bin").exists());
        assert!(part_files(&world, "y.bin").is_empty());
        let leftovers = std::fs::read_dir(world.dir.path())
            .unwrap()
            .filter_map(|e| e.ok())
            .filter(|e| e.file_name().to_string_lossy().starts_with(".y.bin"))
            .count();
        assert_eq!(leftovers, 0);
    }
    world.clear_faults();
}

#[test]
fn stdin_streams_through_bounded_parts() {
    let world = World::with_user();
    let data = pattern(3 * 1024 * K + 99, 41);
    let mut child = world
        .command(&[
            "oss",
            "put",
            "-",
            "oss://sample-bucket/stdin/big.bin",
            "--part-size",
            "256K",
            "--jobs",
            "3",
        ])
        .stdin(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let feed = data.clone();
    let writer = std::thread::spawn(move || std::io::Write::write_all(&mut stdin, &feed));
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        world.count("oss:UploadPart"),
        data.len().div_ceil(256 * K) as u64
    );
    let r = get(&world, "stdin/big.bin", "stdin-back.bin", &[]);
    assert_eq!(r.code, 0);
    assert!(read(&world.path("stdin-back.bin")) == data);
}

#[test]
fn summary_line_without_a_terminal_and_quiet() {
    let world = World::with_user();
    std::fs::write(world.path("s.bin"), pattern(2 * 1024 * K, 51)).unwrap();
    let r = put(&world, "s.bin", "summary/s.bin", &SMALL);
    assert_eq!(r.code, 0, "{r:?}");
    let lines: Vec<&str> = r.stderr.lines().collect();
    assert_eq!(lines.len(), 1, "{r:?}");
    assert!(
        lines[0].starts_with("uploaded s.bin to oss://sample-bucket/summary/s.bin in 8 parts ("),
        "{r:?}"
    );
    assert!(lines[0].contains("/s)"), "{r:?}");
    let r = world.run(&[
        "-q",
        "oss",
        "get",
        "oss://sample-bucket/summary/s.bin",
        "q.bin",
        "--multipart-threshold",
        "1M",
    ]);
    assert_eq!(r.code, 0, "{r:?}");
    assert!(r.stderr.is_empty(), "{r:?}");
}

#[cfg(unix)]
#[test]
fn downloads_get_ordinary_file_modes() {
    use std::os::unix::fs::PermissionsExt;
    let world = World::with_user();
    std::fs::write(world.path("m.bin"), pattern(2 * 1024 * K, 81)).unwrap();
    assert_eq!(put(&world, "m.bin", "modes/m.bin", &SMALL).code, 0);
    assert_eq!(
        get(
            &world,
            "modes/m.bin",
            "single.bin",
            &["--multipart-threshold", "64M"]
        )
        .code,
        0
    );
    assert_eq!(get(&world, "modes/m.bin", "ranged.bin", &SMALL).code, 0);
    let mode = |name: &str| {
        std::fs::metadata(world.path(name))
            .unwrap()
            .permissions()
            .mode()
            & 0o777
    };
    assert_eq!(mode("single.bin"), mode("ranged.bin"));
    assert_ne!(
        mode("single.bin"),
        0o600,
        "not the temporary file's private mode"
    );
}
