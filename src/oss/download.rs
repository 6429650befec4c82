//! Downloads: one streamed GET for small objects, parallel ranged GETs for large ones, and one
//! ordered stream (stdout, a pipe, a device) that continues where it broke off.
//!
//! To a file, the bytes go to a file beside DEST and are renamed into place only once their
//! length and CRC-64 match what OSS reported; DEST itself is never half-written. A large
//! download that stops keeps its part file (`.NAME.<id>.alicli-download`, space reserved up
//! front, written at offsets) and a checkpoint, so the same command resumes it.
//!
//! Nothing on disk is trusted because a checkpoint says so. The part file's name carries the
//! transfer's id (another object to the same DEST has another part file), it is created
//! exclusively and reopened without following links, and the checkpoint binds it to the object
//! (ETag, size, CRC-64, Last-Modified) and to the file itself (device and inode). On resume the
//! parts kept are read back and hashed; one that does not match is fetched again. Every ranged
//! answer is checked (206, the Content-Range asked for, its length, the same ETag) and asked
//! with `If-Match`, so a changed object is an error, never a file spliced from two versions.

use std::fs::File;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use anyhow::{Context, Result};
use reqwest::blocking::Response;
use serde::{Deserialize, Serialize};

use super::client::header;
use super::parts;
use super::transfer::{self, part_count, part_range, write_at};
use super::OssClient;
use crate::config::paths::folder_of;
use crate::error::{IntegrityError, NetworkError, ServiceError, UsageError};
use crate::local_files;
use crate::net::answers::Deadline;
use crate::oss::checkpoint::{self, Checkpoint, DonePart};
use crate::terminal::output::{self, escape_untrusted};
use crate::terminal::progress::{Direction, Progress, Show};
use alicli_wire::crc64;

#[derive(Debug, Clone)]
pub struct DownloadSettings {
    pub threshold: u64,
    pub part_size: Option<u64>,
    pub jobs: usize,
    pub resume: bool,
    pub show_progress: Show,
}

/// What an interrupted ranged download was, and the part file it was writing.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct DownloadHeader {
    endpoint: String,
    bucket: String,
    key: String,
    dest: String,
    etag: String,
    size: u64,
    part_size: u64,
    crc64: Option<u64>,
    last_modified: String,
    /// The part file's name in DEST's folder.
    part_file: String,
    /// The part file's device and inode when it was made: a file put there since is not ours.
    part_file_id: (u64, u64),
}

impl checkpoint::Header for DownloadHeader {
    fn size(&self) -> u64 {
        self.size
    }
    fn part_size(&self) -> u64 {
        self.part_size
    }
    fn check(&self) -> std::result::Result<(), String> {
        if self.part_file.is_empty() || self.part_file.contains(['/', '\\']) {
            return Err("it names no part file in DEST's folder".into());
        }
        Ok(())
    }
}

/// What an answer told about the object.
#[derive(Debug, Clone)]
struct ObjectInfo {
    /// `None` when the answer had no Content-Length (a chunked answer).
    size: Option<u64>,
    etag: String,
    crc64: Option<u64>,
    last_modified: String,
}

fn info(response: &Response) -> ObjectInfo {
    ObjectInfo {
        size: response.content_length(),
        etag: header(response, "etag").unwrap_or_default(),
        crc64: header(response, "x-oss-hash-crc64ecma").and_then(|v| v.parse().ok()),
        last_modified: header(response, "last-modified").unwrap_or_default(),
    }
}

/// Copies a response body into `out`, feeding `crc`, the progress and `copied`; a body cut
/// short is a network error (retrying or resuming will fix it), as is a read error. `copied`
/// counts what reached `out` even when the copy fails part-way.
pub fn copy_body(
    reader: &mut impl Read,
    out: &mut impl Write,
    crc: &mut crc_fast::Digest,
    progress: &Progress,
    host: &str,
    copied: &mut u64,
) -> Result<()> {
    let mut buf = vec![0u8; 256 * 1024];
    loop {
        if crate::interrupted() {
            return Err(crate::Interrupted.into());
        }
        let n = match reader.read(&mut buf) {
            Ok(0) => return Ok(()),
            Ok(n) => n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => {
                return Err(NetworkError::new(format!(
                    "download from {host} broke off after {copied} bytes: {e}"
                ))
                .into())
            }
        };
        out.write_all(&buf[..n])
            .context("cannot write the download")?;
        crc.update(&buf[..n]);
        progress.add_bytes(n as u64);
        *copied += n as u64;
    }
}

/// The body must be as long as announced and hash to the CRC-64 OSS reported.
pub fn verify(
    len: u64,
    crc: u64,
    expected_len: Option<u64>,
    expected_crc: Option<u64>,
) -> Result<()> {
    if let Some(expected) = expected_len.filter(|e| *e != len) {
        return Err(NetworkError::new(format!(
            "download incomplete: got {len} of {expected} bytes"
        ))
        .into());
    }
    if let Some(reported) = expected_crc.filter(|e| *e != crc) {
        return Err(IntegrityError(format!(
            "download corrupted: its CRC-64 is {crc}, OSS says {reported}; nothing was written"
        ))
        .into());
    }
    Ok(())
}

/// A path as messages show it: control characters escaped (a file name taken from a key may
/// hold any).
fn shown_path(path: &Path) -> String {
    escape_untrusted(&path.display().to_string()).into_owned()
}

/// Name parts of the single-stream temporary file beside DEST: `.<name>.<random>.alicli-part`.
fn temp_affixes(dest: &Path) -> (String, &'static str) {
    (format!(".{}.", file_name(dest)), ".alicli-part")
}

/// DEST's file name, for the names of the files kept beside it while downloading.
fn file_name(dest: &Path) -> String {
    dest.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// A temporary file in DEST's folder (so the final rename is atomic), checked for writability
/// before any request: an unwritable or read-only destination is bad input. Temporary files of
/// downloads to the same DEST that were killed (SIGKILL leaves them behind) are removed first;
/// this one is locked while it lives, which is how a later run tells it from an abandoned one.
pub fn temp_beside(path: &Path) -> Result<tempfile::NamedTempFile> {
    temp_in_folder(path, true)
}

/// True for the name of a file a download keeps beside its DEST while it runs (a temporary
/// or part file): a sync that walks DEST must neither upload nor delete them.
pub fn is_download_temp(name: &str) -> bool {
    name.starts_with('.') && (name.ends_with(".alicli-part") || name.ends_with(".alicli-download"))
}

/// [`temp_beside`], with the sweep of abandoned temporary files optional: a tree download
/// writes thousands of files into one folder, and reading the folder for each would make it
/// quadratic.
pub fn temp_in_folder(path: &Path, sweep: bool) -> Result<tempfile::NamedTempFile> {
    if path.is_dir() {
        return Err(UsageError(format!("{} is a folder", shown_path(path))).into());
    }
    let dir = folder_of(path);
    if !dir.is_dir() {
        return Err(UsageError(format!(
            "cannot write {}: folder {} does not exist",
            shown_path(path),
            shown_path(dir)
        ))
        .into());
    }
    if local_files::is_read_only(path) {
        return Err(UsageError(format!(
            "{} is read-only: alicli does not replace it (remove it, or make it writable with chmod u+w)",
            shown_path(path)
        ))
        .into());
    }
    let (prefix, suffix) = temp_affixes(path);
    if sweep {
        local_files::sweep_abandoned(dir, &prefix, suffix);
    }
    let mut builder = tempfile::Builder::new();
    builder.prefix(&prefix).suffix(suffix);
    // A download is an ordinary file: mode 0666 less the umask, as curl leaves it, not the
    // private 0600 temporary files get by default.
    #[cfg(unix)]
    builder.permissions(std::os::unix::fs::PermissionsExt::from_mode(0o666));
    let tmp = builder
        .tempfile_in(dir)
        .map_err(|e| UsageError(format!("cannot write to {}: {e}", shown_path(dir))))?;
    // Held until the file is renamed into place or removed; failing to lock only costs the
    // sweep its certainty, so it is not an error.
    let _ = tmp.as_file().try_lock();
    Ok(tmp)
}

/// Downloads `bucket/key` to `dest` (which the caller checked with [`temp_beside`]).
pub fn download_file(
    client: &OssClient,
    bucket: &str,
    key: &str,
    dest: &Path,
    tmp: tempfile::NamedTempFile,
    settings: &DownloadSettings,
) -> Result<u64> {
    let host = client.endpoint.authority();
    let shown = super::url::display(bucket, key);
    let response = client.get_object(bucket, key)?;
    let object = info(&response);
    let dest_name = std::fs::canonicalize(folder_of(dest))
        .unwrap_or_else(|_| folder_of(dest).to_path_buf())
        .join(dest.file_name().unwrap_or_default());
    let endpoint = client.endpoint.base_url();
    let dest_text = dest_name.display().to_string();
    let identity = ["get", endpoint.as_str(), bucket, key, dest_text.as_str()];
    let checkpoint_path = checkpoint::path_for(&identity);
    let what = format!("{shown} to {}", shown_path(dest));
    let previous =
        checkpoint::open_to_resume(checkpoint_path.as_deref(), "download", &what, shown_path)?;
    let ranged = match object.size {
        Some(0) | None => false,
        Some(size) => size >= settings.threshold && settings.jobs > 1 || previous.is_some(),
    };
    if ranged {
        // Going ranged: this first answer only told us the size.
        drop(response);
        drop(tmp);
        let target = Ranged {
            bucket,
            key,
            dest,
            shown: &shown,
            id: checkpoint::id_for(&identity),
            header: DownloadHeader {
                endpoint,
                bucket: bucket.into(),
                key: key.into(),
                dest: dest_text,
                etag: object.etag.clone(),
                size: object.size.unwrap_or_default(),
                part_size: 0,
                crc64: object.crc64,
                last_modified: object.last_modified.clone(),
                part_file: String::new(),
                part_file_id: (0, 0),
            },
        };
        return download_ranged(client, target, checkpoint_path, previous, settings);
    }
    if let Some(old) = previous {
        old.remove();
    }
    let progress = Progress::new(
        object.size,
        1,
        settings.show_progress,
        Direction::Download,
        &shown,
    );
    let mut tmp = tmp;
    let mut first = Some((response, object));
    // A body that breaks off or arrives damaged is fetched again from the start.
    let len = client
        .retry
        .run("GetObject", || {
            let (reader, object) = match first.take() {
                Some(answer) => answer,
                None => {
                    let response = client.get_object(bucket, key)?;
                    let object = info(&response);
                    (response, object)
                }
            };
            let file = tmp.as_file_mut();
            // Only a retry has anything to undo. Truncating a fresh file anyway is not free:
            // ext4 takes a truncate to zero as a rewrite in progress and flushes the file
            // synchronously when it is closed, which cost a 1 GiB download a third of its time.
            if std::io::Seek::stream_position(file)? > 0 {
                file.set_len(0)?;
                std::io::Seek::rewind(file)?;
            }
            let mut crc = crc64::new_digest();
            let mut len = 0;
            let mut body = Deadline::new(reader, object.size);
            copy_body(&mut body, file, &mut crc, &progress, &host, &mut len)?;
            verify(len, crc.finalize(), object.size, object.crc64)?;
            Ok(len)
        })
        .inspect_err(|_| progress.abandon())?;
    tmp.persist(dest).map_err(|e| {
        anyhow::anyhow!(
            "cannot move the download into {}: {}",
            shown_path(dest),
            e.error
        )
    })?;
    progress.finish(&format!("downloaded {shown} to {}", shown_path(dest)), len);
    Ok(len)
}

/// What a ranged download fetches, and the checkpoint header to describe it with (its part
/// size and part file filled in once chosen).
struct Ranged<'a> {
    bucket: &'a str,
    key: &'a str,
    dest: &'a Path,
    shown: &'a str,
    id: String,
    header: DownloadHeader,
}

/// Why a previous run's checkpoint and part file cannot be resumed, or the part file reopened.
fn resumable(
    found: &DownloadHeader,
    now: &DownloadHeader,
    part_path: &Path,
) -> std::result::Result<File, String> {
    if found.etag != now.etag
        || found.size != now.size
        || found.crc64 != now.crc64
        || found.last_modified != now.last_modified
    {
        return Err("the object changed since (ETag, size, CRC-64 or Last-Modified)".into());
    }
    if found.part_file != now.part_file {
        return Err("it names another part file".into());
    }
    let file = local_files::reopen_own(part_path, true).map_err(|why| {
        format!(
            "its part file {} cannot be used: {why}",
            part_path.display()
        )
    })?;
    let meta = file.metadata().map_err(|e| e.to_string())?;
    if file_id(&meta) != found.part_file_id {
        return Err(format!(
            "its part file {} was replaced since",
            part_path.display()
        ));
    }
    if meta.len() != now.size {
        return Err(format!(
            "its part file {} is {} bytes, not {}",
            part_path.display(),
            meta.len(),
            now.size
        ));
    }
    Ok(file)
}

#[cfg(unix)]
fn file_id(meta: &std::fs::Metadata) -> (u64, u64) {
    use std::os::unix::fs::MetadataExt;
    (meta.dev(), meta.ino())
}

#[cfg(not(unix))]
fn file_id(meta: &std::fs::Metadata) -> (u64, u64) {
    (0, meta.len())
}

/// Creates the part file exclusively (never through a planted link) and reserves its space, so
/// a full disk is found now, not half-way. A leftover of the same name (its checkpoint gone)
/// is removed first: removing a name never touches what a link points to.
fn create_part_file(path: &Path, size: u64) -> Result<File> {
    for _ in 0..3 {
        match local_files::create_exclusive(path, 0o666) {
            Ok(file) => {
                if let Err(e) = local_files::reserve(&file, size) {
                    drop(file);
                    let _ = std::fs::remove_file(path);
                    if local_files::is_no_room(&e) {
                        return Err(anyhow::anyhow!(
                            "not enough room in {} for {} ({e}); nothing was downloaded",
                            shown_path(folder_of(path)),
                            crate::terminal::progress::human_bytes(size as f64)
                        ));
                    }
                    return Err(anyhow::Error::from(e)
                        .context(format!("cannot make room for {}", shown_path(path))));
                }
                return Ok(file);
            }
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                std::fs::remove_file(path).map_err(|e| {
                    UsageError(format!(
                        "cannot write {}: something of that name is in the way and cannot be removed: {e}",
                        shown_path(path)
                    ))
                })?;
            }
            Err(e) => {
                return Err(UsageError(format!("cannot write {}: {e}", shown_path(path))).into())
            }
        }
    }
    Err(UsageError(format!(
        "cannot write {}: a file of that name keeps appearing",
        shown_path(path)
    ))
    .into())
}

/// Checks the answer to a ranged GET before a byte of it is written: 206 for exactly the range
/// asked, of an object of the size and ETag the download started with. Anything else (a 200
/// with the whole body, another range, another version of the object) would be written at the
/// wrong offset or mix two objects.
fn check_range_answer(
    response: &Response,
    what: &str,
    start: u64,
    len: u64,
    object: &ObjectInfo,
) -> Result<()> {
    let size = object.size.unwrap_or_default();
    let wrong = |why: String| -> anyhow::Error {
        IntegrityError(format!("{what}: OSS answered a ranged GET with {why}")).into()
    };
    let status = response.status().as_u16();
    if status != 206 {
        return Err(wrong(format!(
            "HTTP {status} instead of 206 Partial Content"
        )));
    }
    let end = start + len - 1;
    let expected = format!("bytes {start}-{end}/{size}");
    let got = header(response, "content-range").unwrap_or_default();
    if got.trim() != expected {
        return Err(wrong(format!(
            "Content-Range {:?} instead of {expected:?}",
            escape_untrusted(&got)
        )));
    }
    if response.content_length() != Some(len) {
        return Err(wrong(format!(
            "a body of {:?} bytes instead of {len}",
            response.content_length()
        )));
    }
    let etag = header(response, "etag").unwrap_or_default();
    if !object.etag.is_empty() && !etag.is_empty() && etag != object.etag {
        return Err(wrong(format!(
            "ETag {:?} where the object's was {:?}",
            escape_untrusted(&etag),
            object.etag
        )));
    }
    let crc = header(response, "x-oss-hash-crc64ecma").and_then(|v| v.parse::<u64>().ok());
    if let (Some(got), Some(want)) = (crc, object.crc64) {
        if got != want {
            return Err(wrong(format!(
                "the object's CRC-64 {got} where it was {want}"
            )));
        }
    }
    Ok(())
}

/// True when OSS refused a conditional GET because the object is no longer the version the
/// download started with.
fn object_changed(err: &anyhow::Error) -> bool {
    err.chain()
        .filter_map(|c| c.downcast_ref::<ServiceError>())
        .any(|e| e.code == "PreconditionFailed" || e.status == 412)
}

/// What an earlier run left that this one goes on with: its part file, part size, the parts in
/// it that still hash right, and its checkpoint.
struct Kept {
    file: Arc<File>,
    part_size: u64,
    resumed: Vec<DonePart>,
    checkpoint: Checkpoint<DownloadHeader>,
}

/// Fetches the object in ranged parts written at their offsets into the part file, resuming
/// what a previous run left when it is provably the same object in the same part file, then
/// renames the part file onto DEST once the whole CRC-64 matches.
fn download_ranged(
    client: &OssClient,
    mut target: Ranged,
    checkpoint_path: Option<PathBuf>,
    previous: Option<Checkpoint<DownloadHeader>>,
    settings: &DownloadSettings,
) -> Result<u64> {
    let size = target.header.size;
    let name = file_name(target.dest);
    target.header.part_file = format!(".{name}.{}.alicli-download", &target.id[..12]);
    let part_path = folder_of(target.dest).join(&target.header.part_file);
    let part_size = settings
        .part_size
        .unwrap_or_else(|| transfer::default_part_size(size));
    transfer::check_part_size(part_size, Some(size))?;

    let kept = previous.and_then(|found| resume(found, &target, &part_path, settings));
    let (file, part_size, resumed, checkpoint) = match kept {
        Some(k) => (k.file, k.part_size, k.resumed, Some(k.checkpoint)),
        None => {
            let file = Arc::new(create_part_file(&part_path, size)?);
            (file, part_size, Vec::new(), None)
        }
    };
    target.header.part_size = part_size;
    target.header.part_file_id = file.metadata().map(|m| file_id(&m)).unwrap_or_default();
    let checkpoint = match checkpoint {
        Some(c) => Some(c),
        None if settings.resume => checkpoint::create_or_warn(
            checkpoint_path.as_deref(),
            target.header.clone(),
            "if this download stops, it starts over next time",
        ),
        None => None,
    };
    let job = parts::Job {
        size,
        part_size,
        jobs: settings.jobs,
        show_progress: settings.show_progress,
        direction: Direction::Download,
        shown: target.shown,
        resumed,
        checkpoint,
    };
    let ran = fetch_parts(client, &target, &file, job);
    finish_ranged(&target, &part_path, file, ran)
}

/// Takes up what a previous run left, when it is the same object in the same part file:
/// the parts kept are hashed again and only those that match count as done. Otherwise (or with
/// resuming off) the part file and checkpoint are removed and the download starts over.
fn resume(
    found: Checkpoint<DownloadHeader>,
    target: &Ranged,
    part_path: &Path,
    settings: &DownloadSettings,
) -> Option<Kept> {
    let shown = target.shown;
    let size = target.header.size;
    match resumable(&found.header, &target.header, part_path) {
        Ok(f) if settings.resume => {
            let file = Arc::new(f);
            let part_size = found.header.part_size;
            let (good, bad): (Vec<DonePart>, Vec<DonePart>) = found
                .done
                .iter()
                .cloned()
                .partition(|p| transfer::kept_part_matches(&file, p, part_size, size));
            let mut line = format!(
                "resuming the interrupted download of {shown}: {} of {} parts already there",
                good.len(),
                part_count(size, part_size)
            );
            if !bad.is_empty() {
                line.push_str(&format!(
                    "; {} more did not match their checksums on disk and are fetched again",
                    bad.len()
                ));
            }
            output::info(&line);
            Some(Kept {
                file,
                part_size,
                resumed: good,
                checkpoint: found,
            })
        }
        outcome => {
            if let Err(why) = &outcome {
                if settings.resume {
                    output::warn(&format!(
                        "the interrupted download of {shown} cannot be resumed: {why}; starting over"
                    ));
                }
            }
            drop(outcome);
            if local_files::reopen_own(part_path, false).is_ok() {
                let _ = std::fs::remove_file(part_path);
            }
            found.remove();
            None
        }
    }
}

/// Runs the part loop: each part is one ranged GET (checked before a byte is written), written
/// at its offset of the part file and hashed on the way.
fn fetch_parts(
    client: &OssClient,
    target: &Ranged,
    file: &File,
    job: parts::Job<'_, DownloadHeader>,
) -> parts::Ran<DownloadHeader> {
    let host = client.endpoint.authority();
    let (bucket, key) = (target.bucket, target.key);
    let (size, part_size) = (job.size, job.part_size);
    let object = ObjectInfo {
        size: Some(size),
        etag: target.header.etag.clone(),
        crc64: target.header.crc64,
        last_modified: target.header.last_modified.clone(),
    };
    parts::run(job, |number, progress| {
        let (start, len) = part_range(number, part_size, size);
        let what = format!("part {number}");
        // A part that breaks off is fetched again whole: it rewrites the same range.
        let crc = client.retry.run(&what, || {
            let response =
                client.get_part(bucket, key, start, Some(start + len - 1), &object.etag)?;
            check_range_answer(&response, &what, start, len, &object)?;
            let mut crc = crc64::new_digest();
            let mut writer = OffsetWriter {
                file,
                offset: start,
            };
            let mut got = 0;
            let mut body = Deadline::new(response, Some(len));
            copy_body(&mut body, &mut writer, &mut crc, progress, &host, &mut got)?;
            if got != len {
                return Err(NetworkError::new(format!(
                    "part {number} of the download broke off after {got} of {len} bytes"
                ))
                .into());
            }
            Ok(crc.finalize())
        })?;
        Ok(DonePart {
            number,
            etag: String::new(),
            crc64: crc,
            size: len,
        })
    })
}

/// After the part loop: renames a complete, verified part file onto DEST. A failure keeps the
/// part file and checkpoint for a resume when that can help, and removes both when it cannot
/// (the object changed, the disk is full, the bytes are corrupt).
fn finish_ranged(
    target: &Ranged,
    part_path: &Path,
    file: Arc<File>,
    ran: parts::Ran<DownloadHeader>,
) -> Result<u64> {
    let (dest, shown, size) = (target.dest, target.shown, target.header.size);
    let parts::Ran {
        total,
        result,
        parts,
        checkpoint,
        progress,
        ..
    } = ran;
    if let Err(e) = result {
        progress.abandon();
        return Err(part_loop_failed(
            e,
            target,
            part_path,
            parts.len(),
            total,
            checkpoint,
        ));
    }
    let crc = parts::combined_crc64(&parts);
    if let Err(e) = verify(size, crc, Some(size), target.header.crc64) {
        // A corrupt part file is useless for resuming: start clean next time.
        progress.abandon();
        give_up(part_path, checkpoint);
        return Err(e);
    }
    // Closed before the rename, which some systems refuse on an open file.
    drop(file);
    std::fs::rename(part_path, dest)
        .with_context(|| format!("cannot move the download into {}", shown_path(dest)))?;
    if let Some(c) = checkpoint {
        c.remove();
    }
    progress.finish(
        &format!(
            "downloaded {shown} to {} in {total} parts",
            shown_path(dest)
        ),
        size,
    );
    Ok(size)
}

/// The error of a part loop that stopped with `done` of `total` parts: the checkpoint and part
/// file are kept when running the command again can go on from them, and removed when it
/// cannot (the object changed, the disk is full, or there is no checkpoint to resume from).
fn part_loop_failed(
    e: anyhow::Error,
    target: &Ranged,
    part_path: &Path,
    done: usize,
    total: u32,
    checkpoint: Option<Checkpoint<DownloadHeader>>,
) -> anyhow::Error {
    let (dest, shown) = (target.dest, target.shown);
    if object_changed(&e) {
        give_up(part_path, checkpoint);
        return e.context(format!(
            "{shown} changed during the download (it is no longer ETag {}); nothing was written to {}; run the command again to get the new version",
            target.header.etag,
            shown_path(dest)
        ));
    }
    if checkpoint.is_some() && !out_of_room(&e) {
        return e.context(format!(
            "download interrupted with {done} of {total} parts done; {} is untouched; run the same command again to resume",
            shown_path(dest)
        ));
    }
    give_up(part_path, checkpoint);
    e
}

/// Removes what a download that cannot be resumed left: its part file and checkpoint.
fn give_up(part_path: &Path, checkpoint: Option<Checkpoint<DownloadHeader>>) {
    let _ = std::fs::remove_file(part_path);
    if let Some(c) = checkpoint {
        c.remove();
    }
}

/// A write that failed for lack of room is not worth resuming as it is: the part file goes.
fn out_of_room(err: &anyhow::Error) -> bool {
    err.chain()
        .filter_map(|c| c.downcast_ref::<std::io::Error>())
        .any(local_files::is_no_room)
}

/// Sequential writes at a moving offset of a shared file (each part writes its own range).
struct OffsetWriter<'a> {
    file: &'a File,
    offset: u64,
}

impl Write for OffsetWriter<'_> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        write_at(self.file, buf, self.offset)?;
        self.offset += buf.len() as u64;
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// What a streamed download shows on stderr. stdout gets neither bar nor summary: it may share
/// the terminal, and scripts read it.
pub struct Report {
    pub bar: bool,
    pub summary: bool,
}

/// Downloads to one ordered stream (stdout, a pipe, a device), verified at the end: what was
/// written cannot be taken back, but the exit code and message say it was wrong. A body that
/// breaks off is continued from the byte it stopped at (`Range: bytes=N-`, `If-Match` on the
/// object's ETag), so a reset late in a long stream costs the rest of it, not the whole
/// pipeline; a changed object is then an error, never a stream spliced from two versions.
pub fn download_stream(
    client: &OssClient,
    bucket: &str,
    key: &str,
    out: &mut impl Write,
    name: &str,
    report: Report,
) -> Result<u64> {
    let host = client.endpoint.authority();
    let shown = super::url::display(bucket, key);
    let response = client.get_object(bucket, key)?;
    let mut object = info(&response);
    let show = if report.bar { Show::Bar } else { Show::Summary };
    let progress = Progress::new(object.size, 1, show, Direction::Download, &shown);
    let mut crc = crc64::new_digest();
    let mut written = 0u64;
    let mut first = Some(response);
    let outcome = client.retry.run("GetObject", || {
        let response = match first.take() {
            Some(r) => r,
            None if written == 0 => {
                // Nothing went out yet: any version of the object will do.
                let r = client.get_object(bucket, key)?;
                object = info(&r);
                r
            }
            None => {
                let (Some(size), false) = (object.size, object.etag.is_empty()) else {
                    return Err(final_error(format!(
                        "the download to {name} broke off after {written} bytes and cannot be continued: OSS gave no size or ETag to check the rest against"
                    )));
                };
                output::verbose(&format!(
                    "continuing the download of {shown} at byte {written}"
                ));
                let r = client.get_part(bucket, key, written, None, &object.etag)?;
                check_range_answer(&r, "the rest of the stream", written, size - written, &object)?;
                r
            }
        };
        let remaining = object.size.map(|s| s.saturating_sub(written));
        let mut body = Deadline::new(response, remaining);
        copy_body(&mut body, out, &mut crc, &progress, &host, &mut written)?;
        if let Some(size) = object.size.filter(|s| written < *s) {
            return Err(NetworkError::new(format!(
                "download from {host} broke off after {written} of {size} bytes"
            ))
            .into());
        }
        Ok(())
    });
    if let Err(e) = outcome {
        progress.abandon();
        if object_changed(&e) {
            return Err(e.context(format!(
                "{shown} changed while it was streamed: the {written} bytes written to {name} are the start of the old version"
            )));
        }
        return Err(e);
    }
    out.flush()
        .with_context(|| format!("cannot write to {name}"))?;
    verify(written, crc.finalize(), object.size, object.crc64)
        .inspect_err(|_| progress.abandon())?;
    if report.summary {
        progress.finish(&format!("downloaded {shown} to {name}"), written);
    }
    Ok(written)
}

/// A network failure that another attempt cannot fix.
fn final_error(message: String) -> anyhow::Error {
    NetworkError {
        permanent: true,
        ..NetworkError::new(message)
    }
    .into()
}
