//! Who is calling: signature and security-token checks for STS (POP v1 and signature V3,
//! `ACS3-HMAC-SHA256`) and OSS (v1 and v4, header and presigned-query forms), and the RAM policy
//! layers that apply to the caller.
//!
//! The checks reuse `alicli_wire::signing` to recompute signatures. That alone would prove nothing about
//! the signer (it would agree with itself), which is why the signer is pinned by published
//! vectors and this verifier is exercised by the official SDKs in tests/interop.

use chrono::{DateTime, Duration, Utc};

use alicli_policy::{self as policy, LayeredDecision, Policy, RequestContext};
use alicli_wire::signing::{acs3, oss_v1, oss_v4, pop, OssRequest};

use crate::cloud::{Cloud, Issued, User};

/// Requests more than this far from the server clock are refused.
pub const MAX_SKEW_MINUTES: i64 = 15;

/// The caller behind a verified request.
pub(crate) enum Identity<'a> {
    User(&'a User),
    Session(Issued),
}

impl Identity<'_> {
    pub fn arn(&self, account: &str) -> String {
        match self {
            Identity::User(u) => format!("acs:ram::{account}:user/{}", u.name),
            Identity::Session(s) => format!(
                "acs:ram::{account}:assumed-role/{}/{}",
                s.role_name, s.session_name
            ),
        }
    }

    /// RAM evaluation: a user's own policies; for temporary credentials the role's policies
    /// intersected with the session policy when one was given.
    pub fn authorize(&self, cloud: &Cloud, request: &RequestContext) -> LayeredDecision {
        match self {
            Identity::User(u) => {
                let layer: Vec<&Policy> = u.policies.iter().collect();
                policy::evaluate_layers(&[&layer], request)
            }
            Identity::Session(s) => {
                let role_layer: Vec<&Policy> = cloud
                    .roles
                    .get(&s.role_arn.to_ascii_lowercase())
                    .map(|r| r.policies.iter().collect())
                    .unwrap_or_default();
                match &s.session_policy {
                    Some(p) => policy::evaluate_layers(&[&role_layer, &[p]], request),
                    None => policy::evaluate_layers(&[&role_layer], request),
                }
            }
        }
    }
}

/// An authentication failure, in the service's own terms.
pub(crate) struct Refusal {
    pub status: u16,
    pub code: &'static str,
    pub message: String,
    /// What the server signed, echoed in SignatureDoesNotMatch as the services do.
    pub string_to_sign: Option<String>,
    /// OSS v4 also echoes the canonical request.
    pub canonical_request: Option<String>,
    pub access_key_id: Option<String>,
}

fn refuse(status: u16, code: &'static str, message: impl Into<String>) -> Refusal {
    Refusal {
        status,
        code,
        message: message.into(),
        string_to_sign: None,
        canonical_request: None,
        access_key_id: None,
    }
}

/// Finds the secret for an access key id, checking the token of temporary credentials.
/// `token` is what the request carried.
fn lookup<'a>(
    cloud: &'a Cloud,
    key_id: &str,
    token: Option<&str>,
    sts: bool,
) -> Result<(Identity<'a>, String), Refusal> {
    if let Some(user) = cloud.users.get(key_id) {
        return Ok((Identity::User(user), user.secret.clone()));
    }
    let issued = cloud
        .issued
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .get(key_id)
        .cloned();
    let Some(issued) = issued else {
        return Err(if sts {
            refuse(
                404,
                "InvalidAccessKeyId.NotFound",
                "Specified access key is not found.",
            )
        } else {
            refuse(
                403,
                "InvalidAccessKeyId",
                "The OSS Access Key Id you provided does not exist in our records.",
            )
        });
    };
    match token {
        None if sts => {
            return Err(refuse(
                400,
                "MissingSecurityToken",
                "SecurityToken is mandatory for this action.",
            ))
        }
        None => {
            return Err(refuse(
                403,
                "InvalidSecurityToken",
                "The security token you provided is invalid.",
            ))
        }
        Some(t) if t != issued.token => {
            return Err(if sts {
                refuse(
                    400,
                    "InvalidSecurityToken.MismatchWithAccessKey",
                    "Specified SecurityToken mismatch with the AccessKey.",
                )
            } else {
                refuse(
                    403,
                    "InvalidSecurityToken",
                    "The security token you provided is invalid.",
                )
            })
        }
        Some(_) => {}
    }
    if issued.expiration <= Utc::now() {
        return Err(if sts {
            refuse(
                400,
                "InvalidSecurityToken.Expired",
                "Specified SecurityToken is expired.",
            )
        } else {
            refuse(
                403,
                "SecurityTokenExpired",
                "The security token you provided has expired.",
            )
        });
    }
    let secret = issued.secret.clone();
    Ok((Identity::Session(issued), secret))
}

/// An STS call as it arrived: what the V1 check reads (every parameter) and what the V3 check
/// reads (the query alone, the headers, the body). It stands for its parameters wherever a
/// parameter list is wanted.
pub(crate) struct StsCall {
    pub method: String,
    pub path: String,
    /// The query, then the form body; a V3 call's `x-acs-action` and `x-acs-version` come first
    /// as `Action` and `Version`, so that they are what a parameter lookup finds.
    pub params: Vec<(String, String)>,
    /// The URL's query alone: V3 signs it and not the body's parameters.
    pub query: Vec<(String, String)>,
    pub headers: Vec<(String, String)>,
    pub body: bytes::Bytes,
}

impl std::ops::Deref for StsCall {
    type Target = [(String, String)];
    fn deref(&self) -> &Self::Target {
        &self.params
    }
}

impl StsCall {
    /// First value of a header, any case.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// Signed with V3: the Authorization header names an `ACS3-` algorithm.
    pub fn is_v3(&self) -> bool {
        self.header("authorization")
            .is_some_and(|a| a.trim_start().starts_with("ACS3-"))
    }
}

/// Verifies an STS call signed with POP v1 (parameters) or V3 (`Authorization: ACS3-…`), and
/// counts the verified call under `sts-signature:v1` or `sts-signature:v3`.
pub(crate) fn verify_sts<'a>(
    cloud: &'a Cloud,
    method: &str,
    call: &StsCall,
) -> Result<Identity<'a>, Refusal> {
    let (identity, version) = if call.is_v3() {
        (verify_v3(cloud, call)?, "v3")
    } else {
        (verify_v1(cloud, method, call)?, "v1")
    };
    cloud.count(&format!("sts-signature:{version}"));
    Ok(identity)
}

/// POP v1: every parameter, the query's and the form body's, is signed.
fn verify_v1<'a>(
    cloud: &'a Cloud,
    method: &str,
    params: &[(String, String)],
) -> Result<Identity<'a>, Refusal> {
    let get = |name: &str| crate::sts::param(params, name);
    for required in ["AccessKeyId", "Signature", "SignatureNonce", "Timestamp"] {
        if get(required).is_none() {
            let code = match required {
                "AccessKeyId" => "MissingAccessKeyId",
                "Signature" => "MissingSignature",
                "SignatureNonce" => "MissingSignatureNonce",
                _ => "MissingTimestamp",
            };
            return Err(refuse(
                400,
                code,
                format!("{required} is mandatory for this action."),
            ));
        }
    }
    if get("SignatureMethod").is_some_and(|m| m != "HMAC-SHA1") {
        return Err(refuse(
            400,
            "InvalidSignatureMethod",
            "Specified signature method is not valid.",
        ));
    }
    let timestamp = get("Timestamp").unwrap_or_default();
    let Ok(at) = DateTime::parse_from_rfc3339(timestamp) else {
        return Err(refuse(
            400,
            "InvalidTimeStamp.Format",
            "Specified time stamp or date value is not well formatted.",
        ));
    };
    if too_skewed(Utc::now(), at.with_timezone(&Utc)) {
        return Err(refuse(
            400,
            "InvalidTimeStamp.Expired",
            format!(
                "Specified time stamp or date value is expired. Server time: {}",
                pop::format_timestamp(Utc::now())
            ),
        ));
    }
    let key_id = get("AccessKeyId").unwrap_or_default();
    let (identity, secret) = lookup(cloud, key_id, get("SecurityToken"), true)?;
    let string_to_sign = pop::string_to_sign(method, params);
    if pop::signature(&secret, &string_to_sign) != get("Signature").unwrap_or_default() {
        return Err(Refusal {
            status: 400,
            code: "SignatureDoesNotMatch",
            message: format!("Specified signature does not match our calculation. server string to sign is:{string_to_sign}"),
            string_to_sign: Some(string_to_sign),
            canonical_request: None,
            access_key_id: Some(key_id.to_string()),
        });
    }
    let nonce = get("SignatureNonce").unwrap_or_default().to_string();
    if !cloud
        .nonces
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .insert(nonce)
    {
        return Err(refuse(
            400,
            "SignatureNonceUsed",
            "Specified signature nonce was used already.",
        ));
    }
    Ok(identity)
}

/// The headers a V3 call must carry besides Authorization; each is signed.
const V3_REQUIRED: &[&str] = &[
    "host",
    "x-acs-date",
    "x-acs-signature-nonce",
    "x-acs-content-sha256",
];

fn incomplete(why: impl std::fmt::Display) -> Refusal {
    refuse(
        400,
        "IncompleteSignature",
        format!("The request signature does not conform to Aliyun standards. {why}"),
    )
}

/// Signature V3: the same identity lookup, clock and nonce rules as v1, over the headers, the
/// query and the body's hash. `x-acs-action` and `x-acs-version` are checked by the signature;
/// the action itself is the caller's business.
fn verify_v3<'a>(cloud: &'a Cloud, call: &StsCall) -> Result<Identity<'a>, Refusal> {
    let auth_header = call.header("authorization").unwrap_or_default();
    let algorithm = auth_header.split_whitespace().next().unwrap_or_default();
    if algorithm != acs3::ALGORITHM {
        return Err(refuse(
            400,
            "InvalidSignatureMethod",
            format!("Specified signature method is not valid: {algorithm}."),
        ));
    }
    let auth = acs3::parse_authorization(auth_header).ok_or_else(|| {
        incomplete("The Authorization header is not Credential=…,SignedHeaders=…,Signature=….")
    })?;
    for required in V3_REQUIRED {
        if call.header(required).is_none() {
            return Err(incomplete(format!("The {required} header is missing.")));
        }
    }
    // Every common header sent must be signed, or it could be changed on the way.
    for (name, _) in &call.headers {
        let name = name.to_ascii_lowercase();
        if (name == "host" || name.starts_with("x-acs-")) && !auth.signed_headers.contains(&name) {
            return Err(incomplete(format!(
                "The {name} header is not in SignedHeaders."
            )));
        }
    }
    let date = call.header("x-acs-date").unwrap_or_default();
    let Ok(at) = chrono::NaiveDateTime::parse_from_str(date, "%Y-%m-%dT%H:%M:%SZ") else {
        return Err(refuse(
            400,
            "InvalidTimeStamp.Format",
            "Specified time stamp or date value is not well formatted.",
        ));
    };
    if too_skewed(Utc::now(), at.and_utc()) {
        return Err(refuse(
            400,
            "InvalidTimeStamp.Expired",
            format!(
                "Specified time stamp or date value is expired. Server time: {}",
                pop::format_timestamp(Utc::now())
            ),
        ));
    }
    let hashed = call.header("x-acs-content-sha256").unwrap_or_default();
    if !hashed.eq_ignore_ascii_case(&acs3::hashed_payload(&call.body)) {
        return Err(refuse(
            400,
            "SignatureDoesNotMatch",
            "Specified signature does not match our calculation: x-acs-content-sha256 is not the SHA-256 of the body.",
        ));
    }
    let (identity, secret) = lookup(
        cloud,
        &auth.access_key_id,
        call.header("x-acs-security-token"),
        true,
    )?;
    let request = acs3::Request {
        method: &call.method,
        path: &call.path,
        query: &call.query,
        headers: &call.headers,
        hashed_payload: hashed,
    };
    if let Err(expected) = acs3::check(&request, &auth, &secret) {
        // Only the string to sign is echoed: the canonical request holds the security token.
        return Err(Refusal {
            status: 400,
            code: "SignatureDoesNotMatch",
            message: format!(
                "Specified signature does not match our calculation. server string to sign is:{}",
                expected.string_to_sign
            ),
            string_to_sign: Some(expected.string_to_sign),
            canonical_request: Some(expected.canonical_request),
            access_key_id: Some(auth.access_key_id.clone()),
        });
    }
    let nonce = call.header("x-acs-signature-nonce").unwrap_or_default();
    if !cloud
        .nonces
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .insert(nonce.to_string())
    {
        return Err(refuse(
            400,
            "SignatureNonceUsed",
            "Specified signature nonce was used already.",
        ));
    }
    Ok(identity)
}

/// An OSS request as the verifier sees it: decoded key, decoded query, headers as received.
pub(crate) struct OssCall<'a> {
    pub method: &'a str,
    pub bucket: Option<&'a str>,
    pub key: Option<&'a str>,
    pub query: &'a [(String, Option<String>)],
    pub headers: &'a [(String, String)],
}

impl OssCall<'_> {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
    fn query(&self, name: &str) -> Option<&str> {
        crate::oss::request::value(self.query, name)
    }
    fn signing_request(&self) -> OssRequest<'_> {
        OssRequest {
            method: self.method,
            bucket: self.bucket,
            key: self.key,
            query: self.query,
            headers: self.headers,
        }
    }
}

/// `None` means the request carries no signature at all (anonymous).
pub(crate) fn verify_oss<'a>(
    cloud: &'a Cloud,
    call: &OssCall,
) -> Result<Option<Identity<'a>>, Refusal> {
    let now = Utc::now();
    if let Some(auth) = call.header("authorization") {
        return if auth.starts_with(oss_v4::ALGORITHM) {
            v4_header(cloud, call, auth, now)
        } else {
            v1_header(cloud, call, auth, now)
        }
        .map(Some);
    }
    if let (Some(key_id), Some(signature), Some(expires)) = (
        call.query("OSSAccessKeyId"),
        call.query("Signature"),
        call.query("Expires"),
    ) {
        return v1_query(cloud, call, (key_id, signature, expires), now).map(Some);
    }
    if call.query("x-oss-signature-version") == Some(oss_v4::ALGORITHM) {
        return v4_query(cloud, call, now).map(Some);
    }
    Ok(None)
}

/// SignatureDoesNotMatch, echoing what the server signed (v4 also echoes its canonical request).
fn mismatch(key_id: &str, string_to_sign: String, canonical_request: Option<String>) -> Refusal {
    Refusal {
        status: 403,
        code: "SignatureDoesNotMatch",
        message: "The request signature we calculated does not match the signature you provided. Check your key and signing method.".into(),
        string_to_sign: Some(string_to_sign),
        canonical_request,
        access_key_id: Some(key_id.to_string()),
    }
}

/// V4 in the Authorization header: date, scope and region checked before the signature.
fn v4_header<'a>(
    cloud: &'a Cloud,
    call: &OssCall,
    auth: &str,
    now: DateTime<Utc>,
) -> Result<Identity<'a>, Refusal> {
    let parsed = oss_v4::parse_authorization(auth)
        .ok_or_else(|| refuse(400, "InvalidArgument", "Authorization header is invalid."))?;
    let date = call.header("x-oss-date").unwrap_or_default();
    let t = parse_v4_datetime(date)
        .ok_or_else(|| refuse(403, "AccessDenied", "Invalid x-oss-date in request header."))?;
    if t.format("%Y%m%d").to_string() != parsed.date {
        return Err(refuse(
            400,
            "InvalidArgument",
            "Invalid signing date in Authorization header.",
        ));
    }
    if too_skewed(now, t) {
        return Err(skewed(t));
    }
    if parsed.region != cloud.region {
        return Err(refuse(
            400,
            "InvalidArgument",
            format!(
                "Invalid signing region in Authorization header. The bucket is in {}.",
                cloud.region
            ),
        ));
    }
    let (identity, secret) = lookup(
        cloud,
        &parsed.access_key_id,
        call.header("x-oss-security-token"),
        false,
    )?;
    let canonical = oss_v4::canonical_request(&call.signing_request(), &parsed.additional_headers);
    let string_to_sign = oss_v4::string_to_sign(&canonical, t, &parsed.region);
    if oss_v4::signature(&secret, t, &parsed.region, &string_to_sign) != parsed.signature {
        return Err(mismatch(
            &parsed.access_key_id,
            string_to_sign,
            Some(canonical),
        ));
    }
    Ok(identity)
}

/// V1 in the Authorization header (`OSS key:signature`), dated by `x-oss-date` or Date.
fn v1_header<'a>(
    cloud: &'a Cloud,
    call: &OssCall,
    auth: &str,
    now: DateTime<Utc>,
) -> Result<Identity<'a>, Refusal> {
    let (key_id, signature) = oss_v1::parse_authorization(auth)
        .ok_or_else(|| refuse(400, "InvalidArgument", "Authorization header is invalid."))?;
    let date = call
        .header("x-oss-date")
        .or(call.header("date"))
        .unwrap_or_default();
    let t = DateTime::parse_from_rfc2822(date)
        .map(|d| d.with_timezone(&Utc))
        .map_err(|_| {
            refuse(
                403,
                "AccessDenied",
                "Invalid date format in request header.",
            )
        })?;
    if too_skewed(now, t) {
        return Err(skewed(t));
    }
    let (identity, secret) = lookup(cloud, &key_id, call.header("x-oss-security-token"), false)?;
    let date_header = call.header("date").unwrap_or_default();
    let string_to_sign = oss_v1::string_to_sign(&call.signing_request(), date_header);
    if oss_v1::signature(&secret, &string_to_sign) != signature {
        return Err(mismatch(&key_id, string_to_sign, None));
    }
    Ok(identity)
}

/// A v1 presigned URL: `OSSAccessKeyId`, `Signature` and `Expires` in the query.
fn v1_query<'a>(
    cloud: &'a Cloud,
    call: &OssCall,
    (key_id, signature, expires): (&str, &str, &str),
    now: DateTime<Utc>,
) -> Result<Identity<'a>, Refusal> {
    let expires_at: i64 = expires
        .parse()
        .map_err(|_| refuse(403, "AccessDenied", "Invalid Expires."))?;
    if expires_at < now.timestamp() {
        return Err(refuse(403, "AccessDenied", "Request has expired."));
    }
    let (identity, secret) = lookup(cloud, key_id, call.query("security-token"), false)?;
    let string_to_sign = oss_v1::string_to_sign(&call.signing_request(), expires);
    if oss_v1::signature(&secret, &string_to_sign) != signature {
        return Err(mismatch(key_id, string_to_sign, None));
    }
    Ok(identity)
}

/// A v4 presigned URL: `x-oss-credential`, `x-oss-date`, `x-oss-expires`, `x-oss-signature`.
fn v4_query<'a>(
    cloud: &'a Cloud,
    call: &OssCall,
    now: DateTime<Utc>,
) -> Result<Identity<'a>, Refusal> {
    let credential = call.query("x-oss-credential").unwrap_or_default();
    let parts: Vec<&str> = credential.split('/').collect();
    let date = call.query("x-oss-date").unwrap_or_default();
    let t = parse_v4_datetime(date)
        .ok_or_else(|| refuse(403, "AccessDenied", "Invalid x-oss-date in query."))?;
    let expires: i64 = call
        .query("x-oss-expires")
        .and_then(|e| e.parse().ok())
        .unwrap_or(-1);
    if parts.len() != 5
        || parts[3] != "oss"
        || parts[4] != "aliyun_v4_request"
        || !(1..=604_800).contains(&expires)
    {
        return Err(refuse(
            400,
            "InvalidArgument",
            "Invalid x-oss-credential or x-oss-expires.",
        ));
    }
    if now > t + Duration::seconds(expires) {
        return Err(refuse(403, "AccessDenied", "Request has expired."));
    }
    if parts[2] != cloud.region {
        return Err(refuse(
            400,
            "InvalidArgument",
            "Invalid signing region in x-oss-credential.",
        ));
    }
    let (identity, secret) = lookup(cloud, parts[0], call.query("x-oss-security-token"), false)?;
    let additional: Vec<String> = call
        .query("x-oss-additional-headers")
        .map(|h| h.split(';').map(str::to_string).collect())
        .unwrap_or_default();
    let signature = call
        .query("x-oss-signature")
        .unwrap_or_default()
        .to_string();
    let query: Vec<(String, Option<String>)> = call
        .query
        .iter()
        .filter(|(k, _)| k != "x-oss-signature")
        .cloned()
        .collect();
    let req = OssRequest {
        query: &query,
        ..call.signing_request()
    };
    let canonical = oss_v4::canonical_request(&req, &additional);
    let string_to_sign = oss_v4::string_to_sign(&canonical, t, parts[2]);
    if oss_v4::signature(&secret, t, parts[2], &string_to_sign) != signature {
        return Err(mismatch(parts[0], string_to_sign, Some(canonical)));
    }
    Ok(identity)
}

/// The clock rule of every signature with a date in it, STS's and OSS's alike.
fn too_skewed(now: DateTime<Utc>, t: DateTime<Utc>) -> bool {
    (now - t).abs() > Duration::minutes(MAX_SKEW_MINUTES)
}

fn parse_v4_datetime(text: &str) -> Option<DateTime<Utc>> {
    chrono::NaiveDateTime::parse_from_str(text, "%Y%m%dT%H%M%SZ")
        .ok()
        .map(|n| n.and_utc())
}

fn skewed(t: DateTime<Utc>) -> Refusal {
    refuse(
        403,
        "RequestTimeTooSkewed",
        format!(
            "The difference between the request time and the current time is too large. RequestTime: {} ServerTime: {}",
            t.format("%Y-%m-%dT%H:%M:%SZ"),
            Utc::now().format("%Y-%m-%dT%H:%M:%SZ")
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::CloudConfig;
    use alicli_wire::signing::Credentials;

    fn cloud() -> (Cloud, tempfile::TempDir, String, String) {
        let dir = tempfile::tempdir().unwrap();
        let (cloud, info) = Cloud::new(&CloudConfig::default(), dir.path()).unwrap();
        (cloud, dir, info.access_key_id, info.access_key_secret)
    }

    /// A GetCallerIdentity signed with V3 now, as the client sends it: the parameters in the
    /// query, `body` as the body (a form when not empty).
    fn signed_call(creds: &Credentials, nonce: &str, body: &[u8]) -> StsCall {
        let query = vec![("Format".to_string(), "JSON".to_string())];
        let extra: Vec<(String, String)> = if body.is_empty() {
            Vec::new()
        } else {
            vec![(
                "content-type".into(),
                "application/x-www-form-urlencoded".into(),
            )]
        };
        let signed = acs3::sign(
            &acs3::RpcCall {
                method: "POST",
                host: "127.0.0.1:9000",
                action: "GetCallerIdentity",
                version: "2015-04-01",
                query: &query,
                headers: &extra,
                body,
            },
            creds,
            Utc::now(),
            nonce,
        );
        let mut headers = signed.headers;
        headers.push(("user-agent".into(), "unsigned/1.0".into()));
        StsCall {
            method: "POST".into(),
            path: "/".into(),
            params: query.clone(),
            query,
            headers,
            body: bytes::Bytes::copy_from_slice(body),
        }
    }

    /// A change made to a signed call on its way.
    type Tamper = Box<dyn Fn(&mut StsCall)>;

    fn set_header(call: &mut StsCall, name: &str, value: &str) {
        call.headers.retain(|(k, _)| !k.eq_ignore_ascii_case(name));
        call.headers.push((name.into(), value.into()));
    }

    fn code(result: Result<Identity, Refusal>) -> &'static str {
        match result {
            Ok(_) => "ok",
            Err(r) => r.code,
        }
    }

    #[test]
    fn a_v3_call_is_verified_counted_and_not_replayed() {
        let (cloud, _dir, id, secret) = cloud();
        let creds = Credentials::new(&id, &secret, None);
        let call = signed_call(&creds, "n-1", b"");
        assert!(call.is_v3());
        assert!(matches!(
            verify_sts(&cloud, "POST", &call),
            Ok(Identity::User(_))
        ));
        assert_eq!(cloud.stats.lock().unwrap()["sts-signature:v3"], 1);
        assert_eq!(
            code(verify_sts(&cloud, "POST", &call)),
            "SignatureNonceUsed"
        );
        let with_form = signed_call(&creds, "n-2", b"RoleSessionName=x");
        assert_eq!(code(verify_sts(&cloud, "POST", &with_form)), "ok");
    }

    #[test]
    fn a_wrong_secret_is_refused_with_the_servers_string_to_sign() {
        let (cloud, _dir, id, _) = cloud();
        let call = signed_call(&Credentials::new(&id, "not-the-secret", None), "n", b"");
        let Err(refusal) = verify_sts(&cloud, "POST", &call) else {
            panic!("accepted a wrong secret");
        };
        assert_eq!(
            (refusal.status, refusal.code),
            (400, "SignatureDoesNotMatch")
        );
        let sts = refusal.string_to_sign.unwrap();
        assert!(sts.starts_with("ACS3-HMAC-SHA256\n"), "{sts}");
        assert!(refusal.message.ends_with(&sts));
        assert!(!cloud.stats.lock().unwrap().contains_key("sts-signature:v3"));
    }

    #[test]
    fn tampering_and_malformed_v3_calls_are_refused() {
        let (cloud, _dir, id, secret) = cloud();
        let creds = Credentials::new(&id, &secret, None);
        let cases: Vec<(&str, Tamper)> = vec![
            (
                "SignatureDoesNotMatch",
                Box::new(|c| c.query[0].1 = "XML".into()),
            ),
            (
                "SignatureDoesNotMatch",
                Box::new(|c| c.body = bytes::Bytes::from_static(b"Policy=x")),
            ),
            (
                "SignatureDoesNotMatch",
                Box::new(|c| set_header(c, "x-acs-action", "AssumeRole")),
            ),
            (
                "IncompleteSignature",
                Box::new(|c| set_header(c, "x-acs-extra", "unsigned")),
            ),
            (
                "IncompleteSignature",
                Box::new(|c| c.headers.retain(|(k, _)| k != "x-acs-signature-nonce")),
            ),
            (
                "IncompleteSignature",
                Box::new(|c| set_header(c, "authorization", "ACS3-HMAC-SHA256 Credential=x")),
            ),
            (
                "InvalidSignatureMethod",
                Box::new(|c| {
                    set_header(
                        c,
                        "authorization",
                        "ACS3-HMAC-SM3 Credential=x,SignedHeaders=host,Signature=00",
                    )
                }),
            ),
            (
                "InvalidTimeStamp.Format",
                Box::new(|c| set_header(c, "x-acs-date", "yesterday")),
            ),
            (
                "InvalidTimeStamp.Expired",
                Box::new(|c| set_header(c, "x-acs-date", "2020-01-01T00:00:00Z")),
            ),
        ];
        for (i, (expected, tamper)) in cases.iter().enumerate() {
            let mut call = signed_call(&creds, &format!("t-{i}"), b"");
            tamper(&mut call);
            assert_eq!(
                code(verify_sts(&cloud, "POST", &call)),
                *expected,
                "case {i}"
            );
        }
        let unknown = signed_call(&Credentials::new("LTAInobody", "s", None), "u", b"");
        assert_eq!(
            code(verify_sts(&cloud, "POST", &unknown)),
            "InvalidAccessKeyId.NotFound"
        );
    }

    #[test]
    fn temporary_credentials_sign_v3_with_their_token() {
        let (cloud, _dir, _, _) = cloud();
        let role = cloud.roles.values().next().unwrap();
        let issued = Issued {
            secret: "temp-secret".into(),
            token: "temp-token".into(),
            expiration: Utc::now() + Duration::hours(1),
            role_arn: role.arn.clone(),
            role_name: role.name.clone(),
            role_id: role.id.clone(),
            session_name: "s".into(),
            session_policy: None,
        };
        cloud
            .issued
            .lock()
            .unwrap()
            .insert("STS.temp".into(), issued);
        let with = Credentials::new("STS.temp", "temp-secret", Some("temp-token".into()));
        assert!(matches!(
            verify_sts(&cloud, "POST", &signed_call(&with, "a", b"")),
            Ok(Identity::Session(_))
        ));
        let without = Credentials::new("STS.temp", "temp-secret", None);
        assert_eq!(
            code(verify_sts(&cloud, "POST", &signed_call(&without, "b", b""))),
            "MissingSecurityToken"
        );
    }

    #[test]
    fn v3_requests_are_sts_requests() {
        let request = |method: &str, uri: &str, headers: &[(&str, &str)]| {
            let mut b = axum::http::Request::builder().method(method).uri(uri);
            for (k, v) in headers {
                b = b.header(*k, *v);
            }
            b.body(axum::body::Body::empty()).unwrap()
        };
        // The official V3 client: a POST to `/`, parameters in the query, no content type.
        assert!(crate::sts::is_sts_request(&request(
            "POST",
            "/?RoleArn=a&RoleSessionName=b",
            &[("x-acs-action", "AssumeRole")]
        )));
        assert!(crate::sts::is_sts_request(&request(
            "POST",
            "/",
            &[(
                "authorization",
                "ACS3-HMAC-SHA256 Credential=a,SignedHeaders=host,Signature=0"
            )]
        )));
        // OSS's ListBuckets is a GET of `/` too, with neither.
        assert!(!crate::sts::is_sts_request(&request(
            "GET",
            "/",
            &[("authorization", "OSS4-HMAC-SHA256 Credential=a")]
        )));
        assert!(!crate::sts::is_sts_request(&request(
            "POST",
            "/bucket/key",
            &[("x-acs-action", "AssumeRole")]
        )));
    }

    /// Sends `request` through the STS handler; the status and the answer's JSON.
    fn handled(cloud: &Cloud, request: axum::http::Request<axum::body::Body>) -> (u16, String) {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .build()
            .unwrap();
        runtime.block_on(async {
            let response = crate::sts::handle(cloud, request).await;
            let status = response.status().as_u16();
            let body = axum::body::to_bytes(response.into_body(), 1 << 20)
                .await
                .unwrap();
            (status, String::from_utf8_lossy(&body).into_owned())
        })
    }

    #[test]
    fn the_handler_reads_each_version_where_it_puts_its_parameters() {
        let (cloud, _dir, id, secret) = cloud();
        let creds = Credentials::new(&id, &secret, None);
        // POP v1 as aliyun-python-sdk-core sends it: signed query, and x-acs-action and
        // x-acs-version headers besides, which must not become parameters twice.
        let business = vec![
            ("Action".to_string(), "GetCallerIdentity".to_string()),
            ("Version".to_string(), "2015-04-01".to_string()),
            ("Format".to_string(), "JSON".to_string()),
        ];
        let (params, _) = pop::sign("POST", business, &creds, Utc::now(), "v1-nonce");
        let query: Vec<String> = params
            .iter()
            .map(|(k, v)| {
                format!(
                    "{}={}",
                    alicli_wire::signing::percent::rfc3986(k),
                    alicli_wire::signing::percent::rfc3986(v)
                )
            })
            .collect();
        let request = axum::http::Request::builder()
            .method("POST")
            .uri(format!("/?{}", query.join("&")))
            .header("x-acs-action", "GetCallerIdentity")
            .header("x-acs-version", "2015-04-01")
            .body(axum::body::Body::empty())
            .unwrap();
        let (status, body) = handled(&cloud, request);
        assert_eq!(status, 200, "{body}");
        // V3 with its parameters in a form body.
        let form = b"DurationSeconds=900&RoleSessionName=v3-form&RoleArn=acs%3Aram%3A%3A1234567890123456%3Arole%2Foss-readonly";
        let signed = acs3::sign(
            &acs3::RpcCall {
                method: "POST",
                host: "127.0.0.1",
                action: "AssumeRole",
                version: "2015-04-01",
                query: &[],
                headers: &[(
                    "content-type".to_string(),
                    "application/x-www-form-urlencoded".to_string(),
                )],
                body: form,
            },
            &creds,
            Utc::now(),
            "v3-nonce",
        );
        let mut request = axum::http::Request::builder().method("POST").uri("/");
        for (k, v) in &signed.headers {
            request = request.header(k.as_str(), v.as_str());
        }
        let request = request.body(axum::body::Body::from(form.to_vec())).unwrap();
        let (status, body) = handled(&cloud, request);
        assert_eq!(status, 200, "{body}");
        assert!(body.contains("role/oss-readonly/v3-form"), "{body}");
        let stats = cloud.stats.lock().unwrap();
        assert_eq!(
            (stats["sts-signature:v1"], stats["sts-signature:v3"]),
            (1, 1)
        );
    }
}
