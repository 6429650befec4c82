//! Which setting wins, written once: a flag over the environment over the profile file, a role
//! profile's own settings over those of the profile it builds on, and the endpoint chains of STS
//! and OSS ending in the region's public endpoint (docs/configuration.md). The session uses these
//! for commands; a role profile's renewal uses the same ones over the file it holds locked.

use anyhow::Result;

use crate::config::profile::Profile;
use crate::error::UsageError;
use alicli_wire::endpoint::{check_region, Endpoint};

/// An environment variable, if set to something other than blanks.
pub fn env(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.trim().is_empty())
}

/// The region given for this run: `--region` > `ALIBABA_CLOUD_REGION_ID`, checked (a region goes
/// into host names and the v4 signing scope).
pub fn region_given(flag: Option<&str>) -> Result<Option<String>> {
    if let Some(r) = flag {
        check_region(r, "--region")?;
        return Ok(Some(r.to_string()));
    }
    if let Some(r) = env("ALIBABA_CLOUD_REGION_ID") {
        check_region(&r, "ALIBABA_CLOUD_REGION_ID")?;
        return Ok(Some(r));
    }
    Ok(None)
}

/// The region given for an OSS request: `--region` > ossutil 2's `OSS_REGION` >
/// `ALIBABA_CLOUD_REGION_ID`, checked.
pub fn oss_region_given(flag: Option<&str>) -> Result<Option<String>> {
    if flag.is_none() {
        if let Some(r) = env("OSS_REGION") {
            check_region(&r, "OSS_REGION")?;
            return Ok(Some(r));
        }
    }
    region_given(flag)
}

/// A setting of profile `start`, or else of the profile it assumes its role with
/// (`source_profile`, followed down the chain): a role profile written by hand gets the region
/// and endpoints of the profile it builds on, as one saved by `--save-profile` does by copying
/// them. Returns the value and the name of the profile that has it; a chain that loops or
/// breaks simply ends.
pub fn along_source_chain<'a>(
    start: &str,
    find: impl Fn(&str) -> Option<&'a Profile>,
    get: impl Fn(&Profile) -> Option<String>,
) -> Option<(String, String)> {
    let mut name = start.to_string();
    let mut seen = Vec::new();
    let mut p = find(&name)?;
    loop {
        if let Some(value) = get(p) {
            return Some((value, name));
        }
        seen.push(name.clone());
        let next = p.source_profile.clone().filter(|_| p.role_arn.is_some())?;
        if seen.contains(&next) {
            return None;
        }
        p = find(&next)?;
        name = next;
    }
}

/// A region found in the profiles, checked: the file is input too.
pub fn profile_region(found: Option<(String, String)>) -> Result<Option<String>> {
    let Some((region, from)) = found else {
        return Ok(None);
    };
    check_region(&region, &format!("profile {from:?} region"))?;
    Ok(Some(region))
}

/// STS endpoint: flag > `ALICLI_STS_ENDPOINT` > `ALIBABA_CLOUD_STS_ENDPOINT` > the region
/// `ALIBABA_CLOUD_STS_REGION` names > the profile's `sts_endpoint` (down its source chain) >
/// the region's endpoint > `sts.aliyuncs.com`. A region's endpoint is
/// `sts.<region>.aliyuncs.com`, or `sts-vpc.<region>.aliyuncs.com` when
/// `ALIBABA_CLOUD_VPC_ENDPOINT_ENABLED=true` (a job inside a VPC without Internet access).
/// `region` is asked only when it decides.
pub fn sts_endpoint(
    flag: Option<&str>,
    profile: Option<String>,
    region: impl FnOnce() -> Result<Option<String>>,
) -> Result<Endpoint> {
    sts_endpoint_in(&env, flag, profile, region)
}

/// [`sts_endpoint`] with the environment given, so the rule is testable alone.
fn sts_endpoint_in(
    env: &dyn Fn(&str) -> Option<String>,
    flag: Option<&str>,
    profile: Option<String>,
    region: impl FnOnce() -> Result<Option<String>>,
) -> Result<Endpoint> {
    let vpc = env("ALIBABA_CLOUD_VPC_ENDPOINT_ENABLED")
        .is_some_and(|v| v.trim().eq_ignore_ascii_case("true"));
    let regional = |region: &str| {
        if vpc {
            format!("sts-vpc.{region}.aliyuncs.com")
        } else {
            format!("sts.{region}.aliyuncs.com")
        }
    };
    let sts_region = match env("ALIBABA_CLOUD_STS_REGION") {
        Some(r) => {
            check_region(&r, "ALIBABA_CLOUD_STS_REGION")?;
            Some(regional(&r))
        }
        None => None,
    };
    let chosen = match flag
        .map(str::to_string)
        .or_else(|| env("ALICLI_STS_ENDPOINT"))
        .or_else(|| env("ALIBABA_CLOUD_STS_ENDPOINT"))
        .or(sts_region)
        .or(profile)
    {
        Some(e) => e,
        None => match region()? {
            Some(region) => regional(&region),
            None => "sts.aliyuncs.com".to_string(),
        },
    };
    Ok(Endpoint::parse(&chosen)?)
}

/// OSS endpoint: flag > `ALICLI_OSS_ENDPOINT` > ossutil 2's `OSS_ENDPOINT` > the profile's
/// `oss.endpoint` (down its source chain) > `oss-<region>.aliyuncs.com`; with no region there
/// is no default.
pub fn oss_endpoint(
    flag: Option<&str>,
    profile: Option<String>,
    region: impl FnOnce() -> Result<Option<String>>,
) -> Result<Endpoint> {
    if let Some(e) = flag
        .map(str::to_string)
        .or_else(|| env("ALICLI_OSS_ENDPOINT"))
        .or_else(|| env("OSS_ENDPOINT"))
        .or(profile)
    {
        return Ok(Endpoint::parse(&e)?);
    }
    match region()? {
        Some(region) => Ok(Endpoint::parse(&format!("oss-{region}.aliyuncs.com"))?),
        None => Err(UsageError(
            "no OSS endpoint: pass --endpoint, set ALICLI_OSS_ENDPOINT, run `alicli oss config --endpoint …`, or give a region".into(),
        )
        .into()),
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;

    #[test]
    fn settings_come_down_the_source_chain_and_loops_end() {
        let mut profiles = BTreeMap::new();
        let role = |source: &str| Profile {
            role_arn: Some("acs:ram::1:role/r".into()),
            source_profile: Some(source.into()),
            ..Default::default()
        };
        profiles.insert("a".to_string(), role("b"));
        profiles.insert(
            "b".to_string(),
            Profile {
                region: Some("cn-beijing".into()),
                ..role("c")
            },
        );
        profiles.insert("c".to_string(), role("a"));
        let find = |n: &str| profiles.get(n);
        assert_eq!(
            along_source_chain("a", find, |p| p.region.clone()),
            Some(("cn-beijing".to_string(), "b".to_string()))
        );
        assert_eq!(
            along_source_chain("c", find, |p| p.sts_endpoint.clone()),
            None,
            "a loop ends"
        );
        assert_eq!(along_source_chain("x", find, |p| p.region.clone()), None);
        let e = profile_region(Some(("cn hangzhou".into(), "b".into()))).unwrap_err();
        assert!(e.to_string().contains("profile \"b\" region"), "{e}");
    }

    #[test]
    fn the_sts_endpoint_reads_the_official_variables() {
        let vars = |pairs: &'static [(&'static str, &'static str)]| {
            move |name: &str| {
                pairs
                    .iter()
                    .find(|(k, _)| *k == name)
                    .map(|(_, v)| v.to_string())
            }
        };
        let hangzhou = || Ok(Some("cn-hangzhou".to_string()));
        let host = |env: &dyn Fn(&str) -> Option<String>, profile: Option<&str>| {
            sts_endpoint_in(env, None, profile.map(str::to_string), hangzhou)
                .unwrap()
                .to_string()
        };
        let none = vars(&[]);
        assert_eq!(host(&none, None), "https://sts.cn-hangzhou.aliyuncs.com");
        let vpc = vars(&[("ALIBABA_CLOUD_VPC_ENDPOINT_ENABLED", "true")]);
        assert_eq!(host(&vpc, None), "https://sts-vpc.cn-hangzhou.aliyuncs.com");
        let sts_region = vars(&[("ALIBABA_CLOUD_STS_REGION", "cn-shanghai")]);
        assert_eq!(
            host(&sts_region, Some("http://127.0.0.1:9")),
            "https://sts.cn-shanghai.aliyuncs.com",
            "the variable beats the profile"
        );
        let both = vars(&[
            ("ALIBABA_CLOUD_STS_REGION", "cn-shanghai"),
            ("ALIBABA_CLOUD_VPC_ENDPOINT_ENABLED", "TRUE"),
            ("ALIBABA_CLOUD_STS_ENDPOINT", "http://127.0.0.1:7"),
        ]);
        assert_eq!(
            host(&both, None),
            "http://127.0.0.1:7",
            "an endpoint beats a region"
        );
        let bad = vars(&[("ALIBABA_CLOUD_STS_REGION", "cn hangzhou")]);
        assert!(sts_endpoint_in(&bad, None, None, hangzhou).is_err());
    }
}
