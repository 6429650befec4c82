//! Asking the user: a question on stderr answered on stdin, a secret asked without echo, or a
//! value given as `-` read from stdin (how secrets stay out of argv).

use std::io::{BufRead, Write};

use anyhow::Result;

use crate::error::UsageError;

/// Asks `question` on stderr and reads one line of answer; an empty answer is `None`.
pub fn prompt(question: &str) -> Result<Option<String>> {
    eprint!("{question}");
    std::io::stderr().flush()?;
    let mut line = String::new();
    std::io::stdin().lock().read_line(&mut line)?;
    Ok(Some(line.trim().to_string()).filter(|s| !s.is_empty()))
}

/// One line from stdin for `what` (a flag or key given as `-`), trimmed: how secrets stay out
/// of `ps`, shell history and CI logs. At most 64 KiB is read (`- < /dev/zero` is an error, not
/// an endless read). The caller registers a secret with the redactor.
pub fn read_stdin_value(what: &str) -> Result<String> {
    let line = crate::local_files::read_line(std::io::stdin().lock(), STDIN_VALUE_LIMIT)
        .map_err(|e| UsageError(format!("{what} -: cannot read stdin: {e}")))?;
    let value = line.trim().to_string();
    if value.is_empty() {
        return Err(UsageError(format!("{what} -: nothing was read from stdin")).into());
    }
    Ok(value)
}

/// The longest value read from stdin: far more than any key, secret or token.
const STDIN_VALUE_LIMIT: usize = 64 * 1024;

/// `--access-key-secret -`: the secret from stdin, registered with the redactor at once.
pub fn read_secret_from_stdin() -> Result<String> {
    let secret = read_stdin_value("--access-key-secret")?;
    crate::terminal::redact::register(&secret);
    Ok(secret)
}

/// Asks for a secret on the terminal without echo; an empty answer is `None`.
pub fn prompt_secret(question: &str) -> Result<Option<String>> {
    let answer = rpassword::prompt_password(question)?;
    let answer = answer.trim().to_string();
    crate::terminal::redact::register(&answer);
    Ok(Some(answer).filter(|a| !a.is_empty()))
}
