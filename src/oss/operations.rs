//! The OSS operations alicli sends, one method each: objects (put, get, ranges, head, delete),
//! listing (objects, and the account's buckets), and the multipart calls (initiate, upload part,
//! complete, abort, list parts). Each builds its query and headers and reads the answer; signing
//! and sending are [`super::client`]'s.

use anyhow::Result;
use reqwest::blocking::Response;

use super::client::{header, header_in, OssClient, Payload, PutResult};
use alicli_wire::oss::xml;

impl OssClient {
    /// PutObject, streaming `body` (sized bodies send Content-Length, others go chunked).
    pub fn put_object(
        &self,
        bucket: &str,
        key: &str,
        body: Payload,
        headers: Vec<(String, String)>,
    ) -> Result<PutResult> {
        let answer = self.send_upload(bucket, key, &[], headers, body)?;
        Ok(PutResult {
            etag: header_in(&answer, "etag")
                .unwrap_or_default()
                .trim_matches('"')
                .to_string(),
            crc64: header_in(&answer, "x-oss-hash-crc64ecma").and_then(|v| v.parse().ok()),
            request_id: header_in(&answer, "x-oss-request-id").unwrap_or_default(),
        })
    }

    /// GetObject; the caller streams the body from the returned response.
    pub fn get_object(&self, bucket: &str, key: &str) -> Result<Response> {
        self.send(reqwest::Method::GET, bucket, key, &[], Vec::new(), None)
    }

    /// GetObject of bytes `start..=end`; the answer's CRC-64 header is still the whole object's.
    pub fn get_range(&self, bucket: &str, key: &str, start: u64, end: u64) -> Result<Response> {
        let headers = vec![("Range".to_string(), format!("bytes={start}-{end}"))];
        self.send(reqwest::Method::GET, bucket, key, &[], headers, None)
    }

    /// GetObject of bytes `start..=end` (`start..` to the end when `end` is `None`), only if the
    /// object still has ETag `if_match`: a changed object answers 412 PreconditionFailed instead
    /// of bytes of another version.
    pub fn get_part(
        &self,
        bucket: &str,
        key: &str,
        start: u64,
        end: Option<u64>,
        if_match: &str,
    ) -> Result<Response> {
        let range = match end {
            Some(end) => format!("bytes={start}-{end}"),
            None => format!("bytes={start}-"),
        };
        // Without `standard`, OSS answers a range it cannot serve with the whole object (200);
        // with it, 416. The answer is checked either way, but an error says more.
        let mut headers = vec![
            ("Range".to_string(), range),
            ("x-oss-range-behavior".to_string(), "standard".to_string()),
        ];
        if !if_match.is_empty() {
            headers.push(("If-Match".to_string(), if_match.to_string()));
        }
        self.send(reqwest::Method::GET, bucket, key, &[], headers, None)
    }

    pub fn head_object(&self, bucket: &str, key: &str) -> Result<Response> {
        self.send(reqwest::Method::HEAD, bucket, key, &[], Vec::new(), None)
    }

    pub fn delete_object(&self, bucket: &str, key: &str) -> Result<()> {
        self.send(reqwest::Method::DELETE, bucket, key, &[], Vec::new(), None)
            .map(drop)
    }

    /// One page of ListObjectsV2.
    pub fn list_objects_v2(
        &self,
        bucket: &str,
        prefix: &str,
        delimiter: &str,
        continuation_token: Option<&str>,
        max_keys: u32,
    ) -> Result<xml::ListBucketResult> {
        let query = list_v2_query(prefix, delimiter, continuation_token, max_keys, false);
        let response = self.send(reqwest::Method::GET, bucket, "", &query, Vec::new(), None)?;
        read_xml(response, "ListObjectsV2", &self.endpoint.authority())
    }

    /// One page of ListObjectsV2 asked with `encoding-type=url`, names decoded: a key may hold
    /// characters XML 1.0 cannot carry at all (most control characters), which OSS then answers
    /// with a document no parser reads, or silently rewrites. Encoded, every key survives; it
    /// is decoded here only when the answer says it was encoded, so a `%` in a key sent raw by
    /// a server that ignored the parameter stays a `%`.
    pub fn list_objects_v2_decoded(
        &self,
        bucket: &str,
        prefix: &str,
        delimiter: &str,
        continuation_token: Option<&str>,
        max_keys: u32,
    ) -> Result<xml::ListBucketResult> {
        let query = list_v2_query(prefix, delimiter, continuation_token, max_keys, true);
        let mut response = self.send(reqwest::Method::GET, bucket, "", &query, Vec::new(), None)?;
        let body = crate::net::answers::read_answer(
            &mut response,
            "ListObjectsV2",
            &self.endpoint.authority(),
        )?;
        let mut page: xml::ListBucketResult = parse_xml(&body, "ListObjectsV2")?;
        let encoding: xml::ListingEncoding = parse_xml(&body, "ListObjectsV2")?;
        if encoding.encoding_type.eq_ignore_ascii_case("url") {
            for object in &mut page.contents {
                object.key = url_decoded(&object.key);
            }
            for common in &mut page.common_prefixes {
                common.prefix = url_decoded(&common.prefix);
            }
            page.prefix = url_decoded(&page.prefix);
            page.delimiter = url_decoded(&page.delimiter);
            page.next_continuation_token = url_decoded(&page.next_continuation_token);
        }
        Ok(page)
    }

    /// One page of ListBuckets (GetService): a GET on the endpoint itself, no bucket, paged
    /// by `marker`.
    pub fn list_buckets(&self, marker: &str, max_keys: u32) -> Result<xml::ListAllMyBucketsResult> {
        let mut query = vec![("max-keys".to_string(), Some(max_keys.to_string()))];
        if !marker.is_empty() {
            query.push(("marker".to_string(), Some(marker.to_string())));
        }
        let response = self.send(reqwest::Method::GET, "", "", &query, Vec::new(), None)?;
        read_xml(response, "ListBuckets", &self.endpoint.authority())
    }

    /// HeadObject, its headers read into an [`ObjectHead`].
    pub fn head_object_info(&self, bucket: &str, key: &str) -> Result<ObjectHead> {
        let response = self.head_object(bucket, key)?;
        Ok(ObjectHead::from_headers(response.headers()))
    }

    pub fn initiate_multipart_upload(
        &self,
        bucket: &str,
        key: &str,
        headers: Vec<(String, String)>,
    ) -> Result<String> {
        let query = [("uploads".to_string(), None)];
        let response = self.send(reqwest::Method::POST, bucket, key, &query, headers, None)?;
        let result: xml::InitiateMultipartUploadResult = read_xml(
            response,
            "InitiateMultipartUpload",
            &self.endpoint.authority(),
        )?;
        Ok(result.upload_id)
    }

    /// UploadPart; returns the part's ETag (with its quotes, as Complete wants it) and CRC-64.
    pub fn upload_part(
        &self,
        bucket: &str,
        key: &str,
        upload_id: &str,
        number: u32,
        body: Payload,
    ) -> Result<(String, Option<u64>)> {
        let query = [
            ("partNumber".to_string(), Some(number.to_string())),
            ("uploadId".to_string(), Some(upload_id.to_string())),
        ];
        let answer = self.send_upload(bucket, key, &query, Vec::new(), body)?;
        let etag = header_in(&answer, "etag").unwrap_or_default();
        Ok((
            etag,
            header_in(&answer, "x-oss-hash-crc64ecma").and_then(|v| v.parse().ok()),
        ))
    }

    /// CompleteMultipartUpload; returns the object's ETag and CRC-64.
    pub fn complete_multipart_upload(
        &self,
        bucket: &str,
        key: &str,
        upload_id: &str,
        parts: Vec<xml::CompletePart>,
        forbid_overwrite: bool,
    ) -> Result<(String, Option<u64>)> {
        let query = [("uploadId".to_string(), Some(upload_id.to_string()))];
        let document = xml::to_document(&xml::CompleteMultipartUpload { parts });
        let mut headers = vec![("Content-Type".to_string(), "application/xml".to_string())];
        // OSS checks the overwrite protection again when the object comes into being.
        if forbid_overwrite {
            headers.push(("x-oss-forbid-overwrite".to_string(), "true".to_string()));
        }
        self.retry.run("CompleteMultipartUpload", || {
            let response = self.send_once(
                reqwest::Method::POST,
                bucket,
                key,
                &query,
                headers.clone(),
                Some(Payload::from(document.clone().into_bytes())),
            )?;
            let crc = header(&response, "x-oss-hash-crc64ecma").and_then(|v| v.parse().ok());
            let result: xml::CompleteMultipartUploadResult = read_xml(
                response,
                "CompleteMultipartUpload",
                &self.endpoint.authority(),
            )?;
            Ok((result.etag, crc))
        })
    }

    pub fn abort_multipart_upload(&self, bucket: &str, key: &str, upload_id: &str) -> Result<()> {
        let query = [("uploadId".to_string(), Some(upload_id.to_string()))];
        self.send(
            reqwest::Method::DELETE,
            bucket,
            key,
            &query,
            Vec::new(),
            None,
        )
        .map(drop)
    }

    /// CopyObject: `src_bucket/src_key` to `bucket/key` inside OSS, no bytes through the client.
    /// `headers` carry the metadata directive, placement and overwrite protection
    /// ([`super::object_headers::ObjectHeaders::for_copy`]). Returns the new ETag.
    pub fn copy_object(
        &self,
        src_bucket: &str,
        src_key: &str,
        bucket: &str,
        key: &str,
        mut headers: Vec<(String, String)>,
    ) -> Result<String> {
        headers.push(("x-oss-copy-source".into(), copy_source(src_bucket, src_key)));
        let response = self.send(reqwest::Method::PUT, bucket, key, &[], headers, None)?;
        let result: xml::CopyObjectResult =
            read_xml(response, "CopyObject", &self.endpoint.authority())?;
        Ok(result.etag)
    }

    /// UploadPartCopy: bytes `start..=end` of `src_bucket/src_key` as part `number` of a
    /// multipart upload, copied inside OSS. Returns the part's ETag, quoted as Complete wants it.
    #[allow(clippy::too_many_arguments)]
    pub fn upload_part_copy(
        &self,
        src_bucket: &str,
        src_key: &str,
        bucket: &str,
        key: &str,
        upload_id: &str,
        number: u32,
        (start, end): (u64, u64),
    ) -> Result<String> {
        let query = [
            ("partNumber".to_string(), Some(number.to_string())),
            ("uploadId".to_string(), Some(upload_id.to_string())),
        ];
        let headers = vec![
            ("x-oss-copy-source".into(), copy_source(src_bucket, src_key)),
            (
                "x-oss-copy-source-range".into(),
                format!("bytes={start}-{end}"),
            ),
        ];
        let response = self.send(reqwest::Method::PUT, bucket, key, &query, headers, None)?;
        let result: xml::CopyPartResult =
            read_xml(response, "UploadPartCopy", &self.endpoint.authority())?;
        Ok(result.etag)
    }

    /// DeleteMultipleObjects (`POST /?delete`) of up to 1000 keys, in quiet mode: OSS answers
    /// only the keys it could not delete, and a key that is not there counts as deleted. Keys
    /// travel as XML text, so a key with a control character (which XML 1.0 cannot carry, or
    /// which a parser rewrites) must go by DeleteObject instead: see [`fits_in_xml`].
    /// Content-MD5 of the body is required. The body is small and in memory, so the request is
    /// retried as a whole.
    pub fn delete_objects(&self, bucket: &str, keys: &[String]) -> Result<()> {
        use base64::Engine as _;
        use md5::Digest as _;
        let request = xml::Delete {
            quiet: Some("true".into()),
            objects: keys
                .iter()
                .map(|k| xml::DeleteEntry {
                    key: k.clone(),
                    version_id: None,
                })
                .collect(),
        };
        let document = bytes::Bytes::from(xml::to_document(&request).into_bytes());
        let md5 = base64::engine::general_purpose::STANDARD.encode(md5::Md5::digest(&document));
        let query = [("delete".to_string(), None)];
        let headers = vec![
            ("Content-Type".to_string(), "application/xml".to_string()),
            ("Content-MD5".to_string(), md5),
        ];
        self.retry.run("DeleteMultipleObjects", || {
            let response = self.send_once(
                reqwest::Method::POST,
                bucket,
                "",
                &query,
                headers.clone(),
                Some(Payload::from(document.clone())),
            )?;
            let _: xml::DeleteResult = read_xml(
                response,
                "DeleteMultipleObjects",
                &self.endpoint.authority(),
            )?;
            Ok(())
        })
    }

    /// Every part uploaded so far (all pages of ListParts). An upload has at most 10 000 parts:
    /// a server that lists more, or pages without end, is refused rather than followed; Ctrl-C
    /// stops between pages.
    pub fn list_parts(
        &self,
        bucket: &str,
        key: &str,
        upload_id: &str,
    ) -> Result<Vec<xml::ListedPart>> {
        let mut parts: Vec<xml::ListedPart> = Vec::new();
        let mut marker = 0u32;
        loop {
            if crate::interrupted() {
                return Err(crate::Interrupted.into());
            }
            let query = [
                ("uploadId".to_string(), Some(upload_id.to_string())),
                ("max-parts".to_string(), Some("1000".to_string())),
                ("part-number-marker".to_string(), Some(marker.to_string())),
            ];
            let response =
                self.send(reqwest::Method::GET, bucket, key, &query, Vec::new(), None)?;
            let page: xml::ListPartsResult =
                read_xml(response, "ListParts", &self.endpoint.authority())?;
            let next = page.next_part_number_marker;
            let done = !page.is_truncated || page.parts.is_empty() || next <= marker;
            parts.extend(page.parts);
            if parts.len() as u64 > crate::oss::transfer::MAX_PARTS
                || parts.iter().any(|p| {
                    p.part_number == 0 || p.part_number as u64 > crate::oss::transfer::MAX_PARTS
                })
            {
                return Err(crate::error::BadAnswer(format!(
                    "ListParts of upload {upload_id} lists more than 10000 parts, or part numbers outside 1-10000; OSS never does"
                ))
                .into());
            }
            if done {
                return Ok(parts);
            }
            marker = next;
        }
    }
}

/// What HeadObject says of an object. Every value is the server's text as it came: the caller
/// escapes it before it reaches a terminal.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ObjectHead {
    pub size: Option<u64>,
    /// As sent (an HTTP date).
    pub last_modified: Option<String>,
    /// Without its quotes.
    pub etag: Option<String>,
    pub crc64: Option<String>,
    pub content_type: Option<String>,
    pub content_md5: Option<String>,
    pub storage_class: Option<String>,
    /// `Normal`, `Multipart`, `Appendable`, `Symlink`.
    pub object_type: Option<String>,
    pub version_id: Option<String>,
    pub cache_control: Option<String>,
    pub content_disposition: Option<String>,
    pub content_encoding: Option<String>,
    pub expires: Option<String>,
    /// `x-oss-meta-*` headers, the names without the prefix (lower case, as HTTP/1.1 headers
    /// arrive), in the order sent.
    pub metadata: Vec<(String, String)>,
}

impl ObjectHead {
    pub fn from_headers(headers: &reqwest::header::HeaderMap) -> ObjectHead {
        // Lossy rather than `to_str`: a value with bytes outside visible ASCII (user metadata
        // in UTF-8) is still shown, where `to_str` would drop it.
        let text = |name: &str| {
            headers
                .get(name)
                .map(|v| String::from_utf8_lossy(v.as_bytes()).into_owned())
        };
        let metadata = headers
            .iter()
            .filter_map(|(name, value)| {
                let short = name.as_str().strip_prefix("x-oss-meta-")?;
                Some((
                    short.to_string(),
                    String::from_utf8_lossy(value.as_bytes()).into_owned(),
                ))
            })
            .collect();
        ObjectHead {
            size: text("content-length").and_then(|v| v.trim().parse().ok()),
            last_modified: text("last-modified"),
            etag: text("etag").map(|e| e.trim_matches('"').to_string()),
            crc64: text("x-oss-hash-crc64ecma"),
            content_type: text("content-type"),
            content_md5: text("content-md5"),
            storage_class: text("x-oss-storage-class"),
            object_type: text("x-oss-object-type"),
            version_id: text("x-oss-version-id"),
            cache_control: text("cache-control"),
            content_disposition: text("content-disposition"),
            content_encoding: text("content-encoding"),
            expires: text("expires"),
            metadata,
        }
    }
}

/// A name from a listing asked with `encoding-type=url`, decoded. Bytes that do not decode to
/// UTF-8 become U+FFFD rather than an error: OSS keys are UTF-8, and one odd name from a server
/// should not hide the rest of the listing.
fn url_decoded(text: &str) -> String {
    percent_encoding::percent_decode_str(text)
        .decode_utf8_lossy()
        .into_owned()
}

fn parse_xml<T: serde::de::DeserializeOwned>(body: &[u8], operation: &str) -> Result<T> {
    let text = String::from_utf8_lossy(body);
    quick_xml::de::from_str(&text).map_err(|e| {
        crate::error::BadAnswer(format!(
            "{operation}: OSS answered with XML alicli cannot read: {e}"
        ))
        .into()
    })
}

/// Reads an XML answer body (at most [`crate::net::answers::ANSWER_LIMIT`] bytes) into `T`, with an
/// error that names the operation when it does not fit.
fn read_xml<T: serde::de::DeserializeOwned>(
    mut response: Response,
    operation: &str,
    host: &str,
) -> Result<T> {
    let body = crate::net::answers::read_answer(&mut response, operation, host)?;
    parse_xml(&body, operation)
}

/// The query of one ListObjectsV2 page, `encoding-type=url` asked when `encoded`.
fn list_v2_query(
    prefix: &str,
    delimiter: &str,
    continuation_token: Option<&str>,
    max_keys: u32,
    encoded: bool,
) -> Vec<(String, Option<String>)> {
    let mut query = vec![("list-type".to_string(), Some("2".to_string()))];
    if encoded {
        query.push(("encoding-type".into(), Some("url".into())));
    }
    query.push(("max-keys".into(), Some(max_keys.to_string())));
    query.push(("prefix".into(), Some(prefix.to_string())));
    if !delimiter.is_empty() {
        query.push(("delimiter".into(), Some(delimiter.into())));
    }
    if let Some(token) = continuation_token {
        query.push(("continuation-token".into(), Some(token.into())));
    }
    query
}

/// `x-oss-copy-source`: `/bucket/key`, the key percent-encoded (slashes kept) as OSS reads it.
fn copy_source(bucket: &str, key: &str) -> String {
    format!(
        "/{bucket}/{}",
        alicli_wire::signing::percent::rfc3986_path(key)
    )
}

/// True when `key` survives a trip as XML text: no control characters (XML 1.0 forbids most,
/// and parsers normalise line ends).
pub fn fits_in_xml(key: &str) -> bool {
    !key.chars().any(char::is_control)
}
