//! `alicli sts get-caller-identity` (aliyuncli: `sts GetCallerIdentity`): who the current
//! credentials belong to. Handy to check a profile before a long job.

use anyhow::Result;
use clap::Args;

use crate::session::{Globals, Session};
use crate::terminal::render::{self, OutputFormat};

#[derive(Debug, Args)]
pub struct GetCallerIdentityArgs {
    /// STS endpoint, e.g. sts.cn-hangzhou.aliyuncs.com or http://127.0.0.1:9000
    #[arg(long, value_name = "ENDPOINT")]
    pub endpoint: Option<String>,
}

pub fn run(globals: Globals, args: GetCallerIdentityArgs) -> Result<()> {
    let format = render::data_format(OutputFormat::Json)?;
    let session = Session::new(globals)?;
    let client = crate::clients::sts(&session, args.endpoint.as_deref())?;
    let identity = client.get_caller_identity().map_err(|e| {
        crate::terminal::hints::attach(e, |s| {
            crate::terminal::hints::sts_common(s, session.profile_name())
        })
    })?;
    render::print(&identity, format)
}
