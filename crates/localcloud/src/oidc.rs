//! The local cloud's built-in OIDC issuer: an RSA-2048 key, the RS256 ID tokens it signs, the
//! discovery document and key set it publishes under `/-/oidc`, and the check of a presented
//! token that AssumeRoleWithOIDC runs (shape, issuer, signature, lifetime, audience), with each
//! failure named as STS names it. Keyless credential sources (a CI job's ID token, a pod's
//! projected token) can so be exercised end to end without an identity provider on the network.
//!
//! The key is made on first use rather than at start: most clouds (one per integration test)
//! never mint a token, and RSA key generation is the slowest thing a cloud would do.

use std::sync::OnceLock;

use anyhow::{anyhow, Result};
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use chrono::{DateTime, Utc};
use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header};
use rsa::pkcs1::EncodeRsaPrivateKey;
use rsa::traits::PublicKeyParts;
use serde_json::{json, Value};
use sha2::{Digest, Sha256};

/// Where the issuer lives under a cloud's endpoint: its `iss` is `<endpoint>/-/oidc`.
pub(crate) const ISSUER_PATH: &str = "/-/oidc";

/// The longest token STS accepts, and the shortest (AssumeRoleWithOIDC's `OIDCToken`).
pub(crate) const TOKEN_MAX_CHARS: usize = 20_000;
pub(crate) const TOKEN_MIN_CHARS: usize = 4;

/// Longest lifetime a minted token may ask for, either way (ten years), so the arithmetic on
/// timestamps can never overflow whatever a test passes.
const MAX_LIFETIME: i64 = 10 * 365 * 24 * 3600;

/// Seconds of clock difference tolerated on `nbf` and `iat`, as identity providers' clocks and
/// ours may disagree a little.
const LEEWAY: i64 = 60;

/// An RSA key pair in the forms the JWT library and the key set need.
pub(crate) struct SigningKey {
    encoding: EncodingKey,
    decoding: DecodingKey,
    /// RFC 7638 thumbprint of the public key: stable for the key, so a verifier can cache it.
    kid: String,
    /// Modulus and exponent, base64url without padding (JWK `n` and `e`).
    n: String,
    e: String,
}

impl SigningKey {
    pub fn generate() -> Result<SigningKey> {
        let private = rsa::PrivateKey::new(&mut getrandom::SysRng, 2048)
            .map_err(|e| anyhow!("cannot make the OIDC issuer's RSA key: {e}"))?;
        let der = private
            .to_pkcs1_der()
            .map_err(|e| anyhow!("cannot encode the OIDC issuer's RSA key: {e}"))?;
        let n_bytes = private.n_bytes();
        let e_bytes = private.e_bytes();
        let n = URL_SAFE_NO_PAD.encode(&n_bytes);
        let e = URL_SAFE_NO_PAD.encode(&e_bytes);
        // The thumbprint hashes the required members in lexicographic order, no spaces.
        let thumbprint = format!(r#"{{"e":"{e}","kty":"RSA","n":"{n}"}}"#);
        let kid = URL_SAFE_NO_PAD.encode(Sha256::digest(thumbprint.as_bytes()));
        Ok(SigningKey {
            encoding: EncodingKey::from_rsa_der(der.as_bytes()),
            decoding: DecodingKey::from_rsa_raw_components(&n_bytes, &e_bytes),
            kid,
            n,
            e,
        })
    }

    /// Signs `claims` as an RS256 JWT naming this key.
    pub fn sign(&self, claims: &Value) -> Result<String> {
        let mut header = Header::new(Algorithm::RS256);
        header.kid = Some(self.kid.clone());
        jsonwebtoken::encode(&header, claims, &self.encoding)
            .map_err(|e| anyhow!("cannot sign an ID token: {e}"))
    }

    /// The public key as a JWK Set.
    pub fn jwks(&self) -> Value {
        json!({ "keys": [{
            "kty": "RSA",
            "alg": "RS256",
            "use": "sig",
            "kid": self.kid,
            "n": self.n,
            "e": self.e,
        }]})
    }

    /// Whether `token`'s signature is this key's (RS256 only).
    fn signed(&self, token: &str) -> bool {
        let Some((message, signature)) = token.rsplit_once('.') else {
            return false;
        };
        jsonwebtoken::crypto::verify(
            signature,
            message.as_bytes(),
            &self.decoding,
            Algorithm::RS256,
        )
        .unwrap_or(false)
    }
}

/// A cloud's issuer: its key, made when first needed.
#[derive(Default)]
pub(crate) struct Issuer {
    key: OnceLock<SigningKey>,
}

impl Issuer {
    /// The key, generated now if this is the first use. Two first uses at once may both
    /// generate one; the first stored wins and the other is dropped.
    pub fn key(&self) -> Result<&SigningKey> {
        if let Some(key) = self.key.get() {
            return Ok(key);
        }
        let key = SigningKey::generate()?;
        Ok(self.key.get_or_init(|| key))
    }
}

/// The issuer URL (`iss`) of a cloud reached at `endpoint` (`http://127.0.0.1:PORT`).
pub(crate) fn issuer_url(endpoint: &str) -> String {
    format!("{endpoint}{ISSUER_PATH}")
}

/// What a minted token says.
pub(crate) struct Mint<'a> {
    pub issuer: &'a str,
    pub subject: &'a str,
    pub audience: &'a str,
    /// Seconds from now to `exp`; zero or less makes a token that is already expired.
    pub lifetime: i64,
}

/// The claims of a token minted `now`: `iss, sub, aud, iat, nbf, exp, jti`. An expired one
/// (lifetime ≤ 0) was issued a minute before it expired, so its times stay in order.
pub(crate) fn claims(mint: &Mint, now: DateTime<Utc>) -> Value {
    let lifetime = mint.lifetime.clamp(-MAX_LIFETIME, MAX_LIFETIME);
    let now = now.timestamp();
    let exp = now + lifetime;
    let iat = if lifetime > 0 { now } else { exp - 60 };
    json!({
        "iss": mint.issuer,
        "sub": mint.subject,
        "aud": mint.audience,
        "iat": iat,
        "nbf": iat,
        "exp": exp,
        "jti": uuid::Uuid::new_v4().to_string(),
    })
}

/// The OpenID Provider configuration document of the issuer at `issuer`.
pub(crate) fn discovery(issuer: &str) -> Value {
    json!({
        "issuer": issuer,
        "jwks_uri": format!("{issuer}/jwks"),
        "response_types_supported": ["id_token"],
        "subject_types_supported": ["public"],
        "id_token_signing_alg_values_supported": ["RS256"],
        "claims_supported": ["iss", "sub", "aud", "iat", "nbf", "exp", "jti"],
        "scopes_supported": ["openid"],
    })
}

/// Why a token was refused, in STS's terms (`AuthenticationFail.OIDCToken.*`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum TokenError {
    /// Not a JWT STS can read; the message says what is wrong.
    Invalid(String),
    IssuerNotMatch,
    /// The provider names an issuer whose keys cannot be fetched (here: any issuer but the
    /// built-in one, as the local cloud reaches no network).
    IssuerConfigurationBroken(String),
    InvalidSignature,
    Expired,
    AudienceNotMatch,
}

impl TokenError {
    pub fn code(&self) -> &'static str {
        match self {
            TokenError::Invalid(_) => "AuthenticationFail.OIDCToken.Invalid",
            TokenError::IssuerNotMatch => "AuthenticationFail.OIDCToken.IssuerNotMatch",
            TokenError::IssuerConfigurationBroken(_) => {
                "AuthenticationFail.OIDCToken.IssuerConfigurationBroken"
            }
            TokenError::InvalidSignature => "AuthenticationFail.OIDCToken.InvalidSignature",
            TokenError::Expired => "AuthenticationFail.OIDCToken.Expired",
            TokenError::AudienceNotMatch => "AuthenticationFail.OIDCToken.AudienceNotMatch",
        }
    }

    /// STS's messages for these codes. None of them quotes the token.
    pub fn message(&self) -> String {
        match self {
            TokenError::Invalid(why) => why.clone(),
            TokenError::IssuerNotMatch => {
                "The issuer in the OIDC Token doesn't match the OIDC Provider registered.".into()
            }
            TokenError::IssuerConfigurationBroken(issuer) => {
                format!("Get public keys from OIDC Provider failed, the issuer is {issuer}.")
            }
            TokenError::InvalidSignature => "OIDC token validate failed: invalid signature.".into(),
            TokenError::Expired => "This JsonWebToken is expired.".into(),
            TokenError::AudienceNotMatch => "Invalid audience.".into(),
        }
    }
}

/// The claims of a token that passed every check.
#[derive(Debug, Clone)]
pub(crate) struct Verified {
    pub issuer: String,
    pub subject: String,
    pub audiences: Vec<String>,
    pub issued_at: Option<i64>,
    pub expires_at: i64,
}

/// The provider a token is presented for: the issuer it registered and its client ids.
pub(crate) struct Expect<'a> {
    pub issuer: &'a str,
    pub client_ids: &'a [String],
}

/// Checks a presented token the way STS does, in this order: it is a JWT (three base64url
/// parts, an RS256 header, a JSON payload with `iss`, `sub`, `aud` and `exp`); its issuer is the
/// provider's; the provider's keys can be had (only the built-in issuer's, `builtin_issuer`);
/// the signature is that key's; it has not expired and is already valid; one of its audiences
/// is a client id of the provider.
pub(crate) fn verify(
    token: &str,
    expect: &Expect,
    builtin_issuer: &str,
    key: &SigningKey,
    now: DateTime<Utc>,
) -> Result<Verified, TokenError> {
    let claims = read(token)?;
    if claims.issuer != expect.issuer {
        return Err(TokenError::IssuerNotMatch);
    }
    if expect.issuer != builtin_issuer {
        return Err(TokenError::IssuerConfigurationBroken(
            expect.issuer.to_string(),
        ));
    }
    if !key.signed(token) {
        return Err(TokenError::InvalidSignature);
    }
    let now = now.timestamp();
    if now >= claims.expires_at {
        return Err(TokenError::Expired);
    }
    if claims.not_before.is_some_and(|nbf| nbf > now + LEEWAY) {
        return Err(TokenError::Invalid(
            "The OIDC token is not valid yet (nbf is in the future).".into(),
        ));
    }
    if !claims
        .verified
        .audiences
        .iter()
        .any(|aud| expect.client_ids.iter().any(|id| id == aud))
    {
        return Err(TokenError::AudienceNotMatch);
    }
    Ok(claims.verified)
}

struct Read {
    issuer: String,
    expires_at: i64,
    not_before: Option<i64>,
    verified: Verified,
}

/// The header and claims of a token, before anything is trusted; every shape problem is
/// `Invalid` with STS's wording where it has one.
fn read(token: &str) -> Result<Read, TokenError> {
    let invalid = |why: &str| TokenError::Invalid(why.to_string());
    if token.is_empty() {
        return Err(invalid("The OIDCToken can not empty."));
    }
    let parts: Vec<&str> = token.split('.').collect();
    if parts.len() != 3 {
        return Err(invalid(
            "The number of Jwt field should be divided into 3 parts with '.' .",
        ));
    }
    let decode = |part: &str| -> Result<Value, TokenError> {
        let bytes = URL_SAFE_NO_PAD
            .decode(part.trim_end_matches('='))
            .map_err(|_| invalid("Cannot decode base64 encoded response(format invalided)."))?;
        serde_json::from_slice::<Value>(&bytes)
            .map_err(|_| invalid("The Jwt content is invalid that cannot be recognized."))
    };
    let header = decode(parts[0])?;
    let alg = header.get("alg").and_then(Value::as_str).unwrap_or("");
    if alg != "RS256" {
        // Only what the built-in issuer signs with is known; never echo more than a short,
        // printable name.
        let shown: String = alg
            .chars()
            .filter(|c| c.is_ascii_alphanumeric())
            .take(16)
            .collect();
        return Err(TokenError::Invalid(format!(
            "The algorithm {shown} that be specified in Jwt header is unknown."
        )));
    }
    let payload = decode(parts[1])?;
    let text = |name: &str| {
        payload
            .get(name)
            .and_then(Value::as_str)
            .map(str::to_string)
    };
    let time = |name: &str| {
        payload.get(name).and_then(|v| {
            v.as_i64()
                .or_else(|| v.as_f64().filter(|f| f.is_finite()).map(|f| f as i64))
        })
    };
    let unrecognised = || invalid("The Jwt content is invalid that cannot be recognized.");
    let issuer = text("iss").ok_or_else(unrecognised)?;
    let subject = text("sub").ok_or_else(unrecognised)?;
    let audiences: Vec<String> = match payload.get("aud") {
        Some(Value::String(aud)) => vec![aud.clone()],
        Some(Value::Array(list)) => list
            .iter()
            .map(|v| v.as_str().map(str::to_string))
            .collect::<Option<_>>()
            .ok_or_else(unrecognised)?,
        _ => return Err(unrecognised()),
    };
    let expires_at = time("exp").ok_or_else(unrecognised)?;
    Ok(Read {
        issuer: issuer.clone(),
        expires_at,
        not_before: time("nbf"),
        verified: Verified {
            issuer,
            subject,
            audiences,
            issued_at: time("iat"),
            expires_at,
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const ISSUER: &str = "http://127.0.0.1:9000/-/oidc";

    fn key() -> &'static SigningKey {
        static KEY: OnceLock<SigningKey> = OnceLock::new();
        KEY.get_or_init(|| SigningKey::generate().unwrap())
    }

    fn client_ids() -> Vec<String> {
        vec!["sts.aliyuncs.com".to_string()]
    }

    fn mint(issuer: &str, audience: &str, lifetime: i64) -> String {
        let claims = claims(
            &Mint {
                issuer,
                subject: "repo:alicli/demo:ref:refs/heads/main",
                audience,
                lifetime,
            },
            Utc::now(),
        );
        key().sign(&claims).unwrap()
    }

    fn check(token: &str) -> Result<Verified, TokenError> {
        let ids = client_ids();
        verify(
            token,
            &Expect {
                issuer: ISSUER,
                client_ids: &ids,
            },
            ISSUER,
            key(),
            Utc::now(),
        )
    }

    #[test]
    fn a_minted_token_verifies_and_says_who() {
        let v = check(&mint(ISSUER, "sts.aliyuncs.com", 3600)).unwrap();
        assert_eq!(v.subject, "repo:alicli/demo:ref:refs/heads/main");
        assert_eq!(v.issuer, ISSUER);
        assert_eq!(v.audiences, ["sts.aliyuncs.com"]);
        let now = Utc::now().timestamp();
        assert!((v.expires_at - now - 3600).abs() <= 2);
        assert!(v.issued_at.is_some_and(|iat| (iat - now).abs() <= 2));
    }

    #[test]
    fn the_header_names_the_key_of_the_key_set() {
        let token = mint(ISSUER, "a", 60);
        let header = jsonwebtoken::decode_header(&token).unwrap();
        assert_eq!(header.alg, Algorithm::RS256);
        let jwks = key().jwks();
        assert_eq!(header.kid.as_deref(), jwks["keys"][0]["kid"].as_str());
        // The published components verify the token (what an outside verifier would do).
        let jwk: jsonwebtoken::jwk::JwkSet = serde_json::from_value(jwks).unwrap();
        let outside = DecodingKey::from_jwk(&jwk.keys[0]).unwrap();
        let mut validation = jsonwebtoken::Validation::new(Algorithm::RS256);
        validation.set_audience(&["a"]);
        assert!(jsonwebtoken::decode::<Value>(&token, &outside, &validation).is_ok());
    }

    #[test]
    fn each_failure_has_its_code() {
        assert_eq!(
            check(&mint(ISSUER, "sts.aliyuncs.com", 0)).unwrap_err(),
            TokenError::Expired
        );
        assert_eq!(
            check(&mint(ISSUER, "sts.aliyuncs.com", -600)).unwrap_err(),
            TokenError::Expired
        );
        assert_eq!(
            check(&mint(ISSUER, "https://github.com/alicli", 600)).unwrap_err(),
            TokenError::AudienceNotMatch
        );
        assert_eq!(
            check(&mint("https://elsewhere", "sts.aliyuncs.com", 600)).unwrap_err(),
            TokenError::IssuerNotMatch
        );
        // Signed by another key: the right shape and claims, the wrong signature.
        let other = SigningKey::generate().unwrap();
        let forged = other
            .sign(&claims(
                &Mint {
                    issuer: ISSUER,
                    subject: "s",
                    audience: "sts.aliyuncs.com",
                    lifetime: 600,
                },
                Utc::now(),
            ))
            .unwrap();
        assert_eq!(check(&forged).unwrap_err(), TokenError::InvalidSignature);
        // A changed payload keeps the signature of the old one.
        let good = mint(ISSUER, "sts.aliyuncs.com", 600);
        let parts: Vec<&str> = good.split('.').collect();
        let mut payload: Value =
            serde_json::from_slice(&URL_SAFE_NO_PAD.decode(parts[1]).unwrap()).unwrap();
        payload["sub"] = json!("repo:alicli/other");
        let tampered = format!(
            "{}.{}.{}",
            parts[0],
            URL_SAFE_NO_PAD.encode(payload.to_string()),
            parts[2]
        );
        assert_eq!(check(&tampered).unwrap_err(), TokenError::InvalidSignature);
    }

    #[test]
    fn a_provider_of_another_issuer_cannot_get_its_keys() {
        let ids = client_ids();
        let token = mint(
            "https://token.actions.githubusercontent.com",
            "sts.aliyuncs.com",
            600,
        );
        let err = verify(
            &token,
            &Expect {
                issuer: "https://token.actions.githubusercontent.com",
                client_ids: &ids,
            },
            ISSUER,
            key(),
            Utc::now(),
        )
        .unwrap_err();
        assert_eq!(
            err,
            TokenError::IssuerConfigurationBroken(
                "https://token.actions.githubusercontent.com".into()
            )
        );
    }

    #[test]
    fn malformed_tokens_are_invalid_without_echoing_them() {
        let b64 = |v: &str| URL_SAFE_NO_PAD.encode(v);
        let rs256 = b64(r#"{"alg":"RS256","typ":"JWT"}"#);
        let claims_ok = b64(r#"{"iss":"x","sub":"s","aud":"a","exp":99999999999}"#);
        let cases = [
            String::new(),
            "garbage".to_string(),
            "a.b".to_string(),
            "a.b.c.d".to_string(),
            "!!!.???.***".to_string(),
            format!("{}.{claims_ok}.sig", b64("not json")),
            format!("{}.{claims_ok}.sig", b64(r#"{"alg":"HS256"}"#)),
            format!("{}.{claims_ok}.sig", b64(r#"{"alg":"none"}"#)),
            format!("{rs256}.{}.sig", b64(r#"{"sub":"s","aud":"a","exp":1}"#)),
            format!("{rs256}.{}.sig", b64(r#"{"iss":"x","sub":"s","exp":1}"#)),
            format!(
                "{rs256}.{}.sig",
                b64(r#"{"iss":"x","sub":"s","aud":[1],"exp":1}"#)
            ),
            format!("{rs256}.{}.sig", b64(r#"{"iss":"x","sub":"s","aud":"a"}"#)),
            format!("{rs256}.{}.sig", b64(r#"[1,2]"#)),
        ];
        for token in cases {
            match check(&token) {
                Err(TokenError::Invalid(message)) => {
                    assert!(token.len() < 8 || !message.contains(&token), "{message}");
                }
                other => panic!("{token:?}: {other:?}"),
            }
        }
        let alg = format!("{}.{claims_ok}.sig", b64(r#"{"alg":"HS256"}"#));
        assert_eq!(
            check(&alg).unwrap_err().message(),
            "The algorithm HS256 that be specified in Jwt header is unknown."
        );
    }

    #[test]
    fn lifetimes_are_bounded_and_times_ordered() {
        let now = Utc::now();
        let c = claims(
            &Mint {
                issuer: ISSUER,
                subject: "s",
                audience: "a",
                lifetime: i64::MIN,
            },
            now,
        );
        let (iat, exp) = (c["iat"].as_i64().unwrap(), c["exp"].as_i64().unwrap());
        assert_eq!(exp, now.timestamp() - MAX_LIFETIME);
        assert!(iat < exp);
        let c = claims(
            &Mint {
                issuer: ISSUER,
                subject: "s",
                audience: "a",
                lifetime: i64::MAX,
            },
            now,
        );
        assert_eq!(c["exp"].as_i64().unwrap(), now.timestamp() + MAX_LIFETIME);
        assert_eq!(c["nbf"], c["iat"]);
    }

    #[test]
    fn the_discovery_document_points_at_the_key_set() {
        let d = discovery(ISSUER);
        assert_eq!(d["issuer"], ISSUER);
        assert_eq!(d["jwks_uri"], format!("{ISSUER}/jwks"));
        assert_eq!(d["id_token_signing_alg_values_supported"], json!(["RS256"]));
    }

    #[test]
    fn the_issuer_makes_its_key_once() {
        let issuer = Issuer::default();
        let first = issuer.key().unwrap().kid.clone();
        assert_eq!(issuer.key().unwrap().kid, first);
    }
}
