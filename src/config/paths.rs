//! Where alicli's files are, and where a write through a path really lands. alicli replaces files by writing a temporary file
//! in the same folder and renaming it over the old one; done on a symlink, that rename would
//! replace the link itself (a dotfile manager's link to the profile file, say) with a plain file.
//! Writers follow the links first, so the file a link points to is the one replaced.

use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

/// alicli's cache folder: `ALICLI_CACHE_DIR`, else the platform's (`~/.cache/alicli` on Linux).
/// Checkpoints and the credentials of sources the environment names live there, 0600 in 0700.
pub fn cache_dir() -> Option<PathBuf> {
    if let Some(dir) = std::env::var_os("ALICLI_CACHE_DIR").filter(|d| !d.is_empty()) {
        return Some(PathBuf::from(dir));
    }
    dirs::cache_dir().map(|d| d.join("alicli"))
}

/// The user's data folder as the XDG base directory spec has it: `$XDG_DATA_HOME`, else
/// `~/.local/share`, on every system (the shells and man read these paths on macOS too, where
/// `dirs::data_dir` would name `~/Library/Application Support`). A relative value is ignored,
/// as the spec says.
pub fn xdg_data_home() -> Option<PathBuf> {
    xdg_home("XDG_DATA_HOME", ".local/share")
}

/// The user's config folder the same way: `$XDG_CONFIG_HOME`, else `~/.config` (fish, elvish
/// and PowerShell on Unix read their files there).
pub fn xdg_config_home() -> Option<PathBuf> {
    xdg_home("XDG_CONFIG_HOME", ".config")
}

fn xdg_home(var: &str, under_home: &str) -> Option<PathBuf> {
    match std::env::var_os(var).map(PathBuf::from) {
        Some(dir) if dir.is_absolute() => Some(dir),
        _ => dirs::home_dir().map(|home| home.join(under_home)),
    }
}

/// A short file name for what `identity` identifies: the same parts always give the same one,
/// different parts different ones (32 hex digits of their SHA-256).
pub fn short_hash(identity: &[&str]) -> String {
    let mut hasher = Sha256::new();
    for part in identity {
        hasher.update(part.as_bytes());
        hasher.update([0]);
    }
    hasher
        .finalize()
        .iter()
        .take(16)
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The folder holding `path`, where its temporary file goes: `.` for a bare file name.
pub fn folder_of(path: &Path) -> &Path {
    path.parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
}

/// The path a chain of symlinks ends at, even when that last file does not exist yet. Gives up
/// after 40 links, as the kernel does, and leaves the error to whoever writes there.
pub fn follow_symlinks(mut path: PathBuf) -> PathBuf {
    for _ in 0..40 {
        let is_link = std::fs::symlink_metadata(&path).is_ok_and(|m| m.file_type().is_symlink());
        if !is_link {
            break;
        }
        let Ok(target) = std::fs::read_link(&path) else {
            break;
        };
        // A relative target is relative to the folder holding the link.
        path = match path.parent() {
            Some(dir) => dir.join(target),
            None => target,
        };
    }
    path
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::os::unix::fs::symlink;

    #[test]
    fn follows_chains_relative_and_dangling_links() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        std::fs::create_dir(d.join("real")).unwrap();
        std::fs::write(d.join("real/file"), b"x").unwrap();
        symlink("real/file", d.join("one")).unwrap();
        symlink(d.join("one"), d.join("two")).unwrap();
        assert_eq!(follow_symlinks(d.join("two")), d.join("real/file"));
        symlink("missing", d.join("dangling")).unwrap();
        assert_eq!(follow_symlinks(d.join("dangling")), d.join("missing"));
        assert_eq!(follow_symlinks(d.join("plain")), d.join("plain"));
        symlink("loop", d.join("loop")).unwrap();
        assert_eq!(follow_symlinks(d.join("loop")), d.join("loop"));
    }

    #[test]
    fn a_bare_name_is_in_the_current_folder() {
        assert_eq!(folder_of(Path::new("config.toml")), Path::new("."));
        assert_eq!(folder_of(Path::new("a/b.toml")), Path::new("a"));
        assert_eq!(folder_of(Path::new("/b.toml")), Path::new("/"));
    }
}
