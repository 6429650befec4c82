//! Fuzz target: the profile file (`alicli::config::profile::parse`), which users edit by hand and which
//! alicli rewrites on every `configure` or `--save-profile`. Any text must either parse or give a
//! message (with a line number when there is one); a file that parses must be written out the
//! way alicli writes it and read back to the same content, so no rewrite loses or changes a key.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    match alicli::config::profile::parse(text) {
        Err(message) => assert!(!message.is_empty()),
        Ok(config) => {
            // Written as profile::update writes it (toml::to_string_pretty).
            let Ok(written) = toml::to_string_pretty(&config) else {
                return;
            };
            let reread = alicli::config::profile::parse(&written)
                .unwrap_or_else(|e| panic!("alicli wrote {written:?}, which it cannot read: {e}"));
            // Compared as text: floats such as nan never equal themselves as values.
            let rewritten = toml::to_string_pretty(&reread).expect("a reread file writes");
            assert_eq!(written, rewritten);
        }
    }
});
