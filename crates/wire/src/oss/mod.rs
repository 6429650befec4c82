//! OSS's documents: the XML of the object and multipart APIs and the error answers, and the
//! values of an object's storage class and ACL.

pub mod attributes;
pub mod error_body;
pub mod xml;
