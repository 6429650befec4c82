//! `alicli policy check` and `alicli policy eval` through the real binary: a table of policy /
//! action / resource cases with the decisions RAM documents for them, the checks' exit codes and
//! output shapes, and `sts assume-role` refusing a policy that check finds wrong before anything
//! reaches the local cloud.

use crate::common::{World, DOCS_POLICY};
use serde_json::Value;

const READ_ONLY: &str = "AliyunOSSReadOnlyAccess";
const JPG: &str = "oss://sample-bucket/2015/01/01/grass.jpg";

/// One row of the table: the tested (session) policy, an optional role policy, the request, and
/// the expected decision with the statement that decided it (`layer/policy/statement`, or "" for
/// an implicit deny).
struct Case {
    name: &'static str,
    policy: &'static str,
    role: Option<&'static str>,
    action: &'static str,
    resource: &'static str,
    context: &'static [&'static str],
    decision: &'static str,
    decided_by: &'static str,
}

#[allow(clippy::too_many_arguments)]
const fn case(
    name: &'static str,
    policy: &'static str,
    role: Option<&'static str>,
    action: &'static str,
    resource: &'static str,
    context: &'static [&'static str],
    decision: &'static str,
    decided_by: &'static str,
) -> Case {
    Case {
        name,
        policy,
        role,
        action,
        resource,
        context,
        decision,
        decided_by,
    }
}

const ALLOW_DENY: &str = r#"{"Version":"1","Statement":[
    {"Effect":"Allow","Action":"oss:*","Resource":["acs:oss:*:*:sample-bucket","acs:oss:*:*:sample-bucket/*"]},
    {"Sid":"NoDelete","Effect":"Deny","Action":"oss:DeleteObject","Resource":"acs:oss:*:*:sample-bucket/*"}]}"#;
const LIST_2015: &str = r#"{"Version":"1","Statement":[
    {"Effect":"Allow","Action":"oss:ListObjects","Resource":"acs:oss:*:*:sample-bucket","Condition":{"StringLike":{"oss:Prefix":["2015/*"]}}},
    {"Effect":"Allow","Action":"oss:GetObject","Resource":"acs:oss:*:*:sample-bucket/2015/*"}]}"#;
const LIST_ON_OBJECTS: &str = r#"{"Version":"1","Statement":[{"Effect":"Allow","Action":"oss:ListObjects","Resource":"acs:oss:*:*:sample-bucket/*"}]}"#;
const OFFICE: &str = r#"{"Version":"1","Statement":[{"Effect":"Allow","Action":"oss:GetObject","Resource":"acs:oss:*:*:sample-bucket/*","Condition":{"IpAddress":{"acs:SourceIp":["192.168.0.0/16","203.0.113.7"]}}}]}"#;
const NOT_OUTSIDE: &str = r#"{"Version":"1","Statement":[
    {"Effect":"Allow","Action":"oss:*","Resource":"*"},
    {"Effect":"Deny","Action":"oss:*","Resource":"*","Condition":{"NotIpAddress":{"acs:SourceIp":"10.0.0.0/8"}}}]}"#;
const UNTIL_2999: &str = r#"{"Version":"1","Statement":[{"Effect":"Allow","Action":"oss:GetObject","Resource":"*","Condition":{"DateLessThan":{"acs:CurrentTime":"2999-01-01T00:00:00+08:00"}}}]}"#;
const HTTPS_ONLY: &str = r#"{"Version":"1","Statement":[
    {"Effect":"Allow","Action":"oss:GetObject","Resource":"*"},
    {"Effect":"Deny","Action":"oss:*","Resource":"*","Condition":{"Bool":{"acs:SecureTransport":"false"}}}]}"#;
const NOT_ACTION: &str = r#"{"Version":"1","Statement":[{"Effect":"Allow","NotAction":["oss:Delete*","oss:Put*"],"Resource":"*"}]}"#;
const NOT_RESOURCE: &str = r#"{"Version":"1","Statement":[{"Effect":"Allow","Action":"oss:GetObject","NotResource":"acs:oss:*:*:sample-bucket/private/*"}]}"#;
const FOLDER_STAR: &str = r#"{"Version":"1","Statement":[{"Effect":"Allow","Action":"oss:GetObject","Resource":"acs:oss:*:*:sample-bucket/2015*"}]}"#;
const FOLDER_SLASH: &str = r#"{"Version":"1","Statement":[{"Effect":"Allow","Action":"oss:GetObject","Resource":"acs:oss:*:*:sample-bucket/2015/*"}]}"#;
const ACCOUNT: &str = r#"{"Version":"1","Statement":[{"Effect":"Allow","Action":"oss:GetObject","Resource":"acs:oss:*:1234567890123456:sample-bucket/*"}]}"#;
const AGENTS: &str = r#"{"Version":"1","Statement":[{"Effect":"Allow","Action":"oss:GetObject","Resource":"*","Condition":{"StringEquals":{"acs:UserAgent":["ci-bot","deploy-bot"]},"Bool":{"acs:SecureTransport":"true"}}}]}"#;
const ASSUME: &str = r#"{"Version":"1","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole","Resource":"acs:ram::1234567890123456:role/oss-*"}]}"#;
const DENY_ALL: &str =
    r#"{"Version":"1","Statement":[{"Effect":"Deny","Action":"*","Resource":"*"}]}"#;

#[rustfmt::skip]
fn cases() -> Vec<Case> {
    let pic = "oss://sample-bucket/2015/01/01/grass.png";
    let d = DOCS_POLICY;
    let r = Some(READ_ONLY);
    vec![
        // The old docs' narrowing policy on its own and under the read-only role.
        case("docs: jpg of the day", d, None, "oss:GetObject", JPG, &[], "allow", "policy/0/0"),
        case("docs: png refused", d, None, "oss:GetObject", pic, &[], "implicit-deny", ""),
        case("docs: * spans folders", d, None, "oss:GetObject", "oss://sample-bucket/2015/01/01/a/b.jpg", &[], "allow", "policy/0/0"),
        case("docs: other day", d, None, "oss:GetObject", "oss://sample-bucket/2015/01/02/grass.jpg", &[], "implicit-deny", ""),
        case("docs: upload refused", d, None, "oss:PutObject", JPG, &[], "implicit-deny", ""),
        case("docs: HeadObject is GetObject", d, None, "oss:HeadObject", JPG, &[], "allow", "policy/0/0"),
        case("docs: action case-insensitive", d, None, "OSS:GETOBJECT", JPG, &[], "allow", "policy/0/0"),
        case("docs: resource case-sensitive", d, None, "oss:GetObject", "acs:oss:*:*:sample-bucket/2015/01/01/GRASS.JPG", &[], "implicit-deny", ""),
        case("role and session both allow", d, r, "oss:GetObject", JPG, &[], "allow", "role policy/0/0+session policy/0/0"),
        case("session cannot widen the role", ALLOW_DENY, r, "oss:PutObject", JPG, &[], "implicit-deny", "role policy"),
        case("role allows, session does not", d, r, "oss:ListObjects", "oss://sample-bucket", &[], "implicit-deny", "session policy"),
        case("role's List* allows listing alone", READ_ONLY, None, "oss:ListObjects", "oss://sample-bucket/2015/", &[], "allow", "policy/0/0"),
        case("session deny beats role allow", DENY_ALL, r, "oss:GetObject", JPG, &[], "explicit-deny", "session policy/0/0"),
        // Allow and explicit deny in one policy.
        case("deny beats allow", ALLOW_DENY, None, "oss:DeleteObject", JPG, &[], "explicit-deny", "policy/0/1"),
        case("allow where no deny applies", ALLOW_DENY, None, "oss:PutObject", JPG, &[], "allow", "policy/0/0"),
        case("deny is scoped to its resource", ALLOW_DENY, None, "oss:DeleteObject", "oss://other-bucket/x", &[], "implicit-deny", ""),
        // Listing is authorized on the bucket, limited by oss:Prefix.
        case("list inside the prefix", LIST_2015, None, "oss:ListObjects", "oss://sample-bucket/2015/01/", &[], "allow", "policy/0/0"),
        case("list outside the prefix", LIST_2015, None, "oss:ListObjects", "oss://sample-bucket/2016/", &[], "implicit-deny", ""),
        case("list the whole bucket", LIST_2015, None, "oss:ListObjects", "oss://sample-bucket", &[], "implicit-deny", ""),
        case("bucket/* does not cover listing", LIST_ON_OBJECTS, None, "oss:ListObjects", "oss://sample-bucket/2015/", &[], "implicit-deny", ""),
        // Folders: `2015/*` versus `2015*`.
        case("2015/* covers the folder", FOLDER_SLASH, None, "oss:GetObject", "oss://sample-bucket/2015/a.jpg", &[], "allow", "policy/0/0"),
        case("2015/* not a sibling", FOLDER_SLASH, None, "oss:GetObject", "oss://sample-bucket/2015-old/a.jpg", &[], "implicit-deny", ""),
        case("2015* covers a sibling too", FOLDER_STAR, None, "oss:GetObject", "oss://sample-bucket/2015-old/a.jpg", &[], "allow", "policy/0/0"),
        // NotAction and NotResource.
        case("NotAction allows the rest", NOT_ACTION, None, "oss:GetObject", JPG, &[], "allow", "policy/0/0"),
        case("NotAction excludes its list", NOT_ACTION, None, "oss:DeleteObject", JPG, &[], "implicit-deny", ""),
        case("NotResource allows elsewhere", NOT_RESOURCE, None, "oss:GetObject", JPG, &[], "allow", "policy/0/0"),
        case("NotResource excludes its list", NOT_RESOURCE, None, "oss:GetObject", "oss://sample-bucket/private/a", &[], "implicit-deny", ""),
        // Accounts in resources.
        case("account placeholder does not match", ACCOUNT, None, "oss:GetObject", JPG, &[], "implicit-deny", ""),
        case("the named account matches", ACCOUNT, None, "oss:GetObject", "acs:oss:*:1234567890123456:sample-bucket/k", &[], "allow", "policy/0/0"),
        // Conditions.
        case("IpAddress inside CIDR", OFFICE, None, "oss:GetObject", JPG, &["acs:SourceIp=192.168.7.9"], "allow", "policy/0/0"),
        case("IpAddress single address", OFFICE, None, "oss:GetObject", JPG, &["acs:SourceIp=203.0.113.7"], "allow", "policy/0/0"),
        case("IpAddress outside", OFFICE, None, "oss:GetObject", JPG, &["acs:SourceIp=198.51.100.1"], "implicit-deny", ""),
        case("IpAddress without the key", OFFICE, None, "oss:GetObject", JPG, &[], "implicit-deny", ""),
        case("NotIpAddress deny applies", NOT_OUTSIDE, None, "oss:GetObject", JPG, &["acs:SourceIp=8.8.8.8"], "explicit-deny", "policy/0/1"),
        case("NotIpAddress deny does not apply", NOT_OUTSIDE, None, "oss:GetObject", JPG, &["acs:SourceIp=10.2.3.4"], "allow", "policy/0/0"),
        case("DateLessThan before", UNTIL_2999, None, "oss:GetObject", JPG, &["acs:CurrentTime=2998-12-31T15:59:59Z"], "allow", "policy/0/0"),
        case("DateLessThan at the instant", UNTIL_2999, None, "oss:GetObject", JPG, &["acs:CurrentTime=2998-12-31T16:00:00Z"], "implicit-deny", ""),
        case("DateLessThan defaults to now", UNTIL_2999, None, "oss:GetObject", JPG, &[], "allow", "policy/0/0"),
        case("Bool deny over http", HTTPS_ONLY, None, "oss:GetObject", JPG, &["acs:SecureTransport=false"], "explicit-deny", "policy/0/1"),
        case("Bool deny not over https", HTTPS_ONLY, None, "oss:GetObject", JPG, &["acs:SecureTransport=true"], "allow", "policy/0/0"),
        case("StringEquals one of the values", AGENTS, None, "oss:GetObject", JPG, &["acs:UserAgent=deploy-bot", "acs:SecureTransport=true"], "allow", "policy/0/0"),
        case("conditions are ANDed", AGENTS, None, "oss:GetObject", JPG, &["acs:UserAgent=deploy-bot", "acs:SecureTransport=false"], "implicit-deny", ""),
        case("StringEquals is case-sensitive", AGENTS, None, "oss:GetObject", JPG, &["acs:UserAgent=CI-BOT", "acs:SecureTransport=true"], "implicit-deny", ""),
        // STS.
        case("AssumeRole on matching role", ASSUME, None, "sts:AssumeRole", "acs:ram::1234567890123456:role/oss-readonly", &[], "allow", "policy/0/0"),
        case("AssumeRole on another role", ASSUME, None, "sts:AssumeRole", "acs:ram::1234567890123456:role/admin", &[], "implicit-deny", ""),
    ]
}

fn eval(world: &World, c: &Case) -> crate::common::Run {
    let mut args = vec![
        "policy",
        "eval",
        "--policy",
        c.policy,
        "--action",
        c.action,
        "--resource",
        c.resource,
        "--output",
        "json",
    ];
    if let Some(role) = c.role {
        args.extend(["--role-policy", role]);
    }
    for kv in c.context {
        args.extend(["--context", kv]);
    }
    world.run(&args)
}

/// `layer/policy/statement` for each decider, joined with `+`; just the layer for an implicit
/// deny of a layered evaluation.
fn decided_by(row: &Value) -> String {
    let list = row["decided_by"].as_array().unwrap();
    if list.is_empty() {
        return row["denied_in"]
            .as_str()
            .filter(|l| *l != "policy")
            .unwrap_or_default()
            .to_string();
    }
    list.iter()
        .map(|d| {
            // The policy index within its layer is always 0 here: one policy per layer.
            format!("{}/0/{}", d["layer"].as_str().unwrap(), d["statement"])
        })
        .collect::<Vec<_>>()
        .join("+")
}

#[test]
fn decision_table_matches_ram_semantics() {
    let world = World::new();
    let cases = cases();
    assert!(cases.len() >= 30);
    let mut failures = Vec::new();
    for c in &cases {
        let r = eval(&world, c);
        assert_eq!(r.code, 0, "{}: {r:?}", c.name);
        let rows = r.json();
        let rows = rows.as_array().unwrap();
        let row = &rows[0];
        let got = (
            row["decision"].as_str().unwrap().to_string(),
            decided_by(row),
        );
        if got != (c.decision.to_string(), c.decided_by.to_string()) {
            failures.push(format!(
                "{}: expected {} by {:?}, got {} by {:?}\n{r:?}",
                c.name, c.decision, c.decided_by, got.0, got.1
            ));
        }
        assert_eq!(row["allowed"], c.decision == "allow", "{}", c.name);
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
    // Nothing here needed the network.
    assert_eq!(world.total_requests(), 0);
}

#[test]
fn eval_table_of_every_combination() {
    let world = World::new();
    let r = world.run(&[
        "policy",
        "eval",
        "--role-policy",
        READ_ONLY,
        "--policy",
        DOCS_POLICY,
        "--action",
        "oss:GetObject,oss:PutObject",
        "--action",
        "oss:HeadObject",
        "--resource",
        JPG,
        "--resource",
        "oss://sample-bucket/2015/01/01/grass.png",
    ]);
    assert_eq!(r.code, 0, "{r:?}");
    let lines: Vec<&str> = r.stdout.lines().collect();
    assert!(lines[0].starts_with("ACTION"), "{r:?}");
    assert!(lines[0].contains("DECIDED BY"), "{r:?}");
    let rows: Vec<&&str> = lines.iter().filter(|l| l.starts_with("oss:")).collect();
    assert_eq!(rows.len(), 6, "{r:?}");
    assert!(
        rows[0].contains("grass.jpg")
            && rows[0].contains("allow")
            && rows[0].contains("role policy: AliyunOSSReadOnlyAccess $.Statement[0]")
            && rows[0].contains("session policy: inline $.Statement[0]"),
        "{r:?}"
    );
    assert!(
        rows[1].contains("grass.png")
            && rows[1].contains("implicit deny")
            && rows[1].contains("no statement of the session policy allows it"),
        "{r:?}"
    );
    assert!(
        rows[2].contains("oss:PutObject") && rows[2].contains("no statement of the role policy"),
        "{r:?}"
    );
    assert!(
        r.stdout
            .contains("note: oss:HeadObject is authorized as oss:GetObject"),
        "{r:?}"
    );
    assert!(r.stderr.is_empty(), "{r:?}");
}

#[test]
fn eval_explains_conditions_and_placeholders() {
    let world = World::new();
    let r = world.run(&[
        "policy",
        "eval",
        "--policy",
        OFFICE,
        "--action",
        "oss:GetObject",
        "--resource",
        JPG,
    ]);
    assert_eq!(r.code, 0, "{r:?}");
    assert!(r.stdout.contains("implicit deny"), "{r:?}");
    assert!(
        r.stdout.contains("note: inline $.Statement[0] would allow it, but IpAddress acs:SourceIp [\"192.168.0.0/16\",\"203.0.113.7/32\"] does not hold (no acs:SourceIp in the context: add --context acs:SourceIp=VALUE)"),
        "{r:?}"
    );

    // A deny held off only by a missing key is pointed out even when the answer is allow.
    let r = world.run(&[
        "policy",
        "eval",
        "--policy",
        HTTPS_ONLY,
        "--action",
        "oss:GetObject",
        "--resource",
        JPG,
    ]);
    assert!(
        r.stdout.contains("allow")
            && r.stdout.contains(
                "$.Statement[1] would deny it if its condition held: Bool acs:SecureTransport"
            ),
        "{r:?}"
    );

    // oss:// resources carry account *, which a policy naming an account does not match.
    let r = world.run(&[
        "policy",
        "eval",
        "--policy",
        ACCOUNT,
        "--action",
        "oss:GetObject",
        "--resource",
        JPG,
    ]);
    assert!(r.stdout.contains("implicit deny"), "{r:?}");
    assert!(
        r.stderr
            .contains("warning: oss:// resources were written with account *")
            && r.stderr.contains("1234567890123456"),
        "{r:?}"
    );
    let r = world.run(&[
        "policy",
        "eval",
        "--policy",
        ACCOUNT,
        "--action",
        "oss:GetObject",
        "--resource",
        JPG,
        "--account",
        "1234567890123456",
        "--output",
        "json",
    ]);
    let v = r.json();
    assert_eq!(v[0]["decision"], "allow", "{r:?}");
    assert_eq!(
        v[0]["resource"],
        "acs:oss:*:1234567890123456:sample-bucket/2015/01/01/grass.jpg"
    );
    assert!(v[0]["context"]["acs:CurrentTime"]
        .as_str()
        .unwrap()
        .ends_with('Z'));
    assert!(r.stderr.is_empty(), "{r:?}");

    // --region fills the region part.
    let r = world.run(&[
        "--region",
        "cn-hangzhou",
        "policy",
        "eval",
        "--policy",
        DOCS_POLICY,
        "--action",
        "oss:GetObject",
        "--resource",
        JPG,
        "--output",
        "json",
    ]);
    assert_eq!(
        r.json()[0]["resource"],
        "acs:oss:cn-hangzhou:*:sample-bucket/2015/01/01/grass.jpg"
    );
}

#[test]
fn eval_refuses_bad_input() {
    let world = World::new();
    let base = [
        "policy",
        "eval",
        "--action",
        "oss:GetObject",
        "--resource",
        JPG,
    ];
    let with = |extra: &[&str]| {
        let mut v: Vec<&str> = base.to_vec();
        v.extend_from_slice(extra);
        world.run(&v)
    };
    for (extra, needle) in [
        (vec!["--policy", "{"], "invalid JSON"),
        (
            vec!["--policy", r#"{"Version":"2","Statement":[]}"#],
            "$.Version",
        ),
        (
            vec!["--policy", "no-such-file.json"],
            "cannot read policy file no-such-file.json",
        ),
        (
            vec!["--policy", DOCS_POLICY, "--context", "acs:SourceIp"],
            "KEY=VALUE",
        ),
        (
            vec![
                "--policy",
                DOCS_POLICY,
                "--context",
                "acs:SourceIp=10.0.0.0/8",
            ],
            "IP address",
        ),
        (
            vec!["--policy", DOCS_POLICY, "--context", "acs:CurrentTime=soon"],
            "a date",
        ),
        (
            vec!["--policy", DOCS_POLICY, "--account", "me"],
            "invalid --account",
        ),
        (vec!["--policy", "-", "--role-policy", "-"], "only once"),
    ] {
        let r = with(&extra);
        assert_eq!(r.code, 2, "{extra:?}: {r:?}");
        assert!(r.stderr.contains(needle), "{extra:?}: {r:?}");
        assert_eq!(r.stderr.lines().count(), 1, "{extra:?}: {r:?}");
        assert!(r.stdout.is_empty(), "{extra:?}: {r:?}");
    }
    let r = world.run(&[
        "policy",
        "eval",
        "--policy",
        DOCS_POLICY,
        "--action",
        "oss:Get*",
        "--resource",
        JPG,
    ]);
    assert_eq!(r.code, 2, "{r:?}");
    let r = world.run(&[
        "policy",
        "eval",
        "--policy",
        DOCS_POLICY,
        "--action",
        "oss:GetObject",
        "--resource",
        "oss://sample-bucket",
    ]);
    assert_eq!(r.code, 2, "{r:?}");
    assert!(r.stderr.contains("authorized on objects"), "{r:?}");
    // A typo in --action is still evaluated, with a pointer to the real name.
    let r = world.run(&[
        "policy",
        "eval",
        "--policy",
        DOCS_POLICY,
        "--action",
        "oss:GetObjects",
        "--resource",
        JPG,
    ]);
    assert_eq!(r.code, 0, "{r:?}");
    assert!(r.stderr.contains("did you mean oss:GetObject?"), "{r:?}");
    assert!(r.stdout.contains("implicit deny"), "{r:?}");
}

#[test]
fn check_reports_findings_with_paths_and_exit_codes() {
    let world = World::new();
    std::fs::write(world.path("docs.json"), DOCS_POLICY).unwrap();
    let r = world.run(&["policy", "check", "docs.json"]);
    assert_eq!(r.code, 0, "{r:?}");
    assert_eq!(r.stdout, "docs.json: ok (1 statement, 133 characters)\n");
    assert!(r.stderr.is_empty(), "{r:?}");

    let typo = r#"{"Version":"1","Statement":[{"Effect":"Allow","Action":["oss:GetObjects","oss:ListObjects"],"Resource":"acs:oss:*:*:sample-bucket/2015/*"}]}"#;
    std::fs::write(world.path("typo.json"), typo).unwrap();
    let r = world.run(&["policy", "check", "typo.json", "@docs.json"]);
    assert_eq!(r.code, 2, "{r:?}");
    let lines: Vec<&str> = r.stdout.lines().collect();
    assert_eq!(
        lines[0],
        "typo.json: error: $.Statement[0].Action[0]: unknown OSS action \"oss:GetObjects\": did you mean \"oss:GetObject\"?"
    );
    assert!(
        lines[1].starts_with("typo.json: warning: $.Statement[0].Action[1]: oss:ListObjects is authorized on the bucket"),
        "{r:?}"
    );
    assert_eq!(
        lines[2],
        "typo.json: 1 error, 1 warning (1 statement, 140 characters)"
    );
    assert_eq!(lines[3], "docs.json: ok (1 statement, 133 characters)");
    assert_eq!(
        r.stderr.trim(),
        "error: policy check failed for typo.json",
        "{r:?}"
    );

    // Warnings alone exit 0.
    let r = world.run(&[
        "policy",
        "check",
        r#"{"Version":"1","Statement":[{"Effect":"Allow","Action":"oss:GetObject","Resource":"acs:oss:*:*:sample-bucket/2015*"}]}"#,
    ]);
    assert_eq!(r.code, 0, "{r:?}");
    assert!(
        r.stdout
            .contains("inline: warning: $.Statement[0].Resource:"),
        "{r:?}"
    );

    // JSON for scripts, and stdin.
    let out = crate::common::run_with_stdin(
        &mut world.command(&["policy", "check", "-", "--output", "json", "--session"]),
        typo.as_bytes(),
    );
    assert_eq!(out.code, 2);
    let v: Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(v[0]["policy"], "stdin");
    assert_eq!(v[0]["ok"], false);
    assert_eq!(v[0]["errors"], 1);
    assert_eq!(v[0]["findings"][0]["severity"], "error");
    assert_eq!(v[0]["findings"][0]["path"], "$.Statement[0].Action[0]");

    // The session limit is an error only with --session.
    let long = format!(
        r#"{{"Version":"1","Statement":[{{"Effect":"Allow","Action":"oss:GetObject","Resource":"acs:oss:*:*:sample-bucket/*"}}{}]}}"#,
        " ".repeat(2000)
    );
    assert_eq!(world.run(&["policy", "check", &long]).code, 0);
    let r = world.run(&["policy", "check", "--session", &long]);
    assert_eq!(r.code, 2, "{r:?}");
    assert!(
        r.stdout.contains("inline: error: $: the policy is 2"),
        "{r:?}"
    );
    assert!(r.stdout.contains("without whitespace"), "{r:?}");

    // Unreadable input is bad usage, before any output.
    let r = world.run(&["policy", "check", "missing.json"]);
    assert_eq!(r.code, 2, "{r:?}");
    assert!(r.stdout.is_empty(), "{r:?}");
    assert_eq!(world.total_requests(), 0);
}

#[test]
fn assume_role_checks_its_policy_first() {
    let world = World::new();
    world.configure_user();
    let arn = world.cloud.info.role_arn.clone();
    let typo = r#"{"Version":"1","Statement":[{"Effect":"Allow","Action":"oss:GetObjects","Resource":"acs:oss:*:*:sample-bucket/2015/01/01/*.jpg"}]}"#;
    let before = world.total_requests();
    let r = world.run(&[
        "sts",
        "assume-role",
        "--role-arn",
        &arn,
        "--role-session-name",
        "s1",
        "--policy",
        typo,
    ]);
    assert_eq!(r.code, 2, "{r:?}");
    assert_eq!(r.stderr.lines().count(), 1, "{r:?}");
    assert!(
        r.stderr.contains("$.Statement[0].Action: unknown OSS action \"oss:GetObjects\": did you mean \"oss:GetObject\"?"),
        "{r:?}"
    );
    assert!(r.stdout.is_empty(), "{r:?}");
    assert_eq!(world.total_requests(), before, "nothing was sent");

    // Warnings are printed and the call goes ahead.
    let warned = r#"{"Version":"1","Statement":[{"Effect":"Allow","Action":["oss:GetObject","oss:ListObjects"],"Resource":"acs:oss:*:*:sample-bucket/2015/*"}]}"#;
    let r = world.run(&[
        "sts",
        "assume-role",
        "--role-arn",
        &arn,
        "--role-session-name",
        "s1",
        "--policy",
        warned,
    ]);
    assert_eq!(r.code, 0, "{r:?}");
    assert!(
        r.stderr.contains("warning: policy: $.Statement[0].Action[1]: oss:ListObjects is authorized on the bucket"),
        "{r:?}"
    );
    assert!(r.json()["Credentials"]["AccessKeyId"].is_string());

    // The old docs' policy passes silently.
    let r = world.run(&[
        "sts",
        "assume-role",
        "--role-arn",
        &arn,
        "--role-session-name",
        "s1",
        "--policy",
        DOCS_POLICY,
    ]);
    assert_eq!(r.code, 0, "{r:?}");
    assert!(r.stderr.is_empty(), "{r:?}");
}
