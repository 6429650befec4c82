//! Parsing: turns policy JSON into the model, checking RAM's grammar (element names, the
//! `"Version": "1"` rule, `Action`/`NotAction` exclusivity, principals, condition blocks) and
//! reporting the first problem with its JSON path. Documents come from users and from the wire,
//! so nothing here panics on odd input.

use serde_json::{Map, Value};

use crate::condition::{operand, Condition};
use crate::model::{Effect, Patterns, Policy, PolicyError, Principal, Statement};
use crate::operator::Operator;

const TOP_KEYS: &[&str] = &["Version", "Statement"];
const STATEMENT_KEYS: &[&str] = &[
    "Sid",
    "Effect",
    "Action",
    "NotAction",
    "Resource",
    "NotResource",
    "Principal",
    "Condition",
];
const PRINCIPAL_KEYS: &[&str] = &["RAM", "Service", "Federated"];

impl Policy {
    /// Parse and validate a policy document. JSON syntax errors are reported with line/column
    /// (path "$").
    pub fn parse(json: &str) -> Result<Policy, PolicyError> {
        let doc: Value = serde_json::from_str(json).map_err(json_error)?;
        let top = doc
            .as_object()
            .ok_or_else(|| PolicyError::new("$", "a policy must be a JSON object"))?;
        check_keys(top, TOP_KEYS, "$")?;

        match top.get("Version") {
            None => return Err(PolicyError::new("$", "missing \"Version\" (must be \"1\")")),
            Some(Value::String(v)) if v == "1" => {}
            Some(Value::String(v)) => {
                return Err(PolicyError::new(
                    "$.Version",
                    format!("unsupported version {v:?}: RAM policies use \"1\""),
                ))
            }
            Some(other) => {
                return Err(PolicyError::new(
                    "$.Version",
                    format!("must be the string \"1\", not {}", json_kind(other)),
                ))
            }
        }

        let statements = match top.get("Statement") {
            None => return Err(PolicyError::new("$", "missing \"Statement\"")),
            Some(Value::Array(items)) => items
                .iter()
                .enumerate()
                .map(|(i, item)| parse_statement(item, &format!("$.Statement[{i}]")))
                .collect::<Result<Vec<_>, _>>()?,
            // The grammar asks for a list; a lone statement object is accepted because its
            // meaning is unambiguous and hand-written session policies often take that shape.
            Some(item @ Value::Object(_)) => vec![parse_statement(item, "$.Statement")?],
            Some(other) => {
                return Err(PolicyError::new(
                    "$.Statement",
                    format!("must be a list of statements, not {}", json_kind(other)),
                ))
            }
        };
        Ok(Policy { statements })
    }
}

fn json_error(e: serde_json::Error) -> PolicyError {
    let text = e.to_string();
    // serde_json appends the position; it is restated up front in the wording users expect.
    let suffix = format!(" at line {} column {}", e.line(), e.column());
    let detail = text.strip_suffix(&suffix).unwrap_or(&text);
    PolicyError::new(
        "$",
        format!(
            "invalid JSON at line {}, column {}: {detail}",
            e.line(),
            e.column()
        ),
    )
}

pub(crate) fn json_kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}

/// Appends an object key to a path, quoting keys such as `acs:SourceIp` that are not identifiers.
pub(crate) fn key_path(base: &str, key: &str) -> String {
    if !key.is_empty() && key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
        format!("{base}.{key}")
    } else {
        format!("{base}[{}]", Value::String(key.to_owned()))
    }
}

fn check_keys(obj: &Map<String, Value>, allowed: &[&str], path: &str) -> Result<(), PolicyError> {
    for key in obj.keys() {
        if allowed.contains(&key.as_str()) {
            continue;
        }
        // Element names are case-sensitive; a near miss deserves a pointer to the right spelling.
        let hint = allowed
            .iter()
            .find(|k| k.eq_ignore_ascii_case(key))
            .map(|k| format!(" (element names are case-sensitive: did you mean {k:?}?)"))
            .unwrap_or_default();
        return Err(PolicyError::new(
            key_path(path, key),
            format!("unknown element {key:?}{hint}"),
        ));
    }
    Ok(())
}

fn parse_statement(value: &Value, path: &str) -> Result<Statement, PolicyError> {
    let obj = value.as_object().ok_or_else(|| {
        PolicyError::new(
            path,
            format!("a statement must be an object, not {}", json_kind(value)),
        )
    })?;
    check_keys(obj, STATEMENT_KEYS, path)?;

    let sid = match obj.get("Sid") {
        None => None,
        Some(Value::String(s)) => Some(s.clone()),
        Some(other) => {
            return Err(PolicyError::new(
                format!("{path}.Sid"),
                format!("must be a string, not {}", json_kind(other)),
            ))
        }
    };

    // RAM's grammar spells the values exactly ("Allow" | "Deny"); lower-case is refused rather
    // than guessed so a policy that works here also passes RAM's validation.
    let effect = match obj.get("Effect") {
        None => return Err(PolicyError::new(path, "missing \"Effect\"")),
        Some(Value::String(s)) if s == "Allow" => Effect::Allow,
        Some(Value::String(s)) if s == "Deny" => Effect::Deny,
        Some(Value::String(s)) => {
            return Err(PolicyError::new(
                format!("{path}.Effect"),
                format!("invalid effect {s:?}: must be \"Allow\" or \"Deny\" (case-sensitive)"),
            ))
        }
        Some(other) => {
            return Err(PolicyError::new(
                format!("{path}.Effect"),
                format!("must be \"Allow\" or \"Deny\", not {}", json_kind(other)),
            ))
        }
    };

    let action = parse_patterns(obj, "Action", "NotAction", path)?
        .ok_or_else(|| PolicyError::new(path, "missing \"Action\" (or \"NotAction\")"))?;

    let principal = match obj.get("Principal") {
        None => None,
        Some(v) => Some(parse_principal(v, &format!("{path}.Principal"))?),
    };

    let resource = parse_patterns(obj, "Resource", "NotResource", path)?;
    if resource.is_none() && principal.is_none() {
        return Err(PolicyError::new(
            path,
            "missing \"Resource\" (or \"NotResource\")",
        ));
    }

    let conditions = match obj.get("Condition") {
        None => Vec::new(),
        Some(v) => parse_conditions(v, &format!("{path}.Condition"))?,
    };

    Ok(Statement {
        sid,
        effect,
        action,
        resource,
        principal,
        conditions,
    })
}

fn parse_patterns(
    obj: &Map<String, Value>,
    include: &str,
    exclude: &str,
    path: &str,
) -> Result<Option<Patterns>, PolicyError> {
    match (obj.get(include), obj.get(exclude)) {
        (Some(_), Some(_)) => Err(PolicyError::new(
            path,
            format!("a statement may have \"{include}\" or \"{exclude}\", not both"),
        )),
        (Some(v), None) => Ok(Some(Patterns::Include(string_list(
            v,
            &format!("{path}.{include}"),
        )?))),
        (None, Some(v)) => Ok(Some(Patterns::Exclude(string_list(
            v,
            &format!("{path}.{exclude}"),
        )?))),
        (None, None) => Ok(None),
    }
}

/// A string or a non-empty list of strings (RAM accepts both spellings for list elements).
fn string_list(value: &Value, path: &str) -> Result<Vec<String>, PolicyError> {
    match value {
        Value::String(s) => Ok(vec![s.clone()]),
        Value::Array(items) if items.is_empty() => {
            Err(PolicyError::new(path, "must not be an empty list"))
        }
        Value::Array(items) => items
            .iter()
            .enumerate()
            .map(|(i, item)| match item {
                Value::String(s) => Ok(s.clone()),
                other => Err(PolicyError::new(
                    format!("{path}[{i}]"),
                    format!("must be a string, not {}", json_kind(other)),
                )),
            })
            .collect(),
        other => Err(PolicyError::new(
            path,
            format!(
                "must be a string or a list of strings, not {}",
                json_kind(other)
            ),
        )),
    }
}

fn parse_principal(value: &Value, path: &str) -> Result<Principal, PolicyError> {
    match value {
        Value::String(s) if s == "*" => Ok(Principal::Anyone),
        Value::Object(obj) => {
            check_keys(obj, PRINCIPAL_KEYS, path)?;
            if obj.is_empty() {
                return Err(PolicyError::new(
                    path,
                    "must name at least one of \"RAM\", \"Service\", \"Federated\"",
                ));
            }
            let list = |key: &str| -> Result<Vec<String>, PolicyError> {
                match obj.get(key) {
                    None => Ok(Vec::new()),
                    Some(v) => string_list(v, &format!("{path}.{key}")),
                }
            };
            Ok(Principal::Entities {
                ram: list("RAM")?,
                service: list("Service")?,
                federated: list("Federated")?,
            })
        }
        other => Err(PolicyError::new(
            path,
            format!(
                "must be \"*\" or an object such as {{\"RAM\": [...]}}, not {}",
                match other {
                    Value::String(_) => "another string",
                    v => json_kind(v),
                }
            ),
        )),
    }
}

fn parse_conditions(value: &Value, path: &str) -> Result<Vec<Condition>, PolicyError> {
    let obj = value.as_object().ok_or_else(|| {
        PolicyError::new(
            path,
            format!(
                "must be an object of condition operators, not {}",
                json_kind(value)
            ),
        )
    })?;
    let mut out = Vec::new();
    for (name, block) in obj {
        let op_path = key_path(path, name);
        let operator = Operator::from_name(name).ok_or_else(|| {
            PolicyError::new(&op_path, format!("unknown condition operator {name:?}"))
        })?;
        let block = block.as_object().ok_or_else(|| {
            PolicyError::new(
                &op_path,
                format!(
                    "must be an object of condition keys, not {}",
                    json_kind(block)
                ),
            )
        })?;
        for (key, values) in block {
            let key_path = key_path(&op_path, key);
            if key.is_empty() {
                return Err(PolicyError::new(
                    key_path,
                    "condition key must not be empty",
                ));
            }
            let kind = operator.spec().0;
            let values = match values {
                Value::Array(items) if items.is_empty() => {
                    return Err(PolicyError::new(key_path, "must not be an empty list"))
                }
                Value::Array(items) => items
                    .iter()
                    .enumerate()
                    .map(|(i, item)| operand(kind, item, &format!("{key_path}[{i}]")))
                    .collect::<Result<Vec<_>, _>>()?,
                single => vec![operand(kind, single, &key_path)?],
            };
            out.push(Condition {
                operator,
                key: key.clone(),
                values,
            });
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::eval::{evaluate, Decision};
    use crate::test_support::{cond, req, JPG};

    #[test]
    fn parse_errors() {
        let table: &[(&str, &str, &str)] = &[
            (
                r#"{"Version":"2","Statement":[]}"#,
                "$.Version",
                "unsupported version",
            ),
            (
                r#"{"Version":1,"Statement":[]}"#,
                "$.Version",
                "must be the string",
            ),
            (r#"{"Statement":[]}"#, "$", "missing \"Version\""),
            (r#"{"Version":"1"}"#, "$", "missing \"Statement\""),
            (
                r#"{"Version":"1","Statement":"x"}"#,
                "$.Statement",
                "must be a list",
            ),
            (
                r#"{"Version":"1","Statement":[],"Extra":1}"#,
                "$.Extra",
                "unknown element",
            ),
            (r#"[1]"#, "$", "must be a JSON object"),
            (
                r#"{"Version":"1","Statement":[{"Action":"*","Resource":"*"}]}"#,
                "$.Statement[0]",
                "missing \"Effect\"",
            ),
            (
                r#"{"Version":"1","Statement":[{"Effect":"allow","Action":"*","Resource":"*"}]}"#,
                "$.Statement[0].Effect",
                "case-sensitive",
            ),
            (
                r#"{"Version":"1","Statement":[{"Effect":true,"Action":"*","Resource":"*"}]}"#,
                "$.Statement[0].Effect",
                "not a boolean",
            ),
            (
                r#"{"Version":"1","Statement":[{"Effect":"Allow","Action":"*","NotAction":"x","Resource":"*"}]}"#,
                "$.Statement[0]",
                "not both",
            ),
            (
                r#"{"Version":"1","Statement":[{"Effect":"Allow","Resource":"*"}]}"#,
                "$.Statement[0]",
                "missing \"Action\"",
            ),
            (
                r#"{"Version":"1","Statement":[{"Effect":"Allow","Action":"*"}]}"#,
                "$.Statement[0]",
                "missing \"Resource\"",
            ),
            (
                r#"{"Version":"1","Statement":[{"Effect":"Allow","Action":"*","Resource":"*","NotResource":"*"}]}"#,
                "$.Statement[0]",
                "not both",
            ),
            (
                r#"{"Version":"1","Statement":[{"Effect":"Allow","Action":[],"Resource":"*"}]}"#,
                "$.Statement[0].Action",
                "empty list",
            ),
            (
                r#"{"Version":"1","Statement":[{"Effect":"Allow","Action":["a",3],"Resource":"*"}]}"#,
                "$.Statement[0].Action[1]",
                "must be a string",
            ),
            (
                r#"{"Version":"1","Statement":[{"Effect":"Allow","action":"*","Resource":"*"}]}"#,
                "$.Statement[0].action",
                "did you mean \"Action\"",
            ),
            (
                r#"{"Version":"1","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"},{"Effect":"Deny","Action":"*","Resource":"*","Condition":{"StringEqualz":{"a":"b"}}}]}"#,
                "$.Statement[1].Condition.StringEqualz",
                "unknown condition operator",
            ),
            (
                r#"{"Version":"1","Statement":[{"Effect":"Allow","Action":"*","Resource":"*","Condition":{"StringEqualsIfExists":{"a":"b"}}}]}"#,
                "$.Statement[0].Condition.StringEqualsIfExists",
                "unknown condition operator",
            ),
            (
                r#"{"Version":"1","Statement":[{"Effect":"Allow","Action":"*","Resource":"*","Condition":{"IpAddress":{"acs:SourceIp":["10.0.0.0/8","10.0.0.0/33"]}}}]}"#,
                "$.Statement[0].Condition.IpAddress[\"acs:SourceIp\"][1]",
                "not an IP address",
            ),
            (
                r#"{"Version":"1","Statement":[{"Effect":"Allow","Action":"*","Resource":"*","Condition":{"NumericEquals":{"k":"ten"}}}]}"#,
                "$.Statement[0].Condition.NumericEquals.k",
                "not a number",
            ),
            (
                r#"{"Version":"1","Statement":[{"Effect":"Allow","Action":"*","Resource":"*","Condition":{"DateLessThan":{"k":"yesterday"}}}]}"#,
                "$.Statement[0].Condition.DateLessThan.k",
                "not a date",
            ),
            (
                r#"{"Version":"1","Statement":[{"Effect":"Allow","Action":"*","Resource":"*","Condition":{"Bool":{"k":"yes"}}}]}"#,
                "$.Statement[0].Condition.Bool.k",
                "not a boolean",
            ),
            (
                r#"{"Version":"1","Statement":[{"Effect":"Allow","Action":"*","Resource":"*","Condition":{"StringEquals":{"k":null}}}]}"#,
                "$.Statement[0].Condition.StringEquals.k",
                "not null",
            ),
            (
                r#"{"Version":"1","Statement":[{"Effect":"Allow","Action":"*","Resource":"*","Condition":{"StringEquals":{"k":[]}}}]}"#,
                "$.Statement[0].Condition.StringEquals.k",
                "empty list",
            ),
            (
                r#"{"Version":"1","Statement":[{"Effect":"Allow","Action":"*","Resource":"*","Condition":[]}]}"#,
                "$.Statement[0].Condition",
                "must be an object",
            ),
            (
                r#"{"Version":"1","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole","Principal":{"AWS":"x"}}]}"#,
                "$.Statement[0].Principal.AWS",
                "unknown element",
            ),
            (
                r#"{"Version":"1","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole","Principal":"acs:ram::1:root"}]}"#,
                "$.Statement[0].Principal",
                "must be \"*\"",
            ),
            (
                r#"{"Version":"1","Statement":[{"Sid":5,"Effect":"Allow","Action":"*","Resource":"*"}]}"#,
                "$.Statement[0].Sid",
                "must be a string",
            ),
        ];
        for (json, path, fragment) in table {
            let err = Policy::parse(json).expect_err(json);
            assert_eq!(err.path, *path, "{json}: {err}");
            assert!(err.message.contains(fragment), "{json}: {err}");
            assert_eq!(err.to_string(), format!("{}: {}", err.path, err.message));
        }
    }

    #[test]
    fn json_syntax_error_has_position() {
        let err = Policy::parse("{\n  \"Version\": \"1\",\n  \"Statement\": [,]\n}").unwrap_err();
        assert_eq!(err.path, "$");
        assert!(
            err.message.starts_with("invalid JSON at line 3, column "),
            "{err}"
        );
        assert!(
            err.message.matches(" at line ").count() == 1,
            "position stated once: {err}"
        );
        let err = Policy::parse("not json").unwrap_err();
        assert!(err.message.contains("line 1, column 2"), "{err}");
        let err = Policy::parse("").unwrap_err();
        assert!(err.message.contains("invalid JSON"), "{err}");
    }

    #[test]
    fn hostile_input_does_not_panic() {
        let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
        assert!(Policy::parse(&deep).is_err());
        for text in [
            "\u{0}",
            "{\"Version\":\"1\",\"Statement\":[{}]}",
            "{\"Version\":\"1\",\"Statement\":[null]}",
            "\"\u{10ffff}\"",
        ] {
            assert!(Policy::parse(text).is_err(), "{text:?}");
        }
        let odd =
            cond(r#"{"StringLike":{"k":"é?*"},"IpAddress":{"k2":"::/0"},"DateEquals":{"k3":-1}}"#);
        let p = Policy::parse(&odd).unwrap();
        let r = req(
            "x",
            "y",
            &[("k", "éa"), ("k2", "::1"), ("k3", "1969-12-31T23:59:59Z")],
        );
        assert!(evaluate(&[&p], &r).is_allowed());
    }

    #[test]
    fn single_statement_object_and_accessors() {
        let p = Policy::parse(
            r#"{"Version":"1","Statement":{"Sid":"one","Effect":"Deny","NotAction":["ram:*"],"Resource":"*","Condition":{"IpAddress":{"acs:SourceIp":"::ffff:10.0.0.0/104"}}}}"#,
        )
        .unwrap();
        let s = &p.statements()[0];
        assert_eq!(s.sid.as_deref(), Some("one"));
        assert_eq!(s.effect, Effect::Deny);
        assert_eq!(s.action, Patterns::Exclude(vec!["ram:*".into()]));
        assert_eq!(s.conditions[0].operator, Operator::IpAddress);
        assert_eq!(s.conditions[0].key, "acs:SourceIp");
        assert_eq!(s.conditions[0].values(), vec!["10.0.0.0/8".to_string()]);
        let r = req("oss:GetObject", JPG, &[("acs:SourceIp", "10.9.9.9")]);
        assert_eq!(
            evaluate(&[&p], &r),
            Decision::ExplicitDeny {
                policy: 0,
                statement: 0
            }
        );
    }
}
