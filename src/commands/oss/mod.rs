//! `alicli oss …`: config, get, put, cp, sync, rm, sign, ls, stat; the transfer and tree options
//! they share (the endpoint and signature flags are [`crate::clients::OssFlags`], the object
//! flags [`crate::oss::object_headers::ObjectFlags`]), and how sizes and times are read and shown.

pub mod config;
pub mod cp;
pub mod get;
pub mod ls;
pub mod put;
pub mod rm;
pub mod sign;
pub mod stat;
pub mod sync;

use anyhow::Result;
use clap::Args;

use crate::error::{usage, UsageError};
use crate::oss::download::DownloadSettings;
use crate::oss::object_headers::{ObjectFlags, ObjectHeaders};
use crate::oss::tree::filter::FilterFlags;
use crate::oss::tree::plan::{self, Place, SyncRules, TreeJob};
use crate::oss::tree::{self as tree, TreeSettings};
use crate::oss::upload::UploadSettings;
use crate::session::{Globals, Session};
use crate::terminal::progress::Show;

/// Flags of the commands that move object bodies.
#[derive(Debug, Clone, Args)]
#[command(next_help_heading = "Transfer options")]
pub struct TransferFlags {
    /// Objects at least this large move in parts (e.g. 64M, 1G)
    #[arg(long, value_name = "SIZE", default_value = "64M", value_parser = parse_size)]
    pub multipart_threshold: u64,
    /// Part size [default: 8M, or larger to stay within 10000 parts]
    #[arg(long, value_name = "SIZE", value_parser = parse_size)]
    pub part_size: Option<u64>,
    /// Requests in flight at once: parts of one object [default: 4], or objects of a tree (-r, sync, rm -r), large ones' parts included [default: 32]
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(usize))]
    pub jobs: Option<usize>,
    /// Do not resume an interrupted transfer, nor keep a checkpoint to resume this one
    #[arg(long)]
    pub no_resume: bool,
    /// No progress bar (it only shows when stderr is a terminal anyway)
    #[arg(long)]
    pub no_progress: bool,
}

impl TransferFlags {
    /// Checks what clap cannot: at least one job, and a part size OSS accepts.
    pub fn check(&self) -> Result<()> {
        if let Some(jobs @ (0 | 65..)) = self.jobs {
            return Err(UsageError(format!("invalid --jobs {jobs}: give 1 to 64")).into());
        }
        if let Some(p) = self.part_size {
            crate::oss::transfer::check_part_size(p, None)?;
        }
        Ok(())
    }
}

impl TransferFlags {
    /// Parts of one object in flight.
    pub fn part_jobs(&self) -> usize {
        self.jobs.unwrap_or(crate::oss::transfer::DEFAULT_JOBS)
    }

    /// Requests in flight for a tree.
    pub fn tree_jobs(&self) -> usize {
        self.jobs.unwrap_or(DEFAULT_TREE_JOBS)
    }

    pub fn upload_settings(&self, headers: ObjectHeaders, show: Show) -> UploadSettings {
        UploadSettings {
            threshold: self.multipart_threshold,
            part_size: self.part_size,
            jobs: self.part_jobs(),
            resume: !self.no_resume,
            show_progress: show,
            headers,
        }
    }

    pub fn download_settings(&self, show: Show) -> DownloadSettings {
        DownloadSettings {
            threshold: self.multipart_threshold,
            part_size: self.part_size,
            jobs: self.part_jobs(),
            resume: !self.no_resume,
            show_progress: show,
        }
    }
}

/// Objects in flight in a tree command: small objects are one short request each, so many
/// at once is what makes thousands of them fast.
pub const DEFAULT_TREE_JOBS: usize = 32;

/// The flags of commands over many objects (`cp -r`, `sync`, `rm -r`, `put -r`, `get -r`).
#[derive(Debug, Clone, Args)]
#[command(next_help_heading = "Tree options")]
pub struct TreeFlags {
    #[command(flatten)]
    pub filters: FilterFlags,
    /// Show what would be done, and do nothing (no write request is sent)
    #[arg(long, alias = "dryrun")]
    pub dry_run: bool,
    /// Follow symbolic links in a local source folder (without it they are skipped, with a warning)
    #[arg(long)]
    pub follow_symlinks: bool,
    /// Stop starting new objects once N have failed [default: go on to the end]
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u64).range(1..))]
    pub max_errors: Option<u64>,
}

impl TreeFlags {
    /// The first of these flags given, for `put` and `get` without `-r` (where they mean nothing).
    pub fn given(&self) -> Option<&'static str> {
        let f = &self.filters;
        [
            (!f.include.is_empty(), "--include"),
            (!f.exclude.is_empty(), "--exclude"),
            (self.dry_run, "--dry-run"),
            (self.follow_symlinks, "--follow-symlinks"),
            (self.max_errors.is_some(), "--max-errors"),
        ]
        .into_iter()
        .find_map(|(given, name)| given.then_some(name))
    }

    /// The settings of a tree command with these flags.
    pub fn settings(
        &self,
        transfer: &TransferFlags,
        object: &ObjectFlags,
        verb: &'static str,
        rerun_hint: String,
    ) -> Result<TreeSettings> {
        let headers = object.check()?;
        let jobs = transfer.tree_jobs();
        // Records on stdout only when --output (or --query) asks for them; lines on stderr else.
        let choice = crate::terminal::render::choice();
        let records = match choice.format {
            Some(format) => Some(crate::terminal::render::data_format(format)?),
            None if choice.query.is_some() => Some(crate::terminal::render::OutputFormat::Json),
            None => None,
        };
        Ok(TreeSettings {
            jobs,
            max_errors: self.max_errors,
            records,
            show_progress: !transfer.no_progress,
            dry_run: self.dry_run,
            upload: transfer.upload_settings(headers, Show::Nothing),
            download: transfer.download_settings(Show::Nothing),
            replace_metadata: object.replaces_metadata(),
            no_overwrite: object.no_overwrite,
            verb,
            rerun_hint,
        })
    }
}

/// Checks the two sides of a tree command before any request: a local source must be a folder,
/// a local destination must be a folder or not be there yet, and two prefixes of one bucket
/// must not overlap (the command would copy, or delete, what it is working on).
pub fn check_places(source: &Place, dest: &Place) -> Result<()> {
    match (source, dest) {
        (Place::Local(_), Place::Local(_)) => {
            usage!("one side must be an oss:// address")
        }
        (Place::Local(dir), _) => {
            let shown = plan::shown(source);
            match std::fs::metadata(dir) {
                Ok(m) if m.is_dir() => {}
                Ok(_) => usage!(
                    "{shown} is a file: give a folder with -r, or leave -r out to copy one file"
                ),
                Err(e) => usage!("cannot read {shown}: {e}"),
            }
        }
        (_, Place::Local(dir)) => {
            if dir.exists() && !dir.is_dir() {
                usage!("{} is a file: a tree goes into a folder", plan::shown(dest));
            }
        }
        (
            Place::Oss {
                bucket: a,
                prefix: p,
            },
            Place::Oss {
                bucket: b,
                prefix: q,
            },
        ) => {
            if a == b && (p.starts_with(q.as_str()) || q.starts_with(p.as_str())) {
                usage!(
                    "{} and {} overlap: the command would work on what it writes; use prefixes that do not contain each other",
                    plan::shown(source),
                    plan::shown(dest)
                );
            }
        }
    }
    Ok(())
}

/// The flags a tree command was given.
pub struct TreeCommand<'a> {
    pub tree: &'a TreeFlags,
    pub transfer: &'a TransferFlags,
    pub object: &'a ObjectFlags,
    pub oss: &'a crate::clients::OssFlags,
}

/// `cp -r`, `put -r`, `get -r` and `sync`: check, plan, run.
pub fn run_tree(
    globals: Globals,
    source: &Place,
    dest: &Place,
    flags: TreeCommand,
    sync: Option<SyncRules>,
    verb: &'static str,
) -> Result<()> {
    check_places(source, dest)?;
    if matches!(dest, Place::Local(_)) {
        flags.object.check_for_download()?;
    }
    let hint = if sync.is_some() {
        "run the same command again to go on: what is already there is not sent again".to_string()
    } else {
        "run `alicli oss sync` with the same SRC and DST to copy only what is still missing"
            .to_string()
    };
    let settings = flags
        .tree
        .settings(flags.transfer, flags.object, verb, hint)?;
    let session = Session::new(globals)?;
    let client = flags.oss.client(&session)?;
    let dest_root = match dest {
        Place::Local(dir) => {
            if !settings.dry_run {
                std::fs::create_dir_all(dir)
                    .map_err(|e| UsageError(format!("cannot create {}: {e}", plan::shown(dest))))?;
            }
            Some(dir.clone())
        }
        Place::Oss { .. } => None,
    };
    let filters = flags.tree.filters.rules();
    let job = TreeJob {
        client: &client,
        source,
        dest,
        filters: &filters,
        follow_symlinks: flags.tree.follow_symlinks,
        sync,
    };
    tree::execute(&client, settings, dest_root, |planner| {
        plan::plan(&job, planner)
    })
    .map_err(|e| crate::clients::with_oss_hint(e, &client))
}

/// Sizes as people write them: `1048576`, `512K`, `64M`, `1.5G`, `8MiB` (binary units).
pub fn parse_size(text: &str) -> std::result::Result<u64, String> {
    let t = text.trim();
    let split = t
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(t.len());
    let (number, unit) = t.split_at(split);
    let scale: u64 = match unit
        .trim()
        .to_ascii_lowercase()
        .trim_end_matches('b')
        .trim_end_matches('i')
    {
        "" => 1,
        "k" => 1 << 10,
        "m" => 1 << 20,
        "g" => 1 << 30,
        "t" => 1 << 40,
        _ => return Err(format!("{text:?} is not a size (use e.g. 8M, 64M, 1G)")),
    };
    let value: f64 = number
        .parse()
        .map_err(|_| format!("{text:?} is not a size (use e.g. 8M, 64M, 1G)"))?;
    let bytes = value * scale as f64;
    if !(0.0..1.8e19).contains(&bytes) {
        return Err(format!("{text:?} is out of range"));
    }
    Ok(bytes as u64)
}

/// Bytes as people read them, in binary units: `512 B`, `1.5 KiB`, `3.0 GiB`.
pub fn human_size(bytes: u64) -> String {
    const UNITS: [&str; 6] = ["KiB", "MiB", "GiB", "TiB", "PiB", "EiB"];
    if bytes < 1024 {
        return format!("{bytes} B");
    }
    let mut value = bytes as f64 / 1024.0;
    let mut unit = 0;
    while value >= 1024.0 && unit + 1 < UNITS.len() {
        value /= 1024.0;
        unit += 1;
    }
    format!("{value:.1} {}", UNITS[unit])
}

/// A time from OSS (ISO 8601 in listings, an HTTP date in headers) in this machine's time zone,
/// `2026-01-13 15:03:39`, as `ls` shows files. One that does not parse is shown as sent,
/// escaped: it came from the server.
pub fn local_time(text: &str) -> String {
    chrono::DateTime::parse_from_rfc3339(text)
        .or_else(|_| chrono::DateTime::parse_from_rfc2822(text))
        .map(|t| {
            t.with_timezone(&chrono::Local)
                .format("%Y-%m-%d %H:%M:%S")
                .to_string()
        })
        .unwrap_or_else(|_| crate::terminal::output::escape_untrusted(text).into_owned())
}

#[cfg(test)]
mod tests {
    use super::{human_size, local_time, parse_size};

    #[test]
    fn human_sizes() {
        assert_eq!(human_size(0), "0 B");
        assert_eq!(human_size(1023), "1023 B");
        assert_eq!(human_size(1536), "1.5 KiB");
        assert_eq!(human_size(3 << 30), "3.0 GiB");
        assert_eq!(human_size(u64::MAX), "16.0 EiB");
    }

    #[test]
    fn times_parse_in_both_forms_or_are_shown_escaped() {
        let iso = local_time("2026-01-13T15:03:39.000Z");
        let http = local_time("Tue, 13 Jan 2026 15:03:39 GMT");
        assert_eq!(iso, http);
        assert_eq!(iso.len(), 19, "{iso}");
        assert_eq!(local_time("bad\x1b"), "bad\\x1b");
    }

    #[test]
    fn sizes() {
        assert_eq!(parse_size("1048576"), Ok(1 << 20));
        assert_eq!(parse_size("64M"), Ok(64 << 20));
        assert_eq!(parse_size("8MiB"), Ok(8 << 20));
        assert_eq!(parse_size("1.5g"), Ok(3 << 29));
        assert_eq!(parse_size("100k"), Ok(102400));
        assert!(parse_size("lots").is_err());
        assert!(parse_size("5X").is_err());
        assert!(parse_size("").is_err());
    }
}
