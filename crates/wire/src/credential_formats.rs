//! The JSON documents keyless credential sources answer with, read and checked: the ECS
//! metadata service's role credentials, a credentials URI's answer, and the official CLI's
//! `External` process output (which `configure export-credentials --format process` also
//! writes, so alicli can be another tool's credential process).
//!
//! Every reader takes the body as it came and returns credentials that can go into a request
//! (the rules of [`TemporaryCredentials::check`] and [`Credentials::check`]), or an error that
//! names the field at fault. The documents carry secrets, so the JSON is read into a
//! [`serde_json::Value`] first and every message is written here: serde's own type errors
//! quote the value they could not use, which may be the secret itself. The time is an argument
//! (`now`), as everywhere in this crate.

use chrono::{DateTime, Utc};
use serde_json::{Map, Value};

use crate::signing::Credentials;
use crate::sts::TemporaryCredentials;
use crate::text::escape_untrusted;

/// Credentials from an `External` process: a long-term AccessKey (`mode` AK) or temporary ones
/// (`mode` StsToken), with an expiration when the program gave one.
#[derive(Debug, Clone)]
pub struct ProcessCredentials {
    pub credentials: Credentials,
    pub expiration: Option<String>,
}

/// The string values of every secret field any of these documents may carry (the secret and
/// the token, in either naming), for the caller to hand to its redactor before anything else is
/// done with the body: a check that fails later must not be able to echo them unmasked.
pub fn secrets_in(body: &[u8]) -> Vec<String> {
    let Ok(Value::Object(object)) = serde_json::from_slice::<Value>(body) else {
        return Vec::new();
    };
    [
        "AccessKeySecret",
        "SecurityToken",
        "access_key_secret",
        "sts_token",
    ]
    .iter()
    .filter_map(|k| object.get(*k).and_then(Value::as_str))
    .filter(|v| !v.is_empty())
    .map(str::to_string)
    .collect()
}

/// The ECS metadata service's answer for a role
/// (`GET /latest/meta-data/ram/security-credentials/<role>`):
/// `{"AccessKeyId","AccessKeySecret","SecurityToken","Expiration","LastUpdated","Code":"Success"}`.
pub fn parse_ecs_metadata(body: &[u8], now: DateTime<Utc>) -> Result<TemporaryCredentials, String> {
    parse_pascal(body, now)
}

/// A credentials URI's answer: `{"Code":"Success","AccessKeyId","AccessKeySecret",
/// "SecurityToken","Expiration"}`. The official CLI requires `Code`; the official libraries
/// require the four others; alicli requires all five.
pub fn parse_credentials_uri(
    body: &[u8],
    now: DateTime<Utc>,
) -> Result<TemporaryCredentials, String> {
    parse_pascal(body, now)
}

/// Both server formats are the same document (the ECS one adds `LastUpdated`, which nothing
/// needs); kept as two names so that a difference found later has a place to go.
fn parse_pascal(body: &[u8], now: DateTime<Utc>) -> Result<TemporaryCredentials, String> {
    let object = object_of(body)?;
    match text_field(&object, "Code")? {
        "Success" => {}
        other => {
            let mut why = format!("Code is {:?}, not \"Success\"", short(other));
            if let Some(Value::String(message)) = object.get("Message") {
                why.push_str(&format!(" ({})", short(message)));
            }
            return Err(why);
        }
    }
    let credentials = TemporaryCredentials {
        access_key_id: text_field(&object, "AccessKeyId")?.to_string(),
        access_key_secret: text_field(&object, "AccessKeySecret")?.to_string(),
        security_token: text_field(&object, "SecurityToken")?.to_string(),
        expiration: text_field(&object, "Expiration")?.to_string(),
    };
    credentials.check(now)?;
    Ok(credentials)
}

/// The official CLI's `External` output:
/// `{"mode":"AK"|"StsToken","access_key_id","access_key_secret","sts_token","expiration"?}`.
/// AK mode takes no token (a non-empty `sts_token` there is refused: signing with it dropped
/// would fail far from the cause); StsToken mode requires one. `expiration`, when present, is
/// RFC 3339 and in the future.
pub fn parse_external_process(
    body: &[u8],
    now: DateTime<Utc>,
) -> Result<ProcessCredentials, String> {
    let object = object_of(body)?;
    let mode = text_field(&object, "mode")?;
    let token = match object.get("sts_token") {
        None | Some(Value::Null) => None,
        Some(Value::String(t)) if t.is_empty() => None,
        Some(Value::String(t)) => Some(t.clone()),
        Some(_) => return Err("sts_token is not a string".into()),
    };
    let token = match (mode, token) {
        ("AK", None) => None,
        ("AK", Some(_)) => {
            return Err("mode is \"AK\" but sts_token is set (use mode \"StsToken\")".into())
        }
        ("StsToken", Some(t)) => Some(t),
        ("StsToken", None) => return Err("sts_token is missing (mode is \"StsToken\")".into()),
        (other, _) => {
            return Err(format!(
                "mode is {:?}: expected \"AK\" or \"StsToken\"",
                short(other)
            ))
        }
    };
    let credentials = Credentials::new(
        text_field(&object, "access_key_id")?,
        text_field(&object, "access_key_secret")?,
        token,
    );
    credentials.check().map_err(|why| snake_names(&why))?;
    let expiration = match object.get("expiration") {
        None | Some(Value::Null) => None,
        Some(Value::String(e)) if e.is_empty() => None,
        Some(Value::String(e)) => {
            check_expiration("expiration", e, now)?;
            Some(e.clone())
        }
        Some(_) => return Err("expiration is not a string".into()),
    };
    Ok(ProcessCredentials {
        credentials,
        expiration,
    })
}

/// The `External` document for `credentials`: mode `StsToken` when they carry a token, `AK`
/// otherwise; `expiration` only when known. [`parse_external_process`] reads it back.
pub fn external_process_json(credentials: &Credentials, expiration: Option<&str>) -> String {
    let mut object = Map::new();
    let token = credentials.token();
    let mode = if token.is_some() { "StsToken" } else { "AK" };
    object.insert("mode".into(), mode.into());
    object.insert(
        "access_key_id".into(),
        credentials.access_key_id.clone().into(),
    );
    object.insert(
        "access_key_secret".into(),
        credentials.access_key_secret.clone().into(),
    );
    if let Some(token) = token {
        object.insert("sts_token".into(), token.into());
    }
    if let Some(expiration) = expiration {
        object.insert("expiration".into(), expiration.into());
    }
    // A map of strings always serialises.
    serde_json::to_string_pretty(&Value::Object(object)).unwrap_or_default()
}

fn object_of(body: &[u8]) -> Result<Map<String, Value>, String> {
    // serde_json's syntax errors name a line and column, never the text.
    match serde_json::from_slice::<Value>(body) {
        Ok(Value::Object(object)) => Ok(object),
        Ok(_) => Err("the answer is JSON but not an object".into()),
        Err(e) => Err(format!("the answer is not JSON ({e})")),
    }
}

/// A field that must be a string; the message names it and never shows its value.
fn text_field<'a>(object: &'a Map<String, Value>, name: &str) -> Result<&'a str, String> {
    match object.get(name) {
        Some(Value::String(s)) => Ok(s),
        None | Some(Value::Null) => Err(format!("{name} is missing")),
        Some(_) => Err(format!("{name} is not a string")),
    }
}

fn check_expiration(name: &str, value: &str, now: DateTime<Utc>) -> Result<(), String> {
    let Ok(at) = DateTime::parse_from_rfc3339(value) else {
        return Err(format!(
            "{name} {:?} is not a time (expected 2026-01-13T15:03:39Z)",
            short(value)
        ));
    };
    if at.with_timezone(&Utc) <= now {
        return Err(format!(
            "they expired at {} already (this machine's clock says {})",
            short(value),
            now.format("%Y-%m-%dT%H:%M:%SZ")
        ));
    }
    Ok(())
}

/// [`Credentials::check`] names the fields as STS does; the process format spells them in
/// snake case, and the message should use the name the program's author wrote.
fn snake_names(why: &str) -> String {
    for (pascal, snake) in [
        ("AccessKeyId", "access_key_id"),
        ("AccessKeySecret", "access_key_secret"),
        ("SecurityToken", "sts_token"),
    ] {
        if let Some(rest) = why.strip_prefix(pascal) {
            return format!("{snake}{rest}");
        }
    }
    why.to_string()
}

/// A value that is not secret (a code, a time) but came from outside: cut short and escaped.
fn short(text: &str) -> String {
    escape_untrusted(&text.chars().take(64).collect::<String>()).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    const SECRET: &str = "the-secret-of-the-session";
    const TOKEN: &str = "CAES+wMIARKAAZhjH0EUOIhJMQBMjRywXq7MQ";

    fn now() -> DateTime<Utc> {
        DateTime::parse_from_rfc3339("2026-01-01T00:00:00Z")
            .unwrap()
            .with_timezone(&Utc)
    }

    fn pascal() -> Value {
        serde_json::json!({
            "AccessKeyId": "STS.NUgYrLnoC37mZZCNnAbez2ahs",
            "AccessKeySecret": SECRET,
            "SecurityToken": TOKEN,
            "Expiration": "2026-01-01T06:00:00Z",
            "LastUpdated": "2026-01-01T00:00:00Z",
            "Code": "Success",
        })
    }

    fn body(v: &Value) -> Vec<u8> {
        serde_json::to_vec(v).unwrap()
    }

    type Parse = fn(&[u8], DateTime<Utc>) -> Result<TemporaryCredentials, String>;
    const SERVER_FORMATS: [Parse; 2] = [parse_ecs_metadata, parse_credentials_uri];

    #[test]
    fn server_answers_are_read() {
        for parse in SERVER_FORMATS {
            let c = parse(&body(&pascal()), now()).unwrap();
            assert_eq!(c.access_key_id, "STS.NUgYrLnoC37mZZCNnAbez2ahs");
            assert_eq!(c.access_key_secret, SECRET);
            assert_eq!(c.security_token, TOKEN);
            assert_eq!(c.expiration, "2026-01-01T06:00:00Z");
        }
        // LastUpdated is not needed.
        let mut v = pascal();
        v.as_object_mut().unwrap().remove("LastUpdated");
        assert!(parse_credentials_uri(&body(&v), now()).is_ok());
    }

    #[test]
    fn each_missing_field_is_named() {
        for field in [
            "Code",
            "AccessKeyId",
            "AccessKeySecret",
            "SecurityToken",
            "Expiration",
        ] {
            for parse in SERVER_FORMATS {
                let mut v = pascal();
                v.as_object_mut().unwrap().remove(field);
                let e = parse(&body(&v), now()).unwrap_err();
                assert_eq!(e, format!("{field} is missing"));
                v[field] = Value::from(12);
                let e = parse(&body(&v), now()).unwrap_err();
                assert_eq!(e, format!("{field} is not a string"));
            }
        }
    }

    #[test]
    fn server_answers_that_are_not_usable_are_refused() {
        type Spoil = fn(&mut Value);
        let cases: [(Spoil, &str); 7] = [
            (|v| v["Code"] = "Failed".into(), "Code is \"Failed\""),
            (|v| v["Expiration"] = "tomorrow".into(), "not a time"),
            (
                |v| v["Expiration"] = "2025-12-31T23:00:00Z".into(),
                "expired at",
            ),
            (|v| v["AccessKeyId"] = "".into(), "AccessKeyId is empty"),
            (|v| v["SecurityToken"] = "".into(), "SecurityToken is empty"),
            (
                |v| v["AccessKeySecret"] = format!("{SECRET}\r\nX-Evil: 1").into(),
                "AccessKeySecret holds",
            ),
            (
                |v| v["SecurityToken"] = format!("{TOKEN}\u{1b}]0;t").into(),
                "SecurityToken holds",
            ),
        ];
        for (spoil, why) in cases {
            for parse in SERVER_FORMATS {
                let mut v = pascal();
                spoil(&mut v);
                let e = parse(&body(&v), now()).unwrap_err();
                assert!(e.contains(why), "{e}");
                assert!(!e.contains(SECRET) && !e.contains(TOKEN), "{e}");
            }
        }
        for bad in [&b"<html>502</html>"[..], b"[1,2]", b"", b"{\"Code\":"] {
            let e = parse_ecs_metadata(bad, now()).unwrap_err();
            assert!(e.contains("JSON"), "{e}");
        }
    }

    #[test]
    fn outside_text_in_messages_is_escaped_and_secrets_never_shown() {
        let mut v = pascal();
        v["Code"] = "Denied\u{1b}[2J".into();
        v["Message"] = format!("role gone\nfake line {SECRET}").into();
        let e = parse_credentials_uri(&body(&v), now()).unwrap_err();
        assert!(!e.contains('\u{1b}') && !e.contains('\n'), "{e:?}");
        assert!(e.contains("\\x1b[2J") && e.contains("\\n"), "{e}");
        let mut v = pascal();
        v["Expiration"] = "\u{7}soon".into();
        let e = parse_ecs_metadata(&body(&v), now()).unwrap_err();
        assert!(e.contains("\\x07soon"), "{e}");
        // A secret in the wrong type is not quoted back (serde would).
        let text =
            format!(r#"{{"Code":"Success","AccessKeyId":"id","AccessKeySecret":["{SECRET}"]}}"#);
        let e = parse_ecs_metadata(text.as_bytes(), now()).unwrap_err();
        assert!(!e.contains(SECRET), "{e}");
        let e = parse_external_process(
            format!(r#"{{"mode":"AK","access_key_id":"id1234","access_key_secret":1{SECRET}}}"#)
                .as_bytes(),
            now(),
        )
        .unwrap_err();
        assert!(!e.contains(SECRET), "{e}");
    }

    #[test]
    fn secrets_are_found_for_the_redactor() {
        let found = secrets_in(&body(&pascal()));
        assert_eq!(found, vec![SECRET.to_string(), TOKEN.to_string()]);
        let process = serde_json::json!({"mode":"StsToken","access_key_id":"STS.x",
            "access_key_secret": SECRET, "sts_token": TOKEN});
        assert_eq!(secrets_in(&body(&process)).len(), 2);
        assert!(secrets_in(b"not json").is_empty());
    }

    fn process(mode: &str, token: Option<&str>, expiration: Option<&str>) -> Vec<u8> {
        let mut v = serde_json::json!({"mode": mode, "access_key_id": "LTAI5tJHezdULrXcczCW",
            "access_key_secret": SECRET});
        if let Some(t) = token {
            v["sts_token"] = t.into();
        }
        if let Some(e) = expiration {
            v["expiration"] = e.into();
        }
        body(&v)
    }

    #[test]
    fn process_output_in_both_modes() {
        let ak = parse_external_process(&process("AK", None, None), now()).unwrap();
        assert_eq!(ak.credentials.access_key_id, "LTAI5tJHezdULrXcczCW");
        assert_eq!(ak.credentials.access_key_secret, SECRET);
        assert!(ak.credentials.security_token.is_none());
        assert!(ak.expiration.is_none());
        // The official CLI's own output carries an empty token in AK mode.
        let ak = parse_external_process(&process("AK", Some(""), None), now()).unwrap();
        assert!(ak.credentials.security_token.is_none());

        let sts = parse_external_process(
            &process("StsToken", Some(TOKEN), Some("2026-01-01T01:00:00Z")),
            now(),
        )
        .unwrap();
        assert_eq!(sts.credentials.security_token.as_deref(), Some(TOKEN));
        assert_eq!(sts.expiration.as_deref(), Some("2026-01-01T01:00:00Z"));
        let sts = parse_external_process(&process("StsToken", Some(TOKEN), None), now()).unwrap();
        assert!(sts.expiration.is_none());
    }

    #[test]
    fn process_output_that_is_not_usable_is_refused() {
        let cases: [(Vec<u8>, &str); 9] = [
            (process("StsToken", None, None), "sts_token is missing"),
            (
                process("AK", Some(TOKEN), None),
                "mode is \"AK\" but sts_token",
            ),
            (process("Token", None, None), "mode is \"Token\""),
            (
                process("StsToken", Some(TOKEN), Some("later")),
                "expiration \"later\" is not a time",
            ),
            (
                process("StsToken", Some(TOKEN), Some("2025-12-31T00:00:00Z")),
                "expired at",
            ),
            (
                process("StsToken", Some("tok en"), None),
                "sts_token holds spaces",
            ),
            (br#"{"access_key_id":"a"}"#.to_vec(), "mode is missing"),
            (
                br#"{"mode":"AK","access_key_secret":"abcdefgh"}"#.to_vec(),
                "access_key_id is missing",
            ),
            (
                br#"{"mode":"AK","access_key_id":"","access_key_secret":"abcdefgh"}"#.to_vec(),
                "access_key_id is empty",
            ),
        ];
        for (input, why) in cases {
            let e = parse_external_process(&input, now()).unwrap_err();
            assert!(e.contains(why), "{why}: {e}");
            assert!(!e.contains(SECRET) && !e.contains(TOKEN), "{e}");
        }
        let e = parse_external_process(b"AKID SECRET", now()).unwrap_err();
        assert!(e.contains("not JSON"), "{e}");
    }

    #[test]
    fn the_process_format_is_written_and_read_back() {
        let sts = Credentials::new("STS.abc", SECRET, Some(TOKEN.into()));
        let text = external_process_json(&sts, Some("2026-01-01T01:00:00Z"));
        let v: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(v["mode"], "StsToken");
        assert_eq!(v["sts_token"], TOKEN);
        assert_eq!(v["expiration"], "2026-01-01T01:00:00Z");
        let back = parse_external_process(text.as_bytes(), now()).unwrap();
        assert_eq!(back.credentials.access_key_id, "STS.abc");
        assert_eq!(back.credentials.security_token.as_deref(), Some(TOKEN));

        let ak = Credentials::new("LTAI5tJHezdULrXcczCW", SECRET, None);
        let text = external_process_json(&ak, None);
        let v: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(v["mode"], "AK");
        assert!(v.get("sts_token").is_none() && v.get("expiration").is_none());
        let back = parse_external_process(text.as_bytes(), now()).unwrap();
        assert!(back.credentials.security_token.is_none());
    }
}
