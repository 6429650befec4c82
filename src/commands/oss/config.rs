//! `alicli oss config` (aliyuncli: `oss Config --host … --accessid … --accesskey … --sts_token …`):
//! store the OSS endpoint and the credentials OSS should use (typically the temporary ones from
//! AssumeRole) in the profile's `oss` section.

use std::io::IsTerminal;

use anyhow::Result;
use clap::Args;

use crate::config::profile::{self, OssSettings};
use crate::error::usage;
use crate::session::{Globals, Session};

#[derive(Debug, Args)]
pub struct OssConfigArgs {
    /// OSS endpoint, e.g. oss-cn-hangzhou.aliyuncs.com or http://127.0.0.1:9000
    #[arg(long, alias = "host", value_name = "ENDPOINT")]
    pub endpoint: Option<String>,
    /// AccessKey ID for OSS (STS.… for temporary credentials)
    #[arg(long, alias = "accessid", value_name = "ID")]
    pub access_key_id: Option<String>,
    /// AccessKey secret for OSS; `-` reads it from stdin (keeps it out of `ps` and shell history); asked for on a terminal when missing
    #[arg(long, alias = "accesskey", value_name = "SECRET")]
    pub access_key_secret: Option<String>,
    /// Security token that comes with temporary credentials; `-` reads it from stdin (after the secret when both are `-`)
    #[arg(
        long,
        visible_alias = "sts-token",
        alias = "sts_token",
        value_name = "TOKEN"
    )]
    pub security_token: Option<String>,
    /// Force an OSS signature version for this profile (default: v4 when the region is known)
    #[arg(long, value_enum, value_name = "VERSION")]
    pub sign_version: Option<crate::clients::SignVersionArg>,
    /// When the temporary credentials expire (UTC, e.g. 2026-01-13T15:03:39Z); lets alicli refuse them early
    #[arg(long, value_name = "TIME")]
    pub expiration: Option<String>,
}

/// The secret and token as given: `-` reads stdin (the secret's line first when both are
/// `-`), and on a terminal a missing secret, or the token of an `STS.` key, is asked for
/// without echo. So neither has to be on the command line, where `ps` and shell history see it.
fn secret_and_token(args: &OssConfigArgs) -> Result<(Option<String>, Option<String>)> {
    let from_stdin = |flag: &str, value: &Option<String>| -> Result<Option<String>> {
        match value.as_deref() {
            Some("-") => {
                let v = crate::terminal::prompt::read_stdin_value(flag)?;
                crate::terminal::redact::register(&v);
                Ok(Some(v))
            }
            Some(v) => {
                crate::terminal::redact::register(v);
                Ok(Some(v.to_string()))
            }
            None => Ok(None),
        }
    };
    let mut secret = from_stdin("--access-key-secret", &args.access_key_secret)?;
    let mut token = from_stdin("--security-token", &args.security_token)?;
    let stdin_used = args.access_key_secret.as_deref() == Some("-")
        || args.security_token.as_deref() == Some("-");
    let terminal = std::io::stdin().is_terminal() && std::io::stderr().is_terminal();
    if let (Some(id), true, false) = (&args.access_key_id, terminal, stdin_used) {
        if secret.is_none() {
            secret = crate::terminal::prompt::prompt_secret("AccessKey Secret for OSS: ")?;
        }
        if token.is_none() && id.starts_with("STS.") {
            token = crate::terminal::prompt::prompt_secret(
                "Security token (temporary credentials; empty for none): ",
            )?;
        }
    }
    Ok((secret, token))
}

pub fn run(globals: Globals, args: OssConfigArgs) -> Result<()> {
    let (secret, token) = secret_and_token(&args)?;
    let session = Session::new(globals)?;
    let name = session.profile_name().to_string();
    crate::config::check_profile_name(&name)?;
    let region = session.globals.region.clone();
    if args.endpoint.is_none()
        && args.access_key_id.is_none()
        && args.access_key_secret.is_none()
        && args.security_token.is_none()
        && args.sign_version.is_none()
        && region.is_none()
    {
        usage!("nothing to configure: pass --endpoint and/or --access-key-id, --access-key-secret, --security-token");
    }
    if let Some(e) = &args.endpoint {
        alicli_wire::endpoint::Endpoint::parse(e)?;
    }
    if args.access_key_id.is_some() != secret.is_some() {
        usage!("give --access-key-id and --access-key-secret together (`--access-key-secret -` reads the secret from stdin)");
    }
    if token.is_some() && args.access_key_id.is_none() {
        usage!("--security-token goes with the --access-key-id and --access-key-secret it was issued with");
    }
    if let (Some(id), Some(secret)) = (&args.access_key_id, &secret) {
        crate::credentials::check_usable(
            &alicli_wire::signing::Credentials::new(id, secret, token.clone()),
            "the flags",
        )?;
    }
    if args.expiration.is_some() && args.access_key_id.is_none() {
        usage!("--expiration goes with the --access-key-id, --access-key-secret and --security-token it describes");
    }
    if let Some(exp) = &args.expiration {
        if chrono::DateTime::parse_from_rfc3339(exp).is_err() {
            usage!("invalid --expiration {exp:?}: use UTC like 2026-01-13T15:03:39Z");
        }
    }
    profile::update(&session.config_path, |config| {
        let p = config.profiles.entry(name.clone()).or_default();
        let oss = p.oss.get_or_insert_with(OssSettings::default);
        if let Some(e) = &args.endpoint {
            oss.endpoint = Some(e.clone());
        }
        if let Some(r) = &region {
            oss.region = Some(r.clone());
        }
        if let Some(v) = args.sign_version {
            oss.sign_version = Some(
                if v == crate::clients::SignVersionArg::V1 {
                    "v1"
                } else {
                    "v4"
                }
                .to_string(),
            );
        }
        if args.access_key_id.is_some() {
            // New credentials replace the whole set: a token or expiry left from the previous
            // ones would not match them.
            oss.access_key_id = args.access_key_id.clone();
            oss.access_key_secret = secret.clone();
            oss.security_token = token.clone();
            oss.expiration = args.expiration.clone();
        }
        Ok(())
    })?;
    crate::terminal::output::info(&format!(
        "oss settings of profile {name:?} saved in {}",
        session.config_path.display()
    ));
    Ok(())
}
