//! What a worker does with one [`Task`]: the transfer itself (through the same single-object
//! code `put` and `get` use: multipart, ranges, resume, CRC-64), deletes in batches, server-side
//! copies, and `--checksum`'s comparison. Every outcome becomes [`Record`]s; nothing here stops
//! the command.

use std::path::{Path, PathBuf};

use anyhow::Result;

use super::key_path::Folders;
use super::local::LocalFile;
use super::pool::Budget;
use super::remote::RemoteObject;
use super::{Action, Failure, Record, Status, Task};
use crate::error::{Exit, IntegrityError, ServiceError};
use crate::oss::download::{self, DownloadSettings};
use crate::oss::object_headers::ObjectHeaders;
use crate::oss::operations::fits_in_xml;
use crate::oss::transfer::{self, part_count, part_range, run_parallel};
use crate::oss::upload::{self, UploadSettings};
use crate::oss::OssClient;
use alicli_wire::oss::xml::CompletePart;

/// Everything a worker needs, shared by all of them.
pub struct Worker<'a> {
    pub client: &'a OssClient,
    pub upload: UploadSettings,
    pub download: DownloadSettings,
    /// For copies: what `--meta`, `--content-type`… ask for.
    pub headers: ObjectHeaders,
    /// A copy replaces the source's metadata with `headers` (a metadata flag was given).
    pub replace_metadata: bool,
    /// The local folder downloads go into.
    pub dest_root: Option<PathBuf>,
    pub folders: Folders,
    pub no_overwrite: bool,
    pub dry_run: bool,
    pub budget: &'a Budget,
    /// Parts of one large object in flight at most.
    pub part_jobs: usize,
}

fn oss(bucket: &str, key: &str) -> String {
    format!("oss://{bucket}/{key}")
}

/// What a task is about, for its record: action, source, destination, size.
pub fn describe(task: &Task, dest_root: Option<&Path>) -> (Action, String, String, u64) {
    match task {
        Task::Upload { file, bucket, key } => (
            Action::Upload,
            file.path.display().to_string(),
            oss(bucket, key),
            file.size,
        ),
        Task::Download {
            object,
            bucket,
            path,
        } => (
            Action::Download,
            oss(bucket, &object.key),
            dest_root
                .map(|r| r.join(path))
                .unwrap_or_else(|| path.clone())
                .display()
                .to_string(),
            object.size,
        ),
        Task::Copy {
            src_bucket,
            object,
            bucket,
            key,
        } => (
            Action::Copy,
            oss(src_bucket, &object.key),
            oss(bucket, key),
            object.size,
        ),
        Task::DeleteObjects { bucket, keys } => (
            Action::Delete,
            oss(bucket, keys.first().map_or("", |k| k.as_str())),
            String::new(),
            0,
        ),
        Task::DeleteFile { path } => (Action::Delete, path.display().to_string(), String::new(), 0),
        Task::IfContentDiffers(then) | Task::IfStoredTimeDiffers(then) => describe(then, dest_root),
    }
}

pub fn record(task: &Task, dest_root: Option<&Path>, status: Status) -> Record {
    let (action, source, destination, size) = describe(task, dest_root);
    Record {
        action,
        source,
        destination,
        size,
        status,
    }
}

impl Worker<'_> {
    pub fn run(&self, task: Task) -> Vec<Record> {
        let root = self.dest_root.as_deref();
        let task = match task {
            Task::IfContentDiffers(then) => match self.content_differs(&then) {
                Ok(true) => *then,
                Ok(false) => return vec![record(&then, root, Status::Unchanged)],
                Err(e) => return vec![record(&then, root, Status::Failed(Failure::of(&e)))],
            },
            Task::IfStoredTimeDiffers(then) => match self.stored_time_differs(&then) {
                Ok(true) => *then,
                Ok(false) => return vec![record(&then, root, Status::Unchanged)],
                Err(e) => return vec![record(&then, root, Status::Failed(Failure::of(&e)))],
            },
            task => task,
        };
        if let Task::DeleteObjects { bucket, keys } = &task {
            return self.delete_objects(bucket, keys);
        }
        if self.dry_run {
            return vec![record(&task, root, Status::DryRun)];
        }
        let status = match self.perform(&task) {
            Ok(status) => status,
            Err(e) => {
                let failure = Failure::of(&e);
                if self.no_overwrite && failure.code == "FileAlreadyExists" {
                    Status::Skipped("exists")
                } else {
                    Status::Failed(failure)
                }
            }
        };
        vec![record(&task, root, status)]
    }

    fn perform(&self, task: &Task) -> Result<Status> {
        match task {
            Task::Upload { file, bucket, key } => self.upload(file, bucket, key),
            Task::Download {
                object,
                bucket,
                path,
            } => self.download(object, bucket, path),
            Task::Copy {
                src_bucket,
                object,
                bucket,
                key,
            } => self.copy(src_bucket, object, bucket, key),
            Task::DeleteFile { path } => {
                std::fs::remove_file(path)
                    .map_err(|e| anyhow::anyhow!("cannot remove {}: {e}", path.display()))?;
                Ok(Status::Done)
            }
            Task::DeleteObjects { .. }
            | Task::IfContentDiffers(_)
            | Task::IfStoredTimeDiffers(_) => {
                unreachable!("handled by run")
            }
        }
    }

    /// Parts in flight for an object of `size`: one (the worker's own) plus what the budget
    /// has free, for an object large enough to go in parts.
    fn lend_parts(&self, size: u64) -> usize {
        if size >= self.upload.threshold && self.part_jobs > 1 {
            self.budget.try_take(self.part_jobs - 1)
        } else {
            0
        }
    }

    fn upload(&self, file: &LocalFile, bucket: &str, key: &str) -> Result<Status> {
        let extra = self.lend_parts(file.size);
        let mut settings = self.upload.clone();
        settings.headers = self.upload.headers.with_mtime(file.mtime);
        settings.jobs = 1 + extra;
        let outcome = upload::upload_file(self.client, &file.path, bucket, key, &settings);
        self.budget.give(extra);
        outcome.map(|_| Status::Done)
    }

    fn download(&self, object: &RemoteObject, bucket: &str, path: &Path) -> Result<Status> {
        let root = self
            .dest_root
            .as_deref()
            .expect("a download has a destination folder");
        let local = |why: String| anyhow::Error::new(crate::error::UsageError(why));
        if object.key.ends_with('/') {
            // A "folder" object: the folder, made like any other.
            self.folders.make(root, path).map_err(local)?;
            return Ok(Status::Done);
        }
        self.folders.make_parents(root, path).map_err(local)?;
        let dest = root.join(path);
        match std::fs::symlink_metadata(&dest) {
            Ok(_) if self.no_overwrite => return Ok(Status::Skipped("exists")),
            Ok(m) if m.is_dir() => {
                return Err(local(format!(
                    "{} is a folder (another key has it as its folder)",
                    dest.display()
                )))
            }
            _ => {}
        }
        let tmp = download::temp_in_folder(&dest, false)?;
        let extra = self.lend_parts(object.size);
        let mut settings = self.download.clone();
        settings.jobs = 1 + extra;
        let got = download::download_file(self.client, bucket, &object.key, &dest, tmp, &settings);
        self.budget.give(extra);
        got?;
        // The file gets the object's time, so a later sync finds them equal (as the AWS CLI does).
        if let Some(t) = object.modified() {
            let _ = filetime::set_file_mtime(&dest, filetime::FileTime::from_system_time(t));
        }
        Ok(Status::Done)
    }

    fn copy(
        &self,
        src_bucket: &str,
        object: &RemoteObject,
        bucket: &str,
        key: &str,
    ) -> Result<Status> {
        if object.size < self.upload.threshold {
            let headers = self.headers.for_copy(key, self.replace_metadata);
            self.client
                .copy_object(src_bucket, &object.key, bucket, key, headers)?;
            return Ok(Status::Done);
        }
        self.copy_in_parts(src_bucket, object, bucket, key)?;
        Ok(Status::Done)
    }

    /// UploadPartCopy in parallel parts: InitiateMultipartUpload does not copy the source's
    /// metadata as CopyObject does, so it is read from the source and sent along; the result's
    /// CRC-64 must be the source's, or the source changed during the copy.
    fn copy_in_parts(
        &self,
        src_bucket: &str,
        object: &RemoteObject,
        bucket: &str,
        key: &str,
    ) -> Result<()> {
        let head = self.client.head_object_info(src_bucket, &object.key)?;
        let size = head.size.unwrap_or(object.size);
        let mut headers = if self.replace_metadata {
            self.headers.for_initiate(key)
        } else {
            let mut h = Vec::new();
            let stored = [
                ("Content-Type", &head.content_type),
                ("Cache-Control", &head.cache_control),
                ("Content-Disposition", &head.content_disposition),
                ("Content-Encoding", &head.content_encoding),
                ("Expires", &head.expires),
            ];
            for (name, value) in stored {
                if let Some(v) = value {
                    h.push((name.to_string(), v.clone()));
                }
            }
            for (name, value) in &head.metadata {
                h.push((format!("x-oss-meta-{name}"), value.clone()));
            }
            self.headers.push_placement(&mut h);
            h
        };
        // The ACL goes with Complete (for_complete), as for an upload in parts.
        headers.retain(|(n, _)| n != "x-oss-object-acl");
        let part_size = self
            .upload
            .part_size
            .unwrap_or_else(|| transfer::default_part_size(size));
        transfer::check_part_size(part_size, Some(size))?;
        let upload_id = self
            .client
            .initiate_multipart_upload(bucket, key, headers)?;
        let numbers: Vec<u32> = (1..=part_count(size, part_size)).collect();
        let etags = std::sync::Mutex::new(Vec::new());
        let extra = self.lend_parts(size);
        let copied = run_parallel(&numbers, 1 + extra, |&number| {
            let (start, len) = part_range(number, part_size, size);
            let range = (start, start + len - 1);
            let etag = self.client.upload_part_copy(
                src_bucket,
                &object.key,
                bucket,
                key,
                &upload_id,
                number,
                range,
            )?;
            etags
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .push(CompletePart {
                    part_number: number,
                    etag,
                });
            Ok(())
        });
        self.budget.give(extra);
        let completed = copied.and_then(|()| {
            let mut parts = etags.into_inner().unwrap_or_else(|e| e.into_inner());
            parts.sort_by_key(|p| p.part_number);
            self.client.complete_multipart_upload(
                bucket,
                key,
                &upload_id,
                parts,
                self.headers.for_complete(),
            )
        });
        let (_, crc) = match completed {
            Ok(done) => done,
            Err(e) => {
                let _ = self.client.abort_multipart_upload(bucket, key, &upload_id);
                return Err(e.context("the copy failed; its multipart upload was aborted"));
            }
        };
        let source_crc = head.crc64.as_deref().and_then(|c| c.parse::<u64>().ok());
        if let (Some(a), Some(b)) = (crc, source_crc) {
            if a != b {
                return Err(IntegrityError(format!(
                    "the copy's CRC-64 ({a}) is not the source's ({b}): the source changed during the copy; copy it again"
                ))
                .into());
            }
        }
        Ok(())
    }

    /// `--checksum`: the CRC-64s of the two sides, the local one computed, the remote one as OSS
    /// keeps it (HeadObject: no download). A side without a CRC-64 counts as different.
    fn content_differs(&self, task: &Task) -> Result<bool> {
        let remote_crc = |bucket: &str, key: &str| -> Result<Option<u64>> {
            let head = self.client.head_object_info(bucket, key)?;
            Ok(head.crc64.and_then(|c| c.parse().ok()))
        };
        let (a, b) = match task {
            Task::Upload { file, bucket, key } => {
                (Some(local_crc64(&file.path)?), remote_crc(bucket, key)?)
            }
            Task::Download {
                object,
                bucket,
                path,
            } => {
                let root = self.dest_root.as_deref().unwrap_or(Path::new("."));
                (
                    remote_crc(bucket, &object.key)?,
                    Some(local_crc64(&root.join(path))?),
                )
            }
            Task::Copy {
                src_bucket,
                object,
                bucket,
                key,
            } => (
                remote_crc(src_bucket, &object.key)?,
                remote_crc(bucket, key)?,
            ),
            _ => return Ok(true),
        };
        Ok(a.is_none() || a != b)
    }

    /// For an upload whose file has the object's Last-Modified second: true when the object's
    /// stored `x-oss-meta-mtime` is not the file's time (to the nanosecond). An object without
    /// one (written by another tool) counts as in place, as the listing's times say.
    fn stored_time_differs(&self, task: &Task) -> Result<bool> {
        let Task::Upload { file, bucket, key } = task else {
            return Ok(true);
        };
        let head = self.client.head_object_info(bucket, key)?;
        let stored = head
            .metadata
            .iter()
            .find(|(name, _)| name == crate::oss::object_headers::MTIME_META)
            .and_then(|(_, value)| crate::oss::object_headers::parse_mtime(value));
        Ok(match (stored, file.mtime) {
            (Some(stored), Some(local)) => stored != local,
            _ => false,
        })
    }

    /// Deletes a batch: one DeleteMultipleObjects for the keys XML can carry, DeleteObject for
    /// the others. When OSS refuses the batch (one key the policy denies refuses it all), the
    /// keys go one by one, so that only the denied ones fail.
    fn delete_objects(&self, bucket: &str, keys: &[String]) -> Vec<Record> {
        let rec = |key: &str, status: Status| Record {
            action: Action::Delete,
            source: oss(bucket, key),
            destination: String::new(),
            size: 0,
            status,
        };
        if self.dry_run {
            return keys.iter().map(|k| rec(k, Status::DryRun)).collect();
        }
        // One key (`rm` of one object) is a DeleteObject.
        let (batch, single): (Vec<String>, Vec<String>) = keys
            .iter()
            .cloned()
            .partition(|k| keys.len() > 1 && fits_in_xml(k));
        let mut records = Vec::with_capacity(keys.len());
        let mut one_by_one = single;
        if !batch.is_empty() {
            match self.client.delete_objects(bucket, &batch) {
                Ok(()) => records.extend(batch.iter().map(|k| rec(k, Status::Done))),
                Err(e) if crate::error::exit_for(&e) == Exit::Denied && batch.len() > 1 => {
                    one_by_one.extend(batch);
                }
                Err(e) => {
                    let failure = Failure::of(&e);
                    records.extend(
                        batch
                            .iter()
                            .map(|k| rec(k, Status::Failed(failure.clone()))),
                    );
                }
            }
        }
        for key in one_by_one {
            let status = match self.client.delete_object(bucket, &key) {
                Ok(()) => Status::Done,
                Err(e)
                    if e.downcast_ref::<ServiceError>()
                        .is_some_and(|s| s.code == "NoSuchKey") =>
                {
                    Status::Done
                }
                Err(e) => Status::Failed(Failure::of(&e)),
            };
            records.push(rec(&key, status));
        }
        records
    }
}

/// The CRC-64 (ECMA, as OSS computes it) of a local file, read in 1 MiB blocks.
pub fn local_crc64(path: &Path) -> Result<u64> {
    use std::io::Read;
    let mut file = std::fs::File::open(path)
        .map_err(|e| anyhow::anyhow!("cannot read {}: {e}", path.display()))?;
    let mut digest = alicli_wire::crc64::new_digest();
    let mut buf = vec![0u8; 1 << 20];
    loop {
        let n = file.read(&mut buf)?;
        if n == 0 {
            return Ok(digest.finalize());
        }
        digest.update(&buf[..n]);
    }
}
