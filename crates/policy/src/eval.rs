//! Evaluation of identity-side requests: whether a statement applies to a request, how the
//! policies attached to one identity combine (union; an explicit deny wins), and how layers such
//! as a role's policies and a session policy intersect. Pure: the caller supplies every context
//! value, the current time included.

use crate::model::{Effect, Patterns, Policy, Statement};
use crate::wildcard::wildcard_match;

/// What the request is: action like "oss:GetObject", resource like
/// "acs:oss:*:1234567890123456:sample-bucket/2015/01/01/grass.jpg", and condition context
/// (keys like "acs:SourceIp", "acs:CurrentTime" (ISO 8601), "acs:SecureTransport"
/// ("true"/"false"), "oss:Prefix"). A key given several times is multi-valued.
#[derive(Debug, Clone, Default)]
pub struct RequestContext {
    pub action: String,
    pub resource: String,
    pub context: Vec<(String, String)>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decision {
    /// Indexes into the slice given to [`evaluate`] and into that policy's statements.
    Allow {
        policy: usize,
        statement: usize,
    },
    ExplicitDeny {
        policy: usize,
        statement: usize,
    },
    ImplicitDeny,
}

impl Decision {
    pub fn is_allowed(&self) -> bool {
        matches!(self, Decision::Allow { .. })
    }
}

/// Result of intersecting layers, e.g. [role policies, session policy]. `layer` tells which layer
/// decided a denial (the first layer with an explicit deny, else the first layer that did not
/// allow); on Allow, each layer's deciding statement.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LayeredDecision {
    Allow(Vec<Decision>),
    Deny { layer: usize, decision: Decision },
}

impl LayeredDecision {
    pub fn is_allowed(&self) -> bool {
        matches!(self, LayeredDecision::Allow(_))
    }
}

impl Patterns {
    pub(crate) fn matches(&self, value: &str, fold_case: bool) -> bool {
        let hit = |patterns: &[String]| {
            patterns.iter().any(|p| {
                if fold_case {
                    wildcard_match(&p.to_lowercase(), value)
                } else {
                    wildcard_match(p, value)
                }
            })
        };
        match self {
            Patterns::Include(list) => hit(list),
            Patterns::Exclude(list) => !hit(list),
        }
    }
}

impl Statement {
    /// `action` must already be lower-cased.
    fn applies(&self, action: &str, request: &RequestContext) -> bool {
        // A statement naming a Principal belongs to a resource-based policy; the request carries
        // no principal to match it against, so it must neither grant nor deny here.
        if self.principal.is_some() {
            return false;
        }
        let Some(resource) = &self.resource else {
            return false;
        };
        self.action.matches(action, true)
            && resource.matches(&request.resource, false)
            && self.conditions.iter().all(|c| c.holds(&request.context))
    }
}

/// Union semantics over the policies attached to one identity.
pub fn evaluate(policies: &[&Policy], request: &RequestContext) -> Decision {
    let action = request.action.to_lowercase();
    let mut allowed = None;
    for (p, policy) in policies.iter().enumerate() {
        for (s, statement) in policy.statements.iter().enumerate() {
            if !statement.applies(&action, request) {
                continue;
            }
            match statement.effect {
                // Nothing can override an explicit deny, so there is no need to look further.
                Effect::Deny => {
                    return Decision::ExplicitDeny {
                        policy: p,
                        statement: s,
                    }
                }
                Effect::Allow => {
                    allowed.get_or_insert(Decision::Allow {
                        policy: p,
                        statement: s,
                    });
                }
            }
        }
    }
    allowed.unwrap_or(Decision::ImplicitDeny)
}

/// Intersection of layers such as [role policies, session policy]: allowed only when every
/// layer allows and none denies explicitly. No layers at all grants nothing.
pub fn evaluate_layers(layers: &[&[&Policy]], request: &RequestContext) -> LayeredDecision {
    let decisions: Vec<Decision> = layers.iter().map(|l| evaluate(l, request)).collect();
    let denial = decisions
        .iter()
        .position(|d| matches!(d, Decision::ExplicitDeny { .. }))
        .or_else(|| decisions.iter().position(|d| !d.is_allowed()));
    match denial {
        Some(layer) => LayeredDecision::Deny {
            layer,
            decision: decisions
                .get(layer)
                .copied()
                .unwrap_or(Decision::ImplicitDeny),
        },
        None if decisions.is_empty() => LayeredDecision::Deny {
            layer: 0,
            decision: Decision::ImplicitDeny,
        },
        None => LayeredDecision::Allow(decisions),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::{cond, req, ALLOW, IMPLICIT, JPG, JPG_ONLY, READ_ONLY};

    struct Case {
        name: &'static str,
        policies: Vec<String>,
        action: &'static str,
        resource: &'static str,
        context: &'static [(&'static str, &'static str)],
        expect: Decision,
    }

    fn case(
        name: &'static str,
        policy: &str,
        action: &'static str,
        resource: &'static str,
        context: &'static [(&'static str, &'static str)],
        expect: Decision,
    ) -> Case {
        Case {
            name,
            policies: vec![policy.to_string()],
            action,
            resource,
            context,
            expect,
        }
    }

    fn cases() -> Vec<Case> {
        let allow_deny = r#"{"Version":"1","Statement":[
            {"Effect":"Allow","Action":"oss:*","Resource":"*"},
            {"Effect":"Deny","Action":"oss:DeleteObject","Resource":"acs:oss:*:*:sample-bucket/*"}]}"#;
        let not_action = r#"{"Version":"1","Statement":[{"Effect":"Allow","NotAction":"ram:*","Resource":"*"}]}"#;
        let not_resource = r#"{"Version":"1","Statement":[{"Effect":"Allow","Action":"oss:*","NotResource":["acs:oss:*:*:secret","acs:oss:*:*:secret/*"]}]}"#;
        let qmark = r#"{"Version":"1","Statement":[{"Effect":"Allow","Action":"oss:GetObject","Resource":"acs:oss:*:*:logs/file?.txt"}]}"#;
        let upper = r#"{"Version":"1","Statement":[{"Effect":"Allow","Action":"OSS:GETOBJECT","Resource":"*"}]}"#;
        let string_eq = cond(r#"{"StringEquals":{"acs:UserAgent":["cli","sdk"]}}"#);
        let string_ne = cond(r#"{"StringNotEquals":{"acs:UserAgent":["cli","sdk"]}}"#);
        let string_ic = cond(r#"{"StringEqualsIgnoreCase":{"acs:UserAgent":"CLI"}}"#);
        let string_nic = cond(r#"{"StringNotEqualsIgnoreCase":{"acs:UserAgent":"CLI"}}"#);
        let like = cond(r#"{"StringLike":{"oss:Prefix":"hangzhou/2015/*"}}"#);
        let not_like = cond(r#"{"StringNotLike":{"oss:Prefix":"private/*"}}"#);
        let num = cond(r#"{"NumericLessThanEquals":{"oss:MaxKeys":100}}"#);
        let num_eq = cond(r#"{"NumericEquals":{"oss:MaxKeys":"10"}}"#);
        let num_ne = cond(r#"{"NumericNotEquals":{"oss:MaxKeys":10}}"#);
        let num_gt = cond(
            r#"{"NumericGreaterThan":{"oss:MaxKeys":10},"NumericLessThan":{"oss:MaxKeys":20}}"#,
        );
        let before = cond(r#"{"DateLessThan":{"acs:CurrentTime":"2019-08-12T17:00:00+08:00"}}"#);
        let after_epoch = cond(r#"{"DateGreaterThanEquals":{"acs:CurrentTime":1565600400}}"#);
        let date_eq = cond(r#"{"DateEquals":{"acs:CurrentTime":"2019-08-12T09:00:00Z"}}"#);
        let date_ne = cond(r#"{"DateNotEquals":{"acs:CurrentTime":"2019-08-12T09:00:00Z"}}"#);
        let date_le = cond(
            r#"{"DateLessThanEquals":{"acs:CurrentTime":"2019-08-12"},"DateGreaterThan":{"acs:CurrentTime":"2019-08-11T00:00:00Z"}}"#,
        );
        let secure = cond(r#"{"Bool":{"acs:SecureTransport":true}}"#);
        let secure_str = cond(r#"{"Bool":{"acs:SecureTransport":"false"}}"#);
        let ip4 = cond(r#"{"IpAddress":{"acs:SourceIp":["192.168.0.0/16","203.0.113.7"]}}"#);
        let ip6 = cond(r#"{"IpAddress":{"acs:SourceIp":"2001:db8::/32"}}"#);
        let not_ip = cond(r#"{"NotIpAddress":{"acs:SourceIp":["10.0.0.0/8","fd00::/8"]}}"#);
        let deny_outside = r#"{"Version":"1","Statement":[
            {"Effect":"Allow","Action":"oss:*","Resource":"*"},
            {"Effect":"Deny","Action":"*","Resource":"*","Condition":{"NotIpAddress":{"acs:SourceIp":"10.0.0.0/8"}}}]}"#;
        let both = cond(
            r#"{"IpAddress":{"acs:SourceIp":"10.0.0.0/8"},"Bool":{"acs:SecureTransport":"true"}}"#,
        );

        vec![
            case("exact action", JPG_ONLY, "oss:GetObject", JPG, &[], ALLOW),
            case("action case-insensitive (request)", JPG_ONLY, "OSS:getobject", JPG, &[], ALLOW),
            case("action case-insensitive (policy)", upper, "oss:GetObject", JPG, &[], ALLOW),
            case("other action", JPG_ONLY, "oss:PutObject", JPG, &[], IMPLICIT),
            case("png not matched", JPG_ONLY, "oss:GetObject", "acs:oss:*:1234567890123456:sample-bucket/2015/01/01/grass.png", &[], IMPLICIT),
            case("other day not matched", JPG_ONLY, "oss:GetObject", "acs:oss:*:1234567890123456:sample-bucket/2015/01/02/grass.jpg", &[], IMPLICIT),
            case("star spans slashes", JPG_ONLY, "oss:GetObject", "acs:oss:*:1234567890123456:sample-bucket/2015/01/01/a/b/c.jpg", &[], ALLOW),
            case("resource case-sensitive", JPG_ONLY, "oss:GetObject", "acs:oss:*:1234567890123456:Sample-bucket/2015/01/01/grass.jpg", &[], IMPLICIT),
            case("Get* matches GetObjectAcl", READ_ONLY, "oss:GetObjectAcl", JPG, &[], ALLOW),
            case("List* matches ListObjects", READ_ONLY, "oss:ListObjects", "acs:oss:*:1:b", &[], ALLOW),
            case("read-only refuses PutObject", READ_ONLY, "oss:PutObject", JPG, &[], IMPLICIT),
            case("oss:* matches oss", allow_deny, "oss:PutObject", JPG, &[], ALLOW),
            case("oss:* does not match ecs", allow_deny, "ecs:DescribeInstances", "*", &[], IMPLICIT),
            case("* matches any service", &cond("{}"), "ecs:DescribeInstances", "acs:ecs:*:*:instance/i-1", &[], ALLOW),
            case("explicit deny beats allow", allow_deny, "oss:DeleteObject", JPG, &[], Decision::ExplicitDeny { policy: 0, statement: 1 }),
            case("deny scoped to its resource", allow_deny, "oss:DeleteObject", "acs:oss:*:1:other-bucket/x", &[], ALLOW),
            case("? matches one char", qmark, "oss:GetObject", "acs:oss:*:*:logs/file1.txt", &[], ALLOW),
            case("? does not match two", qmark, "oss:GetObject", "acs:oss:*:*:logs/file10.txt", &[], IMPLICIT),
            case("? does not match none", qmark, "oss:GetObject", "acs:oss:*:*:logs/file.txt", &[], IMPLICIT),
            case("NotAction allows others", not_action, "oss:GetObject", JPG, &[], ALLOW),
            case("NotAction excludes listed", not_action, "ram:CreateUser", "*", &[], IMPLICIT),
            case("NotResource allows others", not_resource, "oss:GetObject", "acs:oss:*:*:public/x", &[], ALLOW),
            case("NotResource excludes listed", not_resource, "oss:GetObject", "acs:oss:*:*:secret/x", &[], IMPLICIT),
            case("StringEquals any of list", &string_eq, "oss:GetObject", JPG, &[("acs:UserAgent", "sdk")], ALLOW),
            case("StringEquals case-sensitive", &string_eq, "oss:GetObject", JPG, &[("acs:UserAgent", "CLI")], IMPLICIT),
            case("StringEquals missing key", &string_eq, "oss:GetObject", JPG, &[], IMPLICIT),
            case("context key case-insensitive", &string_eq, "oss:GetObject", JPG, &[("ACS:useragent", "cli")], ALLOW),
            case("StringNotEquals none of list", &string_ne, "oss:GetObject", JPG, &[("acs:UserAgent", "curl")], ALLOW),
            case("StringNotEquals one of list", &string_ne, "oss:GetObject", JPG, &[("acs:UserAgent", "sdk")], IMPLICIT),
            case("StringNotEquals missing key", &string_ne, "oss:GetObject", JPG, &[], IMPLICIT),
            case("StringEqualsIgnoreCase", &string_ic, "oss:GetObject", JPG, &[("acs:UserAgent", "cli")], ALLOW),
            case("StringEqualsIgnoreCase differs", &string_ic, "oss:GetObject", JPG, &[("acs:UserAgent", "clix")], IMPLICIT),
            case("StringNotEqualsIgnoreCase same", &string_nic, "oss:GetObject", JPG, &[("acs:UserAgent", "Cli")], IMPLICIT),
            case("StringNotEqualsIgnoreCase differs", &string_nic, "oss:GetObject", JPG, &[("acs:UserAgent", "sdk")], ALLOW),
            case("StringLike prefix", &like, "oss:ListObjects", "*", &[("oss:Prefix", "hangzhou/2015/photos/")], ALLOW),
            case("StringLike other prefix", &like, "oss:ListObjects", "*", &[("oss:Prefix", "hangzhou/2016/")], IMPLICIT),
            case("StringNotLike outside", &not_like, "oss:ListObjects", "*", &[("oss:Prefix", "public/")], ALLOW),
            case("StringNotLike inside", &not_like, "oss:ListObjects", "*", &[("oss:Prefix", "private/a")], IMPLICIT),
            case("NumericLessThanEquals edge", &num, "oss:ListObjects", "*", &[("oss:MaxKeys", "100")], ALLOW),
            case("NumericLessThanEquals over", &num, "oss:ListObjects", "*", &[("oss:MaxKeys", "150")], IMPLICIT),
            case("Numeric unparsable request", &num, "oss:ListObjects", "*", &[("oss:MaxKeys", "lots")], IMPLICIT),
            case("Numeric missing key", &num, "oss:ListObjects", "*", &[], IMPLICIT),
            case("NumericEquals string value", &num_eq, "oss:ListObjects", "*", &[("oss:MaxKeys", "10.0")], ALLOW),
            case("NumericNotEquals equal", &num_ne, "oss:ListObjects", "*", &[("oss:MaxKeys", "10")], IMPLICIT),
            case("NumericNotEquals differs", &num_ne, "oss:ListObjects", "*", &[("oss:MaxKeys", "11")], ALLOW),
            case("NumericGreaterThan and LessThan", &num_gt, "oss:ListObjects", "*", &[("oss:MaxKeys", "15")], ALLOW),
            case("NumericGreaterThan edge", &num_gt, "oss:ListObjects", "*", &[("oss:MaxKeys", "10")], IMPLICIT),
            case("DateLessThan before (other zone)", &before, "oss:GetObject", JPG, &[("acs:CurrentTime", "2019-08-12T08:59:59Z")], ALLOW),
            case("DateLessThan same instant", &before, "oss:GetObject", JPG, &[("acs:CurrentTime", "2019-08-12T09:00:00Z")], IMPLICIT),
            case("DateLessThan missing key", &before, "oss:GetObject", JPG, &[], IMPLICIT),
            case("DateGreaterThanEquals epoch", &after_epoch, "oss:GetObject", JPG, &[("acs:CurrentTime", "2019-08-12T17:00:00+08:00")], ALLOW),
            case("DateGreaterThanEquals epoch before", &after_epoch, "oss:GetObject", JPG, &[("acs:CurrentTime", "1565600399")], IMPLICIT),
            case("DateEquals", &date_eq, "oss:GetObject", JPG, &[("acs:CurrentTime", "2019-08-12T17:00:00.000+08:00")], ALLOW),
            case("DateNotEquals same", &date_ne, "oss:GetObject", JPG, &[("acs:CurrentTime", "2019-08-12T09:00:00Z")], IMPLICIT),
            case("DateNotEquals differs", &date_ne, "oss:GetObject", JPG, &[("acs:CurrentTime", "2019-08-12T09:00:01Z")], ALLOW),
            case("DateLessThanEquals bare date", &date_le, "oss:GetObject", JPG, &[("acs:CurrentTime", "2019-08-11T12:00:00Z")], ALLOW),
            case("DateLessThanEquals after", &date_le, "oss:GetObject", JPG, &[("acs:CurrentTime", "2019-08-12T00:00:01Z")], IMPLICIT),
            case("Bool true", &secure, "oss:GetObject", JPG, &[("acs:SecureTransport", "true")], ALLOW),
            case("Bool false", &secure, "oss:GetObject", JPG, &[("acs:SecureTransport", "false")], IMPLICIT),
            case("Bool missing", &secure, "oss:GetObject", JPG, &[], IMPLICIT),
            case("Bool string value", &secure_str, "oss:GetObject", JPG, &[("acs:SecureTransport", "FALSE")], ALLOW),
            case("IpAddress v4 CIDR", &ip4, "oss:GetObject", JPG, &[("acs:SourceIp", "192.168.3.4")], ALLOW),
            case("IpAddress v4 single", &ip4, "oss:GetObject", JPG, &[("acs:SourceIp", "203.0.113.7")], ALLOW),
            case("IpAddress v4 outside", &ip4, "oss:GetObject", JPG, &[("acs:SourceIp", "203.0.113.8")], IMPLICIT),
            case("IpAddress v4-mapped v6", &ip4, "oss:GetObject", JPG, &[("acs:SourceIp", "::ffff:192.168.9.9")], ALLOW),
            case("IpAddress garbage", &ip4, "oss:GetObject", JPG, &[("acs:SourceIp", "192.168.1")], IMPLICIT),
            case("IpAddress v6 CIDR", &ip6, "oss:GetObject", JPG, &[("acs:SourceIp", "2001:db8:1::5")], ALLOW),
            case("IpAddress v6 outside", &ip6, "oss:GetObject", JPG, &[("acs:SourceIp", "2001:db9::1")], IMPLICIT),
            case("IpAddress v6 net, v4 client", &ip6, "oss:GetObject", JPG, &[("acs:SourceIp", "192.168.3.4")], IMPLICIT),
            case("NotIpAddress outside", &not_ip, "oss:GetObject", JPG, &[("acs:SourceIp", "8.8.8.8")], ALLOW),
            case("NotIpAddress inside v6", &not_ip, "oss:GetObject", JPG, &[("acs:SourceIp", "fd12::1")], IMPLICIT),
            case("NotIpAddress missing", &not_ip, "oss:GetObject", JPG, &[], IMPLICIT),
            case("conditional deny applies", deny_outside, "oss:GetObject", JPG, &[("acs:SourceIp", "8.8.8.8")], Decision::ExplicitDeny { policy: 0, statement: 1 }),
            case("conditional deny does not apply", deny_outside, "oss:GetObject", JPG, &[("acs:SourceIp", "10.1.2.3")], ALLOW),
            case("operators are ANDed", &both, "oss:GetObject", JPG, &[("acs:SourceIp", "10.1.2.3"), ("acs:SecureTransport", "false")], IMPLICIT),
            case("operators all hold", &both, "oss:GetObject", JPG, &[("acs:SourceIp", "10.1.2.3"), ("acs:SecureTransport", "true")], ALLOW),
            Case {
                name: "deny in second policy beats allow in first",
                policies: vec![READ_ONLY.into(), r#"{"Version":"1","Statement":{"Effect":"Deny","Action":"oss:GetObject","Resource":"*"}}"#.into()],
                action: "oss:GetObject",
                resource: JPG,
                context: &[],
                expect: Decision::ExplicitDeny { policy: 1, statement: 0 },
            },
            Case {
                name: "allow from second policy",
                policies: vec![JPG_ONLY.into(), READ_ONLY.into()],
                action: "oss:ListBuckets",
                resource: "acs:oss:*:1:*",
                context: &[],
                expect: Decision::Allow { policy: 1, statement: 0 },
            },
            Case {
                name: "no policies",
                policies: vec![],
                action: "oss:GetObject",
                resource: JPG,
                context: &[],
                expect: IMPLICIT,
            },
        ]
    }

    #[test]
    fn decision_table() {
        let cases = cases();
        assert!(cases.len() >= 30);
        for c in cases {
            let parsed: Vec<Policy> = c
                .policies
                .iter()
                .map(|p| Policy::parse(p).unwrap_or_else(|e| panic!("{}: {e}", c.name)))
                .collect();
            let refs: Vec<&Policy> = parsed.iter().collect();
            let got = evaluate(&refs, &req(c.action, c.resource, c.context));
            assert_eq!(got, c.expect, "case {:?}", c.name);
        }
    }

    #[test]
    fn role_and_session_layers() {
        let role = Policy::parse(READ_ONLY).unwrap();
        let session = Policy::parse(JPG_ONLY).unwrap();
        let role_layer = [&role];
        let session_layer = [&session];
        let layers: [&[&Policy]; 2] = [&role_layer, &session_layer];

        let got = evaluate_layers(&layers, &req("oss:GetObject", JPG, &[]));
        assert_eq!(got, LayeredDecision::Allow(vec![ALLOW, ALLOW]));
        assert!(got.is_allowed());

        let got = evaluate_layers(&layers, &req("oss:PutObject", JPG, &[]));
        assert_eq!(
            got,
            LayeredDecision::Deny {
                layer: 0,
                decision: IMPLICIT
            }
        );

        let other = "acs:oss:*:1234567890123456:sample-bucket/2015/01/01/grass.png";
        let got = evaluate_layers(&layers, &req("oss:GetObject", other, &[]));
        assert_eq!(
            got,
            LayeredDecision::Deny {
                layer: 1,
                decision: IMPLICIT
            }
        );
        assert!(!got.is_allowed());

        // An explicit deny is reported even when an earlier layer merely failed to allow.
        let deny = Policy::parse(
            r#"{"Version":"1","Statement":[{"Effect":"Deny","Action":"oss:*","Resource":"*"}]}"#,
        )
        .unwrap();
        let deny_layer = [&deny];
        let layers: [&[&Policy]; 2] = [&session_layer, &deny_layer];
        let got = evaluate_layers(&layers, &req("oss:PutObject", JPG, &[]));
        assert_eq!(
            got,
            LayeredDecision::Deny {
                layer: 1,
                decision: Decision::ExplicitDeny {
                    policy: 0,
                    statement: 0
                }
            }
        );

        let empty: [&[&Policy]; 0] = [];
        assert!(!evaluate_layers(&empty, &req("oss:GetObject", JPG, &[])).is_allowed());
        let no_session: [&Policy; 0] = [];
        let layers: [&[&Policy]; 2] = [&role_layer, &no_session];
        assert!(!evaluate_layers(&layers, &req("oss:GetObject", JPG, &[])).is_allowed());
    }
}
