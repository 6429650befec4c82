//! Fuzz target: the profile file (`alicli::config::profile::parse`), which users edit by hand and which
//! alicli rewrites on every `configure` or `--save-profile`. Any text must either parse or give a
//! message (with a line number when there is one); a file that parses must come out of a write
//! (`alicli::config::profile::merge_into_text`, which edits the user's text in place) saying
//! exactly what the changed model says, and a write that changes nothing must leave the bytes as
//! they were, so no rewrite loses, changes or invents a key.
#![no_main]

use alicli::config::profile::{merge_into_text, parse, ConfigFile, Profile};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let before = match parse(text) {
        Err(message) => {
            assert!(!message.is_empty());
            return;
        }
        Ok(config) => config,
    };
    // A model toml cannot write (a key only TOML 1.1 allows, say) is refused, not written.
    if toml::to_string_pretty(&before).is_err() {
        return;
    }

    let unchanged = merge_into_text(text, &before, &before).expect("an unchanged model writes");
    if !text.is_empty() {
        assert_eq!(unchanged, text, "a write that changes nothing keeps every byte");
    }

    // The kinds of change alicli's commands make: a key edited, a key removed, a profile added
    // (with a value that needs escaping), a profile removed.
    let mut after = before.clone();
    if let Some(first) = after.profiles.values_mut().next() {
        first.region = Some(format!("{}-x", first.region.clone().unwrap_or_default()));
        first.security_token = None;
    }
    if let Some(last) = after.profiles.keys().last().cloned() {
        if after.profiles.len() > 1 {
            after.profiles.remove(&last);
        }
    }
    after.profiles.insert(
        "fuzz-new".into(),
        Profile {
            access_key_id: Some("STS.\"quoted\"\n\u{1}".into()),
            duration_seconds: Some(900),
            ..Default::default()
        },
    );
    let written = merge_into_text(text, &before, &after).expect("a changed model writes");
    let reread: ConfigFile = parse(&written)
        .unwrap_or_else(|e| panic!("alicli wrote {written:?}, which it cannot read: {e}"));
    // Compared as text: floats such as nan never equal themselves as values.
    assert_eq!(
        toml::to_string_pretty(&reread).expect("a reread file writes"),
        toml::to_string_pretty(&after).expect("the model writes"),
        "what was written is what the model says: {written:?}"
    );
});
