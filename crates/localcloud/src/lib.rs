//! The local cloud: one HTTP endpoint on loopback that answers STS (`Action=…` at `/`) and OSS
//! (objects, path-style or virtual-hosted), checks every signature and security token, enforces
//! RAM policies (role policies intersected with the session policy), and answers with the real
//! error codes and bodies. It is the server of the test suite, the engine of `alicli demo`, and a
//! place for operators to try a role policy before touching the real cloud.
//!
//! It runs on its own thread with its own tokio runtime, so blocking clients (ours, or the
//! official SDKs) can talk to it from the same process.
//!
//! The parts: `config` (what it is seeded with), `cloud` (the shared state), `server` (start,
//! stop, routing), `control` (the `/-/` endpoints), `auth` (signatures and RAM), `sts` and
//! `sts_oidc` (AssumeRoleWithOIDC), `oss` (one module per family of operations), `store`
//! (objects on disk), `faults`, and for keyless credentials `oidc` (the built-in OIDC issuer)
//! and `metadata` (the GitHub Actions token endpoint, the ECS metadata service, a credentials
//! URI).

mod auth;
mod cloud;
mod config;
mod control;
pub mod faults;
mod metadata;
mod oidc;
mod oss;
mod server;
mod store;
mod sts;
mod sts_oidc;

pub use config::{
    CloudConfig, EcsConfig, GithubActionsConfig, ImdsMode, OidcProviderConfig, RoleConfig,
    SeedInfo, ServeOptions, UserConfig, DEFAULT_ACCOUNT, DEFAULT_BUCKET, DEFAULT_ECS_ROLE,
    DEFAULT_OIDC_PROVIDER, DEFAULT_OIDC_ROLE, DEFAULT_REGION, DEFAULT_ROLE,
};
pub use server::{start, Running};
