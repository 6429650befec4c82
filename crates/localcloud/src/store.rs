//! Object storage on disk for the local cloud: objects, and multipart uploads in progress.
//!
//! Each bucket is a folder; each object is a data file plus a small JSON metadata file named by the
//! SHA-256 of its key (keys may hold any character, including `/` and `..`, so they never become
//! paths). A write streams into a fresh data file and then atomically replaces the metadata that
//! points to it, so a reader sees either the old object or the new one, never a mix. Multipart
//! uploads live under `uploads/<id>/` until completed (parts concatenated into a new object) or
//! aborted (folder removed).

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use base64::Engine;
use futures_util::StreamExt;
use md5::{Digest as _, Md5};
use serde::{Deserialize, Serialize};
use sha2::Sha256;
use tokio::io::AsyncWriteExt;

use crate::oss::attributes::{ObjectAcl, StorageClass};

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ObjectMeta {
    pub key: String,
    pub size: u64,
    pub content_type: String,
    /// Headers stored with the object and sent back on GET/HEAD: `x-oss-meta-*`,
    /// Content-Disposition, Cache-Control…
    #[serde(default)]
    pub headers: Vec<(String, String)>,
    /// As OSS shows it, without quotes: upper-case hex MD5, or `<hex>-<parts>` for multipart.
    pub etag: String,
    /// Base64 MD5 of the body; empty for multipart objects (OSS sends none for them either).
    pub content_md5: String,
    pub crc64: u64,
    pub last_modified: String,
    /// Absent from objects stored before classes were kept: those were all Standard.
    #[serde(default)]
    pub storage_class: StorageClass,
    #[serde(default)]
    pub acl: ObjectAcl,
    /// The files holding the body, in order, with their sizes: one for PutObject, the parts for
    /// a completed multipart upload (moved, not copied: Complete stays fast for large objects).
    segments: Vec<(String, u64)>,
}

impl ObjectMeta {
    /// `x-oss-object-type` and a listing's `Type`: a completed multipart upload has no MD5 of
    /// its own, which is how it is told from an object written whole.
    pub fn object_type(&self) -> &'static str {
        if self.content_md5.is_empty() {
            "Multipart"
        } else {
            "Normal"
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct UploadMeta {
    pub bucket: String,
    pub key: String,
    pub content_type: String,
    #[serde(default)]
    pub headers: Vec<(String, String)>,
    /// Given at Initiate, for the object Complete makes (whose ACL Complete gives).
    #[serde(default)]
    pub storage_class: StorageClass,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PartMeta {
    pub number: u32,
    pub size: u64,
    /// Upper-case hex MD5, without quotes.
    pub etag: String,
    pub crc64: u64,
    pub last_modified: String,
    data_file: String,
}

/// What a write stores beside the body (PutObject, CopyObject).
pub struct NewObject<'a> {
    pub content_type: &'a str,
    pub headers: Vec<(String, String)>,
    pub storage_class: StorageClass,
    pub acl: ObjectAcl,
    pub content_md5: Option<&'a [u8]>,
    /// Fault injection: damage the stored bytes.
    pub corrupt: bool,
}

/// Why a write was refused.
pub enum PutError {
    /// Content-MD5 was sent and the body does not match it.
    BadDigest,
    /// The client went away or the body broke off.
    Body(String),
    Io(anyhow::Error),
}

/// Why CompleteMultipartUpload was refused.
pub enum CompleteError {
    NoSuchUpload,
    InvalidPart(u32),
    InvalidPartOrder,
    EntityTooSmall(u32),
    Io(anyhow::Error),
}

/// The smallest part OSS accepts, except for the last one.
pub const MIN_PART_SIZE: u64 = 100 * 1024;

struct Blob {
    file: String,
    size: u64,
    md5: [u8; 16],
    crc64: u64,
}

/// The stored parts a Complete's list names, as OSS checks the list: ascending part numbers,
/// each uploaded with the ETag given (quotes and case aside), at least one, and every part but
/// the last at least [`MIN_PART_SIZE`].
fn choose_parts(
    stored: &[PartMeta],
    listed: &[(u32, String)],
) -> Result<Vec<PartMeta>, CompleteError> {
    let mut chosen = Vec::with_capacity(listed.len());
    let mut previous = 0u32;
    for (number, etag) in listed {
        if *number <= previous {
            return Err(CompleteError::InvalidPartOrder);
        }
        previous = *number;
        let part = stored
            .iter()
            .find(|p| p.number == *number)
            .ok_or(CompleteError::InvalidPart(*number))?;
        if !etag
            .trim()
            .trim_matches('"')
            .eq_ignore_ascii_case(&part.etag)
        {
            return Err(CompleteError::InvalidPart(*number));
        }
        chosen.push(part.clone());
    }
    if chosen.is_empty() {
        return Err(CompleteError::InvalidPart(0));
    }
    if let Some(small) = chosen[..chosen.len() - 1]
        .iter()
        .find(|p| p.size < MIN_PART_SIZE)
    {
        return Err(CompleteError::EntityTooSmall(small.number));
    }
    Ok(chosen)
}

fn hex_upper(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02X}")).collect()
}

fn now_http() -> String {
    alicli_wire::signing::oss_v1::format_date(chrono::Utc::now())
}

pub struct Store {
    root: PathBuf,
    /// Every bucket's objects by key, read from disk at the bucket's first listing and kept up
    /// to date by every write after that: a listing page then walks only the keys it shows,
    /// instead of reading every object's metadata file for every page (which made listing a
    /// large bucket quadratic).
    index: std::sync::Mutex<HashMap<String, BTreeMap<String, ObjectMeta>>>,
}

impl Store {
    pub fn new(root: &Path) -> Result<Store> {
        for sub in ["buckets", "uploads"] {
            std::fs::create_dir_all(root.join(sub))
                .with_context(|| format!("cannot create {}", root.display()))?;
        }
        Ok(Store {
            root: root.to_path_buf(),
            index: std::sync::Mutex::new(HashMap::new()),
        })
    }

    fn bucket_dir(&self, bucket: &str) -> PathBuf {
        self.root.join("buckets").join(bucket)
    }

    fn upload_dir(&self, upload_id: &str) -> Option<PathBuf> {
        // Upload ids are ours (hex); anything else cannot name a folder.
        (!upload_id.is_empty() && upload_id.bytes().all(|b| b.is_ascii_hexdigit()))
            .then(|| self.root.join("uploads").join(upload_id))
    }

    pub fn create_bucket(&self, bucket: &str) -> Result<()> {
        std::fs::create_dir_all(self.bucket_dir(bucket)).context("cannot create bucket folder")
    }

    /// Every bucket, by name, sorted (ListBuckets).
    pub fn bucket_names(&self) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(self.root.join("buckets"))
            .map(|entries| {
                entries
                    .filter_map(|e| e.ok()?.file_name().into_string().ok())
                    .filter(|name| self.bucket_exists(name))
                    .collect()
            })
            .unwrap_or_default();
        names.sort();
        names
    }

    pub fn bucket_exists(&self, bucket: &str) -> bool {
        alicli_wire::names::check_bucket(bucket).is_ok() && self.bucket_dir(bucket).is_dir()
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

    /// The pieces of files that hold bytes `[start, start+len)` of an object: (path, offset, length).
    pub fn pieces(
        &self,
        bucket: &str,
        meta: &ObjectMeta,
        start: u64,
        len: u64,
    ) -> Vec<(PathBuf, u64, u64)> {
        let dir = self.bucket_dir(bucket);
        let mut pieces = Vec::new();
        let (mut at, end) = (0u64, start + len);
        for (file, size) in &meta.segments {
            let (from, to) = (start.max(at), end.min(at + size));
            if from < to {
                pieces.push((dir.join(file), from - at, to - from));
            }
            at += size;
        }
        pieces
    }

    async fn remove_segments(&self, bucket: &str, meta: &ObjectMeta) {
        for (file, _) in &meta.segments {
            let _ = tokio::fs::remove_file(self.bucket_dir(bucket).join(file)).await;
        }
    }

    /// Streams a request body into a new file in `dir`, hashing as it goes. With `corrupt`, one
    /// stored byte is flipped: what a body damaged on the wire would leave behind.
    async fn write_blob(
        &self,
        dir: &Path,
        body: axum::body::Body,
        corrupt: bool,
    ) -> Result<Blob, PutError> {
        let file = format!("{}.data", uuid::Uuid::new_v4().simple());
        let path = dir.join(&file);
        let out = tokio::fs::File::create(&path)
            .await
            .map_err(|e| PutError::Io(e.into()))?;
        let mut out = tokio::io::BufWriter::with_capacity(1 << 20, out);
        let mut md5 = Md5::new();
        let mut crc = alicli_wire::crc64::new_digest();
        let mut size = 0u64;
        let mut stream = body.into_data_stream();
        let result: Result<(), PutError> = async {
            let mut damaged = !corrupt;
            while let Some(chunk) = stream.next().await {
                let chunk = chunk.map_err(|e| PutError::Body(e.to_string()))?;
                let chunk = crate::faults::damage(chunk, &mut damaged);
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
        if let Err(e) = result {
            let _ = tokio::fs::remove_file(&path).await;
            return Err(e);
        }
        Ok(Blob {
            file,
            size,
            md5: md5.finalize().into(),
            crc64: crc.finalize(),
        })
    }

    async fn write_json_atomic<T: Serialize>(dir: &Path, target: &Path, value: &T) -> Result<()> {
        let tmp = dir.join(format!(".{}.tmp", uuid::Uuid::new_v4().simple()));
        tokio::fs::write(&tmp, serde_json::to_vec(value)?).await?;
        tokio::fs::rename(&tmp, target).await?;
        Ok(())
    }

    /// Makes `meta` the current version of its key, removing the data of the version it replaces.
    async fn commit(&self, bucket: &str, meta: &ObjectMeta) -> Result<()> {
        let dir = self.bucket_dir(bucket);
        let old = self.meta(bucket, &meta.key).await;
        Self::write_json_atomic(&dir, &self.meta_path(bucket, &meta.key), meta).await?;
        // After the file: a listing that loads the index meanwhile finds it on disk, or here.
        if let Some(keys) = self.lock_index().get_mut(bucket) {
            keys.insert(meta.key.clone(), meta.clone());
        }
        if let Some(old) = old.filter(|o| o.segments != meta.segments) {
            self.remove_segments(bucket, &old).await;
        }
        Ok(())
    }

    /// Streams `body` into a new object. `content_md5` (raw digest) is checked when given.
    pub async fn put(
        &self,
        bucket: &str,
        key: &str,
        body: axum::body::Body,
        new: NewObject<'_>,
    ) -> Result<ObjectMeta, PutError> {
        let NewObject {
            content_type,
            headers,
            storage_class,
            acl,
            content_md5,
            corrupt,
        } = new;
        let dir = self.bucket_dir(bucket);
        let blob = self.write_blob(&dir, body, corrupt).await?;
        if content_md5.is_some_and(|m| m != blob.md5) {
            let _ = tokio::fs::remove_file(dir.join(&blob.file)).await;
            return Err(PutError::BadDigest);
        }
        let meta = ObjectMeta {
            key: key.to_string(),
            size: blob.size,
            content_type: content_type.to_string(),
            headers,
            etag: hex_upper(&blob.md5),
            content_md5: base64::engine::general_purpose::STANDARD.encode(blob.md5),
            crc64: blob.crc64,
            last_modified: now_http(),
            storage_class,
            acl,
            segments: vec![(blob.file, blob.size)],
        };
        self.commit(bucket, &meta).await.map_err(PutError::Io)?;
        Ok(meta)
    }

    /// Replaces an object's ACL, leaving its bytes, headers and Last-Modified as they are
    /// (PutObjectACL changes none of them). `false` when there is no such object.
    ///
    /// A write racing this one may be undone by it (the metadata read here is written back with
    /// the new ACL): the local cloud serves tests and trials, not concurrent writers of one key.
    pub async fn set_acl(&self, bucket: &str, key: &str, acl: ObjectAcl) -> Result<bool> {
        let Some(mut meta) = self.meta(bucket, key).await else {
            return Ok(false);
        };
        meta.acl = acl;
        self.commit(bucket, &meta).await?;
        Ok(true)
    }

    pub async fn delete(&self, bucket: &str, key: &str) -> Result<()> {
        if let Some(meta) = self.meta(bucket, key).await {
            tokio::fs::remove_file(self.meta_path(bucket, key)).await?;
            if let Some(keys) = self.lock_index().get_mut(bucket) {
                keys.remove(key);
            }
            self.remove_segments(bucket, &meta).await;
        }
        Ok(())
    }

    fn lock_index(
        &self,
    ) -> std::sync::MutexGuard<'_, HashMap<String, BTreeMap<String, ObjectMeta>>> {
        self.index.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Runs `f` over the bucket's objects from `from` on, in key order. The index is read from
    /// disk on the bucket's first listing, under the lock, so no write is missed.
    pub fn objects_from<R>(
        &self,
        bucket: &str,
        from: std::ops::Bound<&str>,
        f: impl FnOnce(&mut dyn Iterator<Item = &ObjectMeta>) -> R,
    ) -> Result<R> {
        let mut index = self.lock_index();
        if !index.contains_key(bucket) {
            let keys = self.read_bucket(bucket)?;
            index.insert(bucket.to_string(), keys);
        }
        let keys = &index[bucket];
        let mut objects = keys
            .range::<str, _>((from, std::ops::Bound::Unbounded))
            .map(|(_, meta)| meta);
        Ok(f(&mut objects))
    }

    fn read_bucket(&self, bucket: &str) -> Result<BTreeMap<String, ObjectMeta>> {
        let mut keys = BTreeMap::new();
        for entry in std::fs::read_dir(self.bucket_dir(bucket))? {
            let entry = entry?;
            if !entry.file_name().to_string_lossy().ends_with(".json") {
                continue;
            }
            if let Ok(bytes) = std::fs::read(entry.path()) {
                if let Ok(meta) = serde_json::from_slice::<ObjectMeta>(&bytes) {
                    keys.insert(meta.key.clone(), meta);
                }
            }
        }
        Ok(keys)
    }

    /// Starts an upload; `upload` says what Complete makes besides the parts' bytes.
    pub async fn initiate(&self, upload: UploadMeta) -> Result<String> {
        let id = uuid::Uuid::new_v4().simple().to_string().to_uppercase();
        let dir = self.upload_dir(&id).context("upload id")?;
        tokio::fs::create_dir_all(&dir).await?;
        let meta = upload;
        Self::write_json_atomic(&dir, &dir.join("upload.json"), &meta).await?;
        Ok(id)
    }

    pub async fn upload(&self, upload_id: &str) -> Option<UploadMeta> {
        let dir = self.upload_dir(upload_id)?;
        let bytes = tokio::fs::read(dir.join("upload.json")).await.ok()?;
        serde_json::from_slice(&bytes).ok()
    }

    pub async fn put_part(
        &self,
        upload_id: &str,
        number: u32,
        body: axum::body::Body,
        content_md5: Option<&[u8]>,
        corrupt: bool,
    ) -> Result<PartMeta, PutError> {
        let dir = self
            .upload_dir(upload_id)
            .ok_or_else(|| PutError::Io(anyhow::anyhow!("bad upload id")))?;
        let blob = self.write_blob(&dir, body, corrupt).await?;
        if content_md5.is_some_and(|m| m != blob.md5) {
            let _ = tokio::fs::remove_file(dir.join(&blob.file)).await;
            return Err(PutError::BadDigest);
        }
        let part = PartMeta {
            number,
            size: blob.size,
            etag: hex_upper(&blob.md5),
            crc64: blob.crc64,
            last_modified: chrono::Utc::now()
                .format("%Y-%m-%dT%H:%M:%S.000Z")
                .to_string(),
            data_file: blob.file,
        };
        let target = dir.join(format!("part-{number:05}.json"));
        let old: Option<PartMeta> = tokio::fs::read(&target)
            .await
            .ok()
            .and_then(|b| serde_json::from_slice(&b).ok());
        Self::write_json_atomic(&dir, &target, &part)
            .await
            .map_err(PutError::Io)?;
        if let Some(old) = old {
            let _ = tokio::fs::remove_file(dir.join(old.data_file)).await;
        }
        Ok(part)
    }

    /// The parts uploaded so far, by part number.
    pub async fn parts(&self, upload_id: &str) -> Vec<PartMeta> {
        let Some(dir) = self.upload_dir(upload_id) else {
            return Vec::new();
        };
        let mut parts = Vec::new();
        if let Ok(mut entries) = tokio::fs::read_dir(&dir).await {
            while let Ok(Some(entry)) = entries.next_entry().await {
                let name = entry.file_name().to_string_lossy().into_owned();
                if name.starts_with("part-") && name.ends_with(".json") {
                    if let Ok(bytes) = tokio::fs::read(entry.path()).await {
                        if let Ok(p) = serde_json::from_slice::<PartMeta>(&bytes) {
                            parts.push(p);
                        }
                    }
                }
            }
        }
        parts.sort_by_key(|p| p.number);
        parts
    }

    /// Concatenates the listed parts (ascending, ETags matching) into the object, of the class
    /// given at Initiate and the ACL given now.
    pub async fn complete(
        &self,
        upload_id: &str,
        listed: &[(u32, String)],
        acl: Option<ObjectAcl>,
    ) -> Result<ObjectMeta, CompleteError> {
        let upload = self
            .upload(upload_id)
            .await
            .ok_or(CompleteError::NoSuchUpload)?;
        let dir = self
            .upload_dir(upload_id)
            .ok_or(CompleteError::NoSuchUpload)?;
        let chosen = choose_parts(&self.parts(upload_id).await, listed)?;
        let bucket_dir = self.bucket_dir(&upload.bucket);
        let io = |e: std::io::Error| CompleteError::Io(e.into());
        let mut segments = Vec::with_capacity(chosen.len());
        for part in &chosen {
            let file = format!("{}.data", uuid::Uuid::new_v4().simple());
            tokio::fs::rename(dir.join(&part.data_file), bucket_dir.join(&file))
                .await
                .map_err(io)?;
            segments.push((file, part.size));
        }
        let mut crc = 0u64;
        let mut size = 0u64;
        let mut md5s = Vec::with_capacity(chosen.len() * 16);
        for part in &chosen {
            crc = alicli_wire::crc64::combine(crc, part.crc64, part.size);
            size += part.size;
            for i in 0..16 {
                md5s.push(u8::from_str_radix(&part.etag[2 * i..2 * i + 2], 16).unwrap_or(0));
            }
        }
        let meta = ObjectMeta {
            key: upload.key.clone(),
            size,
            content_type: upload.content_type.clone(),
            headers: upload.headers.clone(),
            etag: format!("{}-{}", hex_upper(&Md5::digest(&md5s)), chosen.len()),
            content_md5: String::new(),
            crc64: crc,
            last_modified: now_http(),
            storage_class: upload.storage_class,
            acl: acl.unwrap_or_default(),
            segments,
        };
        self.commit(&upload.bucket, &meta)
            .await
            .map_err(CompleteError::Io)?;
        self.retire(&dir).await;
        Ok(meta)
    }

    /// Ends an upload: the folder is first renamed away, atomically, so a part still arriving
    /// from an earlier connection finds no upload (NoSuchUpload) instead of racing the removal.
    async fn retire(&self, dir: &Path) {
        let trash = self
            .root
            .join("uploads")
            .join(format!(".gone-{}", uuid::Uuid::new_v4().simple()));
        if tokio::fs::rename(dir, &trash).await.is_ok() {
            let _ = tokio::fs::remove_dir_all(&trash).await;
        }
    }

    pub async fn abort(&self, upload_id: &str) -> bool {
        match self.upload_dir(upload_id) {
            Some(dir) if dir.join("upload.json").exists() => {
                self.retire(&dir).await;
                true
            }
            _ => false,
        }
    }

    /// Uploads not completed or aborted (for tests that check nothing was left behind).
    pub fn pending_uploads(&self) -> usize {
        std::fs::read_dir(self.root.join("uploads"))
            .map(|d| {
                d.filter_map(|e| e.ok())
                    .filter(|e| !e.file_name().to_string_lossy().starts_with(".gone-"))
                    .count()
            })
            .unwrap_or(0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn part(number: u32, size: u64) -> PartMeta {
        PartMeta {
            number,
            size,
            etag: format!("{number:032X}"),
            crc64: 0,
            last_modified: String::new(),
            data_file: String::new(),
        }
    }

    fn named(numbers: &[u32]) -> Vec<(u32, String)> {
        numbers
            .iter()
            .map(|n| (*n, format!("\"{n:032x}\"")))
            .collect()
    }

    fn outcome(stored: &[PartMeta], listed: &[(u32, String)]) -> String {
        match choose_parts(stored, listed) {
            Ok(parts) => format!("{:?}", parts.iter().map(|p| p.number).collect::<Vec<_>>()),
            Err(CompleteError::InvalidPart(n)) => format!("InvalidPart({n})"),
            Err(CompleteError::InvalidPartOrder) => "InvalidPartOrder".into(),
            Err(CompleteError::EntityTooSmall(n)) => format!("EntityTooSmall({n})"),
            Err(_) => "other".into(),
        }
    }

    #[test]
    fn complete_checks_order_etags_and_sizes() {
        let stored = [part(1, MIN_PART_SIZE), part(2, 1), part(3, 1)];
        assert_eq!(outcome(&stored, &named(&[1, 2])), "[1, 2]");
        assert_eq!(outcome(&stored, &named(&[2, 1])), "InvalidPartOrder");
        assert_eq!(outcome(&stored, &named(&[1, 4])), "InvalidPart(4)");
        assert_eq!(outcome(&stored, &named(&[])), "InvalidPart(0)");
        assert_eq!(outcome(&stored, &named(&[2, 3])), "EntityTooSmall(2)");
        let wrong_etag = vec![(1, "\"00\"".to_string())];
        assert_eq!(outcome(&stored, &wrong_etag), "InvalidPart(1)");
    }
}
