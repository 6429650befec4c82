//! OSS signature version 1 (`Authorization: OSS <ak>:<sig>`, HMAC-SHA1) and
//! its presigned-URL form (`OSSAccessKeyId`/`Expires`/`Signature`). Unlike v4
//! it signs only a fixed set of "sub-resource" query parameters, so a query
//! parameter outside that set must not reach the string to sign or OSS will
//! compute a different signature.

use base64::Engine as _;
use chrono::{DateTime, Utc};

use super::{canonical_header_map, hmac_sha1, Credentials, OssRequest};

/// Query parameters that are part of the canonicalized resource. This is the
/// union of what the official SDKs sign (oss2 `ProviderAuth._subresource_key_set`
/// and alibabacloud-oss-go-sdk-v2 `requiredSignedParametersMap`); OSS treats a
/// known sub-resource that is missing from the signature as a mismatch, and
/// signing a parameter it does not consider a sub-resource fails the same way.
/// In addition every `x-oss-*` parameter is signed (see [`is_signed_subresource`]),
/// as the v2 Go SDK does, which covers `x-oss-process` and friends.
pub const SIGNED_SUBRESOURCES: &[&str] = &[
    "acl",
    "append",
    "asyncFetch",
    "bucketInfo",
    "callback",
    "callback-var",
    "cloudboxes",
    "comp",
    "continuation-token",
    "cors",
    "delete",
    "encryption",
    "endTime",
    "group",
    "inventory",
    "inventoryId",
    "lifecycle",
    "link",
    "live",
    "location",
    "logging",
    "metaQuery",
    "objectInfo",
    "objectMeta",
    "partNumber",
    "policy",
    "position",
    "qos",
    "qosInfo",
    "referer",
    "regionList",
    "replication",
    "replicationLocation",
    "replicationProgress",
    "requestPayment",
    "resourceGroup",
    "response-cache-control",
    "response-content-disposition",
    "response-content-encoding",
    "response-content-language",
    "response-content-type",
    "response-expires",
    "restore",
    "security-token",
    "sequential",
    "startTime",
    "stat",
    "status",
    "symlink",
    "tagging",
    "transferAcceleration",
    "uploadId",
    "uploads",
    "versionId",
    "versioning",
    "versions",
    "vod",
    "website",
    "worm",
    "wormExtend",
    "wormId",
    "x-oss-process",
    "x-oss-request-payer",
    "x-oss-traffic-limit",
];

const OSS_HEADER_PREFIX: &str = "x-oss-";

/// Whether a query parameter belongs in the canonicalized resource. Names are
/// case-sensitive on the wire (`uploadId`, not `uploadid`).
pub fn is_signed_subresource(name: &str) -> bool {
    SIGNED_SUBRESOURCES.contains(&name) || name.starts_with(OSS_HEADER_PREFIX)
}

/// `/bucket/key` with the key raw, `/bucket/` without key, `/` without
/// bucket, then `?` and the signed sub-resources sorted by name.
pub fn canonical_resource(req: &OssRequest) -> String {
    let mut out = String::from("/");
    if let Some(bucket) = req.bucket {
        out.push_str(bucket);
        out.push('/');
        if let Some(key) = req.key {
            out.push_str(key);
        }
    }
    let mut subs: Vec<(&str, &str)> = req
        .query
        .iter()
        .filter(|(k, _)| is_signed_subresource(k))
        .map(|(k, v)| (k.as_str(), v.as_deref().unwrap_or("")))
        .collect();
    subs.sort();
    for (i, (k, v)) in subs.iter().enumerate() {
        out.push(if i == 0 { '?' } else { '&' });
        out.push_str(k);
        // An empty value is signed as a bare flag, the same as `?uploads`.
        if !v.is_empty() {
            out.push('=');
            out.push_str(v);
        }
    }
    out
}

/// Every `x-oss-*` header as `name:value\n`, names lowercased and sorted.
fn canonical_oss_headers(req: &OssRequest) -> String {
    let mut out = String::new();
    for (name, values) in canonical_header_map(req.headers, |n| n.starts_with(OSS_HEADER_PREFIX)) {
        out.push_str(&name);
        out.push(':');
        out.push_str(&values.join(","));
        out.push('\n');
    }
    out
}

/// `date_or_expires`: the Date header value for header signing, the Expires unix seconds for presigning
pub fn string_to_sign(req: &OssRequest, date_or_expires: &str) -> String {
    format!(
        "{}\n{}\n{}\n{}\n{}{}",
        req.method.to_ascii_uppercase(),
        req.header("content-md5").map(str::trim).unwrap_or(""),
        req.header("content-type").map(str::trim).unwrap_or(""),
        date_or_expires,
        canonical_oss_headers(req),
        canonical_resource(req)
    )
}

/// base64(HMAC-SHA1(secret, string_to_sign)).
pub fn signature(access_key_secret: &str, string_to_sign: &str) -> String {
    base64::engine::general_purpose::STANDARD.encode(hmac_sha1(
        access_key_secret.as_bytes(),
        string_to_sign.as_bytes(),
    ))
}

/// RFC 1123 date in GMT, the format OSS requires for `Date`/`x-oss-date`.
pub fn format_date(t: DateTime<Utc>) -> String {
    t.format("%a, %d %b %Y %H:%M:%S GMT").to_string()
}

/// Authorization header value and the string signed. The caller has already put Date, and x-oss-security-token when creds carry a token, into req.headers.
pub fn authorization(creds: &Credentials, req: &OssRequest, date: &str) -> (String, String) {
    let sts = string_to_sign(req, date);
    let sig = signature(&creds.access_key_secret, &sts);
    (format!("OSS {}:{}", creds.access_key_id, sig), sts)
}

/// Query params to append for a presigned URL (OSSAccessKeyId, Expires, Signature (NOT yet url-encoded), plus security-token when creds carry a token), and the string signed.
/// The security-token must be signed as a sub-resource, so compute the string to sign with it included in the query.
pub fn presign(
    creds: &Credentials,
    req: &OssRequest,
    expires_unix: i64,
) -> (Vec<(String, String)>, String) {
    let expires = expires_unix.to_string();
    let mut query: Vec<(String, Option<String>)> = req.query.to_vec();
    if let Some(token) = creds.token() {
        query.push(("security-token".into(), Some(token.into())));
    }
    let signed = OssRequest {
        query: &query,
        ..*req
    };
    let sts = string_to_sign(&signed, &expires);
    let sig = signature(&creds.access_key_secret, &sts);
    let mut params = vec![
        ("OSSAccessKeyId".to_string(), creds.access_key_id.clone()),
        ("Expires".to_string(), expires),
        ("Signature".to_string(), sig),
    ];
    if let Some(token) = creds.token() {
        params.push(("security-token".into(), token.into()));
    }
    (params, sts)
}

/// Splits `OSS <ak>:<signature>`; `None` when the value has any other shape.
pub fn parse_authorization(value: &str) -> Option<(String, String)> {
    let rest = value.trim().strip_prefix("OSS ")?;
    let (ak, sig) = rest.trim_start().split_once(':')?;
    if ak.is_empty() || sig.is_empty() || sig.contains(':') || ak.contains(char::is_whitespace) {
        return None;
    }
    Some((ak.to_string(), sig.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::signing::percent::rfc3986;

    fn h(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    fn q(pairs: &[(&str, Option<&str>)]) -> Vec<(String, Option<String>)> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.map(str::to_string)))
            .collect()
    }

    fn ak_sk(token: Option<&str>) -> Credentials {
        Credentials {
            access_key_id: "ak".into(),
            access_key_secret: "sk".into(),
            security_token: token.map(str::to_string),
        }
    }

    fn req<'a>(
        method: &'a str,
        bucket: Option<&'a str>,
        key: Option<&'a str>,
        query: &'a [(String, Option<String>)],
        headers: &'a [(String, String)],
    ) -> OssRequest<'a> {
        OssRequest {
            method,
            bucket,
            key,
            query,
            headers,
        }
    }

    #[test]
    fn old_doc_example() {
        let sts = "PUT\nODBGOERFMDMzQTczRUY3NUE3NzA5QzdFNUYzMDQxNEM=\ntext/html\n\
                   Thu, 17 Nov 2005 18:49:58 GMT\nx-oss-magic:abracadabra\n\
                   x-oss-meta-author:foo@bar.com\n/oss-example/nelson";
        assert_eq!(
            signature("OtxrzxIsfpFjA7SwPzILwy8Bw21TLhquhboDYROV", sts),
            "26NBxoKdsyly4EDv6inkoDft/yA="
        );
        // And the same string built from a request, headers in arbitrary case and order.
        let headers = h(&[
            ("X-OSS-Meta-Author", "foo@bar.com"),
            ("Content-Type", "text/html"),
            ("x-oss-magic", "  abracadabra "),
            (
                "Content-MD5",
                "ODBGOERFMDMzQTczRUY3NUE3NzA5QzdFNUYzMDQxNEM=",
            ),
            ("Date", "Thu, 17 Nov 2005 18:49:58 GMT"),
        ]);
        let r = req("PUT", Some("oss-example"), Some("nelson"), &[], &headers);
        let creds = Credentials {
            access_key_id: "44CF9590006BF252F707".into(),
            access_key_secret: "OtxrzxIsfpFjA7SwPzILwy8Bw21TLhquhboDYROV".into(),
            security_token: None,
        };
        let (auth, signed) = authorization(&creds, &r, "Thu, 17 Nov 2005 18:49:58 GMT");
        assert_eq!(signed, sts);
        assert_eq!(
            auth,
            "OSS 44CF9590006BF252F707:26NBxoKdsyly4EDv6inkoDft/yA="
        );
    }

    fn sdk_headers() -> Vec<(String, String)> {
        h(&[
            ("Content-MD5", "eB5eJF1ptWaXm4bijSPyxw=="),
            ("Content-Type", "text/html"),
            ("x-oss-meta-author", "alice"),
            ("x-oss-meta-magic", "abracadabra"),
            ("x-oss-date", "Wed, 28 Dec 2022 10:27:41 GMT"),
            ("Date", "Wed, 28 Dec 2022 10:27:41 GMT"),
        ])
    }

    const SDK_DATE: &str = "Wed, 28 Dec 2022 10:27:41 GMT";

    #[test]
    fn sdk_header_object() {
        let headers = sdk_headers();
        let r = req("PUT", Some("examplebucket"), Some("nelson"), &[], &headers);
        let (auth, sts) = authorization(&ak_sk(None), &r, SDK_DATE);
        assert_eq!(
            sts,
            "PUT\neB5eJF1ptWaXm4bijSPyxw==\ntext/html\nWed, 28 Dec 2022 10:27:41 GMT\n\
             x-oss-date:Wed, 28 Dec 2022 10:27:41 GMT\nx-oss-meta-author:alice\n\
             x-oss-meta-magic:abracadabra\n/examplebucket/nelson"
        );
        assert_eq!(auth, "OSS ak:kSHKmLxlyEAKtZPkJhG9bZb5k7M=");
    }

    #[test]
    fn sdk_header_acl() {
        let headers = sdk_headers();
        let query = q(&[("acl", None)]);
        let r = req(
            "PUT",
            Some("examplebucket"),
            Some("nelson"),
            &query,
            &headers,
        );
        let (auth, sts) = authorization(&ak_sk(None), &r, SDK_DATE);
        assert!(sts.ends_with("\n/examplebucket/nelson?acl"));
        assert_eq!(auth, "OSS ak:/afkugFbmWDQ967j1vr6zygBLQk=");
        // An explicit empty value canonicalises the same as a bare flag.
        let query = q(&[("acl", Some(""))]);
        let r = req(
            "PUT",
            Some("examplebucket"),
            Some("nelson"),
            &query,
            &headers,
        );
        assert_eq!(authorization(&ak_sk(None), &r, SDK_DATE).0, auth);
    }

    #[test]
    fn sdk_header_resource_group_and_unsigned_param() {
        // Go SDK v2 case 3/4: bucket-level GET; `non-resousce` must be ignored.
        let headers = h(&[("x-oss-date", SDK_DATE)]);
        let query = q(&[("resourceGroup", None), ("non-resousce", Some("null"))]);
        let r = req("GET", Some("examplebucket"), None, &query, &headers);
        let (auth, sts) = authorization(&ak_sk(None), &r, SDK_DATE);
        assert_eq!(
            sts,
            "GET\n\n\nWed, 28 Dec 2022 10:27:41 GMT\nx-oss-date:Wed, 28 Dec 2022 10:27:41 GMT\n\
             /examplebucket/?resourceGroup"
        );
        assert_eq!(auth, "OSS ak:vkQmfuUDyi1uDi3bKt67oemssIs=");

        let query = q(&[("resourceGroup", None), ("acl", None)]);
        let r = req("GET", Some("examplebucket"), None, &query, &headers);
        let (auth, sts) = authorization(&ak_sk(None), &r, SDK_DATE);
        assert!(sts.ends_with("/examplebucket/?acl&resourceGroup"));
        assert_eq!(auth, "OSS ak:x3E5TgOvl/i7PN618s5mEvpJDYk=");
    }

    #[test]
    fn sdk_presign() {
        let query = q(&[("versionId", Some("versionId"))]);
        let r = req("GET", Some("bucket"), Some("key"), &query, &[]);
        let (params, sts) = presign(&ak_sk(None), &r, 1_699_807_420);
        assert_eq!(sts, "GET\n\n\n1699807420\n/bucket/key?versionId=versionId");
        assert_eq!(
            params,
            h(&[
                ("OSSAccessKeyId", "ak"),
                ("Expires", "1699807420"),
                ("Signature", "dcLTea+Yh9ApirQ8o8dOPqtvJXQ="),
            ])
        );
        assert_eq!(rfc3986(&params[2].1), "dcLTea%2BYh9ApirQ8o8dOPqtvJXQ%3D");
    }

    #[test]
    fn sdk_presign_with_token() {
        let query = q(&[("versionId", Some("versionId"))]);
        let r = req("GET", Some("bucket"), Some("key+123"), &query, &[]);
        let (params, sts) = presign(&ak_sk(Some("token")), &r, 1_699_808_204);
        assert_eq!(
            sts,
            "GET\n\n\n1699808204\n/bucket/key+123?security-token=token&versionId=versionId"
        );
        assert_eq!(rfc3986(&params[2].1), "jzKYRrM5y6Br0dRFPaTGOsbrDhY%3D");
        assert_eq!(params[3], ("security-token".into(), "token".into()));
        assert_eq!(params.len(), 4);
    }

    #[test]
    fn resource_shapes() {
        let r = req("GET", None, None, &[], &[]);
        assert_eq!(canonical_resource(&r), "/");
        let r = req("GET", Some("b"), None, &[], &[]);
        assert_eq!(canonical_resource(&r), "/b/");
        let r = req("GET", Some("b"), Some("k"), &[], &[]);
        assert_eq!(canonical_resource(&r), "/b/k");
    }

    #[test]
    fn keys_are_signed_raw() {
        for key in [
            "a b.txt",
            "a+b",
            "100%",
            "what?.txt",
            "c#sharp",
            "~tilde",
            "中文/文件.txt",
            ".hidden",
            "-dash",
            "dir/sub/",
        ] {
            let r = req("GET", Some("b"), Some(key), &[], &[]);
            assert_eq!(canonical_resource(&r), format!("/b/{key}"));
        }
    }

    #[test]
    fn subresources_sorted_and_filtered() {
        let query = q(&[
            ("uploadId", Some("x")),
            ("max-keys", Some("10")),
            ("partNumber", Some("1")),
            ("prefix", Some("a/")),
        ]);
        let r = req("PUT", Some("b"), Some("k"), &query, &[]);
        assert_eq!(canonical_resource(&r), "/b/k?partNumber=1&uploadId=x");

        let query = q(&[("uploads", None)]);
        let r = req("POST", Some("b"), Some("k"), &query, &[]);
        assert_eq!(canonical_resource(&r), "/b/k?uploads");

        let query = q(&[
            ("x-oss-process", Some("image/resize,w_100")),
            ("response-content-type", Some("text/plain")),
        ]);
        let r = req("GET", Some("b"), Some("k"), &query, &[]);
        assert_eq!(
            canonical_resource(&r),
            "/b/k?response-content-type=text/plain&x-oss-process=image/resize,w_100"
        );
    }

    #[test]
    fn non_subresource_query_does_not_change_signature() {
        let headers = h(&[("Date", SDK_DATE)]);
        let plain = req("GET", Some("b"), None, &[], &headers);
        let query = q(&[
            ("prefix", Some("x")),
            ("delimiter", Some("/")),
            ("max-keys", Some("5")),
            ("list-type", Some("2")),
            ("encoding-type", Some("url")),
            ("marker", Some("")),
            ("ACL", None),
        ]);
        let listed = req("GET", Some("b"), None, &query, &headers);
        assert_eq!(
            authorization(&ak_sk(None), &plain, SDK_DATE),
            authorization(&ak_sk(None), &listed, SDK_DATE)
        );
        // ...but a sub-resource does.
        let query = q(&[("continuation-token", Some("t"))]);
        let next = req("GET", Some("b"), None, &query, &headers);
        assert_ne!(
            authorization(&ak_sk(None), &plain, SDK_DATE).0,
            authorization(&ak_sk(None), &next, SDK_DATE).0
        );
    }

    #[test]
    fn repeated_oss_headers_are_joined() {
        let headers = h(&[("x-oss-meta-a", "1"), ("X-Oss-Meta-A", " 2 ")]);
        let r = req("GET", Some("b"), Some("k"), &[], &headers);
        assert_eq!(
            string_to_sign(&r, "D"),
            "GET\n\n\nD\nx-oss-meta-a:1,2\n/b/k"
        );
    }

    #[test]
    fn date_format() {
        let t = DateTime::from_timestamp(1_672_223_261, 0).unwrap();
        assert_eq!(format_date(t), SDK_DATE);
        let t = DateTime::from_timestamp(0, 0).unwrap();
        assert_eq!(format_date(t), "Thu, 01 Jan 1970 00:00:00 GMT");
    }

    #[test]
    fn parse_auth() {
        assert_eq!(
            parse_authorization("OSS ak:kSHKmLxlyEAKtZPkJhG9bZb5k7M="),
            Some(("ak".into(), "kSHKmLxlyEAKtZPkJhG9bZb5k7M=".into()))
        );
        for bad in [
            "",
            "OSS",
            "OSS ak",
            "OSS :sig",
            "OSS ak:",
            "OSS4-HMAC-SHA256 Credential=x",
            "oss ak:sig",
            "OSS a:b:c",
            "OSS a k:sig",
        ] {
            assert_eq!(parse_authorization(bad), None, "{bad:?}");
        }
    }
}
