//! Fixtures shared by the unit tests of parsing, evaluation and trust checks: sample policies
//! from the RAM documentation, a request builder and the usual expected decisions. Test-only.

use crate::eval::{Decision, RequestContext};

pub(crate) const JPG_ONLY: &str = r#"{"Version":"1", "Statement": [{"Effect":"Allow", "Action":"oss:GetObject", "Resource":"acs:oss:*:*:sample-bucket/2015/01/01/*.jpg"}]}"#;
pub(crate) const READ_ONLY: &str = r#"{"Version":"1","Statement":[{"Action":["oss:Get*","oss:List*"],"Effect":"Allow","Resource":"*"}]}"#;
pub(crate) const JPG: &str = "acs:oss:*:1234567890123456:sample-bucket/2015/01/01/grass.jpg";

pub(crate) fn req(action: &str, resource: &str, context: &[(&str, &str)]) -> RequestContext {
    RequestContext {
        action: action.into(),
        resource: resource.into(),
        context: context
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect(),
    }
}

/// A one-statement Allow of everything, guarded by one condition.
pub(crate) fn cond(condition: &str) -> String {
    format!(
        r#"{{"Version":"1","Statement":[{{"Effect":"Allow","Action":"*","Resource":"*","Condition":{condition}}}]}}"#
    )
}

pub(crate) const ALLOW: Decision = Decision::Allow {
    policy: 0,
    statement: 0,
};
pub(crate) const IMPLICIT: Decision = Decision::ImplicitDeny;
