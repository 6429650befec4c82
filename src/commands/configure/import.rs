//! `alicli configure import [NAME…]`: copy profiles from the official CLI's
//! `~/.aliyun/config.json` into alicli's profile file, once, so they can be listed, changed and
//! (for roles) renewed and cached like alicli's own. The official file is only read.
//!
//! AK and StsToken profiles become profiles of the same name. A RamRoleArn profile keeps its role
//! under its own name and its RAM user's key in `<name>-source`, which the role profile names as
//! `source_profile`; a ChainableRamRoleArn profile names its source directly.

use std::path::PathBuf;

use anyhow::Result;
use clap::Args;

use crate::config::check_profile_name;
use crate::config::official_cli::{self, Naming};
use crate::config::profile::{self, Kind, Profile};
use crate::error::{usage, UsageError};
use crate::session::{Globals, Session};

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// Profiles to import [default: every one alicli can use]
    #[arg(value_name = "NAME")]
    pub names: Vec<String>,
    /// The official CLI's file [default: $ALIBABA_CLOUD_CONFIG_FILE, else ~/.aliyun/config.json]
    #[arg(long, value_name = "PATH")]
    pub from: Option<PathBuf>,
    /// Replace alicli profiles that have the same names (they are kept otherwise)
    #[arg(long)]
    pub force: bool,
}

/// One official profile, converted: it and the profiles it needs, written together or not at all.
struct Group {
    name: String,
    profiles: Vec<(String, Profile)>,
}

pub fn run(globals: Globals, args: ImportArgs) -> Result<()> {
    let path = match args.from.clone().or_else(official_cli::default_path) {
        Some(p) => p,
        None => usage!("cannot find a home folder; pass --from PATH"),
    };
    let Some(official) = official_cli::load(&path)? else {
        usage!("there is no {} to import from", path.display());
    };
    let explicit = !args.names.is_empty();
    let names: Vec<String> = if explicit {
        for n in &args.names {
            if official.get(n).is_none() {
                usage!("there is no profile {n:?} in {}", path.display());
            }
        }
        args.names.clone()
    } else {
        official.profiles.iter().map(|p| p.name.clone()).collect()
    };

    // Everything is checked before the file is touched: a profile that cannot be imported is an
    // error when it was asked for by name, and a warning when importing them all.
    let mut groups = Vec::new();
    for name in &names {
        let checked = official
            .convert(name, name, Naming::Import)
            .map_err(UsageError)
            .and_then(|profiles| {
                for (key, p) in &profiles {
                    check_profile_name(key).map_err(|e| UsageError(e.to_string()))?;
                    if p.renews() {
                        crate::credentials::renewal::check_profile(key, p)
                            .map_err(|e| UsageError(e.to_string()))?;
                    }
                }
                Ok(profiles)
            });
        match checked {
            Ok(profiles) => groups.push(Group {
                name: name.clone(),
                profiles,
            }),
            Err(e) if explicit => return Err(e.into()),
            Err(e) => crate::terminal::output::warn(&format!("skipped: {e}")),
        }
    }

    let session = Session::new(globals)?;
    let force = args.force;
    let (imported, kept) = profile::update(&session.config_path, |config| {
        let mut imported = Vec::new();
        let mut kept = Vec::new();
        // A profile two groups share (a ChainableRamRoleArn's source imported on its own too)
        // is not a clash with alicli's own profiles.
        let mut written = std::collections::BTreeSet::new();
        for group in &groups {
            let clash: Vec<&str> = group
                .profiles
                .iter()
                .map(|(k, _)| k.as_str())
                .filter(|k| config.profiles.contains_key(*k) && !written.contains(*k))
                .collect();
            if !clash.is_empty() && !force {
                kept.push((group.name.clone(), clash.join(", ")));
                continue;
            }
            for (key, p) in &group.profiles {
                let previous_extra = config
                    .profiles
                    .get(key)
                    .map(|old| old.extra.clone())
                    .unwrap_or_default();
                let mut p = p.clone();
                p.extra = previous_extra;
                config.profiles.insert(key.clone(), p);
                written.insert(key.clone());
            }
            imported.push(group.name.clone());
        }
        Ok((imported, kept))
    })?;

    for name in &imported {
        let group = groups.iter().find(|g| &g.name == name);
        let Some((_, p)) = group.and_then(|g| g.profiles.first()) else {
            continue;
        };
        let detail = match (p.kind(), &p.source_profile) {
            (Kind::Role, Some(source)) => format!("role, assumed with profile {source:?}"),
            (kind, _) => kind.to_string(),
        };
        crate::terminal::output::info(&format!("imported profile {name:?} ({detail})"));
    }
    for (name, clash) in &kept {
        crate::terminal::output::warn(&format!(
            "profile {name:?} not imported: alicli already has {clash} (--force replaces)"
        ));
    }
    if imported.is_empty() && kept.is_empty() && groups.is_empty() {
        crate::terminal::output::warn(&format!("nothing to import from {}", path.display()));
    } else {
        crate::terminal::output::info(&format!(
            "{} of {} profiles imported into {} ({} left as it was)",
            imported.len(),
            names.len(),
            session.config_path.display(),
            path.display()
        ));
    }
    Ok(())
}
