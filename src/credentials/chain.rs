//! The order in which the sources are asked (docs/credentials.md), written once per use. When
//! no profile is named (`--profile`, `ALICLI_PROFILE`), it follows the official libraries' order:
//!
//! 1. keys in the environment: for OSS `OSS_*` first, then `ALIBABA_CLOUD_*`, then the
//!    `ALICLOUD_*` names of Alibaba Cloud's GitHub action;
//! 2. an OIDC role the environment names (`ALIBABA_CLOUD_OIDC_PROVIDER_ARN`…);
//! 3. the selected profile (`ALIBABA_CLOUD_PROFILE`, else `default`) of alicli's file — for OSS
//!    its `[oss]` section first — else of the official CLI's `~/.aliyun/config.json`, else of
//!    `~/.alibabacloud/credentials`;
//! 4. the ECS instance role, only when `ALIBABA_CLOUD_ECS_METADATA` names one;
//! 5. `ALIBABA_CLOUD_CREDENTIALS_URI`.
//!
//! A named profile is the only source asked. `configure export-credentials` resolves as STS
//! would, else as OSS would (a profile that has only an `[oss]` section). The first source that
//! has credentials answers, and the client keeps it for the whole run. Nothing here touches the
//! network: a source that renews itself is asked only when a request needs its credentials, so
//! a missing source costs no round trip.

use std::sync::Arc;

use anyhow::Result;

use super::cache::Renewing;
use super::renewal::{self, ProfileRenewal, Store};
use super::{
    environment, official_cli, profile_keys, CredentialSource, ProvideCredentials, Services,
};
use crate::config::profile::{ConfigFile, Profile};
use crate::error::UsageError;
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
    let named = session.globals.profile.is_some();
    if !named {
        let mut keys = vec![&environment::ALIBABA_CLOUD, &environment::ALICLOUD];
        if service == For::Oss {
            keys.insert(0, &environment::OSS);
        }
        for names in keys {
            if let Some(found) = environment::find(names)? {
                return Ok(Some(Arc::new(found)));
            }
        }
        if let Some(definition) = environment::oidc_definition()? {
            let source = CredentialSource::Keyless {
                what: "OIDC role",
                var: environment::OIDC_PROVIDER_ARN,
            };
            return Ok(Some(from_environment(cx, source, "oidc", definition)?));
        }
    }
    if let Some(found) = from_profile(cx, service)? {
        return Ok(Some(found));
    }
    if !named {
        if let Some(definition) = environment::ecs_definition() {
            let source = CredentialSource::Keyless {
                what: "ECS instance role",
                var: environment::ECS_METADATA,
            };
            return Ok(Some(from_environment(cx, source, "ecs", definition)?));
        }
        if let Some(definition) = environment::credentials_uri_definition() {
            let source = CredentialSource::Keyless {
                what: "credentials URI",
                var: environment::CREDENTIALS_URI,
            };
            return Ok(Some(from_environment(cx, source, "uri", definition)?));
        }
    }
    Ok(None)
}

/// The selected profile's credentials, if it has or gets any.
fn from_profile(cx: &Context, service: For) -> Result<Option<Arc<dyn ProvideCredentials>>> {
    let session = cx.session;
    let name = session.profile_name().to_string();
    let Some(p) = session.profile()? else {
        return Ok(None);
    };
    // alicli's own profile, or else one borrowed from the official CLI's or libraries' file:
    // they differ only in how their credentials are named and where a renewal keeps what it
    // gets.
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
    if p.renews() {
        let store = if own {
            Store::File(session.config_path.clone())
        } else {
            official_cli::store(session)
        };
        return Ok(Some(Arc::new(renewal::provider(
            whole,
            p,
            renewal(cx, name, store)?,
        ))));
    }
    Ok(profile_keys::of_profile(p, whole)?.map(|k| Arc::new(k) as Arc<dyn ProvideCredentials>))
}

fn renewal(cx: &Context, name: String, store: Store) -> Result<ProfileRenewal> {
    Ok(ProfileRenewal {
        name,
        store,
        net: cx.session.net()?,
        sts_endpoint: cx.sts_endpoint.map(str::to_string),
        region: cx.session.globals.region.clone(),
        services: cx.services.clone(),
        sts_signature: cx.session.sts_signature()?,
    })
}

/// A source the environment names, renewing through a cache file of its own (named after what
/// defines it, so other settings get another file), or in memory when there is no cache folder.
fn from_environment(
    cx: &Context,
    source: CredentialSource,
    name: &str,
    definition: Profile,
) -> Result<Arc<dyn ProvideCredentials>> {
    renewal::check_profile(name, &definition).map_err(|e| {
        // The variables, not a profile, said this: the message should say so.
        UsageError(format!("{source}: {e:#}"))
    })?;
    let margin = definition.refresh_margin();
    let (held, store) = match crate::config::paths::cache_dir() {
        Some(dir) => {
            let text = toml::to_string(&definition).unwrap_or_default();
            let id = crate::config::paths::short_hash(&[name, &text]);
            let path = dir.join("credentials").join(format!("{name}-{id}.toml"));
            let held = renewal::cached(&path, name, &definition)
                .and_then(|p| profile_keys::held_by_role(&p));
            (
                held,
                Store::Cache {
                    path,
                    definition: Box::new(definition),
                },
            )
        }
        None => {
            let mut config = ConfigFile::default();
            config.profiles.insert(name.to_string(), definition);
            (None, Store::Memory(std::sync::Mutex::new(config)))
        }
    };
    let renewal = renewal(cx, name.to_string(), store)?;
    Ok(Arc::new(Renewing::new(source, held, margin, renewal)))
}
