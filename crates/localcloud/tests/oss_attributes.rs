//! What the local OSS keeps with an object beside its bytes, over HTTP as a client meets it: the
//! storage class (given on PutObject, InitiateMultipartUpload and CopyObject; shown on GET, HEAD,
//! the listings and ListParts; an archived object's bytes refused), the object ACL (given on
//! PutObject, CopyObject and CompleteMultipartUpload, read and set with GetObjectACL and
//! PutObjectACL, and decided by RAM as OSS documents),
//! and the headers a tree copy sends (Cache-Control, Content-Disposition, Content-Encoding,
//! Expires, Content-Type, `x-oss-meta-*`), through PutObject, multipart and CopyObject's COPY and
//! REPLACE.
//!
//! The user's policy allows both buckets but denies PutObjectACL under `fixed/`, GetObjectACL
//! under `noacl/`, and a write under `open/` that makes the object public-read-write.

mod common;

use std::io::{Read, Write};
use std::net::TcpStream;

use alicli_localcloud::{Running, DEFAULT_BUCKET};
use common::{between, oss, Reply, OTHER_BUCKET};

fn cloud() -> Running {
    let b = DEFAULT_BUCKET;
    common::cloud_with(format!(
        r#"{{"Version":"1","Statement":[
            {{"Effect":"Allow","Action":"oss:*","Resource":["acs:oss:*:*:{b}","acs:oss:*:*:{b}/*","acs:oss:*:*:{OTHER_BUCKET}","acs:oss:*:*:{OTHER_BUCKET}/*"]}},
            {{"Effect":"Deny","Action":"oss:PutObjectAcl","Resource":"acs:oss:*:*:{b}/fixed/*"}},
            {{"Effect":"Deny","Action":"oss:GetObjectAcl","Resource":"acs:oss:*:*:{b}/noacl/*"}},
            {{"Effect":"Deny","Action":"oss:PutObject","Resource":"acs:oss:*:*:{b}/open/*",
              "Condition":{{"StringEquals":{{"oss:x-oss-object-acl":"public-read-write"}}}}}}]}}"#
    ))
}

fn put(cloud: &Running, key: &str, body: &str, extra: &[(&str, &str)]) -> Reply {
    oss(
        cloud,
        "PUT",
        DEFAULT_BUCKET,
        key,
        &[],
        extra,
        body.as_bytes(),
    )
}

fn get(cloud: &Running, key: &str) -> Reply {
    oss(cloud, "GET", DEFAULT_BUCKET, key, &[], &[], b"")
}

fn head(cloud: &Running, key: &str) -> Reply {
    oss(cloud, "HEAD", DEFAULT_BUCKET, key, &[], &[], b"")
}

fn copy(cloud: &Running, source: &str, target: &str, extra: &[(&str, &str)]) -> Reply {
    let source = format!("/{DEFAULT_BUCKET}/{source}");
    let mut headers = vec![("x-oss-copy-source", source.as_str())];
    headers.extend_from_slice(extra);
    oss(cloud, "PUT", DEFAULT_BUCKET, target, &[], &headers, b"")
}

fn acl_of(cloud: &Running, key: &str) -> Reply {
    oss(
        cloud,
        "GET",
        DEFAULT_BUCKET,
        key,
        &[("acl", None)],
        &[],
        b"",
    )
}

fn grant(cloud: &Running, key: &str) -> String {
    let r = acl_of(cloud, key);
    assert_eq!(r.status, 200, "{}", r.body);
    between(&r.body, "<Grant>", "</Grant>").unwrap().to_string()
}

fn set_acl(cloud: &Running, key: &str, extra: &[(&str, &str)]) -> Reply {
    oss(
        cloud,
        "PUT",
        DEFAULT_BUCKET,
        key,
        &[("acl", None)],
        extra,
        b"",
    )
}

/// The bytes of a multipart upload of `parts`, started with `initiate` headers and completed
/// with `complete` headers: the answers of Initiate, ListParts and Complete.
fn multipart(
    cloud: &Running,
    key: &str,
    initiate: &[(&str, &str)],
    complete: &[(&str, &str)],
) -> (Reply, Reply, Reply) {
    let started = oss(
        cloud,
        "POST",
        DEFAULT_BUCKET,
        key,
        &[("uploads", None)],
        initiate,
        b"",
    );
    assert_eq!(started.status, 200, "{}", started.body);
    let upload = between(&started.body, "<UploadId>", "</UploadId>")
        .unwrap()
        .to_string();
    let q = [("uploadId", Some(upload.as_str()))];
    let part = oss(
        cloud,
        "PUT",
        DEFAULT_BUCKET,
        key,
        &[("partNumber", Some("1")), ("uploadId", Some(&upload))],
        &[],
        b"the only part",
    );
    assert_eq!(part.status, 200, "{}", part.body);
    let parts = oss(cloud, "GET", DEFAULT_BUCKET, key, &q, &[], b"");
    let done = oss(cloud, "POST", DEFAULT_BUCKET, key, &q, complete, b"");
    (started, parts, done)
}

fn with_complete_all<'a>(extra: &[(&'a str, &'a str)]) -> Vec<(&'a str, &'a str)> {
    let mut headers = vec![("x-oss-complete-all", "yes")];
    headers.extend_from_slice(extra);
    headers
}

#[test]
fn storage_classes_are_kept_and_shown() {
    let cloud = cloud();
    for class in [
        "Standard",
        "IA",
        "Archive",
        "ColdArchive",
        "DeepColdArchive",
    ] {
        let key = format!("class/{class}");
        let r = put(&cloud, &key, "bytes", &[("x-oss-storage-class", class)]);
        assert_eq!(r.status, 200, "{class}: {}", r.body);
        let h = head(&cloud, &key);
        assert_eq!(h.status, 200, "HEAD works whatever the class");
        assert_eq!(h.header("x-oss-storage-class"), Some(class));
    }
    let r = put(&cloud, "class/none", "bytes", &[]);
    assert_eq!(r.status, 200);
    assert_eq!(
        head(&cloud, "class/none").header("x-oss-storage-class"),
        Some("Standard")
    );
    // IA is read at once; the archive classes wait for a restore the local cloud never does.
    let r = get(&cloud, "class/IA");
    assert_eq!((r.status, r.body.as_str()), (200, "bytes"));
    assert_eq!(r.header("x-oss-storage-class"), Some("IA"));
    for class in ["Archive", "ColdArchive", "DeepColdArchive"] {
        let r = get(&cloud, &format!("class/{class}"));
        assert_eq!(
            (r.status, r.code()),
            (403, "InvalidObjectState"),
            "{}",
            r.body
        );
        assert!(r.body.contains("0016-00000404"), "{}", r.body);
    }
    // Both listings name each object's class.
    for query in [
        vec![("prefix", Some("class/"))],
        vec![("list-type", Some("2")), ("prefix", Some("class/"))],
    ] {
        let r = oss(&cloud, "GET", DEFAULT_BUCKET, "", &query, &[], b"");
        assert_eq!(r.status, 200, "{}", r.body);
        for (key, class) in [
            ("class/Archive", "Archive"),
            ("class/IA", "IA"),
            ("class/none", "Standard"),
            ("class/DeepColdArchive", "DeepColdArchive"),
        ] {
            let entry = format!("<Key>{key}</Key>");
            let at = r
                .body
                .find(&entry)
                .unwrap_or_else(|| panic!("{key} in {}", r.body));
            let shown = between(&r.body[at..], "<StorageClass>", "</StorageClass>");
            assert_eq!(shown, Some(class), "{key}");
        }
    }
    // Values as OSS spells them, nothing else; a refused write stores nothing.
    for (value, ec) in [
        ("ia", "0017-00000132"),
        ("standard", "0017-00000132"),
        ("Glacier", "0017-00000132"),
        ("", "0017-00000131"),
    ] {
        let r = put(
            &cloud,
            "class/refused",
            "x",
            &[("x-oss-storage-class", value)],
        );
        assert_eq!((r.status, r.code()), (400, "InvalidArgument"), "{value:?}");
        assert!(r.body.contains(ec), "{value:?}: {}", r.body);
    }
    assert_eq!(head(&cloud, "class/refused").status, 404);
}

#[test]
fn multipart_uploads_complete_into_the_class_and_acl_given() {
    let cloud = cloud();
    let (_, parts, done) = multipart(
        &cloud,
        "mp/cold",
        &[
            ("x-oss-storage-class", "ColdArchive"),
            ("x-oss-object-acl", "default"),
        ],
        &with_complete_all(&[("x-oss-object-acl", "private")]),
    );
    assert_eq!(parts.status, 200, "{}", parts.body);
    assert!(
        parts
            .body
            .contains("<StorageClass>ColdArchive</StorageClass>"),
        "{}",
        parts.body
    );
    assert_eq!(done.status, 200, "{}", done.body);
    assert_eq!(
        head(&cloud, "mp/cold").header("x-oss-storage-class"),
        Some("ColdArchive")
    );
    assert_eq!(grant(&cloud, "mp/cold"), "private");
    assert_eq!(get(&cloud, "mp/cold").code(), "InvalidObjectState");
    // Without an ACL at Complete, the object's is default.
    let (_, parts, done) = multipart(
        &cloud,
        "mp/ia",
        &[("x-oss-storage-class", "IA")],
        &with_complete_all(&[]),
    );
    assert!(parts.body.contains("<StorageClass>IA</StorageClass>"));
    assert_eq!(done.status, 200, "{}", done.body);
    assert_eq!(grant(&cloud, "mp/ia"), "default");
    assert_eq!(get(&cloud, "mp/ia").body, "the only part");
    // OSS documents no ACL on Initiate (the SDKs give it at Complete): refused, not guessed.
    let r = oss(
        &cloud,
        "POST",
        DEFAULT_BUCKET,
        "mp/refused",
        &[("uploads", None)],
        &[("x-oss-object-acl", "private")],
        b"",
    );
    assert_eq!((r.status, r.code()), (501, "NotImplemented"), "{}", r.body);
    // A bad class is refused at Initiate, before an upload exists.
    let r = oss(
        &cloud,
        "POST",
        DEFAULT_BUCKET,
        "mp/refused",
        &[("uploads", None)],
        &[("x-oss-storage-class", "cold")],
        b"",
    );
    assert_eq!((r.status, r.code()), (400, "InvalidArgument"));
}

#[test]
fn copies_take_the_class_and_acl_they_are_given() {
    let cloud = cloud();
    let r = put(
        &cloud,
        "cp/src",
        "copied bytes",
        &[
            ("x-oss-storage-class", "IA"),
            ("x-oss-object-acl", "public-read"),
            ("x-oss-meta-color", "blue"),
        ],
    );
    assert_eq!(r.status, 200);
    // Without the headers: Standard and default, whatever the source's were.
    let r = copy(&cloud, "cp/src", "cp/plain", &[]);
    assert_eq!(r.status, 200, "{}", r.body);
    let h = head(&cloud, "cp/plain");
    assert_eq!(h.header("x-oss-storage-class"), Some("Standard"));
    assert_eq!(h.header("x-oss-meta-color"), Some("blue"));
    assert_eq!(grant(&cloud, "cp/plain"), "default");
    // With them: the target's class and ACL.
    let r = copy(
        &cloud,
        "cp/src",
        "cp/archived",
        &[
            ("x-oss-storage-class", "Archive"),
            ("x-oss-object-acl", "private"),
        ],
    );
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(
        head(&cloud, "cp/archived").header("x-oss-storage-class"),
        Some("Archive")
    );
    assert_eq!(grant(&cloud, "cp/archived"), "private");
    // An archived source cannot be read, so it cannot be copied either, whole or in parts.
    let r = copy(
        &cloud,
        "cp/archived",
        "cp/thawed",
        &[("x-oss-storage-class", "Standard")],
    );
    assert_eq!(
        (r.status, r.code()),
        (403, "InvalidObjectState"),
        "{}",
        r.body
    );
    assert_eq!(head(&cloud, "cp/thawed").status, 404);
    let started = oss(
        &cloud,
        "POST",
        DEFAULT_BUCKET,
        "cp/joined",
        &[("uploads", None)],
        &[],
        b"",
    );
    let upload = between(&started.body, "<UploadId>", "</UploadId>")
        .unwrap()
        .to_string();
    let source = format!("/{DEFAULT_BUCKET}/cp/archived");
    let r = oss(
        &cloud,
        "PUT",
        DEFAULT_BUCKET,
        "cp/joined",
        &[("partNumber", Some("1")), ("uploadId", Some(&upload))],
        &[("x-oss-copy-source", &source)],
        b"",
    );
    assert_eq!((r.status, r.code()), (403, "InvalidObjectState"));
    // A copy onto itself changes the class in place, keeping the metadata (COPY).
    let r = copy(
        &cloud,
        "cp/src",
        "cp/src",
        &[("x-oss-storage-class", "Standard")],
    );
    assert_eq!(r.status, 200, "{}", r.body);
    let got = get(&cloud, "cp/src");
    assert_eq!(got.body, "copied bytes");
    assert_eq!(got.header("x-oss-storage-class"), Some("Standard"));
    assert_eq!(got.header("x-oss-meta-color"), Some("blue"));
    // ... unless overwriting is forbidden.
    let r = copy(
        &cloud,
        "cp/src",
        "cp/src",
        &[
            ("x-oss-storage-class", "IA"),
            ("x-oss-forbid-overwrite", "true"),
        ],
    );
    assert_eq!((r.status, r.code()), (409, "FileAlreadyExists"));
    // Bad values, with CopyObject's EC for a class.
    let r = copy(
        &cloud,
        "cp/src",
        "cp/bad",
        &[("x-oss-storage-class", "test")],
    );
    assert_eq!((r.status, r.code()), (400, "InvalidArgument"));
    assert!(r.body.contains("0013-00000101"), "{}", r.body);
    let r = copy(
        &cloud,
        "cp/src",
        "cp/bad",
        &[("x-oss-object-acl", "everyone")],
    );
    assert_eq!((r.status, r.code()), (400, "InvalidArgument"));
    assert_eq!(head(&cloud, "cp/bad").status, 404);
}

#[test]
fn object_acls_are_read_and_set() {
    let cloud = cloud();
    assert_eq!(put(&cloud, "acl/plain", "x", &[]).status, 200);
    let r = acl_of(&cloud, "acl/plain");
    assert_eq!(r.status, 200, "{}", r.body);
    assert!(r.body.contains("<AccessControlPolicy>"), "{}", r.body);
    assert!(
        r.body.contains(
            "<Owner><ID>1234567890123456</ID><DisplayName>1234567890123456</DisplayName></Owner>"
        ),
        "{}",
        r.body
    );
    assert_eq!(grant(&cloud, "acl/plain"), "default");
    let before = head(&cloud, "acl/plain");
    for acl in ["private", "public-read", "public-read-write", "default"] {
        let r = set_acl(&cloud, "acl/plain", &[("x-oss-object-acl", acl)]);
        assert_eq!(r.status, 200, "{acl}: {}", r.body);
        assert_eq!(grant(&cloud, "acl/plain"), acl);
    }
    // The ACL alone changed.
    let after = head(&cloud, "acl/plain");
    for name in ["etag", "last-modified", "content-length"] {
        assert_eq!(before.header(name), after.header(name), "{name}");
    }
    assert_eq!(get(&cloud, "acl/plain").body, "x");
    // Given with the write.
    let r = put(
        &cloud,
        "acl/given",
        "x",
        &[("x-oss-object-acl", "public-read")],
    );
    assert_eq!(r.status, 200);
    assert_eq!(grant(&cloud, "acl/given"), "public-read");
    // Refusals.
    for (extra, ec) in [
        (vec![], "0017-00000105"),
        (vec![("x-oss-object-acl", "")], "0017-00000105"),
        (vec![("x-oss-object-acl", "public")], "0017-00000104"),
    ] {
        let r = set_acl(&cloud, "acl/given", &extra);
        assert_eq!((r.status, r.code()), (400, "InvalidArgument"), "{extra:?}");
        assert!(r.body.contains(ec), "{extra:?}: {}", r.body);
    }
    let r = put(
        &cloud,
        "acl/bad",
        "x",
        &[("x-oss-object-acl", "Public-Read")],
    );
    assert_eq!((r.status, r.code()), (400, "InvalidArgument"));
    assert_eq!(head(&cloud, "acl/bad").status, 404);
    assert_eq!(grant(&cloud, "acl/given"), "public-read");
    let r = set_acl(&cloud, "acl/missing", &[("x-oss-object-acl", "private")]);
    assert_eq!((r.status, r.code()), (404, "NoSuchKey"));
    assert_eq!(head(&cloud, "acl/missing").status, 404, "nothing created");
    assert_eq!(acl_of(&cloud, "acl/missing").code(), "NoSuchKey");
    // PutObjectACL is an ACL change, not a write: no copy source, no class.
    let source = format!("/{DEFAULT_BUCKET}/acl/given");
    let r = set_acl(
        &cloud,
        "acl/plain",
        &[
            ("x-oss-object-acl", "private"),
            ("x-oss-copy-source", &source),
        ],
    );
    assert_eq!((r.status, r.code()), (501, "NotImplemented"));
}

#[test]
fn acls_are_decided_as_ram_documents_them() {
    let cloud = cloud();
    // Setting the ACL while writing is PutObject alone; PutObjectACL is its own action.
    let r = put(&cloud, "fixed/a", "x", &[("x-oss-object-acl", "private")]);
    assert_eq!(r.status, 200, "{}", r.body);
    let r = set_acl(&cloud, "fixed/a", &[("x-oss-object-acl", "public-read")]);
    assert_eq!((r.status, r.code()), (403, "AccessDenied"), "{}", r.body);
    assert_eq!(grant(&cloud, "fixed/a"), "private");
    assert_eq!(put(&cloud, "noacl/a", "x", &[]).status, 200);
    assert_eq!(acl_of(&cloud, "noacl/a").code(), "AccessDenied");
    assert_eq!(get(&cloud, "noacl/a").status, 200, "reading is GetObject");
    // The ACL header is a condition key.
    let r = put(
        &cloud,
        "open/a",
        "x",
        &[("x-oss-object-acl", "public-read-write")],
    );
    assert_eq!((r.status, r.code()), (403, "AccessDenied"), "{}", r.body);
    let r = put(
        &cloud,
        "open/a",
        "x",
        &[("x-oss-object-acl", "public-read")],
    );
    assert_eq!(r.status, 200, "{}", r.body);
}

/// OSS lets anyone read a public-read object without signing; the local cloud has no anonymous
/// access at all (every request is signed and decided by RAM), so it refuses, as before.
#[test]
fn a_public_read_object_is_not_read_anonymously_here() {
    let cloud = cloud();
    let r = put(&cloud, "pub/a", "x", &[("x-oss-object-acl", "public-read")]);
    assert_eq!(r.status, 200);
    let mut stream = TcpStream::connect(cloud.addr).unwrap();
    write!(
        stream,
        "GET /{DEFAULT_BUCKET}/pub/a HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n\r\n",
        cloud.addr
    )
    .unwrap();
    let mut text = String::new();
    stream.read_to_string(&mut text).unwrap();
    assert!(text.starts_with("HTTP/1.1 403"), "{text}");
    assert!(text.contains("<Code>AccessDenied</Code>"), "{text}");
}

/// The headers `cp --cache-control … --meta k=v` sends: kept, returned on GET and HEAD, carried
/// by a COPY and replaced by a REPLACE; forbid-overwrite on each write that creates an object.
#[test]
fn the_headers_a_tree_copy_sends_are_kept() {
    let cloud = cloud();
    let sent = [
        ("Content-Type", "text/csv"),
        ("Cache-Control", "max-age=60"),
        ("Content-Disposition", "attachment; filename=\"a.csv\""),
        ("Content-Encoding", "gzip"),
        ("Expires", "Wed, 21 Oct 2037 07:28:00 GMT"),
        ("x-oss-meta-owner", "ci"),
        ("x-oss-meta-run", "42"),
    ];
    let check = |key: &str, expected: &[(&str, &str)]| {
        for r in [get(&cloud, key), head(&cloud, key)] {
            assert_eq!(r.status, 200, "{key}");
            for (name, value) in expected {
                assert_eq!(r.header(name), Some(*value), "{key}: {name}");
            }
        }
    };
    assert_eq!(put(&cloud, "hdr/put", "a,b", &sent).status, 200);
    check("hdr/put", &sent);
    let (_, _, done) = multipart(&cloud, "hdr/mp", &sent, &with_complete_all(&[]));
    assert_eq!(done.status, 200, "{}", done.body);
    check("hdr/mp", &sent);
    assert_eq!(copy(&cloud, "hdr/put", "hdr/copied", &[]).status, 200);
    check("hdr/copied", &sent);
    let replaced = [
        ("x-oss-metadata-directive", "REPLACE"),
        ("Content-Type", "text/plain"),
        ("Content-Disposition", "inline"),
        ("x-oss-meta-owner", "someone else"),
    ];
    assert_eq!(
        copy(&cloud, "hdr/put", "hdr/replaced", &replaced).status,
        200
    );
    check("hdr/replaced", &replaced[1..]);
    let r = head(&cloud, "hdr/replaced");
    for gone in [
        "cache-control",
        "content-encoding",
        "expires",
        "x-oss-meta-run",
    ] {
        assert_eq!(r.header(gone), None, "{gone} survived REPLACE");
    }
    // Forbid-overwrite: PutObject, CopyObject, Initiate, and Complete (the key may have been
    // written while the upload ran).
    let forbid = [("x-oss-forbid-overwrite", "true")];
    assert_eq!(
        put(&cloud, "hdr/put", "new", &forbid).code(),
        "FileAlreadyExists"
    );
    assert_eq!(
        copy(&cloud, "hdr/mp", "hdr/put", &forbid).code(),
        "FileAlreadyExists"
    );
    let r = oss(
        &cloud,
        "POST",
        DEFAULT_BUCKET,
        "hdr/put",
        &[("uploads", None)],
        &forbid,
        b"",
    );
    assert_eq!(r.code(), "FileAlreadyExists");
    let started = oss(
        &cloud,
        "POST",
        DEFAULT_BUCKET,
        "hdr/race",
        &[("uploads", None)],
        &forbid,
        b"",
    );
    assert_eq!(started.status, 200);
    let upload = between(&started.body, "<UploadId>", "</UploadId>")
        .unwrap()
        .to_string();
    let part = oss(
        &cloud,
        "PUT",
        DEFAULT_BUCKET,
        "hdr/race",
        &[("partNumber", Some("1")), ("uploadId", Some(&upload))],
        &[],
        b"part",
    );
    assert_eq!(part.status, 200);
    assert_eq!(put(&cloud, "hdr/race", "came first", &[]).status, 200);
    let r = oss(
        &cloud,
        "POST",
        DEFAULT_BUCKET,
        "hdr/race",
        &[("uploadId", Some(&upload))],
        &with_complete_all(&forbid),
        b"",
    );
    assert_eq!(r.code(), "FileAlreadyExists");
    assert_eq!(get(&cloud, "hdr/race").body, "came first");
    assert_eq!(put(&cloud, "hdr/new", "x", &forbid).status, 200);
}
