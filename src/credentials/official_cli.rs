//! A profile of the official CLI's `~/.aliyun/config.json`, used when alicli's own file has no
//! profile of the selected name (the session borrows it, converted, at start; see
//! [`crate::config::official_cli`]). Its keys sign as they are; a role profile of that file
//! (mode RamRoleArn) renews like one of alicli's, but in memory only: alicli never writes
//! another program's file.

use std::sync::{Arc, Mutex};

use anyhow::Result;

use super::role::{self, RoleRenewal, Store};
use super::{profile_keys, CredentialSource, ProvideCredentials};
use crate::config::profile::Profile;
use crate::session::Session;

/// The borrowed profile `name`'s credentials (its `[oss]` section first when `oss`), if any.
pub fn find(
    session: &Session,
    name: &str,
    p: &Profile,
    oss: bool,
    renewal: impl FnOnce(Store) -> Result<RoleRenewal>,
) -> Result<Option<Arc<dyn ProvideCredentials>>> {
    let source = CredentialSource::Aliyun(
        session
            .borrowed_name
            .clone()
            .unwrap_or_else(|| name.to_string()),
    );
    if oss {
        if let Some(section) = &p.oss {
            if let Some(keys) = profile_keys::of_oss_section(section, source.clone())? {
                return Ok(Some(Arc::new(keys)));
            }
        }
    }
    if p.is_role() {
        let store = Store::Memory(Mutex::new(session.borrowed.clone()));
        return Ok(Some(Arc::new(role::provider(source, p, renewal(store)?))));
    }
    Ok(profile_keys::of_profile(p, source)?.map(|k| Arc::new(k) as Arc<dyn ProvideCredentials>))
}
