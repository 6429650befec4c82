//! The profile file: where long-term keys, temporary STS credentials and endpoints are kept.
//!
//! TOML at `~/.config/alicli/config.toml` (or `--config-file` / `ALICLI_CONFIG_FILE`). This
//! module holds the data model the rest of alicli reads; its parts are split by concern:
//! `settings` (the keys of `configure get/set`), `file` (where the file is, reading and
//! parsing it, its permissions), `write` (locked, atomic, 0600 writes) and `merge` (how a
//! change to the model becomes an edit of the user's text that keeps their comments, order and
//! unknown keys). Every public item is re-exported here, so `crate::config::profile::X` is the
//! one path callers use.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

mod file;
mod merge;
mod settings;
mod write;

pub use file::{default_path, load, parse, permission_warning};
pub use merge::merge_into_text;
pub use settings::{setting, Setting, SETTINGS};
pub use write::{update, update_if_changed};

/// The whole file. Unknown keys are kept so that a newer alicli's settings survive an older one.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct ConfigFile {
    #[serde(default)]
    pub profiles: BTreeMap<String, Profile>,
    #[serde(flatten)]
    pub extra: toml::Table,
}

/// One named profile: a long-term key, temporary credentials, or a role to assume.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct Profile {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub access_key_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub access_key_secret: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub security_token: Option<String>,
    /// When temporary credentials stop working, UTC `YYYY-MM-DDTHH:MM:SSZ` as STS returns it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub expiration: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub region: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sts_endpoint: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub role_arn: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub role_session_name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source_profile: Option<String>,
    /// Inline session policy sent with every AssumeRole of a role profile (JSON text).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub policy: Option<String>,
    /// Lifetime asked for on every AssumeRole of a role profile (900-43200).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub duration_seconds: Option<u64>,
    /// External id the role's trust policy may require, sent on every AssumeRole.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub external_id: Option<String>,
    /// A role profile assumes the role again when its credentials expire within this many
    /// seconds [default: 300].
    #[serde(skip_serializing_if = "Option::is_none")]
    pub refresh_margin_seconds: Option<u64>,
    /// `v1` or `v4`: force an OSS signature version (the `oss` table's own setting wins).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sign_version: Option<String>,
    /// `v1` or `v3`: the signature of the STS calls made with this profile [default: v1].
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sts_signature_version: Option<String>,
    /// With `role_arn`: assume the role with an OIDC token (AssumeRoleWithOIDC) from this
    /// identity provider, instead of with another profile's key.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub oidc_provider_arn: Option<String>,
    /// Where an OIDC profile reads its token [default: `ALIBABA_CLOUD_OIDC_TOKEN_FILE`, else
    /// the GitHub Actions token when the job has one].
    #[serde(skip_serializing_if = "Option::is_none")]
    pub oidc_token_file: Option<String>,
    /// Audience of the GitHub Actions token an OIDC profile asks for [default: sts.aliyuncs.com].
    #[serde(skip_serializing_if = "Option::is_none")]
    pub oidc_audience: Option<String>,
    /// The ECS instance RAM role to take from the metadata service (empty: the instance's role).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ecs_ram_role: Option<String>,
    /// A URL answering temporary credentials as JSON (the official libraries' credentials URI).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub credentials_uri: Option<String>,
    /// A command printing credentials in the official CLI's External format.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub credential_process: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub oss: Option<OssSettings>,
    #[serde(flatten)]
    pub extra: toml::Table,
}

/// The `[profiles.NAME.oss]` table written by `alicli oss config` (aliyuncli kept OSS apart too).
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct OssSettings {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub endpoint: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub region: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub access_key_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub access_key_secret: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub security_token: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub expiration: Option<String>,
    /// `v1` or `v4`: force an OSS signature version.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sign_version: Option<String>,
    #[serde(flatten)]
    pub extra: toml::Table,
}

/// How long before expiry a role profile gets new credentials when nothing else is said.
pub const DEFAULT_REFRESH_MARGIN_SECONDS: u64 = 300;

/// What a profile holds, as `configure list` shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A RAM user's long-term AccessKey.
    AccessKey,
    /// Temporary credentials that cannot renew themselves.
    Sts,
    /// A role to assume with another profile's credentials; renews itself.
    Role,
    /// A role to assume with an OIDC token (AssumeRoleWithOIDC); renews itself.
    Oidc,
    /// The ECS instance RAM role, from the metadata service; renews itself.
    EcsRole,
    /// Credentials served by a URL (credentials URI); renews itself.
    CredentialsUri,
    /// Credentials printed by a command (credential_process); renews itself.
    Process,
    /// Nothing to sign with (only endpoints or region, say).
    Empty,
}

impl std::fmt::Display for Kind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Kind::AccessKey => "access key",
            Kind::Sts => "STS",
            Kind::Role => "role",
            Kind::Oidc => "OIDC role",
            Kind::EcsRole => "ECS role",
            Kind::CredentialsUri => "credentials URI",
            Kind::Process => "process",
            Kind::Empty => "-",
        })
    }
}

impl Profile {
    /// A role profile knows how to get its own credentials: a role and a profile to assume it with.
    pub fn is_role(&self) -> bool {
        self.role_arn.is_some() && self.source_profile.is_some()
    }

    /// The sources that get credentials by themselves, as their keys name them, in the order
    /// [`kind`](Self::kind) prefers them: a profile should set one (see
    /// `credentials::renewing`, which refuses a profile that sets two).
    pub fn sources_named(&self) -> Vec<Kind> {
        let mut found = Vec::new();
        if self.role_arn.is_some() && self.oidc_provider_arn.is_some() {
            found.push(Kind::Oidc);
        }
        if self.ecs_ram_role.is_some() {
            found.push(Kind::EcsRole);
        }
        if self.credentials_uri.is_some() {
            found.push(Kind::CredentialsUri);
        }
        if self.credential_process.is_some() {
            found.push(Kind::Process);
        }
        if self.is_role() && self.oidc_provider_arn.is_none() {
            found.push(Kind::Role);
        }
        found
    }

    /// True when the profile gets (and renews) its own credentials: a role, OIDC, ECS,
    /// credentials URI or process profile. What it holds in `access_key_id`… is a cache.
    pub fn renews(&self) -> bool {
        !self.sources_named().is_empty()
    }

    pub fn kind(&self) -> Kind {
        if let Some(kind) = self.sources_named().first() {
            *kind
        } else if self.security_token.is_some() {
            Kind::Sts
        } else if self.access_key_id.is_some() {
            Kind::AccessKey
        } else if let Some(oss) = &self.oss {
            if oss.security_token.is_some() {
                Kind::Sts
            } else if oss.access_key_id.is_some() {
                Kind::AccessKey
            } else {
                Kind::Empty
            }
        } else {
            Kind::Empty
        }
    }

    pub fn refresh_margin(&self) -> u64 {
        self.refresh_margin_seconds
            .unwrap_or(DEFAULT_REFRESH_MARGIN_SECONDS)
    }

    /// Registers every secret this profile holds with the redactor, so nothing printed later can
    /// reveal them.
    pub fn register_secrets(&self) {
        for s in [&self.access_key_secret, &self.security_token]
            .into_iter()
            .flatten()
        {
            crate::terminal::redact::register(s);
        }
        if let Some(oss) = &self.oss {
            for s in [&oss.access_key_secret, &oss.security_token]
                .into_iter()
                .flatten()
            {
                crate::terminal::redact::register(s);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds() {
        let key = Profile {
            access_key_id: Some("LTAIx".into()),
            access_key_secret: Some("s".into()),
            ..Default::default()
        };
        assert_eq!(key.kind(), Kind::AccessKey);
        let sts = Profile {
            security_token: Some("t".into()),
            ..key.clone()
        };
        assert_eq!(sts.kind(), Kind::Sts);
        let role = Profile {
            role_arn: Some("acs:ram::1:role/r".into()),
            source_profile: Some("default".into()),
            ..sts.clone()
        };
        assert_eq!(role.kind(), Kind::Role);
        assert_eq!(role.refresh_margin(), 300);
        // A role ARN alone (saved from environment credentials) cannot renew anything.
        let no_source = Profile {
            source_profile: None,
            ..role
        };
        assert_eq!(no_source.kind(), Kind::Sts);
        assert_eq!(Profile::default().kind(), Kind::Empty);
    }
}
