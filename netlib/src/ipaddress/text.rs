//! Address → text, the way CPython writes it (`_string_from_ip_int`,
//! `_compress_hextets`, `_explode_shorthand_ip_string`, `_reverse_pointer`).

use std::fmt::Write;

fn hextets(ip: u128) -> [u16; 8] {
    let mut out = [0u16; 8];
    for (i, h) in out.iter_mut().enumerate() {
        *h = (ip >> (112 - 16 * i)) as u16;
    }
    out
}

/// Compressed IPv6 text without the IPv4-mapped dotted form: the first
/// longest run of two or more zero hextets becomes `::`.
pub(crate) fn v6_compressed(ip: u128) -> String {
    let groups = hextets(ip);
    let (mut best_start, mut best_len) = (0usize, 0usize);
    let mut run_start = 0usize;
    let mut run_len = 0usize;
    for (i, &g) in groups.iter().enumerate() {
        if g == 0 {
            if run_len == 0 {
                run_start = i;
            }
            run_len += 1;
            if run_len > best_len {
                best_start = run_start;
                best_len = run_len;
            }
        } else {
            run_len = 0;
        }
    }
    let join = |gs: &[u16]| {
        gs.iter()
            .map(|g| format!("{g:x}"))
            .collect::<Vec<_>>()
            .join(":")
    };
    if best_len > 1 {
        let head = groups.get(..best_start).unwrap_or_default();
        let tail = groups.get(best_start + best_len..).unwrap_or_default();
        format!("{}::{}", join(head), join(tail))
    } else {
        join(&groups)
    }
}

/// Eight four-digit hextets, `2001:0db8:0000:…`.
pub(crate) fn v6_exploded_hex(ip: u128) -> String {
    let mut out = String::with_capacity(39);
    for (i, g) in hextets(ip).iter().enumerate() {
        if i > 0 {
            out.push(':');
        }
        let _ = write!(out, "{g:04x}");
    }
    out
}

/// Python's `'.'.join(reversed(text.replace(':', ''))) + '.ip6.arpa'`.
pub(crate) fn v6_reverse_of(exploded: &str) -> String {
    let mut out = String::with_capacity(exploded.len() * 2 + 9);
    for c in exploded.chars().rev().filter(|&c| c != ':') {
        out.push(c);
        out.push('.');
    }
    out.push_str("ip6.arpa");
    out
}

/// Python's `'.'.join(text.split('.')[::-1]) + '.in-addr.arpa'`.
pub(crate) fn v4_reverse_of(text: &str) -> String {
    let mut parts: Vec<&str> = text.split('.').collect();
    parts.reverse();
    format!("{}.in-addr.arpa", parts.join("."))
}
