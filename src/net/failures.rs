//! Transport failures (DNS, connect, TLS, timeouts, bodies cut short) as one-line
//! [`NetworkError`]s that name the host, with a hint where one helps; a plain-HTTP / TLS mismatch
//! is permanent (another attempt cannot help).

use std::error::Error as _;

use super::http::read_timeout;
use crate::error::NetworkError;

/// Turns a transport error into a one-line [`NetworkError`] that names the host.
pub fn network_error(err: &reqwest::Error, host: &str) -> NetworkError {
    let mut detail = String::new();
    let mut source = err.source();
    while let Some(s) = source {
        detail = s.to_string();
        source = s.source();
    }
    if detail.is_empty() {
        detail = err.to_string();
    }
    if err.is_builder() {
        // Headers are checked before any request, so this is not expected; it is not a network
        // failure either, and repeating it cannot help.
        return NetworkError {
            permanent: true,
            ..NetworkError::new(crate::terminal::redact::redact(&format!(
                "cannot build the request to {host}: {detail}"
            )))
        };
    }
    describe(&detail, err.is_timeout(), err.is_connect(), host)
}

/// The message and hint for a transport failure, from the innermost error's text.
fn describe(detail: &str, timeout: bool, connect: bool, host: &str) -> NetworkError {
    let lower = detail.to_ascii_lowercase();
    let mut permanent = false;
    let (message, hint) = if lower.contains("dns")
        || lower.contains("lookup")
        || lower.contains("name or service not known")
        || lower.contains("no address associated")
    {
        (
            format!("cannot resolve host {host}"),
            Some("check the region in the endpoint (e.g. oss-cn-hangzhou.aliyuncs.com, sts.cn-hangzhou.aliyuncs.com); the region list is at https://www.alibabacloud.com/help/en/oss/user-guide/regions-and-endpoints".to_string()),
        )
    } else if lower.contains("invalidcontenttype")
        || lower.contains("corrupt message")
        || lower.contains("wrong version number")
    {
        // rustls reading an HTTP answer as a TLS record: the endpoint has no scheme (so https)
        // but the server speaks plain HTTP. Every attempt fails the same way.
        permanent = true;
        (
            format!("cannot speak TLS with {host}: the server answered in plain HTTP"),
            Some(format!("the endpoint is taken as https:// when it has no scheme; write http://{host} if the server speaks plain HTTP")),
        )
    } else if lower.contains("invalid http version")
        || lower.contains("invalid http status")
        || (lower.contains("received") && lower.contains("http/0.9"))
    {
        // hyper reading a TLS handshake as an HTTP answer: http:// to a TLS port.
        permanent = true;
        (
            format!("{host} did not answer in HTTP: {detail}"),
            Some(format!("if the server speaks TLS, write https://{host}")),
        )
    } else if connect && (timeout || lower.contains("timed out")) {
        (
            format!("cannot connect to {host}: no answer within the connect timeout"),
            Some("raise --connect-timeout, or check the endpoint, proxy and firewall".to_string()),
        )
    } else if timeout || lower.contains("timed out") || lower.contains("timeout") {
        (
            format!(
                "request to {host} timed out (no answer within the read timeout of {} s)",
                read_timeout().as_secs_f64()
            ),
            Some("raise --read-timeout for a slow link, or check the endpoint".to_string()),
        )
    } else if connect || lower.contains("connection refused") {
        (
            format!("cannot connect to {host}: {detail}"),
            Some("check the endpoint (and --proxy / HTTPS_PROXY if one is set) and that the service is reachable".into()),
        )
    } else {
        (format!("request to {host} failed: {detail}"), None)
    };
    NetworkError {
        message: crate::terminal::redact::redact(&crate::net::proxy::mask_userinfo(&message)),
        hint,
        permanent,
    }
}

#[cfg(test)]
mod tests {
    use super::describe;

    #[test]
    fn transport_failures_are_told_apart() {
        let dns = describe(
            "failed to lookup address information: Name or service not known",
            false,
            true,
            "oss-cn-nowhere.aliyuncs.com",
        );
        assert_eq!(
            dns.message,
            "cannot resolve host oss-cn-nowhere.aliyuncs.com"
        );
        assert!(dns.hint.unwrap().contains("regions-and-endpoints"));
        let connect = describe("operation timed out", true, true, "h");
        assert!(connect.message.contains("connect timeout"));
        let read = describe("operation timed out", true, false, "h");
        assert!(read.message.contains("read timeout"));
        let refused = describe("Connection refused (os error 111)", false, true, "h:1");
        assert!(refused.message.starts_with("cannot connect to h:1"));
        let other = describe("connection reset by peer", false, false, "h");
        assert_eq!(
            other.message,
            "request to h failed: connection reset by peer"
        );
        assert!(other.hint.is_none());
        assert!(!other.permanent);
    }

    #[test]
    fn protocol_mismatches_are_final_with_the_fix() {
        let plain = describe(
            "received corrupt message of type InvalidContentType",
            false,
            false,
            "127.0.0.1:9000",
        );
        assert!(plain.permanent);
        assert!(plain.hint.unwrap().contains("http://127.0.0.1:9000"));
        let tls = describe("invalid HTTP version parsed", false, false, "h:443");
        assert!(tls.permanent);
        assert!(tls.hint.unwrap().contains("https://h:443"));
    }
}
