//! `alicli policy eval`: decide requests against policies offline, with the same engine the local
//! cloud enforces, and say which statement of which policy decided: Allow, explicit Deny, or
//! implicit Deny (nothing allowed it). With `--role-policy` the request must pass both the role's
//! policies and the tested (session) policy, as RAM intersects them for AssumeRole credentials.
//! Several actions and resources give a table of every combination. It is a query: the exit code
//! is 0 whatever the decisions are, and 2 only for bad input.

use anyhow::Result;
use clap::Args;
use serde_json::{json, Map, Value};

use crate::error::{usage, UsageError};
use crate::oss::url::OssUrl;
use crate::policy_input::{read_inputs, warn_findings};
use crate::session::Globals;
use crate::terminal::render::{self, OutputFormat};
use alicli_policy::catalog::{self, Level};
use alicli_policy::explain::{near_misses, NearMiss, UnmetCondition};
use alicli_policy::lint::{self, CheckOptions};
use alicli_policy::{evaluate_layers, Decision, Effect, LayeredDecision, Policy, RequestContext};

#[derive(Debug, Args)]
pub struct EvalArgs {
    /// Policy to test (the session policy when --role-policy is given): a file, - for stdin, the JSON itself, or a system policy name; repeat for several
    #[arg(long, value_name = "FILE|-|JSON", required = true)]
    pub policy: Vec<String>,
    /// A policy attached to the role; requests must then be allowed by the role's policies and by --policy (repeatable)
    #[arg(long, value_name = "FILE|-|JSON")]
    pub role_policy: Vec<String>,
    /// Action such as oss:GetObject; repeat (or separate with commas) for several
    #[arg(long, required = true, value_delimiter = ',', value_name = "ACTION")]
    pub action: Vec<String>,
    /// Resource: acs:oss:*:<account>:bucket/key, oss://bucket/key (oss://bucket for the bucket), or *; repeatable
    #[arg(long, required = true, value_name = "RESOURCE")]
    pub resource: Vec<String>,
    /// A request condition value such as acs:SourceIp=203.0.113.7; repeatable (acs:CurrentTime defaults to now)
    #[arg(long, value_name = "KEY=VALUE")]
    pub context: Vec<String>,
    /// Account id written into resources given as oss:// URLs [default: *]
    #[arg(long, value_name = "ID")]
    pub account: Option<String>,
}

/// A policy with the name it is reported under.
struct Loaded {
    label: String,
    policy: Policy,
}

/// A set of policies whose union decides one side of the request.
struct Layer {
    name: &'static str,
    policies: Vec<Loaded>,
}

/// One evaluated combination.
struct Row {
    action: String,
    resource: String,
    context: Vec<(String, String)>,
    decision: LayeredDecision,
    notes: Vec<String>,
}

pub fn run(globals: Globals, args: EvalArgs) -> Result<()> {
    let format = render::data_format(OutputFormat::Table)?;
    let account = match args.account.as_deref() {
        None => "*".to_string(),
        Some(a) if a == "*" || (!a.is_empty() && a.bytes().all(|b| b.is_ascii_digit())) => {
            a.to_string()
        }
        Some(a) => usage!("invalid --account {a:?}: an account id is digits"),
    };
    // `--region` was checked where it was parsed (the one region rule); none means any region.
    let region = globals.region.clone().unwrap_or_else(|| "*".into());
    if args
        .policy
        .iter()
        .chain(&args.role_policy)
        .filter(|p| *p == "-")
        .count()
        > 1
    {
        usage!("stdin (-) can be given only once");
    }
    let context = parse_context(&args.context)?;
    let actions = parse_actions(&args.action)?;

    let two = !args.role_policy.is_empty();
    let mut layers = Vec::new();
    if two {
        layers.push(load_layer("role policy", &args.role_policy, false)?);
    }
    layers.push(load_layer(
        if two { "session policy" } else { "policy" },
        &args.policy,
        two,
    )?);

    let mut rows = Vec::new();
    let mut shorthand = false;
    for (action, action_note) in &actions {
        for resource in &args.resource {
            let (arn, prefix) = resolve_resource(resource, action, &region, &account)?;
            shorthand |= resource.starts_with("oss://");
            let mut ctx = context.clone();
            if let Some(prefix) = prefix {
                if !has_key(&ctx, "oss:Prefix") {
                    ctx.push(("oss:Prefix".into(), prefix));
                }
            }
            if !has_key(&ctx, "acs:CurrentTime") {
                ctx.push((
                    "acs:CurrentTime".into(),
                    chrono::Utc::now().format("%Y-%m-%dT%H:%M:%SZ").to_string(),
                ));
            }
            rows.push(evaluate_row(&layers, action, arn, ctx, action_note.clone()));
        }
    }
    if shorthand {
        note_placeholders(&layers, &region, &account);
    }

    // A table (the default) has a row per action and resource, with the deciding statement
    // and notes; the other formats render a list with one object per action and resource.
    if render::native(format, OutputFormat::Table) {
        return crate::write_stdout(table(&layers, &rows).as_bytes());
    }
    let list: Vec<Value> = rows.iter().map(|r| row_json(&layers, r)).collect();
    render::print(&list, format)
}

fn has_key(context: &[(String, String)], key: &str) -> bool {
    context.iter().any(|(k, _)| k.eq_ignore_ascii_case(key))
}

/// `KEY=VALUE` pairs; values of the keys alicli knows must be of their type, because a value the
/// engine cannot read makes every condition on that key fail without a word.
fn parse_context(items: &[String]) -> Result<Vec<(String, String)>> {
    items
        .iter()
        .map(|item| {
            let Some((key, value)) = item.split_once('=') else {
                usage!("--context {item:?}: give KEY=VALUE, e.g. acs:SourceIp=203.0.113.7");
            };
            let key = key.trim();
            if key.is_empty() || key.contains(char::is_whitespace) {
                usage!("--context {item:?}: the key must be a condition key such as acs:SourceIp");
            }
            if let Some(problem) = lint::context_value_problem(key, value) {
                usage!("--context {problem}");
            }
            Ok((key.to_string(), value.to_string()))
        })
        .collect()
}

/// The actions to evaluate, each with a note when it was given as an API operation name that RAM
/// authorizes under another action (`oss:HeadObject` is decided as `oss:GetObject`).
fn parse_actions(items: &[String]) -> Result<Vec<(String, Option<String>)>> {
    let mut out = Vec::new();
    for item in items {
        let action = item.trim();
        let well_formed =
            matches!(action.split_once(':'), Some((s, n)) if !s.is_empty() && !n.is_empty());
        if !well_formed {
            usage!("--action {item:?}: give service:Action, e.g. oss:GetObject");
        }
        if action.contains(['*', '?']) {
            usage!("--action {item:?}: a request has one action; wildcards belong in policies");
        }
        if let Some(actual) = catalog::operation_actions(action) {
            for a in actual {
                let note = format!("{action} is authorized as {a}");
                out.push((a, Some(note)));
            }
            continue;
        }
        match catalog::known_action(action) {
            Some(canonical) => out.push((canonical, None)),
            None => {
                let service = action.split(':').next().unwrap_or_default();
                if catalog::is_cataloged_service(service) {
                    let known = catalog::actions(service);
                    let hint = catalog::nearest(action, known.iter().map(String::as_str))
                        .map(|n| format!(": did you mean {n}?"))
                        .unwrap_or_default();
                    crate::terminal::output::warn(&format!(
                        "--action {action} is not an {} action alicli knows{hint}",
                        service.to_uppercase()
                    ));
                }
                out.push((action.to_string(), None));
            }
        }
    }
    Ok(out)
}

fn load_layer(name: &'static str, args: &[String], session: bool) -> Result<Layer> {
    let mut policies = Vec::new();
    for input in read_inputs(args)? {
        let report = lint::check(&input.text, CheckOptions { session });
        let Some(policy) = report.policy.clone() else {
            let first = report
                .findings
                .iter()
                .find(|f| f.severity == lint::Severity::Error)
                .map(|f| f.to_string())
                .unwrap_or_default();
            return Err(UsageError(format!("{name} {}: {first}", input.label)).into());
        };
        warn_findings(&input.label, &report);
        policies.push(Loaded {
            label: input.label,
            policy,
        });
    }
    Ok(Layer { name, policies })
}

/// The resource ARN for `--resource`, and the listing prefix when an `oss://bucket/prefix` was
/// given for a listing action. OSS authorizes each action on one kind of resource, so the URL is
/// read the way the request would be: object actions need a key; bucket actions are decided on
/// the bucket, and for listing the path becomes the `oss:Prefix` condition value.
fn resolve_resource(
    text: &str,
    action: &str,
    region: &str,
    account: &str,
) -> Result<(String, Option<String>)> {
    if text == "*" || text.starts_with("acs:") {
        return Ok((text.to_string(), None));
    }
    if !text.starts_with("oss://") {
        usage!("--resource {text:?}: give acs:<service>:<region>:<account>:<resource>, oss://bucket/key, or *");
    }
    let url = OssUrl::parse(text)?;
    let base = format!("acs:oss:{region}:{account}:{}", url.bucket);
    let object = || format!("{base}/{}", url.key);
    let listing = catalog::LISTING_ACTIONS
        .iter()
        .any(|l| action.eq_ignore_ascii_case(&format!("oss:{l}")));
    Ok(match catalog::oss_level(action) {
        Some(Level::Service) => usage!(
            "--resource {text:?}: {action} is authorized on the account, not a bucket; give --resource '*'"
        ),
        Some(Level::Bucket) if listing => (base, Some(url.key.clone())),
        Some(Level::Bucket) if !url.key.is_empty() => usage!(
            "--resource {text:?}: {action} is authorized on the bucket; give oss://{}",
            url.bucket
        ),
        Some(Level::Bucket) => (base, None),
        Some(Level::Object) if url.key.is_empty() => usage!(
            "--resource {text:?}: {action} is authorized on objects; give oss://{}/KEY",
            url.bucket
        ),
        _ if url.key.is_empty() => (base, None),
        _ => (object(), None),
    })
}

/// Resources built from oss:// URLs carry `*` for the region and account unless told otherwise;
/// a policy that names a concrete account or region then never matches them, which is worth
/// saying once.
fn note_placeholders(layers: &[Layer], region: &str, account: &str) {
    let mut named_accounts = std::collections::BTreeSet::new();
    let mut named_regions = std::collections::BTreeSet::new();
    for loaded in layers.iter().flat_map(|l| &l.policies) {
        for statement in loaded.policy.statements() {
            let Some(alicli_policy::Patterns::Include(list)) = &statement.resource else {
                continue;
            };
            for r in list {
                let parts: Vec<&str> = r.splitn(5, ':').collect();
                if parts.len() == 5 && parts[1] == "oss" {
                    if !parts[3].contains(['*', '?']) && !parts[3].is_empty() {
                        named_accounts.insert(parts[3].to_string());
                    }
                    if !parts[2].contains(['*', '?']) && !parts[2].is_empty() {
                        named_regions.insert(parts[2].to_string());
                    }
                }
            }
        }
    }
    if account == "*" && !named_accounts.is_empty() {
        let list: Vec<String> = named_accounts.into_iter().collect();
        crate::terminal::output::warn(&format!(
            "oss:// resources were written with account *, which does not match the account the policies name ({}); pass --account ID to evaluate requests in that account",
            list.join(", ")
        ));
    }
    if region == "*" && !named_regions.is_empty() {
        let list: Vec<String> = named_regions.into_iter().collect();
        crate::terminal::output::warn(&format!(
            "oss:// resources were written with region *, which does not match the region the policies name ({}); pass --region REGION",
            list.join(", ")
        ));
    }
}

fn evaluate_row(
    layers: &[Layer],
    action: &str,
    resource: String,
    context: Vec<(String, String)>,
    action_note: Option<String>,
) -> Row {
    let request = RequestContext {
        action: action.to_string(),
        resource,
        context,
    };
    let policies: Vec<Vec<&Policy>> = layers
        .iter()
        .map(|l| l.policies.iter().map(|p| &p.policy).collect())
        .collect();
    let slices: Vec<&[&Policy]> = policies.iter().map(Vec::as_slice).collect();
    let decision = evaluate_layers(&slices, &request);

    let mut notes: Vec<String> = action_note.into_iter().collect();
    for (l, layer) in layers.iter().enumerate() {
        let implicit_here = matches!(
            decision,
            LayeredDecision::Deny { layer, decision: Decision::ImplicitDeny } if layer == l
        );
        for loaded in &layer.policies {
            for miss in near_misses(&loaded.policy, &request) {
                let why = |miss: &NearMiss| unmet_text(&miss.unmet, &request.context);
                let place = statement_place(loaded, miss.statement);
                match miss.effect {
                    // Only where nothing allowed: elsewhere another statement already did.
                    Effect::Allow if implicit_here => {
                        notes.push(format!("{place} would allow it, but {}", why(&miss)))
                    }
                    // A deny held off only by a key the query did not give may well apply to
                    // the real request, which always carries it.
                    Effect::Deny if miss.unmet.iter().any(|u| !u.present) => notes.push(format!(
                        "{place} would deny it if its condition held: {}",
                        why(&miss)
                    )),
                    _ => {}
                }
            }
        }
    }
    Row {
        action: request.action,
        resource: request.resource,
        context: request.context,
        decision,
        notes,
    }
}

fn unmet_text(unmet: &[UnmetCondition], context: &[(String, String)]) -> String {
    unmet
        .iter()
        .map(|u| {
            let values = serde_json::to_string(&u.values).unwrap_or_default();
            let given: Vec<String> = context
                .iter()
                .filter(|(k, _)| k.eq_ignore_ascii_case(&u.key))
                .map(|(_, v)| format!("{v:?}"))
                .collect();
            let detail = if given.is_empty() {
                format!("no {} in the context: add --context {}=VALUE", u.key, u.key)
            } else {
                format!("the context has {}={}", u.key, given.join(", "))
            };
            format!("{} {} {values} does not hold ({detail})", u.operator, u.key)
        })
        .collect::<Vec<_>>()
        .join("; ")
}

fn statement_place(loaded: &Loaded, index: usize) -> String {
    let sid = loaded
        .policy
        .statements()
        .get(index)
        .and_then(|s| s.sid.as_deref())
        .map(|sid| format!(" (Sid {sid:?})"))
        .unwrap_or_default();
    format!("{} $.Statement[{index}]{sid}", loaded.label)
}

fn decision_word(decision: &LayeredDecision) -> &'static str {
    match decision {
        LayeredDecision::Allow(_) => "allow",
        LayeredDecision::Deny {
            decision: Decision::ExplicitDeny { .. },
            ..
        } => "explicit-deny",
        LayeredDecision::Deny { .. } => "implicit-deny",
    }
}

/// The statements that decided, as (layer index, policy index, statement index).
fn deciders(decision: &LayeredDecision) -> Vec<(usize, usize, usize)> {
    match decision {
        LayeredDecision::Allow(decisions) => decisions
            .iter()
            .enumerate()
            .filter_map(|(l, d)| match d {
                Decision::Allow { policy, statement } => Some((l, *policy, *statement)),
                _ => None,
            })
            .collect(),
        LayeredDecision::Deny {
            layer,
            decision: Decision::ExplicitDeny { policy, statement },
        } => vec![(*layer, *policy, *statement)],
        LayeredDecision::Deny { .. } => Vec::new(),
    }
}

fn decided_by_text(layers: &[Layer], decision: &LayeredDecision) -> String {
    if let LayeredDecision::Deny { layer, .. } = decision {
        if deciders(decision).is_empty() {
            let name = layers.get(*layer).map_or("policy", |l| l.name);
            return if layers.len() > 1 {
                format!("no statement of the {name} allows it")
            } else {
                "no statement allows it".into()
            };
        }
    }
    deciders(decision)
        .into_iter()
        .filter_map(|(l, p, s)| {
            let layer = layers.get(l)?;
            let place = statement_place(layer.policies.get(p)?, s);
            Some(if layers.len() > 1 {
                format!("{}: {place}", layer.name)
            } else {
                place
            })
        })
        .collect::<Vec<_>>()
        .join(" + ")
}

fn table(layers: &[Layer], rows: &[Row]) -> String {
    let cells: Vec<Vec<String>> = rows
        .iter()
        .map(|r| {
            vec![
                r.action.clone(),
                resource_cell(r),
                decision_word(&r.decision).replace('-', " "),
                decided_by_text(layers, &r.decision),
            ]
        })
        .collect();
    let lines =
        crate::terminal::table::lines(&["ACTION", "RESOURCE", "DECISION", "DECIDED BY"], &cells);
    let mut out = format!("{}\n", lines[0]);
    for (row, line) in rows.iter().zip(&lines[1..]) {
        out.push_str(&format!("{line}\n"));
        for note in &row.notes {
            out.push_str(&format!("  note: {note}\n"));
        }
    }
    out
}

/// The resource as the table shows it: for listing, the prefix is part of what was asked.
fn resource_cell(row: &Row) -> String {
    let listing = catalog::LISTING_ACTIONS
        .iter()
        .any(|l| row.action.eq_ignore_ascii_case(&format!("oss:{l}")));
    let prefix = row
        .context
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case("oss:Prefix"));
    match prefix {
        Some((_, p)) if listing => format!("{} (oss:Prefix={p:?})", row.resource),
        _ => row.resource.clone(),
    }
}

fn row_json(layers: &[Layer], row: &Row) -> Value {
    let mut context = Map::new();
    for (k, v) in &row.context {
        match context.get_mut(k) {
            Some(Value::Array(list)) => list.push(Value::String(v.clone())),
            Some(single) => *single = json!([single.clone(), v]),
            None => {
                context.insert(k.clone(), Value::String(v.clone()));
            }
        }
    }
    let decided_by: Vec<Value> = deciders(&row.decision)
        .into_iter()
        .filter_map(|(l, p, s)| {
            let layer = layers.get(l)?;
            let loaded = layer.policies.get(p)?;
            let statement = loaded.policy.statements().get(s)?;
            Some(json!({
                "layer": layer.name,
                "policy": loaded.label,
                "statement": s,
                "path": format!("$.Statement[{s}]"),
                "sid": statement.sid,
                "effect": match statement.effect { Effect::Allow => "Allow", Effect::Deny => "Deny" },
            }))
        })
        .collect();
    let denied_in = match &row.decision {
        LayeredDecision::Deny { layer, .. } => layers.get(*layer).map(|l| l.name),
        LayeredDecision::Allow(_) => None,
    };
    json!({
        "action": row.action,
        "resource": row.resource,
        "context": context,
        "decision": decision_word(&row.decision),
        "allowed": row.decision.is_allowed(),
        "decided_by": decided_by,
        "denied_in": denied_in,
        "notes": row.notes,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resources_from_urls() {
        let r = |text: &str, action: &str| resolve_resource(text, action, "*", "*");
        assert_eq!(
            r("oss://sample-bucket/2015/01/01/grass.jpg", "oss:GetObject").unwrap(),
            (
                "acs:oss:*:*:sample-bucket/2015/01/01/grass.jpg".to_string(),
                None
            )
        );
        assert_eq!(
            r("oss://sample-bucket/2015/", "oss:ListObjects").unwrap(),
            (
                "acs:oss:*:*:sample-bucket".to_string(),
                Some("2015/".to_string())
            )
        );
        assert_eq!(
            r("oss://sample-bucket", "oss:ListObjects").unwrap(),
            ("acs:oss:*:*:sample-bucket".to_string(), Some(String::new()))
        );
        assert_eq!(
            r("oss://sample-bucket", "oss:GetBucketInfo").unwrap().0,
            "acs:oss:*:*:sample-bucket"
        );
        assert_eq!(
            resolve_resource(
                "oss://sample-bucket/k",
                "oss:GetObject",
                "cn-hangzhou",
                "42"
            )
            .unwrap()
            .0,
            "acs:oss:cn-hangzhou:42:sample-bucket/k"
        );
        assert_eq!(r("*", "oss:ListBuckets").unwrap().0, "*");
        assert_eq!(
            r("acs:ram::1:role/x", "sts:AssumeRole").unwrap().0,
            "acs:ram::1:role/x"
        );
        assert_eq!(
            r("oss://sample-bucket/k", "ecs:Anything").unwrap().0,
            "acs:oss:*:*:sample-bucket/k"
        );
        for (text, action, fragment) in [
            (
                "oss://sample-bucket",
                "oss:GetObject",
                "authorized on objects",
            ),
            (
                "oss://sample-bucket/k",
                "oss:GetBucketInfo",
                "authorized on the bucket",
            ),
            ("oss://sample-bucket", "oss:ListBuckets", "on the account"),
            ("sample-bucket/k", "oss:GetObject", "give acs:"),
            ("oss://Bad_Bucket/k", "oss:GetObject", "invalid bucket name"),
        ] {
            let err = r(text, action).unwrap_err().to_string();
            assert!(err.contains(fragment), "{text}: {err}");
        }
    }

    #[test]
    fn contexts_and_actions() {
        let ctx =
            parse_context(&["acs:SourceIp=203.0.113.7".into(), "oss:Prefix=a=b".into()]).unwrap();
        assert_eq!(ctx[1], ("oss:Prefix".to_string(), "a=b".to_string()));
        for bad in [
            "nokey",
            "=v",
            "acs:SourceIp=10.0.0.0/8",
            "acs:CurrentTime=soon",
        ] {
            assert!(parse_context(&[bad.into()]).is_err(), "{bad}");
        }
        let actions = parse_actions(&["OSS:getobject".into(), "oss:CopyObject".into()]).unwrap();
        assert_eq!(actions[0], ("oss:GetObject".to_string(), None));
        assert_eq!(actions.len(), 3);
        assert_eq!(actions[2].0, "oss:PutObject");
        assert!(actions[2].1.as_deref().unwrap().contains("authorized as"));
        for bad in ["GetObject", "oss:", "oss:Get*"] {
            assert!(parse_actions(&[bad.into()]).is_err(), "{bad}");
        }
    }
}
