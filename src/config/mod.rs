//! What the user configured: alicli's profile file, the official CLI's file, and where they live.

pub mod official_cli;
pub mod paths;
pub mod profile;
