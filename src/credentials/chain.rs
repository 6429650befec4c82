//! The order in which the sources are asked (docs/credentials.md), written once per use:
//!
//! - STS calls: the environment (`ALIBABA_CLOUD_*`, unless `--profile` names a profile), then the
//!   selected profile of alicli's file, else the official CLI's profile of that name.
//! - OSS requests: `OSS_*`, then `ALIBABA_CLOUD_*` (both unless `--profile`), then the profile's
//!   `[oss]` section, then the profile itself.
//! - `configure export-credentials`: as STS would, else as OSS would (a profile that has only an
//!   `[oss]` section).
//!
//! The first source that has credentials answers, and the client keeps it for the whole run.

use std::sync::Arc;

use anyhow::Result;

use super::role::{self, RoleRenewal, Store};
use super::{environment, official_cli, profile_keys, Services, ProvideCredentials};
use crate::credentials::CredentialSource;
use crate::session::Session;

/// What the sources need beyond the session: how a role profile calls STS, and the `--endpoint`
/// of an STS command (a renewal goes there too).
pub struct Context<'a> {
    pub session: &'a Session,
    pub services: Arc<dyn Services>,
    pub sts_endpoint: Option<&'a str>,
}

/// Which credentials a service takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum For {
    Sts,
    Oss,
}

/// The credentials for `service`, or the error that says where alicli looked.
pub fn resolve(cx: &Context, service: For) -> Result<Arc<dyn ProvideCredentials>> {
    if let Some(found) = find(cx, service)? {
        return Ok(found);
    }
    Err(match service {
        For::Sts => cx.session.no_credentials(
            "ALIBABA_CLOUD_ACCESS_KEY_ID / ALIBABA_CLOUD_ACCESS_KEY_SECRET",
            "`alicli configure`",
        ),
        For::Oss => cx.session.no_credentials(
            "OSS_ACCESS_KEY_ID / OSS_ACCESS_KEY_SECRET",
            "`alicli configure` or `alicli oss config`",
        ),
    })
}

/// The credentials `configure export-credentials` prints: as an STS call would resolve them,
/// or else as OSS would; when neither has any, the STS error (it names the usual variables).
pub fn resolve_for_export(cx: &Context) -> Result<Arc<dyn ProvideCredentials>> {
    match resolve(cx, For::Sts) {
        Ok(found) => Ok(found),
        Err(first) => resolve(cx, For::Oss).map_err(|_| first),
    }
}

fn find(cx: &Context, service: For) -> Result<Option<Arc<dyn ProvideCredentials>>> {
    let session = cx.session;
    if session.globals.profile.is_none() {
        if service == For::Oss {
            if let Some(keys) = environment::find(&environment::OSS)? {
                return Ok(Some(Arc::new(keys)));
            }
        }
        if let Some(keys) = environment::find(&environment::ALIBABA_CLOUD)? {
            return Ok(Some(Arc::new(keys)));
        }
    }
    let name = session.profile_name().to_string();
    let Some(p) = session.profile()? else {
        return Ok(None);
    };
    // alicli's own profile, or else one borrowed from the official CLI's file: they differ only
    // in how their credentials are named and where a renewal keeps what it gets.
    let own = session.config.profiles.contains_key(&name);
    let (whole, section) = if own {
        (
            CredentialSource::Profile(name.clone()),
            CredentialSource::ProfileOss(name.clone()),
        )
    } else {
        let source = official_cli::source(session, &name);
        (source.clone(), source)
    };
    if service == For::Oss {
        if let Some(keys) = p
            .oss
            .as_ref()
            .map(|o| profile_keys::of_oss_section(o, section))
            .transpose()?
            .flatten()
        {
            return Ok(Some(Arc::new(keys)));
        }
    }
    if p.is_role() {
        let renewal = RoleRenewal {
            name,
            store: if own {
                Store::File(session.config_path.clone())
            } else {
                official_cli::store(session)
            },
            net: session.net()?,
            sts_endpoint: cx.sts_endpoint.map(str::to_string),
            region: session.globals.region.clone(),
            services: cx.services.clone(),
            sts_signature: session.sts_signature()?,
        };
        return Ok(Some(Arc::new(role::provider(whole, p, renewal))));
    }
    Ok(profile_keys::of_profile(p, whole)?.map(|k| Arc::new(k) as Arc<dyn ProvideCredentials>))
}
