//! Downloads to a file: one streamed GET for small objects, parallel ranged GETs for large ones.
//!
//! Either way the bytes go to a file beside DEST and are renamed into place only once their length
//! and CRC-64 match what OSS reported; DEST itself is never half-written. A large download that
//! stops keeps its part file (`.NAME.alicli-download`, preallocated, written at offsets) and a
//! checkpoint, so the same command resumes it, unless the object changed in between.

use std::fs::{File, OpenOptions};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use anyhow::{Context, Result};
use reqwest::blocking::Response;
use serde::{Deserialize, Serialize};

use super::client::header;
use super::transfer::{self, part_count, part_range, run_parallel, write_at};
use super::OssClient;
use crate::checkpoint::{self, Checkpoint, DonePart};
use crate::crc64;
use crate::error::{IntegrityError, NetworkError, UsageError};
use crate::output;
use crate::paths::folder_of;
use crate::progress::Progress;

#[derive(Debug, Clone)]
pub struct DownloadSettings {
    pub threshold: u64,
    pub part_size: Option<u64>,
    pub jobs: usize,
    pub resume: bool,
    pub show_progress: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
struct DownloadHeader {
    endpoint: String,
    bucket: String,
    key: String,
    dest: String,
    etag: String,
    size: u64,
    part_size: u64,
}

/// What the first answer told about the object.
struct ObjectInfo {
    size: u64,
    etag: String,
    crc64: Option<u64>,
}

fn info(response: &Response) -> ObjectInfo {
    ObjectInfo {
        size: response.content_length().unwrap_or(0),
        etag: header(response, "etag").unwrap_or_default(),
        crc64: header(response, "x-oss-hash-crc64ecma").and_then(|v| v.parse().ok()),
    }
}

/// Copies a response body into `out`, feeding `crc` and the progress; a body cut short is a
/// network error (retrying or resuming will fix it), as is a read error.
pub fn copy_body(
    reader: &mut impl Read,
    out: &mut impl Write,
    crc: &mut crc_fast::Digest,
    progress: &Progress,
    host: &str,
) -> Result<u64> {
    let mut buf = vec![0u8; 256 * 1024];
    let mut total = 0u64;
    loop {
        if crate::interrupted() {
            return Err(crate::Interrupted.into());
        }
        let n = match reader.read(&mut buf) {
            Ok(0) => return Ok(total),
            Ok(n) => n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => {
                return Err(NetworkError {
                    message: format!("download from {host} broke off after {total} bytes: {e}"),
                    hint: None,
                }
                .into())
            }
        };
        crc.update(&buf[..n]);
        out.write_all(&buf[..n])
            .context("cannot write the download")?;
        progress.add_bytes(n as u64);
        total += n as u64;
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
        return Err(NetworkError {
            message: format!("download incomplete: got {len} of {expected} bytes"),
            hint: None,
        }
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

/// A temporary file in DEST's folder (so the final rename is atomic), checked for writability
/// before any request: an unwritable destination is bad input.
pub fn temp_beside(path: &Path) -> Result<tempfile::NamedTempFile> {
    if path.is_dir() {
        return Err(UsageError(format!("{} is a folder", path.display())).into());
    }
    let dir = folder_of(path);
    if !dir.is_dir() {
        return Err(UsageError(format!(
            "cannot write {}: folder {} does not exist",
            path.display(),
            dir.display()
        ))
        .into());
    }
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let prefix = format!(".{name}.");
    let mut builder = tempfile::Builder::new();
    builder.prefix(&prefix).suffix(".alicli-part");
    // A download is an ordinary file: mode 0666 less the umask, as curl leaves it, not the
    // private 0600 temporary files get by default.
    #[cfg(unix)]
    builder.permissions(std::os::unix::fs::PermissionsExt::from_mode(0o666));
    builder
        .tempfile_in(dir)
        .map_err(|e| UsageError(format!("cannot write to {}: {e}", dir.display())).into())
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
    let response = client.get_object(bucket, key)?;
    let object = info(&response);
    let dest_name = std::fs::canonicalize(folder_of(dest))
        .unwrap_or_else(|_| folder_of(dest).to_path_buf())
        .join(dest.file_name().unwrap_or_default());
    let endpoint = client.endpoint.base_url();
    let checkpoint_path = checkpoint::path_for(&[
        "get",
        &endpoint,
        bucket,
        key,
        &dest_name.display().to_string(),
    ]);
    let previous = checkpoint_path
        .as_deref()
        .and_then(Checkpoint::<DownloadHeader>::open);
    if object.size >= settings.threshold && settings.jobs > 1 || previous.is_some() {
        // Going ranged: this first answer only told us the size.
        drop(response);
        drop(tmp);
        return download_ranged(
            client,
            bucket,
            key,
            dest,
            &dest_name,
            object,
            checkpoint_path,
            previous,
            settings,
        );
    }
    let progress = Progress::new(
        Some(object.size),
        1,
        settings.show_progress,
        &format!("get oss://{bucket}/{key}"),
    );
    let mut tmp = tmp;
    let mut first = Some((response, object));
    // A body that breaks off or arrives damaged is fetched again from the start.
    let len = client
        .retry
        .run("GetObject", || {
            let (mut reader, object) = match first.take() {
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
            let len = copy_body(&mut reader, file, &mut crc, &progress, &host)?;
            verify(len, crc.finalize(), Some(object.size), object.crc64)?;
            Ok(len)
        })
        .inspect_err(|_| progress.abandon())?;
    tmp.persist(dest).map_err(|e| {
        anyhow::anyhow!(
            "cannot move the download into {}: {}",
            dest.display(),
            e.error
        )
    })?;
    progress.finish(
        &format!("downloaded oss://{bucket}/{key} to {}", dest.display()),
        len,
    );
    Ok(len)
}

#[allow(clippy::too_many_arguments)]
fn download_ranged(
    client: &OssClient,
    bucket: &str,
    key: &str,
    dest: &Path,
    dest_name: &Path,
    object: ObjectInfo,
    checkpoint_path: Option<PathBuf>,
    previous: Option<Checkpoint<DownloadHeader>>,
    settings: &DownloadSettings,
) -> Result<u64> {
    let host = client.endpoint.authority();
    let name = dest
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let part_path = folder_of(dest).join(format!(".{name}.alicli-download"));
    let mut part_size = settings
        .part_size
        .unwrap_or_else(|| transfer::default_part_size(object.size));
    transfer::check_part_size(part_size, Some(object.size))?;

    // Resume only what is provably the same object into the same part file.
    let mut resumed: Vec<DonePart> = Vec::new();
    let mut state = None;
    if let Some(found) = previous {
        let h = &found.header;
        let file_ok = std::fs::metadata(&part_path).is_ok_and(|m| m.len() == object.size);
        if settings.resume && h.etag == object.etag && h.size == object.size && file_ok {
            part_size = h.part_size;
            resumed = found.done.clone();
            output::info(&format!(
                "resuming the interrupted download of oss://{bucket}/{key}: {} of {} parts already there",
                resumed.len(),
                part_count(object.size, part_size)
            ));
            state = Some(found);
        } else {
            if settings.resume && (h.etag != object.etag || h.size != object.size) {
                output::warn(&format!(
                    "oss://{bucket}/{key} changed since the interrupted download; starting over"
                ));
            }
            found.remove();
        }
    }
    let file = match &state {
        Some(_) => OpenOptions::new().write(true).open(&part_path)?,
        None => {
            let file = File::create(&part_path)
                .map_err(|e| UsageError(format!("cannot write {}: {e}", part_path.display())))?;
            file.set_len(object.size)
                .with_context(|| format!("cannot preallocate {}", part_path.display()))?;
            file
        }
    };
    let mut checkpoint = match state {
        Some(c) => Some(c),
        None if settings.resume => match &checkpoint_path {
            Some(p) => Some(Checkpoint::create(
                p,
                DownloadHeader {
                    endpoint: client.endpoint.base_url(),
                    bucket: bucket.into(),
                    key: key.into(),
                    dest: dest_name.display().to_string(),
                    etag: object.etag.clone(),
                    size: object.size,
                    part_size,
                },
            )?),
            None => None,
        },
        None => None,
    };

    let total = part_count(object.size, part_size);
    let todo: Vec<u32> = (1..=total)
        .filter(|n| !resumed.iter().any(|p| p.number == *n))
        .collect();
    let progress = Progress::new(
        Some(object.size),
        total,
        settings.show_progress,
        &format!("get oss://{bucket}/{key}"),
    );
    progress.add_resumed(resumed.iter().map(|p| p.size).sum());
    let finished = Mutex::new((resumed, checkpoint.take()));
    let result = run_parallel(&todo, settings.jobs, |&number| {
        let (start, len) = part_range(number, part_size, object.size);
        // A part that breaks off is fetched again whole: it rewrites the same range.
        let crc = client.retry.run(&format!("part {number}"), || {
            let mut crc = crc64::new_digest();
            let mut response = client.get_range(bucket, key, start, start + len.max(1) - 1)?;
            let mut writer = OffsetWriter {
                file: &file,
                offset: start,
            };
            let got = copy_body(&mut response, &mut writer, &mut crc, &progress, &host)?;
            if got != len {
                return Err(NetworkError {
                    message: format!(
                        "part {number} of the download broke off after {got} of {len} bytes"
                    ),
                    hint: None,
                }
                .into());
            }
            Ok(crc.finalize())
        })?;
        let part = DonePart {
            number,
            etag: String::new(),
            crc64: crc,
            size: len,
        };
        let mut guard = finished.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(c) = guard.1.as_mut() {
            c.record(part.clone())
                .context("cannot update the download checkpoint")?;
        }
        guard.0.push(part);
        progress.parts_done(guard.0.len() as u32);
        Ok(())
    });
    let (mut parts, checkpoint) = finished.into_inner().unwrap_or_else(|e| e.into_inner());
    if let Err(e) = result {
        progress.abandon();
        if checkpoint.is_some() {
            return Err(e.context(format!(
                "download interrupted with {} of {total} parts done; {} is untouched; run the same command again to resume",
                parts.len(),
                dest.display()
            )));
        }
        let _ = std::fs::remove_file(&part_path);
        return Err(e);
    }
    parts.sort_by_key(|p| p.number);
    let crc = parts
        .iter()
        .fold(0u64, |acc, p| crc64::combine(acc, p.crc64, p.size));
    if let Err(e) = verify(object.size, crc, Some(object.size), object.crc64) {
        // A corrupt part file is useless for resuming: start clean next time.
        progress.abandon();
        let _ = std::fs::remove_file(&part_path);
        if let Some(c) = checkpoint {
            c.remove();
        }
        return Err(e);
    }
    drop(file);
    std::fs::rename(&part_path, dest)
        .with_context(|| format!("cannot move the download into {}", dest.display()))?;
    if let Some(c) = checkpoint {
        c.remove();
    }
    progress.finish(
        &format!(
            "downloaded oss://{bucket}/{key} to {} in {total} parts",
            dest.display()
        ),
        object.size,
    );
    Ok(object.size)
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
