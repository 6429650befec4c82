//! `policy check`'s engine: validates a policy document the way RAM would (through
//! [`Policy::parse`]) and then looks for the mistakes that parse fine but fail later as
//! "AccessDenied": misspelled OSS/STS actions, API operation names used as actions, resources that
//! are not `acs:` ARNs, listing granted on `bucket/*` instead of the bucket, `bucket/2015*` where
//! `bucket/2015/*` was meant, conditions whose operator cannot compare their key, and session
//! policies over STS's length limit. Every finding carries the JSON path of what it is about.
//!
//! This file holds the report types, the document- and statement-level checks and the length
//! limits; the checks of one element live beside it: `actions` (names against the catalogue),
//! `resources` (ARN forms, OSS bucket/object resources, bucket- vs object-level grants) and
//! `conditions` (operators against key types, context values).

use std::collections::BTreeSet;

use serde_json::{Map, Value};

use crate::catalog;
use crate::{wildcard_match, Policy, SESSION_POLICY_MAX_CHARS};

mod actions;
mod conditions;
mod resources;

pub use conditions::context_value_problem;

use actions::check_action;
use conditions::check_conditions;
use resources::{check_levels, check_resource};

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

#[cfg(test)]
mod tests {
    use super::*;

    const DOCS: &str = r#"{"Version":"1", "Statement": [{"Effect":"Allow", "Action":"oss:GetObject", "Resource":"acs:oss:*:*:sample-bucket/2015/01/01/*.jpg"}]}"#;

    // The helpers below are shared with the tests of `actions`, `resources` and `conditions`,
    // which check their findings through the whole of `check` as a user would meet them.

    pub(super) fn stmt(body: &str) -> String {
        format!(r#"{{"Version":"1","Statement":[{body}]}}"#)
    }

    pub(super) fn findings(text: &str) -> Vec<(Severity, String, String)> {
        check(text, CheckOptions::default())
            .findings
            .into_iter()
            .map(|f| (f.severity, f.path, f.message))
            .collect()
    }

    /// Asserts exactly one finding, with this severity, path and message fragment.
    pub(super) fn one(text: &str, severity: Severity, path: &str, fragment: &str) {
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
}
