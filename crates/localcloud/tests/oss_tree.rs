//! The local OSS operations a client needs to treat a bucket as a file tree (`rm -r`, `cp`,
//! `sync`), over HTTP as a client meets them: DeleteMultipleObjects (its digest, its limits, a
//! key the policy refuses refusing the batch), CopyObject (COPY and REPLACE metadata, a source the
//! policy hides, conditions, forbid-overwrite, across buckets) and UploadPartCopy with a range.
//!
//! Each test starts a cloud on 127.0.0.1:0 with a user whose policy allows the bucket but denies
//! deletes under `keep/`, reads under `secret/` and writes under `ro/`, and signs requests with
//! OSS signature v1 in the small blocking HTTP/1.1 client of `common`.

mod common;

use alicli_localcloud::{Running, DEFAULT_BUCKET};
use common::{between, md5_b64, oss, stat, Reply, OTHER_BUCKET};

fn cloud() -> Running {
    let policy = format!(
        r#"{{"Version":"1","Statement":[
            {{"Effect":"Allow","Action":"oss:*","Resource":["acs:oss:*:*:{DEFAULT_BUCKET}","acs:oss:*:*:{DEFAULT_BUCKET}/*","acs:oss:*:*:{OTHER_BUCKET}","acs:oss:*:*:{OTHER_BUCKET}/*"]}},
            {{"Effect":"Deny","Action":"oss:DeleteObject","Resource":"acs:oss:*:*:{DEFAULT_BUCKET}/keep/*"}},
            {{"Effect":"Deny","Action":"oss:GetObject","Resource":"acs:oss:*:*:{DEFAULT_BUCKET}/secret/*"}},
            {{"Effect":"Deny","Action":"oss:PutObject","Resource":"acs:oss:*:*:{DEFAULT_BUCKET}/ro/*"}}]}}"#
    );
    common::cloud_with(policy)
}

fn put(cloud: &Running, key: &str, body: &str, extra: &[(&str, &str)]) -> Reply {
    let r = oss(
        cloud,
        "PUT",
        DEFAULT_BUCKET,
        key,
        &[],
        extra,
        body.as_bytes(),
    );
    assert_eq!(r.status, 200, "put {key}: {}", r.body);
    r
}

fn get(cloud: &Running, bucket: &str, key: &str) -> Reply {
    oss(cloud, "GET", bucket, key, &[], &[], b"")
}

fn exists(cloud: &Running, key: &str) -> bool {
    oss(cloud, "HEAD", DEFAULT_BUCKET, key, &[], &[], b"").status == 200
}

fn delete_document(keys: &[String], quiet: bool) -> String {
    let mut xml =
        format!("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Delete><Quiet>{quiet}</Quiet>");
    for k in keys {
        xml.push_str(&format!("<Object><Key>{k}</Key></Object>"));
    }
    xml.push_str("</Delete>");
    xml
}

fn batch(cloud: &Running, document: &str, md5: Option<&str>, url: bool) -> Reply {
    let digest = md5_b64(document.as_bytes());
    let mut extra = vec![("Content-Type", "application/xml")];
    if let Some(m) = md5 {
        extra.push(("Content-MD5", if m == "right" { &digest } else { m }));
    }
    let mut query = vec![("delete", None)];
    if url {
        query.push(("encoding-type", Some("url")));
    }
    oss(
        cloud,
        "POST",
        DEFAULT_BUCKET,
        "",
        &query,
        &extra,
        document.as_bytes(),
    )
}

#[test]
fn a_batch_of_1000_deletes_every_key_and_lists_them() {
    let cloud = cloud();
    let keys: Vec<String> = (0..1000).map(|i| format!("tree/{i:04} x")).collect();
    for k in keys.iter().step_by(100) {
        put(&cloud, k, "x", &[]);
    }
    let r = batch(&cloud, &delete_document(&keys, false), Some("right"), true);
    assert_eq!(r.status, 200, "{}", r.body);
    assert!(
        r.body.contains("<EncodingType>url</EncodingType>"),
        "{}",
        r.body
    );
    assert_eq!(r.body.matches("<Deleted>").count(), 1000);
    assert!(r.body.contains("<Key>tree/0000%20x</Key>"), "{}", r.body);
    for k in keys.iter().step_by(100) {
        assert!(!exists(&cloud, k), "{k} still there");
    }
    assert_eq!(stat(&cloud, "oss:DeleteMultipleObjects"), 1);
    // Quiet: nothing listed when nothing failed.
    put(&cloud, "tree/q", "x", &[]);
    let r = batch(
        &cloud,
        &delete_document(&["tree/q".into()], true),
        Some("right"),
        false,
    );
    assert_eq!(r.status, 200, "{}", r.body);
    assert!(!r.body.contains("<Deleted>"), "{}", r.body);
    assert!(!exists(&cloud, "tree/q"));
}

#[test]
fn one_denied_key_refuses_the_whole_batch() {
    let cloud = cloud();
    let mut keys: Vec<String> = (0..999).map(|i| format!("tree/{i}")).collect();
    keys.push("keep/precious".into());
    put(&cloud, "tree/0", "x", &[]);
    put(&cloud, "keep/precious", "x", &[]);
    let r = batch(&cloud, &delete_document(&keys, false), Some("right"), false);
    assert_eq!((r.status, r.code()), (403, "AccessDenied"), "{}", r.body);
    assert!(r.body.contains("0003-00000204"), "{}", r.body);
    assert!(exists(&cloud, "tree/0"), "a refused batch deleted");
    assert!(exists(&cloud, "keep/precious"));
}

#[test]
fn batches_need_a_right_digest_a_bounded_list_and_valid_keys() {
    let cloud = cloud();
    put(&cloud, "tree/a", "x", &[]);
    let doc = delete_document(&["tree/a".into()], false);
    let r = batch(&cloud, &doc, None, false);
    assert_eq!((r.status, r.code()), (400, "InvalidDigest"), "{}", r.body);
    let r = batch(&cloud, &doc, Some("not-base64"), false);
    assert_eq!((r.status, r.code()), (400, "InvalidDigest"), "{}", r.body);
    let r = batch(&cloud, &doc, Some(&md5_b64(b"other")), false);
    assert_eq!((r.status, r.code()), (400, "BadDigest"), "{}", r.body);
    let many: Vec<String> = (0..1001).map(|i| format!("tree/{i}")).collect();
    let r = batch(&cloud, &delete_document(&many, false), Some("right"), false);
    assert_eq!((r.status, r.code()), (400, "MalformedXML"), "{}", r.body);
    let r = batch(&cloud, "<Delete><Quiet>true", Some("right"), false);
    assert_eq!((r.status, r.code()), (400, "MalformedXML"), "{}", r.body);
    let r = batch(&cloud, "<Delete></Delete>", Some("right"), false);
    assert_eq!((r.status, r.code()), (400, "MalformedXML"), "{}", r.body);
    let r = batch(
        &cloud,
        &delete_document(&["/abs".into()], false),
        Some("right"),
        false,
    );
    assert_eq!(
        (r.status, r.code()),
        (400, "InvalidObjectName"),
        "{}",
        r.body
    );
    let huge = format!("<Delete>{}</Delete>", " ".repeat(3 << 20));
    let r = batch(&cloud, &huge, Some("right"), false);
    assert_eq!((r.status, r.code()), (400, "EntityTooLarge"), "{}", r.body);
    assert!(exists(&cloud, "tree/a"), "a refused batch deleted");
}

#[test]
fn copy_keeps_or_replaces_the_metadata() {
    let cloud = cloud();
    put(
        &cloud,
        "src/a.txt",
        "hello copy",
        &[
            ("Content-Type", "text/plain"),
            ("Cache-Control", "no-cache"),
            ("x-oss-meta-color", "blue"),
        ],
    );
    let r = oss(
        &cloud,
        "PUT",
        DEFAULT_BUCKET,
        "dst/a copy.txt",
        &[],
        &[("x-oss-copy-source", &format!("/{DEFAULT_BUCKET}/src/a.txt"))],
        b"",
    );
    assert_eq!(r.status, 200, "{}", r.body);
    assert!(r.body.contains("<CopyObjectResult>"), "{}", r.body);
    let etag = between(&r.body, "<ETag>", "</ETag>")
        .unwrap()
        .replace("&quot;", "\"");
    let got = get(&cloud, DEFAULT_BUCKET, "dst/a copy.txt");
    assert_eq!(got.body, "hello copy");
    assert_eq!(got.header("etag"), Some(etag.as_str()));
    assert_eq!(got.header("content-type"), Some("text/plain"));
    assert_eq!(got.header("cache-control"), Some("no-cache"));
    assert_eq!(got.header("x-oss-meta-color"), Some("blue"));
    assert_eq!(got.header("x-oss-storage-class"), Some("Standard"));
    // REPLACE: the request's metadata, none of the source's.
    let r = oss(
        &cloud,
        "PUT",
        OTHER_BUCKET,
        "moved.txt",
        &[],
        &[
            (
                "x-oss-copy-source",
                &format!("/{DEFAULT_BUCKET}/src%2Fa.txt"),
            ),
            ("x-oss-metadata-directive", "REPLACE"),
            ("Content-Type", "application/json"),
            ("x-oss-meta-shape", "round"),
        ],
        b"",
    );
    assert_eq!(r.status, 200, "{}", r.body);
    let got = get(&cloud, OTHER_BUCKET, "moved.txt");
    assert_eq!(got.body, "hello copy");
    assert_eq!(got.header("content-type"), Some("application/json"));
    assert_eq!(got.header("x-oss-meta-shape"), Some("round"));
    assert_eq!(got.header("x-oss-meta-color"), None);
    assert_eq!(got.header("cache-control"), None);
    // Onto itself with REPLACE: how metadata changes in place.
    let r = oss(
        &cloud,
        "PUT",
        DEFAULT_BUCKET,
        "src/a.txt",
        &[],
        &[
            ("x-oss-copy-source", &format!("/{DEFAULT_BUCKET}/src/a.txt")),
            ("x-oss-metadata-directive", "REPLACE"),
            ("x-oss-meta-color", "red"),
        ],
        b"",
    );
    assert_eq!(r.status, 200, "{}", r.body);
    let got = get(&cloud, DEFAULT_BUCKET, "src/a.txt");
    assert_eq!(got.body, "hello copy");
    assert_eq!(got.header("x-oss-meta-color"), Some("red"));
    assert_eq!(stat(&cloud, "oss:CopyObject"), 3);
}

#[test]
fn copies_check_the_source_the_conditions_and_forbid_overwrite() {
    let cloud = cloud();
    put(&cloud, "secret/s.txt", "hidden", &[]);
    put(&cloud, "src/b.txt", "bytes", &[]);
    let copy = |source: &str, target: &str, extra: &[(&str, &str)]| {
        let mut headers = vec![("x-oss-copy-source", source)];
        headers.extend_from_slice(extra);
        oss(&cloud, "PUT", DEFAULT_BUCKET, target, &[], &headers, b"")
    };
    let src = format!("/{DEFAULT_BUCKET}/src/b.txt");
    let r = copy(&format!("/{DEFAULT_BUCKET}/secret/s.txt"), "out/s.txt", &[]);
    assert_eq!((r.status, r.code()), (403, "AccessDenied"), "{}", r.body);
    assert!(!exists(&cloud, "out/s.txt"));
    let r = copy(&format!("/{DEFAULT_BUCKET}/src/missing"), "out/m", &[]);
    assert_eq!((r.status, r.code()), (404, "NoSuchKey"), "{}", r.body);
    let r = copy("/no-such-bucket/k", "out/m", &[]);
    assert_eq!((r.status, r.code()), (404, "NoSuchBucket"), "{}", r.body);
    let r = copy(&src, "out/m", &[("x-oss-copy-source-if-match", "\"0000\"")]);
    assert_eq!(
        (r.status, r.code()),
        (412, "PreconditionFailed"),
        "{}",
        r.body
    );
    let etag = oss(&cloud, "HEAD", DEFAULT_BUCKET, "src/b.txt", &[], &[], b"")
        .header("etag")
        .unwrap()
        .to_string();
    let r = copy(&src, "out/m", &[("x-oss-copy-source-if-none-match", &etag)]);
    assert_eq!(r.status, 304, "{}", r.body);
    assert!(!exists(&cloud, "out/m"));
    let r = copy(&src, "out/m", &[("x-oss-copy-source-if-match", &etag)]);
    assert_eq!(r.status, 200, "{}", r.body);
    // The target is a write: a policy refusing oss:PutObject there refuses the copy.
    let r = copy(&src, "ro/m", &[]);
    assert_eq!((r.status, r.code()), (403, "AccessDenied"), "{}", r.body);
    assert!(!exists(&cloud, "ro/m"));
    put(&cloud, "out/taken", "first", &[]);
    let r = copy(&src, "out/taken", &[("x-oss-forbid-overwrite", "true")]);
    assert_eq!(
        (r.status, r.code()),
        (409, "FileAlreadyExists"),
        "{}",
        r.body
    );
    assert_eq!(get(&cloud, DEFAULT_BUCKET, "out/taken").body, "first");
    let r = copy(&src, "out/taken", &[("x-oss-tagging-directive", "COPY")]);
    assert_eq!((r.status, r.code()), (501, "NotImplemented"), "{}", r.body);
}

#[test]
fn part_copy_takes_a_range_of_the_source() {
    let cloud = cloud();
    let data: String = (0..200 * 1024)
        .map(|i| char::from(b'a' + (i % 26) as u8))
        .collect();
    put(&cloud, "src/big", &data, &[]);
    let r = oss(
        &cloud,
        "POST",
        DEFAULT_BUCKET,
        "dst/joined",
        &[("uploads", None)],
        &[],
        b"",
    );
    assert_eq!(r.status, 200, "{}", r.body);
    let upload = between(&r.body, "<UploadId>", "</UploadId>")
        .unwrap()
        .to_string();
    let source = format!("/{DEFAULT_BUCKET}/src/big");
    let part = |n: &str, range: Option<&str>, source: &str| {
        let mut headers = vec![("x-oss-copy-source", source)];
        if let Some(range) = range {
            headers.push(("x-oss-copy-source-range", range));
        }
        oss(
            &cloud,
            "PUT",
            DEFAULT_BUCKET,
            "dst/joined",
            &[("partNumber", Some(n)), ("uploadId", Some(&upload))],
            &headers,
            b"",
        )
    };
    let first = part("1", Some("bytes=0-102399"), &source);
    assert_eq!(first.status, 200, "{}", first.body);
    assert!(first.body.contains("<CopyPartResult>"), "{}", first.body);
    let second = part("2", Some("bytes=102400-102409"), &source);
    assert_eq!(second.status, 200, "{}", second.body);
    let denied = part("3", None, &format!("/{DEFAULT_BUCKET}/secret/none"));
    assert_eq!((denied.status, denied.code()), (403, "AccessDenied"));
    // A part copy's target is checked as any part: under ro/ not even the upload starts.
    let r = oss(
        &cloud,
        "POST",
        DEFAULT_BUCKET,
        "ro/joined",
        &[("uploads", None)],
        &[],
        b"",
    );
    assert_eq!((r.status, r.code()), (403, "AccessDenied"), "{}", r.body);
    let past = part("3", Some("bytes=999999-"), &source);
    assert_eq!(
        (past.status, past.code()),
        (416, "InvalidRange"),
        "{}",
        past.body
    );
    let etag = |r: &Reply| r.header("etag").unwrap().to_string();
    let complete = format!(
        "<CompleteMultipartUpload><Part><PartNumber>1</PartNumber><ETag>{}</ETag></Part><Part><PartNumber>2</PartNumber><ETag>{}</ETag></Part></CompleteMultipartUpload>",
        etag(&first),
        etag(&second)
    );
    let r = oss(
        &cloud,
        "POST",
        DEFAULT_BUCKET,
        "dst/joined",
        &[("uploadId", Some(&upload))],
        &[],
        complete.as_bytes(),
    );
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(
        get(&cloud, DEFAULT_BUCKET, "dst/joined").body,
        data[..102410]
    );
    assert_eq!(stat(&cloud, "oss:UploadPartCopy"), 4);
}
