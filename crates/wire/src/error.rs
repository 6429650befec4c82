//! The errors both ends of the wire describe: input refused by a rule before any request, and an
//! error answer from STS or OSS. Which exit code each one means is the binary's business.

use std::fmt;

/// Input rejected before any request was sent: bad flags, malformed ARN, unreadable file…
#[derive(Debug)]
pub struct UsageError(pub String);

impl fmt::Display for UsageError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}
impl std::error::Error for UsageError {}

/// Which service answered; it decides how codes are read and which hints apply.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Service {
    Sts,
    Oss,
}

/// An error answer from STS or OSS, parsed from its JSON or XML body.
#[derive(Debug, Clone, Default)]
pub struct ServiceError {
    pub service: Option<Service>,
    pub status: u16,
    pub code: String,
    pub message: String,
    pub request_id: String,
    pub host_id: String,
    /// OSS's `EC` diagnostic code.
    pub ec: String,
    /// OSS's `Endpoint` element (bucket in another region), when present.
    pub endpoint: String,
    /// OSS's `RequestTime` and `ServerTime` (RequestTimeTooSkewed), when present.
    pub request_time: String,
    pub server_time: String,
    /// A sentence for the user about the likely cause, added by the command that knows the context.
    pub hint: Option<String>,
    /// Seconds the service asked to wait (`Retry-After`), if it did.
    pub retry_after: Option<u64>,
}

impl fmt::Display for ServiceError {
    /// Every field but the status came from the server (the hint may quote one, an endpoint):
    /// each is escaped, so that no control sequence reaches the terminal and no line break in a
    /// message can forge a line of its own.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use crate::text::escape_untrusted as esc;
        let code = if self.code.is_empty() {
            "UnknownError"
        } else {
            &self.code
        };
        write!(f, "{}: {}", esc(code), esc(self.message.trim()))?;
        if !self.request_id.is_empty() {
            write!(f, "\nRequestId: {}", esc(&self.request_id))?;
        }
        write!(f, "\nHTTP status: {}", self.status)?;
        if !self.ec.is_empty() {
            write!(f, "\nEC: {}", esc(&self.ec))?;
        }
        if let Some(hint) = &self.hint {
            write!(f, "\nhint: {}", esc(hint))?;
        }
        Ok(())
    }
}
impl std::error::Error for ServiceError {}
