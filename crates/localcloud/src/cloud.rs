//! The state of a running local cloud: its RAM users, roles and OIDC providers (seeded from a
//! [`CloudConfig`]), the temporary credentials its STS has issued, the nonces it has seen, the
//! per-operation counters behind `/-/stats`, the armed faults, the object store, and the state of
//! the machine-identity stand-ins (the OIDC issuer's key, the GitHub Actions request token, the
//! ECS metadata sessions). Everything the handlers share lives here, behind one `Arc`.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::Path;
use std::sync::atomic::AtomicBool;
use std::sync::Mutex;

use anyhow::Result;
use chrono::{DateTime, Duration, Utc};

use alicli_policy::Policy;

use crate::config::{CloudConfig, ImdsMode, SeedInfo, ACCOUNT_PLACEHOLDER, DEFAULT_ECS_ROLE};
use crate::faults::Faults;
use crate::oidc::Issuer;
use crate::store::Store;
use alicli_policy::system_policy;

pub(crate) struct User {
    pub name: String,
    pub id: String,
    pub secret: String,
    pub policies: Vec<Policy>,
}

pub(crate) struct Role {
    pub name: String,
    pub arn: String,
    pub id: String,
    pub trust: Policy,
    pub policies: Vec<Policy>,
    pub max_session_duration: u64,
}

/// An OIDC identity provider registered in the cloud's RAM.
pub(crate) struct OidcProvider {
    pub arn: String,
    /// `None`: the built-in issuer, whose URL is known once the cloud listens.
    pub issuer: Option<String>,
    pub client_ids: Vec<String>,
}

/// Temporary credentials the local STS handed out.
#[derive(Clone)]
pub(crate) struct Issued {
    pub secret: String,
    pub token: String,
    pub expiration: DateTime<Utc>,
    pub role_arn: String,
    pub role_name: String,
    pub role_id: String,
    pub session_name: String,
    pub session_policy: Option<Policy>,
}

pub(crate) struct Cloud {
    pub account_id: String,
    pub region: String,
    pub users: HashMap<String, User>,
    pub roles: HashMap<String, Role>,
    pub issued: Mutex<HashMap<String, Issued>>,
    pub nonces: Mutex<HashSet<String>>,
    pub stats: Mutex<BTreeMap<String, u64>>,
    pub faults: Faults,
    pub store: Store,
    /// Buckets that live in another region, and where.
    pub foreign_buckets: HashMap<String, String>,
    /// `http://<address>`, set by the server once it is bound (empty before).
    pub endpoint: String,
    /// OIDC providers by lower-cased ARN.
    pub oidc_providers: HashMap<String, OidcProvider>,
    pub oidc: Issuer,
    /// What the GitHub Actions stand-in wants as bearer, and the subject it vouches for.
    pub github_request_token: String,
    pub github_subject: String,
    /// The role of the ECS instance, by name, if it has one.
    pub ecs_role: Option<String>,
    /// Whether metadata GETs need a session token (IMDSv2 only); switched at run time.
    pub imds_required: AtomicBool,
    /// Metadata session tokens handed out, and when each expires.
    pub imds_tokens: Mutex<HashMap<String, DateTime<Utc>>>,
    /// The instance's current credentials (their AccessKeyId) and when they were made: handed
    /// out again until they near their end, as the metadata service does.
    pub ecs_credentials: Mutex<Option<(String, DateTime<Utc>)>>,
    /// The first role of the config, what the credentials URI serves when asked for none.
    pub first_role: Option<String>,
}

impl Cloud {
    /// Makes every temporary credential issued so far expire now, so the next request signed with
    /// one is refused as the real services refuse expired tokens, while the holder's own record of
    /// the expiration still says it is valid. Returns how many there were.
    pub fn expire_issued(&self) -> usize {
        let now = Utc::now();
        let mut issued = self.issued.lock().unwrap_or_else(|e| e.into_inner());
        for credentials in issued.values_mut() {
            credentials.expiration = credentials.expiration.min(now);
        }
        issued.len()
    }

    /// The built-in issuer's URL, `<endpoint>/-/oidc`.
    pub fn issuer_url(&self) -> String {
        crate::oidc::issuer_url(&self.endpoint)
    }

    /// A role by name.
    pub fn role_named(&self, name: &str) -> Option<&Role> {
        self.roles.values().find(|r| r.name == name)
    }

    /// Makes up and records temporary credentials for the role; returns their AccessKeyId and
    /// what was recorded. Whatever hands them out (STS, the metadata services), the OSS and the
    /// STS then accept them, with the role's policies intersected with the session policy.
    pub fn issue_credentials(
        &self,
        role: &Role,
        session_name: &str,
        duration: u64,
        session_policy: Option<Policy>,
    ) -> (String, Issued) {
        let key_id = format!("STS.{}", random_alnum(25));
        let issued = Issued {
            secret: random_alnum(44),
            token: format!("CAIS{}", random_alnum(300)),
            expiration: Utc::now() + Duration::seconds(duration.min(i64::MAX as u64) as i64),
            role_arn: role.arn.clone(),
            role_name: role.name.clone(),
            role_id: role.id.clone(),
            session_name: session_name.to_string(),
            session_policy,
        };
        self.issued
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(key_id.clone(), issued.clone());
        (key_id, issued)
    }

    pub fn count(&self, operation: &str) {
        *self
            .stats
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .entry(operation.to_string())
            .or_default() += 1;
    }

    /// Seeds a cloud from its config, with its objects under `data_dir`, and says what it seeded.
    pub fn new(config: &CloudConfig, data_dir: &Path) -> Result<(Cloud, SeedInfo)> {
        let store = Store::new(data_dir)?;
        // `name@region` places a bucket in another region: requests for it here are answered as
        // OSS answers a bucket addressed through the wrong region's endpoint.
        let mut foreign = HashMap::new();
        for (bucket, region) in config.bucket_entries() {
            alicli_wire::names::check_bucket(bucket)
                .map_err(|why| anyhow::anyhow!("bucket {bucket:?}: {why}"))?;
            store.create_bucket(bucket)?;
            if region != config.region {
                foreign.insert(bucket.to_string(), region.to_string());
            }
        }
        let users = seed_users(config)?;
        let roles = seed_roles(config)?;
        let oidc_providers = seed_oidc_providers(config)?;
        let ecs_role = match &config.ecs.role {
            Some(name) if config.roles.iter().any(|r| &r.name == name) => Some(name.clone()),
            Some(name) => anyhow::bail!("[ecs] role {name:?} is not one of the roles"),
            // The seeded instance role, unless the roles were replaced without one.
            None => config
                .roles
                .iter()
                .any(|r| r.name == DEFAULT_ECS_ROLE)
                .then(|| DEFAULT_ECS_ROLE.to_string()),
        };
        let github_request_token = match &config.github_actions.request_token {
            Some(token) if token.is_empty() || !token.bytes().all(|b| b.is_ascii_graphic()) => {
                anyhow::bail!("[github_actions] request_token must be visible ASCII, not empty")
            }
            Some(token) => token.clone(),
            None => random_alnum(40),
        };
        // The role an OIDC token is for: the first whose trust names a federated principal.
        let oidc_role_arn = config
            .roles
            .iter()
            .map(|r| config.role_arn(&r.name))
            .find(|arn| {
                roles.get(&arn.to_ascii_lowercase()).is_some_and(|r| {
                    r.trust.statements().iter().any(|s| {
                        matches!(&s.principal, Some(alicli_policy::Principal::Entities { federated, .. }) if !federated.is_empty())
                    })
                })
            })
            .unwrap_or_default();
        let (first_id, first_secret) = users
            .iter()
            .min_by_key(|(_, u)| u.id.clone())
            .map(|(k, u)| (k.clone(), u.secret.clone()))
            .unwrap_or_default();
        let info = SeedInfo {
            endpoint: String::new(),
            region: config.region.clone(),
            account_id: config.account_id.clone(),
            access_key_id: first_id,
            access_key_secret: first_secret,
            role_arn: config
                .roles
                .first()
                .map(|r| config.role_arn(&r.name))
                .unwrap_or_default(),
            bucket: config
                .bucket_entries()
                .next()
                .map(|(bucket, _)| bucket.to_string())
                .unwrap_or_default(),
            data_dir: data_dir.display().to_string(),
            oidc_provider_arn: config
                .oidc_providers
                .first()
                .map(|p| config.oidc_provider_arn(&p.name))
                .unwrap_or_default(),
            oidc_role_arn,
            github_token_url: String::new(),
            github_request_token: github_request_token.clone(),
            ecs_metadata_endpoint: String::new(),
            ecs_role: ecs_role.clone().unwrap_or_default(),
            credentials_uri: String::new(),
        };
        let cloud = Cloud {
            account_id: config.account_id.clone(),
            region: config.region.clone(),
            users,
            roles,
            issued: Mutex::new(HashMap::new()),
            nonces: Mutex::new(HashSet::new()),
            stats: Mutex::new(BTreeMap::new()),
            faults: Faults::default(),
            store,
            foreign_buckets: foreign,
            endpoint: String::new(),
            oidc_providers,
            oidc: Issuer::default(),
            github_request_token,
            github_subject: config.github_actions.subject.clone(),
            ecs_role,
            imds_required: AtomicBool::new(config.ecs.imds == ImdsMode::Required),
            imds_tokens: Mutex::new(HashMap::new()),
            ecs_credentials: Mutex::new(None),
            first_role: config.roles.first().map(|r| r.name.clone()),
        };
        Ok((cloud, info))
    }
}

/// RAM users by access key id; keys and secrets are made up when the config leaves them out.
fn seed_users(config: &CloudConfig) -> Result<HashMap<String, User>> {
    let mut users = HashMap::new();
    for (i, u) in config.users.iter().enumerate() {
        let id = u
            .access_key_id
            .clone()
            .unwrap_or_else(|| format!("LTAI{}", random_alnum(20)));
        let secret = u
            .access_key_secret
            .clone()
            .unwrap_or_else(|| random_alnum(30));
        users.insert(
            id,
            User {
                name: u.name.clone(),
                id: format!("2{:015}", 1 + i),
                secret,
                policies: load_policies(&u.policies, &format!("user {}", u.name))?,
            },
        );
    }
    Ok(users)
}

/// RAM roles by lower-cased ARN (STS matches role ARNs without regard to case).
fn seed_roles(config: &CloudConfig) -> Result<HashMap<String, Role>> {
    let mut roles = HashMap::new();
    for (i, r) in config.roles.iter().enumerate() {
        let arn = config.role_arn(&r.name);
        let trust_text = r.trust_policy.clone().unwrap_or_else(|| {
            format!(
                r#"{{"Version":"1","Statement":[{{"Effect":"Allow","Action":"sts:AssumeRole","Principal":{{"RAM":["acs:ram::{}:root"]}}}}]}}"#,
                config.account_id
            )
        });
        // `${account_id}` lets a trust policy name this account's providers and users whatever
        // the account is (the seeded OIDC role does).
        let trust_text = trust_text.replace(ACCOUNT_PLACEHOLDER, &config.account_id);
        let trust = load_policy(&trust_text, &format!("trust policy of role {}", r.name))?;
        let policies = load_policies(&r.policies, &format!("role {}", r.name))?;
        if !(3600..=43200).contains(&r.max_session_duration) {
            anyhow::bail!("role {}: max_session_duration must be 3600-43200", r.name);
        }
        roles.insert(
            arn.to_ascii_lowercase(),
            Role {
                name: r.name.clone(),
                arn,
                id: format!("3{:017}", 1 + i),
                trust,
                policies,
                max_session_duration: r.max_session_duration,
            },
        );
    }
    Ok(roles)
}

/// OIDC providers by lower-cased ARN (STS matches ARNs without regard to case). Names follow
/// RAM's rule for them: 1-128 of letters, digits, `.`, `-` and `_`.
fn seed_oidc_providers(config: &CloudConfig) -> Result<HashMap<String, OidcProvider>> {
    let mut providers = HashMap::new();
    for p in &config.oidc_providers {
        let name_ok = (1..=128).contains(&p.name.len())
            && p.name
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"._-".contains(&b));
        if !name_ok {
            anyhow::bail!(
                "OIDC provider {:?}: a name is 1-128 of letters, digits, '.', '-' and '_'",
                p.name
            );
        }
        if p.client_ids.is_empty() || p.client_ids.iter().any(|c| c.is_empty()) {
            anyhow::bail!(
                "OIDC provider {}: client_ids must name at least one audience, none empty",
                p.name
            );
        }
        if p.issuer.as_deref().is_some_and(str::is_empty) {
            anyhow::bail!(
                "OIDC provider {}: issuer must not be empty (leave it out for the built-in one)",
                p.name
            );
        }
        let arn = config.oidc_provider_arn(&p.name);
        let provider = OidcProvider {
            arn: arn.clone(),
            issuer: p.issuer.clone(),
            client_ids: p.client_ids.clone(),
        };
        if providers
            .insert(arn.to_ascii_lowercase(), provider)
            .is_some()
        {
            anyhow::bail!("OIDC provider {} is given twice", p.name);
        }
    }
    Ok(providers)
}

/// A system policy name or a policy document; `what` says whose, for the error.
fn load_policy(text: &str, what: &str) -> Result<Policy> {
    let json = system_policy(text).unwrap_or(text);
    Policy::parse(json).map_err(|e| {
        anyhow::anyhow!("{what}: {text:?} is neither a system policy name nor a valid policy: {e}")
    })
}

fn load_policies(texts: &[String], what: &str) -> Result<Vec<Policy>> {
    texts.iter().map(|p| load_policy(p, what)).collect()
}

/// Letters and digits, the alphabet of the access keys, secrets and tokens the cloud makes up.
pub(crate) fn random_alnum(len: usize) -> String {
    const CHARS: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    let mut out = String::with_capacity(len);
    while out.len() < len {
        for b in uuid::Uuid::new_v4().as_bytes() {
            if out.len() < len {
                out.push(CHARS[*b as usize % CHARS.len()] as char);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seeding_reports_the_first_user_role_and_bucket() {
        let dir = tempfile::tempdir().unwrap();
        let config = CloudConfig {
            buckets: vec!["first-bucket".into(), "other@cn-beijing".into()],
            ..CloudConfig::default()
        };
        let (cloud, info) = Cloud::new(&config, dir.path()).unwrap();
        assert_eq!(info.bucket, "first-bucket");
        assert_eq!(
            info.role_arn,
            format!(
                "acs:ram::{}:role/{}",
                config.account_id, config.roles[0].name
            )
        );
        assert!(cloud.users.contains_key(&info.access_key_id));
        assert_eq!(
            cloud.foreign_buckets.get("other").map(String::as_str),
            Some("cn-beijing")
        );
    }

    #[test]
    fn bad_buckets_and_policies_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let bad_bucket = CloudConfig {
            buckets: vec!["Bad_Bucket".into()],
            ..CloudConfig::default()
        };
        assert!(Cloud::new(&bad_bucket, dir.path()).is_err());
        let mut bad_policy = CloudConfig::default();
        bad_policy.users[0].policies = vec!["NoSuchPolicy".into()];
        assert!(Cloud::new(&bad_policy, dir.path()).is_err());
    }

    #[test]
    fn the_keyless_scenario_is_seeded() {
        let dir = tempfile::tempdir().unwrap();
        let (cloud, info) = Cloud::new(&CloudConfig::default(), dir.path()).unwrap();
        assert_eq!(
            info.oidc_provider_arn,
            "acs:ram::1234567890123456:oidc-provider/alicli-ci"
        );
        assert_eq!(
            info.oidc_role_arn,
            "acs:ram::1234567890123456:role/ci-deploy"
        );
        assert_eq!(info.role_arn, "acs:ram::1234567890123456:role/oss-readonly");
        assert_eq!(info.ecs_role, "ecs-instance");
        assert_eq!(info.github_request_token, cloud.github_request_token);
        assert_eq!(info.github_request_token.len(), 40);
        assert_eq!(cloud.first_role.as_deref(), Some("oss-readonly"));
        let provider = &cloud.oidc_providers[&info.oidc_provider_arn.to_ascii_lowercase()];
        assert_eq!(provider.issuer, None);
        assert_eq!(provider.client_ids, ["sts.aliyuncs.com"]);
        assert!(!cloud
            .imds_required
            .load(std::sync::atomic::Ordering::Relaxed));
    }

    #[test]
    fn the_oidc_role_trusts_the_provider_of_whatever_account() {
        let dir = tempfile::tempdir().unwrap();
        let config = CloudConfig {
            account_id: "11223344".into(),
            ..CloudConfig::default()
        };
        let (cloud, info) = Cloud::new(&config, dir.path()).unwrap();
        assert_eq!(
            info.oidc_provider_arn,
            "acs:ram::11223344:oidc-provider/alicli-ci"
        );
        let role = cloud.role_named("ci-deploy").unwrap();
        let claims = |sub: &str| {
            vec![
                ("oidc:iss".to_string(), "http://x/-/oidc".to_string()),
                ("oidc:sub".to_string(), sub.to_string()),
                ("oidc:aud".to_string(), "sts.aliyuncs.com".to_string()),
            ]
        };
        assert!(alicli_policy::trust_allows_federated(
            &role.trust,
            &info.oidc_provider_arn,
            &claims("repo:alicli/demo:ref:refs/heads/main")
        ));
        assert!(!alicli_policy::trust_allows_federated(
            &role.trust,
            &info.oidc_provider_arn,
            &claims("repo:other/demo:ref:refs/heads/main")
        ));
        assert!(!alicli_policy::trust_allows_federated(
            &role.trust,
            "acs:ram::1234567890123456:oidc-provider/alicli-ci",
            &claims("repo:alicli/demo")
        ));
    }

    #[test]
    fn replaced_roles_leave_the_instance_without_one() {
        let dir = tempfile::tempdir().unwrap();
        let mut config = CloudConfig::default();
        config.roles.truncate(1);
        let (cloud, info) = Cloud::new(&config, dir.path()).unwrap();
        assert_eq!(cloud.ecs_role, None);
        assert_eq!(info.ecs_role, "");
        assert_eq!(info.oidc_role_arn, "");
        config.ecs.role = Some("oss-readonly".into());
        let (cloud, _) = Cloud::new(&config, dir.path()).unwrap();
        assert_eq!(cloud.ecs_role.as_deref(), Some("oss-readonly"));
        config.ecs.role = Some("nobody".into());
        assert!(Cloud::new(&config, dir.path()).is_err());
    }

    #[test]
    fn bad_oidc_providers_and_request_tokens_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let with = |edit: &dyn Fn(&mut CloudConfig)| {
            let mut config = CloudConfig::default();
            edit(&mut config);
            Cloud::new(&config, dir.path()).map(|_| ())
        };
        assert!(with(&|c| c.oidc_providers[0].name = "bad name".into()).is_err());
        assert!(with(&|c| c.oidc_providers[0].name = String::new()).is_err());
        assert!(with(&|c| c.oidc_providers[0].client_ids.clear()).is_err());
        assert!(with(&|c| c.oidc_providers[0].issuer = Some(String::new())).is_err());
        assert!(with(&|c| {
            let again = c.oidc_providers[0].clone();
            c.oidc_providers.push(again)
        })
        .is_err());
        assert!(with(&|c| c.github_actions.request_token = Some("a b".into())).is_err());
        assert!(with(&|c| c.github_actions.request_token = Some("fixed".into())).is_ok());
    }

    #[test]
    fn random_alnum_has_the_length_asked() {
        let s = random_alnum(300);
        assert_eq!(s.len(), 300);
        assert!(s.bytes().all(|b| b.is_ascii_alphanumeric()));
    }
}
