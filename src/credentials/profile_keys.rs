//! The keys a profile holds: `access_key_id` / `access_key_secret` (with `security_token` and
//! `expiration` for temporary ones), or those of its `[oss]` section, which `alicli oss config`
//! writes and which OSS requests prefer.

use anyhow::Result;

use super::static_keys::StaticKeys;
use super::{CredentialSource, Issued};
use crate::config::profile::{OssSettings, Profile};
use alicli_wire::signing::Credentials;

/// The keys a profile holds as they stand (unchecked), if it has both halves.
pub fn held(p: &Profile) -> Option<Issued> {
    issued(
        &p.access_key_id,
        &p.access_key_secret,
        &p.security_token,
        &p.expiration,
    )
}

/// The profile's own keys, if it has both halves, checked.
pub fn of_profile(p: &Profile, source: CredentialSource) -> Result<Option<StaticKeys>> {
    checked(held(p), source)
}

/// The keys of the profile's `[oss]` section, if it has both halves, checked.
pub fn of_oss_section(oss: &OssSettings, source: CredentialSource) -> Result<Option<StaticKeys>> {
    let found = issued(
        &oss.access_key_id,
        &oss.access_key_secret,
        &oss.security_token,
        &oss.expiration,
    );
    checked(found, source)
}

/// What a role profile holds now, when it is usable at all: it is only a cache, and unusable
/// credentials there are renewed like expired ones rather than refused.
pub fn held_by_role(p: &Profile) -> Option<Issued> {
    held(p).filter(|i| i.credentials.check().is_ok())
}

fn checked(found: Option<Issued>, source: CredentialSource) -> Result<Option<StaticKeys>> {
    let Some(found) = found else {
        return Ok(None);
    };
    Ok(Some(StaticKeys::new(
        source,
        found.credentials,
        found.expiration,
    )?))
}

fn issued(
    id: &Option<String>,
    secret: &Option<String>,
    token: &Option<String>,
    expiration: &Option<String>,
) -> Option<Issued> {
    let (Some(id), Some(secret)) = (id, secret) else {
        return None;
    };
    Some(Issued {
        credentials: Credentials {
            access_key_id: id.clone(),
            access_key_secret: secret.clone(),
            security_token: token.clone(),
        },
        expiration: expiration.clone(),
    })
}
