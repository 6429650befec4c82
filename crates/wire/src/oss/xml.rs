//! The XML documents of OSS's object, copy, batch-delete and multipart APIs, as serde types
//! shared by the client (which reads answers and writes CompleteMultipartUpload and Delete) and
//! the local cloud (which does the opposite). One definition keeps both sides agreeing on element
//! names.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(rename = "InitiateMultipartUploadResult", rename_all = "PascalCase")]
pub struct InitiateMultipartUploadResult {
    pub bucket: String,
    pub key: String,
    pub upload_id: String,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "PascalCase")]
pub struct CompletePart {
    pub part_number: u32,
    #[serde(rename = "ETag")]
    pub etag: String,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(rename = "CompleteMultipartUpload")]
pub struct CompleteMultipartUpload {
    #[serde(rename = "Part", default)]
    pub parts: Vec<CompletePart>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(rename = "CompleteMultipartUploadResult", rename_all = "PascalCase")]
pub struct CompleteMultipartUploadResult {
    #[serde(default)]
    pub location: String,
    pub bucket: String,
    pub key: String,
    #[serde(rename = "ETag")]
    pub etag: String,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "PascalCase")]
pub struct ListedPart {
    pub part_number: u32,
    #[serde(default)]
    pub last_modified: String,
    #[serde(rename = "ETag")]
    pub etag: String,
    /// Absent rather than empty when unknown: `<HashCrc64ecma/>` does not read back as a number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hash_crc64ecma: Option<u64>,
    pub size: u64,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(rename = "ListPartsResult", rename_all = "PascalCase")]
pub struct ListPartsResult {
    pub bucket: String,
    pub key: String,
    pub upload_id: String,
    #[serde(default)]
    pub part_number_marker: u32,
    #[serde(default)]
    pub next_part_number_marker: u32,
    #[serde(default)]
    pub max_parts: u32,
    #[serde(default)]
    pub is_truncated: bool,
    #[serde(rename = "Part", default)]
    pub parts: Vec<ListedPart>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "PascalCase")]
pub struct ListedObject {
    pub key: String,
    #[serde(default)]
    pub last_modified: String,
    #[serde(rename = "ETag", default)]
    pub etag: String,
    #[serde(rename = "Type", default)]
    pub kind: String,
    pub size: u64,
    #[serde(default)]
    pub storage_class: String,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "PascalCase")]
pub struct CommonPrefix {
    pub prefix: String,
}

/// ListObjectsV2 (`GET /?list-type=2`).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(rename = "ListBucketResult", rename_all = "PascalCase")]
pub struct ListBucketResult {
    pub name: String,
    #[serde(default)]
    pub prefix: String,
    #[serde(default)]
    pub max_keys: u32,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub delimiter: String,
    #[serde(default)]
    pub is_truncated: bool,
    #[serde(default)]
    pub key_count: u32,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub continuation_token: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub next_continuation_token: String,
    /// ListObjects (v1) paging.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub marker: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub next_marker: String,
    #[serde(rename = "Contents", default)]
    pub contents: Vec<ListedObject>,
    #[serde(rename = "CommonPrefixes", default)]
    pub common_prefixes: Vec<CommonPrefix>,
}

/// The one element of a listing that says how names in it are written: `url` when the request
/// asked for `encoding-type=url` and the service applied it (keys, prefixes and the continuation
/// token are then percent-encoded). Read beside [`ListBucketResult`] so that a client never
/// decodes names a server sent raw, which would change every key holding a `%`.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq, Eq)]
#[serde(rename = "ListBucketResult", rename_all = "PascalCase")]
pub struct ListingEncoding {
    #[serde(default)]
    pub encoding_type: String,
}

/// One bucket of ListBuckets (GetService).
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "PascalCase")]
pub struct ListedBucket {
    pub name: String,
    /// `oss-cn-hangzhou`: the region with OSS's prefix.
    #[serde(default)]
    pub location: String,
    /// `cn-hangzhou`, in newer answers.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub region: String,
    #[serde(default)]
    pub creation_date: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub storage_class: String,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq, Eq)]
pub struct ListedBuckets {
    #[serde(rename = "Bucket", default)]
    pub buckets: Vec<ListedBucket>,
}

/// ListBuckets (`GET /` on the service endpoint), paged by `marker`.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(rename = "ListAllMyBucketsResult", rename_all = "PascalCase")]
pub struct ListAllMyBucketsResult {
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub prefix: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub marker: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_keys: Option<u32>,
    #[serde(default)]
    pub is_truncated: bool,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub next_marker: String,
    #[serde(default)]
    pub buckets: ListedBuckets,
}

/// One key of a DeleteMultipleObjects request.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "PascalCase")]
pub struct DeleteEntry {
    pub key: String,
    /// Versioned buckets only; the local cloud refuses it (it has no versions).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version_id: Option<String>,
}

/// DeleteMultipleObjects' request body (`POST /?delete`): up to 1000 keys, and `Quiet` to have
/// only the failures listed in the answer.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(rename = "Delete", rename_all = "PascalCase")]
pub struct Delete {
    /// Text rather than bool: OSS reads `true`/`false` in any case, serde only the lower one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quiet: Option<String>,
    #[serde(rename = "Object", default)]
    pub objects: Vec<DeleteEntry>,
}

impl Delete {
    pub fn is_quiet(&self) -> bool {
        self.quiet
            .as_deref()
            .is_some_and(|q| q.trim().eq_ignore_ascii_case("true"))
    }
}

/// A key DeleteMultipleObjects deleted (or found absent, which OSS counts as deleted).
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "PascalCase")]
pub struct Deleted {
    pub key: String,
}

/// DeleteMultipleObjects' answer: every key in verbose mode, none in quiet mode.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(rename = "DeleteResult", rename_all = "PascalCase")]
pub struct DeleteResult {
    /// `url` when the request asked for `encoding-type=url`; the keys are then percent-encoded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub encoding_type: Option<String>,
    #[serde(rename = "Deleted", default)]
    pub deleted: Vec<Deleted>,
}

/// CopyObject's answer.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq, Eq)]
#[serde(rename = "CopyObjectResult", rename_all = "PascalCase")]
pub struct CopyObjectResult {
    /// ISO 8601 (`2012-02-24T02:53:26.000Z`), not the HTTP date of Last-Modified headers.
    pub last_modified: String,
    #[serde(rename = "ETag")]
    pub etag: String,
}

/// UploadPartCopy's answer: the same two fields under another root.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq, Eq)]
#[serde(rename = "CopyPartResult", rename_all = "PascalCase")]
pub struct CopyPartResult {
    pub last_modified: String,
    #[serde(rename = "ETag")]
    pub etag: String,
}

/// Serialises with the XML declaration OSS puts first.
pub fn to_document<T: Serialize>(value: &T) -> String {
    let body = quick_xml::se::to_string(value).unwrap_or_default();
    format!("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n{body}\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn complete_request_round_trips() {
        let doc = CompleteMultipartUpload {
            parts: vec![
                CompletePart {
                    part_number: 1,
                    etag: "\"A\"".into(),
                },
                CompletePart {
                    part_number: 2,
                    etag: "\"B\"".into(),
                },
            ],
        };
        let xml = to_document(&doc);
        assert!(
            xml.contains("<Part><PartNumber>1</PartNumber><ETag>\"A\"</ETag></Part>")
                || xml.contains("&quot;A&quot;"),
            "{xml}"
        );
        let back: CompleteMultipartUpload = quick_xml::de::from_str(&xml).unwrap();
        assert_eq!(back.parts, doc.parts);
    }

    #[test]
    fn reads_oss_list_parts_answer() {
        let xml = r#"<?xml version="1.0" encoding="UTF-8"?>
<ListPartsResult>
  <Bucket>b</Bucket><Key>k</Key><UploadId>U1</UploadId>
  <NextPartNumberMarker>2</NextPartNumberMarker><MaxParts>1000</MaxParts><IsTruncated>false</IsTruncated>
  <Part><PartNumber>1</PartNumber><LastModified>2012-02-23T07:01:34.000Z</LastModified>
    <ETag>"3349DC700140D7F86A0784842780****"</ETag><HashCrc64ecma>1234</HashCrc64ecma><Size>6291456</Size></Part>
  <Part><PartNumber>2</PartNumber><ETag>"X"</ETag><Size>10</Size></Part>
</ListPartsResult>"#;
        let r: ListPartsResult = quick_xml::de::from_str(xml).unwrap();
        assert_eq!(r.parts.len(), 2);
        assert_eq!(r.parts[0].hash_crc64ecma, Some(1234));
        assert_eq!(r.parts[1].size, 10);
    }

    /// Found by the oss_multipart_xml fuzz target: a part without a CRC-64 was written as
    /// `<HashCrc64ecma/>`, which the client could not read back.
    #[test]
    fn part_without_crc_round_trips() {
        let doc = ListPartsResult {
            bucket: "b".into(),
            key: "k".into(),
            upload_id: "U1".into(),
            parts: vec![ListedPart {
                part_number: 2,
                etag: "\"X\"".into(),
                hash_crc64ecma: None,
                size: 10,
                ..Default::default()
            }],
            ..Default::default()
        };
        let xml = to_document(&doc);
        assert!(!xml.contains("HashCrc64ecma"), "{xml}");
        let back: ListPartsResult = quick_xml::de::from_str(&xml).unwrap();
        assert_eq!(back.parts, doc.parts);
    }

    #[test]
    fn delete_documents_round_trip() {
        let xml = r#"<?xml version="1.0" encoding="UTF-8"?>
<Delete><Quiet>TRUE</Quiet><Object><Key>a</Key></Object><Object><Key>b/c</Key><VersionId>v</VersionId></Object></Delete>"#;
        let d: Delete = quick_xml::de::from_str(xml).unwrap();
        assert!(d.is_quiet());
        assert_eq!(d.objects.len(), 2);
        assert_eq!(d.objects[1].version_id.as_deref(), Some("v"));
        let none: Delete =
            quick_xml::de::from_str("<Delete><Object><Key>a</Key></Object></Delete>").unwrap();
        assert!(!none.is_quiet());
        let result = DeleteResult {
            encoding_type: Some("url".into()),
            deleted: vec![Deleted {
                key: "a%20b".into(),
            }],
        };
        let text = to_document(&result);
        assert!(
            text.contains("<DeleteResult><EncodingType>url</EncodingType><Deleted><Key>a%20b</Key></Deleted></DeleteResult>"),
            "{text}"
        );
        let back: DeleteResult = quick_xml::de::from_str(&text).unwrap();
        assert_eq!(back.deleted, result.deleted);
        let empty: DeleteResult = quick_xml::de::from_str("<DeleteResult/>").unwrap();
        assert!(empty.deleted.is_empty());
    }

    #[test]
    fn copy_results_round_trip() {
        let xml = r#"<CopyObjectResult><LastModified>2012-02-24T02:53:26.000Z</LastModified><ETag>"E"</ETag></CopyObjectResult>"#;
        let r: CopyObjectResult = quick_xml::de::from_str(xml).unwrap();
        assert_eq!(r.etag, "\"E\"");
        let part = CopyPartResult {
            last_modified: r.last_modified.clone(),
            etag: r.etag.clone(),
        };
        let back: CopyPartResult = quick_xml::de::from_str(&to_document(&part)).unwrap();
        assert_eq!(back, part);
    }

    #[test]
    fn reads_list_objects_v2_answer() {
        let xml = r#"<ListBucketResult><Name>b</Name><Prefix>p/</Prefix><MaxKeys>100</MaxKeys><IsTruncated>true</IsTruncated>
<KeyCount>1</KeyCount><NextContinuationToken>t</NextContinuationToken>
<Contents><Key>p/a</Key><ETag>"E"</ETag><Size>3</Size></Contents>
<CommonPrefixes><Prefix>p/d/</Prefix></CommonPrefixes></ListBucketResult>"#;
        let r: ListBucketResult = quick_xml::de::from_str(xml).unwrap();
        assert_eq!(r.contents[0].key, "p/a");
        assert_eq!(r.common_prefixes[0].prefix, "p/d/");
        assert!(r.is_truncated);
    }

    #[test]
    fn reads_list_buckets_answer() {
        let xml = r#"<?xml version="1.0" encoding="UTF-8"?>
<ListAllMyBucketsResult>
  <Prefix>my</Prefix><Marker>mb</Marker><MaxKeys>10</MaxKeys><IsTruncated>true</IsTruncated><NextMarker>my-bucket-10</NextMarker>
  <Owner><ID>512**</ID><DisplayName>51264</DisplayName></Owner>
  <Buckets>
    <Bucket><CreationDate>2014-02-17T18:12:43.000Z</CreationDate><ExtranetEndpoint>oss-cn-shanghai.aliyuncs.com</ExtranetEndpoint>
      <Location>oss-cn-shanghai</Location><Name>app-base-oss</Name><Region>cn-shanghai</Region><StorageClass>Standard</StorageClass></Bucket>
    <Bucket><CreationDate>2014-02-25T11:21:04.000Z</CreationDate><Location>oss-cn-hangzhou</Location><Name>mybucket</Name></Bucket>
  </Buckets>
</ListAllMyBucketsResult>"#;
        let r: ListAllMyBucketsResult = quick_xml::de::from_str(xml).unwrap();
        assert!(r.is_truncated);
        assert_eq!(r.next_marker, "my-bucket-10");
        assert_eq!(r.buckets.buckets.len(), 2);
        assert_eq!(r.buckets.buckets[0].region, "cn-shanghai");
        assert_eq!(r.buckets.buckets[1].location, "oss-cn-hangzhou");
        let empty: ListAllMyBucketsResult =
            quick_xml::de::from_str("<ListAllMyBucketsResult><Buckets/></ListAllMyBucketsResult>")
                .unwrap();
        assert!(empty.buckets.buckets.is_empty());
    }

    #[test]
    fn listing_encoding_is_read_beside_the_listing() {
        let xml = "<ListBucketResult><Name>b</Name><EncodingType>url</EncodingType><Contents><Key>a%0Ab</Key><Size>1</Size></Contents></ListBucketResult>";
        let e: ListingEncoding = quick_xml::de::from_str(xml).unwrap();
        assert_eq!(e.encoding_type, "url");
        let raw: ListingEncoding =
            quick_xml::de::from_str("<ListBucketResult><Name>b</Name></ListBucketResult>").unwrap();
        assert_eq!(raw.encoding_type, "");
    }
}
