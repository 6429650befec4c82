//! What the user configured: alicli's profile file, the official CLI's file, and where they live.

pub mod credentials_file;
pub mod official_cli;
pub mod paths;
pub mod precedence;
pub mod profile;

use crate::error::UsageError;

/// Profile names: 1-64 of letters, digits, `-`, `_`, `.` (a name goes into the file as a TOML
/// table name and into messages; the official CLI's `aliyun:` prefix is kept out).
pub fn check_profile_name(name: &str) -> Result<(), UsageError> {
    if name.is_empty()
        || name.len() > 64
        || !name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"-_.".contains(&b))
    {
        return Err(UsageError(format!(
            "invalid profile name {name:?}: use 1-64 of letters, digits, '-', '_', '.'"
        )));
    }
    Ok(())
}
