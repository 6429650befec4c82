//! The local cloud's keyless-credential services over HTTP, as a client meets them: the built-in
//! OIDC issuer and AssumeRoleWithOIDC (every refusal with its code and status), the GitHub
//! Actions ID-token endpoint, the ECS metadata service (IMDSv1/v2, TTLs, the same credentials
//! until they near their end) and the credentials URI; their faults; and that the credentials
//! they hand out are the cloud's own, accepted by its OSS and STS under the role's policies.
//!
//! Each test starts a cloud on 127.0.0.1:0 and talks to it with a small blocking HTTP/1.1
//! client over `TcpStream`, so the requests are exactly what is written here.

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::time::{Duration, Instant};

use alicli_localcloud::{start, CloudConfig, ImdsMode, OidcProviderConfig, Running, ServeOptions};
use alicli_wire::signing::{oss_v1, pop, Credentials, OssRequest};
use base64::Engine;
use serde_json::Value;

struct Reply {
    status: u16,
    content_type: String,
    body: String,
}

impl Reply {
    fn json(&self) -> Value {
        serde_json::from_str(&self.body)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {} {}", self.status, self.body))
    }

    fn code(&self) -> String {
        self.json()["Code"].as_str().unwrap_or_default().to_string()
    }
}

/// One request on a fresh connection (`Connection: close`); `None` when the server closed the
/// connection without answering.
fn try_http(
    addr: SocketAddr,
    method: &str,
    target: &str,
    headers: &[(&str, &str)],
    body: &str,
) -> Option<Reply> {
    let mut stream = TcpStream::connect(addr).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(30)))
        .unwrap();
    let mut request = format!(
        "{method} {target} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\nContent-Length: {}\r\n",
        body.len()
    );
    for (name, value) in headers {
        request.push_str(&format!("{name}: {value}\r\n"));
    }
    request.push_str("\r\n");
    request.push_str(body);
    stream.write_all(request.as_bytes()).unwrap();
    let mut raw = Vec::new();
    if stream.read_to_end(&mut raw).is_err() || raw.is_empty() {
        return None;
    }
    let text = String::from_utf8(raw).unwrap();
    let (head, body) = text.split_once("\r\n\r\n").unwrap();
    let mut lines = head.lines();
    let status = lines
        .next()
        .unwrap()
        .split(' ')
        .nth(1)
        .unwrap()
        .parse()
        .unwrap();
    let mut content_type = String::new();
    for line in lines {
        let (name, value) = line.split_once(':').unwrap();
        assert!(
            !name.eq_ignore_ascii_case("transfer-encoding"),
            "a chunked answer: {head}"
        );
        if name.eq_ignore_ascii_case("content-type") {
            content_type = value.trim().to_string();
        }
    }
    Some(Reply {
        status,
        content_type,
        body: body.to_string(),
    })
}

fn http(addr: SocketAddr, method: &str, target: &str, headers: &[(&str, &str)]) -> Reply {
    try_http(addr, method, target, headers, "").expect("no answer")
}

fn cloud_with(config: CloudConfig) -> Running {
    start(ServeOptions {
        listen: "127.0.0.1:0".into(),
        data_dir: None,
        config,
    })
    .unwrap()
}

fn cloud() -> Running {
    cloud_with(CloudConfig::default())
}

fn enc(s: &str) -> String {
    form_urlencoded::byte_serialize(s.as_bytes()).collect()
}

fn mint(cloud: &Running, query: &str) -> String {
    let r = http(cloud.addr, "POST", &format!("/-/oidc/token?{query}"), &[]);
    assert_eq!(r.status, 200, "{}", r.body);
    r.json()["token"].as_str().unwrap().to_string()
}

/// AssumeRoleWithOIDC as the official SDKs send it: an anonymous form POST to `/`.
fn assume(cloud: &Running, params: &[(&str, &str)]) -> Reply {
    let mut all = vec![
        ("Action", "AssumeRoleWithOIDC"),
        ("Version", "2015-04-01"),
        ("Format", "JSON"),
    ];
    all.extend_from_slice(params);
    let body: String = form_urlencoded::Serializer::new(String::new())
        .extend_pairs(all)
        .finish();
    try_http(
        cloud.addr,
        "POST",
        "/",
        &[("Content-Type", "application/x-www-form-urlencoded")],
        &body,
    )
    .expect("no answer")
}

/// AssumeRoleWithOIDC on the seeded provider and role with `token`.
fn assume_ci(cloud: &Running, token: &str) -> Reply {
    assume(
        cloud,
        &[
            ("RoleArn", &cloud.info.oidc_role_arn),
            ("OIDCProviderArn", &cloud.info.oidc_provider_arn),
            ("OIDCToken", token),
            ("RoleSessionName", "ci-run-1"),
        ],
    )
}

fn refused(reply: &Reply, status: u16, code: &str) {
    assert_eq!(reply.status, status, "{}", reply.body);
    assert_eq!(reply.code(), code, "{}", reply.body);
    assert!(reply.json()["RequestId"]
        .as_str()
        .is_some_and(|r| !r.is_empty()));
}

fn stats(cloud: &Running) -> Value {
    http(cloud.addr, "GET", "/-/stats", &[]).json()
}

fn count(cloud: &Running, name: &str) -> u64 {
    stats(cloud)[name].as_u64().unwrap_or(0)
}

/// Temporary credentials out of an answer's fields.
fn creds_of(v: &Value) -> Credentials {
    let s = |k: &str| {
        v[k].as_str()
            .unwrap_or_else(|| panic!("{k} missing: {v}"))
            .to_string()
    };
    Credentials::new(
        s("AccessKeyId"),
        s("AccessKeySecret"),
        Some(s("SecurityToken")),
    )
}

/// An OSS request on the default bucket signed with `creds` (signature v1); the status.
fn oss(cloud: &Running, creds: &Credentials, method: &str, key: &str, body: &str) -> Reply {
    let date = oss_v1::format_date(chrono::Utc::now());
    let mut headers = vec![("Date".to_string(), date.clone())];
    if let Some(token) = &creds.security_token {
        headers.push(("x-oss-security-token".into(), token.clone()));
    }
    let bucket = &cloud.info.bucket;
    let req = OssRequest {
        method,
        bucket: Some(bucket),
        key: Some(key),
        query: &[],
        headers: &headers,
    };
    let (authorization, _) = oss_v1::authorization(creds, &req, &date);
    headers.push(("Authorization".into(), authorization));
    let borrowed: Vec<(&str, &str)> = headers
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    try_http(
        cloud.addr,
        method,
        &format!("/{bucket}/{key}"),
        &borrowed,
        body,
    )
    .expect("no answer")
}

/// GetCallerIdentity signed with `creds` (POP v1): who STS says they are.
fn caller(cloud: &Running, creds: &Credentials) -> Reply {
    let params = vec![
        ("Action".to_string(), "GetCallerIdentity".to_string()),
        ("Version".to_string(), "2015-04-01".to_string()),
        ("Format".to_string(), "JSON".to_string()),
    ];
    let nonce = uuid::Uuid::new_v4().to_string();
    let (signed, _) = pop::sign("GET", params, creds, chrono::Utc::now(), &nonce);
    let query: String = form_urlencoded::Serializer::new(String::new())
        .extend_pairs(signed)
        .finish();
    http(cloud.addr, "GET", &format!("/?{query}"), &[])
}

fn payload(jwt: &str) -> Value {
    let part = jwt.split('.').nth(1).unwrap();
    serde_json::from_slice(
        &base64::engine::general_purpose::URL_SAFE_NO_PAD
            .decode(part)
            .unwrap(),
    )
    .unwrap()
}

#[test]
fn the_first_line_says_where_the_keyless_services_are() {
    let cloud = cloud();
    let info = &cloud.info;
    let endpoint = format!("http://{}", cloud.addr);
    assert_eq!(info.endpoint, endpoint);
    assert_eq!(
        info.oidc_provider_arn,
        "acs:ram::1234567890123456:oidc-provider/alicli-ci"
    );
    assert_eq!(
        info.oidc_role_arn,
        "acs:ram::1234567890123456:role/ci-deploy"
    );
    assert_eq!(info.role_arn, "acs:ram::1234567890123456:role/oss-readonly");
    assert_eq!(
        info.github_token_url,
        format!("{endpoint}/-/github/token?api-version=2.0")
    );
    assert_eq!(info.ecs_metadata_endpoint, format!("{endpoint}/-/ecs"));
    assert_eq!(info.ecs_role, "ecs-instance");
    assert_eq!(
        info.credentials_uri,
        format!("{endpoint}/-/credentials-uri")
    );
    assert!(!info.github_request_token.is_empty());
    let line = serde_json::to_value(info).unwrap();
    for key in [
        "oidc_provider_arn",
        "oidc_role_arn",
        "github_token_url",
        "github_request_token",
        "ecs_metadata_endpoint",
        "ecs_role",
        "credentials_uri",
    ] {
        assert!(line[key].as_str().is_some_and(|v| !v.is_empty()), "{key}");
    }
}

#[test]
fn the_issuer_publishes_its_configuration_and_keys() {
    let cloud = cloud();
    let issuer = format!("http://{}/-/oidc", cloud.addr);
    let d = http(
        cloud.addr,
        "GET",
        "/-/oidc/.well-known/openid-configuration",
        &[],
    );
    assert_eq!(d.status, 200);
    let d = d.json();
    assert_eq!(d["issuer"], issuer.as_str());
    assert_eq!(d["jwks_uri"], format!("{issuer}/jwks").as_str());
    assert_eq!(d["id_token_signing_alg_values_supported"][0], "RS256");
    let jwks = http(cloud.addr, "GET", "/-/oidc/jwks", &[]).json();
    let key = &jwks["keys"][0];
    assert_eq!(key["kty"], "RSA");
    assert_eq!(key["alg"], "RS256");
    // A 2048-bit modulus is 256 bytes: 342 base64url characters.
    assert_eq!(key["n"].as_str().unwrap().len(), 342);
    // The minted token names that key, carries the claims, and verifies with the published key.
    let token = mint(&cloud, "");
    let header = jsonwebtoken::decode_header(&token).unwrap();
    assert_eq!(header.kid.as_deref(), key["kid"].as_str());
    let jwk: jsonwebtoken::jwk::JwkSet = serde_json::from_value(jwks).unwrap();
    let mut validation = jsonwebtoken::Validation::new(jsonwebtoken::Algorithm::RS256);
    validation.set_audience(&["sts.aliyuncs.com"]);
    validation.set_issuer(&[issuer.as_str()]);
    let data = jsonwebtoken::decode::<Value>(
        &token,
        &jsonwebtoken::DecodingKey::from_jwk(&jwk.keys[0]).unwrap(),
        &validation,
    )
    .unwrap();
    let claims = data.claims;
    assert_eq!(claims["sub"], "repo:alicli/demo:ref:refs/heads/main");
    for claim in ["iat", "nbf", "exp", "jti"] {
        assert!(!claims[claim].is_null(), "{claim}");
    }
    let lifetime = claims["exp"].as_i64().unwrap() - claims["iat"].as_i64().unwrap();
    assert_eq!(lifetime, 3600);
    assert_eq!(
        http(cloud.addr, "POST", "/-/oidc/token?lifetime=soon", &[]).status,
        400
    );
}

#[test]
fn a_minted_token_becomes_credentials_the_cloud_accepts() {
    let cloud = cloud();
    let token = mint(
        &cloud,
        "sub=repo%3Aalicli%2Fsite%3Aref%3Arefs%2Fheads%2Fmain",
    );
    let r = assume_ci(&cloud, &token);
    assert_eq!(r.status, 200, "{}", r.body);
    let v = r.json();
    let info = &v["OIDCTokenInfo"];
    assert_eq!(info["Subject"], "repo:alicli/site:ref:refs/heads/main");
    assert_eq!(
        info["Issuer"],
        format!("http://{}/-/oidc", cloud.addr).as_str()
    );
    assert_eq!(info["ClientIds"], "sts.aliyuncs.com");
    assert_eq!(info["VerificationInfo"], "Success");
    for time in ["ExpirationTime", "IssuanceTime"] {
        let t = info[time].as_str().unwrap();
        assert!(
            chrono::DateTime::parse_from_rfc3339(t).is_ok(),
            "{time} {t}"
        );
    }
    assert_eq!(
        v["AssumedRoleUser"]["Arn"],
        "acs:ram::1234567890123456:role/ci-deploy/ci-run-1"
    );
    assert!(v["RequestId"].as_str().is_some_and(|r| !r.is_empty()));
    let creds = creds_of(&v["Credentials"]);
    // The token itself is never echoed.
    assert!(!r.body.contains(&token));
    // The role's policy: put, get and delete in the default bucket.
    assert_eq!(
        oss(&cloud, &creds, "PUT", "ci/out.txt", "built").status,
        200
    );
    let got = oss(&cloud, &creds, "GET", "ci/out.txt", "");
    assert_eq!((got.status, got.body.as_str()), (200, "built"));
    assert_eq!(oss(&cloud, &creds, "DELETE", "ci/out.txt", "").status, 204);
    let who = caller(&cloud, &creds);
    assert_eq!(who.status, 200, "{}", who.body);
    assert_eq!(
        who.json()["Arn"],
        "acs:ram::1234567890123456:assumed-role/ci-deploy/ci-run-1"
    );
    assert_eq!(count(&cloud, "sts:AssumeRoleWithOIDC"), 1);

    // A session policy narrows the role, as with AssumeRole; DurationSeconds is checked too.
    let read_only = r#"{"Version":"1","Statement":[{"Effect":"Allow","Action":"oss:GetObject","Resource":"*"}]}"#;
    let r = assume(
        &cloud,
        &[
            ("RoleArn", &cloud.info.oidc_role_arn),
            ("OIDCProviderArn", &cloud.info.oidc_provider_arn),
            ("OIDCToken", &token),
            ("RoleSessionName", "ci-run-2"),
            ("Policy", read_only),
            ("DurationSeconds", "900"),
        ],
    );
    assert_eq!(r.status, 200, "{}", r.body);
    let narrowed = creds_of(&r.json()["Credentials"]);
    assert_eq!(oss(&cloud, &narrowed, "PUT", "ci/x", "x").status, 403);
    let expiration = r.json()["Credentials"]["Expiration"]
        .as_str()
        .unwrap()
        .to_string();
    let left = chrono::DateTime::parse_from_rfc3339(&expiration)
        .unwrap()
        .timestamp()
        - chrono::Utc::now().timestamp();
    assert!((890..=901).contains(&left), "{left}");
    let too_long = assume(
        &cloud,
        &[
            ("RoleArn", &cloud.info.oidc_role_arn),
            ("OIDCProviderArn", &cloud.info.oidc_provider_arn),
            ("OIDCToken", &token),
            ("RoleSessionName", "ci-run-3"),
            ("DurationSeconds", "7200"),
        ],
    );
    refused(&too_long, 400, "InvalidParameter.DurationSeconds");
}

#[test]
fn bad_tokens_are_refused_with_stss_codes() {
    let cloud = cloud();
    refused(
        &assume_ci(&cloud, &mint(&cloud, "lifetime=0")),
        401,
        "AuthenticationFail.OIDCToken.Expired",
    );
    refused(
        &assume_ci(&cloud, &mint(&cloud, "lifetime=-3600")),
        401,
        "AuthenticationFail.OIDCToken.Expired",
    );
    refused(
        &assume_ci(
            &cloud,
            &mint(&cloud, "aud=https%3A%2F%2Fgithub.com%2Falicli"),
        ),
        401,
        "AuthenticationFail.OIDCToken.AudienceNotMatch",
    );
    refused(
        &assume_ci(&cloud, &mint(&cloud, "iss=https%3A%2F%2Felsewhere.example")),
        401,
        "AuthenticationFail.OIDCToken.IssuerNotMatch",
    );
    // Another cloud's key, claiming this cloud's issuer: only the signature is wrong.
    let other = self::cloud();
    let forged = mint(
        &other,
        &format!("iss={}", enc(&format!("http://{}/-/oidc", cloud.addr))),
    );
    refused(
        &assume_ci(&cloud, &forged),
        401,
        "AuthenticationFail.OIDCToken.InvalidSignature",
    );
    // A payload changed after signing.
    let good = mint(&cloud, "");
    let parts: Vec<&str> = good.split('.').collect();
    let mut claims = payload(&good);
    claims["sub"] = "repo:alicli/other".into();
    let b64 = base64::engine::general_purpose::URL_SAFE_NO_PAD;
    let tampered = format!(
        "{}.{}.{}",
        parts[0],
        b64.encode(claims.to_string()),
        parts[2]
    );
    refused(
        &assume_ci(&cloud, &tampered),
        401,
        "AuthenticationFail.OIDCToken.InvalidSignature",
    );
    for garbage in ["not-a-jwt", "a.b.c", "abc", &"x".repeat(20_001)] {
        let r = assume_ci(&cloud, garbage);
        refused(&r, 401, "AuthenticationFail.OIDCToken.Invalid");
        assert!(!r.body.contains(garbage), "{}", r.body);
    }
    let r = assume(
        &cloud,
        &[
            ("RoleArn", &cloud.info.oidc_role_arn),
            ("OIDCProviderArn", &cloud.info.oidc_provider_arn),
            ("RoleSessionName", "s1"),
        ],
    );
    refused(&r, 400, "MissingOIDCToken");
    // None of these gave credentials.
    assert_eq!(count(&cloud, "sts:AssumeRoleWithOIDC"), 11);
}

#[test]
fn providers_roles_and_trust_are_checked() {
    let cloud = cloud();
    let token = mint(&cloud, "");
    let with = |role: &str, provider: &str, token: &str| {
        assume(
            &cloud,
            &[
                ("RoleArn", role),
                ("OIDCProviderArn", provider),
                ("OIDCToken", token),
                ("RoleSessionName", "s1"),
            ],
        )
    };
    let unknown = with(
        &cloud.info.oidc_role_arn,
        "acs:ram::1234567890123456:oidc-provider/nobody",
        &token,
    );
    refused(&unknown, 401, "AuthenticationFail.NoPermission");
    assert_eq!(
        unknown.json()["Message"],
        "No such OIDC Provider registered."
    );
    refused(
        &with(
            "acs:ram::1234567890123456:role/nobody",
            &cloud.info.oidc_provider_arn,
            &token,
        ),
        404,
        "EntityNotExist.Role",
    );
    // The seeded role trusts repo:alicli/* only.
    let stranger = mint(
        &cloud,
        "sub=repo%3Asomeone%2Fdemo%3Aref%3Arefs%2Fheads%2Fmain",
    );
    let untrusted = with(
        &cloud.info.oidc_role_arn,
        &cloud.info.oidc_provider_arn,
        &stranger,
    );
    refused(&untrusted, 401, "AuthenticationFail.NoPermission");
    assert!(untrusted.json()["Message"]
        .as_str()
        .unwrap()
        .contains("does not trust"));
    // A role that trusts RAM users does not trust tokens.
    refused(
        &with(&cloud.info.role_arn, &cloud.info.oidc_provider_arn, &token),
        401,
        "AuthenticationFail.NoPermission",
    );
    let bad_session = assume(
        &cloud,
        &[
            ("RoleArn", &cloud.info.oidc_role_arn),
            ("OIDCProviderArn", &cloud.info.oidc_provider_arn),
            ("OIDCToken", &token),
            ("RoleSessionName", "a b"),
        ],
    );
    refused(&bad_session, 400, "InvalidParameter.RoleSessionName");
    // ARNs are matched without regard to case, as STS does.
    let upper = with(
        &cloud.info.oidc_role_arn.to_uppercase(),
        &cloud.info.oidc_provider_arn.to_uppercase(),
        &token,
    );
    assert_eq!(upper.status, 200, "{}", upper.body);
}

#[test]
fn a_provider_of_another_issuer_never_verifies() {
    let mut config = CloudConfig::default();
    config.oidc_providers.push(OidcProviderConfig {
        name: "github".into(),
        issuer: Some("https://token.actions.githubusercontent.com".into()),
        client_ids: vec!["sts.aliyuncs.com".into()],
    });
    let cloud = cloud_with(config);
    let token = mint(
        &cloud,
        "iss=https%3A%2F%2Ftoken.actions.githubusercontent.com",
    );
    let r = assume(
        &cloud,
        &[
            ("RoleArn", &cloud.info.oidc_role_arn),
            (
                "OIDCProviderArn",
                "acs:ram::1234567890123456:oidc-provider/github",
            ),
            ("OIDCToken", &token),
            ("RoleSessionName", "s1"),
        ],
    );
    refused(
        &r,
        401,
        "AuthenticationFail.OIDCToken.IssuerConfigurationBroken",
    );
    // The built-in issuer's tokens do not match that provider either.
    let r = assume(
        &cloud,
        &[
            ("RoleArn", &cloud.info.oidc_role_arn),
            (
                "OIDCProviderArn",
                "acs:ram::1234567890123456:oidc-provider/github",
            ),
            ("OIDCToken", &mint(&cloud, "")),
            ("RoleSessionName", "s1"),
        ],
    );
    refused(&r, 401, "AuthenticationFail.OIDCToken.IssuerNotMatch");
}

#[test]
fn assume_role_with_oidc_takes_armed_faults() {
    let cloud = cloud();
    let token = mint(&cloud, "");
    let armed = http(
        cloud.addr,
        "POST",
        "/-/faults?op=AssumeRoleWithOIDC&kind=503",
        &[],
    );
    assert_eq!(armed.status, 200);
    refused(&assume_ci(&cloud, &token), 503, "ServiceUnavailable");
    assert_eq!(assume_ci(&cloud, &token).status, 200);
}

#[test]
fn github_actions_tokens_need_the_request_token() {
    let cloud = cloud();
    let url = "/-/github/token?api-version=2.0";
    let bearer = format!("bearer {}", cloud.info.github_request_token);
    let missing = http(cloud.addr, "GET", url, &[]);
    assert_eq!(missing.status, 401);
    assert!(missing.json()["message"].as_str().is_some());
    let wrong = http(cloud.addr, "GET", url, &[("Authorization", "bearer nope")]);
    assert_eq!(wrong.status, 401);
    let basic = format!("Basic {}", cloud.info.github_request_token);
    assert_eq!(
        http(cloud.addr, "GET", url, &[("Authorization", &basic)]).status,
        401
    );
    // Without an audience: GitHub's default, the owner's URL.
    let r = http(cloud.addr, "GET", url, &[("Authorization", &bearer)]);
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(r.json()["count"], 1);
    let jwt = r.json()["value"].as_str().unwrap().to_string();
    let claims = payload(&jwt);
    assert_eq!(claims["aud"], "https://github.com/alicli");
    assert_eq!(claims["sub"], "repo:alicli/demo:ref:refs/heads/main");
    assert_eq!(
        claims["iss"],
        format!("http://{}/-/oidc", cloud.addr).as_str()
    );
    // The way the official action asks: `$ACTIONS_ID_TOKEN_REQUEST_URL&audience=…`.
    let asked = format!("{url}&audience=sts.aliyuncs.com");
    let r = http(
        cloud.addr,
        "GET",
        &asked,
        &[(
            "Authorization",
            &format!("Bearer {}", cloud.info.github_request_token),
        )],
    );
    assert_eq!(r.status, 200, "{}", r.body);
    let jwt = r.json()["value"].as_str().unwrap().to_string();
    assert_eq!(payload(&jwt)["aud"], "sts.aliyuncs.com");
    let assumed = assume_ci(&cloud, &jwt);
    assert_eq!(assumed.status, 200, "{}", assumed.body);
    assert_eq!(count(&cloud, "github:token"), 5);
}

#[test]
fn github_actions_subject_and_request_token_can_be_configured() {
    let mut config = CloudConfig::default();
    config.github_actions.request_token = Some("fixed-request-token".into());
    config.github_actions.subject = "repo:someone/else:ref:refs/heads/main".into();
    let cloud = cloud_with(config);
    assert_eq!(cloud.info.github_request_token, "fixed-request-token");
    let r = http(
        cloud.addr,
        "GET",
        "/-/github/token?api-version=2.0&audience=sts.aliyuncs.com",
        &[("Authorization", "bearer fixed-request-token")],
    );
    assert_eq!(r.status, 200, "{}", r.body);
    let jwt = r.json()["value"].as_str().unwrap().to_string();
    // A subject outside repo:alicli/* is not trusted by the seeded role.
    refused(
        &assume_ci(&cloud, &jwt),
        401,
        "AuthenticationFail.NoPermission",
    );
}

const TTL: &str = "X-aliyun-ecs-metadata-token-ttl-seconds";
const TOKEN: &str = "X-aliyun-ecs-metadata-token";
const ROLES: &str = "/-/ecs/latest/meta-data/ram/security-credentials/";

fn ecs_token(cloud: &Running, ttl: &str) -> Reply {
    http(cloud.addr, "PUT", "/-/ecs/latest/api/token", &[(TTL, ttl)])
}

#[test]
fn ecs_metadata_hands_out_the_instance_roles_credentials() {
    let cloud = cloud();
    for bad in ["0", "21601", "-1", "soon", ""] {
        assert_eq!(ecs_token(&cloud, bad).status, 400, "ttl {bad:?}");
    }
    assert_eq!(
        http(cloud.addr, "PUT", "/-/ecs/latest/api/token", &[]).status,
        400
    );
    let t = ecs_token(&cloud, "21600");
    assert_eq!(t.status, 200);
    assert!(
        t.content_type.starts_with("text/plain"),
        "{}",
        t.content_type
    );
    let token = t.body;
    let roles = http(cloud.addr, "GET", ROLES, &[(TOKEN, &token)]);
    assert_eq!((roles.status, roles.body.as_str()), (200, "ecs-instance"));
    let path = format!("{ROLES}ecs-instance");
    let first = http(cloud.addr, "GET", &path, &[(TOKEN, &token)]);
    assert_eq!(first.status, 200, "{}", first.body);
    let v = first.json();
    assert_eq!(v["Code"], "Success");
    for time in ["Expiration", "LastUpdated"] {
        let t = v[time].as_str().unwrap();
        assert!(
            chrono::DateTime::parse_from_rfc3339(t).is_ok(),
            "{time} {t}"
        );
    }
    let creds = creds_of(&v);
    assert_eq!(
        oss(&cloud, &creds, "PUT", "from-ecs", "instance").status,
        200
    );
    assert_eq!(oss(&cloud, &creds, "GET", "from-ecs", "").body, "instance");
    assert_eq!(
        caller(&cloud, &creds).json()["Arn"],
        "acs:ram::1234567890123456:assumed-role/ecs-instance/i-localcloud"
    );
    // The same credentials until they near their end; new ones once they are expired.
    let again = http(cloud.addr, "GET", &path, &[(TOKEN, &token)]).json();
    assert_eq!(again["AccessKeyId"], v["AccessKeyId"]);
    assert_eq!(
        http(cloud.addr, "POST", "/-/expire-credentials", &[]).status,
        200
    );
    let renewed = http(cloud.addr, "GET", &path, &[(TOKEN, &token)]).json();
    assert_ne!(renewed["AccessKeyId"], v["AccessKeyId"]);
    assert_eq!(
        oss(&cloud, &creds_of(&renewed), "GET", "from-ecs", "").status,
        200
    );
    // Another role name, or no token that was handed out.
    assert_eq!(
        http(
            cloud.addr,
            "GET",
            &format!("{ROLES}oss-readonly"),
            &[(TOKEN, &token)]
        )
        .status,
        404
    );
    assert_eq!(
        http(cloud.addr, "GET", ROLES, &[(TOKEN, "made-up")]).status,
        401
    );
    let s = stats(&cloud);
    assert_eq!(s["ecs:token"], 7);
    assert_eq!(s["ecs:role"], 2);
    assert_eq!(s["ecs:credentials"], 4);
}

#[test]
fn imds_v2_can_be_required_and_tokens_expire() {
    let cloud = cloud();
    // Optional by default: a GET without a token (IMDSv1) works.
    assert_eq!(http(cloud.addr, "GET", ROLES, &[]).status, 200);
    let switched = http(cloud.addr, "POST", "/-/ecs?imds=required", &[]);
    assert_eq!(switched.json()["imds"], "required");
    assert_eq!(http(cloud.addr, "GET", ROLES, &[]).status, 403);
    assert_eq!(
        http(cloud.addr, "GET", &format!("{ROLES}ecs-instance"), &[]).status,
        403
    );
    let token = ecs_token(&cloud, "1").body;
    assert_eq!(
        http(cloud.addr, "GET", ROLES, &[(TOKEN, &token)]).status,
        200
    );
    std::thread::sleep(Duration::from_millis(1100));
    assert_eq!(
        http(cloud.addr, "GET", ROLES, &[(TOKEN, &token)]).status,
        401
    );
    assert_eq!(
        http(cloud.addr, "POST", "/-/ecs?imds=sometimes", &[]).status,
        400
    );
    http(cloud.addr, "POST", "/-/ecs?imds=optional", &[]);
    assert_eq!(http(cloud.addr, "GET", ROLES, &[]).status, 200);

    let mut config = CloudConfig::default();
    config.ecs.imds = ImdsMode::Required;
    let hardened = cloud_with(config);
    assert_eq!(http(hardened.addr, "GET", ROLES, &[]).status, 403);
}

#[test]
fn an_instance_without_a_role_has_no_credentials() {
    let mut config = CloudConfig::default();
    config.roles.truncate(1);
    let cloud = cloud_with(config);
    assert_eq!(cloud.info.ecs_role, "");
    assert_eq!(http(cloud.addr, "GET", ROLES, &[]).status, 404);
    assert_eq!(
        http(cloud.addr, "GET", &format!("{ROLES}ecs-instance"), &[]).status,
        404
    );
}

#[test]
fn the_credentials_uri_serves_a_roles_credentials() {
    let cloud = cloud();
    let r = http(cloud.addr, "GET", "/-/credentials-uri", &[]);
    assert_eq!(r.status, 200, "{}", r.body);
    let v = r.json();
    assert_eq!(v["Code"], "Success");
    assert!(chrono::DateTime::parse_from_rfc3339(v["Expiration"].as_str().unwrap()).is_ok());
    // The first role, oss-readonly: it may read, not write.
    let reader = creds_of(&v);
    assert_eq!(
        caller(&cloud, &reader).json()["Arn"],
        "acs:ram::1234567890123456:assumed-role/oss-readonly/credentials-uri"
    );
    assert_eq!(oss(&cloud, &reader, "PUT", "uri", "x").status, 403);
    let writer =
        creds_of(&http(cloud.addr, "GET", "/-/credentials-uri?role=ci-deploy", &[]).json());
    assert_eq!(oss(&cloud, &writer, "PUT", "uri", "x").status, 200);
    assert_eq!(oss(&cloud, &reader, "GET", "uri", "").status, 200);
    let unknown = http(cloud.addr, "GET", "/-/credentials-uri?role=nobody", &[]);
    assert_eq!(unknown.status, 404);
    assert_eq!(unknown.code(), "EntityNotExist.Role");
    assert_eq!(count(&cloud, "credentials-uri"), 3);
}

#[test]
fn the_machine_services_take_armed_faults() {
    let cloud = cloud();
    let arm = |query: &str| {
        assert_eq!(
            http(cloud.addr, "POST", &format!("/-/faults?{query}"), &[]).status,
            200
        )
    };
    arm("op=credentials-uri&kind=500");
    let r = http(cloud.addr, "GET", "/-/credentials-uri", &[]);
    assert_eq!((r.status, r.code().as_str()), (500, "InternalError"));
    assert_eq!(
        http(cloud.addr, "GET", "/-/credentials-uri", &[]).status,
        200
    );

    arm("op=credentials-uri&kind=corrupt");
    let r = http(cloud.addr, "GET", "/-/credentials-uri", &[]);
    assert_eq!(r.status, 200);
    assert!(
        serde_json::from_str::<Value>(&r.body).is_err(),
        "{}",
        r.body
    );

    arm("op=credentials-uri&kind=delay:400");
    let started = Instant::now();
    assert_eq!(
        http(cloud.addr, "GET", "/-/credentials-uri", &[]).status,
        200
    );
    assert!(started.elapsed() >= Duration::from_millis(400));

    arm("op=credentials-uri&kind=reset");
    assert!(try_http(cloud.addr, "GET", "/-/credentials-uri", &[], "").is_none());

    arm("op=github-token&kind=503");
    let bearer = format!("bearer {}", cloud.info.github_request_token);
    let r = http(
        cloud.addr,
        "GET",
        "/-/github/token?api-version=2.0",
        &[("Authorization", &bearer)],
    );
    assert_eq!((r.status, r.code().as_str()), (503, "ServiceUnavailable"));
    arm("op=github-token&kind=corrupt");
    let r = http(
        cloud.addr,
        "GET",
        "/-/github/token?api-version=2.0",
        &[("Authorization", &bearer)],
    );
    assert!(
        serde_json::from_str::<Value>(&r.body).is_err(),
        "{}",
        r.body
    );

    arm("op=ecs&kind=429&count=2");
    assert_eq!(ecs_token(&cloud, "60").status, 429);
    assert_eq!(http(cloud.addr, "GET", ROLES, &[]).status, 429);
    assert_eq!(ecs_token(&cloud, "60").status, 200);
    arm("op=ecs&kind=corrupt");
    let r = http(cloud.addr, "GET", &format!("{ROLES}ecs-instance"), &[]);
    assert!(
        serde_json::from_str::<Value>(&r.body).is_err(),
        "{}",
        r.body
    );
    // Faults of one service leave the others alone.
    arm("op=ecs&kind=500");
    assert_eq!(
        http(cloud.addr, "GET", "/-/credentials-uri", &[]).status,
        200
    );
}
