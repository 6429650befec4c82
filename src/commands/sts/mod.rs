//! `alicli sts …`: AssumeRole, AssumeRoleWithOIDC and GetCallerIdentity.

pub mod assume_role;
pub mod assume_role_with_oidc;
pub mod get_caller_identity;
