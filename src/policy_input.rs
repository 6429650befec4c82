//! Policies the user gives alicli: read from a file, `-` (stdin), the JSON itself, or the name
//! of a system policy (`AliyunOSSReadOnlyAccess`…), and the rule an inline session policy must
//! pass before any AssumeRole is sent, whether it comes from `sts assume-role --policy` or from a
//! role profile about to renew.

use anyhow::Result;

use crate::error::UsageError;
use alicli_policy::lint::{self, Finding, Report};

/// A policy document and what to call it in messages.
#[derive(Debug, Clone)]
pub struct PolicyInput {
    /// The file name, `stdin`, `inline`, or the system policy's name.
    pub label: String,
    pub text: String,
}

/// Reads policy arguments in order. `-` is stdin (once); text starting with `{` is the JSON
/// itself; `@FILE` (as `sts assume-role --policy` takes it) and plain paths are files; a name
/// such as `AliyunOSSReadOnlyAccess` is that system policy. A path that exists wins over a
/// system policy of the same name.
pub fn read_inputs(args: &[String]) -> Result<Vec<PolicyInput>> {
    let mut stdin_used = false;
    let inline_count = args
        .iter()
        .filter(|a| a.trim_start().starts_with('{'))
        .count();
    let mut inline_seen = 0;
    let mut out = Vec::new();
    for arg in args {
        let input = if arg == "-" {
            if stdin_used {
                return Err(UsageError("stdin (-) can be given only once".into()).into());
            }
            stdin_used = true;
            let bytes =
                crate::local_files::read_limited(std::io::stdin().lock(), POLICY_FILE_LIMIT)
                    .map_err(|e| UsageError(format!("cannot read the policy from stdin: {e}")))?;
            let text = String::from_utf8(bytes)
                .map_err(|_| UsageError("the policy on stdin is not UTF-8 text".into()))?;
            PolicyInput {
                label: "stdin".into(),
                text,
            }
        } else if arg.trim_start().starts_with('{') {
            inline_seen += 1;
            PolicyInput {
                label: if inline_count > 1 {
                    format!("inline #{inline_seen}")
                } else {
                    "inline".into()
                },
                text: arg.clone(),
            }
        } else {
            let path = arg.strip_prefix('@').unwrap_or(arg);
            match (
                std::path::Path::new(path).exists(),
                alicli_policy::system_policy(arg),
            ) {
                (false, Some(doc)) => PolicyInput {
                    label: arg.clone(),
                    text: doc.to_string(),
                },
                _ => PolicyInput {
                    label: path.to_string(),
                    text: read_file(path)?,
                },
            }
        };
        out.push(input);
    }
    Ok(out)
}

/// The largest policy file read. RAM takes at most 6144 characters in a policy (2048 in a
/// session policy); the margin leaves room for indentation, and stops `@/dev/zero`.
pub const POLICY_FILE_LIMIT: usize = 64 * 1024;

/// A policy file's text: at most [`POLICY_FILE_LIMIT`] bytes of UTF-8 (a pipe, such as
/// `<(jq …)`, is fine).
pub fn read_file(path: &str) -> Result<String> {
    crate::local_files::read_text(
        std::path::Path::new(path),
        POLICY_FILE_LIMIT,
        crate::local_files::Accept::AlsoPipes,
    )
    .map_err(|e| {
        let how = match &e {
            crate::local_files::ReadError::Io(io) if io.kind() == std::io::ErrorKind::NotFound => {
                " (give a file, - for stdin, the JSON itself, or a system policy name such as AliyunOSSReadOnlyAccess)"
            }
            _ => "",
        };
        UsageError(format!("cannot read policy file {path}: {e}{how}")).into()
    })
}

/// One finding as a line: `label: severity: $.path: message`, the shape compilers use so editors
/// and `grep` can pick it up.
pub fn finding_line(label: &str, finding: &Finding) -> String {
    format!("{label}: {}: {finding}", finding.severity.as_str())
}

/// Prints every finding of a policy used by eval or assume-role as a warning: those commands
/// still run, but the operator should know.
pub fn warn_findings(label: &str, report: &Report) {
    for f in &report.findings {
        crate::terminal::output::warn(&format!("{label}: {f}"));
    }
}

/// Why a session policy is refused before it is sent.
#[derive(Debug)]
pub enum SessionPolicyProblem {
    NotJson(String),
    TooLong(usize),
    /// The first error `policy check --session` finds, and how many more there are.
    Refused(String, usize),
}

impl std::fmt::Display for SessionPolicyProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SessionPolicyProblem::NotJson(e) => write!(f, "the policy is not valid JSON: {e}"),
            SessionPolicyProblem::TooLong(chars) => write!(
                f,
                "the policy is {chars} characters; STS accepts at most {}",
                alicli_policy::SESSION_POLICY_MAX_CHARS
            ),
            SessionPolicyProblem::Refused(first, more) => {
                let more = match more {
                    0 => String::new(),
                    n => format!(" (and {n} more errors)"),
                };
                write!(f, "the policy is refused by policy check: {first}{more}; see `alicli policy check --session`")
            }
        }
    }
}

/// An inline session policy as STS takes it: JSON, at most 2048 characters (whitespace counts,
/// as STS counts it), and passing `policy check --session`. Returns the lint report, whose
/// warnings the caller prints.
pub fn check_session_policy(text: &str) -> std::result::Result<Report, SessionPolicyProblem> {
    if let Err(e) = serde_json::from_str::<serde_json::Value>(text) {
        return Err(SessionPolicyProblem::NotJson(e.to_string()));
    }
    let chars = text.chars().count();
    if chars > alicli_policy::SESSION_POLICY_MAX_CHARS {
        return Err(SessionPolicyProblem::TooLong(chars));
    }
    let report = lint::check(text, lint::CheckOptions { session: true });
    let mut errors = report
        .findings
        .iter()
        .filter(|f| f.severity == lint::Severity::Error);
    if let Some(first) = errors.next() {
        return Err(SessionPolicyProblem::Refused(
            first.to_string(),
            errors.count(),
        ));
    }
    Ok(report)
}

/// `--policy JSON|@FILE` of `sts assume-role` (and `configure set policy`): the text as sent,
/// checked by [`check_session_policy`]; its errors refuse the call before anything is sent,
/// its warnings are printed.
pub fn read_session_policy(value: &str) -> Result<String> {
    let text = match value.strip_prefix('@') {
        Some(path) => read_file(path)?,
        None => value.to_string(),
    };
    let text = text.trim().to_string();
    match check_session_policy(&text) {
        Ok(report) => warn_findings("policy", &report),
        Err(p @ SessionPolicyProblem::NotJson(_)) => {
            return Err(UsageError(format!("{p} (pass the JSON itself or @FILE)")).into())
        }
        Err(p @ SessionPolicyProblem::TooLong(_)) => {
            return Err(UsageError(format!("{p} (remove whitespace or split the grant)")).into())
        }
        Err(p) => return Err(UsageError(p.to_string()).into()),
    }
    Ok(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn policies() {
        assert!(read_session_policy(r#"{"Version":"1","Statement":[]}"#).is_ok());
        assert!(read_session_policy("{not json")
            .unwrap_err()
            .to_string()
            .contains("not valid JSON"));
        let long = format!(
            r#"{{"Version":"1","Statement":[],"x":"{}"}}"#,
            "a".repeat(2100)
        );
        assert!(read_session_policy(&long)
            .unwrap_err()
            .to_string()
            .contains("at most 2048"));
        assert!(read_session_policy("@/nonexistent/policy.json")
            .unwrap_err()
            .to_string()
            .contains("cannot read policy file"));
    }

    #[test]
    fn policies_are_checked_as_session_policies() {
        let typo = r#"{"Version":"1","Statement":[{"Effect":"Allow","Action":"oss:GetObjects","Resource":"acs:oss:*:*:sample-bucket/*"}]}"#;
        let err = read_session_policy(typo).unwrap_err();
        assert_eq!(
            crate::error::exit_for(&err),
            crate::error::Exit::Usage,
            "{err}"
        );
        let text = err.to_string();
        assert!(text.contains("$.Statement[0].Action"), "{text}");
        assert!(text.contains("did you mean \"oss:GetObject\""), "{text}");
        assert!(!text.contains('\n'), "one line: {text}");
        let two = r#"{"Version":"1","Statement":[{"Effect":"Allow","Action":["oss:GetObjects","oss:PutObjekt"],"Resource":"*"}]}"#;
        assert!(read_session_policy(two)
            .unwrap_err()
            .to_string()
            .contains("(and 1 more errors)"));
        // Warnings alone do not refuse it.
        let warned = r#"{"Version":"1","Statement":[{"Effect":"Allow","Action":"oss:ListObjects","Resource":"acs:oss:*:*:sample-bucket/*"}]}"#;
        assert!(read_session_policy(warned).is_ok());
    }
}
