//! The `alicli` binary: parse the command line, run, and map the outcome to an exit code.

use std::process::ExitCode;

use clap::{CommandFactory, Parser};

use alicli::error::{exit_for, Exit};

fn main() -> ExitCode {
    alicli::forbid_core_dumps();
    // A completion request (ALICLI_COMPLETE set, see completion_candidates) is answered here and
    // exits; before anything is parsed or printed, as the engine requires.
    if std::env::var_os(alicli::completion_candidates::ENV_VAR).is_some() {
        let args: Vec<_> = std::env::args_os().collect();
        alicli::completion_candidates::note_command_line(&args);
        clap_complete::CompleteEnv::with_factory(alicli::cli::Cli::command)
            .var(alicli::completion_candidates::ENV_VAR)
            .complete();
    }
    let cli = match alicli::cli::Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            // clap prints help/version on stdout and usage errors on stderr; usage errors exit 2.
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() {
                Exit::Usage as u8
            } else {
                Exit::Ok as u8
            });
        }
    };
    match alicli::cli::run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) if alicli::is_broken_pipe(&err) => ExitCode::SUCCESS,
        Err(err) if err.chain().any(|c| c.is::<alicli::Interrupted>()) => {
            alicli::terminal::output::error(&format!("{err:#}"));
            ExitCode::from(130)
        }
        Err(err) => {
            alicli::terminal::output::error(&format!("{err:#}"));
            ExitCode::from(exit_for(&err) as u8)
        }
    }
}
