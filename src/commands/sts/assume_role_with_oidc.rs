//! `alicli sts assume-role-with-oidc` (CamelCase: `sts AssumeRoleWithOIDC`): temporary
//! credentials for a role from an OIDC token — a CI job's (GitHub Actions, GitLab `id_tokens`)
//! or a pod's (ACK RRSA) — with no AccessKey anywhere. Prints them as `assume-role` does, and
//! can keep them in a profile that renews itself from the same token source.

use anyhow::Result;
use clap::Args;

use crate::config::profile::{self, Profile};
use crate::credentials::exports;
use crate::credentials::oidc::{self, OidcRole};
use crate::credentials::oidc_token::TokenSource;
use crate::error::UsageError;
use crate::session::Session;
use crate::sts::AssumeRoleWithOidcResponse;
use alicli_wire::names::check_duration;

#[derive(Debug, Args)]
pub struct AssumeRoleWithOidcArgs {
    /// Role to assume: acs:ram::<account-id>:role/<role-name>
    #[arg(long, alias = "RoleArn", value_name = "ARN")]
    pub role_arn: String,
    /// The OIDC identity provider in RAM: acs:ram::<account-id>:oidc-provider/<name>
    #[arg(long, alias = "OIDCProviderArn", value_name = "ARN")]
    pub oidc_provider_arn: String,
    /// Name for this session (2-64 of letters, digits, . @ - _) [default: from the CI run (gh-<run>-<attempt>, gitlab-<job>), else alicli-<unix time>]
    #[arg(long, alias = "RoleSessionName", value_name = "NAME")]
    pub role_session_name: Option<String>,
    /// File holding the OIDC token, `-` for stdin [default: ALIBABA_CLOUD_OIDC_TOKEN_FILE, else the GitHub Actions token]
    #[arg(long, alias = "OIDCTokenFile", value_name = "PATH")]
    pub oidc_token_file: Option<String>,
    /// Audience of the GitHub Actions token to ask for
    #[arg(long, value_name = "AUD", default_value = oidc::DEFAULT_AUDIENCE)]
    pub audience: String,
    /// Inline policy narrowing the role: JSON text, or @FILE to read it from a file
    #[arg(long, alias = "Policy", value_name = "JSON|@FILE")]
    pub policy: Option<String>,
    /// Lifetime in seconds, 900-43200 (the role's maximum session duration caps it) [service default: 3600]
    #[arg(long, alias = "DurationSeconds", value_name = "SECONDS")]
    pub duration_seconds: Option<String>,
    /// STS endpoint, e.g. sts.cn-hangzhou.aliyuncs.com or http://127.0.0.1:9000
    #[arg(long, value_name = "ENDPOINT")]
    pub endpoint: Option<String>,
    /// Also store the temporary credentials in this profile, which renews itself from the same token source
    #[arg(long, value_name = "NAME")]
    pub save_profile: Option<String>,
}

/// The role to assume, after every local check passed.
fn validate(args: &AssumeRoleWithOidcArgs) -> Result<OidcRole> {
    let role = OidcRole {
        role_arn: args.role_arn.clone(),
        oidc_provider_arn: args.oidc_provider_arn.clone(),
        role_session_name: args
            .role_session_name
            .clone()
            .or_else(oidc::ci_session_name)
            .unwrap_or_else(|| format!("alicli-{}", chrono::Utc::now().timestamp())),
        policy: match &args.policy {
            Some(p) => Some(crate::policy_input::read_session_policy(p)?),
            None => None,
        },
        duration_seconds: match &args.duration_seconds {
            Some(text) => Some(check_duration(text)?),
            None => None,
        },
    };
    oidc::check(&role)?;
    if let Some(name) = &args.save_profile {
        crate::config::check_profile_name(name)?;
    }
    Ok(role)
}

pub fn run(globals: crate::session::Globals, args: AssumeRoleWithOidcArgs) -> Result<()> {
    let format = exports::answer_format()?;
    let env_output = format == crate::terminal::render::OutputFormat::Env;
    exports::guard_env_output(
        "sts assume-role-with-oidc",
        env_output,
        assume(globals, args),
    )
}

fn assume(globals: crate::session::Globals, args: AssumeRoleWithOidcArgs) -> Result<()> {
    let role = validate(&args)?;
    let Some(source) = TokenSource::find(
        args.oidc_token_file.as_deref(),
        None,
        Some(args.audience.as_str()),
    )?
    else {
        return Err(UsageError(
            "no OIDC token: pass --oidc-token-file PATH (or - for stdin), set ALIBABA_CLOUD_OIDC_TOKEN_FILE, or run in a GitHub Actions job with `permissions: id-token: write`".into(),
        )
        .into());
    };
    let session = Session::new(globals)?;
    let services = crate::clients::services();
    let net = session.net()?;
    let token = source.read(&*services, &net)?;
    crate::terminal::output::verbose(&format!("OIDC token from {}", source.describe()));
    let response = crate::clients::assume_role_with_oidc(
        &session,
        args.endpoint.as_deref(),
        &role.request(token),
    )?;
    if let Some(name) = &args.save_profile {
        save(&session, name, &role, &source, &args, &response)?;
    }
    let text = exports::answer_text(&response, &response.credentials, exports::answer_format()?)?;
    crate::write_stdout(text.as_bytes())
}

/// Writes the temporary credentials into profile `name` with the role, provider and token
/// source, so the profile renews itself: a token file is read again at each renewal, and the
/// GitHub Actions token asked for again. A token read from stdin cannot be read twice: that
/// profile holds the credentials until they expire, and says so.
fn save(
    session: &Session,
    name: &str,
    role: &OidcRole,
    source: &TokenSource,
    args: &AssumeRoleWithOidcArgs,
    response: &AssumeRoleWithOidcResponse,
) -> Result<()> {
    let token_file = match source {
        TokenSource::File(path) => Some(
            std::path::absolute(path)
                .unwrap_or_else(|_| path.clone())
                .display()
                .to_string(),
        ),
        TokenSource::Stdin | TokenSource::GitHubActions { .. } => None,
    };
    let renews = !matches!(source, TokenSource::Stdin);
    let c = &response.credentials;
    profile::update(&session.config_path, |config| {
        let previous = config.profiles.get(name).cloned().unwrap_or_default();
        let mut p = Profile {
            access_key_id: Some(c.access_key_id.clone()),
            access_key_secret: Some(c.access_key_secret.clone()),
            security_token: Some(c.security_token.clone()),
            expiration: Some(c.expiration.clone()),
            region: session.globals.region.clone().or(previous.region.clone()),
            sts_endpoint: args.endpoint.clone().or(previous.sts_endpoint.clone()),
            refresh_margin_seconds: previous.refresh_margin_seconds,
            sign_version: previous.sign_version.clone(),
            oss: previous.oss.clone(),
            extra: previous.extra.clone(),
            ..Default::default()
        };
        if renews {
            p.role_arn = Some(role.role_arn.clone());
            p.oidc_provider_arn = Some(role.oidc_provider_arn.clone());
            p.oidc_token_file = token_file;
            p.role_session_name = Some(role.role_session_name.clone());
            p.policy = role.policy.clone();
            p.duration_seconds = role.duration_seconds;
            p.oidc_audience = Some(args.audience.clone()).filter(|a| a != oidc::DEFAULT_AUDIENCE);
        }
        config.profiles.insert(name.to_string(), p);
        Ok(())
    })?;
    crate::terminal::output::info(&format!(
        "saved temporary credentials to profile {name:?} in {} (expire {}{})",
        session.config_path.display(),
        c.expiration,
        if renews {
            "; renewed from the same token source"
        } else {
            "; a token from stdin cannot be read again, so the profile does not renew itself"
        }
    ));
    Ok(())
}
