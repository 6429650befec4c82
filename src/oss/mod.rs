//! The OSS side: `oss://` addresses, the REST client, and error bodies.

pub mod client;
pub mod error_body;
pub mod url;
pub mod xml;

pub use client::{OssClient, SignVersion};
pub use url::OssUrl;
