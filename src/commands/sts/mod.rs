//! `alicli sts …`: AssumeRole and GetCallerIdentity.

pub mod assume_role;
pub mod get_caller_identity;

use anyhow::Result;

use crate::net::http;
use crate::resolve::{CredentialSource, Session};
use crate::sts::StsClient;

/// Builds an STS client from the session's credentials and endpoint. The client asks a
/// credentials provider before every attempt, so a role profile renews itself, and renews once
/// more when STS refuses what it holds.
pub(crate) fn client<'a>(
    session: &Session,
    http: &'a http::Client,
    endpoint: Option<&str>,
) -> Result<StsClient<'a>> {
    let provider = crate::credentials::for_sts(session, endpoint)?;
    let endpoint = session.sts_endpoint(endpoint)?;
    crate::terminal::output::verbose(&format!("credentials from {}", provider.source()));
    let credentials = provider.current()?;
    Ok(StsClient {
        http,
        endpoint,
        credentials,
        retry: session.net()?.retry,
        provider: Some(std::sync::Arc::new(provider)),
    })
}

/// Where the client's credentials come from.
pub(crate) fn source_of(client: &StsClient) -> Option<CredentialSource> {
    client.provider.as_ref().map(|p| p.source().clone())
}
