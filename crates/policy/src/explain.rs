//! Explanations for `policy eval`: which statements came close to deciding a request. A statement
//! whose Action and Resource match but whose Condition fails is the usual reason an operator sees
//! an implicit deny they did not expect (a missing `acs:SourceIp`, a time window that has
//! passed), so eval names those statements and the conditions that failed.

use crate::{Effect, Policy, RequestContext};

/// A condition of a matching statement that does not hold for the request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnmetCondition {
    pub operator: &'static str,
    pub key: String,
    pub values: Vec<String>,
    /// Whether the request context has the key at all.
    pub present: bool,
}

/// A statement that matches the request's action and resource but not its conditions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NearMiss {
    pub statement: usize,
    pub effect: Effect,
    pub unmet: Vec<UnmetCondition>,
}

/// The statements of `policy` that would apply to `request` but for their conditions.
pub fn near_misses(policy: &Policy, request: &RequestContext) -> Vec<NearMiss> {
    let action = request.action.to_lowercase();
    let mut out = Vec::new();
    for (index, statement) in policy.statements.iter().enumerate() {
        let Some(resource) = &statement.resource else {
            continue;
        };
        if statement.principal.is_some()
            || !statement.action.matches(&action, true)
            || !resource.matches(&request.resource, false)
        {
            continue;
        }
        let unmet: Vec<UnmetCondition> = statement
            .conditions
            .iter()
            .filter(|c| !c.holds(&request.context))
            .map(|c| UnmetCondition {
                operator: c.operator.name(),
                key: c.key.clone(),
                values: c.values(),
                present: request
                    .context
                    .iter()
                    .any(|(k, _)| k.eq_ignore_ascii_case(&c.key)),
            })
            .collect();
        if !unmet.is_empty() {
            out.push(NearMiss {
                statement: index,
                effect: statement.effect,
                unmet,
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn conditions_that_failed_are_named() {
        let policy = Policy::parse(
            r#"{"Version":"1","Statement":[
                {"Effect":"Allow","Action":"oss:GetObject","Resource":"*","Condition":{"IpAddress":{"acs:SourceIp":"10.0.0.0/8"},"Bool":{"acs:SecureTransport":"true"}}},
                {"Effect":"Allow","Action":"oss:PutObject","Resource":"*","Condition":{"IpAddress":{"acs:SourceIp":"10.0.0.0/8"}}},
                {"Effect":"Deny","Action":"oss:GetObject","Resource":"acs:oss:*:*:other/*","Condition":{"Bool":{"acs:SecureTransport":"false"}}}]}"#,
        )
        .unwrap();
        let request = RequestContext {
            action: "OSS:GetObject".into(),
            resource: "acs:oss:*:*:b1/k".into(),
            context: vec![("acs:SecureTransport".into(), "true".into())],
        };
        assert_eq!(
            near_misses(&policy, &request),
            vec![NearMiss {
                statement: 0,
                effect: Effect::Allow,
                unmet: vec![UnmetCondition {
                    operator: "IpAddress",
                    key: "acs:SourceIp".into(),
                    values: vec!["10.0.0.0/8".into()],
                    present: false,
                }],
            }]
        );
        let inside = RequestContext {
            context: vec![
                ("acs:SecureTransport".into(), "true".into()),
                ("acs:SourceIp".into(), "10.1.1.1".into()),
            ],
            ..request
        };
        assert!(near_misses(&policy, &inside).is_empty());
    }
}
