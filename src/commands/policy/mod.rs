//! `alicli policy …`: check a policy document, evaluate requests against policies offline, and
//! probe what a profile's credentials may really do; and what check and eval share: reading a
//! policy given as a file, `-` (stdin), the JSON itself, or the name of a system policy the local
//! cloud knows (`AliyunOSSReadOnlyAccess`…).

pub mod check;
pub mod eval;
pub mod probe;

use std::io::Read;

use anyhow::Result;

use crate::error::UsageError;
use crate::policy::lint::{Finding, Report};

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
            let mut text = String::new();
            std::io::stdin()
                .read_to_string(&mut text)
                .map_err(|e| UsageError(format!("cannot read the policy from stdin: {e}")))?;
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
                crate::emulator::system_policy(arg),
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

fn read_file(path: &str) -> Result<String> {
    let bytes = std::fs::read(path).map_err(|e| {
        let how = if e.kind() == std::io::ErrorKind::NotFound {
            " (give a file, - for stdin, the JSON itself, or a system policy name such as AliyunOSSReadOnlyAccess)"
        } else {
            ""
        };
        UsageError(format!("cannot read policy file {path}: {e}{how}"))
    })?;
    String::from_utf8(bytes)
        .map_err(|_| UsageError(format!("policy file {path} is not UTF-8 text")).into())
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
        crate::output::warn(&format!("{label}: {f}"));
    }
}
