//! Transfer progress on stderr: a live bar (bytes, rate, ETA, parts) when stderr is a terminal,
//! nothing while running otherwise, and one summary line at the end unless `-q`.

use std::io::IsTerminal;
use std::time::Instant;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// Which way the bytes go: it decides how bytes moved by an earlier run are described.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    Upload,
    Download,
}

/// What a transfer shows on stderr.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Show {
    /// A live bar when stderr is a terminal, and the summary line at the end.
    Bar,
    /// Only the summary line (`--no-progress`).
    Summary,
    /// Nothing: the transfer is one object of a tree, whose own report says what happened.
    Nothing,
}

impl Show {
    /// `Bar`, or `Summary` for `--no-progress`.
    pub fn unless(no_progress: bool) -> Show {
        if no_progress {
            Show::Summary
        } else {
            Show::Bar
        }
    }
}

pub struct Progress {
    bar: Option<ProgressBar>,
    summary: bool,
    direction: Direction,
    /// Bytes an earlier, interrupted run already moved: shown, but not counted in the rate.
    resumed: std::sync::atomic::AtomicU64,
    started: Instant,
    total_parts: u32,
}

impl Progress {
    /// `-q` and a non-terminal stderr hide the bar whatever `show` says.
    /// `what` names the object (`oss://bucket/key`, escaped); the bar reads `get …` or `put …`.
    pub fn new(
        total_bytes: Option<u64>,
        total_parts: u32,
        show: Show,
        direction: Direction,
        what: &str,
    ) -> Progress {
        let label = match direction {
            Direction::Upload => format!("put {what}"),
            Direction::Download => format!("get {what}"),
        };
        let visible = show == Show::Bar
            && !crate::terminal::output::is_quiet()
            && std::io::stderr().is_terminal();
        let bar = visible.then(|| {
            let bar = match total_bytes {
                Some(total) => ProgressBar::with_draw_target(
                    Some(total),
                    ProgressDrawTarget::stderr_with_hz(8),
                ),
                None => ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr_with_hz(8)),
            };
            let template = if total_bytes.is_some() {
                "{msg} [{bar:30}] {bytes}/{total_bytes} {binary_bytes_per_sec} ETA {eta} {prefix}"
            } else {
                "{msg} {bytes} {binary_bytes_per_sec} {prefix}"
            };
            if let Ok(style) = ProgressStyle::with_template(template) {
                bar.set_style(style.progress_chars("=> "));
            }
            // The label names an object key, which may hold control characters.
            bar.set_message(crate::terminal::output::escape_untrusted(&label).into_owned());
            bar
        });
        let progress = Progress {
            direction,
            resumed: std::sync::atomic::AtomicU64::new(0),
            bar,
            summary: show != Show::Nothing,
            started: Instant::now(),
            total_parts,
        };
        progress.parts_done(0);
        progress
    }

    /// Bytes found already transferred by an earlier run.
    pub fn add_resumed(&self, n: u64) {
        self.resumed
            .fetch_add(n, std::sync::atomic::Ordering::Relaxed);
        self.add_bytes(n);
    }

    pub fn add_bytes(&self, n: u64) {
        if let Some(bar) = &self.bar {
            bar.inc(n);
        }
    }

    pub fn parts_done(&self, done: u32) {
        if let (Some(bar), true) = (&self.bar, self.total_parts > 1) {
            bar.set_prefix(format!("parts {done}/{}", self.total_parts));
        }
    }

    /// Clears the bar and prints the summary line (suppressed by `-q`).
    pub fn finish(&self, summary: &str, bytes: u64) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
        if !self.summary {
            return;
        }
        let secs = self.started.elapsed().as_secs_f64();
        let resumed = self
            .resumed
            .load(std::sync::atomic::Ordering::Relaxed)
            .min(bytes);
        let moved = bytes - resumed;
        let rate = if secs > 0.0 { moved as f64 / secs } else { 0.0 };
        let detail = if resumed > 0 {
            format!(
                "{}, {} of it {} before; {} in {secs:.1} s, {}/s",
                human_bytes(bytes as f64),
                human_bytes(resumed as f64),
                match self.direction {
                    Direction::Upload => "sent",
                    Direction::Download => "received",
                },
                human_bytes(moved as f64),
                human_bytes(rate)
            )
        } else {
            format!(
                "{} in {secs:.1} s, {}/s",
                human_bytes(bytes as f64),
                human_bytes(rate)
            )
        };
        crate::terminal::output::info(&format!("{summary} ({detail})"));
    }

    /// Clears the bar without a summary (on failure; the error says what happened).
    pub fn abandon(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}

pub fn human_bytes(n: f64) -> String {
    const UNITS: [&str; 5] = ["B", "KiB", "MiB", "GiB", "TiB"];
    let mut value = n;
    let mut unit = 0;
    while value >= 1024.0 && unit < UNITS.len() - 1 {
        value /= 1024.0;
        unit += 1;
    }
    if unit == 0 {
        format!("{value:.0} {}", UNITS[unit])
    } else {
        format!("{value:.1} {}", UNITS[unit])
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn sizes_read_like_people_write_them() {
        assert_eq!(super::human_bytes(512.0), "512 B");
        assert_eq!(super::human_bytes(1536.0), "1.5 KiB");
        assert_eq!(super::human_bytes(64.0 * 1024.0 * 1024.0), "64.0 MiB");
    }
}
