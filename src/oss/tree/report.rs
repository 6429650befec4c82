//! What a tree command shows while it runs and when it ends.
//!
//! - On a terminal: one live line for the whole tree (objects and bytes done, rate, failures).
//! - Otherwise (a CI log, a pipe): one line per object changed on stderr, AWS CLI style
//!   (`upload: ./a.txt to oss://b/a.txt`), each failure as `failed: …` with OSS's code.
//! - `--output json|text|yaml|table`: a record per object on stdout (action, source,
//!   destination, size, status, error code and message) in that format (JSON Lines for json,
//!   `--query` applied to each), nothing per object on stderr but the failures.
//! - At the end, a summary line (unless `-q`); failures are always shown.
//!
//! Text from outside (keys, paths, server messages) is escaped before it reaches a terminal.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::Result;
use indicatif::ProgressBar;
use serde_json::json;

use super::{Action, Record, Status};
use crate::error::{Exit, TreeFailures};
use crate::terminal::output::{self, escape_untrusted};
use crate::terminal::progress::{self, human_bytes};
use crate::terminal::render::{self, OutputFormat, Stream};

pub struct Report {
    /// The records on stdout, when `--output` asks for them.
    records: Option<Stream>,
    bar: Option<ProgressBar>,
    /// What the live line shows, read at each of its draws.
    live: Arc<Counts>,
    started: Instant,
    max_errors: Option<u64>,
    /// What the command is, for the summary: `uploaded`, `copied`, `deleted`…
    verb: &'static str,
    done: u64,
    bytes: u64,
    skipped: u64,
    would: u64,
    failed: u64,
    /// The exit code every failure so far shares, if they all do.
    common_exit: Option<Option<Exit>>,
    /// Objects a sync found already in place (counted, never listed one by one).
    unchanged: u64,
    /// The command line to run again after an interruption.
    rerun_hint: String,
}

impl Report {
    pub fn new(
        records: Option<OutputFormat>,
        show_progress: bool,
        max_errors: Option<u64>,
        verb: &'static str,
        rerun_hint: String,
    ) -> Report {
        let live = Arc::new(Counts {
            verb,
            done: AtomicU64::new(0),
            bytes: AtomicU64::new(0),
            failed: AtomicU64::new(0),
        });
        let bar = (show_progress
            && records.is_none()
            && !output::is_quiet()
            && progress::live_terminal())
        .then(|| {
            let counts = live.clone();
            // The spinner and its space take two columns.
            progress::live_bar(
                None,
                "{spinner} {line}",
                Duration::from_millis(250),
                move |state, cols| counts.render(state.elapsed(), cols.saturating_sub(2)),
            )
        });
        Report {
            records: records.map(|format| Stream::new(format, render::choice().query)),
            bar,
            live,
            started: Instant::now(),
            max_errors,
            verb,
            done: 0,
            bytes: 0,
            skipped: 0,
            would: 0,
            failed: 0,
            common_exit: None,
            unchanged: 0,
            rerun_hint,
        }
    }

    pub fn add(&mut self, record: Record) {
        match &record.status {
            Status::Done => {
                self.done += 1;
                self.bytes += record.size;
            }
            Status::Unchanged => {
                self.unchanged += 1;
                return;
            }
            Status::DryRun => self.would += 1,
            Status::Skipped(_) => self.skipped += 1,
            Status::Failed(f) => {
                self.failed += 1;
                self.common_exit = Some(match self.common_exit {
                    None => Some(f.exit),
                    Some(Some(code)) if code == f.exit => Some(code),
                    Some(_) => None,
                });
            }
        }
        if let Some(stream) = &mut self.records {
            // A query that cannot be applied to a record was found before any request for
            // the first one; the rest are alike.
            if let Ok(Some(text)) = stream.record(record_value(&record)) {
                let _ = crate::write_stdout(text.as_bytes());
            }
        }
        // Failures always reach stderr (a CI log shows them even when stdout goes to jq).
        let failed = matches!(record.status, Status::Failed(_));
        if failed || (self.records.is_none() && self.bar.is_none() && !output::is_quiet()) {
            if let Some(text) = text_line(&record) {
                self.print(&text);
            }
        }
        self.tick();
    }

    fn print(&self, text: &str) {
        let text = crate::terminal::redact::redact(text);
        match &self.bar {
            Some(bar) => bar.println(text),
            None => eprintln!("{text}"),
        }
    }

    fn tick(&self) {
        self.live.done.store(self.done, Ordering::Relaxed);
        self.live.bytes.store(self.bytes, Ordering::Relaxed);
        self.live.failed.store(self.failed, Ordering::Relaxed);
        if let Some(bar) = &self.bar {
            bar.tick();
        }
    }

    pub fn over_max_errors(&self) -> bool {
        self.max_errors.is_some_and(|m| self.failed >= m)
    }

    /// Clears the live line and prints the summary (unless `-q`).
    pub fn finish(&mut self) {
        if let Some(bar) = self.bar.take() {
            bar.finish_and_clear();
        }
        if let Some(stream) = &mut self.records {
            let _ = crate::write_stdout(stream.finish().as_bytes());
        }
        let secs = self.started.elapsed().as_secs_f64();
        let mut line = if self.would > 0 {
            format!("dry run: {} would change", objects(self.would))
        } else if self.verb == "deleted" {
            format!("{} {} in {secs:.1} s", self.verb, objects(self.done))
        } else {
            format!(
                "{} {} ({}) in {secs:.1} s, {}/s",
                self.verb,
                objects(self.done),
                human_bytes(self.bytes as f64),
                human_bytes(self.bytes as f64 / secs.max(0.001))
            )
        };
        if self.unchanged > 0 {
            line.push_str(&format!("; {} unchanged", self.unchanged));
        }
        if self.skipped > 0 {
            line.push_str(&format!("; {} skipped", self.skipped));
        }
        if self.failed > 0 {
            line.push_str(&format!("; {} failed", self.failed));
        }
        output::info(&line);
    }

    pub fn interrupted_hint(&self) -> String {
        format!(
            "stopped after {} objects; {}",
            self.done + self.skipped,
            self.rerun_hint
        )
    }

    /// Ok when nothing failed; else the failures, with the exit code they call for.
    pub fn verdict(&self) -> Result<()> {
        if self.failed == 0 {
            return Ok(());
        }
        Err(TreeFailures {
            failed: self.failed,
            total: self.failed + self.done + self.skipped + self.would,
            common: self.common_exit.flatten(),
            stopped_at: self.max_errors.filter(|_| self.over_max_errors()),
        }
        .into())
    }
}

/// The live line's figures: the report's own, copied at each record.
struct Counts {
    verb: &'static str,
    done: AtomicU64,
    bytes: AtomicU64,
    failed: AtomicU64,
}

impl Counts {
    /// `12s 40 objects uploaded, 1.2 GiB, 2 failed, 30.0 MiB/s` in `cols` columns: the rate
    /// goes first, then the end of the line behind a `…`. The rate only once it means
    /// something (see `progress::rate_worth_showing`).
    fn render(&self, elapsed: Duration, cols: usize) -> String {
        let budget = cols.max(1);
        let bytes = self.bytes.load(Ordering::Relaxed);
        let failed = self.failed.load(Ordering::Relaxed);
        let mut line = format!(
            "{} {} objects {}, {}",
            progress::short_duration(elapsed),
            self.done.load(Ordering::Relaxed),
            self.verb,
            human_bytes(bytes as f64)
        );
        if failed > 0 {
            line.push_str(&format!(", {failed} failed"));
        }
        if progress::rate_worth_showing(elapsed, bytes, None) {
            let rate = format!(", {}/s", human_bytes(bytes as f64 / elapsed.as_secs_f64()));
            if unicode_width::UnicodeWidthStr::width(format!("{line}{rate}").as_str()) <= budget {
                line.push_str(&rate);
            }
        }
        progress::keep_start(&line, budget)
    }
}

/// `1 object`, `2 objects`.
fn objects(n: u64) -> String {
    if n == 1 {
        "1 object".into()
    } else {
        format!("{n} objects")
    }
}

fn record_value(record: &Record) -> serde_json::Value {
    let (status, code, message) = match &record.status {
        Status::Done => ("ok", None, None),
        Status::Unchanged => ("unchanged", None, None),
        Status::DryRun => ("dry-run", None, None),
        Status::Skipped(why) => ("skipped", None, Some(why.to_string())),
        Status::Failed(f) => ("failed", Some(f.code.clone()), Some(f.message.clone())),
    };
    let mut line = json!({
        "action": record.action.as_str(),
        "source": record.source,
        "destination": record.destination,
        "size": record.size,
        "status": status,
    });
    if let Some(code) = code {
        line["error_code"] = json!(code);
    }
    if let Some(message) = message {
        line["message"] = json!(crate::terminal::redact::redact(&message));
    }
    line
}

/// The stderr line of a record, escaped; none for what needs no line.
fn text_line(record: &Record) -> Option<String> {
    let src = escape_untrusted(&record.source);
    let dst = escape_untrusted(&record.destination);
    let what = match record.action {
        Action::Delete => format!("{} {src}", record.action.as_str()),
        _ => format!("{} {src} to {dst}", record.action.as_str()),
    };
    Some(match &record.status {
        Status::Unchanged => return None,
        Status::Done => format!("{}: {}", record.action.as_str(), tail(&what)),
        Status::DryRun => format!("(dry run) {what}"),
        Status::Skipped(why) => format!("skip {}: {why}", tail(&what)),
        // A service error's message already starts with its code.
        Status::Failed(f) if f.message.starts_with(&format!("{}: ", f.code)) => {
            format!("failed: {what}: {}", escape_untrusted(&f.message))
        }
        Status::Failed(f) => format!(
            "failed: {what}: {}: {}",
            escape_untrusted(&f.code),
            escape_untrusted(&f.message)
        ),
    })
}

/// `upload a to b` → `a to b` (the action is already the line's first word).
fn tail(what: &str) -> &str {
    what.split_once(' ').map_or(what, |(_, rest)| rest)
}

#[cfg(test)]
mod tests {
    use super::super::Failure;
    use super::*;

    fn record(status: Status) -> Record {
        Record {
            action: Action::Upload,
            source: "dir/a\nb".into(),
            destination: "oss://b/p/a\nb".into(),
            size: 3,
            status,
        }
    }

    #[test]
    fn lines_are_escaped_and_json_keeps_every_character() {
        let line = text_line(&record(Status::Done)).unwrap();
        assert_eq!(line, "upload: dir/a\\nb to oss://b/p/a\\nb");
        let v = record_value(&record(Status::Done));
        assert_eq!(v["source"], "dir/a\nb");
        assert_eq!(v["status"], "ok");
        let failed = Status::Failed(Failure::local("UnsafeKey", "it has a '..' segment".into()));
        let v = record_value(&record(failed.clone()));
        assert_eq!(v["error_code"], "UnsafeKey");
        assert!(text_line(&record(failed))
            .unwrap()
            .starts_with("failed: upload dir/a\\nb to "));
    }

    #[test]
    fn the_live_line_fits_and_waits_for_a_rate() {
        let counts = Counts {
            verb: "uploaded",
            done: AtomicU64::new(40),
            bytes: AtomicU64::new(3 << 30),
            failed: AtomicU64::new(2),
        };
        let early = counts.render(Duration::from_millis(300), 100);
        assert_eq!(early, "0s 40 objects uploaded, 3.0 GiB, 2 failed");
        let later = counts.render(Duration::from_secs(12), 100);
        assert_eq!(
            later,
            "12s 40 objects uploaded, 3.0 GiB, 2 failed, 256.0 MiB/s"
        );
        assert_eq!(
            counts.render(Duration::from_secs(12), 40),
            "12s 40 objects uploaded, 3.0 GiB, 2 fai…"
        );
        for cols in 0..80 {
            let line = counts.render(Duration::from_secs(12), cols);
            assert!(unicode_width::UnicodeWidthStr::width(line.as_str()) <= cols.max(1));
        }
    }

    #[test]
    fn the_verdict_counts_failures_and_their_common_code() {
        let mut r = Report::new(None, false, None, "uploaded", String::new());
        let denied = Failure {
            code: "AccessDenied".into(),
            message: "no".into(),
            exit: Exit::Denied,
        };
        r.add(record(Status::Failed(denied.clone())));
        let err = r.verdict().unwrap_err();
        assert_eq!(crate::error::exit_for(&err), Exit::Denied);
        r.add(record(Status::Done));
        assert_eq!(
            crate::error::exit_for(&r.verdict().unwrap_err()),
            Exit::Partial
        );
        assert!(r.verdict().unwrap_err().to_string().contains("1 of 2"));
    }
}
