//! CPython's `_CookiePattern`, the regular expression `BaseCookie.load`
//! reads a cookie text with, as a hand-written matcher that takes the same
//! choices a backtracking regex engine takes (the key is matched lazily,
//! the value's alternatives are tried in order), so that odd texts split
//! exactly as in Python:
//!
//! ```text
//! \s* (?P<key>[KEY]+?) ( \s*=\s* (?P<val> "(?:[^\\"]|\\.)*"
//!                                      | \w{3},\s[\w\d\s-]{9,11}\s[\d:]{8}\sGMT
//!                                      | [VALUE]* ) )? \s* (\s+|;|$)
//! ```
//!
//! with `re.ASCII`: `\s` is `[ \t\n\r\f\v]`, `\w` is `[A-Za-z0-9_]`. Every
//! character the pattern names is ASCII, so it runs on bytes.

/// One match: the key, the value if the `=` group matched, where it ended.
#[derive(Debug, PartialEq, Eq)]
pub(super) struct Match<'a> {
    pub key: &'a str,
    pub val: Option<&'a str>,
    pub end: usize,
}

fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | b'\x0c' | b'\x0b')
}

fn is_word(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

/// `_LegalKeyChars`: `\w\d!#%&'~_`><@,:/\$\*\+\-\.\^\|\)\(\?\}\{\=`.
fn is_key_char(b: u8) -> bool {
    is_word(b) || b"!#%&'~`><@,:/$*+-.^|)(?}{=".contains(&b)
}

/// `_LegalValueChars`: the key characters and `[`, `]`.
fn is_value_char(b: u8) -> bool {
    is_key_char(b) || b == b'[' || b == b']'
}

fn spaces(s: &[u8], mut p: usize) -> usize {
    while p < s.len() && is_space(s[p]) {
        p += 1;
    }
    p
}

/// `\s*(\s+|;|$)` at `p`: where the match ends, if it does. The greedy `\s*`
/// takes every space; when neither `;` nor the end follows, it gives one
/// back to `\s+`.
fn tail(s: &[u8], p: usize) -> Option<usize> {
    let q = spaces(s, p);
    if s.get(q) == Some(&b';') {
        Some(q + 1)
    } else if q == s.len() || q > p {
        // `$` also matches before a final `\n`, but `\s*` has taken it.
        Some(q)
    } else {
        None
    }
}

/// `"(?:[^\\"]|\\.)*"` at `p`: the end of the quoted string. Only the first
/// `"` met between whole items can close it, so there is one candidate.
fn quoted(s: &[u8], p: usize) -> Option<usize> {
    if s.get(p) != Some(&b'"') {
        return None;
    }
    let mut i = p + 1;
    loop {
        match s.get(i)? {
            b'"' => return Some(i + 1),
            // `.` is any character but a newline.
            b'\\' => match s.get(i + 1) {
                Some(b'\n') | None => return None,
                Some(_) => i += 2,
            },
            _ => i += 1,
        }
    }
}

/// `\w{3},\s[\w\d\s-]{9,11}\s[\d:]{8}\sGMT` at `p`: every end the
/// backtracking engine would try, in its order (the `{9,11}` greedy).
fn expires(s: &[u8], p: usize) -> impl Iterator<Item = usize> + '_ {
    let head = s.len() >= p + 5
        && s[p..p + 3].iter().all(|&b| is_word(b))
        && s[p + 3] == b','
        && is_space(s[p + 4]);
    let start = p + 5;
    (9..=11).rev().filter_map(move |n| {
        let mid = start + n;
        let end = mid + 1 + 8 + 1 + 3;
        let ok = head
            && s.len() >= end
            && s[start..mid]
                .iter()
                .all(|&b| is_word(b) || is_space(b) || b == b'-')
            && is_space(s[mid])
            && s[mid + 1..mid + 9]
                .iter()
                .all(|&b| b.is_ascii_digit() || b == b':')
            && is_space(s[mid + 9])
            && &s[mid + 10..end] == b"GMT";
        ok.then_some(end)
    })
}

/// The value group at `q` (after `=` and its spaces): the value's end and
/// the whole match's end, for the first alternative the tail accepts.
fn value(s: &[u8], q: usize) -> Option<(usize, usize)> {
    if let Some(v) = quoted(s, q)
        && let Some(end) = tail(s, v)
    {
        return Some((v, end));
    }
    for v in expires(s, q) {
        if let Some(end) = tail(s, v) {
            return Some((v, end));
        }
    }
    // `[VALUE]*` greedy: shorter runs end before a value character, which
    // the tail never accepts, so only the longest run can match.
    let mut v = q;
    while v < s.len() && is_value_char(s[v]) {
        v += 1;
    }
    tail(s, v).map(|end| (v, end))
}

/// `_CookiePattern.match(text, pos)`.
pub(super) fn match_at(text: &str, pos: usize) -> Option<Match<'_>> {
    let s = text.as_bytes();
    let start = spaces(s, pos);
    let mut key_end = start;
    // The lazy key: the shortest run of key characters after which the rest matches.
    while key_end < s.len() && is_key_char(s[key_end]) {
        key_end += 1;
        let eq = spaces(s, key_end);
        if s.get(eq) == Some(&b'=') {
            let after = spaces(s, eq + 1);
            // `\s*` after `=` is greedy: all spaces first, then fewer; with
            // fewer, the value starts at a space, so it is empty.
            let found = value(s, after).or_else(|| {
                (after > eq + 1)
                    .then(|| tail(s, after - 1).map(|end| (after - 1, end)))
                    .flatten()
            });
            if let Some((v_end, end)) = found {
                let v_start = if v_end < after { v_end } else { after };
                return Some(Match {
                    key: &text[start..key_end],
                    val: Some(&text[v_start..v_end]),
                    end,
                });
            }
        }
        if let Some(end) = tail(s, key_end) {
            return Some(Match {
                key: &text[start..key_end],
                val: None,
                end,
            });
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all(text: &str) -> Vec<(&str, Option<&str>)> {
        let mut out = Vec::new();
        let mut i = 0;
        while i < text.len() {
            let Some(m) = match_at(text, i) else { break };
            out.push((m.key, m.val));
            i = m.end;
        }
        out
    }

    // Expected values from CPython 3.13.0's _CookiePattern.
    #[test]
    fn splits_like_python() {
        assert_eq!(all("a=b; c=d"), [("a", Some("b")), ("c", Some("d"))]);
        assert_eq!(all("a=b c=d"), [("a", Some("b")), ("c", Some("d"))]);
        assert_eq!(all("a= \"b"), [("a", Some(""))]);
        assert_eq!(all("a==b"), [("a", Some("=b"))]);
        assert_eq!(all("a=b\"c"), []);
        assert_eq!(
            all("a=b; expires=Wed, 09 Jun 2021 10:18:14 GMT; Path=/"),
            [
                ("a", Some("b")),
                ("expires", Some("Wed, 09 Jun 2021 10:18:14 GMT")),
                ("Path", Some("/"))
            ]
        );
        assert_eq!(
            all("a=\"x y\";Secure"),
            [("a", Some("\"x y\"")), ("Secure", None)]
        );
    }
}
