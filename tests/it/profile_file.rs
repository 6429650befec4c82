//! The profile file as people keep it: a hand-commented file, with blank lines, its own order and
//! keys alicli does not know, goes through each command that writes it (`configure set`,
//! `sts assume-role --save-profile`, a role profile renewing itself) and comes out the same byte
//! for byte outside the keys the command changed.

use crate::common::World;

/// A hand-written file for the world's local cloud: the user's key in `default`, a role profile
/// `ci` whose cached credentials expired long ago, and a table that is not alicli's.
fn hand_written(world: &World) -> String {
    let info = &world.cloud.info;
    format!(
        r#"# alicli profiles, kept by hand. Ask ops before changing the CI role.

# The RAM user everything else starts from.
[profiles.default]
access_key_id = "{id}"   # rotated every 90 days
access_key_secret = "{secret}"
region = "{region}"
sts_endpoint = "{endpoint}"    # the local cloud
refresh_margin_seconds = 300   # five minutes
favourite_colour = "teal"      # not alicli's: must survive

[profiles.default.oss]
# where the buckets are
endpoint = "{endpoint}"

[profiles.ci]
# the role CI jobs assume
role_arn = "{arn}"
source_profile = "default"
role_session_name = "ci-job"
access_key_id = "STS.expired"
access_key_secret = "old-secret"
security_token = "old-token"
expiration = "2020-01-01T00:00:00Z"  # renewed by alicli

# Not alicli's at all.
[team]
owner = 'ops'
pager = [ "a", "b" ]
"#,
        id = info.access_key_id,
        secret = info.access_key_secret,
        region = info.region,
        endpoint = world.endpoint(),
        arn = info.role_arn,
    )
}

fn write_private(path: &std::path::Path, text: &str) {
    std::fs::write(path, text).unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600)).unwrap();
    }
}

#[cfg(unix)]
fn assert_private(path: &std::path::Path) {
    use std::os::unix::fs::PermissionsExt;
    let mode = std::fs::metadata(path).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600, "{}", path.display());
}
#[cfg(not(unix))]
fn assert_private(_: &std::path::Path) {}

/// The name inside a `[table]` header line, if the line is one.
fn header(line: &str) -> Option<&str> {
    let line = line.trim();
    let inner = line.strip_prefix('[')?;
    Some(inner[..inner.find(']')?].trim())
}

/// `text` without the lines of `keys` in `[table]` (where the command was allowed to write).
fn without_keys(text: &str, table: &str, keys: &[&str]) -> Vec<String> {
    let mut current = String::new();
    let mut kept = Vec::new();
    for line in text.lines() {
        if let Some(name) = header(line) {
            current = name.to_string();
        }
        let is_changed_key = current == table
            && keys.iter().any(|k| {
                line.trim_start()
                    .strip_prefix(k)
                    .is_some_and(|rest| rest.trim_start().starts_with('='))
            });
        if !is_changed_key {
            kept.push(line.to_string());
        }
    }
    kept
}

/// `text` without the tables `[profile]` and `[profile.*]`. Blank and comment lines belong to
/// the header they stand before, as they do in toml_edit: those before the profile's headers
/// go with it, those before the next table stay.
fn without_profile(text: &str, profile: &str) -> Vec<String> {
    let ours = |name: &str| name == profile || name.starts_with(&format!("{profile}."));
    let mut inside = false;
    let mut kept: Vec<String> = Vec::new();
    let mut pending: Vec<String> = Vec::new();
    for line in text.lines() {
        let trimmed = line.trim();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            pending.push(line.to_string());
            continue;
        }
        if let Some(name) = header(line) {
            inside = ours(name);
        }
        let before_line = std::mem::take(&mut pending);
        if !inside {
            kept.extend(before_line);
            kept.push(line.to_string());
        }
    }
    if !inside {
        kept.extend(pending);
    }
    kept
}

/// The value of `key` in `[table]` as written, with whatever follows it on the line.
fn line_of<'a>(text: &'a str, table: &str, key: &str) -> Vec<&'a str> {
    let mut current = "";
    let mut found = Vec::new();
    for line in text.lines() {
        if let Some(name) = header(line) {
            current = name;
        } else if current == table && line.starts_with(&format!("{key} =")) {
            found.push(line);
        }
    }
    found
}

/// What must still be in the file after any write: the user's comments, blank lines, unknown
/// keys and tables, in their order.
fn assert_hand_content(text: &str) {
    for needle in [
        "# alicli profiles, kept by hand. Ask ops before changing the CI role.\n\n# The RAM user",
        "# The RAM user everything else starts from.\n[profiles.default]\n",
        "   # rotated every 90 days\n",
        "favourite_colour = \"teal\"      # not alicli's: must survive\n",
        "\n[profiles.default.oss]\n# where the buckets are\nendpoint = ",
        "[profiles.ci]\n# the role CI jobs assume\nrole_arn = ",
        "\n\n# Not alicli's at all.\n[team]\nowner = 'ops'\npager = [ \"a\", \"b\" ]\n",
    ] {
        assert!(text.contains(needle), "{needle:?} is gone from:\n{text}");
    }
    let at = |s: &str| {
        text.find(s)
            .unwrap_or_else(|| panic!("{s} missing:\n{text}"))
    };
    assert!(at("[profiles.default]") < at("[profiles.default.oss]"));
    assert!(at("[profiles.default.oss]") < at("[profiles.ci]"));
    assert!(at("[profiles.ci]") < at("[team]"));
}

#[test]
fn configure_set_keeps_a_hand_commented_file() {
    let world = World::new();
    let path = world.config_file();
    let before = hand_written(&world);
    write_private(&path, &before);

    // One key that is there (its comment stays) and one that is new.
    for (key, value) in [("refresh_margin_seconds", "600"), ("retries", "4")] {
        let r = world.run(&["configure", "set", key, value, "--profile", "default"]);
        assert_eq!(r.code, 0, "{r:?}");
    }
    let after = std::fs::read_to_string(&path).unwrap();
    assert_private(&path);
    assert_hand_content(&after);
    let changed = ["refresh_margin_seconds", "retries"];
    assert_eq!(
        without_keys(&before, "profiles.default", &changed),
        without_keys(&after, "profiles.default", &changed),
        "only the set keys changed:\n{after}"
    );
    assert_eq!(
        line_of(&after, "profiles.default", "refresh_margin_seconds"),
        ["refresh_margin_seconds = 600   # five minutes"]
    );
    // A new key goes at the end of its profile's table, before the blank line.
    assert!(
        after.contains(
            "favourite_colour = \"teal\"      # not alicli's: must survive\nretries = 4\n\n\
             [profiles.default.oss]"
        ),
        "{after}"
    );
}

#[test]
fn save_profile_keeps_a_hand_commented_file() {
    let world = World::new();
    let path = world.config_file();
    let before = hand_written(&world);
    write_private(&path, &before);

    let arn = world.cloud.info.role_arn.clone();
    let r = world.run(&[
        "sts",
        "assume-role",
        "--role-arn",
        &arn,
        "--role-session-name",
        "saved-session",
        "--save-profile",
        "saved",
    ]);
    assert_eq!(r.code, 0, "{r:?}");
    let after = std::fs::read_to_string(&path).unwrap();
    assert_private(&path);
    assert_hand_content(&after);
    assert_eq!(
        without_profile(&after, "profiles.saved"),
        before.lines().map(str::to_string).collect::<Vec<_>>(),
        "only the new profile was added:\n{after}"
    );
    // The new profile is a table of its own after the other profiles, and holds what was saved.
    assert!(after.find("[profiles.saved]").unwrap() > after.find("[profiles.ci]").unwrap());
    assert!(after.find("[profiles.saved]").unwrap() < after.find("[team]").unwrap());
    let saved = &alicli::config::profile::parse(&after).unwrap().profiles["saved"];
    assert!(saved.access_key_id.as_deref().unwrap().starts_with("STS."));
    assert_eq!(saved.role_arn.as_deref(), Some(arn.as_str()));
    assert_eq!(saved.role_session_name.as_deref(), Some("saved-session"));
}

#[test]
fn a_role_profile_renewal_keeps_a_hand_commented_file() {
    let world = World::new();
    let path = world.config_file();
    let before = hand_written(&world);
    write_private(&path, &before);
    let assumed = world.count("sts:AssumeRole");

    // `ci`'s credentials expired in 2020: it assumes its role and writes the new ones back.
    let r = world.run(&["sts", "get-caller-identity", "--profile", "ci"]);
    assert_eq!(r.code, 0, "{r:?}");
    assert!(
        r.json()["Arn"].as_str().unwrap().ends_with("/ci-job"),
        "{r:?}"
    );
    assert_eq!(world.count("sts:AssumeRole"), assumed + 1);

    let after = std::fs::read_to_string(&path).unwrap();
    assert_private(&path);
    assert_hand_content(&after);
    let credentials = [
        "access_key_id",
        "access_key_secret",
        "security_token",
        "expiration",
    ];
    assert_eq!(
        without_keys(&before, "profiles.ci", &credentials),
        without_keys(&after, "profiles.ci", &credentials),
        "only ci's credentials changed:\n{after}"
    );
    // Renewed in place: the same keys, new values, the comment after the expiration kept.
    let id = line_of(&after, "profiles.ci", "access_key_id");
    assert_eq!(id.len(), 1, "{after}");
    assert!(
        id[0].starts_with("access_key_id = \"STS.") && id[0] != "access_key_id = \"STS.expired\""
    );
    let expiration = line_of(&after, "profiles.ci", "expiration");
    assert_eq!(expiration.len(), 1, "{after}");
    assert!(
        expiration[0].ends_with("Z\"  # renewed by alicli") && !expiration[0].contains("2020"),
        "{after}"
    );
    let ci = &alicli::config::profile::parse(&after).unwrap().profiles["ci"];
    assert_ne!(ci.security_token.as_deref(), Some("old-token"));
    assert!(ci.expiration.as_deref().unwrap() > "2026");
    // The order of the renewed keys is the user's: they were edited where they stood.
    let at = |s: &str| after.find(s).unwrap();
    assert!(at("role_session_name = \"ci-job\"\naccess_key_id = \"STS.") > at("[profiles.ci]"));
    assert!(at("\nsecurity_token = ") < at("\nexpiration = "));
}

#[test]
fn a_role_profile_without_credentials_appends_them_to_its_table() {
    let world = World::new();
    let path = world.config_file();
    let credentials = [
        "access_key_id",
        "access_key_secret",
        "security_token",
        "expiration",
    ];
    let before = without_keys(&hand_written(&world), "profiles.ci", &credentials).join("\n") + "\n";
    assert!(!before.contains("STS.expired"), "{before}");
    write_private(&path, &before);

    // The first use of `ci` (an oss command, this time) assumes the role and stores the result.
    world.put_as_user("k.txt", b"role data");
    let bucket = format!("oss://{}/k.txt", world.cloud.info.bucket);
    let r = world.run(&["oss", "get", &bucket, "-", "--profile", "ci"]);
    assert_eq!((r.code, r.stdout.as_str()), (0, "role data"), "{r:?}");

    let after = std::fs::read_to_string(&path).unwrap();
    assert_private(&path);
    assert_hand_content(&after);
    assert_eq!(
        without_keys(&before, "profiles.ci", &credentials),
        without_keys(&after, "profiles.ci", &credentials),
        "only ci's credentials were added:\n{after}"
    );
    // Appended at the end of ci's table, in the model's order, before the next table's comment.
    let ci_start = after.find("[profiles.ci]").unwrap();
    let ci_end = after.find("\n\n# Not alicli's at all.").unwrap();
    let ci_lines: Vec<&str> = after[ci_start..ci_end].lines().collect();
    let keys: Vec<&str> = ci_lines
        .iter()
        .filter_map(|l| l.split_once(" =").map(|(k, _)| k))
        .collect();
    assert_eq!(
        keys,
        [
            "role_arn",
            "source_profile",
            "role_session_name",
            "access_key_id",
            "access_key_secret",
            "security_token",
            "expiration"
        ],
        "{after}"
    );
}
