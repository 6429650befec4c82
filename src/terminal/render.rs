//! `--output` and `--query`: how every command that prints data prints it.
//!
//! A command builds its answer as JSON (the same document `--output json` prints), `--query`
//! picks from it with JMESPath, as the AWS CLI's `--query` does, and the chosen format renders
//! what is left:
//!
//! - `json`: indented by 4 as the Alibaba Cloud docs show answers; a stream of records
//!   (`ls`, `cp -r`…) is JSON Lines instead, one compact object a line.
//! - `yaml`: a YAML document; a stream gives one document per record (`---` between them).
//! - `text`: tab-separated, one record a line, no alignment, no colours, no header: stable for
//!   `cut -f` and `awk -F'\t'`. A scalar is printed as it is (a string without quotes); an
//!   array of scalars is one line; an array of objects is a line per object, its values in key
//!   order; an object of scalars is one line of its values; any other object is a `key<TAB>value`
//!   line per key. Nested values are compact JSON.
//! - `table`: aligned columns with a header, for people: an array of objects is a row each, an
//!   object is a `KEY VALUE` table, a scalar its own cell.
//!
//! When `--output` is not given, each command keeps its own form for people (the lines of
//! `oss ls`, the table of `policy eval`, the JSON of `sts assume-role`). The choice is made once
//! per run ([`configure`]), before any request: a query that does not parse is bad input.

use std::sync::OnceLock;

use anyhow::Result;
use clap::ValueEnum;
use serde_json::Value;

use crate::error::UsageError;

/// The formats of `--output`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OutputFormat {
    /// JSON (JSON Lines for commands that print a record per object)
    Json,
    /// Tab-separated values, one record a line, for cut and awk
    Text,
    /// Aligned columns for people
    Table,
    /// YAML
    Yaml,
    /// Shell `export` lines (sts assume-role, assume-role-with-oidc)
    Env,
}

impl OutputFormat {
    pub fn name(self) -> &'static str {
        match self {
            OutputFormat::Json => "json",
            OutputFormat::Text => "text",
            OutputFormat::Table => "table",
            OutputFormat::Yaml => "yaml",
            OutputFormat::Env => "env",
        }
    }
}

/// What the run's global flags asked for.
#[derive(Debug, Clone, Default)]
pub struct Choice {
    pub format: Option<OutputFormat>,
    /// The JMESPath expression, already checked to compile.
    pub query: Option<String>,
}

static CHOICE: OnceLock<Choice> = OnceLock::new();

/// Checks `--query` and records the choice for the run. A query that does not compile is bad
/// input (exit 2), found before any request.
pub fn configure(format: Option<OutputFormat>, query: Option<String>) -> Result<(), UsageError> {
    if let Some(q) = &query {
        compile(q)?;
    }
    let _ = CHOICE.set(Choice { format, query });
    Ok(())
}

/// The run's choice (nothing chosen when [`configure`] was not called, as in unit tests).
pub fn choice() -> Choice {
    CHOICE.get().cloned().unwrap_or_default()
}

fn compile(query: &str) -> Result<jmespath::Expression<'static>, UsageError> {
    jmespath::compile(query).map_err(|e| {
        let why = e.to_string();
        let why = why.lines().next().unwrap_or_default();
        UsageError(format!("invalid --query {query:?}: {why}"))
    })
}

/// `value` with the query applied (itself when there is none).
pub fn query(value: Value, query: Option<&str>) -> Result<Value> {
    match query {
        Some(q) => search(&compile(q)?, value),
        None => Ok(value),
    }
}

fn search(expression: &jmespath::Expression<'static>, value: Value) -> Result<Value> {
    let data = jmespath::Variable::from_serializable(&value)
        .map_err(|e| anyhow::anyhow!("cannot query the answer: {e}"))?;
    let found = expression.search(data).map_err(|e| {
        UsageError(format!(
            "--query {:?} cannot be applied: {e}",
            expression.as_str()
        ))
    })?;
    Ok(serde_json::to_value(&*found)?)
}

impl Choice {
    /// The format to print in: the one asked for, else the command's own default. A format
    /// the command does not print (`env` outside the credential commands) is bad input.
    pub fn format_or(
        &self,
        default: OutputFormat,
        allowed: &[OutputFormat],
    ) -> Result<OutputFormat> {
        let format = self.format.unwrap_or(default);
        if !allowed.contains(&format) {
            let names: Vec<&str> = allowed.iter().map(|f| f.name()).collect();
            return Err(UsageError(format!(
                "--output {} is not a format of this command: use {}",
                format.name(),
                names.join(", ")
            ))
            .into());
        }
        Ok(format)
    }

    /// The document `value`, queried and rendered.
    pub fn document(&self, value: Value, format: OutputFormat) -> Result<String> {
        let value = query(value, self.query.as_deref())?;
        render(&value, format)
    }
}

/// The format a data command prints in: `--output`, else `default`; checked before any request.
pub fn data_format(default: OutputFormat) -> Result<OutputFormat> {
    choice().format_or(default, DATA_FORMATS)
}

/// True when the command's own form for people should be printed: `format` is the one that
/// form stands for and no `--query` reshapes the answer.
pub fn native(format: OutputFormat, own: OutputFormat) -> bool {
    format == own && choice().query.is_none()
}

/// Prints the document `value` (queried) in `format` on stdout.
pub fn print(value: &impl serde::Serialize, format: OutputFormat) -> Result<()> {
    let text = choice().document(serde_json::to_value(value)?, format)?;
    crate::write_stdout(text.as_bytes())
}

/// The formats a data command prints (all but `env`).
pub const DATA_FORMATS: &[OutputFormat] = &[
    OutputFormat::Json,
    OutputFormat::Text,
    OutputFormat::Table,
    OutputFormat::Yaml,
];

/// One document in `format`, ending with a line break (nothing at all for `null` in text).
pub fn render(value: &Value, format: OutputFormat) -> Result<String> {
    Ok(match format {
        OutputFormat::Json | OutputFormat::Env => super::format::pretty_json(value)?,
        OutputFormat::Yaml => serde_yaml_ng::to_string(value)?,
        OutputFormat::Text => text(value),
        OutputFormat::Table => table(value),
    })
}

/// A scalar as text: strings without quotes, null as nothing, others as JSON.
fn cell(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        Value::Null => String::new(),
        other => other.to_string(),
    }
}

fn is_scalar(value: &Value) -> bool {
    !matches!(value, Value::Array(_) | Value::Object(_))
}

/// The values of a record, tab-separated. Tabs and line breaks inside a value would break the
/// record apart, so they are written as `\t`, `\n`, `\r`.
fn record(values: impl Iterator<Item = String>) -> String {
    let escaped: Vec<String> = values
        .map(|v| {
            v.replace('\\', "\\\\")
                .replace('\t', "\\t")
                .replace('\n', "\\n")
                .replace('\r', "\\r")
        })
        .collect();
    escaped.join("\t") + "\n"
}

fn text(value: &Value) -> String {
    match value {
        Value::Null => String::new(),
        Value::Array(items) if items.iter().all(is_scalar) => record(items.iter().map(cell)),
        Value::Array(items) => items.iter().map(text_line).collect(),
        Value::Object(map) if map.values().all(is_scalar) => record(map.values().map(cell)),
        Value::Object(map) => map
            .iter()
            .map(|(k, v)| record([k.clone(), cell(v)].into_iter()))
            .collect(),
        scalar => record(std::iter::once(cell(scalar))),
    }
}

/// One record of a stream (or of an array) as one text line.
pub fn text_line(value: &Value) -> String {
    match value {
        Value::Object(map) => record(map.values().map(cell)),
        Value::Array(items) => record(items.iter().map(cell)),
        scalar => record(std::iter::once(cell(scalar))),
    }
}

fn table(value: &Value) -> String {
    match value {
        Value::Array(items) if items.iter().all(|i| i.is_object()) && !items.is_empty() => {
            let mut columns: Vec<String> = Vec::new();
            for item in items {
                for key in item.as_object().into_iter().flat_map(|m| m.keys()) {
                    if !columns.contains(key) {
                        columns.push(key.clone());
                    }
                }
            }
            let header: Vec<String> = columns.iter().map(|c| c.to_uppercase()).collect();
            let header: Vec<&str> = header.iter().map(String::as_str).collect();
            let rows: Vec<Vec<String>> = items
                .iter()
                .map(|item| {
                    columns
                        .iter()
                        .map(|c| item.get(c).map(shown).unwrap_or_default())
                        .collect()
                })
                .collect();
            super::table::render(&header, &rows)
        }
        Value::Array(items) => {
            let rows: Vec<Vec<String>> = items.iter().map(|i| vec![shown(i)]).collect();
            super::table::render(&["VALUE"], &rows)
        }
        Value::Object(map) => {
            let rows: Vec<Vec<String>> =
                map.iter().map(|(k, v)| vec![k.clone(), shown(v)]).collect();
            super::table::render(&["KEY", "VALUE"], &rows)
        }
        Value::Null => String::new(),
        scalar => cell(scalar) + "\n",
    }
}

/// A value in a table cell: escaped for the terminal, nested values as compact JSON.
fn shown(value: &Value) -> String {
    crate::terminal::output::escape_untrusted(&cell(value)).into_owned()
}

/// Prints a stream of records (one per object) as they come, in the chosen format; a table
/// needs every row first, so it is printed by [`Stream::finish`].
pub struct Stream {
    format: OutputFormat,
    /// Compiled once: a stream may carry 100 000 records.
    query: Option<jmespath::Expression<'static>>,
    rows: Vec<Value>,
    first: bool,
}

impl Stream {
    /// `query` was checked by [`configure`]; one that does not compile is left out.
    pub fn new(format: OutputFormat, query: Option<String>) -> Stream {
        Stream {
            format,
            query: query.and_then(|q| compile(&q).ok()),
            rows: Vec::new(),
            first: true,
        }
    }

    /// The text of one record, `None` when it is held for the table or the query dropped it.
    pub fn record(&mut self, value: Value) -> Result<Option<String>> {
        let value = match &self.query {
            Some(expression) => search(expression, value)?,
            None => value,
        };
        if value.is_null() {
            return Ok(None);
        }
        Ok(match self.format {
            OutputFormat::Json | OutputFormat::Env => Some(value.to_string() + "\n"),
            OutputFormat::Text => Some(text_line(&value)),
            OutputFormat::Yaml => {
                let doc = serde_yaml_ng::to_string(&value)?;
                let text = if self.first {
                    doc
                } else {
                    format!("---\n{doc}")
                };
                self.first = false;
                Some(text)
            }
            OutputFormat::Table => {
                self.rows.push(value);
                None
            }
        })
    }

    /// What is left to print at the end: the table, if the format is one.
    pub fn finish(&mut self) -> String {
        if self.format == OutputFormat::Table && !self.rows.is_empty() {
            return table(&Value::Array(std::mem::take(&mut self.rows)));
        }
        String::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn identity() -> Value {
        json!({"AccountId": "1234567890123456", "Arn": "acs:ram::1234567890123456:user/app", "UserId": "2001"})
    }

    #[test]
    fn a_query_picks_and_text_prints_it_bare() {
        let v = query(identity(), Some("AccountId")).unwrap();
        assert_eq!(
            render(&v, OutputFormat::Text).unwrap(),
            "1234567890123456\n"
        );
        let v = query(identity(), Some("[AccountId, UserId]")).unwrap();
        assert_eq!(
            render(&v, OutputFormat::Text).unwrap(),
            "1234567890123456\t2001\n"
        );
        assert_eq!(query(identity(), Some("Nothing")).unwrap(), Value::Null);
    }

    #[test]
    fn bad_queries_are_usage_errors() {
        let err = compile("[?").unwrap_err();
        assert!(err.0.starts_with("invalid --query \"[?\""), "{err}");
        assert!(configure(None, Some("foo[".into())).is_err());
    }

    #[test]
    fn text_is_one_record_a_line_with_tabs() {
        let rows = json!([{"name": "a", "size": 1}, {"name": "b\tc", "size": 2}]);
        assert_eq!(text(&rows), "a\t1\nb\\tc\t2\n");
        assert_eq!(
            text(&identity()),
            "1234567890123456\tacs:ram::1234567890123456:user/app\t2001\n"
        );
        let nested = json!({"Credentials": {"AccessKeyId": "STS.x"}, "RequestId": "r"});
        assert_eq!(
            text(&nested),
            "Credentials\t{\"AccessKeyId\":\"STS.x\"}\nRequestId\tr\n"
        );
        assert_eq!(text(&json!(["a", 2, null])), "a\t2\t\n");
    }

    #[test]
    fn tables_have_a_header_and_escape_what_they_show() {
        let rows = json!([{"key": "a\u{1b}[2J", "size": 1}, {"key": "b", "extra": true}]);
        assert_eq!(
            table(&rows),
            "KEY       SIZE  EXTRA\na\\x1b[2J  1\nb               true\n"
        );
        assert_eq!(table(&json!({"A": 1})), "KEY  VALUE\nA    1\n");
    }

    #[test]
    fn yaml_and_json_documents() {
        assert_eq!(
            render(&json!({"a": [1, "x"]}), OutputFormat::Yaml).unwrap(),
            "a:\n- 1\n- x\n"
        );
        assert_eq!(
            render(&json!({"a": 1}), OutputFormat::Json).unwrap(),
            "{\n    \"a\": 1\n}\n"
        );
    }

    #[test]
    fn streams_print_as_records_come_and_tables_at_the_end() {
        let mut s = Stream::new(OutputFormat::Yaml, None);
        assert_eq!(s.record(json!({"k": 1})).unwrap().unwrap(), "k: 1\n");
        assert_eq!(s.record(json!({"k": 2})).unwrap().unwrap(), "---\nk: 2\n");
        let mut t = Stream::new(OutputFormat::Table, Some("key".into()));
        assert_eq!(t.record(json!({"key": "a", "size": 1})).unwrap(), None);
        assert_eq!(t.finish(), "VALUE\na\n");
        let mut j = Stream::new(OutputFormat::Json, Some("size".into()));
        assert_eq!(
            j.record(json!({"key": "a", "size": 1})).unwrap().unwrap(),
            "1\n"
        );
        assert_eq!(
            j.record(json!({"key": "b"})).unwrap(),
            None,
            "null is dropped"
        );
    }

    #[test]
    fn formats_a_command_does_not_print_are_refused() {
        let c = Choice {
            format: Some(OutputFormat::Env),
            query: None,
        };
        let err = c.format_or(OutputFormat::Table, DATA_FORMATS).unwrap_err();
        assert!(
            err.to_string().contains("--output env is not a format"),
            "{err}"
        );
        assert_eq!(
            Choice::default()
                .format_or(OutputFormat::Table, DATA_FORMATS)
                .unwrap(),
            OutputFormat::Table
        );
    }
}
