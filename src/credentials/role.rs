//! A role profile: AssumeRole (`role_arn`, `role_session_name`, `policy`…) signed with the
//! credentials of its `source_profile`, which may itself be a role profile. What it holds in the
//! file is a cache that [`super::cache::Renewing`] keeps fresh through [`RoleRenewal`].
//!
//! A renewal runs under the profile file's lock, on the file as it is then: STS is called only
//! if what the file holds *now* still needs replacing (still near expiry, or still the
//! credentials that were refused), and the new credentials are written back inside the same
//! lock. So any number of processes sharing one expired role profile send exactly one AssumeRole
//! between them: the first renews, the others wait on the lock and find fresh credentials in
//! the file. The source profile is read from that same locked file rather than through a
//! provider of its own, which would take the lock a second time.

use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use anyhow::{Context, Result};
use chrono::Utc;

use super::cache::{Renew, Renewal, Renewing};
use super::static_keys::StaticKeys;
use super::{check_not_expired, needs_renewal, profile_keys, Services, CredentialSource, Issued};
use crate::config::precedence;
use crate::config::profile::{self, ConfigFile, Profile};
use crate::error::UsageError;
use crate::net::http::Net;
use alicli_wire::endpoint::Endpoint;
use alicli_wire::sts::AssumeRoleRequest;

/// Where the role profile lives.
pub enum Store {
    /// alicli's profile file: renewed under its lock and written back.
    File(PathBuf),
    /// Profiles borrowed from the official CLI's file, which alicli never writes: renewed in
    /// memory, for this process only.
    Memory(Mutex<ConfigFile>),
}

/// What a role profile needs to renew itself.
pub struct RoleRenewal {
    pub name: String,
    pub store: Store,
    /// Timeouts, proxy and retries for the AssumeRole.
    pub net: Net,
    /// `--endpoint` of an STS command: the renewal goes there too.
    pub sts_endpoint: Option<String>,
    /// `--region`.
    pub region: Option<String>,
    pub services: Arc<dyn Services>,
    /// How the AssumeRole is signed: the session's choice (`Session::sts_signature`).
    pub sts_signature: crate::session::StsSignatureVersion,
}

/// The provider of role profile `renewal.name`, holding `profile`'s cached credentials (if
/// usable) to begin with.
pub fn provider(
    source: CredentialSource,
    profile: &Profile,
    renewal: RoleRenewal,
) -> Renewing<RoleRenewal> {
    Renewing::new(
        source,
        profile_keys::held_by_role(profile),
        profile.refresh_margin(),
        renewal,
    )
}

impl Renew for RoleRenewal {
    fn renew(&self, refused: Option<&str>) -> Result<Renewal> {
        let mut chain = Vec::new();
        let (issued, margin) = match &self.store {
            Store::File(path) => profile::update_if_changed(path, |config| {
                self.ensure_fresh(config, &self.name, refused, &mut chain)
            })?,
            Store::Memory(config) => {
                let mut config = config.lock().unwrap_or_else(|e| e.into_inner());
                self.ensure_fresh(&mut config, &self.name, refused, &mut chain)?
            }
        };
        Ok(Renewal { issued, margin })
    }
}

impl RoleRenewal {
    /// Makes profile `name` of `config` hold credentials good beyond its margin (and other than
    /// `refused`), assuming its role if they are not, and returns them with the margin. Runs
    /// under the file's lock, on the file as it is now. A source profile that is itself a role
    /// profile is renewed the same way first.
    fn ensure_fresh(
        &self,
        config: &mut ConfigFile,
        name: &str,
        refused: Option<&str>,
        chain: &mut Vec<String>,
    ) -> Result<(Issued, u64)> {
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
            return Ok((signer_of(name, &p)?, 0));
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
        if let Some(held) = held_unless(&p, refused) {
            if !needs_renewal(held.expiration.as_deref(), margin, now) {
                // Someone renewed them while we waited for the lock (or they were never stale).
                return Ok((held, margin));
            }
        }
        let request = role_request(name, &p)?;
        let source_name = p.source_profile.clone().unwrap_or_default();
        let (signer, _) = self.ensure_fresh(config, &source_name, None, chain)?;
        let endpoint = self.endpoint_for(config, name)?;
        crate::terminal::output::verbose(&format!(
            "profile {name:?}: assuming {} again as profile {source_name:?} (the credentials held {})",
            request.role_arn,
            match (&p.expiration, refused) {
                (_, Some(_)) => "were refused by the service".to_string(),
                (Some(exp), None) => format!("expire at {exp}, within {margin} s"),
                (None, None) => "are none yet".to_string(),
            }
        ));
        let response = self
            .services
            .assume_role(
                &endpoint,
                &self.net,
                Arc::new(StaticKeys::trusted(
                    CredentialSource::Profile(source_name.clone()),
                    signer,
                )),
                &request,
                self.sts_signature,
            )
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
        Ok((Issued::from(c), margin))
    }

    /// The STS endpoint of the renewal of role profile `name`, by the rules every STS call
    /// follows ([`precedence::sts_endpoint`]), read from the locked file: the command's
    /// `--endpoint` > the environment > `sts_endpoint` of the profile or down its source chain >
    /// the region's endpoint.
    fn endpoint_for(&self, config: &ConfigFile, name: &str) -> Result<Endpoint> {
        let find = |n: &str| config.profiles.get(n);
        precedence::sts_endpoint(
            self.sts_endpoint.as_deref(),
            precedence::along_source_chain(name, find, |p| p.sts_endpoint.clone()).map(|f| f.0),
            || match precedence::region_given(self.region.as_deref())? {
                Some(r) => Ok(Some(r)),
                None => {
                    precedence::profile_region(precedence::along_source_chain(name, find, |p| {
                        p.region.clone()
                    }))
                }
            },
        )
    }
}

/// A role profile's cached credentials, unless they are the refused ones.
fn held_unless(p: &Profile, refused: Option<&str>) -> Option<Issued> {
    profile_keys::held(p).filter(|h| refused != Some(h.credentials.access_key_id.as_str()))
}

/// The keys a source profile that is not a role signs the AssumeRole with.
fn signer_of(name: &str, p: &Profile) -> Result<Issued> {
    let source = CredentialSource::Profile(name.to_string());
    let Some(keys) = profile_keys::held(p) else {
        return Err(UsageError(format!(
            "{source} has no credentials to assume a role with; run `alicli configure --profile {name}`"
        ))
        .into());
    };
    if let Some(exp) = &keys.expiration {
        check_not_expired(exp, &source, Utc::now())?;
    }
    Ok(keys)
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
    use std::sync::atomic::{AtomicU32, Ordering};

    use super::*;
    use crate::credentials::ProvideCredentials;
    use alicli_wire::sts::{AssumeRoleResponse, AssumedRoleUser, TemporaryCredentials};

    /// An STS that answers every Services, counting them and remembering what it was sent.
    #[derive(Default)]
    struct FakeSts {
        calls: AtomicU32,
        seen: Mutex<Vec<(String, String, AssumeRoleRequest)>>,
    }

    impl Services for FakeSts {
        fn assume_role_with_oidc(
            &self,
            _endpoint: &Endpoint,
            _net: &Net,
            _request: &alicli_wire::sts::AssumeRoleWithOidcRequest,
        ) -> Result<alicli_wire::sts::AssumeRoleWithOidcResponse> {
            anyhow::bail!("this fake STS knows only AssumeRole")
        }

        fn fetch(
            &self,
            _net: &Net,
            _request: &crate::net::fetch::FetchRequest,
        ) -> Result<crate::net::fetch::FetchAnswer> {
            anyhow::bail!("this fake has no HTTP servers")
        }

        fn assume_role(
            &self,
            endpoint: &Endpoint,
            _net: &Net,
            signer: Arc<dyn ProvideCredentials>,
            request: &AssumeRoleRequest,
            _signature: crate::session::StsSignatureVersion,
        ) -> Result<AssumeRoleResponse> {
            let signer = signer.credentials()?.credentials;
            let n = self.calls.fetch_add(1, Ordering::SeqCst) + 1;
            self.seen.lock().unwrap().push((
                endpoint.to_string(),
                signer.access_key_id.clone(),
                request.clone(),
            ));
            let expiration = (Utc::now() + chrono::Duration::hours(1))
                .format("%Y-%m-%dT%H:%M:%SZ")
                .to_string();
            Ok(AssumeRoleResponse {
                assumed_role_user: AssumedRoleUser {
                    arn: "acs:ram::1:role/r/s".into(),
                    assumed_role_id: "1:s".into(),
                },
                credentials: TemporaryCredentials {
                    access_key_id: format!("STS.renewed{n}"),
                    access_key_secret: "renewed-secret".into(),
                    security_token: "renewed-token".into(),
                    expiration,
                },
                request_id: "R".into(),
            })
        }
    }

    fn role(policy: Option<&str>) -> Profile {
        Profile {
            role_arn: Some("acs:ram::1234567890123456:role/r".into()),
            source_profile: Some("base".into()),
            region: Some("cn-shanghai".into()),
            policy: policy.map(str::to_string),
            ..Default::default()
        }
    }

    fn config_with(ci: Profile) -> ConfigFile {
        let mut config = ConfigFile::default();
        config.profiles.insert(
            "base".into(),
            Profile {
                access_key_id: Some("LTAIbase".into()),
                access_key_secret: Some("base-secret".into()),
                ..Default::default()
            },
        );
        config.profiles.insert("ci".into(), ci);
        config
    }

    /// The provider of profile "ci" of `config`; `sts_endpoint` is the command's `--endpoint`.
    fn renewing(
        config: ConfigFile,
        sts: Arc<FakeSts>,
        sts_endpoint: Option<&str>,
    ) -> Renewing<RoleRenewal> {
        let ci = config.profiles["ci"].clone();
        provider(
            CredentialSource::Profile("ci".into()),
            &ci,
            RoleRenewal {
                name: "ci".into(),
                store: Store::Memory(Mutex::new(config)),
                net: Net::default(),
                sts_endpoint: sts_endpoint.map(str::to_string),
                region: None,
                services: sts,
                sts_signature: Default::default(),
            },
        )
    }

    #[test]
    fn a_role_profile_assumes_its_role_with_the_source_profile_once() {
        let sts = Arc::new(FakeSts::default());
        let p = renewing(
            config_with(role(None)),
            sts.clone(),
            Some("http://127.0.0.1:9"),
        );
        let first = p.credentials().unwrap();
        assert_eq!(first.credentials.access_key_id, "STS.renewed1");
        assert_eq!(
            p.credentials().unwrap().credentials.access_key_id,
            "STS.renewed1"
        );
        assert_eq!(sts.calls.load(Ordering::SeqCst), 1);
        let seen = sts.seen.lock().unwrap();
        assert_eq!(seen[0].0, "http://127.0.0.1:9");
        assert_eq!(
            seen[0].1, "LTAIbase",
            "signed with the source profile's key"
        );
        assert_eq!(seen[0].2.role_session_name, "alicli-ci");
    }

    #[test]
    fn renewal_runs_the_session_policy_check_of_assume_role() {
        // Valid JSON and short, so the old check (JSON and length only) let it through; but the
        // action does not exist, which `sts assume-role --policy` refuses before sending.
        let typo = r#"{"Version":"1","Statement":[{"Effect":"Allow","Action":"oss:GetObjects","Resource":"acs:oss:*:*:b/*"}]}"#;
        let sts = Arc::new(FakeSts::default());
        let p = renewing(
            config_with(role(Some(typo))),
            sts.clone(),
            Some("http://127.0.0.1:9"),
        );
        let e = p.credentials().err().unwrap();
        assert_eq!(crate::error::exit_for(&e), crate::error::Exit::Usage);
        let text = format!("{e:#}");
        assert!(
            text.contains("profile \"ci\": the policy is refused by policy check"),
            "{text}"
        );
        assert!(text.contains("oss:GetObjects"), "{text}");
        assert_eq!(sts.calls.load(Ordering::SeqCst), 0, "nothing was sent");
        let same = crate::policy_input::read_session_policy(typo).unwrap_err();
        assert!(
            same.to_string().contains("refused by policy check"),
            "{same}"
        );
    }

    #[test]
    fn the_renewal_endpoint_follows_the_sts_chain() {
        let sts = Arc::new(FakeSts::default());
        let mut config = config_with(role(None));
        config.profiles.get_mut("base").unwrap().sts_endpoint = Some("http://127.0.0.1:7".into());
        let p = renewing(config, sts.clone(), None);
        p.credentials().unwrap();
        assert_eq!(sts.seen.lock().unwrap()[0].0, "http://127.0.0.1:7");
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
}
