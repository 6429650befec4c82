//! The official Alibaba Cloud CLI's profile file, `~/.aliyun/config.json`, read so that people who
//! already ran `aliyun configure` need not configure alicli again: as a fallback when alicli's own
//! file has no such profile, or copied into alicli's file once with `alicli configure import`.
//!
//! alicli never writes that file: it belongs to another program, which may rewrite it at any time
//! and would not expect our fields. Profiles of the modes that map onto alicli's model are
//! understood (AK, StsToken, RamRoleArn, ChainableRamRoleArn, EcsRamRole, OIDC, CredentialsURI,
//! External); the others (CloudSSO, OAuth…) are named in an error.

use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::config::profile::Profile;
use crate::error::UsageError;

/// The parts of the official CLI's file alicli reads. Unknown fields are ignored: that file has
/// many settings (output format, language, SSO…) that mean nothing here.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct AliyunConfig {
    #[serde(default)]
    pub current: String,
    #[serde(default)]
    pub profiles: Vec<AliyunProfile>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct AliyunProfile {
    pub name: String,
    pub mode: String,
    pub access_key_id: String,
    pub access_key_secret: String,
    pub sts_token: String,
    pub sts_region: String,
    pub ram_role_arn: String,
    pub ram_session_name: String,
    pub external_id: String,
    pub source_profile: String,
    pub expired_seconds: i64,
    pub region_id: String,
    /// EcsRamRole: the instance's role (empty: ask the metadata service).
    pub ram_role_name: String,
    /// OIDC.
    pub oidc_provider_arn: String,
    pub oidc_token_file: String,
    /// CredentialsURI.
    pub credentials_uri: String,
    /// External: the command printing credentials.
    pub process_command: String,
}

/// How converted profiles are named in alicli's model.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Naming {
    /// `configure import`: the official names, and `<name>-source` for the key a RamRoleArn
    /// profile assumes its role with.
    Import,
    /// Fallback reading: names that cannot clash with alicli's own profiles (`aliyun:<name>`),
    /// because they live only in memory next to them.
    Borrow,
}

impl Naming {
    fn referenced(self, name: &str) -> String {
        match self {
            Naming::Import => name.to_string(),
            Naming::Borrow => format!("aliyun:{name}"),
        }
    }

    /// The profile holding the AccessKey a RamRoleArn profile assumes its role with.
    pub fn key_of(self, name: &str) -> String {
        match self {
            Naming::Import => format!("{name}-source"),
            Naming::Borrow => format!("aliyun:{name}:source"),
        }
    }
}

/// `ALIBABA_CLOUD_CONFIG_FILE` (as the official credential SDKs read it) or `~/.aliyun/config.json`.
pub fn default_path() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("ALIBABA_CLOUD_CONFIG_FILE").filter(|p| !p.is_empty()) {
        return Some(PathBuf::from(p));
    }
    dirs::home_dir().map(|h| h.join(".aliyun").join("config.json"))
}

/// Reads the file; `None` when there is none. Every secret in it is registered with the redactor
/// at once, whether or not the profile holding it is used.
pub fn load(path: &Path) -> Result<Option<AliyunConfig>, UsageError> {
    use crate::local_files::{read_input, Accept, ReadError};
    let bytes = match read_input(path, 4 * 1024 * 1024, Accept::FilesAndDevices) {
        Ok(bytes) => bytes,
        Err(ReadError::Io(e)) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => {
            return Err(UsageError(format!(
                "cannot read the official CLI's profile file {}: {e}",
                path.display()
            )))
        }
    };
    let config: AliyunConfig = serde_json::from_slice(&bytes).map_err(|e| {
        UsageError(format!(
            "the official CLI's profile file {} is not valid: {e}",
            path.display()
        ))
    })?;
    for p in &config.profiles {
        crate::terminal::redact::register(&p.access_key_secret);
        crate::terminal::redact::register(&p.sts_token);
    }
    Ok(Some(config))
}

impl AliyunConfig {
    pub fn get(&self, name: &str) -> Option<&AliyunProfile> {
        self.profiles.iter().find(|p| p.name == name)
    }

    /// Converts profile `name` into alicli profiles: the profile itself under `key`, then, for
    /// role modes, the profiles it assumes its role with. Modes alicli cannot use are an error
    /// that says which ones it can.
    pub fn convert(
        &self,
        name: &str,
        key: &str,
        naming: Naming,
    ) -> Result<Vec<(String, Profile)>, String> {
        let mut out = Vec::new();
        self.convert_into(name, key, naming, &mut out, 0)?;
        Ok(out)
    }

    fn convert_into(
        &self,
        name: &str,
        key: &str,
        naming: Naming,
        out: &mut Vec<(String, Profile)>,
        depth: usize,
    ) -> Result<(), String> {
        if out.iter().any(|(k, _)| k == key) {
            return Ok(());
        }
        if depth > 8 {
            return Err(format!(
                "profile {name:?}: source_profile chain is too long (a loop?)"
            ));
        }
        let p = self
            .get(name)
            .ok_or_else(|| format!("no profile {name:?} in the official CLI's file"))?;
        let some = |s: &str| Some(s.trim().to_string()).filter(|s| !s.is_empty());
        let region = some(&p.region_id);
        let sts_endpoint = some(&p.sts_region).map(|r| format!("sts.{r}.aliyuncs.com"));
        let key_pair = || -> Result<(String, String), String> {
            match (some(&p.access_key_id), some(&p.access_key_secret)) {
                (Some(id), Some(secret)) => Ok((id, secret)),
                _ => Err(format!(
                    "profile {name:?} ({} mode) has no access_key_id / access_key_secret",
                    p.mode
                )),
            }
        };
        let duration_seconds = u64::try_from(p.expired_seconds)
            .ok()
            .filter(|d| (900..=43200).contains(d));
        let role = |source: String| -> Result<Profile, String> {
            let arn = some(&p.ram_role_arn)
                .ok_or_else(|| format!("profile {name:?} ({} mode) has no ram_role_arn", p.mode))?;
            Ok(Profile {
                role_arn: Some(arn),
                role_session_name: some(&p.ram_session_name),
                external_id: some(&p.external_id),
                duration_seconds,
                source_profile: Some(source),
                region: region.clone(),
                sts_endpoint: sts_endpoint.clone(),
                ..Default::default()
            })
        };
        match p.mode.to_ascii_lowercase().as_str() {
            // The official CLI treats a profile without a mode as AK.
            "ak" | "" => {
                let (id, secret) = key_pair()?;
                out.push((
                    key.to_string(),
                    Profile {
                        access_key_id: Some(id),
                        access_key_secret: Some(secret),
                        region,
                        sts_endpoint,
                        ..Default::default()
                    },
                ));
            }
            "ststoken" => {
                let (id, secret) = key_pair()?;
                let token = some(&p.sts_token)
                    .ok_or_else(|| format!("profile {name:?} (StsToken mode) has no sts_token"))?;
                out.push((
                    key.to_string(),
                    Profile {
                        access_key_id: Some(id),
                        access_key_secret: Some(secret),
                        security_token: Some(token),
                        region,
                        sts_endpoint,
                        ..Default::default()
                    },
                ));
            }
            "ramrolearn" => {
                // One official profile holds both the RAM user's key and the role; alicli keeps
                // the key in a profile of its own, which the role profile names as its source.
                let (id, secret) = key_pair()?;
                let source = naming.key_of(name);
                out.push((key.to_string(), role(source.clone())?));
                out.push((
                    source,
                    Profile {
                        access_key_id: Some(id),
                        access_key_secret: Some(secret),
                        region: region.clone(),
                        sts_endpoint: sts_endpoint.clone(),
                        ..Default::default()
                    },
                ));
            }
            "chainableramrolearn" => {
                let from = some(&p.source_profile).ok_or_else(|| {
                    format!("profile {name:?} (ChainableRamRoleArn mode) has no source_profile")
                })?;
                let source = naming.referenced(&from);
                out.push((key.to_string(), role(source.clone())?));
                self.convert_into(&from, &source, naming, out, depth + 1)?;
            }
            "ecsramrole" => out.push((
                key.to_string(),
                Profile {
                    ecs_ram_role: Some(p.ram_role_name.trim().to_string()),
                    region,
                    sts_endpoint,
                    ..Default::default()
                },
            )),
            "oidc" => {
                let needed = |value: &str, field: &str| {
                    some(value).ok_or_else(|| format!("profile {name:?} (OIDC mode) has no {field}"))
                };
                out.push((
                    key.to_string(),
                    Profile {
                        role_arn: Some(needed(&p.ram_role_arn, "ram_role_arn")?),
                        oidc_provider_arn: Some(needed(&p.oidc_provider_arn, "oidc_provider_arn")?),
                        oidc_token_file: Some(needed(&p.oidc_token_file, "oidc_token_file")?),
                        role_session_name: some(&p.ram_session_name),
                        duration_seconds,
                        region,
                        sts_endpoint,
                        ..Default::default()
                    },
                ));
            }
            "credentialsuri" => out.push((
                key.to_string(),
                Profile {
                    credentials_uri: Some(some(&p.credentials_uri).ok_or_else(|| {
                        format!("profile {name:?} (CredentialsURI mode) has no credentials_uri")
                    })?),
                    region,
                    sts_endpoint,
                    ..Default::default()
                },
            )),
            "external" => out.push((
                key.to_string(),
                Profile {
                    credential_process: Some(some(&p.process_command).ok_or_else(|| {
                        format!("profile {name:?} (External mode) has no process_command")
                    })?),
                    region,
                    sts_endpoint,
                    ..Default::default()
                },
            )),
            _ => {
                return Err(format!(
                    "profile {name:?} uses mode {}, which alicli cannot use (it reads AK, StsToken, RamRoleArn, ChainableRamRoleArn, EcsRamRole, OIDC, CredentialsURI and External profiles)",
                    p.mode
                ))
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = r#"{
        "current": "work",
        "profiles": [
            {"name": "work", "mode": "AK", "access_key_id": "LTAIwork00000000", "access_key_secret": "work-secret-value",
             "region_id": "cn-shanghai", "output_format": "json", "language": "en", "expired_seconds": 0},
            {"name": "tmp", "mode": "StsToken", "access_key_id": "STS.tmp0000000", "access_key_secret": "tmp-secret-value",
             "sts_token": "tmp-token-value", "region_id": "cn-hangzhou"},
            {"name": "ops", "mode": "RamRoleArn", "access_key_id": "LTAIops000000000", "access_key_secret": "ops-secret-value",
             "ram_role_arn": "acs:ram::1234567890123456:role/ops", "ram_session_name": "ops-session",
             "expired_seconds": 1800, "region_id": "cn-beijing", "sts_region": "cn-beijing"},
            {"name": "chain", "mode": "ChainableRamRoleArn", "source_profile": "work",
             "ram_role_arn": "acs:ram::1234567890123456:role/chain", "ram_session_name": "c1"},
            {"name": "vm", "mode": "EcsRamRole", "ram_role_name": "r"},
            {"name": "ci", "mode": "OIDC", "ram_role_arn": "acs:ram::1234567890123456:role/ci",
             "oidc_provider_arn": "acs:ram::1234567890123456:oidc-provider/gh",
             "oidc_token_file": "/var/run/token", "ram_session_name": "ci-run"},
            {"name": "uri", "mode": "CredentialsURI", "credentials_uri": "http://127.0.0.1:9/creds"},
            {"name": "ext", "mode": "External", "process_command": "vault-creds --role ci"},
            {"name": "sso", "mode": "CloudSSO", "cloud_sso_sign_in_url": "https://x"}
        ]
    }"#;

    fn sample() -> AliyunConfig {
        serde_json::from_str(SAMPLE).unwrap()
    }

    #[test]
    fn modes_map_onto_alicli_profiles() {
        let c = sample();
        assert_eq!(c.current, "work");
        let work = c.convert("work", "work", Naming::Import).unwrap();
        assert_eq!(work.len(), 1);
        assert_eq!(work[0].1.access_key_id.as_deref(), Some("LTAIwork00000000"));
        assert_eq!(work[0].1.region.as_deref(), Some("cn-shanghai"));

        let tmp = c.convert("tmp", "tmp", Naming::Import).unwrap();
        assert_eq!(tmp[0].1.security_token.as_deref(), Some("tmp-token-value"));
        assert_eq!(tmp[0].1.kind(), crate::config::profile::Kind::Sts);

        let ops = c.convert("ops", "ops", Naming::Import).unwrap();
        assert_eq!(ops[0].0, "ops");
        assert_eq!(ops[0].1.kind(), crate::config::profile::Kind::Role);
        assert_eq!(ops[0].1.source_profile.as_deref(), Some("ops-source"));
        assert_eq!(ops[0].1.duration_seconds, Some(1800));
        assert_eq!(
            ops[0].1.sts_endpoint.as_deref(),
            Some("sts.cn-beijing.aliyuncs.com")
        );
        assert_eq!(ops[1].0, "ops-source");
        assert_eq!(
            ops[1].1.access_key_secret.as_deref(),
            Some("ops-secret-value")
        );
        assert!(ops[1].1.role_arn.is_none());
    }

    #[test]
    fn borrowed_names_cannot_clash_with_alicli_profiles() {
        let c = sample();
        let ops = c.convert("ops", "default", Naming::Borrow).unwrap();
        assert_eq!(ops[0].0, "default");
        assert_eq!(ops[1].0, "aliyun:ops:source");
        let chain = c.convert("chain", "chain", Naming::Borrow).unwrap();
        assert_eq!(chain[0].1.source_profile.as_deref(), Some("aliyun:work"));
        assert_eq!(chain[1].0, "aliyun:work");
        // alicli's own profile names never contain ':'.
        assert!(crate::config::check_profile_name("aliyun:work").is_err());
    }

    #[test]
    fn keyless_modes_map_onto_profiles_that_renew_themselves() {
        use crate::config::profile::Kind;
        let c = sample();
        let vm = c.convert("vm", "vm", Naming::Import).unwrap();
        assert_eq!(vm[0].1.kind(), Kind::EcsRole);
        assert_eq!(vm[0].1.ecs_ram_role.as_deref(), Some("r"));
        let ci = c.convert("ci", "ci", Naming::Import).unwrap();
        assert_eq!(ci.len(), 1);
        assert_eq!(ci[0].1.kind(), Kind::Oidc);
        assert_eq!(ci[0].1.oidc_token_file.as_deref(), Some("/var/run/token"));
        assert_eq!(ci[0].1.role_session_name.as_deref(), Some("ci-run"));
        let uri = c.convert("uri", "uri", Naming::Import).unwrap();
        assert_eq!(uri[0].1.kind(), Kind::CredentialsUri);
        let ext = c.convert("ext", "ext", Naming::Import).unwrap();
        assert_eq!(
            ext[0].1.credential_process.as_deref(),
            Some("vault-creds --role ci")
        );
        let broken: AliyunConfig = serde_json::from_str(
            r#"{"profiles":[{"name":"o","mode":"OIDC","ram_role_arn":"acs:ram::1:role/x"}]}"#,
        )
        .unwrap();
        let e = broken.convert("o", "o", Naming::Import).unwrap_err();
        assert!(e.contains("oidc_provider_arn"), "{e}");
    }

    #[test]
    fn unusable_profiles_say_why() {
        let c = sample();
        let e = c.convert("sso", "sso", Naming::Import).unwrap_err();
        assert!(e.contains("CloudSSO") && e.contains("EcsRamRole"), "{e}");
        assert!(c
            .convert("nope", "nope", Naming::Import)
            .unwrap_err()
            .contains("no profile"));
        let looped: AliyunConfig = serde_json::from_str(
            r#"{"profiles":[{"name":"a","mode":"ChainableRamRoleArn","source_profile":"b","ram_role_arn":"acs:ram::1:role/x"},
                            {"name":"b","mode":"ChainableRamRoleArn","source_profile":"a","ram_role_arn":"acs:ram::1:role/y"}]}"#,
        )
        .unwrap();
        // a -> b -> a: the second visit of `a` is already converted, so the chain ends there
        // instead of recursing forever; the renewal refuses the loop when it walks it.
        assert_eq!(looped.convert("a", "a", Naming::Import).unwrap().len(), 2);
    }

    #[test]
    fn missing_file_is_none_and_bad_json_is_usage() {
        let dir = tempfile::tempdir().unwrap();
        assert!(load(&dir.path().join("config.json")).unwrap().is_none());
        std::fs::write(dir.path().join("config.json"), "{not json").unwrap();
        assert!(load(&dir.path().join("config.json")).is_err());
    }
}
