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

/// A key of `configure get` / `configure set`: the profile's own keys by their names in the file,
/// the oss table's as `oss.<key>`.
#[derive(Debug, Clone, Copy)]
pub struct Setting {
    pub name: &'static str,
    /// Secrets are never printed by `configure get` (nor listed by `configure list`).
    pub secret: bool,
    pub about: &'static str,
}

pub const SETTINGS: &[Setting] = &[
    Setting {
        name: "access_key_id",
        secret: false,
        about: "AccessKey ID (LTAI… or STS.…)",
    },
    Setting {
        name: "access_key_secret",
        secret: true,
        about: "AccessKey secret",
    },
    Setting {
        name: "security_token",
        secret: true,
        about: "STS security token of temporary credentials",
    },
    Setting {
        name: "expiration",
        secret: false,
        about: "when temporary credentials expire, UTC (2026-01-13T15:03:39Z)",
    },
    Setting {
        name: "region",
        secret: false,
        about: "default region, e.g. cn-hangzhou",
    },
    Setting {
        name: "sts_endpoint",
        secret: false,
        about: "STS endpoint",
    },
    Setting {
        name: "role_arn",
        secret: false,
        about: "role a role profile assumes",
    },
    Setting {
        name: "role_session_name",
        secret: false,
        about: "session name of its AssumeRole [default: alicli-<profile>]",
    },
    Setting {
        name: "source_profile",
        secret: false,
        about: "profile whose credentials assume the role",
    },
    Setting {
        name: "policy",
        secret: false,
        about: "inline session policy (JSON, or @FILE when setting)",
    },
    Setting {
        name: "duration_seconds",
        secret: false,
        about: "lifetime asked of AssumeRole, 900-43200",
    },
    Setting {
        name: "external_id",
        secret: false,
        about: "external id the role's trust policy requires",
    },
    Setting {
        name: "refresh_margin_seconds",
        secret: false,
        about: "renew a role profile this long before expiry [default: 300]",
    },
    Setting {
        name: "sign_version",
        secret: false,
        about: "force OSS signature v1 or v4",
    },
    Setting {
        name: "retries",
        secret: false,
        about: "retries of a failed request that is safe to repeat, 0-20 [default: 3]",
    },
    Setting {
        name: "oss.endpoint",
        secret: false,
        about: "OSS endpoint",
    },
    Setting {
        name: "oss.region",
        secret: false,
        about: "region for OSS",
    },
    Setting {
        name: "oss.access_key_id",
        secret: false,
        about: "AccessKey ID for OSS only",
    },
    Setting {
        name: "oss.access_key_secret",
        secret: true,
        about: "AccessKey secret for OSS only",
    },
    Setting {
        name: "oss.security_token",
        secret: true,
        about: "security token for OSS only",
    },
    Setting {
        name: "oss.expiration",
        secret: false,
        about: "expiry of the OSS-only credentials",
    },
    Setting {
        name: "oss.sign_version",
        secret: false,
        about: "force OSS signature v1 or v4",
    },
];

/// The setting called `name`, or an error listing them all.
pub fn setting(name: &str) -> std::result::Result<&'static Setting, UsageError> {
    SETTINGS.iter().find(|s| s.name == name).ok_or_else(|| {
        let names: Vec<&str> = SETTINGS.iter().map(|s| s.name).collect();
        UsageError(format!(
            "unknown key {name:?}; keys are: {}",
            names.join(", ")
        ))
    })
}

impl Profile {
    /// The value of a [`Setting`] as text, `None` when unset.
    pub fn get_setting(&self, name: &str) -> Option<String> {
        let oss = self.oss.as_ref();
        match name {
            "access_key_id" => self.access_key_id.clone(),
            "access_key_secret" => self.access_key_secret.clone(),
            "security_token" => self.security_token.clone(),
            "expiration" => self.expiration.clone(),
            "region" => self.region.clone(),
            "sts_endpoint" => self.sts_endpoint.clone(),
            "role_arn" => self.role_arn.clone(),
            "role_session_name" => self.role_session_name.clone(),
            "source_profile" => self.source_profile.clone(),
            "policy" => self.policy.clone(),
            "duration_seconds" => self.duration_seconds.map(|d| d.to_string()),
            "external_id" => self.external_id.clone(),
            "refresh_margin_seconds" => self.refresh_margin_seconds.map(|d| d.to_string()),
            "sign_version" => self.sign_version.clone(),
            // Kept in the table as written (read by `Session::net`), not a typed field.
            "retries" => self.extra.get("retries").map(|v| v.to_string()),
            "oss.endpoint" => oss.and_then(|o| o.endpoint.clone()),
            "oss.region" => oss.and_then(|o| o.region.clone()),
            "oss.access_key_id" => oss.and_then(|o| o.access_key_id.clone()),
            "oss.access_key_secret" => oss.and_then(|o| o.access_key_secret.clone()),
            "oss.security_token" => oss.and_then(|o| o.security_token.clone()),
            "oss.expiration" => oss.and_then(|o| o.expiration.clone()),
            "oss.sign_version" => oss.and_then(|o| o.sign_version.clone()),
            _ => None,
        }
    }

    /// Sets (or with `None` removes) a [`Setting`]. Numbers must parse; everything else about
    /// the value is the caller's to check. An oss table left empty is removed.
    pub fn set_setting(
        &mut self,
        name: &str,
        value: Option<String>,
    ) -> std::result::Result<(), UsageError> {
        let number = |v: &Option<String>| -> std::result::Result<Option<u64>, UsageError> {
            v.as_deref()
                .map(|t| {
                    t.trim().parse::<u64>().map_err(|_| {
                        UsageError(format!("{name} must be a number of seconds, not {t:?}"))
                    })
                })
                .transpose()
        };
        if let Some(key) = name.strip_prefix("oss.") {
            let oss = self.oss.get_or_insert_with(OssSettings::default);
            match key {
                "endpoint" => oss.endpoint = value,
                "region" => oss.region = value,
                "access_key_id" => oss.access_key_id = value,
                "access_key_secret" => oss.access_key_secret = value,
                "security_token" => oss.security_token = value,
                "expiration" => oss.expiration = value,
                "sign_version" => oss.sign_version = value,
                _ => return Err(setting(name).err().unwrap_or(UsageError(name.into()))),
            }
            if *oss == OssSettings::default() {
                self.oss = None;
            }
            return Ok(());
        }
        match name {
            "access_key_id" => self.access_key_id = value,
            "access_key_secret" => self.access_key_secret = value,
            "security_token" => self.security_token = value,
            "expiration" => self.expiration = value,
            "region" => self.region = value,
            "sts_endpoint" => self.sts_endpoint = value,
            "role_arn" => self.role_arn = value,
            "role_session_name" => self.role_session_name = value,
            "source_profile" => self.source_profile = value,
            "policy" => self.policy = value,
            "duration_seconds" => self.duration_seconds = number(&value)?,
            "external_id" => self.external_id = value,
            "refresh_margin_seconds" => self.refresh_margin_seconds = number(&value)?,
            "sign_version" => self.sign_version = value,
            "retries" => match number(&value)? {
                Some(n) => {
                    self.extra
                        .insert("retries".into(), toml::Value::Integer(n.min(20) as i64));
                }
                None => {
                    self.extra.remove("retries");
                }
            },
            _ => return Err(setting(name).err().unwrap_or(UsageError(name.into()))),
        }
        Ok(())
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
    use crate::local_files::{read_text, Accept, ReadError};
    // Bounded, and a FIFO is refused rather than waited on: a profile file is read by every
    // command, and must never be the reason one hangs. /dev/null reads as no profiles.
    let text = match read_text(path, PROFILE_FILE_LIMIT, Accept::FilesAndDevices) {
        Ok(text) => text,
        Err(ReadError::Io(e)) if e.kind() == std::io::ErrorKind::NotFound => {
            return Ok(ConfigFile::default())
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
    Ok(config)
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

/// Applies `change` to the file under an exclusive lock and writes the result atomically.
/// The closure sees the file as it is on disk at that moment, not a stale copy, so concurrent
/// writers each add their own profile without dropping anyone else's.
pub fn update<T>(path: &Path, change: impl FnOnce(&mut ConfigFile) -> Result<T>) -> Result<T> {
    update_locked(path, change, true)
}

/// Like [`update`], but writes only when `change` actually changed something. Meant for work that
/// must happen once across processes: the closure runs while the lock is held (it may call STS),
/// sees what the process before it wrote, and can decide there is nothing left to do.
pub fn update_if_changed<T>(
    path: &Path,
    change: impl FnOnce(&mut ConfigFile) -> Result<T>,
) -> Result<T> {
    update_locked(path, change, false)
}

fn update_locked<T>(
    path: &Path,
    change: impl FnOnce(&mut ConfigFile) -> Result<T>,
    always_write: bool,
) -> Result<T> {
    let path = &writable_path(path)?;
    create_private_dir(crate::config::paths::folder_of(path))?;
    let _lock = lock(path)?;
    sweep_dead_writers(path);
    let mut config = load(path)?;
    let before = (!always_write).then(|| config.clone());
    let out = change(&mut config)?;
    if before.as_ref() != Some(&config) {
        write_atomic(path, &config)?;
    }
    Ok(out)
}

/// The file a write replaces: a symlinked profile file keeps its link (the file it points to is
/// replaced), and anything but a regular file is refused rather than renamed over.
fn writable_path(path: &Path) -> Result<PathBuf> {
    let path = crate::config::paths::follow_symlinks(path.to_path_buf());
    match fs::metadata(&path) {
        Ok(meta) if !meta.is_file() => Err(UsageError(format!(
            "profile file {} is not a regular file",
            path.display()
        ))
        .into()),
        _ => Ok(path),
    }
}

fn create_private_dir(dir: &Path) -> Result<()> {
    if dir.is_dir() {
        // A folder the user made (`--config-file ./x.toml`, say) is left as it is.
        return Ok(());
    }
    crate::local_files::create_private_dir(dir)
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

/// Name parts of the temporary file a write goes through: `.<file name>.<random>.tmp`.
fn temp_affixes(path: &Path) -> (String, &'static str) {
    let name = path.file_name().unwrap_or_default().to_string_lossy();
    (format!(".{name}."), ".tmp")
}

/// Removes temporary files left by writers that were killed before their rename. Called with the
/// lock held: writers create their temporary file only while holding it, so any still there now
/// belongs to a process that is gone (and holds secrets nobody will clean up otherwise).
fn sweep_dead_writers(path: &Path) {
    let dir = crate::config::paths::folder_of(path);
    let (prefix, suffix) = temp_affixes(path);
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if name.starts_with(&prefix)
            && name.ends_with(suffix)
            && entry.file_type().is_ok_and(|t| t.is_file())
        {
            let _ = fs::remove_file(entry.path());
        }
    }
}

fn write_atomic(path: &Path, config: &ConfigFile) -> Result<()> {
    let text = toml::to_string_pretty(config).context("cannot serialise the profile file")?;
    let dir = crate::config::paths::folder_of(path);
    // tempfile creates the file 0600, so secrets are never readable by others, not even briefly.
    let (prefix, suffix) = temp_affixes(path);
    let mut tmp = tempfile::Builder::new()
        .prefix(&prefix)
        .suffix(suffix)
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
    fn temporary_files_of_dead_writers_are_swept_under_the_lock() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("config.toml");
        let dead = dir.path().join(".config.toml.AbC123.tmp");
        let other = dir.path().join(".other.toml.AbC123.tmp");
        fs::write(&dead, "half a file").unwrap();
        fs::write(&other, "another file's writer").unwrap();
        update(&path, |c| {
            c.profiles.insert("p".into(), Profile::default());
            Ok(())
        })
        .unwrap();
        assert!(!dead.exists());
        assert!(other.exists(), "only this file's temporaries");
        let left: Vec<_> = fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(".tmp"))
            .collect();
        assert_eq!(left, vec![".other.toml.AbC123.tmp".to_string()]);
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
    fn every_setting_round_trips() {
        let mut p = Profile::default();
        for s in SETTINGS {
            let value = match s.name {
                "duration_seconds" | "refresh_margin_seconds" => "900".to_string(),
                "retries" => "5".to_string(),
                other => format!("value-of-{other}"),
            };
            p.set_setting(s.name, Some(value.clone())).unwrap();
            assert_eq!(p.get_setting(s.name), Some(value), "{}", s.name);
        }
        for s in SETTINGS {
            p.set_setting(s.name, None).unwrap();
            assert_eq!(p.get_setting(s.name), None, "{}", s.name);
        }
        assert_eq!(p, Profile::default(), "an emptied oss table goes away");
        assert!(p
            .set_setting("duration_seconds", Some("1h".into()))
            .is_err());
        let e = setting("acces_key_id").unwrap_err().to_string();
        assert!(
            e.contains("access_key_id") && e.contains("oss.endpoint"),
            "{e}"
        );
        assert!(p.set_setting("oss.nope", Some("x".into())).is_err());
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
