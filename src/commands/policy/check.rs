//! `alicli policy check FILE|-|JSON…`: validate RAM policy documents before they are used and
//! list errors (RAM or STS would refuse it, or part of it can never match) and warnings (valid,
//! but probably not what was meant), each with the JSON path it is about. Exit 0 when no policy
//! has errors, 2 when one does; nothing is sent anywhere.

use anyhow::Result;
use clap::Args;
use serde_json::json;

use crate::error::UsageError;
use crate::policy_input::{finding_line, read_inputs};
use crate::terminal::render::{self, OutputFormat};
use alicli_policy::lint::{self, CheckOptions, Report, Severity};

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Policies to check: a file, - for stdin, the JSON itself, or a system policy name
    #[arg(value_name = "FILE|-|JSON", required = true)]
    pub policies: Vec<String>,
    /// Check as a session policy (the --policy of sts assume-role): over 2048 characters is an error
    #[arg(long)]
    pub session: bool,
}

/// Text (the default, and the global `--output text`): one line per finding,
/// `FILE: error|warning: $.path: message`, then a summary line; the other formats render a list
/// with one object per policy and its findings.
pub fn run(args: CheckArgs) -> Result<()> {
    let format = render::data_format(OutputFormat::Text)?;
    let inputs = read_inputs(&args.policies)?;
    let options = CheckOptions {
        session: args.session,
    };
    let reports: Vec<(String, Report)> = inputs
        .into_iter()
        .map(|input| {
            let report = lint::check(&input.text, options);
            (input.label, report)
        })
        .collect();

    if render::native(format, OutputFormat::Text) {
        let text: String = reports
            .iter()
            .map(|(label, report)| text_report(label, report))
            .collect();
        crate::write_stdout(text.as_bytes())?;
    } else {
        let list: Vec<serde_json::Value> = reports
            .iter()
            .map(|(label, report)| json_report(label, report))
            .collect();
        render::print(&list, format)?;
    }

    let failed: Vec<&str> = reports
        .iter()
        .filter(|(_, r)| r.has_errors())
        .map(|(label, _)| label.as_str())
        .collect();
    if failed.is_empty() {
        Ok(())
    } else {
        Err(UsageError(format!("policy check failed for {}", failed.join(", "))).into())
    }
}

fn plural(n: usize, word: &str) -> String {
    format!("{n} {word}{}", if n == 1 { "" } else { "s" })
}

fn text_report(label: &str, report: &Report) -> String {
    let mut out = String::new();
    for f in &report.findings {
        out.push_str(&finding_line(label, f));
        out.push('\n');
    }
    let (errors, warnings) = (
        report.count(Severity::Error),
        report.count(Severity::Warning),
    );
    let shape = match &report.policy {
        Some(p) => format!(
            "{}, {}",
            plural(p.statements().len(), "statement"),
            plural(report.chars, "character")
        ),
        None => plural(report.chars, "character"),
    };
    let verdict = if errors == 0 && warnings == 0 {
        "ok".to_string()
    } else {
        format!(
            "{}, {}",
            plural(errors, "error"),
            plural(warnings, "warning")
        )
    };
    out.push_str(&format!("{label}: {verdict} ({shape})\n"));
    out
}

fn json_report(label: &str, report: &Report) -> serde_json::Value {
    json!({
        "policy": label,
        "ok": !report.has_errors(),
        "characters": report.chars,
        "statements": report.policy.as_ref().map(|p| p.statements().len()),
        "errors": report.count(Severity::Error),
        "warnings": report.count(Severity::Warning),
        "findings": report.findings.iter().map(|f| json!({
            "severity": f.severity.as_str(),
            "path": f.path,
            "message": f.message,
        })).collect::<Vec<_>>(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_summary_lines() {
        let ok = lint::check(
            r#"{"Version":"1","Statement":[{"Effect":"Allow","Action":"oss:GetObject","Resource":"acs:oss:*:*:bkt/*"}]}"#,
            CheckOptions::default(),
        );
        assert_eq!(
            text_report("p.json", &ok),
            "p.json: ok (1 statement, 104 characters)\n"
        );
        let bad = lint::check(
            r#"{"Version":"1","Statement":[{"Effect":"Allow","Action":"oss:GetObjects","Resource":"*"}]}"#,
            CheckOptions::default(),
        );
        let text = text_report("p.json", &bad);
        assert!(
            text.starts_with("p.json: error: $.Statement[0].Action: unknown OSS action"),
            "{text}"
        );
        assert!(
            text.ends_with("p.json: 1 error, 0 warnings (1 statement, 89 characters)\n"),
            "{text}"
        );
        let broken = lint::check("{", CheckOptions::default());
        assert!(text_report("x", &broken).ends_with("x: 1 error, 0 warnings (1 character)\n"));
        let value = json_report("x", &broken);
        assert_eq!(value["ok"], false);
        assert_eq!(value["statements"], serde_json::Value::Null);
        assert_eq!(value["findings"][0]["path"], "$");
    }
}
