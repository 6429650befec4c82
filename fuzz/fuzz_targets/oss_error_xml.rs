//! Fuzz target: OSS error answers (`<Error>…</Error>` bodies, and the same document base64-encoded
//! in the `x-oss-err` header of a HEAD answer) as `alicli_wire::oss::error_body::parse` reads them.
//! The first two bytes pick the HTTP status; the rest is the body. Besides "never panics", the
//! header path must read exactly what the body path reads, and the error must print.
#![no_main]

use alicli_wire::oss::error_body;
use base64::Engine;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let (status, body) = match data {
        [a, b, rest @ ..] => (u16::from_be_bytes([*a, *b]), rest),
        _ => (404, data),
    };

    let from_body = error_body::parse(status, Some("RID"), None, body);
    assert_eq!(from_body.status, status);
    let _ = alicli::error::exit_of_service(&from_body);
    let _ = from_body.to_string();

    // HEAD answers carry the document in x-oss-err; it must read the same as the body.
    let header = base64::engine::general_purpose::STANDARD.encode(body);
    let from_header = error_body::parse(status, Some("RID"), Some(&header), b"");
    if !body.is_empty() {
        assert_eq!(from_header.code, from_body.code);
        assert_eq!(from_header.message, from_body.message);
        assert_eq!(from_header.request_id, from_body.request_id);
        assert_eq!(from_header.ec, from_body.ec);
        assert_eq!(from_header.endpoint, from_body.endpoint);
    }

    // A header that is not base64 at all (or is whatever a broken proxy sends).
    if let Ok(text) = std::str::from_utf8(body) {
        let e = error_body::parse(status, None, Some(text), b"");
        let _ = e.to_string();
    }
});
