//! Keeps secrets out of everything alicli prints on stderr.
//!
//! Every AccessKeySecret and SecurityToken the process loads is registered here the moment it is
//! read (from a flag, the environment, the profile file or an STS answer). Error messages, verbose
//! traces and echoed service bodies all pass through [`redact`] before they reach a terminal, so a
//! secret cannot leak even through text we did not write ourselves (SignatureDoesNotMatch repeats the
//! string to sign, which carries the security token).

use std::sync::Mutex;

static SECRETS: Mutex<Vec<String>> = Mutex::new(Vec::new());

/// What a masked secret looks like in output.
pub const MASK: &str = "****";

/// Remembers a secret so that later output masks it. Very short values are ignored: masking every
/// "a" in a message would make it unreadable and such values are not real secrets.
pub fn register(secret: &str) {
    let secret = secret.trim();
    if secret.len() < 6 {
        return;
    }
    let mut secrets = SECRETS.lock().unwrap_or_else(|e| e.into_inner());
    if !secrets.iter().any(|s| s == secret) {
        secrets.push(secret.to_string());
        // Longest first, so a secret that contains another is masked whole.
        secrets.sort_by_key(|s| std::cmp::Reverse(s.len()));
    }
}

/// Replaces every registered secret in `text` (also in its percent-encoded form, as it appears in
/// signed query strings) by [`MASK`].
pub fn redact(text: &str) -> String {
    let secrets = SECRETS.lock().unwrap_or_else(|e| e.into_inner());
    let mut out = text.to_string();
    for secret in secrets.iter() {
        if out.contains(secret.as_str()) {
            out = out.replace(secret.as_str(), MASK);
        }
        let encoded = alicli_wire::signing::percent::rfc3986(secret);
        if encoded != *secret && out.contains(encoded.as_str()) {
            out = out.replace(encoded.as_str(), MASK);
        }
        let twice = alicli_wire::signing::percent::rfc3986(&encoded);
        if twice != encoded && out.contains(twice.as_str()) {
            out = out.replace(twice.as_str(), MASK);
        }
    }
    out
}

/// A short, safe rendering of an access key id for listings: first 4 and last 3 characters.
pub fn mask_id(id: &str) -> String {
    let chars: Vec<char> = id.chars().collect();
    if chars.len() <= 8 {
        return MASK.to_string();
    }
    let head: String = chars[..4].iter().collect();
    let tail: String = chars[chars.len() - 3..].iter().collect();
    format!("{head}{MASK}{tail}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn registered_secrets_are_masked_plain_and_encoded() {
        register("s3cr3t+/with=chars");
        let text = "token s3cr3t+/with=chars and s3cr3t%2B%2Fwith%3Dchars end";
        let out = redact(text);
        assert!(!out.contains("s3cr3t"), "{out}");
        assert_eq!(out, "token **** and **** end");
    }

    #[test]
    fn short_values_are_not_treated_as_secrets() {
        register("ab");
        assert_eq!(redact("a b ab"), "a b ab");
    }

    #[test]
    fn ids_are_shortened() {
        assert_eq!(mask_id("LTAI5tJHezdULrXcczCW"), "LTAI****zCW");
        assert_eq!(mask_id("short"), "****");
    }
}
