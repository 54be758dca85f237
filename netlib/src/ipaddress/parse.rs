//! Text → integer parsing with CPython's rules and error texts
//! (`_ip_int_from_string`, `_parse_octet`, `_parse_hextet`,
//! `_split_scope_id`, `_make_netmask`).

use super::error::Error;
use crate::repr::str_repr;

fn is_ascii_digits(s: &str) -> bool {
    // Python's `s.isascii() and s.isdigit()`: empty strings are not digits.
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
}

/// One dotted-decimal octet; the error text is the inner `ValueError` that
/// the caller wraps as `"... in 'addr'"`.
fn parse_octet(octet: &str) -> Result<u8, String> {
    if octet.is_empty() {
        return Err("Empty octet not permitted".to_owned());
    }
    if !is_ascii_digits(octet) {
        return Err(format!(
            "Only decimal digits permitted in {}",
            str_repr(octet)
        ));
    }
    // The character check comes first because its message says more.
    if octet.len() > 3 {
        return Err(format!(
            "At most 3 characters permitted in {}",
            str_repr(octet)
        ));
    }
    // As strict as glibc's inet_pton (CPython bpo-36384).
    if octet != "0" && octet.starts_with('0') {
        return Err(format!(
            "Leading zeros are not permitted in {}",
            str_repr(octet)
        ));
    }
    let value: u32 = octet
        .bytes()
        .fold(0, |acc, b| acc * 10 + u32::from(b - b'0'));
    u8::try_from(value).map_err(|_| format!("Octet {value} (> 255) not permitted"))
}

/// The accepting half of [`v4_from_str`] without its error texts: `None`
/// for anything it does not accept, so a caller that only wants to know
/// (like `ip_address`, which tries IPv4 before IPv6) builds no message.
/// It accepts nothing that `v4_from_str` rejects; on `None` the callers
/// still run the full parser, which decides.
pub(crate) fn v4_quick(text: &str) -> Option<u32> {
    let mut value = 0u32;
    let mut count = 0;
    for octet in text.split('.') {
        count += 1;
        let digits = octet.as_bytes();
        let leading_zero = digits.len() > 1 && digits.first() == Some(&b'0');
        if count > 4 || !(1..=3).contains(&digits.len()) || leading_zero {
            return None;
        }
        let mut n = 0u32;
        for &d in digits {
            if !d.is_ascii_digit() {
                return None;
            }
            n = n * 10 + u32::from(d - b'0');
        }
        if n > 255 {
            return None;
        }
        value = (value << 8) | n;
    }
    (count == 4).then_some(value)
}

/// The accepting half of [`v6_from_str`] (no scope id), like [`v4_quick`]:
/// hextets of 1-4 hex digits, at most one `::` standing for at least one
/// hextet, and a dotted IPv4 address as the last two.
pub(crate) fn v6_quick(text: &str) -> Option<u128> {
    let (mut hi, mut lo) = ([0u16; 8], [0u16; 8]);
    let (hi_len, lo_len) = match text.split_once("::") {
        None => (hextets(text, &mut hi, true).filter(|&n| n == 8)?, 0),
        Some((_, tail)) if tail.contains("::") => return None,
        Some((head, tail)) => {
            let counts = (
                hextets(head, &mut hi, false)?,
                hextets(tail, &mut lo, true)?,
            );
            (counts.0 + counts.1 <= 7).then_some(counts)?
        }
    };
    let mut value = 0u128;
    for (i, &h) in hi.iter().take(hi_len).enumerate() {
        value |= u128::from(h) << (16 * (7 - i));
    }
    for (i, &h) in lo.iter().take(lo_len).enumerate() {
        value |= u128::from(h) << (16 * (lo_len - 1 - i));
    }
    Some(value)
}

/// The hextets of one side of a `::` (or of a whole address without one)
/// into `out`; `dotted_tail` lets the last part be an IPv4 address.
fn hextets(side: &str, out: &mut [u16; 8], dotted_tail: bool) -> Option<usize> {
    if side.is_empty() {
        return Some(0);
    }
    let mut n = 0;
    let mut parts = side.split(':').peekable();
    while let Some(part) = parts.next() {
        if dotted_tail && parts.peek().is_none() && part.contains('.') {
            let v4 = v4_quick(part)?;
            *out.get_mut(n)? = (v4 >> 16) as u16;
            *out.get_mut(n + 1)? = v4 as u16;
            return Some(n + 2);
        }
        if !(1..=4).contains(&part.len()) || !part.bytes().all(|b| b.is_ascii_hexdigit()) {
            return None;
        }
        *out.get_mut(n)? = u16::from_str_radix(part, 16).ok()?;
        n += 1;
    }
    Some(n)
}

/// `_BaseV4._ip_int_from_string`: dotted decimal only, no `/` check.
pub(crate) fn v4_from_str(text: &str) -> Result<u32, Error> {
    v4_quick(text).map_or_else(|| v4_full(text), Ok)
}

/// [`v4_from_str`] with every error text; see [`v4_quick`].
fn v4_full(text: &str) -> Result<u32, Error> {
    if text.is_empty() {
        return Err(Error::address("Address cannot be empty"));
    }
    let octets: Vec<&str> = text.split('.').collect();
    if octets.len() != 4 {
        return Err(Error::address(format!(
            "Expected 4 octets in {}",
            str_repr(text)
        )));
    }
    let mut value = 0u32;
    for octet in octets {
        let byte =
            parse_octet(octet).map_err(|e| Error::address(format!("{e} in {}", str_repr(text))))?;
        value = (value << 8) | u32::from(byte);
    }
    Ok(value)
}

fn parse_hextet(hextet: &str) -> Result<u16, String> {
    if !hextet.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(format!("Only hex digits permitted in {}", str_repr(hextet)));
    }
    if hextet.len() > 4 {
        return Err(format!(
            "At most 4 characters permitted in {}",
            str_repr(hextet)
        ));
    }
    // Python's int('', 16) fails, but an empty hextet never reaches here:
    // the '::' bookkeeping rejects empty parts first.
    u16::from_str_radix(hextet, 16)
        .map_err(|_| format!("Only hex digits permitted in {}", str_repr(hextet)))
}

/// `_BaseV6._ip_int_from_string`: no scope id, no `/`.
pub(crate) fn v6_from_str(text: &str) -> Result<u128, Error> {
    v6_quick(text).map_or_else(|| v6_full(text), Ok)
}

/// [`v6_from_str`] with every error text; see [`v6_quick`].
fn v6_full(text: &str) -> Result<u128, Error> {
    const HEXTETS: usize = 8;
    if text.is_empty() {
        return Err(Error::address("Address cannot be empty"));
    }
    let mut parts: Vec<String> = text.split(':').map(str::to_owned).collect();
    if parts.len() < 3 {
        return Err(Error::address(format!(
            "At least 3 parts expected in {}",
            str_repr(text)
        )));
    }
    if parts.last().is_some_and(|p| p.contains('.')) {
        let tail = parts.pop().unwrap_or_default();
        let v4 = v4_address_from_str(&tail)
            .map_err(|e| Error::address(format!("{e} in {}", str_repr(text))))?;
        parts.push(format!("{:x}", v4 >> 16));
        parts.push(format!("{:x}", v4 & 0xffff));
    }
    if parts.len() > HEXTETS + 1 {
        return Err(Error::address(format!(
            "At most {} colons permitted in {}",
            HEXTETS,
            str_repr(text)
        )));
    }
    let count = parts.len();
    let mut skip_index = None;
    for (i, part) in parts.iter().enumerate().take(count - 1).skip(1) {
        if part.is_empty() {
            if skip_index.is_some() {
                return Err(Error::address(format!(
                    "At most one '::' permitted in {}",
                    str_repr(text)
                )));
            }
            skip_index = Some(i);
        }
    }
    let first_empty = parts.first().is_some_and(|p| p.is_empty());
    let last_empty = parts.last().is_some_and(|p| p.is_empty());
    let leading = || {
        Error::address(format!(
            "Leading ':' only permitted as part of '::' in {}",
            str_repr(text)
        ))
    };
    let trailing = || {
        Error::address(format!(
            "Trailing ':' only permitted as part of '::' in {}",
            str_repr(text)
        ))
    };
    let (parts_hi, parts_lo, parts_skipped) = if let Some(skip) = skip_index {
        let mut hi = skip;
        let mut lo = count - skip - 1;
        if first_empty {
            hi -= 1;
            if hi != 0 {
                return Err(leading());
            }
        }
        if last_empty {
            lo -= 1;
            if lo != 0 {
                return Err(trailing());
            }
        }
        if hi + lo >= HEXTETS {
            return Err(Error::address(format!(
                "Expected at most {} other parts with '::' in {}",
                HEXTETS - 1,
                str_repr(text)
            )));
        }
        (hi, lo, HEXTETS - hi - lo)
    } else {
        if count != HEXTETS {
            return Err(Error::address(format!(
                "Exactly {} parts expected without '::' in {}",
                HEXTETS,
                str_repr(text)
            )));
        }
        if first_empty {
            return Err(leading());
        }
        if last_empty {
            return Err(trailing());
        }
        (count, 0, 0)
    };
    let wrap = |e: String| Error::address(format!("{e} in {}", str_repr(text)));
    let mut value = 0u128;
    for part in &parts[..parts_hi] {
        value = (value << 16) | u128::from(parse_hextet(part).map_err(wrap)?);
    }
    // A shift by the full width would overflow; only "::" alone skips 8.
    value = value.checked_shl(16 * parts_skipped as u32).unwrap_or(0);
    for part in &parts[count - parts_lo..] {
        value = (value << 16) | u128::from(parse_hextet(part).map_err(wrap)?);
    }
    Ok(value)
}

/// `IPv4Address(str)`: rejects `/` first, then parses.
pub(crate) fn v4_address_from_str(text: &str) -> Result<u32, Error> {
    if text.contains('/') {
        return Err(Error::address(format!(
            "Unexpected '/' in {}",
            str_repr(text)
        )));
    }
    v4_from_str(text)
}

/// `IPv6Address(str)`: rejects `/`, splits the scope id, parses.
pub(crate) fn v6_address_from_str(text: &str) -> Result<(u128, Option<Box<str>>), Error> {
    if text.contains('/') {
        return Err(Error::address(format!(
            "Unexpected '/' in {}",
            str_repr(text)
        )));
    }
    let (addr, scope) = match text.split_once('%') {
        None => (text, None),
        Some((addr, scope)) => {
            if scope.is_empty() || scope.contains('%') {
                return Err(Error::address(format!(
                    "Invalid IPv6 address: \"{}\"",
                    str_repr(text)
                )));
            }
            (addr, Some(Box::<str>::from(scope)))
        }
    };
    Ok((v6_from_str(addr)?, scope))
}

/// A mask as Python's `_make_netmask` receives it: an `int` or a `str`.
/// (Public only because [`Arg`](super::convert::Arg) is; not nameable
/// outside the crate.)
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Mask {
    /// A prefix length given as an integer.
    Int(i128),
    /// A prefix length, netmask or hostmask given as text.
    Text(String),
}

impl Mask {
    pub(crate) fn repr(&self) -> String {
        match self {
            Mask::Int(n) => n.to_string(),
            Mask::Text(s) => str_repr(s),
        }
    }
}

fn invalid_netmask(mask: &str) -> Error {
    Error::netmask(format!("{} is not a valid netmask", str_repr(mask)))
}

/// `_prefix_from_prefix_string`: ASCII digits only (no sign, no spaces),
/// leading zeros allowed, at most `max`.
fn prefix_from_digits(text: &str, max: u8) -> Result<u8, Error> {
    if !is_ascii_digits(text) {
        return Err(invalid_netmask(text));
    }
    let digits = text.trim_start_matches('0');
    match digits.parse::<u16>() {
        _ if digits.is_empty() => Ok(0),
        Ok(n) if n <= u16::from(max) => u8::try_from(n).map_err(|_| invalid_netmask(text)),
        _ => Err(invalid_netmask(text)),
    }
}

/// `_prefix_from_ip_int`: the prefix length of a `1*0*` bit pattern.
fn prefix_from_mask_bits(bits: u32) -> Option<u8> {
    let ones = bits.leading_ones();
    (bits.checked_shl(ones).unwrap_or(0) == 0).then_some(ones as u8)
}

/// `_BaseV4._make_netmask`: a prefix length, a netmask or a hostmask.
pub(crate) fn v4_prefix(mask: &Mask) -> Result<u8, Error> {
    match mask {
        Mask::Int(n) => u8::try_from(*n)
            .ok()
            .filter(|p| *p <= 32)
            .ok_or_else(|| Error::netmask(format!("{n} is not a valid netmask"))),
        Mask::Text(text) => prefix_from_digits(text, 32).or_else(|_| {
            let bits = v4_from_str(text).map_err(|_| invalid_netmask(text))?;
            // All-ones and all-zeros read as netmasks (/32 and /0).
            prefix_from_mask_bits(bits)
                .or_else(|| prefix_from_mask_bits(!bits))
                .ok_or_else(|| invalid_netmask(text))
        }),
    }
}

/// `_BaseV6._make_netmask`: IPv6 takes prefix lengths only.
pub(crate) fn v6_prefix(mask: &Mask) -> Result<u8, Error> {
    match mask {
        Mask::Int(n) => u8::try_from(*n)
            .ok()
            .filter(|p| *p <= 128)
            .ok_or_else(|| Error::netmask(format!("{n} is not a valid netmask"))),
        Mask::Text(text) => prefix_from_digits(text, 128),
    }
}

/// Python's `str.split('/')` into at most address and mask, with
/// `_split_optional_netmask`'s error.
pub(crate) fn split_optional_netmask(text: &str) -> Result<(&str, Option<&str>), Error> {
    let mut parts = text.split('/');
    let addr = parts.next().unwrap_or_default();
    let mask = parts.next();
    if parts.next().is_some() {
        return Err(Error::address(format!(
            "Only one '/' permitted in {}",
            str_repr(text)
        )));
    }
    Ok((addr, mask))
}

/// Decimal text of a signed integer wider than 128 bits (sums and
/// differences of addresses), for Python's overflow messages.
pub(crate) fn wide_int_text(negative: bool, carry: bool, low: u128) -> String {
    let magnitude = if carry {
        // 2**128 + low, printed by long division over 32-bit limbs.
        let mut limbs = [
            1u64,
            (low >> 96) as u64 & 0xffff_ffff,
            (low >> 64) as u64 & 0xffff_ffff,
            (low >> 32) as u64 & 0xffff_ffff,
            low as u64 & 0xffff_ffff,
        ];
        let mut digits = Vec::new();
        while limbs.iter().any(|&l| l != 0) {
            let mut rem = 0u64;
            for limb in limbs.iter_mut() {
                let cur = (rem << 32) | *limb;
                *limb = cur / 10;
                rem = cur % 10;
            }
            digits.push(char::from(b'0' + rem as u8));
        }
        digits.iter().rev().collect()
    } else {
        low.to_string()
    };
    if negative && magnitude != "0" {
        format!("-{magnitude}")
    } else {
        magnitude
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The quick parsers must accept exactly what the full ones accept, with
    /// the same value (accepting less would only be slower; more, wrong).
    fn same(text: &str) {
        assert_eq!(v4_quick(text), v4_full(text).ok(), "IPv4 {text:?}");
        assert_eq!(v6_quick(text), v6_full(text).ok(), "IPv6 {text:?}");
    }

    #[test]
    fn quick_parsers_agree_on_edge_cases() {
        for text in [
            "",
            ".",
            "...",
            "0.0.0.0",
            "255.255.255.255",
            "256.0.0.0",
            "01.0.0.0",
            "0.00.0.0",
            "1.2.3",
            "1.2.3.4.",
            "1.2.3.4.5",
            "١.2.3.4",
            "+1.2.3.4",
            "1.2.3.4/8",
            ":",
            "::",
            ":::",
            "::1",
            "1::",
            "1::2::3",
            "::ffff:1.2.3.4",
            "::1.2.3.4",
            "1.2.3.4::",
            "1:2:3:4:5:6:7:8",
            "1:2:3:4:5:6:7::",
            "::2:3:4:5:6:7:8",
            "1:2:3:4:5:6:7:8::",
            "1:2:3:4:5:6:7:8:9",
            "1:2:3:4:5:6:1.2.3.4",
            "1:2:3:4:5::1.2.3.4",
            "1:2:3:4:5:6::1.2.3.4",
            "1:2:3:4:5:6:7:1.2.3.4",
            ":1:2:3:4:5:6:7",
            "1:2:3:4:5:6:7:",
            ":1::",
            "::1:",
            "12345::",
            "+1::",
            "g::",
            "FFFF::ffff",
            "0000:0:0:0:0:0:0:0001",
            "1::01.2.3.4",
            "1::1.2.3",
            "1::1.2.3.4.5",
            "fe80::1%eth0",
            "1::2:3:4:5:6:7",
        ] {
            same(text);
        }
    }

    proptest! {
        #[test]
        fn quick_parsers_agree(text in "[0-9a-fA-F:.]{0,24}") {
            same(&text);
        }

        #[test]
        fn quick_parsers_agree_on_near_addresses(
            groups in proptest::collection::vec("[0-9a-f]{0,5}|[0-9]{1,3}(\\.[0-9]{1,3}){3}", 0..10),
        ) {
            same(&groups.join(":"));
            same(&groups.join("."));
        }
    }
}
