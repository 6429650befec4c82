//! `alicli serve`: run the local cloud in the foreground. Its first stdout line is one JSON object
//! (endpoint, seeded key, role ARN, bucket) so a script can start it and read how to use it.

use std::io::Write;
use std::path::PathBuf;

use anyhow::Result;
use clap::Args;

use crate::error::UsageError;
use alicli_localcloud::{self as emulator, CloudConfig, ServeOptions};

#[derive(Debug, Args)]
#[command(
    after_help = "Seeds by default: account 1234567890123456, region cn-hangzhou, RAM user `appserver`\n\
(AliyunSTSAssumeRoleAccess + AliyunOSSFullAccess) with a random key, role\n\
acs:ram::1234567890123456:role/oss-readonly (AliyunOSSReadOnlyAccess, trusts the account),\n\
bucket sample-bucket. See docs/serve.md for the --config format."
)]
pub struct ServeArgs {
    /// Address to listen on; port 0 picks a free port
    #[arg(long, default_value = "127.0.0.1:9000", value_name = "ADDR")]
    pub listen: String,
    /// Where objects are kept [default: a temporary folder removed on exit]
    #[arg(long, value_name = "DIR")]
    pub data_dir: Option<PathBuf>,
    /// TOML file describing the account, users, roles and buckets
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
}

pub fn load_config(path: Option<&PathBuf>) -> Result<CloudConfig> {
    let Some(path) = path else {
        return Ok(CloudConfig::default());
    };
    let text =
        crate::local_files::read_text(path, 4 * 1024 * 1024, crate::local_files::Accept::AlsoPipes)
            .map_err(|e| UsageError(format!("cannot read {}: {e}", path.display())))?;
    toml::from_str(&text).map_err(|e| {
        UsageError(format!(
            "{} is not a valid local cloud config: {}",
            path.display(),
            e.message()
        ))
        .into()
    })
}

pub fn run(args: ServeArgs) -> Result<()> {
    let config = load_config(args.config.as_ref())?;
    // Stopping by a signal must still run the drops: they shut the server down and remove the
    // temporary data folder, which an abrupt exit would leave behind in /tmp. The handler is in
    // place before the first line goes out, since a script may stop the server as soon as it
    // has read it.
    let (stop_tx, stop_rx) = std::sync::mpsc::channel::<()>();
    let handled = ctrlc::set_handler(move || {
        let _ = stop_tx.send(());
    })
    .is_ok();
    let running = emulator::start(ServeOptions {
        listen: args.listen,
        data_dir: args.data_dir,
        config,
    })?;
    let line = serde_json::to_string(&running.info)?;
    let mut out = std::io::stdout().lock();
    writeln!(out, "{line}")?;
    out.flush()?;
    drop(out);
    crate::terminal::output::info(&format!(
        "local cloud listening on {} (STS and OSS; region {}); Ctrl-C stops it",
        running.info.endpoint, running.info.region
    ));
    if !handled {
        running.wait();
        return Ok(());
    }
    let _ = stop_rx.recv();
    drop(running);
    crate::terminal::output::info("local cloud stopped");
    Ok(())
}
