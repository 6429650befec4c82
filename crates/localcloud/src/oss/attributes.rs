//! What OSS keeps with an object beside its bytes and headers: its storage class and its ACL.
//! Their values as OSS spells them, how a request gives them (`x-oss-storage-class`,
//! `x-oss-object-acl`), and OSS's answers to a value it does not know.
//!
//! The OSS documentation lists each set of values exactly (`Standard`, `IA`, `Archive`,
//! `ColdArchive`, `DeepColdArchive`; `default`, `private`, `public-read`, `public-read-write`)
//! and the official SDKs send them spelled so; any other spelling is refused here with OSS's
//! 400, so a client relying on one finds out locally rather than against the real service.

use axum::http::HeaderMap;

use super::error::{error, OssError};

pub(crate) use alicli_wire::oss::attributes::{ObjectAcl, StorageClass};

/// Which request a value came with: OSS words (and numbers) its refusals per operation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Given {
    /// PutObject, InitiateMultipartUpload, CompleteMultipartUpload.
    Write,
    /// CopyObject.
    Copy,
    /// PutObjectACL, where the header is the whole request.
    SetAcl,
}

fn header<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get(name)
        .map(|v| v.to_str().unwrap_or_default().trim())
}

/// `x-oss-storage-class`, when sent: one of the five classes. Empty and unknown values are 400
/// `InvalidArgument`, with the `EC`s OSS documents for them (0017-00000131 empty,
/// 0017-00000132 unknown on an upload, 0013-00000101 unknown on CopyObject).
pub(crate) fn storage_class(
    headers: &HeaderMap,
    given: Given,
) -> Result<Option<StorageClass>, OssError> {
    let Some(value) = header(headers, "x-oss-storage-class") else {
        return Ok(None);
    };
    if value.is_empty() {
        return Err(error(
            400,
            "InvalidArgument",
            "The x-oss-storage-class header cannot be empty.",
            "0017-00000131",
        ));
    }
    StorageClass::parse(value).map(Some).ok_or_else(|| {
        error(
            400,
            "InvalidArgument",
            format!(
                "Invalid storage class {value:?}: x-oss-storage-class must be Standard, IA, Archive, ColdArchive or DeepColdArchive."
            ),
            if given == Given::Copy {
                "0013-00000101"
            } else {
                "0017-00000132"
            },
        )
    })
}

/// `x-oss-object-acl`, when sent: one of the four ACLs, else 400 `InvalidArgument`. PutObjectACL
/// requires it (missing or empty is 0017-00000105, unknown 0017-00000104); on the writes an
/// unknown or empty value is 0017-00000205, OSS's code for a parameter with a bad value.
pub(crate) fn object_acl(headers: &HeaderMap, given: Given) -> Result<Option<ObjectAcl>, OssError> {
    let value = header(headers, "x-oss-object-acl");
    let invalid = |ec, why: String| Err(error(400, "InvalidArgument", why, ec));
    match value {
        None | Some("") if given == Given::SetAcl => invalid(
            "0017-00000105",
            "PutObjectACL needs the x-oss-object-acl header.".into(),
        ),
        None => Ok(None),
        Some(v) => match ObjectAcl::parse(v) {
            Some(acl) => Ok(Some(acl)),
            None => invalid(
                if given == Given::SetAcl {
                    "0017-00000104"
                } else {
                    "0017-00000205"
                },
                format!(
                    "Invalid object ACL {v:?}: x-oss-object-acl must be default, private, public-read or public-read-write."
                ),
            ),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn with(name: &str, value: &str) -> HeaderMap {
        let mut map = HeaderMap::new();
        map.insert(
            axum::http::HeaderName::from_bytes(name.as_bytes()).unwrap(),
            value.parse().unwrap(),
        );
        map
    }

    fn ec(e: OssError) -> String {
        format!("{} {}", e.code(), e.ec())
    }

    #[test]
    fn storage_classes_are_the_five_spelled_as_oss_spells_them() {
        let class = |v: &str| storage_class(&with("x-oss-storage-class", v), Given::Write);
        for c in StorageClass::ALL {
            assert_eq!(class(c.name()).ok(), Some(Some(c)));
            // Stored under the same name.
            assert_eq!(
                serde_json::to_string(&c).unwrap(),
                format!("\"{}\"", c.name())
            );
        }
        assert_eq!(class(" IA ").ok(), Some(Some(StorageClass::Ia)));
        for bad in ["ia", "standard", "STANDARD", "Cold Archive", "GLACIER"] {
            let e = class(bad).err().unwrap();
            assert_eq!(ec(e), "InvalidArgument 0017-00000132", "{bad}");
        }
        assert_eq!(
            ec(class("").err().unwrap()),
            "InvalidArgument 0017-00000131"
        );
        let copy = storage_class(&with("x-oss-storage-class", "test"), Given::Copy);
        assert_eq!(ec(copy.err().unwrap()), "InvalidArgument 0013-00000101");
        assert_eq!(
            storage_class(&HeaderMap::new(), Given::Write).ok(),
            Some(None)
        );
        assert!(StorageClass::Archive.is_frozen() && StorageClass::DeepColdArchive.is_frozen());
        assert!(!StorageClass::Ia.is_frozen() && !StorageClass::Standard.is_frozen());
    }

    #[test]
    fn acls_are_the_four_and_put_object_acl_needs_one() {
        let acl = |v: &str, g| object_acl(&with("x-oss-object-acl", v), g);
        for a in ObjectAcl::ALL {
            assert_eq!(acl(a.name(), Given::Write).ok(), Some(Some(a)));
            assert_eq!(acl(a.name(), Given::SetAcl).ok(), Some(Some(a)));
        }
        assert_eq!(
            ec(acl("public", Given::Write).err().unwrap()),
            "InvalidArgument 0017-00000205"
        );
        assert_eq!(
            ec(acl("Private", Given::SetAcl).err().unwrap()),
            "InvalidArgument 0017-00000104"
        );
        assert_eq!(
            ec(acl("", Given::SetAcl).err().unwrap()),
            "InvalidArgument 0017-00000105"
        );
        assert_eq!(
            ec(object_acl(&HeaderMap::new(), Given::SetAcl).err().unwrap()),
            "InvalidArgument 0017-00000105"
        );
        assert_eq!(object_acl(&HeaderMap::new(), Given::Copy).ok(), Some(None));
        assert_eq!(
            serde_json::to_string(&ObjectAcl::PublicReadWrite).unwrap(),
            "\"public-read-write\""
        );
    }
}
