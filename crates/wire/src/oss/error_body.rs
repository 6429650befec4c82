//! OSS error answers: `<Error><Code/><Message/><RequestId/><HostId/><EC/>…</Error>` in the body, or
//! base64-encoded in the `x-oss-err` header when the request was a HEAD and there is no body.

use base64::Engine;
use serde::{Deserialize, Serialize};

use crate::error::{Service, ServiceError};

/// The XML error document. Also what the local cloud writes, so both sides agree on the shape.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(rename = "Error", rename_all = "PascalCase")]
pub struct ErrorBody {
    pub code: String,
    pub message: String,
    pub request_id: String,
    #[serde(default)]
    pub host_id: String,
    #[serde(default, rename = "EC", skip_serializing_if = "String::is_empty")]
    pub ec: String,
    /// Bucket in another region: the endpoint to use instead.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub endpoint: String,
    /// SignatureDoesNotMatch: what the server signed (may carry the security token: redacted
    /// before it is ever shown).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub string_to_sign: String,
    #[serde(
        default,
        rename = "OSSAccessKeyId",
        skip_serializing_if = "String::is_empty"
    )]
    pub oss_access_key_id: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub canonical_request: String,
    /// RequestTimeTooSkewed: the request's time and the server's, to show the difference.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub request_time: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub server_time: String,
    /// Bucket in another region: which bucket.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub bucket: String,
}

impl ErrorBody {
    pub fn to_xml(&self) -> String {
        let body = quick_xml::se::to_string(self).unwrap_or_default();
        format!("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n{body}\n")
    }
}

/// Builds the error for a non-2xx answer from its body, or from `x-oss-err` (HEAD), or from the
/// status and request id alone when neither is readable.
pub fn parse(
    status: u16,
    request_id_header: Option<&str>,
    err_header: Option<&str>,
    body: &[u8],
) -> ServiceError {
    let mut error = ServiceError {
        service: Some(Service::Oss),
        status,
        ..Default::default()
    };
    let decoded;
    let xml: &[u8] = if !body.is_empty() {
        body
    } else if let Some(Ok(bytes)) =
        err_header.map(|h| base64::engine::general_purpose::STANDARD.decode(h.trim()))
    {
        decoded = bytes;
        &decoded
    } else {
        &[]
    };
    let text = String::from_utf8_lossy(xml);
    match quick_xml::de::from_str::<ErrorBody>(text.trim_start_matches('\u{feff}')) {
        Ok(parsed) => {
            error.code = parsed.code;
            error.message = parsed.message;
            error.request_id = parsed.request_id;
            error.host_id = parsed.host_id;
            error.ec = parsed.ec;
            error.endpoint = parsed.endpoint;
            error.request_time = parsed.request_time;
            error.server_time = parsed.server_time;
        }
        Err(_) => {
            error.code = match status {
                404 => "NoSuchKey".into(),
                403 => "AccessDenied".into(),
                _ => format!("HTTP{status}"),
            };
            let snippet: String = text.chars().filter(|c| !c.is_control()).take(200).collect();
            error.message = if snippet.is_empty() {
                format!("OSS answered HTTP {status} without an error body")
            } else {
                format!(
                    "OSS answered HTTP {status} with something that is not an OSS error: {snippet}"
                )
            };
        }
    }
    if error.request_id.is_empty() {
        error.request_id = request_id_header.unwrap_or_default().to_string();
    }
    error
}

#[cfg(test)]
mod tests {
    use super::*;

    const DENIED: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<Error>
  <Code>AccessDenied</Code>
  <Message>You have no right to access this object because of bucket acl.</Message>
  <RequestId>5C3D9175B6FC201293AD****</RequestId>
  <HostId>sample-bucket.oss-cn-hangzhou.aliyuncs.com</HostId>
  <EC>0003-00000001</EC>
</Error>"#;

    #[test]
    fn reads_body() {
        let e = parse(403, None, None, DENIED.as_bytes());
        assert_eq!(e.code, "AccessDenied");
        assert_eq!(e.request_id, "5C3D9175B6FC201293AD****");
        assert_eq!(e.ec, "0003-00000001");
    }

    #[test]
    fn reads_head_error_header() {
        let header = base64::engine::general_purpose::STANDARD.encode(DENIED);
        let e = parse(403, Some("RID"), Some(&header), b"");
        assert_eq!(e.code, "AccessDenied");
    }

    #[test]
    fn survives_non_xml() {
        let e = parse(404, Some("RID"), None, b"");
        assert_eq!(
            (e.code.as_str(), e.request_id.as_str()),
            ("NoSuchKey", "RID")
        );
        let e = parse(502, None, None, b"<html>gateway</html>");
        assert!(e.message.contains("gateway"));
    }

    /// Found by the oss_error_xml fuzz target: a `<!DOCTYPE …>` inside an element's text made
    /// quick-xml 0.38 panic ("entered unreachable code"), so a broken proxy or a hostile server
    /// could crash alicli with one error body. Fixed upstream in quick-xml 0.42.
    #[test]
    fn doctype_inside_text_does_not_panic() {
        let body = b"<Error><Code>SignatureDoesNotMatch</Code><Message>x<!DOCTYPE y>z</Message><RequestId>R</RequestId></Error>";
        let e = parse(403, None, None, body);
        assert_eq!(e.status, 403);
        let _ = e.to_string();
        let header = base64::engine::general_purpose::STANDARD.encode(body);
        let _ = parse(403, None, Some(&header), b"");
    }

    #[test]
    fn round_trips_through_xml() {
        let body = ErrorBody {
            code: "NoSuchKey".into(),
            message: "m".into(),
            request_id: "r".into(),
            ..Default::default()
        };
        let e = parse(404, None, None, body.to_xml().as_bytes());
        assert_eq!(e.code, "NoSuchKey");
    }
}
