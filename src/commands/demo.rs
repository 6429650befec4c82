//! `alicli demo`: the old docs' scenario, end to end, against a throwaway local cloud.
//!
//! It starts the local cloud in-process on a free port, points a temporary profile file at it, and
//! runs this very binary step by step, printing each command line and what came back, secrets
//! masked. The steps teach what the README teaches (kebab-case flags, secrets read from stdin,
//! temporary credentials kept in a profile); a last group runs the old aliyuncli docs' own lines
//! to show they still work. No secret is ever on a displayed command line: a step that needs one
//! reads it from a 0600 file on stdin, and shows the redirection. Exit 0 means every step behaved
//! as the scenario says it should: the narrowed temporary credentials can download grass.jpg and
//! cannot upload; and a CI job with only an OIDC token gets credentials and uploads its build.

use std::path::Path;
use std::process::{Command, Stdio};

use anyhow::{Context, Result};
use clap::Args;

use crate::terminal::format::shell_quote;
use alicli_localcloud::{self as emulator, CloudConfig, ServeOptions};

#[derive(Debug, Args)]
pub struct DemoArgs {}

const POLICY: &str = r#"{"Version":"1", "Statement": [{"Effect":"Allow", "Action":"oss:GetObject", "Resource":"acs:oss:*:*:sample-bucket/2015/01/01/*.jpg"}]}"#;
const OBJECT: &str = "oss://sample-bucket/2015/01/01/grass.jpg";

struct Step<'a> {
    title: &'a str,
    args: Vec<String>,
    /// A file in the demo's folder that becomes the command's stdin (shown as `< FILE`): how
    /// secrets reach a command without appearing on its command line.
    stdin: Option<&'a str>,
    expect_exit: i32,
}

struct Outcome {
    stdout: String,
}

/// Writes `text` to a new 0600 file in `dir`: a secret handed to a step on stdin.
fn secret_file(dir: &Path, name: &str, text: &str) -> Result<()> {
    use std::io::Write;
    crate::local_files::create_exclusive(&dir.join(name), 0o600)
        .and_then(|mut f| f.write_all(text.as_bytes()))
        .with_context(|| format!("demo: cannot write {name}"))
}

/// The temporary credentials of an AssumeRole answer: id, secret, token.
fn credentials_of(outcome: Option<Outcome>) -> Result<(String, String, String)> {
    let answer: serde_json::Value =
        serde_json::from_str(&outcome.map(|o| o.stdout).unwrap_or_default()).unwrap_or_default();
    let field = |k: &str| {
        answer["Credentials"][k]
            .as_str()
            .unwrap_or_default()
            .to_string()
    };
    let creds = (
        field("AccessKeyId"),
        field("AccessKeySecret"),
        field("SecurityToken"),
    );
    if creds.0.is_empty() {
        anyhow::bail!("demo: AssumeRole gave no credentials; stopping");
    }
    crate::terminal::redact::register(&creds.1);
    crate::terminal::redact::register(&creds.2);
    Ok(creds)
}

pub fn run(_args: DemoArgs) -> Result<()> {
    let cloud = emulator::start(ServeOptions {
        listen: "127.0.0.1:0".into(),
        data_dir: None,
        config: CloudConfig::default(),
    })?;
    let info = cloud.info.clone();
    crate::terminal::redact::register(&info.access_key_secret);
    let work = tempfile::Builder::new().prefix("alicli-demo-").tempdir()?;
    let dir = work.path();
    let exe = std::env::current_exe().context("cannot find the alicli binary")?;
    let endpoint = info.endpoint.clone();

    println!(
        "alicli demo: the STS flow of the old aliyuncli docs, against a local cloud at {endpoint}"
    );
    println!("(throwaway profile file and folder: {})\n", dir.display());

    // A small JPEG-looking file for the app server to publish.
    let mut jpeg = vec![0xFF, 0xD8, 0xFF, 0xE0];
    jpeg.extend((0..4096u32).map(|i| (i * 31 % 251) as u8));
    jpeg.extend([0xFF, 0xD9]);
    std::fs::write(dir.join("grass.jpg"), &jpeg)?;
    // The RAM user's secret, as a script would get it from a secret store.
    secret_file(
        dir,
        "ram-user.secret",
        &format!("{}\n", info.access_key_secret),
    )?;

    let s = |v: &str| v.to_string();
    let mut all_ok = true;
    let run_all = |steps: &[Step], all_ok: &mut bool| -> Result<Option<Outcome>> {
        let mut last = None;
        for step in steps {
            let (ok, outcome) = run_step(&exe, dir, step)?;
            *all_ok &= ok;
            last = Some(outcome);
        }
        Ok(last)
    };

    run_all(&[
        Step {
            title: "1. The app server stores its RAM user's AccessKey (long-term); the secret is read from stdin, so it stays out of shell history and `ps`",
            args: vec![
                s("configure"), s("--access-key-id"), info.access_key_id.clone(), s("--access-key-secret"), s("-"),
                s("--region"), info.region.clone(), s("--sts-endpoint"), endpoint.clone(),
            ],
            stdin: Some("ram-user.secret"),
            expect_exit: 0,
        },
        Step {
            title: "2. It points OSS at the local cloud (on the real cloud the region is enough)",
            args: vec![s("oss"), s("config"), s("--endpoint"), endpoint.clone()],
            stdin: None,
            expect_exit: 0,
        },
        Step {
            title: "3. It publishes 2015/01/01/grass.jpg with that key",
            args: vec![s("oss"), s("put"), s("grass.jpg"), s(OBJECT)],
            stdin: None,
            expect_exit: 0,
        },
    ], &mut all_ok)?;
    let answer = run_all(&[Step {
        title: "4. It assumes oss-readonly, narrowed by an inline policy to GetObject on sample-bucket/2015/01/01/*.jpg, and keeps the temporary credentials in profile client-002",
        args: vec![
            s("sts"), s("assume-role"), s("--role-arn"), info.role_arn.clone(), s("--role-session-name"), s("client-002"),
            s("--policy"), s(POLICY), s("--save-profile"), s("client-002"),
        ],
        stdin: None,
        expect_exit: 0,
    }], &mut all_ok)?;
    credentials_of(answer)?;
    run_all(&[
        Step {
            title: "5. The mobile app downloads grass.jpg with them: allowed by the role and by the session policy",
            args: vec![s("oss"), s("get"), s(OBJECT), s("downloaded-grass.jpg"), s("--profile"), s("client-002")],
            stdin: None,
            expect_exit: 0,
        },
        Step {
            title: "6. It tries to upload: the session policy grants only GetObject, so OSS refuses (exit 4)",
            args: vec![s("oss"), s("put"), s("grass.jpg"), s(OBJECT), s("--profile"), s("client-002")],
            stdin: None,
            expect_exit: 4,
        },
    ], &mut all_ok)?;
    all_ok &= keyless_ci(&exe, dir, &info)?;

    println!("The old aliyuncli docs' command lines work too, with only the program name changed");
    println!(
        "(the secret and the token come from a file on stdin here, never the command line):\n"
    );
    let answer = run_all(
        &[Step {
            title: "9. The docs' AssumeRole, with the same narrowing policy",
            args: vec![
                s("sts"),
                s("AssumeRole"),
                s("--RoleArn"),
                info.role_arn.clone(),
                s("--RoleSessionName"),
                s("client-002"),
                s("--Policy"),
                s(POLICY),
            ],
            stdin: None,
            expect_exit: 0,
        }],
        &mut all_ok,
    )?;
    let (id, secret, token) = credentials_of(answer)?;
    secret_file(dir, "sts-credentials.txt", &format!("{secret}\n{token}\n"))?;
    run_all(
        &[
            Step {
                title: "10. The docs' oss Config with those temporary credentials",
                args: vec![
                    s("oss"),
                    s("Config"),
                    s("--host"),
                    endpoint.clone(),
                    s("--accessid"),
                    id,
                    s("--accesskey"),
                    s("-"),
                    s("--sts_token"),
                    s("-"),
                ],
                stdin: Some("sts-credentials.txt"),
                expect_exit: 0,
            },
            Step {
                title: "11. The docs' oss Get: allowed",
                args: vec![s("oss"), s("Get"), s(OBJECT), s("legacy-grass.jpg")],
                stdin: None,
                expect_exit: 0,
            },
            Step {
                title: "12. The docs' oss Put: refused by the session policy (exit 4)",
                args: vec![s("oss"), s("Put"), s("grass.jpg"), s(OBJECT)],
                stdin: None,
                expect_exit: 4,
            },
        ],
        &mut all_ok,
    )?;
    for name in ["downloaded-grass.jpg", "legacy-grass.jpg"] {
        let downloaded = std::fs::read(dir.join(name)).unwrap_or_default();
        let same = downloaded == jpeg;
        println!(
            "{} {name} is byte-for-byte the uploaded grass.jpg ({} bytes)",
            if same { "ok:" } else { "FAILED:" },
            downloaded.len()
        );
        all_ok &= same;
    }
    drop(cloud);
    if all_ok {
        println!("\ndemo complete: every step behaved as the scenario expects.");
        Ok(())
    } else {
        anyhow::bail!("demo: some steps did not behave as expected (see above)")
    }
}

/// Steps 7-8: a CI job with no AccessKey anywhere. The local cloud's OIDC issuer stands in for
/// the CI platform's (GitHub Actions, GitLab): it mints the job's token, which STS
/// AssumeRoleWithOIDC turns into temporary credentials for `ci-deploy`, which upload the build.
fn keyless_ci(exe: &Path, dir: &Path, info: &emulator::SeedInfo) -> Result<bool> {
    let answer = reqwest::blocking::Client::new()
        .post(format!(
            "{}/-/oidc/token?sub=repo:alicli/demo:ref:refs/heads/main",
            info.endpoint
        ))
        .send()
        .and_then(|r| r.text())
        .context("demo: the local cloud's OIDC issuer did not answer")?;
    let minted: serde_json::Value = serde_json::from_str(&answer).unwrap_or_default();
    let token = minted["token"].as_str().unwrap_or_default().to_string();
    crate::terminal::redact::register(&token);
    secret_file(dir, "ci-token.jwt", &token)?;
    std::fs::write(
        dir.join("build.txt"),
        b"built by a CI job with no AccessKey\n",
    )?;
    let s = |v: &str| v.to_string();
    let steps = [
        Step {
            title: "7. A CI job with no AccessKey: its OIDC token (minted by the local issuer, as GitHub Actions would) gets temporary credentials for ci-deploy",
            args: vec![
                s("sts"), s("assume-role-with-oidc"), s("--role-arn"), info.oidc_role_arn.clone(),
                s("--oidc-provider-arn"), info.oidc_provider_arn.clone(), s("--oidc-token-file"), s("ci-token.jwt"),
                s("--role-session-name"), s("ci-run-1"), s("--save-profile"), s("ci-job"),
                s("--region"), info.region.clone(), s("--endpoint"), info.endpoint.clone(),
            ],
            stdin: None,
            expect_exit: 0,
        },
        Step {
            title: "8. The job uploads its build with them (the profile renews itself from the token file)",
            args: vec![
                s("oss"), s("put"), s("build.txt"), format!("oss://{}/ci/build.txt", info.bucket),
                s("--profile"), s("ci-job"), s("--endpoint"), info.endpoint.clone(),
            ],
            stdin: None,
            expect_exit: 0,
        },
    ];
    let mut ok = !token.is_empty();
    for step in &steps {
        ok &= run_step(exe, dir, step)?.0;
    }
    Ok(ok)
}

fn run_step(exe: &Path, dir: &Path, step: &Step) -> Result<(bool, Outcome)> {
    println!("{}", step.title);
    let mut shown: Vec<String> = step.args.iter().map(|a| quote_for_display(a)).collect();
    if let Some(file) = step.stdin {
        shown.push(format!("< {file}"));
    }
    // Through the redactor all the same: a secret slipped into a step's arguments by mistake
    // would show masked.
    println!(
        "$ alicli {}",
        crate::terminal::redact::redact(&shown.join(" "))
    );
    let mut cmd = Command::new(exe);
    let stdin = match step.stdin {
        Some(file) => Stdio::from(
            std::fs::File::open(dir.join(file))
                .with_context(|| format!("demo: cannot open {file}"))?,
        ),
        None => Stdio::null(),
    };
    cmd.args(&step.args)
        .stdin(stdin)
        .current_dir(dir)
        .env("ALICLI_CONFIG_FILE", dir.join("config.toml"))
        .env_remove("ALICLI_PROFILE");
    let settings = [
        "ALIBABA_CLOUD_REGION_ID",
        "ALICLI_OSS_ENDPOINT",
        "ALICLI_STS_ENDPOINT",
        "ALIBABA_CLOUD_STS_ENDPOINT",
        "ALIBABA_CLOUD_STS_REGION",
        "OSS_REGION",
        "OSS_ENDPOINT",
    ];
    for var in crate::credentials::environment::SOURCE_VARIABLES
        .iter()
        .chain(&settings)
    {
        cmd.env_remove(var);
    }
    let output = cmd
        .output()
        .with_context(|| format!("cannot run {}", exe.display()))?;
    let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    let mut shown = mask_credentials_json(&stdout);
    shown.push_str(&stderr);
    for line in crate::terminal::redact::redact(&shown).lines() {
        println!("    {line}");
    }
    let code = output.status.code().unwrap_or(-1);
    let ok = code == step.expect_exit;
    if ok {
        println!("ok: exit {code}, as expected\n");
    } else {
        println!("FAILED: exit {code}, expected {}\n", step.expect_exit);
    }
    Ok((ok, Outcome { stdout }))
}

/// The AssumeRole answer is shown with its secret and token masked: a demo transcript gets pasted.
fn mask_credentials_json(text: &str) -> String {
    let Ok(mut value) = serde_json::from_str::<serde_json::Value>(text) else {
        return text.to_string();
    };
    if let Some(creds) = value.get_mut("Credentials").and_then(|c| c.as_object_mut()) {
        for k in ["AccessKeySecret", "SecurityToken"] {
            if let Some(v) = creds.get_mut(k) {
                *v = serde_json::Value::String(crate::terminal::redact::MASK.into());
            }
        }
    }
    crate::terminal::format::pretty_json(&value).unwrap_or_default()
}

fn quote_for_display(arg: &str) -> String {
    if arg
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || "-_./:@=,+".contains(c))
    {
        arg.to_string()
    } else {
        shell_quote(arg)
    }
}
