//! alicli: the Alibaba Cloud temporary-credential flow in one binary. STS AssumeRole with an
//! inline policy, credentials kept in a profile file, OSS downloads and uploads signed with them,
//! and a local cloud to test all of it against.
//!
//! The crate is a library so that tests and fuzz targets can reach the parsers and signers; the
//! binary in `main.rs` is a thin shell around [`cli::run`].

pub mod cli;
pub mod commands;
pub mod crc64;
pub mod emulator;
pub mod endpoint;
pub mod error;
pub mod hints;
pub mod http;
pub mod oss;
pub mod output;
pub mod policy;
pub mod profile;
pub mod redact;
pub mod resolve;
pub mod signing;
pub mod sts;

/// Writes data to stdout. A closed pipe (`alicli … | head`) surfaces as a BrokenPipe error that
/// `main` turns into a quiet exit.
pub fn write_stdout(data: &[u8]) -> anyhow::Result<()> {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    out.write_all(data)?;
    out.flush()?;
    Ok(())
}

/// True when the error is only that stdout was closed by the reader.
pub fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|c| {
        c.downcast_ref::<std::io::Error>()
            .is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe)
    })
}
