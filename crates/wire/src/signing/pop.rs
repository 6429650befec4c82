//! POP RPC signature version 1.0 (HMAC-SHA1), the scheme STS and the other
//! RPC-style Alibaba Cloud APIs use: every parameter, common and business,
//! goes into a sorted, percent-encoded canonical query, which is signed with
//! `AccessKeySecret + "&"` and sent back as the `Signature` parameter.

use base64::Engine as _;
use chrono::{DateTime, Utc};

use super::percent::rfc3986;
use super::{hmac_sha1, Credentials};

/// Names of the parameters [`sign`] owns; caller-supplied copies are replaced
/// so a request never carries two conflicting values.
const SIGNER_PARAMS: &[&str] = &[
    "AccessKeyId",
    "SignatureMethod",
    "SignatureVersion",
    "SignatureNonce",
    "Timestamp",
    "SecurityToken",
    "Signature",
];

/// Encoded `k=v` pairs sorted by encoded name, `Signature` left out.
pub fn canonical_query(params: &[(String, String)]) -> String {
    let mut pairs: Vec<(String, String)> = params
        .iter()
        .filter(|(k, _)| k != "Signature")
        .map(|(k, v)| (rfc3986(k), rfc3986(v)))
        .collect();
    // Sorting by value too keeps the output deterministic if a name repeats.
    pairs.sort();
    let mut out = String::new();
    for (i, (k, v)) in pairs.iter().enumerate() {
        if i > 0 {
            out.push('&');
        }
        out.push_str(k);
        out.push('=');
        out.push_str(v);
    }
    out
}

/// `METHOD&%2F&` followed by the canonical query, encoded a second time.
pub fn string_to_sign(method: &str, params: &[(String, String)]) -> String {
    format!(
        "{}&{}&{}",
        method.to_ascii_uppercase(),
        rfc3986("/"),
        rfc3986(&canonical_query(params))
    )
}

/// base64(HMAC-SHA1(secret + "&", string_to_sign)). The trailing `&` is where
/// a second key would go in the protocol; it is always empty for AccessKeys.
pub fn signature(access_key_secret: &str, string_to_sign: &str) -> String {
    let key = format!("{access_key_secret}&");
    base64::engine::general_purpose::STANDARD
        .encode(hmac_sha1(key.as_bytes(), string_to_sign.as_bytes()))
}

/// Adds the common params (AccessKeyId, SignatureMethod, SignatureVersion, SignatureNonce, Timestamp, SecurityToken if any) to `params`,
/// then Signature; returns the full param list (Signature last) and the string that was signed.
pub fn sign(
    method: &str,
    mut params: Vec<(String, String)>,
    creds: &Credentials,
    timestamp: DateTime<Utc>,
    nonce: &str,
) -> (Vec<(String, String)>, String) {
    params.retain(|(k, _)| !SIGNER_PARAMS.contains(&k.as_str()));
    params.push(("AccessKeyId".into(), creds.access_key_id.clone()));
    params.push(("SignatureMethod".into(), "HMAC-SHA1".into()));
    params.push(("SignatureVersion".into(), "1.0".into()));
    params.push(("SignatureNonce".into(), nonce.into()));
    params.push(("Timestamp".into(), format_timestamp(timestamp)));
    if let Some(token) = creds.token() {
        params.push(("SecurityToken".into(), token.into()));
    }
    let sts = string_to_sign(method, &params);
    let sig = signature(&creds.access_key_secret, &sts);
    params.push(("Signature".into(), sig));
    (params, sts)
}

/// ISO 8601 in UTC with a literal `Z` and no fractional seconds, the only
/// form the POP gateway accepts for `Timestamp`.
pub fn format_timestamp(t: DateTime<Utc>) -> String {
    t.format("%Y-%m-%dT%H:%M:%SZ").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    const NONCE: &str = "3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf";

    fn p(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    fn ts() -> DateTime<Utc> {
        DateTime::parse_from_rfc3339("2016-02-23T12:46:24Z")
            .unwrap()
            .with_timezone(&Utc)
    }

    fn creds(token: Option<&str>) -> Credentials {
        Credentials {
            access_key_id: "testid".into(),
            access_key_secret: "testsecret".into(),
            security_token: token.map(str::to_string),
        }
    }

    fn describe_regions() -> Vec<(String, String)> {
        p(&[
            ("AccessKeyId", "testid"),
            ("Action", "DescribeRegions"),
            ("Format", "XML"),
            ("SignatureMethod", "HMAC-SHA1"),
            ("SignatureNonce", NONCE),
            ("SignatureVersion", "1.0"),
            ("Timestamp", "2016-02-23T12:46:24Z"),
            ("Version", "2014-05-26"),
        ])
    }

    fn assume_role_business() -> Vec<(String, String)> {
        p(&[
            ("Action", "AssumeRole"),
            ("DurationSeconds", "3600"),
            ("Format", "JSON"),
            ("RoleArn", "acs:ram::1234567890123456:role/test-role"),
            ("RoleSessionName", "alice"),
            ("Version", "2015-04-01"),
        ])
    }

    fn signature_of(params: &[(String, String)]) -> &str {
        let last = params.last().unwrap();
        assert_eq!(last.0, "Signature");
        &last.1
    }

    #[test]
    fn doc_example_describe_regions_get() {
        let sts = string_to_sign("GET", &describe_regions());
        assert_eq!(
            sts,
            "GET&%2F&AccessKeyId%3Dtestid%26Action%3DDescribeRegions%26Format%3DXML\
             %26SignatureMethod%3DHMAC-SHA1%26SignatureNonce%3D3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf\
             %26SignatureVersion%3D1.0%26Timestamp%3D2016-02-23T12%253A46%253A24Z%26Version%3D2014-05-26"
        );
        assert_eq!(
            signature("testsecret", &sts),
            "OLeaidS1JvxuMvnyHOwuJ+uX5qY="
        );
    }

    #[test]
    fn doc_example_describe_regions_post() {
        let sts = string_to_sign("POST", &describe_regions());
        assert_eq!(
            signature("testsecret", &sts),
            "MxbnVAM4w6sft9xjVpe/GCKueuk="
        );
    }

    #[test]
    fn sign_adds_common_params_describe_regions() {
        let business = p(&[
            ("Action", "DescribeRegions"),
            ("Format", "XML"),
            ("Version", "2014-05-26"),
        ]);
        let (params, sts) = sign("GET", business, &creds(None), ts(), NONCE);
        assert_eq!(sts, string_to_sign("GET", &describe_regions()));
        assert_eq!(signature_of(&params), "OLeaidS1JvxuMvnyHOwuJ+uX5qY=");
        assert!(!params.iter().any(|(k, _)| k == "SecurityToken"));
    }

    #[test]
    fn assume_role_get_and_post() {
        let (params, _) = sign("GET", assume_role_business(), &creds(None), ts(), NONCE);
        assert_eq!(signature_of(&params), "XsJdLe0j+F+xZaVhLxVCApeo4EY=");
        let (params, _) = sign("POST", assume_role_business(), &creds(None), ts(), NONCE);
        assert_eq!(signature_of(&params), "NAVhE4IWittAex7qPfqlUWllxcY=");
    }

    #[test]
    fn assume_role_with_security_token() {
        let (params, sts) = sign(
            "GET",
            assume_role_business(),
            &creds(Some("token")),
            ts(),
            NONCE,
        );
        assert!(params.contains(&("SecurityToken".into(), "token".into())));
        assert!(sts.contains("%26SecurityToken%3Dtoken%26"));
        assert_eq!(signature_of(&params), "x1Gyz2bTtpZdp8yF25EHNrCUvpQ=");
    }

    #[test]
    fn canonical_query_excludes_signature_and_sorts_encoded_names() {
        let q = canonical_query(&p(&[
            ("b", "2"),
            ("Signature", "zzz"),
            ("a b", "x*y"),
            ("A", "~ +"),
        ]));
        assert_eq!(q, "A=~%20%2B&a%20b=x%2Ay&b=2");
    }

    #[test]
    fn sign_replaces_caller_copies_of_signer_params() {
        let mut business = assume_role_business();
        business.push(("Signature".into(), "stale".into()));
        business.push(("Timestamp".into(), "1999-01-01T00:00:00Z".into()));
        let (params, _) = sign("GET", business, &creds(None), ts(), NONCE);
        assert_eq!(params.iter().filter(|(k, _)| k == "Signature").count(), 1);
        assert_eq!(params.iter().filter(|(k, _)| k == "Timestamp").count(), 1);
        assert_eq!(signature_of(&params), "XsJdLe0j+F+xZaVhLxVCApeo4EY=");
    }

    #[test]
    fn unicode_and_reserved_values_are_encoded_twice_in_sts() {
        let sts = string_to_sign("get", &p(&[("RoleSessionName", "é *")]));
        assert_eq!(sts, "GET&%2F&RoleSessionName%3D%25C3%25A9%2520%252A");
    }

    #[test]
    fn timestamp_format() {
        assert_eq!(format_timestamp(ts()), "2016-02-23T12:46:24Z");
        let t = DateTime::from_timestamp(1_700_000_000, 999_000_000).unwrap();
        assert_eq!(format_timestamp(t), "2023-11-14T22:13:20Z");
    }
}
