//! The OSS side: `oss://` addresses, the REST client, and error bodies.

pub mod client;
pub mod download;
pub mod error_body;
pub mod transfer;
pub mod upload;
pub mod url;
pub mod xml;

pub use client::{OssClient, SignVersion};
pub use url::OssUrl;
