//! The local side of a tree: a folder walked in the order OSS lists keys (bytes of the UTF-8
//! relative path), so a sync can walk it beside a listing and compare the two in one pass with
//! memory flat in the size of the tree. Symbolic links are not followed unless asked; they and
//! other special files (pipes, sockets, devices) are skipped with a warning.

use std::cmp::Ordering;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use crate::terminal::output::escape_untrusted;

/// A regular file of the tree.
#[derive(Debug, Clone)]
pub struct LocalFile {
    /// The path below the root, `/`-separated: the part of the key after the prefix.
    pub relative: String,
    pub path: PathBuf,
    pub size: u64,
    pub mtime: Option<SystemTime>,
}

/// What the walk found that is not a file to move.
#[derive(Debug)]
pub enum Skipped {
    /// A link, pipe, socket or device: a warning, not a failure.
    Special(String),
    /// A name that cannot be a key, or a folder that cannot be read: a failure of that path.
    Unusable { path: String, why: String },
}

/// The order of a folder's entries that makes the whole walk come out in key order: a folder
/// sorts as its name followed by `/`, so `a-b` (0x2d) comes before `a/…` (0x2f) as in a listing.
fn key_order(a: &walkdir::DirEntry, b: &walkdir::DirEntry) -> Ordering {
    let name = |e: &walkdir::DirEntry| {
        let mut bytes = e.file_name().as_encoded_bytes().to_vec();
        if e.file_type().is_dir() {
            bytes.push(b'/');
        }
        bytes
    };
    name(a).cmp(&name(b))
}

/// Walks `root` (a folder) in key order.
pub fn walk(
    root: &Path,
    follow_symlinks: bool,
) -> impl Iterator<Item = Result<LocalFile, Skipped>> {
    let root_buf = root.to_path_buf();
    walkdir::WalkDir::new(root)
        .follow_links(follow_symlinks)
        .min_depth(1)
        .sort_by(key_order)
        .into_iter()
        .filter_map(move |entry| match entry {
            Err(e) => {
                let path = e
                    .path()
                    .map(|p| p.display().to_string())
                    .unwrap_or_default();
                let why = if e.loop_ancestor().is_some() {
                    "a link loops back to a folder above it".to_string()
                } else {
                    e.io_error()
                        .map(|io| io.to_string())
                        .unwrap_or_else(|| e.to_string())
                };
                Some(Err(Skipped::Unusable {
                    path: escape_untrusted(&path).into_owned(),
                    why,
                }))
            }
            Ok(e) if e.file_type().is_dir() => None,
            Ok(e) => Some(file_of(&root_buf, e)),
        })
}

fn file_of(root: &Path, entry: walkdir::DirEntry) -> Result<LocalFile, Skipped> {
    let shown = || escape_untrusted(&entry.path().display().to_string()).into_owned();
    if !entry.file_type().is_file() {
        let what = if entry.path_is_symlink() {
            "a symbolic link (--follow-symlinks follows links)"
        } else {
            "not a regular file"
        };
        return Err(Skipped::Special(format!("skipped {}: {what}", shown())));
    }
    let relative = entry.path().strip_prefix(root).unwrap_or(entry.path());
    let mut parts = Vec::new();
    for part in relative.components() {
        match part.as_os_str().to_str() {
            Some(p) => parts.push(p),
            None => {
                return Err(Skipped::Unusable {
                    path: shown(),
                    why: "its name is not UTF-8, so it cannot be an object key".into(),
                })
            }
        }
    }
    let relative = parts.join("/");
    let meta = entry.metadata().map_err(|e| Skipped::Unusable {
        path: shown(),
        why: e.to_string(),
    })?;
    Ok(LocalFile {
        relative,
        path: entry.into_path(),
        size: meta.len(),
        mtime: meta.modified().ok(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_walk_comes_out_in_key_order() {
        let dir = tempfile::tempdir().unwrap();
        for f in ["a/b", "a-c", "a0", "b", "a/z/y", "A"] {
            let p = dir.path().join(f);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(&p, f).unwrap();
        }
        let keys: Vec<String> = walk(dir.path(), false)
            .map(|f| f.unwrap().relative)
            .collect();
        let mut sorted = keys.clone();
        sorted.sort();
        assert_eq!(keys, sorted);
        assert_eq!(keys, ["A", "a-c", "a/b", "a/z/y", "a0", "b"]);
    }

    #[cfg(unix)]
    #[test]
    fn links_are_skipped_unless_followed() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("real"), b"x").unwrap();
        std::os::unix::fs::symlink(dir.path().join("real"), dir.path().join("link")).unwrap();
        let found: Vec<_> = walk(dir.path(), false).collect();
        assert_eq!(found.len(), 2);
        assert!(matches!(&found[0], Err(Skipped::Special(w)) if w.contains("symbolic link")));
        assert_eq!(found[1].as_ref().unwrap().relative, "real");
        let followed: Vec<_> = walk(dir.path(), true)
            .map(|f| f.unwrap().relative)
            .collect();
        assert_eq!(followed, ["link", "real"]);
    }
}
