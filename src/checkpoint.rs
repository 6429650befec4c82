//! Checkpoints of interrupted transfers, so running the same command again resumes.
//!
//! One file per transfer under the user's cache folder (`~/.cache/alicli/checkpoints/`, or
//! `ALICLI_CACHE_DIR`), named after what identifies the transfer (source, bucket, key; the
//! destination for downloads). The first line describes the transfer; each finished part appends
//! one line. Appending keeps the cost per part constant (rewriting a 10 000-part list after every
//! part would not), and a line cut short by a kill is simply ignored on reading.

use std::fs::{self, File, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

/// Where checkpoints live.
pub fn dir() -> Option<PathBuf> {
    if let Some(dir) = std::env::var_os("ALICLI_CACHE_DIR").filter(|d| !d.is_empty()) {
        return Some(PathBuf::from(dir).join("checkpoints"));
    }
    dirs::cache_dir().map(|d| d.join("alicli").join("checkpoints"))
}

/// The checkpoint path for a transfer identified by `parts` (kind, source, bucket, key…).
pub fn path_for(identity: &[&str]) -> Option<PathBuf> {
    let mut hasher = Sha256::new();
    for part in identity {
        hasher.update(part.as_bytes());
        hasher.update([0]);
    }
    let name: String = hasher
        .finalize()
        .iter()
        .take(16)
        .map(|b| format!("{b:02x}"))
        .collect();
    dir().map(|d| d.join(format!("{name}.jsonl")))
}

/// A finished part.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct DonePart {
    pub number: u32,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub etag: String,
    pub crc64: u64,
    pub size: u64,
}

/// An open checkpoint: its header, the parts done so far, and the file to append to.
pub struct Checkpoint<H> {
    pub path: PathBuf,
    pub header: H,
    pub done: Vec<DonePart>,
    file: File,
}

impl<H: Serialize + DeserializeOwned> Checkpoint<H> {
    /// Starts a new checkpoint (replacing any old one at `path`).
    pub fn create(path: &Path, header: H) -> Result<Checkpoint<H>> {
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent)
                .with_context(|| format!("cannot create {}", parent.display()))?;
        }
        let mut file = OpenOptions::new()
            .create(true)
            .write(true)
            .truncate(true)
            .open(path)?;
        writeln!(file, "{}", serde_json::to_string(&header)?)?;
        file.sync_data()?;
        Ok(Checkpoint {
            path: path.to_path_buf(),
            header,
            done: Vec::new(),
            file,
        })
    }

    /// Reads a checkpoint; `None` when there is none or it is unreadable (then it is ignored).
    /// A line cut short by a kill is dropped from the file, so later appends start clean.
    pub fn open(path: &Path) -> Option<Checkpoint<H>> {
        let text = fs::read_to_string(path).ok()?;
        let mut good = 0usize;
        let mut lines = text.split_inclusive('\n');
        let first = lines.next()?;
        let header: H = serde_json::from_str(first.strip_suffix('\n')?).ok()?;
        good += first.len();
        let mut done: Vec<DonePart> = Vec::new();
        for line in lines {
            let Some(complete) = line.strip_suffix('\n') else {
                break;
            };
            let Ok(part) = serde_json::from_str::<DonePart>(complete) else {
                break;
            };
            done.retain(|p| p.number != part.number);
            done.push(part);
            good += line.len();
        }
        done.sort_by_key(|p| p.number);
        let file = OpenOptions::new().append(true).open(path).ok()?;
        file.set_len(good as u64).ok()?;
        Some(Checkpoint {
            path: path.to_path_buf(),
            header,
            done,
            file,
        })
    }

    /// Records a finished part (one appended line).
    pub fn record(&mut self, part: DonePart) -> Result<()> {
        writeln!(self.file, "{}", serde_json::to_string(&part)?)?;
        self.done.push(part);
        Ok(())
    }

    pub fn remove(self) {
        let _ = fs::remove_file(&self.path);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, Serialize, Deserialize, PartialEq)]
    struct Header {
        upload_id: String,
    }

    #[test]
    fn parts_survive_a_reopen_and_a_torn_last_line() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("c.jsonl");
        let mut c = Checkpoint::create(
            &path,
            Header {
                upload_id: "U".into(),
            },
        )
        .unwrap();
        c.record(DonePart {
            number: 2,
            etag: "\"B\"".into(),
            crc64: 2,
            size: 10,
        })
        .unwrap();
        c.record(DonePart {
            number: 1,
            etag: "\"A\"".into(),
            crc64: 1,
            size: 10,
        })
        .unwrap();
        drop(c);
        let mut text = fs::read_to_string(&path).unwrap();
        text.push_str("{\"number\":3,\"et");
        fs::write(&path, text).unwrap();
        let mut c = Checkpoint::<Header>::open(&path).unwrap();
        assert_eq!(c.header.upload_id, "U");
        assert_eq!(c.done.iter().map(|p| p.number).collect::<Vec<_>>(), [1, 2]);
        c.record(DonePart {
            number: 3,
            etag: "\"C\"".into(),
            crc64: 3,
            size: 4,
        })
        .unwrap();
        drop(c);
        let c = Checkpoint::<Header>::open(&path).unwrap();
        assert_eq!(
            c.done.iter().map(|p| p.number).collect::<Vec<_>>(),
            [1, 2, 3]
        );
        c.remove();
        assert!(!path.exists());
        assert!(Checkpoint::<Header>::open(&path).is_none());
    }

    #[test]
    fn identities_map_to_distinct_files() {
        std::env::set_var("ALICLI_CACHE_DIR", "/tmp/alicli-test-cache");
        let a = path_for(&["put", "/a", "b", "k"]).unwrap();
        let b = path_for(&["put", "/a", "b", "k2"]).unwrap();
        assert_ne!(a, b);
        assert!(a.starts_with("/tmp/alicli-test-cache/checkpoints"));
    }
}
