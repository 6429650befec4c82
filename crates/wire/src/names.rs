//! The naming rules of the things requests name: buckets and object keys (OSS), role ARNs,
//! session names, external ids and durations (STS AssumeRole). Checked before any request (bad
//! input is exit 2), by the client on its flags and profiles, by the policy lint on resources, and
//! by the local cloud on what it is sent.

use crate::error::UsageError;

/// Returns a [`UsageError`] with a formatted message.
macro_rules! refuse {
    ($($arg:tt)*) => { return Err(UsageError(format!($($arg)*))) };
}

/// OSS bucket naming rules: 3–63 of lowercase letters, digits and hyphens, starting and ending
/// with a letter or digit.
pub fn check_bucket(bucket: &str) -> Result<(), &'static str> {
    if !(3..=63).contains(&bucket.len()) {
        return Err("a bucket name is 3 to 63 characters long");
    }
    if !bucket
        .bytes()
        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
    {
        return Err("a bucket name has only lowercase letters, digits and hyphens");
    }
    if bucket.starts_with('-') || bucket.ends_with('-') {
        return Err("a bucket name starts and ends with a letter or digit");
    }
    Ok(())
}

/// OSS object key rules: 1–1023 bytes of UTF-8, not starting with `/` or `\`.
pub fn check_key(key: &str) -> Result<(), &'static str> {
    if key.is_empty() {
        return Err("the key is empty");
    }
    if key.len() > 1023 {
        return Err("a key is at most 1023 bytes");
    }
    if key.starts_with('/') || key.starts_with('\\') {
        return Err("a key must not start with '/' or '\\'");
    }
    Ok(())
}

// The AssumeRole parameters' rules, checked before any request (bad input is exit 2, and a role
// profile read from the file is checked the same way before it is used to renew itself).

/// `acs:ram::<account>:role/<name>`. The account is digits; `*` is let through because the docs
/// mask account ids that way (the service then says the role does not exist, and a hint explains).
pub fn check_role_arn(arn: &str) -> Result<(), UsageError> {
    check_ram_arn(arn, "role", "role ARN")
}

/// `acs:ram::<account>:oidc-provider/<name>`: the identity provider of AssumeRoleWithOIDC.
pub fn check_oidc_provider_arn(arn: &str) -> Result<(), UsageError> {
    check_ram_arn(arn, "oidc-provider", "OIDC provider ARN")
}

/// A RAM role's name (the ECS instance role, say): 1-64 of letters, digits, `.`, `-`, `_`, and
/// not `.` or `..` (it becomes a path segment of the metadata service's URL). The name may come
/// from a server: the message shows it escaped.
pub fn check_ram_role_name(name: &str) -> Result<(), UsageError> {
    let ok = (1..=64).contains(&name.len())
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"-_.".contains(&b))
        && name != "."
        && name != "..";
    if !ok {
        let shown: String = name.chars().take(64).collect();
        refuse!(
            "{:?} is not a RAM role name (1-64 letters, digits, '.', '-', '_')",
            crate::text::escape_untrusted(&shown)
        );
    }
    Ok(())
}

/// `acs:ram::<account>:<kind>/<name>`, the shape of RAM's ARNs.
fn check_ram_arn(arn: &str, kind: &str, what: &str) -> Result<(), UsageError> {
    let expected = format!("expected acs:ram::<account-id>:{kind}/<name>");
    let Some(rest) = arn.strip_prefix("acs:ram::") else {
        refuse!("invalid {what} {arn:?}: {expected}");
    };
    let Some((account, name)) = rest.split_once(&format!(":{kind}/")) else {
        refuse!("invalid {what} {arn:?}: {expected}");
    };
    if account.is_empty() || !account.bytes().all(|b| b.is_ascii_digit() || b == b'*') {
        refuse!("invalid {what} {arn:?}: the account id must be digits ({expected})");
    }
    if name.is_empty()
        || name.len() > 64
        || !name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"-_./".contains(&b))
    {
        refuse!("invalid {what} {arn:?}: the name must be 1-64 of letters, digits, '.', '-', '_' ({expected})");
    }
    Ok(())
}

pub fn check_session_name(name: &str) -> Result<(), UsageError> {
    let ok_chars = name
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || b".@-_".contains(&b));
    if !(2..=64).contains(&name.len()) || !ok_chars {
        refuse!("invalid role session name {name:?}: use 2-64 characters of letters, digits, '.', '@', '-', '_'");
    }
    Ok(())
}

pub fn check_duration(text: &str) -> Result<u64, UsageError> {
    match text.trim().parse::<u64>() {
        Ok(d) if (900..=43200).contains(&d) => Ok(d),
        _ => Err(UsageError(format!(
            "invalid duration {text:?}: give seconds from 900 to 43200"
        ))),
    }
}

pub fn check_external_id(id: &str) -> Result<(), UsageError> {
    let ok = id
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || b"_+=,.@:/-".contains(&b));
    if !(2..=1224).contains(&id.len()) || !ok {
        refuse!("invalid external id: use 2-1224 characters of letters, digits, _ + = , . @ : / -");
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn oidc_provider_arns_and_role_names() {
        assert!(check_oidc_provider_arn("acs:ram::1234567890123456:oidc-provider/GitHub").is_ok());
        for bad in [
            "acs:ram::1234567890123456:role/GitHub",
            "acs:ram::1234567890123456:oidc-provider/",
            "acs:ram::x:oidc-provider/GitHub",
            "GitHub",
        ] {
            assert!(check_oidc_provider_arn(bad).is_err(), "{bad}");
        }
        assert!(check_ram_role_name("EcsRamRoleTest").is_ok());
        for bad in ["", "a/b", "has space", "..", &"x".repeat(65)] {
            assert!(check_ram_role_name(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn role_arns() {
        for ok in [
            "acs:ram::1234567890123456:role/oss-readonly",
            "acs:ram::11223344:role/oss-readonly",
            "acs:ram::123456789012****:role/oss-readonly",
            "acs:ram::1:role/a.b_c-d",
        ] {
            assert!(check_role_arn(ok).is_ok(), "{ok}");
        }
        for bad in [
            "",
            "oss-readonly",
            "acs:ram:1234:role/x",
            "acs:ram::abc:role/x",
            "acs:ram::1234:user/x",
            "acs:ram::1234:role/",
            "acs:ram::1234:role/has space",
            "arn:aws:iam::123456789012:role/x",
        ] {
            assert!(check_role_arn(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn session_names() {
        assert!(check_session_name("client-001").is_ok());
        assert!(check_session_name("a.b@c_d-e").is_ok());
        assert!(check_session_name(&"x".repeat(64)).is_ok());
        assert!(check_session_name("x").is_err());
        assert!(check_session_name("has space").is_err());
        assert!(check_session_name(&"x".repeat(65)).is_err());
    }

    #[test]
    fn durations() {
        assert_eq!(check_duration("900").unwrap(), 900);
        assert_eq!(check_duration("43200").unwrap(), 43200);
        for bad in ["899", "43201", "-1", "1h", ""] {
            assert!(check_duration(bad).is_err(), "{bad}");
        }
    }
}
