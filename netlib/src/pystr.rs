//! Python 3.13's `str` methods where Rust's differ: `strip()`, `lower()`,
//! `isdigit()`, `int()` and `splitlines()`, from CPython's Unicode 15.1
//! tables (Rust's `trim` knows no `\x1c`–`\x1f`, its `is_numeric` is wider
//! than `isdigit`, and its tables are of a newer Unicode).

use crate::repr::{in_ranges, str_repr};

mod tables;
mod unassigned;

/// CPython's limit on the digits `int()` converts (`sys.get_int_max_str_digits()`).
const INT_MAX_STR_DIGITS: usize = 4300;

/// `c.isspace()`.
pub(crate) fn is_space(c: char) -> bool {
    in_ranges(tables::SPACE, c as u32)
}

/// `s.strip()`.
pub(crate) fn strip(s: &str) -> &str {
    s.trim_matches(is_space)
}

/// `s.isdigit()`: not empty, and every character a digit (`'²'` and `'٣'` are).
pub(crate) fn is_digit(s: &str) -> bool {
    !s.is_empty() && s.chars().all(|c| in_ranges(tables::DIGIT, c as u32))
}

/// The value of a decimal digit (Unicode category Nd), as `int()` reads it.
fn decimal_value(c: char) -> Option<u32> {
    let n = c as u32;
    let i = tables::DECIMAL.partition_point(|&(_, hi)| hi < n);
    match tables::DECIMAL.get(i) {
        Some(&(lo, hi)) if lo <= n && n <= hi => Some((n - lo) % 10),
        _ => None,
    }
}

/// Python's `int(s)` for a text made of whitespace and digits (what
/// `robotparser` passes after `isdigit()`): `Ok(None)` when the number is
/// above `u64::MAX` (Python's `int` has no limit; see the callers), `Err`
/// with Python's `ValueError` text otherwise.
pub(crate) fn int(s: &str) -> Result<Option<u64>, String> {
    let digits = strip(s);
    let invalid = || format!("invalid literal for int() with base 10: {}", repr_200(s));
    let mut value: Option<u64> = Some(0);
    let mut count = 0;
    for c in digits.chars() {
        let d = decimal_value(c).ok_or_else(invalid)?;
        count += 1;
        value = value
            .and_then(|v| v.checked_mul(10))
            .and_then(|v| v.checked_add(u64::from(d)));
    }
    if count == 0 {
        return Err(invalid());
    }
    if count > INT_MAX_STR_DIGITS {
        return Err(format!(
            "Exceeds the limit ({INT_MAX_STR_DIGITS} digits) for integer string conversion: \
             value has {count} digits; use sys.set_int_max_str_digits() to increase the limit"
        ));
    }
    Ok(value)
}

/// `%.200R`: CPython's error messages cut a repr to 200 characters.
fn repr_200(s: &str) -> String {
    str_repr(s).chars().take(200).collect()
}

/// `s.lower()` of CPython 3.13. Rust's `to_lowercase` follows a newer
/// Unicode than CPython 3.13's 15.1; the only mappings that differ are those
/// of letters 15.1 does not assign, which Python leaves alone and which,
/// being neither cased nor case-ignorable there, end the context of a final
/// sigma. So: lower-case the runs between such characters, keep them.
pub(crate) fn lower(s: &str) -> String {
    if s.is_ascii() {
        return s.to_ascii_lowercase();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find(is_unassigned_in_python) {
        let (run, tail) = rest.split_at(i);
        out.push_str(&run.to_lowercase());
        let mut chars = tail.chars();
        if let Some(c) = chars.next() {
            out.push(c);
        }
        rest = chars.as_str();
    }
    out.push_str(&rest.to_lowercase());
    out
}

fn is_unassigned_in_python(c: char) -> bool {
    in_ranges(unassigned::UNASSIGNED, c as u32)
}

/// `s.splitlines()`: lines end at `\n`, `\r`, `\r\n`, `\v`, `\f`,
/// `\x1c`–`\x1e`, `\x85`, U+2028 and U+2029; the ends are dropped.
pub(crate) fn splitlines(s: &str) -> Vec<&str> {
    let mut lines = Vec::new();
    let mut start = 0;
    let mut chars = s.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let breaks = matches!(
            c,
            '\n' | '\r'
                | '\x0b'
                | '\x0c'
                | '\x1c'
                | '\x1d'
                | '\x1e'
                | '\u{85}'
                | '\u{2028}'
                | '\u{2029}'
        );
        if breaks {
            lines.push(&s[start..i]);
            let mut end = i + c.len_utf8();
            if c == '\r' && chars.peek().map(|&(_, n)| n) == Some('\n') {
                chars.next();
                end += 1;
            }
            start = end;
        }
    }
    if start < s.len() {
        lines.push(&s[start..]);
    }
    lines
}

/// `bytes.decode('utf-8')`, with `UnicodeDecodeError`'s text on failure.
pub(crate) fn decode_utf8(b: &[u8]) -> Result<&str, String> {
    std::str::from_utf8(b).map_err(|e| {
        let start = e.valid_up_to();
        // Rust and CPython both stop at the maximal invalid subpart (Unicode's
        // recommended practice), so the ranges agree.
        let (len, reason) = match e.error_len() {
            None => (b.len() - start, "unexpected end of data"),
            Some(1) if matches!(b[start], 0x80..=0xc1 | 0xf5..=0xff) => (1, "invalid start byte"),
            Some(n) => (n, "invalid continuation byte"),
        };
        if len == 1 {
            format!(
                "'utf-8' codec can't decode byte 0x{:02x} in position {start}: {reason}",
                b[start]
            )
        } else {
            format!(
                "'utf-8' codec can't decode bytes in position {start}-{}: {reason}",
                start + len - 1
            )
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    // Expected values from CPython 3.13.0.
    #[test]
    fn like_python() {
        assert_eq!(strip("\x1c a \u{3000}\u{85}"), "a");
        assert!(is_digit("²٣1") && !is_digit("") && !is_digit("1 "));
        assert_eq!(int(" 007 "), Ok(Some(7)));
        assert_eq!(int("١٢"), Ok(Some(12)));
        assert_eq!(int("18446744073709551616"), Ok(None));
        assert_eq!(
            int("²"),
            Err("invalid literal for int() with base 10: '²'".into())
        );
        assert_eq!(
            int(&"0".repeat(4301)).unwrap_err(),
            "Exceeds the limit (4300 digits) for integer string conversion: value has 4301 \
             digits; use sys.set_int_max_str_digits() to increase the limit"
        );
        assert_eq!(int(&"²".repeat(300)).unwrap_err().chars().count(), 40 + 200);
        assert_eq!(lower("İSTANBUL ΣΑΣ"), "i̇stanbul σας");
        assert_eq!(
            splitlines("a\r\nb\rc\n\nd\x1ce\u{2028}"),
            ["a", "b", "c", "", "d", "e"]
        );
        assert_eq!(splitlines(""), Vec::<&str>::new());
        for (bytes, text) in [
            (
                &b"\xe2\x82"[..],
                "'utf-8' codec can't decode bytes in position 0-1: unexpected end of data",
            ),
            (
                b"\xe2\x41",
                "'utf-8' codec can't decode byte 0xe2 in position 0: invalid continuation byte",
            ),
            (
                b"a\xff",
                "'utf-8' codec can't decode byte 0xff in position 1: invalid start byte",
            ),
            (
                b"\xed\xa0\x80",
                "'utf-8' codec can't decode byte 0xed in position 0: invalid continuation byte",
            ),
            (
                b"\xe2\x82\x41",
                "'utf-8' codec can't decode bytes in position 0-1: invalid continuation byte",
            ),
        ] {
            assert_eq!(decode_utf8(bytes).unwrap_err(), text);
        }
    }
}
