//! Where text goes: data on stdout, everything else on stderr, always through the redactor.
//!
//! `-v` turns on the request trace, `-q` silences informational lines (never errors or warnings).

use std::io::Write;
use std::sync::atomic::{AtomicBool, AtomicU8, Ordering};

static VERBOSITY: AtomicU8 = AtomicU8::new(0);
static QUIET: AtomicBool = AtomicBool::new(false);

pub fn configure(verbosity: u8, quiet: bool) {
    VERBOSITY.store(verbosity, Ordering::Relaxed);
    QUIET.store(quiet, Ordering::Relaxed);
}

pub fn is_verbose() -> bool {
    VERBOSITY.load(Ordering::Relaxed) > 0
}

pub fn is_quiet() -> bool {
    QUIET.load(Ordering::Relaxed)
}

fn to_stderr(prefix: &str, text: &str) {
    let text = crate::redact::redact(text);
    let mut err = std::io::stderr().lock();
    for line in text.lines() {
        let _ = writeln!(err, "{prefix}{line}");
    }
}

/// One line of the `-v` request trace.
pub fn verbose(text: &str) {
    if is_verbose() {
        to_stderr("* ", text);
    }
}

/// A status line for people (not data): suppressed by `-q`.
pub fn info(text: &str) {
    if !is_quiet() {
        to_stderr("", text);
    }
}

pub fn warn(text: &str) {
    to_stderr("warning: ", text);
}

/// Prints an error the way every command does: `error: …` then detail lines as given.
pub fn error(text: &str) {
    let text = crate::redact::redact(text);
    let mut err = std::io::stderr().lock();
    let mut lines = text.lines();
    if let Some(first) = lines.next() {
        let _ = writeln!(err, "error: {first}");
    }
    for line in lines {
        let _ = writeln!(err, "{line}");
    }
}
