//! Trust policies: whether a role's trust (resource-based) policy lets a principal call
//! `sts:AssumeRole`. Statements here name a `Principal` instead of a `Resource`, and the
//! principal is matched against the caller's ARN, with an account's root standing for all of
//! its RAM identities. A federated caller (AssumeRoleWithOIDC) is matched against the
//! `Federated` principals instead, and its token's claims are the context of the conditions.

use crate::model::{Effect, Policy, Principal};

/// Does a trust policy (statements with Principal) let `principal_arn` (e.g.
/// "acs:ram::1234567890123456:root" or a user ARN "acs:ram::1234567890123456:user/appserver")
/// perform "sts:AssumeRole"? Principal forms: {"RAM": [arn...]} (an account root ARN trusts every
/// RAM user of that account), {"Service": [...]} (never matches a user), "*" .
///
/// Conditions are evaluated against an empty context, so a conditional trust statement (for
/// example one requiring a SAML attribute) never grants here and a conditional Deny never
/// applies.
pub fn trust_allows(trust_policy: &Policy, principal_arn: &str) -> bool {
    let mut allowed = false;
    for statement in &trust_policy.statements {
        let Some(principal) = &statement.principal else {
            continue;
        };
        if !statement.action.matches("sts:assumerole", true)
            || !principal.matches(principal_arn)
            || !statement.conditions.iter().all(|c| c.holds(&[]))
        {
            continue;
        }
        match statement.effect {
            Effect::Deny => return false,
            Effect::Allow => allowed = true,
        }
    }
    allowed
}

/// Does a trust policy let the OIDC provider `provider_arn`
/// ("acs:ram::<account>:oidc-provider/<name>") assume the role, for a token whose claims are in
/// `context`? This is RAM's trust-policy form for OIDC roles:
/// `"Principal": {"Federated": ["acs:ram::<account>:oidc-provider/<name>"]}` with conditions on
/// `oidc:iss`, `oidc:aud` and `oidc:sub`. The caller puts those keys into `context` (`oidc:aud`
/// once per audience of the token), so every condition operator applies to them as to any
/// request key, and a condition on a key the context lacks fails.
///
/// Only `Federated` principals (and `"*"`) match: an account root trusts that account's RAM
/// identities, not the tokens of its identity providers. An explicit Deny wins.
pub fn trust_allows_federated(
    trust_policy: &Policy,
    provider_arn: &str,
    context: &[(String, String)],
) -> bool {
    let mut allowed = false;
    for statement in &trust_policy.statements {
        let Some(principal) = &statement.principal else {
            continue;
        };
        if !statement.action.matches("sts:assumerole", true)
            || !principal.matches_federated(provider_arn)
            || !statement.conditions.iter().all(|c| c.holds(context))
        {
            continue;
        }
        match statement.effect {
            Effect::Deny => return false,
            Effect::Allow => allowed = true,
        }
    }
    allowed
}

impl Principal {
    fn matches(&self, arn: &str) -> bool {
        match self {
            Principal::Anyone => true,
            Principal::Entities { ram, service, .. } => {
                ram.iter().any(|entry| ram_principal_matches(entry, arn))
                    // Service principals are names like "ecs.aliyuncs.com", which no ARN equals.
                    || service.iter().any(|s| s.eq_ignore_ascii_case(arn))
            }
        }
    }

    /// RAM compares ARNs without regard to case (as STS does for role ARNs).
    fn matches_federated(&self, provider_arn: &str) -> bool {
        match self {
            Principal::Anyone => true,
            Principal::Entities { federated, .. } => federated
                .iter()
                .any(|entry| entry.eq_ignore_ascii_case(provider_arn)),
        }
    }
}

/// Splits `acs:ram::<account>:<rest>` into account and rest.
fn ram_arn(arn: &str) -> Option<(&str, &str)> {
    let rest = arn.strip_prefix("acs:ram::")?;
    let (account, name) = rest.split_once(':')?;
    (!account.is_empty() && !name.is_empty()).then_some((account, name))
}

fn ram_principal_matches(entry: &str, arn: &str) -> bool {
    if entry == "*" || entry == arn {
        return true;
    }
    // Trusting an account's root delegates the choice to that account: any of its RAM users or
    // roles may assume the role if its own policies allow it.
    match (ram_arn(entry), ram_arn(arn)) {
        (Some((trusted, "root")), Some((account, _))) => trusted == account,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::eval::evaluate;
    use crate::test_support::{req, IMPLICIT, READ_ONLY};

    #[test]
    fn trust_policies() {
        let account = Policy::parse(
            r#"{"Version":"1","Statement":[{"Action":"sts:AssumeRole","Effect":"Allow","Principal":{"RAM":["acs:ram::1234567890123456:root"]}}]}"#,
        )
        .unwrap();
        assert!(trust_allows(&account, "acs:ram::1234567890123456:root"));
        assert!(trust_allows(
            &account,
            "acs:ram::1234567890123456:user/appserver"
        ));
        assert!(trust_allows(
            &account,
            "acs:ram::1234567890123456:role/other"
        ));
        assert!(!trust_allows(
            &account,
            "acs:ram::6543210987654321:user/appserver"
        ));
        assert!(!trust_allows(
            &account,
            "acs:ram::12345678901234567:user/appserver"
        ));
        assert!(!trust_allows(&account, "1234567890123456"));

        let user = Policy::parse(
            r#"{"Version":"1","Statement":[{"Action":"STS:assumerole","Effect":"Allow","Principal":{"RAM":"acs:ram::1234567890123456:user/appserver"}}]}"#,
        )
        .unwrap();
        assert!(trust_allows(
            &user,
            "acs:ram::1234567890123456:user/appserver"
        ));
        assert!(!trust_allows(&user, "acs:ram::1234567890123456:user/other"));
        assert!(!trust_allows(&user, "acs:ram::1234567890123456:root"));

        let service = Policy::parse(
            r#"{"Version":"1","Statement":[{"Action":"sts:AssumeRole","Effect":"Allow","Principal":{"Service":["ecs.aliyuncs.com"]}}]}"#,
        )
        .unwrap();
        assert!(!trust_allows(
            &service,
            "acs:ram::1234567890123456:user/appserver"
        ));
        assert!(!trust_allows(&service, "acs:ram::1234567890123456:root"));

        let anyone_but = Policy::parse(
            r#"{"Version":"1","Statement":[
                {"Action":"sts:AssumeRole","Effect":"Allow","Principal":"*"},
                {"Action":"sts:*","Effect":"Deny","Principal":{"RAM":"acs:ram::999:root"}}]}"#,
        )
        .unwrap();
        assert!(trust_allows(
            &anyone_but,
            "acs:ram::1234567890123456:user/a"
        ));
        assert!(!trust_allows(&anyone_but, "acs:ram::999:user/a"));

        let wrong_action = Policy::parse(
            r#"{"Version":"1","Statement":[{"Action":"sts:GetCallerIdentity","Effect":"Allow","Principal":"*"}]}"#,
        )
        .unwrap();
        assert!(!trust_allows(&wrong_action, "acs:ram::1:root"));

        // Identity policies carry no Principal and grant nothing in a trust check; trust
        // statements grant nothing to an ordinary request.
        let identity = Policy::parse(READ_ONLY).unwrap();
        assert!(!trust_allows(&identity, "acs:ram::1:root"));
        assert_eq!(
            evaluate(
                &[&account],
                &req("sts:AssumeRole", "acs:ram::1:role/r", &[])
            ),
            IMPLICIT
        );
    }

    const PROVIDER: &str = "acs:ram::1234567890123456:oidc-provider/alicli-ci";

    fn claims(iss: &str, sub: &str, auds: &[&str]) -> Vec<(String, String)> {
        let mut context = vec![
            ("oidc:iss".to_string(), iss.to_string()),
            ("oidc:sub".to_string(), sub.to_string()),
        ];
        context.extend(auds.iter().map(|a| ("oidc:aud".to_string(), a.to_string())));
        context
    }

    #[test]
    fn federated_trust_checks_the_provider_and_the_claims() {
        let ci = Policy::parse(
            r#"{"Version":"1","Statement":[{"Action":"sts:AssumeRole","Effect":"Allow",
                "Principal":{"Federated":["acs:ram::1234567890123456:oidc-provider/alicli-ci"]},
                "Condition":{"StringLike":{"oidc:sub":"repo:alicli/*"},
                             "StringEquals":{"oidc:aud":"sts.aliyuncs.com","oidc:iss":"https://issuer"}}}]}"#,
        )
        .unwrap();
        let good = claims(
            "https://issuer",
            "repo:alicli/demo:ref:refs/heads/main",
            &["sts.aliyuncs.com"],
        );
        assert!(trust_allows_federated(&ci, PROVIDER, &good));
        // The ARN is compared without regard to case.
        assert!(trust_allows_federated(&ci, &PROVIDER.to_uppercase(), &good));
        assert!(!trust_allows_federated(
            &ci,
            "acs:ram::1234567890123456:oidc-provider/other",
            &good
        ));
        let other_repo = claims(
            "https://issuer",
            "repo:someone/demo:ref:refs/heads/main",
            &["sts.aliyuncs.com"],
        );
        assert!(!trust_allows_federated(&ci, PROVIDER, &other_repo));
        let other_aud = claims(
            "https://issuer",
            "repo:alicli/x",
            &["https://github.com/alicli"],
        );
        assert!(!trust_allows_federated(&ci, PROVIDER, &other_aud));
        // One matching audience among several is enough for StringEquals.
        let two_auds = claims(
            "https://issuer",
            "repo:alicli/x",
            &["other", "sts.aliyuncs.com"],
        );
        assert!(trust_allows_federated(&ci, PROVIDER, &two_auds));
        let other_iss = claims("https://elsewhere", "repo:alicli/x", &["sts.aliyuncs.com"]);
        assert!(!trust_allows_federated(&ci, PROVIDER, &other_iss));
        // A condition on a claim the context lacks fails.
        let no_sub = vec![
            ("oidc:iss".to_string(), "https://issuer".to_string()),
            ("oidc:aud".to_string(), "sts.aliyuncs.com".to_string()),
        ];
        assert!(!trust_allows_federated(&ci, PROVIDER, &no_sub));
        // The ? wildcard matches one character.
        let one_char = Policy::parse(
            r#"{"Version":"1","Statement":[{"Action":"sts:AssumeRole","Effect":"Allow",
                "Principal":{"Federated":"acs:ram::1234567890123456:oidc-provider/alicli-ci"},
                "Condition":{"StringLike":{"oidc:sub":"job-?"}}}]}"#,
        )
        .unwrap();
        assert!(trust_allows_federated(
            &one_char,
            PROVIDER,
            &claims("i", "job-1", &["a"])
        ));
        assert!(!trust_allows_federated(
            &one_char,
            PROVIDER,
            &claims("i", "job-12", &["a"])
        ));
    }

    #[test]
    fn federated_and_ram_principals_are_apart() {
        let account = Policy::parse(
            r#"{"Version":"1","Statement":[{"Action":"sts:AssumeRole","Effect":"Allow","Principal":{"RAM":["acs:ram::1234567890123456:root"]}}]}"#,
        )
        .unwrap();
        // An account root trusts the account's RAM identities, not its providers' tokens.
        assert!(!trust_allows_federated(
            &account,
            PROVIDER,
            &claims("i", "s", &["a"])
        ));
        let federated = Policy::parse(
            r#"{"Version":"1","Statement":[{"Action":"sts:AssumeRole","Effect":"Allow","Principal":{"Federated":["acs:ram::1234567890123456:oidc-provider/alicli-ci"]}}]}"#,
        )
        .unwrap();
        assert!(trust_allows_federated(&federated, PROVIDER, &[]));
        // ... and a provider's ARN is no RAM user.
        assert!(!trust_allows(&federated, PROVIDER));
        assert!(!trust_allows(
            &federated,
            "acs:ram::1234567890123456:user/appserver"
        ));
        let wrong_action = Policy::parse(
            r#"{"Version":"1","Statement":[{"Action":"sts:GetCallerIdentity","Effect":"Allow","Principal":{"Federated":["acs:ram::1234567890123456:oidc-provider/alicli-ci"]}}]}"#,
        )
        .unwrap();
        assert!(!trust_allows_federated(&wrong_action, PROVIDER, &[]));
        let denied = Policy::parse(
            r#"{"Version":"1","Statement":[
                {"Action":"sts:AssumeRole","Effect":"Allow","Principal":{"Federated":["acs:ram::1234567890123456:oidc-provider/alicli-ci"]}},
                {"Action":"sts:*","Effect":"Deny","Principal":"*","Condition":{"StringLike":{"oidc:sub":"repo:alicli/secret*"}}}]}"#,
        )
        .unwrap();
        assert!(trust_allows_federated(
            &denied,
            PROVIDER,
            &claims("i", "repo:alicli/demo", &["a"])
        ));
        assert!(!trust_allows_federated(
            &denied,
            PROVIDER,
            &claims("i", "repo:alicli/secrets", &["a"])
        ));
    }
}
