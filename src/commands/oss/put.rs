//! `alicli oss put` (aliyuncli: `oss Put`): upload a file, or stdin, to an object. The body
//! streams from disk (or stdin, chunked) and its CRC-64 is checked against what OSS stored.

use std::fs::File;
use std::io::IsTerminal;
use std::path::Path;

use anyhow::Result;
use clap::Args;
use reqwest::blocking::Body;

use crate::crc64::{Tally, TallyReader};
use crate::error::{usage, UsageError};
use crate::http;
use crate::oss::OssUrl;
use crate::resolve::{Globals, Session};

#[derive(Debug, Args)]
pub struct PutArgs {
    /// File to upload, or `-` for stdin
    #[arg(value_name = "SRC")]
    pub source: String,
    /// Destination: oss://bucket/key (a key ending in `/` takes the file's name)
    #[arg(value_name = "oss://BUCKET/KEY")]
    pub dest: String,
    #[command(flatten)]
    pub oss: super::OssFlags,
    /// Content-Type to store [default: guessed from the key's extension]
    #[arg(long, value_name = "TYPE")]
    pub content_type: Option<String>,
}

pub fn run(globals: Globals, args: PutArgs) -> Result<()> {
    let mut url = OssUrl::parse_object(&args.dest)?;
    let from_stdin = args.source == "-";
    if url.key.ends_with('/') {
        if from_stdin {
            usage!("{url} ends in '/': name the object when uploading stdin");
        }
        let name = Path::new(&args.source)
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        url.key.push_str(&name);
        crate::oss::url::check_key(&url.key)
            .map_err(|why| UsageError(format!("invalid object key {:?}: {why}", url.key)))?;
    }
    let content_type = match &args.content_type {
        Some(t) if t.trim().is_empty() || t.contains(['\r', '\n']) => {
            usage!("invalid --content-type {t:?}")
        }
        Some(t) => t.clone(),
        None => mime_guess::from_path(&url.key)
            .first_or_octet_stream()
            .essence_str()
            .to_string(),
    };

    let tally = Tally::default();
    let body = if from_stdin {
        if std::io::stdin().is_terminal() {
            usage!("stdin is a terminal: pipe data in, or give a file name instead of '-'");
        }
        Body::new(TallyReader::new(std::io::stdin(), tally.clone()))
    } else {
        let path = Path::new(&args.source);
        let file = File::open(path)
            .map_err(|e| UsageError(format!("cannot read {}: {e}", path.display())))?;
        let meta = file
            .metadata()
            .map_err(|e| UsageError(format!("cannot read {}: {e}", path.display())))?;
        if meta.is_dir() {
            usage!(
                "{} is a folder; alicli oss put uploads one file",
                path.display()
            );
        }
        Body::sized(TallyReader::new(file, tally.clone()), meta.len())
    };

    let session = Session::new(globals)?;
    let http = http::client()?;
    let (client, _) = super::client(&session, &http, &args.oss)?;
    let result = client
        .put_object(&url.bucket, &url.key, body, &content_type)
        .map_err(|e| super::with_hint(e, &client))?;
    let (crc, len) = tally.get();
    if let Some(server_crc) = result.crc64 {
        if server_crc != crc {
            anyhow::bail!(
                "upload corrupted in transit: OSS stored CRC-64 {server_crc}, alicli sent {crc} (RequestId {}); upload it again",
                result.request_id
            );
        }
    }
    crate::output::info(&format!("uploaded {len} bytes to {url}"));
    Ok(())
}
