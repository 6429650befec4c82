//! alicli: the Alibaba Cloud temporary-credential flow in one binary. STS AssumeRole with an
//! inline policy, credentials kept in a profile file, OSS downloads and uploads signed with them,
//! and a local cloud to test all of it against.
//!
//! The crate is a library so that tests and fuzz targets can reach the parsers and signers; the
//! binary in `main.rs` is a thin shell around [`cli::run`].

pub mod cli;
pub mod clients;
pub mod commands;
pub mod completion_candidates;
pub mod config;
pub mod credentials;
pub mod error;
pub mod generate;
pub mod local_files;
pub mod net;
pub mod oss;
pub mod policy_input;
pub mod session;
pub mod sts;
pub mod terminal;

/// Keeps this process's memory, which holds AccessKey secrets and security tokens, out of core
/// dumps, and out of reach of other processes of the same user (ptrace, /proc/PID/mem), as
/// ssh-agent and gpg-agent do. Called first thing in `main`; a no-op where Linux's
/// `PR_SET_DUMPABLE` does not exist.
pub fn forbid_core_dumps() {
    #[cfg(target_os = "linux")]
    // SAFETY: prctl(PR_SET_DUMPABLE, 0) takes integer arguments only and changes nothing but
    // this process's dumpable flag.
    unsafe {
        libc::prctl(libc::PR_SET_DUMPABLE, 0, 0, 0, 0);
    }
}

/// Writes data to stdout. A closed pipe (`alicli … | head`) surfaces as a BrokenPipe error that
/// `main` turns into a quiet exit.
pub fn write_stdout(data: &[u8]) -> anyhow::Result<()> {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    out.write_all(data)?;
    out.flush()?;
    Ok(())
}

/// True when the error is only that stdout was closed by the reader.
pub fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|c| {
        c.downcast_ref::<std::io::Error>()
            .is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe)
    })
}

static INTERRUPTED: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// The user pressed Ctrl-C during a transfer: the transfer stops between parts and cleans up.
#[derive(Debug)]
pub struct Interrupted;

impl std::fmt::Display for Interrupted {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("interrupted")
    }
}
impl std::error::Error for Interrupted {}

/// True once Ctrl-C was pressed (after [`catch_interrupts`]).
pub fn interrupted() -> bool {
    INTERRUPTED.load(std::sync::atomic::Ordering::Relaxed)
}

/// Makes the first Ctrl-C a request to stop cleanly (transfers finish their current part, then
/// keep their checkpoint or abort, and say which); a second Ctrl-C exits at once.
pub fn catch_interrupts() {
    let _ = ctrlc::set_handler(|| {
        if INTERRUPTED.swap(true, std::sync::atomic::Ordering::SeqCst) {
            std::process::exit(130);
        }
        let _ = std::io::Write::write_all(
            &mut std::io::stderr(),
            b"\ninterrupting: finishing the parts in flight (Ctrl-C again to quit at once)\n",
        );
    });
}
