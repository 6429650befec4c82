//! Paths that are not plain files: devices, pipes and symlinks as download destinations, upload
//! sources and profile files. alicli replaces files by renaming a finished temporary file over
//! them; these tests pin down that it never renames over a device or a link, and that a pipe is
//! read as a stream rather than sized (its size reads as 0).

use std::os::unix::fs::{FileTypeExt, PermissionsExt};
use std::path::Path;

use crate::common::{pattern, read, World};

const K: usize = 1024;

fn mkfifo(path: &Path) {
    let status = std::process::Command::new("mkfifo")
        .arg(path)
        .status()
        .expect("mkfifo runs");
    assert!(status.success());
}

fn is_fifo(path: &Path) -> bool {
    std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_fifo())
}

fn is_symlink(path: &Path) -> bool {
    std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink())
}

fn dev_null_is_a_device() -> bool {
    std::fs::symlink_metadata("/dev/null").is_ok_and(|m| m.file_type().is_char_device())
}

#[test]
fn downloads_to_a_device_or_a_pipe_stream_in_place() {
    let world = World::with_user();
    // Above the multipart threshold used below, so a plain file would be fetched in ranges.
    let data = pattern(1536 * K, 11);
    world.put_as_user("special/obj.bin", &data);
    let small = ["--multipart-threshold", "1M", "--part-size", "256K"];

    let mut args = vec![
        "oss",
        "get",
        "oss://sample-bucket/special/obj.bin",
        "/dev/null",
    ];
    args.extend_from_slice(&small);
    let r = world.run(&args);
    assert_eq!(r.code, 0, "{r:?}");
    assert!(dev_null_is_a_device(), "/dev/null was replaced by a file");
    assert!(r.stderr.contains("to /dev/null"), "{r:?}");

    let fifo = world.path("pipe");
    mkfifo(&fifo);
    let reader = {
        let fifo = fifo.clone();
        std::thread::spawn(move || std::fs::read(fifo).unwrap())
    };
    let fifo_arg = fifo.display().to_string();
    let mut args = vec![
        "oss",
        "get",
        "oss://sample-bucket/special/obj.bin",
        &fifo_arg,
    ];
    args.extend_from_slice(&small);
    let gets_before = world.count("oss:GetObject");
    let r = world.run(&args);
    assert_eq!(r.code, 0, "{r:?}");
    assert!(
        reader.join().unwrap() == data,
        "bytes through the pipe differ"
    );
    assert!(is_fifo(&fifo), "the pipe was replaced by a file");
    // Streamed, not ranged: one GET, and no part file or temporary file beside the pipe.
    assert_eq!(world.count("oss:GetObject") - gets_before, 1);
    let leftovers: Vec<_> = std::fs::read_dir(world.path(""))
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("alicli"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn uploads_from_a_pipe_stream_instead_of_sizing_it() {
    let world = World::with_user();
    let data = pattern(1300 * K, 12);
    let fifo = world.path("from-pipe");
    mkfifo(&fifo);
    let writer = {
        let (fifo, data) = (fifo.clone(), data.clone());
        std::thread::spawn(move || std::fs::write(fifo, data).unwrap())
    };
    let r = world.run(&[
        "oss",
        "put",
        "from-pipe",
        "oss://sample-bucket/special/piped.bin",
        "--part-size",
        "256K",
    ]);
    writer.join().unwrap();
    assert_eq!(r.code, 0, "{r:?}");
    assert!(r.stderr.contains("uploaded from-pipe to"), "{r:?}");
    assert_eq!(
        world.count("oss:UploadPart"),
        6,
        "1300 KiB in 256 KiB parts"
    );
    let r = world.run(&[
        "oss",
        "get",
        "oss://sample-bucket/special/piped.bin",
        "back.bin",
    ]);
    assert_eq!(r.code, 0, "{r:?}");
    assert!(
        read(&world.path("back.bin")) == data,
        "uploaded bytes differ"
    );

    // A device is a stream too: /dev/null uploads an empty object.
    let r = world.run(&[
        "oss",
        "put",
        "/dev/null",
        "oss://sample-bucket/special/empty",
    ]);
    assert_eq!(r.code, 0, "{r:?}");
    let r = world.run(&["oss", "get", "oss://sample-bucket/special/empty", "-"]);
    assert_eq!((r.code, r.stdout.as_str()), (0, ""), "{r:?}");
}

#[test]
fn a_symlinked_destination_keeps_its_link() {
    let world = World::with_user();
    std::fs::create_dir(world.path("real")).unwrap();
    for (key, size, extra) in [
        ("special/small", 10 * K, &[][..]),
        (
            "special/large",
            1536 * K,
            &["--multipart-threshold", "1M", "--part-size", "256K"][..],
        ),
    ] {
        let data = pattern(size, size as u64);
        world.put_as_user(key, &data);
        let target = world.path("real").join(key.replace('/', "_"));
        std::fs::write(&target, b"old").unwrap();
        let link = world.path(&format!("link-{size}"));
        std::os::unix::fs::symlink(&target, &link).unwrap();
        let url = format!("oss://sample-bucket/{key}");
        let link_arg = link.display().to_string();
        let mut args = vec!["oss", "get", &url, &link_arg];
        args.extend_from_slice(extra);
        let r = world.run(&args);
        assert_eq!(r.code, 0, "{r:?}");
        assert!(is_symlink(&link), "{size}: the link was replaced by a file");
        assert!(read(&target) == data, "{size}: the link's target differs");
    }
}

#[test]
fn a_symlinked_profile_file_keeps_its_link_and_devices_are_refused() {
    let world = World::new();
    std::fs::create_dir(world.path("dotfiles")).unwrap();
    let target = world.path("dotfiles").join("alicli.toml");
    let link = world.path("linked.toml");
    std::os::unix::fs::symlink("dotfiles/alicli.toml", &link).unwrap();
    let link_arg = link.display().to_string();
    for id in ["LTAIfirstkey00001", "LTAIsecondkey0002"] {
        let r = world.run(&[
            "configure",
            "--config-file",
            &link_arg,
            "--access-key-id",
            id,
            "--access-key-secret",
            "not-a-real-secret",
        ]);
        assert_eq!(r.code, 0, "{r:?}");
        assert!(is_symlink(&link), "the link was replaced by a file");
        let text = String::from_utf8(read(&target)).unwrap();
        assert!(text.contains(id), "{text}");
    }
    let mode = std::fs::metadata(&target).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600);

    let r = world.run(&[
        "configure",
        "--config-file",
        "/dev/null",
        "--access-key-id",
        "LTAIfirstkey00001",
        "--access-key-secret",
        "not-a-real-secret",
    ]);
    assert_eq!(r.code, 2, "{r:?}");
    assert!(r.stderr.contains("not a regular file"), "{r:?}");
    assert_eq!(r.stderr.lines().count(), 1, "{r:?}");
    assert!(dev_null_is_a_device(), "/dev/null was replaced by a file");
}
