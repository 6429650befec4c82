//! OSS REST client: builds object requests, signs them (v1 or v4), sends them, and turns error
//! answers into [`ServiceError`]s. Bodies stream both ways; nothing here buffers an object in
//! memory (callers may hand over a part they hold in memory).

use anyhow::Result;
use chrono::Utc;
use reqwest::blocking::Response;
use reqwest::header::HeaderMap;

use std::sync::Arc;

use crate::credentials::{Issued, ProvideCredentials};
use crate::net::failures::network_error;
use crate::net::http::Client;
use crate::terminal::output;
use alicli_wire::endpoint::Endpoint;
use alicli_wire::oss::xml;
use alicli_wire::signing::percent::{rfc3986, rfc3986_path};
use alicli_wire::signing::{oss_v1, oss_v4, Credentials, OssRequest};

/// How requests are signed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SignVersion {
    V1,
    V4 { region: String },
}

impl std::fmt::Display for SignVersion {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SignVersion::V1 => f.write_str("OSS v1"),
            SignVersion::V4 { region } => write!(f, "OSS v4 for region {region}"),
        }
    }
}

pub struct OssClient {
    pub http: Client,
    pub endpoint: Endpoint,
    pub sign: SignVersion,
    pub retry: crate::net::retry::RetryPolicy,
    /// Asked before every attempt of every request, parts of a transfer included: a role
    /// profile renews itself, and renews once more when the service refuses what it holds.
    pub credentials: Arc<dyn ProvideCredentials>,
}

/// A request body: bytes in memory, or a reader of known length streamed from (a file, a part
/// of one). The length decides how long the request may take (see
/// [`crate::net::http::timeout_with_body`]).
pub enum Payload {
    Memory(bytes::Bytes),
    Reader(Box<dyn std::io::Read + Send>, u64),
}

impl Payload {
    /// A reader of known length, streamed.
    pub fn sized(reader: impl std::io::Read + Send + 'static, len: u64) -> Payload {
        Payload::Reader(Box::new(reader), len)
    }

    fn len(&self) -> u64 {
        match self {
            Payload::Memory(data) => data.len() as u64,
            Payload::Reader(_, len) => *len,
        }
    }
}

impl From<Vec<u8>> for Payload {
    fn from(data: Vec<u8>) -> Payload {
        Payload::Memory(data.into())
    }
}

impl From<bytes::Bytes> for Payload {
    fn from(data: bytes::Bytes) -> Payload {
        Payload::Memory(data)
    }
}

/// What a successful PutObject reports.
#[derive(Debug, Clone)]
pub struct PutResult {
    pub etag: String,
    pub crc64: Option<u64>,
    pub request_id: String,
}

impl OssClient {
    /// The URL of an object: path-style for IP/localhost endpoints, virtual-hosted otherwise.
    pub fn object_url(&self, bucket: &str, key: &str) -> String {
        let path = url_path(key);
        if self.endpoint.is_ip_or_localhost() {
            format!("{}/{bucket}/{path}", self.endpoint.base_url())
        } else {
            format!(
                "{}://{bucket}.{}/{path}",
                self.endpoint.scheme,
                self.endpoint.authority()
            )
        }
    }

    /// Signs a request and returns the headers to send (including the ones the signer needs).
    fn signed_headers(
        &self,
        credentials: &Credentials,
        method: &str,
        bucket: &str,
        key: &str,
        query: &[(String, Option<String>)],
        mut headers: Vec<(String, String)>,
    ) -> Vec<(String, String)> {
        let now = Utc::now();
        let key = (!key.is_empty()).then_some(key);
        match &self.sign {
            SignVersion::V1 => {
                let date = oss_v1::format_date(now);
                headers.push(("Date".into(), date.clone()));
                if let Some(token) = &credentials.security_token {
                    headers.push(("x-oss-security-token".into(), token.clone()));
                }
                let req = OssRequest {
                    method,
                    bucket: Some(bucket),
                    key,
                    query,
                    headers: &headers,
                };
                let (auth, string_to_sign) = oss_v1::authorization(credentials, &req, &date);
                output::verbose(&format!("> string to sign (OSS v1): {string_to_sign:?}"));
                headers.push(("Authorization".into(), auth));
            }
            SignVersion::V4 { region } => {
                headers.extend(oss_v4::required_headers(credentials, now));
                let req = OssRequest {
                    method,
                    bucket: Some(bucket),
                    key,
                    query,
                    headers: &headers,
                };
                let (auth, canonical) = oss_v4::authorization(credentials, &req, region, now, &[]);
                output::verbose(&format!("> canonical request (OSS v4): {canonical:?}"));
                headers.push(("Authorization".into(), auth));
            }
        }
        headers
    }

    /// Signs and sends one request; a non-2xx answer becomes a [`ServiceError`](crate::error::ServiceError).
    /// An empty `key` addresses the bucket itself.
    /// [`send_once`](Self::send_once), retried by the client's policy when there is no body to
    /// replay (callers with bodies retry themselves, since only they can make the body again).
    pub fn send(
        &self,
        method: reqwest::Method,
        bucket: &str,
        key: &str,
        query: &[(String, Option<String>)],
        headers: Vec<(String, String)>,
        body: Option<Payload>,
    ) -> Result<Response> {
        match body {
            Some(body) => self.send_once(method, bucket, key, query, headers, Some(body)),
            None => self.retry.run(
                &format!("{method} {}", crate::oss::url::display(bucket, key)),
                || self.send_once(method.clone(), bucket, key, query, headers.clone(), None),
            ),
        }
    }

    /// One attempt, signed with the provider's current credentials: a role profile renews them
    /// first when they near expiry, which is how a long transfer renews between parts. When the
    /// service refuses them, a role profile renews once and the error comes back marked
    /// [`Renewed`](crate::net::retry::Renewed), which the retry policy sends again at once.
    pub fn send_once(
        &self,
        method: reqwest::Method,
        bucket: &str,
        key: &str,
        query: &[(String, Option<String>)],
        headers: Vec<(String, String)>,
        body: Option<Payload>,
    ) -> Result<Response> {
        let credentials = self.current_credentials()?;
        self.send_signed(&credentials, method, bucket, key, query, headers, body)
            .map_err(|e| crate::credentials::after_failure(&*self.credentials, e, &credentials))
    }

    /// The credentials the next request is signed with (renewed first when a role profile's
    /// near expiry). Transfers need not call it themselves: every request does.
    pub fn current_credentials(&self) -> Result<Credentials> {
        Ok(self.credentials.credentials()?.credentials)
    }

    /// A presigned URL for one object, valid `expires` seconds from `now`, signed the way this
    /// client signs its requests, with the credentials it would sign the next one with. Returns
    /// the URL, what was signed (for `-v`), and the credentials' expiration.
    pub fn presign(
        &self,
        method: &str,
        bucket: &str,
        key: &str,
        headers: &[(String, String)],
        now: chrono::DateTime<Utc>,
        expires: u64,
    ) -> Result<(String, String, Option<String>)> {
        let Issued {
            credentials,
            expiration,
        } = self.credentials.credentials()?;
        let request = OssRequest {
            method,
            bucket: Some(bucket),
            key: Some(key),
            query: &[],
            headers,
        };
        let (params, signed) = match &self.sign {
            SignVersion::V1 => {
                oss_v1::presign(&credentials, &request, now.timestamp() + expires as i64)
            }
            SignVersion::V4 { region } => {
                oss_v4::presign(&credentials, &request, region, now, expires, &[])
            }
        };
        let query: Vec<String> = params
            .iter()
            .map(|(k, v)| format!("{}={}", rfc3986(k), rfc3986(v)))
            .collect();
        let url = format!("{}?{}", self.object_url(bucket, key), query.join("&"));
        Ok((url, signed, expiration))
    }

    #[allow(clippy::too_many_arguments)]
    fn send_signed(
        &self,
        credentials: &Credentials,
        method: reqwest::Method,
        bucket: &str,
        key: &str,
        query: &[(String, Option<String>)],
        headers: Vec<(String, String)>,
        body: Option<Payload>,
    ) -> Result<Response> {
        let url = self.request_url(bucket, key, query);
        let headers =
            self.signed_headers(credentials, method.as_str(), bucket, key, query, headers);
        output::verbose(&format!("> {method} {url}"));
        let mut request = self.http.request(method.clone(), &url);
        for (name, value) in &headers {
            request = request.header(name, value);
        }
        if let Some(payload) = body {
            request = request.timeout(crate::net::http::timeout_with_body(Some(payload.len())));
            request = match payload {
                Payload::Memory(data) => request.body(data),
                Payload::Reader(reader, len) => {
                    request.body(reqwest::blocking::Body::sized(reader, len))
                }
            };
        }
        let response = request
            .send()
            .map_err(|e| network_error(&e, &self.endpoint.authority()))?;
        let status = response.status().as_u16();
        log_status(status, response.headers());
        if response.status().is_success() {
            return Ok(response);
        }
        let headers = response.headers().clone();
        let body = if method == reqwest::Method::HEAD {
            Vec::new()
        } else {
            let mut response = response;
            crate::net::answers::read_error_body(&mut response)
        };
        Err(service_error(status, &headers, &body))
    }

    /// An upload (PutObject, UploadPart) with its answer's headers. A body held in memory goes
    /// the way of every request; one streamed from a reader takes the HTTP client's streaming
    /// path, which costs a fraction of the CPU. Sent once: only the caller can make the body
    /// again for a retry.
    fn send_upload(
        &self,
        bucket: &str,
        key: &str,
        query: &[(String, Option<String>)],
        headers: Vec<(String, String)>,
        body: Payload,
    ) -> Result<HeaderMap> {
        let (reader, len) = match body {
            Payload::Reader(reader, len) => (reader, len),
            memory => {
                let response = self.send_once(
                    reqwest::Method::PUT,
                    bucket,
                    key,
                    query,
                    headers,
                    Some(memory),
                )?;
                return Ok(response.headers().clone());
            }
        };
        let credentials = self.current_credentials()?;
        let url = self.request_url(bucket, key, query);
        let headers = self.signed_headers(&credentials, "PUT", bucket, key, query, headers);
        output::verbose(&format!("> PUT {url}"));
        let timeout = crate::net::http::timeout_with_body(Some(len));
        let answer = self
            .http
            .send_streamed(reqwest::Method::PUT, &url, &headers, reader, len, timeout)
            .map_err(|e| match e {
                crate::net::streaming::StreamError::Http(e) => {
                    network_error(&e, &self.endpoint.authority()).into()
                }
                crate::net::streaming::StreamError::Setup(why) => {
                    anyhow::anyhow!("cannot set up the upload: {why}")
                }
            });
        let result = answer.and_then(|answer| {
            let status = answer.status.as_u16();
            log_status(status, &answer.headers);
            if answer.status.is_success() {
                Ok(answer.headers)
            } else {
                Err(service_error(status, &answer.headers, &answer.body))
            }
        });
        result.map_err(|e| crate::credentials::after_failure(&*self.credentials, e, &credentials))
    }

    /// The URL of a request: the object's URL and the query, encoded as signed.
    fn request_url(&self, bucket: &str, key: &str, query: &[(String, Option<String>)]) -> String {
        let mut url = self.object_url(bucket, key);
        if !query.is_empty() {
            let pairs: Vec<String> = query
                .iter()
                .map(|(k, v)| match v {
                    Some(v) => format!("{}={}", rfc3986(k), rfc3986(v)),
                    None => rfc3986(k),
                })
                .collect();
            url.push('?');
            url.push_str(&pairs.join("&"));
        }
        url
    }

    /// PutObject, streaming `body` (sized bodies send Content-Length, others go chunked).
    pub fn put_object(
        &self,
        bucket: &str,
        key: &str,
        body: Payload,
        content_type: &str,
    ) -> Result<PutResult> {
        let headers = vec![("Content-Type".to_string(), content_type.to_string())];
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
        let mut query = vec![
            ("list-type".to_string(), Some("2".to_string())),
            ("max-keys".to_string(), Some(max_keys.to_string())),
            ("prefix".to_string(), Some(prefix.to_string())),
        ];
        if !delimiter.is_empty() {
            query.push(("delimiter".into(), Some(delimiter.into())));
        }
        if let Some(token) = continuation_token {
            query.push(("continuation-token".into(), Some(token.into())));
        }
        let response = self.send(reqwest::Method::GET, bucket, "", &query, Vec::new(), None)?;
        read_xml(response, "ListObjectsV2", &self.endpoint.authority())
    }

    pub fn initiate_multipart_upload(
        &self,
        bucket: &str,
        key: &str,
        content_type: &str,
    ) -> Result<String> {
        let headers = vec![("Content-Type".to_string(), content_type.to_string())];
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
    ) -> Result<(String, Option<u64>)> {
        let query = [("uploadId".to_string(), Some(upload_id.to_string()))];
        let document = xml::to_document(&xml::CompleteMultipartUpload { parts });
        let headers = vec![("Content-Type".to_string(), "application/xml".to_string())];
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

/// Reads an XML answer body (at most [`crate::net::answers::ANSWER_LIMIT`] bytes) into `T`, with an
/// error that names the operation when it does not fit.
fn read_xml<T: serde::de::DeserializeOwned>(
    mut response: Response,
    operation: &str,
    host: &str,
) -> Result<T> {
    let body = crate::net::answers::read_answer(&mut response, operation, host)?;
    let text = String::from_utf8_lossy(&body);
    quick_xml::de::from_str(&text).map_err(|e| {
        crate::error::BadAnswer(format!(
            "{operation}: OSS answered with XML alicli cannot read: {e}"
        ))
        .into()
    })
}

/// The key as it goes into the URL path. URL parsers resolve `.` and `..` segments (even
/// percent-encoded ones), which would send a different key than the one signed; a key with such a
/// segment therefore has every `/` encoded too, which OSS decodes back into the same key.
fn url_path(key: &str) -> String {
    if key
        .split('/')
        .any(|segment| segment == "." || segment == "..")
    {
        alicli_wire::signing::percent::rfc3986(key)
    } else {
        rfc3986_path(key)
    }
}

/// A response header as text, if present and readable.
pub fn header(response: &Response, name: &str) -> Option<String> {
    header_in(response.headers(), name)
}

fn header_in(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get(name)
        .and_then(|v| v.to_str().ok())
        .map(str::to_string)
}

fn log_status(status: u16, headers: &HeaderMap) {
    let request_id = header_in(headers, "x-oss-request-id").unwrap_or_default();
    output::verbose(&format!("< {status} RequestId: {request_id}"));
}

/// The [`ServiceError`](crate::error::ServiceError) an error answer stands for. A redirect is
/// one too (it was not followed), with where it pointed.
fn service_error(status: u16, headers: &HeaderMap, body: &[u8]) -> anyhow::Error {
    // The error body may repeat what the server signed (StringToSign, CanonicalRequest): the
    // quickest way to see why a signature did not match. Masked like everything else.
    output::verbose(&format!(
        "< {}",
        output::escape_untrusted(&String::from_utf8_lossy(body))
    ));
    let request_id = header_in(headers, "x-oss-request-id").unwrap_or_default();
    let err_header = header_in(headers, "x-oss-err");
    let mut error =
        alicli_wire::oss::error_body::parse(status, Some(&request_id), err_header.as_deref(), body);
    error.retry_after = header_in(headers, "retry-after").and_then(|v| v.trim().parse().ok());
    crate::net::answers::note_redirect(&mut error, headers);
    error.into()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dot_segments_survive_url_parsing() {
        assert_eq!(url_path("a b/c+d.txt"), "a%20b/c%2Bd.txt");
        assert_eq!(url_path("a/../b"), "a%2F..%2Fb");
        assert_eq!(url_path("./x"), ".%2Fx");
        assert_eq!(url_path("a/..b/c"), "a/..b/c");
        let parsed =
            reqwest::Url::parse(&format!("http://h/bucket/{}", url_path("a/../b"))).unwrap();
        assert_eq!(parsed.path(), "/bucket/a%2F..%2Fb");
    }
}
