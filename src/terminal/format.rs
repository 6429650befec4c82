//! The formats scripts read, written the same way by every command: JSON indented as the
//! Alibaba Cloud docs show it, and values quoted for POSIX shells.

use std::io::Write;

use anyhow::Result;

/// JSON indented by 4, the way the docs show AssumeRole's answer.
pub fn pretty_json<T: serde::Serialize>(value: &T) -> Result<String> {
    let mut out = Vec::new();
    let formatter = serde_json::ser::PrettyFormatter::with_indent(b"    ");
    let mut ser = serde_json::Serializer::with_formatter(&mut out, formatter);
    value.serialize(&mut ser)?;
    out.write_all(b"\n")?;
    Ok(String::from_utf8(out)?)
}

/// Single-quoted for POSIX shells: nothing inside is expanded.
pub fn shell_quote(value: &str) -> String {
    format!("'{}'", value.replace('\'', r"'\''"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_is_indented_by_four_and_ends_with_a_line_break() {
        let text = pretty_json(&serde_json::json!({"A": {"B": 1}})).unwrap();
        assert_eq!(text, "{\n    \"A\": {\n        \"B\": 1\n    }\n}\n");
    }

    #[test]
    fn shell_quoting_expands_nothing() {
        assert_eq!(shell_quote("a'b $HOME"), "'a'\\''b $HOME'");
        let out = std::process::Command::new("sh")
            .arg("-c")
            .arg(format!("printf %s {}", shell_quote("it's $(id) `x` \\n")))
            .output()
            .unwrap();
        assert_eq!(String::from_utf8_lossy(&out.stdout), "it's $(id) `x` \\n");
    }

    #[test]
    fn quoting_survives_quotes() {
        assert_eq!(shell_quote("a'b"), r"'a'\''b'");
    }
}
