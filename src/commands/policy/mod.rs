//! `alicli policy …`: check a policy document, evaluate requests against policies offline, and
//! probe what a profile's credentials may really do. Reading the policies they are given is
//! [`crate::policy_input`]'s.

pub mod check;
pub mod eval;
pub mod probe;
