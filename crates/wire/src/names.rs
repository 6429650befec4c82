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
    let expected = "expected acs:ram::<account-id>:role/<role-name>";
    let Some(rest) = arn.strip_prefix("acs:ram::") else {
        refuse!("invalid role ARN {arn:?}: {expected}");
    };
    let Some((account, role)) = rest.split_once(":role/") else {
        refuse!("invalid role ARN {arn:?}: {expected}");
    };
    if account.is_empty() || !account.bytes().all(|b| b.is_ascii_digit() || b == b'*') {
        refuse!("invalid role ARN {arn:?}: the account id must be digits ({expected})");
    }
    if role.is_empty()
        || role.len() > 64
        || !role
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"-_./".contains(&b))
    {
        refuse!("invalid role ARN {arn:?}: the role name must be 1-64 of letters, digits, '.', '-', '_' ({expected})");
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
