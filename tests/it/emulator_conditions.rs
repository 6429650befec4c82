//! The local cloud's answers to conditional and ranged reads (If-Match, If-None-Match,
//! If-Modified-Since, If-Unmodified-Since, Range with and without `x-oss-range-behavior:
//! standard`), its check of Content-MD5 on uploads, and its refusal (501 NotImplemented) of the
//! headers and parameters it does not implement, through signed requests on 127.0.0.1.

use crate::common::World;
use alicli::oss::{OssClient, SignVersion};
use reqwest::Method;

const B: &str = "sample-bucket";

fn client(world: &World) -> OssClient {
    world.user_oss_client(
        SignVersion::V4 {
            region: "cn-hangzhou".into(),
        },
        0,
    )
}

/// Status, headers and body of one signed request; error answers are returned, not raised.
struct Answer {
    status: u16,
    headers: reqwest::header::HeaderMap,
    body: Vec<u8>,
    code: String,
}

fn send(
    c: &OssClient,
    method: Method,
    key: &str,
    query: &[(&str, Option<&str>)],
    headers: &[(&str, &str)],
    body: Option<&[u8]>,
) -> Answer {
    let query: Vec<(String, Option<String>)> = query
        .iter()
        .map(|(k, v)| (k.to_string(), v.map(str::to_string)))
        .collect();
    let headers: Vec<(String, String)> = headers
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    match c.send_once(
        method,
        B,
        key,
        &query,
        headers,
        body.map(|b| b.to_vec().into()),
    ) {
        Ok(r) => Answer {
            status: r.status().as_u16(),
            headers: r.headers().clone(),
            body: r.bytes().unwrap().to_vec(),
            code: String::new(),
        },
        Err(e) => {
            let e = e
                .downcast::<alicli::error::ServiceError>()
                .unwrap_or_else(|e| panic!("not a service error: {e:#}"));
            Answer {
                status: e.status,
                headers: Default::default(),
                body: Vec::new(),
                code: e.code,
            }
        }
    }
}

fn get(c: &OssClient, key: &str, headers: &[(&str, &str)]) -> Answer {
    send(c, Method::GET, key, &[], headers, None)
}

fn put(world: &World, key: &str, data: &[u8]) -> (String, String) {
    let c = client(world);
    let a = send(&c, Method::PUT, key, &[], &[], Some(data));
    assert_eq!(a.status, 200, "{}", a.code);
    let head = send(&c, Method::HEAD, key, &[], &[], None);
    let etag = head.headers["etag"].to_str().unwrap().to_string();
    let modified = head.headers["last-modified"].to_str().unwrap().to_string();
    (etag, modified)
}

#[test]
fn conditional_reads() {
    let world = World::new();
    let c = client(&world);
    let data = b"conditional bytes".to_vec();
    let (etag, modified) = put(&world, "cond/a.txt", &data);
    let bare = etag.trim_matches('"').to_string();
    let t = alicli_wire::signing::oss_v1::format_date;
    let at = chrono::DateTime::parse_from_rfc2822(&modified)
        .unwrap()
        .with_timezone(&chrono::Utc);
    let earlier = t(at - chrono::Duration::seconds(60));
    let later = t(at + chrono::Duration::seconds(60));

    for method in [Method::GET, Method::HEAD] {
        let ask =
            |headers: &[(&str, &str)]| send(&c, method.clone(), "cond/a.txt", &[], headers, None);
        // If-Match, with and without quotes.
        for value in [etag.as_str(), bare.as_str(), "*"] {
            let a = ask(&[("If-Match", value)]);
            assert_eq!(a.status, 200, "{method} If-Match {value}");
        }
        let a = ask(&[("If-Match", "\"0123456789ABCDEF0123456789ABCDEF\"")]);
        assert_eq!(
            (a.status, a.code.as_str()),
            (412, "PreconditionFailed"),
            "{method}"
        );
        // If-None-Match.
        for value in [etag.as_str(), bare.as_str()] {
            let a = ask(&[("If-None-Match", value)]);
            assert_eq!(a.status, 304, "{method} If-None-Match {value}");
        }
        assert_eq!(ask(&[("If-None-Match", "\"other\"")]).status, 200);
        // Dates.
        assert_eq!(ask(&[("If-Modified-Since", &modified)]).status, 304);
        assert_eq!(ask(&[("If-Modified-Since", &later)]).status, 304);
        assert_eq!(ask(&[("If-Modified-Since", &earlier)]).status, 200);
        assert_eq!(ask(&[("If-Modified-Since", "not a date")]).status, 200);
        assert_eq!(ask(&[("If-Unmodified-Since", &modified)]).status, 200);
        assert_eq!(ask(&[("If-Unmodified-Since", &later)]).status, 200);
        let a = ask(&[("If-Unmodified-Since", &earlier)]);
        assert_eq!((a.status, a.code.as_str()), (412, "PreconditionFailed"));
        // If-Match decides over If-Unmodified-Since; If-None-Match over If-Modified-Since.
        assert_eq!(
            ask(&[("If-Match", &etag), ("If-Unmodified-Since", &earlier)]).status,
            200
        );
        assert_eq!(
            ask(&[
                ("If-None-Match", "\"other\""),
                ("If-Modified-Since", &later)
            ])
            .status,
            200
        );
    }

    // A conditional GET that succeeds carries the bytes; a ranged one with If-Match too (the
    // pattern of a resumable download).
    let a = get(&c, "cond/a.txt", &[("If-Match", &etag)]);
    assert_eq!(a.body, data);
    let a = get(
        &c,
        "cond/a.txt",
        &[("If-Match", &etag), ("Range", "bytes=2-5")],
    );
    assert_eq!((a.status, a.body.as_slice()), (206, &data[2..6]));
    let a = get(
        &c,
        "cond/a.txt",
        &[("If-Match", "\"stale\""), ("Range", "bytes=2-5")],
    );
    assert_eq!(a.status, 412);

    // After a new version, the old ETag no longer matches.
    put(&world, "cond/a.txt", b"second version");
    assert_eq!(get(&c, "cond/a.txt", &[("If-Match", &etag)]).status, 412);
    assert_eq!(
        get(&c, "cond/a.txt", &[("If-None-Match", &etag)]).status,
        200
    );
}

#[test]
fn ranges_as_oss_serves_them() {
    let world = World::new();
    let c = client(&world);
    let data: Vec<u8> = (0..1000u32).map(|i| (i % 251) as u8).collect();
    put(&world, "range/data.bin", &data);
    let ranged = |range: &str, standard: bool| {
        let mut headers = vec![("Range", range)];
        if standard {
            headers.push(("x-oss-range-behavior", "standard"));
        }
        get(&c, "range/data.bin", &headers)
    };
    let part = |a: &Answer, first: usize, last: usize| {
        assert_eq!(a.status, 206, "{}", a.code);
        assert_eq!(
            a.headers["content-range"],
            format!("bytes {first}-{last}/1000").as_str()
        );
        assert_eq!(
            a.headers["content-length"],
            (last - first + 1).to_string().as_str()
        );
        assert_eq!(a.body, &data[first..=last]);
    };
    let whole = |a: &Answer| {
        assert_eq!(a.status, 200, "{}", a.code);
        assert!(a.headers.get("content-range").is_none());
        assert_eq!(a.body, data);
    };
    for standard in [false, true] {
        part(&ranged("bytes=0-499", standard), 0, 499);
        part(&ranged("bytes=500-", standard), 500, 999);
        part(&ranged("bytes=-300", standard), 700, 999);
        part(&ranged("bytes=999-999", standard), 999, 999);
        // Malformed or several ranges: the whole object.
        whole(&ranged("byte=0-499", standard));
        whole(&ranged("bytes=0-1,5-9", standard));
        whole(&ranged("bytes=9-3", standard));
        // A start past the end.
        let a = ranged("bytes=1000-2000", standard);
        assert_eq!((a.status, a.code.as_str()), (416, "InvalidRange"));
    }
    // An end past the object, or a suffix longer than it: OSS ignores the range by default, and
    // cuts it to the object under the standard behaviour.
    whole(&ranged("bytes=500-2000", false));
    whole(&ranged("bytes=-2000", false));
    part(&ranged("bytes=500-2000", true), 500, 999);
    part(&ranged("bytes=-2000", true), 0, 999);
    // HEAD describes the whole object.
    let a = send(
        &c,
        Method::HEAD,
        "range/data.bin",
        &[],
        &[("Range", "bytes=0-9")],
        None,
    );
    assert_eq!(a.status, 200);
    assert_eq!(a.headers["content-length"], "1000");
}

#[test]
fn content_md5_is_checked_on_every_upload() {
    use base64::Engine;
    let world = World::new();
    let c = client(&world);
    let data = b"checked bytes";
    let md5 = |d: &[u8]| {
        use md5::Digest;
        base64::engine::general_purpose::STANDARD.encode(md5::Md5::digest(d))
    };
    let good = md5(data);
    let other = md5(b"other bytes");
    let put = |headers: &[(&str, &str)]| send(&c, Method::PUT, "md5/a", &[], headers, Some(data));
    assert_eq!(put(&[("Content-MD5", &good)]).status, 200);
    let a = put(&[("Content-MD5", &other)]);
    assert_eq!((a.status, a.code.as_str()), (400, "BadDigest"));
    for bad in ["not base64!", "AAAA", ""] {
        let a = put(&[("Content-MD5", bad)]);
        assert_eq!(
            (a.status, a.code.as_str()),
            (400, "InvalidDigest"),
            "{bad:?}"
        );
    }
    // The refused writes left the first version in place.
    assert_eq!(get(&c, "md5/a", &[]).body, data);

    // UploadPart, and the empty bodies of requests without one (as the v2 SDK sends them).
    let init = send(&c, Method::POST, "md5/mp", &[("uploads", None)], &[], None);
    assert_eq!(init.status, 200);
    let text = String::from_utf8(init.body).unwrap();
    let upload_id = text
        .split("<UploadId>")
        .nth(1)
        .and_then(|t| t.split("</UploadId>").next())
        .unwrap()
        .to_string();
    let part = |md5: &str| {
        send(
            &c,
            Method::PUT,
            "md5/mp",
            &[("partNumber", Some("1")), ("uploadId", Some(&upload_id))],
            &[("Content-MD5", md5)],
            Some(data),
        )
    };
    assert_eq!(part(&good).status, 200);
    assert_eq!(part(&other).code, "BadDigest");
    assert_eq!(part("zz").code, "InvalidDigest");
    let empty = md5(b"");
    let head = |md5: &str| {
        send(
            &c,
            Method::HEAD,
            "md5/a",
            &[],
            &[("Content-MD5", md5)],
            None,
        )
    };
    assert_eq!(head(&empty).status, 200);
    assert_eq!(head(&good).status, 400);
    // CompleteMultipartUpload's XML body.
    let xml = format!(
        "<CompleteMultipartUpload><Part><PartNumber>1</PartNumber><ETag>\"{}\"</ETag></Part></CompleteMultipartUpload>",
        {
            use md5::Digest;
            md5::Md5::digest(data)
                .iter()
                .map(|b| format!("{b:02X}"))
                .collect::<String>()
        }
    );
    let complete = |md5: &str| {
        send(
            &c,
            Method::POST,
            "md5/mp",
            &[("uploadId", Some(&upload_id))],
            &[("Content-MD5", md5)],
            Some(xml.as_bytes()),
        )
    };
    assert_eq!(complete(&good).code, "BadDigest");
    assert_eq!(complete(&md5(xml.as_bytes())).status, 200);
    assert_eq!(get(&c, "md5/mp", &[]).body, data);
}

/// Every header and parameter that would change what a request means, and that the local cloud
/// does not implement, is refused with 501 NotImplemented, and nothing is written.
#[test]
fn what_is_not_implemented_is_refused() {
    let world = World::new();
    let c = client(&world);
    put(&world, "src.txt", b"source bytes");
    let refused = |a: Answer, what: &str| {
        assert_eq!(
            (a.status, a.code.as_str()),
            (501, "NotImplemented"),
            "{what}"
        );
    };
    for (name, value) in [
        ("x-oss-copy-source-if-match", "\"E\""),
        ("x-oss-copy-source-range", "bytes=0-1"),
        ("x-oss-metadata-directive", "REPLACE"),
        ("x-oss-tagging-directive", "COPY"),
        ("x-oss-symlink-target", "src.txt"),
        ("x-oss-tagging", "a=b"),
        ("x-oss-server-side-encryption", "AES256"),
        ("x-oss-server-side-encryption-key-id", "key"),
        ("x-oss-server-side-data-encryption", "SM4"),
        ("x-oss-callback", "e30="),
        ("x-oss-object-worm-mode", "GOVERNANCE"),
        ("x-oss-never-heard-of", "1"),
        ("If-None-Match", "*"),
    ] {
        let a = send(&c, Method::PUT, "dst.txt", &[], &[(name, value)], Some(b""));
        refused(a, name);
    }
    for query in [
        vec![("tagging", None)],
        vec![("symlink", None)],
        vec![("x-oss-process", Some("image/resize,w_10"))],
    ] {
        let a = send(&c, Method::PUT, "dst.txt", &query, &[], Some(b"x"));
        refused(a, &format!("PUT {query:?}"));
    }
    assert_eq!(get(&c, "dst.txt", &[]).status, 404, "nothing was written");
    let untouched = get(&c, "src.txt", &[]);
    assert_eq!(untouched.body, b"source bytes");

    for query in [
        vec![("tagging", None)],
        vec![("symlink", None)],
        vec![("versionId", Some("v1"))],
        vec![("x-oss-process", Some("image/info"))],
        vec![("response-x-other", Some("1"))],
    ] {
        refused(
            send(&c, Method::GET, "src.txt", &query, &[], None),
            &format!("GET {query:?}"),
        );
    }
    refused(get(&c, "src.txt", &[("If-Range", "\"E\"")]), "If-Range");
    refused(
        get(&c, "src.txt", &[("x-oss-range-behavior", "other")]),
        "range behaviour",
    );
    for query in [
        vec![("append", None), ("position", Some("0"))],
        vec![("restore", None)],
    ] {
        refused(
            send(&c, Method::POST, "src.txt", &query, &[], Some(b"x")),
            &format!("POST {query:?}"),
        );
    }
    refused(
        send(
            &c,
            Method::DELETE,
            "src.txt",
            &[],
            &[("If-Match", "\"E\"")],
            None,
        ),
        "conditional delete",
    );
    refused(
        send(
            &c,
            Method::DELETE,
            "src.txt",
            &[("versionId", Some("v"))],
            &[],
            None,
        ),
        "versioned delete",
    );
    assert_eq!(get(&c, "src.txt", &[]).status, 200, "still there");

    // Bucket level.
    for (method, query) in [
        (Method::GET, vec![("acl", None)]),
        (Method::GET, vec![("uploads", None)]),
        (Method::GET, vec![("versions", None)]),
        (Method::GET, vec![("versioning", None)]),
        (Method::GET, vec![("cors", None)]),
        (
            Method::GET,
            vec![("list-type", Some("2")), ("marker", Some("a"))],
        ),
        (Method::PUT, vec![]),
        (Method::DELETE, vec![]),
    ] {
        refused(
            send(&c, method.clone(), "", &query, &[], None),
            &format!("bucket {method} {query:?}"),
        );
    }
    // An unknown bucket is NoSuchBucket, whatever was asked of it.
    let a = c
        .send_once(
            Method::GET,
            "no-such-bucket",
            "",
            &[("acl".to_string(), None)],
            Vec::new(),
            None,
        )
        .unwrap_err()
        .downcast::<alicli::error::ServiceError>()
        .unwrap();
    assert_eq!((a.status, a.code.as_str()), (404, "NoSuchBucket"));
    let stats = world.stats();
    assert!(stats["oss:Unsupported"] >= 30, "{stats:?}");
}

#[test]
fn what_is_implemented_besides() {
    let world = World::new();
    let c = client(&world);
    let (etag, modified) = put(&world, "meta/a.txt", b"twelve bytes");
    // GetObjectMeta.
    let a = send(
        &c,
        Method::HEAD,
        "meta/a.txt",
        &[("objectMeta", None)],
        &[],
        None,
    );
    assert_eq!(a.status, 200);
    assert_eq!(a.headers["content-length"], "12");
    assert_eq!(a.headers["etag"], etag.as_str());
    assert_eq!(a.headers["last-modified"], modified.as_str());
    let a = send(
        &c,
        Method::HEAD,
        "meta/none",
        &[("objectMeta", None)],
        &[],
        None,
    );
    assert_eq!(a.status, 404);
    // Accepted values of headers that could mean more: the storage classes and ACLs are kept
    // (crates/localcloud/tests/oss_attributes.rs checks how), the others change nothing here.
    for (name, value) in [
        ("x-oss-object-acl", "default"),
        ("x-oss-object-acl", "public-read"),
        ("x-oss-storage-class", "Standard"),
        ("x-oss-storage-class", "IA"),
        ("x-oss-forbid-overwrite", "false"),
        ("x-oss-traffic-limit", "819200"),
    ] {
        let a = send(
            &c,
            Method::PUT,
            "meta/b.txt",
            &[],
            &[(name, value)],
            Some(b"b"),
        );
        assert_eq!(a.status, 200, "{name}: {value}: {}", a.code);
    }
    let a = send(
        &c,
        Method::PUT,
        "meta/b.txt",
        &[],
        &[("x-oss-forbid-overwrite", "maybe")],
        Some(b"b"),
    );
    assert_eq!((a.status, a.code.as_str()), (400, "InvalidArgument"));

    // Multipart: forbid-overwrite at Initiate and at Complete, and x-oss-complete-all.
    let initiate = |key: &str, headers: &[(&str, &str)]| {
        let a = send(
            &c,
            Method::POST,
            key,
            &[("uploads", None), ("encoding-type", Some("url"))],
            headers,
            None,
        );
        (a.status, a.code, String::from_utf8(a.body).unwrap())
    };
    let (status, code, _) = initiate("meta/a.txt", &[("x-oss-forbid-overwrite", "true")]);
    assert_eq!((status, code.as_str()), (409, "FileAlreadyExists"));
    let (status, _, text) = initiate("meta/a b.txt", &[]);
    assert_eq!(status, 200);
    assert!(text.contains("<EncodingType>url</EncodingType>"), "{text}");
    assert!(text.contains("<Key>meta/a%20b.txt</Key>"), "{text}");
    let upload_id = text
        .split("<UploadId>")
        .nth(1)
        .and_then(|t| t.split("</UploadId>").next())
        .unwrap()
        .to_string();
    let q = [("uploadId", Some(upload_id.as_str()))];
    for (n, data) in [("1", vec![b'x'; 100 * 1024]), ("2", b"tail".to_vec())] {
        let a = send(
            &c,
            Method::PUT,
            "meta/a b.txt",
            &[("partNumber", Some(n)), ("uploadId", Some(&upload_id))],
            &[],
            Some(&data),
        );
        assert_eq!(a.status, 200);
    }
    let a = send(
        &c,
        Method::GET,
        "meta/a b.txt",
        &[q[0], ("encoding-type", Some("url"))],
        &[],
        None,
    );
    let text = String::from_utf8(a.body).unwrap();
    assert!(text.contains("<Key>meta/a%20b.txt</Key>"), "{text}");
    let a = send(
        &c,
        Method::POST,
        "meta/a b.txt",
        &q,
        &[("x-oss-complete-all", "yes")],
        Some(b"<CompleteMultipartUpload/>"),
    );
    assert_eq!((a.status, a.code.as_str()), (400, "InvalidArgument"));
    let a = send(
        &c,
        Method::POST,
        "meta/a b.txt",
        &q,
        &[("x-oss-complete-all", "yes")],
        None,
    );
    assert_eq!(a.status, 200, "{}", a.code);
    let got = get(&c, "meta/a b.txt", &[]).body;
    assert_eq!(got.len(), 100 * 1024 + 4);
    assert!(got.ends_with(b"tail"));
}

#[test]
fn listings_answer_in_the_version_asked() {
    let world = World::new();
    let c = client(&world);
    for key in ["l/a", "l/b/1", "l/b/2", "l/c d", "l/e\u{1}"] {
        put(&world, key, b"x");
    }
    let list = |query: &[(&str, Option<&str>)]| {
        let a = send(&c, Method::GET, "", query, &[], None);
        assert_eq!(a.status, 200, "{}", a.code);
        String::from_utf8(a.body).unwrap()
    };
    // v1: Marker and NextMarker, no v2 elements; the page ends on a common prefix.
    let v1 = list(&[
        ("prefix", Some("l/")),
        ("delimiter", Some("/")),
        ("max-keys", Some("2")),
        ("encoding-type", Some("url")),
    ]);
    assert!(
        v1.contains("<Marker/>") || v1.contains("<Marker></Marker>"),
        "{v1}"
    );
    assert!(v1.contains("<NextMarker>l/b/</NextMarker>"), "{v1}");
    assert!(v1.contains("<Owner>"), "{v1}");
    for v2_only in ["KeyCount", "ContinuationToken", "StartAfter"] {
        assert!(!v1.contains(v2_only), "{v2_only} in {v1}");
    }
    let v1 = list(&[
        ("prefix", Some("l/")),
        ("delimiter", Some("/")),
        ("marker", Some("l/b/")),
        ("encoding-type", Some("url")),
    ]);
    assert!(v1.contains("<Key>l/c%20d</Key>"), "{v1}");
    assert!(v1.contains("<Key>l/e%01</Key>"), "{v1}");
    assert!(v1.contains("<EncodingType>url</EncodingType>"), "{v1}");
    assert!(!v1.contains("l/b/1"), "{v1}");
    // v2: KeyCount and continuation tokens, no v1 elements, Owner only with fetch-owner.
    let v2 = list(&[
        ("list-type", Some("2")),
        ("prefix", Some("l/")),
        ("max-keys", Some("2")),
    ]);
    assert!(v2.contains("<KeyCount>2</KeyCount>"), "{v2}");
    assert!(v2.contains("<NextContinuationToken>"), "{v2}");
    assert!(!v2.contains("Marker") && !v2.contains("<Owner>"), "{v2}");
    let v2 = list(&[
        ("list-type", Some("2")),
        ("prefix", Some("l/")),
        ("start-after", Some("l/b/2")),
        ("fetch-owner", Some("true")),
    ]);
    assert!(v2.contains("<StartAfter>l/b/2</StartAfter>"), "{v2}");
    assert!(
        v2.contains("<Owner>") && v2.contains("<Key>l/c d</Key>"),
        "{v2}"
    );
    let a = send(
        &c,
        Method::GET,
        "",
        &[("encoding-type", Some("base64"))],
        &[],
        None,
    );
    assert_eq!((a.status, a.code.as_str()), (400, "InvalidArgument"));
}
