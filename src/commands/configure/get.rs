//! `alicli configure get KEY`: print one setting of the selected profile, for scripts
//! (`region=$(alicli configure get region --profile ci)`).
//!
//! Secrets (`access_key_secret`, `security_token` and their `oss.` twins) are never printed here:
//! the only commands that print secrets are the ones whose job it is (`sts assume-role` and
//! `configure export-credentials`), so a transcript of anything else is safe to share.

use anyhow::Result;
use clap::Args;

use crate::config::profile;
use crate::error::usage;
use crate::session::{Globals, Session};
use crate::terminal::render::{self, OutputFormat};

#[derive(Debug, Args)]
#[command(after_help = super::keys_help(
    "* secret: never printed; use `alicli configure export-credentials` to hand credentials on.\nExit 1 when the key is not set."
))]
pub struct GetArgs {
    /// Setting to print, e.g. region or oss.endpoint
    #[arg(value_name = "KEY", add = crate::completion_candidates::readable_settings())]
    pub key: String,
}

pub fn run(globals: Globals, args: GetArgs) -> Result<()> {
    let format = render::data_format(OutputFormat::Text)?;
    let setting = profile::setting(&args.key)?;
    if setting.secret {
        usage!(
            "{} is a secret and `configure get` never prints secrets; use `alicli configure export-credentials` to hand credentials to another tool",
            setting.name
        );
    }
    let session = Session::new(globals)?;
    let name = session.profile_name().to_string();
    let Some(p) = session.profile()? else {
        anyhow::bail!(
            "profile {name:?} does not exist in {}",
            session.config_path.display()
        );
    };
    match p.get_setting(setting.name) {
        Some(value) if render::native(format, OutputFormat::Text) => {
            crate::write_stdout(format!("{value}\n").as_bytes())
        }
        // JSON and the rest: the profile and key beside the value.
        Some(value) => render::print(
            &serde_json::json!({"profile": name, "key": setting.name, "value": value}),
            format,
        ),
        None => anyhow::bail!("{} is not set in profile {name:?}", setting.name),
    }
}
