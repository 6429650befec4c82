//! OSS REST client: builds object requests, signs them (v1 now; v4 slots in beside it), sends them,
//! and turns error answers into [`ServiceError`]s. Bodies stream both ways; nothing here buffers
//! an object in memory.

use anyhow::Result;
use chrono::Utc;
use reqwest::blocking::{Body, Response};

use crate::endpoint::Endpoint;
use crate::http::{network_error, Client};
use crate::output;
use crate::signing::percent::rfc3986_path;
use crate::signing::{oss_v1, oss_v4, Credentials, OssRequest};

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

pub struct OssClient<'a> {
    pub http: &'a Client,
    pub endpoint: Endpoint,
    pub credentials: Credentials,
    pub sign: SignVersion,
}

/// What a successful PutObject reports.
#[derive(Debug, Clone)]
pub struct PutResult {
    pub etag: String,
    pub crc64: Option<u64>,
    pub request_id: String,
}

impl OssClient<'_> {
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
        method: &str,
        bucket: &str,
        key: &str,
        query: &[(String, Option<String>)],
        mut headers: Vec<(String, String)>,
    ) -> Vec<(String, String)> {
        let now = Utc::now();
        match &self.sign {
            SignVersion::V1 => {
                let date = oss_v1::format_date(now);
                headers.push(("Date".into(), date.clone()));
                if let Some(token) = &self.credentials.security_token {
                    headers.push(("x-oss-security-token".into(), token.clone()));
                }
                let req = OssRequest {
                    method,
                    bucket: Some(bucket),
                    key: Some(key),
                    query,
                    headers: &headers,
                };
                let (auth, string_to_sign) = oss_v1::authorization(&self.credentials, &req, &date);
                output::verbose(&format!("> string to sign (OSS v1): {string_to_sign:?}"));
                headers.push(("Authorization".into(), auth));
            }
            SignVersion::V4 { region } => {
                headers.extend(oss_v4::required_headers(&self.credentials, now));
                let req = OssRequest {
                    method,
                    bucket: Some(bucket),
                    key: Some(key),
                    query,
                    headers: &headers,
                };
                let (auth, canonical) =
                    oss_v4::authorization(&self.credentials, &req, region, now, &[]);
                output::verbose(&format!("> canonical request (OSS v4): {canonical:?}"));
                headers.push(("Authorization".into(), auth));
            }
        }
        headers
    }

    fn send(
        &self,
        method: reqwest::Method,
        bucket: &str,
        key: &str,
        headers: Vec<(String, String)>,
        body: Option<Body>,
    ) -> Result<Response> {
        let url = self.object_url(bucket, key);
        let headers = self.signed_headers(method.as_str(), bucket, key, &[], headers);
        output::verbose(&format!("> {method} {url}"));
        let mut request = self.http.request(method.clone(), &url);
        for (name, value) in &headers {
            request = request.header(name, value);
        }
        if let Some(body) = body {
            request = request.body(body);
        }
        let response = request
            .send()
            .map_err(|e| network_error(&e, &self.endpoint.authority()))?;
        let status = response.status().as_u16();
        let request_id = header(&response, "x-oss-request-id").unwrap_or_default();
        output::verbose(&format!("< {status} RequestId: {request_id}"));
        if response.status().is_success() {
            return Ok(response);
        }
        let err_header = header(&response, "x-oss-err");
        let body = if method == reqwest::Method::HEAD {
            Vec::new()
        } else {
            response.bytes().unwrap_or_default().to_vec()
        };
        // The error body may repeat what the server signed (StringToSign, CanonicalRequest):
        // the quickest way to see why a signature did not match. Masked like everything else.
        output::verbose(&format!("< {}", String::from_utf8_lossy(&body)));
        Err(
            crate::oss::error_body::parse(status, Some(&request_id), err_header.as_deref(), &body)
                .into(),
        )
    }

    /// PutObject, streaming `body`. `len` is sent as Content-Length when known; otherwise the body
    /// goes chunked.
    pub fn put_object(
        &self,
        bucket: &str,
        key: &str,
        body: Body,
        content_type: &str,
    ) -> Result<PutResult> {
        let headers = vec![("Content-Type".to_string(), content_type.to_string())];
        let response = self.send(reqwest::Method::PUT, bucket, key, headers, Some(body))?;
        Ok(PutResult {
            etag: header(&response, "etag")
                .unwrap_or_default()
                .trim_matches('"')
                .to_string(),
            crc64: header(&response, "x-oss-hash-crc64ecma").and_then(|v| v.parse().ok()),
            request_id: header(&response, "x-oss-request-id").unwrap_or_default(),
        })
    }

    /// GetObject; the caller streams the body from the returned response.
    pub fn get_object(&self, bucket: &str, key: &str) -> Result<Response> {
        self.send(reqwest::Method::GET, bucket, key, Vec::new(), None)
    }

    /// HeadObject.
    pub fn head_object(&self, bucket: &str, key: &str) -> Result<Response> {
        self.send(reqwest::Method::HEAD, bucket, key, Vec::new(), None)
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
        crate::signing::percent::rfc3986(key)
    } else {
        rfc3986_path(key)
    }
}

/// A response header as text, if present and readable.
pub fn header(response: &Response, name: &str) -> Option<String> {
    response
        .headers()
        .get(name)
        .and_then(|v| v.to_str().ok())
        .map(str::to_string)
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
