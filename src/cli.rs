//! The command-line surface: clap definitions for every command, the old aliyuncli spellings as
//! aliases, and dispatch to the command modules.

use std::path::PathBuf;

use anyhow::Result;
use clap::{Args, CommandFactory, Parser, Subcommand};

use crate::commands;
use crate::session::{Globals, StsSignatureVersion};

/// Alibaba Cloud temporary credentials from a terminal or CI: STS AssumeRole, profiles, and
/// signed OSS downloads and uploads.
#[derive(Debug, Parser)]
#[command(
    name = "alicli",
    version,
    propagate_version = true,
    max_term_width = 100
)]
#[command(
    after_help = "Exit codes: 0 ok, 1 other failure, 2 bad input (nothing sent), 3 credentials rejected,\n\
4 access denied, 5 not found, 6 network or server error (after retries), 130 interrupted.\nDocs: docs/ in the source tree, or `man alicli`."
)]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalArgs,
    #[command(subcommand)]
    pub command: Command,
}

/// Flags every command takes.
#[derive(Debug, Clone, Args)]
#[command(next_help_heading = "Global options")]
pub struct GlobalArgs {
    /// Profile to use [default: default]; naming one makes it win over credentials in the environment
    #[arg(long, global = true, env = "ALICLI_PROFILE", value_name = "NAME")]
    pub profile: Option<String>,
    /// Profile file [default: ~/.config/alicli/config.toml]
    #[arg(long, global = true, env = "ALICLI_CONFIG_FILE", value_name = "PATH")]
    pub config_file: Option<PathBuf>,
    /// Region, e.g. cn-hangzhou (also ALIBABA_CLOUD_REGION_ID)
    #[arg(long, global = true, value_name = "REGION", value_parser = parse_region)]
    pub region: Option<String>,
    /// Trace each request on stderr: request line, status, request id, what was signed (secrets masked)
    #[arg(short, long, global = true, action = clap::ArgAction::Count)]
    pub verbose: u8,
    /// Print only data and errors
    #[arg(short, long, global = true)]
    pub quiet: bool,
    /// Retries of a failed request that is safe to repeat (profile key `retries`) [default: 3]
    #[arg(long, global = true, value_name = "N", value_parser = clap::value_parser!(u32).range(0..=20))]
    pub retries: Option<u32>,
    /// Seconds to wait for a connection [default: 10]
    #[arg(long, global = true, value_name = "SECONDS", value_parser = parse_seconds)]
    pub connect_timeout: Option<std::time::Duration>,
    /// Seconds to wait for the next bytes of an answer [default: 60]
    #[arg(long, global = true, value_name = "SECONDS", value_parser = parse_seconds)]
    pub read_timeout: Option<std::time::Duration>,
    /// Proxy for every request, e.g. http://proxy:3128 (else HTTPS_PROXY, HTTP_PROXY, ALL_PROXY, NO_PROXY)
    #[arg(long, global = true, value_name = "URL")]
    pub proxy: Option<String>,
    /// Signature of STS calls: v1 (HMAC-SHA1) or v3 (ACS3-HMAC-SHA256), a role profile's renewals included (profile key `sts_signature_version`) [default: v1]
    #[arg(long, global = true, value_enum, value_name = "VERSION")]
    pub sts_signature_version: Option<StsSignatureVersion>,
}

fn parse_region(text: &str) -> Result<String, String> {
    // Empty means "not given", as before (scripts pass `--region "$REGION"` unset).
    if text.is_empty() {
        return Ok(String::new());
    }
    alicli_wire::endpoint::check_region(text, "--region")
        .map(|()| text.to_string())
        .map_err(|e| e.to_string())
}

fn parse_seconds(text: &str) -> Result<std::time::Duration, String> {
    match text.trim().parse::<f64>() {
        Ok(s) if s > 0.0 && s <= 86_400.0 => Ok(std::time::Duration::from_secs_f64(s)),
        _ => Err(format!(
            "{text:?} is not a number of seconds (more than 0, at most 86400)"
        )),
    }
}

impl GlobalArgs {
    pub fn globals(&self) -> Globals {
        Globals {
            profile: self.profile.clone().filter(|p| !p.is_empty()),
            config_file: self.config_file.clone(),
            region: self.region.clone().filter(|r| !r.is_empty()),
            retries: self.retries,
            connect_timeout: self.connect_timeout,
            read_timeout: self.read_timeout,
            // Kept even when empty: `--proxy ''` is a mistake to report, not a way to go direct.
            proxy: self.proxy.clone(),
            sts_signature_version: self.sts_signature_version,
        }
    }
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Store a RAM user's long-term AccessKey (and region, STS endpoint) in a profile
    Configure(commands::configure::ConfigureArgs),
    /// Security Token Service: assume a role, show who you are
    Sts {
        #[command(subcommand)]
        command: StsCommand,
    },
    /// Object Storage Service: configure, list, describe, download and upload objects
    Oss {
        #[command(subcommand)]
        command: OssCommand,
    },
    /// RAM policies: check a document, evaluate requests against it, probe what credentials may do
    Policy {
        #[command(subcommand)]
        command: PolicyCommand,
    },
    /// Run the local cloud: an STS + OSS endpoint on loopback that checks signatures and policies
    Serve(commands::serve::ServeArgs),
    /// Walk through the whole flow against a throwaway local cloud
    Demo(commands::demo::DemoArgs),
    /// Print a shell completion script
    Completions(commands::completions::CompletionsArgs),
    /// Write man pages generated from this command line's definitions
    #[command(hide = true)]
    Man(commands::completions::ManArgs),
}

#[derive(Debug, Subcommand)]
pub enum StsCommand {
    /// Get temporary credentials for a RAM role (AssumeRole)
    #[command(alias = "AssumeRole")]
    AssumeRole(commands::sts::assume_role::AssumeRoleArgs),
    /// Get temporary credentials for a RAM role with an OIDC token, no AccessKey (AssumeRoleWithOIDC)
    #[command(alias = "AssumeRoleWithOIDC")]
    AssumeRoleWithOidc(commands::sts::assume_role_with_oidc::AssumeRoleWithOidcArgs),
    /// Show the identity behind the current credentials (GetCallerIdentity)
    #[command(alias = "GetCallerIdentity")]
    GetCallerIdentity(commands::sts::get_caller_identity::GetCallerIdentityArgs),
}

#[derive(Debug, Subcommand)]
pub enum OssCommand {
    /// Store the OSS endpoint and credentials (e.g. temporary ones) in the profile's oss section
    #[command(alias = "Config")]
    Config(commands::oss::config::OssConfigArgs),
    /// Download an object to a file, a folder or stdout
    #[command(alias = "Get")]
    Get(commands::oss::get::GetArgs),
    /// Upload a file or stdin to an object
    #[command(alias = "Put")]
    Put(commands::oss::put::PutArgs),
    /// Print a presigned URL for an object (GET or PUT), usable without credentials until it expires
    #[command(alias = "SignUrl")]
    Sign(commands::oss::sign::SignArgs),
    /// Copy a file, an object or (with -r) a whole folder or prefix: local ↔ OSS, OSS → OSS
    Cp(commands::oss::cp::CpArgs),
    /// Copy only what is missing or different between a folder and a prefix, or two prefixes
    Sync(commands::oss::sync::SyncArgs),
    /// Delete an object, or (with -r) every object under a prefix
    Rm(commands::oss::rm::RmArgs),
    /// List buckets, or the objects and folders under a prefix
    Ls(commands::oss::ls::LsArgs),
    /// Show an object's size, dates, checksums, type and metadata (HeadObject)
    Stat(commands::oss::stat::StatArgs),
}

#[derive(Debug, Subcommand)]
pub enum PolicyCommand {
    /// Validate policy documents and point out likely mistakes, with JSON paths (exit 2 on errors)
    Check(commands::policy::check::CheckArgs),
    /// Decide requests against policies offline and show which statement decided
    Eval(commands::policy::eval::EvalArgs),
    /// Try object operations under a prefix with a profile's credentials and show what is allowed
    Probe(commands::policy::probe::ProbeArgs),
}

pub fn run(cli: Cli) -> Result<()> {
    crate::terminal::output::configure(cli.global.verbose, cli.global.quiet);
    let globals = cli.global.globals();
    match cli.command {
        Command::Configure(args) => commands::configure::run(globals, args),
        Command::Sts { command } => match command {
            StsCommand::AssumeRole(args) => commands::sts::assume_role::run(globals, args),
            StsCommand::AssumeRoleWithOidc(args) => {
                commands::sts::assume_role_with_oidc::run(globals, args)
            }
            StsCommand::GetCallerIdentity(args) => {
                commands::sts::get_caller_identity::run(globals, args)
            }
        },
        Command::Oss { command } => match command {
            OssCommand::Config(args) => commands::oss::config::run(globals, args),
            OssCommand::Get(args) => commands::oss::get::run(globals, args),
            OssCommand::Put(args) => commands::oss::put::run(globals, args),
            OssCommand::Sign(args) => commands::oss::sign::run(globals, args),
            OssCommand::Cp(args) => copy(globals, args),
            OssCommand::Sync(args) => commands::oss::sync::run(globals, args),
            OssCommand::Rm(args) => commands::oss::rm::run(globals, args),
            OssCommand::Ls(args) => commands::oss::ls::run(globals, args),
            OssCommand::Stat(args) => commands::oss::stat::run(globals, args),
        },
        Command::Policy { command } => match command {
            PolicyCommand::Check(args) => commands::policy::check::run(args),
            PolicyCommand::Eval(args) => commands::policy::eval::run(globals, args),
            PolicyCommand::Probe(args) => commands::policy::probe::run(globals, args),
        },
        Command::Serve(args) => commands::serve::run(args),
        Command::Demo(args) => commands::demo::run(args),
        Command::Completions(args) => commands::completions::run(args, Cli::command()),
        Command::Man(args) => commands::completions::run_man(args, Cli::command()),
    }
}

/// `oss cp` of one file to or from this machine is `put` or `get` (the same checks, progress and
/// resume); trees and OSS → OSS copies are `cp`'s own.
fn copy(globals: crate::session::Globals, args: commands::oss::cp::CpArgs) -> Result<()> {
    use commands::oss::cp::{direction, Direction};
    if args.recursive {
        return commands::oss::cp::run(globals, args);
    }
    match direction(&args.source, &args.dest)? {
        Direction::Across => commands::oss::cp::run(globals, args),
        Direction::Up => commands::oss::put::run(
            globals,
            commands::oss::put::PutArgs {
                source: args.source,
                dest: args.dest.to_string_lossy().into_owned(),
                recursive: false,
                object: args.object,
                tree: args.tree,
                oss: args.oss,
                transfer: args.transfer,
            },
        ),
        Direction::Down => {
            if args.object.replaces_metadata()
                || args.object.storage_class.is_some()
                || args.object.acl.is_some()
            {
                crate::error::usage!(
                    "--meta, --content-type, --storage-class and the like are for uploads and copies, not downloads"
                );
            }
            commands::oss::get::run(
                globals,
                commands::oss::get::GetArgs {
                    source: args.source.to_string_lossy().into_owned(),
                    dest: Some(args.dest),
                    recursive: false,
                    no_overwrite: args.object.no_overwrite,
                    tree: args.tree,
                    oss: args.oss,
                    transfer: args.transfer,
                },
            )
        }
    }
}
