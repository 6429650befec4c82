//! The OSS side of a tree: every key under a prefix, page by page (ListObjectsV2, 1000 keys a
//! page, URL-encoded so any key comes through), in the order OSS lists them, which is the order
//! of [`super::local::walk`]. Only one page is held at a time; [`ahead`] fetches the next while
//! the current one is being worked on.

use std::sync::mpsc::{sync_channel, Receiver};

use anyhow::Result;

use crate::error::BadAnswer;
use crate::oss::OssClient;
use alicli_wire::oss::xml::ListedObject;

/// Keys asked for per request: the most OSS gives.
pub const PAGE_SIZE: u32 = 1000;

/// An object of the tree.
#[derive(Debug, Clone)]
pub struct RemoteObject {
    /// The key after the prefix.
    pub relative: String,
    pub key: String,
    pub size: u64,
    /// ISO 8601, as the listing gives it.
    pub last_modified: String,
    pub etag: String,
}

impl RemoteObject {
    pub fn modified(&self) -> Option<std::time::SystemTime> {
        chrono::DateTime::parse_from_rfc3339(&self.last_modified)
            .ok()
            .map(std::time::SystemTime::from)
    }
}

/// Where the next page starts, `None` after the last. A truncated page without a way on, or
/// one that points back where it started, is refused rather than followed forever.
pub fn next_page(truncated: bool, next: &str, current: Option<&str>) -> Result<Option<String>> {
    if !truncated {
        return Ok(None);
    }
    if next.is_empty() || Some(next) == current {
        return Err(BadAnswer(
            "the listing says more pages follow but gives no new place to continue from; OSS never does"
                .into(),
        )
        .into());
    }
    Ok(Some(next.to_string()))
}

/// Every object under `prefix`, a page at a time. A key the server lists outside the prefix is
/// left out (a listing answers only what was asked).
pub fn objects<'a>(
    client: &'a OssClient,
    bucket: &'a str,
    prefix: &'a str,
) -> impl Iterator<Item = Result<Vec<RemoteObject>>> + Send + 'a {
    let mut token: Option<String> = None;
    let mut done = false;
    std::iter::from_fn(move || {
        if done {
            return None;
        }
        if crate::interrupted() {
            done = true;
            return Some(Err(crate::Interrupted.into()));
        }
        let page =
            match client.list_objects_v2_decoded(bucket, prefix, "", token.as_deref(), PAGE_SIZE) {
                Ok(page) => page,
                Err(e) => {
                    done = true;
                    return Some(Err(e));
                }
            };
        match next_page(
            page.is_truncated,
            &page.next_continuation_token,
            token.as_deref(),
        ) {
            Ok(Some(next)) => token = Some(next),
            Ok(None) => done = true,
            Err(e) => {
                done = true;
                return Some(Err(e));
            }
        }
        Some(Ok(page
            .contents
            .into_iter()
            .filter_map(|o| remote_object(o, prefix))
            .collect()))
    })
}

fn remote_object(o: ListedObject, prefix: &str) -> Option<RemoteObject> {
    let relative = o.key.strip_prefix(prefix)?.to_string();
    Some(RemoteObject {
        relative,
        key: o.key,
        size: o.size,
        last_modified: o.last_modified,
        etag: o.etag.trim_matches('"').to_string(),
    })
}

/// Runs `items` on a thread of `scope`, `depth` items ahead of the consumer: listing the next
/// page (or walking the next folder) overlaps the work on the current one.
pub fn ahead<'scope, T: Send + 'scope>(
    scope: &'scope std::thread::Scope<'scope, '_>,
    items: impl Iterator<Item = T> + Send + 'scope,
    depth: usize,
) -> Receiver<T> {
    let (tx, rx) = sync_channel(depth);
    scope.spawn(move || {
        for item in items {
            if tx.send(item).is_err() {
                return;
            }
        }
    });
    rx
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paging_stops_on_a_server_that_goes_round_in_circles() {
        assert_eq!(next_page(false, "x", None).unwrap(), None);
        assert_eq!(
            next_page(true, "t2", Some("t1")).unwrap().as_deref(),
            Some("t2")
        );
        assert!(next_page(true, "", Some("t1")).is_err());
        assert!(next_page(true, "t1", Some("t1")).is_err());
    }

    #[test]
    fn keys_outside_the_prefix_are_left_out() {
        let o = |key: &str| ListedObject {
            key: key.into(),
            etag: "\"E\"".into(),
            ..Default::default()
        };
        assert_eq!(remote_object(o("p/a"), "p/").unwrap().relative, "a");
        assert_eq!(remote_object(o("p/a"), "p/").unwrap().etag, "E");
        assert!(remote_object(o("q/a"), "p/").is_none());
    }
}
