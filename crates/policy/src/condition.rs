//! Conditions: the values a policy compares against, converted to their operator's type when the
//! policy is parsed, and the test of one `Operator: { key: values }` entry against a request's
//! context. Also the readers for numbers, booleans and dates that both sides share, so that a
//! policy value and a request value are read by the same rules.

use std::cmp::Ordering;
use std::net::IpAddr;

use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};
use ipnet::IpNet;
use serde_json::Value;

use crate::net;
use crate::operator::{Kind, Operator, Test};
use crate::parse::json_kind;
use crate::wildcard::wildcard_match;
use crate::PolicyError;

/// One `Operator: { key: values }` entry of a `Condition` block.
#[derive(Debug, Clone, PartialEq)]
pub struct Condition {
    pub operator: Operator,
    pub key: String,
    pub(crate) values: Vec<Operand>,
}

/// A condition value from the policy, already converted to its operator's type so that a bad
/// value is a parse error rather than a silent mismatch at evaluation time.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Operand {
    Text(String),
    Number(f64),
    Date(DateTime<Utc>),
    Bool(bool),
    Net(IpNet),
}

/// A request context value read as an operator's type.
enum Probe<'a> {
    Text(&'a str),
    Number(f64),
    Date(DateTime<Utc>),
    Bool(bool),
    Ip(IpAddr),
}

pub(crate) fn operand(kind: Kind, value: &Value, path: &str) -> Result<Operand, PolicyError> {
    let bad = |what: &str| PolicyError::new(path, what.to_string());
    match (kind, value) {
        (Kind::Text, Value::String(s)) => Ok(Operand::Text(s.clone())),
        (Kind::Text, Value::Number(n)) => Ok(Operand::Text(n.to_string())),
        (Kind::Text, Value::Bool(b)) => Ok(Operand::Text(b.to_string())),
        (Kind::Number, Value::Number(n)) => n
            .as_f64()
            .filter(|f| f.is_finite())
            .map(Operand::Number)
            .ok_or_else(|| bad("number out of range")),
        (Kind::Number, Value::String(s)) => parse_number(s)
            .map(Operand::Number)
            .ok_or_else(|| bad(&format!("{s:?} is not a number"))),
        (Kind::Date, Value::String(s)) => parse_date(s).map(Operand::Date).ok_or_else(|| {
            bad(&format!(
                "{s:?} is not a date: use ISO 8601 such as \"2019-08-12T17:00:00+08:00\" or epoch seconds"
            ))
        }),
        (Kind::Date, Value::Number(n)) => n
            .as_i64()
            .and_then(|secs| DateTime::from_timestamp(secs, 0))
            .map(Operand::Date)
            .ok_or_else(|| bad("a numeric date must be whole epoch seconds")),
        (Kind::Bool, Value::Bool(b)) => Ok(Operand::Bool(*b)),
        (Kind::Bool, Value::String(s)) => parse_bool(s)
            .map(Operand::Bool)
            .ok_or_else(|| bad(&format!("{s:?} is not a boolean: use true or false"))),
        (Kind::Ip, Value::String(s)) => net::parse(s).map(Operand::Net).ok_or_else(|| {
            bad(&format!(
                "{s:?} is not an IP address or CIDR block (such as \"192.168.0.0/16\" or \"2001:db8::/32\")"
            ))
        }),
        (_, other) => Err(bad(&format!(
            "{} value must be {}, not {}",
            match kind {
                Kind::Text => "a string",
                Kind::Number => "a numeric",
                Kind::Date => "a date",
                Kind::Bool => "a boolean",
                Kind::Ip => "an IP address",
            },
            match kind {
                Kind::Text => "a string, number or boolean",
                Kind::Number => "a number or numeric string",
                Kind::Date => "a date string or epoch seconds",
                Kind::Bool => "true or false",
                Kind::Ip => "a string",
            },
            json_kind(other)
        ))),
    }
}

pub(crate) fn parse_number(s: &str) -> Option<f64> {
    s.trim().parse::<f64>().ok().filter(|f| f.is_finite())
}

pub(crate) fn parse_bool(s: &str) -> Option<bool> {
    let s = s.trim();
    if s.eq_ignore_ascii_case("true") {
        Some(true)
    } else if s.eq_ignore_ascii_case("false") {
        Some(false)
    } else {
        None
    }
}

/// ISO 8601 with an offset (`Z`, `+08:00`, `+0800`), without one (taken as UTC), a bare date
/// (midnight UTC), or epoch seconds.
pub(crate) fn parse_date(s: &str) -> Option<DateTime<Utc>> {
    let s = s.trim();
    if let Ok(d) = DateTime::parse_from_rfc3339(s) {
        return Some(d.with_timezone(&Utc));
    }
    for format in ["%Y-%m-%dT%H:%M:%S%.f%z", "%Y-%m-%d %H:%M:%S%.f%z"] {
        if let Ok(d) = DateTime::parse_from_str(s, format) {
            return Some(d.with_timezone(&Utc));
        }
    }
    for format in ["%Y-%m-%dT%H:%M:%S%.f", "%Y-%m-%d %H:%M:%S%.f"] {
        if let Ok(d) = NaiveDateTime::parse_from_str(s, format) {
            return Some(d.and_utc());
        }
    }
    if let Ok(d) = NaiveDate::parse_from_str(s, "%Y-%m-%d") {
        return d.and_hms_opt(0, 0, 0).map(|d| d.and_utc());
    }
    if !s.is_empty()
        && s.trim_start_matches('-')
            .bytes()
            .all(|b| b.is_ascii_digit())
    {
        return s
            .parse::<i64>()
            .ok()
            .and_then(|secs| DateTime::from_timestamp(secs, 0));
    }
    None
}

impl Condition {
    /// The condition's values as written in the policy (dates in RFC 3339, networks as CIDR).
    pub fn values(&self) -> Vec<String> {
        self.values
            .iter()
            .map(|v| match v {
                Operand::Text(s) => s.clone(),
                Operand::Number(n) => n.to_string(),
                Operand::Date(d) => d.to_rfc3339(),
                Operand::Bool(b) => b.to_string(),
                // `IpNet` prints the address as written (host bits kept) and its prefix length.
                Operand::Net(n) => n.to_string(),
            })
            .collect()
    }

    /// A missing key, or one whose values cannot be read as the operator's type, fails the
    /// condition even for negated operators: RAM has no `...IfExists` forms, and treating
    /// "unknown" as "not equal" would let a `StringNotEquals` Allow through on requests that
    /// simply lack the key. Negated operators hold when no request value matches any policy
    /// value (NOR), which is what makes a list under `StringNotEquals` useful.
    pub(crate) fn holds(&self, context: &[(String, String)]) -> bool {
        let (kind, test, negated) = self.operator.spec();
        let mut present = false;
        let mut matched = false;
        for (key, raw) in context {
            if !key.eq_ignore_ascii_case(&self.key) {
                continue;
            }
            let Some(probe) = Probe::read(kind, raw) else {
                continue;
            };
            present = true;
            if self.values.iter().any(|v| probe.test(test, v)) {
                matched = true;
            }
        }
        present && matched != negated
    }
}

impl<'a> Probe<'a> {
    fn read(kind: Kind, raw: &'a str) -> Option<Probe<'a>> {
        match kind {
            Kind::Text => Some(Probe::Text(raw)),
            Kind::Number => parse_number(raw).map(Probe::Number),
            Kind::Date => parse_date(raw).map(Probe::Date),
            Kind::Bool => parse_bool(raw).map(Probe::Bool),
            Kind::Ip => raw
                .trim()
                .parse::<IpAddr>()
                .ok()
                .map(|ip| Probe::Ip(net::unmap(ip))),
        }
    }

    fn test(&self, test: Test, value: &Operand) -> bool {
        match (self, value) {
            (Probe::Text(r), Operand::Text(p)) => match test {
                Test::Equal => *r == p,
                Test::EqualIgnoreCase => r.to_lowercase() == p.to_lowercase(),
                Test::Like => wildcard_match(p, r),
                _ => false,
            },
            (Probe::Number(r), Operand::Number(p)) => ordered(test, r.partial_cmp(p)),
            (Probe::Date(r), Operand::Date(p)) => ordered(test, Some(r.cmp(p))),
            (Probe::Bool(r), Operand::Bool(p)) => r == p,
            (Probe::Ip(r), Operand::Net(n)) => n.contains(r),
            _ => false,
        }
    }
}

fn ordered(test: Test, ord: Option<Ordering>) -> bool {
    match (test, ord) {
        (Test::Equal, Some(o)) => o == Ordering::Equal,
        (Test::Less, Some(o)) => o == Ordering::Less,
        (Test::LessOrEqual, Some(o)) => o != Ordering::Greater,
        (Test::Greater, Some(o)) => o == Ordering::Greater,
        (Test::GreaterOrEqual, Some(o)) => o != Ordering::Less,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates() {
        let z = parse_date("2019-08-12T09:00:00Z").unwrap();
        assert_eq!(parse_date("2019-08-12T17:00:00+08:00"), Some(z));
        assert_eq!(parse_date("2019-08-12T17:00:00+0800"), Some(z));
        assert_eq!(parse_date("2019-08-12T09:00:00"), Some(z));
        assert_eq!(parse_date("1565600400"), Some(z));
        assert!(parse_date("2019-13-12T09:00:00Z").is_none());
        assert!(parse_date("99999999999999999999").is_none());
        assert!(parse_date("-").is_none());
    }
}
