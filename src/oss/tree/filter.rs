//! `--include` / `--exclude`: which paths of a tree a command touches. As the AWS CLI documents
//! its filters: every path is in by default, the rules apply in the order given on the command
//! line and the last rule that matches decides. Patterns are globs matched against the path
//! relative to the source folder or prefix (`*` crosses `/`, as in the AWS CLI; `**` too).

use std::sync::atomic::{AtomicUsize, Ordering};

use clap::Args;
use globset::{GlobBuilder, GlobMatcher};

/// clap parses `--include` and `--exclude` into two lists; the order between them is the order
/// in which their values were parsed, which is the order on the command line. Each value takes a
/// ticket from this counter as it is parsed.
static NEXT_RULE: AtomicUsize = AtomicUsize::new(0);

#[derive(Debug, Clone)]
pub struct Pattern {
    order: usize,
    text: String,
    matcher: GlobMatcher,
}

fn parse_pattern(text: &str) -> Result<Pattern, String> {
    let glob = GlobBuilder::new(text)
        .literal_separator(false)
        .backslash_escape(true)
        .build()
        .map_err(|e| format!("{text:?} is not a glob pattern: {}", e.kind()))?;
    Ok(Pattern {
        order: NEXT_RULE.fetch_add(1, Ordering::Relaxed),
        text: text.to_string(),
        matcher: glob.compile_matcher(),
    })
}

/// The flags, as clap reads them.
#[derive(Debug, Clone, Default, Args)]
#[command(next_help_heading = "Filters")]
pub struct FilterFlags {
    /// Take paths matching PATTERN again after an --exclude (repeatable; the last matching rule wins)
    #[arg(long, value_name = "PATTERN", value_parser = parse_pattern)]
    pub include: Vec<Pattern>,
    /// Leave out paths matching PATTERN, a glob on the path relative to SRC: '*.log', 'tmp/*' (repeatable)
    #[arg(long, value_name = "PATTERN", value_parser = parse_pattern)]
    pub exclude: Vec<Pattern>,
}

impl FilterFlags {
    pub fn rules(&self) -> Filters {
        let mut rules: Vec<(usize, bool, GlobMatcher)> = self
            .include
            .iter()
            .map(|p| (p.order, true, p.matcher.clone()))
            .chain(
                self.exclude
                    .iter()
                    .map(|p| (p.order, false, p.matcher.clone())),
            )
            .collect();
        rules.sort_by_key(|r| r.0);
        Filters {
            rules: rules.into_iter().map(|(_, inc, m)| (inc, m)).collect(),
        }
    }

    /// The patterns as given, for messages.
    pub fn describe(&self) -> Vec<String> {
        let mut all: Vec<(usize, String)> = self
            .include
            .iter()
            .map(|p| (p.order, format!("--include {:?}", p.text)))
            .chain(
                self.exclude
                    .iter()
                    .map(|p| (p.order, format!("--exclude {:?}", p.text))),
            )
            .collect();
        all.sort();
        all.into_iter().map(|(_, t)| t).collect()
    }
}

/// The rules in command-line order: `true` includes, `false` excludes.
#[derive(Debug, Clone, Default)]
pub struct Filters {
    rules: Vec<(bool, GlobMatcher)>,
}

impl Filters {
    /// True when the command should touch `relative` (a path relative to the source, `/`-separated).
    pub fn admits(&self, relative: &str) -> bool {
        self.rules
            .iter()
            .rev()
            .find(|(_, m)| m.is_match(relative))
            .is_none_or(|(include, _)| *include)
    }

    pub fn is_empty(&self) -> bool {
        self.rules.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::Parser;

    #[derive(Parser)]
    struct Cmd {
        #[command(flatten)]
        filters: FilterFlags,
    }

    fn filters(args: &[&str]) -> Filters {
        let mut argv = vec!["cmd"];
        argv.extend_from_slice(args);
        Cmd::try_parse_from(argv).unwrap().filters.rules()
    }

    #[test]
    fn everything_is_in_without_rules() {
        assert!(filters(&[]).admits("a/b.txt"));
    }

    #[test]
    fn the_last_matching_rule_wins_in_command_line_order() {
        // AWS CLI's example: exclude everything, then include the .txt files.
        let f = filters(&["--exclude", "*", "--include", "*.txt"]);
        assert!(f.admits("a/b.txt"));
        assert!(!f.admits("a/b.log"));
        // The other order: the later exclude wins over the include.
        let f = filters(&["--include", "*.txt", "--exclude", "*"]);
        assert!(!f.admits("a/b.txt"));
        let f = filters(&["--exclude", "tmp/*", "--exclude", "*.log"]);
        assert!(!f.admits("tmp/x/y.bin"));
        assert!(!f.admits("keep/z.log"));
        assert!(f.admits("keep/z.bin"));
    }

    #[test]
    fn star_crosses_folders_and_brackets_work() {
        let f = filters(&["--exclude", "*.o"]);
        assert!(!f.admits("deep/inside/x.o"));
        let f = filters(&["--exclude", "[ab]*"]);
        assert!(!f.admits("b1"));
        assert!(f.admits("c1"));
    }

    #[test]
    fn a_bad_pattern_is_bad_input() {
        let err = Cmd::try_parse_from(["cmd", "--exclude", "a[b"])
            .err()
            .unwrap();
        assert_eq!(err.kind(), clap::error::ErrorKind::ValueValidation);
        assert!(err.to_string().contains("not a glob"), "{err}");
    }
}
