//! The values that Tab offers which depend on the user's world rather than on the command tree:
//! the profile names of the profile file for `--profile`, and the keys of `configure get/set`.
//! clap_complete's dynamic engine (`CompleteEnv`, started in `main.rs` when [`ENV_VAR`] is set)
//! asks these; the static scripts in completions/ cannot, since they are written once.
//!
//! Completing reads the profile file and nothing else: no request is made (no credentials are
//! even looked for), and only names are offered, with the profile's kind as their help, never a
//! value from the file, so no secret reaches the terminal.

use std::ffi::{OsStr, OsString};
use std::path::PathBuf;
use std::sync::OnceLock;

use clap_complete::engine::{ArgValueCandidates, CompletionCandidate};

use crate::config::profile;

/// The variable that turns a run of alicli into a completion request (`ALICLI_COMPLETE=bash
/// alicli` prints the registration script, `ALICLI_COMPLETE=bash alicli -- WORDS…` the
/// candidates). Not the engine's default `COMPLETE`: a variable of that generic name, set for
/// some other program, would turn every alicli run in that environment (a CI job's) into a
/// failed completion request.
pub const ENV_VAR: &str = "ALICLI_COMPLETE";

/// The `--config-file` of the command line being completed, noted before the engine runs: the
/// engine hands a candidate function no other argument, and Tab after `--config-file x.toml
/// --profile` must offer the profiles of x.toml.
static CONFIG_FILE: OnceLock<Option<PathBuf>> = OnceLock::new();

/// Notes the `--config-file PATH` (or `--config-file=PATH`) among the words of a completion
/// request, `alicli -- alicli WORD…`. Called once, before `CompleteEnv` runs.
pub fn note_command_line(args: &[OsString]) {
    let _ = CONFIG_FILE.set(config_file_in(args));
}

fn config_file_in(args: &[OsString]) -> Option<PathBuf> {
    // The words of the line start after the engine's `--`.
    let start = args.iter().position(|a| a == "--")? + 1;
    let words = &args[start..];
    let mut found = None;
    for (i, word) in words.iter().enumerate() {
        let text = word.to_string_lossy();
        if text == "--config-file" {
            found = words.get(i + 1).cloned();
        } else if let Some(value) = text.strip_prefix("--config-file=") {
            found = Some(OsString::from(value));
        }
    }
    found.filter(|p| !p.is_empty()).map(|p| expand_home(&p))
}

/// The shells hand over the words as typed, before tilde expansion: `~/x.toml` means the home
/// folder's.
fn expand_home(path: &OsStr) -> PathBuf {
    let text = path.to_string_lossy();
    match (text.strip_prefix("~/"), dirs::home_dir()) {
        (Some(rest), Some(home)) => home.join(rest),
        _ => PathBuf::from(path),
    }
}

/// The profile file a command of this line would read: `--config-file`, else
/// `ALICLI_CONFIG_FILE`, else the default path (as `Session::new` decides).
fn profile_file() -> Option<PathBuf> {
    if let Some(Some(path)) = CONFIG_FILE.get() {
        return Some(path.clone());
    }
    if let Some(path) = std::env::var_os("ALICLI_CONFIG_FILE").filter(|p| !p.is_empty()) {
        return Some(PathBuf::from(path));
    }
    profile::default_path().ok()
}

/// The profile names for `--profile`, each with its kind ("role", "access key") as help. A file
/// that is missing or does not parse offers none: Tab is no place for its error.
pub fn profiles() -> ArgValueCandidates {
    ArgValueCandidates::new(|| {
        let Some(path) = profile_file() else {
            return Vec::new();
        };
        let Ok(config) = profile::load(&path) else {
            return Vec::new();
        };
        config
            .profiles
            .iter()
            .map(|(name, p)| {
                // An empty profile has no kind worth showing.
                let help = match p.kind() {
                    profile::Kind::Empty => None,
                    kind => Some(format!("{kind} profile").into()),
                };
                CompletionCandidate::new(name).help(help)
            })
            .collect()
    })
}

/// The keys `configure get` prints: every setting but the secrets, which it refuses to print.
pub fn readable_settings() -> ArgValueCandidates {
    ArgValueCandidates::new(|| settings(false))
}

/// The keys `configure set` changes: every setting.
pub fn settings_to_set() -> ArgValueCandidates {
    ArgValueCandidates::new(|| settings(true))
}

fn settings(with_secrets: bool) -> Vec<CompletionCandidate> {
    profile::SETTINGS
        .iter()
        .filter(|s| with_secrets || !s.secret)
        .map(|s| {
            let about = if s.secret {
                format!("{} (secret)", s.about)
            } else {
                s.about.to_string()
            };
            CompletionCandidate::new(s.name).help(Some(about.into()))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(line: &[&str]) -> Vec<OsString> {
        line.iter().map(OsString::from).collect()
    }

    #[test]
    fn the_config_file_of_the_line_is_found_in_either_spelling() {
        let given = |line: &[&str]| config_file_in(&words(line));
        assert_eq!(
            given(&[
                "alicli",
                "--",
                "alicli",
                "--config-file",
                "/a.toml",
                "--profile",
                ""
            ]),
            Some(PathBuf::from("/a.toml"))
        );
        assert_eq!(
            given(&[
                "alicli",
                "--",
                "alicli",
                "--config-file=/b.toml",
                "--profile",
                "x"
            ]),
            Some(PathBuf::from("/b.toml"))
        );
        // The last one wins, as in clap; none, or one before the engine's `--`, is none.
        assert_eq!(
            given(&["a", "--", "a", "--config-file", "/1", "--config-file", "/2"]),
            Some(PathBuf::from("/2"))
        );
        assert_eq!(given(&["a", "--", "a", "--profile", ""]), None);
        assert_eq!(given(&["a", "--config-file", "/x", "--", "a", ""]), None);
        assert_eq!(given(&["a", "--", "a", "--config-file", ""]), None);
        if let Some(home) = dirs::home_dir() {
            assert_eq!(
                given(&["a", "--", "a", "--config-file", "~/c.toml"]),
                Some(home.join("c.toml"))
            );
        }
    }

    #[test]
    fn get_offers_no_secret_key_and_set_offers_all() {
        let names = |c: Vec<CompletionCandidate>| -> Vec<String> {
            c.iter()
                .map(|c| c.get_value().to_string_lossy().into_owned())
                .collect()
        };
        let get = names(settings(false));
        let set = names(settings(true));
        assert!(get.contains(&"region".to_string()) && get.contains(&"oss.endpoint".to_string()));
        assert!(!get.iter().any(|k| k.ends_with("access_key_secret")));
        assert!(set.contains(&"access_key_secret".to_string()));
        assert_eq!(set.len(), profile::SETTINGS.len());
    }
}
