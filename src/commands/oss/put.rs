//! `alicli oss put` (aliyuncli: `oss Put`): upload a file, or stdin, to an object. Small files go
//! in one PutObject; large ones in parallel parts, resumable; stdin streams through parts with
//! bounded memory. CRC-64 is checked for every part and for the whole object. With `-r` it
//! uploads a folder, as `cp -r` does.

use std::io::IsTerminal;
use std::path::Path;

use anyhow::Result;
use clap::Args;

use crate::error::{usage, UsageError};
use crate::oss::tree::plan::Place;
use crate::oss::upload;
use crate::oss::OssUrl;
use crate::session::{Globals, Session};
use crate::terminal::progress::Show;

#[derive(Debug, Args)]
pub struct PutArgs {
    /// File to upload (a pipe or device is read as a stream), or `-` for stdin
    #[arg(value_name = "SRC")]
    pub source: std::ffi::OsString,
    /// Destination: oss://bucket/key (a key ending in `/` takes the file's name)
    #[arg(value_name = "oss://BUCKET/KEY")]
    pub dest: String,
    /// Upload a folder: every file under SRC, keys made of DEST's prefix and the relative paths
    #[arg(short, long)]
    pub recursive: bool,
    #[command(flatten)]
    pub object: crate::oss::object_headers::ObjectFlags,
    #[command(flatten)]
    pub tree: super::TreeFlags,
    #[command(flatten)]
    pub oss: crate::clients::OssFlags,
    #[command(flatten)]
    pub transfer: super::TransferFlags,
}

/// What SRC turned out to be.
enum Source {
    Stdin,
    /// A regular file: sized up front, uploaded in parallel parts, resumable.
    File,
    /// A pipe or device, read once in order.
    Stream(std::fs::File),
}

pub fn run(globals: Globals, args: PutArgs) -> Result<()> {
    // `oss://bucket`, `oss://bucket/` and `oss://bucket/dir/` take the file's name, as ossutil does.
    args.transfer.check()?;
    if args.recursive {
        let source = Place::Local(args.source.clone().into());
        let dest = Place::parse(std::ffi::OsStr::new(&args.dest))?;
        let flags = super::TreeCommand {
            tree: &args.tree,
            transfer: &args.transfer,
            object: &args.object,
            oss: &args.oss,
        };
        return super::run_tree(globals, &source, &dest, flags, None, "copied");
    }
    if let Some(flag) = args.tree.given() {
        usage!("{flag} is for trees: add -r to upload a folder");
    }
    let mut url = OssUrl::parse(&args.dest)?;
    let from_stdin = args.source == "-";
    let source_path = Path::new(&args.source);
    let source_shown =
        crate::terminal::output::escape_untrusted(&source_path.display().to_string()).into_owned();
    if url.key.is_empty() || url.key.ends_with('/') {
        if from_stdin {
            usage!(
                "{} names no object: give the key when uploading stdin",
                args.dest
            );
        }
        // A key is UTF-8: a file name that is not cannot become one, but the file can still
        // be uploaded under a key given in full.
        let name = source_path.file_name().unwrap_or_default();
        let Some(name) = name.to_str() else {
            usage!(
                "the file name of {source_shown} is not UTF-8, so it cannot be an object key: give the whole key, e.g. {}{}",
                args.dest,
                String::from_utf8_lossy(name.as_encoded_bytes())
            );
        };
        url.key.push_str(name);
    }
    crate::oss::url::check_key(&url.key).map_err(|why| {
        UsageError(format!(
            "invalid object key {:?} in {}: {why}",
            url.key, args.dest
        ))
    })?;
    let headers = args.object.check()?;
    // Opened before any request: an unreadable source is bad input (exit 2) found offline.
    let source = if from_stdin {
        if std::io::stdin().is_terminal() {
            usage!("stdin is a terminal: pipe data in, or give a file name instead of '-'");
        }
        Source::Stdin
    } else {
        let path = source_path;
        let meta = std::fs::metadata(path)
            .map_err(|e| UsageError(format!("cannot read {source_shown}: {e}")))?;
        if meta.is_dir() {
            usage!("{source_shown} is a folder; alicli oss put uploads one file");
        }
        let file = std::fs::File::open(path)
            .map_err(|e| UsageError(format!("cannot read {source_shown}: {e}")))?;
        // A pipe (`<(tar c dir)`, /dev/stdin) or a device has no length up front: its size reads
        // as 0, so it must stream like stdin rather than be sized, or the object comes out empty.
        if meta.is_file() {
            Source::File
        } else {
            Source::Stream(file)
        }
    };

    let session = Session::new(globals)?;
    let client = args.oss.client(&session)?;
    let settings = args
        .transfer
        .upload_settings(headers, Show::unless(args.transfer.no_progress));
    crate::catch_interrupts();
    let outcome = match source {
        Source::Stdin => upload::upload_stream(
            &client,
            std::io::stdin().lock(),
            "stdin",
            &url.bucket,
            &url.key,
            &settings,
        ),
        Source::Stream(file) => upload::upload_stream(
            &client,
            file,
            &source_shown,
            &url.bucket,
            &url.key,
            &settings,
        ),
        Source::File => upload::upload_file(&client, source_path, &url.bucket, &url.key, &settings),
    };
    match outcome {
        Ok(_) => Ok(()),
        // --no-overwrite asked OSS to refuse: the object stays as it was, which is what was asked.
        Err(e)
            if args.object.no_overwrite
                && e.chain().any(|c| {
                    c.downcast_ref::<crate::error::ServiceError>()
                        .is_some_and(|s| s.code == "FileAlreadyExists")
                }) =>
        {
            crate::terminal::output::info(&format!(
                "skip {}: it exists (--no-overwrite)",
                crate::oss::url::display(&url.bucket, &url.key)
            ));
            Ok(())
        }
        Err(e) => Err(crate::clients::with_oss_hint(e, &client)),
    }
}
