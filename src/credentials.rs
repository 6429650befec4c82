//! Credentials that look after themselves: a [`Provider`] hands the clients the credentials to sign
//! each request with, and for a role profile it renews them (AssumeRole with the source profile's
//! credentials) when they are missing, expire within the profile's margin, or were refused by the
//! service before their clock said so.
//!
//! Renewal happens under the profile file's lock: the profile is re-read there, and STS is called
//! only if what the file holds *then* still needs replacing (still near expiry, or still the
//! credentials that were refused). The new credentials are written back inside the same lock. So
//! any number of processes sharing one expired role profile send exactly one AssumeRole between
//! them: the first renews, the others wait on the lock and find fresh credentials in the file.
//! Within one process a mutex does the same for threads (parallel parts of one transfer).
//!
//! This sits beside the STS and OSS clients (it calls STS) and above the profile layer.

use std::path::PathBuf;
use std::sync::{Mutex, MutexGuard};

use anyhow::{Context, Result};
use chrono::{DateTime, Utc};

use crate::config::profile::{self, ConfigFile, Profile};
use crate::error::{ServiceError, UsageError};
use crate::net::http::Net;
use crate::resolve::{check_not_expired, CredentialSource, Origin, Resolved, Session};
use crate::sts::{AssumeRoleRequest, StsClient};
use alicli_wire::endpoint::Endpoint;
use alicli_wire::signing::Credentials;

/// Where a transfer or a command gets the credentials to sign with.
pub struct Provider {
    source: CredentialSource,
    state: Mutex<Held>,
    renewal: Option<Renewal>,
}

/// The credentials in hand, and when they stop working (as STS wrote it).
#[derive(Clone, Default)]
struct Held {
    credentials: Option<Credentials>,
    expiration: Option<String>,
    /// Seconds before `expiration` at which a role profile renews.
    margin: u64,
    /// They were obtained because the service refused the ones before: if it refuses these too,
    /// renewing again would not help (and would only send more AssumeRoles).
    after_refusal: bool,
}

/// Marks the error of an attempt after which the credentials were renewed because the service
/// refused them: the request is worth sending again at once, with the new ones. The retry policy
/// ([`crate::net::retry::RetryPolicy::run`]) does so once, outside its retry budget.
#[derive(Debug)]
pub struct Renewed;

impl std::fmt::Display for Renewed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("the service refused the credentials, which were then renewed")
    }
}

/// What a role profile needs to renew itself.
struct Renewal {
    name: String,
    store: Store,
    /// Timeouts, proxy and retries for the AssumeRole.
    net: Net,
    /// `--endpoint` of an STS command: the renewal goes there too.
    sts_endpoint: Option<String>,
    /// `--region`.
    region: Option<String>,
}

enum Store {
    /// alicli's profile file: renewed under its lock and written back.
    File(PathBuf),
    /// Profiles borrowed from the official CLI's file, which alicli never writes: renewed in
    /// memory, for this process only.
    Memory(Mutex<ConfigFile>),
}

fn locked<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

/// True when `expiration` is unknown, unreadable, or within `margin` seconds of `now`.
pub fn needs_renewal(expiration: Option<&str>, margin: u64, now: DateTime<Utc>) -> bool {
    let Some(at) = expiration.and_then(|e| DateTime::parse_from_rfc3339(e).ok()) else {
        return true;
    };
    // Capped so that an absurd margin from a hand-edited file cannot overflow the arithmetic.
    let margin = chrono::Duration::seconds(margin.min(100 * 365 * 86_400) as i64);
    at.with_timezone(&Utc) - margin <= now
}

/// True when the service refused the request's credentials as expired or unknown: the case where
/// a role profile should renew once and the request be sent again. (Temporary credentials that
/// expired are reported as unknown by some endpoints, hence InvalidAccessKeyId.)
pub fn is_refused_credentials(err: &anyhow::Error) -> bool {
    err.chain()
        .filter_map(|c| c.downcast_ref::<ServiceError>())
        .any(|e| {
            let code = e.code.as_str();
            code.starts_with("SecurityTokenExpired")
                || code.starts_with("InvalidSecurityToken")
                || code.starts_with("InvalidAccessKeyId")
        })
}

/// The provider for OSS requests of this session.
pub fn for_oss(session: &Session) -> Result<Provider> {
    Provider::new(session.oss_origin()?, session, None)
}

/// The provider for STS calls of this session; `endpoint` is the command's `--endpoint`.
pub fn for_sts(session: &Session, endpoint: Option<&str>) -> Result<Provider> {
    Provider::new(session.sts_origin()?, session, endpoint)
}

/// The provider for `configure export-credentials`: the selected credentials as an STS call
/// would resolve them, or else as OSS would (a profile that only has an oss section).
pub fn for_export(session: &Session) -> Result<Provider> {
    let origin = match session.sts_origin() {
        Ok(o) => o,
        Err(first) => session.oss_origin().map_err(|_| first)?,
    };
    Provider::new(origin, session, None)
}

impl Provider {
    /// Credentials that are what they are: nothing to renew them with.
    pub fn fixed(resolved: Resolved) -> Provider {
        Provider {
            source: resolved.source,
            state: Mutex::new(Held {
                credentials: Some(resolved.credentials),
                expiration: resolved.expiration,
                ..Default::default()
            }),
            renewal: None,
        }
    }

    fn new(origin: Origin, session: &Session, endpoint: Option<&str>) -> Result<Provider> {
        Ok(match origin {
            Origin::Fixed(resolved) => Provider::fixed(resolved),
            Origin::Role {
                name,
                source,
                held,
                borrowed,
            } => {
                let margin = session
                    .find_profile(&name)
                    .map(Profile::refresh_margin)
                    .unwrap_or(profile::DEFAULT_REFRESH_MARGIN_SECONDS);
                let store = if borrowed {
                    Store::Memory(Mutex::new(session.borrowed.clone()))
                } else {
                    Store::File(session.config_path.clone())
                };
                let (credentials, expiration) = match held {
                    Some(r) => (Some(r.credentials), r.expiration),
                    None => (None, None),
                };
                Provider {
                    source,
                    state: Mutex::new(Held {
                        credentials,
                        expiration,
                        margin,
                        after_refusal: false,
                    }),
                    renewal: Some(Renewal {
                        name,
                        store,
                        net: session.net()?,
                        sts_endpoint: endpoint.map(str::to_string),
                        region: session.globals.region.clone(),
                    }),
                }
            }
        })
    }

    pub fn source(&self) -> &CredentialSource {
        &self.source
    }

    /// True for a role profile: it can get new credentials by itself.
    pub fn can_renew(&self) -> bool {
        self.renewal.is_some()
    }

    /// The credentials to sign the next request with. A role profile renews them first when they
    /// are missing or expire within its margin; fixed temporary credentials that have expired are
    /// refused here (exit 3, with a hint), before anything is sent.
    pub fn current(&self) -> Result<Credentials> {
        Ok(self.current_with_expiration()?.0)
    }

    /// [`current`](Self::current), with the expiration that goes with the credentials.
    pub fn current_with_expiration(&self) -> Result<(Credentials, Option<String>)> {
        let mut held = locked(&self.state);
        let now = Utc::now();
        let Some(renewal) = &self.renewal else {
            if let Some(exp) = &held.expiration {
                check_not_expired(exp, &self.source, now)?;
            }
            let credentials = held
                .credentials
                .clone()
                .ok_or_else(|| UsageError(format!("{} holds no credentials", self.source)))?;
            return Ok((credentials, held.expiration.clone()));
        };
        if let Some(c) = &held.credentials {
            if !needs_renewal(held.expiration.as_deref(), held.margin, now) {
                return Ok((c.clone(), held.expiration.clone()));
            }
        }
        match renewal.renew(None) {
            Ok(fresh) => *held = fresh,
            Err(e) => {
                // Credentials inside the margin still work until they expire: a failed renewal
                // (STS unreachable, say) is worth a warning, not a failure, until then.
                let still_valid = held.expiration.as_deref().is_some_and(|exp| {
                    DateTime::parse_from_rfc3339(exp).is_ok_and(|at| at.with_timezone(&Utc) > now)
                });
                match (held.credentials.clone(), still_valid) {
                    (Some(c), true) => {
                        // Try again later rather than before every request: halving the margin
                        // bounds the attempts (and warnings) while time remains.
                        held.margin /= 2;
                        crate::terminal::output::warn(&format!(
                            "cannot renew the credentials of {}: {e:#}; using the current ones until they expire at {}",
                            self.source,
                            held.expiration.as_deref().unwrap_or_default()
                        ));
                        return Ok((c, held.expiration.clone()));
                    }
                    _ => return Err(e),
                }
            }
        }
        let credentials = held
            .credentials
            .clone()
            .ok_or_else(|| anyhow::anyhow!("renewal of {} gave no credentials", self.source))?;
        Ok((credentials, held.expiration.clone()))
    }

    /// Called when the service refused `refused` as expired or invalid although the clock says
    /// they are good. A role profile renews once (unless another thread or process already has,
    /// in which case its credentials are taken) and returns what to retry with; fixed
    /// credentials return `None`: there is nothing better to retry with.
    pub fn refresh_after_refusal(&self, refused: &Credentials) -> Result<Option<Credentials>> {
        let Some(renewal) = &self.renewal else {
            return Ok(None);
        };
        let mut held = locked(&self.state);
        if let Some(c) = &held.credentials {
            if c.access_key_id != refused.access_key_id {
                // Another thread renewed them while this request was out.
                return Ok(Some(c.clone()));
            }
            if held.after_refusal {
                return Ok(None);
            }
        }
        crate::terminal::output::verbose(&format!(
            "the service refused the credentials of {}; renewing them",
            self.source
        ));
        let fresh = renewal.renew(Some(&refused.access_key_id))?;
        *held = Held {
            after_refusal: true,
            ..fresh
        };
        Ok(held.credentials.clone())
    }

    /// What a client does with a failed attempt signed with `used`: if the service refused them
    /// and this provider renews (once), the error comes back marked [`Renewed`] so that the retry
    /// policy sends the request again; otherwise it comes back as it was. A failed renewal
    /// replaces it (it says more: the role cannot be assumed, say).
    pub fn after_failure(&self, err: anyhow::Error, used: &Credentials) -> anyhow::Error {
        if !self.can_renew() || !is_refused_credentials(&err) {
            return err;
        }
        match self.refresh_after_refusal(used) {
            Ok(Some(_)) => err.context(Renewed),
            Ok(None) => err,
            Err(renewal) => renewal.context(format!(
                "the service refused the credentials of {}, and renewing them failed",
                self.source
            )),
        }
    }
}

impl Renewal {
    fn renew(&self, refused: Option<&str>) -> Result<Held> {
        let mut chain = Vec::new();
        match &self.store {
            Store::File(path) => profile::update_if_changed(path, |config| {
                self.ensure_fresh(config, &self.name, refused, &mut chain)
            }),
            Store::Memory(config) => {
                let mut config = locked(config);
                self.ensure_fresh(&mut config, &self.name, refused, &mut chain)
            }
        }
    }

    /// Makes profile `name` of `config` hold credentials good beyond its margin (and other than
    /// `refused`), assuming its role if they are not, and returns them. Runs under the file's
    /// lock, on the file as it is now. A source profile that is itself a role profile is renewed
    /// the same way first.
    fn ensure_fresh(
        &self,
        config: &mut ConfigFile,
        name: &str,
        refused: Option<&str>,
        chain: &mut Vec<String>,
    ) -> Result<Held> {
        let now = Utc::now();
        let Some(p) = config.profiles.get(name).cloned() else {
            return Err(match chain.last() {
                Some(user) => UsageError(format!(
                    "profile {user:?} assumes its role with source_profile {name:?}, which does not exist"
                )),
                None => UsageError(format!("profile {name:?} no longer exists")),
            }
            .into());
        };
        p.register_secrets();
        if !p.is_role() {
            let source = CredentialSource::Profile(name.to_string());
            let (Some(id), Some(secret)) = (&p.access_key_id, &p.access_key_secret) else {
                return Err(UsageError(format!(
                    "{source} has no credentials to assume a role with; run `alicli configure --profile {name}`"
                ))
                .into());
            };
            if let Some(exp) = &p.expiration {
                check_not_expired(exp, &source, now)?;
            }
            return Ok(Held {
                credentials: Some(Credentials {
                    access_key_id: id.clone(),
                    access_key_secret: secret.clone(),
                    security_token: p.security_token.clone(),
                }),
                expiration: p.expiration.clone(),
                ..Default::default()
            });
        }
        if chain.iter().any(|c| c == name) {
            return Err(UsageError(format!(
                "role profiles name each other as source_profile: {} -> {name}",
                chain.join(" -> ")
            ))
            .into());
        }
        chain.push(name.to_string());
        let margin = p.refresh_margin();
        if let (Some(id), Some(secret)) = (&p.access_key_id, &p.access_key_secret) {
            let was_refused = refused == Some(id.as_str());
            if !was_refused && !needs_renewal(p.expiration.as_deref(), margin, now) {
                // Someone renewed them while we waited for the lock (or they were never stale).
                return Ok(Held {
                    credentials: Some(Credentials {
                        access_key_id: id.clone(),
                        access_key_secret: secret.clone(),
                        security_token: p.security_token.clone(),
                    }),
                    expiration: p.expiration.clone(),
                    margin,
                    after_refusal: false,
                });
            }
        }
        let request = role_request(name, &p)?;
        let source_name = p.source_profile.clone().unwrap_or_default();
        let source = self.ensure_fresh(config, &source_name, None, chain)?;
        let endpoint = self.sts_endpoint(config, &p, &source_name)?;
        let http = crate::net::http::client_for(&endpoint, &self.net)?;
        let client = StsClient {
            http: &http,
            endpoint,
            credentials: source
                .credentials
                .ok_or_else(|| anyhow::anyhow!("profile {source_name:?} gave no credentials"))?,
            retry: self.net.retry,
            provider: None,
        };
        crate::terminal::output::verbose(&format!(
            "profile {name:?}: assuming {} again as profile {source_name:?} (the credentials held {})",
            request.role_arn,
            match (&p.expiration, refused) {
                (_, Some(_)) => "were refused by the service".to_string(),
                (Some(exp), None) => format!("expire at {exp}, within {margin} s"),
                (None, None) => "are none yet".to_string(),
            }
        ));
        let response = client
            .assume_role(&request)
            .map_err(|e| {
                crate::terminal::hints::attach(e, |svc| {
                    crate::terminal::hints::assume_role(svc, &request.role_arn, &source_name)
                })
            })
            .with_context(|| format!("cannot renew the credentials of profile {name:?}"))?;
        let c = response.credentials;
        let entry = config.profiles.entry(name.to_string()).or_default();
        entry.access_key_id = Some(c.access_key_id.clone());
        entry.access_key_secret = Some(c.access_key_secret.clone());
        entry.security_token = Some(c.security_token.clone());
        entry.expiration = Some(c.expiration.clone());
        if needs_renewal(Some(&c.expiration), margin, Utc::now()) {
            crate::terminal::output::verbose(&format!(
                "profile {name:?}: refresh_margin_seconds ({margin}) is not shorter than the credentials' lifetime, so they are renewed before every request"
            ));
        }
        Ok(Held {
            credentials: Some(Credentials {
                access_key_id: c.access_key_id,
                access_key_secret: c.access_key_secret,
                security_token: Some(c.security_token),
            }),
            expiration: Some(c.expiration),
            margin,
            after_refusal: false,
        })
    }

    /// STS endpoint for a renewal: the command's `--endpoint` > `ALICLI_STS_ENDPOINT` >
    /// `ALIBABA_CLOUD_STS_ENDPOINT` > the role profile's `sts_endpoint` > its source profile's >
    /// `sts.<region>.aliyuncs.com` > `sts.aliyuncs.com`.
    fn sts_endpoint(&self, config: &ConfigFile, p: &Profile, source: &str) -> Result<Endpoint> {
        let env = |name: &str| std::env::var(name).ok().filter(|v| !v.trim().is_empty());
        let source = config.profiles.get(source);
        let chosen = self
            .sts_endpoint
            .clone()
            .or_else(|| env("ALICLI_STS_ENDPOINT"))
            .or_else(|| env("ALIBABA_CLOUD_STS_ENDPOINT"))
            .or_else(|| p.sts_endpoint.clone())
            .or_else(|| source.and_then(|s| s.sts_endpoint.clone()))
            .map(Ok)
            .or_else(|| {
                self.region
                    .clone()
                    .or_else(|| env("ALIBABA_CLOUD_REGION_ID"))
                    .or_else(|| p.region.clone())
                    .or_else(|| source.and_then(|s| s.region.clone()))
                    .map(|r| {
                        alicli_wire::endpoint::check_region(&r, "the region of the renewal")?;
                        Ok::<_, UsageError>(format!("sts.{r}.aliyuncs.com"))
                    })
            })
            .transpose()?
            .unwrap_or_else(|| "sts.aliyuncs.com".to_string());
        Ok(Endpoint::parse(&chosen)?)
    }
}

/// The AssumeRole a role profile sends, checked as `sts assume-role` checks its flags (a profile
/// edited by hand is input too: bad values are exit 2, found before any request).
pub fn role_request(name: &str, p: &Profile) -> Result<AssumeRoleRequest> {
    let bad = |e: &dyn std::fmt::Display| UsageError(format!("profile {name:?}: {e}"));
    let role_arn = p.role_arn.clone().unwrap_or_default();
    alicli_wire::names::check_role_arn(&role_arn).map_err(|e| bad(&e))?;
    let role_session_name = p
        .role_session_name
        .clone()
        .unwrap_or_else(|| default_session_name(name));
    alicli_wire::names::check_session_name(&role_session_name).map_err(|e| bad(&e))?;
    if let Some(d) = p.duration_seconds {
        alicli_wire::names::check_duration(&d.to_string()).map_err(|e| bad(&e))?;
    }
    if let Some(id) = &p.external_id {
        alicli_wire::names::check_external_id(id).map_err(|e| bad(&e))?;
    }
    if let Some(policy) = &p.policy {
        crate::sts::check_policy_text(policy).map_err(|e| bad(&e))?;
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
fn default_session_name(profile: &str) -> String {
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

    fn at(text: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(text)
            .unwrap()
            .with_timezone(&Utc)
    }

    #[test]
    fn renewal_is_due_within_the_margin() {
        let now = at("2026-01-01T12:00:00Z");
        assert!(!needs_renewal(Some("2026-01-01T12:10:00Z"), 300, now));
        assert!(needs_renewal(Some("2026-01-01T12:05:00Z"), 300, now));
        assert!(needs_renewal(Some("2026-01-01T12:04:59Z"), 300, now));
        assert!(!needs_renewal(Some("2026-01-01T12:00:01Z"), 0, now));
        assert!(needs_renewal(Some("2026-01-01T11:00:00Z"), 0, now));
        assert!(needs_renewal(None, 300, now), "unknown expiry");
        assert!(needs_renewal(Some("soon"), 300, now), "unreadable expiry");
        assert!(needs_renewal(Some("2026-01-01T12:10:00Z"), u64::MAX, now));
    }

    #[test]
    fn refusals_are_recognised() {
        let svc = |code: &str| -> anyhow::Error {
            ServiceError {
                code: code.into(),
                status: 403,
                ..Default::default()
            }
            .into()
        };
        for code in [
            "SecurityTokenExpired",
            "InvalidSecurityToken",
            "InvalidSecurityToken.Expired",
            "InvalidAccessKeyId",
            "InvalidAccessKeyId.NotFound",
        ] {
            assert!(is_refused_credentials(&svc(code)), "{code}");
            assert!(is_refused_credentials(&svc(code).context("while getting")));
        }
        for code in ["AccessDenied", "SignatureDoesNotMatch", "NoSuchKey"] {
            assert!(!is_refused_credentials(&svc(code)), "{code}");
        }
        assert!(!is_refused_credentials(&anyhow::anyhow!("plain")));
    }

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

    #[test]
    fn fixed_credentials_that_expired_are_refused_before_use() {
        let p = Provider::fixed(Resolved {
            credentials: Credentials::new("STS.x", "secret-x", Some("token-x".into())),
            source: CredentialSource::Profile("p".into()),
            expiration: Some("2020-01-01T00:00:00Z".into()),
        });
        let e = p.current().unwrap_err();
        assert_eq!(crate::error::exit_for(&e), crate::error::Exit::Credentials);
        assert!(e.to_string().contains("assume-role"));
        assert!(!p.can_renew());
        let refused = Credentials::new("STS.x", "secret-x", None);
        assert!(p.refresh_after_refusal(&refused).unwrap().is_none());
    }
}
