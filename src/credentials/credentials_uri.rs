//! Credentials from a credentials URI (`ALIBABA_CLOUD_CREDENTIALS_URI`, a profile's
//! `credentials_uri`): one GET, answered by `{"Code":"Success","AccessKeyId","AccessKeySecret",
//! "SecurityToken","Expiration"}` (read by [`alicli_wire::credential_formats`]).
//!
//! Exit codes: a URI that is not http(s) is bad input (2). No answer, a 5xx or a 429 is a
//! network error (6): asking later may work. Another status (401, 403, 404…) is the server
//! refusing to give credentials (3). A 200 whose body is not usable credentials (not JSON,
//! `Code` not Success, a field missing, already expired) is a [`BadAnswer`] (6, not retried):
//! the server answered but not with anything alicli can sign with, as with an STS answer it
//! cannot read; the credentials were never seen, so it is not a credentials refusal.
//!
//! A credentials URI may carry a secret of its own in its query (`?token=…`), so messages and
//! the `-v` trace show it without the query. The helpers here that turn a credential server's
//! status into an error are shared with the other HTTP sources (ECS metadata, GitHub Actions).

use std::time::Duration;

use anyhow::Result;
use chrono::Utc;

use super::{Issued, Services};
use crate::error::{BadAnswer, CredentialsError, NetworkError, UsageError};
use crate::net::fetch::{FetchAnswer, FetchRequest, FETCH_LIMIT};
use crate::net::http::Net;
use alicli_wire::text::escape_untrusted;

/// A credential server is a local sidecar or a service nearby: an answer takes milliseconds.
const DEADLINE: Duration = Duration::from_secs(5);

/// Refuses anything but an `http://` or `https://` URL with a host (exit 2), before any request.
pub fn check_uri(uri: &str) -> Result<()> {
    parse_http_url(uri, "the credentials URI").map(|_| ())
}

/// GETs `uri` and reads the credentials it answers with (see the module's text for what each
/// failure means).
pub fn fetch(uri: &str, services: &dyn Services, net: &Net) -> Result<Issued> {
    let url = parse_http_url(uri, "the credentials URI")?;
    let what = format!("the credentials URI {}", without_query(&url));
    crate::terminal::output::verbose(&format!("credentials URI: GET {}", without_query(&url)));
    let request = FetchRequest {
        method: "GET",
        url: uri.to_string(),
        headers: Vec::new(),
        timeout: DEADLINE,
        use_proxy: !is_local(&url),
    };
    let answer = services.fetch(net, &request)?;
    for secret in alicli_wire::credential_formats::secrets_in(&answer.body) {
        crate::terminal::redact::register(&secret);
    }
    if answer.status != 200 {
        return Err(status_error(&what, &answer));
    }
    if answer.truncated {
        return Err(BadAnswer(format!(
            "{what} answered with more than {FETCH_LIMIT} bytes"
        ))
        .into());
    }
    let credentials =
        alicli_wire::credential_formats::parse_credentials_uri(&answer.body, Utc::now()).map_err(
            |why| BadAnswer(format!("{what} answered without usable credentials: {why}")),
        )?;
    Ok(credentials.into())
}

/// `text` as an http(s) URL with a host, or a usage error that says `what` it was meant to be.
pub(crate) fn parse_http_url(text: &str, what: &str) -> Result<reqwest::Url> {
    let refuse = |why: &str| -> anyhow::Error {
        let shown: String = text
            .split('?')
            .next()
            .unwrap_or_default()
            .chars()
            .take(200)
            .collect();
        UsageError(format!("{what} {:?} {why}", escape_untrusted(&shown))).into()
    };
    let url = reqwest::Url::parse(text).map_err(|_| refuse("is not a URL"))?;
    if !matches!(url.scheme(), "http" | "https") {
        return Err(refuse("is not an http:// or https:// URL"));
    }
    if url.host_str().is_none_or(str::is_empty) {
        return Err(refuse("has no host"));
    }
    if !url.username().is_empty() || url.password().is_some() {
        // A password in a URL ends up in logs and process listings; nothing needs one here.
        return Err(refuse("carries a user name or password"));
    }
    Ok(url)
}

/// The URL to show: scheme, host, port and path, never the query (it may hold a secret).
pub(crate) fn without_query(url: &reqwest::Url) -> String {
    let mut shown = url.clone();
    shown.set_query(None);
    shown.set_fragment(None);
    escape_untrusted(shown.as_str()).into_owned()
}

/// Loopback and link-local servers (a sidecar, the metadata service) are reached directly; a
/// proxy would not know them. Anything else goes through the proxy settings, as other requests do.
pub(crate) fn is_local(url: &reqwest::Url) -> bool {
    let host = url.host_str().unwrap_or_default();
    if host.eq_ignore_ascii_case("localhost") {
        return true;
    }
    match host.trim_start_matches('[').trim_end_matches(']').parse() {
        Ok(std::net::IpAddr::V4(ip)) => {
            // 100.100.100.200 is the ECS metadata service: link-local in all but name.
            ip.is_loopback() || ip.is_link_local() || ip.octets() == [100, 100, 100, 200]
        }
        Ok(std::net::IpAddr::V6(ip)) => ip.is_loopback(),
        Err(_) => false,
    }
}

/// The error for a credential server's answer that is not a 200: a 5xx or a 429 is a
/// [`NetworkError`] (worth another try later), anything else a [`CredentialsError`] (the server
/// will not give them). It names the status and a short, escaped `Message` of a JSON body; never
/// the body whole (it is the server's, and may echo what was sent).
pub(crate) fn status_error(what: &str, answer: &FetchAnswer) -> anyhow::Error {
    let status = answer.status;
    let mut text = format!("{what} answered HTTP {status}");
    if let Some(message) = message_of(&answer.body) {
        text.push_str(&format!(": {message}"));
    }
    if status >= 500 || status == 429 {
        NetworkError::new(text).into()
    } else {
        if (300..400).contains(&status) {
            text.push_str("\nhint: alicli does not follow redirects from a credential server");
        }
        CredentialsError(text).into()
    }
}

/// The `Message` (or `message`) of a JSON error body, cut to 200 characters and escaped.
fn message_of(body: &[u8]) -> Option<String> {
    let value: serde_json::Value = serde_json::from_slice(body).ok()?;
    let message = value
        .get("Message")
        .or_else(|| value.get("message"))?
        .as_str()?;
    let short: String = message.chars().take(200).collect();
    Some(escape_untrusted(&short).into_owned()).filter(|m| !m.is_empty())
}

/// A fake [`Services`] for the keyless sources' tests: answers canned exchanges in order and
/// records what was asked.
#[cfg(test)]
pub(crate) mod fake {
    use std::collections::VecDeque;
    use std::sync::{Arc, Mutex};

    use anyhow::Result;

    use crate::credentials::{ProvideCredentials, Services};
    use crate::error::NetworkError;
    use crate::net::fetch::{FetchAnswer, FetchRequest};
    use crate::net::http::Net;
    use alicli_wire::endpoint::Endpoint;
    use alicli_wire::sts::{
        AssumeRoleRequest, AssumeRoleResponse, AssumeRoleWithOidcRequest,
        AssumeRoleWithOidcResponse,
    };

    pub enum Reply {
        Answer(u16, Vec<u8>),
        /// The server could not be reached (what `net::fetch` says then).
        Unreachable,
    }

    pub fn answer(status: u16, body: &str) -> Reply {
        Reply::Answer(status, body.as_bytes().to_vec())
    }

    /// What one request asked for, headers included (a fake may see them; nothing prints them).
    #[derive(Clone)]
    pub struct Seen {
        pub method: &'static str,
        pub url: String,
        pub headers: Vec<(&'static str, String)>,
        pub timeout: std::time::Duration,
        pub use_proxy: bool,
        pub connect_timeout: std::time::Duration,
    }

    impl Seen {
        pub fn header(&self, name: &str) -> Option<&str> {
            self.headers
                .iter()
                .find(|(k, _)| k.eq_ignore_ascii_case(name))
                .map(|(_, v)| v.as_str())
        }
    }

    pub struct FakeServices {
        replies: Mutex<VecDeque<Reply>>,
        pub seen: Mutex<Vec<Seen>>,
    }

    impl FakeServices {
        pub fn new(replies: Vec<Reply>) -> FakeServices {
            FakeServices {
                replies: Mutex::new(replies.into()),
                seen: Mutex::new(Vec::new()),
            }
        }

        pub fn seen(&self) -> Vec<Seen> {
            self.seen.lock().unwrap().clone()
        }
    }

    impl Services for FakeServices {
        fn assume_role(
            &self,
            _endpoint: &Endpoint,
            _net: &Net,
            _signer: Arc<dyn ProvideCredentials>,
            _request: &AssumeRoleRequest,
            _signature: crate::session::StsSignatureVersion,
        ) -> Result<AssumeRoleResponse> {
            anyhow::bail!("this fake has no STS")
        }

        fn assume_role_with_oidc(
            &self,
            _endpoint: &Endpoint,
            _net: &Net,
            _request: &AssumeRoleWithOidcRequest,
        ) -> Result<AssumeRoleWithOidcResponse> {
            anyhow::bail!("this fake has no STS")
        }

        fn fetch(&self, net: &Net, request: &FetchRequest) -> Result<FetchAnswer> {
            self.seen.lock().unwrap().push(Seen {
                method: request.method,
                url: request.url.clone(),
                headers: request.headers.clone(),
                timeout: request.timeout,
                use_proxy: request.use_proxy,
                connect_timeout: net.connect_timeout,
            });
            match self.replies.lock().unwrap().pop_front() {
                Some(Reply::Answer(status, body)) => Ok(FetchAnswer {
                    status,
                    body,
                    truncated: false,
                }),
                Some(Reply::Unreachable) => {
                    Err(NetworkError::new("cannot connect to the fake server").into())
                }
                None => anyhow::bail!("the fake was asked more than it was told to answer"),
            }
        }
    }

    /// [`Services`] whose fetch is the real one (for tests against a loopback server).
    pub struct LiveFetch;

    impl Services for LiveFetch {
        fn assume_role(
            &self,
            _endpoint: &Endpoint,
            _net: &Net,
            _signer: Arc<dyn ProvideCredentials>,
            _request: &AssumeRoleRequest,
            _signature: crate::session::StsSignatureVersion,
        ) -> Result<AssumeRoleResponse> {
            anyhow::bail!("this fake has no STS")
        }

        fn assume_role_with_oidc(
            &self,
            _endpoint: &Endpoint,
            _net: &Net,
            _request: &AssumeRoleWithOidcRequest,
        ) -> Result<AssumeRoleWithOidcResponse> {
            anyhow::bail!("this fake has no STS")
        }

        fn fetch(&self, net: &Net, request: &FetchRequest) -> Result<FetchAnswer> {
            crate::net::fetch::fetch(net, request)
        }
    }

    /// The head of a request the loopback server got.
    pub struct Head {
        pub method: String,
        pub path: String,
        headers: Vec<(String, String)>,
    }

    impl Head {
        pub fn header(&self, name: &str) -> Option<&str> {
            self.headers
                .iter()
                .find(|(k, _)| k.eq_ignore_ascii_case(name))
                .map(|(_, v)| v.as_str())
        }
    }

    /// A tiny HTTP/1.1 server on 127.0.0.1 that answers every request with what `handler`
    /// says (one request per connection); it lives as long as the test process.
    pub fn serve(
        handler: impl Fn(&Head) -> (u16, String) + Send + 'static,
    ) -> std::net::SocketAddr {
        use std::io::{Read, Write};
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let addr = listener.local_addr().unwrap();
        std::thread::spawn(move || {
            for stream in listener.incoming() {
                let Ok(mut stream) = stream else { continue };
                let mut head = Vec::new();
                let mut byte = [0u8; 1];
                while !head.ends_with(b"\r\n\r\n") && head.len() < 16 * 1024 {
                    match stream.read(&mut byte) {
                        Ok(1) => head.push(byte[0]),
                        _ => break,
                    }
                }
                let text = String::from_utf8_lossy(&head).into_owned();
                let mut lines = text.split("\r\n");
                let mut first = lines.next().unwrap_or_default().split(' ');
                let method = first.next().unwrap_or_default().to_string();
                let path = first.next().unwrap_or_default().to_string();
                let headers = lines
                    .filter_map(|l| l.split_once(':'))
                    .map(|(k, v)| (k.trim().to_string(), v.trim().to_string()))
                    .collect();
                let (status, body) = handler(&Head {
                    method,
                    path,
                    headers,
                });
                let _ = write!(
                    stream,
                    "HTTP/1.1 {status} X\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                    body.len()
                );
            }
        });
        addr
    }
}

#[cfg(test)]
mod tests {
    use super::fake::{answer, FakeServices, Reply};
    use super::*;
    use crate::error::{exit_for, Exit};

    const SECRET: &str = "uri-secret-of-the-session";
    const TOKEN: &str = "CAES+uri+token+wMIARKAAZhjH0EUOIhJ";

    fn good_body() -> String {
        let expiration = (Utc::now() + chrono::Duration::hours(1))
            .format("%Y-%m-%dT%H:%M:%SZ")
            .to_string();
        serde_json::json!({"Code": "Success", "AccessKeyId": "STS.uri", "AccessKeySecret": SECRET,
            "SecurityToken": TOKEN, "Expiration": expiration})
        .to_string()
    }

    fn fetch_with(uri: &str, replies: Vec<Reply>) -> (Result<Issued>, FakeServices) {
        let fake = FakeServices::new(replies);
        let got = fetch(uri, &fake, &Net::default());
        (got, fake)
    }

    #[test]
    fn only_http_urls_are_taken() {
        for good in [
            "http://127.0.0.1:8080/creds",
            "https://creds.example.com/x?token=abc",
        ] {
            assert!(check_uri(good).is_ok(), "{good}");
        }
        for bad in [
            "file:///etc/passwd",
            "127.0.0.1:8080",
            "ftp://h/x",
            "http://",
            "",
            "http://user:pw@h/x",
        ] {
            let e = check_uri(bad).unwrap_err();
            assert_eq!(exit_for(&e), Exit::Usage, "{bad}");
        }
        let e = check_uri("gopher://h/x?token=s3cr3t-in-query").unwrap_err();
        assert!(!e.to_string().contains("s3cr3t"), "{e}");
    }

    #[test]
    fn good_answers_give_temporary_credentials() {
        let uri = "http://127.0.0.1:9/creds?token=q";
        let (got, fake) = fetch_with(uri, vec![answer(200, &good_body())]);
        let issued = got.unwrap();
        assert_eq!(issued.credentials.access_key_id, "STS.uri");
        assert_eq!(issued.credentials.security_token.as_deref(), Some(TOKEN));
        assert!(issued.expiration.is_some());
        let seen = fake.seen();
        assert_eq!(seen.len(), 1);
        assert_eq!((seen[0].method, seen[0].url.as_str()), ("GET", uri));
        assert!(seen[0].timeout <= Duration::from_secs(5));
        assert!(
            !seen[0].use_proxy,
            "a loopback server is not reached through a proxy"
        );
        assert_eq!(crate::terminal::redact::redact(SECRET), "****");

        let (_, fake) = fetch_with(
            "https://creds.example.com/c",
            vec![answer(200, &good_body())],
        );
        assert!(fake.seen()[0].use_proxy);
    }

    #[test]
    fn statuses_map_to_exit_codes_with_a_short_message() {
        let cases = [
            (500, Exit::Network),
            (503, Exit::Network),
            (429, Exit::Network),
            (401, Exit::Credentials),
            (403, Exit::Credentials),
            (404, Exit::Credentials),
            (302, Exit::Credentials),
        ];
        for (status, exit) in cases {
            let body = r#"{"Code":"Denied","Message":"no credentials for you\u001b[2J"}"#;
            let (got, _) = fetch_with("http://127.0.0.1:9/c", vec![answer(status, body)]);
            let e = got.unwrap_err();
            assert_eq!(exit_for(&e), exit, "{status}");
            let text = e.to_string();
            assert!(text.contains(&format!("HTTP {status}")), "{text}");
            assert!(text.contains("no credentials for you\\x1b[2J"), "{text}");
            assert!(!text.contains('\u{1b}'), "{text:?}");
        }
        // The body whole is never shown, nor the query of the URI.
        let body = format!("<html>{}</html>", "x".repeat(5000));
        let (got, _) = fetch_with(
            "http://127.0.0.1:9/c?token=hidden-q",
            vec![answer(403, &body)],
        );
        let text = got.unwrap_err().to_string();
        assert!(
            !text.contains("xxxx") && !text.contains("hidden-q"),
            "{text}"
        );
        assert!(text.contains("http://127.0.0.1:9/c"), "{text}");
    }

    #[test]
    fn answers_without_usable_credentials_are_bad_answers() {
        let spoiled = good_body().replace("Success", "Failure");
        for body in ["not json", r#"{"Code":"Success"}"#, spoiled.as_str()] {
            let (got, _) = fetch_with("http://127.0.0.1:9/c", vec![answer(200, body)]);
            let e = got.unwrap_err();
            assert!(e.downcast_ref::<BadAnswer>().is_some(), "{e}");
            assert_eq!(exit_for(&e), Exit::Network);
            assert!(!e.to_string().contains(SECRET), "{e}");
        }
        let (got, _) = fetch_with("http://127.0.0.1:9/c", vec![Reply::Unreachable]);
        assert_eq!(exit_for(&got.unwrap_err()), Exit::Network);
    }
}
