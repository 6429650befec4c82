//! Commands over many objects (`cp -r`, `sync`, `rm -r`): the trees on both sides, what is to be
//! done to each object, the pool of workers that does it, and the report of what happened.
//!
//! A command plans on one thread (walking the folder and listing the bucket, each a step
//! ahead on threads of their own), hands [`Task`]s to `--jobs` workers through a bounded queue,
//! and reports on the main thread as the workers finish, so memory is bounded by the number of
//! jobs and a listing page, never by the size of the tree. One object failing does not stop the
//! others; the command ends with [`crate::error::TreeFailures`] when any failed.

pub mod filter;
pub mod key_path;
pub mod local;
pub mod plan;
pub mod pool;
pub mod remote;
pub mod report;
pub mod work;

use std::path::PathBuf;

use anyhow::Result;

use crate::oss::download::DownloadSettings;
use crate::oss::object_headers::ObjectHeaders;
use crate::oss::upload::UploadSettings;
use crate::oss::OssClient;
use local::LocalFile;
use remote::RemoteObject;

/// How a tree command runs and reports.
pub struct TreeSettings {
    /// Requests in flight for the whole command.
    pub jobs: usize,
    pub max_errors: Option<u64>,
    /// `--output`: a record per object on stdout in this format; none for lines on stderr.
    pub records: Option<crate::terminal::render::OutputFormat>,
    pub show_progress: bool,
    pub dry_run: bool,
    pub upload: UploadSettings,
    pub download: DownloadSettings,
    pub replace_metadata: bool,
    pub no_overwrite: bool,
    /// The summary's verb: `copied`, `deleted`.
    pub verb: &'static str,
    /// What to say after Ctrl-C about running again.
    pub rerun_hint: String,
}

/// Runs a planned tree command: `plan` hands tasks to the workers, the report shows them.
pub fn execute(
    client: &OssClient,
    settings: TreeSettings,
    dest_root: Option<PathBuf>,
    plan: impl FnOnce(&pool::Planner) -> Result<()> + Send,
) -> Result<()> {
    let budget = pool::Budget::new(settings.jobs);
    let headers: ObjectHeaders = settings.upload.headers.clone();
    let worker = work::Worker {
        client,
        upload: settings.upload,
        download: settings.download,
        headers,
        replace_metadata: settings.replace_metadata,
        dest_root,
        folders: key_path::Folders::default(),
        no_overwrite: settings.no_overwrite,
        dry_run: settings.dry_run,
        budget: &budget,
        part_jobs: settings.jobs,
    };
    let mut report = report::Report::new(
        settings.records,
        settings.show_progress,
        settings.max_errors,
        settings.verb,
        settings.rerun_hint,
    );
    crate::catch_interrupts();
    pool::run(settings.jobs, &budget, &mut report, plan, |task| {
        worker.run(task)
    })
}

/// One thing to do to one object (or, for deletes, up to 1000 of them).
#[derive(Debug)]
pub enum Task {
    Upload {
        file: LocalFile,
        bucket: String,
        key: String,
    },
    Download {
        object: RemoteObject,
        bucket: String,
        /// Below DEST, already checked by [`key_path::relative_path`].
        path: PathBuf,
    },
    /// Inside OSS: CopyObject, or UploadPartCopy in parts for a large object.
    Copy {
        src_bucket: String,
        object: RemoteObject,
        bucket: String,
        key: String,
    },
    /// DeleteMultipleObjects of up to 1000 keys.
    DeleteObjects {
        bucket: String,
        keys: Vec<String>,
    },
    DeleteFile {
        path: PathBuf,
    },
    /// `sync --checksum`: the sizes agree; compare CRC-64s, and do `then` only if they differ.
    IfContentDiffers(Box<Task>),
    /// `sync` of a file whose time is the object's to the second: the listing cannot tell
    /// which is newer, so the time the upload stored (`x-oss-meta-mtime`, to the nanosecond)
    /// decides; `then` (the upload) only if it is not the file's.
    IfStoredTimeDiffers(Box<Task>),
}

impl Task {
    pub fn action(&self) -> Action {
        match self {
            Task::Upload { .. } => Action::Upload,
            Task::Download { .. } => Action::Download,
            Task::Copy { .. } => Action::Copy,
            Task::DeleteObjects { .. } | Task::DeleteFile { .. } => Action::Delete,
            Task::IfContentDiffers(then) | Task::IfStoredTimeDiffers(then) => then.action(),
        }
    }

    /// Bytes the task moves (for the progress display).
    pub fn size(&self) -> u64 {
        match self {
            Task::Upload { file, .. } => file.size,
            Task::Download { object, .. } | Task::Copy { object, .. } => object.size,
            Task::IfContentDiffers(then) | Task::IfStoredTimeDiffers(then) => then.size(),
            _ => 0,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    Upload,
    Download,
    Copy,
    Delete,
}

impl Action {
    pub fn as_str(self) -> &'static str {
        match self {
            Action::Upload => "upload",
            Action::Download => "download",
            Action::Copy => "copy",
            Action::Delete => "delete",
        }
    }
}

/// What became of one object.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Status {
    Done,
    /// A sync found it already in place: counted, not listed.
    Unchanged,
    /// `--dry-run`: it would have been done.
    DryRun,
    /// Left alone: it exists and `--no-overwrite` was given.
    Skipped(&'static str),
    Failed(Failure),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failure {
    /// OSS's error code, or a word for a local cause (`UnsafeKey`, `LocalFile`, `Network`).
    pub code: String,
    pub message: String,
    pub exit: crate::error::Exit,
}

impl Failure {
    pub fn of(err: &anyhow::Error) -> Failure {
        let exit = crate::error::exit_for(err);
        let code = err
            .chain()
            .find_map(|c| c.downcast_ref::<crate::error::ServiceError>())
            .map(|s| s.code.clone())
            .unwrap_or_else(|| match exit {
                crate::error::Exit::Network => "Network".into(),
                crate::error::Exit::Usage => "LocalFile".into(),
                _ => "Failed".into(),
            });
        // One line: the first line of the error and its causes, as `{:#}` joins them.
        let message = format!("{err:#}")
            .lines()
            .next()
            .unwrap_or_default()
            .to_string();
        Failure {
            code,
            message,
            exit,
        }
    }

    /// A refusal alicli makes itself, before any request (an unsafe key, an unreadable file).
    pub fn local(code: &str, message: String) -> Failure {
        Failure {
            code: code.into(),
            message,
            exit: crate::error::Exit::Failure,
        }
    }
}

/// One line of the report: an object, what was to be done to it, and how it went. `source` and
/// `destination` are as given or listed (unescaped; the report escapes them for a terminal).
#[derive(Debug, Clone)]
pub struct Record {
    pub action: Action,
    pub source: String,
    pub destination: String,
    pub size: u64,
    pub status: Status,
}
