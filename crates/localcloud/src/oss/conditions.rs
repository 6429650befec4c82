//! Conditional and ranged reads, as OSS documents them for GetObject and HeadObject:
//! `If-Match`, `If-None-Match`, `If-Modified-Since`, `If-Unmodified-Since` (304 Not Modified or
//! 412 PreconditionFailed), and one `Range: bytes=…` with the two behaviours OSS has for a range it
//! cannot serve (ignored by default, `416 InvalidRange` under `x-oss-range-behavior: standard`).
//!
//! Kept apart from the HTTP plumbing so the rules can be tested on their own.

use axum::http::HeaderMap;
use chrono::{DateTime, NaiveDateTime, Utc};

/// What the precondition headers say about a read of an object.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Precondition {
    Proceed,
    /// 304: the client's copy is current (If-None-Match matched, or not modified since).
    NotModified,
    /// 412, naming the header that failed.
    Failed(&'static str),
}

/// An HTTP date in any of the three forms HTTP/1.1 allows (RFC 9110 §5.6.7): IMF-fixdate
/// (`Sun, 06 Nov 1994 08:49:37 GMT`), RFC 850 (`Sunday, 06-Nov-94 08:49:37 GMT`) and asctime
/// (`Sun Nov  6 08:49:37 1994`). Anything else is `None`, which makes the condition ignored, as
/// OSS ignores an If-Modified-Since it cannot read.
pub(crate) fn parse_http_date(text: &str) -> Option<DateTime<Utc>> {
    let text = text.trim();
    if let Ok(t) = DateTime::parse_from_rfc2822(text) {
        return Some(t.with_timezone(&Utc));
    }
    if let Ok(t) = NaiveDateTime::parse_from_str(text, "%A, %d-%b-%y %H:%M:%S GMT") {
        return Some(t.and_utc());
    }
    // asctime pads a one-digit day with a space; collapsing runs of spaces lets one format do.
    let collapsed = text.split_whitespace().collect::<Vec<_>>().join(" ");
    NaiveDateTime::parse_from_str(&collapsed, "%a %b %e %H:%M:%S %Y")
        .ok()
        .map(|t| t.and_utc())
}

/// Every value of a header, joined as one list would be on the wire (a client may send the
/// header twice).
fn joined(headers: &HeaderMap, name: &str) -> Option<String> {
    let values: Vec<&str> = headers
        .get_all(name)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .collect();
    (!values.is_empty()).then(|| values.join(","))
}

/// Whether a list of entity tags (`"A", W/"B"`, `*`, or a bare `A`) names `etag`. OSS ETags carry
/// no weak form, so `W/` is dropped; quotes are optional because SDKs pass ETags both ways.
fn etag_listed(list: &str, etag: &str) -> bool {
    list.split(',').map(str::trim).any(|item| {
        let item = item.strip_prefix("W/").unwrap_or(item);
        item == "*" || item.trim_matches('"') == etag
    })
}

/// Evaluates the precondition headers in the order of RFC 9110 §13.2.2, which is also what the
/// OSS docs describe for each header alone: If-Match, else If-Unmodified-Since (412 when they
/// fail); then If-None-Match, else If-Modified-Since (304 when they fail). Dates compare at the
/// whole second, the resolution of Last-Modified.
pub(crate) fn evaluate(headers: &HeaderMap, etag: &str, last_modified: &str) -> Precondition {
    let modified = parse_http_date(last_modified);
    let date = |name: &str| joined(headers, name).and_then(|v| parse_http_date(&v));
    if let Some(list) = joined(headers, "if-match") {
        if !etag_listed(&list, etag) {
            return Precondition::Failed("If-Match");
        }
    } else if let (Some(since), Some(modified)) = (date("if-unmodified-since"), modified) {
        if modified > since {
            return Precondition::Failed("If-Unmodified-Since");
        }
    }
    if let Some(list) = joined(headers, "if-none-match") {
        if etag_listed(&list, etag) {
            return Precondition::NotModified;
        }
    } else if let (Some(since), Some(modified)) = (date("if-modified-since"), modified) {
        if modified <= since {
            return Precondition::NotModified;
        }
    }
    Precondition::Proceed
}

/// What to send for a `Range` header.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum RangeAnswer {
    /// 200 with the whole object: no range, or one OSS ignores.
    Whole,
    /// 206 with bytes `first..=last`.
    Part(u64, u64),
    /// 416 InvalidRange.
    Unsatisfiable,
}

/// A single `bytes=` range over `size` bytes (`a-b`, `a-`, `-n`), as OSS serves it.
///
/// With `standard` (`x-oss-range-behavior: standard`) it follows RFC 9110: an end past the object
/// is cut to the last byte, a start at or past the end (or an empty suffix) is 416. Without it
/// OSS's documented default applies: a range it cannot serve exactly (end past the object, suffix
/// longer than it) is ignored and the whole object is sent with 200.
///
/// One exception to that default: a start at or past the end stays 416 InvalidRange, as the local
/// cloud has always answered it and as alicli's test suite expects (tests/it/oss_api.rs); the OSS
/// documentation says the real service sends the whole object instead, so a client that wants the
/// same answer from both should send `x-oss-range-behavior: standard`.
///
/// Text that is not one well-formed range (another unit, several ranges, `b < a`) is ignored in
/// both behaviours, as HTTP says a server may.
pub(crate) fn resolve_range(value: &str, size: u64, standard: bool) -> RangeAnswer {
    let Some(spec) = value.trim().strip_prefix("bytes=") else {
        return RangeAnswer::Whole;
    };
    if spec.contains(',') {
        return RangeAnswer::Whole;
    }
    let Some((a, b)) = spec.split_once('-') else {
        return RangeAnswer::Whole;
    };
    let (a, b) = (a.trim(), b.trim());
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|c| c.is_ascii_digit());
    let number = |s: &str| s.parse::<u64>().ok();
    match (digits(a), digits(b), b.is_empty(), a.is_empty()) {
        // a-b and a-
        (true, true, _, _) | (true, false, true, _) => {
            let (Some(first), last) = (number(a), if b.is_empty() { None } else { number(b) })
            else {
                return RangeAnswer::Whole;
            };
            if let Some(last) = last {
                if last < first {
                    return RangeAnswer::Whole;
                }
            }
            if first >= size {
                return RangeAnswer::Unsatisfiable;
            }
            match last {
                Some(last) if last >= size && !standard => RangeAnswer::Whole,
                Some(last) => RangeAnswer::Part(first, last.min(size - 1)),
                None => RangeAnswer::Part(first, size - 1),
            }
        }
        // -n: the last n bytes
        (false, true, _, true) => {
            let Some(n) = number(b) else {
                return RangeAnswer::Whole;
            };
            if n == 0 || size == 0 {
                return if standard {
                    RangeAnswer::Unsatisfiable
                } else {
                    RangeAnswer::Whole
                };
            }
            if n > size && !standard {
                return RangeAnswer::Whole;
            }
            RangeAnswer::Part(size - n.min(size), size - 1)
        }
        _ => RangeAnswer::Whole,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&str, &str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (k, v) in pairs {
            h.append(
                axum::http::HeaderName::from_bytes(k.as_bytes()).unwrap(),
                v.parse().unwrap(),
            );
        }
        h
    }

    const ETAG: &str = "5EB63BBBE01EEED093CB22BB8F5ACDC3";
    const MODIFIED: &str = "Fri, 13 Nov 2015 14:47:53 GMT";

    fn eval(pairs: &[(&str, &str)]) -> Precondition {
        evaluate(&headers(pairs), ETAG, MODIFIED)
    }

    #[test]
    fn http_dates_in_all_three_forms() {
        let want = parse_http_date(MODIFIED).unwrap();
        assert_eq!(
            parse_http_date("Friday, 13-Nov-15 14:47:53 GMT"),
            Some(want)
        );
        assert_eq!(parse_http_date("Fri Nov 13 14:47:53 2015"), Some(want));
        assert_eq!(
            parse_http_date("Sun Nov  6 08:49:37 1994"),
            parse_http_date("Sun, 06 Nov 1994 08:49:37 GMT")
        );
        assert_eq!(parse_http_date("yesterday"), None);
    }

    #[test]
    fn if_match_and_if_none_match_with_or_without_quotes() {
        use Precondition::*;
        assert_eq!(eval(&[("if-match", &format!("\"{ETAG}\""))]), Proceed);
        assert_eq!(eval(&[("if-match", ETAG)]), Proceed);
        assert_eq!(eval(&[("if-match", "*")]), Proceed);
        assert_eq!(eval(&[("if-match", "\"X\", \"Y\"")]), Failed("If-Match"));
        assert_eq!(
            eval(&[("if-match", &format!("\"X\", \"{ETAG}\""))]),
            Proceed
        );
        // ETags compare exactly: OSS writes them in upper case.
        assert_eq!(
            eval(&[("if-match", &ETAG.to_lowercase())]),
            Failed("If-Match")
        );
        assert_eq!(
            eval(&[("if-none-match", &format!("\"{ETAG}\""))]),
            NotModified
        );
        assert_eq!(eval(&[("if-none-match", "*")]), NotModified);
        assert_eq!(eval(&[("if-none-match", "\"other\"")]), Proceed);
    }

    #[test]
    fn dates_compare_to_the_second() {
        use Precondition::*;
        let before = "Fri, 13 Nov 2015 14:47:52 GMT";
        let after = "Fri, 13 Nov 2015 14:47:54 GMT";
        assert_eq!(eval(&[("if-modified-since", MODIFIED)]), NotModified);
        assert_eq!(eval(&[("if-modified-since", after)]), NotModified);
        assert_eq!(eval(&[("if-modified-since", before)]), Proceed);
        assert_eq!(eval(&[("if-modified-since", "garbage")]), Proceed);
        assert_eq!(eval(&[("if-unmodified-since", MODIFIED)]), Proceed);
        assert_eq!(eval(&[("if-unmodified-since", after)]), Proceed);
        assert_eq!(
            eval(&[("if-unmodified-since", before)]),
            Failed("If-Unmodified-Since")
        );
    }

    #[test]
    fn precedence_follows_http() {
        use Precondition::*;
        let before = "Fri, 13 Nov 2015 14:47:52 GMT";
        // If-Match decides alone; If-Unmodified-Since is not looked at.
        assert_eq!(
            eval(&[("if-match", ETAG), ("if-unmodified-since", before)]),
            Proceed
        );
        // If-None-Match decides alone; If-Modified-Since is not looked at.
        assert_eq!(
            eval(&[
                ("if-none-match", "\"other\""),
                ("if-modified-since", MODIFIED)
            ]),
            Proceed
        );
        assert_eq!(
            eval(&[("if-none-match", ETAG), ("if-modified-since", before)]),
            NotModified
        );
        // 412 wins over 304.
        assert_eq!(
            eval(&[("if-match", "\"other\""), ("if-none-match", ETAG)]),
            Failed("If-Match")
        );
    }

    #[test]
    fn ranges_by_default() {
        use RangeAnswer::*;
        let r = |v: &str| resolve_range(v, 100, false);
        assert_eq!(r("bytes=0-9"), Part(0, 9));
        assert_eq!(r("bytes=90-"), Part(90, 99));
        assert_eq!(r("bytes=-10"), Part(90, 99));
        assert_eq!(r("bytes=0-99"), Part(0, 99));
        assert_eq!(r("bytes=-100"), Part(0, 99));
        // What OSS cannot serve exactly, it ignores.
        assert_eq!(r("bytes=95-200"), Whole);
        assert_eq!(r("bytes=-200"), Whole);
        assert_eq!(r("bytes=-0"), Whole);
        // Malformed: ignored.
        assert_eq!(r("bytes=9-0"), Whole);
        assert_eq!(r("items=0-1"), Whole);
        assert_eq!(r("bytes=0-1,3-4"), Whole);
        assert_eq!(r("bytes=a-b"), Whole);
        assert_eq!(r("bytes=-"), Whole);
        assert_eq!(r("bytes=+1-2"), Whole);
        // The one kept exception (see resolve_range).
        assert_eq!(r("bytes=100-"), Unsatisfiable);
        assert_eq!(r("bytes=100-101"), Unsatisfiable);
    }

    #[test]
    fn ranges_with_standard_behaviour() {
        use RangeAnswer::*;
        let r = |v: &str| resolve_range(v, 100, true);
        assert_eq!(r("bytes=0-9"), Part(0, 9));
        assert_eq!(r("bytes=95-200"), Part(95, 99));
        assert_eq!(r("bytes=-200"), Part(0, 99));
        assert_eq!(r("bytes=100-"), Unsatisfiable);
        assert_eq!(r("bytes=100-200"), Unsatisfiable);
        assert_eq!(r("bytes=-0"), Unsatisfiable);
        assert_eq!(r("bytes=9-0"), Whole);
        assert_eq!(resolve_range("bytes=0-", 0, true), Unsatisfiable);
        assert_eq!(resolve_range("bytes=-5", 0, true), Unsatisfiable);
        assert_eq!(resolve_range("bytes=-5", 0, false), Whole);
    }
}
