//! The bad-input table: every kind of bad input alicli is tried with (flags, `oss://` URLs, local
//! files, profile files, policies, and bad answers from the server), each with the exit code and
//! the words of the message it must give. Input that is wrong before any request (every row not
//! of the `server` kind) must also leave the local cloud untouched.
//!
//! The same table is in docs/testing.md, between the markers below; `doc_table_is_in_sync` fails
//! when the two disagree. `ALICLI_BLESS=1 cargo test --test it bad_input` rewrites the doc's
//! copy from this file.

use crate::common::{World, DOCS_POLICY};

/// What part of alicli's input a row gets wrong.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Flag,
    Url,
    File,
    Profile,
    Policy,
    Server,
}

impl Kind {
    fn name(self) -> &'static str {
        match self {
            Kind::Flag => "flag",
            Kind::Url => "URL",
            Kind::File => "file",
            Kind::Profile => "profile",
            Kind::Policy => "policy",
            Kind::Server => "server",
        }
    }
}

/// Something done to a fresh local cloud and folder before the command runs.
#[derive(Debug)]
enum Step {
    /// `alicli configure` with the seeded RAM user's key and the local STS endpoint.
    User,
    /// An object at this key of the seeded bucket, uploaded as the user.
    Object(&'static str),
    /// A file in the command's folder.
    File(&'static str, &'static [u8]),
    /// A folder in the command's folder.
    Folder(&'static str),
    /// A file in the command's folder without write permission (mode 0444).
    ReadOnly(&'static str),
    /// The profile file replaced by this text (`{ep}` and the other placeholders are filled in).
    Profiles {
        about: &'static str,
        text: &'static str,
    },
    /// Temporary credentials narrowed by the old docs' policy, saved as profile `narrow`.
    Narrow,
    /// `POST /-/faults?op=OP&kind=KIND&count=N` on the local cloud.
    Fault(&'static str, &'static str, u32),
}

impl Step {
    fn describe(&self) -> String {
        match self {
            Step::User => "user configured".into(),
            Step::Object(key) => format!("object `{key}` exists"),
            Step::File(name, data) => match std::str::from_utf8(data) {
                Ok(_) => format!("file `{name}`"),
                Err(_) => format!("file `{name}` (not UTF-8)"),
            },
            Step::Folder(name) => format!("folder `{name}`"),
            Step::ReadOnly(name) => format!("read-only file `{name}`"),
            Step::Profiles { about, .. } => format!("profile file: {about}"),
            Step::Narrow => {
                "profile `narrow`: temporary credentials with the old docs' policy".into()
            }
            Step::Fault(op, kind, count) => format!("fault: {op} {kind} ×{count}"),
        }
    }
}

struct Row {
    kind: Kind,
    setup: &'static [Step],
    args: &'static [&'static str],
    env: &'static [(&'static str, &'static str)],
    /// The process exit code (see docs/exit-codes.md).
    exit: i32,
    /// Words stderr must contain.
    message: &'static str,
}

const fn row(
    kind: Kind,
    setup: &'static [Step],
    args: &'static [&'static str],
    exit: i32,
    message: &'static str,
) -> Row {
    Row {
        kind,
        setup,
        args,
        env: &[],
        exit,
        message,
    }
}

const fn row_env(
    kind: Kind,
    setup: &'static [Step],
    args: &'static [&'static str],
    env: &'static [(&'static str, &'static str)],
    exit: i32,
    message: &'static str,
) -> Row {
    Row {
        kind,
        setup,
        args,
        env,
        exit,
        message,
    }
}

use Kind::{File, Flag, Policy, Profile, Server, Url};
use Step::{Fault, Folder, Narrow, Object, Profiles, User};

const U: &[Step] = &[User];
const LOCAL_TXT: Step = Step::File("local.txt", b"data");

/// Placeholders in `args`, `env` and profile texts, and how the doc shows them.
///
/// `{ep}` the local cloud, `{closed}` a port nobody listens on, `{arn}` the seeded role,
/// `{id}` and `{secret}` the seeded user's AccessKey, `{long-policy}` a valid policy of 2049 characters,
/// `{long-key}` a key of 1024 bytes, `{docs-policy}` the old docs' policy ([`DOCS_POLICY`]).
const PLACEHOLDERS: &[(&str, &str)] = &[
    ("{ep}", "<endpoint>"),
    ("{closed}", "<closed-port>"),
    ("{arn}", "<role-arn>"),
    ("{id}", "<user-key-id>"),
    ("{secret}", "<user-key-secret>"),
    ("{long-policy}", "<policy-of-2049-chars>"),
    ("{long-key}", "<key-of-1024-bytes>"),
    ("{docs-policy}", "<docs-policy>"),
];

/// The table. Add rows here; then `ALICLI_BLESS=1 cargo test --test it bad_input` updates
/// docs/testing.md.
#[rustfmt::skip]
fn rows() -> Vec<Row> {
    vec![
        // Flags and command lines.
        row(Flag, &[], &["no-such-command"], 2, "unrecognized subcommand 'no-such-command'"),
        row(Flag, U, &["oss", "get", "oss://sample-bucket/k", "--no-such-flag"], 2, "unexpected argument '--no-such-flag'"),
        row(Flag, U, &["sts", "assume-role"], 2, "required arguments were not provided"),
        row(Flag, U, &["oss", "put", "local.txt"], 2, "required arguments were not provided"),
        row(Flag, U, &["sts", "assume-role", "--role-arn", "arn:aws:iam::1:role/x", "--role-session-name", "s1"], 2, "invalid role ARN"),
        row(Flag, U, &["sts", "assume-role", "--role-arn", "acs:ram::abc:role/x", "--role-session-name", "s1"], 2, "the account id must be digits"),
        row(Flag, U, &["sts", "assume-role", "--role-arn", "{arn}", "--role-session-name", "x"], 2, "invalid role session name \"x\""),
        row(Flag, U, &["sts", "assume-role", "--role-arn", "{arn}", "--role-session-name", "has space"], 2, "invalid role session name"),
        row(Flag, U, &["sts", "assume-role", "--role-arn", "{arn}", "--role-session-name", "s1", "--duration-seconds", "899"], 2, "900 to 43200"),
        row(Flag, U, &["sts", "assume-role", "--role-arn", "{arn}", "--role-session-name", "s1", "--duration-seconds", "43201"], 2, "900 to 43200"),
        row(Flag, U, &["sts", "assume-role", "--role-arn", "{arn}", "--role-session-name", "s1", "--duration-seconds", "soon"], 2, "900 to 43200"),
        row(Flag, U, &["sts", "assume-role", "--role-arn", "{arn}", "--role-session-name", "s1", "--external-id", "a"], 2, "invalid external id"),
        row(Flag, U, &["sts", "assume-role", "--role-arn", "{arn}", "--role-session-name", "s1", "--save-profile", "bad name"], 2, "invalid profile name \"bad name\""),
        row(Flag, &[], &["sts", "assume-role-with-oidc", "--role-arn", "{arn}", "--oidc-provider-arn", "acs:ram::1:role/x", "--oidc-token-file", "t"], 2, "invalid OIDC provider ARN"),
        row(Flag, &[], &["sts", "assume-role-with-oidc", "--role-arn", "{arn}", "--oidc-provider-arn", "acs:ram::1:oidc-provider/p", "--endpoint", "{ep}"], 2, "no OIDC token: pass --oidc-token-file"),
        row_env(Flag, &[], &["sts", "get-caller-identity", "--endpoint", "{ep}"], &[("ALIBABA_CLOUD_OIDC_PROVIDER_ARN", "acs:ram::1:oidc-provider/p")], 2, "ALIBABA_CLOUD_OIDC_PROVIDER_ARN is set but ALIBABA_CLOUD_ROLE_ARN is not"),
        row(Profile, &[Profiles { about: "`ecs_ram_role` and `credentials_uri` in one profile", text: "[profiles.default]\necs_ram_role = \"r\"\ncredentials_uri = \"http://127.0.0.1:1/c\"\n" }], &["sts", "get-caller-identity"], 2, "names more than one credential source"),
        row(Profile, &[Profiles { about: "`credentials_uri = \"ftp://x\"`", text: "[profiles.default]\ncredentials_uri = \"ftp://x\"\n" }], &["sts", "get-caller-identity"], 2, "is not an http:// or https:// URL"),
        row(Flag, U, &["oss", "sign", "oss://sample-bucket/k", "--expires", "0"], 2, "1 to 604800"),
        row(Flag, U, &["oss", "sign", "oss://sample-bucket/k", "--expires", "604801"], 2, "1 to 604800"),
        row(Flag, U, &["oss", "ls", "oss://sample-bucket", "--output", "csv", "--endpoint", "{ep}"], 2, "invalid value 'csv'"),
        row(Flag, U, &["oss", "stat", "oss://sample-bucket/k", "--output", "env", "--endpoint", "{ep}"], 2, "--output env is not a format of this command"),
        row(Flag, U, &["sts", "get-caller-identity", "--query", "[?", "--endpoint", "{ep}"], 2, "invalid --query \"[?\""),
        row(Flag, U, &["sts", "assume-role", "--role-arn", "{arn}", "--role-session-name", "s1", "--output", "env", "--query", "Credentials", "--endpoint", "{ep}"], 2, "it does not go with --output env"),
        row(Flag, U, &["configure", "export-credentials", "--format", "fish", "--output", "json"], 2, "give --format or --output, not both"),
        row(Flag, &[User, LOCAL_TXT], &["oss", "put", "local.txt", "oss://sample-bucket/k", "--endpoint", "{ep}", "--jobs", "0"], 2, "invalid --jobs 0"),
        row(Flag, &[User, LOCAL_TXT], &["oss", "put", "local.txt", "oss://sample-bucket/k", "--endpoint", "{ep}", "--content-type", " "], 2, "invalid --content-type"),
        row_env(Flag, &[], &["oss", "get", "oss://sample-bucket/k", "--endpoint", "{ep}", "--sign-version", "v4"], &[("OSS_ACCESS_KEY_ID", "{id}"), ("OSS_ACCESS_KEY_SECRET", "{secret}")], 2, "OSS signature v4 needs the region"),
        row(Flag, U, &["oss", "get", "oss://sample-bucket/k", "--sign-version", "v9"], 2, "invalid value 'v9'"),
        row(Flag, U, &["oss", "get", "oss://sample-bucket/k", "--endpoint", "ftp://x"], 2, "the scheme must be http or https"),
        row(Flag, U, &["oss", "get", "oss://sample-bucket/k", "--endpoint", "https://host/path"], 2, "without a path"),
        row(Flag, U, &["oss", "get", "oss://sample-bucket/k", "--endpoint", "host:port"], 2, "the port must be a number"),
        row(Flag, &[], &["configure"], 2, "nothing to configure"),
        row(Flag, U, &["oss", "config", "--access-key-id", "STS.x"], 2, "give --access-key-id and --access-key-secret together"),
        row(Flag, U, &["oss", "config", "--access-key-id", "STS.x", "--access-key-secret", "s", "--security-token", "t", "--expiration", "tomorrow"], 2, "invalid --expiration \"tomorrow\""),
        row(Flag, &[], &["policy", "eval", "--policy", "{docs-policy}", "--action", "oss:Get*", "--resource", "oss://sample-bucket/k"], 2, "wildcards belong in policies"),
        row(Flag, &[], &["policy", "eval", "--policy", "{docs-policy}", "--action", "oss:GetObject", "--resource", "oss://sample-bucket/k", "--context", "acs:SourceIp"], 2, "give KEY=VALUE"),
        row(Flag, &[], &["policy", "eval", "--policy", "{docs-policy}", "--action", "oss:GetObject", "--resource", "oss://sample-bucket/k", "--context", "acs:SourceIp=10.0.0.0/8"], 2, "must be an IP address"),
        row(Flag, &[], &["policy", "eval", "--policy", "{docs-policy}", "--action", "oss:GetObject", "--resource", "oss://sample-bucket/k", "--account", "me"], 2, "invalid --account \"me\""),
        row_env(Flag, &[], &["oss", "get", "oss://sample-bucket/k", "--endpoint", "{ep}"], &[("OSS_ACCESS_KEY_ID", "{id}")], 2, "OSS_ACCESS_KEY_ID is set but OSS_ACCESS_KEY_SECRET is not"),
        row(Flag, U, &["oss", "get", "oss://sample-bucket/k", "--endpoint", "{ep}", "--proxy", "http://user:pa55word@proxy:99999"], 2, "invalid proxy \"http://****@proxy:99999\" (--proxy)"),
        row(Flag, U, &["oss", "get", "oss://sample-bucket/k", "--endpoint", "{ep}", "--proxy", "ftp://proxy:21"], 2, "the scheme must be http or https"),
        row(Flag, U, &["oss", "get", "oss://sample-bucket/k", "--endpoint", "{ep}", "--proxy", ""], 2, "--proxy is empty"),
        row_env(Flag, U, &["oss", "get", "oss://sample-bucket/k", "--endpoint", "{ep}"], &[("HTTP_PROXY", "http://h:3128:x")], 2, "(HTTP_PROXY): invalid port number"),
        row_env(Flag, U, &["sts", "get-caller-identity"], &[("HTTPS_PROXY", "socks5://h:1080")], 2, "SOCKS proxies are not supported"),
        row(Flag, &[User, LOCAL_TXT], &["oss", "put", "local.txt", "oss://sample-bucket/k", "--endpoint", "{ep}", "--content-type", "text/plain\u{1}"], 2, "invalid --content-type \"text/plain\\u{1}\""),
        row(Flag, U, &["oss", "get", "oss://sample-bucket/k", "--endpoint", "{ep}", "--region", "cn\nhangzhou"], 2, "a region id is lowercase letters, digits and '-'"),
        row(Flag, U, &["oss", "get", "oss://sample-bucket/k", "--endpoint", "{ep}", "--region", "cn-hangzhou/../../x"], 2, "invalid region \"cn-hangzhou/../../x\""),
        row_env(Flag, U, &["oss", "get", "oss://sample-bucket/k", "--endpoint", "{ep}"], &[("ALIBABA_CLOUD_REGION_ID", "cn_hangzhou")], 2, "invalid region \"cn_hangzhou\" (ALIBABA_CLOUD_REGION_ID)"),
        row_env(Flag, &[], &["oss", "get", "oss://sample-bucket/k", "--endpoint", "{ep}"], &[("OSS_ACCESS_KEY_ID", "STS.x"), ("OSS_ACCESS_KEY_SECRET", "{secret}"), ("OSS_SESSION_TOKEN", "tok\nen")], 2, "SecurityToken holds spaces, control characters or non-ASCII text"),
        row(Flag, U, &["oss", "get", "oss://sample-bucket/k", "--endpoint", "http://127.0.0.1:0"], 2, "port 0 is not a port"),
        row(Flag, U, &["oss", "get", "oss://sample-bucket/k", "--endpoint", "http://-"], 2, "each dot-separated part of a host name"),
        row(Flag, &[], &["oss", "config", "--access-key-id", "STS.x", "--access-key-secret", "-"], 2, "--access-key-secret -: nothing was read from stdin"),
        // oss:// URLs.
        row(Url, U, &["oss", "get", "sample-bucket/k", "--endpoint", "{ep}"], 2, "is not an OSS URL"),
        row(Url, U, &["oss", "get", "s3://sample-bucket/k", "--endpoint", "{ep}"], 2, "is not an OSS URL"),
        row(Url, U, &["oss", "get", "oss://", "--endpoint", "{ep}"], 2, "has no bucket"),
        row(Url, U, &["oss", "get", "oss:///k", "--endpoint", "{ep}"], 2, "has no bucket"),
        row(Url, U, &["oss", "get", "oss://sample-bucket", "--endpoint", "{ep}"], 2, "has no object key"),
        row(Url, U, &["oss", "get", "oss://Sample-Bucket/k", "--endpoint", "{ep}"], 2, "only lowercase letters, digits and hyphens"),
        row(Url, U, &["oss", "get", "oss://ab/k", "--endpoint", "{ep}"], 2, "3 to 63 characters"),
        row(Url, U, &["oss", "get", "oss://-sample/k", "--endpoint", "{ep}"], 2, "starts and ends with a letter or digit"),
        row(Url, U, &["oss", "get", "oss://sample-bucket/{long-key}", "--endpoint", "{ep}"], 2, "a key is at most 1023 bytes"),
        row(Url, &[User, LOCAL_TXT], &["oss", "put", "local.txt", "oss://sample-bucket//k", "--endpoint", "{ep}"], 2, "must not start with '/'"),
        row(Url, U, &["oss", "put", "-", "oss://sample-bucket/dir/", "--endpoint", "{ep}"], 2, "names no object"),
        row(Url, U, &["oss", "get", "oss://sample-bucket/dir/", "--endpoint", "{ep}"], 2, "so it names no file"),
        row(Url, U, &["oss", "sign", "oss://sample-bucket"], 2, "has no object key"),
        // Trees (cp -r, sync, rm -r) and the object flags.
        row(Flag, &[User, LOCAL_TXT], &["oss", "put", "local.txt", "oss://sample-bucket/k", "--endpoint", "{ep}", "--meta", "novalue"], 2, "is not KEY=VALUE"),
        row(Flag, &[User, LOCAL_TXT], &["oss", "put", "local.txt", "oss://sample-bucket/k", "--endpoint", "{ep}", "--meta", "a b=c"], 2, "must be letters, digits"),
        row(Flag, &[User, LOCAL_TXT], &["oss", "put", "local.txt", "oss://sample-bucket/k", "--endpoint", "{ep}", "--storage-class", "Glacier"], 2, "invalid value 'Glacier'"),
        row(Flag, &[User, LOCAL_TXT], &["oss", "put", "local.txt", "oss://sample-bucket/k", "--endpoint", "{ep}", "--acl", "everyone"], 2, "invalid value 'everyone'"),
        row(Flag, &[User, LOCAL_TXT], &["oss", "put", "local.txt", "oss://sample-bucket/k", "--endpoint", "{ep}", "--dry-run"], 2, "--dry-run is for trees: add -r"),
        row(Flag, &[User, Folder("site")], &["oss", "cp", "-r", "site", "oss://sample-bucket/www/", "--endpoint", "{ep}", "--exclude", "a[b"], 2, "is not a glob pattern"),
        row(Flag, &[User, Folder("site")], &["oss", "cp", "-r", "site", "oss://sample-bucket/www/", "--endpoint", "{ep}", "--max-errors", "0"], 2, "invalid value '0'"),
        row(Flag, &[User, Folder("site")], &["oss", "sync", "site", "oss://sample-bucket/www/", "--endpoint", "{ep}", "--jobs", "65"], 2, "invalid --jobs 65"),
        row(Flag, U, &["oss", "cp", "-r", "oss://sample-bucket/www/", "out", "--endpoint", "{ep}", "--meta", "a=b"], 2, "are for uploads and copies, not downloads"),
        row(Url, U, &["oss", "cp", "local.txt", "other.txt", "--endpoint", "{ep}"], 2, "one side of a copy must be in OSS"),
        row(Url, U, &["oss", "cp", "-r", "oss://sample-bucket/a/", "oss://sample-bucket/a/b/", "--endpoint", "{ep}"], 2, "overlap"),
        row(Url, U, &["oss", "rm", "oss://sample-bucket/", "--endpoint", "{ep}"], 2, "has no object key"),
        row(Url, U, &["oss", "rm", "-r", "s3://sample-bucket/x/", "--endpoint", "{ep}"], 2, "is not an OSS URL"),
        row(File, U, &["oss", "sync", "no-such-folder", "oss://sample-bucket/www/", "--endpoint", "{ep}"], 2, "cannot read no-such-folder"),
        row(File, &[User, LOCAL_TXT], &["oss", "cp", "-r", "local.txt", "oss://sample-bucket/www/", "--endpoint", "{ep}"], 2, "local.txt is a file"),
        row(File, &[User, LOCAL_TXT], &["oss", "sync", "oss://sample-bucket/www/", "local.txt", "--endpoint", "{ep}"], 2, "a tree goes into a folder"),
        row(Url, U, &["oss", "ls", "s3://sample-bucket/", "--endpoint", "{ep}"], 2, "is not an OSS URL"),
        row(Url, U, &["oss", "ls", "oss://Sample-Bucket", "--endpoint", "{ep}"], 2, "only lowercase letters, digits and hyphens"),
        row(Url, U, &["oss", "ls", "oss://sample-bucket//logs", "--endpoint", "{ep}"], 2, "invalid prefix"),
        row(Url, U, &["oss", "ls", "oss://sample-bucket/{long-key}", "--endpoint", "{ep}"], 2, "a key is at most 1023 bytes"),
        row(Url, U, &["oss", "stat", "oss://sample-bucket", "--endpoint", "{ep}"], 2, "has no object key"),
        row(Url, U, &["oss", "stat", "oss:///k", "--endpoint", "{ep}"], 2, "has no bucket"),
        row(Url, &[], &["policy", "eval", "--policy", "{docs-policy}", "--action", "oss:GetObject", "--resource", "oss://sample-bucket"], 2, "authorized on objects"),
        // Local files.
        row(File, U, &["oss", "put", "no-such-file.txt", "oss://sample-bucket/k", "--endpoint", "{ep}"], 2, "cannot read no-such-file.txt"),
        row(File, &[User, Folder("photos")], &["oss", "put", "photos", "oss://sample-bucket/k", "--endpoint", "{ep}"], 2, "photos is a folder"),
        row(File, U, &["oss", "get", "oss://sample-bucket/k", "no-such-dir/out.txt", "--endpoint", "{ep}"], 2, "folder no-such-dir does not exist"),
        row(File, &[User, LOCAL_TXT], &["oss", "get", "oss://sample-bucket/k", "local.txt/out.txt", "--endpoint", "{ep}"], 2, "cannot write"),
        row(File, U, &["sts", "assume-role", "--role-arn", "{arn}", "--role-session-name", "s1", "--policy", "@missing.json"], 2, "cannot read policy file missing.json"),
        row(File, &[], &["policy", "check", "missing.json"], 2, "cannot read policy file missing.json"),
        row(File, &[Step::File("binary.json", b"{\xff\xfe}")], &["policy", "check", "binary.json"], 2, "is not UTF-8 text"),
        row(File, &[Folder("conf")], &["--config-file", "conf", "sts", "get-caller-identity"], 2, "cannot read profile file conf"),
        row(File, &[], &["serve", "--listen", "127.0.0.1:0", "--config", "missing.toml"], 2, "cannot read missing.toml"),
        row(File, &[], &["--config-file", "/dev/null", "configure", "--access-key-id", "LTAIx", "--access-key-secret", "s"], 2, "profile file /dev/null is not a regular file"),
        row(File, U, &["sts", "assume-role", "--role-arn", "{arn}", "--role-session-name", "s1", "--policy", "@/dev/zero"], 2, "it is larger than 64 KiB"),
        row(File, &[], &["policy", "check", "/dev/zero"], 2, "it is larger than 64 KiB"),
        row(File, &[User, Step::ReadOnly("kept.txt")], &["oss", "get", "oss://sample-bucket/k", "kept.txt", "--endpoint", "{ep}"], 2, "kept.txt is read-only"),
        // Profile files.
        row(Profile, &[Profiles { about: "`access_key_secret = oops` (not TOML)", text: "[profiles.default]\naccess_key_id = \"LTAIx\"\naccess_key_secret = oops\n" }], &["sts", "get-caller-identity"], 2, "is not valid: line 3"),
        row(Profile, &[Profiles { about: "`[profiles.default` (unclosed table)", text: "[profiles.default\n" }], &["oss", "get", "oss://sample-bucket/k", "--endpoint", "{ep}"], 2, "is not valid: line 1"),
        row(Profile, &[Profiles { about: "`profiles = 3` (wrong type)", text: "profiles = 3\n" }], &["sts", "get-caller-identity"], 2, "is not valid"),
        row(Profile, U, &["--profile", "nope", "sts", "get-caller-identity"], 2, "profile \"nope\" not found"),
        row_env(Profile, U, &["oss", "get", "oss://sample-bucket/k", "--endpoint", "{ep}"], &[("ALICLI_PROFILE", "nope")], 2, "profile \"nope\" not found"),
        row(Profile, &[Profiles { about: "`sign_version = \"v9\"`", text: "[profiles.default]\naccess_key_id = \"LTAIx\"\naccess_key_secret = \"s\"\nsign_version = \"v9\"\n" }], &["oss", "get", "oss://sample-bucket/k", "--endpoint", "{ep}"], 2, "has sign_version = \"v9\""),
        row(Profile, &[Profiles { about: "temporary credentials whose `expiration` has passed", text: "[profiles.default]\naccess_key_id = \"STS.x\"\naccess_key_secret = \"s\"\nsecurity_token = \"t\"\nexpiration = \"2020-01-01T00:00:00Z\"\n" }], &["oss", "get", "oss://sample-bucket/k", "--endpoint", "{ep}"], 3, "expired at 2020-01-01T00:00:00Z"),
        row(Profile, &[Profiles { about: "`sts_endpoint = \"ftp://x\"`", text: "[profiles.default]\naccess_key_id = \"LTAIx\"\naccess_key_secret = \"s\"\nsts_endpoint = \"ftp://x\"\n" }], &["sts", "get-caller-identity"], 2, "invalid endpoint \"ftp://x\""),
        row(Profile, &[], &["sts", "get-caller-identity", "--endpoint", "{ep}"], 2, "no credentials"),
        row(Profile, &[Profiles { about: "`security_token` with a line break", text: "[profiles.default]\naccess_key_id = \"STS.x\"\naccess_key_secret = \"s3cr3t-value\"\nsecurity_token = \"tok\\nen\"\n" }], &["oss", "get", "oss://sample-bucket/k", "--endpoint", "{ep}"], 2, "SecurityToken holds spaces, control characters or non-ASCII text"),
        row(Profile, &[Profiles { about: "`region = \"cn/../x\"`", text: "[profiles.default]\naccess_key_id = \"LTAIx\"\naccess_key_secret = \"s3cr3t-value\"\nregion = \"cn/../x\"\n" }], &["oss", "get", "oss://sample-bucket/k", "--endpoint", "{ep}"], 2, "invalid region \"cn/../x\" (profile \"default\" region)"),
        // Policies.
        row(Policy, U, &["sts", "assume-role", "--role-arn", "{arn}", "--role-session-name", "s1", "--policy", "{not json"], 2, "the policy is not valid JSON"),
        row(Policy, U, &["sts", "assume-role", "--role-arn", "{arn}", "--role-session-name", "s1", "--policy", "{long-policy}"], 2, "at most 2048"),
        row(Policy, U, &["sts", "assume-role", "--role-arn", "{arn}", "--role-session-name", "s1", "--policy", r#"{"Version":"1","Statement":[{"Effect":"Allow","Action":"oss:GetObjects","Resource":"acs:oss:*:*:sample-bucket/*"}]}"#], 2, "did you mean \"oss:GetObject\"?"),
        row(Policy, U, &["sts", "assume-role", "--role-arn", "{arn}", "--role-session-name", "s1", "--policy", r#"{"Version":"2","Statement":[]}"#], 2, "$.Version"),
        row(Policy, &[], &["policy", "check", r#"{"Version":"1","Statement":[{"Effect":"Allowed","Action":"oss:GetObject","Resource":"*"}]}"#], 2, "policy check failed for inline"),
        row(Policy, &[], &["policy", "eval", "--policy", "{", "--action", "oss:GetObject", "--resource", "oss://sample-bucket/k"], 2, "invalid JSON"),
        // Answers from the server.
        row_env(Server, &[User, Object("k")], &["oss", "get", "oss://sample-bucket/k", "out", "--endpoint", "{ep}"], &[("OSS_ACCESS_KEY_ID", "{id}"), ("OSS_ACCESS_KEY_SECRET", "wrong-secret")], 3, "SignatureDoesNotMatch"),
        row_env(Server, &[], &["sts", "get-caller-identity", "--endpoint", "{ep}"], &[("ALIBABA_CLOUD_ACCESS_KEY_ID", "LTAIunknown"), ("ALIBABA_CLOUD_ACCESS_KEY_SECRET", "secret")], 3, "InvalidAccessKeyId.NotFound"),
        row(Server, U, &["oss", "get", "oss://sample-bucket/no-such-key", "out", "--endpoint", "{ep}"], 5, "NoSuchKey"),
        row(Server, U, &["oss", "get", "oss://no-such-bucket/k", "out", "--endpoint", "{ep}"], 5, "NoSuchBucket"),
        row(Server, U, &["oss", "stat", "oss://sample-bucket/no-such-key", "--endpoint", "{ep}"], 5, "NoSuchKey"),
        row(Server, U, &["oss", "ls", "oss://no-such-bucket/", "--endpoint", "{ep}"], 5, "NoSuchBucket"),
        row(Server, &[User, Narrow], &["--profile", "narrow", "oss", "ls", "oss://sample-bucket/2015/01/01/", "--endpoint", "{ep}"], 4, "AccessDenied"),
        row(Server, &[User, Narrow, LOCAL_TXT], &["--profile", "narrow", "oss", "put", "local.txt", "oss://sample-bucket/2015/01/01/up.jpg", "--endpoint", "{ep}"], 4, "AccessDenied"),
        row(Server, U, &["sts", "assume-role", "--role-arn", "acs:ram::1234567890123456:role/no-such-role", "--role-session-name", "s1"], 5, "EntityNotExist.Role"),
        row(Server, U, &["sts", "assume-role", "--role-arn", "{arn}", "--role-session-name", "s1", "--duration-seconds", "7200"], 1, "InvalidParameter.DurationSeconds"),
        row(Server, &[User, Object("k"), Fault("GetObject", "500", 20)], &["oss", "get", "oss://sample-bucket/k", "out", "--endpoint", "{ep}"], 6, "InternalError"),
        row(Server, &[User, Object("k"), Fault("GetObject", "503", 20)], &["oss", "get", "oss://sample-bucket/k", "out", "--endpoint", "{ep}"], 6, "ServiceUnavailable"),
        row(Server, &[User, Object("k"), Fault("GetObject", "429", 20)], &["oss", "get", "oss://sample-bucket/k", "out", "--endpoint", "{ep}"], 6, "Throttling"),
        row(Server, &[User, Object("k"), Fault("GetObject", "reset", 20)], &["oss", "get", "oss://sample-bucket/k", "out", "--endpoint", "{ep}"], 6, "connection"),
        row(Server, &[User, Object("k"), Fault("GetObject", "corrupt", 20)], &["oss", "get", "oss://sample-bucket/k", "out", "--endpoint", "{ep}"], 6, "download corrupted"),
        row(Server, &[User, LOCAL_TXT, Fault("PutObject", "503", 20)], &["oss", "put", "local.txt", "oss://sample-bucket/k", "--endpoint", "{ep}"], 6, "ServiceUnavailable"),
        row(Server, &[User, LOCAL_TXT, Fault("PutObject", "corrupt", 20)], &["oss", "put", "local.txt", "oss://sample-bucket/k", "--endpoint", "{ep}"], 6, "corrupted"),
        row(Server, &[User, Fault("AssumeRole", "500", 20)], &["sts", "assume-role", "--role-arn", "{arn}", "--role-session-name", "s1"], 6, "InternalError"),
        row(Server, &[User, Fault("GetCallerIdentity", "reset", 20)], &["sts", "get-caller-identity"], 6, "connection"),
        row(Server, U, &["oss", "get", "oss://sample-bucket/k", "out", "--endpoint", "{closed}"], 6, "cannot connect"),
        row(Server, &[User, Object("k"), Fault("GetObject", "delay:300", 1)], &["oss", "get", "oss://sample-bucket/k", "out", "--endpoint", "{ep}"], 0, ""),
    ]
}

/// Values for the placeholders in one world.
struct Fill {
    pairs: Vec<(&'static str, String)>,
}

impl Fill {
    fn new(world: &World) -> Fill {
        let closed = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let mut long_policy = DOCS_POLICY.to_string();
        let pad = 2049 - long_policy.chars().count();
        long_policy.insert_str(
            long_policy.len() - 1,
            &format!(",\"Pad\":\"{}\"", "x".repeat(pad - 9)),
        );
        assert_eq!(long_policy.chars().count(), 2049);
        Fill {
            pairs: vec![
                ("{ep}", world.endpoint()),
                ("{closed}", format!("http://127.0.0.1:{closed}")),
                ("{arn}", world.cloud.info.role_arn.clone()),
                ("{id}", world.cloud.info.access_key_id.clone()),
                ("{secret}", world.cloud.info.access_key_secret.clone()),
                ("{long-policy}", long_policy),
                ("{long-key}", "k".repeat(1024)),
                ("{docs-policy}", DOCS_POLICY.to_string()),
            ],
        }
    }

    fn apply(&self, text: &str) -> String {
        // Policies are JSON, full of braces: only whole placeholders are replaced.
        let mut out = text.to_string();
        for (name, value) in &self.pairs {
            out = out.replace(name, value);
        }
        out
    }
}

fn prepare(world: &World, fill: &Fill, setup: &[Step]) {
    for step in setup {
        match step {
            Step::User => world.configure_user(),
            Step::Object(key) => world.put_as_user(key, b"object data"),
            Step::File(name, data) => std::fs::write(world.path(name), data).unwrap(),
            Step::Folder(name) => std::fs::create_dir(world.path(name)).unwrap(),
            Step::ReadOnly(name) => {
                std::fs::write(world.path(name), b"keep").unwrap();
                let mut perms = std::fs::metadata(world.path(name)).unwrap().permissions();
                perms.set_readonly(true);
                std::fs::set_permissions(world.path(name), perms).unwrap();
            }
            Step::Profiles { text, .. } => {
                {
                    std::fs::write(world.config_file(), fill.apply(text)).unwrap();
                    // Private, as alicli writes it: these rows are about the contents.
                    #[cfg(unix)]
                    {
                        use std::os::unix::fs::PermissionsExt;
                        std::fs::set_permissions(
                            world.config_file(),
                            std::fs::Permissions::from_mode(0o600),
                        )
                        .unwrap();
                    }
                }
            }
            Step::Narrow => {
                let arn = &world.cloud.info.role_arn;
                let r = world.run(&[
                    "sts",
                    "assume-role",
                    "--role-arn",
                    arn,
                    "--role-session-name",
                    "narrow",
                    "--policy",
                    DOCS_POLICY,
                    "--save-profile",
                    "narrow",
                ]);
                assert_eq!(r.code, 0, "{r:?}");
            }
            Step::Fault(op, kind, count) => world.fault(op, kind, *count),
        }
    }
}

/// Runs one row in a world of its own; returns what was wrong, if anything.
fn check(row: &Row) -> Option<String> {
    let world = World::new();
    let fill = Fill::new(&world);
    prepare(&world, &fill, row.setup);
    let args: Vec<String> = row.args.iter().map(|a| fill.apply(a)).collect();
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let env: Vec<(String, String)> = row
        .env
        .iter()
        .map(|(k, v)| (k.to_string(), fill.apply(v)))
        .collect();
    let env: Vec<(&str, &str)> = env.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    let before = world.total_requests();
    let r = world.run_env(&args, &env);
    let mut wrong = Vec::new();
    if r.code != row.exit {
        wrong.push(format!("exit {} instead of {}", r.code, row.exit));
    }
    if !r.stderr.contains(row.message) {
        wrong.push(format!("stderr lacks {:?}", row.message));
    }
    if row.exit != 0 {
        // Retry notices come first when the service kept failing; then the one error.
        let report = r
            .stderr
            .lines()
            .skip_while(|l| l.starts_with("retrying "))
            .collect::<Vec<_>>()
            .join("\n");
        if !report.starts_with("error: ") {
            wrong.push("stderr does not start with \"error: \"".into());
        }
        // `policy check` reports its findings on stdout by design; everything else keeps stdout
        // for data.
        if !r.stdout.is_empty() && !row.args.starts_with(&["policy", "check"]) {
            wrong.push("something was printed to stdout".into());
        }
    }
    if row.kind != Kind::Server {
        let after = world.total_requests();
        if after != before {
            wrong.push(format!(
                "{} request(s) reached the local cloud",
                after - before
            ));
        }
    }
    (!wrong.is_empty()).then(|| format!("{}\n{r:?}", wrong.join("; ")))
}

#[test]
fn every_bad_input_gets_its_exit_code_and_message() {
    let rows = rows();
    let mut failures = Vec::new();
    for (i, row) in rows.iter().enumerate() {
        // A row whose setup fails is reported with the others instead of stopping the table.
        let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| check(row)))
            .unwrap_or_else(|_| Some("the row's setup panicked (see above)".into()));
        if let Some(wrong) = outcome {
            failures.push(format!("row {} `{}`: {wrong}", i + 1, command(row)));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} rows failed:\n\n{}",
        failures.len(),
        rows.len(),
        failures.join("\n\n")
    );
}

#[test]
fn the_table_is_large_and_has_no_repeats() {
    let rows = rows();
    assert!(rows.len() >= 40, "only {} rows", rows.len());
    let mut seen = std::collections::BTreeSet::new();
    for row in &rows {
        let key = format!("{:?} {:?} {:?}", row.setup, row.args, row.env);
        assert!(seen.insert(key), "repeated row: {}", command(row));
    }
    for kind in [Flag, Url, File, Profile, Policy, Server] {
        assert!(rows.iter().any(|r| r.kind == kind), "no {kind:?} row");
    }
}

// ---------------------------------------------------------------------------------------------
// The copy in docs/testing.md

const DOC: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/docs/testing.md");
const START: &str =
    "<!-- bad-input table: generated from tests/it/bad_input.rs, do not edit by hand -->";
const END: &str = "<!-- end of bad-input table -->";

/// The command line as the doc shows it: placeholders named, long arguments quoted.
fn command(row: &Row) -> String {
    let mut words: Vec<String> = row
        .env
        .iter()
        .map(|(k, v)| format!("{k}={}", shell_word(&show(v))))
        .collect();
    words.push("alicli".into());
    words.extend(row.args.iter().map(|a| shell_word(&show(a))));
    words.join(" ")
}

fn show(text: &str) -> String {
    let mut out = text.to_string();
    for (name, shown) in PLACEHOLDERS {
        out = out.replace(name, shown);
    }
    out
}

fn shell_word(word: &str) -> String {
    if word.chars().any(char::is_control) {
        // Bash's $'…' form shows control characters as escapes.
        let escaped: String = word
            .chars()
            .map(|c| match c {
                '\n' => "\\n".to_string(),
                '\'' => "\\'".to_string(),
                '\\' => "\\\\".to_string(),
                c if c.is_control() => format!("\\x{:02x}", c as u32),
                c => c.to_string(),
            })
            .collect();
        return format!("$'{escaped}'");
    }
    let plain = !word.is_empty()
        && word
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_./:=@*<>'".contains(c));
    if plain {
        word.to_string()
    } else {
        format!("'{}'", word.replace('\'', r"'\''"))
    }
}

/// A table cell: code spans keep their characters, pipes are escaped.
fn cell(text: &str) -> String {
    text.replace('|', r"\|")
}

fn code(text: &str) -> String {
    if text.is_empty() {
        String::new()
    } else if text.contains('`') {
        format!("`` {} ``", cell(text))
    } else {
        format!("`{}`", cell(text))
    }
}

fn render() -> String {
    let mut out = String::new();
    out.push_str("| # | kind | command | before it | exit | stderr contains | requests |\n");
    out.push_str("|---|---|---|---|---|---|---|\n");
    for (i, row) in rows().iter().enumerate() {
        let setup: Vec<String> = row.setup.iter().map(Step::describe).collect();
        let setup = if setup.is_empty() {
            "nothing".to_string()
        } else {
            setup.join("; ")
        };
        out.push_str(&format!(
            "| {} | {} | {} | {} | {} | {} | {} |\n",
            i + 1,
            row.kind.name(),
            code(&command(row)),
            cell(&setup),
            row.exit,
            if row.message.is_empty() {
                "(no error)".to_string()
            } else {
                code(row.message)
            },
            if row.kind == Kind::Server {
                "any"
            } else {
                "none"
            },
        ));
    }
    out
}

#[test]
fn doc_table_is_in_sync() {
    let doc = std::fs::read_to_string(DOC).expect("docs/testing.md exists");
    let (Some(start), Some(end)) = (doc.find(START), doc.find(END)) else {
        panic!("docs/testing.md lacks the markers {START:?} and {END:?}");
    };
    let current = &doc[start + START.len()..end];
    let wanted = format!("\n{}", render());
    if current == wanted {
        return;
    }
    if std::env::var_os("ALICLI_BLESS").is_some() {
        let updated = format!("{}{wanted}{}", &doc[..start + START.len()], &doc[end..]);
        std::fs::write(DOC, updated).unwrap();
        return;
    }
    panic!(
        "docs/testing.md's bad-input table differs from tests/it/bad_input.rs; run \
         `ALICLI_BLESS=1 cargo test --test it bad_input` to rewrite it. Wanted:\n{wanted}"
    );
}
