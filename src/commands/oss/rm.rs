//! `alicli oss rm oss://bucket/key` deletes one object; `rm -r oss://bucket/prefix/` deletes every
//! key under the prefix (the filters admit), in DeleteMultipleObjects batches of 1000 sent in
//! parallel. A key that is not there is not an error, as in OSS itself.

use anyhow::Result;
use clap::Args;

use super::{TransferFlags, TreeFlags};
use crate::oss::object_headers::ObjectFlags;
use crate::oss::tree::plan::{self, Place};
use crate::oss::tree::{self, Task};
use crate::oss::OssUrl;
use crate::session::{Globals, Session};

#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  alicli oss rm oss://sample-bucket/2015/01/01/grass.jpg\n  \
alicli oss rm -r oss://sample-bucket/tmp/ --dry-run\n  \
alicli oss rm -r oss://sample-bucket/logs/ --include '*.gz' --exclude '2026-*'"
)]
pub struct RmArgs {
    /// oss://bucket/key, or oss://bucket/prefix/ with -r
    #[arg(value_name = "oss://BUCKET/KEY")]
    pub target: String,
    /// Delete every key under the prefix
    #[arg(short, long)]
    pub recursive: bool,
    #[command(flatten)]
    pub tree: TreeFlags,
    #[command(flatten)]
    pub oss: crate::clients::OssFlags,
    #[command(flatten)]
    pub transfer: TransferFlags,
}

pub fn run(globals: Globals, args: RmArgs) -> Result<()> {
    args.transfer.check()?;
    // Checked as an OSS address first: `s3://…` or a local path gets the address's own error.
    OssUrl::parse(&args.target)?;
    let single = if args.recursive {
        None
    } else {
        Some(OssUrl::parse_object(&args.target)?)
    };
    let Place::Oss { bucket, prefix } = Place::parse(std::ffi::OsStr::new(&args.target))? else {
        unreachable!("checked as an OSS address above")
    };
    let settings = args.tree.settings(
        &args.transfer,
        &ObjectFlags::default(),
        "deleted",
        "run the same command again to delete what is left".into(),
    )?;
    let session = Session::new(globals)?;
    let client = args.oss.client(&session)?;
    let filters = args.tree.filters.rules();
    let result = match single {
        Some(url) => tree::execute(&client, settings, None, move |planner| {
            planner.task(Task::DeleteObjects {
                bucket: url.bucket,
                keys: vec![url.key],
            });
            Ok(())
        }),
        None => tree::execute(&client, settings, None, |planner| {
            plan::plan_delete(&client, &bucket, &prefix, &filters, planner)
        }),
    };
    result.map_err(|e| crate::clients::with_oss_hint(e, &client))
}
