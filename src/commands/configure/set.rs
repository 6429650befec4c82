//! `alicli configure set KEY VALUE`: change one setting of the selected profile (creating the
//! profile if needed), e.g. turn a saved profile into a role profile by naming its
//! `source_profile`, or widen its `refresh_margin_seconds`.
//!
//! Every value is checked the way the command that normally writes it checks it, so a bad value
//! is exit 2 here and not a puzzling failure at the next request. An empty VALUE removes the key;
//! `-` reads the value from stdin, which keeps secrets out of `ps` and shell history.

use anyhow::Result;
use clap::Args;

use crate::clients::SignVersionArg;
use crate::config::profile;
use crate::error::usage;
use crate::session::{Globals, Session};

#[derive(Debug, Args)]
#[command(after_help = super::keys_help(
    "* secret: pass `-` as VALUE to read it from stdin.\nAn empty VALUE ('') removes the key. `set` changes only that key: setting a new access_key_id\ndoes not remove an old security_token (plain `alicli configure` does that for long-term keys)."
))]
pub struct SetArgs {
    /// Setting to change, e.g. region or oss.endpoint
    #[arg(value_name = "KEY", add = crate::completion_candidates::settings_to_set())]
    pub key: String,
    /// New value; `-` reads it from stdin; '' removes the key
    #[arg(value_name = "VALUE", allow_hyphen_values = true)]
    pub value: String,
}

/// The value as it will be stored, after the checks that apply to `key`.
fn checked(key: &str, profile_name: &str, value: &str) -> Result<String> {
    let plain = |what: &str| -> Result<String> {
        if let Err(why) = alicli_wire::signing::check_credential_field(what, value, 64 * 1024) {
            usage!("invalid {key}: {why}");
        }
        Ok(value.to_string())
    };
    match key {
        "access_key_id" | "oss.access_key_id" => plain("the AccessKey ID"),
        "access_key_secret" | "oss.access_key_secret" => plain("the AccessKey secret"),
        "security_token" | "oss.security_token" => plain("the security token"),
        "expiration" | "oss.expiration" => {
            if chrono::DateTime::parse_from_rfc3339(value).is_err() {
                usage!("invalid {key} {value:?}: use UTC like 2026-01-13T15:03:39Z");
            }
            Ok(value.to_string())
        }
        "region" | "oss.region" => {
            alicli_wire::endpoint::check_region(value, key)?;
            Ok(value.to_string())
        }
        "sts_endpoint" | "oss.endpoint" => {
            alicli_wire::endpoint::Endpoint::parse(value)?;
            Ok(value.to_string())
        }
        "role_arn" => {
            alicli_wire::names::check_role_arn(value)?;
            Ok(value.to_string())
        }
        "role_session_name" => {
            alicli_wire::names::check_session_name(value)?;
            Ok(value.to_string())
        }
        "source_profile" => {
            crate::config::check_profile_name(value)?;
            if value == profile_name {
                usage!("profile {profile_name:?} cannot be its own source_profile");
            }
            Ok(value.to_string())
        }
        "policy" => crate::policy_input::read_session_policy(value),
        "duration_seconds" => Ok(alicli_wire::names::check_duration(value)?.to_string()),
        "external_id" => {
            alicli_wire::names::check_external_id(value)?;
            Ok(value.to_string())
        }
        "refresh_margin_seconds" => match value.trim().parse::<u64>() {
            Ok(m) if m <= 43_200 => Ok(m.to_string()),
            _ => usage!("invalid refresh_margin_seconds {value:?}: give seconds from 0 to 43200"),
        },
        "retries" => match value.trim().parse::<u32>() {
            Ok(n) if n <= 20 => Ok(n.to_string()),
            _ => usage!("invalid retries {value:?}: give a number from 0 to 20"),
        },
        "sts_signature_version" => match value.trim().to_ascii_lowercase().as_str() {
            "v1" | "1" => Ok("v1".into()),
            "v3" | "3" => Ok("v3".into()),
            _ => usage!("invalid sts_signature_version {value:?}: use v1 or v3"),
        },
        "oidc_provider_arn" => {
            alicli_wire::names::check_oidc_provider_arn(value)?;
            Ok(value.to_string())
        }
        "ecs_ram_role" => {
            // `*` stands for the instance's own role (an empty value would remove the key).
            if value == "*" {
                return Ok(String::new());
            }
            alicli_wire::names::check_ram_role_name(value)?;
            Ok(value.to_string())
        }
        "credentials_uri" => {
            crate::credentials::credentials_uri::check_uri(value)?;
            Ok(value.to_string())
        }
        "oidc_token_file" | "oidc_audience" | "credential_process" => {
            if value.trim().is_empty() || value.chars().any(char::is_control) {
                usage!("invalid {key} {value:?}: give a value without control characters");
            }
            Ok(value.to_string())
        }
        "sign_version" | "oss.sign_version" => match SignVersionArg::parse_setting(value) {
            Some(SignVersionArg::V1) => Ok("v1".into()),
            Some(SignVersionArg::V4) => Ok("v4".into()),
            None => usage!("invalid {key} {value:?}: use v1 or v4"),
        },
        _ => Ok(value.to_string()),
    }
}

pub fn run(globals: Globals, args: SetArgs) -> Result<()> {
    let setting = profile::setting(&args.key)?;
    let value = if args.value == "-" {
        crate::terminal::prompt::read_stdin_value(setting.name)?
    } else {
        args.value.clone()
    };
    if setting.secret {
        crate::terminal::redact::register(&value);
    }
    let session = Session::new(globals)?;
    let name = session.profile_name().to_string();
    crate::config::check_profile_name(&name)?;
    let stored = if value.is_empty() {
        None
    } else {
        Some(checked(setting.name, &name, &value)?)
    };
    let removed = stored.is_none();
    let source_missing = profile::update(&session.config_path, |config| {
        let p = config.profiles.entry(name.clone()).or_default();
        p.set_setting(setting.name, stored)?;
        let source = p.source_profile.clone();
        Ok(source.filter(|s| setting.name == "source_profile" && !config.profiles.contains_key(s)))
    })?;
    if let Some(source) = source_missing {
        crate::terminal::output::warn(&format!(
            "profile {source:?} does not exist yet; profile {name:?} needs it to assume its role"
        ));
    }
    crate::terminal::output::info(&format!(
        "profile {name:?}: {} {}",
        setting.name,
        if removed { "removed" } else { "set" }
    ));
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_are_checked_like_their_commands_check_them() {
        assert_eq!(checked("sign_version", "p", "V4").unwrap(), "v4");
        assert_eq!(checked("duration_seconds", "p", "900").unwrap(), "900");
        assert_eq!(checked("refresh_margin_seconds", "p", "0").unwrap(), "0");
        for (key, bad) in [
            ("duration_seconds", "60"),
            ("refresh_margin_seconds", "-1"),
            ("role_arn", "arn:aws:iam::1:role/x"),
            ("role_session_name", "x"),
            ("source_profile", "p"),
            ("source_profile", "has space"),
            ("expiration", "tomorrow"),
            ("oss.endpoint", "http://h/path"),
            ("region", "CN Hangzhou"),
            ("access_key_secret", "has space"),
            ("policy", "{not json"),
            ("sign_version", "v2"),
        ] {
            let e = checked(key, "p", bad).unwrap_err();
            assert_eq!(
                crate::error::exit_for(&e),
                crate::error::Exit::Usage,
                "{key}={bad}: {e}"
            );
        }
    }
}
