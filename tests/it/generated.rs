//! The committed completion scripts (completions/) and man pages (docs/man/) must be what the
//! current clap definitions generate. Regenerate with `ALICLI_BLESS=1 cargo test --test it generated`.

use std::path::Path;

use clap::CommandFactory;
use clap_complete::Shell;

fn check(path: &Path, expected: &[u8], stale: &mut Vec<String>) {
    if std::env::var_os("ALICLI_BLESS").is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, expected).unwrap();
        return;
    }
    match std::fs::read(path) {
        Ok(actual) if actual == expected => {}
        _ => stale.push(path.display().to_string()),
    }
}

#[test]
fn completions_and_man_pages_are_current() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut stale = Vec::new();
    for (shell, name) in [
        (Shell::Bash, "alicli.bash"),
        (Shell::Zsh, "_alicli"),
        (Shell::Fish, "alicli.fish"),
        (Shell::PowerShell, "_alicli.ps1"),
        (Shell::Elvish, "alicli.elv"),
    ] {
        check(
            &root.join("completions").join(name),
            &alicli::generate::script(shell, alicli::cli::Cli::command()),
            &mut stale,
        );
    }
    let pages = alicli::generate::man_pages(alicli::cli::Cli::command()).unwrap();
    assert!(pages.iter().any(|(n, _)| n == "alicli-sts-assume-role.1"));
    for (name, page) in &pages {
        check(&root.join("docs/man").join(name), page, &mut stale);
    }
    assert!(
        stale.is_empty(),
        "stale generated files (run `ALICLI_BLESS=1 cargo test --test it generated`): {stale:?}"
    );
}
