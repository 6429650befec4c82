//! The official credential libraries' INI file, `~/.alibabacloud/credentials` (or
//! `ALIBABA_CLOUD_CREDENTIALS_FILE`), read so that a machine set up for the SDKs works with
//! alicli too: the last profile file asked when alicli's own and the official CLI's have no
//! profile of the selected name. Read only, like the official CLI's file.
//!
//! A section is a profile; its `type` says what it holds: `access_key` (`access_key_id`,
//! `access_key_secret`), `ecs_ram_role` (`role_name`), `ram_role_arn` (a key and the role it
//! assumes: `role_arn`, `role_session_name`, `policy`), `oidc_role_arn` (`role_arn`,
//! `oidc_provider_arn`, `oidc_token_file_path`, `role_session_name`). A section with
//! `enable = false` is skipped, as the libraries skip it.

use std::path::{Path, PathBuf};

use crate::config::profile::Profile;
use crate::error::UsageError;

/// `ALIBABA_CLOUD_CREDENTIALS_FILE`, else `~/.alibabacloud/credentials`.
pub fn default_path() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("ALIBABA_CLOUD_CREDENTIALS_FILE").filter(|p| !p.is_empty()) {
        return Some(PathBuf::from(p));
    }
    dirs::home_dir().map(|h| h.join(".alibabacloud").join("credentials"))
}

/// The file, parsed; `None` when there is none. Every secret in it is registered with the
/// redactor at once.
pub fn load(path: &Path) -> Result<Option<ini::Ini>, UsageError> {
    use crate::local_files::{read_input, Accept, ReadError};
    let bytes = match read_input(path, 1024 * 1024, Accept::FilesAndDevices) {
        Ok(bytes) => bytes,
        Err(ReadError::Io(e)) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => {
            return Err(UsageError(format!(
                "cannot read the credentials file {}: {e}",
                path.display()
            )))
        }
    };
    let text = String::from_utf8(bytes).map_err(|_| {
        UsageError(format!(
            "the credentials file {} is not UTF-8 text",
            path.display()
        ))
    })?;
    let file = ini::Ini::load_from_str_noescape(&text).map_err(|e| {
        UsageError(format!(
            "the credentials file {} is not valid INI: {e}",
            path.display()
        ))
    })?;
    for (_, section) in file.iter() {
        for key in ["access_key_secret"] {
            if let Some(secret) = section.get(key) {
                crate::terminal::redact::register(secret);
            }
        }
    }
    Ok(Some(file))
}

/// Section `name` as alicli profiles: the profile itself under `key`, then, for `ram_role_arn`,
/// the key it assumes its role with under `<key>:source` (a name alicli's own profiles cannot
/// have). `None` when there is no such section (or it is disabled); an error names what is
/// missing or which types alicli reads.
pub fn convert(
    file: &ini::Ini,
    name: &str,
    key: &str,
) -> Result<Option<Vec<(String, Profile)>>, String> {
    let Some(section) = file.section(Some(name)) else {
        return Ok(None);
    };
    if section
        .get("enable")
        .is_some_and(|v| v.trim().eq_ignore_ascii_case("false"))
    {
        return Ok(None);
    }
    let get = |k: &str| {
        section
            .get(k)
            .map(|v| v.trim().to_string())
            .filter(|v| !v.is_empty())
    };
    let needed = |k: &str| {
        get(k).ok_or_else(|| {
            format!(
                "profile {name:?} ({} type) has no {k}",
                get("type").unwrap_or_default()
            )
        })
    };
    let keys = || -> Result<Profile, String> {
        Ok(Profile {
            access_key_id: Some(needed("access_key_id")?),
            access_key_secret: Some(needed("access_key_secret")?),
            ..Default::default()
        })
    };
    let kind = get("type").unwrap_or_default();
    let profiles = match kind.as_str() {
        "access_key" => vec![(key.to_string(), keys()?)],
        "ecs_ram_role" => vec![(
            key.to_string(),
            Profile {
                ecs_ram_role: Some(get("role_name").unwrap_or_default()),
                ..Default::default()
            },
        )],
        "ram_role_arn" => {
            let source = format!("{key}:source");
            let role = Profile {
                role_arn: Some(needed("role_arn")?),
                role_session_name: get("role_session_name"),
                policy: get("policy"),
                source_profile: Some(source.clone()),
                ..Default::default()
            };
            vec![(key.to_string(), role), (source, keys()?)]
        }
        "oidc_role_arn" => vec![(
            key.to_string(),
            Profile {
                role_arn: Some(needed("role_arn")?),
                oidc_provider_arn: Some(needed("oidc_provider_arn")?),
                oidc_token_file: Some(needed("oidc_token_file_path")?),
                role_session_name: get("role_session_name"),
                policy: get("policy"),
                ..Default::default()
            },
        )],
        other => {
            return Err(format!(
                "profile {name:?} has type {other:?}, which alicli cannot use (it reads access_key, ecs_ram_role, ram_role_arn and oidc_role_arn)"
            ))
        }
    };
    Ok(Some(profiles))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::profile::Kind;

    const SAMPLE: &str = "\
[default]
enable = true
type = access_key
access_key_id = LTAIdefault000000
access_key_secret = default-secret

[vm]
type = ecs_ram_role
role_name = EcsRamRoleTest

[ops]
type = ram_role_arn
access_key_id = LTAIops0000000000
access_key_secret = ops-secret
role_arn = acs:ram::1234567890123456:role/ops
role_session_name = ops-session

[pod]
type = oidc_role_arn
role_arn = acs:ram::1234567890123456:role/pod
oidc_provider_arn = acs:ram::1234567890123456:oidc-provider/ack
oidc_token_file_path = /var/run/secrets/ack.alibabacloud.com/rrsa-tokens/token

[off]
enable = false
type = access_key
access_key_id = LTAIoff
access_key_secret = off-secret

[rsa]
type = rsa_key_pair
";

    fn sample() -> ini::Ini {
        ini::Ini::load_from_str_noescape(SAMPLE).unwrap()
    }

    #[test]
    fn sections_become_profiles() {
        let f = sample();
        let d = convert(&f, "default", "default").unwrap().unwrap();
        assert_eq!(d[0].1.kind(), Kind::AccessKey);
        assert_eq!(d[0].1.access_key_secret.as_deref(), Some("default-secret"));
        let vm = convert(&f, "vm", "vm").unwrap().unwrap();
        assert_eq!(vm[0].1.kind(), Kind::EcsRole);
        assert_eq!(vm[0].1.ecs_ram_role.as_deref(), Some("EcsRamRoleTest"));
        let ops = convert(&f, "ops", "default").unwrap().unwrap();
        assert_eq!(ops[0].1.kind(), Kind::Role);
        assert_eq!(ops[0].1.source_profile.as_deref(), Some("default:source"));
        assert_eq!(ops[1].0, "default:source");
        assert_eq!(ops[1].1.access_key_id.as_deref(), Some("LTAIops0000000000"));
        let pod = convert(&f, "pod", "pod").unwrap().unwrap();
        assert_eq!(pod[0].1.kind(), Kind::Oidc);
        assert!(pod[0]
            .1
            .oidc_token_file
            .as_deref()
            .unwrap()
            .ends_with("rrsa-tokens/token"));
    }

    #[test]
    fn disabled_missing_and_unknown_sections() {
        let f = sample();
        assert!(convert(&f, "off", "off").unwrap().is_none());
        assert!(convert(&f, "nope", "nope").unwrap().is_none());
        let e = convert(&f, "rsa", "rsa").unwrap_err();
        assert!(
            e.contains("rsa_key_pair") && e.contains("oidc_role_arn"),
            "{e}"
        );
        let half = ini::Ini::load_from_str_noescape("[x]\ntype = access_key\naccess_key_id = a\n")
            .unwrap();
        assert!(convert(&half, "x", "x")
            .unwrap_err()
            .contains("access_key_secret"));
    }

    #[test]
    fn a_missing_file_is_none_and_garbage_is_usage() {
        let dir = tempfile::tempdir().unwrap();
        assert!(load(&dir.path().join("credentials")).unwrap().is_none());
        std::fs::write(dir.path().join("credentials"), [0xff, 0xfe]).unwrap();
        assert!(load(&dir.path().join("credentials")).is_err());
    }
}
