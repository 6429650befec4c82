//! Finding, reading and parsing the profile file, and the warning about a file others can read.
//! Reading never changes anything: a file that does not parse is reported and left as it is.

use std::fs;
use std::path::{Path, PathBuf};

use anyhow::Result;

use super::ConfigFile;
use crate::error::UsageError;

/// The default location: `<config dir>/alicli/config.toml`.
pub fn default_path() -> Result<PathBuf> {
    let dir = dirs::config_dir()
        .or_else(|| dirs::home_dir().map(|h| h.join(".config")))
        .ok_or_else(|| UsageError("cannot find a config folder; pass --config-file".into()))?;
    Ok(dir.join("alicli").join("config.toml"))
}

/// Reads the file; a missing file is an empty configuration. A file that does not parse is an
/// error naming the file and the line, and is never rewritten.
pub fn load(path: &Path) -> Result<ConfigFile> {
    read(path).map(|(_, config)| config)
}

/// [`load`], and the text it parsed: a write edits that text rather than writing the model out
/// anew. A missing file is the empty text.
pub(super) fn read(path: &Path) -> Result<(String, ConfigFile)> {
    use crate::local_files::{read_text, Accept, ReadError};
    // Bounded, and a FIFO is refused rather than waited on: a profile file is read by every
    // command, and must never be the reason one hangs. /dev/null reads as no profiles.
    let text = match read_text(path, PROFILE_FILE_LIMIT, Accept::FilesAndDevices) {
        Ok(text) => text,
        Err(ReadError::Io(e)) if e.kind() == std::io::ErrorKind::NotFound => {
            return Ok((String::new(), ConfigFile::default()))
        }
        Err(ReadError::NotText) => {
            return Err(UsageError(format!(
                "profile file {} is not UTF-8 text (the file was left untouched)",
                path.display()
            ))
            .into())
        }
        Err(e) => {
            return Err(
                UsageError(format!("cannot read profile file {}: {e}", path.display())).into(),
            )
        }
    };
    let config = parse(&text).map_err(|msg| {
        UsageError(format!(
            "profile file {} is not valid: {msg} (the file was left untouched)",
            path.display()
        ))
    })?;
    for profile in config.profiles.values() {
        profile.register_secrets();
    }
    Ok((text, config))
}

/// The largest profile file read: thousands of profiles fit.
const PROFILE_FILE_LIMIT: usize = 4 * 1024 * 1024;

/// Parses file contents; the error text carries the line and column.
pub fn parse(text: &str) -> std::result::Result<ConfigFile, String> {
    toml::from_str::<ConfigFile>(text).map_err(|e| {
        let line = e
            .span()
            .map(|span| text[..span.start.min(text.len())].lines().count().max(1));
        let what = e.message().trim().to_string();
        match line {
            Some(line) => format!("line {line}: {what}"),
            None => what,
        }
    })
}

/// The warning to print when the profile file can be read or changed by other users: it holds
/// secrets. `None` when the file is private (or missing, or on a system without Unix modes).
pub fn permission_warning(path: &Path) -> Option<String> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        // Only a file can hold secrets; /dev/null and pipes are world-writable by design.
        let meta = fs::metadata(path).ok().filter(|m| m.is_file())?;
        let mode = meta.permissions().mode() & 0o777;
        if mode & 0o077 != 0 {
            return Some(format!(
                "profile file {} is readable by group or others (mode {mode:03o}) and holds secrets; run `chmod 600 {}`",
                path.display(),
                path.display()
            ));
        }
    }
    #[cfg(not(unix))]
    let _ = path;
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn open_files_are_reported_with_the_fix() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("config.toml");
        assert!(permission_warning(&path).is_none(), "missing file");
        fs::write(&path, "").unwrap();
        fs::set_permissions(&path, fs::Permissions::from_mode(0o600)).unwrap();
        assert!(permission_warning(&path).is_none());
        fs::set_permissions(&path, fs::Permissions::from_mode(0o644)).unwrap();
        let w = permission_warning(&path).unwrap();
        assert!(w.contains(&format!("chmod 600 {}", path.display())), "{w}");
        assert!(w.contains("644"), "{w}");
    }
}
