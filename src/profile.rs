//! The profile file: where long-term keys, temporary STS credentials and endpoints are kept.
//!
//! TOML at `~/.config/alicli/config.toml` (or `--config-file` / `ALICLI_CONFIG_FILE`). Every write
//! happens under an exclusive lock on a sidecar `.lock` file, re-reads the file under that lock,
//! applies one change, and replaces the file atomically (temp file in the same folder, fsync,
//! rename) with mode 0600. So parallel CI jobs never lose each other's profiles, a killed writer
//! never leaves a truncated file, and a file we cannot parse is reported and left untouched.

use std::collections::BTreeMap;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use serde::{Deserialize, Serialize};

use crate::error::UsageError;

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
    /// Nothing to sign with (only endpoints or region, say).
    Empty,
}

impl std::fmt::Display for Kind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Kind::AccessKey => "access key",
            Kind::Sts => "STS",
            Kind::Role => "role",
            Kind::Empty => "-",
        })
    }
}

impl Profile {
    /// A role profile knows how to get its own credentials: a role and a profile to assume it with.
    pub fn is_role(&self) -> bool {
        self.role_arn.is_some() && self.source_profile.is_some()
    }

    pub fn kind(&self) -> Kind {
        if self.is_role() {
            Kind::Role
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
            crate::redact::register(s);
        }
        if let Some(oss) = &self.oss {
            for s in [&oss.access_key_secret, &oss.security_token]
                .into_iter()
                .flatten()
            {
                crate::redact::register(s);
            }
        }
    }
}

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
    let text = match fs::read_to_string(path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(ConfigFile::default()),
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
    Ok(config)
}

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
        let mode = fs::metadata(path).ok()?.permissions().mode() & 0o777;
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

/// Applies `change` to the file under an exclusive lock and writes the result atomically.
/// The closure sees the file as it is on disk at that moment, not a stale copy, so concurrent
/// writers each add their own profile without dropping anyone else's.
pub fn update<T>(path: &Path, change: impl FnOnce(&mut ConfigFile) -> Result<T>) -> Result<T> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    create_private_dir(dir)?;
    let _lock = lock(path)?;
    let mut config = load(path)?;
    let out = change(&mut config)?;
    write_atomic(path, &config)?;
    Ok(out)
}

/// Like [`update`], but writes only when `change` actually changed something. Meant for work that
/// must happen once across processes: the closure runs while the lock is held (it may call STS),
/// sees what the process before it wrote, and can decide there is nothing left to do.
pub fn update_if_changed<T>(
    path: &Path,
    change: impl FnOnce(&mut ConfigFile) -> Result<T>,
) -> Result<T> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    create_private_dir(dir)?;
    let _lock = lock(path)?;
    let mut config = load(path)?;
    let before = config.clone();
    let out = change(&mut config)?;
    if config != before {
        write_atomic(path, &config)?;
    }
    Ok(out)
}

fn create_private_dir(dir: &Path) -> Result<()> {
    if dir.is_dir() {
        return Ok(());
    }
    let mut builder = fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        builder.mode(0o700);
    }
    builder
        .create(dir)
        .map_err(|e| UsageError(format!("cannot create folder {}: {e}", dir.display())).into())
}

/// Holds the advisory lock until dropped. The lock lives on a sidecar file because the profile
/// file itself is replaced by rename, which would orphan a lock taken on it.
struct FileLock(fs::File);

impl Drop for FileLock {
    fn drop(&mut self) {
        let _ = self.0.unlock();
    }
}

fn lock(path: &Path) -> Result<FileLock> {
    let lock_path = sidecar(path, ".lock");
    let file = open_private(&lock_path).map_err(|e| {
        UsageError(format!(
            "cannot open lock file {}: {e}",
            lock_path.display()
        ))
    })?;
    file.lock()
        .with_context(|| format!("cannot lock {}", lock_path.display()))?;
    Ok(FileLock(file))
}

fn open_private(path: &Path) -> std::io::Result<fs::File> {
    let mut options = fs::OpenOptions::new();
    options.read(true).write(true).create(true).truncate(false);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    options.open(path)
}

fn sidecar(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(suffix);
    path.with_file_name(name)
}

fn write_atomic(path: &Path, config: &ConfigFile) -> Result<()> {
    let text = toml::to_string_pretty(config).context("cannot serialise the profile file")?;
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    // tempfile creates the file 0600, so secrets are never readable by others, not even briefly.
    let mut tmp = tempfile::Builder::new()
        .prefix(".config.toml.")
        .tempfile_in(dir)
        .with_context(|| format!("cannot create a temporary file in {}", dir.display()))?;
    tmp.write_all(
        b"# alicli profiles: see `alicli configure --help`. Keep this file private (0600).\n",
    )?;
    tmp.write_all(text.as_bytes())?;
    tmp.as_file().sync_all()?;
    tmp.persist(path)
        .map_err(|e| anyhow::anyhow!("cannot replace {}: {}", path.display(), e.error))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_keeps_every_field_and_unknown_keys() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sub").join("config.toml");
        update(&path, |c| {
            c.profiles.insert(
                "default".into(),
                Profile {
                    access_key_id: Some("LTAIexample".into()),
                    access_key_secret: Some("secret-value".into()),
                    region: Some("cn-hangzhou".into()),
                    oss: Some(OssSettings {
                        endpoint: Some("oss-cn-hangzhou.aliyuncs.com".into()),
                        ..Default::default()
                    }),
                    ..Default::default()
                },
            );
            Ok(())
        })
        .unwrap();
        let mut text = fs::read_to_string(&path).unwrap();
        text.push_str("\n[profiles.default.future]\nsetting = 1\n");
        fs::write(&path, &text).unwrap();
        update(&path, |c| {
            c.profiles.get_mut("default").unwrap().role_arn = Some("acs:ram::1:role/r".into());
            Ok(())
        })
        .unwrap();
        let loaded = load(&path).unwrap();
        let p = &loaded.profiles["default"];
        assert_eq!(p.access_key_id.as_deref(), Some("LTAIexample"));
        assert_eq!(
            p.oss.as_ref().unwrap().endpoint.as_deref(),
            Some("oss-cn-hangzhou.aliyuncs.com")
        );
        assert_eq!(p.role_arn.as_deref(), Some("acs:ram::1:role/r"));
        assert!(
            p.extra.contains_key("future"),
            "unknown table kept: {:?}",
            p.extra
        );
    }

    #[cfg(unix)]
    #[test]
    fn file_is_private() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("config.toml");
        update(&path, |c| {
            c.profiles.insert("p".into(), Profile::default());
            Ok(())
        })
        .unwrap();
        assert_eq!(
            fs::metadata(&path).unwrap().permissions().mode() & 0o777,
            0o600
        );
    }

    #[test]
    fn corrupt_file_names_line_and_is_left_alone() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("config.toml");
        let bad = "[profiles.default]\naccess_key_id = \"x\"\nregion = = 3\n";
        fs::write(&path, bad).unwrap();
        let err = update(&path, |_| Ok(())).unwrap_err().to_string();
        assert!(err.contains("line 3"), "{err}");
        assert!(err.contains(&path.display().to_string()), "{err}");
        assert_eq!(fs::read_to_string(&path).unwrap(), bad);
    }

    #[test]
    fn unchanged_configs_are_not_rewritten() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("config.toml");
        let made = update_if_changed(&path, |_| Ok(7)).unwrap();
        assert_eq!(made, 7);
        assert!(!path.exists(), "nothing changed, nothing written");
        update_if_changed(&path, |c| {
            c.profiles.insert("p".into(), Profile::default());
            Ok(())
        })
        .unwrap();
        let text = fs::read_to_string(&path).unwrap();
        fs::write(&path, format!("{text}\n# a comment of the user's\n")).unwrap();
        update_if_changed(&path, |c| {
            assert!(c.profiles.contains_key("p"));
            Ok(())
        })
        .unwrap();
        assert!(fs::read_to_string(&path).unwrap().contains("a comment"));
    }

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

    #[cfg(unix)]
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

    #[test]
    fn a_failed_change_writes_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("config.toml");
        let r: Result<()> = update(&path, |_| anyhow::bail!("no"));
        assert!(r.is_err());
        assert!(!path.exists());
    }
}
