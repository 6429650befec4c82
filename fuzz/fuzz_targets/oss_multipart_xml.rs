//! Fuzz target: the XML documents of OSS's list and multipart APIs (`alicli_wire::oss::xml`), read with
//! quick-xml as the client reads answers and the local cloud reads CompleteMultipartUpload. A
//! document that reads must also survive being written back and read again unchanged, because
//! the client and the local cloud exchange these types in both directions.
#![no_main]

use alicli_wire::oss::xml::{
    to_document, CompleteMultipartUpload, CompleteMultipartUploadResult,
    InitiateMultipartUploadResult, ListBucketResult, ListPartsResult,
};
use libfuzzer_sys::fuzz_target;
use serde::{de::DeserializeOwned, Serialize};

/// Reads `text` as `T`; when it reads, writes it back and reads that again: the two must agree.
fn round_trip<T: DeserializeOwned + Serialize + std::fmt::Debug>(text: &str) {
    let Ok(first) = quick_xml::de::from_str::<T>(text) else {
        return;
    };
    let again = to_document(&first);
    let second: T = quick_xml::de::from_str(&again)
        .unwrap_or_else(|e| panic!("{first:?} wrote {again:?}, which does not read back: {e}"));
    assert_eq!(
        format!("{first:?}"),
        format!("{second:?}"),
        "written as {again:?}"
    );
}

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    round_trip::<ListPartsResult>(&text);
    round_trip::<ListBucketResult>(&text);
    round_trip::<InitiateMultipartUploadResult>(&text);
    round_trip::<CompleteMultipartUploadResult>(&text);
    round_trip::<CompleteMultipartUpload>(&text);
});
