//! The OSS side: `oss://` addresses, the REST client, and the checkpointed transfers built on it.

pub mod checkpoint;
pub mod client;
pub mod download;
pub mod object_headers;
pub mod operations;
pub mod parts;
pub mod transfer;
pub mod tree;
pub mod upload;
pub mod url;

pub use client::{OssClient, SignVersion};
pub use url::OssUrl;
