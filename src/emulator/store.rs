//! Object storage on disk for the local cloud.
//!
//! Each bucket is a folder; each object is a data file plus a small JSON metadata file named by the
//! SHA-256 of its key (keys may hold any character, including `/` and `..`, so they never become
//! paths). A write streams into a fresh data file and then atomically replaces the metadata that
//! points to it, so a reader sees either the old object or the new one, never a mix.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use base64::Engine;
use futures_util::StreamExt;
use md5::{Digest as _, Md5};
use serde::{Deserialize, Serialize};
use sha2::Sha256;
use tokio::io::AsyncWriteExt;

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ObjectMeta {
    pub key: String,
    pub size: u64,
    pub content_type: String,
    /// Hex MD5 of the body, upper case, as OSS shows it (without quotes).
    pub etag: String,
    pub content_md5: String,
    pub crc64: u64,
    pub last_modified: String,
    data_file: String,
}

pub struct Store {
    root: PathBuf,
}

/// Why a write was refused.
pub enum PutError {
    /// Content-MD5 was sent and the body does not match it.
    BadDigest,
    /// The client went away or the body broke off.
    Body(String),
    Io(anyhow::Error),
}

impl Store {
    pub fn new(root: &Path) -> Result<Store> {
        std::fs::create_dir_all(root.join("buckets"))
            .with_context(|| format!("cannot create {}", root.display()))?;
        Ok(Store {
            root: root.to_path_buf(),
        })
    }

    fn bucket_dir(&self, bucket: &str) -> PathBuf {
        self.root.join("buckets").join(bucket)
    }

    pub fn create_bucket(&self, bucket: &str) -> Result<()> {
        std::fs::create_dir_all(self.bucket_dir(bucket)).context("cannot create bucket folder")
    }

    pub fn bucket_exists(&self, bucket: &str) -> bool {
        crate::oss::url::check_bucket(bucket).is_ok() && self.bucket_dir(bucket).is_dir()
    }

    fn meta_path(&self, bucket: &str, key: &str) -> PathBuf {
        let digest = Sha256::digest(key.as_bytes());
        let name: String = digest.iter().map(|b| format!("{b:02x}")).collect();
        self.bucket_dir(bucket).join(format!("{name}.json"))
    }

    pub async fn meta(&self, bucket: &str, key: &str) -> Option<ObjectMeta> {
        let bytes = tokio::fs::read(self.meta_path(bucket, key)).await.ok()?;
        serde_json::from_slice(&bytes).ok()
    }

    pub fn data_path(&self, bucket: &str, meta: &ObjectMeta) -> PathBuf {
        self.bucket_dir(bucket).join(&meta.data_file)
    }

    /// Streams `body` into a new object. `content_md5` (base64) is checked when given.
    pub async fn put(
        &self,
        bucket: &str,
        key: &str,
        body: axum::body::Body,
        content_type: &str,
        content_md5: Option<&[u8]>,
        corrupt: bool,
    ) -> Result<ObjectMeta, PutError> {
        let dir = self.bucket_dir(bucket);
        let data_file = format!("{}.data", uuid::Uuid::new_v4().simple());
        let data_path = dir.join(&data_file);
        let file = tokio::fs::File::create(&data_path)
            .await
            .map_err(|e| PutError::Io(e.into()))?;
        let mut out = tokio::io::BufWriter::with_capacity(1 << 20, file);
        let mut md5 = Md5::new();
        let mut crc = crate::crc64::new_digest();
        let mut size = 0u64;
        let mut stream = body.into_data_stream();
        let result: Result<(), PutError> = async {
            while let Some(chunk) = stream.next().await {
                let chunk = chunk.map_err(|e| PutError::Body(e.to_string()))?;
                md5.update(&chunk);
                crc.update(&chunk);
                size += chunk.len() as u64;
                out.write_all(&chunk)
                    .await
                    .map_err(|e| PutError::Io(e.into()))?;
            }
            out.flush().await.map_err(|e| PutError::Io(e.into()))?;
            Ok(())
        }
        .await;
        let digest = md5.finalize();
        let failed = match result {
            Err(e) => Some(e),
            Ok(()) if content_md5.is_some_and(|m| m != digest.as_slice()) => {
                Some(PutError::BadDigest)
            }
            Ok(()) => None,
        };
        if let Some(e) = failed {
            let _ = tokio::fs::remove_file(&data_path).await;
            return Err(e);
        }
        let mut crc64 = crc.finalize();
        if corrupt {
            // Fault injection: report a CRC that does not match the bytes received, as a body
            // corrupted on the wire would.
            crc64 ^= 1;
        }
        let meta = ObjectMeta {
            key: key.to_string(),
            size,
            content_type: content_type.to_string(),
            etag: digest.iter().map(|b| format!("{b:02X}")).collect(),
            content_md5: base64::engine::general_purpose::STANDARD.encode(digest),
            crc64,
            last_modified: crate::signing::oss_v1::format_date(chrono::Utc::now()),
            data_file,
        };
        let old = self.meta(bucket, key).await;
        let meta_path = self.meta_path(bucket, key);
        let tmp = dir.join(format!(".{}.tmp", uuid::Uuid::new_v4().simple()));
        let json = serde_json::to_vec(&meta).map_err(|e| PutError::Io(e.into()))?;
        tokio::fs::write(&tmp, json)
            .await
            .map_err(|e| PutError::Io(e.into()))?;
        tokio::fs::rename(&tmp, &meta_path)
            .await
            .map_err(|e| PutError::Io(e.into()))?;
        if let Some(old) = old {
            if old.data_file != meta.data_file {
                let _ = tokio::fs::remove_file(dir.join(old.data_file)).await;
            }
        }
        Ok(meta)
    }
}
