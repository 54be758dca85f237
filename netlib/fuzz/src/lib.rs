//! Helpers shared by the fuzz targets in `fuzz_targets/`.
//!
//! Every target reads libFuzzer's bytes as UTF-8 text (Python's parsers take
//! `str`); input that is not UTF-8 is skipped. Targets with two arguments
//! read them as `first NUL second`, which is also how `seed` writes their
//! corpus files.

/// The input as text, or `None` when it is not UTF-8.
pub fn text(data: &[u8]) -> Option<&str> {
    std::str::from_utf8(data).ok()
}

/// Two arguments: the text before the first NUL and the text after it.
/// Without a NUL, the whole input is the second argument and the first is
/// `default`.
pub fn two<'a>(data: &'a [u8], default: &'a str) -> Option<(&'a str, &'a str)> {
    let s = text(data)?;
    Some(match s.split_once('\0') {
        Some((a, b)) => (a, b),
        None => (default, s),
    })
}

use netlib::ipaddress::{IpNetwork, ip_network};

/// What holds for every network `ip_network` or `ip_network_loose` returns
/// for the input `s` (checked against CPython 3.13): `str` and the `with_*`
/// forms parse back, strictly, to the same network, and the network holds
/// its own first and last address. The rest is called for panics only.
pub fn check_network(s: &str, n: &IpNetwork) {
    assert_eq!(ip_network(n.to_string()).as_ref(), Ok(n), "str of {s:?}");
    assert_eq!(
        ip_network(n.with_prefixlen()).as_ref(),
        Ok(n),
        "with_prefixlen of {s:?}"
    );
    // Python parses a netmask or hostmask after the '/' for IPv4 only, and
    // reads /0.0.0.0 and /255.255.255.255 as netmasks, so with_hostmask
    // comes back for prefixes 1..=31 only.
    if let IpNetwork::V4(_) = n {
        assert_eq!(
            ip_network(n.with_netmask()).as_ref(),
            Ok(n),
            "with_netmask of {s:?}"
        );
        if (1..32).contains(&n.prefixlen()) {
            assert_eq!(
                ip_network(n.with_hostmask()).as_ref(),
                Ok(n),
                "with_hostmask of {s:?}"
            );
        }
    }
    assert!(
        n.contains(&n.network_address()),
        "{s:?} holds its network address"
    );
    assert!(
        n.contains(&n.broadcast_address()),
        "{s:?} holds its broadcast address"
    );
    let _ = (
        format!("{n:?}"),
        n.exploded(),
        n.compressed(),
        n.reverse_pointer(),
    );
    let _ = (n.netmask(), n.hostmask(), n.num_addresses().to_string());
    let (mut hosts, mut all) = (n.hosts(), n.iter());
    let _ = (
        hosts.size_hint(),
        hosts.next(),
        hosts.next_back(),
        all.next_back(),
        all.nth(1),
    );
    let _ = (
        n.subnets(1).map(|mut i| i.next_back()),
        n.subnets(200).is_ok(),
    );
    let _ = (n.supernet(1), n.supernet(200), n.supernet_new_prefix(0));
    let _ = (
        n.is_private(),
        n.is_global(),
        n.is_reserved(),
        n.is_multicast(),
    );
    let _ = (
        n.is_loopback(),
        n.is_link_local(),
        n.is_unspecified(),
        n.is_site_local(),
    );
}
