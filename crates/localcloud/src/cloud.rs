//! The state of a running local cloud: its RAM users and roles (seeded from a [`CloudConfig`]),
//! the temporary credentials its STS has issued, the nonces it has seen, the per-operation
//! counters behind `/-/stats`, the armed faults and the object store. Everything the STS, OSS and
//! control handlers share lives here, behind one `Arc`.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::Path;
use std::sync::Mutex;

use anyhow::Result;
use chrono::{DateTime, Utc};

use alicli_policy::Policy;

use crate::config::{CloudConfig, SeedInfo};
use crate::faults::Faults;
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
    fn random_alnum_has_the_length_asked() {
        let s = random_alnum(300);
        assert_eq!(s.len(), 300);
        assert!(s.bytes().all(|b| b.is_ascii_alphanumeric()));
    }
}
