//! Typed errors and the exit codes they map to.
//!
//! Commands return `anyhow::Result`; `main` walks the error chain and downcasts to the types here to
//! pick the documented exit code (0 ok, 1 other, 2 bad input before any request, 3 credentials
//! rejected, 4 access denied, 5 not found, 6 network or server error, 7 some objects of a tree
//! failed). Anything that is not one of
//! these types is a plain failure (1).

use std::fmt;

pub use alicli_wire::error::{Service, ServiceError, UsageError};

/// Documented process exit codes (see README and docs/exit-codes.md).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u8)]
pub enum Exit {
    Ok = 0,
    Failure = 1,
    Usage = 2,
    Credentials = 3,
    Denied = 4,
    NotFound = 5,
    Network = 6,
    /// A command over many objects (`cp -r`, `sync`, `rm -r`) finished, but some of them failed.
    Partial = 7,
}

/// Shorthand for returning a [`UsageError`] from a function that returns `anyhow::Result`.
macro_rules! usage {
    ($($arg:tt)*) => { return Err($crate::error::UsageError(format!($($arg)*)).into()) };
}
pub(crate) use usage;

/// The exit code a service error means (see docs/exit-codes.md).
pub fn exit_of_service(error: &ServiceError) -> Exit {
    let code = error.code.as_str();
    // AssumeRoleWithOIDC: a token STS cannot accept is a credentials problem; a good token
    // whose subject the role (or provider) does not trust is a refusal of access.
    if code == "AuthenticationFail.NoPermission" {
        return Exit::Denied;
    }
    if code.starts_with("AuthenticationFail") {
        return Exit::Credentials;
    }
    if code.starts_with("InvalidAccessKeyId")
        || code.starts_with("SignatureDoesNotMatch")
        || code.starts_with("InvalidSecurityToken")
        || code.starts_with("SecurityTokenExpired")
        || code.starts_with("MissingSecurityToken")
        || code.starts_with("InvalidTimeStamp")
        || code == "RequestTimeTooSkewed"
        || code == "SignatureNonceUsed"
    {
        Exit::Credentials
    } else if code == "AccessDenied" || code.starts_with("NoPermission") || code == "Forbidden" {
        Exit::Denied
    } else if code.starts_with("NoSuch") || code.starts_with("EntityNotExist") {
        Exit::NotFound
    } else if error.status >= 500
        || error.status == 429
        || code.starts_with("Throttling")
        || code == "InternalError"
        || code == "ServiceUnavailable"
    {
        Exit::Network
    } else if error.status == 404 {
        Exit::NotFound
    } else {
        Exit::Failure
    }
}

/// The request never got a usable answer: DNS, connect, TLS, timeout, or a body cut short.
#[derive(Debug)]
pub struct NetworkError {
    pub message: String,
    pub hint: Option<String>,
    /// Another attempt cannot help (a TLS endpoint spoken to in plain HTTP, say): not retried.
    pub permanent: bool,
}

impl NetworkError {
    /// A failure worth another attempt.
    pub fn new(message: impl Into<String>) -> NetworkError {
        NetworkError {
            message: message.into(),
            hint: None,
            permanent: false,
        }
    }
}

impl fmt::Display for NetworkError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)?;
        if let Some(hint) = &self.hint {
            write!(f, "\nhint: {hint}")?;
        }
        Ok(())
    }
}
impl std::error::Error for NetworkError {}

/// Bytes that arrived different from what was sent (CRC-64 mismatch). Like a network error, a
/// new attempt usually fixes it, so it shares exit code 6.
#[derive(Debug)]
pub struct IntegrityError(pub String);

impl fmt::Display for IntegrityError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}
impl std::error::Error for IntegrityError {}

/// The service answered, but with something alicli cannot use safely: a redirect, an answer
/// larger than any real one, temporary credentials that are already expired or malformed. Shares
/// exit code 6 (a server error) but is not retried: asking again gets the same answer.
#[derive(Debug)]
pub struct BadAnswer(pub String);

impl fmt::Display for BadAnswer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}
impl std::error::Error for BadAnswer {}

/// Credentials that are known to be unusable before any request (e.g. expired by the clock).
#[derive(Debug)]
pub struct CredentialsError(pub String);

impl fmt::Display for CredentialsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}
impl std::error::Error for CredentialsError {}

/// A command over many objects ended with some of them failed. Each failure was reported as it
/// happened; this is the summary. When every object failed and for one reason (each failure
/// has the same exit code), that code is the command's, as if it had been one object: access
/// denied on all is 4, not 7.
#[derive(Debug)]
pub struct TreeFailures {
    pub failed: u64,
    pub total: u64,
    /// The exit code all the failures share, if they do.
    pub common: Option<Exit>,
}

impl TreeFailures {
    pub fn exit(&self) -> Exit {
        match self.common {
            Some(code) if self.failed == self.total => code,
            _ => Exit::Partial,
        }
    }
}

impl fmt::Display for TreeFailures {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} of {} objects failed (each is listed above)",
            self.failed, self.total
        )
    }
}
impl std::error::Error for TreeFailures {}

/// The exit code for an error: the first typed error found in its chain decides.
pub fn exit_for(err: &anyhow::Error) -> Exit {
    for cause in err.chain() {
        if let Some(t) = cause.downcast_ref::<TreeFailures>() {
            return t.exit();
        }
        if cause.downcast_ref::<UsageError>().is_some() {
            return Exit::Usage;
        }
        if let Some(e) = cause.downcast_ref::<ServiceError>() {
            return exit_of_service(e);
        }
        if cause.downcast_ref::<NetworkError>().is_some()
            || cause.downcast_ref::<IntegrityError>().is_some()
            || cause.downcast_ref::<BadAnswer>().is_some()
        {
            return Exit::Network;
        }
        if cause.downcast_ref::<CredentialsError>().is_some() {
            return Exit::Credentials;
        }
        if cause.downcast_ref::<clap::Error>().is_some() {
            return Exit::Usage;
        }
    }
    Exit::Failure
}

#[cfg(test)]
mod tests {
    use super::*;

    fn svc(code: &str, status: u16) -> anyhow::Error {
        ServiceError {
            code: code.into(),
            status,
            ..Default::default()
        }
        .into()
    }

    #[test]
    fn codes_map_to_documented_exits() {
        assert_eq!(exit_for(&svc("AccessDenied", 403)), Exit::Denied);
        assert_eq!(exit_for(&svc("NoPermission", 403)), Exit::Denied);
        assert_eq!(
            exit_for(&svc("SignatureDoesNotMatch", 403)),
            Exit::Credentials
        );
        assert_eq!(
            exit_for(&svc("InvalidAccessKeyId.NotFound", 404)),
            Exit::Credentials
        );
        assert_eq!(
            exit_for(&svc("SecurityTokenExpired", 403)),
            Exit::Credentials
        );
        assert_eq!(exit_for(&svc("NoSuchKey", 404)), Exit::NotFound);
        assert_eq!(exit_for(&svc("EntityNotExist.Role", 404)), Exit::NotFound);
        assert_eq!(exit_for(&svc("InternalError", 500)), Exit::Network);
        assert_eq!(
            exit_for(&svc("InvalidParameter.RoleSessionName", 400)),
            Exit::Failure
        );
        let usage: anyhow::Error = UsageError("x".into()).into();
        assert_eq!(exit_for(&usage.context("while reading")), Exit::Usage);
        assert_eq!(exit_for(&anyhow::anyhow!("plain")), Exit::Failure);
    }

    #[test]
    fn tree_failures_share_a_code_only_when_all_failed_alike() {
        let tree = |failed, total, common| -> anyhow::Error {
            TreeFailures {
                failed,
                total,
                common,
            }
            .into()
        };
        assert_eq!(exit_for(&tree(1, 3, Some(Exit::Denied))), Exit::Partial);
        assert_eq!(exit_for(&tree(3, 3, Some(Exit::Denied))), Exit::Denied);
        assert_eq!(exit_for(&tree(3, 3, None)), Exit::Partial);
        assert_eq!(Exit::Partial as u8, 7);
    }
}
