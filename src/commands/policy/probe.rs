//! `alicli policy probe oss://bucket/prefix/`: find out what a profile's credentials (usually
//! temporary ones narrowed by a session policy) may really do under a prefix, by trying it. On a
//! uniquely named probe object it runs PutObject, HeadObject, GetObject, ListObjects (of the
//! prefix), InitiateMultipartUpload (aborted at once) and DeleteObject, and prints a matrix of
//! allowed / denied with the error code and request id of each denial. The probe only ever
//! writes and deletes its own uniquely named object and upload, and removes what it created; what
//! it could not remove is reported, with exit code 1.

use anyhow::Result;
use clap::{Args, ValueEnum};
use serde_json::{json, Value};

use crate::error::{usage, Exit, ServiceError};
use crate::oss::url::{check_key, OssUrl};
use crate::oss::OssClient;
use crate::session::{Globals, Session};

#[derive(Debug, Args)]
pub struct ProbeArgs {
    /// Where to probe: oss://BUCKET/PREFIX/. A `*` in it stands for the probe object's unique name, e.g. 'oss://sample-bucket/2015/01/01/*.jpg'
    #[arg(value_name = "oss://BUCKET/PREFIX/")]
    pub target: String,
    /// Appended to the probe object's name, e.g. .jpg to probe a policy that allows only *.jpg
    #[arg(long, value_name = "SUFFIX")]
    pub suffix: Option<String>,
    #[command(flatten)]
    pub oss: crate::clients::OssFlags,
    /// What to print on stdout
    #[arg(long, value_enum, default_value_t = ProbeOutput::Table)]
    pub output: ProbeOutput,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ProbeOutput {
    /// One row per operation: result, error code, request id
    Table,
    /// A JSON object with the probe object, one entry per operation, and what was left behind
    Json,
}

/// What one operation did.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Outcome {
    /// Allowed; the detail says more when the answer was not a plain success.
    Allowed {
        detail: Option<&'static str>,
        request_id: Option<String>,
    },
    /// Refused by policy.
    Denied(Failure),
    /// Failed for another reason that does not stop the probe (e.g. an unusual OSS error).
    Failed(Failure),
    /// Not attempted, and why.
    Skipped(&'static str),
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct Failure {
    code: String,
    message: String,
    request_id: String,
}

struct Step {
    operation: &'static str,
    action: &'static str,
    outcome: Outcome,
}

/// The probe object's key and the prefix that ListObjects is asked for.
#[derive(Debug, PartialEq, Eq)]
struct Target {
    bucket: String,
    key: String,
    prefix: String,
}

/// Builds the probe key: the unique name replaces a `*` in the URL, or is appended to the prefix,
/// which is read as a folder (`oss://b/2015` probes in `2015/`); then the suffix.
fn target(text: &str, suffix: Option<&str>, unique: &str) -> Result<Target> {
    let url = OssUrl::parse(text)?;
    let name = format!("alicli-probe-{unique}");
    let stars = url.key.matches('*').count();
    if stars > 1 || url.key.contains('?') {
        usage!("{text:?}: at most one `*` (standing for the probe object's name), and no `?`");
    }
    let (prefix, key) = match url.key.split_once('*') {
        Some(_) if suffix.is_some() => {
            usage!("{text:?}: give either a `*` in the URL or --suffix, not both")
        }
        Some((before, after)) => (before.to_string(), format!("{before}{name}{after}")),
        None => {
            let mut folder = url.key.clone();
            if !folder.is_empty() && !folder.ends_with('/') {
                folder.push('/');
            }
            let key = format!("{folder}{name}{}", suffix.unwrap_or_default());
            (folder, key)
        }
    };
    if let Some(s) = suffix {
        if s.contains('/') || s.contains(['*', '?']) {
            usage!("--suffix {s:?}: a suffix is the end of a name, without '/', '*' or '?'");
        }
    }
    check_key(&key).map_err(|why| {
        crate::error::UsageError(format!(
            "the probe object oss://{}/{key}: {why}",
            url.bucket
        ))
    })?;
    Ok(Target {
        bucket: url.bucket,
        key,
        prefix,
    })
}

/// Reads an error as a probe result. `Err` means the probe cannot go on: the credentials are
/// rejected, the bucket does not exist, or the network failed: then no row would mean anything.
fn classify(err: anyhow::Error, absent_means_allowed: bool) -> Result<Outcome> {
    let Some(e) = err.downcast_ref::<ServiceError>() else {
        return Err(err);
    };
    let failure = Failure {
        code: e.code.clone(),
        message: e.message.clone(),
        request_id: e.request_id.clone(),
    };
    match crate::error::exit_of_service(e) {
        Exit::Denied => Ok(Outcome::Denied(failure)),
        // OSS checks permission before existence: a 404 for the (absent) probe object means the
        // request was allowed.
        Exit::NotFound if absent_means_allowed && e.code == "NoSuchKey" => Ok(Outcome::Allowed {
            detail: Some("object absent"),
            request_id: Some(e.request_id.clone()).filter(|r| !r.is_empty()),
        }),
        Exit::Credentials | Exit::Network => Err(err),
        Exit::NotFound if e.code.starts_with("NoSuchBucket") => Err(err),
        _ => Ok(Outcome::Failed(failure)),
    }
}

fn request_id(response: &reqwest::blocking::Response) -> Option<String> {
    crate::oss::client::header(response, "x-oss-request-id").filter(|r| !r.is_empty())
}

/// What the probe created and has not removed yet.
#[derive(Default)]
struct Created {
    object: bool,
    upload: Option<String>,
}

pub fn run(globals: Globals, args: ProbeArgs) -> Result<()> {
    let unique = uuid::Uuid::new_v4().simple().to_string();
    let target = target(&args.target, args.suffix.as_deref(), &unique)?;
    let session = Session::new(globals)?;
    let client = args.oss.client(&session)?;
    let object = format!("oss://{}/{}", target.bucket, target.key);
    crate::terminal::output::info(&format!("probe object: {object}"));

    let mut created = Created::default();
    let mut steps = Vec::new();
    let mut notes = Vec::new();
    let result = probe(&client, &target, &mut created, &mut steps, &mut notes);
    // Whatever happened, nothing the probe made is left behind if it can be helped.
    let leftovers = clean_up(&client, &target, &mut created, &mut steps);
    if let Err(err) = result {
        for warning in &leftovers {
            crate::terminal::output::warn(warning);
        }
        return Err(crate::clients::with_oss_hint(err, &client));
    }

    let text = match args.output {
        ProbeOutput::Table => table(&steps, &notes),
        ProbeOutput::Json => format!(
            "{}\n",
            serde_json::to_string_pretty(&json!({
                "object": object,
                "prefix": target.prefix,
                "steps": steps.iter().map(step_json).collect::<Vec<_>>(),
                "notes": notes,
                "left_behind": leftovers,
            }))?
        ),
    };
    crate::write_stdout(text.as_bytes())?;
    if leftovers.is_empty() {
        Ok(())
    } else {
        for warning in &leftovers {
            crate::terminal::output::warn(warning);
        }
        Err(anyhow::anyhow!(
            "the probe could not remove everything it created (see the warnings)"
        ))
    }
}

fn probe(
    client: &OssClient,
    target: &Target,
    created: &mut Created,
    steps: &mut Vec<Step>,
    notes: &mut Vec<String>,
) -> Result<()> {
    let (bucket, key) = (target.bucket.as_str(), target.key.as_str());

    let body = b"alicli policy probe: safe to delete\n".to_vec();
    let outcome = match client.put_object(
        bucket,
        key,
        body.into(),
        vec![("Content-Type".into(), "text/plain".into())],
    ) {
        Ok(put) => {
            created.object = true;
            Outcome::Allowed {
                detail: None,
                request_id: Some(put.request_id).filter(|r| !r.is_empty()),
            }
        }
        Err(e) => classify(e, false)?,
    };
    steps.push(Step {
        operation: "PutObject",
        action: "oss:PutObject",
        outcome,
    });

    let outcome = match client.head_object(bucket, key) {
        Ok(r) => Outcome::Allowed {
            detail: None,
            request_id: request_id(&r),
        },
        Err(e) => classify(e, true)?,
    };
    steps.push(Step {
        operation: "HeadObject",
        action: "oss:GetObject",
        outcome,
    });

    let outcome = match client.get_object(bucket, key) {
        Ok(r) => Outcome::Allowed {
            detail: None,
            request_id: request_id(&r),
        },
        Err(e) => classify(e, true)?,
    };
    steps.push(Step {
        operation: "GetObject",
        action: "oss:GetObject",
        outcome,
    });

    // One key is enough to know listing is allowed; the names listed are not shown.
    let outcome = match client.list_objects_v2(bucket, &target.prefix, "", None, 1) {
        Ok(_) => Outcome::Allowed {
            detail: None,
            request_id: None,
        },
        Err(e) => classify(e, false)?,
    };
    steps.push(Step {
        operation: "ListObjects",
        action: "oss:ListObjects",
        outcome,
    });

    let outcome = match client.initiate_multipart_upload(
        bucket,
        key,
        vec![("Content-Type".into(), "text/plain".into())],
    ) {
        Ok(upload_id) => {
            created.upload = Some(upload_id);
            Outcome::Allowed {
                detail: None,
                request_id: None,
            }
        }
        Err(e) => classify(e, false)?,
    };
    steps.push(Step {
        operation: "InitiateMultipartUpload",
        action: "oss:PutObject",
        outcome,
    });

    // The probe key is unique, so deleting it can only remove the probe's own object; when the
    // put was refused it does not exist and the delete still shows whether deleting is allowed.
    let response = client.send(reqwest::Method::DELETE, bucket, key, &[], Vec::new(), None);
    let outcome = match response {
        Ok(r) => {
            let marker = crate::oss::client::header(&r, "x-oss-delete-marker");
            if !created.object && marker.as_deref() == Some("true") {
                notes.push(format!(
                    "versioning is on in {bucket}: deleting the absent probe object left a delete marker for {key}"
                ));
            }
            created.object = false;
            Outcome::Allowed {
                detail: None,
                request_id: request_id(&r),
            }
        }
        Err(e) => classify(e, false)?,
    };
    steps.push(Step {
        operation: "DeleteObject",
        action: "oss:DeleteObject",
        outcome,
    });
    Ok(())
}

/// Aborts the probe's upload and deletes its object if they still exist; returns a warning for
/// each that could not be removed. The abort is a step of the matrix when it happens.
fn clean_up(
    client: &OssClient,
    target: &Target,
    created: &mut Created,
    steps: &mut Vec<Step>,
) -> Vec<String> {
    let (bucket, key) = (target.bucket.as_str(), target.key.as_str());
    let mut left = Vec::new();
    let initiated = steps
        .iter()
        .any(|s| s.operation == "InitiateMultipartUpload");
    match created.upload.take() {
        Some(upload_id) => {
            let outcome = match client.abort_multipart_upload(bucket, key, &upload_id) {
                Ok(()) => Outcome::Allowed {
                    detail: None,
                    request_id: None,
                },
                Err(e) => {
                    left.push(format!(
                        "the multipart upload {upload_id} of oss://{bucket}/{key} could not be aborted ({}); abort it with credentials that may, or let a lifecycle rule remove it",
                        short_error(&e)
                    ));
                    classify(e, false).unwrap_or(Outcome::Skipped("failed"))
                }
            };
            let at = steps
                .iter()
                .position(|s| s.operation == "InitiateMultipartUpload")
                .map_or(steps.len(), |i| i + 1);
            steps.insert(
                at,
                Step {
                    operation: "AbortMultipartUpload",
                    action: "oss:AbortMultipartUpload",
                    outcome,
                },
            );
        }
        None if initiated => {
            let at = steps
                .iter()
                .position(|s| s.operation == "InitiateMultipartUpload")
                .map_or(steps.len(), |i| i + 1);
            steps.insert(
                at,
                Step {
                    operation: "AbortMultipartUpload",
                    action: "oss:AbortMultipartUpload",
                    outcome: Outcome::Skipped("no upload to abort"),
                },
            );
        }
        None => {}
    }
    let delete_tried = steps.iter().any(|s| s.operation == "DeleteObject");
    if created.object && delete_tried {
        left.push(format!(
            "the probe object oss://{bucket}/{key} could not be deleted (see DeleteObject above); delete it with credentials that may"
        ));
    } else if created.object {
        // The probe stopped before its DeleteObject step: remove the object now.
        match client.delete_object(bucket, key) {
            Ok(()) => created.object = false,
            Err(e) => left.push(format!(
                "the probe object oss://{bucket}/{key} could not be deleted ({}); delete it with credentials that may",
                short_error(&e)
            )),
        }
    }
    left
}

fn short_error(err: &anyhow::Error) -> String {
    match err.downcast_ref::<ServiceError>() {
        Some(e) if !e.request_id.is_empty() => format!("{}, RequestId {}", e.code, e.request_id),
        Some(e) => e.code.clone(),
        None => err
            .to_string()
            .lines()
            .next()
            .unwrap_or_default()
            .to_string(),
    }
}

fn result_word(outcome: &Outcome) -> String {
    match outcome {
        Outcome::Allowed { detail: None, .. } => "allowed".into(),
        Outcome::Allowed {
            detail: Some(d), ..
        } => format!("allowed ({d})"),
        Outcome::Denied(_) => "denied".into(),
        Outcome::Failed(_) => "failed".into(),
        Outcome::Skipped(why) => format!("not tried ({why})"),
    }
}

fn table(steps: &[Step], notes: &[String]) -> String {
    let rows: Vec<Vec<String>> = steps
        .iter()
        .map(|s| {
            let (code, rid) = match &s.outcome {
                Outcome::Denied(f) | Outcome::Failed(f) => (f.code.clone(), f.request_id.clone()),
                _ => (String::new(), String::new()),
            };
            vec![
                s.operation.to_string(),
                s.action.to_string(),
                result_word(&s.outcome),
                code,
                rid,
            ]
        })
        .collect();
    let header = [
        "OPERATION",
        "RAM ACTION",
        "RESULT",
        "ERROR CODE",
        "REQUEST ID",
    ];
    let mut out = crate::terminal::table::render(&header, &rows);
    for note in notes {
        out.push_str(&format!("note: {note}\n"));
    }
    out
}

fn step_json(step: &Step) -> Value {
    let (result, detail, failure) = match &step.outcome {
        Outcome::Allowed { detail, .. } => ("allowed", detail.map(str::to_string), None),
        Outcome::Denied(f) => ("denied", None, Some(f)),
        Outcome::Failed(f) => ("failed", None, Some(f)),
        Outcome::Skipped(why) => ("skipped", Some(why.to_string()), None),
    };
    let request_id = match &step.outcome {
        Outcome::Allowed { request_id, .. } => request_id.clone(),
        Outcome::Denied(f) | Outcome::Failed(f) => Some(f.request_id.clone()),
        Outcome::Skipped(_) => None,
    };
    json!({
        "operation": step.operation,
        "action": step.action,
        "result": result,
        "detail": detail,
        "code": failure.map(|f| f.code.clone()),
        "message": failure.map(|f| f.message.clone()),
        "request_id": request_id,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(text: &str, suffix: Option<&str>) -> Result<Target> {
        target(text, suffix, "u1")
    }

    #[test]
    fn probe_keys() {
        let got = t("oss://sample-bucket/2015/01/01/", None).unwrap();
        assert_eq!(
            got,
            Target {
                bucket: "sample-bucket".into(),
                key: "2015/01/01/alicli-probe-u1".into(),
                prefix: "2015/01/01/".into(),
            }
        );
        let got = t("oss://sample-bucket/2015/01/01/*.jpg", None).unwrap();
        assert_eq!(got.key, "2015/01/01/alicli-probe-u1.jpg");
        assert_eq!(got.prefix, "2015/01/01/");
        let got = t("oss://sample-bucket/2015/01/01", Some(".jpg")).unwrap();
        assert_eq!(got.key, "2015/01/01/alicli-probe-u1.jpg");
        let got = t("oss://sample-bucket/logs-*", None).unwrap();
        assert_eq!(
            (got.key.as_str(), got.prefix.as_str()),
            ("logs-alicli-probe-u1", "logs-")
        );
        let got = t("oss://sample-bucket", None).unwrap();
        assert_eq!(
            (got.key.as_str(), got.prefix.as_str()),
            ("alicli-probe-u1", "")
        );
        for (text, suffix, fragment) in [
            ("oss://sample-bucket/*/*", None, "at most one"),
            ("oss://sample-bucket/a?", None, "no `?`"),
            ("oss://sample-bucket/*.jpg", Some(".png"), "not both"),
            ("oss://sample-bucket/", Some("/x"), "without '/'"),
            ("sample-bucket/", None, "not an OSS URL"),
            ("oss://Bad/", None, "invalid bucket name"),
        ] {
            let err = t(text, suffix).unwrap_err().to_string();
            assert!(err.contains(fragment), "{text}: {err}");
        }
    }

    #[test]
    fn errors_become_results() {
        let svc = |code: &str, status: u16| -> anyhow::Error {
            ServiceError {
                code: code.into(),
                status,
                request_id: "RID".into(),
                ..Default::default()
            }
            .into()
        };
        assert!(matches!(
            classify(svc("AccessDenied", 403), false).unwrap(),
            Outcome::Denied(Failure { ref code, ref request_id, .. }) if code == "AccessDenied" && request_id == "RID"
        ));
        assert_eq!(
            classify(svc("NoSuchKey", 404), true).unwrap(),
            Outcome::Allowed {
                detail: Some("object absent"),
                request_id: Some("RID".into())
            }
        );
        assert!(matches!(
            classify(svc("NoSuchKey", 404), false).unwrap(),
            Outcome::Failed(_)
        ));
        assert!(classify(svc("InvalidAccessKeyId", 403), false).is_err());
        assert!(classify(svc("SecurityTokenExpired", 403), false).is_err());
        assert!(classify(svc("NoSuchBucket", 404), true).is_err());
        assert!(classify(svc("InternalError", 500), false).is_err());
        assert!(classify(anyhow::anyhow!("connection refused"), false).is_err());
        assert!(matches!(
            classify(svc("InvalidArgument", 400), false).unwrap(),
            Outcome::Failed(_)
        ));
    }
}
