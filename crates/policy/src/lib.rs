//! RAM policy engine: parses Alibaba Cloud RAM policy documents (identity policies, STS session
//! policies and role trust policies) and decides requests against them the way RAM does, so the
//! built-in local test cloud can grant and refuse OSS and STS calls like the real service and the
//! CLI can explain an `AccessDenied` before it is sent. Documents come from users and from the
//! wire, so parsing never panics and reports every problem with a JSON path; evaluation is pure
//! (no I/O, no clock: the caller puts `acs:CurrentTime` into the request context).

use std::cmp::Ordering;
use std::fmt;
use std::net::IpAddr;

use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};
use serde_json::{Map, Value};

pub mod catalog;
pub mod explain;
pub mod lint;

/// The most characters STS accepts in the `Policy` parameter of AssumeRole.
pub const SESSION_POLICY_MAX_CHARS: usize = 2048;

/// A parsed and validated policy document (`"Version": "1"`).
#[derive(Debug, Clone, PartialEq)]
pub struct Policy {
    statements: Vec<Statement>,
}

/// One element of `Statement`.
#[derive(Debug, Clone, PartialEq)]
pub struct Statement {
    pub sid: Option<String>,
    pub effect: Effect,
    /// `Action` (include) or `NotAction` (exclude).
    pub action: Patterns,
    /// `Resource` or `NotResource`; absent only in statements that name a `Principal`.
    pub resource: Option<Patterns>,
    pub principal: Option<Principal>,
    /// Every condition must hold for the statement to apply.
    pub conditions: Vec<Condition>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Effect {
    Allow,
    Deny,
}

/// Wildcard patterns of an `Action`/`Resource` element, or of its `Not...` complement.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Patterns {
    Include(Vec<String>),
    Exclude(Vec<String>),
}

/// The `Principal` element of a trust (or other resource-based) policy.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Principal {
    /// `"Principal": "*"`.
    Anyone,
    Entities {
        ram: Vec<String>,
        service: Vec<String>,
        federated: Vec<String>,
    },
}

/// One `Operator: { key: values }` entry of a `Condition` block.
#[derive(Debug, Clone, PartialEq)]
pub struct Condition {
    pub operator: Operator,
    pub key: String,
    values: Vec<Operand>,
}

/// The condition operators RAM documents ("Conditional operators").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Operator {
    StringEquals,
    StringNotEquals,
    StringEqualsIgnoreCase,
    StringNotEqualsIgnoreCase,
    StringLike,
    StringNotLike,
    NumericEquals,
    NumericNotEquals,
    NumericLessThan,
    NumericLessThanEquals,
    NumericGreaterThan,
    NumericGreaterThanEquals,
    DateEquals,
    DateNotEquals,
    DateLessThan,
    DateLessThanEquals,
    DateGreaterThan,
    DateGreaterThanEquals,
    Bool,
    IpAddress,
    NotIpAddress,
}

/// A parse/validation error with a JSON path such as `$.Statement[0].Effect`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PolicyError {
    pub path: String,
    pub message: String,
}

impl PolicyError {
    fn new(path: impl Into<String>, message: impl Into<String>) -> Self {
        PolicyError {
            path: path.into(),
            message: message.into(),
        }
    }
}

impl fmt::Display for PolicyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path, self.message)
    }
}

impl std::error::Error for PolicyError {}

/// What the request is: action like "oss:GetObject", resource like
/// "acs:oss:*:1234567890123456:sample-bucket/2015/01/01/grass.jpg", and condition context
/// (keys like "acs:SourceIp", "acs:CurrentTime" (ISO 8601), "acs:SecureTransport"
/// ("true"/"false"), "oss:Prefix"). A key given several times is multi-valued.
#[derive(Debug, Clone, Default)]
pub struct RequestContext {
    pub action: String,
    pub resource: String,
    pub context: Vec<(String, String)>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decision {
    /// Indexes into the slice given to [`evaluate`] and into that policy's statements.
    Allow {
        policy: usize,
        statement: usize,
    },
    ExplicitDeny {
        policy: usize,
        statement: usize,
    },
    ImplicitDeny,
}

impl Decision {
    pub fn is_allowed(&self) -> bool {
        matches!(self, Decision::Allow { .. })
    }
}

/// Result of intersecting layers, e.g. [role policies, session policy]. `layer` tells which layer
/// decided a denial (the first layer with an explicit deny, else the first layer that did not
/// allow); on Allow, each layer's deciding statement.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LayeredDecision {
    Allow(Vec<Decision>),
    Deny { layer: usize, decision: Decision },
}

impl LayeredDecision {
    pub fn is_allowed(&self) -> bool {
        matches!(self, LayeredDecision::Allow(_))
    }
}

// ---------------------------------------------------------------------------------------------
// Parsing

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

    pub fn statements(&self) -> &[Statement] {
        &self.statements
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

fn json_kind(v: &Value) -> &'static str {
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
fn key_path(base: &str, key: &str) -> String {
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

// ---------------------------------------------------------------------------------------------
// Conditions

/// What type an operator compares as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Text,
    Number,
    Date,
    Bool,
    Ip,
}

/// The positive test of an operator; `Not...` operators negate it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Test {
    Equal,
    EqualIgnoreCase,
    Like,
    Less,
    LessOrEqual,
    Greater,
    GreaterOrEqual,
}

/// A condition value from the policy, already converted to its operator's type so that a bad
/// value is a parse error rather than a silent mismatch at evaluation time.
#[derive(Debug, Clone, PartialEq)]
enum Operand {
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

impl Operator {
    const ALL: [Operator; 21] = [
        Operator::StringEquals,
        Operator::StringNotEquals,
        Operator::StringEqualsIgnoreCase,
        Operator::StringNotEqualsIgnoreCase,
        Operator::StringLike,
        Operator::StringNotLike,
        Operator::NumericEquals,
        Operator::NumericNotEquals,
        Operator::NumericLessThan,
        Operator::NumericLessThanEquals,
        Operator::NumericGreaterThan,
        Operator::NumericGreaterThanEquals,
        Operator::DateEquals,
        Operator::DateNotEquals,
        Operator::DateLessThan,
        Operator::DateLessThanEquals,
        Operator::DateGreaterThan,
        Operator::DateGreaterThanEquals,
        Operator::Bool,
        Operator::IpAddress,
        Operator::NotIpAddress,
    ];

    /// The operator's name as written in a policy.
    pub fn name(self) -> &'static str {
        match self {
            Operator::StringEquals => "StringEquals",
            Operator::StringNotEquals => "StringNotEquals",
            Operator::StringEqualsIgnoreCase => "StringEqualsIgnoreCase",
            Operator::StringNotEqualsIgnoreCase => "StringNotEqualsIgnoreCase",
            Operator::StringLike => "StringLike",
            Operator::StringNotLike => "StringNotLike",
            Operator::NumericEquals => "NumericEquals",
            Operator::NumericNotEquals => "NumericNotEquals",
            Operator::NumericLessThan => "NumericLessThan",
            Operator::NumericLessThanEquals => "NumericLessThanEquals",
            Operator::NumericGreaterThan => "NumericGreaterThan",
            Operator::NumericGreaterThanEquals => "NumericGreaterThanEquals",
            Operator::DateEquals => "DateEquals",
            Operator::DateNotEquals => "DateNotEquals",
            Operator::DateLessThan => "DateLessThan",
            Operator::DateLessThanEquals => "DateLessThanEquals",
            Operator::DateGreaterThan => "DateGreaterThan",
            Operator::DateGreaterThanEquals => "DateGreaterThanEquals",
            Operator::Bool => "Bool",
            Operator::IpAddress => "IpAddress",
            Operator::NotIpAddress => "NotIpAddress",
        }
    }

    /// Operator names are case-sensitive, as RAM documents them.
    pub fn from_name(name: &str) -> Option<Operator> {
        Operator::ALL.into_iter().find(|op| op.name() == name)
    }

    fn spec(self) -> (Kind, Test, bool) {
        use Operator as O;
        match self {
            O::StringEquals => (Kind::Text, Test::Equal, false),
            O::StringNotEquals => (Kind::Text, Test::Equal, true),
            O::StringEqualsIgnoreCase => (Kind::Text, Test::EqualIgnoreCase, false),
            O::StringNotEqualsIgnoreCase => (Kind::Text, Test::EqualIgnoreCase, true),
            O::StringLike => (Kind::Text, Test::Like, false),
            O::StringNotLike => (Kind::Text, Test::Like, true),
            O::NumericEquals => (Kind::Number, Test::Equal, false),
            O::NumericNotEquals => (Kind::Number, Test::Equal, true),
            O::NumericLessThan => (Kind::Number, Test::Less, false),
            O::NumericLessThanEquals => (Kind::Number, Test::LessOrEqual, false),
            O::NumericGreaterThan => (Kind::Number, Test::Greater, false),
            O::NumericGreaterThanEquals => (Kind::Number, Test::GreaterOrEqual, false),
            O::DateEquals => (Kind::Date, Test::Equal, false),
            O::DateNotEquals => (Kind::Date, Test::Equal, true),
            O::DateLessThan => (Kind::Date, Test::Less, false),
            O::DateLessThanEquals => (Kind::Date, Test::LessOrEqual, false),
            O::DateGreaterThan => (Kind::Date, Test::Greater, false),
            O::DateGreaterThanEquals => (Kind::Date, Test::GreaterOrEqual, false),
            O::Bool => (Kind::Bool, Test::Equal, false),
            O::IpAddress => (Kind::Ip, Test::Equal, false),
            O::NotIpAddress => (Kind::Ip, Test::Equal, true),
        }
    }
}

fn operand(kind: Kind, value: &Value, path: &str) -> Result<Operand, PolicyError> {
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
        (Kind::Ip, Value::String(s)) => IpNet::parse(s).map(Operand::Net).ok_or_else(|| {
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

fn parse_number(s: &str) -> Option<f64> {
    s.trim().parse::<f64>().ok().filter(|f| f.is_finite())
}

fn parse_bool(s: &str) -> Option<bool> {
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
fn parse_date(s: &str) -> Option<DateTime<Utc>> {
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
                Operand::Net(n) => format!("{}/{}", n.addr, n.prefix),
            })
            .collect()
    }

    /// A missing key, or one whose values cannot be read as the operator's type, fails the
    /// condition even for negated operators: RAM has no `...IfExists` forms, and treating
    /// "unknown" as "not equal" would let a `StringNotEquals` Allow through on requests that
    /// simply lack the key. Negated operators hold when no request value matches any policy
    /// value (NOR), which is what makes a list under `StringNotEquals` useful.
    fn holds(&self, context: &[(String, String)]) -> bool {
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
                .map(|ip| Probe::Ip(unmap(ip))),
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
            (Probe::Ip(r), Operand::Net(n)) => n.contains(*r),
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

/// An address with a prefix length; a bare address is a /32 or /128.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct IpNet {
    addr: IpAddr,
    prefix: u8,
}

impl IpNet {
    fn parse(s: &str) -> Option<IpNet> {
        let s = s.trim();
        let (addr, prefix) = match s.split_once('/') {
            Some((a, p)) => {
                // Digits only: `u8::from_str` would also take "+24".
                if p.is_empty() || p.len() > 3 || !p.bytes().all(|b| b.is_ascii_digit()) {
                    return None;
                }
                (a.parse::<IpAddr>().ok()?, Some(p.parse::<u8>().ok()?))
            }
            None => (s.parse::<IpAddr>().ok()?, None),
        };
        let max = if addr.is_ipv4() { 32 } else { 128 };
        let prefix = prefix.unwrap_or(max);
        if prefix > max {
            return None;
        }
        // `::ffff:a.b.c.d/120` names IPv4 space; requests are unmapped too, so they compare.
        if let IpAddr::V6(v6) = addr {
            if let (Some(v4), true) = (v6.to_ipv4_mapped(), prefix >= 96) {
                return Some(IpNet {
                    addr: IpAddr::V4(v4),
                    prefix: prefix - 96,
                });
            }
        }
        Some(IpNet { addr, prefix })
    }

    fn contains(&self, ip: IpAddr) -> bool {
        match (self.addr, unmap(ip)) {
            (IpAddr::V4(net), IpAddr::V4(ip)) => {
                let mask = u32::MAX
                    .checked_shl(32 - u32::from(self.prefix))
                    .unwrap_or(0);
                u32::from(net) & mask == u32::from(ip) & mask
            }
            (IpAddr::V6(net), IpAddr::V6(ip)) => {
                let mask = u128::MAX
                    .checked_shl(128 - u32::from(self.prefix))
                    .unwrap_or(0);
                u128::from(net) & mask == u128::from(ip) & mask
            }
            _ => false,
        }
    }
}

/// Dual-stack servers report IPv4 clients as `::ffff:a.b.c.d`; policies name them as IPv4.
fn unmap(ip: IpAddr) -> IpAddr {
    match ip {
        IpAddr::V6(v6) => v6.to_ipv4_mapped().map_or(ip, IpAddr::V4),
        v4 => v4,
    }
}

// ---------------------------------------------------------------------------------------------
// Evaluation

impl Patterns {
    fn matches(&self, value: &str, fold_case: bool) -> bool {
        let hit = |patterns: &[String]| {
            patterns.iter().any(|p| {
                if fold_case {
                    wildcard_match(&p.to_lowercase(), value)
                } else {
                    wildcard_match(p, value)
                }
            })
        };
        match self {
            Patterns::Include(list) => hit(list),
            Patterns::Exclude(list) => !hit(list),
        }
    }
}

impl Statement {
    /// `action` must already be lower-cased.
    fn applies(&self, action: &str, request: &RequestContext) -> bool {
        // A statement naming a Principal belongs to a resource-based policy; the request carries
        // no principal to match it against, so it must neither grant nor deny here.
        if self.principal.is_some() {
            return false;
        }
        let Some(resource) = &self.resource else {
            return false;
        };
        self.action.matches(action, true)
            && resource.matches(&request.resource, false)
            && self.conditions.iter().all(|c| c.holds(&request.context))
    }
}

/// Union semantics over the policies attached to one identity.
pub fn evaluate(policies: &[&Policy], request: &RequestContext) -> Decision {
    let action = request.action.to_lowercase();
    let mut allowed = None;
    for (p, policy) in policies.iter().enumerate() {
        for (s, statement) in policy.statements.iter().enumerate() {
            if !statement.applies(&action, request) {
                continue;
            }
            match statement.effect {
                // Nothing can override an explicit deny, so there is no need to look further.
                Effect::Deny => {
                    return Decision::ExplicitDeny {
                        policy: p,
                        statement: s,
                    }
                }
                Effect::Allow => {
                    allowed.get_or_insert(Decision::Allow {
                        policy: p,
                        statement: s,
                    });
                }
            }
        }
    }
    allowed.unwrap_or(Decision::ImplicitDeny)
}

/// Intersection of layers such as [role policies, session policy]: allowed only when every
/// layer allows and none denies explicitly. No layers at all grants nothing.
pub fn evaluate_layers(layers: &[&[&Policy]], request: &RequestContext) -> LayeredDecision {
    let decisions: Vec<Decision> = layers.iter().map(|l| evaluate(l, request)).collect();
    let denial = decisions
        .iter()
        .position(|d| matches!(d, Decision::ExplicitDeny { .. }))
        .or_else(|| decisions.iter().position(|d| !d.is_allowed()));
    match denial {
        Some(layer) => LayeredDecision::Deny {
            layer,
            decision: decisions
                .get(layer)
                .copied()
                .unwrap_or(Decision::ImplicitDeny),
        },
        None if decisions.is_empty() => LayeredDecision::Deny {
            layer: 0,
            decision: Decision::ImplicitDeny,
        },
        None => LayeredDecision::Allow(decisions),
    }
}

/// Wildcard match used for resources (case-sensitive) and, lowercased, for actions. `*` matches
/// any sequence (also empty, also `/`), `?` exactly one character. Iterative, no exponential
/// blow-up on patterns like "a*a*a*a*b".
pub fn wildcard_match(pattern: &str, value: &str) -> bool {
    if pattern == "*" {
        return true;
    }
    let pattern: Vec<char> = pattern.chars().collect();
    let value: Vec<char> = value.chars().collect();
    let (mut p, mut v) = (0, 0);
    // After a mismatch only the most recent `*` needs to absorb one more character: earlier
    // stars could only reach positions the latest one can reach too, which bounds the work
    // by pattern length times value length.
    let mut last_star: Option<(usize, usize)> = None;
    while let Some(&c) = value.get(v) {
        match pattern.get(p) {
            Some('*') => {
                p += 1;
                last_star = Some((p, v));
            }
            Some(&pc) if pc == '?' || pc == c => {
                p += 1;
                v += 1;
            }
            _ => match last_star {
                Some((star_p, star_v)) => {
                    p = star_p;
                    v = star_v + 1;
                    last_star = Some((star_p, v));
                }
                None => return false,
            },
        }
    }
    pattern.iter().skip(p).all(|&c| c == '*')
}

/// Does a trust policy (statements with Principal) let `principal_arn` (e.g.
/// "acs:ram::1234567890123456:root" or a user ARN "acs:ram::1234567890123456:user/appserver")
/// perform "sts:AssumeRole"? Principal forms: {"RAM": [arn...]} (an account root ARN trusts every
/// RAM user of that account), {"Service": [...]} (never matches a user), "*" .
///
/// Conditions are evaluated against an empty context, so a conditional trust statement (for
/// example one requiring a SAML attribute) never grants here and a conditional Deny never
/// applies.
pub fn trust_allows(trust_policy: &Policy, principal_arn: &str) -> bool {
    let mut allowed = false;
    for statement in &trust_policy.statements {
        let Some(principal) = &statement.principal else {
            continue;
        };
        if !statement.action.matches("sts:assumerole", true)
            || !principal.matches(principal_arn)
            || !statement.conditions.iter().all(|c| c.holds(&[]))
        {
            continue;
        }
        match statement.effect {
            Effect::Deny => return false,
            Effect::Allow => allowed = true,
        }
    }
    allowed
}

impl Principal {
    fn matches(&self, arn: &str) -> bool {
        match self {
            Principal::Anyone => true,
            Principal::Entities { ram, service, .. } => {
                ram.iter().any(|entry| ram_principal_matches(entry, arn))
                    // Service principals are names like "ecs.aliyuncs.com", which no ARN equals.
                    || service.iter().any(|s| s.eq_ignore_ascii_case(arn))
            }
        }
    }
}

/// Splits `acs:ram::<account>:<rest>` into account and rest.
fn ram_arn(arn: &str) -> Option<(&str, &str)> {
    let rest = arn.strip_prefix("acs:ram::")?;
    let (account, name) = rest.split_once(':')?;
    (!account.is_empty() && !name.is_empty()).then_some((account, name))
}

fn ram_principal_matches(entry: &str, arn: &str) -> bool {
    if entry == "*" || entry == arn {
        return true;
    }
    // Trusting an account's root delegates the choice to that account: any of its RAM users or
    // roles may assume the role if its own policies allow it.
    match (ram_arn(entry), ram_arn(arn)) {
        (Some((trusted, "root")), Some((account, _))) => trusted == account,
        _ => false,
    }
}

// ---------------------------------------------------------------------------------------------

#[cfg(test)]
mod tests {
    use super::*;

    const JPG_ONLY: &str = r#"{"Version":"1", "Statement": [{"Effect":"Allow", "Action":"oss:GetObject", "Resource":"acs:oss:*:*:sample-bucket/2015/01/01/*.jpg"}]}"#;
    const READ_ONLY: &str = r#"{"Version":"1","Statement":[{"Action":["oss:Get*","oss:List*"],"Effect":"Allow","Resource":"*"}]}"#;
    const JPG: &str = "acs:oss:*:1234567890123456:sample-bucket/2015/01/01/grass.jpg";

    fn req(action: &str, resource: &str, context: &[(&str, &str)]) -> RequestContext {
        RequestContext {
            action: action.into(),
            resource: resource.into(),
            context: context
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
        }
    }

    /// A one-statement Allow of everything, guarded by one condition.
    fn cond(condition: &str) -> String {
        format!(
            r#"{{"Version":"1","Statement":[{{"Effect":"Allow","Action":"*","Resource":"*","Condition":{condition}}}]}}"#
        )
    }

    const ALLOW: Decision = Decision::Allow {
        policy: 0,
        statement: 0,
    };
    const IMPLICIT: Decision = Decision::ImplicitDeny;

    struct Case {
        name: &'static str,
        policies: Vec<String>,
        action: &'static str,
        resource: &'static str,
        context: &'static [(&'static str, &'static str)],
        expect: Decision,
    }

    fn case(
        name: &'static str,
        policy: &str,
        action: &'static str,
        resource: &'static str,
        context: &'static [(&'static str, &'static str)],
        expect: Decision,
    ) -> Case {
        Case {
            name,
            policies: vec![policy.to_string()],
            action,
            resource,
            context,
            expect,
        }
    }

    fn cases() -> Vec<Case> {
        let allow_deny = r#"{"Version":"1","Statement":[
            {"Effect":"Allow","Action":"oss:*","Resource":"*"},
            {"Effect":"Deny","Action":"oss:DeleteObject","Resource":"acs:oss:*:*:sample-bucket/*"}]}"#;
        let not_action = r#"{"Version":"1","Statement":[{"Effect":"Allow","NotAction":"ram:*","Resource":"*"}]}"#;
        let not_resource = r#"{"Version":"1","Statement":[{"Effect":"Allow","Action":"oss:*","NotResource":["acs:oss:*:*:secret","acs:oss:*:*:secret/*"]}]}"#;
        let qmark = r#"{"Version":"1","Statement":[{"Effect":"Allow","Action":"oss:GetObject","Resource":"acs:oss:*:*:logs/file?.txt"}]}"#;
        let upper = r#"{"Version":"1","Statement":[{"Effect":"Allow","Action":"OSS:GETOBJECT","Resource":"*"}]}"#;
        let string_eq = cond(r#"{"StringEquals":{"acs:UserAgent":["cli","sdk"]}}"#);
        let string_ne = cond(r#"{"StringNotEquals":{"acs:UserAgent":["cli","sdk"]}}"#);
        let string_ic = cond(r#"{"StringEqualsIgnoreCase":{"acs:UserAgent":"CLI"}}"#);
        let string_nic = cond(r#"{"StringNotEqualsIgnoreCase":{"acs:UserAgent":"CLI"}}"#);
        let like = cond(r#"{"StringLike":{"oss:Prefix":"hangzhou/2015/*"}}"#);
        let not_like = cond(r#"{"StringNotLike":{"oss:Prefix":"private/*"}}"#);
        let num = cond(r#"{"NumericLessThanEquals":{"oss:MaxKeys":100}}"#);
        let num_eq = cond(r#"{"NumericEquals":{"oss:MaxKeys":"10"}}"#);
        let num_ne = cond(r#"{"NumericNotEquals":{"oss:MaxKeys":10}}"#);
        let num_gt = cond(
            r#"{"NumericGreaterThan":{"oss:MaxKeys":10},"NumericLessThan":{"oss:MaxKeys":20}}"#,
        );
        let before = cond(r#"{"DateLessThan":{"acs:CurrentTime":"2019-08-12T17:00:00+08:00"}}"#);
        let after_epoch = cond(r#"{"DateGreaterThanEquals":{"acs:CurrentTime":1565600400}}"#);
        let date_eq = cond(r#"{"DateEquals":{"acs:CurrentTime":"2019-08-12T09:00:00Z"}}"#);
        let date_ne = cond(r#"{"DateNotEquals":{"acs:CurrentTime":"2019-08-12T09:00:00Z"}}"#);
        let date_le = cond(
            r#"{"DateLessThanEquals":{"acs:CurrentTime":"2019-08-12"},"DateGreaterThan":{"acs:CurrentTime":"2019-08-11T00:00:00Z"}}"#,
        );
        let secure = cond(r#"{"Bool":{"acs:SecureTransport":true}}"#);
        let secure_str = cond(r#"{"Bool":{"acs:SecureTransport":"false"}}"#);
        let ip4 = cond(r#"{"IpAddress":{"acs:SourceIp":["192.168.0.0/16","203.0.113.7"]}}"#);
        let ip6 = cond(r#"{"IpAddress":{"acs:SourceIp":"2001:db8::/32"}}"#);
        let not_ip = cond(r#"{"NotIpAddress":{"acs:SourceIp":["10.0.0.0/8","fd00::/8"]}}"#);
        let deny_outside = r#"{"Version":"1","Statement":[
            {"Effect":"Allow","Action":"oss:*","Resource":"*"},
            {"Effect":"Deny","Action":"*","Resource":"*","Condition":{"NotIpAddress":{"acs:SourceIp":"10.0.0.0/8"}}}]}"#;
        let both = cond(
            r#"{"IpAddress":{"acs:SourceIp":"10.0.0.0/8"},"Bool":{"acs:SecureTransport":"true"}}"#,
        );

        vec![
            case("exact action", JPG_ONLY, "oss:GetObject", JPG, &[], ALLOW),
            case("action case-insensitive (request)", JPG_ONLY, "OSS:getobject", JPG, &[], ALLOW),
            case("action case-insensitive (policy)", upper, "oss:GetObject", JPG, &[], ALLOW),
            case("other action", JPG_ONLY, "oss:PutObject", JPG, &[], IMPLICIT),
            case("png not matched", JPG_ONLY, "oss:GetObject", "acs:oss:*:1234567890123456:sample-bucket/2015/01/01/grass.png", &[], IMPLICIT),
            case("other day not matched", JPG_ONLY, "oss:GetObject", "acs:oss:*:1234567890123456:sample-bucket/2015/01/02/grass.jpg", &[], IMPLICIT),
            case("star spans slashes", JPG_ONLY, "oss:GetObject", "acs:oss:*:1234567890123456:sample-bucket/2015/01/01/a/b/c.jpg", &[], ALLOW),
            case("resource case-sensitive", JPG_ONLY, "oss:GetObject", "acs:oss:*:1234567890123456:Sample-bucket/2015/01/01/grass.jpg", &[], IMPLICIT),
            case("Get* matches GetObjectAcl", READ_ONLY, "oss:GetObjectAcl", JPG, &[], ALLOW),
            case("List* matches ListObjects", READ_ONLY, "oss:ListObjects", "acs:oss:*:1:b", &[], ALLOW),
            case("read-only refuses PutObject", READ_ONLY, "oss:PutObject", JPG, &[], IMPLICIT),
            case("oss:* matches oss", allow_deny, "oss:PutObject", JPG, &[], ALLOW),
            case("oss:* does not match ecs", allow_deny, "ecs:DescribeInstances", "*", &[], IMPLICIT),
            case("* matches any service", &cond("{}"), "ecs:DescribeInstances", "acs:ecs:*:*:instance/i-1", &[], ALLOW),
            case("explicit deny beats allow", allow_deny, "oss:DeleteObject", JPG, &[], Decision::ExplicitDeny { policy: 0, statement: 1 }),
            case("deny scoped to its resource", allow_deny, "oss:DeleteObject", "acs:oss:*:1:other-bucket/x", &[], ALLOW),
            case("? matches one char", qmark, "oss:GetObject", "acs:oss:*:*:logs/file1.txt", &[], ALLOW),
            case("? does not match two", qmark, "oss:GetObject", "acs:oss:*:*:logs/file10.txt", &[], IMPLICIT),
            case("? does not match none", qmark, "oss:GetObject", "acs:oss:*:*:logs/file.txt", &[], IMPLICIT),
            case("NotAction allows others", not_action, "oss:GetObject", JPG, &[], ALLOW),
            case("NotAction excludes listed", not_action, "ram:CreateUser", "*", &[], IMPLICIT),
            case("NotResource allows others", not_resource, "oss:GetObject", "acs:oss:*:*:public/x", &[], ALLOW),
            case("NotResource excludes listed", not_resource, "oss:GetObject", "acs:oss:*:*:secret/x", &[], IMPLICIT),
            case("StringEquals any of list", &string_eq, "oss:GetObject", JPG, &[("acs:UserAgent", "sdk")], ALLOW),
            case("StringEquals case-sensitive", &string_eq, "oss:GetObject", JPG, &[("acs:UserAgent", "CLI")], IMPLICIT),
            case("StringEquals missing key", &string_eq, "oss:GetObject", JPG, &[], IMPLICIT),
            case("context key case-insensitive", &string_eq, "oss:GetObject", JPG, &[("ACS:useragent", "cli")], ALLOW),
            case("StringNotEquals none of list", &string_ne, "oss:GetObject", JPG, &[("acs:UserAgent", "curl")], ALLOW),
            case("StringNotEquals one of list", &string_ne, "oss:GetObject", JPG, &[("acs:UserAgent", "sdk")], IMPLICIT),
            case("StringNotEquals missing key", &string_ne, "oss:GetObject", JPG, &[], IMPLICIT),
            case("StringEqualsIgnoreCase", &string_ic, "oss:GetObject", JPG, &[("acs:UserAgent", "cli")], ALLOW),
            case("StringEqualsIgnoreCase differs", &string_ic, "oss:GetObject", JPG, &[("acs:UserAgent", "clix")], IMPLICIT),
            case("StringNotEqualsIgnoreCase same", &string_nic, "oss:GetObject", JPG, &[("acs:UserAgent", "Cli")], IMPLICIT),
            case("StringNotEqualsIgnoreCase differs", &string_nic, "oss:GetObject", JPG, &[("acs:UserAgent", "sdk")], ALLOW),
            case("StringLike prefix", &like, "oss:ListObjects", "*", &[("oss:Prefix", "hangzhou/2015/photos/")], ALLOW),
            case("StringLike other prefix", &like, "oss:ListObjects", "*", &[("oss:Prefix", "hangzhou/2016/")], IMPLICIT),
            case("StringNotLike outside", &not_like, "oss:ListObjects", "*", &[("oss:Prefix", "public/")], ALLOW),
            case("StringNotLike inside", &not_like, "oss:ListObjects", "*", &[("oss:Prefix", "private/a")], IMPLICIT),
            case("NumericLessThanEquals edge", &num, "oss:ListObjects", "*", &[("oss:MaxKeys", "100")], ALLOW),
            case("NumericLessThanEquals over", &num, "oss:ListObjects", "*", &[("oss:MaxKeys", "150")], IMPLICIT),
            case("Numeric unparsable request", &num, "oss:ListObjects", "*", &[("oss:MaxKeys", "lots")], IMPLICIT),
            case("Numeric missing key", &num, "oss:ListObjects", "*", &[], IMPLICIT),
            case("NumericEquals string value", &num_eq, "oss:ListObjects", "*", &[("oss:MaxKeys", "10.0")], ALLOW),
            case("NumericNotEquals equal", &num_ne, "oss:ListObjects", "*", &[("oss:MaxKeys", "10")], IMPLICIT),
            case("NumericNotEquals differs", &num_ne, "oss:ListObjects", "*", &[("oss:MaxKeys", "11")], ALLOW),
            case("NumericGreaterThan and LessThan", &num_gt, "oss:ListObjects", "*", &[("oss:MaxKeys", "15")], ALLOW),
            case("NumericGreaterThan edge", &num_gt, "oss:ListObjects", "*", &[("oss:MaxKeys", "10")], IMPLICIT),
            case("DateLessThan before (other zone)", &before, "oss:GetObject", JPG, &[("acs:CurrentTime", "2019-08-12T08:59:59Z")], ALLOW),
            case("DateLessThan same instant", &before, "oss:GetObject", JPG, &[("acs:CurrentTime", "2019-08-12T09:00:00Z")], IMPLICIT),
            case("DateLessThan missing key", &before, "oss:GetObject", JPG, &[], IMPLICIT),
            case("DateGreaterThanEquals epoch", &after_epoch, "oss:GetObject", JPG, &[("acs:CurrentTime", "2019-08-12T17:00:00+08:00")], ALLOW),
            case("DateGreaterThanEquals epoch before", &after_epoch, "oss:GetObject", JPG, &[("acs:CurrentTime", "1565600399")], IMPLICIT),
            case("DateEquals", &date_eq, "oss:GetObject", JPG, &[("acs:CurrentTime", "2019-08-12T17:00:00.000+08:00")], ALLOW),
            case("DateNotEquals same", &date_ne, "oss:GetObject", JPG, &[("acs:CurrentTime", "2019-08-12T09:00:00Z")], IMPLICIT),
            case("DateNotEquals differs", &date_ne, "oss:GetObject", JPG, &[("acs:CurrentTime", "2019-08-12T09:00:01Z")], ALLOW),
            case("DateLessThanEquals bare date", &date_le, "oss:GetObject", JPG, &[("acs:CurrentTime", "2019-08-11T12:00:00Z")], ALLOW),
            case("DateLessThanEquals after", &date_le, "oss:GetObject", JPG, &[("acs:CurrentTime", "2019-08-12T00:00:01Z")], IMPLICIT),
            case("Bool true", &secure, "oss:GetObject", JPG, &[("acs:SecureTransport", "true")], ALLOW),
            case("Bool false", &secure, "oss:GetObject", JPG, &[("acs:SecureTransport", "false")], IMPLICIT),
            case("Bool missing", &secure, "oss:GetObject", JPG, &[], IMPLICIT),
            case("Bool string value", &secure_str, "oss:GetObject", JPG, &[("acs:SecureTransport", "FALSE")], ALLOW),
            case("IpAddress v4 CIDR", &ip4, "oss:GetObject", JPG, &[("acs:SourceIp", "192.168.3.4")], ALLOW),
            case("IpAddress v4 single", &ip4, "oss:GetObject", JPG, &[("acs:SourceIp", "203.0.113.7")], ALLOW),
            case("IpAddress v4 outside", &ip4, "oss:GetObject", JPG, &[("acs:SourceIp", "203.0.113.8")], IMPLICIT),
            case("IpAddress v4-mapped v6", &ip4, "oss:GetObject", JPG, &[("acs:SourceIp", "::ffff:192.168.9.9")], ALLOW),
            case("IpAddress garbage", &ip4, "oss:GetObject", JPG, &[("acs:SourceIp", "192.168.1")], IMPLICIT),
            case("IpAddress v6 CIDR", &ip6, "oss:GetObject", JPG, &[("acs:SourceIp", "2001:db8:1::5")], ALLOW),
            case("IpAddress v6 outside", &ip6, "oss:GetObject", JPG, &[("acs:SourceIp", "2001:db9::1")], IMPLICIT),
            case("IpAddress v6 net, v4 client", &ip6, "oss:GetObject", JPG, &[("acs:SourceIp", "192.168.3.4")], IMPLICIT),
            case("NotIpAddress outside", &not_ip, "oss:GetObject", JPG, &[("acs:SourceIp", "8.8.8.8")], ALLOW),
            case("NotIpAddress inside v6", &not_ip, "oss:GetObject", JPG, &[("acs:SourceIp", "fd12::1")], IMPLICIT),
            case("NotIpAddress missing", &not_ip, "oss:GetObject", JPG, &[], IMPLICIT),
            case("conditional deny applies", deny_outside, "oss:GetObject", JPG, &[("acs:SourceIp", "8.8.8.8")], Decision::ExplicitDeny { policy: 0, statement: 1 }),
            case("conditional deny does not apply", deny_outside, "oss:GetObject", JPG, &[("acs:SourceIp", "10.1.2.3")], ALLOW),
            case("operators are ANDed", &both, "oss:GetObject", JPG, &[("acs:SourceIp", "10.1.2.3"), ("acs:SecureTransport", "false")], IMPLICIT),
            case("operators all hold", &both, "oss:GetObject", JPG, &[("acs:SourceIp", "10.1.2.3"), ("acs:SecureTransport", "true")], ALLOW),
            Case {
                name: "deny in second policy beats allow in first",
                policies: vec![READ_ONLY.into(), r#"{"Version":"1","Statement":{"Effect":"Deny","Action":"oss:GetObject","Resource":"*"}}"#.into()],
                action: "oss:GetObject",
                resource: JPG,
                context: &[],
                expect: Decision::ExplicitDeny { policy: 1, statement: 0 },
            },
            Case {
                name: "allow from second policy",
                policies: vec![JPG_ONLY.into(), READ_ONLY.into()],
                action: "oss:ListBuckets",
                resource: "acs:oss:*:1:*",
                context: &[],
                expect: Decision::Allow { policy: 1, statement: 0 },
            },
            Case {
                name: "no policies",
                policies: vec![],
                action: "oss:GetObject",
                resource: JPG,
                context: &[],
                expect: IMPLICIT,
            },
        ]
    }

    #[test]
    fn decision_table() {
        let cases = cases();
        assert!(cases.len() >= 30);
        for c in cases {
            let parsed: Vec<Policy> = c
                .policies
                .iter()
                .map(|p| Policy::parse(p).unwrap_or_else(|e| panic!("{}: {e}", c.name)))
                .collect();
            let refs: Vec<&Policy> = parsed.iter().collect();
            let got = evaluate(&refs, &req(c.action, c.resource, c.context));
            assert_eq!(got, c.expect, "case {:?}", c.name);
        }
    }

    #[test]
    fn role_and_session_layers() {
        let role = Policy::parse(READ_ONLY).unwrap();
        let session = Policy::parse(JPG_ONLY).unwrap();
        let role_layer = [&role];
        let session_layer = [&session];
        let layers: [&[&Policy]; 2] = [&role_layer, &session_layer];

        let got = evaluate_layers(&layers, &req("oss:GetObject", JPG, &[]));
        assert_eq!(got, LayeredDecision::Allow(vec![ALLOW, ALLOW]));
        assert!(got.is_allowed());

        let got = evaluate_layers(&layers, &req("oss:PutObject", JPG, &[]));
        assert_eq!(
            got,
            LayeredDecision::Deny {
                layer: 0,
                decision: IMPLICIT
            }
        );

        let other = "acs:oss:*:1234567890123456:sample-bucket/2015/01/01/grass.png";
        let got = evaluate_layers(&layers, &req("oss:GetObject", other, &[]));
        assert_eq!(
            got,
            LayeredDecision::Deny {
                layer: 1,
                decision: IMPLICIT
            }
        );
        assert!(!got.is_allowed());

        // An explicit deny is reported even when an earlier layer merely failed to allow.
        let deny = Policy::parse(
            r#"{"Version":"1","Statement":[{"Effect":"Deny","Action":"oss:*","Resource":"*"}]}"#,
        )
        .unwrap();
        let deny_layer = [&deny];
        let layers: [&[&Policy]; 2] = [&session_layer, &deny_layer];
        let got = evaluate_layers(&layers, &req("oss:PutObject", JPG, &[]));
        assert_eq!(
            got,
            LayeredDecision::Deny {
                layer: 1,
                decision: Decision::ExplicitDeny {
                    policy: 0,
                    statement: 0
                }
            }
        );

        let empty: [&[&Policy]; 0] = [];
        assert!(!evaluate_layers(&empty, &req("oss:GetObject", JPG, &[])).is_allowed());
        let no_session: [&Policy; 0] = [];
        let layers: [&[&Policy]; 2] = [&role_layer, &no_session];
        assert!(!evaluate_layers(&layers, &req("oss:GetObject", JPG, &[])).is_allowed());
    }

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

    #[test]
    fn wildcards() {
        let table: &[(&str, &str, bool)] = &[
            ("*", "", true),
            ("", "", true),
            ("", "a", false),
            ("a*", "a", true),
            ("*a", "ba", true),
            ("a*b*c", "aXXbYYc", true),
            ("a*b*c", "aXXbYY", false),
            ("a?c", "abc", true),
            ("a?c", "ac", false),
            ("??", "é漢", true),
            (
                "acs:oss:*:*:sample-bucket/2015/01/01/*.jpg",
                "acs:oss:*:1:sample-bucket/2015/01/01/x/y.jpg",
                true,
            ),
            ("*.jpg", "x.jpg.png", false),
            ("**", "anything", true),
            ("a*", "A", false),
        ];
        for (pattern, value, expect) in table {
            assert_eq!(
                wildcard_match(pattern, value),
                *expect,
                "{pattern:?} ~ {value:?}"
            );
        }
    }

    #[test]
    fn pathological_wildcard_is_fast() {
        let value = "a".repeat(20_000);
        let pattern = format!("{}b", "a*".repeat(50));
        let start = std::time::Instant::now();
        assert!(!wildcard_match(&pattern, &value));
        assert!(wildcard_match(&format!("{}a", "a*".repeat(50)), &value));
        assert!(start.elapsed() < std::time::Duration::from_secs(2));
    }

    #[test]
    fn trust_policies() {
        let account = Policy::parse(
            r#"{"Version":"1","Statement":[{"Action":"sts:AssumeRole","Effect":"Allow","Principal":{"RAM":["acs:ram::1234567890123456:root"]}}]}"#,
        )
        .unwrap();
        assert!(trust_allows(&account, "acs:ram::1234567890123456:root"));
        assert!(trust_allows(
            &account,
            "acs:ram::1234567890123456:user/appserver"
        ));
        assert!(trust_allows(
            &account,
            "acs:ram::1234567890123456:role/other"
        ));
        assert!(!trust_allows(
            &account,
            "acs:ram::6543210987654321:user/appserver"
        ));
        assert!(!trust_allows(
            &account,
            "acs:ram::12345678901234567:user/appserver"
        ));
        assert!(!trust_allows(&account, "1234567890123456"));

        let user = Policy::parse(
            r#"{"Version":"1","Statement":[{"Action":"STS:assumerole","Effect":"Allow","Principal":{"RAM":"acs:ram::1234567890123456:user/appserver"}}]}"#,
        )
        .unwrap();
        assert!(trust_allows(
            &user,
            "acs:ram::1234567890123456:user/appserver"
        ));
        assert!(!trust_allows(&user, "acs:ram::1234567890123456:user/other"));
        assert!(!trust_allows(&user, "acs:ram::1234567890123456:root"));

        let service = Policy::parse(
            r#"{"Version":"1","Statement":[{"Action":"sts:AssumeRole","Effect":"Allow","Principal":{"Service":["ecs.aliyuncs.com"]}}]}"#,
        )
        .unwrap();
        assert!(!trust_allows(
            &service,
            "acs:ram::1234567890123456:user/appserver"
        ));
        assert!(!trust_allows(&service, "acs:ram::1234567890123456:root"));

        let anyone_but = Policy::parse(
            r#"{"Version":"1","Statement":[
                {"Action":"sts:AssumeRole","Effect":"Allow","Principal":"*"},
                {"Action":"sts:*","Effect":"Deny","Principal":{"RAM":"acs:ram::999:root"}}]}"#,
        )
        .unwrap();
        assert!(trust_allows(
            &anyone_but,
            "acs:ram::1234567890123456:user/a"
        ));
        assert!(!trust_allows(&anyone_but, "acs:ram::999:user/a"));

        let wrong_action = Policy::parse(
            r#"{"Version":"1","Statement":[{"Action":"sts:GetCallerIdentity","Effect":"Allow","Principal":"*"}]}"#,
        )
        .unwrap();
        assert!(!trust_allows(&wrong_action, "acs:ram::1:root"));

        // Identity policies carry no Principal and grant nothing in a trust check; trust
        // statements grant nothing to an ordinary request.
        let identity = Policy::parse(READ_ONLY).unwrap();
        assert!(!trust_allows(&identity, "acs:ram::1:root"));
        assert_eq!(
            evaluate(
                &[&account],
                &req("sts:AssumeRole", "acs:ram::1:role/r", &[])
            ),
            IMPLICIT
        );
    }

    #[test]
    fn ip_nets() {
        let net = IpNet::parse("0.0.0.0/0").unwrap();
        assert!(net.contains("255.1.2.3".parse().unwrap()));
        assert!(IpNet::parse("::/0")
            .unwrap()
            .contains("2001::1".parse().unwrap()));
        assert!(IpNet::parse("10.1.2.3/8")
            .unwrap()
            .contains("10.200.0.1".parse().unwrap()));
        for bad in [
            "10.0.0.0/",
            "10.0.0.0/+8",
            "10.0.0.0/a",
            "::/129",
            "1.2.3",
            "10.0.0.0/8/8",
            "",
        ] {
            assert!(IpNet::parse(bad).is_none(), "{bad}");
        }
    }

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
