//! The network under both clients: the HTTP client and its bounds, proxies, and retries.

pub mod answers;
pub mod failures;
pub mod fetch;
pub mod http;
pub mod proxy;
pub mod retry;
pub mod streaming;
