//! Trust policies: whether a role's trust (resource-based) policy lets a principal call
//! `sts:AssumeRole`. Statements here name a `Principal` instead of a `Resource`, and the
//! principal is matched against the caller's ARN, with an account's root standing for all of
//! its RAM identities.

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
}
