//! Credentials that look after themselves: [`Renewing`] holds what a renewing source (a role
//! profile) last obtained, hands it out until it comes within the profile's margin of expiring,
//! then asks its [`Renew`] for new ones; and renews once more when the service refuses them
//! before their clock says so.
//!
//! The store behind a [`Renew`] does the cross-process part: a role profile renews under the
//! profile file's lock, re-reading the file there, so that N processes sharing one expired
//! profile send one AssumeRole between them ([`super::role`]). Within one process the mutex here
//! does the same for threads (parallel parts of one transfer).

use std::sync::{Mutex, MutexGuard};

use anyhow::Result;
use chrono::{DateTime, Utc};

use super::{is_due, CredentialSource, Issued, ProvideCredentials};
use alicli_wire::signing::Credentials;

/// Gets fresh credentials for a [`Renewing`] source.
pub trait Renew: Send + Sync {
    /// Credentials good beyond the margin and other than the `refused` AccessKeyId: the ones
    /// the store holds when they already are (another process renewed), else new ones.
    fn renew(&self, refused: Option<&str>) -> Result<Renewal>;
}

/// What a renewal gave: the credentials, and the margin (seconds before expiry) at which they
/// are due again, as the profile says now.
pub struct Renewal {
    pub issued: Issued,
    pub margin: u64,
}

pub struct Renewing<R> {
    source: CredentialSource,
    state: Mutex<Held>,
    renew: R,
}

#[derive(Clone, Default)]
struct Held {
    issued: Option<Issued>,
    margin: u64,
    /// They were obtained because the service refused the ones before: if it refuses these too,
    /// renewing again would not help (and would only send more AssumeRoles).
    after_refusal: bool,
}

fn locked<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

impl<R: Renew> Renewing<R> {
    /// `held` is what the store holds now (it may be expired, or none).
    pub fn new(source: CredentialSource, held: Option<Issued>, margin: u64, renew: R) -> Self {
        Renewing {
            source,
            state: Mutex::new(Held {
                issued: held,
                margin,
                after_refusal: false,
            }),
            renew,
        }
    }
}

impl<R: Renew> ProvideCredentials for Renewing<R> {
    fn source(&self) -> &CredentialSource {
        &self.source
    }

    fn renews(&self) -> bool {
        true
    }

    fn temporary(&self) -> bool {
        true
    }

    fn credentials(&self) -> Result<Issued> {
        let mut held = locked(&self.state);
        let now = Utc::now();
        if let Some(issued) = &held.issued {
            if !is_due(issued, held.margin, now) {
                return Ok(issued.clone());
            }
        }
        match self.renew.renew(None) {
            Ok(fresh) => {
                *held = Held {
                    issued: Some(fresh.issued.clone()),
                    margin: fresh.margin,
                    after_refusal: false,
                };
                Ok(fresh.issued)
            }
            Err(e) => {
                // Credentials inside the margin still work until they expire: a failed renewal
                // (STS unreachable, say) is worth a warning, not a failure, until then.
                let still_valid = held.issued.as_ref().and_then(|i| {
                    let exp = i.expiration.as_deref()?;
                    DateTime::parse_from_rfc3339(exp)
                        .is_ok_and(|at| at.with_timezone(&Utc) > now)
                        .then(|| i.clone())
                });
                let Some(issued) = still_valid else {
                    return Err(e);
                };
                // Try again later rather than before every request: halving the margin
                // bounds the attempts (and warnings) while time remains.
                held.margin /= 2;
                crate::terminal::output::warn(&format!(
                    "cannot renew the credentials of {}: {e:#}; using the current ones until they expire at {}",
                    self.source,
                    issued.expiration.as_deref().unwrap_or_default()
                ));
                Ok(issued)
            }
        }
    }

    /// Renews once, unless another thread or process already has, in which case its
    /// credentials are taken.
    fn after_refusal(&self, refused: &Credentials) -> Result<Option<Credentials>> {
        let mut held = locked(&self.state);
        if let Some(issued) = &held.issued {
            if issued.credentials.access_key_id != refused.access_key_id {
                // Another thread renewed them while this request was out.
                return Ok(Some(issued.credentials.clone()));
            }
            if held.after_refusal {
                return Ok(None);
            }
        }
        crate::terminal::output::verbose(&format!(
            "the service refused the credentials of {}; renewing them",
            self.source
        ));
        let fresh = self.renew.renew(Some(&refused.access_key_id))?;
        let credentials = fresh.issued.credentials.clone();
        *held = Held {
            issued: Some(fresh.issued),
            margin: fresh.margin,
            after_refusal: true,
        };
        Ok(Some(credentials))
    }
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::{AtomicU32, Ordering};

    use super::*;

    /// Hands out `STS.n` credentials valid for an hour, counting the renewals; fails when told.
    struct Counter {
        renewals: AtomicU32,
        fail: bool,
    }

    impl Renew for Counter {
        fn renew(&self, _refused: Option<&str>) -> Result<Renewal> {
            if self.fail {
                anyhow::bail!("STS is unreachable");
            }
            let n = self.renewals.fetch_add(1, Ordering::SeqCst) + 1;
            Ok(Renewal {
                issued: issued(&format!("STS.{n}"), Utc::now() + chrono::Duration::hours(1)),
                margin: 300,
            })
        }
    }

    fn issued(id: &str, expires: DateTime<Utc>) -> Issued {
        Issued {
            credentials: Credentials::new(id, "secret", Some("token".into())),
            expiration: Some(expires.format("%Y-%m-%dT%H:%M:%SZ").to_string()),
        }
    }

    /// A cache of profile "ci" holding `held`, renewed by a [`Counter`].
    fn ci_cache(held: Option<Issued>, fail: bool) -> Renewing<Counter> {
        let counter = Counter {
            renewals: AtomicU32::new(0),
            fail,
        };
        Renewing::new(CredentialSource::Profile("ci".into()), held, 300, counter)
    }

    #[test]
    fn renews_when_missing_or_due_and_not_before() {
        let cache = ci_cache(None, false);
        assert_eq!(
            cache.credentials().unwrap().credentials.access_key_id,
            "STS.1"
        );
        assert_eq!(
            cache.credentials().unwrap().credentials.access_key_id,
            "STS.1"
        );
        assert_eq!(cache.renew.renewals.load(Ordering::SeqCst), 1);

        let due = issued("STS.old", Utc::now() + chrono::Duration::seconds(60));
        let cache = ci_cache(Some(due), false);
        assert_eq!(
            cache.credentials().unwrap().credentials.access_key_id,
            "STS.1"
        );
    }

    #[test]
    fn a_refusal_renews_once_and_only_once() {
        let cache = ci_cache(None, false);
        let first = cache.credentials().unwrap().credentials;
        let second = cache.after_refusal(&first).unwrap().unwrap();
        assert_eq!(second.access_key_id, "STS.2");
        // A thread that was still out with the first ones gets the second without a renewal.
        assert_eq!(
            cache.after_refusal(&first).unwrap().unwrap().access_key_id,
            "STS.2"
        );
        // Refused again: renewing would not help.
        assert!(cache.after_refusal(&second).unwrap().is_none());
        assert_eq!(cache.renew.renewals.load(Ordering::SeqCst), 2);
    }

    #[test]
    fn a_failed_renewal_keeps_credentials_that_still_work() {
        let soon = issued("STS.held", Utc::now() + chrono::Duration::seconds(60));
        let cache = ci_cache(Some(soon), true);
        assert_eq!(
            cache.credentials().unwrap().credentials.access_key_id,
            "STS.held"
        );
        let gone = issued("STS.gone", Utc::now() - chrono::Duration::seconds(1));
        let cache = ci_cache(Some(gone), true);
        assert!(cache.credentials().is_err());
    }
}
