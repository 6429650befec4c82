//! Where an object of a downloaded tree lands on disk, and the refusal of keys that would land
//! anywhere else. A key comes from the server (or whoever wrote the bucket): `../x`, `/etc/x`,
//! `a\..\x`, a NUL or a control character, `.` segments or an empty segment are refused for that
//! object; the folders between DEST and the file are created one at a time and each one is
//! checked to be a real folder, not a link planted to lead out of DEST.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

/// The relative path a key (already relative to the source prefix) maps to, or why it cannot
/// be one. A key ending in `/` (a "folder" object) maps to a folder.
pub fn relative_path(relative_key: &str) -> Result<PathBuf, String> {
    let trimmed = relative_key.strip_suffix('/').unwrap_or(relative_key);
    if trimmed.is_empty() {
        return Err("it names the destination folder itself".into());
    }
    if relative_key.starts_with('/') {
        return Err("it is an absolute path".into());
    }
    if let Some(c) = relative_key.chars().find(|c| c.is_control()) {
        return Err(format!("it holds the control character {:?}", c));
    }
    if relative_key.contains('\\') {
        return Err("it holds a backslash, a folder separator on Windows".into());
    }
    let mut path = PathBuf::new();
    for segment in trimmed.split('/') {
        match segment {
            "" => return Err("it has an empty path segment ('//')".into()),
            "." | ".." => return Err(format!("it has a '{segment}' segment")),
            // A drive letter or stream name on Windows; refused everywhere, so that a tree
            // downloads the same on every system.
            s if s.contains(':') && cfg!(windows) => {
                return Err("it holds ':', which Windows does not allow in a name".into())
            }
            s => path.push(s),
        }
    }
    Ok(path)
}

/// Creates the folders of DEST-relative paths, remembering the ones already checked so a tree
/// of 100 000 files in 50 folders checks each folder once.
#[derive(Debug, Default)]
pub struct Folders {
    made: std::sync::Mutex<HashSet<PathBuf>>,
}

impl Folders {
    /// Makes `root/relative`'s parent folders. Each one below `root` must be a real folder (or
    /// be created as one): a link, or a file where a folder must go (a key that is also the
    /// folder of another key), refuses the object.
    pub fn make_parents(&self, root: &Path, relative: &Path) -> Result<(), String> {
        let Some(parent) = relative.parent() else {
            return Ok(());
        };
        self.make(root, parent)
    }

    /// Makes `root/relative` itself as a folder (for a key ending in `/`).
    pub fn make(&self, root: &Path, relative: &Path) -> Result<(), String> {
        if relative.as_os_str().is_empty() {
            return Ok(());
        }
        if self.lock().contains(relative) {
            return Ok(());
        }
        let mut sofar = PathBuf::new();
        for part in relative.components() {
            sofar.push(part);
            if self.lock().contains(&sofar) {
                continue;
            }
            let full = root.join(&sofar);
            match std::fs::symlink_metadata(&full) {
                Ok(m) if m.is_dir() => {}
                Ok(m) if m.file_type().is_symlink() => {
                    return Err(format!(
                        "{} is a symbolic link; alicli does not write through links in DEST",
                        sofar.display()
                    ))
                }
                Ok(_) => {
                    return Err(format!(
                        "{} is a file, so it cannot also be a folder",
                        sofar.display()
                    ))
                }
                Err(_) => match std::fs::create_dir(&full) {
                    Ok(()) => {}
                    // Another worker made it between the check and now: check it again.
                    Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                        let m = std::fs::symlink_metadata(&full).map_err(|e| e.to_string())?;
                        if !m.is_dir() {
                            return Err(format!("{} is not a folder", sofar.display()));
                        }
                    }
                    Err(e) => return Err(format!("cannot create {}: {e}", sofar.display())),
                },
            }
            self.lock().insert(sofar.clone());
        }
        Ok(())
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashSet<PathBuf>> {
        self.made.lock().unwrap_or_else(|e| e.into_inner())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinary_keys_map_below_dest() {
        assert_eq!(
            relative_path("a/b c/ü.txt").unwrap(),
            Path::new("a/b c/ü.txt")
        );
        assert_eq!(relative_path("x#?%+.bin").unwrap(), Path::new("x#?%+.bin"));
        assert_eq!(relative_path("folder/").unwrap(), Path::new("folder"));
        assert_eq!(relative_path("..a/b..").unwrap(), Path::new("..a/b.."));
    }

    #[test]
    fn keys_that_would_leave_dest_are_refused() {
        for key in [
            "../x",
            "a/../../x",
            "a/./b",
            "/etc/passwd",
            "a\\..\\x",
            "a\0b",
            "a\nb",
            "a\x1b[2Jb",
            "a//b",
            "",
            "/",
            "..",
            "./",
        ] {
            assert!(relative_path(key).is_err(), "{key:?} was accepted");
        }
    }

    #[cfg(unix)]
    #[test]
    fn folders_are_made_but_never_through_a_link_or_a_file() {
        let dest = tempfile::tempdir().unwrap();
        let outside = tempfile::tempdir().unwrap();
        let folders = Folders::default();
        folders
            .make_parents(dest.path(), Path::new("a/b/c.txt"))
            .unwrap();
        assert!(dest.path().join("a/b").is_dir());
        std::os::unix::fs::symlink(outside.path(), dest.path().join("link")).unwrap();
        let err = folders
            .make_parents(dest.path(), Path::new("link/x/y.txt"))
            .unwrap_err();
        assert!(err.contains("symbolic link"), "{err}");
        assert_eq!(std::fs::read_dir(outside.path()).unwrap().count(), 0);
        std::fs::write(dest.path().join("file"), b"x").unwrap();
        let err = folders
            .make_parents(dest.path(), Path::new("file/y.txt"))
            .unwrap_err();
        assert!(err.contains("is a file"), "{err}");
    }
}
