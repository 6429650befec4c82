//! A role profile's way to new credentials: AssumeRole (`role_arn`, `role_session_name`,
//! `policy`…) signed with the credentials of its `source_profile`, which may be any profile
//! that has or gets credentials (keys, another role, an OIDC role, the ECS instance role…).
//! When and under which lock it runs is [`super::renewal`]'s business.

use std::sync::Arc;

use anyhow::{Context, Result};

use super::{Issued, ProvideCredentials, Services};
use crate::config::profile::Profile;
use crate::error::UsageError;
use crate::net::http::Net;
use alicli_wire::endpoint::Endpoint;
use alicli_wire::sts::AssumeRoleRequest;

/// Where and how an AssumeRole goes: the endpoint, the network settings, the services that
/// send it, and the STS signature version.
pub struct Sts<'a> {
    pub endpoint: &'a Endpoint,
    pub net: &'a Net,
    pub services: &'a dyn Services,
    pub signature: crate::session::StsSignatureVersion,
}

/// Assumes role profile `name`'s role through `sts`, signed by `signer` (the credentials of its
/// source profile `source_name`).
pub fn assume(
    name: &str,
    p: &Profile,
    source_name: &str,
    signer: Arc<dyn ProvideCredentials>,
    sts: &Sts,
) -> Result<Issued> {
    let request = role_request(name, p)?;
    let response = sts
        .services
        .assume_role(sts.endpoint, sts.net, signer, &request, sts.signature)
        .map_err(|e| {
            crate::terminal::hints::attach(e, |svc| {
                crate::terminal::hints::assume_role(svc, &request.role_arn, source_name)
            })
        })
        .with_context(|| format!("cannot renew the credentials of profile {name:?}"))?;
    Ok(Issued::from(response.credentials))
}

/// The AssumeRole a role profile sends, checked as `sts assume-role` checks its flags (a profile
/// edited by hand is input too: bad values are exit 2, found before any request). The inline
/// policy passes the same session-policy check as `--policy` ([`crate::policy_input`]).
pub fn role_request(name: &str, p: &Profile) -> Result<AssumeRoleRequest> {
    use alicli_wire::names::{check_duration, check_external_id, check_role_arn};
    let bad = |e: &dyn std::fmt::Display| UsageError(format!("profile {name:?}: {e}"));
    let role_arn = p.role_arn.clone().unwrap_or_default();
    check_role_arn(&role_arn).map_err(|e| bad(&e))?;
    let role_session_name = p
        .role_session_name
        .clone()
        .unwrap_or_else(|| default_session_name(name));
    alicli_wire::names::check_session_name(&role_session_name).map_err(|e| bad(&e))?;
    if let Some(d) = p.duration_seconds {
        check_duration(&d.to_string()).map_err(|e| bad(&e))?;
    }
    if let Some(id) = &p.external_id {
        check_external_id(id).map_err(|e| bad(&e))?;
    }
    if let Some(policy) = &p.policy {
        let report = crate::policy_input::check_session_policy(policy).map_err(|e| bad(&e))?;
        crate::policy_input::warn_findings(&format!("profile {name:?} policy"), &report);
    }
    Ok(AssumeRoleRequest {
        role_arn,
        role_session_name,
        policy: p.policy.clone(),
        duration_seconds: p.duration_seconds,
        external_id: p.external_id.clone(),
    })
}

/// `alicli-<profile>`, kept to the characters and length STS accepts.
pub fn default_session_name(profile: &str) -> String {
    let mut name: String = format!("alicli-{profile}")
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || ".@-_".contains(*c))
        .collect();
    name.truncate(64);
    name
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn session_names_default_to_the_profile() {
        assert_eq!(default_session_name("ci"), "alicli-ci");
        assert_eq!(default_session_name("aliyun:ops"), "alicli-aliyunops");
        assert_eq!(default_session_name(&"x".repeat(80)).len(), 64);
    }

    #[test]
    fn role_profiles_are_checked_before_use() {
        let good = Profile {
            role_arn: Some("acs:ram::1234567890123456:role/r".into()),
            source_profile: Some("default".into()),
            ..Default::default()
        };
        let r = role_request("ci", &good).unwrap();
        assert_eq!(r.role_session_name, "alicli-ci");
        for bad in [
            Profile {
                role_arn: Some("arn:aws:iam::1:role/x".into()),
                ..good.clone()
            },
            Profile {
                duration_seconds: Some(60),
                ..good.clone()
            },
            Profile {
                policy: Some("{not json".into()),
                ..good.clone()
            },
            Profile {
                role_session_name: Some("has space".into()),
                ..good.clone()
            },
        ] {
            let e = role_request("ci", &bad).unwrap_err();
            assert_eq!(crate::error::exit_for(&e), crate::error::Exit::Usage);
            assert!(e.to_string().starts_with("profile \"ci\""), "{e}");
        }
    }
}
