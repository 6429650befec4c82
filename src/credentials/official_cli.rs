//! A profile of the official CLI's `~/.aliyun/config.json`, used when alicli's own file has no
//! profile of the selected name (the session borrows it, converted, at start; see
//! [`crate::config::official_cli`]). Its keys sign as they are; a role profile of that file
//! (mode RamRoleArn) renews like one of alicli's, but in memory only: alicli never writes
//! another program's file. What differs from alicli's own profiles is only this: how its
//! credentials are named, and where a renewal keeps what it gets.

use std::sync::Mutex;

use super::role::Store;
use super::CredentialSource;
use crate::session::Session;

/// The borrowed profile, by its name in the official CLI's file (its `[oss]` section too).
pub fn source(session: &Session, name: &str) -> CredentialSource {
    CredentialSource::Aliyun(
        session
            .borrowed_name
            .clone()
            .unwrap_or_else(|| name.to_string()),
    )
}

/// Where its renewals go: a copy of the borrowed profiles, for this process only.
pub fn store(session: &Session) -> Store {
    Store::Memory(Mutex::new(session.borrowed.clone()))
}
