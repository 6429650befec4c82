//! Where text goes: data on stdout, everything else on stderr, always through the redactor.
//!
//! `-v` turns on the request trace, `-q` silences informational lines (never errors or warnings).
//!
//! Text from outside (a server's error message, an object key, a header) may hold terminal
//! control sequences: ESC and BEL can retitle or clear the terminal or fake output, a CR or LF
//! can forge a summary line. [`escape_untrusted`] turns every such character into a visible
//! escape; it is applied to such text where it is put into a message, and every line printed on
//! stderr goes through it once more (keeping only the line breaks alicli itself wrote).

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

pub use alicli_wire::text::escape_untrusted;

fn to_stderr(prefix: &str, text: &str) {
    let text = crate::terminal::redact::redact(text);
    let mut lines = String::new();
    for line in text.lines() {
        lines.push_str(prefix);
        lines.push_str(&escape_untrusted(line));
        lines.push('\n');
    }
    write_stderr(&lines);
}

/// Writes finished lines to stderr in one go (lines of parallel parts do not interleave).
///
/// In the binary: a write to the handle, which, unlike `eprint!`, does not panic when stderr is
/// closed or a broken pipe. In unit tests: `eprint!`, because libtest captures only the print
/// macros; a write to the handle reaches the console past the capture, and a green `cargo test`
/// would show every warning and retry line its tests provoke on purpose.
fn write_stderr(text: &str) {
    #[cfg(not(test))]
    {
        use std::io::Write;
        let _ = std::io::stderr().lock().write_all(text.as_bytes());
    }
    #[cfg(test)]
    eprint!("{text}");
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
    let text = crate::terminal::redact::redact(text);
    let mut out = String::new();
    for (i, line) in text.lines().enumerate() {
        if i == 0 {
            out.push_str("error: ");
        }
        out.push_str(&escape_untrusted(line));
        out.push('\n');
    }
    write_stderr(&out);
}

#[cfg(test)]
mod tests {
    use super::escape_untrusted;

    #[test]
    fn control_characters_become_visible() {
        assert_eq!(
            escape_untrusted("plain text\tand tab"),
            "plain text\tand tab"
        );
        assert_eq!(
            escape_untrusted("a\x1b]0;title\x07b\r\nc"),
            "a\\x1b]0;title\\x07b\\r\\nc"
        );
        assert_eq!(escape_untrusted("csi\u{9b}2J"), "csi\\u{9b}2J");
        assert_eq!(escape_untrusted("abc\u{202e}fed"), "abc\\u{202e}fed");
        assert_eq!(escape_untrusted("del\x7f"), "del\\x7f");
        assert_eq!(escape_untrusted("中文 ok"), "中文 ok");
    }
}
