//! OSS signature version 4 (`OSS4-HMAC-SHA256`): a canonical request over the
//! method, percent-encoded URI, the whole query and the signed headers, hashed
//! into a string to sign that is MACed with a key derived from the secret,
//! date and region. Covers the `Authorization` header form, presigned URLs
//! (`x-oss-signature` in the query) and parsing the header back for the local
//! server that verifies requests.

use std::collections::BTreeSet;

use chrono::{DateTime, Utc};
use sha2::{Digest, Sha256};

use super::percent::{rfc3986, rfc3986_path};
use super::{canonical_header_map, hex_lower, hmac_sha256, Credentials, OssRequest};

pub const ALGORITHM: &str = "OSS4-HMAC-SHA256";
pub const UNSIGNED_PAYLOAD: &str = "UNSIGNED-PAYLOAD";
/// Service name in the credential scope; alicli only talks to plain OSS.
pub const PRODUCT: &str = "oss";
const TERMINATOR: &str = "aliyun_v4_request";
const CONTENT_SHA256: &str = "x-oss-content-sha256";

/// Headers signed whether or not they are listed as additional headers.
fn is_default_signed(lower_name: &str) -> bool {
    lower_name.starts_with("x-oss-") || lower_name == "content-type" || lower_name == "content-md5"
}

pub fn format_datetime(t: DateTime<Utc>) -> String {
    t.format("%Y%m%dT%H%M%SZ").to_string()
}

fn format_day(t: DateTime<Utc>) -> String {
    t.format("%Y%m%d").to_string()
}

/// `YYYYMMDD/<region>/oss/aliyun_v4_request`.
pub fn scope(t: DateTime<Utc>, region: &str) -> String {
    format!("{}/{region}/{PRODUCT}/{TERMINATOR}", format_day(t))
}

/// `/bucket/key` percent-encoded with `/` kept. The key is encoded byte for
/// byte, so `a//b` and a trailing `/` survive as OSS stores them.
pub fn canonical_uri(req: &OssRequest) -> String {
    let mut raw = String::from("/");
    if let Some(bucket) = req.bucket {
        raw.push_str(bucket);
        raw.push('/');
    }
    if let Some(key) = req.key {
        raw.push_str(key);
    }
    rfc3986_path(&raw)
}

/// Every parameter, encoded, sorted by encoded name; empty values as bare `k`.
pub fn canonical_query(query: &[(String, Option<String>)]) -> String {
    let mut pairs: Vec<(String, String)> = query
        .iter()
        .map(|(k, v)| (rfc3986(k), rfc3986(v.as_deref().unwrap_or(""))))
        .collect();
    pairs.sort();
    let mut out = String::new();
    for (i, (k, v)) in pairs.iter().enumerate() {
        if i > 0 {
            out.push('&');
        }
        out.push_str(k);
        if !v.is_empty() {
            out.push('=');
            out.push_str(v);
        }
    }
    out
}

/// The additional-header list exactly as it goes on the wire: lowercased,
/// deduplicated, sorted, without headers that are signed anyway and without
/// headers the request does not carry (OSS cannot sign what it never sees).
/// This matches what the official SDKs send, so the list in `Authorization`
/// and the one inside the canonical request always agree.
pub fn normalize_additional_headers(headers: &[(String, String)], names: &[String]) -> Vec<String> {
    let present: BTreeSet<String> = headers
        .iter()
        .map(|(k, _)| k.to_ascii_lowercase())
        .collect();
    names
        .iter()
        .map(|n| n.trim().to_ascii_lowercase())
        .filter(|n| !n.is_empty() && !is_default_signed(n) && present.contains(n))
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect()
}

/// `additional_headers`: lowercase names of extra headers to sign (must be present in req.headers)
///
/// The list is normalised with [`normalize_additional_headers`] first.
pub fn canonical_request(req: &OssRequest, additional_headers: &[String]) -> String {
    let additional = normalize_additional_headers(req.headers, additional_headers);
    let signed = canonical_header_map(req.headers, |n| {
        is_default_signed(n) || additional.iter().any(|a| a == n)
    });
    let mut headers = String::new();
    for (name, values) in &signed {
        headers.push_str(name);
        headers.push(':');
        headers.push_str(&values.join(","));
        headers.push('\n');
    }
    // A payload hash the caller chose to send is what OSS will check against;
    // otherwise (presigned URLs) the payload is unsigned.
    let payload = req
        .header(CONTENT_SHA256)
        .map(str::trim)
        .filter(|v| !v.is_empty())
        .unwrap_or(UNSIGNED_PAYLOAD);
    format!(
        "{}\n{}\n{}\n{}\n{}\n{}",
        req.method.to_ascii_uppercase(),
        canonical_uri(req),
        canonical_query(req.query),
        headers,
        additional.join(";"),
        payload
    )
}

pub fn string_to_sign(canonical_request: &str, t: DateTime<Utc>, region: &str) -> String {
    let digest = Sha256::digest(canonical_request.as_bytes());
    format!(
        "{ALGORITHM}\n{}\n{}\n{}",
        format_datetime(t),
        scope(t, region),
        hex_lower(&digest)
    )
}

/// HMAC chain secret → date → region → product → terminator, so a leaked
/// derived key is only good for one day, region and service.
pub fn signing_key(access_key_secret: &str, t: DateTime<Utc>, region: &str) -> [u8; 32] {
    let k = format!("aliyun_v4{access_key_secret}");
    let k = hmac_sha256(k.as_bytes(), format_day(t).as_bytes());
    let k = hmac_sha256(&k, region.as_bytes());
    let k = hmac_sha256(&k, PRODUCT.as_bytes());
    hmac_sha256(&k, TERMINATOR.as_bytes())
}

/// Lowercase hex HMAC-SHA256 of the string to sign under [`signing_key`].
pub fn signature(
    access_key_secret: &str,
    t: DateTime<Utc>,
    region: &str,
    string_to_sign: &str,
) -> String {
    let key = signing_key(access_key_secret, t, region);
    hex_lower(&hmac_sha256(&key, string_to_sign.as_bytes()))
}

/// Headers the caller must send for v4 header signing: x-oss-date, x-oss-content-sha256: UNSIGNED-PAYLOAD, x-oss-security-token if any.
pub fn required_headers(creds: &Credentials, t: DateTime<Utc>) -> Vec<(String, String)> {
    let mut out = vec![
        ("x-oss-date".to_string(), format_datetime(t)),
        (CONTENT_SHA256.to_string(), UNSIGNED_PAYLOAD.to_string()),
    ];
    if let Some(token) = creds.token() {
        out.push(("x-oss-security-token".into(), token.into()));
    }
    out
}

/// Authorization header value and the canonical request that was signed (req.headers already contain required_headers()).
pub fn authorization(
    creds: &Credentials,
    req: &OssRequest,
    region: &str,
    t: DateTime<Utc>,
    additional_headers: &[String],
) -> (String, String) {
    let additional = normalize_additional_headers(req.headers, additional_headers);
    let cr = canonical_request(req, &additional);
    let sig = signature(
        &creds.access_key_secret,
        t,
        region,
        &string_to_sign(&cr, t, region),
    );
    let mut auth = format!(
        "{ALGORITHM} Credential={}/{}",
        creds.access_key_id,
        scope(t, region)
    );
    if !additional.is_empty() {
        auth.push_str(",AdditionalHeaders=");
        auth.push_str(&additional.join(";"));
    }
    auth.push_str(",Signature=");
    auth.push_str(&sig);
    (auth, cr)
}

/// Query params to append for a presigned v4 URL (x-oss-signature-version, x-oss-date, x-oss-expires, x-oss-credential, x-oss-security-token?, x-oss-additional-headers?, then x-oss-signature last; values NOT url-encoded) and the canonical request.
pub fn presign(
    creds: &Credentials,
    req: &OssRequest,
    region: &str,
    t: DateTime<Utc>,
    expires_secs: u64,
    additional_headers: &[String],
) -> (Vec<(String, String)>, String) {
    let additional = normalize_additional_headers(req.headers, additional_headers);
    let mut params = vec![
        ("x-oss-signature-version".to_string(), ALGORITHM.to_string()),
        ("x-oss-date".to_string(), format_datetime(t)),
        ("x-oss-expires".to_string(), expires_secs.to_string()),
        (
            "x-oss-credential".to_string(),
            format!("{}/{}", creds.access_key_id, scope(t, region)),
        ),
    ];
    if let Some(token) = creds.token() {
        params.push(("x-oss-security-token".into(), token.into()));
    }
    if !additional.is_empty() {
        params.push(("x-oss-additional-headers".into(), additional.join(";")));
    }
    // The auth parameters are themselves part of the signed query.
    let mut query = req.query.to_vec();
    query.extend(params.iter().map(|(k, v)| (k.clone(), Some(v.clone()))));
    let signed = OssRequest {
        query: &query,
        ..*req
    };
    let cr = canonical_request(&signed, &additional);
    let sig = signature(
        &creds.access_key_secret,
        t,
        region,
        &string_to_sign(&cr, t, region),
    );
    params.push(("x-oss-signature".into(), sig));
    (params, cr)
}

/// Parsed `Authorization: OSS4-HMAC-SHA256 Credential=..,AdditionalHeaders=..,Signature=..` (for the local server that verifies requests). Return None when malformed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParsedAuthorization {
    pub access_key_id: String,
    /// YYYYMMDD
    pub date: String,
    pub region: String,
    pub additional_headers: Vec<String>,
    pub signature: String,
}

pub fn parse_authorization(value: &str) -> Option<ParsedAuthorization> {
    let rest = value.trim().strip_prefix(ALGORITHM)?;
    if !rest.starts_with(' ') {
        return None;
    }
    let (mut credential, mut additional, mut signature) = (None, None, None);
    for part in rest.split(',') {
        let (name, val) = part.trim().split_once('=')?;
        let slot = match name.trim() {
            "Credential" => &mut credential,
            "AdditionalHeaders" => &mut additional,
            "Signature" => &mut signature,
            _ => return None,
        };
        // A repeated field is ambiguous; refuse rather than pick one.
        if slot.replace(val.trim()).is_some() {
            return None;
        }
    }
    let signature = signature?;
    if signature.len() != 64
        || !signature
            .bytes()
            .all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
    {
        return None;
    }
    let fields: Vec<&str> = credential?.split('/').collect();
    let [ak, date, region, product, terminator] = fields.as_slice() else {
        return None;
    };
    if ak.is_empty()
        || region.is_empty()
        || *product != PRODUCT
        || *terminator != TERMINATOR
        || date.len() != 8
        || !date.bytes().all(|b| b.is_ascii_digit())
    {
        return None;
    }
    let additional_headers = match additional {
        None => Vec::new(),
        Some(list) => {
            let names: Vec<String> = list.split(';').map(str::to_string).collect();
            if names.iter().any(|n| n.is_empty()) {
                return None;
            }
            names
        }
    };
    Some(ParsedAuthorization {
        access_key_id: ak.to_string(),
        date: date.to_string(),
        region: region.to_string(),
        additional_headers,
        signature: signature.to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const KEY: &str = "1234+-/123/1.txt";
    const REGION: &str = "cn-hangzhou";

    fn at(secs: i64) -> DateTime<Utc> {
        DateTime::from_timestamp(secs, 0).unwrap()
    }

    fn ak_sk(token: Option<&str>) -> Credentials {
        Credentials {
            access_key_id: "ak".into(),
            access_key_secret: "sk".into(),
            security_token: token.map(str::to_string),
        }
    }

    fn h(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    /// The query every Go SDK v2 v4 signer test uses.
    fn sdk_query() -> Vec<(String, Option<String>)> {
        [
            ("param1", "value1"),
            ("+param1", "value3"),
            ("|param1", "value4"),
            ("+param2", ""),
            ("|param2", ""),
            ("param2", ""),
        ]
        .iter()
        .map(|(k, v)| (k.to_string(), Some(v.to_string())))
        .collect()
    }

    /// Headers of the SDK header-signing tests plus what `required_headers` adds.
    fn sdk_headers(creds: &Credentials, t: DateTime<Utc>) -> Vec<(String, String)> {
        let mut headers = h(&[
            ("x-oss-head1", "value"),
            ("abc", "value"),
            ("ZAbc", "value"),
            ("XYZ", "value"),
            ("content-type", "text/plain"),
        ]);
        headers.extend(required_headers(creds, t));
        headers
    }

    fn put<'a>(
        query: &'a [(String, Option<String>)],
        headers: &'a [(String, String)],
    ) -> OssRequest<'a> {
        OssRequest {
            method: "PUT",
            bucket: Some("bucket"),
            key: Some(KEY),
            query,
            headers,
        }
    }

    #[test]
    fn sdk_header() {
        let creds = ak_sk(None);
        let t = at(1_702_743_657);
        assert_eq!(format_datetime(t), "20231216T162057Z");
        let (query, headers) = (sdk_query(), sdk_headers(&creds, t));
        let (auth, cr) = authorization(&creds, &put(&query, &headers), REGION, t, &[]);
        assert_eq!(
            cr,
            "PUT\n/bucket/1234%2B-/123/1.txt\n\
             %2Bparam1=value3&%2Bparam2&%7Cparam1=value4&%7Cparam2&param1=value1&param2\n\
             content-type:text/plain\nx-oss-content-sha256:UNSIGNED-PAYLOAD\n\
             x-oss-date:20231216T162057Z\nx-oss-head1:value\n\n\nUNSIGNED-PAYLOAD"
        );
        assert_eq!(
            auth,
            "OSS4-HMAC-SHA256 Credential=ak/20231216/cn-hangzhou/oss/aliyun_v4_request,\
             Signature=e21d18daa82167720f9b1047ae7e7f1ce7cb77a31e8203a7d5f4624fa0284afe"
        );
    }

    #[test]
    fn sdk_header_with_token() {
        let creds = ak_sk(Some("token"));
        let t = at(1_702_784_856);
        let (query, headers) = (sdk_query(), sdk_headers(&creds, t));
        assert!(headers.contains(&("x-oss-security-token".into(), "token".into())));
        let (auth, cr) = authorization(&creds, &put(&query, &headers), REGION, t, &[]);
        assert!(cr.contains("\nx-oss-security-token:token\n"));
        assert_eq!(
            auth,
            "OSS4-HMAC-SHA256 Credential=ak/20231217/cn-hangzhou/oss/aliyun_v4_request,\
             Signature=b94a3f999cf85bcdc00d332fbd3734ba03e48382c36fa4d5af5df817395bd9ea"
        );
    }

    #[test]
    fn sdk_header_with_additional_headers() {
        let creds = ak_sk(None);
        let t = at(1_702_747_512);
        let (query, headers) = (sdk_query(), sdk_headers(&creds, t));
        let expected = "OSS4-HMAC-SHA256 Credential=ak/20231216/cn-hangzhou/oss/aliyun_v4_request,\
             AdditionalHeaders=abc;zabc,\
             Signature=4a4183c187c07c8947db7620deb0a6b38d9fbdd34187b6dbaccb316fa251212f";
        let names = vec!["ZAbc".to_string(), "abc".to_string()];
        let (auth, cr) = authorization(&creds, &put(&query, &headers), REGION, t, &names);
        assert!(cr.contains("\nabc:value\ncontent-type:text/plain\n"));
        assert!(cr.contains("\nx-oss-head1:value\nzabc:value\n\nabc;zabc\nUNSIGNED-PAYLOAD"));
        assert_eq!(auth, expected);
        // Default-signed and absent names are dropped, as the SDK does.
        let names: Vec<String> = ["x-oss-no-exist", "ZAbc", "x-oss-head1", "abc"]
            .map(String::from)
            .to_vec();
        let (auth, _) = authorization(&creds, &put(&query, &headers), REGION, t, &names);
        assert_eq!(auth, expected);
    }

    /// Headers of the SDK presign tests: no x-oss-date / content-sha256 header.
    fn presign_headers() -> Vec<(String, String)> {
        h(&[
            ("x-oss-head1", "value"),
            ("abc", "value"),
            ("ZAbc", "value"),
            ("XYZ", "value"),
            ("content-type", "application/octet-stream"),
        ])
    }

    fn param<'a>(params: &'a [(String, String)], name: &str) -> Option<&'a str> {
        params
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    #[test]
    fn sdk_presign() {
        let (query, headers) = (sdk_query(), presign_headers());
        let t = at(1_702_781_677);
        let (params, cr) = presign(&ak_sk(None), &put(&query, &headers), REGION, t, 599, &[]);
        let names: Vec<&str> = params.iter().map(|(k, _)| k.as_str()).collect();
        assert_eq!(
            names,
            [
                "x-oss-signature-version",
                "x-oss-date",
                "x-oss-expires",
                "x-oss-credential",
                "x-oss-signature"
            ]
        );
        assert_eq!(param(&params, "x-oss-signature-version"), Some(ALGORITHM));
        assert_eq!(param(&params, "x-oss-expires"), Some("599"));
        assert_eq!(
            param(&params, "x-oss-credential"),
            Some("ak/20231217/cn-hangzhou/oss/aliyun_v4_request")
        );
        assert!(cr.contains(
            "&x-oss-credential=ak%2F20231217%2Fcn-hangzhou%2Foss%2Faliyun_v4_request\
             &x-oss-date=20231217T025437Z&x-oss-expires=599\
             &x-oss-signature-version=OSS4-HMAC-SHA256\n\
             content-type:application/octet-stream\nx-oss-head1:value\n\n\nUNSIGNED-PAYLOAD"
        ));
        assert_eq!(
            param(&params, "x-oss-signature"),
            Some("a39966c61718be0d5b14e668088b3fa07601033f6518ac7b523100014269c0fe")
        );
    }

    #[test]
    fn sdk_presign_with_token() {
        let (query, headers) = (sdk_query(), presign_headers());
        let t = at(1_702_785_388);
        let creds = ak_sk(Some("token"));
        let (params, cr) = presign(&creds, &put(&query, &headers), REGION, t, 599, &[]);
        assert_eq!(param(&params, "x-oss-date"), Some("20231217T035628Z"));
        assert_eq!(param(&params, "x-oss-security-token"), Some("token"));
        assert!(cr.contains("&x-oss-security-token=token&"));
        assert_eq!(params.last().unwrap().0, "x-oss-signature");
        assert_eq!(
            param(&params, "x-oss-signature"),
            Some("3817ac9d206cd6dfc90f1c09c00be45005602e55898f26f5ddb06d7892e1f8b5")
        );
    }

    #[test]
    fn sdk_presign_with_additional_headers() {
        // alibabacloud-oss-go-sdk-v2 TestV4AuthQueryWithAdditionalHeaders.
        let (query, headers) = (sdk_query(), presign_headers());
        let t = at(1_702_783_809);
        for names in [
            vec!["ZAbc", "abc"],
            vec!["x-oss-no-exist", "abc", "x-oss-head1", "ZAbc"],
        ] {
            let names: Vec<String> = names.into_iter().map(String::from).collect();
            let (params, _) = presign(&ak_sk(None), &put(&query, &headers), REGION, t, 599, &names);
            assert_eq!(param(&params, "x-oss-date"), Some("20231217T033009Z"));
            assert_eq!(param(&params, "x-oss-additional-headers"), Some("abc;zabc"));
            assert_eq!(
                param(&params, "x-oss-signature"),
                Some("6bd984bfe531afb6db1f7550983a741b103a8c58e5e14f83ea474c2322dfa2b7")
            );
        }
    }

    fn uri(bucket: Option<&str>, key: Option<&str>) -> String {
        canonical_uri(&OssRequest {
            method: "GET",
            bucket,
            key,
            query: &[],
            headers: &[],
        })
    }

    #[test]
    fn uri_shapes_and_key_encoding() {
        assert_eq!(uri(None, None), "/");
        assert_eq!(uri(Some("b"), None), "/b/");
        assert_eq!(uri(Some("b"), Some("k")), "/b/k");
        let cases = [
            ("a b.txt", "/b/a%20b.txt"),
            ("a+b", "/b/a%2Bb"),
            ("100%.txt", "/b/100%25.txt"),
            ("what?.txt", "/b/what%3F.txt"),
            ("c#sharp", "/b/c%23sharp"),
            ("~tilde", "/b/~tilde"),
            ("中文/é.txt", "/b/%E4%B8%AD%E6%96%87/%C3%A9.txt"),
            (".hidden", "/b/.hidden"),
            ("-dash", "/b/-dash"),
            ("../x", "/b/../x"),
            ("dir//sub/", "/b/dir//sub/"),
            (
                "a*b=c&d;e,f:g@h!i'j(k)l$m",
                "/b/a%2Ab%3Dc%26d%3Be%2Cf%3Ag%40h%21i%27j%28k%29l%24m",
            ),
        ];
        for (key, want) in cases {
            assert_eq!(uri(Some("b"), Some(key)), want, "{key:?}");
        }
    }

    #[test]
    fn query_encoding_and_flags() {
        let query: Vec<(String, Option<String>)> = vec![
            ("uploads".into(), None),
            ("prefix".into(), Some("a b/c".into())),
            ("partNumber".into(), Some("1".into())),
            ("uploadId".into(), Some("x".into())),
            ("acl".into(), Some(String::new())),
        ];
        assert_eq!(
            canonical_query(&query),
            "acl&partNumber=1&prefix=a%20b%2Fc&uploadId=x&uploads"
        );
        assert_eq!(canonical_query(&[]), "");
    }

    #[test]
    fn content_sha256_header_is_the_payload_hash() {
        let headers = h(&[("X-Oss-Content-Sha256", "abc123")]);
        let cr = canonical_request(&put(&[], &headers), &[]);
        assert!(cr.ends_with("\nx-oss-content-sha256:abc123\n\n\nabc123"));
    }

    #[test]
    fn unsigned_headers_do_not_matter() {
        let creds = ak_sk(None);
        let t = at(1_702_743_657);
        let query = sdk_query();
        let mut headers = sdk_headers(&creds, t);
        let (a, _) = authorization(&creds, &put(&query, &headers), REGION, t, &[]);
        headers.push(("User-Agent".into(), "alicli".into()));
        headers.push(("Date".into(), "whatever".into()));
        let (b, _) = authorization(&creds, &put(&query, &headers), REGION, t, &[]);
        assert_eq!(a, b);
    }

    #[test]
    fn required_headers_shape() {
        let t = at(1_702_743_657);
        assert_eq!(
            required_headers(&ak_sk(None), t),
            h(&[
                ("x-oss-date", "20231216T162057Z"),
                ("x-oss-content-sha256", "UNSIGNED-PAYLOAD")
            ])
        );
        assert_eq!(required_headers(&ak_sk(Some("tk")), t).len(), 3);
    }

    #[test]
    fn scope_and_key_depend_on_utc_day() {
        let t = at(1_702_771_199); // 2023-12-16T23:59:59Z
        assert_eq!(
            scope(t, REGION),
            "20231216/cn-hangzhou/oss/aliyun_v4_request"
        );
        assert_ne!(
            signing_key("sk", t, REGION),
            signing_key("sk", at(1_702_771_200), REGION)
        );
    }

    #[test]
    fn parse_auth_round_trip() {
        let creds = ak_sk(None);
        let t = at(1_702_747_512);
        let (query, headers) = (sdk_query(), sdk_headers(&creds, t));
        let names = vec!["abc".to_string(), "zabc".to_string()];
        let (auth, _) = authorization(&creds, &put(&query, &headers), REGION, t, &names);
        let parsed = parse_authorization(&auth).unwrap();
        assert_eq!(
            parsed,
            ParsedAuthorization {
                access_key_id: "ak".into(),
                date: "20231216".into(),
                region: "cn-hangzhou".into(),
                additional_headers: names.clone(),
                signature: "4a4183c187c07c8947db7620deb0a6b38d9fbdd34187b6dbaccb316fa251212f"
                    .into(),
            }
        );
        let plain = parse_authorization(
            "OSS4-HMAC-SHA256 Credential=ak/20231216/cn-hangzhou/oss/aliyun_v4_request, \
             Signature=e21d18daa82167720f9b1047ae7e7f1ce7cb77a31e8203a7d5f4624fa0284afe",
        )
        .unwrap();
        assert!(plain.additional_headers.is_empty());
    }

    #[test]
    fn parse_auth_rejects_malformed() {
        let sig = "e21d18daa82167720f9b1047ae7e7f1ce7cb77a31e8203a7d5f4624fa0284afe";
        let cred = "ak/20231216/cn-hangzhou/oss/aliyun_v4_request";
        let bad = [
            String::new(),
            "OSS ak:sig".into(),
            format!("OSS4-HMAC-SHA256Credential={cred},Signature={sig}"),
            format!("OSS4-HMAC-SHA256 Credential={cred}"),
            format!("OSS4-HMAC-SHA256 Signature={sig}"),
            format!("OSS4-HMAC-SHA256 Credential={cred},Signature=XYZ"),
            format!("OSS4-HMAC-SHA256 Credential={cred},Signature={}", sig.to_uppercase()),
            format!("OSS4-HMAC-SHA256 Credential=ak/2023121/cn-hangzhou/oss/aliyun_v4_request,Signature={sig}"),
            format!("OSS4-HMAC-SHA256 Credential=ak/20231216/cn-hangzhou/s3/aliyun_v4_request,Signature={sig}"),
            format!("OSS4-HMAC-SHA256 Credential=ak/20231216/cn-hangzhou/oss,Signature={sig}"),
            format!("OSS4-HMAC-SHA256 Credential=/20231216/cn-hangzhou/oss/aliyun_v4_request,Signature={sig}"),
            format!("OSS4-HMAC-SHA256 Credential={cred},Signature={sig},Signature={sig}"),
            format!("OSS4-HMAC-SHA256 Credential={cred},Foo=bar,Signature={sig}"),
            format!("OSS4-HMAC-SHA256 Credential={cred},AdditionalHeaders=a;;b,Signature={sig}"),
            format!("OSS4-HMAC-SHA256 Credential={cred},AdditionalHeaders=,Signature={sig}"),
        ];
        for b in &bad {
            assert_eq!(parse_authorization(b), None, "{b:?}");
        }
    }
}
