//! What OSS keeps with an object beside its bytes: its storage class and its ACL, with their
//! values spelled exactly as the OSS documentation lists them (and the official SDKs send
//! them). The client's flags and the local cloud both take them from here.

use serde::{Deserialize, Serialize};

/// An object's storage class. Objects written before classes were kept are Standard.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum StorageClass {
    #[default]
    Standard,
    #[serde(rename = "IA")]
    Ia,
    Archive,
    ColdArchive,
    DeepColdArchive,
}

impl StorageClass {
    pub const ALL: [StorageClass; 5] = [
        StorageClass::Standard,
        StorageClass::Ia,
        StorageClass::Archive,
        StorageClass::ColdArchive,
        StorageClass::DeepColdArchive,
    ];

    /// The name in headers and listings.
    pub fn name(self) -> &'static str {
        match self {
            StorageClass::Standard => "Standard",
            StorageClass::Ia => "IA",
            StorageClass::Archive => "Archive",
            StorageClass::ColdArchive => "ColdArchive",
            StorageClass::DeepColdArchive => "DeepColdArchive",
        }
    }

    pub fn parse(value: &str) -> Option<StorageClass> {
        Self::ALL.into_iter().find(|c| c.name() == value)
    }

    /// The archive classes: their bytes cannot be read (GetObject, a copy's source) until the
    /// object is restored.
    pub fn is_frozen(self) -> bool {
        matches!(
            self,
            StorageClass::Archive | StorageClass::ColdArchive | StorageClass::DeepColdArchive
        )
    }
}

/// An object's ACL. `default` follows the bucket's.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum ObjectAcl {
    #[default]
    #[serde(rename = "default")]
    Default,
    #[serde(rename = "private")]
    Private,
    #[serde(rename = "public-read")]
    PublicRead,
    #[serde(rename = "public-read-write")]
    PublicReadWrite,
}

impl ObjectAcl {
    pub const ALL: [ObjectAcl; 4] = [
        ObjectAcl::Default,
        ObjectAcl::Private,
        ObjectAcl::PublicRead,
        ObjectAcl::PublicReadWrite,
    ];

    /// The name in `x-oss-object-acl` and in GetObjectACL's `<Grant>`.
    pub fn name(self) -> &'static str {
        match self {
            ObjectAcl::Default => "default",
            ObjectAcl::Private => "private",
            ObjectAcl::PublicRead => "public-read",
            ObjectAcl::PublicReadWrite => "public-read-write",
        }
    }

    pub fn parse(value: &str) -> Option<ObjectAcl> {
        Self::ALL.into_iter().find(|a| a.name() == value)
    }
}
