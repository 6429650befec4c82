//! `alicli sts …`: AssumeRole and GetCallerIdentity.

pub mod assume_role;
pub mod get_caller_identity;
