//! `alicli oss …`: config, get, put.

pub mod config;
pub mod get;
pub mod put;

use anyhow::Result;

use crate::http;
use crate::oss::{OssClient, SignVersion};
use crate::resolve::Session;

/// Builds an OSS client from the session: endpoint, credentials and signing version.
pub(crate) fn client<'a>(
    session: &Session,
    http: &'a http::Client,
    endpoint: Option<&str>,
) -> Result<OssClient<'a>> {
    let endpoint = session.oss_endpoint(endpoint)?;
    let resolved = session.oss_credentials()?;
    crate::output::verbose(&format!(
        "credentials from {}; endpoint {endpoint}",
        resolved.source
    ));
    Ok(OssClient {
        http,
        endpoint,
        credentials: resolved.credentials,
        sign: SignVersion::V1,
    })
}

/// Adds the OSS hint to a service error from `client`.
pub(crate) fn with_hint(err: anyhow::Error, client: &OssClient) -> anyhow::Error {
    let temporary = client.credentials.security_token.is_some();
    crate::hints::attach(err, |e| crate::hints::oss(e, temporary))
}
