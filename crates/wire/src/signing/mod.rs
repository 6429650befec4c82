//! Request signing for the two Alibaba Cloud protocols alicli speaks: POP RPC
//! signature v1 and ACS3-HMAC-SHA256 v3 (used for STS `AssumeRole` and friends) and OSS request
//! signing, both the legacy `OSS ak:sig` scheme (v1) and `OSS4-HMAC-SHA256`
//! (v4), in header and presigned-URL form. Everything here is a pure function
//! of its inputs: the caller supplies the clock reading and the nonce, and
//! nothing performs I/O, so every signature can be pinned by a known-answer
//! test.

pub mod acs3;
pub mod oss_v1;
pub mod oss_v4;
pub mod percent;
pub mod pop;

use std::fmt;

use hmac::{Hmac, Mac};

/// Key material used to sign. Debug must print the id only, never secret/token.
#[derive(Clone, PartialEq, Eq)]
pub struct Credentials {
    pub access_key_id: String,
    pub access_key_secret: String,
    pub security_token: Option<String>,
}

impl Credentials {
    /// Convenience constructor; an empty token is treated as no token because
    /// signing an empty `SecurityToken` would be rejected by the services.
    pub fn new(
        access_key_id: impl Into<String>,
        access_key_secret: impl Into<String>,
        security_token: Option<String>,
    ) -> Self {
        Credentials {
            access_key_id: access_key_id.into(),
            access_key_secret: access_key_secret.into(),
            security_token: security_token.filter(|t| !t.is_empty()),
        }
    }

    /// The token to sign with, ignoring an empty string so that a profile with
    /// `security_token = ""` behaves like a long-term key.
    pub(crate) fn token(&self) -> Option<&str> {
        self.security_token.as_deref().filter(|t| !t.is_empty())
    }
}

/// The longest AccessKeyId, AccessKeySecret and SecurityToken accepted; real ones are far
/// shorter (a token is a few KiB).
const MAX_CREDENTIAL_FIELD: [usize; 3] = [256, 1024, 64 * 1024];

/// Checks one credential field: non-empty, at most `max` bytes, and only visible ASCII. The id
/// and the token travel in HTTP headers, where a line break or control character is refused by
/// the HTTP library (after every retry) or worse, splits the header; all three are signed as
/// text.
pub fn check_credential_field(
    name: &str,
    value: &str,
    max: usize,
) -> std::result::Result<(), String> {
    if value.is_empty() {
        return Err(format!("{name} is empty"));
    }
    if value.len() > max {
        return Err(format!("{name} is longer than {max} bytes"));
    }
    if !value.bytes().all(|b| b.is_ascii_graphic()) {
        return Err(format!(
            "{name} holds spaces, control characters or non-ASCII text"
        ));
    }
    Ok(())
}

impl Credentials {
    /// The checks of [`check_credential_field`] on all three fields.
    pub fn check(&self) -> std::result::Result<(), String> {
        check_credential_field("AccessKeyId", &self.access_key_id, MAX_CREDENTIAL_FIELD[0])?;
        check_credential_field(
            "AccessKeySecret",
            &self.access_key_secret,
            MAX_CREDENTIAL_FIELD[1],
        )?;
        if let Some(token) = self.token() {
            check_credential_field("SecurityToken", token, MAX_CREDENTIAL_FIELD[2])?;
        }
        Ok(())
    }
}

impl fmt::Debug for Credentials {
    // Credentials end up in error contexts and logs; only the id is safe to
    // show. Whether a token is present is useful for debugging and leaks nothing.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Credentials")
            .field("access_key_id", &self.access_key_id)
            .field("has_security_token", &self.token().is_some())
            .finish_non_exhaustive()
    }
}

/// Everything about an OSS request the signers need. Key and query are raw (not percent-encoded).
///
/// No `Debug`: `headers` and `query` may carry the security token.
#[derive(Clone, Copy)]
pub struct OssRequest<'a> {
    pub method: &'a str,
    pub bucket: Option<&'a str>,
    pub key: Option<&'a str>,
    /// query params as sent; `None` value for a bare flag such as `?uploads`
    pub query: &'a [(String, Option<String>)],
    /// headers as sent, any case
    pub headers: &'a [(String, String)],
}

impl OssRequest<'_> {
    /// First value of a header, matched case-insensitively as HTTP requires.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// Lowercased header names mapped to their trimmed values, in sorted order.
/// Repeated headers are folded into one comma-joined value, which is how both
/// OSS signers canonicalise a header that appears more than once.
pub(crate) fn canonical_header_map<'a>(
    headers: &'a [(String, String)],
    mut keep: impl FnMut(&str) -> bool,
) -> std::collections::BTreeMap<String, Vec<&'a str>> {
    let mut map: std::collections::BTreeMap<String, Vec<&'a str>> = Default::default();
    for (name, value) in headers {
        let lower = name.to_ascii_lowercase();
        if keep(&lower) {
            map.entry(lower).or_default().push(value.trim());
        }
    }
    map
}

pub(crate) fn hmac_sha1(key: &[u8], data: &[u8]) -> [u8; 20] {
    let mut mac = Hmac::<sha1::Sha1>::new_from_slice(key).expect("HMAC accepts keys of any length");
    mac.update(data);
    mac.finalize().into_bytes().into()
}

pub(crate) fn hmac_sha256(key: &[u8], data: &[u8]) -> [u8; 32] {
    let mut mac =
        Hmac::<sha2::Sha256>::new_from_slice(key).expect("HMAC accepts keys of any length");
    mac.update(data);
    mac.finalize().into_bytes().into()
}

pub(crate) fn hex_lower(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(bytes.len() * 2);
    for &b in bytes {
        out.push(DIGITS[usize::from(b >> 4)] as char);
        out.push(DIGITS[usize::from(b & 0x0f)] as char);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_hides_secret_and_token() {
        let c = Credentials::new("STS.id", "very-secret", Some("tok-123".into()));
        let s = format!("{c:?}");
        assert!(s.contains("STS.id"));
        assert!(!s.contains("very-secret"));
        assert!(!s.contains("tok-123"));
        assert!(s.contains("has_security_token: true"));
        let s = format!("{c:#?}");
        assert!(!s.contains("very-secret") && !s.contains("tok-123"));
    }

    #[test]
    fn empty_token_is_no_token() {
        let c = Credentials::new("a", "b", Some(String::new()));
        assert_eq!(c.security_token, None);
        let c = Credentials {
            access_key_id: "a".into(),
            access_key_secret: "b".into(),
            security_token: Some(String::new()),
        };
        assert_eq!(c.token(), None);
    }

    #[test]
    fn hex_is_lowercase() {
        assert_eq!(hex_lower(&[0x00, 0x0f, 0xa5, 0xff]), "000fa5ff");
    }

    #[test]
    fn header_lookup_ignores_case() {
        let headers = vec![("Content-Type".to_string(), "text/plain".to_string())];
        let req = OssRequest {
            method: "GET",
            bucket: None,
            key: None,
            query: &[],
            headers: &headers,
        };
        assert_eq!(req.header("content-type"), Some("text/plain"));
        assert_eq!(req.header("content-md5"), None);
    }
}
