//! The two netloc checks `urlsplit` makes: the bracketed host must be an
//! IP literal, and a non-ASCII netloc must not hide URL delimiters behind
//! NFKC normalisation.

use super::error::Error;
use crate::repr::str_repr;

/// Python's `_check_bracketed_host`: `v<hex>.<anything>` (IPvFuture) or
/// whatever `ipaddress.ip_address` accepts as IPv6. This module keeps its own
/// copy of Python's address grammar so that `urllib` does not depend on the
/// `ipaddress` module's API.
pub(super) fn check_bracketed_host(host: &str) -> Result<(), Error> {
    if let Some(rest) = host.strip_prefix('v') {
        let (digits, tail) = match rest.find('.') {
            Some(dot) => (&rest[..dot], &rest[dot + 1..]),
            None => (rest, ""),
        };
        // `.+` in Python's regex needs one character that is not a newline;
        // urlsplit has already removed every newline.
        let ok =
            !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_hexdigit()) && !tail.is_empty();
        return if ok {
            Ok(())
        } else {
            Err(Error::value("IPvFuture address is invalid"))
        };
    }
    if is_python_ipv4(host) {
        return Err(Error::value("An IPv4 address cannot be in brackets"));
    }
    if is_python_ipv6(host) {
        return Ok(());
    }
    Err(Error::value(format!(
        "{} does not appear to be an IPv4 or IPv6 address",
        str_repr(host)
    )))
}

/// `ipaddress.IPv4Address(s)` succeeds: four decimal octets of at most three
/// digits, no leading zeros, each at most 255.
fn is_python_ipv4(s: &str) -> bool {
    let octets: Vec<&str> = s.split('.').collect();
    octets.len() == 4
        && octets.iter().all(|o| {
            !o.is_empty()
                && o.len() <= 3
                && o.bytes().all(|b| b.is_ascii_digit())
                && (o.len() == 1 || !o.starts_with('0'))
                && o.parse::<u16>().is_ok_and(|n| n <= 255)
        })
}

/// `ipaddress.IPv6Address(s)` succeeds, scope id (`%zone`) included.
fn is_python_ipv6(s: &str) -> bool {
    if s.contains('/') {
        return false;
    }
    let addr = match s.split_once('%') {
        Some((_, zone)) if zone.is_empty() || zone.contains('%') => return false,
        Some((addr, _)) => addr,
        None => s,
    };
    if addr.is_empty() {
        return false;
    }
    let mut parts: Vec<&str> = addr.split(':').collect();
    if parts.len() < 3 {
        return false;
    }
    if parts.last().is_some_and(|p| p.contains('.')) {
        match parts.pop() {
            Some(v4) if is_python_ipv4(v4) => {}
            _ => return false,
        }
        // Two hextets stand for the dotted quad; their text no longer matters.
        parts.push("0");
        parts.push("0");
    }
    if parts.len() > 9 {
        return false;
    }
    let inner = &parts[1..parts.len() - 1];
    let mut empties = inner.iter().enumerate().filter(|(_, p)| p.is_empty());
    let skip = empties.next().map(|(i, _)| i + 1);
    if empties.next().is_some() {
        return false;
    }
    let first_empty = parts.first().is_some_and(|p| p.is_empty());
    let last_empty = parts.last().is_some_and(|p| p.is_empty());
    let (hi, lo) = match skip {
        Some(skip) => {
            let mut hi = skip;
            let mut lo = parts.len() - skip - 1;
            if first_empty {
                hi -= 1;
                if hi != 0 {
                    return false;
                }
            }
            if last_empty {
                lo -= 1;
                if lo != 0 {
                    return false;
                }
            }
            if hi + lo >= 8 {
                return false;
            }
            (hi, lo)
        }
        None => {
            if parts.len() != 8 || first_empty || last_empty {
                return false;
            }
            (8, 0)
        }
    };
    let hextet =
        |p: &&str| !p.is_empty() && p.len() <= 4 && p.bytes().all(|b| b.is_ascii_hexdigit());
    parts[..hi].iter().all(hextet) && parts[parts.len() - lo..].iter().all(hextet)
}

/// Characters whose NFKC form contains one of `/ ? # @ :` (Unicode 15.1, as
/// in CPython 3.13; `gen_urllib_parse.py` checks this list). Since no
/// composition can create or absorb those ASCII characters, Python's
/// "NFKC(n) != n and NFKC(n) contains a delimiter" is exactly "n contains one
/// of these", so no normalisation tables are needed.
const NFKC_DELIMITER_SOURCES: [char; 19] = [
    '\u{2047}', '\u{2048}', '\u{2049}', '\u{2100}', '\u{2101}', '\u{2105}', '\u{2106}', '\u{2a74}',
    '\u{fe13}', '\u{fe16}', '\u{fe55}', '\u{fe56}', '\u{fe5f}', '\u{fe6b}', '\u{ff03}', '\u{ff0f}',
    '\u{ff1a}', '\u{ff1f}', '\u{ff20}',
];

/// Python's `_checknetloc`.
pub(super) fn check_netloc_nfkc(netloc: &str) -> Result<(), Error> {
    if netloc.is_ascii() || !netloc.contains(&NFKC_DELIMITER_SOURCES[..]) {
        return Ok(());
    }
    Err(Error::value(format!(
        "netloc '{netloc}' contains invalid characters under NFKC normalization"
    )))
}
