//! Credentials of the RAM role attached to this ECS instance, from the instance metadata
//! service (`http://100.100.100.200`, or `ALICLI_ECS_METADATA_ENDPOINT` for tests and proxies).
//!
//! IMDSv2 first: `PUT /latest/api/token` gives a short-lived metadata token that the GETs carry
//! in `X-aliyun-ecs-metadata-token`; `GET /latest/meta-data/ram/security-credentials/` names the
//! role when none is configured, and `GET …/security-credentials/<role>` gives its credentials
//! (read by [`alicli_wire::credential_formats::parse_ecs_metadata`]). When the service answers
//! the PUT with anything but a token (an older service, a 403 or 404), the same GETs go without
//! the token (IMDSv1), unless `ALIBABA_CLOUD_IMDSV1_DISABLED=true` forbids it. When the PUT gets
//! no answer at all, nothing else is tried: the GETs would go to the same host and only double
//! the wait on a machine that is not an ECS instance.
//!
//! Each exchange has a short deadline (1 s to connect, 2 s in all) so that asking on a laptop or
//! a CI runner costs about a second. Exit codes: no answer or a 5xx is a network error (6, with
//! a hint that this is not an ECS instance or the endpoint is wrong); a refusal (401, 403, 404,
//! an unknown role) or an unusable answer is a credentials error (3) naming the role and the
//! status; a bad endpoint or role name given by the user is bad input (2). The metadata token
//! is a secret: registered with the redactor, never in a message or the `-v` trace.

use std::time::Duration;

use anyhow::Result;
use chrono::Utc;

use super::credentials_uri::{parse_http_url, without_query};
use super::{Issued, Services};
use crate::config::precedence::env;
use crate::error::{CredentialsError, NetworkError, UsageError};
use crate::net::fetch::{FetchAnswer, FetchRequest};
use crate::net::http::Net;
use crate::terminal::output::verbose;
use alicli_wire::text::escape_untrusted;

/// Where the metadata service is, when it is not at its usual address.
pub const METADATA_ENDPOINT_VAR: &str = "ALICLI_ECS_METADATA_ENDPOINT";
/// The metadata service of every ECS instance.
pub const DEFAULT_METADATA_BASE: &str = "http://100.100.100.200";
/// `true` forbids IMDSv1 (the official libraries read the same variable).
pub const IMDSV1_DISABLED_VAR: &str = "ALIBABA_CLOUD_IMDSV1_DISABLED";

const TOKEN_PATH: &str = "/latest/api/token";
const CREDENTIALS_PATH: &str = "/latest/meta-data/ram/security-credentials/";
const TOKEN_TTL_HEADER: &str = "X-aliyun-ecs-metadata-token-ttl-seconds";
const TOKEN_HEADER: &str = "X-aliyun-ecs-metadata-token";
/// The token only has to last this one fetch; a short one is less worth stealing.
const TOKEN_TTL_SECONDS: &str = "300";
const CONNECT_DEADLINE: Duration = Duration::from_secs(1);
const EXCHANGE_DEADLINE: Duration = Duration::from_secs(2);

/// Which role to ask for, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EcsRole {
    /// `None` or empty: ask the metadata service which role the instance has.
    pub role: Option<String>,
    /// A base URL (`http://100.100.100.200`); a path prefix is allowed.
    pub metadata_base: String,
    pub imdsv1_disabled: bool,
}

impl EcsRole {
    /// The role named by the profile or `ALIBABA_CLOUD_ECS_METADATA` (checked), the base from
    /// [`METADATA_ENDPOINT_VAR`] (checked: an http(s) URL), IMDSv1 forbidden by
    /// [`IMDSV1_DISABLED_VAR`]. Bad values are usage errors, before any request.
    pub fn from_env(role: Option<&str>) -> Result<EcsRole> {
        EcsRole::from_lookup(role, &env)
    }

    fn from_lookup(role: Option<&str>, lookup: &dyn Fn(&str) -> Option<String>) -> Result<EcsRole> {
        let role = role.map(str::trim).filter(|r| !r.is_empty());
        if let Some(r) = role {
            check_role_name(r).map_err(|why| UsageError(format!("the ECS role name {why}")))?;
        }
        let metadata_base = match lookup(METADATA_ENDPOINT_VAR) {
            Some(base) => check_base(base.trim(), METADATA_ENDPOINT_VAR)?,
            None => DEFAULT_METADATA_BASE.to_string(),
        };
        let imdsv1_disabled = lookup(IMDSV1_DISABLED_VAR)
            .is_some_and(|v| v.trim().eq_ignore_ascii_case("true") || v.trim() == "1");
        Ok(EcsRole {
            role: role.map(str::to_string),
            metadata_base,
            imdsv1_disabled,
        })
    }

    /// The role's credentials (see the module's text for the exchanges and their errors).
    pub fn fetch(&self, services: &dyn Services, net: &Net) -> Result<Issued> {
        let base = check_base(&self.metadata_base, "the ECS metadata endpoint")?;
        let given = self
            .role
            .as_deref()
            .map(str::trim)
            .filter(|r| !r.is_empty());
        if let Some(r) = given {
            check_role_name(r).map_err(|why| UsageError(format!("the ECS role name {why}")))?;
        }
        let net = Net {
            connect_timeout: net.connect_timeout.min(CONNECT_DEADLINE),
            ..net.clone()
        };
        let call = Call {
            services,
            net: &net,
            base: &base,
        };
        let token = match call.metadata_token() {
            Ok(token) => Some(token),
            Err(V2Failed::NoAnswer(e)) => return Err(call.unreachable(e)),
            Err(V2Failed::Refused(why)) if self.imdsv1_disabled => {
                return Err(CredentialsError(format!(
                    "the ECS metadata service at {} gave no IMDSv2 token ({why}), and IMDSv1 is disabled ({IMDSV1_DISABLED_VAR}=true)",
                    call.shown(TOKEN_PATH)
                ))
                .into())
            }
            Err(V2Failed::Refused(why)) => {
                verbose(&format!(
                    "ECS metadata: no IMDSv2 token ({why}); asking with IMDSv1"
                ));
                None
            }
        };
        let role = match given {
            Some(r) => r.to_string(),
            None => call.role_name(token.as_deref())?,
        };
        let answer = call.get(&format!("{CREDENTIALS_PATH}{role}"), token.as_deref())?;
        if answer.status != 200 {
            return Err(call.refusal(&answer, Some(&role)));
        }
        for secret in alicli_wire::credential_formats::secrets_in(&answer.body) {
            crate::terminal::redact::register(&secret);
        }
        let unusable = |why: String| -> anyhow::Error {
            CredentialsError(format!(
                "the ECS metadata service's credentials for role {role:?} cannot be used: {why}"
            ))
            .into()
        };
        if answer.truncated {
            return Err(unusable("the answer is larger than any real one".into()));
        }
        let credentials =
            alicli_wire::credential_formats::parse_ecs_metadata(&answer.body, Utc::now())
                .map_err(unusable)?;
        Ok(credentials.into())
    }
}

/// Why no IMDSv2 token was had.
enum V2Failed {
    /// The service did not answer at all: nothing else will work either.
    NoAnswer(anyhow::Error),
    /// It answered, but not with a token: IMDSv1 may still work.
    Refused(String),
}

/// One fetch's exchanges with the metadata service.
struct Call<'a> {
    services: &'a dyn Services,
    net: &'a Net,
    base: &'a str,
}

impl Call<'_> {
    fn shown(&self, path: &str) -> String {
        match reqwest::Url::parse(&format!("{}{path}", self.base)) {
            Ok(url) => without_query(&url),
            Err(_) => escape_untrusted(self.base).into_owned(),
        }
    }

    fn send(&self, request: FetchRequest) -> Result<FetchAnswer> {
        self.services.fetch(self.net, &request)
    }

    fn metadata_token(&self) -> Result<String, V2Failed> {
        verbose(&format!(
            "ECS metadata: PUT {} (IMDSv2)",
            self.shown(TOKEN_PATH)
        ));
        let answer = self
            .send(FetchRequest {
                method: "PUT",
                url: format!("{}{TOKEN_PATH}", self.base),
                headers: vec![(TOKEN_TTL_HEADER, TOKEN_TTL_SECONDS.to_string())],
                timeout: EXCHANGE_DEADLINE,
                use_proxy: false,
            })
            .map_err(V2Failed::NoAnswer)?;
        if answer.status != 200 {
            return Err(V2Failed::Refused(format!("HTTP {}", answer.status)));
        }
        let token = String::from_utf8_lossy(&answer.body).trim().to_string();
        if token.is_empty()
            || token.len() > 4096
            || answer.truncated
            || !token.bytes().all(|b| b.is_ascii_graphic())
        {
            return Err(V2Failed::Refused(
                "the answer to the token request is not a token".into(),
            ));
        }
        crate::terminal::redact::register(&token);
        Ok(token)
    }

    fn get(&self, path: &str, token: Option<&str>) -> Result<FetchAnswer> {
        let version = if token.is_some() { "IMDSv2" } else { "IMDSv1" };
        verbose(&format!(
            "ECS metadata: GET {} ({version})",
            self.shown(path)
        ));
        let headers = token
            .map(|t| vec![(TOKEN_HEADER, t.to_string())])
            .unwrap_or_default();
        let answer = self
            .send(FetchRequest {
                method: "GET",
                url: format!("{}{path}", self.base),
                headers,
                timeout: EXCHANGE_DEADLINE,
                use_proxy: false,
            })
            .map_err(|e| self.unreachable(e))?;
        if answer.status >= 500 || answer.status == 429 {
            return Err(NetworkError::new(format!(
                "the ECS metadata service answered HTTP {} for {}",
                answer.status,
                self.shown(path)
            ))
            .into());
        }
        Ok(answer)
    }

    /// The role attached to the instance: the first line of the role list.
    fn role_name(&self, token: Option<&str>) -> Result<String> {
        let answer = self.get(CREDENTIALS_PATH, token)?;
        if answer.status != 200 {
            return Err(self.refusal(&answer, None));
        }
        let text = String::from_utf8_lossy(&answer.body);
        let Some(first) = text.lines().map(str::trim).find(|l| !l.is_empty()) else {
            return Err(CredentialsError(format!(
                "this ECS instance has no RAM role attached ({} is empty)\nhint: attach a RAM role to the instance, or use another source of credentials",
                self.shown(CREDENTIALS_PATH)
            ))
            .into());
        };
        check_role_name(first).map_err(|why| {
            CredentialsError(format!(
                "the ECS metadata service named a role alicli cannot use: the name {why}"
            ))
        })?;
        verbose(&format!("ECS metadata: the instance's role is {first:?}"));
        Ok(first.to_string())
    }

    /// A 4xx (or any other non-200 below 500): the service will not give these credentials.
    fn refusal(&self, answer: &FetchAnswer, role: Option<&str>) -> anyhow::Error {
        let status = answer.status;
        let text = match (role, status) {
            (None, 404) => format!(
                "this ECS instance has no RAM role attached (the metadata service answered HTTP 404 for {})\nhint: attach a RAM role to the instance, or use another source of credentials",
                self.shown(CREDENTIALS_PATH)
            ),
            (None, _) => format!(
                "the ECS metadata service refused to name the instance's role (HTTP {status} for {})",
                self.shown(CREDENTIALS_PATH)
            ),
            (Some(role), 404) => format!(
                "the ECS metadata service has no credentials for role {role:?} (HTTP 404)\nhint: the role attached to this instance has another name; leave the role name out to use whichever it is"
            ),
            (Some(role), _) => format!(
                "the ECS metadata service refused the credentials of role {role:?} (HTTP {status})"
            ),
        };
        let hint = matches!(status, 401 | 403)
            .then_some("\nhint: the instance may require IMDSv2 (a metadata token), or forbid this user the metadata service")
            .unwrap_or_default();
        CredentialsError(format!("{text}{hint}")).into()
    }

    /// No answer from the service: say where alicli asked and why that may be wrong. Errors
    /// that are not network failures (a bad URL) pass as they are.
    fn unreachable(&self, err: anyhow::Error) -> anyhow::Error {
        let Some(network) = err.downcast_ref::<NetworkError>() else {
            return err;
        };
        NetworkError {
            message: format!(
                "the ECS metadata service at {} did not answer: {}",
                escape_untrusted(self.base),
                network.message
            ),
            hint: Some(format!(
                "this does not look like an ECS instance (or its metadata service is blocked), or {METADATA_ENDPOINT_VAR} is wrong"
            )),
            permanent: false,
        }
        .into()
    }
}

/// `base` as an http(s) base URL without a trailing slash, query or fragment.
fn check_base(base: &str, what: &str) -> Result<String> {
    let url = parse_http_url(base, what)?;
    if url.query().is_some() || url.fragment().is_some() {
        return Err(UsageError(format!(
            "{what} {:?} must be a base URL, without a query",
            escape_untrusted(&without_query(&url))
        ))
        .into());
    }
    Ok(url.as_str().trim_end_matches('/').to_string())
}

/// A RAM role name as it goes into the metadata path: 1–64 letters, digits, `.`, `-`, `_`
/// (the characters RAM allows, none of which a URL path treats specially).
/// The one rule for a RAM role's name ([`alicli_wire::names::check_ram_role_name`]).
fn check_role_name(name: &str) -> Result<(), String> {
    alicli_wire::names::check_ram_role_name(name).map_err(|e| e.0)
}

#[cfg(test)]
mod tests {
    use super::super::credentials_uri::fake::{answer, FakeServices, Reply};
    use super::*;
    use crate::error::{exit_for, Exit};

    const BASE: &str = "http://127.0.0.1:9/-/ecs";
    const METADATA_TOKEN: &str = "metadata-token-AAAAB3NzaC1yc2E";
    const SECRET: &str = "ecs-secret-of-the-session";

    fn credentials_body() -> String {
        let expiration = (Utc::now() + chrono::Duration::hours(6))
            .format("%Y-%m-%dT%H:%M:%SZ")
            .to_string();
        serde_json::json!({"AccessKeyId": "STS.ecs", "AccessKeySecret": SECRET,
            "SecurityToken": "CAES+ecs+token", "Expiration": expiration,
            "LastUpdated": "2026-01-01T00:00:00Z", "Code": "Success"})
        .to_string()
    }

    fn role(name: Option<&str>, imdsv1_disabled: bool) -> EcsRole {
        EcsRole {
            role: name.map(str::to_string),
            metadata_base: BASE.into(),
            imdsv1_disabled,
        }
    }

    fn run(ecs: &EcsRole, replies: Vec<Reply>) -> (Result<Issued>, FakeServices) {
        let fake = FakeServices::new(replies);
        let got = ecs.fetch(&fake, &Net::default());
        (got, fake)
    }

    #[test]
    fn imdsv2_asks_for_a_token_then_the_role_then_its_credentials() {
        let (got, fake) = run(
            &role(None, false),
            vec![
                answer(200, METADATA_TOKEN),
                answer(200, "app-role\n"),
                answer(200, &credentials_body()),
            ],
        );
        let issued = got.unwrap();
        assert_eq!(issued.credentials.access_key_id, "STS.ecs");
        assert!(issued.credentials.security_token.is_some());
        let seen = fake.seen();
        let asked: Vec<_> = seen.iter().map(|s| (s.method, s.url.as_str())).collect();
        assert_eq!(
            asked,
            [
                ("PUT", "http://127.0.0.1:9/-/ecs/latest/api/token"),
                (
                    "GET",
                    "http://127.0.0.1:9/-/ecs/latest/meta-data/ram/security-credentials/"
                ),
                (
                    "GET",
                    "http://127.0.0.1:9/-/ecs/latest/meta-data/ram/security-credentials/app-role"
                ),
            ]
        );
        let ttl: u32 = seen[0].header(TOKEN_TTL_HEADER).unwrap().parse().unwrap();
        assert!((1..=21600).contains(&ttl));
        assert!(seen[0].header(TOKEN_HEADER).is_none());
        for get in &seen[1..] {
            assert_eq!(get.header(TOKEN_HEADER), Some(METADATA_TOKEN));
        }
        for s in &seen {
            assert!(!s.use_proxy);
            assert!(s.timeout <= Duration::from_secs(3));
            assert!(s.connect_timeout <= Duration::from_secs(1));
        }
        assert_eq!(crate::terminal::redact::redact(METADATA_TOKEN), "****");
        assert_eq!(crate::terminal::redact::redact(SECRET), "****");
    }

    #[test]
    fn a_named_role_is_asked_for_directly() {
        let (got, fake) = run(
            &role(Some("named-role"), false),
            vec![
                answer(200, METADATA_TOKEN),
                answer(200, &credentials_body()),
            ],
        );
        assert!(got.is_ok());
        let seen = fake.seen();
        assert_eq!(seen.len(), 2);
        assert!(seen[1].url.ends_with("/security-credentials/named-role"));
    }

    #[test]
    fn without_a_token_imdsv1_is_used_unless_disabled() {
        for status in [403, 404, 405, 500] {
            let (got, fake) = run(
                &role(None, false),
                vec![
                    answer(status, "no"),
                    answer(200, "app-role"),
                    answer(200, &credentials_body()),
                ],
            );
            assert!(got.is_ok(), "{status}: {:?}", got.err());
            let seen = fake.seen();
            assert_eq!(seen.len(), 3);
            assert!(seen[1..].iter().all(|s| s.header(TOKEN_HEADER).is_none()));
        }
        let (got, fake) = run(&role(None, true), vec![answer(404, "")]);
        let e = got.unwrap_err();
        assert_eq!(exit_for(&e), Exit::Credentials);
        let text = e.to_string();
        assert!(
            text.contains("IMDSv2") && text.contains("HTTP 404"),
            "{text}"
        );
        assert!(text.contains("IMDSv1 is disabled"), "{text}");
        assert_eq!(fake.seen().len(), 1);
        // An answer that is not a token counts as no token.
        let (got, fake) = run(
            &role(Some("r"), false),
            vec![answer(200, "two words"), answer(200, &credentials_body())],
        );
        assert!(got.is_ok());
        assert!(fake.seen()[1].header(TOKEN_HEADER).is_none());
    }

    #[test]
    fn no_metadata_service_is_a_network_error_with_a_hint_at_once() {
        let (got, fake) = run(&role(None, false), vec![Reply::Unreachable]);
        let e = got.unwrap_err();
        assert_eq!(exit_for(&e), Exit::Network);
        let text = e.to_string();
        assert!(text.contains("not look like an ECS instance"), "{text}");
        assert!(text.contains(METADATA_ENDPOINT_VAR), "{text}");
        assert_eq!(fake.seen().len(), 1, "nothing more is tried");
        let (got, _) = run(
            &role(None, false),
            vec![answer(200, METADATA_TOKEN), Reply::Unreachable],
        );
        assert_eq!(exit_for(&got.unwrap_err()), Exit::Network);
    }

    #[test]
    fn refusals_name_the_role_and_status() {
        let (got, _) = run(
            &role(Some("gone-role"), false),
            vec![answer(200, METADATA_TOKEN), answer(404, "<html/>")],
        );
        let e = got.unwrap_err();
        assert_eq!(exit_for(&e), Exit::Credentials);
        let text = e.to_string();
        assert!(
            text.contains("\"gone-role\"") && text.contains("404"),
            "{text}"
        );
        assert!(!text.contains(METADATA_TOKEN));

        let (got, _) = run(
            &role(Some("r1"), false),
            vec![answer(200, METADATA_TOKEN), answer(403, "")],
        );
        let text = got.unwrap_err().to_string();
        assert!(
            text.contains("\"r1\"") && text.contains("HTTP 403"),
            "{text}"
        );

        let (got, _) = run(
            &role(None, false),
            vec![answer(200, METADATA_TOKEN), answer(404, "")],
        );
        let e = got.unwrap_err();
        assert_eq!(exit_for(&e), Exit::Credentials);
        assert!(e.to_string().contains("no RAM role attached"), "{e}");

        let (got, _) = run(
            &role(None, false),
            vec![answer(200, METADATA_TOKEN), answer(200, "\n\n")],
        );
        assert!(got.unwrap_err().to_string().contains("no RAM role"));

        let (got, _) = run(
            &role(Some("r"), false),
            vec![answer(200, METADATA_TOKEN), answer(503, "")],
        );
        assert_eq!(exit_for(&got.unwrap_err()), Exit::Network);
    }

    #[test]
    fn unusable_answers_are_credentials_errors() {
        let expired = credentials_body().replace("20", "19");
        for body in ["not json", r#"{"Code":"Success"}"#, expired.as_str()] {
            let (got, _) = run(
                &role(Some("r"), false),
                vec![answer(200, METADATA_TOKEN), answer(200, body)],
            );
            let e = got.unwrap_err();
            assert_eq!(exit_for(&e), Exit::Credentials, "{e}");
            assert!(e.to_string().contains("\"r\""), "{e}");
            assert!(!e.to_string().contains(SECRET));
        }
        for listed in ["../../latest/user-data", "a b", "role\u{1b}[2J"] {
            let (got, fake) = run(
                &role(None, false),
                vec![answer(200, METADATA_TOKEN), answer(200, listed)],
            );
            let e = got.unwrap_err();
            assert_eq!(exit_for(&e), Exit::Credentials, "{listed}");
            assert!(!e.to_string().contains('\u{1b}'));
            assert_eq!(fake.seen().len(), 2, "a bad name is never asked for");
        }
    }

    #[test]
    fn settings_come_from_the_environment_checked() {
        let none = |_: &str| None;
        let ecs = EcsRole::from_lookup(None, &none).unwrap();
        assert_eq!(
            ecs,
            EcsRole {
                role: None,
                metadata_base: DEFAULT_METADATA_BASE.into(),
                imdsv1_disabled: false
            }
        );
        assert_eq!(EcsRole::from_lookup(Some(" "), &none).unwrap().role, None);
        assert_eq!(
            EcsRole::from_lookup(Some("my-role"), &none)
                .unwrap()
                .role
                .as_deref(),
            Some("my-role")
        );
        let set = |name: &str| match name {
            METADATA_ENDPOINT_VAR => Some("http://127.0.0.1:8080/-/ecs/".to_string()),
            IMDSV1_DISABLED_VAR => Some("TRUE".to_string()),
            _ => None,
        };
        let ecs = EcsRole::from_lookup(None, &set).unwrap();
        assert_eq!(ecs.metadata_base, "http://127.0.0.1:8080/-/ecs");
        assert!(ecs.imdsv1_disabled);
        let e = EcsRole::from_lookup(Some("bad/role"), &none).unwrap_err();
        assert_eq!(exit_for(&e), Exit::Usage);
        for bad in ["100.100.100.200", "file:///x", "http://h/?q=1"] {
            let lookup = move |name: &str| (name == METADATA_ENDPOINT_VAR).then(|| bad.to_string());
            let e = EcsRole::from_lookup(None, &lookup).unwrap_err();
            assert_eq!(exit_for(&e), Exit::Usage, "{bad}");
            assert!(e.to_string().contains(METADATA_ENDPOINT_VAR), "{e}");
        }
        // Fields set by hand are checked as well, before anything is sent.
        let fake = FakeServices::new(vec![]);
        let e = role(Some("../x"), false)
            .fetch(&fake, &Net::default())
            .unwrap_err();
        assert_eq!(exit_for(&e), Exit::Usage);
        assert!(fake.seen().is_empty());
    }

    #[test]
    fn a_real_exchange_on_loopback_and_a_silent_server_fails_fast() {
        use super::super::credentials_uri::fake::{serve, LiveFetch};
        let body = credentials_body();
        let server = serve(move |head| {
            let token = head.header(TOKEN_HEADER) == Some(METADATA_TOKEN);
            match (head.method.as_str(), head.path.as_str()) {
                ("PUT", "/-/ecs/latest/api/token") if head.header(TOKEN_TTL_HEADER).is_some() => {
                    (200, METADATA_TOKEN.to_string())
                }
                ("GET", "/-/ecs/latest/meta-data/ram/security-credentials/") if token => {
                    (200, "loop-role".to_string())
                }
                ("GET", "/-/ecs/latest/meta-data/ram/security-credentials/loop-role") if token => {
                    (200, body.clone())
                }
                _ => (400, String::new()),
            }
        });
        let ecs = EcsRole {
            role: None,
            metadata_base: format!("http://{server}/-/ecs"),
            imdsv1_disabled: true,
        };
        let issued = ecs.fetch(&LiveFetch, &Net::default()).unwrap();
        assert_eq!(issued.credentials.access_key_id, "STS.ecs");

        // Accepts, never answers: the deadline, not a minute.
        let silent = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let ecs = EcsRole {
            role: None,
            metadata_base: format!("http://{}", silent.local_addr().unwrap()),
            imdsv1_disabled: false,
        };
        let started = std::time::Instant::now();
        let e = ecs.fetch(&LiveFetch, &Net::default()).unwrap_err();
        assert_eq!(exit_for(&e), Exit::Network, "{e}");
        assert!(
            started.elapsed() < Duration::from_secs(4),
            "{:?}",
            started.elapsed()
        );
        drop(silent);
    }
}
