//! `alicli oss cp SRC DST`: copy one object or, with `-r`, a whole folder or prefix, in any
//! direction: local → OSS, OSS → local, OSS → OSS (inside OSS: CopyObject, UploadPartCopy for
//! large objects; no bytes through this machine). One file or object to or from this machine is
//! what `put` and `get` do (the dispatch in `cli.rs` sends it there); this file runs trees and
//! single OSS → OSS copies.

use std::ffi::OsString;

use anyhow::Result;
use clap::Args;

use super::{run_tree, TransferFlags, TreeCommand, TreeFlags};
use crate::error::{usage, UsageError};
use crate::oss::object_headers::ObjectFlags;
use crate::oss::tree::plan::{is_oss_address, Place};
use crate::oss::tree::remote::RemoteObject;
use crate::oss::tree::{self, Task};
use crate::session::{Globals, Session};

#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  alicli oss cp report.pdf oss://sample-bucket/docs/\n  \
alicli oss cp -r ./site oss://sample-bucket/www/ --cache-control max-age=300\n  \
alicli oss cp -r oss://sample-bucket/datasets/2026/ ./data --exclude '*.tmp'\n  \
alicli oss cp -r oss://sample-bucket/www/ oss://backup-bucket/www-2026-12-01/"
)]
pub struct CpArgs {
    /// A local file or folder, or oss://bucket/key, or oss://bucket/prefix/ with -r
    #[arg(value_name = "SRC")]
    pub source: OsString,
    /// A local file or folder, or oss://bucket/key, or oss://bucket/prefix/
    #[arg(value_name = "DST")]
    pub dest: OsString,
    /// Copy everything under SRC (a folder or a prefix), keeping relative paths
    #[arg(short, long)]
    pub recursive: bool,
    #[command(flatten)]
    pub object: ObjectFlags,
    #[command(flatten)]
    pub tree: TreeFlags,
    #[command(flatten)]
    pub oss: crate::clients::OssFlags,
    #[command(flatten)]
    pub transfer: TransferFlags,
}

/// Which way a copy goes, decided from the two addresses alone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    Up,
    Down,
    Across,
}

/// The direction of SRC → DST; two local paths are bad input (that is `cp`'s job, not alicli's).
pub fn direction(source: &std::ffi::OsStr, dest: &std::ffi::OsStr) -> Result<Direction> {
    match (is_oss_address(source), is_oss_address(dest)) {
        (false, true) => Ok(Direction::Up),
        (true, false) => Ok(Direction::Down),
        (true, true) => Ok(Direction::Across),
        (false, false) => usage!(
            "neither {} nor {} is an oss:// address: one side of a copy must be in OSS",
            source.to_string_lossy(),
            dest.to_string_lossy()
        ),
    }
}

pub fn run(globals: Globals, args: CpArgs) -> Result<()> {
    args.transfer.check()?;
    let source = Place::parse(&args.source)?;
    let dest = Place::parse(&args.dest)?;
    if args.recursive {
        let flags = TreeCommand {
            tree: &args.tree,
            transfer: &args.transfer,
            object: &args.object,
            oss: &args.oss,
        };
        return run_tree(globals, &source, &dest, flags, None, "copied");
    }
    // Only OSS → OSS comes here without -r (cli.rs sends the other directions to put and get).
    let src = crate::oss::OssUrl::parse_object(&args.source.to_string_lossy())?;
    let mut dst = crate::oss::OssUrl::parse(&args.dest.to_string_lossy())?;
    if dst.key.is_empty() || dst.key.ends_with('/') {
        let name = src.key.rsplit('/').next().unwrap_or_default();
        dst.key.push_str(name);
    }
    crate::oss::url::check_key(&dst.key)
        .map_err(|why| UsageError(format!("invalid object key {:?}: {why}", dst.key)))?;
    if src.bucket == dst.bucket && src.key == dst.key && !args.object.replaces_metadata() {
        usage!("{src} is SRC and DST: a copy onto itself changes nothing unless it replaces the metadata (--meta, --content-type, …)");
    }
    let settings = args.tree.settings(
        &args.transfer,
        &args.object,
        "copied",
        "run the same command again".into(),
    )?;
    let session = Session::new(globals)?;
    let client = args.oss.client(&session)?;
    let head = client
        .head_object_info(&src.bucket, &src.key)
        .map_err(|e| crate::clients::with_oss_hint(e, &client))?;
    let object = RemoteObject {
        relative: String::new(),
        key: src.key.clone(),
        size: head.size.unwrap_or_default(),
        last_modified: String::new(),
        etag: head.etag.unwrap_or_default(),
    };
    let task = Task::Copy {
        src_bucket: src.bucket.clone(),
        object,
        bucket: dst.bucket.clone(),
        key: dst.key.clone(),
    };
    tree::execute(&client, settings, None, move |planner| {
        planner.task(task);
        Ok(())
    })
    .map_err(|e| crate::clients::with_oss_hint(e, &client))
}
