//! What a person watching a transfer sees: the real binary in a pseudo-terminal of a given
//! width (util-linux `script` makes the pty; `stty` inside it sets the size, and can change it
//! while the transfer runs), against a local cloud slowed down so that the line is redrawn many
//! times. The output is read back as a terminal would show it: escape sequences stripped, each
//! carriage return or line feed starting a line anew.

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::common::{clean_shell, pattern, to_run, World};

const K: usize = 1024;
const SMALL: [&str; 6] = [
    "--multipart-threshold",
    "1M",
    "--part-size",
    "256K",
    "--jobs",
    "2",
];
/// Long enough that 60 columns must cut it, short enough that 200 need not.
const KEY: &str = "releases/2024/very/long/path/to/the/nightly/build/artefacts/of/the/app/big.bin";

/// `alicli ARGS` in a `cols`-wide pty; with `resize`, the pty becomes that many columns wide
/// once the file `resize.now` appears in the world's folder (or after a minute, so that a
/// failed test leaves nothing waiting).
fn pty_command(
    world: &World,
    cols: u16,
    resize: Option<u16>,
    env: &[(&str, &str)],
    args: &[&str],
) -> Command {
    let quoted: Vec<String> = args.iter().map(|a| format!("'{a}'")).collect();
    let resize = resize
        // A background job's stdin is /dev/null: stty finds the terminal through /dev/tty.
        .map(|cols| {
            format!(
                "(i=0; while [ ! -e resize.now ] && [ $i -lt 1200 ]; do sleep 0.05; i=$((i+1)); done; \
                 stty cols {cols} < /dev/tty) & "
            )
        })
        .unwrap_or_default();
    let inner = format!(
        "stty cols {cols} rows 40 || exit 98; {resize}\"$ALICLI\" {}",
        quoted.join(" ")
    );
    let script = format!(
        "command -v script > /dev/null || {{ echo 'the pty tests need script (util-linux, Debian package bsdutils)'; exit 99; }}\n\
         exec script -qefc '{}' /dev/null",
        inner.replace('\'', "'\\''")
    );
    let mut cmd = clean_shell(world.dir.path(), &script);
    cmd.env("TERM", "xterm-256color")
        .env_remove("NO_COLOR")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    for (k, v) in env {
        cmd.env(k, v);
    }
    cmd
}

/// The exit code and everything written to the terminal.
fn finish(child: std::process::Child) -> (i32, String) {
    let r = to_run(child.wait_with_output().expect("script runs"));
    assert_ne!(r.code, 99, "{}", r.stdout);
    (r.code, r.stdout)
}

fn in_pty(world: &World, cols: u16, env: &[(&str, &str)], args: &[&str]) -> (i32, String) {
    finish(pty_command(world, cols, None, env, args).spawn().unwrap())
}

/// What the terminal shows, line by line: escape sequences removed, and a carriage return or a
/// line feed ends a line (a redraw of the live line starts with one or the other).
fn rendered_lines(raw: &str) -> Vec<String> {
    let mut lines = vec![String::new()];
    let mut chars = raw.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\x1b' => {
                // CSI: ESC [ parameters final-byte; other escapes are two characters.
                if chars.peek() == Some(&'[') {
                    chars.next();
                    for c in chars.by_ref() {
                        if ('@'..='~').contains(&c) {
                            break;
                        }
                    }
                } else {
                    chars.next();
                }
            }
            '\r' | '\n' => lines.push(String::new()),
            c => lines.last_mut().unwrap().push(c),
        }
    }
    lines.retain(|l| !l.trim().is_empty());
    lines
}

/// Whether `raw` holds a Select Graphic Rendition sequence (`ESC [ … m`): colour or bold.
fn has_sgr(raw: &str) -> bool {
    raw.split('\x1b').skip(1).any(|seq| {
        seq.strip_prefix('[').is_some_and(|rest| {
            rest.chars()
                .find(|c| ('@'..='~').contains(c))
                .is_some_and(|c| c == 'm')
        })
    })
}

fn columns(line: &str) -> usize {
    unicode_width::UnicodeWidthStr::width(line)
}

/// The live line's frames among the rendered lines (`put …` or `get …`, not the summary).
fn frames<'a>(lines: &'a [String], verb: &str) -> Vec<&'a String> {
    lines
        .iter()
        .filter(|l| l.starts_with(&format!("{verb} ")))
        .collect()
}

fn slow_world() -> World {
    let world = World::with_user();
    std::fs::write(world.path("big.bin"), pattern(6 * 256 * K * 4, 7)).unwrap();
    world
}

/// Every frame of the live line fits (the summary line after it is an ordinary line, printed
/// once, which the terminal may wrap like any other).
fn check_width(frames: &[&String], cols: usize, raw: &str) {
    for line in frames {
        assert!(
            columns(line) <= cols,
            "a line of {} columns in a {cols}-column terminal: {line:?}\n{raw:?}",
            columns(line)
        );
    }
}

fn check_first_frame(frames: &[&String], raw: &str) {
    let first = frames
        .first()
        .unwrap_or_else(|| panic!("no live line: {raw:?}"));
    assert!(!first.contains("ETA"), "ETA in the first frame: {first:?}");
    assert!(
        !first.contains("B/s"),
        "a rate in the first frame: {first:?}"
    );
    assert!(
        frames.iter().any(|f| f.contains("ETA")),
        "the ETA never showed: {frames:?}"
    );
}

#[test]
fn the_live_line_fits_60_and_200_columns() {
    let world = slow_world();
    let url = format!("oss://sample-bucket/{KEY}");
    for cols in [60usize, 200] {
        world.fault("UploadPart", "delay:200", 100);
        let mut args = vec!["oss", "put", "big.bin", &url];
        args.extend(SMALL);
        let (code, raw) = in_pty(&world, cols as u16, &[], &args);
        world.clear_faults();
        assert_eq!(code, 0, "{raw}");
        let lines = rendered_lines(&raw);
        let frames = frames(&lines, "put");
        check_width(&frames, cols, &raw);
        assert!(frames.len() >= 3, "too few redraws: {lines:?}");
        check_first_frame(&frames, &raw);
        if cols == 60 {
            assert!(
                frames
                    .iter()
                    .all(|f| f.starts_with("put …") && f.contains("/big.bin")),
                "the key does not keep its end: {frames:?}"
            );
        } else {
            assert!(frames.iter().all(|f| f.contains(&url)), "{frames:?}");
            assert!(frames.iter().any(|f| f.contains("parts ")), "{frames:?}");
        }
        // Nothing is coloured: no SGR sequence at all, NO_COLOR or not.
        assert!(!has_sgr(&raw), "colours: {raw:?}");
        assert!(
            lines.iter().any(|l| l.starts_with("uploaded ")),
            "no summary: {lines:?}"
        );
    }

    // A download, slowed down the same way.
    world.fault("GetObject", "delay:200", 100);
    let mut args = vec!["oss", "get", &url, "back.bin"];
    args.extend(SMALL);
    let (code, raw) = in_pty(&world, 60, &[], &args);
    world.clear_faults();
    assert_eq!(code, 0, "{raw}");
    let lines = rendered_lines(&raw);
    let frames = frames(&lines, "get");
    check_width(&frames, 60, &raw);
    check_first_frame(&frames, &raw);
}

#[test]
fn the_live_line_follows_a_narrowed_window() {
    let world = slow_world();
    let url = format!("oss://sample-bucket/{KEY}");
    world.fault("UploadPart", "delay:200", 100);
    let mut args = vec!["oss", "put", "big.bin", &url];
    args.extend(SMALL);
    let child = pty_command(&world, 200, Some(60), &[], &args)
        .spawn()
        .unwrap();
    // Narrowed once a few parts went up (the line was drawn 200 wide), with 20 parts to go.
    let deadline = Instant::now() + Duration::from_secs(60);
    while world.count("oss:UploadPart") < 4 {
        assert!(Instant::now() < deadline, "the upload never got going");
        std::thread::sleep(Duration::from_millis(20));
    }
    std::fs::write(world.path("resize.now"), b"").unwrap();
    let (code, raw) = finish(child);
    assert_eq!(code, 0, "{raw}");
    let lines = rendered_lines(&raw);
    let frames = frames(&lines, "put");
    let (first, last) = (frames.first().unwrap(), frames.last().unwrap());
    assert!(columns(first) > 60, "{frames:?}");
    assert!(columns(last) <= 60, "{frames:?}");
}

#[test]
fn a_dumb_terminal_gets_only_the_summary() {
    let world = slow_world();
    world.fault("UploadPart", "delay:100", 100);
    let mut args = vec!["oss", "put", "big.bin", "oss://sample-bucket/dumb/big.bin"];
    args.extend(SMALL);
    let (code, raw) = in_pty(&world, 80, &[("TERM", "dumb")], &args);
    assert_eq!(code, 0, "{raw}");
    assert!(
        !raw.contains('\x1b'),
        "escape sequences on a dumb terminal: {raw:?}"
    );
    let lines = rendered_lines(&raw);
    assert_eq!(lines.len(), 1, "{lines:?}");
    assert!(lines[0].starts_with("uploaded "), "{lines:?}");
}

#[test]
fn the_tree_line_fits_a_narrow_window() {
    let world = World::with_user();
    std::fs::create_dir(world.path("site")).unwrap();
    for i in 0..12 {
        std::fs::write(
            world.path(&format!("site/page-{i}.html")),
            pattern(4 * K, i),
        )
        .unwrap();
    }
    world.fault("PutObject", "delay:200", 100);
    let args = [
        "oss",
        "put",
        "-r",
        "site",
        "oss://sample-bucket/site/",
        "--jobs",
        "2",
    ];
    let (code, raw) = in_pty(&world, 30, &[], &args);
    assert_eq!(code, 0, "{raw}");
    let lines = rendered_lines(&raw);
    let frames: Vec<&String> = lines
        .iter()
        .filter(|l| l.contains(" objects "))
        .filter(|l| !l.starts_with("copied "))
        .collect();
    assert!(frames.len() >= 3, "too few redraws: {lines:?}");
    check_width(&frames, 30, &raw);
    // 30 columns cut the line short.
    assert!(
        frames.iter().any(|l| l.trim_end().ends_with('…')),
        "{frames:?}"
    );
    assert!(
        lines.iter().any(|l| l.starts_with("copied 12 objects")),
        "no summary: {lines:?}"
    );
}

/// The only colours are clap's, in help and usage errors; `NO_COLOR` turns them off.
#[test]
fn no_color_turns_off_the_only_colours() {
    let world = World::new();
    let (code, raw) = in_pty(&world, 80, &[], &["oss", "put", "--bogus"]);
    assert_eq!(code, 2, "{raw}");
    assert!(has_sgr(&raw), "the check sees colours: {raw:?}");
    let (code, raw) = in_pty(&world, 80, &[("NO_COLOR", "1")], &["oss", "put", "--bogus"]);
    assert_eq!(code, 2, "{raw}");
    assert!(!has_sgr(&raw), "colours despite NO_COLOR: {raw:?}");
    assert!(raw.contains("unexpected argument"), "{raw:?}");
}
