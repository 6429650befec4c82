//! One module per command, each with its clap arguments and a `run` function.

pub mod completions;
pub mod configure;
pub mod demo;
pub mod man;
pub mod oss;
pub mod policy;
pub mod serve;
pub mod sts;
