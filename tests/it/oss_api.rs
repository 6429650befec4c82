//! The OSS operations of the client against the local cloud: ranges, listing, deletion, and the
//! multipart API with its validation (order, ETags, part sizes), CRC-64 and fault injection.

use crate::common::World;
use alicli::oss::SignVersion;
use alicli_wire::oss::xml::CompletePart;

fn code(err: anyhow::Error) -> String {
    err.downcast::<alicli::error::ServiceError>()
        .map(|e| e.code)
        .unwrap_or_else(|e| format!("not a service error: {e}"))
}

const B: &str = "sample-bucket";

#[test]
fn ranges_head_list_delete() {
    let world = World::new();
    let c = world.user_oss_client(
        SignVersion::V4 {
            region: "cn-hangzhou".into(),
        },
        0,
    );
    let data: Vec<u8> = (0..1000u32).map(|i| (i % 256) as u8).collect();
    c.put_object(
        B,
        "r/data.bin",
        data.clone().into(),
        content_type("application/octet-stream"),
    )
    .unwrap();
    let r = c.get_range(B, "r/data.bin", 10, 19).unwrap();
    assert_eq!(r.status(), 206);
    assert_eq!(r.headers()["content-range"], "bytes 10-19/1000");
    let crc = r.headers()["x-oss-hash-crc64ecma"]
        .to_str()
        .unwrap()
        .to_string();
    assert_eq!(
        crc,
        alicli_wire::crc64::checksum(&data).to_string(),
        "the CRC header is the whole object's"
    );
    assert_eq!(r.bytes().unwrap().as_ref(), &data[10..20]);
    assert_eq!(
        code(c.get_range(B, "r/data.bin", 1000, 1001).unwrap_err()),
        "InvalidRange"
    );
    assert_eq!(
        c.head_object(B, "r/data.bin").unwrap().headers()["content-length"],
        "1000"
    );

    for k in ["r/a", "r/b/1", "r/b/2", "r/c", "s/x"] {
        c.put_object(B, k, b"x".to_vec().into(), content_type("text/plain"))
            .unwrap();
    }
    let page = c.list_objects_v2(B, "r/", "/", None, 1000).unwrap();
    let keys: Vec<&str> = page.contents.iter().map(|o| o.key.as_str()).collect();
    assert_eq!(keys, ["r/a", "r/c", "r/data.bin"]);
    assert_eq!(page.common_prefixes[0].prefix, "r/b/");
    // Paging: two at a time until done.
    let mut seen = Vec::new();
    let mut token = None;
    loop {
        let page = c.list_objects_v2(B, "r/", "", token.as_deref(), 2).unwrap();
        seen.extend(page.contents.iter().map(|o| o.key.clone()));
        if !page.is_truncated {
            break;
        }
        token = Some(page.next_continuation_token.clone());
    }
    assert_eq!(seen, ["r/a", "r/b/1", "r/b/2", "r/c", "r/data.bin"]);

    c.delete_object(B, "r/a").unwrap();
    assert_eq!(code(c.head_object(B, "r/a").unwrap_err()), "NoSuchKey");
    c.delete_object(B, "r/never-there").unwrap();
}

#[test]
fn multipart_upload_is_validated_and_combines_crc() {
    let world = World::new();
    let c = world.user_oss_client(
        SignVersion::V4 {
            region: "cn-hangzhou".into(),
        },
        0,
    );
    let part1: Vec<u8> = vec![1u8; 100 * 1024];
    let part2: Vec<u8> = vec![2u8; 150 * 1024];
    let part3: Vec<u8> = b"tail".to_vec();
    let id = c
        .initiate_multipart_upload(B, "mp/object.bin", content_type("video/mp4"))
        .unwrap();
    let (e1, c1) = c
        .upload_part(B, "mp/object.bin", &id, 1, part1.clone().into())
        .unwrap();
    let (e3, _) = c
        .upload_part(B, "mp/object.bin", &id, 3, part3.clone().into())
        .unwrap();
    let (e2, c2) = c
        .upload_part(B, "mp/object.bin", &id, 2, part2.clone().into())
        .unwrap();
    assert_eq!(c1, Some(alicli_wire::crc64::checksum(&part1)));
    assert_eq!(c2, Some(alicli_wire::crc64::checksum(&part2)));
    let listed = c.list_parts(B, "mp/object.bin", &id).unwrap();
    assert_eq!(
        listed.iter().map(|p| p.part_number).collect::<Vec<_>>(),
        [1, 2, 3]
    );
    assert_eq!(listed[1].size, part2.len() as u64);

    let p = |n: u32, e: &str| CompletePart {
        part_number: n,
        etag: e.to_string(),
    };
    let err = c
        .complete_multipart_upload(
            B,
            "mp/object.bin",
            &id,
            vec![p(2, &e2), p(1, &e1), p(3, &e3)],
            false,
        )
        .unwrap_err();
    assert_eq!(code(err), "InvalidPartOrder");
    let err = c
        .complete_multipart_upload(
            B,
            "mp/object.bin",
            &id,
            vec![p(1, &e1), p(2, "\"BAD\""), p(3, &e3)],
            false,
        )
        .unwrap_err();
    assert_eq!(code(err), "InvalidPart");
    let err = c
        .complete_multipart_upload(
            B,
            "mp/object.bin",
            &id,
            vec![p(1, &e1), p(3, &e3), p(2, &e2)],
            false,
        )
        .unwrap_err();
    assert_eq!(code(err), "InvalidPartOrder");
    let (etag, crc) = c
        .complete_multipart_upload(
            B,
            "mp/object.bin",
            &id,
            vec![p(1, &e1), p(2, &e2), p(3, &e3)],
            false,
        )
        .unwrap();
    assert!(etag.ends_with("-3\""), "{etag}");
    let whole: Vec<u8> = [part1, part2, part3].concat();
    assert_eq!(crc, Some(alicli_wire::crc64::checksum(&whole)));
    let got = c.get_object(B, "mp/object.bin").unwrap();
    assert_eq!(got.headers()["content-type"], "video/mp4");
    assert!(got.bytes().unwrap().as_ref() == whole.as_slice());
    assert_eq!(
        code(c.list_parts(B, "mp/object.bin", &id).unwrap_err()),
        "NoSuchUpload"
    );
}

#[test]
fn small_parts_abort_and_unknown_uploads() {
    let world = World::new();
    let c = world.user_oss_client(
        SignVersion::V4 {
            region: "cn-hangzhou".into(),
        },
        0,
    );
    let id = c
        .initiate_multipart_upload(B, "mp/small", content_type("text/plain"))
        .unwrap();
    let (e1, _) = c
        .upload_part(B, "mp/small", &id, 1, b"too small".to_vec().into())
        .unwrap();
    let (e2, _) = c
        .upload_part(B, "mp/small", &id, 2, b"last".to_vec().into())
        .unwrap();
    let parts = vec![
        CompletePart {
            part_number: 1,
            etag: e1,
        },
        CompletePart {
            part_number: 2,
            etag: e2,
        },
    ];
    assert_eq!(
        code(
            c.complete_multipart_upload(B, "mp/small", &id, parts, false)
                .unwrap_err()
        ),
        "EntityTooSmall"
    );
    assert_eq!(uploads(&world), 1);
    c.abort_multipart_upload(B, "mp/small", &id).unwrap();
    assert_eq!(uploads(&world), 0);
    assert_eq!(
        code(c.abort_multipart_upload(B, "mp/small", &id).unwrap_err()),
        "NoSuchUpload"
    );
    assert_eq!(
        code(
            c.upload_part(B, "mp/small", "ABCDEF", 1, b"x".to_vec().into())
                .unwrap_err()
        ),
        "NoSuchUpload"
    );
    // One part is fine, whatever its size.
    let id = c
        .initiate_multipart_upload(B, "mp/one", content_type("text/plain"))
        .unwrap();
    let (e1, _) = c
        .upload_part(B, "mp/one", &id, 1, b"tiny".to_vec().into())
        .unwrap();
    c.complete_multipart_upload(
        B,
        "mp/one",
        &id,
        vec![CompletePart {
            part_number: 1,
            etag: e1,
        }],
        false,
    )
    .unwrap();
    assert_eq!(
        c.get_object(B, "mp/one").unwrap().bytes().unwrap().as_ref(),
        b"tiny"
    );
}

fn uploads(world: &World) -> u64 {
    let text = reqwest::blocking::get(format!("{}/-/uploads", world.endpoint()))
        .unwrap()
        .text()
        .unwrap();
    serde_json::from_str::<serde_json::Value>(&text).unwrap()["pending"]
        .as_u64()
        .unwrap()
}

pub fn arm(world: &World, op: &str, kind: &str, count: u32) {
    let url = format!(
        "{}/-/faults?op={op}&kind={kind}&count={count}",
        world.endpoint()
    );
    let r = reqwest::blocking::Client::new().post(url).send().unwrap();
    assert_eq!(r.status(), 200);
}

#[test]
fn faults_are_injected_on_demand() {
    let world = World::new();
    let c = world.user_oss_client(
        SignVersion::V4 {
            region: "cn-hangzhou".into(),
        },
        0,
    );
    c.put_object(
        B,
        "f/x",
        b"hello".to_vec().into(),
        content_type("text/plain"),
    )
    .unwrap();
    arm(&world, "GetObject", "503", 2);
    assert_eq!(
        code(c.get_object(B, "f/x").unwrap_err()),
        "ServiceUnavailable"
    );
    assert_eq!(
        code(c.get_object(B, "f/x").unwrap_err()),
        "ServiceUnavailable"
    );
    assert_eq!(
        c.get_object(B, "f/x").unwrap().bytes().unwrap().as_ref(),
        b"hello"
    );

    arm(&world, "GetObject", "reset", 1);
    let err = c.get_object(B, "f/x").unwrap_err();
    assert!(
        err.downcast_ref::<alicli::error::NetworkError>().is_some(),
        "{err:#}"
    );

    arm(&world, "GetObject", "corrupt", 1);
    let r = c.get_object(B, "f/x").unwrap();
    let crc: u64 = r.headers()["x-oss-hash-crc64ecma"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    let body = r.bytes().unwrap();
    assert_ne!(body.as_ref(), b"hello");
    assert_ne!(alicli_wire::crc64::checksum(&body), crc);

    arm(&world, "PutObject", "corrupt", 1);
    let put = c
        .put_object(
            B,
            "f/y",
            b"hello".to_vec().into(),
            content_type("text/plain"),
        )
        .unwrap();
    assert_ne!(put.crc64, Some(alicli_wire::crc64::checksum(b"hello")));

    let r = reqwest::blocking::Client::new()
        .post(format!("{}/-/faults?kind=bogus", world.endpoint()))
        .send()
        .unwrap();
    assert_eq!(r.status(), 400);
}

/// The headers of an upload that sends only a content type.
fn content_type(t: &str) -> Vec<(String, String)> {
    vec![("Content-Type".to_string(), t.to_string())]
}
