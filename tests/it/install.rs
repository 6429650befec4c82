//! `alicli man --install` and `alicli completions --install`, run in a temporary home: where the
//! files land (with and without the XDG variables), what they hold, their mode whatever the
//! umask, the refusal of a symlink planted at a target; and the dynamic completion the installed
//! loaders call: profile names of the profile file the line would use, `configure` keys, fixed
//! values, no request to any server and no secret printed.

use std::os::unix::fs::{symlink, PermissionsExt};
use std::path::{Path, PathBuf};

use clap::CommandFactory;
use clap_complete::Shell;

use crate::common::{clean_command, clean_shell, to_run, Run, World};

fn run_in(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> Run {
    let mut cmd = clean_command(dir, args);
    cmd.env_remove("XDG_DATA_HOME")
        .env_remove("XDG_CONFIG_HOME");
    for (k, v) in env {
        cmd.env(k, v);
    }
    to_run(cmd.output().unwrap())
}

fn mode(path: &Path) -> u32 {
    std::fs::metadata(path).unwrap().permissions().mode() & 0o7777
}

#[test]
fn man_pages_go_to_the_users_man_folder_or_dir() {
    let home = tempfile::tempdir().unwrap();
    let pages = alicli::generate::man_pages(alicli::cli::Cli::command()).unwrap();
    let expect_pages = |dir: &Path| {
        for (name, page) in &pages {
            let path = dir.join(name);
            assert_eq!(&std::fs::read(&path).unwrap(), page, "{}", path.display());
            assert_eq!(mode(&path), 0o644, "{}", path.display());
        }
    };
    // Without XDG_DATA_HOME: ~/.local/share/man/man1, printed on stdout; under a strict umask
    // too (man pages are for every reader).
    let mut cmd = clean_shell(home.path(), "umask 077; exec \"$ALICLI\" man --install");
    cmd.env_remove("XDG_DATA_HOME");
    let r = to_run(cmd.output().unwrap());
    let default = home.path().join(".local/share/man/man1");
    assert_eq!(r.code, 0, "{r:?}");
    assert_eq!(r.stdout, format!("{}\n", default.display()));
    assert!(r.stderr.contains("man pages"), "{r:?}");
    expect_pages(&default);
    assert!(default.join("alicli-man.1").exists());
    assert!(!default.join("alicli-help.1").exists());

    // XDG_DATA_HOME wins; a relative one is ignored, as the spec says.
    let data = home.path().join("data");
    let r = run_in(
        home.path(),
        &["man", "--install"],
        &[("XDG_DATA_HOME", data.to_str().unwrap())],
    );
    assert_eq!(r.code, 0, "{r:?}");
    expect_pages(&data.join("man/man1"));
    let r = run_in(
        home.path(),
        &["man", "--install"],
        &[("XDG_DATA_HOME", "relative/data")],
    );
    assert_eq!(r.stdout, format!("{}\n", default.display()), "{r:?}");

    // A DIR, with or without --install (the old hidden spelling); nothing at all is a usage error.
    for args in [&["man", "--install", "a"][..], &["man", "b"][..]] {
        let r = run_in(home.path(), args, &[]);
        assert_eq!(r.code, 0, "{r:?}");
        expect_pages(&home.path().join(args[args.len() - 1]));
    }
    let r = run_in(home.path(), &["man"], &[]);
    assert_eq!(r.code, 2, "{r:?}");

    // `alicli --help` points at the command that makes `man alicli` work, and lists it.
    let r = run_in(home.path(), &["--help"], &[]);
    assert!(r.stdout.contains("alicli man --install"), "{r:?}");
    assert!(
        r.stdout.lines().any(|l| l.trim_start().starts_with("man ")),
        "{r:?}"
    );
}

#[test]
fn completions_go_to_each_shells_folder() {
    let home = tempfile::tempdir().unwrap();
    let h = home.path();
    let cases: [(Shell, &str, PathBuf, PathBuf); 5] = [
        (
            Shell::Bash,
            "bash",
            h.join(".local/share/bash-completion/completions/alicli"),
            h.join("data/bash-completion/completions/alicli"),
        ),
        (
            Shell::Zsh,
            "zsh",
            h.join(".local/share/zsh/site-functions/_alicli"),
            h.join("data/zsh/site-functions/_alicli"),
        ),
        (
            Shell::Fish,
            "fish",
            h.join(".config/fish/completions/alicli.fish"),
            h.join("conf/fish/completions/alicli.fish"),
        ),
        (
            Shell::Elvish,
            "elvish",
            h.join(".config/elvish/lib/alicli.elv"),
            h.join("conf/elvish/lib/alicli.elv"),
        ),
        (
            Shell::PowerShell,
            "powershell",
            h.join(".config/powershell/alicli.ps1"),
            h.join("conf/powershell/alicli.ps1"),
        ),
    ];
    let xdg = [
        ("XDG_DATA_HOME", h.join("data")),
        ("XDG_CONFIG_HOME", h.join("conf")),
    ];
    for (shell, name, plain, with_xdg) in cases {
        let loader = alicli::generate::loader(shell).unwrap();
        assert!(loader.contains("ALICLI_COMPLETE"), "{name}: {loader}");
        let script = format!("umask 077; exec \"$ALICLI\" completions --install {name}");
        let mut cmd = clean_shell(h, &script);
        cmd.env_remove("XDG_DATA_HOME")
            .env_remove("XDG_CONFIG_HOME");
        let r = to_run(cmd.output().unwrap());
        assert_eq!(r.code, 0, "{name}: {r:?}");
        assert_eq!(r.stdout, format!("{}\n", plain.display()), "{name}");
        assert_eq!(std::fs::read_to_string(&plain).unwrap(), loader, "{name}");
        assert_eq!(mode(&plain), 0o644, "{name}");
        let mut cmd = clean_command(h, &["completions", "--install", name]);
        for (k, v) in &xdg {
            cmd.env(k, v);
        }
        let r = to_run(cmd.output().unwrap());
        assert_eq!(r.code, 0, "{name}: {r:?}");
        assert_eq!(r.stdout, format!("{}\n", with_xdg.display()), "{name}");
        assert_eq!(std::fs::read_to_string(&with_xdg).unwrap(), loader);
    }
    // Where the shell needs a line of the user's own, the hint says which.
    let r = run_in(h, &["completions", "--install", "zsh"], &[]);
    assert!(r.stderr.contains("fpath=("), "{r:?}");
    // Without --install, the static script as before.
    let r = run_in(h, &["completions", "bash"], &[]);
    assert_eq!(
        r.stdout.as_bytes(),
        alicli::generate::script(Shell::Bash, alicli::cli::Cli::command())
    );
}

#[test]
fn a_symlink_at_a_target_is_left_alone() {
    let home = tempfile::tempdir().unwrap();
    let h = home.path();
    let victim = h.join("victim");
    std::fs::write(&victim, b"precious").unwrap();
    let targets = [
        (
            &["completions", "--install", "bash"][..],
            h.join(".local/share/bash-completion/completions/alicli"),
        ),
        (
            &["man", "--install"][..],
            h.join(".local/share/man/man1/alicli-sts.1"),
        ),
    ];
    for (args, target) in targets {
        std::fs::create_dir_all(target.parent().unwrap()).unwrap();
        symlink(&victim, &target).unwrap();
        let r = run_in(h, args, &[]);
        assert_eq!(r.code, 2, "{args:?}: {r:?}");
        assert!(r.stderr.contains("symbolic link"), "{r:?}");
        assert!(r.stderr.contains(&target.display().to_string()), "{r:?}");
        assert_eq!(std::fs::read(&victim).unwrap(), b"precious");
        assert!(std::fs::symlink_metadata(&target)
            .unwrap()
            .file_type()
            .is_symlink());
        // No temporary file is left next to it.
        let left: Vec<_> = std::fs::read_dir(target.parent().unwrap())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(".tmp"))
            .collect();
        assert!(left.is_empty(), "{left:?}");
    }
}

const PROFILES: &str = r#"
[profiles.default]
access_key_id = "LTAI5tCompletionTestId"
access_key_secret = "completion-secret-never-shown"

[profiles.ci-deploy]
role_arn = "acs:ram::123456789012:role/deploy"
source_profile = "default"
security_token = "completion-token-never-shown"
"#;

/// What the dynamic engine offers for `line` (fish's format: value, TAB, help), as the fish loader
/// asks it: `ALICLI_COMPLETE=fish alicli -- WORDS…`, the last word the one being completed.
fn complete(dir: &Path, line: &[&str], env: &[(&str, &str)]) -> Vec<(String, String)> {
    let mut args = vec!["--", "alicli"];
    args.extend_from_slice(line);
    let mut cmd = clean_command(dir, &args);
    cmd.env("ALICLI_COMPLETE", "fish");
    for (k, v) in env {
        cmd.env(k, v);
    }
    let r = to_run(cmd.output().unwrap());
    assert_eq!(r.code, 0, "{line:?}: {r:?}");
    assert!(r.stderr.is_empty(), "{line:?}: {r:?}");
    for secret in [
        "completion-secret-never-shown",
        "completion-token-never-shown",
    ] {
        assert!(
            !r.stdout.contains(secret),
            "{line:?} printed a secret: {r:?}"
        );
    }
    r.stdout
        .lines()
        .map(|l| match l.split_once('\t') {
            Some((v, h)) => (v.to_string(), h.to_string()),
            None => (l.to_string(), String::new()),
        })
        .collect()
}

fn values(offered: &[(String, String)]) -> Vec<&str> {
    offered.iter().map(|(v, _)| v.as_str()).collect()
}

#[test]
fn tab_offers_the_profiles_of_the_file_the_line_would_read() {
    let world = World::new();
    let dir = world.path("");
    // The world's profile file (ALICLI_CONFIG_FILE); another one named on the line wins.
    std::fs::write(world.config_file(), PROFILES).unwrap();
    let other = world.path("other.toml");
    std::fs::write(&other, "[profiles.elsewhere]\nregion = \"cn-beijing\"\n").unwrap();
    let offered = complete(&dir, &["sts", "assume-role", "--profile", ""], &[]);
    assert_eq!(values(&offered), ["ci-deploy", "default"], "{offered:?}");
    assert!(offered.contains(&("ci-deploy".into(), "role profile".into())));
    assert_eq!(
        values(&complete(&dir, &["--profile", "ci"], &[])),
        ["ci-deploy"]
    );
    let other_path = other.to_str().unwrap();
    for line in [
        &["--config-file", other_path, "oss", "ls", "--profile", ""][..],
        &[&format!("--config-file={other_path}"), "--profile", ""][..],
    ] {
        assert_eq!(
            values(&complete(&dir, line, &[])),
            ["elsewhere"],
            "{line:?}"
        );
    }
    // The default path when nothing names a file: ~/.config/alicli/config.toml here.
    let mut cmd = clean_command(&dir, &["--", "alicli", "--profile", ""]);
    cmd.env_remove("ALICLI_CONFIG_FILE")
        .env("XDG_CONFIG_HOME", world.path("xdg"))
        .env("ALICLI_COMPLETE", "fish");
    std::fs::create_dir_all(world.path("xdg/alicli")).unwrap();
    std::fs::write(
        world.path("xdg/alicli/config.toml"),
        "[profiles.from-default-path]\n",
    )
    .unwrap();
    let r = to_run(cmd.output().unwrap());
    assert_eq!(r.stdout.trim(), "from-default-path", "{r:?}");
    // A file that does not parse, or none, offers nothing and says nothing.
    std::fs::write(&other, "not = [toml").unwrap();
    assert!(complete(&dir, &["--config-file", other_path, "--profile", ""], &[]).is_empty());
    assert!(complete(
        &dir,
        &["--config-file", "/nonexistent/x.toml", "--profile", ""],
        &[]
    )
    .is_empty());
    // Completing asked no server anything, though the profiles point at the local cloud.
    assert_eq!(world.total_requests(), 0);
}

#[test]
fn tab_offers_configure_keys_and_fixed_values() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("config.toml"), PROFILES).unwrap();
    let get = complete(dir.path(), &["configure", "get", ""], &[]);
    let get = values(&get);
    assert!(
        get.contains(&"region") && get.contains(&"oss.endpoint"),
        "{get:?}"
    );
    for secret in alicli::config::profile::SETTINGS
        .iter()
        .filter(|s| s.secret)
    {
        assert!(!get.contains(&secret.name), "{get:?}");
    }
    let set = complete(dir.path(), &["configure", "set", "re"], &[]);
    assert!(values(&set).contains(&"region"), "{set:?}");
    let set = complete(dir.path(), &["configure", "set", "access_key_s"], &[]);
    assert_eq!(
        set,
        [(
            "access_key_secret".to_string(),
            "AccessKey secret (secret)".to_string()
        )]
    );
    let output = complete(dir.path(), &["policy", "check", "--output", ""], &[]);
    assert_eq!(
        values(&output),
        ["json", "text", "table", "yaml", "env"],
        "{output:?}"
    );
    let commands = complete(dir.path(), &["m"], &[]);
    assert_eq!(values(&commands), ["man"], "{commands:?}");
}
