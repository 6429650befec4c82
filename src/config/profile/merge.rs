//! How a change to the model becomes an edit of the user's text. People edit the profile file by
//! hand, so a write must keep what they wrote: comments, blank lines, the order of tables and
//! keys, keys alicli does not know. The closure of `update` changes the serde model; here the
//! model before and after are compared key by key, and only the keys that differ are edited into
//! the text (parsed with `toml_edit`), everything else keeps its exact bytes.

use anyhow::{Context, Result};
use toml_edit::{DocumentMut, Item, TableLike};

use super::{parse, ConfigFile};

/// The first line of a file alicli creates (a file the user wrote keeps its own first lines).
const HEADER: &str =
    "# alicli profiles: see `alicli configure --help`. Keep this file private (0600).\n";

/// The text of the file after a change from `before` (what `text` parses to) to `after`.
///
/// - a key whose value did not change keeps its exact text, comments and place;
/// - a changed key is rewritten in place, keeping the comments before and after it;
/// - a new key is appended to the end of its table, a new profile (or `oss` table) is appended
///   after the tables it belongs with, as `[profiles.NAME]` / `[profiles.NAME.oss]`;
/// - a removed key or profile goes, with the comments written on its lines.
///
/// Values are written by the `toml` serializer (so quotes, newlines and control characters are
/// escaped as TOML wants), in the model's field order for new tables.
pub fn merge_into_text(text: &str, before: &ConfigFile, after: &ConfigFile) -> Result<String> {
    let old = tree(before)?;
    let new = tree(after)?;
    if same_table(&old, &new) {
        // Nothing to edit: the bytes stay the bytes, even where toml_edit would reformat.
        return Ok(if text.is_empty() {
            HEADER.to_string()
        } else {
            text.to_string()
        });
    }
    // The new values as TOML text, parsed back: this gives each changed value in the form a TOML
    // writer gives it, and each new table in the model's field order.
    let rendered = toml::to_string_pretty(after).context("cannot serialise the profile file")?;
    // The parser's message is left out: it quotes the line, which may hold a secret.
    let source: DocumentMut = rendered
        .parse()
        .map_err(|_| anyhow::anyhow!("alicli wrote a profile file it cannot read"))?;
    let start = if text.trim().is_empty() { HEADER } else { text };
    let edited = start.parse::<DocumentMut>().ok().map(|mut doc| {
        keep_lone_comments_first(&mut doc);
        edit_table(doc.as_table_mut(), false, &old, &new, source.as_table());
        doc.to_string()
    });
    // The edit is checked by reading it back: should the user's layout be one the edit gets wrong
    // (or one toml_edit cannot parse), writing the model out whole loses the comments but never
    // a setting.
    match edited {
        Some(edited)
            if parse(&edited).is_ok_and(|c| tree(&c).is_ok_and(|t| same_table(&t, &new))) =>
        {
            Ok(edited)
        }
        _ => {
            // Not silent: the user wrote those comments.
            if text.lines().any(|l| l.trim_start().starts_with('#')) {
                crate::terminal::output::warn(
                    "the profile file is written out whole this time: its comments and layout could not be kept (every setting is)",
                );
            }
            Ok(format!("{HEADER}{rendered}"))
        }
    }
}

/// A file of comments only (the header of a new file, say) has them as the document's trailing
/// text, which toml_edit writes after every table: they are moved to the front, where they were.
fn keep_lone_comments_first(doc: &mut DocumentMut) {
    if !doc.as_table().is_empty() {
        return;
    }
    let Some(mut comments) = doc.trailing().as_str().map(str::to_string) else {
        return;
    };
    if comments.is_empty() {
        return;
    }
    if !comments.ends_with("\n\n") {
        // A blank line between the comments and the first table.
        comments.push('\n');
    }
    doc.set_trailing("");
    doc.as_table_mut().decor_mut().set_prefix(comments);
}

/// The model as a plain TOML tree, to compare key by key.
fn tree(config: &ConfigFile) -> Result<toml::Table> {
    toml::Table::try_from(config).context("cannot serialise the profile file")
}

/// Edits `doc` (a table of the user's file) from `old` to `new`; `source` is the same table in
/// the freshly written text, where changed values are taken from. `inline` says `doc` is an
/// inline table (`{ … }`), which can hold values only, not `[headers]`.
fn edit_table(
    doc: &mut dyn TableLike,
    inline: bool,
    old: &toml::Table,
    new: &toml::Table,
    source: &dyn TableLike,
) {
    for key in old.keys() {
        if !new.contains_key(key) {
            doc.remove(key);
        }
    }
    // In the source's order, so that several new keys keep the model's order among themselves.
    for (key, source_item) in source.iter() {
        let Some(new_value) = new.get(key) else {
            continue;
        };
        let old_value = old.get(key);
        if old_value.is_some_and(|old_value| same(old_value, new_value)) {
            continue;
        }
        if let (Some(toml::Value::Table(old_t)), toml::Value::Table(new_t)) = (old_value, new_value)
        {
            let child = doc.get_mut(key);
            let child_inline = matches!(child, Some(Item::Value(_)));
            if let (Some(child), Some(source_child)) = (
                child.and_then(Item::as_table_like_mut),
                source_item.as_table_like(),
            ) {
                edit_table(child, inline || child_inline, old_t, new_t, source_child);
                continue;
            }
        }
        let mut item = detached(source_item.clone(), !doc.is_empty());
        if inline {
            // An inline table cannot hold a `[header]`: the table goes in as `{ … }` too.
            item = match item.into_value() {
                Ok(value) => Item::Value(value),
                Err(item) => item,
            };
        }
        match (doc.get_mut(key), item) {
            (Some(Item::Value(current)), Item::Value(mut value)) => {
                // The comment after the value (`key = "x"  # why`) and the spacing stay.
                *value.decor_mut() = current.decor().clone();
                *current = value;
            }
            (_, item) => {
                doc.insert(key, item);
            }
        }
    }
}

/// An item from the source text, made ready to go into the user's document: its tables forget
/// their places in the source, so that toml_edit writes them after the table they are put under
/// rather than at the place they had in a file that is not the user's. `after_others`: the table
/// it goes into already holds something, which the item will follow.
fn detached(mut item: Item, after_others: bool) -> Item {
    match &mut item {
        Item::Table(table) => {
            table.set_position(None);
            // The first table of the source text has no blank line before it; put after other
            // tables in the user's file, it should stand apart as they do.
            if after_others && table.decor().prefix().and_then(|p| p.as_str()) == Some("") {
                table.decor_mut().set_prefix("\n");
            }
            // Under a table without a header (`profiles`), the first child table is the first
            // thing written; under one with a header, it follows that header's keys.
            let children_follow = after_others || !table.is_implicit();
            for (_, child) in table.iter_mut() {
                let owned = std::mem::take(child);
                *child = detached(owned, children_follow);
            }
        }
        Item::ArrayOfTables(array) => {
            for table in array.iter_mut() {
                table.set_position(None);
            }
        }
        Item::Value(_) | Item::None => {}
    }
    item
}

fn same_table(a: &toml::Table, b: &toml::Table) -> bool {
    a.len() == b.len()
        && a.iter()
            .all(|(k, v)| b.get(k).is_some_and(|other| same(v, other)))
}

/// Equal as TOML values; a float is its own equal even when it is `nan`, so an unknown `nan`
/// setting does not count as changed on every write.
fn same(a: &toml::Value, b: &toml::Value) -> bool {
    use toml::Value::{Array, Float, Table};
    match (a, b) {
        (Float(x), Float(y)) => x.to_bits() == y.to_bits() || x == y,
        (Table(x), Table(y)) => same_table(x, y),
        (Array(x), Array(y)) => x.len() == y.len() && x.iter().zip(y).all(|(x, y)| same(x, y)),
        _ => a == b,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::profile::{OssSettings, Profile};

    /// A file as a person keeps it: comments everywhere, blank lines, an order that is not
    /// alphabetical, keys and tables alicli does not know.
    const HAND: &str = r#"# My alicli profiles. Do not commit.

[profiles.work]   # the RAM user
region = "cn-shanghai"          # where most of our buckets are
access_key_id = "LTAIwork"
access_key_secret = "work-secret"
future_key = [1, 2, 3]          # a newer alicli's setting

# OSS settings for work
[profiles.work.oss]
endpoint = "oss-cn-shanghai.aliyuncs.com"

[profiles.ci]
# the role CI assumes
role_arn = "acs:ram::1:role/ci"
source_profile = "work"
expiration = "2020-01-01T00:00:00Z"  # renewed by alicli

[team]  # not alicli's at all
owner = 'ops'
"#;

    fn merged(change: impl FnOnce(&mut ConfigFile)) -> String {
        let before = parse(HAND).unwrap();
        let mut after = before.clone();
        change(&mut after);
        let text = merge_into_text(HAND, &before, &after).unwrap();
        let reread = parse(&text).unwrap_or_else(|e| panic!("{e}\n{text}"));
        assert_eq!(reread, after, "the text says what the model says:\n{text}");
        text
    }

    /// The lines of `a` that are not in `b`, and those of `b` that are not in `a`.
    fn line_diff(a: &str, b: &str) -> (Vec<String>, Vec<String>) {
        let only = |x: &str, y: &str| {
            x.lines()
                .filter(|l| !y.lines().any(|o| o == *l))
                .map(str::to_string)
                .collect::<Vec<_>>()
        };
        (only(a, b), only(b, a))
    }

    #[test]
    fn an_unchanged_model_leaves_the_text_byte_for_byte() {
        let text = merged(|_| {});
        assert_eq!(text, HAND);
    }

    #[test]
    fn a_changed_key_is_edited_in_place_and_everything_else_kept() {
        let text = merged(|c| {
            let ci = c.profiles.get_mut("ci").unwrap();
            ci.expiration = Some("2030-05-06T07:08:09Z".into());
        });
        assert_eq!(
            text,
            HAND.replace(
                "expiration = \"2020-01-01T00:00:00Z\"  # renewed by alicli",
                "expiration = \"2030-05-06T07:08:09Z\"  # renewed by alicli"
            )
        );
    }

    #[test]
    fn new_keys_go_to_the_end_of_their_table_in_the_models_order() {
        let text = merged(|c| {
            let ci = c.profiles.get_mut("ci").unwrap();
            ci.access_key_id = Some("STS.new".into());
            ci.security_token = Some("token".into());
        });
        let (gone, added) = line_diff(HAND, &text);
        assert!(gone.is_empty(), "{gone:?}");
        assert_eq!(
            added,
            ["access_key_id = \"STS.new\"", "security_token = \"token\""]
        );
        assert!(
            text.contains(
                "expiration = \"2020-01-01T00:00:00Z\"  # renewed by alicli\n\
                 access_key_id = \"STS.new\"\nsecurity_token = \"token\"\n\n[team]"
            ),
            "{text}"
        );
    }

    #[test]
    fn a_removed_key_and_a_removed_profile_take_only_their_lines() {
        let text = merged(|c| {
            c.profiles.get_mut("work").unwrap().access_key_secret = None;
        });
        let (gone, added) = line_diff(HAND, &text);
        assert_eq!(gone, ["access_key_secret = \"work-secret\""]);
        assert!(added.is_empty(), "{added:?}");

        let text = merged(|c| {
            c.profiles.remove("ci");
        });
        let (gone, added) = line_diff(HAND, &text);
        assert_eq!(
            gone,
            [
                "[profiles.ci]",
                "# the role CI assumes",
                "role_arn = \"acs:ram::1:role/ci\"",
                "source_profile = \"work\"",
                "expiration = \"2020-01-01T00:00:00Z\"  # renewed by alicli",
            ]
        );
        assert!(added.is_empty(), "{added:?}");
        assert!(text.contains("[team]  # not alicli's at all\nowner = 'ops'"));
    }

    #[test]
    fn a_new_profile_is_appended_as_its_own_tables() {
        let text = merged(|c| {
            c.profiles.insert(
                "new".into(),
                Profile {
                    access_key_id: Some("LTAInew".into()),
                    region: Some("cn-beijing".into()),
                    duration_seconds: Some(3600),
                    oss: Some(OssSettings {
                        endpoint: Some("oss-cn-beijing.aliyuncs.com".into()),
                        ..Default::default()
                    }),
                    ..Default::default()
                },
            );
        });
        // After the last profile's tables, before tables that are not profiles.
        assert_eq!(
            text,
            HAND.replace(
                "\n\n[team]",
                "\n\n[profiles.new]\naccess_key_id = \"LTAInew\"\nregion = \"cn-beijing\"\n\
                 duration_seconds = 3600\n\n[profiles.new.oss]\n\
                 endpoint = \"oss-cn-beijing.aliyuncs.com\"\n\n[team]"
            )
        );
    }

    #[test]
    fn a_new_profile_that_sorts_first_still_stands_apart() {
        // The model's first table is written without a blank line before it; in the user's
        // file the new profile follows others and gets one, as `--save-profile` of a name that
        // sorts first (e.g. "ci" beside "default") writes it.
        let text = merged(|c| {
            c.profiles.insert(
                "a0".into(),
                Profile {
                    region: Some("cn-beijing".into()),
                    ..Default::default()
                },
            );
        });
        assert!(
            text.contains("\n\n[profiles.a0]\nregion = \"cn-beijing\"\n"),
            "{text}"
        );
        assert!(!text.contains("\n\n\n"), "{text}");
    }

    #[test]
    fn a_new_oss_table_follows_its_profile() {
        let text = merged(|c| {
            let ci = c.profiles.get_mut("ci").unwrap();
            ci.oss = Some(OssSettings {
                region: Some("cn-beijing".into()),
                ..Default::default()
            });
        });
        assert!(
            text.contains(
                "renewed by alicli\n\n[profiles.ci.oss]\nregion = \"cn-beijing\"\n\n[team]"
            ),
            "{text}"
        );
    }

    #[test]
    fn values_are_escaped_as_toml_wants() {
        let nasty = "say \"hi\"\\ then\nnew line\ttab \u{1} bell \u{7f} 'single'";
        let text = merged(|c| {
            let work = c.profiles.get_mut("work").unwrap();
            work.region = Some(nasty.into());
            work.external_id = Some(nasty.into());
        });
        // Both the edited key and the new one read back as the same string (checked by
        // `merged`), and the edited one kept its comment.
        assert!(text.contains("# where most of our buckets are"), "{text}");
        assert_eq!(
            parse(&text).unwrap().profiles["work"]
                .external_id
                .as_deref(),
            Some(nasty)
        );
        assert!(
            !text.contains('\u{1}') && !text.contains('\u{7f}'),
            "{text:?}"
        );
    }

    #[test]
    fn unknown_keys_and_tables_are_kept_when_their_profile_changes() {
        let text = merged(|c| {
            let work = c.profiles.get_mut("work").unwrap();
            work.region = Some("cn-hangzhou".into());
            work.oss.as_mut().unwrap().endpoint = None;
        });
        assert!(text.contains("future_key = [1, 2, 3]          # a newer alicli's setting"));
        assert!(text.contains("[team]  # not alicli's at all\nowner = 'ops'\n"));
        assert!(text.contains("region = \"cn-hangzhou\"          # where most of our buckets are"));
        assert!(!text.contains("oss-cn-shanghai"), "{text}");
    }

    #[test]
    fn a_new_file_gets_the_header() {
        let mut after = ConfigFile::default();
        after.profiles.insert(
            "default".into(),
            Profile {
                region: Some("cn-hangzhou".into()),
                ..Default::default()
            },
        );
        let text = merge_into_text("", &ConfigFile::default(), &after).unwrap();
        assert_eq!(
            text,
            format!("{HEADER}\n[profiles.default]\nregion = \"cn-hangzhou\"\n")
        );
    }

    #[test]
    fn inline_and_dotted_layouts_are_edited_too() {
        let text = "profiles.a.region = \"x\" # dotted\n\
                    profiles.b = { region = \"y\", oss = { endpoint = \"e\" } } # inline\n";
        let before = parse(text).unwrap();
        let mut after = before.clone();
        after.profiles.get_mut("a").unwrap().region = Some("x2".into());
        let b = after.profiles.get_mut("b").unwrap();
        b.sts_endpoint = Some("s".into());
        b.oss.as_mut().unwrap().region = Some("r".into());
        let out = merge_into_text(text, &before, &after).unwrap();
        assert_eq!(parse(&out).unwrap(), after, "{out}");
        assert!(
            out.contains("# dotted") && out.contains("# inline"),
            "{out}"
        );
    }

    /// The changes the fuzz target makes, on layouts people write: every one reads back as the
    /// model says and keeps the file's comment (so none went through the write-it-all fallback).
    #[test]
    fn odd_layouts_survive_the_fuzz_targets_changes() {
        let seeds = [
            include_str!("../../../fuzz/seeds/profile_file/full.toml"),
            "# only a comment, no newline",
            "# crlf\r\n[profiles.a]\r\nregion = \"x\"\r\n\r\n[profiles.b]\r\nregion = \"y\"\r\n",
            "# dotted\nprofiles.a.region = \"x\"\nprofiles.b.oss.endpoint = \"e\"\n",
            "# inline\nprofiles = { a = { region = \"x\" }, b = { security_token = \"t\" } }\n",
            "# arrays\n[[profiles.a.hooks]]\nrun = \"x\"\n[[profiles.a.hooks]]\nrun = \"y\"\n[profiles.b]\n",
            "# no newline at the end\n[profiles.a]\nregion = 'x'",
            "# implicit parent\n[profiles.a.oss]\nendpoint = \"e\"\n",
        ];
        for text in seeds {
            let before = parse(text).unwrap();
            let mut after = before.clone();
            if let Some(first) = after.profiles.values_mut().next() {
                first.region = Some(format!("{}-x", first.region.clone().unwrap_or_default()));
                first.security_token = None;
            }
            if after.profiles.len() > 1 {
                let last = after.profiles.keys().last().cloned().unwrap();
                after.profiles.remove(&last);
            }
            after.profiles.insert(
                "fuzz-new".into(),
                Profile {
                    access_key_id: Some("STS.\"quoted\"\n\u{1}".into()),
                    duration_seconds: Some(900),
                    ..Default::default()
                },
            );
            let written = merge_into_text(text, &before, &after).unwrap();
            assert_eq!(
                parse(&written).unwrap(),
                after,
                "{text:?} became {written:?}"
            );
            let comment = text.lines().next().unwrap();
            assert!(written.contains(comment), "{text:?} became {written:?}");
        }
    }
}
