//! Transfer progress on stderr: a live line (bar, bytes, rate, ETA, parts) when stderr is a
//! terminal that can redraw a line, nothing while running otherwise, and one summary line at the
//! end unless `-q`.
//!
//! The live line is laid out anew at every draw for the terminal's width of that moment, so it
//! never wraps (a wrapped line is redrawn below itself at every tick) and follows a resized
//! window. What does not fit goes, least useful first: the part count, the rate, the bar, the
//! ETA; a long object address keeps its end (the key's last segments tell objects apart) after
//! a leading `…`. The rate and the ETA appear only once the transfer has run long enough for
//! them to mean something: the first requests' latency would otherwise read as `ETA 4h`.
//!
//! A `TERM` of `dumb` (or none) and a stderr that is not a terminal get no live line, only the
//! summary. Nothing alicli draws is coloured, so `NO_COLOR` has nothing to turn off here.

use std::io::IsTerminal;
use std::sync::atomic::{AtomicU32, AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressState, ProgressStyle};
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

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

/// Whether stderr can show a line redrawn in place: a terminal, and not a dumb one (`TERM=dumb`
/// or no `TERM`, as in Emacs shells and some CI runners, cannot move the cursor back).
pub fn live_terminal() -> bool {
    std::io::stderr().is_terminal() && !dumb_terminal(std::env::var_os("TERM").as_deref())
}

/// The rule indicatif applies too (it would draw nothing there), so that alicli knows the line
/// is not shown and prints what it prints without one.
fn dumb_terminal(term: Option<&std::ffi::OsStr>) -> bool {
    match term {
        Some(t) => t == "dumb",
        // Windows consoles set no TERM and redraw fine.
        None => !cfg!(windows),
    }
}

/// The terminal's width now; 80 when it cannot be told.
pub fn terminal_columns() -> usize {
    console::Term::stderr()
        .size_checked()
        .map_or(80, |(_, cols)| usize::from(cols))
}

/// A live line drawn by indicatif, laid out by `render` at each draw with the width of then.
struct LiveLine<F>(Arc<F>);

// Not derived: that would ask the closure itself to be Clone.
impl<F> Clone for LiveLine<F> {
    fn clone(&self) -> Self {
        LiveLine(self.0.clone())
    }
}

impl<F: Fn(&ProgressState, usize) -> String + Send + Sync + 'static>
    indicatif::style::ProgressTracker for LiveLine<F>
{
    fn clone_box(&self) -> Box<dyn indicatif::style::ProgressTracker> {
        Box::new(self.clone())
    }
    fn tick(&mut self, _: &ProgressState, _: Instant) {}
    fn reset(&mut self, _: &ProgressState, _: Instant) {}
    fn write(&self, state: &ProgressState, w: &mut dyn std::fmt::Write) {
        let _ = w.write_str(&(self.0)(state, terminal_columns()));
    }
}

/// A live line on stderr, redrawn at most 8 times a second and at least every `tick` (so a
/// stalled transfer still follows a resized window). `template` holds `{line}`, which `render`
/// fills for the terminal's width (less what the rest of the template takes).
pub fn live_bar<F>(len: Option<u64>, template: &str, tick: Duration, render: F) -> ProgressBar
where
    F: Fn(&ProgressState, usize) -> String + Send + Sync + 'static,
{
    let bar = ProgressBar::with_draw_target(len, ProgressDrawTarget::stderr_with_hz(8));
    if let Ok(style) = ProgressStyle::with_template(template) {
        bar.set_style(style.with_key("line", LiveLine(Arc::new(render))));
    }
    bar.enable_steady_tick(tick);
    bar
}

/// What a single transfer's line reads from while it is drawn.
struct Live {
    /// `put` or `get`.
    verb: &'static str,
    /// The object's address, escaped.
    what: String,
    resumed: AtomicU64,
    parts_done: AtomicU32,
    total_parts: u32,
}

pub struct Progress {
    bar: Option<ProgressBar>,
    live: Arc<Live>,
    summary: bool,
    direction: Direction,
    started: Instant,
}

impl Progress {
    /// `-q` and a non-terminal or dumb stderr hide the bar whatever `show` says.
    /// `what` names the object (`oss://bucket/key`, escaped); the bar reads `get …` or `put …`.
    pub fn new(
        total_bytes: Option<u64>,
        total_parts: u32,
        show: Show,
        direction: Direction,
        what: &str,
    ) -> Progress {
        let live = Arc::new(Live {
            verb: match direction {
                Direction::Upload => "put",
                Direction::Download => "get",
            },
            // The address names an object key, which may hold control characters.
            what: crate::terminal::output::escape_untrusted(what).into_owned(),
            resumed: AtomicU64::new(0),
            parts_done: AtomicU32::new(0),
            total_parts,
        });
        let visible = show == Show::Bar && !crate::terminal::output::is_quiet() && live_terminal();
        let bar = visible.then(|| {
            let shared = live.clone();
            live_bar(
                total_bytes,
                "{line}",
                Duration::from_millis(500),
                move |state, cols| shared.frame(state).render(cols),
            )
        });
        Progress {
            bar,
            live,
            summary: show != Show::Nothing,
            direction,
            started: Instant::now(),
        }
    }

    /// Bytes found already transferred by an earlier run: shown, but not counted in the rate.
    pub fn add_resumed(&self, n: u64) {
        self.live.resumed.fetch_add(n, Ordering::Relaxed);
        self.add_bytes(n);
    }

    pub fn add_bytes(&self, n: u64) {
        if let Some(bar) = &self.bar {
            bar.inc(n);
        }
    }

    pub fn parts_done(&self, done: u32) {
        self.live.parts_done.store(done, Ordering::Relaxed);
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
        let resumed = self.live.resumed.load(Ordering::Relaxed).min(bytes);
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

impl Live {
    fn frame(&self, state: &ProgressState) -> Frame<'_> {
        let done = state.pos();
        let total = state.len();
        let resumed = self.resumed.load(Ordering::Relaxed).min(done);
        let moved = done - resumed;
        let elapsed = state.elapsed();
        let to_move = total.map(|t| t.saturating_sub(resumed));
        let rate = rate_worth_showing(elapsed, moved, to_move)
            .then(|| moved as f64 / elapsed.as_secs_f64());
        let eta = match (rate, total) {
            (Some(r), Some(t)) if r > 0.0 => {
                Some(Duration::from_secs_f64(t.saturating_sub(done) as f64 / r))
            }
            _ => None,
        };
        Frame {
            verb: self.verb,
            what: &self.what,
            done,
            total,
            rate,
            eta,
            parts: (self.total_parts > 1)
                .then(|| (self.parts_done.load(Ordering::Relaxed), self.total_parts)),
        }
    }
}

/// Whether the rate so far says anything about the rest: after the first requests' latency,
/// and over enough bytes. Before that the line shows neither rate nor ETA.
pub fn rate_worth_showing(elapsed: Duration, moved: u64, to_move: Option<u64>) -> bool {
    if moved == 0 {
        return false;
    }
    let secs = elapsed.as_secs_f64();
    // A few percent done over half a second is a sample; so are 1.5 s of anything.
    let share = to_move.is_some_and(|t| moved.saturating_mul(20) >= t);
    secs >= 1.5 || (secs >= 0.5 && share)
}

/// One draw of a single transfer's line.
#[derive(Debug, Clone)]
struct Frame<'a> {
    verb: &'a str,
    what: &'a str,
    done: u64,
    total: Option<u64>,
    rate: Option<f64>,
    eta: Option<Duration>,
    parts: Option<(u32, u32)>,
}

/// The bar's width: at least this, or no bar at all.
const BAR_MIN: usize = 10;
/// ... and at most this, so that a wide window does not get a line of `=` across it.
const BAR_MAX: usize = 50;
/// The label keeps this many columns before the tail's pieces start to go.
const LABEL_MIN: usize = 16;

impl Frame<'_> {
    /// The line for a terminal `cols` wide, in at most `cols` columns (indicatif pads it with
    /// spaces to the last column, and a longer one would wrap).
    fn render(&self, cols: usize) -> String {
        let budget = cols.max(1);
        let bytes = match self.total {
            Some(t) => format!(
                "{}/{}",
                human_bytes(self.done as f64),
                human_bytes(t as f64)
            ),
            None => human_bytes(self.done as f64),
        };
        let mut rate = self.rate.map(|r| format!("{}/s", human_bytes(r)));
        let mut eta = self.eta.map(|d| format!("ETA {}", short_duration(d)));
        let mut parts = self.parts.map(|(d, t)| format!("parts {d}/{t}"));
        let mut bar = self.total.is_some();
        let label_width = self.verb.width() + 1 + self.what.width();
        loop {
            let tail = [Some(&bytes), rate.as_ref(), eta.as_ref(), parts.as_ref()]
                .into_iter()
                .flatten()
                .map(String::as_str)
                .collect::<Vec<_>>()
                .join(" ");
            let bar_cols = if bar { BAR_MIN + 3 } else { 0 };
            let room = budget.saturating_sub(tail.width() + 1 + bar_cols);
            let last_resort = !bar && rate.is_none() && parts.is_none() && eta.is_none();
            if room >= label_width.min(LABEL_MIN) || last_resort {
                let label_cols = room.min(label_width);
                let mut line = self.label(label_cols);
                if bar {
                    let extra = (room - label_cols).min(BAR_MAX - BAR_MIN);
                    line.push_str(" [");
                    line.push_str(&bar_text(self.fraction(), BAR_MIN + extra));
                    line.push(']');
                }
                line.push(' ');
                line.push_str(&tail);
                return keep_start(&line, budget);
            }
            // Least useful first: the part count, the rate (the ETA says more), the bar (the
            // byte counts say as much), and last the ETA.
            if parts.take().is_none() && rate.take().is_none() && !std::mem::take(&mut bar) {
                eta = None;
            }
        }
    }

    /// `put oss://b/long/key` in `cols` columns: the address keeps its end.
    fn label(&self, cols: usize) -> String {
        let verb = self.verb.width() + 1;
        if cols > verb + 1 {
            format!("{} {}", self.verb, keep_end(self.what, cols - verb))
        } else {
            keep_end(&format!("{} {}", self.verb, self.what), cols)
        }
    }

    fn fraction(&self) -> f64 {
        match self.total {
            Some(0) | None => 1.0,
            Some(t) => (self.done as f64 / t as f64).min(1.0),
        }
    }
}

/// `=====>    ` for `fraction` of `width` columns.
fn bar_text(fraction: f64, width: usize) -> String {
    let filled = ((fraction * width as f64) as usize).min(width);
    let mut bar = "=".repeat(filled);
    if filled < width {
        bar.push('>');
        bar.push_str(&" ".repeat(width - filled - 1));
    }
    bar
}

/// `text` in at most `cols` columns, keeping its end after a leading `…`.
pub fn keep_end(text: &str, cols: usize) -> String {
    if text.width() <= cols {
        return text.to_string();
    }
    if cols == 0 {
        return String::new();
    }
    let mut kept = Vec::new();
    let mut used = 1; // the `…`
    for c in text.chars().rev() {
        let w = c.width().unwrap_or(0);
        if used + w > cols {
            break;
        }
        used += w;
        kept.push(c);
    }
    std::iter::once('…').chain(kept.into_iter().rev()).collect()
}

/// `text` in at most `cols` columns, keeping its start before a trailing `…`.
pub fn keep_start(text: &str, cols: usize) -> String {
    if text.width() <= cols {
        return text.to_string();
    }
    if cols == 0 {
        return String::new();
    }
    let mut line = String::new();
    let mut used = 1;
    for c in text.chars() {
        let w = c.width().unwrap_or(0);
        if used + w > cols {
            break;
        }
        used += w;
        line.push(c);
    }
    line.push('…');
    line
}

/// `42s`, `3m 05s`, `2h 10m`: an ETA, to the unit that matters.
pub fn short_duration(d: Duration) -> String {
    let s = d.as_secs();
    if s < 60 {
        format!("{s}s")
    } else if s < 3600 {
        format!("{}m {:02}s", s / 60, s % 60)
    } else {
        format!("{}h {:02}m", s / 3600, s % 3600 / 60)
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
    use super::*;

    const MIB: u64 = 1024 * 1024;

    #[test]
    fn sizes_read_like_people_write_them() {
        assert_eq!(human_bytes(512.0), "512 B");
        assert_eq!(human_bytes(1536.0), "1.5 KiB");
        assert_eq!(human_bytes(64.0 * 1024.0 * 1024.0), "64.0 MiB");
    }

    fn frame<'a>(what: &'a str, rate: Option<f64>, eta: Option<u64>) -> Frame<'a> {
        Frame {
            verb: "put",
            what,
            done: 12 * MIB,
            total: Some(64 * MIB),
            rate,
            eta: eta.map(Duration::from_secs),
            parts: Some((1, 8)),
        }
    }

    #[test]
    fn long_keys_keep_their_end() {
        assert_eq!(keep_end("oss://b/a/b/c/d.bin", 30), "oss://b/a/b/c/d.bin");
        assert_eq!(keep_end("oss://b/a/b/c/d.bin", 8), "…c/d.bin");
        assert_eq!(keep_end("oss://b/a/b/c/d.bin", 1), "…");
        assert_eq!(keep_end("oss://b/x", 0), "");
        // Wide characters count two columns, and none is cut in half.
        assert_eq!(keep_end("oss://b/文件名", 6), "…件名");
        assert_eq!(keep_end("oss://b/文件名", 4), "…名");
        assert_eq!(keep_start("3 objects uploaded", 10), "3 objects…");
    }

    #[test]
    fn the_line_fits_every_width() {
        let key = format!("oss://sample-bucket/{}end-of-key.bin", "deep/".repeat(40));
        for cols in [1, 2, 5, 10, 20, 30, 40, 60, 80, 120, 200, 400] {
            for f in [
                frame(&key, Some(3.0 * MIB as f64), Some(17)),
                frame("oss://b/k", Some(3.0 * MIB as f64), Some(17)),
                frame("oss://b/k", None, None),
            ] {
                let line = f.render(cols);
                assert!(line.width() <= cols.max(1), "{cols}: {line:?}");
            }
        }
        let wide = frame(&key, Some(3.0 * MIB as f64), Some(17)).render(200);
        assert!(wide.starts_with("put …"), "{wide}");
        assert!(wide.contains("end-of-key.bin ["), "{wide}");
        assert!(
            wide.ends_with("12.0 MiB/64.0 MiB 3.0 MiB/s ETA 17s parts 1/8"),
            "{wide}"
        );
        let short = frame("oss://b/k", Some(3.0 * MIB as f64), Some(17)).render(200);
        assert_eq!(
            short,
            format!(
                "put oss://b/k [{}>{}] 12.0 MiB/64.0 MiB 3.0 MiB/s ETA 17s parts 1/8",
                "=".repeat(9),
                " ".repeat(40)
            )
        );
        // In 60 columns the part count and the rate go first; the key keeps its end.
        let narrow = frame(&key, Some(3.0 * MIB as f64), Some(17)).render(60);
        assert!(
            narrow.ends_with("put …p/end-of-key.bin [=>        ] 12.0 MiB/64.0 MiB ETA 17s"),
            "{narrow}"
        );
        assert_eq!(narrow.width(), 60);
        // Narrower still, the bar goes too, then the ETA.
        let tiny = frame(&key, Some(3.0 * MIB as f64), Some(17)).render(50);
        assert!(
            tiny.ends_with("end-of-key.bin 12.0 MiB/64.0 MiB ETA 17s"),
            "{tiny}"
        );
    }

    #[test]
    fn no_rate_nor_eta_before_there_is_a_rate_to_trust() {
        let ms = Duration::from_millis;
        // The first frames: nothing moved, or only the first requests' worth.
        assert!(!rate_worth_showing(ms(0), 0, Some(64 * MIB)));
        assert!(!rate_worth_showing(ms(100), 8 * MIB, Some(64 * MIB)));
        assert!(!rate_worth_showing(ms(900), MIB, Some(64 * MIB)));
        // Half a second and 5 % done, or 1.5 s of anything.
        assert!(rate_worth_showing(ms(600), 4 * MIB, Some(64 * MIB)));
        assert!(rate_worth_showing(ms(1500), 1, Some(64 * MIB)));
        assert!(rate_worth_showing(ms(1500), 1, None));
        assert!(!rate_worth_showing(ms(5000), 0, None));
        let line = frame("oss://b/k", None, None).render(200);
        assert!(!line.contains("ETA") && !line.contains("/s"), "{line}");
    }

    #[test]
    fn dumb_terminals_get_no_live_line() {
        use std::ffi::OsStr;
        assert!(dumb_terminal(Some(OsStr::new("dumb"))));
        assert!(!dumb_terminal(Some(OsStr::new("xterm-256color"))));
        assert_eq!(dumb_terminal(None), !cfg!(windows));
    }
}
