//! `alicli oss sync SRC DST`: make DST hold what SRC holds, sending only what is missing or
//! different: local folder → OSS prefix, OSS → local folder, or OSS → OSS. Sizes and times are
//! compared by default (from the listing and a `stat`, nothing more), CRC-64s with `--checksum`;
//! `--delete` removes from DST what SRC does not have (what the filters leave out is kept).

use std::ffi::OsString;

use anyhow::Result;
use clap::Args;

use super::{run_tree, TransferFlags, TreeCommand, TreeFlags};
use crate::oss::object_headers::ObjectFlags;
use crate::oss::tree::plan::{Place, SyncRules};
use crate::session::Globals;

#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  alicli oss sync ./public oss://sample-bucket/www/ --delete\n  \
alicli oss sync oss://sample-bucket/datasets/ ./data --checksum\n  \
alicli oss sync ./build oss://sample-bucket/builds/main/ --exclude '*.map' --dry-run"
)]
pub struct SyncArgs {
    /// A local folder, or oss://bucket[/prefix/]
    #[arg(value_name = "SRC")]
    pub source: OsString,
    /// A local folder (made if missing), or oss://bucket[/prefix/]
    #[arg(value_name = "DST")]
    pub dest: OsString,
    /// Also remove from DST what SRC does not have
    #[arg(long)]
    pub delete: bool,
    /// Compare CRC-64s (computed locally, read from OSS without a download) when sizes agree, instead of times
    #[arg(long)]
    pub checksum: bool,
    #[command(flatten)]
    pub object: ObjectFlags,
    #[command(flatten)]
    pub tree: TreeFlags,
    #[command(flatten)]
    pub oss: crate::clients::OssFlags,
    #[command(flatten)]
    pub transfer: TransferFlags,
}

pub fn run(globals: Globals, args: SyncArgs) -> Result<()> {
    args.transfer.check()?;
    let source = Place::parse(&args.source)?;
    let dest = Place::parse(&args.dest)?;
    let rules = SyncRules {
        delete: args.delete,
        checksum: args.checksum,
    };
    let flags = TreeCommand {
        tree: &args.tree,
        transfer: &args.transfer,
        object: &args.object,
        oss: &args.oss,
    };
    run_tree(globals, &source, &dest, flags, Some(rules), "synced")
}
