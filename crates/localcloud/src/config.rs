//! What the local cloud is seeded with: the TOML of `alicli serve --config FILE` (account, region,
//! buckets, RAM users and roles, OIDC providers, the GitHub Actions and ECS metadata stand-ins),
//! its defaults (the scenario the demo and the tests run), the options of `alicli serve`, and the
//! line it prints about what it seeded. Plain data: turning it into a running cloud is
//! `cloud.rs`'s job.

use std::path::PathBuf;

use serde::{Deserialize, Serialize};

pub const DEFAULT_ACCOUNT: &str = "1234567890123456";
pub const DEFAULT_REGION: &str = "cn-hangzhou";
pub const DEFAULT_BUCKET: &str = "sample-bucket";
pub const DEFAULT_ROLE: &str = "oss-readonly";
/// The seeded OIDC provider (the built-in issuer) and the role that trusts it.
pub const DEFAULT_OIDC_PROVIDER: &str = "alicli-ci";
pub const DEFAULT_OIDC_ROLE: &str = "ci-deploy";
/// The seeded role of the ECS instance whose metadata service the cloud plays.
pub const DEFAULT_ECS_ROLE: &str = "ecs-instance";
/// The audience STS expects in OIDC tokens, and every provider's client id by default.
pub const STS_AUDIENCE: &str = "sts.aliyuncs.com";
/// The subject of the tokens the GitHub Actions stand-in hands out, unless configured.
pub const DEFAULT_GITHUB_SUBJECT: &str = "repo:alicli/demo:ref:refs/heads/main";
/// Written in a trust policy of the config, this stands for the cloud's account id, so a
/// default role can name the default provider's ARN whatever `account_id` is set to.
pub const ACCOUNT_PLACEHOLDER: &str = "${account_id}";

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
    /// OIDC identity providers registered in RAM (`[[oidc_providers]]`).
    #[serde(default = "default_oidc_providers")]
    pub oidc_providers: Vec<OidcProviderConfig>,
    /// The GitHub Actions ID-token endpoint (`[github_actions]`).
    #[serde(default)]
    pub github_actions: GithubActionsConfig,
    /// The ECS instance metadata service (`[ecs]`).
    #[serde(default)]
    pub ecs: EcsConfig,
}

/// An OIDC identity provider: ARN `acs:ram::<account>:oidc-provider/<name>`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OidcProviderConfig {
    pub name: String,
    /// The issuer URL tokens must carry in `iss`; the built-in issuer (`<endpoint>/-/oidc`)
    /// when absent. Any other issuer's keys cannot be fetched (the cloud reaches no network),
    /// so its tokens never verify.
    pub issuer: Option<String>,
    /// The audiences (`aud`) accepted.
    #[serde(default = "default_client_ids")]
    pub client_ids: Vec<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct GithubActionsConfig {
    /// What `Authorization: bearer …` must carry (`ACTIONS_ID_TOKEN_REQUEST_TOKEN`); random
    /// when absent.
    pub request_token: Option<String>,
    /// The `sub` of the tokens handed out.
    pub subject: String,
}

impl Default for GithubActionsConfig {
    fn default() -> Self {
        GithubActionsConfig {
            request_token: None,
            subject: DEFAULT_GITHUB_SUBJECT.into(),
        }
    }
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct EcsConfig {
    /// The RAM role attached to the instance; `ecs-instance` when absent (and then, if the
    /// roles were replaced and none has that name, the instance has no role).
    pub role: Option<String>,
    pub imds: ImdsMode,
}

/// Whether metadata requests need a session token (IMDSv2) or may go without (v1).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ImdsMode {
    #[default]
    Optional,
    Required,
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
fn default_client_ids() -> Vec<String> {
    vec![STS_AUDIENCE.into()]
}
fn default_oidc_providers() -> Vec<OidcProviderConfig> {
    vec![OidcProviderConfig {
        name: DEFAULT_OIDC_PROVIDER.into(),
        issuer: None,
        client_ids: default_client_ids(),
    }]
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
/// The seeded roles. The first must stay `oss-readonly`: it is the one printed on the first
/// line, and what the tests and the demo assume.
fn default_roles() -> Vec<RoleConfig> {
    // What a CI job or an instance does with the default bucket: read, write, list, delete.
    let bucket_writer = format!(
        r#"{{"Version":"1","Statement":[{{"Effect":"Allow","Action":["oss:PutObject","oss:GetObject","oss:ListObjects","oss:DeleteObject"],"Resource":["acs:oss:*:*:{DEFAULT_BUCKET}","acs:oss:*:*:{DEFAULT_BUCKET}/*"]}}]}}"#
    );
    vec![
        RoleConfig {
            name: DEFAULT_ROLE.into(),
            policies: vec!["AliyunOSSReadOnlyAccess".into()],
            trust_policy: None,
            max_session_duration: default_max_session(),
        },
        // RAM's trust policy for an OIDC role: the provider as a Federated principal, the token's
        // claims in conditions (here: any repository of the alicli organisation).
        RoleConfig {
            name: DEFAULT_OIDC_ROLE.into(),
            policies: vec![bucket_writer.clone()],
            trust_policy: Some(format!(
                r#"{{"Version":"1","Statement":[{{"Effect":"Allow","Action":"sts:AssumeRole","Principal":{{"Federated":["acs:ram::{ACCOUNT_PLACEHOLDER}:oidc-provider/{DEFAULT_OIDC_PROVIDER}"]}},"Condition":{{"StringLike":{{"oidc:sub":"repo:alicli/*"}},"StringEquals":{{"oidc:aud":"{STS_AUDIENCE}"}}}}}}]}}"#
            )),
            max_session_duration: default_max_session(),
        },
        // An instance role trusts the ECS service, as RAM's instance roles do; the metadata
        // service hands out its credentials without an AssumeRole of anyone's.
        RoleConfig {
            name: DEFAULT_ECS_ROLE.into(),
            policies: vec![bucket_writer],
            trust_policy: Some(
                r#"{"Version":"1","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole","Principal":{"Service":["ecs.aliyuncs.com"]}}]}"#
                    .into(),
            ),
            max_session_duration: default_max_session(),
        },
    ]
}

impl Default for CloudConfig {
    fn default() -> Self {
        CloudConfig {
            account_id: default_account(),
            region: default_region(),
            buckets: default_buckets(),
            users: default_users(),
            roles: default_roles(),
            oidc_providers: default_oidc_providers(),
            github_actions: GithubActionsConfig::default(),
            ecs: EcsConfig::default(),
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

    /// The ARN RAM gives an OIDC provider of this account.
    pub(crate) fn oidc_provider_arn(&self, provider: &str) -> String {
        format!("acs:ram::{}:oidc-provider/{provider}", self.account_id)
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
    /// The first OIDC provider's ARN (`alicli-ci` by default).
    #[serde(default)]
    pub oidc_provider_arn: String,
    /// The first role whose trust policy names a Federated principal (`ci-deploy`).
    #[serde(default)]
    pub oidc_role_arn: String,
    /// `ACTIONS_ID_TOKEN_REQUEST_URL`: `<endpoint>/-/github/token?api-version=2.0`.
    #[serde(default)]
    pub github_token_url: String,
    /// `ACTIONS_ID_TOKEN_REQUEST_TOKEN`.
    #[serde(default)]
    pub github_request_token: String,
    /// Where the ECS metadata paths (`/latest/...`) are served: `<endpoint>/-/ecs`.
    #[serde(default)]
    pub ecs_metadata_endpoint: String,
    /// The instance's role name, empty when it has none.
    #[serde(default)]
    pub ecs_role: String,
    /// `ALIBABA_CLOUD_CREDENTIALS_URI`: `<endpoint>/-/credentials-uri` (the first role).
    #[serde(default)]
    pub credentials_uri: String,
}

impl SeedInfo {
    /// Fills in what depends on the address the cloud listens on, known only once it is bound.
    pub(crate) fn set_endpoint(&mut self, endpoint: &str) {
        self.endpoint = endpoint.to_string();
        self.github_token_url = format!("{endpoint}/-/github/token?api-version=2.0");
        self.ecs_metadata_endpoint = format!("{endpoint}/-/ecs");
        self.credentials_uri = format!("{endpoint}/-/credentials-uri");
    }
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

    #[test]
    fn the_keyless_sections_parse_with_their_defaults() {
        let config: CloudConfig = toml::from_str(
            r#"
            [[oidc_providers]]
            name = "gitlab"
            issuer = "https://gitlab.example.com"

            [github_actions]
            request_token = "secret"

            [ecs]
            imds = "required"
            "#,
        )
        .unwrap();
        assert_eq!(config.oidc_providers.len(), 1);
        assert_eq!(config.oidc_providers[0].client_ids, [STS_AUDIENCE]);
        assert_eq!(config.github_actions.subject, DEFAULT_GITHUB_SUBJECT);
        assert_eq!(config.ecs.imds, ImdsMode::Required);
        assert_eq!(config.ecs.role, None);
        // Left out, the seeded ones stay: roles keep oss-readonly first.
        assert_eq!(config.roles[0].name, DEFAULT_ROLE);
        let none: CloudConfig = toml::from_str("").unwrap();
        assert_eq!(none.oidc_providers[0].name, DEFAULT_OIDC_PROVIDER);
        assert!(toml::from_str::<CloudConfig>("[ecs]\nimds = \"sometimes\"").is_err());
        assert!(toml::from_str::<CloudConfig>("[github_actions]\ntoken = \"x\"").is_err());
    }

    #[test]
    fn seed_info_of_an_older_cloud_still_reads() {
        let old = r#"{"endpoint":"http://127.0.0.1:1","region":"r","account_id":"1","access_key_id":"a","access_key_secret":"s","role_arn":"x","bucket":"b","data_dir":"/d"}"#;
        let info: SeedInfo = serde_json::from_str(old).unwrap();
        assert!(info.oidc_provider_arn.is_empty());
        let mut info = info;
        info.set_endpoint("http://127.0.0.1:2");
        assert_eq!(
            info.github_token_url,
            "http://127.0.0.1:2/-/github/token?api-version=2.0"
        );
        assert_eq!(info.ecs_metadata_endpoint, "http://127.0.0.1:2/-/ecs");
        assert_eq!(info.credentials_uri, "http://127.0.0.1:2/-/credentials-uri");
    }
}
