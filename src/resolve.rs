//! Resolution of who we are and where we talk to: profile, credentials, region and endpoints,
//! from flags > environment > profile file, as ../docs/configuration.md describes.
//!
//! The profile file is read once per process; commands that write it go through
//! [`crate::config::profile::update`], which re-reads it under the lock. When alicli's file has no profile
//! of the selected name, the official CLI's `~/.aliyun/config.json` is consulted (read only; see
//! [`crate::config::official_cli`]); what it provides is kept apart, in memory, and never saved.
//!
//! This layer only finds credentials; keeping a role profile's credentials fresh is
//! [`crate::credentials`]' work, one layer up, because it calls STS.

use std::path::PathBuf;

use anyhow::Result;
use chrono::{DateTime, Utc};

use crate::config::official_cli::{self, Naming};
use crate::config::profile::{self, ConfigFile, Profile};
use crate::error::{CredentialsError, UsageError};
use alicli_wire::endpoint::{check_region, Endpoint};
use alicli_wire::signing::Credentials;

pub const DEFAULT_PROFILE: &str = "default";

/// Global choices made on the command line (or their environment equivalents handled by clap).
#[derive(Debug, Clone, Default)]
pub struct Globals {
    /// `--profile` or `ALICLI_PROFILE`: naming a profile makes it win over credentials in the environment.
    pub profile: Option<String>,
    pub config_file: Option<PathBuf>,
    pub region: Option<String>,
    pub retries: Option<u32>,
    pub connect_timeout: Option<std::time::Duration>,
    pub read_timeout: Option<std::time::Duration>,
    pub proxy: Option<String>,
}

/// Where a set of credentials came from, for messages and for deciding whether it can refresh.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CredentialSource {
    Environment(&'static str),
    Profile(String),
    ProfileOss(String),
    /// A profile of the official CLI's `~/.aliyun/config.json`, by its name there.
    Aliyun(String),
}

impl std::fmt::Display for CredentialSource {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            CredentialSource::Environment(var) => write!(f, "environment ({var})"),
            CredentialSource::Profile(name) => write!(f, "profile {name:?}"),
            CredentialSource::ProfileOss(name) => write!(f, "profile {name:?} (oss section)"),
            CredentialSource::Aliyun(name) => {
                write!(
                    f,
                    "profile {name:?} of the official CLI (~/.aliyun/config.json)"
                )
            }
        }
    }
}

pub struct Resolved {
    pub credentials: Credentials,
    pub source: CredentialSource,
    pub expiration: Option<String>,
}

/// What the selected credentials are: fixed ones (a key, or temporary credentials that cannot
/// renew themselves), or a role profile that renews its own.
pub enum Origin {
    Fixed(Resolved),
    Role {
        /// The profile's name as [`Session::profile`] and the stores know it.
        name: String,
        source: CredentialSource,
        /// What the profile holds now, if anything; it may be expired.
        held: Option<Resolved>,
        /// True for a role borrowed from the official CLI's file: renewed in memory only.
        borrowed: bool,
    },
}

pub struct Session {
    pub globals: Globals,
    pub config_path: PathBuf,
    pub config: ConfigFile,
    /// Profiles converted from `~/.aliyun/config.json` when alicli's file lacks the selected one:
    /// the selected profile under the name alicli looks it up by, plus what it refers to.
    pub borrowed: ConfigFile,
    /// The selected profile's name in the official CLI's file, when it was borrowed.
    pub borrowed_name: Option<String>,
    /// Why the official CLI's profile could not be borrowed (unreadable file, unusable mode).
    /// Reported only if credentials are then missing: commands that need none (configure,
    /// list) must not fail because of another program's file.
    pub borrow_error: Option<String>,
}

fn env(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.trim().is_empty())
}

impl Session {
    pub fn new(globals: Globals) -> Result<Session> {
        let config_path = match &globals.config_file {
            Some(path) => path.clone(),
            None => profile::default_path()?,
        };
        let config = profile::load(&config_path)?;
        if let Some(warning) = profile::permission_warning(&config_path) {
            crate::terminal::output::warn(&warning);
        }
        let mut session = Session {
            globals,
            config_path,
            config,
            borrowed: ConfigFile::default(),
            borrowed_name: None,
            borrow_error: None,
        };
        if let Err(e) = session.borrow_from_official_cli() {
            session.borrow_error = Some(e.to_string());
        }
        Ok(session)
    }

    /// Fills [`Session::borrowed`] when alicli's file has no profile of the selected name: an
    /// explicit `--profile NAME` looks for NAME in the official CLI's file; the implicit default
    /// takes the profile the official tools would (`ALIBABA_CLOUD_PROFILE`, else the file's
    /// `current`). Nothing is borrowed when the file is absent or has no such profile.
    fn borrow_from_official_cli(&mut self) -> Result<()> {
        let key = self.profile_name().to_string();
        if self.config.profiles.contains_key(&key) {
            return Ok(());
        }
        let Some(path) = official_cli::default_path() else {
            return Ok(());
        };
        let Some(official) = official_cli::load(&path)? else {
            return Ok(());
        };
        let wanted = match &self.globals.profile {
            Some(name) => name.clone(),
            None => env("ALIBABA_CLOUD_PROFILE")
                .or_else(|| Some(official.current.clone()).filter(|c| !c.is_empty()))
                .unwrap_or_else(|| DEFAULT_PROFILE.to_string()),
        };
        if official.get(&wanted).is_none() {
            return Ok(());
        }
        let converted = official
            .convert(&wanted, &key, Naming::Borrow)
            .map_err(|why| UsageError(format!("{}: {why}", path.display())))?;
        for (name, p) in converted {
            p.register_secrets();
            self.borrowed.profiles.insert(name, p);
        }
        crate::terminal::output::verbose(&format!(
            "profile {key:?} is not in {}; using profile {wanted:?} of {}",
            self.config_path.display(),
            path.display()
        ));
        self.borrowed_name = Some(wanted);
        Ok(())
    }

    /// A profile by name, from alicli's file or else from what was borrowed.
    pub fn find_profile(&self, name: &str) -> Option<&Profile> {
        self.config
            .profiles
            .get(name)
            .or_else(|| self.borrowed.profiles.get(name))
    }

    fn source_of(&self, name: &str) -> CredentialSource {
        match &self.borrowed_name {
            Some(official) if !self.config.profiles.contains_key(name) => {
                CredentialSource::Aliyun(official.clone())
            }
            _ => CredentialSource::Profile(name.to_string()),
        }
    }

    pub fn profile_name(&self) -> &str {
        self.globals.profile.as_deref().unwrap_or(DEFAULT_PROFILE)
    }

    /// The selected profile. Naming a profile that does not exist is an error; the implicit
    /// `default` may be absent.
    pub fn profile(&self) -> Result<Option<&Profile>> {
        let name = self.profile_name();
        match self.find_profile(name) {
            Some(p) => Ok(Some(p)),
            None if self.globals.profile.is_some() => {
                if let Some(why) = &self.borrow_error {
                    return Err(UsageError(format!(
                        "profile {name:?} is not in {}, and {why}",
                        self.config_path.display()
                    ))
                    .into());
                }
                let known: Vec<&str> = self.config.profiles.keys().map(String::as_str).collect();
                let known = if known.is_empty() {
                    "none".to_string()
                } else {
                    known.join(", ")
                };
                Err(UsageError(format!(
                    "profile {name:?} not found in {} (profiles there: {known})",
                    self.config_path.display()
                ))
                .into())
            }
            None => Ok(None),
        }
    }

    /// Network settings: flags, then the profile's `retries`, then the defaults.
    pub fn net(&self) -> Result<crate::net::http::Net> {
        let mut net = crate::net::http::Net::default();
        let from_profile = self
            .profile()?
            .and_then(|p| p.extra.get("retries"))
            .map(|v| {
                v.as_integer()
                    .filter(|n| (0..=20).contains(n))
                    .map(|n| n as u32)
                    .ok_or_else(|| {
                        UsageError(format!(
                            "profile {:?} has retries = {v}; use a number from 0 to 20",
                            self.profile_name()
                        ))
                    })
            });
        let retries = match (self.globals.retries, from_profile) {
            (Some(r), _) => Some(r),
            (None, Some(r)) => Some(r?),
            (None, None) => None,
        };
        if let Some(r) = retries {
            net.retry = crate::net::retry::RetryPolicy::with_retries(r);
        }
        if let Some(t) = self.globals.connect_timeout {
            net.connect_timeout = t;
        }
        if let Some(t) = self.globals.read_timeout {
            net.read_timeout = t;
        }
        net.proxy = self.globals.proxy.clone();
        Ok(net)
    }

    /// `--region` > `ALIBABA_CLOUD_REGION_ID`, checked.
    fn region_given(&self) -> Result<Option<String>> {
        if let Some(r) = &self.globals.region {
            check_region(r, "--region")?;
            return Ok(Some(r.clone()));
        }
        if let Some(r) = env("ALIBABA_CLOUD_REGION_ID") {
            check_region(&r, "ALIBABA_CLOUD_REGION_ID")?;
            return Ok(Some(r));
        }
        Ok(None)
    }

    /// Region for STS and general use: `--region` > `ALIBABA_CLOUD_REGION_ID` > profile.
    pub fn region(&self) -> Result<Option<String>> {
        if let Some(r) = self.region_given()? {
            return Ok(Some(r));
        }
        self.profile_region(|p| p.region.clone())
    }

    /// Region for OSS: as [`region`](Self::region), but the profile's oss section comes first.
    pub fn oss_region(&self) -> Result<Option<String>> {
        if let Some(r) = self.region_given()? {
            return Ok(Some(r));
        }
        self.profile_region(|p| {
            p.oss
                .as_ref()
                .and_then(|o| o.region.clone())
                .or_else(|| p.region.clone())
        })
    }

    /// A region from the profiles ([`profile_setting`](Self::profile_setting)), checked: the
    /// file is input too, and a region goes into host names and the v4 signing scope.
    fn profile_region(&self, get: impl Fn(&Profile) -> Option<String>) -> Result<Option<String>> {
        let Some((region, from)) = self.profile_setting(get)? else {
            return Ok(None);
        };
        check_region(&region, &format!("profile {from:?} region"))?;
        Ok(Some(region))
    }

    /// A setting of the selected profile, or else of the profile it assumes its role with
    /// (`source_profile`, followed down the chain): a role profile written by hand gets the
    /// region and endpoints of the profile it builds on, as one saved by `--save-profile`
    /// does by copying them. Returns the value and the name of the profile that has it.
    pub(crate) fn profile_setting(
        &self,
        get: impl Fn(&Profile) -> Option<String>,
    ) -> Result<Option<(String, String)>> {
        let mut name = self.profile_name().to_string();
        let mut seen = Vec::new();
        let Some(mut p) = self.profile()? else {
            return Ok(None);
        };
        loop {
            if let Some(value) = get(p) {
                return Ok(Some((value, name)));
            }
            seen.push(name.clone());
            let Some(next) = p.source_profile.clone().filter(|_| p.role_arn.is_some()) else {
                return Ok(None);
            };
            if seen.contains(&next) {
                return Ok(None);
            }
            match self.find_profile(&next) {
                Some(found) => {
                    p = found;
                    name = next;
                }
                None => return Ok(None),
            }
        }
    }

    /// Region to sign OSS v4 requests for: `--region` > `ALIBABA_CLOUD_REGION_ID` > the region the
    /// endpoint's host names > the profile. The endpoint beats the profile because it is what
    /// receives the request: a profile region that disagrees with it can only fail.
    pub fn oss_signing_region(&self, endpoint: &Endpoint) -> Result<Option<String>> {
        if let Some(r) = self.region_given()? {
            return Ok(Some(r));
        }
        if let Some(r) = endpoint.oss_region() {
            return Ok(Some(r));
        }
        self.oss_region()
    }

    /// Credentials for STS calls: the environment (unless a profile was named), then the profile.
    pub fn sts_origin(&self) -> Result<Origin> {
        if self.globals.profile.is_none() {
            if let Some(found) = from_env(
                "ALIBABA_CLOUD_ACCESS_KEY_ID",
                "ALIBABA_CLOUD_ACCESS_KEY_SECRET",
                "ALIBABA_CLOUD_SECURITY_TOKEN",
            )? {
                return Ok(Origin::Fixed(found));
            }
        }
        let name = self.profile_name().to_string();
        if let Some(p) = self.profile()? {
            if let Some(found) = self.profile_origin(&name, p)? {
                return Ok(found);
            }
        }
        Err(self.no_credentials(
            "ALIBABA_CLOUD_ACCESS_KEY_ID / ALIBABA_CLOUD_ACCESS_KEY_SECRET",
            "`alicli configure`",
        ))
    }

    /// Credentials for OSS requests: the environment (unless a profile was named), then the oss
    /// section of the profile (it is what `alicli oss config` writes), then the profile's own.
    pub fn oss_origin(&self) -> Result<Origin> {
        if self.globals.profile.is_none() {
            if let Some(found) = from_env(
                "OSS_ACCESS_KEY_ID",
                "OSS_ACCESS_KEY_SECRET",
                "OSS_SESSION_TOKEN",
            )? {
                return Ok(Origin::Fixed(found));
            }
            if let Some(found) = from_env(
                "ALIBABA_CLOUD_ACCESS_KEY_ID",
                "ALIBABA_CLOUD_ACCESS_KEY_SECRET",
                "ALIBABA_CLOUD_SECURITY_TOKEN",
            )? {
                return Ok(Origin::Fixed(found));
            }
        }
        let name = self.profile_name().to_string();
        if let Some(p) = self.profile()? {
            if let Some(oss) = &p.oss {
                let source = match self.source_of(&name) {
                    CredentialSource::Profile(n) => CredentialSource::ProfileOss(n),
                    other => other,
                };
                if let Some(found) = from_fields(
                    &oss.access_key_id,
                    &oss.access_key_secret,
                    &oss.security_token,
                    &oss.expiration,
                    source,
                )? {
                    return Ok(Origin::Fixed(found));
                }
            }
            if let Some(found) = self.profile_origin(&name, p)? {
                return Ok(found);
            }
        }
        Err(self.no_credentials(
            "OSS_ACCESS_KEY_ID / OSS_ACCESS_KEY_SECRET",
            "`alicli configure` or `alicli oss config`",
        ))
    }

    /// A profile's own credentials. A role profile is returned as such even when what it holds
    /// has expired: it can get new ones, which fixed credentials cannot.
    fn profile_origin(&self, name: &str, p: &Profile) -> Result<Option<Origin>> {
        let source = self.source_of(name);
        if p.is_role() {
            // What a role profile holds is only a cache: unusable credentials there are
            // renewed like expired ones, not an error.
            let held = match (&p.access_key_id, &p.access_key_secret) {
                (Some(id), Some(secret)) => Some(Resolved {
                    credentials: Credentials {
                        access_key_id: id.clone(),
                        access_key_secret: secret.clone(),
                        security_token: p.security_token.clone(),
                    },
                    source: source.clone(),
                    expiration: p.expiration.clone(),
                })
                .filter(|r| r.credentials.check().is_ok()),
                _ => None,
            };
            return Ok(Some(Origin::Role {
                name: name.to_string(),
                source,
                held,
                borrowed: !self.config.profiles.contains_key(name),
            }));
        }
        Ok(from_fields(
            &p.access_key_id,
            &p.access_key_secret,
            &p.security_token,
            &p.expiration,
            source,
        )?
        .map(Origin::Fixed))
    }

    fn no_credentials(&self, vars: &str, command: &str) -> anyhow::Error {
        let official = match &self.borrow_error {
            Some(why) => format!(" (the official CLI's profile was not usable: {why})"),
            None => String::new(),
        };
        UsageError(format!(
            "no credentials: profile {:?} in {} has none and {vars} are not set; run {command}{official}",
            self.profile_name(),
            self.config_path.display()
        ))
        .into()
    }

    /// STS endpoint: flag > `ALICLI_STS_ENDPOINT` > `ALIBABA_CLOUD_STS_ENDPOINT` > profile
    /// `sts_endpoint` > `sts.<region>.aliyuncs.com` > `sts.aliyuncs.com`.
    pub fn sts_endpoint(&self, flag: Option<&str>) -> Result<Endpoint> {
        let chosen = match flag
            .map(str::to_string)
            .or_else(|| env("ALICLI_STS_ENDPOINT"))
            .or_else(|| env("ALIBABA_CLOUD_STS_ENDPOINT"))
        {
            Some(e) => e,
            None => match self.profile_setting(|p| p.sts_endpoint.clone())? {
                Some((e, _)) => e,
                None => match self.region()? {
                    Some(region) => format!("sts.{region}.aliyuncs.com"),
                    None => "sts.aliyuncs.com".to_string(),
                },
            },
        };
        Ok(Endpoint::parse(&chosen)?)
    }

    /// OSS endpoint: flag > `ALICLI_OSS_ENDPOINT` > profile `oss.endpoint` > `oss-<region>.aliyuncs.com`.
    pub fn oss_endpoint(&self, flag: Option<&str>) -> Result<Endpoint> {
        if let Some(e) = flag
            .map(str::to_string)
            .or_else(|| env("ALICLI_OSS_ENDPOINT"))
        {
            return Ok(Endpoint::parse(&e)?);
        }
        if let Some((e, _)) =
            self.profile_setting(|p| p.oss.as_ref().and_then(|o| o.endpoint.clone()))?
        {
            return Ok(Endpoint::parse(&e)?);
        }
        match self.oss_region()? {
            Some(region) => Ok(Endpoint::parse(&format!("oss-{region}.aliyuncs.com"))?),
            None => Err(UsageError(
                "no OSS endpoint: pass --endpoint, set ALICLI_OSS_ENDPOINT, run `alicli oss config --endpoint …`, or give a region".into(),
            )
            .into()),
        }
    }
}

fn from_env(
    id_var: &'static str,
    secret_var: &'static str,
    token_var: &'static str,
) -> Result<Option<Resolved>> {
    let id = env(id_var);
    let secret = env(secret_var);
    match (id, secret) {
        (Some(id), Some(secret)) => {
            let token = env(token_var);
            crate::terminal::redact::register(&secret);
            if let Some(t) = &token {
                crate::terminal::redact::register(t);
            }
            let source = CredentialSource::Environment(id_var);
            check_usable(
                &Credentials::new(&id, &secret, token.clone()),
                &format!("{id_var} / {secret_var} / {token_var}"),
            )?;
            // `assume-role --output env` and `export-credentials` export the expiry beside
            // temporary credentials, so that expired ones are refused here before any request.
            let expiration = token
                .as_ref()
                .and_then(|_| env("ALICLI_CREDENTIALS_EXPIRATION"));
            if let Some(exp) = &expiration {
                check_not_expired(exp, &source, Utc::now())?;
            }
            Ok(Some(Resolved {
                credentials: Credentials {
                    access_key_id: id,
                    access_key_secret: secret,
                    security_token: token,
                },
                source,
                expiration,
            }))
        }
        (Some(_), None) => {
            Err(UsageError(format!("{id_var} is set but {secret_var} is not")).into())
        }
        (None, Some(_)) => {
            Err(UsageError(format!("{secret_var} is set but {id_var} is not")).into())
        }
        (None, None) => Ok(None),
    }
}

fn from_fields(
    id: &Option<String>,
    secret: &Option<String>,
    token: &Option<String>,
    expiration: &Option<String>,
    source: CredentialSource,
) -> Result<Option<Resolved>> {
    let (Some(id), Some(secret)) = (id, secret) else {
        return Ok(None);
    };
    let credentials = Credentials {
        access_key_id: id.clone(),
        access_key_secret: secret.clone(),
        security_token: token.clone(),
    };
    check_usable(&credentials, &source.to_string())?;
    if let Some(exp) = expiration {
        check_not_expired(exp, &source, Utc::now())?;
    }
    Ok(Some(Resolved {
        credentials,
        source,
        expiration: expiration.clone(),
    }))
}

/// Credentials that cannot go into a request (a token with a line break pasted into a
/// variable, say) are bad input, found before anything is sent: the HTTP library would refuse
/// the header only after every retry.
pub fn check_usable(credentials: &Credentials, source: &str) -> Result<()> {
    credentials.check().map_err(|why| {
        UsageError(format!("the credentials of {source} cannot be used: {why}")).into()
    })
}

/// Temporary credentials whose expiration has passed are refused before any request: the
/// service would only answer with a less helpful error.
pub fn check_not_expired(
    expiration: &str,
    source: &CredentialSource,
    now: DateTime<Utc>,
) -> Result<()> {
    let Ok(at) = DateTime::parse_from_rfc3339(expiration) else {
        return Err(UsageError(format!(
            "{source} has an expiration alicli cannot read: {expiration:?}"
        ))
        .into());
    };
    if at.with_timezone(&Utc) <= now {
        return Err(CredentialsError(format!(
            "the temporary credentials of {source} expired at {expiration}\nhint: run `alicli sts assume-role …` again to get new ones"
        ))
        .into());
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn expired_credentials_are_refused_with_a_hint() {
        let src = CredentialSource::Profile("p".into());
        let now = DateTime::parse_from_rfc3339("2026-01-01T00:00:00Z")
            .unwrap()
            .with_timezone(&Utc);
        let err = check_not_expired("2025-12-31T23:59:59Z", &src, now).unwrap_err();
        assert_eq!(
            crate::error::exit_for(&err),
            crate::error::Exit::Credentials
        );
        assert!(err.to_string().contains("assume-role"));
        assert!(check_not_expired("2026-01-01T00:00:01Z", &src, now).is_ok());
        assert!(check_not_expired("soon", &src, now).is_err());
    }
}
