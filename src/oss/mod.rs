//! The OSS side: `oss://` addresses, the REST client, and error bodies.

pub mod client;
pub mod download;

pub mod transfer;
pub mod upload;
pub mod url;

pub use client::{OssClient, SignVersion};
pub use url::OssUrl;
