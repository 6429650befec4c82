//! Writing the profile file: under an exclusive lock on a sidecar `.lock` file, re-reading the
//! file under that lock, applying one change, and replacing the file atomically (temp file in the
//! same folder, fsync, rename) with mode 0600 in a 0700 folder. So parallel CI jobs never lose
//! each other's profiles, a killed writer never leaves a truncated file, and a file we cannot
//! parse is reported and left untouched. What the new text is comes from [`super::merge`].

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};

use super::{file, merge, ConfigFile};
use crate::error::UsageError;

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
    let (text, mut config) = file::read(path)?;
    // The closure gets the model; what it changed is found by comparing with this copy, and only
    // that is edited into the text (see merge.rs).
    let before = config.clone();
    let out = change(&mut config)?;
    if always_write || before != config {
        let new_text = merge::merge_into_text(&text, &before, &config)?;
        write_atomic(path, &new_text)?;
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

fn write_atomic(path: &Path, text: &str) -> Result<()> {
    let dir = crate::config::paths::folder_of(path);
    // tempfile creates the file 0600, so secrets are never readable by others, not even briefly.
    let (prefix, suffix) = temp_affixes(path);
    let mut tmp = tempfile::Builder::new()
        .prefix(&prefix)
        .suffix(suffix)
        .tempfile_in(dir)
        .with_context(|| format!("cannot create a temporary file in {}", dir.display()))?;
    tmp.write_all(text.as_bytes())?;
    tmp.as_file().sync_all()?;
    tmp.persist(path)
        .map_err(|e| anyhow::anyhow!("cannot replace {}: {}", path.display(), e.error))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::profile::{load, OssSettings, Profile};

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
    fn a_failed_change_writes_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("config.toml");
        let r: Result<()> = update(&path, |_| anyhow::bail!("no"));
        assert!(r.is_err());
        assert!(!path.exists());
    }
}
