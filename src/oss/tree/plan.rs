//! What a tree command does to each object: `cp -r` takes everything under the source, `sync`
//! walks both sides together in key order and takes only what is missing or different (and,
//! with `--delete`, removes what the source lacks), `rm -r` takes every key under a prefix.
//!
//! Sync's default comparison is the AWS CLI's and needs nothing beyond the listing and a `stat`
//! of each file: sizes differ, or the source is newer than the destination (whole seconds; an
//! upload is newer than its file, a download is given its object's time). Only a file whose
//! time falls in the very second of its object's Last-Modified is ambiguous in whole seconds;
//! for it, the time the upload stored (`x-oss-meta-mtime`) is read with one HeadObject. `--checksum` compares
//! CRC-64s instead whenever the sizes agree: computed from the file, and as OSS keeps it for the
//! object (HeadObject), so a same-size change with an unchanged time is found too.

use std::path::PathBuf;
use std::time::SystemTime;

use anyhow::Result;
use itertools::{EitherOrBoth, Itertools};

use super::filter::Filters;
use super::key_path::relative_path;
use super::local::{self, LocalFile, Skipped};
use super::pool::Planner;
use super::remote::{self, ahead, RemoteObject};
use super::{Action, Failure, Record, Status, Task};
use crate::oss::download::is_download_temp;
use crate::oss::OssClient;
use crate::terminal::output;

/// One side of a tree command.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Place {
    Local(PathBuf),
    /// A bucket and a prefix: empty, or ending in `/`.
    Oss {
        bucket: String,
        prefix: String,
    },
}

/// True when `text` is meant as an OSS address (`oss://…`), not a local path.
pub fn is_oss_address(text: &std::ffi::OsStr) -> bool {
    text.to_str().is_some_and(|t| t.starts_with("oss://"))
}

impl Place {
    /// `oss://bucket[/prefix]` or a local path. The prefix is taken as a folder: `oss://b/p` and
    /// `oss://b/p/` both mean the keys under `p/`, as in the AWS CLI and ossutil.
    pub fn parse(text: &std::ffi::OsStr) -> Result<Place, crate::error::UsageError> {
        match text.to_str() {
            Some(t) if is_oss_address(text) => {
                let url = crate::oss::OssUrl::parse(t)?;
                let mut prefix = url.key;
                if !prefix.is_empty() && !prefix.ends_with('/') {
                    prefix.push('/');
                }
                if !prefix.is_empty() {
                    crate::oss::url::check_key(&prefix).map_err(|why| {
                        crate::error::UsageError(format!("invalid prefix in {t:?}: {why}"))
                    })?;
                }
                Ok(Place::Oss {
                    bucket: url.bucket,
                    prefix,
                })
            }
            _ => Ok(Place::Local(PathBuf::from(text))),
        }
    }
}

/// How a sync compares and what it removes.
#[derive(Debug, Clone, Copy, Default)]
pub struct SyncRules {
    pub delete: bool,
    pub checksum: bool,
}

/// What the planner needs.
pub struct TreeJob<'a> {
    pub client: &'a OssClient,
    pub source: &'a Place,
    pub dest: &'a Place,
    pub filters: &'a Filters,
    pub follow_symlinks: bool,
    /// `None` for `cp -r`: everything under the source.
    pub sync: Option<SyncRules>,
}

/// A source-side entry of either kind, by its key relative to the source.
enum Entry {
    File(LocalFile),
    Object(RemoteObject),
}

impl Entry {
    fn relative(&self) -> &str {
        match self {
            Entry::File(f) => &f.relative,
            Entry::Object(o) => &o.relative,
        }
    }
    fn size(&self) -> u64 {
        match self {
            Entry::File(f) => f.size,
            Entry::Object(o) => o.size,
        }
    }
    fn modified(&self) -> Option<SystemTime> {
        match self {
            Entry::File(f) => f.mtime,
            Entry::Object(o) => o.modified(),
        }
    }
}

fn oss_name(bucket: &str, key: &str) -> String {
    format!("oss://{bucket}/{key}")
}

fn failed(action: Action, source: String, destination: String, failure: Failure) -> Record {
    Record {
        action,
        source,
        destination,
        size: 0,
        status: Status::Failed(failure),
    }
}

/// Plans a `cp -r` or a `sync`.
pub fn plan(job: &TreeJob, planner: &Planner) -> Result<()> {
    std::thread::scope(|scope| {
        let source = entries(scope, job, job.source, planner)?;
        let Some(rules) = job.sync else {
            for entry in source {
                if !take(job, planner, entry?)? {
                    break;
                }
            }
            return Ok(());
        };
        let dest = entries(scope, job, job.dest, planner)?;
        let both = source.merge_join_by(dest, |a, b| match (a, b) {
            (Ok(a), Ok(b)) => a.relative().cmp(b.relative()),
            // An error comes out at once, to stop the plan.
            _ => std::cmp::Ordering::Less,
        });
        let mut deletes = Vec::new();
        for pair in both {
            let going = match pair {
                EitherOrBoth::Left(src) => take(job, planner, src?)?,
                EitherOrBoth::Both(src, dst) => compare(job, planner, rules, src?, dst?)?,
                EitherOrBoth::Right(dst) => {
                    let dst = dst?;
                    if rules.delete && job.filters.admits(dst.relative()) {
                        remove(job, planner, dst, &mut deletes)
                    } else {
                        true
                    }
                }
            };
            if !going {
                return Ok(());
            }
        }
        flush_deletes(job, planner, &mut deletes);
        Ok(())
    })
}

/// Every entry of one side, in key order, a step ahead on its own thread. Local paths that
/// cannot be moved are reported as they are found and left out.
fn entries<'s, 'a: 's>(
    scope: &'s std::thread::Scope<'s, '_>,
    job: &'s TreeJob<'a>,
    place: &'s Place,
    planner: &'s Planner<'s>,
) -> Result<Box<dyn Iterator<Item = Result<Entry>> + 's>> {
    Ok(match place {
        Place::Local(root) => {
            if !root.exists() && std::ptr::eq(place, job.dest) {
                return Ok(Box::new(std::iter::empty()));
            }
            let is_dest = std::ptr::eq(place, job.dest);
            let walk = local::walk(root, job.follow_symlinks);
            let rx = ahead(scope, walk, 256);
            Box::new(rx.into_iter().filter_map(move |found| match found {
                Ok(file) => {
                    let name = file.relative.rsplit('/').next().unwrap_or_default();
                    if is_dest && is_download_temp(name) {
                        return None;
                    }
                    Some(Ok(Entry::File(file)))
                }
                Err(Skipped::Special(why)) => {
                    if !is_dest {
                        output::warn(&why);
                    }
                    None
                }
                Err(Skipped::Unusable { path, why }) if is_dest => {
                    // Nothing is sent from DEST: it is left as it is, with a word.
                    output::warn(&format!("left alone in DEST: {path}: {why}"));
                    None
                }
                Err(Skipped::Unusable { path, why }) => {
                    planner.record(failed(
                        Action::Upload,
                        path,
                        String::new(),
                        Failure::local("LocalFile", why),
                    ));
                    None
                }
            }))
        }
        Place::Oss { bucket, prefix } => {
            let pages = remote::objects(job.client, bucket, prefix);
            let rx = ahead(scope, pages, 2);
            Box::new(rx.into_iter().flat_map(|page| -> Vec<Result<Entry>> {
                match page {
                    Ok(objects) => objects.into_iter().map(|o| Ok(Entry::Object(o))).collect(),
                    Err(e) => vec![Err(e)],
                }
            }))
        }
    })
}

/// The task that brings a source entry to the destination, or the record of why it cannot be.
fn transfer(job: &TreeJob, entry: Entry) -> Result<Task, Record> {
    let relative = entry.relative().to_string();
    match (entry, job.dest) {
        (Entry::File(file), Place::Oss { bucket, prefix }) => {
            let key = format!("{prefix}{relative}");
            if let Err(why) = crate::oss::url::check_key(&key) {
                return Err(failed(
                    Action::Upload,
                    file.path.display().to_string(),
                    oss_name(bucket, &key),
                    Failure::local("InvalidObjectName", why.to_string()),
                ));
            }
            Ok(Task::Upload {
                file,
                bucket: bucket.clone(),
                key,
            })
        }
        (Entry::Object(object), Place::Local(root)) => {
            let Place::Oss { bucket, .. } = job.source else {
                unreachable!("an object comes from OSS")
            };
            match relative_path(&relative) {
                Ok(path) => Ok(Task::Download {
                    object,
                    bucket: bucket.clone(),
                    path,
                }),
                Err(why) => Err(failed(
                    Action::Download,
                    oss_name(bucket, &object.key),
                    root.display().to_string(),
                    Failure::local(
                        "UnsafeKey",
                        format!("refused: the key cannot be a file inside DEST: {why}"),
                    ),
                )),
            }
        }
        (Entry::Object(object), Place::Oss { bucket, prefix }) => {
            let Place::Oss {
                bucket: src_bucket, ..
            } = job.source
            else {
                unreachable!("an object comes from OSS")
            };
            Ok(Task::Copy {
                src_bucket: src_bucket.clone(),
                object,
                bucket: bucket.clone(),
                key: format!("{prefix}{relative}"),
            })
        }
        (Entry::File(_), Place::Local(_)) => unreachable!("checked by the command"),
    }
}

/// Hands over the transfer of a source entry (if the filters admit it). False: stop planning.
fn take(job: &TreeJob, planner: &Planner, entry: Entry) -> Result<bool> {
    if !job.filters.admits(entry.relative()) {
        return Ok(true);
    }
    Ok(match transfer(job, entry) {
        Ok(task) => planner.task(task),
        Err(record) => planner.record(record),
    })
}

/// Both sides have it: transfer it if it differs.
fn compare(
    job: &TreeJob,
    planner: &Planner,
    rules: SyncRules,
    src: Entry,
    dst: Entry,
) -> Result<bool> {
    if !job.filters.admits(src.relative()) {
        return Ok(true);
    }
    if src.relative().ends_with('/') {
        // A folder object whose folder exists.
        return Ok(planner.record(unchanged()));
    }
    let same_size = src.size() == dst.size();
    if same_size && rules.checksum {
        return Ok(match transfer(job, src) {
            Ok(task) => planner.task(Task::IfContentDiffers(Box::new(task))),
            Err(record) => planner.record(record),
        });
    }
    let (newer, same_second) = match (src.modified(), dst.modified()) {
        (Some(s), Some(d)) => (
            whole_seconds(s) > whole_seconds(d),
            whole_seconds(s) == whole_seconds(d),
        ),
        // A side without a time: only the size can tell.
        _ => (false, false),
    };
    let is_upload = matches!(src, Entry::File(_));
    if same_size && same_second && is_upload {
        // Changed within the second of its upload, or not at all: the stored time decides.
        return Ok(match transfer(job, src) {
            Ok(task) => planner.task(Task::IfStoredTimeDiffers(Box::new(task))),
            Err(record) => planner.record(record),
        });
    }
    if same_size && !newer {
        return Ok(planner.record(unchanged()));
    }
    take(job, planner, src)
}

fn unchanged() -> Record {
    Record {
        action: Action::Upload,
        source: String::new(),
        destination: String::new(),
        size: 0,
        status: Status::Unchanged,
    }
}

fn whole_seconds(t: SystemTime) -> u64 {
    t.duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or_default()
}

/// `--delete`: a destination entry the source lacks.
fn remove(job: &TreeJob, planner: &Planner, dst: Entry, deletes: &mut Vec<String>) -> bool {
    match dst {
        Entry::File(file) => planner.task(Task::DeleteFile { path: file.path }),
        Entry::Object(object) => {
            deletes.push(object.key);
            if deletes.len() == crate::oss::transfer::MAX_DELETE_BATCH {
                return flush_deletes(job, planner, deletes);
            }
            true
        }
    }
}

fn flush_deletes(job: &TreeJob, planner: &Planner, deletes: &mut Vec<String>) -> bool {
    if deletes.is_empty() {
        return true;
    }
    let Place::Oss { bucket, .. } = job.dest else {
        return true;
    };
    planner.task(Task::DeleteObjects {
        bucket: bucket.clone(),
        keys: std::mem::take(deletes),
    })
}

/// Plans `rm -r`: every key under the prefix the filters admit, in batches of 1000.
pub fn plan_delete(
    client: &OssClient,
    bucket: &str,
    prefix: &str,
    filters: &Filters,
    planner: &Planner,
) -> Result<()> {
    std::thread::scope(|scope| {
        let pages = ahead(scope, remote::objects(client, bucket, prefix), 2);
        let mut batch = Vec::new();
        for page in pages {
            for object in page? {
                if !filters.admits(&object.relative) {
                    continue;
                }
                batch.push(object.key);
                if batch.len() == crate::oss::transfer::MAX_DELETE_BATCH
                    && !planner.task(Task::DeleteObjects {
                        bucket: bucket.to_string(),
                        keys: std::mem::take(&mut batch),
                    })
                {
                    return Ok(());
                }
            }
        }
        if !batch.is_empty() {
            planner.task(Task::DeleteObjects {
                bucket: bucket.to_string(),
                keys: batch,
            });
        }
        Ok(())
    })
}

/// For messages: a place as the user wrote it.
pub fn shown(place: &Place) -> String {
    match place {
        Place::Local(p) => output::escape_untrusted(&p.display().to_string()).into_owned(),
        Place::Oss { bucket, prefix } => crate::oss::url::display(bucket, prefix),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn places() {
        let p = |t: &str| Place::parse(std::ffi::OsStr::new(t));
        assert_eq!(
            p("oss://b-1/p").unwrap(),
            Place::Oss {
                bucket: "b-1".into(),
                prefix: "p/".into()
            }
        );
        assert_eq!(
            p("oss://b-1").unwrap(),
            Place::Oss {
                bucket: "b-1".into(),
                prefix: String::new()
            }
        );
        assert_eq!(p("./dir").unwrap(), Place::Local("./dir".into()));
        assert!(p("oss://B").is_err());
        assert!(p("oss://b-1//x").is_err());
    }
}
