//! RFC 3986 percent-encoding as Alibaba Cloud's signers expect it: only the
//! unreserved characters `A-Z a-z 0-9 - _ . ~` survive, everything else
//! (including space, `*` and `+`) becomes `%XX` with uppercase hex over the
//! UTF-8 bytes. Form-style encoders (space as `+`, `*` kept) produce strings
//! that look right but fail signature checks, hence this dedicated module.

use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};

const UNRESERVED: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'~');

const UNRESERVED_AND_SLASH: &AsciiSet = &UNRESERVED.remove(b'/');

/// Encodes everything except `A-Za-z0-9-_.~` (POP parameters, v4 query).
pub fn rfc3986(s: &str) -> String {
    utf8_percent_encode(s, UNRESERVED).to_string()
}

/// Like [`rfc3986`] but keeps `/`, so object keys keep their "directories"
/// (v4 canonical URI and the URL path on the wire).
pub fn rfc3986_path(s: &str) -> String {
    utf8_percent_encode(s, UNRESERVED_AND_SLASH).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unreserved_kept() {
        let s = "ABCXYZabcxyz0189-_.~";
        assert_eq!(rfc3986(s), s);
        assert_eq!(rfc3986_path(s), s);
    }

    #[test]
    fn pop_special_cases() {
        assert_eq!(rfc3986("a b"), "a%20b");
        assert_eq!(rfc3986("*"), "%2A");
        assert_eq!(rfc3986("+"), "%2B");
        assert_eq!(rfc3986("~"), "~");
        assert_eq!(rfc3986("12:46:24"), "12%3A46%3A24");
        assert_eq!(rfc3986("a/b"), "a%2Fb");
        assert_eq!(rfc3986("%"), "%25");
    }

    #[test]
    fn utf8_uppercase_hex() {
        assert_eq!(rfc3986("é"), "%C3%A9");
        assert_eq!(rfc3986("中"), "%E4%B8%AD");
        assert_eq!(rfc3986("\u{1F600}"), "%F0%9F%98%80");
    }

    #[test]
    fn path_keeps_slash_only() {
        assert_eq!(rfc3986_path("/a b/c+d?e#f"), "/a%20b/c%2Bd%3Fe%23f");
        assert_eq!(rfc3986_path("//x//"), "//x//");
    }
}
