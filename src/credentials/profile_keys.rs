//! The keys a profile holds: `access_key_id` / `access_key_secret` (with `security_token` and
//! `expiration` for temporary ones), or those of its `[oss]` section, which `alicli oss config`
//! writes and which OSS requests prefer.

use anyhow::Result;

use super::static_keys::StaticKeys;
use super::CredentialSource;
use crate::config::profile::{OssSettings, Profile};
use alicli_wire::signing::Credentials;

/// The profile's own keys, if it has both halves.
pub fn of_profile(p: &Profile, source: CredentialSource) -> Result<Option<StaticKeys>> {
    from_fields(
        &p.access_key_id,
        &p.access_key_secret,
        &p.security_token,
        &p.expiration,
        source,
    )
}

/// The keys of the profile's `[oss]` section, if it has both halves.
pub fn of_oss_section(oss: &OssSettings, source: CredentialSource) -> Result<Option<StaticKeys>> {
    from_fields(
        &oss.access_key_id,
        &oss.access_key_secret,
        &oss.security_token,
        &oss.expiration,
        source,
    )
}

fn from_fields(
    id: &Option<String>,
    secret: &Option<String>,
    token: &Option<String>,
    expiration: &Option<String>,
    source: CredentialSource,
) -> Result<Option<StaticKeys>> {
    let (Some(id), Some(secret)) = (id, secret) else {
        return Ok(None);
    };
    let credentials = Credentials {
        access_key_id: id.clone(),
        access_key_secret: secret.clone(),
        security_token: token.clone(),
    };
    Ok(Some(StaticKeys::new(
        source,
        credentials,
        expiration.clone(),
    )?))
}

/// What a role profile holds now, when it is usable at all: it is only a cache, and unusable
/// credentials there are renewed like expired ones rather than refused.
pub fn held_by_role(p: &Profile) -> Option<super::Issued> {
    let (Some(id), Some(secret)) = (&p.access_key_id, &p.access_key_secret) else {
        return None;
    };
    let credentials = Credentials {
        access_key_id: id.clone(),
        access_key_secret: secret.clone(),
        security_token: p.security_token.clone(),
    };
    credentials.check().ok()?;
    Some(super::Issued {
        credentials,
        expiration: p.expiration.clone(),
    })
}
