//! `alicli configure`: store a RAM user's long-term AccessKey, region and STS endpoint in a
//! profile. On a terminal it asks for what is missing (the secret without echo); in a script a
//! missing value is an error, never a prompt that hangs.
//!
//! Its subcommands look after profiles one by one: `list`, `get`, `set`, `export-credentials`
//! (hand a profile's credentials to another tool) and `import` (from the official CLI's file).

pub mod export_credentials;
pub mod get;
pub mod import;
pub mod list;
pub mod set;

use std::io::IsTerminal;

use anyhow::Result;

use crate::terminal::prompt::{prompt, prompt_secret, read_secret_from_stdin};
use clap::{Args, Subcommand};

use crate::config::profile;
use crate::error::usage;
use crate::session::{Globals, Session};
use crate::terminal::redact::mask_id;

#[derive(Debug, Args)]
#[command(
    args_conflicts_with_subcommands = true,
    after_help = "The region is the global --region flag, e.g. `alicli configure --region cn-hangzhou`.\n\
In scripts, pass the secret on stdin rather than the command line: `--access-key-secret -`."
)]
pub struct ConfigureArgs {
    #[command(subcommand)]
    pub command: Option<ConfigureCommand>,
    /// AccessKey ID of a RAM user (LTAI…)
    #[arg(long, value_name = "ID")]
    pub access_key_id: Option<String>,
    /// AccessKey secret; `-` reads it from stdin (keeps it out of shell history and `ps`)
    #[arg(long, value_name = "SECRET")]
    pub access_key_secret: Option<String>,
    /// STS endpoint for this profile, e.g. sts.cn-hangzhou.aliyuncs.com
    #[arg(long, value_name = "ENDPOINT")]
    pub sts_endpoint: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum ConfigureCommand {
    /// List profiles: kind, region, endpoint, time left, masked key id (never secrets)
    List(list::ListArgs),
    /// Print one setting of the profile (secrets are never printed; see export-credentials)
    Get(get::GetArgs),
    /// Change one setting of the profile (an empty VALUE removes it; `-` reads it from stdin)
    Set(set::SetArgs),
    /// Print the profile's credentials for another tool (a role profile renews them first)
    ExportCredentials(export_credentials::ExportArgs),
    /// Copy profiles from the official CLI's ~/.aliyun/config.json (never written)
    Import(import::ImportArgs),
}

pub fn run(globals: Globals, args: ConfigureArgs) -> Result<()> {
    match args.command {
        Some(ConfigureCommand::List(a)) => return list::run(globals, a),
        Some(ConfigureCommand::Get(a)) => return get::run(globals, a),
        Some(ConfigureCommand::Set(a)) => return set::run(globals, a),
        Some(ConfigureCommand::ExportCredentials(a)) => return export_credentials::run(globals, a),
        Some(ConfigureCommand::Import(a)) => return import::run(globals, a),
        None => {}
    }
    let session = Session::new(globals)?;
    let name = session.profile_name().to_string();
    crate::config::check_profile_name(&name)?;
    if let Some(e) = &args.sts_endpoint {
        alicli_wire::endpoint::Endpoint::parse(e)?;
    }
    let current = session
        .config
        .profiles
        .get(&name)
        .cloned()
        .unwrap_or_default();

    let mut id = args.access_key_id.clone();
    let mut secret = match args.access_key_secret.as_deref() {
        Some("-") => Some(read_secret_from_stdin()?),
        other => other.map(str::to_string),
    };
    let mut region = session.globals.region.clone();
    let interactive = std::io::stdin().is_terminal()
        && std::io::stderr().is_terminal()
        && args.access_key_secret.as_deref() != Some("-");
    let nothing_given =
        id.is_none() && secret.is_none() && region.is_none() && args.sts_endpoint.is_none();

    if interactive && (nothing_given || id.is_none() || secret.is_none()) {
        if id.is_none() {
            let shown = current
                .access_key_id
                .as_deref()
                .map(mask_id)
                .unwrap_or_default();
            id = prompt(&format!("AccessKey ID [{shown}]: "))?;
        }
        if secret.is_none() {
            let shown = if current.access_key_secret.is_some() {
                crate::terminal::redact::MASK
            } else {
                ""
            };
            secret = prompt_secret(&format!("AccessKey Secret [{shown}]: "))?;
        }
        if region.is_none() {
            let shown = current.region.clone().unwrap_or_default();
            region = prompt(&format!("Default region (e.g. cn-hangzhou) [{shown}]: "))?;
        }
    } else if nothing_given {
        usage!("nothing to configure: pass --access-key-id and --access-key-secret (no terminal to ask on)");
    }

    let final_id = id.clone().or(current.access_key_id.clone());
    let final_secret = secret.clone().or(current.access_key_secret.clone());
    if final_id.is_none() {
        usage!("missing --access-key-id for profile {name:?}");
    }
    if final_secret.is_none() {
        usage!("missing --access-key-secret for profile {name:?} (use `--access-key-secret -` to read it from stdin)");
    }
    for (name, value) in [
        ("AccessKey ID", &final_id),
        ("AccessKey secret", &final_secret),
    ] {
        if let Some(v) = value {
            if let Err(why) = alicli_wire::signing::check_credential_field(name, v, 1024) {
                usage!("{why}");
            }
        }
    }
    if let Some(r) = &region {
        alicli_wire::endpoint::check_region(r, "the region given")?;
    }

    let new_key = id.is_some() || secret.is_some();
    profile::update(&session.config_path, |config| {
        let p = config.profiles.entry(name.clone()).or_default();
        if new_key {
            p.access_key_id = final_id.clone();
            p.access_key_secret = final_secret.clone();
            // A long-term key has no token or expiry; leftovers from temporary credentials would
            // make every request fail.
            p.security_token = None;
            p.expiration = None;
        }
        if let Some(r) = &region {
            p.region = Some(r.clone());
        }
        if let Some(e) = &args.sts_endpoint {
            p.sts_endpoint = Some(e.clone());
        }
        Ok(())
    })?;
    crate::terminal::output::info(&format!(
        "profile {name:?} saved in {}",
        session.config_path.display()
    ));
    Ok(())
}

/// The keys of `configure get` / `set`, for their help, followed by `note`.
pub(crate) fn keys_help(note: &str) -> String {
    let mut out = String::from("Keys:\n");
    for s in profile::SETTINGS {
        let star = if s.secret { " *" } else { "" };
        out.push_str(&format!("  {:<24}{}{star}\n", s.name, s.about));
    }
    out.push_str(note);
    out
}
