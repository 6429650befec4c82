//! `alicli policy …`: check a policy document, evaluate requests against policies offline, and
//! probe what a profile's credentials may really do; and what check and eval share: reading a
//! policy given as a file, `-` (stdin), the JSON itself, or the name of a system policy the local
//! cloud knows (`AliyunOSSReadOnlyAccess`…).

pub mod check;
pub mod eval;
pub mod probe;

use anyhow::Result;

use crate::error::UsageError;
use alicli_policy::lint::{Finding, Report};

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
                alicli_localcloud::system_policy(arg),
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
