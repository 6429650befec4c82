//! Secret hygiene over the whole flow: every command of a realistic session runs with `--verbose`
//! and every byte it writes to stdout and stderr is kept. No AccessKeySecret or SecurityToken may
//! appear in any of it, raw or percent-encoded, except on the stdout of the commands whose job is
//! to print them: `sts assume-role` (JSON or env), `configure export-credentials`, and `oss sign`
//! (a URL presigned with temporary credentials carries the token by the protocol's design).
//! Error bodies echoed by the services (SignatureDoesNotMatch repeats what was signed, token
//! included) pass through the same check.

use std::collections::BTreeSet;

use crate::common::{Run, World};
use alicli_localcloud::{CloudConfig, RoleConfig};
use alicli_wire::signing::percent::rfc3986;

struct Session<'a> {
    world: &'a World,
    /// Every secret seen so far: the user's key, and everything STS issued.
    secrets: BTreeSet<String>,
    /// What may never hold a secret: (command, text).
    checked: Vec<(String, String)>,
}

impl Session<'_> {
    /// Runs `alicli -v ARGS`; `prints_secrets` exempts its stdout (only) from the check.
    fn run(&mut self, args: &[&str], prints_secrets: bool) -> Run {
        self.run_env(args, &[], prints_secrets)
    }

    fn run_env(&mut self, args: &[&str], env: &[(&str, &str)], prints_secrets: bool) -> Run {
        let mut full = vec!["-v"];
        full.extend_from_slice(args);
        let r = self.world.run_env(&full, env);
        let label = args.join(" ");
        self.checked
            .push((format!("{label} (stderr)"), r.stderr.clone()));
        if prints_secrets {
            self.harvest_output(&r.stdout);
        } else {
            self.checked
                .push((format!("{label} (stdout)"), r.stdout.clone()));
        }
        self.harvest_file();
        r
    }

    /// Secrets in the profile file now (renewals replace them, so look after every command).
    fn harvest_file(&mut self) {
        let Ok(config) = alicli::config::profile::load(&self.world.config_file()) else {
            return;
        };
        for p in config.profiles.values() {
            let oss = p.oss.clone().unwrap_or_default();
            for s in [
                &p.access_key_secret,
                &p.security_token,
                &oss.access_key_secret,
                &oss.security_token,
            ]
            .into_iter()
            .flatten()
            {
                self.secrets.insert(s.clone());
            }
        }
    }

    /// Secrets printed on purpose: JSON answers and `NAME=value` exports.
    fn harvest_output(&mut self, stdout: &str) {
        if let Ok(json) = serde_json::from_str::<serde_json::Value>(stdout) {
            let c = json.get("Credentials").unwrap_or(&json);
            for key in ["AccessKeySecret", "SecurityToken"] {
                if let Some(s) = c.get(key).and_then(|v| v.as_str()) {
                    self.secrets.insert(s.to_string());
                }
            }
        }
        for line in stdout.lines() {
            let line = line.trim_start_matches("export ");
            if let Some((name, value)) = line.split_once('=') {
                if name.ends_with("SECRET") || name.ends_with("TOKEN") {
                    self.secrets.insert(value.trim_matches('\'').to_string());
                }
            }
        }
    }

    fn assert_clean(&self) {
        assert!(
            self.secrets.len() >= 10,
            "secrets seen: {}",
            self.secrets.len()
        );
        for (label, text) in &self.checked {
            for secret in &self.secrets {
                let forms = [secret.clone(), rfc3986(secret), rfc3986(&rfc3986(secret))];
                for form in forms {
                    assert!(
                        !text.contains(&form),
                        "a secret leaked into `alicli -v {label}`:\n{text}"
                    );
                }
            }
        }
    }
}

#[test]
fn a_verbose_run_of_the_whole_flow_prints_no_secret() {
    let mut config = CloudConfig::default();
    config.roles.push(RoleConfig {
        name: "writer".into(),
        policies: vec!["AliyunOSSFullAccess".into()],
        trust_policy: None,
        max_session_duration: 3600,
    });
    let world = World::with_config(config);
    let info = world.cloud.info.clone();
    let ep = world.endpoint();
    let writer = format!("acs:ram::{}:role/writer", info.account_id);
    let mut s = Session {
        world: &world,
        secrets: BTreeSet::from([info.access_key_secret.clone()]),
        checked: Vec::new(),
    };
    let ok = |r: &Run| assert_eq!(r.code, 0, "{r:?}");

    ok(&s.run(
        &[
            "configure",
            "--access-key-id",
            &info.access_key_id,
            "--access-key-secret",
            &info.access_key_secret,
            "--region",
            &info.region,
            "--sts-endpoint",
            &ep,
        ],
        false,
    ));
    ok(&s.run(&["oss", "config", "--endpoint", &ep], false));
    ok(&s.run(&["sts", "get-caller-identity"], false));
    let ci = s.run(
        &[
            "sts",
            "assume-role",
            "--role-arn",
            &info.role_arn,
            "--role-session-name",
            "ci",
            "--save-profile",
            "ci",
        ],
        true,
    );
    ok(&ci);
    ok(&s.run(
        &[
            "sts",
            "assume-role",
            "--role-arn",
            &writer,
            "--role-session-name",
            "writer-1",
            "--save-profile",
            "w",
            "--duration-seconds",
            "900",
        ],
        true,
    ));
    ok(&s.run(
        &[
            "sts",
            "assume-role",
            "--role-arn",
            &info.role_arn,
            "--role-session-name",
            "env",
            "--output",
            "env",
        ],
        true,
    ));

    // A wrong secret with real temporary credentials: both services echo what they signed.
    let answer = ci.json();
    let sts_id = answer["Credentials"]["AccessKeyId"].as_str().unwrap();
    let token = answer["Credentials"]["SecurityToken"].as_str().unwrap();
    for (k, v) in [
        ("access_key_id", sts_id),
        ("access_key_secret", "wrong-secret-value"),
        ("security_token", token),
        ("region", info.region.as_str()),
        ("sts_endpoint", ep.as_str()),
        ("oss.endpoint", ep.as_str()),
    ] {
        ok(&s.run(&["configure", "set", k, v, "--profile", "bad"], false));
    }
    s.secrets.insert("wrong-secret-value".into());
    std::fs::write(world.path("small.txt"), b"small").unwrap();
    ok(&s.run(
        &["oss", "put", "small.txt", "oss://sample-bucket/small.txt"],
        false,
    ));
    for extra in [&[][..], &["--sign-version", "v1"][..]] {
        let mut args = vec![
            "oss",
            "get",
            "oss://sample-bucket/small.txt",
            "-",
            "--profile",
            "bad",
        ];
        args.extend_from_slice(extra);
        let r = s.run(&args, false);
        assert_eq!(r.code, 3, "{r:?}");
        assert!(r.stderr.contains("SignatureDoesNotMatch"), "{r:?}");
        assert!(
            r.stderr.contains("StringToSign"),
            "the body is echoed: {r:?}"
        );
    }
    let r = s.run(&["sts", "get-caller-identity", "--profile", "bad"], false);
    assert_eq!(r.code, 3, "{r:?}");
    assert!(r.stderr.contains("server string to sign"), "{r:?}");
    let r = s.run_env(
        &["oss", "get", "oss://sample-bucket/small.txt", "-"],
        &[
            ("OSS_ACCESS_KEY_ID", sts_id),
            ("OSS_ACCESS_KEY_SECRET", "wrong-secret-value"),
            ("OSS_SESSION_TOKEN", token),
        ],
        false,
    );
    assert_eq!(r.code, 3, "{r:?}");

    // Transfers, with a role profile, renewing by the clock, after a refusal, and between parts.
    std::fs::write(world.path("big.bin"), crate::common::pattern(600 * 1024, 9)).unwrap();
    let parts = ["--multipart-threshold", "200K", "--part-size", "200K"];
    let mut put = vec![
        "oss",
        "put",
        "big.bin",
        "oss://sample-bucket/big.bin",
        "--profile",
        "w",
    ];
    put.extend(parts);
    ok(&s.run(&put, false));
    ok(&s.run(
        &[
            "configure",
            "set",
            "refresh_margin_seconds",
            "3600",
            "--profile",
            "w",
        ],
        false,
    ));
    ok(&s.run(&put, false));
    let mut get = vec![
        "oss",
        "get",
        "oss://sample-bucket/big.bin",
        "back.bin",
        "--profile",
        "w",
    ];
    get.extend(parts);
    ok(&s.run(&get, false));
    ok(&s.run(
        &[
            "oss",
            "get",
            "oss://sample-bucket/small.txt",
            "-",
            "--profile",
            "ci",
        ],
        false,
    ));
    world.expire_credentials();
    ok(&s.run(
        &[
            "oss",
            "get",
            "oss://sample-bucket/small.txt",
            "-",
            "--profile",
            "ci",
        ],
        false,
    ));
    world.expire_credentials();
    ok(&s.run(&["sts", "get-caller-identity", "--profile", "ci"], false));
    ok(&s.run(
        &[
            "configure",
            "set",
            "expiration",
            "2020-01-01T00:00:00Z",
            "--profile",
            "ci",
        ],
        false,
    ));
    ok(&s.run(
        &[
            "oss",
            "get",
            "oss://sample-bucket/small.txt",
            "-",
            "--profile",
            "ci",
        ],
        false,
    ));
    let r = s.run(
        &[
            "oss",
            "get",
            "oss://sample-bucket/missing",
            "-",
            "--profile",
            "ci",
        ],
        false,
    );
    assert_eq!(r.code, 5, "{r:?}");
    let r = s.run(
        &[
            "oss",
            "put",
            "small.txt",
            "oss://sample-bucket/denied.txt",
            "--profile",
            "ci",
        ],
        false,
    );
    assert_eq!(r.code, 4, "{r:?}");

    // Looking after profiles.
    ok(&s.run(&["configure", "list"], false));
    ok(&s.run(&["configure", "list", "--output", "json"], false));
    ok(&s.run(
        &["configure", "get", "access_key_id", "--profile", "ci"],
        false,
    ));
    assert_eq!(
        s.run(
            &["configure", "get", "security_token", "--profile", "ci"],
            false
        )
        .code,
        2
    );
    for format in ["env", "env-no-export", "fish", "powershell", "json"] {
        ok(&s.run(
            &[
                "configure",
                "export-credentials",
                "--profile",
                "ci",
                "--format",
                format,
            ],
            true,
        ));
    }
    ok(&s.run(
        &[
            "oss",
            "sign",
            "oss://sample-bucket/small.txt",
            "--profile",
            "ci",
        ],
        true,
    ));
    // Expired fixed credentials: the error names the profile, not the secret.
    ok(&s.run(
        &[
            "configure",
            "set",
            "expiration",
            "2020-01-01T00:00:00Z",
            "--profile",
            "bad",
        ],
        false,
    ));
    let r = s.run(
        &[
            "oss",
            "get",
            "oss://sample-bucket/small.txt",
            "-",
            "--profile",
            "bad",
        ],
        false,
    );
    assert_eq!(r.code, 3, "{r:?}");

    s.assert_clean();
    let all: String = s.checked.iter().map(|(_, t)| t.as_str()).collect();
    assert!(all.contains("****"), "masking is visible in the traces");
    assert!(all.contains("renew"), "renewals are traced");
}
