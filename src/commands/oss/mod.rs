//! `alicli oss …`: config, get, put, sign; and what they share: the endpoint and signing flags,
//! and the choice of signature version.

pub mod config;
pub mod get;
pub mod put;
pub mod sign;

use anyhow::Result;
use clap::{Args, ValueEnum};

use crate::error::UsageError;
use crate::net::http;
use crate::oss::{OssClient, SignVersion};
use crate::resolve::{Resolved, Session};
use alicli_wire::endpoint::Endpoint;

/// Flags every OSS request command takes.
#[derive(Debug, Clone, Args)]
pub struct OssFlags {
    /// OSS endpoint, e.g. oss-cn-hangzhou.aliyuncs.com or http://127.0.0.1:9000
    #[arg(long, alias = "host", value_name = "ENDPOINT")]
    pub endpoint: Option<String>,
    /// Signature version [default: v4 when the region is known, else v1 with a warning]
    #[arg(long, value_enum, value_name = "VERSION")]
    pub sign_version: Option<SignVersionArg>,
}

/// Flags of the commands that move object bodies.
#[derive(Debug, Clone, Args)]
#[command(next_help_heading = "Transfer options")]
pub struct TransferFlags {
    /// Objects at least this large move in parts (e.g. 64M, 1G)
    #[arg(long, value_name = "SIZE", default_value = "64M", value_parser = parse_size)]
    pub multipart_threshold: u64,
    /// Part size [default: 8M, or larger to stay within 10000 parts]
    #[arg(long, value_name = "SIZE", value_parser = parse_size)]
    pub part_size: Option<u64>,
    /// Parts in flight at once
    #[arg(long, value_name = "N", default_value_t = crate::oss::transfer::DEFAULT_JOBS, value_parser = clap::value_parser!(usize))]
    pub jobs: usize,
    /// Do not resume an interrupted transfer, nor keep a checkpoint to resume this one
    #[arg(long)]
    pub no_resume: bool,
    /// No progress bar (it only shows when stderr is a terminal anyway)
    #[arg(long)]
    pub no_progress: bool,
}

impl TransferFlags {
    /// Checks what clap cannot: at least one job, and a part size OSS accepts.
    pub fn check(&self) -> Result<()> {
        if self.jobs == 0 || self.jobs > 64 {
            return Err(UsageError(format!("invalid --jobs {}: give 1 to 64", self.jobs)).into());
        }
        if let Some(p) = self.part_size {
            crate::oss::transfer::check_part_size(p, None)?;
        }
        Ok(())
    }
}

/// Sizes as people write them: `1048576`, `512K`, `64M`, `1.5G`, `8MiB` (binary units).
pub fn parse_size(text: &str) -> std::result::Result<u64, String> {
    let t = text.trim();
    let split = t
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(t.len());
    let (number, unit) = t.split_at(split);
    let scale: u64 = match unit
        .trim()
        .to_ascii_lowercase()
        .trim_end_matches('b')
        .trim_end_matches('i')
    {
        "" => 1,
        "k" => 1 << 10,
        "m" => 1 << 20,
        "g" => 1 << 30,
        "t" => 1 << 40,
        _ => return Err(format!("{text:?} is not a size (use e.g. 8M, 64M, 1G)")),
    };
    let value: f64 = number
        .parse()
        .map_err(|_| format!("{text:?} is not a size (use e.g. 8M, 64M, 1G)"))?;
    let bytes = value * scale as f64;
    if !(0.0..1.8e19).contains(&bytes) {
        return Err(format!("{text:?} is out of range"));
    }
    Ok(bytes as u64)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SignVersionArg {
    /// OSS signature v1 (HMAC-SHA1); closed to accounts created since 2025-03-01
    V1,
    /// OSS signature v4 (OSS4-HMAC-SHA256); needs the region
    V4,
}

impl SignVersionArg {
    pub fn parse_setting(text: &str) -> Option<SignVersionArg> {
        match text.trim().to_ascii_lowercase().as_str() {
            "v1" | "1" => Some(SignVersionArg::V1),
            "v4" | "4" => Some(SignVersionArg::V4),
            _ => None,
        }
    }
}

/// The signing version and region: `--sign-version` or the profile's `sign_version` force one;
/// otherwise v4 whenever a region is known (`--region`, `ALIBABA_CLOUD_REGION_ID`, the
/// endpoint's host, the profile), and v1 with a warning when none is.
pub(crate) fn sign_version(
    session: &Session,
    endpoint: &Endpoint,
    flag: Option<SignVersionArg>,
) -> Result<SignVersion> {
    let profile_choice = session.profile_setting(|p| {
        p.oss
            .as_ref()
            .and_then(|o| o.sign_version.clone())
            .or_else(|| p.sign_version.clone())
    })?;
    let forced = match (flag, profile_choice) {
        (Some(f), _) => Some(f),
        (None, Some((text, from))) => {
            Some(SignVersionArg::parse_setting(&text).ok_or_else(|| {
                UsageError(format!(
                    "profile {from:?} has sign_version = {text:?}; use \"v1\" or \"v4\""
                ))
            })?)
        }
        (None, None) => None,
    };
    let region = session.oss_signing_region(endpoint)?;
    Ok(match (forced, region) {
        (Some(SignVersionArg::V1), _) => SignVersion::V1,
        (_, Some(region)) => SignVersion::V4 { region },
        (Some(SignVersionArg::V4), None) => {
            return Err(UsageError(format!(
                "OSS signature v4 needs the region and {endpoint} does not name one: pass --region (e.g. --region cn-hangzhou), set ALIBABA_CLOUD_REGION_ID, or run `alicli oss config --region REGION`"
            ))
            .into())
        }
        (None, None) => {
            crate::terminal::output::warn(&format!(
                "no region known for {endpoint}: signing with OSS v1, which accounts created since 2025-03-01 cannot use; pass --region (e.g. --region cn-hangzhou) or run `alicli oss config --region REGION`"
            ));
            SignVersion::V1
        }
    })
}

/// Builds an OSS client from the session: endpoint, credentials and signing version. The client
/// asks a credentials provider before every request, so a role profile renews itself (also
/// between the parts of a transfer); the returned [`Resolved`] is what it holds now.
pub(crate) fn client<'a>(
    session: &Session,
    http: &'a http::Client,
    flags: &OssFlags,
) -> Result<(OssClient<'a>, Resolved)> {
    let endpoint = session.oss_endpoint(flags.endpoint.as_deref())?;
    let provider = crate::credentials::for_oss(session)?;
    let sign = sign_version(session, &endpoint, flags.sign_version)?;
    crate::terminal::output::verbose(&format!(
        "credentials from {}; endpoint {endpoint}; signing {sign}",
        provider.source()
    ));
    let (credentials, expiration) = provider.current_with_expiration()?;
    let resolved = Resolved {
        credentials: credentials.clone(),
        source: provider.source().clone(),
        expiration,
    };
    let client = OssClient {
        http,
        endpoint,
        credentials,
        sign,
        retry: session.net()?.retry,
        provider: Some(std::sync::Arc::new(provider)),
    };
    Ok((client, resolved))
}

/// Adds the OSS hint to a service error from `client`.
pub(crate) fn with_hint(err: anyhow::Error, client: &OssClient) -> anyhow::Error {
    let temporary = client.credentials.security_token.is_some();
    crate::terminal::hints::attach(err, |e| crate::terminal::hints::oss(e, temporary))
}

#[cfg(test)]
mod tests {
    use super::parse_size;

    #[test]
    fn sizes() {
        assert_eq!(parse_size("1048576"), Ok(1 << 20));
        assert_eq!(parse_size("64M"), Ok(64 << 20));
        assert_eq!(parse_size("8MiB"), Ok(8 << 20));
        assert_eq!(parse_size("1.5g"), Ok(3 << 29));
        assert_eq!(parse_size("100k"), Ok(102400));
        assert!(parse_size("lots").is_err());
        assert!(parse_size("5X").is_err());
        assert!(parse_size("").is_err());
    }
}
