//! Keyless credentials against `alicli serve`: OIDC tokens (a file, stdin, the GitHub Actions
//! endpoint), the ECS instance role, a credentials URI and a credential process; each as a
//! command, a profile and a source the environment names; renewal by the clock and after a
//! refusal, once across parallel processes; roles chained on top; the errors, with their exit
//! codes; and which source wins when several are set.

use std::path::PathBuf;

use crate::common::*;

/// Mints a token from the local cloud's OIDC issuer.
fn mint(world: &World, query: &str) -> String {
    let url = format!("{}/-/oidc/token?{query}", world.endpoint());
    let text = reqwest::blocking::Client::new()
        .post(url)
        .send()
        .unwrap()
        .text()
        .unwrap();
    let v: serde_json::Value = serde_json::from_str(&text).unwrap();
    v["token"].as_str().expect("a token").to_string()
}

/// A private file holding a freshly minted token (default claims).
fn token_file(world: &World, name: &str, query: &str) -> PathBuf {
    let path = world.path(name);
    std::fs::write(&path, mint(world, query)).unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).unwrap();
    }
    path
}

fn oidc_args<'a>(world: &'a World, file: &'a str) -> Vec<&'a str> {
    let info = &world.cloud.info;
    vec![
        "sts",
        "assume-role-with-oidc",
        "--role-arn",
        &info.oidc_role_arn,
        "--oidc-provider-arn",
        &info.oidc_provider_arn,
        "--oidc-token-file",
        file,
        "--endpoint",
        &info.endpoint,
    ]
}

/// Writes `text` as the world's profile file.
fn profiles(world: &World, text: &str) {
    std::fs::write(world.config_file(), text).unwrap();
}

fn identity_arn(r: &Run) -> String {
    assert_eq!(r.code, 0, "{r:?}");
    r.json()["Arn"].as_str().unwrap().to_string()
}

#[test]
fn an_oidc_token_gets_credentials_with_no_key_anywhere() {
    let world = World::new();
    let file = token_file(&world, "token", "");
    let r = world.run(&oidc_args(&world, file.to_str().unwrap()));
    assert_eq!(r.code, 0, "{r:?}");
    let v = r.json();
    assert!(v["Credentials"]["AccessKeyId"]
        .as_str()
        .unwrap()
        .starts_with("STS."));
    assert!(v["AssumedRoleUser"]["Arn"]
        .as_str()
        .unwrap()
        .contains("ci-deploy"));
    assert_eq!(world.count("sts:AssumeRoleWithOIDC"), 1);
    assert!(!world.config_file().exists(), "nothing saved unasked");
    let token = std::fs::read_to_string(&file).unwrap();
    assert!(!r.stderr.contains("warning"), "a private token file: {r:?}");

    // With -v: the trace shows the request, never the token or what STS answered.
    let mut verbose = oidc_args(&world, file.to_str().unwrap());
    verbose.push("-v");
    let r = world.run(&verbose);
    assert_eq!(r.code, 0, "{r:?}");
    let secret = r.json()["Credentials"]["AccessKeySecret"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(r.stderr.contains("AssumeRoleWithOIDC"), "{r:?}");
    assert!(
        !r.stderr.contains(&token) && !r.stderr.contains(&secret),
        "{r:?}"
    );

    // A token file others can read: a warning (it is a secret), and the call still goes.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o644)).unwrap();
        let r = world.run(&oidc_args(&world, file.to_str().unwrap()));
        assert_eq!(r.code, 0, "{r:?}");
        assert!(r.stderr.contains("can be read by other users"), "{r:?}");
    }

    // The old CamelCase spelling, the token on stdin, env output that later commands read.
    let info = &world.cloud.info;
    let token = mint(&world, "");
    let mut cmd = world.command(&[
        "sts",
        "AssumeRoleWithOIDC",
        "--RoleArn",
        &info.oidc_role_arn,
        "--OIDCProviderArn",
        &info.oidc_provider_arn,
        "--OIDCTokenFile",
        "-",
        "--RoleSessionName",
        "from-stdin",
        "--endpoint",
        &info.endpoint,
        "--output",
        "env",
    ]);
    let r = run_with_stdin(&mut cmd, token.as_bytes());
    assert_eq!(r.code, 0, "{r:?}");
    assert!(
        r.stdout.contains("export ALIBABA_CLOUD_SECURITY_TOKEN="),
        "{r:?}"
    );
    assert!(!r.stdout.contains(&token) && !r.stderr.contains(&token));

    // Put an object with them: the role may write to the bucket.
    std::fs::write(world.path("built.txt"), b"built by CI").unwrap();
    let script = format!(
        "creds=$(\"$ALICLI\" sts assume-role-with-oidc --role-arn {} --oidc-provider-arn {} --oidc-token-file {} --endpoint {} --output env) || exit 1\neval \"$creds\"\n\"$ALICLI\" oss put built.txt oss://{}/ci/built.txt --endpoint {}",
        info.oidc_role_arn,
        info.oidc_provider_arn,
        file.display(),
        info.endpoint,
        info.bucket,
        info.endpoint
    );
    let r = to_run(clean_shell(world.dir.path(), &script).output().unwrap());
    assert_eq!(r.code, 0, "{r:?}");
}

#[test]
fn bad_tokens_are_one_line_errors_with_their_exit_codes() {
    let world = World::new();
    let cases = [
        ("lifetime=-60", 3, "AuthenticationFail.OIDCToken.Expired"),
        (
            "aud=someone-else",
            3,
            "AuthenticationFail.OIDCToken.AudienceNotMatch",
        ),
        (
            "iss=https://elsewhere.example",
            3,
            "AuthenticationFail.OIDCToken.IssuerNotMatch",
        ),
        (
            "sub=repo:intruder/app:ref:refs/heads/main",
            4,
            "AuthenticationFail.NoPermission",
        ),
    ];
    for (query, code, error) in cases {
        let file = token_file(&world, "token", query);
        let r = world.run(&oidc_args(&world, file.to_str().unwrap()));
        assert_eq!(r.code, code, "{query}: {r:?}");
        assert!(r.stderr.contains(error), "{query}: {r:?}");
        assert!(r.stderr.contains("hint:"), "{query}: {r:?}");
        assert!(!r.stderr.contains("panicked"), "{r:?}");
    }
    let sent = world.count("sts:AssumeRoleWithOIDC");
    // Not a JWT: refused before anything is sent.
    std::fs::write(world.path("junk"), "not a token at all").unwrap();
    let r = world.run(&oidc_args(&world, world.path("junk").to_str().unwrap()));
    assert_eq!(r.code, 3, "{r:?}");
    assert!(r.stderr.contains("not a JWT"), "{r:?}");
    assert!(
        !r.stderr.contains("not a token at all"),
        "the token is never shown: {r:?}"
    );
    // A token file that is not there: no token, exit 3 (as at a renewal whose file vanished).
    let r = world.run(&oidc_args(&world, world.path("missing").to_str().unwrap()));
    assert_eq!(r.code, 3, "{r:?}");
    assert!(r.stderr.contains("does not exist"), "{r:?}");
    // A bad ARN: bad input, exit 2.
    let mut args = oidc_args(&world, "x");
    args[5] = "acs:ram::1:role/not-a-provider";
    let r = world.run(&args);
    assert_eq!(r.code, 2, "{r:?}");
    assert!(r.stderr.contains("OIDC provider ARN"), "{r:?}");
    assert_eq!(world.count("sts:AssumeRoleWithOIDC"), sent);
}

#[test]
fn the_github_actions_token_needs_the_right_bearer() {
    let world = World::new();
    let info = &world.cloud.info;
    let args = [
        "sts",
        "assume-role-with-oidc",
        "--role-arn",
        &info.oidc_role_arn,
        "--oidc-provider-arn",
        &info.oidc_provider_arn,
        "--endpoint",
        &info.endpoint,
    ];
    let github = |bearer: &str| {
        world.run_env(
            &args,
            &[
                (
                    "ACTIONS_ID_TOKEN_REQUEST_URL",
                    info.github_token_url.as_str(),
                ),
                ("ACTIONS_ID_TOKEN_REQUEST_TOKEN", bearer),
                ("GITHUB_RUN_ID", "4242"),
                ("GITHUB_RUN_ATTEMPT", "2"),
            ],
        )
    };
    let r = github(&info.github_request_token);
    assert_eq!(r.code, 0, "{r:?}");
    assert!(
        r.json()["AssumedRoleUser"]["Arn"]
            .as_str()
            .unwrap()
            .ends_with("/gh-4242-2"),
        "the session name says which run asked: {r:?}"
    );
    let r = github("wrong-bearer");
    assert_eq!(r.code, 3, "{r:?}");
    assert!(!r.stderr.contains(&info.github_request_token), "{r:?}");
    assert!(r.stderr.contains("id-token: write"), "{r:?}");
    assert!(!r.stderr.contains("wrong-bearer"), "{r:?}");
    // No token source at all: a usage error saying where a token can come from.
    let r = world.run(&args);
    assert_eq!(r.code, 2, "{r:?}");
    assert!(r.stderr.contains("--oidc-token-file"), "{r:?}");
}

#[test]
fn an_oidc_profile_renews_once_for_eight_parallel_jobs() {
    let world = World::new();
    let file = token_file(&world, "token", "");
    let info = &world.cloud.info;
    profiles(
        &world,
        &format!(
            "[profiles.ci]\nrole_arn = \"{}\"\noidc_provider_arn = \"{}\"\noidc_token_file = \"{}\"\nsts_endpoint = \"{}\"\n",
            info.oidc_role_arn,
            info.oidc_provider_arn,
            file.display(),
            info.endpoint
        ),
    );
    let children: Vec<_> = (0..8)
        .map(|_| {
            world
                .command(&["sts", "get-caller-identity", "--profile", "ci"])
                .stdout(std::process::Stdio::piped())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    for child in children {
        let r = to_run(child.wait_with_output().unwrap());
        assert!(identity_arn(&r).contains("ci-deploy"), "{r:?}");
    }
    assert_eq!(world.count("sts:AssumeRoleWithOIDC"), 1);
    let saved = std::fs::read_to_string(world.config_file()).unwrap();
    assert!(
        saved.contains("security_token"),
        "the credentials are cached"
    );
    assert!(
        !saved.contains(&std::fs::read_to_string(&file).unwrap()),
        "never the token"
    );

    // Refused by the service (expired early): renewed once, from a token file read again.
    std::fs::write(&file, mint(&world, "")).unwrap();
    world.expire_credentials();
    let r = world.run(&["sts", "get-caller-identity", "--profile", "ci"]);
    identity_arn(&r);
    assert_eq!(world.count("sts:AssumeRoleWithOIDC"), 2);

    // By the clock: credentials within the margin are renewed before use.
    let text = std::fs::read_to_string(world.config_file()).unwrap();
    let soon = (chrono::Utc::now() + chrono::Duration::seconds(60))
        .format("%Y-%m-%dT%H:%M:%SZ")
        .to_string();
    let edited: String = text
        .lines()
        .map(|l| {
            if l.starts_with("expiration") {
                format!("expiration = \"{soon}\"")
            } else {
                l.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("\n");
    std::fs::write(world.config_file(), edited).unwrap();
    let r = world.run(&["sts", "get-caller-identity", "--profile", "ci"]);
    identity_arn(&r);
    assert_eq!(world.count("sts:AssumeRoleWithOIDC"), 3);
}

#[test]
fn save_profile_keeps_what_a_renewal_needs_and_never_the_token() {
    let world = World::new();
    let file = token_file(&world, "token", "");
    let mut args = oidc_args(&world, file.to_str().unwrap());
    args.extend(["--save-profile", "ci"]);
    let r = world.run(&args);
    assert_eq!(r.code, 0, "{r:?}");
    let saved = std::fs::read_to_string(world.config_file()).unwrap();
    assert!(saved.contains("oidc_provider_arn"), "{saved}");
    assert!(saved.contains(&*file.to_string_lossy()), "{saved}");
    assert!(!saved.contains(&std::fs::read_to_string(&file).unwrap()));
    world.expire_credentials();
    std::fs::write(&file, mint(&world, "")).unwrap();
    let r = world.run(&[
        "sts",
        "get-caller-identity",
        "--profile",
        "ci",
        "--endpoint",
        &world.endpoint(),
    ]);
    identity_arn(&r);
    assert_eq!(world.count("sts:AssumeRoleWithOIDC"), 2);
}

#[test]
fn the_environment_names_an_oidc_role_cached_for_every_process() {
    let world = World::new();
    let file = token_file(&world, "token", "");
    let info = &world.cloud.info;
    let env = [
        ("ALIBABA_CLOUD_ROLE_ARN", info.oidc_role_arn.as_str()),
        (
            "ALIBABA_CLOUD_OIDC_PROVIDER_ARN",
            info.oidc_provider_arn.as_str(),
        ),
        ("ALIBABA_CLOUD_OIDC_TOKEN_FILE", file.to_str().unwrap()),
        ("ALIBABA_CLOUD_STS_ENDPOINT", info.endpoint.as_str()),
    ];
    let r = world.run_env(&["sts", "get-caller-identity", "-v"], &env);
    assert!(identity_arn(&r).contains("ci-deploy"));
    assert!(
        r.stderr
            .contains("credentials from OIDC role (ALIBABA_CLOUD_OIDC_PROVIDER_ARN)"),
        "{r:?}"
    );
    let r = world.run_env(&["sts", "get-caller-identity", "-v"], &env);
    identity_arn(&r);
    assert_eq!(
        world.count("sts:AssumeRoleWithOIDC"),
        1,
        "the second run used the cache: {r:?}"
    );
    let cache = world.path("cache/credentials");
    let files: Vec<_> = std::fs::read_dir(&cache)
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .is_ok_and(|e| e.path().extension().is_some_and(|x| x == "toml"))
        })
        .collect();
    assert_eq!(files.len(), 1, "one cache file (beside its lock)");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let path = files[0].as_ref().unwrap().path();
        let mode = std::fs::metadata(&path).unwrap().permissions().mode();
        assert_eq!(mode & 0o077, 0, "{path:?} is private");
    }
    // Half a configuration is refused, not skipped.
    let r = world.run_env(
        &["sts", "get-caller-identity"],
        &[(
            "ALIBABA_CLOUD_OIDC_PROVIDER_ARN",
            info.oidc_provider_arn.as_str(),
        )],
    );
    assert_eq!(r.code, 2, "{r:?}");
    assert!(r.stderr.contains("ALIBABA_CLOUD_ROLE_ARN"), "{r:?}");
}

/// The local cloud's config with `ci-deploy` and the ECS role also allowed to assume roles,
/// so that a role can be chained on top of them.
fn chaining_cloud() -> World {
    let mut config = alicli_localcloud::CloudConfig::default();
    for role in &mut config.roles {
        role.policies.push("AliyunSTSAssumeRoleAccess".into());
    }
    World::with_config(config)
}

#[test]
fn a_role_is_chained_on_top_of_oidc_and_of_ecs() {
    let world = chaining_cloud();
    let file = token_file(&world, "token", "");
    let info = &world.cloud.info;
    profiles(
        &world,
        &format!(
            "[profiles.ci]\nrole_arn = \"{oidc_role}\"\noidc_provider_arn = \"{provider}\"\noidc_token_file = \"{file}\"\nsts_endpoint = \"{ep}\"\n\n\
             [profiles.vm]\necs_ram_role = \"\"\nsts_endpoint = \"{ep}\"\n\n\
             [profiles.on-oidc]\nrole_arn = \"{role}\"\nsource_profile = \"ci\"\n\n\
             [profiles.on-ecs]\nrole_arn = \"{role}\"\nsource_profile = \"vm\"\n",
            oidc_role = info.oidc_role_arn,
            provider = info.oidc_provider_arn,
            file = file.display(),
            ep = info.endpoint,
            role = info.role_arn,
        ),
    );
    let metadata = format!("{}/-/ecs", info.endpoint);
    let env = [("ALICLI_ECS_METADATA_ENDPOINT", metadata.as_str())];
    let r = world.run_env(
        &["sts", "get-caller-identity", "--profile", "on-oidc"],
        &env,
    );
    assert!(
        identity_arn(&r).contains(":assumed-role/oss-readonly/"),
        "{r:?}"
    );
    let r = world.run_env(&["sts", "get-caller-identity", "--profile", "on-ecs"], &env);
    assert!(
        identity_arn(&r).contains(":assumed-role/oss-readonly/"),
        "{r:?}"
    );
    assert_eq!(world.count("sts:AssumeRoleWithOIDC"), 1);
    assert!(world.count("ecs:credentials") >= 1);
    assert_eq!(world.count("sts:AssumeRole"), 2);
}

#[test]
fn the_ecs_instance_role_comes_from_the_metadata_service() {
    let world = World::new();
    let info = &world.cloud.info;
    let metadata = format!("{}/-/ecs", info.endpoint);
    let ep = info.endpoint.as_str();
    let env = [
        ("ALICLI_ECS_METADATA_ENDPOINT", metadata.as_str()),
        ("ALIBABA_CLOUD_ECS_METADATA", info.ecs_role.as_str()),
        ("ALIBABA_CLOUD_STS_ENDPOINT", ep),
    ];
    let r = world.run_env(&["sts", "get-caller-identity", "-v"], &env);
    identity_arn(&r);
    assert!(
        r.stderr.contains("credentials from ECS instance role"),
        "{r:?}"
    );
    assert!(world.count("ecs:token") >= 1, "IMDSv2 first");
    let asked = world.count("ecs:credentials");
    let r = world.run_env(&["sts", "get-caller-identity"], &env);
    identity_arn(&r);
    assert_eq!(world.count("ecs:credentials"), asked, "cached");
    world.expire_credentials();
    let r = world.run_env(&["sts", "get-caller-identity"], &env);
    identity_arn(&r);
    assert_eq!(
        world.count("ecs:credentials"),
        asked + 1,
        "renewed after the refusal"
    );

    // v2 required, and the token cannot be had (the PUT fails): v1 is refused by the service,
    // or not even tried when ALIBABA_CLOUD_IMDSV1_DISABLED says so.
    reqwest::blocking::Client::new()
        .post(format!("{}/-/ecs?imds=required", info.endpoint))
        .send()
        .unwrap();
    std::fs::remove_dir_all(world.path("cache")).ok();
    world.fault("ecs", "404", 1);
    let r = world.run_env(&["sts", "get-caller-identity"], &env);
    assert_eq!(r.code, 3, "{r:?}");
    world.fault("ecs", "404", 1);
    let mut no_v1 = env.to_vec();
    no_v1.push(("ALIBABA_CLOUD_IMDSV1_DISABLED", "true"));
    let r = world.run_env(&["sts", "get-caller-identity"], &no_v1);
    assert_ne!(r.code, 0, "{r:?}");
    assert!(r.stderr.contains("v1"), "{r:?}");
    world.clear_faults();

    // No metadata service there: a quick, clear failure (exit 6), not a minute's wait.
    let started = std::time::Instant::now();
    let r = world.run_env(
        &["sts", "get-caller-identity"],
        &[
            ("ALIBABA_CLOUD_ECS_METADATA", "some-role"),
            ("ALICLI_ECS_METADATA_ENDPOINT", "http://127.0.0.1:1"),
        ],
    );
    assert_eq!(r.code, 6, "{r:?}");
    assert!(started.elapsed() < std::time::Duration::from_secs(20));
    assert_eq!(
        r.stderr
            .trim()
            .lines()
            .filter(|l| l.starts_with("error:"))
            .count(),
        1,
        "{r:?}"
    );
}

#[test]
fn a_credentials_uri_serves_credentials_and_its_failures_are_clear() {
    let world = World::new();
    let info = &world.cloud.info;
    profiles(
        &world,
        &format!(
            "[profiles.uri]\ncredentials_uri = \"{}\"\nsts_endpoint = \"{}\"\n",
            info.credentials_uri, info.endpoint
        ),
    );
    let r = world.run(&["sts", "get-caller-identity", "--profile", "uri"]);
    identity_arn(&r);
    assert_eq!(world.count("credentials-uri"), 1);
    // Cached: the next run asks nothing.
    let r = world.run(&["sts", "get-caller-identity", "--profile", "uri"]);
    identity_arn(&r);
    assert_eq!(world.count("credentials-uri"), 1);

    // Refused by the service: asked again once.
    world.expire_credentials();
    let r = world.run(&["sts", "get-caller-identity", "--profile", "uri"]);
    identity_arn(&r);
    assert_eq!(world.count("credentials-uri"), 2);

    // A fresh profile against a failing URI.
    profiles(
        &world,
        &format!(
            "[profiles.uri]\ncredentials_uri = \"{}\"\n",
            info.credentials_uri
        ),
    );
    world.fault("credentials-uri", "500", 1);
    let r = world.run(&[
        "sts",
        "get-caller-identity",
        "--profile",
        "uri",
        "--endpoint",
        &info.endpoint,
    ]);
    assert_eq!(r.code, 6, "{r:?}");
    assert!(r.stderr.contains("500"), "{r:?}");
    world.fault("credentials-uri", "corrupt", 1);
    let r = world.run(&[
        "sts",
        "get-caller-identity",
        "--profile",
        "uri",
        "--endpoint",
        &info.endpoint,
    ]);
    assert_ne!(r.code, 0, "{r:?}");
    assert!(!r.stderr.contains("panicked"), "{r:?}");
    let r = world.run_env(
        &[
            "sts",
            "get-caller-identity",
            "-v",
            "--endpoint",
            &info.endpoint,
        ],
        &[(
            "ALIBABA_CLOUD_CREDENTIALS_URI",
            info.credentials_uri.as_str(),
        )],
    );
    identity_arn(&r);
    assert!(
        r.stderr.contains("credentials from credentials URI"),
        "{r:?}"
    );
}

#[test]
fn a_credential_process_prints_what_export_credentials_prints() {
    let world = World::with_user();
    let r = world.run(&["configure", "export-credentials", "--format", "process"]);
    assert_eq!(r.code, 0, "{r:?}");
    let v = r.json();
    assert_eq!(v["mode"], "AK");
    std::fs::write(world.path("creds.json"), &r.stdout).unwrap();
    let ep = world.endpoint();
    let text = std::fs::read_to_string(world.config_file()).unwrap();
    profiles(
        &world,
        &format!(
            "{text}\n[profiles.ext]\ncredential_process = \"sh -c 'cat creds.json'\"\nsts_endpoint = \"{ep}\"\n\n\
             [profiles.fails]\ncredential_process = \"sh -c 'echo no >&2; exit 7'\"\n\n\
             [profiles.junk]\ncredential_process = \"sh -c 'echo [1,2]'\"\n\n\
             [profiles.missing]\ncredential_process = \"/no/such/program --flag\"\n"
        ),
    );
    let r = world.run(&["sts", "get-caller-identity", "--profile", "ext"]);
    assert!(identity_arn(&r).contains(":user/"), "{r:?}");
    for (profile, says) in [
        ("fails", "7"),
        ("junk", "credential"),
        ("missing", "/no/such/program"),
    ] {
        let r = world.run(&[
            "sts",
            "get-caller-identity",
            "--profile",
            profile,
            "--endpoint",
            &ep,
        ]);
        assert!(r.code == 3 || r.code == 2, "{profile}: {r:?}");
        assert!(r.stderr.contains(says), "{profile}: {r:?}");
        assert!(!r.stderr.contains("panicked"), "{r:?}");
    }
}

/// Which source answers when several are set: the official libraries' order, unless a profile
/// is named.
#[test]
fn the_chain_order_when_no_profile_is_named() {
    let world = World::with_user();
    let info = &world.cloud.info;
    let file = token_file(&world, "token", "");
    let key = info.access_key_id.as_str();
    let secret = info.access_key_secret.as_str();
    let metadata = format!("{}/-/ecs", info.endpoint);
    // The official libraries' INI file, with a profile of its own.
    std::fs::create_dir_all(world.path(".alibabacloud")).unwrap();
    std::fs::write(
        world.path(".alibabacloud/credentials"),
        format!(
            "[default]\ntype = access_key\naccess_key_id = {key}\naccess_key_secret = {secret}\n"
        ),
    )
    .unwrap();
    let env_keys = [
        ("ALIBABA_CLOUD_ACCESS_KEY_ID", key),
        ("ALIBABA_CLOUD_ACCESS_KEY_SECRET", secret),
    ];
    let alicloud_keys = [
        ("ALICLOUD_ACCESS_KEY", key),
        ("ALICLOUD_SECRET_KEY", secret),
    ];
    let oidc = [
        ("ALIBABA_CLOUD_ROLE_ARN", info.oidc_role_arn.as_str()),
        (
            "ALIBABA_CLOUD_OIDC_PROVIDER_ARN",
            info.oidc_provider_arn.as_str(),
        ),
        ("ALIBABA_CLOUD_OIDC_TOKEN_FILE", file.to_str().unwrap()),
    ];
    let ecs = [
        ("ALIBABA_CLOUD_ECS_METADATA", info.ecs_role.as_str()),
        ("ALICLI_ECS_METADATA_ENDPOINT", metadata.as_str()),
    ];
    let uri = [(
        "ALIBABA_CLOUD_CREDENTIALS_URI",
        info.credentials_uri.as_str(),
    )];
    let no_profile_file = [("ALICLI_CONFIG_FILE", "/nonexistent/alicli.toml")];
    let no_ini = [("ALIBABA_CLOUD_CREDENTIALS_FILE", "/nonexistent/credentials")];
    type Env<'a> = Vec<(&'a str, &'a str)>;
    fn join<'a>(parts: &[&[(&'a str, &'a str)]]) -> Env<'a> {
        parts.iter().flat_map(|p| p.iter().copied()).collect()
    }
    let cases: Vec<(Env, &str)> = vec![
        (
            join(&[&env_keys, &alicloud_keys, &oidc, &ecs, &uri]),
            "environment (ALIBABA_CLOUD_ACCESS_KEY_ID)",
        ),
        (
            join(&[&alicloud_keys, &oidc, &ecs, &uri]),
            "environment (ALICLOUD_ACCESS_KEY)",
        ),
        (join(&[&oidc, &ecs, &uri]), "OIDC role"),
        (join(&[&ecs, &uri]), "profile \"default\""),
        (
            join(&[&ecs, &uri, &no_profile_file]),
            "profile \"default\" of ~/.alibabacloud/credentials",
        ),
        (
            join(&[&ecs, &uri, &no_profile_file, &no_ini]),
            "ECS instance role",
        ),
        (join(&[&uri, &no_profile_file, &no_ini]), "credentials URI"),
    ];
    for (env, winner) in cases {
        let mut env = env;
        env.push(("ALIBABA_CLOUD_STS_ENDPOINT", info.endpoint.as_str()));
        let r = world.run_env(&["sts", "get-caller-identity", "-v"], &env);
        assert_eq!(r.code, 0, "{winner}: {r:?}");
        assert!(
            r.stderr.contains(&format!("credentials from {winner}")),
            "{winner}: {r:?}"
        );
    }
    // ALIBABA_CLOUD_PROFILE selects the profile (here one without keys, so the search goes on
    // to the ECS role); keys in the environment would still come first.
    let text = std::fs::read_to_string(world.config_file()).unwrap();
    std::fs::write(
        world.config_file(),
        format!("{text}\n[profiles.regional]\nregion = \"cn-shanghai\"\n"),
    )
    .unwrap();
    let mut env = join(&[&ecs]);
    env.push(("ALIBABA_CLOUD_PROFILE", "regional"));
    env.push(("ALIBABA_CLOUD_STS_ENDPOINT", info.endpoint.as_str()));
    let r = world.run_env(&["sts", "get-caller-identity", "-v"], &env);
    assert!(
        r.stderr.contains("credentials from ECS instance role"),
        "{r:?}"
    );
    env.pop();
    env.push(("ALIBABA_CLOUD_PROFILE", "missing"));
    let r = world.run_env(&["sts", "get-caller-identity"], &env);
    assert_eq!(r.code, 2, "a profile asked for by name must exist: {r:?}");
    assert!(r.stderr.contains("profile \"missing\" not found"), "{r:?}");

    // A named profile is the only source asked.
    let r = world.run_env(
        &["sts", "get-caller-identity", "-v", "--profile", "default"],
        &join(&[&env_keys, &oidc]),
    );
    assert!(
        r.stderr.contains("credentials from profile \"default\""),
        "{r:?}"
    );
    // Nothing anywhere: the clear error at once, and nothing was asked of any server.
    let before = world.total_requests();
    let r = world.run_env(
        &["sts", "get-caller-identity"],
        &join(&[&no_profile_file, &no_ini]),
    );
    assert_eq!(r.code, 2, "{r:?}");
    assert!(r.stderr.contains("no credentials"), "{r:?}");
    assert_eq!(world.total_requests(), before);
}
