//! Where the OIDC token for AssumeRoleWithOIDC comes from, and the check it passes before it is
//! sent. In order: `--oidc-token-file PATH` (`-` for stdin), the profile's `oidc_token_file`,
//! `ALIBABA_CLOUD_OIDC_TOKEN_FILE` (what ACK's RRSA and the official libraries use), and in a
//! GitHub Actions job with `permissions: id-token: write`, the job's ID token endpoint
//! (`ACTIONS_ID_TOKEN_REQUEST_URL` + `ACTIONS_ID_TOKEN_REQUEST_TOKEN`, audience
//! `sts.aliyuncs.com` unless told otherwise).
//!
//! The token is a bearer secret, and so is the GitHub request token: both are registered with
//! the redactor the moment they are read, hidden from Debug, and never put in a message; a token
//! file that other users can read gets a warning. A file is read with a bound (64 KiB; a real
//! token is at most 20 000 characters) without blocking on a FIFO that has no writer.
//!
//! Exit codes: a bad flag, profile value or variable is bad input (2); a token that cannot be
//! read (missing file, too large) or is not a JWT, or a GitHub refusal (401/403, with the hint
//! about the job's permissions) is a credentials error (3); no answer, a 5xx or a 429 from
//! GitHub is a network error (6), and an answer without a token a [`BadAnswer`] (6), as for a
//! credentials URI.

use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::Duration;

use anyhow::Result;

use super::credentials_uri::{parse_http_url, status_error, without_query};
use super::Services;
use crate::config::precedence::env;
use crate::error::{BadAnswer, CredentialsError, UsageError};
use crate::local_files::{read_limited, read_text, Accept, ReadError};
use crate::net::fetch::FetchRequest;
use crate::net::http::Net;
use crate::terminal::output::verbose;
use alicli_wire::text::escape_untrusted;

pub const TOKEN_FILE_VAR: &str = "ALIBABA_CLOUD_OIDC_TOKEN_FILE";
pub const GITHUB_REQUEST_URL_VAR: &str = "ACTIONS_ID_TOKEN_REQUEST_URL";
pub const GITHUB_REQUEST_TOKEN_VAR: &str = "ACTIONS_ID_TOKEN_REQUEST_TOKEN";
/// The audience Alibaba Cloud's own GitHub action asks for.
pub const DEFAULT_AUDIENCE: &str = "sts.aliyuncs.com";

/// The most of a token file (or stdin) that is read.
const READ_LIMIT: usize = 64 * 1024;
/// AssumeRoleWithOIDC takes tokens of 4 to 20 000 characters.
const TOKEN_CHARS: std::ops::RangeInclusive<usize> = 4..=20_000;
/// GitHub's endpoint is across the internet, unlike the metadata service.
const GITHUB_DEADLINE: Duration = Duration::from_secs(10);

/// One place an OIDC token can be read from.
#[derive(Clone, PartialEq, Eq)]
pub enum TokenSource {
    File(PathBuf),
    Stdin,
    GitHubActions {
        request_url: String,
        /// A secret: the bearer of the request. Hidden in Debug.
        request_token: String,
        audience: String,
    },
}

impl std::fmt::Debug for TokenSource {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            TokenSource::File(path) => f.debug_tuple("File").field(path).finish(),
            TokenSource::Stdin => f.write_str("Stdin"),
            TokenSource::GitHubActions {
                request_url,
                audience,
                ..
            } => f
                .debug_struct("GitHubActions")
                .field("request_url", request_url)
                .field("request_token", &"<hidden>")
                .field("audience", audience)
                .finish(),
        }
    }
}

impl TokenSource {
    /// The first source that is set, in the order of the module's text; `None` when none is.
    /// `audience` is for GitHub Actions (default [`DEFAULT_AUDIENCE`]).
    pub fn find(
        flag: Option<&str>,
        profile_file: Option<&str>,
        audience: Option<&str>,
    ) -> Result<Option<TokenSource>> {
        TokenSource::find_in(flag, profile_file, audience, &env)
    }

    fn find_in(
        flag: Option<&str>,
        profile_file: Option<&str>,
        audience: Option<&str>,
        lookup: &dyn Fn(&str) -> Option<String>,
    ) -> Result<Option<TokenSource>> {
        if let Some(flag) = flag {
            return match flag.trim() {
                "" => Err(UsageError(
                    "--oidc-token-file is empty: give a path, or - for stdin".into(),
                )
                .into()),
                "-" => Ok(Some(TokenSource::Stdin)),
                _ => Ok(Some(TokenSource::File(PathBuf::from(flag)))),
            };
        }
        if let Some(path) = profile_file.filter(|p| !p.trim().is_empty()) {
            if path.trim() == "-" {
                return Err(UsageError(
                    "the profile's oidc_token_file is \"-\": stdin can be given only with --oidc-token-file -".into(),
                )
                .into());
            }
            return Ok(Some(TokenSource::File(PathBuf::from(path))));
        }
        if let Some(path) = lookup(TOKEN_FILE_VAR) {
            return Ok(Some(TokenSource::File(PathBuf::from(path))));
        }
        let (Some(request_url), Some(request_token)) = (
            lookup(GITHUB_REQUEST_URL_VAR),
            lookup(GITHUB_REQUEST_TOKEN_VAR),
        ) else {
            return Ok(None);
        };
        crate::terminal::redact::register(&request_token);
        parse_http_url(request_url.trim(), GITHUB_REQUEST_URL_VAR)?;
        if !request_token.trim().bytes().all(|b| b.is_ascii_graphic()) {
            return Err(UsageError(format!(
                "{GITHUB_REQUEST_TOKEN_VAR} holds spaces, control characters or non-ASCII text"
            ))
            .into());
        }
        let audience = audience.map(str::trim).unwrap_or(DEFAULT_AUDIENCE);
        if audience.is_empty()
            || audience.len() > 1024
            || audience
                .chars()
                .any(|c| c.is_control() || c.is_whitespace())
        {
            return Err(UsageError(format!(
                "the OIDC audience {:?} is empty or holds spaces or control characters",
                escape_untrusted(&audience.chars().take(64).collect::<String>())
            ))
            .into());
        }
        Ok(Some(TokenSource::GitHubActions {
            request_url: request_url.trim().to_string(),
            request_token: request_token.trim().to_string(),
            audience: audience.to_string(),
        }))
    }

    /// Where the token comes from, for `-v` and messages: no secrets.
    pub fn describe(&self) -> String {
        match self {
            TokenSource::File(path) => {
                format!("token file {}", escape_untrusted(&path.to_string_lossy()))
            }
            TokenSource::Stdin => "stdin".into(),
            TokenSource::GitHubActions { audience, .. } => {
                format!("GitHub Actions (audience {})", escape_untrusted(audience))
            }
        }
    }

    /// The token, trimmed, registered with the redactor and checked to be a JWT. Stdin can be
    /// read once: a caller that needs the token again keeps it.
    pub fn read(&self, services: &dyn Services, net: &Net) -> Result<String> {
        let token = match self {
            TokenSource::File(path) => read_file(path, &self.describe())?,
            TokenSource::Stdin => {
                let bytes = read_limited(std::io::stdin().lock(), READ_LIMIT)
                    .map_err(|e| unreadable(&self.describe(), &e))?;
                String::from_utf8(bytes)
                    .map_err(|_| unreadable(&self.describe(), &ReadError::NotText))?
            }
            TokenSource::GitHubActions {
                request_url,
                request_token,
                audience,
            } => github_token(request_url, request_token, audience, services, net)?,
        };
        let token = token.trim().to_string();
        crate::terminal::redact::register(&token);
        if let Some(why) = not_a_jwt(&token) {
            return Err(CredentialsError(format!(
                "the OIDC token from {} is not a JWT ({why})",
                self.describe()
            ))
            .into());
        }
        verbose(&format!("OIDC token: read from {}", self.describe()));
        Ok(token)
    }
}

/// Refuses what AssumeRoleWithOIDC would refuse as malformed: 4–20 000 characters, three
/// base64url parts separated by dots, no spaces or control characters (exit 3). The token is
/// never part of the message.
pub fn check_token(token: &str) -> Result<()> {
    match not_a_jwt(token) {
        Some(why) => Err(CredentialsError(format!("the OIDC token is not a JWT ({why})")).into()),
        None => Ok(()),
    }
}

fn not_a_jwt(token: &str) -> Option<&'static str> {
    let chars = token.chars().count();
    if chars == 0 {
        return Some("it is empty");
    }
    if chars < *TOKEN_CHARS.start() {
        return Some("it is shorter than 4 characters");
    }
    if chars > *TOKEN_CHARS.end() {
        return Some("it is longer than 20000 characters");
    }
    if token.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Some("it holds spaces, line breaks or control characters");
    }
    let parts: Vec<&str> = token.split('.').collect();
    if parts.len() != 3 {
        return Some("it is not three parts separated by dots");
    }
    let base64url = |p: &&str| {
        !p.is_empty()
            && p.bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
    };
    if !parts.iter().all(base64url) {
        return Some("a part is empty or not base64url");
    }
    None
}

/// The warning for a token file whose `mode` lets other users read it; `None` when it is
/// private.
pub fn readable_by_others_warning(path: &Path, mode: u32) -> Option<String> {
    // Kubernetes mounts service-account tokens (ACK RRSA's included) 0644 inside the pod's
    // own filesystem, where no other user is; a warning on every pod would only be noise.
    let kubelet_mount = ["/var/run/secrets/", "/run/secrets/"]
        .iter()
        .any(|dir| path.starts_with(dir));
    (mode & 0o004 != 0 && !kubelet_mount).then(|| {
        format!(
            "the OIDC token file {} can be read by other users (mode {:o}): the token is a secret (chmod o-r)",
            escape_untrusted(&path.to_string_lossy()),
            mode & 0o777
        )
    })
}

/// Paths already warned about: a renewing source reads its file again and again.
static WARNED: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

fn read_file(path: &Path, described: &str) -> Result<String> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        if let Ok(meta) = std::fs::metadata(path) {
            if let Some(warning) = readable_by_others_warning(path, meta.permissions().mode()) {
                let mut warned = WARNED.lock().unwrap_or_else(|e| e.into_inner());
                if !warned.iter().any(|p| p == path) {
                    warned.push(path.to_path_buf());
                    crate::terminal::output::warn(&warning);
                }
            }
        }
    }
    // Pipes too: `--oidc-token-file <(fetch-token)` hands one that already has its writer.
    read_text(path, READ_LIMIT, Accept::AlsoPipes).map_err(|e| unreadable(described, &e))
}

fn unreadable(described: &str, error: &ReadError) -> anyhow::Error {
    let text = match error {
        ReadError::Io(e) if e.kind() == std::io::ErrorKind::NotFound => {
            format!("the OIDC {described} does not exist")
        }
        ReadError::TooLarge(_) => {
            format!("the OIDC token from {described} cannot be read: {error}; it is not a token")
        }
        _ => format!("the OIDC token from {described} cannot be read: {error}"),
    };
    CredentialsError(text).into()
}

/// The job's ID token from GitHub Actions' endpoint, for `audience`.
fn github_token(
    request_url: &str,
    request_token: &str,
    audience: &str,
    services: &dyn Services,
    net: &Net,
) -> Result<String> {
    let url = github_url(request_url, audience);
    let shown = parse_http_url(&url, GITHUB_REQUEST_URL_VAR)
        .map(|u| without_query(&u))
        .unwrap_or_default();
    verbose(&format!(
        "OIDC token: GET {shown} (GitHub Actions, audience {})",
        escape_untrusted(audience)
    ));
    let answer = services.fetch(
        net,
        &FetchRequest {
            method: "GET",
            url,
            headers: vec![("Authorization", format!("bearer {request_token}"))],
            timeout: GITHUB_DEADLINE,
            use_proxy: true,
        },
    )?;
    if let Ok(serde_json::Value::Object(o)) = serde_json::from_slice(&answer.body) {
        if let Some(value) = o.get("value").and_then(|v| v.as_str()) {
            crate::terminal::redact::register(value);
        }
    }
    let what = "GitHub Actions' ID token endpoint";
    if matches!(answer.status, 401 | 403) {
        return Err(CredentialsError(format!(
            "{what} refused the request (HTTP {})\nhint: the job needs `permissions: id-token: write`",
            answer.status
        ))
        .into());
    }
    if answer.status != 200 {
        return Err(status_error(what, &answer));
    }
    let value = (!answer.truncated)
        .then(|| serde_json::from_slice::<serde_json::Value>(&answer.body).ok())
        .flatten()
        .and_then(|v| v.get("value").and_then(|t| t.as_str()).map(str::to_string));
    value.ok_or_else(|| {
        BadAnswer(format!(
            "{what} answered without a token (expected {{\"value\": \"<jwt>\"}})"
        ))
        .into()
    })
}

/// `request_url` with `audience=` added to its query (GitHub's URL comes with one already).
fn github_url(request_url: &str, audience: &str) -> String {
    let joiner = if request_url.contains('?') { '&' } else { '?' };
    format!(
        "{request_url}{joiner}audience={}",
        alicli_wire::signing::percent::rfc3986(audience)
    )
}

#[cfg(test)]
mod tests {
    use super::super::credentials_uri::fake::{answer, FakeServices, Reply};
    use super::*;
    use crate::error::{exit_for, Exit};

    const JWT: &str =
        "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJyZXBvOm9yZy9yZXBvIn0.c2lnbmF0dXJlLW9mLXRoZS1qd3Q";
    const REQUEST_TOKEN: &str = "github-request-bearer-token-123";
    const GITHUB_URL: &str = "https://pipelines.actions.example/abc/idtoken?api-version=2.0";

    fn vars(pairs: &'static [(&'static str, &'static str)]) -> impl Fn(&str) -> Option<String> {
        move |name| {
            pairs
                .iter()
                .find(|(k, _)| *k == name)
                .map(|(_, v)| v.to_string())
        }
    }

    const GITHUB: &[(&str, &str)] = &[
        (GITHUB_REQUEST_URL_VAR, GITHUB_URL),
        (GITHUB_REQUEST_TOKEN_VAR, REQUEST_TOKEN),
    ];

    fn github(audience: &str) -> TokenSource {
        TokenSource::GitHubActions {
            request_url: GITHUB_URL.into(),
            request_token: REQUEST_TOKEN.into(),
            audience: audience.into(),
        }
    }

    #[test]
    fn sources_are_found_in_order() {
        let all: &'static [(&str, &str)] = &[
            (TOKEN_FILE_VAR, "/env/token"),
            (GITHUB_REQUEST_URL_VAR, GITHUB_URL),
            (GITHUB_REQUEST_TOKEN_VAR, REQUEST_TOKEN),
        ];
        let find = |flag, profile, lookup: &dyn Fn(&str) -> Option<String>| {
            TokenSource::find_in(flag, profile, None, lookup).unwrap()
        };
        let file = |p: &str| Some(TokenSource::File(PathBuf::from(p)));
        assert_eq!(
            find(Some("/flag"), Some("/profile"), &vars(all)),
            file("/flag")
        );
        assert_eq!(
            find(Some("-"), Some("/profile"), &vars(all)),
            Some(TokenSource::Stdin)
        );
        assert_eq!(find(None, Some("/profile"), &vars(all)), file("/profile"));
        assert_eq!(find(None, Some(""), &vars(all)), file("/env/token"));
        assert_eq!(find(None, None, &vars(all)), file("/env/token"));
        assert_eq!(
            find(None, None, &vars(GITHUB)),
            Some(github(DEFAULT_AUDIENCE))
        );
        assert_eq!(
            TokenSource::find_in(None, None, Some("my-aud"), &vars(GITHUB)).unwrap(),
            Some(github("my-aud"))
        );
        // Half of GitHub's pair: a job without `id-token: write` has neither.
        let half: &'static [(&str, &str)] = &[(GITHUB_REQUEST_URL_VAR, GITHUB_URL)];
        assert_eq!(find(None, None, &vars(half)), None);
        assert_eq!(find(None, None, &vars(&[])), None);
        assert_eq!(crate::terminal::redact::redact(REQUEST_TOKEN), "****");
    }

    #[test]
    fn bad_settings_are_bad_input() {
        let none = vars(&[]);
        for (flag, profile) in [(Some(""), None), (None, Some("-"))] {
            let e = TokenSource::find_in(flag, profile, None, &none).unwrap_err();
            assert_eq!(exit_for(&e), Exit::Usage);
        }
        let e = TokenSource::find_in(None, None, Some("a b"), &vars(GITHUB)).unwrap_err();
        assert_eq!(exit_for(&e), Exit::Usage);
        let bad_url: &'static [(&str, &str)] = &[
            (GITHUB_REQUEST_URL_VAR, "not a url"),
            (GITHUB_REQUEST_TOKEN_VAR, REQUEST_TOKEN),
        ];
        let e = TokenSource::find_in(None, None, None, &vars(bad_url)).unwrap_err();
        assert_eq!(exit_for(&e), Exit::Usage);
        assert!(e.to_string().contains(GITHUB_REQUEST_URL_VAR), "{e}");
        assert!(!e.to_string().contains(REQUEST_TOKEN));
    }

    #[test]
    fn descriptions_and_debug_hold_no_secret() {
        assert_eq!(
            TokenSource::File("/var/run/token".into()).describe(),
            "token file /var/run/token"
        );
        assert_eq!(TokenSource::Stdin.describe(), "stdin");
        let gh = github(DEFAULT_AUDIENCE);
        assert_eq!(gh.describe(), "GitHub Actions (audience sts.aliyuncs.com)");
        let debug = format!("{gh:?}");
        assert!(
            !debug.contains(REQUEST_TOKEN) && debug.contains("<hidden>"),
            "{debug}"
        );
    }

    #[test]
    fn github_is_asked_with_the_audience_and_the_bearer() {
        let fake = FakeServices::new(vec![answer(
            200,
            &format!(r#"{{"count":1,"value":"{JWT}"}}"#),
        )]);
        let token = github("api://Aliyun STS")
            .read(&fake, &Net::default())
            .unwrap();
        assert_eq!(token, JWT);
        let seen = &fake.seen()[0];
        assert_eq!(seen.method, "GET");
        assert_eq!(
            seen.url,
            format!("{GITHUB_URL}&audience=api%3A%2F%2FAliyun%20STS")
        );
        assert_eq!(
            seen.header("Authorization"),
            Some(format!("bearer {REQUEST_TOKEN}").as_str())
        );
        assert!(seen.use_proxy);
        assert_eq!(crate::terminal::redact::redact(JWT), "****");
        assert_eq!(
            github_url("https://h/idtoken", DEFAULT_AUDIENCE),
            "https://h/idtoken?audience=sts.aliyuncs.com"
        );
    }

    #[test]
    fn github_refusals_and_bad_answers() {
        for status in [401, 403] {
            let fake = FakeServices::new(vec![answer(status, r#"{"message":"no"}"#)]);
            let e = github(DEFAULT_AUDIENCE)
                .read(&fake, &Net::default())
                .unwrap_err();
            assert_eq!(exit_for(&e), Exit::Credentials);
            let text = e.to_string();
            assert!(text.contains("permissions: id-token: write"), "{text}");
            assert!(text.contains(&format!("HTTP {status}")), "{text}");
            assert!(!text.contains(REQUEST_TOKEN));
        }
        let read = |reply: Reply| {
            let fake = FakeServices::new(vec![reply]);
            github(DEFAULT_AUDIENCE).read(&fake, &Net::default())
        };
        assert_eq!(exit_for(&read(answer(500, "")).unwrap_err()), Exit::Network);
        assert_eq!(
            exit_for(&read(Reply::Unreachable).unwrap_err()),
            Exit::Network
        );
        assert_eq!(
            exit_for(&read(answer(404, "")).unwrap_err()),
            Exit::Credentials
        );
        for body in ["<html/>", r#"{"token":"x"}"#, r#"{"value":7}"#] {
            let e = read(answer(200, body)).unwrap_err();
            assert!(e.downcast_ref::<BadAnswer>().is_some(), "{body}: {e}");
        }
        let e = read(answer(200, r#"{"value":"not-a-jwt-but-secretish"}"#)).unwrap_err();
        assert_eq!(exit_for(&e), Exit::Credentials);
        let text = e.to_string();
        assert!(
            text.starts_with(
                "the OIDC token from GitHub Actions (audience sts.aliyuncs.com) is not a JWT"
            ),
            "{text}"
        );
        assert!(!text.contains("not-a-jwt-but-secretish"), "{text}");
    }

    #[cfg(unix)]
    #[test]
    fn token_files_are_read_trimmed_bounded_and_checked() {
        let dir = tempfile::tempdir().unwrap();
        // Private, as token files should be (the warning is tested on its own below).
        let write = |path: &Path, text: &str| {
            use std::os::unix::fs::PermissionsExt;
            std::fs::write(path, text).unwrap();
            std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600)).unwrap();
        };
        let fake = FakeServices::new(vec![]);
        let net = Net::default();
        let path = dir.path().join("token");
        write(&path, &format!("{JWT}\n"));
        let source = TokenSource::File(path.clone());
        assert_eq!(source.read(&fake, &net).unwrap(), JWT);

        let missing = TokenSource::File(dir.path().join("nope"));
        let e = missing.read(&fake, &net).unwrap_err();
        assert_eq!(exit_for(&e), Exit::Credentials);
        assert!(e.to_string().contains("does not exist"), "{e}");
        assert!(e
            .to_string()
            .contains(&dir.path().join("nope").display().to_string()));

        let big = dir.path().join("big");
        write(&big, &"a".repeat(READ_LIMIT + 1));
        let e = TokenSource::File(big).read(&fake, &net).unwrap_err();
        assert_eq!(exit_for(&e), Exit::Credentials);
        assert!(e.to_string().contains("larger than 64 KiB"), "{e}");

        let not_jwt = dir.path().join("not-jwt");
        write(&not_jwt, "just-a-password-really");
        let e = TokenSource::File(not_jwt.clone())
            .read(&fake, &net)
            .unwrap_err();
        let text = e.to_string();
        assert!(
            text.contains(&format!("token file {} is not a JWT", not_jwt.display())),
            "{text}"
        );
        assert!(!text.contains("just-a-password-really"), "{text}");
        assert!(fake.seen().is_empty(), "files need no network");
    }

    #[test]
    fn world_readable_token_files_are_warned_about() {
        let path = Path::new("/run/token");
        let warning = readable_by_others_warning(path, 0o100644).unwrap();
        assert!(
            warning.contains("/run/token") && warning.contains("644"),
            "{warning}"
        );
        assert!(readable_by_others_warning(path, 0o100600).is_none());
        assert!(readable_by_others_warning(path, 0o100640).is_none());
        assert!(readable_by_others_warning(path, 0o100604).is_some());
        let rrsa = Path::new("/var/run/secrets/ack.alibabacloud.com/rrsa-tokens/token");
        assert!(readable_by_others_warning(rrsa, 0o100644).is_none());
    }

    #[test]
    fn tokens_must_be_jwts() {
        assert!(check_token(JWT).is_ok());
        assert!(check_token("a.b.c").is_ok());
        let long = format!(
            "{}.{}.{}",
            "a".repeat(10_000),
            "b".repeat(9_000),
            "c".repeat(2_000)
        );
        for (bad, why) in [
            ("", "empty"),
            ("a.b", "shorter than 4"),
            (long.as_str(), "longer than 20000"),
            ("abc.def", "three parts"),
            ("abc.def.ghi.jkl", "three parts"),
            ("abc..ghi", "base64url"),
            ("ab+.de/.gh=", "base64url"),
            ("abc.d\nef.ghi", "spaces"),
            ("abc.def.ghi jkl", "spaces"),
        ] {
            let e = check_token(bad).unwrap_err();
            assert_eq!(exit_for(&e), Exit::Credentials);
            let text = e.to_string();
            assert!(text.contains(why), "{bad:?}: {text}");
            assert!(text.starts_with("the OIDC token is not a JWT"), "{text}");
            if bad.len() > 4 {
                assert!(!text.contains(bad), "{text}");
            }
        }
    }
}
