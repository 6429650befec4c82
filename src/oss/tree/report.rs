//! What a tree command shows while it runs and when it ends.
//!
//! - On a terminal: one live line for the whole tree (objects and bytes done, rate, failures).
//! - Otherwise (a CI log, a pipe): one line per object changed on stderr, AWS CLI style
//!   (`upload: ./a.txt to oss://b/a.txt`), each failure as `failed: …` with OSS's code.
//! - `--output json`: one JSON line per object on stdout (action, source, destination, size,
//!   status, error code and message), nothing per object on stderr.
//! - At the end, a summary line (unless `-q`); failures are always shown.
//!
//! Text from outside (keys, paths, server messages) is escaped before it reaches a terminal.

use std::io::IsTerminal;
use std::time::Instant;

use anyhow::Result;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use serde_json::json;

use super::{Action, Record, Status};
use crate::error::{Exit, TreeFailures};
use crate::terminal::output::{self, escape_untrusted};
use crate::terminal::progress::human_bytes;

pub struct Report {
    json: bool,
    bar: Option<ProgressBar>,
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
        json: bool,
        show_progress: bool,
        max_errors: Option<u64>,
        verb: &'static str,
        rerun_hint: String,
    ) -> Report {
        let bar =
            (show_progress && !json && !output::is_quiet() && std::io::stderr().is_terminal())
                .then(|| {
                    let bar =
                        ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr_with_hz(8));
                    if let Ok(style) = ProgressStyle::with_template("{spinner} {elapsed} {msg}") {
                        bar.set_style(style);
                    }
                    bar.enable_steady_tick(std::time::Duration::from_millis(250));
                    bar
                });
        Report {
            json,
            bar,
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
        if self.json {
            let _ = crate::write_stdout(json_line(&record).as_bytes());
        } else if let Some(text) = text_line(&record) {
            let failed = matches!(record.status, Status::Failed(_));
            if failed || (self.bar.is_none() && !output::is_quiet()) {
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
        if let Some(bar) = &self.bar {
            let secs = self.started.elapsed().as_secs_f64().max(0.001);
            let mut msg = format!(
                "{} objects {}, {} ({}/s)",
                self.done,
                self.verb,
                human_bytes(self.bytes as f64),
                human_bytes(self.bytes as f64 / secs)
            );
            if self.failed > 0 {
                msg.push_str(&format!(", {} failed", self.failed));
            }
            bar.set_message(msg);
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
        let mut why = TreeFailures {
            failed: self.failed,
            total: self.failed + self.done + self.skipped + self.would,
            common: self.common_exit.flatten(),
        }
        .to_string();
        if self.over_max_errors() {
            why.push_str(&format!(
                "; stopped at --max-errors {}",
                self.max_errors.unwrap_or_default()
            ));
        }
        Err(anyhow::Error::new(TreeFailures {
            failed: self.failed,
            total: self.failed + self.done + self.skipped + self.would,
            common: self.common_exit.flatten(),
        })
        .context(why))
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

fn json_line(record: &Record) -> String {
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
    let mut text = line.to_string();
    text.push('\n');
    text
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
        let v: serde_json::Value =
            serde_json::from_str(json_line(&record(Status::Done)).trim_end()).unwrap();
        assert_eq!(v["source"], "dir/a\nb");
        assert_eq!(v["status"], "ok");
        let failed = Status::Failed(Failure::local("UnsafeKey", "it has a '..' segment".into()));
        let v: serde_json::Value =
            serde_json::from_str(json_line(&record(failed.clone())).trim_end()).unwrap();
        assert_eq!(v["error_code"], "UnsafeKey");
        assert!(text_line(&record(failed))
            .unwrap()
            .starts_with("failed: upload dir/a\\nb to "));
    }

    #[test]
    fn the_verdict_counts_failures_and_their_common_code() {
        let mut r = Report::new(true, false, None, "uploaded", String::new());
        r.json = false; // nothing on stdout in the test
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
