//! Retrying what is safe to repeat: connection errors, timeouts, bodies cut short, corrupted
//! transfers, HTTP 5xx, 429 and the services' throttling codes. Exponential backoff with full
//! jitter (a random wait between zero and the doubled cap), at least what `Retry-After` asked
//! for. Other 4xx answers are final: repeating them cannot change the outcome.

use std::time::Duration;

use anyhow::Result;

use crate::error::{IntegrityError, NetworkError, ServiceError};

pub const DEFAULT_RETRIES: u32 = 3;

/// Marks the error of an attempt after which the credentials were renewed because the service
/// refused them (a role profile, see [`crate::credentials::after_failure`]): the request is worth
/// sending again at once, with the new ones. [`RetryPolicy::run`] does so once, outside its
/// retry budget.
#[derive(Debug)]
pub struct Renewed;

impl std::fmt::Display for Renewed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("the service refused the credentials, which were then renewed")
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Attempts after the first.
    pub retries: u32,
    pub base: Duration,
    pub cap: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            retries: DEFAULT_RETRIES,
            base: Duration::from_millis(200),
            cap: Duration::from_secs(20),
        }
    }
}

impl RetryPolicy {
    pub fn with_retries(retries: u32) -> RetryPolicy {
        RetryPolicy {
            retries,
            ..RetryPolicy::default()
        }
    }

    /// The wait before retry number `attempt` (1-based): uniform in [0, min(cap, base·2^attempt)].
    pub fn backoff(&self, attempt: u32, random: f64) -> Duration {
        let ceiling = self
            .base
            .saturating_mul(1u32.checked_shl(attempt.min(20)).unwrap_or(u32::MAX))
            .min(self.cap);
        ceiling.mul_f64(random.clamp(0.0, 1.0))
    }

    /// Runs `op` until it succeeds, fails with an error that is not worth repeating, or the
    /// retries are used up. `what` names the operation in the retry notices.
    ///
    /// An attempt whose credentials were refused and then renewed ([`Renewed`]) is repeated at
    /// once, one time, without counting against
    /// the retries: it is the same request with the credentials it should have had.
    pub fn run<T>(&self, what: &str, mut op: impl FnMut() -> Result<T>) -> Result<T> {
        let mut attempt = 0;
        let mut renewed = false;
        loop {
            match op() {
                Ok(value) => return Ok(value),
                Err(err) => {
                    if !renewed && err.downcast_ref::<Renewed>().is_some() {
                        renewed = true;
                        crate::terminal::output::verbose(&format!(
                            "sending {what} again with the renewed credentials"
                        ));
                        continue;
                    }
                    let Some(retry_after) = retryable(&err) else {
                        return Err(err);
                    };
                    if attempt >= self.retries || crate::interrupted() {
                        return Err(if attempt > 0 {
                            err.context(format!("{what} failed after {} attempts", attempt + 1))
                        } else {
                            err
                        });
                    }
                    attempt += 1;
                    let wait = self
                        .backoff(attempt, random_unit())
                        .max(retry_after.unwrap_or_default())
                        .min(self.cap.max(retry_after.unwrap_or_default()));
                    let first_line = format!("{err:#}");
                    let first_line = first_line.lines().next().unwrap_or_default();
                    crate::terminal::output::info(&format!(
                        "retrying {what} ({attempt}/{}) in {:.1} s: {first_line}",
                        self.retries,
                        wait.as_secs_f64()
                    ));
                    std::thread::sleep(wait);
                }
            }
        }
    }
}

/// `Some(retry_after)` when the error is worth another attempt.
pub fn retryable(err: &anyhow::Error) -> Option<Option<Duration>> {
    for cause in err.chain() {
        if let Some(e) = cause.downcast_ref::<ServiceError>() {
            let code = e.code.as_str();
            let throttled = code.starts_with("Throttling")
                || code == "ServiceUnavailable"
                || code == "RequestTimeout"
                || code == "InternalError";
            return (e.status >= 500 || e.status == 429 || throttled)
                .then(|| e.retry_after.map(Duration::from_secs));
        }
        if let Some(e) = cause.downcast_ref::<NetworkError>() {
            return (!e.permanent).then_some(None);
        }
        if cause.downcast_ref::<IntegrityError>().is_some() {
            return Some(None);
        }
    }
    None
}

/// A number in [0, 1) from the OS's randomness (through uuid, already a dependency).
fn random_unit() -> f64 {
    let bytes = uuid::Uuid::new_v4().into_bytes();
    let n = u64::from_le_bytes(bytes[..8].try_into().unwrap_or_default()) >> 11;
    n as f64 / (1u64 << 53) as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    fn service(code: &str, status: u16) -> anyhow::Error {
        ServiceError {
            code: code.into(),
            status,
            ..Default::default()
        }
        .into()
    }

    #[test]
    fn a_renewal_is_repeated_once_outside_the_budget() {
        let policy = RetryPolicy::with_retries(0);
        let mut calls = 0;
        let r: Result<u32> = policy.run("GetObject", || {
            calls += 1;
            match calls {
                1 => Err(service("SecurityTokenExpired", 403).context(Renewed)),
                _ => Ok(7),
            }
        });
        assert_eq!((r.unwrap(), calls), (7, 2));
        // Refused again after the renewal: once is enough.
        let mut calls = 0;
        let r: Result<u32> = policy.run("GetObject", || {
            calls += 1;
            Err(service("SecurityTokenExpired", 403).context(Renewed))
        });
        assert!(r.is_err());
        assert_eq!(calls, 2);
    }

    #[test]
    fn what_is_worth_repeating() {
        assert!(retryable(&service("InternalError", 500)).is_some());
        assert!(retryable(&service("ServiceUnavailable", 503)).is_some());
        assert!(retryable(&service("Throttling.User", 400)).is_some());
        assert!(retryable(&service("SlowDown", 429)).is_some());
        assert!(retryable(&service("AccessDenied", 403)).is_none());
        assert!(retryable(&service("NoSuchKey", 404)).is_none());
        assert!(retryable(&service("SignatureDoesNotMatch", 403)).is_none());
        let net: anyhow::Error = NetworkError::new("reset").into();
        assert!(retryable(&net.context("while getting")).is_some());
        let mismatch: anyhow::Error = NetworkError {
            permanent: true,
            ..NetworkError::new("TLS spoken to a plain-HTTP server")
        }
        .into();
        assert!(
            retryable(&mismatch).is_none(),
            "a protocol mismatch never heals"
        );
        let bad: anyhow::Error = crate::error::BadAnswer("redirect".into()).into();
        assert!(retryable(&bad).is_none());
        let mut limited = ServiceError {
            code: "Throttling".into(),
            status: 429,
            ..Default::default()
        };
        limited.retry_after = Some(2);
        assert_eq!(
            retryable(&limited.into()),
            Some(Some(Duration::from_secs(2)))
        );
        assert!(retryable(&anyhow::anyhow!("plain")).is_none());
    }

    #[test]
    fn backoff_doubles_under_the_cap_with_jitter() {
        let p = RetryPolicy::default();
        assert_eq!(p.backoff(1, 1.0), Duration::from_millis(400));
        assert_eq!(p.backoff(2, 1.0), Duration::from_millis(800));
        assert_eq!(p.backoff(3, 0.5), Duration::from_millis(800));
        assert_eq!(p.backoff(30, 1.0), Duration::from_secs(20));
        assert_eq!(p.backoff(1, 0.0), Duration::ZERO);
        let r = random_unit();
        assert!((0.0..1.0).contains(&r));
    }

    #[test]
    fn stops_at_final_errors_and_after_the_retries() {
        let p = RetryPolicy {
            retries: 2,
            base: Duration::from_millis(1),
            cap: Duration::from_millis(2),
        };
        let mut calls = 0;
        let r: Result<()> = p.run("test", || {
            calls += 1;
            Err(service("InternalError", 500))
        });
        assert_eq!(calls, 3);
        assert!(format!("{:#}", r.unwrap_err()).contains("after 3 attempts"));
        let mut calls = 0;
        let r: Result<()> = p.run("test", || {
            calls += 1;
            Err(service("AccessDenied", 403))
        });
        assert_eq!(calls, 1);
        assert!(r.is_err());
        let mut calls = 0;
        let r = p.run("test", || {
            calls += 1;
            if calls < 2 {
                Err(service("ServiceUnavailable", 503))
            } else {
                Ok(7)
            }
        });
        assert_eq!(r.unwrap(), 7);
    }
}
