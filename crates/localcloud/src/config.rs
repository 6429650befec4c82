//! What the local cloud is seeded with: the TOML of `alicli serve --config FILE` (account, region,
//! buckets, RAM users and roles), its defaults (the scenario the demo and the tests run), the
//! options of `alicli serve`, the line it prints about what it seeded, and the system policies it
//! knows by name. Plain data: turning it into a running cloud is `cloud.rs`'s job.

use std::path::PathBuf;

use serde::{Deserialize, Serialize};

pub const DEFAULT_ACCOUNT: &str = "1234567890123456";
pub const DEFAULT_REGION: &str = "cn-hangzhou";
pub const DEFAULT_BUCKET: &str = "sample-bucket";
pub const DEFAULT_ROLE: &str = "oss-readonly";

/// What `alicli serve --config FILE` reads (TOML). Everything has a default: the seeded scenario.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CloudConfig {
    #[serde(default = "default_account")]
    pub account_id: String,
    #[serde(default = "default_region")]
    pub region: String,
    /// Bucket names; `name@region` places one in another region (see `CloudConfig::bucket_entries`).
    #[serde(default = "default_buckets")]
    pub buckets: Vec<String>,
    #[serde(default = "default_users")]
    pub users: Vec<UserConfig>,
    #[serde(default = "default_roles")]
    pub roles: Vec<RoleConfig>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UserConfig {
    pub name: String,
    /// Random when absent.
    pub access_key_id: Option<String>,
    pub access_key_secret: Option<String>,
    /// System policy names or policy documents (JSON text).
    #[serde(default)]
    pub policies: Vec<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RoleConfig {
    pub name: String,
    #[serde(default)]
    pub policies: Vec<String>,
    /// Trust policy (JSON); default: trust every RAM user of the account.
    pub trust_policy: Option<String>,
    #[serde(default = "default_max_session")]
    pub max_session_duration: u64,
}

fn default_account() -> String {
    DEFAULT_ACCOUNT.into()
}
fn default_region() -> String {
    DEFAULT_REGION.into()
}
fn default_buckets() -> Vec<String> {
    vec![DEFAULT_BUCKET.into()]
}
fn default_max_session() -> u64 {
    3600
}
fn default_users() -> Vec<UserConfig> {
    vec![UserConfig {
        name: "appserver".into(),
        access_key_id: None,
        access_key_secret: None,
        policies: vec![
            "AliyunSTSAssumeRoleAccess".into(),
            "AliyunOSSFullAccess".into(),
        ],
    }]
}
fn default_roles() -> Vec<RoleConfig> {
    vec![RoleConfig {
        name: DEFAULT_ROLE.into(),
        policies: vec!["AliyunOSSReadOnlyAccess".into()],
        trust_policy: None,
        max_session_duration: default_max_session(),
    }]
}

impl Default for CloudConfig {
    fn default() -> Self {
        CloudConfig {
            account_id: default_account(),
            region: default_region(),
            buckets: default_buckets(),
            users: default_users(),
            roles: default_roles(),
        }
    }
}

impl CloudConfig {
    /// Each bucket entry as (name, region): `name@region` names its region, a bare name is in
    /// the cloud's own. One reading of the `@` form for the seeding and for the printed bucket.
    pub(crate) fn bucket_entries(&self) -> impl Iterator<Item = (&str, &str)> {
        self.buckets.iter().map(|entry| {
            entry
                .split_once('@')
                .unwrap_or((entry.as_str(), self.region.as_str()))
        })
    }

    /// The ARN RAM gives a role of this account.
    pub(crate) fn role_arn(&self, role: &str) -> String {
        format!("acs:ram::{}:role/{role}", self.account_id)
    }
}

/// Options of `alicli serve`.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    pub listen: String,
    pub data_dir: Option<PathBuf>,
    pub config: CloudConfig,
}

/// The first line `alicli serve` prints: how to reach the cloud and with what.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SeedInfo {
    pub endpoint: String,
    pub region: String,
    pub account_id: String,
    pub access_key_id: String,
    pub access_key_secret: String,
    pub role_arn: String,
    pub bucket: String,
    pub data_dir: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bucket_entries_read_the_region_suffix() {
        let config = CloudConfig {
            buckets: vec!["here".into(), "there@cn-beijing".into()],
            ..CloudConfig::default()
        };
        let entries: Vec<_> = config.bucket_entries().collect();
        assert_eq!(entries, [("here", DEFAULT_REGION), ("there", "cn-beijing")]);
    }
}
