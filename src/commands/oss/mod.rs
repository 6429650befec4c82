//! `alicli oss …`: config, get, put, sign, ls, stat; the transfer options get and put share (the
//! endpoint and signature flags are [`crate::clients::OssFlags`]), and how sizes and times are
//! read and shown.

pub mod config;
pub mod get;
pub mod ls;
pub mod put;
pub mod sign;
pub mod stat;

use anyhow::Result;
use clap::Args;

use crate::error::UsageError;

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
    /// Parts in flight at once
    #[arg(long, value_name = "N", default_value_t = crate::oss::transfer::DEFAULT_JOBS, value_parser = clap::value_parser!(usize))]
    pub jobs: usize,
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
        if self.jobs == 0 || self.jobs > 64 {
            return Err(UsageError(format!("invalid --jobs {}: give 1 to 64", self.jobs)).into());
        }
        if let Some(p) = self.part_size {
            crate::oss::transfer::check_part_size(p, None)?;
        }
        Ok(())
    }
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
