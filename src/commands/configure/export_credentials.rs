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
use crate::error::usage;
use crate::session::{Globals, Session};
use crate::terminal::render::OutputFormat;

#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  eval \"$(alicli configure export-credentials --profile ci)\"\n  \
alicli configure export-credentials --profile ci --format env-no-export >> \"$GITHUB_ENV\"\n  \
alicli configure export-credentials --profile ci --format fish | source\n  \
alicli configure export-credentials --profile ci --format powershell | Invoke-Expression\n  \
aliyun configure --mode External --process-command \"alicli configure export-credentials --profile ci --format process\""
)]
pub struct ExportArgs {
    /// How to print them [default: env]; the global --output json|yaml|text|table prints the json form in that format instead (with --query)
    #[arg(long, value_enum)]
    pub format: Option<ExportFormat>,
}

/// What to print: a shell's format, or the JSON form rendered by the global `--output`.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Shape {
    Shell(ExportFormat),
    Data(OutputFormat),
}

fn shape(args: &ExportArgs) -> Result<Shape> {
    let choice = crate::terminal::render::choice();
    match (args.format, choice.format) {
        (Some(_), Some(_)) => usage!("give --format or --output, not both"),
        (Some(ExportFormat::Json), None) if choice.query.is_some() => {
            Ok(Shape::Data(OutputFormat::Json))
        }
        (format, None | Some(OutputFormat::Env)) => {
            if choice.query.is_some() {
                usage!(
                    "--query picks from the JSON form: add --output json (or yaml, text, table)"
                );
            }
            Ok(Shape::Shell(format.unwrap_or(ExportFormat::Env)))
        }
        (None, Some(data)) => Ok(Shape::Data(data)),
    }
}

pub fn run(globals: Globals, args: ExportArgs) -> Result<()> {
    let shape = shape(&args)?;
    let format = match shape {
        Shape::Shell(f) => f,
        Shape::Data(_) => ExportFormat::Json,
    };
    let result = export(globals, shape);
    if let (Err(e), ExportFormat::Env) = (&result, format) {
        // `eval "$(alicli configure export-credentials)"` must not succeed on nothing.
        print_failed_env_script("configure export-credentials", e);
    }
    result
}

fn export(globals: Globals, shape: Shape) -> Result<()> {
    let session = Session::new(globals)?;
    let provider = crate::clients::credentials_for_export(&session)?;
    let issued = provider.credentials()?;
    crate::terminal::output::verbose(&format!("credentials from {}", provider.source()));
    let (format, data) = match shape {
        Shape::Shell(f) => (f, None),
        Shape::Data(d) => (ExportFormat::Json, Some(d)),
    };
    let mut text = render(format, &issued.credentials, issued.expiration.as_deref())?;
    if let Some(data) = data {
        let value: serde_json::Value = serde_json::from_str(&text)?;
        text = crate::terminal::render::choice().document(value, data)?;
    }
    crate::write_stdout(text.as_bytes())
}
