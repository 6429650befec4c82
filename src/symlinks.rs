//! Where a write through a path really lands. alicli replaces files by writing a temporary file
//! beside them and renaming it over the old one; done on a symlink, that rename would replace the
//! link itself (a dotfile manager's link to the profile file, say) with a plain file. Writers
//! resolve the path first, so the file the link points to is the one replaced.

use std::path::PathBuf;

/// The path a chain of symlinks ends at, even when that last file does not exist yet. Gives up
/// after 40 links, as the kernel does, and leaves the error to whoever writes there.
pub fn resolve(mut path: PathBuf) -> PathBuf {
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
        assert_eq!(resolve(d.join("two")), d.join("real/file"));
        symlink("missing", d.join("dangling")).unwrap();
        assert_eq!(resolve(d.join("dangling")), d.join("missing"));
        assert_eq!(resolve(d.join("plain")), d.join("plain"));
        symlink("loop", d.join("loop")).unwrap();
        assert_eq!(resolve(d.join("loop")), d.join("loop"));
    }
}
