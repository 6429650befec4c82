//! What travels between alicli and Alibaba Cloud, written once for both ends: the signers (POP
//! v1 for STS, OSS v1 and v4), the credentials they take, the XML and error documents of OSS, the
//! answers of STS, CRC-64, and the rules for the names requests carry.
//!
//! Nothing here opens a socket, touches a file or reads the clock: every function is a function
//! of its inputs (the caller passes the time and the nonce), so the binary's client and the local
//! cloud's server agree by construction and every signature is pinned by known-answer tests.

pub mod crc64;
pub mod credential_formats;
pub mod endpoint;
pub mod error;
pub mod names;
pub mod oss;
pub mod signing;
pub mod sts;
pub mod text;
