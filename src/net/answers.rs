//! Reading what a service answered, always with a bound: an error body up to 64 KiB, an XML or
//! JSON answer up to 8 MiB, each within a deadline ([`Deadline`] for bodies that stream); and a
//! 3xx answer reported as an error that names its `Location`, never followed.

use std::io::Read;
use std::time::Duration;

use super::http::{read_timeout, timeout_with_body};
use crate::error::NetworkError;

/// The most of an error answer's body that is read: any OSS or STS error document fits many
/// times over. The rest is left unread (the connection is then closed, not reused).
pub const ERROR_BODY_LIMIT: usize = 64 * 1024;

/// The largest XML or JSON answer read whole. A page of 1000 listed parts or keys is a few
/// hundred KiB; anything near this size is not an answer from OSS or STS.
pub const ANSWER_LIMIT: usize = 8 * 1024 * 1024;

/// Reads at most `limit` bytes of `reader` within `deadline` (reads stop once it has passed).
/// Returns the bytes and whether more were left unread.
pub fn read_bounded(
    reader: &mut impl Read,
    limit: usize,
    deadline: Duration,
) -> std::io::Result<(Vec<u8>, bool)> {
    let started = std::time::Instant::now();
    let mut out = Vec::new();
    let mut buf = [0u8; 16 * 1024];
    loop {
        if started.elapsed() > deadline {
            return Err(std::io::Error::new(
                std::io::ErrorKind::TimedOut,
                format!(
                    "the answer took longer than {:.0} s",
                    deadline.as_secs_f64()
                ),
            ));
        }
        let room = (limit + 1 - out.len()).min(buf.len());
        let n = match reader.read(&mut buf[..room]) {
            Ok(n) => n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if n == 0 {
            return Ok((out, false));
        }
        out.extend_from_slice(&buf[..n]);
        if out.len() > limit {
            out.truncate(limit);
            return Ok((out, true));
        }
    }
}

/// The body of a successful answer that is read whole (XML, JSON), at most [`ANSWER_LIMIT`]
/// bytes and within the read timeout. `what` names the operation in errors.
pub fn read_answer(reader: &mut impl Read, what: &str, host: &str) -> anyhow::Result<Vec<u8>> {
    match read_bounded(reader, ANSWER_LIMIT, read_timeout()) {
        Ok((body, false)) => Ok(body),
        Ok((_, true)) => Err(crate::error::BadAnswer(format!(
            "{host} answered {what} with more than {} MiB; no answer of that operation is so large",
            ANSWER_LIMIT / (1024 * 1024)
        ))
        .into()),
        Err(e) => {
            Err(NetworkError::new(format!("{what}: the answer from {host} broke off: {e}")).into())
        }
    }
}

/// What is read of an error answer's body: at most [`ERROR_BODY_LIMIT`] bytes within the read
/// timeout; nothing if reading fails (the status alone still makes an error).
pub fn read_error_body(reader: &mut impl Read) -> Vec<u8> {
    read_bounded(reader, ERROR_BODY_LIMIT, read_timeout())
        .map(|(body, _)| body)
        .unwrap_or_default()
}

/// For a 3xx answer, says in `error` where it pointed and that it was not followed. alicli never
/// follows redirects: the request is signed, and following it would hand the signature, the
/// AccessKeyId and the security token to another host (reqwest's default strips only the
/// `Authorization` header, not `x-oss-security-token` nor a signed form body). A body that gave
/// a code of its own (OSS's PermanentRedirect) keeps its message, with the note after it.
pub fn note_redirect(error: &mut crate::error::ServiceError, headers: &reqwest::header::HeaderMap) {
    if !(300..400).contains(&error.status) {
        return;
    }
    let status = error.status;
    let to = match headers.get(reqwest::header::LOCATION) {
        Some(v) => {
            let shown: String = String::from_utf8_lossy(v.as_bytes())
                .chars()
                .take(200)
                .collect();
            // Debug formatting escapes every control character a terminal would act on.
            format!(" to {shown:?}")
        }
        None => String::new(),
    };
    let note = format!(
        "the answer is a redirect (HTTP {status}){to}, which alicli does not follow: a signed request must not carry its credentials to another host"
    );
    error.message = if error.code.is_empty() || error.code.starts_with("HTTP") {
        note
    } else {
        format!("{} ({note})", error.message.trim())
    };
}

/// Limits the time a body may take as a whole: the read timeout plus the announced length at
/// the slowest rate accepted (the same rule as uploads, see [`timeout_with_body`]). Each read
/// still has the read timeout; this stops a server that trickles a byte now and then forever.
pub struct Deadline<R> {
    inner: R,
    until: std::time::Instant,
    allowed: Duration,
}

impl<R> Deadline<R> {
    pub fn new(inner: R, len: Option<u64>) -> Deadline<R> {
        let allowed = timeout_with_body(len);
        Deadline {
            inner,
            until: std::time::Instant::now() + allowed,
            allowed,
        }
    }
}

impl<R: Read> Read for Deadline<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        if std::time::Instant::now() > self.until {
            return Err(std::io::Error::new(
                std::io::ErrorKind::TimedOut,
                format!(
                    "the body took longer than the {:.0} s it may take at the slowest rate accepted (64 KiB/s)",
                    self.allowed.as_secs_f64()
                ),
            ));
        }
        self.inner.read(buf)
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn bounded_reads_stop_at_the_limit_and_the_deadline() {
        use super::read_bounded;
        use std::time::Duration;
        let mut big = std::io::repeat(b'x');
        let (got, more) = read_bounded(&mut big, 1000, Duration::from_secs(5)).unwrap();
        assert_eq!((got.len(), more), (1000, true));
        let (got, more) = read_bounded(&mut &b"short"[..], 1000, Duration::from_secs(5)).unwrap();
        assert_eq!((got.as_slice(), more), (&b"short"[..], false));
        /// One byte per read, slowly.
        struct Trickle;
        impl std::io::Read for Trickle {
            fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
                std::thread::sleep(Duration::from_millis(20));
                buf[0] = b'.';
                Ok(1)
            }
        }
        let e = read_bounded(&mut Trickle, 1 << 20, Duration::from_millis(100)).unwrap_err();
        assert_eq!(e.kind(), std::io::ErrorKind::TimedOut);
    }

    #[test]
    fn redirects_are_named_not_followed() {
        let mut h = reqwest::header::HeaderMap::new();
        // Header values cannot hold C0 controls, but bytes above 0x7f can spell C1 ones (CSI).
        h.insert(
            reqwest::header::LOCATION,
            reqwest::header::HeaderValue::from_bytes(b"http://evil.example/\xc2\x9b2J").unwrap(),
        );
        let error = |status: u16, code: &str| crate::error::ServiceError {
            status,
            code: code.into(),
            message: "The bucket must be addressed using the specified endpoint.".into(),
            ..Default::default()
        };
        let mut bare = error(307, "HTTP307");
        super::note_redirect(&mut bare, &h);
        assert!(
            bare.message.contains("evil.example") && bare.message.contains("does not follow"),
            "{}",
            bare.message
        );
        assert!(!bare.message.contains('\u{9b}'), "{}", bare.message);
        let mut coded = error(301, "PermanentRedirect");
        super::note_redirect(&mut coded, &h);
        assert!(
            coded.message.starts_with("The bucket must be addressed"),
            "{}",
            coded.message
        );
        assert!(coded.message.contains("does not follow"));
        for status in [200, 404] {
            let mut other = error(status, "NoSuchKey");
            super::note_redirect(&mut other, &h);
            assert!(!other.message.contains("redirect"));
        }
    }
}
