//! `alicli configure list`: every profile at a glance, alicli's own and (read only) those of the
//! official CLI's `~/.aliyun/config.json`: what kind of credentials it holds, region, endpoint,
//! how long temporary credentials have left, and the AccessKey ID masked. Secrets never appear:
//! this is the command people paste into bug reports.

use anyhow::Result;
use chrono::{DateTime, Utc};
use clap::Args;
use serde::Serialize;

use crate::config::official_cli::{self, Naming};
use crate::config::profile::{Kind, Profile};
use crate::session::{Globals, Session};
use crate::terminal::redact::mask_id;
use crate::terminal::render::{self, OutputFormat};

/// The global `--output` picks the format: a table by default, or the rows as JSON, YAML, text.
#[derive(Debug, Args)]
pub struct ListArgs {}

/// One line of the listing. Only what is safe to show.
#[derive(Debug, Serialize)]
struct Row {
    name: String,
    /// `alicli` or `aliyun` (the official CLI's file).
    file: &'static str,
    selected: bool,
    /// A profile of the official CLI's file that alicli's own file has too: alicli's wins, so
    /// this one is never used.
    shadowed: bool,
    kind: String,
    region: Option<String>,
    oss_endpoint: Option<String>,
    sts_endpoint: Option<String>,
    access_key_id: Option<String>,
    expiration: Option<String>,
    expires_in_seconds: Option<i64>,
    role_arn: Option<String>,
    source_profile: Option<String>,
    #[serde(skip)]
    time_left: String,
}

fn row(name: &str, file: &'static str, selected: bool, p: &Profile, now: DateTime<Utc>) -> Row {
    let kind = p.kind();
    let (id, expiration) = match (&p.access_key_id, &p.oss) {
        (Some(id), _) => (Some(id.clone()), p.expiration.clone()),
        (None, Some(oss)) => (oss.access_key_id.clone(), oss.expiration.clone()),
        (None, None) => (None, None),
    };
    let at = expiration
        .as_deref()
        .and_then(|e| DateTime::parse_from_rfc3339(e).ok())
        .map(|e| e.with_timezone(&Utc));
    let left = at.map(|at| (at - now).num_seconds());
    let mut time_left = match (kind, left, &expiration) {
        (Kind::AccessKey, _, _) | (Kind::Empty, _, _) => "-".to_string(),
        (Kind::Role, None, None) if id.is_none() => "not assumed yet".to_string(),
        (_, Some(s), _) if s > 0 => format!("{} left", human(s)),
        (_, Some(s), _) => format!("expired {} ago", human(-s)),
        (_, None, Some(_)) => "unreadable expiration".to_string(),
        (_, None, None) => "unknown".to_string(),
    };
    if kind == Kind::Role && id.is_some() {
        time_left.push_str(&format!(
            " (renews {} before)",
            human(p.refresh_margin() as i64)
        ));
    }
    Row {
        name: name.to_string(),
        file,
        selected,
        shadowed: false,
        kind: kind.to_string(),
        region: p.region.clone(),
        oss_endpoint: p.oss.as_ref().and_then(|o| o.endpoint.clone()),
        sts_endpoint: p.sts_endpoint.clone(),
        access_key_id: id.as_deref().map(mask_id),
        expiration,
        expires_in_seconds: left,
        role_arn: p.role_arn.clone(),
        source_profile: p.source_profile.clone(),
        time_left,
    }
}

/// `3h05m`, `12m`, `40s`: enough to judge at a glance.
fn human(seconds: i64) -> String {
    let s = seconds.max(0);
    match s {
        0..=59 => format!("{s}s"),
        60..=3599 => format!("{}m", s / 60),
        3600..=86_399 => format!("{}h{:02}m", s / 3600, s % 3600 / 60),
        _ => format!("{}d{}h", s / 86_400, s % 86_400 / 3600),
    }
}

pub fn run(globals: Globals, _args: ListArgs) -> Result<()> {
    let format = render::data_format(OutputFormat::Table)?;
    let session = Session::new(globals)?;
    let now = Utc::now();
    let selected = session.profile_name().to_string();
    let mut rows: Vec<Row> = session
        .config
        .profiles
        .iter()
        .map(|(name, p)| row(name, "alicli", *name == selected, p, now))
        .collect();
    if let Some(path) = official_cli::default_path() {
        if let Some(official) = official_cli::load(&path)? {
            for p in &official.profiles {
                // Shown as alicli would read it; modes it cannot use are listed by their mode.
                let borrowed = session.borrowed_name.as_deref() == Some(p.name.as_str());
                let shadowed = session.config.profiles.contains_key(&p.name);
                match official.convert(&p.name, &p.name, Naming::Import) {
                    Ok(converted) => {
                        if let Some((_, profile)) = converted.first() {
                            let mut r = row(&p.name, "aliyun", borrowed, profile, now);
                            r.shadowed = shadowed;
                            rows.push(r);
                        }
                    }
                    Err(_) => rows.push(Row {
                        name: p.name.clone(),
                        file: "aliyun",
                        selected: false,
                        shadowed,
                        kind: format!("{} (unusable)", p.mode),
                        region: Some(p.region_id.clone()).filter(|r| !r.is_empty()),
                        oss_endpoint: None,
                        sts_endpoint: None,
                        access_key_id: None,
                        expiration: None,
                        expires_in_seconds: None,
                        role_arn: None,
                        source_profile: None,
                        time_left: "-".into(),
                    }),
                }
            }
        }
    }
    if render::native(format, OutputFormat::Table) {
        return crate::write_stdout(table(&rows, &session).as_bytes());
    }
    render::print(&rows, format)
}

fn table(rows: &[Row], session: &Session) -> String {
    if rows.is_empty() {
        return format!(
            "no profiles in {} (create one with `alicli configure`)\n",
            session.config_path.display()
        );
    }
    let dash = |v: &Option<String>| v.clone().unwrap_or_else(|| "-".into());
    let cells: Vec<Vec<String>> = rows
        .iter()
        .map(|r| {
            let mark = if r.selected { "* " } else { "  " };
            let name = match (r.file, r.shadowed) {
                ("aliyun", true) => format!("{mark}{} (aliyun, shadowed)", r.name),
                ("aliyun", false) => format!("{mark}{} (aliyun)", r.name),
                _ => format!("{mark}{}", r.name),
            };
            vec![
                name,
                r.kind.clone(),
                dash(&r.region),
                dash(&r.oss_endpoint.clone().or(r.sts_endpoint.clone())),
                r.time_left.clone(),
                dash(&r.access_key_id),
            ]
        })
        .collect();
    let header = [
        "  PROFILE",
        "KIND",
        "REGION",
        "ENDPOINT",
        "EXPIRES",
        "ACCESS KEY ID",
    ];
    let mut out = crate::terminal::table::render(&header, &cells);
    if rows.iter().any(|r| r.file == "aliyun") {
        out.push_str(
            "\n* = the profile this command would use. (aliyun) = read from the official CLI's file, only when alicli's file has no profile of that name; (aliyun, shadowed) = alicli's file has one, and it is the one used.\n",
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_read_at_a_glance() {
        assert_eq!(human(40), "40s");
        assert_eq!(human(12 * 60 + 5), "12m");
        assert_eq!(human(3 * 3600 + 5 * 60), "3h05m");
        assert_eq!(human(2 * 86_400 + 3600), "2d1h");
        assert_eq!(human(-5), "0s");
    }

    #[test]
    fn rows_show_kind_and_time_and_never_secrets() {
        let now = DateTime::parse_from_rfc3339("2026-01-01T12:00:00Z")
            .unwrap()
            .with_timezone(&Utc);
        let role = Profile {
            access_key_id: Some("STS.NUgYrLnoC7ExampleId".into()),
            access_key_secret: Some("the-secret-value".into()),
            security_token: Some("the-token-value".into()),
            expiration: Some("2026-01-01T12:30:00Z".into()),
            role_arn: Some("acs:ram::1:role/r".into()),
            source_profile: Some("default".into()),
            ..Default::default()
        };
        let r = row("ci", "alicli", true, &role, now);
        assert_eq!(r.kind, "role");
        assert_eq!(r.time_left, "30m left (renews 5m before)");
        assert_eq!(r.access_key_id.as_deref(), Some("STS.****eId"));
        let json = serde_json::to_string(&r).unwrap();
        assert!(!json.contains("the-secret-value") && !json.contains("the-token-value"));
        let expired = Profile {
            source_profile: None,
            expiration: Some("2026-01-01T10:00:00Z".into()),
            ..role.clone()
        };
        assert_eq!(
            row("old", "alicli", false, &expired, now).time_left,
            "expired 2h00m ago"
        );
        let fresh_role = Profile {
            access_key_id: None,
            access_key_secret: None,
            security_token: None,
            expiration: None,
            ..role
        };
        assert_eq!(
            row("new", "alicli", false, &fresh_role, now).time_left,
            "not assumed yet"
        );
    }
}
