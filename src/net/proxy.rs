//! Which proxy requests go through: `--proxy URL`, else `HTTPS_PROXY` / `HTTP_PROXY` /
//! `ALL_PROXY` (upper or lower case) with `NO_PROXY`, the variables curl and reqwest read.
//!
//! Every proxy is checked before the first request, and one that cannot be used is bad input
//! (exit 2): a mistyped variable that an HTTP library skips would send the request, security token
//! and all, straight to the internet instead. A proxy's user and password are never shown:
//! messages and the `-v` trace print `http://****@proxy:3128`.

use crate::error::UsageError;

/// A proxy that passed the checks, and how to show it.
#[derive(Debug, Clone)]
pub struct Proxy {
    url: reqwest::Url,
    /// The URL with any user and password masked.
    pub shown: String,
    /// Where it came from: `--proxy` or the variable's name.
    pub source: &'static str,
}

/// The proxies in force: one for http:// and one for https:// destinations (the same one when
/// a single proxy was given), and the hosts that go direct.
#[derive(Debug, Clone, Default)]
pub struct Proxies {
    pub http: Option<Proxy>,
    pub https: Option<Proxy>,
    pub no_proxy: Option<String>,
}

/// The variables read when `--proxy` is not given, in the order reqwest reads them (the first
/// one set of each pair wins).
const HTTP_VARS: [&str; 2] = ["HTTP_PROXY", "http_proxy"];
const HTTPS_VARS: [&str; 2] = ["HTTPS_PROXY", "https_proxy"];
const ALL_VARS: [&str; 2] = ["ALL_PROXY", "all_proxy"];
const NO_PROXY_VARS: [&str; 2] = ["NO_PROXY", "no_proxy"];

/// The proxies for `--proxy` (when given, even empty) or else the environment.
pub fn resolve(flag: Option<&str>) -> Result<Proxies, UsageError> {
    resolve_with(flag, |name| std::env::var(name).ok())
}

fn resolve_with(
    flag: Option<&str>,
    env: impl Fn(&str) -> Option<String>,
) -> Result<Proxies, UsageError> {
    if let Some(text) = flag {
        let proxy = parse(text, "--proxy")?;
        return Ok(Proxies {
            http: Some(proxy.clone()),
            https: Some(proxy),
            no_proxy: None,
        });
    }
    // In a CGI program HTTP_PROXY can be set by a client's `Proxy:` header (httpoxy): reqwest
    // ignores the variables there, and so does alicli.
    if env("REQUEST_METHOD").is_some() {
        return Ok(Proxies::default());
    }
    let first = |names: [&'static str; 2]| -> Result<Option<Proxy>, UsageError> {
        for name in names {
            match env(name) {
                // Set but empty means unset, as for curl.
                Some(value) if value.trim().is_empty() => continue,
                Some(value) => return parse(&value, name).map(Some),
                None => continue,
            }
        }
        Ok(None)
    };
    let all = first(ALL_VARS)?;
    let http = first(HTTP_VARS)?.or_else(|| all.clone());
    let https = first(HTTPS_VARS)?.or(all);
    let no_proxy = NO_PROXY_VARS.iter().find_map(|n| env(n));
    Ok(Proxies {
        http,
        https,
        no_proxy,
    })
}

/// Checks one proxy URL. Without a scheme it is http://, as curl takes it.
fn parse(text: &str, source: &'static str) -> Result<Proxy, UsageError> {
    let shown = mask_userinfo(text.trim());
    let bad = |why: &str| UsageError(format!("invalid proxy {shown:?} ({source}): {why}"));
    let trimmed = text.trim();
    if trimmed.is_empty() {
        return Err(UsageError(format!(
            "{source} is empty: give a proxy URL such as http://proxy:3128"
        )));
    }
    let with_scheme = if trimmed.contains("://") {
        trimmed.to_string()
    } else {
        format!("http://{trimmed}")
    };
    let url = reqwest::Url::parse(&with_scheme).map_err(|e| bad(&e.to_string()))?;
    match url.scheme() {
        "http" | "https" => {}
        s if s.starts_with("socks") => {
            return Err(bad(
                "SOCKS proxies are not supported; use an HTTP proxy (http://host:port)",
            ))
        }
        _ => return Err(bad("the scheme must be http or https")),
    }
    if url.host_str().is_none_or(str::is_empty) {
        return Err(bad("no host"));
    }
    if url.port() == Some(0) {
        return Err(bad("port 0 is not a port"));
    }
    if !matches!(url.path(), "" | "/") || url.query().is_some() || url.fragment().is_some() {
        return Err(bad("give only scheme, host and port (and user:password@)"));
    }
    if let Some(password) = url.password() {
        crate::terminal::redact::register(password);
        if let Ok(decoded) = percent_encoding::percent_decode_str(password).decode_utf8() {
            crate::terminal::redact::register(&decoded);
        }
    }
    let shown = mask_userinfo(url.as_str().trim_end_matches('/'));
    Ok(Proxy { url, shown, source })
}

/// `scheme://user:password@host` with the user and password replaced by `****`, for any text
/// shaped like a URL (also one that does not parse: it is shown in the error about it).
pub fn mask_userinfo(text: &str) -> String {
    let (scheme_end, rest) = match text.find("://") {
        Some(i) => (i + 3, &text[i + 3..]),
        None => (0, text),
    };
    let authority_len = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    match rest[..authority_len].rfind('@') {
        Some(at) => format!(
            "{}{}{}",
            &text[..scheme_end],
            crate::terminal::redact::MASK,
            &rest[at..]
        ),
        None => text.to_string(),
    }
}

impl Proxies {
    /// The same choice as reqwest proxies, for a client built with `.no_proxy()` (so that what
    /// was checked here is exactly what is used). A proxy reqwest will not take is refused here
    /// too, never dropped.
    pub fn to_reqwest(&self) -> Result<Vec<reqwest::Proxy>, UsageError> {
        let no_proxy = self
            .no_proxy
            .as_deref()
            .and_then(reqwest::NoProxy::from_string);
        let refused = |p: &Proxy, e: reqwest::Error| {
            UsageError(format!(
                "invalid proxy {:?} ({}): {}",
                p.shown,
                p.source,
                mask_userinfo(&e.to_string())
            ))
        };
        let mut out = Vec::new();
        if let Some(p) = &self.http {
            let made = reqwest::Proxy::http(p.url.clone()).map_err(|e| refused(p, e))?;
            out.push(made.no_proxy(no_proxy.clone()));
        }
        if let Some(p) = &self.https {
            let made = reqwest::Proxy::https(p.url.clone()).map_err(|e| refused(p, e))?;
            out.push(made.no_proxy(no_proxy.clone()));
        }
        Ok(out)
    }

    /// One line for the `-v` trace.
    pub fn describe(&self) -> Option<String> {
        let one = |p: &Option<Proxy>| {
            p.as_ref()
                .map(|p| format!("{} (from {})", p.shown, p.source))
        };
        match (one(&self.http), one(&self.https)) {
            (None, None) => None,
            (Some(h), Some(s)) if h == s => Some(format!("proxy {h}")),
            (h, s) => Some(format!(
                "proxy for http:// {}, for https:// {}",
                h.unwrap_or_else(|| "none".into()),
                s.unwrap_or_else(|| "none".into())
            )),
        }
        .map(|line| match &self.no_proxy {
            Some(n) if !n.trim().is_empty() => format!("{line}; NO_PROXY={n}"),
            _ => line,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env_of(pairs: &'static [(&'static str, &'static str)]) -> impl Fn(&str) -> Option<String> {
        move |name| {
            pairs
                .iter()
                .find(|(k, _)| *k == name)
                .map(|(_, v)| v.to_string())
        }
    }

    #[test]
    fn passwords_never_show() {
        assert_eq!(
            mask_userinfo("http://user:pa55word@host:99999"),
            "http://****@host:99999"
        );
        assert_eq!(mask_userinfo("u:p@h:1/x@y"), "****@h:1/x@y");
        assert_eq!(mask_userinfo("http://host:3128"), "http://host:3128");
        let e = resolve(Some("http://user:pa55word@host:99999"))
            .unwrap_err()
            .to_string();
        assert!(!e.contains("pa55word"), "{e}");
        assert!(e.contains("http://****@host:99999"), "{e}");
        let ok = resolve(Some("http://user:s3cr3tpw@proxy.example:3128")).unwrap();
        let line = ok.describe().unwrap();
        assert!(
            !line.contains("s3cr3tpw") && !line.contains("user"),
            "{line}"
        );
        assert!(line.contains("http://****@proxy.example:3128"), "{line}");
    }

    #[test]
    fn unusable_proxies_are_refused() {
        for (flag, why) in [
            ("", "is empty"),
            ("  ", "is empty"),
            ("ftp://proxy:21", "scheme must be http or https"),
            ("socks5://proxy:1080", "SOCKS"),
            ("http://h:3128:x", "invalid port"),
            ("http://user:pw@host:99999", "invalid port"),
            ("http://host:0", "port 0"),
            ("http://host:3128/path", "only scheme, host and port"),
            ("http://", "empty host"),
        ] {
            let e = resolve(Some(flag)).unwrap_err().to_string();
            assert!(e.contains(why), "{flag:?}: {e}");
        }
        let ok = resolve(Some("proxy.internal:3128")).unwrap();
        assert_eq!(ok.http.unwrap().shown, "http://proxy.internal:3128");
    }

    #[test]
    fn the_environment_is_checked_too() {
        let e = resolve_with(None, env_of(&[("HTTP_PROXY", "http://h:3128:x")]))
            .unwrap_err()
            .to_string();
        assert!(e.contains("(HTTP_PROXY)"), "{e}");
        let e = resolve_with(None, env_of(&[("https_proxy", "ftp://x")]))
            .unwrap_err()
            .to_string();
        assert!(e.contains("(https_proxy)"), "{e}");
        // Empty means unset; ALL_PROXY fills in for both; the upper-case name wins.
        let p = resolve_with(
            None,
            env_of(&[
                ("HTTP_PROXY", ""),
                ("ALL_PROXY", "http://all:1"),
                ("HTTPS_PROXY", "http://upper:2"),
                ("https_proxy", "http://lower:3"),
                ("NO_PROXY", "127.0.0.1"),
            ]),
        )
        .unwrap();
        assert_eq!(p.http.unwrap().shown, "http://all:1");
        assert_eq!(p.https.unwrap().shown, "http://upper:2");
        assert_eq!(p.no_proxy.as_deref(), Some("127.0.0.1"));
        // A flag replaces the environment, which is then not read at all.
        let p = resolve_with(
            Some("http://flag:1"),
            env_of(&[("HTTP_PROXY", "http://h:3128:x")]),
        )
        .unwrap();
        assert_eq!(p.http.unwrap().source, "--proxy");
        // CGI: the variables may come from a client's request headers.
        let p = resolve_with(
            None,
            env_of(&[("REQUEST_METHOD", "GET"), ("HTTP_PROXY", "http://evil:1")]),
        )
        .unwrap();
        assert!(p.http.is_none());
    }
}
