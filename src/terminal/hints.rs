//! `hint:` lines for the errors users meet most (the old docs' FAQ first): what the code usually
//! means in this flow and what to do about it.

use crate::error::ServiceError;

/// Adds a hint to a [`ServiceError`] inside `err`, if `make` has one and none is set yet.
/// Context added around the error (e.g. "upload interrupted…") is kept.
pub fn attach(
    mut err: anyhow::Error,
    make: impl FnOnce(&ServiceError) -> Option<String>,
) -> anyhow::Error {
    if let Some(service) = err.downcast_mut::<ServiceError>() {
        if service.hint.is_none() {
            service.hint = make(service);
        }
    }
    err
}

/// Hints for any STS call.
pub fn sts_common(e: &ServiceError, profile: &str) -> Option<String> {
    let code = e.code.as_str();
    let hint = if code.starts_with("InvalidAccessKeyId") {
        format!("the AccessKey ID used (profile {profile:?} or the environment) is unknown to STS or disabled; check it with `alicli configure`")
    } else if code == "SignatureDoesNotMatch" {
        "the AccessKey secret does not belong to this AccessKey ID; set it again with `alicli configure`".into()
    } else if code.starts_with("InvalidSecurityToken") || code.starts_with("SecurityTokenExpired") {
        "these are temporary credentials that are no longer valid; call AssumeRole with the long-term key of a RAM user".into()
    } else if code.starts_with("InvalidTimeStamp") {
        let server = e
            .message
            .split("Server time:")
            .nth(1)
            .map(str::trim)
            .unwrap_or_default();
        clock_hint(
            server,
            &chrono::Utc::now().format("%Y-%m-%dT%H:%M:%SZ").to_string(),
        )
    } else {
        return None;
    };
    Some(hint)
}

/// Hints for AssumeRole.
pub fn assume_role(e: &ServiceError, role_arn: &str, profile: &str) -> Option<String> {
    let code = e.code.as_str();
    if code == "EntityNotExist.Role" {
        if role_arn.contains('*') {
            return Some(
                "the account id in the role ARN contains '*': the docs mask ids that way; replace it with your own account id".into(),
            );
        }
        return Some(
            "check the account id and role name in the ARN (RAM console > Roles > the role's ARN)"
                .into(),
        );
    }
    if code.starts_with("NoPermission") {
        return Some("the RAM user needs sts:AssumeRole (policy AliyunSTSAssumeRoleAccess), and the role's trust policy must trust the user's account".into());
    }
    if code == "InvalidParameter.PolicyGrammar" {
        return Some("the --policy document is not a valid RAM policy (Version \"1\", Statement with Effect, Action, Resource)".into());
    }
    if code == "InvalidParameter.DurationSeconds" {
        return Some("the role's maximum session duration caps --duration-seconds (RAM console > the role > Maximum session duration)".into());
    }
    sts_common(e, profile)
}

/// Hints for AssumeRoleWithOIDC: which side of the token STS did not like, and where that is
/// set.
pub fn assume_role_with_oidc(e: &ServiceError) -> Option<String> {
    let code = e.code.as_str();
    let hint = match code {
        "AuthenticationFail.OIDCToken.Expired" => "the OIDC token has expired: CI tokens live minutes; read a fresh one (a token file is re-read at every renewal, GitHub Actions tokens are asked for each time)",
        "AuthenticationFail.OIDCToken.AudienceNotMatch" => "the token's audience (aud) is not a client id of the OIDC provider: ask for the token with that audience (--audience, default sts.aliyuncs.com) or add it to the provider (RAM console > SSO > OIDC)",
        "AuthenticationFail.OIDCToken.IssuerNotMatch" => "the token's issuer (iss) is not the OIDC provider's issuer URL: check --oidc-provider-arn names the provider of this CI system",
        "AuthenticationFail.OIDCToken.InvalidSignature" => "the token's signature does not verify with the provider's keys: it was not issued by that provider's issuer, or the provider's fingerprint is out of date",
        "AuthenticationFail.OIDCToken.Invalid" => "the token is not a well-formed OIDC token (a JWT with iss, sub, aud, exp)",
        "AuthenticationFail.NoPermission" => "the role's trust policy does not trust this OIDC provider for the token's subject (sub) and audience: compare its Condition on oidc:sub / oidc:aud with the claims of this job",
        "EntityNotExist.Role" => "check the account id and role name in --role-arn",
        _ => return None,
    };
    Some(hint.to_string())
}

/// Hints for OSS requests. `temporary` says whether the credentials carry a security token.
pub fn oss(e: &ServiceError, temporary: bool) -> Option<String> {
    let code = e.code.as_str();
    let message = e.message.as_str();
    let hint = match code {
        "InvalidSecurityToken" => "the security token does not match the AccessKey ID: use the SecurityToken from the same AssumeRole answer as the AccessKey ID and secret".to_string(),
        "SecurityTokenExpired" => "the temporary credentials expired: run `alicli sts assume-role …` again (or use a profile saved with --save-profile)".to_string(),
        "InvalidAccessKeyId" if temporary || message.contains("STS") => {
            "temporary credentials that have expired are reported as unknown: get new ones with `alicli sts assume-role …`".to_string()
        }
        "InvalidAccessKeyId" => "the AccessKey ID is unknown to OSS: check it, or whether it was disabled or deleted".to_string(),
        "SignatureDoesNotMatch" => "the AccessKey secret does not belong to this AccessKey ID (check `alicli oss config --access-key-secret`)".to_string(),
        "NoSuchBucket" => "the bucket does not exist (check its name, and the account the credentials belong to)".to_string(),
        "NoSuchKey" => "no object has this key (keys are case-sensitive; folders are just key prefixes)".to_string(),
        "RequestTimeTooSkewed" => {
            let field = |name: &str| message.split(name).nth(1).and_then(|r| r.split_whitespace().next()).unwrap_or_default().to_string();
            let server = if e.server_time.is_empty() { field("ServerTime:") } else { e.server_time.clone() };
            let request = if e.request_time.is_empty() { field("RequestTime:") } else { e.request_time.clone() };
            clock_hint(&server, &request)
        }
        "InvalidArgument" if message.contains("signing region") => {
            "the request was signed (OSS v4) for another region than the bucket's: pass the bucket's --region, or an endpoint that names it (oss-<region>.aliyuncs.com)".to_string()
        }
        "AccessDenied" | "PermanentRedirect" if !e.endpoint.is_empty() || message.contains("must be addressed using the specified endpoint") => {
            if e.endpoint.is_empty() {
                "the bucket is in another region: use that region's endpoint with --endpoint".to_string()
            } else {
                format!("the bucket is in another region: use --endpoint {}", e.endpoint)
            }
        }
        "AccessDenied" if message.contains("Anonymous") => {
            "the request was not signed as anyone: configure credentials (see `alicli oss config --help`)".to_string()
        }
        "AccessDenied" if temporary => "temporary credentials allow only what the role's policies allow, narrowed further by the session policy when assume-role was given --policy; check both (`alicli policy eval` shows which one decides)".to_string(),
        "AccessDenied" => "the credentials' RAM policies (or the bucket policy) do not allow this action on this object".to_string(),
        _ => return None,
    };
    Some(hint)
}

/// "this machine's clock is N minutes ahead/behind" when both times can be read, else the
/// general advice. Request and server signing times are at most 15 minutes apart when accepted.
fn clock_hint(server: &str, local: &str) -> String {
    let parse = |t: &str| {
        chrono::DateTime::parse_from_rfc3339(t.trim_end_matches('.'))
            .or_else(|_| chrono::DateTime::parse_from_rfc2822(t))
            .ok()
    };
    match (parse(server), parse(local)) {
        (Some(server), Some(local)) => {
            let seconds = (local - server).num_seconds();
            let direction = if seconds >= 0 { "ahead of" } else { "behind" };
            format!(
                "this machine's clock is {} {direction} the service's ({local} here, {server} there; at most 15 minutes are allowed): sync it (e.g. with NTP)",
                human_duration(seconds.unsigned_abs()),
                local = local.format("%Y-%m-%dT%H:%M:%SZ"),
                server = server.format("%Y-%m-%dT%H:%M:%SZ"),
            )
        }
        _ => "this machine's clock is more than 15 minutes away from the service's; sync it (e.g. with NTP)".to_string(),
    }
}

fn human_duration(seconds: u64) -> String {
    match seconds {
        s if s < 120 => format!("{s} seconds"),
        s if s < 7200 => format!("{} minutes", s / 60),
        s => format!("{:.1} hours", s as f64 / 3600.0),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err(code: &str, message: &str) -> ServiceError {
        ServiceError {
            code: code.into(),
            message: message.into(),
            status: 403,
            ..Default::default()
        }
    }

    #[test]
    fn oss_hints_for_the_faq_errors() {
        let cases = [
            (
                "InvalidSecurityToken",
                "The security token you provided is invalid.",
                true,
                "same AssumeRole answer",
            ),
            (
                "SecurityTokenExpired",
                "The security token you provided has expired.",
                true,
                "assume-role",
            ),
            (
                "InvalidAccessKeyId",
                "The OSS Access Key Id you provided does not exist in our records.",
                true,
                "expired are reported as unknown",
            ),
            (
                "InvalidAccessKeyId",
                "The OSS Access Key Id you provided does not exist in our records.",
                false,
                "unknown to OSS",
            ),
            (
                "AccessDenied",
                "Access denied by authorizer's policy.",
                true,
                "role's policies",
            ),
            (
                "AccessDenied",
                "Anonymous access is forbidden for this operation.",
                false,
                "not signed",
            ),
            (
                "NoSuchBucket",
                "The specified bucket does not exist.",
                false,
                "bucket does not exist",
            ),
            (
                "SignatureDoesNotMatch",
                "The request signature we calculated does not match",
                false,
                "secret does not belong",
            ),
            (
                "InvalidArgument",
                "Invalid signing region in Authorization header.",
                false,
                "--region",
            ),
        ];
        for (code, message, temporary, needle) in cases {
            let hint = oss(&err(code, message), temporary).unwrap_or_default();
            assert!(hint.contains(needle), "{code}: {hint}");
        }
        assert_eq!(oss(&err("NoSuchUpload", "x"), false), None);
    }

    #[test]
    fn wrong_region_names_the_endpoint() {
        let mut e = err("AccessDenied", "The bucket you are attempting to access must be addressed using the specified endpoint.");
        e.endpoint = "oss-cn-beijing.aliyuncs.com".into();
        assert!(oss(&e, true)
            .unwrap()
            .contains("--endpoint oss-cn-beijing.aliyuncs.com"));
    }

    #[test]
    fn clock_skew_shows_the_difference() {
        let mut e = err(
            "RequestTimeTooSkewed",
            "The difference between the request time and the current time is too large.",
        );
        e.request_time = "2026-01-01T12:30:00Z".into();
        e.server_time = "2026-01-01T12:00:00Z".into();
        let hint = oss(&e, false).unwrap();
        assert!(hint.contains("30 minutes ahead of"), "{hint}");
        let from_message = err(
            "RequestTimeTooSkewed",
            "too large. RequestTime: 2026-01-01T10:00:00Z ServerTime: 2026-01-01T12:00:00Z",
        );
        let hint = oss(&from_message, false).unwrap();
        assert!(hint.contains("2.0 hours behind"), "{hint}");
        assert!(clock_hint("garbage", "also").contains("more than 15 minutes"));
    }

    #[test]
    fn sts_hints() {
        let cases = [
            (
                "InvalidAccessKeyId.NotFound",
                "Specified access key is not found.",
                "unknown to STS",
            ),
            (
                "SignatureDoesNotMatch",
                "Specified signature does not match",
                "secret does not belong",
            ),
            (
                "InvalidSecurityToken.Expired",
                "Specified SecurityToken is expired.",
                "no longer valid",
            ),
            (
                "InvalidTimeStamp.Expired",
                "Specified time stamp or date value is expired. Server time: 2020-01-01T00:00:00Z",
                "ahead of",
            ),
        ];
        for (code, message, needle) in cases {
            let hint = sts_common(&err(code, message), "default").unwrap_or_default();
            assert!(hint.contains(needle), "{code}: {hint}");
        }
        let masked = assume_role(
            &err("EntityNotExist.Role", "The role not exists"),
            "acs:ram::123456789012****:role/r",
            "default",
        )
        .unwrap();
        assert!(masked.contains("replace it with your own account id"));
        let denied = assume_role(
            &err("NoPermission", "You are not authorized"),
            "acs:ram::1:role/r",
            "default",
        )
        .unwrap();
        assert!(denied.contains("AliyunSTSAssumeRoleAccess") && denied.contains("trust policy"));
    }
}
