//! `alicli oss ls [oss://bucket[/prefix]]`: the bucket as a file tree. Without an address it lists
//! the account's buckets (ListBuckets); with one, the keys that start with the prefix, one level
//! under its last `/` (deeper keys rolled up into `PRE name/` lines) or, with `--recursive`,
//! every key below it, as `aws s3 ls` does.
//!
//! Pages of 1000 are printed as they arrive, before the next is asked for, so memory stays flat
//! however many keys there are and a pipe to `head` stops the listing early. Keys are asked for
//! URL-encoded (`encoding-type=url`) so that any key, a newline or an ESC in it included, comes
//! through the XML intact; text output escapes what a terminal would act on, JSON keeps every
//! character.

use anyhow::Result;
use clap::{Args, ValueEnum};
use serde_json::json;

use super::{human_size, local_time};
use crate::oss::tree::remote::{next_page, PAGE_SIZE};
use crate::oss::url::{check_key, OssUrl};
use crate::oss::OssClient;
use crate::session::{Globals, Session};
use crate::terminal::output::escape_untrusted;
use alicli_wire::error::UsageError;
use alicli_wire::oss::xml;

#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  alicli oss ls\n  alicli oss ls oss://sample-bucket/2015/\n  \
alicli oss ls oss://sample-bucket/2015/01/gr --recursive --summarize -H\n  \
alicli oss ls oss://sample-bucket -r --output json | jq -r 'select(.type == \"object\") | .key'"
)]
pub struct LsArgs {
    /// What to list: oss://bucket, or oss://bucket/prefix for the keys starting with prefix [default: the account's buckets]
    #[arg(value_name = "oss://BUCKET[/PREFIX]")]
    pub target: Option<String>,
    /// Every key under the prefix, not only one level
    #[arg(short, long)]
    pub recursive: bool,
    /// Sizes in KiB, MiB, GiB… instead of bytes
    #[arg(short = 'H', long)]
    pub human_readable: bool,
    /// End with the number of objects and their total size
    #[arg(long)]
    pub summarize: bool,
    /// What to print on stdout
    #[arg(long, value_enum, default_value_t = LsOutput::Text)]
    pub output: LsOutput,
    #[command(flatten)]
    pub oss: crate::clients::OssFlags,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LsOutput {
    /// One line per entry: last modified (local time), size, name
    Text,
    /// One JSON object per line (JSON Lines), every character of a key kept
    Json,
}

pub fn run(globals: Globals, args: LsArgs) -> Result<()> {
    // The address is checked before the session: bad input is exit 2 with nothing sent.
    let url = args.target.as_deref().map(parse_target).transpose()?;
    let session = Session::new(globals)?;
    let client = args.oss.client(&session)?;
    let result = match &url {
        None => list_buckets(&client, &args),
        Some(url) => list_objects(&client, url, &args),
    };
    result.map_err(|e| crate::clients::with_oss_hint(e, &client))
}

/// `oss://bucket` or `oss://bucket/prefix`. A prefix follows the key rules, since a prefix no
/// key can have (a leading `/`, over 1023 bytes) can only be a mistake.
fn parse_target(text: &str) -> Result<OssUrl> {
    let url = OssUrl::parse(text)?;
    if !url.key.is_empty() {
        check_key(&url.key)
            .map_err(|why| UsageError(format!("invalid prefix in {text:?}: {why}")))?;
    }
    Ok(url)
}

/// What is printed, and the totals `--summarize` ends with.
struct Printer {
    /// The part of the prefix up to its last `/`: names are shown relative to it unless
    /// `--recursive`, as files are shown relative to their folder.
    folder: String,
    recursive: bool,
    human: bool,
    json: bool,
    objects: u64,
    bytes: u64,
}

impl Printer {
    fn size(&self, bytes: u64) -> String {
        if self.human {
            human_size(bytes)
        } else {
            bytes.to_string()
        }
    }

    /// The name as the text output shows it, escaped.
    fn name<'a>(&self, key: &'a str) -> std::borrow::Cow<'a, str> {
        let shown = if self.recursive {
            key
        } else {
            // A server may answer keys outside the prefix: then the whole key is shown.
            key.strip_prefix(self.folder.as_str()).unwrap_or(key)
        };
        escape_untrusted(shown)
    }

    fn object(&mut self, o: &xml::ListedObject, out: &mut String) -> Result<()> {
        self.objects += 1;
        self.bytes = self.bytes.saturating_add(o.size);
        if self.json {
            let line = json!({
                "key": o.key,
                "size": o.size,
                "last_modified": o.last_modified,
                "etag": o.etag.trim_matches('"'),
                "storage_class": o.storage_class,
                "type": "object",
            });
            out.push_str(&serde_json::to_string(&line)?);
        } else {
            out.push_str(&format!(
                "{:<19} {:>10} {}",
                local_time(&o.last_modified),
                self.size(o.size),
                self.name(&o.key)
            ));
        }
        out.push('\n');
        Ok(())
    }

    fn prefix(&self, prefix: &str, out: &mut String) -> Result<()> {
        if self.json {
            out.push_str(&serde_json::to_string(
                &json!({"key": prefix, "type": "prefix"}),
            )?);
        } else {
            out.push_str(&format!("{:<19} {:>10} {}", "", "PRE", self.name(prefix)));
        }
        out.push('\n');
        Ok(())
    }

    fn summary(&self) -> Result<String> {
        if self.json {
            let line = json!({"type": "summary", "objects": self.objects, "size": self.bytes});
            return Ok(serde_json::to_string(&line)? + "\n");
        }
        Ok(format!(
            "\nTotal Objects: {}\n   Total Size: {}\n",
            self.objects,
            self.size(self.bytes)
        ))
    }
}

fn list_objects(client: &OssClient, url: &OssUrl, args: &LsArgs) -> Result<()> {
    let prefix = url.key.as_str();
    let folder = prefix.rfind('/').map_or("", |i| &prefix[..=i]);
    let delimiter = if args.recursive { "" } else { "/" };
    let mut printer = Printer {
        folder: folder.to_string(),
        recursive: args.recursive,
        human: args.human_readable,
        json: args.output == LsOutput::Json,
        objects: 0,
        bytes: 0,
    };
    let mut token: Option<String> = None;
    loop {
        let page = client.list_objects_v2_decoded(
            &url.bucket,
            prefix,
            delimiter,
            token.as_deref(),
            PAGE_SIZE,
        )?;
        let mut out = String::new();
        // Objects and prefixes merged in key order, as a folder listing reads.
        let mut objects = page.contents.iter().peekable();
        let mut prefixes = page.common_prefixes.iter().peekable();
        loop {
            match (objects.peek(), prefixes.peek()) {
                (Some(o), Some(p)) if o.key <= p.prefix => {
                    printer.object(o, &mut out)?;
                    objects.next();
                }
                (_, Some(p)) => {
                    printer.prefix(&p.prefix, &mut out)?;
                    prefixes.next();
                }
                (Some(o), None) => {
                    printer.object(o, &mut out)?;
                    objects.next();
                }
                (None, None) => break,
            }
        }
        crate::write_stdout(out.as_bytes())?;
        token = match next_page(
            page.is_truncated,
            &page.next_continuation_token,
            token.as_deref(),
        )? {
            Some(next) => Some(next),
            None => break,
        };
    }
    if args.summarize {
        crate::write_stdout(printer.summary()?.as_bytes())?;
    }
    Ok(())
}

fn list_buckets(client: &OssClient, args: &LsArgs) -> Result<()> {
    let json = args.output == LsOutput::Json;
    let mut count = 0u64;
    let mut marker = String::new();
    loop {
        let page = client.list_buckets(&marker, PAGE_SIZE)?;
        let mut out = String::new();
        for b in &page.buckets.buckets {
            count += 1;
            let region = if b.region.is_empty() {
                b.location.strip_prefix("oss-").unwrap_or(&b.location)
            } else {
                &b.region
            };
            if json {
                let line = json!({
                    "name": b.name,
                    "location": b.location,
                    "region": region,
                    "created": b.creation_date,
                    "storage_class": b.storage_class,
                    "type": "bucket",
                });
                out.push_str(&serde_json::to_string(&line)?);
            } else {
                out.push_str(&format!(
                    "{:<19} {:<20} {}",
                    local_time(&b.creation_date),
                    escape_untrusted(&b.location),
                    escape_untrusted(&b.name)
                ));
            }
            out.push('\n');
        }
        crate::write_stdout(out.as_bytes())?;
        let current = (!marker.is_empty()).then_some(marker.as_str());
        marker = match next_page(page.is_truncated, &page.next_marker, current)? {
            Some(next) => next,
            None => break,
        };
    }
    if args.summarize {
        let text = if json {
            serde_json::to_string(&json!({"type": "summary", "buckets": count}))? + "\n"
        } else {
            format!("\nTotal Buckets: {count}\n")
        };
        crate::write_stdout(text.as_bytes())?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn printer(folder: &str, recursive: bool, human: bool, json: bool) -> Printer {
        Printer {
            folder: folder.into(),
            recursive,
            human,
            json,
            objects: 0,
            bytes: 0,
        }
    }

    fn object(key: &str, size: u64) -> xml::ListedObject {
        xml::ListedObject {
            key: key.into(),
            last_modified: "not a date\x1b[2J".into(),
            etag: "\"E\"".into(),
            size,
            storage_class: "Standard".into(),
            ..Default::default()
        }
    }

    #[test]
    fn text_lines_are_relative_escaped_and_aligned() {
        let mut p = printer("photos/", false, false, false);
        let mut out = String::new();
        p.object(&object("photos/a\nb.jpg", 12), &mut out).unwrap();
        p.prefix("photos/2015/", &mut out).unwrap();
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(lines.len(), 2, "{out}");
        assert!(lines[0].ends_with("         12 a\\nb.jpg"), "{out}");
        assert!(lines[0].starts_with("not a date\\x1b[2J"), "{out}");
        assert_eq!(lines[1], format!("{:19}        PRE 2015/", ""));
        // Recursive listings show whole keys; a key outside the folder is shown whole too.
        let r = printer("photos/", true, true, false);
        assert_eq!(r.name("photos/x"), "photos/x");
        assert_eq!(p.name("elsewhere/x"), "elsewhere/x");
        assert_eq!((p.objects, p.bytes), (1, 12));
    }

    #[test]
    fn json_lines_keep_every_character() {
        let mut p = printer("", false, true, true);
        let mut out = String::new();
        p.object(&object("a\nb\u{1}", 3), &mut out).unwrap();
        let v: serde_json::Value = serde_json::from_str(out.trim_end()).unwrap();
        assert_eq!(v["key"], "a\nb\u{1}");
        assert_eq!(v["etag"], "E");
        assert_eq!(v["size"], 3);
        assert_eq!(out.lines().count(), 1);
        assert!(p.summary().unwrap().contains("\"objects\":1"));
    }

    #[test]
    fn targets() {
        assert_eq!(parse_target("oss://b-1").unwrap().key, "");
        assert_eq!(parse_target("oss://b-1/").unwrap().key, "");
        assert_eq!(parse_target("oss://b-1/a/b").unwrap().key, "a/b");
        assert!(parse_target("oss://b-1//a").is_err());
        assert!(parse_target("s3://b-1").is_err());
    }
}
