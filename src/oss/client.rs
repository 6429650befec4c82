//! OSS REST client: signs requests (v1 or v4) with the credentials its provider gives, sends
//! them, and turns error answers into [`ServiceError`](crate::error::ServiceError)s; the
//! operations themselves are in [`super::operations`]. Bodies stream both ways; nothing here
//! buffers an object in memory (callers may hand over a part they hold in memory).

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
    /// An empty `bucket` addresses the service itself (ListBuckets): `/` on the endpoint.
    pub fn object_url(&self, bucket: &str, key: &str) -> String {
        let path = url_path(key);
        if bucket.is_empty() {
            return format!("{}/", self.endpoint.base_url());
        }
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
        // No bucket is a service-level request, signed with `/` as its resource.
        let bucket = (!bucket.is_empty()).then_some(bucket);
        match &self.sign {
            SignVersion::V1 => {
                let date = oss_v1::format_date(now);
                headers.push(("Date".into(), date.clone()));
                if let Some(token) = &credentials.security_token {
                    headers.push(("x-oss-security-token".into(), token.clone()));
                }
                let req = OssRequest {
                    method,
                    bucket,
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
                    bucket,
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
    pub(super) fn send_upload(
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

pub(super) fn header_in(headers: &HeaderMap, name: &str) -> Option<String> {
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
