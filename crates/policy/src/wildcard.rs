//! Wildcard matching of `Action`, `Resource` and `StringLike` patterns (`*` and `?`), in one
//! place so that evaluation, explanations and the linter agree on what a pattern covers.

/// Wildcard match used for resources (case-sensitive) and, lowercased, for actions. `*` matches
/// any sequence (also empty, also `/`), `?` exactly one character. Iterative, no exponential
/// blow-up on patterns like "a*a*a*a*b".
pub fn wildcard_match(pattern: &str, value: &str) -> bool {
    if pattern == "*" {
        return true;
    }
    let pattern: Vec<char> = pattern.chars().collect();
    let value: Vec<char> = value.chars().collect();
    let (mut p, mut v) = (0, 0);
    // After a mismatch only the most recent `*` needs to absorb one more character: earlier
    // stars could only reach positions the latest one can reach too, which bounds the work
    // by pattern length times value length.
    let mut last_star: Option<(usize, usize)> = None;
    while let Some(&c) = value.get(v) {
        match pattern.get(p) {
            Some('*') => {
                p += 1;
                last_star = Some((p, v));
            }
            Some(&pc) if pc == '?' || pc == c => {
                p += 1;
                v += 1;
            }
            _ => match last_star {
                Some((star_p, star_v)) => {
                    p = star_p;
                    v = star_v + 1;
                    last_star = Some((star_p, v));
                }
                None => return false,
            },
        }
    }
    pattern.iter().skip(p).all(|&c| c == '*')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wildcards() {
        let table: &[(&str, &str, bool)] = &[
            ("*", "", true),
            ("", "", true),
            ("", "a", false),
            ("a*", "a", true),
            ("*a", "ba", true),
            ("a*b*c", "aXXbYYc", true),
            ("a*b*c", "aXXbYY", false),
            ("a?c", "abc", true),
            ("a?c", "ac", false),
            ("??", "é漢", true),
            (
                "acs:oss:*:*:sample-bucket/2015/01/01/*.jpg",
                "acs:oss:*:1:sample-bucket/2015/01/01/x/y.jpg",
                true,
            ),
            ("*.jpg", "x.jpg.png", false),
            ("**", "anything", true),
            ("a*", "A", false),
        ];
        for (pattern, value, expect) in table {
            assert_eq!(
                wildcard_match(pattern, value),
                *expect,
                "{pattern:?} ~ {value:?}"
            );
        }
    }

    #[test]
    fn pathological_wildcard_is_fast() {
        let value = "a".repeat(20_000);
        let pattern = format!("{}b", "a*".repeat(50));
        let start = std::time::Instant::now();
        assert!(!wildcard_match(&pattern, &value));
        assert!(wildcard_match(&format!("{}a", "a*".repeat(50)), &value));
        assert!(start.elapsed() < std::time::Duration::from_secs(2));
    }
}
