//! Fuzz target: addresses users type: `oss://bucket/key` URLs (`alicli::oss::OssUrl::parse` and
//! `parse_object`) and service endpoints (`alicli_wire::endpoint::Endpoint::parse`, then the region
//! read off an OSS host). What parses must print back to text that parses to the same value.
#![no_main]

use alicli_wire::endpoint::Endpoint;
use alicli::oss::OssUrl;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);

    if let Ok(url) = OssUrl::parse(&text) {
        assert!(alicli_wire::names::check_bucket(&url.bucket).is_ok());
        let again = OssUrl::parse(&url.to_string()).expect("a printed URL parses");
        assert_eq!(url, again);
    }
    if let Ok(url) = OssUrl::parse_object(&text) {
        assert!(!url.key.is_empty() && url.key.len() <= 1023);
        let again = OssUrl::parse_object(&url.to_string()).expect("a printed URL parses");
        assert_eq!(url, again);
    }
    // The same text with the scheme put in front, so the fuzzer need not find "oss://" first.
    let _ = OssUrl::parse_object(&format!("oss://{text}"));

    for candidate in [text.to_string(), format!("http://{text}")] {
        if let Ok(endpoint) = Endpoint::parse(&candidate) {
            assert!(!endpoint.host.is_empty());
            let _ = endpoint.oss_region();
            let _ = endpoint.is_ip_or_localhost();
            let printed = endpoint.base_url();
            let again = Endpoint::parse(&printed)
                .unwrap_or_else(|e| panic!("{endpoint:?} printed as {printed:?}: {e}"));
            assert_eq!(endpoint, again, "printed as {printed:?}");
        }
    }
});
