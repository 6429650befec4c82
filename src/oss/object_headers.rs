//! What an upload or a copy stores with an object besides its bytes: content type, the caching
//! and download headers, user metadata, storage class, ACL, and whether an existing object may
//! be replaced. `oss put`, `oss cp` and `oss sync` take the same flags ([`ObjectFlags`]); they are
//! checked here, before any request, and turned into the request headers OSS reads.

use clap::{Args, ValueEnum};

use crate::error::UsageError;
use crate::net::http::check_header_value;

/// The user-metadata entry alicli writes on every file it uploads: the file's modification time
/// in seconds since the epoch with a fraction, the form rclone writes and reads, so a later
/// download can give the file its time back and other tools can read it.
pub const MTIME_META: &str = "mtime";

/// The storage classes OSS has (values as its API spells them).
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum StorageClass {
    #[value(name = "Standard")]
    Standard,
    /// Infrequent Access
    #[value(name = "IA")]
    Ia,
    #[value(name = "Archive")]
    Archive,
    #[value(name = "ColdArchive")]
    ColdArchive,
    #[value(name = "DeepColdArchive")]
    DeepColdArchive,
}

impl StorageClass {
    pub fn as_str(self) -> &'static str {
        match self {
            StorageClass::Standard => "Standard",
            StorageClass::Ia => "IA",
            StorageClass::Archive => "Archive",
            StorageClass::ColdArchive => "ColdArchive",
            StorageClass::DeepColdArchive => "DeepColdArchive",
        }
    }
}

/// Object ACLs (`default`: the bucket's).
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ObjectAcl {
    Default,
    Private,
    PublicRead,
    PublicReadWrite,
}

impl ObjectAcl {
    pub fn as_str(self) -> &'static str {
        match self {
            ObjectAcl::Default => "default",
            ObjectAcl::Private => "private",
            ObjectAcl::PublicRead => "public-read",
            ObjectAcl::PublicReadWrite => "public-read-write",
        }
    }
}

/// The flags, as clap reads them.
#[derive(Debug, Clone, Default, Args)]
#[command(next_help_heading = "Object options")]
pub struct ObjectFlags {
    /// Content-Type to store [default: guessed from the key's extension]
    #[arg(long, value_name = "TYPE")]
    pub content_type: Option<String>,
    /// Cache-Control to store, e.g. "max-age=3600"
    #[arg(long, value_name = "VALUE")]
    pub cache_control: Option<String>,
    /// Content-Disposition to store, e.g. "attachment"
    #[arg(long, value_name = "VALUE")]
    pub content_disposition: Option<String>,
    /// User metadata to store as x-oss-meta-KEY (repeatable)
    #[arg(long = "meta", value_name = "KEY=VALUE", value_parser = parse_meta)]
    pub meta: Vec<(String, String)>,
    /// Storage class of the new objects
    #[arg(long, value_enum, value_name = "CLASS")]
    pub storage_class: Option<StorageClass>,
    /// ACL of the new objects
    #[arg(long, value_enum, value_name = "ACL")]
    pub acl: Option<ObjectAcl>,
    /// Never replace: OSS refuses to overwrite an existing object (x-oss-forbid-overwrite), and
    /// a download skips a file that exists
    #[arg(long)]
    pub no_overwrite: bool,
}

impl ObjectFlags {
    /// Checks what clap cannot, and gives the settings uploads carry.
    pub fn check(&self) -> Result<ObjectHeaders, UsageError> {
        for (flag, value) in [
            ("--content-type", &self.content_type),
            ("--cache-control", &self.cache_control),
            ("--content-disposition", &self.content_disposition),
        ] {
            if let Some(v) = value {
                check_header_value(flag, v)?;
            }
        }
        Ok(ObjectHeaders {
            content_type: self.content_type.clone(),
            cache_control: self.cache_control.clone(),
            content_disposition: self.content_disposition.clone(),
            meta: self.meta.clone(),
            storage_class: self.storage_class,
            acl: self.acl,
            forbid_overwrite: self.no_overwrite,
        })
    }

    /// True when a flag asks for something other than the source's own metadata: an OSS → OSS
    /// copy then replaces the metadata (`x-oss-metadata-directive: REPLACE`) instead of copying it.
    pub fn replaces_metadata(&self) -> bool {
        self.content_type.is_some()
            || self.cache_control.is_some()
            || self.content_disposition.is_some()
            || !self.meta.is_empty()
    }
}

/// `KEY=VALUE` for `--meta`: the name as OSS allows it in a header (letters, digits, `-`, `_`;
/// stored lowercase), the value free of control characters.
fn parse_meta(text: &str) -> Result<(String, String), String> {
    let (name, value) = text
        .split_once('=')
        .ok_or_else(|| format!("{text:?} is not KEY=VALUE"))?;
    let name = name.trim().to_ascii_lowercase();
    if name.is_empty()
        || !name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
    {
        return Err(format!(
            "metadata name {name:?} must be letters, digits, '-' or '_'"
        ));
    }
    // HTTP carries visible ASCII, spaces and tabs; anything else would be refused (or split
    // the header) only after every retry.
    if !value.bytes().all(|b| b == b'\t' || (b' '..=b'~').contains(&b)) {
        return Err(format!(
            "the value of {name:?} must be visible ASCII text (HTTP headers carry nothing else)"
        ));
    }
    Ok((name, value.to_string()))
}

/// What uploads send with each object. The content type, when not given, is guessed per key.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ObjectHeaders {
    pub content_type: Option<String>,
    pub cache_control: Option<String>,
    pub content_disposition: Option<String>,
    pub meta: Vec<(String, String)>,
    pub storage_class: Option<StorageClass>,
    pub acl: Option<ObjectAcl>,
    pub forbid_overwrite: bool,
}

impl ObjectHeaders {
    /// Only a content type (what `policy probe` and the tests send).
    pub fn content_type(content_type: &str) -> ObjectHeaders {
        ObjectHeaders {
            content_type: Some(content_type.to_string()),
            ..ObjectHeaders::default()
        }
    }

    /// The content type stored for `key`: the one given, else guessed from its extension.
    pub fn content_type_for(&self, key: &str) -> String {
        match &self.content_type {
            Some(t) => t.clone(),
            None => guess_content_type(key),
        }
    }

    /// The request headers of a PutObject or InitiateMultipartUpload of `key`.
    pub fn for_upload(&self, key: &str) -> Vec<(String, String)> {
        let mut headers = vec![("Content-Type".to_string(), self.content_type_for(key))];
        self.push_stored(&mut headers);
        headers
    }

    /// The headers that describe the object (not the content type), shared by uploads and
    /// copies that replace the metadata.
    fn push_stored(&self, headers: &mut Vec<(String, String)>) {
        if let Some(v) = &self.cache_control {
            headers.push(("Cache-Control".into(), v.clone()));
        }
        if let Some(v) = &self.content_disposition {
            headers.push(("Content-Disposition".into(), v.clone()));
        }
        for (name, value) in &self.meta {
            headers.push((format!("x-oss-meta-{name}"), value.clone()));
        }
        self.push_placement(headers);
    }

    /// Storage class, ACL and overwrite protection: what every write asks for, copies included.
    pub fn push_placement(&self, headers: &mut Vec<(String, String)>) {
        if let Some(class) = self.storage_class {
            headers.push(("x-oss-storage-class".into(), class.as_str().into()));
        }
        if let Some(acl) = self.acl {
            headers.push(("x-oss-object-acl".into(), acl.as_str().into()));
        }
        if self.forbid_overwrite {
            headers.push(("x-oss-forbid-overwrite".into(), "true".into()));
        }
    }

    /// The headers of a CopyObject or InitiateMultipartUpload for a copy: with `replace`, the
    /// metadata given here replaces the source's (content type guessed from the new key when
    /// not given); without, the source's metadata is copied and only the placement applies.
    pub fn for_copy(&self, key: &str, replace: bool) -> Vec<(String, String)> {
        let mut headers = Vec::new();
        if replace {
            headers.push(("x-oss-metadata-directive".into(), "REPLACE".into()));
            headers.push(("Content-Type".into(), self.content_type_for(key)));
            self.push_stored(&mut headers);
        } else {
            self.push_placement(&mut headers);
        }
        headers
    }

    /// A copy of these headers with the file's modification time added as [`MTIME_META`]
    /// (unless `--meta` already names it).
    pub fn with_mtime(&self, mtime: Option<std::time::SystemTime>) -> ObjectHeaders {
        let mut headers = self.clone();
        let given = headers.meta.iter().any(|(n, _)| n == MTIME_META);
        if let (false, Some(t)) = (given, mtime) {
            if let Ok(since) = t.duration_since(std::time::UNIX_EPOCH) {
                let value = format!("{}.{:09}", since.as_secs(), since.subsec_nanos());
                headers.meta.push((MTIME_META.to_string(), value));
            }
        }
        headers
    }
}

/// The content type for a key's extension, `application/octet-stream` when unknown.
pub fn guess_content_type(key: &str) -> String {
    mime_guess::from_path(key)
        .first_or_octet_stream()
        .essence_str()
        .to_string()
}

/// Reads [`MTIME_META`]'s value back: `seconds[.fraction]`.
pub fn parse_mtime(value: &str) -> Option<std::time::SystemTime> {
    let (secs, frac) = value.split_once('.').unwrap_or((value, ""));
    let secs: u64 = secs.parse().ok()?;
    let nanos = if frac.is_empty() {
        0
    } else {
        if frac.len() > 9 || !frac.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        format!("{frac:0<9}").parse::<u32>().ok()?
    };
    std::time::UNIX_EPOCH.checked_add(std::time::Duration::new(secs, nanos))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn meta_flags_are_checked() {
        assert_eq!(
            parse_meta("Owner=build 7").unwrap(),
            ("owner".into(), "build 7".into())
        );
        assert_eq!(parse_meta("a=").unwrap(), ("a".into(), String::new()));
        assert_eq!(parse_meta("k=v=w").unwrap().1, "v=w");
        assert!(parse_meta("novalue").is_err());
        assert!(parse_meta("=v").is_err());
        assert!(parse_meta("a b=v").is_err());
        assert!(parse_meta("a=line\nbreak").is_err());
    }

    #[test]
    fn upload_headers() {
        let h = ObjectHeaders {
            cache_control: Some("max-age=60".into()),
            meta: vec![("owner".into(), "ci".into())],
            storage_class: Some(StorageClass::Ia),
            acl: Some(ObjectAcl::PublicRead),
            forbid_overwrite: true,
            ..ObjectHeaders::default()
        };
        let sent = h.for_upload("site/index.html");
        let get = |name: &str| {
            sent.iter()
                .find(|(n, _)| n.eq_ignore_ascii_case(name))
                .map(|(_, v)| v.as_str())
        };
        assert_eq!(get("content-type"), Some("text/html"));
        assert_eq!(get("cache-control"), Some("max-age=60"));
        assert_eq!(get("x-oss-meta-owner"), Some("ci"));
        assert_eq!(get("x-oss-storage-class"), Some("IA"));
        assert_eq!(get("x-oss-object-acl"), Some("public-read"));
        assert_eq!(get("x-oss-forbid-overwrite"), Some("true"));
        assert_eq!(
            ObjectHeaders::default().for_upload("x.unknownext")[0].1,
            "application/octet-stream"
        );
    }

    #[test]
    fn copies_keep_the_source_metadata_unless_replacing() {
        let h = ObjectHeaders {
            meta: vec![("a".into(), "1".into())],
            storage_class: Some(StorageClass::Archive),
            ..ObjectHeaders::default()
        };
        let kept = h.for_copy("b.json", false);
        assert_eq!(
            kept,
            vec![("x-oss-storage-class".to_string(), "Archive".to_string())]
        );
        let replaced = h.for_copy("b.json", true);
        assert!(replaced.contains(&("x-oss-metadata-directive".into(), "REPLACE".into())));
        assert!(replaced.contains(&("Content-Type".into(), "application/json".into())));
        assert!(replaced.contains(&("x-oss-meta-a".into(), "1".into())));
    }

    #[test]
    fn mtimes_round_trip() {
        let t = std::time::UNIX_EPOCH + std::time::Duration::new(1_700_000_000, 123_456_789);
        let h = ObjectHeaders::default().with_mtime(Some(t));
        let (name, value) = &h.meta[0];
        assert_eq!(name, MTIME_META);
        assert_eq!(value, "1700000000.123456789");
        assert_eq!(parse_mtime(value), Some(t));
        assert_eq!(
            parse_mtime("1700000000.5"),
            Some(std::time::UNIX_EPOCH + std::time::Duration::new(1_700_000_000, 500_000_000))
        );
        assert_eq!(
            parse_mtime("1700000000"),
            Some(std::time::UNIX_EPOCH + std::time::Duration::from_secs(1_700_000_000))
        );
        assert_eq!(parse_mtime("x"), None);
        assert_eq!(parse_mtime("1.1234567890"), None);
        // Given by --meta, it is not replaced.
        let given = ObjectHeaders {
            meta: vec![(MTIME_META.into(), "5".into())],
            ..ObjectHeaders::default()
        }
        .with_mtime(Some(t));
        assert_eq!(given.meta.len(), 1);
    }
}
