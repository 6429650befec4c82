//! OSS's documents: the XML of the object and multipart APIs and the error answers.

pub mod error_body;
pub mod xml;
