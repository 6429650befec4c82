//! Credentials from the environment: `ALIBABA_CLOUD_ACCESS_KEY_ID` / `_SECRET` /
//! `ALIBABA_CLOUD_SECURITY_TOKEN` (every command), then the `ALICLOUD_*` names Alibaba Cloud's
//! GitHub action exports, and ahead of them for OSS the `OSS_*` names ossutil and the OSS SDKs
//! read. `ALICLI_CREDENTIALS_EXPIRATION`, which alicli's own env exports write beside temporary
//! credentials, lets expired ones be refused before any request.
//!
//! The environment can also name a source that gets credentials by itself, as the official
//! libraries read it: an OIDC role (`ALIBABA_CLOUD_ROLE_ARN`, `ALIBABA_CLOUD_OIDC_PROVIDER_ARN`,
//! `ALIBABA_CLOUD_OIDC_TOKEN_FILE`, `ALIBABA_CLOUD_ROLE_SESSION_NAME`), the ECS instance role
//! (`ALIBABA_CLOUD_ECS_METADATA`), a credentials URI (`ALIBABA_CLOUD_CREDENTIALS_URI`). Those
//! come back as profile definitions, which [`super::renewal`] renews like a profile.

use anyhow::Result;

use super::static_keys::StaticKeys;
use super::CredentialSource;
use crate::config::precedence::env;
use crate::config::profile::Profile;
use crate::error::UsageError;
use alicli_wire::signing::Credentials;

/// The three variables of one naming.
pub struct Names {
    pub id: &'static str,
    pub secret: &'static str,
    pub token: &'static str,
}

pub const ALIBABA_CLOUD: Names = Names {
    id: "ALIBABA_CLOUD_ACCESS_KEY_ID",
    secret: "ALIBABA_CLOUD_ACCESS_KEY_SECRET",
    token: "ALIBABA_CLOUD_SECURITY_TOKEN",
};

pub const OSS: Names = Names {
    id: "OSS_ACCESS_KEY_ID",
    secret: "OSS_ACCESS_KEY_SECRET",
    token: "OSS_SESSION_TOKEN",
};

/// The names Alibaba Cloud's GitHub action (aliyun/configure-aliyun-credentials-action) exports
/// beside the `ALIBABA_CLOUD_*` ones.
pub const ALICLOUD: Names = Names {
    id: "ALICLOUD_ACCESS_KEY",
    secret: "ALICLOUD_SECRET_KEY",
    token: "ALICLOUD_SECURITY_TOKEN",
};

pub const ROLE_ARN: &str = "ALIBABA_CLOUD_ROLE_ARN";
pub const OIDC_PROVIDER_ARN: &str = "ALIBABA_CLOUD_OIDC_PROVIDER_ARN";
pub const OIDC_TOKEN_FILE: &str = "ALIBABA_CLOUD_OIDC_TOKEN_FILE";
pub const ROLE_SESSION_NAME: &str = "ALIBABA_CLOUD_ROLE_SESSION_NAME";
pub const ECS_METADATA: &str = "ALIBABA_CLOUD_ECS_METADATA";
pub const ECS_METADATA_DISABLED: &str = "ALIBABA_CLOUD_ECS_METADATA_DISABLED";
pub const CREDENTIALS_URI: &str = "ALIBABA_CLOUD_CREDENTIALS_URI";

/// Every variable that can make the environment a credential source (or choose one): what a
/// clean run (`alicli demo`'s steps) removes so that the caller's own cannot leak in.
pub const SOURCE_VARIABLES: &[&str] = &[
    ALIBABA_CLOUD.id,
    ALIBABA_CLOUD.secret,
    ALIBABA_CLOUD.token,
    ALICLOUD.id,
    ALICLOUD.secret,
    ALICLOUD.token,
    OSS.id,
    OSS.secret,
    OSS.token,
    EXPIRATION,
    ROLE_ARN,
    OIDC_PROVIDER_ARN,
    OIDC_TOKEN_FILE,
    ROLE_SESSION_NAME,
    ECS_METADATA,
    CREDENTIALS_URI,
    "ALIBABA_CLOUD_PROFILE",
    "ALIBABA_CLOUD_CONFIG_FILE",
    "ALIBABA_CLOUD_CREDENTIALS_FILE",
    "ACTIONS_ID_TOKEN_REQUEST_URL",
    "ACTIONS_ID_TOKEN_REQUEST_TOKEN",
];

/// The OIDC role the environment names: `ALIBABA_CLOUD_OIDC_PROVIDER_ARN` with
/// `ALIBABA_CLOUD_ROLE_ARN`, the token from `ALIBABA_CLOUD_OIDC_TOKEN_FILE` (or, without one,
/// from GitHub Actions when the job has an ID token). A token file and role without a provider
/// is a half-set configuration, refused rather than skipped.
pub fn oidc_definition() -> Result<Option<Profile>> {
    let (role, provider, file) = (env(ROLE_ARN), env(OIDC_PROVIDER_ARN), env(OIDC_TOKEN_FILE));
    match (&role, &provider) {
        (Some(_), Some(_)) => {}
        (None, Some(_)) => {
            return Err(
                UsageError(format!("{OIDC_PROVIDER_ARN} is set but {ROLE_ARN} is not")).into(),
            )
        }
        (Some(_), None) if file.is_some() => {
            return Err(UsageError(format!(
                "{ROLE_ARN} and {OIDC_TOKEN_FILE} are set but {OIDC_PROVIDER_ARN} is not"
            ))
            .into())
        }
        _ => return Ok(None),
    }
    Ok(Some(Profile {
        role_arn: role,
        oidc_provider_arn: provider,
        oidc_token_file: file,
        role_session_name: env(ROLE_SESSION_NAME),
        ..Default::default()
    }))
}

/// The ECS instance role `ALIBABA_CLOUD_ECS_METADATA` names, unless
/// `ALIBABA_CLOUD_ECS_METADATA_DISABLED=true`. alicli never asks the metadata service unless
/// told to (here or by a profile): a laptop must not wait on an address that is not there.
pub fn ecs_definition() -> Option<Profile> {
    let role = env(ECS_METADATA)?;
    if env(ECS_METADATA_DISABLED).is_some_and(|v| v.trim().eq_ignore_ascii_case("true")) {
        return None;
    }
    Some(Profile {
        ecs_ram_role: Some(role.trim().to_string()),
        ..Default::default()
    })
}

/// The credentials URI `ALIBABA_CLOUD_CREDENTIALS_URI` names.
pub fn credentials_uri_definition() -> Option<Profile> {
    Some(Profile {
        credentials_uri: Some(env(CREDENTIALS_URI)?.trim().to_string()),
        ..Default::default()
    })
}

/// The expiry of temporary credentials in the environment, as alicli's exports write it.
pub const EXPIRATION: &str = "ALICLI_CREDENTIALS_EXPIRATION";

/// The credentials `names` hold, if set. Half a pair (an id without its secret) is an error
/// rather than a reason to look further: the user meant these.
pub fn find(names: &Names) -> Result<Option<StaticKeys>> {
    match (env(names.id), env(names.secret)) {
        (Some(id), Some(secret)) => {
            let token = env(names.token);
            crate::terminal::redact::register(&secret);
            if let Some(t) = &token {
                crate::terminal::redact::register(t);
            }
            let credentials = Credentials::new(&id, &secret, token.clone());
            // `assume-role --output env` and `export-credentials` export the expiry beside
            // temporary credentials, so that expired ones are refused here before any request.
            let expiration = token.as_ref().and_then(|_| env(EXPIRATION));
            Ok(Some(StaticKeys::named(
                CredentialSource::Environment(names.id),
                &format!("{} / {} / {}", names.id, names.secret, names.token),
                credentials,
                expiration,
            )?))
        }
        (Some(_), None) => {
            Err(UsageError(format!("{} is set but {} is not", names.id, names.secret)).into())
        }
        (None, Some(_)) => {
            Err(UsageError(format!("{} is set but {} is not", names.secret, names.id)).into())
        }
        (None, None) => Ok(None),
    }
}
