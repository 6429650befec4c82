//! The global `--output json|text|table|yaml` and `--query` on every command that prints data,
//! against the local cloud: golden outputs for text and tables (with `--query` picking the
//! fields that do not change from run to run), JSON and YAML read back, and the formats a
//! command does not print refused before any request.

use crate::common::World;

fn ok(world: &World, args: &[&str]) -> String {
    let r = world.run(args);
    assert_eq!(r.code, 0, "{args:?}: {r:?}");
    r.stdout
}

#[test]
fn sts_answers_in_every_format_and_queried() {
    let world = World::with_user();
    let account = world.cloud.info.account_id.clone();
    let ep = world.endpoint();
    let id = |extra: &[&str]| {
        let mut args = vec!["sts", "get-caller-identity", "--endpoint", &ep];
        args.extend_from_slice(extra);
        ok(&world, &args)
    };
    // The README's CI line: one field, bare.
    assert_eq!(
        id(&["--query", "AccountId", "--output", "text"]),
        format!("{account}\n")
    );
    // JSON by default, as the old docs show STS answers (indented by 4).
    let json: serde_json::Value = serde_json::from_str(&id(&[])).unwrap();
    assert_eq!(json["AccountId"], account.as_str());
    assert!(id(&[]).contains("\n    \"AccountId\""));
    let yaml = id(&["--output", "yaml"]);
    assert!(yaml.contains(&format!("AccountId: '{account}'")), "{yaml}");
    let table = id(&["--output", "table", "--query", "{Account: AccountId}"]);
    assert_eq!(table, format!("KEY      VALUE\nAccount  {account}\n"));
    let text = id(&["--output", "text", "--query", "[AccountId, IdentityType]"]);
    assert_eq!(text, format!("{account}\tRAMUser\n"));
    // A field that is not there is nothing, not an error.
    assert_eq!(id(&["--query", "NoSuchField", "--output", "text"]), "");

    let creds = ok(
        &world,
        &[
            "sts",
            "assume-role",
            "--role-arn",
            &world.cloud.info.role_arn,
            "--role-session-name",
            "fmt",
            "--query",
            "Credentials.AccessKeyId",
            "--output",
            "text",
        ],
    );
    assert!(
        creds.starts_with("STS.") && creds.lines().count() == 1,
        "{creds}"
    );
}

#[test]
fn profiles_and_policies_in_every_format() {
    let world = World::with_user();
    let list: serde_json::Value =
        serde_json::from_str(&ok(&world, &["configure", "list", "--output", "json"])).unwrap();
    assert_eq!(list[0]["name"], "default");
    assert_eq!(
        ok(
            &world,
            &[
                "configure",
                "list",
                "--output",
                "text",
                "--query",
                "[].[name, kind, region]"
            ]
        ),
        "default\taccess key\tcn-hangzhou\n"
    );
    assert_eq!(ok(&world, &["configure", "get", "region"]), "cn-hangzhou\n");
    let got: serde_json::Value = serde_json::from_str(&ok(
        &world,
        &["configure", "get", "region", "--output", "json"],
    ))
    .unwrap();
    assert_eq!(got["value"], "cn-hangzhou");
    assert_eq!(got["profile"], "default");

    let policy = r#"{"Version":"1","Statement":[{"Effect":"Allow","Action":"oss:GetObject","Resource":"acs:oss:*:*:b/*"}]}"#;
    let eval = |extra: &[&str]| {
        let mut args = vec![
            "policy",
            "eval",
            "--policy",
            policy,
            "--action",
            "oss:GetObject",
            "--action",
            "oss:PutObject",
            "--resource",
            "acs:oss:*:*:b/k",
        ];
        args.extend_from_slice(extra);
        ok(&world, &args)
    };
    assert_eq!(
        eval(&["--output", "text", "--query", "[].[action, decision]"]),
        "oss:GetObject\tallow\noss:PutObject\timplicit-deny\n"
    );
    assert_eq!(
        eval(&[
            "--output",
            "table",
            "--query",
            "[].{action: action, decision: decision}"
        ]),
        "ACTION         DECISION\noss:GetObject  allow\noss:PutObject  implicit-deny\n"
    );
    let yaml = eval(&["--output", "yaml", "--query", "[0].decision"]);
    assert_eq!(yaml, "allow\n");
    let check = ok(&world, &["policy", "check", policy, "--output", "json"]);
    let check: serde_json::Value = serde_json::from_str(&check).unwrap();
    assert!(check[0]["findings"].is_array(), "{check}");
}

#[test]
fn listings_and_trees_print_a_record_per_object() {
    let world = World::with_user();
    std::fs::create_dir_all(world.path("t/sub")).unwrap();
    std::fs::write(world.path("t/a.txt"), b"aa").unwrap();
    std::fs::write(world.path("t/sub/b.txt"), b"bbb").unwrap();
    let up = ok(
        &world,
        &[
            "oss",
            "cp",
            "-r",
            "t",
            "oss://sample-bucket/t/",
            "--output",
            "text",
            "--query",
            "[action, destination, size, status]",
        ],
    );
    let mut lines: Vec<&str> = up.lines().collect();
    lines.sort();
    assert_eq!(
        lines,
        [
            "upload\toss://sample-bucket/t/a.txt\t2\tok",
            "upload\toss://sample-bucket/t/sub/b.txt\t3\tok"
        ]
    );
    assert_eq!(
        ok(
            &world,
            &[
                "oss",
                "ls",
                "-r",
                "oss://sample-bucket/t/",
                "--output",
                "text",
                "--query",
                "[key, size]"
            ]
        ),
        "t/a.txt\t2\nt/sub/b.txt\t3\n"
    );
    assert_eq!(
        ok(
            &world,
            &[
                "oss",
                "ls",
                "-r",
                "oss://sample-bucket/t/",
                "--output",
                "table",
                "--query",
                "{key: key, size: size}"
            ]
        ),
        "KEY          SIZE\nt/a.txt      2\nt/sub/b.txt  3\n"
    );
    let yaml = ok(
        &world,
        &["oss", "ls", "oss://sample-bucket/t/", "--output", "yaml"],
    );
    assert!(
        yaml.contains("key: t/a.txt") && yaml.contains("---\n") && yaml.contains("type: prefix"),
        "{yaml}"
    );
    // JSON Lines, and the query applied to each record; without --output, the query's values
    // in ls's own form for people, a table.
    assert_eq!(
        ok(
            &world,
            &[
                "oss",
                "ls",
                "-r",
                "oss://sample-bucket/t/",
                "--query",
                "key"
            ]
        ),
        "VALUE\nt/a.txt\nt/sub/b.txt\n"
    );
    assert_eq!(
        ok(
            &world,
            &[
                "oss",
                "ls",
                "-r",
                "oss://sample-bucket/t/",
                "--query",
                "key",
                "--output",
                "json"
            ]
        ),
        "\"t/a.txt\"\n\"t/sub/b.txt\"\n"
    );
    assert_eq!(
        ok(
            &world,
            &[
                "oss",
                "stat",
                "oss://sample-bucket/t/a.txt",
                "--output",
                "text",
                "--query",
                "[size, content_type]"
            ]
        ),
        "2\ttext/plain\n"
    );
    let rm = ok(
        &world,
        &[
            "oss",
            "rm",
            "-r",
            "oss://sample-bucket/t/",
            "--output",
            "json",
        ],
    );
    assert_eq!(rm.lines().count(), 2, "{rm}");
    assert!(
        rm.lines().all(|l| l.contains("\"action\":\"delete\"")),
        "{rm}"
    );
    let exported = ok(
        &world,
        &[
            "configure",
            "export-credentials",
            "--output",
            "text",
            "--query",
            "AccessKeyId",
        ],
    );
    assert_eq!(exported.trim_end(), world.cloud.info.access_key_id);
}

#[test]
fn formats_and_queries_a_command_cannot_use_are_refused_before_any_request() {
    let world = World::with_user();
    let before = world.total_requests();
    for (args, message) in [
        (
            vec!["sts", "get-caller-identity", "--output", "env"],
            "--output env is not a format",
        ),
        (
            vec!["oss", "ls", "oss://sample-bucket", "--output", "env"],
            "--output env is not a format",
        ),
        (
            vec!["sts", "get-caller-identity", "--query", "a[?"],
            "invalid --query",
        ),
        (
            vec!["oss", "ls", "--query", "foo[", "oss://sample-bucket"],
            "invalid --query",
        ),
        (
            vec!["configure", "list", "--output", "xml"],
            "invalid value 'xml'",
        ),
    ] {
        let r = world.run(&args);
        assert_eq!(r.code, 2, "{args:?}: {r:?}");
        assert!(r.stderr.contains(message), "{args:?}: {r:?}");
    }
    assert_eq!(world.total_requests(), before);
}

#[test]
fn probe_check_and_sync_records_in_text_and_tables() {
    let world = World::with_user();
    // policy probe with the user's full access: every operation allowed.
    let probe = ok(
        &world,
        &[
            "policy",
            "probe",
            "oss://sample-bucket/probe/",
            "--output",
            "text",
            "--query",
            "steps[].[operation, result]",
        ],
    );
    let lines: Vec<&str> = probe.lines().collect();
    assert!(lines.contains(&"PutObject\tallowed"), "{probe}");
    assert!(lines.contains(&"DeleteObject\tallowed"), "{probe}");
    assert!(lines.iter().all(|l| l.split('\t').count() == 2), "{probe}");
    let table = ok(
        &world,
        &[
            "policy",
            "probe",
            "oss://sample-bucket/probe/",
            "--output",
            "table",
            "--query",
            "steps[?operation=='PutObject'].{operation: operation, result: result}",
        ],
    );
    assert_eq!(table, "OPERATION  RESULT\nPutObject  allowed\n");

    // policy check: its lines by default and for --output text, a table of findings on request.
    let wildcard = r#"{"Version":"1","Statement":[{"Effect":"Allow","Action":"oss:GetObject","Resource":"acs:oss:*:*:sample-bucket/2015*"}]}"#;
    let lines = ok(&world, &["policy", "check", wildcard]);
    assert_eq!(
        lines,
        ok(&world, &["policy", "check", wildcard, "--output", "text"])
    );
    assert!(lines.contains("warning"), "{lines}");
    let table = ok(
        &world,
        &[
            "policy",
            "check",
            wildcard,
            "--output",
            "table",
            "--query",
            "[0].findings[].{severity: severity, path: path}",
        ],
    );
    // An object made by the query has its keys in alphabetical order (the JMESPath library's).
    assert_eq!(
        table,
        "PATH                     SEVERITY\n$.Statement[0].Resource  warning\n"
    );

    // sync's records, then a second sync that prints none (nothing changed).
    std::fs::create_dir_all(world.path("s")).unwrap();
    std::fs::write(world.path("s/one.txt"), b"1").unwrap();
    let first = ok(
        &world,
        &[
            "oss",
            "sync",
            "s",
            "oss://sample-bucket/s/",
            "--output",
            "yaml",
            "--query",
            "{action: action, status: status}",
        ],
    );
    assert_eq!(first, "action: upload\nstatus: ok\n");
    let again = ok(
        &world,
        &[
            "oss",
            "sync",
            "s",
            "oss://sample-bucket/s/",
            "--output",
            "json",
        ],
    );
    assert_eq!(again, "", "unchanged objects are counted, not listed");
}
