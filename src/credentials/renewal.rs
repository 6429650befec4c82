//! A profile that gets its own credentials: a role (AssumeRole with its `source_profile`), an
//! OIDC role (AssumeRoleWithOIDC with a token), the ECS instance role, a credentials URI or a
//! credential process. What it holds in `access_key_id`… is a cache that
//! [`super::cache::Renewing`] keeps fresh through [`ProfileRenewal`]; each kind's way of getting
//! new credentials lives in its own file ([`super::role`], [`super::oidc`], [`super::ecs_role`],
//! [`super::credentials_uri`], [`super::process`]).
//!
//! A renewal runs under the profile file's lock, on the file as it is then: the source is asked
//! only if what the file holds *now* still needs replacing (still near expiry, or still the
//! credentials that were refused), and the new credentials are written back inside the same
//! lock. So any number of processes sharing one expired profile ask the source exactly once
//! between them: the first renews, the others wait on the lock and find fresh credentials in
//! the file. A role's source profile is read from that same locked file (and renewed there
//! first, whatever its kind) rather than through a provider of its own, which would take the
//! lock a second time.
//!
//! Sources named by the environment (`ALIBABA_CLOUD_OIDC_*`, `ALIBABA_CLOUD_ECS_METADATA`,
//! `ALIBABA_CLOUD_CREDENTIALS_URI`) have no profile: they renew the same way through a cache
//! file of their own ([`Store::Cache`]), so parallel jobs share one STS call there too.

use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use anyhow::{Context, Result};
use chrono::Utc;

use super::cache::{Renew, Renewal, Renewing};
use super::static_keys::StaticKeys;
use super::{
    check_not_expired, credentials_uri, ecs_role, is_due, oidc, process, profile_keys, role,
    CredentialSource, Issued, Services,
};
use crate::config::precedence;
use crate::config::profile::{self, ConfigFile, Kind, Profile};
use crate::error::UsageError;
use crate::net::http::Net;
use alicli_wire::endpoint::Endpoint;

/// How long a credential process may take, as the official CLI's External mode allows.
pub const PROCESS_TIMEOUT: Duration = Duration::from_secs(60);

/// Where the renewing profile lives.
pub enum Store {
    /// alicli's profile file: renewed under its lock and written back.
    File(PathBuf),
    /// Profiles borrowed from another program's file (the official CLI's), which alicli never
    /// writes: renewed in memory, for this process only.
    Memory(Mutex<ConfigFile>),
    /// A source the environment names: `definition` (a profile made from the variables) is
    /// kept, with what it last got, in a cache file of its own, renewed under that file's lock.
    Cache {
        path: PathBuf,
        definition: Box<Profile>,
    },
}

/// What a renewing profile needs to renew itself.
pub struct ProfileRenewal {
    pub name: String,
    pub store: Store,
    /// Timeouts, proxy and retries for what the source calls.
    pub net: Net,
    /// `--endpoint` of an STS command: a renewal through STS goes there too.
    pub sts_endpoint: Option<String>,
    /// `--region`.
    pub region: Option<String>,
    pub services: Arc<dyn Services>,
    /// How an AssumeRole is signed: the session's choice (`Session::sts_signature`).
    pub sts_signature: crate::session::StsSignatureVersion,
}

/// The provider of renewing profile `renewal.name`, holding `profile`'s cached credentials (if
/// usable) to begin with.
pub fn provider(
    source: CredentialSource,
    profile: &Profile,
    renewal: ProfileRenewal,
) -> Renewing<ProfileRenewal> {
    Renewing::new(
        source,
        profile_keys::held_by_role(profile),
        profile.refresh_margin(),
        renewal,
    )
}

/// The one source a renewing profile names, after checking that it names only one and that its
/// settings are usable: the check `configure import` and every renewal run, before any request.
pub fn check_profile(name: &str, p: &Profile) -> Result<Kind> {
    let named = p.sources_named();
    let Some(kind) = named.first().copied() else {
        return Err(
            UsageError(format!("profile {name:?} does not get its own credentials")).into(),
        );
    };
    if named.len() > 1 {
        let keys: Vec<&str> = named.iter().map(|k| key_of(*k)).collect();
        return Err(UsageError(format!(
            "profile {name:?} names more than one credential source ({}); keep one",
            keys.join(", ")
        ))
        .into());
    }
    if kind != Kind::Role && p.source_profile.is_some() {
        return Err(UsageError(format!(
            "profile {name:?}: source_profile is for a role assumed with another profile's credentials; {} gets its own",
            key_of(kind)
        ))
        .into());
    }
    match kind {
        Kind::Role => {
            role::role_request(name, p)?;
        }
        Kind::Oidc => {
            oidc::check_profile(name, p)?;
        }
        Kind::CredentialsUri => {
            credentials_uri::check_uri(p.credentials_uri.as_deref().unwrap_or_default())
                .map_err(|e| UsageError(format!("profile {name:?}: {e:#}")))?;
        }
        Kind::Process => {
            if p.credential_process
                .as_deref()
                .unwrap_or_default()
                .trim()
                .is_empty()
            {
                return Err(
                    UsageError(format!("profile {name:?}: credential_process is empty")).into(),
                );
            }
        }
        Kind::EcsRole => {
            let role = p.ecs_ram_role.as_deref().unwrap_or_default();
            if !role.is_empty() && role != "*" {
                alicli_wire::names::check_ram_role_name(role)
                    .map_err(|e| UsageError(format!("profile {name:?}: ecs_ram_role: {e}")))?;
            }
        }
        Kind::AccessKey | Kind::Sts | Kind::Empty => {}
    }
    Ok(kind)
}

/// The key that names a kind of source, for messages.
fn key_of(kind: Kind) -> &'static str {
    match kind {
        Kind::Role => "role_arn with source_profile",
        Kind::Oidc => "role_arn with oidc_provider_arn",
        Kind::EcsRole => "ecs_ram_role",
        Kind::CredentialsUri => "credentials_uri",
        Kind::Process => "credential_process",
        Kind::AccessKey | Kind::Sts | Kind::Empty => "access_key_id",
    }
}

impl Renew for ProfileRenewal {
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
            Store::Cache { path, definition } => profile::update_if_changed(path, |config| {
                // The variables may have changed since the cache was written (another role,
                // another token file): what it holds is then for something else.
                let kept = config.profiles.get(&self.name);
                if kept.map(definition_of).as_ref() != Some(&**definition) {
                    config
                        .profiles
                        .insert(self.name.clone(), (**definition).clone());
                }
                self.ensure_fresh(config, &self.name, refused, &mut chain)
            })?,
        };
        Ok(Renewal { issued, margin })
    }
}

/// A profile without what it caches: what defines where its credentials come from.
pub fn definition_of(p: &Profile) -> Profile {
    Profile {
        access_key_id: None,
        access_key_secret: None,
        security_token: None,
        expiration: None,
        ..p.clone()
    }
}

/// What a cache file for the environment's source `definition` holds now, if it is for that
/// definition: the credentials a process before this one got.
pub fn cached(path: &std::path::Path, name: &str, definition: &Profile) -> Option<Profile> {
    let config = profile::load(path).ok()?;
    let p = config.profiles.get(name)?;
    (definition_of(p) == *definition).then(|| p.clone())
}

impl ProfileRenewal {
    /// Makes profile `name` of `config` hold credentials good beyond its margin (and other than
    /// `refused`), asking its source if they are not, and returns them with the margin. Runs
    /// under the file's lock, on the file as it is now. The source profile of a role is made
    /// fresh the same way first, whatever its kind.
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
        if !p.renews() {
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
        let kind = check_profile(name, &p)?;
        let margin = p.refresh_margin();
        if let Some(held) = held_unless(&p, refused) {
            if !is_due(&held, margin, now) {
                // Someone renewed them while we waited for the lock (or they were never stale).
                return Ok((held, margin));
            }
        }
        let why = match (&p.expiration, refused) {
            (_, Some(_)) => "were refused by the service".to_string(),
            (Some(exp), None) => format!("expire at {exp}, within {margin} s"),
            (None, None) => "are none yet".to_string(),
        };
        let issued = match kind {
            Kind::Role => {
                let source_name = p.source_profile.clone().unwrap_or_default();
                let (signer, _) = self.ensure_fresh(config, &source_name, None, chain)?;
                let endpoint = self.endpoint_for(config, name)?;
                crate::terminal::output::verbose(&format!(
                    "profile {name:?}: assuming {} again as profile {source_name:?} (the credentials held {why})",
                    p.role_arn.as_deref().unwrap_or_default()
                ));
                let signer = Arc::new(StaticKeys::trusted(
                    CredentialSource::Profile(source_name.clone()),
                    signer,
                ));
                let sts = role::Sts {
                    endpoint: &endpoint,
                    net: &self.net,
                    services: &*self.services,
                    signature: self.sts_signature,
                };
                role::assume(name, &p, &source_name, signer, &sts)?
            }
            Kind::Oidc => {
                let endpoint = self.endpoint_for(config, name)?;
                crate::terminal::output::verbose(&format!(
                    "profile {name:?}: assuming {} again with an OIDC token (the credentials held {why})",
                    p.role_arn.as_deref().unwrap_or_default()
                ));
                oidc::assume(name, &p, &endpoint, &self.net, &*self.services)?
            }
            Kind::EcsRole => {
                crate::terminal::output::verbose(&format!(
                    "profile {name:?}: asking the ECS metadata service (the credentials held {why})"
                ));
                // `*` is how `configure set` spells "the instance's own role".
                let role = p.ecs_ram_role.as_deref().filter(|r| *r != "*");
                ecs_role::EcsRole::from_env(role)?
                    .fetch(&*self.services, &self.net)
                    .with_context(|| format!("cannot renew the credentials of profile {name:?}"))?
            }
            Kind::CredentialsUri => {
                crate::terminal::output::verbose(&format!(
                    "profile {name:?}: asking its credentials URI (the credentials held {why})"
                ));
                credentials_uri::fetch(
                    p.credentials_uri.as_deref().unwrap_or_default(),
                    &*self.services,
                    &self.net,
                )
                .with_context(|| format!("cannot renew the credentials of profile {name:?}"))?
            }
            Kind::Process => {
                crate::terminal::output::verbose(&format!(
                    "profile {name:?}: running its credential_process (the credentials held {why})"
                ));
                process::run(
                    p.credential_process.as_deref().unwrap_or_default(),
                    PROCESS_TIMEOUT,
                )
                .with_context(|| format!("cannot renew the credentials of profile {name:?}"))?
            }
            Kind::AccessKey | Kind::Sts | Kind::Empty => unreachable!("checked: it renews"),
        };
        let entry = config.profiles.entry(name.to_string()).or_default();
        let c = &issued.credentials;
        entry.access_key_id = Some(c.access_key_id.clone());
        entry.access_key_secret = Some(c.access_key_secret.clone());
        entry.security_token = c.security_token.clone();
        entry.expiration = issued.expiration.clone();
        if is_due(&issued, margin, Utc::now()) {
            crate::terminal::output::verbose(&format!(
                "profile {name:?}: refresh_margin_seconds ({margin}) is not shorter than the credentials' lifetime, so they are renewed before every request"
            ));
        }
        Ok((issued, margin))
    }

    /// The STS endpoint of the renewal of profile `name`, by the rules every STS call follows
    /// ([`precedence::sts_endpoint`]), read from the locked file: the command's `--endpoint` >
    /// the environment > `sts_endpoint` of the profile or down its source chain > the region's
    /// endpoint.
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

/// A renewing profile's cached credentials, unless they are the refused ones.
fn held_unless(p: &Profile, refused: Option<&str>) -> Option<Issued> {
    profile_keys::held(p).filter(|h| refused != Some(h.credentials.access_key_id.as_str()))
}

/// The keys a source profile that does not renew signs the AssumeRole with.
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

#[cfg(test)]
mod tests {
    use std::sync::atomic::{AtomicU32, Ordering};

    use super::*;
    use crate::credentials::ProvideCredentials;
    use alicli_wire::sts::{
        AssumeRoleRequest, AssumeRoleResponse, AssumedRoleUser, TemporaryCredentials,
    };

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
    ) -> Renewing<ProfileRenewal> {
        let ci = config.profiles["ci"].clone();
        provider(
            CredentialSource::Profile("ci".into()),
            &ci,
            ProfileRenewal {
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
    fn a_profile_names_one_source() {
        let ecs = Profile {
            ecs_ram_role: Some(String::new()),
            ..Default::default()
        };
        assert_eq!(check_profile("vm", &ecs).unwrap(), Kind::EcsRole);
        let two = Profile {
            credentials_uri: Some("http://127.0.0.1:9/c".into()),
            ..ecs.clone()
        };
        let e = check_profile("vm", &two).unwrap_err();
        assert_eq!(crate::error::exit_for(&e), crate::error::Exit::Usage);
        assert!(
            e.to_string().contains("ecs_ram_role, credentials_uri"),
            "{e}"
        );
        let sourced = Profile {
            source_profile: Some("default".into()),
            ..ecs.clone()
        };
        assert!(check_profile("vm", &sourced)
            .unwrap_err()
            .to_string()
            .contains("source_profile"));
        let bad_role = Profile {
            ecs_ram_role: Some("a/b".into()),
            ..Default::default()
        };
        assert!(check_profile("vm", &bad_role).is_err());
        let empty_process = Profile {
            credential_process: Some("  ".into()),
            ..Default::default()
        };
        assert!(check_profile("p", &empty_process).is_err());
    }

    #[test]
    fn a_cache_file_holds_what_its_definition_got() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("oidc-x.toml");
        let definition = Profile {
            credentials_uri: Some("http://127.0.0.1:9/c".into()),
            ..Default::default()
        };
        assert!(cached(&path, "uri", &definition).is_none());
        let held = Profile {
            access_key_id: Some("STS.held".into()),
            access_key_secret: Some("s".into()),
            security_token: Some("t".into()),
            expiration: Some("2099-01-01T00:00:00Z".into()),
            ..definition.clone()
        };
        profile::update(&path, |c| {
            c.profiles.insert("uri".into(), held.clone());
            Ok(())
        })
        .unwrap();
        assert_eq!(
            cached(&path, "uri", &definition).and_then(|p| p.access_key_id),
            Some("STS.held".into())
        );
        let other = Profile {
            credentials_uri: Some("http://127.0.0.1:9/other".into()),
            ..Default::default()
        };
        assert!(cached(&path, "uri", &other).is_none(), "another definition");
        assert_eq!(definition_of(&held), definition);
    }
}
