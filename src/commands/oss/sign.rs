//! `alicli oss sign` (alias `SignUrl`): print a presigned URL for one object, so a client with no
//! SDK and no credentials (a phone, a browser, `curl`) can GET or PUT it until it expires.
//! Signed as requests are ([`crate::oss::OssClient::presign`]): v4 when the region is known,
//! else v1; the security token travels in the URL when the credentials are temporary.

use anyhow::Result;
use chrono::Utc;
use clap::{Args, ValueEnum};

use crate::error::usage;
use crate::net::http;
use crate::oss::OssUrl;
use crate::session::{Globals, Session};

/// Presigned URLs last at most this long (OSS v4's limit; applied to v1 too).
pub const MAX_EXPIRES: u64 = 7 * 24 * 3600;

#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  alicli oss sign oss://sample-bucket/2015/01/01/grass.jpg --expires 600\n  \
curl -T photo.jpg -H 'Content-Type: image/jpeg' \"$(alicli oss sign oss://b/photo.jpg --method PUT --content-type image/jpeg)\""
)]
pub struct SignArgs {
    /// Object the URL is for: oss://bucket/key
    #[arg(value_name = "oss://BUCKET/KEY")]
    pub target: String,
    /// Seconds the URL stays valid, 1 to 604800 (7 days)
    #[arg(long, default_value = "3600", value_name = "SECONDS")]
    pub expires: String,
    /// HTTP method the URL allows
    #[arg(long, value_enum, ignore_case = true, default_value = "get")]
    pub method: SignMethod,
    /// Content-Type the uploader must send (signed into a PUT URL)
    #[arg(long, value_name = "TYPE")]
    pub content_type: Option<String>,
    #[command(flatten)]
    pub oss: crate::clients::OssFlags,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SignMethod {
    Get,
    Put,
}

pub fn run(globals: Globals, args: SignArgs) -> Result<()> {
    let url = OssUrl::parse_object(&args.target)?;
    let expires: u64 = match args.expires.trim().parse() {
        Ok(e) if (1..=MAX_EXPIRES).contains(&e) => e,
        _ => usage!(
            "invalid --expires {:?}: give seconds from 1 to {MAX_EXPIRES} (7 days)",
            args.expires
        ),
    };
    if let Some(t) = &args.content_type {
        http::check_header_value("--content-type", t)?;
    }
    let session = Session::new(globals)?;
    let client = args.oss.client(&session)?;
    let method = match args.method {
        SignMethod::Get => "GET",
        SignMethod::Put => "PUT",
    };
    let headers: Vec<(String, String)> = args
        .content_type
        .iter()
        .map(|t| ("Content-Type".to_string(), t.clone()))
        .collect();
    let now = Utc::now();
    let (url_text, signed, expiration) =
        client.presign(method, &url.bucket, &url.key, &headers, now, expires)?;
    if let Some(exp) = expiration
        .as_deref()
        .and_then(|e| chrono::DateTime::parse_from_rfc3339(e).ok())
    {
        if exp < now + chrono::Duration::seconds(expires as i64) {
            crate::terminal::output::warn(&format!(
                "the URL stops working when the temporary credentials expire, at {} (before the {expires} s asked for)",
                exp.format("%Y-%m-%dT%H:%M:%SZ")
            ));
        }
    }
    crate::terminal::output::verbose(&format!("> signed ({}): {signed:?}", client.sign));
    crate::write_stdout(format!("{url_text}\n").as_bytes())
}
