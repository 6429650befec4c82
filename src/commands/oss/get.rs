//! `alicli oss get` (aliyuncli: `oss Get`): download an object to a file, a folder, or stdout.
//!
//! A download goes to a temporary file beside DEST and is renamed into place only when its length
//! and CRC-64 match what OSS said; on any failure DEST is left exactly as it was. Large objects
//! come as parallel ranges and resume after an interruption. stdout, and a DEST that is a device
//! or a pipe (`/dev/null`, a FIFO), get one ordered stream written in place: renaming a file over
//! them would replace the device itself. With `-r` it downloads a prefix into a folder, as
//! `cp -r` does.

use std::path::{Path, PathBuf};

use anyhow::Result;
use clap::Args;

use crate::error::UsageError;
use crate::oss::download::{self, Report};
use crate::oss::object_headers::ObjectFlags;
use crate::oss::tree::plan::Place;
use crate::oss::OssUrl;
use crate::session::{Globals, Session};
use crate::terminal::progress::Show;

#[derive(Debug, Args)]
pub struct GetArgs {
    /// Object to download: oss://bucket/key
    #[arg(value_name = "oss://BUCKET/KEY")]
    pub source: String,
    /// File or folder to write (a device or pipe is written in place); `-` writes to stdout [default: the key's file name in the current folder]
    #[arg(value_name = "DEST")]
    pub dest: Option<std::ffi::OsString>,
    /// Download every object under the prefix into the folder DEST, as `cp -r` does
    #[arg(short, long)]
    pub recursive: bool,
    /// Leave an existing DEST file alone instead of replacing it
    #[arg(long)]
    pub no_overwrite: bool,
    #[command(flatten)]
    pub tree: super::TreeFlags,
    #[command(flatten)]
    pub oss: crate::clients::OssFlags,
    #[command(flatten)]
    pub transfer: super::TransferFlags,
}

/// Where the bytes go, opened.
enum Target {
    /// A temporary file beside a regular file (or a path not there yet), symlinks followed: the
    /// rename then replaces the file a link points to, not the link.
    File(tempfile::NamedTempFile, PathBuf),
    /// An existing device or pipe, written in place.
    Stream(std::fs::File, PathBuf),
    Stdout,
}

/// Opens where the object goes: DEST, DEST/<name> when DEST is a folder, or ./<name>. Done
/// before any request: an unwritable destination is bad input (exit 2), found offline.
fn open_destination(url: &OssUrl, dest: Option<&std::ffi::OsStr>) -> Result<Target> {
    let name = url.key.rsplit('/').next().unwrap_or_default();
    if dest == Some(std::ffi::OsStr::new("-")) {
        return Ok(Target::Stdout);
    }
    let needs_name = || -> Result<&str> {
        if name.is_empty() || name == "." || name == ".." {
            return Err(UsageError(format!(
                "{url} ends in '/', so it names no file: give a DEST file name"
            ))
            .into());
        }
        Ok(name)
    };
    let path = match dest {
        None => PathBuf::from(needs_name()?),
        Some(d)
            if Path::new(d).is_dir()
                || d.as_encoded_bytes().ends_with(b"/")
                || d.as_encoded_bytes()
                    .ends_with(std::path::MAIN_SEPARATOR_STR.as_bytes()) =>
        {
            Path::new(d).join(needs_name()?)
        }
        Some(d) => PathBuf::from(d),
    };
    match std::fs::metadata(&path) {
        Ok(meta) if !meta.is_file() && !meta.is_dir() => {
            let file = std::fs::OpenOptions::new()
                .write(true)
                .open(&path)
                .map_err(|e| UsageError(format!("cannot write {}: {e}", path.display())))?;
            Ok(Target::Stream(file, path))
        }
        _ => {
            let path = crate::config::paths::follow_symlinks(path);
            Ok(Target::File(download::temp_beside(&path)?, path))
        }
    }
}

pub fn run(globals: Globals, args: GetArgs) -> Result<()> {
    args.transfer.check()?;
    if args.recursive {
        let source = Place::parse(std::ffi::OsStr::new(&args.source))?;
        let dest = Place::Local(args.dest.clone().unwrap_or_else(|| ".".into()).into());
        let object = ObjectFlags {
            no_overwrite: args.no_overwrite,
            ..ObjectFlags::default()
        };
        let flags = super::TreeCommand {
            tree: &args.tree,
            transfer: &args.transfer,
            object: &object,
            oss: &args.oss,
        };
        return super::run_tree(globals, &source, &dest, flags, None, "copied");
    }
    if let Some(flag) = args.tree.given() {
        crate::error::usage!("{flag} is for trees: add -r to download a prefix");
    }
    let url = OssUrl::parse_object(&args.source)?;
    let target = open_destination(&url, args.dest.as_deref())?;
    if args.no_overwrite {
        if let Target::File(_, path) = &target {
            if std::fs::symlink_metadata(path).is_ok() {
                crate::terminal::output::info(&format!(
                    "skip {}: it exists (--no-overwrite)",
                    crate::terminal::output::escape_untrusted(&path.display().to_string())
                ));
                return Ok(());
            }
        }
    }
    let session = Session::new(globals)?;
    let client = args.oss.client(&session)?;
    let settings = args
        .transfer
        .download_settings(Show::unless(args.transfer.no_progress));
    crate::catch_interrupts();
    let result = match target {
        Target::File(tmp, path) => {
            download::download_file(&client, &url.bucket, &url.key, &path, tmp, &settings).map(drop)
        }
        Target::Stream(mut file, path) => {
            let shown =
                crate::terminal::output::escape_untrusted(&path.display().to_string()).into_owned();
            let report = Report {
                bar: settings.show_progress == Show::Bar,
                summary: true,
            };
            download::download_stream(&client, &url.bucket, &url.key, &mut file, &shown, report)
                .map(drop)
        }
        Target::Stdout => {
            // stdout gets neither bar nor summary: it may share the terminal, and scripts read it.
            let report = Report {
                bar: false,
                summary: false,
            };
            download::download_stream(
                &client,
                &url.bucket,
                &url.key,
                &mut std::io::stdout().lock(),
                "stdout",
                report,
            )
            .map(drop)
        }
    };
    result.map_err(|e| crate::clients::with_oss_hint(e, &client))
}
