//! `alicli sts assume-role` (aliyuncli: `sts AssumeRole`): get temporary credentials for a role,
//! optionally narrowed by an inline policy; print them as JSON or shell exports, and optionally
//! keep them in a profile that remembers how to get them again.

use std::io::Write;

use anyhow::Result;
use clap::{Args, ValueEnum};

use crate::commands::configure::export_credentials;
use crate::config::profile::{self, Profile};
use crate::error::usage;
use crate::net::http;
use crate::resolve::{CredentialSource, Session};
use crate::sts::{AssumeRoleRequest, AssumeRoleResponse};
use crate::terminal::hints;
use alicli_policy::lint;
pub use alicli_wire::names::{
    check_duration, check_external_id, check_role_arn, check_session_name,
};

#[derive(Debug, Args)]
pub struct AssumeRoleArgs {
    /// Role to assume: acs:ram::<account-id>:role/<role-name>
    #[arg(long, alias = "RoleArn", value_name = "ARN")]
    pub role_arn: String,
    /// Name for this session (2-64 of letters, digits, . @ - _); shows in audit logs
    #[arg(long, alias = "RoleSessionName", value_name = "NAME")]
    pub role_session_name: String,
    /// Inline policy narrowing the role: JSON text, or @FILE to read it from a file
    #[arg(long, alias = "Policy", value_name = "JSON|@FILE")]
    pub policy: Option<String>,
    /// Lifetime in seconds, 900-43200 (the role's maximum session duration caps it) [service default: 3600]
    #[arg(long, alias = "DurationSeconds", value_name = "SECONDS")]
    pub duration_seconds: Option<String>,
    /// External id the role's trust policy may require (2-1224 of letters, digits, _+=,.@:/-)
    #[arg(long, alias = "ExternalId", value_name = "ID")]
    pub external_id: Option<String>,
    /// STS endpoint, e.g. sts.cn-hangzhou.aliyuncs.com or http://127.0.0.1:9000
    #[arg(long, value_name = "ENDPOINT")]
    pub endpoint: Option<String>,
    /// Also store the temporary credentials in this profile (with what is needed to renew them)
    #[arg(long, value_name = "NAME")]
    pub save_profile: Option<String>,
    /// What to print on stdout
    #[arg(long, value_enum, default_value_t = AssumeRoleOutput::Json)]
    pub output: AssumeRoleOutput,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum AssumeRoleOutput {
    /// The STS answer as JSON (AssumedRoleUser, Credentials, RequestId)
    Json,
    /// `export` lines for `eval "$(alicli sts assume-role … --output env)"`
    Env,
}

/// The request after every local check passed.
pub fn validate(args: &AssumeRoleArgs) -> Result<AssumeRoleRequest> {
    check_role_arn(&args.role_arn)?;
    check_session_name(&args.role_session_name)?;
    let duration_seconds = match &args.duration_seconds {
        Some(text) => Some(check_duration(text)?),
        None => None,
    };
    let policy = match &args.policy {
        Some(p) => Some(read_policy(p)?),
        None => None,
    };
    if let Some(id) = &args.external_id {
        check_external_id(id)?;
    }
    if let Some(name) = &args.save_profile {
        check_profile_name(name)?;
    }
    Ok(AssumeRoleRequest {
        role_arn: args.role_arn.clone(),
        role_session_name: args.role_session_name.clone(),
        policy,
        duration_seconds,
        external_id: args.external_id.clone(),
    })
}

pub fn check_profile_name(name: &str) -> Result<()> {
    if name.is_empty()
        || name.len() > 64
        || !name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"-_.".contains(&b))
    {
        usage!("invalid profile name {name:?}: use 1-64 of letters, digits, '-', '_', '.'");
    }
    Ok(())
}

/// The inline policy as sent: JSON, at most 2048 characters (whitespace counts, as STS counts it),
/// and passing `policy check` as a session policy: its errors refuse the call before anything is
/// sent, its warnings are printed.
pub fn read_policy(value: &str) -> Result<String> {
    let text = match value.strip_prefix('@') {
        Some(path) => crate::commands::policy::read_file(path)?,
        None => value.to_string(),
    };
    let text = text.trim().to_string();
    if let Err(e) = serde_json::from_str::<serde_json::Value>(&text) {
        usage!("the policy is not valid JSON: {e} (pass the JSON itself or @FILE)");
    }
    let chars = text.chars().count();
    if chars > alicli_policy::SESSION_POLICY_MAX_CHARS {
        usage!(
            "the policy is {chars} characters; STS accepts at most {} (remove whitespace or split the grant)",
            alicli_policy::SESSION_POLICY_MAX_CHARS
        );
    }
    let report = lint::check(&text, lint::CheckOptions { session: true });
    let errors: Vec<_> = report
        .findings
        .iter()
        .filter(|f| f.severity == lint::Severity::Error)
        .collect();
    if let Some(first) = errors.first() {
        let more = match errors.len() {
            1 => String::new(),
            n => format!(" (and {} more errors)", n - 1),
        };
        usage!("the policy is refused by policy check: {first}{more}; see `alicli policy check --session`");
    }
    crate::commands::policy::warn_findings("policy", &report);
    Ok(text)
}

pub fn run(globals: crate::resolve::Globals, args: AssumeRoleArgs) -> Result<()> {
    let env_output = args.output == AssumeRoleOutput::Env;
    let result = assume(globals, args);
    if let Err(e) = &result {
        // `eval "$(alicli sts assume-role … --output env)"` evaluates an empty string to
        // success when the call fails, and the job goes on with the long-term key still in its
        // environment. What is printed instead makes that eval fail and leaves no key behind.
        if env_output {
            export_credentials::print_failed_env_script("sts assume-role", e);
        }
    }
    result
}

fn assume(globals: crate::resolve::Globals, args: AssumeRoleArgs) -> Result<()> {
    let request = validate(&args)?;
    let session = Session::new(globals)?;
    let http = http::client_for(
        &session.sts_endpoint(args.endpoint.as_deref())?,
        &session.net()?,
    )?;
    let client = super::client(&session, &http, args.endpoint.as_deref())?;
    let source = super::source_of(&client)
        .unwrap_or(CredentialSource::Environment("ALIBABA_CLOUD_ACCESS_KEY_ID"));
    if let (Some(name), CredentialSource::Profile(from)) = (&args.save_profile, &source) {
        if name == from {
            usage!("--save-profile {name} would replace the key this call is signed with; save the temporary credentials under another name");
        }
    }
    let response = client.assume_role(&request).map_err(|e| {
        hints::attach(e, |svc| {
            hints::assume_role(svc, &request.role_arn, session.profile_name())
        })
    })?;

    if let Some(name) = &args.save_profile {
        save(
            &session,
            name,
            &request,
            &response,
            &source,
            args.endpoint.as_deref(),
        )?;
        crate::terminal::output::info(&format!(
            "saved temporary credentials to profile {name:?} in {} (expire {})",
            session.config_path.display(),
            response.credentials.expiration
        ));
    }
    let text = match args.output {
        AssumeRoleOutput::Json => pretty_json(&response)?,
        AssumeRoleOutput::Env => env_exports(&response)?,
    };
    crate::write_stdout(text.as_bytes())
}

/// JSON indented by 4, the way the docs show AssumeRole's answer.
pub fn pretty_json<T: serde::Serialize>(value: &T) -> Result<String> {
    let mut out = Vec::new();
    let formatter = serde_json::ser::PrettyFormatter::with_indent(b"    ");
    let mut ser = serde_json::Serializer::with_formatter(&mut out, formatter);
    value.serialize(&mut ser)?;
    out.write_all(b"\n")?;
    Ok(String::from_utf8(out)?)
}

/// Single-quoted for POSIX shells: nothing inside is expanded.
pub fn shell_quote(value: &str) -> String {
    format!("'{}'", value.replace('\'', r"'\''"))
}

/// The same `export` lines as `configure export-credentials`, for the answer's credentials.
fn env_exports(r: &AssumeRoleResponse) -> Result<String> {
    let c = &r.credentials;
    let credentials = alicli_wire::signing::Credentials::new(
        &c.access_key_id,
        &c.access_key_secret,
        Some(c.security_token.clone()),
    );
    export_credentials::render(
        export_credentials::ExportFormat::Env,
        &credentials,
        Some(&c.expiration),
    )
}

/// Writes the temporary credentials into profile `name`, with what a later refresh needs
/// (role, session name, source profile) and the source profile's region and endpoints.
fn save(
    session: &Session,
    name: &str,
    request: &AssumeRoleRequest,
    response: &AssumeRoleResponse,
    source: &CredentialSource,
    endpoint_flag: Option<&str>,
) -> Result<()> {
    let source_profile = match source {
        CredentialSource::Profile(p) | CredentialSource::ProfileOss(p) => Some(p.clone()),
        // Neither the environment nor the official CLI's file is a profile alicli can name as
        // the source: the saved credentials then cannot renew themselves.
        CredentialSource::Environment(_) | CredentialSource::Aliyun(_) => None,
    };
    profile::update(&session.config_path, |config| {
        let carried = source_profile
            .as_ref()
            .and_then(|p| config.profiles.get(p))
            .cloned()
            .unwrap_or_default();
        let previous = config.profiles.get(name).cloned().unwrap_or_default();
        let c = &response.credentials;
        let oss = carried
            .oss
            .as_ref()
            .map(|o| crate::config::profile::OssSettings {
                endpoint: o.endpoint.clone(),
                region: o.region.clone(),
                sign_version: o.sign_version.clone(),
                ..Default::default()
            });
        let profile = Profile {
            access_key_id: Some(c.access_key_id.clone()),
            access_key_secret: Some(c.access_key_secret.clone()),
            security_token: Some(c.security_token.clone()),
            expiration: Some(c.expiration.clone()),
            region: session.globals.region.clone().or(carried.region.clone()),
            sts_endpoint: endpoint_flag
                .map(str::to_string)
                .or(carried.sts_endpoint.clone()),
            role_arn: Some(request.role_arn.clone()),
            role_session_name: Some(request.role_session_name.clone()),
            source_profile: source_profile.clone(),
            // Kept so that a refresh asks for exactly what this call asked for.
            policy: request.policy.clone(),
            duration_seconds: request.duration_seconds,
            external_id: request.external_id.clone(),
            refresh_margin_seconds: previous.refresh_margin_seconds,
            sign_version: carried.sign_version.clone(),
            oss,
            extra: previous.extra,
        };
        config.profiles.insert(name.to_string(), profile);
        Ok(())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn role_arns() {
        for ok in [
            "acs:ram::1234567890123456:role/oss-readonly",
            "acs:ram::11223344:role/oss-readonly",
            "acs:ram::123456789012****:role/oss-readonly",
            "acs:ram::1:role/a.b_c-d",
        ] {
            assert!(check_role_arn(ok).is_ok(), "{ok}");
        }
        for bad in [
            "",
            "oss-readonly",
            "acs:ram:1234:role/x",
            "acs:ram::abc:role/x",
            "acs:ram::1234:user/x",
            "acs:ram::1234:role/",
            "acs:ram::1234:role/has space",
            "arn:aws:iam::123456789012:role/x",
        ] {
            assert!(check_role_arn(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn session_names() {
        assert!(check_session_name("client-001").is_ok());
        assert!(check_session_name("a.b@c_d-e").is_ok());
        assert!(check_session_name(&"x".repeat(64)).is_ok());
        assert!(check_session_name("x").is_err());
        assert!(check_session_name("has space").is_err());
        assert!(check_session_name(&"x".repeat(65)).is_err());
    }

    #[test]
    fn durations() {
        assert_eq!(check_duration("900").unwrap(), 900);
        assert_eq!(check_duration("43200").unwrap(), 43200);
        for bad in ["899", "43201", "-1", "1h", ""] {
            assert!(check_duration(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn policies() {
        assert!(read_policy(r#"{"Version":"1","Statement":[]}"#).is_ok());
        assert!(read_policy("{not json")
            .unwrap_err()
            .to_string()
            .contains("not valid JSON"));
        let long = format!(
            r#"{{"Version":"1","Statement":[],"x":"{}"}}"#,
            "a".repeat(2100)
        );
        assert!(read_policy(&long)
            .unwrap_err()
            .to_string()
            .contains("at most 2048"));
        assert!(read_policy("@/nonexistent/policy.json")
            .unwrap_err()
            .to_string()
            .contains("cannot read policy file"));
    }

    #[test]
    fn policies_are_checked_as_session_policies() {
        let typo = r#"{"Version":"1","Statement":[{"Effect":"Allow","Action":"oss:GetObjects","Resource":"acs:oss:*:*:sample-bucket/*"}]}"#;
        let err = read_policy(typo).unwrap_err();
        assert_eq!(
            crate::error::exit_for(&err),
            crate::error::Exit::Usage,
            "{err}"
        );
        let text = err.to_string();
        assert!(text.contains("$.Statement[0].Action"), "{text}");
        assert!(text.contains("did you mean \"oss:GetObject\""), "{text}");
        assert!(!text.contains('\n'), "one line: {text}");
        let two = r#"{"Version":"1","Statement":[{"Effect":"Allow","Action":["oss:GetObjects","oss:PutObjekt"],"Resource":"*"}]}"#;
        assert!(read_policy(two)
            .unwrap_err()
            .to_string()
            .contains("(and 1 more errors)"));
        // Warnings alone do not refuse it.
        let warned = r#"{"Version":"1","Statement":[{"Effect":"Allow","Action":"oss:ListObjects","Resource":"acs:oss:*:*:sample-bucket/*"}]}"#;
        assert!(read_policy(warned).is_ok());
    }

    #[test]
    fn quoting_survives_quotes() {
        assert_eq!(shell_quote("a'b"), r"'a'\''b'");
    }
}
