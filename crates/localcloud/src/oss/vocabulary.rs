//! What the local OSS understands of a request, in one table: which operation a method, path and
//! query name, and which query parameters and headers each operation takes. Anything outside the
//! table is refused with 501 NotImplemented before it can be misread: a PutSymlink (a PUT with
//! `x-oss-symlink-target`) must not store an empty object and answer 200, a GET with `?acl` must not
//! send the object's bytes, a listing with `?versions` must not come back as a plain listing.
//!
//! The rule: every query parameter must be in the operation's list; every `x-oss-*` header must be
//! a signing header, user metadata, or in the operation's list (with an accepted value); the
//! standard headers that change a request's meaning (conditions) are only taken where they are
//! implemented. Other standard headers (Content-Type, Cache-Control, Accept-Encoding…) mean the
//! same here as anywhere in HTTP and pass.

use axum::http::{HeaderMap, Method};

use super::request::value;

/// The operations the local OSS implements, named as OSS's API names them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Operation {
    GetObject,
    HeadObject,
    GetObjectMeta,
    PutObject,
    /// A PUT with `x-oss-copy-source` (and no part number).
    CopyObject,
    DeleteObject,
    /// `POST /?delete`: each key is authorized on its own, by the handler.
    DeleteMultipleObjects,
    /// Both versions: `list-type=2` picks ListObjectsV2's parameters and answer.
    ListObjects,
    InitiateMultipartUpload,
    UploadPart,
    /// An UploadPart with `x-oss-copy-source`.
    UploadPartCopy,
    CompleteMultipartUpload,
    AbortMultipartUpload,
    ListParts,
    /// `GET /key?acl`.
    GetObjectAcl,
    /// `PUT /key?acl` with `x-oss-object-acl`.
    PutObjectAcl,
}

impl Operation {
    pub fn name(self) -> &'static str {
        match self {
            Operation::GetObject => "GetObject",
            Operation::HeadObject => "HeadObject",
            Operation::GetObjectMeta => "GetObjectMeta",
            Operation::PutObject => "PutObject",
            Operation::CopyObject => "CopyObject",
            Operation::DeleteObject => "DeleteObject",
            Operation::DeleteMultipleObjects => "DeleteMultipleObjects",
            Operation::ListObjects => "ListObjects",
            Operation::InitiateMultipartUpload => "InitiateMultipartUpload",
            Operation::UploadPart => "UploadPart",
            Operation::UploadPartCopy => "UploadPartCopy",
            Operation::CompleteMultipartUpload => "CompleteMultipartUpload",
            Operation::AbortMultipartUpload => "AbortMultipartUpload",
            Operation::ListParts => "ListParts",
            Operation::GetObjectAcl => "GetObjectAcl",
            Operation::PutObjectAcl => "PutObjectAcl",
        }
    }

    /// The RAM action a policy must allow (HeadObject and GetObjectMeta are checked as GetObject,
    /// the multipart writes as PutObject, as OSS documents). The copies are PutObject on the
    /// target here and GetObject on the source in their handler; DeleteMultipleObjects is
    /// DeleteObject on each key, checked by its handler (the pipeline checks nothing for it).
    pub fn action(self) -> &'static str {
        match self {
            Operation::GetObject | Operation::HeadObject | Operation::GetObjectMeta => {
                "oss:GetObject"
            }
            Operation::PutObject
            | Operation::CopyObject
            | Operation::InitiateMultipartUpload
            | Operation::UploadPart
            | Operation::UploadPartCopy
            | Operation::CompleteMultipartUpload => "oss:PutObject",
            Operation::DeleteObject | Operation::DeleteMultipleObjects => "oss:DeleteObject",
            Operation::ListObjects => "oss:ListObjects",
            Operation::AbortMultipartUpload => "oss:AbortMultipartUpload",
            Operation::ListParts => "oss:ListParts",
            Operation::GetObjectAcl => "oss:GetObjectAcl",
            Operation::PutObjectAcl => "oss:PutObjectAcl",
        }
    }

    /// Query parameters the operation takes, beside the signing ones.
    fn parameters(self, query: &[(String, Option<String>)]) -> &'static [&'static str] {
        match self {
            Operation::GetObject => &[
                "response-cache-control",
                "response-content-disposition",
                "response-content-encoding",
                "response-content-language",
                "response-content-type",
                "response-expires",
            ],
            Operation::GetObjectMeta => &["objectMeta"],
            Operation::ListObjects if value(query, "list-type") == Some("2") => &[
                "list-type",
                "prefix",
                "delimiter",
                "max-keys",
                "continuation-token",
                "start-after",
                "fetch-owner",
                "encoding-type",
            ],
            Operation::ListObjects => {
                &["prefix", "delimiter", "max-keys", "marker", "encoding-type"]
            }
            Operation::InitiateMultipartUpload => &["uploads", "encoding-type"],
            Operation::UploadPart | Operation::UploadPartCopy => &["partNumber", "uploadId"],
            Operation::DeleteMultipleObjects => &["delete", "encoding-type"],
            Operation::CompleteMultipartUpload => &["uploadId", "encoding-type"],
            Operation::AbortMultipartUpload => &["uploadId"],
            Operation::ListParts => &[
                "uploadId",
                "max-parts",
                "part-number-marker",
                "encoding-type",
            ],
            Operation::GetObjectAcl | Operation::PutObjectAcl => &["acl"],
            Operation::HeadObject
            | Operation::PutObject
            | Operation::CopyObject
            | Operation::DeleteObject => &[],
        }
    }

    /// `x-oss-*` headers the operation takes beside those every request may carry, each with
    /// the values implemented (`None`: any value, checked by the operation itself).
    fn oss_headers(self) -> &'static [(&'static str, Option<&'static [&'static str]>)] {
        // The ACL and the storage class an object is written with; their values are checked by
        // `attributes`, which answers a bad one with OSS's 400 rather than a 501.
        const ACL: (&str, Option<&[&str]>) = ("x-oss-object-acl", None);
        const CLASS: (&str, Option<&[&str]>) = ("x-oss-storage-class", None);
        // The source of a copy and its conditions, read by the copy handlers.
        const SOURCE: (&str, Option<&[&str]>) = ("x-oss-copy-source", None);
        const IF_MATCH: (&str, Option<&[&str]>) = ("x-oss-copy-source-if-match", None);
        const IF_NONE: (&str, Option<&[&str]>) = ("x-oss-copy-source-if-none-match", None);
        const IF_MOD: (&str, Option<&[&str]>) = ("x-oss-copy-source-if-modified-since", None);
        const IF_UNMOD: (&str, Option<&[&str]>) = ("x-oss-copy-source-if-unmodified-since", None);
        match self {
            Operation::GetObject => &[("x-oss-range-behavior", Some(&["standard"]))],
            Operation::PutObject => &[ACL, CLASS],
            // The ACL of a multipart upload is given at Complete; `default` here asks nothing.
            Operation::InitiateMultipartUpload => {
                &[("x-oss-object-acl", Some(&["default"])), CLASS]
            }
            Operation::CopyObject => &[
                SOURCE,
                IF_MATCH,
                IF_NONE,
                IF_MOD,
                IF_UNMOD,
                ("x-oss-metadata-directive", Some(&["COPY", "REPLACE"])),
                ACL,
                CLASS,
            ],
            Operation::UploadPartCopy => &[
                SOURCE,
                IF_MATCH,
                IF_NONE,
                IF_MOD,
                IF_UNMOD,
                ("x-oss-copy-source-range", None),
            ],
            Operation::CompleteMultipartUpload => &[ACL, ("x-oss-complete-all", Some(&["yes"]))],
            Operation::PutObjectAcl => &[ACL],
            _ => &[],
        }
    }

    /// Whether the operation has a body of its own to read (the others may only carry an empty
    /// one, whose Content-MD5 is still checked).
    pub fn takes_body(self) -> bool {
        matches!(
            self,
            Operation::PutObject
                | Operation::UploadPart
                | Operation::CompleteMultipartUpload
                | Operation::DeleteMultipleObjects
        )
    }

    /// Whether the HTTP precondition headers (If-Match…) are implemented for the operation.
    fn takes_conditions(self) -> bool {
        matches!(self, Operation::GetObject | Operation::HeadObject)
    }
}

/// Query parameters of the signature itself (v1 and v4 presigned URLs), welcome on any request.
pub(crate) const SIGNING_PARAMETERS: &[&str] = &[
    "OSSAccessKeyId",
    "Expires",
    "Signature",
    "security-token",
    "x-oss-signature-version",
    "x-oss-credential",
    "x-oss-date",
    "x-oss-expires",
    "x-oss-signature",
    "x-oss-additional-headers",
    "x-oss-security-token",
];

/// Parameters and headers that change nothing the local cloud does, on any request:
/// `x-oss-traffic-limit` only slows a transfer down, `x-oss-request-payer` only says who pays.
const NO_EFFECT: &[&str] = &["x-oss-traffic-limit", "x-oss-request-payer"];

/// `x-oss-*` headers any request may carry: the signature's, the caller's request id, and
/// `x-oss-forbid-overwrite` (implemented by the writes, meaningless elsewhere).
const SIGNING_HEADERS: &[&str] = &[
    "x-oss-date",
    "x-oss-content-sha256",
    "x-oss-security-token",
    "x-oss-request-id",
    "x-oss-forbid-overwrite",
];

/// Standard headers whose meaning the local cloud implements only where `takes_conditions`.
const CONDITIONS: &[&str] = &[
    "if-match",
    "if-none-match",
    "if-modified-since",
    "if-unmodified-since",
];

/// What OSS operation a refused header or parameter most likely asked for, to say so.
fn known_as(name: &str) -> Option<&'static str> {
    Some(match name {
        "x-oss-copy-source" | "x-oss-metadata-directive" | "x-oss-tagging-directive" => {
            "CopyObject or UploadPartCopy"
        }
        n if n.starts_with("x-oss-copy-source-") => "CopyObject or UploadPartCopy",
        "x-oss-symlink-target" | "symlink" => "PutSymlink or GetSymlink",
        "x-oss-tagging" | "tagging" => "object tagging",
        "x-oss-object-acl" => {
            "object ACLs, given on PutObject, CopyObject, CompleteMultipartUpload or PutObjectACL"
        }
        "acl" => "bucket ACLs",
        "x-oss-storage-class" => "storage classes, taken by the writes",
        "restore" => "RestoreObject",
        n if n.starts_with("x-oss-server-side-") => "server-side encryption",
        "x-oss-callback" | "x-oss-callback-var" => "upload callbacks",
        "x-oss-process" => "data processing (x-oss-process)",
        "append" | "position" => "AppendObject",
        "versionId" | "versioning" | "versions" => "versioning",
        "uploads" => "ListMultipartUploads",
        n if n.starts_with("x-oss-object-worm-") || n == "retention" || n == "legalHold" => {
            "object retention"
        }
        "if-range" => "If-Range",
        _ => return None,
    })
}

/// The sentence of a 501: what was asked that the local cloud does not do.
fn refusal(what: String, name: &str) -> String {
    match known_as(name) {
        Some(feature) => format!("{what} ({feature})"),
        None => what,
    }
}

/// The operation a request names, or why the local cloud refuses it (the text of the 501).
pub(crate) fn classify(
    method: &Method,
    has_key: bool,
    query: &[(String, Option<String>)],
    headers: &HeaderMap,
) -> Result<Operation, String> {
    let has = |name: &str| query.iter().any(|(k, _)| k == name);
    let copy = headers.contains_key("x-oss-copy-source");
    let operation = match (method.as_str(), has_key) {
        ("GET", true) if has("uploadId") => Some(Operation::ListParts),
        ("GET", true) if has("acl") => Some(Operation::GetObjectAcl),
        ("GET", true) => Some(Operation::GetObject),
        ("HEAD", true) if has("objectMeta") => Some(Operation::GetObjectMeta),
        ("HEAD", true) => Some(Operation::HeadObject),
        ("PUT", true) if has("partNumber") && has("uploadId") && copy => {
            Some(Operation::UploadPartCopy)
        }
        ("PUT", true) if has("partNumber") && has("uploadId") => Some(Operation::UploadPart),
        // Before the copy: `?acl` with a copy source is no copy, and is refused for the header.
        ("PUT", true) if has("acl") => Some(Operation::PutObjectAcl),
        ("PUT", true) if copy => Some(Operation::CopyObject),
        ("PUT", true) => Some(Operation::PutObject),
        ("POST", true) if has("uploads") => Some(Operation::InitiateMultipartUpload),
        ("POST", true) if has("uploadId") => Some(Operation::CompleteMultipartUpload),
        ("DELETE", true) if has("uploadId") => Some(Operation::AbortMultipartUpload),
        ("DELETE", true) => Some(Operation::DeleteObject),
        ("GET", false) => Some(Operation::ListObjects),
        ("POST", false) if has("delete") => Some(Operation::DeleteMultipleObjects),
        _ => None,
    };
    let shown: Vec<&str> = query
        .iter()
        .map(|(k, _)| k.as_str())
        .filter(|k| !SIGNING_PARAMETERS.contains(k))
        .collect();
    let Some(operation) = operation else {
        let target = if has_key { "an object" } else { "a bucket" };
        let what = if shown.is_empty() {
            format!("{method} on {target}")
        } else {
            format!("{method} on {target} with ?{}", shown.join("&"))
        };
        let name = shown.first().copied().unwrap_or_default();
        return Err(refusal(what, name));
    };
    let op = operation.name();
    let allowed = operation.parameters(query);
    for name in shown {
        if !allowed.contains(&name) && !NO_EFFECT.contains(&name) {
            return Err(refusal(format!("{op} with the ?{name} parameter"), name));
        }
    }
    if operation == Operation::ListObjects {
        if let Some(t) = value(query, "list-type").filter(|t| *t != "2") {
            return Err(format!("ListObjects with list-type={t}"));
        }
    }
    for (name, v) in headers {
        let name = name.as_str();
        let v = v.to_str().unwrap_or_default().trim();
        if CONDITIONS.contains(&name) && !operation.takes_conditions() {
            return Err(format!("{op} with the {name} header"));
        }
        if name == "if-range" {
            return Err(refusal(format!("{op} with the {name} header"), name));
        }
        if !name.starts_with("x-oss-")
            || name.starts_with("x-oss-meta-")
            || NO_EFFECT.contains(&name)
        {
            continue;
        }
        if SIGNING_HEADERS.contains(&name) {
            // The payload hash is never checked here: only an unsigned payload is honest.
            if name == "x-oss-content-sha256" && v != "UNSIGNED-PAYLOAD" {
                return Err(format!(
                    "{op} with a signed payload (x-oss-content-sha256: {v})"
                ));
            }
            continue;
        }
        match operation.oss_headers().iter().find(|(h, _)| *h == name) {
            Some((_, None)) => {}
            Some((_, Some(values))) if values.iter().any(|x| x.eq_ignore_ascii_case(v)) => {}
            Some(_) => return Err(refusal(format!("{op} with {name}: {v}"), name)),
            None => return Err(refusal(format!("{op} with the {name} header"), name)),
        }
    }
    Ok(operation)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(pairs: &[(&str, Option<&str>)]) -> Vec<(String, Option<String>)> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.map(str::to_string)))
            .collect()
    }

    fn h(pairs: &[(&str, &str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (k, v) in pairs {
            map.append(
                axum::http::HeaderName::from_bytes(k.as_bytes()).unwrap(),
                v.parse().unwrap(),
            );
        }
        map
    }

    fn op(method: Method, key: bool, query: &[(&str, Option<&str>)]) -> Result<Operation, String> {
        classify(&method, key, &q(query), &HeaderMap::new())
    }

    #[test]
    fn operations_are_told_apart() {
        use Operation::*;
        assert_eq!(
            op(Method::POST, true, &[("uploads", None)]),
            Ok(InitiateMultipartUpload)
        );
        assert_eq!(
            op(
                Method::PUT,
                true,
                &[("partNumber", Some("1")), ("uploadId", Some("U"))]
            ),
            Ok(UploadPart)
        );
        assert_eq!(
            op(Method::POST, true, &[("uploadId", Some("U"))]),
            Ok(CompleteMultipartUpload)
        );
        assert_eq!(
            op(Method::DELETE, true, &[("uploadId", Some("U"))]),
            Ok(AbortMultipartUpload)
        );
        assert_eq!(
            op(Method::GET, true, &[("uploadId", Some("U"))]),
            Ok(ListParts)
        );
        assert_eq!(
            op(Method::GET, false, &[("list-type", Some("2"))]),
            Ok(ListObjects)
        );
        assert_eq!(
            op(Method::GET, false, &[("marker", Some("a"))]),
            Ok(ListObjects)
        );
        assert_eq!(
            op(Method::HEAD, true, &[("objectMeta", None)]),
            Ok(GetObjectMeta)
        );
        assert_eq!(
            op(Method::POST, false, &[("delete", None)]),
            Ok(DeleteMultipleObjects)
        );
        assert_eq!(op(Method::GET, true, &[("acl", None)]), Ok(GetObjectAcl));
        assert_eq!(op(Method::PUT, true, &[("acl", None)]), Ok(PutObjectAcl));
        assert!(op(Method::GET, false, &[("acl", None)]).is_err());
        assert!(op(Method::POST, true, &[("delete", None)]).is_err());
        assert_eq!(
            op(
                Method::PUT,
                true,
                &[("OSSAccessKeyId", Some("a")), ("Expires", Some("1"))]
            ),
            Ok(PutObject)
        );
        assert_eq!(
            op(
                Method::GET,
                true,
                &[("response-content-type", Some("text/plain"))]
            ),
            Ok(GetObject)
        );
    }

    #[test]
    fn subresources_it_does_not_implement_are_refused() {
        for (method, key, query) in [
            (
                Method::GET,
                true,
                vec![("acl", None), ("uploadId", Some("U"))],
            ),
            (
                Method::PUT,
                true,
                vec![("acl", None), ("versionId", Some("v"))],
            ),
            (Method::DELETE, true, vec![("acl", None)]),
            (Method::GET, true, vec![("tagging", None)]),
            (Method::PUT, true, vec![("symlink", None)]),
            (
                Method::POST,
                true,
                vec![("append", None), ("position", Some("0"))],
            ),
            (Method::POST, true, vec![("restore", None)]),
            (
                Method::GET,
                true,
                vec![("x-oss-process", Some("image/resize,w_100"))],
            ),
            (Method::PUT, true, vec![("x-oss-process", Some("x"))]),
            (Method::GET, true, vec![("versionId", Some("v1"))]),
            (Method::DELETE, true, vec![("versionId", Some("v1"))]),
            (Method::GET, true, vec![("response-x-custom", Some("1"))]),
            (Method::GET, false, vec![("uploads", None)]),
            (Method::GET, false, vec![("versions", None)]),
            (Method::GET, false, vec![("acl", None)]),
            (Method::GET, false, vec![("cors", None)]),
            (
                Method::GET,
                false,
                vec![("list-type", Some("2")), ("marker", Some("a"))],
            ),
            (Method::GET, false, vec![("continuation-token", Some("a"))]),
            (Method::GET, false, vec![("list-type", Some("3"))]),
            (Method::PUT, false, vec![]),
            (Method::DELETE, false, vec![]),
            (
                Method::POST,
                true,
                vec![("uploads", None), ("sequential", None)],
            ),
            (Method::OPTIONS, true, vec![]),
        ] {
            let query: Vec<(&str, Option<&str>)> = query;
            let answer = op(method.clone(), key, &query);
            assert!(answer.is_err(), "{method} {key} {query:?}: {answer:?}");
        }
    }

    #[test]
    fn headers_it_does_not_implement_are_refused() {
        let put = |pairs: &[(&str, &str)]| classify(&Method::PUT, true, &[], &h(pairs));
        for pairs in [
            vec![("x-oss-copy-source-if-match", "\"E\"")],
            vec![("x-oss-symlink-target", "k")],
            vec![("x-oss-tagging", "a=b")],
            vec![("x-oss-server-side-encryption", "AES256")],
            vec![("x-oss-server-side-encryption-key-id", "k")],
            vec![("x-oss-metadata-directive", "REPLACE")],
            vec![
                ("x-oss-copy-source", "/b/k"),
                ("x-oss-metadata-directive", "MOVE"),
            ],
            vec![
                ("x-oss-copy-source", "/b/k"),
                ("x-oss-tagging-directive", "COPY"),
            ],
            vec![
                ("x-oss-copy-source", "/b/k"),
                ("x-oss-copy-source-range", "bytes=0-1"),
            ],
            vec![("x-oss-copy-source", "/b/k"), ("if-match", "\"E\"")],
            vec![("x-oss-tagging-directive", "COPY")],
            vec![("x-oss-callback", "e30=")],
            vec![("x-oss-object-worm-mode", "GOVERNANCE")],
            vec![("x-oss-something-new", "1")],
            vec![("x-oss-content-sha256", "e3b0c442")],
            vec![("if-match", "\"E\"")],
            vec![("if-none-match", "*")],
        ] {
            assert!(put(&pairs).is_err(), "{pairs:?}");
        }
        let directive = put(&[("x-oss-metadata-directive", "COPY")]).unwrap_err();
        assert!(directive.contains("CopyObject"), "{directive}");
        assert_eq!(
            put(&[
                ("x-oss-copy-source", "/b/k"),
                ("x-oss-metadata-directive", "replace"),
                ("x-oss-copy-source-if-match", "\"E\""),
            ]),
            Ok(Operation::CopyObject)
        );
        let part = [("partNumber", Some("1")), ("uploadId", Some("U"))];
        assert_eq!(
            classify(
                &Method::PUT,
                true,
                &q(&part),
                &h(&[
                    ("x-oss-copy-source", "/b/k"),
                    ("x-oss-copy-source-range", "bytes=0-9")
                ])
            ),
            Ok(Operation::UploadPartCopy)
        );
        for pairs in [
            vec![("x-oss-object-acl", "default")],
            vec![("x-oss-object-acl", "public-read")],
            vec![("x-oss-storage-class", "Standard")],
            vec![("x-oss-storage-class", "DeepColdArchive")],
            // The value is the handler's to check: a bad one is OSS's 400, not a 501.
            vec![("x-oss-storage-class", "Glacier")],
            vec![("x-oss-forbid-overwrite", "true")],
            vec![("x-oss-meta-color", "blue")],
            vec![("x-oss-date", "20260101T000000Z")],
            vec![("x-oss-content-sha256", "UNSIGNED-PAYLOAD")],
            vec![("x-oss-security-token", "t")],
            vec![("x-oss-traffic-limit", "819200")],
            vec![("content-md5", "1B2M2Y8AsgTpgAmY7PhCfg==")],
            vec![("cache-control", "no-cache")],
        ] {
            assert_eq!(put(&pairs), Ok(Operation::PutObject), "{pairs:?}");
        }
        let get = |pairs: &[(&str, &str)]| classify(&Method::GET, true, &[], &h(pairs));
        assert_eq!(get(&[("if-match", "\"E\"")]), Ok(Operation::GetObject));
        assert_eq!(
            get(&[("x-oss-range-behavior", "standard")]),
            Ok(Operation::GetObject)
        );
        assert!(get(&[("x-oss-range-behavior", "other")]).is_err());
        assert!(get(&[("if-range", "\"E\"")]).is_err());
        assert!(get(&[("x-oss-multi-range-behavior", "multi-range")]).is_err());
        let del = classify(&Method::DELETE, true, &[], &h(&[("if-match", "\"E\"")]));
        assert!(del.is_err());
        // PutObjectACL takes the ACL and nothing that would make it a write or a copy.
        let acl =
            |pairs: &[(&str, &str)]| classify(&Method::PUT, true, &q(&[("acl", None)]), &h(pairs));
        assert_eq!(
            acl(&[("x-oss-object-acl", "private")]),
            Ok(Operation::PutObjectAcl)
        );
        assert!(acl(&[("x-oss-copy-source", "/b/k")]).is_err());
        assert!(acl(&[("x-oss-storage-class", "IA")]).is_err());
        // Initiate takes the class; the ACL is Complete's (only `default`, meaning nothing, here).
        let initiate = |pairs: &[(&str, &str)]| {
            classify(&Method::POST, true, &q(&[("uploads", None)]), &h(pairs))
        };
        assert!(initiate(&[
            ("x-oss-storage-class", "IA"),
            ("x-oss-object-acl", "default")
        ])
        .is_ok());
        assert!(initiate(&[("x-oss-object-acl", "private")]).is_err());
        let complete = classify(
            &Method::POST,
            true,
            &q(&[("uploadId", Some("U"))]),
            &h(&[("x-oss-object-acl", "private")]),
        );
        assert_eq!(complete, Ok(Operation::CompleteMultipartUpload));
        // A part has no class of its own: the upload's is given at Initiate.
        let part = classify(
            &Method::PUT,
            true,
            &q(&[("partNumber", Some("1")), ("uploadId", Some("U"))]),
            &h(&[("x-oss-storage-class", "IA")]),
        );
        assert!(part.is_err());
    }
}
