//! Uploads: one PutObject for small sources, parallel multipart for large ones.
//!
//! Every part's CRC-64 is compared with the one OSS computed, and the whole object's CRC-64
//! (combined from the parts) with the one OSS reports after Complete. A file upload that stops
//! half-way keeps a checkpoint (see checkpoint.rs) and its upload id, so the same command resumes
//! it, after ListParts confirms which parts OSS really has; with resuming off, a failed upload is
//! aborted so no orphan parts are left. stdin goes through the same machinery with bounded buffers:
//! parts are read in order and at most `jobs + 2` of them are in memory.

use std::fs::File;
use std::io::Read;
use std::path::Path;
use std::sync::{Arc, Mutex};

use anyhow::{Context, Result};
use serde::{Deserialize, Serialize};

use super::client::Payload;
use super::object_headers::ObjectHeaders;
use super::parts;
use super::transfer::{self, part_count, part_range, PartReader};
use super::OssClient;
use crate::error::{IntegrityError, ServiceError};
use crate::oss::checkpoint::{self, Checkpoint, DonePart};
use crate::terminal::output;
use crate::terminal::progress::{Direction, Progress, Show};
use alicli_wire::crc64;
use alicli_wire::oss::xml::{CompletePart, ListedPart};

#[derive(Debug, Clone)]
pub struct UploadSettings {
    pub threshold: u64,
    pub part_size: Option<u64>,
    pub jobs: usize,
    pub resume: bool,
    pub show_progress: Show,
    /// What is stored with the object (content type, metadata, class, ACL, overwrite).
    pub headers: ObjectHeaders,
}

/// What an upload did.
#[derive(Debug, Clone, Default)]
pub struct Outcome {
    pub bytes: u64,
    pub parts: u32,
    pub crc64: u64,
    /// Parts found already uploaded by an earlier, interrupted run.
    pub resumed: u32,
}

/// What identifies an interrupted upload, and what it needs to go on.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct UploadHeader {
    source: String,
    size: u64,
    mtime_ns: i128,
    endpoint: String,
    bucket: String,
    key: String,
    part_size: u64,
    upload_id: String,
}

impl checkpoint::Header for UploadHeader {
    fn size(&self) -> u64 {
        self.size
    }
    fn part_size(&self) -> u64 {
        self.part_size
    }
    fn check(&self) -> std::result::Result<(), String> {
        if self.upload_id.is_empty() || self.upload_id.len() > 1024 {
            return Err("it has no usable upload id".into());
        }
        Ok(())
    }
}

fn mtime_ns(meta: &std::fs::Metadata) -> i128 {
    meta.modified()
        .ok()
        .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
        .map(|d| d.as_nanos() as i128)
        .unwrap_or_default()
}

/// What the source looked like when the upload started. Any write to the file changes its
/// ctime (which, unlike the mtime, nobody can set back), and a file put in its place has
/// another inode: comparing snapshots before completing tells whether what was read is the file
/// as it is now, or a mix of two versions.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Snapshot {
    size: u64,
    mtime_ns: i128,
    ctime_ns: i128,
    id: (u64, u64),
}

fn snapshot(meta: &std::fs::Metadata) -> Snapshot {
    #[cfg(unix)]
    let (ctime_ns, id) = {
        use std::os::unix::fs::MetadataExt;
        (
            meta.ctime() as i128 * 1_000_000_000 + meta.ctime_nsec() as i128,
            (meta.dev(), meta.ino()),
        )
    };
    #[cfg(not(unix))]
    let (ctime_ns, id) = (0, (0, 0));
    Snapshot {
        size: meta.len(),
        mtime_ns: mtime_ns(meta),
        ctime_ns,
        id,
    }
}

/// Fails when the file at `path` is no longer what `before` describes (written to, or replaced).
fn check_unchanged(path: &Path, file: &File, before: &Snapshot) -> Result<()> {
    let now_open = file.metadata().map(|m| snapshot(&m));
    let now_path = std::fs::metadata(path).map(|m| snapshot(&m));
    match (now_open, now_path) {
        (Ok(a), Ok(b)) if a == *before && b == *before => Ok(()),
        _ => Err(SourceChanged(path.display().to_string()).into()),
    }
}

/// The source file changed while it was read: what went up may mix two versions of it.
#[derive(Debug)]
pub struct SourceChanged(pub String);

impl std::fmt::Display for SourceChanged {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} changed while it was being uploaded",
            output::escape_untrusted(&self.0)
        )
    }
}
impl std::error::Error for SourceChanged {}

/// Uploads one part from memory and checks its CRC-64 against OSS's.
fn put_part(
    client: &OssClient,
    bucket: &str,
    key: &str,
    upload_id: &str,
    number: u32,
    body: impl Fn() -> (Payload, crc64::Tally),
) -> Result<DonePart> {
    // Each attempt makes the body again (from the file, or the part kept in memory).
    client.retry.run(&format!("part {number}"), || {
        let (body, tally) = body();
        let (etag, stored) = client.upload_part(bucket, key, upload_id, number, body)?;
        let (crc, size) = tally.get();
        if let Some(stored) = stored.filter(|s| *s != crc) {
            return Err(IntegrityError(format!(
                "part {number} was corrupted in transit: alicli sent CRC-64 {crc}, OSS stored {stored}"
            ))
            .into());
        }
        Ok(DonePart {
            number,
            etag,
            crc64: crc,
            size,
        })
    })
}

/// A part of a file as a streamed body, with the tally that checksums what is sent.
fn file_part(file: &Arc<File>, number: u32, part_size: u64, size: u64) -> (Payload, crc64::Tally) {
    let (start, len) = part_range(number, part_size, size);
    let tally = crc64::Tally::default();
    let reader = crc64::TallyReader::new(PartReader::new(file.clone(), start, len), tally.clone());
    (Payload::sized(reader, len), tally)
}

/// A part held in memory (stdin), with its checksum.
fn memory_part(data: bytes::Bytes) -> (Payload, crc64::Tally) {
    let tally = crc64::Tally::default();
    tally.update(&data);
    (Payload::from(data), tally)
}

/// Completes the upload and checks the object's CRC-64 against the parts'.
fn complete(
    client: &OssClient,
    bucket: &str,
    key: &str,
    upload_id: &str,
    parts: &[DonePart],
    extra_headers: Vec<(String, String)>,
) -> Result<u64> {
    let list = parts
        .iter()
        .map(|p| CompletePart {
            part_number: p.number,
            etag: p.etag.clone(),
        })
        .collect();
    let expected = parts::combined_crc64(parts);
    let reported =
        match client.complete_multipart_upload(bucket, key, upload_id, list, extra_headers) {
            Ok((_, reported)) => reported,
            // A Complete whose answer was lost went through: its retry finds the upload gone. The
            // object's CRC-64 tells whether it is ours.
            Err(e)
                if e.downcast_ref::<ServiceError>()
                    .is_some_and(|s| s.code == "NoSuchUpload") =>
            {
                let ours = client
                    .head_object(bucket, key)
                    .ok()
                    .and_then(|r| super::client::header(&r, "x-oss-hash-crc64ecma"))
                    .and_then(|v| v.parse::<u64>().ok())
                    == Some(expected);
                if !ours {
                    return Err(e);
                }
                Some(expected)
            }
            Err(e) => return Err(e),
        };
    let reported = match reported {
        Some(crc) => Some(crc),
        None => client
            .head_object(bucket, key)
            .ok()
            .and_then(|r| super::client::header(&r, "x-oss-hash-crc64ecma"))
            .and_then(|v| v.parse().ok()),
    };
    if let Some(reported) = reported.filter(|r| *r != expected) {
        // The object OSS assembled is not what was sent; leaving it would pass a corrupt object off
        // as a successful upload.
        let _ = client.delete_object(bucket, key);
        return Err(IntegrityError(format!(
            "the assembled object's CRC-64 is {reported}, the parts' combine to {expected}: the object was deleted; upload it again"
        ))
        .into());
    }
    Ok(expected)
}

/// The source file of a multipart upload, and what it looked like when the upload started.
struct Source<'a> {
    path: &'a Path,
    file: Arc<File>,
    before: Snapshot,
    size: u64,
    /// The path as messages show it.
    shown: String,
}

/// Where an upload goes.
struct Dest<'a> {
    bucket: &'a str,
    key: &'a str,
    /// The `oss://` address as messages show it.
    shown: String,
}

/// A multipart upload ready to send its parts: new, or resumed with the parts OSS still has.
struct Multipart {
    upload_id: String,
    part_size: u64,
    resumed: Vec<DonePart>,
    /// None when the upload cannot be resumed (resuming off, or no checkpoint could be kept):
    /// then any failure aborts it.
    checkpoint: Option<Checkpoint<UploadHeader>>,
}

/// Uploads a file: PutObject below the threshold, resumable parallel multipart above it.
///
/// A resumed upload trusts a part only when OSS lists it with the ETag (and CRC-64) recorded
/// and the file, read again, still hashes to what was sent: a rebuilt file of the same size and
/// modification time (`cp -p`, `touch -r`, reproducible builds) starts over instead of mixing
/// two builds. A file that changes during the upload is an error naming it; the upload is then
/// not completed.
pub fn upload_file(
    client: &OssClient,
    path: &Path,
    bucket: &str,
    key: &str,
    settings: &UploadSettings,
) -> Result<Outcome> {
    let shown = super::url::display(bucket, key);
    let shown_source = output::escape_untrusted(&path.display().to_string()).into_owned();
    let file = File::open(path).with_context(|| format!("cannot read {shown_source}"))?;
    let meta = file.metadata()?;
    let before = snapshot(&meta);
    let size = meta.len();
    if size < settings.threshold {
        let outcome = put_single(client, path, size, bucket, key, settings)?;
        return match check_unchanged(path, &file, &before) {
            Ok(()) => Ok(outcome),
            Err(e) => Err(e.context(format!(
                "{shown} now holds what was read, which may mix the old and new content; upload it again"
            ))),
        };
    }
    let source = Source {
        path,
        file: Arc::new(file),
        before,
        size,
        shown: shown_source,
    };
    let dest = Dest { bucket, key, shown };
    let multipart = start_or_resume(client, &source, &dest, settings)?;
    upload_parts(client, &source, &dest, multipart, settings)
}

/// Plans the multipart upload: resumes the one an earlier run left when its checkpoint, OSS's
/// list of parts and the file all agree, else initiates a new one (with a checkpoint of its own
/// when resuming is on).
fn start_or_resume(
    client: &OssClient,
    source: &Source,
    dest: &Dest,
    settings: &UploadSettings,
) -> Result<Multipart> {
    let size = source.size;
    let part_size = settings
        .part_size
        .unwrap_or_else(|| transfer::default_part_size(size));
    transfer::check_part_size(part_size, Some(size))?;
    let canonical = std::fs::canonicalize(source.path)
        .unwrap_or_else(|_| source.path.to_path_buf())
        .display()
        .to_string();
    let endpoint = client.endpoint.base_url();
    let identity = ["put", &canonical, &endpoint, dest.bucket, dest.key];
    let checkpoint_path = settings
        .resume
        .then(|| checkpoint::path_for(&identity))
        .flatten();
    let what = format!("{} to {}", source.shown, dest.shown);
    let found = checkpoint::open_to_resume(checkpoint_path.as_deref(), "upload", &what, |p| {
        p.display().to_string()
    })?;
    if let Some((checkpoint, resumed)) = match found {
        Some(found) => resume(client, source, dest, found)?,
        None => None,
    } {
        return Ok(Multipart {
            upload_id: checkpoint.header.upload_id.clone(),
            part_size: checkpoint.header.part_size,
            resumed,
            checkpoint: Some(checkpoint),
        });
    }
    let upload_id = client.initiate_multipart_upload(
        dest.bucket,
        dest.key,
        settings.headers.for_initiate(dest.key),
    )?;
    let header = UploadHeader {
        source: canonical,
        size,
        mtime_ns: source.before.mtime_ns,
        endpoint,
        bucket: dest.bucket.into(),
        key: dest.key.into(),
        part_size,
        upload_id: upload_id.clone(),
    };
    let checkpoint = checkpoint::create_or_warn(
        checkpoint_path.as_deref(),
        header,
        "if this upload stops, it is aborted and starts over next time",
    );
    Ok(Multipart {
        upload_id,
        part_size,
        resumed: Vec::new(),
        checkpoint,
    })
}

/// The checkpoint of an interrupted upload, and the parts of it that still hold; none when the
/// upload must start over (then it has been aborted, or is gone, and its checkpoint removed).
fn resume(
    client: &OssClient,
    source: &Source,
    dest: &Dest,
    found: Checkpoint<UploadHeader>,
) -> Result<Option<(Checkpoint<UploadHeader>, Vec<DonePart>)>> {
    let (bucket, key, shown) = (dest.bucket, dest.key, &dest.shown);
    let start_over = |found: Checkpoint<UploadHeader>, why: &str| {
        output::warn(&format!(
            "{} {why} since the interrupted upload to {shown}; starting over",
            source.shown
        ));
        let _ = client.abort_multipart_upload(bucket, key, &found.header.upload_id);
        found.remove();
        Ok(None)
    };
    let h = &found.header;
    if h.size != source.size || h.mtime_ns != source.before.mtime_ns {
        return start_over(found, "changed");
    }
    let listed = match client.list_parts(bucket, key, &h.upload_id) {
        Ok(listed) => listed,
        Err(e)
            if e.downcast_ref::<ServiceError>()
                .is_some_and(|s| s.code == "NoSuchUpload") =>
        {
            output::warn(&format!("the interrupted upload to {shown} is gone from OSS (aborted or expired); starting over"));
            found.remove();
            return Ok(None);
        }
        Err(e) => return Err(e.context("cannot check the interrupted upload's parts (ListParts)")),
    };
    let confirmed = confirmed_by_oss(&found.done, &listed);
    // The file must still hold what was sent (same size and mtime prove nothing about the
    // bytes); the first part that does not is reason enough to start over.
    let differs = confirmed
        .iter()
        .find(|d| !transfer::kept_part_matches(&source.file, d, h.part_size, source.size));
    if let Some(d) = differs {
        let why = format!("changed (part {} reads differently now)", d.number);
        return start_over(found, &why);
    }
    output::info(&format!(
        "resuming the interrupted upload to {shown}: {} of {} parts already there",
        confirmed.len(),
        part_count(source.size, h.part_size)
    ));
    Ok(Some((found, confirmed)))
}

/// The recorded parts that OSS lists with the ETag (and CRC-64) recorded: only those count as
/// done, whatever the checkpoint says.
fn confirmed_by_oss(done: &[DonePart], listed: &[ListedPart]) -> Vec<DonePart> {
    done.iter()
        .filter(|d| {
            listed.iter().any(|l| {
                l.part_number == d.number
                    && l.etag
                        .trim_matches('"')
                        .eq_ignore_ascii_case(d.etag.trim_matches('"'))
                    && l.size == d.size
                    && l.hash_crc64ecma.is_none_or(|c| c == d.crc64)
            })
        })
        .cloned()
        .collect()
}

/// Sends the parts not done yet, then completes the upload.
fn upload_parts(
    client: &OssClient,
    source: &Source,
    dest: &Dest,
    multipart: Multipart,
    settings: &UploadSettings,
) -> Result<Outcome> {
    let Multipart {
        upload_id,
        part_size,
        resumed,
        checkpoint,
    } = multipart;
    let job = parts::Job {
        size: source.size,
        part_size,
        jobs: settings.jobs,
        show_progress: settings.show_progress,
        direction: Direction::Upload,
        shown: &dest.shown,
        resumed,
        checkpoint,
    };
    let ran = parts::run(job, |number, progress| {
        let part = put_part(client, dest.bucket, dest.key, &upload_id, number, || {
            file_part(&source.file, number, part_size, source.size)
        })?;
        progress.add_bytes(part.size);
        Ok(part)
    });
    finish_upload(client, source, dest, &upload_id, ran, settings)
}

/// Completes the upload once every part is there and the source is unchanged. A resumable
/// upload that failed keeps its checkpoint for the next run; an unresumable one is aborted.
fn finish_upload(
    client: &OssClient,
    source: &Source,
    dest: &Dest,
    upload_id: &str,
    ran: parts::Ran<UploadHeader>,
    settings: &UploadSettings,
) -> Result<Outcome> {
    let (bucket, key) = (dest.bucket, dest.key);
    let parts::Ran {
        total,
        result,
        parts,
        resumed,
        checkpoint,
        progress,
    } = ran;
    if let Err(e) = result {
        progress.abandon();
        if checkpoint.is_none() {
            return Err(abort_after(client, bucket, key, upload_id, e));
        }
        return Err(e.context(format!(
            "upload interrupted with {} of {total} parts done; run the same command again to resume (checkpoint kept; --no-resume aborts instead)",
            parts.len()
        )));
    }
    if let Err(e) = check_unchanged(source.path, &source.file, &source.before) {
        // The parts may hold two versions: neither completing them nor resuming them is right.
        progress.abandon();
        if let Some(c) = checkpoint {
            c.remove();
        }
        return Err(abort_after(client, bucket, key, upload_id, e));
    }
    let crc = match complete(
        client,
        bucket,
        key,
        upload_id,
        &parts,
        settings.headers.for_complete(),
    ) {
        Ok(crc) => crc,
        Err(e) => {
            progress.abandon();
            // With a checkpoint the parts stay for the next run to complete.
            if checkpoint.is_some() {
                return Err(e);
            }
            return Err(abort_after(client, bucket, key, upload_id, e));
        }
    };
    if let Some(c) = checkpoint {
        c.remove();
    }
    progress.finish(
        &format!(
            "uploaded {} to {} in {total} parts",
            source.shown, dest.shown
        ),
        source.size,
    );
    Ok(Outcome {
        bytes: source.size,
        parts: total,
        crc64: crc,
        resumed,
    })
}

/// Aborts a failed upload so no orphan parts are billed, and says so in the error.
fn abort_after(
    client: &OssClient,
    bucket: &str,
    key: &str,
    upload_id: &str,
    err: anyhow::Error,
) -> anyhow::Error {
    match client.abort_multipart_upload(bucket, key, upload_id) {
        Ok(()) => err.context("upload failed; the multipart upload was aborted, no parts are left behind"),
        Err(abort) => err.context(format!("upload failed, and aborting it failed too ({abort}); upload id {upload_id} may hold orphan parts")),
    }
}

/// Files up to this size are uploaded from memory rather than streamed.
const SMALL_IN_MEMORY: u64 = 256 * 1024;

/// One PutObject, streamed from the file (from memory when small), CRC-64 checked.
fn put_single(
    client: &OssClient,
    path: &Path,
    size: u64,
    bucket: &str,
    key: &str,
    settings: &UploadSettings,
) -> Result<Outcome> {
    let progress = Progress::new(
        Some(size),
        1,
        settings.show_progress,
        Direction::Upload,
        &super::url::display(bucket, key),
    );
    // A small file is read once and sent from memory: a streamed body costs the HTTP library a
    // hand-over per chunk, which for thousands of 4 KiB files is most of the work. (Memory
    // stays bounded: at most `--jobs` of these at once.)
    let in_memory = if size <= SMALL_IN_MEMORY {
        let data =
            std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))?;
        Some(bytes::Bytes::from(data))
    } else {
        None
    };
    let (crc, len) = client
        .retry
        .run("PutObject", || {
            if let Some(data) = &in_memory {
                let crc = crc64::checksum(data);
                let body = Payload::from(data.clone());
                let result =
                    client.put_object(bucket, key, body, settings.headers.for_upload(key))?;
                check_single(&result, crc)?;
                return Ok((crc, data.len() as u64));
            }
            // Opened again for every attempt: a body cannot be replayed.
            let file =
                File::open(path).with_context(|| format!("cannot read {}", path.display()))?;
            let tally = crc64::Tally::default();
            let body = Payload::sized(crc64::TallyReader::new(file, tally.clone()), size);
            let result = client.put_object(bucket, key, body, settings.headers.for_upload(key))?;
            let (crc, len) = tally.get();
            check_single(&result, crc)?;
            Ok((crc, len))
        })
        .inspect_err(|_| progress.abandon())?;
    progress.add_bytes(len);
    progress.finish(
        &format!(
            "uploaded {} to {}",
            output::escape_untrusted(&path.display().to_string()),
            super::url::display(bucket, key)
        ),
        len,
    );
    Ok(Outcome {
        bytes: len,
        parts: 1,
        crc64: crc,
        resumed: 0,
    })
}

fn check_single(result: &super::client::PutResult, crc: u64) -> Result<()> {
    if let Some(server) = result.crc64.filter(|s| *s != crc) {
        return Err(IntegrityError(format!(
            "upload corrupted in transit: OSS stored CRC-64 {server}, alicli sent {crc} (RequestId {}); upload it again",
            result.request_id
        ))
        .into());
    }
    Ok(())
}

/// Reads up to `buf.len()` bytes, fewer only at end of input.
fn fill(reader: &mut impl Read, buf: &mut Vec<u8>, want: usize) -> std::io::Result<()> {
    buf.clear();
    reader.take(want as u64).read_to_end(buf)?;
    Ok(())
}

/// Uploads a stream of unknown length (stdin, a pipe, a device): one PutObject when it fits in
/// one part, else multipart with parts read in order and at most `jobs + 2` buffers in memory.
/// Not resumable (a stream cannot be read twice), so a failure aborts the upload. `source` names
/// the stream in messages.
pub fn upload_stream(
    client: &OssClient,
    mut reader: impl Read,
    source: &str,
    bucket: &str,
    key: &str,
    settings: &UploadSettings,
) -> Result<Outcome> {
    let part_size = settings.part_size.unwrap_or(transfer::DEFAULT_MIN_PART);
    transfer::check_part_size(part_size, None)?;
    let mut first = Vec::new();
    fill(&mut reader, &mut first, part_size as usize)
        .with_context(|| format!("cannot read {source}"))?;
    if (first.len() as u64) < part_size {
        let size = first.len() as u64;
        let crc = crc64::checksum(&first);
        let progress = Progress::new(
            Some(size),
            1,
            settings.show_progress,
            Direction::Upload,
            &super::url::display(bucket, key),
        );
        let first = bytes::Bytes::from(first);
        client
            .retry
            .run("PutObject", || {
                let result = client.put_object(
                    bucket,
                    key,
                    Payload::from(first.clone()),
                    settings.headers.for_upload(key),
                )?;
                check_single(&result, crc)
            })
            .inspect_err(|_| progress.abandon())?;
        progress.add_bytes(size);
        progress.finish(
            &format!(
                "uploaded {} to {}",
                output::escape_untrusted(source),
                super::url::display(bucket, key)
            ),
            size,
        );
        return Ok(Outcome {
            bytes: size,
            parts: 1,
            crc64: crc,
            resumed: 0,
        });
    }
    let upload_id =
        client.initiate_multipart_upload(bucket, key, settings.headers.for_initiate(key))?;
    let progress = Progress::new(
        None,
        0,
        settings.show_progress,
        Direction::Upload,
        &super::url::display(bucket, key),
    );
    let finished = Mutex::new(Vec::new());
    let jobs = settings.jobs.max(1);
    let (tx, rx) = std::sync::mpsc::sync_channel::<(u32, Vec<u8>)>(0);
    let rx = Mutex::new(rx);
    let failed = std::sync::atomic::AtomicBool::new(false);
    let result: Result<()> = std::thread::scope(|scope| {
        let mut workers = Vec::new();
        for _ in 0..jobs {
            workers.push(scope.spawn(|| -> Result<()> {
                loop {
                    let next = rx.lock().unwrap_or_else(|e| e.into_inner()).recv();
                    let Ok((number, data)) = next else {
                        return Ok(());
                    };
                    let len = data.len() as u64;
                    let data = bytes::Bytes::from(data);
                    match put_part(client, bucket, key, &upload_id, number, || {
                        memory_part(data.clone())
                    }) {
                        Ok(part) => {
                            progress.add_bytes(len);
                            finished
                                .lock()
                                .unwrap_or_else(|e| e.into_inner())
                                .push(part);
                        }
                        Err(e) => {
                            failed.store(true, std::sync::atomic::Ordering::Relaxed);
                            return Err(e);
                        }
                    }
                }
            }));
        }
        let mut number = 1u32;
        let mut chunk = first;
        let read_result: Result<()> = loop {
            if chunk.is_empty() {
                break Ok(());
            }
            if number as u64 > transfer::MAX_PARTS {
                break Err(anyhow::anyhow!("{source} is longer than 10000 parts of {part_size} bytes; pass a larger --part-size"));
            }
            if failed.load(std::sync::atomic::Ordering::Relaxed) || crate::interrupted() {
                break Ok(());
            }
            if tx.send((number, chunk)).is_err() {
                break Ok(());
            }
            number += 1;
            let mut next = Vec::with_capacity(part_size as usize);
            if let Err(e) = fill(&mut reader, &mut next, part_size as usize) {
                break Err(anyhow::Error::from(e).context(format!("cannot read {source}")));
            }
            chunk = next;
        };
        drop(tx);
        let mut first_error = read_result.err();
        for w in workers {
            if let Err(e) = w
                .join()
                .unwrap_or_else(|_| Err(anyhow::anyhow!("an upload thread panicked")))
            {
                first_error.get_or_insert(e);
            }
        }
        if first_error.is_none() && crate::interrupted() {
            first_error = Some(crate::Interrupted.into());
        }
        first_error.map_or(Ok(()), Err)
    });
    let mut parts = finished.into_inner().unwrap_or_else(|e| e.into_inner());
    parts.sort_by_key(|p| p.number);
    let result = result.and_then(|()| {
        complete(
            client,
            bucket,
            key,
            &upload_id,
            &parts,
            settings.headers.for_complete(),
        )
    });
    match result {
        Ok(crc) => {
            let bytes = parts.iter().map(|p| p.size).sum();
            progress.finish(
                &format!(
                    "uploaded {} to {} in {} parts",
                    output::escape_untrusted(source),
                    super::url::display(bucket, key),
                    parts.len()
                ),
                bytes,
            );
            Ok(Outcome {
                bytes,
                parts: parts.len() as u32,
                crc64: crc,
                resumed: 0,
            })
        }
        Err(e) => {
            progress.abandon();
            Err(abort_after(client, bucket, key, &upload_id, e))
        }
    }
}
