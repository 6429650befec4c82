//! Credentials from the environment: `ALIBABA_CLOUD_ACCESS_KEY_ID` / `_SECRET` /
//! `ALIBABA_CLOUD_SECURITY_TOKEN` (every command), and ahead of them for OSS the `OSS_*` names
//! ossutil and the OSS SDKs read. `ALICLI_CREDENTIALS_EXPIRATION`, which alicli's own env exports
//! write beside temporary credentials, lets expired ones be refused before any request.

use anyhow::Result;

use super::static_keys::StaticKeys;
use super::CredentialSource;
use crate::config::precedence::env;
use crate::error::UsageError;
use alicli_wire::signing::Credentials;

/// The three variables of one naming.
pub struct Names {
    pub id: &'static str,
    pub secret: &'static str,
    pub token: &'static str,
}

pub const ALIBABA_CLOUD: Names = Names {
    id: "ALIBABA_CLOUD_ACCESS_KEY_ID",
    secret: "ALIBABA_CLOUD_ACCESS_KEY_SECRET",
    token: "ALIBABA_CLOUD_SECURITY_TOKEN",
};

pub const OSS: Names = Names {
    id: "OSS_ACCESS_KEY_ID",
    secret: "OSS_ACCESS_KEY_SECRET",
    token: "OSS_SESSION_TOKEN",
};

/// The expiry of temporary credentials in the environment, as alicli's exports write it.
pub const EXPIRATION: &str = "ALICLI_CREDENTIALS_EXPIRATION";

/// The credentials `names` hold, if set. Half a pair (an id without its secret) is an error
/// rather than a reason to look further: the user meant these.
pub fn find(names: &Names) -> Result<Option<StaticKeys>> {
    match (env(names.id), env(names.secret)) {
        (Some(id), Some(secret)) => {
            let token = env(names.token);
            crate::terminal::redact::register(&secret);
            if let Some(t) = &token {
                crate::terminal::redact::register(t);
            }
            let credentials = Credentials::new(&id, &secret, token.clone());
            // `assume-role --output env` and `export-credentials` export the expiry beside
            // temporary credentials, so that expired ones are refused here before any request.
            let expiration = token.as_ref().and_then(|_| env(EXPIRATION));
            Ok(Some(StaticKeys::named(
                CredentialSource::Environment(names.id),
                &format!("{} / {} / {}", names.id, names.secret, names.token),
                credentials,
                expiration,
            )?))
        }
        (Some(_), None) => {
            Err(UsageError(format!("{} is set but {} is not", names.id, names.secret)).into())
        }
        (None, Some(_)) => {
            Err(UsageError(format!("{} is set but {} is not", names.secret, names.id)).into())
        }
        (None, None) => Ok(None),
    }
}
