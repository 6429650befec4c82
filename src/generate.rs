//! Shell completion scripts and man pages, generated from alicli's clap command tree, the one
//! source of its help (so they cannot drift from the parser).
//!
//! clap_complete does not quote every help text for the place it puts it in. fish gets the help of
//! a possible value (`--output text|json`) inside a double-quoted string with only the escaping of
//! the single-quoted string inside it, so a `$.path`, a `"` or a `\` there breaks the whole script.
//! zsh gets the same text inside a double-quoted string that `_arguments` evals, so a `"` there
//! ends the string and what follows runs as a command. So the generator is handed placeholders
//! instead of help texts (letters and digits, which every shell's quoting leaves alone), and each
//! placeholder in its output is replaced by the help text quoted for the place where that shell's
//! generator put it (`escape`). tests/shells/check.sh loads the scripts in the shells themselves.

use anyhow::Result;
use clap::builder::{PossibleValue, PossibleValuesParser};
use clap_complete::Shell;

/// The completion script of the command tree `cli` for one shell.
pub fn script(shell: Shell, cli: clap::Command) -> Vec<u8> {
    generate(shell, cli, "alicli").into_bytes()
}

/// The file `alicli completions --install SHELL` writes: a few lines that ask alicli for the
/// dynamic engine's script (clap_complete's `CompleteEnv`, see
/// [`crate::completion_candidates`]) each time the shell loads it. That script calls alicli back on
/// every Tab, which is how Tab knows the profiles in the profile file; asked anew, it always fits
/// the alicli installed, as the engine's authors advise (its interface between script and binary
/// may change from one version to the next, so a copy written once could break on an upgrade).
pub fn loader(shell: Shell) -> Option<String> {
    let var = crate::completion_candidates::ENV_VAR;
    let head = |comment: &str| {
        format!(
            "{comment} alicli's {shell} completion, written by `alicli completions --install {shell}`.\n\
             {comment} It asks alicli for its completion script, which asks alicli at each Tab: so Tab\n\
             {comment} knows the profiles of your profile file and the keys of `configure get/set`.\n\
             {comment} The static script instead: `alicli completions {shell}`.\n"
        )
    };
    Some(match shell {
        Shell::Bash => format!(
            "{}if command -v alicli > /dev/null 2>&1; then\n    eval \"$({var}=bash command alicli)\"\nfi\n",
            head("#")
        ),
        // An autoloaded `#compdef` function: the first Tab runs this body, whose eval defines the
        // engine's function and points compdef at it; this Tab is then handed to that function
        // too (by compdef's own table, not by a name the engine may change).
        Shell::Zsh => format!(
            "#compdef alicli\n{}eval \"$({var}=zsh command alicli)\"\n\
             if [[ -n ${{_comps[alicli]-}} && ${{_comps[alicli]}} != _alicli ]]; then\n    \"${{_comps[alicli]}}\" \"$@\"\nfi\n",
            head("#")
        ),
        Shell::Fish => format!(
            "{}if type -q alicli\n    {var}=fish command alicli | source\nend\n",
            head("#")
        ),
        // `env`, not elvish's own temporary assignment, whose syntax changed between versions.
        Shell::Elvish => format!(
            "{}eval (env {var}=elvish alicli | slurp)\n",
            head("#")
        ),
        Shell::PowerShell => format!(
            "{}$env:{var} = \"powershell\"\nalicli | Out-String | Invoke-Expression\nRemove-Item Env:\\{var}\n",
            head("#")
        ),
        _ => return None,
    })
}

/// Which help text a placeholder stands for. Each shell's generator puts each of these in a
/// quoting context of its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Place {
    /// A subcommand's about line.
    About,
    /// The help of a flag or an option.
    Option,
    /// The help of a positional argument.
    Positional,
    /// The help of one of an argument's possible values.
    Value,
}

const MARK: &str = "alicliqz";

/// The completion script of `cmd` for `shell`, every help text quoted for where it stands.
fn generate(shell: Shell, mut cmd: clap::Command, bin: &str) -> String {
    cmd.set_bin_name(bin);
    // Built first, so that the help flags and the help subcommand clap adds get placeholders too.
    cmd.build();
    let mut texts = Vec::new();
    let mut cmd = hold_texts(cmd, &mut texts);
    let mut out = Vec::new();
    clap_complete::generate(shell, &mut cmd, bin, &mut out);
    let script = String::from_utf8(out).expect("clap_complete writes UTF-8");
    put_back(shell, &script, &texts)
}

/// Replaces every help text in `cmd` and its subcommands by a placeholder, `MARK` + index + "qz",
/// keeping the texts in `texts`. `mut_args` and `mut_subcommands` keep the order the generators
/// write in (`mut_arg` would move the argument to the end).
fn hold_texts(mut cmd: clap::Command, texts: &mut Vec<(Place, String)>) -> clap::Command {
    let mut hold = |place: Place, text: String| {
        texts.push((place, text));
        format!("{MARK}{}qz", texts.len() - 1)
    };
    if let Some(about) = cmd
        .get_about()
        .map(|a| a.to_string())
        .filter(|a| !a.is_empty())
    {
        cmd = cmd.about(hold(Place::About, about));
    }
    cmd = cmd.mut_args(|mut arg| {
        if let Some(help) = arg
            .get_help()
            .map(|h| h.to_string())
            .filter(|h| !h.is_empty())
        {
            let place = if arg.is_positional() {
                Place::Positional
            } else {
                Place::Option
            };
            arg = arg.help(hold(place, help));
        }
        let values = arg.get_possible_values();
        let takes_values = arg.get_num_args().is_some_and(|n| n.takes_values());
        if takes_values && values.iter().any(|v| v.get_help().is_some()) {
            // Only the completion generators see this parser; it offers the same values.
            let values: Vec<PossibleValue> = values
                .into_iter()
                .map(|value| match value.get_help().map(|h| h.to_string()) {
                    Some(help) if !help.is_empty() => {
                        let held = hold(Place::Value, help);
                        value.help(held)
                    }
                    _ => value,
                })
                .collect();
            arg = arg.value_parser(PossibleValuesParser::new(values));
        }
        arg
    });
    cmd.mut_subcommands(|sub| hold_texts(sub, texts))
}

/// `script` with each placeholder replaced by its text, quoted by [`escape`].
fn put_back(shell: Shell, script: &str, texts: &[(Place, String)]) -> String {
    let mut out = String::with_capacity(script.len());
    let mut rest = script;
    while let Some(at) = rest.find(MARK) {
        out.push_str(&rest[..at]);
        let after = &rest[at + MARK.len()..];
        let digits = after.bytes().take_while(u8::is_ascii_digit).count();
        let index = after[..digits]
            .parse::<usize>()
            .ok()
            .filter(|i| *i < texts.len() && after[digits..].starts_with("qz"))
            .expect("a placeholder of hold_texts");
        let (place, text) = &texts[index];
        let quoted = escape(shell, *place, text).unwrap_or_else(|| {
            panic!(
                "clap_complete now writes a {place:?} help text into the {shell} script; \
                 add how it is quoted there to completions::escape"
            )
        });
        out.push_str(&quoted);
        rest = &after[digits + 2..];
    }
    out.push_str(rest);
    out
}

/// `text` with a backslash before each of `chars`.
fn backslash(text: &str, chars: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if chars.contains(c) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// For a field of a zsh `_arguments` spec that ends at a colon: the spec parser skips `\x` pairs
/// while looking for the colon and then drops only the backslash right before each colon. So a
/// backslash goes before each colon, and when an odd number of backslashes already stands there
/// (`a\:b`, rare) one more, so that the colon stays escaped; the same at the end of the field,
/// before the colon that ends it. Only there does zsh show a text with one backslash too many.
fn zsh_spec_field(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let mut backslashes = 0;
    for c in text.chars() {
        if c == ':' {
            out.push('\\');
            if backslashes % 2 == 1 {
                out.push('\\');
            }
        }
        backslashes = if c == '\\' { backslashes + 1 } else { 0 };
        out.push(c);
    }
    // The field ends at a colon the generator writes next.
    if backslashes % 2 == 1 {
        out.push('\\');
    }
    out
}

/// `text` as it must stand at `place` in `shell`'s script, between the quotes that clap_complete
/// wrote around that place; `None` where that shell's generator writes no such text.
fn escape(shell: Shell, place: Place, text: &str) -> Option<String> {
    // A newline or a tab would end the line or the description: the shells get one line.
    let text: String = text
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    let text = text.as_str();
    // Inside '…' in zsh: a quote ends the string, and '\'' puts one in.
    let zsh_quoted = |s: String| s.replace('\'', r"'\''");
    Some(match (shell, place) {
        // `-d '…'`: fish single quotes, where only \ and ' are special.
        (Shell::Fish, Place::About | Place::Option) => backslash(text, r"\'"),
        // `-a "value\t'…'"`: the single-quoted text inside a double-quoted string (\ " $ are
        // special there), which fish expands again when it completes.
        (Shell::Fish, Place::Value) => backslash(&backslash(text, r"\'"), r#"\"$"#),
        // `'name:…'` handed to _describe, which splits at the first colon and drops backslashes.
        (Shell::Zsh, Place::About) => zsh_quoted(backslash(text, r"\")),
        // `'--name[…]'`: _arguments reads the explanation up to an unescaped ] and drops the
        // backslashes.
        (Shell::Zsh, Place::Option) => zsh_quoted(backslash(text, r"\[]:")),
        // `':name -- …:action'`: the message, shown by the completion system with % escapes.
        (Shell::Zsh, Place::Positional) => zsh_quoted(zsh_spec_field(&text.replace('%', "%%"))),
        // `'…:((value\:"…"))'`: an action field of the spec, which _arguments evals
        // (`ws=( value:"…" )`, so \ " $ ` are special) and hands to _describe (\).
        (Shell::Zsh, Place::Value) => zsh_quoted(zsh_spec_field(&backslash(
            &backslash(text, r"\"),
            r#"\"$`"#,
        ))),
        // PowerShell '…': any of its five single-quote characters ends the string; doubled, it
        // stands for itself.
        (Shell::PowerShell, Place::About | Place::Option) => {
            let mut out = String::with_capacity(text.len() + 8);
            for c in text.chars() {
                if matches!(c, '\'' | '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}') {
                    out.push(c);
                }
                out.push(c);
            }
            out
        }
        // Elvish '…': only ' is special, written ''.
        (Shell::Elvish, Place::About | Place::Option) => text.replace('\'', "''"),
        _ => return None,
    })
}

/// Every man page as (file name, contents): `alicli.1`, `alicli-sts-assume-role.1`, … One page a
/// command that is not hidden; clap's `help` subcommand gets none (and is named by none).
pub fn man_pages(cli: clap::Command) -> Result<Vec<(String, Vec<u8>)>> {
    let mut pages = Vec::new();
    let mut failed = None;
    walk_pages(
        cli,
        &mut |cmd, name, see_also| match man_page(cmd, name, see_also) {
            Ok(page) => pages.push((format!("{name}.1"), page)),
            Err(e) => failed = failed.take().or(Some(e)),
        },
    );
    match failed {
        Some(e) => Err(e),
        None => Ok(pages),
    }
}

/// The list of man pages in docs/completions.md, one Markdown item a page with its command's
/// about line (tests/it/generated.rs keeps that list current).
pub fn man_page_index(cli: clap::Command) -> String {
    let mut out = String::new();
    walk_pages(cli, &mut |cmd, name, _| {
        let about = cmd.get_about().map(|a| a.to_string()).unwrap_or_default();
        out.push_str(&format!("- [`{name}.1`](man/{name}.1): {about}\n"));
    });
    out
}

/// Calls `page` for the command of each man page, in the order of the tree, with the page's
/// name and the pages its SEE ALSO names: alicli(1), the parent's page, the children's.
fn walk_pages(cli: clap::Command, page: &mut dyn FnMut(&clap::Command, &str, &[String])) {
    fn no_help_command(cmd: clap::Command) -> clap::Command {
        cmd.disable_help_subcommand(true)
            .mut_subcommands(no_help_command)
    }
    fn walk(
        cmd: &clap::Command,
        name: &str,
        parent: Option<&str>,
        page: &mut dyn FnMut(&clap::Command, &str, &[String]),
    ) {
        if cmd.is_hide_set() {
            return;
        }
        let children: Vec<&clap::Command> =
            cmd.get_subcommands().filter(|s| !s.is_hide_set()).collect();
        let child_name = |sub: &clap::Command| format!("{name}-{}", sub.get_name());
        let mut see_also: Vec<String> = Vec::new();
        if parent.is_some() {
            see_also.push("alicli".into());
        }
        see_also.extend(parent.filter(|p| *p != "alicli").map(str::to_string));
        see_also.extend(children.iter().map(|sub| child_name(sub)));
        page(cmd, name, &see_also);
        for sub in children {
            walk(sub, &child_name(sub), Some(name), page);
        }
    }
    let mut cmd = no_help_command(cli);
    cmd.build();
    walk(&cmd, "alicli", None, page);
}

/// One page: clap_mangen's sections from the clap tree, then alicli's own. The root's
/// after-help (the exit codes in short) gives way to EXIT STATUS; a subcommand's (the keys of
/// `configure get`, say) is its NOTES.
fn man_page(cmd: &clap::Command, name: &str, see_also: &[String]) -> Result<Vec<u8>> {
    let root = name == "alicli";
    let page = clap_mangen::Man::new(cmd.clone().name(name.to_string()));
    let mut out = Vec::new();
    page.render_title(&mut out)?;
    page.render_name_section(&mut out)?;
    page.render_synopsis_section(&mut out)?;
    page.render_description_section(&mut out)?;
    if cmd.get_arguments().any(|a| !a.is_hide_set()) {
        page.render_options_section(&mut out)?;
    }
    if cmd.get_subcommands().any(|s| !s.is_hide_set()) {
        page.render_subcommands_section(&mut out)?;
    }
    let mut roff = roff::Roff::new();
    let after_help = cmd.get_after_long_help().or_else(|| cmd.get_after_help());
    if let (false, Some(text)) = (root, after_help) {
        roff.control("SH", ["NOTES"]);
        for line in text.to_string().lines() {
            roff.text([roff::roman(line)]);
        }
    }
    roff.control("SH", ["EXIT STATUS"]);
    definitions(&mut roff, &readme_table("## Exit codes"));
    if root {
        roff.control("SH", ["ENVIRONMENT"]);
        definitions(&mut roff, &readme_table("## Environment variables"));
        roff.control("SH", ["FILES"]);
        definitions(&mut roff, &files());
    } else {
        roff.control("SH", ["ENVIRONMENT"]);
        roff.text([roff::roman(
            "The variables alicli reads are listed in alicli(1); flags win over them.",
        )]);
    }
    roff.control("SH", ["SEE ALSO"]);
    let refs: Vec<String> = see_also.iter().map(|p| format!("{p}(1)")).collect();
    roff.text([roff::roman(refs.join(", "))]);
    out.extend_from_slice(roff.render().as_bytes());
    if cmd.get_version().is_some() {
        page.render_version_section(&mut out)?;
    }
    Ok(out)
}

/// `.TP` paragraphs: each term in bold, its text below.
fn definitions(roff: &mut roff::Roff, rows: &[(String, String)]) {
    for (term, text) in rows {
        roff.control("TP", []);
        roff.text([roff::bold(term.as_str())]);
        roff.text([roff::roman(text.as_str())]);
    }
}

/// The README's tables of exit codes and environment variables are the one list of each that
/// the docs keep; the man pages print them (a change there makes the committed pages stale,
/// which tests/it/generated.rs reports).
const README: &str = include_str!("../README.md");

/// The rows of the two-column table under `heading` in the README, with Markdown's backquotes
/// taken out (roff has no code font worth the name; the terms are bold anyway).
fn readme_table(heading: &str) -> Vec<(String, String)> {
    let section = README
        .split_once(&format!("\n{heading}\n"))
        .map(|(_, rest)| rest)
        .unwrap_or_else(|| panic!("README.md has no {heading:?} section"));
    let rows: Vec<(String, String)> = section
        .lines()
        .skip_while(|l| !l.starts_with('|'))
        .take_while(|l| l.starts_with('|'))
        // The heading row and the |---| row.
        .skip(2)
        .map(|line| {
            let cells: Vec<&str> = line.trim().trim_matches('|').split(" | ").collect();
            let [term, text] = cells[..] else {
                panic!("README.md's {heading:?} table has a row of other than 2 cells: {line}")
            };
            assert!(
                !line.contains("]("),
                "README.md's {heading:?} table: the man pages print its cells as plain text, so no links: {line}"
            );
            (term.trim().replace('`', ""), text.trim().replace('`', ""))
        })
        .collect();
    assert!(!rows.is_empty(), "README.md's {heading:?} table is empty");
    rows
}

/// The files alicli reads and writes, as docs/configuration.md describes them.
fn files() -> Vec<(String, String)> {
    [
        (
            "~/.config/alicli/config.toml",
            "The profile file: $XDG_CONFIG_HOME/alicli/config.toml (macOS: ~/Library/Application \
             Support/alicli/config.toml; Windows: %APPDATA%\\alicli\\config.toml), unless \
             --config-file or ALICLI_CONFIG_FILE names another. Written with mode 0600 in a 0700 \
             folder, atomically, under the lock file config.toml.lock next to it.",
        ),
        (
            "~/.cache/alicli/",
            "The cache folder ($XDG_CACHE_HOME/alicli, or ALICLI_CACHE_DIR): checkpoints/ of \
             interrupted transfers, and credentials/ of the credential sources the environment \
             names. Files 0600 in 0700 folders.",
        ),
        (
            "~/.aliyun/config.json",
            "The official Alibaba Cloud CLI's profiles (or ALIBABA_CLOUD_CONFIG_FILE), read as a \
             fallback for a profile alicli's file lacks; never written.",
        ),
        (
            "~/.alibabacloud/credentials",
            "The official libraries' INI credentials file (or ALIBABA_CLOUD_CREDENTIALS_FILE), \
             read as a fallback after the official CLI's; never written.",
        ),
        (
            "~/.local/share/man/man1/",
            "Where alicli man --install writes these pages ($XDG_DATA_HOME/man/man1).",
        ),
    ]
    .into_iter()
    .map(|(a, b)| (a.to_string(), b.to_string()))
    .collect()
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;
    use clap::{Arg, ArgAction, Command};

    /// Help text that breaks naive quoting in every shell: expansions, command substitutions,
    /// every kind of quote, backslashes (also before a colon and at the end), zsh's spec
    /// characters, a newline.
    const HOSTILE: &str = "a $.x b $(rm -rf /) c `id` d ' e \" f \\ g [h] i: j {k} l ; m | n & o \
        # p % q ~ r * s \\t \\$ \\\" \\' ’ ‘ u\\:v w\\\\:x y\\]z\nend \\";

    fn hostile_command() -> Command {
        Command::new("hostile")
            .about(HOSTILE)
            .subcommand(
                Command::new("sub")
                    .about(HOSTILE)
                    .arg(
                        Arg::new("flag")
                            .long("flag")
                            .help(HOSTILE)
                            .action(ArgAction::SetTrue),
                    )
                    .arg(Arg::new("opt").long("opt").help(HOSTILE).value_parser([
                        PossibleValue::new("one").help(HOSTILE),
                        PossibleValue::new("two").help("plain"),
                        PossibleValue::new("three"),
                    ]))
                    .arg(Arg::new("pos").help(HOSTILE)),
            )
            .subcommand(Command::new("other").about("plain"))
    }

    #[test]
    fn escape_quotes_hostile_text_for_each_place() {
        let text = "$.x $(rm -rf /) `id` ' \" \\ a:b";
        let cases = [
            (
                Shell::Fish,
                Place::About,
                r#"$.x $(rm -rf /) `id` \' " \\ a:b"#,
            ),
            (
                Shell::Fish,
                Place::Option,
                r#"$.x $(rm -rf /) `id` \' " \\ a:b"#,
            ),
            (
                Shell::Fish,
                Place::Value,
                r#"\$.x \$(rm -rf /) `id` \\' \" \\\\ a:b"#,
            ),
            (
                Shell::Zsh,
                Place::About,
                r#"$.x $(rm -rf /) `id` '\'' " \\ a:b"#,
            ),
            (
                Shell::Zsh,
                Place::Option,
                r#"$.x $(rm -rf /) `id` '\'' " \\ a\:b"#,
            ),
            (
                Shell::Zsh,
                Place::Positional,
                r#"$.x $(rm -rf /) `id` '\'' " \ a\:b"#,
            ),
            (
                Shell::Zsh,
                Place::Value,
                r#"\$.x \$(rm -rf /) \`id\` '\'' \" \\\\ a\:b"#,
            ),
            (
                Shell::PowerShell,
                Place::About,
                r#"$.x $(rm -rf /) `id` '' " \ a:b"#,
            ),
            (
                Shell::PowerShell,
                Place::Option,
                r#"$.x $(rm -rf /) `id` '' " \ a:b"#,
            ),
            (
                Shell::Elvish,
                Place::About,
                r#"$.x $(rm -rf /) `id` '' " \ a:b"#,
            ),
            (
                Shell::Elvish,
                Place::Option,
                r#"$.x $(rm -rf /) `id` '' " \ a:b"#,
            ),
        ];
        for (shell, place, expected) in cases {
            assert_eq!(
                escape(shell, place, text).as_deref(),
                Some(expected),
                "{shell} {place:?}"
            );
        }
        // Places a shell's generator never writes have no quoting.
        for place in [Place::About, Place::Option, Place::Positional, Place::Value] {
            assert_eq!(escape(Shell::Bash, place, text), None);
        }
        assert_eq!(escape(Shell::Fish, Place::Positional, text), None);
        assert_eq!(escape(Shell::Elvish, Place::Value, text), None);
        // One line each; PowerShell's other single quotes doubled too; zsh messages keep their %.
        assert_eq!(
            escape(Shell::Fish, Place::About, "a\nb\tc").unwrap(),
            "a b c"
        );
        assert_eq!(
            escape(Shell::PowerShell, Place::Option, "‘’‚‛").unwrap(),
            "‘‘’’‚‚‛‛"
        );
        assert_eq!(
            escape(Shell::Zsh, Place::Positional, "100%").unwrap(),
            "100%%"
        );
        // zsh spec fields: the colon stays escaped whatever stands before it.
        assert_eq!(zsh_spec_field(r"a:b"), r"a\:b");
        assert_eq!(zsh_spec_field(r"a\:b"), r"a\\\:b");
        assert_eq!(zsh_spec_field(r"a\\:b"), r"a\\\:b");
        assert_eq!(zsh_spec_field(r"a\b"), r"a\b");
        assert_eq!(zsh_spec_field(r"a\"), r"a\\");
        assert_eq!(zsh_spec_field(r"a\\"), r"a\\");
    }

    #[test]
    fn hostile_help_leaves_no_placeholder_and_is_quoted_in_place() {
        let line = HOSTILE.replace('\n', " ");
        for shell in [
            Shell::Bash,
            Shell::Zsh,
            Shell::Fish,
            Shell::PowerShell,
            Shell::Elvish,
        ] {
            let script = generate(shell, hostile_command(), "hostile");
            assert!(!script.contains(MARK), "{shell}: a placeholder is left");
            let quoted = |place| escape(shell, place, &line).unwrap();
            let expected: Vec<String> = match shell {
                Shell::Bash => vec![],
                Shell::Fish => vec![
                    format!("-l flag -d '{}'", quoted(Place::Option)),
                    format!("-a \"sub\" -d '{}'", quoted(Place::About)),
                    format!("-r -f -a \"one\\t'{}'", quoted(Place::Value)),
                ],
                Shell::Zsh => vec![
                    format!("'--flag[{}]'", quoted(Place::Option)),
                    format!("'sub:{}'", quoted(Place::About)),
                    format!("one\\:\"{}\"", quoted(Place::Value)),
                    format!("'::pos -- {}:_default'", quoted(Place::Positional)),
                ],
                Shell::PowerShell => vec![format!(
                    "[CompletionResult]::new('--flag', '--flag', [CompletionResultType]::ParameterName, '{}')",
                    quoted(Place::Option)
                )],
                Shell::Elvish => vec![format!("cand sub '{}'", quoted(Place::About))],
                _ => unreachable!(),
            };
            for part in expected {
                assert!(
                    script.contains(&part),
                    "{shell} script lacks {part}:\n{script}"
                );
            }
        }
        // Nothing else changes: a command without special characters gets clap's own script.
        let plain = || Command::new("plain").subcommand(Command::new("sub").about("Sub"));
        for shell in [
            Shell::Bash,
            Shell::Zsh,
            Shell::Fish,
            Shell::PowerShell,
            Shell::Elvish,
        ] {
            let mut clap_own = Vec::new();
            clap_complete::generate(shell, &mut plain(), "plain", &mut clap_own);
            assert_eq!(
                generate(shell, plain(), "plain").into_bytes(),
                clap_own,
                "{shell}"
            );
        }
    }

    /// Loads the hostile command's scripts in bash, zsh, fish and elvish (tests/shells/complete.sh)
    /// and checks that each shell shows every help text as written. A shell that is not installed
    /// is skipped, unless ALICLI_REQUIRE_SHELLS is set (tests/shells/check.sh sets it).
    #[test]
    fn hostile_help_reads_back_in_the_shells() {
        let require = std::env::var_os("ALICLI_REQUIRE_SHELLS").is_some();
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let dir = tempfile::tempdir().unwrap();
        let shown = HOSTILE.replace('\n', " ");
        // What zsh cannot show as written: an odd run of backslashes before a colon or at the end
        // of a positional argument's help gets one more (see zsh_spec_field).
        let zsh_message = format!("pos -- {}\\", shown.replace(r"u\:v", r"u\\:v"));
        let both = |m: &str, d: &str| (m.to_string(), d.to_string());
        let name_only = |m: &str| (m.to_string(), String::new());
        for shell in [Shell::Bash, Shell::Zsh, Shell::Fish, Shell::Elvish] {
            let program = shell.to_string();
            let found = std::process::Command::new("sh")
                .args(["-c", &format!("command -v {program}")])
                .stdout(std::process::Stdio::null())
                .status()
                .is_ok_and(|s| s.success());
            if !found {
                assert!(
                    !require,
                    "{program} is not installed (ALICLI_REQUIRE_SHELLS is set)"
                );
                eprintln!("skipped: {program} is not installed");
                continue;
            }
            let file = dir.path().join(format!("{program}-_hostile"));
            std::fs::write(&file, generate(shell, hostile_command(), "hostile")).unwrap();
            let expectations: Vec<(&str, Vec<(String, String)>)> = match shell {
                Shell::Bash => vec![
                    ("hostile s", vec![name_only("sub")]),
                    (
                        "hostile sub --",
                        vec![name_only("--flag"), name_only("--opt")],
                    ),
                    (
                        "hostile sub --opt ",
                        vec![name_only("one"), name_only("two")],
                    ),
                ],
                Shell::Zsh => vec![
                    ("hostile s", vec![both("sub", &shown)]),
                    (
                        "hostile sub --",
                        vec![both("--flag", &shown), both("--opt", &shown)],
                    ),
                    (
                        "hostile sub --opt ",
                        vec![both("one", &shown), both("two", "plain")],
                    ),
                    ("hostile sub ", vec![both("#message", &zsh_message)]),
                ],
                Shell::Fish => vec![
                    ("hostile s", vec![both("sub", &shown)]),
                    (
                        "hostile sub --",
                        vec![both("--flag", &shown), both("--opt", &shown)],
                    ),
                    (
                        "hostile sub --opt ",
                        vec![both("one", &shown), both("two", "plain")],
                    ),
                ],
                Shell::Elvish => vec![
                    ("hostile s", vec![both("sub", &shown)]),
                    (
                        "hostile sub --",
                        vec![both("--flag", &shown), both("--opt", &shown)],
                    ),
                ],
                _ => unreachable!(),
            };
            for (line, wanted) in expectations {
                let out = std::process::Command::new("bash")
                    .arg(root.join("tests/shells/complete.sh"))
                    .args([program.as_str(), file.to_str().unwrap(), line])
                    .output()
                    .unwrap();
                let stdout = String::from_utf8_lossy(&out.stdout);
                assert!(
                    out.status.success(),
                    "{program}: completing {line:?} failed:\n{}{stdout}",
                    String::from_utf8_lossy(&out.stderr)
                );
                let offered: Vec<(String, String)> = stdout
                    .lines()
                    .filter_map(|l| l.split_once('\t'))
                    .map(|(m, d)| (m.to_string(), d.to_string()))
                    .collect();
                for want in wanted {
                    assert!(
                        offered.contains(&want),
                        "{program}: completing {line:?} did not offer {want:?}; it offered:\n{stdout}"
                    );
                }
            }
        }
    }

    /// What the escaping does not cover: names, which clap_complete writes as they are (some
    /// escaped for fish and zsh, all inside quotes for PowerShell and elvish), and the value name
    /// of an option, which zsh gets raw inside '…' as a field of an `_arguments` spec. alicli's
    /// need no quoting; this fails when one would.
    #[test]
    fn alicli_names_need_no_quoting() {
        fn plain(s: &str) -> bool {
            !s.is_empty()
                && s.chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
        }
        fn walk(cmd: &Command, bad: &mut Vec<String>) {
            let mut names: Vec<String> = vec![cmd.get_name().to_string()];
            names.extend(cmd.get_all_aliases().map(str::to_string));
            for arg in cmd.get_arguments() {
                let longs = arg.get_long_and_visible_aliases().unwrap_or_default();
                names.extend(longs.into_iter().map(str::to_string));
                let shorts = arg.get_short_and_visible_aliases().unwrap_or_default();
                names.extend(shorts.into_iter().map(String::from));
                for value in arg.get_possible_values() {
                    names.extend(value.get_name_and_aliases().map(str::to_string));
                }
                if !arg.is_positional() {
                    let value_names = arg.get_value_names().unwrap_or_default();
                    bad.extend(
                        value_names
                            .iter()
                            .map(|v| v.to_string())
                            .filter(|v| v.contains(['\'', ':', '\\', '%'])),
                    );
                }
            }
            bad.extend(names.into_iter().filter(|n| !plain(n)));
            for sub in cmd.get_subcommands() {
                walk(sub, bad);
            }
        }
        let mut cmd = <crate::cli::Cli as clap::CommandFactory>::command();
        cmd.build();
        let mut bad = Vec::new();
        walk(&cmd, &mut bad);
        assert!(
            bad.is_empty(),
            "names that generate.rs would have to quote: {bad:?}"
        );
    }
}
