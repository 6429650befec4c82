//! `alicli oss get` (aliyuncli: `oss Get`): download an object to a file, a folder, or stdout.
//!
//! A download goes to a temporary file beside DEST and is renamed into place only when its length
//! and CRC-64 match what OSS said; on any failure DEST is left exactly as it was.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use clap::Args;

use crate::crc64::{Tally, TallyReader};
use crate::error::{usage, UsageError};
use crate::http;
use crate::oss::client::header;
use crate::oss::OssUrl;
use crate::resolve::{Globals, Session};

#[derive(Debug, Args)]
pub struct GetArgs {
    /// Object to download: oss://bucket/key
    #[arg(value_name = "oss://BUCKET/KEY")]
    pub source: String,
    /// File or folder to write; `-` writes to stdout [default: the key's file name in the current folder]
    #[arg(value_name = "DEST")]
    pub dest: Option<String>,
    #[command(flatten)]
    pub oss: super::OssFlags,
}

enum Dest {
    Stdout,
    File(PathBuf),
}

/// Where the object goes: DEST, DEST/<name> when DEST is a folder, or ./<name>.
fn destination(url: &OssUrl, dest: Option<&str>) -> Result<Dest> {
    let name = url.key.rsplit('/').next().unwrap_or_default();
    if dest == Some("-") {
        return Ok(Dest::Stdout);
    }
    let needs_name = || -> Result<&str> {
        if name.is_empty() || name == "." || name == ".." {
            return Err(UsageError(format!(
                "{url} ends in '/', so it names no file: give a DEST file name"
            ))
            .into());
        }
        Ok(name)
    };
    let path = match dest {
        None => PathBuf::from(needs_name()?),
        Some(d)
            if Path::new(d).is_dir()
                || d.ends_with('/')
                || d.ends_with(std::path::MAIN_SEPARATOR) =>
        {
            Path::new(d).join(needs_name()?)
        }
        Some(d) => PathBuf::from(d),
    };
    Ok(Dest::File(path))
}

pub fn run(globals: Globals, args: GetArgs) -> Result<()> {
    let url = OssUrl::parse_object(&args.source)?;
    let dest = destination(&url, args.dest.as_deref())?;
    // Open the temporary file before any request: an unwritable destination is bad input (exit 2),
    // found without touching the network.
    let tmp = match &dest {
        Dest::File(path) => Some(temp_beside(path)?),
        Dest::Stdout => None,
    };
    let session = Session::new(globals)?;
    let http = http::client()?;
    let (client, _) = super::client(&session, &http, &args.oss)?;
    let response = client
        .get_object(&url.bucket, &url.key)
        .map_err(|e| super::with_hint(e, &client))?;
    let expected_len = response.content_length();
    let expected_crc =
        header(&response, "x-oss-hash-crc64ecma").and_then(|v| v.parse::<u64>().ok());
    let tally = Tally::default();
    let mut reader = TallyReader::new(response, tally.clone());
    let host = client.endpoint.authority();

    match (dest, tmp) {
        (Dest::File(path), Some(mut tmp)) => {
            copy_body(&mut reader, tmp.as_file_mut(), &host)?;
            let (crc, len) = tally.get();
            verify(len, crc, expected_len, expected_crc)?;
            tmp.as_file().sync_all().ok();
            tmp.persist(&path).map_err(|e| {
                anyhow::anyhow!(
                    "cannot move the download into {}: {}",
                    path.display(),
                    e.error
                )
            })?;
            crate::output::info(&format!(
                "downloaded {url} to {} ({len} bytes)",
                path.display()
            ));
        }
        _ => {
            let stdout = std::io::stdout();
            let mut out = stdout.lock();
            copy_body(&mut reader, &mut out, &host)?;
            out.flush().context("cannot write to stdout")?;
            let (crc, len) = tally.get();
            verify(len, crc, expected_len, expected_crc)?;
        }
    }
    Ok(())
}

/// A temporary file in DEST's folder (so the final rename is atomic), checked for writability.
fn temp_beside(path: &Path) -> Result<tempfile::NamedTempFile> {
    if path.is_dir() {
        usage!("{} is a folder", path.display());
    }
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    if !dir.is_dir() {
        usage!(
            "cannot write {}: folder {} does not exist",
            path.display(),
            dir.display()
        );
    }
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    tempfile::Builder::new()
        .prefix(&format!(".{name}."))
        .suffix(".alicli-part")
        .tempfile_in(dir)
        .map_err(|e| UsageError(format!("cannot write to {}: {e}", dir.display())).into())
}

fn copy_body(reader: &mut impl Read, out: &mut impl Write, host: &str) -> Result<u64> {
    let mut buf = vec![0u8; 256 * 1024];
    let mut total = 0u64;
    loop {
        let n = match reader.read(&mut buf) {
            Ok(0) => return Ok(total),
            Ok(n) => n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => {
                return Err(crate::error::NetworkError {
                    message: format!("download from {host} broke off after {total} bytes: {e}"),
                    hint: None,
                }
                .into())
            }
        };
        out.write_all(&buf[..n])
            .context("cannot write the download")?;
        total += n as u64;
    }
}

/// The body must be as long as announced and hash to the CRC-64 OSS reported.
fn verify(len: u64, crc: u64, expected_len: Option<u64>, expected_crc: Option<u64>) -> Result<()> {
    if let Some(expected) = expected_len {
        if expected != len {
            return Err(crate::error::NetworkError {
                message: format!("download incomplete: got {len} of {expected} bytes"),
                hint: None,
            }
            .into());
        }
    }
    if let Some(expected) = expected_crc {
        if expected != crc {
            anyhow::bail!(
                "download corrupted: CRC-64 is {crc}, OSS says {expected}; nothing was written"
            );
        }
    }
    Ok(())
}
