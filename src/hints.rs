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
        "the request's timestamp is too far from the service clock; check this machine's clock (UTC)".into()
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
        "RequestTimeTooSkewed" => "this machine's clock is more than 15 minutes off; sync it (e.g. with NTP)".to_string(),
        "InvalidArgument" if message.contains("signing region") => {
            "the request was signed (OSS v4) for another region than the bucket's: pass the bucket's --region, or an endpoint that names it (oss-<region>.aliyuncs.com)".to_string()
        }
        "AccessDenied" if !e.endpoint.is_empty() || message.contains("must be addressed using the specified endpoint") => {
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
