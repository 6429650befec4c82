//! Where the credentials that sign a request come from: one small trait,
//! [`ProvideCredentials`], and one file per source behind it.
//!
//! - [`environment`]: `ALIBABA_CLOUD_ACCESS_KEY_ID`… and, for OSS, `OSS_ACCESS_KEY_ID`….
//! - [`profile_keys`]: the keys a profile of alicli's file holds (or its `[oss]` section).
//! - [`role`]: a role profile: AssumeRole with the credentials of its `source_profile`, kept fresh
//!   by [`cache`], which renews under the profile file's lock.
//! - [`official_cli`]: a profile of the official CLI's `~/.aliyun/config.json`, read only.
//!
//! [`chain`] asks them in the documented order (docs/credentials.md) and hands the client the
//! first that answers, as one `Arc<dyn ProvideCredentials>`; the client asks it before every
//! request and tells it when the service refused what it signed with. Nothing else holds a copy
//! of the credentials, so nothing signs with a stale one.
//!
//! The sources do no networking of their own: a role's AssumeRole goes through the
//! [`Services`] it is given, so each source is testable alone.

pub mod cache;
pub mod chain;
pub mod credentials_uri;
pub mod ecs_role;
pub mod environment;
pub mod exports;
pub mod official_cli;
pub mod oidc;
pub mod oidc_token;
pub mod process;
pub mod profile_keys;
pub mod renewal;
pub mod role;
pub mod static_keys;

use anyhow::Result;
use chrono::{DateTime, Utc};

use crate::error::{CredentialsError, ServiceError, UsageError};
use crate::net::fetch::{FetchAnswer, FetchRequest};
use crate::net::http::Net;
use crate::net::retry::Renewed;
use alicli_wire::endpoint::Endpoint;
use alicli_wire::signing::Credentials;
use alicli_wire::sts::{
    AssumeRoleRequest, AssumeRoleResponse, AssumeRoleWithOidcRequest, AssumeRoleWithOidcResponse,
};

/// Where a set of credentials came from, for messages and for `--save-profile`, which names the
/// source profile of what it saves.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CredentialSource {
    Environment(&'static str),
    Profile(String),
    ProfileOss(String),
    /// A profile of the official CLI's `~/.aliyun/config.json`, by its name there.
    Aliyun(String),
    /// A profile of the official libraries' `~/.alibabacloud/credentials`, by its name there.
    CredentialsFile(String),
    /// A source that gets credentials by itself, named by an environment variable.
    Keyless {
        what: &'static str,
        var: &'static str,
    },
}

impl std::fmt::Display for CredentialSource {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            CredentialSource::Environment(var) => write!(f, "environment ({var})"),
            CredentialSource::Profile(name) => write!(f, "profile {name:?}"),
            CredentialSource::ProfileOss(name) => write!(f, "profile {name:?} (oss section)"),
            CredentialSource::Aliyun(name) => {
                write!(
                    f,
                    "profile {name:?} of the official CLI (~/.aliyun/config.json)"
                )
            }
            CredentialSource::CredentialsFile(name) => {
                write!(f, "profile {name:?} of ~/.alibabacloud/credentials")
            }
            CredentialSource::Keyless { what, var } => write!(f, "{what} ({var})"),
        }
    }
}

/// Credentials to sign with, and when they stop working (as STS wrote it), if they do.
/// Debug shows the AccessKeyId only, as [`Credentials`] does.
#[derive(Clone, Debug)]
pub struct Issued {
    pub credentials: Credentials,
    pub expiration: Option<String>,
}

impl From<alicli_wire::sts::TemporaryCredentials> for Issued {
    fn from(c: alicli_wire::sts::TemporaryCredentials) -> Issued {
        Issued {
            credentials: Credentials::new(
                c.access_key_id,
                c.access_key_secret,
                Some(c.security_token),
            ),
            expiration: Some(c.expiration),
        }
    }
}

/// A source of signing credentials, asked before every request.
pub trait ProvideCredentials: Send + Sync {
    /// Where the credentials come from, for messages and the `-v` trace.
    fn source(&self) -> &CredentialSource;

    /// The credentials to sign the next request with. A source that renews itself does so
    /// first when they are missing or about to expire; fixed temporary credentials that have
    /// expired are an error (exit 3, with a hint), before anything is sent.
    fn credentials(&self) -> Result<Issued>;

    /// The service refused `refused` as expired or unknown although the clock says they are
    /// good. A source that can renew returns what to retry with; the others return `None`:
    /// there is nothing better to retry with.
    fn after_refusal(&self, _refused: &Credentials) -> Result<Option<Credentials>> {
        Ok(None)
    }

    /// True when the source can get new credentials by itself (a role profile).
    fn renews(&self) -> bool {
        false
    }

    /// True when it provides temporary credentials (with a security token): the hints of an
    /// access error then mention the session policy.
    fn temporary(&self) -> bool;
}

/// What a client does with a failed attempt signed with `used`: if the service refused them
/// and `provider` renews, the error comes back marked [`Renewed`], which the retry policy
/// sends again at once; otherwise it comes back as it was. A failed renewal replaces it (it
/// says more: the role cannot be assumed, say).
pub fn after_failure(
    provider: &dyn ProvideCredentials,
    err: anyhow::Error,
    used: &Credentials,
) -> anyhow::Error {
    if !provider.renews() || !is_refused_credentials(&err) {
        return err;
    }
    match provider.after_refusal(used) {
        Ok(Some(_)) => err.context(Renewed),
        Ok(None) => err,
        Err(renewal) => renewal.context(format!(
            "the service refused the credentials of {}, and renewing them failed",
            provider.source()
        )),
    }
}

/// The network calls the credential sources make, injected so that each source is testable
/// alone: STS AssumeRole (signed with what `signer` provides: a role is assumed on top of
/// another provider), STS AssumeRoleWithOIDC (anonymous), and one small HTTP exchange with a
/// credential server (ECS metadata, credentials URI, the GitHub Actions token endpoint). Each
/// goes out with `net`'s timeouts and proxy. [`crate::clients`] has the real implementation;
/// tests pass fakes.
pub trait Services: Send + Sync {
    fn assume_role(
        &self,
        endpoint: &Endpoint,
        net: &Net,
        signer: std::sync::Arc<dyn ProvideCredentials>,
        request: &AssumeRoleRequest,
        signature: crate::session::StsSignatureVersion,
    ) -> Result<AssumeRoleResponse>;

    fn assume_role_with_oidc(
        &self,
        endpoint: &Endpoint,
        net: &Net,
        request: &AssumeRoleWithOidcRequest,
    ) -> Result<AssumeRoleWithOidcResponse>;

    fn fetch(&self, net: &Net, request: &FetchRequest) -> Result<FetchAnswer>;
}

/// True when the service refused the request's credentials as expired or unknown: the case where
/// a role profile should renew once and the request be sent again. (Temporary credentials that
/// expired are reported as unknown by some endpoints, hence InvalidAccessKeyId.)
pub fn is_refused_credentials(err: &anyhow::Error) -> bool {
    err.chain()
        .filter_map(|c| c.downcast_ref::<ServiceError>())
        .any(|e| {
            let code = e.code.as_str();
            code.starts_with("SecurityTokenExpired")
                || code.starts_with("InvalidSecurityToken")
                || code.starts_with("InvalidAccessKeyId")
        })
}

/// True when `issued` should be replaced: temporary credentials (a token, or an expiry) whose
/// expiration is unknown, unreadable or within `margin` seconds of `now`. A long-term key
/// (from a credential process in AK mode, say) never is.
pub fn is_due(issued: &Issued, margin: u64, now: DateTime<Utc>) -> bool {
    if issued.expiration.is_none() && issued.credentials.security_token.is_none() {
        return false;
    }
    needs_renewal(issued.expiration.as_deref(), margin, now)
}

/// True when `expiration` is unknown, unreadable, or within `margin` seconds of `now`.
pub fn needs_renewal(expiration: Option<&str>, margin: u64, now: DateTime<Utc>) -> bool {
    let Some(at) = expiration.and_then(|e| DateTime::parse_from_rfc3339(e).ok()) else {
        return true;
    };
    // Capped so that an absurd margin from a hand-edited file cannot overflow the arithmetic.
    let margin = chrono::Duration::seconds(margin.min(100 * 365 * 86_400) as i64);
    at.with_timezone(&Utc) - margin <= now
}

/// Credentials that cannot go into a request (a token with a line break pasted into a
/// variable, say) are bad input, found before anything is sent: the HTTP library would refuse
/// the header only after every retry.
pub fn check_usable(credentials: &Credentials, source: &str) -> Result<()> {
    credentials.check().map_err(|why| {
        UsageError(format!("the credentials of {source} cannot be used: {why}")).into()
    })
}

/// Temporary credentials whose expiration has passed are refused before any request: the
/// service would only answer with a less helpful error.
pub fn check_not_expired(
    expiration: &str,
    source: &CredentialSource,
    now: DateTime<Utc>,
) -> Result<()> {
    let Ok(at) = DateTime::parse_from_rfc3339(expiration) else {
        return Err(UsageError(format!(
            "{source} has an expiration alicli cannot read: {expiration:?}"
        ))
        .into());
    };
    if at.with_timezone(&Utc) <= now {
        return Err(CredentialsError(format!(
            "the temporary credentials of {source} expired at {expiration}\nhint: run `alicli sts assume-role …` again to get new ones"
        ))
        .into());
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(text)
            .unwrap()
            .with_timezone(&Utc)
    }

    #[test]
    fn renewal_is_due_within_the_margin() {
        let now = at("2026-01-01T12:00:00Z");
        assert!(!needs_renewal(Some("2026-01-01T12:10:00Z"), 300, now));
        assert!(needs_renewal(Some("2026-01-01T12:05:00Z"), 300, now));
        assert!(needs_renewal(Some("2026-01-01T12:04:59Z"), 300, now));
        assert!(!needs_renewal(Some("2026-01-01T12:00:01Z"), 0, now));
        assert!(needs_renewal(Some("2026-01-01T11:00:00Z"), 0, now));
        assert!(needs_renewal(None, 300, now), "unknown expiry");
        assert!(needs_renewal(Some("soon"), 300, now), "unreadable expiry");
        assert!(needs_renewal(Some("2026-01-01T12:10:00Z"), u64::MAX, now));
    }

    #[test]
    fn refusals_are_recognised() {
        let svc = |code: &str| -> anyhow::Error {
            ServiceError {
                code: code.into(),
                status: 403,
                ..Default::default()
            }
            .into()
        };
        for code in [
            "SecurityTokenExpired",
            "InvalidSecurityToken",
            "InvalidSecurityToken.Expired",
            "InvalidAccessKeyId",
            "InvalidAccessKeyId.NotFound",
        ] {
            assert!(is_refused_credentials(&svc(code)), "{code}");
            assert!(is_refused_credentials(&svc(code).context("while getting")));
        }
        for code in ["AccessDenied", "SignatureDoesNotMatch", "NoSuchKey"] {
            assert!(!is_refused_credentials(&svc(code)), "{code}");
        }
        assert!(!is_refused_credentials(&anyhow::anyhow!("plain")));
    }

    #[test]
    fn expired_credentials_are_refused_with_a_hint() {
        let src = CredentialSource::Profile("p".into());
        let now = at("2026-01-01T00:00:00Z");
        let err = check_not_expired("2025-12-31T23:59:59Z", &src, now).unwrap_err();
        assert_eq!(
            crate::error::exit_for(&err),
            crate::error::Exit::Credentials
        );
        assert!(err.to_string().contains("assume-role"));
        assert!(check_not_expired("2026-01-01T00:00:01Z", &src, now).is_ok());
        assert!(check_not_expired("soon", &src, now).is_err());
    }
}
