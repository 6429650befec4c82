//! Checkpoints of interrupted transfers, so running the same command again resumes.
//!
//! One file per transfer under the user's cache folder (`~/.cache/alicli/checkpoints/`, or
//! `ALICLI_CACHE_DIR`), named after what identifies the transfer (source, bucket, key; the
//! destination for downloads). The first line describes the transfer; each finished part appends
//! one line. Appending keeps the cost per part constant (rewriting a 10 000-part list after every
//! part would not), and a line cut short by a kill is simply ignored on reading.
//!
//! A checkpoint names paths, keys and upload ids: the folder is 0700 and each file 0600, created
//! exclusively and reopened without following links. What a checkpoint says is outside input
//! like any other (a disk error, an older version, a hand edit): it is checked before use, and
//! one that does not hold together is discarded with a warning, never trusted nor a reason to
//! fail. A running transfer holds a lock on its checkpoint, so a second process resuming the
//! same transfer at the same time is told so instead of writing the same parts.

use std::fs::{self, File};
use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use crate::oss::transfer::{part_count, part_range, MAX_PART, MAX_PARTS, MIN_PART};
use crate::terminal::output;

/// Where checkpoints live.
pub fn dir() -> Option<PathBuf> {
    crate::config::paths::cache_dir().map(|d| d.join("checkpoints"))
}

/// A short name for a transfer identified by `identity` (kind, source, bucket, key…): the same
/// transfer always gets the same one, different transfers different ones.
pub fn id_for(identity: &[&str]) -> String {
    crate::config::paths::short_hash(identity)
}

/// The checkpoint path for a transfer identified by `identity`.
pub fn path_for(identity: &[&str]) -> Option<PathBuf> {
    dir().map(|d| d.join(format!("{}.jsonl", id_for(identity))))
}

/// Most a checkpoint file may hold: 10 000 part lines are about 1.5 MB.
const MAX_FILE: usize = 8 * 1024 * 1024;

/// A finished part.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct DonePart {
    pub number: u32,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub etag: String,
    pub crc64: u64,
    pub size: u64,
}

/// What a checkpoint's first line must tell for its parts to be checked: the transfer's size
/// and part size, and anything else that must hold (an upload id, say).
pub trait Header: Serialize + DeserializeOwned {
    fn size(&self) -> u64;
    fn part_size(&self) -> u64;
    /// Further checks of the header's own fields.
    fn check(&self) -> std::result::Result<(), String> {
        Ok(())
    }
}

/// An open checkpoint: its header, the parts done so far, and the file to append to (locked
/// while this value lives).
pub struct Checkpoint<H> {
    pub path: PathBuf,
    pub header: H,
    pub done: Vec<DonePart>,
    file: File,
}

/// What [`Checkpoint::open`] found.
pub enum Found<H> {
    /// No checkpoint: a fresh transfer.
    None,
    /// A checkpoint that cannot be used, and why; it has been removed.
    Discarded(String),
    /// Another process is running this transfer right now.
    Busy(PathBuf),
    Usable(Checkpoint<H>),
}

impl<H: Header> Checkpoint<H> {
    /// Starts a new checkpoint, replacing any old one at `path`.
    pub fn create(path: &Path, header: H) -> Result<Checkpoint<H>> {
        if let Some(parent) = path.parent() {
            crate::local_files::create_private_dir(parent)
                .with_context(|| format!("cannot create {}", parent.display()))?;
        }
        // Removing first and then creating exclusively never writes through a planted link.
        match fs::remove_file(path) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(e).with_context(|| format!("cannot replace {}", path.display())),
        }
        let mut file = crate::local_files::create_exclusive(path, 0o600)
            .with_context(|| format!("cannot create {}", path.display()))?;
        file.try_lock()
            .map_err(|_| anyhow::anyhow!("{} is in use by another process", path.display()))?;
        writeln!(file, "{}", serde_json::to_string(&header)?)?;
        file.sync_data()?;
        Ok(Checkpoint {
            path: path.to_path_buf(),
            header,
            done: Vec::new(),
            file,
        })
    }

    /// Reads the checkpoint at `path`, if any, and checks it. A line cut short by a kill is
    /// dropped from the file, so later appends start clean.
    pub fn open(path: &Path) -> Found<H> {
        match std::fs::symlink_metadata(path) {
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Found::None,
            _ => {}
        }
        let discard = |why: String| {
            let _ = fs::remove_file(path);
            Found::Discarded(why)
        };
        let mut file = match crate::local_files::reopen_own(path, true) {
            Ok(f) => f,
            Err(why) => return discard(why),
        };
        if file.try_lock().is_err() {
            return Found::Busy(path.to_path_buf());
        }
        let bytes = match crate::local_files::read_limited(&mut file, MAX_FILE) {
            Ok(b) => b,
            Err(e) => return discard(e.to_string()),
        };
        let Ok(text) = String::from_utf8(bytes) else {
            return discard("it is not UTF-8 text".into());
        };
        match parse::<H>(&text) {
            Ok((header, done, good)) => {
                if let Err(e) = file.set_len(good as u64) {
                    return discard(format!("cannot trim its torn last line: {e}"));
                }
                // Appends go after what was kept.
                if let Err(e) = std::io::Seek::seek(&mut file, std::io::SeekFrom::End(0)) {
                    return discard(e.to_string());
                }
                Found::Usable(Checkpoint {
                    path: path.to_path_buf(),
                    header,
                    done,
                    file,
                })
            }
            Err(why) => discard(why),
        }
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

/// Opens the checkpoint a transfer may resume from (`path` is none when resuming is off).
/// `kind` is "upload" or "download" and `what` names the transfer ("SOURCE to DEST") in the
/// messages: another process holding the checkpoint is an error (both would write the same
/// parts), while a checkpoint that does not hold together was removed and only warrants a
/// warning, since starting over is always safe. `show_path` writes the locked file's path.
pub fn open_to_resume<H: Header>(
    path: Option<&Path>,
    kind: &str,
    what: &str,
    show_path: impl Fn(&Path) -> String,
) -> Result<Option<Checkpoint<H>>> {
    let found = match path {
        Some(p) => Checkpoint::<H>::open(p),
        None => Found::None,
    };
    match found {
        Found::Busy(p) => Err(anyhow::anyhow!(
            "another alicli is {kind}ing {what} right now (its checkpoint {} is locked); wait for it to finish",
            show_path(&p)
        )),
        Found::Discarded(why) => {
            output::warn(&format!(
                "the checkpoint of an interrupted {kind} of {what} cannot be used ({why}); starting over"
            ));
            Ok(None)
        }
        Found::None => Ok(None),
        Found::Usable(c) => Ok(Some(c)),
    }
}

/// Starts the checkpoint of a fresh transfer at `path` (none when resuming is off). Failing to
/// is not fatal, as the transfer itself can still succeed: the warning says `if_it_stops`,
/// what becomes of the transfer without one.
pub fn create_or_warn<H: Header>(
    path: Option<&Path>,
    header: H,
    if_it_stops: &str,
) -> Option<Checkpoint<H>> {
    match Checkpoint::create(path?, header) {
        Ok(c) => Some(c),
        Err(e) => {
            output::warn(&format!("cannot keep a checkpoint ({e:#}): {if_it_stops}"));
            None
        }
    }
}

/// The header, the parts (each number once, the last line for it winning) and the length of the
/// text that was whole, or why the text is not a checkpoint of this kind.
fn parse<H: Header>(text: &str) -> std::result::Result<(H, Vec<DonePart>, usize), String> {
    let mut lines = text.split_inclusive('\n');
    let first = lines.next().ok_or("it is empty")?;
    let first = first
        .strip_suffix('\n')
        .ok_or("its first line is cut short")?;
    let header: H =
        serde_json::from_str(first).map_err(|e| format!("its first line does not read: {e}"))?;
    let (size, part_size) = (header.size(), header.part_size());
    if !(MIN_PART..=MAX_PART).contains(&part_size) {
        return Err(format!(
            "its part size {part_size} is outside 100 KiB-5 GiB"
        ));
    }
    let total = part_count(size, part_size);
    if total as u64 > MAX_PARTS || size.div_ceil(part_size) > MAX_PARTS {
        return Err(format!(
            "its {size} bytes in parts of {part_size} would be more than 10000 parts"
        ));
    }
    header.check()?;
    let mut good = first.len() + 1;
    let mut done: Vec<DonePart> = Vec::new();
    for line in lines {
        let Some(complete) = line.strip_suffix('\n') else {
            break;
        };
        let Ok(part) = serde_json::from_str::<DonePart>(complete) else {
            break;
        };
        if part.number == 0 || part.number > total {
            return Err(format!(
                "it lists part {} of a transfer of {total} parts",
                part.number
            ));
        }
        let (_, len) = part_range(part.number, part_size, size);
        if part.size != len {
            return Err(format!(
                "it says part {} has {} bytes where it has {len}",
                part.number, part.size
            ));
        }
        done.retain(|p| p.number != part.number);
        done.push(part);
        good += line.len();
    }
    done.sort_by_key(|p| p.number);
    Ok((header, done, good))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, Serialize, Deserialize, PartialEq)]
    struct TestHeader {
        upload_id: String,
        size: u64,
        part_size: u64,
    }

    impl Header for TestHeader {
        fn size(&self) -> u64 {
            self.size
        }
        fn part_size(&self) -> u64 {
            self.part_size
        }
        fn check(&self) -> std::result::Result<(), String> {
            if self.upload_id.is_empty() {
                return Err("no upload id".into());
            }
            Ok(())
        }
    }

    const P: u64 = MIN_PART;

    fn header() -> TestHeader {
        TestHeader {
            upload_id: "U".into(),
            size: 2 * P + 4,
            part_size: P,
        }
    }

    fn part(number: u32, size: u64) -> DonePart {
        DonePart {
            number,
            etag: format!("\"E{number}\""),
            crc64: number as u64,
            size,
        }
    }

    fn usable(path: &Path) -> Checkpoint<TestHeader> {
        match Checkpoint::<TestHeader>::open(path) {
            Found::Usable(c) => c,
            Found::Discarded(why) => panic!("discarded: {why}"),
            Found::Busy(_) => panic!("busy"),
            Found::None => panic!("none"),
        }
    }

    #[test]
    fn parts_survive_a_reopen_and_a_torn_last_line() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("c.jsonl");
        let mut c = Checkpoint::create(&path, header()).unwrap();
        c.record(part(2, P)).unwrap();
        c.record(part(1, P)).unwrap();
        drop(c);
        let mut text = fs::read_to_string(&path).unwrap();
        text.push_str("{\"number\":3,\"et");
        fs::write(&path, text).unwrap();
        let mut c = usable(&path);
        assert_eq!(c.header.upload_id, "U");
        assert_eq!(c.done.iter().map(|p| p.number).collect::<Vec<_>>(), [1, 2]);
        c.record(part(3, 4)).unwrap();
        drop(c);
        let c = usable(&path);
        assert_eq!(
            c.done.iter().map(|p| p.number).collect::<Vec<_>>(),
            [1, 2, 3]
        );
        c.remove();
        assert!(!path.exists());
        assert!(matches!(Checkpoint::<TestHeader>::open(&path), Found::None));
    }

    /// A checkpoint is outside input: every way it can be wrong is caught and the file removed.
    #[test]
    fn checkpoints_that_do_not_hold_together_are_discarded() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("c.jsonl");
        let h = |part_size: u64, size: u64| {
            format!("{{\"upload_id\":\"U\",\"size\":{size},\"part_size\":{part_size}}}\n")
        };
        let line = |n: u32, size: u64| format!("{{\"number\":{n},\"crc64\":1,\"size\":{size}}}\n");
        for (text, why) in [
            (h(0, 10), "part size 0"),
            (h(P, 20_000 * P), "more than 10000 parts"),
            (
                "{\"upload_id\":\"\",\"size\":10,\"part_size\":102400}\n".to_string(),
                "no upload id",
            ),
            (format!("{}{}", h(P, 2 * P), line(3, P)), "lists part 3"),
            (format!("{}{}", h(P, 2 * P), line(0, P)), "lists part 0"),
            (
                format!("{}{}", h(P, 2 * P + 1), line(3, 7)),
                "has 7 bytes where it has 1",
            ),
            ("not json\n".into(), "does not read"),
            (String::new(), "empty"),
            ("\u{0}\u{0}".into(), "cut short"),
        ] {
            fs::write(&path, &text).unwrap();
            match Checkpoint::<TestHeader>::open(&path) {
                Found::Discarded(got) => assert!(got.contains(why), "{text:?}: {got}"),
                _ => panic!("{text:?} was not discarded"),
            }
            assert!(!path.exists(), "{text:?} left behind");
        }
        fs::write(&path, [0xff, 0xfe, b'\n']).unwrap();
        assert!(matches!(
            Checkpoint::<TestHeader>::open(&path),
            Found::Discarded(_)
        ));
    }

    #[cfg(unix)]
    #[test]
    fn checkpoints_are_private_locked_and_never_followed() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let folder = dir.path().join("checkpoints");
        fs::create_dir(&folder).unwrap();
        fs::set_permissions(&folder, fs::Permissions::from_mode(0o755)).unwrap();
        let path = folder.join("c.jsonl");
        let c = Checkpoint::create(&path, header()).unwrap();
        let mode = |p: &Path| fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&path), 0o600);
        assert_eq!(mode(&folder), 0o700, "an old 0755 folder is made private");
        assert!(matches!(
            Checkpoint::<TestHeader>::open(&path),
            Found::Busy(_)
        ));
        drop(c);
        assert!(matches!(
            Checkpoint::<TestHeader>::open(&path),
            Found::Usable(_)
        ));
        // A link planted where a checkpoint goes is removed, not written through.
        let victim = dir.path().join("victim");
        fs::write(&victim, b"precious").unwrap();
        fs::remove_file(&path).unwrap();
        std::os::unix::fs::symlink(&victim, &path).unwrap();
        assert!(matches!(
            Checkpoint::<TestHeader>::open(&path),
            Found::Discarded(_)
        ));
        std::os::unix::fs::symlink(&victim, &path).unwrap();
        drop(Checkpoint::create(&path, header()).unwrap());
        assert_eq!(fs::read(&victim).unwrap(), b"precious");
    }

    #[test]
    fn identities_map_to_distinct_files() {
        std::env::set_var("ALICLI_CACHE_DIR", "/tmp/alicli-test-cache");
        let a = path_for(&["put", "/a", "b", "k"]).unwrap();
        let b = path_for(&["put", "/a", "b", "k2"]).unwrap();
        assert_ne!(a, b);
        assert!(a.starts_with("/tmp/alicli-test-cache/checkpoints"));
        assert_eq!(id_for(&["x"]), id_for(&["x"]));
        assert_ne!(id_for(&["a", "b"]), id_for(&["ab"]));
    }
}
