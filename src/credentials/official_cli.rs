//! A profile of the official CLI's `~/.aliyun/config.json` (or of the official libraries'
//! `~/.alibabacloud/credentials`), used when alicli's own file has no profile of the selected
//! name (the session borrows it, converted, at start; see
//! [`crate::config::official_cli`]). Its keys sign as they are; a role profile of that file
//! (mode RamRoleArn) renews like one of alicli's, but in memory only: alicli never writes
//! another program's file. What differs from alicli's own profiles is only this: how its
//! credentials are named, and where a renewal keeps what it gets.

use std::sync::Mutex;

use super::renewal::Store;
use super::CredentialSource;
use crate::session::{BorrowedFrom, Session};

/// The borrowed profile, by its name in the file it came from (its `[oss]` section too).
pub fn source(session: &Session, name: &str) -> CredentialSource {
    let borrowed = session
        .borrowed_name
        .clone()
        .unwrap_or_else(|| name.to_string());
    match session.borrowed_from {
        Some(BorrowedFrom::CredentialsFile) => CredentialSource::CredentialsFile(borrowed),
        _ => CredentialSource::Aliyun(borrowed),
    }
}

/// Where its renewals go: a copy of the borrowed profiles, for this process only.
pub fn store(session: &Session) -> Store {
    Store::Memory(Mutex::new(session.borrowed.clone()))
}
