//! STS `AssumeRoleWithOIDC`: temporary credentials of a role for whoever presents an OIDC token
//! that a registered provider vouches for and the role's trust policy accepts. The call is
//! anonymous (the token is the credential), so everything is checked here: the parameters, the
//! provider, the token (through `oidc::verify`), the role and its trust. Each refusal carries
//! the code and status the real STS gives; none of them quotes the token.

use chrono::{DateTime, Utc};
use serde_json::json;

use alicli_policy as policy;

use crate::cloud::Cloud;
use crate::oidc::{self, Expect, TokenError};
use crate::sts::{error, issue, param, session_duration, session_policy, StsError};

/// STS answers every authentication failure of this call with 401.
const UNAUTHORIZED: u16 = 401;

pub(crate) fn assume_role_with_oidc(
    cloud: &Cloud,
    params: &[(String, String)],
    rid: &str,
) -> Result<serde_json::Value, StsError> {
    let get = |name: &str| param(params, name);
    let required = |name: &str| {
        get(name).ok_or_else(|| {
            error(
                400,
                &format!("Missing{name}"),
                format!("{name} is mandatory for this action."),
            )
        })
    };
    let provider_arn = required("OIDCProviderArn")?;
    let role_arn = required("RoleArn")?;
    let token = required("OIDCToken")?;
    let session_name = required("RoleSessionName")?;
    if token.is_empty() {
        return Err(refused(&TokenError::Invalid(
            "The OIDCToken can not empty.".into(),
        )));
    }
    let length = token.chars().count();
    if !(oidc::TOKEN_MIN_CHARS..=oidc::TOKEN_MAX_CHARS).contains(&length) {
        return Err(refused(&TokenError::Invalid(format!(
            "The OIDCToken must be {}-{} characters long.",
            oidc::TOKEN_MIN_CHARS,
            oidc::TOKEN_MAX_CHARS
        ))));
    }
    crate::sts::check_session_name(session_name)?;
    let provider = cloud
        .oidc_providers
        .get(&provider_arn.to_ascii_lowercase())
        .ok_or_else(|| {
            error(
                UNAUTHORIZED,
                "AuthenticationFail.NoPermission",
                "No such OIDC Provider registered.",
            )
        })?;
    let builtin = cloud.issuer_url();
    let key = cloud.oidc.key().map_err(|e| {
        error(
            500,
            "InternalError",
            format!("The request processing has failed due to some unknown error: {e}"),
        )
    })?;
    let verified = oidc::verify(
        token,
        &Expect {
            issuer: provider.issuer.as_deref().unwrap_or(&builtin),
            client_ids: &provider.client_ids,
        },
        &builtin,
        key,
        Utc::now(),
    )
    .map_err(|e| refused(&e))?;
    let role = cloud
        .roles
        .get(&role_arn.to_ascii_lowercase())
        .ok_or_else(|| {
            error(
                404,
                "EntityNotExist.Role",
                format!("The role not exists: {role_arn}."),
            )
        })?;
    let duration = session_duration(role, get("DurationSeconds"))?;
    let session_policy = session_policy(get("Policy"))?;
    let mut context = vec![
        ("oidc:iss".to_string(), verified.issuer.clone()),
        ("oidc:sub".to_string(), verified.subject.clone()),
    ];
    context.extend(
        verified
            .audiences
            .iter()
            .map(|aud| ("oidc:aud".to_string(), aud.clone())),
    );
    if !policy::trust_allows_federated(&role.trust, &provider.arn, &context) {
        return Err(error(
            UNAUTHORIZED,
            "AuthenticationFail.NoPermission",
            "There is no permission. The role does not trust the subject of this OIDC token.",
        ));
    }
    let mut answer = issue(cloud, role, session_name, duration, session_policy, rid);
    answer["OIDCTokenInfo"] = json!({
        "Subject": verified.subject,
        "Issuer": verified.issuer,
        "ClientIds": verified.audiences.join(","),
        "ExpirationTime": timestamp(Some(verified.expires_at)),
        "IssuanceTime": timestamp(verified.issued_at),
        "VerificationInfo": "Success",
    });
    Ok(answer)
}

fn refused(e: &TokenError) -> StsError {
    error(UNAUTHORIZED, e.code(), e.message())
}

/// A JWT time as STS writes times, empty when absent or out of range.
fn timestamp(seconds: Option<i64>) -> String {
    seconds
        .and_then(|s| DateTime::<Utc>::from_timestamp(s, 0))
        .map(|t| t.format("%Y-%m-%dT%H:%M:%SZ").to_string())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_are_written_as_sts_writes_them() {
        assert_eq!(timestamp(Some(0)), "1970-01-01T00:00:00Z");
        assert_eq!(timestamp(Some(1_700_000_000)), "2023-11-14T22:13:20Z");
        assert_eq!(timestamp(None), "");
        assert_eq!(timestamp(Some(i64::MAX)), "");
    }
}
