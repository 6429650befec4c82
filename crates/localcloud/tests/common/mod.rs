//! The signed OSS client the local cloud's HTTP tests share: a cloud on 127.0.0.1:0 with one
//! user whose policy the test gives, requests signed with OSS signature v1 and sent by a small
//! blocking HTTP/1.1 client over `TcpStream` (so each request is exactly what the test wrote),
//! and the stats endpoint.

// Each test binary uses its own part of this module.
#![allow(dead_code)]

use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::Duration;

use alicli_localcloud::{start, CloudConfig, Running, ServeOptions, UserConfig, DEFAULT_BUCKET};
use alicli_wire::signing::{oss_v1, Credentials, OssRequest};
use base64::Engine;
use md5::{Digest as _, Md5};

pub const OTHER_BUCKET: &str = "other-bucket";
pub const KEY_ID: &str = "LTAI5tLimitedUser0001";
pub const SECRET: &str = "limited-user-secret-0001";

/// A cloud with the default bucket and [`OTHER_BUCKET`], and one user whose only policy is
/// `policy` (the user [`oss`] signs as).
pub fn cloud_with(policy: String) -> Running {
    start(ServeOptions {
        listen: "127.0.0.1:0".into(),
        data_dir: None,
        config: CloudConfig {
            buckets: vec![DEFAULT_BUCKET.into(), OTHER_BUCKET.into()],
            users: vec![UserConfig {
                name: "limited".into(),
                access_key_id: Some(KEY_ID.into()),
                access_key_secret: Some(SECRET.into()),
                policies: vec![policy],
            }],
            ..CloudConfig::default()
        },
    })
    .unwrap()
}

pub struct Reply {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: String,
}

impl Reply {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// The `<Code>` of an error document.
    pub fn code(&self) -> &str {
        between(&self.body, "<Code>", "</Code>").unwrap_or_default()
    }
}

pub fn between<'a>(text: &'a str, open: &str, close: &str) -> Option<&'a str> {
    let start = text.find(open)? + open.len();
    let end = text[start..].find(close)? + start;
    Some(&text[start..end])
}

pub fn enc(key: &str) -> String {
    percent_encoding::utf8_percent_encode(key, percent_encoding::NON_ALPHANUMERIC)
        .to_string()
        .replace("%2F", "/")
}

pub fn md5_b64(body: &[u8]) -> String {
    base64::engine::general_purpose::STANDARD.encode(Md5::digest(body))
}

/// One signed request: `key` empty for the bucket, `query` as (name, value) pairs.
pub fn oss(
    cloud: &Running,
    method: &str,
    bucket: &str,
    key: &str,
    query: &[(&str, Option<&str>)],
    extra: &[(&str, &str)],
    body: &[u8],
) -> Reply {
    let date = oss_v1::format_date(chrono::Utc::now());
    let mut headers = vec![("Date".to_string(), date.clone())];
    headers.extend(extra.iter().map(|(k, v)| (k.to_string(), v.to_string())));
    let query: Vec<(String, Option<String>)> = query
        .iter()
        .map(|(k, v)| (k.to_string(), v.map(str::to_string)))
        .collect();
    let creds = Credentials::new(KEY_ID.to_string(), SECRET.to_string(), None);
    let req = OssRequest {
        method,
        bucket: Some(bucket),
        key: (!key.is_empty()).then_some(key),
        query: &query,
        headers: &headers,
    };
    let (authorization, _) = oss_v1::authorization(&creds, &req, &date);
    headers.push(("Authorization".into(), authorization));
    let mut target = format!("/{bucket}/{}", enc(key));
    let pairs: Vec<String> = query
        .iter()
        .map(|(k, v)| match v {
            Some(v) => format!("{k}={}", enc(v)),
            None => k.clone(),
        })
        .collect();
    if !pairs.is_empty() {
        target = format!("{target}?{}", pairs.join("&"));
    }
    let mut stream = TcpStream::connect(cloud.addr).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(60)))
        .unwrap();
    let mut head = format!(
        "{method} {target} HTTP/1.1\r\nHost: {}\r\nConnection: close\r\nContent-Length: {}\r\n",
        cloud.addr,
        body.len()
    );
    for (k, v) in &headers {
        head.push_str(&format!("{k}: {v}\r\n"));
    }
    head.push_str("\r\n");
    stream.write_all(head.as_bytes()).unwrap();
    stream.write_all(body).unwrap();
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).unwrap();
    let text = String::from_utf8_lossy(&raw).into_owned();
    let (head, body) = text.split_once("\r\n\r\n").unwrap();
    let mut lines = head.lines();
    let status = lines
        .next()
        .unwrap()
        .split(' ')
        .nth(1)
        .unwrap()
        .parse()
        .unwrap();
    let headers = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_string()))
        .collect();
    Reply {
        status,
        headers,
        body: body.to_string(),
    }
}

pub fn stat(cloud: &Running, name: &str) -> u64 {
    let mut stream = TcpStream::connect(cloud.addr).unwrap();
    write!(
        stream,
        "GET /-/stats HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut text = String::new();
    stream.read_to_string(&mut text).unwrap();
    let json: serde_json::Value =
        serde_json::from_str(text.split_once("\r\n\r\n").unwrap().1).unwrap();
    json[name].as_u64().unwrap_or(0)
}
