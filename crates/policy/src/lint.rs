//! `policy check`'s engine: validates a policy document the way RAM would (through
//! [`Policy::parse`]) and then looks for the mistakes that parse fine but fail later as
//! "AccessDenied": misspelled OSS/STS actions, API operation names used as actions, resources that
//! are not `acs:` ARNs, listing granted on `bucket/*` instead of the bucket, `bucket/2015*` where
//! `bucket/2015/*` was meant, conditions whose operator cannot compare their key, and session
//! policies over STS's length limit. Every finding carries the JSON path of what it is about.

use std::collections::BTreeSet;

use serde_json::{Map, Value};

use alicli_wire::names::check_bucket;

use super::catalog::{self, KeyType, Level};
use crate::operator::{Kind, Test};
use crate::parse::key_path;
use crate::{wildcard_match, Operator, Policy, SESSION_POLICY_MAX_CHARS};

/// The most characters RAM accepts in a custom (identity) policy document.
pub const CUSTOM_POLICY_MAX_CHARS: usize = 6144;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// RAM or STS would refuse the document, or a part of it can never match anything.
    Error,
    /// Valid, but probably not what was meant.
    Warning,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub severity: Severity,
    /// JSON path such as `$.Statement[0].Action[1]`.
    pub path: String,
    pub message: String,
}

impl std::fmt::Display for Finding {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.path, self.message)
    }
}

#[derive(Debug, Clone, Copy, Default)]
pub struct CheckOptions {
    /// The document is a session policy (AssumeRole's `Policy`): its length limit is an error.
    pub session: bool,
}

/// What [`check`] found. `policy` is the parsed document when it parses.
#[derive(Debug, Clone)]
pub struct Report {
    pub findings: Vec<Finding>,
    pub policy: Option<Policy>,
    /// Length as STS counts it: characters of the trimmed text, whitespace included.
    pub chars: usize,
}

impl Report {
    pub fn has_errors(&self) -> bool {
        self.findings.iter().any(|f| f.severity == Severity::Error)
    }

    pub fn count(&self, severity: Severity) -> usize {
        self.findings
            .iter()
            .filter(|f| f.severity == severity)
            .count()
    }
}

/// Checks a policy document. Errors come first, then warnings, each in document order.
pub fn check(text: &str, options: CheckOptions) -> Report {
    let text = text.trim();
    let chars = text.chars().count();
    let mut out = Findings::default();
    check_length(text, chars, options, &mut out);
    let policy = match Policy::parse(text) {
        Ok(p) => Some(p),
        Err(e) => {
            out.error(e.path, e.message);
            None
        }
    };
    if policy.is_some() {
        // Parsing succeeded, so the shape below is known to be valid.
        if let Ok(doc) = serde_json::from_str::<Value>(text) {
            check_document(&doc, options, &mut out);
        }
    }
    let mut findings = out.0;
    // Stable: document order is kept within each severity.
    findings.sort_by_key(|f| f.severity);
    Report {
        findings,
        policy,
        chars,
    }
}

#[derive(Default)]
struct Findings(Vec<Finding>);

impl Findings {
    fn error(&mut self, path: impl Into<String>, message: impl Into<String>) {
        self.push(Severity::Error, path, message);
    }
    fn warn(&mut self, path: impl Into<String>, message: impl Into<String>) {
        self.push(Severity::Warning, path, message);
    }
    fn push(&mut self, severity: Severity, path: impl Into<String>, message: impl Into<String>) {
        self.0.push(Finding {
            severity,
            path: path.into(),
            message: message.into(),
        });
    }
}

fn check_length(text: &str, chars: usize, options: CheckOptions, out: &mut Findings) {
    let compact = serde_json::from_str::<Value>(text)
        .ok()
        .and_then(|v| serde_json::to_string(&v).ok())
        .map(|s| s.chars().count())
        .filter(|&n| n < chars);
    let minify = match compact {
        Some(n) if n <= SESSION_POLICY_MAX_CHARS => {
            format!(" ({n} without whitespace: remove it and the policy fits)")
        }
        Some(n) => format!(" ({n} even without whitespace: split the grant or use wildcards)"),
        None => String::new(),
    };
    if chars > SESSION_POLICY_MAX_CHARS {
        let message = format!(
            "the policy is {chars} characters; STS accepts at most {SESSION_POLICY_MAX_CHARS} in a session policy (--policy of sts assume-role){minify}"
        );
        if options.session {
            out.error("$", message);
        } else {
            out.warn("$", message);
        }
    }
    if !options.session && chars > CUSTOM_POLICY_MAX_CHARS {
        out.warn(
            "$",
            format!("the policy is {chars} characters; RAM accepts at most {CUSTOM_POLICY_MAX_CHARS} in a custom policy"),
        );
    }
}

/// A statement as written, with the JSON paths of its parts.
struct Raw<'a> {
    path: String,
    obj: &'a Map<String, Value>,
}

impl<'a> Raw<'a> {
    /// The `Action`/`NotAction` (or `Resource`/`NotResource`) strings with their paths, and
    /// whether the element is the excluding `Not...` form.
    fn list(&self, include: &str, exclude: &str) -> Option<(Vec<(String, String)>, bool)> {
        let (name, value, negated) = match (self.obj.get(include), self.obj.get(exclude)) {
            (Some(v), _) => (include, v, false),
            (None, Some(v)) => (exclude, v, true),
            (None, None) => return None,
        };
        let base = format!("{}.{name}", self.path);
        let items = match value {
            Value::String(s) => vec![(s.clone(), base)],
            Value::Array(items) => items
                .iter()
                .enumerate()
                .filter_map(|(i, v)| v.as_str().map(|s| (s.to_string(), format!("{base}[{i}]"))))
                .collect(),
            _ => Vec::new(),
        };
        Some((items, negated))
    }

    fn is_allow(&self) -> bool {
        self.obj.get("Effect").and_then(Value::as_str) == Some("Allow")
    }
}

fn check_document(doc: &Value, options: CheckOptions, out: &mut Findings) {
    let statements: Vec<Raw> = match doc.get("Statement") {
        Some(Value::Array(items)) => items
            .iter()
            .enumerate()
            .filter_map(|(i, v)| {
                v.as_object().map(|obj| Raw {
                    path: format!("$.Statement[{i}]"),
                    obj,
                })
            })
            .collect(),
        Some(Value::Object(obj)) => vec![Raw {
            path: "$.Statement".into(),
            obj,
        }],
        _ => Vec::new(),
    };

    if statements.is_empty() {
        out.warn(
            "$.Statement",
            "no statements: the policy grants nothing (as a session policy it leaves the credentials with no permissions)",
        );
        return;
    }

    // A document whose every statement names a Principal is a trust (or other resource-based)
    // policy; a Principal mixed into an identity or session policy is a mistake.
    let trust = !options.session && statements.iter().all(|s| s.obj.contains_key("Principal"));
    let mut sids = BTreeSet::new();
    for s in &statements {
        if let Some(sid) = s.obj.get("Sid").and_then(Value::as_str) {
            if !sids.insert(sid.to_string()) {
                out.warn(
                    format!("{}.Sid", s.path),
                    format!("Sid {sid:?} is used by an earlier statement too; Sids name statements and should be unique"),
                );
            }
        }
        if !trust && s.obj.contains_key("Principal") {
            out.warn(
                format!("{}.Principal", s.path),
                "Principal belongs in trust and bucket policies; in an identity or session policy the statement never applies to a request",
            );
        }
        check_statement(s, trust, out);
    }

    if !trust && !statements.iter().any(|s| s.is_allow()) {
        out.warn(
            "$.Statement",
            "no statement has \"Effect\": \"Allow\": the policy grants nothing on its own (as a session policy it leaves the credentials with no permissions)",
        );
    }
}

fn check_statement(s: &Raw, trust: bool, out: &mut Findings) {
    let actions = s.list("Action", "NotAction");
    if let Some((items, _)) = &actions {
        for (action, path) in items {
            check_action(action, path, out);
        }
    }
    // The services this statement's actions belong to, when it names them without wildcards in
    // the service part; `None` means "any service".
    let services: Option<BTreeSet<String>> = match &actions {
        Some((items, false)) => items
            .iter()
            .map(|(a, _)| match a.split_once(':') {
                Some((svc, _)) if !svc.contains(['*', '?']) => Some(svc.to_lowercase()),
                _ => None,
            })
            .collect(),
        _ => None,
    };

    let resources = s.list("Resource", "NotResource");
    let mut well_formed = true;
    if let Some((items, _)) = &resources {
        for (resource, path) in items {
            well_formed &= check_resource(resource, path, services.as_ref(), out);
        }
    }

    if let (Some((actions, false)), Some((resources, false)), false, true) =
        (&actions, &resources, trust, well_formed)
    {
        check_levels(actions, resources, out);
    }

    if let Some(Value::Object(conditions)) = s.obj.get("Condition") {
        let listing = match &actions {
            Some((items, false)) => items.iter().any(|(a, _)| {
                catalog::LISTING_ACTIONS
                    .iter()
                    .any(|l| wildcard_match(&a.to_lowercase(), &format!("oss:{l}").to_lowercase()))
            }),
            _ => true,
        };
        check_conditions(conditions, &format!("{}.Condition", s.path), listing, out);
    }
}

fn check_action(action: &str, path: &str, out: &mut Findings) {
    if action == "*" {
        return;
    }
    let Some((service, name)) = action.split_once(':') else {
        let hint = catalog::known_action(&format!("oss:{action}"))
            .or_else(|| catalog::known_action(&format!("sts:{action}")))
            .map(|a| format!(" such as {a:?}"))
            .unwrap_or_else(|| " such as \"oss:GetObject\"".into());
        out.error(
            path,
            format!("{action:?} is not an action: write service:Action{hint}"),
        );
        return;
    };
    if service.is_empty()
        || name.is_empty()
        || !service
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '*' || c == '?')
    {
        out.error(
            path,
            format!("{action:?} is not an action: write service:Action such as \"oss:GetObject\""),
        );
        return;
    }
    if !catalog::is_cataloged_service(service) {
        return;
    }
    let known = catalog::actions(service);
    let upper = service.to_uppercase();
    if action.contains(['*', '?']) {
        let pattern = action.to_lowercase();
        if !known
            .iter()
            .any(|k| wildcard_match(&pattern, &k.to_lowercase()))
        {
            out.warn(
                path,
                format!("{action:?} matches no {upper} action alicli knows, so it grants nothing"),
            );
        }
        return;
    }
    if catalog::known_action(action).is_some() {
        return;
    }
    if let Some(real) = catalog::operation_actions(action) {
        let list = real
            .iter()
            .map(|a| format!("{a:?}"))
            .collect::<Vec<_>>()
            .join(" and ");
        out.error(
            path,
            format!(
                "{action:?} is an API operation, not a RAM action: RAM authorizes it as {list}"
            ),
        );
        return;
    }
    match catalog::nearest(action, known.iter().map(String::as_str)) {
        Some(near) => out.error(
            path,
            format!("unknown {upper} action {action:?}: did you mean {near:?}?"),
        ),
        None => out.warn(
            path,
            format!(
                "{action:?} is not an {upper} action alicli knows; unless RAM added it recently it matches nothing"
            ),
        ),
    }
}

/// Checks one `Resource`/`NotResource` entry; false when it is malformed.
fn check_resource(
    resource: &str,
    path: &str,
    services: Option<&BTreeSet<String>>,
    out: &mut Findings,
) -> bool {
    const FORM: &str = "acs:<service>:<region>:<account>:<resource> or \"*\"";
    if resource == "*" {
        return true;
    }
    if let Some(rest) = resource.strip_prefix("oss://") {
        out.error(
            path,
            format!("{resource:?} is an oss:// URL; policies name OSS resources as ARNs: \"acs:oss:*:*:{rest}\""),
        );
        return false;
    }
    if !resource.starts_with("acs:") {
        let message = if resource.to_lowercase().starts_with("acs:") {
            format!("{resource:?}: resource ARNs begin with lower-case \"acs:\" and match case-sensitively")
        } else if resource.starts_with("arn:") {
            format!("{resource:?} is an AWS-style ARN; Alibaba Cloud resources are {FORM}")
        } else if looks_like_bucket_path(resource) {
            format!("{resource:?} is not a resource ARN: did you mean \"acs:oss:*:*:{resource}\"?")
        } else {
            format!("{resource:?} is not a resource ARN: expected {FORM}")
        };
        out.error(path, message);
        return false;
    }
    let parts: Vec<&str> = resource.splitn(5, ':').collect();
    if parts.len() < 5 {
        // A wildcard last part (`acs:oss:*`) covers whatever the missing parts would say.
        if parts.last() == Some(&"*") {
            return true;
        }
        let hint = match parts.as_slice() {
            ["acs", "oss", _, last] => format!(": did you mean \"acs:oss:*:*:{last}\"?"),
            _ => String::new(),
        };
        out.error(
            path,
            format!(
                "{resource:?} has {} of the 5 parts of {FORM}{hint}",
                parts.len()
            ),
        );
        return false;
    }
    let (service, account, relative) = (parts[1], parts[3], parts[4]);
    if service.chars().any(|c| c.is_ascii_uppercase()) {
        out.warn(
            path,
            format!("service {service:?}: resources match case-sensitively and services are lower-case (\"{}\")", service.to_lowercase()),
        );
    }
    if !account.is_empty()
        && !account
            .chars()
            .all(|c| c.is_ascii_digit() || c == '*' || c == '?')
    {
        out.warn(
            path,
            format!("account {account:?} should be an account id (digits) or *"),
        );
    }
    // Only for services whose resources alicli knows: STS authorizes AssumeRole on a RAM role.
    let resource_services = |svc: &str| match svc {
        "oss" => Some(&["oss"][..]),
        "sts" => Some(&["sts", "ram"][..]),
        _ => None,
    };
    let accepted: Option<Vec<&str>> = services.and_then(|set| {
        set.iter()
            .map(|s| resource_services(s))
            .collect::<Option<Vec<_>>>()
            .map(|lists| lists.concat())
    });
    if let (Some(services), Some(accepted)) = (services, accepted) {
        if !service.contains(['*', '?']) && !accepted.contains(&service.to_lowercase().as_str()) {
            let list = services.iter().cloned().collect::<Vec<_>>().join(", ");
            out.warn(
                path,
                format!("an {service} resource, but the statement's actions are {list} actions: it never matches"),
            );
        }
    }
    if service == "oss" {
        check_oss_resource(resource, relative, path, out);
    }
    true
}

fn looks_like_bucket_path(text: &str) -> bool {
    let bucket = text.split('/').next().unwrap_or_default();
    check_bucket(bucket.trim_end_matches('*')).is_ok()
}

fn check_oss_resource(resource: &str, relative: &str, path: &str, out: &mut Findings) {
    let base = &resource[..resource.len() - relative.len()];
    if relative.is_empty() {
        out.error(
            path,
            format!("{resource:?} names no bucket: write {base}<bucket> for a bucket or {base}<bucket>/* for its objects"),
        );
        return;
    }
    let (bucket, key) = match relative.split_once('/') {
        Some((b, k)) => (b, Some(k)),
        None => (relative, None),
    };
    if !bucket.contains(['*', '?']) {
        if let Err(why) = check_bucket(bucket) {
            out.warn(
                path,
                format!("bucket {bucket:?}: {why}, so this never matches a real bucket"),
            );
        }
    }
    match key {
        None => {
            let stem = bucket.trim_end_matches('*');
            if bucket.ends_with('*') && !stem.is_empty() && !stem.contains(['*', '?']) {
                out.warn(
                    path,
                    format!("{resource:?} also matches every bucket whose name starts with {stem:?} (and all their objects); to mean one bucket list {base}{stem} and {base}{stem}/*"),
                );
            }
        }
        Some("") => out.warn(
            path,
            format!("{resource:?} matches only an object with an empty key, which cannot exist; the bucket is {base}{bucket}, its objects {base}{bucket}/*"),
        ),
        Some(key) if key.ends_with('/') => out.warn(
            path,
            format!("{resource:?} matches only the object named exactly {key:?} (a folder marker), not the keys under it: write {resource}*"),
        ),
        Some(key) => {
            let last = key.rsplit('/').next().unwrap_or(key);
            let stem = last.trim_end_matches('*');
            let word = !stem.is_empty()
                && stem.len() < last.len()
                && stem
                    .chars()
                    .all(|c| c.is_alphanumeric() || c == '_');
            if word {
                let folder = &resource[..resource.len() - (last.len() - stem.len())];
                out.warn(
                    path,
                    format!("{resource:?} also matches keys beside the folder {stem}/, such as {stem}-old/… and {stem}0.jpg; for that folder only write {folder}/*"),
                );
            }
        }
    }
}

/// What kinds of OSS resource a pattern can match, or `None` when it is not about OSS.
fn oss_scope(resource: &str) -> Option<(bool, bool)> {
    if resource == "*" {
        return Some((true, true));
    }
    let parts: Vec<&str> = resource.splitn(5, ':').collect();
    if parts.len() < 5 {
        // Only a trailing wildcard gets here (see `check_resource`).
        return wildcard_match(resource, "acs:oss:x:1:b/k").then_some((true, true));
    }
    if !wildcard_match(parts[1], "oss") {
        return None;
    }
    let relative = parts[4];
    // `*` can be empty, so a pattern can match a bucket (which has no '/') unless a literal '/'
    // remains; it can match an object when it has a '/' or a `*` to absorb "/key".
    let bucket = !relative.replace('*', "").contains('/');
    let object = relative.contains('/') || relative.contains('*');
    Some((bucket, object))
}

/// The commonest OSS grant mistake: listing (and other bucket operations) is authorized on the
/// bucket itself, object operations on `bucket/key`; a statement must name the right kind.
fn check_levels(actions: &[(String, String)], resources: &[(String, String)], out: &mut Findings) {
    let scopes: Vec<(bool, bool)> = resources.iter().filter_map(|(r, _)| oss_scope(r)).collect();
    if scopes.is_empty() {
        return;
    }
    let any_bucket = scopes.iter().any(|s| s.0);
    let any_object = scopes.iter().any(|s| s.1);
    let example = resources
        .iter()
        .find_map(|(r, _)| {
            let parts: Vec<&str> = r.splitn(5, ':').collect();
            let bucket = parts.get(4)?.split('/').next()?;
            (!bucket.contains(['*', '?'])).then(|| (parts[..4].join(":"), bucket.to_string()))
        })
        .unwrap_or_else(|| ("acs:oss:*:*".into(), "<bucket>".into()));
    let (base, bucket) = (&example.0, &example.1);
    for (action, path) in actions {
        let lower = action.to_lowercase();
        if action.contains(['*', '?']) {
            // `oss:List*` and the like aim at listing; `oss:*` is a deliberate everything.
            let lists = wildcard_match(&lower, "oss:listobjects");
            if lists && !wildcard_match(&lower, "oss:getobject") && !any_bucket {
                out.warn(
                    path,
                    format!("{action:?} includes oss:ListObjects, which is authorized on the bucket ({base}:{bucket}), and none of this statement's resources match a bucket: listing is not covered (limit it with an oss:Prefix condition instead)"),
                );
            }
            continue;
        }
        let Some(known) = catalog::known_action(action) else {
            continue;
        };
        match catalog::oss_level(&known) {
            Some(Level::Bucket) if !any_bucket => {
                let extra = if catalog::LISTING_ACTIONS
                    .iter()
                    .any(|l| known.eq_ignore_ascii_case(&format!("oss:{l}")))
                {
                    " (to limit listing to a folder, add a StringLike condition on oss:Prefix)"
                } else {
                    ""
                };
                out.warn(
                    path,
                    format!("{known} is authorized on the bucket ({base}:{bucket}), not on objects, and none of this statement's resources match a bucket: it never applies{extra}"),
                );
            }
            Some(Level::Object) if !any_object => out.warn(
                path,
                format!("{known} is authorized on objects ({base}:{bucket}/<key>), and this statement's resources name only buckets: it never applies; add {base}:{bucket}/*"),
            ),
            _ => {}
        }
    }
}

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

fn check_conditions(
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
        KeyType::Date => crate::condition::parse_date(value).is_some(),
        KeyType::Bool => crate::condition::parse_bool(value).is_some(),
        KeyType::Number => crate::condition::parse_number(value).is_some(),
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

    const DOCS: &str = r#"{"Version":"1", "Statement": [{"Effect":"Allow", "Action":"oss:GetObject", "Resource":"acs:oss:*:*:sample-bucket/2015/01/01/*.jpg"}]}"#;

    fn stmt(body: &str) -> String {
        format!(r#"{{"Version":"1","Statement":[{body}]}}"#)
    }

    fn findings(text: &str) -> Vec<(Severity, String, String)> {
        check(text, CheckOptions::default())
            .findings
            .into_iter()
            .map(|f| (f.severity, f.path, f.message))
            .collect()
    }

    /// Asserts exactly one finding, with this severity, path and message fragment.
    fn one(text: &str, severity: Severity, path: &str, fragment: &str) {
        let got = findings(text);
        assert_eq!(got.len(), 1, "{text}: {got:#?}");
        assert_eq!(got[0].0, severity, "{text}: {got:#?}");
        assert_eq!(got[0].1, path, "{text}: {got:#?}");
        assert!(got[0].2.contains(fragment), "{text}: {got:#?}");
    }

    #[test]
    fn clean_policies_have_no_findings() {
        for text in [
            DOCS,
            r#"{"Version":"1","Statement":[{"Effect":"Allow","Action":["oss:Get*","oss:List*"],"Resource":"*"}]}"#,
            r#"{"Version":"1","Statement":[{"Effect":"Allow","Action":"oss:*","Resource":["acs:oss:*:*:myphotos","acs:oss:*:*:myphotos/*"]}]}"#,
            r#"{"Version":"1","Statement":[{"Effect":"Allow","Action":"oss:ListObjects","Resource":"acs:oss:*:1234567890123456:sample-bucket","Condition":{"StringLike":{"oss:Prefix":"2015/*"}}}]}"#,
            r#"{"Version":"1","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole","Resource":"acs:ram::1234567890123456:role/oss-readonly"}]}"#,
            r#"{"Version":"1","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole","Principal":{"RAM":["acs:ram::1234567890123456:root"]}}]}"#,
            r#"{"Version":"1","Statement":[{"Effect":"Allow","Action":"ecs:Describe*","Resource":"acs:ecs:cn-hangzhou:*:instance/*"},
                {"Effect":"Deny","Action":"*","Resource":"*","Condition":{"NotIpAddress":{"acs:SourceIp":"10.0.0.0/8"},"Bool":{"acs:SecureTransport":"true"},"DateLessThan":{"acs:CurrentTime":"2030-01-01T00:00:00Z"}}}]}"#,
        ] {
            assert_eq!(findings(text), vec![], "{text}");
        }
    }

    #[test]
    fn parse_errors_are_findings() {
        one(
            r#"{"Version":"1","Statement":[{"Effect":"allow","Action":"*","Resource":"*"}]}"#,
            Severity::Error,
            "$.Statement[0].Effect",
            "case-sensitive",
        );
        let report = check("{", CheckOptions::default());
        assert!(report.has_errors());
        assert!(report.policy.is_none());
    }

    #[test]
    fn actions() {
        one(
            &stmt(
                r#"{"Effect":"Allow","Action":["oss:GetObject","oss:GetObjects"],"Resource":"acs:oss:*:*:bkt/*"}"#,
            ),
            Severity::Error,
            "$.Statement[0].Action[1]",
            "did you mean \"oss:GetObject\"?",
        );
        one(
            &stmt(r#"{"Effect":"Allow","Action":"oss:HeadObject","Resource":"acs:oss:*:*:bkt/*"}"#),
            Severity::Error,
            "$.Statement[0].Action",
            "RAM authorizes it as \"oss:GetObject\"",
        );
        one(
            &stmt(r#"{"Effect":"Allow","Action":"oss:CopyObject","Resource":"acs:oss:*:*:bkt/*"}"#),
            Severity::Error,
            "$.Statement[0].Action",
            "\"oss:GetObject\" and \"oss:PutObject\"",
        );
        one(
            &stmt(r#"{"Effect":"Allow","Action":"GetObject","Resource":"*"}"#),
            Severity::Error,
            "$.Statement[0].Action",
            "such as \"oss:GetObject\"",
        );
        one(
            &stmt(r#"{"Effect":"Allow","Action":"oss:Frobnicate","Resource":"*"}"#),
            Severity::Warning,
            "$.Statement[0].Action",
            "not an OSS action alicli knows",
        );
        one(
            &stmt(r#"{"Effect":"Allow","Action":"oss:Gett*","Resource":"*"}"#),
            Severity::Warning,
            "$.Statement[0].Action",
            "matches no OSS action",
        );
        one(
            &stmt(r#"{"Effect":"Allow","Action":"sts:AssumeRoles","Resource":"*"}"#),
            Severity::Error,
            "$.Statement[0].Action",
            "did you mean \"sts:AssumeRole\"?",
        );
        one(
            &stmt(r#"{"Effect":"Allow","NotAction":"oss:DeleteObjekt","Resource":"*"}"#),
            Severity::Error,
            "$.Statement[0].NotAction",
            "oss:DeleteObject",
        );
        // Case differs from the documented spelling: RAM matches actions case-insensitively.
        assert_eq!(
            findings(&stmt(
                r#"{"Effect":"Allow","Action":"OSS:getobject","Resource":"*"}"#
            )),
            vec![]
        );
        // Services alicli has no list for are not second-guessed.
        assert_eq!(
            findings(&stmt(
                r#"{"Effect":"Allow","Action":"ecs:Frobnicate","Resource":"*"}"#
            )),
            vec![]
        );
    }

    #[test]
    fn resource_forms() {
        one(
            &stmt(r#"{"Effect":"Allow","Action":"oss:GetObject","Resource":"oss://bkt/k/*"}"#),
            Severity::Error,
            "$.Statement[0].Resource",
            "\"acs:oss:*:*:bkt/k/*\"",
        );
        one(
            &stmt(r#"{"Effect":"Allow","Action":"oss:GetObject","Resource":"sample-bucket/*"}"#),
            Severity::Error,
            "$.Statement[0].Resource",
            "did you mean \"acs:oss:*:*:sample-bucket/*\"?",
        );
        one(
            &stmt(
                r#"{"Effect":"Allow","Action":"oss:GetObject","Resource":"acs:oss:*:sample-bucket/*"}"#,
            ),
            Severity::Error,
            "$.Statement[0].Resource",
            "did you mean \"acs:oss:*:*:sample-bucket/*\"?",
        );
        one(
            &stmt(
                r#"{"Effect":"Allow","Action":"oss:GetObject","Resource":["acs:oss:*:*:bkt/*","ACS:oss:*:*:bk2/*"]}"#,
            ),
            Severity::Error,
            "$.Statement[0].Resource[1]",
            "lower-case \"acs:\"",
        );
        one(
            &stmt(r#"{"Effect":"Allow","Action":"oss:GetObject","Resource":"arn:aws:s3:::bkt/*"}"#),
            Severity::Error,
            "$.Statement[0].Resource",
            "AWS-style",
        );
        one(
            &stmt(
                r#"{"Effect":"Allow","Action":"oss:GetObject","Resource":"acs:oss:*:myaccount:bkt/*"}"#,
            ),
            Severity::Warning,
            "$.Statement[0].Resource",
            "account id",
        );
        one(
            &stmt(
                r#"{"Effect":"Allow","Action":"oss:GetObject","Resource":"acs:oss:*:*:Sample-Bucket/*"}"#,
            ),
            Severity::Warning,
            "$.Statement[0].Resource",
            "never matches a real bucket",
        );
        one(
            &stmt(
                r#"{"Effect":"Allow","Action":"oss:GetObject","Resource":"acs:ecs:*:*:instance/*"}"#,
            ),
            Severity::Warning,
            "$.Statement[0].Resource",
            "never matches",
        );
        one(
            &stmt(
                r#"{"Effect":"Allow","Action":"oss:GetObject","Resource":"acs:oss:*:*:bkt/2015/"}"#,
            ),
            Severity::Warning,
            "$.Statement[0].Resource",
            "write acs:oss:*:*:bkt/2015/*",
        );
        one(
            &stmt(
                r#"{"Effect":"Allow","Action":"oss:GetObject","Resource":"acs:oss:*:*:bkt/2015*"}"#,
            ),
            Severity::Warning,
            "$.Statement[0].Resource",
            "write acs:oss:*:*:bkt/2015/*",
        );
        one(
            &stmt(r#"{"Effect":"Allow","Action":"oss:*","Resource":"acs:oss:*:*:bkt*"}"#),
            Severity::Warning,
            "$.Statement[0].Resource",
            "every bucket whose name starts with \"bkt\"",
        );
        // Deliberate prefixes are left alone: `photo-*`, `*.jpg`, `2015/*`.
        for r in [
            "acs:oss:*:*:bkt/photo-*",
            "acs:oss:*:*:bkt/2015/*.jpg",
            "acs:oss:*:*:bkt/2015/*",
            "acs:oss:*",
        ] {
            let text = stmt(&format!(
                r#"{{"Effect":"Allow","Action":"oss:GetObject","Resource":"{r}"}}"#
            ));
            assert_eq!(findings(&text), vec![], "{r}");
        }
    }

    #[test]
    fn listing_needs_the_bucket() {
        one(
            &stmt(
                r#"{"Effect":"Allow","Action":["oss:GetObject","oss:ListObjects"],"Resource":"acs:oss:*:*:sample-bucket/*"}"#,
            ),
            Severity::Warning,
            "$.Statement[0].Action[1]",
            "authorized on the bucket (acs:oss:*:*:sample-bucket)",
        );
        one(
            &stmt(
                r#"{"Effect":"Allow","Action":["oss:List*"],"Resource":"acs:oss:*:*:sample-bucket/2015/*"}"#,
            ),
            Severity::Warning,
            "$.Statement[0].Action[0]",
            "includes oss:ListObjects",
        );
        one(
            &stmt(
                r#"{"Effect":"Allow","Action":"oss:GetObject","Resource":"acs:oss:*:*:sample-bucket"}"#,
            ),
            Severity::Warning,
            "$.Statement[0].Action",
            "add acs:oss:*:*:sample-bucket/*",
        );
        // Both forms listed: fine. NotResource: no opinion.
        assert_eq!(
            findings(&stmt(
                r#"{"Effect":"Allow","Action":["oss:GetObject","oss:ListObjects"],"Resource":["acs:oss:*:*:bkt","acs:oss:*:*:bkt/*"]}"#
            )),
            vec![]
        );
        assert_eq!(
            findings(&stmt(
                r#"{"Effect":"Allow","Action":"oss:ListObjects","NotResource":"acs:oss:*:*:bkt/*"}"#
            )),
            vec![]
        );
    }

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
    fn document_level() {
        one(
            r#"{"Version":"1","Statement":[]}"#,
            Severity::Warning,
            "$.Statement",
            "grants nothing",
        );
        one(
            &stmt(r#"{"Effect":"Deny","Action":"oss:DeleteObject","Resource":"*"}"#),
            Severity::Warning,
            "$.Statement",
            "no statement has \"Effect\": \"Allow\"",
        );
        one(
            &stmt(
                r#"{"Sid":"a","Effect":"Allow","Action":"oss:GetObject","Resource":"*"},{"Sid":"a","Effect":"Allow","Action":"oss:PutObject","Resource":"*"}"#,
            ),
            Severity::Warning,
            "$.Statement[1].Sid",
            "unique",
        );
        one(
            &stmt(
                r#"{"Effect":"Allow","Action":"oss:GetObject","Resource":"*"},{"Effect":"Allow","Action":"sts:AssumeRole","Principal":"*"}"#,
            ),
            Severity::Warning,
            "$.Statement[1].Principal",
            "trust",
        );
        let single = r#"{"Version":"1","Statement":{"Effect":"Allow","Action":"oss:GetObjects","Resource":"*"}}"#;
        one(
            single,
            Severity::Error,
            "$.Statement.Action",
            "oss:GetObject",
        );
    }

    #[test]
    fn lengths() {
        let padded = format!(
            r#"{{"Version":"1","Statement":[{{"Effect":"Allow","Action":"oss:GetObject","Resource":"acs:oss:*:*:bkt/*"}}{}]}}"#,
            " ".repeat(2100)
        );
        let session = check(&padded, CheckOptions { session: true });
        assert_eq!(session.count(Severity::Error), 1, "{:?}", session.findings);
        assert!(session.findings[0]
            .message
            .contains("without whitespace: remove it"));
        assert_eq!(session.findings[0].path, "$");
        let identity = check(&padded, CheckOptions::default());
        assert!(!identity.has_errors());
        assert_eq!(identity.count(Severity::Warning), 1);
        assert!(check(&"x".repeat(7000), CheckOptions::default())
            .findings
            .iter()
            .any(|f| f.message.contains("6144")));
        // Surrounding whitespace (a file's final newline) is not part of the policy.
        assert_eq!(
            check(&format!("{DOCS}\n\n"), CheckOptions { session: true }).chars,
            DOCS.chars().count()
        );
    }

    #[test]
    fn odd_input_does_not_panic() {
        for r in [
            "acs:",
            "acs:oss",
            "acs:oss:*:*:",
            "acs:oss:*:*:/",
            "acs:oss:*:*:é/ü*",
            "acs:oss:*:*:bkt/é*",
            "acs:oss:*:*:**",
            "acs:oss:*:*:bkt/*/",
            "acs:oss:é:é:é",
            "*:*",
            "",
            "oss://",
        ] {
            for action in ["oss:ListObjects", "oss:GetObject", "é:é", ":", "oss:", "*"] {
                let text = serde_json::json!({"Version":"1","Statement":[{"Effect":"Allow","Action":action,"Resource":r,"Condition":{"StringEquals":{"é":"*"},"IpAddress":{"acs:SourceIp":"::/0"}}}]}).to_string();
                let _ = check(&text, CheckOptions { session: true });
            }
        }
    }

    #[test]
    fn errors_sort_before_warnings() {
        let text = stmt(
            r#"{"Effect":"Allow","Action":["oss:Frobnicate","oss:GetObjects"],"Resource":"*"}"#,
        );
        let report = check(&text, CheckOptions::default());
        let severities: Vec<Severity> = report.findings.iter().map(|f| f.severity).collect();
        assert_eq!(severities, vec![Severity::Error, Severity::Warning]);
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
