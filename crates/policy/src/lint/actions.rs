//! `policy check`'s action checks: each `Action`/`NotAction` entry against the catalogue of OSS
//! and STS actions, catching misspellings (with the nearest real name), API operation names that
//! RAM authorizes under another action, and wildcards that match nothing.

use super::Findings;
use crate::catalog;
use crate::wildcard_match;

pub(super) fn check_action(action: &str, path: &str, out: &mut Findings) {
    if action == "*" {
        return;
    }
    let Some((service, name)) = action.split_once(':') else {
        let hint = catalog::known_action(&format!("oss:{action}"))
            .or_else(|| catalog::known_action(&format!("sts:{action}")))
            .map(|a| format!(" such as {a:?}"))
            .unwrap_or_else(|| " such as \"oss:GetObject\"".into());
        out.error(
            path,
            format!("{action:?} is not an action: write service:Action{hint}"),
        );
        return;
    };
    if service.is_empty()
        || name.is_empty()
        || !service
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '*' || c == '?')
    {
        out.error(
            path,
            format!("{action:?} is not an action: write service:Action such as \"oss:GetObject\""),
        );
        return;
    }
    if !catalog::is_cataloged_service(service) {
        return;
    }
    let known = catalog::actions(service);
    let upper = service.to_uppercase();
    if action.contains(['*', '?']) {
        let pattern = action.to_lowercase();
        if !known
            .iter()
            .any(|k| wildcard_match(&pattern, &k.to_lowercase()))
        {
            out.warn(
                path,
                format!("{action:?} matches no {upper} action alicli knows, so it grants nothing"),
            );
        }
        return;
    }
    if catalog::known_action(action).is_some() {
        return;
    }
    if let Some(real) = catalog::operation_actions(action) {
        let list = real
            .iter()
            .map(|a| format!("{a:?}"))
            .collect::<Vec<_>>()
            .join(" and ");
        out.error(
            path,
            format!(
                "{action:?} is an API operation, not a RAM action: RAM authorizes it as {list}"
            ),
        );
        return;
    }
    match catalog::nearest(action, known.iter().map(String::as_str)) {
        Some(near) => out.error(
            path,
            format!("unknown {upper} action {action:?}: did you mean {near:?}?"),
        ),
        None => out.warn(
            path,
            format!(
                "{action:?} is not an {upper} action alicli knows; unless RAM added it recently it matches nothing"
            ),
        ),
    }
}

#[cfg(test)]
mod tests {
    use crate::lint::tests::{findings, one, stmt};
    use crate::lint::Severity;

    #[test]
    fn actions() {
        one(
            &stmt(
                r#"{"Effect":"Allow","Action":["oss:GetObject","oss:GetObjects"],"Resource":"acs:oss:*:*:bkt/*"}"#,
            ),
            Severity::Error,
            "$.Statement[0].Action[1]",
            "did you mean \"oss:GetObject\"?",
        );
        one(
            &stmt(r#"{"Effect":"Allow","Action":"oss:HeadObject","Resource":"acs:oss:*:*:bkt/*"}"#),
            Severity::Error,
            "$.Statement[0].Action",
            "RAM authorizes it as \"oss:GetObject\"",
        );
        one(
            &stmt(r#"{"Effect":"Allow","Action":"oss:CopyObject","Resource":"acs:oss:*:*:bkt/*"}"#),
            Severity::Error,
            "$.Statement[0].Action",
            "\"oss:GetObject\" and \"oss:PutObject\"",
        );
        one(
            &stmt(r#"{"Effect":"Allow","Action":"GetObject","Resource":"*"}"#),
            Severity::Error,
            "$.Statement[0].Action",
            "such as \"oss:GetObject\"",
        );
        one(
            &stmt(r#"{"Effect":"Allow","Action":"oss:Frobnicate","Resource":"*"}"#),
            Severity::Warning,
            "$.Statement[0].Action",
            "not an OSS action alicli knows",
        );
        one(
            &stmt(r#"{"Effect":"Allow","Action":"oss:Gett*","Resource":"*"}"#),
            Severity::Warning,
            "$.Statement[0].Action",
            "matches no OSS action",
        );
        one(
            &stmt(r#"{"Effect":"Allow","Action":"sts:AssumeRoles","Resource":"*"}"#),
            Severity::Error,
            "$.Statement[0].Action",
            "did you mean \"sts:AssumeRole\"?",
        );
        one(
            &stmt(r#"{"Effect":"Allow","NotAction":"oss:DeleteObjekt","Resource":"*"}"#),
            Severity::Error,
            "$.Statement[0].NotAction",
            "oss:DeleteObject",
        );
        // Case differs from the documented spelling: RAM matches actions case-insensitively.
        assert_eq!(
            findings(&stmt(
                r#"{"Effect":"Allow","Action":"OSS:getobject","Resource":"*"}"#
            )),
            vec![]
        );
        // Services alicli has no list for are not second-guessed.
        assert_eq!(
            findings(&stmt(
                r#"{"Effect":"Allow","Action":"ecs:Frobnicate","Resource":"*"}"#
            )),
            vec![]
        );
    }
}
