//! `policy check`'s condition checks: operators that cannot compare their key's type, literal
//! `*` under a non-`Like` operator, unknown keys near a known one, `oss:Prefix` without a
//! listing action; and `policy eval`'s check that a request context value can be read as its
//! key's type at all.

use serde_json::{Map, Value};

use super::Findings;
use crate::catalog::{self, KeyType};
use crate::condition::{parse_bool, parse_date, parse_number};
use crate::operator::{Kind, Operator, Test};
use crate::parse::key_path;

fn kind_of(key: KeyType) -> Kind {
    match key {
        KeyType::Text => Kind::Text,
        KeyType::Date => Kind::Date,
        KeyType::Bool => Kind::Bool,
        KeyType::Ip => Kind::Ip,
        KeyType::Number => Kind::Number,
    }
}

fn operators_for(key: KeyType) -> &'static str {
    match key {
        KeyType::Text => "StringEquals, StringLike and the other String operators",
        KeyType::Date => "DateLessThan, DateGreaterThan and the other Date operators",
        KeyType::Bool => "Bool",
        KeyType::Ip => "IpAddress or NotIpAddress",
        KeyType::Number => "NumericEquals, NumericLessThan and the other Numeric operators",
    }
}

pub(super) fn check_conditions(
    conditions: &Map<String, Value>,
    path: &str,
    listing: bool,
    out: &mut Findings,
) {
    for (name, block) in conditions {
        let Some(operator) = Operator::from_name(name) else {
            continue;
        };
        let op_path = key_path(path, name);
        let Some(block) = block.as_object() else {
            continue;
        };
        let (kind, test, _) = operator.spec();
        for (key, values) in block {
            let key_path = key_path(&op_path, key);
            match catalog::condition_key(key) {
                Some((known, key_type)) => {
                    if kind_of(key_type) != kind {
                        out.warn(
                            &key_path,
                            format!(
                                "{known} cannot be compared by {name}: use {}",
                                operators_for(key_type)
                            ),
                        );
                    }
                    if known == "oss:Prefix" && !listing {
                        out.warn(
                            &key_path,
                            "oss:Prefix is present only on listing requests (oss:ListObjects), and this statement names no listing action: the condition never holds",
                        );
                    }
                }
                None => {
                    if let Some(near) = catalog::nearest(key, catalog::condition_keys()) {
                        out.warn(
                            &key_path,
                            format!("unknown condition key {key:?}: did you mean {near:?}? (a key absent from the request makes the condition fail)"),
                        );
                    }
                }
            }
            if kind == Kind::Text && test != Test::Like {
                let literal = match values {
                    Value::String(s) => vec![s.as_str()],
                    Value::Array(items) => items.iter().filter_map(Value::as_str).collect(),
                    _ => Vec::new(),
                };
                if literal.iter().any(|v| v.contains(['*', '?'])) {
                    let like = if name.starts_with("StringNot") {
                        "StringNotLike"
                    } else {
                        "StringLike"
                    };
                    out.warn(
                        &key_path,
                        format!("{name} compares literally, so * and ? here match only themselves; use {like} for wildcards"),
                    );
                }
            }
        }
    }
}

/// Why a request context value would never satisfy a condition on a known key, if it would not:
/// `acs:SourceIp` must be an IP address, `acs:CurrentTime` a date, `acs:SecureTransport` a
/// boolean. Unknown keys take any value.
pub fn context_value_problem(key: &str, value: &str) -> Option<String> {
    let (known, key_type) = catalog::condition_key(key)?;
    let ok = match key_type {
        KeyType::Text => true,
        KeyType::Date => parse_date(value).is_some(),
        KeyType::Bool => parse_bool(value).is_some(),
        KeyType::Number => parse_number(value).is_some(),
        KeyType::Ip => value.trim().parse::<std::net::IpAddr>().is_ok(),
    };
    (!ok).then(|| {
        let expected = match key_type {
            KeyType::Date => "a date such as 2026-01-13T15:03:39Z",
            KeyType::Bool => "true or false",
            KeyType::Number => "a number",
            KeyType::Ip => "an IP address such as 203.0.113.7 (no prefix length)",
            KeyType::Text => "text",
        };
        format!("{known}={value:?}: the value must be {expected}")
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lint::tests::{one, stmt};
    use crate::lint::Severity;

    #[test]
    fn conditions() {
        one(
            &stmt(
                r#"{"Effect":"Allow","Action":"oss:ListObjects","Resource":"acs:oss:*:*:bkt","Condition":{"StringEquals":{"oss:Prefix":"2015/*"}}}"#,
            ),
            Severity::Warning,
            "$.Statement[0].Condition.StringEquals[\"oss:Prefix\"]",
            "use StringLike",
        );
        one(
            &stmt(
                r#"{"Effect":"Allow","Action":"oss:GetObject","Resource":"acs:oss:*:*:bkt/*","Condition":{"StringLike":{"oss:Prefix":"2015/*"}}}"#,
            ),
            Severity::Warning,
            "$.Statement[0].Condition.StringLike[\"oss:Prefix\"]",
            "never holds",
        );
        one(
            &stmt(
                r#"{"Effect":"Allow","Action":"*","Resource":"*","Condition":{"StringEquals":{"acs:SourceIp":"10.0.0.1"}}}"#,
            ),
            Severity::Warning,
            "$.Statement[0].Condition.StringEquals[\"acs:SourceIp\"]",
            "use IpAddress",
        );
        one(
            &stmt(
                r#"{"Effect":"Allow","Action":"*","Resource":"*","Condition":{"StringLessThan":{"a":"b"}}}"#,
            ),
            Severity::Error,
            "$.Statement[0].Condition.StringLessThan",
            "unknown condition operator",
        );
        one(
            &stmt(
                r#"{"Effect":"Allow","Action":"*","Resource":"*","Condition":{"IpAddress":{"acs:SourceIP4":"10.0.0.0/8"}}}"#,
            ),
            Severity::Warning,
            "$.Statement[0].Condition.IpAddress[\"acs:SourceIP4\"]",
            "did you mean \"acs:SourceIp\"?",
        );
        one(
            &stmt(
                r#"{"Effect":"Allow","Action":"*","Resource":"*","Condition":{"StringNotEquals":{"acs:UserAgent":["curl*"]}}}"#,
            ),
            Severity::Warning,
            "$.Statement[0].Condition.StringNotEquals[\"acs:UserAgent\"]",
            "use StringNotLike",
        );
    }

    #[test]
    fn context_values() {
        assert!(context_value_problem("acs:SourceIp", "10.0.0.1").is_none());
        assert!(context_value_problem("acs:sourceip", "10.0.0.0/8")
            .unwrap()
            .contains("IP address"));
        assert!(context_value_problem("acs:CurrentTime", "2026-01-13T15:03:39Z").is_none());
        assert!(context_value_problem("acs:CurrentTime", "noon").is_some());
        assert!(context_value_problem("acs:SecureTransport", "yes").is_some());
        assert!(context_value_problem("oss:Prefix", "anything*").is_none());
        assert!(context_value_problem("my:Key", "x").is_none());
    }
}
