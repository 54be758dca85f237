//! Python's `repr()` of `str` and `bytes`, shared by the `Debug` impls that
//! must read like CPython's (`IPv6Address('fe80::1%eth0')`,
//! `ParseResult(scheme='http', …)`).

use std::fmt::Write;

mod nonprintable;

/// `repr(s)` for a Python `str`: single quotes unless the text holds a `'`
/// and no `"`, with CPython's escapes for non-printable characters.
pub(crate) fn str_repr(s: &str) -> String {
    let quote = if s.contains('\'') && !s.contains('"') {
        '"'
    } else {
        '\''
    };
    let mut out = String::with_capacity(s.len() + 2);
    out.push(quote);
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c == quote => {
                out.push('\\');
                out.push(c);
            }
            c if is_printable(c) => out.push(c),
            c => {
                let n = c as u32;
                // Writing to a String cannot fail.
                let _ = if n < 0x100 {
                    write!(out, "\\x{n:02x}")
                } else if n < 0x10000 {
                    write!(out, "\\u{n:04x}")
                } else {
                    write!(out, "\\U{n:08x}")
                };
            }
        }
    }
    out.push(quote);
    out
}

/// `repr(b)` for Python `bytes`: `b'...'` with printable ASCII kept.
pub(crate) fn bytes_repr(b: &[u8]) -> String {
    let quote = if b.contains(&b'\'') && !b.contains(&b'"') {
        b'"'
    } else {
        b'\''
    };
    let mut out = String::with_capacity(b.len() + 3);
    out.push('b');
    out.push(quote as char);
    for &c in b {
        match c {
            b'\\' => out.push_str("\\\\"),
            b'\n' => out.push_str("\\n"),
            b'\r' => out.push_str("\\r"),
            b'\t' => out.push_str("\\t"),
            c if c == quote => {
                out.push('\\');
                out.push(c as char);
            }
            0x20..=0x7e => out.push(c as char),
            c => {
                let _ = write!(out, "\\x{c:02x}");
            }
        }
    }
    out.push(quote as char);
    out
}

/// CPython 3.13's `str.isprintable()` for one character, from the Unicode
/// 15.1 table CPython itself uses (Rust's std has no category table, and its
/// own Unicode version differs).
fn is_printable(c: char) -> bool {
    let n = c as u32;
    // Printable ASCII, most of what is printed, without the table search.
    if (0x20..0x7f).contains(&n) {
        return true;
    }
    !in_ranges(nonprintable::NON_PRINTABLE, n)
}

/// Whether `n` lies in one of `table`'s sorted, disjoint inclusive ranges:
/// the lookup behind the Unicode tables generated from CPython.
pub(crate) fn in_ranges(table: &[(u32, u32)], n: u32) -> bool {
    table
        .binary_search_by(|&(lo, hi)| {
            if hi < n {
                std::cmp::Ordering::Less
            } else if lo > n {
                std::cmp::Ordering::Greater
            } else {
                std::cmp::Ordering::Equal
            }
        })
        .is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_like_python() {
        assert_eq!(str_repr("abc"), "'abc'");
        assert_eq!(str_repr("a'b"), "\"a'b\"");
        assert_eq!(str_repr("a'b\""), "'a\\'b\"'");
        assert_eq!(str_repr("\x00\n\u{7f}é\u{200b}"), "'\\x00\\n\\x7fé\\u200b'");
        assert_eq!(bytes_repr(b"\xc0\xa8\x00\x0f"), "b'\\xc0\\xa8\\x00\\x0f'");
        assert_eq!(bytes_repr(b"ab'"), "b\"ab'\"");
        // Unassigned (U+0378), private use (U+E000), Zs (U+3000), Cf (U+200B).
        assert_eq!(
            str_repr("\u{378}\u{e000}\u{3000}\u{200b} \u{ac00}"),
            "'\\u0378\\ue000\\u3000\\u200b \u{ac00}'"
        );
        assert_eq!(str_repr("\u{10ffff}\u{1f600}"), "'\\U0010ffff\u{1f600}'");
    }
}
