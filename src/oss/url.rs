//! `oss://bucket/key` addresses: parsed and checked locally, so a malformed one is refused before
//! any request with a message that says what is wrong.

use alicli_wire::error::UsageError;
pub use alicli_wire::names::{check_bucket, check_key};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OssUrl {
    pub bucket: String,
    /// Raw key (not percent-encoded); empty when the URL names only a bucket.
    pub key: String,
}

impl OssUrl {
    pub fn parse(text: &str) -> Result<OssUrl, UsageError> {
        let rest = text.strip_prefix("oss://").ok_or_else(|| {
            UsageError(format!(
                "{text:?} is not an OSS URL: expected oss://bucket/key"
            ))
        })?;
        let (bucket, key) = rest.split_once('/').unwrap_or((rest, ""));
        if bucket.is_empty() {
            return Err(UsageError(format!(
                "{text:?} has no bucket: expected oss://bucket/key"
            )));
        }
        check_bucket(bucket).map_err(|why| {
            UsageError(format!("invalid bucket name {bucket:?} in {text:?}: {why}"))
        })?;
        Ok(OssUrl {
            bucket: bucket.to_string(),
            key: key.to_string(),
        })
    }

    /// Like [`parse`](Self::parse), but the URL must name an object (or a folder ending in `/`).
    pub fn parse_object(text: &str) -> Result<OssUrl, UsageError> {
        let url = Self::parse(text)?;
        if url.key.is_empty() {
            return Err(UsageError(format!(
                "{text:?} has no object key: expected oss://{}/key",
                url.bucket
            )));
        }
        check_key(&url.key)
            .map_err(|why| UsageError(format!("invalid object key in {text:?}: {why}")))?;
        Ok(url)
    }
}

impl std::fmt::Display for OssUrl {
    /// As messages show it: see [`display`].
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&display(&self.bucket, &self.key))
    }
}

/// `oss://bucket/key` as messages show it. A key may hold any character, CR, LF and ESC
/// included (and keys come from listings too): they are escaped, so a key can neither forge a
/// line of output nor send the terminal a control sequence.
pub fn display(bucket: &str, key: &str) -> String {
    format!(
        "oss://{bucket}/{}",
        crate::terminal::output::escape_untrusted(key)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_bucket_and_key() {
        let u = OssUrl::parse_object("oss://sample-bucket/2015/01/01/grass.jpg").unwrap();
        assert_eq!(u.bucket, "sample-bucket");
        assert_eq!(u.key, "2015/01/01/grass.jpg");
        assert_eq!(u.to_string(), "oss://sample-bucket/2015/01/01/grass.jpg");
        let folder = OssUrl::parse_object("oss://b-1/dir/").unwrap();
        assert_eq!(folder.key, "dir/");
    }

    #[test]
    fn refuses_malformed_urls() {
        for (bad, needle) in [
            ("s3://b/k", "not an OSS URL"),
            ("oss://", "no bucket"),
            ("oss:///key", "no bucket"),
            ("oss://bucket", "no object key"),
            ("oss://bucket/", "no object key"),
            ("oss://Bucket/k", "lowercase"),
            ("oss://ab/k", "3 to 63"),
            ("oss://bucket//k", "must not start"),
        ] {
            let err = OssUrl::parse_object(bad).unwrap_err().to_string();
            assert!(err.contains(needle), "{bad}: {err}");
        }
        let long = format!("oss://bucket/{}", "k".repeat(1024));
        assert!(OssUrl::parse_object(&long)
            .unwrap_err()
            .to_string()
            .contains("1023"));
    }
}
