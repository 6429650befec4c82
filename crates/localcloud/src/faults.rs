//! Fault injection for the local cloud, so tests can show how alicli behaves when the network or
//! the service misbehaves: fail the next N matching requests with a status, reset the connection,
//! answer late, or corrupt a body.
//!
//! Driven over HTTP so any client (tests, scripts, the official SDKs' suites) can use it:
//! `POST /-/faults?op=UploadPart&kind=503&count=2`, `DELETE /-/faults` clears them all.

use std::sync::Mutex;
use std::time::Duration;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FaultKind {
    /// Answer with this HTTP status (500 InternalError, 503 ServiceUnavailable, 429…).
    Status(u16),
    /// Close the connection without an answer.
    Reset,
    /// Wait this long before answering.
    Delay(Duration),
    /// Flip a byte of the body: the stored data on uploads, the sent data on downloads.
    Corrupt,
}

impl FaultKind {
    pub fn parse(text: &str) -> Option<FaultKind> {
        let text = text.trim();
        if text == "reset" {
            return Some(FaultKind::Reset);
        }
        if text == "corrupt" {
            return Some(FaultKind::Corrupt);
        }
        if let Some(ms) = text.strip_prefix("delay:") {
            return ms
                .parse()
                .ok()
                .map(|ms| FaultKind::Delay(Duration::from_millis(ms)));
        }
        text.parse::<u16>()
            .ok()
            .filter(|s| (400..600).contains(s))
            .map(FaultKind::Status)
    }
}

struct Fault {
    /// Operation name (`GetObject`, `UploadPart`, `AssumeRole`…); `None` matches every request.
    operation: Option<String>,
    kind: FaultKind,
    remaining: u32,
}

#[derive(Default)]
pub struct Faults(Mutex<Vec<Fault>>);

impl Faults {
    pub fn add(&self, operation: Option<String>, kind: FaultKind, count: u32) {
        let mut faults = self.0.lock().unwrap_or_else(|e| e.into_inner());
        faults.push(Fault {
            operation,
            kind,
            remaining: count.max(1),
        });
    }

    pub fn clear(&self) {
        self.0.lock().unwrap_or_else(|e| e.into_inner()).clear();
    }

    /// The fault to apply to this request, if one is armed for its operation (first armed first).
    pub fn take(&self, operation: &str) -> Option<FaultKind> {
        let mut faults = self.0.lock().unwrap_or_else(|e| e.into_inner());
        let index = faults.iter().position(|f| {
            f.operation
                .as_deref()
                .is_none_or(|op| op.eq_ignore_ascii_case(operation))
        })?;
        let kind = faults[index].kind;
        faults[index].remaining -= 1;
        if faults[index].remaining == 0 {
            faults.remove(index);
        }
        Some(kind)
    }
}

/// Marker put on a response to make the server drop the connection instead of sending it.
#[derive(Clone, Copy)]
pub struct ResetConnection;

/// The response a `reset` fault gives: none, the connection is dropped (see [`ResetConnection`]).
pub(crate) fn reset_response() -> axum::response::Response {
    let mut response = axum::response::Response::new(axum::body::Body::empty());
    response.extensions_mut().insert(ResetConnection);
    response
}

/// The error code an injected status is answered with, the one each service uses for it, so a
/// client's retry rules see what they would see from the real cloud.
pub(crate) fn injected_code(status: u16) -> &'static str {
    match status {
        503 => "ServiceUnavailable",
        429 => "Throttling",
        _ if status >= 500 => "InternalError",
        _ => "InjectedFault",
    }
}

/// What a `corrupt` fault does to a body: the first byte of the first non-empty chunk flipped,
/// as a bit error on the wire would leave it. Call with every chunk in order; `done` remembers
/// whether the damage was already made.
pub(crate) fn damage(chunk: bytes::Bytes, done: &mut bool) -> bytes::Bytes {
    if *done || chunk.is_empty() {
        return chunk;
    }
    *done = true;
    let mut damaged = chunk.to_vec();
    damaged[0] ^= 0x01;
    bytes::Bytes::from(damaged)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn faults_fire_count_times_for_their_operation() {
        let faults = Faults::default();
        faults.add(Some("UploadPart".into()), FaultKind::Status(503), 2);
        assert_eq!(faults.take("GetObject"), None);
        assert_eq!(faults.take("uploadpart"), Some(FaultKind::Status(503)));
        assert_eq!(faults.take("UploadPart"), Some(FaultKind::Status(503)));
        assert_eq!(faults.take("UploadPart"), None);
        faults.add(None, FaultKind::Reset, 1);
        assert_eq!(faults.take("AssumeRole"), Some(FaultKind::Reset));
    }

    #[test]
    fn damage_flips_one_byte_of_the_first_non_empty_chunk() {
        let mut done = false;
        assert!(damage(bytes::Bytes::new(), &mut done).is_empty());
        assert_eq!(
            &damage(bytes::Bytes::from_static(b"ab"), &mut done)[..],
            b"`b"
        );
        assert_eq!(
            &damage(bytes::Bytes::from_static(b"cd"), &mut done)[..],
            b"cd"
        );
    }

    #[test]
    fn injected_statuses_get_the_services_codes() {
        assert_eq!(injected_code(503), "ServiceUnavailable");
        assert_eq!(injected_code(429), "Throttling");
        assert_eq!(injected_code(500), "InternalError");
        assert_eq!(injected_code(404), "InjectedFault");
    }

    #[test]
    fn kinds_parse() {
        assert_eq!(FaultKind::parse("503"), Some(FaultKind::Status(503)));
        assert_eq!(
            FaultKind::parse("delay:1500"),
            Some(FaultKind::Delay(Duration::from_millis(1500)))
        );
        assert_eq!(FaultKind::parse("reset"), Some(FaultKind::Reset));
        assert_eq!(FaultKind::parse("corrupt"), Some(FaultKind::Corrupt));
        assert_eq!(FaultKind::parse("200"), None);
        assert_eq!(FaultKind::parse("boom"), None);
    }
}
