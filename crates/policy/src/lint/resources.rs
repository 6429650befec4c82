//! `policy check`'s resource checks: each `Resource`/`NotResource` entry against the ARN form,
//! OSS resources against bucket names and the usual prefix mistakes (`bkt/2015*`, `bkt/2015/`),
//! and a statement's OSS actions against the level (bucket or object) its resources name.

use std::collections::BTreeSet;

use alicli_wire::names::check_bucket;

use super::Findings;
use crate::catalog::{self, Level};
use crate::wildcard_match;

/// Checks one `Resource`/`NotResource` entry; false when it is malformed.
pub(super) fn check_resource(
    resource: &str,
    path: &str,
    services: Option<&BTreeSet<String>>,
    out: &mut Findings,
) -> bool {
    const FORM: &str = "acs:<service>:<region>:<account>:<resource> or \"*\"";
    if resource == "*" {
        return true;
    }
    if let Some(rest) = resource.strip_prefix("oss://") {
        out.error(
            path,
            format!("{resource:?} is an oss:// URL; policies name OSS resources as ARNs: \"acs:oss:*:*:{rest}\""),
        );
        return false;
    }
    if !resource.starts_with("acs:") {
        let message = if resource.to_lowercase().starts_with("acs:") {
            format!("{resource:?}: resource ARNs begin with lower-case \"acs:\" and match case-sensitively")
        } else if resource.starts_with("arn:") {
            format!("{resource:?} is an AWS-style ARN; Alibaba Cloud resources are {FORM}")
        } else if looks_like_bucket_path(resource) {
            format!("{resource:?} is not a resource ARN: did you mean \"acs:oss:*:*:{resource}\"?")
        } else {
            format!("{resource:?} is not a resource ARN: expected {FORM}")
        };
        out.error(path, message);
        return false;
    }
    let parts: Vec<&str> = resource.splitn(5, ':').collect();
    if parts.len() < 5 {
        // A wildcard last part (`acs:oss:*`) covers whatever the missing parts would say.
        if parts.last() == Some(&"*") {
            return true;
        }
        let hint = match parts.as_slice() {
            ["acs", "oss", _, last] => format!(": did you mean \"acs:oss:*:*:{last}\"?"),
            _ => String::new(),
        };
        out.error(
            path,
            format!(
                "{resource:?} has {} of the 5 parts of {FORM}{hint}",
                parts.len()
            ),
        );
        return false;
    }
    let (service, account, relative) = (parts[1], parts[3], parts[4]);
    if service.chars().any(|c| c.is_ascii_uppercase()) {
        out.warn(
            path,
            format!("service {service:?}: resources match case-sensitively and services are lower-case (\"{}\")", service.to_lowercase()),
        );
    }
    if !account.is_empty()
        && !account
            .chars()
            .all(|c| c.is_ascii_digit() || c == '*' || c == '?')
    {
        out.warn(
            path,
            format!("account {account:?} should be an account id (digits) or *"),
        );
    }
    // Only for services whose resources alicli knows: STS authorizes AssumeRole on a RAM role.
    let resource_services = |svc: &str| match svc {
        "oss" => Some(&["oss"][..]),
        "sts" => Some(&["sts", "ram"][..]),
        _ => None,
    };
    let accepted: Option<Vec<&str>> = services.and_then(|set| {
        set.iter()
            .map(|s| resource_services(s))
            .collect::<Option<Vec<_>>>()
            .map(|lists| lists.concat())
    });
    if let (Some(services), Some(accepted)) = (services, accepted) {
        if !service.contains(['*', '?']) && !accepted.contains(&service.to_lowercase().as_str()) {
            let list = services.iter().cloned().collect::<Vec<_>>().join(", ");
            out.warn(
                path,
                format!("an {service} resource, but the statement's actions are {list} actions: it never matches"),
            );
        }
    }
    if service == "oss" {
        check_oss_resource(resource, relative, path, out);
    }
    true
}

fn looks_like_bucket_path(text: &str) -> bool {
    let bucket = text.split('/').next().unwrap_or_default();
    check_bucket(bucket.trim_end_matches('*')).is_ok()
}

fn check_oss_resource(resource: &str, relative: &str, path: &str, out: &mut Findings) {
    let base = &resource[..resource.len() - relative.len()];
    if relative.is_empty() {
        out.error(
            path,
            format!("{resource:?} names no bucket: write {base}<bucket> for a bucket or {base}<bucket>/* for its objects"),
        );
        return;
    }
    let (bucket, key) = match relative.split_once('/') {
        Some((b, k)) => (b, Some(k)),
        None => (relative, None),
    };
    if !bucket.contains(['*', '?']) {
        if let Err(why) = check_bucket(bucket) {
            out.warn(
                path,
                format!("bucket {bucket:?}: {why}, so this never matches a real bucket"),
            );
        }
    }
    match key {
        None => {
            let stem = bucket.trim_end_matches('*');
            if bucket.ends_with('*') && !stem.is_empty() && !stem.contains(['*', '?']) {
                out.warn(
                    path,
                    format!("{resource:?} also matches every bucket whose name starts with {stem:?} (and all their objects); to mean one bucket list {base}{stem} and {base}{stem}/*"),
                );
            }
        }
        Some("") => out.warn(
            path,
            format!("{resource:?} matches only an object with an empty key, which cannot exist; the bucket is {base}{bucket}, its objects {base}{bucket}/*"),
        ),
        Some(key) if key.ends_with('/') => out.warn(
            path,
            format!("{resource:?} matches only the object named exactly {key:?} (a folder marker), not the keys under it: write {resource}*"),
        ),
        Some(key) => {
            let last = key.rsplit('/').next().unwrap_or(key);
            let stem = last.trim_end_matches('*');
            let word = !stem.is_empty()
                && stem.len() < last.len()
                && stem
                    .chars()
                    .all(|c| c.is_alphanumeric() || c == '_');
            if word {
                let folder = &resource[..resource.len() - (last.len() - stem.len())];
                out.warn(
                    path,
                    format!("{resource:?} also matches keys beside the folder {stem}/, such as {stem}-old/… and {stem}0.jpg; for that folder only write {folder}/*"),
                );
            }
        }
    }
}

/// What kinds of OSS resource a pattern can match, or `None` when it is not about OSS.
fn oss_scope(resource: &str) -> Option<(bool, bool)> {
    if resource == "*" {
        return Some((true, true));
    }
    let parts: Vec<&str> = resource.splitn(5, ':').collect();
    if parts.len() < 5 {
        // Only a trailing wildcard gets here (see `check_resource`).
        return wildcard_match(resource, "acs:oss:x:1:b/k").then_some((true, true));
    }
    if !wildcard_match(parts[1], "oss") {
        return None;
    }
    let relative = parts[4];
    // `*` can be empty, so a pattern can match a bucket (which has no '/') unless a literal '/'
    // remains; it can match an object when it has a '/' or a `*` to absorb "/key".
    let bucket = !relative.replace('*', "").contains('/');
    let object = relative.contains('/') || relative.contains('*');
    Some((bucket, object))
}

/// The commonest OSS grant mistake: listing (and other bucket operations) is authorized on the
/// bucket itself, object operations on `bucket/key`; a statement must name the right kind.
pub(super) fn check_levels(
    actions: &[(String, String)],
    resources: &[(String, String)],
    out: &mut Findings,
) {
    let scopes: Vec<(bool, bool)> = resources.iter().filter_map(|(r, _)| oss_scope(r)).collect();
    if scopes.is_empty() {
        return;
    }
    let any_bucket = scopes.iter().any(|s| s.0);
    let any_object = scopes.iter().any(|s| s.1);
    let example = resources
        .iter()
        .find_map(|(r, _)| {
            let parts: Vec<&str> = r.splitn(5, ':').collect();
            let bucket = parts.get(4)?.split('/').next()?;
            (!bucket.contains(['*', '?'])).then(|| (parts[..4].join(":"), bucket.to_string()))
        })
        .unwrap_or_else(|| ("acs:oss:*:*".into(), "<bucket>".into()));
    let (base, bucket) = (&example.0, &example.1);
    for (action, path) in actions {
        let lower = action.to_lowercase();
        if action.contains(['*', '?']) {
            // `oss:List*` and the like aim at listing; `oss:*` is a deliberate everything.
            let lists = wildcard_match(&lower, "oss:listobjects");
            if lists && !wildcard_match(&lower, "oss:getobject") && !any_bucket {
                out.warn(
                    path,
                    format!("{action:?} includes oss:ListObjects, which is authorized on the bucket ({base}:{bucket}), and none of this statement's resources match a bucket: listing is not covered (limit it with an oss:Prefix condition instead)"),
                );
            }
            continue;
        }
        let Some(known) = catalog::known_action(action) else {
            continue;
        };
        match catalog::oss_level(&known) {
            Some(Level::Bucket) if !any_bucket => {
                let extra = if catalog::LISTING_ACTIONS
                    .iter()
                    .any(|l| known.eq_ignore_ascii_case(&format!("oss:{l}")))
                {
                    " (to limit listing to a folder, add a StringLike condition on oss:Prefix)"
                } else {
                    ""
                };
                out.warn(
                    path,
                    format!("{known} is authorized on the bucket ({base}:{bucket}), not on objects, and none of this statement's resources match a bucket: it never applies{extra}"),
                );
            }
            Some(Level::Object) if !any_object => out.warn(
                path,
                format!("{known} is authorized on objects ({base}:{bucket}/<key>), and this statement's resources name only buckets: it never applies; add {base}:{bucket}/*"),
            ),
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::lint::tests::{findings, one, stmt};
    use crate::lint::Severity;

    #[test]
    fn resource_forms() {
        one(
            &stmt(r#"{"Effect":"Allow","Action":"oss:GetObject","Resource":"oss://bkt/k/*"}"#),
            Severity::Error,
            "$.Statement[0].Resource",
            "\"acs:oss:*:*:bkt/k/*\"",
        );
        one(
            &stmt(r#"{"Effect":"Allow","Action":"oss:GetObject","Resource":"sample-bucket/*"}"#),
            Severity::Error,
            "$.Statement[0].Resource",
            "did you mean \"acs:oss:*:*:sample-bucket/*\"?",
        );
        one(
            &stmt(
                r#"{"Effect":"Allow","Action":"oss:GetObject","Resource":"acs:oss:*:sample-bucket/*"}"#,
            ),
            Severity::Error,
            "$.Statement[0].Resource",
            "did you mean \"acs:oss:*:*:sample-bucket/*\"?",
        );
        one(
            &stmt(
                r#"{"Effect":"Allow","Action":"oss:GetObject","Resource":["acs:oss:*:*:bkt/*","ACS:oss:*:*:bk2/*"]}"#,
            ),
            Severity::Error,
            "$.Statement[0].Resource[1]",
            "lower-case \"acs:\"",
        );
        one(
            &stmt(r#"{"Effect":"Allow","Action":"oss:GetObject","Resource":"arn:aws:s3:::bkt/*"}"#),
            Severity::Error,
            "$.Statement[0].Resource",
            "AWS-style",
        );
        one(
            &stmt(
                r#"{"Effect":"Allow","Action":"oss:GetObject","Resource":"acs:oss:*:myaccount:bkt/*"}"#,
            ),
            Severity::Warning,
            "$.Statement[0].Resource",
            "account id",
        );
        one(
            &stmt(
                r#"{"Effect":"Allow","Action":"oss:GetObject","Resource":"acs:oss:*:*:Sample-Bucket/*"}"#,
            ),
            Severity::Warning,
            "$.Statement[0].Resource",
            "never matches a real bucket",
        );
        one(
            &stmt(
                r#"{"Effect":"Allow","Action":"oss:GetObject","Resource":"acs:ecs:*:*:instance/*"}"#,
            ),
            Severity::Warning,
            "$.Statement[0].Resource",
            "never matches",
        );
        one(
            &stmt(
                r#"{"Effect":"Allow","Action":"oss:GetObject","Resource":"acs:oss:*:*:bkt/2015/"}"#,
            ),
            Severity::Warning,
            "$.Statement[0].Resource",
            "write acs:oss:*:*:bkt/2015/*",
        );
        one(
            &stmt(
                r#"{"Effect":"Allow","Action":"oss:GetObject","Resource":"acs:oss:*:*:bkt/2015*"}"#,
            ),
            Severity::Warning,
            "$.Statement[0].Resource",
            "write acs:oss:*:*:bkt/2015/*",
        );
        one(
            &stmt(r#"{"Effect":"Allow","Action":"oss:*","Resource":"acs:oss:*:*:bkt*"}"#),
            Severity::Warning,
            "$.Statement[0].Resource",
            "every bucket whose name starts with \"bkt\"",
        );
        // Deliberate prefixes are left alone: `photo-*`, `*.jpg`, `2015/*`.
        for r in [
            "acs:oss:*:*:bkt/photo-*",
            "acs:oss:*:*:bkt/2015/*.jpg",
            "acs:oss:*:*:bkt/2015/*",
            "acs:oss:*",
        ] {
            let text = stmt(&format!(
                r#"{{"Effect":"Allow","Action":"oss:GetObject","Resource":"{r}"}}"#
            ));
            assert_eq!(findings(&text), vec![], "{r}");
        }
    }

    #[test]
    fn listing_needs_the_bucket() {
        one(
            &stmt(
                r#"{"Effect":"Allow","Action":["oss:GetObject","oss:ListObjects"],"Resource":"acs:oss:*:*:sample-bucket/*"}"#,
            ),
            Severity::Warning,
            "$.Statement[0].Action[1]",
            "authorized on the bucket (acs:oss:*:*:sample-bucket)",
        );
        one(
            &stmt(
                r#"{"Effect":"Allow","Action":["oss:List*"],"Resource":"acs:oss:*:*:sample-bucket/2015/*"}"#,
            ),
            Severity::Warning,
            "$.Statement[0].Action[0]",
            "includes oss:ListObjects",
        );
        one(
            &stmt(
                r#"{"Effect":"Allow","Action":"oss:GetObject","Resource":"acs:oss:*:*:sample-bucket"}"#,
            ),
            Severity::Warning,
            "$.Statement[0].Action",
            "add acs:oss:*:*:sample-bucket/*",
        );
        // Both forms listed: fine. NotResource: no opinion.
        assert_eq!(
            findings(&stmt(
                r#"{"Effect":"Allow","Action":["oss:GetObject","oss:ListObjects"],"Resource":["acs:oss:*:*:bkt","acs:oss:*:*:bkt/*"]}"#
            )),
            vec![]
        );
        assert_eq!(
            findings(&stmt(
                r#"{"Effect":"Allow","Action":"oss:ListObjects","NotResource":"acs:oss:*:*:bkt/*"}"#
            )),
            vec![]
        );
    }
}
