//! The settings table of `configure get` / `configure set`: every key a user may name, whether it
//! is a secret, and how each maps onto the [`Profile`] model.

use super::{OssSettings, Profile};
use crate::error::UsageError;

/// A key of `configure get` / `configure set`: the profile's own keys by their names in the file,
/// the oss table's as `oss.<key>`.
#[derive(Debug, Clone, Copy)]
pub struct Setting {
    pub name: &'static str,
    /// Secrets are never printed by `configure get` (nor listed by `configure list`).
    pub secret: bool,
    pub about: &'static str,
}

pub const SETTINGS: &[Setting] = &[
    Setting {
        name: "access_key_id",
        secret: false,
        about: "AccessKey ID (LTAI… or STS.…)",
    },
    Setting {
        name: "access_key_secret",
        secret: true,
        about: "AccessKey secret",
    },
    Setting {
        name: "security_token",
        secret: true,
        about: "STS security token of temporary credentials",
    },
    Setting {
        name: "expiration",
        secret: false,
        about: "when temporary credentials expire, UTC (2026-01-13T15:03:39Z)",
    },
    Setting {
        name: "region",
        secret: false,
        about: "default region, e.g. cn-hangzhou",
    },
    Setting {
        name: "sts_endpoint",
        secret: false,
        about: "STS endpoint",
    },
    Setting {
        name: "role_arn",
        secret: false,
        about: "role a role profile assumes",
    },
    Setting {
        name: "role_session_name",
        secret: false,
        about: "session name of its AssumeRole [default: alicli-<profile>]",
    },
    Setting {
        name: "source_profile",
        secret: false,
        about: "profile whose credentials assume the role",
    },
    Setting {
        name: "policy",
        secret: false,
        about: "inline session policy (JSON, or @FILE when setting)",
    },
    Setting {
        name: "duration_seconds",
        secret: false,
        about: "lifetime asked of AssumeRole, 900-43200",
    },
    Setting {
        name: "external_id",
        secret: false,
        about: "external id the role's trust policy requires",
    },
    Setting {
        name: "refresh_margin_seconds",
        secret: false,
        about: "renew a role profile this long before expiry [default: 300]",
    },
    Setting {
        name: "sign_version",
        secret: false,
        about: "force OSS signature v1 or v4",
    },
    Setting {
        name: "sts_signature_version",
        secret: false,
        about: "signature of STS calls, v1 or v3 [default: v1]",
    },
    Setting {
        name: "oidc_provider_arn",
        secret: false,
        about: "with role_arn: assume the role with an OIDC token from this provider",
    },
    Setting {
        name: "oidc_token_file",
        secret: false,
        about: "file holding the OIDC token [default: ALIBABA_CLOUD_OIDC_TOKEN_FILE, else GitHub Actions]",
    },
    Setting {
        name: "oidc_audience",
        secret: false,
        about: "audience of the GitHub Actions token [default: sts.aliyuncs.com]",
    },
    Setting {
        name: "ecs_ram_role",
        secret: false,
        about: "ECS instance RAM role from the metadata service (set '*' for the instance's own)",
    },
    Setting {
        name: "credentials_uri",
        secret: false,
        about: "URL that answers temporary credentials as JSON",
    },
    Setting {
        name: "credential_process",
        secret: false,
        about: "command printing credentials in the official CLI's External format",
    },
    Setting {
        name: "retries",
        secret: false,
        about: "retries of a failed request that is safe to repeat, 0-20 [default: 3]",
    },
    Setting {
        name: "oss.endpoint",
        secret: false,
        about: "OSS endpoint",
    },
    Setting {
        name: "oss.region",
        secret: false,
        about: "region for OSS",
    },
    Setting {
        name: "oss.access_key_id",
        secret: false,
        about: "AccessKey ID for OSS only",
    },
    Setting {
        name: "oss.access_key_secret",
        secret: true,
        about: "AccessKey secret for OSS only",
    },
    Setting {
        name: "oss.security_token",
        secret: true,
        about: "security token for OSS only",
    },
    Setting {
        name: "oss.expiration",
        secret: false,
        about: "expiry of the OSS-only credentials",
    },
    Setting {
        name: "oss.sign_version",
        secret: false,
        about: "force OSS signature v1 or v4",
    },
];

/// The setting called `name`, or an error listing them all.
pub fn setting(name: &str) -> std::result::Result<&'static Setting, UsageError> {
    SETTINGS.iter().find(|s| s.name == name).ok_or_else(|| {
        let names: Vec<&str> = SETTINGS.iter().map(|s| s.name).collect();
        UsageError(format!(
            "unknown key {name:?}; keys are: {}",
            names.join(", ")
        ))
    })
}

impl Profile {
    /// The value of a [`Setting`] as text, `None` when unset.
    pub fn get_setting(&self, name: &str) -> Option<String> {
        let oss = self.oss.as_ref();
        match name {
            "access_key_id" => self.access_key_id.clone(),
            "access_key_secret" => self.access_key_secret.clone(),
            "security_token" => self.security_token.clone(),
            "expiration" => self.expiration.clone(),
            "region" => self.region.clone(),
            "sts_endpoint" => self.sts_endpoint.clone(),
            "role_arn" => self.role_arn.clone(),
            "role_session_name" => self.role_session_name.clone(),
            "source_profile" => self.source_profile.clone(),
            "policy" => self.policy.clone(),
            "duration_seconds" => self.duration_seconds.map(|d| d.to_string()),
            "external_id" => self.external_id.clone(),
            "refresh_margin_seconds" => self.refresh_margin_seconds.map(|d| d.to_string()),
            "sign_version" => self.sign_version.clone(),
            "sts_signature_version" => self.sts_signature_version.clone(),
            "oidc_provider_arn" => self.oidc_provider_arn.clone(),
            "oidc_token_file" => self.oidc_token_file.clone(),
            "oidc_audience" => self.oidc_audience.clone(),
            "ecs_ram_role" => self.ecs_ram_role.clone(),
            "credentials_uri" => self.credentials_uri.clone(),
            "credential_process" => self.credential_process.clone(),
            // Kept in the table as written (read by `Session::net`), not a typed field.
            "retries" => self.extra.get("retries").map(|v| v.to_string()),
            "oss.endpoint" => oss.and_then(|o| o.endpoint.clone()),
            "oss.region" => oss.and_then(|o| o.region.clone()),
            "oss.access_key_id" => oss.and_then(|o| o.access_key_id.clone()),
            "oss.access_key_secret" => oss.and_then(|o| o.access_key_secret.clone()),
            "oss.security_token" => oss.and_then(|o| o.security_token.clone()),
            "oss.expiration" => oss.and_then(|o| o.expiration.clone()),
            "oss.sign_version" => oss.and_then(|o| o.sign_version.clone()),
            _ => None,
        }
    }

    /// Sets (or with `None` removes) a [`Setting`]. Numbers must parse; everything else about
    /// the value is the caller's to check. An oss table left empty is removed.
    pub fn set_setting(
        &mut self,
        name: &str,
        value: Option<String>,
    ) -> std::result::Result<(), UsageError> {
        let number = |v: &Option<String>| -> std::result::Result<Option<u64>, UsageError> {
            v.as_deref()
                .map(|t| {
                    t.trim().parse::<u64>().map_err(|_| {
                        UsageError(format!("{name} must be a number of seconds, not {t:?}"))
                    })
                })
                .transpose()
        };
        if let Some(key) = name.strip_prefix("oss.") {
            let oss = self.oss.get_or_insert_with(OssSettings::default);
            match key {
                "endpoint" => oss.endpoint = value,
                "region" => oss.region = value,
                "access_key_id" => oss.access_key_id = value,
                "access_key_secret" => oss.access_key_secret = value,
                "security_token" => oss.security_token = value,
                "expiration" => oss.expiration = value,
                "sign_version" => oss.sign_version = value,
                _ => return Err(setting(name).err().unwrap_or(UsageError(name.into()))),
            }
            if *oss == OssSettings::default() {
                self.oss = None;
            }
            return Ok(());
        }
        match name {
            "access_key_id" => self.access_key_id = value,
            "access_key_secret" => self.access_key_secret = value,
            "security_token" => self.security_token = value,
            "expiration" => self.expiration = value,
            "region" => self.region = value,
            "sts_endpoint" => self.sts_endpoint = value,
            "role_arn" => self.role_arn = value,
            "role_session_name" => self.role_session_name = value,
            "source_profile" => self.source_profile = value,
            "policy" => self.policy = value,
            "duration_seconds" => self.duration_seconds = number(&value)?,
            "external_id" => self.external_id = value,
            "refresh_margin_seconds" => self.refresh_margin_seconds = number(&value)?,
            "sign_version" => self.sign_version = value,
            "sts_signature_version" => self.sts_signature_version = value,
            "oidc_provider_arn" => self.oidc_provider_arn = value,
            "oidc_token_file" => self.oidc_token_file = value,
            "oidc_audience" => self.oidc_audience = value,
            "ecs_ram_role" => self.ecs_ram_role = value,
            "credentials_uri" => self.credentials_uri = value,
            "credential_process" => self.credential_process = value,
            "retries" => match number(&value)? {
                Some(n) => {
                    self.extra
                        .insert("retries".into(), toml::Value::Integer(n.min(20) as i64));
                }
                None => {
                    self.extra.remove("retries");
                }
            },
            _ => return Err(setting(name).err().unwrap_or(UsageError(name.into()))),
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_setting_round_trips() {
        let mut p = Profile::default();
        for s in SETTINGS {
            let value = match s.name {
                "duration_seconds" | "refresh_margin_seconds" => "900".to_string(),
                "retries" => "5".to_string(),
                other => format!("value-of-{other}"),
            };
            p.set_setting(s.name, Some(value.clone())).unwrap();
            assert_eq!(p.get_setting(s.name), Some(value), "{}", s.name);
        }
        for s in SETTINGS {
            p.set_setting(s.name, None).unwrap();
            assert_eq!(p.get_setting(s.name), None, "{}", s.name);
        }
        assert_eq!(p, Profile::default(), "an emptied oss table goes away");
        assert!(p
            .set_setting("duration_seconds", Some("1h".into()))
            .is_err());
        let e = setting("acces_key_id").unwrap_err().to_string();
        assert!(
            e.contains("access_key_id") && e.contains("oss.endpoint"),
            "{e}"
        );
        assert!(p.set_setting("oss.nope", Some("x".into())).is_err());
    }
}
