//! Trust at the edges: alicli against servers that misbehave (redirects, wrong ranges, endless
//! or trickling bodies, unusable credentials), folders with things planted in them, interrupted
//! transfers whose leftovers no longer match, and output that reaches a terminal. Each test
//! fails on the behaviour the trust-at-the-edges issue describes and passes on the fix; see
//! docs/security.md for the promises they check.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::common::scripted::{answer, cut_short, endless, plain, trickle, Hit, Scripted};
use crate::common::{
    clean_command, clean_shell, kill_when, pattern, read, run_with_stdin, to_run, Run, World,
};

const K: usize = 1024;
const ID: &str = "LTAI5tEdgeTestKeyId";
const SECRET: &str = "edge-test-secret-value";
const TOKEN: &str = "edge-test-security-token-value";
const SMALL: [&str; 4] = ["--multipart-threshold", "1M", "--part-size", "256K"];

/// Runs alicli in `dir` with OSS credentials (a temporary key with its token) in the
/// environment, plus `env`.
fn run_oss(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> Run {
    let mut cmd = clean_command(dir, args);
    cmd.env("OSS_ACCESS_KEY_ID", ID)
        .env("OSS_ACCESS_KEY_SECRET", SECRET)
        .env("OSS_SESSION_TOKEN", TOKEN);
    for (k, v) in env {
        cmd.env(k, v);
    }
    to_run(cmd.output().unwrap())
}

/// `alicli oss get oss://sample-bucket/k DEST --endpoint SERVER EXTRA…` in a fresh folder, with
/// [`run_oss`]'s credentials; the folder is returned to look at what was left in it.
fn get_from(server: &Scripted, dest: &str, extra: &[&str]) -> (tempfile::TempDir, Run) {
    let dir = tempfile::tempdir().unwrap();
    let url = server.url();
    let mut args = vec![
        "oss",
        "get",
        "oss://sample-bucket/k",
        dest,
        "--endpoint",
        &url,
    ];
    args.extend_from_slice(extra);
    let r = run_oss(dir.path(), &args, &[]);
    (dir, r)
}

/// The same with the long-term key for STS.
fn run_sts(dir: &Path, args: &[&str]) -> Run {
    let mut cmd = clean_command(dir, args);
    cmd.env("ALIBABA_CLOUD_ACCESS_KEY_ID", ID)
        .env("ALIBABA_CLOUD_ACCESS_KEY_SECRET", SECRET);
    to_run(cmd.output().unwrap())
}

/// No secret of this file's in `text`.
fn assert_no_secret(text: &str) {
    for s in [SECRET, TOKEN] {
        assert!(!text.contains(s), "a secret leaked: {text}");
    }
}

/// Names in `dir` that start with `prefix`.
fn names_starting(dir: &Path, prefix: &str) -> Vec<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(prefix))
        .collect()
}

// ---------------------------------------------------------------------------------------------
// 1. Redirects

#[test]
fn redirects_are_reported_never_followed() {
    let sink = Scripted::sink();
    let location = format!("{}/replayed", sink.url());
    let redirector = Scripted::start(move |_| answer(307, &[("Location", location.clone())], ""));
    let dir = tempfile::tempdir().unwrap();
    let r = run_sts(
        dir.path(),
        &[
            "sts",
            "assume-role",
            "--role-arn",
            "acs:ram::1234567890123456:role/r",
            "--role-session-name",
            "s1",
            "--endpoint",
            &redirector.url(),
            "--save-profile",
            "saved",
        ],
    );
    assert_eq!(r.code, 1, "{r:?}");
    assert!(
        r.stderr.contains("redirect (HTTP 307)")
            && r.stderr.contains(&sink.url())
            && r.stderr.contains("does not follow"),
        "{r:?}"
    );
    assert!(r.stdout.is_empty(), "{r:?}");
    assert!(
        !dir.path().join("config.toml").exists(),
        "nothing was saved from a redirected call"
    );
    for signing in [
        &["--sign-version", "v1"][..],
        &["--region", "cn-hangzhou"][..],
    ] {
        let mut args = vec![
            "oss",
            "get",
            "oss://sample-bucket/k",
            "out.bin",
            "--endpoint",
        ];
        let url = redirector.url();
        args.push(&url);
        args.extend_from_slice(signing);
        let r = run_oss(dir.path(), &args, &[]);
        assert_eq!(r.code, 1, "{signing:?}: {r:?}");
        assert!(r.stderr.contains("does not follow"), "{r:?}");
        assert!(
            !r.stderr.contains("retrying"),
            "a redirect is not retried: {r:?}"
        );
        assert!(!dir.path().join("out.bin").exists());
        assert_no_secret(&r.stderr);
    }
    assert_eq!(redirector.hits().len(), 3, "one request per command");
    // `sink` checks on drop that nothing reached it: no replayed form, no token.
}

#[test]
fn a_wrong_region_redirect_keeps_its_hint() {
    let server = Scripted::start(|_| {
        answer(
            301,
            &[("Content-Type", "application/xml".into())],
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>PermanentRedirect</Code><Message>The bucket you are attempting to access must be addressed using the specified endpoint. Please send all future requests to this endpoint.</Message><RequestId>R1</RequestId><HostId>h</HostId><Bucket>sample-bucket</Bucket><Endpoint>oss-cn-shanghai.aliyuncs.com</Endpoint></Error>",
        )
    });
    let (_dir, r) = get_from(&server, "out", &["--region", "cn-hangzhou"]);
    assert_eq!(r.code, 1, "{r:?}");
    assert!(r.stderr.contains("PermanentRedirect"), "{r:?}");
    assert!(
        r.stderr.contains(
            "hint: the bucket is in another region: use --endpoint oss-cn-shanghai.aliyuncs.com"
        ),
        "{r:?}"
    );
}

// ---------------------------------------------------------------------------------------------
// 2. Part files and planted links

/// The part file a ranged download of `key` to `dest` (in the world's folder) uses.
fn part_file_of(world: &World, key: &str, dest: &str) -> PathBuf {
    let folder = std::fs::canonicalize(world.dir.path()).unwrap();
    let dest_name = folder.join(dest).display().to_string();
    let endpoint = world.endpoint();
    let id = alicli::oss::checkpoint::id_for(&["get", &endpoint, "sample-bucket", key, &dest_name]);
    world.path(&format!(".{dest}.{}.alicli-download", &id[..12]))
}

#[cfg(unix)]
#[test]
fn a_planted_link_is_never_written_through() {
    use std::os::unix::fs::symlink;
    let world = World::with_user();
    let data = pattern(2 * 1024 * K + 5, 41);
    world.put_as_user("planted/data.bin", &data);
    let victim = world.path("victim.txt");
    std::fs::write(&victim, b"precious").unwrap();
    let part = part_file_of(&world, "planted/data.bin", "out.bin");
    symlink(&victim, &part).unwrap();
    symlink(&victim, world.path(".out.bin.alicli-download")).unwrap();
    let mut args = vec![
        "oss",
        "get",
        "oss://sample-bucket/planted/data.bin",
        "out.bin",
    ];
    args.extend(SMALL);
    let r = world.run(&args);
    assert_eq!(r.code, 0, "{r:?}");
    assert!(read(&world.path("out.bin")) == data);
    assert_eq!(read(&victim), b"precious", "the link's target was written");
    assert!(!world.path("out.bin").is_symlink());

    // A resumed download reopens its part file: a link put there since is refused too.
    world.fault("GetObject", "delay:150", 1000);
    let before = world.count("oss:GetObject");
    let mut args = vec![
        "oss",
        "get",
        "oss://sample-bucket/planted/data.bin",
        "again.bin",
        "--jobs",
        "2",
    ];
    args.extend(SMALL);
    kill_when(&world, &args, || world.count("oss:GetObject") >= before + 4);
    world.clear_faults();
    let part = part_file_of(&world, "planted/data.bin", "again.bin");
    assert!(part.exists(), "the killed download kept its part file");
    std::fs::remove_file(&part).unwrap();
    symlink(&victim, &part).unwrap();
    let r = world.run(&args);
    assert_eq!(r.code, 0, "{r:?}");
    assert!(
        r.stderr.contains("cannot be resumed") && r.stderr.contains("symbolic link"),
        "{r:?}"
    );
    assert!(read(&world.path("again.bin")) == data);
    assert_eq!(read(&victim), b"precious");
}

// ---------------------------------------------------------------------------------------------
// 3. Secrets on argv

#[test]
fn oss_config_takes_secrets_from_stdin() {
    let world = World::new();
    let mut cmd = world.command(&[
        "oss",
        "config",
        "--endpoint",
        "http://127.0.0.1:9",
        "--access-key-id",
        "STS.stdin-key-id",
        "--access-key-secret",
        "-",
        "--security-token",
        "-",
    ]);
    let out = run_with_stdin(&mut cmd, b"secret-from-stdin\ntoken-from-stdin\n");
    assert_eq!(out.code, 0, "{out:?}");
    let text = std::fs::read_to_string(world.config_file()).unwrap();
    assert!(
        text.contains("access_key_secret = \"secret-from-stdin\""),
        "{text}"
    );
    assert!(
        text.contains("security_token = \"token-from-stdin\""),
        "{text}"
    );
    assert!(
        !text.contains("\"-\""),
        "`-` was stored as the secret: {text}"
    );
    // One of them from stdin, the other (an old-docs spelling) on the command line.
    let mut cmd = world.command(&[
        "oss",
        "Config",
        "--accessid",
        "STS.other-id",
        "--accesskey",
        "inline-secret-x",
        "--sts_token",
        "-",
    ]);
    assert_eq!(run_with_stdin(&mut cmd, b"token-two\n").code, 0);
    let text = std::fs::read_to_string(world.config_file()).unwrap();
    assert!(text.contains("security_token = \"token-two\""), "{text}");
    // Nothing on stdin is an error, not an empty secret.
    let mut cmd = world.command(&[
        "oss",
        "config",
        "--access-key-id",
        "STS.x",
        "--access-key-secret",
        "-",
    ]);
    let out = run_with_stdin(&mut cmd, b"");
    assert_eq!(out.code, 2, "{out:?}");
    assert!(
        out.stderr.contains("nothing was read from stdin"),
        "{out:?}"
    );
}

/// On a terminal, a missing secret and token are asked for without echo (run under `script`,
/// which gives the command a pseudo-terminal).
#[cfg(target_os = "linux")]
#[test]
fn oss_config_asks_for_secrets_on_a_terminal() {
    if Command::new("script").arg("--version").output().is_err() {
        panic!("util-linux `script` is needed to give alicli a terminal");
    }
    let world = World::new();
    let bin = env!("CARGO_BIN_EXE_alicli");
    let line =
        format!("{bin} oss config --endpoint http://127.0.0.1:9 --access-key-id STS.prompted-id");
    let mut cmd = Command::new("script");
    cmd.args(["-qec", &line, "/dev/null"])
        .current_dir(world.dir.path())
        .env("ALICLI_CONFIG_FILE", world.config_file())
        .env("HOME", world.dir.path());
    // Typed a moment after the prompts appear.
    let out = feed_slowly(&mut cmd, &["prompted-secret\n", "prompted-token\n"]);
    assert_eq!(out.code, 0, "{out:?}");
    assert!(out.stdout.contains("AccessKey Secret for OSS"), "{out:?}");
    assert!(
        !out.stdout.contains("prompted-secret"),
        "the secret was echoed: {out:?}"
    );
    let text = std::fs::read_to_string(world.config_file()).unwrap();
    assert!(
        text.contains("access_key_secret = \"prompted-secret\""),
        "{text}"
    );
    assert!(
        text.contains("security_token = \"prompted-token\""),
        "{text}"
    );
}

fn feed_slowly(cmd: &mut Command, lines: &[&str]) -> Run {
    use std::io::Write;
    let mut child = cmd
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    for line in lines {
        std::thread::sleep(Duration::from_millis(700));
        stdin.write_all(line.as_bytes()).unwrap();
        stdin.flush().unwrap();
    }
    std::thread::sleep(Duration::from_millis(500));
    drop(stdin);
    to_run(child.wait_with_output().unwrap())
}

// ---------------------------------------------------------------------------------------------
// 4. Core dumps

/// alicli makes itself non-dumpable first thing: no core file holds its secrets, and other
/// processes of the user cannot read its memory. Checked two ways: the kernel gives a
/// non-dumpable process's /proc files to root, and a crash with core dumps enabled writes no
/// core. A control process (`sleep`) under the same conditions shows both checks can fail.
#[cfg(target_os = "linux")]
#[test]
fn the_process_is_not_dumpable() {
    use std::os::unix::fs::MetadataExt;
    use std::os::unix::process::CommandExt;
    let dir = tempfile::tempdir().unwrap();
    // As root, run both as `nobody`, so that root-owned /proc files mean "not dumpable".
    let me = unsafe { libc::geteuid() };
    let run_as = if me == 0 { 65534 } else { me };
    // A server that never answers keeps alicli waiting with the secret loaded.
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let endpoint = format!("http://{}", listener.local_addr().unwrap());
    // Each in a folder of its own: a core file is written to the crashing process's folder.
    let folder = |name: &str| {
        let f = dir.path().join(name);
        std::fs::create_dir(&f).unwrap();
        f
    };
    let (control_dir, alicli_dir) = (folder("control"), folder("alicli"));
    let start = |program: &str, args: &[&str]| {
        let mut cmd = if program == "alicli" {
            clean_command(&alicli_dir, args)
        } else {
            let mut c = Command::new(program);
            c.args(args).current_dir(&control_dir);
            c
        };
        cmd.env("OSS_ACCESS_KEY_ID", ID)
            .env("OSS_ACCESS_KEY_SECRET", SECRET)
            .stdout(Stdio::null())
            .stderr(Stdio::null());
        unsafe {
            cmd.pre_exec(move || {
                let unlimited = libc::rlimit {
                    rlim_cur: libc::RLIM_INFINITY,
                    rlim_max: libc::RLIM_INFINITY,
                };
                libc::setrlimit(libc::RLIMIT_CORE, &unlimited);
                if run_as != libc::geteuid() {
                    libc::setgid(run_as);
                    libc::setuid(run_as);
                }
                Ok(())
            });
        }
        cmd.spawn().unwrap()
    };
    if me == 0 {
        use std::os::unix::fs::PermissionsExt;
        for f in [dir.path(), &control_dir, &alicli_dir] {
            std::fs::set_permissions(f, std::fs::Permissions::from_mode(0o777)).unwrap();
        }
    }
    let mut control = start("sleep", &["30"]);
    let mut alicli = start(
        "alicli",
        &[
            "oss",
            "get",
            "oss://sample-bucket/k",
            "-",
            "--endpoint",
            &endpoint,
            "--sign-version",
            "v1",
            "--read-timeout",
            "30",
        ],
    );
    // Wait until alicli is waiting on the server (its request arrived).
    listener.set_nonblocking(false).unwrap();
    let (_conn, _) = listener.accept().unwrap();
    let owner = |pid: u32| {
        std::fs::metadata(format!("/proc/{pid}/environ"))
            .unwrap()
            .uid()
    };
    assert_eq!(owner(control.id()), run_as, "the control is dumpable");
    assert_eq!(
        owner(alicli.id()),
        0,
        "alicli's /proc files are not root's: it is dumpable"
    );
    // Crash both, as abort() does (Rust's runtime takes the first SIGSEGV sent by kill for a
    // stack overflow probe and goes on).
    for child in [&mut control, &mut alicli] {
        unsafe { libc::kill(child.id() as i32, libc::SIGABRT) };
    }
    let control_status = control.wait().unwrap();
    let alicli_status = alicli.wait().unwrap();
    use std::os::unix::process::ExitStatusExt;
    assert_eq!(
        alicli_status.signal(),
        Some(libc::SIGABRT),
        "alicli did not crash"
    );
    let control_cores = names_starting(&control_dir, "core");
    if control_status.core_dumped() || !control_cores.is_empty() {
        // The control's core holds the secret (it was in its environment): alicli's would too.
        let core = std::fs::read(control_dir.join(&control_cores[0])).unwrap();
        assert!(core.windows(SECRET.len()).any(|w| w == SECRET.as_bytes()));
        assert!(!alicli_status.core_dumped(), "alicli dumped core");
        assert_eq!(names_starting(&alicli_dir, "core"), Vec::<String>::new());
    } else {
        eprintln!("this machine writes no core files (see /proc/sys/kernel/core_pattern): only the /proc check ran");
    }
}

// ---------------------------------------------------------------------------------------------
// 5. Proxies

#[test]
fn proxy_passwords_never_show_and_bad_proxies_send_nothing() {
    let world = World::with_user();
    for (how, env) in [
        (
            vec!["--proxy", "http://user:hunter2pass@127.0.0.1:99999"],
            vec![],
        ),
        (vec!["--proxy", "ftp://proxy.example:21"], vec![]),
        (vec!["--proxy", ""], vec![]),
        (
            vec![],
            vec![("HTTP_PROXY", "http://user:hunter2pass@h:3128:x")],
        ),
        (vec![], vec![("https_proxy", "socks5://h:1080")]),
    ] {
        let before = world.total_requests();
        let mut args = vec!["oss", "get", "oss://sample-bucket/k", "out"];
        args.extend(how.iter().copied());
        let r = world.run_env(&args, &env);
        assert_eq!(r.code, 2, "{how:?} {env:?}: {r:?}");
        assert!(
            r.stderr.contains("proxy") || r.stderr.contains("--proxy"),
            "{r:?}"
        );
        assert!(
            !r.stderr.contains("hunter2pass"),
            "the proxy password showed: {r:?}"
        );
        assert_eq!(world.total_requests(), before, "a request went out: {r:?}");
    }
}

// ---------------------------------------------------------------------------------------------
// 6. Terminal escapes

#[test]
fn control_sequences_from_servers_and_keys_are_escaped() {
    let server = Scripted::start(|_| {
        answer(
            403,
            &[("Content-Type", "application/xml".into())],
            "<Error><Code>AccessDenied\u{1b}[2J</Code><Message>denied\u{1b}]0;pwned\u{7}\nerror: forged line\r</Message><RequestId>R\u{1b}[31m</RequestId></Error>",
        )
    });
    let (_dir, r) = get_from(&server, "out", &["--sign-version", "v1", "-v"]);
    assert_eq!(r.code, 1, "{r:?}");
    for c in ['\u{1b}', '\u{7}', '\r'] {
        assert!(
            !r.stderr.contains(c),
            "raw {c:?} reached the terminal: {:?}",
            r.stderr
        );
    }
    assert!(
        r.stderr
            .contains("denied\\x1b]0;pwned\\x07\\nerror: forged line"),
        "{r:?}"
    );
    assert!(
        !r.stderr
            .lines()
            .any(|l| l.starts_with("error: forged line")),
        "a line was forged: {r:?}"
    );
    // A key with CR and LF cannot forge summary lines.
    let world = World::with_user();
    std::fs::write(world.path("f.txt"), b"x").unwrap();
    let r = world.run(&[
        "oss",
        "put",
        "f.txt",
        "oss://sample-bucket/evil\r\nuploaded everything\u{1b}[1m",
    ]);
    assert_eq!(r.code, 0, "{r:?}");
    assert_eq!(r.stderr.lines().count(), 1, "{r:?}");
    assert!(
        r.stderr.contains("evil\\r\\nuploaded everything\\x1b[1m"),
        "{r:?}"
    );
}

// ---------------------------------------------------------------------------------------------
// 7. Resumed downloads never mix objects

#[test]
fn two_interrupted_downloads_to_one_dest_never_mix() {
    let world = World::with_user();
    let a = pattern(2 * 1024 * K, 71);
    let b = pattern(2 * 1024 * K, 72);
    world.put_as_user("mix/a.bin", &a);
    world.put_as_user("mix/b.bin", &b);
    let args = |key: &'static str| {
        let mut v = vec!["oss", "get", key, "out.bin", "--jobs", "2"];
        v.extend(SMALL);
        v
    };
    for key in [
        "oss://sample-bucket/mix/a.bin",
        "oss://sample-bucket/mix/b.bin",
    ] {
        world.fault("GetObject", "delay:200", 1000);
        let before = world.count("oss:GetObject");
        kill_when(&world, &args(key), || {
            world.count("oss:GetObject") >= before + 4
        });
        world.clear_faults();
    }
    assert_eq!(
        names_starting(world.dir.path(), ".out.bin.").len(),
        2,
        "a part file each"
    );
    let r = world.run(&args("oss://sample-bucket/mix/a.bin"));
    assert_eq!(r.code, 0, "{r:?}");
    assert!(r.stderr.contains("resuming"), "{r:?}");
    assert!(r.stderr.contains("of it received before"), "{r:?}");
    assert!(
        read(&world.path("out.bin")) == a,
        "a's download holds other bytes"
    );
    let r = world.run(&args("oss://sample-bucket/mix/b.bin"));
    assert_eq!(r.code, 0, "{r:?}");
    assert!(read(&world.path("out.bin")) == b);
}

#[test]
fn parts_kept_on_disk_are_hashed_before_they_are_trusted() {
    let world = World::with_user();
    let data = pattern(2 * 1024 * K, 73);
    world.put_as_user("rehash/d.bin", &data);
    let mut args = vec![
        "oss",
        "get",
        "oss://sample-bucket/rehash/d.bin",
        "out.bin",
        "--jobs",
        "2",
    ];
    args.extend(SMALL);
    world.fault("GetObject", "delay:200", 1000);
    let before = world.count("oss:GetObject");
    kill_when(&world, &args, || world.count("oss:GetObject") >= before + 5);
    world.clear_faults();
    // Damage the whole part file on disk, under its checkpoint's feet.
    let part = part_file_of(&world, "rehash/d.bin", "out.bin");
    let len = std::fs::metadata(&part).unwrap().len() as usize;
    std::fs::OpenOptions::new()
        .write(true)
        .open(&part)
        .and_then(|mut f| std::io::Write::write_all(&mut f, &vec![0x5a; len]))
        .unwrap();
    let r = world.run(&args);
    assert_eq!(r.code, 0, "{r:?}");
    assert!(
        r.stderr.contains("did not match their checksums on disk"),
        "{r:?}"
    );
    assert!(read(&world.path("out.bin")) == data);
}

// ---------------------------------------------------------------------------------------------
// 8. Resumed uploads never mix builds

#[test]
fn a_same_size_same_mtime_rebuild_starts_over() {
    let world = World::with_user();
    let old = pattern(2 * 1024 * K + 9, 81);
    let new = pattern(2 * 1024 * K + 9, 82);
    let src = world.path("build.bin");
    std::fs::write(&src, &old).unwrap();
    let mtime = std::fs::metadata(&src).unwrap().modified().unwrap();
    let mut args = vec![
        "oss",
        "put",
        "build.bin",
        "oss://sample-bucket/builds/build.bin",
        "--jobs",
        "2",
    ];
    args.extend(SMALL);
    world.fault("UploadPart", "delay:200", 1000);
    kill_when(&world, &args, || world.count("oss:UploadPart") >= 4);
    world.clear_faults();
    // The rebuild: same size, mtime pinned (cp -p, touch -r, reproducible builds).
    std::fs::write(&src, &new).unwrap();
    std::fs::File::options()
        .write(true)
        .open(&src)
        .unwrap()
        .set_modified(mtime)
        .unwrap();
    let r = world.run(&args);
    assert_eq!(r.code, 0, "{r:?}");
    assert!(r.stderr.contains("changed (part"), "{r:?}");
    let r = world.run(&[
        "oss",
        "get",
        "oss://sample-bucket/builds/build.bin",
        "back.bin",
    ]);
    assert_eq!(r.code, 0, "{r:?}");
    assert!(
        read(&world.path("back.bin")) == new,
        "the object mixes two builds"
    );
    assert_eq!(world.pending_uploads(), 0, "the old upload was aborted");
}

/// Starts `alicli oss put FILE oss://sample-bucket/KEY EXTRA…` with `op` slowed down, writes
/// into FILE in place (as a build writing its output would) once `op` has been asked for, and
/// returns how the upload ended.
fn change_during_put(world: &World, file: &str, key: &str, extra: &[&str], op: &str) -> Run {
    let url = format!("oss://sample-bucket/{key}");
    let mut args = vec!["oss", "put", file, &url];
    args.extend_from_slice(extra);
    world.fault(op, "delay:300", 1000);
    let counter = format!("oss:{op}");
    let child = world
        .command(&args)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(30);
    while world.count(&counter) < 1 {
        assert!(Instant::now() < deadline, "{op} never came");
        std::thread::sleep(Duration::from_millis(20));
    }
    std::fs::OpenOptions::new()
        .write(true)
        .open(world.path(file))
        .and_then(|mut f| std::io::Write::write_all(&mut f, b"rewritten"))
        .unwrap();
    let r = to_run(child.wait_with_output().unwrap());
    world.clear_faults();
    r
}

#[test]
fn a_source_that_changes_during_the_upload_is_an_error() {
    let world = World::with_user();
    std::fs::write(world.path("growing.bin"), pattern(2 * 1024 * K, 83)).unwrap();
    let mut extra = vec!["--jobs", "1"];
    extra.extend(SMALL);
    let r = change_during_put(
        &world,
        "growing.bin",
        "live/growing.bin",
        &extra,
        "UploadPart",
    );
    assert_eq!(r.code, 1, "{r:?}");
    assert!(
        r.stderr
            .contains("growing.bin changed while it was being uploaded"),
        "{r:?}"
    );
    assert!(r.stderr.contains("aborted"), "{r:?}");
    assert_eq!(world.pending_uploads(), 0);
    let r = world.run(&["oss", "get", "oss://sample-bucket/live/growing.bin", "x"]);
    assert_eq!(r.code, 5, "a mixed object was completed: {r:?}");

    // One PutObject cannot be taken back: the error says the object may be a mix.
    std::fs::write(world.path("small.bin"), pattern(100 * K, 84)).unwrap();
    let r = change_during_put(&world, "small.bin", "live/small.bin", &[], "PutObject");
    assert_eq!(r.code, 1, "{r:?}");
    assert!(
        r.stderr
            .contains("small.bin changed while it was being uploaded")
            && r.stderr
                .contains("may mix the old and new content; upload it again"),
        "{r:?}"
    );
}

// ---------------------------------------------------------------------------------------------
// 9. Answers to ranged GETs

/// How a test server spoils its answer to a ranged GET.
type Spoil = fn(&Hit, &[u8]) -> axum::http::Response<axum::body::Body>;

/// An object server whose answers to ranged GETs are wrong in the way `spoil` makes them.
fn range_server(data: Vec<u8>, spoil: Spoil) -> Scripted {
    Scripted::start(move |hit| {
        if hit.header("range").is_none() {
            return answer(
                200,
                &[
                    ("ETag", "\"E1\"".into()),
                    ("Content-Length", data.len().to_string()),
                ],
                data.clone(),
            );
        }
        spoil(hit, &data)
    })
}

#[test]
fn wrong_answers_to_ranged_gets_are_refused() {
    let data = pattern(1024 * K, 91);
    let cases: [(&str, Spoil); 4] = [
        ("200 instead of 206", |_, d| {
            answer(200, &[("ETag", "\"E1\"".into())], d.to_vec())
        }),
        ("another range", |_, d| {
            answer(
                206,
                &[
                    ("ETag", "\"E1\"".into()),
                    (
                        "Content-Range",
                        format!("bytes 0-{}/{}", 256 * K - 1, d.len()),
                    ),
                ],
                d[..256 * K].to_vec(),
            )
        }),
        ("a longer body", |h, d| {
            let start: usize = h.header("range").unwrap()[6..]
                .split('-')
                .next()
                .unwrap()
                .parse()
                .unwrap();
            let end = (start + 300 * K).min(d.len());
            answer(
                206,
                &[
                    ("ETag", "\"E1\"".into()),
                    (
                        "Content-Range",
                        format!("bytes {start}-{}/{}", start + 256 * K - 1, d.len()),
                    ),
                ],
                d[start..end].to_vec(),
            )
        }),
        ("another object", |h, d| {
            let spec = &h.header("range").unwrap()[6..];
            let (a, b) = spec.split_once('-').unwrap();
            let (a, b): (usize, usize) = (a.parse().unwrap(), b.parse().unwrap());
            answer(
                206,
                &[
                    ("ETag", "\"E2\"".into()),
                    ("Content-Range", format!("bytes {a}-{b}/{}", d.len())),
                ],
                d[a..=b].to_vec(),
            )
        }),
    ];
    for (what, spoil) in cases {
        let server = range_server(data.clone(), spoil);
        let (dir, r) = get_from(
            &server,
            "out.bin",
            &[
                "--sign-version",
                "v1",
                "--multipart-threshold",
                "512K",
                "--part-size",
                "256K",
                "--retries",
                "0",
            ],
        );
        assert_eq!(r.code, 6, "{what}: {r:?}");
        assert!(
            r.stderr.contains("OSS answered a ranged GET with"),
            "{what}: {r:?}"
        );
        assert!(!dir.path().join("out.bin").exists(), "{what}");
        let left: Vec<_> = names_starting(dir.path(), ".out.bin");
        assert!(left.len() <= 1, "{what}: {left:?}");
        for name in left {
            let len = std::fs::metadata(dir.path().join(&name)).unwrap().len();
            assert_eq!(
                len,
                data.len() as u64,
                "{what}: the part file grew past the object"
            );
        }
        let ranged = server
            .hits()
            .into_iter()
            .find(|h| h.header("range").is_some())
            .unwrap();
        assert_eq!(
            ranged.header("if-match"),
            Some("\"E1\""),
            "{what}: asked without If-Match"
        );
    }
}

// ---------------------------------------------------------------------------------------------
// 10. Checkpoints are checked

#[test]
fn a_corrupt_checkpoint_is_discarded_with_a_warning() {
    let world = World::with_user();
    let data = pattern(2 * 1024 * K, 101);
    world.put_as_user("ck/d.bin", &data);
    std::fs::write(world.path("up.bin"), &data).unwrap();
    let folder = std::fs::canonicalize(world.dir.path()).unwrap();
    let endpoint = world.endpoint();
    let get_id = alicli::oss::checkpoint::id_for(&[
        "get",
        &endpoint,
        "sample-bucket",
        "ck/d.bin",
        &folder.join("out.bin").display().to_string(),
    ]);
    let put_id = alicli::oss::checkpoint::id_for(&[
        "put",
        &folder.join("up.bin").display().to_string(),
        &endpoint,
        "sample-bucket",
        "ck/up.bin",
    ]);
    let checkpoints = world.path("cache/checkpoints");
    std::fs::create_dir_all(&checkpoints).unwrap();
    // Whole headers of each kind, but with a part size of 0 (a division by zero, once).
    let get_header = format!(
        "{{\"endpoint\":{endpoint:?},\"bucket\":\"sample-bucket\",\"key\":\"ck/d.bin\",\"dest\":\"x\",\"etag\":\"x\",\"size\":2097152,\"part_size\":0,\"crc64\":null,\"last_modified\":\"\",\"part_file\":\".out.bin.x.alicli-download\",\"part_file_id\":[1,2]}}\n{{\"number\":1,\"crc64\":1,\"size\":0}}\n"
    );
    let put_header = format!(
        "{{\"source\":\"x\",\"size\":2097152,\"mtime_ns\":0,\"endpoint\":{endpoint:?},\"bucket\":\"sample-bucket\",\"key\":\"ck/up.bin\",\"part_size\":0,\"upload_id\":\"U\"}}\n"
    );
    std::fs::write(checkpoints.join(format!("{get_id}.jsonl")), get_header).unwrap();
    std::fs::write(checkpoints.join(format!("{put_id}.jsonl")), put_header).unwrap();
    let mut get = vec!["oss", "get", "oss://sample-bucket/ck/d.bin", "out.bin"];
    get.extend(SMALL);
    let r = world.run(&get);
    assert_eq!(r.code, 0, "{r:?}");
    assert!(
        r.stderr.contains("cannot be used") && r.stderr.contains("part size 0"),
        "{r:?}"
    );
    assert!(read(&world.path("out.bin")) == data);
    let mut put = vec!["oss", "put", "up.bin", "oss://sample-bucket/ck/up.bin"];
    put.extend(SMALL);
    let r = world.run(&put);
    assert_eq!(r.code, 0, "{r:?}");
    assert!(
        r.stderr.contains("cannot be used") && r.stderr.contains("part size 0"),
        "{r:?}"
    );
    for id in [&get_id, &put_id] {
        assert!(!checkpoints.join(format!("{id}.jsonl")).exists(), "kept");
    }
}

// ---------------------------------------------------------------------------------------------
// 11. Leftovers

#[test]
fn a_killed_small_get_leaves_nothing_after_the_next_run() {
    let world = World::with_user();
    world.put_as_user("small/s.bin", &pattern(300 * K, 111));
    world.fault("GetObject", "delay:3000", 1);
    let before = world.count("oss:GetObject");
    kill_when(
        &world,
        &["oss", "get", "oss://sample-bucket/small/s.bin", "s.bin"],
        || world.count("oss:GetObject") > before,
    );
    world.clear_faults();
    let left = names_starting(world.dir.path(), ".s.bin.");
    assert_eq!(left.len(), 1, "the kill left its temporary file: {left:?}");
    // Old enough to be taken for abandoned.
    let stale = world.path(&left[0]);
    std::fs::File::options()
        .write(true)
        .open(&stale)
        .unwrap()
        .set_modified(std::time::SystemTime::now() - Duration::from_secs(60))
        .unwrap();
    let r = world.run(&["oss", "get", "oss://sample-bucket/small/s.bin", "s.bin"]);
    assert_eq!(r.code, 0, "{r:?}");
    assert!(
        names_starting(world.dir.path(), ".s.bin.").is_empty(),
        "leftovers stay"
    );
}

#[test]
fn an_unusable_cache_folder_costs_only_resuming() {
    let world = World::with_user();
    let data = pattern(2 * 1024 * K, 112);
    world.put_as_user("cache/d.bin", &data);
    // A file where the cache folder should be: no checkpoint can be written.
    std::fs::write(world.path("not-a-folder"), b"x").unwrap();
    let cache = world.path("not-a-folder").display().to_string();
    let mut args = vec!["oss", "get", "oss://sample-bucket/cache/d.bin", "out.bin"];
    args.extend(SMALL);
    let r = world.run_env(&args, &[("ALICLI_CACHE_DIR", &cache)]);
    assert_eq!(r.code, 0, "{r:?}");
    assert!(r.stderr.contains("cannot keep a checkpoint"), "{r:?}");
    assert!(read(&world.path("out.bin")) == data);
    // And a failure then leaves no part file behind.
    world.fault("GetObject", "500", 1000);
    let r = world.run_env(&args, &[("ALICLI_CACHE_DIR", &cache)]);
    world.clear_faults();
    assert_eq!(r.code, 6, "{r:?}");
    assert!(
        names_starting(world.dir.path(), ".out.bin.").is_empty(),
        "a part file was left"
    );
}

/// Out of room (a file size limit stands in for a full disk): the space is reserved before the
/// first part, so the download fails at once, cleans up, and does not promise a resume.
#[cfg(target_os = "linux")]
#[test]
fn no_room_fails_early_and_leaves_nothing() {
    use std::os::unix::process::CommandExt;
    let world = World::with_user();
    let data = pattern(3 * 1024 * K, 113);
    world.put_as_user("room/d.bin", &data);
    let mut args = vec!["oss", "get", "oss://sample-bucket/room/d.bin", "out.bin"];
    args.extend(SMALL);
    let mut cmd = world.command(&args);
    unsafe {
        cmd.pre_exec(|| {
            // Writes past the limit fail with EFBIG instead of killing the process.
            libc::signal(libc::SIGXFSZ, libc::SIG_IGN);
            let limit = libc::rlimit {
                rlim_cur: 1024 * 1024,
                rlim_max: 1024 * 1024,
            };
            libc::setrlimit(libc::RLIMIT_FSIZE, &limit);
            Ok(())
        });
    }
    let before = world.count("oss:GetObject");
    let r = to_run(cmd.output().unwrap());
    assert_eq!(r.code, 1, "{r:?}");
    assert!(r.stderr.contains("not enough room"), "{r:?}");
    assert!(!r.stderr.contains("resume"), "{r:?}");
    assert!(names_starting(world.dir.path(), ".out.bin").is_empty());
    assert!(!world.path("out.bin").exists());
    assert_eq!(
        world.count("oss:GetObject") - before,
        1,
        "only the size was asked"
    );
}

#[cfg(unix)]
#[test]
fn checkpoints_are_private() {
    use std::os::unix::fs::PermissionsExt;
    let world = World::with_user();
    std::fs::write(world.path("p.bin"), pattern(2 * 1024 * K, 114)).unwrap();
    world.fault("UploadPart", "500", 1000);
    let mut args = vec![
        "oss",
        "put",
        "p.bin",
        "oss://sample-bucket/private/p.bin",
        "--retries",
        "0",
    ];
    args.extend(SMALL);
    let r = world.run(&args);
    world.clear_faults();
    assert_eq!(r.code, 6, "{r:?}");
    let folder = world.path("cache/checkpoints");
    let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&folder), 0o700);
    let files: Vec<_> = std::fs::read_dir(&folder)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(files.len(), 1);
    assert_eq!(mode(&files[0]), 0o600);
}

#[cfg(unix)]
#[test]
fn a_read_only_dest_is_left_alone() {
    use std::os::unix::fs::PermissionsExt;
    let world = World::with_user();
    world.put_as_user("ro/k", b"new");
    let dest = world.path("ro.txt");
    std::fs::write(&dest, b"keep me").unwrap();
    std::fs::set_permissions(&dest, std::fs::Permissions::from_mode(0o444)).unwrap();
    let before = world.total_requests();
    let r = world.run(&["oss", "get", "oss://sample-bucket/ro/k", "ro.txt"]);
    assert_eq!(r.code, 2, "{r:?}");
    assert!(r.stderr.contains("ro.txt is read-only"), "{r:?}");
    assert_eq!(read(&dest), b"keep me");
    assert_eq!(world.total_requests(), before);
}

// ---------------------------------------------------------------------------------------------
// 12. Bounded reads

/// An error answer of 3 GiB, under a 1 GiB address-space limit (a CI job's memory limit):
/// read whole, it aborts alicli; bounded, it is one more AccessDenied.
#[cfg(target_os = "linux")]
#[test]
fn a_huge_error_body_is_not_read_whole() {
    use std::os::unix::process::CommandExt;
    let server = Scripted::start(|_| {
        answer(
            403,
            &[("Content-Length", (3u64 << 30).to_string())],
            endless(b'x', 3 << 30),
        )
    });
    let dir = tempfile::tempdir().unwrap();
    let url = server.url();
    let mut cmd = clean_command(
        dir.path(),
        &[
            "oss",
            "get",
            "oss://sample-bucket/k",
            "out",
            "--endpoint",
            &url,
            "--sign-version",
            "v1",
        ],
    );
    cmd.env("OSS_ACCESS_KEY_ID", ID)
        .env("OSS_ACCESS_KEY_SECRET", SECRET);
    unsafe {
        cmd.pre_exec(|| {
            let limit = libc::rlimit {
                rlim_cur: 1 << 30,
                rlim_max: 1 << 30,
            };
            libc::setrlimit(libc::RLIMIT_AS, &limit);
            Ok(())
        });
    }
    let r = to_run(cmd.output().unwrap());
    assert_eq!(r.code, 4, "{r:?}");
    assert!(r.stderr.contains("AccessDenied"), "{r:?}");
    assert!(
        r.stderr.len() < 4096,
        "the body was printed: {} bytes",
        r.stderr.len()
    );
}

#[test]
fn a_trickling_answer_meets_its_deadline() {
    let server = Scripted::start(|_| answer(500, &[], trickle(Duration::from_millis(50))));
    let dir = tempfile::tempdir().unwrap();
    let url = server.url();
    let started = Instant::now();
    let r = run_oss(
        dir.path(),
        &[
            "oss",
            "get",
            "oss://sample-bucket/k",
            "out",
            "--endpoint",
            &url,
            "--sign-version",
            "v1",
            "--read-timeout",
            "1",
            "--retries",
            "1",
        ],
        &[],
    );
    assert_eq!(r.code, 6, "{r:?}");
    // Without a deadline the body never ends; with it, two attempts of about a second each.
    assert!(
        started.elapsed() < Duration::from_secs(30),
        "{:?}",
        started.elapsed()
    );
}

#[test]
fn endless_listparts_pages_are_refused_and_ctrl_c_stops_them() {
    // A checkpoint pointing at the scripted server makes `oss put` ask it for ListParts.
    let pages = std::sync::Arc::new(std::sync::atomic::AtomicU32::new(0));
    let counted = pages.clone();
    let server = Scripted::start(move |hit| {
        let marker: u32 = hit
            .uri
            .split("part-number-marker=")
            .nth(1)
            .and_then(|v| v.split('&').next())
            .and_then(|v| v.parse().ok())
            .unwrap_or(0);
        counted.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        std::thread::sleep(Duration::from_millis(100));
        let parts: String = (marker + 1..=marker + 1000)
            .map(|n| {
                format!("<Part><PartNumber>{n}</PartNumber><ETag>\"e\"</ETag><Size>1</Size></Part>")
            })
            .collect();
        answer(
            200,
            &[],
            format!("<ListPartsResult><Bucket>sample-bucket</Bucket><Key>k</Key><UploadId>U</UploadId><NextPartNumberMarker>{}</NextPartNumberMarker><IsTruncated>true</IsTruncated>{parts}</ListPartsResult>", marker + 1000),
        )
    });
    let dir = tempfile::tempdir().unwrap();
    let src = dir.path().join("src.bin");
    std::fs::write(&src, pattern(1024 * K, 121)).unwrap();
    let meta = std::fs::metadata(&src).unwrap();
    let mtime_ns = meta
        .modified()
        .unwrap()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_nanos();
    let source = std::fs::canonicalize(&src).unwrap().display().to_string();
    let url = server.url();
    let id = alicli::oss::checkpoint::id_for(&["put", &source, &url, "sample-bucket", "k"]);
    let checkpoints = dir.path().join("cache/checkpoints");
    std::fs::create_dir_all(&checkpoints).unwrap();
    std::fs::write(
        checkpoints.join(format!("{id}.jsonl")),
        format!("{{\"source\":{source:?},\"size\":{},\"mtime_ns\":{mtime_ns},\"endpoint\":{url:?},\"bucket\":\"sample-bucket\",\"key\":\"k\",\"part_size\":262144,\"upload_id\":\"U\"}}\n", meta.len()),
    )
    .unwrap();
    let args = [
        "oss",
        "put",
        "src.bin",
        "oss://sample-bucket/k",
        "--endpoint",
        &url,
        "--sign-version",
        "v1",
        "--multipart-threshold",
        "512K",
    ];
    let r = run_oss(dir.path(), &args, &[]);
    assert_eq!(r.code, 6, "{r:?}");
    assert!(r.stderr.contains("more than 10000 parts"), "{r:?}");
    assert!(
        pages.load(std::sync::atomic::Ordering::SeqCst) <= 11,
        "pages without end"
    );

    // Again, stopped by SIGINT half-way through the pages.
    pages.store(0, std::sync::atomic::Ordering::SeqCst);
    std::fs::write(
        checkpoints.join(format!("{id}.jsonl")),
        format!("{{\"source\":{source:?},\"size\":{},\"mtime_ns\":{mtime_ns},\"endpoint\":{url:?},\"bucket\":\"sample-bucket\",\"key\":\"k\",\"part_size\":262144,\"upload_id\":\"U\"}}\n", meta.len()),
    )
    .unwrap();
    let mut cmd = clean_command(dir.path(), &args);
    cmd.env("OSS_ACCESS_KEY_ID", ID)
        .env("OSS_ACCESS_KEY_SECRET", SECRET);
    let child = cmd
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    while pages.load(std::sync::atomic::Ordering::SeqCst) < 3 {
        std::thread::sleep(Duration::from_millis(10));
    }
    unsafe { libc::kill(child.id() as i32, libc::SIGINT) };
    let r = to_run(child.wait_with_output().unwrap());
    assert_eq!(r.code, 130, "{r:?}");
    assert!(
        pages.load(std::sync::atomic::Ordering::SeqCst) < 8,
        "the pages went on"
    );
}

// ---------------------------------------------------------------------------------------------
// 13. Unusable STS answers

#[test]
fn unusable_sts_answers_are_never_saved_or_exported() {
    let credentials = |id: &str, secret: &str, token: &str, expiration: &str| {
        format!(
            "{{\"RequestId\":\"R\",\"AssumedRoleUser\":{{\"Arn\":\"acs:ram::1:role/r/s1\",\"AssumedRoleId\":\"3:s1\"}},\"Credentials\":{{\"AccessKeyId\":\"{id}\",\"AccessKeySecret\":\"{secret}\",\"SecurityToken\":\"{token}\",\"Expiration\":\"{expiration}\"}}}}"
        )
    };
    for (what, body) in [
        (
            "expired",
            credentials("STS.a", "secret-a", "token-a", "2020-01-01T00:00:00Z"),
        ),
        ("empty", credentials("", "", "", "2099-01-01T00:00:00Z")),
        (
            "unreadable expiration",
            credentials("STS.a", "secret-a", "token-a", "soon"),
        ),
        (
            "a token with a line break",
            credentials("STS.a", "secret-a", "tok\\nen", "2099-01-01T00:00:00Z"),
        ),
    ] {
        let server = Scripted::start(move |_| {
            answer(
                200,
                &[("Content-Type", "application/json".into())],
                body.clone(),
            )
        });
        let dir = tempfile::tempdir().unwrap();
        let url = server.url();
        for output in ["json", "env"] {
            let r = run_sts(
                dir.path(),
                &[
                    "sts",
                    "assume-role",
                    "--role-arn",
                    "acs:ram::1234567890123456:role/r",
                    "--role-session-name",
                    "s1",
                    "--endpoint",
                    &url,
                    "--save-profile",
                    "saved",
                    "--output",
                    output,
                ],
            );
            assert_eq!(r.code, 6, "{what}: {r:?}");
            assert!(
                r.stderr.contains("credentials alicli cannot use"),
                "{what}: {r:?}"
            );
            assert!(
                !r.stdout.contains("secret-a") && !r.stdout.contains("export "),
                "{what}: {r:?}"
            );
            assert!(!dir.path().join("config.toml").exists(), "{what}: saved");
        }
    }
}

// ---------------------------------------------------------------------------------------------
// 15. TLS spoken to a plain-HTTP server

#[test]
fn https_to_a_plain_http_server_fails_at_once_with_the_fix() {
    let world = World::with_user();
    let schemeless = world.endpoint().trim_start_matches("http://").to_string();
    let started = Instant::now();
    let r = world.run(&[
        "oss",
        "get",
        "oss://sample-bucket/k",
        "out",
        "--endpoint",
        &schemeless,
    ]);
    assert_eq!(r.code, 6, "{r:?}");
    assert!(!r.stderr.contains("retrying"), "retried: {r:?}");
    assert!(
        r.stderr.contains(&format!("write http://{schemeless}")),
        "{r:?}"
    );
    assert!(started.elapsed() < Duration::from_secs(8));
}

// ---------------------------------------------------------------------------------------------
// 16. FIFOs and file names that are not UTF-8

#[cfg(unix)]
#[test]
fn a_fifo_profile_file_is_refused_not_waited_on() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("config.toml");
    let c = std::ffi::CString::new(fifo.as_os_str().as_encoded_bytes()).unwrap();
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
    let mut child = clean_command(dir.path(), &["configure", "list"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(20);
    while child.try_wait().unwrap().is_none() {
        if Instant::now() > deadline {
            child.kill().unwrap();
            panic!("configure list waits on a FIFO");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let r = to_run(child.wait_with_output().unwrap());
    assert_eq!(r.code, 2, "{r:?}");
    assert!(r.stderr.contains("not a regular file"), "{r:?}");
}

#[cfg(unix)]
#[test]
fn file_names_that_are_not_utf8_can_be_transferred() {
    use std::os::unix::ffi::OsStrExt;
    let world = World::with_user();
    let name = std::ffi::OsStr::from_bytes(b"caf\xe9.bin");
    std::fs::write(world.dir.path().join(name), b"latin-1 name").unwrap();
    let mut cmd = world.command(&["oss", "put"]);
    cmd.arg(name).arg("oss://sample-bucket/names/cafe.bin");
    let r = to_run(cmd.output().unwrap());
    assert_eq!(r.code, 0, "{r:?}");
    let back = std::ffi::OsStr::from_bytes(b"back-\xff.bin");
    let mut cmd = world.command(&["oss", "get", "oss://sample-bucket/names/cafe.bin"]);
    cmd.arg(back);
    let r = to_run(cmd.output().unwrap());
    assert_eq!(r.code, 0, "{r:?}");
    assert_eq!(read(&world.dir.path().join(back)), b"latin-1 name");
    // Without a key, the name would have to become one: it cannot.
    let mut cmd = world.command(&["oss", "put"]);
    cmd.arg(name).arg("oss://sample-bucket/names/");
    let r = to_run(cmd.output().unwrap());
    assert_eq!(r.code, 2, "{r:?}");
    assert!(r.stderr.contains("is not UTF-8"), "{r:?}");
}

// ---------------------------------------------------------------------------------------------
// 18. `eval "$(… --output env)"` after a failure

#[test]
fn a_failed_env_output_stops_an_eval() {
    let world = World::new();
    // The long-term key in the job's environment, as CI secrets put it there.
    let shell = |script: &str| {
        let mut cmd = clean_shell(world.dir.path(), script);
        cmd.env(
            "ALIBABA_CLOUD_ACCESS_KEY_ID",
            &world.cloud.info.access_key_id,
        )
        .env(
            "ALIBABA_CLOUD_ACCESS_KEY_SECRET",
            &world.cloud.info.access_key_secret,
        )
        .env("ALICLI_STS_ENDPOINT", world.endpoint());
        to_run(cmd.output().unwrap())
    };
    let script = "eval \"$(\"$ALICLI\" sts assume-role --role-arn acs:ram::1234567890123456:role/no-such-role --role-session-name s1 --output env)\" && echo EVAL-SUCCEEDED; echo \"id=${ALIBABA_CLOUD_ACCESS_KEY_ID-unset}\"";
    let r = shell(script);
    assert!(!r.stdout.contains("EVAL-SUCCEEDED"), "{r:?}");
    assert!(
        r.stdout.contains("id=unset"),
        "the long-term key stayed: {r:?}"
    );
    assert!(r.stderr.contains("EntityNotExist.Role"), "{r:?}");
    assert!(
        r.stderr.contains("sts assume-role failed (exit 5)"),
        "{r:?}"
    );
    // With `set -e`, the script stops right there.
    let r = shell(
        "set -e; eval \"$(\"$ALICLI\" sts assume-role --role-arn acs:ram::1234567890123456:role/no-such-role --role-session-name s1 --output env)\"; echo \"id=$ALIBABA_CLOUD_ACCESS_KEY_ID\"",
    );
    assert_ne!(r.code, 0, "{r:?}");
    assert!(!r.stdout.contains("id="), "{r:?}");
}

// ---------------------------------------------------------------------------------------------
// 19. A role profile written by hand

#[test]
fn a_hand_made_role_profile_inherits_its_source_profiles_endpoints() {
    let world = World::with_user();
    for (key, value) in [
        ("role_arn", world.cloud.info.role_arn.as_str()),
        ("source_profile", "default"),
    ] {
        let r = world.run(&["--profile", "byhand", "configure", "set", key, value]);
        assert_eq!(r.code, 0, "{r:?}");
    }
    world.put_as_user("byhand/h.txt", b"hand made");
    // No --endpoint: it comes from the source profile's oss section (the seeded role reads).
    let r = world.run(&[
        "--profile",
        "byhand",
        "oss",
        "get",
        "oss://sample-bucket/byhand/h.txt",
        "h.txt",
    ]);
    assert_eq!(r.code, 0, "{r:?}");
    assert_eq!(read(&world.path("h.txt")), b"hand made");
    assert_eq!(world.count("sts:AssumeRole"), 1);
}

// ---------------------------------------------------------------------------------------------
// 21. Streams continue where they broke off

#[test]
fn a_stream_that_breaks_off_continues_from_the_byte_it_reached() {
    let data = pattern(600 * K, 211);
    let crc = alicli_wire::crc64::checksum(&data).to_string();
    let body = data.clone();
    let server = Scripted::start(move |hit| {
        let headers = |extra: Vec<(&'static str, String)>| {
            let mut h = vec![
                ("ETag", "\"E1\"".to_string()),
                ("x-oss-hash-crc64ecma", crc.clone()),
            ];
            h.extend(extra);
            h
        };
        match hit.header("range") {
            None => answer(
                200,
                &headers(vec![("Content-Length", body.len().to_string())]),
                cut_short(body.clone(), 250 * K),
            ),
            Some(range) => {
                let start: usize = range[6..].trim_end_matches('-').parse().unwrap();
                if hit.header("if-match") != Some("\"E1\"") {
                    return plain(400, "no If-Match");
                }
                answer(
                    206,
                    &headers(vec![
                        (
                            "Content-Range",
                            format!("bytes {start}-{}/{}", body.len() - 1, body.len()),
                        ),
                        ("Content-Length", (body.len() - start).to_string()),
                    ]),
                    body[start..].to_vec(),
                )
            }
        }
    });
    let dir = tempfile::tempdir().unwrap();
    let url = server.url();
    let mut cmd = clean_command(
        dir.path(),
        &[
            "oss",
            "get",
            "oss://sample-bucket/k",
            "-",
            "--endpoint",
            &url,
            "--sign-version",
            "v1",
        ],
    );
    cmd.env("OSS_ACCESS_KEY_ID", ID)
        .env("OSS_ACCESS_KEY_SECRET", SECRET);
    let out = cmd.output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(out.stdout == data, "the stream is not the object");
    let hits = server.hits();
    assert_eq!(hits.len(), 2, "{hits:?}");
    assert_eq!(
        hits[1].header("range"),
        Some(format!("bytes={}-", 250 * K).as_str())
    );
}

#[test]
fn a_stream_whose_object_changed_is_an_error_not_a_splice() {
    let data = pattern(600 * K, 212);
    let body = data.clone();
    let server = Scripted::start(move |hit| {
        match hit.header("range") {
        None => answer(
            200,
            &[("ETag", "\"E1\"".into()), ("Content-Length", body.len().to_string())],
            cut_short(body.clone(), 100 * K),
        ),
        // The object was overwritten since: If-Match fails.
        Some(_) => answer(
            412,
            &[("Content-Type", "application/xml".into())],
            "<Error><Code>PreconditionFailed</Code><Message>At least one of the pre-conditions you specified did not hold.</Message><RequestId>R</RequestId></Error>",
        ),
    }
    });
    let (_dir, r) = get_from(&server, "-", &["--sign-version", "v1"]);
    assert_ne!(r.code, 0, "{r:?}");
    assert!(r.stderr.contains("changed while it was streamed"), "{r:?}");
    assert!(r.stderr.contains("PreconditionFailed"), "{r:?}");
}
