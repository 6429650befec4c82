//! alicli's integration tests, one module per area, in one test binary (as cargo and ripgrep
//! keep theirs) so that `cargo test` links the crate and the local cloud once. Each module runs
//! the real `alicli` binary against a local cloud on 127.0.0.1 that the test starts; `common`
//! is the harness they share.

mod common;

mod bad_input;
mod credentials;
mod edges;
mod emulator_conditions;
mod errors;
mod flow;
mod generated;
#[cfg(unix)]
mod install;
mod interrupts;
mod keyless;
mod layers;
mod oss_api;
mod oss_tree;
mod output_formats;
mod policy;
mod policy_probe;
mod profile_file;
#[cfg(unix)]
mod progress_display;
mod reliability;
mod secret_hygiene;
mod seed_commands;
mod signing_versions;
#[cfg(unix)]
mod special_files;
mod transfers;
mod trees;
