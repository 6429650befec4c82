//! Credentials written for another program to take: shell exports (POSIX, fish, PowerShell), a
//! dotenv file, the JSON a credentials URI answers with, or the official CLI's External process
//! format; and the script printed instead when
//! the command that should have produced them failed. `configure export-credentials` and
//! `sts assume-role --output env` print these.

use anyhow::Result;
use clap::ValueEnum;
use serde::Serialize;

use super::environment::{ALIBABA_CLOUD, ALICLOUD, EXPIRATION, OSS};
use crate::terminal::format::{pretty_json, shell_quote};
use crate::terminal::render::{OutputFormat, DATA_FORMATS};
use alicli_wire::signing::Credentials;

/// The format `sts assume-role` and `sts assume-role-with-oidc` print their answer in: the
/// global `--output` (JSON by default; `env` for `export` lines), checked before any request.
/// `--query` picks from the JSON form, so it cannot go with `env`.
pub fn answer_format() -> Result<OutputFormat> {
    let choice = crate::terminal::render::choice();
    let mut formats = DATA_FORMATS.to_vec();
    formats.push(OutputFormat::Env);
    let format = choice.format_or(OutputFormat::Json, &formats)?;
    if format == OutputFormat::Env && choice.query.is_some() {
        return Err(crate::error::UsageError(
            "--query picks from the JSON answer; it does not go with --output env".into(),
        )
        .into());
    }
    Ok(format)
}

/// An STS answer as `format` asks: `export` lines of its credentials, or the answer itself.
pub fn answer_text<T: Serialize>(
    answer: &T,
    credentials: &alicli_wire::sts::TemporaryCredentials,
    format: OutputFormat,
) -> Result<String> {
    match format {
        OutputFormat::Env => env_lines(credentials),
        other => crate::terminal::render::choice().document(serde_json::to_value(answer)?, other),
    }
}

/// The `export` lines of `configure export-credentials --format env`, for the temporary
/// credentials of an STS answer.
pub fn env_lines(c: &alicli_wire::sts::TemporaryCredentials) -> Result<String> {
    let issued = super::Issued::from(c.clone());
    render(
        ExportFormat::Env,
        &issued.credentials,
        issued.expiration.as_deref(),
    )
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    /// `export NAME='value'` lines for POSIX shells (eval them)
    Env,
    /// `NAME=value` lines: $GITHUB_ENV, GitLab dotenv reports, docker --env-file
    EnvNoExport,
    /// `set -gx NAME 'value'` lines for fish
    Fish,
    /// `$Env:NAME = 'value'` lines for PowerShell
    Powershell,
    /// {"Code":"Success","AccessKeyId",…,"SecurityToken","Expiration"}: what a credentials URI (ALIBABA_CLOUD_CREDENTIALS_URI) answers, for the official SDKs
    Json,
    /// {"mode":"StsToken","access_key_id",…}: the official CLI's External format, for its --process-command and alicli's credential_process
    Process,
}

/// The JSON form: the answer of a credentials URI as the official credential libraries read it
/// (`credentials_uri` / `ALIBABA_CLOUD_CREDENTIALS_URI`: `Code` must be `Success`). Token and
/// expiry are left out for a long-term key, which has neither.
#[derive(Debug, Serialize)]
#[serde(rename_all = "PascalCase")]
struct UriAnswer<'a> {
    code: &'static str,
    access_key_id: &'a str,
    access_key_secret: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    security_token: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    expiration: Option<&'a str>,
}

/// Variables set, in order: the names the official SDKs and CLI read, the OSS SDKs' names, and
/// the expiry (which alicli reads to refuse expired environment credentials early).
fn variables<'a>(c: &'a Credentials, expiration: Option<&'a str>) -> Vec<(&'static str, &'a str)> {
    let mut vars = Vec::new();
    for names in [&ALIBABA_CLOUD, &OSS] {
        vars.push((names.id, c.access_key_id.as_str()));
        vars.push((names.secret, c.access_key_secret.as_str()));
        if let Some(t) = c.security_token.as_deref() {
            vars.push((names.token, t));
        }
    }
    if let Some(e) = expiration {
        vars.push((EXPIRATION, e));
    }
    vars
}

/// Every variable the shell forms set, in the order `variables` gives them.
pub const ALL_VARIABLES: [&str; 7] = [
    ALIBABA_CLOUD.id,
    ALIBABA_CLOUD.secret,
    ALIBABA_CLOUD.token,
    OSS.id,
    OSS.secret,
    OSS.token,
    EXPIRATION,
];

/// What the `env` form prints on stdout when `command` failed: a line on stderr, the
/// credentials variables unset (the long-term key that assumed the role must not stay behind
/// for the next command to use silently), and a failing status, so `set -e` stops the script.
/// `eval` of the empty output a failure would otherwise leave succeeds.
pub fn failed_env_script(command: &str, code: u8) -> String {
    // The names Alibaba Cloud's GitHub action exports hold a key alicli would read too.
    let also = [ALICLOUD.id, ALICLOUD.secret, ALICLOUD.token];
    format!(
        "echo 'alicli: {command} failed (exit {code}): no temporary credentials; the credentials variables were unset' >&2\nunset {} {}\nfalse\n",
        ALL_VARIABLES.join(" "),
        also.join(" ")
    )
}

/// For a command whose stdout is meant for `eval "$(…)"` and that failed with `err`: prints
/// [`failed_env_script`] when stdout is captured (not a terminal, where it would only be noise).
pub fn print_failed_env_script(command: &str, err: &anyhow::Error) {
    if !std::io::IsTerminal::is_terminal(&std::io::stdout()) {
        let code = crate::error::exit_for(err) as u8;
        let _ = crate::write_stdout(failed_env_script(command, code).as_bytes());
    }
}

/// What a command that may print `env` lines returns: `result` as it is, after printing
/// [`failed_env_script`] for a failure when `env_output` (`--output env`): `eval "$(alicli …)"`
/// of an empty string succeeds, and the job would go on with whatever key it had.
pub fn guard_env_output<T>(
    command: &str,
    env_output: bool,
    result: anyhow::Result<T>,
) -> anyhow::Result<T> {
    if let (Err(e), true) = (&result, env_output) {
        print_failed_env_script(command, e);
    }
    result
}

/// Variables a long-term key must clear: a token left from earlier temporary credentials would
/// be sent with it and every request refused.
const TEMPORARY_ONLY: [&str; 3] = [ALIBABA_CLOUD.token, OSS.token, EXPIRATION];

fn fish_quote(value: &str) -> String {
    format!("'{}'", value.replace('\\', "\\\\").replace('\'', "\\'"))
}

fn powershell_quote(value: &str) -> String {
    format!("'{}'", value.replace('\'', "''"))
}

/// The text to print for `format`.
pub fn render(format: ExportFormat, c: &Credentials, expiration: Option<&str>) -> Result<String> {
    let vars = variables(c, expiration);
    let temporary = c.security_token.is_some();
    let mut out = String::new();
    match format {
        ExportFormat::Process => {
            let mut text = alicli_wire::credential_formats::external_process_json(c, expiration);
            text.push('\n');
            return Ok(text);
        }
        ExportFormat::Json => {
            return pretty_json(&UriAnswer {
                code: "Success",
                access_key_id: &c.access_key_id,
                access_key_secret: &c.access_key_secret,
                security_token: c.security_token.as_deref(),
                expiration,
            })
        }
        ExportFormat::Env => {
            for (k, v) in &vars {
                out.push_str(&format!("export {k}={}\n", shell_quote(v)));
            }
            if !temporary {
                out.push_str(&format!("unset {}\n", TEMPORARY_ONLY.join(" ")));
            }
        }
        ExportFormat::EnvNoExport => {
            // These files take the value verbatim: quotes would become part of it. Credentials
            // are base64-like, so nothing needs quoting; a line break would corrupt the file.
            for (k, v) in &vars {
                if v.contains(['\n', '\r']) {
                    anyhow::bail!("{k} contains a line break and cannot be written as NAME=value");
                }
                out.push_str(&format!("{k}={v}\n"));
            }
        }
        ExportFormat::Fish => {
            for (k, v) in &vars {
                out.push_str(&format!("set -gx {k} {}\n", fish_quote(v)));
            }
            if !temporary {
                out.push_str(&format!("set -e {}\n", TEMPORARY_ONLY.join(" ")));
            }
        }
        ExportFormat::Powershell => {
            for (k, v) in &vars {
                out.push_str(&format!("$Env:{k} = {}\n", powershell_quote(v)));
            }
            if !temporary {
                for k in TEMPORARY_ONLY {
                    out.push_str(&format!(
                        "Remove-Item Env:{k} -ErrorAction SilentlyContinue\n"
                    ));
                }
            }
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn temporary() -> Credentials {
        Credentials::new("STS.id0001", "sec'ret/+=", Some("tok+en/==".into()))
    }

    #[test]
    fn a_failed_env_output_fails_when_evaluated() {
        let script = failed_env_script("sts assume-role", 3);
        let out = std::process::Command::new("sh")
            .arg("-c")
            .arg(
                "ALIBABA_CLOUD_ACCESS_KEY_ID=LTAIlongterm; export ALIBABA_CLOUD_ACCESS_KEY_ID; eval \"$1\" && echo evaluated-ok; echo \"id=${ALIBABA_CLOUD_ACCESS_KEY_ID-unset}\"",
            )
            .arg("sh")
            .arg(&script)
            .output()
            .unwrap();
        let stdout = String::from_utf8_lossy(&out.stdout);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!stdout.contains("evaluated-ok"), "{stdout}");
        assert!(stdout.contains("id=unset"), "{stdout}");
        assert!(
            stderr.contains("sts assume-role failed (exit 3)"),
            "{stderr}"
        );
    }

    #[test]
    fn every_format_carries_id_secret_token_and_expiry() {
        let c = temporary();
        let exp = Some("2026-01-13T15:03:39Z");
        let env = render(ExportFormat::Env, &c, exp).unwrap();
        assert!(
            env.contains("export ALIBABA_CLOUD_ACCESS_KEY_SECRET='sec'\\''ret/+='\n"),
            "{env}"
        );
        assert!(env.contains("export OSS_SESSION_TOKEN='tok+en/=='\n"));
        assert!(env.contains("export ALICLI_CREDENTIALS_EXPIRATION='2026-01-13T15:03:39Z'\n"));
        let names: Vec<&str> = variables(&c, exp).iter().map(|(k, _)| *k).collect();
        assert_eq!(
            names, ALL_VARIABLES,
            "a failed export unsets what a good one sets"
        );
        assert!(!env.contains("unset"));
        let dotenv = render(ExportFormat::EnvNoExport, &c, exp).unwrap();
        assert!(
            dotenv.contains("ALIBABA_CLOUD_SECURITY_TOKEN=tok+en/==\n"),
            "{dotenv}"
        );
        assert!(!dotenv.contains("export") && !dotenv.contains("'tok"));
        let fish = render(ExportFormat::Fish, &c, exp).unwrap();
        assert!(
            fish.contains("set -gx ALIBABA_CLOUD_ACCESS_KEY_SECRET 'sec\\'ret/+='\n"),
            "{fish}"
        );
        let ps = render(ExportFormat::Powershell, &c, exp).unwrap();
        assert!(
            ps.contains("$Env:ALIBABA_CLOUD_ACCESS_KEY_SECRET = 'sec''ret/+='\n"),
            "{ps}"
        );
        let json: serde_json::Value =
            serde_json::from_str(&render(ExportFormat::Json, &c, exp).unwrap()).unwrap();
        assert_eq!(json["AccessKeyId"], "STS.id0001");
        assert_eq!(json["AccessKeySecret"], "sec'ret/+=");
        assert_eq!(json["SecurityToken"], "tok+en/==");
        assert_eq!(json["Expiration"], "2026-01-13T15:03:39Z");
    }

    #[test]
    fn long_term_keys_clear_leftover_tokens() {
        let c = Credentials::new("LTAIid0001", "secret-value", None);
        let env = render(ExportFormat::Env, &c, None).unwrap();
        assert!(env.ends_with("unset ALIBABA_CLOUD_SECURITY_TOKEN OSS_SESSION_TOKEN ALICLI_CREDENTIALS_EXPIRATION\n"), "{env}");
        assert!(!env.contains("export ALIBABA_CLOUD_SECURITY_TOKEN"));
        assert!(render(ExportFormat::Fish, &c, None)
            .unwrap()
            .contains("set -e ALIBABA_CLOUD_SECURITY_TOKEN"));
        assert!(render(ExportFormat::Powershell, &c, None)
            .unwrap()
            .contains("Remove-Item Env:OSS_SESSION_TOKEN"));
        let json: serde_json::Value =
            serde_json::from_str(&render(ExportFormat::Json, &c, None).unwrap()).unwrap();
        assert!(json.get("SecurityToken").is_none() && json.get("Expiration").is_none());
    }
}
