//! An OIDC role: STS AssumeRoleWithOIDC with `role_arn`, `oidc_provider_arn` and a token from
//! the job's identity provider (a token file, or the GitHub Actions token endpoint; see
//! [`super::oidc_token`]). No AccessKey is involved anywhere: this is how a CI job or a
//! Kubernetes pod (ACK RRSA) gets credentials without a stored secret. The same request is
//! built here for `sts assume-role-with-oidc` and for a profile renewing itself, so both check
//! the same rules before anything is sent.

use anyhow::{Context, Result};

use super::oidc_token::TokenSource;
use super::{Issued, Services};
use crate::config::profile::Profile;
use crate::error::UsageError;
use crate::net::http::Net;
use alicli_wire::endpoint::Endpoint;
use alicli_wire::names::{check_oidc_provider_arn, check_role_arn, check_session_name};
use alicli_wire::sts::AssumeRoleWithOidcRequest;

/// The audience a GitHub Actions token is asked for when nothing else is said: the one
/// Alibaba Cloud's own GitHub action uses, which OIDC providers are set up to accept.
pub const DEFAULT_AUDIENCE: &str = "sts.aliyuncs.com";

/// What an AssumeRoleWithOIDC asks for, before the token is read.
#[derive(Debug, Clone)]
pub struct OidcRole {
    pub role_arn: String,
    pub oidc_provider_arn: String,
    pub role_session_name: String,
    pub policy: Option<String>,
    pub duration_seconds: Option<u64>,
}

impl OidcRole {
    /// The request with `token`, which is checked to be a JWT (exit 3 when not).
    pub fn request(&self, token: String) -> AssumeRoleWithOidcRequest {
        AssumeRoleWithOidcRequest {
            role_arn: self.role_arn.clone(),
            oidc_provider_arn: self.oidc_provider_arn.clone(),
            oidc_token: token,
            role_session_name: self.role_session_name.clone(),
            policy: self.policy.clone(),
            duration_seconds: self.duration_seconds,
        }
    }
}

/// Checks the ARNs and the session name (bad ones are exit 2, before any request).
pub fn check(role: &OidcRole) -> Result<()> {
    check_role_arn(&role.role_arn)?;
    check_oidc_provider_arn(&role.oidc_provider_arn)?;
    check_session_name(&role.role_session_name)?;
    Ok(())
}

/// An OIDC profile's request, checked as the command's flags are (a profile edited by hand is
/// input too); its policy passes the session-policy check of `--policy`.
pub fn check_profile(name: &str, p: &Profile) -> Result<OidcRole> {
    let bad = |e: &dyn std::fmt::Display| UsageError(format!("profile {name:?}: {e}"));
    if let Some(d) = p.duration_seconds {
        alicli_wire::names::check_duration(&d.to_string()).map_err(|e| bad(&e))?;
    }
    if let Some(policy) = &p.policy {
        let report = crate::policy_input::check_session_policy(policy).map_err(|e| bad(&e))?;
        crate::policy_input::warn_findings(&format!("profile {name:?} policy"), &report);
    }
    if p.external_id.is_some() {
        return Err(bad(&"external_id is for AssumeRole; AssumeRoleWithOIDC has none").into());
    }
    let role = OidcRole {
        role_arn: p.role_arn.clone().unwrap_or_default(),
        oidc_provider_arn: p.oidc_provider_arn.clone().unwrap_or_default(),
        role_session_name: p
            .role_session_name
            .clone()
            .or_else(ci_session_name)
            .unwrap_or_else(|| super::role::default_session_name(name)),
        policy: p.policy.clone(),
        duration_seconds: p.duration_seconds,
    };
    check(&role).map_err(|e| bad(&e))?;
    Ok(role)
}

/// Assumes OIDC profile `name`'s role at `endpoint` with a token read now: a token file is read
/// at every renewal (Kubernetes and CI runners replace it before it expires).
pub fn assume(
    name: &str,
    p: &Profile,
    endpoint: &Endpoint,
    net: &Net,
    services: &dyn Services,
) -> Result<Issued> {
    let role = check_profile(name, p)?;
    let Some(source) = TokenSource::find(
        None,
        p.oidc_token_file.as_deref(),
        p.oidc_audience.as_deref(),
    )?
    else {
        return Err(UsageError(format!(
            "profile {name:?} has no OIDC token: set its oidc_token_file, or ALIBABA_CLOUD_OIDC_TOKEN_FILE, or run it in a GitHub Actions job with `permissions: id-token: write`"
        ))
        .into());
    };
    let token = source.read(services, net)?;
    crate::terminal::output::verbose(&format!(
        "profile {name:?}: OIDC token from {}",
        source.describe()
    ));
    let response = services
        .assume_role_with_oidc(endpoint, net, &role.request(token))
        .map_err(|e| {
            crate::terminal::hints::attach(e, crate::terminal::hints::assume_role_with_oidc)
        })
        .with_context(|| format!("cannot renew the credentials of profile {name:?}"))?;
    Ok(Issued::from(response.credentials))
}

/// A session name that says which CI run asked, when alicli runs in one: it shows in the
/// audit log (ActionTrail) beside the role. GitHub Actions: `gh-<run id>-<attempt>`; GitLab CI:
/// `gitlab-<job id>`.
pub fn ci_session_name() -> Option<String> {
    use crate::config::precedence::env;
    let name = if let Some(run) = env("GITHUB_RUN_ID") {
        format!(
            "gh-{run}-{}",
            env("GITHUB_RUN_ATTEMPT").unwrap_or_else(|| "1".into())
        )
    } else if let Some(job) = env("CI_JOB_ID") {
        format!("gitlab-{job}")
    } else {
        return None;
    };
    let name: String = name
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || ".@-_".contains(*c))
        .take(64)
        .collect();
    (name.len() >= 2).then_some(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn oidc_profile() -> Profile {
        Profile {
            role_arn: Some("acs:ram::1234567890123456:role/ci-deploy".into()),
            oidc_provider_arn: Some("acs:ram::1234567890123456:oidc-provider/alicli-ci".into()),
            role_session_name: Some("run-1".into()),
            ..Default::default()
        }
    }

    #[test]
    fn an_oidc_profile_is_checked_before_use() {
        let role = check_profile("ci", &oidc_profile()).unwrap();
        assert_eq!(role.role_session_name, "run-1");
        assert_eq!(
            role.oidc_provider_arn,
            "acs:ram::1234567890123456:oidc-provider/alicli-ci"
        );
        for bad in [
            Profile {
                oidc_provider_arn: Some("acs:ram::1:role/not-a-provider".into()),
                ..oidc_profile()
            },
            Profile {
                external_id: Some("abc".into()),
                ..oidc_profile()
            },
            Profile {
                duration_seconds: Some(10),
                ..oidc_profile()
            },
            Profile {
                role_session_name: Some("has space".into()),
                ..oidc_profile()
            },
        ] {
            let e = check_profile("ci", &bad).unwrap_err();
            assert_eq!(crate::error::exit_for(&e), crate::error::Exit::Usage);
            assert!(e.to_string().starts_with("profile \"ci\""), "{e}");
        }
    }

    #[test]
    fn the_request_carries_the_token_but_debug_hides_it() {
        let role = check_profile("ci", &oidc_profile()).unwrap();
        let request = role.request("eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln".into());
        assert_eq!(
            request.oidc_token,
            "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln"
        );
        assert!(!format!("{request:?}").contains("eyJ"));
    }
}
