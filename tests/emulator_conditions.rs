//! The local cloud's answers to conditional and ranged reads (If-Match, If-None-Match,
//! If-Modified-Since, If-Unmodified-Since, Range with and without `x-oss-range-behavior:
//! standard`), its check of Content-MD5 on uploads, and its refusal (501 NotImplemented) of the
//! headers and parameters it does not implement, through signed requests on 127.0.0.1.

mod common;

use alicli::oss::{OssClient, SignVersion};
use common::World;
use reqwest::Method;

const B: &str = "sample-bucket";

fn client(world: &World) -> OssClient<'static> {
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
    let t = alicli::signing::oss_v1::format_date;
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
