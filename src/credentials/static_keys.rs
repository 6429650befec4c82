//! Credentials that are what they are: a long-term AccessKey, or temporary credentials with
//! nothing to renew them with (exported into the environment, or saved without a role). Every
//! source that finds fixed credentials answers with one of these.

use anyhow::Result;
use chrono::Utc;

use super::{check_not_expired, check_usable, CredentialSource, Issued, ProvideCredentials};
use alicli_wire::signing::Credentials;

pub struct StaticKeys {
    source: CredentialSource,
    issued: Issued,
}

impl StaticKeys {
    /// Checks the credentials (usable in headers, not expired) before anything is sent: bad
    /// ones are exit 2, expired ones exit 3 with a hint.
    pub fn new(
        source: CredentialSource,
        credentials: Credentials,
        expiration: Option<String>,
    ) -> Result<StaticKeys> {
        let named = source.to_string();
        StaticKeys::named(source, &named, credentials, expiration)
    }

    /// [`new`](Self::new), with `named` saying in a refusal where they came from (the three
    /// variables that held them, say).
    pub fn named(
        source: CredentialSource,
        named: &str,
        credentials: Credentials,
        expiration: Option<String>,
    ) -> Result<StaticKeys> {
        check_usable(&credentials, named)?;
        if let Some(exp) = &expiration {
            check_not_expired(exp, &source, Utc::now())?;
        }
        Ok(StaticKeys {
            source,
            issued: Issued {
                credentials,
                expiration,
            },
        })
    }

    /// Credentials the caller already checked (the signer of a renewal, taken from the locked
    /// file, say).
    pub fn trusted(source: CredentialSource, issued: Issued) -> StaticKeys {
        StaticKeys { source, issued }
    }
}

impl ProvideCredentials for StaticKeys {
    fn source(&self) -> &CredentialSource {
        &self.source
    }

    fn temporary(&self) -> bool {
        self.issued.credentials.security_token.is_some()
    }

    /// Checked again before every request: a long transfer may outlive temporary credentials.
    fn credentials(&self) -> Result<Issued> {
        if let Some(exp) = &self.issued.expiration {
            check_not_expired(exp, &self.source, Utc::now())?;
        }
        Ok(self.issued.clone())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn expired_ones_are_refused_before_use() {
        let keys = StaticKeys::trusted(
            CredentialSource::Profile("p".into()),
            Issued {
                credentials: Credentials::new("STS.x", "secret-x", Some("token-x".into())),
                expiration: Some("2020-01-01T00:00:00Z".into()),
            },
        );
        let e = keys.credentials().unwrap_err();
        assert_eq!(crate::error::exit_for(&e), crate::error::Exit::Credentials);
        assert!(e.to_string().contains("assume-role"));
        assert!(!keys.renews());
        let refused = Credentials::new("STS.x", "secret-x", None);
        assert!(keys.after_refusal(&refused).unwrap().is_none());
        let e = StaticKeys::new(
            CredentialSource::Environment("ALIBABA_CLOUD_ACCESS_KEY_ID"),
            Credentials::new("LTAI\nx", "secret", None),
            None,
        )
        .err()
        .unwrap();
        assert_eq!(crate::error::exit_for(&e), crate::error::Exit::Usage);
    }
}
