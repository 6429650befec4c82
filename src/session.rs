//! The session of one run: the global flags, the profile file (read once), the selected
//! profile, and what follows from them by the rules of [`crate::config::precedence`]: region,
//! endpoints and network settings. [`crate::clients`] builds the STS and OSS clients from it,
//! and [`crate::credentials::chain`] finds their credentials in it.
//!
//! The profile file is read once per process; commands that write it go through
//! [`crate::config::profile::update`], which re-reads it under the lock. When alicli's file has no profile
//! of the selected name, the official CLI's `~/.aliyun/config.json` is consulted (read only; see
//! [`crate::config::official_cli`]); what it provides is kept apart, in memory, and never saved.
//!

use std::path::PathBuf;

use anyhow::Result;

use crate::config::credentials_file;
use crate::config::official_cli::{self, Naming};
use crate::config::precedence::{self, env};
use crate::config::profile::{self, ConfigFile, Profile};
use crate::error::UsageError;
use alicli_wire::endpoint::Endpoint;

pub const DEFAULT_PROFILE: &str = "default";

/// How STS calls are signed: `--sts-signature-version`, and the profile's
/// `sts_signature_version`. (The variants carry no doc comments: clap would turn them into a
/// long help for every command, as the flag is global.)
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum StsSignatureVersion {
    // POP signature v1 (HMAC-SHA1 over the sorted parameters): what the official credential
    // libraries send, so the default.
    #[default]
    V1,
    // Signature V3 (ACS3-HMAC-SHA256 over the x-acs-* headers, the query and the body's hash).
    V3,
}

impl StsSignatureVersion {
    pub fn parse_setting(text: &str) -> Option<StsSignatureVersion> {
        match text.trim().to_ascii_lowercase().as_str() {
            "v1" | "1" => Some(StsSignatureVersion::V1),
            "v3" | "3" => Some(StsSignatureVersion::V3),
            _ => None,
        }
    }
}

impl std::fmt::Display for StsSignatureVersion {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            StsSignatureVersion::V1 => "v1",
            StsSignatureVersion::V3 => "v3",
        })
    }
}

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
    /// `--sts-signature-version`.
    pub sts_signature_version: Option<StsSignatureVersion>,
}

/// The files of other programs alicli borrows a profile from, read only.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BorrowedFrom {
    /// The official CLI's `~/.aliyun/config.json`.
    OfficialCli,
    /// The official libraries' `~/.alibabacloud/credentials`.
    CredentialsFile,
}

pub struct Session {
    pub globals: Globals,
    /// The profile asked for: `--profile` / `ALICLI_PROFILE`, else `ALIBABA_CLOUD_PROFILE` (the
    /// official tools' variable); `None` means the implicit `default`.
    selected: Option<String>,
    pub config_path: PathBuf,
    pub config: ConfigFile,
    /// Profiles converted from `~/.aliyun/config.json` when alicli's file lacks the selected one:
    /// the selected profile under the name alicli looks it up by, plus what it refers to.
    pub borrowed: ConfigFile,
    /// The selected profile's name in the official CLI's file, when it was borrowed.
    pub borrowed_name: Option<String>,
    /// Which file the borrowed profile came from.
    pub borrowed_from: Option<BorrowedFrom>,
    /// Why the official CLI's profile could not be borrowed (unreadable file, unusable mode).
    /// Reported only if credentials are then missing: commands that need none (configure,
    /// list) must not fail because of another program's file.
    pub borrow_error: Option<String>,
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
        let selected = globals
            .profile
            .clone()
            .or_else(|| env("ALIBABA_CLOUD_PROFILE"));
        let mut session = Session {
            selected,
            globals,
            config_path,
            config,
            borrowed: ConfigFile::default(),
            borrowed_name: None,
            borrowed_from: None,
            borrow_error: None,
        };
        if let Err(e) = session.borrow_from_official_cli() {
            session.borrow_error = Some(e.to_string());
        }
        if session.borrowed_from.is_none() && session.borrow_error.is_none() {
            if let Err(e) = session.borrow_from_credentials_file() {
                session.borrow_error = Some(e.to_string());
            }
        }
        Ok(session)
    }

    /// Fills [`Session::borrowed`] when alicli's file has no profile of the selected name: a
    /// profile asked for by name (`--profile`, `ALICLI_PROFILE`, `ALIBABA_CLOUD_PROFILE`) is
    /// looked for by that name in the official CLI's file; the implicit default takes the
    /// profile the official tools would (the file's `current`). Nothing is borrowed when the
    /// file is absent or has no such profile.
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
        let wanted = match &self.selected {
            Some(name) => name.clone(),
            None => Some(official.current.clone())
                .filter(|c| !c.is_empty())
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
        self.borrowed_from = Some(BorrowedFrom::OfficialCli);
        Ok(())
    }

    /// Fills [`Session::borrowed`] from the official libraries' credentials file when neither
    /// alicli's file nor the official CLI's has the selected profile: the section of that name
    /// (`default` when none is asked for, as the libraries read it).
    fn borrow_from_credentials_file(&mut self) -> Result<()> {
        let key = self.profile_name().to_string();
        if self.config.profiles.contains_key(&key) {
            return Ok(());
        }
        let Some(path) = credentials_file::default_path() else {
            return Ok(());
        };
        let Some(file) = credentials_file::load(&path)? else {
            return Ok(());
        };
        let Some(converted) = credentials_file::convert(&file, &key, &key)
            .map_err(|why| UsageError(format!("{}: {why}", path.display())))?
        else {
            return Ok(());
        };
        for (name, p) in converted {
            p.register_secrets();
            self.borrowed.profiles.insert(name, p);
        }
        crate::terminal::output::verbose(&format!(
            "profile {key:?} is not in {}; using profile {key:?} of {}",
            self.config_path.display(),
            path.display()
        ));
        self.borrowed_name = Some(key);
        self.borrowed_from = Some(BorrowedFrom::CredentialsFile);
        Ok(())
    }

    /// A profile by name, from alicli's file or else from what was borrowed.
    pub fn find_profile(&self, name: &str) -> Option<&Profile> {
        self.config
            .profiles
            .get(name)
            .or_else(|| self.borrowed.profiles.get(name))
    }

    pub fn profile_name(&self) -> &str {
        self.selected.as_deref().unwrap_or(DEFAULT_PROFILE)
    }

    /// The selected profile. Naming a profile that does not exist is an error; the implicit
    /// `default` may be absent.
    pub fn profile(&self) -> Result<Option<&Profile>> {
        let name = self.profile_name();
        match self.find_profile(name) {
            Some(p) => Ok(Some(p)),
            None if self.selected.is_some() => {
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
        precedence::region_given(self.globals.region.as_deref())
    }

    /// Region for STS and general use: `--region` > `ALIBABA_CLOUD_REGION_ID` > profile.
    pub fn region(&self) -> Result<Option<String>> {
        if let Some(r) = self.region_given()? {
            return Ok(Some(r));
        }
        precedence::profile_region(self.profile_setting(|p| p.region.clone())?)
    }

    /// Region for OSS: as [`region`](Self::region), but `OSS_REGION` and the profile's oss
    /// section come first.
    pub fn oss_region(&self) -> Result<Option<String>> {
        if let Some(r) = precedence::oss_region_given(self.globals.region.as_deref())? {
            return Ok(Some(r));
        }
        precedence::profile_region(self.profile_setting(|p| {
            p.oss
                .as_ref()
                .and_then(|o| o.region.clone())
                .or_else(|| p.region.clone())
        })?)
    }

    /// A setting of the selected profile or down its source chain
    /// ([`precedence::along_source_chain`]), with the name of the profile that has it.
    pub(crate) fn profile_setting(
        &self,
        get: impl Fn(&Profile) -> Option<String>,
    ) -> Result<Option<(String, String)>> {
        if self.profile()?.is_none() {
            return Ok(None);
        }
        Ok(precedence::along_source_chain(
            self.profile_name(),
            |n| self.find_profile(n),
            get,
        ))
    }

    /// How STS calls are signed: `--sts-signature-version` > the profile's
    /// `sts_signature_version` (down its `source_profile` chain) > v1. A value other than v1 or
    /// v3 in the profile is a usage error, before any request.
    pub fn sts_signature(&self) -> Result<StsSignatureVersion> {
        if let Some(flag) = self.globals.sts_signature_version {
            return Ok(flag);
        }
        match self.profile_setting(|p| p.sts_signature_version.clone())? {
            None => Ok(StsSignatureVersion::default()),
            Some((text, from)) => StsSignatureVersion::parse_setting(&text).ok_or_else(|| {
                UsageError(format!(
                    "profile {from:?} has sts_signature_version = {text:?}; use \"v1\" or \"v3\""
                ))
                .into()
            }),
        }
    }

    /// Region to sign OSS v4 requests for: `--region` > `OSS_REGION` > `ALIBABA_CLOUD_REGION_ID` > the region the
    /// endpoint's host names > the profile. The endpoint beats the profile because it is what
    /// receives the request: a profile region that disagrees with it can only fail.
    pub fn oss_signing_region(&self, endpoint: &Endpoint) -> Result<Option<String>> {
        if let Some(r) = precedence::oss_region_given(self.globals.region.as_deref())? {
            return Ok(Some(r));
        }
        if let Some(r) = endpoint.oss_region() {
            return Ok(Some(r));
        }
        self.oss_region()
    }

    /// The error when no source has credentials: where alicli looked, and what to run.
    pub(crate) fn no_credentials(&self, vars: &str, command: &str) -> anyhow::Error {
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

    /// STS endpoint of this run ([`precedence::sts_endpoint`]).
    pub fn sts_endpoint(&self, flag: Option<&str>) -> Result<Endpoint> {
        let profile = self.profile_setting(|p| p.sts_endpoint.clone())?;
        precedence::sts_endpoint(flag, profile.map(|f| f.0), || self.region())
    }

    /// OSS endpoint of this run ([`precedence::oss_endpoint`]).
    pub fn oss_endpoint(&self, flag: Option<&str>) -> Result<Endpoint> {
        let profile = self.profile_setting(|p| p.oss.as_ref().and_then(|o| o.endpoint.clone()))?;
        precedence::oss_endpoint(flag, profile.map(|f| f.0), || self.oss_region())
    }
}
