//! Credentials printed by a program the user names (a profile's `credential_process`, the
//! official CLI's `External` mode): it prints
//! `{"mode":"AK"|"StsToken","access_key_id","access_key_secret","sts_token","expiration"?}` on
//! stdout (read by [`alicli_wire::credential_formats::parse_external_process`]).
//!
//! The command line is split into words as a POSIX shell would (quotes and backslashes, no
//! expansion) and the program is run directly: no shell sees it unless the user wrote one
//! (`sh -c '…'`), so nothing in a profile is expanded behind the user's back. stdin is closed
//! (the program must not wait for input alicli will never give), stderr is alicli's own (its
//! prompts and complaints reach the user), and stdout is read with a bound on a thread while
//! the deadline runs; a program still running at the deadline is killed and reaped.
//!
//! Exit codes: a command line that cannot be split, or a program that does not exist or cannot
//! be executed, is bad input (2): the configuration is wrong, nothing was asked of anyone. A
//! program that runs but fails (non-zero exit, killed, no answer in time, more than 64 KiB,
//! output that is not usable credentials) is a credentials error (3). Messages name the program
//! only: its arguments may carry secrets, and its stdout certainly does, so neither is shown.

use std::io::Read;
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use anyhow::Result;
use chrono::Utc;

use super::Issued;
use crate::error::{CredentialsError, UsageError};
use crate::terminal::output::verbose;
use alicli_wire::text::escape_untrusted;

/// The most of a program's stdout that is read: credentials are a few KiB.
pub const OUTPUT_LIMIT: usize = 64 * 1024;

/// Runs `command` and reads the credentials it prints, within `timeout` (the official CLI
/// gives an External process 60 s).
pub fn run(command: &str, timeout: Duration) -> Result<Issued> {
    let words = shlex::split(command).ok_or_else(|| {
        UsageError(
            "the credential_process command line has an unclosed quote or ends in a backslash"
                .into(),
        )
    })?;
    let Some((program, args)) = words.split_first() else {
        return Err(UsageError("the credential_process command line is empty".into()).into());
    };
    let shown = escape_untrusted(program).into_owned();
    verbose(&format!(
        "credential_process: running `{shown}` (at most {})",
        seconds(timeout)
    ));
    let mut child = Command::new(program)
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .map_err(|e| -> anyhow::Error {
            match e.kind() {
                std::io::ErrorKind::NotFound => UsageError(format!(
                    "credential_process `{shown}` cannot be run: there is no such program"
                ))
                .into(),
                std::io::ErrorKind::PermissionDenied => UsageError(format!(
                    "credential_process `{shown}` cannot be run: it is not executable"
                ))
                .into(),
                _ => CredentialsError(format!("credential_process `{shown}` cannot be run: {e}"))
                    .into(),
            }
        })?;
    let deadline = Instant::now() + timeout;
    let output = read_output(&mut child, &shown, timeout)?;
    // The output holds the secret: masked from here on, whatever fails next.
    for secret in alicli_wire::credential_formats::secrets_in(&output) {
        crate::terminal::redact::register(&secret);
    }
    let status = wait_until(&mut child, deadline)
        .ok_or_else(|| no_answer(&mut child, &shown, timeout))??;
    if !status.success() {
        return Err(CredentialsError(format!(
            "credential_process `{shown}` {}",
            describe_failure(status)
        ))
        .into());
    }
    if output.iter().all(u8::is_ascii_whitespace) {
        return Err(
            CredentialsError(format!("credential_process `{shown}` printed nothing")).into(),
        );
    }
    let read = alicli_wire::credential_formats::parse_external_process(&output, Utc::now())
        .map_err(|why| {
            CredentialsError(format!(
                "credential_process `{shown}` printed no usable credentials: {why}"
            ))
        })?;
    verbose(&format!(
        "credential_process: `{shown}` gave {}",
        if read.credentials.security_token.is_some() {
            "temporary credentials"
        } else {
            "an AccessKey"
        }
    ));
    Ok(Issued {
        credentials: read.credentials,
        expiration: read.expiration,
    })
}

/// All of the child's stdout, read on a thread so that the deadline holds while it is silent.
/// More than [`OUTPUT_LIMIT`] ends it at once: it is not printing credentials.
fn read_output(child: &mut Child, shown: &str, timeout: Duration) -> Result<Vec<u8>> {
    let Some(stdout) = child.stdout.take() else {
        return Err(CredentialsError(format!("credential_process `{shown}`: no stdout")).into());
    };
    let (tx, rx) = mpsc::channel();
    // The thread ends when the pipe closes: when the program exits or is killed (or, if it left
    // a background child holding the pipe, when that one does; nobody waits for it then).
    std::thread::spawn(move || {
        let mut out = Vec::new();
        let read = stdout
            .take(OUTPUT_LIMIT as u64 + 1)
            .read_to_end(&mut out)
            .map(|_| out);
        let _ = tx.send(read);
    });
    match rx.recv_timeout(timeout) {
        Ok(Ok(out)) if out.len() > OUTPUT_LIMIT => {
            end(child);
            Err(CredentialsError(format!(
                "credential_process `{shown}` printed more than {} KiB: that is not credentials",
                OUTPUT_LIMIT / 1024
            ))
            .into())
        }
        Ok(Ok(out)) => Ok(out),
        Ok(Err(e)) => {
            end(child);
            Err(CredentialsError(format!(
                "credential_process `{shown}`: its output could not be read: {e}"
            ))
            .into())
        }
        Err(_) => Err(no_answer(child, shown, timeout)),
    }
}

/// Waits for the child to exit until `deadline`; `None` when it is still running then.
fn wait_until(child: &mut Child, deadline: Instant) -> Option<Result<ExitStatus>> {
    loop {
        match child.try_wait() {
            Ok(Some(status)) => return Some(Ok(status)),
            Ok(None) => {}
            Err(e) => return Some(Err(e.into())),
        }
        if Instant::now() >= deadline {
            return None;
        }
        std::thread::sleep(Duration::from_millis(10));
    }
}

/// The child is past its deadline: killed, reaped, and the error that says so.
fn no_answer(child: &mut Child, shown: &str, timeout: Duration) -> anyhow::Error {
    end(child);
    CredentialsError(format!(
        "credential_process `{shown}` gave no answer within {}",
        seconds(timeout)
    ))
    .into()
}

/// Kills the child (if it still runs) and reaps it, so that no zombie is left.
fn end(child: &mut Child) {
    let _ = child.kill();
    let _ = child.wait();
}

fn describe_failure(status: ExitStatus) -> String {
    if let Some(code) = status.code() {
        return format!("failed (exit code {code})");
    }
    #[cfg(unix)]
    {
        use std::os::unix::process::ExitStatusExt;
        if let Some(signal) = status.signal() {
            return format!("was ended by signal {signal}");
        }
    }
    "failed".into()
}

fn seconds(d: Duration) -> String {
    if d.subsec_millis() == 0 {
        format!("{} s", d.as_secs())
    } else {
        format!("{:.1} s", d.as_secs_f64())
    }
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use crate::error::{exit_for, Exit};

    const SECRET: &str = "process-secret-of-the-key";
    const TOKEN: &str = "CAES+process+token+wMIARKAA";
    const LONG: Duration = Duration::from_secs(20);

    fn ak_json() -> String {
        format!(
            r#"{{"mode":"AK","access_key_id":"LTAI5tProcessKey","access_key_secret":"{SECRET}"}}"#
        )
    }

    #[test]
    fn ak_mode_with_quoted_arguments_and_no_shell() {
        // printf run directly: the quotes are the splitter's, the JSON one argument.
        let issued = run(&format!("printf '%s\\n' '{}'", ak_json()), LONG).unwrap();
        assert_eq!(issued.credentials.access_key_id, "LTAI5tProcessKey");
        assert_eq!(issued.credentials.access_key_secret, SECRET);
        assert!(issued.credentials.security_token.is_none());
        assert!(issued.expiration.is_none());
        assert_eq!(crate::terminal::redact::redact(SECRET), "****");
        // No shell: `$HOME` and `;` reach printf as they are.
        let e = run("printf '%s' '$HOME;' ", LONG).unwrap_err();
        assert!(e.to_string().contains("not JSON"), "{e}");
    }

    #[test]
    fn sts_token_mode_through_a_shell_the_user_wrote() {
        let expiration = (Utc::now() + chrono::Duration::hours(1))
            .format("%Y-%m-%dT%H:%M:%SZ")
            .to_string();
        let json = format!(
            r#"{{"mode":"StsToken","access_key_id":"STS.proc","access_key_secret":"{SECRET}","sts_token":"{TOKEN}","expiration":"{expiration}"}}"#
        );
        // stdin is closed: `cat` ends at once instead of waiting for the terminal.
        let command = format!("sh -c 'cat >/dev/null; printf \"%s\" \"$0\"' '{json}'");
        let issued = run(&command, LONG).unwrap();
        assert_eq!(issued.credentials.security_token.as_deref(), Some(TOKEN));
        assert_eq!(issued.expiration.as_deref(), Some(expiration.as_str()));
        assert_eq!(crate::terminal::redact::redact(TOKEN), "****");
    }

    #[test]
    fn a_program_past_its_deadline_is_killed_and_reaped() {
        let dir = tempfile::tempdir().unwrap();
        let pid_file = dir.path().join("pid");
        let command = format!(
            "sh -c 'echo $$ > \"$0\"; exec sleep 30' '{}'",
            pid_file.display()
        );
        let started = Instant::now();
        let e = run(&command, Duration::from_secs(1)).unwrap_err();
        assert!(
            started.elapsed() < Duration::from_secs(5),
            "{:?}",
            started.elapsed()
        );
        assert_eq!(exit_for(&e), Exit::Credentials);
        assert_eq!(
            e.to_string(),
            "credential_process `sh` gave no answer within 1 s"
        );
        let pid: i32 = std::fs::read_to_string(&pid_file)
            .unwrap()
            .trim()
            .parse()
            .unwrap();
        // Gone, not even a zombie: kill(pid, 0) fails with ESRCH once it is reaped.
        let alive = unsafe { libc::kill(pid, 0) } == 0;
        assert!(!alive, "the program {pid} is still there");
    }

    #[test]
    fn failures_name_the_program_never_its_output() {
        let e = run(
            &format!("sh -c 'printf \"%s\" \"$0\"; exit 3' '{}'", ak_json()),
            LONG,
        )
        .unwrap_err();
        assert_eq!(exit_for(&e), Exit::Credentials);
        let text = e.to_string();
        assert_eq!(text, "credential_process `sh` failed (exit code 3)");

        let e = run("sh -c 'kill -9 $$'", LONG).unwrap_err();
        assert!(e.to_string().contains("signal 9"), "{e}");

        for (command, why) in [
            ("printf 'AKID SECRET'", "not JSON"),
            ("true", "printed nothing"),
            (
                r#"printf '{"mode":"StsToken","access_key_id":"STS.x","access_key_secret":"abcdefgh"}'"#,
                "sts_token is missing",
            ),
        ] {
            let e = run(command, LONG).unwrap_err();
            assert_eq!(exit_for(&e), Exit::Credentials, "{command}");
            assert!(e.to_string().contains(why), "{command}: {e}");
        }

        let e = run("yes", LONG).unwrap_err();
        assert_eq!(exit_for(&e), Exit::Credentials);
        assert!(e.to_string().contains("more than 64 KiB"), "{e}");
    }

    #[test]
    fn bad_command_lines_and_missing_programs_are_bad_input() {
        for command in [
            "",
            "   ",
            "printf 'unclosed",
            "/nonexistent/alicli-helper --flag",
            "alicli-no-such-program-anywhere",
        ] {
            let e = run(command, LONG).unwrap_err();
            assert_eq!(exit_for(&e), Exit::Usage, "{command}: {e}");
        }
        let e = run("/nonexistent/helper --token=hush-hush", LONG).unwrap_err();
        let text = e.to_string();
        assert!(text.contains("`/nonexistent/helper`"), "{text}");
        assert!(!text.contains("hush-hush"), "{text}");
        let dir = tempfile::tempdir().unwrap();
        let script = dir.path().join("not-executable");
        std::fs::write(&script, "#!/bin/sh\n").unwrap();
        let e = run(&script.display().to_string(), LONG).unwrap_err();
        assert_eq!(exit_for(&e), Exit::Usage);
        assert!(e.to_string().contains("not executable"), "{e}");
    }
}
