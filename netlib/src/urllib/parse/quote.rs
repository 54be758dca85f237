//! Percent-encoding (`quote`) and decoding (`unquote`).

use std::fmt::Write;

/// Python's `_ALWAYS_SAFE`: [RFC 3986](https://www.rfc-editor.org/rfc/rfc3986)'s unreserved characters.
fn always_safe(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'_' | b'.' | b'-' | b'~')
}

/// Replace every byte of `s`'s UTF-8 form that is neither unreserved
/// (`A-Z a-z 0-9 _ . - ~`) nor `/` by `%XX`, as Python's `quote(s)`.
///
/// ```
/// use netlib::urllib::parse::quote;
/// // Python: quote('/El Niño/')  ->  '/El%20Ni%C3%B1o/'
/// assert_eq!(quote("/El Niño/"), "/El%20Ni%C3%B1o/");
/// ```
pub fn quote(s: &str) -> String {
    quote_with(s, "/")
}

/// `quote(s, safe)`: the ASCII characters of `safe` are kept as well
/// (Python ignores non-ASCII ones). `quote_with(s, "")` also encodes `/`.
///
/// ```
/// use netlib::urllib::parse::quote_with;
/// // Python: quote('a/b c?d', safe='')  ->  'a%2Fb%20c%3Fd'
/// assert_eq!(quote_with("a/b c?d", ""), "a%2Fb%20c%3Fd");
/// // Python: quote('a/b c?d', safe='?/ ')  ->  'a/b c?d'
/// assert_eq!(quote_with("a/b c?d", "?/ "), "a/b c?d");
/// ```
#[doc(alias = "quote")]
pub fn quote_with(s: &str, safe: &str) -> String {
    quote_from_bytes_with(s.as_bytes(), safe)
}

/// Python's `quote_from_bytes(bs)`: [`quote`] for bytes that need not be
/// UTF-8.
///
/// ```
/// use netlib::urllib::parse::quote_from_bytes;
/// // Python: quote_from_bytes(b'abc def\x3f\xff')  ->  'abc%20def%3F%FF'
/// assert_eq!(quote_from_bytes(b"abc def\x3f\xff"), "abc%20def%3F%FF");
/// ```
pub fn quote_from_bytes(bs: &[u8]) -> String {
    quote_from_bytes_with(bs, "/")
}

/// Python's `quote_from_bytes(bs, safe)`.
///
/// ```
/// use netlib::urllib::parse::quote_from_bytes_with;
/// // Python: quote_from_bytes(b'a/b', safe='')  ->  'a%2Fb'
/// assert_eq!(quote_from_bytes_with(b"a/b", ""), "a%2Fb");
/// ```
#[doc(alias = "quote_from_bytes")]
pub fn quote_from_bytes_with(bs: &[u8], safe: &str) -> String {
    let mut out = String::with_capacity(bs.len());
    for &b in bs {
        if b.is_ascii() && (always_safe(b) || safe.as_bytes().contains(&b)) {
            out.push(char::from(b));
        } else {
            // Writing to a String cannot fail.
            let _ = write!(out, "%{b:02X}");
        }
    }
    out
}

/// Python's `quote_plus(s)`: like [`quote_with`] with `safe=''`, and spaces
/// become `+` (HTML form encoding).
///
/// ```
/// use netlib::urllib::parse::quote_plus;
/// // Python: quote_plus('a b&c=d/e+f')  ->  'a+b%26c%3Dd%2Fe%2Bf'
/// assert_eq!(quote_plus("a b&c=d/e+f"), "a+b%26c%3Dd%2Fe%2Bf");
/// ```
pub fn quote_plus(s: &str) -> String {
    quote_plus_with(s, "")
}

/// Python's `quote_plus(s, safe)`.
///
/// ```
/// use netlib::urllib::parse::quote_plus_with;
/// // Python: quote_plus('/a b/', safe='/')  ->  '/a+b/'
/// assert_eq!(quote_plus_with("/a b/", "/"), "/a+b/");
/// ```
#[doc(alias = "quote_plus")]
pub fn quote_plus_with(s: &str, safe: &str) -> String {
    if !s.contains(' ') {
        return quote_with(s, safe);
    }
    let safe = format!("{safe} ");
    quote_with(s, &safe).replace(' ', "+")
}

fn hex_value(b: u8) -> Option<u8> {
    match b {
        b'0'..=b'9' => Some(b - b'0'),
        b'a'..=b'f' => Some(b - b'a' + 10),
        b'A'..=b'F' => Some(b - b'A' + 10),
        _ => None,
    }
}

/// Python's `unquote_to_bytes(s)`: decode every `%XX`; a `%` not followed
/// by two hex digits stays as it is.
///
/// ```
/// use netlib::urllib::parse::unquote_to_bytes;
/// // Python: unquote_to_bytes('abc%20def%ff%zz')  ->  b'abc def\xff%zz'
/// assert_eq!(unquote_to_bytes("abc%20def%ff%zz"), b"abc def\xff%zz");
/// ```
pub fn unquote_to_bytes(s: &str) -> Vec<u8> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b == b'%' {
            let hi = bytes.get(i + 1).copied().and_then(hex_value);
            let lo = bytes.get(i + 2).copied().and_then(hex_value);
            if let (Some(hi), Some(lo)) = (hi, lo) {
                out.push(hi << 4 | lo);
                i += 3;
                continue;
            }
        }
        out.push(b);
        i += 1;
    }
    out
}

/// Replace `%XX` escapes by the characters they encode in UTF-8, as
/// Python's `unquote(s)`: invalid UTF-8 becomes U+FFFD, a `%` without two
/// hex digits stays, and escapes are decoded only within runs of ASCII text
/// (a non-ASCII character between two escapes keeps them apart).
///
/// ```
/// use netlib::urllib::parse::unquote;
/// // Python: unquote('/El%20Ni%C3%B1o/')  ->  '/El Niño/'
/// assert_eq!(unquote("/El%20Ni%C3%B1o/"), "/El Niño/");
/// // Python: unquote('%C3%28 100%')  ->  '\ufffd( 100%'
/// assert_eq!(unquote("%C3%28 100%"), "\u{fffd}( 100%");
/// ```
pub fn unquote(s: &str) -> String {
    if !s.contains('%') {
        return s.to_owned();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while !rest.is_empty() {
        let ascii_len = rest.find(|c: char| !c.is_ascii()).unwrap_or(rest.len());
        let (ascii, tail) = rest.split_at(ascii_len);
        out.push_str(&String::from_utf8_lossy(&unquote_to_bytes(ascii)));
        let other_len = tail.find(|c: char| c.is_ascii()).unwrap_or(tail.len());
        let (other, tail) = tail.split_at(other_len);
        out.push_str(other);
        rest = tail;
    }
    out
}

/// Python's `unquote_plus(s)`: `+` means a space, then [`unquote`].
///
/// ```
/// use netlib::urllib::parse::unquote_plus;
/// // Python: unquote_plus('%7e/abc+def')  ->  '~/abc def'
/// assert_eq!(unquote_plus("%7e/abc+def"), "~/abc def");
/// ```
pub fn unquote_plus(s: &str) -> String {
    unquote(&s.replace('+', " "))
}
