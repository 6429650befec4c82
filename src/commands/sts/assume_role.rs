//! `alicli sts assume-role` (aliyuncli: `sts AssumeRole`): get temporary credentials for a role,
//! optionally narrowed by an inline policy; print them as JSON or shell exports, and optionally
//! keep them in a profile that remembers how to get them again.

use anyhow::Result;
use clap::Args;

use crate::config::profile::{self, Profile};
use crate::credentials::exports;
use crate::credentials::CredentialSource;
use crate::error::usage;
use crate::session::Session;
use crate::sts::{AssumeRoleRequest, AssumeRoleResponse};
use crate::terminal::hints;
use alicli_wire::names::{check_duration, check_external_id, check_role_arn, check_session_name};

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
        Some(p) => Some(crate::policy_input::read_session_policy(p)?),
        None => None,
    };
    if let Some(id) = &args.external_id {
        check_external_id(id)?;
    }
    if let Some(name) = &args.save_profile {
        crate::config::check_profile_name(name)?;
    }
    Ok(AssumeRoleRequest {
        role_arn: args.role_arn.clone(),
        role_session_name: args.role_session_name.clone(),
        policy,
        duration_seconds,
        external_id: args.external_id.clone(),
    })
}

pub fn run(globals: crate::session::Globals, args: AssumeRoleArgs) -> Result<()> {
    let format = exports::answer_format()?;
    let env_output = format == crate::terminal::render::OutputFormat::Env;
    exports::guard_env_output("sts assume-role", env_output, assume(globals, args))
}

fn assume(globals: crate::session::Globals, args: AssumeRoleArgs) -> Result<()> {
    let request = validate(&args)?;
    let session = Session::new(globals)?;
    let client = crate::clients::sts(&session, args.endpoint.as_deref())?;
    let source = client.credentials.source().clone();
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
    let text = exports::answer_text(&response, &response.credentials, exports::answer_format()?)?;
    crate::write_stdout(text.as_bytes())
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
        CredentialSource::Environment(_)
        | CredentialSource::Aliyun(_)
        | CredentialSource::CredentialsFile(_)
        | CredentialSource::Keyless { .. } => None,
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
            sts_signature_version: carried.sts_signature_version.clone(),
            oss,
            extra: previous.extra,
            ..Default::default()
        };
        config.profiles.insert(name.to_string(), profile);
        Ok(())
    })
}
