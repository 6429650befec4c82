//! The one place where clients are built from the session: the endpoint, the region and the
//! OSS signature version, the network settings, and the credential provider each client asks
//! before every request. Commands parse their flags, call [`sts`] or [`oss`], call the client,
//! and render what it answers.

use std::sync::Arc;

use anyhow::Result;
use clap::{Args, ValueEnum};

use crate::credentials::chain::{self, For};
use crate::credentials::{ProvideCredentials, Services};
use crate::error::UsageError;
use crate::net::fetch::{FetchAnswer, FetchRequest};
use crate::net::http::Net;
use crate::oss::{OssClient, SignVersion};
use crate::session::{Session, StsSignatureVersion};
use crate::sts::{
    AssumeRoleRequest, AssumeRoleResponse, AssumeRoleWithOidcRequest, AssumeRoleWithOidcResponse,
    StsClient,
};
use alicli_wire::endpoint::Endpoint;

/// `--sign-version`, and the profile's `sign_version`.
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

impl OssFlags {
    /// The OSS client these flags ask for ([`oss`]).
    pub fn client(&self, session: &Session) -> Result<OssClient> {
        oss(session, self.endpoint.as_deref(), self.sign_version)
    }
}

/// The network the credential sources reach: STS for a role's or an OIDC profile's renewal,
/// and the credential servers (ECS metadata, credentials URI, GitHub Actions).
struct LiveServices;

impl Services for LiveServices {
    fn assume_role(
        &self,
        endpoint: &Endpoint,
        net: &Net,
        signer: Arc<dyn ProvideCredentials>,
        request: &AssumeRoleRequest,
        signature: StsSignatureVersion,
    ) -> Result<AssumeRoleResponse> {
        StsClient {
            http: crate::net::http::client_for(endpoint, net)?,
            endpoint: endpoint.clone(),
            retry: net.retry,
            credentials: signer,
            signature,
        }
        .assume_role(request)
    }

    fn assume_role_with_oidc(
        &self,
        endpoint: &Endpoint,
        net: &Net,
        request: &AssumeRoleWithOidcRequest,
    ) -> Result<AssumeRoleWithOidcResponse> {
        let http = crate::net::http::client_for(endpoint, net)?;
        crate::sts::assume_role_with_oidc(&http, endpoint, net.retry, request)
    }

    fn fetch(&self, net: &Net, request: &FetchRequest) -> Result<FetchAnswer> {
        crate::net::fetch::fetch(net, request)
    }
}

/// How the credential sources reach the network.
pub fn services() -> Arc<dyn Services> {
    Arc::new(LiveServices)
}

fn context<'a>(session: &'a Session, sts_endpoint: Option<&'a str>) -> chain::Context<'a> {
    chain::Context {
        session,
        services: services(),
        sts_endpoint,
    }
}

/// An STS client for this session; `endpoint` is the command's `--endpoint`. The signature
/// version is settled first (a bad profile value fails before any request, a role profile's
/// renewal included), then the credentials are asked for once, so that missing or expired ones
/// fail before anything else is done.
pub fn sts(session: &Session, endpoint: Option<&str>) -> Result<StsClient> {
    let signature = session.sts_signature()?;
    let target = session.sts_endpoint(endpoint)?;
    let net = session.net()?;
    let http = crate::net::http::client_for(&target, &net)?;
    let credentials = chain::resolve(&context(session, endpoint), For::Sts)?;
    crate::terminal::output::verbose(&format!(
        "credentials from {}; endpoint {target}; signing STS {signature}",
        credentials.source()
    ));
    credentials.credentials()?;
    Ok(StsClient {
        http,
        endpoint: target,
        retry: net.retry,
        credentials,
        signature,
    })
}

/// An OSS client for this session: `endpoint` and `sign_version` are the command's flags.
pub fn oss(
    session: &Session,
    endpoint: Option<&str>,
    sign_version: Option<SignVersionArg>,
) -> Result<OssClient> {
    let target = session.oss_endpoint(endpoint)?;
    let net = session.net()?;
    let http = crate::net::http::client_for(&target, &net)?;
    let credentials = chain::resolve(&context(session, None), For::Oss)?;
    let sign = choose_sign_version(session, &target, sign_version)?;
    crate::terminal::output::verbose(&format!(
        "credentials from {}; endpoint {target}; signing {sign}",
        credentials.source()
    ));
    credentials.credentials()?;
    Ok(OssClient {
        http,
        endpoint: target,
        sign,
        retry: net.retry,
        credentials,
    })
}

/// AssumeRoleWithOIDC for this session: anonymous, so no credentials are looked for; the
/// endpoint follows the rules of every STS call (`endpoint` is the command's `--endpoint`).
pub fn assume_role_with_oidc(
    session: &Session,
    endpoint: Option<&str>,
    request: &AssumeRoleWithOidcRequest,
) -> Result<AssumeRoleWithOidcResponse> {
    let target = session.sts_endpoint(endpoint)?;
    let net = session.net()?;
    services()
        .assume_role_with_oidc(&target, &net, request)
        .map_err(|e| {
            crate::terminal::hints::attach(e, crate::terminal::hints::assume_role_with_oidc)
        })
}

/// The credentials `configure export-credentials` prints.
pub fn credentials_for_export(session: &Session) -> Result<Arc<dyn ProvideCredentials>> {
    chain::resolve_for_export(&context(session, None))
}

/// Adds the OSS hint to a service error from `client`.
pub fn with_oss_hint(err: anyhow::Error, client: &OssClient) -> anyhow::Error {
    let temporary = client.credentials.temporary();
    crate::terminal::hints::attach(err, |e| crate::terminal::hints::oss(e, temporary))
}

/// The signing version and region: `--sign-version` or the profile's `sign_version` force one;
/// otherwise v4 whenever a region is known (`--region`, `ALIBABA_CLOUD_REGION_ID`, the
/// endpoint's host, the profile), and v1 with a warning when none is.
fn choose_sign_version(
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
