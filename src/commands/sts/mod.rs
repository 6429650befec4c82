//! `alicli sts …`: AssumeRole and GetCallerIdentity.

pub mod assume_role;
pub mod get_caller_identity;

use anyhow::Result;

use crate::http;
use crate::resolve::Session;
use crate::sts::StsClient;

/// Builds an STS client from the session's resolved credentials and endpoint.
pub(crate) fn client<'a>(
    session: &Session,
    http: &'a http::Client,
    endpoint: Option<&str>,
) -> Result<StsClient<'a>> {
    let endpoint = session.sts_endpoint(endpoint)?;
    let resolved = session.sts_credentials()?;
    crate::output::verbose(&format!("credentials from {}", resolved.source));
    Ok(StsClient {
        http,
        endpoint,
        credentials: resolved.credentials,
        retry: session.net()?.retry,
    })
}
