//! RAM policy engine: parses Alibaba Cloud RAM policy documents (identity policies, STS session
//! policies and role trust policies) and decides requests against them the way RAM does, so the
//! built-in local test cloud can grant and refuse OSS and STS calls like the real service and the
//! CLI can explain an `AccessDenied` before it is sent. Documents come from users and from the
//! wire, so parsing never panics and reports every problem with a JSON path; evaluation is pure
//! (no I/O, no clock: the caller puts `acs:CurrentTime` into the request context).
//!
//! The crate root only declares the modules and re-exports the public API, so callers write
//! `alicli_policy::Policy` and `alicli_policy::evaluate_layers` whatever file the item lives in:
//!
//! - `model`: the parsed document ([`Policy`], [`Statement`], [`Effect`], [`Patterns`],
//!   [`Principal`]) and [`PolicyError`];
//! - `parse`: [`Policy::parse`], RAM's grammar with JSON-path errors;
//! - `operator` and `condition`: [`Operator`], [`Condition`] and how a condition is tested;
//! - `net`: the networks of `IpAddress` conditions (through the `ipnet` crate);
//! - `eval`: [`evaluate`], [`evaluate_layers`] and their [`RequestContext`] and decisions;
//! - `trust`: [`trust_allows`] and [`trust_allows_federated`], for role trust policies;
//! - `system`: [`system_policy`], RAM's system policies by name;
//! - `wildcard`: [`wildcard_match`], shared by all of the above;
//! - [`catalog`], [`lint`] and [`explain`]: what `policy check` and `policy eval` build on.

pub mod catalog;
pub mod explain;
pub mod lint;

mod condition;
mod eval;
mod model;
mod net;
mod operator;
mod parse;
mod system;
mod trust;
mod wildcard;

#[cfg(test)]
mod test_support;

pub use condition::Condition;
pub use eval::{evaluate, evaluate_layers, Decision, LayeredDecision, RequestContext};
pub use model::{Effect, Patterns, Policy, PolicyError, Principal, Statement};
pub use operator::Operator;
pub use system::system_policy;
pub use trust::{trust_allows, trust_allows_federated};
pub use wildcard::wildcard_match;

/// The most characters STS accepts in the `Policy` parameter of AssumeRole.
pub const SESSION_POLICY_MAX_CHARS: usize = 2048;
