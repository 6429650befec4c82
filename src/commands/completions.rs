//! `alicli completions SHELL` and the hidden `alicli man DIR`: shell completion scripts and man
//! pages, both generated from the same clap definitions as the parser (so they cannot drift; a test
//! checks that the committed copies in completions/ and docs/man/ are current).

use std::path::PathBuf;

use anyhow::{Context, Result};
use clap::{Args, CommandFactory};
use clap_complete::Shell;

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// bash, zsh, fish, powershell or elvish
    pub shell: Shell,
}

#[derive(Debug, Args)]
pub struct ManArgs {
    /// Folder to write alicli.1 and one page per subcommand into
    pub dir: PathBuf,
}

/// The completion script for one shell.
pub fn script(shell: Shell) -> Vec<u8> {
    let mut cmd = crate::cli::Cli::command();
    let mut out = Vec::new();
    clap_complete::generate(shell, &mut cmd, "alicli", &mut out);
    out
}

pub fn run(args: CompletionsArgs) -> Result<()> {
    crate::write_stdout(&script(args.shell))
}

/// Every man page as (file name, contents): `alicli.1`, `alicli-sts-assume-role.1`, …
pub fn man_pages() -> Result<Vec<(String, Vec<u8>)>> {
    let mut pages = Vec::new();
    let mut cmd = crate::cli::Cli::command();
    cmd.build();
    collect(&cmd, "alicli", &mut pages)?;
    Ok(pages)
}

fn collect(cmd: &clap::Command, name: &str, pages: &mut Vec<(String, Vec<u8>)>) -> Result<()> {
    if cmd.is_hide_set() {
        return Ok(());
    }
    let page_cmd = cmd.clone().name(name.to_string());
    let mut out = Vec::new();
    clap_mangen::Man::new(page_cmd).render(&mut out)?;
    pages.push((format!("{name}.1"), out));
    for sub in cmd.get_subcommands() {
        if sub.get_name() == "help" {
            continue;
        }
        collect(sub, &format!("{name}-{}", sub.get_name()), pages)?;
    }
    Ok(())
}

pub fn run_man(args: ManArgs) -> Result<()> {
    std::fs::create_dir_all(&args.dir)
        .with_context(|| format!("cannot create {}", args.dir.display()))?;
    for (name, page) in man_pages()? {
        std::fs::write(args.dir.join(&name), page)
            .with_context(|| format!("cannot write {name}"))?;
    }
    Ok(())
}
