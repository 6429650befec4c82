//! Service endpoints as users type them: `oss-cn-hangzhou.aliyuncs.com`, `https://sts.aliyuncs.com`,
//! `http://127.0.0.1:9000`. Without a scheme an endpoint is https. IP addresses and `localhost` are
//! addressed path-style by OSS (`/bucket/key`), as the official SDKs do; other hosts virtual-hosted.

use std::net::IpAddr;

use crate::error::UsageError;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Endpoint {
    pub scheme: String,
    /// Host without brackets or port.
    pub host: String,
    pub port: Option<u16>,
}

impl Endpoint {
    pub fn parse(text: &str) -> Result<Endpoint, UsageError> {
        let bad = |why: &str| UsageError(format!("invalid endpoint {text:?}: {why}"));
        let trimmed = text.trim();
        let (scheme, rest) = match trimmed.split_once("://") {
            Some((s, rest)) => (s.to_ascii_lowercase(), rest),
            None => ("https".to_string(), trimmed),
        };
        if scheme != "http" && scheme != "https" {
            return Err(bad("the scheme must be http or https"));
        }
        let rest = rest.strip_suffix('/').unwrap_or(rest);
        if rest.is_empty() {
            return Err(bad("no host"));
        }
        if rest.contains(['/', '?', '#', '@', ' ']) {
            return Err(bad("give only a host (and port), without a path"));
        }
        let bracketed = rest.starts_with('[');
        let (host, port) = if let Some(v6) = rest.strip_prefix('[') {
            let (host, after) = v6.split_once(']').ok_or_else(|| bad("unclosed '['"))?;
            let port = match after.strip_prefix(':') {
                Some(p) => Some(
                    p.parse::<u16>()
                        .map_err(|_| bad("the port must be a number"))?,
                ),
                None if after.is_empty() => None,
                None => return Err(bad("unexpected text after ']'")),
            };
            (host.to_string(), port)
        } else {
            match rest.rsplit_once(':') {
                Some((h, p)) => (
                    h.to_string(),
                    Some(
                        p.parse::<u16>()
                            .map_err(|_| bad("the port must be a number"))?,
                    ),
                ),
                None => (rest.to_string(), None),
            }
        };
        if host.is_empty() {
            return Err(bad("no host"));
        }
        if port == Some(0) {
            return Err(bad("port 0 is not a port"));
        }
        if bracketed {
            if host.parse::<std::net::Ipv6Addr>().is_err() {
                return Err(bad(
                    "only an IPv6 address goes in brackets, e.g. [::1]:9000",
                ));
            }
        } else if host.contains(':') {
            return Err(bad(
                "an IPv6 address goes in brackets, e.g. http://[::1]:9000",
            ));
        } else if !host
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_'))
        {
            return Err(bad(
                "a host name has only letters, digits, '-', '.' and '_' (write other names in their xn-- form)",
            ));
        } else if host
            .trim_end_matches('.')
            .split('.')
            .any(|label| label.is_empty() || label.starts_with('-') || label.ends_with('-'))
        {
            return Err(bad(
                "each dot-separated part of a host name is non-empty and starts and ends with a letter or digit",
            ));
        }
        Ok(Endpoint {
            scheme,
            host: host.to_ascii_lowercase(),
            port,
        })
    }

    /// `host[:port]` as it goes into the Host header and URLs.
    pub fn authority(&self) -> String {
        let host = if self.host.contains(':') {
            format!("[{}]", self.host)
        } else {
            self.host.clone()
        };
        match self.port {
            Some(port) => format!("{host}:{port}"),
            None => host,
        }
    }

    pub fn base_url(&self) -> String {
        format!("{}://{}", self.scheme, self.authority())
    }

    /// OSS uses path-style addressing for these hosts: a bucket cannot be a subdomain of an IP.
    pub fn is_ip_or_localhost(&self) -> bool {
        self.host == "localhost" || self.host.parse::<IpAddr>().is_ok()
    }
}

impl Endpoint {
    /// The region an Alibaba Cloud OSS host names: `oss-<region>.aliyuncs.com`,
    /// `oss-<region>-internal.aliyuncs.com`, `<bucket>.oss-<region>.aliyuncs.com`. Global hosts
    /// (`oss.aliyuncs.com`, `oss-accelerate…`), custom domains and IPs name none.
    pub fn oss_region(&self) -> Option<String> {
        let host = self.host.strip_suffix(".aliyuncs.com")?;
        let label = host.rsplit('.').next()?;
        let region = label.strip_prefix("oss-")?;
        let region = region.strip_suffix("-internal").unwrap_or(region);
        if region.is_empty() || region.starts_with("accelerate") || !region.contains('-') {
            return None;
        }
        Some(region.to_string())
    }
}

/// Region ids as Alibaba Cloud writes them (`cn-hangzhou`, `ap-southeast-1`,
/// `cn-shanghai-finance-1`): lowercase letters, digits and hyphens. A region goes into host
/// names and into the OSS v4 signing scope, so anything else is refused before any request.
pub fn check_region(region: &str, from: &str) -> Result<(), UsageError> {
    let ok = (1..=64).contains(&region.len())
        && region
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !region.starts_with('-')
        && !region.ends_with('-');
    if ok {
        return Ok(());
    }
    Err(UsageError(format!(
        "invalid region {region:?} ({from}): a region id is lowercase letters, digits and '-', e.g. cn-hangzhou"
    )))
}

impl std::fmt::Display for Endpoint {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.base_url())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_the_forms_users_type() {
        let e = Endpoint::parse("oss-cn-hangzhou.aliyuncs.com").unwrap();
        assert_eq!(
            (e.scheme.as_str(), e.host.as_str(), e.port),
            ("https", "oss-cn-hangzhou.aliyuncs.com", None)
        );
        assert!(!e.is_ip_or_localhost());
        let e = Endpoint::parse("http://127.0.0.1:9000/").unwrap();
        assert_eq!(e.base_url(), "http://127.0.0.1:9000");
        assert!(e.is_ip_or_localhost());
        let e = Endpoint::parse("http://[::1]:9000").unwrap();
        assert_eq!(e.authority(), "[::1]:9000");
        assert!(e.is_ip_or_localhost());
        assert!(Endpoint::parse("http://localhost")
            .unwrap()
            .is_ip_or_localhost());
    }

    #[test]
    fn regions_read_off_oss_hosts() {
        let region = |e: &str| Endpoint::parse(e).unwrap().oss_region();
        assert_eq!(
            region("oss-cn-hangzhou.aliyuncs.com").as_deref(),
            Some("cn-hangzhou")
        );
        assert_eq!(
            region("https://oss-cn-hangzhou-internal.aliyuncs.com").as_deref(),
            Some("cn-hangzhou")
        );
        assert_eq!(
            region("sample-bucket.oss-ap-southeast-1.aliyuncs.com").as_deref(),
            Some("ap-southeast-1")
        );
        assert_eq!(
            region("oss-cn-shanghai-finance-1-pub.aliyuncs.com").as_deref(),
            Some("cn-shanghai-finance-1-pub")
        );
        for none in [
            "oss.aliyuncs.com",
            "oss-accelerate.aliyuncs.com",
            "oss-accelerate-overseas.aliyuncs.com",
            "http://127.0.0.1:9000",
            "cdn.example.com",
            "oss-cn-hangzhou.example.com",
        ] {
            assert_eq!(region(none), None, "{none}");
        }
    }

    #[test]
    fn rejects_what_is_not_an_endpoint() {
        for bad in [
            "",
            "ftp://x",
            "http://",
            "host:port",
            "https://host/path",
            "a b",
        ] {
            assert!(Endpoint::parse(bad).is_err(), "{bad:?} accepted");
        }
    }

    #[test]
    fn regions_are_names_not_paths() {
        for good in [
            "cn-hangzhou",
            "ap-southeast-1",
            "cn-shanghai-finance-1",
            "local",
        ] {
            assert!(check_region(good, "--region").is_ok(), "{good}");
        }
        for bad in [
            "",
            "cn-hangzhou/../../x",
            "cn\nhangzhou",
            "CN-Hangzhou",
            "-cn",
            "cn hz",
        ] {
            let e = check_region(bad, "--region").unwrap_err().to_string();
            assert!(
                e.contains("invalid region") && !e.contains('\n'),
                "{bad:?}: {e}"
            );
        }
    }

    /// Found by the oss_url fuzz target: hosts with a bare ':' or with characters no host name
    /// has were accepted, then printed as URLs that do not parse (`a:b:80` became `[a:b]:80`).
    #[test]
    fn refuses_hosts_that_are_not_names_or_addresses() {
        for (bad, why) in [
            ("a:b:80", "in brackets"),
            ("::1", "in brackets"),
            ("\u{16}::1]:9000", "in brackets"),
            ("http://[nothost]:80", "only an IPv6 address"),
            ("http://[]", "no host"),
            ("exa\tmple.com", "only letters"),
            ("bücher.example", "xn--"),
            ("http://a]:80", "only letters"),
            ("http://-", "each dot-separated part"),
            ("http://a..b", "each dot-separated part"),
            ("http://-a.example", "each dot-separated part"),
            ("http://127.0.0.1:0", "port 0"),
        ] {
            let err = Endpoint::parse(bad).unwrap_err().to_string();
            assert!(err.contains(why), "{bad:?}: {err}");
        }
        for good in [
            "http://[::1]:9000",
            "http://[fe80::1]",
            "my_host.internal:8080",
            "xn--bcher-kva.example",
        ] {
            let e = Endpoint::parse(good).unwrap();
            assert_eq!(Endpoint::parse(&e.base_url()).unwrap(), e, "{good}");
        }
    }
}
