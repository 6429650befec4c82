//! `alicli configure export-credentials`: print the credentials the selected profile resolves to
//! (a role profile renewed first when near expiry), in a form another tool or a CI step can take:
//! shell exports, a dotenv file, fish, PowerShell, the JSON a credentials URI answers with, or
//! the official CLI's External process format.
//!
//! This is one of the two commands whose job is to print secrets (the other is `sts assume-role`);
//! everything else masks them.

use anyhow::Result;
use clap::Args;

use crate::credentials::exports::{print_failed_env_script, render, ExportFormat};
use crate::session::{Globals, Session};

#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  eval \"$(alicli configure export-credentials --profile ci)\"\n  \
alicli configure export-credentials --profile ci --format env-no-export >> \"$GITHUB_ENV\"\n  \
alicli configure export-credentials --profile ci --format fish | source\n  \
alicli configure export-credentials --profile ci --format powershell | Invoke-Expression\n  \
aliyun configure --mode External --process-command \"alicli configure export-credentials --profile ci --format process\""
)]
pub struct ExportArgs {
    /// How to print them
    #[arg(long, value_enum, default_value_t = ExportFormat::Env)]
    pub format: ExportFormat,
}

pub fn run(globals: Globals, args: ExportArgs) -> Result<()> {
    let format = args.format;
    let result = export(globals, args);
    if let (Err(e), ExportFormat::Env) = (&result, format) {
        // `eval "$(alicli configure export-credentials)"` must not succeed on nothing.
        print_failed_env_script("configure export-credentials", e);
    }
    result
}

fn export(globals: Globals, args: ExportArgs) -> Result<()> {
    let session = Session::new(globals)?;
    let provider = crate::clients::credentials_for_export(&session)?;
    let issued = provider.credentials()?;
    crate::terminal::output::verbose(&format!("credentials from {}", provider.source()));
    let text = render(
        args.format,
        &issued.credentials,
        issued.expiration.as_deref(),
    )?;
    crate::write_stdout(text.as_bytes())
}
